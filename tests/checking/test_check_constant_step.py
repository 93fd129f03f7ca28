"""A method whose step does not shrink with the gradient (a sign, a normalised or an epoch-wise
RMS-scaled step) said to converge for any step size, a constant one included, is a false claim:
at a constant step it keeps moving by about that step and oscillates. The same words with a
condition on the steps, of a method whose step does shrink, or negated, are not."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

OC = "src/optiproof/problems/texts/optimizer-convergence.txt"
_B = "## (b) Simplified Adam O\n{remark}\nSo θ = (100/111)(1,1,1) ≈ (0.9009, 0.9009, 0.9009).\n"
_A = "## (a) SGD\n{remark}\nθ = x/‖x‖² ≈ (0.990, 0.099, 0.0099).\n"


@pytest.mark.parametrize("remark", [
    "Since its step is normalised, O converges here for every positive step size α_t, even a "
    "constant one.",
    "The simplified Adam reaches the line s(1,1,1) with any fixed learning rate; no decay is "
    "needed.",
    "O converges even with a constant step size α.",
])
def test_a_normalised_method_said_to_converge_at_any_constant_step_is_false(solved, remark):
    part = graded_part(solved, OC, _B.format(remark=remark), "b")
    assert "false-claim" in finding_kinds(part), part.findings


@pytest.mark.parametrize("remark", [
    "O converges for any step sizes α_t that decay to zero with Σα_t = ∞.",
    "With a constant step size O keeps oscillating; a decaying schedule is needed.",
    "O does not converge with a constant step size.",
    "O converges provided the step sizes α_t are small enough and decrease.",
])
def test_a_condition_on_the_steps_or_a_denial_is_no_false_claim(solved, remark):
    part = graded_part(solved, OC, _B.format(remark=remark), "b")
    assert "false-claim" not in finding_kinds(part), part.findings


def test_a_method_whose_step_shrinks_may_converge_at_a_constant_step(solved):
    remark = "SGD converges with any constant step size small enough; here no decay is needed."
    part = graded_part(solved, OC, _A.format(remark=remark), "a")
    assert "false-claim" not in finding_kinds(part), part.findings
