"""A side computation in parentheses after a value (``[0.990, 0.099, 0.0099] (|a|^2 =
1.0101)``) is not part of the value: the value is graded, right or wrong, in several styles."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

OC = "src/optiproof/problems/texts/optimizer-convergence.txt"

_STYLES = {
    "plain": "a) SGD from 0 stays in span{{a}}, so\n   θ = a/|a|^2 = [{v}] (|a|^2 = 1.0101).\n",
    "since": "(a) theta_inf = ({v})  (since ||a||^2 = 1.0101)\n",
    "terse": "a) θ = a/1.0101 = [{v}] (norm² = 1.0101)\n",
}
_RIGHT = "0.990, 0.0990, 0.0099"
_WRONG = "0.333, 3.333, 33.33"


@pytest.mark.parametrize("style", sorted(_STYLES))
def test_a_value_with_a_side_computation_is_graded(solved, style):
    part = graded_part(solved, OC, _STYLES[style].format(v=_RIGHT), "a")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("style", sorted(_STYLES))
def test_a_wrong_value_with_a_side_computation_is_wrong(solved, style):
    part = graded_part(solved, OC, _STYLES[style].format(v=_WRONG), "a")
    assert "wrong-answer" in finding_kinds(part), part.findings
