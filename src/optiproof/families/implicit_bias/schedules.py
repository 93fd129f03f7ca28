"""Step sizes and schedules derived from the instance's curvature (numpy only, no torch).

They define *which run* a method makes (they are part of the method's statement), so the exact
solver's text, the numpy simulation and the real-optimizer witness all use the same numbers.
With the loss ``f(theta) = c ||X theta - y||^2`` the Hessian is ``2c X^T X``; per-example losses
``f_i = c m (x_i^T theta - y_i)^2`` have curvature ``2 c m ||x_i||^2``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from optiproof.catalogue import optimizers as O

MAX_ITERATIONS = 200_000
"""Hard cap on iterations (steps, or epochs for the epoch-wise method) of any run."""
MAX_SECONDS = 30.0
"""Wall-time cap of one simulated or witnessed run."""
VANISHING_MAX_STEPS = 20_000
"""Steps of a run with vanishing sign steps: they shrink only polynomially, so the run stops
here and its last step is the accuracy it can claim."""


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

    def steps_until(self, size: float) -> int:
        """The first k with alpha_k <= size (capped)."""
        if self.lr0 <= size:
            return 1
        return min(MAX_ITERATIONS, int(math.log(size / self.lr0) / math.log(self.gamma)) + 5)


@dataclass(frozen=True)
class Constant:
    """alpha_k = lr0."""

    lr0: float

    def at(self, k: int) -> float:
        return self.lr0

    def steps_until(self, size: float) -> int:
        """A constant step never shrinks: the cap."""
        return MAX_ITERATIONS


@dataclass(frozen=True)
class Vanishing:
    """alpha_k = lr0 / (k + 1)^power, 0 < power <= 1: sum alpha_k = oo, alpha_k -> 0."""

    lr0: float
    power: float

    def at(self, k: int) -> float:
        return self.lr0 / (k + 1) ** self.power

    def steps_until(self, size: float) -> int:
        """The first k with alpha_k <= size (capped)."""
        if self.lr0 <= size:
            return 1
        return min(MAX_ITERATIONS, int((self.lr0 / size) ** (1 / self.power)) + 1)


Schedule = Geometric | Constant | Vanishing


def step_bound(key: str, beta: float) -> float:
    """The largest alpha*L at which a full-batch linear method still converges on a quadratic
    (Jury's test on each mode's characteristic polynomial): 2 for gradient descent and its
    preconditioned form, 2(1 + beta) for heavy ball, 2(1 + beta)/(1 + 2 beta) for Nesterov."""
    if key == O.HEAVY_BALL.key:
        return 2 * (1 + beta)
    if key == O.NESTEROV.key:
        return 2 * (1 + beta) / (1 + 2 * beta)
    return 2.0


def linear_rate(key: str, alpha: float, beta: float, mu: float, L: float) -> float:
    """Contraction per step of a full-batch linear method at step ``alpha`` on curvatures in
    [mu, L]: the largest root modulus of the modes' characteristic polynomials (extreme modes;
    between them a complex pair has modulus sqrt(beta))."""
    rates = [math.sqrt(beta)] if beta > 0 else []
    for lam in (mu, L):
        h = alpha * lam
        if key == O.HEAVY_BALL.key:
            poly = [1.0, -(1 + beta - h), beta]
        elif key == O.NESTEROV.key:
            poly = [1.0, -(1 + beta) * (1 - h), beta * (1 - h)]
        else:
            poly = [1.0, -(1 - h)]
        rates.append(float(np.abs(np.roots(poly)).max()))
    return max(rates)


def momentum_of(method: Any, X: np.ndarray, c: float) -> float:
    """The momentum a heavy-ball or Nesterov run uses: as stated, or the best at the step 1/L
    (float64 from the spectrum of 2c X^T X): Nesterov (sqrt(kappa) - 1)/(sqrt(kappa) + 1),
    heavy ball (1 - 1/sqrt(kappa))^2."""
    beta = getattr(method, "beta", 0.0)
    if beta != "optimal":
        return float(beta)
    L, mu = full_batch_curvature(X, c)
    r = math.sqrt(mu / L)
    return (1 - r) / (1 + r) if method.entry is O.NESTEROV else (1 - r) ** 2


def vanishing_steps_needed(schedule: Vanishing, L: float, mu: float,
                           accuracy: float = 1e-13) -> int:
    """Steps until prod_k max(|1 - alpha_k mu|, |1 - alpha_k L|) <= accuracy (capped)."""
    alphas = schedule.lr0 / np.arange(1, MAX_ITERATIONS + 1) ** schedule.power
    logs = np.cumsum(np.log(np.maximum(np.abs(1 - alphas * mu), np.abs(1 - alphas * L))))
    return min(MAX_ITERATIONS, int(np.searchsorted(-logs, -math.log(accuracy))) + 1)


def gd_schedule(method: Any, L: float) -> Constant | Vanishing:
    """Gradient descent's steps: lr0 (1/L if omitted), constant or over (k + 1)^power."""
    lr0 = 1.0 / L if method.lr0 is None else float(method.lr0)
    return Vanishing(lr0, float(method.power)) if method.schedule == "vanishing" \
        else Constant(lr0)


def sign_schedule(X: np.ndarray, y: np.ndarray, theta0: np.ndarray, lr0: float | None,
                  gamma: float | None, *, epochwise: bool, kind: str = "geometric",
                  power: float = 1.0) -> Schedule:
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
    first = float(lr0) if lr0 is not None else default_lr0
    if kind == "constant":
        return Constant(first)
    if kind == "vanishing":
        return Vanishing(first, power)
    return Geometric(first, float(gamma) if gamma is not None else default_gamma)


def sign_schedule_of(method: Any, X: np.ndarray, y: np.ndarray, theta0: np.ndarray
                     ) -> Schedule:
    """The steps of a sign-like method as its spec states them (defaults from the data)."""
    return sign_schedule(X, y, theta0, None if method.lr0 is None else float(method.lr0),
                         None if method.gamma is None else float(method.gamma),
                         epochwise=method.entry is O.EPOCHWISE, kind=method.schedule,
                         power=float(getattr(method, "power", 1)))


def sign_steps_needed(schedule: Schedule, scale: float, accuracy: float = 1e-13,
                      travel: float = 0.0) -> int:
    """Steps until alpha_k <= accuracy * scale (after which the iterate moves no further); a
    constant step runs until it has covered ``travel`` twice over."""
    if isinstance(schedule, Constant):
        return min(MAX_ITERATIONS, int(2 * travel / schedule.lr0) + 10)
    if isinstance(schedule, Vanishing):
        return min(VANISHING_MAX_STEPS, schedule.steps_until(accuracy * scale))
    return schedule.steps_until(accuracy * scale)
