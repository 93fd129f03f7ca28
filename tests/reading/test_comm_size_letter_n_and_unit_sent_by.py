"""A gradient whose size in bytes the text calls n ('a buffer of n = 32 MB') beside workers
counted by another letter (Q = 4 workers) is solved with the workers under a name of their own,
so a crossover in n is found; 'and MB sent by each worker' after another request asks the bytes
each worker sends, in MB (it was dropped)."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_TEXT = ("Q = 4 workers each hold a buffer of n = 32 MB (1 MB = 10^6 bytes). A message of m "
         "bytes costs alpha + m*beta with alpha = 20 us and beta = 1/(5 GB/s).\n"
         "Schemes: recursive doubling and ring all-reduce.\n\n"
         "(a) For each scheme give the number of rounds, and MB sent by each worker.\n\n"
         "(b) Below what message size n (in bytes) is recursive doubling faster than the ring?")


def _solved() -> dict:
    reading = read_report(_TEXT)
    assert reading.complete, "\n".join(reading.unread())
    return solve_problem(reading.to_problem(),
                         SolveOptions(figures=False, run_witnesses=False)).to_dict()


def test_mb_sent_after_another_request_is_asked():
    (a, _) = _solved()["parts"]
    in_mb = {x["subject"]: Fraction(str(sp.nsimplify(x["expr"]))) for x in a["answers"]
             if "in MB" in x["name"]}
    # recursive doubling: log2 4 = 2 rounds of the whole 32 MB; ring: 2(4-1)/4 * 32 MB
    assert in_mb == {"recursive-doubling": 64, "ring-allreduce": 48}


def test_a_crossover_in_the_size_letter_n_beside_numbered_workers():
    (_, b) = _solved()["parts"]
    (cross,) = [x for x in b["answers"] if x["quantity"] == "crossover"]
    # 2(α + nβ) = 6α + (3/2) nβ  ->  n = 8α/β = 8 * 20e-6 * 5e9
    assert Fraction(str(sp.nsimplify(cross["expr"]))) == 800_000
