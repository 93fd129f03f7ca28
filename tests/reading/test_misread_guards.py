"""Guards against reading a part completely but answering another question than the one asked:
a yes/no question answered by a value, a question asked of every scheme or variant answered for
one, a rate at a stated step answered as the optimal rate, a step fixed and optimised at once,
a value or list the reader used to drop silently. Every text here is written for these tests."""

from __future__ import annotations

import pytest

from optiproof.core.text.match import assigned_number
from optiproof.reading import read_report
from optiproof.reading.normalize import normalize
from optiproof.reading.questions import read_questions


def _parts(text: str) -> dict:
    return {p.label: p for p in read_report(text).parts}


def _asked(text: str) -> list[str]:
    return [a.phrase for r in read_questions(text).requests for a in r.asks]


def _unplaced(text: str) -> list[str]:
    return [u for r in read_questions(text).requests for u in r.unplaced]


# -- yes/no questions that start with an auxiliary verb ---------------------------------------

@pytest.mark.parametrize("question", [
    "Do any of the later updates θ_t − θ_{t−1} change?",
    "Does the second step θ_2 − θ_1 change as well?",
    "did the later updates change at all?",
    "Will the step θ_2 - θ_1 differ?",
])
def test_a_yes_no_question_is_not_answered_by_the_value_it_asks_about(question):
    from optiproof.catalogue import QUANTITIES

    asks = [a for r in read_questions(question).requests for a in r.asks]
    yes_no = asks and all(a.quantity and QUANTITIES[a.quantity].value_kind == "yes-no"
                          for a in asks)
    assert _unplaced(question) or not asks or yes_no, question


@pytest.mark.parametrize("request_", [
    "Can you compute the first step θ_1 − θ_0?",
    "Could you give the update Δ?",
    "can someone find θ_1?",
])
def test_a_polite_request_is_still_a_request(request_):
    assert _asked(request_) and not _unplaced(request_), request_


# -- symbols listed past a gloss in parentheses -------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Give μ and L (the extreme eigenvalues of the Hessian) and κ.",
    "Compute μ, L (smallest / largest eigenvalue) and κ = L/μ.",
    "Find mu and L (both eigenvalues of A), and kappa.",
    "Give mu, L, and kappa.",
])
def test_a_listed_symbol_after_a_parenthesised_gloss_is_asked(sentence):
    assert _asked(normalize(sentence).text)[-1] == "κ"


# -- tuples of symbols set to tuples of numbers ------------------------------------------------

@pytest.mark.parametrize(("written", "expected"), [
    ("We use (alpha, beta) = (0.1, 0.9).", "α = 0.1, β = 0.9"),
    ("Adam with (β_1, β_2) = (0.9, 0.999).", "β_1 = 0.9, β_2 = 0.999"),
    ("the spectrum lies in [mu, L] = [1, 10].", "in [μ, L] (μ = 1, L = 10)"),
])
def test_a_tuple_assignment_gives_one_assignment_per_symbol(written, expected):
    assert expected in normalize(written).text


@pytest.mark.parametrize("written", ["start at (w_1, w_2) = (1, 0).", "from (x, y) = (1, 2).",
                                     "(a, b) = (1, 2, 3)"])
def test_coordinates_of_a_vector_or_unequal_tuples_are_left_as_written(written):
    assert "=" in normalize(written).text and "(1" in normalize(written).text


def test_an_interval_given_by_numbers_gives_numeric_curvature():
    text = ("Let f(x) = 1/2 x^T A x - b^T x, where A is symmetric with spectrum contained in "
            "[µ, L] = [0.5, 32], both endpoints being eigenvalues.\n"
            "(a) Compute the condition number κ.\n(b) Give the optimal step size of GD.\n")
    part = _parts(text)["a"]
    assert part.value("eigenvalues") == [0.5, 32]


# -- a fraction written as LaTeX's \tfrac12 -----------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [("η = (1)/(2) .", 0.5), ("η = (1/2) here", 0.5),
                                             ("eta = (3)/(4)", 0.75)])
def test_a_parenthesised_fraction_is_the_assigned_value(text, value):
    got = assigned_number(text, r"η|eta")
    assert got is not None and float(got[0].value) == value


# -- rate at a stated step ---------------------------------------------------------------------

@pytest.mark.parametrize("part", [
    "(b) Gradient descent is often run with α = 1/L. What rate does that give here?",
    "(b) In practice people take lr = 0.01. What rate does it achieve on f?",
    "(b) Suppose we pick η = 0.05 instead. what rate do we get then?",
])
def test_a_rate_asked_after_the_part_states_its_step_is_the_rate_at_that_step(part):
    text = ("Let f(w) = 1/2 w^T H w with H = diag(1, 4, 16).\n"
            "(a) What is the optimal step size of gradient descent?\n" + part + "\n")
    got = _parts(text)["b"]
    assert "rate" in (got.value("asks") or []) and "optimal-rate" not in (got.value("asks") or [])


@pytest.mark.parametrize("update", ["x_{t+1} = x_t − γ∇f(x_t)", "x_{t+1} = x_t - gamma grad f(x_t)",
                                    "with step size γ"])
def test_gamma_is_the_step_when_the_update_multiplies_the_gradient_by_it(update):
    text = (f"Let f(x) = 1/2 x^T A x with A = diag(1, 10). Gradient descent {update}.\n"
            "(a) With γ = 0.1, what is the convergence rate?\n")
    assert _parts(text)["a"].value("alpha") == 0.1


def test_a_part_that_fixes_the_step_and_asks_for_the_optimal_one_is_refused():
    text = ("Let f(x) = 1/2 x^T A x with A = diag(1, 100). GD: x_{k+1} = x_k − γ∇f(x_k).\n"
            "(a) Give the step γ that minimises the rate ρ, and ρ.\n"
            "(b) Same question as (a), but with the common choice γ = 1/L.\n")
    assert read_report(text).parts[1].missing


# -- the same question of several schemes or variants ------------------------------------------

_SCHEMES = ("Setup: n = 8 GPUs, p = 1e8 parameters in fp32. Schemes: all-to-all (each worker "
            "sends its gradient to every other worker), parameter server (a separate server), "
            "ring all-reduce.\n")


@pytest.mark.parametrize("question", [
    "Q2. For each scheme, how many bytes does the busiest node send? (for the parameter server "
    "the busiest node is the server)",
    "Q2. For every scheme give the bytes sent by the most heavily loaded node (with the "
    "parameter server, that is the server).",
    "Q2. For all three schemes, how many bytes does the most loaded node send (parameter server: "
    "count the server)?",
])
def test_each_scheme_means_every_scheme_the_text_lists(question):
    text = _SCHEMES + "Q1. For each scheme give the total bytes sent.\n" + question + "\n"
    part = _parts(text)["2"]
    assert part.value("schemes") == ["all-to-all", "parameter-server", "ring-allreduce"]
    # the busiest node of a server scheme is the server: never one worker's bytes instead
    assert part.missing or "bytes-sent" not in (part.value("quantities") or [])


@pytest.mark.parametrize("question", [
    "(c) Now the loss is multiplied by 10. Recompute θ_1 for both variants.",
    "(c) With the loss scaled by 10, give θ_1 for each variant.",
    "(c) Scale the loss by 10 and compute θ_1 of the two optimizers again.",
])
def test_an_adam_part_asked_of_several_variants_is_not_answered_for_one(question):
    text = ("Adam + L2 (λθ added to the gradient) versus AdamW (decoupled decay), with "
            "β_1 = 0.9, β_2 = 0.999, ε = 0, learning rate 0.01, λ = 0.1, θ_0 = (1, -2) and "
            "g_1 = (0.2, 0.1).\n(a) Compute θ_1 for Adam + L2.\n(b) Compute θ_1 for AdamW.\n"
            + question + "\n")
    assert read_report(text).parts[-1].missing


# -- bulleted settings, one per line ------------------------------------------------------------

@pytest.mark.parametrize("bullets", [
    "* learning rate η = 0.01\n* β_1 = 0.9, β_2 = 0.999\n* ε = 0",
    "- learning rate eta = 0.01\n- beta_1 = 0.9, beta_2 = 0.999\n- epsilon = 0",
    "• lr η = 0.01\n• β₁ = 0.9 and β₂ = 0.999\n• ε = 0",
])
def test_bulleted_settings_are_separate_assignments(bullets):
    text = ("Adam is run on a two-parameter model with\n" + bullets + "\nand m_0 = v_0 = 0.\n"
            "The gradients are g_1 = (1, 2) and g_2 = (-1, 0).\n"
            "(a) Compute θ_2 − θ_1.\n")
    part = read_report(text).parts[0]
    assert (part.value("alpha"), part.value("beta1"), part.value("beta2")) == (0.01, 0.9, 0.999)


def test_a_minus_sign_starting_a_line_of_a_formula_is_not_a_bullet():
    from optiproof.core.text.record import flatten

    assert flatten("f(w) = w^2\n- b^T w") == "f(w) = w^2 - b^T w"


# -- a symbol listed with a possessive ----------------------------------------------------------

@pytest.mark.parametrize("item", ["its ρ", "the corresponding ρ", "their κ"])
def test_a_possessive_symbol_item_is_never_dropped(item):
    sentence = f"Give the optimal lr, {item}, and the number of iterations."
    requests = read_questions(sentence).requests
    phrases = [a.phrase for r in requests for a in r.asks] + [u for r in requests
                                                              for u in r.unplaced]
    assert any(item.split()[-1] in p for p in phrases), phrases


# -- one phase of an all-reduce ----------------------------------------------------------------

@pytest.mark.parametrize("part", [
    "(a) Reduce-scatter by recursive halving: how many entries does one worker send in total?",
    "(a) In the all-gather phase (recursive doubling), how many rounds are there?",
    "(a) For the reduce-scatter done by recursive halving, give the number of rounds.",
])
def test_one_phase_of_an_all_reduce_is_not_answered_as_the_whole(part):
    text = ("There are n = 2^k workers, each holding a gradient of p entries; every worker must "
            "end up with the sum.\n" + part + "\n")
    assert read_report(text).parts[0].missing


# -- a result named by a one-letter subscript in an earlier part --------------------------------

@pytest.mark.parametrize("text", [
    "Fit θ ∈ R^3 to one observation: L(θ) = ½(aᵀθ − b)², a = (1, 2, 2), b = 3, from θ_0 = 0.\n"
    "(a) Plain gradient descent. Give the limit θ_GD.\n"
    "(b) Preconditioned gradient descent with P = diag(1, 1, 4). Give the limit θ_P.\n"
    "(c) Is θ_P the minimum-norm solution of a^Tθ = b? Compute ‖θ_P‖_2.\n",
    "Least squares with X = [[1, 1, 0], [0, 1, 1]], y = (2, 1); all runs start at w_0 = 0.\n"
    "1. Run GD and call its limit w_G.\n"
    "2. Run preconditioned GD with the diagonal preconditioner P = diag(2, 1, 1); call the limit w_D.\n"
    "3. Is w_D the minimum-norm solution of Xw = y? What is ||w_D||_2?\n",
    "We minimise 1/2 (x1 + 2 x2 - 4)^2 starting at x_0 = 0.\n"
    "(i) Gradient descent: where does it converge? Call the point x_A.\n"
    "(ii) Preconditioned GD with P = diag(4, 1): call its limit x_B.\n"
    "(iii) Is x_B the least-norm solution of a x = b? Give the Euclidean norm of x_B.\n",
])
def test_a_later_part_about_a_named_result_uses_the_method_that_named_it(text):
    parts = read_report(text).parts
    method = parts[2].fields["method"].value
    assert isinstance(method, dict) and method.get("name") == "preconditioned", method
    assert method == parts[1].fields["method"].value


# -- a total asked of one round of the schedule --------------------------------------------------

@pytest.mark.parametrize("question", [
    "How many bytes does a node send in the first round of the reduce-scatter?",
    "how many values does each worker send during the last round?",
    "Give the total traffic (in bytes) in round 2 of the all-gather.",
])
def test_a_total_of_one_round_is_refused_naming_the_round(question):
    text = ("Rabenseifner's all-reduce runs on n = 8 GPUs for p = 10^8 parameters stored in fp16 "
            "(2 bytes per entry).\n(a) How many rounds are there?\n(b) " + question + "\n")
    parts = read_report(text).parts
    assert not parts[0].missing
    reasons = [m.reason for m in parts[1].missing]
    assert any("one round of the schedule" in why for why in reasons), reasons


def test_a_round_in_a_statement_does_not_restrict_the_total():
    text = ("Ring all-reduce on n = 4 workers, each holding a gradient of 1000 entries; in each round every worker sends "
            "one chunk to its right neighbour. How many entries does each worker send in total?")
    assert read_report(text).complete


# -- the per-value time of the cost formula ------------------------------------------------------

@pytest.mark.parametrize("cost", [
    "a step in which every worker sends $m$ entries costs $\\alpha + \\beta m$",
    "sending m floats to a neighbour takes alpha + m*beta seconds",
    "a worker that transmits m values needs α + mβ",
])
def test_the_per_value_time_of_the_cost_formula_is_beta_not_a_default_bandwidth(cost):
    text = (f"n workers run ring all-reduce on a gradient of p entries. In the latency-bandwidth "
            f"model, {cost}. Give the time of one ring all-reduce.")
    (part,) = read_report(text).parts
    assert part.value("bandwidth") == "4/beta", part.value("bandwidth")


def test_a_cost_formula_with_beta_left_unread_is_refused_not_given_a_default_bandwidth():
    text = ("n workers run ring all-reduce on a gradient of p entries; in the latency-bandwidth "
            "model every round costs α + β·(chunk). Give the time of one ring all-reduce.")
    (part,) = read_report(text).parts
    assert part.value("bandwidth") != "B"
    assert part.missing


@pytest.mark.parametrize("phases", [
    "a reduce-scatter by recursive halving followed by an allgather by recursive doubling",
    "a reducescatter (recursive halving) and then an all-gather done with recursive doubling",
    "reduce-scatter by recursive halving, then all gather using recursive doubling",
])
def test_recursive_doubling_as_the_all_gather_phase_is_not_a_second_scheme(phases):
    text = (f"Rabenseifner's all-reduce over n = 2^k workers of a vector of p entries is {phases}. "
            "How many rounds does the whole all-reduce take?")
    (part,) = read_report(text).parts
    assert part.value("schemes") == ["rabenseifner"], part.value("schemes")


def test_a_round_described_after_the_request_does_not_restrict_it():
    text = ("n workers each hold a gradient of p entries.\n(a) Ring all-reduce: number of messages.\n"
            "(b) Give the same quantity for recursive doubling: in round k = 1, …, log₂n every "
            "worker swaps its full current partial sum with the worker whose index differs in bit k.")
    assert read_report(text).complete


# -- two problems defined in the shared text ---------------------------------------------------

@pytest.mark.parametrize("shared", [
    "Let g = (2, -5, 1, 3) and α = 0.2. Define the penalised step d* = argmin_d gᵀd + (1/α)‖d‖² "
    "and the constrained step argmin { gᵀd : ‖d‖ ≤ η }.",
    "g = [1, -2, 2], alpha = 0.5. We consider d* = argmin_d g^T d + (1/alpha) ||d||^2 and the "
    "constrained problem min g^T d s.t. ||d|| <= eta.",
    "Gradient $g = (1, -2, 2)$, $\\alpha = 0.5$. Let $u = \\arg\\min_d g^\\top d + \\frac{1}{\\alpha}"
    "\\|d\\|^2$; and the constrained step solves $\\min g^\\top d$ subject to $\\|d\\| \\le \\eta$.",
])
def test_a_part_naming_the_step_of_one_of_two_defined_problems_takes_that_problem(shared):
    step = "u" if "Let $u" in shared else "d*"
    named = read_report(shared + f"\n(a) Take ‖·‖ = ‖·‖_2. Compute {step}.").parts
    assert named[0].value("form") == "penalty-squared", named[0].fields.get("form")
    unnamed = read_report(shared + "\n(a) Take ‖·‖ = ‖·‖_2. Compute the minimiser.").parts
    assert any("defines two problems" in m.reason for m in unnamed[0].missing), unnamed[0].missing


# -- "for which value of x does … hold" --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Adam with α = 10^-3, β1 = 0.9, β2 = 0.999, ε = 0 and g1 = (-0.3, 0.6).\n(a) Give the first "
    "step.\n(b) Keeping β1 = 0.9 and no bias correction, for which β2 is the first step exactly "
    "the same as in (a)?",
    "n workers, p parameters.\n1. Total volume of ring all-reduce?\n2. For which numbers of "
    "workers n ≥ 2 is the total volume of ring all-reduce strictly smaller than that of "
    "all-to-all?",
    "Quadratic f(x) = ½ xᵀ diag(1, 10) x, gradient descent from x0 = (1, 1).\n(a) What is the "
    "convergence rate with step size 0.1?\n(b) For what value of the momentum b does the "
    "iteration matrix have a double eigenvalue?",
])
def test_for_which_value_of_a_parameter_is_never_answered_as_another_quantity(text):
    parts = read_report(text).parts
    assert any("asks for the value of a parameter" in m.reason or "could not place" in m.reason
               for m in parts[-1].missing), [m.reason for m in parts[-1].missing]


def test_the_quantities_that_answer_for_which_are_catalogue_quantities():
    from optiproof.catalogue import QUANTITIES
    from optiproof.reading.accounting import _SOLVES_FOR
    assert all(QUANTITIES.get(key) is not None for key in _SOLVES_FOR)
