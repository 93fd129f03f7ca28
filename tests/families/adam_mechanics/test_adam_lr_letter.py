"""The learning rate keeps the problem's own letter: a text that calls it η, γ or lr gets
answers in η, γ or lr (a text that says α, or names no letter, gets α), whether the letter is
named ('learning rate η'), glossed ('γ (the step size)'), assigned ('η = 0.01'), multiplies the
step of the update the text writes out, or is used as a symbol ('as a multiple of lr'); and a
symbol set to a question mark ('w_1 = ?') is asked."""

from __future__ import annotations

import pytest
import sympy

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.reading.questions import read_questions


def _solve(text):
    reading = read_report(text)
    problem = reading.to_problem()
    assert reading.unused == []
    return problem, solve_problem(problem, SolveOptions(figures=False))


def _verified(text):
    part = _solve(text)[1].parts[0]
    assert part.verified
    return part


def _names(expr):
    return {s.name for s in sympy.sympify(expr).free_symbols}


FIRST_STEP = {
    "eta-clean": ("Adam is run with learning rate η, decay rates β₁, β₂ and ε = 0, from "
                  "m_0 = v_0 = 0. What is the first step θ_1 − θ_0 for a gradient g_1 with no "
                  "zero entry?", "eta"),
    "gamma-latex": ("Consider Adam with step size $\\gamma$, moment decays $\\beta_1, \\beta_2$ "
                    "and $\\epsilon = 0$. Compute the first update $\\theta_1 - \\theta_0$.",
                    "gamma"),
    "eta-glossed": ("We run Adam; eta (the learning rate) is fixed, beta1 and beta2 are the usual "
                    "decays and eps = 0.\nWhat is theta_1 - theta_0?", "eta"),
    "gamma-rule": ("Adam updates θ_t = θ_{t-1} − γ m̂_t/(√v̂_t + ε) with m_0 = v_0 = 0; take "
                   "ε = 0. Find the first step θ_1 − θ_0.", "gamma"),
    "lr-forum": ("adam question: with lr, beta1, beta2 and eps=0, what's the very first "
                 "update w_1 - w_0 in terms of lr?", "lr"),
    "alpha": ("Adam with learning rate α, β₁, β₂ and ε = 0. Give the first step θ_1 − θ_0.",
              "alpha"),
    "none": ("Adam with ε = 0 and its default decays. Give the first step θ_1 − θ_0.",
             "alpha"),
}


@pytest.mark.parametrize("style", sorted(FIRST_STEP))
def test_first_step_uses_the_texts_letter(style):
    text, letter = FIRST_STEP[style]
    part = _verified(text)
    step = next(a for a in part.answers if a.name == "first_step")
    assert letter in _names(step.expr)
    assert not ({"alpha", "eta", "gamma", "lr"} - {letter}) & _names(step.expr)
    size = next(a for a in part.answers if a.name == "first_step_size")
    assert sympy.sympify(size.expr) == sympy.Symbol(letter if letter != "alpha" else "alpha",
                                                    positive=True)


MULTIPLES = {
    "ascii": ("Adam, lr = 0.001, beta1 = 0.9, beta2 = 0.999, eps = 0, gradient g_1 = (1, -2).\n"
              "Without bias correction, compute the step w_1 - w_0 and give the magnitude of each "
              "coordinate of the step as an exact multiple of lr.", "lr"),
    "clean": ("Adam with learning rate η = 0.01, β₁ = 0.9, β₂ = 0.99, ε = 0 sees g₁ = (3, −1).\n"
              "Switch bias correction off. What is the magnitude of each coordinate of Δθ_1, "
              "as a multiple of η?", "eta"),
    "latex": ("Adam, $\\gamma = 0.1$ (the step size), $\\beta_1 = 0.9$, $\\beta_2 = 0.999$, "
              "$\\epsilon = 0$, $g_1 = (2, 5)$. Without bias correction, give the size of each "
              "entry of the update $\\theta_1 - \\theta_0$ in units of $\\gamma$.", "gamma"),
}


@pytest.mark.parametrize("style", sorted(MULTIPLES))
def test_a_numeric_learning_rate_keeps_its_letter_for_multiples(style):
    """'lr = 0.001 ... as a multiple of lr': the multiple is written in lr, and verified."""
    text, letter = MULTIPLES[style]
    part = _verified(text)
    multiples = [a for a in part.answers if "multiple of alpha" in a.name]
    assert multiples and all(_names(a.expr) == {letter} for a in multiples)


@pytest.mark.parametrize("sentence,symbol", [
    ("Plain Adam (no decay): w_1 = ?", "w_1"),
    ("(b) AdamW, same data. θ_2=?", "θ_2"),
    ("m_3 = ? and v_3 = ?", "m_3"),
    ("κ(H) = ?", "κ(H)"),
])
def test_a_symbol_set_to_a_question_mark_is_asked(sentence, symbol):
    asks = read_questions(sentence).asks
    assert symbol in [a.phrase for a in asks]


def test_a_setting_is_not_a_question_mark():
    assert not read_questions("Take w_1 = 2 and lr = 0.1.").asks
