"""Correctly written parts of blind batch M that the checker flagged, each mechanism tried in
phrasings of my own:

- a number closing a sentence ("… with λ = 0.01. The rest …") ends it: the next sentence's
  negation does not reach back to the value; a list's enumerator ("2. Then") and a numbered
  reference ("see step 3. Then") do not end one;
- a pronoun's verb acting on a method ("AdamW splits the two: it runs Adam on …") does not make
  that method the subject of the values after it: they belong to the referent;
- "for SGD the two <any plural noun> coincide": SGD is the setting of the sameness.
"""

from __future__ import annotations

import pytest
from conftest import assert_outcome, graded_part

from optiproof.checking.claims import pronoun_objects
from optiproof.checking.setting import names_the_setting
from optiproof.checking.statements import _sentence_ends

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
_L2 = ("(e) Under an L2 penalty the term λθ enters the moments and is divided by √v̂, so the "
       "decay of a weight depends on its gradient history. ")


_NUMBER_ENDS = [
    ("The shrink uses λ = 0.01. Nothing else changes.", 1),
    ("We set c = 2. It does not matter.", 1),
    ("It is about 10⁻⁵. Then it stops.", 1),
    ("1. First item\n2. Second item", 0),
    ("As shown in step 3. Then the bound follows", 0),
    ("the value 0.5. then lower case goes on", 0),
]


def test_a_number_can_close_a_sentence():
    for text, ends in _NUMBER_ENDS:
        inner = [e for e in _sentence_ends(text, []) if e < len(text.rstrip(".")) - 1]
        assert len(inner) == ends, text


_OBJECTS = [
    ("AdamW separates them: it applies Adam to the data gradient and then shrinks θ", {"adam"}),
    ("Decoupled decay is simple, and they feed SGD the plain gradient while θ shrinks",
     set()),
    ("It runs Adam on the gradient and shrinks θ", set()),
    ("AdamW splits the two: it is Adam plus a shrink of θ", set()),
]


def test_a_method_a_pronoun_acts_on_is_no_subject():
    for text, dropped in _OBJECTS:
        assert set(pronoun_objects(text)) == dropped, text


_SHRINK = {
    "pronoun-object": ("AdamW keeps them apart: it feeds Adam only the loss gradient and then "
                       "multiplies each weight down, θ ← θ − αλθ, with λ = 0.01. The decay does "
                       "not depend on √v̂.", "correct"),
    "pronoun-object-wrong": ("AdamW keeps them apart: it feeds Adam only the loss gradient and "
                             "then multiplies each weight down, θ ← θ − 2αλθ. The decay does "
                             "not depend on √v̂.", "wrong-answer"),
    "number-then-negation": ("AdamW subtracts αλθ with λ = 0.01. Its decay is not divided by "
                             "anything.", "correct"),
}


@pytest.mark.parametrize("case", sorted(_SHRINK))
def test_the_decoupled_shrink_is_adamws(solved, case):
    text, expected = _SHRINK[case]
    assert_outcome(graded_part(solved, ADAM, _L2 + text + "\n", "e"), expected)


_SETTINGS = [
    ("for plain sgd the two formulations coincide", True),
    ("with sgd both regularisation choices are identical", True),
    ("under sgd these parametrisations agree", True),
    ("adamw and sgd formulations coincide", False),
]


def test_any_plural_is_the_sameness_of_a_setting():
    for clause, setting in _SETTINGS:
        assert names_the_setting(clause, clause.index("sgd")) is setting, clause


def test_sgd_as_the_setting_of_two_formulations(solved):
    text = ("AdamW subtracts αλθ from every weight. For vanilla SGD the two formulations "
            "coincide, and once steps are preconditioned they part ways, hence AdamW.")
    assert_outcome(graded_part(solved, ADAM, _L2 + text + "\n", "e"), "correct")
