"""Two equations side by side in one row of an ``align`` (``\\text{messages} &= n(n-1), &
\\text{size} &= p.``): the second is named by its own words, not by the first's."""

from __future__ import annotations

from optiproof.checking import check_answer

DT = "src/optiproof/problems/texts/distributed-training.txt"


def _row(messages: str, size: str) -> str:
    return ("\\begin{align*}\n\\text{messages} &= " + messages + ", & \\text{size} &= " + size
            + ".\n\\end{align*}\n")


def _answer(ring_size: str = "\\frac{p}{n}") -> str:
    return ("\\subsection*{All-to-all}\n" + _row("n(n-1)", "p") +
            "\n\\subsection*{Parameter server}\n" + _row("n + n = 2n", "p") +
            "\n\\subsection*{Ring all-reduce}\n" + _row("n\\cdot 2(n-1)", ring_size))


def test_side_by_side_equations_are_each_their_own_quantity(solved):
    part = check_answer(solved(DT), _answer()).parts[0]
    assert part.verdict == "correct", part.findings


def test_a_wrong_second_equation_is_graded_as_its_own_quantity(solved):
    part = check_answer(solved(DT), _answer("\\frac{p}{n-1}")).parts[0]
    wrong = [f for f in part.findings if f.kind == "wrong-answer"]
    assert len(wrong) == 1 and "size" in wrong[0].message, part.findings
