"""The magnitude of the step as t → ∞ under a constant gradient asked in words ("the magnitude
of the update as t → ∞", "the size of each step as t goes to infinity", "the update magnitude
in the limit t → ∞") is the step's limit, checked against a long run of the recurrence
computed here (RMSprop and Adam, ε = 0)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reading_helpers import answer_value, solved

_REQUESTS = [
    "What is the magnitude of the update as t → ∞?",
    "Find the size of each step as t goes to infinity.",
    "State the update magnitude in the limit t → ∞.",
]
_SETTINGS = {
    "rmsprop": "RMSprop with ρ = {d}, lr η = {lr}, ε = 0 and a constant gradient g = ({x}, {y}) "
               "at every step.",
    "adam": "Adam with β_1 = 0.5, β_2 = {d}, learning rate η = {lr}, ε = 0; the gradient is the "
            "same every step, g = ({x}, {y}).",
}


def _long_run_step(method: str, g: list[float], lr: float, d: float, steps: int = 3000) -> list:
    m, v, step = [0.0] * len(g), [0.0] * len(g), []
    for t in range(1, steps + 1):
        v = [d * a + (1 - d) * x * x for a, x in zip(v, g)]
        if method == "rmsprop":
            step = [-lr * x / math.sqrt(b) for x, b in zip(g, v)]
        else:
            m = [0.5 * a + 0.5 * x for a, x in zip(m, g)]
            step = [-lr * (a / (1 - 0.5 ** t)) / math.sqrt(b / (1 - d ** t)) for a, b in zip(m, v)]
    return step


@pytest.mark.parametrize("request_", _REQUESTS)
@pytest.mark.parametrize("method", sorted(_SETTINGS))
@settings(max_examples=2, deadline=None)
@given(x=st.sampled_from([3, -0.5, 2]), y=st.sampled_from([-1, 0.25]),
       lr=st.sampled_from([0.05, 0.01]), d=st.sampled_from([0.9, 0.99]))
def test_the_step_as_t_grows_asked_in_words(request_, method, x, y, lr, d):
    setting = _SETTINGS[method].format(d=d, lr=lr, x=x, y=y)
    text = f"Long run\n\n{setting}\n\n(a) {request_}\n\n(b) What is the first update?\n"
    reading, solution = solved(text)
    assert reading.parts[0].fields["asks"].value == ["step-limit"]
    got = answer_value(solution.parts[0], quantity="step-limit")
    assert got == pytest.approx(_long_run_step(method, [x, y], lr, d), rel=1e-6)
