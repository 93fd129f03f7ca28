"""A value named as what the part's answer is compared with ("much faster than the 0.818 of
plain gradient descent") belongs to the other method, not to the answer: it is neither a
second statement of the answer nor a wrong one, and it does not answer in place of a wrong rate."""

from __future__ import annotations

import pytest
from conftest import graded_part

QUADRATIC = "src/optiproof/problems/texts/quadratic-dynamics.txt"

_TEXTS = {
    "dash": ("(d) Tuned heavy ball: $\\alpha \\approx 0.231$, $\\beta \\approx 0.270$, rate "
             "$\\approx {r}$ -- a lot faster than the $0.818$ of tuned gradient descent.\n"),
    "clause": ("(d) alpha ~ 0.231, beta ~ 0.270, and the rate is about {r}, which is better "
               "than plain GD's 0.818.\n"),
}


@pytest.mark.parametrize("style", sorted(_TEXTS))
def test_the_compared_methods_value_is_not_the_answer(solved, style):
    part = graded_part(solved, QUADRATIC, _TEXTS[style].format(r="0.5195"), "d")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("style", sorted(_TEXTS))
def test_the_reference_does_not_answer_for_a_wrong_rate(solved, style):
    part = graded_part(solved, QUADRATIC, _TEXTS[style].format(r="0.7"), "d")
    assert part.verdict != "correct", part.findings
    assert not any("0.818" in f.excerpt for f in part.findings), part.findings
