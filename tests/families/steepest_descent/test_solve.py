"""Steepest-descent solver: seed answers, identifications, regimes and refusals."""

from __future__ import annotations

import numpy as np
import pytest
import pykatex
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optiproof.core.errors import BadInput
from optiproof.families.problem import make_problem
from optiproof.loading import load_problem_file
from optiproof.core.solution import Solution
from optiproof.families.steepest_descent.solve import solve
from optiproof.rendering.mathsegments import solution_formulas

PROBLEMS = __import__("pathlib").Path(__file__).parents[3] / "src" / "optiproof" / "problems"


def part(**fields):
    return make_problem({"parts": [{"family": "steepest-descent", **fields}]}).parts[0]


def answer(sol, name="update"):
    return next(a for a in sol.answers if a.name == name)


def test_seed_part_a_is_gradient_descent():
    problem = load_problem_file(PROBLEMS / "penalized-linear-improvement.yaml")
    sol = solve(problem.parts[0])
    u = answer(sol)
    g = sp.MatrixSymbol("g", sp.Symbol("d", positive=True, integer=True), 1)
    alpha = sp.Symbol(r"\alpha", positive=True)
    # substitute a concrete gradient: u must be -(alpha/2) g entrywise
    gv = sp.Matrix([3, -1, 2])
    expr = u.expr.subs(g.shape[0], 3).subs(sp.MatrixSymbol("g", 3, 1), gv).doit()
    assert sp.simplify(sp.Matrix(expr) - (-alpha / 2) * gv) == sp.zeros(3, 1)
    assert sol.identified_as == "gradient descent"


def test_seed_part_b_is_sign_descent_and_nothing_else():
    problem = load_problem_file(PROBLEMS / "penalized-linear-improvement.yaml")
    sol = solve(problem.parts[1])
    assert sol.identified_as == "sign gradient descent"
    tex = answer(sol).latex
    assert r"\left\|g\right\|_{1}" in tex and r"\operatorname{sign}" in tex
    note = sol.identification_note
    for overreach in ("Sign Momentum", "SignAdam", "Signum", "Lion"):
        assert overreach not in note
    # Adam may be mentioned only with its exact reduction condition
    assert "Adam" not in note or r"\beta_1 = \beta_2 = 0" in note


def test_numeric_linf_example_from_the_issue():
    sol = solve(part(norm="linf", gradient=[3, -1, 2], alpha=0.5))
    assert answer(sol).value == [-1.5, 1.5, -1.5]
    assert answer(sol).expr == sp.Matrix([sp.Rational(-3, 2), sp.Rational(3, 2),
                                          sp.Rational(-3, 2)])


def test_zero_gradient_entries_make_linf_update_set_valued():
    sol = solve(part(norm="linf", gradient=[3, 0, 2], alpha=0.5))
    u = answer(sol)
    assert u.status == "set-valued"
    assert u.membership(np.array([-1.25, 0.9, -1.25]), 1e-9)
    assert not u.membership(np.array([-1.25, 1.4, -1.25]), 1e-9)
    assert "[-1, 1]" in u.set_description


@pytest.mark.parametrize("alpha, status", [("0.1", "unique"), ("0.5", "unbounded")])
def test_plain_penalty_regimes(alpha, status):
    """||g||_1 = 6: the step is 0 for alpha < 1/6 and unbounded for alpha > 1/6."""
    sol = solve(part(norm="linf", form="penalty", gradient=[3, -1, 2], alpha=alpha,
                     asks=["update", "threshold"]))
    u = answer(sol)
    assert u.status == status
    assert answer(sol, "threshold on alpha").expr == sp.Rational(1, 6)
    if status == "unbounded":
        assert u.expr is None
        assert answer(sol, "minimum value").expr == sp.S.NegativeInfinity
    else:
        assert u.value == [0.0, 0.0, 0.0]
        assert answer(sol, "minimum value").expr == 0


def test_plain_penalty_exact_tie_is_set_valued():
    sol = solve(part(norm="l1", form="penalty", gradient=[2, -1], alpha="0.5", asks=["update"]))
    assert answer(sol).status == "set-valued"
    assert answer(sol, "minimum value").expr == 0


def test_constraint_l1_moves_one_coordinate():
    sol = solve(part(norm="l1", form="constraint", gradient=[3, -1, 2], eta=0.1))
    assert answer(sol).expr == sp.Matrix([sp.Rational(-1, 10), 0, 0])
    assert sol.identified_as == "greedy coordinate descent"


def test_quadratic_norm_is_preconditioned_descent():
    sol = solve(part(norm={"name": "quadratic", "D": [1, 2, 4]}, gradient=[3, -1, 2], alpha=2))
    assert answer(sol).expr == sp.Matrix([-3, sp.Rational(1, 2), sp.Rational(-1, 2)])
    assert sol.identified_as == "diagonally preconditioned gradient descent"
    full = solve(part(norm={"name": "quadratic", "D": [[2, 1], [1, 2]]}, gradient=[1, 0]))
    assert full.identified_as == "preconditioned (Newton-like) gradient descent"


def test_compare_and_length_asks():
    sol = solve(part(norm="linf", gradient=[3, -1, 2], alpha=0.5,
                     asks=["update", "min-value", {"kind": "step-length", "measure": "l2"},
                           {"kind": "compare", "other": "l2", "measure": "l2"}]))
    assert answer(sol, "minimum value").expr == sp.Rational(-9, 2)
    length = next(a for a in sol.answers if a.name.startswith("step length"))
    assert sp.simplify(length.expr - sp.Rational(3, 2) * sp.sqrt(3)) == 0
    ratio = next(a for a in sol.answers if a.name.startswith("length ratio"))
    # ||(3/2)(1,1,1)||_2 / ||(1/4)(3,-1,2)||_2
    assert sp.simplify(ratio.expr - (sp.Rational(3, 2) * sp.sqrt(3)) /
                       (sp.sqrt(14) / 4)) == 0


def test_symbolic_compare_linf_vs_l2():
    sol = solve(part(norm="linf", asks=["update", {"kind": "compare", "other": "l2",
                                                   "measure": "l2"}]))
    ratio = next(a for a in sol.answers if a.name.startswith("length ratio"))
    assert r"\sqrt{d}" in ratio.latex and r"\left\|g\right\|_{1}" in ratio.latex


def test_spectral_update_is_scaled_polar_factor():
    G = np.array([[1.0, 2.0], [3.0, 4.0], [0.0, 1.0]])
    sol = solve(part(norm="spectral", gradient=G.tolist(), alpha=0.5))
    U, s, Vt = np.linalg.svd(G, full_matrices=False)
    expected = -(0.5 / 2) * s.sum() * (U @ Vt)
    np.testing.assert_allclose(np.array(answer(sol).value), expected, atol=1e-12)
    assert sol.identified_as == "orthogonalised gradient descent"
    assert "Muon" in sol.identification_note


ALL_NORMS = ["l2", "l1", "linf", {"name": "lp", "p": 3}, "rms", {"name": "quadratic",
                                                                   "D": [1, 2, 3]}]
MATRIX_NORMS = ["frobenius", "spectral", "nuclear", "rms-rms"]


@pytest.mark.parametrize("form", ["penalty-squared", "penalty", "constraint"])
@pytest.mark.parametrize("norm", ALL_NORMS + MATRIX_NORMS)
@pytest.mark.parametrize("numeric", [True, False])
def test_every_formula_renders(norm, form, numeric):
    is_matrix = norm in MATRIX_NORMS
    fields = {"norm": norm, "form": form}
    if numeric:
        fields["gradient"] = [[1, -2], [0, 3]] if is_matrix else [3, -1, 2]
        fields["alpha"] = 0.5
        fields["eta"] = 0.25
    asks = ["update", "optimizer", "min-value"]
    if form == "penalty":
        asks.append("threshold")
    fields["asks"] = asks
    sol = solve(part(**fields))
    formulas = solution_formulas(Solution("t", [sol]))
    assert len(formulas) > 5
    for latex, display in formulas:
        pykatex.renderToString(latex, displayMode=display, output="mathml", throwOnError=True)


@pytest.mark.parametrize("fields, field", [
    ({"norm": "l3"}, "norm"),
    ({"norm": {"name": "lp", "p": 1}}, "norm"),
    ({"norm": {"name": "lp", "p": 0.5}}, "norm"),
    ({"norm": {"name": "quadratic", "D": [[1, 2], [2, 1]]}, "gradient": [1, 2]}, "D"),
    ({"norm": "l2", "alpha": -1}, "alpha"),
    ({"norm": "l2", "alpha": 0}, "alpha"),
    ({"norm": "l2", "form": "constraint", "eta": "-0.1"}, "eta"),
    ({"norm": "l2", "gradient": [1, float("nan")]}, "gradient"),
    ({"norm": "l2", "gradient": [1, float("inf")]}, "gradient"),
    ({"norm": "spectral", "gradient": [1, 2]}, "vector"),
    ({"norm": "l2", "gradient": [[1, 2], [3]]}, "rectangular"),
    ({"norm": {"name": "quadratic", "D": [1, 2, 3]}, "gradient": [1, 2]}, "entries"),
    ({"norm": "l2", "gradient": [0.0] * (10**6 + 1)}, "limit"),
    ({"norm": "l2", "gradient": "2g"}, "symbol"),
    ({"norm": "linf", "asks": ["threshold"]}, "threshold"),
])
def test_bad_input_is_refused_with_the_field_named(fields, field):
    with pytest.raises(BadInput) as err:
        sol = solve(part(**fields))
        del sol
    assert field.lower() in str(err.value).lower()


def test_non_spd_quadratic_names_D():
    with pytest.raises(BadInput, match="norm.D"):
        solve(part(norm={"name": "quadratic", "D": [[1, 2], [2, 1]]}, gradient=[1, 2]))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True) |
    st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["norm", "form", "gradient", "alpha", "eta", "asks", "dim", "name", "p",
                         "D", "kind", "label", "family", "shape"]), children, max_size=5),
    max_leaves=20)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_malformed_specs_never_crash(data):
    """Any JSON-like input either solves or raises BadInput, never another exception."""
    spec = {"family": "steepest-descent", "norm": "linf"}
    if isinstance(data, dict):
        spec.update(data)
        spec["family"] = "steepest-descent"
    else:
        spec["gradient"] = data
    try:
        problem = make_problem({"parts": [spec]})
    except BadInput:
        return
    try:
        solve(problem.parts[0])
    except BadInput:
        pass


def test_parts_keep_their_own_dual_norm_in_the_derivation():
    """Solving a later part must not change how an earlier part's equations print."""
    first = solve(part(norm="linf", gradient=[3, -1, 2], alpha=0.5))
    solve(part(norm="spectral", gradient=[[1, 2], [3, 4]], alpha=0.5))
    text = " ".join(eq.latex for _, eq in first.numbered_equations())
    assert r"\left\|g\right\|_{1}" in text
    assert r"\left\|G\right\|_{*}" not in text
