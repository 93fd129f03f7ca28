"""A size received asked by its unit ("how many MB does the server receive", "how many GB reach
the server") is the bytes received (the server's, when a server receives them); with a gradient
counted in bytes, "the per-worker amount in (a)" is the bytes part (a) answers, so a ratio to it
is read (with elements of several bytes the two differ, and the ratio stays refused)."""

from __future__ import annotations

from optiproof.reading import read_report

from reading_helpers import quantity_values

_BYTES = ("Sixteen GPUs hold a gradient of M = 2 GB (1 GB = 10^9 bytes).\n\n"
          "(a) With ring all-reduce, how many GB does each GPU send per step?\n\n")


def test_a_size_received_asked_by_its_unit_is_the_bytes_received():
    got = quantity_values(_BYTES + "(b) With one parameter server, how many MB does the server "
                                   "receive per step?")
    assert ("server-bytes-received", 3.2e10) in got["b"] and ("ratio", 32000.0) in got["b"]


def test_the_amount_of_a_part_counted_in_bytes_is_its_bytes():
    got = quantity_values(_BYTES + "(b) With one parameter server, how many GB reach the server "
                                   "per step? What is the ratio of this to the per-GPU amount "
                                   "in (a)?")
    # 32 GB at the server over 2 * 15/16 * 2 = 3.75 GB per ring GPU
    assert ("server-bytes-received", 3.2e10) in got["b"]
    assert any(q == "ratio" and abs(v - 32 / 3.75) < 1e-9 for q, v in got["b"])


def test_the_amount_of_a_part_in_elements_of_several_bytes_stays_refused():
    reading = read_report(
        "Sixteen GPUs train a model of 10^9 parameters in fp32 (1 GB = 10^9 bytes).\n\n"
        "(a) With ring all-reduce, how many GB does each GPU send per step?\n\n"
        "(b) With one parameter server, how many GB does the server receive per step? What is "
        "the ratio of this to the per-GPU amount in (a)?")
    assert not reading.complete
    assert any("part (b)" in line and "ratio" in line for line in reading.unread())
