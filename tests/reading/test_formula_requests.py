"""A quantity asked by writing its formula instead of its name ("report d* and also gᵀd*",
"then ⟨g, d⋆⟩", "tr(GᵀΔ*)", "gᵀd* + (1/α)‖d*‖²"): the formula is parsed and compared with the
catalogue's definition of each quantity the family answers (the linear term at the optimum,
the objective at the optimum). The values are checked against cvxpy solving the same problem,
independently of the closed form; a formula that equals no definition is refused, naming it."""

from __future__ import annotations

import cvxpy as cp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.catalogue.formulas import FormulaRoles, formula_quantities, formula_symbols
from optiproof.core.mathatoms import Inner, Norm
from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_VECTORS = st.lists(st.integers(-5, 5), min_size=2, max_size=4).filter(lambda v: any(v))
_ANSWERS = ("update", "min-value", "step-length", "linear-change")


def _answers(text: str) -> dict[str, object]:
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    (part,) = data["parts"]
    assert part["verified"]
    return {a["quantity"]: a["value"] for a in part["answers"]}


def _constrained(g: list[int], norm: str, eta: float) -> float:
    d = cp.Variable(len(g))
    p = {"l1": 1, "linf": "inf", "l2": 2}[norm]
    prob = cp.Problem(cp.Minimize(np.array(g, float) @ d), [cp.norm(d, p) <= eta])
    prob.solve(solver=cp.CLARABEL)
    return float(prob.value)


_CONSTRAINED = [
    ("l1", "The gradient is g = ({g}). Minimise gᵀd subject to ‖d‖_1 ≤ {eta}. Report d* and "
           "also gᵀd*."),
    ("linf", r"Let $g = ({g})$ and solve $\min_d g^\top d$ s.t. $\|d\|_\infty \le {eta}$. "
             r"State $d^\star$, then $\langle g, d^\star\rangle$."),
    ("l2", "gradient g = ({g}), step constrained to the euclidean ball ||d||_2 <= {eta}, "
           "minimise g^T d over it. what are d* and <g, d*> ?"),
]


@pytest.mark.parametrize("norm,template", _CONSTRAINED)
@settings(max_examples=4, deadline=None)
@given(_VECTORS, st.sampled_from([0.1, 0.25, 0.5]))
def test_the_linear_term_written_as_a_formula_is_asked(norm, template, g, eta):
    got = _answers(template.format(g=", ".join(map(str, g)), eta=eta))
    assert "linear-change" in got
    assert got["linear-change"] == pytest.approx(_constrained(g, norm, eta), abs=1e-6, rel=1e-6)


@settings(max_examples=4, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=4, max_size=4).filter(lambda v: any(v)))
def test_a_trace_of_the_matrix_product_is_the_linear_term(entries):
    a, b, c, e = entries
    text = (f"Weight-matrix gradient G = [[{a}, {b}], [{c}, {e}]]. Minimise tr(GᵀΔ) over Δ "
            "subject to the spectral norm bound ‖Δ‖_op ≤ 0.1. Give Δ* and tr(GᵀΔ*).")
    got = _answers(text)
    D = cp.Variable((2, 2))
    G = np.array([[a, b], [c, e]], float)
    prob = cp.Problem(cp.Minimize(cp.trace(G.T @ D)), [cp.sigma_max(D) <= 0.1])
    prob.solve(solver=cp.CLARABEL)
    assert got["linear-change"] == pytest.approx(prob.value, abs=1e-6, rel=1e-6)


_PENALISED = [
    "g = ({g}), α = {a}. Minimise gᵀd + (1/α)‖d‖_2^2 over d. Give d*, g^T d*, and "
    "g^T d* + (1/α)‖d*‖_2^2.",
    r"With $g = ({g})$ and $\alpha = {a}$, find $d^\star = \arg\min_d g^\top d + \frac{{1}}{{\alpha}}"
    r"\|d\|_2^2$. Report $d^\star$, the number $g^\top d^\star$ and $g^\top d^\star + "
    r"\frac{{1}}{{\alpha}}\|d^\star\|_2^2$.",
    "penalised step: g = ({g}), alpha = {a}, minimize g^T d + (1/alpha) ||d||_2^2. whats d*, "
    "whats g^T d*, and whats g^T d* + (1/alpha)||d*||_2^2 ?",
]


@pytest.mark.parametrize("template", _PENALISED)
@settings(max_examples=3, deadline=None)
@given(_VECTORS, st.sampled_from([0.5, 1, 2]))
def test_the_objective_at_the_step_is_the_minimum_value(template, g, a):
    got = _answers(template.format(g=", ".join(map(str, g)), a=a))
    d = cp.Variable(len(g))
    gv = np.array(g, float)
    prob = cp.Problem(cp.Minimize(gv @ d + cp.sum_squares(d) / a))
    prob.solve(solver=cp.CLARABEL)
    assert got["min-value"] == pytest.approx(prob.value, abs=1e-6, rel=1e-6)
    assert got["linear-change"] == pytest.approx(float(gv @ d.value), abs=1e-6, rel=1e-6)


@pytest.mark.parametrize("request_", ["Give d* and hᵀd*.", "Give d* and gᵀd* + ‖d*‖_2.",
                                      "Give d* and also ⟨g, x*⟩."])
def test_a_formula_that_is_no_quantity_is_refused_naming_it(request_):
    reading = read_report("g = (2, -1), α = 0.5. Minimise gᵀd + (1/α)‖d‖_2^2 over d. " + request_)
    assert not reading.complete
    assert any("could not place" in line for line in reading.unread()), reading.unread()


def test_the_roles_decide_the_match():
    g, u, a = formula_symbols()
    roles = FormulaRoles(gradient=frozenset({"g", "G"}), step=frozenset({"d^*", "Delta^*"}),
                         norm_index=frozenset({"1"}), objective=Inner(g, u) + Norm(u) ** 2 / a)
    assert formula_quantities("⟨Δ*, G⟩", roles, _ANSWERS) == ["linear-change"]
    assert formula_quantities("‖d*‖_1", roles, _ANSWERS) == ["step-length"]
    assert formula_quantities("‖d*‖_2", roles, _ANSWERS) == []       # not the part's norm
    assert formula_quantities("gᵀd", roles, _ANSWERS) == []          # d is no answered step
    assert formula_quantities("(1/α)‖d*‖_1^2 + gᵀd*", roles, _ANSWERS) == ["min-value"]
    constrained = FormulaRoles(roles.gradient, roles.step, objective=Inner(g, u))
    assert formula_quantities("gᵀd*", constrained, _ANSWERS) == ["linear-change", "min-value"]


@pytest.mark.parametrize("request_", [
    "Give the solution, and the value gᵀd at the solution.",
    "Find the solution and the value of gᵀd at the optimum.",
    "Report the optimal solution, then gᵀd at this minimiser.",
])
def test_the_solution_and_the_linear_term_at_it_are_asked(request_):
    got = _answers("g = (1, -3, 2). Minimise gᵀd subject to ‖d‖_1 ≤ 0.3. " + request_)
    assert got["linear-change"] == pytest.approx(_constrained([1, -3, 2], "l1", 0.3), abs=1e-6)
    d = np.array(got["update"], float).ravel()
    assert np.abs(d).sum() == pytest.approx(0.3, abs=1e-6)


@pytest.mark.parametrize("sentence, extra", [
    ("Compute Δ* together with the optimal value of the objective.", "min-value"),
    ("Give the minimiser along with the minimum value.", "min-value"),
    ("Find the step, as well as its length.", None),
])
def test_together_with_coordinates_an_ask(sentence, extra):
    """'together with', 'along with', 'as well as' join a second ask; it is neither dropped as a
    qualifier of the first nor left out: it is asked, or named as not placed."""
    from optiproof.reading.questions import read_questions
    (request,) = read_questions(sentence).requests
    asked = {a.quantity for a in request.asks}
    if extra is not None:
        assert extra in asked
    assert len(request.asks) + len(request.unplaced) >= 2
