"""Which norm the limit minimises among all solutions: the Euclidean norm of θ - θ0 (GD, SGD,
momentum), the P⁻¹ quadratic form (a fixed preconditioner), the max norm (sign descent on one
equation). Each answer is checked against an independent minimiser (numpy KKT / scipy LP here,
and the witness's own run of the real optimizer)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from scipy.optimize import linprog

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def _solved(text: str):
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0, [(c.method, c.status, c.detail) for p in solution.parts
                                     for c in p.checks]
    return reading, solution


@pytest.mark.parametrize("question", [
    "(b) The limit of (a) solves Xw = y and minimises which quadratic function of w_1, w_2, w_3?",
    "(b) Among all w with X w = y, which quantity does the limit of (a) minimise? Write it in "
    "w_1, w_2, w_3.",
])
def test_a_preconditioner_minimises_its_inverse_quadratic_form(question):
    text = ("Data X = [[1, 0, 1], [0, 1, 1]], y = [2, 1], loss 0.5*||X w - y||^2, w_0 = 0.\n"
            "(a) Preconditioned GD w_{k+1} = w_k - lr * P * grad L(w_k) with P = diag(1, 2, 4). "
            "Where does it converge?\n" + question)
    reading, solution = _solved(text)
    answer = next(a for a in solution.parts[1].answers if a.quantity == "which-norm")
    w = sp.symbols("w1:4", real=True)
    assert sp.expand(answer.expr.xreplace({s: sp.Symbol(s.name, real=True)
                                          for s in answer.expr.free_symbols})
                     - (w[0] ** 2 + w[1] ** 2 / 2 + w[2] ** 2 / 4)) == 0
    # independent: the limit is the KKT minimiser of w^T P^-1 w on Xw = y
    X, y, W = np.array([[1., 0, 1], [0, 1, 1]]), np.array([2., 1]), np.diag([1, .5, .25])
    K = np.block([[2 * W, X.T], [X, np.zeros((2, 2))]])
    best = np.linalg.solve(K, np.r_[np.zeros(3), y])[:3]
    limit = next(a for a in solution.parts[1].answers if a.quantity == "limit")
    assert np.abs(np.array(limit.value, dtype=float) - best).max() < 1e-12


SIGN = ("Fit 3θ₁ − θ₂ + 2θ₃ = 6 with the loss ½(aᵀθ − 6)², starting from θ₀ = 0.\n"
        "(a) Sign descent θ ← θ − η_t sign(∇f) with η_t → 0: where does it converge?\n")


@pytest.mark.parametrize("text", [
    SIGN + "(b) Which norm does this limit minimise among all solutions?",
    # "Which one?" after a sentence naming a family of norms asks which norm
    SIGN + "(b) The limit of (a) minimises one of the standard ℓp norms among all solutions. "
    "Which one?",
    SIGN + "(b) Among the solutions, the sign-descent limit is the smallest in one of the usual "
    "p-norms. Which one?",
    "One equation: a = (3, -1, 2), b = 6, f(θ) = 0.5*(a^T θ - b)^2, θ_0 = 0. signSGD with "
    "step sizes going to 0: where does it end up, and which norm is it the minimum of?",
])
def test_sign_descent_minimises_the_max_norm(text):
    _, solution = _solved(text)
    answer = next(a for p in solution.parts for a in p.answers if a.quantity == "which-norm")
    assert answer.expr.key == "linf"
    a, b = np.array([3., -1, 2]), 6.0
    res = linprog(np.r_[0, 0, 0, 1.], A_ub=np.block([[np.eye(3), -np.ones((3, 1))],
                                                     [-np.eye(3), -np.ones((3, 1))]]),
                  b_ub=np.zeros(6), A_eq=np.r_[a, 0][None, :], b_eq=[b],
                  bounds=[(None, None)] * 4, method="highs")
    limit = next(a for p in solution.parts for a in p.answers if a.quantity == "limit")
    assert abs(np.abs(np.array(limit.value, dtype=float)).max() - res.fun) < 1e-9


def test_gradient_descent_minimises_the_euclidean_distance_to_its_start():
    _, solution = _solved("Least squares X = [[1, 2, 0]], y = [3], ½‖Xθ − y‖², θ_0 = (1, 0, 1). "
                          "Gradient descent: where does it converge, and which norm of θ − θ_0 "
                          "does the limit minimise?")
    answer = next(a for p in solution.parts for a in p.answers if a.quantity == "which-norm")
    assert answer.expr.key == "l2"


@pytest.mark.parametrize("text", [
    # Adam has no known implicit regulariser here: the ask is left unread
    "X = [[1, 1, 0], [0, 1, 1]], y = [3, 1], loss 0.5*||Xw - y||^2, w_0 = 0. Adam with lr = 0.01: "
    "where does it converge, and which norm does it minimise?",
])
def test_which_norm_for_a_method_without_a_known_bias_is_refused(text):
    assert not read_report(text).complete


def test_a_wrong_norm_fails_the_witness():
    from dataclasses import replace

    from optiproof.core.exact import Name
    from optiproof.families.implicit_bias.witness import which_norm_check

    reading, solution = _solved(
        "Fit 3θ₁ − θ₂ + 2θ₃ = 6, loss ½(aᵀθ − 6)², θ₀ = 0. Sign descent with step sizes η_t → 0:"
        " where does it converge, and which norm does the limit minimise?")
    spec = reading.to_problem().parts[0]
    part = solution.parts[0]
    assert which_norm_check(spec, part).status == "passed"
    wrong = [replace(a, expr=Name("l2", "Euclidean norm")) if a.quantity == "which-norm" else a
             for a in part.answers]
    assert which_norm_check(spec, replace(part, answers=wrong)).status == "failed"

