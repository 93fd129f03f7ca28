"""In the weight-decay part, a claim that L2 regularisation inside Adam and AdamW's decoupled
decay are the same (up to rescaling λ) is refuted by the verified decay ratio, which depends on
each weight's √v̂; the same words said of SGD, or denied, are no finding."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
_E = ("e) L2: add λθ to g, so the decay λθ is divided by √v̂ like the gradient. AdamW: subtract "
      "αλθ from θ after the Adam step, the same shrink αλ for every weight.\n   {remark}\n")


@pytest.mark.parametrize("remark", [
    "So the two are the same up to rescaling λ by the learning rate, exactly like for SGD.",
    "L2 in Adam and AdamW are equivalent once λ is rescaled.",
    "In practice they are essentially the same.",
])
def test_l2_said_to_be_adamw_is_a_false_claim(solved, remark):
    part = graded_part(solved, ADAM, _E.format(remark=remark), "e")
    assert "false-claim" in finding_kinds(part), part.findings


@pytest.mark.parametrize("remark", [
    "For SGD the two are the same up to rescaling λ; in Adam they differ.",
    "The two are not the same: the L2 term is rescaled per weight.",
    "They are equivalent only for plain SGD.",
    "Under SGD the two formulations coincide up to a rescaling of λ.",
])
def test_sameness_said_of_sgd_or_denied_is_no_finding(solved, remark):
    part = graded_part(solved, ADAM, _E.format(remark=remark), "e")
    assert "false-claim" not in finding_kinds(part), part.findings


def test_sameness_under_a_condition_fixing_a_value_is_no_finding(solved):
    part = graded_part(solved, ADAM, _E.format(
        remark="With v̂ = 1 and ε = 0, Adam with L2 and AdamW are identical."), "e")
    assert "false-claim" not in finding_kinds(part), part.findings
