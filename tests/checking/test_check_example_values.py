"""Values taken for a worked example (``Example: for g = (3, -1, 2) and α = 0.5 we get
‖g‖₁ = 5``) hold in that example only: the general answer stated after it is read in the
problem's symbols, so it is graded (right or wrong) and not read as the example's numbers."""

from __future__ import annotations

from conftest import finding_kinds, graded_part

PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"
_B = ("### Part (b): Squared max-norm\n\nEach coordinate is $\\pm c$ with sign opposite to "
      "$g_i$, and $h(c) = -c\\|g\\|_1 + c^2/\\alpha$ is least at $c = \\frac{{\\alpha}}{{2}}"
      "\\|g\\|_1$.\n\n*Example:* for $g = (3, -1, 2)$ and $\\alpha = 0.5$ we get "
      "$\\|g\\|_1 = 3 + 1 + 2 = 5$, and $c = 0.25 \\cdot 6 = 1.5$.\n\n**Solution:**\n"
      "$$u = {u}$$\n\nThis is **signSGD** (sign descent).\n")


def test_the_general_answer_after_an_example_is_graded(solved):
    part = graded_part(solved, PLI, _B.format(
        u="-\\frac{\\alpha}{2}\\|g\\|_1\\,\\text{sign}(g)"), "b")
    assert "unanswered" not in finding_kinds(part), part.findings
    assert "wrong-answer" not in finding_kinds(part), part.findings


def test_a_wrong_general_answer_after_an_example_is_still_wrong(solved):
    part = graded_part(solved, PLI, _B.format(u="-\\alpha\\|g\\|_1\\,\\text{sign}(g)"), "b")
    assert "wrong-answer" in finding_kinds(part), part.findings
