"""The threshold on α past which the plain-norm penalized step stops being zero is 1/‖g‖ in
the dual norm, so it changes with the norm: a claim that it is the same for every norm is
refuted by solving the part again with the other vector norms. The same *formula* for every
norm, or a denial that the value is shared, is no finding."""

from __future__ import annotations

import pytest
from conftest import assert_outcome, graded_part

SD = "src/optiproof/problems/steepest-descent-numeric.yaml"
_D = ("(d) Since g·d ≥ −‖g‖₁‖d‖∞, the objective is at least (1/α − 6)‖d‖∞: the step is 0 for "
      "α < 1/6 and the problem is unbounded below at α = 0.5. ")


@pytest.mark.parametrize("text, outcome", [
    (_D + "Note that this critical value does not depend on the norm we penalise with.",
     "false-claim"),
    (_D + "The cutoff 1/6 stays the same whichever norm is chosen.", "false-claim"),
    (_D + "In general the threshold is 1/‖g‖_*, the same formula for every norm.", "correct"),
    (_D + "The threshold is not the same for every norm: for ℓ2 it would be 1/√14.", "correct"),
])
def test_a_threshold_shared_by_every_norm_is_refuted(solved, text, outcome):
    assert_outcome(graded_part(solved, SD, text + "\n", "d"), outcome)
