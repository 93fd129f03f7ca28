"""A spec may answer more than its question text asks (it names the optimizer, while the text
asks only for the step and its value): a document is required to answer what the text asks,
and what only the spec asks is graded when stated, never reported unanswered."""

from __future__ import annotations

from functools import lru_cache

from conftest import finding_kinds

from optiproof.checking import check_answer

_SPEC = """title: Two penalties on one gradient
context:
  gradient: [4, -2]
  alpha: 1
parts:
  - label: a
    family: steepest-descent
    question: With g = (4, -2) and α = 1, give the step for the squared l2 penalty and {extra}.
    norm: l2
    asks: [update, optimizer, min-value]
  - label: b
    family: steepest-descent
    question: Now the squared max-norm penalty instead.
    norm: linf
    asks: [update, optimizer, min-value]
"""


@lru_cache(maxsize=None)
def _solved(extra: str):
    from optiproof.core.options import SolveOptions
    from optiproof.loading import load_problem_any
    from optiproof.pipeline import solve_problem
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "two-penalties.yaml"
        path.write_text(_SPEC.format(extra=extra), encoding="utf-8")
        return solve_problem(load_problem_any(str(path)), SolveOptions(figures=False))


_NO_NAME = ("(a) The step is d = (-2, 1), and the optimal value is -5.\n\n"
            "(b) The step is d = (-3, 3), and the optimal value is -9.\n")


def _parts(extra: str, text: str) -> dict:
    report = check_answer(_solved(extra), text, strict_problem=False)
    return {p.label: p for p in report.parts}


def test_an_optimizer_only_the_spec_asks_need_not_be_named():
    parts = _parts("its optimal value", _NO_NAME)
    for label in ("a", "b"):  # (b) asks nothing itself: it asks what (a) asked
        assert parts[label].verdict == "correct", parts[label].findings


def test_an_optimizer_the_text_asks_must_be_named():
    parts = _parts("its optimal value, and say which optimizer this is", _NO_NAME)
    assert "unanswered" in finding_kinds(parts["a"])
    assert "unanswered" in finding_kinds(parts["b"])


def test_a_value_only_the_spec_asks_is_graded_when_stated():
    parts = _parts("name the optimizer it recovers",
                   "(a) The step is d = (-2, 1), plain gradient descent.\nOptimal value: **-7**."
                   "\n\n(b) d = (-3, 3), sign descent.\n")
    assert "wrong-answer" in finding_kinds(parts["a"]), parts["a"].findings
    silent = _parts("name the optimizer it recovers",
                    "(a) d = (-2, 1), plain gradient descent.\n\n"
                    "(b) d = (-3, 3), sign descent.\n")
    assert "unanswered" not in finding_kinds(silent["a"]), silent["a"].findings


def test_what_the_text_asks_is_still_required():
    parts = _parts("its optimal value", "(a) The optimal value is -5.\n\n(b) The optimal value is -9.\n")
    assert "unanswered" in finding_kinds(parts["a"])
