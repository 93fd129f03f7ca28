"""'How many messages does the server receive, and how many bytes in total?' asks the counts of
one node: the scheme's totals (every message, every byte over the network) do not answer it,
so the part is refused naming the phrase; the same totals asked of the scheme are answered."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

SETTING = ("Workers push fp32 gradients of p = 10^6 entries to a parameter server and pull the "
           "average back; there are n = 8 workers.\n")


@pytest.mark.parametrize("question", [
    "(a) How many messages does the server receive per step, and how many bytes in total?",
    "(a) How many messages does the parameter server receive in one iteration?",
    "(a) In one step, how many bytes in total does each worker send and how many messages?",
])
def test_counts_of_one_node_are_not_answered_with_the_scheme_totals(question: str) -> None:
    reading = read_report(SETTING + question + "\n")
    assert not reading.complete
    assert any("does" in line and ("receive" in line or "send" in line) or "messages" in line
               for line in reading.unread()), reading.unread()


@pytest.mark.parametrize("question", [
    "(a) How many messages are sent in total in one step?",
    "(a) What is the total number of messages per iteration?",
])
def test_the_totals_asked_of_the_scheme_are_answered(question: str) -> None:
    reading = read_report(SETTING + question + "\n")
    assert reading.complete, reading.unread()
    assert "messages" in reading.parts[0].value("quantities")
