"""A ratio of two parts' first-order decreases, the parts named by their labels written without
parentheses ('in Q2', 'the one in Q3', 'from question 1'): in the constrained form the
objective is the linear term alone, so the decrease a part answers is its minimum value gᵀu*,
and the ratio of two decreases is that of the two minimum values. The step of another part
named the same way ('the length of the step from Q2') is that part's step. With a squared
penalty a decrease is twice minus the minimum value, so two such decreases divide as the
minimum values do (decreases of problems of different forms are refused: see
test_sd_substitutions_and_asides.py)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

G = [2, -4, 4, 8]
ETA = Fraction(1, 100)
_SETUP = ("The gradient is g = (2, -4, 4, 8). For a norm ‖·‖ and radius η = 0.01 the step is "
          "Δw* = argmin_{‖Δw‖ ≤ η} ⟨g, Δw⟩.\n\n"
          "Q1. For the Euclidean norm ‖·‖_2, give Δw* and the minimum value ⟨g, Δw*⟩.\n\n"
          "Q2. Same question for the max-norm ‖·‖_∞.\n\n"
          "Q3. Same question for ‖·‖_1.\n\n"
          "Q4. ")


def _part(text: str, label: str) -> dict:
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    data = solve_problem(reading.to_problem(),
                         SolveOptions(figures=False, run_witnesses=False)).to_dict()
    return next(p for p in data["parts"] if p["label"] == label)


def _decrease(norm: str) -> Fraction:
    """−min over the ball of gᵀu: η times the dual norm of g."""
    dual = {"l2": None, "linf": sum(abs(x) for x in G), "l1": max(abs(x) for x in G)}[norm]
    return ETA * dual


@pytest.mark.parametrize("ask", [
    "By what factor is the first-order decrease in Q2 larger than the one in Q3?",
    "What is the ratio of the predicted decrease in question 2 to the predicted decrease in "
    "question 3?",
])
def test_ratio_of_two_parts_decreases(ask):
    part = _part(_SETUP + ask, "4")
    (ratio,) = [a for a in part["answers"] if a["quantity"] == "ratio"]
    assert Fraction(ratio["expr"]) == _decrease("linf") / _decrease("l1")


def test_the_step_from_a_part_named_by_its_label():
    part = _part(_SETUP + "What is the Euclidean length ‖Δw*‖_2 of the step from Q2?", "4")
    (length,) = [a for a in part["answers"] if a["quantity"] == "step-length"]
    # the ℓ∞ step is −η sign(g): its Euclidean length is η √4
    assert abs(length["value"] - float(ETA * 2)) < 1e-12


def test_a_ratio_of_decreases_of_penalised_problems():
    """With a squared penalty the decrease −gᵀu* = η‖g‖_*² is twice minus the minimum value,
    whatever the norm: the ratio of two decreases is that of the two minimum values."""
    text = _SETUP.replace("Δw* = argmin_{‖Δw‖ ≤ η} ⟨g, Δw⟩", "Δw* = argmin_Δw ⟨g, Δw⟩ + "
                          "(1/(2η)) ‖Δw‖^2").replace("radius η", "step size η")
    part = _part(text + "By what factor is the first-order decrease in Q2 larger than the one "
                        "in Q3?", "4")
    (ratio,) = [a for a in part["answers"] if a["quantity"] == "ratio"]
    assert Fraction(ratio["expr"]) == (_decrease("linf") / _decrease("l1")) ** 2
