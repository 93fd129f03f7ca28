"""PDF copy: words that lost their fi/ff ligature ('de ne', 'nd the minimiser', 'signi cant')
read whole; a page number on the line below the running header, a page written 'lecture–page'
('7–12') on the last line, and the section number a text opens with ('7.3 Steepest descent
...') label the text and are no data."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report
from optiproof.reading.normalize import normalize


@pytest.mark.parametrize("garbled, whole", [
    ("We de ne the step as", "We define the step as"),
    ("and nd the minimiser u", "and find the minimiser u"),
    ("to 3 signi cant digits", "to 3 significant digits"),
    ("the e ective step and its coe cients", "the effective step and its coefficients"),
])
def test_lost_ligature_words_read_whole(garbled, whole):
    assert whole in normalize(garbled).text


def test_words_that_merely_look_alike_stay():
    text = "Find the 2nd and 3rd entries; the fixed point is found."
    assert normalize(text).text.strip() == text


GARBLED = """Intro to Optimisation                                  Homework 4
9

4.2 Trust regions in other norms
Exercise 4.2. Let g = (2, -1, 4)^T and eta = 0.1.
(a) For the max-norm ||u||_inf <= eta, nd the minimiser u* of g^T u subject to ||u||_inf <= eta
and the minimal value.
(b) Give the minimal value to 3 signi cant digits.
                                                      4-9
"""


def test_garbled_sheet_reads_complete_with_its_marks_set_aside():
    reading = read_report(GARBLED)
    assert reading.complete, reading.unread()
    (a, b) = reading.parts
    assert "update" in a.value("asks") and "min-value" in a.value("asks")
    shown = " ".join(reading.removed)
    assert "'9'" in shown and "4-9" in shown
    assert [n.text for n in reading.numbers if n.status == "unused"] == []


def test_a_lone_number_inside_the_text_is_still_data():
    text = ("Let g = (2, -1, 4) and the radius be\n9\nfor the step argmin g^T u s.t. "
            "||u||_inf <= eta. (a) Find u*.")
    reading = read_report(text)
    assert not any("page number '9'" in r for r in reading.removed)
