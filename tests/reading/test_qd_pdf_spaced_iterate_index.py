"""A PDF copy of a quadratic problem that sets the iterate's index one space apart ('w k+1 = wk
- γ∇f (wk )') beside norm bars printed as 'k': the update is read as an update (no norm swallows
'k+1 = wk'), and the start's norm with a flattened index ('kw0 k2') is the error's norm."""

from __future__ import annotations

from optiproof.reading import read_report
from optiproof.reading.normalize import normalize

PDF = ("Homework 2, exercise 4. Take f (w) = 1\n2 w>Qw with Q = diag(2, 8) and w0 = (1, 1)>.\n"
       "(a) For the update w k+1 = wk − γ∇f (wk ), what is the largest step size γ for which it\n"
       "converges? Give also the condition number κ.\n"
       "(b) With the best constant step size, how many iterations k are needed so that\n"
       "kwk k2 ≤ 10−3 kw0 k2 ?\n")


def test_the_spaced_index_is_the_next_iterate_not_a_norm():
    text = normalize(PDF).text
    assert "w_{k+1} = wk" in text
    assert "‖+1" not in text and "‖w_k‖_2" in text


def test_the_pdf_problem_is_read_completely():
    reading = read_report(PDF)
    assert reading.complete, reading.unread()
    a, b = reading.parts
    assert a.value("asks") == ["max-step", "condition-number"]
    assert "iterations" in b.value("asks") and b.value("epsilon") == 0.001
    assert not b.unused   # '‖w0‖_2' is the norm of the start the error is measured against


def test_a_norm_is_never_an_assignment():
    text = normalize("kdk is small; we run x k+1 = xk − η∇f (xk ) until kxk − x? k2 ≤ 0.1.").text
    assert "‖d‖" in text and "x_{k+1} = xk" in text and "‖x_k - x^*‖" in text
