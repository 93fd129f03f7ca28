"""Adam's first step read and answered as asked: its size at the stated ε (not only at ε = 0),
the first step of each weight-decay method from a given start, one coordinate of the corrected
moments, and 'why does its size not depend on the gradient's magnitude' taken only where ε is
negligible beside the gradient."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, read_report


def _solve(text: str, witnesses: bool = True) -> dict:
    problem = read_report(text).to_problem()
    return solve_problem(problem, SolveOptions(figures=False, run_witnesses=witnesses)).to_dict()


def _values(part: dict, quantity: str) -> list:
    return [a["value"] for a in part["answers"] if a["quantity"] == quantity]


def test_the_size_of_the_first_step_is_given_at_the_stated_epsilon():
    data = _solve("Adam, beta1 = 0.9, beta2 = 0.999, step size 0.1, epsilon = 2e-6. One weight "
                  "sees the gradient g_1 = 2e-6 first.\n(a) How big is the first update?\n")
    part = data["parts"][0]
    assert part["verified"]
    sizes = [a for a in part["answers"] if a["name"] == "first_step_size_eps"]
    assert len(sizes) == 1 and sizes[0]["value"] == pytest.approx(0.05)   # half of 0.1
    assert any(v == pytest.approx(0.1) for v in _values(part, "first-step"))  # at eps = 0


def test_each_weight_decay_method_gives_its_own_first_step_from_the_start():
    data = _solve("Adam with beta1 = 0.9, beta2 = 0.999. A weight starts at w_0 = -4 and its "
                  "data gradient is 0.\n(a) With learning rate 0.01 and lambda = 0.5, compare "
                  "the first step of Adam with L2 regularisation and of AdamW with decoupled "
                  "weight decay. Give w_1 - w_0 for each.\n")
    part = data["parts"][0]
    assert part["verified"]
    steps = {a["subject"]: a["value"] for a in part["answers"] if a["quantity"] == "first-step"}
    assert steps["adam"] == pytest.approx([0.01])       # L2: the sign of λw₀ = -2, size lr
    assert steps["adamw"] == pytest.approx([0.02])      # AdamW: -lr λ w₀ = 0.01·0.5·4
    assert not any(a["value"] == [0] for a in part["answers"] if a["quantity"] == "first-step")


def test_one_coordinate_of_the_corrected_moments():
    data = _solve("Adam: learning rate 0.01, beta1 = 0.5, beta2 = 0.75, no epsilon. Start at "
                  "theta_0 = (0, 0, 0); the gradients are g_1 = (1, 2, 3) and g_2 = (3, 2, 1)."
                  "\n(a) Find m_hat_2 and v_hat_2 for the third coordinate.\n")
    part = data["parts"][0]
    assert part["verified"]
    m_hat, v_hat = _values(part, "m-hat"), _values(part, "v-hat")
    # m_2 = 0.5·0.5·3 + 0.5·1 = 1.25 over 0.75; v_2 = 0.75·0.25·9 + 0.25·1 = 1.9375 over 0.4375
    assert any(v == pytest.approx(5 / 3) for v in m_hat) and len(m_hat) == 2
    assert any(v == pytest.approx(1.9375 / 0.4375) for v in v_hat) and len(v_hat) == 2


_WHY = ("Adam with lr = 0.01, beta1 = 0.9, beta2 = 0.99 and eps = {eps}; the first gradient is "
        "g_1 = (3e-4, -0.2).\n(a) Give the first update and explain why its size does not depend "
        "on the magnitude of the gradient.\n")


def test_why_the_size_is_scale_free_is_taken_where_epsilon_is_negligible():
    reading = read_report(_WHY.format(eps="1e-9"))
    assert reading.complete
    part = _solve(_WHY.format(eps="1e-9"), witnesses=False)["parts"][0]
    assert part["asked"] == ["first-step"]


def test_why_the_size_is_scale_free_is_not_taken_when_epsilon_matters():
    # ε = 1e-4 beside a gradient entry of 3e-4: the step is 3/4 of lr there, so the premise fails
    reading = read_report(_WHY.format(eps="1e-4"))
    assert not reading.complete
    assert any("depend" in line for line in reading.unread())
    with pytest.raises(ReadingIncomplete):
        reading.to_problem()
