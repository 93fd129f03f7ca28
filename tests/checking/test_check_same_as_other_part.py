"""A part's own method said to be the method of another part ("normalise the inputs, then run
SGD is the same algorithm as O", O the name the problem gives the method of another part), or
its answer said to be that method's ("this is precisely the point that the simplified Adam O
converges to"), is an over-reach when the verified answers of the two parts differ; a comparison, a negation or a
sameness said of the part's own method alone is not."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

OC = "src/optiproof/problems/texts/optimizer-convergence.txt"
_C = ("## (c) Feature rescaling + SGD\n{remark}\n"
      "Mapping back gives θ = [1/3, 10/3, 100/3].\n")


@pytest.mark.parametrize("remark", [
    "So \"normalise the inputs, then run SGD\" is the same algorithm as O.",
    "Rescaling every feature to unit second moment is exactly what O's diagonal matrix M does.",
    "This procedure is equivalent to the simplified Adam of (b).",
    "This is precisely the point that the simplified Adam method O of part (b) converges to.",
])
def test_the_method_said_to_be_another_parts_method_is_an_over_reach(solved, remark):
    part = graded_part(solved, OC, _C.format(remark=remark), "c")
    assert "over-reach" in finding_kinds(part), part.findings


@pytest.mark.parametrize("remark", [
    "Rescaling the features is not the same algorithm as O: O rescales by the gradient.",
    "Unlike O, SGD on rescaled features keeps the minimum-norm structure in the new units.",
    "In the rescaled units each step is exactly what O does to the original ones.",
    "This is not the point that O converges to: O stops on the sign line.",
    "In the rescaled units this is the point that O would reach.",
    "",
])
def test_a_comparison_or_own_sameness_is_no_finding(solved, remark):
    part = graded_part(solved, OC, _C.format(remark=remark), "c")
    assert part.verdict == "correct", part.findings
