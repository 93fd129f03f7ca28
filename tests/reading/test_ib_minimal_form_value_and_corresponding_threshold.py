"""'Report the minimal value of wᵀP⁻¹w' in a part running preconditioned GD with that P from
0 is the form at the limit (the interpolant the limit is); from another start, or with a matrix
that is not the part's preconditioner, it is refused by name. 'Compare with the corresponding
threshold for plain GD' asks the largest stable step again, of plain GD."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.reading import read_report

from reading_helpers import quantity_values, refused

SETUP = ("One example a = (2, 1, 1) with target b = 3, loss L(w) = 1/2 (a^T w - b)^2. Let "
         "P = diag(1, 2, 3) and run preconditioned gradient descent w <- w - eta P grad L(w).\n\n")


def test_minimal_value_of_the_form_is_its_value_at_the_limit():
    text = SETUP + ("(a) From w_0 = 0 and a small eta, where does it converge? Report the "
                    "minimal value of w^T P^-1 w among all interpolating w.\n")
    values = dict(quantity_values(text)["a"])
    a, P = np.array([2.0, 1, 1]), np.diag([1.0, 2, 3])
    limit = P @ a * 3 / (a @ P @ a)
    assert values["limit"] == pytest.approx(list(limit))
    # min of w^T P^-1 w subject to a^T w = 3 is 9 / (a^T P a) = 9 / 9
    assert float(values["value-at"]) == pytest.approx(limit @ np.linalg.inv(P) @ limit)
    assert float(values["value-at"]) == pytest.approx(1.0)


def test_minimal_value_from_another_start_is_refused():
    text = SETUP + ("(a) From w_0 = (1, 0, 0) and a small eta, where does it converge? Report "
                    "the minimal value of w^T P^-1 w among all interpolating w.\n")
    refused(text, "nonzero start")


def test_corresponding_threshold_for_plain_gd():
    text = SETUP + ("(a) Starting at w_0 = 0, find the largest eta for which the preconditioned "
                    "iteration converges. Compare with the corresponding threshold for plain "
                    "gradient descent.\n")
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    values = quantity_values(text)
    steps = sorted(float(v) for label in values for k, v in values[label] if k == "max-step")
    # preconditioned: 2 / (a^T P a) = 2/9; plain: 2 / ||a||^2 = 2/6
    assert steps == pytest.approx([2 / 9, 1 / 3])


def test_the_form_written_as_a_squared_norm_and_a_hint_about_another_part():
    text = SETUP + ("(a) From w_0 = 0 and a small eta, where does it converge?\n"
                    "(b) The limit of (a) minimises ‖w‖_{P^-1}^2 = w^T P^-1 w over all "
                    "interpolating w. What is the minimal value of w^T P^-1 w?\n"
                    "(c) Preconditioned gradient descent from w_0 = (0, 1, 0): where does it "
                    "converge? Hint: you may use that the iterates of (a) stay in "
                    "w_0 + span{P a}.\n")
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    assert [p.label for p in reading.parts] == ["a", "b", "c"]   # the hint asks nothing of (a)
    values = quantity_values(text)
    assert float(dict(values["b"])["value-at"]) == pytest.approx(1.0)
    # from (0, 1, 0): w_0 + P a (3 - a^T w_0) / (a^T P a) = (0, 1, 0) + (2, 2, 3) (2 / 9)
    assert dict(values["c"])["limit"] == pytest.approx([4 / 9, 1 + 4 / 9, 6 / 9])
