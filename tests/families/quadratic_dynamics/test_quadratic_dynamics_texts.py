"""Every quadratic-dynamics problem text of the reading corpus (and the demo text) reads,
solves and is verified by its witnesses, end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_problem

REPO = Path(__file__).resolve().parents[3]
TEXTS = sorted((REPO / "tests" / "reading" / "corpus" / "read").glob("qd*"))
TEXTS = [p for p in TEXTS if not p.name.endswith(".expected.yaml")]
TEXTS.append(REPO / "src" / "optiproof" / "problems" / "texts" / "quadratic-dynamics.txt")


def test_enough_texts():
    assert len(TEXTS) >= 13


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_text_solves_and_verifies(path):
    problem = read_problem(path.read_text(encoding="utf-8"))
    solution = solve_problem(problem, SolveOptions(figures=False))
    for part in solution.parts:
        assert part.family == "quadratic-dynamics"
        assert part.verified, [(c.method, c.status, c.detail) for c in part.checks]
        assert all(c.status == "passed" for c in part.checks), part.checks
