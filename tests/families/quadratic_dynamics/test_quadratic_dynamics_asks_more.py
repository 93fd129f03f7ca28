"""Quadratic-dynamics requests in wordings of exercises written elsewhere: the curvature's
constants (L, μ, the Hessian, the eigenvalues) asked, an iteration count with its assumption
stated, a step written as an expression in μ and L, the stability limit asked as "up to which
α". Phrasings are our own, in several styles; values are checked independently (numpy)."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.reading import read_report
from test_quadratic_dynamics_reading_forms import _solved, _unread


def _complete(text: str):
    reading = read_report(text)
    assert not reading.unread(), reading.unread()
    return reading


def _asks(text: str) -> dict[str, list[str]]:
    return {p.label: list(p.asked) for p in _complete(text).parts}


# -- the smoothness and strong convexity constants, the Hessian, the eigenvalues ---------------

CONSTANTS = [
    "Let f(u, v) = 3u^2 + 12v^2.\n(a) What are the smoothness constant L and the strong "
    "convexity constant μ of f?\n(b) Find the largest stable step size of gradient descent.",
    "f(u,v) = 3*u^2 + 12*v^2\n1) Give L, mu and kappa.\n2) What is the largest step size for "
    "which GD converges?",
    "\\paragraph{Ex.} Let $f(u,v) = 3u^2 + 12v^2$.\n\\begin{enumerate}\n\\item State the "
    "Lipschitz constant of the gradient and the strong convexity parameter.\n\\item Give the "
    "largest stable step size.\n\\end{enumerate}",
]


@pytest.mark.parametrize("text", CONSTANTS)
def test_smoothness_and_strong_convexity_are_asked(text):
    first = next(iter(_asks(text).values()))
    assert {"smoothness-constant", "strong-convexity-constant"} <= set(first)


def test_smoothness_and_strong_convexity_are_solved_and_verified():
    got = _solved(CONSTANTS[0])
    H = np.diag([6.0, 24.0])   # the Hessian of 3u^2 + 12v^2
    w = np.linalg.eigvalsh(H)
    assert float(got["a"]["smoothness constant"]) == pytest.approx(w.max())
    assert float(got["a"]["strong convexity constant"]) == pytest.approx(w.min())
    assert float(got["b"]["max stable step"]) == pytest.approx(2 / w.max())


def test_singular_hessian_has_strong_convexity_zero():
    text = ("Let f(θ) = ½ θ^T H θ with H = [[1, 1], [1, 1]].\n(a) What is the strong convexity "
            "constant of f, and the smoothness constant?")
    got = _solved(text)
    assert float(got["a"]["strong convexity constant"]) == 0
    assert float(got["a"]["smoothness constant"]) == pytest.approx(
        np.linalg.eigvalsh(np.array([[1.0, 1.0], [1.0, 1.0]])).max())


@pytest.mark.parametrize("text", [
    "Let f(p, q) = p^2 + 4q^2.\n(a) Write f as ½ θ^T H θ with θ = (p, q). What is the "
    "condition number?",
    "f(p,q) = p^2 + 4*q^2\n(a) Express it in the form 1/2 x^T A x and give the condition number.",
    "Consider $f(p,q) = p^2 + 4q^2$.\n(a) Write $f$ as $\\tfrac12 \\theta^\\top H\\theta$ and "
    "find the condition number.",
])
def test_write_f_as_half_quadratic_form_asks_the_hessian(text):
    assert "hessian" in _asks(text)["a"]


def test_quadratic_form_without_half_is_not_the_hessian():
    text = ("Let f(p, q) = p^2 + 4q^2.\n(a) Write f as θ^T A θ with θ = (p, q). What is the "
            "condition number?")
    assert "Write f as θ^T A θ" in _unread(text)


@pytest.mark.parametrize("text", [
    "Let f(θ) = ½ θ^T H θ - b^T θ with H = [[4, 1], [1, 4]], b = [1, 0].\n(a) Find the "
    "minimiser θ*, the eigenvalues of H and the condition number.",
    "f(w) = 1/2 w^T H w - b^T w, H = [4, 1; 1, 4], b = [1; 0]\n(a) Compute the condition "
    "number, the eigenvalues and the minimizer of f.",
])
def test_eigenvalues_asked_in_a_list(text):
    assert {"eigenvalues", "condition-number"} <= set(_asks(text)["a"])


# -- an iteration count with its assumption stated ------------------------------------------

ASSUMED = [
    "Let f(x, y) = x^2 + 4y^2 and run gradient descent with step η = 0.2.\n(a) Assuming the "
    "error contracts by exactly the rate every step, how many iterations reduce it by a factor "
    "10^3?",
    "f(x,y) = x^2 + 4*y^2, GD with lr = 0.2\n1) Treating the rate as an exact per-step "
    "contraction factor, how many iterations are needed to reduce the error by 1000x?",
    "Let $f(x,y) = x^2 + 4y^2$ and $\\eta = 0.2$.\n\\begin{enumerate}\n\\item If we take the "
    "error to shrink by exactly $\\rho$ each iteration, how many iterations reduce it by a "
    "factor $10^3$?\n\\end{enumerate}",
]


@pytest.mark.parametrize("text", ASSUMED)
def test_assumed_per_step_rate_is_the_count_convention(text):
    part = _complete(text).parts[0]
    assert "iterations" in part.asked
    assert any(c.name == "assumed rate" for c in part.conventions)


def test_assumed_rate_count_is_verified():
    got = _solved(ASSUMED[0])
    rho = max(abs(1 - 0.2 * lam) for lam in (2.0, 8.0))   # H = diag(2, 8)
    assert int(got["a"]["iterations"]) == int(np.ceil(np.log(1e-3) / np.log(rho)))


def test_assumption_without_a_count_is_not_taken():
    text = ("Let f(x, y) = x^2 + 4y^2.\n(a) Assuming the error shrinks by exactly the rate each "
            "step, what is the optimal step size, and what are the error factors?")
    assert "error factors" in _unread(text)


# -- the stability limit ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "H = diag(1, 4).\n(a) Heavy ball with β = 0.5 fixed: up to which α is it stable?",
    "Let H = diag(1, 4) and use heavy ball with momentum β = 0.5.\n(a) For which values of α "
    "does the method converge from every start?",
    "Take $H = \\mathrm{diag}(1, 4)$, heavy ball, $\\beta = 0.5$.\n\\begin{enumerate}[label=(\\alph*)]"
    "\n\\item Until which step size does heavy ball remain stable?\n\\end{enumerate}",
])
def test_up_to_which_alpha_is_the_largest_stable_step(text):
    assert list(_asks(text).values()) == [["max-step"]]


def test_heavy_ball_stability_limit_value():
    got = _solved("H = diag(1, 4).\n(a) Heavy ball with β = 0.5 fixed: up to which α is it "
                  "stable?")
    # heavy ball is stable iff 0 < αλ < 2(1 + β) for every eigenvalue: α < 3/4
    assert float(got["a"]["max stable step"]) == pytest.approx(0.75)


@pytest.mark.parametrize("text", [
    "Eigenvalues of H: 1 and 9.\n(a) Give the optimal fixed step size of GD and its rate.",
    "H = diag(1, 9).\n(a) what's the best fixed learning rate and the rate it gives?",
])
def test_optimal_fixed_step(text):
    assert "optimal-step" in _asks(text)["a"]


# -- a step written as an expression in the curvature's symbols ------------------------------

@pytest.mark.parametrize("text, alpha", [
    ("H = diag(1, 4, 10).\n(a) Compare with plain GD with step 1/L: what is its rate?", "1/L"),
    ("H = diag(1, 4, 10), μ and L its extreme eigenvalues.\n(a) Run GD using the step "
     "2/(μ + L). What is its rate?", "2/11"),
    ("Let $H = \\mathrm{diag}(1, 4, 10)$.\n\\begin{enumerate}[label=(\\alph*)]\n\\item For "
     "gradient descent with a step size of 1/L, give the convergence rate.\n\\end{enumerate}",
     "1/L"),
])
def test_step_as_expression_in_mu_and_L(text, alpha):
    part = read_report(text).parts[0]
    assert not part.missing, part.missing
    assert part.value("alpha") == alpha
    assert "rate" in part.asked


def test_step_expression_rate_is_verified():
    got = _solved("H = diag(1, 4, 10), μ and L its extreme eigenvalues.\n(a) Run GD using the "
                  "step 2/(μ + L). What is its rate?")
    lams = np.array([1.0, 4.0, 10.0])
    assert float(got["a"]["rate"]) == pytest.approx(np.abs(1 - 2 / 11 * lams).max())


def test_step_expression_needs_numeric_curvature():
    text = ("The Hessian has eigenvalues between μ and L.\n(a) Run GD with step 2/(μ + L). What "
            "is its rate?")
    assert "cannot be evaluated" in _unread(text)


def test_nesterov_constant_momentum_is_one_method():
    text = ("f(x) = 0.5 x^T H x, H = diag(1, 4).\nNesterov's method (constant momentum variant) "
            "with α = 0.25 and β = 0.5.\n1. What is the spectral radius of the iteration?")
    reading = read_report(text)
    assert [p.value("method") for p in reading.parts] == ["nesterov"]


# -- presentation: a running footer of PDF copy, a remark on the answer's form ----------------

@pytest.mark.parametrize("text", [
    "H = diag(1, 5).\n(a) Give the largest stable step size.\n\n"
    "Lecture Notes on Optimisation                                   12\n",
    "H = diag(1, 5).\n(a) Give the largest stable step size.\n\n"
    "12                                Numerical Methods II\n",
])
def test_running_footer_is_not_data(text):
    reading = _complete(text)
    assert any("running footer" in r for r in reading.removed)
    assert not [u.text for p in reading.parts for u in p.numbers if u.status == "unused"]


@pytest.mark.parametrize("text", [
    "H = [[3, 1], [1, 3]].\n(a) Give the optimal heavy-ball α and β. Exact expressions with "
    "sqrt(2) are fine.",
    "H = [[3, 1], [1, 3]].\n(a) Heavy ball: the optimal (α, β)? Answers in terms of √2 are OK.",
    "H = [[3, 1], [1, 3]].\n(a) Find the optimal α and β of heavy ball (closed forms involving "
    "sqrt(2) welcome).",
])
def test_answer_form_remark_uses_its_radicand(text):
    part = _complete(text).parts[0]
    assert any(c.name == "answer form" for c in part.conventions)


# -- several methods in one part: the methods of the earlier parts ----------------------------

EACH = [
    "H = diag(1, 4).\n(a) Give the optimal step of gradient descent and its rate.\n(b) Give the "
    "optimal heavy-ball α and β and the rate.\n(c) How many iterations does each method need to "
    "reduce the error by a factor 10^3?",
    "H = diag(1, 4).\na) GD: optimal step and rate.\nb) Heavy ball: optimal α, β and rate.\nc) "
    "Using the rates from a) and b), how many iterations does each method need to reduce the "
    "error by a factor 10^3?",
    "H = diag(1, 4).\n1. Optimal constant step size of gradient descent and the resulting rate?\n"
    "2. Optimal heavy-ball parameters and the resulting rate?\n3. Treating the rates from 1. and 2. "
    "as per-step error factors, how many iterations does each method need to reduce the error "
    "by 10^3?",
]


@pytest.mark.parametrize("text", EACH)
def test_each_method_takes_the_methods_of_the_earlier_parts(text):
    parts = _complete(text).parts
    last = [p for p in parts if "." in p.label]
    assert [p.value("method") for p in last] == ["gd", "heavy-ball"]
    assert all(p.asked[:1] == ["iterations"] or "iterations" in p.asked for p in last)


def test_each_method_counts_are_verified():
    got = _solved(EACH[0])
    rates = {"c.1": (4 - 1) / (4 + 1), "c.2": (2 - 1) / (2 + 1)}   # (κ-1)/(κ+1), (√κ-1)/(√κ+1)
    for label, rho in rates.items():
        assert int(got[label]["iterations"]) == int(np.ceil(np.log(1e-3) / np.log(rho)))


# -- PyTorch's lr and momentum for the tuned heavy ball ---------------------------------------

TUNED = [
    "The Hessian has eigenvalues between μ = 1 and L = 100.\n(a) PyTorch's SGD does buf = "
    "momentum*buf + grad; p -= lr*buf. Which lr and momentum reproduce the tuned heavy ball?",
    "Hessian eigenvalues range from mu = 1 to L = 100, and torch.optim.SGD uses v <- mu_pt v + g, "
    "x <- x - lr v.\n(a) What do I pass as lr and momentum to get the optimal heavy ball?",
    "Let the eigenvalues of H be between μ = 1 and L = 100.\n(a) In PyTorch (dampening 0), what "
    "lr and momentum give the iterates of heavy ball with the optimal α and β?",
]


@pytest.mark.parametrize("text", TUNED)
def test_pytorch_arguments_of_the_tuned_heavy_ball(text):
    part = _complete(text).parts[0]
    assert "pytorch" in part.asked
    assert (part.value("alpha"), part.value("beta")) == ("4/121", "81/121")


def test_pytorch_arguments_of_the_tuned_heavy_ball_are_verified():
    got = _solved(TUNED[0])["a"]
    # 4/(√L + √μ)², ((√κ − 1)/(√κ + 1))²: PyTorch with dampening 0 runs heavy ball (lr, momentum)
    assert float(got["heavy-ball step"]) == pytest.approx(4 / 121)
    assert float(got["heavy-ball momentum"]) == pytest.approx(81 / 121)


def test_another_momentum_convention_is_not_pytorch():
    text = ("The Hessian has eigenvalues between μ = 1 and L = 100; PyTorch SGD is used.\n(a) "
            "A friend writes v = momentum*v + lr*grad, p = p - v. Which lr and momentum give "
            "the tuned heavy ball?")
    assert "not PyTorch's SGD" in _unread(text)


# -- the curvature named by the function's own matrix ----------------------------------------

@pytest.mark.parametrize("text", [
    "f(w) = 1/2 w^T A w where the eigenvalues of A go from μ = 1 to L = 100.\n(a) Give the "
    "optimal step of gradient descent and its convergence rate.",
    "Let f(x) = ½ xᵀQx; Q's spectrum runs from m = 1 to M = 100.\n(a) What is the optimal step "
    "size of GD, and the resulting rate?",
])
def test_spectrum_from_mu_to_L_with_values(text):
    part = _complete(text).parts[0]
    assert [float(x) for x in part.value("eigenvalues")] == [1.0, 100.0]


def test_spectrum_of_a_matrix_without_the_half_is_refused():
    text = ("f(w) = w^T A w where the eigenvalues of A go from μ = 1 to L = 100.\n(a) What is the "
            "optimal step size of gradient descent and its convergence rate?")
    assert "has no ½" in _unread(text)


# -- PDF copy: a factor whose exponent was flattened; LaTeX typewriter text ------------------

def test_flattened_factor_in_pdf_copy():
    from optiproof.reading.normalize import normalize

    garbled = "Let f (x) = 1\n2 x>Ax. How many iterations reduce kxk by a factor 104?"
    assert "10^4" in normalize(garbled).text
    clean = "How many iterations reduce the error by a factor 104?"
    assert "10^4" not in normalize(clean).text


def test_latex_typewriter_text_is_its_content():
    from optiproof.reading.normalize import normalize

    text = normalize(r"Which \texttt{lr} and \textsf{momentum} reproduce it?").text
    assert "Which lr and momentum" in text


# -- the exponential-moving-average convention: the step that gives heavy ball's iterates ----

EMA = [
    "The Hessian's spectrum lies in [μ, L] with μ = 1 and L = 100, both attained.\n(a) Your code "
    "keeps an exponential moving average m ← β m + (1 − β) g and steps x ← x − γ m, with β = β*. "
    "Which γ gives the same iterates as the tuned heavy ball?",
    "The eigenvalues of H are between mu = 1 and L = 100.\n(a) My code uses an EMA buffer m = "
    "beta*m + (1-beta)*g and x = x - gamma*m, with beta = beta*. Which gamma reproduces the "
    "iterates of heavy ball?\n(b) Give the optimal heavy-ball alpha and beta.",
    "Let the eigenvalues of $H$ lie between $\\mu = 1$ and $L = 100$.\n\\begin{enumerate}"
    "[label=(\\alph*)]\n\\item Using an exponential moving average $m \\leftarrow \\beta m + "
    "(1-\\beta) g$, $x \\leftarrow x - \\eta m$ with $\\beta = \\beta^\\star$, which $\\eta$ "
    "yields the same iterates as heavy ball?\n\\item Give the optimal heavy-ball $\\alpha$ and "
    "$\\beta$.\n\\end{enumerate}",
]


@pytest.mark.parametrize("text", EMA)
def test_ema_step_of_the_tuned_heavy_ball(text):
    part = _complete(text).parts[0]
    assert part.asked == ["effective-step"]
    assert (part.value("method"), part.value("alpha"), part.value("beta")) == (
        "heavy-ball", "4/121", "81/121")


def test_ema_step_is_verified():
    got = _solved(EMA[0])
    # heavy ball α = γ(1 − β) with the optimal pair α* = 4/121, β* = 81/121: γ = 1/10
    assert float(got["a"]["effective step"]) == pytest.approx((4 / 121) / (1 - 81 / 121))


def test_pytorch_part_is_answered_after_the_reading_is_attached():
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    reading = read_report(TUNED[0])
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    reading.attach(solution)
    assert solution.exit_code == 0, [p.to_dict().get("not_verified_because")
                                     for p in solution.parts]


# -- more ways to state the curvature and to ask for its constants -----------------------------

_Q = ("\n(a) What is the largest stable step size of gradient descent?\n(b) Give the optimal step "
      "size and the rate.")


@pytest.mark.parametrize("text, spectrum", [
    ("Let f(x) = ½ xᵀAx where A has eigenvalues λ_1 = 1 and λ_2 = 10." + _Q, [1, 10]),
    ("A quadratic with Hessian eigenvalues μ = 1 and L = 50." + _Q, [1, 50]),
    ("f(w) = 1/2 w^T B w; the eigenvalues of B are 2, 3 and 7." + _Q, [2, 3, 7]),
    ("Its spectrum has m = 0.5 and M = 4 as extreme values (f = ½ xᵀQx)." + _Q, [0.5, 4]),
])
def test_spectrum_stated_in_prose(text, spectrum):
    part = _complete(text).parts[0]
    assert [float(x) for x in part.value("eigenvalues")] == spectrum


_F = "Let f(x, y) = 2x^2 + 8y^2 and run gradient descent with step size η = 0.1.\n"


@pytest.mark.parametrize("text, asked", [
    (_F + "(a) Find L and μ.\n(b) Give κ.", {"smoothness-constant", "strong-convexity-constant"}),
    (_F + "(a) What are μ (strong convexity) and L (smoothness)?\n(b) Give κ.",
     {"smoothness-constant", "strong-convexity-constant"}),
    (_F + "(a) What are the smallest and largest eigenvalues of the Hessian?\n(b) Give κ.",
     {"eigenvalues"}),
    (_F + "(a) Write the objective in the form ½ zᵀHz and state H.\n(b) Give κ.", {"hessian"}),
    (_F + "(a) Using the per-iteration contraction as exact, how many steps bring the error below "
     "10^-6 of its start?\n(b) Give κ.", {"iterations"}),
])
def test_curvature_constants_and_counts_asked(text, asked):
    assert asked <= set(_asks(text)["a"])


def test_curvature_constants_values():
    got = _solved(_F + "(a) Find L and μ.\n(b) Give κ.")
    w = np.linalg.eigvalsh(np.diag([4.0, 16.0]))   # the Hessian of 2x^2 + 8y^2
    assert (float(got["a"]["smoothness constant"]), float(got["a"]["strong convexity constant"]),
            float(got["b"]["condition number"])) == pytest.approx((w.max(), w.min(), 4.0))


@pytest.mark.parametrize("text, steps", [
    ("Let f(x) = ½ xᵀAx with A = diag(1, 10).\n(a) Compare GD with step 2/(μ+L): what is its "
     "rate?\n(b) With step 1/L, what is the rate?", ["2/11", "1/L"]),
    ("Let f(x) = ½ xᵀAx with A = diag(1, 10).\n(a) GD with the step η = 2/(L + μ): rate?\n(b) GD "
     "with η = 1/L: rate?", ["2/11", "1/L"]),
])
def test_rate_at_a_step_written_in_mu_and_L(text, steps):
    parts = _complete(text).parts
    assert [p.value("alpha") for p in parts] == steps
    assert all(p.asked == ["rate"] for p in parts)


# -- plain gradient descent asked for comparison in a part about a momentum method ----------

COMPARED = [
    "The eigenvalues of H lie between μ = 1 and L = 100 (both attained); we use heavy ball.\n(a) "
    "Give the optimal α and β.\n(b) How many iterations to reduce the error by 10^4? How many "
    "iterations does plain GD with its best fixed step need, for comparison?",
    "The eigenvalues of H lie between μ = 1 and L = 100 (both attained).\n(a) Give the optimal "
    "heavy-ball α and β.\n(b) How many iterations does heavy ball need to reduce the error by "
    "10^4? How many iterations does gradient descent with its optimal step need?",
    "heavy ball on a quadratic, Hessian eigenvalues between mu = 1 and L = 100\n(a) optimal alpha "
    "and beta?\n(b) how many iterations for a 10^4 reduction? and how many iterations would GD "
    "with the best step size take, for comparison?",
]


@pytest.mark.parametrize("text", COMPARED)
def test_gd_for_comparison_is_a_second_reading(text):
    parts = [p for p in _complete(text).parts if p.label.startswith("b")]
    assert [p.value("method") for p in parts] == ["heavy-ball", "gd"]
    assert all("iterations" in p.asked for p in parts)


def test_gd_for_comparison_counts_are_verified():
    got = _solved(COMPARED[0])
    # optimal rates: heavy ball (√κ−1)/(√κ+1) = 9/11, gradient descent (κ−1)/(κ+1) = 99/101
    assert int(got["b.1"]["iterations"]) == int(np.ceil(np.log(1e-4) / np.log(9 / 11)))
    assert int(got["b.2"]["iterations"]) == int(np.ceil(np.log(1e-4) / np.log(99 / 101)))


def test_gd_only_request_stays_gd():
    text = ("f(x) = 0.5 x^T H x, H = diag(1, 4); Nesterov's method with α = 1/L.\n(a) Compare with "
            "plain GD with step 1/L: what is its rate?")
    assert [p.value("method") for p in _complete(text).parts] == ["gd"]


def test_pytorch_lr_with_dampening_is_refused():
    text = ("The Hessian eigenvalues lie between μ = 1 and L = 100 (both attained). PyTorch's SGD "
            "does buf = momentum*buf + (1 - dampening)*grad, p = p - lr*buf.\n(a) With dampening = "
            "0.5, which lr and momentum reproduce heavy ball with α = 0.1, β = 0.9?")
    assert "nonzero dampening" in _unread(text)


@pytest.mark.parametrize("text, asked", [
    ("H = diag(1, 9).\n(a) What is the optimal heavy-ball rate?", "optimal-rate"),
    ("H = diag(1, 9).\n(a) Assuming ‖e_k‖ = ρ^k ‖e_0‖ exactly, how many GD steps with α = 0.2 "
     "reduce the error 1000-fold?", "iterations"),
    ("H = diag(1, 9), gradient descent with η = 0.2.\n(a) How many gradient descent iterations "
     "are needed to cut the error by 10^3?", "iterations"),
])
def test_method_named_inside_the_ask(text, asked):
    assert asked in _asks(text)["a"]


def test_ema_step_of_nesterov_is_not_heavy_balls():
    text = ("Nesterov's method on a quadratic whose Hessian has eigenvalues between μ = 1 and "
            "L = 100.\n(a) Your code keeps an exponential moving average m ← β m + (1 − β) g and "
            "steps x ← x − γ m, with β = β*. Which γ gives the same iterates?")
    reading = read_report(text)
    assert reading.unread()
    assert all(p.value("alpha") is None for p in reading.parts)
