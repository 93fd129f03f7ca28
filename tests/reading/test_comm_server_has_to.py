"""A per-node count asked of the server with a modal verb ("how many values the server alone
has to receive", "the bytes the PS itself has to send") is the server's count; "the PS" names
the parameter server's node."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

_TEXT = ("Parameter server\n\nn = 8 workers each hold a gradient of p = 10^6 floats (fp32). "
         "Parameter server (PS): every worker sends its gradient to one separate server, which "
         "sends the average back.\n\n(a) For the PS: number of messages, and {ask}?")


@pytest.mark.parametrize("ask, want", [
    ("how many values the server alone has to receive", "server-values-received"),
    ("the bytes the PS itself has to send", "server-bytes-sent"),
    ("how many bytes the server must send", "server-bytes-sent"),
])
def test_the_servers_count(ask, want):
    reading = read_report(_TEXT.format(ask=ask))
    assert reading.complete, "\n".join(reading.unread())
    assert reading.parts[0].value("quantities") == ["messages", want]


def test_a_workers_count_with_a_modal_verb():
    reading = read_report(_TEXT.format(ask="how many bytes each worker has to send"))
    assert reading.complete, "\n".join(reading.unread())
    assert reading.parts[0].value("quantities") == ["messages", "bytes-sent"]
