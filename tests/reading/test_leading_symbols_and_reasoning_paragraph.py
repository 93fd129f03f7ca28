"""Symbols that open a request before a named ask ('L, μ and the condition number of g') are each
asked; a paragraph of the asker's own reasoning ('My reasoning: ... so it should be 1/4') is the
asker's claim, set aside with its numbers, never data."""

from __future__ import annotations

from optiproof.reading import read_report
from optiproof.reading.questions import read_questions


def _asked(text: str) -> list:
    return [(a.quantity, a.phrase) for a in read_questions(text).asks]


def test_symbols_before_a_named_ask_are_each_asked():
    assert _asked("L, μ and the condition number of g.") == [
        (None, "L"), (None, "μ"), ("condition-number", "condition number")]


def test_symbols_in_a_statement_are_not_asked():
    assert _asked("μ and the step size are given.") == []


def test_a_reasoning_paragraph_is_the_askers_claim():
    text = ("Subject: stuck on a GD exercise, help?\n\n"
            "The function is g(u, v) = 3u^2 + v^2 and we use gradient descent.\n\n"
            "My reasoning: the top coefficient is 3 so the largest step should be 2/3, and 0.5 "
            "looked fine when I ran it. Where is my mistake?\n\n"
            "(1) L, μ and the condition number of g.\n"
            "(2) The largest step size for which gradient descent converges.\n")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert any("My reasoning" in x for x in reading.removed)
    assert set(reading.parts[0].value("asks")) == {
        "smoothness-constant", "strong-convexity-constant", "condition-number"}
