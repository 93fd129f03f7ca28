"""'Which wins for bigger messages?' where the size is a letter: the faster scheme for large (or
small) sizes, the one whose time grows least (or starts least), confirmed by schedule times
counted at two sizes; a part naming no side still needs numbers."""

from __future__ import annotations

import pytest

from optiproof.core.errors import BadInput
from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

TEXT = ("Eight ranks all-reduce a vector of V bytes. A message of s bytes costs α + s/B with "
        "α = 20 μs and B = 5 GB/s (1 GB = 10^9 bytes). Compare recursive doubling (log2 of the "
        "ranks rounds, the whole vector each round) with ring all-reduce.\n"
        "(a) At which V do the two take the same time? Which one is faster {side}?")


def _solved(side: str):
    reading = read_report(TEXT.replace("{side}", side))
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    return reading, solution.to_dict()["parts"][0]


def test_the_faster_for_bigger_messages_is_the_ring():
    reading, part = _solved("for bigger messages")
    assert reading.parts[0].value("faster_for") == "large"
    faster = [a for a in part["answers"] if a["quantity"] == "faster"]
    assert [a["expr"] for a in faster] == ["ring-allreduce"]
    assert part["verified"]
    assert any(c["method"] == "faster scheme vs schedule times" and c["passed"]
               for c in part["checks"])


def test_the_faster_below_the_threshold_is_recursive_doubling():
    reading, part = _solved("below that threshold")
    assert reading.parts[0].value("faster_for") == "small"
    faster = [a for a in part["answers"] if a["quantity"] == "faster"]
    assert [a["expr"] for a in faster] == ["recursive-doubling"]
    assert part["verified"]


def test_no_side_named_leaves_the_faster_refused():
    reading = read_report(TEXT.replace(" {side}", ""))
    assert reading.parts[0].value("faster_for") is None
    with pytest.raises(BadInput, match="depends on symbols"):
        solve_problem(reading.to_problem(), SolveOptions(figures=False))
