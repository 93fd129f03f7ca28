"""'the smallest and largest Hessian eigenvalues' asks μ and L; 'reduce the error by a factor of
ten thousand' is the factor 10^4; a start the text states is accounted for, with its reason, by
a part whose asked quantities no start changes (and not by one asking an iteration count)."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report


def _parts(text: str):
    report = read_report(text)
    return report, {p.label: p for p in report.parts}


@pytest.mark.parametrize("ask", [
    "(a) What are the smallest and largest Hessian eigenvalues?",
    "(a) state the lowest and the highest hessian eigenvalue",
    "(a) Give the maximum Hessian eigenvalue and the minimum Hessian eigenvalue.",
])
def test_extreme_hessian_eigenvalues_are_mu_and_l(ask: str):
    _, parts = _parts("Let f(x, y) = 2x^2 + 5y^2.\n" + ask + "\n(b) What is the condition number?")
    assert set(parts["a"].value("asks")) == {"strong-convexity-constant", "smoothness-constant"}


def test_a_stated_extreme_hessian_eigenvalue_is_not_asked():
    _, parts = _parts("The largest Hessian eigenvalue is 10 and the smallest Hessian eigenvalue is "
                      "2.\n(a) What is the condition number?\n(b) What is the optimal step?")
    assert parts["a"].value("asks") == ["condition-number"]


@pytest.mark.parametrize("words, factor", [
    ("reduce the error by a factor of ten thousand", 10**4),
    ("shrink the distance to the minimiser by a hundred thousand", 10**5),
    ("cut the error by a factor of ten million", 10**7),
])
def test_a_factor_in_words(words: str, factor: int):
    _, parts = _parts("Let f(x, y) = x^2 + 4y^2, run gradient descent with its optimal step.\n"
                      "(a) What is the rate?\n"
                      f"(b) How many iterations does it take to {words}?")
    assert parts["b"].value("epsilon") == pytest.approx(1 / factor)


@pytest.mark.parametrize("start", ["started from w0 = (3, -2)", "starting at (3, -2)",
                                   "initialised at w_0 = (3, -2)"])
def test_a_start_no_asked_quantity_needs_is_accounted_for(start: str):
    report, parts = _parts(f"Consider f(w) = 0.5*w1^2 + 8*w2^2, {start}, and gradient descent.\n"
                           "(a) What is the condition number?\n"
                           "(b) Give the optimal step and its contraction factor.")
    assert report.complete, report.unread()
    assert any(c.name == "start not needed" for c in parts["a"].conventions)


def test_an_iteration_count_does_not_set_the_start_aside():
    report, parts = _parts("Consider f(w) = 0.5*w1^2 + 8*w2^2, started from w0 = (3, -2), and "
                           "gradient descent with its optimal step.\n"
                           "(a) How many iterations until the error is below 10^-3?\n"
                           "(b) What is the value f(w_2)?")
    assert not any(c.name == "start not needed" for c in parts["a"].conventions)
