"""Rendering: math splitting, LaTeX validation, Markdown, HTML, terminal and the JSON contract."""

from __future__ import annotations

import base64
import io
import json
import re

import pytest
import sympy as sp
from rich.console import Console

from optiproof.core.solution import Solution
from optiproof.rendering.html import (
    FailedProblem,
    HtmlWriter,
    render_html,
    render_html_fragment,
    render_html_report,
)
from optiproof.rendering.latexcheck import LatexError, render_math, validate_latex
from optiproof.rendering.markdown import markdown_latex, markdown_with_figures, render_markdown
from optiproof.rendering.mathsegments import (display_math, inline_math, solution_formulas,
                                               split_math)
from tests.markdown_math import markdown_formulas
from optiproof.rendering.terminal import render_terminal

# -- math segments --------------------------------------------------------------------------

SEGMENT_CASES = [
    ("a $x$ b", ["x"], []),
    ("two $a$ and $b^2$", ["a", "b^2"], []),
    (r"costs \$5 and $y$", ["y"], []),
    (r"$a \$ b$ then $c$", [r"a \$ b", "c"], []),
    ("$$ z = 1 $$ and $w$", ["w"], ["z = 1"]),
    ("price $5 only", [], []),
    ("empty $$ here", [], []),
    ("$ $ is blank", [], []),
    ("", [], []),
]


@pytest.mark.parametrize(("text", "inline", "display"), SEGMENT_CASES)
def test_inline_and_display_math(text: str, inline: list[str], display: list[str]) -> None:
    assert inline_math(text) == inline
    assert display_math(text) == display


def test_split_math_unescapes_dollars_in_text() -> None:
    assert split_math(r"pay \$5 for $x$.") == [("text", "pay $5 for "), ("inline", "x"),
                                               ("text", ".")]
    assert split_math("price $5 only") == [("text", "price $5 only")]


# -- LaTeX validation -----------------------------------------------------------------------

def _all_solutions(verified: Solution, mixed: Solution) -> list[Solution]:
    return [verified, mixed]


def test_every_emitted_formula_renders(verified_solution: Solution,
                                       mixed_solution: Solution) -> None:
    for sol in _all_solutions(verified_solution, mixed_solution):
        formulas = solution_formulas(sol)
        assert len(formulas) > 20
        for latex, display in formulas:
            validate_latex(latex, display)


def test_every_html_formula_renders(mixed_solution: Solution) -> None:
    writer = HtmlWriter()
    writer.solution(mixed_solution)
    assert writer.formulas
    for latex, display in writer.formulas:
        validate_latex(latex, display)


def test_every_markdown_formula_renders(mixed_solution: Solution) -> None:
    formulas = markdown_formulas(render_markdown(mixed_solution))
    assert len(formulas) > 30
    for latex, display in formulas:
        validate_latex(latex, display)


@pytest.mark.parametrize(("latex", "display"), [
    (r"\frac{a", False),
    (r"x \tag{1}", False),
    (r"\notacommand{x}", True),
    (r"\left( x", True),
    ("   ", False),
    ("é + 1", False),
])
def test_broken_formula_is_caught(latex: str, display: bool) -> None:
    with pytest.raises(LatexError) as info:
        validate_latex(latex, display)
    assert info.value.latex == latex
    assert info.value.message


def test_render_math_shows_bad_formula_in_red_box() -> None:
    out = render_math(r"\frac{<a}", False)
    assert 'class="math-error"' in out
    assert "&lt;a" in out and "<a}" not in out
    assert "<math" not in out


def test_render_math_spells_out_styled_letters() -> None:
    out = render_math(r"\mathbb{R}^{n} + \mathbf{x} + \mathcal{L}", False)
    assert "\u211d" in out and "\U0001d431" in out and "\u2112" in out
    assert "mathvariant=\"double-struck\"" not in out


# -- Markdown -------------------------------------------------------------------------------

def _sections(md: str) -> dict[str, str]:
    """Level-2 sections of a Markdown document by heading."""
    chunks = re.split(r"^## ", md, flags=re.M)[1:]
    return {c.splitlines()[0]: c for c in chunks}


def test_markdown_is_answer_first_with_numbered_equations(mixed_solution: Solution) -> None:
    md = render_markdown(mixed_solution)
    assert md.startswith("# Mixed &lt;evidence&gt;\n")
    order = ["## What was read", "## Answers", "## Part (a)", "### Analysis", "### Derivation",
             "### Identification", "### Figures", "### Verification", "## Part (b)"]
    positions = [md.index(h) for h in order]
    assert positions == sorted(positions)
    assert "\\tag" not in md
    sections = _sections(md)
    for part in mixed_solution.parts:
        body = sections[f"Part ({part.label})"]
        numbers = [int(n) for n in re.findall(r"^\*\*\((\d+)\)\*\*$", body, flags=re.M)]
        assert numbers == [n for n, _ in part.numbered_equations()] == [1, 2, 3, 4]
        for n, eq in part.numbered_equations():
            assert f"**({n})**\n\n```math\n{markdown_latex(eq.latex)}\n```" in body


def test_markdown_answer_block(mixed_solution: Solution) -> None:
    answers = _sections(render_markdown(mixed_solution))["Answers"]
    assert "**Part (a)** — \u2714 verified" in answers
    assert "- Step length: $`\\Vert u\\Vert _2 = \\frac{\\sqrt{14} \\alpha}{2}`$" in answers
    assert "- Identified as: **gradient descent**" in answers
    assert "- Update: $`u = \\left[\\begin{matrix}- \\frac{3}{2}\\\\0\\\\0\\end{matrix}" \
           "\\right]`$ ≈ [\u22121.5, 0, 0] *(set-valued" in answers
    assert answers.count("- **NOT VERIFIED** — ") == 3


def test_markdown_user_text_is_escaped_and_math_verbatim(mixed_solution: Solution) -> None:
    md = render_markdown(mixed_solution)
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "Prices in \\$ are irrelevant." in md
    assert "| $`g`$ | the gradient | $`\\mathbb{R}^{3}`$ |" in md
    assert "$$" not in md and "\\left\\|" not in md


def test_markdown_figures_are_files_linked_relatively(verified_solution: Solution) -> None:
    text, files = markdown_with_figures(verified_solution, "answer")
    assert files == {"answer-a-figure-1.png": verified_solution.parts[0].figures[0].png}
    assert "![Step &lt;b&gt;diagram&lt;/b&gt;](answer-a-figure-1.png)" in text
    assert "data:" not in text and "*Figure 1: Each arrow is a step.*" in text
    bare = render_markdown(verified_solution)
    assert "data:" not in bare and "--out FILE.md" in bare


def test_markdown_not_verified_callouts(mixed_solution: Solution) -> None:
    sections = _sections(render_markdown(mixed_solution))
    assert "NOT VERIFIED" not in sections["Part (a)"]
    reasons = {"b": "disagreed with this answer (cvxpy (Clarabel))",
               "c": "every check was inconclusive",
               "d": "no independent witness was run"}
    for label, reason in reasons.items():
        body = sections[f"Part ({label})"]
        verification = body[body.index("### Verification"):]
        assert verification.startswith("### Verification\n\n> **NOT VERIFIED** \u2014 ")
        assert reason in verification
        assert "- solver tolerance was $`10^{-9}`$" in verification
    assert "\u2718 FAILED | 2.50e+00" in sections["Part (b)"]
    assert "? inconclusive | \u2014 |" in sections["Part (c)"]
    assert "No checks were run." in sections["Part (d)"]


def test_markdown_main_part_is_headed_solution_not_a_repeated_title(part_maker) -> None:
    part = part_maker("a", "verified")
    part.label = "main"
    md = render_markdown(Solution("One-part problem", [part]))
    assert md.startswith("# One-part problem\n") and md.count("One-part problem") == 1
    assert "## Solution\n" in md and "Part (main)" not in md


# -- HTML -----------------------------------------------------------------------------------

EXTERNAL = re.compile(r"""\b(?:src|href|action)\s*=\s*(?!["']?(?:data:image/png;base64,|#))""",
                      re.I)


def _assert_offline(page: str) -> None:
    assert not EXTERNAL.search(page), EXTERNAL.search(page)
    assert "url(" not in page and "@import" not in page
    without_ns = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "",
                        page.replace('xmlns="http://www.w3.org/1998/Math/MathML"', ""))
    assert re.findall(r"https?:|//[a-z]", without_ns.replace("http-equiv", "")) == []
    assert "<script" not in page.lower()


def test_html_page_is_offline_and_math_rendered(mixed_solution: Solution) -> None:
    page = render_html(mixed_solution)
    writer = HtmlWriter()
    writer.solution(mixed_solution)
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<math") == len(writer.formulas) > 50
    assert "$" not in page
    assert "math-error" not in page.replace(".optiproof .math-error", "")
    assert "Content-Security-Policy" in page
    _assert_offline(page)


def test_html_escapes_user_text(mixed_solution: Solution) -> None:
    page = render_html(mixed_solution)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<title>Mixed &lt;evidence&gt;</title>" in page
    assert 'alt="Step &lt;b&gt;diagram&lt;/b&gt;"' in page


def test_html_equation_numbers_and_banners(mixed_solution: Solution, part_maker) -> None:
    page = render_html(mixed_solution)
    for part in mixed_solution.parts:
        section = re.search(rf'<section class="part" id="part-{part.label}">(.*?)</section>',
                            page, re.S).group(1)
        nums = [int(n) for n in re.findall(r'<span class="eq-num">\((\d+)\)</span>', section)]
        assert nums == [n for n, _ in part.numbered_equations()]
        assert section.count('class="not-verified"') == (0 if part.verified else 1)
        assert ("badge ok" if part.verified else "badge bad") in section
        assert '<details class="derivation" open>' in section
        assert '<a class="top" href="#top">' in section
    answers = page[page.index('<section class="answers">'):page.index('<section class="part"')]
    assert answers.count('class="not-verified"') == 3 and answers.count("badge bad") == 3
    assert render_html(Solution("ok", [part_maker("a", "verified")])).count("NOT VERIFIED") == 0


def test_html_is_answer_first_with_human_labels(mixed_solution: Solution) -> None:
    page = render_html(mixed_solution)
    order = ['class="reading"', '<section class="answers">', '<section class="part"']
    assert [page.index(x) for x in order] == sorted(page.index(x) for x in order)
    labels = re.findall(r'<div class="answer-label">([^<]*)</div>', page)
    assert {"Update", "Step length", "Minimum value", "Identified as"} <= set(labels)
    assert "step-length" not in labels and "min-value" not in labels
    assert '<span class="approx">\u2248 [\u22121.5, 0, 0]</span>' in page
    assert "<td class=\"num\">3.10e-10</td>" in page


def test_html_report_lists_every_problem_and_closes_details(verified_solution: Solution) -> None:
    page = render_html_report([verified_solution, FailedProblem("broken.txt", "cannot read it; "
                               "the whole message is kept, even a long one.")], "Demo")
    assert '<a href="#s2">broken.txt</a>' in page and "the whole message is kept" in page
    assert "<details" in page and " open>" not in page
    assert page.count('href="#top"') == 2 and 'id="top"' in page


def test_html_figure_is_data_uri(verified_solution: Solution) -> None:
    page = render_html(verified_solution)
    m = re.search(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert base64.b64decode(m.group(1)) == verified_solution.parts[0].figures[0].png


def test_html_bad_formula_in_user_text_does_not_crash(part_maker) -> None:
    part = part_maker("a", "verified")
    part.question = r"What is $\frac{1$ ?"
    page = render_html(Solution("bad math", [part]))
    assert '<span class="math-error"' in page and "\\frac{1" in page


def test_html_fragment_and_jupyter_repr(verified_solution: Solution) -> None:
    fragment = render_html_fragment(verified_solution)
    assert fragment.startswith('<div class="optiproof"><style>')
    assert "<html" not in fragment and "<body" not in fragment
    assert "<math" in fragment
    answers, derivation = fragment.index('class="answers"'), fragment.index("Derivation")
    assert answers < derivation and "<details><summary>Part (a)" in fragment
    assert verified_solution._repr_html_() == fragment
    _assert_offline(fragment)


def test_repr_is_one_line_per_part(mixed_solution: Solution) -> None:
    lines = repr(mixed_solution).splitlines()
    assert lines[0] == "<Solution 'Mixed <evidence>': 4 part(s)>"
    assert len(lines) == 5 and "\\" not in repr(mixed_solution)
    assert lines[1].startswith("  Part (a): u = ") and "gradient descent" in lines[1]


def test_html_report_has_toc_and_unique_ids(verified_solution: Solution,
                                            mixed_solution: Solution) -> None:
    page = render_html_report([verified_solution, mixed_solution], "Demo <report>")
    assert "<h1>Demo &lt;report&gt;</h1>" in page
    assert '<a href="#s1">Penalised steepest descent</a>' in page
    assert '<a href="#s2">Mixed &lt;evidence&gt;</a>' in page
    ids = re.findall(r'id="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert {"s1", "s2", "s1-part-a", "s2-part-a", "s2-part-d"} <= set(ids)
    for target in re.findall(r'href="#([^"]+)"', page):
        assert target in ids
    _assert_offline(page)


# -- terminal -------------------------------------------------------------------------------

def _terminal_text(solution: Solution, brief: bool = False) -> str:
    console = Console(file=io.StringIO(), record=True, width=110)
    render_terminal(solution, console, brief=brief)
    return console.export_text()


LATEX_COMMAND = re.compile(r"\\[A-Za-z]+")


def test_terminal_speaks_math_answer_first(verified_solution: Solution) -> None:
    text = _terminal_text(verified_solution)
    assert text.index("What was read") < text.index("Answers") < text.index("Analysis")
    assert "(1) u = arg min_d gᵀd + (1/α)‖d‖₂²" in text
    assert "Step length" in text and "‖u‖₂ = √14α/2" in text
    assert "✔ passed  cvxpy (Clarabel)   max error 3.10e-10 · 0.42 s" in text
    assert "(in the HTML and Markdown output)" in text
    assert "NOT VERIFIED" not in text and not LATEX_COMMAND.search(text)


def test_terminal_brief_is_only_the_answers(mixed_solution: Solution) -> None:
    brief = _terminal_text(mixed_solution, brief=True)
    assert "Answers" in brief and "Derivation" not in brief and "What was read" not in brief
    assert "Identified as  gradient descent" in brief
    assert "≈ [−1.5, 0, 0]" in brief and brief.count("NOT VERIFIED: ") == 3
    assert not LATEX_COMMAND.search(brief)


def test_terminal_not_verified_panel_and_no_markup_injection(mixed_solution: Solution) -> None:
    mixed_solution.parts[1].question = "Is [bold red]this[/] literal?"
    text = _terminal_text(mixed_solution)
    assert "Is [bold red]this[/] literal?" in text
    assert text.count("NOT VERIFIED") >= 3 * 2  # answer block and panel title per part
    assert "disagreed with this answer" in text
    assert "\u2718 FAILED" in text and "? inconclusive" in text
    assert "min = none: the objective is unbounded below" in text
    assert not LATEX_COMMAND.search(text)


def test_terminal_colours_statuses(mixed_solution: Solution) -> None:
    console = Console(file=io.StringIO(), record=True, width=110, color_system="truecolor",
                      force_terminal=True)
    render_terminal(mixed_solution, console)
    styled = console.export_html(inline_styles=True)
    assert re.search(r'<span style="[^"]*color: #008000[^"]*font-weight: bold[^"]*">'
                     r"\s*\u2714 passed", styled)
    assert re.search(r'<span style="[^"]*background-color: #800000[^"]*">\s*\u2718 FAILED',
                     styled)


# -- JSON contract --------------------------------------------------------------------------

PART_KEYS = {"label", "asked", "family", "question", "answers", "identified_as", "verified",
             "checks"}
ANSWER_KEYS = {"name", "quantity", "subject", "latex", "expr", "value", "status"}
CHECK_KEYS = {"method", "passed", "max_error", "detail"}
CHECK_EXTRA_KEYS = {"status", "runtime_s"}  # beyond DESIGN.md's contract, added by core


def _expr_matches(text: str, expr: sp.Basic) -> bool:
    """The JSON ``expr`` string parses back (symbols as plain names) to the same expression."""
    alpha = sp.Symbol("alpha", positive=True)
    diff = sp.simplify(sp.sympify(text).subs(sp.Symbol("alpha"), alpha) - expr)
    return diff.is_zero_matrix if isinstance(diff, sp.MatrixBase) else diff == 0


def test_json_contract(mixed_solution: Solution) -> None:
    data = json.loads(mixed_solution.to_json())
    assert set(data) == {"title", "reading", "reading_complete", "parts", "not_answered"}
    assert data["not_answered"] == []   # every part of a spec is answered
    assert data["title"] == "Mixed <evidence>"
    assert data["reading"] == {"source": "spec"} and data["reading_complete"] is True
    assert [p["label"] for p in data["parts"]] == ["a", "b", "c", "d"]
    for part, obj in zip(data["parts"], mixed_solution.parts, strict=True):
        assert set(part) == PART_KEYS
        assert part["asked"] == obj.asked and all(isinstance(q, str) for q in part["asked"])
        assert isinstance(part["family"], str) and isinstance(part["question"], str)
        assert part["identified_as"] is None or isinstance(part["identified_as"], str)
        assert part["verified"] is obj.verified
        for ans, src in zip(part["answers"], obj.answers, strict=True):
            assert set(ans) == ANSWER_KEYS
            assert (ans["quantity"], ans["subject"]) == (src.quantity, src.subject)
            assert ans["status"] in {"unique", "set-valued", "unbounded", "none"}
            assert ans["latex"] == src.latex
            if src.expr is not None:
                assert _expr_matches(ans["expr"], src.expr), (ans["expr"], src.expr)
        for check in part["checks"]:
            assert CHECK_KEYS <= set(check) <= CHECK_KEYS | CHECK_EXTRA_KEYS
            assert isinstance(check["method"], str) and isinstance(check["detail"], str)
            assert isinstance(check["passed"], bool)
            assert check["max_error"] is None or isinstance(check["max_error"], float)
    minimiser, minimum = data["parts"][1]["answers"]
    assert minimiser["value"] == [-1.5, 0.0, 0.0] and minimiser["status"] == "set-valued"
    assert minimum == {"name": "minimum value", "quantity": "min-value", "subject": "l1",
                       "expr": "-oo",
                       "latex": mixed_solution.parts[1].answers[1].latex,
                       "value": None, "status": "unbounded"}
    assert data["parts"][0]["answers"][0]["value"] is None  # symbolic in alpha
    assert data["parts"][1]["checks"][0] == {"method": "cvxpy (Clarabel)", "passed": False,
                                             "max_error": 2.5, "status": "failed",
                                             "detail": "solver found u = [0, 0, 0]",
                                             "runtime_s": 0.3}


# -- every bundled problem: whatever the families emit must render --------------------------

def _bundled() -> list[tuple[str, str]]:
    from optiproof.loading import bundled_problems

    return bundled_problems()


@pytest.mark.slow
@pytest.mark.parametrize(("name", "text"), _bundled(), ids=[n for n, _ in _bundled()])
def test_bundled_problem_renders_cleanly(name: str, text: str) -> None:
    from optiproof.loading import load_bundled
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    solution = solve_problem(load_bundled(name, text), SolveOptions(run_witnesses=False))
    writer = HtmlWriter()
    writer.solution(solution)
    for latex, display in set(writer.formulas) | set(solution_formulas(solution)):
        validate_latex(latex, display)
    page = render_html(solution)
    assert page.count("<math") == len(writer.formulas)
    assert 'class="math-error"' not in page
    _assert_offline(page)
    md = render_markdown(solution)
    for part in solution.parts:
        last = len(part.numbered_equations())
        if last:
            assert f"**({last})**" in md
    assert md.count("NOT VERIFIED") >= len(solution.parts)  # no witnesses were run


def test_markdown_keeps_user_html_inert(verified_solution: Solution) -> None:
    import copy

    from optiproof.checking.report import Claimed, CheckReport, PartReport, render_markdown

    solution = copy.copy(verified_solution)
    solution.title = "<script>alert(1)</script>"
    solution.parts = [copy.copy(p) for p in solution.parts]
    solution.parts[0].question = "Find u. <img src=x onerror=alert(2)>"
    md = solution.to_markdown()
    assert "<script" not in md and "<img" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md and "&lt;img src=x" in md
    report = CheckReport("<b>t</b>", [PartReport("a", "incorrect",
                                                 [Claimed("u", "<svg onload=x()>", 3)],
                                                 [], [], "<i>hint</i>")], source="<a.md")
    md = render_markdown(report)
    assert "<svg" not in md and "<b>" not in md and "<i>" not in md
