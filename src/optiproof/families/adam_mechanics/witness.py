"""Independent witnesses of an Adam-mechanics part: the real ``torch.optim`` optimizers.

Every check steps the real ``torch.optim.Adam`` / ``AdamW`` / ``RMSprop`` in float64 on given or
seeded random gradients (gradients are written into ``p.grad`` directly, so the optimizer alone
decides the step) and compares what it does - its steps and its state ``exp_avg`` /
``exp_avg_sq`` / ``square_avg`` - with the part's *answers*, evaluated numerically. Symbols are
replaced by a few representative values (stated in the detail). Bias correction is checked by
Monte Carlo: 10^5 independent coordinates of one Adam run, tolerance 4 standard errors, fixed seed.
All loops are bounded (at most a few hundred steps on at most 10^5 coordinates).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import sympy

from optiproof.catalogue import OptimizerEntry
from optiproof.catalogue import optimizers as O
from optiproof.catalogue import quantities as asked
from optiproof.core.evidence import Check
from optiproof.core.options import SolveOptions
from optiproof.core.solution import Answer, PartSolution
from optiproof.families.adam_mechanics.given import (DECOUPLED_FIRST_STEP, DECOUPLED_STEP,
                                                     L2_FIRST_STEP, L2_STEP)
from optiproof.families.adam_mechanics.spec import RUN_ASKS, AdamMechanicsSpec
from optiproof.families.adam_mechanics.symbols import (MHAT, MU, NU, VHAT, VHAT_I, Quantities,
                                                       g, quantities)

RTOL = 1e-9
"""Relative tolerance of deterministic comparisons (float64 optimizer vs exact answer)."""
MC_SAMPLES = 100_000
MC_SIGMAS = 4.0
MC_MAX_T = 200
LIMIT_RUN_T = 400
"""Longest run of the step-bound limit check (the extremal sequence's closed form does the rest)."""
"""Monte Carlo: independent samples, tolerance in standard errors, largest step simulated."""
CASES = [(1e-3, 0.9, 0.999), (0.1, 0.5, 0.9), (2.5, 0.0, 0.99), (0.05, 0.95, 0.5)]
"""(alpha, beta1, beta2) substituted for symbols; the last has beta1^2 > beta2."""
EPS_DEFAULT = 1e-8
EPS_ZERO = 1e-300
"""Stands for eps = 0 in torch runs: it changes no step at the gradient scales used (|g| >=
1e-130) but keeps a zero gradient entry from producing 0/0."""


# --------------------------------------------------------------------------- helpers

def _answer(solution: PartSolution, name: str) -> Answer:
    for a in solution.answers:
        if a.name == name:
            return a
    raise KeyError(f"no answer named {name}")


def _cases(Q: Quantities, *, need_beta2_positive: bool = False) -> list[dict[str, float]]:
    """Numeric (alpha, beta1, beta2, eps, c, lam) settings: the given numbers, symbols replaced."""
    out = []
    for a, b1, b2 in CASES:
        case = {"alpha": _num(Q.alpha, a), "beta1": _num(Q.beta1, b1), "beta2": _num(Q.beta2, b2),
                "eps": _num(Q.eps, EPS_DEFAULT), "c": _num(Q.c, 7.5), "lam": _num(Q.lam, 0.1)}
        if need_beta2_positive and case["beta2"] <= 0:
            continue
        if case not in out:
            out.append(case)
    return out


def _num(x: Any, default: float) -> float:
    x = sympy.sympify(x)
    return default if x.free_symbols else float(x)


def _subs(Q: Quantities, case: dict[str, float]) -> dict:
    out = {}
    for name in ("alpha", "beta1", "beta2", "eps", "c", "lam"):
        sym = getattr(Q, name)
        if isinstance(sym, sympy.Symbol):
            out[sym] = sympy.Float(case[name], 30)
    out.setdefault(Q.lr, sympy.Float(case["alpha"], 30))    # the learning rate's letter
    return out


def _evaluate(expr: Any, values: dict) -> Any:
    """Substitute and evaluate to float (a scalar or a numpy array)."""
    got = sympy.sympify(expr).subs(values) if not isinstance(expr, sympy.MatrixBase) else \
        expr.subs(values)
    if isinstance(got, sympy.MatrixBase):
        return np.array([float(sympy.N(v, 30)) for v in got], dtype=np.float64)
    return float(sympy.N(got.doit(), 30))


def _entrywise(expr: Any, values: dict, symbol: sympy.Symbol, data: np.ndarray) -> np.ndarray:
    """Evaluate ``expr`` (a scalar in ``symbol``) at every entry of ``data``."""
    f = sympy.lambdify(symbol, sympy.sympify(expr).subs(values), "numpy")
    return np.broadcast_to(np.asarray(f(data), dtype=np.float64), data.shape).copy()


def _sequence_values(expr: Any, values: dict, T: int, G: np.ndarray) -> np.ndarray:
    """Evaluate an unrolled-sum answer (in g(s), t) at t = T on gradients G (T x d), per coord.

    ``g(s)`` is bound to row ``s`` of ``G``; SymPy's lambdify turns the ``Sum`` into a loop."""
    e = sympy.sympify(expr).subs(values)
    e = e.subs({s: T for s in e.free_symbols if s.name == "t"})
    f = sympy.lambdify([], e, modules=[{"g": lambda s: G[int(s) - 1]}, "numpy"])
    return np.broadcast_to(np.asarray(f(), dtype=np.float64), G.shape[1:]).copy()


def _rel(a: np.ndarray, b: np.ndarray, scale: Any = 0.0) -> float:
    """max |a - b| / max(|b|, scale): relative where b is large, absolute against ``scale``
    (the size of the terms that produced b, entrywise or one number) where b is 0."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    floor = np.maximum(np.abs(b), np.maximum(scale, np.finfo(np.float64).tiny))
    return float(np.max(np.abs(a - b) / floor))


def _check(method: str, err: float, tol: float, detail: str, start: float,
           compared: str = "") -> Check:
    ok = bool(np.isfinite(err) and err <= tol)
    return Check(method, "passed" if ok else "failed",
                 f"{detail}; max error {err:.3g} (tolerance {tol:.0e})", max_error=err,
                 runtime_s=time.perf_counter() - start, compared=compared)


def torch_run(kind: OptimizerEntry, grads: np.ndarray, *, lr: float, beta1: float = 0.9,
              beta2: float = 0.999, eps: float = 0.0, weight_decay: float = 0.0,
              theta0: np.ndarray | None = None) -> tuple[np.ndarray, dict]:
    """Step the real torch optimizer on the gradient rows of ``grads`` (T x d), float64.

    Returns the trajectory (T+1 x d) and the final optimizer state as numpy arrays.
    """
    import torch

    T, d = grads.shape
    p = torch.zeros(d, dtype=torch.float64) if theta0 is None else torch.tensor(
        theta0, dtype=torch.float64)
    p.requires_grad_(True)
    if kind is O.ADAM:
        opt: Any = torch.optim.Adam([p], lr=lr, betas=(beta1, beta2), eps=eps,
                                    weight_decay=weight_decay, foreach=False)
    elif kind is O.ADAMW:
        opt = torch.optim.AdamW([p], lr=lr, betas=(beta1, beta2), eps=eps,
                                weight_decay=weight_decay, foreach=False)
    elif kind is O.RMSPROP:
        opt = torch.optim.RMSprop([p], lr=lr, alpha=beta2, eps=eps, weight_decay=weight_decay,
                                  foreach=False)
    elif kind is O.ADAGRAD:
        opt = torch.optim.Adagrad([p], lr=lr, lr_decay=0, eps=eps, weight_decay=weight_decay,
                                  initial_accumulator_value=0, foreach=False)
    else:
        raise ValueError(kind.key)
    traj = np.empty((T + 1, d))
    traj[0] = p.detach().numpy()
    G = torch.tensor(grads, dtype=torch.float64)
    for k in range(T):
        p.grad = G[k].clone()
        opt.step()
        traj[k + 1] = p.detach().numpy()
    state = {k: v.detach().numpy().copy() for k, v in opt.state[p].items()
             if isinstance(v, torch.Tensor) and v.ndim > 0}
    return traj, state


def _random_gradients(rng: np.random.Generator, T: int, d: int) -> np.ndarray:
    """Signs random, magnitudes log-uniform over 8 decades, never zero."""
    mag = 10.0 ** rng.uniform(-4, 4, size=(T, d))
    return mag * rng.choice([-1.0, 1.0], size=(T, d))


# --------------------------------------------------------------------------- per ask

def _w_update_rule(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
                   opts: SolveOptions) -> list[tuple[str, Callable[[], Check]]]:
    rms = spec.entry is O.RMSPROP
    name = spec.entry.torch

    def random_run() -> Check:
        start = time.perf_counter()
        rng = np.random.default_rng(opts.seed)
        worst, lines = 0.0, []
        T = 9 if isinstance(Q.t, sympy.Symbol) else min(int(Q.t), 2000)
        if not isinstance(Q.t, sympy.Symbol) and int(Q.t) > 2000:
            return Check(f"torch.optim.{name} state and step vs the unrolled rule",
                         "inconclusive", f"t = {Q.t} is over the 2000 steps this witness runs",
                         runtime_s=time.perf_counter() - start)
        for case in _cases(Q)[:3]:
            d = 6
            G = rng.normal(size=(T, d)) * rng.choice([0.01, 1.0, 100.0], size=(1, d))
            traj, state = torch_run(spec.entry, G, lr=case["alpha"],
                                    beta1=case["beta1"], beta2=case["beta2"], eps=case["eps"])
            vals = _subs(Q, case)
            v_meas = state["square_avg" if rms else "exp_avg_sq"]
            v_pred = _sequence_values(_answer(sol, "v_t").expr, vals, T, G)
            errs = [_rel(v_meas, v_pred)]
            if not rms:
                m_meas = state["exp_avg"]
                m_pred = _sequence_values(_answer(sol, "m_t").expr, vals, T, G)
                errs.append(_rel(m_meas, m_pred))
                b1, b2 = case["beta1"], case["beta2"]
                upd = _answer(sol, "update").expr.subs(vals)
                f = sympy.lambdify((MHAT, VHAT), upd.subs(Q.t, T) if isinstance(Q.t, sympy.Symbol)
                                   else upd, "numpy")
                step_pred = f(m_meas / (1 - b1 ** T), v_meas / (1 - b2 ** T))
            else:
                upd = _answer(sol, "update").expr.subs(vals)
                gT = sympy.Symbol("gT")
                upd = upd.replace(lambda x: isinstance(x, g), lambda x: gT)
                vt = [s for s in upd.free_symbols if s.name == "v_t"][0]
                f = sympy.lambdify((gT, vt), upd, "numpy")
                step_pred = f(G[-1], v_meas)
            errs.append(_rel(traj[-1] - traj[-2], step_pred))
            worst = max(worst, *errs)
            lines.append(f"alpha={case['alpha']:g}, beta1={case['beta1']:g}, "
                         f"beta2={case['beta2']:g}, eps={case['eps']:g}")
        return _check(f"torch.optim.{name} state and step vs the unrolled rule", worst, RTOL,
                      f"{len(lines)} runs of {T} steps on 6 coordinates ({'; '.join(lines)}): "
                      "exp_avg/exp_avg_sq and the last step vs the answers", start,
                      "m_t, v_t, update")

    out = [(f"torch.optim.{name}: state and step vs the unrolled rule", random_run)]
    facts = sol.facts
    if facts.sequence is not None:
        def given_run() -> Check:
            start = time.perf_counter()
            G = np.array(facts.sequence, dtype=np.float64)
            c = _cases(Q)[0]
            traj, state = torch_run(spec.entry, G, lr=c["alpha"],
                                    beta1=c["beta1"], beta2=c["beta2"],
                                    eps=facts.eps_used or EPS_ZERO)
            want = np.array(_answer(sol, "displacement").value, dtype=np.float64)
            # a sum of steps is exact only to the size of its terms (it may cancel to 0)
            err = _rel(traj[-1] - traj[0], want, np.abs(np.diff(traj, axis=0)).sum(axis=0))
            v_want = np.array(_answer(sol, "v_T").value, dtype=np.float64)
            err = max(err, _rel(state["square_avg" if rms else "exp_avg_sq"], v_want))
            return _check(f"torch.optim.{name} on the given gradients", err, RTOL,
                          f"{G.shape[0]} steps on {G.shape[1]} coordinates"
                          + (" (eps = 0 run as 1e-300)" if not facts.eps_used else "")
                          + "; theta_T - theta_0 "
                          f"measured {np.round(traj[-1] - traj[0], 10).tolist()[:6]}", start,
                          "displacement, v_T")
        out.append((f"torch.optim.{name} on the given gradients", given_run))
    if any(a.name == "step, constant gradient" for a in sol.answers):
        out.append((f"torch.optim.{name} under a constant gradient", lambda: _constant_steps(
            spec, sol, Q, opts)))
    return out


def _constant_steps(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
                    opts: SolveOptions) -> Check:
    """torch's steps under one gradient repeated 30 times (gradients over 8 decades, of the
    stated sign or of both signs) against the answer's step at each t."""
    start = time.perf_counter()
    ans = _answer(sol, "step, constant gradient")
    if isinstance(ans.expr, sympy.MatrixBase):
        return _given_constant_steps(spec, ans, Q)
    expr = sympy.sympify(ans.expr)
    rng = np.random.default_rng(opts.seed + 7)
    worst = 0.0
    for case in _cases(Q)[:2]:
        g = _random_gradients(rng, 1, 20)[0]
        g = g[g != 0]
        if spec.gradient_sign is not None:
            g = spec.gradient_sign * np.abs(g)
        T = 30
        traj, _ = torch_run(spec.entry, np.tile(g, (T, 1)), lr=case["alpha"],
                            beta1=case["beta1"], beta2=case["beta2"], eps=EPS_ZERO)
        steps = np.diff(traj, axis=0)
        vals = _subs(Q, case)
        sym_g = next((s for s in expr.free_symbols if s.name == "g"), None)
        sym_t = next((s for s in expr.free_symbols if s.name == "t"), None)
        for k in range(T):
            at = {**vals, **({sym_t: k + 1} if sym_t is not None else {})}
            pred = np.array([float(expr.subs({**at, **({sym_g: x} if sym_g is not None
                                                           else {})}))
                             for x in g])
            worst = max(worst, _rel(steps[k], pred))
    return _check(f"torch.optim.{spec.entry.torch} under a constant gradient (eps = 0) vs the "
                  "step answer", worst, RTOL, "30 steps, 20 gradient entries over 8 decades"
                  + ("" if spec.gradient_sign is None else
                     f" of sign {spec.gradient_sign:+d}"), start, "step, constant gradient")


def _given_constant_steps(spec: AdamMechanicsSpec, ans: Answer, Q: Quantities) -> Check:
    """torch's steps on the given gradient repeated (at the given hyper-parameters, 60 steps)
    against the answer's step at each t."""
    start = time.perf_counter()
    g = _given_gradients(spec)[0]
    T = 60
    case = _cases(Q)[0]
    traj, _ = torch_run(spec.entry, np.tile(g, (T, 1)), lr=case["alpha"], beta1=case["beta1"],
                        beta2=case["beta2"], eps=case["eps"] or EPS_ZERO)
    steps = np.diff(traj, axis=0)
    expr = ans.expr.subs(_subs(Q, case))
    sym_t = next((s for s in expr.free_symbols if s.name == "t"), None)
    worst = max(_rel(steps[k], _evaluate(expr.subs({sym_t: k + 1}) if sym_t is not None
                                         else expr, {})) for k in range(T))
    return _check(f"torch.optim.{spec.entry.torch} on the given gradient repeated vs the step "
                  "answer", worst, RTOL, f"{T} steps of g = {np.round(g, 10).tolist()[:6]}",
                  start, "step, constant gradient")


def _w_bias(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
            opts: SolveOptions) -> list[tuple[str, Callable[[], Check]]]:
    def monte_carlo() -> Check:
        import torch

        start = time.perf_counter()
        gen = torch.Generator().manual_seed(opts.seed + 12345)
        mu, sigma = 0.5, 1.0
        nu = mu ** 2 + sigma ** 2
        ts = [int(Q.t)] if not isinstance(Q.t, sympy.Symbol) else [1, 3, 10]
        ts = [min(t, MC_MAX_T) for t in ts]
        worst_z, lines = 0.0, []
        for case in _cases(Q)[:2]:
            b1, b2 = case["beta1"], case["beta2"]
            p = torch.zeros(MC_SAMPLES, dtype=torch.float64, requires_grad=True)
            opt = torch.optim.Adam([p], lr=1e-3, betas=(b1, b2), eps=1e-8, foreach=False)
            vals = {**_subs(Q, case), MU: mu, NU: nu}
            for step in range(1, max(ts) + 1):
                p.grad = mu + sigma * torch.randn(MC_SAMPLES, dtype=torch.float64, generator=gen)
                opt.step()
                if step not in ts:
                    continue
                st = opt.state[p]
                for key, ans in (("exp_avg", "E_m_t"), ("exp_avg_sq", "E_v_t")):
                    x = st[key].numpy()
                    claim = float(sympy.N(sympy.sympify(_answer(sol, ans).expr).subs(vals).subs(
                        {s: step for s in sympy.sympify(_answer(sol, ans).expr).free_symbols
                         if s.name == "t"}), 30))
                    se = float(x.std(ddof=1) / np.sqrt(x.size))
                    z = abs(float(x.mean()) - claim) / se if se > 0 else (
                        0.0 if abs(float(x.mean()) - claim) < 1e-15 else np.inf)
                    worst_z = max(worst_z, z)
                    lines.append(f"{key[4:]}: t={step}, beta=({b1:g},{b2:g}): mean "
                                 f"{x.mean():.5f} vs {claim:.5f} ({z:.2f} SE)")
        ok = worst_z <= MC_SIGMAS
        return Check("Monte Carlo: torch.optim.Adam moments vs E[m_t], E[v_t]",
                     "passed" if ok else "failed",
                     f"{MC_SAMPLES} independent coordinates, g ~ N({mu}, {sigma}^2) so mu = {mu}, "
                     f"nu = {nu}; seed {opts.seed + 12345}; tolerance {MC_SIGMAS:g} standard "
                     f"errors; worst {worst_z:.2f} SE. " + "; ".join(lines[:8]),
                     max_error=worst_z, runtime_s=time.perf_counter() - start,
                     compared="E_m_t, E_v_t (in standard errors)")

    return [("Monte Carlo: torch.optim.Adam moments vs E[m_t], E[v_t]", monte_carlo)]


def _w_first_step(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
                  opts: SolveOptions) -> list[tuple[str, Callable[[], Check]]]:
    kind = spec.entry
    if not any(a.name == "first_step" for a in sol.answers):
        return []   # the first steps with weight decay are the decay witness's

    def first() -> Check:
        start = time.perf_counter()
        rng = np.random.default_rng(opts.seed + 1)
        ans = _answer(sol, "first_step")
        size = _answer(sol, "first_step_size")
        worst, lines = 0.0, []
        for case in _cases(Q)[:3]:
            vals = _subs(Q, case)
            if isinstance(Q.g, sympy.MatrixBase):
                gv = np.array([float(x) for x in Q.g], dtype=np.float64)
                pred = _evaluate(ans.expr, vals)
            else:
                gv = _random_gradients(rng, 1, 500)[0]
                g1 = next(iter(s for s in sympy.sympify(ans.expr).free_symbols
                               if s.name == "g_1"))
                pred = _entrywise(ans.expr, vals, g1, gv)
            nz = gv != 0
            traj, _ = torch_run(kind, gv[None, :], lr=case["alpha"], beta1=case["beta1"],
                                beta2=case["beta2"], eps=EPS_ZERO)
            step = traj[1] - traj[0]
            err = _rel(step[nz], pred[nz])
            err = max(err, _rel(np.abs(step[nz]), np.full(nz.sum(), _evaluate(size.expr, vals))))
            worst = max(worst, err)
            lines.append(f"alpha={case['alpha']:g}, betas=({case['beta1']:g}, "
                         f"{case['beta2']:g}): |step| in [{np.abs(step[nz]).min():.6g}, "
                         f"{np.abs(step[nz]).max():.6g}]")
        return _check(f"torch.optim.{kind.torch} first step (eps = 0) vs "
                      "the answer", worst, RTOL,
                      ("given gradient" if isinstance(Q.g, sympy.MatrixBase) else
                       "500 random gradient entries over 8 decades") + " (zero entries skipped: "
                      "0/0 at eps = 0); " + "; ".join(lines), start, "first_step, first_step_size")

    out = [("first step of the real optimizer", first)]
    if any(a.name == "first_step_any_gradient" for a in sol.answers):
        def any_gradient() -> Check:
            start = time.perf_counter()
            rng = np.random.default_rng(opts.seed + 2)
            ans = _answer(sol, "first_step_any_gradient")
            g1 = next(s for s in sympy.sympify(ans.expr).free_symbols if s.name == "g_1")
            worst, lines = 0.0, []
            for case in _cases(Q)[:3]:
                gv = _random_gradients(rng, 1, 500)[0]
                nz = gv != 0
                values = {**_subs(Q, case), Q.lr: sympy.Float(case["alpha"], 30)}
                pred = _entrywise(ans.expr, values, g1, gv)
                traj, _ = torch_run(kind, gv[None, :], lr=case["alpha"], beta1=case["beta1"],
                                    beta2=case["beta2"], eps=EPS_ZERO)
                err = _rel((traj[1] - traj[0])[nz], pred[nz])
                worst = max(worst, err)
                lines.append(f"alpha={case['alpha']:g}: max rel. error {err:.2g}")
            return _check(f"torch.optim.{kind.torch} first step on random gradients (eps = 0) "
                          "vs the answer for any g_1", worst, RTOL,
                          "500 random gradient entries over 8 decades; " + "; ".join(lines),
                          start, "first_step_any_gradient")
        out.append(("first step for any gradient", any_gradient))
    if any(a.name == "first_step_eps" for a in sol.answers):
        def with_eps() -> Check:
            start = time.perf_counter()
            case = _cases(Q)[0]
            gv = np.array([float(x) for x in Q.g], dtype=np.float64)
            traj, _ = torch_run(kind, gv[None, :], lr=case["alpha"], beta1=case["beta1"],
                                beta2=case["beta2"], eps=case["eps"])
            pred = _evaluate(_answer(sol, "first_step_eps").expr, _subs(Q, case))
            err, compared = _rel(traj[1] - traj[0], pred), "first_step_eps"
            if any(a.name == "first_step_size_eps" for a in sol.answers):
                size = np.atleast_1d(_evaluate(_answer(sol, "first_step_size_eps").expr,
                                               _subs(Q, case))).astype(np.float64)
                err = max(err, _rel(np.abs(traj[1] - traj[0]),
                                    np.broadcast_to(size, gv.shape)))
                compared += ", first_step_size_eps"
            if any(a.name == "first_step_fraction_of_lr" for a in sol.answers):
                share = np.atleast_1d(_evaluate(_answer(sol, "first_step_fraction_of_lr").expr,
                                                _subs(Q, case))).astype(np.float64)
                err = max(err, _rel(np.abs(traj[1] - traj[0]) / case["alpha"],
                                    np.broadcast_to(share, gv.shape)))
                compared += ", first_step_fraction_of_lr"
            return _check("first step with the given eps", err, RTOL,
                          f"eps = {case['eps']:g}", start, compared)
        if isinstance(Q.g, sympy.MatrixBase):
            out.append(("first step with the given eps", with_eps))
    return out


def _w_scaling(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
               opts: SolveOptions) -> list[tuple[str, Callable[[], Check]]]:
    def twice() -> Check:
        start = time.perf_counter()
        rng = np.random.default_rng(opts.seed + 2)
        cs = [_num(Q.c, 0)] if not Q.c.free_symbols else [1e-3, 7.5, 1e4]
        worst, lines = 0.0, []
        ratio = next((a for a in sol.answers if a.name == "ratio_eps0"), None)
        for case in _cases(Q)[:2]:
            G = _random_gradients(rng, 25, 40)
            base, _ = torch_run(O.ADAM, G, lr=case["alpha"], beta1=case["beta1"],
                                beta2=case["beta2"], eps=EPS_ZERO)
            for c in cs:
                scaled, _ = torch_run(O.ADAM, c * G, lr=case["alpha"], beta1=case["beta1"],
                                      beta2=case["beta2"], eps=EPS_ZERO)
                d_base, d_scaled = np.diff(base, axis=0), np.diff(scaled, axis=0)
                want = 1.0 if ratio is None else _evaluate(
                    ratio.expr, {**_subs(Q, case), **({Q.c: c} if Q.c.free_symbols else {})})
                err = _rel(d_scaled / d_base, np.full(d_base.shape, want))
                worst = max(worst, err)
                lines.append(f"c={c:g}: max |ratio-1| {np.abs(d_scaled / d_base - 1).max():.2e}")
        return _check("torch.optim.Adam run on g and on c*g (eps = 0)", worst, 1e-8,
                      "25 steps x 40 coordinates, 2 hyper-parameter settings; every step ratio "
                      "vs the answer; " + "; ".join(lines), start, "ratio_eps0")

    def with_eps() -> Check:
        start = time.perf_counter()
        rng = np.random.default_rng(opts.seed + 3)
        case = _cases(Q)[0]
        eps = case["eps"] if case["eps"] > 0 else 1e-3
        c = _num(Q.c, 7.5)
        G = _random_gradients(rng, 15, 30) * 1e-6
        base, st = torch_run(O.ADAM, G, lr=case["alpha"], beta1=case["beta1"],
                             beta2=case["beta2"], eps=eps)
        scaled, _ = torch_run(O.ADAM, c * G, lr=case["alpha"], beta1=case["beta1"],
                              beta2=case["beta2"], eps=eps)
        T = G.shape[0]
        vals = {**_subs(Q, case), **({Q.eps: eps} if isinstance(Q.eps, sympy.Symbol) else {})}
        f = sympy.lambdify((MHAT, VHAT), sympy.sympify(_answer(sol, "scaled_update").expr).subs(
            vals), "numpy")
        pred = f(st["exp_avg"] / (1 - case["beta1"] ** T), st["exp_avg_sq"] /
                 (1 - case["beta2"] ** T))
        err = _rel(scaled[-1] - scaled[-2], pred)
        return _check("torch.optim.Adam on c*g with eps > 0 vs the scaled-update answer", err,
                      1e-8, f"c={c:g}, eps={eps:g}, gradients ~1e-6 so eps matters; the scaled "
                      "run's last step vs the answer evaluated on the unscaled run's state",
                      start, "scaled_update")

    def changes() -> Check:
        """torch.optim.Adam on g and on c g with the given eps > 0: whether any step differs
        (the given gradient when there is one, else random ones), against the yes/no answer."""
        start = time.perf_counter()
        claim = next(a for a in sol.answers if a.name == "the updates change")
        rng = np.random.default_rng(opts.seed + 6)
        case = _cases(Q)[0]
        G = np.array([[float(x) for x in Q.g]]) if isinstance(Q.g, sympy.MatrixBase) else \
            _random_gradients(rng, 10, 20)
        cs = [_num(Q.c, 0)] if not Q.c.free_symbols else [1e-3, 7.5, 1e4]
        wrong, lines = 0.0, []
        for c in cs:
            base, _ = torch_run(O.ADAM, G, lr=case["alpha"], beta1=case["beta1"],
                                beta2=case["beta2"], eps=case["eps"])
            scaled, _ = torch_run(O.ADAM, c * G, lr=case["alpha"], beta1=case["beta1"],
                                  beta2=case["beta2"], eps=case["eps"])
            d_base, d_scaled = np.diff(base, axis=0), np.diff(scaled, axis=0)
            gap = float(np.max(np.abs(d_scaled - d_base) / np.maximum(np.abs(d_base), 1e-300)))
            differs = gap > 1e-12
            said = bool(claim.value) if not Q.c.free_symbols else bool(
                sympy.sympify(claim.expr).subs(Q.c, sympy.Float(c)))
            wrong = max(wrong, 0.0 if said == differs else 1.0)
            lines.append(f"c={c:g}: max relative step change {gap:.2e}")
        return _check(f"torch.optim.Adam on g and on c*g with eps = {case['eps']:g}: does a "
                      "step change", wrong, 0.5, "; ".join(lines), start, "the updates change")

    out = [("loss-scale invariance (torch.optim.Adam twice)", twice)]
    if not (Q.eps_given and Q.eps == 0):
        out.append(("scaled update with eps > 0", with_eps))
    if Q.eps_given and Q.eps != 0 and any(a.name == "the updates change" for a in sol.answers):
        out.append(("does the step change with eps > 0 (torch.optim.Adam twice)", changes))
    return out


def _w_sign(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
            opts: SolveOptions) -> list[tuple[str, Callable[[], Check]]]:
    def sign() -> Check:
        start = time.perf_counter()
        rng = np.random.default_rng(opts.seed + 4)
        ans = _answer(sol, "sign_limit_step")
        worst, cert = 0.0, 0.0
        for case in _cases(Q)[:2]:
            vals = _subs(Q, case)
            if isinstance(Q.g, sympy.MatrixBase):
                gv = np.array([float(x) for x in Q.g])
                G = np.vstack([gv, _random_gradients(rng, 20, gv.size)])
            else:
                G = _random_gradients(rng, 20, 300)
            traj, _ = torch_run(spec.entry, G, lr=case["alpha"], beta1=0.0, beta2=0.0,
                                eps=EPS_ZERO)
            steps = np.diff(traj, axis=0)
            for k in range(G.shape[0]):
                nz = G[k] != 0
                if isinstance(Q.g, sympy.MatrixBase):
                    if k == 0:
                        worst = max(worst, _rel(steps[0], _evaluate(ans.expr, vals)))
                else:
                    gt = next(s for s in sympy.sympify(ans.expr).free_symbols if s.name == "g_t")
                    worst = max(worst, _rel(steps[k][nz], _entrywise(ans.expr, vals, gt,
                                                                      G[k])[nz]))
                # Hoelder certificate: g.d = -alpha ||g||_1 and ||d||_inf <= alpha
                a = case["alpha"]
                d = steps[k][nz]
                gk = G[k][nz]
                cert = max(cert, abs(gk @ d + a * np.abs(gk).sum()) / (a * np.abs(gk).sum()),
                           max(0.0, np.abs(d).max() / a - 1))
        ok_err = max(worst, cert)
        return _check(f"torch.optim.{spec.entry.torch}" + ("(alpha=0, eps=0)" if spec.entry is
                      O.RMSPROP else "(betas=(0, 0), eps=0)") + " vs -alpha sign(g)", ok_err, RTOL,
                      f"21 steps, random gradients over 8 decades; steps vs the answer "
                      f"(max rel. error {worst:.2e}) and the l_inf-ball certificate g^T d = "
                      f"-alpha ||g||_1 with ||d||_inf <= alpha (max rel. gap {cert:.2e})", start,
                      "sign_limit_step")

    out = [("sign-descent limit of torch.optim.Adam", sign)]
    if any(a.name == "sign_limit_step_any_gradient" for a in sol.answers):
        out.append(("sign-descent limit for any gradient",
                    lambda: _sign_any_gradient(spec, sol, Q, opts)))
    return out


def _sign_any_gradient(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
                       opts: SolveOptions) -> Check:
    """The no-memory limit's update for any g_t against torch's steps on 20 random gradients."""
    begun = time.perf_counter()
    expr = sympy.sympify(_answer(sol, "sign_limit_step_any_gradient").expr)
    gt = next(s for s in expr.free_symbols if s.name == "g_t")
    rng = np.random.default_rng(opts.seed + 5)
    worst = 0.0
    for case in _cases(Q)[:2]:
        G = _random_gradients(rng, 20, 300)
        traj, _ = torch_run(spec.entry, G, lr=case["alpha"], beta1=0.0, beta2=0.0, eps=EPS_ZERO)
        at = {**_subs(Q, case), Q.lr: sympy.Float(case["alpha"], 30)}
        for k, step in enumerate(np.diff(traj, axis=0)):
            nz = G[k] != 0
            worst = max(worst, _rel(step[nz], _entrywise(expr, at, gt, G[k])[nz]))
    return _check(f"torch.optim.{spec.entry.torch} with no memory on random gradients vs the "
                  "answer for any g_t", worst, RTOL, f"20 steps of 300 random gradient entries "
                  f"over 8 decades (max rel. error {worst:.2e})", begun,
                  "sign_limit_step_any_gradient")


def _w_first_step_method(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
                         opts: SolveOptions) -> list[tuple[str, Callable[[], Check]]]:
    """The real first step is a sign-descent step: every moving coordinate moves by one eta
    (alpha; RMSprop alpha/sqrt(1 - rho), computed here), and g^T d = -eta ||g||_1 (the l_inf-ball
    minimiser, Hoelder's equality)."""
    if asked.SIGN_LIMIT.key in spec.asks:
        return []
    if spec.is_rmsprop_form:
        return [("Adam with beta1 = 0 and no bias correction is torch.optim.RMSprop",
                 lambda: _rmsprop_form(Q, opts))]

    def certificate() -> Check:
        start = time.perf_counter()
        rng = np.random.default_rng(opts.seed + 12)
        worst, lines = 0.0, []
        for case in _cases(Q)[:3]:
            a, b2 = case["alpha"], case["beta2"]
            eta = a / math.sqrt(1 - b2) if spec.entry is O.RMSPROP else a
            G = [_random_gradients(rng, 1, 200)[0]]
            if isinstance(Q.g, sympy.MatrixBase):
                G.append(np.array([float(x) for x in Q.g]))
            for gv in G:
                traj, _ = torch_run(spec.entry, gv[None, :], lr=a, beta1=case["beta1"],
                                    beta2=b2, eps=EPS_ZERO)
                d, nz = traj[1] - traj[0], gv != 0
                l1 = np.abs(gv[nz]).sum()
                worst = max(worst, _rel(np.abs(d[nz]), np.full(nz.sum(), eta)),
                            abs(gv @ d + eta * l1) / (eta * l1))
            lines.append(f"alpha={a:g}, betas=({case['beta1']:g}, {b2:g}): eta={eta:.10g}")
        return _check(f"torch.optim.{spec.entry.torch} first step vs one sign-descent step",
                      worst, RTOL, "200 random gradient entries over 8 decades"
                      + (" and the given gradient" if isinstance(Q.g, sympy.MatrixBase) else "")
                      + "; |d_i| = eta and the l_inf-ball certificate g^T d = -eta ||g||_1; "
                      + "; ".join(lines), start, "identification")

    return [("the first step is a sign-descent step", certificate)]


def _rmsprop_form(Q: Quantities, opts: SolveOptions) -> Check:
    """The real torch.optim.RMSprop (lr = alpha, alpha = beta2) against Adam's recursion with
    beta1 = 0 and no bias correction, written out here in numpy, on random gradient sequences
    over 8 decades (and at eps > 0 too: the identity holds for every eps)."""
    start = time.perf_counter()
    rng = np.random.default_rng(opts.seed + 13)
    worst, lines = 0.0, []
    for case in _cases(Q)[:3]:
        a, b2 = case["alpha"], case["beta2"]
        for eps in (0.0, 1e-3):
            G = _random_gradients(rng, 25, 6)
            traj, _ = torch_run(O.RMSPROP, G, lr=a, beta2=b2, eps=eps)
            theta, m, v = np.zeros(G.shape[1]), np.zeros(G.shape[1]), np.zeros(G.shape[1])
            for k, g in enumerate(G):
                m = 0.0 * m + (1 - 0.0) * g
                v = b2 * v + (1 - b2) * g * g
                theta = theta - a * m / (np.sqrt(v) + eps)
                worst = max(worst, _rel(traj[k + 1], theta))
        lines.append(f"alpha={a:g}, beta2={b2:g}")
    return _check("torch.optim.RMSprop(lr=alpha, alpha=beta2) vs Adam at beta1 = 0 without bias "
                  "correction (numpy recursion)", worst, RTOL,
                  "25 steps of random gradients over 8 decades, eps = 0 and 1e-3; "
                  + "; ".join(lines), start, "identification")


LIMIT_RESIDUAL = 1e-13
"""A long run goes on until beta^t is below this (so the step is at its limit to ~1e-13)."""
LIMIT_MAX_STEPS = 400_000
"""Longest float64 recursion of the step-limit check."""


def _recursion(kind: OptimizerEntry, g: np.ndarray, T: int, a: float, b1: float, b2: float,
               eps: float) -> tuple[np.ndarray, np.ndarray]:
    """The steps (T x d) of a float64 loop of the recursion on the constant gradient g: Adam's
    corrected ones (RMSprop's own) and Adam's without the correction (its state's)."""
    m, v = np.zeros_like(g), np.zeros_like(g)
    steps, raw = np.empty((T, g.size)), np.empty((T, g.size))
    p1 = p2 = 1.0
    for k in range(T):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        p1, p2 = p1 * b1, p2 * b2
        raw[k] = -a * m / (np.sqrt(v) + eps)
        steps[k] = -a * g / (np.sqrt(v) + eps) if kind is O.RMSPROP else \
            -a * (m / (1 - p1)) / (np.sqrt(v / (1 - p2)) + eps)
    return steps, raw


def _w_step_limit(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
                  opts: SolveOptions) -> list[tuple[str, Callable[[], Check]]]:
    """A float64 loop of the recursion on a constant gradient, checked against the real
    optimizer for its first 200 steps, then run until beta^t < 1e-13: its last step (with and
    without the correction) vs the claimed limit."""
    def long_run() -> Check:
        start = time.perf_counter()
        ans = _answer(sol, "step limit")
        size = next((a for a in sol.answers if a.name == "step limit size"), None)
        g = np.array([float(x) for x in Q.g]) if isinstance(Q.g, sympy.MatrixBase) else \
            np.array([0.5, -2e-3, 7.0, -40.0])
        nz = g != 0
        worst, lines = 0.0, []
        for case in _cases(Q)[:3]:
            a, b1, b2 = case["alpha"], case["beta1"], case["beta2"]
            eps = float(Q.eps) if Q.eps_given else 0.0
            slowest = max(b1, b2)
            T = 1 if slowest == 0 else min(LIMIT_MAX_STEPS, math.ceil(
                math.log(LIMIT_RESIDUAL) / math.log(slowest)) + 1)
            steps, raw = _recursion(spec.entry, g[nz], T, a, b1, b2, eps)
            short = min(T, 200)
            traj, _ = torch_run(spec.entry, np.tile(g[nz], (short, 1)), lr=a, beta1=b1,
                                beta2=b2, eps=eps if eps > 0 else EPS_ZERO)
            worst = max(worst, _rel(np.diff(traj, axis=0), steps[:short]))   # loop == torch
            vals = _subs(Q, case)
            if isinstance(Q.g, sympy.MatrixBase):
                want = _evaluate(ans.expr, vals)[nz]
            else:
                sym = next(x for x in sympy.sympify(ans.expr).free_symbols if x.name == "g")
                want = _entrywise(ans.expr, vals, sym, g[nz])
            finals = [steps[-1]] + ([] if spec.entry is O.RMSPROP else [raw[-1]])
            worst = max(worst, *(_rel(f, want) for f in finals))
            if size is not None:
                worst = max(worst, _rel(np.abs(finals[0]), np.full(want.shape,
                                                                   _evaluate(size.expr, vals))))
            lines.append(f"alpha={a:g}, betas=({b1:g}, {b2:g}): t={T}, last step "
                         f"{np.round(finals[0], 12).tolist()[:4]}" + (
                             "" if len(finals) == 1 else
                             f", without correction {np.round(finals[1], 12).tolist()[:4]}"))
        return _check("float64 recursion on a constant gradient (first 200 steps = "
                      f"torch.optim.{spec.entry.torch}), run until beta^t < 1e-13", worst, 1e-9,
                      "; ".join(lines), start, "step limit")

    return [("the step under a constant gradient, run long", long_run)]


def _w_constant_moments(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
                        opts: SolveOptions) -> list[tuple[str, Callable[[], Check]]]:
    """The corrected moments of torch.optim.Adam run on a constant gradient, at several t,
    against the closed forms (g and t substituted)."""
    def constant() -> Check:
        start = time.perf_counter()
        g = np.array([0.5, -2e-3, 7.0, -40.0])
        ts = [int(Q.t)] if not isinstance(Q.t, sympy.Symbol) else [1, 2, 7, 40]
        worst, lines, compared = 0.0, [], 0
        rms = spec.entry is O.RMSPROP
        for case in _cases(Q)[:3]:
            for t in ts:
                _, state = torch_run(spec.entry, np.tile(g, (t, 1)), lr=case["alpha"],
                                     beta1=case["beta1"], beta2=case["beta2"], eps=1e-8)
                vals = {**_subs(Q, case), **({Q.t: t} if isinstance(Q.t, sympy.Symbol) else {})}
                second = "square_avg" if rms else "exp_avg_sq"
                for quantity, key, beta in ((asked.M_HAT, "exp_avg", case["beta1"]),
                                            (asked.V_HAT, second, case["beta2"]),
                                            (asked.FIRST_MOMENT, "exp_avg", 0.0),
                                            (asked.SECOND_MOMENT, second, 0.0)):
                    for answer in _of(sol, quantity.key):
                        if quantity in (asked.FIRST_MOMENT, asked.SECOND_MOMENT) and \
                                not answer.name.endswith("constant gradient"):
                            continue        # the unrolled sums: the update rule's own check
                        sym = [x for x in sympy.sympify(answer.expr).free_symbols
                               if x.name in ("g", "g_1")]
                        want = _entrywise(answer.expr, vals, sym[0], g) if sym else \
                            np.full(g.shape, _evaluate(answer.expr, vals))
                        worst = max(worst, _rel(state[key] / (1 - beta ** t), want))
                        compared += 1
                lines.append(f"t={t}, betas=({case['beta1']:g}, {case['beta2']:g})")
        if not compared:
            worst = math.inf        # nothing of the part's answers was compared
        return _check(f"torch.optim.{spec.entry.torch} on a constant gradient: its moments "
                      "(divided by 1-beta^t where corrected)", worst, RTOL, "; ".join(lines[:6]),
                      start, "mhat, vhat, m_t, v_t")

    return [("corrected moments of a constant gradient (torch.optim.Adam)", constant)]


def extremal_factor(b1: float, b2: float, t: int) -> float:
    """Step at t over its limit on the extremal sequence g_s ~ (b1/b2)^(t-s): with q = b1^2/b2,
    m_t = (1-b1)(1-q^t)/(1-q) and v_t = (1-b2)(1-q^t)/(1-q), so after bias correction the step
    is its t -> oo value times sqrt(1-b2^t) sqrt(1-q^t) / (1-b1^t)."""
    def tail(b: float) -> float:
        return 1.0 if b == 0 else -math.expm1(t * math.log(b))

    return math.sqrt(tail(b2) * tail(b1 * b1 / b2)) / tail(b1)


def _extremal_run(case: dict, t: int) -> np.ndarray:
    """Adam's t steps on g_s ~ (beta1/beta2)^(t-s) (eps = 0), as the step of each iteration."""
    b1, b2 = case["beta1"], case["beta2"]
    r = b1 / b2
    ks = np.arange(t - 1, -1, -1, dtype=np.float64)  # k = t - s for s = 1..t
    G = r ** np.minimum(ks, 300 / max(abs(np.log(r)), 1e-12)) if r > 0 else \
        (ks == 0).astype(np.float64)
    traj, _ = torch_run(O.ADAM, G[:, None], lr=case["alpha"], beta1=b1, beta2=b2, eps=EPS_ZERO)
    return np.diff(traj[:, 0])


def _w_textbook(sol: PartSolution, Q: Quantities, opts: SolveOptions) -> Check:
    """The paper's bound α(1−β₁)/√(1−β₂) is the size of torch.optim.Adam's first step without
    the bias correction, −α exp_avg/√exp_avg_sq, for every non-zero gradient."""
    start = time.perf_counter()
    rng = np.random.default_rng(opts.seed + 11)
    worst, lines = 0.0, []
    for case in _cases(Q, need_beta2_positive=True)[:3]:
        g = _random_gradients(rng, 1, 8)
        _, state = torch_run(O.ADAM, g, lr=case["alpha"], beta1=case["beta1"],
                             beta2=case["beta2"], eps=0.0)
        raw = np.abs(case["alpha"] * state["exp_avg"] / np.sqrt(state["exp_avg_sq"]))
        want = _evaluate(_answer(sol, "bound_textbook").expr, _subs(Q, case))
        worst = max(worst, _rel(raw, np.full(raw.shape, want)))
        lines.append(f"alpha={case['alpha']:g}, betas=({case['beta1']:g}, {case['beta2']:g}): "
                     f"|step| {raw.min():.10g}..{raw.max():.10g} vs {want:.10g}")
    return _check("torch.optim.Adam first step without the correction vs the paper's bound",
                  worst, RTOL, "; ".join(lines), start, "bound_textbook")


def _w_bound(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
             opts: SolveOptions) -> list[tuple[str, Callable[[], Check]]]:
    if spec.textbook_bound:
        return [*_w_bound_exact(spec, sol, Q, opts),
                ("the paper's bound (torch.optim.Adam first step, uncorrected)",
                 lambda: _w_textbook(sol, Q, opts))]
    return _w_bound_exact(spec, sol, Q, opts)


def _w_bound_exact(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
                   opts: SolveOptions) -> list[tuple[str, Callable[[], Check]]]:
    bound = _answer(sol, "bound").expr
    t_sym = Q.t if isinstance(Q.t, sympy.Symbol) else None

    def B(case: dict, t: int) -> float:
        e = sympy.sympify(bound).subs(_subs(Q, case))
        if t_sym is not None:
            e = e.subs(t_sym, t)
        elif t != int(Q.t):
            from optiproof.families.adam_mechanics.solve import step_bound_expr

            e = step_bound_expr(case["alpha"], sympy.nsimplify(case["beta1"]),
                                sympy.nsimplify(case["beta2"]), t)
        return float(sympy.N(e, 30))

    horizon = int(Q.t) if t_sym is None else 60
    horizon = min(horizon, 200)

    def never_exceeded() -> Check:
        start = time.perf_counter()
        rng = np.random.default_rng(opts.seed + 5)
        worst, lines = 0.0, []
        for case in _cases(Q, need_beta2_positive=True):
            T = horizon
            G = _random_gradients(rng, T, 400)
            G[:, :100] = np.abs(G[:, :100]) * np.geomspace(1e-3, 1e3, T)[:, None]  # growing
            traj, _ = torch_run(O.ADAM, G, lr=case["alpha"], beta1=case["beta1"],
                                beta2=case["beta2"], eps=EPS_ZERO)
            steps = np.abs(np.diff(traj, axis=0))
            if t_sym is not None:
                Bt = sympy.lambdify(t_sym, sympy.sympify(bound).subs(_subs(Q, case)), "numpy")
                ts = np.arange(1, T + 1, dtype=np.float64)
                bs = np.broadcast_to(np.asarray(Bt(ts), dtype=np.float64), ts.shape)
                r = float(np.max(steps.max(axis=1) / bs))
            else:
                r = float(steps[T - 1].max()) / B(case, T)
            worst = max(worst, r)
            lines.append(f"betas=({case['beta1']:g}, {case['beta2']:g}): max |step|/B_t = "
                         f"{r:.4f}")
        excess = max(0.0, worst - 1.0)
        return _check("torch.optim.Adam steps never exceed B_t", excess, 1e-9,
                      f"400 coordinates x {horizon} steps of random (and geometrically "
                      f"growing) gradients, eps = 0; " + "; ".join(lines), start, "bound")

    def attained() -> Check:
        start = time.perf_counter()
        worst, lines = 0.0, []
        for case in _cases(Q, need_beta2_positive=True):
            b1, b2 = case["beta1"], case["beta2"]
            targets = sorted({1, min(horizon, 10), horizon}) if t_sym is not None else [horizon]
            for t in targets:
                r = b1 / b2
                if r > 0 and t * abs(np.log(r)) > 600:
                    continue
                got = abs(_extremal_run(case, t)[-1])
                err = abs(got / B(case, t) - 1)
                worst = max(worst, err)
                lines.append(f"betas=({b1:g},{b2:g}), t={t}: |step|/B_t = {got / B(case, t):.10f}")
        return _check("the bound is attained (g_s proportional to (beta1/beta2)^(t-s))", worst,
                      1e-8, "; ".join(lines[:8]), start, "bound")

    out = [("step bound never exceeded (torch.optim.Adam)", never_exceeded),
           ("step bound attained", attained)]
    lim = _answer(sol, "bound_limit")
    if lim.status == "unique":
        def limit() -> Check:
            start = time.perf_counter()
            case = next(c for c in _cases(Q, need_beta2_positive=True)
                        if c["beta1"] ** 2 < c["beta2"])
            b1, b2, T = case["beta1"], case["beta2"], LIMIT_RUN_T
            want = _evaluate(lim.expr, _subs(Q, case))
            estimates, lines = [], []
            for t in (T // 4, T // 2, T):
                got = abs(_extremal_run(case, t)[-1])
                estimates.append(got / extremal_factor(b1, b2, t))
                lines.append(f"t = {t}: step {got:.10g} = {got / want:.6f} x limit")
            err = max(abs(e / want - 1) for e in estimates)
            return _check("long-run step vs lim B_t", err, 1e-7,
                          f"torch.optim.Adam on the extremal sequence g_s ~ (beta1/beta2)^(t-s), "
                          f"betas=({b1:g},{b2:g}); its step is lim B_t times sqrt(1-beta2^t) "
                          f"sqrt(1-q^t)/(1-beta1^t), q = beta1^2/beta2 (the geometric sums of "
                          f"that sequence), so each run's step over that factor must equal the "
                          f"limit {want:.10g}: " + "; ".join(lines), start, "bound_limit")
        out.append(("step bound limit (long run)", limit))
    return out


def _w_decay(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
             opts: SolveOptions) -> list[tuple[str, Callable[[], Check]]]:
    def decay() -> Check:
        start = time.perf_counter()
        rng = np.random.default_rng(opts.seed + 6)
        case = _cases(Q)[0]
        a, lam, b2 = case["alpha"], case["lam"], case["beta2"]
        eps = case["eps"]
        vals = _subs(Q, case)
        if isinstance(Q.eps, sympy.Symbol):
            vals[Q.eps] = eps
        T, d = 12, 50
        G = rng.normal(size=(T, d)) * np.geomspace(1e-3, 1e2, d)[None, :]
        theta0 = rng.normal(size=d)
        # L2 inside Adam (beta1 = 0: the exact case)
        traj, st = torch_run(O.ADAM, G, lr=a, beta1=0.0, beta2=b2, eps=eps, weight_decay=lam,
                             theta0=theta0)
        vhat = st["exp_avg_sq"] / (1 - b2 ** T)
        th_prev, step = traj[-2], traj[-1] - traj[-2]
        measured_l2 = (-step - a * G[-1] / (np.sqrt(vhat) + eps)) / th_prev
        pred_l2 = _entrywise(_answer(sol, "decay_L2").expr, vals, VHAT_I, vhat)
        e1 = _rel(measured_l2, pred_l2)
        # AdamW vs Adam without decay, in lockstep on the same gradients
        tw, _ = torch_run(O.ADAMW, G, lr=a, beta1=case["beta1"], beta2=b2, eps=eps,
                          weight_decay=lam, theta0=theta0)
        tp, _ = torch_run(O.ADAM, G, lr=a, beta1=case["beta1"], beta2=b2, eps=eps,
                          theta0=theta0)
        kw = ((tp[1:] - tp[:-1]) - (tw[1:] - tw[:-1])) / tw[:-1]
        pred_w = _evaluate(_answer(sol, "decay_AdamW").expr, vals)
        e2 = _rel(kw, np.full(kw.shape, pred_w))
        shrink = [x for x in sol.answers if x.name == "shrink_AdamW"]
        e3 = max((_rel(1 - kw, np.full(kw.shape, _evaluate(x.expr, vals))) for x in shrink),
                 default=0.0)   # the measured per-step factor of the weights
        return _check("torch Adam(weight_decay) and AdamW(weight_decay) per-coordinate decay",
                      max(e1, e2, e3), 1e-6,
                      f"alpha={a:g}, lambda={lam:g}, beta2={b2:g}, eps={eps:g}, {d} coordinates "
                      f"with gradient scales 1e-3..1e2, {T} steps. L2 (beta1 = 0): measured decay "
                      f"per coordinate from {measured_l2.min():.3g} to {measured_l2.max():.3g} vs "
                      f"alpha lambda/(sqrt(vhat_i)+eps) (max rel. error {e1:.2e}); AdamW: "
                      f"{kw.min():.6g}..{kw.max():.6g} vs alpha lambda = {pred_w:.6g} "
                      f"(max rel. error {e2:.2e}); shrink factor 1 - measured decay vs "
                      f"1 - alpha lambda (max rel. error {e3:.2e})", start,
                      "decay_L2, decay_AdamW, shrink_AdamW")

    out = [("weight decay: Adam(weight_decay) vs AdamW", decay)]
    fraction = [x for x in sol.answers if x.name == "decay_fraction_AdamW"]
    if fraction and spec.decay_steps is not None:
        def kept() -> Check:
            start = time.perf_counter()
            case = _cases(Q)[0]
            a, lam, n = case["alpha"], case["lam"], spec.decay_steps
            vals = _subs(Q, case)
            theta0 = np.array([1.0, -2.5, 0.125])
            # zero gradients: Adam's step is 0 / (0 + eps), so only the decay moves the weights
            traj, _ = torch_run(O.ADAMW, np.zeros((n, 3)), lr=a, beta1=case["beta1"],
                                beta2=case["beta2"], eps=1e-8, weight_decay=lam, theta0=theta0)
            got = traj[-1] / theta0
            want = _evaluate(fraction[0].expr, vals)
            err = _rel(got, np.full(got.shape, want))
            return _check(f"torch AdamW, {n} steps of decay alone", err, 1e-9,
                          f"alpha={a:g}, lambda={lam:g}: torch.optim.AdamW run {n} steps on zero "
                          f"gradients from {theta0.tolist()}; theta_N/theta_0 = "
                          f"{got.min():.12g}..{got.max():.12g} vs (1 - alpha lambda)^{n} = "
                          f"{want:.12g} (max rel. error {err:.2e})", start, "decay_fraction_AdamW")
        out.append(("decoupled decay over N steps (torch.optim.AdamW)", kept))
    halving = [x for x in sol.answers if x.name == "halving_steps_AdamW"]
    if halving and spec.decay_halving:
        def halved() -> Check:
            start = time.perf_counter()
            case = _cases(Q)[0]
            a, lam = case["alpha"], case["lam"]
            n = int(halving[0].expr)
            theta0 = np.array([1.0, -2.5, 0.125])
            traj, _ = torch_run(O.ADAMW, np.zeros((n, 3)), lr=a, beta1=0.9, beta2=0.999,
                                eps=1e-8, weight_decay=lam, theta0=theta0)
            ratio = traj[:, 0] / theta0[0]
            first = int(np.argmax(ratio <= 0.5)) if (ratio <= 0.5).any() else -1
            err = 0.0 if first == n else 1.0
            return _check("torch AdamW on zero gradients: the first step at half the start", err,
                          0.5, f"alpha={a:g}, lambda={lam:g}: torch.optim.AdamW run {n} steps on "
                          f"zero gradients; theta_t/theta_0 first <= 1/2 at t = {first} "
                          f"(theta_{n - 1}/theta_0 = {ratio[n - 1]:.10g}, theta_{n}/theta_0 = "
                          f"{ratio[n]:.10g}) vs the answer N = {n}", start, "halving_steps_AdamW")
        out.append(("decoupled decay halving a weight (torch.optim.AdamW)", halved))
    return out


DECAY_STEPS = (L2_STEP, DECOUPLED_STEP)
"""The symbols of theta_1 with weight decay (not the iterate of the given run)."""


def _of(solution: PartSolution, quantity: str) -> list[Answer]:
    """The answers of ``quantity``, in order."""
    return [a for a in solution.answers if a.quantity == quantity]


def _given_gradients(spec: AdamMechanicsSpec) -> np.ndarray:
    """The given gradient sequence (T x d) in float64."""
    rows = spec.gradients if spec.gradients is not None else [spec.gradient]
    return np.array([[float(x) for x in row] for row in rows], dtype=np.float64)


def _theta0(spec: AdamMechanicsSpec, d: int) -> np.ndarray:
    """The start theta_0 in float64 (zeros when not given; one number fills every entry)."""
    if spec.theta0 is None:
        return np.zeros(d)
    if isinstance(spec.theta0, list):
        return np.array([float(x) for x in spec.theta0])
    return np.full(d, float(spec.theta0))


def _eps(Q: Quantities) -> float:
    """The run's eps: the given number, or 0 (run as EPS_ZERO)."""
    return float(Q.eps) if Q.eps_given and float(Q.eps) > 0 else EPS_ZERO


def _number_or(x: Any, stand_in: float) -> float:
    """A hyper-parameter as a float, or a stand-in where the spec leaves it a symbol (only the
    asks that do not depend on it are run then: a corrected moment needs only its decay)."""
    return float(x) if getattr(x, "is_number", False) else stand_in


def _w_given_run(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
                 opts: SolveOptions) -> list[tuple[str, Callable[[], Check]]]:
    """theta_T, the last step and the corrected moments against one real run from theta0."""
    name = (f"torch.optim.{(O.ADAMW if spec.decay == 'decoupled' else spec.entry).torch}"
            + (f"(weight_decay={spec.lam})" if spec.decay else "")
            + " from theta0 on the given ") + (
        "gradients" if spec.loss is None else "loss (autograd gradients at each iterate)")

    def run() -> Check:
        start = time.perf_counter()
        b1, b2 = _number_or(Q.beta1, 0.9), _number_or(Q.beta2, 0.999)
        if spec.loss is not None:
            traj, state, G = _torch_on_loss(spec, Q, b1, b2)
        else:
            G = _given_gradients(spec)
            kind = O.ADAMW if spec.decay == "decoupled" else spec.entry
            traj, state = torch_run(kind, G, lr=_number_or(Q.alpha, 1e-3), beta1=b1,
                                    beta2=b2, eps=_eps(Q), theta0=_theta0(spec, G.shape[1]),
                                    weight_decay=float(Q.lam) if spec.decay else 0.0)
        T = G.shape[0]
        moved = np.abs(np.diff(traj, axis=0)).sum(axis=0)
        errs, lines = [], []
        for answer in _of(sol, asked.THETA_T.key):
            if answer.symbol in DECAY_STEPS:
                continue
            k = int(answer.name.removeprefix("theta_")) if spec.loss is not None else T
            errs.append(_rel(traj[k], answer.value, moved + np.abs(traj[0])))
            lines.append(f"theta_{T} measured {np.round(traj[-1], 10).tolist()[:6]}")
        for answer in _of(sol, asked.LAST_STEP.key):
            if answer.name.startswith("change of coordinate "):
                i = int(answer.name.removeprefix("change of coordinate ")) - 1
                errs.append(_rel(np.array([traj[-1][i] - traj[-2][i]]),
                                 np.array([float(answer.value)])))
                continue
            errs.append(_rel(traj[-1] - traj[-2], answer.value))
            lines.append(f"last step {np.round(traj[-1] - traj[-2], 10).tolist()[:6]}")
        for answer in _of(sol, asked.GRADIENT_T.key):
            errs.append(_rel(G[-1], answer.value))
            lines.append(f"autograd gradient at step {T} {np.round(G[-1], 10).tolist()}")
        for answer in _of(sol, asked.EFFECTIVE_GRADIENT.key):
            fed = fed_gradient(spec, G, state, lr=_number_or(Q.alpha, 1e-3), beta1=b1,
                               beta2=b2, eps=_eps(Q), weight_decay=float(Q.lam))
            errs.append(_rel(fed, answer.value))
            lines.append(f"gradient torch fed its moments at step {T} "
                         f"{np.round(fed, 10).tolist()[:6]}")
        for quantity, key, beta in ((asked.M_HAT, "exp_avg", b1), (asked.V_HAT, "exp_avg_sq", b2)):
            for answer in _of(sol, quantity.key):
                hat = state[key] / (1 - beta ** T)
                if " of coordinate " in answer.name:   # one entry ('m̂_2 of coordinate 1')
                    i = int(answer.name.rsplit(" ", 1)[1]) - 1
                    errs.append(_rel(hat[i:i + 1], np.array([float(answer.value)]),
                                     moved[i] if key == "exp_avg" else 0.0))
                    continue
                errs.append(_rel(hat, answer.value, moved if key == "exp_avg" else 0.0))
                lines.append(f"{key}/(1-beta^{T}) {np.round(hat, 10).tolist()[:6]}")
        return _check(name, max(errs), RTOL, f"{T} steps on {G.shape[1]} coordinates; "
                      + "; ".join(lines), start, "theta_t, last step, mhat, vhat")

    return [(name, run)]


def fed_gradient(spec: AdamMechanicsSpec, G: np.ndarray, state: dict, *, lr: float,
                 beta1: float, beta2: float, eps: float, weight_decay: float) -> np.ndarray:
    """The gradient torch's Adam(weight_decay=lam) averaged into its first moment at the last
    of the steps on ``G`` (whose final ``state`` is given), read back from its state:
    (exp_avg_T - beta1 exp_avg_{T-1})/(1 - beta1), exp_avg_{T-1} from a second run one
    gradient shorter."""
    before = np.zeros(G.shape[1])
    if G.shape[0] > 1:
        _, earlier = torch_run(spec.entry, G[:-1], lr=lr, beta1=beta1, beta2=beta2, eps=eps,
                               theta0=_theta0(spec, G.shape[1]), weight_decay=weight_decay)
        before = earlier["exp_avg"]
    return (state["exp_avg"] - beta1 * before) / (1 - beta1)


def _torch_on_loss(spec: AdamMechanicsSpec, Q: Quantities, b1: float, b2: float
                   ) -> tuple[np.ndarray, dict, np.ndarray]:
    """The real optimizer on the polynomial loss, its gradient taken by autograd at each
    iterate: the trajectory, the final state and the gradients (T x 1)."""
    import torch

    p = torch.tensor([float(spec.theta0)], dtype=torch.float64, requires_grad=True)
    lr, eps = float(Q.alpha), _eps(Q)
    if spec.entry is O.RMSPROP:
        opt: Any = torch.optim.RMSprop([p], lr=lr, alpha=b2, eps=eps, foreach=False)
    else:
        opt = torch.optim.Adam([p], lr=lr, betas=(b1, b2), eps=eps, foreach=False)
    c = [float(x) for x in spec.loss]
    traj, grads = [p.detach().numpy().copy()], []
    for _ in range(int(spec.t)):
        opt.zero_grad()
        loss = sum(cj * p[0] ** j for j, cj in enumerate(c))
        loss.backward()
        grads.append(p.grad.detach().numpy().copy())
        opt.step()
        traj.append(p.detach().numpy().copy())
    state = {k: v.detach().numpy().copy() for k, v in opt.state[p].items()
             if isinstance(v, torch.Tensor) and v.ndim > 0}
    return np.array(traj), state, np.array(grads)


def _w_bias_factors(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
                    opts: SolveOptions) -> list[tuple[str, Callable[[], Check]]]:
    """The factors are 1/exp_avg and 1/exp_avg_sq of a real run on the constant gradient 1."""
    def factors() -> Check:
        start = time.perf_counter()
        f1, f2, *weights = [a for a in _of(sol, asked.BIAS_FACTORS.key)
                            if not a.name.startswith("first t with beta")]
        ts = [int(Q.t)] if not isinstance(Q.t, sympy.Symbol) else [1, 3, 10]
        worst, lines = 0.0, []
        for case in _cases(Q)[:3]:
            for t in ts:
                if case["beta2"] == 0 and case["beta1"] == 0 and t > 1:
                    continue
                _, state = torch_run(O.ADAM, np.ones((t, 1)), lr=1e-3, beta1=case["beta1"],
                                     beta2=case["beta2"], eps=1e-8)
                vals = {**_subs(Q, case), **({Q.t: t} if isinstance(Q.t, sympy.Symbol) else {})}
                got = [1 / float(state["exp_avg"][0]), 1 / float(state["exp_avg_sq"][0])]
                want = [_evaluate(f1.expr, vals), _evaluate(f2.expr, vals)]
                if len(weights) == 2:      # 1 - beta^t: the state itself on g = 1
                    got += [float(state["exp_avg"][0]), float(state["exp_avg_sq"][0])]
                    want += [_evaluate(w.expr, vals) for w in weights]
                worst = max(worst, _rel(np.array(got), np.array(want)))
                lines.append(f"t={t}, betas=({case['beta1']:g}, {case['beta2']:g}): 1/exp_avg "
                             f"{got[0]:.10g}, 1/exp_avg_sq {got[1]:.10g}")
        return _check("torch.optim.Adam on g = 1: 1/exp_avg and 1/exp_avg_sq", worst, RTOL,
                      "; ".join(lines[:6]), start, "bias-correction factors")

    out = [("bias-correction factors (torch.optim.Adam state)", factors)]
    settled = [a for a in sol.answers if a.name.startswith("first t with beta")]
    if settled and spec.bias_below is not None:
        def first_settled() -> Check:
            start = time.perf_counter()
            delta, inclusive = float(spec.bias_below), spec.bias_inclusive
            n1, n2 = (int(a.expr) for a in settled)
            steps = max(n1, n2) + 1
            states = _state_per_step(steps, float(Q.beta1), float(Q.beta2))
            found = []
            for key in ("exp_avg", "exp_avg_sq"):   # 1 - beta^t, the state on g = 1
                rest = np.array([1 - s[key] for s in states])
                hit = rest <= delta if inclusive else rest < delta
                found.append(int(np.argmax(hit)) + 1 if hit.any() else -1)
            err = 0.0 if found == [n1, n2] else 1.0
            return _check("torch.optim.Adam on g = 1: first step with 1 - state below the "
                          "threshold", err, 0.5, f"threshold {delta:g}: 1 - exp_avg first below "
                          f"at t = {found[0]}, 1 - exp_avg_sq at t = {found[1]} vs the answers "
                          f"{n1}, {n2}", start, "first t with beta^t below the threshold")

        out.append(("steps until the correction is negligible (torch.optim.Adam state)",
                    first_settled))
    return out


def _state_per_step(steps: int, beta1: float, beta2: float) -> list[dict]:
    """exp_avg and exp_avg_sq of a real torch.optim.Adam after each of ``steps`` steps on the
    constant gradient 1 (they are 1 - beta1^t and 1 - beta2^t)."""
    import torch

    p = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([p], lr=1e-3, betas=(beta1, beta2), eps=1e-8)
    states = []
    for _ in range(steps):
        p.grad = torch.ones(1, dtype=torch.float64)
        opt.step()
        st = opt.state[p]
        states.append({key: float(st[key][0]) for key in ("exp_avg", "exp_avg_sq")})
    return states


def _w_no_correction(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
                     opts: SolveOptions) -> list[tuple[str, Callable[[], Check]]]:
    """Without correction the step is -alpha exp_avg/(sqrt(exp_avg_sq) + eps) of the real run;
    its ratio to the real (corrected) step at eps = 0 is the claimed factor."""
    def raw() -> Check:
        start = time.perf_counter()
        rng = np.random.default_rng(opts.seed + 7)
        answers = _of(sol, asked.STEP_NO_BIAS_CORRECTION.key)
        errs, lines = [], []
        if spec.has_gradients and isinstance(answers[0].expr, sympy.MatrixBase):
            G = _given_gradients(spec)
            _, state = torch_run(spec.entry, G, lr=float(Q.alpha), beta1=float(Q.beta1),
                                 beta2=float(Q.beta2), eps=_eps(Q))
            got = -float(Q.alpha) * state["exp_avg"] / (np.sqrt(state["exp_avg_sq"]) + _eps(Q))
            errs.append(_rel(got, answers[0].value))
            lines.append(f"given gradients: {np.round(got, 10).tolist()[:6]}")
            moving = np.abs(got[np.abs(got) > 0])
            sizes = [a for a in answers if a.name.startswith("size of each coordinate's step")]
            for a in sizes:     # the one size every moving coordinate's step has
                size = float(a.expr.subs(Q.lr, Q.alpha)) if a.value is None else float(a.value)
                errs.append(_rel(moving, np.full(moving.shape, size)))
            if sizes:
                lines.append(f"|step| of the moving coordinates in [{moving.min():.10g}, "
                             f"{moving.max():.10g}]")
            iterate = [a for a in answers if a.name.endswith("without bias correction")
                       and a.name.startswith("theta_")]
            if iterate:
                errs.append(_raw_iterate(spec, Q, G, iterate[0], sol, lines))
        T = 5 if isinstance(Q.t, sympy.Symbol) else min(int(Q.t), 200)
        sign_form = [a for a in answers if a.name.startswith(("uncorrected step (sign form)",
                                                                "size of each coordinate's step "
                                                                "without bias correction"))]
        for case in _cases(Q)[:3] if sign_form else ():
            g = _random_gradients(rng, 1, 20)[0]        # the same gradient at every step
            _, state = torch_run(O.ADAM, np.tile(g, (T, 1)), lr=case["alpha"],
                                 beta1=case["beta1"], beta2=case["beta2"], eps=EPS_ZERO)
            got = -case["alpha"] * state["exp_avg"] / np.sqrt(state["exp_avg_sq"])
            vals = {**_subs(Q, case), **({Q.t: T} if isinstance(Q.t, sympy.Symbol) else {}),
                    Q.lr: case["alpha"], sympy.Symbol("beta1", nonnegative=True): case["beta1"],
                    sympy.Symbol("beta2", nonnegative=True): case["beta2"]}
            for a in sign_form:
                syms = [x for x in sympy.sympify(a.expr).free_symbols if x.name in ("g", "g_1")]
                want = _entrywise(a.expr, vals, syms[0], g) if syms else \
                    np.full(g.shape, _evaluate(a.expr, vals))
                errs.append(_rel(got if syms else np.abs(got), want))
            lines.append(f"constant gradient, t={T}: |uncorrected step| {abs(float(got[0])):.10g}")
        for case in _cases(Q)[:3]:
            # the real step is a difference of iterates: gradients within two decades keep each
            # step near the iterates' size (at beta1 = 0 a tiny g_T after large ones would make
            # the difference lose digits); the ratio does not depend on the magnitudes
            G = _random_gradients(rng, T, 20)
            G = np.sign(G) * 10.0 ** rng.uniform(-1, 1, size=G.shape)
            traj, state = torch_run(O.ADAM, G, lr=case["alpha"], beta1=case["beta1"],
                                    beta2=case["beta2"], eps=EPS_ZERO)
            got = (-case["alpha"] * state["exp_avg"] / np.sqrt(state["exp_avg_sq"])) / (
                traj[-1] - traj[-2])
            vals = {**_subs(Q, case), **({Q.t: T} if isinstance(Q.t, sympy.Symbol) else {})}
            errs.append(_rel(got, np.full(got.shape, _evaluate(answers[-1].expr, vals))))
            lines.append(f"betas=({case['beta1']:g}, {case['beta2']:g}), t={T}: ratio "
                         f"{float(got[0]):.10g}")
        return _check("torch.optim.Adam state without the correction vs its real step",
                      max(errs), RTOL, "; ".join(lines), start, "step without bias correction")

    return [("step without bias correction (torch.optim.Adam state)", raw)]


def _raw_iterate(spec: AdamMechanicsSpec, Q: Quantities, G: np.ndarray, iterate: Answer,
                 sol: PartSolution, lines: list[str]) -> float:
    """theta_T without the correction from real runs of every prefix g_1..g_k (each state's
    -alpha exp_avg/(sqrt(exp_avg_sq) + eps) is step k uncorrected), and whether it differs from
    the real (corrected) theta_T."""
    theta0 = _theta0(spec, G.shape[1])
    a, b1, b2 = float(Q.alpha), float(Q.beta1), float(Q.beta2)
    raw, moved = theta0.copy(), np.abs(theta0)
    for k in range(1, G.shape[0] + 1):
        traj, state = torch_run(spec.entry, G[:k], lr=a, beta1=b1, beta2=b2, eps=_eps(Q),
                                theta0=theta0)
        step = -a * state["exp_avg"] / (np.sqrt(state["exp_avg_sq"]) + _eps(Q))
        raw, moved = raw + step, moved + np.abs(step)
    err = _rel(raw, iterate.value, moved)
    differs = bool(np.any(np.abs(raw - traj[-1]) > 1e-9 * np.maximum(moved, 1e-300)))
    claim = next(x for x in sol.answers if x.quantity == asked.CHANGES.key and
                 x.name == "differs from the corrected iterate")
    lines.append(f"theta_{G.shape[0]} without correction {np.round(raw, 10).tolist()[:6]}, "
                 f"with it {np.round(traj[-1], 10).tolist()[:6]}")
    return max(err, 0.0 if bool(claim.value) == differs else 1.0)


def _w_sgd_scaling(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
                   opts: SolveOptions) -> list[tuple[str, Callable[[], Check]]]:
    """torch.optim.SGD's step on c g and on g: the step and their ratio."""
    def sgd() -> Check:
        import torch

        start = time.perf_counter()
        step_answer, factor_answer, rate_answer = _of(sol, asked.SGD_LOSS_SCALING.key)
        g = np.array([float(x) for x in Q.g]) if isinstance(Q.g, sympy.MatrixBase) else \
            np.array([0.7, -2.0, 1e-3])
        worst, lines = 0.0, []
        for case in _cases(Q)[:2]:
            c = case["c"]
            steps = []
            for scale in (1.0, c):
                p = torch.zeros(g.size, dtype=torch.float64, requires_grad=True)
                opt = torch.optim.SGD([p], lr=case["alpha"])
                p.grad = torch.tensor(scale * g, dtype=torch.float64)
                opt.step()
                steps.append(p.detach().numpy().copy())
            p = torch.zeros(g.size, dtype=torch.float64, requires_grad=True)
            vals = _subs(Q, case)
            opt = torch.optim.SGD([p], lr=_evaluate(rate_answer.expr, vals))
            p.grad = torch.tensor(g, dtype=torch.float64)
            opt.step()
            worst = max(worst, _rel(p.detach().numpy(), steps[1]))   # same step, unscaled loss
            ratio = steps[1][g != 0] / steps[0][g != 0]
            worst = max(worst, _rel(ratio, np.full(ratio.shape,
                                                   _evaluate(factor_answer.expr, vals))))
            if isinstance(Q.g, sympy.MatrixBase):
                worst = max(worst, _rel(steps[1], _evaluate(step_answer.expr, vals)))
            lines.append(f"alpha={case['alpha']:g}, c={c:g}: step on c g "
                         f"{np.round(steps[1], 10).tolist()[:4]}, ratio {float(ratio[0]):.10g}")
        return _check("torch.optim.SGD on c g, on g, and on g with the equivalent rate", worst,
                      RTOL, "; ".join(lines), start, "SGD step, factor and equivalent rate")

    return [("plain SGD under loss scaling (torch.optim.SGD)", sgd)]


def _one_step(kind: OptimizerEntry, g: np.ndarray, theta0: np.ndarray, Q: Quantities,
              weight_decay: float = 0.0) -> np.ndarray:
    """theta_1 of the real optimizer from theta0 with gradient g."""
    traj, _ = torch_run(kind, g[None, :], lr=float(Q.alpha), beta1=_num(Q.beta1, 0.9),
                        beta2=_num(Q.beta2, 0.999), eps=_eps(Q), weight_decay=weight_decay,
                        theta0=theta0)
    return traj[1]


def _w_given_first_steps(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
                         opts: SolveOptions) -> list[tuple[str, Callable[[], Check]]]:
    """One real step on the given numbers: of Adam on c g (loss scaling), of Adam(weight_decay)
    and AdamW from theta0, and which coordinates the decay turns around."""
    out: list[tuple[str, Callable[[], Check]]] = []
    g = np.array([float(x) for x in Q.g]) if isinstance(Q.g, sympy.MatrixBase) else None
    scaled = [a for a in _of(sol, asked.LOSS_SCALING.key) if isinstance(a.expr,
                                                                         sympy.MatrixBase)]
    if g is not None and scaled:
        def scaled_step() -> Check:
            start = time.perf_counter()
            got = _one_step(spec.entry, float(Q.c) * g, np.zeros(g.size), Q)
            return _check(f"torch.optim.{spec.entry.torch} first step on c g", _rel(
                got, scaled[0].value), RTOL, f"measured {np.round(got, 10).tolist()[:6]}",
                start, "first step on the scaled loss")
        out.append(("first step on the scaled loss", scaled_step))
    thetas = [a for a in _of(sol, asked.THETA_T.key) if a.symbol in DECAY_STEPS]
    if g is not None and thetas:
        def decay_steps() -> Check:
            start = time.perf_counter()
            theta0, lam = _theta0(spec, g.size), float(Q.lam)
            decoupled = O.ADAMW if spec.entry is O.ADAM else spec.entry
            l2 = _one_step(spec.entry, g, theta0, Q, weight_decay=lam)
            if decoupled is O.ADAMW:
                w = _one_step(O.ADAMW, g, theta0, Q, weight_decay=lam)
            else:
                w = (1 - float(Q.alpha) * lam) * theta0 + _one_step(spec.entry, g, 0 * theta0, Q)
            plain = _one_step(spec.entry, g, theta0, Q) - theta0
            against = [i + 1 for i in range(g.size) if (l2 - theta0)[i] * plain[i] < 0]
            claimed = _of(sol, asked.OPPOSITE_COORDINATES.key)[0]
            named = [] if claimed.value is None else [int(round(x)) for x in claimed.value]
            claims = {a.symbol: a.value for a in thetas}
            err = max(_rel(l2, claims[L2_STEP], np.abs(theta0)),
                      _rel(w, claims[DECOUPLED_STEP], np.abs(theta0)),
                      0.0 if named == against else 1.0)
            for a in _of(sol, asked.FIRST_STEP.key):   # the step of each method, if asked
                if a.symbol in (L2_FIRST_STEP, DECOUPLED_FIRST_STEP):
                    moved = (l2 if a.symbol == L2_FIRST_STEP else w) - theta0
                    err = max(err, _rel(moved, a.value, float(Q.alpha)))
            return _check(f"torch.optim.{spec.entry.torch}(weight_decay) and "
                          f"{decoupled.torch or 'decoupled decay'}: one step from theta0", err,
                          RTOL, f"theta_1 with L2 {np.round(l2, 10).tolist()[:6]}; decoupled "
                          f"{np.round(w, 10).tolist()[:6]}; coordinates against the plain step "
                          f"{against}", start, "theta_1, coordinates that move the other way")
        out.append(("one step with weight decay", decay_steps))
    return out


def _w_equivalent_eps(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
                      opts: SolveOptions) -> list[tuple[str, Callable[[], Check]]]:
    """torch.optim.Adam on c*g with eps and on g with the answered eps': the same iterates."""
    def same_runs() -> Check:
        start = time.perf_counter()
        rng = np.random.default_rng(opts.seed + 11)
        answer = _answer(sol, "equivalent epsilon")
        cs = [_num(Q.c, 0)] if not Q.c.free_symbols else [1e-2, 7.5, 1e3]
        worst, lines = 0.0, []
        for case in _cases(Q)[:2]:
            eps = case["eps"] if case["eps"] > 0 else 1e-3
            G = _random_gradients(rng, 20, 30) * 1e-4      # small, so eps matters
            for c in cs:
                vals = {**_subs(Q, case), **({Q.c: c} if Q.c.free_symbols else {}),
                        **({Q.eps: eps} if isinstance(Q.eps, sympy.Symbol) else {})}
                eps_new = _evaluate(answer.expr, vals)
                scaled, _ = torch_run(O.ADAM, c * G, lr=case["alpha"], beta1=case["beta1"],
                                      beta2=case["beta2"], eps=eps)
                plain, _ = torch_run(O.ADAM, G, lr=case["alpha"], beta1=case["beta1"],
                                     beta2=case["beta2"], eps=eps_new)
                steps_scaled, steps_plain = np.diff(scaled, axis=0), np.diff(plain, axis=0)
                worst = max(worst, _rel(steps_plain, steps_scaled))
                lines.append(f"c={c:g}, eps={eps:g}: eps'={eps_new:.6g}")
        return _check("torch.optim.Adam on c*g with eps vs on g with the answered eps'", worst,
                      1e-8, "20 steps x 30 coordinates, gradients ~1e-4 so eps matters; every "
                      "step; " + "; ".join(lines), start, "equivalent epsilon")

    return [("torch.optim.Adam with the equivalent epsilon", same_runs)]


WITNESSES = {asked.UPDATE_RULE.key: _w_update_rule, asked.BIAS_CORRECTION.key: _w_bias,
             asked.FIRST_STEP.key: _w_first_step, asked.LOSS_SCALING.key: _w_scaling,
             asked.SIGN_LIMIT.key: _w_sign, asked.STEP_BOUND.key: _w_bound,
             asked.WEIGHT_DECAY.key: _w_decay, asked.BIAS_FACTORS.key: _w_bias_factors,
             asked.STEP_NO_BIAS_CORRECTION.key: _w_no_correction,
             asked.SGD_LOSS_SCALING.key: _w_sgd_scaling,
             asked.EQUIVALENT_EPS.key: _w_equivalent_eps,
             asked.IDENTIFICATION.key: _w_first_step_method,
             asked.STEP_LIMIT.key: _w_step_limit}
"""The checks of each ask (the asks about a run on given gradients share one run)."""


def witnesses(spec: AdamMechanicsSpec, solution: PartSolution, options: SolveOptions
              ) -> list[tuple[str, Callable[[], Check]]]:
    """The checks of every ask of the part, in the order asked."""
    Q = quantities(spec)
    out: list[tuple[str, Callable[[], Check]]] = []
    for ask in spec.asks:
        if ask in WITNESSES:
            out += WITNESSES[ask](spec, solution, Q, options)
    if any(a.key in spec.asks for a in RUN_ASKS):
        out += (_w_constant_moments if spec.symbolic_constant else _w_given_run)(
            spec, solution, Q, options)
    elif spec.symbolic_constant and spec.constant and asked.UPDATE_RULE.key in spec.asks:
        out += _w_constant_moments(spec, solution, Q, options)
    return out + _w_given_first_steps(spec, solution, Q, options) + \
        _w_step_t_dependence(spec, solution, Q, options)


def _w_step_t_dependence(spec: AdamMechanicsSpec, sol: PartSolution, Q: Quantities,
                         opts: SolveOptions) -> list[tuple[str, Callable[[], Check]]]:
    """'Does the update depend on t?' (answered no for a constant gradient): torch.optim.Adam run
    50 steps on that gradient; every step must equal the first, and the answer must say no."""
    answer = next((a for a in sol.answers if a.name == "step depends on t"), None)
    if answer is None:
        return []

    def same_steps() -> Check:
        start = time.perf_counter()
        g = _given_gradients(spec)[0]
        T = 50
        traj, _ = torch_run(spec.entry, np.repeat(g[None, :], T, axis=0),
                            lr=_number_or(Q.alpha, 1e-3), beta1=_number_or(Q.beta1, 0.9),
                            beta2=_number_or(Q.beta2, 0.999), eps=_eps(Q))
        steps = np.diff(traj, axis=0)
        err = _rel(steps, np.broadcast_to(steps[0], steps.shape))
        said_no = bool(answer.value) is False
        return _check(f"torch.optim.{spec.entry.torch}: {T} steps on the constant gradient all "
                      "equal to the first (the step does not depend on t)",
                      err if said_no else float("inf"), 1e-12,
                      f"steps {np.round(steps[[0, 1, -1]], 12).tolist()[:3]} at t = 1, 2, {T}",
                      start, "step depends on t")
    return [("the step at every t (torch.optim.Adam on a constant gradient)", same_steps)]
