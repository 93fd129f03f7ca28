"""General statements refuted by their content: a cost said to be one for every scheme (the
verified volumes or message counts differ), a minimiser said to be unique for every gradient
under a squared ℓ∞ penalty (solved again at g = (1, 0), the step is a whole set), and gradient descent
said to converge at a step at or beyond its largest stable step (the factor 1 − αλ is −1 or
below there). Also: a clause that replaces one symbol by another states no value, and a
rescale-then-SGD procedure said to be exactly AdaGrad is an over-reach. One scheme said to make
each worker send fewer values than another, refuted by the per-worker formulas."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

DT = "src/optiproof/problems/texts/distributed-training.txt"
PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"
QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"
OC = "src/optiproof/problems/texts/optimizer-convergence.txt"

TABLE = ("all-to-all: n(n-1) messages of size p\n"
         "parameter server: 2n messages of size p\n"
         "ring all-reduce: 2n(n-1) messages of size p/n\n")


@pytest.mark.parametrize("sentence", [
    "Note: the total data moved per step is the same for all three schemes, only the routing "
    "differs.",
    "The overall traffic does not depend on the scheme.",
    "Every scheme sends the same number of bytes in the end.",
    "All three collectives move the same amount of data.",
    "The number of messages is identical across the schemes.",
])
def test_a_cost_said_to_be_one_for_every_scheme_is_false(solved, sentence):
    part = graded_part(solved, DT, f"{TABLE}\n{sentence}\n", "main")
    assert "false-claim" in finding_kinds(part), part.findings


@pytest.mark.parametrize("sentence", [
    "The total volume is not the same for all three schemes.",
    "One might think every scheme sends the same amount of data, but it does not.",
    "The size of each message is the same for all schemes.",
    "Only the routing differs; the total data might be the same for some schemes.",
])
def test_a_denied_hedged_or_per_message_sameness_is_no_false_claim(solved, sentence):
    part = graded_part(solved, DT, f"{TABLE}\n{sentence}\n", "main")
    assert "false-claim" not in finding_kinds(part), part.findings


LINF = "(b) D = ||d||_inf^2\n    u = -(a/2)*||g||_1*sign(g)\n    => sign descent.\n"


@pytest.mark.parametrize("sentence", [
    "the minimiser is unique for every g (strictly convex objective).",
    "Since the objective is strictly convex, this solution is unique.",
    "There is a unique minimiser for any gradient g.",
    "This u is always unique.",
])
def test_a_squared_max_norm_minimiser_said_unique_for_every_gradient_is_false(solved, sentence):
    part = graded_part(solved, PLI, f"{LINF}    {sentence}\n", "b")
    kinds = finding_kinds(part)
    assert "false-claim" in kinds, part.findings
    why = next(f.message for f in part.findings if f.kind == "false-claim")
    assert "[1, 0]" in why and "whole set" in why, why


@pytest.mark.parametrize("sentence", [
    "The minimiser is unique when g has distinct nonzero entries.",
    "The minimiser is not unique when g has a zero entry.",
])
def test_a_conditioned_or_denied_uniqueness_is_no_false_claim(solved, sentence):
    part = graded_part(solved, PLI, f"{LINF}    {sentence}\n", "b")
    assert "false-claim" not in finding_kinds(part), part.findings


def test_uniqueness_of_the_squared_euclidean_step_is_true(solved):
    text = "(a) D = ||d||_2^2\n    u = -(a/2) g, unique (strictly convex objective).\n"
    part = graded_part(solved, PLI, text, "a")
    assert "false-claim" not in finding_kinds(part), part.findings


A = "## (a)\nConvergence requires $0 < \\alpha < 2/L = 0.2$.\n"


@pytest.mark.parametrize("sentence", [
    "The boundary value is also fine: at $\\alpha=0.2$ gradient descent still converges, "
    "because $|1-\\alpha\\lambda|\\le 1$.",
    "Gradient descent is stable even with $\\alpha = 2/L$.",
    "For alpha = 1/4 GD still converges.",
])
def test_gradient_descent_said_to_converge_at_or_beyond_its_largest_step_is_false(solved,
                                                                                  sentence):
    part = graded_part(solved, QD, f"{A}{sentence}\n", "a")
    assert "false-claim" in finding_kinds(part), part.findings
    why = next(f.message for f in part.findings if f.kind == "false-claim")
    assert "1/5" in why, why


@pytest.mark.parametrize("sentence", [
    "At $\\alpha = 0.2$ gradient descent does not converge: the factor is $-1$.",
    "With $\\alpha = 0.1$ gradient descent converges.",
    "Check: at $\\alpha = 0.19$ it converges.",
])
def test_a_step_below_the_limit_or_a_denial_is_no_false_claim(solved, sentence):
    part = graded_part(solved, QD, f"{A}{sentence}\n", "a")
    assert "false-claim" not in finding_kinds(part), part.findings


def test_a_clause_replacing_one_symbol_by_another_states_no_momentum(solved):
    text = ("## (d)\n$$\\beta^* = \\left(\\frac{\\sqrt{10}-1}{\\sqrt{10}+1}\\right)^2 "
            "\\approx 0.270$$, $\\alpha^* \\approx 0.2309$, rate $\\approx 0.519$.\n\n"
            "The gain from momentum comes from replacing $\\kappa$ by $\\sqrt\\kappa$ in the "
            "rate.\n")
    part = graded_part(solved, QD, text, "d")
    assert "inconsistency" not in finding_kinds(part), part.findings


@pytest.mark.parametrize("name", ["rescale-then-SGD", "standardise-then-SGD"])
def test_a_rescale_then_sgd_procedure_said_to_be_adagrad_is_an_over_reach(solved, name):
    text = ("## (c)\nDividing by $|x_j|$ gives $z = (1,1,1)$, SGD gives $z/3$, mapped back "
            "$\\theta = (1/3, 10/3, 100/3)$.\n\n"
            f"This {name} procedure is exactly AdaGrad run on the original features.\n")
    part = graded_part(solved, OC, text, "c")
    assert "over-reach" in finding_kinds(part), part.findings


@pytest.mark.parametrize("sentence", [
    "Ring all-reduce always sends fewer bytes per worker than the parameter server, for any n.",
    "With a parameter server each worker always sends more data per worker than in ring "
    "all-reduce.",
])
def test_a_per_worker_comparison_the_formulas_refute_is_false(solved, sentence):
    part = graded_part(solved, DT, f"{TABLE}\n{sentence}\n", "main")
    assert "false-claim" in finding_kinds(part), part.findings


@pytest.mark.parametrize("sentence", [
    "All-to-all sends more values per worker than ring all-reduce.",
    "For n > 2 the parameter server sends fewer bytes per worker than ring all-reduce.",
    "Ring all-reduce does not always send fewer bytes per worker than the parameter server.",
])
def test_a_per_worker_comparison_that_holds_or_is_denied_is_no_false_claim(solved, sentence):
    part = graded_part(solved, DT, f"{TABLE}\n{sentence}\n", "main")
    assert "false-claim" not in finding_kinds(part), part.findings
