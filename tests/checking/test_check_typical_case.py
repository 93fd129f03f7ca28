"""A sentence about the typical case ("Usually |step| <= α", "in practice …") after the worst
case the part asks is not the part's claim, in several styles; a wrong worst case beside it is
still a wrong answer."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"

_STYLES = {
    "plain": ("(d) Worst case (sparse gradient):\n    |step| <= alpha*(1-b1)/sqrt(1-b2) ~= {v}\n"
              "    Usually |step| <= alpha.\n"),
    "latex": ("(d) In the worst case $|\\Delta\\theta_t| \\le \\alpha\\frac{{1-\\beta_1}}"
              "{{\\sqrt{{1-\\beta_2}}}} \\approx {v}$. In practice $|\\Delta\\theta_t| \\lesssim "
              "\\alpha = 0.001$.\n"),
    "markdown": ("**(d)** Largest possible step: **{v}** per coordinate.\n\n"
                 "Typically the step is about $\\alpha = 10^{{-3}}$.\n"),
}


@pytest.mark.parametrize("style", sorted(_STYLES))
def test_a_typical_case_after_the_worst_case_is_not_the_claim(solved, style):
    part = graded_part(solved, ADAM, _STYLES[style].format(v="0.00316"), "d")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("style", sorted(_STYLES))
def test_a_wrong_worst_case_beside_a_typical_case_is_wrong(solved, style):
    part = graded_part(solved, ADAM, _STYLES[style].format(v="0.0316"), "d")
    assert part.verdict == "incorrect", part.findings
    assert "wrong-answer" in finding_kinds(part)
