"""The round trip: optiproof's own write-up of every bundled problem -- Markdown, the HTML page
(read as text with its formulas as TeX) and the plain-text terminal output -- is an answer the
checker grades correct in every part, with no finding."""

from __future__ import annotations

import io

import pytest
from conftest import bundled_problem

from optiproof.checking import check_answer
from optiproof.loading import bundled_problems

NAMES = [name for name, _ in bundled_problems()]


def _terminal(solution) -> str:
    """The terminal output as ``--format term`` writes it to a file."""
    from rich.console import Console

    from optiproof.rendering.terminal import render_terminal

    console = Console(file=io.StringIO(), record=True, width=100)
    render_terminal(solution, console)
    return console.export_text()


def _outputs(solution) -> dict[str, str]:
    from optiproof.rendering import render

    return {"markdown": render(solution, "markdown"), "html": render(solution, "html"),
            "terminal": _terminal(solution)}


@pytest.mark.parametrize("name", NAMES)
def test_the_tools_own_outputs_check_correct(solved, name):
    solution = solved(bundled_problem(name))
    for form, text in _outputs(solution).items():
        report = check_answer(solution, text, source=f"{name}.{form}")
        wrong = [(p.label, p.verdict, [f.message for f in p.findings])
                 for p in report.parts if p.verdict != "correct" or p.findings]
        assert not wrong, f"{name} ({form}): {wrong}"
        assert report.exit_code == 0
