"""A quantity named again in the request that tunes it ("the step minimising the contraction
factor, and the factor itself"): the optimal rate, checked against numpy's smallest spectral
radius of I − αH over a grid of steps. A notation sentence of the shared text ("momentum
parameters are denoted by β") states no method: a later part without a method is plain GD."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_ASKS = [
    "Find the constant step that minimises the worst-case contraction factor, and the factor "
    "itself.",
    "give the best constant lr (the one minimising the convergence factor), the factor itself, "
    "and nothing else",
    "Give the step $\\alpha^\\star$ minimising the contraction factor, and the rate itself.",
]


def _answers(text: str) -> dict:
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False,
                                                                run_witnesses=False))
    return {a["quantity"]: a["value"] for p in solution.to_dict()["parts"][-1:]
            for a in p["answers"]}


@pytest.mark.parametrize("ask", _ASKS)
@settings(max_examples=4, deadline=None)
@given(lo=st.integers(1, 5), hi=st.integers(6, 60))
def test_the_factor_itself_is_the_rate_the_tuning_minimises(ask, lo, hi):
    text = (f"Gradient descent on f(θ) = ½ θᵀHθ with H = diag({lo}, {hi}).\n"
            f"(a) What is the condition number?\n(b) {ask}")
    got = _answers(text)
    steps = np.linspace(1e-4, 2 / hi, 20001)
    radii = [max(abs(1 - a * np.array([lo, hi]))) for a in steps]
    assert got["optimal-rate"] == pytest.approx(min(radii), abs=1e-3)
    assert got["optimal-step"] == pytest.approx(steps[int(np.argmin(radii))], abs=1e-3)


def test_the_factor_itself_without_a_tuning_is_not_the_optimal_rate():
    text = ("Gradient descent on f(θ) = ½ θᵀHθ with H = diag(1, 9).\n(a) What is the condition "
            "number?\n(b) Take α = 0.1. Give the error after one step, and the factor itself.")
    reading = read_report(text)
    assert "optimal-rate" not in (reading.parts[-1].value("asks") or [])


_NOTATIONS = ("Step sizes are denoted by α and momentum parameters by β.",
              "Throughout, momentum coefficients are written as β and learning rates as α.",
              "We write α for step sizes; momentum parameters will be denoted β.")


@pytest.mark.parametrize("notation", _NOTATIONS)
def test_a_notation_sentence_names_no_method(notation):
    reading = read_report(f"Let f(w) = ½ wᵀHw with H = diag(1, 4, 16). {notation}\n(a) Give the "
                          "optimal constant step and the factor itself.\n(b) For Polyak's heavy "
                          "ball, give the optimal (α, β).")
    assert reading.complete, reading.unread()
    assert [p.value("method") for p in reading.parts] == ["gd", "heavy-ball"]


def test_a_stated_momentum_is_still_a_method():
    text = ("Quadratic f = ½θᵀHθ, H = diag(1, 9), momentum parameter β = 0.5.\n(a) Condition "
            "number?\n(b) With α = 0.1, what is the convergence rate?")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert {p.value("method") for p in reading.parts} == {"heavy-ball"}


# -- a rate a step is chosen to minimise --------------------------------------------------

_MINIMISING = ("Find the constant step minimising the worst-case convergence factor.",
               "Which constant learning rate makes the contraction factor smallest?",
               "Determine the step size for which the worst-case convergence rate is minimal.",
               "Give the learning rate that minimises the spectral radius.",
               "Find the constant step h⋆ that minimizes the worst-case linear convergence factor.")


@pytest.mark.parametrize("ask", _MINIMISING)
@settings(max_examples=3, deadline=None)
@given(lo=st.integers(1, 5), hi=st.integers(6, 60))
def test_a_rate_a_step_minimises_asks_the_step(ask, lo, hi):
    """The step is answered (numpy's argmin of the spectral radius over a grid), never the
    minimised rate alone."""
    got = _answers(f"Gradient descent on f(θ) = ½ θᵀHθ with H = diag({lo}, {hi}).\n"
                   f"(a) What is the condition number?\n(b) {ask}")
    steps = np.linspace(1e-4, 2 / hi, 20001)
    radii = [max(abs(1 - a * np.array([lo, hi]))) for a in steps]
    assert got["optimal-step"] == pytest.approx(steps[int(np.argmin(radii))], abs=1e-3)


@pytest.mark.parametrize("ask", [
    "the range of constant step sizes η for which GD converges",
    "the range of stable learning rates",
    "the range of admissible α",
])
def test_a_range_of_step_sizes_is_the_stability_interval(ask):
    got = _answers(f"Gradient descent on f(θ) = ½ θᵀHθ with H = diag(2, 8).\n"
                   f"(a) What is the condition number?\n(b) Give {ask}.")
    assert got["max-step"] == pytest.approx(2 / max(np.linalg.eigvalsh(np.diag([2.0, 8.0]))))

