"""A partly read text answers the parts that do not use the unread one: a part whose setting
the reading records as taken from a named earlier part ("spectral; from part (a)") does not
depend on a later unread part that repeats the same words ("the spectral norms of the two
updates"), and "Repeat (a) and (b) with the Frobenius norm" that took its setting from (a)
took that of (b) too when the two parts read the same setting."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_TEXT = ("The gradient of the loss is G = [[3, 0], [4, 5]]. For a matrix norm ‖·‖ and λ = 4 we "
         "take the update U^* = arg min_U ⟨G, U⟩ + (λ/2) ‖U‖^2 .\n\n"
         "(a) Let ‖·‖ be the spectral (operator) norm. Compute U^* explicitly.\n\n"
         "(b) Give the minimum value ⟨G, U^*⟩ + (λ/2)‖U^*‖^2.\n\n"
         "(c) Up to scaling, which optimizer uses the update direction found in (a)?\n\n"
         "(d) Repeat (a) and (b) with the Frobenius norm ‖·‖_F instead: give U^*_F and the "
         "minimum value.\n\n"
         "(e) {last}\n")


@pytest.mark.parametrize("last", [
    "Compute the ratio ‖U^*‖_2→2 / ‖U^*_F‖_2→2 of the spectral norms of the two updates.",
    "Compare the spectral norms of the two updates: what is their wobble?",
])
def test_only_the_unread_part_is_left_out(last):
    reading = read_report(_TEXT.format(last=last))
    assert not reading.complete
    assert set(reading.not_answered()) == {"e"}, reading.not_answered()
    data = solve_problem(reading.answerable_problem(), SolveOptions(figures=False)).to_dict()
    assert [p["label"] for p in data["parts"]] == ["a", "b", "c", "d"]
    assert all(p["verified"] for p in data["parts"])
