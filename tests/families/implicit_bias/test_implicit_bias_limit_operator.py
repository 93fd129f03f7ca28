"""A distance written with a limit operator before a symbol an earlier part defined as the ridge
solution ('‖w_∞ − lim w_λ‖', '\\|\\theta_\\infty - \\lim_{\\lambda\\to 0^+}\\theta_\\lambda\\|_2'): the
λ -> 0 limit of that part is the minimum-norm solution, so the distance is the one from the
earlier limit to the minimum-norm solution (checked here by numpy's pseudo-inverse)."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

X = np.array([[1, 0, 2], [0, 1, 1]], float)
Y = np.array([1, 3], float)
W0 = np.array([1, 1, 0], float)
GD = W0 + np.linalg.pinv(X) @ (Y - X @ W0)
DISTANCE = float(np.linalg.norm(GD - np.linalg.pinv(X) @ Y))

CLEAN = ("Take X = [[1, 0, 2], [0, 1, 1]], y = (1, 3) and the loss ½‖Xw − y‖². Start at "
         "w₀ = (1, 1, 0).\n\n(a) Run gradient descent from w₀ with a small step. Where does it "
         "converge? Call it w_∞.\n\n(b) For λ > 0 let w_λ = argmin ½‖Xw − y‖² + (λ/2)‖w‖². "
         "Find lim_{λ→0+} w_λ.\n\n(c) {ask}")
LATEX = (r"Let $X = \begin{pmatrix}1 & 0 & 2\\ 0 & 1 & 1\end{pmatrix}$, $y = (1, 3)^\top$, "
         r"$L(\theta) = \frac12\|X\theta - y\|^2$ and $\theta_0 = (1, 1, 0)^\top$."
         "\n\n(a) Gradient descent from $\\theta_0$: give $\\theta_\\infty$.\n\n"
         r"(b) Ridge: $\theta_\lambda = \arg\min_\theta L(\theta) + \frac{\lambda}{2}\|\theta\|^2$."
         r" Compute $\lim_{\lambda \to 0^+} \theta_\lambda$."
         "\n\n(c) {ask}")
ASCII = ("X = [1 0 2; 0 1 1], y = [1; 3], L(w) = 0.5*||X w - y||^2, w0 = [1, 1, 0].\n\n"
         "1) GD from w0 (small lr). What is w_inf?\n\n"
         "2) w_lam = argmin L(w) + (lam/2)*||w||^2. What is lim_{lam -> 0+} w_lam?\n\n"
         "3) {ask}")

FORMS = [
    (CLEAN, "Compute ‖w_∞ − lim w_λ‖₂."),
    (CLEAN, "Give ‖w_∞ − lim_{λ→0} w_λ‖_2, the Euclidean distance."),
    (LATEX, r"Find $\|\theta_\infty - \lim_{\lambda\to 0^+}\theta_\lambda\|_2$."),
    (ASCII, "Report ||w_inf - lim w_lam||_2."),
    (ASCII, "Report ||lim_{lam->0} w_lam - w_inf||_2 with w_inf from 1)."),
]


@pytest.mark.parametrize("text,ask", FORMS)
def test_limit_of_the_ridge_symbol_is_the_minimum_norm_solution(text, ask):
    reading = read_report(text.replace("{ask}", ask))
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    got = [a for p in solution.parts for a in p.answers if a.quantity in
           ("distance", "distance-to-min-norm")]
    assert got and abs(float(got[-1].value) - DISTANCE) < 1e-9


def test_limit_of_a_symbol_no_ridge_part_writes_is_not_placed():
    text = CLEAN.replace("(b) For λ > 0 let w_λ = argmin ½‖Xw − y‖² + (λ/2)‖w‖². "
                         "Find lim_{λ→0+} w_λ.", "(b) Run heavy-ball momentum with β = 0.5 from "
                         "w₀. Where does it converge?")
    reading = read_report(text.replace("{ask}", "Compute ‖w_∞ − lim w_λ‖₂."))
    assert not reading.complete
