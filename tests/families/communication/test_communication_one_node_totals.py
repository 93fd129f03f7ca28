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
    "(a) How many messages are sent per step, and how many values does the server send and "
    "receive in total?",
])
def test_the_totals_asked_of_the_scheme_are_answered(question: str) -> None:
    reading = read_report(SETTING + question + "\n")
    assert reading.complete, reading.unread()
    assert "messages" in reading.parts[0].value("quantities")


def test_which_one_to_pick_by_time_is_the_faster_scheme() -> None:
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    text = ("n = 8 workers all-reduce a vector of p entries; a message of m entries costs "
            "α + βm with α = 10 µs and β = 1 ns per entry. Compare the ring all-reduce with "
            "recursive doubling.\n(a) For p = 10^4, which one would you pick, and what is its "
            "time?\n")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    (faster,) = [a for a in data["parts"][0]["answers"] if a["quantity"] == "faster"]
    n, p, alpha, beta = 8, 10**4, 1e-5, 1e-9
    ring = 2 * (n - 1) * (alpha + beta * p / n)
    doubling = 3 * (alpha + beta * p)          # log2(8) rounds of the whole vector
    assert ("recursive" in faster["expr"]) == (doubling < ring)
