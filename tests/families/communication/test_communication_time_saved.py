"""The time one scheme saves over another: a derived difference of the two α-β times, compared
with the times counted round by round on the message schedules."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import Phase, assume, given, settings
from hypothesis import strategies as st

from optiproof.families.communication.schedules import build_schedule, count_schedule
from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_SETUP = ("There are n = {n} workers, each holding a gradient of p = {p} values. Sending a "
          "message of m values costs α + mβ, with α = {alpha} s and β = {beta} s per value; "
          "messages of one round travel in parallel.\n\n")
_QUESTIONS = {
    "How much time does the ring all-reduce save compared with the binomial tree?":
        ("ring-allreduce", "tree-allreduce"),
    "How much latency would recursive doubling save over the ring all-reduce?":
        ("recursive-doubling", "ring-allreduce"),
    "How much wall-clock time does Rabenseifner's algorithm save relative to recursive "
    "doubling for one all-reduce?": ("rabenseifner", "recursive-doubling"),
}


def _counted_time(scheme: str, n: int, p: int, alpha: Fraction, beta: Fraction) -> Fraction:
    return count_schedule(build_schedule(scheme, n, p)).time(alpha, beta)


@settings(max_examples=10, deadline=None, phases=(Phase.explicit, Phase.generate))
@given(question=st.sampled_from(sorted(_QUESTIONS)), e=st.integers(1, 4),
       units=st.integers(1, 40), alpha_us=st.integers(1, 50), beta_ns=st.integers(1, 9))
def test_saving_is_the_difference_of_the_counted_times(question: str, e: int, units: int,
                                                       alpha_us: int, beta_ns: int) -> None:
    n, p = 2**e, 2**e * units
    assume(not 101 <= p <= 109)   # '104' may be a PDF-flattened 10^4: the reader refuses it
    alpha, beta = Fraction(alpha_us, 10**6), Fraction(beta_ns, 10**9)
    text = _SETUP.format(n=n, p=p, alpha=f"{alpha_us}e-6", beta=f"{beta_ns}e-9") + question
    report = read_report(text)
    assert report.complete, report.unread()
    solution = solve_problem(report.to_problem(), SolveOptions(figures=False,
                                                               run_witnesses=False))
    saver, other = _QUESTIONS[question]
    (answer,) = [a for a in solution.to_dict()["parts"][0]["answers"]
                 if a["quantity"] == "difference"]
    want = _counted_time(other, n, p, alpha, beta) - _counted_time(saver, n, p, alpha, beta)
    assert Fraction(answer["expr"]) == want


@pytest.mark.parametrize("question", [
    "How much time does it save compared to the ring?",
    "How much time does the ring save compared with the ring?",
])
def test_a_saving_without_two_schemes_is_refused(question: str) -> None:
    text = _SETUP.format(n=8, p=64, alpha="1e-5", beta="1e-9") + \
        "We compare the ring all-reduce and a binomial tree.\n\n" + question
    report = read_report(text)
    assert not report.complete
    assert any("time saved" in line or "save" in line for line in report.unread())
