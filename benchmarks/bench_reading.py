"""Reading time of adversarial and random problem texts: the slowest case, in one run.

    python benchmarks/bench_reading.py

Prints the time to read (or refuse) each adversarial text - long runs of one unit at the
reader's size limit and at the raw input limit - and of random texts, and the slowest of all,
next to the one-second target.
"""

from __future__ import annotations

import random
import time

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


def main() -> None:
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
