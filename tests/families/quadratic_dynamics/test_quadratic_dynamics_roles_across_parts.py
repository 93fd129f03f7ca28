"""Roles and settings that hold across parts: a letter written as the step in one part is the
step in the later ones ('for γ = 0.1' is the step, and its rate is asked); PyTorch's SGD with
its lr and momentum, rewritten in heavy-ball form with letters, asks the equivalent heavy-ball
step and momentum (the written-out buffer update restates the numbers, or is refused); methods
named with the parts they come from ('GD from (a) and heavy ball from (b)') are both asked; a
leading 'Modelling the error as ρ^k, ...' is context."""

from __future__ import annotations

from fractions import Fraction

import pytest

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
    return Fraction(str(a.value))


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
