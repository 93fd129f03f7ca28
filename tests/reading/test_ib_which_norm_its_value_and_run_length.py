"""A which-norm question in other words ('which quadratic norm'), the value of that norm at the
limit asked as 'its (squared) value', formula answers in the letter of the loss's parameters,
and the length of a run the text reports set aside for a method run to convergence."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

from reading_helpers import solved

SETUP = ("Exercise 2. Preconditioned descent on one equation\n\n"
         "One data point a = (2, 1), target b = 4, loss L(w) = 1/2 (a^T w - b)^2. "
         "Preconditioned GD w_{{k+1}} = w_k - lr * P * grad L(w_k) with P = diag(2, 1), from "
         "w_0 = (0, 0). {remark}\n\n"
         "(a) Where does the preconditioned method converge?\n"
         "(b) {ask}\n")


def _answers(text: str, label: str) -> dict[str, dict]:
    _, solution = solved(text)
    part = next(p for p in solution.to_dict()["parts"] if p["label"] == label)
    return {a["quantity"]: a for a in part["answers"]}


def test_squared_value_of_the_quadratic_norm_at_the_limit():
    text = SETUP.format(remark="", ask="Its limit minimises a norm over the solutions. Which "
                                       "quadratic norm, and what is its squared value at the "
                                       "limit?")
    got = _answers(text, "b")
    # P a b / (a^T P a) = (4, 1) * 4/9; squared P^-1 norm = b^2 / (a^T P a) = 16/9
    assert got["value-at"]["value"] == pytest.approx(16 / 9)
    assert "w1" in got["which-norm"]["expr"] and "theta" not in got["which-norm"]["expr"]


def test_plain_value_of_the_norm_is_its_square_root():
    text = SETUP.format(remark="", ask="Which norm does its limit minimise over the "
                                       "solutions, and what is its value at the limit?")
    got = _answers(text, "b")
    assert got["value-at"]["value"] == pytest.approx(4 / 3)


def test_reported_run_length_is_set_aside():
    text = SETUP.format(remark="(Our script ran 20000 iterations.)",
                        ask="Which weighted norm does the limit minimise?")
    reading, _ = solved(text)
    assert reading.unused == []


def test_a_step_count_that_is_a_setting_stays_unused():
    text = SETUP.format(remark="Run 20000 iterations of it.",
                        ask="Which weighted norm does the limit minimise?")
    assert "20000" in read_report(text).unused
