"""Values given as a list whose labels list the quantities in the same order: a table row
``| (d) | heavy ball α*, β*, ρ* | 0.2309, 0.2699, 0.5195 |`` (the "quantity" column names the
row even with numbers in it, a spaced slash separates ``0.85 / 86``), and a plain-text layout
whose scheme is named by a ``Scheme -- …`` lead-in line. Right lists are correct, a wrong item
is found on its own quantity, in several styles."""

from __future__ import annotations

import pytest
from conftest import graded_part

QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"
DT = "src/optiproof/problems/texts/distributed-training.txt"

_QD = {
    "table": ("| part | quantity | value |\n|---|---|---|\n"
              "| (c) | rate at α = 0.15 / iterations to 1e-6 | 0.85 / {n} |\n"
              "| (d) | heavy ball α*, β*, ρ* | 0.2309, {b}, 0.5195 |\n"),
    "plain-table": ("part | what | value\n---|---|---\n(c) | rate at step 0.15 / iterations | "
                    "0.85 / {n}\n(d) | heavy ball α*, β*, ρ* | 0.2309, {b}, 0.5195\n"),
    "bold-table": ("| | quantity | result |\n|---|---|---|\n| **(c)** | rate / iterations (α = 0.15) "
                   "| **0.85 / {n}** |\n| **(d)** | α*, β*, ρ* (heavy ball) | **0.2309, {b}, 0.5195** |\n"),
}


@pytest.mark.parametrize("style", sorted(_QD))
def test_listed_values_in_a_quantity_row_are_read_in_order(solved, style):
    text = _QD[style].format(n=86, b=0.2699)
    assert graded_part(solved, QD, text, "c").verdict == "correct"
    assert graded_part(solved, QD, text, "d").verdict == "correct"


@pytest.mark.parametrize("style", sorted(_QD))
def test_a_wrong_listed_value_is_found_on_its_quantity(solved, style):
    text = _QD[style].format(n=60, b=0.5195)
    c, d = graded_part(solved, QD, text, "c"), graded_part(solved, QD, text, "d")
    assert c.verdict == "incorrect" and all("iterations" in f.message for f in c.findings), \
        c.findings
    assert d.verdict == "incorrect" and all("momentum" in f.message for f in d.findings), \
        d.findings


_DT = ("All-to-all -- every worker ships its whole gradient to the n-1 others.\n"
       "  messages: n(n-1)      size: p\n\n"
       "Parameter server -- n pushes to the server, n pulls back.\n"
       "  messages: 2n          size: p\n\n"
       "Ring all-reduce -- reduce-scatter then all-gather, n-1 steps each.\n"
       "  messages: 2n(n-1)     size: {s}\n\n"
       "Note the ring sends the most messages, but per-worker traffic is about 2p "
       "regardless of n.\n")


def test_a_scheme_named_by_a_dashed_lead_in_owns_the_lines_below(solved):
    assert graded_part(solved, DT, _DT.format(s="p/n"), "main").verdict == "correct"
    part = graded_part(solved, DT, _DT.format(s="p"), "main")
    assert part.verdict != "correct"  # a prose "size: p" is not strong enough to be a wrong answer
    assert all("ring all-reduce: size" in f.message for f in part.findings), part.findings
