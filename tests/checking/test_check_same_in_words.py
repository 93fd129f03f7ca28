""""The update is (exactly) the same" under a rescaled loss states a ratio of one, also with
emphasis inside the phrase (``is **exactly the same**``), in several styles; "the same
direction" or a negated "is not the same" does not."""

from __future__ import annotations

import pytest
from conftest import graded_part

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"

_STEP = "(c) **θ₁ − θ₀ = [−0.001, 0.001, −0.001]**\n\n"
_SAME = {
    "markdown": "If the loss is multiplied by c > 0, m̂ and √v̂ both pick up c, so the update is "
                "**exactly the same**.\n",
    "plain": "Rescaling the loss by c: the step stays just the same, c cancels.\n",
    "latex": "With $cL$ instead of $L$, $\\hat m \\to c\\hat m$ and $\\sqrt{\\hat v} \\to "
             "c\\sqrt{\\hat v}$: the update is _identically the same_.\n",
}
_NOT_SAME = {
    "negated": "If the loss is multiplied by c > 0, the update is **not the same**: it grows "
               "with c.\n",
    "direction": "Rescaling the loss by c: the update is the same direction, but c times "
                 "larger.\n",
    "question": "Rescaling the loss by c: is the update the same?\n",
}


@pytest.mark.parametrize("style", sorted(_SAME))
def test_the_same_update_in_words_is_a_ratio_of_one(solved, style):
    part = graded_part(solved, ADAM, _STEP + _SAME[style], "c")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("style", sorted(_NOT_SAME))
def test_a_negated_or_qualified_sameness_is_no_ratio_of_one(solved, style):
    part = graded_part(solved, ADAM, _STEP + _NOT_SAME[style], "c")
    assert part.verdict != "correct", part.findings
