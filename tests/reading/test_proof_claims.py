"""A "show that" request is answered by deriving what it claims, and the claim is confirmed or
refuted by the derived answer: a true claim is said to hold, a false one keeps the part from the
verified stamp and says why (a misread would look the same, so it is never shown as verified).
The claim clause ("Show that d = 0 is a minimizer if and only if …") is not a request of its
own when the same request asks the quantity it is about ("… and find α_0")."""

from __future__ import annotations

from fractions import Fraction

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

QD = ("Gradient descent on f(θ) = ½ θᵀHθ with H = diag({a}, {b}).\n\n"
      "(a) Show that η = {claim} is the optimal fixed step size for this problem, and give the "
      "optimal convergence rate.\n")


def _solved(text: str):
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    reading.attach(solution)
    return solution.parts[0]


@pytest.mark.parametrize("a, b", [(1, 4), (2, 8), (1, 19)])
def test_a_true_optimal_step_claim_holds_and_a_false_one_is_refuted(a, b):
    optimum = Fraction(2, a + b)   # the step that equalises |1 − ηa| and |1 − ηb|
    right = _solved(QD.format(a=a, b=b, claim=f"{float(optimum):g}" if optimum.denominator in
                              (1, 2, 4, 5, 8, 10) else f"{optimum}"))
    assert right.verified and "holds" in right.interpretation
    wrong = _solved(QD.format(a=a, b=b, claim=f"{float(optimum) * 0.75:g}"))
    assert not wrong.verified
    assert any("does not hold" in u and "optimal step size" in u for u in wrong.unread)


def test_an_iff_claim_with_its_threshold_asked_is_read():
    text = ("Let g = (1, -2, 2, -4).\n(c) Consider min_d gᵀd + (1/α)‖d‖_∞ (non-squared penalty). "
            "Show that d=0 is a minimizer if and only if α is at most some threshold α_0, and "
            "find α_0.")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    part = reading.parts[0]
    assert part.asked == ["threshold"]
    assert any("claim to show" in n for n in part.notes)


def test_a_claim_alone_without_an_ask_is_still_refused_naming_it():
    text = ("Let g = (1, -2, 2, -4).\n(a) For the squared ℓ2 penalty with α = 1, show that the "
            "minimizer is unique.\n(b) Show that the iterates stay bounded.")
    reading = read_report(text)
    assert not reading.complete
    assert any("iterates stay bounded" in line for line in reading.unread())


@pytest.mark.parametrize("claim", ["the number of messages is 12",
                                   "the number of messages is 2"])
def test_a_number_claimed_for_a_formula_answer_is_neither_confirmed_nor_stamped(claim):
    # The derived count is a formula in n: a number claimed for it can be neither confirmed nor
    # refuted, so the part says so and is not shown as verified.
    text = (f"n workers average a gradient of p numbers with ring all-reduce.\n"
            f"(a) Show that {claim} and give the size of each message.\n")
    part = _solved(text)
    assert not part.verified
    assert any("could not be compared" in u and claim in u for u in part.unread)
