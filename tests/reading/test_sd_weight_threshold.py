"""The plain-penalty threshold asked on a multiplying weight: "minimise gᵀd + λ‖d‖; the smallest
λ for which d = 0 is a minimiser" is λ* = ‖g‖_* (the dual norm of the gradient), read in LaTeX,
ASCII, PDF-flattened and forum wording, checked against numpy's dual norm and the convex
solver; a weight that is not λ itself, or a bound that has no answer, stays refused."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.families.steepest_descent.spec import SteepestDescentSpec
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_DUAL_ORD = {"‖d‖_∞": 1, "||d||_inf": 1, "‖d‖_1": np.inf, "||d||_1": np.inf, "‖d‖_2": 2,
             r"\|d\|_2": 2, "||d||_2": 2, r"\|d\|_\infty": 1}


def _threshold(text: str, witnesses: bool = False) -> dict:
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    solution = solve_problem(reading.to_problem(),
                             SolveOptions(figures=False, run_witnesses=witnesses))
    data = solution.to_dict()
    (got,) = [a for part in data["parts"] for a in part["answers"] if a["quantity"] == "threshold"]
    return {"answer": got, "exit": solution.exit_code}


@pytest.mark.parametrize("template, norm", [
    ("Let g = {g}. Consider min_d g^T d + lam*{n} with lam > 0. What is the smallest lam "
     "for which d = 0 is a minimiser?", "||d||_inf"),
    (r"Let $g = {g}$. For the unconstrained problem $\min_d g^\top d + \lambda {n}$, find the "
     r"smallest $\lambda$ such that $d = 0$ minimises it.", r"\|d\|_2"),
    ("hey all, gradient g = {g}, objective g^T d + λ {n} (λ > 0, no square). what's the "
     "minimal λ for which the zero step is optimal??", "‖d‖_1"),
    ("g = {g}\nmin gᵀd + λ{n} over d ∈ R3\nGive the smallest λ so that d = 0 is a minimiser.",
     "‖d‖_∞"),
])
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(-9, 9), min_size=3, max_size=3).filter(any))
def test_the_smallest_multiplying_weight_is_the_dual_norm(template, norm, g):
    text = template.format(g="(" + ", ".join(map(str, g)) + ")", n=norm)
    got = _threshold(text)["answer"]
    expected = np.linalg.norm(np.array(g, float), _DUAL_ORD[norm])
    assert float(sp.sympify(got["expr"])) == pytest.approx(expected, rel=1e-12)


def test_the_weight_threshold_is_verified_by_the_solver():
    got = _threshold("Let g = (0.5, -2, 1.5). Consider min_d g^T d + lam*||d||_inf with "
                     "lam > 0. What is the smallest lam for which d = 0 is a minimiser?",
                     witnesses=True)
    assert got["exit"] == 0
    assert float(sp.sympify(got["answer"]["expr"])) == pytest.approx(4.0)


@pytest.mark.parametrize("weight, bound", [
    ("(λ/2)", "smallest"),   # the weight λ/2: its threshold 2‖g‖_* is not answered on λ
    ("λ", "largest"),        # d = 0 minimises for every λ ≥ ‖g‖_*: there is no largest λ
])
def test_other_weights_and_bounds_stay_refused(weight, bound):
    reading = read_report(f"Let g = (3, -4). Consider min_d gᵀd + {weight}‖d‖_2 with λ > 0. "
                          f"What is the {bound} λ for which d = 0 is a minimiser?")
    assert not reading.complete
    assert any("for which" in line for line in reading.unread()), reading.unread()


def test_on_weight_belongs_to_a_threshold_only():
    with pytest.raises(ValueError, match="on_weight"):
        SteepestDescentSpec.model_validate({"norm": "l2", "form": "penalty", "gradient": [1, 2],
                                            "asks": [{"kind": "update", "on_weight": True}]})
