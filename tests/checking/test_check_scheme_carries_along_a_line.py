"""A line that starts with a scheme's name goes on about that scheme: a second value on it
(``all-to-all: ... -> n-1 msgs per worker, n workers -> n(n-1) msgs``) states that scheme's
quantity, so a summary table that contradicts it is an inconsistency, not a plain wrong answer."""

from __future__ import annotations

from conftest import finding_kinds

from optiproof.checking import check_answer

DT = "src/optiproof/problems/texts/distributed-training.txt"


def _notes(table_all_to_all: str) -> str:
    return ("costs of the schemes\n\n"
            "all-to-all: every worker mails its gradient to each other one\n"
            "  -> n-1 msgs per worker, so n workers -> n(n-1) msgs, size p\n"
            "param server: n up + n down = 2n, each a full vector -> size p\n"
            "ring all-reduce: chunks of p/n, 2(n-1) steps of n msgs -> 2n(n-1) msgs\n\n"
            "summary:\n"
            "scheme          | #messages  | size\n"
            f"all-to-all      | {table_all_to_all:<10} | p\n"
            "param server    | 2n         | p\n"
            "ring all-reduce | 2n(n-1)    | p/n\n")


def test_a_table_contradicting_the_lines_total_is_an_inconsistency(solved):
    part = check_answer(solved(DT), _notes("n^2")).parts[0]
    assert "inconsistency" in finding_kinds(part)
    assert "wrong-answer" not in finding_kinds(part)


def test_the_same_total_in_line_and_table_is_correct(solved):
    part = check_answer(solved(DT), _notes("n(n-1)")).parts[0]
    assert part.verdict == "correct", part.findings
