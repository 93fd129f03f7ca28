"""'How large is its first Adam step, and what fraction of the learning rate is that?': the first
step's size over the learning rate, |g_1| / (|g_1| + ε), checked against the real optimizer's
step; asked without a stated ε, or of something else, it is refused by name."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def test_the_share_of_the_learning_rate_a_tiny_gradient_gets():
    reading = read_report("Adam with step size γ = 0.05, β1 = 0.9, β2 = 0.99 and ε = 3e-9. One "
                          "parameter gets the gradient g = 1e-9 at every step. How big is its "
                          "first update, and what fraction of γ is that?\n")
    assert reading.complete, reading.unread()
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    part = data["parts"][0]
    assert part["verified"]
    values = {a["name"]: a["value"] for a in part["answers"]}
    assert values["first_step_fraction_of_lr"] == pytest.approx(0.25)   # 1e-9 / 4e-9
    assert values["first_step_size_eps"] == pytest.approx(0.05 * 0.25)
    assert any(c["passed"] and c["method"] == "first step with the given eps"
               for c in part["checks"])


def test_without_epsilon_the_share_is_not_taken():
    reading = read_report("Adam with step size γ = 0.05, β1 = 0.9, β2 = 0.99. One parameter "
                          "gets the gradient g = 1e-9 at every step. How big is its first "
                          "update, and what fraction of γ is that?\n")
    assert not reading.complete
    assert any("what fraction of γ is that" in line for line in reading.unread())
