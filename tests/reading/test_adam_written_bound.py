"""'Evaluate this bound' after a text writes the Adam paper's bound α(1 − β₁)/√(1 − β₂) in its
own letters ('lr*(1-beta1)/sqrt(1-beta2)', 'η(1 − β₁)/√(1 − β₂)'): its value at the part's
numbers, checked here and witnessed by torch's uncorrected first step. Another formula, or a
learning-rate letter the text does not use for the learning rate, is refused. And "explain why
its size does not depend on the magnitude of g" beside the first step at ε = 0 is that step."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.reading import read_report

from reading_helpers import answer_value, refused, solved, witnessed

_TEXTS = [
    ("Adam with β_1 = {b1}, β_2 = {b2}, learning rate α = {lr}, ε = 0.\n\n(a) What is the first "
     "update for g_1 = (1, -2)?\n\n(b) The paper bounds each step by α(1 − β_1)/√(1 − β_2). "
     "Evaluate this bound for these settings."),
    ("Settings: beta1 = {b1}, beta2 = {b2}, lr = {lr}, eps = 0 (Adam).\n\n1) first update for "
     "g = (3, 1)?\n\n2) A classmate says the step never exceeds lr*(1-beta1)/sqrt(1-beta2). "
     "Compute that bound here."),
    ("Adam, learning rate η = {lr}, β₁ = {b1}, β₂ = {b2}, ε = 0.\n\n(i) Give the first step "
     "for g_1 = (0.5, -0.5).\n\n(ii) Kingma and Ba state |Δθ| ≲ η(1-β₁)/√(1-β₂). Work out the "
     "stated bound at these numbers."),
]


@pytest.mark.parametrize("template", _TEXTS)
@settings(max_examples=3, deadline=None)
@given(b1=st.sampled_from([0.5, 0.8, 0.9]), b2=st.sampled_from([0.75, 0.99, 0.999]),
       lr=st.sampled_from([0.001, 0.1, 0.3]))
def test_the_written_bound_at_the_numbers(template, b1, b2, lr):
    text = "Step sizes\n\n" + template.format(b1=b1, b2=b2, lr=lr)
    reading, solution = solved(text, witnesses=True)
    assert reading.parts[1].fields["textbook_bound"].value is True
    part = solution.parts[1]
    got = answer_value(part, name="bound_textbook")
    assert got == pytest.approx(lr * (1 - b1) / math.sqrt(1 - b2), rel=1e-12)
    witnessed(part, "paper's bound")


@pytest.mark.parametrize("request_", [
    "The step is at most α(1 − β_1)/(1 − β_2). Evaluate this bound here.",
    "A looser bound is α/√(1 − β_2). Compute that bound for these settings.",
    "Evaluate the stated bound here.",
])
def test_another_or_no_written_formula_is_refused(request_):
    text = ("Step sizes\n\nAdam with β_1 = 0.9, β_2 = 0.99, learning rate α = 0.01, ε = 0.\n\n"
            f"(a) What is the first update for g_1 = (1, -2)?\n\n(b) {request_}")
    refused(text, "expected the Adam paper", "textbook_bound", part=1)


def test_a_bound_in_a_letter_that_is_not_the_learning_rate_is_refused():
    text = ("Step sizes\n\nAdam with β_1 = 0.9, β_2 = 0.99, learning rate η = 0.01, ε = 0, "
            "and α = 0.5 a smoothing weight.\n\n(a) What is the first update for g_1 = (1, 2)?"
            "\n\n(b) The paper bounds the step by α(1 − β_1)/√(1 − β_2). Evaluate this bound.")
    refused(text, 'its "alpha" is not the learning rate the text names ("eta")', "textbook_bound",
            part=1)


@pytest.mark.parametrize("request_", [
    "What is the first update? Explain why its size does not depend on the magnitude of g_1.",
    "Find the first step, and show that it is not affected by the scale of the gradient.",
    "Give the first update and explain why it doesn't depend on the size of g.",
])
@settings(max_examples=3, deadline=None)
@given(x=st.sampled_from([0.02, -3, 500]), y=st.sampled_from([-0.1, 7]))
def test_the_first_step_explained_as_scale_free(request_, x, y):
    text = (f"Adam\n\nβ_1 = 0.9, β_2 = 0.999, α = 0.01, ε = 0, g_1 = ({x}, {y}).\n\n"
            f"(a) {request_}\n\n(b) What is m_1?")
    _, solution = solved(text)
    got = answer_value(solution.parts[0], name="first_step")
    assert got == pytest.approx([-0.01 * math.copysign(1, x), -0.01 * math.copysign(1, y)])


def test_scale_free_with_a_positive_eps_is_not_taken():
    text = ("Adam\n\nβ_1 = 0.9, β_2 = 0.999, α = 0.01, ε = 1e-3, g_1 = (0.002, 5).\n\n"
            "(a) What is the first update? Explain why its size does not depend on the "
            "magnitude of g_1.\n\n(b) What is m_1?")
    refused(text, "does not depend on")


@pytest.mark.parametrize("supposed", [
    "If eps were exactly 0, would scaling the loss by 10 change the first update?",
    "What would the first update be if beta2 were 0.5?",
    "Assuming the learning rate were 0.5, what is the first update?",
])
def test_a_supposed_value_other_than_the_read_one_is_refused(supposed):
    text = ("Adam\n\nβ_1 = 0.9, β_2 = 0.999, learning rate 0.01, eps = 1e-8, g_1 = (2, -1).\n\n"
            f"(a) {supposed}\n\n(b) What is m_1?")
    refused(text, "supposes another value")


def test_a_value_the_part_states_for_itself_overrides_the_shared_one():
    text = ("Adam\n\nβ_1 = 0.9, β_2 = 0.999, learning rate 0.01, eps = 1e-8, g_1 = (2, -1).\n\n"
            "(a) Suppose ε = 0 instead: does multiplying the loss by 10 change the first update?"
            "\n\n(b) What is m_1?")
    reading = read_report(text)
    assert reading.parts[0].fields["eps"].value == 0
    assert not any("supposes another value" in line for line in reading.unread())


def test_a_supposed_value_equal_to_the_read_one_is_not_refused():
    text = ("Adam\n\nβ_1 = 0.9, β_2 = 0.999, learning rate 0.01, eps = 0, g_1 = (2, -1).\n\n"
            "(a) If eps is 0, what is the first update?\n\n(b) What is m_1?")
    reading = read_report(text)
    assert not any("supposes another value" in line for line in reading.unread())


@pytest.mark.parametrize("request_", [
    "What is the magnitude of the update as t → ∞? For comparison, what is the Adam step at "
    "t = 2?",
    "Give the first update. For comparison, what is the first update of Adam with β_1 = 0.9?",
    "What is v_1? Compared with Adam (β_1 = 0.9), how large is the second update?",
])
def test_another_optimizer_named_for_comparison_is_refused(request_):
    text = ("RMSprop\n\nRMSprop with ρ = 0.9, lr η = 0.01, ε = 0 and a constant gradient g = 2 at "
            f"every step.\n\n(a) {request_}\n\n(b) What is the first update?")
    refused(text, "beside the rmsprop of the shared text", "optimizer")


def test_a_part_wholly_about_the_compared_optimizer_is_not_refused_for_it():
    text = ("Adam\n\nAdam with β_1 = 0.9, β_2 = 0.99, η = 0.01, ε = 0, g_1 = (1, -2).\n\n"
            "(a) What is the first update?\n\n(b) For comparison, RMSprop with ρ = 0.99 and the "
            "same η and ε: what is its first update?")
    reading = read_report(text)
    assert not any("beside the" in line for line in reading.unread())
