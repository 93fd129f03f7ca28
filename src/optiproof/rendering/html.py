"""Self-contained offline HTML, answer first: what was read, the answers, then each part's
derivation and evidence in ``<details>``. Formulas are MathML pre-rendered by KaTeX; figures
are data: URIs; there is no script and nothing is fetched.

The page pieces (:data:`CSS`, :func:`page`, :func:`badge`, :class:`HtmlWriter`) are shared by
every report, the check report included, so all reports look alike.
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from optiproof.rendering import (
    NOT_ANSWERED_BADGE,
    answered_line,
    check_status_word,
    format_error,
    format_runtime,
    not_answered_heading,
    not_answered_reasons,
    not_verified_reason,
    numbered_layout,
    part_heading,
    tidy_latex,
    verified_word,
)
from optiproof.rendering.answers import PartAnswer, part_answer
from optiproof.rendering.latexcheck import LatexError, render_math, validate_latex
from optiproof.rendering.mathsegments import looks_like_latex, split_math, split_quoted_math
from optiproof.rendering.reading import SPEC_NOTE, reading_view

if TYPE_CHECKING:
    from optiproof.core.solution import Equation, NotAnswered, PartSolution, Solution

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

CSS = """
.optiproof{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
  line-height:1.55;color:#1d232a;max-width:60rem;margin:0 auto;padding:1rem 1.5rem;
  overflow-wrap:break-word}
.optiproof *{box-sizing:border-box}
.optiproof h1{border-bottom:2px solid #d0d7de;padding-bottom:.3rem}
.optiproof h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
.optiproof h3{margin:1.2rem 0 .4rem}
.optiproof h4{margin:1rem 0 .3rem}
.optiproof math{font-family:"Latin Modern Math","STIX Two Math","Cambria Math",
  "DejaVu Math TeX Gyre",math;font-size:1.12em}
.optiproof .eq{display:flex;align-items:center;margin:.6rem 0}
.optiproof .eq-body{flex:1;min-width:0;text-align:center;overflow-x:auto;overflow-y:hidden;
  padding:.2rem 0}
.optiproof .eq-num{min-width:3.5rem;text-align:right;color:#57606a}
.optiproof .scroll{overflow-x:auto}
.optiproof table{border-collapse:collapse;margin:.6rem 0}
.optiproof th,.optiproof td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;
  vertical-align:top}
.optiproof th{background:#f6f8fa}
.optiproof td.num{white-space:nowrap;font-variant-numeric:tabular-nums}
.optiproof blockquote.question{border-left:4px solid #8c959f;margin:.6rem 0;
  padding:.2rem 1rem;background:#f6f8fa}
.optiproof .badge{display:inline-block;font-size:.72em;padding:.1rem .55rem;border-radius:1rem;
  vertical-align:middle;font-weight:700;margin-left:.5rem;white-space:nowrap}
.optiproof .badge.ok{background:#dafbe1;color:#116329;border:1px solid #4ac26b}
.optiproof .badge.bad{background:#d1242f;color:#fff;border:1px solid #a40e26}
.optiproof .badge.warn{background:#fff8c5;color:#7d4e00;border:1px solid #d4a72c}
.optiproof .not-verified{background:#d1242f;color:#fff;padding:.7rem 1rem;border-radius:.4rem;
  font-weight:600;margin:.7rem 0;border:3px solid #82071e}
.optiproof .not-verified strong{letter-spacing:.05em}
.optiproof .status-passed{color:#116329;font-weight:700;white-space:nowrap}
.optiproof .status-failed{color:#fff;background:#d1242f;font-weight:700;white-space:nowrap}
.optiproof .status-inconclusive{color:#9a6700;font-weight:700;white-space:nowrap}
.optiproof .card{border:2px solid #0969da;border-radius:.5rem;padding:.3rem 1rem .6rem;
  margin:.8rem 0;background:#f3f8ff}
.optiproof .card.bad{border-color:#d1242f;background:#fff5f5}
.optiproof .card h3{margin:.5rem 0 .3rem}
.optiproof .card .question{color:#57606a;margin:.2rem 0 .4rem}
.optiproof .answer-row{display:grid;grid-template-columns:minmax(8rem,14rem) minmax(0,1fr);
  gap:.2rem 1rem;align-items:center;padding:.25rem 0;border-top:1px solid #d8e2ee}
.optiproof .answer-label{font-weight:600}
.optiproof .answer-value{min-width:0;overflow-x:auto;overflow-y:hidden}
.optiproof .approx{color:#57606a;margin-left:.6rem;white-space:nowrap}
.optiproof .answer-status{font-style:italic;color:#57606a}
.optiproof .reading{background:#fbfcfd;font-size:.93em}
.optiproof .reading td{padding:.2rem .5rem}
.optiproof .source{color:#57606a}
.optiproof .unused{color:#d1242f;font-weight:700}
.optiproof details{margin:.6rem 0;border:1px solid #d0d7de;border-radius:.4rem;
  padding:.2rem .9rem}
.optiproof details>summary{cursor:pointer;font-weight:700;padding:.3rem 0}
.optiproof .math-error{color:#b3261e;border:2px solid #d1242f;background:#ffebe9;
  padding:.1rem .3rem}
.optiproof figure{margin:1rem 0;text-align:center}
.optiproof figure img{max-width:100%;height:auto;border:1px solid #d0d7de}
.optiproof figcaption{color:#57606a;font-size:.92em}
.optiproof nav.toc{background:#f6f8fa;border:1px solid #d0d7de;padding:.5rem 1.2rem;
  border-radius:.4rem}
.optiproof a.top{display:inline-block;margin:.6rem 0;font-size:.9em}
.optiproof .failed-problem{border:2px solid #d1242f;border-radius:.4rem;padding:.5rem 1rem;
  background:#fff5f5}
.optiproof .verdict-correct{color:#116329}
.optiproof .verdict-incorrect{color:#d1242f}
.optiproof .verdict-incomplete,.optiproof .verdict-unverifiable{color:#9a6700}
.optiproof .finding{margin:.5rem 0}
.optiproof .excerpt{display:block;background:#f6f8fa;border-left:3px solid #d0d7de;
  padding:.2rem .6rem;margin:.2rem 0;white-space:pre-wrap;font-size:.92em}
.optiproof .hint{border-left:4px solid #0969da;background:#f3f8ff;padding:.3rem 1rem;
  margin:.5rem 0}
"""


def esc(text: str) -> str:
    """Escape user text for HTML; a literal dollar becomes an entity so no ``$`` is left."""
    return html.escape(str(text)).replace("$", "&#36;")


def anchor(text: str) -> str:
    """An id made of lower-case letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-") or "x"


def badge(kind: str, word: str) -> str:
    """A pill: ``kind`` is ``ok``, ``bad`` or ``warn``."""
    return f'<span class="badge {kind}">{esc(word)}</span>'


def page(title: str, body: str) -> str:
    """A complete offline HTML5 page with the shared stylesheet; ``body`` has an id ``top``."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{CSS}</style></head>"
            f'<body><main class="optiproof" id="top">{body}</main></body></html>\n')


TOP_LINK = '<a class="top" href="#top">\u2191 Back to top</a>'


@dataclass(frozen=True)
class FailedProblem:
    """A problem of a report that could not be solved: its name and the whole message."""

    name: str
    message: str


class HtmlWriter:
    """Writes reports as HTML; records every formula it renders as (latex, display_mode).

    ``open_details`` opens each part's derivation and evidence (one problem) or leaves them
    closed (a report of many); ``copy_latex`` puts a "Copy LaTeX" button (the formula in its
    ``data-latex``) beside each answer, for a page whose script copies it."""

    def __init__(self, open_details: bool = True, copy_latex: bool = False) -> None:
        self.formulas: list[tuple[str, bool]] = []
        self.open_details = open_details
        self.copy_latex = copy_latex

    def math(self, latex: str, display: bool) -> str:
        latex = tidy_latex(latex)
        self.formulas.append((latex, display))
        return render_math(latex, display)

    def prose(self, text: str) -> str:
        """Escaped prose with its ``$...$`` and ``$$...$$`` math rendered."""
        out = []
        for kind, content in split_math(text):
            if kind == "text":
                out.append(esc(content))
            else:
                out.append(self.math(content, kind == "display"))
        return "".join(out)

    def quoted(self, text: str) -> str:
        """Like :meth:`prose`, and a quoted formula in a message is rendered too."""
        return "".join(esc(content) if kind == "text" else self.formula(content)
                       for kind, content in split_quoted_math(text))

    def formula(self, text: str) -> str:
        """Text that may be a formula someone wrote: rendered when KaTeX reads it, else shown
        as code."""
        if looks_like_latex(text):
            try:
                validate_latex(tidy_latex(text), False, strict=False)
            except LatexError:
                return f"<code>{esc(text)}</code>"
            return self.math(text, False)
        return esc(text)

    def source_line(self, line: str) -> str:
        """A line quoted from someone's document, its math (``$...$`` or bare LaTeX)
        rendered."""
        return self.prose(line) if "$" in line else self.formula(line)

    def named_value(self, item: str) -> str:
        """``name: value`` with the value rendered as a formula where it is one."""
        name, sep, value = item.partition(": ")
        if not sep:
            return self.formula(item)
        return f"<strong>{esc(name)}</strong>: {self.formula(value)}"

    def paragraphs(self, text: str, cls: str = "") -> str:
        """Prose split into ``<p>`` at blank lines."""
        attr = f' class="{cls}"' if cls else ""
        blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
        return "".join(f"<p{attr}>{self.prose(b)}</p>" for b in blocks)

    def equation(self, eq: Equation, number: int, anchor_id: str) -> str:
        return (f'<div class="eq" id="{anchor_id}-eq-{number}"><div class="eq-body">'
                f'{self.math(eq.latex, True)}</div><span class="eq-num">({number})</span></div>')

    def details(self, summary: str, body: str, cls: str) -> str:
        opened = " open" if self.open_details else ""
        return f'<details class="{cls}"{opened}><summary>{summary}</summary>{body}</details>'

    def not_verified(self, part: PartSolution) -> str:
        return (f'<div class="not-verified" role="alert"><strong>NOT VERIFIED</strong> '
                f"\u2014 {esc(not_verified_reason(part))}</div>")

    def part_badge(self, part: PartSolution) -> str:
        return badge("ok" if part.verified else "bad", verified_word(part))

    # -- what was read and the answers --------------------------------------------------------

    def reading(self, solution: Solution) -> str:
        """What was read: one row per part (read as, asks, inputs with their source phrases)."""
        view = reading_view(solution)
        if view.from_spec:
            return f'<p class="reading">What was read: {esc(SPEC_NOTE)}</p>'
        rows = []
        for part in view.parts:
            inputs = "<br>".join(
                f"{esc(i.name)} = {esc(i.value)}"
                + (f' <span class="source">\u2190 \u201c{esc(i.source)}\u201d</span>'
                   if i.source else "") for i in part.inputs)
            notes = "".join(f"<br>note: {self.prose(n)}" for n in part.notes)
            unused = (f'<br><span class="unused">NOT USED: {esc(", ".join(part.unused))}</span>'
                      if part.unused else "")
            rows.append(f"<tr><td>({esc(part.label)})</td><td>{esc(part.family)}</td>"
                        f"<td>{esc(', '.join(part.asked))}</td><td>{inputs}{notes}{unused}</td>"
                        "</tr>")
        extra = "".join(f"<p>note: {self.prose(n)}</p>" for n in view.notes)
        if view.unused:
            extra += f'<p class="unused">NOT USED: {esc(", ".join(view.unused))}</p>'
        if view.set_aside:
            extra += f'<p class="aside">SET ASIDE: {esc("; ".join(view.set_aside))}</p>'
        summary = f"What was read: {len(view.parts)} part(s), " + (
            "every part read" if view.complete else "INCOMPLETE")
        table = ('<div class="scroll"><table><thead><tr><th>Part</th><th>Read as</th>'
                 "<th>Asks</th><th>Inputs and where they were read</th></tr></thead>"
                 f"<tbody>{''.join(rows)}</tbody></table></div>{extra}")
        return self.details(esc(summary), table, "reading")

    def answer_card(self, block: PartAnswer, part: PartSolution, href: str, level: int) -> str:
        cls = "card" if block.verified else "card bad"
        out = [f'<div class="{cls}"><h{level}><a href="#{href}">{esc(block.heading)}</a>'
               f'{badge("ok" if block.verified else "bad", block.badge)}</h{level}>']
        if block.question:
            out.append(f'<div class="question">{self.prose(block.question)}</div>')
        previous = ""
        for line in block.lines:
            approx = f'<span class="approx">{esc(line.approx)}</span>' if line.approx else ""
            status = (f'<div class="answer-status">{esc(line.status)}.</div>'
                      if line.status else "")
            label = line.label if line.label != previous else ""
            previous = line.label
            copy = (f'<button type="button" class="copy-latex" data-latex="{esc(line.latex)}">'
                    "Copy LaTeX</button>" if self.copy_latex else "")
            out.append(f'<div class="answer-row"><div class="answer-label">{esc(label)}</div>'
                       f'<div class="answer-value">{self.math(line.latex, False)}{approx}'
                       f"{copy}{status}</div></div>")
        if block.identified_as:
            out.append('<div class="answer-row"><div class="answer-label">Identified as</div>'
                       f"<div><strong>{esc(block.identified_as)}</strong></div></div>")
        if not part.verified:
            out.append(self.not_verified(part))
        return "".join(out) + "</div>"

    def answers(self, solution: Solution, prefix: str, level: int) -> str:
        cards = "".join(self.answer_card(part_answer(p), p, f"{prefix}part-{anchor(p.label)}",
                                         level + 1) if hasattr(p, "answers")
                        else self.not_answered_card(p, f"{prefix}part-{anchor(p.label)}",
                                                    level + 1)
                        for p in solution.in_text_order())
        return f'<section class="answers"><h{level}>Answers</h{level}>{cards}</section>'

    def answered_note(self, solution: Solution) -> str:
        """The line at the top of a partly answered text (nothing for a whole one)."""
        line = answered_line(solution)
        return f'<div class="not-verified" role="alert">{esc(line)}</div>' if line else ""

    def not_read(self, item: NotAnswered) -> str:
        """A not-answered part's question and the reader's reasons, as plain text."""
        out = []
        if item.question:
            out.append(f'<div class="question">{esc(" ".join(item.question.split()))}</div>')
        reasons = "".join(f"<li><strong>REASON:</strong> {esc(r)}</li>"
                          for r in not_answered_reasons(item))
        return "".join(out) + f'<ul class="not-read">{reasons}</ul>'

    def not_answered_card(self, item: NotAnswered, href: str, level: int) -> str:
        return (f'<div class="card bad not-answered"><h{level}><a href="#{href}">'
                f"{esc(not_answered_heading(item.label))}</a>"
                f'{badge("bad", NOT_ANSWERED_BADGE)}</h{level}>{self.not_read(item)}</div>')

    def not_answered_part(self, item: NotAnswered, prefix: str) -> str:
        anchor_id = f"{prefix}part-{anchor(item.label)}"
        return (f'<section class="part not-answered" id="{anchor_id}">'
                f"<h2>{esc(not_answered_heading(item.label))}"
                f'{badge("bad", NOT_ANSWERED_BADGE)}</h2>{self.not_read(item)}{TOP_LINK}'
                "</section>")

    # -- a part's derivation and evidence -------------------------------------------------------

    def analysis(self, part: PartSolution, anchor_id: str) -> str:
        a = part.analysis
        layout = numbered_layout(part)
        out = ["<h3>Analysis</h3>"]
        if a.variables:
            rows = "".join(
                f"<tr><td>{self.math(v.symbol, False)}</td><td>{self.prose(v.meaning)}</td>"
                f"<td>{self.math(v.space, False) if v.space else ''}</td></tr>"
                for v in a.variables)
            out.append('<div class="scroll"><table class="variables"><thead><tr><th>Symbol</th>'
                       f"<th>Meaning</th><th>Space</th></tr></thead><tbody>{rows}</tbody>"
                       "</table></div>")
        if a.assumptions:
            items = "".join(f"<li>{self.prose(x)}</li>" for x in a.assumptions)
            out.append(f"<h4>Assumptions</h4><ul>{items}</ul>")
        if a.objective_text or layout.objective:
            out.append(f"<p><strong>Objective.</strong> {self.prose(a.objective_text)}</p>")
        if layout.objective:
            n, eq = layout.objective
            out.append(self.equation(eq, n, anchor_id))
        return "".join(out)

    def derivation(self, part: PartSolution, anchor_id: str) -> str:
        layout = numbered_layout(part)
        if not layout.steps:
            return ""
        out = ["<h3>Derivation</h3>"]
        for k, (step, equations) in enumerate(layout.steps, start=1):
            out.append(f'<div class="step"><h4>Step {k}. {self.prose(step.title)}</h4>')
            if step.text:
                out.append(self.paragraphs(step.text))
            out += [self.equation(eq, n, anchor_id) for n, eq in equations]
            out.append("</div>")
        return "".join(out)

    def result(self, part: PartSolution) -> str:
        out = []
        notes = [x for a in part.answers for x in (a.set_description, a.note) if x]
        if notes or part.summary:
            out.append("<h3>Result</h3>" + "".join(self.paragraphs(x) for x in notes))
            if part.summary:
                out.append(f"<p><em>In short:</em> {self.prose(part.summary)}</p>")
        if part.identified_as or part.identification_note:
            name = esc(part.identified_as) if part.identified_as else "Not identified"
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
            out.append(f'<figure><img src="data:image/png;base64,{data}" alt="{esc(fig.title)}">'
                       f"<figcaption><strong>{esc(fig.title)}.</strong> {esc(fig.caption)}"
                       "</figcaption></figure>")
        return "".join(out)

    def evidence(self, part: PartSolution) -> str:
        out = []
        if not part.verified:
            out.append(self.not_verified(part))
        if part.checks:
            rows = "".join(
                f"<tr><td>{esc(c.method)}</td><td class=\"status-{esc(c.status)}\">"
                f"{esc(check_status_word(c))}</td><td class=\"num\">"
                f"{esc(format_error(c.max_error))}</td><td class=\"num\">"
                f"{esc(format_runtime(c.runtime_s))}</td><td>{esc(c.detail)}</td></tr>"
                for c in part.checks)
            out.append('<div class="scroll"><table class="checks"><thead><tr><th>Method</th>'
                       "<th>Status</th><th>Max error</th><th>Runtime</th><th>Detail</th></tr>"
                       f"</thead><tbody>{rows}</tbody></table></div>")
        else:
            out.append("<p>No checks were run.</p>")
        if part.diagnostics:
            items = "".join(f"<li>{self.prose(d)}</li>" for d in part.diagnostics)
            out.append(f'<ul class="diagnostics">{items}</ul>')
        return "".join(out)

    def evidence_summary(self, part: PartSolution) -> str:
        passed = sum(c.passed for c in part.checks)
        return (f"Verification: {passed} of {len(part.checks)} independent checks passed"
                if part.checks else "Verification: no checks were run")

    def part(self, part: PartSolution, prefix: str) -> str:
        anchor_id = f"{prefix}part-{anchor(part.label)}"
        out = [f'<section class="part" id="{anchor_id}">',
               f"<h2>{esc(part_heading(part, ''))}{self.part_badge(part)}</h2>"]
        if part.question:
            out.append(f'<blockquote class="question">{self.paragraphs(part.question)}'
                       "</blockquote>")
        body = (self.analysis(part, anchor_id) + self.derivation(part, anchor_id)
                + self.result(part) + self.figures(part))
        out.append(self.details("Derivation", body, "derivation"))
        out.append(self.details(esc(self.evidence_summary(part)), self.evidence(part),
                                "evidence"))
        out += [TOP_LINK, "</section>"]
        return "".join(out)

    def solution(self, solution: Solution, prefix: str = "", level: int = 1) -> str:
        """A solution's title, what was read, the answers, then every part."""
        head = f"<h{level}>{esc(solution.title)}</h{level}>" + self.answered_note(solution)
        parts = "".join(self.part(p, prefix) if hasattr(p, "answers")
                        else self.not_answered_part(p, prefix)
                        for p in solution.in_text_order())
        return (head + self.reading(solution) + self.answers(solution, prefix, level + 1)
                + parts)

    def compact(self, solution: Solution) -> str:
        """What was read and the answers; every part's derivation and evidence collapsed."""
        head = f"<h3>{esc(solution.title)}</h3>" + self.answered_note(solution)
        parts = "".join(
            f'<details><summary>{esc(part_heading(p, ""))} \u2014 derivation and evidence'
            f"</summary>{self.part(p, 'jp-')}</details>" if hasattr(p, "answers")
            else self.not_answered_part(p, "jp-") for p in solution.in_text_order())
        return head + self.reading(solution) + self.answers(solution, "jp-", 4) + parts


def render_html(solution: Solution) -> str:
    """A complete offline HTML5 page for one solution, every part opened."""
    return page(solution.title, HtmlWriter(open_details=True).solution(solution))


def render_html_fragment(solution: Solution) -> str:
    """The compact view for Jupyter's ``_repr_html_``: reading and answers, details closed."""
    body = HtmlWriter(open_details=True).compact(solution)
    return f'<div class="optiproof"><style>{CSS}</style>{body}</div>'


def render_html_report(entries: list[Solution | FailedProblem], title: str) -> str:
    """Several problems on one page: a contents list linking every problem (failures too),
    then each problem with its parts' derivations and evidence closed."""
    writer = HtmlWriter(open_details=False)
    toc, sections = [], []
    for i, entry in enumerate(entries, start=1):
        if isinstance(entry, FailedProblem):
            toc.append(f'<li><a href="#s{i}">{esc(entry.name)}</a>{badge("bad", "not solved")}'
                       "</li>")
            sections.append(f'<article id="s{i}"><h2>{esc(entry.name)}</h2>'
                            f'<div class="failed-problem"><strong>Not solved.</strong> '
                            f"{esc(entry.message)}</div>{TOP_LINK}</article>")
            continue
        kind = "ok" if entry.verified else "bad"
        word = "\u2714 verified" if entry.verified else (
            "\u2717 partly answered" if entry.not_answered else "\u2718 NOT VERIFIED")
        toc.append(f'<li><a href="#s{i}">{esc(entry.title)}</a>{badge(kind, word)}</li>')
        sections.append(f'<article id="s{i}">{writer.solution(entry, f"s{i}-", level=2)}'
                        "</article>")
    nav = f'<nav class="toc"><h2>Contents</h2><ol>{"".join(toc)}</ol></nav>'
    return page(title, f"<h1>{esc(title)}</h1>{nav}{''.join(sections)}")
