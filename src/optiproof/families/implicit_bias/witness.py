"""Independent witnesses of an implicit-bias part.

1. The real optimizer run to convergence in float64: ``torch.optim.SGD`` (plain, momentum,
   Nesterov, weight decay), ``Adam``, ``RMSprop``, ``Adagrad`` and this family's
   ``torch.optim.Optimizer`` subclasses, with the step size derived from the curvature (or the
   stated decaying schedule), iteration and wall-time caps and divergence detection. Its limit
   is compared with the answer.
2. A certificate of the identification, computed with numpy/scipy from the *characterisation*
   (never with the closed-form code): the closest solution to theta0 in the claimed metric via
   the KKT system, the sign line's meeting point via a linear program, the ridge normal
   equations, or - where no closed form exists - a convergence diagnostic (zero residual and
   stationarity of the real optimizer's endpoint).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from types import SimpleNamespace
from typing import Any

import numpy as np

from optiproof.catalogue import optimizers as O
from optiproof.catalogue import norms as N
from optiproof.catalogue import quantities as Q
from optiproof.core.evidence import Check, stopwatch
from optiproof.core.options import SolveOptions
from optiproof.core.solution import PartSolution
from optiproof.families.implicit_bias import schedules as S
from optiproof.families.implicit_bias.spec import TORCH_ADAPTIVE, ImplicitBiasSpec
from optiproof.witnesses.momentum import radius

TOLERANCE = 1e-6
"""Pass threshold of a comparison, relative to max(1, ||answer||_inf)."""


@dataclass
class TorchRun:
    theta: np.ndarray
    iterations: int
    step_at_stop: float
    reason: str
    ok: bool
    bound: float = 0.0
    """How far the endpoint may still be from the limit, known from the schedule (0 when the
    run stopped moving)."""
    history: list[np.ndarray] | None = None


def _data(spec: ImplicitBiasSpec) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    X_rows, y_list = spec.data
    X = np.array([[float(v) for v in r] for r in X_rows], dtype=np.float64)
    y = np.array([float(v) for v in y_list], dtype=np.float64)
    t0 = np.array([float(v) for v in (spec.theta0 or [0] * X.shape[1])], dtype=np.float64)
    return X, y, t0, S.loss_constant(spec.loss, X.shape[0])


def _answered(solution: PartSolution, quantity: str) -> Any:
    """The first answer of ``quantity``."""
    return next(a for a in solution.answers if a.quantity == quantity)


def _answer(solution: PartSolution, quantity: str = Q.LIMIT.key) -> np.ndarray:
    """The value of the first answer of ``quantity`` (the limit by default) in float64."""
    value = _answered(solution, quantity).value
    if value is None:
        raise ValueError("the answer has no numeric value")
    return np.array(value, dtype=np.float64)


def _scale(v: np.ndarray) -> float:
    return max(1.0, float(np.abs(v).max()))


# --------------------------------------------------------------------------- real optimizers

def run_torch(spec: ImplicitBiasSpec, *, X: np.ndarray | None = None,
              theta0: np.ndarray | None = None, seconds: float = S.MAX_SECONDS) -> TorchRun:
    """Run the part's method with the real PyTorch optimizer in float64 until it stops moving.

    ``X``/``theta0`` override the data (used for the rescaled problem).
    """
    import torch

    Xn, yn, t0n, c = _data(spec)
    if X is not None:
        Xn = X
    if theta0 is not None:
        t0n = theta0
    m, d = Xn.shape
    Xt = torch.tensor(Xn, dtype=torch.float64)
    yt = torch.tensor(yn, dtype=torch.float64)
    theta = torch.tensor(t0n, dtype=torch.float64, requires_grad=True)
    meth = spec.method
    method = meth.entry

    def full_loss() -> torch.Tensor:
        return c * ((Xt @ theta - yt) ** 2).sum()

    def example_loss(i: int) -> torch.Tensor:
        return c * m * (Xt[i] @ theta - yt[i]) ** 2

    stochastic = method in (O.SGD, O.RESCALED_SGD)
    sched = None
    if method in (O.GD, O.HEAVY_BALL, O.NESTEROV, O.RIDGE, O.PRECONDITIONED):
        P = None
        if method is O.PRECONDITIONED:
            P = np.array([[float(v) for v in r] for r in meth.P])
        lam = float(meth.lam) if method is O.RIDGE else 0.0
        L, mu = S.full_batch_curvature(Xn, c, P)
        lr = 1.0 / (L + lam)
        if method is O.GD:
            sched = S.gd_schedule(meth, L)
            lr = sched.lr0
        beta = S.momentum_of(meth, Xn, c) if method in (O.HEAVY_BALL, O.NESTEROV) else 0.0
        # ridge: null-space directions contract only through the decay, at 1 - lr * lam
        rate = max(abs(1 - lr * (lam if lam else mu)), abs(1 - lr * (L + lam)), beta ** 0.5)
        if method is not O.GD and getattr(meth, "lr0", None) is not None:
            lr = float(meth.lr0)
            rate = S.linear_rate(method.key, lr, beta, mu, L)
        cap = S.iterations_for(rate, 1e-16) * 2 if not isinstance(sched, S.Vanishing) \
            else S.vanishing_steps_needed(sched, L, mu)
        if method is O.PRECONDITIONED:
            from optiproof.families.implicit_bias.optimizers import PreconditionedSGD

            opt: Any = PreconditionedSGD([theta], lr=lr,
                                         P=torch.tensor(P, dtype=torch.float64))
        else:
            # beta = 0: Nesterov is plain gradient descent (torch rejects nesterov without momentum)
            opt = torch.optim.SGD([theta], lr=lr, momentum=beta,
                                  nesterov=method is O.NESTEROV and beta > 0, weight_decay=lam)
    elif stochastic:
        lr = 1.0 / S.per_example_curvature(Xn, c)
        L, mu = S.full_batch_curvature(Xn, c)
        cap = S.iterations_for(1 - mu / L / m / 2, 1e-16) * 2 * m
        if method is O.SGD and meth.lr0 is not None:
            # a stated step: proportionally more steps when it is smaller than 1/L_i
            cap = int(cap * max(1.0, lr / float(meth.lr0)))
            lr = float(meth.lr0)
        opt = torch.optim.SGD([theta], lr=lr)
    elif method in (O.SIGN_GD, O.EPOCHWISE):
        from optiproof.families.implicit_bias.optimizers import EpochwiseDiagonal, SignSGD

        sched = S.sign_schedule_of(meth, Xn, yn, t0n)
        lr = sched.lr0
        travel = float(np.abs(np.linalg.lstsq(Xn, yn - Xn @ t0n, rcond=None)[0]).max())
        cap = S.sign_steps_needed(sched, max(1.0, float(np.abs(t0n).max()), sched.lr0),
                                  travel=travel)
        opt = (EpochwiseDiagonal if method is O.EPOCHWISE else SignSGD)([theta], lr=lr)
    else:
        lr = float(meth.lr)
        cap = meth.iterations
        if method is O.ADAM:
            opt = torch.optim.Adam([theta], lr=lr, betas=(float(meth.beta1), float(meth.beta2)),
                                   eps=float(meth.eps))
        elif method is O.RMSPROP:
            opt = torch.optim.RMSprop([theta], lr=lr, alpha=float(meth.alpha),
                                      eps=float(meth.eps))
        else:
            opt = torch.optim.Adagrad([theta], lr=lr, eps=float(meth.eps))
    scheduler = None
    if sched is not None and not isinstance(sched, S.Constant):
        scheduler = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda k, s=sched: s.at(k) / s.lr0)
    elif method in TORCH_ADAPTIVE and float(meth.decay) < 1:
        scheduler = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=float(meth.decay))

    start = time.perf_counter()
    blowup = 1e12 * max(1.0, float(np.abs(t0n).max()), float(np.abs(yn).max()))
    last = theta.detach().clone()
    reason = f"iteration cap {cap} reached"
    history = [] if isinstance(sched, S.Constant) and method is O.SIGN_GD else None
    it = 0
    for it in range(1, cap + 1):
        if method is O.EPOCHWISE:
            closures = [(lambda i=i: example_loss(i).backward()) for i in range(m)]
            opt.begin_epoch(closures)
            for i in range(m):
                opt.zero_grad()
                example_loss(i).backward()
                opt.step()
        elif stochastic:
            opt.zero_grad()
            example_loss((it - 1) % m).backward()
            opt.step()
        else:
            opt.zero_grad()
            full_loss().backward()
            opt.step()
        if scheduler is not None:
            scheduler.step()
        if history is not None:
            history.append(theta.detach().numpy().copy())
        if it % 50 == 0 or it == cap:
            now = theta.detach()
            if not bool(torch.isfinite(now).all()) or float(now.abs().max()) > blowup:
                return TorchRun(now.numpy().copy(), it, opt.param_groups[0]["lr"],
                                f"diverged at iteration {it} (|theta| > {blowup:.3g} or "
                                "non-finite)", False)
            if time.perf_counter() - start > seconds:
                reason = f"wall-time cap {seconds:.0f} s reached at iteration {it}"
                break
            moved = float((now - last).abs().max())
            if not isinstance(sched, (S.Geometric, S.Vanishing)) and \
                    method not in TORCH_ADAPTIVE and \
                    moved <= 1e-15 * max(1.0, float(now.abs().max())):
                reason = f"stopped moving after {it} iterations"
                break
            last = now.clone()
    else:
        if sched is not None and not isinstance(sched, S.Constant):
            reason = f"step size decayed to {opt.param_groups[0]['lr']:.3g} after {it} steps"
        elif method in TORCH_ADAPTIVE:
            reason = f"ran the stated {it} iterations"
    end = theta.detach().numpy().copy()
    return TorchRun(end, it, opt.param_groups[0]["lr"], reason, True,
                    _endpoint_bound(method, sched, Xn, yn, t0n, c, it), history)


def _endpoint_bound(method: Any, sched: Any, X: np.ndarray, y: np.ndarray, t0: np.ndarray,
                    c: float, steps: int) -> float:
    """How far a run's endpoint may be from its limit, from the schedule alone: vanishing GD
    steps shrink the row-space error by prod_k max |1 - alpha_k lambda|; a sign step, once the
    residual has changed sign, leaves the sup-distance at most the last step."""
    if isinstance(sched, S.Vanishing) and method is O.GD:
        L, mu = S.full_batch_curvature(X, c)
        alphas = np.array([sched.at(k) for k in range(steps)])
        log_factor = np.log(np.maximum(np.abs(1 - alphas * mu), np.abs(1 - alphas * L))).sum()
        error0 = float(np.linalg.norm(np.linalg.lstsq(X, X @ t0 - y, rcond=None)[0]))
        return error0 * float(np.exp(log_factor))
    if isinstance(sched, S.Vanishing):
        return sched.at(steps - 1)
    return 0.0


def _optimizer_label(spec: ImplicitBiasSpec) -> str:
    """The optimizer the witness runs: a torch.optim class, or this family's subclass."""
    method = spec.method.entry
    if method in TORCH_ADAPTIVE:
        return f"torch.optim.{method.torch}"
    return {
        O.GD.key: "torch.optim.SGD (full batch)",
        O.SGD.key: "torch.optim.SGD (one example per step)",
        O.HEAVY_BALL.key: "torch.optim.SGD(momentum)",
        O.NESTEROV.key: "torch.optim.SGD(nesterov=True)",
        O.PRECONDITIONED.key: "PreconditionedSGD (torch.optim.Optimizer subclass)",
        O.RESCALED_SGD.key: "torch.optim.SGD on rescaled features, mapped back",
        O.EPOCHWISE.key: "EpochwiseDiagonal (torch.optim.Optimizer subclass)",
        O.SIGN_GD.key: "SignSGD (torch.optim.Optimizer subclass)",
        O.RIDGE.key: "torch.optim.SGD(weight_decay)",
    }[method.key]


_RUNS: dict[str, TorchRun] = {}
"""The last few runs by their spec (data, start, method): the checks of one part, and the
derived quantities that measure it, share one run of the real optimizer."""
MAX_RUNS = 16


def limit_run(spec: ImplicitBiasSpec) -> TorchRun:
    """The real optimizer run to convergence (one run per spec, shared by the checks that
    measure it)."""
    key = spec.model_dump_json(include={"X", "y", "a", "b", "theta0", "loss", "method"})
    if key not in _RUNS:
        if len(_RUNS) >= MAX_RUNS:
            _RUNS.pop(next(iter(_RUNS)))
        _RUNS[key] = _limit_run(spec)
    run = _RUNS[key]
    return TorchRun(run.theta.copy(), run.iterations, run.step_at_stop, run.reason, run.ok,
                    run.bound, run.history)


def _limit_run(spec: ImplicitBiasSpec) -> TorchRun:
    """The real optimizer run to convergence; rescaled SGD runs on the rescaled features and
    its endpoint is mapped back."""
    if spec.method.entry is not O.RESCALED_SGD:
        return run_torch(spec)
    X, _, t0, _ = _data(spec)
    s = np.sqrt((X ** 2).mean(axis=0))
    s = np.where(s > 0, s, 1.0)
    run = run_torch(spec, X=X / s, theta0=t0 * s)
    run.theta = run.theta / s
    return run


def real_optimizer_check(spec: ImplicitBiasSpec, solution: PartSolution) -> Check:
    """Run the real optimizer to convergence and compare its limit with the answer."""
    method = f"real optimizer: {_optimizer_label(spec)}, float64"
    with stopwatch() as watch:
        target = _answer(solution)
        run = limit_run(spec)
    if not run.ok:
        return Check(method, "inconclusive", f"{run.reason}; nothing verified",
                     runtime_s=watch.elapsed, compared="limit")
    err = float(np.abs(run.theta - target).max())
    tol = max(TOLERANCE * _scale(target), run.bound)
    status = "passed" if err <= tol else "failed"
    detail = (f"{run.reason}; final step {run.step_at_stop:.3g}; max |theta_torch - answer| = "
              f"{err:.3g} (tolerance {tol:.1g}"
              + (", the distance the schedule may still leave)" if run.bound else ")"))
    if run.bound > 1e-3 * _scale(target):
        return Check(method, "inconclusive", detail + "; the steps vanish too slowly to pin the "
                     "limit down in the runs this witness can afford", max_error=err,
                     runtime_s=watch.elapsed, compared="limit theta_inf")
    X, y, _, _ = _data(spec)
    extra, ok = _min_norm_verdict(solution, run.theta, tol, X, y)
    for verdict in (_changes_verdict, _norm_verdict):
        more, good = verdict(spec, solution, run)
        extra, ok = extra + more, ok and good
    return Check(method, status if ok else "failed", detail + extra, max_error=err,
                 runtime_s=watch.elapsed, compared="limit theta_inf")


def _min_norm_verdict(solution: PartSolution, theta: np.ndarray, tol: float, X: np.ndarray,
                      y: np.ndarray) -> tuple[str, bool]:
    """If asked, whether the measured limit is X^+ y (numpy pinv) agrees with the yes/no."""
    asked = [a for a in solution.answers if a.quantity == Q.IS_MIN_NORM.key]
    if not asked or asked[0].value is None:
        return "", True
    point = np.linalg.pinv(X) @ y
    gap = float(np.abs(theta - point).max())
    measured = gap <= max(tol, 1e-9) * 10
    return (f"; distance to pinv(X) y {gap:.3g}, so {'' if measured else 'not '}the "
            f"minimum-norm solution (answer: {'yes' if asked[0].value else 'no'})",
            measured == asked[0].value)


def gd_steps_to_land_check(spec: ImplicitBiasSpec, solution: PartSolution) -> Check:
    """Real full-batch gradient descent (torch.optim.SGD, float64) at the stated step: the
    endpoint of the run to convergence is the point reached; a short run from the start records
    its iterates, and the first that jumps onto that point (to rounding, from a point still
    far from it: a landing, not the geometric approach that reaches rounding in time) must be
    the answered step, or none of them when the answer is that the limit is never reached
    exactly."""
    import torch

    method = "real optimizer: torch.optim.SGD (full batch), stated constant step, step count"
    with stopwatch() as watch:
        answer = _answered(solution, Q.ITERATIONS.key).value
        end = limit_run(spec).theta
        X, y, t0, c = _data(spec)
        theta = torch.tensor(t0, dtype=torch.float64, requires_grad=True)
        Xt, yt = torch.tensor(X), torch.tensor(y)
        opt = torch.optim.SGD([theta], lr=float(spec.method.lr0))
        tol, far = 1e-12 * _scale(end), 1e-6 * _scale(end)
        gaps = [float(np.abs(t0 - end).max())]
        for _ in range(GD_STEPS_WATCHED):
            opt.zero_grad()
            (c * ((Xt @ theta - yt) ** 2).sum()).backward()
            opt.step()
            gaps.append(float(np.abs(theta.detach().numpy() - end).max()))
    first = next((k for k, g in enumerate(gaps) if g <= tol and (k == 0 or gaps[k - 1] > far)),
                 None)
    want = None if answer is None else int(answer)
    return Check(method, "passed" if first == want else "failed",
                 f"the iterate lands on the run's endpoint at step {first} of the first "
                 f"{GD_STEPS_WATCHED} (answer {want}; None: not reached)",
                 max_error=None if first is None or want is None else float(abs(first - want)),
                 runtime_s=watch.elapsed, compared="steps until the limit is reached")


GD_STEPS_WATCHED = 60
"""Gradient steps watched for the exact landing (the answer is 0, 1 or never)."""


def steps_to_land_check(spec: ImplicitBiasSpec, solution: PartSolution) -> Check:
    """The real constant-step sign optimizer (torch, float64): the residual is 0 (to rounding)
    after exactly the answered number of steps, and not before."""
    method = f"real optimizer: {_optimizer_label(spec)}, constant steps, float64, step count"
    with stopwatch() as watch:
        k = int(_answered(solution, Q.ITERATIONS.key).value)
        run = run_torch(spec)
        X, y, _, _ = _data(spec)
        residuals = [abs(float(X[0] @ h - y[0])) for h in run.history or []]
    size = float(spec.method.lr0) * float(np.abs(X[0]).sum())
    tol = 1e-9 * max(1.0, size)
    first = next((i + 1 for i, r in enumerate(residuals) if r <= tol), None)
    return Check(method, "passed" if first == k else "failed",
                 f"the residual first reaches 0 at step {first} (answer {k})",
                 max_error=None if first is None else float(abs(first - k)),
                 runtime_s=watch.elapsed, compared="steps until the loss is 0")


def constant_sign_check(spec: ImplicitBiasSpec, solution: PartSolution) -> Check:
    """Constant sign steps: the real run lands on the answer at the step where the residual
    first reaches 0 (within rounding of the steps taken), or, when the answer is 'no limit',
    its residual alternates in sign for ever without reaching 0."""
    method = f"real optimizer: {_optimizer_label(spec)}, constant steps, float64"
    with stopwatch() as watch:
        run = run_torch(spec)
        X, y, _, _ = _data(spec)
        residuals = np.array([float(X[0] @ h - y[0]) for h in run.history or []])
        limit = _answered(solution, Q.LIMIT.key)
    size = float(spec.method.lr0) * float(np.abs(X[0]).sum())
    if limit.value is not None:
        target = np.array(limit.value, dtype=np.float64)
        k = int(np.argmin(np.abs(residuals)))
        err = float(np.abs(run.history[k] - target).max())
        tol = TOLERANCE * _scale(target)
        return Check(method, "passed" if err <= tol else "failed",
                     f"closest approach at step {k + 1}: max |theta - answer| = {err:.3g} "
                     f"(tolerance {tol:.1g})", max_error=err, runtime_s=watch.elapsed,
                     compared="limit")
    tail = residuals[len(residuals) // 2:]
    alternates = bool(np.all(tail[1:] * tail[:-1] < 0))
    gap = float(np.abs(tail).min()) if tail.size else 0.0
    ok = alternates and gap >= 1e-9 * size
    return Check(method, "passed" if ok else "failed",
                 f"{len(residuals)} steps of size alpha ||a||_1 = {size:.6g}; the last half of "
                 f"the residuals {'alternate' if alternates else 'do not alternate'} in sign, "
                 f"never closer to 0 than {gap:.3g}: no limit", max_error=None if ok else gap,
                 runtime_s=watch.elapsed, compared="no limit")


def min_norm_check(spec: ImplicitBiasSpec, solution: PartSolution) -> Check:
    """X^+ y by numpy's pseudo-inverse (SVD) against the answer."""
    method = "minimum-norm solution: numpy pinv(X) y (SVD)"
    with stopwatch() as watch:
        X, y, _, _ = _data(spec)
        target = _answer(solution, Q.MIN_NORM_SOLUTION.key)
        err = float(np.abs(np.linalg.pinv(X) @ y - target).max())
    tol = TOLERANCE * _scale(target)
    return Check(method, "passed" if err <= tol else "failed",
                 f"max |pinv(X) y - answer| = {err:.3g} (tolerance {tol:.1g})", max_error=err,
                 runtime_s=watch.elapsed, compared="minimum-norm solution")


def distance_check(spec: ImplicitBiasSpec, solution: PartSolution) -> Check:
    """The real optimizer's endpoint minus numpy's pinv(X) y, its Euclidean norm, against the
    answered distance (neither side uses the solver's code)."""
    method = f"distance: real optimizer ({_optimizer_label(spec)}) endpoint - pinv(X) y"
    with stopwatch() as watch:
        X, y, _, _ = _data(spec)
        target = float(_answer(solution, Q.DISTANCE_TO_MIN_NORM.key))
        run = limit_run(spec)
    if not run.ok:
        return Check(method, "inconclusive", f"{run.reason}; nothing verified",
                     runtime_s=watch.elapsed, compared="distance to the minimum-norm solution")
    dist = float(np.linalg.norm(run.theta - np.linalg.pinv(X) @ y))
    err = abs(dist - target)
    tol = max(TOLERANCE * max(1.0, abs(target)), 10 * run.bound)
    return Check(method, "passed" if err <= tol else "failed",
                 f"{run.reason}; ||theta_torch - pinv(X) y|| = {dist:.12g}, answer {target:.12g} "
                 f"(|difference| {err:.3g}, tolerance {tol:.1g})", max_error=err,
                 runtime_s=watch.elapsed, compared="distance to the minimum-norm solution")


def _changes_verdict(spec: ImplicitBiasSpec, solution: PartSolution,
                     run: Any) -> tuple[str, bool]:
    """If asked, the yes/no 'does the limit change' against the measured endpoint vs numpy's
    plain-GD limit theta0 + pinv(X)(y - X theta0) (a gap between rounding and a clear
    difference fails: nothing can be concluded)."""
    asked = [a for a in solution.answers if a.quantity == Q.CHANGES.key]
    if not asked or asked[0].value is None:
        return "", True
    X, y, t0, _ = _data(spec)
    gd = t0 + np.linalg.pinv(X) @ (y - X @ t0)
    gap = float(np.abs(run.theta - gd).max())
    same_tol = max(TOLERANCE * _scale(gd), 10 * run.bound)
    text = (f"; max |theta_torch - GD limit| = {gap:.3g} (same below {same_tol:.1g}, different "
            f"above {1e3 * same_tol:.1g}; answer: {'yes' if asked[0].value else 'no'})")
    if same_tol < gap < 1e3 * same_tol:
        return text + ", undecided", False
    return text, (gap >= 1e3 * same_tol) == bool(asked[0].value)


def _norm_verdict(spec: ImplicitBiasSpec, solution: PartSolution,
                  run: Any) -> tuple[str, bool]:
    """If asked, numpy's Euclidean norm of the measured endpoint (and of pinv(X) y) against
    the answered norms."""
    answers = [a for a in solution.answers if a.quantity == Q.NORM_VALUE.key]
    if not answers or answers[0].value is None:
        return "", True
    X, y, _, _ = _data(spec)
    measured = [float(np.linalg.norm(run.theta)), float(np.linalg.norm(np.linalg.pinv(X) @ y))]
    if spec.norm_squared:
        measured = [v * v for v in measured]
    err = max(abs(m - float(a.value)) for m, a in zip(measured, answers))
    tol = max(TOLERANCE * max(1.0, *measured), 10 * run.bound)
    return (f"; norms measured " + ", ".join(f"{m:.12g}" for m in measured[:len(answers)])
            + f" (max |difference| {err:.3g}, tolerance {tol:.1g})", err <= tol)


def _verdict_check(spec: ImplicitBiasSpec, solution: PartSolution, what: str,
                   verdict: Callable[..., tuple[str, bool]]) -> Check:
    """A verdict on the answered limit in numpy, for the parts whose limit another witness
    checks (the convergence diagnostic, the ridgeless check, the constant-sign run)."""
    method = f"{what}: numpy on the answered limit (itself checked by the other witness)"
    with stopwatch() as watch:
        ridgeless = spec.method.entry is O.RIDGE and spec.method.lam is None
        limit = _answered(solution, Q.RIDGELESS_LIMIT.key if ridgeless else Q.LIMIT.key).value
        if limit is None:
            return Check(method, "inconclusive", "no limit to measure; nothing verified",
                         runtime_s=watch.elapsed, compared=what)
        point = SimpleNamespace(theta=np.array(limit, dtype=np.float64), bound=0.0)
        text, ok = verdict(spec, solution, point)
    return Check(method, "passed" if ok else "failed", text.lstrip("; "),
                 runtime_s=watch.elapsed, compared=what)


def changes_check(spec: ImplicitBiasSpec, solution: PartSolution) -> Check:
    return _verdict_check(spec, solution, "changes", _changes_verdict)


def norm_check(spec: ImplicitBiasSpec, solution: PartSolution) -> Check:
    return _verdict_check(spec, solution, "norm", _norm_verdict)


def rescaled_features_check(spec: ImplicitBiasSpec, solution: PartSolution) -> Check:
    """Diagonal P = diag(s^2): plain torch.optim.SGD (full batch) on the features x_j s_j from
    theta0 / s, its endpoint mapped back (theta_j = s_j w_j), against the answer."""
    from optiproof.families.implicit_bias.spec import GD

    method = "real optimizer on rescaled features: torch.optim.SGD (full batch), mapped back"
    with stopwatch() as watch:
        X, _, t0, _ = _data(spec)
        s = np.sqrt(np.array([float(spec.method.P[j][j]) for j in range(X.shape[1])]))
        target = _answer(solution)
        run = run_torch(spec.model_copy(update={"method": GD()}), X=X * s, theta0=t0 / s)
    if not run.ok:
        return Check(method, "inconclusive", f"{run.reason}; nothing verified",
                     runtime_s=watch.elapsed, compared="limit")
    err = float(np.abs(run.theta * s - target).max())
    tol = max(TOLERANCE * _scale(target), run.bound)
    return Check(method, "passed" if err <= tol else "failed",
                 f"{run.reason}; s = {s.tolist()}; max |s w_torch - answer| = {err:.3g} "
                 f"(tolerance {tol:.1g})", max_error=err, runtime_s=watch.elapsed,
                 compared="limit")


def preconditioner_check(spec: ImplicitBiasSpec, solution: PartSolution) -> Check:
    """The answered P is a symmetric positive definite matrix (with P_ii = 1 where that scaling
    is asked), and a real optimizer run with it -- preconditioned GD on the original data with
    the answered P -- ends where the real run of the part's own method ends (for SGD on
    rescaled features: torch on those features, mapped back)."""
    from optiproof.families.implicit_bias.spec import Preconditioned

    method = ("preconditioner: real run of preconditioned GD with the answered P vs the real run "
              "of the part's method (torch)")
    with stopwatch() as watch:
        answer = _answered(solution, Q.PRECONDITIONER.key)
        if answer.value is None:
            return Check(method, "inconclusive", "no P was answered; nothing verified",
                         runtime_s=watch.elapsed, compared="preconditioner")
        P = np.array(answer.value, dtype=np.float64)
        if P.ndim != 2 or P.shape[0] != P.shape[1] or not np.allclose(P, P.T, atol=1e-12) or \
                np.linalg.eigvalsh((P + P.T) / 2).min() <= 0:
            return Check(method, "failed", f"the answered P {P.tolist()} is not symmetric "
                         "positive definite", runtime_s=watch.elapsed, compared="preconditioner")
        i = spec.preconditioner_entry
        if i is not None and abs(P[i - 1, i - 1] - 1) > 1e-12:
            return Check(method, "failed", f"P_{i}{i} = {P[i - 1, i - 1]:.12g}, not 1 as asked",
                         runtime_s=watch.elapsed, compared="preconditioner")
        ours = limit_run(spec.model_copy(update={"method": Preconditioned(P=P.tolist())}))
        theirs = limit_run(spec)
    if not (ours.ok and theirs.ok):
        return Check(method, "inconclusive", f"{ours.reason}; {theirs.reason}; nothing verified",
                     runtime_s=watch.elapsed, compared="preconditioner")
    err = float(np.abs(ours.theta - theirs.theta).max())
    tol = max(TOLERANCE * _scale(theirs.theta), 10 * max(ours.bound, theirs.bound))
    return Check(method, "passed" if err <= tol else "failed",
                 f"{ours.reason}; max |theta(P answered) - theta(method)| = {err:.3g} "
                 f"(tolerance {tol:.1g})", max_error=err, runtime_s=watch.elapsed,
                 compared="preconditioner")


def optimal_momentum_check(spec: ImplicitBiasSpec, solution: PartSolution) -> Check:
    """numpy: the nonzero spectrum of 2c X^T X, the per-direction update maps at (1/L, the
    claimed beta): their spectral radius is the claimed rate, and no beta does better."""
    from scipy.optimize import minimize_scalar

    method = "numpy spectra: radius of the momentum maps at alpha = 1/L, search over beta"
    with stopwatch() as watch:
        X, _, _, c = _data(spec)
        w = np.linalg.eigvalsh(2 * c * X.T @ X)
        lams = w[w > 1e-10 * max(float(w.max()), 1e-300)]
        a = 1.0 / float(lams.max())
        key = spec.method.entry.key
        beta = float(_answered(solution, Q.OPTIMAL_MOMENTUM.key).value)
        rate = float(_answered(solution, Q.OPTIMAL_RATE.key).value)
        attained = float(radius(key, lams, a, beta))
        res = minimize_scalar(lambda b: float(radius(key, lams, a, b)), bounds=(0.0, 0.9999),
                              method="bounded", options={"xatol": 1e-12})
        beaten = max(0.0, rate - float(res.fun) - 1e-9)
    err = max(abs(attained - rate), beaten)
    # eigenvalues at a double root are accurate to about sqrt(machine eps)
    return Check(method, "passed" if err <= 1e-6 else "failed",
                 f"radius at the claimed beta {attained:.10g} vs the claimed rate {rate:.10g}; "
                 f"the search over beta found {float(res.fun):.10g} at beta = "
                 f"{float(res.x):.6g}", max_error=err, runtime_s=watch.elapsed,
                 compared="optimal momentum and rate")


MAX_STEP_MARGIN = 1e-2
"""The witness runs the method at (1 -/+ this) times the answered largest step."""
MAX_STEP_RUN = 3_000
"""Steps of each run: at the margin the stiffest direction's error changes by about
(1 -/+ 2 margin) per step, so it shrinks or grows by about e^{-/+60} over the run."""


def _row_space_error_run(spec: ImplicitBiasSpec, lr: float, start: np.ndarray) -> float:
    """||X(theta_T - theta_ls)|| / ||X(theta_0 - theta_ls)|| after a real torch run of the part's
    method at the constant step ``lr`` from ``start`` (theta_ls a least-squares solution): the
    error in the directions the loss sees; inf once it blows up."""
    import torch

    X, y, _, c = _data(spec)
    Xt = torch.tensor(X, dtype=torch.float64)
    yt = torch.tensor(y, dtype=torch.float64)
    theta = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    meth = spec.method
    if meth.entry is O.PRECONDITIONED:
        from optiproof.families.implicit_bias.optimizers import PreconditionedSGD

        P = np.array([[float(v) for v in r] for r in meth.P])
        opt: Any = PreconditionedSGD([theta], lr=lr, P=torch.tensor(P, dtype=torch.float64))
    else:
        beta = float(getattr(meth, "beta", 0) or 0)
        opt = torch.optim.SGD([theta], lr=lr, momentum=beta,
                              nesterov=meth.entry is O.NESTEROV and beta > 0)
    ls = np.linalg.lstsq(X, y, rcond=None)[0]
    first = float(np.linalg.norm(X @ (start - ls)))
    for _ in range(MAX_STEP_RUN):
        opt.zero_grad()
        (c * ((Xt @ theta - yt) ** 2).sum()).backward()
        opt.step()
    end = theta.detach().numpy()
    if not np.isfinite(end).all():
        return float("inf")
    return float(np.linalg.norm(X @ (end - ls))) / first


def max_step_check(spec: ImplicitBiasSpec, solution: PartSolution) -> Check:
    """The real optimizer (torch, float64) on the loss as written, from a random start (every
    direction excited), at a step just below the answered largest step: the error the loss
    sees shrinks; just above it: the error grows."""
    method = (f"real optimizer ({_optimizer_label(spec)}, float64) at (1 -/+ {MAX_STEP_MARGIN}) "
              "times the answered largest step, from a random start")
    with stopwatch() as watch:
        eta = float(_answered(solution, Q.MAX_STEP.key).value)
        X, _, t0, _ = _data(spec)
        start = t0 + np.random.default_rng(0).standard_normal(X.shape[1])
        below = _row_space_error_run(spec, eta * (1 - MAX_STEP_MARGIN), start)
        above = _row_space_error_run(spec, eta * (1 + MAX_STEP_MARGIN), start)
    ok = below < 1e-6 and above > 1e6
    return Check(method, "passed" if ok else "failed",
                 f"error ratio after {MAX_STEP_RUN} steps: {below:.3g} below the bound, "
                 f"{above:.3g} above it", max_error=MAX_STEP_MARGIN * eta,
                 runtime_s=watch.elapsed, compared="largest convergent step")


def converges_check(spec: ImplicitBiasSpec, solution: PartSolution) -> Check:
    """The real optimizer (torch, float64) at each trial step from a random start: the error
    the loss sees vanishes where the answer says it converges, and stays (or grows) where it
    says it does not."""
    method = (f"real optimizer ({_optimizer_label(spec)}, float64) at each trial step, "
              f"{MAX_STEP_RUN} steps from a random start")
    with stopwatch() as watch:
        X, _, t0, _ = _data(spec)
        start = t0 + np.random.default_rng(0).standard_normal(X.shape[1])
        said = [a for a in solution.answers if a.quantity == Q.CONVERGES.key]
        rows, ok = [], len(said) == len(spec.trial_steps or [])
        for step, answer in zip(spec.trial_steps or [], said):
            ratio = _row_space_error_run(spec, float(Fraction(str(step))), start)
            yes = bool(answer.value)
            ok = ok and (ratio < 1e-6 if yes else ratio > 1e-3)
            rows.append(f"step {step}: error ratio {ratio:.3g} (answer: "
                        f"{'converges' if yes else 'does not converge'})")
    return Check(method, "passed" if ok else "failed", "; ".join(rows),
                 runtime_s=watch.elapsed, compared="convergence at the trial steps")


def _minimiser_of(answer: Any, X: np.ndarray, y: np.ndarray, t0: np.ndarray,
                  names: list[str]) -> tuple[np.ndarray, float] | None:
    """The minimiser over {X theta = y} of what the which-norm answer names, found here
    without the solver: the max norm of theta - theta0 by a linear program (scipy) -- with its
    optimal value, as it may have several minimisers --, the Euclidean norm by numpy's pinv,
    and a quadratic form by its Hessian and gradient (SymPy, from the answer's formula) and the
    KKT system (numpy); None when the answer names nothing measurable."""
    import sympy

    from scipy.optimize import linprog

    m, d = X.shape
    value = answer.value
    key = getattr(answer.expr, "key", None)
    if key == N.LINF.key:
        cost = np.r_[np.zeros(d), 1.0]
        A_ub = np.block([[np.eye(d), -np.ones((d, 1))], [-np.eye(d), -np.ones((d, 1))]])
        res = linprog(cost, A_ub=A_ub, b_ub=np.r_[t0, -t0], A_eq=np.c_[X, np.zeros(m)],
                      b_eq=y, bounds=[(None, None)] * (d + 1), method="highs")
        return (res.x[:d], float(res.fun)) if res.success else None
    if key == N.L2.key:
        theta = t0 + np.linalg.pinv(X) @ (y - X @ t0)
        return theta, float(np.linalg.norm(theta - t0))
    if value is not None or answer.expr is None or isinstance(answer.expr, sympy.MatrixBase):
        return None
    coords = [sympy.Symbol(n, real=True) for n in names]
    expr = answer.expr.xreplace({s: sympy.Symbol(s.name, real=True)
                                 for s in answer.expr.free_symbols})
    if {s.name for s in expr.free_symbols} - set(names):
        return None
    H = np.array(sympy.hessian(expr, coords).tolist(), dtype=np.float64)
    g = np.array([float(sympy.diff(expr, c).subs({k: 0 for k in coords})) for c in coords])
    if np.linalg.eigvalsh((H + H.T) / 2).min() <= 0:
        return None   # not a norm: no unique minimiser to compare with
    K = np.block([[H, X.T], [X, np.zeros((m, m))]])
    sol, *_ = np.linalg.lstsq(K, np.r_[-g, y], rcond=None)
    return sol[:d], float("nan")


def which_norm_check(spec: ImplicitBiasSpec, solution: PartSolution) -> Check:
    """The real optimizer's endpoint against the minimiser of the answered norm over the
    solutions, computed here (linear program, pseudo-inverse or KKT system)."""
    method = (f"which norm: real optimizer ({_optimizer_label(spec)}) endpoint vs the minimiser "
              "of the answered norm (scipy linprog / numpy)")
    with stopwatch() as watch:
        X, y, t0, _ = _data(spec)
        answer = _answered(solution, Q.WHICH_NORM.key)
        names = [f"{spec.coordinates}{j + 1}" for j in range(X.shape[1])]
        best = _minimiser_of(answer, X, y, t0, names)
        if best is None:
            return Check(method, "inconclusive", "the answer names no norm measured here; "
                         "nothing verified", runtime_s=watch.elapsed, compared="which norm")
        run = limit_run(spec)
    if not run.ok:
        return Check(method, "inconclusive", f"{run.reason}; nothing verified",
                     runtime_s=watch.elapsed, compared="which norm")
    theta, optimum = best
    tol = max(TOLERANCE * _scale(theta), 10 * run.bound)
    if getattr(answer.expr, "key", None) == N.LINF.key:   # a minimiser, maybe not the only one
        err = abs(float(np.abs(run.theta - t0).max()) - optimum)
        what = f"max |theta_torch - theta0| = {np.abs(run.theta - t0).max():.12g}, LP optimum "
        what += f"{optimum:.12g}"
    else:
        err = float(np.abs(run.theta - theta).max())
        what = f"max |theta_torch - argmin| = {err:.3g}"
    weight = next((a for a in solution.answers if a.quantity == Q.WHICH_NORM.key and
                   a.value is not None and np.ndim(a.value) == 2), None)
    if weight is not None:   # the answered matrix W: its KKT minimiser (numpy) is the endpoint
        W = np.array(weight.value, dtype=np.float64)
        m, d = X.shape
        K = np.block([[W, X.T], [X, np.zeros((m, m))]])
        sol, *_ = np.linalg.lstsq(K, np.r_[W @ t0, y], rcond=None)
        w_err = float(np.abs(run.theta - sol[:d]).max())
        i = spec.weight_entry
        scaled = i is not None and abs(W[i - 1, i - 1] - 1) <= 1e-12
        err = max(err, w_err if scaled and np.linalg.eigvalsh((W + W.T) / 2).min() > 0 else
                  float("inf"))
        what += f"; answered W: max |theta_torch - argmin_W| = {w_err:.3g}, W_ii = 1: {scaled}"
    resid = float(np.abs(X @ run.theta - y).max())
    ok = err <= tol and resid <= max(tol, 10 * run.bound * max(1.0, float(np.abs(X).max())))
    return Check(method, "passed" if ok else "failed", f"{run.reason}; {what}; residual "
                 f"{resid:.3g} (tolerance {tol:.1g})", max_error=max(err, resid),
                 runtime_s=watch.elapsed, compared="which norm")


# --------------------------------------------------------------------------- certificates

def closest_point_certificate(spec: ImplicitBiasSpec, solution: PartSolution,
                              metric: np.ndarray | None, label: str) -> Check:
    """argmin (theta-theta0)^T W (theta-theta0) s.t. X theta = y via the KKT system (scipy)."""
    import scipy.linalg

    method = f"certificate: closest solution to theta0 in the {label} (KKT system, scipy)"
    with stopwatch() as watch:
        X, y, t0, _ = _data(spec)
        consistent = solution.facts.consistent
        if not consistent:  # no zero-loss point: constrain to the least-squares set instead
            X, y = X.T @ X, X.T @ y
            method = method.replace("closest solution", "closest least-squares solution")
        m, d = X.shape
        W = np.eye(d) if metric is None else metric
        K = np.block([[W, X.T], [X, np.zeros((m, m))]])
        rhs = np.concatenate([W @ t0, y])
        sol, *_ = scipy.linalg.lstsq(K, rhs)
        theta = sol[:d]
        target = _answer(solution)
        err = float(np.abs(theta - target).max())
        resid = float(np.abs(X @ target - y).max())  # X^T(X theta - y) when inconsistent
    tol = TOLERANCE * _scale(target)
    status = "passed" if err <= tol and resid <= tol else "failed"
    return Check(method, status, f"max |theta_KKT - answer| = {err:.3g}; answer's residual "
                 f"max |X theta - y| = {resid:.3g}", max_error=max(err, resid),
                 runtime_s=watch.elapsed, compared="limit vs characterisation")


def sign_line_certificate(spec: ImplicitBiasSpec, solution: PartSolution) -> Check:
    """The answer lies on theta0 + span(sign a), solves a^T theta = b, and (linear program)
    its sup-distance from theta0 is the smallest among all solutions."""
    from scipy.optimize import linprog

    method = "certificate: on the sign line, zero loss, minimal sup-distance (scipy linprog)"
    with stopwatch() as watch:
        X, y, t0, _ = _data(spec)
        a, b = X[0], y[0]
        target = _answer(solution)
        delta = target - t0
        s = np.sign(a)
        tau = float(delta @ s) / max(float(s @ s), 1e-300)
        off_line = float(np.abs(delta - tau * s).max())
        resid = abs(float(a @ target - b))
        d = len(a)
        # variables (theta, t): min t s.t. -t <= theta - theta0 <= t, a^T theta = b
        cost = np.r_[np.zeros(d), 1.0]
        A_ub = np.block([[np.eye(d), -np.ones((d, 1))], [-np.eye(d), -np.ones((d, 1))]])
        b_ub = np.r_[t0, -t0]
        res = linprog(cost, A_ub=A_ub, b_ub=b_ub, A_eq=np.r_[a, 0.0][None, :], b_eq=[b],
                      bounds=[(None, None)] * (d + 1), method="highs")
        gap = abs(float(res.fun) - float(np.abs(delta).max())) if res.success else float("inf")
    tol = TOLERANCE * _scale(target)
    err = max(off_line, resid, gap)
    status = "passed" if err <= tol else ("failed" if res.success else "inconclusive")
    return Check(method, status, f"distance from the sign line {off_line:.3g}; residual "
                 f"{resid:.3g}; sup-distance gap to the LP optimum {gap:.3g}", max_error=err,
                 runtime_s=watch.elapsed, compared="limit vs characterisation")


def ridge_certificate(spec: ImplicitBiasSpec, solution: PartSolution) -> Check:
    """(2c X^T X + lam I) theta = 2c X^T y (scipy solve) and, for lam -> 0, X^+ y (numpy pinv)."""
    import scipy.linalg

    method = "certificate: ridge normal equations and the minimum-norm limit (scipy, numpy pinv)"
    with stopwatch() as watch:
        X, y, _, c = _data(spec)
        lam = float(spec.method.lam)
        d = X.shape[1]
        with warnings.catch_warnings():  # ill-conditioned: the error below says how well
            warnings.simplefilter("ignore", scipy.linalg.LinAlgWarning)
            theta = scipy.linalg.solve(2 * c * X.T @ X + lam * np.eye(d), 2 * c * X.T @ y,
                                       assume_a="pos")
        target = _answer(solution)
        err = float(np.abs(theta - target).max())
        errs = [err]
        limit0 = _answered(solution, Q.RIDGELESS_LIMIT.key)
        if limit0.value is not None:
            errs.append(float(np.abs(np.linalg.pinv(X) @ y - np.array(limit0.value)).max()))
    tol = TOLERANCE * _scale(target)
    status = "passed" if max(errs) <= tol else "failed"
    return Check(method, status, "max errors: ridge solution " + ", lambda -> 0 limit ".join(
        f"{e:.3g}" for e in errs), max_error=max(errs), runtime_s=watch.elapsed,
                 compared="limit vs normal equations")


def ridgeless_check(spec: ImplicitBiasSpec, solution: PartSolution) -> Check:
    """The ridge normal equations solved by scipy at lambda = 1e-4, 1e-6, 1e-8 approach the
    answered lambda -> 0 limit (errors shrinking with lambda), and numpy's pinv(X) y is it."""
    import scipy.linalg

    method = "ridge normal equations at lambda = 1e-4, 1e-6, 1e-8 (scipy) and pinv(X) y (numpy)"
    with stopwatch() as watch:
        X, y, _, c = _data(spec)
        target = _answer(solution, Q.RIDGELESS_LIMIT.key)
        d = X.shape[1]
        errs = []
        for lam in (1e-4, 1e-6, 1e-8):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", scipy.linalg.LinAlgWarning)
                theta = scipy.linalg.solve(2 * c * X.T @ X + lam * np.eye(d), 2 * c * X.T @ y,
                                           assume_a="pos")
            errs.append(float(np.abs(theta - target).max()))
        pinv = float(np.abs(np.linalg.pinv(X) @ y - target).max())
    tol = TOLERANCE * _scale(target)
    ok = pinv <= tol and errs[-1] <= max(tol, 1e-3) and errs[0] >= errs[-1] - tol
    return Check(method, "passed" if ok else "failed",
                 "max errors at lambda = 1e-4, 1e-6, 1e-8: " + ", ".join(f"{e:.3g}" for e in errs)
                 + f"; pinv: {pinv:.3g}", max_error=max(pinv, errs[-1]),
                 runtime_s=watch.elapsed, compared="lambda -> 0 limit")


def convergence_diagnostic(spec: ImplicitBiasSpec, solution: PartSolution) -> Check:
    """No closed form: the real optimizer's endpoint must have zero loss and zero gradient, and
    match the float64 numpy simulation that produced the reported limit."""
    method = (f"convergence diagnostic (no closed form): {_optimizer_label(spec)} endpoint "
              "residual, stationarity, agreement with the numpy simulation")
    with stopwatch() as watch:
        run = run_torch(spec)
        X, y, _, c = _data(spec)
        target = _answer(solution)
    if not run.ok:
        return Check(method, "inconclusive", run.reason, runtime_s=watch.elapsed)
    scale = max(1.0, float(np.linalg.norm(y)))
    resid = float(np.linalg.norm(X @ run.theta - y))
    grad = float(np.linalg.norm(2 * c * X.T @ (X @ run.theta - y)))
    agree = float(np.abs(run.theta - target).max())
    tol = 1e-6 * scale
    ok = resid <= tol and grad <= tol * max(1.0, float(np.abs(X).max())) * 2 * c * X.shape[0]
    extra, same = _min_norm_verdict(solution, run.theta, TOLERANCE * _scale(target), X, y)
    status = "passed" if ok and same and agree <= TOLERANCE * _scale(target) else "failed"
    return Check(method, status, f"{run.reason}; step at stop {run.step_at_stop:.3g}; residual "
                 f"||X theta - y|| = {resid:.3g}; ||grad f|| = {grad:.3g}; max |theta_torch - "
                 f"theta_numpy| = {agree:.3g}" + extra, max_error=max(resid, agree),
                 runtime_s=watch.elapsed, compared="residual and simulated limit")


def witnesses(spec: ImplicitBiasSpec, solution: PartSolution,
              options: SolveOptions = SolveOptions()) -> list[tuple[str, Callable[[], Check]]]:
    """The witnesses of this part, as (method, thunk) pairs run by the pipeline."""
    kind = solution.facts.kind
    asked = {a.quantity for a in solution.answers}
    extra: list[tuple[str, Callable[[], Check]]] = []
    if Q.MIN_NORM_SOLUTION.key in asked:
        extra.append(("minimum-norm solution", lambda: min_norm_check(spec, solution)))
    if Q.OPTIMAL_MOMENTUM.key in asked:
        extra.append(("optimal momentum", lambda: optimal_momentum_check(spec, solution)))
    if Q.DISTANCE_TO_MIN_NORM.key in asked:
        extra.append(("distance", lambda: distance_check(spec, solution)))
    if Q.WHICH_NORM.key in asked:
        extra.append(("which norm", lambda: which_norm_check(spec, solution)))
    if Q.PRECONDITIONER.key in asked:
        extra.append(("preconditioner", lambda: preconditioner_check(spec, solution)))
    if Q.ITERATIONS.key in asked:
        extra.append(("steps to land", lambda: (gd_steps_to_land_check if spec.method.entry
                                                is O.GD else steps_to_land_check)(spec, solution)))
    if Q.MAX_STEP.key in asked:
        extra.append(("largest step", lambda: max_step_check(spec, solution)))
    if Q.CONVERGES.key in asked:
        extra.append(("trial steps", lambda: converges_check(spec, solution)))
    alone: list[tuple[str, Callable[[], Check]]] = []
    if Q.NORM_VALUE.key in asked:
        alone.append(("norm", lambda: norm_check(spec, solution)))
    if Q.CHANGES.key in asked:
        alone.append(("changes", lambda: changes_check(spec, solution)))
    if kind == "numerical":
        return [("convergence diagnostic", lambda: convergence_diagnostic(spec, solution)),
                *extra, *alone]
    if spec.method.entry is O.RIDGE and spec.method.lam is None:
        return [("ridge at vanishing weight decay", lambda: ridgeless_check(spec, solution)),
                *extra, *alone]
    if getattr(spec.method, "schedule", None) == "constant" and spec.method.entry is O.SIGN_GD:
        return [("real optimizer", lambda: constant_sign_check(spec, solution)), *extra,
                *alone]
    out: list[tuple[str, Callable[[], Check]]] = [
        ("real optimizer", lambda: real_optimizer_check(spec, solution)), *extra]
    X, _, _, _ = _data(spec)
    if X.shape[0] * X.shape[1] > 4_000_000:
        return out
    method = spec.method.entry
    if kind == "regularised":
        out.append(("ridge certificate", lambda: ridge_certificate(spec, solution)))
    elif kind == "sign-line":
        out.append(("sign-line certificate", lambda: sign_line_certificate(spec, solution)))
    elif kind == "unique":
        out.append(("unique-solution certificate",
                    lambda: closest_point_certificate(spec, solution, None,
                                                      "Euclidean metric (unique solution)")))
    elif method is O.PRECONDITIONED:
        P = np.array([[float(v) for v in r] for r in spec.method.P])
        out.append(("metric certificate", lambda: closest_point_certificate(
            spec, solution, np.linalg.inv(P), "P^{-1} metric")))
        if np.count_nonzero(P - np.diag(np.diag(P))) == 0 and kind == "confined":
            out.append(("rescaled features", lambda: rescaled_features_check(spec, solution)))
    elif method is O.RESCALED_SGD:
        s2 = (X ** 2).mean(axis=0)
        out.append(("metric certificate", lambda: closest_point_certificate(
            spec, solution, np.diag(np.where(s2 > 0, s2, 1.0)), "second-moment metric")))
    elif kind == "confined":
        out.append(("metric certificate", lambda: closest_point_certificate(
            spec, solution, None, "Euclidean metric")))
    return out
