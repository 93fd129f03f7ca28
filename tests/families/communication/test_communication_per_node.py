"""Per-node quantities (what one worker or one server sends and receives, in elements or bytes)
and total bytes: asked in prose, answered by the solver, checked against message schedules."""

from __future__ import annotations

import pytest

from optiproof.catalogue import QUANTITIES
from optiproof.core.options import SolveOptions
from optiproof.families.communication.schedules import build_schedule, count_schedule
from optiproof.families.communication.solve import solve
from optiproof.families.communication.spec import CommunicationSpec
from optiproof.families.communication.witness import witnesses
from optiproof.reading import read_report


@pytest.mark.parametrize("sentence, key", [
    ("How many floats does every replica send during one synchronisation?", "values-sent"),
    ("What is the number of elements each rank sends over the whole all-reduce?",
     "values-sent"),
    ("How many numbers does one GPU receive in a step?", "values-received"),
    ("How many bytes does each device transmit? How many bytes does each device send?",
     "bytes-sent"),
    ("Give the number of bytes one node receives.", "bytes-received"),
    ("How many bytes go over the network in total during an iteration?", "total-bytes"),
    ("How much traffic flows through a single worker?", "sent-plus-received"),
    ("How many values does each message carry?", "message-size"),
    ("Estimate the running time of the exchange.", "time"),
])
def test_phrases(sentence: str, key: str) -> None:
    assert key in [m.entry.key for m in QUANTITIES.mentions(sentence)]


def _text(question: str) -> str:
    return ("Twelve workers train a model with 3.6 × 10^6 parameters in fp16. They average "
            "gradients with a ring all-reduce (reduce-scatter, then all-gather) and, for "
            f"comparison, with a parameter server on one extra machine.\n\n{question}\n")


@pytest.mark.parametrize("question, values", [
    # ring: 2 (n-1) p / n = 2 * 11 * 300000 = 6.6e6 elements per worker; PS worker: p
    ("How many elements does one worker send per step?", [6_600_000, 3_600_000]),
    ("How many bytes does each GPU receive per step?", [13_200_000, 7_200_000]),
    # server: n p received, in bytes 2 n p
    ("How many bytes does the server receive per step?", [86_400_000]),
    # total: ring 2 (n-1) p, PS 2 n p, in bytes times 2
    ("How many bytes cross the network in total per step?", [158_400_000, 172_800_000]),
])
def test_read_and_solved(question: str, values: list[int]) -> None:
    problem = read_report(_text(question)).to_problem()
    part = problem.parts[0]
    solution = solve(part, figures=False)
    assert sorted(a.value for a in solution.answers) == sorted(values)


def test_witness_counts_per_node_from_the_schedule() -> None:
    spec = CommunicationSpec(label="a", schemes=["rabenseifner", "sharded-parameter-server"],
                             quantities=["bytes-sent", "values-received",
                                         "server-bytes-received"],
                             n="n", p="p", servers="k", dtype="bfloat16")
    solution = solve(spec, figures=False)
    checks = {name: run() for name, run in witnesses(spec, solution, SolveOptions())
              if name != "gloo"}
    assert all(c.status == "passed" for c in checks.values()), checks
    # an independent count: rabenseifner n = 8, p = 64 sends 2 * (32 + 16 + 8) elements
    counts = count_schedule(build_schedule("rabenseifner", 8, 64))
    assert set(counts.sent[:8].tolist()) == {112}


@pytest.mark.parametrize("schemes, quantity", [
    (["tree-allreduce"], "values-sent"),
    (["ring-allreduce", "all-to-all"], "server-values-received"),
])
def test_undefined_per_node_quantities_are_refused(schemes: list[str], quantity: str) -> None:
    with pytest.raises(ValueError):
        CommunicationSpec(label="a", schemes=schemes, quantities=[quantity])


def test_a_cell_without_a_value_is_left_out_when_another_scheme_has_it() -> None:
    spec = CommunicationSpec(label="a", schemes=["parameter-server", "all-to-all"],
                             quantities=["server-values-received"], n=4, p=10)
    answers = solve(spec, figures=False).answers
    assert [(a.subject, a.value) for a in answers] == [("parameter-server", 40)]


RATIO = """Ratios of traffic

Six machines train a 600k-parameter model in fp32 and average gradients with an
all-to-all exchange (A2A) or a ring all-reduce.

(a) How many floats does one machine send with the all-to-all exchange?
(b) How many floats does one machine send with the ring?
(c) Give the ratio of your answer to (a) to your answer to (b).
(d) What is the ratio (A2A total volume)/(ring total volume)?
"""


def test_ratios_of_parts_and_of_named_cells() -> None:
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    reading = read_report(RATIO)
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    ratios = [a["value"] for p in solution["parts"] for a in p["answers"]
              if a["quantity"] == "ratio"]
    # all-to-all: each sends (n-1)p = 5p; ring: 2(n-1)p/n = 5p/3 -> 3; totals n(n-1)p / 2(n-1)p
    assert ratios == [3.0, 3.0]


@pytest.mark.parametrize("question, server", [
    ("How many values does the server send and receive in total?", True),
    ("How many values does each worker send and receive in total?", False),
    ("How many bytes does each worker send to the server?", False),
])
def test_the_node_asked_about(question: str, server: bool) -> None:
    from optiproof.families.communication.reader import _of_server

    phrase = [m.phrase for m in QUANTITIES.mentions(question)][0]
    assert _of_server(question, phrase) is server


@pytest.mark.parametrize("question, asked", [
    ("How much data does each GPU send per step, in bytes?", ["bytes-sent"]),
    ("How much does each worker send per step (in bytes)?", ["bytes-sent"]),
    ("What is the size of each message in bytes?", ["message-bytes"]),
    ("How many values does each GPU send per step?", ["values-sent"]),
])
def test_in_bytes_is_the_unit_of_what_the_sentence_asks(question: str, asked: list[str]) -> None:
    text = ("Ring\n\nWe have 8 GPUs and a model with 10^6 parameters in fp32, synchronised with "
            f"a ring all-reduce.\n\n(a) {question}\n")
    assert read_report(text).parts[0].asked == asked


def test_a_bare_in_bytes_with_nothing_to_convert_is_refused() -> None:
    text = ("Ring\n\nWe have 8 GPUs and a model with 10^6 parameters in fp32, synchronised with "
            "a ring all-reduce.\n\n(a) How much data, in bytes, reaches the server?\n")
    assert read_report(text).parts[0].missing


def test_a_ratio_to_a_part_with_other_numbers_divides_the_two_answers() -> None:
    """"The ratio of your answer to (a) to your answer to (b)" when (b) takes 12 machines: the
    two answers as given, each for its own part's numbers (3e6 / 1.1e6), never one part's cells
    recomputed at the other's numbers."""
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    text = RATIO.replace("(b) How many floats does one machine send with the ring?",
                         "(b) Now take 12 machines: how many floats does one machine send with "
                         "the ring?")
    solution = solve_problem(read_report(text).to_problem(), SolveOptions(figures=False))
    c = solution.to_dict()["parts"][2]
    a2a, ring = 5 * 600_000, 2 * 11 / 12 * 600_000
    assert [a["value"] for a in c["answers"] if a["quantity"] == "ratio"] == [
        pytest.approx(a2a / ring, rel=1e-12)]
