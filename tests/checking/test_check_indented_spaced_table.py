"""A table laid out by spaces and indented as a whole (``  scheme   msgs   size``) is read as
a table, and a number followed by what it counts (``n-1 rounds``) is a count of that, not the
size the clause before it spoke of: a table cell that disagrees with the body is then an
inconsistency."""

from __future__ import annotations

from conftest import finding_kinds, graded_part

from optiproof.checking.document import read_document

COMMS = "src/optiproof/problems/texts/distributed-training.txt"

_NOTES = ("comm notes\n\n"
          "ring: pieces of size p/n, scatter-reduce n-1 rounds x n workers, then gather\n"
          "  n-1 rounds x n workers, so 2n(n-1) messages\n\n"
          "  method           messages     size\n"
          "  all-to-all       n(n-1)       p\n"
          "  param server     2n           p\n"
          "  ring all-reduce  2n(n-1)      {RING}\n")


def test_an_indented_spaced_table_is_read():
    doc = read_document(_NOTES.format(RING="p/n"))
    assert len(doc.tables) == 1
    assert [r.cells[2].text for r in doc.tables[0].rows] == ["p", "p", "p/n"]


def test_the_spaced_table_answers_the_problem(solved):
    part = graded_part(solved, COMMS, _NOTES.format(RING="p/n"), "main")
    assert part.verdict == "correct", part.findings


def test_a_table_cell_against_the_body_is_an_inconsistency(solved):
    part = graded_part(solved, COMMS, _NOTES.format(RING="p/(2n)"), "main")
    assert "inconsistency" in finding_kinds(part), part.findings
