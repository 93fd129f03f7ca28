"""The speed targets of `optiproof check` (a script, not a test): a 10 kB answer checked end to
end including solving, and batch mode in documents per second once the problem is solved.

1. For each bundled problem text, a 10 kB answer document: the corpus answers to that problem
   (every blind batch's, in name order) joined until the document passes 10 kB. ``optiproof
   check PROBLEM ANSWER --format json`` runs as a user runs it, in a fresh process with its
   witnesses: cold (an empty cache folder: reading, solving, witnesses, checking) and repeat (the
   same command again on the cache the first left). Target: cold under 3 s.
2. Batch mode: the corpus answers of each problem in one folder. The problem is solved once (with
   witnesses, as the CLI does); then ``check_folder`` grades the folder and writes its report
   pages and summary, as ``optiproof check PROBLEM FOLDER`` does once it has the solution.
   Target: at least 20 documents per second.

With ``--baseline SRC`` the CLI rows also run from another source tree (e.g. an unpacked older
commit), interleaved with this one so both see the same machine, and print after/before. The
machine is shared: the header prints the load average; compare ratios, not seconds. Usage:
    python benchmarks/bench_check_speed.py [--quick] [--repeat N] [--baseline SRC]
                                            [--only cli|batch]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_cli import ROOT, Tree, run_cli

TEXTS = ROOT / "src" / "optiproof" / "problems" / "texts"
CORPUS = ROOT / "tests" / "checking" / "corpus"
DOC_BYTES = 10_000
TARGET_S = 3.0
TARGET_DOCS = 20.0


def answers_to(stem: str) -> list[Path]:
    """The corpus answer documents to the bundled problem ``stem``, in name order."""
    return sorted(p for p in CORPUS.glob(f"*/{stem}/*") if p.suffix in (".md", ".txt"))


def ten_kb_answer(stem: str, folder: Path) -> Path:
    """A document of just over 10 kB made of the corpus answers to ``stem``, whole lines."""
    lines: list[str] = []
    for doc in answers_to(stem):
        for line in doc.read_text(encoding="utf-8").splitlines():
            lines.append(line)
            if len("\n".join(lines).encode()) > DOC_BYTES:
                break
        if len("\n".join(lines).encode()) > DOC_BYTES:
            break
        lines.append("")
    path = folder / f"{stem}-10kB.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cli_rows(stems: list[str], trees: list[Tree], repeat: int, work: Path) -> None:
    """Section 1: the cold and repeat CLI check of a 10 kB answer, per problem and tree."""
    names = [t.name for t in trees]
    print(f"== check of a 10 kB answer, end to end (median of {repeat}; target {TARGET_S} s cold)")
    head = f"{'problem':<30}{'bytes':>7}" + "".join(f"{n + ' cold':>12}{n + ' repeat':>14}"
                                                    for n in names)
    print(head + (f"{'after/before':>14}" if len(trees) == 2 else "") + f"{'/target':>9}")
    for stem in stems:
        answer = ten_kb_answer(stem, work)
        args = ["check", str(TEXTS / f"{stem}.txt"), str(answer), "--format", "json"]
        cold: dict[str, list[float]] = {n: [] for n in names}
        warm: dict[str, list[float]] = {n: [] for n in names}
        for i in range(repeat):
            for tree in trees if i % 2 == 0 else trees[::-1]:
                cache = Path(tempfile.mkdtemp(dir=work))
                cold[tree.name].append(run_cli(tree, args, cache, ROOT).seconds)
                warm[tree.name].append(run_cli(tree, args, cache, ROOT).seconds)
        med = {n: (statistics.median(cold[n]), statistics.median(warm[n])) for n in names}
        line = f"{stem:<30}{answer.stat().st_size:>7}" + "".join(
            f"{c:>12.2f}{w:>14.2f}" for c, w in med.values())
        if len(trees) == 2:
            line += f"{med[names[1]][0] / med[names[0]][0]:>14.2f}"
        print(line + f"{med[names[-1]][0] / TARGET_S:>9.2f}", flush=True)


def batch_rows(stems: list[str], work: Path, limit: int) -> None:
    """Section 2: documents per second of ``check_folder`` against a solved problem."""
    from optiproof.checking.batch import check_folder
    from optiproof.core.options import SolveOptions
    from optiproof.loading import load_problem_any
    from optiproof.pipeline import solve_problem

    print(f"\n== batch mode once the problem is solved (target {TARGET_DOCS:.0f} documents/s)")
    print(f"{'problem':<30}{'solve s':>9}{'docs':>6}{'batch s':>9}{'docs/s':>8}{'/target':>9}")
    total_docs = total_s = 0.0
    for stem in stems:
        folder = work / f"batch-{stem}"
        folder.mkdir()
        for k, doc in enumerate(answers_to(stem)[:limit]):
            (folder / f"{k:03d}-{doc.name}").write_bytes(doc.read_bytes())
        start = time.perf_counter()
        solution = solve_problem(load_problem_any(str(TEXTS / f"{stem}.txt")),
                                 SolveOptions(figures=False))
        solve_s = time.perf_counter() - start
        start = time.perf_counter()
        summary = check_folder(solution, folder, work / f"out-{stem}")
        seconds = time.perf_counter() - start
        docs = len(summary["files"])
        total_docs += docs
        total_s += seconds
        print(f"{stem:<30}{solve_s:>9.2f}{docs:>6}{seconds:>9.2f}{docs / seconds:>8.1f}"
              f"{docs / seconds / TARGET_DOCS:>9.2f}", flush=True)
    print(f"overall: {total_docs / total_s:.1f} documents/s ({int(total_docs)} documents in "
          f"{total_s:.2f} s, solving excluded)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="two problems, one CLI run each, 12 documents per batch")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="the src folder of the tree to compare")
    parser.add_argument("--only", choices=("cli", "batch"), help="run one section")
    args = parser.parse_args()
    stems = sorted(p.stem for p in TEXTS.glob("*.txt"))
    if args.quick:
        stems = stems[:2]
    repeat = 1 if args.quick else args.repeat
    trees = [Tree("after" if args.baseline else "now", ROOT / "src")]
    if args.baseline:
        trees.insert(0, Tree("before", args.baseline.resolve()))
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, "
          f"{os.cpu_count()} cores, python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        work = Path(tmp)
        if args.only != "batch":
            for tree in trees:  # compile every module once, as an installed package has
                run_cli(tree, ["read", str(TEXTS / f"{stems[0]}.txt")], work / "warm-cache",
                        ROOT)
            cli_rows(stems, trees, repeat, work)
        if args.only != "cli":
            batch_rows(stems, work, 12 if args.quick else 1000)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
