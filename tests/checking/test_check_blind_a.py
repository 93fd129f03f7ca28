"""Blind batch A as regression data: answers written without seeing the checker, graded as
their author expects -- every planted error found with its kind on its part, nothing raised on
a part written correctly, every fully correct answer accepted."""

from __future__ import annotations

import pytest
from conftest import BLIND_A, blind_table, bundled_problem

from optiproof.checking import check_answer

TABLE = blind_table()


def test_the_batch_is_whole():
    assert len(TABLE) == 36
    assert all((BLIND_A / name).is_file() for name in TABLE)
    assert sum(all(v == "correct" for v in e["verdicts"].values()) for e in TABLE.values()) == 12


@pytest.mark.parametrize("name", sorted(TABLE))
def test_blind_answer_is_graded_as_its_author_expects(solved, name):
    entry = TABLE[name]
    report = check_answer(solved(bundled_problem(entry["problem"])),
                          (BLIND_A / name).read_text(encoding="utf-8"), source=name)
    parts = {p.label: p for p in report.parts}
    found = {f"{f.kind} {p.label}" for p in report.parts for f in p.findings}
    assert not set(entry["findings"]) - found, f"{name}: missed; found {sorted(found)}"
    for label, verdict in entry["verdicts"].items():
        assert parts[label].verdict == verdict, f"{name} ({label}): {parts[label].findings}"
        if verdict == "correct":
            assert not parts[label].findings, f"{name} ({label}): false alarm"
    assert report.exit_code == (0 if all(v == "correct" for v in entry["verdicts"].values())
                                else 1)
