"""Numpy simulation of each method (float64): the numerical limit where no closed form exists,
and the trajectories drawn in the figures. The witnesses re-run every method with the real
PyTorch optimizers, so this code is checked against independent code, never against itself.
"""

from __future__ import annotations

from typing import Any

import time
from dataclasses import dataclass, field

import numpy as np

from optiproof.catalogue import OptimizerEntry
from optiproof.catalogue import optimizers as O
from optiproof.families.implicit_bias import schedules as S
from optiproof.families.implicit_bias.spec import ImplicitBiasSpec

MAX_HISTORY = 400


@dataclass
class Run:
    """The outcome of one simulated run, with the diagnostics a numerical answer must show."""

    theta: np.ndarray
    iterations: int
    step_at_stop: float
    residual: float
    gradient_norm: float
    converged: bool
    reason: str
    history: list[np.ndarray] = field(default_factory=list)
    history_steps: list[int] = field(default_factory=list)
    diverged: bool = False


@dataclass(frozen=True)
class Data:
    """Float64 data of a part: X, y, theta0, the loss constant c."""

    X: np.ndarray
    y: np.ndarray
    theta0: np.ndarray
    c: float

    @property
    def m(self) -> int:
        return self.X.shape[0]

    def grad(self, theta: np.ndarray) -> np.ndarray:
        """grad f = 2c X^T (X theta - y)."""
        return 2 * self.c * self.X.T @ (self.X @ theta - self.y)

    def example_grad(self, theta: np.ndarray, i: int) -> np.ndarray:
        """grad f_i = 2 c m (x_i^T theta - y_i) x_i, so that f = mean_i f_i."""
        x = self.X[i]
        return 2 * self.c * self.m * (x @ theta - self.y[i]) * x

    def residual(self, theta: np.ndarray) -> float:
        return float(np.linalg.norm(self.X @ theta - self.y))


def data_of(spec: ImplicitBiasSpec) -> Data:
    X_rows, y_list = spec.data
    X = np.array([[float(v) for v in r] for r in X_rows], dtype=np.float64)
    y = np.array([float(v) for v in y_list], dtype=np.float64)
    d = X.shape[1]
    t0 = np.array([float(v) for v in (spec.theta0 or [0] * d)], dtype=np.float64)
    return Data(X, y, t0, S.loss_constant(spec.loss, X.shape[0]))


class _Recorder:
    def __init__(self, total: int):
        self.every = max(1, total // MAX_HISTORY)
        self.history: list[np.ndarray] = []
        self.steps: list[int] = []

    def __call__(self, t: int, theta: np.ndarray) -> None:
        if t % self.every == 0:
            self.history.append(theta.copy())
            self.steps.append(t)


def _finish(data: Data, theta: np.ndarray, t: int, step: float, rec: _Recorder, *,
            tol: float = 1e-9, reason: str = "", lam: float = 0.0) -> Run:
    """Diagnostics at the stop: residual ||X theta - y||, gradient norm (of the ridge objective
    when lam > 0, where the residual does not vanish), convergence verdict."""
    rec.history.append(theta.copy())
    rec.steps.append(t)
    scale = max(1.0, float(np.linalg.norm(data.y)))
    finite = bool(np.all(np.isfinite(theta)))
    res = data.residual(theta) if finite else float("inf")
    gnorm = float(np.linalg.norm(data.grad(theta) + lam * theta)) if finite else float("inf")
    converged = finite and ((res <= tol * scale and lam == 0) or gnorm <= tol * scale)
    if not finite:
        reason = reason or "diverged (non-finite iterate)"
    elif not reason:
        reason = "converged" if converged else f"stopped after {t} iterations (cap)"
    return Run(theta, t, step, res, gnorm, converged, reason, rec.history, rec.steps,
               diverged=not finite)


def linear_method(data: Data, method: OptimizerEntry, *, beta: float = 0.0,
                  P: np.ndarray | None = None, lam: float = 0.0,
                  steps: S.Constant | S.Vanishing | None = None) -> Run:
    """gd, heavy-ball, nesterov, preconditioned and ridge with the curvature step 1/L (or the
    given ``steps``)."""
    L, mu = S.full_batch_curvature(data.X, data.c, P)
    stated = steps is not None and method is not O.GD
    L += lam
    mu = lam if lam else mu  # ridge: null-space directions contract at 1 - alpha * lam
    steps = steps or S.Constant(1.0 / L)
    alpha = steps.lr0
    # momentum: slow modes contract faster than GD's 1 - alpha mu, fast ones at sqrt(beta)
    rate = max(abs(1 - alpha * mu), abs(1 - alpha * L), beta ** 0.5)
    if stated:
        rate = S.linear_rate(method.key, alpha, beta, mu, L)
    total = S.iterations_for(rate) if isinstance(steps, S.Constant) else S.MAX_ITERATIONS
    rec = _Recorder(total)
    theta = data.theta0.copy()
    v = np.zeros_like(theta)
    start = time.perf_counter()
    Pm = np.eye(len(theta)) if P is None else P
    t = 0
    for t in range(1, total + 1):
        rec(t - 1, theta)
        alpha = steps.at(t - 1)
        g = data.grad(theta) + lam * theta
        if method is O.HEAVY_BALL:
            v = beta * v + g
            upd = v
        elif method is O.NESTEROV:
            v = beta * v + g
            upd = g + beta * v
        else:
            upd = Pm @ g
        theta = theta - alpha * upd
        if not np.all(np.isfinite(theta)) or time.perf_counter() - start > S.MAX_SECONDS:
            break
        if np.max(np.abs(alpha * upd)) <= 1e-17 * (1 + np.max(np.abs(theta))):
            break
    return _finish(data, theta, t, alpha, rec, lam=lam)


def cyclic_sgd(data: Data) -> Run:
    """theta <- theta - alpha grad f_i(theta), i = t mod m, alpha = 1 / max_i 2cm||x_i||^2."""
    alpha = 1.0 / S.per_example_curvature(data.X, data.c)
    L, mu = S.full_batch_curvature(data.X, data.c)
    total = S.iterations_for(1 - mu / L / data.m / 2) * data.m
    rec = _Recorder(total)
    theta = data.theta0.copy()
    start = time.perf_counter()
    t = 0
    for t in range(1, total + 1):
        rec(t - 1, theta)
        g = data.example_grad(theta, (t - 1) % data.m)
        theta = theta - alpha * g
        if t % data.m == 0:
            if time.perf_counter() - start > S.MAX_SECONDS or not np.all(np.isfinite(theta)):
                break
            if data.residual(theta) <= 1e-15 * max(1.0, float(np.linalg.norm(data.y))):
                break
    return _finish(data, theta, t, alpha, rec)


def sign_method(data: Data, schedule: S.Schedule, *, epochwise: bool) -> Run:
    """Sign descent (full batch) or the epoch-wise diagonal method, steps alpha_k of the
    schedule."""
    scale = max(1.0, float(np.abs(data.theta0).max()), schedule.lr0)
    travel = float(np.abs(np.linalg.lstsq(data.X, data.y - data.X @ data.theta0,
                                          rcond=None)[0]).max())
    total = S.sign_steps_needed(schedule, scale, travel=travel)
    rec = _Recorder(total)
    theta = data.theta0.copy()
    start = time.perf_counter()
    k = 0
    alpha = schedule.lr0
    for k in range(total):
        rec(k, theta)
        alpha = schedule.at(k)
        if epochwise:
            G = np.stack([data.example_grad(theta, i) for i in range(data.m)])
            ms = (G ** 2).mean(axis=0)
            M = np.where(ms > 0, 1 / np.sqrt(np.where(ms > 0, ms, 1.0)), 0.0)
            for i in range(data.m):
                theta = theta - alpha * M * data.example_grad(theta, i)
        else:
            theta = theta - alpha * np.sign(data.grad(theta))
        if time.perf_counter() - start > S.MAX_SECONDS or not np.all(np.isfinite(theta)):
            break
    return _finish(data, theta, k + 1, alpha, rec, tol=1e-8)


def adaptive_method(data: Data, method: OptimizerEntry, *, lr: float, eps: float, decay: float,
                    iterations: int, beta1: float = 0.9, beta2: float = 0.999,
                    alpha: float = 0.99) -> Run:
    """Full-batch Adam / RMSprop / Adagrad as PyTorch defines them, lr_t = lr * decay^t."""
    rec = _Recorder(iterations)
    theta = data.theta0.copy()
    m1 = np.zeros_like(theta)
    v = np.zeros_like(theta)
    start = time.perf_counter()
    lr_t = lr
    t = 0
    for t in range(1, iterations + 1):
        rec(t - 1, theta)
        lr_t = lr * decay ** (t - 1)
        g = data.grad(theta)
        if method is O.ADAM:
            m1 = beta1 * m1 + (1 - beta1) * g
            v = beta2 * v + (1 - beta2) * g * g
            mhat = m1 / (1 - beta1 ** t)
            vhat = v / (1 - beta2 ** t)
            theta = theta - lr_t * mhat / (np.sqrt(vhat) + eps)
        elif method is O.RMSPROP:
            v = alpha * v + (1 - alpha) * g * g
            theta = theta - lr_t * g / (np.sqrt(v) + eps)
        else:  # adagrad
            v = v + g * g
            theta = theta - lr_t * g / (np.sqrt(v) + eps)
        if t % 256 == 0 and (time.perf_counter() - start > S.MAX_SECONDS
                             or not np.all(np.isfinite(theta))):
            break
    return _finish(data, theta, t, lr_t, rec, tol=1e-7)


def _stated(meth: Any) -> S.Constant | None:
    """The stated constant step of a method (None: the curvature step 1/L)."""
    lr0 = getattr(meth, "lr0", None)
    return None if lr0 is None else S.Constant(float(lr0))


def simulate(spec: ImplicitBiasSpec) -> Run:
    """Run the part's method in float64 numpy and return the limit with diagnostics."""
    data = data_of(spec)
    meth = spec.method
    method = meth.entry
    if method in (O.GD, O.HEAVY_BALL, O.NESTEROV):
        steps = S.gd_schedule(meth, S.full_batch_curvature(data.X, data.c)[0]) \
            if method is O.GD else _stated(meth)
        return linear_method(data, method, beta=S.momentum_of(meth, data.X, data.c),
                             steps=steps)
    if method is O.PRECONDITIONED:
        P = np.array([[float(v) for v in r] for r in meth.P])
        return linear_method(data, method, P=P, steps=_stated(meth))
    if method is O.RIDGE:
        return linear_method(data, method, lam=float(meth.lam))
    if method is O.SGD:
        return cyclic_sgd(data)
    if method is O.RESCALED_SGD:
        s = np.sqrt((data.X ** 2).mean(axis=0))
        s = np.where(s > 0, s, 1.0)
        scaled = Data(data.X / s, data.y, data.theta0 * s, data.c)
        run = cyclic_sgd(scaled)
        run.theta = run.theta / s
        run.history = [h / s for h in run.history]
        run.residual = data.residual(run.theta)
        return run
    if method in (O.SIGN_GD, O.EPOCHWISE):
        epochwise = method is O.EPOCHWISE
        return sign_method(data, S.sign_schedule_of(meth, data.X, data.y, data.theta0),
                           epochwise=epochwise)
    kw = dict(lr=float(meth.lr), eps=float(meth.eps), decay=float(meth.decay),
              iterations=meth.iterations)
    if method is O.ADAM:
        kw.update(beta1=float(meth.beta1), beta2=float(meth.beta2))
    if method is O.RMSPROP:
        kw.update(alpha=float(meth.alpha))
    return adaptive_method(data, method, **kw)
