"""Steepest-descent texts whose shared text leaves the norm open, PDF copies that drop a norm's
subscript below its square, gradients laid out around an empty 'G =', and requests that name the
step or the minimum value in everyday words. Values are checked against cvxpy solving the same
problem (independent of the closed form); what cannot be read is refused, naming it."""

from __future__ import annotations

import cvxpy as cp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_VECTORS = st.lists(st.integers(-5, 5), min_size=2, max_size=4).filter(lambda v: any(v))


def _solve(text: str) -> dict:
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    assert all(p["verified"] for p in data["parts"])
    return {p["label"]: p for p in data["parts"]}


def _answers(text: str, label: str | None = None) -> dict:
    """quantity -> answer of the one part (or of part ``label``) of the solved ``text``."""
    parts = _solve(text)
    part = parts[label] if label else next(iter(parts.values()))
    return {a["quantity"]: a for a in part["answers"]}


def _refused_naming(text: str, *words: str) -> None:
    lines = read_report(text).unread()
    assert lines and any(all(w in line for w in words) for line in lines), lines


def _squared_l1(g: list[int], alpha: float) -> tuple[float, np.ndarray]:
    d = cp.Variable(len(g))
    prob = cp.Problem(cp.Minimize(np.array(g, float) @ d + cp.square(cp.norm1(d)) / alpha))
    prob.solve(solver=cp.CLARABEL)
    return float(prob.value), d.value


_OPEN = [
    "Let the gradient be g = ({g}). Recall that the steepest descent step with respect to a norm "
    "k · k solves min d g>d + 1 α kdk2 , or, in the constrained form, min g>d s.t. kdk ≤ η.",
    "The gradient is g = ({g}). For any norm k · k we look at the minimiser of g>d + 1 α kdk2 "
    "over d.",
    "g = ({g}). Given a norm k·k, the steepest step minimises g>d + 1 α kdk2 ; the constrained "
    "version is min g>d with kdk ≤ η.",
]
_PARTS = ("\n\n(a) Take the ℓ1 norm and α = 0.5, i.e. minimise g>d + 1 α kdk2\n1\n. Compute the "
          "minimiser d and the minimum value.\n\n(b) Which classical optimizer performs exactly "
          "this type of update?\n")


@pytest.mark.parametrize("shared", _OPEN)
@settings(max_examples=2, deadline=None)
@given(_VECTORS.filter(lambda v: len({abs(x) for x in v}) == len(v)))
def test_a_square_in_the_sentence_that_leaves_the_norm_open_is_no_norm(shared, g):
    parts = _solve(shared.format(g=", ".join(map(str, g))) + _PARTS)
    value, _ = _squared_l1(g, 0.5)
    (got,) = [a["value"] for a in parts["a"]["answers"] if a["quantity"] == "min-value"]
    assert got == pytest.approx(value, abs=1e-6, rel=1e-6)
    assert parts["b"]["identified_as"] and "coordinate" in parts["b"]["identified_as"]


_PDF = [
    "Let the gradient be g = ({g}). Recall the step solves min g>d + 1 α kdk2.\n\n"
    "(a) Take α = 0.5. Compute the minimiser d of g>d + 1 α kdk2\n1\nand the optimal value.\n",
    "Let the gradient be g = ({g}).\n\n(a) With α = 0.5 find the minimiser d of\n"
    "g>d + 1\nα kdk2\n1\nand the minimum value of the objective.\n",
    "Gradient g = ({g}), weight α = 0.5. Penalty: the squared norm kdk2\n1\n.\n\n"
    "(a) Give the minimiser d and the minimal value of g>d + 1 α kdk2\n1\n.\n",
    "Let the gradient be g = ({g}).\n\n(a) Find the minimiser d of g>d + 1\nα kdk2\n1 (the taxicab "
    "norm, α = 0.5) and the minimum value.\n",
]


@pytest.mark.parametrize("template", _PDF)
@settings(max_examples=2, deadline=None)
@given(_VECTORS.filter(lambda v: len({abs(x) for x in v}) == len(v)))
def test_a_subscript_dropped_below_the_square_is_the_norm(template, g):
    parts = _solve(template.format(g=", ".join(map(str, g))))
    value, _ = _squared_l1(g, 0.5)
    (got,) = [a["value"] for p in parts.values() for a in p["answers"]
              if a["quantity"] == "min-value"]
    assert got == pytest.approx(value, abs=1e-6, rel=1e-6)


@pytest.mark.parametrize("layout", [
    "                   0   4\n         G =              .\n                  -3   0\n",
    "          1  2\nG =\n          3  4\n",
    "      2   -1\n  g =        ,\n      5    0\n",
])
def test_a_gradient_laid_out_around_an_empty_assignment_is_refused(layout):
    _refused_naming("Lecture notes, exercise 2. Let the gradient of the 2 × 2 weight matrix be\n"
                    + layout + "Solve min ⟨G, Δ⟩ subject to ‖Δ‖_op ≤ 0.1 and give Δ*.\n",
                    "gradient", "could not be read")


_STEP_WORDS = [
    "so can someone confirm the update and the min value?",
    "pls double-check my step, and what's the optimal value?",
    "whats the minimiser and the optimal value then??",
]


@pytest.mark.parametrize("request_", _STEP_WORDS)
@settings(max_examples=2, deadline=None)
@given(_VECTORS)
def test_the_step_asked_in_everyday_words(request_, g):
    got = _answers(f"gradient g = ({', '.join(map(str, g))}), squared euclidean penalty, i.e. "
                   f"minimise g^T d + (1/alpha)||d||_2^2 with alpha = 0.5. {request_}")
    d = cp.Variable(len(g))
    prob = cp.Problem(cp.Minimize(np.array(g, float) @ d + 2 * cp.sum_squares(d)))
    prob.solve(solver=cp.CLARABEL)
    assert np.allclose(got["update"]["value"], d.value, atol=1e-6)
    assert got["min-value"]["value"] == pytest.approx(prob.value, abs=1e-6, rel=1e-6)


@pytest.mark.parametrize("request_", ["Give d* and the attained value.",
                                      "Report the achieved objective value, and give d*.",
                                      "What is the step, and what is its attained value?"])
def test_the_attained_value_is_the_minimum(request_):
    got = _answers(f"g = (3, -4). Minimise gᵀd subject to ‖d‖_2 ≤ 0.5. {request_}")
    d = cp.Variable(2)
    prob = cp.Problem(cp.Minimize(np.array([3.0, -4.0]) @ d), [cp.norm(d, 2) <= 0.5])
    prob.solve(solver=cp.CLARABEL)
    assert got["min-value"]["value"] == pytest.approx(prob.value, abs=1e-6)


def test_a_symbol_after_the_attained_value_says_which_value():
    reading = read_report("g = (3, -4). Minimise gᵀd subject to ‖d‖_2 ≤ 0.5. Give d* and the "
                          "attained value ρ(d*).")
    assert "min-value" not in [q for p in reading.parts for q in (p.asked or [])]


_DUAL_VALUE = [
    "The minimum value in (a) is −η times a norm of g. Which norm is it (the dual of ‖·‖_∞), "
    "and what is its value here?",
    "Which norm is the dual of the ℓ∞ norm, and what's its value for this gradient?",
    "Name the dual norm of ‖·‖_∞ and give its value.",
]


@pytest.mark.parametrize("g", [[3, -1], [-2, 5, 1], [1, 1, -4, 2]])
@pytest.mark.parametrize("wording", _DUAL_VALUE)
def test_the_value_of_the_dual_norm_named_is_asked(wording, g):
    got = _answers(f"The gradient is g = ({', '.join(map(str, g))}).\n\n(a) Solve min gᵀd subject "
                   f"to ‖d‖_∞ ≤ 0.1 and give d.\n\n(b) {wording}\n", "b")
    assert "min-value" not in got   # the sentence states the minimum value; it does not ask it
    assert got["which-norm"]["expr"] == "l1"
    assert got["dual-norm"]["value"] == pytest.approx(float(np.abs(g).sum()))


_PDF_WEIGHTED = [
    "Fix M = diag({m}) and define kdkM = √(d>M d). Let g = ({g}).\n\n"
    "(a) For α = 0.5 compute the minimiser of\ng>d + 1\nα kdk2\nM\nand the minimal value.\n",
    "Let kdkM denote √(d>Md) with M = diag({m}); the gradient is g = ({g}).\n\n"
    "(a) Take α = 0.5. Find the minimiser d of g>d + 1 α kdk2\nM\n, and the minimum value.\n",
    "Weighted steepest descent: kdkM = √(d>M d), M = diag({m}), g = ({g}).\n\n"
    "(a) α = 0.5: minimiser and optimal value of g>d + 1 α kdk2\nM\n?\n",
]


@pytest.mark.parametrize("template", _PDF_WEIGHTED)
@settings(max_examples=2, deadline=None)
@given(_VECTORS, st.lists(st.integers(1, 9), min_size=3, max_size=3))
def test_a_letter_subscript_dropped_below_the_square_is_the_weighted_norm(template, g, m):
    """'kdk2' then 'M' on the next line, where the text defines kdkM: the squared M-norm (the
    plain M-norm, or the Euclidean norm, would give another minimiser)."""
    g = g[:3] + [1] * (3 - len(g[:3]))
    parts = _solve(template.format(g=", ".join(map(str, g)), m=", ".join(map(str, m))))
    d = cp.Variable(3)
    problem = cp.Problem(cp.Minimize(np.array(g, float) @ d + 2 * cp.quad_form(d, np.diag(m))))
    problem.solve()
    (got,) = [a["value"] for a in parts["a"]["answers"] if a["quantity"] == "min-value"]
    assert got == pytest.approx(problem.value, abs=1e-5, rel=1e-5)
