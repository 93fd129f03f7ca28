"""A count said to hold roughly in a limit ("for large n it is about 2n^2 messages") gives
the leading term of the answer, not a second statement of it; the exact count in the table
stays the answer, and a wrong exact count is still wrong."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

COMMS = "src/optiproof/problems/texts/distributed-training.txt"

_TABLE = ("| scheme | number of messages sent | size of each message |\n|---|---|---|\n"
          "| all-to-all | $n(n-1)$ | $p$ |\n| parameter server | $2n$ | $p$ |\n"
          "| ring all-reduce | ${ring}$ | $p/n$ |\n")
_REMARKS = {
    "for large n": "Ring all-reduce sends 2n(n-1) messages; for large n that is about $2n^2$.\n\n",
    "as n grows": "In the ring, as $n \\to \\infty$ the message count is roughly $2n^2$.\n\n",
}


@pytest.mark.parametrize("remark", sorted(_REMARKS))
def test_a_leading_term_is_not_a_second_answer(solved, remark):
    part = graded_part(solved, COMMS, _REMARKS[remark] + _TABLE.format(ring="2n(n-1)"), "main")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("remark", sorted(_REMARKS))
def test_a_wrong_exact_count_beside_a_leading_term_is_wrong(solved, remark):
    text = _REMARKS[remark].replace("2n(n-1) messages", "many messages")
    part = graded_part(solved, COMMS, text + _TABLE.format(ring="n(n-1)"), "main")
    assert "wrong-answer" in finding_kinds(part), part.findings
