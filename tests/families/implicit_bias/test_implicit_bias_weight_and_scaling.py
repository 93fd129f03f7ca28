"""The matrix M of the quadratic form a limit minimises ('Give a diagonal M, normalised so that
M_11 = 1'), feature rescaling written as a verb ('doubles the third feature'), a replacement
('x_3 is replaced by 2x_3') or the rescaled vector ('x̃ = (x_1, 2x_2, x_3)'), a part that trains
'the same way' as the one before, X and y copied from a PDF with their entries below the names,
and 'let λ → 0. What is the limit?'. Each answer is checked here independently (numpy)."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, read_problem, read_report

X = np.array([[1, 1, 0], [0, 1, 1]], float)
Y = np.array([2, 3], float)


def _closest(W: np.ndarray, t0: np.ndarray) -> np.ndarray:
    """argmin (θ-θ0)ᵀW(θ-θ0) s.t. Xθ = y by the KKT system (numpy)."""
    K = np.block([[W, X.T], [X, np.zeros((2, 2))]])
    return np.linalg.solve(K, np.r_[W @ t0, Y])[:3]


def _solved(text: str):
    return solve_problem(read_problem(text), SolveOptions(figures=False))


WEIGHT = {
    "clean": "X = [[1, 1, 0], [0, 1, 1]], y = (2, 3), L(w) = ½‖Xw − y‖², start w₀ = 0.\n"
             "(a) Preconditioned gradient descent with P = diag(2, 1, 1): where does it converge?"
             "\n(b) The limit in (a) minimises wᵀMw over all solutions of Xw = y. Give a "
             "diagonal M (normalised so that M_11 = 1).",
    "latex": "Let $X=\\begin{bmatrix}1&1&0\\\\0&1&1\\end{bmatrix}$, $y=(2,3)^\\top$, "
             "$L(w)=\\tfrac12\\|Xw-y\\|^2$, $w_0=0$.\n(a) Preconditioned GD "
             "$w_{t+1}=w_t-\\eta P\\nabla L(w_t)$ with $P=\\mathrm{diag}(2,1,1)$. Limit?\n"
             "(b) The limit in (a) minimises a weighted norm $\\sqrt{w^\\top M w}$ among all "
             "interpolating solutions. Give $M$ with $M_{11}=1$.",
    "pdf": "Let X =\n1 1 0\n0 1 1\n\n, y =\n2\n3\n\nand L(θ) = 1\n2 kXθ − yk2\n2. Start at "
           "θ0 = 0.\n(i) Preconditioned gradient descent θt+1 = θt − ηP∇L(θt), P = diag(2, 1, 1). "
           "Compute θP∞.\n(ii) θP∞ minimises θ>Mθ among the solutions of Xθ = y for some "
           "diagonal M. Give M, normalised so that M11 = 1.",
}


@pytest.mark.parametrize("text", WEIGHT.values(), ids=WEIGHT.keys())
def test_the_weight_matrix_of_the_norm_a_limit_minimises(text):
    sol = _solved(text)
    assert sol.parts[1].verified
    M = next(a for a in sol.parts[1].answers if a.name == "weight matrix of the norm")
    want = np.linalg.inv(np.diag([2.0, 1, 1]))
    assert np.allclose(np.array(M.value, float), want / want[0, 0])
    limit = next(a for a in sol.parts[0].answers if a.quantity == "limit")
    assert np.allclose(np.array(limit.value, float), _closest(want, np.zeros(3)))


def test_a_form_centred_at_zero_from_a_nonzero_start_is_refused():
    text = ("X = [[1, 1, 0], [0, 1, 1]], y = (2, 3), L(w) = ½‖Xw − y‖², start w₀ = (1, 0, 0).\n"
            "(a) Preconditioned gradient descent with P = diag(2, 1, 1): limit?\n"
            "(b) The limit in (a) minimises wᵀMw over the solutions. Give M with M_11 = 1.")
    with pytest.raises(ReadingIncomplete, match="centred at 0"):
        read_problem(text)


def test_a_scale_on_an_off_diagonal_entry_is_refused():
    text = WEIGHT["clean"].replace("M_11 = 1", "M_12 = 1")
    assert any("diagonal entry" in line for line in read_report(text).unread())


RESCALED = [
    "(b) A colleague doubles the second feature, trains the same way from 0 on the new data "
    "and maps the weights back to the original features. Which w does she get?",
    "(b) Every x_2 is replaced by 2x_2; plain gradient descent from w_0 = 0 is run on the "
    "rescaled data and the weights are converted back to the original units. Where does "
    "it converge?",
    "(b) She replaces each input x by x̃ = (x_1, 2x_2, x_3), runs gradient descent from 0 and "
    "converts the learned weights back to the original coordinates. Which weight vector does "
    "she end up with?",
]


@pytest.mark.parametrize("question", RESCALED)
def test_a_rescaled_feature_trained_and_mapped_back(question):
    text = ("X = [[1, 1, 0], [0, 1, 1]], y = (2, 3), L(w) = ½‖Xw − y‖².\n"
            "(a) Gradient descent from w_0 = 0 with a small step: limit?\n" + question)
    sol = _solved(text).parts[1]
    assert sol.verified
    limit = next(a for a in sol.answers if a.quantity == "limit")
    # independent: GD on X S from 0 gives pinv(X S) y; mapped back w = S w̃
    S = np.diag([1.0, 2, 1])
    assert np.allclose(np.array(limit.value, float), S @ np.linalg.pinv(X @ S) @ Y)


def test_statements_of_two_different_factors_leave_the_part_refused():
    text = ("X = [[1, 1, 0], [0, 1, 1]], y = (2, 3), L(w) = ½‖Xw − y‖².\n"
            "(a) Gradient descent from w_0 = 0: limit?\n"
            "(b) She doubles the second feature (x_2 is replaced by 3x_2), runs gradient descent "
            "from 0 and maps the weights back to the original units. Where does it converge?")
    with pytest.raises(ReadingIncomplete):
        read_problem(text)


@pytest.mark.parametrize("ask", ["Now let λ → 0. What is the limit?",
                                 "Take the ridge solution w_λ = argmin L(w) + (λ/2)‖w‖² and "
                                 "send λ -> 0+. Which point is the limit?",
                                 "For ridge regression, let lambda tend to 0; what is the limit?"])
def test_the_limit_after_lambda_goes_to_zero_is_the_ridgeless_limit(ask):
    text = ("X = [[1, 1, 0], [0, 1, 1]], y = (2, 3), L(w) = ½‖Xw − y‖².\n"
            "(a) Gradient descent from w_0 = 0: limit?\n(b) Instead of GD, use ridge "
            "regression. " + ask)
    sol = _solved(text).parts[1]
    assert sol.verified
    got = next(a for a in sol.answers if a.quantity == "ridgeless-limit")
    assert np.allclose(np.array(got.value, float), np.linalg.pinv(X) @ Y)


RERUN = (
    "(b) Same thing with Nesterov momentum. Does the limit change?",
    "(b) Now the same setup but with Nesterov's accelerated gradient: does the limit change?",
    "(b) Repeat this with Nesterov momentum (mu = 0.9). Does the point it converges to change?",
)


@pytest.mark.parametrize("question", RERUN, ids=("clean", "words", "ascii"))
def test_does_the_limit_change_against_the_part_it_reruns(question):
    text = ("X = [[1, 1, 0], [0, 1, 1]], y = (2, 3), L(w) = ½‖Xw − y‖², w_0 = (1, 0, 1).\n"
            "(a) Heavy-ball momentum, v_{t+1} = mu v_t + grad L(w_t), w_{t+1} = w_t - lr v_{t+1}, "
            "mu = 0.9, v_0 = 0. Find the limit.\n" + question)
    sol = _solved(text)
    assert all(p.verified for p in sol.parts)
    differs = next(a for a in sol.parts[1].answers if a.quantity == "differs")
    assert differs.value is False     # both stay in w_0 + row(X): the same point
    t0 = np.array([1.0, 0, 1])
    limit = next(a for a in sol.parts[1].answers if a.quantity == "limit")
    assert np.allclose(np.array(limit.value, float), t0 + np.linalg.pinv(X) @ (Y - X @ t0))
