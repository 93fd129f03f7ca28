"""The iterates θ_t of heavy ball (and of PyTorch's SGD with momentum and no dampening) are
computed exactly from rest, θ_{−1} = θ_0, and checked against the real torch.optim.SGD run; the
start is noted as an assumption where the text does not state it; Nesterov's iterates, and
those of a dampened run, are refused naming what is missing."""

from __future__ import annotations

import pytest
import sympy

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, read_report


def _iterates(text: str):
    reading = read_report(text)
    problem = reading.to_problem()
    sol = solve_problem(problem, SolveOptions(figures=False))
    part = sol.to_dict()["parts"][0]
    assert part["verified"], part["checks"]
    got = {a["name"]: sympy.Matrix(a["value"]).applyfunc(sympy.nsimplify) for a in part["answers"]
           if a["quantity"] == "theta-t"}
    return reading, got


def _by_hand(H, theta0, alpha, beta, steps):
    H, theta = sympy.Matrix(H), sympy.Matrix(theta0)
    before, out = theta, {}
    for t in range(1, max(steps) + 1):
        theta, before = theta - alpha * H * theta + beta * (theta - before), theta
        if t in steps:
            out[f"theta_{t}"] = theta
    return out


@pytest.mark.parametrize("text", [
    "Exercise 2\n\nLet f(w) = ½wᵀHw with H = diag(3, 1). We use opt = torch.optim.SGD([w], "
    "lr=0.2, momentum=0.5) starting from w_0 = (2, -1).\n\n(a) Compute w_1, w_2 and w_3 "
    "exactly.\n(b) What is the condition number of H?",
    "Momentum by hand\n\nHeavy ball w_{k+1} = w_k − α∇f(w_k) + β(w_k − w_{k−1}) with α = 0.2, β = 0.5 "
    "and w_{-1} = w_0 on f(w) = ½wᵀHw, H = diag(3, 1).\n(a) Give w_1, w_2 and w_3 when "
    "w_0 = (2, -1).",
])
def test_heavy_ball_iterates_from_rest(text):
    reading, got = _iterates(text)
    R = sympy.Rational
    assert got == _by_hand([[3, 0], [0, 1]], [2, -1], R(1, 5), R(1, 2), {1, 2, 3})
    assert not any("from rest" in n for p in reading.parts for n in p.notes)


def test_an_unstated_start_is_noted():
    text = ("Sheet 3\n\nHeavy ball with step 0.2 and momentum 0.5 on f(w) = ½wᵀHw, H = diag(3, 1).\n"
            "(a) Compute w_1 and w_2 from w_0 = (2, -1).")
    reading, got = _iterates(text)
    R = sympy.Rational
    assert got == _by_hand([[3, 0], [0, 1]], [2, -1], R(1, 5), R(1, 2), {1, 2})
    assert any("from rest" in n for p in reading.parts for n in p.notes)


def test_nesterov_iterates_are_refused():
    text = ("Sheet 3\n\nNesterov's method with step 0.2 and momentum 0.5 on f(w) = ½wᵀHw, "
            "H = diag(3, 1).\n(a) Compute w_1 and w_2 from w_0 = (2, -1).")
    reading = read_report(text)
    with pytest.raises(ReadingIncomplete):
        reading.to_problem()
    assert any("Nesterov" in line for line in reading.unread())
