"""A new name for a symbol of the problem (``a = alpha``, also set apart in brackets after a
formula: ``u = argmin g^T d + (1/a) D(d)      (a = alpha, d = delta theta)``) is a
definition: a step written with it is graded as written with the problem's symbol, and a
later worked example with a number for it (``check: a = 0.5``) does not undo it."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"

_NAMINGS = {
    "bracket-after-formula": "u = argmin g^T d + (1/a) D(d)      (a = alpha, d = delta theta)\n",
    "own-line": "u = argmin g^T d + (1/a) D(d)\nnotation: a = alpha, d = delta theta\n",
}
_BODY = ("\n(a) D(d) = ||d||_2^2\n  grad: g + (2/a) d = 0\n  => u = -({k}) g\n"
         "  This is gradient descent, lr = {k}.\n\n"
         "check: g=(3,-1,2), a=0.5 -> u=(-0.75,0.25,-0.5)\n")


@pytest.mark.parametrize("naming", sorted(_NAMINGS))
def test_a_step_in_a_new_name_for_alpha_is_correct(solved, naming):
    part = graded_part(solved, PLI, "HW\n\n" + _NAMINGS[naming] + _BODY.format(k="a/2"), "a")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("naming", sorted(_NAMINGS))
def test_a_wrong_step_in_the_new_name_is_still_wrong(solved, naming):
    part = graded_part(solved, PLI, "HW\n\n" + _NAMINGS[naming] + _BODY.format(k="a"), "a")
    assert {"wrong-answer", "inconsistency"} & set(finding_kinds(part)), part.findings
