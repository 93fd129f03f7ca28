"""The which-of derived quantity (the item whose answer is smallest, largest or equal to
another answer) and norms in the RMS norm: exact values checked against closed forms computed
here, the witness recomputing them from the parts' measurements, wrong answers caught."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

import optiproof
from optiproof.core.errors import BadInput
from optiproof.core.exact import Name
from optiproof.families.derived_spec import DerivedAsk
from optiproof.families.derived_witness import derived_check


def _solve(parts: list[dict], **kw):
    return optiproof.solve({"title": "t", "parts": parts}, **kw)


def _answers(part, quantity):
    return [a for a in part.answers if a.quantity == quantity]


COMM = {"family": "communication", "quantities": ["total-volume"],
        "schemes": ["ring", "parameter-server", "all-to-all"]}
AMONG = ["total-volume[ring]", "total-volume[parameter-server]", "total-volume[all-to-all]"]


@pytest.mark.parametrize("n,by,want", [
    (8, "smallest", ["ring-allreduce"]),            # 14p, 16p, 56p
    (8, "largest", ["all-to-all"]),
    (2, "smallest", ["ring-allreduce", "all-to-all"]),   # 2p, 4p, 2p: a tie
])
def test_which_scheme_sends_least_or_most(n, by, want):
    sol = _solve([{"label": "a", **COMM, "n": n,
                   "derived": [{"kind": "which-of", "by": by, "among": AMONG}]}])
    part = sol.parts[0]
    volumes = {"ring-allreduce": 2 * (n - 1), "parameter-server": 2 * n,
               "all-to-all": n * (n - 1)}      # times p, independently
    pick = (min if by == "smallest" else max)(volumes.values())
    assert sorted(k for k, v in volumes.items() if v == pick) == sorted(want)
    (answer,) = _answers(part, "which-of")
    assert isinstance(answer.expr, Name) and sorted(answer.expr.key.split("|")) == sorted(want)
    assert part.verified, [(c.method, c.status, c.detail) for c in part.checks]


def test_an_order_that_depends_on_the_symbols_is_refused():
    # ring 2(n-1)p vs all-to-all n(n-1)p: smaller for n > 2, equal at n = 2
    with pytest.raises(BadInput, match="depends on the values of the symbols"):
        _solve([{"label": "a", **COMM, "derived": [
            {"kind": "which-of", "by": "smallest",
             "among": ["total-volume[ring]", "total-volume[all-to-all]"]}]}])


def test_a_wrong_winner_fails_the_witness():
    sol = _solve([{"label": "a", **COMM, "n": 8, "derived": [
        {"kind": "which-of", "by": "smallest", "among": AMONG}]}], run_witnesses=False)
    from optiproof.families import derived as D
    from optiproof.families.problem import make_problem

    problem = make_problem({"title": "t", "parts": [{"label": "a", **COMM, "n": 8, "derived": [
        {"kind": "which-of", "by": "smallest", "among": AMONG}]}]})
    (made,) = D.derive(problem.parts[0], dataclasses.replace(sol.parts[0], answers=[
        a for a in sol.parts[0].answers if a.quantity != "which-of"], steps=[], asked=[]), [])
    assert derived_check(made).status == "passed"
    wrong = dataclasses.replace(made, answer=dataclasses.replace(
        made.answer, expr=Name("all-to-all", "all-to-all")))
    assert derived_check(wrong).status == "failed"


@pytest.mark.parametrize("data,message", [
    ({"kind": "which-of", "among": ["limit", "limit"]}, "'by'"),
    ({"kind": "which-of", "by": "smallest", "among": ["a.limit"]}, "at least 2"),
    ({"kind": "which-of", "by": "equal", "among": ["a.limit", "b.limit"]}, "needs 'to'"),
    ({"kind": "which-of", "by": "smallest", "among": ["a.limit", "b.limit"], "of": "limit"},
     "no 'of'"),
    ({"kind": "ratio", "to": "limit"}, "needs an operand 'of'"),
    ({"kind": "ratio", "of": "time", "to": "time", "by": "smallest"}, "go with which-of"),
])
def test_malformed_which_of_asks_are_refused(data, message):
    with pytest.raises(ValueError, match=message):
        DerivedAsk.model_validate(data)


# --------------------------------------------------------------------------- the RMS norm

def test_norms_in_the_rms_norm_and_their_ratio():
    """‖u‖_RMS = ‖u‖_2 / √n: the l_inf step -(α/2)‖g‖_1 sign(g) and the l2 step -(α/2) g."""
    base = {"family": "steepest-descent", "gradient": [4, -2, 1, 2], "form": "penalty-squared",
            "alpha": 1}
    g = np.array([4.0, -2.0, 1.0, 2.0])
    u, v = -0.5 * np.abs(g).sum() * np.sign(g), -0.5 * g
    rms = lambda x: float(np.sqrt(np.mean(x ** 2)))  # noqa: E731
    sol = _solve([{"label": "a", **base, "norm": "linf", "asks": ["update"]},
                  {"label": "b", **base, "norm": "l2", "asks": ["update"]},
                  {"label": "c", **base, "norm": "l2", "asks": [], "derived": [
                      {"kind": "norm-of", "of": "a.update", "norm": "rms", "label": "|u|"},
                      {"kind": "norm-of", "of": "b.update", "norm": "rms", "label": "|v|"},
                      {"kind": "distance", "of": "a.update", "to": "b.update", "norm": "RMS"},
                      {"kind": "ratio", "of": {"quantity": "norm-of", "name": "|u|"},
                       "to": {"quantity": "norm-of", "name": "|v|"}}]}])
    part = sol.parts[2]
    assert part.verified, [(c.method, c.status, c.detail) for c in part.checks]
    assert [a.value for a in _answers(part, "norm-of")] == pytest.approx([rms(u), rms(v)])
    assert _answers(part, "distance")[0].value == pytest.approx(rms(u - v))
    assert _answers(part, "ratio")[0].value == pytest.approx(rms(u) / rms(v))
    assert math.isclose(rms(u), 4.5)
