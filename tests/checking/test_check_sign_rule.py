"""A sign said to hold in every case for an asked quantity ("the optimal value of a penalized
step can never be negative") is refuted by a verified value with the other sign, whatever the
words; the sign of one case, a true rule, a hedge or a condition are no false claim."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

SDN = "src/optiproof/problems/steepest-descent-numeric.yaml"

_A = "(a) u = (−0.75, 0.25, −0.5), optimal value −1.75.\n"
_FALSE = {
    "plain": "The penalty outweighs the linear term, so the optimal value is always >= 0.",
    "words": "Whatever the gradient, the minimum value of such a problem can never be negative.",
    "latex": "Hence the optimal value is necessarily $\\geq 0$ for a squared-norm penalty.",
    "markdown": "**Note:** the minimum value is always non-negative.",
}
_TRUE = {
    "true rule": "Since u = 0 is feasible, the optimal value is always ≤ 0.",
    "hedged": "The optimal value is not always ≥ 0: here it is negative.",
    "conditional": "The optimal value is ≥ 0 only if g = 0.",
    "one case": "Here the optimal value is negative, −1.75.",
    "other noun": "The penalty (1/α)‖u‖² is always nonnegative.",
}


@pytest.mark.parametrize("style", sorted(_FALSE))
def test_a_sign_rule_refuted_by_a_verified_value(solved, style):
    part = graded_part(solved, SDN, _A + _FALSE[style] + "\n", "a")
    assert "false-claim" in finding_kinds(part), part.findings


@pytest.mark.parametrize("style", sorted(_TRUE))
def test_a_true_hedged_or_conditional_sign_is_no_false_claim(solved, style):
    part = graded_part(solved, SDN, _A + _TRUE[style] + "\n", "a")
    assert "false-claim" not in finding_kinds(part), part.findings
