"""A ratio of the norms of one letter indexed by part labels (``‖d_b‖₂/‖d_a‖₂``) states the
length ratio of this part's step to the other part's, whatever letter the document uses for its
steps; a ratio of the gradient's norms (``‖g‖₁/‖g‖₂``) met on the way, or the ratio written the
other way round, is not read as that answer."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

SD = "src/optiproof/problems/steepest-descent-numeric.yaml"
_B = "(b) The max-norm step is (-1.5, 1.5, -1.5), sign descent.\n\n"


@pytest.mark.parametrize("text, verdict", [
    (_B + "$$\\frac{\\|s_b\\|_2}{\\|s_a\\|_2} = \\frac{2.598}{0.935} \\approx 2.78$$\n", "right"),
    (_B + "||v_b||_2 / ||v_a||_2 = sqrt(3)*6/sqrt(14) ≈ 2.78\n", "right"),
    (_B + "‖g‖₁/‖g‖₂ = 6/√14 ≈ 1.60, times √3 for the step's length: the ratio is ≈ 2.78.\n",
     "right"),
    (_B + "$$\\frac{\\|d_b\\|_2}{\\|d_a\\|_2} = \\frac{6}{\\sqrt{14}} \\approx 1.60$$\n", "wrong"),
    (_B + "Length ratio: ||w_b|| / ||w_a|| = 1.5/0.75 = 2\n", "wrong"),
])
def test_a_ratio_of_two_parts_steps_in_the_documents_letter_is_graded(solved, text, verdict):
    part = graded_part(solved, SD, text, "b")
    if verdict == "right":
        assert part.verdict == "correct", part.findings
    else:
        assert "wrong-answer" in finding_kinds(part), part.findings
