"""Naming an optimizer whose step is the verified step is fine for the step ("the first step
is a signSGD step"), but saying the part's own method *is* that optimizer ("with ε = 0, Adam is
exactly signSGD") claims it at every step: an over-reach unless the clause states the
catalogue's condition. A conclusion drawn after an arrow ("→ same update") says the update is
unchanged."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
_C = ("c) ε = 0, t = 1:\n   m̂1 = g, v̂1 = g²  →  m̂1/√v̂1 = sign(g)\n"
      "   θ1 − θ0 = −α·sign(g) = (−0.001, 0.001, −0.001)\n{remark}\n"
      "   Scale loss by c>0 → m̂ and √v̂ both ×c → same update.\n")


@pytest.mark.parametrize("remark", [
    "   So with ε = 0, Adam is exactly signSGD with step α: every update is ±α.",
    "   With ε = 0 Adam is just sign descent.",
])
def test_the_method_said_to_be_an_optimizer_of_its_step_is_an_over_reach(solved, remark):
    part = graded_part(solved, ADAM, _C.format(remark=remark), "c")
    assert finding_kinds(part) == ["over-reach"], part.findings


@pytest.mark.parametrize("remark", [
    "   So the first step is exactly a signSGD step of length α.",
    "   With β1 = β2 = 0 and ε = 0, Adam is exactly signSGD.",
    "   Adam is not signSGD in general: only this first step is a sign step.",
    "",
])
def test_the_step_named_by_its_optimizer_is_fine(solved, remark):
    part = graded_part(solved, ADAM, _C.format(remark=remark), "c")
    assert part.verdict == "correct", part.findings
