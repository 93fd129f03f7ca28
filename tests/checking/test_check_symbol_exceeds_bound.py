"""A symbol said to exceed a worked-out bound (``once α exceeds 1/‖g‖₁ = 1/6``): the formula
after the comparison is no subject of its own but the bound, so its value is the threshold
the part asks for."""

from __future__ import annotations

import pytest
from conftest import graded_part

SDN = "src/optiproof/problems/steepest-descent-numeric.yaml"

_STYLES = {
    "prose": "(d) Along the best direction the objective is t(1/α − {n}). Once α exceeds "
             "1/‖g‖₁ = 1/{n}, the slope is negative. At α = 0.5 it is unbounded below.\n",
    "latex": "(d) Along the best direction the objective is $t(1/\\alpha - {n})$. When $\\alpha$ "
             "is greater than $\\frac{{1}}{{\\|g\\|_1}} = \\frac{{1}}{{{n}}}$ the slope turns "
             "negative; at $\\alpha = 0.5$ there is no finite minimiser.\n",
    "plain": "(d) with alpha above 1/||g||_1 = 1/{n} the reward term wins: at alpha = 0.5 the "
             "objective is unbounded below.\n",
}


@pytest.mark.parametrize("style", sorted(_STYLES))
def test_the_bound_a_symbol_exceeds_is_the_threshold(solved, style):
    norm_1 = 3 + 1 + 2  # ‖g‖₁ of the problem's gradient g = (3, -1, 2)
    part = graded_part(solved, SDN, _STYLES[style].format(n=norm_1), "d")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("style", sorted(_STYLES))
@pytest.mark.parametrize("n", [3, 4, 9])
def test_a_wrong_bound_a_symbol_exceeds_is_not_correct(solved, style, n):
    part = graded_part(solved, SDN, _STYLES[style].format(n=n), "d")
    assert part.verdict != "correct", part.findings
