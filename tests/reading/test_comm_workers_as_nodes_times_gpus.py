"""The workers counted twice in agreeing ways: a total ('16 workers', 'P = 16') beside the nodes
times the GPUs on each ('4 machines x 4 accelerators', '4 accelerators per machine, 4 machines')
is one count, 16; a product that differs from the total, or a product no total states, stays a
conflict naming both. 'N parameter copies' counts copies, not parameters."""

from __future__ import annotations

from optiproof.families.communication.roles import candidates
from optiproof.reading import read_report

_ASK = "\n(a) With ring all-reduce, how many bytes does one worker send?"


def _n(setup: str):
    part = read_report(setup + _ASK).parts[0]
    return part.value("n"), " ".join(m.reason for m in part.missing)


def test_nodes_times_gpus_restate_the_total():
    got, why = _n("Data-parallel training on P = 16 workers laid out as 4 machines x 4 "
                  "accelerators, with a gradient of 10^6 fp16 values.")
    assert got == 16, why


def test_gpus_per_node_times_nodes_restate_the_total():
    got, why = _n("We run 16 workers (4 accelerators per machine, 4 machines); the gradient has "
                  "10^6 fp16 values.")
    assert got == 16, why


def test_a_product_that_differs_from_the_total_is_refused():
    got, why = _n("We run 12 workers on 4 machines x 4 accelerators; the gradient has 10^6 fp16 "
                  "values.")
    assert got is None and "12 workers" in why


def test_a_product_alone_stays_a_conflict():
    assert sorted(int(c.value) for c in candidates("Three nodes x 8 GPUs.", "workers")
                  if c.kind == "number") == [3, 8]


def test_parameter_copies_are_no_count_of_parameters():
    part = read_report(
        "A 250M-parameter network is trained on N = 4 workers (fp32). The server sends out N "
        "parameter copies per step." + "\n(a) With a parameter server, how many bytes does "
        "one worker send?").parts[0]
    assert part.value("p") == 250_000_000, [m.reason for m in part.missing]
