"""Every bundled problem text (what ``optiproof demo`` shows) reads completely and solves
verified: every clause and number accounted for, every asked quantity answered, every part's
checks passed."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.loading import SPEC_SUFFIXES, bundled_problems
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

TEXTS = {name: text for name, text in bundled_problems() if not name.endswith(SPEC_SUFFIXES)}


def test_there_are_bundled_problem_texts():
    assert len(TEXTS) >= 5


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TEXTS))
def test_bundled_problem_reads_complete_and_solves_verified(name: str):
    reading = read_report(TEXTS[name])
    assert reading.complete, f"{name}: not read completely: {reading.unread()}"
    assert not [u.text for u in reading.numbers if u.status == "unused"], \
        f"{name}: numbers of the shared text not used"
    for part in reading.parts:
        assert not part.unused, f"{name} ({part.label}): numbers not used: {part.unused}"
        assert part.asked, f"{name} ({part.label}): nothing asked"
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    reading.attach(solution)
    data = solution.to_dict()
    assert data["reading_complete"] is True
    for part in data["parts"]:
        assert part["verified"], \
            f"{name} ({part['label']}): not verified: {part.get('not_verified_because')}"
        assert part["answers"], f"{name} ({part['label']}): no answers"
    assert solution.exit_code == 0, f"{name}: exit code {solution.exit_code}"
