"""A lone value whose own words name the asked quantity (``…, round up: 86 iterations``) is the
statement of that answer, not a remark on the named value before it in the same line
(``k = ln(10⁻⁶)/ln(0.85) ≈ 85.01``): the rounded count is graded, right or wrong."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"
_C = "(c) With α = 0.15 the modes contract by 0.85 and 0.5, so the rate is 0.85.\n    "


@pytest.mark.parametrize("line, right", [
    ("k = log(1e-6)/log(0.85) ≈ 85.0, so we need 86 iterations.", True),
    ("N ≥ ln(10⁻⁶)/ln(0.85) = 85.01 → rounding up gives 86 steps", True),
    ("t = 85.01 (not an integer); round up: 86 iterations", True),
    ("k = ln(1e-6)/ln(0.85) ≈ 85.01, rounded: 85 iterations.", False),
    ("N = 85.01 → rounding down gives 85 steps", False),
])
def test_a_rounded_count_named_by_its_unit_is_the_graded_answer(solved, line, right):
    part = graded_part(solved, QD, _C + line + "\n", "c")
    if right:
        assert part.verdict == "correct", part.findings
    else:
        assert "wrong-answer" in finding_kinds(part), part.findings
