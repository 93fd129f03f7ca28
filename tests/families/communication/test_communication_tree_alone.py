"""'The tree' alone names the tree all-reduce when the text, or an earlier part, names that
scheme in full ("is the tree quicker than the ring?"); with no tree scheme named anywhere it names
nothing, and the part is refused. The crossover is checked against the two schemes' alpha-beta
times recomputed here."""

from __future__ import annotations

import math

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def _setup(n: int, with_tree: bool) -> str:
    tree = " or with a tree all-reduce (reduce to a root, then broadcast)" if with_tree else ""
    return (f"Gradients of p float32 entries are averaged over n = {n} GPUs with a ring "
            f"all-reduce{tree}. Sending m bytes costs alpha + m beta, alpha = 20 us, "
            "beta = 0.5 ns/byte.\n")


ASKS = [
    "(a) For which sizes p does the tree finish sooner than the ring? Give the threshold.",
    "(a) What is the break-even size p at which a tree is as quick as the ring all-reduce?",
    "(a) Find the gradient size p below which the tree is faster than the ring.",
]


def _crossover(n: int) -> float:
    """Tree: 2 log2 n steps of the whole vector; ring: 2(n - 1) steps of p/n entries."""
    alpha, beta = 20e-6, 0.5e-9 * 4
    steps = 2 * math.log2(n)
    # steps (alpha + beta p) = 2(n - 1)(alpha + beta p / n)
    return (2 * (n - 1) - steps) * alpha / (beta * (steps - 2 * (n - 1) / n))


@pytest.mark.parametrize("ask, n", list(zip(ASKS, (8, 16, 32))))
def test_the_tree_alone_is_the_tree_all_reduce_the_text_names(ask, n):
    reading = read_report(_setup(n, True) + ask)
    assert reading.complete, reading.unread()
    assert set(reading.parts[0].value("schemes")) == {"tree-allreduce", "ring-allreduce"}
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    got = [a for a in solution.parts[0].answers if a.quantity == "crossover"]
    assert len(got) == 1 and float(got[0].value) == pytest.approx(_crossover(n))


def test_the_tree_alone_takes_the_tree_of_an_earlier_part():
    text = (_setup(8, False) + "(a) Give the time of the ring.\n(b) Give the time of a tree "
            "all-reduce instead.\n(c) Below which p is the tree faster than the ring?")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert set(reading.parts[2].value("schemes")) == {"tree-allreduce", "ring-allreduce"}


@pytest.mark.parametrize("ask", ASKS)
def test_the_tree_with_no_tree_scheme_named_is_not_read_as_one(ask):
    reading = read_report(_setup(8, False) + ask)
    assert not reading.complete
    assert "tree-allreduce" not in (reading.parts[0].value("schemes") or [])
