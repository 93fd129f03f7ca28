"""A part not read completely keeps from the default answer only the parts that take nothing
from it: a field read from a phrase that one earlier part states whole ('g_1 = 1; g_2 = -1;
g_3 = 2' of part 2) comes from that part, not from another that states one piece of it too
('g_1 = 1' of an unread part 1)."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

TEXT = ("Adam with β_1 = 0.9, β_2 = 0.999, α = 10^-3, ε = 0, m_0 = v_0 = 0.\n"
        "1. For Adam with g_1 = {g1}, compute |θ_1 - θ_0|. How does it compare with α?\n"
        "2. For Adam with gradients g_1 = {g1}, g_2 = -1, g_3 = 2, compute m̂_3 and v̂_3.\n"
        "3. Compute the Adam update Δθ_3 = θ_3 - θ_2.\n")


@pytest.mark.parametrize("g1", ["1", "0.5"])
def test_a_field_stated_whole_by_an_answered_part_comes_from_it(g1):
    reading = read_report(TEXT.format(g1=g1))
    assert not reading.complete
    unread = {p.label for p in reading.parts if p.missing}
    assert unread == {"1"}, reading.unread()
    answered = [p.label for p in reading.answerable_problem().parts]
    assert answered == ["2", "3"]
