"""The asker's own attempt at what the text asks is a claim, never read as a given."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report
from optiproof.reading.attempts import drop_attempts


@pytest.mark.parametrize("text, clause", [
    ("I got alpha = 4/121 but I'm not sure. What are the optimal alpha and beta?",
     "I got alpha = 4/121"),
    ("My answer for eta is 0.2, is that right? What is the largest stable step eta?",
     "My answer for eta is 0.2"),
    ("I think the optimal step is α = 0.018. Find the optimal α for heavy ball.",
     "I think the optimal step is α = 0.018"),
    ("we keep getting u = -0.5 g; what is the minimiser u of the penalised problem?",
     "we keep getting u = -0.5 g"),
])
def test_a_value_offered_for_what_is_asked_is_an_attempt(text, clause):
    removed: list[str] = []
    out = drop_attempts(text, removed)
    assert clause not in out and len(removed) == 1 and clause in removed[0]


@pytest.mark.parametrize("text", [
    "I computed the gradient g = (1, 2, 3). What is the sign descent step?",
    "We get the loss L(w) = (w1 - 1)^2. Where does GD converge?",
    "I use n = 8 workers and p = 10^6 parameters. How many messages does the ring send?",
    "I got alpha = 0.1 from the notes. How many iterations does GD need?",
])
def test_data_the_asker_states_is_kept(text):
    removed: list[str] = []
    assert drop_attempts(text, removed) == text and not removed


def test_an_attempt_is_shown_as_removed_and_not_read_as_the_step():
    text = ("Heavy ball on f(x, y) = x^2 + 50 y^2. I got alpha = 4/121 for the optimal step but "
            "I'm unsure. What are the optimal alpha and beta?")
    reading = read_report(text)
    assert any("4/121" in r for r in reading.removed)
    assert all(f.name != "alpha" for p in reading.parts for f in p.fields.values())
