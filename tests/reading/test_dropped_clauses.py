"""No clause of a request is dropped while the request is answered: a noun coordinated after a
modified ask ("the optimal step η and momentum β") is asked with that modifier; an item left
once a method's name is stripped ("and momentum β") names something asked; a "which <noun>"
item is asked even when the noun is a norm or a method; and the items beside a "Which one"
request are placed or reported, never lost."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.reading.normalize import flatten, normalize
from optiproof.reading.questions import read_questions


def _requests(text: str):
    return read_questions(flatten(normalize(text).text)).requests


def _keys(text: str) -> list[str | None]:
    return [a.quantity for r in _requests(text) for a in r.asks]


def _unplaced(text: str) -> list[str]:
    return [u for r in _requests(text) for u in r.unplaced]


@pytest.mark.parametrize("text", [
    "Determine the best step size α for Polyak momentum and the momentum coefficient β.",
    "Report the optimal learning rate η and momentum μ of the heavy-ball method.",
    "What are the best learning rate for heavy-ball and the momentum parameter?",
    "Compute the optimal α (heavy ball) and momentum.",
])
def test_a_modifier_distributes_over_the_coordinated_noun(text: str) -> None:
    keys = _keys(text)
    assert len(keys) == 2 and "optimal-step" in keys, keys
    assert not _unplaced(text)


@pytest.mark.parametrize("text", [
    "Give the optimal convergence rate of heavy ball and momentum β.",
    "What is the iteration matrix of Nesterov, and Nesterov momentum μ?",
    "Find the contraction factor of heavy ball, and its momentum parameter β.",
])
def test_a_symbol_left_once_a_method_is_stripped_is_asked_or_reported(text: str) -> None:
    asked = [a.phrase for r in _requests(text) for a in r.asks]
    unplaced = _unplaced(text)
    assert any("momentum" in u.lower() for u in unplaced + asked), (asked, unplaced)


@pytest.mark.parametrize("text", [
    "Which weighted norm is minimised, and how large is it at the limit?",
    "Which preconditioned norm does the iterate minimise, and what is the rate?",
    "Which adaptive optimizer is this, and how many steps does it take?",
])
def test_a_which_noun_item_is_never_dropped(text: str) -> None:
    asked = " ".join(a.phrase for r in _requests(text) for a in r.asks).lower()
    unplaced = " ".join(_unplaced(text)).lower()
    assert "which" in asked or "which" in unplaced, (asked, unplaced)


@pytest.mark.parametrize("text", [
    "The limit minimises some weighted norm. Which one, and what is its square at the limit?",
    "GD here turns out to be a known optimizer. Which one, and what step size does it use?",
    "The iterates minimise one of the usual norms - which one, and how large is it at w*?",
])
def test_the_item_beside_which_one_is_placed_or_reported(text: str) -> None:
    request = next(r for r in _requests(text) if "one" in r.sentence.lower())
    assert request.asks
    rest = request.sentence.lower().split("which one", 1)[1]
    covered = [a for a in request.asks if a.start - request.start > request.sentence.lower().index(
        "which one") + 9]
    assert covered or any(u.lower().strip(" ,-").rstrip("?") in rest for u in request.unplaced), \
        (request.asks, request.unplaced)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 6), st.integers(7, 40))
def test_both_tuned_values_are_answered(mu: int, big: int) -> None:
    text = (f"Let f(x, y) = {mu}*x^2 + {big}*y^2 and run the heavy-ball iteration "
            "w_{k+1} = w_k - a*grad f(w_k) + b*(w_k - w_{k-1}).\n\n"
            "(a) Find the optimal heavy-ball step size a and momentum b.\n")
    reading = read_report(text)
    assert reading.complete
    solution = solve_problem(reading.answerable_problem(), SolveOptions(figures=False))
    answers = {a.quantity: float(a.expr) for p in solution.parts for a in p.answers}
    lo, hi = math.sqrt(2 * mu), math.sqrt(2 * big)   # Hessian diag(2μ, 2L)
    assert answers["optimal-step"] == pytest.approx(4 / (lo + hi) ** 2, rel=1e-9)
    assert answers["optimal-momentum"] == pytest.approx(((hi - lo) / (hi + lo)) ** 2, rel=1e-9)


@pytest.mark.parametrize("text", [
    "Find the limit point of the iterates. How big is it?",
    "Compute the minimum-norm solution. And how large is it?",
    "Give the limit θ_∞. So how big is that?",
])
def test_how_big_of_a_vector_is_not_the_vector_again(text: str) -> None:
    follow = _requests(text)[-1]
    assert "how" in follow.sentence.lower()
    assert all(a.quantity and a.phrase != follow.sentence for a in follow.asks) or not follow.asks
    assert not any(a.quantity == "limit" and a.phrase == follow.sentence for a in follow.asks)


@pytest.mark.parametrize("text", [
    "Find the optimal step size. How large is it?",
    "Compute the optimal convergence rate. So how big is that?",
    "Compute the condition number of H. How big is it?",
])
def test_how_big_of_a_number_is_its_value(text: str) -> None:
    first, follow = _requests(text)
    assert [a.quantity for a in follow.asks] == [a.quantity for a in first.asks]


@pytest.mark.parametrize(("text", "word"), [
    ("Compute the limit point, with its Euclidean norm.", "norm"),
    ("State the optimal step size, including the condition number.", "condition number"),
    ("Give the best learning rate α with the optimal momentum.", "momentum"),
])
def test_a_value_asked_after_with_or_including_is_asked_or_reported(text: str, word: str) -> None:
    asked = [a.phrase.lower() for r in _requests(text) for a in r.asks]
    unplaced = [u.lower() for u in _unplaced(text)]
    assert any(word in x for x in asked + unplaced), (asked, unplaced)


@pytest.mark.parametrize("text", [
    "With the standard bias correction, give the first Adam step.",
    "Compute the second Adam update with the bias correction switched off.",
])
def test_a_convention_after_with_stays_a_setting(text: str) -> None:
    assert not _unplaced(text)
