"""'What is inf_Δ of the objective in 3 when α = 0.5?': the operator named with its variable,
then what it is taken of, asks the minimum value of that part's problem (0 when the plain
norm penalty outweighs the gradient, unbounded below otherwise)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_TEXT = ("The gradient is g = ({g}).\n\n"
         "1. Consider the non-squared penalty gᵀΔ + (1/α)‖Δ‖_2. For which values of α is Δ = 0 "
         "a minimiser? Give the threshold.\n\n"
         "2. What is {op} of the objective in 1 when α = {alpha}?\n")


@pytest.mark.parametrize("op", ["inf_Δ", "min_Δ"])
@pytest.mark.parametrize("g, alpha", [([3, 4], "0.5"), ([3, 4], "0.1"), ([1, -1, 2], "1")])
def test_infimum_of_a_named_objective(op, g, alpha):
    reading = read_report(_TEXT.format(g=", ".join(map(str, g)), op=op, alpha=alpha))
    assert reading.complete, "\n".join(reading.unread())
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    (part,) = [p for p in data["parts"] if p["label"] == "2"]
    assert part["asked"] == ["min-value"] and part["verified"]
    (got,) = [a for a in part["answers"] if a["quantity"] == "min-value"]
    want = 0 if np.linalg.norm(g) <= 1 / float(alpha) else -sp.oo
    assert sp.sympify(got["expr"]) == want
