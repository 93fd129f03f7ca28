"""A ratio of two parts' step lengths written as a formula equated to a question mark
("‖d_a‖_2 / ‖d_b‖_2 = ?", "||d_(b)||_1/||d_(a)||_1=?"): asked as the length ratio, the same as
after "Compute". The values are checked against cvxpy solving each part's problem; a single
norm so equated that the reading cannot place stays refused."""

from __future__ import annotations

import cvxpy as cp
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_SETUP = ("The gradient is g = ({g}). For a norm ‖.‖ let d = argmin_d gᵀd + (1/α)‖d‖^2 (the "
          "norm squared), α = 0.5 in every part.\n\n(a) ‖.‖ = ‖.‖_∞: find d.\n\n"
          "(b) ‖.‖ = ‖.‖_2: find d.\n\n(c) ")
_NONZERO = st.lists(st.integers(-6, 6), min_size=2, max_size=4).filter(any)


def _step(g: list[int], order: float) -> np.ndarray:
    d = cp.Variable(len(g))
    cp.Problem(cp.Minimize(np.array(g, float) @ d + 2 * cp.square(cp.norm(d, order)))).solve(
        solver=cp.CLARABEL)
    return d.value


@pytest.mark.parametrize("wording, expected", [
    ("‖d_a‖_2 / ‖d_b‖_2 = ?   (d_a from (a), d_b from (b))",
     lambda a, b: np.linalg.norm(a) / np.linalg.norm(b)),
    ("||d_(b)||_1/||d_(a)||_1=?", lambda a, b: np.abs(b).sum() / np.abs(a).sum()),
])
@settings(max_examples=3, deadline=None)
@given(_NONZERO)
def test_a_quotient_of_step_lengths_equated_to_a_question_mark(wording, expected, g):
    reading = read_report(_SETUP.format(g=", ".join(map(str, g))) + wording + "\n")
    assert reading.complete, "\n".join(reading.unread())
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    assert all(p["verified"] for p in data["parts"])
    (part,) = [p for p in data["parts"] if p["label"] == "c"]
    (got,) = [a for a in part["answers"] if a["quantity"] == "compare"]
    want = expected(_step(g, np.inf), _step(g, 2))
    assert float(sp.sympify(got["expr"])) == pytest.approx(want, rel=1e-5)


def test_a_lone_norm_it_cannot_place_stays_refused():
    reading = read_report(_SETUP.format(g="3, -1, 2") + "‖d_x‖_2 = ?\n")
    assert not reading.complete
    assert any("part (c)" in line for line in reading.unread()), reading.unread()
