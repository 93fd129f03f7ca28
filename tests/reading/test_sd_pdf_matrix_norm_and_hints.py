"""A PDF copy of a quadratic-norm problem: the matrix index glued to the norm's bars (‖d‖M,
‖d‖2M for ‖d‖_M^2), the star operator after a symbol (d⋆), the gradient given through a chain
(g = ∇f(θ_t) = (..)), a page footer with its running header, a parenthesised hint on the method
("(Use Cauchy-Schwarz ...)") or a "Tip:" line (remarks, not requests), and a comparison with
the step of a part numbered in roman numerals. Values are checked against cvxpy and numpy."""

from __future__ import annotations

import cvxpy as cp
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.reading.normalize import normalize

_TEXT = (
    "Notes, week 5                                                         11\n\n"
    "Let\n        M = [ {a}  {b} ]\n            [ {b}  {c} ]\n\n"
    "(symmetric positive definite) and define kdkM = √(d>M d). At the iterate wt the "
    "gradient is g = ∇L (wt) = ({g0}, {g1})>.\n\n"
    "(i) Minimize g>d + 1\nα kdk2M with α = 2. Report d⋆ and the optimal value.\n\n"
    "(ii) What is the dual norm kgk∗ of g with respect to k · kM ? (Apply Hölder's "
    "inequality here; a number is enough.)\n\n"
    "(iii) For the same α = 2, use the Euclidean penalty g>d + 1\nα kdk22 . How many times "
    "longer, in Euclidean length, is this step than the step from (i)?\n\n"
    "                                          12                 Some Course — Spring term\n")


def _spd() -> st.SearchStrategy:
    return st.tuples(st.integers(1, 5), st.integers(-2, 2), st.integers(1, 5)).filter(
        lambda t: t[0] * t[2] - t[1] ** 2 > 0)


@settings(max_examples=4, deadline=None)
@given(_spd(), st.tuples(st.integers(-4, 4), st.integers(-4, 4)).filter(any))
def test_a_pdf_copy_of_a_quadratic_norm_problem(m, g):
    a, b, c = m
    text = _TEXT.format(a=a, b=b, c=c, g0=g[0], g1=g[1])
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    assert any("Spring term" in x for x in reading.removed)
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    assert all(p["verified"] for p in data["parts"])
    got = {p["label"]: {x["quantity"]: x for x in p["answers"]} for p in data["parts"]}
    M, gv = np.array([[a, b], [b, c]], float), np.array(g, float)
    d = cp.Variable(2)
    prob = cp.Problem(cp.Minimize(gv @ d + cp.quad_form(d, M) / 2))
    prob.solve(solver=cp.CLARABEL)
    assert np.allclose(np.array(got["i"]["update"]["value"], float).ravel(), d.value, atol=1e-5)
    assert got["i"]["min-value"]["value"] == pytest.approx(prob.value, abs=1e-5)
    dual = float(np.sqrt(gv @ np.linalg.solve(M, gv)))
    assert float(sp.sympify(got["ii"]["dual-norm"]["expr"])) == pytest.approx(dual, rel=1e-9)
    step = -(2 / 2) * gv   # the Euclidean squared-penalty step -(α/2)g at α = 2
    ratio = float(sp.sympify(got["iii"]["compare"]["expr"]))
    assert ratio == pytest.approx(np.linalg.norm(step) / np.linalg.norm(d.value), rel=1e-5)


@pytest.mark.parametrize("raw, want", [
    ("and ‖x‖Q ≤ 1 where Q = [[2, 0], [0, 1]]", "‖x‖_Q ≤ 1"),
    ("penalty ‖x‖2Q with Q = [[2, 0], [0, 1]]", "‖x‖_Q^2 with"),
    ("the norm ‖x‖Q of the vector", "‖x‖Q of"),   # no matrix Q is assigned: left as written
    ("Find x⋆ and θ^⋆.", "Find x^* and θ^*."),
    ("the dual norm ‖g‖_⋆ stays", "‖g‖_⋆ stays"),
])
def test_glued_matrix_indices_and_star_operators(raw, want):
    assert want in normalize(raw).text


@pytest.mark.parametrize("remark", [
    "(Use the Cauchy-Schwarz inequality; give the number.)",
    "(Try Hölder first.)",
    "> Tip: do the SVD of G before anything else.",
    "Pro tip: Lagrange multipliers make it quick.",
])
def test_a_hint_on_the_method_is_not_a_request(remark):
    text = ("Let g = (2, -1). Solve min_d gᵀd subject to ‖d‖_2 ≤ 1 and give the minimiser d. "
            + remark)
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    assert reading.parts[0].asked == ["update"]


def test_a_comparison_with_the_step_of_another_problem_is_refused():
    # (i) is a constrained step, (iii) a penalised one: their lengths are not two norms' steps
    # of one problem, so the ratio is not the family's length ratio
    text = _TEXT.format(a=2, b=1, c=2, g0=3, g1=0).replace(
        "Minimize g>d + 1\nα kdk2M with α = 2.", "Solve min g>d subject to kdkM ≤ 1 .")
    reading = read_report(text)
    assert not reading.complete
    assert any("part (iii)" in line and "How many times" in line for line in reading.unread())


@settings(max_examples=4, deadline=None)
@given(st.tuples(st.integers(1, 9), st.integers(1, 9), st.integers(1, 9)),
       st.tuples(st.integers(-5, 5), st.integers(-5, 5), st.integers(-5, 5)).filter(any))
def test_a_solved_constrained_problem_and_the_dual_norm_evaluated_at_g(w, g):
    text = (f"Fix P = diag({w[0]}, {w[1]}, {w[2]}) and g = ({g[0]}, {g[1]}, {g[2]}), with "
            "kdkP = √(d>P d). For η = 0.5 solve the constrained problem min g>d s.t. kdkP ≤ η, "
            "and report the optimal value. Then: what is the dual norm of k · kP, evaluated "
            "at g?")
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    (part,) = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()["parts"]
    assert part["verified"] and part["asked"] == ["update", "min-value", "dual-norm"]
    got = {a["quantity"]: a for a in part["answers"]}
    W, gv = np.diag(np.array(w, float)), np.array(g, float)
    d = cp.Variable(3)
    prob = cp.Problem(cp.Minimize(gv @ d), [cp.quad_form(d, W) <= 0.25])
    prob.solve(solver=cp.CLARABEL)
    assert np.allclose(np.array(got["update"]["value"], float).ravel(), d.value, atol=1e-5)
    assert got["min-value"]["value"] == pytest.approx(prob.value, abs=1e-5)
    dual = float(np.sqrt(gv @ np.linalg.solve(W, gv)))
    assert float(sp.sympify(got["dual-norm"]["expr"])) == pytest.approx(dual, rel=1e-9)


@pytest.mark.parametrize("aside", [
    "(and say what plays the role of the preconditioner)",
    "(also state the matrix that multiplies g)",
])
def test_a_request_a_parenthesis_adds_is_not_dropped(aside):
    text = ("Let g = (2, -1) and minimise gᵀd + (1/α)‖d‖_2^2 with α = 0.5. Which method is "
            f"this? Name it {aside}.")
    unread = read_report(text).unread()
    assert any(aside.strip("()")[:30] in line for line in unread), unread
