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
    HtmlWriter,
    render_html,
    render_html_fragment,
    render_html_report,
)
from optiproof.rendering.latexcheck import LatexError, render_math, validate_latex
from optiproof.rendering.markdown import render_markdown
from optiproof.rendering.mathsegments import display_math, inline_math, split_math
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
        formulas = sol.formulas()
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
    md = render_markdown(mixed_solution)
    count = 0
    for line in md.splitlines():
        if line.startswith("|"):
            line = line.replace("\\|", "|")  # GFM table escaping, undone as a GFM reader does
        if line.startswith("![") or "data:image" in line:
            continue
        for latex, display in [(s, k == "display") for k, s in split_math(line) if k != "text"]:
            validate_latex(latex, display)
            count += 1
    assert count > 30


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


def test_markdown_equations_numbered_in_order(mixed_solution: Solution) -> None:
    sections = _sections(render_markdown(mixed_solution))
    for part in mixed_solution.parts:
        body = sections[f"Part ({part.label})"]
        numbered = part.numbered_equations()
        tags = [int(n) for n in re.findall(r"\\tag\{(\d+)\} \$\$", body)]
        assert tags == [n for n, _ in numbered] == list(range(1, 5))
        for n, eq in numbered:
            assert f"$$ {eq.latex} \\tag{{{n}}} $$" in body


def test_markdown_structure(verified_solution: Solution) -> None:
    md = render_markdown(verified_solution)
    part = verified_solution.parts[0]
    assert md.startswith("# Penalised steepest descent\n")
    order = ["## Part (a)", "> Find $u$", "### Analysis", "### Derivation", "### Result",
             "### Identification", "### Interpretation", "### Figures", "### Verification",
             "## Summary"]
    positions = [md.index(h) for h in order]
    assert positions == sorted(positions)
    assert "| $g$ | the gradient | $\\mathbb{R}^{3}$ |" in md
    assert "- $\\alpha > 0$ is a fixed scalar." in md
    assert "**Step 1. Set the gradient of the objective to $0$**" in md
    assert f"$$ u = {part.answers[0].latex} $$" in md
    assert "**gradient descent** \u2014 $u = -\\tfrac{\\alpha}{2} g$" in md
    assert "| cvxpy (Clarabel) | \u2714 passed | 3.10e-10 | 0.42 s | matches to 1e-9 |" in md
    assert "NOT VERIFIED" not in md


def test_markdown_figure_is_embedded_png(verified_solution: Solution) -> None:
    md = render_markdown(verified_solution)
    m = re.search(r"!\[Step <b>diagram</b>\]\(data:image/png;base64,([A-Za-z0-9+/=]+)\)", md)
    assert m is not None
    assert base64.b64decode(m.group(1)) == verified_solution.parts[0].figures[0].png
    assert "*Figure: Each arrow is a step.*" in md


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
        assert "- solver tolerance was $10^{-9}$" in verification
    assert "\u2718 FAILED | 2.50e+00" in sections["Part (b)"]
    assert "? inconclusive | \u2014 |" in sections["Part (c)"]
    assert "No checks were run." in sections["Part (d)"]


def test_markdown_set_valued_and_unbounded(mixed_solution: Solution) -> None:
    body = _sections(render_markdown(mixed_solution))["Part (b)"]
    assert "$$ u = \\left[\\begin{matrix}- \\frac{3}{2}\\\\0\\\\0\\end{matrix}\\right] $$" in body
    assert "*set-valued: the minimiser is not unique; one representative is shown.* any $u$" \
        in body
    assert "Ties among coordinates make the set larger." in body
    unbounded = mixed_solution.parts[1].answers[1]
    assert f"$$ \\min = {unbounded.latex} $$" in body
    assert "*unbounded: the objective is unbounded below, so no minimiser exists.*" in body


def test_markdown_summary_table(mixed_solution: Solution) -> None:
    summary = _sections(render_markdown(mixed_solution))["Summary"]
    rows = [r for r in summary.splitlines() if r.startswith("| Part (")]
    assert len(rows) == 4
    assert rows[0].startswith("| Part (a) | $u = \\left[")
    assert "$\\\\|u\\\\|_2 = \\frac{\\sqrt{14} \\alpha}{2}$" in rows[0]  # pipes escaped for GFM
    assert rows[0].endswith("| gradient descent | \u2714 verified |")
    assert all(r.endswith("| \u2014 | \u2718 NOT VERIFIED |") for r in rows[1:])


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
        banners = section.count('class="not-verified"')
        assert banners == (0 if part.verified else 2)
        badge = "badge ok" if part.verified else "badge bad"
        assert badge in section
    assert page.count("\u2718 NOT VERIFIED") == 3 + 3  # one badge + one summary cell each
    assert render_html(Solution("ok", [part_maker("a", "verified")])).count("NOT VERIFIED") == 0


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
    assert verified_solution._repr_html_() == fragment
    _assert_offline(fragment)


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

def _terminal_text(solution: Solution) -> str:
    console = Console(file=io.StringIO(), record=True, width=110)
    render_terminal(solution, console)
    return console.export_text()


def test_terminal_shows_equations_answers_and_checks(verified_solution: Solution) -> None:
    text = _terminal_text(verified_solution)
    assert "Part (a)" in text and "\u2714 verified" in text
    assert "(1) u = \\arg\\min_{d}" in text and "(4) u = " in text
    assert "\u221a14\u22c5\u03b1" in text  # sympy.pretty of sqrt(14)*alpha/2
    assert "cvxpy (Clarabel)" in text and "\u2714 passed" in text
    assert "(figure in HTML/Markdown output)" in text
    assert "NOT VERIFIED" not in text


def test_terminal_not_verified_panel_and_no_markup_injection(mixed_solution: Solution) -> None:
    mixed_solution.parts[1].question = "Is [bold red]this[/] literal?"
    text = _terminal_text(mixed_solution)
    assert "Is [bold red]this[/] literal?" in text
    assert text.count("NOT VERIFIED") >= 3 * 3  # title, panel, summary per unverified part
    assert "disagreed with this answer" in text
    assert "\u2718 FAILED" in text and "? inconclusive" in text
    assert mixed_solution.parts[1].answers[1].latex in text


def test_terminal_colours_statuses(mixed_solution: Solution) -> None:
    console = Console(file=io.StringIO(), record=True, width=110, color_system="truecolor",
                      force_terminal=True)
    render_terminal(mixed_solution, console)
    styled = console.export_html(inline_styles=True)
    assert re.search(r'<span style="[^"]*color: #008000[^"]*font-weight: bold[^"]*">'
                     r"\u2714 passed", styled)
    assert re.search(r'<span style="[^"]*background-color: #800000[^"]*">\u2718 FAILED',
                     styled)


# -- JSON contract --------------------------------------------------------------------------

PART_KEYS = {"label", "family", "question", "answers", "identified_as", "verified", "checks"}
ANSWER_KEYS = {"name", "latex", "expr", "value", "status"}
CHECK_KEYS = {"method", "passed", "max_error", "detail"}
CHECK_EXTRA_KEYS = {"status", "runtime_s"}  # beyond DESIGN.md's contract, added by core


def _expr_matches(text: str, expr: sp.Basic) -> bool:
    """The JSON ``expr`` string parses back (symbols as plain names) to the same expression."""
    alpha = sp.Symbol("alpha", positive=True)
    diff = sp.simplify(sp.sympify(text).subs(sp.Symbol("alpha"), alpha) - expr)
    return diff.is_zero_matrix if isinstance(diff, sp.MatrixBase) else diff == 0


def test_json_contract(mixed_solution: Solution) -> None:
    data = json.loads(mixed_solution.to_json())
    assert set(data) == {"title", "parts"} and data["title"] == "Mixed <evidence>"
    assert [p["label"] for p in data["parts"]] == ["a", "b", "c", "d"]
    for part, obj in zip(data["parts"], mixed_solution.parts, strict=True):
        assert set(part) == PART_KEYS
        assert isinstance(part["family"], str) and isinstance(part["question"], str)
        assert part["identified_as"] is None or isinstance(part["identified_as"], str)
        assert part["verified"] is obj.verified
        for ans, src in zip(part["answers"], obj.answers, strict=True):
            assert set(ans) == ANSWER_KEYS
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
    assert minimum == {"name": "minimum value", "expr": "-oo",
                       "latex": mixed_solution.parts[1].answers[1].latex,
                       "value": None, "status": "unbounded"}
    assert data["parts"][0]["answers"][0]["value"] is None  # symbolic in alpha
    assert data["parts"][1]["checks"][0] == {"method": "cvxpy (Clarabel)", "passed": False,
                                             "max_error": 2.5, "status": "failed",
                                             "detail": "solver found u = [0, 0, 0]",
                                             "runtime_s": 0.3}


# -- every bundled problem: whatever the families emit must render --------------------------

def _bundled() -> list[tuple[str, str]]:
    from optiproof.cli import bundled_problems

    return bundled_problems()


@pytest.mark.slow
@pytest.mark.parametrize(("name", "text"), _bundled(), ids=[n for n, _ in _bundled()])
def test_bundled_problem_renders_cleanly(name: str, text: str) -> None:
    from optiproof.cli import load_bundled
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    solution = solve_problem(load_bundled(name, text), SolveOptions(run_witnesses=False))
    writer = HtmlWriter()
    writer.solution(solution)
    for latex, display in set(writer.formulas) | set(solution.formulas()):
        validate_latex(latex, display)
    page = render_html(solution)
    assert page.count("<math") == len(writer.formulas)
    assert 'class="math-error"' not in page
    _assert_offline(page)
    md = render_markdown(solution)
    for part in solution.parts:
        last = len(part.numbered_equations())
        if last:
            assert f"\\tag{{{last}}} $$" in md
    assert md.count("NOT VERIFIED") >= len(solution.parts)  # no witnesses were run


def test_markdown_keeps_user_html_inert(verified_solution: Solution) -> None:
    import copy

    from optiproof.checking.report import CheckReport, PartReport, render_markdown

    solution = copy.copy(verified_solution)
    solution.title = "<script>alert(1)</script>"
    solution.parts = [copy.copy(p) for p in solution.parts]
    solution.parts[0].question = "Find u. <img src=x onerror=alert(2)>"
    md = solution.to_markdown()
    assert "<script" not in md and "<img" not in md
    assert "&lt;script>alert(1)&lt;/script>" in md and "&lt;img src=x" in md
    report = CheckReport("<b>t</b>", [PartReport("a", "incorrect", ["u: <svg onload=x()>"],
                                                 [], [], "<i>hint</i>")], source="<a.md")
    md = render_markdown(report)
    assert "<svg" not in md and "<b>" not in md and "<i>" not in md
