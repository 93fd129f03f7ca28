"""The JSON contract: an answer's ``expr`` is a SymPy string over the problem's symbol names
(``alpha``, not its LaTeX ``\\alpha``), so another tool can parse it back."""

from __future__ import annotations

import json

import sympy

import optiproof


def test_a_symbolic_steepest_descent_answer_names_alpha_plainly():
    problem = optiproof.read_problem(
        "Let g = (3, -3, 3). Solve u = argmin_d g^T d + (1/alpha) ||d||_inf^2 and give the "
        "optimal value.")
    solution = optiproof.solve(problem, run_witnesses=False, figures=False)
    exprs = [a["expr"] for p in json.loads(solution.to_json())["parts"] for a in p["answers"]
             if a["quantity"] != "identification"]
    assert exprs and all("\\" not in e for e in exprs)
    names = set().union(*({s.name for s in sympy.sympify(e).free_symbols} for e in exprs))
    assert names == {"alpha"}
