"""A gradient said to be the same at every step from the step's side ('every step sees the same
gradient g_t = 0.5', 'each iteration gets the same gradient', 'the same gradient at every step')
repeats for as many steps as the part asks; a gradient given once without that is not repeated."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

_SETUP = ("A scalar weight w starts at w_0 = 1 and {said}. Adam with step size η = 0.001, "
          "β_1 = 0.9, β_2 = 0.999, ε = 0.\n(a) Compute the weight w_3 after three steps.")


@pytest.mark.parametrize("said", [
    "every step sees the same gradient g_t = 0.5",
    "each iteration gets the same gradient, g = 0.5",
    "the gradient g = 0.5 is the same gradient at every step",
])
def test_the_same_gradient_at_every_step_repeats(said):
    part = read_report(_SETUP.format(said=said)).parts[0]
    assert part.value("gradients") == [[0.5]] * 3, [m.reason for m in part.missing]


def test_a_gradient_given_once_is_not_repeated():
    part = read_report(_SETUP.format(said="the first gradient is g_1 = 0.5")).parts[0]
    assert part.value("gradients") is None
    assert any(m.name == "gradients" for m in part.missing)


def test_another_setting_the_same_at_every_step_is_no_constant_gradient():
    part = read_report(_SETUP.format(said="the first gradient is g_1 = 0.5; the step size is "
                                          "the same at every step")).parts[0]
    assert part.value("gradients") is None
