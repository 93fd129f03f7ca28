"""A rate asked 'with my 0.04' is the rate at the step 0.04; 'what is that rate' after an
optimal step asks the optimal rate; 'the best possible factor' is the optimal rate; a later
'with that optimal step' takes the earlier part's optimum even where it also set a step."""

from __future__ import annotations

from optiproof.reading import read_report

TEXT = ("I run gradient descent on f(x, y) = 2x^2 + 8y^2.\n"
        "1) Which step gives the fastest worst-case rate, and what is that rate? And what rate do "
        "I get with my 0.04?\n"
        "2) With that optimal step, how many iterations until the error is at most 1e-3 of the "
        "initial error?\n"
        "3) The contraction factor at lr = 0.1 and the best possible factor.")


def test_a_bare_number_a_rate_is_asked_at_is_the_step():
    parts = {p.label: p for p in read_report(TEXT).parts}
    one = parts["1"]
    assert not one.missing, [m.reason for m in one.missing]
    assert one.value("alpha") == 0.04
    assert set(one.value("asks")) == {"optimal-step", "rate", "optimal-rate"}


def test_that_optimal_step_is_the_earlier_optimum():
    parts = {p.label: p for p in read_report(TEXT).parts}
    two = parts["2"]
    assert not two.missing, [m.reason for m in two.missing]
    assert two.value("alpha") == "1/10"


def test_the_best_possible_factor_is_the_optimal_rate():
    parts = {p.label: p for p in read_report(TEXT).parts}
    three = parts["3"]
    assert "optimal-rate" in three.value("asks") and "rate" in three.value("asks")


def test_a_bare_number_naming_another_parameter_is_no_step():
    from optiproof.families.quadratic_dynamics.reader import _bare_step

    assert _bare_step("what rate do we get with a 0.9 momentum?") is None
    assert _bare_step("what rate am I getting with my 0.05?")[0].text == "0.05"
