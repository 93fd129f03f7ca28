"""Two ways a question could vanish without a word. An elliptic amount asked with another verb
("How many bytes does the server receive and how many does it send?") is another quantity: it is
an item of its own, never folded into the ask before it (the same verb of another subject still
continues it). Lettered sub-items inside one numbered question ("4. how many iterations do (a)
GD and (b) heavy ball need?") do not turn the numbered questions before them into context."""

from __future__ import annotations

import pytest

from optiproof.reading.normalize import normalize
from optiproof.reading.parts import split_parts
from optiproof.reading.questions import read_questions


def _unplaced(text: str) -> list[str]:
    return [u for r in read_questions(text).requests for u in r.unplaced]


@pytest.mark.parametrize("text, item", [
    ("How many bytes does the server receive and how many does it send?", "how many does it send?"),
    ("How many messages does each worker send, and how many does it receive?",
     "how many does it receive?"),
])
def test_an_elliptic_amount_with_another_verb_is_an_item_of_its_own(text, item):
    assert item in _unplaced(text)


@pytest.mark.parametrize("text", [
    "How many bytes does the ring send, and how many does the tree send?",
    "How many messages does the ring need, and how many does the tree need?",
])
def test_the_same_verb_of_another_subject_continues_the_ask(text):
    assert _unplaced(text) == []


def test_letters_inside_one_numbered_question_are_not_part_markers():
    text = ("f(x) = x1^2 + 5 x2^2.\n\n1. Write down the Hessian of f.\n\n2. Compute rho for eta = "
            "0.03.\n\n3. How many iterations does\n(a) GD with step 0.1 and (b) heavy ball need?")
    parts = split_parts(normalize(text).text).parts
    assert [p.label for p in parts] == ["1", "2", "3"]
    assert "(a) GD" in parts[2].own


def test_letters_after_a_numbered_list_of_assumptions_are_the_parts():
    text = ("Assume:\n1. f is convex.\n2. f is smooth.\n\n(a) Find the minimiser.\n"
            "(b) Give the rate.")
    assert [p.label for p in split_parts(normalize(text).text).parts] == ["a", "b"]
