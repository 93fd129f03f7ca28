"""A summary row labelled by a symbol (``heavy-ball $\\beta$``, ``$\\beta^\\star$ (momentum)``,
``momentum β``) states that symbol's value, whatever generic word heads the column ("Value"):
a right row agrees with the body, a wrong one contradicts it, in several styles."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"

_D = ("### (d)\nPolyak's choice:\n$$\\alpha=\\frac{4}{(\\sqrt{10}+1)^2}\\approx 0.2309,$$\n"
      "$$\\beta=\\left(\\frac{\\sqrt{10}-1}{\\sqrt{10}+1}\\right)^2\\approx 0.2699,$$\n"
      "$$\\rho=\\sqrt{\\beta}\\approx 0.5195.$$\n\n### Summary\n\n")
_ROWS = {
    "topic-and-symbol": ("| Quantity | Value |\n|---|---|\n| heavy-ball $\\alpha$ | $\\approx 0.2309$ |\n"
                         "| heavy-ball $\\beta$ | $\\approx {b}$ |\n| heavy-ball rate | $\\approx 0.5195$ |\n"),
    "starred-latex": ("| | Value |\n|---|---|\n| $\\alpha^\\star$ (step) | 0.2309 |\n"
                      "| $\\beta^\\star$ (momentum) | {b} |\n| $\\rho^\\star$ (rate) | 0.5195 |\n"),
    "unicode": ("| quantity | value |\n|---|---|\n| step α* | 0.2309 |\n| momentum β* | {b} |\n"
                "| rate ρ* | 0.5195 |\n"),
}


@pytest.mark.parametrize("style", sorted(_ROWS))
def test_a_right_row_labelled_by_its_symbol_agrees(solved, style):
    part = graded_part(solved, QD, _D + _ROWS[style].format(b="0.2699"), "d")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("style", sorted(_ROWS))
def test_a_wrong_row_labelled_by_its_symbol_contradicts_the_body(solved, style):
    part = graded_part(solved, QD, _D + _ROWS[style].format(b="0.5195"), "d")
    assert part.verdict == "incorrect", part.findings
    assert set(finding_kinds(part)) & {"inconsistency", "wrong-answer"}, part.findings
    assert all("momentum" in f.message for f in part.findings), part.findings
