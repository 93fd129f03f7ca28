""""At most" states a bound, not a hedge, where two steps' lengths are compared: a false rule
whose reason bounds something ("Because every coordinate has magnitude at most (α/2)‖g‖₁, the
sign-descent step is always shorter in Euclidean norm than the gradient-descent step") is still
refuted; "most" alone ("in most cases shorter") still hedges, and the true rule is no finding."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"

_ANSWER = ("(a) $u = -\\frac{\\alpha}{2} g$: gradient descent.\n\n"
           "(b) $u = -\\frac{\\alpha}{2}\\|g\\|_1\\,\\operatorname{sign}(g)$: sign descent. {remark}\n")
_FALSE = {
    "reason-first": "Because every coordinate of the max-norm step has magnitude at most "
                    "$\\tfrac{\\alpha}{2}\\|g\\|_1$, the sign-descent step is always shorter in "
                    "Euclidean norm than the gradient-descent step of part (a), whatever $g$ is.",
    "plain": "Each coordinate moves by at most (α/2)‖g‖₁, so the sign-descent step is always "
             "shorter than the gradient-descent step.",
}


@pytest.mark.parametrize("style", sorted(_FALSE))
def test_a_false_rule_with_an_at_most_bound_is_refuted(solved, style):
    part = graded_part(solved, PLI, _ANSWER.replace("{remark}", _FALSE[style]), "b")
    assert "false-claim" in finding_kinds(part), part.findings


@pytest.mark.parametrize("remark", [
    "In most cases the sign-descent step is shorter than the gradient-descent step.",
    "Each coordinate moves by at most (α/2)‖g‖₁, and the sign-descent step is always at least "
    "as long as the gradient-descent step.",
])
def test_a_hedge_or_a_true_rule_is_no_finding(solved, remark):
    part = graded_part(solved, PLI, _ANSWER.replace("{remark}", remark), "b")
    assert "false-claim" not in finding_kinds(part), part.findings
