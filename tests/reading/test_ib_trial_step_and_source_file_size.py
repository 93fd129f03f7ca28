"""'Would lr = 0.3 work?' / 'Does η = 1 converge?' beside the largest stable step asks whether
the method converges at that step: a trial, answered yes exactly when it is below the bound
(checked by the real optimizer run at it), while the run itself keeps a convergent step. The
size of the file a single example was cut from ('one row of a 500-row csv; the other rows were
dropped') is a remark, not data."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

from reading_helpers import solved_verified

TEXT = ("One example a = (1, 2), target b = 5, loss L(w) = 1/2 (a^T w - b)^2, start w_0 = 0.\n\n"
        "(a) Plain gradient descent with a small step: where does it converge?\n"
        "(b) What is the largest step size for which gradient descent converges? {trial}\n")


def _answers(text: str, label: str) -> dict:
    data = solved_verified(text)
    part = next(p for p in data["parts"] if p["label"] == label)
    return {a["quantity"]: a["value"] for a in part["answers"]}


@pytest.mark.parametrize("trial, converges", [
    ("Would lr = 0.5 work?", False),        # bound 2/||a||^2 = 2/5
    ("Would a step size of 0.3 work?", True),
    ("Does η = 0.4 converge?", False),      # at the bound itself: not strictly below
    ("Is lr = 0.1 ok for gradient descent?", True),
    ("Is a step size of 0.6 supposed to converge here?", False),
])
def test_a_trial_step_is_answered_against_the_bound(trial, converges):
    got = _answers(TEXT.format(trial=trial), "b")
    assert got["max-step"] == pytest.approx(0.4)
    assert got["converges"] is converges
    assert got["limit"] == pytest.approx([1, 2])


def test_the_trial_step_is_not_the_runs_step():
    reading = read_report(TEXT.format(trial="Would lr = 0.5 work?"))
    b = next(p for p in reading.parts if p.label == "b")
    assert b.fields["trial_steps"].value == [0.5]
    assert b.fields["method"].value == "gd"


def test_source_file_size_is_a_remark():
    text = ("Data: one example a = (1, 2) with target b = 5 (it was one row of a 500-row csv; "
            "the other rows were dropped). Loss L(w) = 1/2 (a^T w - b)^2, w_0 = 0.\n\n"
            "(a) Where does plain gradient descent with a small step converge?\n")
    got = _answers(text, "a")
    assert got["limit"] == pytest.approx([1, 2])


def test_a_file_size_without_the_rows_dropped_still_counts():
    text = ("Data: one example a = (1, 2) with target b = 5 from a 500-row csv. Loss "
            "L(w) = 1/2 (a^T w - b)^2, w_0 = 0.\n\n"
            "(a) Where does plain gradient descent with a small step converge?\n")
    reading = read_report(text)
    assert "500" in reading.unused


def test_a_trial_step_of_a_method_without_a_derived_bound_is_refused():
    text = ("One example a = (1, 2), target b = 5, loss L(w) = 1/2 (a^T w - b)^2, start w_0 = 0.\n\n"
            "(a) Plain gradient descent with a small step: where does it converge?\n"
            "(b) With Adam at lr = 0.1: is lr = 0.1 supposed to converge here?\n")
    reading = read_report(text)
    assert not reading.complete
    assert any("lr = 0.1 supposed to converge" in line for line in reading.unread())
