"""Objects written in other notations: fractions inside arrays, part references without
brackets, equality chains before a value, a dagger symbol, a parameter's range, the data of a
least-squares loss named by its role in the residual, a part asking only for the minimum-norm
solution. Each mechanism is checked on several phrasings written for these tests (clean
Unicode, LaTeX, ASCII, forum), both ways (read, and refused or left alone where it must be)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from optiproof.core.text.match import assigned_array
from optiproof.core.text.numbers import array_at, iter_arrays
from optiproof.reading import read_report
from optiproof.reading.normalize import normalize
from optiproof.reading.parts import bracket_references


# -- fractions as array entries ----------------------------------------------------------

@pytest.mark.parametrize("text, want", [
    ("(4, (1)/(4))", [4, Fraction(1, 4)]),              # \tfrac14 after normalisation
    ("[(1/3), 2, -(3)/(2)]", [Fraction(1, 3), 2, Fraction(-3, 2)]),
    ("(¼, ½, 2)", [Fraction(1, 4), Fraction(1, 2), 2]),
    ("[(2)/(3); 1]", [Fraction(2, 3), 1]),
])
def test_fraction_entries_are_read_exactly(text, want):
    got = array_at(text, 0)
    assert got is not None and [n.value for n in got[0]] == want


def test_a_matrix_of_fractions_is_one_array():
    found = iter_arrays("H = [[(1)/(2), 0], [0, ¾]] and more")
    assert len(found) == 1
    assert [[n.value for n in row] for row in found[0][2]] == [[Fraction(1, 2), 0],
                                                                [0, Fraction(3, 4)]]


@pytest.mark.parametrize("text", ["(1)/(2)", "[(1)/(2)x, 3]", "(14)", "[(1), 2]"])
def test_what_is_not_an_array_of_numbers_stays_unread(text):
    assert array_at(text, 0) is None


@pytest.mark.parametrize("raw", [
    "Minimise f(θ) = ½θᵀHθ with H = diag(4, ¼). What is the largest stable step size?",
    "Minimise $f(\\theta) = \\frac12\\theta^\\top H\\theta$ with $H = \\mathrm{diag}(4, \\tfrac14)$. "
    "What is the largest stable step size?",
    "f(theta) = 0.5 theta^T H theta, H = diag(4, (1/4)). what's the largest stable step size?",
])
def test_a_diagonal_with_a_fraction_is_the_curvature(raw):
    reading = read_report(raw)
    assert reading.complete, reading.unread()
    assert [Fraction(str(v)) for v in reading.parts[0].value("eigenvalues")] == \
        [4, Fraction(1, 4)]


# -- part references without brackets ---------------------------------------------------

@pytest.mark.parametrize("own, labels, want", [
    ("the limits of parts 1 and 2?", {"1", "2", "3"}, "the limits of parts (1) and (2)?"),
    ("compare questions b and c.", {"a", "b", "c"}, "compare questions (b) and (c)."),
    ("as in part ii, ", {"i", "ii"}, "as in part (ii), "),
    ("the limits of a) and c) differ", {"a", "b", "c"}, "the limits of (a) and (c) differ"),
    ("parts 1, 2 and 3", {"1", "2", "3"}, "parts (1), (2) and (3)"),
])
def test_bare_part_references_are_bracketed(own, labels, want):
    assert bracket_references(own, labels) == want


@pytest.mark.parametrize("own, want", [
    ("Which of the limits in (a)-(c) is smallest?", "in (a), (b) and (c) is"),
    ("compare parts a to c.", "parts (a), (b) and (c)."),
    ("the answers of (b) through (d)", "of (b), (c) and (d)"),
])
def test_a_range_of_parts_is_each_part(own, want):
    assert want in bracket_references(own, ["a", "b", "c", "d"])


@pytest.mark.parametrize("own", ["f(a)-(c) = 0", "(c)-(a) backwards", "(a)-(c) + 2"])
def test_a_difference_is_not_a_range(own):
    assert bracket_references(own, ["a", "b", "c", "d"]) == own


@pytest.mark.parametrize("own, labels", [
    ("part 2 of the proof", {"a", "b"}),          # no part 2 in this text
    ("part 7", {"1", "2"}),
    ("as part a larger model", {"a", "b"}),      # an article, not a label
])
def test_references_to_no_part_are_left_alone(own, labels):
    assert bracket_references(own, labels) == own


DATA_IB = ("Least squares with X = [[1, 0, 1], [0, 1, 1]], y = [2, 1], loss ½‖Xθ − y‖².\n\n"
           "1. Gradient descent from θ₀ = 0: where does it converge?\n"
           "2. Gradient descent from θ₀ = (1, 2, 0): where does it converge?\n")


@pytest.mark.parametrize("question", [
    "3. What is the Euclidean distance between the limits of parts 1 and 2?",
    "3. Give the euclidean distance between the limits of 1) and 2).",
    "3. Compute the Euclidean distance between the limits of questions 1 and 2.",
])
def test_a_distance_between_parts_named_without_brackets_is_derived(question):
    reading = read_report(DATA_IB + question)
    assert reading.complete, reading.unread()
    derived = reading.parts[2].value("derived")
    assert derived and derived[0]["kind"] == "distance"


# -- equality chains, a dagger, a parameter's range -------------------------------------

@pytest.mark.parametrize("text, want", [
    ("started from θ_0 = e_1 = (1, 0, 0)^T.", [1, 0, 0]),
    ("with θ_-1 = θ_0 = x_0 = [0, 2, 1]", [0, 2, 1]),
    ("init w0 := u = (3, 4)", [3, 4]),
])
def test_an_equality_chain_gives_its_value(text, want):
    got = assigned_array(text, r"θ_0|θ_-1|w0")
    assert got is not None and [n.value for n in got[0]] == want


def test_dagger_is_a_symbol():
    assert "θ^†" in normalize("$\\theta^\\dagger$ and $x^{\\dag}$").text


LATEX_IB = ("Consider $\\min_\\theta \\frac12\\|X\\theta-y\\|_2^2$ with "
            "$X = \\begin{bmatrix}1&1&0\\\\0&1&1\\end{bmatrix}$, $y = (1, 2)^\\top$.\n\n")


@pytest.mark.parametrize("body", [
    "(a) Compute the minimum-norm solution $\\theta^\\dagger$ of $X\\theta=y$.\n"
    "(b) Nesterov's method with momentum $\\beta\\in(0,1)$ is started from "
    "$\\theta_{-1}=\\theta_0=e_1=(1,0,0)^\\top$. To which point does it converge?\n"
    "(c) Give $\\|\\theta_\\infty-\\theta^\\dagger\\|_2$, where $\\theta_\\infty$ is your answer "
    "to (b).",
    "(a) Find the min-norm solution θ^† of Xθ = y.\n"
    "(b) Heavy ball, β ∈ [0, 1), from θ_0 = u = (1, 0, 0). Where does it converge?\n"
    "(c) What is ‖θ_∞ − θ^†‖₂, where θ_∞ denotes our answer for (b)?",
    "(a) compute the minimum norm solution theta^dagger of X theta = y.\n"
    "(b) run GD from theta_0 = v = [1, 0, 0]. where does it converge?\n"
    "(c) give ||theta_inf - theta^dagger||_2 where theta_inf is my answer to (b).",
])
def test_a_distance_to_a_symbol_of_an_earlier_part_is_derived(body):
    reading = read_report(LATEX_IB + body)
    assert reading.complete, reading.unread()
    assert reading.parts[1].value("theta0") == [1, 0, 0]
    derived = reading.parts[2].value("derived")
    assert derived and derived[0]["kind"] == "distance"


def test_a_range_other_than_the_unit_interval_is_still_data():
    reading = read_report("Least squares with X = [[1, 1]], y = [2], loss ½‖Xθ − y‖². "
                          "GD from θ₀ = 0 with step η ∈ (0, 3). Where does it converge?")
    unused = [u.text for p in reading.parts for u in p.numbers if u.status == "unused"]
    assert "3" in unused


# -- a least-squares loss names its data by role ----------------------------------------

@pytest.mark.parametrize("raw", [
    "We minimise L(β) = ½‖Aβ − c‖² with A = [[1, 0, 1], [0, 1, -1]], c = (2, 1). "
    "Gradient descent from β₀ = 0: where does it converge?",
    "Minimise $\\frac12\\|M w - d\\|_2^2$ where $M = \\begin{pmatrix}1&0&1\\\\0&1&-1\\end{pmatrix}$ "
    "and $d = (2, 1)^\\top$. GD starts at $w_0 = 0$. Give its limit.",
    "loss = 0.5*||G x - t||^2, G = [[1, 0, 1], [0, 1, -1]], t = [2, 1]. plain gd from x0 = 0, "
    "where does it end up?",
])
def test_the_data_of_a_residual_are_read_by_their_role(raw):
    reading = read_report(raw)
    assert reading.complete, reading.unread()
    assert reading.parts[0].value("X") == [[1, 0, 1], [0, 1, -1]]
    assert reading.parts[0].value("y") == [2, 1]


def test_two_different_residuals_name_no_data():
    reading = read_report("We compare ½‖Aβ − c‖² and ½‖Bβ − d‖² with A = [[1, 0, 1]], "
                          "c = (2, 1), B = [[1, 1, 1]], d = (1, 1). GD from β₀ = 0: limit?")
    assert not reading.complete


# -- a part that asks only for the minimum-norm solution --------------------------------

@pytest.mark.parametrize("ask", [
    "(a) Compute the minimum-norm solution of Xθ = y.",
    "(a) Find the min-norm interpolant.",
    "(a) give the minimum ℓ2-norm solution.",
])
def test_a_min_norm_part_needs_no_method(ask):
    reading = read_report(LATEX_IB + ask + "\n(b) GD from θ_0 = 0: where does it converge?")
    assert reading.complete, reading.unread()
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    X = np.array([[1, 1, 0], [0, 1, 1]], float)
    want = np.linalg.pinv(X) @ np.array([1, 2], float)
    got = [a for a in solution.parts[0].answers if a.quantity == "min-norm-solution"]
    assert got and np.allclose([float(v) for v in got[0].value], want)


# -- a diagonal matrix in words ---------------------------------------------------------

@pytest.mark.parametrize("raw, want", [
    ("Minimise f(θ) = ½θᵀHθ with H = 2I in ℝ^3. What is the largest stable step size of "
     "gradient descent?", [2, 2, 2]),
    ("Minimise $f(\\theta) = \\frac12\\theta^\\top H\\theta$, $H = 2 I_2$. What is the largest "
     "stable step size of gradient descent?", [2, 2]),
    ("f(x) = 1/2 x^T H x, x in R^2, H = 0.5*I. what's the largest stable step size for gd?",
     [Fraction(1, 2)] * 2),
    ("Minimise ½θᵀHθ where H is diagonal with entries 1, 4 and 9. What is the largest stable "
     "step size?", [1, 4, 9]),
])
def test_a_diagonal_in_words_is_the_curvature(raw, want):
    reading = read_report(raw)
    assert reading.complete, reading.unread()
    part = reading.parts[0]
    got = part.value("eigenvalues")
    if got is None:
        got = [row[i] for i, row in enumerate(part.value("H"))]
    assert [Fraction(str(v)) for v in got] == want
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    value = [a for a in solution.parts[0].answers][0].value
    assert float(Fraction(str(value))) == pytest.approx(2 / float(max(want)))


@pytest.mark.parametrize("raw", [
    "Minimise f(θ) = ½θᵀHθ with H = 2I. What is the largest stable step size?",   # no size
    "H = 2I, θ ∈ R^2 and x ∈ R^3; f(θ) = ½θᵀHθ. What is the largest stable step size?",
])
def test_a_multiple_of_the_identity_without_one_size_is_refused(raw):
    assert not read_report(raw).complete


@pytest.mark.parametrize("ask", [
    "(c) Which of the two limits in (a)-(b) has the smaller ∞-norm, and what is its value?",
    "(c) Which of the limits of parts a and b has the smallest Euclidean norm? Give its value "
    "too... and what's that norm?",
    "(c) which of the two limits (a), (b) has the smallest ℓ∞ norm and what is its value?",
])
def test_the_value_of_a_which_of_choice_is_not_swallowed(ask):
    reading = read_report(DATA_IB.replace("1. ", "(a) ").replace("2. ", "(b) ") + ask)
    assert not reading.complete


SD = "The gradient is g = (3, -1, 2) and α = 0.5; the step is u = argmin_d gᵀd + (1/α)‖d‖².\n\n"


@pytest.mark.parametrize("ask", [
    "(a) Compute u when ‖·‖ is the Euclidean norm ‖·‖_2.",
    "(a) Find $u$ if $\\|\\cdot\\|$ is the $\\ell_\\infty$ norm.",
    "(a) what's u where the norm is the l1 norm?",
])
def test_a_conditional_clause_chooses_the_norm_and_asks_no_norm_value(ask):
    reading = read_report(SD + ask)
    assert reading.complete, reading.unread()
    assert reading.parts[0].value("asks") == ["update"]


def test_a_norm_value_asked_beside_the_chosen_norm_is_still_asked():
    reading = read_report(SD + "(a) Compute u when ‖·‖ is the Euclidean norm, and give ‖g‖_1.")
    assert "update" in reading.parts[0].value("asks")
    assert len(reading.parts[0].value("asks")) >= 2 or not reading.complete
