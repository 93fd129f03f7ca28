"""A buffer's size set by its letter ('a buffer of V = 32 MB') is restated by a part ('At V = 2 MB,
...'): that part answers at its own size; a crossover asked in a unit and asked again in the same
part ('Below which size V (in MB) ...? Give the exact crossover.') keeps its unit."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_TEXT = ("Eight GPUs all-reduce a buffer of V = 32 MB (1 MB = 10^6 bytes). A message of m bytes "
         "costs α + mβ with α = 10 μs and 1/β = 20 GB/s. Schemes: recursive doubling and ring "
         "all-reduce.\n\n"
         "(a) Below which buffer size V (in MB) is recursive doubling faster than the ring? "
         "Give the exact crossover.\n\n"
         "(b) At V = 2 MB, give both times in microseconds.")


def _parts() -> list[dict]:
    reading = read_report(_TEXT)
    assert reading.complete, "\n".join(reading.unread())
    return solve_problem(reading.to_problem(),
                         SolveOptions(figures=False, run_witnesses=False)).to_dict()["parts"]


def _value(answer: dict) -> Fraction:
    return Fraction(str(sp.nsimplify(answer["expr"])))


def test_a_crossover_asked_again_keeps_its_unit():
    a = _parts()[0]
    (mb,) = [x for x in a["answers"] if x["name"] == "crossover size in MB"]
    # 3(α + Vβ) = 14α + (7/4)Vβ  ->  V = (44/5) α/β bytes = 8.8 * 10^-5 * 2*10^10 = 1.76 MB
    assert _value(mb) == Fraction(44, 25)


def test_a_part_s_own_size_wins_over_the_shared_one():
    b = _parts()[1]
    micro = {x["subject"]: _value(x) for x in b["answers"] if "microseconds" in x["name"]}
    # recursive doubling: 3(10 + 100) us; ring: 14*10 us + (7/4)*2 MB / 20 GB/s = 140 + 175 us
    assert micro == {"recursive-doubling": 330, "ring-allreduce": 315}
