"""Three readings of an Adam run: a weight decay of 0 ('weight decay 0', 'AdamW with λ = 0',
'weight_decay=0.0') leaves plain Adam, whatever the method; a part that sets ε in words ('sets
eps to 0', 'with epsilon set to 0') replaces the shared ε; raw moments asked 'for the second
coordinate' are answered with that coordinate's entries too."""

from __future__ import annotations

import math

import pytest

from reading_helpers import solved_verified


def _named(part: dict, name: str) -> object:
    (got,) = [a["value"] for a in part["answers"] if a["name"] == name]
    return got


@pytest.mark.parametrize("decay", ["weight decay 0", "weight_decay=0.0",
                                   r"a weight-decay coefficient $\lambda = 0$"])
def test_zero_weight_decay_is_plain_adam(decay: str):
    data = solved_verified(f"Two weights w = (w1, w2) start at w_0 = (1, -1) and are trained with Adam, "
                  f"{decay}, lr = 0.1, beta1 = 0.9, beta2 = 0.999, eps = 1e-8. The gradients "
                  "are g_1 = (2, 1) and g_2 = (1, 1).\n(a) Compute w_2 for Adam + L2.\n")
    (part,) = data["parts"]
    theta = _named(part, "theta_2")
    # plain Adam: coordinate 2 sees a constant gradient, so it moves by lr per step
    assert theta[1] == pytest.approx(-1 - 0.2 * 1 / (1 + 1e-8), rel=1e-9)


@pytest.mark.parametrize("setting", ["sets eps to 0", "with epsilon set to 0",
                                     "puts ε at 0"])
def test_a_part_sets_eps_in_words(setting: str):
    data = solved_verified("A weight starts at w_0 = 0; Adam with lr = 0.01, beta1 = 0.9, beta2 = 0.999 "
                  "and eps = 0.001. The first gradient is g_1 = 0.001.\n(a) What is w_1?\n"
                  f"(b) Someone {setting}. What is w_1 now?\n")
    by = {p["label"]: p for p in data["parts"]}
    assert _named(by["a"], "theta_1")[0] == pytest.approx(-0.01 * 0.001 / 0.002, rel=1e-12)
    assert _named(by["b"], "theta_1")[0] == pytest.approx(-0.01, rel=1e-12)


def test_raw_moments_of_one_coordinate():
    data = solved_verified("Adam (beta1 = 0.8, beta2 = 0.9, lr = 0.1, eps = 1e-8) runs from θ_0 = (0, 0) "
                  "on g_1 = (1, 3) and g_2 = (2, -1).\n(a) For the second coordinate, give m_2 "
                  "and v_2.\n")
    (part,) = data["parts"]
    assert _named(part, "m_2 of coordinate 2") == pytest.approx(0.8 * 0.2 * 3 + 0.2 * -1)
    assert _named(part, "v_2 of coordinate 2") == pytest.approx(0.9 * 0.1 * 9 + 0.1 * 1)
    assert math.isclose(_named(part, "m_T")[0], 0.8 * 0.2 + 0.2 * 2)
