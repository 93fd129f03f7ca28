"""The matrix of a written quadratic form is the Hessian whatever the letters: the function's
name, its variable and the matrix's letter (Latin or capital Greek) do not matter."""

from __future__ import annotations

from optiproof.reading import read_report


def _part(text: str):
    reading = read_report(text)
    return reading.parts[0]


def test_a_form_named_h_in_u_with_matrix_b_gives_the_hessian():
    part = _part("Let h(u) = 1/2 u^T B u with B = [[4, 0], [0, 1]].\n"
                 "(a) What is the condition number?")
    assert part.value("H") == [[4, 0], [0, 1]], [m.reason for m in part.missing]


def test_a_capital_greek_matrix_is_read_as_the_hessian():
    part = _part("Consider p(y) = ½ yᵀΣy where Σ = diag(2, 8).\n"
                 "(a) Give the smoothness constant L.")
    assert part.value("H") == [[2, 0], [0, 8]], [m.reason for m in part.missing]


def test_without_the_half_the_hessian_is_twice_the_matrix():
    part = _part("Let r(s) = s^T M s with M = [[3, 1], [1, 3]].\n"
                 "(a) Find the condition number.")
    assert part.value("H") == [[6, 2], [2, 6]], [m.reason for m in part.missing]
