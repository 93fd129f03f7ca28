"""Steepest-descent reading: a part that keeps an earlier part's weight or radius ("same η",
"the same step size", "α as before") takes its number instead of answering in the letter; a
question written as a bare list of nouns after a colon ("…: minimiser and minimum value?") asks
for each of them; "compute the solution of min …" asks for the minimiser."""

from __future__ import annotations

import pytest

from optiproof.reading import ReadingIncomplete, read_report

from reading_helpers import canon
from test_reading_steepest_descent import _answers, _complete


def _value(text: str, label: str, name: str):
    part = next(p for p in _complete(text).parts if p.label == label)
    return part.value(name)


@pytest.mark.parametrize("text, label, name, want", [
    # clean: a radius kept in parentheses after a new ball
    ("The gradient is g = (4, -3).\n(a) Solve min_d gᵀd subject to ‖d‖_∞ ≤ η where η = 0.1.\n"
     "(b) Do (a) again for the ball ‖d‖_2 ≤ η (same η). Give the minimiser.", "b", "eta", 0.1),
    # LaTeX: the penalty weight kept, the part written with the letter
    (r"Let $g = (2, 1)$. (a) For $\alpha = 0.25$ find $\arg\min_d g^\top d + \frac{1}{\alpha}"
     r"\|d\|_1^2$. (b) With the same $\alpha$, find $\arg\min_d g^\top d + \frac{1}{\alpha}"
     r"\|d\|_\infty^2$.", "b", "alpha", 0.25),
    # ASCII: "alpha as before", the part named by no label: the nearest earlier number
    ("g = [1, -1, 2]\n1) alpha = 2: what is argmin_d g^T d + (1/alpha)||d||_2^2 ?\n"
     "2) now the l1 penalty g^T d + (1/alpha)||d||_1^2, alpha as before. What is d?",
     "2", "alpha", 2),
    # forum: "the same step size" for a constraint keeps the radius
    ("ok so g = (0.5, 2).\n\n(a) i solved min g^T d s.t. ||d||_2 <= eta with eta = 3, what is "
     "the minimum value?\n\n(b) then with the ball ||d||_inf <= eta and the same step size, "
     "what is the update?", "b", "eta", 3),
])
def test_a_kept_weight_takes_the_earlier_number(text, label, name, want):
    assert canon(_value(text, label, name)) == canon(want)


def test_a_kept_radius_is_answered_in_numbers():
    text = ("Let g = (3, 4).\n(a) Solve min_d gᵀd s.t. ‖d‖_2 ≤ η with η = 0.5.\n"
            "(b) Repeat (a) with ‖d‖_∞ ≤ η instead (same η). Give the update and the optimal "
            "value.")
    got = _answers(text)
    assert got["update"][1] == "Matrix([[-1/2], [-1/2]])"
    assert got["min-value"] == ["-7/2"]


def test_parts_named_with_different_numbers_are_refused():
    text = ("Let g = (1, 2).\n(a) Solve min_d gᵀd s.t. ‖d‖_2 ≤ η with η = 1.\n"
            "(b) Solve min_d gᵀd s.t. ‖d‖_1 ≤ η with η = 2.\n"
            "(c) As in (a) and (b), but with ‖d‖_∞ ≤ η (same η). Give the minimiser.")
    reading = read_report(text)
    with pytest.raises(ReadingIncomplete):
        reading.to_problem()
    assert any("same η" in line and "different values" in line for line in reading.unread())


def test_a_letter_weight_without_a_keep_phrase_stays_a_letter():
    text = ("Let g = (1, 2).\n(a) Solve min_d gᵀd s.t. ‖d‖_2 ≤ η with η = 1.\n"
            "(b) Solve min_d gᵀd s.t. ‖d‖_1 ≤ η for a general η > 0. Give the minimiser.")
    assert _value(text, "b", "eta") == "eta"


@pytest.mark.parametrize("text", [
    "g = (2, -2, 1). For the squared penalty g^T d + (1/alpha) ||d||_2^2 with alpha = 1: "
    "minimiser and minimal value?",
    r"Let $g = (2,-2,1)$ and $\alpha = 1$. Consider $g^\top d + \frac{1}{\alpha}\|d\|_2^2$; "
    r"minimizer and optimal value?",
])
def test_a_bare_list_after_a_colon_asks_each_noun(text):
    got = _answers(text)
    assert got["update"] == ["Matrix([[-1], [1], [-1/2]])"]
    assert got["min-value"] == ["-9/4"]


@pytest.mark.parametrize("text", [
    "Let g = (2, -2, 1). (a) Compute the solution of min_d g^T d + (1/α)‖d‖_2^2 for α = 1 and "
    "the optimal value.",
    "g = (2, -2, 1), alpha = 1. (a) Find the solution of the problem min_d g^T d + "
    "(1/alpha)||d||_2^2, then its optimal value.",
])
def test_the_solution_of_a_written_problem_is_the_minimiser(text):
    got = _answers(text)
    assert got["update"] == ["Matrix([[-1], [1], [-1/2]])"]
    assert got["min-value"] == ["-9/4"]


@pytest.mark.parametrize("text", [
    "Let g = (2, -2, 1). (a) Take the ℓ2 ball ‖d‖_2 ≤ η with η = 3. Update, value, optimizer name?",
    "g = (2, -2, 1)\n(a) constraint ||d||_2 <= eta, eta = 3. Step, optimal value and method?",
])
def test_a_question_of_bare_nouns_asks_each(text):
    got = _answers(text)
    assert got["update"] == ["Matrix([[-2], [2], [-1]])"]
    assert got["min-value"] == ["-9"]
    assert got["identification"]


def test_nouns_in_a_statement_are_not_asked():
    reading = read_report("Let g = (2, -2, 1). (a) Take the ℓ2 ball ‖d‖_2 ≤ η with η = 3. The "
                          "update, value and optimizer are known. What is the optimal value?")
    assert [p.value("asks") for p in reading.parts] == [["min-value"]]
