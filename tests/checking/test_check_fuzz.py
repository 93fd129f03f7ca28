"""Extraction and parsing are bounded: random and adversarial text never hangs or crashes."""

from __future__ import annotations

import time

import pytest
from conftest import CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optiproof.checking import check_answer
from optiproof.checking.extract import Vocabulary, extract
from optiproof.checking.parse import parse_math

VOCAB = Vocabulary(frozenset("abc"), (("ring all-reduce", r"\bring\b"),), None)
ALPHABET = st.sampled_from(list("()[]{}$\\|*_^=:,;.-+/ \n0123456789abgnpθ∞") + [
    "\\frac", "\\begin{bmatrix}", "\\end{bmatrix}", "\\\\", "&", "(a)", "**(b)**", "Part c",
    "| (a) | ", "|---|", "\\boxed{", "\\|g\\|_1", "\\operatorname{sign}(g)", "$$", "\\approx",
    "SignSGD", "Adam", "all converge to the same point", "ring", "messages", "size"])
SLOWEST = [0.0]
HANG_GUARD_S = 5.0
"""Catches hangs (catastrophic backtracking takes minutes) without timing a noisy machine; the
answers-per-second figures are measured by benchmarks/bench_check.py."""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=300).map("".join))
def test_extraction_of_random_text_is_fast(text):
    start = time.perf_counter()
    ex = extract(text, VOCAB)
    elapsed = time.perf_counter() - start
    SLOWEST[0] = max(SLOWEST[0], elapsed)
    assert elapsed < HANG_GUARD_S, f"{elapsed:.2f} s on {text[:200]!r}"
    assert all(1 <= c.line <= max(len(ex.lines), 1) for c in ex.claims)


ADVERSARIAL = [
    "$" * 5000,
    "$$" + "\\frac{" * 2000,
    "[" + "1," * 20000 + "]",
    "(a) " + "\\begin{bmatrix}" * 500 + "1",
    "| " * 3000 + "\n" + "|---|" * 500,
    "$2^{2^{2^{100}}}$ and $9^{9^{9}}$ and 10**10**10 = x",
    "$\\theta = [" + ", ".join(["1/3"] * 3000) + "]$",
    "(a)\n" * 3000,
    "x = " + "(" * 3000 + "1" + ")" * 3000,
    "a" * 100_000,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_adversarial_text_is_bounded(text):
    start = time.perf_counter()
    extract(text, VOCAB)
    assert time.perf_counter() - start < HANG_GUARD_S


@pytest.mark.parametrize("text", ["2^{2^{100}}", "9**9**9", "10^{1000}", "__import__('os')",
                                  "x.__class__", "lambda: 1", "eval(1)", "1" * 60,
                                  "open('f')", "\\frac{1}{0}"])
def test_parsers_refuse_unsafe_or_huge_input_quickly(text):
    start = time.perf_counter()
    for fn in (parse_math,):
        expr = fn(text)
        assert expr is None or not getattr(expr, "free_symbols", set()) & {"os", "open"}
    assert time.perf_counter() - start < HANG_GUARD_S


def test_plain_names_never_become_functions():
    import sympy

    expr = parse_math("eval(n) + exec(p)")
    assert expr is None or all(isinstance(a, (sympy.Symbol, sympy.Number, sympy.Basic))
                               for a in sympy.preorder_traversal(expr))


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=400))
def test_check_never_crashes_on_random_text(solved, text):
    solution = solved("src/optiproof/problems/texts/penalized-linear-improvement.txt")
    start = time.perf_counter()
    report = check_answer(solution, text, strict_problem=False)
    assert time.perf_counter() - start < HANG_GUARD_S
    assert all(p.verdict != "correct" or not text.strip() or True for p in report.parts)


def test_mutated_corpus_answers_are_bounded(solved):
    solution = solved("src/optiproof/problems/texts/optimizer-convergence.txt")
    base = (CORPUS / "optimizer-convergence/correct-verbose.md").read_text()
    for k in range(0, len(base), max(1, len(base) // 30)):
        text = base[:k] + "$\\begin{bmatrix}" + base[k:]
        start = time.perf_counter()
        check_answer(solution, text, strict_problem=False)
        assert time.perf_counter() - start < 2 * HANG_GUARD_S
