"""A parenthesis that explains the method a part runs by another optimizer ('(think of it as
RMSprop with its averages frozen)') is a gloss, not a second method: the part runs one method
and keeps its own label. A part that names an earlier sub-question by its dotted number ('the
method of Problem 2.1') runs that part's method."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

from reading_helpers import solved_verified

TEXT = ("Problem 2 (one sample). Take a = (1, 2), target b = 4 and the loss "
        "L(w) = 1/2 (a^T w - b)^2, with w_0 = (0, 0).\n\n"
        "Problem 2.1  Preconditioned gradient descent w <- w - lr * P grad L(w) with "
        "P = diag(2, 1) {gloss}. Where does it converge?\n\n"
        "Problem 2.2  For the method of Problem 2.1, up to which lr does the iteration "
        "converge?\n")


@pytest.mark.parametrize("gloss", ["(think of it as RMSprop with its averages frozen)",
                                   "(i.e. Adagrad whose accumulators never change)"])
def test_gloss_is_not_a_second_method(gloss):
    reading = read_report(TEXT.format(gloss=gloss))
    assert reading.complete, "\n".join(reading.unread())
    labels = [p.label for p in reading.parts]
    assert labels == ["1", "2"]
    first = reading.parts[0].fields["method"].value
    assert first == {"name": "preconditioned", "P": [2, 1]}


def test_dotted_reference_runs_that_parts_method():
    data = solved_verified(TEXT.format(gloss="(think: Adagrad with frozen accumulators)"))
    parts = {p["label"]: p for p in data["parts"]}
    limit = next(a for a in parts["1"]["answers"] if a["quantity"] == "limit")
    # P a b / (a^T P a) = (2, 2) * 4 / 6
    assert limit["value"] == pytest.approx([4 / 3, 4 / 3])
    step = next(a for a in parts["2"]["answers"] if a["quantity"] == "max-step")
    # the nonzero eigenvalue of P a a^T is a^T P a = 6: lr < 2/6
    assert step["value"] == pytest.approx(1 / 3)


def test_a_second_method_named_outside_the_parenthesis_stays_a_method():
    text = ("One sample a = (1, 2), b = 4, loss L(w) = 1/2 (a^T w - b)^2, start w_0 = 0.\n\n"
            "(a) Run gradient descent (and, separately, sign descent) with a small lr. Where does "
            "each converge?\n")
    reading = read_report(text)
    assert len([p for p in reading.parts if p.label.startswith("a")]) == 2
