"""Requests in other words, read by the shared question layer: a question after a leading
setting ("with lr = 0.5 exactly, from (0,0), does it converge?"), iterates named by the number
of steps taken ("give the iterates after 1, 2 and 3 steps"), a further value of the asker's own
attempt ("I got β = 0.6 and rate 0.36 for (3)"), and a PDF's 'kxk − x∗k2' (the distance of the
iterate x_k to x*). Each both ways."""

from __future__ import annotations

import pytest

from optiproof.reading.attempts import drop_attempts
from optiproof.reading.normalize import normalize
from optiproof.reading.questions import read_questions


def _asks(text: str) -> list[tuple[str | None, str]]:
    return [(a.quantity, a.phrase) for r in read_questions(text).requests for a in r.asks]


@pytest.mark.parametrize("text", [
    "with lr = 0.5 exactly, from (0,0), does it converge?",
    "and the weird one: with α = 1, does GD converge?",
])
def test_a_question_after_a_leading_setting_is_read(text):
    assert ("converges", "does it converge") in _asks(text) or \
        any(q == "converges" for q, _ in _asks(text)), _asks(text)


def test_a_sentence_that_names_its_ask_keeps_it():
    asks = _asks("With α = 0.1, what is the convergence rate, and does it converge?")
    assert asks and all(q != "converges" or p.startswith("does") for q, p in asks)


@pytest.mark.parametrize("text, phrase", [
    ("Give the iterates after 1, 2 and 3 steps.", "iterates after 1, 2 and 3 steps"),
    ("Could someone tell me what the iterates w after 1, 2 and 3 steps should be?",
     "iterates w after 1, 2 and 3 steps"),
    ("Compute the iterate after two iterations.", "iterate after two iterations"),
])
def test_iterates_named_by_the_steps_taken_are_one_ask(text, phrase):
    assert any(q is None and phrase in p for q, p in _asks(text)), _asks(text)


def test_steps_without_iterates_are_no_such_ask():
    assert not any(p and "after" in p for _, p in _asks("How much does the loss drop after 3 "
                                                         "steps?"))


def test_a_further_value_of_the_askers_attempt_is_dropped_with_it():
    removed: list[str] = []
    text = ("(3) the optimal alpha and beta for heavy ball and the rate?\n"
            "I got beta = 0.6 and rate 0.36 for (3) but my simulation is slower.")
    out = drop_attempts(text, removed)
    assert "0.36" not in out and "(3) but my simulation" not in out
    assert removed and "rate 0.36 for (3)" in removed[0]


def test_an_attempt_followed_by_a_clause_keeps_the_clause():
    removed: list[str] = []
    text = "What is beta?\nI got beta = 0.6 and my code runs 10 steps."
    out = drop_attempts(text, removed)
    assert "my code runs 10 steps" in out


def test_the_pdf_distance_of_the_iterate_to_the_starred_point():
    text = normalize("guarantees kxk − x∗k2 ≤ 10−6 kx0 − x∗k2 for every x0 ?").text
    assert "‖x_k - x^*‖_2" in text and "‖x0 - x^*‖_2" in text


def test_an_attempt_valued_by_a_tuple_is_dropped_whole():
    removed: list[str] = []
    text = ("Q2) with η = 0.45 from θ0 = (0,0), compute θ1 and θ2. I get θ1 = (1.8, 0.9) but θ2 "
            "looks weird")
    out = drop_attempts(text, removed)
    assert "0.9" not in out and removed == [
        "the asker's own attempt 'I get θ1 = (1.8, 0.9)' (a claim to check, not data)"]


def test_a_paragraph_of_the_askers_own_work_after_the_questions_is_dropped():
    removed: list[str] = []
    text = ("1) what's the biggest step size that still converges?\n2) what rate do you get?\n\n"
            "My attempt: 1) 2/100 = 0.02. 2) I computed 0.5, so like 10 iterations...\n"
            "Where am I going wrong?\n\nThanks!")
    out = drop_attempts(text, removed)
    assert "0.02" not in out and "10 iterations" not in out and "Thanks!" in out
    assert removed and removed[0].startswith("the asker's own attempt 'My attempt: 1)")


def test_a_work_paragraph_before_any_question_is_kept():
    removed: list[str] = []
    text = "My work: H = diag(1, 4), b = 0.\n\nFind the optimal step."
    assert drop_attempts(text, removed) == text and not removed
