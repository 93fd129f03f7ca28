"""Questions by meaning: pronoun requests take what the sentence before names, and a symbol
asked is the quantity the text itself defines it as."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report
from optiproof.reading.normalize import flatten, normalize
from optiproof.reading.questions import read_questions
from optiproof.reading.symbols import defined_symbols, symbol_key


def _flat(text: str) -> str:
    return flatten(normalize(text).text)


@pytest.mark.parametrize("text, quantity", [
    ("Plain gradient descent started at zero converges to some point w_inf. Compute it.",
     "limit"),
    ("Heavy ball from the origin ends up at a vector we call v_hb. Give it.", None),
    ("Sign descent, run from zero, produces some θ_s after ten epochs. Compute it.", None),
    ("Let u be the limit point of heavy ball from the origin. Give it.", "limit"),
    ("What happens to the condition number after scaling? Compute it exactly.",
     "condition-number"),
    ("The total volume of the ring depends on n. What is its value?", "total-volume"),
    ("Does the limit change with Nesterov? Give it.", "limit"),
    ("Consider the largest stable step size of GD on this f. Find its value.", "max-step"),
])
def test_pronoun_request_asks_what_the_sentence_before_names(text, quantity):
    requests = read_questions(_flat(text)).requests
    pronoun = requests[-1]
    assert pronoun.asks, requests
    if quantity is None:  # only a symbol before: the family resolves it
        assert [a.quantity for a in pronoun.asks] == [None]
        assert pronoun.asks[0].phrase in ("v_hb", "θ_s")
    else:
        assert quantity in [a.quantity for a in pronoun.asks]


@pytest.mark.parametrize("text", [
    "The weather is nice today. Compute it.",
    "We use ten workers. Give it.",
])
def test_pronoun_request_with_nothing_before_stays_unplaced(text):
    requests = read_questions(_flat(text)).requests
    assert requests and not requests[-1].asks


@pytest.mark.parametrize("text, symbol, quantity", [
    ("Let η_max be the largest stable step size of GD. Find η_max.", "η_max", "max-step"),
    (r"What is the largest stable step size $\eta_{\max}$? Give $\eta_{\max}$.", "eta_max",
     "max-step"),
    ("let kappa denote the condition number of H; report kappa", "κ", "condition-number"),
    ("the crossover value M^* where both schemes take the same time", "M*", "crossover"),
    ("the optimal rate rho_star of heavy ball", "ρ^*", "optimal-rate"),
    ("the limit point w_∞ of gradient descent", "w_∞", "limit"),
    ("the condition number (κ) of the Hessian", "κ", "condition-number"),
])
def test_a_symbol_is_the_quantity_the_text_defines(text, symbol, quantity):
    assert defined_symbols(_flat(text)).get(symbol_key(symbol)) == quantity


@pytest.mark.parametrize("text", [
    "the step η = 0.1 and the condition number κ = 10",       # set to values, not defined
    "Write T_tree(p) and T_ring(p) as functions of p.",        # a notation, not a name
    "the condition number κ of H; later, let κ denote the total volume of the ring",  # two
])
def test_no_definition_is_guessed(text):
    got = defined_symbols(_flat(text))
    assert symbol_key("κ") not in got and "p" not in got, got


@pytest.mark.parametrize("a, b", [("eta_max", "η_{max}"), ("M^{*}", "M*"), ("rho^*", "ρ*"),
                                  ("\\kappa", "κ"), ("alpha_c", "α_c"), ("w_inf", "w_inf")])
def test_symbol_keys_agree_across_notations(a, b):
    assert symbol_key(a) == symbol_key(b)


def test_m_and_M_are_different_symbols():
    assert symbol_key("M") != symbol_key("m")


@pytest.mark.parametrize("text", [
    "Gradient descent on f(x, y) = x^2 + 9y^2. Let eta_max denote the largest stable step "
    "size. Find eta_max.",
    "GD on f(x, y) = x² + 9y². The largest stable step size η_max: what is η_max?",
    "Gradient descent on $f(x,y)=x^2+9y^2$. Compute $\\eta_{\\max}$, the largest stable step "
    "size.",
])
def test_a_defined_symbol_asked_is_answered_as_its_quantity(text):
    reading = read_report(text)
    assert reading.complete, [m.reason for p in reading.parts for m in p.missing]
    assert [p.asked for p in reading.parts] == [["max-step"]]


@pytest.mark.parametrize("text", [
    "Up to the choice of learning rate, which well-known optimiser performs exactly this step?",
    "Up to the value of the step size, which optimizer is this?",
    "Which algorithm is it, up to the choice of a positive scaling factor?",
])
def test_up_to_a_choice_of_scale_only_qualifies_the_identification(text):
    (request,) = read_questions(_flat(text)).requests
    assert [a.quantity for a in request.asks] == ["identification"] and not request.unplaced


@pytest.mark.parametrize("text", [
    "Give the total volume as a formula and the number.",
    "State the total volume in closed form, and the numerical value.",
    "Find the largest stable step in terms of L, and its value.",
])
def test_the_number_of_a_formula_asked_is_the_same_ask(text):
    (request,) = read_questions(_flat(text)).requests
    assert request.asks and not request.unplaced, request


@pytest.mark.parametrize("text", [
    "Is w_∞ the minimum- l_2 -norm solution of Xw = y?",
    "Is the limit the minimum ℓ_2 norm solution of the system?",
])
def test_a_yes_no_question_asks_the_yes_no_quantity(text):
    (request,) = read_questions(_flat(text)).requests
    assert [a.quantity for a in request.asks] == ["is-min-norm"]


@pytest.mark.parametrize("text", [
    "Is the learning rate of this method equal to the optimal step size?",
    "Is the optimal convergence rate of heavy ball below that of GD here?",
])
def test_a_yes_no_question_answered_by_a_value_stays_unplaced(text):
    (request,) = read_questions(_flat(text)).requests
    assert request.asks and request.unplaced, request


def test_if_so_how_much_makes_the_amount_the_answer():
    requests = read_questions(_flat("Is the optimal convergence rate of heavy ball below 1 here? "
                                    "If so, how much is it?")).requests
    assert requests[0].asks and not requests[0].unplaced


QUADRATIC = ("Gradient descent on f(x, y) = x^2 + 50 y^2 with smallest eigenvalue μ = 2 and largest "
             "eigenvalue L = 100.\n\n(a) What is the convergence rate with step size η = 0.01?\n\n")


@pytest.mark.parametrize("override", [
    "(b) Same question as (a), but with the common choice η = 1/L.",
    "(b) Same question as (a) but with η = 2/(μ + L) instead.",
])
def test_a_change_the_reading_does_not_apply_is_never_the_repeated_answer(override):
    reading = read_report(QUADRATIC + override)
    parts = {p.label: p for p in reading.parts}
    applied = any(str(f.value) != "0.01" and f.name == "alpha" for f in parts["b"].fields.values())
    named = any("η" in m.reason and "repeats" in m.reason for m in parts["b"].missing)
    assert applied or named, (parts["b"].fields, parts["b"].missing)
    assert not any(f.name == "alpha" and str(f.value) == "0.01" for f in parts["b"].fields.values())


def test_a_change_the_reading_applies_is_read():
    reading = read_report(QUADRATIC + "(b) Repeat (a) with η = 0.015.")
    (b,) = [p for p in reading.parts if p.label == "b"]
    assert not b.missing and str(b.fields["alpha"].value) == "0.015"


@pytest.mark.parametrize("text", [
    "Find the largest stable step. Give exact values where you can and decimals to 4 significant "
    "figures otherwise.",
    "Find the largest stable step. Round to three decimal places.",
    "Find the largest stable step. Please give all results to 3 s.f.",
    "Find the largest stable step. Answers with 4 digits are fine.",
])
def test_a_precision_instruction_is_not_a_request(text):
    (request,) = read_questions(_flat(text)).requests
    assert [a.quantity for a in request.asks] == ["max-step"] and not request.unplaced


def test_a_request_with_a_precision_is_still_a_request():
    (request,) = read_questions(_flat(
        "Give the largest stable step to 4 significant figures.")).requests
    assert [a.quantity for a in request.asks] == ["max-step"]


@pytest.mark.parametrize("text", [
    "What is the third update θ₃ − θ₂ = −α m̂₃ / √v̂₃?",
    r"Compute $\theta_3 - \theta_2 = -\alpha \hat m_3/\sqrt{\hat v_3}$.",
    "Give theta_3 - theta_2 = -alpha * m_hat_3 / sqrt(v_hat_3).",
])
def test_the_formula_defining_an_asked_symbol_asks_nothing_more(text):
    (request,) = read_questions(_flat(text)).requests
    # 'the third update' (the step named by its ordinal) is the same step as θ_3 − θ_2
    assert [a.phrase for a in request.asks if a.quantity != "last-step"] == ["θ_3 - θ_2"], \
        request.asks


def test_a_set_symbol_is_still_not_asked():
    (request,) = read_questions(_flat("What is the first step with α = 0.1?")).requests
    assert [a.quantity for a in request.asks] == ["first-step"]


@pytest.mark.parametrize("text", [
    "Solve min_d g^T d subject to ||d||_1 <= 0.2.",
    r"Solve the problem $\min_{\|d\|_\infty \le 1} g^\top d$.",
    "(a) Solve: minimize gᵀd + (1/α)‖d‖²_2 over d.",
])
def test_solve_a_minimisation_asks_its_minimiser(text):
    (request,) = read_questions(_flat(text)).requests
    assert [a.quantity for a in request.asks] == ["update"] and not request.unplaced


@pytest.mark.parametrize("text", [
    "What is ⟨G, Δ*⟩?",
    r"Compute $\langle G, \Delta^\star\rangle$.",
    "and what is g^T d* at the optimum?",
])
def test_the_inner_product_with_the_minimiser_is_the_linear_change(text):
    (request,) = read_questions(_flat(text)).requests
    assert [a.quantity for a in request.asks] == ["linear-change"], request.asks


@pytest.mark.parametrize("text", [
    "Which norm gives the largest decrease −g^T d* of the linear model?",
    "Find d* and the optimal value g^T d* for the l2 norm.",
])
def test_an_inner_product_glossing_a_named_quantity_is_not_asked_again(text):
    (request,) = read_questions(_flat(text)).requests
    assert "linear-change" not in [a.quantity for a in request.asks], request.asks


@pytest.mark.parametrize("text", [
    "what's the l_inf norm of d?",
    "and the size of u?",
    r"Give the length of the step $\Delta\theta$.",
])
def test_the_norm_of_the_minimiser_is_its_length(text):
    (request,) = read_questions(_flat(text)).requests
    assert [a.quantity for a in request.asks if a.quantity] == ["step-length"], request
    assert not request.unplaced


@pytest.mark.parametrize("text", [
    "With a parameter server, how much data (in bytes) does the server receive per iteration?",
    "How much data does each GPU receive (bytes)?",
    "how much traffic does the server get, in bytes?",
])
def test_how_much_data_a_node_receives_in_bytes(text):
    (request,) = read_questions(_flat(text)).requests
    assert "bytes-received" in [a.quantity for a in request.asks], request.asks
