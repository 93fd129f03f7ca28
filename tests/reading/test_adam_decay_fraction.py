"""AdamW texts that ask what the decoupled decay alone keeps of a weight after N steps ("what
fraction of the weight survives after 1000 steps", "how much of each parameter is left after
500 updates") and by what factor the decay multiplies the weight each step: the weight-decay
comparison with both, (1 − lr·λ) and (1 − lr·λ)^N, checked here by repeated multiplication and
witnessed by torch.optim.AdamW on zero gradients. Without a step count it is refused."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reading_helpers import answer_value, refused, solved, witnessed

_REQUESTS = [
    "By what factor does the decoupled decay multiply the weight each step, and what fraction "
    "of the weight survives after {n} steps if only the decay is counted?",
    "Give the per-step shrink factor. Counting the decay alone, how much of each parameter is "
    "left after {n} updates?",
    "What is the shrinkage factor per step, and which fraction of a weight remains after {n} "
    "iterations from the decay only?",
]


@pytest.mark.parametrize("request_", _REQUESTS)
@settings(max_examples=3, deadline=None)
@given(lr=st.sampled_from([0.001, 0.01, 0.05]), lam=st.sampled_from([0.01, 0.1, 0.5]),
       n=st.sampled_from([10, 250, 1000, 4000]))
def test_the_fraction_kept_by_decoupled_decay(request_, lr, lam, n):
    text = (f"AdamW decay\n\nSetup: AdamW with lr = {lr}, betas (0.9, 0.999), eps = 1e-8, "
            f"weight_decay = {lam}.\n\n(a) {request_.format(n=n)}\n\n(b) Compare L2 regularisation with decoupled "
            "weight decay.\n")
    reading, solution = solved(text, witnesses=True)
    assert reading.parts[0].fields["decay_steps"].value == n
    assert "t" not in reading.parts[0].fields
    part = solution.parts[0]
    factor = 1.0
    for _ in range(n):
        factor *= 1 - lr * lam
    assert answer_value(part, name="shrink_AdamW") == pytest.approx(1 - lr * lam, rel=1e-12)
    assert answer_value(part, name="decay_fraction_AdamW") == pytest.approx(factor, rel=1e-9)
    witnessed(part, "decay alone")


@pytest.mark.parametrize("request_", [
    "What fraction of the weight survives if only the decay is counted?",
    "How much of the weight is left from the decay alone?",
    "Which fraction of each weight remains eventually?",
])
def test_the_fraction_without_a_step_count_is_refused(request_):
    text = ("AdamW decay\n\nSetup: AdamW with lr = 0.01, betas (0.9, 0.999), eps = 1e-8, "
            f"weight_decay = 0.1.\n\n(a) {request_}\n\n(b) What is the shrink factor?\n")
    refused(text, "how many steps is not stated", "decay_steps")
