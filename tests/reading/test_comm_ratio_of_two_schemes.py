"""A ratio of one cost of two schemes, asked in the ways texts write it: a quotient of the
quantity applied to each scheme ("ratio total-bytes(all-to-all) / total-bytes(ring)"), "ratio
of <cost> A vs B", "the ratio of <cost> of A to that of B" (with A a scheme the text names by a
word of its own, "the naïve scheme", and describes), and a quotient of time symbols whose
subscripts a PDF copy put on the line after the T ("T tree/T ring"). The first named is the
numerator; a name that no description fixes is refused. A unit the text defines without the
leading 1 ("use MB = 10^6 bytes") is read as the definition."""

from __future__ import annotations

from fractions import Fraction

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_SETUP = ("8 workers, a model with 10^6 parameters, gradients in fp32 (4 bytes each). Each "
          "message of m bytes costs α + m/β with α = 5 µs and β = 10 GB/s.\n\n"
          "(a) Ring all-reduce: how many bytes does each worker send?\n\n(b) ")


def _ratio(text: str) -> Fraction:
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    data = solve_problem(reading.to_problem(),
                         SolveOptions(figures=False, run_witnesses=False)).to_dict()
    part = data["parts"][-1]
    (ratio,) = [a for a in part["answers"] if a["quantity"] == "ratio"]
    return Fraction(ratio["expr"])


@pytest.mark.parametrize("ask", [
    "What is the ratio total-bytes(all-to-all) / total-bytes(ring)?",
    "Give the ratio of total bytes sent (summed over all senders) all-to-all vs ring.",
    "In the naïve scheme every worker sends its full gradient to each of the other workers. "
    "What is the ratio of the total bytes sent of the naïve scheme to that of the ring "
    "all-reduce?",
])
def test_all_to_all_over_ring_is_n_over_2(ask):
    assert _ratio(_SETUP + ask) == 4   # n(n-1)p / (2(n-1)p) = n/2


def test_the_first_named_is_the_numerator():
    assert _ratio(_SETUP + "Give the ratio total-bytes(ring) / total-bytes(all-to-all).") == \
        Fraction(1, 4)


def test_a_name_no_description_fixes_is_refused():
    reading = read_report(_SETUP + "What is the ratio of the total bytes sent of the naïve "
                                   "scheme to that of the ring all-reduce?")
    assert not reading.complete
    assert any("the two quantities of the ratio are not each one cost" in line
               for line in reading.unread())


def test_time_symbols_with_their_subscripts_on_the_next_line():
    value = _ratio(_SETUP.replace("(b) ", "") + "(b) Tree all-reduce (binary tree, full "
                   "gradient per message): give the ratio T\ntree/T\nring.")
    # ring: 14 (5e-6 + 5e5/1e10) ; tree: 6 (5e-6 + 4e6/1e10)
    assert value == Fraction(6 * (5 * 10**4 + 4 * 10**6), 14 * (5 * 10**4 + 5 * 10**5))


def test_a_unit_defined_without_the_leading_one():
    reading = read_report(_SETUP + "How many bytes does each worker send in the ring? Use MB = "
                                   "10^6 bytes pls.")
    assert reading.complete, "\n".join(reading.unread())
    reading = read_report(_SETUP + "How many bytes does each worker send in the ring? Use MB = "
                                   "2^20 bytes.")
    assert any("a MB of 2^20 bytes is not supported" in line for line in reading.unread())
