"""A parenthesised matrix a PDF copy broke into bare rows under its name, its opening
parenthesis lost and the closing one left alone on the next line as '!' (a large parenthesis
piece) or ')': read as the matrix it is. Rows of unequal length, or rows not closed by such a
piece, are left as written."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report
from optiproof.reading.normalize import normalize


@pytest.mark.parametrize("close", ["!", ")", "  !"])
def test_rows_closed_by_a_lone_parenthesis_piece(close):
    raw = f"Let f(θ) = θᵀAθ with A =\n 5 2\n2 2\n{close}\n. We run GD.\n"
    got = normalize(raw)
    assert "A = [[5, 2], [2, 2]]" in got.text
    assert any("parenthesis piece" in n for n in got.notes)


def test_rows_of_unequal_length_or_without_the_piece_stay_as_written():
    for raw in ("with A =\n 5 2\n2 2 1\n!\n", "with A =\n 5 2\n2 2\nand more\n"):
        assert "[[" not in normalize(raw).text


def test_a_garbled_gradient_matrix_is_the_gradient():
    text = ("Suppose the gradient of the loss at the current iterate is\nG = ∇\nW L =\n 1 2\n"
            "2 −2\n!\n.\nWe consider min_∆ hG, ∆i subject to k∆k ≤ η, where η = 0.1.\n"
            "(a) Take k · k to be the spectral norm. Find the optimal update ∆?.\n"
            "(b) What is the optimal value of hG, ∆?i in (a)?\n")
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    for part in reading.parts:
        assert part.value("gradient") == [[1, 2], [2, -2]]
