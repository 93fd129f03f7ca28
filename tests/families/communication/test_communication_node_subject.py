"""Who a per-node count is asked of: "in total" beside one node ("each GPU", "a single worker")
is that node's count over the whole step; the nodes asked together ("the GPUs ... altogether",
"all the workers combined") is the scheme's total when every sender is a worker, refused when
a server also sends; a sum over the nodes of one node's count is refused."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings, strategies as st

from optiproof.reading import read_report


def _ring(n: int, p: int) -> str:
    return (f"A cluster of {n} accelerators trains a model of {p} weights with float32 gradients; "
            "they synchronise with a ring all-reduce.\n")


_SERVED = ("Eight accelerators train a model of 1000 weights with float32 gradients; each pushes its "
           "gradient to a parameter server, which sends the sum back.\n")


@pytest.mark.parametrize("question, key, convention", [
    ("(a) Altogether, how many bytes does a single accelerator send in one synchronisation?",
     "bytes-sent", "per-node total"),
    ("(a) In total, how many bytes does every accelerator send during the all-reduce?",
     "bytes-sent", "per-node total"),
    ("(a) How many bytes in total does one accelerator send per step?", "bytes-sent",
     "per-node total"),
    ("(a) Altogether, how many bytes do the accelerators send during one synchronisation?",
     "total-bytes", "sum over the nodes"),
    ("(a) How many bytes do all the accelerators send combined?", "total-bytes",
     "sum over the nodes"),
    ("(a) In all, how many bytes do the GPUs send?", "total-bytes", "sum over the nodes"),
])
def test_one_node_or_the_nodes_together(question: str, key: str, convention: str) -> None:
    reading = read_report(_ring(8, 1000) + question + "\n")
    assert reading.complete, reading.unread()
    assert reading.parts[0].value("quantities") == [key]
    assert any(c.name == convention for c in reading.parts[0].conventions)


@pytest.mark.parametrize("text", [
    _SERVED + "(a) Altogether, how many bytes do the workers send?",
    _SERVED + "(a) How many values do all the workers send in total?",
    _SERVED + "(a) Combined, how many bytes do the accelerators send?",
    _ring(8, 1000) + "(a) Summed over all accelerators, how many bytes does one accelerator send?",
    _ring(8, 1000) + "(a) Across every worker, how many values does each worker send?",
    _ring(8, 1000) + "(a) How many bytes does a single accelerator send, added up over the "
                     "accelerators?",
    _ring(8, 1000) + "(a) In total, how many bytes do the accelerators each send?",
    _ring(8, 1000) + "(a) Altogether, how many bytes do all the GPUs send, each holding its "
                     "own gradient?",
])
def test_the_workers_beside_a_server_or_a_sum_of_one_node_are_refused(text: str) -> None:
    reading = read_report(text + "\n")
    assert not reading.complete and reading.unread(), reading.parts[0].value("quantities")


@settings(max_examples=4, deadline=None)
@given(n=st.integers(2, 9), k=st.integers(1, 50))
def test_the_nodes_together_are_answered_with_every_message_once(n: int, k: int) -> None:
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    p = n * k
    assume(not 103 <= p <= 109)   # '109 weights' may be a PDF's flattened 10^9: refused by design
    reading = read_report(_ring(n, p) + "(a) Altogether, how many bytes do the accelerators "
                                        "send in one synchronisation?\n")
    assert reading.complete, reading.unread()
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    (answer,) = data["parts"][0]["answers"]
    # every accelerator sends 2(n-1) chunks of p/n four-byte values
    assert answer["value"] == n * 2 * (n - 1) * (p // n) * 4


@pytest.mark.parametrize("question", [
    "(a) Give the number of bytes sent by a single GPU in one step, and the total bytes over all "
    "GPUs.",
    "(a) How many bytes does one accelerator send; and what are the total bytes across all "
    "accelerators?",
    "(a) How many bytes does each accelerator send, and how many bytes in total go over the "
    "network summed over all accelerators?",
])
def test_a_sum_over_the_nodes_in_another_clause_is_that_clauses(question: str) -> None:
    reading = read_report(_ring(8, 1000) + question + "\n")
    assert reading.complete, reading.unread()
    assert set(reading.parts[0].value("quantities")) == {"bytes-sent", "total-bytes"}
