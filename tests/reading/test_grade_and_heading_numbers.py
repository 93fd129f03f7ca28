"""Numbers that grade or head a sheet are labels, not unused data: 'problem 3 is worth 12',
'each part is worth 5 points', and the number of an exercise heading left after a header line
('Due Friday 3. Implicit regularization of GD. Let ...'). A number ending a sentence ('the step
is 3. Then ...') stays a value."""

from __future__ import annotations

from optiproof.reading.coverage import _is_label


def _label(flat: str, number: str, nth: int = 0) -> bool:
    at = -1
    for _ in range(nth + 1):
        at = flat.index(number, at + 1)
    return _is_label(flat, at, at + len(number))


def test_a_grade_is_a_label():
    assert _label("Problem set 4 is worth 40 points; problem 3 is worth 12.", "12")
    assert _label("Each part is worth 5, the bonus 2.", "5")
    assert _label("(this one's worth 10 pts)", "10")


def test_the_number_of_a_heading_after_a_header_line():
    assert _label("Due Friday 3. Implicit regularization of gradient descent. Let X = A.", "3")
    assert _label("Spring Term 2. Sign descent on one example: take a = (3, 1).", "2")


def test_a_value_ending_a_sentence_is_not_a_label():
    assert not _label("the step is 3. Then run it again from the start.", "3")
    assert not _label("Set the Rate 3. Then run.", "3")
    assert not _label("x = 3. Implicit regularization of gradient descent. Let", "3")
