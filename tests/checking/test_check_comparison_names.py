"""Optimizers named in a comparison (``For comparison, GD needs 69 iterations, heavy ball
22``, ``9/11 vs 0.52``) are not an identification of the part's update: no over-reach, in
several styles; an identification that does add another optimizer still is one."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"

_D = ("(d) Heavy ball: $\\alpha^\\star = 4/(\\sqrt{10}+1)^2 \\approx 0.2309$, "
      "$\\beta^\\star = ((\\sqrt{10}-1)/(\\sqrt{10}+1))^2 \\approx 0.2699$, rate "
      "$\\rho^\\star = (\\sqrt{10}-1)/(\\sqrt{10}+1) \\approx 0.5195$.\n\n")

_COMPARISONS = {
    "markdown": "For comparison, GD's best rate was $9/11 \\approx 0.818$: to gain $10^{-6}$ GD "
                "needs about 69 iterations at its optimum, heavy ball about 22.\n",
    "plain": "Compared with gradient descent (rate 9/11), heavy ball needs 22 iterations "
             "instead of 69.\n",
    "latex": "By comparison, gradient descent at $\\alpha = 2/11$ contracts by $9/11$ per step, "
             "heavy ball by $0.5195$.\n",
}


@pytest.mark.parametrize("style", sorted(_COMPARISONS))
def test_methods_named_in_a_comparison_are_no_over_reach(solved, style):
    part = graded_part(solved, QD, _D + _COMPARISONS[style], "d")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("extra", [
    "This is heavy ball, i.e. Nesterov's accelerated gradient.\n",
    "The method is heavy ball / Nesterov momentum.\n",
    "Heavy ball is the same algorithm as Nesterov's method here.\n",
])
def test_an_identification_adding_another_optimizer_is_still_over_reach(solved, extra):
    part = graded_part(solved, QD, _D + extra, "d")
    assert "over-reach" in finding_kinds(part), part.findings
