"""A size asked in a unit ('How many GB does each server receive per iteration?') in a part whose
sizes the reader has not listed yet is read or refused by name, never an internal error."""

from __future__ import annotations

from optiproof.reading import read_report

TEXT = ("Exercise 7. Two exchanges\n\n"
        "Section A (all-to-all). Q = 6 workers each hold E = 3.6 GB of activations; each cuts it "
        "into Q equal pieces and sends piece k to worker k. Take 1 GB = 10^9 bytes.\n\n"
        "  (i)   How many GB does each worker send over the network?\n"
        "  (ii)  How many point-to-point messages are sent in total?\n\n"
        "Section B (sharded parameter server). The same 6 workers train data-parallel with a "
        "3.6 GB gradient. The parameters are split evenly over S = 3 server processes; every "
        "worker pushes each shard's part of its gradient to that server and pulls the updated "
        "shard back.\n\n"
        "  (iii) How many GB does each server receive per iteration?\n"
        "  (iv)  How many messages (pushes plus pulls) are exchanged per iteration in total?\n")


def test_a_size_in_a_unit_asked_in_a_later_section_reads_without_error():
    reading = read_report(TEXT)
    assert reading.complete or reading.unread()
