"""Benchmark of the communication family (a script, not a test).

1. Exact simulator: wall time for n = 16..1024 workers (ring all-reduce and binomial tree),
   with p = 4n, as ratios to the n = 16 time of the same scheme.
2. Real gloo runs on n = 4 processes for p = 10^4 .. 10^7 (float32): the alpha-beta model
   T = alpha * L + bytes * E / B, with L (message latencies on the critical path) and E
   (elements through the busiest link) counted from the schedules, is fitted on half of the
   points (alpha and B by least squares) and predicts the other half; the prediction error and
   the measured/predicted ratios are printed, plus schedule time / dist.all_reduce time.

Everything is measured in this one run. Usage:
    python benchmarks/bench_communication.py [--quick]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from optiproof.families.communication.gloo import GlooJob, run_gloo
from optiproof.families.communication.schedules import build_schedule, count_schedule
from optiproof.families.communication.simulate import simulate

BYTES = 4  # float32 in the gloo runs


def bench_simulator(sizes: list[int]) -> None:
    print("== exact simulator (integer data, every worker checked against the exact sum)")
    print(f"{'scheme':<16}{'n':>6}{'p':>8}{'messages':>10}{'seconds':>10}{'x n=16':>9}")
    simulate(build_schedule("ring-allreduce", 8, 32))  # warm-up (imports, allocator)
    for scheme in ("ring-allreduce", "tree-allreduce"):
        base = None
        for n in sizes:
            schedule = build_schedule(scheme, n, 4 * n)
            t0 = time.perf_counter()
            result = simulate(schedule, seed=n)
            seconds = time.perf_counter() - t0
            assert result.exact, (scheme, n)
            base = base or seconds
            print(f"{scheme:<16}{n:>6}{4 * n:>8}{result.messages:>10}{seconds:>10.4f}"
                  f"{seconds / base:>9.1f}")


def model_features(scheme: str, n: int, p: int) -> tuple[float, float]:
    """(latencies on the critical path, elements through the busiest link), from the schedule:
    per round, the busiest port is the one with most messages then most elements (in these
    schemes one port maximises both)."""
    counts = count_schedule(build_schedule(scheme, n, p))
    latency = sum(max(c for c, _ in loads) for loads in counts.round_port_loads)
    elements = sum(max(e for _, e in loads) for loads in counts.round_port_loads)
    return float(latency), float(elements)


def bench_gloo(ps: list[int], repeats: int) -> None:
    n = 4
    schemes = ("ring-allreduce", "tree-allreduce")
    jobs = [GlooJob(s, n, p, repeats=repeats) for p in ps for s in schemes]
    print(f"\n== gloo on {n} processes (127.0.0.1), median of {repeats} repeats per point")
    t0 = time.perf_counter()
    results = run_gloo(jobs, seed=0, timeout_s=900,
                       progress=lambda m: print("   ", m) if "ready" in m else None)
    print(f"   run took {time.perf_counter() - t0:.1f} s")
    rows = []
    for r in results:
        lat, elems = model_features(r.job.scheme, r.job.n, r.job.p)
        rows.append((r.job.scheme, r.job.p, lat, elems, r.seconds, r.allreduce_seconds,
                     r.max_abs_error))
    fit_idx = [i for i, row in enumerate(rows) if ps.index(row[1]) % 2 == 0]
    a = np.array([[rows[i][2], BYTES * rows[i][3]] for i in fit_idx])
    y = np.array([rows[i][4] for i in fit_idx])
    (alpha, inv_bw), *_ = np.linalg.lstsq(a, y, rcond=None)
    clamped = ""
    if alpha < 0:  # latency below resolution: refit bandwidth only
        alpha = 0.0
        inv_bw = float(np.linalg.lstsq(a[:, 1:], y, rcond=None)[0][0])
        clamped = " (alpha clamped to 0)"
    print(f"   fitted on p in {sorted({rows[i][1] for i in fit_idx})}: alpha = "
          f"{alpha * 1e6:.1f} us per message, B = {1 / inv_bw / 1e9:.3f} GB/s{clamped}")
    print(f"{'scheme':<16}{'p':>10}{'set':>6}{'measured s':>12}{'model s':>10}"
          f"{'meas/model':>11}{'sched/all_reduce':>17}{'max|err|':>10}")
    errors = []
    for i, (scheme, p, lat, elems, sec, ar_sec, err) in enumerate(rows):
        model = alpha * lat + inv_bw * BYTES * elems
        which = "fit" if i in fit_idx else "test"
        if which == "test":
            errors.append(abs(sec - model) / sec)
        print(f"{scheme:<16}{p:>10}{which:>6}{sec:>12.5f}{model:>10.5f}{sec / model:>11.2f}"
              f"{sec / max(ar_sec, 1e-9):>17.2f}{err:>10.1e}")
    print(f"   held-out prediction error: median {np.median(errors) * 100:.0f}%, "
          f"max {max(errors) * 100:.0f}% over {len(errors)} points")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a smoke run)")
    args = parser.parse_args()
    sizes = [16, 32, 64, 128] if args.quick else [16, 32, 64, 128, 256, 512, 1024]
    bench_simulator(sizes)
    ps = ([10**4, 10**5, 10**6] if args.quick else
          [10**4, 3 * 10**4, 10**5, 3 * 10**5, 10**6, 3 * 10**6, 10**7])
    bench_gloo(ps, repeats=3)


if __name__ == "__main__":
    main()
