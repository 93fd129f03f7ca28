"""Self-contained offline HTML: inline CSS, MathML pre-rendered by KaTeX, figures as data: URIs.

Nothing on the page loads anything: no scripts, no external links, and a Content-Security-Policy
that forbids any fetch except inline styles and data: images.
"""

from __future__ import annotations

import base64
import html
import re
from typing import TYPE_CHECKING

from optiproof.rendering import (
    answer_equation_latex,
    answer_status_words,
    check_status_word,
    format_error,
    format_runtime,
    not_verified_reason,
    numbered_layout,
    part_heading,
    reading_lines,
    verified_word,
)
from optiproof.rendering.latexcheck import render_math
from optiproof.rendering.mathsegments import split_math

if TYPE_CHECKING:
    from optiproof.core.solution import Answer, Equation, PartSolution, Solution

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

CSS = """
.optiproof{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
  line-height:1.55;color:#1d232a;max-width:58rem;margin:0 auto;padding:1rem 1.5rem}
.optiproof h1{border-bottom:2px solid #d0d7de;padding-bottom:.3rem}
.optiproof h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2.2rem}
.optiproof h3{margin:1.4rem 0 .4rem}
.optiproof h4{margin:1rem 0 .3rem}
.optiproof math{font-family:"Latin Modern Math","STIX Two Math","Cambria Math",
  "DejaVu Math TeX Gyre",math;font-size:1.12em}
.optiproof .eq{display:flex;align-items:center;margin:.7rem 0}
.optiproof .eq-body{flex:1;text-align:center;overflow-x:auto;overflow-y:hidden;
  padding:.2rem 0}
.optiproof .eq-num{min-width:3.5rem;text-align:right;color:#57606a}
.optiproof table{border-collapse:collapse;margin:.6rem 0}
.optiproof th,.optiproof td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;
  vertical-align:top}
.optiproof th{background:#f6f8fa}
.optiproof blockquote.question{border-left:4px solid #8c959f;margin:.6rem 0;
  padding:.2rem 1rem;background:#f6f8fa}
.optiproof .badge{display:inline-block;font-size:.72em;padding:.1rem .55rem;border-radius:1rem;
  vertical-align:middle;font-weight:700;margin-left:.5rem}
.optiproof .badge.ok{background:#dafbe1;color:#116329;border:1px solid #4ac26b}
.optiproof .badge.bad{background:#d1242f;color:#fff;border:1px solid #a40e26}
.optiproof .not-verified{background:#d1242f;color:#fff;padding:.7rem 1rem;border-radius:.4rem;
  font-weight:600;margin:.7rem 0;border:3px solid #82071e}
.optiproof .not-verified strong{letter-spacing:.05em}
.optiproof .status-passed{color:#116329;font-weight:700}
.optiproof .status-failed{color:#fff;background:#d1242f;font-weight:700}
.optiproof .status-inconclusive{color:#9a6700;font-weight:700}
.optiproof .answer{border:2px solid #0969da;border-radius:.5rem;padding:.2rem 1rem;
  margin:.7rem 0;background:#f3f8ff}
.optiproof .answer p{margin:.35rem 0}
.optiproof .answer .eq{margin:.3rem 0}
.optiproof .answer-status{font-style:italic;color:#57606a}
.optiproof .identified{font-size:1.1em}
.optiproof .math-error{color:#b3261e;border:2px solid #d1242f;background:#ffebe9;
  padding:.1rem .3rem}
.optiproof figure{margin:1rem 0;text-align:center}
.optiproof figure img{max-width:100%;border:1px solid #d0d7de}
.optiproof figcaption{color:#57606a;font-size:.92em}
.optiproof nav.toc{background:#f6f8fa;border:1px solid #d0d7de;padding:.5rem 1.2rem;
  border-radius:.4rem}
"""


def _esc(text: str) -> str:
    """Escape user text for HTML; a literal dollar becomes an entity so no ``$`` is left."""
    return html.escape(str(text)).replace("$", "&#36;")


def _anchor(text: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-") or "x"


class HtmlWriter:
    """Writes solutions as HTML; records every formula it renders as (latex, display_mode)."""

    def __init__(self) -> None:
        self.formulas: list[tuple[str, bool]] = []

    def math(self, latex: str, display: bool) -> str:
        self.formulas.append((latex, display))
        return render_math(latex, display)

    def prose(self, text: str) -> str:
        """Escaped prose with its ``$...$`` and ``$$...$$`` math rendered."""
        out = []
        for kind, content in split_math(text):
            if kind == "text":
                out.append(_esc(content))
            else:
                out.append(self.math(content, kind == "display"))
        return "".join(out)

    def paragraphs(self, text: str, cls: str = "") -> str:
        """Prose split into ``<p>`` at blank lines."""
        attr = f' class="{cls}"' if cls else ""
        blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
        return "".join(f"<p{attr}>{self.prose(b)}</p>" for b in blocks)

    def equation(self, eq: Equation, number: int, anchor: str) -> str:
        return (f'<div class="eq" id="{anchor}-eq-{number}"><div class="eq-body">'
                f'{self.math(eq.latex, True)}</div><span class="eq-num">({number})</span></div>')

    def not_verified(self, part: PartSolution) -> str:
        return (f'<div class="not-verified" role="alert"><strong>NOT VERIFIED</strong> '
                f"\u2014 {_esc(not_verified_reason(part))}</div>")

    def badge(self, part: PartSolution) -> str:
        cls = "ok" if part.verified else "bad"
        return f'<span class="badge {cls}">{_esc(verified_word(part))}</span>'

    # -- sections ------------------------------------------------------------------------

    def analysis(self, part: PartSolution, anchor: str) -> str:
        a = part.analysis
        layout = numbered_layout(part)
        out = ["<h3>Analysis</h3>"]
        if a.variables:
            rows = "".join(
                f"<tr><td>{self.math(v.symbol, False)}</td><td>{self.prose(v.meaning)}</td>"
                f"<td>{self.math(v.space, False) if v.space else ''}</td></tr>"
                for v in a.variables)
            out.append('<table class="variables"><thead><tr><th>Symbol</th><th>Meaning</th>'
                       f"<th>Space</th></tr></thead><tbody>{rows}</tbody></table>")
        if a.assumptions:
            items = "".join(f"<li>{self.prose(x)}</li>" for x in a.assumptions)
            out.append(f"<h4>Assumptions</h4><ul>{items}</ul>")
        if a.objective_text or layout.objective:
            out.append(f"<p><strong>Objective.</strong> {self.prose(a.objective_text)}</p>")
        if layout.objective:
            n, eq = layout.objective
            out.append(self.equation(eq, n, anchor))
        return "".join(out)

    def derivation(self, part: PartSolution, anchor: str) -> str:
        layout = numbered_layout(part)
        if not layout.steps:
            return ""
        out = ["<h3>Derivation</h3>"]
        for k, (step, equations) in enumerate(layout.steps, start=1):
            out.append(f'<div class="step"><h4>Step {k}. {self.prose(step.title)}</h4>')
            if step.text:
                out.append(self.paragraphs(step.text))
            out += [self.equation(eq, n, anchor) for n, eq in equations]
            out.append("</div>")
        return "".join(out)

    def answer(self, answer: Answer) -> str:
        out = ['<div class="answer">']
        if answer.name:
            out.append(f"<p><strong>{_esc(answer.name)}</strong></p>")
        out.append(f'<div class="eq"><div class="eq-body">'
                   f"{self.math(answer_equation_latex(answer), True)}</div></div>")
        words = answer_status_words(answer)
        if words:
            out.append(f'<p class="answer-status">{_esc(words)}.</p>')
        if answer.set_description:
            out.append(self.paragraphs(answer.set_description))
        if answer.note:
            out.append(self.paragraphs(answer.note))
        out.append("</div>")
        return "".join(out)

    def result(self, part: PartSolution) -> str:
        out = ["<h3>Result</h3>"]
        if not part.verified:
            out.append(self.not_verified(part))
        out += [self.answer(a) for a in part.answers]
        if part.summary:
            out.append(f"<p><em>In short:</em> {self.prose(part.summary)}</p>")
        if part.identified_as or part.identification_note:
            name = _esc(part.identified_as) if part.identified_as else "Not identified"
            note = f" \u2014 {self.prose(part.identification_note)}" \
                if part.identification_note else ""
            out.append(f'<h3>Identification</h3><p class="identified"><strong>{name}'
                       f"</strong>{note}</p>")
        if part.interpretation:
            out.append(f"<h3>Interpretation</h3>{self.paragraphs(part.interpretation)}")
        return "".join(out)

    def figures(self, part: PartSolution) -> str:
        if not part.figures:
            return ""
        out = ["<h3>Figures</h3>"]
        for fig in part.figures:
            data = base64.b64encode(fig.png).decode("ascii")
            out.append(f'<figure><img src="data:image/png;base64,{data}" alt="{_esc(fig.title)}">'
                       f"<figcaption><strong>{_esc(fig.title)}.</strong> {_esc(fig.caption)}"
                       "</figcaption></figure>")
        return "".join(out)

    def verification(self, part: PartSolution) -> str:
        out = ["<h3>Verification</h3>"]
        if not part.verified:
            out.append(self.not_verified(part))
        if part.checks:
            rows = "".join(
                f"<tr><td>{_esc(c.method)}</td><td class=\"status-{_esc(c.status)}\">"
                f"{_esc(check_status_word(c))}</td><td>{_esc(format_error(c.max_error))}</td>"
                f"<td>{_esc(format_runtime(c.runtime_s))}</td><td>{_esc(c.detail)}</td></tr>"
                for c in part.checks)
            out.append('<table class="checks"><thead><tr><th>Method</th><th>Status</th>'
                       "<th>Max error</th><th>Runtime</th><th>Detail</th></tr></thead>"
                       f"<tbody>{rows}</tbody></table>")
        else:
            out.append("<p>No checks were run.</p>")
        if part.diagnostics:
            items = "".join(f"<li>{self.prose(d)}</li>" for d in part.diagnostics)
            out.append(f'<ul class="diagnostics">{items}</ul>')
        return "".join(out)

    def part(self, part: PartSolution, title: str, prefix: str) -> str:
        anchor = f"{prefix}part-{_anchor(part.label)}"
        out = [f'<section class="part" id="{anchor}">',
               f"<h2>{_esc(part_heading(part, title))}{self.badge(part)}</h2>"]
        if part.question:
            out.append(f'<blockquote class="question">{self.paragraphs(part.question)}'
                       "</blockquote>")
        out += [self.analysis(part, anchor), self.derivation(part, anchor), self.result(part),
                self.figures(part), self.verification(part), "</section>"]
        return "".join(out)

    def summary(self, solution: Solution, prefix: str) -> str:
        rows = []
        for part in solution.parts:
            answers = "<br>".join(self.math(answer_equation_latex(a), False)
                                  for a in part.answers) or "\u2014"
            status = "status-passed" if part.verified else "status-failed"
            rows.append(
                f'<tr><td><a href="#{prefix}part-{_anchor(part.label)}">'
                f"{_esc(part_heading(part, 'main'))}</a></td><td>{answers}</td>"
                f"<td>{_esc(part.identified_as or chr(0x2014))}</td>"
                f'<td class="{status}">{_esc(verified_word(part))}</td></tr>')
        return ('<section class="summary"><h2>Summary</h2><table class="summary-table"><thead>'
                "<tr><th>Part</th><th>Answer</th><th>Identified as</th><th>Verified</th></tr>"
                f"</thead><tbody>{''.join(rows)}</tbody></table></section>")

    def solution(self, solution: Solution, prefix: str = "", level: int = 1) -> str:
        """A solution's title, parts and summary table."""
        head = f"<h{level}>{_esc(solution.title)}</h{level}>"
        head += (f'<section class="reading"><h{level + 1}>What was read</h{level + 1}><pre>'
                 + _esc("\n".join(reading_lines(solution))) + "</pre></section>")
        parts = "".join(self.part(p, solution.title, prefix) for p in solution.parts)
        return head + parts + self.summary(solution, prefix)


def _page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_esc(title)}</title><style>{CSS}</style></head>"
            f'<body><main class="optiproof">{body}</main></body></html>\n')


def render_html(solution: Solution) -> str:
    """A complete offline HTML5 page for one solution."""
    return _page(solution.title, HtmlWriter().solution(solution))


def render_html_fragment(solution: Solution) -> str:
    """The body of the page only (with its scoped style), for Jupyter's ``_repr_html_``."""
    return f'<div class="optiproof"><style>{CSS}</style>{HtmlWriter().solution(solution)}</div>'


def render_html_report(solutions: list[Solution], title: str) -> str:
    """Several solved problems on one page, with a table of contents."""
    writer = HtmlWriter()
    toc, sections = [], []
    for i, sol in enumerate(solutions, start=1):
        prefix = f"s{i}-"
        cls = "ok" if sol.verified else "bad"
        word = "\u2714 verified" if sol.verified else "\u2718 NOT VERIFIED"
        toc.append(f'<li><a href="#s{i}">{_esc(sol.title)}</a>'
                   f'<span class="badge {cls}">{word}</span></li>')
        sections.append(f'<article id="s{i}">{writer.solution(sol, prefix, level=1)}</article>')
    nav = f'<nav class="toc"><h2>Contents</h2><ol>{"".join(toc)}</ol></nav>'
    return _page(title, f"<h1>{_esc(title)}</h1>{nav}{''.join(sections)}")
