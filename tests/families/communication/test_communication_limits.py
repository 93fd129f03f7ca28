"""Limits of a communication cost as a count the text keeps symbolic grows ("what does it tend
to as n → ∞?"): the limit of the part's one cost of its one scheme, witnessed by extrapolating
the cost counted from schedules at growing worker counts; limits the reader cannot tie to one
cost (several costs, a count given as a number, the bandwidth term alone) stay refused, naming
the phrase."""

from __future__ import annotations

import pytest
import sympy

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

SETUP = ("Consider m GPUs that each keep a gradient with d entries. All-to-all: each GPU "
         "sends all d entries to every other GPU. Ring all-reduce: 2(m-1) rounds, one chunk of "
         "d/m entries per GPU per round. A parameter server receives every gradient and sends "
         "the sum back.\n\n")


def _limits(text: str) -> list:
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    return [(a.expr, a.status) for p in solution.parts for a in p.answers
            if a.quantity == "limit-of"]


@pytest.mark.parametrize("question", [
    "(a) With the ring, how many entries does one GPU send? What does that approach as m → ∞?",
    "(a) For the ring, give the per-GPU volume and its limit as the number of GPUs goes to "
    "infinity.",
])
def test_limit_of_the_ring_volume_per_gpu(question: str) -> None:
    got = _limits(SETUP + question)
    assert len(got) == 1 and str(got[0][0]) == "2*d" and got[0][1] == "unique"


def test_limit_of_an_earlier_parts_amount() -> None:
    text = SETUP + ("(a) Ring: how many entries does a single GPU send?\n\n"
                    "(b) What does the per-GPU amount in (a) tend to as m -> infinity?")
    got = _limits(text)
    assert len(got) == 1 and str(got[0][0]) == "2*d"


@pytest.mark.parametrize("question", [
    # two costs: which one tends where is not said
    "(a) For the ring, give the number of messages and the entries per GPU; what do they tend "
    "to as m → ∞?",
    # the bandwidth term alone
    "(a) With the ring and latency a, bandwidth b: what does the bandwidth term of the ring "
    "time tend to as m → ∞?",
])
def test_limits_not_tied_to_one_cost_are_refused(question: str) -> None:
    reading = read_report(SETUP + question)
    assert not reading.complete
    assert any("tend" in line or "→" in line for line in reading.unread()), reading.unread()


def test_limit_in_a_count_given_as_a_number_is_refused() -> None:
    text = SETUP.replace("m GPUs", "m = 8 GPUs") + \
        "(a) Ring: entries sent by one GPU, and what does it tend to as m → ∞?"
    assert not read_report(text).complete


def test_a_follow_up_naming_only_a_scheme() -> None:
    text = SETUP + "(a) How many entries are sent in total with the ring? By the parameter server?"
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert set(reading.parts[0].value("schemes")) == {"ring-allreduce", "parameter-server"}
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False, run_witnesses=False))
    m, d = sympy.symbols("m d")
    totals = {a.subject: a.expr for a in solution.parts[0].answers if a.quantity == "total-volume"}
    assert sympy.simplify(totals["parameter-server"].subs({s: sympy.Symbol(s.name) for s in
                                                           totals["parameter-server"].free_symbols})
                          - 2 * m * d) == 0
