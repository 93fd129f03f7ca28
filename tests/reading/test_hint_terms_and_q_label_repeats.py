"""A norm or optimizer named inside a hint to the reader ('(Hint from the TA: it minimises some
weighted norm among all interpolants)', 'Hint: think of the ℓ∞ ball.') helps a person and is
ignored as such, not reported as unused. 'Repeat Q2's step-size question for ...', 'redo
question 2's ...', 'Repeat (b)'s computation with ...' name the part repeated."""

from __future__ import annotations

import pytest
import sympy as sp

from optiproof.reading import read_report
from optiproof.reading.questions import read_questions
from reading_helpers import quantity_values

BASE = ("Two unknowns, one example x = (1, 2) with y = 5, loss L(w) = 1/2 (x^T w - y)^2, start "
        "w_0 = 0. Plain GD: w <- w - lr * grad L(w). Preconditioned GD: w <- w - lr * P grad L(w) "
        "with P = diag(2, 1).\n\n")
HINTS = [
    "(Hint from the TA: it minimises some weighted norm among all interpolants.)",
    "(hint: the answer is the interpolant of least weighted norm -- which weight is up to you)",
    "Hint: compare with the min-ℓ2-norm interpolant.",
]


@pytest.mark.parametrize("hint", HINTS)
def test_a_norm_named_in_a_hint_is_ignored_as_a_hint(hint):
    text = BASE + "Which w does preconditioned GD converge to? " + hint + "\n"
    reading = read_report(text)
    assert reading.complete and not reading.unused, (reading.unread(), reading.unused)
    ignored = reading.to_dict()["ignored"]
    assert any("hint" in x for x in ignored), ignored


def test_a_norm_named_outside_a_hint_is_still_reported():
    text = BASE + ("Which w does preconditioned GD converge to? It minimises some weighted "
                   "norm among all interpolants.\n")
    reading = read_report(text)
    assert not reading.complete or reading.unused


@pytest.mark.parametrize("sentence,label", [
    ("Repeat Q2's step-size question for the preconditioned iteration.", "2"),
    ("Now repeat question 3's computation with w_0 = (1, 1).", "3"),
    ("Repeat (b)'s convergence question for sign descent.", "b"),
    ("repeat q1's thing but for P = diag(1, 4) pls", "1"),
])
def test_a_possessive_repeat_names_its_part(sentence, label):
    assert read_questions(sentence).reference == label


def test_the_step_size_question_repeated_for_the_preconditioned_method():
    # plain GD: x x^T has eigenvalue 5 -> lr < 2/5; preconditioned: x^T P x = 2 + 4 = 6 -> lr < 1/3
    text = BASE + ("Q1. Where does plain GD converge?\n\nQ2. Give the largest lr (supremum) for "
                   "which plain GD converges.\n\nQ3. Repeat Q2's step-size question for the "
                   "preconditioned iteration.\n")
    values = quantity_values(text)
    assert sp.nsimplify(dict(values["2"])["max-step"]) == sp.Rational(2, 5)
    assert sp.nsimplify(dict(values["3"])["max-step"]) == sp.Rational(1, 3)
