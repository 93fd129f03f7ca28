"""Blind batch B as regression data: answers written without seeing the checker, with their
author's expected verdicts and planted findings. A document graded as its author expects must
stay so; the ones the checker does not grade right yet are listed, with what differs, in
``known-misses.yaml`` and fail as expected (strictly: one that becomes right must leave the
list)."""

from __future__ import annotations

import pytest
import yaml
from conftest import assert_graded_as_expected, CORPUS, bundled_problem

from optiproof.checking import check_answer

BLIND_B = CORPUS / "blind-b"
TABLE = yaml.safe_load((BLIND_B / "expected.yaml").read_text(encoding="utf-8"))
MISSES = yaml.safe_load((BLIND_B / "known-misses.yaml").read_text(encoding="utf-8"))


def test_the_batch_is_whole():
    assert len(TABLE) == 36
    assert all((BLIND_B / name).is_file() for name in TABLE)
    assert set(MISSES) <= set(TABLE)


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.xfail(reason=MISSES[name], strict=True))
    if name in MISSES else name for name in sorted(TABLE)])
def test_blind_answer_is_graded_as_its_author_expects(solved, name):
    entry = TABLE[name]
    report = check_answer(solved(bundled_problem(entry["problem"])),
                          (BLIND_B / name).read_text(encoding="utf-8"), source=name)
    assert_graded_as_expected(report, entry, name)
