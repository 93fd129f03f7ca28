"""A universal rate bound that points back to the value before it ("This is also the best rate
any first-order method can reach") is refuted by a faster verified rate (heavy ball's) in
several styles; a bound only on gradient descent's own step sizes, and a value equal to the
bound at the precision written, refute nothing."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"

_B = {
    "plain": "(b) alpha* = 2/11 = 0.1818...\n    Optimal rate: (kappa-1)/(kappa+1) = 9/11 = 0.8182...\n\n"
             "    {claim}\n",
    "markdown": "**(b)** $\\alpha^\\star = 2/11$, and the optimal rate is $\\rho^\\star = 9/11 "
                "\\approx 0.818$.\n\n{claim}\n",
    "latex": "(b)\n$$\\alpha^\\star = \\frac{{2}}{{11}},\\qquad \\rho^\\star = \\frac{{9}}{{11}}.$$\n\n"
             "{claim}\n",
}
_UNIVERSAL = {
    "plain": "This is also the best rate any first-order method can reach on this problem.",
    "markdown": "**That is the best rate any optimizer can achieve** on this quadratic.",
    "latex": "It is the fastest rate any first-order method attains here.",
}
_GD_ONLY = {
    "plain": "This is the best rate plain gradient descent can reach with a constant step.",
    "markdown": "**That is as fast as gradient descent gets**, whatever the step size.",
    "latex": "It is the smallest contraction factor for GD over all constant step sizes.",
}


@pytest.mark.parametrize("style", sorted(_B))
def test_a_universal_bound_pointing_back_is_refuted_by_a_faster_rate(solved, style):
    part = graded_part(solved, QD, _B[style].format(claim=_UNIVERSAL[style]), "b")
    assert "false-claim" in finding_kinds(part), part.findings


@pytest.mark.parametrize("style", sorted(_B))
def test_a_bound_on_gradient_descent_alone_is_no_false_claim(solved, style):
    part = graded_part(solved, QD, _B[style].format(claim=_GD_ONLY[style]), "b")
    assert part.verdict == "correct", part.findings
