"""Terse notes written in plain text: a bracket opened before a run of math does not swallow
the statements after it (``(index 1) → u = (−0.1, 0, 0), gᵀu = −0.3``), ``gᵀd`` in Unicode
names the constrained objective's value, and a conclusion after an arrow is the answer's own
even when the clause before it compares (``2.598 vs 0.935 → ≈ 2.78× longer``). Wrong values
written the same way are still found."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

SDN = "src/optiproof/problems/steepest-descent-numeric.yaml"

_C_STYLES = {
    "arrow-after-bracket": "(c) ‖u‖₁ ≤ 0.1: pick the biggest |gᵢ| (index 1) → u = {u}, gᵀu = {v}\n",
    "own-line": "(c) min gᵀd s.t. |d|_1 ≤ 0.1 -> put everything on biggest |g_i| (i=1)\n"
                "d = {u}, gᵀd = {v}\n",
    "bracketed-remark": "(c) spend the budget on the largest |g_i| (the first one) -> u = {u}, "
                        "gᵀu = {v}\n",
}


@pytest.mark.parametrize("style", sorted(_C_STYLES))
def test_the_constrained_step_and_its_value_in_notes_are_read(solved, style):
    text = _C_STYLES[style].format(u="(−0.1, 0, 0)", v="−0.3")
    part = graded_part(solved, SDN, text, "c")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("style", sorted(_C_STYLES))
def test_a_wrong_value_in_notes_is_a_wrong_answer(solved, style):
    text = _C_STYLES[style].format(u="(−0.1, 0, 0)", v="−0.2")
    part = graded_part(solved, SDN, text, "c")
    assert "wrong-answer" in finding_kinds(part), part.findings


_B_STYLES = {
    "vs-arrow": "(b) u = −(α/2)‖g‖₁ sign(g) = (−1.5, 1.5, −1.5)\n"
                "    ‖u‖₂ = 2.598 vs 0.935  → ≈ {k}× longer\n",
    "vs-ascii-arrow": "(b) u = (-1.5, 1.5, -1.5)\n"
                      "    |u|_2 = 2.598 vs 0.935 -> about {k} times longer\n",
}


@pytest.mark.parametrize("style", sorted(_B_STYLES))
def test_a_ratio_concluded_after_a_comparison_is_the_answer(solved, style):
    part = graded_part(solved, SDN, _B_STYLES[style].format(k="2.78"), "b")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("style", sorted(_B_STYLES))
def test_a_wrong_ratio_concluded_after_a_comparison_is_found(solved, style):
    part = graded_part(solved, SDN, _B_STYLES[style].format(k="1.39"), "b")
    assert "wrong-answer" in finding_kinds(part), part.findings
