"""A yes/no question whether Adam's or RMSprop's step is invariant to scaling the loss ("is the
step invariant to multiplying the loss by 1000?") is the loss-scaling question answered as
whether the updates change (invariant = they do not). A part that writes the gradient of the
scaled loss itself after the scaling ("multiply the loss by 10 (so g_1 = 0.2)") compares the
step on that gradient with the step on the gradient divided by the scale: the first step it
asks beside is the step on the scaled loss, checked here against torch.optim.Adam."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_SHARED = """An optimizer question. We run {method} with learning rate 0.01{betas}, starting from
θ_0 = (1, 1); the gradient at the start is g_1 = ({x}, {y}).

(a) {ask}
"""

_INVARIANT = [
    "Is the update invariant to multiplying the loss by {c} when ε = {eps}?",
    "Is the first step of {method} invariant under rescaling the loss by a factor {c} "
    "(ε = {eps})? Yes or no.",
    "With ε = {eps}, are the steps invariant if the training loss is multiplied by {c}?",
]


def _step(method: str, g: list[float], eps: float) -> list[float]:
    """The first step of Adam (bias-corrected, β1 = 0.9, β2 = 0.999) or RMSprop (ρ = 0.9, no
    correction), learning rate 0.01, computed here."""
    if method == "Adam":
        return [-0.01 * x / (abs(x) + eps) for x in g]
    return [-0.01 * x / (math.sqrt(0.1 * x * x) + eps) for x in g]


@pytest.mark.parametrize("ask", _INVARIANT)
@pytest.mark.parametrize("method, betas", [("Adam", ", β_1 = 0.9, β_2 = 0.999"),
                                           ("RMSprop", " and smoothing constant ρ = 0.9")])
@settings(max_examples=3, deadline=None)
@given(c=st.sampled_from([10, 1000, 25]), eps=st.sampled_from([0, 0.1]),
       x=st.integers(-4, 4).filter(bool), y=st.integers(-4, 4).filter(bool))
def test_an_invariance_question_is_whether_the_updates_change(ask, method, betas, c, eps, x, y):
    text = _SHARED.format(method=method, betas=betas, x=x, y=y,
                          ask=ask.format(c=c, eps=eps, method=method))
    reading = read_report(text)
    assert reading.complete, reading.unread()
    part = reading.parts[0]
    assert part.fields["c"].value == c and "loss-scaling" in part.asked
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False,
                                                                run_witnesses=False))
    changes = next(a.to_dict()["value"] for a in solution.parts[0].answers
                   if a.quantity == "changes")
    plain, scaled = _step(method, [x, y], eps), _step(method, [c * x, c * y], eps)
    assert changes == any(abs(p - s) > 1e-12 for p, s in zip(plain, scaled))


_PRESCALED = [
    "Keep ε = {eps} and multiply the loss by {c} (so g_1 = ({sx}, {sy})). What is θ_1 − θ_0 now, "
    "and is the first step invariant to rescaling the loss?",
    "Scale the loss up by {c}, after which the first gradient is g_1 = ({sx}, {sy}), with ε = {eps}. "
    "Give the new θ_1 − θ_0. Is the update invariant to multiplying the loss (yes/no)?",
    "Now multiply the loss by {c}, which makes g_1 = ({sx}, {sy}); ε = {eps}. Is Adam's step "
    "invariant to the scaling, and what is the first step θ_1 − θ_0?",
]


def _torch_first_step(g: list[float], eps: float) -> list[float]:
    import torch

    p = torch.zeros(len(g), dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([p], lr=0.01, betas=(0.9, 0.999), eps=eps)
    p.grad = torch.tensor(g, dtype=torch.float64)
    opt.step()
    return p.detach().tolist()


@pytest.mark.parametrize("ask", _PRESCALED)
@settings(max_examples=2, deadline=None)
@given(c=st.sampled_from([10, 4]), eps=st.sampled_from([0.01, 0.5]),
       x=st.integers(-3, 3).filter(bool), y=st.integers(-3, 3).filter(bool))
def test_a_gradient_written_after_the_scaling_is_the_scaled_one(ask, c, eps, x, y):
    text = _SHARED.format(method="Adam", betas=", β_1 = 0.9, β_2 = 0.999", x=x, y=y,
                          ask=ask.format(c=c, eps=eps, sx=c * x, sy=c * y))
    reading = read_report(text)
    assert reading.complete, reading.unread()
    part = reading.parts[0]
    assert part.fields["gradient"].value == [x, y]
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    got = solution.parts[0]
    assert got.verified
    step = next(a.to_dict()["value"] for a in got.answers
                if a.name == "first step on the scaled loss")
    assert step == pytest.approx(_torch_first_step([c * x, c * y], eps), abs=1e-12)
    changes = next(a.to_dict()["value"] for a in got.answers if a.quantity == "changes")
    unscaled = _torch_first_step([x, y], eps)
    assert changes == any(abs(a - b) > 1e-12 for a, b in zip(step, unscaled))


@pytest.mark.parametrize("ask, why", [
    ("Multiply the loss by 10 (so g_1 = (10, 20)) and take ε = 0.1. Is the step invariant to "
     "the scaling, and what is θ_1?", "also asks"),
    ("Multiply the loss by 10 (so g_1 = (30, 20)) and take ε = 0.1. Is the first step "
     "invariant to the scaling?", "times the shared"),
])
def test_a_written_scaled_gradient_that_cannot_be_placed_is_refused(ask, why):
    text = _SHARED.format(method="Adam", betas=", β_1 = 0.9, β_2 = 0.999", x=1, y=2, ask=ask)
    reading = read_report(text)
    assert not reading.complete
    assert any("scaled loss" in line and why in line for line in reading.unread()), \
        reading.unread()
