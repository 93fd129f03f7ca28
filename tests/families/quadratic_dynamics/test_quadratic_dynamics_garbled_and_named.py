"""Quadratic-dynamics texts with PDF-flattened polynomials and powers, a curvature bounded by
words for the matrix of ½ xᵀAx, bounds on ρ^k in words, and questions asked by a quantity's
formula ("max_i |1 − ηλ_i|"), by stability ("is this stable?") or by an interval's end ("give the
upper limit"). Phrasings are our own, in several styles; values are checked independently
(numpy)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from optiproof.reading import read_report
from test_quadratic_dynamics_reading_forms import _solved, _unread


def _value(answers: dict, *names: str) -> float:
    name = next(n for n in answers if any(x in n for x in names))
    return float(answers[name])


# -- a square flattened onto the line, attached or one space away ----------------------------

SPACED = [
    ("Exercise 1. Consider f (x, y) = 2x2 + 50y 2 .\n(a) Compute the largest stable step size of "
     "gradient descent.", [4, 100]),
    ("Let g(u, v) = u 2 + 9v 2 and run GD on g.\n(a) What is the largest step size for which GD "
     "converges?", [2, 18]),
    ("Problem. f (a, b) = 3a 2 + b2 is minimised by gradient descent.\n(i) Give the largest stable "
     "step.", [6, 2]),
]


@pytest.mark.parametrize("text, eigs", SPACED)
def test_a_square_flattened_with_or_without_a_space_is_read(text, eigs):
    reading = read_report(text)
    assert not reading.unread(), reading.unread()
    assert any(c.name == "flattened exponent" for p in reading.parts for c in p.conventions)
    got = _solved(text)
    answers = got[list(got)[0]]
    assert _value(answers, "max") == pytest.approx(2 / max(np.linalg.eigvalsh(np.diag(eigs))))


@pytest.mark.parametrize("text", [
    "Let f (x, y) = 21 (x2 + 25y 2 ) and run gradient descent.\n(a) Give the optimal step size.",
    "Consider f(x, y) = 12 (x 2 + 4y2).\n(a) What is the largest stable step of GD?",
    "f (u, v) = 21 u2 + 3v 2 with gradient descent.\n(a) Find the optimal constant step size.",
])
def test_a_coefficient_that_may_be_a_flattened_half_is_refused(text):
    why = _unread(text)
    assert "fraction" in why and "lost its bar" in why


# -- reduction factors: a flattened power of ten, a bound in words ---------------------------

@pytest.mark.parametrize("text", [
    "f(x, y) = x^2 + 9y^2, gradient descent at the optimal step.\n(a) How many iterations reduce "
    "the error by a factor 106 ?",
    "Let H = diag(1, 10). GD with its best step size: how many iterations are needed to shrink the "
    "error by a factor of 104?",
    "H = diag(2, 8); plain GD at the optimal step. Number of iterations to reduce the distance to "
    "the minimiser by 103?",
])
def test_a_factor_that_may_be_a_flattened_power_of_ten_is_refused(text):
    why = _unread(text)
    assert "flattened" in why and "epsilon" in why


@pytest.mark.parametrize("text, eps", [
    ("f(x, y) = x^2 + 9y^2 with GD at the optimal step η*. What is the smallest number of "
     "iterations k such that the rate bound ρ^k is at most 10^-3?", 1e-3),
    ("$H = \\mathrm{diag}(1, 4)$, gradient descent with the optimal step. Find the smallest $t$ "
     "for which $\\rho^t$ does not exceed $10^{-4}$.", 1e-4),
    ("H = diag(1, 4), GD with best lr. how many iterations until rho^k stays below 0.001 ??",
     1e-3),
])
def test_a_bound_on_rho_power_k_in_words_is_the_error_factor(text, eps):
    got = _solved(text)
    answers = got[list(got)[0]]
    H = np.diag([1.0, 9.0]) if "9y" in text else np.diag([1.0, 4.0])
    w = np.linalg.eigvalsh(H)
    rho = (w.max() - w.min()) / (w.max() + w.min())
    assert _value(answers, "iteration") == math.ceil(math.log(eps) / math.log(rho))


# -- μI ⪯ A ⪯ LI for the matrix of ½ xᵀAx ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "Let $f(x) = \\frac12 x^\\top A x$ with $\\mu I \\preceq A \\preceq L I$, both extreme "
    "eigenvalues attained; take $\\mu = 1$, $L = 100$.\n(a) Give the optimal step size of gradient "
    "descent and its rate.",
    "f(w) = ½ wᵀQw where μI ⪯ Q ⪯ LI (both bounds attained), μ = 1 and L = 100. (a) Find the "
    "optimal step of GD and the corresponding rate.",
    "Quadratic f(x) = 1/2 x^T A x, A symmetric, μ I ⪯ A ⪯ L I with μ = 1, L = 100.\n(a) What is "
    "the optimal step size for GD, and the resulting rate?",
])
def test_curvature_bounds_of_the_named_matrix_of_half_xtax_are_its_spectrum(text):
    got = _solved(text)
    answers = got[list(got)[0]]
    assert _value(answers, "optimal step") == pytest.approx(2 / 101)
    assert _value(answers, "rate") == pytest.approx(99 / 101)


def test_curvature_bounds_of_a_matrix_without_the_half_are_refused():
    why = _unread("f(x) = x^T A x with μ I ⪯ A ⪯ L I, μ = 1 and L = 100.\n(a) Give the optimal "
                  "step size of gradient descent.")
    assert "no ½" in why


# -- 'no Nesterov' beside a framework call -----------------------------------------------------

@pytest.mark.parametrize("text", [
    "H = diag(1, 100). Heavy ball with α = 0.01 and β = 0.5 (no Nesterov). What is its "
    "convergence rate?",
    "Run torch.optim.SGD(lr=0.01, momentum=0.5) without Nesterov on f with H = diag(1, 100). What "
    "is the convergence rate?",
    "H = diag(1, 100); momentum SGD, lr = 0.01, momentum = 0.5, not Nesterov momentum. Give the "
    "convergence rate.",
])
def test_nesterov_switched_off_in_words_is_stated_not_the_method(text):
    reading = read_report(text)
    assert not reading.unread(), reading.unread()
    assert {p.value("method") for p in reading.parts} == {"heavy-ball"}
    assert any(c.name == "switched off" for p in reading.parts for c in p.conventions)


# -- questions by formula, by stability, by an interval's end ---------------------------------

@pytest.mark.parametrize("text", [
    "H = diag(1, 4, 10). (a) What is the convergence factor max_i |1 − ηλ_i| for η = 0.15?",
    "$H = \\mathrm{diag}(1, 4, 10)$. Compute the convergence factor of gradient descent for "
    "$\\eta = 0.15$.",
    "GD on H = diag(1,4,10) with lr = 0.15 -- whats the convergence factor max_i |1 - η λ_i| ?",
])
def test_a_convergence_factor_at_a_given_step_is_the_rate(text):
    got = _solved(text)
    answers = got[list(got)[0]]
    want = max(abs(1 - 0.15 * x) for x in (1, 4, 10))
    assert _value(answers, "rate") == pytest.approx(want)


@pytest.mark.parametrize("text, stable", [
    ("H = diag(1, 4, 10). (a) You run heavy ball with α = 0.05 and β = 0.9. Is this stable on f?",
     True),
    ("H = diag(1, 4, 10). (a) Gradient descent with η = 0.25. Is it stable?", False),
    ("H = diag(1, 4, 10). (a) GD with lr = 0.15: is the iteration stable?", True),
])
def test_is_it_stable_asks_whether_the_iteration_converges(text, stable):
    got = _solved(text)
    answers = got[list(got)[0]]
    name = next(n for n in answers if "converge" in n)
    assert bool(answers[name]) is stable


@pytest.mark.parametrize("text", [
    "f(θ) = ½ θᵀHθ − bᵀθ, H = diag(1, 4, 10), b = (1, 2, 5).\n(a) Compute the minimiser θ*.\n(b) "
    "Gradient descent: for which step sizes does it converge? Give the upper limit.",
    "H = diag(1, 4, 10).\n1. For which η does GD converge? State the upper limit.",
    "H = diag(1, 4, 10).\n(i) Which learning rates make gradient descent converge? Give the upper "
    "limit.",
])
def test_the_upper_limit_of_the_convergent_steps_is_the_largest_step(text):
    got = _solved(text)
    answers = got[list(got)[-1]]
    assert _value(answers, "max") == pytest.approx(2 / 10)


# -- the slowest eigen-direction at a given step -------------------------------------------------

@pytest.mark.parametrize("text, eigs, step, beta", [
    ("H = diag(1, 4, 10). (a) Gradient descent with η = 0.15: which eigen-direction is the "
     "slowest?", [1, 4, 10], 0.15, None),
    ("$H = \\mathrm{diag}(2, 5, 20)$, gradient descent with $\\alpha = 0.09$. Which eigenvalue "
     "converges slowest?", [2, 5, 20], 0.09, None),
    ("H = diag(1, 100), heavy ball with lr = 0.01 and beta = 0.5 -- what's the slowest mode??",
     [1, 100], 0.01, 0.5),
])
def test_the_slowest_direction_at_a_given_step_is_named_by_its_eigenvalue(text, eigs, step, beta):
    got = _solved(text)
    answers = got[list(got)[0]]
    if beta is None:
        factors = [abs(1 - step * x) for x in eigs]
    else:   # heavy ball: the largest root modulus of z² − (1 + β − αλ)z + β per direction
        factors = [max(abs(np.roots([1, -(1 + beta - step * x), beta]))) for x in eigs]
    assert _value(answers, "slowest") == eigs[int(np.argmax(factors))]


def test_a_tie_for_the_slowest_direction_is_refused():
    from optiproof.core.errors import BadInput
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    # at the optimal step 2/(1 + 9) = 0.2 both extreme directions contract by 0.8
    reading = read_report("H = diag(1, 9). (a) GD with η = 0.2: which direction is the slowest?")
    with pytest.raises(BadInput, match="same slowest factor"):
        solve_problem(reading.to_problem(), SolveOptions(figures=False))


# -- a 'Bonus:' paragraph after the last part is a part of its own --------------------------------

@pytest.mark.parametrize("text", [
    "f(x, y) = x^2 + 9y^2.\n1) What is the largest stable learning rate of GD?\n2) What is the "
    "optimal learning rate?\n\nBonus: if I tune the step size α and momentum β optimally for "
    "heavy ball, what α, β should I use and what's the per-step rate then?",
    "H = diag(2, 18).\n(a) Give the largest stable step of gradient descent.\n(b) Give its "
    "optimal step.\n\n**Bonus question.** For heavy ball, give the optimal α and β and the "
    "resulting rate.",
    "Quadratic with H = diag(2, 18).\n1. Max stable step for GD?\n2. Optimal GD step?\n\nExtra: "
    "heavy ball -- tune the learning rate and momentum optimally; what values do they take, and "
    "what rate?",
])
def test_a_bonus_paragraph_is_its_own_part(text):
    reading = read_report(text)
    assert not reading.unread(), reading.unread()
    assert reading.parts[-1].label == "bonus"
    got = _solved(text)
    bonus = got["bonus"]
    # heavy ball on [2, 18]: α* = 4/(√2 + √18)² = 1/8, β* = ((√9 − 1)/(√9 + 1))² = 1/4, ρ* = 1/2
    assert _value(bonus, "optimal step") == pytest.approx(1 / 8)
    assert _value(bonus, "optimal momentum") == pytest.approx(1 / 4)
    assert _value(bonus, "rate") == pytest.approx(1 / 2)


# -- extreme eigenvalues named after their values, a reduction factor in words, a threshold -------

_RHO = 9 / 11   # GD at the optimal step on eigenvalues 1 and 10


@pytest.mark.parametrize("text, name, want", [
    # μ = .., L = .. named afterwards as the extreme eigenvalues; an interval 'both attained'
    ("Consider f(x) = ½xᵀAx, A symmetric positive definite with μ = 1, L = 100 (its extreme "
     "eigenvalues). Give the optimal step size of gradient descent.", "optimal step", 2 / 101),
    ("Let f(x) = 1/2 x^T A x where mu = 1 and L = 100 are the smallest and largest eigenvalues "
     "of A. Give the optimal step of GD.", "optimal step", 2 / 101),
    ("A quadratic whose Hessian has eigenvalues in $[1, 100]$ (both attained). What is the "
     "optimal step size of gradient descent?", "optimal step", 2 / 101),
    # a reduction factor in words
    ("H = diag(1, 10). GD at the optimal step. How many iterations to reduce the error by a "
     "factor of one million?", "iteration", math.ceil(math.log(1e-6) / math.log(_RHO))),
    ("H = diag(1, 10). GD at its optimal step size: how many iterations until the error has "
     "shrunk by three orders of magnitude?", "iteration",
     math.ceil(math.log(1e-3) / math.log(_RHO))),
    ("$H = \\mathrm{diag}(1, 10)$, gradient descent with the optimal step. Number of iterations "
     "to decrease the distance to the minimiser by a factor of a thousand?", "iteration",
     math.ceil(math.log(1e-3) / math.log(_RHO))),
    # a generic boundary noun beside the largest stable step
    ("f(x, y) = x^2 + 10y^2. For which learning rates does GD diverge? Give the threshold.",
     "max", 2 / 20),
    ("H = diag(2, 20). Gradient descent: find the largest stable step size, i.e. the exact "
     "cutoff.", "max", 2 / 20),
    ("$H = \\mathrm{diag}(2, 20)$. For which $\\eta$ does gradient descent converge? State the "
     "critical value.", "max", 2 / 20),
])
def test_curvature_factor_and_boundary_in_words_give_the_value(text, name, want):
    got = _solved(text)
    assert _value(got[list(got)[0]], name) == pytest.approx(want)


# -- iterates of f = ½θᵀHθ with a diagonal H: no linear term ------------------------------------

@pytest.mark.parametrize("text", [
    "f(θ) = ½ θᵀHθ, H = diag(1, 4). Run GD with α = 0.4 from θ_0 = (1, 1). Give θ_1 and θ_2.",
    "Let $f(w) = \\frac{1}{2} w^\\top H w$ with $H = \\mathrm{diag}(1, 4)$. Starting at "
    "$w_0 = (1, 1)$, gradient descent with $\\eta = 0.4$: compute $w_2$.",
    "f(x) = 0.5 * x^T H x, H = diag(1, 4), lr = 0.4, x_0 = [1, 1]. what is x_2 after two GD "
    "steps?",
])
def test_iterates_of_a_form_without_linear_term_and_a_diagonal_h(text):
    got = _solved(text)
    answers = got[list(got)[0]]
    H, x = np.diag([1.0, 4.0]), np.array([1.0, 1.0])
    for _ in range(2):
        x = x - 0.4 * H @ x
    name = [n for n in answers if n.endswith("2")][0]
    assert [float(v) for v in answers[name]] == pytest.approx(list(x))


# -- a PDF copy's superscript star read as a question mark ----------------------------------------

@pytest.mark.parametrize("raw, want", [
    ("How many GD iterations at η ? are needed to reduce the error?", "at η^* are needed"),
    ("(b) Give the optimal step size η ? and the optimal rate.", "η^* and the optimal rate"),
    ("(d) Give the optimal heavy-ball parameters α? , β ? and the rate.", "α^* , β^* and"),
])
def test_a_spaced_question_mark_after_a_step_symbol_is_its_star(raw, want):
    from optiproof.reading.normalize import normalize

    assert want in normalize(raw).text


@pytest.mark.parametrize("raw", ["What is η? Then give the rate.", "Is it β? and why",
                                 "What is the optimal η ?"])
def test_a_question_mark_ending_a_question_stays(raw):
    from optiproof.reading.normalize import normalize

    assert "^*" not in normalize(raw).text


def test_a_pdf_star_does_not_split_the_request():
    text = ("Consider f (x, y) = x2 + 9y 2 .\n(a) Give the optimal step size η ? and the rate.\n"
            "(b) How many GD iterations at η ? are needed to reduce the error by a factor 10^3 ?")
    got = _solved(text)
    rho = (18 - 2) / (18 + 2)
    assert _value(got["a"], "optimal step") == pytest.approx(2 / 20)
    assert _value(got["b"], "iteration") == math.ceil(math.log(1e-3) / math.log(rho))
