"""Blind batches B to W as regression data: answers written without seeing the checker, with
their author's expected verdicts and planted findings (and stress set G: 30 answers in other
styles, written before reading the checker). A document graded as its author expects must
stay so; the ones the checker does not grade right yet are listed, with what differs, in
``known-misses.yaml`` and fail as expected (strictly: one that becomes right must leave the
list)."""

from __future__ import annotations

import pytest
import yaml
from conftest import assert_graded_as_expected, CORPUS, bundled_problem

from optiproof.checking import check_answer

BATCHES = {name: CORPUS / name
           for name in ("blind-b", "blind-c", "blind-d", "blind-e", "blind-f", "blind-g", "blind-h",
                        "blind-i", "blind-j", "blind-k", "blind-m", "blind-n", "blind-o", "blind-p",
                        "blind-r", "blind-s", "blind-u", "blind-v", "blind-w", "blind-x", "blind-y", "blind-z",
                        "stress-g")}
SIZES = {"stress-g": 30, "blind-v": 18, "blind-w": 18, "blind-x": 18, "blind-y": 18, "blind-z": 18}
"""Documents per batch (a blind batch has 36)."""
TABLES = {name: yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
          for name, folder in BATCHES.items()}
MISSES = {name: yaml.safe_load((folder / "known-misses.yaml").read_text(encoding="utf-8")) or {}
          for name, folder in BATCHES.items()}
CASES = [(batch, doc) for batch in BATCHES for doc in sorted(TABLES[batch])]


@pytest.mark.parametrize("batch", sorted(BATCHES))
def test_the_batch_is_whole(batch):
    assert len(TABLES[batch]) == SIZES.get(batch, 36)
    assert all((BATCHES[batch] / name).is_file() for name in TABLES[batch])
    assert set(MISSES[batch]) <= set(TABLES[batch])


@pytest.mark.parametrize("batch, name", [
    pytest.param(batch, name, marks=pytest.mark.xfail(reason=MISSES[batch][name], strict=True))
    if name in MISSES[batch] else (batch, name) for batch, name in CASES],
    ids=[f"{batch}/{name}" for batch, name in CASES])
def test_blind_answer_is_graded_as_its_author_expects(solved, batch, name):
    entry = TABLES[batch][name]
    report = check_answer(solved(bundled_problem(entry["problem"])),
                          (BATCHES[batch] / name).read_text(encoding="utf-8"), source=name)
    assert_graded_as_expected(report, entry, name)
