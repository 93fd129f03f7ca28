"""Benchmark of untrusted input at the size limits (a script, not a test).

1. Answer documents of 400 kB in adversarial shapes (short lines of math, unclosed display
   math, one long line, tables, bare formulas, nested environments, optimizer names, terminal
   panels, HTML): the time of reading the claims alone and of the whole check against a solved
   problem. Target: <= 2 s each.
2. Problem texts in adversarial shapes at the reader's limits: just under 40 kB of clean text (read
   in full), just under the 200 kB input limit (cleaned, then refused as more than one problem),
   and 400 kB (refused at once). Target: <= 2 s each.
3. The math parser on the largest formulas its limits accept.

Everything is measured in this one run. Usage:
    python benchmarks/bench_untrusted.py [--quick]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from importlib import resources

from optiproof.checking import check_answer
from optiproof.checking.claims import read_claims
from optiproof.checking.document import read_document
from optiproof.checking.segment import lay_out
from optiproof.core.errors import BadInput
from optiproof.core.mathparse import MathParseError, parse_math

TARGET_S = 2.0
ANSWER_BYTES = 400_000
PROBLEM_BYTES = 200_000


def _fill(unit: str, size: int, head: str = "") -> str:
    """``head`` then ``unit`` repeated, cut to ``size`` bytes of UTF-8."""
    text = head + unit * (size // max(len(unit.encode()), 1) + 1)
    return text.encode()[:size].decode(errors="ignore")


ANSWERS: dict[str, Callable[[int], str]] = {
    "short lines of inline math": lambda n: _fill("$x_1$ y\n", n, "(a) $u = -\\frac{\\alpha}{2} g$\n"),
    "unclosed \\[ on every line": lambda n: _fill("\\[ a = 1 " * 40 + "\n", n),
    "one line of \\[": lambda n: _fill("\\[", n),
    "unclosed $$ blocks": lambda n: _fill("$$ x = \\frac{1}{2}\n", n),
    "dollar soup": lambda n: _fill("$ $$ \\$ $x$ ", n),
    "long lines of inline math": lambda n: _fill("$x$ " * 999 + "\n", n),
    "table rows": lambda n: _fill("| (a) | $-\\frac{\\alpha}{2} g$ | 2n(n-1) |\n", n,
                                  "| part | update | messages |\n|---|---|---|\n"),
    "bare formulas": lambda n: _fill("messages: 2n(n-1), size = p/n; u is -alpha/2 * g.\n", n),
    "colons and equals": lambda n: _fill(": = is " * 500 + "\n", n),
    "unclosed matrices": lambda n: _fill("$$\\begin{bmatrix} 1 & 2 \\\\ " * 20 + "$$\n", n),
    "vectors": lambda n: _fill("(a) u = [0.99, 0.099, 0.0099]; (b) 2*(1, 2, 3)\n", n),
    "optimizer names and bold": lambda n: _fill("**SignSGD** or Adam, Lion, **Muon**: "
                                                "gradient descent **converges**. " * 30 + "\n", n),
    "brackets without commas": lambda n: _fill("$(" * 1000 + "$\n", n),
    "headings": lambda n: _fill("(a)\n**(b)**\nPart c\n", n),
    "terminal panels": lambda n: _fill("│   Number of messages (ring   M = 2n(n − 1) (  │\n"
                                       "│                              all-reduce)       │\n", n,
                                       "╭─ Part (a) ─╮\n"),
    "HTML formulas": lambda n: _fill('<span class="katex"><math><annotation encoding="applicatio'
                                     'n/x-tex">u = -\\frac{\\alpha}{2} g</annotation></math>'
                                     "</span> and ", n, "<!DOCTYPE html><html><body>"),
}

PROBLEMS: dict[str, Callable[[int], str]] = {
    "the bundled text, repeated": lambda n: _fill(
        resources.files("optiproof").joinpath("problems", "texts",
                                              "penalized-linear-improvement.txt").read_text(), n),
    "short numbered lines": lambda n: _fill("(a) Let g = (3, -1, 2) and α = 0.5.\n", n),
    "one long line of numbers": lambda n: _fill("1.5, ", n, "g = ["),
    "norm bars": lambda n: _fill("‖Δθ‖_2^2 ‖x‖ ", n),
    "math delimiters": lambda n: _fill("$\\frac{1}{2}$ \\[ \\( ", n),
    "unbalanced brackets": lambda n: _fill("[(", n),
}


def timed(fn: Callable[[], object]) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        fn()
        outcome = "ok"
    except BadInput as err:
        outcome = f"refused: {str(err)[:60]}"
    return time.perf_counter() - start, outcome


def bench_answers(size: int) -> list[float]:
    from optiproof.core.options import SolveOptions
    from optiproof.loading import load_problem_any
    from optiproof.pipeline import solve_problem

    text = resources.files("optiproof").joinpath("problems", "texts",
                                                 "penalized-linear-improvement.txt")
    solution = solve_problem(load_problem_any(str(text)), SolveOptions(figures=False))

    def claims(doc: str) -> object:
        document = read_document(doc)
        return read_claims(document, lay_out(document, solution))

    print(f"== answer documents of {size // 1000} kB: reading the claims, then the whole check")
    print(f"{'shape':<30}{'claims s':>11}{'check s':>10}  outcome")
    claims("(a) warm-up $x$")
    times = []
    for name, make in ANSWERS.items():
        doc = make(size)
        t_claims, _ = timed(lambda: claims(doc))
        t_check, outcome = timed(lambda: check_answer(solution, doc, strict_problem=False))
        times.append(t_check)
        print(f"{name:<30}{t_claims:>11.2f}{t_check:>10.2f}  {outcome}")
    return times


def bench_problems(size: int) -> list[float]:
    from optiproof.reading import MAX_READ_CHARS, read_report

    print(f"\n== problem texts: {MAX_READ_CHARS // 1000} kB of clean text, the {size // 1000} kB "
          "input limit, twice that")
    print(f"{'shape':<38}{'read s':>8}  outcome")
    times = []
    for name, make in PROBLEMS.items():
        for n in (MAX_READ_CHARS - 2000, size - 1, 2 * size):
            doc = make(n)
            seconds, outcome = timed(lambda: read_report(doc))
            times.append(seconds)
            print(f"{name + f' ({n // 1000} kB)':<38}{seconds:>8.2f}  {outcome}")
    return times


def bench_parser() -> list[float]:
    print("\n== the math parser at its limits")
    shapes = {
        "1,400 numbers in a vector": "[" + ", ".join(["0.123"] * 1400) + "]",
        "1,000-term sum": " + ".join(f"x_{k}" for k in range(1000)),
        "40x40 LaTeX matrix": r"\begin{bmatrix}" + r"\\".join(
            " & ".join(["1/3"] * 40) for _ in range(40)) + r"\end{bmatrix}",
        "39 nested brackets": "(" * 39 + "x" + ")" * 39,
        "power tower 10^(64^5)": "10^(64^5)",
        "10,000 characters": "x" * 10_000,
    }
    times = []
    for name, text in shapes.items():
        start = time.perf_counter()
        try:
            parse_math(text)
            outcome = "read"
        except MathParseError as err:
            outcome = f"refused: {err.reason[:50]}"
        seconds = time.perf_counter() - start
        times.append(seconds)
        print(f"{name:<30}{seconds * 1000:>9.1f} ms  {outcome}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    worst = max(bench_answers(ANSWER_BYTES // scale) + bench_problems(PROBLEM_BYTES // scale)
                + bench_parser())
    verdict = "within" if worst <= TARGET_S else "OVER"
    print(f"\nslowest: {worst:.2f} s ({verdict} the {TARGET_S:.0f} s target)")


if __name__ == "__main__":
    main()
