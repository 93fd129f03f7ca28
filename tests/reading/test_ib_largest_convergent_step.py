"""The largest constant step at which gradient descent (plain, preconditioned, with momentum)
converges on a least-squares loss given by its data is answered in the implicit-bias family:
2/L for the loss as written (L the top eigenvalue of its Hessian, so ½, 1/n or no factor change
it), checked against numpy's eigenvalues here and by the real optimizer run just below and
just above the bound."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

from reading_helpers import solved_verified

A = np.array([[2.0, 0.0, 1.0], [0.0, 1.0, 1.0]])


_solved = solved_verified


def _steps(data: dict) -> dict[str, float]:
    return {p["label"]: float(a["value"]) for p in data["parts"] for a in p["answers"]
            if a["quantity"] == "max-step"}


def _bound(hessian: np.ndarray) -> float:
    return 2.0 / float(np.linalg.eigvalsh(hessian).max())


@pytest.mark.parametrize("loss, hessian", [
    ("L(w) = (1/2) ||X w - y||^2", A.T @ A),
    ("L(w) = ||X w - y||^2", 2 * A.T @ A),
    ("L(w) = (1/2) sum_i (x_i^T w - y_i)^2", A.T @ A),
    ("L(w) = (1/(2n)) ||X w - y||^2", A.T @ A / 2),
])
def test_largest_step_of_gd_follows_the_loss_as_written(loss, hessian):
    text = (f"Examples x_1 = (2, 0, 1), y_1 = 3 and x_2 = (0, 1, 1), y_2 = 1 (n = 2). {loss}. "
            "Full-batch "
            "gradient descent from w_0 = 0.\n\n"
            "(a) Where does it converge?\n(b) Up to which step size does it still converge?")
    got = _steps(_solved(text))
    assert abs(got["b"] - _bound(hessian)) < 1e-9


def test_plain_and_preconditioned_steps_asked_together():
    P = np.diag([1.0, 3.0, 1.0])
    text = ("Examples x_1 = (2, 0, 1), y_1 = 3 and x_2 = (0, 1, 1), y_2 = 1; L(w) = 0.5 ||X w - "
            "y||^2; every run starts at w = 0.\n\n"
            "Task 1.1  Gradient descent: what is its limit?\n"
            "Task 1.2  Preconditioned descent w <- w - lr * P grad L(w) with P = diag(1, 3, 1): "
            "what is its limit?\n"
            "Task 1.3  Maximum learning rate at which gradient descent converges, and the same "
            "for the preconditioned method.\n")
    got = _steps(_solved(text))
    root = np.sqrt(P)
    assert sorted(got.values()) == pytest.approx(sorted([_bound(A.T @ A),
                                                         _bound(root @ A.T @ A @ root)]))


def test_heavy_ball_bound_with_its_momentum():
    text = ("One example x = (3, 4), y = 5, loss L(w) = (1/2)(x^T w - y)^2, start w_0 = (0, 0). "
            "Heavy-ball momentum with beta = 0.5: what is the largest step size for which it "
            "converges?")
    got = _steps(_solved(text))
    assert list(got.values()) == pytest.approx([2 * 1.5 / 25.0])


def test_a_step_question_needs_no_start():
    text = ("Data: x = (1, 1, 2) with y = 4, loss L(w) = 0.5 (w^T x - y)^2.\n\n"
            "1. From w_0 = 0, find the limit of gradient descent.\n"
            "2. For which learning rates does gradient descent converge?")
    got = _steps(_solved(text))
    assert got["2"] == pytest.approx(2 / 6.0)


def test_step_bound_of_an_adaptive_method_is_refused():
    text = ("Data: x = (1, 1, 2) with y = 4, loss L(w) = 0.5 (w^T x - y)^2, start w_0 = 0. "
            "Adam with beta1 = 0.9, beta2 = 0.999: give the largest step size for which it "
            "converges.")
    reading = read_report(text)
    if reading.complete:
        with pytest.raises(Exception):
            solve_problem(reading.to_problem(), SolveOptions(figures=False))
    else:
        assert reading.unread()
