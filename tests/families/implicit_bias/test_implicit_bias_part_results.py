"""Parts that ask about the results of earlier parts without naming a method: the same iteration
rerun from another start, a question about several earlier results at once (one reading per
result, each ask going to the results its sentence names), a comparison with an earlier limit
('converge to the same point as in (a)?'), and data given both as a table and as X, y.
Expected values are computed here with numpy, independently of the solver."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

X = np.array([[1, 0, 1], [0, 1, 1]], float)
Y = np.array([2, 1], float)
W1 = np.array([1, 1, 1], float)
GD0 = np.linalg.pinv(X) @ Y                       # GD from 0: the minimum-norm solution
GD1 = W1 + np.linalg.pinv(X) @ (Y - X @ W1)       # GD from (1, 1, 1)


def _answers(text: str) -> dict[str, list]:
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    out: dict[str, list] = {}
    for p in solution.parts:
        for a in p.answers:
            out.setdefault(f"{p.label}:{a.quantity}", []).append(a.value)
    return out


RERUN = [
    "Least squares with X = [[1, 0, 1], [0, 1, 1]], y = (2, 1), loss ½‖Xw − y‖², small step.\n\n"
    "(a) Gradient descent from w₀ = 0. Where does it converge?\n\n"
    "(b) Same iteration, but initialised at w₀ = (1, 1, 1). Find the limit.\n\n",
    "$X = \\begin{pmatrix}1&0&1\\\\0&1&1\\end{pmatrix}$, $y = (2,1)^\\top$, "
    "$L(\\theta)=\\frac12\\|X\\theta-y\\|^2$.\n\n"
    "(a) Run gradient descent from $\\theta_0 = 0$. What is $\\theta_\\infty$?\n\n"
    "(b) The same method, now started at $\\theta_0 = (1,1,1)^\\top$: where does it end up?\n\n",
    "X = [1 0 1; 0 1 1], y = [2; 1], L(w) = 0.5*||Xw - y||^2\n\n"
    "1) plain GD, w0 = 0, small lr -> limit?\n\n"
    "2) again the same algorithm, but with w0 = [1, 1, 1]. Limit?\n\n",
]


@pytest.mark.parametrize("text", RERUN)
def test_the_same_iteration_from_another_start(text):
    limits = [v for k, v in _answers(text).items() if k.endswith(":limit")]
    assert np.allclose(np.array(limits[0][0], float), GD0)
    assert np.allclose(np.array(limits[1][0], float), GD1)


@pytest.mark.parametrize("ask", [
    "(c) Is the limit in (b) the minimum-norm solution? Compute the Euclidean distance between "
    "the limits of (a) and (b).",
    "(c) Compute the Euclidean distance between the limits of (a) and (b). Is the limit in (b) "
    "the minimum-norm solution?",
])
def test_a_distance_beside_a_question_about_one_of_its_parts(ask):
    got = _answers(RERUN[0] + ask)
    assert got["c:is-min-norm"] == [False]        # (b) starts off the row space: not min-norm
    assert abs(float(got["c:distance"][0]) - np.linalg.norm(GD0 - GD1)) < 1e-9


SEVERAL = [
    "(c) Does the vector from (b) have the smallest Euclidean norm among all w with Xw = y? "
    "Give ‖w‖₂² for (a) and for (b).",
    "(c) Compute the Euclidean norm of the limit from (b), and compare it with the norm of the "
    "point from (a).",
    "(c) What are the Euclidean norms of the limits of (a) and (b)?",
]


@pytest.mark.parametrize("ask", SEVERAL)
def test_one_reading_per_earlier_result(ask):
    got = _answers(RERUN[0] + ask)
    squared = "²" in ask
    norms = {k: float(v[0]) for k, v in got.items() if k.endswith(":norm-value")}
    want = sorted(float(np.linalg.norm(v)) ** (2 if squared else 1) for v in (GD0, GD1))
    assert sorted(norms.values()) == pytest.approx(want, abs=1e-9)
    if "smallest" in ask:     # asked of (b) only
        assert [k for k in got if k.endswith(":is-min-norm")] == ["c.1:is-min-norm"]
        assert got["c.1:is-min-norm"] == [False]


@pytest.mark.parametrize("ask", [
    "(c) Does gradient descent from w₀ = 0 converge to the same point as in (b)?",
    "(c) Plain GD from the origin: does it end up at the same limit as (b)? Yes or no.",
    "(c) Would GD started at w_0 = 0 reach the same solution as in part (b)?",
])
def test_converging_to_the_same_point_as_another_part(ask):
    got = _answers(RERUN[0] + ask)
    assert got["c:same-as"] == [False]


def test_a_table_restated_as_x_and_y_uses_every_number():
    text = ("Two samples in a table\n\n| | x_1 | x_2 | x_3 | y |\n|---|---|---|---|---|\n| row 1 | 1 | 0 | 1 | 2 |\n"
            "| row 2 | 0 | 1 | 1 | 1 |\n\nSo X = [[1, 0, 1], [0, 1, 1]] and y = (2, 1), "
            "loss ½‖Xw − y‖².\n\n(a) Gradient descent from w_0 = 0: where does it converge?\n")
    reading = read_report(text)
    assert reading.complete and not reading.unused, reading.unread()


def test_a_table_and_different_named_data_is_not_silently_mixed():
    text = ("Two samples in a table\n\n| | x_1 | x_2 | x_3 | y |\n|---|---|---|---|---|\n"
            "| row 1 | 1 | 0 | 1 | 2 |\n| row 2 | 0 | 1 | 1 | 1 |\n"
            "\nX = [[1, 1, 0], [0, 1, 1]] and y = (2, 1), loss ½‖Xw − y‖².\n\n"
            "(a) Gradient descent from w_0 = 0: where does it converge?\n")
    reading = read_report(text)
    assert not reading.complete


RIDGE_FIRST = [
    "X = [[1, 0, 1], [0, 1, 1]], y = (2, 1), L(θ) = ½‖Xθ − y‖².\n\n"
    "(a) For λ > 0 let θλ = arg min L(θ) + (λ/2)‖θ‖². Compute limλ→0+ θλ.\n\n"
    "(b) Gradient descent from θ0 = (1, 1, 1). Find the limit θ∞ and its Euclidean distance to "
    "the point from (a).\n\n(c) Heavy-ball momentum β = 0.5 from θ0 = 0. Is it the same point as "
    "in (a)?",
    "$X=\\begin{pmatrix}1&0&1\\\\0&1&1\\end{pmatrix}$, $y=(2,1)^\\top$, "
    "$L(w)=\\tfrac12\\|Xw-y\\|^2$.\n\n"
    "(a) Ridge: $w_\\lambda=\\arg\\min_w L(w)+\\tfrac{\\lambda}{2}\\|w\\|^2$. Find "
    "$\\lim_{\\lambda\\to0^+} w_\\lambda$.\n\n"
    "(b) Plain GD from $w_0=(1,1,1)^\\top$: give $w_\\infty$ and the distance from the limit of "
    "(a).\n\n"
    "(c) Momentum $\\beta=0.5$ from $w_0=0$: is the limit the same point as in (a)?",
    "X = [1 0 1; 0 1 1], y = [2; 1], loss 0.5*||Xw - y||^2\n\n"
    "1) ridge w_lam = argmin loss + (lam/2)||w||^2, limlam->0 w_lam = ?\n\n"
    "2) GD from w0 = [1, 1, 1]. What is w_inf, and its distance to the solution from (1)?\n\n"
    "3) heavy ball, beta = 0.5, from w0 = 0. Is that the same point as (1)?",
]


@pytest.mark.parametrize("index", range(len(RIDGE_FIRST)))
def test_distance_to_an_earlier_part_and_same_point(index):
    """(b) measures its limit against (a)'s; (c) compares its limit with (a)'s."""
    got = _answers(RIDGE_FIRST[index])
    b, c = sorted({k.split(":")[0] for k in got})[1:3]
    assert np.allclose(np.array(got[f"{b}:limit"][0], float), GD1)
    assert abs(float(got[f"{b}:distance"][0]) - np.linalg.norm(GD1 - GD0)) < 1e-9
    assert got[f"{c}:same-as"] == [True]


A = np.array([4.0, 2.0, 1.0])
B = 21.0


@pytest.mark.parametrize("scaling", [
    "A colleague rescales the inputs: each feature a_i is divided by s_i = |a_i|, so the rescaled "
    "example is (1, 1, 1). She runs plain gradient descent from zero on the rescaled problem and "
    "then converts the learned weights back to the original features. Which θ does she report?",
    "Each input is divided by its absolute value before training; run gradient descent from 0 "
    "on the rescaled data, then map the weights back to the original units. Limit?",
    "each coordinate x_i gets divided by c_i = | a_i | ; GD from zero; the weights are "
    "translated back to the original scale. where does it converge?",
])
def test_each_feature_divided_by_its_magnitude(scaling):
    text = ("Implicit bias of rescaling\n\nOne example a = (4, 2, 1), b = 21, loss ½(aᵀθ − b)².\n\n(a) "
            + scaling + "\n")
    got = _answers(text)
    s = np.abs(A)                                   # GD on a/s from 0, mapped back: θ = w/s
    w = (A / s) * B / np.dot(A / s, A / s)
    assert np.allclose(np.array(got["a:limit"][0], float), w / s)


@pytest.mark.parametrize("text", [
    "Toy problem\n\nOne training point, three weights: f(θ) = (2 − 4θ₁ + θ₂ − 0.5θ₃)² i.e. the "
    "equation 4θ₁ − θ₂ + 0.5θ₃ = 2. Everything starts at θ = 0.\n\n"
    "1) Where does plain gradient descent (small step) converge?",
    "Toy problem\n\nL(w) = (1 - w_1 - 2w_2)^2 (that is, the single equation w_1 + 2w_2 = 1), "
    "three... no, two weights. Start at w = 0.\n\n(a) gradient descent: limit?",
    "Toy problem\n\nWe fit $f(\\theta) = (3 - \\theta_1 + \\theta_2)^2$, i.e. "
    "$\\theta_1 - \\theta_2 = 3$, with SGD (one example sampled at each step) from "
    "$\\theta_0 = 0$.\n\n(a) To which point does it converge?",
])
def test_a_loss_restated_as_its_equation(text):
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    part = reading.parts[0]
    a = np.array(part.value("a") if part.value("a") is not None else part.value("X")[0], float)
    b = float(part.value("b") if part.value("b") is not None else part.value("y")[0])
    want = a * b / a.dot(a)          # GD from 0 on one equation: the minimum-norm point
    got = [p for p in solution.parts[0].answers if p.quantity == "limit"][0]
    assert np.allclose(np.array(got.value, float), want)


def test_a_loss_and_an_equation_that_disagree_are_refused():
    text = ("Toy problem\n\nf(θ) = (3 − θ₁ + θ₂)², i.e. θ₁ − θ₂ = −3, gradient descent from "
            "θ = 0.\n\n(a) To which point does it converge?")
    assert not read_report(text).complete
