"""Another optimizer said to reach the point a part has found ("momentum also ends up at this
same point") is an over-reach when the catalogue gives that optimizer the limit of another
part's method (momentum keeps gradient descent's span, so its limit) and the two verified
limits differ; said of the part whose limit it does share, negated, or contrasted, it is not."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

OC = "src/optiproof/problems/texts/optimizer-convergence.txt"
_B = "## (b) Simplified Adam O\nThe iterates stay on s(1,1,1): θ = (100/111)(1,1,1).\n{remark}\n"
_A = "## (a) SGD\nEvery step is along x, so θ = x/‖x‖² ≈ (0.990, 0.099, 0.0099).\n{remark}\n"


@pytest.mark.parametrize("remark", [
    "Heavy-ball momentum also ends up at this same point.",
    "Adding Nesterov momentum, the iteration likewise converges to the same point.",
    "Note: gradient descent with momentum reaches this point as well, it only gets there faster.",
])
def test_momentum_said_to_reach_another_parts_limit_is_an_over_reach(solved, remark):
    part = graded_part(solved, OC, _B.format(remark=remark), "b")
    assert "over-reach" in finding_kinds(part), part.findings


@pytest.mark.parametrize("remark", [
    "Momentum does not converge to this same point: its steps stay along x.",
    "Unlike heavy-ball momentum, O ends at a point off the span of x.",
    "Heavy-ball momentum converges faster than plain GD, to a different point.",
])
def test_a_negated_or_contrasted_momentum_is_no_over_reach(solved, remark):
    part = graded_part(solved, OC, _B.format(remark=remark), "b")
    assert "over-reach" not in finding_kinds(part), part.findings


def test_momentum_said_to_share_gradient_descents_limit_is_true(solved):
    remark = "Heavy-ball momentum also converges to this same point, since it stays in span(x)."
    part = graded_part(solved, OC, _A.format(remark=remark), "a")
    assert "over-reach" not in finding_kinds(part), part.findings
