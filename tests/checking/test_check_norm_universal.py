"""A rule over every norm ("whatever norm you put in the penalty, the step is always a rescaled
negative gradient") is refuted by the verified steps of the other norms, in several styles;
the same words about one norm, or a true rule ("every norm's step is a descent direction"),
are no false claim."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

SDN = "src/optiproof/problems/steepest-descent-numeric.yaml"

_A = "(a) u = (−0.75, 0.25, −0.5), optimal value −1.75. This is gradient descent with step 0.25.\n\n"
_FALSE = {
    "plain": "In fact, whatever norm you put in the penalty, the penalized step is always a "
             "rescaled negative gradient -c*g; the norm only changes the constant c.",
    "markdown": "**Whatever norm you choose, the step is just a scaled negative gradient.**",
    "latex": "For any norm $\\|\\cdot\\|$ the penalised step is simply a rescaled negative "
             "gradient $-c\\,g$.",
}
_TRUE = {
    "plain": "For the Euclidean norm the penalized step is a rescaled negative gradient -c*g.",
    "markdown": "**Whatever norm you choose, the step is a descent direction.**",
    "latex": "Here, with $\\|\\cdot\\|_2^2$, the step is a rescaled negative gradient $-g/4$.",
}


@pytest.mark.parametrize("style", sorted(_FALSE))
def test_a_rule_over_every_norm_is_refuted_by_the_other_norms(solved, style):
    part = graded_part(solved, SDN, _A + _FALSE[style] + "\n", "a")
    assert "false-claim" in finding_kinds(part), part.findings


@pytest.mark.parametrize("style", sorted(_TRUE))
def test_the_rule_for_one_norm_or_a_true_rule_is_no_false_claim(solved, style):
    part = graded_part(solved, SDN, _A + _TRUE[style] + "\n", "a")
    assert "false-claim" not in finding_kinds(part), part.findings
