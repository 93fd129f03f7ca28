"""A paragraph of the asker's own work that names the part it is for ("My attempt for 1:", "my
working on (b):", "My answers so far for Q1 and Q2:") is the asker's claim, dropped whole like
"My attempt:" (its values are never data, its guesses never further questions); a paragraph
that states data before any question stays."""

from __future__ import annotations

import pytest

from optiproof.reading.attempts import drop_attempts

_ASK = "Questions:\n1. Find u* and the minimal value.\n2. What is the threshold on c?\n\n"


@pytest.mark.parametrize("paragraph", [
    "My attempt for 1: I took u = -g/2 = (-1, 1.5) since the penalty gradient is u. For 2 no "
    "idea, maybe 7?",
    "my working on (b): the dual norm is sqrt(14) so c = 3.74 i guess??",
    "My answers so far for Q1 and Q2: u = (0, -1), value -2.5; threshold 4.",
    "**My attempt at part 2:** threshold = ||g||_2 = 7, but is that the right norm?",
])
def test_a_paragraph_of_work_for_a_part_is_the_askers_claim(paragraph):
    removed: list[str] = []
    out = drop_attempts(_ASK + paragraph + "\n\nThanks!", removed)
    assert len(removed) == 1 and "asker's own attempt" in removed[0]
    assert not any(ch.isdigit() for ch in out[len(_ASK):])
    assert out.startswith(_ASK) and out.rstrip().endswith("Thanks!")


def test_work_named_before_any_question_is_kept():
    text = "My attempt for 1: let g = (2, 4).\n\nWhat is the sign descent step?"
    removed: list[str] = []
    assert drop_attempts(text, removed) == text and not removed
