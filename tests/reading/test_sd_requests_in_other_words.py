"""Steepest-descent requests in other people's words: the method's name asked as "is there a
name for this?" or as a bare "the optimizer" listed beside the step, the linear term gᵀd* at
the solution asked as "the value gᵀd*" (the gradient written g, ∇f or ∇L(w)), the step asked
"as a multiple of g" (only where the step is parallel to the gradient), and an RMS norm defined
in lower case (‖d‖_rms = ‖d‖_2/√n with n given). Each is checked against an independent
computation of the answer, and the readings that must stay refused are."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def _reading(text: str):
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    return reading


def _solved(text: str, witnesses: bool = False) -> dict:
    solution = solve_problem(_reading(text).to_problem(),
                             SolveOptions(figures=False, run_witnesses=witnesses))
    return solution.to_dict()


def _by_quantity(data: dict) -> dict[str, list]:
    out: dict[str, list] = {}
    for part in data["parts"]:
        for a in part["answers"]:
            out.setdefault(a["quantity"], []).append(a)
    return out


def _refused_naming(text: str, phrase: str) -> None:
    reading = read_report(text)
    assert not reading.complete
    assert any(phrase in line for line in reading.unread()), reading.unread()


# -- the method's name asked in other words ----------------------------------------------------

@pytest.mark.parametrize("request_", [
    "What is the step, and is there a name for this?",
    "Give d. Does this update have a standard name?",
    "Compute the minimiser; has this method got a name?",
    "State d*. Is there a common name for this kind of step?",
    "Find u - does it have a name?",
])
def test_a_name_asked_for_the_step_is_the_identification(request_):
    text = f"Let g = (3, -4) and α = 0.5. Solve min_d gᵀd + (1/α)‖d‖_∞². {request_}"
    reading = _reading(text)
    assert reading.parts[0].asked == ["update", "identification"]
    data = _solved(text)
    assert data["parts"][0]["identified_as"]


@pytest.mark.parametrize("text", [
    "Let g = (3, -4) and α = 0.5. Solve min_d gᵀd + (1/α)‖d‖_∞². Give d. Is there a name for "
    "this norm?",
    "Let g = (3, -4) and α = 0.5. Solve min_d gᵀd + (1/α)‖d‖_∞². Give d. Is there a name for "
    "the unit ball of this norm?",
])
def test_a_name_asked_for_something_else_is_not_the_identification(text):
    reading = read_report(text)
    assert "identification" not in [q for p in reading.parts for q in p.asked]
    assert not reading.complete


@pytest.mark.parametrize("request_", [
    "Give d, the optimal value and the optimizer.",
    "Report the minimising step, the minimum value, and the corresponding optimizer.",
    "State d* and the optimiser.",
    "Write down Δ*, then the optimal value, and also the resulting optimizer.",
])
def test_the_optimizer_listed_beside_the_step_is_its_name(request_):
    text = f"Let g = (3, -4) and η = 0.1. Solve min_d gᵀd subject to ‖d‖_1 ≤ η. {request_}"
    asked = _reading(text).parts[0].asked
    assert "identification" in asked and "update" in asked


@pytest.mark.parametrize("request_", [
    "Give the optimizer and the optimal value.",
    "What are the optimal value and the optimizer?",
])
def test_the_optimizer_alone_stays_refused(request_):
    # without a step asked beside it, 'the optimizer' may be the minimiser itself
    text = f"Let g = (3, -4) and η = 0.1. Solve min_d gᵀd subject to ‖d‖_1 ≤ η. {request_}"
    reading = read_report(text)
    assert not reading.complete
    assert any("optimizer" in line for line in reading.unread())


# -- the linear term at the solution -----------------------------------------------------------

_LINEAR_REQUESTS = [
    ("g = ({g})", "gᵀd", "Write down d*, the value gᵀd*, and the name of the update rule."),
    ("∇L(w) = ({g})", "∇L(w)ᵀd", "Find the solution and the value of ∇L(w)ᵀd at the solution."),
    ("∇f = ({g})", "∇fᵀd", "Give the step and ∇fᵀd at the optimum."),
    ("g = ({g})", "g^T d", "Compute d*; also report its value g^T d*."),
]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(g=st.lists(st.integers(-9, 9), min_size=2, max_size=4).filter(any),
       eta=st.sampled_from(["0.1", "0.05", "2", "1/4"]),
       norm=st.sampled_from([("‖d‖_1", "l1"), ("‖d‖_∞", "linf"), ("‖d‖_2", "l2")]),
       which=st.integers(0, len(_LINEAR_REQUESTS) - 1))
def test_the_value_of_the_linear_term_at_the_solution(g, eta, norm, which):
    given_, term, request_ = _LINEAR_REQUESTS[which]
    written, key = norm
    text = (f"The gradient is {given_.format(g=', '.join(map(str, g)))}. Minimise {term} "
            f"subject to {written} ≤ η with η = {eta}. {request_}")
    answers = _by_quantity(_solved(text))
    (lin,) = answers["linear-change"]
    e = Fraction(eta)
    dual = {"l1": max(abs(x) for x in g), "linf": sum(abs(x) for x in g),
            "l2": sum(x * x for x in g) ** 0.5}[key]
    assert abs(float(lin["value"]) + float(e) * dual) < 1e-9 * max(1.0, dual)


# -- the step as a multiple of the gradient ----------------------------------------------------

@pytest.mark.parametrize("text, scale", [
    # rms penalty, n = 3: u = -(α n / 2) g
    ("Let g = (1, -4, 4). With the RMS norm ‖d‖_rms = ‖d‖_2/√3 and α = 0.2, find argmin_d "
     "gᵀd + (1/α)‖d‖_rms². Express it as a multiple of g.", Fraction(-3, 10)),
    ("Let g = (2, 1). For α = 0.5 solve min_d gᵀd + (1/α)‖d‖_2² and write the minimiser as a "
     "multiple of g.", Fraction(-1, 4)),
    ("g = [2, 1], alpha = 3. d* = argmin_d g^T d + (1/alpha) ||d||_2^2. Give d* in the form of a "
     "scalar multiple of the gradient.", Fraction(-3, 2)),
])
def test_the_step_as_a_multiple_of_the_gradient(text, scale):
    answers = _by_quantity(_solved(text, witnesses=True))
    (u,) = answers["update"]
    g = [Fraction(x) for x in text.split("(")[1].split(")")[0].split(",")] if "g = (" in text \
        else [Fraction(2), Fraction(1)]
    assert [Fraction(str(x)).limit_denominator(10**6) for x in u["value"]] == \
        [scale * x for x in g]


@pytest.mark.parametrize("norm", ["‖d‖_∞²", "‖d‖_1²"])
def test_a_multiple_of_the_gradient_under_another_norm_is_refused(norm):
    _refused_naming(f"Let g = (1, -4, 4) and α = 0.5. Solve min_d gᵀd + (1/α){norm} and "
                    "write the minimiser as a multiple of g.", "multiple of the gradient")


# -- an RMS norm defined in lower case ---------------------------------------------------------

@pytest.mark.parametrize("definition", [
    "||d||_rms = ||d||_2 / sqrt(n) (here n = 3)",
    "‖d‖_rms = ‖d‖_2/√n, with n = 3",
    "||d||_Rms = ||d||_2 / sqrt(3)",
])
def test_an_rms_norm_defined_in_lower_case_uses_its_size(definition):
    text = (f"g = [1, -4, 4]. Take the RMS norm {definition} and alpha = 0.4. Find argmin_d "
            "g^T d + (1/alpha) ||d||_rms^2.")
    reading = _reading(text)
    assert reading.parts[0].value("norm") == "rms"
    assert not reading.parts[0].unused


def test_an_rms_norm_defined_with_another_size_is_refused():
    _refused_naming("g = [1, -4, 4]. Take the RMS norm ||d||_rms = ||d||_2 / sqrt(n) with n = 5 "
                    "and alpha = 0.4. Find argmin_d g^T d + (1/alpha) ||d||_rms^2.", "√5")


@pytest.mark.parametrize("setting", ["For p = 3 consider", "Take p = 3 and solve", "With p=3:"])
def test_the_exponent_assigned_beside_the_lp_norm_is_read_with_it(setting):
    text = (f"g = [1, -4, 4]. {setting} min_d g^T d subject to ||d||_3 <= eta with eta = 0.1. "
            "Give d*.")
    reading = _reading(text)
    assert reading.parts[0].value("norm") == {"name": "lp", "p": 3}
    assert not reading.unused


# -- a plain (non-squared) penalty weighted in another letter ----------------------------------

@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(g=st.lists(st.integers(-6, 6), min_size=2, max_size=3).filter(any),
       lam=st.integers(1, 20),
       written=st.sampled_from(["λ‖d‖{n}, where λ = {lam}", "lam*||d||{n} with lam = {lam}",
                                "mu * ||d||{n} (mu = {lam})", "(1/eta) ‖d‖{n}, η = 1/{lam}"]),
       norm=st.sampled_from([("_1", "l1"), ("_2", "l2"), ("_∞", "linf")]))
def test_a_plain_penalty_weighted_in_another_letter(g, lam, written, norm):
    index, key = norm
    dual = {"l1": max(abs(x) for x in g), "linf": sum(abs(x) for x in g),
            "l2": sum(x * x for x in g) ** 0.5}[key]
    if abs(lam - dual) < 1e-9:
        return   # the tie: every step along the direction is optimal
    text = (f"Let g = ({', '.join(map(str, g))}). Minimise gᵀd + "
            f"{written.format(n=index, lam=lam)} over d. Give the minimiser d.")
    reading = _reading(text)
    assert reading.parts[0].value("form") == "penalty"
    (u,) = _by_quantity(_solved(text))["update"]
    if lam > dual:      # the penalty outweighs the best linear decrease: the step is 0
        assert u["status"] == "unique" and all(float(x) == 0 for x in u["value"])
    else:               # it does not: the objective is unbounded below
        assert u["status"] == "unbounded"


@pytest.mark.parametrize("term, alpha", [("λ‖d‖_2", "1/lam"), ("lam*||d||_1", "1/lam"),
                                         ("μ ‖d‖_∞", "1/mu"), ("(1/η)‖d‖_2", "eta")])
def test_a_symbolic_plain_penalty_weight_becomes_alpha(term, alpha):
    reading = _reading(f"Let g = (3, -4). Solve min_d gᵀd + {term}. Give the minimiser d.")
    assert (reading.parts[0].value("form"), reading.parts[0].value("alpha")) == ("penalty", alpha)


def test_a_threshold_asked_on_a_halved_weight_stays_refused():
    # the weight (λ/2)‖d‖ is read (α = 2/λ), but its threshold 2‖g‖_* is not answered on λ
    _refused_naming("Let g = (3, -4). Consider min_d gᵀd + (λ/2)‖d‖_2 with λ > 0. What is the "
                    "smallest λ for which d = 0 is a minimiser?", "for which")


# -- a duality stated with ASCII dots in the norms ---------------------------------------------

@pytest.mark.parametrize("statement, p", [
    ("The dual norm of ||.||_4 is ||.||_q. What is q?", 4),
    ("For this step the dual norm of ‖.‖_3 is ‖.‖_q. What is q?", 3),
    ("The dual of ||.||_5 is ||.||_q. Give the conjugate exponent q.", 5),
])
def test_the_norm_a_duality_names_as_dual_does_not_set_the_step(statement, p):
    reading = _reading(f"g = [1, -4, 4]. {statement}")
    (part,) = reading.parts
    assert part.value("norm") == {"name": "lp", "p": p}
    (q,) = _by_quantity(_solved(f"g = [1, -4, 4]. {statement}"))["holder-conjugate"]
    assert Fraction(str(q["expr"])) == Fraction(p, p - 1)


# -- ASCII names: the gradient 'grad', the step 'delta' ----------------------------------------

_G4 = [3, -4, 0, 12]   # ‖g‖_2 = 13


@pytest.mark.parametrize("given_", ["grad = [3, -4, 0, 12]", "the gradient grad = (3, -4, 0, 12)"])
def test_a_gradient_named_grad(given_):
    text = (f"Take {given_} and alpha = 0.5. Solve delta* = argmin_delta grad^T delta + "
            "(1/alpha) * ||delta||_2^2 and give the minimiser.")
    reading = _reading(text)
    assert reading.parts[0].value("gradient") == _G4
    (u,) = _by_quantity(_solved(text))["update"]
    assert [Fraction(str(x)) for x in u["value"]] == [Fraction(-x, 4) for x in _G4]


@pytest.mark.parametrize("definition", [
    "||delta||_RMS = sqrt( (1/n) * sum_i delta_i^2 )",
    "||delta||_rms = ||delta||_2 / sqrt(n)",
    "‖delta‖_RMS = sqrt((1/n) Σ_{i=1}^n delta_i^2)",
])
def test_the_rms_length_of_a_step_named_delta(definition):
    # the l2-ball step has Euclidean length η, so its RMS length is η/√n
    text = (f"Steepest descent and the RMS norm. For delta in R^n define {definition}. Take n = 4 "
            "and grad = [3, -4, 0, 12]. For min grad^T delta s.t. ||delta||_2 <= eta with "
            "eta = 0.5, what is ||delta*||_RMS of the solution?")
    reading = _reading(text)
    assert not reading.unused and not reading.parts[0].unused
    (length,) = _by_quantity(_solved(text))["step-length"]
    assert Fraction(str(length["expr"])) == Fraction(1, 4)


@pytest.mark.parametrize("request_", [
    "What is the dual norm of ||.||_RMS evaluated at grad?",
    "Evaluate the dual norm of ‖.‖_RMS at grad.",
])
def test_the_dual_norm_of_a_dotted_norm_at_grad(request_):
    text = (f"Steepest descent in the RMS norm: let n = 4, ||delta||_RMS = ||delta||_2 / sqrt(n) "
            f"and grad = [3, -4, 0, 12]. {request_}")
    (dual,) = _by_quantity(_solved(text))["dual-norm"]
    assert Fraction(str(dual["expr"])) == 2 * 13   # √n ‖g‖_2


def test_a_zero_step_named_delta_is_the_thresholds_condition():
    text = ("grad = [3, -4, 0, 12]. Consider grad^T delta + (1/α) * ||delta||_2. For which values "
            "of α > 0 is delta = 0 the unique minimiser?")
    reading = _reading(text)
    assert reading.parts[0].asked == ["threshold"] and not reading.parts[0].unused
    (thr,) = _by_quantity(_solved(text))["threshold"]
    assert Fraction(str(thr["expr"])) == Fraction(1, 13)


def test_the_rms_length_with_a_definition_of_another_size_is_refused():
    _refused_naming("Steepest descent and the RMS norm. Define ||delta||_rms = ||delta||_2 / "
                    "sqrt(n) with n = 3, and take grad = [3, -4, 0, 12]. For min grad^T delta s.t. "
                    "||delta||_2 <= eta with eta = 0.5, what is ||delta*||_RMS of the solution?",
                    "√3")


# -- the threshold asked on the letter the weight is written in --------------------------------

@pytest.mark.parametrize("objective, question", [
    ("g^T d + (1/a) ||d||_2 over d, where a > 0 plays the role of the learning rate",
     "What is the largest value of a for which d = 0 is still the minimiser?"),
    ("gᵀd + (1/τ)‖d‖_2 over d (τ > 0)", "What is the largest τ for which d = 0 is the minimiser?"),
    ("g^T d + (1/alpha) ||d||_2", "Find the largest α for which d = 0 is a minimiser."),
])
def test_the_threshold_on_the_letter_that_plays_alpha(objective, question):
    text = f"Let g = (3, -4, 12). Minimise {objective}. {question}"
    reading = _reading(text)
    assert reading.parts[0].value("form") == "penalty"
    (thr,) = _by_quantity(_solved(text, witnesses=True))["threshold"]
    assert Fraction(str(thr["expr"])) == Fraction(1, 13)   # 1/‖g‖_2


@pytest.mark.parametrize("objective, question, dual", [
    ("g^T d + lam*||d||_inf, lam > 0", "What is the smallest lam for which d = 0 is a minimiser?",
     3 + 4 + 12),                       # ‖g‖_1, the dual of l_inf
    ("gᵀd + μ‖d‖_1 (μ > 0)", "What is the smallest μ for which d = 0 is a minimiser?", 12),
])
def test_the_threshold_on_a_multiplying_weight_is_the_dual_norm(objective, question, dual):
    # α = 1/λ here: the threshold on λ itself is λ* = ‖g‖_* = 1/α*
    text = f"Let g = (3, -4, 12). Minimise {objective}. {question}"
    (thr,) = _by_quantity(_solved(text, witnesses=True))["threshold"]
    assert Fraction(str(thr["expr"])) == dual


# -- 'what exactly is d*'; an answer-format wish ------------------------------------------------

@pytest.mark.parametrize("request_", [
    "What exactly is d* for this problem?",
    "what precisely is d*? I'd like the number for my g, not just a formula.",
    "What's d* here? I'd like the exact values.",
])
def test_what_exactly_is_the_step(request_):
    text = f"My gradient is g = [3, -4, 12] and lr = 0.1. d* = argmin_d g·d + (1/lr) ||d||_2^2. {request_}"
    (u,) = _by_quantity(_solved(text))["update"]
    assert [Fraction(str(x)) for x in u["value"]] == [Fraction(-x, 20) for x in (3, -4, 12)]
