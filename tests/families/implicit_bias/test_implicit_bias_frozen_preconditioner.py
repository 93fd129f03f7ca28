"""A diagonal preconditioner computed once from the gradient at the start and kept fixed
(D = diag(1/|g_{0,i}|), 'frozen Adam'): preconditioned GD with that P, computed from the data
and the start; a zero gradient entry is refused. Checked independently: the limit of
θ ← θ − η D ∇L(θ) is θ0 + D Xᵀ(X D Xᵀ)⁻¹(y − Xθ0) (numpy)."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, read_problem

X = np.array([[1, 0, 2], [0, 1, 1]], float)
Y = np.array([5, 2], float)
G0 = X.T @ (X @ np.zeros(3) - Y)
D = np.diag(1 / np.abs(G0))
LIMIT = D @ X.T @ np.linalg.solve(X @ D @ X.T, Y)

FROZEN = {
    "clean": "X = [[1, 0, 2], [0, 1, 1]], y = (5, 2), L(w) = ½‖Xw − y‖², w₀ = 0.\n"
             "(a) With g₀ = ∇L(w₀), let D = diag(1/|g₀,₁|, 1/|g₀,₂|, 1/|g₀,₃|); D is "
             "kept fixed and w ← w − η D ∇L(w) is iterated with a small η. Where does it "
             "converge?",
    "latex": "Let $X=\\begin{pmatrix}1&0&2\\\\0&1&1\\end{pmatrix}$, $y=(5,2)^\\top$, "
             "$L(w)=\\tfrac12\\|Xw-y\\|^2$, $w_0=0$.\n(a) A simplified Adam-like method: "
             "$D=\\operatorname{diag}\\left(\\frac{1}{|g_{0,1}|},\\frac{1}{|g_{0,2}|},"
             "\\frac{1}{|g_{0,3}|}\\right)$ with $g_0=\\nabla L(w_0)$ and $\\epsilon = 0$, then "
             "kept fixed: $w_{t+1}=w_t-\\eta D\\nabla L(w_t)$. To which point does it converge?",
    "forum": "data X = [[1,0,2],[0,1,1]], y = [5,2], loss 1/2||Xw-y||^2, start at w = 0. I "
             "compute the gradient once at the start, set the preconditioner D = diag(1/|g0_i|) "
             "and keep D fixed forever: w <- w - lr * D * grad L(w).\n"
             "1) What's the limit of the frozen-D method?",
}


@pytest.mark.parametrize("text", FROZEN.values(), ids=FROZEN.keys())
def test_a_preconditioner_frozen_at_the_first_gradient(text):
    sol = solve_problem(read_problem(text), SolveOptions(figures=False)).parts[0]
    assert sol.verified
    limit = next(a for a in sol.answers if a.quantity == "limit")
    assert np.allclose(np.array(limit.value, float), LIMIT)


def test_a_zero_entry_of_the_first_gradient_is_refused():
    text = FROZEN["clean"].replace("y = (5, 2)", "y = (0, 0)").replace("w₀ = 0", "w₀ = (1, 0, 0)")
    with pytest.raises(ReadingIncomplete, match="zero entry"):
        read_problem(text)


def test_a_preconditioner_recomputed_every_step_is_not_read_as_frozen():
    text = FROZEN["clean"].replace("D is kept fixed and", "D is recomputed every step and")
    with pytest.raises(ReadingIncomplete):
        read_problem(text)
