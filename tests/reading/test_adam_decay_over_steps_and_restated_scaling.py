"""What decoupled decay alone leaves of a weight, asked in more words: "by what factor would
weight decay alone shrink θ over 1000 steps", "if I trained for 100k steps, what fraction of a
weight would the decay alone leave" (the count before the question, with a k). And a loss
scaled by c whose scaled gradients the text writes out for every step ("so the gradients become
20 and -10"): a restatement, checked against c times the given gradients; other numbers there
stay unused."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report
from reading_helpers import answer_value, solved

_SETUP = ("AdamW decay\n\nA scalar weight θ_0 = 1 is trained with AdamW, learning rate {lr}, "
          "beta1 = 0.9, beta2 = 0.999, epsilon = 0 and decoupled weight decay λ = {lam}. The "
          "gradients are g_1 = 2 and g_2 = -1.\n\n(a) {ask}\n")


@pytest.mark.parametrize("ask, n", [
    ("Ignoring the gradient term, by what factor would weight decay alone shrink θ over 1000 "
     "steps?", 1000),
    ("If I trained for 100k steps, what fraction of a weight would the decay alone leave "
     "(ignoring gradients)?", 100_000),
    ("By what factor does the decay alone scale the weight after 250 iterations?", 250),
])
def test_the_fraction_decay_alone_leaves(ask, n):
    lr, lam = 0.01, 0.1
    reading, solution = solved(_SETUP.format(lr=lr, lam=lam, ask=ask), witnesses=False)
    assert reading.parts[0].fields["decay_steps"].value == n
    factor = 1.0
    for _ in range(n):
        factor *= 1 - lr * lam
    assert answer_value(solution.parts[0], name="decay_fraction_AdamW") == \
        pytest.approx(factor, rel=1e-9)


_SCALED = ("Adam\n\nA scalar θ_0 = 1 is trained with Adam, learning rate 0.01, beta1 = 0.9, "
           "beta2 = 0.999, epsilon = 0. The gradients are g_1 = 2 and g_2 = -1.\n\n(a) Suppose "
           "the loss is multiplied by 10, {said}. What is θ_2 now?\n")


@pytest.mark.parametrize("said, unused", [
    ("so the gradients become 20 and -10", set()),
    ("so that g_1 = 20, g_2 = -10", set()),
    ("so the gradients become 20 and -11", {"20", "-11"}),   # not 10 times the given
])
def test_the_scaled_gradients_written_out(said, unused):
    assert set(read_report(_SCALED.format(said=said)).parts[0].unused) == unused
