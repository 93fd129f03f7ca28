"""Quadratic-dynamics texts copied from a typeset PDF: a superscript star printed as '?' after a
Greek symbol (before a verb form, a full stop or a defining parenthesis), the norm of the
distance to a starred point printed with 'k' bars (also across a line break, and of a pair of
coordinates), a stacked ½ in front of a quadratic form printed '21', an interval from 0 to a
symbol, the Hessian asked with a bare "write", "the corresponding value ρ(η*)", and flattened
exponents of a function whose variables the text also writes with indices. Each mechanism on
phrasings written for these tests, both ways (read, and left alone or refused where it must
be)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.reading.normalize import normalize


def _norm(text: str) -> str:
    return normalize(text).text


# -- a star printed as '?' ------------------------------------------------------------------

@pytest.mark.parametrize("text, star", [
    ("(b) Give the step α ? giving the fastest contraction, and its rate.", "α^*"),
    ("(c) Determine the learning rate γ ? maximising the decrease per step.", "γ^*"),
    ("(b) Report the step size η ? that minimises max |1 - ηλ|, and the factor ρ? .", "ρ^*"),
    ("(c) Report the optimal factor ρ? (such that the error shrinks by it every step).", "ρ^*"),
    ("(d) Taking ρ? from part (b), how many steps are needed?", "ρ^*"),
    ("(e) Using η? minimising the rate, what is the rate?", "η^*"),
])
def test_a_star_printed_as_a_question_mark_inside_a_sentence_is_a_star(text, star):
    assert star in _norm(text)


@pytest.mark.parametrize("text", [
    "What is ρ? Give it exactly.",
    "What is η? (Hint: use the two extreme eigenvalues.)",
    "what is ρ? is it 0.5?",
    "Which α? I tried 0.1 and it blew up.",
])
def test_a_question_mark_ending_a_question_stays(text):
    assert "^*" not in _norm(text)


# -- the distance to a starred point in 'k' bars -----------------------------------------------

@pytest.mark.parametrize("text, norms", [
    ("How many steps until kwt − w? k ≤ 10−5 kw0 − w? k?", ["‖wt - w^*‖", "‖w0 - w^*‖"]),
    ("How many steps guarantee kθt −\nθ? k ≤ 10−2 kθ0 − θ? k?", ["‖θt - θ^*‖", "‖θ0 - θ^*‖"]),
    ("Give t with k(ut, vt) − (u⋆, v⋆)k ≤ 10−3 k(u0, v0) − (u⋆, v⋆)k.",
     ["‖(ut, vt) - (u⋆, v⋆)‖", "‖(u0, v0) - (u⋆, v⋆)‖"]),
])
def test_the_distance_to_a_starred_point_in_k_bars_is_a_norm(text, norms):
    got = _norm(text)
    assert all(n in got for n in norms), got


def test_a_word_with_k_is_not_a_norm():
    text = "Take k steps, then keep the best (the work per step is kept small)."
    assert "‖" not in _norm(text)


# -- a stacked one-half printed '21' -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "(a) Write g as 21 w> Aw and give A.",
    "(a) Write the loss as 12 z> Qz.",
])
def test_a_flattened_half_before_a_quadratic_form_is_one_half(text):
    got = _norm(text)
    assert "1/2 " in got and "21 " not in got and "12 " not in got, got


def test_twenty_one_elsewhere_stays_a_number():
    assert "21" in _norm("Run it for 21 steps and write f as θ^T Hθ.")


# -- the text as a whole: the quadratic read, the questions placed ---------------------------

_GARBLED = """Sheet 4, problem 1. Let q (u, v) = {a}u2 + {b}v2 and run gradient descent
(ut+1 , vt+1 ) = (ut , vt ) − γ ∇q(ut , vt ) from (u0, v0) with a fixed step γ ∈ (0, γ̄).
(a) Write out the Hessian and the condition number κ.
(b) Determine the step size γ ? minimising max_i |1 − γλi | and the corresponding value ρ(γ⋆).
(c) With γ = γ⋆, how many steps t guarantee k(ut, vt) − (u⋆, v⋆)k ≤ 10−4 k(u0, v0) − (u⋆, v⋆)k ?
"""


@settings(max_examples=6, deadline=None)
@given(a=st.integers(1, 9), b=st.integers(1, 9))
def test_a_garbled_quadratic_sheet_reads_and_solves(a, b):
    if a == b:
        b = a + 1
    reading = read_report(_GARBLED.format(a=a, b=b))
    assert reading.complete, reading.unread()
    asked = {p.label: p.asked for p in reading.parts}
    assert asked["a"][:2] == ["hessian", "condition-number"]
    assert "optimal-step" in asked["b"] and "optimal-rate" in asked["b"]
    assert "iterations" in asked["c"]
    assert not reading.unused, reading.unused
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False,
                                                                run_witnesses=False))
    answers = {(p.label, a_.quantity): a_ for p in solution.parts for a_ in p.answers}
    lo, hi = sorted((2 * a, 2 * b))
    hessian = answers[("a", "hessian")].to_dict()["value"]
    assert hessian == [[2 * a, 0], [0, 2 * b]]
    assert Fraction(str(answers[("a", "condition-number")].to_dict()["expr"])) == Fraction(hi, lo)
    rho = Fraction(hi - lo, hi + lo)
    assert Fraction(str(answers[("b", "optimal-rate")].to_dict()["expr"])) == rho
    t = 0
    while rho ** t > Fraction(1, 10**4):
        t += 1
    assert answers[("c", "iterations")].to_dict()["value"] == t


def test_indexed_variables_elsewhere_still_block_a_mixed_flattened_function():
    text = ("Let q (u, v) = u2 + uv + 3v2 and run gradient descent from (u0, v0) = (1, 1).\n"
            "(a) What is the condition number κ of the Hessian?")
    reading = read_report(text)
    assert not reading.complete
    assert any("u2 + uv" in line for line in reading.unread()), reading.unread()


@pytest.mark.parametrize("item", [
    "and the corresponding value ρ(α*)",
    "and the resulting value ρ(η^*)",
    "and also the attained value ρ(γ⋆)",
])
def test_the_named_value_of_the_rate_at_the_optimal_step_is_the_optimal_rate(item):
    text = ("The Hessian of f has eigenvalues 1 and 4. Gradient descent with step α.\n"
            f"(a) Find the step that minimises the contraction factor ρ(α) = max_i |1 - αλ_i| {item}.")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert "optimal-rate" in reading.parts[0].asked
