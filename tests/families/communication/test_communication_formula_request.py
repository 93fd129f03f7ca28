"""A part that asks its answer as a formula in the letters of the counts ("Write it as a function
of N and d.", "give the general expression in K and m", "as a formula in k (machines) and
w (weights)") keeps those counts as letters, though the text gives their numbers; a letter that
is no count of the part, or a latency the part reads as a number, is refused naming it; a part
that also asks the value is left to the number-alone refusal."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from optiproof.reading import read_report

_SETTING = ("K = 16 machines each hold a gradient of m = 3 × 10^6 entries stored in bf16. They use "
            "ring all-reduce; a message of x bytes costs α + x/B with α = 4 µs and B = 50 GB/s.\n")
_NEXT = "(2) How many rounds does the ring need?\n"


@pytest.mark.parametrize("question, letters", [
    ("(1) How many values does one machine send? Give the general expression in K and m.",
     ("K", "m")),
    ("(1) Write, in terms of K and m, the number of values each machine sends.", ("K", "m")),
    ("(1) How many entries does a single machine receive? Now write it as a function of K and m.",
     ("K", "m")),
    ("(1) Could you write the per-machine byte count as a formula in k (machines) and w "
     "(weights)?", ("k", "w")),
    ("(1) Express the number of bytes each machine sends in terms of k (nodes) and w "
     "(parameters).", ("k", "w")),
    ("(1) Give the per-machine byte count for general k (workers) and w (params).", ("k", "w")),
])
def test_the_letters_asked_are_kept_as_symbols(question: str, letters: tuple[str, str]) -> None:
    reading = read_report(_SETTING + question + "\n" + _NEXT)
    assert reading.complete, reading.unread()
    part = reading.parts[0]
    assert (part.value("n"), part.value("p")) == letters
    assert any(c.name == "formula" for c in part.conventions)


@pytest.mark.parametrize("question", [
    "(1) How many values does one machine send? Give the general expression in K, m and q.",
    "(1) Write the number of values each machine sends in terms of r and m.",
    "(1) Give the time of the ring as a function of K, m and α.",
])
def test_a_letter_that_is_no_count_is_refused(question: str) -> None:
    reading = read_report(_SETTING + question + "\n" + _NEXT)
    assert not reading.complete
    assert any("formula in" in line for line in reading.unread()), reading.unread()


@pytest.mark.parametrize("question", [
    "(1) Give the number of values each machine sends as a function of K and m, and evaluate it.",
    "(1) In terms of K and m, how many values does one machine send? Take K = 4 and m = 100.",
])
def test_a_part_that_also_asks_the_value_keeps_its_numbers(question: str) -> None:
    reading = read_report(_SETTING + question + "\n" + _NEXT)
    assert not isinstance(reading.parts[0].value("n"), str)


@settings(max_examples=3, deadline=None)
@given(k=st.integers(2, 64), j=st.integers(2, 10**5))
def test_the_formula_answered_counts_each_chunk_twice(k: int, j: int) -> None:
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    m = k * j
    text = (_SETTING.replace("K = 16", f"K = {k}").replace("3 × 10^6", str(m)) +
            "(1) How many values does one machine send? Give the general expression in K and m.\n" + _NEXT)
    reading = read_report(text)
    assert reading.complete, reading.unread()
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    (answer,) = data["parts"][0]["answers"]
    K, M = sp.symbols("K m", positive=True)
    got = sp.sympify(answer["expr"], locals={"K": K, "m": M})
    # reduce-scatter and all-gather: K - 1 chunks of m/K each
    assert sp.simplify(got - 2 * (K - 1) * M / K) == 0
