"""A shared text that recalls the general step with its penalty weighed in another letter
('d* = argmin gᵀd + (1/(2η))‖d‖²', η never given) before the exercise's own objective in α: a
part that sets α (or asks its threshold) is weighed by α, not by the recalled formula's 2η. The
values are checked against the convex solver; with two objectives written and no word on which
one the exercise uses, the part is refused naming both."""

from __future__ import annotations

import cvxpy as cp
import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_SHARED = [
    "The gradient is g = ({g}). Usually one writes d* = argmin_d g^T d + (1/(2*eta)) ||d||^2. "
    "Here we use the norm itself: minimise g^T d + (1/alpha) ||d||_2.\n\n",
    "Let g = ({g}). Recall the textbook step d = argmin g^T d + 1/(2 lr) ||d||^2; in this exercise "
    "the objective is g^T d + (1/alpha)||d||_2 instead.\n\n",
    "Gradient g = ({g}). (Most notes write argmin_d g^T d + (1/(2η))‖d‖², but not here.) "
    "Objective: g^T d + (1/α)‖d‖_2.\n\n",
]


@pytest.mark.parametrize("shared", _SHARED)
@pytest.mark.parametrize("g, alpha", [((3, -4), 0.5), ((1, 2, 2), 0.1), ((6, 8), 0.05)])
def test_the_part_alpha_weighs_the_penalty(shared, g, alpha):
    text = shared.format(g=", ".join(map(str, g))) + \
        f"(a) With alpha = {alpha}, what is the minimiser and the minimum value?\n"
    reading = read_report(text)
    if not reading.complete:   # two objectives and no word on which: refused, naming the form
        assert any("form" in line and "plain-norm penalty" in line for line in reading.unread())
        assert shared is not _SHARED[0]   # 'we use the norm itself' says which
        return
    part = solve_problem(reading.to_problem(), SolveOptions(figures=False)).parts[0]
    assert part.verified
    (value,) = [a for a in part.answers if a.quantity == "min-value"]
    d = cp.Variable(len(g))
    problem = cp.Problem(cp.Minimize(np.array(g, float) @ d + cp.norm(d, 2) / alpha),
                         [cp.norm(d, "inf") <= 1e3])
    problem.solve()
    expected = problem.value if problem.value > -1e2 else float("-inf")
    got = float(value.expr)
    assert got == pytest.approx(expected, abs=1e-5) if np.isfinite(expected) else got == expected
