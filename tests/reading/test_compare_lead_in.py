"""A 'Compare with X: <what X does>.' lead-in asks nothing of its own: the request after it
does, and the lead-in's words describe what that request is asked of."""

from __future__ import annotations

import pytest

from optiproof.families.communication.schedules import build_schedule, count_schedule
from optiproof.families.communication.solve import solve
from optiproof.reading import read_report
from optiproof.reading.questions import is_context


@pytest.mark.parametrize("sentence", [
    "Compare with a parameter server: each worker pushes its gradient to one server, which "
    "returns the average.",
    "Now compare it against the naive scheme: every GPU ships its full gradient to all the "
    "others.",
    "For comparison, compare with recursive doubling: partners exchange whole vectors.",
])
def test_lead_in_asks_nothing(sentence: str) -> None:
    assert is_context(sentence)


@pytest.mark.parametrize("sentence", [
    "Compare with a parameter server: which one sends fewer bytes?",
    "Compare with the ring: how long does it take?",
    "Compare with the tree: give the number of rounds.",
])
def test_a_question_after_the_colon_is_still_asked(sentence: str) -> None:
    assert not is_context(sentence)


_SHARED = ("Ten workers (n = 10) synchronise gradients of p = 5 × 10^5 entries in fp32.\n\n"
           "(a) With a ring all-reduce, how many messages are sent in one step?\n\n")


@pytest.mark.parametrize("part_b, scheme", [
    ("(b) Compare with a parameter server: the workers push their gradients to a server, "
     "which sends the average back. How many messages are sent then?", "parameter-server"),
    ("(b) Now compare to all-to-all: every worker sends its full gradient to each of the "
     "others. Give the number of messages.", "all-to-all"),
])
def test_the_request_after_the_lead_in_is_answered(part_b: str, scheme: str) -> None:
    report = read_report(_SHARED + part_b)
    assert report.complete, report.unread()
    part = report.to_problem().parts[1]
    assert part.schemes == [scheme]
    (answer,) = solve(part, figures=False).answers
    assert answer.value == count_schedule(build_schedule(scheme, 10, 500_000)).messages


def test_a_lead_in_alone_is_not_a_request_answered() -> None:
    report = read_report(_SHARED + "(b) Compare with a parameter server: the workers push "
                                   "their gradients to a server, which sends the average back.")
    assert not report.complete
