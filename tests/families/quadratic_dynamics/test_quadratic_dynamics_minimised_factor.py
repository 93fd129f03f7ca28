"""'What step size minimises this factor, and what is the minimal factor?' after a contraction
factor at a given step: the optimal step and the optimal rate, beside the rate at the given
step."""

from __future__ import annotations

import pytest
import sympy

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


@pytest.mark.parametrize("text", [
    "Sheet\n\nGradient descent on f(w) = ½wᵀHw with H = diag(1, 9).\n"
    "(a) Give the contraction factor for α = 0.1. Which step size minimises that factor, and "
    "what is the smallest factor?",
    "Sheet\n\nGD on f(w) = ½ wᵀHw, H = diag(1, 9).\n"
    "(a) What is the convergence rate at α = 0.1? What learning rate minimises the worst-case "
    "rate, and what is the minimum rate?",
])
def test_the_minimised_factor_and_its_step(text):
    reading = read_report(text)
    part = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()["parts"][0]
    assert part["verified"]
    got = {a["quantity"]: sympy.nsimplify(a["expr"]) for a in part["answers"]}
    assert got["rate"] == sympy.Rational(9, 10)   # max(|1 − 0.1|, |1 − 0.9|)
    assert got["optimal-step"] == sympy.Rational(1, 5)
    assert got["optimal-rate"] == sympy.Rational(4, 5)
