"""'The smallest t with β₁ᵗ < 0.01' (or with 1 − β₂ᵗ > 0.99, or 'how many steps until the bias
correction is negligible') asks the first step from which a bias-correction factor is within a
threshold of 1: answered for β₁ and β₂ (exact powers compared at t and t − 1) and checked on
the state of a real torch.optim.Adam. 'What simple rule does it follow?' of Adam's first step
asks which rule it is; and 'the second update θ2 − θ1' names the difference, so a later
'Give θ2.' asks the iterate."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report
from reading_helpers import solved_verified


def _first_below(beta: float, delta: float) -> int:
    t = 1
    while beta ** t >= delta:
        t += 1
    return t


def _settled(data: dict) -> list[int]:
    (part,) = data["parts"]
    return [int(a["value"]) for a in part["answers"] if a["name"].startswith("first t with beta")]


@pytest.mark.parametrize("text,b1,b2,delta", [
    ("Adam uses beta1 = 0.9 and beta2 = 0.99 with bias correction.\n(a) Find the smallest t "
     "with beta1^t < 0.05, and the smallest t with beta2^t < 0.05.\n", 0.9, 0.99, 0.05),
    (r"Adam with $\beta_1 = 0.85$, $\beta_2 = 0.995$ corrects its moments by $1 - \beta^t$." "\n"
     r"(a) For each of the two, what is the first step $t$ with $1 - \beta^t > 0.98$?" "\n",
     0.85, 0.995, 0.02),
    ("Adam, β1 = 0.7, β2 = 0.95 (bias correction on). The correction factors 1 - β1t and "
     "1 - β2t approach 1.\n(a) nd the smallest t with βt < 0.001 for each of them.\n",
     0.7, 0.95, 0.001),
    ("adam (beta1=0.9, beta2=0.999), bias correction on. after how many steps is the bias "
     "correction negligible, i.e. how many steps until beta^t < 0.1 for both betas?\n",
     0.9, 0.999, 0.1),
])
def test_first_step_below_the_threshold(text: str, b1: float, b2: float, delta: float):
    data = solved_verified(text)
    assert _settled(data) == [_first_below(b1, delta), _first_below(b2, delta)]
    (part,) = data["parts"]
    assert any("threshold" in c["method"] and c["passed"] for c in part["checks"])


def test_a_power_exactly_at_the_threshold_is_not_below_it():
    # 0.5^2 = 0.25: strictly below 0.25 needs t = 3, at or below it t = 2
    strict = solved_verified("Adam with beta1 = 0.5, beta2 = 0.5.\n(a) Find the smallest t with "
                             "beta1^t < 0.25 and with beta2^t < 0.25.\n")
    assert _settled(strict) == [3, 3]
    inclusive = solved_verified("Adam with beta1 = 0.5, beta2 = 0.5.\n(a) Find the smallest t "
                                "with beta1^t <= 0.25 and with beta2^t <= 0.25.\n")
    assert _settled(inclusive) == [2, 2]


def test_two_thresholds_are_refused_by_name():
    reading = read_report("Adam with beta1 = 0.9, beta2 = 0.999.\n(a) Find the smallest t with "
                          "beta1^t < 0.01 and the smallest t with beta2^t < 0.1.\n")
    assert not reading.complete
    assert any("one threshold" in u for u in reading.unread())


@pytest.mark.parametrize("ask", ["What simple rule does it follow?",
                                 "Which well-known rule is that?",
                                 "What rule does this step obey?"])
def test_rule_of_the_first_step_is_identified(ask: str):
    data = solved_verified("Adam (bias correction on, eps = 0) starts from θ0 = (0, 0) with "
                           "learning rate 0.1, β1 = 0.8, β2 = 0.9. The first gradient is "
                           f"g1 = (2, -0.5).\n(a) Give the first update θ1 − θ0. {ask}\n")
    (part,) = data["parts"]
    assert "identification" in part["asked"] and part["identified_as"]
    step = [a["value"] for a in part["answers"] if a["name"] == "first_step"][0]
    assert step == pytest.approx([-0.1, 0.1])


def test_an_iterate_after_a_named_difference_is_the_iterate():
    reading = read_report("Adam (with bias correction, eps = 0) on θ ∈ R^2 from θ0 = (0, 0), "
                          "learning rate 0.1, β1 = 0.8, β2 = 0.9. The gradients are "
                          "g1 = (1, -4), g2 = (3, 0).\n(i) Give the second update θ2 − θ1.\n"
                          "(ii) Give θ2.\n")
    assert [p.asked for p in reading.parts] == [["last-step"], ["theta-t"]]
