"""Benchmarks of the steepest-descent family's closed forms against its witnesses.

Run:  python benchmarks/bench_steepest_descent.py [--quick] [--cap SECONDS]

1. Closed form (numpy: dual norm and maximiser) vs cvxpy + Clarabel (the pinned witness
   solver, compile + solve) for the squared-norm penalty at d = 10, 10^3, 10^5 (l2, l1, linf,
   l3), and for spectral / nuclear matrices of 64^2, 256^2, 1024^2 (semidefinite programs:
   the big ones do not finish; every solver run is a child process killed at the time cap and
   reported as "time limit").
2. Muon's 5-step quintic Newton-Schulz vs the exact SVD for the orthogonalised update U V^T at
   1024^2 and 2048^2 (and the convergent cubic iteration): error and time ratio.
3. The issue's measurement: OSQP vs Clarabel vs SCS on squared l1 at d = 1000.

Not part of the test run; it prints a table and exits 0.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import os
import resource
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

# One BLAS thread by default: on a shared 2-core machine, multi-threaded LAPACK SVDs were
# measured 10x slower under load. Override with BENCH_THREADS=2 (set before numpy loads).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, os.environ.get("BENCH_THREADS", "1"))

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from optiproof.families.steepest_descent import witness as W  # noqa: E402
from optiproof.families.steepest_descent.spec import NormSpec  # noqa: E402
from optiproof.witnesses.convex import ConicSolver, solve_convex  # noqa: E402

MEMORY_CAP_BYTES = 8 * 2**30
ALPHA = 0.5


# ----------------------------------------------------------------------------- capped runs
def _child(conn: Any, fn: Callable[..., dict], args: tuple) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP_BYTES, MEMORY_CAP_BYTES))
    try:
        conn.send(fn(*args))
    except MemoryError:
        conn.send({"status": "memory limit"})
    except Exception as exc:  # noqa: BLE001 - reported in the table
        conn.send({"status": f"error: {type(exc).__name__}: {str(exc)[:60]}"})
    finally:
        conn.close()


def capped(fn: Callable[..., dict], args: tuple, cap_s: float) -> dict:
    """Run fn(*args) in a forked child with a wall-clock cap and an 8 GiB memory cap."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    start = time.perf_counter()
    proc = ctx.Process(target=_child, args=(child, fn, args))
    proc.start()
    child.close()
    if parent.poll(cap_s):
        try:
            out = parent.recv()
        except EOFError:  # the child died without answering (e.g. an abort at the memory cap)
            proc.join()
            out = {"status": f"crashed (exit {proc.exitcode})"}
    else:
        out = {"status": f"time limit ({cap_s:.0f} s)"}
    proc.kill()
    proc.join()
    out.setdefault("wall_s", time.perf_counter() - start)
    return out


def best_time(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    best, out = math.inf, None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


# ----------------------------------------------------------------------------- closed forms
def closed_form(norm: W.NumpyNorm, g: np.ndarray, alpha: float) -> tuple[np.ndarray, float]:
    """u = -(alpha/2) ||g||_* s,  value -(alpha/4) ||g||_*^2 (numpy)."""
    dual = norm.dual(g)
    return -(alpha / 2) * dual * norm.sharp(g), -(alpha / 4) * dual**2


def cvxpy_squared_penalty(norm_spec: NormSpec, g: np.ndarray, alpha: float,
                          solver: ConicSolver) -> dict:
    start = time.perf_counter()
    scaled = W._normalise("penalty-squared", g, alpha)
    problem, x = W.build_problem("penalty-squared", norm_spec, scaled.g, scaled.weight)
    run = solve_convex(problem, x, solver)
    out = {"status": run.status, "solve_s": run.runtime_s,
           "total_s": time.perf_counter() - start}
    if run.x is not None and run.value is not None:
        out["x"] = run.x * scaled.point_scale
        out["value"] = run.value * scaled.value_scale
    return out


# ----------------------------------------------------------------------------- table
class Table:
    def __init__(self, title: str, columns: list[tuple[str, int]]):
        self.columns = columns
        print(f"\n{title}")
        header = "  ".join(f"{name:>{w}}" if i else f"{name:<{w}}"
                           for i, (name, w) in enumerate(columns))
        print(header)
        print("-" * len(header))

    def row(self, *cells: Any) -> None:
        out = []
        for i, ((_, w), c) in enumerate(zip(self.columns, cells, strict=True)):
            out.append(f"{c:<{w}}" if i == 0 else f"{c:>{w}}")
        print("  ".join(out), flush=True)


def fmt_t(t: float | None) -> str:
    if t is None:
        return "-"
    return f"{t * 1e3:.3g} ms" if t < 1 else f"{t:.3g} s"


def fmt_e(e: float | None) -> str:
    return "-" if e is None else f"{e:.1e}"


# ----------------------------------------------------------------------------- sections
def vectors(sizes: list[int], cap: float) -> None:
    table = Table("1a. Squared-norm penalty, vectors: closed form (numpy) vs cvxpy + Clarabel "
                  f"(alpha = {ALPHA}, g ~ N(0, I))",
                  [("norm", 6), ("d", 7), ("closed form", 11), ("cvxpy total", 12),
                   ("Clarabel", 10), ("ratio", 9), ("status", 16), ("max |du|/|u|", 12),
                   ("value rel.err", 13)])
    for d in sizes:
        g = np.random.default_rng(d).standard_normal(d)
        for name, p in (("l2", None), ("l1", None), ("linf", None), ("lp", 3)):
            spec = NormSpec(name=name, p=p)
            norm = W.NumpyNorm.of(spec, g.shape)
            t_cf, (u, value) = best_time(lambda norm=norm: closed_form(norm, g, ALPHA))
            res = capped(cvxpy_squared_penalty, (spec, g, ALPHA, W.SOLVER), cap)
            label = "l3" if name == "lp" else name
            if "x" in res:
                du = float(np.max(np.abs(res["x"] - u)) / np.max(np.abs(u)))
                dv = abs(res["value"] - value) / abs(value)
                table.row(label, d, fmt_t(t_cf), fmt_t(res["total_s"]), fmt_t(res["solve_s"]),
                          f"{res['total_s'] / t_cf:.2g}x", res["status"], fmt_e(du), fmt_e(dv))
            else:
                table.row(label, d, fmt_t(t_cf), "skipped", "-", "-", res["status"][:16], "-",
                          "-")


def matrices(sides: list[int], cap: float) -> None:
    table = Table("1b. Squared-norm penalty, square matrices: closed form (numpy SVD) vs cvxpy "
                  "+ Clarabel (semidefinite program)",
                  [("norm", 8), ("shape", 9), ("closed form", 11), ("cvxpy total", 20),
                   ("ratio", 9), ("status", 20), ("max |du|/|u|", 12), ("value rel.err", 13)])
    for n in sides:
        G = np.random.default_rng(n).standard_normal((n, n))
        for name in ("spectral", "nuclear"):
            spec = NormSpec(name=name)
            norm = W.NumpyNorm.of(spec, G.shape)
            t_cf, (u, value) = best_time(lambda norm=norm: closed_form(norm, G, ALPHA),
                                         repeat=2 if n >= 1024 else 3)
            res = capped(cvxpy_squared_penalty, (spec, G, ALPHA, W.SOLVER), cap)
            shape = f"{n}x{n}"
            if "x" in res:
                du = float(np.max(np.abs(res["x"] - u)) / np.max(np.abs(u)))
                dv = abs(res["value"] - value) / abs(value)
                table.row(name, shape, fmt_t(t_cf), fmt_t(res["total_s"]),
                          f"{res['total_s'] / t_cf:.2g}x", res["status"], fmt_e(du), fmt_e(dv))
            else:
                table.row(name, shape, fmt_t(t_cf), f"skipped after {fmt_t(res['wall_s'])}",
                          "-", res["status"][:20], "-", "-")


def newton_schulz(sides: list[int]) -> None:
    table = Table("2. Orthogonalised update U V^T: exact SVD vs Newton-Schulz (float64, "
                  "G ~ N(0, I))",
                  [("shape", 9), ("SVD", 9), ("NS5 quintic", 11), ("SVD/NS5", 8),
                   ("max|NS5-UV^T|", 13), ("NS5 sigma min/p5/max", 20), ("cubic NS", 15),
                   ("max|cubic-UV^T|", 15)])
    for n in sides:
        G = np.random.default_rng(7 + n).standard_normal((n, n))
        t_svd, polar = best_time(lambda G=G: W.polar_factor_svd(G), repeat=1)
        t_ns5, ns5 = best_time(lambda G=G: W.newton_schulz_quintic(G), repeat=2)
        svals = np.linalg.svd(ns5, compute_uv=False)
        if n <= 1024:
            t_cubic, (cubic, steps, _) = best_time(lambda G=G: W.newton_schulz_cubic(G),
                                                   repeat=1)
            cubic_cells = (f"{fmt_t(t_cubic)} ({steps} st)",
                           f"{np.max(np.abs(cubic - polar)):.1e}")
        else:
            cubic_cells = ("not run (cost)", "-")
        table.row(f"{n}x{n}", fmt_t(t_svd), fmt_t(t_ns5), f"{t_svd / t_ns5:.2g}x",
                  f"{np.max(np.abs(ns5 - polar)):.2e}",
                  f"{svals.min():.2f}/{np.percentile(svals, 5):.2f}/{svals.max():.2f}",
                  *cubic_cells)
    print("   NS5 is deliberately inexact: Muon's coefficients trade accuracy for speed and "
          "put singular values in about [0.5, 1.5]; a random square G has singular values "
          "down to ~0, which 5 steps cannot lift all the way (the min column).")


def osqp_contrast(cap: float) -> None:
    d = 1000
    g = np.random.default_rng(0).standard_normal(d)
    spec = NormSpec(name="l1")
    norm = W.NumpyNorm.of(spec, g.shape)
    u, value = closed_form(norm, g, ALPHA)
    table = Table(f"3. Squared l1 penalty at d = {d} (alpha = {ALPHA}): which solver can be "
                  "trusted?",
                  [("solver", 22), ("status", 12), ("value", 14), ("value rel.err", 13),
                   ("max |du|/|u|", 12), ("time", 9)])
    table.row("closed form", "exact", f"{value:.10f}", "-", "-", "-")
    for label, solver in (("OSQP (cvxpy default)", ConicSolver("OSQP", time_limit_s=cap)),
                          ("SCS", ConicSolver("SCS", time_limit_s=cap)),
                          ("Clarabel (default tol)", ConicSolver("CLARABEL", time_limit_s=cap)),
                          ("Clarabel (pinned)", W.SOLVER)):
        res = capped(_raw_l1_squared, (g, solver), cap + 30)
        if res.get("value") is None:
            table.row(label, res["status"][:12], "-", "-", "-", fmt_t(res.get("solve_s")))
            continue
        dv = abs(res["value"] - value) / abs(value)
        du = float(np.max(np.abs(res["x"] - u)) / np.max(np.abs(u)))
        table.row(label, res["status"], f"{res['value']:.10f}", fmt_e(dv), fmt_e(du),
                  fmt_t(res["solve_s"]))
    print("   (problem as a user would write it: minimize g @ x + (1/alpha) square(norm1(x)), "
          "no rescaling)")


def _raw_l1_squared(g: np.ndarray, solver: ConicSolver) -> dict:
    import cvxpy as cp

    x = cp.Variable(g.size)
    problem = cp.Problem(cp.Minimize(g @ x + cp.square(cp.norm1(x)) / ALPHA))
    run = solve_convex(problem, x, solver)
    return {"status": run.status, "value": run.value, "x": run.x, "solve_s": run.runtime_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only (a smoke run)")
    parser.add_argument("--cap", type=float, default=90.0,
                        help="wall-clock cap of each solver run, seconds (default 90)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    import cvxpy  # imported once here, so forked solver runs do not time the import

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"optiproof steepest-descent benchmarks  (numpy {np.__version__}, cvxpy "
          f"{cvxpy.__version__}, {os.cpu_count()} CPUs, BLAS threads "
          f"{os.environ['OPENBLAS_NUM_THREADS']}, load average {load}; solver cap "
          f"{args.cap:.0f} s, memory cap 8 GiB per run)")
    start = time.perf_counter()
    vectors([10, 1000] if args.quick else [10, 1000, 100_000], args.cap)
    matrices([16, 64] if args.quick else [64, 256, 1024], args.cap)
    newton_schulz([256] if args.quick else [1024, 2048])
    osqp_contrast(args.cap)
    print(f"\ntotal {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
