"""Request items read by what they mean: a coordinated item that names an indexed symbol by a
noun ("…, and the update Δ_2") asks the symbol (the family resolves it, or the part is refused
naming it); a step size "giving / achieving the fastest rate" is the optimal step; nothing of a
list of asks vanishes."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report
from optiproof.reading.normalize import flatten, normalize
from optiproof.reading.questions import read_questions


def _requests(text: str):
    return read_questions(flatten(normalize(text).text)).requests


_ADAM = ("Adam with β1 = 0.9, β2 = 0.999, ε = 0 and learning rate α = 0.1, from θ_0 = (1, 1). "
         "The gradients are g_1 = (1, -2) and g_2 = (3, 1).\n\n(a) {ask}")


@pytest.mark.parametrize("ask, symbol", [
    ("Compute mhat_2 and vhat_2, and the update Δ_2.", "Δ_2"),
    ("Give m̂_2, the bias-corrected second moment v̂_2 and the parameter θ_2.", "θ_2"),
    ("Find the first step, and the iterate θ_2 after the second gradient.", "θ_2"),
    ("Compute the second update θ_2 − θ_1 and the iterate θ_2.", "θ_2"),
])
def test_an_item_naming_a_symbol_asks_the_symbol(ask, symbol):
    requests = _requests(ask)
    phrases = [a.phrase for r in requests for a in r.asks]
    assert symbol in phrases, phrases
    assert not [u for r in requests for u in r.unplaced]


@pytest.mark.parametrize("ask, want", [
    ("Compute mhat_2 and vhat_2, and the update Δ_2.", ["m-hat", "v-hat", "last-step"]),
    ("Give vhat_2 as well as the step Δ_2.", ["v-hat", "last-step"]),
])
def test_the_family_reads_the_named_symbol(ask, want):
    reading = read_report(_ADAM.format(ask=ask))
    assert reading.complete, "\n".join(reading.unread())
    assert reading.parts[0].value("asks") == want


def test_a_named_symbol_set_to_a_value_is_not_asked():
    requests = _requests("Compute vhat_2, with the momentum β_1 = 0.5.")
    assert "β_1" not in [a.phrase for r in requests for a in r.asks]


def test_a_named_symbol_the_family_does_not_know_is_refused_naming_it():
    reading = read_report(_ADAM.format(ask="Compute vhat_2 and the mystery quantity Z_7."))
    assert not reading.complete
    assert any("Z_7" in line for line in reading.unread())


_QD = "Gradient descent on f(w) = 0.5 w^T H w with H = diag(1, 9).\n\n(a) {ask}"


@pytest.mark.parametrize("ask", [
    "Give the step size giving the fastest worst-case convergence, and that rate.",
    "Find the learning rate achieving the best contraction factor and state that factor.",
    "Report the step yielding the smallest convergence rate, and the corresponding rate.",
    "What is the step size attaining the lowest rate, and what is that rate?",
])
def test_a_step_giving_the_fastest_rate_is_the_optimal_step(ask):
    reading = read_report(_QD.format(ask=ask))
    assert reading.complete, "\n".join(reading.unread())
    assert reading.parts[0].value("asks") == ["optimal-step", "optimal-rate"]


@pytest.mark.parametrize("text", [
    "This update is either sign descent or plain gradient descent. Which is it?",
    "The rule above is a known optimizer. So which one is it?",
])
def test_which_is_it_asks_what_the_sentence_before_names(text):
    asked = [a.quantity for r in _requests(text) for a in r.asks]
    assert asked == ["identification"], asked


@pytest.mark.parametrize("text", [
    "Compute u*. My attempt was u* = -A g, but my friend says to use the inverse. Which is it?",
    "Give the step. I got (1, 2) and my TA got (2, 1), which one is right?",
])
def test_which_is_it_about_the_askers_attempts_asks_nothing_new(text):
    requests = _requests(text)
    assert not [r.sentence for r in requests if not r.asks], [r.sentence for r in requests]


def test_which_one_with_a_criterion_after_named_methods_is_not_an_identification():
    requests = _requests("We run sign descent with step 0.1 and plain GD with step 0.5. "
                         "Which one reaches the minimum first?")
    assert "identification" not in [a.quantity for r in requests for a in r.asks]


@pytest.mark.parametrize("text", [
    "Give d*. What I tried for 1): I set the gradient to zero, so d = -A^-1 g.",
    "Find the minimiser. What we did so far: we set the derivative to zero and got d = (1, 2).",
    "Compute u. What I got: u = (0, 1), from the normal equations.",
])
def test_the_askers_account_of_an_attempt_is_not_a_request(text):
    requests = _requests(text)
    assert [r.sentence for r in requests if not r.asks] == []
    assert any(r.asks for r in requests)



@pytest.mark.parametrize("text, symbol", [
    ("Now drop the constraint and use the squared penalty: u ?", "u"),
    ("For the ℓ1 ball instead: d*?", "d*"),
    ("Same data, one more step: w_2 ?", "w_2"),
])
def test_a_lone_symbol_with_a_question_mark_is_asked(text, symbol):
    assert symbol in [a.phrase for r in _requests(text) for a in r.asks]


def test_a_yes_no_question_is_no_lone_symbol():
    assert not [a for r in _requests("Is that right?") for a in r.asks]


def test_a_value_at_an_iterate_named_by_a_noun_is_not_dropped():
    requests = _requests("Compute θ_2, and the loss f(θ_2).")
    kept = [a.phrase for r in requests for a in r.asks] + [u for r in requests for u in r.unplaced]
    assert any("f(θ_2)" in k for k in kept), requests   # asked (the objective at an iterate)


_HB = "Consider f(x) = 0.5 x^T H x with H = diag(1, 4).\n\n(a) {ask}"


@pytest.mark.parametrize("ask", [
    "Give the optimal parameters (α, β) of the heavy-ball method and its rate.",
    "For heavy ball, find the optimal parameters (α, β) and the resulting rate.",
    "State the optimal parameters (η, β) for Polyak momentum, and the optimal rate.",
])
def test_optimal_parameters_named_by_their_pair_are_the_optimal_tuning(ask):
    reading = read_report(_HB.format(ask=ask))
    assert reading.complete, "\n".join(reading.unread())
    assert reading.parts[0].value("asks") == ["optimal-step", "optimal-momentum", "optimal-rate"]


def test_optimal_parameters_without_their_pair_are_not_read_as_the_tuning():
    requests = _requests("Give the optimal parameters of the model.")
    assert "optimal-step" not in [a.quantity for r in requests for a in r.asks]


@pytest.mark.parametrize("ask", [
    "Minimize g^T d subject to ||d||_1 <= 1. Give d and the value.",
    "Minimize g^T d + (1/2)||d||_2^2; find d*, and the attained value.",
    "Solve min_d g^T d + (1/2)||d||_2^2 and report the minimiser and the resulting value.",
])
def test_a_bare_value_beside_the_minimising_step_is_the_minimum_value(ask):
    reading = read_report("Let g = (3, -4).\n\n(a) " + ask)
    assert reading.complete, "\n".join(reading.unread())
    assert reading.parts[0].value("asks") == ["update", "min-value"]


def test_a_bare_value_with_no_step_before_it_names_nothing():
    requests = _requests("Give the rate and the value.")
    assert "min-value" not in [a.quantity for r in requests for a in r.asks]
