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
