"""A value whose subject is built from another answer's symbol (``convergence rate
√β* = (√10 − 1)/(√10 + 1) ≈ 0.5195``) is named by the words before it, not by the symbol
inside it: it states the rate, not the momentum (a wrong one is not taken as the rate)."""

from __future__ import annotations

import pytest
from conftest import graded_part

QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"

_HEAD = ("(d) Polyak's tuning: $\\alpha^\\star = 4/(\\sqrt{10}+1)^2 \\approx 0.2309$, "
         "$\\beta^\\star = \\left(\\frac{\\sqrt{10}-1}{\\sqrt{10}+1}\\right)^2 \\approx 0.2699$, ")
_RATES = {
    "latex": "with convergence rate $\\sqrt{\\beta^\\star} = (\\sqrt{10}-1)/(\\sqrt{10}+1) "
             "\\approx {r}$.\n",
    "unicode": "with convergence rate √β* ≈ {r}.\n",
}


@pytest.mark.parametrize("style", sorted(_RATES))
def test_a_rate_written_as_the_root_of_the_momentum_is_the_rate(solved, style):
    part = graded_part(solved, QD, _HEAD + _RATES[style].replace("{r}", "0.5195"), "d")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("style", sorted(_RATES))
def test_a_wrong_rate_written_so_is_not_accepted(solved, style):
    part = graded_part(solved, QD, _HEAD + _RATES[style].replace("{r}", "0.7303"), "d")
    assert part.verdict != "correct" and "optimal rate" not in {
        c.name for c in part.claimed}, part.findings
