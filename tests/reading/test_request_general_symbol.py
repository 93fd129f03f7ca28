"""A value asked "for a general g" while the reading took the given g is refused naming the
phrase (answering for the given numbers would answer another question); a name asked for general
g is not."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

_ADAM = ("Adam with beta1 = 0.9, beta2 = 0.999, lr = 0.01 and eps = 0; moments start at zero and "
         "the first gradient is g_1 = (1, -2, 4). ")


@pytest.mark.parametrize("question, phrase", [
    ("Set beta1 = beta2 = 0. What is the update for a general gradient g?",
     "for a general gradient g"),
    ("Set $\\beta_1 = \\beta_2 = 0$. What is the update for an arbitrary gradient $g_t$?",
     "for an arbitrary gradient g_t"),
    ("with beta1=beta2=0 whats the update for any g??", "for any g"),
])
def test_a_value_for_a_general_symbol_given_as_numbers_is_refused(question, phrase):
    reading = read_report(_ADAM + question)
    assert not reading.complete   # refused (another family may be tried and name its own gaps)
    adam = [p for p in reading.parts if p.family == "adam-mechanics"]
    assert not adam or any(phrase in m.reason for p in adam for m in p.missing), reading.unread()


def test_a_name_for_general_g_is_answered():
    reading = read_report("The gradient is g = (3, -1, 2). The step is argmin_d g^T d subject to "
                          "‖d‖_∞ ≤ 1. Find d*. Which optimizer does this correspond to (for "
                          "general g)?")
    assert not any("general" in line for line in reading.unread()), reading.unread()


def test_a_remark_for_any_g_is_not_a_request_for_a_formula():
    reading = read_report(_ADAM + "Compute the first update. What does the first step look like "
                          "in general (for any g_1 with non-zero entries)?")
    assert not any("general" in line for line in reading.unread()), reading.unread()
