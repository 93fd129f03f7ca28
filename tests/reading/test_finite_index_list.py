"""A finite list of step indices ('g_t = 3 for t = 1, 2, 3, 4') says which steps the data
belongs to: its numbers are an index range, not unused data (so the parts stay verified); a
list of values that is not an index ('with c = 1, 2, 3') is not."""

from __future__ import annotations

from optiproof.reading.coverage import _in_range


def _at(text: str, needle: str) -> int:
    return text.index(needle)


def test_a_finite_index_list_is_a_range():
    text = "The gradient is constant, g_t = 3 for t = 1, 2, 3, 4. Compute m_4."
    start = text.index("for t = ") + len("for t = ")
    for k in range(4):
        assert _in_range(text, start + 3 * k), k
    assert not _in_range(text, text.index("3 for"))


def test_values_of_another_letter_are_not_a_range():
    text = "Run it with c = 1, 2, 3 and report the three answers."
    assert not _in_range(text, text.index("1, 2"))
