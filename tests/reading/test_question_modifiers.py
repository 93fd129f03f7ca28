"""A request that asks something *of* a quantity ("the norm of the limit", "the sum of the
entries of the step") asks a different question than the quantity: it is placed by a quantity
that covers it or refused naming it, never answered as the bare quantity."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

LSQ = "Least squares with X = [[1, 2]], y = [3]; gradient descent from θ_0 = 0. "


@pytest.mark.parametrize("question, phrase", [
    ("What is the squared length of the limit point?", "squared length of the limit point"),
    ("Give the largest entry of the limit.", "largest entry of the limit"),
    ("What is the number of nonzeros of the limit point?", "number of nonzeros of the limit")])
def test_a_quantity_of_the_limit_is_not_the_limit(question, phrase):
    reading = read_report(LSQ + question)
    assert not reading.complete
    assert any(phrase in m.reason for p in reading.parts for m in p.missing), \
        [m.reason for p in reading.parts for m in p.missing]


@pytest.mark.parametrize("question", ["How big is the norm of the limit?",
                                      "and how large is the norm of the limit point?"])
def test_the_norm_of_the_limit_is_a_norm_of_it_not_the_limit(question):
    """Read as the derived norm of the part's own limit (the limit is asked for it), never as
    the limit itself."""
    reading = read_report(LSQ + question)
    assert reading.complete
    (entry,) = reading.parts[0].value("derived")
    assert entry["kind"] == "norm-of" and entry["of"] == {"quantity": "limit"}


@pytest.mark.parametrize("question", ["Where does it converge?", "Find the limit point.",
                                      "What are the coordinates of the limit?"])
def test_the_limit_itself_is_still_read(question):
    assert read_report(LSQ + question).complete


def test_an_optimal_value_beside_a_dual_norm_definition_is_not_solved_over_its_unit_ball():
    """The value of "the objective in (a)" is part (a)'s problem's, never the unit ball's."""
    reading = read_report("Let g = (3, 4) and α > 0.\n(a) Solve min_d g^T d + (1/α)‖d‖_2^2.\n"
                          "(b) Compute ‖g‖_* = sup_{‖d‖_2 ≤ 1} g^T d and the optimal value of "
                          "the objective in (a).")
    part = next(p for p in reading.parts if p.label == "b")
    assert part.value("form") == "penalty-squared" and part.value("eta") is None
    unnamed = read_report("Let g = (3, 4) and α > 0.\n(a) Solve min_d g^T d + (1/α)‖d‖_2^2.\n"
                          "(b) Compute ‖g‖_* = sup_{‖d‖_2 ≤ 1} g^T d and the optimal value.")
    part = next(p for p in unnamed.parts if p.label == "b")
    assert any("defines the dual norm" in m.reason for m in part.missing), \
        [m.reason for m in part.missing]


@pytest.mark.parametrize("text, family", [
    ("Adam with α = 0.01, β₁ = 0.9, β₂ = 0.999, ε = 0, m₀ = v₀ = 0, θ₀ = (1, -2), gradient "
     "g = (0.2, -0.1), weight decay λ = 0.1. In which coordinate do Adam + L2 and AdamW move the "
     "weight in opposite directions?", "adam-mechanics"),
    ("Adam with α = 0.01, β₁ = 0.9, β₂ = 0.999, ε = 0 and m₀ = v₀ = 0; g₁ = (2, -1). What is the "
     "ratio of the first step to α?", "adam-mechanics"),
    ("GD on L(x, y) = 2x^2 + y^2/2 (no noise). By what factor does the error shrink per step at "
     "lr = 0.1, and what is the largest stable lr?", "quadratic-dynamics"),
    ("Let f(θ) = ½ θᵀHθ − bᵀθ with H = diag(1, 4), b = (1, 1). Compute the minimiser θ*.",
     "quadratic-dynamics")])
def test_a_generic_word_does_not_send_a_part_to_another_family(text, family):
    assert {p.family for p in read_report(text).parts} == {family}


def test_a_part_about_the_limit_an_earlier_part_named_takes_its_start():
    text = ("Least squares with X = [[1, 1, 0], [0, 1, 1]] and y = (2, 3); gradient descent with a "
            "small step.\n(a) Starting from w₀ = (0, 1, 0), where does it converge? Call the "
            "point w_∞.\n(b) Is w_∞ the minimum-norm solution?\n(c) Compute ‖w_∞‖₂.")
    reading = read_report(text)
    starts = {p.label: p.value("theta0") for p in reading.parts}
    assert starts == {"a": [0, 1, 0], "b": [0, 1, 0], "c": [0, 1, 0]}, \
        [m.reason for p in reading.parts for m in p.missing]


def test_a_limit_written_in_two_earlier_parts_with_different_starts_is_not_guessed():
    text = ("Least squares with X = [[1, 1, 0], [0, 1, 1]] and y = (2, 3); gradient descent with a "
            "small step.\n(a) From w₀ = 0, find w_∞.\n(b) From w₀ = (1, 0, 0), find w_∞.\n"
            "(c) Compute ‖w_∞‖₂.")
    part = next(p for p in read_report(text).parts if p.label == "c")
    assert any(m.name == "theta0" for m in part.missing)


@pytest.mark.parametrize("text", [
    "Compute θ∞ = limk→∞ θk .", "Determine lim_{t→∞} θ_t.", "Find lim t→∞ w_t."])
def test_a_flattened_limit_of_the_iterates_asks_the_limit(text):
    reading = read_report(LSQ + text)
    assert [p.value("asks") or p.asked for p in reading.parts][0]
    assert reading.complete, [m.reason for p in reading.parts for m in p.missing]


def test_a_parenthesised_hint_is_not_a_request():
    reading = read_report(LSQ + "Where does it converge? (Hint: which subspace do the iterates "
                                "stay in?)")
    assert reading.complete, [m.reason for p in reading.parts for m in p.missing]


@pytest.mark.parametrize("question, asked", [
    ("What is κ = L/μ?", "condition-number"), ("Compute κ.", "condition-number")])
def test_a_symbol_defined_as_a_ratio_of_symbols_in_the_question_is_asked(question, asked):
    reading = read_report("Gradient descent on f(x) = ½ xᵀHx with H = diag(1, 10). " + question)
    assert reading.parts[0].value("asks") == [asked], \
        [m.reason for p in reading.parts for m in p.missing]


def test_a_symbol_set_to_a_number_in_the_question_is_not_asked():
    reading = read_report("Gradient descent on f(x) = ½ xᵀHx with H = diag(1, 10). "
                          "What is the rate with α = 0.1?")
    assert reading.parts[0].value("asks") == ["rate"]


def test_an_amount_asked_beside_a_quantity_must_be_placed():
    """"and how much the X ..." names something asked: unplaced unless an ask covers it; an
    elliptic "and how many does the ring need?" continues the ask before it."""
    from optiproof.reading.questions import read_questions

    request = read_questions("Find the update u, and how much the widget counter drifts?").requests[0]
    assert any("how much" in item for item in request.unplaced)
    elliptic = read_questions("How many rounds does the tree need, and how many does the ring "
                              "need?").requests[0]
    assert not elliptic.unplaced
