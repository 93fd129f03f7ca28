"""An iteration count written as the threshold ``ln ε / ln ρ`` rounded to the nearest integer
in one chain (``k = ln(1e-6)/ln(0.85) ≈ 85`` where ⌈85.01⌉ = 86 is the count) states the
right threshold: accepted with a note. A count stated on its own after the threshold
(``≈ 85.01, so about 85 iterations``) still claims that 85 steps suffice: a wrong answer."""

from __future__ import annotations

import math

from conftest import finding_kinds, graded_part

QUAD = "src/optiproof/problems/texts/quadratic-dynamics.txt"
_C = "(c) alpha = 0.15: the rate is 0.85.\n    iterations: {text}\n"


def test_the_threshold_rounded_in_its_own_chain_is_accepted_with_a_note(solved):
    threshold = math.log(1e-6) / math.log(0.85)
    assert round(threshold) == 85 and math.ceil(threshold) == 86  # independent of the solver
    part = graded_part(solved, QUAD, _C.format(
        text="0.85^k = 1e-6 -> k = ln(1e-6)/ln(0.85) ≈ 85"), "c")
    assert finding_kinds(part) == [], part.findings


def test_a_count_stated_after_the_threshold_is_still_graded(solved):
    part = graded_part(solved, QUAD, _C.format(
        text="k = ln(1e-6)/ln(0.85) ≈ 85.01, so about 85 iterations are needed."), "c")
    assert "wrong-answer" in finding_kinds(part), part.findings


def test_a_threshold_rounded_the_wrong_way_is_wrong(solved):
    part = graded_part(solved, QUAD, _C.format(text="k = ln(1e-6)/ln(0.85) ≈ 84"), "c")
    assert "wrong-answer" in finding_kinds(part), part.findings


def test_a_count_concluded_after_the_rounded_threshold_is_the_answer(solved):
    part = graded_part(solved, QUAD, _C.format(
        text="k = ln(1e-6)/ln(0.85) ≈ 85.0.\n\n**Answer (c):** rate 0.85, and k = 85 iterations "
             "suffice."), "c")
    assert "wrong-answer" in finding_kinds(part), part.findings
    assert "inconsistency" not in finding_kinds(part), part.findings
