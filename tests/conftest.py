"""Shared fixtures: synthetic solved problems built from real SymPy expressions."""

from __future__ import annotations

import struct
import zlib

import pytest
import sympy as sp

from optiproof.core.evidence import Check
from optiproof.core.solution import (
    Analysis,
    Answer,
    Equation,
    Figure,
    PartSolution,
    Solution,
    Step,
    Tex,
    Variable,
)


@pytest.fixture(autouse=True)
def _own_result_cache(tmp_path_factory, monkeypatch):
    """Every test (and every process it starts) gets an empty result cache of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


def tiny_png(width: int = 48, height: int = 24) -> bytes:
    """A real RGB gradient PNG, written by hand (no plotting library needed)."""
    rows = b"".join(b"\x00" + bytes(v for x in range(width)
                                     for v in (x * 5 % 256, y * 9 % 256, 128))
                    for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def make_part(label: str, status: str) -> PartSolution:
    """A steepest-descent-like part; ``status`` is verified | failed | inconclusive | none."""
    alpha = sp.Symbol("alpha", positive=True)
    g = sp.Matrix([3, -1, 2])
    u = -alpha / 2 * g
    objective = Equation.of(Tex("u"),
                            Tex(r"\arg\min_{d} \; g^\top d + \tfrac{1}{\alpha}\|d\|_2^2"))
    steps = [
        Step("Set the gradient of the objective to $0$",
             "The objective is a strictly convex quadratic in $d$, so its stationary point is "
             "the unique minimiser.",
             (Equation.of(Tex(r"\nabla_d \Big(g^\top d + \tfrac{1}{\alpha}\|d\|_2^2\Big)"),
                          Tex(r"g + \tfrac{2}{\alpha} d"), sp.Integer(0)),)),
        Step("Solve for $d$", "Rearranging gives the step; with the given $g$:",
             (Equation.of(Tex("u"), -alpha / 2 * sp.MatrixSymbol("g", 3, 1)),
              Equation.chain(Tex("u"), ("=", u), (r"\ne", sp.zeros(3, 1))))),
    ]
    answers = [Answer("update", "u", u, quantity="update", subject="l2"),
               Answer("step length", r"\|u\|_2", sp.sqrt(14) * alpha / 2,
                      quantity="step-length", subject="l2")]
    if label == "b":
        answers = [Answer("minimiser", "u", sp.Matrix([-sp.Rational(3, 2), 0, 0]),
                          status="set-valued", quantity="update", subject="l1",
                          set_description=r"any $u$ with $\|u\|_1 = \tfrac{3}{2}$ on the face.",
                          note="Ties among coordinates make the set larger."),
                   Answer("minimum value", r"\min", None, status="unbounded",
                          quantity="min-value", subject="l1")]
    checks = {
        "verified": [Check("cvxpy (Clarabel)", "passed", "matches to 1e-9", 3.1e-10, 0.42)],
        "failed": [Check("cvxpy (Clarabel)", "failed", "solver found u = [0, 0, 0]", 2.5, 0.3),
                   Check("torch SGD run", "passed", "converged", 1e-8, 1.2)],
        "inconclusive": [Check("cvxpy (Clarabel)", "inconclusive", "solver did not converge")],
        "none": [],
    }[status]
    return PartSolution(
        label=label, family="steepest-descent",
        question="Find $u$ for <script>alert('x')</script> & compare with $\\|g\\|_2$.",
        analysis=Analysis(
            variables=(Variable("g", "the gradient", r"\mathbb{R}^{3}"),
                       Variable(r"\alpha", "the step-size parameter, $\\alpha > 0$",
                                r"\mathbb{R}_{>0}")),
            assumptions=("$\\alpha > 0$ is a fixed scalar.", "Prices in \\$ are irrelevant."),
            objective=objective, objective_text="Minimise the penalised linear model:"),
        steps=steps, answers=answers,
        asked=["update", "step-length"] if label != "b" else ["update", "min-value"],
        identified_as="gradient descent" if label == "a" else None,
        identification_note="$u = -\\tfrac{\\alpha}{2} g$ is a plain gradient step.",
        interpretation="Smaller $\\alpha$ means a shorter step.",
        summary="The step is $-\\tfrac{\\alpha}{2} g$.",
        checks=checks, figures=[Figure("Step <b>diagram</b>", "Each arrow is a step.", tiny_png())],
        diagnostics=["solver tolerance was $10^{-9}$"] if status != "verified" else [])


@pytest.fixture
def part_maker():
    """The synthetic part builder: ``part_maker(label, status) -> PartSolution``."""
    return make_part


@pytest.fixture
def verified_solution() -> Solution:
    return Solution("Penalised steepest descent", [make_part("a", "verified")])


@pytest.fixture
def mixed_solution() -> Solution:
    return Solution("Mixed <evidence>", [make_part("a", "verified"), make_part("b", "failed"),
                                         make_part("c", "inconclusive"), make_part("d", "none")])
