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
