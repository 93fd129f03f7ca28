"""Starred steps indexed by norms in a text whose parts are numbered ("‖u*_∞‖₂ / ‖u*_2‖₂" after
parts 1-3): the sibling 'u*_∞' shows the subscripts name norms, so 'u*_2' is the ℓ2 step, not
the step of part 2 (which is the ℓ∞ one). Without such a sibling the subscript stays ambiguous
and the request is refused naming the symbol."""

from __future__ import annotations

import cvxpy as cp
import numpy as np
import pytest
import sympy as sp

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_TEXT = ("The gradient is g = ({g}) and the step is u* = argmin_u gᵀu + (λ/2)‖u‖² with λ = 2.\n\n"
         "1. Take ‖·‖ = ‖·‖₂ (Euclidean norm), compute the step u*.\n"
         "2. Now take ‖·‖ = ‖·‖_∞ (the max norm). Compute u*.\n"
         "3. Which well-known optimizer does the step in 2 correspond to?\n"
         "4. Compute the ratio {ratio} of the Euclidean lengths of the two steps.\n")


def _step(g, order):
    u = cp.Variable(len(g))
    cp.Problem(cp.Minimize(np.array(g, float) @ u + cp.square(cp.norm(u, order)))).solve(
        solver=cp.CLARABEL)
    return u.value


@pytest.mark.parametrize("g", [[3, -4, 12], [1, -2, 2, 5]])
@pytest.mark.parametrize("ratio", ["‖u*_∞‖₂ / ‖u*_2‖₂", "‖u^*_∞‖₂ / ‖u^*_2‖₂"])
def test_starred_steps_indexed_by_norms(g, ratio):
    reading = read_report(_TEXT.format(g=", ".join(map(str, g)), ratio=ratio))
    assert reading.complete, "\n".join(reading.unread())
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    (part,) = [p for p in data["parts"] if p["label"] == "4"]
    assert part["verified"]
    (got,) = [a for a in part["answers"] if a["quantity"] == "compare"]
    want = np.linalg.norm(_step(g, np.inf)) / np.linalg.norm(_step(g, 2))
    assert float(sp.sympify(got["expr"])) == pytest.approx(want, rel=1e-5)


def test_a_subscript_that_may_be_a_part_stays_refused():
    text = _TEXT.format(g="3, -4, 12", ratio="‖u*_3‖₂ / ‖u*_2‖₂")
    reading = read_report(text)
    assert not reading.complete
    assert any("part (4)" in line and "u" in line for line in reading.unread()), reading.unread()
