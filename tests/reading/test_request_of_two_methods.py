"""A request asked at its end of two methods ("..., for GD and for the heavy-ball method"): the
part is read once per method, each reading answering the request for its own method; the
numbers are checked against the rates computed here. A pair the family does not study is
still refused, naming the phrase."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_SHEET = ("A quadratic has Hessian eigenvalues between μ = 1 and L = {L}.\n"
          "(a) Give the optimal constant step of gradient descent and its rate.\n"
          "(b) Give the optimal heavy-ball parameters and the resulting rate.\n"
          "(c) {ask}")

_ASKS = [
    "Smallest integer k such that ρ^k ≤ 10^-{e}, for gradient descent and for heavy ball.",
    "Using ρ^t as the error bound, find the least t with ρ^t ≤ 10^-{e} with plain GD and with "
    "Polyak's method.",
    "How many iterations t make ρ^t ≤ 10^-{e} for the heavy-ball method and for GD?",
]


def _least(rho: Fraction, eps: Fraction) -> int:
    t = 0
    while rho ** t > eps:
        t += 1
    return t


@pytest.mark.parametrize("ask", _ASKS)
@settings(max_examples=4, deadline=None)
@given(s=st.integers(2, 12), e=st.integers(2, 6))
def test_the_request_is_answered_for_each_method(ask, s, e):
    text = _SHEET.format(L=s * s, ask=ask.format(e=e))
    reading = read_report(text)
    assert reading.complete, reading.unread()
    subs = [p for p in reading.parts if p.label.startswith("c.")]
    methods = {p.fields["method"].value for p in subs}
    assert len(subs) == 2 and methods == {"gd", "heavy-ball"}
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False,
                                                                run_witnesses=False))
    got = {p.label: next(a for a in p.answers if a.quantity == "iterations").to_dict()["value"]
           for p in solution.parts if p.label.startswith("c.")}
    by_method = {p.fields["method"].value: got[p.label] for p in subs}
    kappa = s * s
    eps = Fraction(1, 10 ** e)
    assert by_method["gd"] == _least(Fraction(kappa - 1, kappa + 1), eps)
    assert by_method["heavy-ball"] == _least(Fraction(s - 1, s + 1), eps)


@pytest.mark.parametrize("tail", [
    "for heavy ball and for Adam.",
    "for GD and for the Muon optimizer.",
])
def test_a_pair_the_family_does_not_split_into_stays_refused(tail):
    text = _SHEET.format(L=100, ask=f"Smallest integer k such that ρ^k ≤ 10^-3, {tail}")
    reading = read_report(text)
    assert not reading.complete
