"""A step with a free length written after "along" (``Along u = −t sign(g) the objective is
t(1/α − 6)``) names the ray the objective is studied on, not the answer: it is not graded as
the update; the answer's own conclusion is, and a wrong one is still found."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

SDN = "src/optiproof/problems/steepest-descent-numeric.yaml"

_LEADS = {
    "along": "Along \\(u = -t\\,\\operatorname{sign}(g)\\) the objective is \\(t(1/\\alpha - 6)\\).",
    "along-the-ray": "Along the ray $u = -t\\,\\mathrm{sign}(g)$, the objective is $t(1/\\alpha - 6)$.",
    "in-the-direction": "In the direction u = -t sign(g) the objective is t(1/α - 6).",
}
_GIVEN = ("With $g = (3, -1, 2)$: $\\|g\\|_1 = 6$ and $\\operatorname{sign}(g) = (1, -1, 1)$.\n\n"
          "## (c) $\\ell_1$-ball constraint, $\\eta = 0.1$\n\nThe best vertex spends the whole "
          "budget on the first coordinate:\n\n$$u = (-0.1,\\ 0,\\ 0), \\qquad g^\\top u = -0.3 .$$\n\n")
"""The sign vector worked out first, so the ray reads as a vector with a free length, and a
part before that states its step."""
_END = (" For α < {a} this is positive for every t > 0, so the best step is zero; the threshold "
        "is α = {a}. At α = 0.5 the coefficient is 2 − 6 = −4, so there is no minimiser at all "
        "— the problem is unbounded below and the step would be infinitely long.\n")


@pytest.mark.parametrize("lead", sorted(_LEADS))
def test_a_step_along_a_ray_is_not_the_answer(solved, lead):
    text = _GIVEN + "(d) " + _LEADS[lead] + _END.format(a="1/6")
    part = graded_part(solved, SDN, text, "d")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("lead", sorted(_LEADS))
def test_a_wrong_threshold_after_the_ray_is_still_found(solved, lead):
    text = _GIVEN + "(d) " + _LEADS[lead] + _END.format(a="1/3")
    part = graded_part(solved, SDN, text, "d")
    assert "wrong-answer" in finding_kinds(part), part.findings
