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
