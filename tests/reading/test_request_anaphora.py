"""Requests that name a quantity through markup, a possessive, an anaphor or "each one", and
request-layer guards found with them (a formula's term is not asked; a repeating part's new
function must be applied)."""

from __future__ import annotations

import pytest

from optiproof.reading import ReadingIncomplete, read_report
from optiproof.reading.normalize import flatten, normalize
from optiproof.reading.questions import read_questions


def _flat(text: str) -> str:
    return flatten(normalize(text).text)


def _asked(text: str) -> tuple[list[str | None], list[str]]:
    requests = read_questions(_flat(text)).requests
    return ([a.quantity for r in requests for a in r.asks],
            [u for r in requests for u in r.unplaced])


@pytest.mark.parametrize("text, quantity", [
    # possessive: "its X" asks X of the subject just named
    ("Recursive doubling needs log2 n rounds. What is its time?", "time"),
    (r"\item Rabenseifner: how many rounds for $n = 16$, and what is its time?", "time"),
    ("ok and the tree version - whats its running time then??", "time"),
    ("For the parameter server, what is their total volume?", "total-volume"),
])
def test_possessive_reads_as_the(text, quantity):
    asked, unplaced = _asked(text)
    assert quantity in asked and not unplaced, (asked, unplaced)


@pytest.mark.parametrize("text", [
    "How many values does a *single* worker send during one ring all-reduce?",
    "How many values does a **single** worker send per step?",
    "How many floats does _each_ worker send in one all-reduce?",
])
def test_emphasis_markup_is_not_part_of_the_words(text):
    asked, unplaced = _asked(text)
    assert asked == ["values-sent"] and not unplaced


@pytest.mark.parametrize("text, quantity", [
    # the rate of an optimal tuning is its optimal rate
    ("which constant γ minimises the worst-case contraction factor, and what is that factor?",
     "optimal-rate"),
    (r"Find the $(\alpha, \beta)$ that minimise the asymptotic rate, and that rate.",
     "optimal-rate"),
    ("find the best step size eta (the one minimizing the convergence rate), and what's that "
     "rate?", "optimal-rate"),
    ("Which lr minimises the contraction factor of GD here? Also give this factor.", "rate"),
])
def test_anaphor_names_the_quantity_of_its_antecedent(text, quantity):
    asked, unplaced = _asked(text)
    assert "optimal-step" in asked and quantity in asked and not unplaced, (asked, unplaced)


@pytest.mark.parametrize("text", [
    "What are these two numbers here, and what is the asymptotic rate?",
    "Find the step that minimises the rate, and that gap.",
])
def test_anaphor_without_one_antecedent_stays_unplaced(text):
    requests = read_questions(_flat(text)).requests
    assert any(r.unplaced or not r.asks for r in requests), requests


@pytest.mark.parametrize("text", [
    "For ring all-reduce, what is the total number of messages sent by all workers, and how "
    "large is each one?",
    "Parameter server: how many messages in total, and how big is each of them?",
    "tree allreduce -- number of messages, and how large are each of those?",
])
def test_each_one_is_each_of_the_plural_before(text):
    asked, unplaced = _asked(text)
    assert asked == ["messages", "message-size"] and not unplaced, (asked, unplaced)


@pytest.mark.parametrize("text", [
    "How many rounds does the tree need, and how long is each one?",
    "ring: total number of messages and how big is each of those in bits??",
    "Give the number of messages of the parameter server, and how large are each of them "
    "after compression?",
])
def test_each_one_that_names_nothing_is_not_dropped(text):
    requests = read_questions(_flat(text)).requests
    assert any(r.unplaced or not r.asks for r in requests) or any(
        a.quantity not in ("messages", "rounds") for r in requests for a in r.asks), requests


@pytest.mark.parametrize("text, asked", [
    ("For f, find the heavy-ball parameters (α, β) in x_k+1 = x_k - α∇f(x_k) + β(x_k - x_k-1) "
     "that give the fastest asymptotic rate, and that rate.", ["optimal-step", "optimal-rate"]),
    ("Tune θ_t+1 = θ_t - a g_t + b(θ_t - θ_t-1): which a and b give the best rate?",
     ["optimal-rate"]),
    # 'the second update' names the step by its ordinal: the same step as Δθ_2
    ("Compute the second update Δθ_2 = θ_2 - θ_1 (to 4 significant digits).",
     ["last-step", None]),
])
def test_a_term_of_a_stated_equation_is_not_asked(text, asked):
    got, _ = _asked(text)
    assert got == asked, got   # never the update θ_t − θ_{t−1} the equation holds


_SHEET = ("Let f(x, y) = x^2 + 9y^2 and run gradient descent.\n(a) What is the largest stable step "
          "size?\n(b) Give the optimal step size and the corresponding convergence rate.\n")
_REPEATS = ("(c) Repeat (b) for the less elongated function h(x, y) = x^2 + 4y^2.",
            "(c) Same as (b), but for g(x, y) = 3x^2 + y^2.",
            "(c) Repeat (b), now with the loss q(x,y) = x^2 + 2y^2 instead.")


@pytest.mark.parametrize("repeat", _REPEATS)
def test_a_new_function_in_a_repeating_part_is_applied_or_refused(repeat):
    reading = read_report(_SHEET + repeat)
    try:
        problem = reading.to_problem()
    except ReadingIncomplete:
        assert any("override" in line and "function" in line for line in reading.unread())
        return
    # read: part (c) must be about the new function, not f
    assert "9" not in str(problem.parts[2]), problem.parts[2]


@pytest.mark.parametrize("cost", [
    "In the latency-bandwidth model a message of m values costs t_s + m t_w.",
    "Sending a message of size m takes c_0 + m c_1 seconds (latency-bandwidth model).",
    "latency/bandwidth model: a message with m floats costs L + m G",
])
def test_a_cost_model_in_other_symbols_is_not_renamed(cost):
    text = ("We train a model with p parameters on n workers using ring all-reduce. " + cost +
            " Write the time of one ring all-reduce as a function of n and p.")
    reading = read_report(text)
    with pytest.raises(ReadingIncomplete):
        reading.to_problem()
    assert any("cost of a message" in line for line in reading.unread()), reading.unread()
