"""Every formula an implicit-bias PartSolution emits parses with KaTeX (pykatex)."""

from __future__ import annotations

import pytest

from optiproof.core.solution import Solution
from optiproof.families.implicit_bias.solve import solve
from optiproof.families.implicit_bias.spec import Spec
from optiproof.rendering.mathsegments import solution_formulas

SPECS = [
    dict(a=[1, 0.1, 0.01], b=1, method="sgd"),
    dict(a=[1, 0.1, 0.01], b=1, method="epochwise-adaptive"),
    dict(a=[1, 0.1, 0.01], b=1, method="rescaled-sgd"),
    dict(a=[1, 0, -2], b=3, theta0=[1, 1, 1], method="sign-gd"),
    dict(X=[[1, 2, 0], [0, 1, 1]], y=[1, 2], theta0=[1, 0, 0], loss="half-mean",
         method={"name": "heavy-ball", "beta": 0.9}),
    dict(X=[[1, 2, 0], [0, 1, 1]], y=[1, 2], method={"name": "nesterov", "beta": 0.5}),
    dict(X=[[1, 2, 0], [0, 1, 1]], y=[1, 2], method={"name": "preconditioned",
                                                     "P": [[2, 1, 0], [1, 2, 0], [0, 0, 1]]}),
    dict(X=[[1, 2, 0], [0, 1, 1]], y=[1, 2], method={"name": "ridge", "lam": 0.5}),
    dict(X=[[1, 2, 0], [0, 1, 1]], y=[1, 2], method="epochwise-adaptive"),
    dict(a=[1, 0.1, 0.01], b=1, method={"name": "torch-adam", "iterations": 500}),
    dict(X=[[1, 0], [0, 1], [1, 1]], y=[1, 2, 3], method="torch-adagrad"),
    dict(X=[[1, 2], [2, 4]], y=[1, 3], presume_zero_loss=False, method="gd"),
]


@pytest.mark.parametrize("data", SPECS, ids=[str(i) for i in range(len(SPECS))])
def test_every_formula_renders(data):
    import pykatex

    part = solve(Spec(**data), figures=False)
    formulas = solution_formulas(Solution("t", [part]))
    assert len(formulas) > 10
    for latex, display in formulas:
        pykatex.renderToString(latex, displayMode=display, output="mathml", throwOnError=True)
