"""A LaTeX ``tabular`` is read as a table: its first row the header, every later row a row of
cells (``&`` outside formulas), so its cells are graded and compared with the body."""

from __future__ import annotations

from conftest import finding_kinds

from optiproof.checking import check_answer

DT = "src/optiproof/problems/texts/distributed-training.txt"
_BODY = ("\\paragraph{Ring all-reduce.} The gradient is split into $n$ chunks; there are "
         "$n\\bigl(2(n-1)\\bigr)$ messages, each of size $p/n$.\n\n")


def _table(ring_size: str) -> str:
    return ("\\begin{center}\n\\begin{tabular}{lcc}\n\\hline\n"
            "Scheme & Number of messages sent & Size of each message \\\\\n\\hline\n"
            "All-to-all & $n(n-1)$ & $p$ \\\\\nParameter server & $2n$ & $p$ \\\\\n"
            f"Ring all-reduce & $2n(n-1)$ & ${ring_size}$ \\\\\n\\hline\n\\end{{tabular}}\n"
            "\\end{center}\n")


def test_a_tabular_answers_the_table(solved):
    part = check_answer(solved(DT), _table("p/n")).parts[0]
    assert part.verdict == "correct", part.findings


def test_a_tabular_cell_against_the_body_is_an_inconsistency(solved):
    part = check_answer(solved(DT), _BODY + _table("p/(n-1)")).parts[0]
    assert "inconsistency" in finding_kinds(part), part.findings


def test_a_wrong_tabular_cell_is_a_wrong_answer(solved):
    part = check_answer(solved(DT), _table("p")).parts[0]
    assert finding_kinds(part) == ["wrong-answer"], part.findings
