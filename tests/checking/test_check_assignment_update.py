"""An update written as an assignment without indices (``θ ← θ − α(m̂/(√v̂+ε) + λθ)``) is a
recurrence whose old value is the symbol itself: AdamW's decay is read from it in several
styles, and a decay outside the step size is still a wrong answer."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"

_L2 = ("(e) L2: the gradient becomes g + lambda*theta, and the lambda*theta part is divided by "
       "sqrt(vhat) like everything else, so the decay is not uniform.\n")
_RIGHT = {
    "plain": "AdamW: theta <- theta - alpha*(mhat/(sqrt(vhat)+eps) + lambda*theta).\n",
    "latex": ("AdamW decouples it:\n$$\\theta \\leftarrow \\theta - \\alpha\\left(\\frac{\\hat m}"
              "{\\sqrt{\\hat v}+\\epsilon} + \\lambda\\theta\\right)$$\n"),
    "unicode": "- AdamW: θ ← θ − α(m̂/(√v̂ + ε) + λθ), the same shrink for every weight.\n",
}
_WRONG = {
    "plain": "AdamW: theta <- theta - alpha*mhat/(sqrt(vhat)+eps) - lambda*theta.\n",
    "latex": ("AdamW decouples it:\n$$\\theta \\gets \\theta - \\alpha\\frac{\\hat m}"
              "{\\sqrt{\\hat v}+\\epsilon} - \\lambda\\theta$$\n"),
    "unicode": "- AdamW: θ ← θ − α·m̂/(√v̂ + ε) − λθ, the same shrink for every weight.\n",
}


@pytest.mark.parametrize("style", sorted(_RIGHT))
def test_an_assignment_update_states_the_decay(solved, style):
    part = graded_part(solved, ADAM, _L2 + _RIGHT[style], "e")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("style", sorted(_WRONG))
def test_an_assignment_update_with_the_wrong_decay_is_wrong(solved, style):
    part = graded_part(solved, ADAM, _L2 + _WRONG[style], "e")
    assert part.verdict == "incorrect", part.findings
    assert "wrong-answer" in finding_kinds(part)
