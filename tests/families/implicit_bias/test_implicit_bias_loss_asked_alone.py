"""A request asking only the loss at the limit, in words the question layer does not place by
itself ("and the eventual training loss?", a flattened "limk→∞ L(wk)"), is the loss evaluated
at the limit, whether or not the part asks something else; and the words "diagonal
preconditioner" are used by a part whose preconditioner is diagonal."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

FAST = SolveOptions(figures=False, run_witnesses=False)
_SETUP = ("Two equations, four unknowns: X = [[2, 0, 1, 0], [0, 1, 0, 1]], y = (3, 2), loss "
          "L(w) = 0.5 * ||X w - y||^2. Gradient descent starts from w = 0 with a small step.\n\n"
          "(a) Which point does it reach?\n\n")


@pytest.mark.parametrize("question", [
    "(b) And what's the eventual training loss?",
    "(b) What is limk→∞ L(wk)?",
])
def test_the_loss_alone_is_the_loss_at_the_limit(question: str) -> None:
    reading = read_report(_SETUP + question)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), FAST)
    got = [a for a in solution.parts[1].answers if a.quantity == "value-at"]
    assert len(got) == 1 and float(got[0].value) == 0.0


def test_the_loss_after_a_yes_no_question_of_the_same_part() -> None:
    text = _SETUP + "(b) Is that point the minimum-norm solution? (yes/no) And the final loss?"
    reading = read_report(text)
    assert reading.complete, reading.unread()
    part = reading.parts[1]
    assert "is-min-norm" in part.asked and "value-at" in part.asked


def test_an_unplaced_request_beside_it_is_still_refused() -> None:
    text = _SETUP + "(b) And what's the final training loss? What colour is the sky?"
    assert not read_report(text).complete


def test_diagonal_preconditioner_words_are_used() -> None:
    text = _SETUP.replace("Gradient descent starts", "Preconditioned gradient descent with "
                          "the fixed diagonal preconditioner P = diag(1, 2, 1, 3) starts")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert not [n for p in reading.parts for n in p.numbers if n.status == "unused"]



@pytest.mark.parametrize("words", ["Which (weighted) norm", "Which weighted norm"])
def test_which_weighted_norm_is_the_which_norm_question(words: str) -> None:
    text = _SETUP.replace("Gradient descent starts", "Preconditioned gradient descent with "
                          "P = diag(1, 2, 1, 3) starts") + \
        f"(b) {words} of w does that point minimise among all solutions?"
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert "which-norm" in reading.parts[1].asked


_ONE = ("One example x = (1, 1, 2) with target y = 4 and loss l(w) = 1/2 (w^T x - y)^2; every run "
        "starts at w_0 = 0 with a small step.\n\n")


def test_value_of_the_norm_a_preconditioned_limit_minimises() -> None:
    text = _ONE + ("(a) Run preconditioned GD with P = diag(1, 4, 1). Which norm of w does its "
                   "limit minimise among all solutions? Evaluate that norm at the limit.")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    # limit c P x with x^T P x c = 4: (4/9, 16/9, 8/9); sqrt(w^T P^-1 w) = 4/3
    got = [a for a in solution.parts[0].answers if a.quantity == "value-at"]
    assert len(got) == 1 and abs(float(got[0].value) - 4 / 3) < 1e-12


def test_value_of_that_norm_without_a_known_norm_is_refused() -> None:
    text = _ONE + ("(a) Run Adam-like sign momentum. Which norm does its limit minimise? "
                   "Evaluate that norm at the limit.")
    assert not read_report(text).complete


def test_rescaling_words_and_a_bare_part_number_are_accounted() -> None:
    text = _ONE + ("1. Plain GD: give its limit.\n\n2. Rescale the features as x' = Dx with "
                   "D = diag(1, 2, 1), train GD from 0 on (x', y), then map back by w = Dw'. "
                   "Give the resulting w.\n\n3. The procedure in 2 is preconditioned GD. Which "
                   "norm does its limit minimise among all solutions? Evaluate that norm at the "
                   "limit from 2.")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    unused = [(p.label, n.text) for p in reading.parts for n in p.numbers if n.status == "unused"]
    assert not unused
    labels = [n.text for n in reading.parts[2].numbers if n.status == "label"]
    assert labels.count("2") == 2


def test_a_proof_about_the_loss_is_not_answered_as_its_value() -> None:
    reading = read_report(_SETUP + "(b) Show that the loss tends to 0.")
    assert not reading.complete
    assert any("proof" in line for line in reading.unread()), reading.unread()
