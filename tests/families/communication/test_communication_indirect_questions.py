"""Counts asked as indirect questions, subject before verb ("I'd like to know how many bytes
each GPU sends"): read as the same per-node quantity as the direct question, and answered as
the message schedule counts it."""

from __future__ import annotations

import pytest

from optiproof.catalogue import QUANTITIES
from optiproof.families.communication.schedules import build_schedule, count_schedule
from optiproof.families.communication.solve import solve
from optiproof.reading import read_report


@pytest.mark.parametrize("sentence, key", [
    ("I'd like to know how many bytes each GPU really sends per iteration.", "bytes-sent"),
    ("Please work out how many floats one worker receives in a step.", "values-received"),
    ("Tell me how many megabytes every rank sends.", "bytes-sent"),
    ("I'm unsure how many values a single node sends during the exchange.", "values-sent"),
    ("I don't see how many bytes the server receives each step.", "bytes-received"),
])
def test_indirect_phrases(sentence: str, key: str) -> None:
    assert [m.entry.key for m in QUANTITIES.mentions(sentence)] == [key]


def test_both_directions_are_not_one_direction() -> None:
    keys = [m.entry.key for m in QUANTITIES.mentions(
        "Explain how many bytes each GPU sends and receives per step.")]
    assert "bytes-sent" not in keys and "bytes-received" not in keys


_TEXTS = {
    # (question, scheme, node index whose count is asked, direction, bytes per element)
    "I have 6 GPUs and a 1.2 × 10^6-parameter model in fp32, averaged with ring all-reduce. "
    "What I can't figure out is how many bytes each GPU actually sends per all-reduce.":
        ("ring-allreduce", 6, 1_200_000, 0, "sent", 4),
    "Setup: 5 workers, gradients of 10^5 floats, synchronised through a parameter server on "
    "its own machine. I'd like to know how many floats the server receives per step.":
        ("parameter-server", 5, 100_000, 5, "received", 1),
    "Four ranks each hold a gradient of 4 × 10^4 entries in fp16 and run a ring all-reduce.\n\n"
    "Can someone tell me how many bytes one rank receives during one all-reduce?":
        ("ring-allreduce", 4, 40_000, 0, "received", 2),
}


@pytest.mark.parametrize("text", sorted(_TEXTS))
def test_read_and_answered_as_the_schedule_counts(text: str) -> None:
    scheme, n, p, node, direction, size = _TEXTS[text]
    report = read_report(text)
    assert report.complete, report.unread()
    part = report.to_problem().parts[0]
    assert part.schemes == [scheme]
    (answer,) = solve(part, figures=False).answers
    counts = count_schedule(build_schedule(scheme, n, p))
    per_node = counts.sent if direction == "sent" else counts.received
    assert answer.value == size * int(per_node[node])
