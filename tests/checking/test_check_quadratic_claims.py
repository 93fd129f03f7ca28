"""False statements about gradient descent on a quadratic, judged against the problem's own
spectrum (H = diag(1, 10)): that no step below a bound above 1/L oscillates (the factor 1 − αL
is negative past 1/L), and that at the given step every coordinate of the error contracts by
one factor (1 − αλ differs across the eigenvalues). True forms of the same statements, and
denials of them, are no finding."""

from __future__ import annotations

import pytest
from conftest import assert_outcome, graded_part

QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"
_MAX = "(a) Convergence needs |1 − αλ| < 1 for λ = 1 and λ = 10, so α < 2/L = 0.2. "
_RATE = ("(c) At α = 0.15 the factors are 0.85 and −0.5, so the rate is 0.85 and "
         "0.85^k ≤ 1e-6 needs 86 iterations. ")
_FALSE, _TRUE = "false-claim", "correct"


@pytest.mark.parametrize("text, outcome", [
    (_MAX + "With any step size below 0.2 the iterates approach θ* without any oscillation.",
     _FALSE),
    (_MAX + "For all α < 2/L each factor 1 − αλ_i remains positive, so nothing overshoots.",
     _FALSE),
    (_MAX + "The error never changes sign for every stable step.", _FALSE),
    (_MAX + "For every α < 1/L the error shrinks without oscillating; beyond that the stiff "
     "coordinate flips sign.", _TRUE),
    (_MAX + "Not every α < 0.2 avoids oscillation: past 0.1 the second coordinate alternates.",
     _TRUE),
    (_MAX + "For any step below 0.2 the loss decreases at every iteration.", _TRUE),
    (_MAX + "For every α < 0.2 each |1 − αλ_i| is positive and below one.", _TRUE),
    (_RATE + "Each component of the error is multiplied by the same factor at every step.",
     _FALSE),
    (_RATE + "The error drops by 15% along both eigen-directions per iteration.", _FALSE),
    (_RATE + "Both directions shrink at an equal rate.", _FALSE),
    (_RATE + "The two coordinates do not shrink at the same speed: the stiff one is halved.",
     _TRUE),
    (_RATE + "The slow coordinate sets the rate; the other one shrinks faster.", _TRUE),
])
def test_false_rules_of_gradient_descent_on_this_spectrum_are_refuted(solved, text, outcome):
    part = graded_part(solved, QD, text + "\n", text[1])
    assert_outcome(part, outcome)
