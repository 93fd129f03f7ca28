"""The constant momentum Nesterov's method uses at step 1/L, asked by the noun that introduced it
('... takes the step 1/L and a fixed momentum coefficient. Give that coefficient.'): Nesterov's
(√κ − 1)/(√κ + 1), answered as its optimal momentum at that step; at another step it is not
read so."""

from __future__ import annotations

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

TEXT = ("Let g(θ) = ½ θ^T A θ, where the eigenvalues of A lie between μ = 4 and L = 36.\n"
        "(a) What is the condition number?\n"
        "(b) Nesterov's accelerated method takes {step} and a fixed momentum coefficient. "
        "Give that coefficient.\n")


def test_the_coefficient_nesterov_uses_at_one_over_l_is_answered():
    reading = read_report(TEXT.format(step="the step 1/L"))
    assert reading.complete, reading.unread()
    b = reading.parts[1]
    assert b.value("method") == "nesterov" and b.value("alpha") == "1/L"
    assert b.value("asks") == ["optimal-momentum"]
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    answers = solution.to_dict()["parts"][1]["answers"]
    beta = next(a for a in answers if a["quantity"] == "optimal-momentum")
    assert beta["value"] == 0.5   # κ = 9: (3 − 1)/(3 + 1)
    assert solution.exit_code == 0


def test_at_another_step_the_coefficient_is_not_read_as_the_optimum():
    reading = read_report(TEXT.format(step="the step 0.01"))
    assert not reading.complete
    assert "optimal-momentum" not in (reading.parts[1].value("asks") or [])
