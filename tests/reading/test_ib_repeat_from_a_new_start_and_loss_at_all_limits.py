"""A part that reruns an earlier one from another start ('Repeat (i) from w_0 = (1, 1, 1)',
'as in (a), but initialise at ...', 'redo part 1 starting from ...') keeps the shared method:
naming the part it repeats does not make it a question about that part's result. A last part
asking the training loss 'at both limits' / 'at each of the limits' without naming the parts is
about the limits the earlier parts computed, one reading each; when the number it says does not
match the limits computed, it is refused by name."""

from __future__ import annotations

import pytest
import sympy as sp

from reading_helpers import quantity_values, refused

SETUP = {
    "plain": ("Rows x_1 = (1, 1, 0), y_1 = 2 and x_2 = (0, 0, 1), y_2 = 1; loss "
              "L(w) = 1/2 ||Xw - y||^2; gradient descent with a small constant step.\n\n"),
    "latex": (r"Let $\mathbf{X} = \begin{bmatrix} 1 & 1 & 0\\ 0 & 0 & 1\end{bmatrix}$, "
              r"$\mathbf{y} = (2, 1)^\top$ and $L(\mathbf{w}) = \tfrac12\|\mathbf{X}\mathbf{w} - "
              r"\mathbf{y}\|_2^2$, minimised by gradient descent with a small constant step."
              "\n\n"),
    "markdown": ("**Data:** `X = [[1, 1, 0], [0, 0, 1]]`, `y = (2, 1)`, loss "
                 "`L(w) = 0.5 * ||X w - y||^2`, plain **gradient descent** (small step).\n\n"),
}
FIRST = "(a) From w_0 = 0, find the limit w_inf.\n"
REPEATS = [
    "(b) Repeat (a) from w_0 = (1, -1, 5): find the limit and its Euclidean norm.\n",
    "(b) As in (a), but initialise at w_0 = (1, -1, 5); where does it converge, and what is its norm?\n",
    "(b) Redo (a) starting from w_0 = (1, -1, 5) -- limit and Euclidean norm please.\n",
]


@pytest.mark.parametrize("style", sorted(SETUP))
@pytest.mark.parametrize("repeat", range(len(REPEATS)))
def test_a_part_rerun_from_another_start(style, repeat):
    # from (1, -1, 5): the null-space part (1, -1, 0)/2 ... of the start is kept: w_0 + X^+(y - X w_0)
    # X w_0 = (0, 5), residual (2, -4): correction (1, 1, -4) -> limit (2, 0, 1), norm sqrt(5)
    values = dict(quantity_values(SETUP[style] + FIRST + REPEATS[repeat])["b"])
    assert [sp.nsimplify(v) for v in sp.flatten(values["limit"])] == [2, 0, 1]
    assert sp.nsimplify(values["norm-value"]) == sp.sqrt(5)


LAST = [
    "(c) What is the training loss at both limits?\n",
    "(c) Give the value of the loss at each of the limits.\n",
    "(c) and the loss for the two limit points??\n",
]


@pytest.mark.parametrize("last", range(len(LAST)))
def test_the_loss_at_the_limits_of_the_earlier_parts(last):
    text = SETUP["plain"] + FIRST + REPEATS[0] + LAST[last]
    values = quantity_values(text)
    losses = [v for label, vs in values.items() if label.startswith("c") for k, v in vs
              if k == "value-at"]
    assert len(losses) == 2 and all(sp.nsimplify(v) == 0 for v in losses), values


def test_the_loss_at_three_limits_when_two_were_computed_is_refused():
    text = SETUP["plain"] + FIRST + REPEATS[0] + "(c) What is the loss at the three limits?\n"
    refused(text, "loss")


@pytest.mark.parametrize("ask", [
    "Starting from w_0 = (2, -1), where does it converge? Is the limit the same as in (a)?",
    "Now init at w_0 = (2, -1): where does GD go, and is that the same point as in (a)?",
    "From $w_0 = (2, -1)$, find the limit; is it the same as in (a)?",
])
def test_a_part_comparing_with_an_earlier_one_runs_its_own_start(ask):
    # a = (1, 2), b = 5: from 0 the limit is (1, 2); from (2, -1) (a^T w_0 = 0) it is (3, 1)
    text = ("Least squares with one example a = (1, 2), b = 5, loss L(w) = 1/2 (a^T w - b)^2, "
            "plain gradient descent with a small constant step.\n\n"
            "(a) Starting from w_0 = 0, where does it converge?\n(b) " + ask + "\n")
    values = dict(quantity_values(text)["b"])
    assert [sp.nsimplify(v) for v in sp.flatten(values["limit"])] == [3, 1]
