"""'What decrease −gᵀu* does the linear model predict?' (and 'how big a decrease does the
first-order model predict', 'which reduction does the linear approximation predict', in LaTeX
too) asks the positive decrease −gᵀu*: for a norm-ball step it is minus the minimum value. For a
penalised step, whose answer is the change gᵀu* (negative), it is refused by name rather than
answered with the opposite sign. A ratio of this part's decrease to an earlier part's ('(decrease
in (d)) / (decrease in (b))') reads both decreases alike."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from reading_helpers import refused, solved_verified

_BALL = ("The gradient is g = {g} and the radius is eta = 0.07.\n\n"
         "(a) Solve min_u g^T u subject to ||u||_2 <= eta.\n\n(b) {q}\n")


@pytest.mark.parametrize("q", [
    "What decrease -g^T u^* does the linear model predict?",
    r"What decrease $-g^\top u^\star$ does the linearised model predict?",
    "how big a decrease does the first-order model predict here?",
    "Which reduction does the linear approximation predict?",
])
def test_decrease_of_a_ball_step(q):
    g = (2, -3, 6)
    parts = {p["label"]: p for p in solved_verified(_BALL.format(g=g, q=q))["parts"]}
    (dec,) = parts["b"]["answers"]
    assert dec["quantity"] == "model-decrease"
    assert float(sp.sympify(dec["expr"])) == pytest.approx(0.07 * np.linalg.norm(g))


@pytest.mark.parametrize("q", [
    "What decrease -g^T u^* does the linear model predict?",
    "how big a decrease does the first-order model predict here?",
])
def test_positive_decrease_of_a_penalised_step_is_refused(q):
    refused(f"The gradient is g = (2, -3, 6).\n\n(a) Solve min_u g^T u + (1/2)||u||_2^2.\n\n(b) {q}\n",
            "asks the positive decrease")


def test_own_decrease_over_an_earlier_one():
    text = ("The gradient is g = (1, -4, 8) and the radius is eta = 0.5.\n\n"
            "(a) Solve min_u g^T u subject to ||u||_2 <= eta.\n\n"
            "(b) What decrease -g^T u* does the linear model predict?\n\n"
            "(c) Now take the ball ||u||_1 <= eta, give its predicted decrease and the ratio "
            "(decrease in (c)) / (decrease in (b)).\n")
    parts = {p["label"]: p for p in solved_verified(text)["parts"]}
    (ratio,) = [a for a in parts["c"]["answers"] if a["quantity"] == "ratio"]
    assert sp.sympify(ratio["expr"]) == sp.Rational(8, 9)   # ‖g‖_∞ / ‖g‖_2
