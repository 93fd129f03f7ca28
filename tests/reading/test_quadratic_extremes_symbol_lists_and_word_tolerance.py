"""Requests of a quadratic's curvature by its Hessian's extreme eigenvalues or by a bare list of
symbols, a tolerance in words ('one in a thousand'), and a count asked of each method of earlier
parts (each method's reading uses the other's name)."""

from __future__ import annotations

from optiproof.reading import read_report
from optiproof.reading.questions import read_questions


def _asked(text: str) -> list:
    return [a.quantity for a in read_questions(text).asks]


def test_the_hessians_extreme_eigenvalues_are_mu_and_l():
    got = _asked("Give the lowest and highest eigenvalue of the Hessian and its condition number.")
    assert got == ["strong-convexity-constant", "smoothness-constant", "condition-number"]
    assert _asked("What is the maximum eigenvalue of the Hessian?") == ["smoothness-constant"]


def test_an_eigenvalue_of_another_matrix_is_not_a_curvature_constant():
    assert "smoothness-constant" not in _asked("What is the largest eigenvalue of the data matrix?")


def test_eigenvalues_of_a_named_matrix_open_a_request():
    assert _asked("Eigenvalues of M, and the condition number.")[:1] == ["eigenvalues"]


def test_a_bare_list_of_symbols_with_a_question_mark_asks_each():
    asks = read_questions("Part one: L, μ and κ?").asks
    assert [a.phrase for a in asks] == ["L", "μ", "κ"]
    assert read_questions("Is it a, b?").asks == ()


def test_curvature_symbols_listed_are_answered():
    reading = read_report("Gradient descent on f(x, y) = 2x^2 + 8y^2.\n(a) μ, L, κ?\n"
                          "(b) What is the optimal step size?")
    part = reading.parts[0]
    assert not part.missing, [m.reason for m in part.missing]
    assert set(part.value("asks")) == {"strong-convexity-constant", "smoothness-constant",
                                       "condition-number"}


def test_one_in_a_thousand_is_the_tolerance():
    reading = read_report("Let f(x, y) = x^2 + 4y^2, gradient descent with the optimal step.\n"
                          "(a) How many iterations until the rate to the power k is below one "
                          "in a thousand?")
    assert reading.parts[0].value("epsilon") == 0.001, [m.reason for m in reading.parts[0].missing]


def test_each_method_of_earlier_parts_uses_both_names():
    reading = read_report(
        "Let f(x, y) = x^2 + 4y^2.\n"
        "(a) Give the optimal step of gradient descent and its rate.\n"
        "(b) Give the optimal parameters of the heavy-ball method and its rate.\n"
        "(c) For each method (gradient descent as in (a), heavy ball as in (b)), how many "
        "iterations make the error at most one in a million of the initial error?")
    subs = [p for p in reading.parts if p.label.startswith("c")]
    assert [p.value("method") for p in subs] == ["gd", "heavy-ball"]
    for p in subs:
        assert not p.missing, [m.reason for m in p.missing]
        assert not p.unused, p.unused
        assert p.value("epsilon") == 1e-6


def test_a_stated_extreme_eigenvalue_or_spectrum_asks_nothing():
    assert _asked("The largest eigenvalue of the Hessian is 10.") == []
    assert _asked("The smallest eigenvalue of the Hessian is 1.") == []
    assert _asked("Eigenvalues of H are 1 and 10.") == []
