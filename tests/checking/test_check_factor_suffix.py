"""A length ratio written as a number with a multiplier sign on to it (``2.78x longer``,
``2.78× the length of``, ``2.78X bigger``) states that factor: it is read as the ratio, not as
a product with a symbol x, and graded like ``2.78 times longer``."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

SDN = "src/optiproof/problems/steepest-descent-numeric.yaml"

_STYLES = {
    "suffix-x": "(b) u = (-1.5, 1.5, -1.5), sign descent. Norms 2.598 vs 0.935, so {k}x longer.\n",
    "times-sign": "(b) u = (-1.5, 1.5, -1.5), sign descent; the step is {k}× the length of the "
                  "l2 step.\n",
    "arrow": "(b) u = (-1.5, 1.5, -1.5), signSGD\n   ||u|| = 2.598, ||u_a|| = 0.935 => {k}x as "
             "long\n",
    "capital": "(b) u = (-1.5, 1.5, -1.5), sign descent; roughly {k}X bigger than u_a.\n",
}


@pytest.mark.parametrize("style", sorted(_STYLES))
def test_a_factor_with_a_multiplier_sign_is_the_ratio(solved, style):
    ratio = (1.5 * 3 ** 0.5) / (0.25 * 14 ** 0.5)
    part = graded_part(solved, SDN, _STYLES[style].format(k=f"{ratio:.2f}"), "b")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("style", ["suffix-x", "arrow"])
@pytest.mark.parametrize("k", ["1.73", "3.5", "5.2"])
def test_a_wrong_factor_with_a_multiplier_sign_is_a_wrong_answer(solved, style, k):
    part = graded_part(solved, SDN, _STYLES[style].format(k=k), "b")
    assert "wrong-answer" in finding_kinds(part), part.findings


def test_a_product_with_x_stays_a_product(solved):
    """``2x + 1`` is a product with the symbol x: the suffix reading needs comparison words."""
    from optiproof.checking.claims import plain_runs

    text = "so f = 2x + 1 here"
    assert any("2x + 1" in text[a:b] for a, b in plain_runs(text))
