"""The tuned pair in parentheses ("heavy ball with tuned (η, β): give η, β"), an iteration
count's tolerance right after it ("the iteration count for 1e-4", "iterations to reach 10^-6
relative accuracy"), and an EMA form written with its letters ("v <- b*v + (1-b)*grad;
θ <- θ - lr*v") asked to reproduce an earlier part's tuned heavy ball: its lr and b. Checked
against the standard optimal heavy-ball pair and a numpy run of both iterations."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.families.quadratic_dynamics.parameters import parameter_role
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def _answers(text: str) -> list[dict]:
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False,
                                                                run_witnesses=False))
    return [{a["quantity"]: a["value"] for a in p["answers"]} for p in solution.to_dict()["parts"]]


def _pair(mu: int, big: int) -> tuple[float, float, float]:
    """Heavy ball's optimal (α, β) and rate for eigenvalues in [μ, L] (the standard formulas)."""
    s, t = math.sqrt(mu), math.sqrt(big)
    return 4 / (s + t) ** 2, ((t - s) / (t + s)) ** 2, (t - s) / (t + s)


_TUNED = ("Same questions for Polyak heavy ball with tuned (η, β): give η, β, the rate, and the "
          "iteration count for {eps}.",
          "heavy ball, tuned (α, β) — state α, β, the rate and the iterations to reach {eps} "
          "relative accuracy",
          "For heavy-ball momentum with optimal (η, β), give η and β, the asymptotic rate, and the "
          "number of iterations needed for an error of {eps}.")


@pytest.mark.parametrize("ask", _TUNED)
@settings(max_examples=4, deadline=None)
@given(roots=st.sampled_from([(1, 10), (1, 7), (2, 9), (1, 4)]), p=st.integers(2, 8))
def test_a_tuned_pair_in_parentheses_and_a_tolerance_after_the_count(ask, roots, p):
    mu, big = roots[0] ** 2, roots[1] ** 2
    text = (f"f is a quadratic whose Hessian has eigenvalues between μ = {mu} and L = {big} (both "
            f"extremes attained).\n(a) What is the condition number?\n(b) "
            + ask.format(eps=f"1e-{p}"))
    got = _answers(text)[-1]
    alpha, beta, rate = _pair(mu, big)
    assert got["optimal-step"] == pytest.approx(alpha)
    assert got["optimal-momentum"] == pytest.approx(beta)
    assert got["optimal-rate"] == pytest.approx(rate)
    assert got["iterations"] == math.ceil(p * math.log(10) / -math.log(rate) - 1e-9)


@settings(max_examples=6, deadline=None)
@given(roots=st.sampled_from([(1, 10), (1, 7), (2, 9), (1, 4), (3, 5)]))
def test_the_ema_form_reproduces_an_earlier_tuned_heavy_ball(roots):
    mu, big = roots[0] ** 2, roots[1] ** 2
    text = (f"A quadratic with Hessian eigenvalues between mu = {mu} and L = {big}, both attained.\n"
            "(a) Polyak heavy ball theta_{k+1} = theta_k - eta*grad f(theta_k) + beta*(theta_k - "
            "theta_{k-1}): give the tuned eta and beta.\n"
            "(b) An implementation keeps an EMA m <- c*m + (1-c)*grad and steps "
            "theta <- theta - lr*m. Which lr and c reproduce (a)?")
    got = _answers(text)[-1]
    lr, c = got["effective-step"], got["optimal-momentum"]
    alpha, beta, _ = _pair(mu, big)
    H = np.diag([float(mu), float(big)])
    hb = [np.array([1.0, 1.0])] * 2
    m, ema = np.zeros(2), np.array([1.0, 1.0])
    for _ in range(30):
        hb.append(hb[-1] - alpha * H @ hb[-1] + beta * (hb[-1] - hb[-2]))
        m = c * m + (1 - c) * (H @ ema)
        ema = ema - lr * m
        assert np.allclose(ema, hb[-1], rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("update, letter, role", [
    ("v <- b*v + (1-b)*grad ; w <- w - lr*v", "b", "momentum"),
    ("v <- b*v + (1-b)*grad ; w <- w - lr*v", "lr", "step"),
    ("u <- m*u + g, x <- x - h*u", "m", "momentum"),
])
def test_an_ascii_arrow_is_not_a_minus_sign(update, letter, role):
    assert parameter_role(letter, (update,)) == role


# -- an adjective after the step, verbatim code, a momentum named by its method ------------

@pytest.mark.parametrize("ask", [
    "Give κ, the step η that is optimal for plain gradient descent, and the corresponding "
    "contraction factor.",
    "which learning rate would be best for GD, and what factor per step does it give?",
])
@settings(max_examples=3, deadline=None)
@given(lo=st.integers(1, 5), hi=st.integers(6, 50))
def test_optimal_after_the_step_asks_the_optimal_step(ask, lo, hi):
    got = _answers(f"Let f(θ) = ½ θᵀAθ with A = diag({lo}, {hi}).\n1. {ask}")[-1]
    steps = np.linspace(1e-4, 2 / hi, 20001)
    radii = [max(abs(1 - a * np.array([lo, hi]))) for a in steps]
    assert got["optimal-step"] == pytest.approx(steps[int(np.argmin(radii))], abs=1e-3)
    assert got["optimal-rate"] == pytest.approx(min(radii), abs=1e-3)


@settings(max_examples=5, deadline=None)
@given(roots=st.sampled_from([(1, 4), (1, 3), (2, 6), (1, 5)]), name=st.sampled_from(["N", "nes"]))
def test_a_momentum_named_by_its_method_is_the_stated_formula(roots, name):
    mu, big = roots[0] ** 2, roots[1] ** 2
    text = (f"Let $f(\\theta)=\\tfrac12\\theta^\\top A\\theta$ with $A=\\mathrm{{diag}}({mu}, {big})$.\n"
            f"\\begin{{enumerate}}\n\\item Give $\\kappa$.\n"
            f"\\item Nesterov with step $1/L$ and $\\beta_{{{name}}} = \\frac{{\\sqrt\\kappa - 1}}"
            f"{{\\sqrt\\kappa + 1}}$: compute $\\beta_{{{name}}}$ and the asymptotic rate.\n"
            f"\\end{{enumerate}}")
    got = _answers(text)[-1]
    k = math.sqrt(big / mu)
    beta = (k - 1) / (k + 1)
    assert got["optimal-momentum"] == pytest.approx(beta)
    # numpy: the spectral radius of Nesterov's 2x2 iteration per eigenvalue, α = 1/L
    radius = 0.0
    for lam in (mu, big):
        a = 1 - lam / big
        radius = max(radius, max(abs(np.linalg.eigvals(np.array([[(1 + beta) * a, -beta * a],
                                                                  [1.0, 0.0]])))))
    assert got["rate"] == pytest.approx(radius, abs=1e-6)


def test_verbatim_code_is_read_as_its_text():
    from optiproof.reading.normalize import normalize

    flat = normalize("Which \\verb|lr| and \\verb!momentum! with \\verb|dampening=0|?").text
    assert flat == "Which lr and momentum with dampening=0?"


# -- a tuning asked as a list item, an ASCII update, a bare part label --------------------

@settings(max_examples=4, deadline=None)
@given(roots=st.sampled_from([(1, 10), (1, 7), (2, 9), (1, 4)]), ask=st.sampled_from([
    "Heavy ball: θ_k+1 = θ_k - η*grad f(θ_k) + β*(θ_k - θ_k-1). Tuned η and β, and the "
    "asymptotic rate.",
    "Polyak momentum x_{t+1} = x_t - a*grad f(x_t) + b*(x_t - x_{t-1}): optimal a and b, and "
    "its rate?"]))
def test_a_tuning_listed_as_an_item_asks_the_pair(ask, roots):
    """Never the rate alone: the tuned step and momentum are answered too, and a PyTorch part
    naming it by a bare label ("run 2) with torch.optim.SGD") takes that pair."""
    mu, big = roots[0] ** 2, roots[1] ** 2
    text = (f"f(theta) = 0.5 * theta^T A theta, A symmetric with eigenvalues in [mu, L], both "
            f"attained, mu = {mu}, L = {big}.\n1) kappa = ?\n2) {ask}\n"
            "3) You want to run 2) with torch.optim.SGD(params, lr=..., momentum=...) "
            "(dampening=0). What lr and momentum reproduce the iterates of 2)?")
    got = _answers(text)
    alpha, beta, rate = _pair(mu, big)
    assert got[1]["optimal-step"] == pytest.approx(alpha)
    assert got[1]["optimal-momentum"] == pytest.approx(beta)
    assert got[1]["optimal-rate"] == pytest.approx(rate)
    assert got[2]["equivalent-step"] == pytest.approx(alpha)
    assert got[2]["equivalent-momentum"] == pytest.approx(beta)


def test_a_tuning_after_a_preposition_is_a_setting():
    from optiproof.families.quadratic_dynamics.parameters import asked_tunings

    assert asked_tunings("Run it with the tuned η and β from (b).") == []
    assert [s for _, _, s in asked_tunings("Tuned η and β, and the rate.")] == [["η", "β"]]
