"""The seed problem (examples/optimizer-convergence.txt) must come out exactly and verified."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

import optiproof
from optiproof.loading import load_problem_file
from optiproof.pipeline import solve_problem

SEED = Path(optiproof.__file__).parent / "problems" / "optimizer-convergence.yaml"

EXPECTED = {
    "a": sympy.Matrix([1, sympy.Rational(1, 10), sympy.Rational(1, 100)])
    / sympy.Rational(10101, 10000),
    "b": sympy.Matrix([1, 1, 1]) / sympy.Rational(111, 100),
    "c": sympy.Matrix([sympy.Rational(1, 3), sympy.Rational(10, 3), sympy.Rational(100, 3)]),
}


@pytest.fixture(scope="module")
def seed_solution():
    return solve_problem(load_problem_file(SEED))


@pytest.mark.parametrize("label", ["a", "b", "c"])
def test_seed_answer_is_exact(seed_solution, label):
    part = next(p for p in seed_solution.parts if p.label == label)
    got = part.answers[0].expr
    assert got.shape == (3, 1)
    assert (got - EXPECTED[label]).applyfunc(sympy.simplify) == sympy.zeros(3, 1), got
    assert all(isinstance(v, sympy.Rational) for v in got), "seed answers must be exact"


@pytest.mark.parametrize("label", ["a", "b", "c"])
def test_seed_part_verified_by_real_optimizer(seed_solution, label):
    part = next(p for p in seed_solution.parts if p.label == label)
    assert part.verified, [c.to_dict() for c in part.checks]
    real = [c for c in part.checks if c.method.startswith("real optimizer")]
    assert real and real[0].passed and real[0].max_error < 1e-9, real
    assert len(part.checks) >= 2


def test_seed_identifications_and_confinement(seed_solution):
    a, b, c = seed_solution.parts
    assert "minimum-Euclidean-norm" in a.identified_as
    assert "sign line" in b.identified_as
    assert "second-moment metric" in c.identified_as
    assert any("confined" in s.title for s in a.steps)
    assert any("sign line" in s.title for s in b.steps)
    assert any("preconditioned" in s.title for s in c.steps)
    # the three limits side by side in every interpretation
    for part in (a, b, c):
        assert "For comparison" in part.interpretation
    assert seed_solution.exit_code == 0


def test_seed_figures_are_pngs(seed_solution):
    for part in seed_solution.parts:
        assert len(part.figures) == 2, part.diagnostics
        for fig in part.figures:
            assert fig.png.startswith(b"\x89PNG")


def test_seed_json_contract(seed_solution):
    import json

    data = json.loads(seed_solution.to_json())
    values = {p["label"]: p["answers"][0]["value"] for p in data["parts"]}
    assert values["a"] == pytest.approx([1 / 1.0101, 0.1 / 1.0101, 0.01 / 1.0101], rel=1e-14)
    assert values["b"] == pytest.approx([1 / 1.11] * 3, rel=1e-14)
    assert values["c"] == pytest.approx([1 / 3, 10 / 3, 100 / 3], rel=1e-14)
    for p in data["parts"]:
        assert sympy.sympify(p["answers"][0]["expr"]) == EXPECTED[p["label"]]


def test_loss_convention_does_not_move_the_limit():
    from optiproof.families.implicit_bias.solve import solve
    from optiproof.families.implicit_bias.spec import Spec

    limits = {sympy.ImmutableMatrix(solve(Spec(a=[1, 0.1, 0.01], b=1, loss=loss,
                                              method="sgd"), figures=False)
              .answers[0].expr) for loss in ("sum", "half-sum", "mean", "half-mean")}
    assert len(limits) == 1
