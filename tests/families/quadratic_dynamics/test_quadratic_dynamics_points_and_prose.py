"""Quadratic-dynamics texts whose function runs into the next sentence on its line, that name the
iterates and the start by the function's own coordinates ('(u1, v1)', '(u0, v0) = (2, -1)'),
take the step from another part's answer ('the η of (b)', 'with the same step'), or ask the
smallest and largest curvature in words. Phrasings are our own; every value is checked against
an independent computation (numpy eigenvalues, the iteration run step by step)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.core.text.objects import quadratic_forms
from optiproof.families.quadratic_dynamics.points import point_index, start_point
from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, read_report


def _solved(text: str):
    reading = read_report(text)
    assert reading.complete, reading.unread()
    problem = reading.to_problem()
    solution = solve_problem(problem, SolveOptions(figures=False))
    for part in solution.parts:
        assert part.verified, [(c.method, c.detail) for c in part.checks]
    return problem, solution


def _answer(part, key: str):
    return sympy.nsimplify(next(a for a in part.answers if a.quantity == key).expr)


def _iterates(solution) -> list[list[float]]:
    """Every asked iterate of every part, as floats, in the order answered."""
    return [[float(x) for x in sympy.Matrix(sympy.sympify(a.expr))]
            for part in solution.parts for a in part.answers if a.quantity == "theta-t"]


def _refused(text: str) -> list[str]:
    reading = read_report(text)
    with pytest.raises(ReadingIncomplete):
        reading.to_problem()
    return reading.unread()


def _gd_iterates(H, start, step, k):
    x = np.array(start, dtype=float)
    for _ in range(k):
        x = x - step * (np.array(H, dtype=float) @ x)
    return x


# -- a function followed by prose on its line --------------------------------------------------

RUN_ON = [
    "Setup: f(u, v) = {a}u^2 + {b}*v^2 Plain gradient descent is run with a constant step. "
    "What is the largest stable step size?",
    "We study g(p, q) = {a}*p^2 + {b}q^2 Only plain steps are taken. Find the largest step size "
    "for which gradient descent converges.",
    "f(x, y) = {a}x^2 + {b} y^2 Consider gradient descent on it. Give the maximum step size "
    "that keeps GD stable.",
]


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=st.integers(1, 9), b=st.integers(1, 9), wording=st.sampled_from(RUN_ON))
def test_function_stops_at_the_next_capitalised_sentence(a, b, wording):
    text = wording.format(a=a, b=b)
    _, solution = _solved(text)
    top = np.linalg.eigvalsh(np.diag([2.0 * a, 2.0 * b])).max()
    assert float(_answer(solution.parts[0], "max-step")) == pytest.approx(2 / top)


@pytest.mark.parametrize("text", [
    "f(x, y) = x^2 + 4y^2 Step sizes below 1/4 are stable.",
    "Let h(s, t) = 3s^2 + t^2 Then GD is run.",
    "q(a, b) = a^2 + 2*b^2 Newton would be exact here.",
])
def test_the_formula_ends_before_the_capitalised_word(text):
    forms = quadratic_forms(text)
    assert len(forms) == 1
    assert not any(w in forms[0].source for w in ("Step", "Then", "Newton"))


def test_a_function_name_in_capitals_does_not_cut_a_formula_short():
    # 'Tr' is a trace, not prose: the formula is not read as the part before it
    assert quadratic_forms("f(x, y) = x^2 + Tr(y) is it") == []


# -- points named by the function's coordinates ------------------------------------------------

@pytest.mark.parametrize("phrase, variables, k", [
    ("(x1, y1)", ["x", "y"], 1), ("(u_2, v_2)", ["u", "v"], 2), ("(a3, b3, c3)", ["a", "b", "c"], 3),
    ("(x_{4}, y_{4})", ["x", "y"], 4),
])
def test_a_point_of_the_declared_coordinates_with_one_index_is_an_iterate(phrase, variables, k):
    assert point_index(phrase, variables) == k


@pytest.mark.parametrize("phrase, variables", [
    ("(x1, x2)", ["x", "y"]),        # two coordinates of one vector x
    ("(x1, y2)", ["x", "y"]),        # two different indices
    ("(y1, x1)", ["x", "y"]),        # not the declared order
    ("(x1, y1)", ["x1", "x2"]),      # f(x1, x2): the variables themselves
    ("(x1, y1)", None),              # no function written out
])
def test_other_tuples_are_not_iterates(phrase, variables):
    assert point_index(phrase, variables) is None


def test_the_start_written_by_coordinates():
    got = start_point(("take (s0, t0) = (3, -2) as the start",), ["s", "t"])
    assert got is not None and [n.value for n in got[0]] == [3, -2]
    assert start_point(("take (s0, t1) = (3, -2)",), ["s", "t"]) is None


ITERATES = [
    "Here f(x, y) = x^2 + 3y^2. Run gradient descent with step size 0.1 from (x0, y0) = (2, -1). "
    "Compute (x1, y1) and (x2, y2).",
    "Consider f(p, q) = p^2 + 3*q^2 and GD with learning rate η = 0.1, started at "
    "(p_0, q_0) = (2, -1). What are (p_1, q_1) and (p_2, q_2)?",
    "Take g(a, b) = a^2 + 3b^2; gradient descent, α = 0.1, initial point (a0, b0) = (2, -1).\n"
    "(i) Find (a1, b1).\n(ii) Find (a2, b2).",
]


@pytest.mark.parametrize("text", ITERATES)
def test_iterates_named_by_coordinates_are_run(text):
    _, solution = _solved(text)
    got = _iterates(solution)
    want = [_gd_iterates([[2, 0], [0, 6]], [2, -1], 0.1, k) for k in (1, 2)]
    assert len(got) == 2
    for vec, ref in zip(got, want):
        assert np.allclose(vec, ref)


@pytest.mark.parametrize("text", [
    "f(x, y) = x^2 + 3y^2, GD with step 0.1 from (x0, y0) = (1, 1). Compute (x1, x2).",
    "f(x, y) = x^2 + 3y^2, GD with step 0.1 from (x0, y0) = (1, 1). Compute (x1, y2).",
])
def test_a_tuple_that_is_no_iterate_is_refused(text):
    assert any("(x1, " in u for u in _refused(text))


# -- the step of another part ------------------------------------------------------------------

FROM_PART = [
    "f(x, y) = x^2 + 4y^2 with gradient descent.\n(a) Which step size gives the fastest rate?\n"
    "(b) The start is (x0, y0) = (1, 1); the step is the η of (a). Compute (x1, y1).",
    "f(x, y) = x^2 + 4y^2, gradient descent.\na) Find the optimal learning rate.\n"
    "b) Start from (x0, y0) = (1, 1) with the step of part (a). What is (x1, y1)?",
    "f(x, y) = x^2 + 4y^2 and GD.\n1. Give the optimal step size.\n"
    "2. Take α from 1) and (x_0, y_0) = (1, 1). Find (x_1, y_1).",
]


@pytest.mark.parametrize("text", FROM_PART)
def test_the_step_of_an_earlier_answer_is_carried(text):
    _, solution = _solved(text)
    step = _answer(solution.parts[0], "optimal-step")
    evals = np.linalg.eigvalsh(np.diag([2.0, 8.0]))
    assert float(step) == pytest.approx(2 / (evals.min() + evals.max()))
    assert np.allclose(_iterates(solution)[0], _gd_iterates([[2, 0], [0, 8]], [1, 1], float(step), 1))


SAME_STEP = [
    "f(x, y) = x^2 + 4y^2, gradient descent.\n(a) Take step 0.2 and (x0, y0) = (1, 1). Compute "
    "(x1, y1).\n(b) With the same step, how many iterations until ‖(x_k, y_k)‖ ≤ 1e-3‖(x0, y0)‖?",
    "f(x, y) = x^2 + 4y^2 and GD.\n(a) Take η = 0.2 and start (x0, y0) = (1, 1); find (x1, y1).\n"
    "(b) Using that η, how many iterations are needed to reduce the error by a factor 1000?",
    "f(x, y) = x^2 + 4y^2, GD from (x0, y0) = (1, 1).\n(a) α = 0.2: what is (x1, y1)?\n"
    "(b) Using the same α, give the number of iterations to shrink ‖(x,y)‖ by 10^3.",
]


@pytest.mark.parametrize("text", SAME_STEP)
def test_the_same_step_is_the_stated_step_of_the_part_before(text):
    problem, solution = _solved(text)
    assert Fraction(str(problem.parts[1].alpha)) == Fraction(1, 5)
    k = int(_answer(solution.parts[1], "iterations"))
    # independent: run GD from every unit direction of the worst case (the slowest coordinate)
    H = np.diag([2.0, 8.0])
    contraction = max(abs(1 - 0.2 * lam) for lam in np.linalg.eigvalsh(H))
    assert contraction ** k <= 1e-3 < contraction ** (k - 1)


def test_the_same_step_of_a_part_that_states_none_is_refused():
    text = ("f(x, y) = x^2 + 4y^2, GD.\n(a) What is the condition number?\n"
            "(b) With the same step, how many iterations to reduce the error by 1000?")
    assert any("same step" in u for u in _refused(text))


# -- the curvature's extremes in words ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "f(x, y) = 3x^2 + 5y^2. Give the smallest and largest curvature and the condition number.",
    "f(x, y) = 3x^2 + 5y^2. What are the minimum curvature and the maximum curvature of f?",
    "f(x, y) = 3x^2 + 5y^2. State the largest and the smallest curvature (L and μ).",
])
def test_the_extreme_curvatures_in_words_are_mu_and_l(text):
    _, solution = _solved(text)
    evals = np.linalg.eigvalsh(np.diag([6.0, 10.0]))
    part = solution.parts[0]
    assert float(_answer(part, "strong-convexity-constant")) == pytest.approx(evals.min())
    assert float(_answer(part, "smoothness-constant")) == pytest.approx(evals.max())
