"""Claims the checker used to pass over, so that a part stated in the answer was graded as
unanswered: a value introduced by the word naming the asked quantity ("a ratio of …"), the
labelled clauses of a summing-up line ("In short: (a) …; (b) …"), a part opened by a LaTeX
sectioning command whose title holds a formula, and a table laid out by spaces in plain text."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

SD = "src/optiproof/problems/steepest-descent-numeric.yaml"
DT = "src/optiproof/problems/texts/distributed-training.txt"
_B = ("(b) With the squared max-norm penalty the minimiser is d = (-1.5, 1.5, -1.5), "
      "which is sign descent.\n")


@pytest.mark.parametrize("sentence, verdict", [
    ("Its Euclidean length beats the one of (a) by a ratio of $\\sqrt{42}\\cdot 3/7 \\approx "
     "2.78$.\n", "correct"),
])
def test_a_value_after_the_word_naming_the_asked_quantity_and_of_is_its_claim(
        solved, sentence, verdict):
    part = graded_part(solved, SD, _B + sentence, "b")
    if verdict == "correct":
        assert part.verdict == "correct", part.findings
    else:
        assert verdict in finding_kinds(part), part.findings


_PARTS_AB = (
    "(a) The quadratic penalty gives d = (-0.75, 0.25, -0.5), optimal value -1.75: "
    "gradient descent with learning rate 0.25.\n\n"
    + _B + "The l2 length ratio to the step of (a) comes out as 2.78.\n\n")


@pytest.mark.parametrize("closing, kinds", [
    ("In short: (a) plain gradient descent with d = (-0.75, 0.25, -0.5); (b) sign descent, "
     "its step is 2.78 times as long as in (a).\n", []),
    ("Overall, (a) plain gradient descent, d = (-0.75, 0.25, -0.5); (b) sign descent, whose "
     "step is 5 times longer than the one of (a).\n", ["inconsistency"]),
])
def test_the_labelled_clauses_of_a_summing_up_line_state_their_parts(solved, closing, kinds):
    part = graded_part(solved, SD, _PARTS_AB + closing, "b")
    assert finding_kinds(part) == kinds, part.findings


def test_a_latex_section_whose_title_holds_a_formula_opens_its_part(solved):
    text = ("\\subsection*{(a) The penalty $\\frac{1}{\\alpha}\\|d\\|_2^{2}$}\n"
            "The step is $d=(-0.75, 0.25, -0.5)$ with optimal value $-1.75$, gradient descent.\n\n"
            "\\subsection*{(c) The ball $\\{\\|d\\|_1\\le\\eta\\}$}\n"
            "The best vertex is $d=(-0.1,0,0)$ with value $-0.3$: coordinate descent.\n")
    part = graded_part(solved, SD, text, "c")
    assert part.verdict == "correct", part.findings
    assert graded_part(solved, SD, text, "a").verdict == "correct"


_TABLE = ("Results\n"
          "                  messages       message size\n"
          "all-to-all        {a2a:<15}p\n"
          "parameter server  2n             p\n"
          "ring all-reduce   2n(n-1)        p/n\n")


@pytest.mark.parametrize("a2a, kinds", [("n(n-1)", []), ("n*n", ["wrong-answer"])])
def test_a_table_laid_out_by_spaces_is_read_as_a_table(solved, a2a, kinds):
    part = graded_part(solved, DT, _TABLE.format(a2a=a2a), "main")
    assert finding_kinds(part) == kinds, part.findings
