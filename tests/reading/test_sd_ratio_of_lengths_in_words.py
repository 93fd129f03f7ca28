"""A request for the ratio of two earlier steps' lengths written as a quotient of norms with the
words for what they are ("Compute the ratio ‖u*_(b)‖₂ / ‖u*_(a)‖₂ of the Euclidean lengths of the
two steps"): the ratio is answered by the derived quantities (each step's norm, their quotient),
and the part is stamped verified — the 'Euclidean lengths' and the step-length comparison the
family first took it for are answered by those, not left as an unanswered quantity."""

from __future__ import annotations

import cvxpy as cp
import numpy as np
import pytest
import sympy as sp

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_TEXT = ("At the current iterate the gradient is g = ({g}). For α = 2 and a norm ‖·‖ let "
         "u*(α) = argmin_u gᵀu + (1/α)‖u‖².\n\n"
         "(a) Take ‖·‖ = ‖·‖₂ (Euclidean norm). Compute the step u*.\n\n"
         "(b) Now take ‖·‖ = ‖·‖_∞ (max norm). Compute the step u*.\n\n"
         "(c) {ask}\n")


def _step(g: list[float], order: float) -> np.ndarray:
    u = cp.Variable(len(g))
    cp.Problem(cp.Minimize(np.array(g, float) @ u + 0.5 * cp.square(cp.norm(u, order)))).solve(
        solver=cp.CLARABEL)
    return u.value


@pytest.mark.parametrize("g", [[3, -4, 12], [1, 2], [-2, 5, 1, 1]])
@pytest.mark.parametrize("ask", [
    "Compute the ratio ‖u*_(b)‖₂ / ‖u*_(a)‖₂ of the Euclidean lengths of the two steps.",
    "What is the ratio ‖u*_(b)‖₂ / ‖u*_(a)‖₂ of the lengths of the two steps?",
])
def test_ratio_of_two_step_lengths_is_verified(g, ask):
    reading = read_report(_TEXT.format(g=", ".join(map(str, g)), ask=ask))
    assert reading.complete, "\n".join(reading.unread())
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    reading.attach(solution)
    data = solution.to_dict()
    (part,) = [p for p in data["parts"] if p["label"] == "c"]
    assert part["verified"], part["checks"]
    (ratio,) = [a for a in part["answers"] if a["quantity"] == "ratio"]
    want = np.linalg.norm(_step(g, np.inf)) / np.linalg.norm(_step(g, 2))
    assert float(sp.sympify(ratio["expr"])) == pytest.approx(want, rel=1e-5)
    assert solution.exit_code == 0
