"""A total asked without a unit right after a count in bytes ("How many bytes does each GPU send?
What is the total volume sent by all GPUs together?") is the total in bytes; a total worded in
elements stays in elements. A numbered question marker alone on its line ("Q4." then the
bullets of the question) starts a part of its own."""

from __future__ import annotations

from optiproof.reading.normalize import normalize
from optiproof.reading.parts import split_parts

from reading_helpers import quantity_values

_SETTING = ("We train a model with 250 million parameters on eight GPUs; gradients are float32 "
            "(4 bytes per value). The gradients are averaged with ring all-reduce.\n\n")


_answers = quantity_values


def test_total_beside_a_count_in_bytes_is_in_bytes():
    got = _answers(_SETTING + "1. How many bytes does each GPU send during one all-reduce? What "
                              "is the total volume sent by all GPUs together?\n"
                              "2. How many floats does each GPU send?")
    assert got["1"] == [("bytes-sent", 1.75e9), ("total-bytes", 8 * 1.75e9)]
    assert got["2"] == [("values-sent", 2 * 7 * 250e6 / 8)]


def test_total_worded_in_values_stays_in_values():
    got = _answers(_SETTING + "How many bytes does each GPU send during one all-reduce, and what "
                              "is the total number of values sent by all GPUs together?")
    assert dict(got["main"])["total-volume"] == 2 * 7 * 250e6


def test_question_marker_alone_on_its_line_starts_a_part():
    text = ("The gradient is g = (2, -4, 4, 8).\n\nQ1. Give the step for the l2 norm.\n\n"
            "Q2. Same question for the l1 norm.\n\nQ3.\n- What is the length of the step "
            "from Q2?\n- How does it compare?\n")
    parts = split_parts(normalize(text).text).parts
    assert [p.label for p in parts] == ["1", "2", "3"]
    assert parts[1].own == "Same question for the l1 norm."
    assert parts[2].own.startswith("- What is the length")
