"""Constant-step sign descent on one example: the number of steps until the loss is exactly 0
(|r_0| / (η‖x‖₁) when whole, never otherwise), with 'sign(0) = 0' read as the method's own
convention; and 'the limit and its (squared) norm' asks the Euclidean norm of that limit.
Expected values computed here independently (a plain loop of sign steps, numpy norms)."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

from reading_helpers import solved_verified


_solved = solved_verified


def _answers(data: dict, quantity: str) -> list:
    return [a for p in data["parts"] for a in p["answers"] if a["quantity"] == quantity]


def _sign_run(x, y, lr, steps=100):
    w = np.zeros(len(x))
    for k in range(1, steps + 1):
        w = w - lr * np.sign((x @ w - y) * x)
        if x @ w == y:
            return k, w
    return None, w


@pytest.mark.parametrize("x, y, lr", [((2.0, 1.0), 6.0, 0.5), ((1.0, 1.0, 2.0), 8.0, 0.25)])
def test_steps_until_sign_descent_lands(x, y, lr):
    coords = ", ".join(f"{v:g}" for v in x)
    text = (f"A single sample a = ({coords}) with label y = {y:g}; loss L(w) = 0.5 (a^T w - y)^2, "
            f"starting from w_0 = 0.\n\nWe run sign descent with a fixed step eta = {lr:g} "
            "(take sign(0) = 0). How many steps until the loss is exactly zero, and where does "
            "it stop?")
    data = _solved(text)
    k, w = _sign_run(np.array(x), y, lr)
    (steps,) = _answers(data, "iterations")
    assert int(steps["value"]) == k
    (limit,) = _answers(data, "limit")
    assert np.allclose(limit["value"], w)


def test_sign_step_that_never_lands_has_no_count():
    text = ("A single sample a = (2, 1) with label y = 5; loss L(w) = 0.5 (a^T w - y)^2, starting "
            "from w_0 = 0.\n\nWe run sign descent with a fixed step eta = 0.5 (take sign(0) = 0). "
            "How many steps until the loss is exactly zero?")
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    (steps,) = _answers(data, "iterations")
    assert steps["value"] is None and steps["status"] == "none"


@pytest.mark.parametrize("ask, squared", [("its squared norm", True), ("its norm", False)])
def test_limit_and_its_bare_norm(ask, squared):
    X = np.array([[1.0, 2.0, 0.0], [0.0, 1.0, 1.0]])
    y = np.array([1.0, 1.0])
    text = ("Let X = [[1, 2, 0], [0, 1, 1]] and y = [1, 1], L(w) = 0.5 ||Xw - y||^2.\n\n"
            f"(a) Gradient descent from w_0 = (0, 0, 1): report the limit and {ask}.")
    data = _solved(text)
    start = np.array([0.0, 0.0, 1.0])
    limit = start + np.linalg.pinv(X) @ (y - X @ start)
    (norm,) = _answers(data, "norm-value")
    want = float(limit @ limit) if squared else float(np.linalg.norm(limit))
    assert float(norm["value"]) == pytest.approx(want)


def test_iterate_as_a_formula_in_the_step_index_is_refused():
    text = ("A single sample a = (2, 1) with label y = 6; loss L(w) = 0.5 (a^T w - y)^2, starting "
            "from w_0 = 0.\n\nWe run sign descent with a fixed step eta = 0.5 (take sign(0) = 0). "
            "Give w_t in closed form, then the number of steps until the loss is exactly zero.")
    reading = read_report(text)
    assert not reading.complete
