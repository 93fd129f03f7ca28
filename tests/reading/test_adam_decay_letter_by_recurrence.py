"""A moving average written with a letter makes that letter its decay, whatever the letter
(PyTorch's RMSprop writes v_t = α v_{t-1} + (1 − α) g_t², with α the smoothing constant and the
learning rate another symbol). Expected steps follow the recurrence, written out here."""

from __future__ import annotations

import math

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

TEXTS = [
    "RMSprop (no momentum) in PyTorch's notation: v_t = α v_{t-1} + (1 - α) g_t^2 and "
    "θ_t = θ_{t-1} - η g_t / (sqrt(v_t) + ε), v_0 = 0. Let α = {decay}, η = {lr}, ε = 0 and "
    "g_1 = {g}.\n(a) What is the first update θ_1 - θ_0?\n",
    "We use RMSprop with v_t = ρ v_{t-1} + (1 - ρ) g_t^2 and w_t = w_{t-1} - γ g_t / sqrt(v_t) "
    "(ε = 0, v_0 = 0), where ρ = {decay} and γ = {lr}. The first gradient is g_1 = {g}.\n"
    "(a) Compute the first update w_1 - w_0.\n",
]


@pytest.mark.parametrize("template", TEXTS)
@pytest.mark.parametrize("decay, lr, g", [(0.99, 0.01, 3.0), (0.9, 0.001, -0.5), (0.5, 0.1, 2.0)])
def test_the_letter_of_the_recurrence_is_the_decay(template: str, decay: float, lr: float,
                                                   g: float) -> None:
    text = template.replace("{decay}", str(decay)).replace("{lr}", str(lr)).replace("{g}", str(g))
    reading = read_report(text)
    assert reading.complete, reading.unread()
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    (part,) = data["parts"]
    assert part["verified"]
    v = (1 - decay) * g * g
    want = -lr * g / math.sqrt(v)
    values = [a["value"] for a in part["answers"] if a["quantity"] == "first-step"]
    flat = [x[0] if isinstance(x, list) else x for x in values if x is not None]
    assert any(x == pytest.approx(want, rel=1e-9) for x in flat), part["answers"]
