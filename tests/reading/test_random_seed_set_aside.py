"""A random seed ('seed 7', 'random seed = 2024') decides which random numbers a run draws; no
exact answer depends on it. It is set aside and reported in the reading's ignored list, and the
parts stay verified; a number with no role in the same place still keeps them unverified."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_TEXT = ("One scalar weight is trained with Adam: β1 = 0.9, β2 = 0.99, learning rate 0.01, eps = 0. "
         "{extra} The first gradient is g1 = 0.5.\n\n(a) Give the first update θ1 - θ0.\n")


def _solve(extra: str):
    reading = read_report(_TEXT.format(extra=extra))
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    reading.attach(solution)
    return reading, solution


@pytest.mark.parametrize("extra, number", [("We fix the random seed to 2024.", "2024"),
                                           ("Seed = 7 for reproducibility.", "7"),
                                           ("(torch seed: 31)", "31")])
def test_a_seed_is_set_aside(extra, number):
    reading, solution = _solve(extra)
    assert reading.complete, reading.unread()
    assert all(p.verified for p in solution.parts)
    assert [x for x in solution.reading["ignored"] if x.startswith(f"{number} (a random seed")]
    assert not solution.reading["unused_numbers"]


def test_a_number_beside_no_seed_keeps_the_parts_unverified():
    _, solution = _solve("We also set k = 2024.")
    assert solution.parts and not any(p.verified for p in solution.parts)
