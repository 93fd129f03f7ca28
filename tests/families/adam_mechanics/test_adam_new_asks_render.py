"""The derivations and answers of the Adam asks added for text wordings (the equivalent ε, the
equivalent SGD learning rate, the uncorrected step's size as a multiple of α) render in the
same LaTeX renderer as every other formula."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.core.solution import Solution
from optiproof.families.problem import make_problem
from optiproof.pipeline import solve_problem
from optiproof.rendering.latexcheck import validate_latex
from optiproof.rendering.mathsegments import solution_formulas


@pytest.mark.slow
@pytest.mark.parametrize("part", [
    {"asks": ["equivalent-eps"], "eps": 1e-8, "c": 4},
    {"asks": ["equivalent-eps"]},
    {"asks": ["sgd-loss-scaling"], "gradient": [1, -2], "alpha": 0.1, "c": 3},
    {"asks": ["step-no-bias-correction"], "gradient": [2, -0.5], "alpha": 0.001,
     "beta1": 0.9, "beta2": 0.999, "eps": 0, "t": 1}])
def test_new_adam_answers_render(part):
    spec = {"title": "Adam", "parts": [{"label": "a", "family": "adam-mechanics",
                                        "optimizer": "adam", **part}]}
    solution = solve_problem(make_problem(spec), SolveOptions(figures=False))
    assert isinstance(solution, Solution) and solution.parts[0].verified
    formulas = solution_formulas(solution)
    assert formulas
    for latex, display in formulas:
        validate_latex(latex, display)
