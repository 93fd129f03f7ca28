"""A summary restates what the body identified: a related optimizer the body names with the
condition under which it coincides with the verified one ("Shampoo with no accumulation of its
preconditioners") may stand in the summary without the condition (a table cell has no room
for it). Named in the summary alone, or in the body without the condition, it is still
over-reach."""

from __future__ import annotations

import pytest
from conftest import assert_outcome, graded_part

STEEPEST = "src/optiproof/problems/steepest-descent-numeric.yaml"

_STEP = ("(e) With the SVD $G = U\\Sigma V^\\top$ the best step is "
         "$-\\frac{\\alpha}{2}\\|G\\|_* U V^\\top$, the orthogonalised gradient scaled by the "
         "nuclear norm:\n\n$$D^\\star \\approx \\begin{pmatrix}0.218&-0.901\\\\-1.218&-0.866"
         "\\\\0.935&-0.918\\end{pmatrix}.$$\n\n")
_BODY_CONDITIONED = ("It is spectral descent; it is Shampoo with no accumulation of its "
                     "preconditioners.\n\n")
_BODY_PLAIN = "It is spectral descent, i.e. Shampoo.\n\n"
_BODY_NONE = "It is spectral descent.\n\n"
_TABLE = ("## Summary\n\n| Part | Optimizer |\n|---|---|\n"
          "| (e) | spectral descent / Shampoo |\n")


@pytest.mark.parametrize("body, expected", [
    (_BODY_CONDITIONED, "correct"),
    (_BODY_PLAIN, "over-reach"),   # the body itself names Shampoo without its condition
    (_BODY_NONE, "over-reach"),    # only the summary names it
])
def test_the_summary_may_drop_a_condition_the_body_states(solved, body, expected):
    assert_outcome(graded_part(solved, STEEPEST, _STEP + body + _TABLE, "e"), expected)
