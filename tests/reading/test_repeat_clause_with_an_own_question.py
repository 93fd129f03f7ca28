""""Repeat (i) for the ℓ1 norm and say which method takes such steps": a sentence that repeats an
earlier part and asks more asks both — what the repeated part asked, under the new setting, and
its own question; the repeat clause is not an item left to place."""

from __future__ import annotations

from optiproof.reading import read_report

TEXT = ("Let the gradient be g = (2, -5, 1) and eta = 0.1; the step is argmin g^T u subject to "
        "||u|| <= eta.\n"
        "(i) For the max-norm ||u||_inf, find the minimiser u* and the minimal value.\n"
        "(ii) Repeat (i) with the l_1 norm ||u||_1 and name the classical method taking such "
        "steps.\n")


def test_repeat_and_ask_reads_both():
    reading = read_report(TEXT)
    assert reading.complete, reading.unread()
    second = reading.parts[1]
    assert second.value("norm") == "l1"
    assert {"update", "min-value", "optimizer"} <= set(second.value("asks"))


def test_repeat_alone_asks_what_the_part_asked():
    reading = read_report(TEXT.replace(" and name the classical method taking such steps", ""))
    assert reading.complete, reading.unread()
    assert {"update", "min-value"} <= set(reading.parts[1].value("asks"))
