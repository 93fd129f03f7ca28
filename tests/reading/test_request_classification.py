"""Sentence classification and generic asks: a sentence is a request only if it asks (the
asker's narrative and a setup are context), and a generic head noun ("the actual point", "what
do you get", "its third update") asks the part's main result, which the family maps."""

from __future__ import annotations

import pytest

from optiproof.core.text.match import sentences
from optiproof.reading.normalize import flatten, normalize
from optiproof.reading.questions import Ask, generic, is_context, read_questions, step_index


def _flat(text: str) -> str:
    return flatten(normalize(text).text)


def _requests(text: str):
    return read_questions(_flat(text)).requests


@pytest.mark.parametrize("sentence", [
    "My professor handed this out last week and I want to double-check my solution.",
    "I got θ = (1, 2) for the first one but then the second doesn't add up so I probably "
    "messed up somewhere??",
    "i computed d = -g/3 but my constrained answer is off by a factor?? pls help",
    "So I tried the ridge version and got something weird?!",
    "My guess is it's the min-norm one.",
    "Let f(x, y) = 3x2 + y 2 and let x?",
    "Throughout, assume that the error ‖x_k - x?",
    "Suppose the step is η and the minimiser is z?",
    "One sample, three weights: I want θ1 + 2θ2 - θ3 = 4 with squared loss.",
    "We have w = (1, 2) and I need w_1 + w_2 = 3, starting from zero.",
])
def test_narrative_and_setup_are_context(sentence):
    assert is_context(_flat(sentence))
    assert not [r for r in _requests(sentence) if not r.asks]


@pytest.mark.parametrize("sentence", [
    "My question is: what is the rate?",
    "I'd like the actual point.",
    "What I need is the limit.",
    "but where exactly?",
    "I want to know how many iterations it takes.",
    "Let me know which optimizer that is?",
    "Compute the step size.",
    "I need α = 0.1 and the thing after it?",
])
def test_a_real_question_is_not_context(sentence):
    assert not is_context(_flat(sentence)) or any(r.asks for r in _requests(sentence))


@pytest.mark.parametrize("text", [
    "Toy setup: two weights and the loss (w1 + w2 - 1)^2. What is the limit of GD from zero?",
    "Setup: a model with 3 parameters, and the gradient is g = [1, 2, 3]; what is the update?",
    "Context: 8 workers, p = 10^6 parameters, and then: how many messages does the ring send?",
])
def test_a_setup_item_of_a_request_is_not_unplaced(text):
    requests = _requests(text)
    assert any(r.asks for r in requests)
    assert not [u for r in requests for u in r.unplaced], requests


@pytest.mark.parametrize("sentence, generic_phrase", [
    ("Plain GD obviously lands on the line, but where exactly?", "where exactly?"),
    ("I'd like the actual point.", "the actual point"),
    ("I would like to confirm the vector.", "I would like to confirm the vector"),
    ("Where does it end?", "Where does it end"),
    ("So where does that one actually end?", "where does that one actually end"),
    ("What do you get for α = 0.2?", "What do you get"),
    ("what is the final answer", "what is the final answer"),
    ("What vector do you get there?", "What vector"),
    ("Give the explicit vector for α = 1.", "the explicit vector"),
])
def test_a_generic_head_noun_asks_the_main_result(sentence, generic_phrase):
    asks = [a for r in _requests(sentence) for a in r.asks]
    assert any((generic(a) or a.quantity == "limit") and
               a.phrase.lower() == generic_phrase.lower() for a in asks), asks


@pytest.mark.parametrize("sentence, phrase, index", [
    ("What is its fourth update?", "its fourth update", 4),
    ("Report the 2nd step.", "the 2nd step", 2),
])
def test_an_ordinal_update_asks_the_step_at_its_index(sentence, phrase, index):
    asks = [a for r in _requests(sentence) for a in r.asks]
    assert [a.phrase for a in asks if a.quantity in ("primary", "last-step")] == [phrase], asks
    assert step_index(phrase) == index


@pytest.mark.parametrize("sentence", [
    "What is the optimal step size?",
    "Give the second step size for which it diverges.",
    "What is the third update $\\Delta\\theta_3 = \\theta_3 - \\theta_2$?",
    "Compute the second update Δw_2.",
    "What is the bias-corrected second moment after the second step?",
    "Give m_3 at the third step.",
    "Report the size of the second step.",
])
def test_a_named_quantity_or_a_symbol_is_not_generic(sentence):
    asks = [a for r in _requests(sentence) for a in r.asks]
    assert not any(generic(a) for a in asks), asks


@pytest.mark.parametrize("phrase, index", [
    ("the third update", 3), ("its 4th step", 4), ("after two steps", 2), ("after 5 iterations", 5),
    ("Δ_1", 1), ("Δw_3", 3), ("Delta theta_2", 2), ("w_3 − w_2", 3), ("θ_{4} - θ_{3}", 4),
    ("θ_3 − θ_0", None), ("the update", None), ("the second step size", None),
])
def test_an_ordinal_is_a_step_index(phrase, index):
    assert step_index(phrase) == index


def test_a_symbol_defined_as_a_difference_of_iterates_is_asked_as_that_difference():
    for text, difference in (("(c) What is the third update $\\Delta w_3 = w_3 - w_2$?", "w_3-w_2"),
                             ("c) what's the 3rd update Δw3 = w3 − w2?", "w3-w2"),
                             ("(c) Give Δθ_2 = θ_2 − θ_1 exactly.", "θ_2-θ_1")):
        asks = [a for r in _requests(text) for a in r.asks]
        phrases = [a.phrase.replace(" ", "") for a in asks if a.quantity != "last-step"]
        assert phrases == [difference], phrases
        # "the third update" beside it names the same step
        assert all(step_index(a.phrase) == step_index(phrases[0]) for a in asks
                   if a.quantity == "last-step")
        assert step_index(phrases[0]) == int(difference[2] if difference[1] == "_" else
                                             difference[1])


def test_generic_limit_phrase_only_where_generic():
    assert generic(Ask("limit", "What vector", 0, 11))
    assert generic(Ask("limit", "end up", 0, 6))
    assert not generic(Ask("limit", "limit point", 0, 11))
    assert not generic(Ask("update", "the actual vector", 0, 17))


@pytest.mark.parametrize("text, symbol", [
    ("Could someone write out d* explicitly for these numbers?", "d*"),
    ("Please write down u_2 for α = 0.1.", "u_2"),
    ("can u spell out Δ^* here?", "Δ^*"),
])
def test_a_symbol_after_write_out_is_asked(text, symbol):
    asks = [a for r in _requests(text) for a in r.asks]
    assert [a.phrase for a in asks][:1] == [symbol], asks


@pytest.mark.parametrize("text, title", [
    ("Adam(weight_decay=...) vs AdamW — numbers don't match my hand calc??\n\nSo I ran it.",
     "Adam(weight_decay=...) vs AdamW — numbers don't match my hand calc??"),
    ("SGD(momentum=0.9, nesterov=True) gives a different rate than my formula?\n\nBody.",
     "SGD(momentum=0.9, nesterov=True) gives a different rate than my formula?"),
    ("why does torch clip_grad_norm_(max_norm=1) change the limit point\n\nBody.",
     "why does torch clip_grad_norm_(max_norm=1) change the limit point"),
])
def test_a_heading_quoting_code_is_the_title(text, title):
    from optiproof.reading.parts import split_title

    assert split_title(text)[0] == title


@pytest.mark.parametrize("text", [
    "f(x, y) = x^2 + 9y^2\n\nFind the largest stable step.",
    "lr=0.1, momentum=0.9\n\nWhat is the rate?",
    "Adam with betas=(0,0) is just signSGD??\nhey, quick sanity check.",
])
def test_a_formula_line_is_not_a_title(text):
    from optiproof.reading.parts import split_title

    assert split_title(text)[0] is None


@pytest.mark.parametrize("flat, count", [
    ("How many iterations for a 10^4 reduction? and how many would GD need, for comparison?", 2),
    ("What is the rate? or what is the optimal step instead?", 2),
    ("Give the parameters α? , β ? and the rate of the method.", 1),
    ("Find the optimal step η ? and the rate.", 1),
])
def test_a_question_mark_before_and_ends_a_sentence_only_before_a_second_question(flat, count):
    assert len(sentences(flat)) == count, sentences(flat)
