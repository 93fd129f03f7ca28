"""A convergence guarantee claimed for every convex problem of a method the catalogue knows to
fail on one (Adam, with its default betas included) is a false claim, when the problem verifies
that method; the same method in a denial, a contrast, under a condition of its own, on a
narrower class, or another method's guarantee, is no finding."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
_A = ("(a) m_t = β1·m_{t-1} + (1-β1)·g_t, v_t = β2·v_{t-1} + (1-β2)·g_t², and\n"
      "    θ_t = θ_{t-1} - α·(m_t/(1-β1^t)) / (sqrt(v_t/(1-β2^t)) + ε).\n\n")


@pytest.mark.parametrize("sentence, false", [
    ("Adam always converges to the minimiser for any convex loss.", True),
    ("With β1 = 0.9 and β2 = 0.999, Adam converges on every convex objective.", True),
    ("Because of the normalisation, Adam provably converges to the optimum over all convex "
     "functions.", True),
    ("Adam is not guaranteed to converge on every convex problem (Reddi et al. build a "
     "counterexample).", False),
    ("Unlike Adam, AMSGrad converges on every convex problem.", False),
    ("With a decaying step size and β2 → 1, Adam converges on every convex problem.", False),
    ("Gradient descent with a small enough step converges on every convex smooth problem.",
     False),
    ("In practice Adam converges on every strongly convex quadratic we tried.", False),
    ("Would you like me to show a convex problem on which Adam does not converge?", False),
])
def test_a_guarantee_on_every_convex_problem_is_checked_against_the_catalogue(
        solved, sentence, false):
    part = graded_part(solved, ADAM, _A + "    " + sentence + "\n", "a")
    if false:
        assert "false-claim" in finding_kinds(part), (sentence, part.findings)
    else:
        assert part.verdict == "correct", (sentence, part.findings)
