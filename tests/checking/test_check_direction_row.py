"""A summary row labelled a direction (``| Direction | −g | −sign(g) |``) beside steps that are
positive multiples of it states the steps' directions, not other steps: no inconsistency, and a
step with a wrong length is a wrong answer (not an inconsistency with its direction). A
direction that is not the step's (``−g`` for a sign step) still disagrees."""

from __future__ import annotations

from conftest import finding_kinds, graded_part

PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"


def _answer(scale_b: str, direction_b: str) -> str:
    return ("### (a)\n\n* **Solution:** $u = -\\frac{\\alpha}{2} g$\n* **Optimizer:** gradient "
            "descent\n\n### (b)\n\n* **Solution:** $u = -\\frac{\\alpha}{2}\\," + scale_b
            + "\\,\\text{sign}(g)$\n* **Optimizer:** sign descent\n\n### Comparison\n\n"
            "| Property | $\\ell_2$ penalty | $\\ell_\\infty$ penalty |\n| :--- | :--- | :--- |\n"
            "| Direction | $-g$ | $" + direction_b + "$ |\n"
            "| Optimizer | Gradient Descent | Sign Descent |\n")


def test_a_direction_row_agrees_with_its_steps(solved):
    text = _answer("\\|g\\|_1", "-\\text{sign}(g)")
    for label in ("a", "b"):
        part = graded_part(solved, PLI, text, label)
        assert part.verdict == "correct", part.findings


def test_a_wrong_length_beside_a_direction_row_is_a_wrong_answer(solved):
    part = graded_part(solved, PLI, _answer("\\|g\\|_\\infty", "-\\text{sign}(g)"), "b")
    assert finding_kinds(part) == ["wrong-answer"], part.findings


def test_a_direction_not_the_steps_still_disagrees(solved):
    part = graded_part(solved, PLI, _answer("\\|g\\|_1", "\\text{sign}(g)"), "b")
    assert part.verdict != "correct", part.findings
