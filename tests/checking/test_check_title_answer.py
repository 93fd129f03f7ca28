"""A lone "Answer" heading at the top of a document titles it (the parts follow with their
working), so each part's unlabelled display is that part's: a right value is graded correct, a
wrong one wrong, in several styles. And a display led in by a premise ("the direction never
changes, so") is the conclusion's value, whatever quantity the premise names."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

OC = "src/optiproof/problems/texts/optimizer-convergence.txt"

_TITLES = {"bold": "**Answer**\n\n", "heading": "## Answer\n\n", "plain": "Answer\n\n"}
_B = ("Write $a = (1, 0.1, 0.01)$.\n\n**(a)** SGD adds multiples of $a$ to $\\theta_0 = 0$, so\n\n"
      "$$\\theta_{{\\text{{SGD}}}} = \\frac{{a}}{{\\|a\\|^2}} \\approx (0.99000,\\ 0.09900,\\ 0.00990).$$\n\n"
      "**(b)** Per epoch the update direction $Ma \\propto (1, 1, 1)$ never changes, so\n\n"
      "$$\\theta_O = \\frac{{(1,1,1)}}{{1.11}} \\approx ({v},\\ {v},\\ {v}).$$\n")


@pytest.mark.parametrize("title", sorted(_TITLES))
def test_a_right_display_under_a_title_answer_is_its_parts(solved, title):
    part = graded_part(solved, OC, _TITLES[title] + _B.format(v="0.9009"), "b")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("title", sorted(_TITLES))
def test_a_wrong_display_under_a_title_answer_is_a_wrong_answer(solved, title):
    part = graded_part(solved, OC, _TITLES[title] + _B.format(v="0.3333"), "b")
    assert part.verdict == "incorrect", part.findings
    assert "wrong-answer" in finding_kinds(part)
