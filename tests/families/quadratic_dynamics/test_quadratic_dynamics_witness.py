"""The witnesses confirm exact answers on instances where float64 references are at their
least accurate: kinks of the rate function, repeated and zero eigenvalues."""

from __future__ import annotations

import pytest

from optiproof.families.problem import make_problem
from optiproof.pipeline import solve_problem


@pytest.mark.parametrize("curvature", [{"eigenvalues": [2, 4]}, {"H": [[3, 1], [1, 3]]}],
                         ids=["spectrum-2-4", "H-3113"])
def test_gd_optimal_rate_on_an_exact_kink_is_verified(curvature):
    """The optimal rate 1/3 sits at a kink that scipy's bounded minimiser reaches only to
    about sqrt(machine eps) in alpha; the comparison allows exactly that accuracy."""
    part = solve_problem(make_problem({"family": "quadratic-dynamics", **curvature,
                                       "asks": ["optimal-step", "optimal-rate"]})).parts[0]
    rate = next(a for a in part.answers if a.quantity == "optimal-rate")
    assert rate.value == pytest.approx(1 / 3, abs=1e-15)
    assert part.verified, [(c.method, c.status, c.detail) for c in part.checks]


def test_iterates_witness_rejects_a_wrong_iterate():
    """The torch iterates check confirms θ_t and fails when one entry of an answer is off."""
    import sympy

    from optiproof.families.quadratic_dynamics.solve import solve
    from optiproof.families.quadratic_dynamics.spec import QuadraticDynamicsSpec
    from optiproof.families.quadratic_dynamics.witness import iterates_check

    spec = QuadraticDynamicsSpec(H=[[3, 1], [1, 3]], b=[1, 1], alpha=0.1, theta0=[0, 0],
                                 steps=[2, 5], asks=["theta-t"])
    sol = solve(spec, figures=False)
    assert iterates_check(spec, sol).status == "passed"
    import dataclasses

    sol.answers = [dataclasses.replace(a, expr=a.expr + sympy.Matrix([[0], [sympy.Rational(
        1, 10**6)]])) if a.name == "theta_5" else a for a in sol.answers]
    assert iterates_check(spec, sol).status == "failed"


@pytest.mark.parametrize("alpha, converges", [(0.5, False), ("0.4999", True), ("0.5001", False)])
def test_gd_at_the_stability_boundary_is_decided_exactly(alpha, converges):
    """At α = 2/λ_max the radius is exactly 1: numerically undecidable, confirmed by exact
    elimination (I − M² singular and PSD); just inside and outside, numpy decides."""
    part = solve_problem(make_problem({"family": "quadratic-dynamics", "H": [[3, 1], [1, 3]],
                                       "alpha": alpha, "asks": ["converges"]})).parts[0]
    ans = next(a for a in part.answers if a.quantity == "converges")
    assert bool(ans.value) is converges
    assert part.verified, [(c.method, c.status, c.detail) for c in part.checks]
