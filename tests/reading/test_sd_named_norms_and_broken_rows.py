"""Steepest-descent reading: a generic 'ℓ_p' beside the concrete ‖·‖_3 names the norm's family,
a clause choosing the part's norm ("Now use the nuclear norm instead") is a setting, steps named
by norm indices ('u∞', 'D^*op') or by parts ('u_1 from part 1,'), 'the Frobenius inner product'
is no norm, 'steps of the form found in (a)' take (a)'s norm, 'write out d^*' asks the step;
and matrices a PDF copy broke over lines with their brackets kept. Phrasings are our own, in
several styles; values are checked independently (numpy)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from optiproof.reading import read_report
from optiproof.reading.normalize import normalize

from test_reading_steepest_descent import _answers, _complete


def _num(expr: str) -> np.ndarray:
    return np.array(sympy.Matrix(sympy.sympify(expr)).evalf(), dtype=float) \
        if "[" in expr else np.array(float(sympy.sympify(expr)))


def _lp_step(g: np.ndarray, p: float, eta: float) -> np.ndarray:
    q = p / (p - 1)
    s = np.sign(g) * np.abs(g) ** (q - 1)
    return -eta * s / np.linalg.norm(s, p)


# -- a generic ℓ_p beside the concrete norm ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "Let g = (9, -16, 25) and η = 0.5. Consider the step under an ℓ_p trust region with p = 3: "
    "d* = argmin_d gᵀd s.t. ‖d‖_3 ≤ η.\n(a) Give d*.",
    "g = [9, -16, 25], eta = 0.5. Let ||.|| = ||.||_3 (the l_p norm with p = 3).\n1) Find the "
    "minimiser d of g^T d subject to ||d|| <= eta.",
    "$g = (9, -16, 25)^\\top$, $\\eta = 0.5$. In the $\\ell_p$ family take $\\|d\\|_3 \\le \\eta$ "
    "and minimise $g^\\top d$.\n(a) What is the minimiser?",
])
def test_a_generic_lp_beside_the_concrete_norm_names_its_family(text):
    parts = _complete(text).parts
    assert [p.value("norm") for p in parts] == [{"name": "lp", "p": 3}]
    got = _answers(text)
    want = _lp_step(np.array([9.0, -16.0, 25.0]), 3, 0.5)
    assert _num(got["update"][0]).ravel() == pytest.approx(want, rel=1e-6)


# -- a clause choosing the part's norm is a setting --------------------------------------------

@pytest.mark.parametrize("text, norm", [
    ("Let G = [[1, 3], [3, 1]] be the gradient and consider min ⟨G, D⟩ s.t. ‖D‖ ≤ η.\n(a) Take "
     "the spectral norm and give the minimiser.\n(b) Now use the Frobenius norm instead, "
     "‖D‖_F ≤ η, and give the minimiser.", "frobenius"),
    ("G = [[1, 3], [3, 1]]; minimise <G, D> subject to ||D|| <= eta.\n(a) Spectral norm: find D.\n"
     "(b) Now use the nuclear norm ||D||_* <= eta (sum of singular values) and give the "
     "minimiser.", "nuclear"),
    ("Gradient $G = [[1, 3], [3, 1]]$, problem $\\min \\langle G, D\\rangle$ s.t. $\\|D\\| \\le "
     "\\eta$.\n(a) With the spectral norm, find $D^*$.\n(b) Then switch to the Frobenius norm "
     "and find the minimiser.", "frobenius"),
])
def test_a_clause_choosing_the_norm_is_a_setting(text, norm):
    parts = _complete(text).parts
    assert parts[-1].value("norm") == norm
    got = _answers(text)
    G = np.array([[1.0, 3.0], [3.0, 1.0]])
    u, s, vt = np.linalg.svd(G)
    want = -G / np.linalg.norm(G) if norm == "frobenius" else -np.outer(u[:, 0], vt[0])
    eta = sympy.Symbol("eta")
    last = sympy.Matrix(sympy.sympify(got["update"][-1].replace("\\eta", "eta"))).subs(eta, 1)
    assert np.array(last.evalf(), dtype=float) == pytest.approx(want, rel=1e-6)


# -- steps named by norm indices or by parts ---------------------------------------------------

@pytest.mark.parametrize("text, want", [
    ("Let g = (3, -1, 2, -4) and u = argmin_d gᵀd + (1/α)‖d‖².\n(a) Take ‖·‖ = ‖·‖∞. Compute u.\n"
     "(b) Take ‖·‖ = ‖·‖₁. Compute u.\n(c) Let u∞ and u_1 denote the updates from (a) and (b). "
     "Compute the ratio ‖u∞‖_2 / ‖u_1‖_2.", 5.0),
    ("g = [2, -6, 3], u = argmin_d g^T d + (1/alpha) ||d||^2.\n1) Take ||.|| = ||.||_2. Give u.\n"
     "2) Take ||.|| = ||.||_1. Give u.\n3) Compute ||u_2||_2 / ||u_1||_2 (u_1 from part 1, u_2 "
     "from part 2).", 6 / 7),
    ("g = (2, -6, 3); u = argmin_d gᵀd + (1/α)‖d‖².\n1. With ‖·‖_2, find u.\n2. With ‖·‖_1, "
     "find u.\n3. What is ‖u_2‖_2 / ‖u_1‖_2, where u_1 is the answer of part 1, u_2 of part 2?",
     6 / 7),
])
def test_steps_named_by_norm_index_or_by_part_give_the_ratio(text, want):
    got = _answers(text)
    assert float(sympy.sympify(got["compare"][-1])) == pytest.approx(want)


# -- 'Frobenius inner product' is no norm; 'steps of the form found in (a)' ----------------------

@pytest.mark.parametrize("text", [
    "Let G = [[1, 2], [2, 1]] and ⟨G, D⟩ = tr(GᵀD) the Frobenius inner product. Solve min ⟨G, D⟩ "
    "s.t. ‖D‖ ≤ η.\n(a) Take the spectral norm and find D*.\n(b) Which optimizer takes steps of "
    "the form found in (a)?",
    "G = [[1, 2], [2, 1]], with the Frobenius product <G, D> = tr(G^T D); minimise <G, D> s.t. "
    "||D||_op <= eta.\n(a) Find D*.\n(b) Which recently proposed optimizer takes updates of the "
    "kind found in (a)?",
    "Gradient $G = [[1, 2], [2, 1]]$; inner product: Frobenius inner product. Problem: minimise "
    "$\\langle G, D\\rangle$ s.t. $\\|D\\|_{op} \\le \\eta$.\n(a) Give the minimiser.\n(b) Name "
    "the optimizer whose steps are of the form found in (a).",
])
def test_frobenius_inner_product_is_no_norm_and_a_later_part_takes_the_referenced_norm(text):
    parts = _complete(text).parts
    assert [p.value("norm") for p in parts] == ["spectral", "spectral"]


# -- 'write out d^*' asks the step -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Let g = (1, -2, 2) and d* = argmin gᵀd s.t. ‖d‖_∞ ≤ η.\n(a) For η = 0.1, write out d^* "
    "numerically and give the optimal value.",
    "g = [1, -2, 2]; d = argmin_d g^T d s.t. ||d||_inf <= eta. With eta = 0.1 write down d^* and "
    "the optimal value.",
    "$g = (1, -2, 2)$, $\\|d\\|_\\infty \\le \\eta$, minimise $g^\\top d$. (a) Take $\\eta = 0.1$: "
    "write out $d^*$ and give the optimal value $g^\\top d^*$.",
])
def test_write_out_a_symbol_asks_it(text):
    got = _answers(text)
    assert _num(got["update"][0]).ravel() == pytest.approx([-0.1, 0.1, -0.1])
    assert float(sympy.sympify(got["min-value"][0])) == pytest.approx(-0.5)


# -- matrices broken over lines with their brackets kept ----------------------------------------

@pytest.mark.parametrize("raw, want", [
    ("the gradient is\n\n          G = ∇W L = [ 1 2\n                       2 1 ] .\n",
     "G = ∇W L = [[1, 2], [2, 1]] ."),
    ("Let\n    H = [ 3  1 ]        b = [ 1 ]\n        [ 1  3 ] ,          [ 1 ] .\n",
     "H = [[3, 1], [1, 3]] , b = [1, 1] ."),
    ("with\n  A = [ 2 0 -1\n        0 2  1\n        1 1  4 ]\nand step 0.1",
     "A = [[2, 0, -1], [0, 2, 1], [1, 1, 4]]"),
    ("Q = [ 4 1 ]\n    [ 1 2 ]\nis the Hessian.", "Q = [[4, 1], [1, 2]]"),
])
def test_rows_broken_over_lines_in_brackets_are_a_matrix(raw, want):
    assert want in normalize(raw).text


@pytest.mark.parametrize("raw", [
    "H = [ 3 1 ]\n                  [ 1 3 ]",        # the second row is not under the first
    "H = [ 3 1 ]\nand later\n[ 1 3 ]",             # text between the rows
    "G = [ 1 2\n      2 1 0 ]",                      # rows of different lengths
    "H = [ 3 1 ] then [ 1 3 ]",                     # one line: left as written
])
def test_bracket_rows_that_do_not_line_up_are_left_as_written(raw):
    assert "[[" not in normalize(raw).text


def test_a_two_by_two_gradient_broken_over_lines_is_a_matrix_not_a_vector():
    text = ("Problem. Suppose the gradient of the loss is\n\n    G = [ 1 2\n          2 1 ] .\n\n"
            "(a) Find the minimiser D* of ⟨G, D⟩ subject to ‖D‖_op ≤ η.")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert reading.parts[0].value("gradient") == [[1, 2], [2, 1]]


# -- a later part that continues the setting with another norm -----------------------------------

@pytest.mark.parametrize("text", [
    "Let g = (3, -1, 2). (a) Find d* = argmin_d g^T d s.t. ||d||_inf <= eta. (b) Same problem, "
    "now with the l1 norm; give d*. (c) Same problem, now in the Euclidean norm; give its optimal "
    "value.",
    "Let g = (3, -1, 2) and d* = argmin_d gᵀd s.t. ‖d‖ ≤ η.\n(a) Take the ℓ∞ norm and give d*.\n"
    "(b) Repeat (a) with the ℓ1 norm.\n(c) Same setting, but using the Euclidean norm: what is "
    "the optimal value?",
    "$g = (3, -1, 2)$, $d^\\star = \\arg\\min_d g^\\top d$ s.t. $\\|d\\| \\le \\eta$.\n(a) Use the "
    "$\\ell_\\infty$ norm and find $d^\\star$.\n(b) Redo it with the $\\ell_1$ norm.\n(c) Now use the "
    "Euclidean norm and give the optimal value.",
])
def test_a_part_continuing_the_setting_with_another_norm_reads_that_norm(text):
    parts = _complete(text).parts
    assert [p.value("norm") for p in parts] == ["linf", "l1", "l2"]
    got = _answers(text)
    # the optimal value under ‖d‖_2 ≤ η is −η‖g‖_2
    value = sympy.sympify(got["min-value"][-1].replace("\\eta", "eta")).subs("eta", 1)
    assert float(value) == pytest.approx(-np.linalg.norm([3.0, -1.0, 2.0]))


# -- the RMS norm written out as a root mean square ----------------------------------------------

@pytest.mark.parametrize("text", [
    "Let g = (4, -1, 0, 1) and ‖d‖_RMS = sqrt((1/4) Σ_{i=1}^4 d_i^2). Find d* = argmin gᵀd "
    "subject to ‖d‖_RMS ≤ η.",
    "$g = (4, -1, 0, 1)^\\top$, $\\|d\\|_{\\mathrm{RMS}} = \\sqrt{\\tfrac{1}{4}\\sum_{i=1}^4 "
    "d_i^2}$. Find $d^\\star = \\arg\\min_{\\|d\\|_{\\mathrm{RMS}} \\le \\eta} g^\\top d$.",
    "g = [4, -1, 0, 1]; ||d||_RMS = sqrt( (1/4) * sum_{i=1}^{4} d_i^2 ). minimise g^T d s.t. "
    "||d||_RMS <= eta, what is d*?",
])
def test_the_rms_norm_written_as_a_root_mean_square_is_the_rms_norm(text):
    parts = _complete(text).parts
    assert [p.value("norm") for p in parts] == ["rms"]
    got = _answers(text)
    g = np.array([4.0, -1.0, 0.0, 1.0])
    want = -2 * g / np.linalg.norm(g)   # the RMS ball of radius 1 is the l2 ball of radius √4
    step = sympy.Matrix(sympy.sympify(got["update"][0].replace("\\eta", "eta"))).subs("eta", 1)
    assert np.array(step.evalf(), dtype=float).ravel() == pytest.approx(want)


def test_an_rms_norm_summing_another_size_is_refused():
    reading = read_report("Let g = (4, -1, 0, 1) and ‖d‖_RMS = sqrt((1/4) Σ_{i=1}^3 d_i^2). Find "
                          "d* = argmin gᵀd subject to ‖d‖_RMS ≤ η.")
    assert not reading.complete
    assert any("sums 3" in u for u in reading.unread())


# -- 'Do the same for ...' beside a request of the part's own ------------------------------------

@pytest.mark.parametrize("text", [
    "Let g = (2, -1, 2, -4) and η = 0.01. (a) Compute the minimiser d* of gᵀd subject to "
    "‖d‖_2 ≤ η and the optimal value. (b) Do the same for the max-norm constraint ‖d‖_∞ ≤ η. "
    "Which optimiser does this step recover?",
    "g = [2, -1, 2, -4], eta = 0.01.\n1) Find the minimiser d of g^T d s.t. ||d||_2 <= eta and "
    "the optimal value.\n2) Now do the same with ||d||_inf <= eta. Which optimizer is that?",
    "$g = (2, -1, 2, -4)$, $\\eta = 0.01$.\n(a) Give $d^\\star = \\arg\\min_{\\|d\\|_2 \\le \\eta} "
    "g^\\top d$ and the optimal value.\n(b) Redo it for $\\|d\\|_\\infty \\le \\eta$. Which known "
    "optimizer is this?",
])
def test_do_the_same_asks_the_referenced_parts_requests_beside_its_own(text):
    got = _answers(text)
    # (b): the l∞ step −η sign(g), its value −η‖g‖_1, and the optimizer's name
    assert _num(got["update"][-1]).ravel() == pytest.approx([-0.01, 0.01, -0.01, 0.01])
    assert float(sympy.sympify(got["min-value"][-1])) == pytest.approx(-0.09)
    assert got["identification"][-1] == "sign-gd"
