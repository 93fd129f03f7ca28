"""Adam texts that give the gradient of one weight as the loss's derivative at the start in
prime notation ("L'(w_0) = 0.4"), count steps with the optimizer's name between ("after 7 Adam
steps"), drop weight decay in one part ("Drop the weight decay.", "still without weight
decay") while the shared text sets λ, and ask "Give the update." after naming the first update
of a scaled loss. Every number is checked against Adam's recurrence (PyTorch's convention,
ε = 0) computed here."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from optiproof.reading import read_report

from reading_helpers import refused, solved


def _adam(theta: float, grads: list[float], lr: float, b1: float, b2: float,
          lam: float = 0.0, decoupled: bool = False) -> float:
    """θ after Adam on a scalar weight: ``grads`` are the data-loss gradients (L2 adds λθ to
    each; decoupled decay multiplies θ by 1 − lr λ first)."""
    m = v = 0.0
    for t, g in enumerate(grads, 1):
        if decoupled:
            theta *= 1 - lr * lam
        elif lam:
            g = g + lam * theta
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        theta -= lr * (m / (1 - b1 ** t)) / math.sqrt(v / (1 - b2 ** t))
    return theta


def _rmsprop(theta: float, grads: list[float], lr: float, rho: float) -> float:
    v = 0.0
    for g in grads:
        v = rho * v + (1 - rho) * g * g
        theta -= lr * g / math.sqrt(v)
    return theta


def _answers(text: str) -> dict[str, list[dict]]:
    _, solution = solved(text)
    return {p.label: [a.to_dict() for a in p.answers] for p in solution.parts}


def _scalar(answer: dict) -> float:
    value = answer["value"]
    return value[0] if isinstance(value, list) else value


_DERIVATIVE = [
    "Scalar weight, w_0 = {th}. The loss has derivative L'(w_0) = {g} there. Adam with learning "
    "rate η = {lr}, β_1 = 0.9, β_2 = 0.999, ε = 0.\n"
    "(a) Adam with L2 regularisation λ = {lam} (the optimizer sees the gradient of the loss "
    "plus (λ/2)w^2). What is w_1?",
    "One parameter starts at θ_0 = {th}; the training loss has ℓ′(θ_0) = {g}. lr = {lr}, "
    "beta1 = 0.9, beta2 = 0.999, eps = 0, weight decay coefficient λ = {lam}.\n"
    "1) Using AdamW (decoupled weight decay, PyTorch convention), what is θ_1?",
    "Let x_0 = {th} and suppose f'(x_0) = {g}. Take Adam, step size α = {lr}, β1 = 0.9, "
    "β2 = 0.999, ε = 0, and λ = {lam}.\n"
    "(i) For Adam + L2, find x_1.",
]


@pytest.mark.parametrize("template", _DERIVATIVE)
@settings(max_examples=3, deadline=None)
@given(th=st.sampled_from([1, 2, -3]), g=st.sampled_from([0.4, -0.25, 1.5]),
       lr=st.sampled_from([0.01, 0.1]), lam=st.sampled_from([0.1, 0.5]))
def test_the_derivative_at_the_start_is_the_first_gradient(template, th, g, lr, lam):
    text = "Optimizer exercise\n\n" + template.format(th=th, g=g, lr=lr, lam=lam)
    assume("AdamW" in text or g + lam * th != 0)     # a zero L2 gradient has no Adam step
    reading = read_report(text)
    assert reading.parts[0].fields["gradient"].value == [g]
    decoupled = "AdamW" in text
    want = _adam(th, [g], lr, 0.9, 0.999, lam, decoupled)
    got = [a for a in next(iter(_answers(text).values())) if a["quantity"] == "theta-t"]
    assert got and all(_scalar(a) == pytest.approx(want, rel=1e-9) for a in got)


def test_a_derivative_at_another_point_is_not_the_first_gradient():
    text = ("Optimizer exercise\n\nOne weight, w_0 = 1, and L'(w_1) = 0.3. Adam with lr = 0.1, beta1 = 0.9, "
            "beta2 = 0.999, eps = 0.\n(a) What is w_1?")
    reading = read_report(text)
    assert "gradient" not in reading.parts[0].fields
    assert "0.3" in [u.text for u in reading.numbers if u.status == "unused"]


_COUNTED = [
    ("A scalar weight starts at θ_0 = {th}. Adam: η = {lr}, β_1 = 0.9, β_2 = 0.99, ε = 0. "
     "The gradient is {g} at every step.\n(a) What is θ after {n} Adam steps?", "adam"),
    ("w_0 = {th}; Adam with lr = {lr}, betas = (0.8, 0.9), eps = 0; the same gradient every "
     "step, g = {g}.\n(1) what is w after {n} Adam updates?", "adam"),
    ("RMSprop with learning rate {lr}, ρ = 0.9, ε = 0, one weight starting at x_0 = {th}. "
     "Suppose the gradient stays at {g} for every step.\n(a) Where is x after {n} RMSprop "
     "iterations?", "rmsprop"),
]


@pytest.mark.parametrize("template, method", _COUNTED)
@settings(max_examples=3, deadline=None)
@given(th=st.sampled_from([0, 2, -1]), g=st.sampled_from([0.5, -2, 3]),
       lr=st.sampled_from([0.01, 0.05]), n=st.integers(2, 12))
def test_a_step_count_with_the_optimizer_named_is_the_run_length(template, method, th, g, lr, n):
    text = "Optimizer exercise\n\n" + template.format(th=th, g=g, lr=lr, n=n)
    assert read_report(text).parts[0].fields["t"].value == n
    if method == "rmsprop":
        want = _rmsprop(th, [g] * n, lr, 0.9)
    else:
        b1, b2 = (0.8, 0.9) if "betas" in text else (0.9, 0.99)
        want = _adam(th, [g] * n, lr, b1, b2)
    got = [a for a in next(iter(_answers(text).values())) if a["quantity"] == "theta-t"]
    assert len(got) == 1 and _scalar(got[0]) == pytest.approx(want, rel=1e-9)


_DROPPED = [
    "Drop the weight decay. Where is θ after {n} Adam steps?",
    "Still without weight decay, where is θ after {n} steps?",
    "Now the L2 penalty is removed. What is θ after {n} updates?",
    "Ignore the weight decay here: give θ after {n} Adam steps.",
]


@pytest.mark.parametrize("request_", _DROPPED)
@settings(max_examples=3, deadline=None)
@given(n=st.integers(2, 6), g=st.sampled_from([0.5, -0.2]))
def test_a_part_that_drops_weight_decay_runs_without_it(request_, n, g):
    text = ("Optimizer exercise\n\nSetup: one weight θ_0 = 1. Adam with η = 0.1, β_1 = 0.9, β_2 = 0.999, ε = 0, "
            f"weight-decay coefficient λ = 0.5. The gradient is {g} at every step.\n"
            "(a) With AdamW, what is θ_1?\n"
            f"(b) {request_.format(n=n)}")
    answers = _answers(text)
    got = [a for a in answers["b"] if a["quantity"] == "theta-t"]
    assert len(got) == 1
    assert _scalar(got[0]) == pytest.approx(_adam(1, [g] * n, 0.1, 0.9, 0.999), rel=1e-9)
    assert "lam" not in read_report(text).parts[1].fields


def test_a_part_that_names_a_decay_run_besides_a_dropped_one_keeps_lambda():
    text = ("Optimizer exercise\n\nOne weight θ_0 = 1, gradient 0.5 at every step. Adam with η = 0.1, β_1 = 0.9, "
            "β_2 = 0.999, ε = 0, λ = 0.5.\n"
            "(a) Without weight decay θ_1 is 0.9. With AdamW instead, what is θ_1?")
    reading = read_report(text)
    assert reading.parts[0].fields["lam"].value == 0.5


_SCALED = [
    "If the loss is multiplied by {c}, does the first Adam update change? Give the update.",
    "Scale the loss by {c}. Does the very first step change? State the step.",
    "Suppose we multiply the loss by {c}: does her first update change, and what is the update?",
]


@pytest.mark.parametrize("request_", _SCALED)
@settings(max_examples=3, deadline=None)
@given(c=st.sampled_from([10, 100, 4]), g=st.sampled_from([0.5, -0.3]),
       lr=st.sampled_from([0.01, 0.2]))
def test_the_update_after_the_first_update_of_a_scaled_loss_is_that_step(request_, c, g, lr):
    text = (f"Optimizer exercise\n\nOne weight, θ_0 = 2, gradient g = {g}. Adam with η = {lr}, β_1 = 0.9, "
            f"β_2 = 0.999, ε = 0.\n(a) {request_.format(c=c)}")
    answers = _answers(text)["a"]
    steps = [a for a in answers if a["name"] == "first step on the scaled loss"]
    assert len(steps) == 1
    assert _scalar(steps[0]) == pytest.approx(_adam(2, [c * g], lr, 0.9, 0.999) - 2, rel=1e-9)


def test_give_the_update_of_a_scaled_loss_without_a_first_update_named_is_refused():
    text = ("Optimizer exercise\n\nOne weight, θ_0 = 2, gradient g = 0.5. Adam with η = 0.01, β_1 = 0.9, β_2 = 0.999, "
            "ε = 0.\n(a) If the loss is multiplied by 100, does the trajectory change? "
            "Give the update.")
    refused(text, "Give the update")
