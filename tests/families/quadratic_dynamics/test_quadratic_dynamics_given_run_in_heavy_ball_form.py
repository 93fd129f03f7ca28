"""A PyTorch SGD run given with its lr and momentum in the shared text, and a part that writes
the heavy-ball recursion with letters and asks for them ("what are α and β?"): the heavy-ball
step and momentum of that run (α = lr(1 − dampening), β = momentum), not the optimal pair, even
when a later part asks for the optimal parameters under the same letters."""

from __future__ import annotations

import pytest
import sympy

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, read_report


def _answers(text: str, label: str) -> dict[str, sympy.Expr]:
    reading = read_report(text)
    problem = reading.to_problem()
    sol = solve_problem(problem, SolveOptions(figures=False))
    part = next(p for p in sol.to_dict()["parts"] if p["label"] == label)
    assert part["verified"]
    return {a["quantity"]: sympy.nsimplify(a["expr"]) for a in part["answers"]
            if a["quantity"] not in ("identification",)}


RUNS = {
    "clean": "We minimise f(x) = ½xᵀAx with A = diag(5, 2) using\n\n"
             "    optimizer = torch.optim.SGD(params, lr=0.05, momentum=0.8)\n\n"
             "(a) Rewrite the run as x_{t+1} = x_t − α∇f(x_t) + β(x_t − x_{t−1}). What are α "
             "and β?\n"
             "(b) What are the optimal heavy-ball parameters (α, β) for A?",
    "ascii": "f(w) = 0.5 w^T H w, H = diag(5, 2). The code is torch.optim.SGD([w], lr=0.05, "
             "momentum=0.8, dampening=0).\n"
             "1) Write this run as heavy ball, w_{k+1} = w_k - α*grad f(w_k) + β*(w_k - "
             "w_{k-1}): what are α and β?\n"
             "2) Give the optimal step (α*) and momentum (β*) of heavy ball for this H.",
}


@pytest.mark.parametrize("style", sorted(RUNS))
def test_the_letters_of_the_written_recursion_are_those_of_the_run(style):
    label = "a" if style == "clean" else "1"
    got = _answers(RUNS[style], label)
    assert got["equivalent-step"] == sympy.Rational(1, 20)
    assert got["equivalent-momentum"] == sympy.Rational(4, 5)
    assert "optimal-step" not in got


def test_the_later_part_still_asks_the_optimal_pair():
    got = _answers(RUNS["clean"], "b")
    # eigenvalues 2 and 5: α* = 4/(√5 + √2)², β* = ((√5 − √2)/(√5 + √2))²
    s5, s2 = sympy.sqrt(5), sympy.sqrt(2)
    assert sympy.simplify(got["optimal-step"] - 4 / (s5 + s2) ** 2) == 0
    assert sympy.simplify(got["optimal-momentum"] - ((s5 - s2) / (s5 + s2)) ** 2) == 0


def test_a_run_without_pytorch_named_is_not_converted():
    text = ("f(x) = ½xᵀAx with A = diag(5, 2). Someone uses a step 0.05 and momentum 0.8.\n"
            "(a) For x_{t+1} = x_t − α∇f(x_t) + β(x_t − x_{t−1}), what are the optimal α and "
            "β?")
    try:
        got = _answers(text, "a")
    except ReadingIncomplete:
        return
    assert "equivalent-step" not in got
