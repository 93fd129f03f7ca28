"""Rendering: Markdown, HTML (MathML via KaTeX), terminal (rich). Reads solutions, never computes.

This package's top level holds :func:`render` (what ``Solution.to_markdown``/``to_html`` call
through their hook) and the small wording helpers every output format shares, so the three
formats say the same thing in the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from optiproof.core.evidence import Check
    from optiproof.core.solution import (Answer, Equation, NotAnswered, PartSolution,
                                         Solution, Step)

CHECK_MARK = "\u2714"


CROSS_MARK = "\u2718"
_DECIMAL = re.compile(r"(?<![\d.])(\d+\.\d{7,})(?!\d)")


def is_solution_output(head: bytes) -> bool:
    """True when ``head`` (the start of a file) is a solution as ``optiproof solve`` writes it
    (JSON, Markdown, HTML or terminal text): what ``solve --out`` may replace without --force."""
    text = head.decode("utf-8", "replace").lstrip()
    if text[:15].lower().startswith("<!doctype html>"):
        from optiproof.rendering.html import CSP

        return f'content="{CSP}"' in text[:2000]
    if text.startswith("{"):
        return text.startswith('{\n  "title": ') and '\n  "parts": [' in text
    start = text[:4000]
    return any(mark in start for mark in ("\nWhat was read\n", "\n## What was read\n",
                                          "\nAnswers\n  Part ("))


def render(solution: Solution, fmt: str) -> str:
    """A solution written as ``markdown``, ``html`` (a full page), ``html-fragment`` (the
    compact Jupyter view) or ``repr`` (one line per part)."""
    if fmt == "markdown":
        from optiproof.rendering.markdown import render_markdown

        return render_markdown(solution)
    if fmt == "repr":
        from optiproof.rendering.terminal import one_line_per_part

        return one_line_per_part(solution)
    from optiproof.rendering.html import render_html, render_html_fragment

    if fmt == "html":
        return render_html(solution)
    if fmt == "html-fragment":
        return render_html_fragment(solution)
    raise ValueError(f"unknown format {fmt!r}; known: markdown, html, html-fragment, repr")


def round_decimals(text: str, digits: int = 6) -> str:
    """Long decimals (7+ digits after the point) written with ``digits`` significant digits."""
    return _DECIMAL.sub(lambda m: f"{float(m.group(1)):.{digits}g}", text)


def tidy_latex(latex: str) -> str:
    """A formula as displayed: norms as ``\\|x\\|`` (no ``\\left\\|`` spacing) and long
    decimals rounded (the exact digits stay in the JSON)."""
    if latex.count(r"\left\|") == latex.count(r"\right\|"):
        latex = latex.replace(r"\left\|", r"\|").replace(r"\right\|", r"\|")
    return round_decimals(latex)


def part_heading(part: PartSolution, title: str) -> str:
    """``Part (a)`` for a labelled part, ``Solution`` for the single part ``main``."""
    return "Solution" if part.label == "main" else f"Part ({part.label})"


@dataclass(frozen=True)
class NumberedLayout:
    """A part's equations paired with their stable numbers, in display order."""

    objective: tuple[int, Equation] | None
    steps: tuple[tuple[Step, tuple[tuple[int, Equation], ...]], ...]


def numbered_layout(part: PartSolution) -> NumberedLayout:
    """Pair the objective and each step's equations with ``part.numbered_equations()`` numbers."""
    numbered: Iterator[tuple[int, Any]] = iter(part.numbered_equations())
    objective = next(numbered) if part.analysis.objective is not None else None
    steps = []
    for step in part.steps:
        steps.append((step, tuple(next(numbered) for _ in step.equations)))
    return NumberedLayout(objective, tuple(steps))


def answer_status_words(answer: Answer) -> str:
    """Words that qualify an answer that is not a unique value ('' for a unique one)."""
    return {
        "unique": "",
        "set-valued": "set-valued: the minimiser is not unique; one representative is shown",
        "unbounded": "unbounded: the objective is unbounded below, so no minimiser exists",
        "none": "no solution exists",
    }.get(answer.status, answer.status)


def answer_equation_latex(answer: Answer) -> str:
    """The displayed result ``symbol = latex`` of an answer."""
    return f"{answer.symbol} = {answer.latex}" if answer.symbol else answer.latex


def check_status_word(check: Check) -> str:
    """``passed`` / ``FAILED`` / ``inconclusive`` with a mark."""
    return {"passed": f"{CHECK_MARK} passed", "failed": f"{CROSS_MARK} FAILED",
            "inconclusive": "? inconclusive"}.get(check.status, check.status)


def format_error(value: float | None) -> str:
    """A check's max error in short scientific notation, or an em dash when not measured."""
    return "\u2014" if value is None else f"{value:.2e}"


def format_runtime(seconds: float) -> str:
    """A check's runtime in seconds."""
    return f"{seconds:.2f} s"


def not_verified_reason(part: PartSolution) -> str:
    """Why a part is not verified: a failed witness, inconclusive ones, or none run."""
    failed = [c.method for c in part.checks if c.status == "failed"]
    if failed:
        return ("an independent witness disagreed with this answer (" + ", ".join(failed)
                + "); do not rely on it.")
    if part.checks and all(c.status == "passed" for c in part.checks):
        if part.unread:   # say what: the phrase not used, the claim refuted, the ask unmet
            shown = part.unread[:3] + ([f"{len(part.unread) - 3} more (see the reading)"]
                                       if len(part.unread) > 3 else [])
            return ("the witnesses confirm this answer to the problem as read, but "
                    + "; ".join(shown) + "; so it may not answer the question as asked.")
        return ("the witnesses confirm this answer to the problem as read, but the reading left "
                "part of the text unused (see the reading), so it may not answer the question "
                "as asked; check the reading.")
    if part.checks:
        return ("no independent witness could confirm this answer (every check was "
                "inconclusive); treat it as unchecked.")
    return "no independent witness was run for this part; treat the answer as unchecked."


def verified_word(part: PartSolution) -> str:
    """Summary-table wording of a part's verification."""
    return f"{CHECK_MARK} verified" if part.verified else f"{CROSS_MARK} NOT VERIFIED"


NOT_ANSWERED_BADGE = "\u2717 NOT ANSWERED"
"""The badge of a part of the text that was not answered (a part not read, or whose data do not
validate or are refused by the solver; its reasons follow it)."""


def answered_line(solution: Solution) -> str:
    """``answered N of M parts; the others could not be read (see below)`` for a partly read
    text; '' when every part was answered."""
    skipped = len(solution.not_answered)
    if not skipped:
        return ""
    n = len(solution.parts)
    return f"answered {n} of {n + skipped} parts; the others could not be read (see below)"


def not_answered_heading(label: str) -> str:
    """``Part (b)`` (``The problem`` for the single part ``main``)."""
    return "The problem" if label == "main" else f"Part ({label})"


def not_answered_reasons(item: NotAnswered) -> list[str]:
    """The reader's reasons a part was not answered, plain text, without the ``part (b): ``
    that every line of the reading starts with (nor the ``not answered - `` of a reason that
    the badge already says)."""
    prefix = f"part ({item.label}): "
    return [(r[len(prefix):] if r.startswith(prefix) else r).removeprefix("not answered - ")
            for r in item.not_read]
