"""Relational requests about answers, in any family: whether two answers are equal ('Is
w_∞ = w^†?', 'is the answer to 3 equal to θ_raw?', 'Is θ_∞ equal to it?'), with operands
named by a part reference (with or without parentheses), a symbol the text defines (by
'= lim', '= X^+ y', '= argmin') or marks as the minimum-norm solution (θ^†, θ_mn), or 'it'
(the answer asked before). Each is solved exactly and verified; the expected values are
computed here independently (numpy). An operand that does not resolve is refused, naming it;
a formula evaluated at answers (not computed) is refused, never answered as the operands."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.reading import read_report
from test_derived_reading import _refused, _solve

# a = (1, 2, 2), b = 9: GD from θ_0 converges to θ_0 + a (b - a.θ_0)/|a|^2; from 0 it is the
# minimum-norm solution a b / |a|^2.
A = np.array([1.0, 2.0, 2.0])
T0 = np.array([1.0, 0.0, -1.0])
LIMIT = T0 + A * (9 - A @ T0) / (A @ A)
MIN_NORM = A * 9 / (A @ A)
SAME = bool(np.allclose(LIMIT, MIN_NORM))
assert not SAME


START = ("We minimise L(θ) = ½(aᵀθ − b)² with a = (1, 2, 2) and b = 9, starting from "
         "θ_0 = (1, 0, -1).\n\n(a) Plain gradient descent with a small step: find "
         "θ_∞ = lim θ_k.\n\n")
START_LATEX = (r"We minimise $L(\theta) = \tfrac12 (a^\top\theta - b)^2$ with $a = (1, 2, 2)$, "
               r"$b = 9$ and $\theta_0 = (1, 0, -1)$." "\n\n"
               r"(a) Gradient descent with a small step: find $\theta_\infty = "
               r"\lim_{k\to\infty} \theta_k$." "\n\n")
START_ASCII = ("Loss: L(w) = 0.5 * (a^T w - b)^2 with a = [1, 2, 2], b = 9. "
               "Start: w_0 = [1, 0, -1].\n\n1. Gradient descent, small lr. Where does it "
               "converge? Call the limit w_gd.\n\n")
ORIGIN = ("We minimise L(θ) = ½(aᵀθ − b)² with a = (1, 2, 2) and b = 9, starting from "
          "θ_0 = 0.\n\n(a) Plain gradient descent with a small step: find θ_∞ = lim θ_k.\n\n")


@pytest.mark.parametrize("text,label,same", [
    # a symbol defined by '= X^+ y' (this part's answer) against one defined by '= lim'
    (START + "(b) Find the minimum-norm solution θ† = X^+ y. Is θ_∞ = θ†?", "b", False),
    (START_LATEX + r"(b) Find the minimum-$\ell_2$-norm solution $\theta^\dagger = X^+ y$. "
                   r"Is $\theta_\infty = \theta^\dagger$?", "b", False),
    # 'it': the answer the part asked just before
    (START + "(b) Find the minimum-norm solution. Is θ_∞ equal to it?", "b", False),
    # a part named without parentheses, and a symbol named by 'call the limit w_gd'
    (START_ASCII + "2. Find the minimum norm solution.\n\n3. is the answer to 1 equal to "
                   "the answer to 2 ?", "3", False),
    (START_ASCII + "2. Find the minimum norm solution w_mn.\n\n3. Is w_gd identical to "
                   "w_mn?", "3", False),
    # from the origin the limit is the minimum-norm solution: yes
    (ORIGIN + "(b) Find the minimum-norm solution θ† = X^+ y. Is θ_∞ = θ†?", "b", True),
    (ORIGIN + "(b) Find the minimum-norm solution. Is it the same point as θ_∞?", "b", True),
])
def test_is_one_answer_equal_to_another(text, label, same):
    got = _solve(text)
    assert got[label]["same-as"] == [same], got[label]
    assert np.allclose(got[label].get("min-norm-solution", [MIN_NORM])[0], MIN_NORM)


@pytest.mark.parametrize("text,named", [
    (START + "(b) Find the minimum-norm solution θ† = X^+ y. Is θ_∞ = θ_zz?", "θ_zz"),
    (START + "(b) Find the minimum-norm solution. Is the answer to 5 equal to θ_∞?",
     "answer"),
    (START_ASCII + "2. Find the minimum norm solution.\n\n3. Is w_gd identical to w_q?",
     "w_q"),
])
def test_an_equality_with_an_operand_that_does_not_resolve_is_refused(text, named):
    why = _refused(text)
    assert named in why


# --------------------------------------------------------------------- a formula at answers
D = np.diag([1.0, 2.0, 3.0])


@pytest.mark.parametrize("text,label,want", [
    (START + "(b) Find the minimum-norm solution θ† = X^+ y.\n\n(c) Evaluate q(θ) = θ_1^2 + "
             "2θ_2^2 + θ_3^2 at θ_∞ and at θ†.", "c",
     [float(v @ np.diag([1.0, 2.0, 1.0]) @ v) for v in (LIMIT, MIN_NORM)]),
    (START_LATEX + r"(b) With $D = \mathrm{diag}(1, 2, 3)$, evaluate $\theta^\top D \theta$ at "
                   r"the limit from (a).", "b", [float(LIMIT @ D @ LIMIT)]),
    (START_ASCII + "2. what is the value of w_1*w_2 + 3*w_3 at w_gd ?", "2",
     [LIMIT[0] * LIMIT[1] + 3 * LIMIT[2]]),
    (START + "(b) Find the minimum-norm solution.\n\n(c) Compute the data-fit term "
             "½(aᵀθ − b)² + ‖θ‖_1 at the minimum-norm solution from (b).", "c",
     [0.5 * (A @ MIN_NORM - 9) ** 2 + np.abs(MIN_NORM).sum()]),
])
def test_a_formula_the_text_writes_evaluated_at_answers(text, label, want):
    got = _solve(text)
    assert got[label]["value-at"] == pytest.approx(want, rel=1e-12), got[label]


@pytest.mark.parametrize("text,named", [
    (START + "(b) Evaluate q(θ) = θ_1^2 + c θ_2^2 at the limit from (a).", "c"),
    (START_LATEX + r"(b) Evaluate $\theta^\top M \theta$ at $\theta_\infty$.", "M"),
    (START + "(b) Evaluate q(θ) = θ_1^2 + θ_2^2 at θ_zz.", "θ_zz"),
    (START_ASCII + "2. compute the value of w^T D w at the limit from 5", "w^T D w"),
])
def test_a_formula_at_answers_that_cannot_be_placed_is_refused(text, named):
    """A symbol with no value, an operand that is not an answer: refused, naming it, and
    never answered as the answers the request names."""
    why = _refused(text)
    assert named in why


TWO_STARTS = ("We minimise L(θ) = ½(aᵀθ − b)² with a = (1, 2, 2) and b = 9.\n\n"
              "(a) Plain gradient descent with a small step from θ_0 = (1, 0, -1): find the "
              "limit.\n\n(b) Plain gradient descent with a small step from θ_0 = 0: find the "
              "limit.\n\n")
W = np.diag([1.0, 2.0, 1.0])
Q_VALUES = [float(LIMIT @ W @ LIMIT), float(MIN_NORM @ W @ MIN_NORM)]


@pytest.mark.parametrize("question,smaller", [
    ("(c) Evaluate q(θ) = θ_1^2 + 2θ_2^2 + θ_3^2 at the limits from (a) and (b); which of the "
     "two is smaller?", True),
    ("(c) Compute θ_1^2 + 2*θ_2^2 + θ_3^2 at the limit of (a) and at the limit of (b). Which "
     "of the two values is larger?", False),
    (r"(c) Evaluate $q(\theta) = \theta_1^2 + 2\theta_2^2 + \theta_3^2$ at the limits from (a) "
     r"and (b), and say which of the two is the smallest.", True),
])
def test_which_of_the_values_just_computed_compares_the_values(question, smaller):
    """'which of the two' after evaluating a formula at two answers compares the two values
    (not the answers' norms)."""
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    solution = solve_problem(read_report(TWO_STARTS + question).to_problem(),
                             SolveOptions(figures=False))
    assert solution.exit_code == 0
    answers = solution.to_dict()["parts"][2]["answers"]
    assert [a["value"] for a in answers if a["quantity"] == "value-at"] == \
        pytest.approx(Q_VALUES, rel=1e-12)
    which = next(a for a in answers if a["quantity"] == "which-of")
    want = "(b)" if (Q_VALUES[1] < Q_VALUES[0]) == smaller else "(a)"
    assert which["expr"].endswith(want), which


# --------------------------------------------------------------------- a part named bare
# 8 workers: the server sends n p = 8p floats, one ring worker 2(n - 1)p/n = 7p/4
TRAFFIC = ("Eight workers average a gradient of p floats.\n\n1. With a parameter server, how "
           "many floats does the server send per iteration?\n\n2. With ring all-reduce, how "
           "many floats does one worker send?\n\n")


@pytest.mark.parametrize("question,want", [
    ("3. Compute the ratio (floats sent by the server in 1.) / (floats sent by one worker in "
     "2.).", "32/7"),
    ("**3.** Give the ratio (floats sent by the server in 1.) / (floats sent by one worker in "
     "2.).", "32/7"),
    ("3. what is the ratio (floats one worker sends in 2.) / (floats the server sends in 1.) ?",
     "7/32"),
])
def test_an_operand_names_its_part_without_parentheses(question, want):
    """'(entries sent by the server in 3.)': the answer of part 3 the words name (the
    server's sent values, which part 3 answers for 'sent')."""
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    solution = solve_problem(read_report(TRAFFIC + question).to_problem(),
                             SolveOptions(figures=False))
    assert solution.exit_code == 0
    ratio = next(a for a in solution.to_dict()["parts"][2]["answers"]
                 if a["quantity"] == "ratio")
    assert ratio["expr"] == want
    assert float(eval(want, {})) == pytest.approx((8) / (2 * 7 / 8) if want == "32/7"
                                                  else (2 * 7 / 8) / 8)


def test_an_operand_naming_a_part_the_text_does_not_have_is_refused():
    why = _refused(TRAFFIC + "3. Compute the ratio (floats sent by the server in 7.) / (floats "
                             "sent by one worker in 2.).")
    assert "part 7" in why


# --------------------------------------------------------------------- order of two answers
# H = diag(1, 10): GD's rate max|1 - ηλ| is 0.9 at η = 0.1 and 0.85 at η = 0.15
RATES = ("f(θ) = ½ θᵀHθ with H = diag(1, 10), gradient descent.\n\n"
         "(a) With step η = 0.1, what is the convergence rate ρ_1?\n\n"
         "(b) With step η = 0.15, what is the convergence rate ρ_2?\n\n")
RHO = {"a": max(abs(1 - 0.1 * lam) for lam in (1, 10)),
       "b": max(abs(1 - 0.15 * lam) for lam in (1, 10))}


def _order(first: str, second: str) -> str:
    gap = RHO[first] - RHO[second]
    return "equal" if abs(gap) < 1e-12 else "larger" if gap > 0 else "smaller"


@pytest.mark.parametrize("text,want", [
    (RATES + "(c) Is ρ_1 larger, smaller or equal to ρ_2?", _order("a", "b")),
    (RATES + "(c) how does rho_2 compare to rho_1?", _order("b", "a")),
    (RATES + "(c) Compare with (a): is the rate in (b) more, less or the same?",
     _order("b", "a")),
    (RATES + r"(c) Is $\rho_2$ larger or smaller than in (a)?", _order("b", "a")),
    # 'it': the part's own answer; the other, the same quantity of the scheme compared with
    ("Eight workers average a gradient of p floats.\n\n(a) With a parameter server, what is the "
     "total number of floats sent over the network? Compare with ring all-reduce: is it more, "
     "less or equal?", "larger" if 2 * 8 > 8 * 2 * 7 / 8 else "smaller"),
])
def test_how_one_answer_compares_with_another(text, want):
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    solution = solve_problem(read_report(text).to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    order = [a["expr"] for a in solution.to_dict()["parts"][-1]["answers"]
             if a["quantity"] == "order"]
    assert order == [want]


@pytest.mark.parametrize("text", [
    RATES + "(c) Is ρ_1 more or less than ρ_zz?",
    RATES + "(c) Is it larger, smaller or equal?",    # compared with what, not said
    "Eight workers average a gradient of p floats.\n\n(a) With a parameter server, what is the "
    "total number of floats sent over the network? Compare with (d): is it more, less or "
    "equal?",
])
def test_an_order_with_an_operand_that_does_not_resolve_is_refused(text):
    _refused(text)


def test_a_refused_comparison_names_the_operand_it_could_not_place():
    why = _refused(RATES + "(c) Is ρ_1 more or less than ρ_zz?")
    assert "ρ_zz" in why


@pytest.mark.parametrize("question", [
    "3. Compute the ratio (floats sent by the server in 1.) / (floats sent by one worker in 2.) "
    "as a function of n, and evaluate it for n = 16.",
    "3. Give the ratio (floats the server sends in 1.) / (floats one worker sends in 2.) in "
    "terms of n; then take n = 16.",
    "3. ratio (floats sent by the server in 1.) / (floats sent by one worker in 2.), "
    "symbolically and for n = 16 ?",
])
def test_a_ratio_asked_as_a_formula_and_at_other_values_is_refused(question):
    """The part sets n = 16 itself: its answers are at n = 16 only, so the formula asked as
    well would be dropped; refused, never the number alone."""
    why = _refused(TRAFFIC.replace("Eight workers", "n workers") + question)
    assert "the formula and its value" in why
