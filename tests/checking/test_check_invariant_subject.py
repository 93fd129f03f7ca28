"""A formula the sentence says is unchanged is its subject, not the value of an answer.

"so $\\hat m/\\sqrt{\\hat v}$ is unchanged", "Δθ stays the same", "mhat/sqrt(vhat) does not
change": the words state that the update does not change under a rescaled loss (a ratio of
one); the formula names what does not change. A scaled update written out with the scale left
in it, or a ratio other than one, is still wrong; a worked-out vector said to be unchanged
still states itself. A bare ``g`` or ``g1`` for the problem's one first gradient ``g₁`` is that
gradient.
"""

from __future__ import annotations

import pytest
import sympy
from conftest import assert_outcome, graded_part
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.checking.formula import parse_value
from optiproof.checking.invariance import said_unchanged

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
_STEP = "(c) θ₁ − θ₀ = [−0.001, 0.001, −0.001] (each coordinate moves by α).\n\n"

_CASES = {
    # a formula said to be unchanged: its subject
    "latex-ratio": ("Multiplying the loss by $c>0$ scales $\\hat m$ by $c$ and $\\sqrt{\\hat v}$ "
                    "by $c$, so $\\hat m/\\sqrt{\\hat v}$ is unchanged.", "correct"),
    "unicode-delta": ("With the loss times c, m̂ → c m̂ and √v̂ → c √v̂, hence Δθ stays the "
                      "same.", "correct"),
    "plain-ratio": ("loss * c: mhat -> c*mhat, sqrt(vhat) -> c*sqrt(vhat), and mhat/sqrt(vhat) "
                    "does not change.", "correct"),
    "terse-same": ("loss * c: mhat -> c*mhat and sqrt(vhat) -> c*sqrt(vhat), c cancels. Same "
                   "update.", "correct"),
    # the scaled update with the given α left as its symbol (the part's answer for any first
    # gradient keeps α symbolic; the scaled update's verified form has it as 0.001)
    "latex-display": ("Multiplying the loss by $c>0$, the update becomes\n\n$$\\Delta\\theta_t' "
                      "= -\\alpha\\,\\frac{\\hat m_t}{\\sqrt{\\hat v_t}}$$", "correct"),
    "unicode-line": ("Under the loss c·L the step is Δθ'_t = −α m̂_t/√v̂_t, as before.",
                     "correct"),
    "bold-inline": ("**Scaled loss:** $\\Delta\\theta_t' = -\\alpha\\,\\hat m_t/\\sqrt{\\hat "
                    "v_t}$, the same as without scaling.", "correct"),
    # a changed update is still wrong
    "scale-left-in": ("Multiplying the loss by $c>0$, the update becomes\n\n$$\\Delta\\theta_t' "
                      "= -\\alpha\\,c\\,\\frac{\\hat m_t}{\\sqrt{\\hat v_t}}$$", "wrong-answer"),
    "root-factor": ("Rescaling the loss by c: m̂ → c m̂ but v̂ → c v̂, so the update is "
                    "multiplied by √c.", "wrong-answer"),
}


@pytest.mark.parametrize("case", sorted(_CASES))
def test_the_loss_scaling_answer(solved, case):
    text, expected = _CASES[case]
    assert_outcome(graded_part(solved, ADAM, _STEP + text + "\n", "c"), expected)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-9, 9).filter(bool), min_size=2, max_size=3))
def test_a_worked_out_vector_said_unchanged_still_states_itself(entries):
    vector = sympy.Matrix([sympy.Rational(k, 1000) for k in entries])
    assert not said_unchanged(vector, " is unchanged")
    assert not said_unchanged(sympy.Rational(entries[0], 1000) * sympy.Symbol("alpha"),
                              " stays the same")


@pytest.mark.parametrize("latex, text", [
    (True, "\\hat m/\\sqrt{\\hat v}"), (True, "\\Delta\\theta"), (False, "mhat/sqrt(vhat)"),
    (False, "θ₁ − θ₀"),
])
def test_named_quantities_said_unchanged(latex, text):
    value = parse_value(text, latex)
    assert said_unchanged(value, " is unchanged")
    assert said_unchanged(value, " does not change")
    assert not said_unchanged(value, " doubles")
    assert not said_unchanged(value, " is c times larger")


@pytest.mark.parametrize("written, right", [
    ("-α·sign(g)", True), ("-lr*sign(g1)", True), ("-alpha*sign(g_1)", True),
    ("-α·g", False), ("-alpha*sign(g)/2", False),
])
def test_the_first_gradient_written_without_its_index(solved, written, right):
    text = (f"c) for any first gradient: theta1 - theta0 = {written}\n"
            "   here theta1 - theta0 = [-0.001, 0.001, -0.001]\n")
    part = graded_part(solved, ADAM, text, "c")
    wrong = [f for f in part.findings if f.answer == "first_step_any_gradient"]
    assert bool(wrong) is not right, part.findings
