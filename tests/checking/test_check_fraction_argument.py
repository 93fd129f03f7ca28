"""A fraction whose argument was left out, so that KaTeX takes a punctuation mark in its place
(``\\frac{E[g^2]} .``), renders as something nobody wrote: an unrenderable formula on the part
that holds it. Complete fractions, ``\\frac12`` and a full stop after a fraction are fine."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

from optiproof.checking.findings import fraction_without_denominator

SDN = "src/optiproof/problems/steepest-descent-numeric.yaml"


@pytest.mark.parametrize("latex,missing", [
    (r"\frac{\mathbb{E}[g^2]} .", "."),
    (r"u = -\dfrac{\alpha}, g", ","),
    (r"x = \frac{1}{2} + \tfrac{3}=", "="),
])
def test_a_fraction_missing_an_argument_is_found(latex, missing):
    assert fraction_without_denominator(latex) == missing


@pytest.mark.parametrize("latex", [r"\frac12", r"\frac{a}{b}.", r"\dfrac{a}b,", r"\frac{a}{\{b\}}",
                                   r"\frac{x}{\|x\|^2} = 1", r"\frac {a} {b}"])
def test_complete_fractions_are_fine(latex):
    assert fraction_without_denominator(latex) is None


def test_the_finding_is_on_the_part_that_holds_it(solved):
    text = ("(a) $u = -\\frac{\\alpha}{2} g = (-0.75, 0.25, -0.5)$, optimal value "
            "$-\\frac{\\alpha\\|g\\|^2}{4} = -1.75$.\n\n(b) The ratio is $\\frac{2.598} .$ about 2.78.\n")
    a = graded_part(solved, SDN, text, "a")
    b = graded_part(solved, SDN, text, "b")
    assert "unrenderable-formula" in finding_kinds(b), b.findings
    assert "unrenderable-formula" not in finding_kinds(a), a.findings
