"""A comparison of what one node sends under two schemes named by their labels ("in option 1
than in option 2") or with the first scheme named ahead of it ("With all-to-all, how many times
more floats does each worker send than with the ring?") is the ratio of those two per-node
costs; "And under option 2?" asks the part's request again of the other scheme."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from optiproof.reading import read_report


def _text(n: int, p: int, question: str) -> str:
    return (f"{n} workers each hold a vector of p = {p} floats.\n\n"
            "Option 1 (all-to-all): each worker sends its full vector to every other worker.\n"
            "Option 2 (ring all-reduce): reduce-scatter then all-gather around a ring.\n\n"
            "(a) How many values does one worker send under option 1? And under option 2?\n"
            f"(b) {question}\n")


_QUESTIONS = [
    ("How many times more values does a worker send in option 1 than in option 2?",
     "values-sent"),
    ("With all-to-all, how many times more floats does each worker send than with the ring?",
     "values-sent"),
    ("How many times more data does one worker receive in option 1 than in option 2?",
     "values-received"),
    ("Using option 1, how many times more entries does a single worker send than using "
     "option 2?", "values-sent"),
]


@pytest.mark.parametrize("question, key", _QUESTIONS)
def test_the_operands_are_the_labelled_schemes_costs(question: str, key: str) -> None:
    reading = read_report(_text(8, 4096, question))
    assert reading.complete, reading.unread()
    (ratio,) = reading.parts[1].value("derived")
    assert (ratio["of"], ratio["to"]) == (f"{key}[all-to-all]", f"{key}[ring-allreduce]")


@pytest.mark.parametrize("question", [
    "How many times more values does a worker send in option 3 than in option 2?",
    "With both schemes, how many times more values does a worker send than with the ring?",
    "How many times more values does a worker send in option 1 than in option 1?",
])
def test_an_operand_that_names_no_one_scheme_is_refused(question: str) -> None:
    assert not read_report(_text(8, 4096, question)).complete


@settings(max_examples=3, deadline=None)
@given(n=st.integers(2, 9), k=st.integers(1, 200), which=st.sampled_from(_QUESTIONS))
def test_all_to_all_sends_n_over_2_times_the_ring(n: int, k: int, which: tuple[str, str]) -> None:
    from fractions import Fraction

    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    reading = read_report(_text(n, n * k, which[0]))
    assert reading.complete, reading.unread()
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    (ratio,) = [a for a in data["parts"][1]["answers"] if a["quantity"] == "ratio"]
    # all-to-all: (n - 1) whole vectors; ring: 2(n - 1) chunks of p/n
    assert Fraction(ratio["expr"]) == Fraction((n - 1) * n * k, 2 * (n - 1) * k)


@pytest.mark.parametrize("ask", [
    "(c) Give that ratio as a function of n for general n and p.",
    "(c) Write the same ratio in terms of n and p.",
    "(c) Express this ratio for arbitrary n and p.",
])
def test_the_ratio_referred_again_is_the_earlier_parts_in_symbols(ask: str) -> None:
    import sympy as sp

    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    text = _text(8, 4096, _QUESTIONS[0][0]).replace("8 workers", "n = 8 workers") + ask + "\n"
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert (reading.parts[2].value("n"), reading.parts[2].value("p")) == ("n", "p")
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    (ratio,) = [a for a in data["parts"][2]["answers"] if a["quantity"] == "ratio"]
    n = sp.Symbol("n", positive=True)
    assert sp.simplify(sp.sympify(ratio["expr"], locals={"n": n}) - n / 2) == 0


def test_a_ratio_referred_that_no_part_derived_is_refused() -> None:
    text = ("n = 8 workers each hold a vector of p = 4096 floats and run a ring all-reduce.\n"
            "(a) How many values does one worker send?\n"
            "(b) Give that ratio as a function of n and p.\n")
    assert not read_report(text).complete
