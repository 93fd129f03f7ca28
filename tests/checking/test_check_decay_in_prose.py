"""Decoupled weight decay stated in prose, and SGD named as where two forms coincide.

- "AdamW instead subtracts αλθ" states what AdamW does, set against L2 (an indicative
  "instead"), not a hypothetical; a product of Greek letters in plain Unicode prose (``αλθ``,
  ``α·λ·θ``) is a formula as its LaTeX would be. A wrong decay said the same way is still
  wrong; a hypothetical one ("if one instead subtracted …") is not graded.
- "For plain SGD the two coincide", "they are only equivalent for SGD": SGD is the setting in
  which L2 and decoupled decay are one update, not a method named as the same update as the
  part's; naming SGD as AdamW's update is still over-reach.
"""

from __future__ import annotations

import pytest
from conftest import assert_outcome, graded_part

from optiproof.checking.setting import names_the_setting
from optiproof.checking.statements import stance

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
_L2 = ("(e) Under L2 the extra gradient λθ goes through the division by √v̂, so weights with a "
       "large gradient history are decayed less. ")

_ADAMW = "AdamW subtracts $\\alpha\\lambda\\theta_{t-1}$ directly. "
_CASES = {
    # the decay in prose: indicative "instead", a Unicode product of Greek letters
    "latex-instead": ("AdamW instead subtracts $\\alpha\\lambda\\theta_{t-1}$ (with $\\lambda "
                      "= 0.01$) straight from the weights.", "correct"),
    "unicode-product": ("AdamW takes αλθ off every weight at every step, outside the "
                        "preconditioner.", "correct"),
    "unicode-dots": ("With AdamW each weight loses α·λ·θ per step, applied directly.", "correct"),
    "wrong-instead": ("AdamW instead subtracts $\\boxed{2\\alpha\\lambda\\theta_{t-1}}$ from "
                      "the weights.", "wrong-answer"),
    "hypothetical": ("AdamW subtracts αλθ directly. If one instead subtracted $2\\alpha\\lambda"
                     "\\theta$, the decay would be twice as strong.", "correct"),
    # SGD as the setting in which the two forms are one update
    "two-coincide": (_ADAMW + "For plain SGD the two coincide (with λ rescaled); Adam's "
                     "preconditioner breaks this.", "correct"),
    "only-equivalent": (_ADAMW + "They are only equivalent for vanilla SGD, not for Adam.",
                        "correct"),
    "both-penalties": (_ADAMW + "In SGD both penalties give the same step; with Adam they "
                       "differ.", "correct"),
    "sgd-as-adamw": (_ADAMW + "AdamW is exactly SGD with weight decay.", "over-reach"),
}


@pytest.mark.parametrize("case", sorted(_CASES))
def test_the_weight_decay_part_in_prose(solved, case):
    text, expected = _CASES[case]
    assert_outcome(graded_part(solved, ADAM, _L2 + text + "\n", "e"), expected)


@pytest.mark.parametrize("text, hypothetical", [
    ("AdamW instead subtracts X from the weights", False),
    ("the decoupled rule instead applies X to every weight", False),
    ("if we instead subtracted X the decay would double", True),
    ("one would instead use X", True),
    ("Instead, X could be used", True),
])
def test_an_indicative_instead_states_what_a_method_does(text, hypothetical):
    at = text.index("X")
    assert (stance(text, at, at + 1).reason == "hypothetical") is hypothetical


@pytest.mark.parametrize("clause, setting", [
    ("for plain sgd the two coincide", True),
    ("they are only equivalent for plain sgd", True),
    ("in sgd the two forms are identical", True),
    ("this is the same update as with sgd", False),
    ("adamw is exactly sgd with weight decay", False),
    ("for sgd, adamw is the same as l2", False),
])
def test_the_setting_of_a_sameness(clause, setting):
    assert names_the_setting(clause, clause.index("sgd")) is setting
