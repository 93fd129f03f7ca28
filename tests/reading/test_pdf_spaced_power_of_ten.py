"""Ten and its exponent set on the line by a PDF copy before the unit they count ('p = 10 7
parameters', '1 GB = 10 9 bytes') is the power 10^7; a number before the ten, or no unit after
it, leaves the text as written."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report
from optiproof.reading.normalize import normalize


@pytest.mark.parametrize("raw, read", [
    ("each holds p = 10 7 parameters", "p = 10^7 parameters"),
    ("where 1 GB = 10 9 bytes", "1 GB = 10^9 bytes"),
    ("a message of 4 × 10 7 bytes", "4 × 10^7 bytes"),
])
def test_a_flattened_power_before_its_unit_is_read(raw, read):
    assert read in normalize(raw).text


@pytest.mark.parametrize("raw", ["we have 2 10 7 parameters", "run 10 7 steps", "10 7"])
def test_other_spaced_numbers_stay_as_written(raw):
    assert normalize(raw).text == raw


def test_the_parameter_count_of_a_pdf_copy_is_the_power():
    reading = read_report("A data-parallel job uses n = 16 workers. Each worker holds a gradient "
                          "of p = 10 7 parameters.\n(a) Ring all-reduce: give the total number "
                          "of messages and the total volume.")
    part = reading.parts[0]
    assert part.value("p") == 10 ** 7, [m.reason for m in part.missing]
