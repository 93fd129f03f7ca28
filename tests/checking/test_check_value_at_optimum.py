"""A function written at the part's optimum states its optimal value: ``ρ(α*)`` (the rate at
the optimal step) is the optimal rate ``ρ*``, and ``F(d_a)`` -- any name for the objective, at
the step of part (a) or at a starred step -- is the minimum value. The same function at
another point (``ρ(0.1)``) states nothing of the sort."""

from __future__ import annotations

import pytest
from conftest import assert_outcome, graded_part

QUADRATIC = "src/optiproof/problems/texts/quadratic-dynamics.txt"
STEEPEST = "src/optiproof/problems/steepest-descent-numeric.yaml"


@pytest.mark.parametrize("rate, expected", [
    ("9/11 \\approx 0.818", "correct"),
    ("(10 − 1)/(10 + 1)", "correct"),
    ("0.9", "wrong-answer"),
])
def test_the_rate_at_the_optimal_step_is_the_optimal_rate(solved, rate, expected):
    text = ("(b) The two contraction factors |1 − α| and |10α − 1| cross where "
            f"α* = 2/11. At that step\n\n$$\\rho(\\alpha^*) = {rate}$$\n")
    assert_outcome(graded_part(solved, QUADRATIC, text, "b"), expected)


def test_the_rate_at_another_step_is_not_the_optimal_one(solved):
    text = ("(b) The two contraction factors cross where α* = 2/11, with rate 9/11.\n\n"
            "For comparison $\\rho(0.1) = 0.9$.\n")
    assert_outcome(graded_part(solved, QUADRATIC, text, "b"), "correct")


_STEP = ("(a) Setting the gradient of the objective to zero, $d_a = -(\\alpha/2) g = "
         "(-0.75, 0.25, -0.5)$: gradient descent with learning rate 0.25.\n\n"
         "Putting the step back in:\n\n")


@pytest.mark.parametrize("written, expected", [
    ("$$J(d_a) = -\\frac{\\alpha}{4}\\|g\\|_2^2 = -1.75$$", "correct"),
    ("$$\\Psi(d^\\star) = -1.75$$", "correct"),
    ("$$J(d_a) = -3.5$$", "wrong-answer"),
])
def test_the_objective_at_the_step_is_the_minimum_value(solved, written, expected):
    assert_outcome(graded_part(solved, STEEPEST, _STEP + written + "\n", "a"), expected)
