"""A symmetric sameness of two methods ("Adam + L2 and AdamW are equivalent", "these two are
actually equivalent" after a sentence naming both) is refuted by their verified decays, in
several styles; a negated one, or one said of another method ("for SGD the two are
equivalent"), is no false claim."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"

_E = ("(e) With L2 the gradient passed to Adam is $g_t + \\lambda\\theta_{t-1}$. AdamW instead "
      "subtracts $\\alpha\\lambda\\theta_{t-1}$ separately, a decay of $\\alpha\\lambda = 10^{-5}$ "
      "per step.\n\n")
_FALSE = {
    "anaphora": "With $\\epsilon = 0$, however, these two are actually equivalent: Adam is "
                "invariant to rescaling, so the factor $1/\\sqrt{\\hat v_t}$ cancels.",
    "named": "**Adam + L2 and AdamW are equivalent** once ε = 0, because Adam is invariant to "
             "rescaling the gradient.",
    "plain": "So with eps = 0 both are the same: Adam's rescaling invariance makes the L2 "
             "term a uniform decay.",
}
_NOT_FALSE = {
    "negated": "These two are not equivalent: the L2 term is divided by sqrt(vhat).",
    "other-method": "For plain SGD, the two are equivalent; for Adam they are not.",
    "question": "Are these two equivalent? No: the L2 term is divided by √v̂.",
}


@pytest.mark.parametrize("style", sorted(_FALSE))
def test_a_symmetric_sameness_of_two_methods_is_refuted(solved, style):
    part = graded_part(solved, ADAM, _E + _FALSE[style] + "\n", "e")
    assert "false-claim" in finding_kinds(part), part.findings


@pytest.mark.parametrize("style", sorted(_NOT_FALSE))
def test_a_negated_or_other_sameness_is_no_false_claim(solved, style):
    part = graded_part(solved, ADAM, _E + _NOT_FALSE[style] + "\n", "e")
    assert "false-claim" not in finding_kinds(part), part.findings
