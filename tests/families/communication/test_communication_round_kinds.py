"""A round named by what it is of ("message rounds", "send/recv steps", "transfer rounds") is
the number of rounds; a count of messages stays the number of messages."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings, strategies as st

from optiproof.reading import read_report


def _tree(k: int, ask: str) -> str:
    return (f"n = {2 ** k} workers all-reduce a vector of p = {2 ** k * 3} floats with a binomial "
            f"tree all-reduce.\n(a) {ask}\n(b) How many messages are sent?\n")


_ASKS = ["How many sequential message rounds does the tree all-reduce take?",
         "What is the number of send/recv steps?",
         "How many transfer rounds are needed in total?"]


@pytest.mark.parametrize("ask", _ASKS)
def test_a_round_of_messages_is_a_round(ask: str) -> None:
    reading = read_report(_tree(3, ask))
    assert reading.complete, reading.unread()
    assert [p.value("quantities") for p in reading.parts] == [["rounds"], ["messages"]]


@settings(max_examples=3, deadline=None)
@given(k=st.integers(1, 5), ask=st.sampled_from(_ASKS))
def test_the_tree_takes_twice_its_depth(k: int, ask: str) -> None:
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    reading = read_report(_tree(k, ask))
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    (rounds,) = data["parts"][0]["answers"]
    # reduce up log2(n) levels, broadcast down as many
    assert rounds["value"] == 2 * math.log2(2 ** k)
