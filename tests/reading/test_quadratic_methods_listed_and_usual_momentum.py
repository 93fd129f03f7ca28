"""'Best constant-step GD: step and factor?' asks the optimal step; μ listed beside L is the
curvature's; 'each of GD (1) and heavy ball (2) need' splits one count per method; the momentum
'usually used' by Nesterov at step 1/L is the optimum at that step, verified by a search over β;
a start said to be not needed is set aside."""

from __future__ import annotations

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

TEXT = ("An ill-conditioned bowl f(w) = 0.5*(w1^2 + 25*w2^2). Start: w_0 = (3, 2) -- not needed "
        "for the rates.\n"
        "Q1: L, μ? Best constant-step GD: step and contraction factor?\n"
        "Q2: Polyak heavy ball: optimal α, β and rate sqrt(β).\n"
        "Q3: Nesterov with step 1/L: what momentum coefficient is usually used?\n"
        "Q4: How many iterations does each of GD (Q1) and heavy ball (Q2) need so that "
        "rate^k ≤ 1e-3?")


def _parts():
    return {p.label: p for p in read_report(TEXT).parts}


def test_the_best_constant_step_and_the_listed_curvature():
    one = _parts()["1"]
    assert not one.missing, [m.reason for m in one.missing]
    assert set(one.value("asks")) >= {"smoothness-constant", "strong-convexity-constant",
                                      "optimal-step", "optimal-rate"}


def test_each_of_two_methods_named_with_their_parts_is_one_count_each():
    parts = _parts()
    assert [parts[k].value("method") for k in ("4.1", "4.2")] == ["gd", "heavy-ball"]
    assert not parts["4.1"].missing and not parts["4.2"].missing


def test_the_usual_nesterov_momentum_is_answered_and_verified():
    reading = read_report(TEXT)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    data = {p["label"]: p for p in solution.to_dict()["parts"]}
    three = data["3"]
    assert three["verified"]
    momentum = next(a for a in three["answers"] if a["quantity"] == "optimal-momentum")
    assert abs(momentum["value"] - 2 / 3) < 1e-12   # (√25 − 1)/(√25 + 1)
    counts = [next(a["value"] for a in data[k]["answers"] if a["quantity"] == "iterations")
              for k in ("4.1", "4.2")]
    assert counts == [87, 18]   # (12/13)^k ≤ 1e-3 and (2/3)^k ≤ 1e-3
    assert solution.exit_code == 0


def test_a_start_said_to_be_not_needed_is_set_aside():
    reading = read_report(TEXT)
    assert not any(u for p in reading.parts for u in p.unused)
    assert reading.complete
