"""Least-squares data in a table whose headers put a word before the symbol ('feature vector
x_i', 'label y_i'); a step-bound question glossed with a word of another quantity ('the
threshold') needs no start even when earlier parts start at different points; a method the part
denies ('no preconditioner', 'without momentum') is accounted for as not run."""

from __future__ import annotations

import numpy as np
import pytest

from reading_helpers import quantity_values, solved

TABLE = ("Problem 3. Where gradient descent goes\n\nTwo examples in R^2:\n\n"
         "| feature vector x_i | label y_i |\n"
         "|---|---|\n"
         "| (2, 1) | 3 |\n"
         "| (0, 1) | 1 |\n\n"
         "Loss L(w) = 1/2 ||Xw - y||^2, X having the feature vectors as rows.\n\n")


def test_table_with_worded_headers_is_the_data():
    reading, _ = solved(TABLE + "(a) Gradient descent from w_0 = 0: where does it converge?")
    assert reading.parts[0].value("X") == [[2, 1], [0, 1]]
    assert reading.parts[0].value("y") == [3, 1]


def test_step_bound_glossed_as_threshold_needs_no_start():
    text = ("One example x = (2, 1, 2), y = 3, loss L(w) = (1/2)(x^T w - y)^2, gradient "
            "descent.\n\n(a) From w_0 = 0, where does it converge?\n"
            "(b) From w_0 = (1, 1, 0), where does it converge?\n"
            "(c) Which is the largest step size at which gradient descent still converges "
            "(the threshold)?")
    got = quantity_values(text)
    steps = [v for q, v in got["c"] if q == "max-step"]
    assert steps and float(steps[0]) == pytest.approx(2 / 9)


def test_denied_preconditioner_is_accounted_for():
    text = TABLE + ("(a) Preconditioned GD w_{t+1} = w_t - lr P grad L(w_t), P = diag(1, 2), "
                    "from w_0 = 0: give the limit.\n"
                    "(b) Plain gradient descent without any preconditioner, from w_0 = 0: what is "
                    "the limit?")
    reading, solution = solved(text)
    assert reading.parts[1].value("method") == "gd"
    X, y = np.array([[2.0, 1.0], [0.0, 1.0]]), np.array([3.0, 1.0])
    limit = [a["value"] for a in solution.to_dict()["parts"][1]["answers"]
             if a["quantity"] == "limit"][0]
    assert [float(v) for v in limit] == pytest.approx(list(np.linalg.solve(X, y)))


def test_a_mentioned_method_that_is_not_denied_still_counts():
    text = TABLE + ("(a) Gradient descent with momentum 0.5 from w_0 = 0, and no "
                    "other change: give the limit.")
    reading, _ = solved(text)
    method = reading.parts[0].value("method")
    assert (method.get("name") if isinstance(method, dict) else method) == "heavy-ball"
