"""Relation signs typed as Unicode inside LaTeX math (``$\\rho^* = 9/11 ≈ 0.818$``, ``≤``,
``⇒``) relate the chain's sides as their commands do (``\\approx``, ``\\le``, ``\\Rightarrow``):
the claim is read, not lost to an unreadable side."""

from __future__ import annotations

import pytest
from conftest import assert_outcome, graded_part

QUADRATIC = "src/optiproof/problems/texts/quadratic-dynamics.txt"


@pytest.mark.parametrize("math, expected", [
    ("$$\\rho^* = \\frac{9}{11} ≈ 0.818$$", "correct"),
    ("$\\rho^* = 9/11 ≃ 0.8182$", "correct"),
    ("$$\\rho^\\star ≈ 0.818 ⇒ \\text{slow}$$", "correct"),
    ("$$\\rho^* = \\frac{9}{11} ≈ 0.9$$", "wrong-answer"),  # the rounding is read, and wrong
    ("$$\\rho^* ≈ 0.7$$", "wrong-answer"),
])
def test_a_unicode_relation_in_math_splits_the_chain(solved, math, expected):
    text = f"(b) Both factors balance at α* = 2/11; the contraction per step is then\n\n{math}\n"
    assert_outcome(graded_part(solved, QUADRATIC, text, "b"), expected)
