"""Nodes that host the GPUs are no workers of their own: '32 GPUs spread over four machines'
counts 32 workers (the machines named in its source); a count of GPUs per node is no total,
and a node count that does not divide the GPUs stays a conflict naming both."""

from __future__ import annotations

from optiproof.families.communication.roles import candidates
from optiproof.reading import read_report


def _numbers(text: str) -> list[int]:
    return [int(c.value) for c in candidates(text, "workers") if c.kind == "number"]


def test_the_gpus_of_grouping_nodes_are_the_workers():
    assert _numbers("Training runs on 32 GPUs spread over four machines.") == [32]
    got = candidates("Training runs on 32 GPUs spread over four machines.", "workers")
    assert "four machines" in got[0].source


def test_gpus_per_node_are_no_total():
    assert sorted(_numbers("We use 4 machines with 8 accelerators each.")) == [4, 8]
    assert sorted(_numbers("There are 8 devices per node and 3 nodes.")) == [3, 8]


def test_nodes_that_do_not_divide_the_gpus_stay_in_conflict():
    assert sorted(_numbers("12 GPUs on 5 nodes")) == [5, 12]


def test_a_ring_over_gpus_of_two_hosts_counts_the_gpus():
    reading = read_report(
        "We all-reduce over 12 GPUs (three machines, four GPUs in each) a gradient of 6 * 10^6 "
        "fp32 values.\n(a) With ring all-reduce, how many bytes does one GPU send?")
    part = reading.parts[0]
    assert part.value("n") == 12, [m.reason for m in part.missing]


def test_a_per_node_count_alone_is_refused_naming_both():
    reading = read_report(
        "We use 2 nodes with 8 GPUs each and a gradient of 10^6 fp32 values.\n"
        "(a) With ring all-reduce, how many bytes does one GPU send?")
    reasons = " ".join(m.reason for m in reading.parts[0].missing)
    assert "2 nodes" in reasons and "8 GPUs" in reasons
