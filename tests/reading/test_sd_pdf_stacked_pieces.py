"""Steepest-descent texts copied from a typeset PDF whose stacked pieces fell onto lines of their
own: a weight λ/2 printed 'λ' above '2', the index of the norm chosen ('‖·‖ = ‖·‖' then '2'),
the square of a penalty on the next line, the dimension of R^n, the star of u* printed '?' on
its own line, ℓ printed as a backtick; a norm of the step that is a term of a written objective
or a bound is not an asked length; a matrix step U measured in a norm the part names; a
decrease written as the negative of the linear term is not answered as gᵀu."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report
from optiproof.reading.normalize import normalize

from test_reading_steepest_descent import _complete


def _one(text: str) -> dict:
    (part,) = _complete(text).parts
    return {k: part.value(k) for k in ("norm", "form", "alpha", "eta", "asks")}


@pytest.mark.parametrize("text, alpha", [
    # 'λ' above '2': the stacked weight λ/2, so α = 2/λ
    ("For a norm k · k define\nd\n? = arg min\nd\ng\n>d +\nλ\n2\nkdk\n2\n2\n.\nLet g = (1, -2, 2)\n>\n"
     "and λ = 4. Find d\n?\n.", "1/2"),
    ("Let g = (4, 0)\n>\n, η = 3. Solve min\nd\ng\n>d +\nη\n2\nkdk\n2\n2\nand give d.", "2/3"),
])
def test_a_stacked_weight_letter_over_number(text, alpha):
    got = _one(text)
    assert (got["norm"], got["form"], str(got["alpha"])) == ("l2", "penalty-squared", alpha)


@pytest.mark.parametrize("raw, expected", [
    # the index of the norm chosen, dropped below the bars
    ("(a) Take the norm k · k = k · k\n∞\n. Compute u.", "‖·‖ = ‖·‖_∞"),
    ("(b) Use k · k = k · k\n2\n, then compute u.", "‖·‖ = ‖·‖_2"),
    ("Hint: the dual of k · k\n1 is k · k\n∞\n.", "the dual of ‖·‖_1 is ‖·‖_∞"),
    # the square of the penalty norm of an open norm, on the next line
    ("For a norm k · k let v = arg min\nv\ng\n>v +\n1\nα\nkvk\n2\n.", "‖v‖^2"),
    # a space's dimension; the star of the optimum below its letter
    ("For a norm k · k and every u ∈ R\n5\n.", "u ∈ R^5"),
    ("For a norm k · k on R\n3 we look at steps.", "on R^3 we"),
    ("Give u\n?\nand its value for k · k.", "Give u^*"),
    # ℓ printed as a backtick
    ("Repeat with the `1 norm in place of the `∞ norm; k · k.", "the l_1 norm in place of the l_∞ norm"),
    # the norm of an optimum whose star and subscript sit on lines of their own
    ("Compare ku\n∗\n∞\nk with k · k.", "‖u^*_∞‖"),
])
def test_pdf_pieces_are_put_back(raw, expected):
    assert expected in normalize(raw).text


def test_a_lone_two_after_the_open_norm_of_a_choice_is_not_a_square():
    text = normalize("(a) For the norm k · k = k · k\n2\n, compute u.").text
    assert "‖·‖^2" not in text


@pytest.mark.parametrize("text", [
    "Let g = (3, 0, -4) and λ = 2.\n(a) For the Euclidean norm, compute u* and the minimum value "
    "of the objective g^T u + (λ/2)‖u‖_2^2.",
    "g = (3, 0, -4), lambda = 2. Using the l2 norm, find u* = argmin g^T u + (1/lambda) ‖u‖_2^2 "
    "and the optimal value of g^T u + (1/lambda)‖u‖_2^2.",
    "Let g = (3, 0, -4). Solve min_u g^T u subject to ‖u‖_∞ ≤ 0.5. Give u^* and the minimal "
    "value of g^T u.",
])
def test_a_norm_in_a_written_objective_or_bound_is_no_asked_length(text):
    asks = _one(text)["asks"]
    assert not any(isinstance(a, dict) and a.get("kind") == "step-length" for a in asks)


@pytest.mark.parametrize("text", [
    "Let g = (3, 0, -4). Solve min_u g^T u s.t. ‖u‖_2 ≤ 1. Give u* and ‖u*‖_2.",
    "g = (3, 0, -4), alpha = 1. With u = argmin g^T u + (1/alpha)||u||_inf^2, what is ‖u‖_1 ?",
])
def test_an_asked_norm_of_the_step_stays_asked(text):
    asks = _one(text)["asks"]
    assert any(isinstance(a, dict) and a.get("kind") == "step-length" for a in asks)


def test_the_constraint_on_u_sets_the_norm():
    got = _one("Let g = (1, -3). Solve the trust-region step min_u g^T u subject to ‖u‖_1 ≤ η "
               "with η = 0.2. Give u and the minimal value.")
    assert (got["norm"], got["form"], got["eta"]) == ("l1", "constraint", 0.2)


def test_a_matrix_step_u_measured_in_the_norm_named():
    text = ("Let G = [[3, 0], [0, 1]] and U^* = argmin_U ⟨G, U⟩ + (1/2)‖U‖^2.\n"
            "(a) Take the spectral norm. Compute U^*.\n"
            "(b) Give ‖U^*‖_F for the step in (a).")
    b = _complete(text).parts[1]
    assert {"kind": "step-length", "measure": "frobenius"} in b.value("asks")


@pytest.mark.parametrize("request_", [
    "Give the minimiser and the predicted decrease −min_u g^T u.",
    "What is the decrease -g^T u* of the linear model?",
])
def test_a_decrease_written_as_minus_the_linear_term_is_not_g_transpose_u(request_):
    reading = read_report("Let g = (3, 4). Consider min_u g^T u subject to ‖u‖_2 ≤ 1.\n"
                          f"(a) {request_}")
    assert "linear-change" not in reading.parts[0].asked


@pytest.mark.parametrize("text, measure", [
    ("Let G = [[1, 2], [2, 1]] and η = 0.5; U^* = argmin_U ⟨G, U⟩ s.t. ‖U‖ ≤ η with the spectral "
     "norm. What is the Frobenius norm of the spectral-norm step U^*?", "frobenius"),
    ("g = (2, -1, 1), alpha = 1, u = argmin g^T u + (1/alpha)||u||_inf^2 (the l-inf step). "
     "Compute the Euclidean length of the ℓ∞ step.", "l2"),
])
def test_a_length_of_a_step_named_by_its_norm(text, measure):
    got = _one(text)
    assert {"kind": "step-length", "measure": measure} in got["asks"]


@pytest.mark.parametrize("text, norm", [
    ("Steepest descent in ℓp norms with p = 3: g = (1, -2, 2), u = argmin g^T u s.t. ‖u‖_p ≤ 1. "
     "Give u.", {"name": "lp", "p": 3}),
    ("Let g = (1, -2, 2). Use the ℓ∞ norm: u = argmin g^T u s.t. ‖u‖ ≤ 1. Give u.", "linf"),
])
def test_norm_words_written_with_a_script_ell(text, norm):
    assert _one(text)["norm"] == norm


@pytest.mark.parametrize("text", [
    "Let g = (2, -1, 2) and u* = argmin_u g^T u + (lambda/2)||u||^2 with lambda = 4.\n"
    "(a) Take the l2 norm. Find u*, the value g^T u* + (λ/2)‖u*‖_2^2, and name the resulting "
    "update rule.",
    "g = (2, -1, 2), η = 0.25. Let d* = argmin_d g^T d + 1/(2η) ‖d‖_2^2.\n(a) Compute d*, "
    "the value g^T d* + (1/(2η))‖d*‖_2^2, and name the resulting update rule.",
])
def test_the_objective_written_in_its_own_weight_letter_is_the_minimum_value(text):
    assert "min-value" in _one(text)["asks"]


def test_the_objective_with_another_weight_is_not_the_minimum_value():
    reading = read_report("Let g = (2, -1, 2) and u* = argmin_u g^T u + (lambda/2)||u||^2 with "
                          "lambda = 4.\n(a) Take the l2 norm. Find u*, the value "
                          "g^T u* + λ‖u*‖_2^2, and name the resulting update rule.")
    assert "min-value" not in reading.parts[0].asked
