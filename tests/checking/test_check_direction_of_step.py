"""A step derived as ``u = −(α/2) g`` and then described as "a rescaling of the learning rate —
the direction is exactly −g" states the step's direction, not another step: no
inconsistency. A body that concludes another step in so many words is still caught."""

from __future__ import annotations

from conftest import finding_kinds, graded_part

PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"
_A = ("### (a) Squared Euclidean penalty\n\nSetting the gradient of the objective to zero gives "
      "$g + \\frac{{2}}{{\\alpha}} u = 0$.\n\n**Answer:**\n\n$$\n\\boxed{{u = -\\tfrac{{\\alpha}}{{2}}"
      "\\, g}}\n$$\n\nThis is **plain gradient descent (SGD)** with learning rate "
      "$\\eta = \\alpha/2$. {after}\n")


def test_the_direction_of_the_step_is_not_another_step(solved):
    text = _A.format(after="Note that the factor $\\tfrac12$ is just a rescaling of the learning "
                           "rate — the direction is exactly $-g$.")
    part = graded_part(solved, PLI, text, "a")
    assert "inconsistency" not in finding_kinds(part), part.findings
    assert "wrong-answer" not in finding_kinds(part), part.findings


def test_another_step_concluded_is_still_caught(solved):
    text = _A.format(after="**So the update is $u = -g$.**")
    part = graded_part(solved, PLI, text, "a")
    assert {"inconsistency", "wrong-answer"} & set(finding_kinds(part)), part.findings
