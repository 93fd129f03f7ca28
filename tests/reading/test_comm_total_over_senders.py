"""'bytes each GPU sends, and total over all GPUs?': the second request names no quantity
of its own; it sums the first over every sender (the total over the network)."""

from __future__ import annotations

from optiproof.reading import read_report

SHARED = ("Twelve GPUs average a gradient of 3 * 10^6 fp32 entries with {scheme}.\n")


def test_the_total_across_senders_of_a_count_in_bytes():
    reading = read_report(SHARED.format(scheme="a ring all-reduce") +
                          "(a) Bytes sent per GPU, and total across all GPUs?")
    part = reading.parts[0]
    assert part.value("quantities") == ["bytes-sent", "total-bytes"], reading.unread()
    assert reading.complete, reading.unread()
