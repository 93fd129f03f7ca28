"""The witnesses confirm right answers with the real torch optimizers and catch wrong ones."""

from __future__ import annotations

import dataclasses

import pytest
import sympy as sp

from optiproof.core.evidence import run_witness
from optiproof.core.options import SolveOptions
from optiproof.families.problem import make_problem
from optiproof.families.adam_mechanics.solve import solve
from optiproof.families.adam_mechanics.spec import Spec
from optiproof.families.adam_mechanics.witness import witnesses
from optiproof.pipeline import solve_problem

SPECS = [
    dict(asks=["update-rule", "bias-correction", "first-step", "loss-scaling", "sign-limit",
               "step-bound", "weight-decay"]),
    dict(asks=["update-rule", "first-step", "loss-scaling", "weight-decay"], alpha=0.001,
         beta1=0.9, beta2=0.999, eps=1e-8, lam=0.01, c=10, gradient=[3, -0.5, 0]),
    dict(asks=["update-rule", "first-step"], optimizer="rmsprop", alpha=0.01, beta2=0.99,
         gradients=[[1, -2], [0.5, 3]], eps=0),
    dict(asks=["step-bound", "bias-correction"], beta1=0.9, beta2=0.5, t=20),
    dict(asks=["sign-limit"], alpha=0.5, gradient=[0.3, -2, 0]),
]


@pytest.mark.parametrize("data", SPECS, ids=[str(i) for i in range(len(SPECS))])
def test_every_part_verified(data):
    sol = solve_problem(make_problem({"family": "adam-mechanics", **data}))
    part = sol.parts[0]
    assert part.verified, [(c.method, c.status, c.detail) for c in part.checks]
    asks = len(data["asks"])
    assert len(part.checks) >= asks
    for c in part.checks:
        assert c.max_error is not None


def _checks_with(spec: Spec, name: str, new_expr) -> list:
    part = solve(spec)
    part.answers = [dataclasses.replace(a, expr=new_expr(a.expr)) if a.name == name else a
                    for a in part.answers]
    return [run_witness(m, fn) for m, fn in witnesses(spec, part, SolveOptions())]


@pytest.mark.parametrize(("data", "name", "wrong"), [
    (dict(asks=["first-step"]), "first_step", lambda e: e / 2),
    (dict(asks=["first-step"], gradient=[1, -2]), "first_step_size", lambda e: 2 * e),
    (dict(asks=["bias-correction"]), "E_m_t", lambda e: sp.Symbol("mu", real=True)),
    (dict(asks=["step-bound"], beta1=0.5, beta2=0.9), "bound",
     lambda e: sp.Symbol("alpha", positive=True) * sp.Rational(1, 2) / sp.sqrt(sp.Rational(1, 10))),
    (dict(asks=["weight-decay"]), "decay_L2",
     lambda e: sp.Symbol("alpha", positive=True) * sp.Symbol("lamda", positive=True)),
    (dict(asks=["loss-scaling"]), "ratio_eps0", lambda e: sp.Symbol("c", positive=True)),
])
def test_wrong_answer_is_caught(data, name, wrong):
    checks = _checks_with(Spec(**data), name, wrong)
    assert any(c.status == "failed" for c in checks), [(c.method, c.detail) for c in checks]


@pytest.mark.parametrize(("gradients", "total"), [
    ([[0.3, 0.1], [-0.7, 0.3]], [0, -0.2]),
    ([[0.3, 0.1], [-0.7, -0.3]], [0, 0]),
], ids=["one-coordinate-cancels", "every-coordinate-cancels"])
def test_sign_steps_that_cancel_are_verified(gradients, total):
    """beta1 = beta2 = 0: two steps of -alpha sign(g) that cancel exactly; torch's float steps
    are alpha (1 + ulp), so their sum is 1e-17, not 0 - which must not fail the exact answer."""
    part = solve_problem(make_problem({"family": "adam-mechanics", "asks": ["update-rule"],
                                       "alpha": 0.1, "beta1": 0, "beta2": 0,
                                       "gradients": gradients})).parts[0]
    shown = next(a for a in part.answers if a.name == "displacement")
    assert shown.value == pytest.approx(total, abs=0)
    assert part.verified, [(c.method, c.status, c.detail) for c in part.checks]


@pytest.mark.parametrize("b1, b2", [(0.9, 0.999), (0.5, 0.9), (0.0, 0.99)])
def test_long_run_limit_confirmed_and_a_limit_off_by_1e_6_caught(b1, b2):
    spec = Spec(asks=["step-bound"], beta1=b1, beta2=b2)

    def long_run(scale: float):
        checks = _checks_with(spec, "bound_limit", lambda e: e * scale)
        return next(c for c in checks if c.method == "long-run step vs lim B_t")

    right, wrong = long_run(1.0), long_run(1 + 1e-6)
    assert right.passed, right.detail
    assert wrong.status == "failed", wrong.detail


def test_the_rmsprop_identification_is_measured_on_torch_rmsprop():
    data = dict(asks=["identification", "step-no-bias-correction"], alpha=0.1, beta1=0,
                beta2=0.9, eps=0, gradient=[1, -2])
    part = solve_problem(make_problem({"family": "adam-mechanics", **data})).parts[0]
    assert part.identified_as == "RMSprop" and part.verified
    assert any("torch.optim.RMSprop" in c.method and c.status == "passed" for c in part.checks)


def test_identification_without_the_rmsprop_form_is_refused():
    # beta1 = 0.5 without bias correction is not RMSprop: the identification is not asked
    with pytest.raises(ValueError, match="identification"):
        Spec(asks=["identification", "step-no-bias-correction"], alpha=0.1, beta1=0.5,
             beta2=0.9, eps=0, gradient=[1, -2])


@pytest.mark.parametrize("decay", ["penalty", "decoupled"])
def test_a_wrong_iterate_of_a_run_with_decay_is_caught(decay):
    spec = Spec(asks=["theta-t"], alpha=0.1, beta1=0.9, beta2=0.999, eps=0, lam=0.01,
                theta0=[1, -2], gradient=[0.5, 0.01], decay=decay)
    checks = _checks_with(spec, "theta_1", lambda e: e * (1 + sp.Rational(1, 10**6)))
    assert any(c.status == "failed" for c in checks), [(c.method, c.detail) for c in checks]


@pytest.mark.parametrize("data", [
    dict(asks=["first-step"], decay="penalty"),
    dict(asks=["theta-t"], decay="penalty", lam="lambda"),
    dict(asks=["theta-t"], decay="decoupled", theta0=None),
])
def test_a_run_with_decay_needs_numbers_and_run_asks(data):
    base = dict(alpha=0.1, beta1=0.9, beta2=0.999, eps=0, lam=0.01, theta0=[1, -2],
                gradient=[0.5, 0.01])
    with pytest.raises(ValueError, match="decay"):
        Spec(**{**base, **data})
