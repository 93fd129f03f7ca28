"""An all-to-all that sends each rank a piece of its own (the token exchange of a mixture of
experts, "piece i is sent to rank i", "one block meant for each worker") is not the all-to-all
optiproof counts, where every worker sends its whole gradient to every other: refused, naming
the phrase, never counted as that scheme; the plain all-to-all is read as before."""

from __future__ import annotations

from optiproof.reading import read_report

from reading_helpers import quantity_values


def _refusal(text: str) -> list[str]:
    reading = read_report(text)
    assert not reading.complete
    return [line for line in reading.unread() if "personalised exchange" in line]


def test_a_mixture_of_experts_exchange_is_refused_naming_it():
    got = _refusal("Six GPUs run a Mixture-of-Experts layer with 10^6 parameters in fp32.\n\n"
                   "(a) In the all-to-all, how many messages does each GPU send?")
    assert got and '"Mixture-of-Experts"' in got[0]


def test_pieces_addressed_to_their_own_rank_are_refused_naming_it():
    got = _refusal("Four ranks each hold 10^6 values in fp32, cut into four pieces, piece i is "
                   "sent to rank i.\n\n(a) For this all-to-all, how many bytes does each rank "
                   "send?")
    assert got and '"piece i is sent to rank i"' in got[0]


def test_the_whole_gradient_all_to_all_is_read_as_before():
    got = quantity_values("Four GPUs average a gradient of 10^6 parameters in fp32.\n\n"
                          "(a) With all-to-all, how many messages are sent in total?")
    assert got["a"] == [("messages", 12)]


def test_a_part_naming_no_scheme_in_a_personalised_exchange_is_refused_naming_it():
    for setting in ("Eight GPUs dispatch tokens in an MoE layer: each holds a 32 MB buffer cut into "
                    "eight chunks, one destined for each GPU.",
                    "Token routing (mixture of experts) on 4 ranks; every rank's 16 MB send buffer "
                    "is split evenly, one piece addressed to every rank."):
        got = _refusal(f"Exercise 2\n\n{setting}\n\n(a) How many messages does each GPU send?\n"
                       "(b) On twice as many GPUs, how many MB does each GPU send?")
        assert len(got) == 2, got


def test_an_expert_parallel_exchange_of_pieces_is_refused_naming_it():
    for setting in ("In an expert-parallel layer, 6 workers each hold 1.2 GB of activations in fp16.",
                    "Six workers each split 10^6 fp32 values into six pieces; each worker sends piece "
                    "j to worker j."):
        got = _refusal(f"Exercise 5\n\n{setting}\n\n(a) How many GB does each worker send?")
        assert got, setting
