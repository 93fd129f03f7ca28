"""A minimiser stated as a bare 0 ("minimiser w* = 0", the origin) is read: a convention with its
source when f has no linear term, refused naming it when a non-zero b was read."""

from __future__ import annotations

from optiproof.reading import read_report


def test_the_origin_stated_as_minimiser_is_used():
    reading = read_report("Sheet\n\nLet f(w) = ½wᵀHw, H = diag(9, 1), with minimiser w* = 0.\n"
                          "(a) What is the condition number of H?")
    assert reading.complete and reading.unused == []
    assert any(c.name == "minimiser" for p in reading.parts for c in p.conventions)


def test_the_origin_with_a_linear_term_is_refused():
    reading = read_report("Sheet\n\nf(w) = ½wᵀHw − bᵀw with H = diag(9, 1), b = (2, 0) and the "
                          "minimiser w* = 0.\n(a) What is the condition number of H?")
    assert not reading.complete
    assert any("w* = 0" in line and "non-zero b" in line for line in reading.unread())
