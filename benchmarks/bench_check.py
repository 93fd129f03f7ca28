"""Benchmark of `optiproof check` (a script, not a test): answers checked per second.

Each corpus problem is solved once with its witnesses (the expensive part, timed separately),
then every answer document of the test corpus for that problem is checked ``--repeat`` times
against the same verified solution: solve once, check many. Everything is measured in this one
run. Usage:
    python benchmarks/bench_check.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "checking" / "corpus"


def main() -> None:
    from optiproof.checking import check_answer
    from optiproof.core.options import SolveOptions
    from optiproof.loading import load_problem_any
    from optiproof.pipeline import solve_problem

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    table = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
    by_problem: dict[str, list[str]] = {}
    for name, entry in table.items():
        by_problem.setdefault(entry["problem"], []).append(name)
    check_answer  # noqa: B018 - imported before timing
    total_docs = total_time = 0.0
    print(f"{'problem':<58} {'solve s':>8} {'answers':>8} {'checks/s':>9}")
    for problem, names in sorted(by_problem.items()):
        start = time.perf_counter()
        solution = solve_problem(load_problem_any(str(ROOT / problem)),
                                 SolveOptions(figures=False))
        solve_s = time.perf_counter() - start
        texts = [(CORPUS / n).read_text(encoding="utf-8") for n in names]
        check_answer(solution, texts[0])  # warm the parser caches' imports, not the results
        start = time.perf_counter()
        for _ in range(args.repeat):
            for text in texts:
                check_answer(solution, text)
        elapsed = time.perf_counter() - start
        n = args.repeat * len(texts)
        total_docs += n
        total_time += elapsed
        print(f"{problem:<58} {solve_s:>8.2f} {len(texts):>8} {n / elapsed:>9.1f}")
    print(f"overall: {total_docs / total_time:.1f} answers checked per second "
          f"({int(total_docs)} checks in {total_time:.2f} s, solving excluded)")


if __name__ == "__main__":
    main()
