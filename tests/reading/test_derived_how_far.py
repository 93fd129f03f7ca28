"""'How far is X from Y?' between two answers named by description: 'the limit of (c)', 'it'
(the answer the part asked just before), 'the minimum-norm solution' / 'the min-norm one'."""

from __future__ import annotations

import pytest
import sympy

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

TEXTS = {
    "clean": "Least squares L(w) = ½‖Xw − y‖², X = [[1, 1, 0], [0, 1, 1]], y = (2, 2).\n"
             "(a) Gradient descent from w₀ = 0 (small step): give its limit.\n"
             "(b) Gradient descent from w₀ = (3, 0, 0). Give the limit.\n"
             "(c) How far (Euclidean distance) is the limit of (b) from the minimum-norm "
             "solution?",
    "forum": "Toy least squares, X = [[1, 1, 0], [0, 1, 1]], y = [2, 2], loss 0.5*||Xw - y||^2. "
             "Plain GD with lr = 0.1 started at w0 = [3, 0, 0], not at the usual zero solution. "
             "Where does it converge? And how far is it from the min-norm one?",
    "latex": "Let $L(w) = \\frac12\\|Xw - y\\|_2^2$ with $X = \\begin{pmatrix}1 & 1 & 0\\\\ 0 & 1 & 1"
             "\\end{pmatrix}$, $y = (2, 2)^T$.\n\\begin{enumerate}\\item[(a)] Run gradient "
             "descent from $w_0 = (3, 0, 0)^T$ with a small step. Give $w_\\infty$.\n"
             "\\item[(b)] How far is the limit of (a) from the minimum-norm solution?"
             "\\end{enumerate}",
}


def _null_part():
    """The start's component in the null space of X, whose norm is the distance (GD keeps it)."""
    X = sympy.Matrix([[1, 1, 0], [0, 1, 1]])
    w0 = sympy.Matrix([3, 0, 0])
    n = X.nullspace()[0]
    return (n.dot(w0) / n.dot(n) * n).norm()


@pytest.mark.parametrize("style", sorted(TEXTS))
def test_how_far_between_two_described_answers(style):
    reading = read_report(TEXTS[style])
    problem = reading.to_problem()
    assert reading.unused == []
    sol = solve_problem(problem, SolveOptions(figures=False))
    last = sol.parts[-1]
    assert last.verified
    distances = [a for a in last.answers if "distance" in (a.quantity or "")]
    assert distances
    assert any(sympy.simplify(sympy.sympify(a.expr) - _null_part()) == 0 for a in distances
               if a.expr is not None) or \
        any(abs(float(a.value) - float(_null_part())) < 1e-9 for a in distances
            if isinstance(a.value, (int, float)))


def test_it_with_nothing_asked_before_is_refused():
    from optiproof.reading import ReadingIncomplete

    text = ("Least squares with X = [[1, 1, 0], [0, 1, 1]], y = (2, 2), GD from w0 = (3, 0, 0). "
            "How far is it from the ridge solution?")
    with pytest.raises(ReadingIncomplete):
        read_report(text).to_problem()
