"""A value followed by its restatement in square brackets (``θ ≈ (0.9, 0.9) [= (9/10)(1, 1)]``)
is that value: the bracket is a side computation, as one in parentheses is, whether the value
is right or wrong."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

OC = "src/optiproof/problems/texts/optimizer-convergence.txt"
_RIGHT = "(b) Every step moves along (1,1,1), so θ = c(1,1,1) with 1.11c = 1:\n    "
_WRONG = "(b) O ends at the projection of 0 on the solution set:\n    "


@pytest.mark.parametrize("text, right", [
    (_RIGHT + "θ ≈ (0.9009, 0.9009, 0.9009)   [= (100/111)·(1, 1, 1)]", True),
    (_RIGHT + "so θ → (0.901, 0.901, 0.901) [exactly 100/111 in each coordinate: c = 1/1.11]",
     True),
    (_RIGHT + "θ_∞ = (100/111)(1,1,1) [≈ (0.9009, 0.9009, 0.9009)].", True),
    (_WRONG + "θ ≈ (0.990, 0.0990, 0.0099)   [= x/‖x‖²]", False),
    (_WRONG + "so θ → (0.990, 0.099, 0.0099) [the min-norm point: x/1.0101]", False),
])
def test_a_value_with_a_bracketed_restatement_is_graded_as_that_value(solved, text, right):
    part = graded_part(solved, OC, text + "\n", "b")
    if right:
        assert part.verdict == "correct", part.findings
    else:
        assert "wrong-answer" in finding_kinds(part), part.findings
