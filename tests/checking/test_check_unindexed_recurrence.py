"""Adam's update written as assignments without indices, one per line (``m ← β1·m +
(1−β1)·g``, ``θ ← θ − α·m̂/(√v̂ + ε)``): each line is read (an assignment arrow is a relation),
and an assignment of a moment is its recurrence (``m_t = β1 m_{t-1} + (1−β1) g_t``), right or
wrong."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"


def _answer(m: str = "β1·m + (1−β1)·g", v: str = "β2·v + (1−β2)·g²",
            theta: str = "θ − α·m̂/(√v̂ + ε)") -> str:
    return (f"a) update:\n   m ← {m}\n   v ← {v}\n   m̂ = m/(1−β1^t), v̂ = v/(1−β2^t)\n"
            f"   θ ← {theta}\n   divide by √v: each coordinate gets its own step size.\n")


@pytest.mark.parametrize("arrow", ["←", "<-"])
def test_the_update_as_unindexed_assignments_is_correct(solved, arrow):
    part = graded_part(solved, ADAM, _answer().replace("←", arrow), "a")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("kwargs, wrong", [
    ({"m": "β1·m + β1·g"}, "m_t"),
    ({"v": "β2·v + (1−β2)·g"}, "v_t"),
    ({"theta": "θ + α·m̂/(√v̂ + ε)"}, "update"),
])
def test_a_wrong_assignment_is_a_wrong_answer(solved, kwargs, wrong):
    part = graded_part(solved, ADAM, _answer(**kwargs), "a")
    assert finding_kinds(part) == ["wrong-answer"], part.findings
    assert part.findings[0].answer == wrong
