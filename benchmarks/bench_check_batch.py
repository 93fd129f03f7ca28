"""Batch checking speed of two source trees side by side (a script, not a test): documents per
second of ``check_answer`` against a solved problem, the part of ``optiproof check PROBLEM
FOLDER`` that grows with the folder.

For each bundled problem text, every corpus answer to it (all blind batches) is checked in a
fresh process of each tree: the problem is solved once with its witnesses (not timed), one
answer is checked to load the checker (not timed), then every answer is checked once (timed).
The trees alternate run by run so that both see the same machine; the machine is shared, so
compare the ratio, not the seconds. Target (issue 14): at least 20 documents per second.

Usage:
    python benchmarks/bench_check_batch.py --baseline /path/to/other/src [--repeat N]
                                           [--only STEM]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "src" / "optiproof" / "problems" / "texts"
CORPUS = ROOT / "tests" / "checking" / "corpus"
TARGET_DOCS = 20.0

_CHILD = r"""
import json, sys, time
from pathlib import Path
from optiproof.checking import check_answer
from optiproof.core.options import SolveOptions
from optiproof.loading import load_problem_any
from optiproof.pipeline import solve_problem

problem, docs = sys.argv[1], [Path(p) for p in sys.argv[2:]]
solution = solve_problem(load_problem_any(problem), SolveOptions(figures=False))
texts = [d.read_text(encoding="utf-8") for d in docs]
check_answer(solution, texts[0], strict_problem=False)
start = time.perf_counter()
for text in texts:
    check_answer(solution, text, strict_problem=False)
print(json.dumps({"docs": len(texts), "seconds": time.perf_counter() - start}))
"""


def answers_to(stem: str) -> list[Path]:
    """The corpus answer documents to the bundled problem ``stem``, in name order."""
    return sorted(p for p in CORPUS.glob(f"*/{stem}/*") if p.suffix in (".md", ".txt"))


def run(src: Path, stem: str) -> float:
    """Documents per second of one fresh process of the tree ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    docs = [str(p) for p in answers_to(stem)]
    out = subprocess.run([sys.executable, "-c", _CHILD, str(TEXTS / f"{stem}.txt"), *docs],
                         env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    return got["docs"] / got["seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", type=Path, required=True,
                        help="the src folder of the tree to compare with")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", help="one problem stem")
    args = parser.parse_args()
    trees = {"before": args.baseline.resolve(), "after": ROOT / "src"}
    stems = [args.only] if args.only else sorted(p.stem for p in TEXTS.glob("*.txt"))
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, "
          f"{os.cpu_count()} cores; median of {args.repeat} runs, documents/s")
    print(f"{'problem':<30}{'docs':>6}{'before':>9}{'after':>9}{'after/before':>14}"
          f"{'/target':>9}")
    for stem in stems:
        rates: dict[str, list[float]] = {name: [] for name in trees}
        for i in range(args.repeat):
            order = list(trees) if i % 2 == 0 else list(trees)[::-1]
            for name in order:
                rates[name].append(run(trees[name], stem))
        before, after = (statistics.median(rates[n]) for n in ("before", "after"))
        print(f"{stem:<30}{len(answers_to(stem)):>6}{before:>9.1f}{after:>9.1f}"
              f"{after / before:>14.2f}{after / TARGET_DOCS:>9.2f}", flush=True)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
