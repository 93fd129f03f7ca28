"""A part that asks for the gradient Adam is fed under an L2 penalty ("the effective gradient",
g̃_t) answers it beside the iterate, checked against the gradient torch's
Adam(weight_decay=λ) averages into its first moment; where no L2 penalty is run the part is
refused, never answered as the iterate alone."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.evidence import run_witness
from optiproof.core.options import SolveOptions
from optiproof.families.adam_mechanics.solve import solve
from optiproof.families.adam_mechanics.spec import Spec
from optiproof.families.adam_mechanics.witness import witnesses
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def _torch_fed(grads, theta0, lr, lam):
    """Torch's Adam(weight_decay=lam) at eps -> 0+ on the rows of ``grads``: the gradient its
    first moment took in at the last step, (m_T − β₁ m_{T−1})/(1 − β₁), and the last iterate."""
    import torch

    p = torch.tensor(theta0, dtype=torch.float64, requires_grad=True)
    # eps = 1e-300 is eps = 0 wherever the step is defined, and its eps -> 0+ limit (no move)
    # where a coordinate's effective gradient is exactly 0 (torch at eps = 0 gives 0/0 there)
    opt = torch.optim.Adam([p], lr=lr, betas=(0.9, 0.999), eps=1e-300, weight_decay=lam)
    m_before = np.zeros(len(theta0))
    m_now = m_before
    for g in grads:
        m_before = m_now
        p.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        m_now = opt.state[p]["exp_avg"].detach().numpy().copy()
    return (m_now - 0.9 * m_before) / 0.1, p.detach().numpy().copy()


def _answers(text):
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    (part,) = solution.parts
    assert part.verified, [(c.method, c.detail) for c in part.checks]
    return {a.quantity: np.array(a.to_dict()["value"], dtype=float).ravel()
            for a in part.answers if a.value is not None}


def _agrees_with_torch(text, grads, theta0, lr, lam):
    """The part's effective gradient and iterate are torch's."""
    fed, theta = _torch_fed(grads, theta0, lr, lam)
    got = _answers(text)
    assert np.allclose(got["effective-gradient"], fed, rtol=0, atol=1e-12)
    assert np.allclose(got["theta-t"], theta, rtol=0, atol=1e-12)


_NUMBER = st.sampled_from([-2, -0.5, -0.25, 0.5, 1, 3])


@settings(max_examples=5, deadline=None)
@given(g=st.tuples(_NUMBER, _NUMBER), theta=st.tuples(_NUMBER, _NUMBER),
       lam=st.sampled_from([0.01, 0.1, 0.5]), lr=st.sampled_from([0.1, 0.01]))
def test_first_effective_gradient_and_iterate(g, theta, lam, lr):
    text = (f"Adam is trained with an L2 penalty added to the loss (weight decay λ = {lam} inside "
            f"the gradient), learning rate α = {lr}, β_1 = 0.9, β_2 = 0.999, ε = 0. The weights "
            f"start at θ_0 = ({theta[0]}, {theta[1]}) and the data-loss gradient is "
            f"g_1 = ({g[0]}, {g[1]}).\n\n"
            "(a) Compute the effective gradient that Adam uses at step 1, and θ_1.\n")
    _agrees_with_torch(text, [list(g)], list(theta), lr, lam)


@pytest.mark.parametrize("request_", [
    "Give g̃_2 and θ_2.",
    "What are the penalised gradient at step 2 and the iterate θ_2?",
    "Find θ_2, and the gradient actually fed to Adam at the second step, g̃_2.",
])
def test_second_step_effective_gradient(request_):
    text = ("A two-weight model is trained by Adam with L2 regularisation (λ = 0.2, the penalty "
            "(λ/2)‖θ‖² added to the loss), lr = 0.05, β_1 = 0.9, β_2 = 0.999, ε = 0. Start "
            "θ_0 = (1, -2); the data gradients are g_1 = (0.4, 0.1) and g_2 = (-0.3, 0.2).\n\n"
            f"1. {request_}\n")
    _agrees_with_torch(text, [[0.4, 0.1], [-0.3, 0.2]], [1.0, -2.0], 0.05, 0.2)


@pytest.mark.parametrize("method", [
    "AdamW (decoupled weight decay, λ = 0.1)",
    "plain Adam (no weight decay)",
])
def test_effective_gradient_without_l2_is_refused(method):
    text = (f"We run {method} with lr = 0.1, β_1 = 0.9, β_2 = 0.999, ε = 0, from θ_0 = (2, -1) "
            "with the gradient g_1 = (0.5, 0.05).\n\n"
            "(a) Give the effective gradient g̃_1 and the iterate θ_1.\n")
    reading = read_report(text)
    assert not reading.complete
    assert any("effective gradient" in u or "g̃_1" in u or "effective-gradient" in u
               for u in reading.unread()), reading.unread()


def test_wrong_effective_gradient_is_caught():
    spec = Spec(asks=["effective-gradient", "theta-t"], alpha=0.1, beta1=0.9, beta2=0.999,
                eps=0, lam=0.1, decay="penalty", theta0=[2, -1],
                gradients=[[0.5, 0.05], [0.3, -0.2]])
    part = solve(spec)
    checks = [run_witness(m, fn) for m, fn in witnesses(spec, part, SolveOptions())]
    assert checks and all(c.status == "passed" for c in checks), [c.detail for c in checks]
    # the data gradient alone (the decay left out) must fail
    part.answers = [dataclasses.replace(a, expr=sp.Matrix([[sp.Rational(3, 10)],
                                                           [sp.Rational(-1, 5)]]))
                    if a.quantity == "effective-gradient" else a for a in part.answers]
    checks = [run_witness(m, fn) for m, fn in witnesses(spec, part, SolveOptions())]
    assert any(c.status == "failed" for c in checks), [c.detail for c in checks]
