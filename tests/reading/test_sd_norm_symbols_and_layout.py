"""Steepest-descent reading of PDF copies and norms named twice: the nuclear norm written
‖Δ‖_∗ (the asterisk operator) beside its name, a norm asked of the step an earlier part found
(a length to report, not the step's norm), a matrix a PDF printed as bare stacked rows, and the
sizes of a matrix space (R2×2) as structure. Phrasings are our own, in several styles; values
are checked independently (numpy)."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.core.mathparse import try_parse_math
from optiproof.reading.normalize import normalize

from test_reading_steepest_descent import _answers, _complete

G = np.array([[3.0, 1.0], [1.0, 3.0]])


def _num(expr: str) -> float:
    return float(try_parse_math(expr))


# -- ‖Δ‖_∗ beside "nuclear" ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Let G = [[3, 1], [1, 3]] and η = 0.1. Find Δ minimising ⟨G, Δ⟩ subject to the nuclear norm "
    "‖Δ‖_∗ ≤ η, and the optimal value.",
    "G = [[3, 1], [1, 3]], eta = 0.1.\n(a) Minimise <G, D> s.t. ||D||_op <= eta; give D and the "
    "optimal value.\n(b) Repeat (a) with the nuclear norm ‖D‖_∗ ≤ η in place of the spectral norm.",
    r"Let $G = \begin{pmatrix}3&1\\1&3\end{pmatrix}$ and $\eta = 0.1$. Under the nuclear-norm "
    "ball ‖Δ‖_∗ ≤ η, find the Δ minimising ⟨G, Δ⟩ and the minimum value.",
])
def test_the_asterisk_operator_index_is_the_nuclear_norm(text):
    parts = _complete(text).parts
    assert parts[-1].value("norm") == "nuclear"
    got = _answers(text)
    sigma = np.linalg.svd(G, compute_uv=False)
    assert _num(got["min-value"][-1]) == pytest.approx(-0.1 * sigma.max())


# -- a norm asked of an earlier part's step ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "Let G = [[3, 1], [1, 3]] and η = 0.1.\n(a) Find Δ minimising ⟨G, Δ⟩ subject to ‖Δ‖_op ≤ η.\n"
    "Give Δ.\n(b) What is the Frobenius norm ‖Δ‖_F of the step you found in (a)?",
    "G = [[3, 1], [1, 3]], eta = 0.1\n1) Solve min <G, D> s.t. ||D||_op <= eta and give D.\n"
    "2) What is the "
    "Frobenius norm ||D||_F of the step from (1)?",
    "Let G = [[3, 1], [1, 3]] and η = 0.1.\n(i) In the spectral norm, find the update Δ minimising "
    "⟨G, Δ⟩ s.t. ‖Δ‖_op ≤ η.\n(ii) Compute the Frobenius norm (‖Δ‖_F) of the update we obtained "
    "in (i).",
])
def test_a_norm_of_an_earlier_step_is_a_length_not_the_steps_norm(text):
    parts = _complete(text).parts
    assert [p.value("norm") for p in parts] == ["spectral", "spectral"]
    got = _answers(text)
    u, _s, vt = np.linalg.svd(G)
    step = -0.1 * u @ vt   # the spectral-norm step: -η U Vᵀ
    assert _num(got["step-length"][-1]) == pytest.approx(np.linalg.norm(step, "fro"))


# -- a matrix printed as bare stacked rows ----------------------------------------------------

@pytest.mark.parametrize("raw, want", [
    ("suppose the gradient is\n      G = 3 1\n          1 3\nand η = 0.1.", "G = [[3, 1], [1, 3]]"),
    ("Let\n   A = 2 0 1\n       0 2 1\nbe given.", "A = [[2, 0, 1], [0, 2, 1]]"),
    ("the gradient G = -1 2.5\n                 4 0\n", "G = [[-1, 2.5], [4, 0]]"),
])
def test_stacked_rows_under_a_name_are_a_matrix(raw, want):
    assert want in normalize(raw).text


@pytest.mark.parametrize("raw", [
    "G = 3 1\nwas printed on page\n1 3",          # text between the rows
    "G = 3 1\n                     1 3",          # not aligned under the first row
    "G = 3 1 2\n    1 3",                          # rows of different lengths
])
def test_rows_that_do_not_line_up_are_left_as_written(raw):
    assert "[[" not in normalize(raw).text


def test_a_matrix_space_size_is_structure():
    text = ("Let G = [[3, 1], [1, 3]] and α = 0.1. Find the minimiser of ⟨G, Δ⟩ + (1/α)‖Δ‖_op^2 "
            "over all Δ ∈ R2×2, and the optimal value.")
    reading = _complete(text)
    assert not reading.unused
    got = _answers(text)
    sigma = np.linalg.svd(G, compute_uv=False)
    assert _num(got["min-value"][0]) == pytest.approx(-0.1 * sigma.sum() ** 2 / 4)


# -- "instead of the constraint, the un-squared penalty" ----------------------------------------

@pytest.mark.parametrize("text", [
    "Let g = (1, -2, 2) and η = 0.01.\n(a) Solve min gᵀd s.t. ‖d‖_∞ ≤ η and give the minimiser.\n"
    "(b) Instead of the constraint, consider the un-squared penalty: minimise gᵀd + (1/α)‖d‖_∞. "
    "Find the threshold α* such that d = 0 is the unique minimiser for every α < α*.",
    "g = (1, -2, 2), eta = 0.01\n1) min g^T d subject to ||d||_inf <= eta: give d.\n2) Instead "
    "of the constraint, use the non-squared penalty g^T d + (1/alpha) ||d||_inf. For which alpha "
    "is d = 0 the unique minimiser?",
    r"Let $g = (1,-2,2)$ and $\eta = 0.01$." "\n(i) Find the minimiser of $g^\\top d$ subject to "
    r"$\|d\|_\infty \le \eta$." "\n(ii) Instead of the constraint, take the unsquared penalty "
    r"$g^\top d + \frac{1}{\alpha}\|d\|_\infty$ and give the threshold $\alpha^*$ below which "
    "d = 0 is the unique minimiser.",
])
def test_a_penalty_instead_of_the_constraint_is_the_parts_form(text):
    parts = _complete(text).parts
    assert [p.value("form") for p in parts] == ["constraint", "penalty"]
    got = _answers(text)
    assert _num(got["threshold"][0]) == pytest.approx(1 / np.abs([1, -2, 2]).sum())


# -- the step named with its parameter, the dual norm's subject, the conjugate of a named p ----

SHARED_STEP = [
    "The gradient is g = (0.5, -3, 1, 2) and u(α) = argmin_d gᵀd + (1/α)‖d‖_∞^2.\n(a) Which norm "
    "is the dual norm of ‖·‖_∞? What is the Hölder conjugate q of p = 4 (so that ‖·‖_q is dual "
    "to ‖·‖_4)?\n(b) Compute u(α) for α = 2.\n(c) What is the optimal value gᵀu + (1/α)‖u‖_∞^2 "
    "for the step in (b)?",
    "g = (0.5, -3, 1, 2); define u(alpha) = argmin_d g^T d + (1/alpha) ||d||_inf^2\n1) Name the "
    "dual norm of ||.||_inf, and give the Hölder conjugate of p = 4.\n2) Compute u(alpha) for "
    "alpha = 2.\n3) What is the optimal value g^T u + (1/alpha) ||u||_inf^2 for the step from (2)?",
    r"Let $g = (0.5, -3, 1, 2)$ and $u(\alpha) = \arg\min_d g^\top d + \frac{1}{\alpha}\|d\|_\infty^2$."
    "\n(i) Which norm is dual to $\\|\\cdot\\|_\\infty$? What is the conjugate exponent q of "
    "p = 4?\n(ii) Give $u(\\alpha)$ for $\\alpha = 2$.\n(iii) What is the optimal value "
    r"$g^\top u + \frac{1}{\alpha}\|u\|_\infty^2$ for the step in (ii)?",
]


@pytest.mark.parametrize("text", SHARED_STEP)
def test_a_step_named_with_its_parameter_and_the_asides_of_a_dual_question(text):
    parts = _complete(text).parts
    assert [p.value("norm") for p in parts] == ["linf"] * 3
    assert parts[2].value("alpha") == 2
    got = _answers(text)
    g = np.array([0.5, -3, 1, 2])
    assert _num(got["holder-conjugate"][0]) == pytest.approx(4 / 3)
    l1 = np.abs(g).sum()
    written = got["update"][0].removeprefix("Matrix(").removesuffix(")")
    update = np.array(try_parse_math(written).tolist(), dtype=float).ravel()
    assert list(update) == pytest.approx(list(-2 / 2 * l1 * np.sign(g)))
    assert _num(got["min-value"][-1]) == pytest.approx(-2 * l1 ** 2 / 4)


# -- a forum post: the update's general name, the minimiser "there", the asker's guess ---------

WEIGHTED = [
    "Weighted norm ‖d‖_D = √(dᵀDd) with D = diag(2, 1, 0.5), gradient g = (4, −2, 1), α = 0.5 "
    "and u = argmin_d gᵀd + (1/α)‖d‖_D² (squared penalty). My u looks like signSGD, weird. What "
    "is u, and what is this kind of update called in general?",
    "g = (4, -2, 1), D = diag(2, 1, 0.5), alpha = 0.5, u = argmin_d g^T d + (1/alpha) "
    "||d||_D^2. I think it's signSGD, not sure. Give u and the name of the update rule.",
    "Setup: gradient $g = (4, -2, 1)$, $D = \\mathrm{diag}(2, 1, 0.5)$, $\\alpha = 0.5$, and "
    "$u = \\arg\\min_d g^\\top d + \\frac{1}{\\alpha}\\|d\\|_D^2$. It seems like sign descent to "
    "me. What is $u$, and what is this type of method called?",
]


@pytest.mark.parametrize("text", WEIGHTED)
def test_the_general_name_of_a_weighted_step_beside_the_askers_guess(text):
    reading = _complete(text)
    assert not reading.unused
    got = _answers(text)
    g, d = np.array([4.0, -2.0, 1.0]), np.array([2.0, 1.0, 0.5])
    written = got["update"][0].removeprefix("Matrix(").removesuffix(")")
    update = np.array(try_parse_math(written).tolist(), dtype=float).ravel()
    assert list(update) == pytest.approx(list(-0.5 / 2 * g / d))
    assert "preconditioned" in " ".join(str(x) for x in got["identification"]).lower()


@pytest.mark.parametrize("text", [
    "g = (4, -2, 1), D = diag(2, 1, 0.5). Now the constrained version: min gᵀd subject to "
    "‖d‖_D ≤ 1. What's the minimizer there and what's the minimum value?",
    "Let g = (4, -2, 1) and D = diag(2, 1, 0.5). Constrained: min g^T d s.t. ||d||_D <= 1. "
    "What is the minimiser here, and the minimum value?",
    "With $g = (4,-2,1)$ and $D = \\mathrm{diag}(2,1,0.5)$, take $\\min_d g^\\top d$ subject to "
    "$\\|d\\|_D \\le 1$. What's the minimizer in that case, and the minimum value?",
])
def test_the_minimiser_there_is_the_step(text):
    got = _answers(text)
    g, d = np.array([4.0, -2.0, 1.0]), np.array([2.0, 1.0, 0.5])
    assert _num(got["min-value"][0]) == pytest.approx(-np.sqrt(g @ (g / d)))
