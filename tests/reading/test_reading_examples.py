"""Acceptance: the three pasted examples (tests/reading/examples, as users pasted them) read
into the bundled specs and solve to the seed answers."""

from __future__ import annotations

import pytest
import sympy as sp

import optiproof
from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import describe, read_problem, read_report

from reading_helpers import BUNDLED, EXAMPLES, diff, problem_parts

NAMES = ["penalized-linear-improvement", "optimizer-convergence", "distributed-training"]


def _text(name: str) -> str:
    return (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def problems() -> dict:
    return {name: read_problem(_text(name)) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_example_reads_as_bundled_spec(problems, name):
    read = problems[name]
    bundled = optiproof.load_problem(BUNDLED / f"{name}.yaml")
    got, want = problem_parts(read), problem_parts(bundled)
    assert got == want, diff(got, want)
    assert read.title.lower() == bundled.title.lower()


@pytest.mark.parametrize("name", NAMES)
def test_example_describe_names_sources(name):
    text = describe(read_report(_text(name)))
    assert "Status: complete" in text
    assert "<-" in text  # every parameter shows the phrase it came from
    if name == "penalized-linear-improvement":
        assert "norm = l2" in text and "norm = linf" in text and "Euclidean" in text
    elif name == "optimizer-convergence":
        assert "method = epochwise-adaptive" in text and "[1, 0.1, 0.01]θ = 1" in text
    else:
        assert "n(2(n - 1))" in text and "Print Image" in text  # debris listed as ignored


@pytest.fixture(scope="module")
def solutions(problems) -> dict:
    return {name: solve_problem(problems[name], SolveOptions(run_witnesses=False))
            for name in NAMES}


def _answer(part, name):
    return next(a for a in part.answers if a.name == name)


def test_steepest_descent_example_solves(solutions):
    a, b = solutions["penalized-linear-improvement"].parts
    assert a.identified_as == "gradient descent"
    assert b.identified_as == "sign gradient descent"
    ua, ub = _answer(a, "update").expr, _answer(b, "update").expr
    alpha = next(s for s in ua.free_symbols if "alpha" in s.name)
    g = next(s for s in ua.atoms(sp.MatrixSymbol))
    assert sp.simplify(ua - (-alpha / 2) * g) == sp.ZeroMatrix(*g.shape) or \
        sp.simplify((ua + alpha / 2 * g).as_explicit()) == sp.zeros(*g.shape)
    text = sp.sstr(ub)
    assert "norm_1(g)" in text and "sign(g)" in text and "alpha" in text


def test_implicit_bias_example_solves(solutions):
    limits = [_answer(p, "limit").expr for p in solutions["optimizer-convergence"].parts]
    one = sp.Rational(1)
    assert limits[0] == sp.Matrix([1, sp.Rational(1, 10), sp.Rational(1, 100)]) / \
        sp.Rational(10101, 10000)
    assert limits[1] == sp.Matrix([one, one, one]) / sp.Rational(111, 100)
    assert limits[2] == sp.Matrix([sp.Rational(1, 3), sp.Rational(10, 3), sp.Rational(100, 3)])


def test_communication_example_solves(solutions):
    (part,) = solutions["distributed-training"].parts
    n, p = sp.symbols("n p", positive=True, integer=True)
    got = {a.name: a.expr for a in part.answers}

    def cell(prefix):
        return next(v for k, v in got.items() if k.startswith(prefix))

    def same(x, y):
        return sp.simplify(x.subs({s: sp.Symbol(s.name) for s in x.free_symbols}) - y) == 0

    n_, p_ = sp.Symbol("n"), sp.Symbol("p")
    assert same(cell("all-to-all: number"), n_ * (n_ - 1))
    assert same(cell("all-to-all: size"), p_)
    assert same(cell("parameter server: number"), 2 * n_)
    assert same(cell("parameter server: size"), p_)
    assert same(cell("ring all-reduce: number"), 2 * n_ * (n_ - 1))
    assert same(cell("ring all-reduce: size"), p_ / n_)
    del n, p
