"""A new name for a symbol the problem gives a value (``Let η = α``) is a definition: an answer
written with the new name is graded as written with the given one, in several styles; a
renaming to the wrong given is still found."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"

_MOMENTS = ("$$m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t,\\qquad v_t = \\beta_2 v_{t-1} + "
            "(1-\\beta_2) g_t^2$$\n\nwith $\\hat m_t = m_t/(1-\\beta_1^t)$ and "
            "$\\hat v_t = v_t/(1-\\beta_2^t)$.\n\n").replace("{", "{{").replace("}", "}}")

_STYLES = {
    "plain": ("(a) Let eta = {name} (the base learning rate).\n\n" + _MOMENTS
              + "theta_t = theta_{{t-1}} - eta*mhat_t/(sqrt(vhat_t) + eps)\n"),
    "latex": ("(a) Write $\\eta := {latex}$ for the step size.\n\n" + _MOMENTS
              + "$$\\theta_t = \\theta_{{t-1}} - \\eta\\,\\frac{{\\hat m_t}}{{\\sqrt{{\\hat v_t}}"
              "+\\epsilon}}$$\n"),
    "unicode": ("**(a)** Notation: η = {uni}.\n\n" + _MOMENTS
                + "- update: θₜ = θₜ₋₁ − η·m̂ₜ/(√v̂ₜ + ε)\n"),
}
_NAMES = {"right": ("alpha", "\\alpha", "α"), "wrong": ("beta_1", "\\beta_1", "β₁")}


def _answer(style: str, which: str) -> str:
    name, latex, uni = _NAMES[which]
    return _STYLES[style].format(name=name, latex=latex, uni=uni)


@pytest.mark.parametrize("style", sorted(_STYLES))
def test_an_update_written_with_a_new_name_for_the_given_rate_is_correct(solved, style):
    part = graded_part(solved, ADAM, _answer(style, "right"), "a")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("style", sorted(_STYLES))
def test_a_new_name_for_the_wrong_given_is_a_wrong_update(solved, style):
    part = graded_part(solved, ADAM, _answer(style, "wrong"), "a")
    assert part.verdict == "incorrect", part.findings
    assert "wrong-answer" in finding_kinds(part)
