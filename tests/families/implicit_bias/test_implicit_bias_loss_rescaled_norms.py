"""Requests that hold a limit's phrase but ask something else, or ask two things:

- the loss at the limit ("lim L(w_k)", "the loss at the limit", "what does the training loss
  converge to"): the loss the text writes evaluated at the limit, never the limit point;
- "(yes/no)" before a second request, and "give X^+ y": the minimum-norm solution is asked too;
- features multiplied by fixed factors in the shared text, then SGD or GD from 0: a part in
  the rescaled coordinates is the run on the rescaled data, a part about the weights mapped
  back is the preconditioned limit, and "compare ‖θ∞‖₂ with ‖θmn‖₂" asks both norms;
- "the value of that norm at the sign-descent limit and at the GD limit": the ℓ∞ norm (the
  one sign descent on one equation minimises) at both limits.

Every expected value is computed here with numpy/scipy (pseudo-inverses, least squares, a
linear program), never with the code under test."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

FAST = SolveOptions(figures=False, run_witnesses=False)
CHECKED = SolveOptions(figures=False)


def _answers(solution, index, quantity):
    return [a for a in solution.parts[index].answers if a.quantity == quantity]


def _vector(answer):
    return np.array(answer.value, dtype=float).ravel()


# -- the loss at the limit ---------------------------------------------------------------------

def _data(X, y, loss):
    return (f"Data: X = {X}, y = {y}. The loss is {loss}. Gradient descent starts at w_0 = 0 "
            "and runs until it converges.\n\n(a) Where does it converge?\n\n")


LOSS_QUESTIONS = [
    "(b) What is lim L(w_k) ?",
    "(b) Find the value of the loss at the limit.",
    "(b) What does the training loss converge to?",
]


@pytest.mark.parametrize("question", LOSS_QUESTIONS)
def test_the_loss_at_the_limit_is_the_loss_value_not_the_point(question):
    X, y = [[1, 0, 2], [0, 1, 1]], [1, 3]
    reading = read_report(_data(X, y, "L(w) = 0.5 * ||X w - y||^2") + question)
    assert reading.complete, reading.unread()
    part = reading.parts[1]
    assert part.value("asks") == []
    solution = solve_problem(reading.to_problem(), CHECKED)
    assert solution.exit_code == 0
    Xa, ya = np.array(X, float), np.array(y, float)
    w = np.linalg.pinv(Xa) @ ya
    expected = 0.5 * float(np.sum((Xa @ w - ya) ** 2))
    got = _answers(solution, 1, "value-at")
    assert len(got) == 1 and abs(float(got[0].value) - expected) < 1e-12


@pytest.mark.parametrize("question", ["(b) What is lim_{k→∞} L(w_k)?", "(b) What is L(w_∞)?",
                                      "(b) Give lim_{t→∞} f(w_t).",
                                      "(b) Report the final training loss."])
def test_a_loss_at_the_limit_is_never_answered_by_the_point(question):
    """Refused, or the loss value: never the limit point alone."""
    reading = read_report(_data([[1, 0, 2], [0, 1, 1]], [1, 3],
                                           "L(w) = 0.5 * ||X w - y||^2") + question)
    if reading.complete:
        assert reading.parts[1].value("asks") == []
        assert [e["kind"] for e in reading.parts[1].value("derived")] == ["value-at"]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.integers(-3, 3), min_size=3, max_size=3), min_size=2, max_size=2),
       st.lists(st.integers(-4, 4), min_size=2, max_size=2),
       st.sampled_from(["L(w) = ||X w - y||^2", "L(w) = 0.5 * ||X w - y||^2"]))
def test_the_loss_at_an_interpolating_limit_is_zero(X, y, loss):
    """Two equations in three unknowns of full row rank (numpy rank): GD from 0 interpolates,
    so the loss at its limit is 0 whatever the constant."""
    Xa = np.array(X, float)
    if np.linalg.matrix_rank(Xa) < 2:
        return
    reading = read_report(_data(X, y, loss) + "(b) What is lim L(w_k) ?")
    assert reading.complete, reading.unread()
    assert reading.parts[1].value("asks") == []
    solution = solve_problem(reading.to_problem(), FAST)
    got = _answers(solution, 1, "value-at")
    assert len(got) == 1 and abs(float(got[0].value)) < 1e-12
    w = np.linalg.pinv(Xa) @ np.array(y, float)   # the limit is still given beside it
    np.testing.assert_allclose(_vector(_answers(solution, 1, "limit")[0]), w, atol=1e-12)


def test_the_loss_at_the_limit_without_its_constant_is_refused():
    text = ("Least squares with X = [[1, 0, 2], [0, 1, 1]] and y = [1, 3]; gradient "
            "descent from w_0 = 0.\n\n(a) Where does it converge?\n\n(b) What is lim L(w_k)?")
    assert not read_report(text).complete


# -- '(yes/no)' and X^+ y -------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "(b) Is w_inf the minimum-norm solution? (yes/no) Give X^+ y as well.",
    "(b) Is the GD limit the minimum-norm solution? (yes/no) Also compute pinv(X) y.",
])
def test_a_second_request_after_yes_no_is_answered(question):
    X, y = [[1, 1, 0], [0, 1, 2]], [2, 3]
    text = (f"Least squares L(w) = 0.5 * ||X w - y||^2 with X = {X}, y = {y}. Gradient descent "
            "from w_0 = [1, 0, 0].\n\n(a) What is w_inf?\n\n" + question)
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert "min-norm-solution" in reading.parts[1].value("asks")
    solution = solve_problem(reading.to_problem(), FAST)
    got = _answers(solution, 1, "min-norm-solution")
    np.testing.assert_allclose(_vector(got[0]), np.linalg.pinv(np.array(X, float)) @ y,
                               atol=1e-12)


def test_an_unread_request_after_yes_no_is_refused():
    text = ("Least squares with X = [[1, 1, 0], [0, 1, 2]], y = [2, 3], gradient descent from "
            "w_0 = 0.\n\n(a) Is the limit the minimum-norm solution? (yes/no) Give the spectral "
            "gap of the Hessian as well.")
    assert not read_report(text).complete


# -- features rescaled in the shared text ---------------------------------------------------

def _rescaled(factors, method="SGD (one example per step, small step)"):
    D = ", ".join(str(f) for f in factors)
    return ("Training data x1 = (1, 2, 0), y1 = 3 and x2 = (0, 1, 1), y2 = 1, squared loss. "
            f"Before training every input is rescaled, x̃ = Dx with D = diag({D}), and the "
            f"weights v are trained on x̃. {method} is started at the origin and run to "
            "convergence; "
            "the model is then written in the original features as θ = Dv.\n\n")


X0, Y0 = np.array([[1, 2, 0], [0, 1, 1]], float), np.array([3, 1], float)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([1, 2, 3]), min_size=3, max_size=3).filter(
    lambda f: any(x != 1 for x in f)))
def test_shared_rescaling_in_rescaled_and_original_coordinates(factors):
    text = _rescaled(factors) + ("(a) Give the limit of v in the rescaled coordinates.\n\n"
                                 "(b) Which θ does it give in the original features?\n\n"
                                 "(c) Find the minimum-norm solution θ_mn of Xθ = y and compare "
                                 "‖θ_∞‖_2 with ‖θ_mn‖_2.")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), FAST)
    D = np.diag(np.array(factors, float))
    v = np.linalg.pinv(X0 @ D) @ Y0
    np.testing.assert_allclose(_vector(_answers(solution, 0, "limit")[0]), v, atol=1e-12)
    np.testing.assert_allclose(_vector(_answers(solution, 1, "limit")[0]), D @ v, atol=1e-12)
    norms = sorted(float(a.value) for a in _answers(solution, 2, "norm-value"))
    expected = sorted([float(np.linalg.norm(D @ v)), float(np.linalg.norm(np.linalg.pinv(X0) @ Y0))])
    np.testing.assert_allclose(norms, expected, atol=1e-12)


def test_shared_rescaling_with_an_unsupported_method_is_refused():
    text = _rescaled([1, 2, 1], method="Adam") + "(a) Where does θ converge?"
    assert not read_report(text).complete


def test_a_comparison_of_other_norms_is_refused():
    text = _rescaled([1, 2, 1]) + ("(a) Find the minimum-norm solution θ_mn of Xθ = y and "
                                   "compare ‖θ_∞‖_∞ with ‖θ_mn‖_∞.")
    assert not read_report(text).complete


# -- the value of 'that norm' at two limits -------------------------------------------------

def _min_max_norm(x, y):
    """min ‖w‖_∞ s.t. xᵀw = y by a linear program (scipy), the expected ℓ∞ value."""
    from scipy.optimize import linprog

    d = len(x)
    c = np.r_[np.zeros(d), 1.0]
    A_ub = np.block([[np.eye(d), -np.ones((d, 1))], [-np.eye(d), -np.ones((d, 1))]])
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(2 * d), A_eq=np.r_[x, 0.0][None, :],
                  b_eq=[y], bounds=[(None, None)] * (d + 1))
    return res.fun


@pytest.mark.parametrize("x, y, wording", [
    ([2, -1, 1], 8, "Compare the value of that norm at the sign-descent limit and at the GD "
                    "limit from (a)."),
    ([1, 3, -2], 6, "Give the value of this norm at the sign-descent limit and at the GD "
                    "limit."),
])
def test_the_value_of_that_norm_at_both_limits(x, y, wording):
    text = (f"One example x = ({', '.join(map(str, x))}) with target y = {y}, loss "
            "½(xᵀw − y)², start w_0 = 0.\n\n(a) Where does gradient descent with a small "
            "step converge?\n\n(b) Among all solutions of xᵀw = y, which norm does the "
            f"sign-descent limit minimise? {wording}")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), CHECKED)
    assert solution.exit_code == 0
    xa = np.array(x, float)
    gd = float(np.max(np.abs(xa * y / (xa @ xa))))
    values = sorted(float(a.value) for p in solution.parts[1:] for a in p.answers
                    if a.quantity == "norm-of")
    np.testing.assert_allclose(values, sorted([_min_max_norm(xa, y), gd]), atol=1e-9)
    which = [a for p in solution.parts[1:] for a in p.answers if a.quantity == "which-norm"]
    assert len(which) == 1    # asked of sign descent only
