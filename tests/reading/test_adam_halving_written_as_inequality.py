"""Halving a weight asked as an inequality ('after how many steps is θ_t ≤ θ_0/2 for the first
time?', 'the smallest t with w_t <= 0.5 w_0', 'for how many iterations until θ_k < (1/2)θ_0')
is the steps AdamW's decay alone takes to halve it, for a weight whose gradient is written zero
at every step ('∇ℓ(θ) = 0 for all the steps considered', 'g_t ≡ 0', LaTeX's \\equiv). 'at
t = 10^4' is not t = 10, and the update rule of an AdamW run is not answered as plain Adam's."""

from __future__ import annotations

import math

import pytest

from optiproof.reading import read_report
from reading_helpers import solved_verified

_TEXT = ("A scalar weight starts at θ_0 = 3 and the data loss is flat there: {zero}. AdamW with "
         "learning rate 0.01, β1 = 0.9, β2 = 0.999, ε = 1e-8 and weight decay λ = 0.05.\n"
         "(a) {ask}\n")


@pytest.mark.parametrize("zero", ["∇ℓ(θ) = 0 for all the steps considered",
                                  "g_t ≡ 0", "the gradient is 0 at every step",
                                  r"$\nabla \ell \equiv 0$"])
@pytest.mark.parametrize("ask", ["After how many steps is θ_t ≤ θ_0/2 for the first time?",
                                 "Find the smallest t with θ_t <= 0.5 θ_0.",
                                 "For how many iterations until θ_k < (1/2)θ_0?"])
def test_halving_steps(zero: str, ask: str):
    data = solved_verified(_TEXT.format(zero=zero, ask=ask))
    (part,) = data["parts"]
    (n,) = [a["value"] for a in part["answers"] if a["name"] == "halving_steps_AdamW"]
    want = math.ceil(math.log(0.5) / math.log(1 - 0.01 * 0.05))
    assert n == want


def test_a_power_of_ten_is_not_its_base():
    reading = read_report(_TEXT.format(zero="g_t ≡ 0", ask="Give θ_t at t = 10^4."))
    assert all(p.value("t") != 10 for p in reading.parts)


def test_update_rule_of_an_adamw_run_is_not_plain_adams():
    reading = read_report(_TEXT.format(zero="g_t ≡ 0", ask="Give a closed form for the update "
                                       "rule of this run."))
    assert not reading.complete
    assert any("weight decay" in u and "AdamW" in u for u in reading.unread())
