"""Quadratic-dynamics texts that give the curvature as a function, ask in the wording of
exercises written elsewhere, or rescale the loss: read, solved and verified, or refused naming
the phrase. Phrasings are our own; the mathematical values are checked independently (numpy)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.core.text.objects import (extreme_eigenvalues, matrix_quadratic_forms,
                                         quadratic_forms, quadratic_of_matrices)
from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, read_report
from optiproof.reading.normalize import normalize


def _solved(text: str) -> dict:
    reading = read_report(text)
    problem = reading.to_problem()
    solution = solve_problem(problem, SolveOptions(figures=False))
    for part in solution.parts:
        assert part.verified, [(c.method, c.status, c.detail) for c in part.checks]
    return {p.label: {a.name: a.expr for a in p.answers} for p in solution.parts}


def _unread(text: str) -> str:
    reading = read_report(text)
    with pytest.raises(ReadingIncomplete):
        reading.to_problem()
    return "\n".join(reading.unread())


# -- the shared helpers ---------------------------------------------------------------------

@pytest.mark.parametrize("text, H", [
    ("Take f(a, b) = 3a^2 + 2a*b + b^2 started at (2, 2), step 0.1.", [[6, 2], [2, 2]]),
    ("The loss L(w) = (w1^2 + 4 w2^2)/2 is minimised.", [[1, 0], [0, 4]]),
    ("f(u) = 0.5*(u_1^2 + 9*u_2^2) + u_1 with gradient descent", [[1, 0], [0, 9]]),
])
def test_function_hessian_by_differentiation(text, H):
    forms = quadratic_forms(text)
    assert forms and [list(map(int, row)) for row in forms[0].H] == H


@pytest.mark.parametrize("text", ["f(x, y) = x2 + 9y2.", "f(x) = x2 1 + 4x2 2 for x in R^2",
                                  "f(x, y) = x^3 + y^2."])
def test_ambiguous_or_non_quadratic_function_is_no_object(text):
    assert quadratic_forms(text) == []


def test_matrix_form_gives_h_and_b_by_differentiation():
    form = matrix_quadratic_forms("Let f(x) = x^T Q x - p^T x, with Q = [[4, 1], [1, 3]].")[0]
    assert (form.matrix, form.vector, form.scale) == ("Q", "p", 2)  # no ½: H = 2Q
    H, b = quadratic_of_matrices(form, [[Fraction(4), Fraction(1)], [Fraction(1), Fraction(3)]],
                                 [Fraction(1), Fraction(-1)])
    # independent check: numeric second differences of x^T Q x - p^T x
    Q, p = np.array([[4.0, 1.0], [1.0, 3.0]]), np.array([1.0, -1.0])
    f = lambda x: x @ Q @ x - p @ x  # noqa: E731
    h = 1e-3
    num = np.array([[(f(h * (np.eye(2)[i] + np.eye(2)[j])) - f(h * np.eye(2)[i])
                      - f(h * np.eye(2)[j]) + f(np.zeros(2))) / h ** 2 for j in range(2)]
                    for i in range(2)])
    assert np.allclose(np.array(H, dtype=float), num, atol=1e-6)
    assert [float(x) for x in b] == [1.0, -1.0]


def test_matrix_form_with_more_terms_is_not_read_as_plain_quadratic():
    assert matrix_quadratic_forms("f(x) = 1/2 x^T A x + lam ||x||^2") == []


def test_non_symmetric_matrix_is_refused():
    form = matrix_quadratic_forms("g(z) is not it; f(z) = ½ z^T M z, with M given")[0]
    with pytest.raises(ValueError, match="not symmetric"):
        quadratic_of_matrices(form, [[Fraction(1), Fraction(2)], [Fraction(0), Fraction(1)]])


def test_spoken_extreme_eigenvalues():
    got = extreme_eigenvalues("the Hessian's eigenvalues are known: the smallest one is 0.5 "
                              "and the largest is 8.")
    assert got is not None and got[:2] == (Fraction(1, 2), Fraction(8))


def test_bracket_piece_matrix_is_one_line():
    text = normalize("Take\n      ⎡ 2  -1 ⎤\n  B = ⎢-1   2 ⎥\n      ⎣ 0   1 ⎦ .\nDone").text
    assert "B = [[2, -1], [-1, 2], [0, 1]]" in text


# -- end to end -----------------------------------------------------------------------------

def test_named_matrix_function_reads_h_and_asks_eigenvalues():
    got = _solved("Consider the objective f(x) = ½ xᵀQx − qᵀx where Q = [[3, 1], [1, 3]] and "
                  "q = [1, 1], minimised by gradient descent.\n"
                  "(a) List the eigenvalues of Q and compute its condition number.\n"
                  "(b) For which γ > 0 does GD converge from any initial point?\n")
    assert [float(x) for x in got["a"]["eigenvalues of H"]] == [2.0, 4.0]
    assert np.allclose(sorted(np.linalg.eigvalsh([[3, 1], [1, 3]])), [2.0, 4.0])
    assert float(got["a"]["condition number"]) == 2.0
    assert float(got["b"]["max stable step"]) == 0.5


def test_per_step_factor_and_smallest_k_and_rescaled_loss():
    got = _solved("The Hessian H has eigenvalues 1, 4 and 5; we run plain gradient descent.\n"
                  "(a) With step 0.25, what is the worst-case factor by which ‖x_k − x*‖_2 "
                  "shrinks per iteration?\n"
                  "(b) Still with step 0.25, find the smallest k such that ‖x_k − x*‖_2 ≤ "
                  "10^-2 ‖x_0 − x*‖_2 for every start.\n"
                  "(c) Someone multiplies the loss by 4. What is now the largest stable step "
                  "size?\n")
    assert float(got["a"]["rate"]) == 0.75  # max(|1 - 0.25|, |1 - 1|, |1 - 1.25|)
    assert int(got["b"]["iterations"]) == 17  # 0.75^k <= 0.01 -> k >= 16.008
    assert float(got["c"]["max stable step"]) == 0.1  # 2 / (4 * 5)


def test_does_it_converge_with_given_momentum():
    got = _solved("Let f(w) = ½ wᵀAw with A = [[2, 0], [0, 8]] and heavy-ball momentum.\n"
                  "(a) Take α = 0.3 and β = 0.1. Does heavy ball converge? Give the spectral "
                  "radius of its iteration matrix.\n")
    ans = got["a"]
    assert bool(ans["converges"]) is False  # αλ = 2.4 > 2(1 + β) = 2.2 at λ = 8
    lam, a, b = 8.0, 0.3, 0.1
    radius = max(abs(np.roots([1, -(1 + b - a * lam), b])))
    assert abs(float(ans["rate"]) - radius) < 1e-12


@pytest.mark.parametrize("text, named", [
    ("Let f(x) = ½ xᵀMx with M a symmetric matrix. What is the optimal step size of gradient "
     "descent?", "the matrix M"),
    ("H = diag(1, 3). With step 0.5, what is the worst-case factor by which ‖x_k − x*‖_1 "
     "shrinks per step of gradient descent?", "‖_1"),
    ("Let f(x, y) = x2 + 16y2, where x1, x2 are the first iterates. What is the largest "
     "stable step size of gradient descent?", "f(x, y) = x2 + 16y2"),
    ("Let f(x, y) = x^2 + 4y^2. The minimiser is (1, 0). What is the largest stable step size "
     "of gradient descent?", "minimiser"),
    ("H = [[2, 1], [1, 3]]. What is the Hessian? Give the optimal step size of "
     "gradient descent.",
     "Hessian"),
    ("H = diag(1, 9). How many iterations does each method need to reduce the "
     "error by a factor 100, with α = 0.1?",
     "each method"),
    ("Let f(x) = xᵀHx − bᵀx with H = [[2, 0], [0, 5]] and b = [1, 1]. What is the "
     "largest stable step size of gradient descent?",
     "2H"),
    ("The Hessian has smallest eigenvalue 1 and largest eigenvalue 16. List the "
     "eigenvalues of the Hessian and give the condition number.",
     "only the smallest and the largest"),
])
def test_refused_naming_the_phrase(text, named):
    assert named in _unread(text)


def test_hessian_request_is_answered():
    got = _solved("Let f(x, y) = x^2 + 4y^2. Give the optimal step size of gradient descent "
                  "and the Hessian.")
    assert np.array_equal(np.array(got["main"]["Hessian"].tolist(), dtype=float),
                          [[2.0, 0.0], [0.0, 8.0]])


def test_hessian_of_a_written_function_is_answered_and_checked():
    got = _solved("Let f(p, q) = 3p^2 + 2p*q + q^2 - 4q, minimised by gradient descent.\n"
                  "(a) Compute the Hessian of f.\n"
                  "(b) What is the optimal step size?\n")
    hess = np.array(got["a"]["Hessian"].tolist(), dtype=float)
    # by hand: f_pp = 6, f_pq = 2, f_qq = 2
    assert np.array_equal(hess, [[6.0, 2.0], [2.0, 2.0]])
    lam = np.linalg.eigvalsh(hess)
    assert abs(float(got["b"]["optimal step"]) - 2 / (lam[0] + lam[-1])) < 1e-12


def test_l2_penalty_adds_to_the_hessian():
    got = _solved("Let f(x) = ½ xᵀPx with P = [[4, 0], [0, 1]].\n"
                  "(a) Give the optimal η and the resulting rate of gradient descent.\n"
                  "(b) Now minimise f(x) + (c/2)‖x‖^2 with c = 2 instead. Give the optimal "
                  "step size and the rate.\n")
    # P + 2I = diag(6, 3): step 2/9, rate (6 - 3)/(6 + 3)
    assert float(got["b"]["optimal step"]) == pytest.approx(2 / 9)
    assert float(got["b"]["optimal rate"]) == pytest.approx(1 / 3)
    assert float(got["a"]["optimal step"]) == pytest.approx(2 / 5)


def test_each_of_the_methods_of_earlier_parts():
    got = _solved("The Hessian has smallest eigenvalue 1 and largest eigenvalue 16.\n"
                  "(a) Give the step size that minimises the asymptotic rate of plain gradient "
                  "descent, and the resulting rate.\n"
                  "(b) For Polyak's heavy ball, give the optimal α, β and the rate.\n"
                  "(c) How many iterations do both methods (tuned as in (a), (b)) need to reduce "
                  "the error by a factor 10^-3?\n")
    gd, hb = got["c.1"]["iterations"], got["c.2"]["iterations"]
    # independent: rates (16 - 1)/(16 + 1) and (4 - 1)/(4 + 1); k = ceil(log 1e-3 / log rho)
    assert int(gd) == int(np.ceil(np.log(1e-3) / np.log(15 / 17)))
    assert int(hb) == int(np.ceil(np.log(1e-3) / np.log(3 / 5)))


def test_minimiser_without_linear_term_is_zero():
    got = _solved("f(x, y) = 2x^2 + x*y + y^2. Find the minimiser x* of f.")
    assert [float(v) for v in got["main"]["minimiser"]] == [0.0, 0.0]


def test_minimiser_of_the_stated_function():
    got = _solved("Let f(θ) = ½ θᵀHθ − bᵀθ with H = [[2, 1], [1, 2]] and b = [3, 0].\n"
                  "(a) Find the minimiser θ*.\n(b) With which step size does gradient descent "
                  "converge fastest, and what is the best rate?\n")
    theta = np.array([float(v) for v in got["a"]["minimiser"]])
    assert np.allclose(np.linalg.solve([[2, 1], [1, 2]], [3, 0]), theta)
    assert float(got["b"]["optimal step"]) == pytest.approx(2 / 4)


def test_range_end_operator_norm_steps_and_distance_wordings():
    got = _solved("The matrix A = [[3, 0], [0, 12]] is the Hessian of the loss; gradient descent "
                  "uses a constant step α.\n"
                  "(a) Deduce the range of α for which the iteration converges. State the upper "
                  "end of the range.\n"
                  "(b) Give the rate ρ(α) = ‖I − αA‖_2 for α = 0.1.\n"
                  "(c) Find the step α* minimising ρ(α).\n"
                  "(d) For gradient descent with α = 0.1, how many steps shrink the distance to "
                  "the minimiser by 1000x?\n")
    assert float(got["a"]["max stable step"]) == pytest.approx(2 / 12)
    # ‖I − 0.1 A‖_2 = max(|1 − 0.3|, |1 − 1.2|), by numpy
    assert float(got["b"]["rate"]) == pytest.approx(np.linalg.norm(np.eye(2) - 0.1 * np.diag(
        [3, 12]), 2))
    assert float(got["c"]["optimal step"]) == pytest.approx(2 / 15)
    assert int(got["d"]["iterations"]) == int(np.ceil(np.log(1e-3) / np.log(0.7)))


def test_forum_wordings_optimal_lr_and_steps_until_down_by():
    got = _solved("my loss is f(a, b) = 2a^2 + b^2/2, plain GD.\n"
                  "1. with lr 0.2, how many steps until the error is down by 1e-3?\n"
                  "2. Optimal lr and the corresponding rate?\n")
    # factors |1 - 0.8| = 0.2 and |1 - 0.2| = 0.8: 0.8^k <= 1e-3 -> k = 31
    assert int(got["1"]["iterations"]) == int(np.ceil(np.log(1e-3) / np.log(0.8)))
    assert float(got["2"]["optimal step"]) == pytest.approx(2 / (4 + 1))
    assert float(got["2"]["optimal rate"]) == pytest.approx(3 / 5)


# -- parameters given as formulas in κ, μ and L ---------------------------------------------

def _nesterov_radius(alpha: float, beta: float, lams: np.ndarray) -> float:
    """Worst spectral radius of Nesterov's 2x2 iteration over ``lams`` (numpy, independent)."""
    worst = 0.0
    for lam in lams:
        q = 1 - alpha * lam
        m = np.array([[(1 + beta) * q, -beta * q], [1.0, 0.0]])
        worst = max(worst, float(np.abs(np.linalg.eigvals(m)).max()))
    return worst


@pytest.mark.parametrize("text", [
    "The Hessian H of f(θ) = ½θᵀHθ − bᵀθ has eigenvalues 4 and 36. We run Nesterov's method "
    "with α = 1/L and β = (√κ − 1)/(√κ + 1), where κ = L/μ. Give β, the convergence rate ρ "
    "and the number of iterations to reduce the error by a factor 10^4.",
    "Let H = diag(4, 36). Nesterov's accelerated method, step size = 1/L, beta = (sqrt(kappa) "
    "- 1)/(sqrt(kappa) + 1) with kappa = L/mu, whose rate on quadratics is known: give beta , "
    "the convergence rate rho and the number of iterations to reduce the error by a factor 1e4.",
])
def test_nesterov_momentum_given_by_a_formula_in_kappa(text: str):
    got = _solved(text)
    (part,) = got.values()
    assert part["optimal momentum"] == Fraction(1, 2) or float(part["optimal momentum"]) == 0.5
    rho = _nesterov_radius(1 / 36, 0.5, np.linspace(4, 36, 401))
    assert float(part["rate"]) == pytest.approx(rho, abs=1e-9)
    assert int(part["iterations"]) == int(np.ceil(np.log(1e-4) / np.log(rho)))


def test_step_given_by_a_formula_in_mu_and_L():
    got = _solved("Gradient descent on a quadratic whose Hessian has eigenvalues 1 and 3, with "
                  "the step η = 2/(μ + L). What is the convergence rate?")
    (part,) = got.values()
    # max |1 - ηλ| over λ in {1, 3} at η = 1/2, by numpy
    assert float(part["rate"]) == pytest.approx(np.abs(1 - 0.5 * np.array([1, 3])).max())


def test_formula_with_an_irrational_value_is_refused_naming_it():
    unread = _unread("The Hessian has eigenvalues 1 and 10. Nesterov with α = 1/L and "
                     "β = (√κ − 1)/(√κ + 1): give β and the convergence rate.")
    assert "β" in unread and "not a rational" in unread


@pytest.mark.parametrize("text", [
    "The Hessian has eigenvalues 1 and 16. Heavy ball with α = 1/L and β = ((√κ − 1)/(√κ + 1))^2: "
    "give β and the convergence rate.",
    "The Hessian has eigenvalues 1 and 16. Nesterov's method with β = (√κ − 1)/(√κ + 1): give β "
    "and the optimal rate.",
])
def test_stated_momentum_that_is_not_the_optimum_is_not_answered_as_it(text: str):
    from optiproof.core.errors import BadInput

    reading = read_report(text)
    try:
        problem = reading.to_problem()
    except (ReadingIncomplete, BadInput):
        return
    with pytest.raises(BadInput):
        solve_problem(problem, SolveOptions(figures=False))


def test_a_product_beta_star_parenthesis_is_not_the_optimal_momentum():
    from optiproof.families.quadratic_dynamics.reader import _ASKS
    import re

    for text in ("y_k = x_k + beta*(x_k - x_k-1)", "x_k+1 = y_k - α*grad f(y_k)"):
        text = text.replace("beta", "β")
        assert not re.search(_ASKS["optimal-momentum"], text)
        assert not re.search(_ASKS["optimal-step"], text)
    assert re.search(_ASKS["optimal-momentum"], "report β* and the rate")


@pytest.mark.parametrize("ask", [
    "What is the rate of gradient descent with the learning rate obtained in part (a)?",
    "What is the convergence rate of GD with the step size η you found in (2)?",
])
def test_a_step_taken_from_another_answer_is_refused_naming_it(ask: str):
    unread = _unread("The Hessian is H = diag(2, 5).\n(a) Give the condition number.\n"
                     "(b) Give the optimal step size.\n(c) " + ask + "\n")
    assert "another part's answer" in unread



def test_one_over_lambda_max_stays_the_symbolic_step():
    reading = read_report("Gradient descent on a quadratic whose Hessian has eigenvalues between "
                          "μ and L, with step α = 1/λ_max. What is the convergence rate?")
    (part,) = reading.parts
    assert part.value("alpha") == "1/L"


# -- garbled factors, several methods named together, back-references to a tolerance ----------

@pytest.mark.parametrize("text", [
    "The Hessian has eigenvalues in [µ, L] with µ = 2 and L = 8.\n(a) Using ρk ≤ 10−3, how many iterations does "
    "gradient descent with step 0.1 need to cut the error by a factor 103?\n",
    "The Hessian has eigenvalues 2 and 8.\n(a) With step 0.1, how many iterations shrink "
    "the error by 103 (use ρ^k ≤ 10^-3)?\n",
])
def test_factor_that_lost_its_superscript_agrees_with_the_bound(text):
    got = _solved(text)
    # max(|1 - 0.2|, |1 - 0.8|) = 0.8; 0.8^k <= 1e-3
    assert int(got["a"]["iterations"]) == int(np.ceil(np.log(1e-3) / np.log(0.8)))


def test_factor_and_bound_that_disagree_are_refused_naming_both():
    unread = _unread("Eigenvalues 2 and 8, gradient descent with step 0.1.\n(a) Using ρ^k ≤ "
                     "10^-4, how many iterations reduce the error by a factor of 100?\n")
    assert "different error factors" in unread and "10^-4" in unread


@pytest.mark.parametrize("both", ["gradient descent and heavy ball", "plain GD vs Nesterov",
                                  "heavy-ball and gradient descent"])
def test_gradient_descent_named_next_to_a_momentum_method_is_a_method_too(both):
    got = _solved("The Hessian has eigenvalues between μ and L with μ = 1 and L = 25.\n"
                  f"(a) Optimally tuned, how many iterations do {both} need to reduce the "
                  "error by a factor of 10^-3?\n")
    counts = sorted(int(v["iterations"]) for k, v in got.items())
    # independent: optimal GD rate 24/26, optimal momentum rate (5 - 1)/(5 + 1) for both
    # heavy ball and (its tuning being the same bound) the reading's momentum method
    gd = int(np.ceil(np.log(1e-3) / np.log(24 / 26)))
    assert len(counts) == 2 and counts[1] == gd and counts[0] < gd


def test_gradient_descent_inside_a_description_is_not_a_second_method():
    got = _solved("The Hessian has eigenvalues 1 and 9. Heavy ball is gradient descent plus a "
                  "momentum term.\n(a) Give the optimal α and β of heavy ball and its rate.\n")
    assert list(got) == ["a"] and float(got["a"]["optimal rate"]) == pytest.approx(0.5)


@pytest.mark.parametrize("ref", ["the iteration count as in (a)", "the number of steps like in "
                                                                  "(a)",
                                 "the number of iterations for the same accuracy as in (a)"])
def test_iteration_count_as_in_an_earlier_part_takes_its_tolerance(ref):
    got = _solved("Let A = [[4, 0], [0, 1]] be the Hessian; plain gradient descent.\n"
                  "(a) With step 0.2, what is the rate, and how many iterations reduce the error "
                  "by 10^4?\n"
                  f"(b) Which step minimises the rate? Give it, the rate and {ref}.\n")
    # optimal rate (4 - 1)/(4 + 1) = 0.6; 0.6^k <= 1e-4
    assert int(got["b"]["iterations"]) == int(np.ceil(np.log(1e-4) / np.log(0.6)))


@pytest.mark.parametrize("tail", ["Give numbers, not formulas.", "Answer numerically.",
                                  "Please give all answers as decimals.",
                                  "Report the results as numbers, not expressions."])
def test_an_instruction_to_answer_in_numbers_asks_nothing(tail):
    got = _solved(f"H = diag(1, 3).\n(a) What is the optimal step size of gradient descent? {tail}")
    assert float(got["a"]["optimal step"]) == pytest.approx(0.5)


@pytest.mark.parametrize("ask", ["What step size minimises this rate?",
                                 "Which learning rate minimises the convergence rate?",
                                 "which α minimises that contraction factor?"])
def test_which_step_minimises_the_rate(ask):
    got = _solved(f"H = diag(2, 6), gradient descent.\n(a) {ask}")
    assert float(got["a"]["optimal step"]) == pytest.approx(2 / 8)


def test_i_e_is_not_a_symbol_asked():
    got = _solved("H = diag(1, 4), gradient descent with α = 0.3.\n(a) What is the rate, i.e. "
                  "max_i |1 − αλ_i|?")
    assert float(got["a"]["rate"]) == pytest.approx(max(abs(1 - 0.3), abs(1 - 1.2)))


def test_pdf_quadratic_form_with_diag_and_linear_term_gives_the_minimiser():
    text = ("Exercise. Let f (x) = 1\n2 x>Hx − b>x with H = diag(4, 0.5), b = (2, 1)>. We run "
            "xk+1 = xk − α∇f (xk); kxk − x?k measures the error.\n(a) Compute the minimiser x?.\n")
    got = _solved(text)
    assert [float(v) for v in got["a"]["minimiser"]] == [0.5, 2.0]  # H^-1 b, diagonal


def test_gd_at_exactly_two_over_l_does_not_converge_checked_exactly():
    got = _solved("Let A = [[3, 1], [1, 3]] be the Hessian (eigenvalues 2 and 4); plain gradient "
                  "descent.\n(a) Does gradient descent converge for every start with η = 0.5?\n")
    assert bool(got["a"]["converges"]) is False  # 1 − 0.5·4 = −1: modulus exactly 1


# -- iterates, and a step stated as an optimum -------------------------------------------------

def _gd_iterates(H, b, x0, alpha, t):
    """Plain numpy gradient descent, independent of the solver."""
    x = np.array(x0, dtype=float)
    out = []
    for _ in range(t):
        x = x - alpha * (np.array(H, dtype=float) @ x - np.array(b, dtype=float))
        out.append(x.copy())
    return out


@pytest.mark.parametrize("text, t", [
    ("Let f(θ) = ½ θᵀHθ − bᵀθ with H = [[4, 1], [1, 2]] and b = [1, 0].\n"
     "(a) Starting from θ_0 = 0 with α = 0.1, compute θ_3.\n", [3]),
    ("Let f(w) = ½ wᵀAw − cᵀw, A = [[4, 1], [1, 2]], c = [1, 0]; gradient descent with step "
     "0.1 started at w_0 = 0.\n(a) Find w_1 and w_2.\n", [1, 2]),
    ("f(x) = ½ xᵀHx − bᵀx with H = [[4, 1], [1, 2]], b = [1, 0].\n"
     "(a) With x_0 = 0 and lr = 0.1, compute x_2.\n", [2]),
])
def test_iterates_of_gradient_descent(text, t):
    got = _solved(text)
    want = _gd_iterates([[4, 1], [1, 2]], [1, 0], [0, 0], 0.1, max(t))
    values = [np.array([float(v) for v in a]) for k, a in got["a"].items()
              if k.startswith("theta_")]
    assert len(values) == len(t)
    for k, v in zip(t, values):
        assert np.allclose(v, want[k - 1], atol=1e-12)


def test_iterate_from_a_nonzero_start_without_linear_term():
    got = _solved("Iterates by hand\n\nOn the quadratic f(x, y) = x^2 + 3y^2; we run gradient descent with η = 0.1 from θ_0 = (1, 1).\n"
                  "(a) Compute θ_2.\n(b) What is the largest stable step size?\n")
    assert float(got["b"]["max stable step"]) == pytest.approx(2 / 6)
    want = _gd_iterates([[2, 0], [0, 6]], [0, 0], [1, 1], 0.1, 2)[-1]
    assert np.allclose([float(v) for v in got["a"]["theta_2"]], want)


@pytest.mark.parametrize("text, named", [
    ("Let H = [[4, 1], [1, 2]], b = [1, 0], f = ½θᵀHθ − bᵀθ.\n(a) With α = 0.1, compute θ_2.\n",
     "start"),
    ("The Hessian has eigenvalues 1 and 4, b = 0.\n(a) From θ_0 = 0 with α = 0.1 compute θ_2.\n",
     "H itself"),
    ("Let f(θ) = ½ θᵀHθ − bᵀθ with H = [[4, 1], [1, 2]].\n(a) From θ_0 = 0 with α = 0.1, "
     "compute θ_2.\n", "linear term"),
])
def test_iterates_without_their_inputs_are_refused_naming_them(text, named):
    assert named in _unread(text)


@pytest.mark.parametrize("opt", ["γ = γ^*", "γ=γ*", "η = η_opt"])
def test_iterates_at_the_optimal_step_of_the_part(opt):
    got = _solved("Let f(w) = ½ wᵀAw − cᵀw with A = [[5, 3], [3, 5]] and c = [2, -2]; gradient "
                  "descent from w_0 = 0.\n"
                  f"(a) Compute w_1 for {opt}.\n")
    # eigenvalues 2 and 8: the optimal step 2/(2 + 8) = 1/5, by numpy
    lam = np.linalg.eigvalsh([[5, 3], [3, 5]])
    step = 2 / (lam.min() + lam.max())
    want = _gd_iterates([[5, 3], [3, 5]], [2, -2], [0, 0], step, 1)[0]
    assert np.allclose([float(v) for v in got["a"]["theta_1"]], want)


def test_step_found_in_an_earlier_part_that_asks_the_optimum():
    got = _solved("The Hessian is H = diag(1, 4, 16).\n"
                  "(a) For heavy ball, give the optimal α and β and the resulting rate.\n"
                  "(b) Does plain gradient descent converge with the step size α found in (a)? "
                  "Give the contraction factor.\n")
    # Polyak's step 4/(√16 + √1)² = 4/25; GD factor max |1 − 4λ/25| over λ ∈ {1, 4, 16}
    a = 4 / (4 + 1) ** 2
    assert float(got["a"]["optimal step"]) == pytest.approx(a)
    assert float(got["b"]["rate"]) == pytest.approx(max(abs(1 - a * x) for x in (1, 4, 16)))
    assert bool(got["b"]["converges"]) is (max(abs(1 - a * x) for x in (1, 4, 16)) < 1)


def test_step_found_in_a_part_that_does_not_ask_the_optimum_is_refused():
    unread = _unread("The Hessian is H = diag(1, 4, 16).\n"
                     "(a) For gradient descent with α = 0.1, what is the rate?\n"
                     "(b) Does gradient descent converge with the step size α found in (a)?\n")
    assert "found in (a)" in unread


# -- the factor of one coordinate, the rate of the optimum just asked ------------------------

@pytest.mark.parametrize("ask, lr", [
    ("By what factor does |u2| get multiplied each step at lr = 0.3?", 0.3),
    ("At lr = 0.3, by what factor is |u2| scaled per iteration?", 0.3),
    ("by what factor does the u2 coordinate grow per step with lr = 0.25?", 0.25),
])
def test_factor_of_the_worst_coordinate_is_the_rate(ask, lr):
    got = _solved("Toy loss\n\nMy loss is f(u) = 0.5*(u1^2 + 9*u2^2), plain GD, the largest "
                  f"stable lr matters.\n(a) {ask}\n(b) What's the largest lr that converges?\n")
    # independent: the factor of u2 is |1 - 9 lr|, the larger one
    assert float(got["a"]["rate"]) == pytest.approx(abs(1 - 9 * lr))


def test_factor_of_a_coordinate_that_is_not_the_worst_is_refused():
    unread = _unread("Toy loss\n\nMy loss is f(u) = 0.5*(u1^2 + 9*u2^2), plain GD, the largest "
                     "stable lr matters.\n(a) By what factor does |u1| shrink per step at "
                     "lr = 0.3?\n(b) What's the largest lr that converges?\n")
    assert "|u1|" in unread and "not the worst" in unread


@pytest.mark.parametrize("ask", ["what the best lr is and what contraction it gives",
                                 "the optimal step size, and the rate it achieves",
                                 "the best learning rate and the contraction factor I get with "
                                 "that one"])
def test_rate_of_the_optimum_just_asked_ignores_the_step_of_the_story(ask):
    got = _solved("GD diverges\n\nOn f(x, y) = 2x^2 + y^2/2, I used learning rate 0.6 and x "
                  f"explodes.\n(a) Tell me {ask}?\n")
    ans = got["a"]
    # Hessian diag(4, 1): optimal step 2/5, optimal rate 3/5 (not the rate at 0.6, 1.4)
    assert float(ans["optimal step"]) == pytest.approx(0.4)
    rate = ans.get("optimal rate", ans.get("rate"))
    assert float(rate) == pytest.approx(0.6)


# -- "in closed form", (γ, β), each method of the shared text ---------------------------------

@pytest.mark.parametrize("pair", ["(γ, β)", "(η, β)", "γ and β"])
def test_optimal_pair_in_any_step_letter_in_closed_form(pair):
    got = _solved("Let A = [[4, 0], [0, 1]] be the Hessian.\n"
                  f"(a) Heavy ball: give the optimal {pair} and the resulting rate, in closed "
                  "form.\n")
    ans = got["a"]
    # Polyak: 4/(√4 + √1)² = 4/9, ((2 − 1)/(2 + 1))² = 1/9, rate 1/3
    assert float(ans["optimal step"]) == pytest.approx(4 / 9)
    assert float(ans["optimal momentum"]) == pytest.approx(1 / 9)


def test_an_optimal_parameter_named_but_not_taken_is_refused():
    from optiproof.families.quadratic_dynamics.reader import _TUNING_NAMED

    assert _TUNING_NAMED.search("give the optimal (ζ, β) and the rate")
    assert not _TUNING_NAMED.search("give the rate at α = 0.1")


def test_each_method_of_the_shared_text_with_the_settings_of_earlier_parts():
    got = _solved("Two methods\n\nf(x) = 1/2 x^T H x with H = diag(1, 9).\n"
                  "Plain GD: x_{k+1} = x_k - alpha*grad f(x_k)\n"
                  "Heavy ball: x_{k+1} = x_k - alpha*grad f(x_k) + beta*(x_k - x_{k-1})\n\n"
                  "(a) For GD with alpha = 0.1, what is the rate?\n"
                  "(b) For heavy ball with alpha = 0.2 and beta = 0.25, what is the rate?\n"
                  "(c) Using rho^k <= 1e-3, how many iterations does each method need?\n")
    gd, hb = got["c.1"]["iterations"], got["c.2"]["iterations"]
    # independent: GD factor max |1 − 0.1λ| = 0.9; heavy-ball spectral radius by numpy roots
    hb_rate = max(max(abs(np.roots([1, -(1 + 0.25 - 0.2 * lam), 0.25]))) for lam in (1, 9))
    assert int(gd) == int(np.ceil(np.log(1e-3) / np.log(0.9)))
    assert int(hb) == int(np.ceil(np.log(1e-3) / np.log(hb_rate)))


def test_each_method_with_two_settings_in_earlier_parts_is_refused():
    unread = _unread("Two methods\n\nf(x) = 1/2 x^T H x with H = diag(1, 9).\n"
                     "Plain GD: x_{k+1} = x_k - alpha*grad f(x_k)\n"
                     "Heavy ball: x_{k+1} = x_k - alpha*grad f(x_k) + beta*(x_k - x_{k-1})\n\n"
                     "(a) For GD with alpha = 0.1, what is the rate?\n"
                     "(b) For GD with alpha = 0.2, what is the rate?\n"
                     "(c) For heavy ball with alpha = 0.2 and beta = 0.25, what is the rate?\n"
                     "(d) Using rho^k <= 1e-3, how many iterations does each method need?\n")
    assert "several step sizes" in unread


# -- earlier answers evaluated at numbers, numeric spectra as intervals -----------------------

_SYMBOLIC = ("Let f(x) = ½ xᵀAx with A ≻ 0 whose eigenvalues lie in [μ, L], 0 < μ < L.\n"
             "(a) Give the optimal constant step of gradient descent and its optimal rate, in "
             "terms of μ and L.\n"
             "(b) For heavy ball, state the optimal α, β and the resulting rate.\n")


def _polyak(mu, L):
    s = (np.sqrt(L) - np.sqrt(mu)) / (np.sqrt(L) + np.sqrt(mu))
    return 4 / (np.sqrt(L) + np.sqrt(mu)) ** 2, s * s, s


@pytest.mark.parametrize("again", ["(c) Evaluate (a) and (b) numerically for μ = 0.04 and L = 1.",
                                   "(c) Compute (a) and (b) for μ = 0.04 and L = 1."])
def test_earlier_parts_evaluated_at_numbers(again):
    got = _solved(_SYMBOLIC + again + "\n")
    gd, hb = got["c.1"], got["c.2"]
    assert float(gd["optimal step"]) == pytest.approx(2 / 1.04)
    assert float(gd["optimal rate"]) == pytest.approx(0.96 / 1.04)
    a, b, rate = _polyak(0.04, 1.0)
    assert float(hb["optimal step"]) == pytest.approx(a)
    assert float(hb["optimal momentum"]) == pytest.approx(b)
    assert float(hb["optimal rate"]) == pytest.approx(rate)


@pytest.mark.parametrize("spectrum", ["Suppose the spectrum of A is contained in [0.04, 1] with "
                                      "both ends attained.",
                                      "Now the eigenvalues lie in [0.04, 1], both endpoints being "
                                      "eigenvalues."])
def test_both_rates_numerically_at_an_interval_spectrum(spectrum):
    got = _solved(_SYMBOLIC + f"(c) {spectrum} Evaluate both rates numerically.\n")
    rates = sorted(float(v["optimal rate"]) for k, v in got.items() if k.startswith("c."))
    assert rates == pytest.approx(sorted([_polyak(0.04, 1.0)[2], 0.96 / 1.04]))


def test_an_interval_whose_ends_are_not_attained_is_not_read_as_the_spectrum():
    from optiproof.families.quadratic_dynamics.reader import _interval

    assert _interval("the spectrum of A is contained in [0.5, 2] with both ends attained") is not None
    assert _interval("the spectrum of A is contained in [0.5, 2].") is None


def test_earlier_answers_without_numbers_are_refused():
    unread = _unread(_SYMBOLIC + "(c) Evaluate (a) and (b) numerically.\n")
    assert "no numeric curvature" in unread


def test_rate_at_the_optimal_step_written_as_rho_of_alpha_star():
    got = _solved("The Hessian has eigenvalues 1 and 3.\n(a) Find the step α* minimising ρ(α), "
                  "and ρ(α*).\n")
    assert float(got["a"]["optimal rate"]) == pytest.approx(0.5)  # (3 − 1)/(3 + 1)


def test_smallest_and_largest_eigenvalue_named_by_symbols():
    got = _solved("Let f(x) = ½ xᵀQx where Q ≻ 0 has smallest eigenvalue μ and largest "
                  "eigenvalue L.\n(a) Give the optimal rate of gradient descent.\n")
    import sympy

    rate = got["a"]["optimal rate"]
    syms = {str(x): x for x in rate.free_symbols}
    mu, L = syms["mu"], syms["L"]
    assert sympy.simplify(rate - (L - mu) / (L + mu)) == 0


@pytest.mark.parametrize("spectrum", ["its eigenvalues lie between 1 and 16",
                                      "the eigenvalues of H are between 1 and 16",
                                      "the eigenvalues range from 1 to 16"])
def test_eigenvalues_between_two_numbers(spectrum):
    got = _solved(f"Loss 0.5 w^T H w where H is positive definite and {spectrum}.\n"
                  "(a) What is the optimal rate of heavy ball?\n")
    assert float(got["a"]["optimal rate"]) == pytest.approx(3 / 5)  # (4 − 1)/(4 + 1)


def test_a_method_switched_off_in_code_is_not_a_method():
    got = _solved("My loss is 0.5 w^T H w with H = diag(1, 4); I run torch.optim.SGD(params, "
                  "lr=0.1, momentum=0.5, nesterov=False).\n(a) What is the convergence rate?\n")
    assert list(got) == ["a"]  # heavy ball only, not a second reading for Nesterov
    radius = max(max(abs(np.roots([1, -(1 + 0.5 - 0.1 * lam), 0.5]))) for lam in (1, 4))
    assert float(got["a"]["rate"]) == pytest.approx(radius)


@pytest.mark.parametrize("setting", ["α = 0.9α*", "α = 0.5α_max", "lr = 0.8·α*", "lr = 2*μ"])
def test_a_step_written_as_an_expression_is_refused_not_cut_to_its_number(setting):
    unread = _unread("Step sizes\n\nH = diag(2, 8), gradient descent.\n(a) What is the optimal "
                     f"step α*?\n(b) With {setting}, what is the rate?\n")
    assert "is an expression in other symbols" in unread


@pytest.mark.parametrize("setting, step", [("α = 2/L", 0.25), ("α = 0.5/μ", 0.25),
                                           ("η = 0.25 L", 2.0)])
def test_a_step_given_as_a_formula_in_mu_and_l_is_evaluated(setting, step):
    got = _solved(f"Step sizes\n\nH = diag(2, 8), gradient descent with {setting}.\n"
                  "(a) What is the rate?\n")
    assert float(got["a"]["rate"]) == pytest.approx(max(abs(1 - step * x) for x in (2, 8)))


def test_a_coordinate_named_like_an_iterate_is_not_guessed():
    unread = _unread("Coordinates\n\nf(x_1, x_2) = x_1^2 + 4 x_2^2; gradient descent with step "
                     "0.1 from x_0 = (1, 1).\n(a) What is x_2 after one step?\n"
                     "(b) What is the largest stable step?\n")
    assert "names a coordinate of f" in unread


def test_earlier_part_recomputed_for_another_method_is_refused():
    unread = _unread(_SYMBOLIC + "(c) Compute (a) for Nesterov's method at μ = 0.04 and L = 1.\n")
    assert "a method not every one of them studies" in unread


@pytest.mark.parametrize("text", [
    "PDF\n\nLet f (θ) = 1\n2 θ>Aθ − c>θ with A = diag(2, 4) and c = (2, 4)>. kθt − θ?k is the "
    "error.\n(a) Compute the minimiser θ?.\n(b) Starting from θ0 = 0 with α = 0.25, compute θ2.\n",
    "Plain\n\nLet f(w) = ½ wᵀAw − cᵀw with A = diag(2, 4) and c = [2, 4].\n"
    "(a) Compute the minimiser w*.\n(b) From w_0 = 0 with step 0.25, compute w_2.\n",
])
def test_named_diagonal_matrix_with_a_linear_term(text):
    got = _solved(text)
    assert np.allclose([float(v) for v in got["a"]["minimiser"]], [1.0, 1.0])
    want = _gd_iterates([[2, 0], [0, 4]], [2, 4], [0, 0], 0.25, 2)[-1]
    assert np.allclose([float(v) for v in got["b"]["theta_2"]], want)


@pytest.mark.parametrize("ask", ["With α = 0.1, what rate does it give?",
                                 "What rate does it achieve with α = 0.1?"])
def test_rate_it_gives_at_a_step_stated_in_the_part_is_the_rate_at_that_step(ask):
    got = _solved("Steps\n\nH = diag(1, 4), gradient descent.\n(a) What is the optimal step? "
                  f"{ask}\n")
    assert float(got["a"]["rate"]) == pytest.approx(max(abs(1 - 0.1 * x) for x in (1, 4)))
