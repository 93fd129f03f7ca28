""""The step can reach X" (can be as large as, can get up to) names the largest step: the value
after it answers the step bound, right or wrong."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
_D = ("## (d) The maximum step size\n\nThe per-coordinate step is \\(\\alpha\\,|\\hat m_t|/"
      "\\sqrt{{\\hat v_t}}\\). After a long run of zero gradients and then one large gradient, "
      "{lead}\n\n\\[\n\\alpha\\,\\frac{{1-\\beta_1}}{{\\sqrt{{1-\\beta_2}}}} = {value},\n\\]\n\n"
      "roughly a few times \\(\\alpha\\).\n")


@pytest.mark.parametrize("lead", ["the step can reach", "a single step can be as large as"])
def test_the_value_a_step_can_reach_answers_the_bound(solved, lead):
    part = graded_part(solved, ADAM, _D.format(lead=lead, value="0.001\\times\\frac{0.1}{0.03162}"
                                                              " \\approx 0.00316"), "d")
    assert part.verdict == "correct", part.findings


def test_a_wrong_value_a_step_can_reach_is_a_wrong_answer(solved):
    part = graded_part(solved, ADAM, _D.format(lead="the step can reach", value="\\approx 0.0316"
                                               ).replace("\\alpha\\,\\frac{1-\\beta_1}{\\sqrt"
                                                         "{1-\\beta_2}} = ", ""), "d")
    assert "wrong-answer" in finding_kinds(part), part.findings
