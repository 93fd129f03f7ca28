"""Planted statements of blind batch N the checker missed, each tried in phrasings of my own:

- a start quantified by a participle ("initialised at an arbitrary point, gradient descent
  reaches the minimum-norm solution") is a start for every point, refuted as the other
  phrasings are; a start named with its condition ("started at any point of the row space")
  stays no finding;
- a rule over every norm said as a direction ("for any norm, the step still points straight
  along −g") is refuted by the verified steps of the other norms; the same words about one
  norm are no finding.
"""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

OC = "src/optiproof/problems/texts/optimizer-convergence.txt"
SDN = "src/optiproof/problems/steepest-descent-numeric.yaml"

# -- a start quantified by a participle -------------------------------------------------------

_LIMIT_A = "(a) θ = x/‖x‖² ≈ [0.990, 0.0990, 0.00990], the minimum-norm solution. "


@pytest.mark.parametrize("rule", [
    "Plain gradient descent, initialised at an arbitrary point, always ends at the min-norm "
    "solution.",
    "For least squares, SGD starting from any vector converges to the minimum-norm "
    "interpolant.",
])
def test_min_norm_from_a_participle_start_is_a_false_claim(solved, rule):
    part = graded_part(solved, OC, _LIMIT_A + rule + "\n", "a")
    assert "false-claim" in finding_kinds(part)


@pytest.mark.parametrize("rule", [
    "Gradient descent started at any point of the row space ends at the minimum-norm solution.",
    "Gradient descent started at the origin ends at the minimum-norm solution.",
])
def test_min_norm_from_a_conditioned_start_is_no_finding(solved, rule):
    part = graded_part(solved, OC, _LIMIT_A + rule + "\n", "a")
    assert part.verdict == "correct" and not part.findings


# -- a rule over every norm said as a direction -----------------------------------------------

_STEP_A = "(a) u = (−0.75, 0.25, −0.5), optimal value −1.75. This is gradient descent.\n\n"


@pytest.mark.parametrize("rule", [
    "Note that for any norm in the penalty, the best step still points straight along $-g$; the "
    "norm just rescales it.",
    "Whatever norm is chosen, the minimiser always lies exactly along the negative gradient.",
])
def test_every_norm_pointing_along_minus_g_is_a_false_claim(solved, rule):
    part = graded_part(solved, SDN, _STEP_A + rule + "\n", "a")
    assert "false-claim" in finding_kinds(part), part.findings


def test_one_norm_pointing_along_minus_g_is_no_finding(solved):
    rule = "With the squared Euclidean norm the step points exactly along $-g$."
    part = graded_part(solved, SDN, _STEP_A + rule + "\n", "a")
    assert "false-claim" not in finding_kinds(part), part.findings
