"""A size sent asked by its unit as a noun ("the number of GB each GPU sends", "KB sent by each
rank") is the bytes sent, in that unit; a worker count written after its letter ("P = 8
ranks") is restated by a part that writes the letter again ("for P = 8"), so that number is
used, not left over."""

from __future__ import annotations

from optiproof.reading import read_report

from reading_helpers import quantity_values

_SETTING = ("We all-reduce a buffer of S = 32 MB over P = 8 ranks (1 MB = 10^6 bytes, 1 kB = "
            "10^3 bytes). A message of m bytes costs α + m/B with α = 10 μs and B = 20 GB/s.\n\n")


def test_the_number_of_a_unit_a_node_sends_is_its_bytes_sent():
    got = quantity_values(_SETTING + "(a) For the ring all-reduce give the number of MB each rank "
                                     "sends.")
    # 2 (P-1)/P S = 56 MB
    assert ("bytes-sent", 5.6e7) in got["a"] and ("ratio", 56.0) in got["a"]


def test_a_unit_sent_by_each_node_is_its_bytes_sent():
    got = quantity_values(_SETTING + "(a) kB sent by each rank under ring all-reduce.")
    assert ("bytes-sent", 5.6e7) in got["a"] and ("ratio", 56000.0) in got["a"]


def test_a_worker_count_restated_by_its_letter_is_used():
    reading = read_report(_SETTING + "(a) Estimate the ring all-reduce time for P = 8.")
    assert reading.complete, reading.unread()
    assert reading.unused == []
    (part,) = reading.parts
    assert part.value("n") == 8
