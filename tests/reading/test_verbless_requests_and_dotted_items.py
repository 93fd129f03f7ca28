"""A request written as a bare noun phrase led by a superlative ("Maximum learning rate at
which ... still converges.") is a request even among other requests: it is answered or refused
naming it, never dropped. Sub-questions numbered under one question ("Task 3.1", "Task 3.2") are the
parts of the text."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report
from optiproof.reading.parts import split_parts
from optiproof.reading.questions import is_request

_SETUP = ("Data: rows a_1 = (2, 0, 1) with target 3 and a_2 = (0, 1, 1) with target 1, loss "
          "L(w) = 0.5 * ||A w - b||^2, start w_0 = 0.\n\n")


@pytest.mark.parametrize("sentence", [
    "Largest lr for which plain GD converges, and the same for the preconditioned GD.",
    "Maximum stable step size for heavy ball.",
    "Smallest number of steps after which the error is below 0.01.",
    "The critical learning rate beyond which the iterates blow up.",
])
def test_superlative_noun_phrase_is_a_request(sentence):
    assert is_request(sentence)


@pytest.mark.parametrize("sentence", [
    "Largest eigenvalue is 3.",
    "The maximum step size = 0.5 in every run.",
    "Max lr: 0.1.",
])
def test_superlative_statement_is_not_a_request(sentence):
    assert not is_request(sentence)


def test_dotted_sub_questions_are_the_parts():
    text = ("Exercise 3: least squares\n\n" + _SETUP +
            "Task 3.1  Plain gradient descent: give the limit.\n"
            "Task 3.2  Give the Euclidean norm of that limit.\n")
    layout = split_parts(text)
    assert [p.label for p in layout.parts] == ["1", "2"]
    assert layout.parts[1].own.startswith("Give the Euclidean norm")


def test_dotted_items_of_different_questions_are_no_parts():
    text = _SETUP + "Task 3.1 Give the limit.\nTask 4.2 Give its norm.\n"
    assert [p.label for p in split_parts(text).parts] == ["main"]


def test_verbless_request_beside_other_requests_is_not_dropped():
    """One part, a request with a verb and a noun-phrase request after it: the second is read
    (answered) or named as unread; the reading never claims completeness without it."""
    text = (_SETUP + "Run gradient descent with a small constant step. Give the limit w_inf. "
            "Largest step size for which the iteration converges, and the same with momentum "
            "0.5.")
    reading = read_report(text)
    asked = [k for p in reading.parts for k in (p.asked or [])]
    unread = " ".join(reading.unread())
    assert "max-step" in asked or "Largest step size" in unread
    assert not reading.complete or "max-step" in asked
