"""'Compare with GD at the same lr.' after a momentum method's request: the part's requests are
asked of plain gradient descent too, at the settings the part states (one reading per method);
a comparison that changes a setting is not read as the same request."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

_SETUP = ("Let f(x) = 1/2 x^T A x with A = diag(1, 3).\n"
          "(a) What is the condition number?\n")


@pytest.mark.parametrize("part", [
    "(b) Heavy ball with step 0.2 and momentum 0.1: what is its convergence rate? "
    "Compare with GD at the same step size.",
    "(b) Run heavy ball, $\\alpha = 0.2$, $\\beta = 0.1$. Give the rate $\\rho$. "
    "Now contrast this with plain gradient descent using the same $\\alpha$.",
    "(b) ok so heavy-ball w/ lr = 0.2 and momentum 0.1 -- what's the convergence rate?? "
    "compare it to vanilla GD with the same lr",
])
def test_the_comparison_asks_the_same_of_gradient_descent(part: str):
    report = read_report(_SETUP + part)
    parts = {p.label: p for p in report.parts}
    assert {parts["b.1"].value("method"), parts["b.2"].value("method")} == {"heavy-ball", "gd"}
    gd = parts["b.1"] if parts["b.1"].value("method") == "gd" else parts["b.2"]
    assert str(gd.value("alpha")) in ("0.2", "1/5")
    assert "rate" in gd.value("asks")
    assert report.complete, report.unread()


def test_a_comparison_at_another_setting_is_not_the_same_request():
    report = read_report(_SETUP + "(b) Heavy ball with step 0.2 and momentum 0.1: what is its "
                                  "convergence rate? Compare with GD at step 0.3.")
    assert not report.complete
    assert any("Compare with GD at step 0.3" in u for u in report.unread())
