"""A symbol named after another part by its subscript ("longer than $u_a$", "compared with
$d_{(a)}$") refers to that part's answer; it is not a value stated for this part's answer,
while a wrong value of this part is still wrong."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

SPEC = "src/optiproof/problems/steepest-descent-numeric.yaml"

_A = "**(a)** $d_a = (-0.75, 0.25, -0.5)$, with optimal value $-1.75$.\n\n"
_B = {
    "than": "**(b)**\n\nAnswer: $d_b = {u}$, about $2.78$ times longer than $d_a$.\n",
    "as long as": "**(b)**\n\nResult: $d_{{(b)}} = {u}$, $2.78$ times as long as $d_{{(a)}}$.\n",
}


@pytest.mark.parametrize("style", sorted(_B))
def test_a_symbol_named_after_another_part_is_no_value(solved, style):
    part = graded_part(solved, SPEC, _A + _B[style].format(u="(-1.5, 1.5, -1.5)"), "b")
    assert "wrong-answer" not in finding_kinds(part), part.findings


@pytest.mark.parametrize("style", sorted(_B))
def test_a_wrong_step_beside_the_reference_is_wrong(solved, style):
    part = graded_part(solved, SPEC, _A + _B[style].format(u="(-1, 1, -1)"), "b")
    assert "wrong-answer" in finding_kinds(part), part.findings
