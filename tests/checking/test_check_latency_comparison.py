""""Ring all-reduce is always faster than a parameter server, for any number of workers and any
network latency": where each message costs a latency, the scheme sending more messages takes
longer, so the claim is refuted by the verified message counts (the ring sends 2n(n−1), the
server 2n). "Faster" without latency words is not read as a count comparison."""

from __future__ import annotations

from conftest import finding_kinds, graded_part

DT = "src/optiproof/problems/texts/distributed-training.txt"
_DOC = ("| Scheme | Number of messages | Size of each message |\n| --- | --- | --- |\n"
        "| All-to-all | $n(n-1)$ | $p$ |\n| Parameter server | $2n$ | $p$ |\n"
        "| Ring all-reduce | $2n(n-1)$ | $p/n$ |\n\n{claim}\n")


def _kinds(solved, claim):
    return finding_kinds(graded_part(solved, DT, _DOC.format(claim=claim), "main"))


def test_always_faster_for_any_latency_is_refuted(solved):
    n = 3  # an independent count: the ring's 2n(n-1) rounds of sends against the server's 2n
    assert 2 * n * (n - 1) > 2 * n
    assert "false-claim" in _kinds(solved, (
        "Ring all-reduce is always faster than a parameter server, for any number of workers "
        "and any network latency."))


def test_faster_without_latency_is_not_read_as_a_count(solved):
    assert "false-claim" not in _kinds(solved, (
        "Ring all-reduce is faster than a parameter server when bandwidth dominates, since no "
        "single link carries more than 2p values."))
