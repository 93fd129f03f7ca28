"""A ratio whose operands are named by description ("the step from (a)", "the minimiser of
(b)", "d_(a)") and whose sizes are measured in the norm the comparison names ("how many times
longer (in the Euclidean norm) …", "how long (w.r.t. ‖·‖_2) is … compared with …"): each
operand is the earlier part's answer, compared by that norm. The values are checked against
cvxpy solving each part's problem (independent of the closed forms); a comparison of vectors
that names no norm, or two different norms, is refused."""

from __future__ import annotations

import cvxpy as cp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_NONZERO = st.lists(st.integers(-5, 5).filter(bool), min_size=2, max_size=4)
_SETUP = ("The gradient is g = ({g}).\n\n(a) Solve min_d gᵀd + (1/α)‖d‖_2^2 with α = 0.5 and "
          "give the minimiser d.\n\n(b) Solve min gᵀd subject to ‖d‖_∞ ≤ 0.1 and give d.\n\n(c) ")


def _steps(g: list[int]) -> tuple[np.ndarray, np.ndarray]:
    gv = np.array(g, float)
    a = cp.Variable(len(g))
    cp.Problem(cp.Minimize(gv @ a + 2 * cp.sum_squares(a))).solve(solver=cp.CLARABEL)
    b = cp.Variable(len(g))
    cp.Problem(cp.Minimize(gv @ b), [cp.norm(b, "inf") <= 0.1]).solve(solver=cp.CLARABEL)
    return a.value, b.value


def _ratio(text: str) -> float:
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    assert all(p["verified"] for p in data["parts"])
    (part,) = [p for p in data["parts"] if p["label"] == "c"]
    values = {a["value"] for a in part["answers"] if a["quantity"] == "ratio"}
    assert len(values) == 1
    return values.pop()


_WORDINGS = [
    ("How many times longer (in the Euclidean norm) is the step from (a) than the step from "
     "(b)?", lambda a, b: np.linalg.norm(a) / np.linalg.norm(b)),
    ("How large (with respect to ‖·‖_2) is the minimiser of (a), compared with the minimiser "
     "of (b)?",
     lambda a, b: np.linalg.norm(a) / np.linalg.norm(b)),
    ("How many times shorter (in the max norm) is the step from (b) than the step from (a)?",
     lambda a, b: np.abs(a).max() / np.abs(b).max()),
    ("Give the ratio ‖d_(a)‖_1 / ‖d_(b)‖_1.",
     lambda a, b: np.abs(a).sum() / np.abs(b).sum()),
]


@pytest.mark.parametrize("wording,expected", _WORDINGS)
@settings(max_examples=2, deadline=None)
@given(_NONZERO)
def test_operands_named_by_description_are_compared_in_the_named_norm(wording, expected, g):
    a, b = _steps(g)
    got = _ratio(_SETUP.format(g=", ".join(map(str, g))) + wording + "\n")
    assert got == pytest.approx(expected(a, b), rel=1e-6)


@pytest.mark.parametrize("wording", [
    "How many times longer is the step from (a) than the step from (b)?",
    "How many times longer (in the Euclidean norm, i.e. ‖·‖_1) is the step from (a) than the "
    "step from (b)?",
    "Give the ratio ‖d_(a)‖_2 / ‖d_(e)‖_2.",
])
def test_a_comparison_it_cannot_place_is_refused(wording):
    reading = read_report(_SETUP.format(g="3, -1, 2") + wording + "\n")
    assert not reading.complete
    assert any("part (c)" in line for line in reading.unread()), reading.unread()
