"""Bytes sent (received) by the busiest node: read from prose, solved, and compared with the
message schedules counted node by node (never with the solver's formulas)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.catalogue import QUANTITIES
from optiproof.families.communication.schedules import build_schedule, count_schedule
from optiproof.families.communication.solve import solve
from optiproof.families.communication.spec import CommunicationSpec
from optiproof.reading import read_report


@pytest.mark.parametrize("sentence, key", [
    ("How many bytes does the busiest node send in one step?", "busiest-bytes-sent"),
    ("How many megabytes would the most heavily loaded GPU send?", "busiest-bytes-sent"),
    ("Give the number of bytes the bottleneck machine sends.", "busiest-bytes-sent"),
    ("How many bytes does the busiest rank receive per iteration?", "busiest-bytes-received"),
    ("State the bytes received by the most loaded worker.", "busiest-bytes-received"),
])
def test_phrases(sentence: str, key: str) -> None:
    keys = [m.entry.key for m in QUANTITIES.mentions(sentence)]
    assert keys == [key]


@pytest.mark.parametrize("sentence, key", [
    ("How many bytes does each worker send in one step?", "bytes-sent"),
    ("How many bytes does one GPU receive per iteration?", "bytes-received"),
])
def test_one_worker_is_not_the_busiest(sentence: str, key: str) -> None:
    assert key in [m.entry.key for m in QUANTITIES.mentions(sentence)]


def _busiest(scheme: str, n: int, p: int) -> tuple[int, int]:
    counts = count_schedule(build_schedule(scheme, n, p))
    return int(counts.sent.max()), int(counts.received.max())


_SETTING = "".join((
    "Six GPUs (n = 6) hold gradients of p = 1.2 × 10^6 entries in bf16. The step is ",
    "averaged with ring all-reduce, with a binomial tree (reduce then broadcast) and ",
    "with a parameter server on a separate machine.\n\n"))
_ASKED = {"For every scheme, how many bytes does the busiest node send?": 0,
          "Per scheme: how many bytes would the most heavily loaded machine send?": 0,
          "For each of the three, how many bytes does the busiest node receive?": 1}


@pytest.mark.parametrize("question, which", sorted(_ASKED.items()))
def test_read_and_solved_as_the_schedule_counts(question: str, which: int) -> None:
    report = read_report(_SETTING + question)
    assert report.complete, report.unread()
    part = report.to_problem().parts[0]
    assert len(part.quantities) == 1 and part.quantities[0].startswith("busiest-bytes-")
    solution = solve(part, figures=False)
    got = {a.subject: a.value for a in solution.answers}
    assert set(got) == {"ring-allreduce", "tree-allreduce", "parameter-server"}
    for scheme, value in got.items():
        assert value == 2 * _busiest(scheme, 6, 1_200_000)[which]


@settings(max_examples=25, deadline=None)
@given(n=st.integers(2, 12), units=st.integers(1, 5),
       scheme=st.sampled_from(["ring-allreduce", "tree-allreduce", "parameter-server",
                               "all-to-all"]),
       dtype=st.sampled_from([("float32", 4), ("float16", 2), ("float64", 8)]))
def test_formula_equals_the_schedule(n: int, units: int, scheme: str,
                                     dtype: tuple[str, int]) -> None:
    p = n * units
    spec = CommunicationSpec(label="a", schemes=[scheme], n=n, p=p, dtype=dtype[0],
                             quantities=["busiest-bytes-sent", "busiest-bytes-received"])
    got = {a.quantity: a.value for a in solve(spec, figures=False).answers}
    sent, received = _busiest(scheme, n, p)
    assert got == {"busiest-bytes-sent": sent * dtype[1],
                   "busiest-bytes-received": received * dtype[1]}


@pytest.mark.parametrize("sentence, key", [
    ("What is the greatest number of entries that one GPU sends during the all-reduce?",
     "busiest-sent"),
    ("Find the maximum amount of data any individual rank sends in one step.", "busiest-sent"),
    ("What is the most data a single machine ever receives?", "busiest-received"),
])
def test_the_busiest_node_in_the_active_voice(sentence: str, key: str) -> None:
    assert [m.entry.key for m in QUANTITIES.mentions(sentence)] == [key]


@pytest.mark.parametrize("setting", [
    "We synchronise gradients of p entries across n workers, n a power of two, with a binomial "
    "tree: partial sums flow up until rank 0 holds the sum, which then flows back down.",
    "Take a binomial tree all-reduce over n GPUs with n a power of 2 and gradients of p "
    "entries; node 0 ends up with the full sum and broadcasts it.",
])
def test_tree_root_and_power_of_two_in_apposition(setting: str) -> None:
    import sympy as sp

    report = read_report(setting + "\n\nWhat is the largest amount of data any single worker "
                                   "sends during one all-reduce?")
    assert report.complete, report.unread()
    part = report.to_problem().parts[0]
    assert part.n_power_of_two and part.quantities == ["busiest-sent"]
    (answer,) = solve(part, figures=False).answers
    assert not answer.expr.has(sp.ceiling)
    n, p = (sp.Symbol(x, positive=True, integer=True) for x in ("n", "p"))
    for e in range(1, 6):
        value = answer.expr.subs({s: (2**e if s.name == "n" else 3 * 2**e)
                                  for s in answer.expr.free_symbols})
        assert value == _busiest("tree-allreduce", 2**e, 3 * 2**e)[0]


def test_a_power_of_two_workers_is_not_two_workers() -> None:
    report = read_report("A binomial tree all-reduce runs on a power of 2 workers, each with a "
                         "gradient of p entries.\n\nHow many messages are sent?")
    assert not report.complete
    assert any("workers" in line or " n " in line for line in report.unread())
