"""Step sizes and schedules derived from the instance's curvature (numpy only, no torch).

They define *which run* a method makes (they are part of the method's statement), so the exact
solver's text, the numpy simulation and the real-optimizer witness all use the same numbers.
With the loss ``f(theta) = c ||X theta - y||^2`` the Hessian is ``2c X^T X``; per-example losses
``f_i = c m (x_i^T theta - y_i)^2`` have curvature ``2 c m ||x_i||^2``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

MAX_ITERATIONS = 200_000
"""Hard cap on iterations (steps, or epochs for the epoch-wise method) of any run."""
MAX_SECONDS = 30.0
"""Wall-time cap of one simulated or witnessed run."""


def loss_constant(loss: str, m: int) -> float:
    """c of f = c ||X theta - y||^2 for a loss convention."""
    return {"sum": 1.0, "half-sum": 0.5, "mean": 1.0 / m, "half-mean": 0.5 / m}[loss]


def full_batch_curvature(X: np.ndarray, c: float, P: np.ndarray | None = None) -> tuple[float,
                                                                                         float]:
    """(L, mu): largest and smallest nonzero eigenvalue of 2c X P X^T (= of 2c P^1/2 X^T X P^1/2)."""
    G = X @ (X.T if P is None else P @ X.T)
    ev = np.linalg.eigvalsh((G + G.T) / 2)
    top = float(ev.max())
    nz = ev[ev > 1e-12 * max(top, 1e-300)]
    return 2 * c * top, 2 * c * float(nz.min() if nz.size else top)


def per_example_curvature(X: np.ndarray, c: float) -> float:
    """max_i 2 c m ||x_i||^2: the curvature of the stiffest per-example loss."""
    m = X.shape[0]
    return float(2 * c * m * (X ** 2).sum(axis=1).max())


def iterations_for(rate: float, accuracy: float = 1e-15) -> int:
    """Iterations for a linear contraction ``rate`` to shrink an error by ``accuracy``."""
    if rate <= 0:
        return 10
    if rate >= 1:
        return MAX_ITERATIONS
    return min(MAX_ITERATIONS, int(math.log(accuracy) / math.log(rate)) + 10)


@dataclass(frozen=True)
class Geometric:
    """alpha_k = lr0 * gamma^k (per step for sign descent, per epoch for the epoch-wise method)."""

    lr0: float
    gamma: float

    def at(self, k: int) -> float:
        return self.lr0 * self.gamma ** k


def sign_schedule(X: np.ndarray, y: np.ndarray, theta0: np.ndarray, lr0: float | None,
                  gamma: float | None, *, epochwise: bool) -> Geometric:
    """Default decaying steps for sign-like methods.

    One equation (m = 1): the residual obeys r_{t+1} = r_t - alpha_t ||a||_1 sign(r_t); with
    lr0 = 1.5 |r_0| / ||a||_1 and gamma = 0.8 the total travel lr0/(1-gamma) exceeds |r_0| and,
    since gamma >= 1/2, once |r_t| <= alpha_{t-1} ||a||_1 it stays so: |r_t| -> 0 geometrically.
    Several equations: lr0 is the sup-distance from theta0 to the nearest solution (divided by m
    per epoch step), gamma = 0.98 per step (0.97 per epoch).
    """
    m = X.shape[0]
    if m == 1:
        l1 = float(np.abs(X[0]).sum())
        r0 = abs(float(X[0] @ theta0 - y[0]))
        default_lr0 = 1.5 * r0 / l1 if r0 > 0 else 1e-3
        default_gamma = 0.8
    else:
        sol, *_ = np.linalg.lstsq(X, y - X @ theta0, rcond=None)
        dist = float(np.abs(sol).max()) or 1e-3
        default_lr0 = dist / m if epochwise else dist / 2
        default_gamma = 0.97 if epochwise else 0.98
    return Geometric(float(lr0) if lr0 is not None else default_lr0,
                     float(gamma) if gamma is not None else default_gamma)


def sign_steps_needed(schedule: Geometric, scale: float, accuracy: float = 1e-13) -> int:
    """Steps until alpha_k <= accuracy * scale (after which the iterate moves no further)."""
    if schedule.lr0 <= accuracy * scale:
        return 1
    k = math.log(accuracy * scale / schedule.lr0) / math.log(schedule.gamma)
    return min(MAX_ITERATIONS, int(k) + 5)
