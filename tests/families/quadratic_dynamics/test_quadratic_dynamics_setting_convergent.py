"""'Is the given setting (lr = …, momentum = …) convergent?': a yes/no question whether the
iteration converges, with its subject a setting, configuration or choice of parameters, and the
parameters restated in parentheses."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


@pytest.mark.parametrize("text, converges", [
    ("Quiz\n\nf(w) = ½wᵀHw with H = diag(10, 1), gradient descent with α = 0.25.\n"
     "(a) Is the chosen configuration (α = 0.25) convergent?", False),
    ("Quiz\n\nf(w) = ½wᵀHw with H = diag(10, 1), heavy ball with step 0.1 and momentum 0.5.\n"
     "(a) Is the stated setting stable on this quadratic?", True),
    ("Quiz\n\nf(w) = ½wᵀHw with H = diag(4, 1) and heavy ball with lr = 0.1, momentum = 0.9.\n"
     "(a) Are the given parameters (lr = 0.1, momentum = 0.9) convergent for f?", True),
])
def test_a_setting_asked_convergent(text, converges):
    reading = read_report(text)
    problem = reading.to_problem()
    part = solve_problem(problem, SolveOptions(figures=False)).to_dict()["parts"][0]
    assert part["verified"]
    assert [a["value"] for a in part["answers"] if a["quantity"] == "converges"] == [converges]
