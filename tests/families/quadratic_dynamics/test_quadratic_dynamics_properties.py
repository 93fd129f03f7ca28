"""Random SPD H: closed-form rates vs the real torch.optim.SGD's measured contraction, and
stability boundaries confirmed on both sides."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optiproof.families.quadratic_dynamics.solve import solve
from optiproof.families.quadratic_dynamics.spec import Spec
from optiproof.families.quadratic_dynamics.witness import RATE_TOL, torch_rate


@st.composite
def spd(draw):
    """A small SPD matrix with integer entries H = A^T A + I (exactly symmetric)."""
    n = draw(st.integers(1, 3))
    a = draw(st.lists(st.lists(st.integers(-3, 3), min_size=n, max_size=n), min_size=n,
                      max_size=n))
    A = np.array(a, dtype=int)
    return (A.T @ A + np.eye(n, dtype=int)).tolist()


SETTINGS = settings(max_examples=6, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(spd(), st.sampled_from(["gd", "heavy-ball", "nesterov"]))
def test_optimal_rate_matches_torch(H, method):
    part = solve(Spec(H=H, method=method, asks=["optimal-step", "optimal-rate"]), figures=False)
    a, b, rho = part.facts.optimal
    Hn = np.array(H, dtype=float)
    got = torch_rate(Hn, method, float(a), 0.0 if b is None else float(b), steps=600)
    assert abs(got - float(rho)) <= RATE_TOL, (H, method, got, float(rho))


@SETTINGS
@given(spd(), st.sampled_from(["gd", "heavy-ball", "nesterov"]), st.sampled_from([0.3, 0.8]))
def test_stability_boundary_both_sides(H, method, beta):
    kw = {} if method == "gd" else {"beta": beta}
    part = solve(Spec(H=H, method=method, asks=["max-step"], **kw), figures=False)
    amax = float(part.answers[0].expr)
    Hn = np.array(H, dtype=float)
    b = 0.0 if method == "gd" else beta
    below = torch_rate(Hn, method, amax * (1 - 2e-3), b, steps=700)
    above = torch_rate(Hn, method, amax * (1 + 2e-3), b, steps=700)
    assert below < 1 < above, (H, method, below, above)


@SETTINGS
@given(spd(), st.floats(0.05, 1.9))
def test_gd_rate_at_given_step_matches_torch(H, frac):
    Hn = np.array(H, dtype=float)
    alpha = round(frac / float(np.linalg.eigvalsh(Hn).max()), 6)
    part = solve(Spec(H=H, alpha=alpha, asks=["rate"]), figures=False)
    rho = float(part.answers[0].expr)
    got = torch_rate(Hn, "gd", alpha, 0.0, steps=400)
    assert abs(got - rho) <= RATE_TOL, (H, alpha, got, rho)
