"""Two ways a communication request names its size: "the chunk size (in bytes)" is the size of
each message when every message is one of the ring's n chunks (refused, naming the phrase, for
a scheme whose messages are not its chunks); a sentence of its own that only names the unit of
the answer ("Give the answer in GB.", "Express your result in ms.") gives the sizes or times of
the part in that unit, beside the base unit."""

from __future__ import annotations

from optiproof.reading import read_report

from reading_helpers import quantity_values, solved

_SETTING = ("Consider n = 4 workers that all-reduce a gradient of p = 1.2 × 10^7 parameters "
            "stored in 32-bit floats. Each message of m bytes costs α + m/β with α = 20 µs and "
            "β = 12 GB/s.\n\n")


_answers = quantity_values


def test_chunk_size_in_bytes_is_the_ring_message_size():
    got = _answers(_SETTING + "(a) For ring all-reduce, what is the chunk size in bytes, and how "
                              "many bytes does each worker send?\n\n(b) For ring all-reduce, how "
                              "large is each chunk?")
    assert got["a"] == [("message-bytes", 12e6), ("bytes-sent", 72e6)]
    assert got["b"] == [("message-size", 3e6)]


def test_chunk_size_of_a_tree_is_refused_naming_the_phrase():
    reading = read_report(_SETTING + "(a) For tree all-reduce, what is the chunk size?")
    assert not reading.complete
    assert any('"chunk size": a chunk is one message only in the ring' in line
               for line in reading.unread())


def test_a_unit_sentence_gives_the_size_in_that_unit():
    got = _answers(_SETTING + "(a) For ring all-reduce, how many bytes does each worker send? "
                              "Give the answer in MB.")
    assert ("bytes-sent", 72e6) in got["a"] and ("ratio", 72.0) in got["a"]


def test_a_unit_sentence_gives_the_time_in_that_unit():
    got = _answers(_SETTING + "(a) Compute the time of one ring all-reduce. Express your result "
                              "in ms.")
    assert ("time", 0.00612) in got["a"]
    assert any(q == "ratio" and abs(v - 6.12) < 1e-9 for q, v in got["a"])


def test_a_unit_sentence_in_base_units_changes_nothing():
    got = _answers(_SETTING + "(a) Compute the time of one ring all-reduce. Give the answer in "
                              "seconds.")
    assert got["a"] == [("time", 0.00612)]


def test_a_size_in_a_unit_is_shown_by_what_it_measures():
    from optiproof.rendering.answers import answer_label

    _, solution = solved(_SETTING + "(a) For ring all-reduce, how large (in MB) is each message?")
    (part,) = solution.parts
    labels = [answer_label(part, a) for a in part.answers]
    assert "Size of each message in MB (ring all-reduce)" in labels
    assert not any(label.startswith("Ratio") for label in labels)
