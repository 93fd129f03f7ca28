"""Quadratic-dynamics requests read by the role of what they name: the step beyond which GD
diverges (a 'cutoff', 'η_max'), the minimiser asked as "where is it", the rate an optimal tuning
minimises named again ("and that factor"), the optimal pair asked as "tune a and b optimally",
and a part's own function overriding the shared one. Phrasings are our own, in several styles;
values are checked independently (numpy)."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.reading import read_report
from test_quadratic_dynamics_reading_forms import _solved, _unread


def _asks(text: str) -> dict[str, list[str]]:
    reading = read_report(text)
    assert not reading.unread(), reading.unread()
    return {p.label: list(p.asked) for p in reading.parts}


def _value(got: dict, label: str, *names: str) -> float:
    answers = got[label]
    name = next(n for n in names if n in answers)
    return float(answers[name])


# -- the stability boundary, by its role -------------------------------------------------------

MAX_STEP = [
    "Let f(x, y) = 2x^2 + 8y^2 and run gradient descent x ← x − η∇f(x). GD converges from every "
    "start iff 0 < η < η_max. Find η_max.",
    "\\paragraph{Q.} $f(x,y) = 2x^2 + 8y^2$. Gradient descent with step $\\alpha$ is stable for "
    "$\\alpha < \\alpha_{\\max}$. Compute $\\alpha_{\\max}$.",
    "f(x, y) = 2x^2 + 8y^2, plain GD. With lr = 0.1 it is fine, with lr = 0.2 it blows up. "
    "What's the exact learning rate above which GD diverges here?",
    "Title: GD explodes on my quadratic\nI minimise f(x, y) = 2x^2 + 8y^2 with plain gradient "
    "descent: it converges for small lr and diverges for large lr. I want the exact cutoff, "
    "rather than by trial and error. What is it?",
    "f(x, y) = 2x^2 + 8y^2. For gradient descent, give the step size below which the iteration "
    "converges from every starting point.",
]


@pytest.mark.parametrize("text", MAX_STEP)
def test_stability_boundary_is_the_largest_stable_step(text):
    asks = _asks(text)
    assert ["max-step"] == [q for q in next(iter(asks.values())) if q == "max-step"]
    got = _solved(text)
    L = np.linalg.eigvalsh(np.diag([4.0, 16.0])).max()
    label = next(iter(got))
    assert _value(got, label, "max stable step") == pytest.approx(2 / L)


def test_a_threshold_where_oscillation_starts_is_not_the_stability_boundary():
    text = ("Gradient descent on the quadratic f(x, y) = 2x^2 + 8y^2 with step size α. Above some "
            "cutoff on α the iterates start to oscillate instead of decreasing monotonically, and "
            "later GD diverges. What is the cutoff?")
    assert _unread(text)   # refused (the oscillation threshold 1/L is not the boundary 2/L)


# -- the minimiser asked by where it is --------------------------------------------------------

MINIMISER = [
    "Let f(θ) = ½ θ^T H θ − b^T θ with H = [[4, 1], [1, 2]] and b = [1, 3].\n"
    "(a) Where is the minimiser θ*?\n(b) What is the largest stable step size of GD?",
    "f(w) = 1/2 w^T A w - b^T w, A = [[4, 1], [1, 2]], b = (1, 3). GD with lr = 0.1 converges. "
    "What's the largest lr that still works, and where is the minimizer anyway?",
    "$$f(x) = \\tfrac12 x^\\top H x - b^\\top x,\\quad H = \\begin{pmatrix}4&1\\\\1&2\\end{pmatrix},"
    "\\quad b = \\begin{pmatrix}1\\\\3\\end{pmatrix}$$\n1. Where exactly does the minimiser lie?",
]


@pytest.mark.parametrize("text", MINIMISER)
def test_where_is_the_minimiser_is_solved_and_verified(text):
    got = _solved(text)
    want = np.linalg.solve(np.array([[4.0, 1.0], [1.0, 2.0]]), np.array([1.0, 3.0]))
    answers = next(v for v in got.values() if any("minimi" in k for k in v))
    value = next(v for k, v in answers.items() if "minimi" in k)
    assert [float(x) for x in value] == pytest.approx(list(want))


# -- the rate an optimal tuning minimises, named again -----------------------------------------

THAT_RATE = [
    "H = [[3, 1], [1, 3]]. For gradient descent, which constant γ minimises the worst-case "
    "contraction factor, and what is that factor?",
    "Let $H = \\mathrm{diag}(2, 4)$. Find the step size that minimises the worst-case rate of GD, "
    "and give that rate.",
    "H = diag(2, 4)\n(1) For heavy-ball momentum, find the (alpha, beta) that minimise the "
    "asymptotic rate, and that rate.",
]


@pytest.mark.parametrize("text", THAT_RATE)
def test_that_rate_after_an_optimal_tuning_is_the_optimal_rate(text):
    assert "optimal-rate" in next(iter(_asks(text).values()))
    got = _solved(text)
    w = np.linalg.eigvalsh(np.array([[3.0, 1.0], [1.0, 3.0]]) if "3, 1" in text else np.diag([2.0, 4.0]))
    mu, L = w.min(), w.max()
    label = next(iter(got))
    if "heavy" in text:
        k = L / mu
        assert _value(got, label, "optimal rate") == pytest.approx((k ** .5 - 1) / (k ** .5 + 1))
        assert _value(got, label, "optimal momentum") == pytest.approx(
            ((k ** .5 - 1) / (k ** .5 + 1)) ** 2)
    else:
        assert _value(got, label, "optimal rate") == pytest.approx((L - mu) / (L + mu))


def test_that_rate_without_an_optimal_tuning_is_not_taken():
    text = ("Gradient descent on the quadratic f(θ) = ½ θ^T H θ with H = diag(2, 4) and step size "
            "γ = 0.1 converges. What is that rate?")
    assert "that rate" in _unread(text)


# -- the optimal pair asked by tuning it -------------------------------------------------------

TUNED = [
    "f(x, y) = x^2 + 4y^2. Heavy ball x_{k+1} = x_k - a grad f(x_k) + b (x_k - x_{k-1}). If I tune "
    "a and b optimally, what values do they take and what's the resulting rate?",
    "Let f(x, y) = x^2 + 4y^2 and consider heavy-ball momentum. Find the parameters (α, β) that "
    "give the fastest asymptotic rate, and that rate.",
    "f(x,y) = x^2 + 4*y^2; heavy ball with step alpha and momentum beta. Choose alpha and beta "
    "optimally: what values do they take?",
]


@pytest.mark.parametrize("text", TUNED)
def test_tuning_a_pair_optimally_asks_both(text):
    asks = next(iter(_asks(text).values()))
    assert {"optimal-step", "optimal-momentum"} <= set(asks)
    got = _solved(text)
    mu, L = 2.0, 8.0   # the Hessian of x^2 + 4y^2 is diag(2, 8)
    label = next(iter(got))
    assert _value(got, label, "optimal step") == pytest.approx(4 / (L ** .5 + mu ** .5) ** 2)
    assert _value(got, label, "optimal momentum") == pytest.approx(
        ((L ** .5 - mu ** .5) / (L ** .5 + mu ** .5)) ** 2)


# -- a part's own function ---------------------------------------------------------------------

OWN_FUNCTION = [
    "Consider f(x, y) = x^2 + 9y^2 and gradient descent.\n(a) What is the largest stable step?\n"
    "(b) Repeat (a) for the rounder function h(x, y) = x^2 + 4y^2.",
    "Let f(x,y) = x^2 + 9y^2.\n1) Give the optimal constant step of GD.\n2) Same for "
    "g(x, y) = x^2 + 4y^2.",
    "f(x, y) = x^2 + 9y^2.\n(i) Largest stable step size of GD?\n(ii) Now for q(x, y) = x^2 + "
    "4y^2: what is the largest stable step size?",
]


@pytest.mark.parametrize("text", OWN_FUNCTION)
def test_a_parts_own_function_is_its_curvature(text):
    got = _solved(text)
    first, second = list(got)
    names = ("max stable step", "optimal step")
    a = _value(got, first, *names)
    b = _value(got, second, *names)
    big, small = np.diag([2.0, 18.0]), np.diag([2.0, 8.0])
    if "optimal" in text:
        assert a == pytest.approx(2 / (2 + 18)) and b == pytest.approx(2 / (2 + 8))
    else:
        assert a == pytest.approx(2 / np.linalg.eigvalsh(big).max())
        assert b == pytest.approx(2 / np.linalg.eigvalsh(small).max())


def test_a_parts_own_unreadable_function_is_refused_not_replaced():
    text = ("Consider f(x, y) = x^2 + 9y^2 and gradient descent.\n(a) What is the largest "
            "stable step?\n(b) Repeat (a) for h(x, y) = x^2 + exp(y).")
    assert "h(x, y)" in _unread(text)


# -- a framework run of an earlier part's tuned heavy ball ------------------------------------

REFERENCED_TUNING = [
    "The Hessian has smallest eigenvalue μ = 1 and largest eigenvalue L = 100.\n(a) For heavy-ball "
    "momentum give the optimal (α, β).\n(b) You want to run (a) with torch.optim.SGD(params, "
    "lr=..., momentum=..., dampening=0, nesterov=False). Which lr and momentum do you pass?",
    "eigenvalues of H: mu = 1 and L = 100\n1) Heavy ball: find the optimal step and momentum "
    "(alpha, beta).\n2) To reproduce (1) in PyTorch's SGD (dampening 0), which lr and momentum "
    "should I pass?",
    "$H$ has eigenvalues in $[\\mu, L]$ with $\\mu = 1$, $L = 100$.\n\\begin{enumerate}"
    "\\item[(i)] For the heavy-ball method give the optimal $(\\alpha, \\beta)$.\n\\item[(ii)] Which values "
    "of lr and momentum in torch.optim.SGD implement (i)?\\end{enumerate}",
]


@pytest.mark.parametrize("text", REFERENCED_TUNING)
def test_a_framework_run_of_a_tuned_part_takes_its_pair(text):
    got = _solved(text)
    mu, L = 1.0, 100.0
    a = 4 / (L ** .5 + mu ** .5) ** 2
    b = ((L ** .5 - mu ** .5) / (L ** .5 + mu ** .5)) ** 2
    last = got[list(got)[-1]]
    values = sorted(float(v) for k, v in last.items() if v is not None and k != "effective step")
    assert any(v == pytest.approx(a) for v in values)
    assert any(v == pytest.approx(b) for v in values)


# -- exponents a PDF copy flattened onto the line ---------------------------------------------

FLATTENED = [
    "Problem 2. Consider\n          f (x, y) = 3x2 + 2xy + y2\nand gradient descent (xk+1 , yk+1 ) = "
    "(xk , yk ) − η∇f (xk , yk ).\n(a) Give the Hessian H.\n(b) What is the largest step size for "
    "which GD converges?",
    "Exercise 4 Let g(u, v) = 3u2 + 2uv + v2 and run gradient descent on g.\n(a) Write g in the "
    "form 12 z> Hz with z = (u, v)> and give the Hessian.\n(b) Find the optimal constant step size.",
    "Let f (x, y) = x2 + 2xy + 3y2 − x.\n(a) Where is the minimiser?\n(b) What is the condition "
    "number of the Hessian?",
]


@pytest.mark.parametrize("text", FLATTENED)
def test_a_flattened_square_of_a_declared_variable_is_a_power(text):
    reading = read_report(text)
    assert not reading.unread(), reading.unread()
    assert any(c.name == "flattened exponent" for p in reading.parts for c in p.conventions)
    got = _solved(text)
    H = np.array([[6.0, 2.0], [2.0, 2.0]]) if "3x2" in text or "3u2" in text else \
        np.array([[2.0, 2.0], [2.0, 6.0]])
    w = np.linalg.eigvalsh(H)
    first, second = list(got)
    if "largest" in text:
        assert _value(got, second, "max stable step") == pytest.approx(2 / w.max())
    elif "optimal" in text:
        assert _value(got, second, "optimal step") == pytest.approx(2 / (w.min() + w.max()))
    else:
        want = np.linalg.solve(H, np.array([1.0, 0.0]))
        value = next(v for k, v in got[first].items() if "minimi" in k)
        assert [float(x) for x in value] == pytest.approx(list(want))
        assert _value(got, second, "condition number") == pytest.approx(w.max() / w.min())


@pytest.mark.parametrize("text", [
    # an indexed x2 elsewhere: 'x2' may be a coordinate, not a square
    "Let f (x, y) = 3x2 + 2xy + y2, where x1, x2 denote the iterates.\n(a) Give the Hessian H.",
    # the variables are not declared
    "Let f = 3x2 + 2xy + y2.\n(a) Give the Hessian H.",
    # not a quadratic once read
    "Let f (x, y) = 3x2 y2 + 2xy.\n(a) Give the Hessian H.",
])
def test_a_flattened_exponent_is_not_guessed_otherwise(text):
    assert _unread(text)


@pytest.mark.parametrize("text, H", [
    ("Let f(x, y) = x^2 + xy + y^2. Give the Hessian.", [[2, 1], [1, 2]]),
    ("f(a, b) = 2a^2 - ab + b^2; what is the Hessian?", [[4, -1], [-1, 2]]),
    ("Let $f(u,v) = u^2 + 3uv + 5v^2$. State the Hessian matrix.", [[2, 3], [3, 10]]),
])
def test_juxtaposed_declared_variables_are_a_product(text, H):
    got = _solved(text)
    value = next(iter(got.values()))["Hessian"]
    assert np.array(value.tolist(), dtype=float).tolist() == np.array(H, dtype=float).tolist()


# -- a forum post: a step observed in the story, the distance a rate measures, a bonus item ----

FORUM = [
    "Hi, I run plain gradient descent on f(x, y) = x^2 + 9y^2. For η = 0.12 it diverges.\n\n"
    "(1) which η gives the fastest worst-case convergence, and what is the contraction factor per "
    "iteration of the distance to the minimum at that η?\n\n(2) with that best η, how many "
    "iterations do I need so that the distance to the minimiser is at most 10^-4 times the "
    "initial distance?\n\nand a quick bonus (3): if I instead use η = 0.05, what's the "
    "contraction factor?",
    "Title: picking lr for GD\nMy toy loss is f(x, y) = x^2 + 9y^2; plain GD with lr = 0.12 blows "
    "up.\n(1) Which lr gives the fastest worst-case convergence, and what is the contraction "
    "factor of the distance to the optimum at that lr?\n(2) With that best lr, how many "
    "iterations until the distance to the minimiser is no more than 10^-4 times the initial "
    "distance?\n(3) With lr = 0.05, what's the contraction factor?",
    "I run gradient descent on f(x, y) = x^2 + 9y^2 and η = 0.12 diverged for me.\n1) What η gives the "
    "fastest worst-case rate, and what is the contraction factor of the distance to x* at "
    "that step size?\n2) Using that η, how many iterations are needed before the distance "
    "to the minimizer is smaller than 10^-4 times the starting distance?\nbonus (3): at "
    "η = 0.05, what is the contraction factor?",
]


@pytest.mark.parametrize("text", FORUM)
def test_a_forum_posts_observed_step_is_not_the_optimum_asked(text):
    got = _solved(text)
    mu, L = 2.0, 18.0
    first, second, third = list(got)
    assert _value(got, first, "optimal step") == pytest.approx(2 / (mu + L))
    assert _value(got, first, "optimal rate") == pytest.approx((L - mu) / (L + mu))
    rho = (L - mu) / (L + mu)
    assert _value(got, second, "iterations") == int(np.ceil(np.log(1e-4) / np.log(rho)))
    assert _value(got, third, "rate") == pytest.approx(max(abs(1 - 0.05 * mu), abs(1 - 0.05 * L)))
