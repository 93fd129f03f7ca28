"""A unit named by one size a sentence asks is the unit of the sentence's other sizes ("how many
MB does each node send, and what is the overall traffic?": the traffic in MB too, not only in
bytes); a request to judge a claim the text states ("Is the statement true?") is a question of
its own: refused, naming it, never dropped as a remark so the part answers verified without it."""

from __future__ import annotations

from optiproof.reading import read_report

from reading_helpers import quantity_values

_SETTING = ("Eight GPUs train a network with 5 × 10^8 weights stored as float32. Take 1 MB = "
            "10^6 bytes.\n\n")


def test_the_unit_of_one_size_asked_carries_to_the_other_sizes_of_the_sentence():
    got = quantity_values(_SETTING + "(a) Under ring all-reduce, how many MB does each GPU send, "
                                     "and what is the total traffic summed over the GPUs?")
    # each GPU sends 2 (n-1)/n p values of 4 bytes: 3.5e9 bytes = 3500 MB; eight of them
    assert ("bytes-sent", 3.5e9) in got["a"] and ("ratio", 3500.0) in got["a"]
    assert ("ratio", 28000.0) in got["a"]


def test_two_units_in_one_sentence_each_stay_with_their_own_size():
    got = quantity_values(_SETTING + "(a) Under ring all-reduce, how many GB does each GPU send, "
                                     "and what is the total traffic in MB?")
    assert ("ratio", 3.5) in got["a"] and ("ratio", 28000.0) in got["a"]
    assert ("ratio", 28.0) not in got["a"]


def test_a_request_to_judge_a_stated_claim_is_refused_naming_it():
    reading = read_report(_SETTING + "(a) A colleague says the ring all-reduce makes each GPU "
                                     "send less than a parameter server would. Compute the ratio "
                                     "of the values each GPU sends under ring all-reduce to those "
                                     "it pushes to the parameter server. Is the statement true?")
    assert not reading.complete
    assert any('"Is the statement true?" asks whether a claim the text states is correct' in line
               for line in reading.unread())


def test_a_remark_about_the_askers_own_work_is_still_no_request():
    reading = read_report(_SETTING + "(a) Under ring all-reduce, how many bytes does each GPU "
                                     "send? I got 3.5e9, is that right?")
    assert not any("asks whether a claim" in line for line in reading.unread())


def test_the_one_unit_of_a_part_carries_to_its_other_sentences():
    got = quantity_values(_SETTING + "(a) Under a parameter server, how many bytes does the "
                                     "server receive per step (in MB)? And how much does one GPU send?")
    # the server takes 8 gradients of 2e9 bytes; one GPU pushes one
    assert ("server-bytes-received", 1.6e10) in got["a"] and ("ratio", 16000.0) in got["a"]
    assert ("bytes-sent", 2e9) in got["a"] and ("ratio", 2000.0) in got["a"]
