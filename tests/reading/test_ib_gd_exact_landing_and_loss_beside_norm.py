"""Gradient descent at a stated constant step reaches its limit exactly after one step when the
step is 1/λ for every curvature the start's error has a component on, after none from the limit
itself, and never otherwise (checked by the real optimizer); the step stated in a part applies
to the method the shared text names; 'the training loss and the norm of the limit' asks both."""

from __future__ import annotations

import numpy as np
import pytest

from reading_helpers import solved, solved_verified

SHARED = ("Exercise 4. Landing exactly\n\n"
          "Least squares with rows x_1 = (2, 0, 1), y_1 = 2 and x_2 = (0, 2, 0), y_2 = 4, loss "
          "L(w) = (1/2) ||Xw - y||^2. Plain gradient descent with a constant step is used.\n\n"
          "(a) Take the step size eta = {eta} and w_0 = {start}. After how many steps is the "
          "limit reached exactly?\n")


def _steps(data: dict) -> dict:
    part = data["parts"][0]
    return next(a for a in part["answers"] if a["quantity"] == "iterations")


def test_one_step_when_the_step_inverts_every_curvature_met():
    # X X^T = diag(5, 4): from 0 the error has components on both, so no single step lands
    assert _steps(solved_verified(SHARED.format(eta="1/5", start="0")))["value"] is None
    # from (0, 2, 0) + ... : the error lies along x_1 only (curvature 5), so 1/5 lands at once
    start = "(0, 2, 0)"
    got = _steps(solved_verified(SHARED.format(eta="1/5", start=start)))
    assert got["value"] == 1


def test_zero_steps_from_the_limit():
    X, y = np.array([[2.0, 0, 1], [0, 2.0, 0]]), np.array([2.0, 4.0])
    limit = np.linalg.pinv(X) @ y
    start = "(" + ", ".join(str(v) for v in [4 / 5, 2, 2 / 5]) + ")"
    assert np.allclose(limit, [0.8, 2, 0.4])
    got = _steps(solved_verified(SHARED.format(eta="1/5", start=start)))
    assert got["value"] == 0


def test_step_of_the_part_runs_the_shared_method():
    reading, _ = solved(SHARED.format(eta="1/4", start="0"))
    method = reading.parts[0].value("method")
    assert method == {"name": "gd", "lr0": pytest.approx(0.25)} or \
        (method["name"], float(method["lr0"])) == ("gd", 0.25)


def test_training_loss_beside_the_norm_of_the_limit():
    text = ("Exercise 5. One example\n\nOne example x = (2, 1), y = 5, loss L(w) = (1/2)(x^T w - "
            "y)^2, gradient descent from w_0 = 0.\n\n"
            "(a) Where does it converge? Give the final loss and the l2 norm of the limit.\n")
    data = solved_verified(text)
    quantities = {a["quantity"]: a["value"] for a in data["parts"][0]["answers"]}
    assert quantities["value-at"] == 0
    assert float(quantities["norm-of"] if "norm-of" in quantities else
                 quantities["norm-value"]) == pytest.approx(np.sqrt(5))
