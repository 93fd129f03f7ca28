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


def _answers(text: str) -> dict:
    reading = read_report(text)
    assert reading.complete, [(m.name, m.reason) for p in reading.parts for m in p.missing]
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    return {a["quantity"]: a for p in solution.to_dict()["parts"] for a in p["answers"]}


@pytest.mark.parametrize("text", [
    "Let g = (2, -1) and α = 0.5. Solve min_d g^T d + (1/α)‖d‖_2^2 and give the optimal value. "
    "Which familiar update is this?",
    "$g=(2,-1)^\\top$. With $\\alpha=0.5$ solve the penalised problem "
    "$\\min_d g^\\top d + \\frac{1}{\\alpha}\\|d\\|_2^2$ and report the minimum value. Which "
    "standard update is this, up to the step size?",
    "g = (2, -1), alpha = 0.5: first solve min_d g^T d + (1/alpha)||d||_2^2, then give the "
    "optimal value. which well-known step rule is this?",
])
def test_solve_asks_the_minimiser_and_which_update_names_it(text):
    got = _answers(text)
    # by hand: d = -(α/2) g = (-1/2, 1/4), value -(α/4)‖g‖² = -5/8
    assert sp.Matrix(sp.sympify(got["update"]["expr"])) == sp.Matrix([-sp.Rational(1, 2),
                                                                      sp.Rational(1, 4)])
    assert sp.sympify(got["min-value"]["expr"]) == -sp.Rational(5, 8)
    assert "identification" in got
