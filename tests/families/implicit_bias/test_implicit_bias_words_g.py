"""Implicit-bias requests in words: the distance from an earlier part's limit to the
minimum-norm solution named in words, the λ -> 0 limit asked as "the limit of θ_λ as λ → 0"
in one sentence, and "where does it end?" for the limit point. Values checked against numpy."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

X = np.array([[1, 0, 2], [0, 1, 1]], float)
Y = np.array([1, 3], float)
W0 = np.array([1, -1, 2], float)
MIN_NORM = np.linalg.pinv(X) @ Y
# GD from w0 ends at the projection of w0 onto {Xw = y}: w0 + X^+(y - X w0)
FROM_W0 = W0 + np.linalg.pinv(X) @ (Y - X @ W0)


def _answer(text: str, label: str, quantity: str) -> str:
    """The answer to ``quantity`` of part ``label``, solved and verified (exit 0)."""
    solution = solve_problem(read_report(text).to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0, solution.to_dict()
    return next(a["expr"] for p in solution.to_dict()["parts"] if p["label"] == label
                for a in p["answers"] if a["quantity"] == quantity)


SETUP = ("Least squares L(w) = ½‖Xw − y‖² with X = [[1, 0, 2], [0, 1, 1]] and y = (1, 3).\n\n"
         "(a) Gradient descent with a small step from w_0 = (1, -1, 2). Where does it converge?\n\n")


@pytest.mark.parametrize("question", [
    "(b) How far (Euclidean distance) is the limit of (a) from the minimum-norm solution?",
    "(b) What is the distance from the point found in (a) to the minimum-norm interpolating "
    "solution?",
    "(b) how far is the answer of (a) from the min-norm solution (plain euclidean distance)?",
])
def test_distance_from_a_named_limit_to_the_min_norm_solution(question):
    got = _answer(SETUP + question, "b", "distance-to-min-norm")
    assert abs(float(sp.sympify(got)) - float(np.linalg.norm(FROM_W0 - MIN_NORM))) < 1e-9


def test_a_distance_to_another_norm_is_not_read_as_the_euclidean_one():
    reading = read_report(SETUP + "(b) How far, in the l1 distance, is the limit of (a) from "
                                  "the minimum-norm solution?")
    assert not reading.complete or all(
        "distance-to-min-norm" not in (pr.value("asks") or []) for pr in reading.parts)


RIDGE = "Least squares L(θ) = ½(θ_1 + 2θ_2 − 5)^2, θ ∈ R^2, started at θ_0 = 0.\n\n"


@pytest.mark.parametrize("question,quantity", [
    ("Ridge: θ_λ = argmin L(θ) + (λ/2)‖θ‖². What is the limit of θ_λ as λ → 0+?",
     "ridgeless-limit"),
    ("With ridge regression (weight decay λ), find the limit of the ridge solution when lambda "
     "-> 0.", "ridgeless-limit"),
    ("Add an L2 penalty (λ/2)||θ||^2. Give lim θ_λ for λ → 0.", "ridgeless-limit"),
    ("Run gradient descent with a small step. Where does it end?", "limit"),
    ("GD with a tiny learning rate - where does the iterate finally stop?", "limit"),
    ("Gradient descent, small constant step size: where will it end up?", "limit"),
])
def test_the_limit_in_words_and_the_ridge_limit_without_lambda(question, quantity):
    """The λ → 0 limit in one sentence with 'the limit of θ_λ' needs no λ; 'where does it
    end?' asks the limit point. By hand: the minimum-norm solution of θ1 + 2θ2 = 5 is (1, 2),
    GD's limit from 0 and ridge's as λ → 0."""
    value = _answer(RIDGE + question, "main", quantity)
    assert [sp.sympify(v) for v in sp.sympify(value)] == [1, 2]


OWN = "Least squares L(w) = ½‖Xw − y‖² with X = [[1, 0, 2], [0, 1, 1]] and y = (1, 3). "


@pytest.mark.parametrize("question", [
    "Gradient descent from w_0 = (1, -1, 2). Where does it converge, and how far is it from the "
    "minimum-norm solution?",
    "gd from w0 = [1, -1, 2], small lr. where does it land? how far (euclidean distance) is that "
    "from the min-norm one?",
    "Run gradient descent from $w_0 = (1, -1, 2)$. Give its limit and the distance between it and "
    "the minimum-norm interpolant.",
])
def test_distance_from_this_parts_limit_to_the_min_norm_solution(question):
    got = _answer(OWN + question, "main", "distance-to-min-norm")
    assert abs(float(sp.sympify(got)) - float(np.linalg.norm(FROM_W0 - MIN_NORM))) < 1e-9


@pytest.mark.parametrize("data", [
    "x_1 = [1, 0, 2], y_1 = 1\nx_2 = [0, 1, 1], y_2 = 3\ni.e. X = [1, 0, 2; 0, 1, 1], y = [1; 3].",
    "x_1 = (1, 0, 2), y_1 = 1 and x_2 = (0, 1, 1), y_2 = 3 (e.g. two measurements).",
    "Points: x_1 = [1, 0, 2] with y_1 = 1; x_2 = [0, 1, 1] with y_2 = 3 cf. the table above.",
])
def test_a_target_followed_by_an_abbreviation_pairs_with_its_point(data):
    text = f"{data} Loss ½ Σ_i (x_iᵀw − y_i)². Gradient descent from w_0 = (1, -1, 2): limit?"
    value = _answer(text, "main", "limit")
    assert np.allclose([float(sp.sympify(v)) for v in sp.sympify(value)], FROM_W0)


ONE = "One observation: minimise L(θ) = ½(θ_1 + θ_2 − 4)^2 over θ ∈ R^2. "


@pytest.mark.parametrize("question", [
    "A colleague trains w on the rescaled features ã = S a with S = diag(1, 3), by gradient "
    "descent from w_0 = 0, then maps the weights back via θ = S w. Which θ does she get?",
    "rescale the features first: x_tilde = S x, S = diag(1, 3). run GD from zero on that and "
    "map the weights back to the original units (theta = S w). where does theta end up?",
    "Gradient descent from $w_0 = 0$ on $\\tilde a = S a$, $S = \\mathrm{diag}(1, 3)$; convert "
    "the weights back with $\\theta = S w$. Give the limit.",
])
def test_features_scaled_by_a_diagonal_matrix_then_mapped_back(question):
    value = _answer(ONE + question, "main", "limit")
    # by hand: GD on ã from 0 ends at ã·4/‖ã‖² = (1, 3)·4/10; θ = S w = (1, 9)·4/10
    assert [sp.sympify(v) for v in sp.sympify(value)] == [sp.Rational(2, 5), sp.Rational(18, 5)]


def test_a_map_back_by_the_inverse_matrix_is_not_read_as_the_rescaling():
    reading = read_report(ONE + "Train w by gradient descent from 0 on ã = S a with S = diag(1, "
                                "3), then map the weights back with θ = S^{-1} w. Give θ.")
    assert not reading.complete


@pytest.mark.parametrize("method", [
    "gradient descent with a step size 0 < η < 2/‖X‖², started from w_0 = (1, -1, 2)",
    "GD, learning rate 0 < lr < 1/L, initialised at w_0 = (1, -1, 2)",
    "gradient descent (any stepsize 0<eta<2/L) from w_0 = (1, -1, 2)",
])
def test_a_bound_on_the_step_states_no_step(method):
    text = ("Least squares L(w) = ½‖Xw − y‖² with X = [[1, 0, 2], [0, 1, 1]] and y = (1, 3). We run "
            f"{method}. Where does it converge?")
    solution = solve_problem(read_report(text).to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0, solution.to_dict()
    limit = next(a for p in solution.to_dict()["parts"] for a in p["answers"]
                 if a["quantity"] == "limit")
    assert np.allclose(np.array(limit["value"], float).ravel(), FROM_W0)
