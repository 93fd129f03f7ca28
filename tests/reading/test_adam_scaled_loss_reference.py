"""An Adam part asking whether scaling the loss changes an earlier part's answer, the part
named by its number ("would the answer to 3. change?"): it is read as the reference '(3)' (its full stop does not
end the sentence, the number is not data), and the scale is the number after
"the loss is scaled up by" even when an earlier "by <number>" names the gradients. Whether the
step changes is checked against Adam's step computed here on the scaled and unscaled
gradient."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.core.text.match import sentences
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.reading.normalize import normalize

_TEXT = """Adam with learning rate η = 0.01, β_1 = 0.9, β_2 = 0.999, ε = {eps}, and gradient
g_1 = ({x}, {y}).

1. Compute the first update θ_1 - θ_0.
2. {ask}
"""

_ASKS = [
    "If every gradient were multiplied by {c} (i.e. the loss is scaled up by {c}), would the "
    "answer to 1. change?",
    "Suppose the loss is multiplied by {c}: does the result of 1. change?",
    "With all gradients scaled by {c} (the loss scaled by {c}), would the answer in 1. change at all?",
]


def _first_step(g: list[float], eps: float) -> list[float]:
    m = [0.1 * x for x in g]
    v = [0.001 * x * x for x in g]
    return [-0.01 * (a / 0.1) / (math.sqrt(b / 0.001) + eps) for a, b in zip(m, v)]


@pytest.mark.parametrize("ask", _ASKS)
@settings(max_examples=3, deadline=None)
@given(c=st.sampled_from([10, 1000, 50]), eps=st.just(0),
       x=st.integers(-4, 4).filter(bool), y=st.integers(-4, 4).filter(bool))
def test_scaling_the_loss_asked_of_an_earlier_numbered_part(ask, c, eps, x, y):
    reading = read_report(_TEXT.format(eps=eps, x=x, y=y, ask=ask.format(c=c)))
    assert reading.complete, reading.unread()
    part = reading.parts[1]
    assert part.fields["c"].value == c
    assert "loss-scaling" in part.asked
    assert not reading.unused, reading.unused
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False,
                                                                run_witnesses=False))
    changes = next(a.to_dict()["value"] for a in solution.parts[1].answers
                   if a.quantity == "changes")
    plain, scaled = _first_step([x, y], eps), _first_step([c * x, c * y], eps)
    assert changes == any(abs(p - s) > 1e-12 for p, s in zip(plain, scaled))


@pytest.mark.parametrize("raw, ref", [
    ("1. Find the step.\n2. Would the answer to 1. change? Explain.", "answer to (1) change?"),
    ("1. Find the step.\n2. Use the result of 1. then compute the rate.", "result of (1) then"),
])
def test_a_numbered_reference_is_a_part_reference(raw, ref):
    text = normalize(raw).text
    assert ref in text
    assert any(ref in piece for _, piece in sentences(text.split("\n")[1]))


def test_a_number_that_labels_no_part_stays():
    raw = "1. Find the step.\n2. Then take the value of 7. Is it stable?"
    assert "value of 7." in normalize(raw).text
