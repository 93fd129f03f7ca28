"""An asker's attempt that opens an aside in parentheses ("(I got u* = -g/2 but my friend says
that's the l2 answer lol)") is set aside whole: what a friend got is no more data than what the
asker got, so the norm it names does not compete with the part's. A value whose own
parenthesis the attempt leaves open is set aside as before, and the rest is still read."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report
from optiproof.reading.attempts import drop_attempts

_POST = ("hey all, gradient at the current point is\n\ng = [{g}]\n\nand the step is\n\n"
         "u* = argmin_u  g^T u + (lam/2) * ||u||_1^2     with lam = 2\n\n"
         "1) what is u* for the l1 norm? ({aside})\n"
         "2) what's the min value of the objective at u*?\n")


@pytest.mark.parametrize("aside", [
    "I got u* = -g/2 but my friend says that's the l2 answer lol",
    "I got u* = -g but a friend thinks that is the l_inf step",
])
@pytest.mark.parametrize("g", ["1, -3, 2, 0.5", "2, 1"])
def test_an_attempt_aside_is_set_aside_whole(aside, g):
    reading = read_report(_POST.format(g=g, aside=aside))
    assert reading.complete, "\n".join(reading.unread())
    assert [p.value("norm") for p in reading.parts] == ["l1", "l1"]


def test_an_open_parenthesis_of_the_value_is_not_taken_for_the_aside():
    removed: list[str] = []
    text = "1) Find d* and the min value. (I got d* = -0.5*(3,0) = (-1.5, 0) but that's GD??)"
    out = drop_attempts(text, removed)
    assert "(-1.5, 0) but that's GD??)" in out
    assert removed and "-0.5*(3" in removed[0]
