"""A closing ``final:`` line that labels its answers ``a) … b) …`` (and may go on on the next
line with the following labels) is the answer's summary: each label's clause states that
part's answer, so a summary that contradicts the body is an inconsistency and one that agrees
leaves the part correct."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

SDN = "src/optiproof/problems/steepest-descent-numeric.yaml"

_BODY = ("g = (3,-1,2), alpha = 0.5\n\n"
         "a) u = -(alpha/2) g = (-0.75, 0.25, -0.5)\n   value = -(alpha/4)*14 = -1.75\n\n"
         "b) u = (-1.5, 1.5, -1.5)\n   ratio = 2.78\n\n"
         "c) u = (-0.1, 0, 0), g.u = -0.3\n\n"
         "d) plain max norm: along -t sign(g): t(1/alpha - 6)\n"
         "   -> nonzero once 1/alpha < 6, i.e. alpha > 1/6\n"
         "   at alpha = 0.5: 2 - 6 < 0, unbounded below, no finite step\n\n")
_FINALS = {
    "two-lines": "final: a) (-0.75,0.25,-0.5), -1.75   b) 2.78x   c) (-0.1,0,0)\n"
                 "       d) alpha* = {t}, unbounded at 0.5\n",
    "one-line": "final: a) -1.75   b) 2.78   c) -0.3   d) alpha* = {t}, unbounded at 0.5\n",
}


@pytest.mark.parametrize("style", sorted(_FINALS))
def test_a_final_line_that_contradicts_the_body_is_an_inconsistency(solved, style):
    part = graded_part(solved, SDN, _BODY + _FINALS[style].format(t="6"), "d")
    assert "inconsistency" in finding_kinds(part), part.findings


@pytest.mark.parametrize("style", sorted(_FINALS))
def test_a_final_line_that_agrees_leaves_the_parts_correct(solved, style):
    text = _BODY + _FINALS[style].format(t="1/6")
    for label in ("a", "c", "d"):
        part = graded_part(solved, SDN, text, label)
        assert part.verdict == "correct", (label, part.findings)
