"""A part that names its verified method and then says that method *is* another, unrelated
optimizer ("the heavy-ball iteration is Nesterov's method") claims more than the derivation
supports: over-reach, even though the right name is there too. The same two names in a
denial, a contrast, or the verified method under another of its own names are no finding."""

from __future__ import annotations

import pytest
from conftest import assert_outcome, finding_kinds, graded_part

QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"
_VALUES = ("(d) Tuned step α ≈ 0.2309, momentum β ≈ 0.2699, so the contraction factor is "
           "√β ≈ 0.5195. ")


@pytest.mark.parametrize("text, over_reach", [
    (_VALUES + "Note that the heavy-ball recursion is simply Nesterov's accelerated gradient.",
     True),
    (_VALUES + "So the Polyak update we tuned is exactly Adam in disguise.", True),
    (_VALUES + "The heavy ball method is not Nesterov's accelerated gradient: it takes the "
     "gradient at the current point.", False),
    (_VALUES + "Unlike Nesterov's method, heavy ball evaluates the gradient before the "
     "momentum step.", False),
    (_VALUES + "This heavy-ball scheme is Polyak momentum.", False),
])
def test_saying_the_verified_method_is_another_optimizer_is_over_reach(solved, text, over_reach):
    part = graded_part(solved, QD, text + "\n", "d")
    assert_outcome(part, "over-reach" if over_reach else "correct")


AM = "src/optiproof/problems/texts/adam-mechanics.txt"


_ADAM = ("(a) m_t = β1 m_{t-1} + (1-β1) g_t, v_t = β2 v_{t-1} + (1-β2) g_t^2, with bias "
         "corrections m̂_t = m_t/(1-β1^t), v̂_t = v_t/(1-β2^t) and the step "
         "θ_t = θ_{t-1} - α m̂_t/(√v̂_t + ε). ")


def test_adam_said_to_be_adagrad_plus_momentum_is_over_reach(solved):
    text = _ADAM + "In short, Adam is just AdaGrad with a momentum term.\n"
    assert "over-reach" in finding_kinds(graded_part(solved, AM, text, "a"))


def test_adam_described_by_its_special_case_rmsprop_is_no_finding(solved):
    text = _ADAM + "In short, Adam is just RMSprop with momentum and bias correction.\n"
    assert_outcome(graded_part(solved, AM, text, "a"), "correct")
