""""My guess was that the cutoff is λ = ‖g‖_2 = √109 ≈ 10.44": the asker's value for a symbol the
text asks for, even when the question comes after the guess and the value runs over a line, is a
claim to check, never data; a guess at a symbol nobody asks stays in the text."""

from __future__ import annotations

from optiproof.reading import read_report
from optiproof.reading.attempts import drop_attempts


def test_guess_that_the_threshold_is_a_value_is_dropped():
    text = ("The notes say u = 0 wins when mu is large. My best guess is that the cutoff is\n"
            "mu = ||g||_1 = 7.5 but a classmate disagrees. What is the smallest mu for which "
            "u = 0 is optimal?")
    removed: list[str] = []
    out = drop_attempts(text, removed)
    assert "7.5" not in out and len(removed) == 1 and "guess" in removed[0]
    assert "What is the smallest mu" in out


def test_guess_at_a_symbol_not_asked_stays():
    text = "My guess was that the batch is b = 32. What is the sign descent step for g = (1, -2)?"
    removed: list[str] = []
    assert drop_attempts(text, removed) == text and not removed


def test_forum_threshold_guess_leaves_the_reading_complete():
    text = ("The gradient is g = [3, 4] and the step is u* = argmin_u g^T u + lam * ||u||_2.\n"
            "They say u = 0 is optimal only if lam is big enough. My guess was that the "
            "threshold is\nlam = ||g||_1 = 7 but I'm unsure. What's the smallest lam for which "
            "u = 0 is a minimiser?\n")
    reading = read_report(text)
    assert reading.complete, reading.unread()
