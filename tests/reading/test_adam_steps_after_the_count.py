"""'Where is θ after the 3 steps?', 'after one thousand steps', 'after 1,000 steps': the number
of steps is read with an article, in words or with a thousands separator, so a bare θ asks the
parameters after that many steps (a run too long to compute is refused, naming it)."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

_RUN = ("Adam with β1 = 0.9, β2 = 0.999, lr = 0.01, eps = 0 starts at θ_0 = 1. The gradients are "
        "g_1 = 0.5, g_2 = -0.1, g_3 = 0.2.\n\n")
_CONSTANT = ("Adam with β1 = 0.9, β2 = 0.999, lr = 0.01, eps = 0 starts at θ_0 = 1. The gradient "
             "is the constant g = 0.5 at every step.\n\n")


@pytest.mark.parametrize("question", ["(a) Where is θ after the 3 steps?",
                                      "(a) What are mhat_3 and vhat_3, and where is θ after the "
                                      "3 steps?"])
def test_a_bare_theta_after_the_steps_is_the_iterate(question):
    reading = read_report(_RUN + question)
    assert reading.complete, reading.unread()
    (part,) = reading.parts
    assert "theta-t" in part.value("asks") and part.value("t") == 3


@pytest.mark.parametrize("question", ["(a) What is θ after one thousand steps?",
                                      "(a) What is θ after 1,000 steps?"])
def test_a_count_in_words_or_with_separators_is_read(question):
    reading = read_report(_CONSTANT + question)
    assert reading.parts[0].value("t") == 1000
    assert any("1000 steps" in line for line in reading.unread())
