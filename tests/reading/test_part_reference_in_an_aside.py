"""A part referred to inside brackets ('(part ii)', '(parts i and ii)') keeps the bracket that
closes the aside when the reference is written out as '(ii)'."""

from __future__ import annotations

import pytest

from optiproof.reading.parts import bracket_references

LABELS = ["i", "ii", "iii"]


@pytest.mark.parametrize("text, expected", [
    ("Using the step from (part i), compute the rate.", "Using the step from (part (i)), compute the rate."),
    ("as in (parts i and ii).", "as in (parts (i) and (ii))."),
    ("(see question ii) for the start", "(see question (ii)) for the start"),
    ("as in part ii) here", "as in part (ii) here"),
    ("repeat part iii with η = 0.1", "repeat part (iii) with η = 0.1"),
])
def test_a_reference_in_an_aside_keeps_its_closing_bracket(text, expected):
    out = bracket_references(text, LABELS)
    assert out == expected
    assert out.count("(") == out.count(")")
