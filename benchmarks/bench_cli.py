"""The command line as a user runs it: wall time and peak memory of whole processes, against the
targets of the speed issue (a script, not a test).

Every command runs in a fresh process (with Python's bytecode cache, as an installed package
has it) with an empty cache folder (cold), with ``--no-witness``,
and a second time with the cache the first run left (repeat: a cache hit where there is a
cache). With ``--baseline SRC`` the same commands also run from another source tree (e.g. an
unpacked older commit) with this interpreter, interleaved with the current tree so both see the
same machine; each row then shows before, after and after/before. All figures come from this
one run: medians of ``--repeat`` runs (wall time; CPU time and peak memory of that same run,
which read a loaded machine better than wall time does). Usage:
    python benchmarks/bench_cli.py [--repeat N] [--baseline SRC] [--quick]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBLEMS = "src/optiproof/problems"
TEXTS = f"{PROBLEMS}/texts"
CORPUS = "tests/checking/corpus"
SOLVE_TARGETS = {"penalized-linear-improvement": 1.2, "distributed-training": 1.2,
                 "optimizer-convergence": 3.0, "quadratic-dynamics": 3.0, "adam-mechanics": 3.0}
CHECKS = [(f"{TEXTS}/penalized-linear-improvement.txt",
           f"{CORPUS}/penalized-linear-improvement/wrong-update-b.md"),
          (f"{TEXTS}/optimizer-convergence.txt", f"{CORPUS}/optimizer-convergence/wrong-c-value.md"),
          (f"{PROBLEMS}/distributed-training.yaml", f"{CORPUS}/distributed-training/wrong-ring-size.md"),
          (f"{PROBLEMS}/steepest-descent-numeric.yaml",
           f"{CORPUS}/steepest-descent-numeric/wrong-b-length.md")]
BATCH = (f"{TEXTS}/optimizer-convergence.txt", f"{CORPUS}/optimizer-convergence", 30)


@dataclass(frozen=True)
class Tree:
    """A source tree to run the CLI from (its ``src`` goes first on the path)."""

    name: str
    src: Path


@dataclass
class Run:
    """One finished process: wall seconds, CPU seconds (its own and its reaped children's),
    peak resident memory (MB) and exit code."""

    seconds: float
    cpu: float
    peak_mb: float
    code: int


def run_cli(tree: Tree, args: list[str], cache: Path, cwd: Path) -> Run:
    """Run ``python -m optiproof ARGS`` from ``tree`` with ``cache`` as the user cache folder."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(tree.src), XDG_CACHE_HOME=str(cache))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "optiproof", *args], cwd=cwd, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
               proc.returncode)


@dataclass
class Row:
    """One target: a label, its limit in seconds, and how to measure it."""

    label: str
    limit: float | None
    args: list[str]
    mode: str = "cold"
    """cold (empty cache), no-witness, or repeat (timed second run of the same command)."""
    once: bool = False
    """Measured once per tree whatever ``--repeat`` says (the long batch rows)."""
    runs: dict[str, list[Run]] = field(default_factory=dict)


def measure(rows: list[Row], trees: list[Tree], repeat: int, work: Path) -> None:
    """Fill every row's runs, alternating trees so they share the machine's conditions."""
    for i in range(repeat):
        for row in rows:
            if row.once and i:
                continue
            for tree in trees if i % 2 == 0 else trees[::-1]:
                cache = Path(tempfile.mkdtemp(dir=work))
                args = [a.replace("{out}", str(cache / "out")) for a in row.args]
                if row.mode == "repeat":
                    run_cli(tree, args, cache, ROOT)
                elif row.mode == "no-witness":
                    args = [*args, "--no-witness"]
                row.runs.setdefault(tree.name, []).append(run_cli(tree, args, cache, ROOT))
                shutil.rmtree(cache, ignore_errors=True)


def batch_folder(work: Path) -> Path:
    """A folder of ``BATCH[2]`` answer documents, the corpus folder's repeated."""
    _, source, count = BATCH
    folder = work / "batch"
    folder.mkdir()
    docs = sorted((ROOT / source).iterdir())
    for i in range(count):
        doc = docs[i % len(docs)]
        shutil.copy(doc, folder / f"{i:02d}-{doc.name}")
    return folder


def plan(work: Path, quick: bool) -> list[Row]:
    """The rows of the table: each target of the issue, and the side-by-side modes."""
    rows = [Row("optiproof --help", 0.1, ["--help"]),
            Row("read (penalized-linear-improvement.txt)", 0.25,
                ["read", f"{TEXTS}/penalized-linear-improvement.txt"])]
    for stem, limit in SOLVE_TARGETS.items():
        solve = ["solve", f"{TEXTS}/{stem}.txt", "--format", "json"]
        rows += [Row(f"solve {stem} (cold)", limit, solve),
                 Row(f"solve {stem} --no-witness", None, solve, "no-witness"),
                 Row(f"solve {stem} (repeat: cache hit)", 0.3, solve, "repeat")]
    if quick:
        return rows
    for problem, answer in CHECKS:
        rows.append(Row(f"check {Path(answer).parent.name}/{Path(answer).name} (cold)", 3.0,
                        ["check", problem, answer, "--format", "json"]))
    rows.append(Row(f"check batch of {BATCH[2]} documents (cold)", 10.0,
                    ["check", BATCH[0], str(batch_folder(work)), "--out", "{out}"], once=True))
    rows.append(Row("demo (second run)", 2.0, ["demo", "--out", "{out}"], "repeat", once=True))
    return rows


def median(runs: list[Run]) -> Run:
    """The run of median wall time (exit code and memory of that same run)."""
    return sorted(runs, key=lambda r: r.seconds)[(len(runs) - 1) // 2]


def report(rows: list[Row], trees: list[Tree]) -> None:
    """Print each target with the measured values and the ratios."""
    names = [t.name for t in trees]
    head = f"{'target':<58}{'limit s':>8}" + "".join(
        f"{n + ' s':>10}{'cpu s':>7}{'MB':>6}{'rc':>3}" for n in names)
    head += f"{'/limit':>8}" + (f"{'after/before':>13}" if len(trees) == 2 else "")
    print(head)
    for row in rows:
        cells = {n: median(row.runs[n]) for n in names}
        line = f"{row.label:<58}{'' if row.limit is None else f'{row.limit:.2f}':>8}"
        line += "".join(f"{c.seconds:>10.2f}{c.cpu:>7.2f}{c.peak_mb:>6.0f}{c.code:>3}"
                        for c in cells.values())
        last = cells[names[-1]]
        line += f"{'' if row.limit is None else f'{last.seconds / row.limit:.2f}':>8}"
        if len(trees) == 2:
            line += f"{last.seconds / cells[names[0]].seconds:>13.2f}"
        print(line)
    print()
    print("side by side (current tree): cold / --no-witness, cold / repeat")
    by_label = {r.label: r for r in rows}
    for stem in SOLVE_TARGETS:
        cold, bare, hit = (median(by_label[f"solve {stem} {m}"].runs[names[-1]]).seconds
                           for m in ("(cold)", "--no-witness", "(repeat: cache hit)"))
        print(f"  {stem:<32} cold {cold:6.2f} s  = {cold / bare:5.2f} x no-witness "
              f"({bare:.2f} s)  = {cold / hit:6.1f} x repeat ({hit:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="the src folder of the tree to compare")
    parser.add_argument("--quick", action="store_true", help="solve and read rows only")
    args = parser.parse_args()
    trees = [Tree("after" if args.baseline else "now", ROOT / "src")]
    if args.baseline:
        trees.insert(0, Tree("before", args.baseline.resolve()))
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        work = Path(tmp)
        rows = plan(work, args.quick)
        for tree in trees:  # compile every module once, as an installed package has
            run_cli(tree, ["demo", "--out", str(work / "warm")], work / "warm-cache", ROOT)
        measure(rows, trees, args.repeat, work)
        report(rows, trees)


if __name__ == "__main__":
    main()
