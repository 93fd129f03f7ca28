"""A ratio of two schemes written with their short names: a quotient of the names ("the ratio
naive / ring", "the ratio of total network traffic (parameter server / ring)"), a time symbol
whose subscript is a word of the name the text gives a scheme ("T_doubling / T_ring" where the
text lists "Recursive doubling"), "their ratio" after one cost of two schemes (the first named
over the second). The quantity is the one named with the ratio, else the one the part asks; a
name no clause of the text ties to one scheme is refused.

Also read: "under the same model" (the latency and bandwidth of an earlier part), "which of the
two algorithms" in a part naming one (with the scheme of the part before), "all links work in
parallel within a step", and a batch size at the end of a sentence (not data)."""

from __future__ import annotations

from fractions import Fraction as Fr

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_SETUP = ("Eight GPUs train a model of 10^6 parameters in fp32 (4 bytes per entry); the global "
          "batch size is 2048. Each message of m bytes costs α + m/B with α = 5 µs and "
          "B = 10 GB/s (10^10 bytes/s).\n\n")
_N, _BYTES, _ALPHA, _B = 8, 4 * 10**6, Fr(5, 10**6), 10**10
_T_RING = 2 * (_N - 1) * (_ALPHA + Fr(_BYTES, _N) / _B)
_T_RD = 3 * (_ALPHA + Fr(_BYTES, _B))
_T_PS = 2 * _N * (_ALPHA + Fr(_BYTES, _B))


def _answers(text: str) -> list[dict]:
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    data = solve_problem(reading.to_problem(),
                         SolveOptions(figures=False, run_witnesses=False)).to_dict()
    return data["parts"]


def _ratio(text: str) -> Fr:
    (ratio,) = [a for a in _answers(text)[-1]["answers"] if a["quantity"] == "ratio"]
    return Fr(ratio["expr"])


def test_a_quotient_of_names_divides_the_cost_the_part_asks():
    text = _SETUP + ("(a) In the naive scheme every GPU sends its full gradient to each of the "
                     "other GPUs. How many bytes does each GPU send? What is the ratio "
                     "naive / ring?")
    assert _ratio(text) == Fr((_N - 1) * _BYTES, 2 * (_N - 1) * _BYTES // _N)


def test_the_quantity_named_with_the_quotient():
    text = _SETUP + ("A parameter server (an extra machine) receives every gradient and sends the "
                     "sum back.\n\n(a) What is the ratio of total network traffic "
                     "(parameter server / ring)?")
    assert _ratio(text) == Fr(2 * _N * _BYTES, 2 * (_N - 1) * _BYTES)


def test_a_name_no_clause_ties_to_a_scheme_is_refused():
    unread = read_report(_SETUP + "(a) How many bytes does each GPU send in the ring? What is "
                                  "the ratio naive / ring?").unread()
    assert [line for line in unread if "ratio" in line and "naive / ring" in line]


def test_a_time_symbol_subscripted_by_a_word_of_the_schemes_name():
    text = _SETUP + ("  - Ring all-reduce: 2(n-1) rounds.\n  - Recursive doubling: log2(n) rounds, "
                     "each exchanging the full vector.\n\n(a) Compute the all-reduce time of "
                     "both algorithms, and the ratio T_doubling / T_ring.")
    assert _ratio(text) == _T_RD / _T_RING


def test_their_ratio_is_the_first_named_over_the_second():
    text = _SETUP + ("A parameter server (an extra machine) receives every gradient and sends the "
                     "sum back; the server processes messages one at a time.\n\n(a) Give the "
                     "communication time of the parameter server and of ring all-reduce, and "
                     "their ratio.")
    assert _ratio(text) == _T_PS / _T_RING


def test_the_same_model_and_the_two_algorithms():
    text = _SETUP.replace("Each message of m bytes costs α + m/B with α = 5 µs and B = 10 GB/s "
                          "(10^10 bytes/s).", "") + (
        "(a) Use the model α + s/B with α = 5 µs and B = 10 GB/s. Assuming the ring steps are "
        "executed one after another and all links work in parallel within a step, what is the "
        "time of one ring all-reduce?\n\n(b) Under the same model, recursive doubling exchanges "
        "the full gradient in each of log_2 n rounds. Compute its time and say which of the two "
        "algorithms is faster here.")
    parts = _answers(text)
    times = {a["name"].split(":")[0]: Fr(a["expr"]) for a in parts[1]["answers"]
             if a["quantity"] == "time"}
    assert times == {"recursive doubling": _T_RD, "ring all-reduce": _T_RING}


def test_a_memory_size_is_not_data():
    text = ("Eight GPUs (each with 40 GB of memory) all-reduce a gradient of 10^6 parameters in "
            "fp32.\n\n(a) How many bytes does each GPU send in the ring all-reduce?")
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    assert [u.text for u in reading.numbers if u.status == "unused"] == []
