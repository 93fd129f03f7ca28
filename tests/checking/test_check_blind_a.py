"""Blind batch A as regression data: answers written without seeing the checker, graded as
their author expects -- every planted error found with its kind on its part, nothing raised on
a part written correctly, every fully correct answer accepted."""

from __future__ import annotations

import pytest
from conftest import assert_graded_as_expected, BLIND_A, blind_table, bundled_problem

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
    assert_graded_as_expected(report, entry, name)
    assert report.exit_code == (0 if all(v == "correct" for v in entry["verdicts"].values())
                                else 1)
