"""Witnesses of the steepest-descent family.

Unit tests feed hand-built PartSolutions (right and deliberately wrong claims) to the witnesses;
solver failures are forced (OSQP at its iteration limit, monkeypatched statuses) to show they
come out inconclusive, never passed. Property tests (hypothesis) run the family's real solver on
random instances of every norm and form and require the pinned convex solver and the
solver-free certificate to agree with it.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from optiproof.core.evidence import Check, run_witness
from optiproof.core.limits import LIMITS
from optiproof.core.options import SolveOptions
from optiproof.core.solution import Analysis, Answer, PartSolution
from optiproof.families.steepest_descent import witness as W
from optiproof.families.steepest_descent.facts import SteepestDescentFacts
from optiproof.families.steepest_descent.solve import solve
from optiproof.families.steepest_descent.spec import Ask, SteepestDescentSpec
from optiproof.witnesses.convex import ConicSolver, ConvexRun, relative_error, solve_convex

PROPERTY = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


# ----------------------------------------------------------------------------- helpers
def fake(spec: dict, *, update, value, status="unique", membership=None, asked=(),
         numeric=True) -> tuple[SteepestDescentSpec, PartSolution]:
    """A PartSolution carrying exactly the claim under test (no solver involved)."""
    s = SteepestDescentSpec.model_validate(spec)
    if s.gradient_is_symbolic:
        g = sp.MatrixSymbol("g", 3, 1)
    elif s.gradient_is_matrix:
        g = sp.Matrix(s.gradient)
    else:
        g = sp.Matrix(s.gradient)
    if isinstance(update, np.ndarray) or update is None:
        u = update
    else:
        u = sp.Matrix(update)
    facts = SteepestDescentFacts(numeric=numeric, g=g, alpha=sp.nsimplify(s.alpha),
                                 eta=sp.nsimplify(s.eta), dual_value=None, update=u,
                                 update_status=status, min_value=value, membership=membership,
                                 asked=list(asked))
    sol = PartSolution(label="main", family="steepest-descent", question="", analysis=Analysis(),
                       steps=[], answers=[], facts=facts)
    return s, sol


def run_all(spec, sol, options=SolveOptions()) -> dict[str, Check]:
    """Run every witness as the pipeline does; key by a short name."""
    out = {}
    for method, fn in W.witnesses(spec, sol, options):
        key = ("convex" if method.startswith(("cvxpy", "Clarabel")) else "certificate"
               if "certificate" in method
               else "asks" if method.startswith("asked") else "newton-schulz")
        out[key] = run_witness(method, fn)
    return out


LINF = {"norm": "linf", "form": "penalty-squared", "gradient": [3, -1, 2], "alpha": 0.5}
"""The issue's example: u = -(alpha/2) ||g||_1 sign(g) = [-1.5, 1.5, -1.5], value -4.5."""


# ----------------------------------------------------------------------------- right answers
def test_issue_example_passes_every_witness():
    spec, sol = fake(LINF, update=[-1.5, 1.5, -1.5], value=sp.Rational(-9, 2))
    checks = run_all(spec, sol)
    assert {c.status for c in checks.values()} == {"passed"}, checks
    convex = checks["convex"]
    assert "Clarabel: optimal" in convex.detail
    assert convex.max_error is not None and convex.max_error < 1e-6
    assert convex.runtime_s > 0
    assert "Hölder" in checks["certificate"].method


def test_set_valued_update_checked_by_membership():
    # g has a zero entry: t = (alpha/2)||g||_1 = 1.25, u = [-t, free in [-t, t], -t].
    def member(x, tol):
        x = np.asarray(x, float).ravel()
        return bool(abs(x[0] + 1.25) <= tol * 1.25 and abs(x[2] + 1.25) <= tol * 1.25
                    and abs(x[1]) <= 1.25 * (1 + tol))

    spec, sol = fake({**LINF, "gradient": [3, 0, 2]}, update=[-1.25, 0, -1.25],
                     value=sp.Rational(-25, 8), status="set-valued", membership=member)
    checks = run_all(spec, sol)
    assert checks["convex"].status == "passed", checks["convex"].detail
    assert "is in the tool's set" in checks["convex"].detail
    assert checks["certificate"].status == "passed", checks["certificate"].detail


def test_unbounded_plain_penalty_agrees():
    spec, sol = fake({"norm": "l1", "form": "penalty", "gradient": [1, -2, 3], "alpha": 0.5},
                     update=None, value=sp.S.NegativeInfinity, status="unbounded")
    checks = run_all(spec, sol)
    assert checks["convex"].status == "passed", checks["convex"].detail
    assert "unbounded" in checks["convex"].detail
    assert checks["certificate"].status == "passed", checks["certificate"].detail


def test_bounded_plain_penalty_agrees():
    spec, sol = fake({"norm": "l1", "form": "penalty", "gradient": [1, -2, 3], "alpha": 0.2},
                     update=[0, 0, 0], value=sp.S.Zero)
    checks = run_all(spec, sol)
    assert checks["convex"].status == "passed", checks["convex"].detail
    assert checks["certificate"].status == "passed", checks["certificate"].detail


# ----------------------------------------------------------------------------- wrong answers
def test_wrong_update_fails_with_offending_values():
    spec, sol = fake(LINF, update=[-1.5, 1.5, 1.5], value=sp.Rational(-9, 2))
    checks = run_all(spec, sol)
    for key in ("convex", "certificate"):
        assert checks[key].status == "failed", checks[key].detail
    assert "1.5, 1.5, 1.5" in checks["convex"].detail.replace("-", "")
    assert "minimiser" in checks["convex"].detail


def test_wrong_value_fails_with_offending_values():
    spec, sol = fake(LINF, update=[-1.5, 1.5, -1.5], value=sp.Integer(-4))
    checks = run_all(spec, sol)
    for key in ("convex", "certificate"):
        assert checks[key].status == "failed", checks[key].detail
    assert "tool -4 vs solver -4.5" in checks["convex"].detail
    assert checks["convex"].max_error > 0.1


def test_l2_answer_for_linf_problem_fails():
    # the classic mistake: answering gradient descent for the l_inf geometry
    spec, sol = fake(LINF, update=[-0.75, 0.25, -0.5], value=sp.Rational(-7, 4))
    assert run_all(spec, sol)["convex"].status == "failed"
    assert run_all(spec, sol)["certificate"].status == "failed"


def test_claiming_bounded_when_unbounded_fails():
    spec, sol = fake({"norm": "l1", "form": "penalty", "gradient": [1, -2, 3], "alpha": 0.5},
                     update=[0, 0, 0], value=sp.S.Zero)
    checks = run_all(spec, sol)
    assert checks["convex"].status == "failed"
    assert "unbounded" in checks["convex"].detail
    assert checks["certificate"].status == "failed"


def test_claiming_unbounded_when_bounded_fails():
    spec, sol = fake({"norm": "l1", "form": "penalty", "gradient": [1, -2, 3], "alpha": 0.2},
                     update=None, value=sp.S.NegativeInfinity, status="unbounded")
    checks = run_all(spec, sol)
    assert checks["convex"].status == "failed"
    assert "finite minimum" in checks["convex"].detail
    assert checks["certificate"].status == "failed"


def test_membership_that_rejects_the_optimum_fails():
    spec, sol = fake({**LINF, "gradient": [3, 0, 2]}, update=[-1.25, 0, -1.25],
                     value=sp.Rational(-25, 8), status="set-valued",
                     membership=lambda x, tol: False)
    checks = run_all(spec, sol)
    assert checks["convex"].status == "failed"
    assert "NOT in the tool's set" in checks["convex"].detail


def test_constraint_step_outside_the_ball_fails():
    spec = {"norm": "l2", "form": "constraint", "gradient": [3, 4], "eta": 1}
    # u = -(3, 4)/5 * 2 has twice the allowed length and (per its own objective) value -10
    s, sol = fake(spec, update=[-1.2, -1.6], value=sp.Integer(-10))
    checks = run_all(s, sol)
    assert checks["certificate"].status == "failed"
    assert "<= η" in checks["certificate"].detail
    assert checks["convex"].status == "failed"


# ----------------------------------------------------------------------------- solver failures
def _l1_squared_instance(d: int = 1000, seed: int = 0):
    g = np.random.default_rng(seed).standard_normal(d)
    alpha = 0.5
    i = int(np.argmax(np.abs(g)))
    u = np.zeros(d)
    u[i] = -(alpha / 2) * abs(g[i]) * np.sign(g[i])
    value = -(alpha / 4) * abs(g[i]) ** 2
    spec = {"norm": "l1", "form": "penalty-squared", "gradient": g.tolist(), "alpha": alpha}
    s, sol = fake(spec, update=u, value=sp.Float(value, 17))
    sol.facts.g = g  # numpy is accepted too (large instances)
    return s, sol


def test_osqp_iteration_limit_is_inconclusive_not_passed(monkeypatch):
    """The issue's measurement: OSQP stops at 'user_limit' on squared l1 at d = 1000."""
    spec, sol = _l1_squared_instance()
    monkeypatch.setattr(W, "SOLVER", ConicSolver("OSQP", time_limit_s=30))
    check = run_all(spec, sol)["convex"]
    assert check.status == "inconclusive", check.detail
    assert "user_limit" in check.detail
    assert "Osqp" in check.method


def test_osqp_iteration_limit_on_a_wrong_answer_is_still_inconclusive(monkeypatch):
    spec, sol = _l1_squared_instance()
    sol.facts.min_value = sp.Float(-1.0)
    monkeypatch.setattr(W, "SOLVER", ConicSolver("OSQP", options=(("max_iter", 5),)))
    check = run_all(spec, sol)["convex"]
    assert check.status == "inconclusive", check.detail


def test_clarabel_on_the_same_instance_passes():
    spec, sol = _l1_squared_instance()
    check = run_all(spec, sol)["convex"]
    assert check.status == "passed", check.detail
    assert check.max_error < 1e-6


@pytest.mark.parametrize("status", ["optimal_inaccurate", "user_limit", "solver_error",
                                    "infeasible", "unbounded_inaccurate"])
def test_any_unproven_status_is_inconclusive(monkeypatch, status):
    def fake_solve(form, norm_spec, g, weight, solver):
        return ConvexRun("CLARABEL", status, -123.0 if "optimal" in status else None,
                         np.zeros(g.shape), 0.01, error="forced")

    monkeypatch.setattr(W, "solve_program", fake_solve)
    for update, value in (([-1.5, 1.5, -1.5], sp.Rational(-9, 2)), ([9, 9, 9], sp.Integer(7))):
        spec, sol = fake(LINF, update=update, value=value)
        check = run_all(spec, sol)["convex"]
        assert check.status == "inconclusive", (status, check.detail)
        assert status in check.detail


def _solver_returning(point, form, g, step):
    """A fake solve_program proving optimality of ``point`` (given in original units)."""
    scaled = W._normalise(form, np.asarray(g, float), step)

    def fake_solve(form_, norm_spec, g_, weight, solver):
        x = np.asarray(point, float) / scaled.point_scale
        value = _objective_linf(g, point, step) / scaled.value_scale
        return ConvexRun("CLARABEL", "optimal", value, x, 0.01)

    return fake_solve


def _objective_linf(g, x, alpha):
    return float(np.dot(g, x) + np.max(np.abs(x)) ** 2 / alpha)


def test_minimiser_differing_only_along_a_flat_direction_is_inconclusive(monkeypatch):
    # g_2 = 1e-9: moving u_2 inside [-t, t] changes f by ~1e-9 t, below any solver accuracy
    g, alpha = [3.0, 1e-9, 2.0], 0.5
    t = alpha / 2 * sum(abs(v) for v in g)
    u = [-t, -t, -t]
    solver_point = [-t, 0.3 * t, -t]
    monkeypatch.setattr(W, "solve_program", _solver_returning(solver_point, "penalty-squared",
                                                             g, alpha))
    value = sp.Float(-alpha / 4 * (2 * t / alpha) ** 2, 20)  # -(alpha/4) ||g||_1^2
    spec, sol = fake({**LINF, "gradient": g}, update=u, value=value)
    check = run_all(spec, sol)["convex"]
    assert check.status == "inconclusive", check.detail
    assert "nearly flat" in check.detail


def test_minimiser_differing_along_a_steep_direction_fails(monkeypatch):
    g, alpha = [3.0, -1.0, 2.0], 0.5
    right = [-1.5, 1.5, -1.5]
    claimed = [-1.5, 0.5, -1.5]  # f is 1 worse here; the claimed value is the true optimum
    monkeypatch.setattr(W, "solve_program", _solver_returning(right, "penalty-squared", g,
                                                              alpha))
    spec, sol = fake(LINF, update=claimed, value=sp.Rational(-9, 2))
    check = run_all(spec, sol)["convex"]
    assert check.status == "failed", check.detail


def test_crashing_solver_is_inconclusive(monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("solver exploded")

    monkeypatch.setattr(W, "solve_program", boom)
    spec, sol = fake(LINF, update=[-1.5, 1.5, -1.5], value=sp.Rational(-9, 2))
    check = run_all(spec, sol)["convex"]
    assert check.status == "inconclusive"
    assert "solver exploded" in check.detail


def test_solve_convex_reports_solver_status():
    import cvxpy as cp

    x = cp.Variable(3)
    run = solve_convex(cp.Problem(cp.Minimize(cp.sum(x))), x)
    assert run.status == "unbounded" and run.outcome == "unbounded"
    run = solve_convex(cp.Problem(cp.Minimize(cp.sum_squares(x - 1))), x)
    assert run.outcome == "optimal" and abs(run.value) < 1e-9
    assert np.allclose(run.x, 1)


def test_relative_error():
    assert relative_error(1.0, 1.0) == 0.0
    assert relative_error(0.0, 0.0) == 0.0
    assert relative_error(2.0, 1.0) == pytest.approx(0.5)
    assert relative_error(1e-12, 0.0, floor=1.0) == pytest.approx(1e-12)


# ----------------------------------------------------------------------------- size limits
def test_solver_skipped_beyond_limits_but_certificate_scales():
    d = LIMITS.solver_max_entries + 1
    g = np.random.default_rng(1).standard_normal(d)
    alpha = 0.5
    u = -(alpha / 2) * g
    spec = SteepestDescentSpec.model_validate({"norm": "l2", "gradient": [0.0], "alpha": 0.5})
    spec = spec.model_copy(update={"gradient": g.tolist()})
    _, sol = fake({"norm": "l2", "gradient": [0.0], "alpha": 0.5}, update=u,
                  value=sp.Float(-(alpha / 4) * float(g @ g), 17))
    sol.facts.g = g
    checks = run_all(spec, sol)
    assert checks["convex"].status == "inconclusive"
    assert "exceeds the solver witness limit" in checks["convex"].detail
    assert checks["certificate"].status == "passed", checks["certificate"].detail[:500]


def test_sdp_side_limit_skips_solver_but_newton_schulz_runs():
    side = LIMITS.solver_max_matrix_side + 2
    G = np.random.default_rng(2).standard_normal((side, side - 5))
    U, s, Vt = np.linalg.svd(G, full_matrices=False)
    eta = 0.3
    spec, sol = fake({"norm": "spectral", "form": "constraint", "gradient": G.tolist(),
                      "eta": eta}, update=-eta * U @ Vt, value=sp.Float(-eta * s.sum(), 17))
    sol.facts.g = G
    checks = run_all(spec, sol)
    assert checks["convex"].status == "inconclusive"
    assert "semidefinite" in checks["convex"].detail
    assert checks["certificate"].status == "passed", checks["certificate"].detail[:800]
    assert checks["newton-schulz"].status == "passed", checks["newton-schulz"].detail[:800]


# ----------------------------------------------------------------------------- asked numbers
def _asked(kind, expr, **fields):
    return (Ask(kind=kind, **fields), Answer(kind, "x", expr, quantity=kind))


def test_step_length_compare_and_threshold_right():
    asked = [_asked("step-length", sp.Rational(3, 2) * sp.sqrt(3), measure="l2"),
             # ||u_inf||_2 / ||u_2||_2 = (3/2) sqrt 3 / ((1/4) sqrt 14)
             _asked("compare", 6 * sp.sqrt(3) / sp.sqrt(14), other="l2", measure="l2")]
    spec, sol = fake({**LINF, "asks": ["update", {"kind": "step-length", "measure": "l2"},
                                       {"kind": "compare", "other": "l2", "measure": "l2"}]},
                     update=[-1.5, 1.5, -1.5], value=sp.Rational(-9, 2), asked=asked)
    check = run_all(spec, sol)["asks"]
    assert check.status == "passed", check.detail
    assert "Clarabel on the conic form" in check.detail

    th = [_asked("threshold", sp.Rational(1, 3))]
    spec, sol = fake({"norm": "l1", "form": "penalty", "gradient": [1, -2, 3], "alpha": 0.2,
                      "asks": ["update", "threshold"]}, update=[0, 0, 0], value=sp.S.Zero,
                     asked=th)
    check = run_all(spec, sol)["asks"]
    assert check.status == "passed", check.detail
    assert "at 1.1 α* the solver says unbounded" in check.detail


@pytest.mark.parametrize("kind,expr,fields", [
    ("step-length", sp.Integer(3), {"measure": "l2"}),
    ("compare", sp.Integer(3), {"other": "l2"}),  # the true ratio (in linf) is 2
])
def test_wrong_step_length_or_ratio_fails(kind, expr, fields):
    spec, sol = fake({**LINF, "asks": ["update", {"kind": kind, **fields}]},
                     update=[-1.5, 1.5, -1.5], value=sp.Rational(-9, 2),
                     asked=[_asked(kind, expr, **fields)])
    check = run_all(spec, sol)["asks"]
    assert check.status == "failed", check.detail
    assert "tool 3 vs" in check.detail


LP3 = {"norm": {"name": "lp", "p": 3}, "form": "penalty-squared", "gradient": [3, -1, 2],
       "alpha": 0.5}
LP3_DUAL = (1 + 2 * sp.sqrt(2) + 3 * sp.sqrt(3)) ** sp.Rational(2, 3)
"""||[3, -1, 2]||_{3/2}."""


@pytest.mark.parametrize("kind,right,wrong", [
    ("holder-conjugate", sp.Rational(3, 2), sp.Integer(3)),
    ("dual-norm", LP3_DUAL, sp.Integer(6)),  # ||g||_1 instead of ||g||_{3/2}
])
def test_dual_norm_and_holder_exponent_right_and_wrong(kind, right, wrong):
    statuses = []
    for claim in (right, wrong):
        spec, sol = fake({**LP3, "asks": ["update", kind]}, update=[0, 0, 0],
                         value=sp.Integer(0), asked=[_asked(kind, claim)])
        statuses.append(run_all(spec, sol)["asks"].status)
    assert statuses == ["passed", "failed"]


def test_wrong_threshold_fails():
    spec, sol = fake({"norm": "l1", "form": "penalty", "gradient": [1, -2, 3], "alpha": 0.2,
                      "asks": ["update", "threshold"]}, update=[0, 0, 0], value=sp.S.Zero,
                     asked=[_asked("threshold", sp.Rational(1, 6))])  # 1/||g||_1, not 1/||g||_inf
    check = run_all(spec, sol)["asks"]
    assert check.status == "failed"
    assert "0.1666666667 vs 1/||g||_* = 0.3333333333" in check.detail


# ----------------------------------------------------------------------------- Newton-Schulz
def test_cubic_newton_schulz_converges_to_polar_factor():
    G = np.random.default_rng(3).standard_normal((7, 4))
    X, steps, converged = W.newton_schulz_cubic(G)
    assert converged and steps < 60
    assert np.max(np.abs(X - W.polar_factor_svd(G))) < 1e-10
    assert np.sum(X * G) == pytest.approx(np.linalg.norm(G, "nuc"), rel=1e-12)


def test_cubic_newton_schulz_keeps_zero_singular_values_zero():
    rng = np.random.default_rng(4)
    G = rng.standard_normal((6, 2)) @ rng.standard_normal((2, 5))  # rank 2
    X, _, converged = W.newton_schulz_cubic(G)
    assert converged
    s = np.linalg.svd(X, compute_uv=False)
    assert np.allclose(s[:2], 1, atol=1e-10) and np.all(s[2:] < 1e-8)
    assert np.max(np.abs(X - W.polar_factor_svd(G))) < 1e-9


def test_quintic_newton_schulz_is_deliberately_inexact():
    G = np.random.default_rng(5).standard_normal((64, 32))
    err, lo, hi, zeros = W.quintic_report(G, W.polar_factor_svd(G))
    assert err > 1e-3  # not U V^T
    assert 0.3 <= lo <= hi <= 1.7  # but its singular values land near 1
    assert zeros == 0


def test_newton_schulz_witness_on_right_and_wrong_spectral_steps():
    G = np.array([[1.0, 2, 0], [0, 1, 1], [1, 0, 1], [2, 1, 0]])
    U, s, Vt = np.linalg.svd(G, full_matrices=False)
    alpha = 0.5
    right = -(alpha / 2) * s.sum() * U @ Vt
    value = -(alpha / 4) * s.sum() ** 2
    spec = {"norm": "spectral", "gradient": G.tolist(), "alpha": alpha}
    s1, sol = fake(spec, update=right, value=sp.Float(value, 17))
    check = run_all(s1, sol)["newton-schulz"]
    assert check.status == "passed", check.detail
    assert "Muon's quintic" in check.detail and "[0.5, 1.5]" in check.detail
    wrong = -(alpha / 2) * s.sum() * G / np.linalg.norm(G)  # a Frobenius-direction step
    s2, sol = fake(spec, update=wrong, value=sp.Float(value, 17))
    checks = run_all(s2, sol)
    assert checks["newton-schulz"].status == "failed"
    assert checks["convex"].status == "failed"


# ----------------------------------------------------------------------------- numpy norms
@pytest.mark.parametrize("name,dual_of", [("l2", "l2"), ("l1", "linf"), ("linf", "l1")])
def test_numpy_dual_norms_are_duals(name, dual_of):
    g = np.array([3.0, -1.0, 2.0])
    from optiproof.families.steepest_descent.spec import NormSpec

    norm = W.NumpyNorm.of(NormSpec(name=name), g.shape)
    s = norm.sharp(g)
    assert norm.value(s) == pytest.approx(1.0)
    assert float(g @ s) == pytest.approx(norm.dual(g))
    assert norm.dual(g) == pytest.approx(W.NumpyNorm.of(NormSpec(name=dual_of), g.shape).value(g))


# ----------------------------------------------------------------------------- real solver


def test_issue_example_with_the_real_solver():
    from optiproof.pipeline import solve_part

    part = solve_part(SteepestDescentSpec.model_validate(LINF))
    u = W.to_array(part.facts.update).ravel()
    assert np.allclose(u, [-1.5, 1.5, -1.5], atol=1e-12)
    assert part.verified, [c.detail for c in part.checks]
    assert all(c.status == "passed" for c in part.checks)


def test_symbolic_problem_checked_on_random_instances():
    from optiproof.pipeline import solve_part

    part = solve_part(SteepestDescentSpec.model_validate(
        {"norm": "linf", "form": "penalty-squared", "gradient": "g", "alpha": "alpha"}))
    assert part.verified, [c.detail for c in part.checks]
    assert all(f"random instances ({W.RANDOM_VECTOR_INSTANCES} of them)" in c.detail
               for c in part.checks)


def _decimal(lo: float, hi: float, places: int = 2):
    return st.floats(lo, hi, allow_nan=False).map(lambda x: round(x, places))


VECTOR_NORMS = ["l2", "l1", "linf", "lp", "rms", "quadratic-diag", "quadratic-full"]
MATRIX_NORMS = ["frobenius", "spectral", "nuclear", "rms-rms"]


@st.composite
def instances(draw, norm_name: str):
    """A numeric spec: gradient (with ties and zeros sometimes), norm parameters, alpha/eta."""
    form = draw(st.sampled_from(["penalty-squared", "constraint", "penalty"]))
    step = draw(_decimal(0.2, 2.0))
    integers = draw(st.booleans())
    if norm_name in MATRIX_NORMS:
        m, n = draw(st.integers(1, 4)), draw(st.integers(1, 4))
        entry = st.integers(-2, 2).map(float) if integers else _decimal(-3, 3)
        grad = [[draw(entry) for _ in range(n)] for _ in range(m)]
        norm: dict = {"name": norm_name}
    else:
        d = draw(st.integers(1, 5))
        entry = st.integers(-2, 2).map(float) if integers else _decimal(-3, 3)
        grad = [draw(entry) for _ in range(d)]
        if norm_name == "lp":
            norm = {"name": "lp", "p": draw(st.sampled_from([1.5, 2.5, 3, 4]))}
        elif norm_name == "quadratic-diag":
            norm = {"name": "quadratic", "D": [draw(_decimal(0.1, 5)) for _ in range(d)]}
        elif norm_name == "quadratic-full":
            B = np.array([[draw(st.integers(-2, 2)) for _ in range(d)] for _ in range(d)])
            norm = {"name": "quadratic", "D": (B @ B.T + np.eye(d)).tolist()}  # SPD, exact
        else:
            norm = {"name": norm_name}
    return {"norm": norm, "form": form, "gradient": grad, "alpha": step, "eta": step}


@pytest.mark.parametrize("norm", ["l2", "linf", "spectral"])
def test_zero_gradient_squared_penalty_is_unique(norm):
    grad = [[0.0, 0.0], [0.0, 0.0]] if norm == "spectral" else [0.0, 0.0]
    spec = SteepestDescentSpec.model_validate({"norm": norm, "gradient": grad, "alpha": 1})
    part = solve(spec)
    (inst,) = W.instances_of(spec, part, SolveOptions())
    assert W.certificate_verdict(inst, seed=0).status == "passed"
    assert part.facts.update_status == "unique"


def test_witness_flags_set_valued_label_for_zero_gradient_squared_penalty():
    spec, sol = fake({**LINF, "gradient": [0, 0, 0]}, update=[0, 0, 0], value=sp.S.Zero,
                     status="set-valued")
    check = run_all(spec, sol)["certificate"]
    assert check.status == "failed"
    assert "unique minimiser d = 0" in check.detail


@pytest.mark.parametrize("norm_name", VECTOR_NORMS + MATRIX_NORMS)
@PROPERTY
@given(data=st.data())
def test_closed_form_agrees_with_clarabel_and_certificate(norm_name, data):
    spec = SteepestDescentSpec.model_validate(data.draw(instances(norm_name)))
    part = solve(spec)
    assume(part.facts.numeric)
    (inst,) = W.instances_of(spec, part, SolveOptions())
    convex = W.convex_verdict(inst)
    assert convex.status != "failed", convex.line
    if convex.status == "passed":
        assert convex.error <= max(W.TOL.solver_value, W.TOL.solver_point)
    else:  # only an unproven solver status or a float-degenerate instance may be inconclusive
        assert "no proof" in convex.line or "degenerate" in convex.line or \
            "float precision" in convex.line, convex.line
    cert = W.certificate_verdict(inst, seed=0)
    assert cert.status != "failed", cert.line


@PROPERTY
@given(data=st.data())
def test_value_agreement_is_within_1e6(data):
    """Optimal values: tool (exact) vs Clarabel to 1e-6 relative, every norm and form."""
    norm_name = data.draw(st.sampled_from(VECTOR_NORMS + MATRIX_NORMS))
    spec = SteepestDescentSpec.model_validate(data.draw(instances(norm_name)))
    part = solve(spec)
    (inst,) = W.instances_of(spec, part, SolveOptions())
    assume(inst.status != "unbounded" and np.any(inst.g))
    import cvxpy as cp

    problem, _ = W.build_problem(spec.form, spec.norm, inst.g, inst.step)
    problem.solve(solver=cp.CLARABEL)
    assume(problem.status == "optimal")
    scale = max(abs(inst.value), 1e-3 * float(np.abs(inst.g).max()))
    assert abs(problem.value - inst.value) <= 1e-6 * scale, (problem.value, inst.value)


@pytest.mark.parametrize("norm_name", VECTOR_NORMS + ["frobenius"])
@PROPERTY
@given(data=st.data())
def test_direct_conic_form_agrees_with_cvxpy(norm_name, data):
    """Cross-check: Clarabel on the hand-built conic form and Clarabel through cvxpy's atoms
    reach the same status, value and minimiser on the same program."""
    spec = SteepestDescentSpec.model_validate(data.draw(instances(norm_name)))
    g = W._spec_gradient(spec)
    scaled = W._normalise(spec.form, g, W._spec_step(spec))
    direct = W.solve_program(spec.form, spec.norm, scaled.g, scaled.weight, W.SOLVER)
    problem, x = W.build_problem(spec.form, spec.norm, scaled.g, scaled.weight)
    via_cvxpy = W.solve_convex(problem, x, W.SOLVER)
    assume(via_cvxpy.outcome != "unsolved")
    assert direct.outcome == via_cvxpy.outcome, (direct.describe(), via_cvxpy.describe())
    if direct.outcome == "optimal":
        assert abs(direct.value - via_cvxpy.value) <= 1e-7 * max(1.0, abs(direct.value))
        assert direct.x.shape == g.shape
        f = [float(np.sum(scaled.g * p)) for p in (direct.x, via_cvxpy.x)]
        assert abs(f[0] - f[1]) <= 1e-6 * max(1.0, abs(f[1]))


@PROPERTY
@given(data=st.data(), measure=st.sampled_from(["l2", "l1", "linf"]),
       other=st.sampled_from(["l2", "l1", "linf", "rms"]))
def test_asked_lengths_agree(data, measure, other):
    base = data.draw(instances(data.draw(st.sampled_from(["l2", "l1", "linf", "rms"]))))
    assume(base["form"] != "penalty")
    base["asks"] = ["update", {"kind": "step-length", "measure": measure},
                    {"kind": "compare", "other": other}]
    spec = SteepestDescentSpec.model_validate(base)
    part = solve(spec)
    (inst,) = W.instances_of(spec, part, SolveOptions())
    assume(np.any(inst.g))
    verdict = W.asks_verdict(inst)
    assert verdict.status != "failed", verdict.line


def test_threshold_with_the_real_solver():
    spec = SteepestDescentSpec.model_validate(
        {"norm": "linf", "form": "penalty", "gradient": [1, -2, 0.5], "alpha": 0.1,
         "asks": ["update", "threshold"]})
    part = solve(spec)
    (inst,) = W.instances_of(spec, part, SolveOptions())
    verdict = W.asks_verdict(inst)
    assert verdict.status == "passed", verdict.line
    assert math.isclose(float(part.facts.asked[0][1].expr), 1 / 3.5)


# ----------------------------------------------------------------------------- which norm
@pytest.mark.parametrize("spec, right, wrong", [
    ({"norm": "linf", "form": "penalty-squared", "gradient": [3, -1, 2], "alpha": 0.5},
     "l1", "l2"),
    ({"norm": "l1", "form": "constraint", "gradient": [0.5, -2, 1.5], "eta": 0.1},
     "linf", "l1"),
    ({"norm": "spectral", "form": "penalty-squared", "gradient": [[1, 2], [2, 1]],
      "alpha": 0.1}, "nuclear", "frobenius"),
    ({"norm": "nuclear", "form": "constraint", "gradient": [[2, 0, 1], [0, 3, 0]],
      "eta": 0.1}, "spectral", "nuclear"),
])
def test_which_norm_named_dual_is_checked_against_the_ball_maximum(spec, right, wrong):
    """The named norm of g must equal cvxpy's max of <g, s> over the unit ball; the wrong
    partner (a different value on these gradients) fails."""
    from optiproof.catalogue import NORMS
    from optiproof.core.exact import Name

    statuses = []
    for key in (right, wrong):
        s, sol = fake({**spec, "asks": ["update", "which-norm"]}, update=None, value=None,
                      asked=[(Ask(kind="which-norm"),
                              Answer("which norm", "", Name(key, NORMS[key].name),
                                     quantity="which-norm"))])
        statuses.append(W.asks_verdict(W.instances_of(s, sol, SolveOptions())[0]).status)
    assert statuses == ["passed", "failed"]


def test_which_norm_of_a_matrix_norm_naming_a_vector_norm_fails():
    from optiproof.core.exact import Name

    s, sol = fake({"norm": "spectral", "form": "penalty-squared", "gradient": [[1, 2], [2, 1]],
                   "alpha": 0.1, "asks": ["update", "which-norm"]}, update=None, value=None,
                  asked=[(Ask(kind="which-norm"),
                          Answer("which norm", "", Name("l1", "l1 norm"), quantity="which-norm"))])
    assert W.asks_verdict(W.instances_of(s, sol, SolveOptions())[0]).status == "failed"


@pytest.mark.parametrize("alpha, exists", [(0.25, False), (0.1, True)])
def test_existence_claim_is_checked_against_the_solver(alpha, exists):
    """g = (1, -3, 2), plain l∞ penalty: bounded iff ||g||_1 = 6 <= 1/alpha."""
    spec = {"norm": "linf", "form": "penalty", "gradient": [1, -3, 2], "alpha": alpha,
            "asks": ["update", "existence"]}
    statuses = []
    for claim in (exists, not exists):
        s, sol = fake(spec, update=None if not exists else [0, 0, 0],
                      value=sp.S.NegativeInfinity if not exists else sp.S.Zero,
                      status="unbounded" if not exists else "unique",
                      asked=[(Ask(kind="existence"),
                              Answer("exists", "", sp.true if claim else sp.false,
                                     quantity="existence"))])
        statuses.append(W.asks_verdict(W.instances_of(s, sol, SolveOptions())[0]).status)
    assert statuses == ["passed", "failed"]


@pytest.mark.parametrize("claim, status", [(sp.Rational(2, 5), "passed"),
                                           (sp.Rational(1, 2), "failed")])
def test_length_of_another_norms_step_is_checked(claim, status):
    """g = (3, -4), constraint η = 0.5: the l2 step is (-0.3, 0.4), its max-norm 0.4."""
    spec = {"norm": "l1", "form": "constraint", "gradient": [3, -4], "eta": 0.5,
            "asks": ["update", {"kind": "step-length", "measure": "linf", "other": "l2"}]}
    s, sol = fake(spec, update=[0, sp.Rational(1, 2)], value=sp.Integer(-2),
                  asked=[_asked("step-length", claim, measure="linf", other="l2")])
    assert W.asks_verdict(W.instances_of(s, sol, SolveOptions())[0]).status == status


@pytest.mark.parametrize("claim, status", [
    (sp.Matrix([[0, 1], [1, 0]]), "passed"),
    (sp.Matrix([[1, 0], [0, 1]]), "failed"),
])
def test_orthogonalised_gradient_is_checked_by_svd_and_newton_schulz(claim, status):
    spec = {"norm": "spectral", "form": "penalty-squared", "gradient": [[1, 2], [2, 1]],
            "alpha": 0.02, "asks": ["update", "orthogonalised-gradient"]}
    s, sol = fake(spec, update=[[0, -sp.Rational(1, 25)], [-sp.Rational(1, 25), 0]],
                  value=-sp.Rational(4, 25) * sp.Rational(1, 1) / 2,
                  asked=[_asked("orthogonalised-gradient", claim)])
    assert W.asks_verdict(W.instances_of(s, sol, SolveOptions())[0]).status == status


@pytest.mark.parametrize("claim, status", [(-sp.Rational(1, 25), "passed"),
                                           (-sp.Rational(1, 100), "failed")])
def test_multiple_of_the_polar_factor_is_checked_against_the_step(claim, status):
    """G = [[1, 2], [2, 1]], α = 0.02: ΔW = -(α/2)‖G‖_* U Vᵀ = -0.04 [[0, 1], [1, 0]]."""
    spec = {"norm": "spectral", "form": "penalty-squared", "gradient": [[1, 2], [2, 1]],
            "alpha": 0.02, "asks": ["update", "multiple-of-polar"]}
    s, sol = fake(spec, update=[[0, -sp.Rational(1, 25)], [-sp.Rational(1, 25), 0]],
                  value=-sp.Rational(2, 25), asked=[_asked("multiple-of-polar", claim)])
    assert W.asks_verdict(W.instances_of(s, sol, SolveOptions())[0]).status == status


@pytest.mark.parametrize("key, status", [("linf", "passed"), ("l2", "failed")])
def test_largest_decrease_claim_is_checked_by_solving_each_norm(key, status):
    from optiproof.catalogue import NORMS
    from optiproof.core.exact import Name

    ask = {"kind": "which-solution", "among": ["l1", "l2", "linf"]}
    spec = {"norm": "l1", "form": "constraint", "gradient": [1, -4, 2], "eta": 0.1,
            "asks": [ask]}
    s, sol = fake(spec, update=[0, sp.Rational(1, 10), 0], value=-sp.Rational(2, 5),
                  asked=[(Ask(**ask), Answer("which", "", Name(key, NORMS[key].name),
                                             quantity="which-solution"))])
    assert W.asks_verdict(W.instances_of(s, sol, SolveOptions())[0]).status == status


@pytest.mark.parametrize("claim, status", [(sp.Rational(1, 4), "passed"),
                                           (sp.Rational(1, 2), "failed")])
def test_effective_learning_rate_is_checked_against_the_step(claim, status):
    """g = (1, -2), squared l2 penalty, α = 0.5: u = -(α/2) g, learning rate 1/4."""
    spec = {"norm": "l2", "form": "penalty-squared", "gradient": [1, -2], "alpha": 0.5,
            "asks": ["update", "effective-step"]}
    s, sol = fake(spec, update=[-sp.Rational(1, 4), sp.Rational(1, 2)], value=-sp.Rational(5, 16),
                  asked=[_asked("effective-step", claim)])
    assert W.asks_verdict(W.instances_of(s, sol, SolveOptions())[0]).status == status


@pytest.mark.parametrize("norm, claimed, status", [
    ("linf", sp.Integer(6), "passed"),       # g = (1, -2, 3): ||g||_1 = 6, dual of l_inf
    ("l1", sp.Integer(3), "passed"),         # ||g||_inf = 3, dual of l_1
    ("l1", sp.Rational(1, 3), "failed"),     # α* = 1/||g||_*, not the weight λ*
    ("l1", sp.Integer(6), "failed"),         # the dual norm of the other norm
])
def test_threshold_on_the_weight_is_the_dual_norm(norm, claimed, status):
    ask = Ask(kind="threshold", on_weight=True)
    spec, sol = fake({"norm": norm, "form": "penalty", "gradient": [1, -2, 3], "alpha": 0.2,
                      "asks": ["update", {"kind": "threshold", "on_weight": True}]},
                     update=[0, 0, 0], value=sp.S.Zero,
                     asked=[(ask, Answer("threshold", "x", claimed, quantity="threshold"))])
    check = run_all(spec, sol)["asks"]
    assert check.status == status, check.detail
    if status == "passed":
        assert "at 1.1 α* the solver says unbounded" in check.detail
