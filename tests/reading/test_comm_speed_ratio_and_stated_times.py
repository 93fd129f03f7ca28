"""A ratio of two schemes' times asked as a speed ('how many times faster is A than B', 'by what
factor is A slower than B', 'the speed-up of A over B') is the slower time over the faster one;
a time formula the text states for a scheme must give the time optiproof's model gives at the
part's numbers, else the part (and a later part using that time) is refused naming it."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_SETUP = ("A model of 5 * 10^7 parameters is trained on n = 16 workers, gradients in fp16. A "
          "message of m bytes takes alpha + m*beta with alpha = 20 us and 1/beta = 25 GB/s.\n\n")


def _ratio(ask: str) -> tuple[Fraction, dict]:
    reading = read_report(_SETUP + "(a) " + ask)
    assert reading.complete, "\n".join(reading.unread())
    data = solve_problem(reading.to_problem(),
                         SolveOptions(figures=False, run_witnesses=False)).to_dict()
    answers = data["parts"][-1]["answers"]
    (ratio,) = [a for a in answers if a["quantity"] == "ratio"]
    times = {a["subject"]: Fraction(str(sp.nsimplify(a["expr"]))) for a in answers
             if a["quantity"] == "time"}
    return Fraction(str(sp.nsimplify(ratio["expr"]))), times


@pytest.mark.parametrize("ask, slow, fast", [
    ("How many times faster is the ring all-reduce than a parameter server?",
     "parameter-server", "ring-allreduce"),
    ("By what factor is the tree all-reduce slower than the ring all-reduce?",
     "tree-allreduce", "ring-allreduce"),
    ("What is the speed-up of the ring all-reduce over the tree all-reduce here?",
     "tree-allreduce", "ring-allreduce"),
])
def test_a_speed_is_the_slower_time_over_the_faster(ask, slow, fast):
    ratio, times = _ratio(ask)
    assert ratio == times[slow] / times[fast] and ratio > 1


def test_a_speed_of_one_scheme_against_itself_is_refused():
    reading = read_report(_SETUP + "(a) How many times faster is the ring than the ring here?")
    assert not reading.complete


def _missing(text: str) -> list[str]:
    return [" ".join(m.reason for m in p.missing) for p in read_report(text).parts]


def test_a_stated_time_the_model_agrees_with_is_read():
    reasons = _missing(_SETUP + "(a) With T_ring = 2(n-1)*alpha + 2(n-1)/n * M * beta, give the "
                                "time of the ring all-reduce in the alpha-beta model.")
    assert reasons == [""]


def test_a_stated_time_the_model_does_not_give_is_refused_by_name():
    reasons = _missing(_SETUP + "(a) Take the parameter-server time = alpha + 2*n*M*beta and "
                                "give the time of the parameter server in the alpha-beta model."
                                "\n\n(b) How many times faster is the ring all-reduce than the "
                                "parameter server?")
    assert len(reasons) == 2
    assert all('"parameter-server time = α + 2*n*M*β"' in r for r in reasons), reasons
