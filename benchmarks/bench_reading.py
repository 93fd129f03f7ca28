"""Reading time: every problem text of the test corpora against the 0.2 s target, and
adversarial and random texts against the one-second limit.

    python benchmarks/bench_reading.py

Prints the median, mean and slowest times to read (or refuse) the corpus texts (every folder of
tests/reading/corpus - the reading corpus, the blind batches, the coverage shapes, the refusals -
and the bundled texts) and the five slowest, then each adversarial text - long runs of
one unit at the reader's size limit and at the raw input limit - and random texts, and the
slowest of all, next to the one-second limit.
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from optiproof.core.errors import OptiproofError
from optiproof.reading import read_report

SEED = "Steepest descent: argmin g^T d + (1/α)‖d‖_2^2; SGD converges; n workers send messages.\n"
UNITS = ["(", "[", "|", "‖", "/", "//", "1", "1,", "0.1,", "\\", "$", "$$", "^", "_", "\n",
         "(a) ", "argmin\n", "‖x‖ 2 ", "θ_0 = ", "10^", "[1, 2] ", "\\frac{1}{", "α"]
ALPHABET = list("()[]{}|‖/\\$^_=+-*.,;:0123456789 \n\tαθη∞Δabgnpux") + [
    "argmin", "‖x‖_2^2", "(a)", "[1, 2]", "θ_0 = 0", "workers", "\\begin{bmatrix}"]


def timed(text: str) -> float:
    start = time.perf_counter()
    try:
        read_report(text)
    except OptiproofError:
        pass
    return time.perf_counter() - start


ROOT = Path(__file__).resolve().parents[1]
CORPORA = sorted(p for p in (ROOT / "tests" / "reading" / "corpus").iterdir() if p.is_dir())
CORPORA.append(ROOT / "src" / "optiproof" / "problems" / "texts")


def corpus_times() -> tuple[float, list[tuple[str, float]]]:
    """(seconds of the first, cold pass over the corpus, [(file name, seconds)] of a second
    pass): the cold pass pays the one-time imports (SymPy for the math objects)."""
    paths = sorted(p for folder in CORPORA for p in folder.iterdir()
                   if p.suffix in (".txt", ".md", ".tex"))
    texts = [(f"{p.parent.name}/{p.name}", p.read_text(encoding="utf-8")) for p in paths]
    cold = max(timed(text) for _, text in texts)
    return cold, [(name, timed(text)) for name, text in texts]


def main() -> None:
    cold, texts = corpus_times()
    slow = max(texts, key=lambda r: r[1])
    print(f"first pass (one-time imports included): slowest text {cold:.3f} s")
    seconds = [t for _, t in texts]
    mean, median = statistics.mean(seconds), statistics.median(seconds)
    print(f"{len(texts)} corpus texts: median {median:.3f} s, mean {mean:.3f} s "
          f"({'within' if max(mean, median) <= 0.2 else 'OVER'} the 0.2 s per-text target), "
          f"slowest {slow[0]} {slow[1]:.3f} s "
          f"({'within' if slow[1] <= 1.0 else 'OVER'} the one-second limit)")
    for name, t in sorted(texts, key=lambda r: -r[1])[:5]:
        print(f"  {t:.3f} s  {name}")
    rows = []
    for unit in UNITS:
        rows.append((f"{unit!r} x to 38 kB", timed(SEED + unit * (38_000 // len(unit)))))
        rows.append((f"{unit!r} x to 190 kB", timed(SEED + unit * (190_000 // len(unit.encode())))))
    rng = random.Random(0)
    random_times = [timed(SEED + "".join(rng.choice(ALPHABET) for _ in range(2000)))
                    for _ in range(200)]
    rows.append(("200 random texts (slowest)", max(random_times)))
    width = max(len(name) for name, _ in rows)
    print(f"{'input':<{width}}  seconds  / 1 s target")
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:7.3f}  {seconds / 1.0:6.2f}")
    slowest = max(rows, key=lambda r: r[1])
    print(f"slowest: {slowest[0]} in {slowest[1]:.3f} s "
          f"({'within' if slowest[1] < 1.0 else 'OVER'} the one-second target)")


if __name__ == "__main__":
    main()
