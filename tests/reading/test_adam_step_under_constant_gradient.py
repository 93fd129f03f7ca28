"""Under a gradient stated as one number for every step, 'the update at every step t' is
answered with its value: Adam's corrected step -α g/(|g| + ε) (the same at every t, checked
against torch's steps on that gradient), RMSprop's -α g/(√(1-β₂ᵗ)|g| + ε) as a closed form in
t. 'the update at step t = 10' reads t = 10."""

from __future__ import annotations

import math

import pytest
import sympy

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def _solve(text: str) -> dict:
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    reading.attach(solution)
    return solution.to_dict()


def _step(part: dict) -> dict:
    (got,) = [a for a in part["answers"] if a["name"] == "step, constant gradient"]
    return got


@pytest.mark.parametrize("g,eps", [(-0.3, "10⁻⁸"), (0.02, "0"), (5.0, "10⁻⁸")])
@pytest.mark.parametrize("ask", ["What is the update at every step t, and what is θ50?",
                                 "What is the update at step t, and what is θ50?"])
def test_adam_step_at_every_t_is_its_value(g: float, eps: str, ask: str):
    text = (f"Adam with α = 0.01, β1 = 0.9, β2 = 0.999, ε = {eps}, m0 = v0 = 0, bias correction "
            f"as usual. Start at θ0 = 0 and suppose the gradient is constant, g_t = {g} for "
            f"every t.\n(a) {ask}\n")
    data = _solve(text)
    (part,) = data["parts"]
    assert part["verified"], part["checks"]
    e = 1e-8 if eps != "0" else 0.0
    assert _step(part)["value"][0] == pytest.approx(-0.01 * g / (abs(g) + e), rel=1e-12)
    theta = [a for a in part["answers"] if a["name"] == "theta_50"][0]["value"][0]
    assert theta == pytest.approx(-0.5 * g / (abs(g) + e), rel=1e-9)
    assert any("repeated" in c["method"] and c["passed"] for c in part["checks"])


def test_rmsprop_step_at_step_t_is_a_closed_form_in_t():
    text = ("RMSprop (no momentum, no bias correction): v_t = beta2 * v_{t-1} + (1 - beta2) * "
            "g_t^2, v_0 = 0, w_t = w_{t-1} - lr * g_t / sqrt(v_t). Use lr = 0.001, beta2 = 0.99, "
            "eps = 0, w_0 = 0, and a constant gradient g_t = 0.02 for all t.\n"
            "a) What is the update at step t = 10, i.e. w_10 - w_9 ?\n"
            "b) What is the update at every step t?\n")
    data = _solve(text)
    by = {p["label"]: p for p in data["parts"]}
    assert all(p["verified"] for p in by.values()), [p["checks"] for p in by.values()]
    last = [a for a in by["a"]["answers"] if a["name"] == "last step"][0]["value"][0]
    assert last == pytest.approx(-0.001 / math.sqrt(1 - 0.99 ** 10), rel=1e-12)
    step = sympy.sympify(_step(by["b"])["expr"])
    (t,) = step.free_symbols
    for k in (1, 2, 10, 100):
        assert float(step.subs(t, k)[0]) == pytest.approx(-0.001 / math.sqrt(1 - 0.99 ** k),
                                                          rel=1e-12)
