"""Data points named by letters in order ('point A: features (1, 0, 1), label 1', 'point B: …')
are the rows of the data, in that order; letters that skip one are not read as rows."""

from __future__ import annotations

from optiproof.families.implicit_bias import datawords
from optiproof.reading import read_report

_TAIL = "\n(a) Gradient descent from θ_0 = 0 on the squared loss: where does it converge?"


def test_points_named_by_letters_are_the_rows():
    text = ("3 weights, two data points\n  point A: features (1, 0, 1), label 1\n"
            "  point B: features (0, 1, 1), label 2\n")
    reading = read_report(text + _TAIL)
    part = reading.parts[0]
    assert part.fields["X"].value == [[1, 0, 1], [0, 1, 1]], [m.reason for m in part.missing]
    assert part.fields["y"].value == [1, 2]


def test_letters_that_skip_one_are_not_rows():
    text = "point A: features (1, 0), label 1\npoint C: features (0, 1), label 2\n"
    assert datawords.described_rows(text, text) is None
