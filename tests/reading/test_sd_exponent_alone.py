"""The Hölder conjugate of an exponent asked on its own ("For p = 3, what is q?"): no gradient
and no step are needed, so their absence is no gap; q = p/(p-1) is checked against exact
arithmetic for exponents drawn at random, in plain, LaTeX, PDF-garbled and forum wording. A
part that also asks something the missing data decides stays refused."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_TEMPLATES = [
    "For p = {p}, what is the Hölder conjugate exponent q?",
    r"Let $p = {p}$. Give the H\"older conjugate exponent $q$ with $1/p + 1/q = 1$.",
    "Take p = {p} .\nCompute the Ho¨lder conjugate q ( so that 1/p + 1/q = 1 ) .",
    "quick one: what's the holder conjugate of p = {p}? thanks",
]


@pytest.mark.parametrize("template", _TEMPLATES)
@settings(max_examples=5, deadline=None)
@given(st.integers(2, 40).map(lambda n: Fraction(n, 4)).filter(lambda p: p > 1))
def test_the_conjugate_of_a_named_exponent_needs_no_gradient(template, p):
    text = template.format(p=str(float(p)) if p.denominator > 1 else str(p.numerator))
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    (q,) = [a for part in data["parts"] for a in part["answers"]
            if a["quantity"] == "holder-conjugate"]
    assert Fraction(str(q["expr"])) == p / (p - 1)


def test_a_part_that_also_asks_the_step_stays_refused():
    reading = read_report("For p = 3, what is the Hölder conjugate exponent q, and what is "
                          "the minimiser d?")
    assert not reading.complete
    assert any("no gradient found" in line for line in reading.unread()), reading.unread()
