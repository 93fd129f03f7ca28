"""An item of a request that asks the total of the request's per-node ask ("how many bytes
does each worker send per step, and what is the total over all workers?", "give the number of
floats sent by each worker and the total") asks that count summed over the nodes (the
catalogue's total); the per-node phrase followed by "and the total" stays the per-node ask."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

_SETUP = ("Ring traffic\n\n8 workers, a model with 10^6 parameters, gradients stored as 4-byte floats.\n\n"
          "(a) For the ring all-reduce: {ask}")


@pytest.mark.parametrize("ask, want", [
    ("how many bytes does each worker send per step, and what is the total over all workers?",
     ["bytes-sent", "total-bytes"]),
    ("give the number of floats sent by each worker and the total.",
     ["values-sent", "total-volume"]),
    ("give the number of bytes sent by each worker and the total.",
     ["bytes-sent", "total-bytes"]),
    # the one node named in a relative clause without "that" ("the floats each worker sends")
    ("give the number of floats each worker sends, and the total over all workers.",
     ["values-sent", "total-volume"]),
    ("state how many bytes every worker sends per step and the total over all workers.",
     ["bytes-sent", "total-bytes"]),
    ("what is the number of values one worker sends, and the total over all workers as well?",
     ["values-sent", "total-volume"]),
])
def test_the_total_of_the_per_node_ask(ask, want):
    reading = read_report(_SETUP.format(ask=ask))
    assert reading.complete, "\n".join(reading.unread())
    assert reading.parts[0].value("quantities") == want


def test_a_total_with_no_per_node_ask_before_it_is_refused():
    reading = read_report(_SETUP.format(ask="give the number of messages and the total."))
    assert not reading.complete
    assert any('"the total."' in line for line in reading.unread())
