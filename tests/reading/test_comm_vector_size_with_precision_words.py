"""A gradient's length named with its precision between the count and the noun ('a vector of m
double-precision values', 'q = 10 5 half-precision ﬂoats' of a PDF copy, its exponent set on
the line and its ligature kept) is the parameter count; a butterfly partner 'j ⊕ 2 r' of a PDF
copy is j ⊕ 2^r."""

from __future__ import annotations

from optiproof.families.communication.roles import candidates
from optiproof.reading import read_report
from optiproof.reading.normalize import normalize


def test_a_letter_before_a_precision_word_counts_the_values():
    got = candidates("Every rank keeps a gradient array of m double-precision values.",
                     "parameters")
    assert [(c.kind, c.value) for c in got] == [("letter", "m")]


def test_a_flattened_power_before_a_precision_word_is_the_power():
    text = normalize("Eight GPUs each store a vector of q = 10 5 half-precision ﬂoats.").text
    assert "q = 10^5 half-precision floats" in text


def test_a_spaced_ten_before_another_word_stays():
    assert normalize("we ran 10 5 noisy trials").text == "we ran 10 5 noisy trials"


def test_a_flattened_xor_offset_is_a_power_of_two():
    text = normalize("in round r worker j swaps its buffer with worker j ⊕ 2 r and adds.").text
    assert "j ⊕ 2^r" in text


def test_the_count_in_a_letter_answers_in_that_letter():
    reading = read_report(
        "Sixteen GPUs each keep a gradient array of m double-precision values (8 bytes each).\n"
        "(a) With ring all-reduce, how many values does one GPU send, in terms of m?")
    part = reading.parts[0]
    assert part.value("p") == "m", [x.reason for x in part.missing]
    assert part.value("n") == 16
    assert reading.complete, reading.unread()


def test_a_pdf_copy_of_the_count_is_read_as_a_number():
    reading = read_report(
        "Exercise 2. Eight workers each hold a gradient of q = 10 5 half-precision ﬂoats (2 bytes\n"
        "per ﬂoat).\n(a) With ring all-reduce, how many bytes does each worker send?")
    part = reading.parts[0]
    assert part.value("p") == 10 ** 5, [x.reason for x in part.missing]
    assert reading.complete, reading.unread()
