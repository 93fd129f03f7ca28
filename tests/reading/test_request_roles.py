"""Requests that name a quantity by a symbol whose role the text's own formulas give (the step
size of an update rule, the momentum coefficient, the conjugate exponent of 1/p + 1/q = 1, a
convergence factor ρ_…), and the request-layer guards added with them: a leading clause that
takes an earlier part's quantity is context; a request asked "for method A and for method B"
is never answered for one method only; a setup sentence asks nothing of a part."""

from __future__ import annotations

import pytest

from optiproof.reading import ReadingIncomplete, read_report
from optiproof.reading.questions import read_questions
from optiproof.reading.roles import place_by_role, symbol_roles
from reading_helpers import flat_text as _flat


def _placed(setup: str, request: str) -> list[tuple[str | None, str]]:
    """(quantity, phrase) of each ask of ``request`` read with the roles of ``setup``."""
    roles = symbol_roles(_flat(setup + " " + request))
    q = place_by_role(read_questions(_flat(request)), roles)
    return [(a.quantity, a.phrase) for r in q.requests for a in r.asks]


@pytest.mark.parametrize("setup, sym, role", [
    ("Heavy ball: x_{k+1} = x_k - a*grad f(x_k) + b*(x_k - x_{k-1}).", "a", "step size"),
    ("Heavy ball: x_{k+1} = x_k - a*grad f(x_k) + b*(x_k - x_{k-1}).", "b", "momentum"),
    ("my code does w <- w - h * grad(w) every step", "h", "step size"),
    ("The EMA form v_{t+1} = c v_t + (1-c) g_t, θ_{t+1} = θ_t − s v_{t+1}.", "c", "momentum"),
    ("The EMA form v_{t+1} = c v_t + (1-c) g_t, θ_{t+1} = θ_t − s v_{t+1}.", "s", "step size"),
    ("buf = mom * buf + grad; w -= lr * buf", "lr", "step size"),
    ("Preconditioned GD θ_{t+1} = θ_t − γ P ∇f(θ_t) with a fixed matrix.", "P", "preconditioner"),
    ("Let q be such that 1/p + 1/q = 1.", "q", "conjugate exponent"),
])
def test_roles_from_the_texts_formulas(setup, sym, role):
    assert symbol_roles(_flat(setup)).get(sym) == role


@pytest.mark.parametrize("setup, ask, expected", [
    # the step size and momentum of a written update rule, an adjective shared by both
    ("Heavy ball: x_{k+1} = x_k - a*grad f(x_k) + b*(x_k - x_{k-1}).",
     "What are the optimal a and b for this H?", {"a": "optimal-step", "b": "optimal-momentum"}),
    (r"Polyak: $w_{t+1} = w_t - s\nabla L(w_t) + m(w_t - w_{t-1})$.",
     "Find the best s and m.", {"s": "optimal-step", "m": "optimal-momentum"}),
    ("ok so my update is w <- w - h * grad(w)", "whats the optimal h here??", {"h": "optimal-step"}),
    # a convergence factor ρ with any index, named with its head noun
    ("", "Give the optimal pair (α, β) and the factor ρHB.", {"the factor ρHB.": "rate"}),
    ("", "what's the best α, and the factor rho_HB?", {"the factor ρ_HB?": "rate"}),
    ("", "Give the optimal step size and then the factor rho_GD.", {"then the factor ρ_GD.": "rate"}),
    # the conjugate exponent of 1/p + 1/q = 1
    ("The norm is the l_p norm with p = 3.", "Find the q with 1/p + 1/q = 1.",
     {"q": "holder-conjugate"}),
    # the preconditioner of a written preconditioned update, asked by its symbol
    ("Preconditioned GD θ_{t+1} = θ_t − γ P ∇f(θ_t).", "Which P?", {"P": "preconditioner"}),
])
def test_a_symbol_is_placed_by_its_role(setup, ask, expected):
    got = dict((phrase.strip(" ,"), q) for q, phrase in _placed(setup, ask))
    for phrase, quantity in expected.items():
        assert got.get(phrase.strip(" ,")) == quantity, got


@pytest.mark.parametrize("setup, ask, sym", [
    # a role that names no catalogue quantity in this request stays unplaced (refused)
    ("EMA form v_{t+1} = β v_t + (1-β) g_t, θ_{t+1} = θ_t − γ v_{t+1}.",
     "Keeping β from (b), which γ gives the same iterates?", "γ"),
    # no role: a symbol the formulas do not give stays unplaced
    ("Heavy ball: x_{k+1} = x_k - a*grad f(x_k) + b*(x_k - x_{k-1}).", "What is c?", "c"),
])
def test_a_symbol_without_a_placing_role_stays_unplaced(setup, ask, sym):
    assert (None, sym) in _placed(setup, ask)


def test_a_stated_factor_is_not_asked():
    asks = _placed("", "(d) With η = η⋆, and assuming the error shrinks by exactly ρ_GD every "
                       "iteration, how many iterations are needed?")
    assert [q for q, _ in asks] == ["iterations"], asks


@pytest.mark.parametrize("text", [
    "With the step and rate of (b), how many iterations k are needed to reach 10^-4?",
    "Using the optimal step of part 2, how many iterations are needed to reach 1e-4?",
    "(c) Taking the step size and the rate from (b), how many iterations until the error is 1e-6?",
])
def test_a_leading_reference_clause_is_context(text):
    requests = read_questions(_flat(text)).requests
    assert [a.quantity for r in requests for a in r.asks] == ["iterations"]
    assert not [u for r in requests for u in r.unplaced]


def test_two_different_earlier_parts_leave_the_reference_unplaced():
    text = ("Same question as (c) for the rate of (d). With the step and rate of (b), how many "
            "iterations k are needed to reach 10^-4?")
    assert any("rate of (b)" in u for r in read_questions(_flat(text)).requests
               for u in r.unplaced)


_QD = ("f(θ) = ½ θᵀHθ − bᵀθ with H = diag(10, 1, 0.1).\n\n"
       "(a) Give the optimal heavy-ball parameters (α, β) and the rate.\n\n")


@pytest.mark.parametrize("last, methods", [
    ("(b) Smallest integer t such that ρ^t ≤ 10^-4, for GD and for the heavy-ball method.",
     {"gd", "heavy-ball"}),
    ("(b) How many iterations until ρ^t ≤ 1e-4, for plain gradient descent and for heavy ball?",
     {"gd", "heavy-ball"}),
    ("(b) find the number of iterations with rate^t <= 10^-4 for GD and for Nesterov.",
     {"gd", "nesterov"}),
])
def test_a_request_of_two_methods_is_answered_for_each_not_for_one(last, methods):
    reading = read_report(_QD + last)
    subs = [p for p in reading.parts if p.label.startswith("b")]
    assert reading.complete, reading.unread()
    assert len(subs) == 2 and {p.fields["method"].value for p in subs} == methods


@pytest.mark.parametrize("last", [
    "(b) Smallest integer t such that ρ^t ≤ 10^-4, for GD and for Adam.",
    "(b) How many iterations until ρ^t ≤ 1e-4, for heavy ball and for signSGD?",
])
def test_a_request_of_a_method_the_part_does_not_read_is_not_answered_for_one(last):
    reading = read_report(_QD + last)
    with pytest.raises(ReadingIncomplete):
        reading.to_problem()
    assert any("for " in line and "could not place" in line for line in reading.unread())


def test_a_setup_sentence_asks_nothing_of_a_part():
    text = ("Let f(θ) = ½ θᵀHθ − bᵀθ with H = diag(10, 1). Denote by μ, L the extreme "
            "eigenvalues of H.\n\n(a) Compute κ = L/μ.\n\n(b) Smallest integer t such that "
            "ρ^t ≤ 10^-4 for GD at its optimal step.")
    reading = read_report(text)
    assert "eigenvalues" not in reading.parts[-1].asked


@pytest.mark.parametrize("text, asked", [
    ("Quick question about heavy ball on f(w) = 1/2 w^T H w with H = diag(1, 4).\n\n"
     "My update is w_{k+1} = w_k - a * grad f(w_k) + b * (w_k - w_{k-1}).\n\n"
     "What are the optimal a and b, and what rate do they give?",
     {"main": {"optimal-step", "optimal-momentum", "optimal-rate"}}),
    (r"Let $f(\theta) = \tfrac12 \theta^\top H \theta$ with $H = \mathrm{diag}(1, 4)$. Polyak's "
     r"method reads $\theta_{t+1} = \theta_t - s\,\nabla f(\theta_t) + m(\theta_t - \theta_{t-1})$."
     "\n\\begin{enumerate}\n\\item[(a)] Find the best $s$ and $m$.\n"
     r"\item[(b)] Give the resulting convergence factor $\rho_{\mathrm{HB}}$." "\n\\end{enumerate}",
     {"a": {"optimal-step", "optimal-momentum"}, "b": {"optimal-rate"}}),
    ("Let f(θ) = ½ θᵀHθ with H = diag(1, 10).\n(a) Give the step size that minimises the "
     "contraction factor of gradient descent θ_{k+1} = θ_k − η∇f(θ_k), and that factor ρ.\n"
     "(b) Using the step and the factor of (a), how many iterations are needed to reduce the "
     "error by 10^-3?", {"a": {"optimal-step", "optimal-rate"}, "b": {"iterations"}}),
])
def test_whole_texts_read_by_role(text, asked):
    reading = read_report(text)
    reading.to_problem()   # read completely
    for part in reading.parts:
        assert asked[part.label] <= set(part.asked), (part.label, part.asked)
