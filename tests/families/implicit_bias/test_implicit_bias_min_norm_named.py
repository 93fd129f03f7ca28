"""The minimum-norm solution named by its formula (pinv(X) y, X⁺y, X†y) or by a symbol the text
defines as it ('where θ_min is the minimum-norm solution', 'θ⋆ = X†y'): 'is the limit equal to
it?' and the distance from the limit to it are read. A preconditioner written with LaTeX
fractions (diag(1, \\tfrac12, \\tfrac14)) is read; one without its matrix is refused."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, read_problem, read_report

X = np.array([[1, 1, 0], [0, 1, 1]], float)
Y = np.array([1, 2], float)
W0 = np.array([1, 0, 0], float)
# independent: GD from w0 keeps the null-space part of w0; min-norm solution is pinv(X) y
LIMIT = W0 + np.linalg.pinv(X) @ (Y - X @ W0)
DIST = float(np.linalg.norm(LIMIT - np.linalg.pinv(X) @ Y))

SETUP = "X = [[1, 1, 0], [0, 1, 1]], y = [1, 2], L(w) = 1/2 ||Xw - y||^2, start w_0 = (1, 0, 0).\n"
NAMED = [
    # ASCII, by the formula
    SETUP + "(a) Gradient descent with a small step: find w_inf.\n"
            "(b) Is w_inf the same as pinv(X) y? Give ||w_inf - pinv(X) y||_2.",
    # clean Unicode, a symbol defined after the question
    SETUP.replace("||", "‖") + "(a) Gradient descent from w_0 converges to w_∞. Find w_∞.\n"
                               "(b) Compute ‖w_∞ − w_mn‖₂, where w_mn denotes the minimum-norm "
                               "solution. Is w_∞ equal to X⁺y?",
    # PDF-garbled, a symbol defined by its formula
    SETUP + "(i) Gradient descent wt+1 = wt − η∇L(wt). Compute w∞.\n"
            "(ii) Compute kw∞ − w?k2, where w? = X†y is the minimum-norm solution.",
]


@pytest.mark.parametrize("text", NAMED)
def test_distance_to_the_min_norm_solution_named_by_formula_or_symbol(text):
    problem = read_problem(text)
    b = problem.parts[1]
    assert "distance-to-min-norm" in b.asks
    sol = solve_problem(problem, SolveOptions(figures=False)).parts[1]
    assert sol.verified
    dist = next(a for a in sol.answers if a.quantity == "distance-to-min-norm")
    assert float(dist.value) == pytest.approx(DIST, rel=1e-9)


@pytest.mark.parametrize("text", [
    SETUP + "(a) Gradient descent: limit w_inf?\n(b) Is w_inf equal to pinv(X)*y?",
    SETUP + "(a) Gradient descent: limit w_inf?\n(b) Does w_inf coincide with X^+ y?",
    SETUP + "(a) Gradient descent: limit w_inf?\n(b) Is w_inf = X†y?",
])
def test_is_the_limit_the_pseudo_inverse_solution(text):
    problem = read_problem(text)
    # asked as the family's yes/no, or as the derived comparison with the formula's vector
    derived = [d.kind for d in (problem.parts[1].derived or [])]
    assert "is-min-norm" in problem.parts[1].asks or "same-as" in derived
    sol = solve_problem(problem, SolveOptions(figures=False)).parts[1]
    answer = next(a for a in sol.answers if a.quantity in ("is-min-norm", "same-as"))
    assert answer.value is False   # w_0 has a null-space part


@pytest.mark.parametrize("diag", ["\\mathrm{diag}(1, \\tfrac12, \\tfrac14)",
                                  "\\operatorname{diag}(1,\\frac{1}{2},\\frac{1}{4})",
                                  "diag(1, 1/2, 1/4)"])
def test_a_preconditioner_with_fractions(diag):
    text = ("Minimise $L(\\theta) = \\tfrac12 (a^\\top\\theta - b)^2$ with $a = (1, 2, 2)^\\top$, "
            "$b = 9$, from $\\theta_0 = 0$. Preconditioned gradient descent "
            f"$\\theta_{{t+1}} = \\theta_t - \\eta P \\nabla L(\\theta_t)$ with $P = {diag}$. "
            "Give the limit.")
    part = read_problem(text).parts[0]
    assert [[float(x) for x in row] for row in part.method.P] == \
        [[1, 0, 0], [0, 0.5, 0], [0, 0, 0.25]]


def test_a_preconditioner_without_its_matrix_is_refused():
    text = ("Minimise L(θ) = ½(aᵀθ − b)² with a = (1, 2, 2), b = 9, from θ₀ = 0. "
            "Preconditioned gradient descent with a diagonal preconditioner: give the limit.")
    reading = read_report(text)
    assert any("without its matrix P" in line for line in reading.unread())
    with pytest.raises(ReadingIncomplete):
        reading.to_problem()


@pytest.mark.parametrize("text", [
    "Minimise L(θ) = ½(aᵀθ − b)², a = (1, 2, 2), b = 9, from θ₀ = 0. Every θ with aᵀθ = 9 has "
    "zero loss. Where does gradient descent converge?",
    "L(w) = 0.5*(a^T w - b)^2 with a = [1, 2, 2] and b = 9; all w on the plane a^T w = 9 fit "
    "exactly. GD from w_0 = 0: what is the limit?",
    "Fit $a^\\top\\theta = 9$ with $a = (1,2,2)^\\top$, i.e. $b = 9$, by gradient descent on "
    "$\\tfrac12(a^\\top\\theta - b)^2$ from $\\theta_0 = 0$. Find the limit.",
])
def test_the_right_hand_side_stated_twice_is_read_once(text):
    reading = read_report(text)
    assert not reading.to_dict()["unused_numbers"], reading.to_dict()["unused_numbers"]
    sol = solve_problem(reading.to_problem(), SolveOptions(figures=False)).parts[0]
    assert sol.exit_code == 0 if hasattr(sol, "exit_code") else sol.verified
    limit = next(a for a in sol.answers if a.quantity == "limit")
    assert np.allclose(np.array(limit.value, float), np.array([1, 2, 2]) * 9 / 9)
