"""A steepest-descent part answers everything it asks: the linear objective at the minimiser
written as "the predicted decrease", "the drop in the linearised model" or "the optimal
objective" is asked (not dropped); and a part that says "Repeat (b) with another norm" and
then asks a question of its own asks what (b) asked as well as its own question."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.reading.normalize import flatten, normalize
from optiproof.reading.questions import read_questions


def _keys(text: str) -> list[str | None]:
    return [a.quantity for r in read_questions(flatten(normalize(text).text)).requests
            for a in r.asks]


@pytest.mark.parametrize(("text", "key"), [
    ("Find the minimising step and its predicted decrease.", "linear-change"),
    ("Give u* together with the decrease in the linearised model.", "linear-change"),
    ("Report the step as well as the reduction of the first-order model.", "linear-change"),
    ("State the minimiser and the optimal objective.", "min-value"),
])
def test_the_value_at_the_minimiser_in_other_words_is_asked(text: str, key: str) -> None:
    keys = _keys(text)
    assert key in keys and len(keys) == 2, keys


def _answers(text: str) -> dict[str, dict[str, object]]:
    reading = read_report(text)
    assert reading.complete, reading
    solution = solve_problem(reading.answerable_problem(), SolveOptions(figures=False))
    return {p.label: {**{a.quantity: a.expr for a in p.answers},
                      **({"identification": p.identified_as} if p.identified_as else {})}
            for p in solution.parts}


def test_the_predicted_decrease_is_answered_beside_the_step() -> None:
    text = ("The gradient is g = (2, -1, 0, 3). Consider d* = argmin g^T d subject to "
            "‖d‖_∞ ≤ 0.5.\n"
            "(a) Work out d* and the predicted decrease g^T d*.\n"
            "(b) Repeat (a) with the ℓ1 ball of the same radius.\n")
    answers = _answers(text)
    assert float(answers["a"]["linear-change"]) == pytest.approx(-3.0)   # −0.5·‖g‖₁
    assert float(answers["b"]["linear-change"]) == pytest.approx(-1.5)   # −0.5·‖g‖∞
    assert "update" in answers["a"] and "update" in answers["b"]


def test_a_repeat_with_a_question_of_its_own_asks_both() -> None:
    text = ("Let g = (1, -2, 2) and take d* = argmin_d g^T d + (1/α)‖d‖² with α = 1.\n"
            "(a) Find d* for the Euclidean norm and the minimum value.\n"
            "(b) Repeat (a) with the max-norm ‖d‖_∞. Which standard method is this?\n")
    answers = _answers(text)
    assert set(answers["b"]) >= {"update", "min-value", "identification"}, answers["b"]
    # gᵀd + ‖d‖∞² with d = −t·sign(g): −5t + t², minimal at t = 5/2, value −25/4
    assert float(answers["b"]["min-value"]) == pytest.approx(-25 / 4)
    assert "sign" in str(answers["b"]["identification"]).lower()
