"""Independent witnesses of a quadratic-dynamics part.

None of them uses the closed forms or the SymPy iteration matrices of ``solve``:

1. numpy spectra: the spectrum of H from ``numpy.linalg.eigvalsh``; per eigenvalue, the
   iteration map built by applying the *update rule* to the two basis states, its eigenvalues
   from ``numpy.linalg.eigvals``; the stability boundary by bisection, the optimal step by
   ``scipy.optimize.minimize_scalar`` and the optimal (alpha, beta) by a grid plus Nelder-Mead.
2. the real ``torch.optim.SGD`` (plain, momentum, ``nesterov=True``) run in float64 on the
   quadratic: measured contraction per step (log-error fit with renormalisation, so nothing
   underflows), stability confirmed on both sides of the boundary, the iteration count, the
   momentum buffer's steady state, PyTorch's dampening convention and frozen null directions.

Symbolic answers (μ, L, β) are checked at sample values. Every loop has a step cap.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import sympy

from optiproof.catalogue import optimizers as O
from optiproof.core.evidence import Check, stopwatch
from optiproof.core.options import SolveOptions
from optiproof.core.solution import PartSolution
from optiproof.families.quadratic_dynamics.spec import QuadraticDynamicsSpec
from optiproof.witnesses.momentum import direction_maps, radius

TOL = 1e-8
"""Relative tolerance of spectral comparisons."""
RATE_TOL = 4e-3
"""Absolute tolerance of a contraction rate measured from a finite torch run."""
MAX_STEPS = 4000
SYMBOLIC_SAMPLES = [(1.0, 10.0), (0.5, 40.0)]
BETA_SAMPLES = [0.0, 0.5, 0.9]


# --------------------------------------------------------------------------- instances

def _H(spec: QuadraticDynamicsSpec) -> np.ndarray:
    if spec.H is not None:
        return np.array([[float(x) for x in r] for r in spec.H], dtype=np.float64)
    return np.diag([float(x) for x in spec.eigenvalues or []])


def instances(spec: QuadraticDynamicsSpec, solution: PartSolution) -> list[tuple[np.ndarray,
                                                                                  dict]]:
    """(H, substitutions) pairs: the spec's own H, or sample spectra for symbolic μ, L."""
    if not spec.symbolic:
        return [(_H(spec), {})]
    quad = solution.facts.quad
    out = []
    for mu, L in SYMBOLIC_SAMPLES:
        out.append((np.diag([mu, (mu + L) / 2, L]), {quad.mu: mu, quad.L: L}))
    return out


def _value(expr: Any, subs: dict) -> float:
    v = sympy.sympify(expr).subs(subs)
    return float(sympy.N(v, 30))


def _spectrum(H: np.ndarray) -> tuple[np.ndarray, int]:
    """Distinct positive eigenvalues of H (numpy) and the number of zero eigenvalues."""
    w = np.linalg.eigvalsh(H)
    tol = 1e-10 * max(1.0, float(np.abs(w).max()))
    pos = np.sort(w[w > tol])
    distinct = [pos[0]] if len(pos) else []
    for v in pos[1:]:
        if v - distinct[-1] > 1e-12 * max(1.0, v):
            distinct.append(v)
    return np.array(distinct), int((np.abs(w) <= tol).sum())


def full_radius(method: str, H: np.ndarray, a: float, b: float) -> float:
    """Spectral radius of the whole-space iteration operator on the range of H (n <= 64)."""
    w, Q = np.linalg.eigh(H)
    keep = w > 1e-10 * max(1.0, float(np.abs(w).max()))
    Hp = Q[:, keep].T @ H @ Q[:, keep]
    k = Hp.shape[0]
    if method == O.GD.key:
        return float(np.abs(np.linalg.eigvals(np.eye(k) - a * Hp)).max())
    Op = np.zeros((2 * k, 2 * k))
    for j in range(2 * k):
        s = np.zeros(2 * k)
        s[j] = 1.0
        x, xp = s[:k], s[k:]
        if method == O.HEAVY_BALL.key:
            nxt = x - a * Hp @ x + b * (x - xp)
        else:
            y = x + b * (x - xp)
            nxt = y - a * Hp @ y
        Op[:, j] = np.r_[nxt, x]
    return float(np.abs(np.linalg.eigvals(Op)).max())


def _rel(x: float, y: float) -> float:
    return abs(x - y) / max(1.0, abs(y))


SQRT_EPS = math.sqrt(2.2e-16)
"""The relative step of scipy's bounded Brent minimiser (its ``sqrt_eps``)."""


def gd_rate_minimum(lams: np.ndarray) -> tuple[float, float, float]:
    """(argmin, min, accuracy of min) of max_i |1 - alpha lambda_i| over alpha in [0, 2/L].

    scipy's bounded Brent stops when its bracket around the returned x is at most
    2 (sqrt_eps |x| + xatol/3) wide on either side, so x is that close to the true minimiser; the
    radius has slope at most L = max lambda in alpha, which bounds the error of the minimum."""
    from scipy.optimize import minimize_scalar

    L = float(lams.max())
    xatol = 1e-13 / L
    res = minimize_scalar(lambda x: float(radius(O.GD.key, lams, x, 0.0)), bounds=(0.0, 2.0 / L),
                          method="bounded", options={"xatol": xatol})
    x = float(res.x)
    return x, float(res.fun), L * 2.0 * (SQRT_EPS * abs(x) + xatol / 3.0) + 4e-16


# --------------------------------------------------------------------------- numpy check

def _exact_unit_radius(spec: QuadraticDynamicsSpec, alpha: Any) -> bool | None:
    """Plain GD with a rational H (or spectrum) and step: True when the spectral radius of the
    symmetric M = I − αH is exactly 1, i.e. I − M² is positive semidefinite and singular (exact
    Fraction elimination, not the solver's eigenvalues); None when not decidable this way."""
    from fractions import Fraction

    from optiproof.families.quadratic_dynamics.spec import fraction, psd_status

    if spec.method != O.GD.key or spec.symbolic or alpha is None:
        return None
    a = sympy.sympify(alpha)
    if not a.is_Rational:
        return None
    try:
        step = Fraction(int(a.p), int(a.q))
        H = [[fraction(x) for x in row] for row in spec.H] if spec.H is not None else \
            [[fraction(x) if i == j else Fraction(0) for j, _ in enumerate(spec.eigenvalues)]
             for i, x in enumerate(spec.eigenvalues or [])]
    except (ValueError, TypeError, ZeroDivisionError):
        return None
    n = len(H)
    M = [[(1 if i == j else 0) - step * H[i][j] for j in range(n)] for i in range(n)]
    rest = [[(1 if i == j else 0) - sum(M[i][k] * M[k][j] for k in range(n)) for j in range(n)]
            for i in range(n)]
    return psd_status(rest) == "psd"


def _alpha_beta(spec: QuadraticDynamicsSpec, solution: PartSolution, subs: dict,
                lams: np.ndarray) -> tuple[float | None, float | None]:
    a, b = solution.facts.alpha, solution.facts.beta
    return (None if a is None else _value(a, subs)), (None if b is None else _value(b, subs))


def _answers(solution: PartSolution) -> dict[str, Any]:
    return {a.name: a for a in solution.answers}


def spectral_check(spec: QuadraticDynamicsSpec, solution: PartSolution) -> Check:
    """Every spectral answer against numpy eigenvalues of the update-rule maps."""
    from scipy.optimize import minimize, minimize_scalar

    method_name = "numpy spectra: eigvalsh(H), eigvals of the update-rule maps, bisection, " \
                  "scipy minimisation"
    m = spec.method
    ans = _answers(solution)
    errs: list[tuple[str, float]] = []
    notes: list[str] = []
    with stopwatch() as watch:
        for H, subs in instances(spec, solution):
            lams, zeros = _spectrum(H)
            L, mu = float(lams.max()), float(lams.min())
            a, b = _alpha_beta(spec, solution, subs, lams)
            betas = [b] if b is not None else BETA_SAMPLES
            if "eigenvalues of H" in ans and ans["eigenvalues of H"].expr is not None and \
                    not spec.symbolic:
                claim = sorted(_value(x, subs) for x in ans["eigenvalues of H"].expr)
                full = np.sort(np.linalg.eigvalsh(H))
                errs.append(("eigenvalues of H", 1.0 if len(claim) != len(full) else
                             max(_rel(x, float(y)) for x, y in zip(claim, full))))
            if "minimiser" in ans and spec.b is not None and not spec.symbolic:
                x = np.array([_value(v, subs) for v in ans["minimiser"].expr])
                bb = np.array([float(v) for v in spec.b])
                ref = np.linalg.lstsq(H, bb, rcond=None)[0]
                errs.append(("minimiser (numpy lstsq)", float(np.abs(x - ref).max())
                             / max(1.0, float(np.abs(ref).max()))))
            if "converges" in ans and a is not None:
                rho = float(radius(m, lams, a, b or 0.0))
                claim = bool(ans["converges"].expr)
                # a radius within 1e-9 of 1 cannot be told apart numerically: not confirmed,
                # unless exact arithmetic shows it is exactly 1 (plain GD, rational data)
                exact = _exact_unit_radius(spec, solution.facts.alpha) \
                    if abs(rho - 1) <= 1e-9 else None
                errs.append(("converges", 0.0 if (abs(rho - 1) > 1e-9 and (rho < 1) == claim)
                             or (exact is True and not claim) else 1.0))
                notes.append(f"numpy radius at the given step {rho:.8g}" + (
                    "; exactly 1 (I − M² is singular and PSD, exact elimination)"
                    if exact else ""))
            if "slowest direction" in ans and a is not None:
                pos = np.array([x for x in lams if x > 1e-12])
                each = np.array([float(radius(m, np.array([x]), a, b or 0.0)) for x in pos])
                order = np.argsort(-each)
                claim = _value(ans["slowest direction"].expr, subs)
                unique = len(each) == 1 or each[order[0]] - each[order[1]] > 1e-9
                errs.append(("slowest direction", _rel(claim, float(pos[order[0]]))
                             if unique else 1.0))
                notes.append(f"numpy per-direction radii {np.round(each, 8).tolist()} at "
                             f"λ = {np.round(pos, 8).tolist()}")
            full = np.linalg.eigvalsh(H)
            for name, want in (("smoothness constant", float(full.max())),
                               ("strong convexity constant", max(0.0, float(full.min())))):
                if name in ans:
                    scale = max(1.0, float(np.abs(full).max()))
                    got = _value(ans[name].expr, subs)
                    errs.append((name, abs(got - want) / scale if abs(want) <= 1e-12 * scale
                                 else _rel(got, want)))
            if "condition number" in ans:
                errs.append(("kappa", _rel(_value(ans["condition number"].expr, subs), L / mu)))
            if "max stable step" in ans:
                for bb in (betas if m != O.GD.key else [0.0]):
                    lo, hi = 1e-12 / L, 16.0 / L
                    for _ in range(200):
                        mid = 0.5 * (lo + hi)
                        if radius(m, lams, mid, bb) < 1:
                            lo = mid
                        else:
                            hi = mid
                        if hi - lo <= 1e-14 * hi:
                            break
                    claim = _value(ans["max stable step"].expr, {**subs, sympy.Symbol("beta"): bb})
                    errs.append((f"max step (beta={bb})", _rel(claim, lo)))
            if {"optimal step", "optimal momentum", "optimal rate"} & set(ans):
                opt_a, opt_b, opt_r = solution.facts.optimal
                ca, cr = _value(opt_a, subs), _value(opt_r, subs)
                cb = 0.0 if opt_b is None else _value(opt_b, subs)
                attained = float(radius(m, lams, ca, cb))
                errs.append(("rate at the claimed optimum", _rel(attained, cr)))
                if solution.facts.optimal_at_step:
                    bs = np.linspace(0.0, 0.9999, 2000)
                    R = radius(m, lams, np.full_like(bs, ca), bs)
                    j = int(np.argmin(R))
                    res = minimize_scalar(lambda x: float(radius(m, lams, ca, x)),
                                          bounds=(bs[max(j - 1, 0)], bs[min(j + 1, 1999)]),
                                          method="bounded", options={"xatol": 1e-14})
                    found = min(float(res.fun), float(R[j]))
                    # the search over beta at this alpha must not beat the claim
                    errs.append(("optimal rate over beta at the given alpha",
                                 max(0.0, cr - found - 1e-9)))
                    notes.append(f"search over beta at alpha = {ca:.6g} found rate {found:.8g} "
                                 f"at beta = {float(res.x):.6g}; claimed {cr:.8g} at {cb:.6g}")
                elif m == O.GD.key:
                    x, found, accuracy = gd_rate_minimum(lams)
                    # the search cannot beat the true minimum, and it is within its own
                    # accuracy above it
                    errs.append(("optimal rate vs scipy minimum",
                                 max(0.0, cr - found - 4e-16, found - cr - accuracy)))
                    if "optimal step" in ans:
                        # the argmin sits at a kink: bounded Brent locates it to ~1e-7
                        errs.append(("optimal step vs scipy argmin",
                                     max(0.0, _rel(ca, x) - 1e-6)))
                else:
                    hs = np.linspace(0.01, 4.0, 120) / L
                    bs = np.linspace(0.0, 0.995, 120)
                    A, B = np.meshgrid(hs, bs)
                    R = radius(m, lams, A, B)
                    i = np.unravel_index(np.argmin(R), R.shape)
                    res = minimize(lambda v: float(radius(m, lams, v[0], min(max(v[1], 0), .9999))),
                                   [A[i], B[i]], method="Nelder-Mead",
                                   options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 4000})
                    found = min(float(res.fun), float(R[i]))
                    below = cr - found  # > 0 means the search beat the claimed optimum
                    # the search must not beat the claim (it may stop slightly above it)
                    errs.append(("optimal rate vs grid + Nelder-Mead", max(0.0, below - 1e-9)))
                    notes.append(f"search found rate {found:.8g} at (alpha, beta) = "
                                 f"({res.x[0]:.6g}, {res.x[1]:.6g}); claimed {cr:.8g} at "
                                 f"({ca:.6g}, {cb:.6g})")
            if "rate" in ans and not spec.symbolic:
                rho = float(radius(m, lams, a, b or 0.0))
                errs.append(("rate", _rel(_value(ans["rate"].expr, subs), rho)))
                if H.shape[0] <= 64:
                    errs.append(("rate (whole-space operator)",
                                 _rel(_value(ans["rate"].expr, subs),
                                      full_radius(m, H, a, b or 0.0))))
            elif "rate" in ans:  # GD at alpha = 1/L
                errs.append(("rate at 1/L", _rel(_value(ans["rate"].expr, subs),
                                                 float(radius(m, lams, 1.0 / L, 0.0)))))
            if "spectral radius" in ans:
                errs.append(("regime radius", _rel(_value(ans["spectral radius"].expr, subs),
                                                   float(radius(m, lams, a, b or 0.0)))))
                got = [_classify(m, lam, a, b or 0.0) for lam in lams]
                want = [_coarse(reg) for _, _, reg in solution.facts.regimes]
                errs.append(("regime classes", 0.0 if got == want else 1.0))
                notes.append("regimes (numpy): " + ", ".join(got))
            if "iterations" in ans and ans["iterations"].expr is not None:
                rho, accuracy = _iter_rate(spec, solution, subs, lams)
                eps = float(solution.facts.epsilon)
                claim = _value(ans["iterations"].expr, subs)
                lo, hi = (_count(eps, max(0.0, rho - accuracy)),
                          _count(eps, min(1.0 - 1e-16, rho + accuracy)))
                errs.append(("iterations", max(0.0, lo - claim, claim - hi)))
            if "iteration matrix" in ans or "per-direction factor" in ans:
                errs.append(("iteration map", _map_error(m, ans, subs)))
            if "zero-curvature directions" in ans:
                errs.append(("nullity", abs(_value(ans["zero-curvature directions"].expr, subs)
                                            - zeros)))
    if not errs:
        return Check(method_name, "inconclusive", "nothing spectral to compare",
                     runtime_s=watch.elapsed)
    worst = max(e for _, e in errs)
    # eigenvalues at a double root (the momentum optimum) are only sqrt(machine eps) accurate
    tol = TOL if m == O.GD.key else 1e-6
    status = "passed" if worst <= tol else "failed"
    detail = "; ".join(f"{k}: {v:.2g}" for k, v in errs[:14]) + (
        " | " + " | ".join(notes[:3]) if notes else "")
    return Check(method_name, status, detail, max_error=worst, runtime_s=watch.elapsed,
                 compared="spectral answers vs numpy")


def _iter_rate(spec: QuadraticDynamicsSpec, solution: PartSolution, subs: dict,
               lams: np.ndarray) -> tuple[float, float]:
    """The rate the iteration count should use, recomputed with numpy, and its accuracy."""
    a, b = _alpha_beta(spec, solution, subs, lams)
    if a is None:
        if spec.method == O.GD.key:
            _, found, accuracy = gd_rate_minimum(lams)
            return found, accuracy
        opt_a, opt_b, _ = solution.facts.optimal
        return float(radius(spec.method, lams, _value(opt_a, subs), _value(opt_b, subs))), 0.0
    return float(radius(spec.method, lams, a, b or 0.0)), 0.0


def _count(eps: float, rho: float) -> int:
    """Smallest t with rho^t <= eps (to 1e-12 relative in the exponent)."""
    return 1 if rho == 0 else math.ceil(math.log(eps) / math.log(rho) - 1e-12)


def _classify(method: str, lam: float, a: float, b: float) -> str:
    M = direction_maps(method, a, b, lam)
    z = np.linalg.eigvals(M) if method != O.GD.key else np.array([M[0, 0]])
    dom = z[np.argmax(np.abs(z))]
    rho = abs(dom)
    osc = abs(dom.imag) > 1e-12 or dom.real < -1e-12
    fate = "diverge" if rho > 1 + 1e-12 else ("stuck" if rho > 1 - 1e-12 else "converge")
    return f"{fate}/{'osc' if osc else 'mono'}"


def _coarse(regime: str) -> str:
    fate = ("diverge" if "divergence" in regime else "stuck" if (
        "without converging" in regime or "does not converge" in regime) else "converge")
    return f"{fate}/{'osc' if 'oscillat' in regime else 'mono'}"


def _map_error(method: str, ans: dict, subs: dict) -> float:
    a_s, b_s, l_s = sympy.symbols("alpha beta lambda")
    worst = 0.0
    for a, b, lam in ((0.1, 0.5, 3.0), (0.3, 0.9, 1.0), (1.0, 0.2, 2.5)):
        point = {**subs, a_s: a, b_s: b, l_s: lam}
        M = direction_maps(method, a, b, lam)
        if method == O.GD.key:
            worst = max(worst, abs(_value(ans["per-direction factor"].expr, point) - M[0, 0]))
            continue
        T = np.array(sympy.Matrix(ans["iteration matrix"].expr).subs(point).evalf(),
                     dtype=float)
        worst = max(worst, float(np.abs(T - M).max()))
        roots = [complex(sympy.N(r.subs(point))) for r in ans["eigenvalues"].expr]
        z = np.linalg.eigvals(M)
        worst = max(worst, min(abs(roots[0] - z[0]) + abs(roots[1] - z[1]),
                               abs(roots[0] - z[1]) + abs(roots[1] - z[0])))
    return worst


# --------------------------------------------------------------------------- torch runs

def _sgd(p: Any, method: str, lr: float, beta: float, dampening: float = 0.0) -> Any:
    import torch

    if method == O.GD.key or beta == 0:
        return torch.optim.SGD([p], lr=lr)
    return torch.optim.SGD([p], lr=lr, momentum=beta, dampening=dampening,
                           nesterov=method == O.NESTEROV.key)


def torch_rate(H: np.ndarray, method: str, lr: float, beta: float, *, steps: int,
               seed: int = 0) -> float:
    """Measured contraction per step of the real torch.optim.SGD on ½θᵀHθ − bᵀθ (float64).

    The error is started in the range of H; every few steps error and momentum buffer are
    rescaled together (the dynamics are linear) and projected back onto the range of H (the
    rate is that of the positive-curvature directions; rounding would otherwise seed the
    frozen null directions, which each rescaling amplifies), and log‖(e_t, e_{t-1})‖ is fitted
    by c + t log ρ + k log t over the later part of the run."""
    import torch

    rng = np.random.default_rng(seed)
    n = H.shape[0]
    w, Q = np.linalg.eigh(H)
    Qp = Q[:, w > 1e-10 * max(1.0, float(np.abs(w).max()))]
    star = rng.standard_normal(n)
    b = H @ star
    e0 = Qp @ rng.standard_normal(Qp.shape[1])
    Ht = torch.tensor(H, dtype=torch.float64)
    bt = torch.tensor(b, dtype=torch.float64)
    st = torch.tensor(star, dtype=torch.float64)
    p = torch.tensor(star + e0, dtype=torch.float64, requires_grad=True)
    onto_range = torch.tensor(Qp @ Qp.T, dtype=torch.float64)
    opt = _sgd(p, method, lr, beta)
    offset = 0.0
    prev = p.detach() - st
    logs: list[float] = []
    with torch.no_grad():
        for t in range(1, steps + 1):
            p.grad = Ht @ p - bt
            opt.step()
            e = p - st
            norm = float(torch.sqrt((e * e).sum() + (prev * prev).sum()))
            if norm == 0.0 or not math.isfinite(norm):
                if norm == 0.0:
                    return 0.0
                break
            logs.append(math.log(norm) + offset)
            prev = e.clone()
            if norm < 1e-4 or norm > 1e4:  # keep e far above the precision of θ*
                s = 1.0 / norm
                p.copy_(st + s * (onto_range @ e))
                prev = s * (onto_range @ prev)
                buf = opt.state[p].get("momentum_buffer") if opt.state else None
                if buf is not None:
                    buf.copy_(s * (onto_range @ buf))
                offset += math.log(norm)
    y = np.array(logs)
    t = np.arange(1, len(y) + 1, dtype=float)
    lo = len(y) // 3
    X = np.c_[np.ones(len(y) - lo), t[lo:], np.log(t[lo:])]
    coef, *_ = np.linalg.lstsq(X, y[lo:], rcond=None)
    return float(math.exp(coef[1]))


def _steps_for(rho: float) -> int:
    """Enough steps for the error to change by about e^{-40} (bounded)."""
    if rho <= 0:
        return 60
    lr = abs(math.log(rho)) if rho != 1 else 1e-3
    return int(min(MAX_STEPS, max(300, 40 / max(lr, 1e-9))))


def torch_rate_check(spec: QuadraticDynamicsSpec, solution: PartSolution) -> Check:
    """The real torch.optim.SGD's measured contraction vs every rate answer."""
    import torch

    label = {O.GD.key: "torch.optim.SGD", O.HEAVY_BALL.key: "torch.optim.SGD(momentum)",
             O.NESTEROV.key: "torch.optim.SGD(momentum, nesterov=True)"}[spec.method]
    method = f"real optimizer: {label}, float64, measured contraction per step"
    ans = _answers(solution)
    errs, notes = [], []
    with stopwatch() as watch:
        torch.set_num_threads(1)
        for H, subs in instances(spec, solution):
            lams, _ = _spectrum(H)
            a, b = _alpha_beta(spec, solution, subs, lams)
            runs = []
            if "rate" in ans:
                runs.append(("rate", a if a is not None else 1.0 / float(lams.max()), b or 0.0,
                             _value(ans["rate"].expr, subs)))
            if "spectral radius" in ans:
                runs.append(("regime", a, b or 0.0, _value(ans["spectral radius"].expr, subs)))
            if "optimal rate" in ans:
                opt_a, opt_b, opt_r = solution.facts.optimal
                runs.append(("optimal", _value(opt_a, subs),
                             0.0 if opt_b is None else _value(opt_b, subs),
                             _value(opt_r, subs)))
            for name, lr, beta, claim in runs:
                got = torch_rate(H, spec.method, lr, beta, steps=_steps_for(claim))
                errs.append(abs(got - claim))
                notes.append(f"{name}: measured {got:.6g} vs {claim:.6g}")
    if not errs:
        return Check(method, "inconclusive", "no rate asked", runtime_s=watch.elapsed)
    worst = max(errs)
    return Check(method, "passed" if worst <= RATE_TOL else "failed", "; ".join(notes[:8]) +
                 f" (tolerance {RATE_TOL})", max_error=worst, runtime_s=watch.elapsed,
                 compared="rate")


def stability_check(spec: QuadraticDynamicsSpec, solution: PartSolution,
                    delta: float = 1e-3) -> Check:
    """torch.optim.SGD just below the claimed max step converges, just above diverges."""
    method = (f"real optimizer: torch.optim.SGD at (1 ∓ {delta:g}) × the claimed max step: "
              "converges below, diverges above")
    ans = _answers(solution)
    results, ok = [], True
    worst = 0.0
    with stopwatch() as watch:
        for H, subs in instances(spec, solution)[:1]:
            lams, _ = _spectrum(H)
            _, b = _alpha_beta(spec, solution, subs, lams)
            for bb in ([b] if b is not None else [0.5, 0.9]) if spec.method != O.GD.key else [0.0]:
                amax = _value(ans["max stable step"].expr, {**subs, sympy.Symbol("beta"): bb})
                below = torch_rate(H, spec.method, amax * (1 - delta), bb, steps=700)
                above = torch_rate(H, spec.method, amax * (1 + delta), bb, steps=700)
                ok &= below < 1 < above
                worst = max(worst, below - 1 if below >= 1 else 0, 1 - above if above <= 1 else 0)
                results.append(f"beta={bb:g}: rate {below:.6f} below, {above:.6f} above")
    return Check(method, "passed" if ok else "failed", "; ".join(results), max_error=worst,
                 runtime_s=watch.elapsed, compared="max stable step")


def iterations_check(spec: QuadraticDynamicsSpec, solution: PartSolution) -> Check:
    """GD from the slowest eigenvector: count torch steps until ‖e_t‖ <= eps ‖e_0‖."""
    import torch

    method = "real optimizer: torch.optim.SGD from the worst eigendirection, steps counted"
    ans = _answers(solution)["iterations"]
    eps = float(solution.facts.epsilon)
    errs, notes = [], []
    with stopwatch() as watch:
        for H, subs in instances(spec, solution):
            lams, _ = _spectrum(H)
            a, _ = _alpha_beta(spec, solution, subs, lams)
            if a is None:
                a = _value(solution.facts.optimal[0], subs)
            w, Q = np.linalg.eigh(H)
            pos = w > 1e-10 * max(1.0, float(np.abs(w).max()))
            factors = np.where(pos, np.abs(1 - a * w), -1.0)
            v = Q[:, int(np.argmax(factors))]
            claim = int(round(_value(ans.expr, subs)))
            p = torch.tensor(v, dtype=torch.float64, requires_grad=True)
            opt = torch.optim.SGD([p], lr=a)
            Ht = torch.tensor(H, dtype=torch.float64)
            count, cap = 0, min(200_000, 2 * claim + 100)
            with torch.no_grad():
                while count < cap:
                    p.grad = Ht @ p
                    opt.step()
                    count += 1
                    if float(torch.linalg.norm(p)) <= eps:
                        break
            worst = float(factors.max())
            x = 1.0 if worst == 0 else math.log(eps) / math.log(worst)
            slack = 1 if abs(x - round(x)) < 1e-9 and worst > 0 else 0
            errs.append(max(0, abs(count - claim) - slack))
            notes.append(f"torch count {count} vs answer {claim}")
    worst = float(max(errs))
    return Check(method, "passed" if worst == 0 else "failed", "; ".join(notes), max_error=worst,
                 runtime_s=watch.elapsed, compared="iterations")


def momentum_buffer_check(spec: QuadraticDynamicsSpec, solution: PartSolution) -> Check:
    """torch SGD(momentum) on a linear loss: steady per-step move / gradient = alpha/(1-beta);
    SGD(lr, momentum, dampening) on H follows heavy ball (lr(1-d), momentum) after step 1."""
    import torch

    method = "real optimizer: torch.optim.SGD momentum buffer (steady state, dampening)"
    ans = _answers(solution)
    errs, notes = [], []
    with stopwatch() as watch:
        if "effective step" in ans:
            expr = ans["effective step"].expr
            a_s, b_s = sympy.symbols("alpha beta")
            points = [(float(solution.facts.alpha) if solution.facts.alpha is not None
                       else 0.1, float(solution.facts.beta) if solution.facts.beta
                       is not None else bb) for bb in ([0.5, 0.9] if solution.facts.beta
                                                       is None else [None])]
            for lr, beta in points:
                p = torch.zeros(3, dtype=torch.float64)
                opt = torch.optim.SGD([p.requires_grad_()], lr=lr, momentum=beta)
                g = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64)
                k = min(20_000, int(math.log(1e-15) / math.log(beta)) + 10 if beta > 0 else 5)
                with torch.no_grad():
                    for _ in range(k):
                        before = p.clone()
                        p.grad = g.clone()
                        opt.step()
                move = float(((before - p.detach()) / g).mean())
                claim = _value(expr, {a_s: lr, b_s: beta})
                errs.append(_rel(move, claim))
                notes.append(f"steady move/grad {move:.10g} vs {claim:.10g}")
        if "heavy-ball step" in ans:
            lr, mom, d, _, _ = solution.facts.pytorch
            lr, mom, d = float(lr), float(mom), float(d)
            a_hb = _value(ans["heavy-ball step"].expr, {})
            b_hb = _value(ans["heavy-ball momentum"].expr, {})
            H = _H(spec)
            rng = np.random.default_rng(1)
            x0 = rng.standard_normal(H.shape[0])
            p = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
            opt = torch.optim.SGD([p], lr=lr, momentum=mom, dampening=d)
            Ht = torch.tensor(H, dtype=torch.float64)
            traj = [x0]
            with torch.no_grad():
                for _ in range(200):
                    p.grad = Ht @ p
                    opt.step()
                    traj.append(p.numpy().copy())
            xs = [traj[0], traj[1]]
            for _ in range(199):
                x, xp = xs[-1], xs[-2]
                xs.append(x - a_hb * H @ x + b_hb * (x - xp))
            scale = max(1.0, max(float(np.abs(v).max()) for v in traj))
            err = max(float(np.abs(u - v).max()) for u, v in zip(traj, xs)) / scale
            errs.append(err)
            notes.append(f"torch SGD(lr={lr:g}, momentum={mom:g}, dampening={d:g}) vs heavy ball "
                         f"({a_hb:g}, {b_hb:g}) from step 1: max diff {err:.2g}")
            eff = _value(ans["torch effective step"].expr, {})
            errs.append(_rel(eff, a_hb / (1 - b_hb)))
    worst = max(errs) if errs else 0.0
    return Check(method, "passed" if errs and worst <= 1e-9 else "failed", "; ".join(notes),
                 max_error=worst, runtime_s=watch.elapsed, compared="momentum buffer")


def null_space_check(spec: QuadraticDynamicsSpec, solution: PartSolution) -> Check:
    """torch.optim.SGD on a singular H: the null-space component of θ does not move."""
    import torch

    method = "real optimizer: torch.optim.SGD on singular H, null-space component tracked"
    with stopwatch() as watch:
        H = _H(spec)
        w, Q = np.linalg.eigh(H)
        null = Q[:, np.abs(w) <= 1e-10 * max(1.0, float(np.abs(w).max()))]
        rng = np.random.default_rng(2)
        x0 = rng.standard_normal(H.shape[0])
        p = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
        beta = float(solution.facts.beta or 0.0)
        opt = _sgd(p, spec.method, 1.0 / float(w.max()), beta)
        Ht = torch.tensor(H, dtype=torch.float64)
        with torch.no_grad():
            for _ in range(300):
                p.grad = Ht @ p
                opt.step()
        drift = float(np.abs(null.T @ (p.detach().numpy() - x0)).max()) if null.size else 0.0
    ok = drift <= 1e-12 * max(1.0, float(np.abs(x0).max()))
    return Check(method, "passed" if ok else "failed", f"{null.shape[1]} null direction(s); max "
                 f"change of the null-space component after 300 steps {drift:.2g}",
                 max_error=drift, runtime_s=watch.elapsed, compared="zero-curvature factor 1")


def hessian_check(spec: QuadraticDynamicsSpec, solution: PartSolution) -> Check:
    """The Hessian answer against central second differences of the stated function evaluated
    in float64 at random points (no symbolic differentiation)."""
    from optiproof.families.quadratic_dynamics.solve import function_of

    method = "finite differences: central second differences of the function at 3 random points"
    with stopwatch() as watch:
        expr, xs = function_of(spec)
        f = sympy.lambdify(xs, expr, "numpy")
        claim = np.array([[float(v) for v in row]
                          for row in _answers(solution)["Hessian"].expr.tolist()])
        n, h = len(xs), 1e-2
        rng = np.random.default_rng(3)
        worst = 0.0
        for _ in range(3):
            x0 = rng.uniform(-2.0, 2.0, n)
            E = np.eye(n) * h
            num = np.array([[(f(*(x0 + E[i] + E[j])) - f(*(x0 + E[i] - E[j]))
                              - f(*(x0 - E[i] + E[j])) + f(*(x0 - E[i] - E[j]))) / (4 * h * h)
                             for j in range(n)] for i in range(n)])
            worst = max(worst, float(np.abs(num - claim).max()) / max(1.0, float(np.abs(
                claim).max())))
    ok = worst <= 1e-6
    return Check(method, "passed" if ok else "failed", f"max relative difference {worst:.2g}",
                 max_error=worst, runtime_s=watch.elapsed, compared="Hessian")


def iterates_check(spec: QuadraticDynamicsSpec, solution: PartSolution) -> Check:
    """The asked iterates θ_t against the real torch.optim.SGD run from θ_0 on ½θᵀHθ − bᵀθ in
    float64 (gradient Hθ − b set by hand each step)."""
    import torch

    method = "real optimizer: torch.optim.SGD from θ_0, float64, iterates compared"
    with stopwatch() as watch:
        H = torch.tensor(_H(spec), dtype=torch.float64)
        b = torch.tensor([float(x) for x in spec.b or []], dtype=torch.float64)
        p = torch.tensor([float(x) for x in spec.theta0 or []], dtype=torch.float64,
                         requires_grad=True)
        lr = _value(solution.facts.alpha, {})
        momentum = _value(solution.facts.beta, {}) if spec.method == O.HEAVY_BALL.key else 0.0
        opt = torch.optim.SGD([p], lr=lr, momentum=momentum)
        claims = {int(a.name.split("_")[1]): a for a in solution.answers
                  if a.quantity == "theta-t"}
        values = {int(a.name.split("_")[1].rstrip(")")): a for a in solution.answers
                  if a.quantity == "value-t"}
        offset = _constant_term(spec) if values else 0.0
        worst, seen, seen_values = 0.0, [], []
        with torch.no_grad():
            for t in range(1, max([*claims, *values]) + 1):
                p.grad = H @ p - b
                opt.step()
                if t in claims:
                    got = p.numpy()
                    want = np.array([_value(v, {}) for v in claims[t].expr])
                    scale = max(1.0, float(np.abs(got).max()))
                    worst = max(worst, float(np.abs(got - want).max()) / scale)
                    seen.append(t)
                if t in values:   # the objective at the optimizer's own iterate, in float64
                    fval = float(0.5 * (p @ (H @ p)) - b @ p) + offset
                    want_f = _value(values[t].expr, {})
                    worst = max(worst, abs(fval - want_f) / max(1.0, abs(fval)))
                    seen_values.append(t)
    ok = sorted(seen) == sorted(claims) and sorted(seen_values) == sorted(values) and \
        worst <= 1e-9
    shown = f"iterates t = {sorted(seen)}" + (f", f at t = {sorted(seen_values)}" if values else "")
    return Check(method, "passed" if ok else "failed", f"{shown}: max "
                 f"relative difference {worst:.2g} (lr = {lr:g}, momentum = {momentum:g})",
                 max_error=worst,
                 runtime_s=watch.elapsed, compared="iterates")


def _constant_term(spec: QuadraticDynamicsSpec) -> float:
    """f(0) of the written function (its constant term; 0 for ½θᵀHθ − bᵀθ), in floating point."""
    if spec.function is None:
        return 0.0
    from optiproof.core.mathparse import try_parse_math

    expr = try_parse_math(spec.function)
    if expr is None:
        return float("nan")
    return float(expr.subs({x: 0 for x in expr.free_symbols}))


SPECTRAL_ANSWERS = {"minimiser", "converges", "eigenvalues of H", "smoothness constant",
                    "slowest direction",
                    "strong convexity constant",
                    "condition number", "max stable step", "optimal step", "optimal momentum",
                    "optimal rate", "rate",
                    "spectral radius", "iterations", "iteration matrix", "per-direction factor",
                    "zero-curvature directions"}
"""Answers the numpy spectral check covers (momentum-buffer answers have their own witness)."""


def witnesses(spec: QuadraticDynamicsSpec, solution: PartSolution,
              options: SolveOptions = SolveOptions()) -> list[tuple[str, Callable[[], Check]]]:
    """The witnesses that apply to this part's asks, as (method, thunk) pairs."""
    ans = _answers(solution)
    out: list[tuple[str, Callable[[], Check]]] = []
    if any(a.quantity in ("theta-t", "value-t") for a in solution.answers):
        out.append(("torch iterates", lambda: iterates_check(spec, solution)))
    if "Hessian" in ans and spec.function is not None:
        out.append(("finite-difference Hessian", lambda: hessian_check(spec, solution)))
    if set(ans) & SPECTRAL_ANSWERS:
        out.append(("numpy spectra", lambda: spectral_check(spec, solution)))
    big = spec.n > 512
    if not big and ({"rate", "optimal rate", "spectral radius"} & set(ans)):
        out.append(("torch contraction", lambda: torch_rate_check(spec, solution)))
    if not big and "max stable step" in ans:
        out.append(("torch stability boundary", lambda: stability_check(spec, solution)))
    if not big and spec.method == O.GD.key and "iterations" in ans and \
            ans["iterations"].expr is not None:
        out.append(("torch iterations", lambda: iterations_check(spec, solution)))
    if {"effective step", "heavy-ball step"} & set(ans):
        out.append(("torch momentum buffer", lambda: momentum_buffer_check(spec, solution)))
    if not big and solution.facts.zero_curvature:
        out.append(("torch null space", lambda: null_space_check(spec, solution)))
    return out
