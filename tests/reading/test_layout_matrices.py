"""Matrices an ASCII text draws as bracketed rows on consecutive lines are read as matrices,
and the ½ of a spaced quadratic form is formula structure, not a value left unused."""

from __future__ import annotations

import pytest

from optiproof.reading.coverage import account
from optiproof.reading.normalize import flatten, normalize


@pytest.mark.parametrize("raw, wanted", [
    ("    H = [ 3  1 ]        b = [ 1 ]\n        [ 1  3 ] ,          [ 1 ] .\n",
     ["H = [[3, 1], [1, 3]]", "b = [1, 1]"]),
    ("A = [2 0 0]\n    [0 1 0]\n    [0 0 5]\nFind the rate.", ["A = [[2, 0, 0], [0, 1, 0], [0, 0, 5]]"]),
    ("X = [1, 2]   y = [3]\n    [0, 1]       [4]\n", ["X = [[1, 2], [0, 1]]", "y = [3, 4]"]),
])
def test_bracketed_rows_on_consecutive_lines_are_matrices(raw, wanted):
    text = normalize(raw).text
    for w in wanted:
        assert w in text, text


@pytest.mark.parametrize("raw", [
    "g = [1 2]\nwhere [1 2] is the gradient",             # text besides the brackets below
    "H = [3 1]\n      [1 3 4]",                             # rows of different lengths
    "[1 2]\n[3 4]",                                          # no name on the first line
])
def test_other_bracketed_lines_are_left_as_written(raw):
    assert "[[" not in normalize(raw).text


@pytest.mark.parametrize("text", [
    "Let f(θ) = 1/2 θ^THθ - b^Tθ with H = [[3, 1], [1, 3]].",
    "L(w) = 1/2 ‖Xw - y‖^2 with X = [[1, 2]].",
    "f(x) = 1/2 (x_1^2 + 4x_2^2).",
])
def test_the_half_of_a_spaced_quadratic_form_is_structure(text):
    flat = flatten(normalize(text).text)
    half = [u for u in account(flat, []) if u.text == "1/2"]
    assert half and half[0].status == "structure"


def test_a_half_that_is_a_value_stays_data():
    flat = flatten(normalize("Take the step α = 1/2 and run GD.").text)
    half = [u for u in account(flat, []) if u.text == "1/2"]
    assert half and half[0].status == "unused"
