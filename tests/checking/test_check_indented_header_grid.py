"""A plain-text grid of pipes whose header is indented over the row labels, one cell fewer
than its rows ("          | msgs | size" over "  ring | 2n(n-1) | p/n"), is read as a table
with a blank corner: its cells answer the problem's table, a wrong cell in it is found."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

from optiproof.checking.document import read_document

COMMS = "src/optiproof/problems/texts/distributed-training.txt"

_GRID = ("Messages per averaging step\n\n"
         "                   | number of messages | message size\n"
         "  all-to-all       | {a2a}             | p\n"
         "  parameter server | 2n                 | p\n"
         "  ring all-reduce  | 2n(n-1)            | p/n\n")


def test_the_indented_header_makes_a_table_with_a_blank_corner():
    doc = read_document(_GRID.format(a2a="n(n-1)"))
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.header[0] == "" and len(table.header) == 3
    assert [r.cells[1].text for r in table.rows] == ["n(n-1)", "2n", "2n(n-1)"]


@pytest.mark.parametrize("a2a, expected", [("n(n-1)", "correct"), ("n^2   ", "wrong-answer")])
def test_the_grid_answers_the_table(solved, a2a, expected):
    part = graded_part(solved, COMMS, _GRID.format(a2a=a2a), "main")
    if expected == "correct":
        assert part.verdict == "correct", part.findings
    else:
        assert expected in finding_kinds(part), part.findings
