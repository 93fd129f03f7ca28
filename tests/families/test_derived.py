"""Derived quantities: references to answers, exact values computed independently here, the
witness recomputing them from the parts' measurements, and wrong values caught."""

from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
import pytest
import sympy as sp

import optiproof
from optiproof.core.errors import BadInput
from optiproof.core.options import SolveOptions
from optiproof.families import FAMILIES
from optiproof.families.derived import derive
from optiproof.families.derived_spec import DerivedAsk, Reference
from optiproof.families.derived_witness import derived_check
from optiproof.families.problem import make_problem


def _solve(parts: list[dict], **kw):
    return optiproof.solve({"title": "t", "parts": parts}, **kw)


def _answer(part, quantity):
    return next(a for a in part.answers if a.quantity == quantity)


# --------------------------------------------------------------------------- the spec

@pytest.mark.parametrize("text,parsed", [
    ("b.time[ring]", ("b", "time", "ring-allreduce")),
    ("limit", (None, "limit", None)),
    ("a.min norm solution", ("a", "min-norm-solution", None)),
    ("busiest-sent[parameter server]", (None, "busiest-sent", "parameter-server")),
])
def test_a_reference_names_part_quantity_and_subject_by_any_name(text, parsed):
    ref = Reference.model_validate(text)
    assert (ref.part, ref.quantity, ref.subject) == parsed


@pytest.mark.parametrize("data,message", [
    ({"kind": "ratio", "of": "time"}, "needs a second operand"),
    ({"kind": "depends-on", "of": "limit", "to": "limit", "parameter": "lr"}, "one operand"),
    ({"kind": "crossover", "of": "time[ring]", "to": "time[tree]"}, "solve_for"),
    ({"kind": "sum", "of": "update", "to": [1], "norm": "l1"}, "only go with a distance"),
    ({"kind": "distance", "of": "limit", "to": "limit", "norm": "lp"}, "needs p"),
    ({"kind": "quotient", "of": "limit", "to": "limit"}, "unknown derived quantity"),
    ({"kind": "ratio", "of": "time[warp drive]", "to": "time"}, "unknown subject"),
])
def test_malformed_derived_asks_are_refused_naming_the_problem(data, message):
    with pytest.raises(ValueError, match=message):
        DerivedAsk.model_validate(data)


def test_the_schema_exports_the_derived_form():
    schema = json.dumps(optiproof.problem_json_schema())
    assert "DerivedAsk" in schema and "solve_for" in schema and "depends-on" in schema


@pytest.mark.parametrize("derived,message", [
    ({"kind": "ratio", "of": "c.time[ring]", "to": "time[ring]"}, "not an earlier part"),
    ({"kind": "ratio", "of": "time", "to": "time[ring]"}, "names 2 answers"),
    ({"kind": "ratio", "of": "rounds[ring]", "to": "time[ring]"}, "has no answer"),
])
def test_references_that_do_not_resolve_are_bad_input(derived, message):
    part = {"label": "a", "family": "communication", "schemes": ["ring", "tree"],
            "quantities": ["time"], "derived": [derived]}
    with pytest.raises(BadInput, match=message):
        _solve([part], run_witnesses=False)


# --------------------------------------------------------------------------- communication

def _alpha_beta_times(n: int, p: int, alpha: float, B: float, w: int = 4) -> tuple[float, float]:
    """Ring and binomial-tree all-reduce times in the alpha-beta model, written out here."""
    ring = 2 * (n - 1) * (alpha + (p / n) * w / B)
    rounds = math.ceil(math.log2(n))
    tree = 2 * rounds * (alpha + p * w / B)
    return ring, tree


def test_speedup_sum_and_crossover_between_collectives():
    part = _solve([{"label": "a", "family": "communication", "schemes": ["ring", "tree"],
                    "quantities": ["time", "busiest-sent", "busiest-received"], "derived": [
                        {"kind": "speedup", "of": "time[tree]", "to": "time[ring]"},
                        {"kind": "sum", "of": "busiest-sent[ring]",
                         "to": "busiest-received[ring]"},
                        {"kind": "crossover", "of": "time[tree]", "to": "time[ring]",
                         "solve_for": "p"}]}]).parts[0]
    assert part.verified, [(c.method, c.status, c.detail) for c in part.checks]
    speedup, total, cross = (_answer(part, k) for k in ("speedup", "sum", "crossover"))
    n, p, alpha, B = sp.symbols("n p alpha B", positive=True)
    at = {n: 8, p: 96, alpha: sp.Rational(1, 10), B: 7}
    ring, tree = _alpha_beta_times(8, 96, 0.1, 7)
    names = {s.name: s for s in speedup.expr.free_symbols}
    value = float(speedup.expr.subs({names[k.name]: v for k, v in at.items()}))
    assert value == pytest.approx(tree / ring, rel=1e-12)
    names = {s.name: s for s in total.expr.free_symbols}
    # each ring worker sends and receives 2 (n - 1) chunks of p/n
    assert total.expr.subs({names["n"]: 8, names["p"]: 96}) == 2 * (2 * 7 * 96 // 8)
    # at n = 8 the two times meet where 6 alpha + 12 p w/B = 14 alpha + 14 p w/(8 B)
    names = {s.name: s for s in cross.expr.free_symbols}
    p_star = float(cross.expr.subs({names["n"]: 8, names["alpha"]: 1000, names["B"]: 1000}))
    ring, tree = _alpha_beta_times(8, p_star, 1000, 1000)
    assert ring == pytest.approx(tree, rel=1e-12)


def test_a_ratio_across_parts_uses_the_earlier_part():
    base = {"family": "communication", "schemes": ["ring"], "quantities": ["time"], "n": 8,
            "alpha": 0.001, "bandwidth": 1000}
    sol = _solve([{"label": "a", **base, "p": 1024},
                  {"label": "b", **base, "p": 4096,
                   "derived": [{"kind": "ratio", "of": "time[ring]", "to": "a.time[ring]"}]}])
    part = sol.parts[1]
    ring_a, _ = _alpha_beta_times(8, 1024, 0.001, 1000)
    ring_b, _ = _alpha_beta_times(8, 4096, 0.001, 1000)
    assert _answer(part, "ratio").value == pytest.approx(ring_b / ring_a, rel=1e-12)
    assert part.verified and "ratio" in part.asked


@pytest.mark.parametrize("norm,numpy_ord", [("l2", 2), ("l1", 1), ("linf", np.inf)])
def test_norms_of_two_parts_steps_and_their_ratio_chained(norm, numpy_ord):
    """‖u‖ / ‖v‖: two norm-of entries, then a ratio of them by name (a part that asks only
    derived quantities: asks: [])."""
    base = {"family": "steepest-descent", "gradient": [4, -2, 1], "form": "penalty-squared",
            "alpha": 1}
    sol = _solve([{"label": "a", **base, "norm": "linf", "asks": ["update"]},
                  {"label": "b", **base, "norm": "l2", "asks": ["update"]},
                  {"label": "c", **base, "norm": "l2", "asks": [], "derived": [
                      {"kind": "norm-of", "of": "a.update", "norm": norm, "label": "|u|"},
                      {"kind": "norm-of", "of": "b.update", "norm": norm, "label": "|v|"},
                      {"kind": "ratio", "of": {"quantity": "norm-of", "name": "|u|"},
                       "to": {"quantity": "norm-of", "name": "|v|"}}]}])
    part = sol.parts[2]
    assert part.verified, [(c.method, c.status, c.detail) for c in part.checks]
    g = np.array([4.0, -2.0, 1.0])
    u, v = -0.5 * np.abs(g).sum() * np.sign(g), -0.5 * g     # independent closed forms
    want = np.linalg.norm(u, numpy_ord) / np.linalg.norm(v, numpy_ord)
    assert _answer(part, "ratio").value == pytest.approx(want, rel=1e-12)
    assert [a.quantity for a in part.answers] == ["norm-of", "norm-of", "ratio"]


def test_a_wrong_norm_of_an_answer_fails_its_witness():
    base = {"family": "steepest-descent", "gradient": [4, -2, 1], "form": "penalty-squared",
            "alpha": 1, "norm": "l2"}
    sol = _solve([{"label": "a", **base, "asks": ["update"]},
                  {"label": "b", **base, "asks": [], "derived": [
                      {"kind": "norm-of", "of": "a.update", "norm": "l1"}]}], run_witnesses=False)
    from optiproof.families.derived import Derived, Operand, Solved

    part = sol.parts[1]
    good = _answer(part, "norm-of")
    assert good.value == pytest.approx(3.5)       # |(-2, 1, -1/2)|_1
    ask = DerivedAsk.model_validate({"kind": "norm-of", "of": "a.update", "norm": "l1"})
    a_part = sol.parts[0]
    problem = make_problem({"title": "t", "parts": [{"label": "a", **base, "asks": ["update"]}]})
    op = Operand("a.update", _answer(a_part, "update").expr, "u", _answer(a_part, "update"),
                 Solved(problem.parts[0], a_part))
    wrong = dataclasses.replace(good, expr=sp.Rational(7, 3))
    assert derived_check(Derived(ask, (op,), wrong)).status == "failed"
    assert derived_check(Derived(ask, (op,), good)).status == "passed"


@pytest.mark.parametrize("data,message", [
    ({"kind": "norm-of", "of": "update", "to": "update"}, "one operand"),
    ({"kind": "norm-of", "of": "update", "norm": "lp"}, "needs p"),
])
def test_malformed_norm_of_asks_are_refused(data, message):
    with pytest.raises(ValueError, match=message):
        DerivedAsk.model_validate(data)


def test_a_part_asking_nothing_at_all_is_refused():
    with pytest.raises((BadInput, ValueError), match="nothing is asked"):
        make_problem({"title": "t", "parts": [{"label": "a", "family": "steepest-descent",
                                               "gradient": [1, 2], "norm": "l2", "asks": []}]})


# --------------------------------------------------------------------------- implicit bias

def test_distance_to_the_min_norm_point_and_no_dependence_on_the_step():
    X, y, t0 = [[1, 0, 1], [0, 2, 1]], [1, 2], [1, 1, 0]
    part = _solve([{"label": "a", "family": "implicit-bias", "X": X, "y": y, "theta0": t0,
                    "method": "gd", "asks": ["limit", "min-norm-solution"], "derived": [
                        {"kind": "distance", "of": "limit", "to": "min-norm-solution"},
                        {"kind": "depends-on", "of": "limit", "parameter": "lr"}]}]).parts[0]
    assert part.verified, [(c.method, c.status, c.detail) for c in part.checks]
    Xa, ya, t0a = (np.array(v, dtype=float) for v in (X, y, t0))
    limit = t0a + np.linalg.pinv(Xa) @ (ya - Xa @ t0a)
    assert _answer(part, "distance").value == pytest.approx(
        np.linalg.norm(limit - np.linalg.pinv(Xa) @ ya), abs=1e-12)
    assert _answer(part, "depends-on").value is False


def test_same_as_and_differs_compare_two_answers_exactly():
    """From θ0 = (1, 0) on x1 + 2 x2 = 3 the GD limit keeps the null-space part of θ0, so it is
    not X^+ y = (3/5, 6/5); from 0 it is."""
    for t0, same in (([1, 0], False), ([0, 0], True)):
        part = _solve([{"label": "a", "family": "implicit-bias", "a": [1, 2], "b": 3,
                        "theta0": t0, "method": "gd", "asks": ["limit", "min-norm-solution"],
                        "derived": [{"kind": "same-as", "of": "limit", "to": "min-norm-solution"},
                                    {"kind": "differs", "of": "limit",
                                     "to": "min-norm-solution"}]}]).parts[0]
        assert part.verified, [(c.method, c.status, c.detail) for c in part.checks]
        assert _answer(part, "same-as").value is same
        assert _answer(part, "differs").value is (not same)


def test_the_ridge_limit_depends_on_the_weight_decay():
    part = _solve([{"label": "a", "family": "implicit-bias", "a": [1, 2], "b": 3,
                    "method": {"name": "ridge", "lam": 0.5}, "derived": [
                        {"kind": "depends-on", "of": {"quantity": "limit",
                                                      "name": "limit_of_lambda"},
                         "parameter": "lambda"}]}]).parts[0]
    assert _answer(part, "depends-on").value is True
    assert part.verified, [(c.method, c.status, c.detail) for c in part.checks]


# --------------------------------------------------------------------------- other families

def test_theta0_plus_the_step_and_its_dependence_on_alpha():
    part = _solve([{"label": "a", "family": "steepest-descent", "norm": "linf",
                    "gradient": [3, -1, 2], "alpha": "alpha", "derived": [
                        {"kind": "sum", "of": "update", "to": [1, 1, 1]},
                        {"kind": "depends-on", "of": "update", "parameter": "alpha"}]}]).parts[0]
    assert part.verified, [(c.method, c.status, c.detail) for c in part.checks]
    total = _answer(part, "sum").expr
    a = next(iter(total.free_symbols))
    # u = -(alpha/2) ||g||_1 sign(g) = -3 alpha sign(g)
    assert total.subs(a, sp.Rational(1, 3)) == sp.Matrix([0, 2, 0])
    assert _answer(part, "depends-on").value is True


def test_a_crossover_in_beta_of_the_heavy_ball_stable_step():
    part = _solve([{"label": "a", "family": "quadratic-dynamics", "eigenvalues": [1, 10],
                    "method": "heavy-ball", "asks": ["max-step"], "derived": [
                        {"kind": "crossover", "of": "max-step", "to": 0.3,
                         "solve_for": "beta"}]}]).parts[0]
    # 2 (1 + beta) / L = 0.3 with L = 10
    assert _answer(part, "crossover").value == pytest.approx(0.5)
    assert part.verified, [(c.method, c.status, c.detail) for c in part.checks]


def test_the_iterate_minus_the_last_step_is_the_previous_iterate():
    data = {"label": "a", "family": "adam-mechanics", "alpha": 0.1, "beta1": 0.9,
            "beta2": 0.999, "gradients": [[1, -2], [0.5, 3]], "theta0": [1, 1],
            "asks": ["theta-t", "last-step"],
            "derived": [{"kind": "difference", "of": "theta-t", "to": "last-step"}]}
    part = _solve([data]).parts[0]
    # the first Adam step is -alpha sign(g_1) exactly
    assert _answer(part, "difference").value == pytest.approx([0.9, 1.1], abs=1e-15)
    assert part.verified, [(c.method, c.status, c.detail) for c in part.checks]


# --------------------------------------------------------------------------- wrong values

@pytest.mark.parametrize("part,kind,wrong", [
    ({"family": "communication", "schemes": ["ring", "tree"], "quantities": ["time"],
      "derived": [{"kind": "crossover", "of": "time[tree]", "to": "time[ring]",
                   "solve_for": "p"}]}, "crossover", lambda e: 2 * e),
    ({"family": "communication", "n": 8, "p": 64, "schemes": ["ring", "tree"],
      "quantities": ["time"], "derived": [{"kind": "ratio", "of": "time[tree]",
                                           "to": "time[ring]"}]}, "ratio", lambda e: e + 1),
    ({"family": "implicit-bias", "a": [1, 2], "b": 3, "method": "gd",
      "asks": ["limit", "min-norm-solution"],
      "derived": [{"kind": "distance", "of": "limit", "to": "min-norm-solution"}]},
     "distance", lambda e: e + sp.Rational(1, 10)),
    ({"family": "implicit-bias", "a": [1, 2], "b": 3, "theta0": [1, 0], "method": "gd",
      "derived": [{"kind": "depends-on", "of": "limit", "parameter": "lr"}]},
     "depends-on", lambda e: sp.true),
    ({"family": "implicit-bias", "a": [1, 2], "b": 3, "theta0": [1, 0], "method": "gd",
      "asks": ["limit", "min-norm-solution"],
      "derived": [{"kind": "same-as", "of": "limit", "to": "min-norm-solution"}]},
     "same-as", lambda e: sp.true),
    ({"family": "implicit-bias", "a": [1, 2], "b": 3, "method": "gd",
      "asks": ["limit", "min-norm-solution"],
      "derived": [{"kind": "differs", "of": "limit", "to": "min-norm-solution"}]},
     "differs", lambda e: sp.true),
    ({"family": "communication", "schemes": ["ring"], "quantities": ["values-sent"],
      "derived": [{"kind": "limit-of", "of": "values-sent[ring]", "parameter": "n"}]},
     "limit-of", lambda e: e + 1),
])
def test_a_wrong_derived_value_fails_its_witness(part, kind, wrong):
    spec = make_problem({"parts": [{"label": "a", **part}]}).parts[0]
    solution = FAMILIES[spec.family].solve(spec, SolveOptions(figures=False))
    derived = derive(spec, solution, [])[0]
    assert derived_check(derived).status == "passed"
    broken = dataclasses.replace(derived, answer=dataclasses.replace(
        derived.answer, expr=wrong(derived.answer.expr)))
    assert derived_check(broken).status == "failed", derived_check(broken).detail


def test_limits_as_the_workers_grow():
    """Per-worker traffic of the ring tends to 2p; the messages grow without bound (answered,
    not extrapolated); a limit in a symbol the answer lacks is refused."""
    sol = _solve([{"label": "a", "family": "communication", "schemes": ["ring", "all-to-all"],
                   "quantities": ["values-sent", "messages"],
                   "derived": [{"kind": "limit-of", "of": "values-sent[ring]", "parameter": "n"},
                               {"kind": "limit-of", "of": "messages[all-to-all]",
                                "parameter": "n"}]}])
    part = sol.parts[0]
    limits = [a for a in part.answers if a.quantity == "limit-of"]
    assert sp.simplify(limits[0].expr - 2 * sp.Symbol("p", positive=True, integer=True)) == 0 \
        or str(limits[0].expr) == "2*p"
    assert limits[1].expr == sp.oo and limits[1].status == "unbounded"
    with pytest.raises(BadInput, match="does not contain"):
        _solve([{"label": "a", "family": "communication", "schemes": ["ps"],
                 "quantities": ["message-size"],
                 "derived": [{"kind": "limit-of", "of": "message-size[ps]", "parameter": "n"}]}])
