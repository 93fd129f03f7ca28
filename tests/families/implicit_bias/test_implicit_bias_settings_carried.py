"""Settings stated once: a start stated in an earlier part (or in the part a question names)
carries to a later part that states none; a preconditioner named by another letter in the
update formula (``θ − η D^-1 ∇L``, ``D = diag(..)``) is the method's P. Each on phrasings
written for these tests, and the limits checked against an independent KKT solve."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

A = np.array([[1.0, 1.0, 1.0]])
B = np.array([3.0])


def _closest(W: np.ndarray, theta0: np.ndarray) -> np.ndarray:
    """argmin (θ − θ0)ᵀW(θ − θ0) s.t. Aθ = b (KKT, numpy), independently of the solver."""
    K = np.block([[W, A.T], [A, np.zeros((1, 1))]])
    return np.linalg.solve(K, np.r_[W @ theta0, B])[:3]


def _limits(text: str) -> list[np.ndarray]:
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    return [np.array([float(v) for v in a.value]) for p in solution.parts for a in p.answers
            if a.quantity == "limit"]


PRECONDITIONED = [
    "One equation a^T θ = b with a = [1, 1, 1], b = 3, loss L(θ) = ½(a^T θ − b)^2. The method "
    "θ_k+1 = θ_k − lr · D^-1 ∇L(θ_k) with D = diag(1, 2, 4) (a frozen preconditioner).\n\n"
    "(a) Start from θ_0 = 0. Where does it converge?",
    "We solve $a^\\top\\theta = b$, $a = (1,1,1)^\\top$, $b = 3$, by minimising "
    "$\\frac12(a^\\top\\theta-b)^2$ with a preconditioned step "
    "$\\theta_{t+1} = \\theta_t - \\eta\\, D^{-1}\\nabla L(\\theta_t)$, $D = \\mathrm{diag}(1, 2, 4)$.\n\n"
    "(a) From $\\theta_0 = 0$, find the limit.",
    "a = [1 1 1], b = 3, L(theta) = 0.5*(a^T theta - b)^2. preconditioner: "
    "theta <- theta - lr * D^-1 * grad L(theta), D = diag(1, 2, 4).\n\n"
    "(a) start at theta_0 = [0, 0, 0]. where does it converge?",
]


@pytest.mark.parametrize("text", PRECONDITIONED)
def test_a_preconditioner_named_by_its_role_is_inverted(text):
    reading = read_report(text)
    assert reading.complete, reading.unread()
    method = reading.parts[0].value("method")
    assert [Fraction(str(v)) for v in method["P"]] == [1, Fraction(1, 2), Fraction(1, 4)]
    got = _limits(text)[0]
    assert np.allclose(got, _closest(np.diag([1.0, 2.0, 4.0]), np.zeros(3)), atol=1e-9)


def test_the_inverse_of_a_full_matrix_is_refused():
    reading = read_report(
        "a = [1, 1], b = 3, L(θ) = ½(a^T θ − b)^2, update θ_k+1 = θ_k − lr · D^-1 ∇L(θ_k) with "
        "D = [[2, 1], [1, 2]], a frozen preconditioner. (a) From θ_0 = 0, where does it converge?")
    assert not reading.complete
    assert any("D^-1" in line for line in reading.unread())


CARRIED = [
    # the start of the part the question names
    ("(a) Plain GD from θ_0 = (1, -1, 0). Limit?\n"
     "(b) Preconditioned GD with P = diag(1, 2, 4), from the start in (a). Where does it end?",
     [1, -1, 0]),
    # every earlier part agrees on one start
    ("(a) Gradient descent, started at θ_0 = [2, 0, 0]: where does it converge?\n"
     "(b) Now heavy-ball momentum with β = 0.5. Where does it converge?", [2, 0, 0]),
    ("(a) run gd from theta_0 = (0, 3, 0), where does it go?\n"
     "(b) and nesterov with momentum 0.9, what's its limit?", [0, 3, 0]),
]


@pytest.mark.parametrize("body, start", CARRIED)
def test_a_start_stated_earlier_carries_to_a_later_part(body, start):
    text = "Least squares a = [1, 1, 1], b = 3, loss ½(aᵀθ − b)².\n\n" + body
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert reading.parts[1].value("theta0") == start
    limits = _limits(text)
    weight = np.eye(3) if "P =" not in body else np.diag([1.0, 0.5, 0.25])   # W = P^-1
    assert np.allclose(limits[-1], _closest(weight, np.array(start, float)))


@pytest.mark.parametrize("body", [
    "(a) GD from θ_0 = 0: limit?\n(b) GD from θ_0 = (1, 2, 0): limit?\n"
    "(c) Heavy ball with β = 0.5: where does it converge?",
    "(a) start GD at θ_0 = (1, 0, 0). Limit?\n(b) start GD at θ_0 = (0, 0, 1). Limit?\n"
    "(c) Nesterov with momentum 0.9. Limit?",
])
def test_two_different_earlier_starts_carry_nothing(body):
    reading = read_report("Least squares a = [1, 1, 1], b = 3, loss ½(aᵀθ − b)².\n\n" + body)
    assert not reading.complete
    assert any("start is not stated" in line for line in reading.unread())


ADAM_LIKE = [
    "(a) Consider this Adam-like method from θ_0 = 0: at the start of each epoch (one example, "
    "so each step) form the diagonal matrix M with M_jj = 1/√(mean of the squared j-th "
    "gradient coordinate over the epoch), then step θ ← θ − α_t M ∇ℓ(θ). Give the limit.",
    "(a) An Adam-style variant, started at $\\theta_0 = 0$: each epoch it sets the diagonal "
    "$M_{jj} = 1/\\sqrt{\\text{mean of the squared } j\\text{-th gradient coordinate}}$ and "
    "updates $\\theta \\leftarrow \\theta - \\alpha_t M\\nabla\\ell(\\theta)$. Where does it converge?",
    "(a) adam-like thing from theta_0 = 0: every epoch the diagonal preconditioner is "
    "1/sqrt(mean of squared gradient coordinate j over the epoch), then theta <- theta - lr M grad. "
    "where does it converge?",
]


@pytest.mark.parametrize("part", ADAM_LIKE)
def test_an_adam_like_method_defined_in_the_part_is_read(part):
    a, b = np.array([1.0, 1.0, 2.0]), 4.0
    text = "One example gives aᵀθ = b with a = (1, 1, 2), b = 4; loss ℓ(θ) = ½(aᵀθ − b)².\n\n" + part
    limits = _limits(text)
    # one example: M∇ℓ = sign(r)·sign(a), so θ moves along sign(a) until aᵀθ = b
    want = np.sign(a) * b / np.abs(a).sum()
    assert np.allclose(limits[0], want, atol=1e-6)


SAME_P = [
    "(b) Same P, but start from θ_0 = (1, 0, 0). Limit?",
    "(b) With the same preconditioner, start at $\\theta_0 = (1, 0, 0)^\\top$. Where does it "
    "converge?",
    "(b) preconditioned GD again (same P), from theta_0 = [1, 0, 0]: limit?",
]
FIRST_P = ("Least squares a = [1, 1, 1], b = 3, loss ½(aᵀθ − b)².\n\n(a) Preconditioned GD with "
           "P = diag(1, 2, 4) from θ_0 = 0. Where does it converge?\n")


@pytest.mark.parametrize("follow", SAME_P)
def test_the_same_preconditioner_is_the_earlier_one(follow):
    limits = _limits(FIRST_P + follow)
    assert np.allclose(limits[-1], _closest(np.diag([1.0, 0.5, 0.25]), np.array([1.0, 0, 0])))


def test_the_same_preconditioner_after_two_different_ones_is_refused():
    text = (FIRST_P + "(b) Preconditioned GD with P = diag(4, 2, 1) from θ_0 = 0. Limit?\n"
            "(c) With the same preconditioner, start at θ_0 = (1, 0, 0). Limit?")
    assert not read_report(text).complete


def test_a_preconditioner_named_without_its_matrix_and_no_reference_is_refused():
    assert not read_report(FIRST_P + "(b) Preconditioned GD from θ_0 = (1, 0, 0). Limit?").complete


@pytest.mark.parametrize("follow", [
    "(b) Heavy ball with β = 0.5 from a random initialisation. Where does it converge?",
    "(b) Now start Nesterov (momentum 0.9) somewhere else. Limit?",
    "(b) heavy ball, β = 0.5, started from a different point: where does it converge?",
])
def test_a_start_mentioned_but_not_given_is_not_carried(follow):
    text = ("Least squares a = [1, 1, 1], b = 3, loss ½(aᵀθ − b)².\n\n(a) Gradient descent from "
            "θ_0 = (2, 0, 0). Limit?\n" + follow)
    assert not read_report(text).complete
