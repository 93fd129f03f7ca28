"""Hypothesis: random gradients and hyper-parameters, the real torch optimizer vs the derived
quantities (first step, loss-scale invariance, the step bound, AdamW's decay)."""

from __future__ import annotations

import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.catalogue import optimizers as O
from optiproof.families.adam_mechanics.solve import step_bound_expr
from optiproof.families.adam_mechanics.witness import EPS_ZERO, torch_run

betas = st.tuples(st.sampled_from([0.0, 0.3, 0.5, 0.9, 0.95, 0.99]),
                  st.sampled_from([0.1, 0.5, 0.9, 0.99, 0.999]))
alphas = st.sampled_from([1e-4, 1e-3, 0.1, 3.0])
seeds = st.integers(0, 2**31 - 1)
FAST = settings(max_examples=20, deadline=None)


def grads(seed: int, T: int, d: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return 10.0 ** rng.uniform(-3, 3, size=(T, d)) * rng.choice([-1.0, 1.0], size=(T, d))


@FAST
@given(alpha=alphas, b=betas, seed=seeds)
def test_first_step_is_alpha_sign(alpha, b, seed):
    G = grads(seed, 1, 20)
    traj, _ = torch_run(O.ADAM, G, lr=alpha, beta1=b[0], beta2=b[1], eps=EPS_ZERO)
    np.testing.assert_allclose(traj[1] - traj[0], -alpha * np.sign(G[0]), rtol=1e-12)


@FAST
@given(alpha=alphas, b=betas, seed=seeds, c=st.sampled_from([1e-4, 0.37, 3.0, 1e5]))
def test_loss_scale_invariance(alpha, b, seed, c):
    G = grads(seed, 10, 8)
    one, _ = torch_run(O.ADAM, G, lr=alpha, beta1=b[0], beta2=b[1], eps=EPS_ZERO)
    two, _ = torch_run(O.ADAM, c * G, lr=alpha, beta1=b[0], beta2=b[1], eps=EPS_ZERO)
    np.testing.assert_allclose(np.diff(two, axis=0), np.diff(one, axis=0), rtol=1e-9)


@FAST
@given(alpha=alphas, b=betas, seed=seeds, T=st.integers(1, 25))
def test_steps_within_exact_bound(alpha, b, seed, T):
    G = grads(seed, T, 30)
    traj, _ = torch_run(O.ADAM, G, lr=alpha, beta1=b[0], beta2=b[1], eps=EPS_ZERO)
    steps = np.abs(np.diff(traj, axis=0)).max(axis=1)
    b1, b2 = sp.nsimplify(b[0]), sp.nsimplify(b[1])
    bound = np.array([float(step_bound_expr(alpha, b1, b2, t)) for t in range(1, T + 1)])
    assert np.all(steps <= bound * (1 + 1e-12)), (steps / bound).max()


@FAST
@given(alpha=st.sampled_from([1e-3, 1e-2]), lam=st.sampled_from([0.01, 0.1, 1.0]),
       b=betas, seed=seeds)
def test_adamw_decay_is_alpha_lambda_and_l2_is_preconditioned(alpha, lam, b, seed):
    G = grads(seed, 6, 10)
    theta0 = np.random.default_rng(seed).normal(size=10)
    w, _ = torch_run(O.ADAMW, G, lr=alpha, beta1=b[0], beta2=b[1], eps=1e-8, weight_decay=lam,
                     theta0=theta0)
    p, _ = torch_run(O.ADAM, G, lr=alpha, beta1=b[0], beta2=b[1], eps=1e-8, theta0=theta0)
    kappa = (np.diff(p, axis=0) - np.diff(w, axis=0)) / w[:-1]
    np.testing.assert_allclose(kappa, alpha * lam, rtol=1e-6)
    l2, st_ = torch_run(O.ADAM, G, lr=alpha, beta1=0.0, beta2=b[1], eps=1e-8, weight_decay=lam,
                        theta0=theta0)
    vhat = st_["exp_avg_sq"] / (1 - b[1] ** 6)
    measured = (-(l2[-1] - l2[-2]) - alpha * G[-1] / (np.sqrt(vhat) + 1e-8)) / l2[-2]
    np.testing.assert_allclose(measured, alpha * lam / (np.sqrt(vhat) + 1e-8), rtol=1e-6)


@FAST
@given(b=betas, lam=st.sampled_from([0.01, 0.1, 0.5]), decay=st.sampled_from(["penalty", "decoupled"]),
       seed=st.integers(0, 2**31 - 1))
def test_a_run_with_weight_decay_matches_the_real_optimizer(b, lam, decay, seed):
    """The exact run with L2 / decoupled decay (rational arithmetic) against the real
    torch.optim.Adam(weight_decay) / AdamW(weight_decay) from the same start."""
    from optiproof.families.adam_mechanics.rules import exact_run
    from optiproof.families.adam_mechanics.spec import Spec
    from optiproof.families.adam_mechanics.symbols import quantities

    rng = np.random.default_rng(seed)
    G = rng.integers(-9, 10, size=(3, 2)) / 4
    G[G == 0] = 0.5
    theta0 = (rng.integers(-8, 9, size=2) / 4).tolist()
    spec = Spec(asks=["theta-t"], alpha=0.1, beta1=b[0], beta2=b[1], eps=0, lam=lam,
                theta0=theta0, gradients=G.tolist(), decay=decay)
    run = exact_run(spec, quantities(spec))
    got = np.array(theta0, dtype=float) + np.array([float(x) for x in run.total])
    kind = O.ADAMW if decay == "decoupled" else O.ADAM
    traj, _ = torch_run(kind, G, lr=0.1, beta1=b[0], beta2=b[1], eps=EPS_ZERO,
                        weight_decay=lam, theta0=np.array(theta0, dtype=float))
    assert np.allclose(got, traj[-1], rtol=1e-9, atol=1e-12), (got, traj[-1])


@FAST
@given(seed=st.integers(0, 2**31 - 1), T=st.integers(1, 4))
def test_an_adagrad_run_matches_the_real_optimizer(seed, T):
    """AdaGrad's exact run (sum of squares, no decays) against torch.optim.Adagrad."""
    from optiproof.families.adam_mechanics.rules import exact_run
    from optiproof.families.adam_mechanics.spec import Spec
    from optiproof.families.adam_mechanics.symbols import quantities

    rng = np.random.default_rng(seed)
    G = rng.integers(-9, 10, size=(T, 3)) / 4
    theta0 = (rng.integers(-8, 9, size=3) / 4).tolist()
    spec = Spec(asks=["theta-t"], optimizer="adagrad", alpha=0.1, eps=0, theta0=theta0,
                gradients=G.tolist())
    run = exact_run(spec, quantities(spec))
    got = np.array(theta0, dtype=float) + np.array([float(x) for x in run.total])
    traj, _ = torch_run(O.ADAGRAD, G, lr=0.1, eps=EPS_ZERO, theta0=np.array(theta0, dtype=float))
    assert np.allclose(got, traj[-1], rtol=1e-9, atol=1e-12), (got, traj[-1])
