"""A part named by its bare number inside a bracketed remark ('‖w‖_∞ (from part 1) and ...')
is bracketed as a label, and the remark keeps its closing bracket; labels written 'a)' keep
their own bracket."""

from __future__ import annotations

import pytest

from optiproof.reading.parts import bracket_references


@pytest.mark.parametrize("text, labels, want", [
    ("Compute ‖w‖_∞ (from part 1) and ‖v‖_2 (from part 3), and say", {"1", "2", "3"},
     "Compute ‖w‖_∞ (from part (1)) and ‖v‖_2 (from part (3)), and say"),
    ("as in part (2) (see part 1)", {"1", "2"}, "as in part (2) (see part (1))"),
    ("(compare parts a) and c)", {"a", "b", "c"}, "(compare parts (a) and (c))"),
    ("the limits of parts a) and c) agree", {"a", "b", "c"}, "the limits of parts (a) and (c) agree"),
])
def test_a_bare_part_number_in_a_remark_keeps_the_remark_closed(text, labels, want):
    assert bracket_references(text, labels) == want
