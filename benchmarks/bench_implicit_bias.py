"""Benchmark: closed form vs running the optimizer to convergence, implicit-bias family.

For d in {3, 100, 1000} and m in {1, 10, 100} with m < d, on random integer data (consistent by
construction), time

- the closed form (``solve``: exact SymPy up to LIMITS.exact_max_entries entries, float64 above),
- the numpy simulation of the method to convergence, and
- the real PyTorch optimizer to convergence (the witness),

and print the iterations needed and the ratios simulation/closed form, all measured in one run.

    /work/venv/bin/python benchmarks/bench_implicit_bias.py [--methods gd sgd]
"""

from __future__ import annotations

import argparse
import time

import numpy as np


def instance(m: int, d: int, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    X = rng.integers(-3, 4, size=(m, d))
    while np.linalg.matrix_rank(X) < m:
        X = rng.integers(-3, 4, size=(m, d))
    y = X @ rng.integers(-2, 3, size=d)
    return {"X": X.tolist(), "y": y.tolist(), "theta0": rng.integers(-1, 2, size=d).tolist()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--methods", nargs="+", default=["gd", "sgd"])
    args = ap.parse_args()

    import torch

    from optiproof.families.implicit_bias.simulate import simulate
    from optiproof.families.implicit_bias.solve import solve
    from optiproof.families.implicit_bias.spec import Spec
    from optiproof.families.implicit_bias.witness import real_optimizer_check

    torch.set_num_threads(1)
    warm = Spec(a=[1, 2, 3], b=1, method="gd")  # import and warm up sympy/torch outside timing
    real_optimizer_check(warm, solve(warm, figures=False))
    header = (f"{'method':8} {'d':>5} {'m':>4} {'exact':>5} {'closed[s]':>10} {'numpy[s]':>9} "
              f"{'iters':>7} {'torch[s]':>9} {'torch/closed':>12} {'numpy/closed':>12} "
              f"{'max err':>9}")
    print(header)
    print("-" * len(header))
    for method in args.methods:
        for d in (3, 100, 1000):
            for m in (1, 10, 100):
                if m >= d:
                    continue
                spec = Spec(**instance(m, d, seed=d * 1000 + m), method=method)
                t = time.perf_counter()
                sol = solve(spec, figures=False)
                closed = time.perf_counter() - t
                t = time.perf_counter()
                run = simulate(spec)
                numpy_s = time.perf_counter() - t
                t = time.perf_counter()
                check = real_optimizer_check(spec, sol)
                torch_s = time.perf_counter() - t
                exact = "yes" if m * d <= 4096 else "no"
                err = "n/a" if check.max_error is None else f"{check.max_error:.1e}"
                print(f"{method:8} {d:>5} {m:>4} {exact:>5} {closed:>10.4f} {numpy_s:>9.4f} "
                      f"{run.iterations:>7} {torch_s:>9.3f} {torch_s / closed:>12.1f} "
                      f"{numpy_s / closed:>12.2f} {err:>9}" +
                      ("" if check.passed else f"  [{check.status}: {check.detail[:60]}]"))


if __name__ == "__main__":
    main()
