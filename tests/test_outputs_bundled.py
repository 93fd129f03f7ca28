"""Every bundled problem in every output: the terminal speaks Unicode math (snapshots of the
answers), the Markdown keeps every formula byte-exact through a GFM + math parser, and the
HTML's MathML is well formed for browsers.

Witnesses are not run, so the outputs are deterministic; set ``OPTIPROOF_UPDATE_SNAPSHOTS=1``
to rewrite the snapshots after an intended change.
"""

from __future__ import annotations

import io
import os
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

import pytest
from markdown_math import markdown_formulas
from rich.console import Console

from optiproof.core.options import SolveOptions
from optiproof.loading import bundled_problems, problem_and_reading
from optiproof.pipeline import solve_problem
from optiproof.rendering.html import HtmlWriter
from optiproof.rendering.latexcheck import render_math, validate_latex
from optiproof.rendering.markdown import markdown_latex, markdown_with_figures
from optiproof.rendering.terminal import render_terminal

pytestmark = pytest.mark.slow

SNAPSHOTS = Path(__file__).parent / "snapshots"
NAMES = [name for name, _ in bundled_problems()]
LATEX_COMMAND = re.compile(r"\\[A-Za-z]+|\\[|,;{}]")
MATHML = "{http://www.w3.org/1998/Math/MathML}"
ARITY = {"msub": 2, "msup": 2, "mfrac": 2, "mroot": 2, "munder": 2, "mover": 2,
         "msubsup": 3, "munderover": 3}


@lru_cache(maxsize=None)
def solved(name: str):
    text = dict(bundled_problems())[name]
    problem, reading = problem_and_reading(text, name)
    solution = solve_problem(problem, SolveOptions(run_witnesses=False))
    if reading is not None:
        reading.attach(solution)
    return solution


def terminal(name: str, brief: bool) -> str:
    console = Console(file=io.StringIO(), record=True, width=100)
    render_terminal(solved(name), console, brief=brief)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines()) + "\n"


@pytest.mark.parametrize("name", NAMES)
def test_terminal_brief_snapshot(name: str) -> None:
    text = terminal(name, brief=True)
    path = SNAPSHOTS / f"{Path(name).stem}.brief.txt"
    if os.environ.get("OPTIPROOF_UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert not LATEX_COMMAND.search(text), LATEX_COMMAND.search(text)
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_terminal_full_output_has_no_latex(name: str) -> None:
    text = terminal(name, brief=False)
    found = LATEX_COMMAND.findall(text)
    assert not found, found[:10]
    assert "$" not in text.replace("$ ", "")  # no inline-math delimiters left
    assert terminal(name, brief=True).splitlines()[1:3] == \
        text.splitlines()[text.splitlines().index("Answers") - 1:][:2]


@pytest.mark.parametrize("name", NAMES)
def test_markdown_formulas_survive_byte_exact(name: str) -> None:
    solution = solved(name)
    md, figures = markdown_with_figures(solution, "out")
    writer = HtmlWriter()
    writer.solution(solution)
    written = {markdown_latex(latex) for latex, _ in writer.formulas}
    parsed = markdown_formulas(md)
    assert parsed and {latex for latex, _ in parsed} == written
    for latex, display in parsed:
        validate_latex(latex, display)
    assert "$$" not in md and "\\tag" not in md and "base64," not in md
    assert set(figures) == set(re.findall(r"\]\((out-[\w-]+\.png)\)", md))


def _arity_errors(mathml: str) -> list[str]:
    root = ET.fromstring(mathml[mathml.index("<math"):mathml.rindex("</math>") + 7])
    return [f"{el.tag[len(MATHML):]} has {len(el)} children" for el in root.iter()
            if ARITY.get(el.tag[len(MATHML):], len(el)) != len(el)]


@pytest.mark.parametrize("name", NAMES)
def test_html_mathml_is_well_formed(name: str) -> None:
    writer = HtmlWriter()
    writer.solution(solved(name))
    for latex, display in set(writer.formulas):
        errors = _arity_errors(render_math(latex, display))
        assert not errors, (latex, errors)
