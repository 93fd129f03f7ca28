"""A weight whose gradient is said to be zero in words ('its data gradient is exactly zero at every
step', 'the data loss is identically zero') runs on the zero gradient at every step, so θ_1 under
L2 and under AdamW is answered (checked here by hand: the L2 step is Adam's first step on λθ_0,
AdamW only shrinks by 1 - αλ); 'what factor multiplies θ per step' in an AdamW part is the
shrink factor 1 - αλ; 'the total factor after N steps' (N may be written '10 000') is
(1 - αλ)^N. In a gradient-descent part 'what factor multiplies the error per step' stays the
contraction factor."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

from reading_helpers import solved

_TEXT = ("A single weight starts at θ0 = {t0}. {premise} Take lr = {lr}, β1 = 0.9, β2 = 0.99, "
         "ε = 1e-8 and decay coefficient λ = {lam}.\n\n"
         "(a) With Adam plus L2 regularisation (the gradient fed to Adam is g + λθ), compute θ1.\n"
         "(b) AdamW (decoupled: θ ← θ - lr·λθ besides the Adam step). Compute θ1.\n"
         "(c) For AdamW, what factor multiplies θ per step?\n"
         "(d) For AdamW, the weight is multiplied by the same factor every step. Give the total "
         "factor after {n} steps.\n")


def _solve(text: str) -> dict:
    reading, solution = solved(text, witnesses=True)
    reading.attach(solution)
    return solution.to_dict()


def _values(part: dict) -> list[float]:
    out = []
    for a in part["answers"]:
        v = a["value"]
        out += v if isinstance(v, list) else [v] if isinstance(v, float) else []
    return out


@pytest.mark.parametrize("premise", ["Its data gradient is exactly zero at every step.",
                                     "The data loss is identically zero (its gradient is 0)."])
@pytest.mark.parametrize("t0, lr, lam, n, digits", [(3, 0.01, 0.5, "2 000", 2000),
                                                    (-1.5, 0.001, 0.2, "500", 500)])
def test_zero_gradient_in_words_with_decay(premise, t0, lr, lam, n, digits):
    data = _solve(_TEXT.format(t0=t0, lr=lr, lam=lam, n=n, premise=premise))
    assert all(p["verified"] for p in data["parts"])
    a, b, c, d = data["parts"]
    g = lam * t0                       # the L2 gradient at θ0; Adam's first step is lr·g/(|g|+ε)
    l2 = t0 - lr * g / (abs(g) + 1e-8)
    assert any(abs(v - l2) < 1e-12 for v in _values(a))
    assert any(abs(v - t0 * (1 - lr * lam)) < 1e-12 for v in _values(b))
    assert any(abs(v - (1 - lr * lam)) < 1e-12 for v in _values(c))
    assert any(abs(v - (1 - lr * lam) ** digits) < 1e-9 for v in _values(d))


def test_a_factor_of_the_error_per_step_is_not_weight_decay():
    reading = read_report("Gradient descent on f(x) = ½ x^2 with step size 0.5, from x0 = 1.\n"
                          "(a) What factor multiplies the error per step?\n")
    assert all("weight-decay" not in p.asked for p in reading.parts)


def test_a_zero_gradient_in_a_condition_is_no_gradient():
    # 'ε negligible unless a gradient is 0' says nothing about the gradients of the run
    reading = read_report("Adam with α = 0.01, β1 = 0.9, β2 = 0.999 and ε = 1e-8 (negligible "
                          "unless a gradient is 0). The gradient is g_t = 2 for all t.\n"
                          "(a) What is the update at t = 3?\n")
    assert all(p.value("gradient") != [0] for p in reading.parts)
