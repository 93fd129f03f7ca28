"""Phrasings of AdamW's shrink factor and of steps met in independently written texts:
'by what factor is θ multiplied per step by the decay term' (the shrink factor 1 − αλ, not a
ratio of two answers); 'what fraction of its initial value is left after N steps' (the decay's
product, under a stated zero gradient); 'delta θ_1' (the first step, not the iterate); 'the
update at step t = 3' (that step); a gradient stated for all t ('g_t = 0 for all t') is
constant; a part's own scalar gradient replaces the shared sequence and a shared start of
another size."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

SHARED = ("Adam with α = {a}, β1 = 0.9, β2 = 0.999, ε = 0, m0 = v0 = 0, bias correction as "
          "usual, and weight-decay coefficient λ = {lam}.\n")


def _solved(text: str) -> dict:
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    reading.attach(solution)
    data = solution.to_dict()
    assert all(p["verified"] for p in data["parts"]), [p["checks"] for p in data["parts"]]
    return data


def _values(part: dict) -> list[float]:
    return [x for a in part["answers"] for x in (
        a["value"] if isinstance(a["value"], list) else [a["value"]])
        if isinstance(x, (int, float)) and not isinstance(x, bool)]


@pytest.mark.parametrize("a,lam", [("0.01", "0.1"), ("0.001", "0.5")])
@pytest.mark.parametrize("ask", [
    "For AdamW, by what factor is θ multiplied per step by the decay term alone?",
    "In AdamW, by what factor is θ multiplied by the decay term in each step?"])
def test_the_factor_theta_is_multiplied_by_is_the_shrink_factor(a, lam, ask):
    data = _solved(SHARED.format(a=a, lam=lam) + f"{ask}\n")
    assert any(v == pytest.approx(1 - float(a) * float(lam), rel=1e-12)
               for v in _values(data["parts"][0]))


def test_the_fraction_of_the_initial_value_left_under_a_zero_gradient():
    text = (SHARED.format(a="0.001", lam="0.01") +
            "With AdamW, what is the per-step shrink factor, and if some weight gets "
            "gradient exactly 0 forever, what fraction of its initial value is left after "
            "1000 steps?\n")
    values = _values(_solved(text)["parts"][0])
    assert any(v == pytest.approx(0.99999, rel=1e-12) for v in values)
    assert any(v == pytest.approx(0.99999 ** 1000, rel=1e-9) for v in values)


@pytest.mark.parametrize("g", ["0.2", "-1.5"])
def test_delta_theta_spelled_out_is_the_first_step(g):
    text = (f"Adam, lr alpha = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 0, standard bias "
            f"correction, m0 = v0 = 0. One param, first gradient g = {g}.\n"
            "(1) what's the first update delta theta_1 ?\n"
            "(2) same but loss multiplied by 10. delta theta_1 = ?\n")
    data = _solved(text)
    for part in data["parts"]:
        assert part["asked"] == ["first-step"], part["asked"]
        assert part["answers"][0]["value"][0] == pytest.approx(
            -1e-3 * (1 if float(g) > 0 else -1), rel=1e-12)


@pytest.mark.parametrize("t", [2, 3, 7])
def test_a_partial_own_scalar_gradient_replaces_the_shared_sequence(t):
    text = ("Hyperparameters: α = 0.01, β₁ = 0.9, β₂ = 0.99, ε = 0. Parameter at the start: "
            "θ₀ = (2, −8), moments m₀ = v₀ = 0. The gradient at θ₀ is g₁ = (0.5, 0.5).\n"
            "1. Compute θ₁ for Adam.\n"
            "2. If Adam is run without bias correction (m̂ = m, v̂ = v) on a constant gradient "
            f"g = 1 (scalar), what is the magnitude of the update at step t = {t}?\n")
    data = _solved(text)
    want = 0.01 * (1 - 0.9 ** t) / (1 - 0.99 ** t) ** 0.5
    assert any(v == pytest.approx(want, rel=1e-12) for v in _values(data["parts"][1]))


def test_a_constant_gradient_for_all_t_beyond_the_run_limit_is_refused_naming_it():
    text = (SHARED.format(a="0.01", lam="0.1") +
            "1. Suppose the loss gradient is exactly zero (g_t = 0 for all t) and θ0 = 5. Give θ "
            "after 1000 AdamW steps.\n"
            "2. Suppose the loss gradient is exactly zero (g_t = 0 for all t) and θ0 = 5. Give θ "
            "after 3 AdamW steps.\n")
    reading = read_report(text)
    why = "\n".join(reading.unread())
    assert "part (1)" in why and "after 1000 AdamW steps" in why and "expected" in why
    assert "part (2)" not in why
