"""Roles and settings that hold across parts: a letter written as the step in one part is the
step in the later ones ('for γ = 0.1' is the step, and its rate is asked); PyTorch's SGD with
its lr and momentum, rewritten in heavy-ball form with letters, asks the equivalent heavy-ball
step and momentum (the written-out buffer update restates the numbers, or is refused); methods
named with the parts they come from ('GD from (a) and heavy ball from (b)') are both asked; a
leading 'Modelling the error as ρ^k, ...' is context."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def _solve(text):
    reading = read_report(text)
    problem = reading.to_problem()
    assert reading.unused == []
    return problem, solve_problem(problem, SolveOptions(figures=False))


def _verified(text, index=0):
    """The problem read from ``text`` and its part ``index``'s solution, verified."""
    problem, sol = _solve(text)
    assert sol.parts[index].verified
    return problem, sol.parts[index]


def _value(part, key):
    a = next(a for a in part.answers if a.quantity == key)
    return Fraction(str(sympy.nsimplify(a.expr)))


GAMMA_LATER = {
    "clean": "Let f(x) = ½ xᵀQx with Q having eigenvalues 1, 3 and 8.\n"
             "1. Gradient descent x_{t+1} = x_t − γ∇f(x_t): for which γ does it converge?\n"
             "2. What is the worst-case linear rate for γ = 0.1?",
    "ascii": "f(w) = 0.5 w^T H w, H = diag(1, 3, 8).\n"
             "a) GD: w_{k+1} = w_k - gamma * grad f(w_k). Largest stable gamma?\n"
             "b) contraction factor at gamma = 0.1 ?",
    "latex": "Let $f(x)=\\frac12 x^\\top Q x$ where $Q$ has eigenvalues $1, 3$ and $8$.\n"
             "\\begin{enumerate}\\item[(i)] Gradient descent $x_{k+1} = x_k - \\gamma \\nabla "
             "f(x_k)$. Find $\\gamma_{\\max}$.\n\\item[(ii)] Give the convergence rate when "
             "$\\gamma = 0.1$.\\end{enumerate}",
}


@pytest.mark.parametrize("style", sorted(GAMMA_LATER))
def test_a_letter_written_as_the_step_earlier_is_the_step_later(style):
    problem, part = _verified(GAMMA_LATER[style], 1)
    assert str(problem.parts[1].alpha) in ("0.1", "1/10")
    # max |1 − 0.1 λ| over λ in {1, 3, 8} = max(0.9, 0.7, 0.2) = 0.9
    assert _value(part, "rate") == Fraction(9, 10)


HEAVY_BALL_FORM = {
    "clean": "Let f(x) = ½ xᵀQx, Q with eigenvalues 1 and 4.\nPyTorch's "
             "torch.optim.SGD(params, lr=0.02, momentum=0.8) performs b_t = 0.8·b_{t−1} + g_t, "
             "x_t = x_{t−1} − 0.02·b_t, b_0 = 0. Rewrite it in heavy-ball form "
             "x_{t+1} = x_t − α∇f(x_t) + β(x_t − x_{t−1}): what are α and β?",
    "ascii": "f(w) = 0.5 w^T H w, H = diag(1, 4).\nMy code: torch.optim.SGD(w, lr=0.02, "
             "momentum=0.8), i.e. v_t = 0.8*v_{t-1} + g_t, w_t = w_{t-1} - 0.02*v_t.\n"
             "As heavy ball w_{k+1} = w_k - eta*grad f(w_k) + beta*(w_k - w_{k-1}), what are "
             "eta and beta?",
    "latex": "Let $f(\\theta)=\\frac12\\theta^\\top H\\theta$ with eigenvalues $1, 4$. "
             "PyTorch's SGD with $\\mathrm{lr}=0.02$, momentum $0.8$ (dampening $0$) runs "
             "$b_t = 0.8\\, b_{t-1} + g_t$, $\\theta_t = \\theta_{t-1} - 0.02\\, b_t$. Written as "
             "$\\theta_{t+1} = \\theta_t - \\alpha \\nabla f(\\theta_t) + \\beta(\\theta_t - "
             "\\theta_{t-1})$, find $\\alpha$ and $\\beta$.",
}


@pytest.mark.parametrize("style", sorted(HEAVY_BALL_FORM))
def test_pytorch_sgd_in_heavy_ball_form(style):
    part = _verified(HEAVY_BALL_FORM[style])[1]
    assert _value(part, "equivalent-step") == Fraction(1, 50)
    assert _value(part, "equivalent-momentum") == Fraction(4, 5)


def test_a_written_out_update_that_disagrees_is_refused():
    text = ("Let f(x) = ½ xᵀQx, Q with eigenvalues 1 and 4. PyTorch's torch.optim.SGD(params, "
            "lr=0.02, momentum=0.8) performs b_t = 0.9·b_{t−1} + g_t, x_t = x_{t−1} − 0.02·b_t. "
            "In heavy-ball form x_{t+1} = x_t − α∇f(x_t) + β(x_t − x_{t−1}): what are α and β?")
    reading = read_report(text)
    assert not reading.complete
    assert any("0.9" in m.reason and "momentum" in m.reason
               for p in reading.parts for m in p.missing)


METHODS_FROM_PARTS = {
    "markdown": "Eigenvalues of $H$ lie in $[\\mu, L]$ with $\\mu = 1$, $L = 100$.\n"
                "- **(a)** GD: the optimal step and its rate.\n"
                "- **(b)** Heavy ball: the optimal $\\alpha$, $\\beta$ and the rate.\n"
                "- **(c)** Modelling the error as $\\rho^k$, how many iterations do GD from (a) "
                "and heavy ball from (b) need to shrink the error by $10^3$?",
    "clean": "The Hessian has eigenvalues between μ = 1 and L = 100.\n(a) Optimal step of gradient "
             "descent and its rate?\n(b) Optimal heavy-ball α, β and rate?\n(c) Assuming the "
             "error behaves like ρ^k, how many iterations do GD of (a) and heavy ball of (b) need "
             "for a reduction by 10^3?",
    "ascii": "mu = 1, L = 100 (extreme eigenvalues of H).\n1) GD: best step, rate?\n2) heavy "
             "ball: best alpha, beta, rate?\n3) Treating the error as rho^k, how many "
             "iterations do GD from 1) and heavy ball from 2) need to get the error down by 1000x?",
}


@pytest.mark.parametrize("style", sorted(METHODS_FROM_PARTS))
def test_methods_named_with_their_parts_are_each_asked(style):
    problem, sol = _solve(METHODS_FROM_PARTS[style])
    last = [p for p in problem.parts if "iterations" in p.asks]
    assert sorted(p.method for p in last) == ["gd", "heavy-ball"]
    counts = {p.method: next(a.value for a in s.answers if a.quantity == "iterations")
              for p, s in zip(problem.parts, sol.parts) if "iterations" in p.asks}
    # ρ_GD = 99/101: k ≥ ln(1000)/ln(101/99) → 346; ρ_HB = 9/11: ln(1000)/ln(11/9) → 35
    assert {k: int(v) for k, v in counts.items()} == {"gd": 346, "heavy-ball": 35}


RESTATED_MOMENTUM = {
    "ascii": "f(theta) = 0.5 * theta^T H theta, H = [2, 1; 1, 2].\nHeavy ball with momentum "
             "beta = 0.5: theta_{k+1} = theta_k - lr*grad f(theta_k) + 0.5*(theta_k - "
             "theta_{k-1}). Largest lr for which this is still stable?",
    "clean": "Let f(x) = ½ xᵀHx, H with eigenvalues 1 and 3. Heavy ball with β = 0.5, "
             "x_{k+1} = x_k − α∇f(x_k) + 0.5(x_k − x_{k−1}): what is the largest stable α?",
    "latex": "Let $f(w)=\\frac12 w^\\top H w$ with eigenvalues $1$ and $3$. Heavy ball, "
             "momentum $\\beta = 0.5$: $w_{t+1} = w_t - \\eta \\nabla f(w_t) + 0.5\\,(w_t - "
             "w_{t-1})$. Find the largest stable $\\eta$.",
}


@pytest.mark.parametrize("style", sorted(RESTATED_MOMENTUM))
def test_a_heavy_ball_update_written_with_its_momentum(style):
    part = _verified(RESTATED_MOMENTUM[style])[1]
    # heavy ball is stable for α < 2(1 + β)/L = 2·1.5/3 = 1
    assert _value(part, "max-step") == 1


def test_a_heavy_ball_update_with_another_momentum_is_refused():
    text = ("Let f(x) = ½ xᵀHx, H with eigenvalues 1 and 3. Heavy ball with β = 0.5, "
            "x_{k+1} = x_k − α∇f(x_k) + 0.9(x_k − x_{k−1}): what is the largest stable α?")
    reading = read_report(text)
    assert any("0.9" in m.reason for p in reading.parts for m in p.missing)


IN_PART_REFERENCE = {
    "clean": "Let f(x) = ½ xᵀQx with Q having eigenvalues 1, 3 and 8.\n"
             "1. Gradient descent x_{t+1} = x_t − γ∇f(x_t). What is γ_max?\n"
             "2. Find the γ that gives the fastest linear rate, and that rate.\n"
             "3. Name the ship that sailed to Lisbon in 1755.",
    "ascii": "f(w) = 0.5 w^T H w, H = diag(1, 3, 8).\n"
             "a) GD w_{k+1} = w_k - gamma*grad f(w_k): largest stable gamma?\n"
             "b) the best gamma for the worst-case rate, and that rate?\n"
             "c) What does the third-party library call this step?",
    "forum": "quadratic with Hessian eigenvalues 1, 3, 8, plain GD x_{t+1} = x_t - γ∇f(x_t).\n"
             "(1) what's the largest γ before it blows up?\n(2) which γ is optimal, and what is "
             "that optimal rate?\n(3) and why does my loss curve look wavy in TensorBoard?",
}


@pytest.mark.parametrize("style", sorted(IN_PART_REFERENCE))
def test_a_reference_inside_a_part_and_later_parts_do_not_block_it(style):
    """'that rate' naming the rate the part just mentioned is not a reference to an earlier
    part, and a later part that is not read defines nothing the earlier ones use."""
    from optiproof.reading.partial import answerable

    reading = read_report(IN_PART_REFERENCE[style])
    parts, skipped = answerable(reading)
    assert len(parts) == 2 and len(skipped) == 1, skipped


CONVERGES_AT = {
    "forum": "My quadratic has Hessian eigenvalues 1 and 100. Does lr = 0.01 with momentum 0.9 "
             "converge, and if yes at what linear rate?",
    "clean": "f(x) = ½ xᵀHx, H = diag(1, 100). Does heavy ball with α = 0.01 and β = 0.9 "
             "converge? If so, what is its convergence rate?",
    "ascii": "H = diag(1, 100), heavy ball: lr = 0.01, beta = 0.9.\nDoes this converge, and "
             "at what rate?",
}


@pytest.mark.parametrize("style", sorted(CONVERGES_AT))
def test_does_a_given_step_and_momentum_converge_and_at_what_rate(style):
    part = _verified(CONVERGES_AT[style])[1]
    assert next(a.value for a in part.answers if a.quantity == "converges") is True
    # every root is complex (1.89² < 3.6 and 0.9² < 3.6): |r| = √β = √0.9
    rate = next(a for a in part.answers if a.quantity == "rate")
    assert float(rate.value) == pytest.approx(0.9 ** 0.5)


MU_L_NUMBERS = {
    "clean": "A strongly convex quadratic with μ = 2 and L = 50.\n(a) What is the condition "
             "number?\n(b) What is the optimal rate of gradient descent?",
    "latex": "Let $f$ be a $\\mu$-strongly convex, $L$-smooth quadratic with $\\mu = 2$, "
             "$L = 50$.\n\\begin{enumerate}\\item[(a)] Give $\\kappa$.\\item[(b)] Give the "
             "optimal convergence rate of gradient descent.\\end{enumerate}",
    "ascii": "quadratic, strong convexity mu = 2, smoothness L = 50\na) condition number?\n"
             "b) best GD rate?",
}


@pytest.mark.parametrize("style", sorted(MU_L_NUMBERS))
def test_mu_and_l_given_as_numbers_are_the_extreme_eigenvalues(style):
    problem, sol = _solve(MU_L_NUMBERS[style])
    assert all(s.verified for s in sol.parts)
    assert _value(sol.parts[0], "condition-number") == 25
    # (κ − 1)/(κ + 1) = 24/26
    assert _value(sol.parts[1], "optimal-rate") == Fraction(12, 13)


HEADING_NAMES_BOTH = {
    "pdf": "Exercise 2 (GD and heavy-ball on a bowl). Consider f (x, y) = x^2 + 9y^2 and the "
           "gradient method (x, y)t+1 = (x, y)t − γ∇f ((x, y)t ) with constant step γ > 0.\n"
           "(a) Give the largest admissible γ.\n(b) Heavy-ball momentum: the optimal (γ, β)?",
    "clean": "Problem 3 — GD versus heavy ball\nLet f(x) = ½ xᵀHx, H = diag(2, 18), and run "
             "x_{k+1} = x_k − α∇f(x_k).\n(a) What is the largest stable α?\n(b) For heavy ball, "
             "give the optimal α and β.",
    "ascii": "GD vs momentum on a quadratic. H = diag(2, 18); iteration x_{t+1} = x_t - lr*grad "
             "f(x_t).\na) largest stable lr?\nb) heavy ball: optimal lr and momentum?",
}


@pytest.mark.parametrize("style", sorted(HEADING_NAMES_BOTH))
def test_the_written_update_of_the_shared_text_decides_its_method(style):
    """A heading naming GD and heavy ball does not make heavy ball the method of parts that
    name none: the shared text's written update (no momentum term) is gradient descent."""
    problem, part = _verified(HEADING_NAMES_BOTH[style])
    assert [p.method for p in problem.parts] == ["gd", "heavy-ball"]
    assert _value(part, "max-step") == Fraction(1, 9)


@pytest.mark.parametrize("own", [
    "Keep ε > 0 and multiply the loss by c > 0. The resulting iterates are those of another ε′.",
    "Set β = 0.5 and run heavy ball; the resulting rate is what we want.",
    "Now double the step. What is the resulting rate?",
])
def test_the_result_of_the_parts_own_instruction_is_not_a_back_reference(own):
    from optiproof.reading.partial import _BACK, _internal

    m = next(x for x in _BACK.finditer(own) if x.group(0).lower().startswith("the resulting"))
    assert _internal(own, m)
    assert not _internal("The resulting rate is smaller.", next(_BACK.finditer(
        "The resulting rate is smaller.")))


@pytest.mark.parametrize("own", [
    "The resulting iterates are exactly those of unscaled Adam with another ε′.",
    "Its steps are those of plain GD with a larger step.",
    "Are the rates those of heavy ball?",
])
def test_those_of_names_a_noun_of_its_own_sentence(own):
    from optiproof.reading.partial import _BACK, _internal

    m = next(x for x in _BACK.finditer(own) if x.group(0).lower() == "those")
    assert _internal(own, m)
