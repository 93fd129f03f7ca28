"""A symbol the text asks without defining it is the quantity whose conventional symbol it is
(never one of two); a call u(α) the text defines is its function; the catalogue's phrases for
crossovers, identification, per-message bytes and list elements."""

from __future__ import annotations

import pytest

from optiproof.catalogue import QUANTITIES
from optiproof.reading import read_report
from optiproof.reading.normalize import flatten, normalize
from optiproof.reading.questions import read_questions
from optiproof.reading.symbols import conventional

QD = ("max-step", "optimal-step", "optimal-momentum", "optimal-rate", "rate", "condition-number",
      "iterations")


@pytest.mark.parametrize("symbol, quantity", [
    ("η_max", "max-step"), ("eta_max", "max-step"), (r"\eta_{\max}", "max-step"),
    ("lr_max", "max-step"), ("γ_max", "max-step"), ("ηmax", "max-step"),
    ("η^*", "optimal-step"), ("α⋆", "optimal-step"), ("ρ^⋆", "optimal-rate"), ("κ", "condition-number"),
])
def test_a_conventional_symbol_names_its_quantity(symbol, quantity):
    assert conventional(symbol, QD) == [quantity]


def test_the_hoelder_conjugate_is_q_and_a_symbol_of_two_quantities_is_both():
    assert conventional("q", ("update", "holder-conjugate", "dual-norm")) == ["holder-conjugate"]
    assert sorted(conventional("α^*", ("threshold", "optimal-step"))) == ["optimal-step",
                                                                         "threshold"]
    assert conventional("Q", ("holder-conjugate",)) == []   # case is kept


@pytest.mark.parametrize("text", [
    "f(x, y) = x^2 + 4y^2. Gradient descent with step η converges from every start iff "
    "0 < η < η_max. Find η_max.",
    r"Let $f(x,y) = 2x^2 + y^2$. GD $x_{k+1} = x_k - \eta\nabla f(x_k)$ is stable for "
    r"$\eta < \eta_{\max}$. Compute $\eta_{\max}$.",
    "f(x,y) = x^2 + 10 y^2, plain GD. it blows up for lr above some lr_max -- what is lr_max?",
])
def test_an_undefined_conventional_symbol_is_asked(text):
    part = read_report(text).to_problem().parts[0]
    assert part.asks == ["max-step"]


@pytest.mark.parametrize("text", [
    "Let g = (1, -2, 3) and u(α) = argmin_d g^T d + (1/α)‖d‖_∞^2. Compute u(α) for α = 2.",
    r"Define $u(\alpha) = \arg\min_d\, g^\top d + \frac{1}{\alpha}\|d\|_\infty^2$ with "
    r"$g = (2, 1, -1)$. Find $u(\alpha)$ for $\alpha = 0.5$.",
    "g = (0.5, -1, 2); d(alpha) = argmin_d g.d + (1/alpha)||d||_inf^2. what is d(alpha) for "
    "alpha = 1?",
])
def test_a_call_of_a_defined_function_asks_the_function(text):
    part = read_report(text).to_problem().parts[0]
    assert [a.kind for a in part.asks] == ["update"]


def _keys(text: str) -> list[str]:
    return [m.entry.key for m in QUANTITIES.mentions(flatten(normalize(text).text))]


@pytest.mark.parametrize("text, key", [
    # where two costs meet
    ("Above which M is the ring faster than recursive doubling?", "crossover"),
    ("Find the value p^* at which T_ring = T_tree (ring is faster for p > p^*).", "crossover"),
    ("Find the buffer size m* (in bytes) at which both take the same time.", "crossover"),
    ("below which N_g does the tree win against the ring?", "crossover"),
    # the name of the method
    ("Report the minimiser, the name of the update rule, and the step length.", "identification"),
    ("What is u actually, and what is this kind of update called in general?", "identification"),
    ("Give δ, and say which well-known family of methods this step belongs to.",
     "identification"),
    ("so what are these steps called?", "identification"),
    # steps and rates of an iteration
    ("So, what's the exact learning rate above which GD diverges on this function?", "max-step"),
    (r"Find the step size $\eta$ beyond which gradient descent blows up.", "max-step"),
    ("what lr past which it becomes unstable?", "max-step"),
    ('which lr is "optimal" in the sense of the fastest worst-case rate?', "optimal-step"),
    ("Which step size would be best here?", "optimal-step"),
    ("find the heavy-ball (α, β) that give the fastest asymptotic rate", "optimal-step"),
    ("at lr = 0.45, by what factor does the error (slowest direction) shrink per step?", "rate"),
    ("By what factor does the distance to the minimiser decrease per iteration?", "rate"),
    ("and at lr=0.6 by what factor does the error blow up per step??", "rate"),
    ("Where is the minimiser θ^*?", "objective-minimiser"),
    ("- and where is the minimizer anyway?", "objective-minimiser"),
    # where the step changes character
    ("For this g, what's the lr where that switch happens?", "threshold"),
    ("Find the α at which the change occurs.", "threshold"),
    ("what is the learning rate where this jump happens", "threshold"),
    # counts and sizes
    ("how many point-to-point messages would a naive all-to-all exchange need?", "messages"),
    ("Give the number of individual messages.", "messages"),
    ("How many sequential communication steps does ring all-reduce need?", "rounds"),
    ("number of sequential rounds of the tree", "rounds"),
    ("and how many bytes does each message carry?", "message-bytes"),
    ("How many bytes is each message?", "message-bytes"),
    ("the total number of bytes transferred", "total-bytes"),
    ("the number of bytes sent by each individual worker", "bytes-sent"),
    ("Report the total number of parameters sent per step by each scheme.", "total-volume"),
    ("total parameters sent", "total-volume"),
    ("What's the minimizer there and what's the minimum value?", "update"),
])
def test_catalogue_phrases(text, key):
    assert key in _keys(text)


@pytest.mark.parametrize("text", [
    "what's the exact largest learning rate where GD still converges on this A?",
    "the largest step size where the iteration converges",
    "Give the biggest η where gradient descent still converges.",
])
def test_a_step_where_it_converges_is_no_limit_point(text):
    assert "limit" not in _keys(text) and "max-step" in _keys(text)


@pytest.mark.parametrize("text", [
    "For all-to-all, give the list [number of messages, size of one message, total gradient "
    "payload] as functions of n and p.",
    "Give [rounds, message size, total chatter] for the ring.",
    "ring all-reduce: [rounds, total number of hops] please?",
])
def test_each_element_of_an_asked_list_is_placed_or_named(text):
    requests = read_questions(flatten(normalize(text).text)).requests
    assert any(r.unplaced for r in requests), requests
