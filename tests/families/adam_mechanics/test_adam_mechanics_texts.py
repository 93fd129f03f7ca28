"""Problem texts solve end to end: read -> solve with witnesses -> every part verified; and the
reader refuses what it cannot read."""

from __future__ import annotations

from pathlib import Path

import pytest

from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, ReadingInvalid, read_problem

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO / "tests" / "reading" / "corpus" / "read"
TEXTS = sorted(p for p in CORPUS.glob("am*") if not p.name.endswith(".expected.yaml"))
DEMO = REPO / "src" / "optiproof" / "problems" / "texts" / "adam-mechanics.txt"


def test_enough_texts():
    assert len(TEXTS) >= 6


@pytest.mark.parametrize("path", [*TEXTS, DEMO], ids=lambda p: p.name)
def test_text_solves_and_verifies(path):
    problem = read_problem(path.read_text(encoding="utf-8"))
    assert all(p.family == "adam-mechanics" for p in problem.parts)
    solution = solve_problem(problem)
    for part in solution.parts:
        assert part.verified, (part.label, [(c.method, c.status, c.detail) for c in part.checks])


GARBLED = """adam question!!
with Adam(lr=1e-3, betas=(0.9, 0.99)) and eps=0 what's the 1st... sorry, the first update
if g = (2, -1e-6)?"""


def test_betas_tuple_and_scientific_notation():
    problem = read_problem(GARBLED)
    part = problem.parts[0]
    assert part.asks == ["first-step"]
    assert float(part.alpha) == 1e-3 and float(part.beta1) == 0.9 and float(part.beta2) == 0.99
    assert [float(x) for x in part.gradient] == [2, -1e-6]


def test_implicit_bias_adam_texts_stay_implicit_bias():
    text = "Fit [1, 0.5]θ = 1 with squared loss from θ_0 = 0. Where does Adam converge?"
    assert read_problem(text).parts[0].family == "implicit-bias"


@pytest.mark.parametrize(("text", "error", "says"), [
    ("Adam with β1 = 0.9 and β2 = 1.5: what is the first step?", ReadingInvalid, ["beta2"]),
    ("Adam with learning rate α = -0.01: what is the first step?", ReadingInvalid, ["alpha"]),
    ("Adam with β1 = 0.9 and β2 = 0.999 is popular. Discuss its history and its authors.",
     ReadingIncomplete, ["asks", "no question about Adam"]),
])
def test_refusals(text, error, says):
    with pytest.raises(error) as info:
        read_problem(text)
    for s in says:
        assert s in str(info.value), str(info.value)
