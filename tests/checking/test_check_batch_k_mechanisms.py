"""Mechanisms behind misses of blind batch K, each tried in phrasings of my own, both ways:

- a value left open (``size = ???``, ``size: ?``) is a blank in a partial answer, not a
  question: the rest of the answer is graded and the open value is unanswered;
- the variable the problem's objective is minimised over (``Δθ`` in ``u = argmin_Δθ …``)
  names the update when solved for, but not at a trial value with a symbol the update lacks;
- a closing sentence that restates every part's answer in prose ("So the three answers are:
  …, …, and …") is the answer's summary, its k-th clause the k-th part's answer.
"""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part, verified_solution
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.checking import check_answer
from optiproof.checking.segment import asks

DT = "src/optiproof/problems/texts/distributed-training.txt"
PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"
OC = "src/optiproof/problems/texts/optimizer-convergence.txt"

# -- an open value is a blank, not a question -------------------------------------------------


@pytest.mark.parametrize("text", ["size = ???", "size: ?", "messages = ?? ", "size = ? **",
                                  "| ring | 2n(n-1) | ? |"])
def test_an_open_value_is_no_question(text):
    assert not asks(text)


@pytest.mark.parametrize("text", ["Is the ring message size p?", "what about n = 2?",
                                  "Would the size change for odd n?**"])
def test_a_question_stays_a_question(text):
    assert asks(text)


_PARTIAL = {
    "equals": "my table\n\nall-to-all:  count = n(n-1)   size = p\nparameter server:  count = 2n"
              "   size = p\nring all-reduce:  count = 2n(n-1)   size = ???\n\nI could not work "
              "out the ring chunk size yet.\n",
    "colon": "Filled in:\n\n- all-to-all: n(n − 1) messages, each of size p\n- parameter "
             "server: 2n messages of size p\n- ring all-reduce: 2n(n − 1) messages, size: ?\n\n"
             "Still missing the last one.\n",
    "question-marks": "Results so far\n\n* all-to-all: messages = n^2 - n, each of size p\n"
                      "* parameter server: messages = 2n, each of size p\n* ring all-reduce: "
                      "messages = 2n(n-1), each of size = ??\n",
    "table": "| scheme | messages | size |\n|---|---|---|\n| all-to-all | n^2 - n | p |\n"
             "| parameter server | 2n | p |\n| ring all-reduce | 2n(n-1) | ?? |\n",
}


@pytest.mark.parametrize("style", sorted(_PARTIAL))
def test_a_partial_table_is_graded_not_rejected(style):
    report = check_answer(verified_solution(DT), _PARTIAL[style])
    part = report.parts[0]
    assert part.verdict == "incomplete"
    assert finding_kinds(part) == ["unanswered"]
    assert "ring" in part.findings[0].message


# -- the objective's variable names the update when solved for ---------------------------------

_SOLVED = {
    "delta": "(a) Setting the gradient to zero: g + (2/α)Δ = 0, so Δ = -(α/2) g.\n\n"
             "(b) Δ = -(α/2)||g||_1 sign(g), sign descent.\n\nFinal answers:\n"
             "(a) u = -{k} g, gradient descent\n(b) u = -(α/2)||g||_1 sign(g), sign descent\n",
    "delta-theta": "**(a)** Stationarity of gᵀΔθ + (1/α)‖Δθ‖² gives Δθ = −(α/2)g, plain "
                   "gradient descent.\n\n**(b)** Here Δθ = −(α/2)‖g‖₁ sign(g), i.e. signSGD."
                   "\n\n| part | u |\n|---|---|\n| (a) | −{k} g |\n| (b) | −(α/2)‖g‖₁ sign(g) |\n",
    "starred": "Part (a): the minimiser is Δθ* = -(alpha/2) g. This is gradient descent.\n\n"
               "Part (b): the minimiser is Δθ* = -(alpha/2) ||g||_1 sign(g): sign descent.\n\n"
               "Summary\n\n(a) u = -{k} g\n(b) u = -(alpha/2) ||g||_1 sign(g)\n",
}
_STEP = {"delta": "α", "delta-theta": "α", "starred": "alpha"}


@pytest.mark.parametrize("style", sorted(_SOLVED))
def test_the_solved_variable_against_a_wrong_summary_is_an_inconsistency(style):
    part = graded_part(verified_solution, PLI,
                       _SOLVED[style].replace("{k}", _STEP[style]), "a")
    assert part.verdict == "incorrect"
    assert "inconsistency" in finding_kinds(part)


@pytest.mark.parametrize("style", sorted(_SOLVED))
def test_the_solved_variable_agreeing_with_the_summary_is_correct(style):
    text = _SOLVED[style].replace("{k}", f"({_STEP[style]}/2)")
    report = check_answer(verified_solution(PLI), text, strict_problem=False)
    assert [p.findings for p in report.parts] == [[], []]


@settings(max_examples=8, deadline=None)
@given(st.sampled_from(["t", "s", "r", "c"]))
def test_a_trial_value_of_the_variable_is_no_update(letter):
    text = (f"(a) Δθ = -(α/2) g, gradient descent.\n\n(b) For a trial size {letter} the best "
            f"point is Δθ = -{letter} sign(g), giving gᵀΔθ = -{letter}||g||_1. I stop here.\n")
    part = graded_part(verified_solution, PLI, text, "b")
    assert part.verdict == "incomplete"
    assert "wrong-answer" not in finding_kinds(part)


# -- a closing sentence restating every part's answer -----------------------------------------

_BODY = ("(a) From zero SGD stays in the span of x and ends at the minimum-norm point "
         "θ = [0.990, 0.0990, 0.00990].\n\n(b) The preconditioned steps move along [1, 1, 1], so "
         "θ = (100/111)[1, 1, 1] ≈ [0.901, 0.901, 0.901].\n\n(c) In rescaled units w = [1/3, 1/3, "
         "1/3]; mapping back gives θ = [1/3, 10/3, 100/3].\n\n")
_CLOSING = {
    "so": "So the three answers are: SGD lands on [0.990, 0.0990, 0.00990], the adaptive method "
          "on [0.901, 0.901, 0.901], and rescaling then SGD gives {c}.\n",
    "to-sum-up": "To sum up, the limits are: [0.990, 0.0990, 0.00990]; [0.901, 0.901, 0.901]; "
                 "{c}.\n",
    "our-results": "Our final results read (a) [0.990, 0.0990, 0.00990], (b) [0.901, 0.901, "
                   "0.901], (c) {c}.\n",
}


@pytest.mark.parametrize("style", sorted(_CLOSING))
def test_a_closing_sentence_that_disagrees_is_an_inconsistency(style):
    text = _BODY + _CLOSING[style].replace("{c}", "[1/3, 1/3, 1/3]")
    report = check_answer(verified_solution(OC), text)
    parts = {p.label: p for p in report.parts}
    assert finding_kinds(parts["c"]) == ["inconsistency"]
    assert not parts["a"].findings and not parts["b"].findings


@pytest.mark.parametrize("style", sorted(_CLOSING))
def test_a_closing_sentence_that_agrees_is_no_finding(style):
    text = _BODY + _CLOSING[style].replace("{c}", "[1/3, 10/3, 100/3]")
    report = check_answer(verified_solution(OC), text)
    assert all(p.verdict == "correct" and not p.findings for p in report.parts)


def test_a_closing_sentence_with_labels_out_of_place_is_left_as_prose():
    text = _BODY + ("So the three answers are: (b) [0.901, 0.901, 0.901], (a) [0.990, 0.0990, "
                    "0.00990], and (c) [1/3, 10/3, 100/3].\n")
    report = check_answer(verified_solution(OC), text)
    parts = {p.label: p for p in report.parts}
    assert not parts["a"].findings and not parts["b"].findings


# -- a summary row naming feature normalisation followed by SGD --------------------------------

_ROWS_C = {
    "plus": "| method | limit |\n|---|---|\n| SGD | [0.990, 0.0990, 0.00990] |\n"
            "| Adam-like O | [0.901, 0.901, 0.901] |\n| Normalise + SGD | {c} |\n",
    "then": "| Method | Where it ends |\n|---|---|\n| plain SGD | [0.990, 0.0990, 0.00990] |\n"
            "| the adaptive method | [0.901, 0.901, 0.901] |\n| normalised features then SGD | {c} |\n",
    "arrow": "| | limit |\n|---|---|\n| SGD | [0.990, 0.0990, 0.00990] |\n| O | [0.901, 0.901, "
             "0.901] |\n| standardise → GD | {c} |\n",
}


@pytest.mark.parametrize("style", sorted(_ROWS_C))
def test_a_row_naming_normalisation_then_sgd_is_the_rescaled_part(style):
    text = _BODY + "Summary:\n\n" + _ROWS_C[style]
    right = check_answer(verified_solution(OC), text.replace("{c}", "[1/3, 10/3, 100/3]"))
    assert all(p.verdict == "correct" and not p.findings for p in right.parts)
    wrong = check_answer(verified_solution(OC), text.replace("{c}", "[1/3, 1/3, 1/3]"))
    parts = {p.label: p for p in wrong.parts}
    assert finding_kinds(parts["c"]) == ["inconsistency"] and not parts["a"].findings
