""""The predicted decrease" of a norm-ball step is the positive amount −gᵀu*, the decrease the
model predicts, not the change gᵀu* with its sign; asked of a penalised step (where −gᵀu* is not
minus the minimum) it stays the change gᵀu*, as does a decrease the text writes as gᵀu* itself,
and the linear term asked by name ("just the linear part gᵀu*")."""

from __future__ import annotations

import pytest
import sympy as sp

from reading_helpers import solved_verified

BALL = ("At the current weights the gradient is g = (3, -4). Take the step "
        "u* = argmin_u g^T u subject to ||u||_2 <= eta, with eta = 0.5.\n")


@pytest.mark.parametrize("words", [
    "(a) Give u* and the predicted decrease.",
    "(a) Find the step. By how much does the linear model predict the loss will decrease?",
    "(a) What is u*, and by how much does the first-order model predict that the objective "
    "would drop?",
])
def test_decrease_of_a_ball_step_is_positive(words):
    (part,) = solved_verified(BALL + words + "\n")["parts"]
    got = {a["quantity"]: sp.sympify(a["expr"]) for a in part["answers"]}
    assert got["model-decrease"] == sp.Rational(5, 2)
    assert "linear-change" not in got


def test_decrease_written_as_the_linear_term_keeps_its_sign():
    (part,) = solved_verified(BALL + "(a) Give u* and the predicted decrease g^T u*.\n")["parts"]
    got = {a["quantity"]: sp.sympify(a["expr"]) for a in part["answers"]}
    assert got["linear-change"] == sp.Rational(-5, 2)


def test_linear_part_at_the_minimiser_is_the_change():
    text = ("The gradient is g = (2, 1) and alpha = 1. Let u* = argmin_u g^T u + "
            "(1/(2 alpha)) ||u||_2^2.\n(a) What is the minimum value, and separately just the "
            "linear part g^T u* at the minimiser?\n")
    (part,) = solved_verified(text)["parts"]
    got = {a["quantity"]: sp.sympify(a["expr"]) for a in part["answers"]}
    assert got["linear-change"] == -5
    assert got["min-value"] == sp.Rational(-5, 2)
