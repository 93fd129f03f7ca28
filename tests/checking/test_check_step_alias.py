"""A letter the answer declares for the variable the objective is minimised over (``d = Δθ``)
names the step from there on: a body that concludes ``=> d = −(α/2) g`` and then states
``u = −α g`` contradicts itself (an inconsistency, not a plain wrong answer), and one that
then states the same step is correct."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"

_DECLARATIONS = {
    "unicode": "(a) D = ||d||_2^2, d = Δθ.\n",
    "let": "(a) D = ||d||_2^2; let d = Δθ be the step.\n",
    "latex": "(a) $D = \\|d\\|_2^2$, $d = \\Delta\\theta$.\n",
}
_BODY = ("J(d) = g^T d + (1/α)||d||^2\n∇J = g + (2/α) d = 0\n=> d = -(α/2) g\n"
         "This is plain gradient descent (SGD).\nu = {u}\n")


@pytest.mark.parametrize("style", sorted(_DECLARATIONS))
def test_a_conclusion_contradicting_the_declared_step_is_an_inconsistency(solved, style):
    part = graded_part(solved, PLI, _DECLARATIONS[style] + _BODY.format(u="-α g"), "a")
    assert finding_kinds(part) == ["inconsistency"], part.findings


@pytest.mark.parametrize("style", sorted(_DECLARATIONS))
def test_a_conclusion_agreeing_with_the_declared_step_is_correct(solved, style):
    part = graded_part(solved, PLI, _DECLARATIONS[style] + _BODY.format(u="-(α/2) g"), "a")
    assert part.verdict == "correct", part.findings
