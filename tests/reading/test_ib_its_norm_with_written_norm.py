"""'Its Euclidean norm ‖w_∞‖_2' after a request for the limit: 'its' and the written norm name
the same limit, so the part answers the limit and its Euclidean norm. A written norm of
something else beside 'its' ('its Euclidean norm ‖g‖_2', the gradient) is not read as the norm
of the limit."""

from __future__ import annotations

import pytest
import sympy as sp

from reading_helpers import quantity_values, refused

DATA = {
    "plain": ("One sample a = (2, 1, 2) with target b = 3, loss L(w) = 1/2 (a^T w - b)^2, "
              "gradient descent with a small constant step, w_0 = 0.\n\n"),
    "latex": (r"A single example $\mathbf{a} = (2, 1, 2)^\top$, target $b = 3$, loss "
              r"$L(\mathbf{w}) = \tfrac12(\mathbf{a}^\top\mathbf{w} - b)^2$; gradient descent "
              r"with a small constant step from $\mathbf{w}_0 = \mathbf{0}$." "\n\n"),
    "forum": ("so i have one data point a = (2, 1, 2), label b = 3, squared loss "
              "L(w) = 1/2 (a^T w - b)^2, running plain GD w/ tiny step from w_0 = 0.\n\n"),
}
ASKS = {
    "plain": "(a) Where does GD converge? Report also its Euclidean norm ||w_inf||_2.",
    "latex": (r"(a) To which point does GD converge? State too its Euclidean norm "
              r"$\|\mathbf{w}_\infty\|_2$."),
    "forum": "(a) which w does it end up at?? and give its euclidean norm ‖w_∞‖ as well",
}


@pytest.mark.parametrize("style", sorted(DATA))
def test_its_norm_beside_the_written_norm_of_the_limit(style):
    # limit b a / ‖a‖² = 3 (2, 1, 2) / 9 = (2/3, 1/3, 2/3), Euclidean norm 1
    values = dict(quantity_values(DATA[style] + ASKS[style])["a"])
    assert [sp.nsimplify(v) for v in sp.flatten(values["limit"])] == [
        sp.Rational(2, 3), sp.Rational(1, 3), sp.Rational(2, 3)]
    assert sp.nsimplify(values["norm-value"]) == 1


def test_its_norm_beside_a_written_norm_of_another_vector_is_not_the_limits():
    text = DATA["plain"] + ("(a) Where does GD converge? Report also its Euclidean norm "
                            "||g_0||_2 of the first gradient.")
    refused(text, "norm")
