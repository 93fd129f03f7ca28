"""A norm named by its description ('the largest absolute entry', 'the sum of absolute values',
'the square root of the sum of squares'): read as that norm, solved and witnessed."""

from __future__ import annotations

import pytest
import sympy as sp

from optiproof.pipeline import solve_problem
from optiproof.core.options import SolveOptions
from optiproof.reading import read_report


def _update(text: str) -> list:
    reading = read_report(text)
    assert reading.complete, [(m.name, m.reason) for p in reading.parts for m in p.missing]
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    data = solution.to_dict()
    return [a for p in data["parts"] for a in p["answers"] if a["quantity"] == "update"]


@pytest.mark.parametrize("text, want", [
    ("Let g = (3, -1, 2) be the gradient. We want the step d minimising g^T d subject to the "
     "constraint that the largest absolute entry of d is at most η.\n(a) Give d.",
     "[-eta, eta, -eta]"),
    ("$g=(3,-1,2)^\\top$. Minimise $g^\\top d$ over all $d$ whose maximum absolute value is at most "
     "$\\eta$.\n(a) What is the minimiser?", "[-eta, eta, -eta]"),
    ("g = (3, -1, 2) and we constrain d so that the sum of absolute values of its entries is at "
     "most eta.\n(a) Which d minimises g^T d?", "[-eta, 0, 0]"),
    ("grad is g=(3,-1,2). we minimise g^T d s.t. the sum of the entries in absolute value is "
     "<= eta.\n(a) what's d?", "[-eta, 0, 0]"),
    ("Let g = (3, -1, 2). Minimise g^T d subject to the square root of the sum of squares of d "
     "being at most η.\n(a) Give d.", "[-3*sqrt(14)*eta/14, sqrt(14)*eta/14, -sqrt(14)*eta/7]"),
])
def test_a_norm_named_by_its_description(text, want):
    got = _update(text)
    eta = sp.Symbol("eta")
    expr = sp.sympify(got[0]["expr"], locals={"eta": eta})
    assert sp.simplify(sp.Matrix(expr) - sp.Matrix(sp.sympify(want, locals={"eta": eta}))) == \
        sp.zeros(3, 1)
