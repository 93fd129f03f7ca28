"""A ratio whose first operand is a pronoun ('the ratio of that to ...', 'of it', 'of this'):
the quantity the same part asks just before it, read as that part's family answers it (a
per-node count asked of the server is the server's), and a second operand whose scheme is
named after it ("... one worker receives in the ring all-reduce") is that scheme's. A pronoun
with nothing asked before it is refused, naming it."""

from __future__ import annotations

from fractions import Fraction

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

N, P, BYTES = 8, 10**6, 4
_SETUP = (f"{N} workers train a model with 10^6 parameters, gradients in fp32 (4 bytes each).\n\n"
          "(a) Ring all-reduce: how many bytes does each worker send?\n\n"
          "(b) Parameter server: every worker sends its full gradient to the server, which "
          "sends the average back to each worker. ")


def _answers(text: str) -> dict[str, Fraction]:
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    data = solve_problem(reading.to_problem(),
                         SolveOptions(figures=False, run_witnesses=False)).to_dict()
    return {a["quantity"]: Fraction(a["expr"]) for a in data["parts"][-1]["answers"]
            if a["subject"] in (None, "parameter-server")}


@pytest.mark.parametrize("pronoun", ["that", "it", "this"])
def test_the_pronoun_is_the_quantity_asked_before_it(pronoun):
    got = _answers(_SETUP + "How many bytes does the server receive per iteration, and what is "
                   f"the ratio of {pronoun} to the number of bytes one worker receives in the "
                   "ring all-reduce?")
    server = N * P * BYTES                         # n full gradients land on the server
    ring_worker = Fraction(2 * (N - 1), N) * P * BYTES   # reduce-scatter + all-gather
    assert got["server-bytes-received"] == server
    assert got["ratio"] == server / ring_worker


def test_a_pronoun_with_nothing_asked_before_it_is_refused():
    reading = read_report(_SETUP + "What is the ratio of that to the number of bytes one worker "
                                   "receives in the ring all-reduce?")
    assert not reading.complete
    assert any("'that' in" in line and "not asked before it" in line for line in reading.unread())
