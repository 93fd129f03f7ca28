"""'Using the rates from (i) (optimal step) and (ii)': the qualifier after a named part's label
selects its tuned step, not the step that part states; the iteration count uses the optimal
rate (L − μ)/(L + μ), computed here independently."""

from __future__ import annotations

import math

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_TEXT = ("Let f(x, y) = x^2 + 4y^2, with L and μ the largest and smallest eigenvalues of its "
         "Hessian and κ = L/μ.\n"
         "(i) For gradient descent with η = 1/L give the rate, then the optimal step size.\n"
         "(ii) Nesterov's method with η = 1/L and momentum β = (√κ − 1)/(√κ + 1): give the rate.\n"
         "(iii) Using the rates from (i) (optimal step) and (ii), find the smallest k with "
         "ρ^k ≤ 10^-3 for each method.\n")


def test_a_tuned_qualifier_selects_the_optimal_step_of_the_named_part():
    reading = read_report(_TEXT)
    gd = next(p for p in reading.parts if p.label.startswith("iii") and p.value("method") == "gd")
    assert gd.value("alpha") is None, gd.fields.get("alpha")
    solution = solve_problem(reading.answerable_problem(),
                             SolveOptions(figures=False, run_witnesses=False))
    got = next(p for p in solution.to_dict()["parts"] if p["label"] == gd.label)
    mu, L = 2, 8          # the Hessian of x^2 + 4y^2 is diag(2, 8)
    rate = (L - mu) / (L + mu)
    expected = math.ceil(math.log(1e3) / math.log(1 / rate))
    assert [a["value"] for a in got["answers"] if a["quantity"] == "iterations"] == [expected]
