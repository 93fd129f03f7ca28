"""GitHub-ready Markdown, answer first: what was read, the answers, then per part its analysis,
numbered derivation, figures and evidence.

Math is written so that no Markdown processing can touch it: display formulas in ```` ```math ````
fences and inline formulas as ``$`...`$`` (both verbatim by construction, rendered as math by
GitHub and GitLab), with ``\\Vert`` for norms so no ``|`` reaches a table. Equations are numbered
in the text (no ``\\tag``). Figures are files beside the ``.md``, linked by relative path.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
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
)
from optiproof.rendering.answers import part_answer
from optiproof.rendering.mathsegments import looks_like_latex, split_math, split_quoted_math
from optiproof.rendering.reading import SPEC_NOTE, reading_view

if TYPE_CHECKING:
    from optiproof.core.solution import Figure, NotAnswered, PartSolution, Solution

_BAR = re.compile(r"\\([\\|])")
_MARKS = re.compile(r"[*_`\\$]")
FigureLink = Callable[["PartSolution", int, "Figure"], "str | None"]
"""``link(part, k, figure)``: the relative path a figure is written to, or None if it is not."""


def markdown_latex(latex: str) -> str:
    """A formula as written to Markdown: tidied, with ``\\Vert`` for every norm bar."""
    return _BAR.sub(lambda m: m.group(0) if m.group(1) == "\\" else r"\Vert ", tidy_latex(latex))


def inline(latex: str) -> str:
    """Inline math that no Markdown processor alters: ``$`latex`$``."""
    return f"$`{markdown_latex(latex)}`$"


def display(latex: str) -> list[str]:
    """A display formula as a ```` ```math ```` fence."""
    return ["```math", markdown_latex(latex), "```"]


def _literal(words: str) -> str:
    """Plain text that Markdown shows as written: HTML and emphasis marks escaped."""
    return _MARKS.sub(r"\\\g<0>", html.escape(words, quote=False))


def text(words: str) -> str:
    """User or derived text for Markdown: HTML escaped, ``$...$`` math made verbatim."""
    return "".join(_literal(content) if kind == "text" else inline(content)
                   for kind, content in split_math(words or ""))


def quoted_text(words: str) -> str:
    """Like :func:`text`, and a quoted formula in a message is made verbatim math too."""
    return "".join(_literal(content) if kind == "text" else inline(content)
                   for kind, content in split_quoted_math(words or ""))


def named_value(item: str) -> str:
    """``name: value`` with a LaTeX value as verbatim math."""
    name, sep, value = item.partition(": ")
    if not sep:
        return inline(item) if looks_like_latex(item) else text(item)
    return f"{text(name)}: {inline(value) if looks_like_latex(value) else text(value)}"


def _cell(content: str) -> str:
    """A GFM table cell: one line, and a pipe outside math escaped."""
    return " ".join(content.split()).replace("|", r"\|") or " "


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    line = "| " + " | ".join(header) + " |"
    return [line, "|" + "|".join("---" for _ in header) + "|",
            *("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)]


def _reading(solution: Solution) -> list[str]:
    view = reading_view(solution)
    out = ["## What was read", ""]
    if view.from_spec:
        return out + [SPEC_NOTE, ""]
    for part in view.parts:
        asks = f" · asks: {text(', '.join(part.asked))}" if part.asked else ""
        out.append(f"- **({_literal(part.label)})** {text(part.family)}{asks}")
        for item in part.inputs:
            source = f" ← “{text(item.source)}”" if item.source else ""
            out.append(f"  - {text(item.name)} = {text(item.value)}{source}")
        out += [f"  - note: {text(n)}" for n in part.notes]
        if part.unused:
            out.append(f"  - **NOT USED:** {text(', '.join(part.unused))}")
    out += [f"- note: {text(n)}" for n in view.notes]
    if view.unused:
        out.append(f"- **NOT USED:** {text(', '.join(view.unused))}")
    if view.set_aside:
        out.append(f"- **SET ASIDE:** {text('; '.join(view.set_aside))}")
    return out + [""]


def _answers(solution: Solution) -> list[str]:
    out = ["## Answers", ""]
    for part in solution.in_text_order():
        if not hasattr(part, "answers"):
            out += _not_answered(part, heading=False)
            continue
        block = part_answer(part)
        out += [f"**{_literal(block.heading)}** — {block.badge}", ""]
        for line in block.lines:
            approx = f" {line.approx}" if line.approx else ""
            status = f" *({line.status})*" if line.status else ""
            out.append(f"- {text(line.label)}: {inline(line.latex)}{approx}{status}")
        if block.identified_as:
            out.append(f"- Identified as: **{text(block.identified_as)}**")
        if block.reason:
            out.append(f"- **NOT VERIFIED** — {text(block.reason)}")
        out.append("")
    return out


def _not_answered(item: NotAnswered, heading: bool) -> list[str]:
    """A part that was not answered (its question and the reasons, plain text): a bold line
    in the answers, a section among the parts with ``heading``."""
    title = _literal(not_answered_heading(item.label))
    out = ([f"## {title}", "", f"**{NOT_ANSWERED_BADGE}**", ""] if heading
           else [f"**{title}** — {NOT_ANSWERED_BADGE}", ""])
    if item.question:
        out.append(f"- Question: {_literal(' '.join(item.question.split()))}")
    out += [f"- **REASON:** {_literal(reason)}" for reason in not_answered_reasons(item)]
    return out + [""]


def _equation(number: int, latex: str) -> list[str]:
    return [f"**({number})**", "", *display(latex), ""]


def _analysis(part: PartSolution, out: list[str]) -> None:
    analysis = part.analysis
    layout = numbered_layout(part)
    out += ["### Analysis", ""]
    if analysis.variables:
        rows = [(inline(v.symbol), text(v.meaning), inline(v.space) if v.space else "")
                for v in analysis.variables]
        out += _table(("Symbol", "Meaning", "Space"), rows) + [""]
    if analysis.assumptions:
        out += ["**Assumptions**", ""] + [f"- {text(a)}" for a in analysis.assumptions] + [""]
    if analysis.objective_text or layout.objective:
        out += ["**Objective.** " + text(analysis.objective_text), ""]
    if layout.objective:
        n, eq = layout.objective
        out += _equation(n, eq.latex)


def _derivation(part: PartSolution, out: list[str]) -> None:
    layout = numbered_layout(part)
    if not layout.steps:
        return
    out += ["### Derivation", ""]
    for k, (step, equations) in enumerate(layout.steps, start=1):
        out += [f"**Step {k}. {text(step.title)}**", ""]
        if step.text:
            out += [text(step.text), ""]
        for n, eq in equations:
            out += _equation(n, eq.latex)


def _result(part: PartSolution, out: list[str]) -> None:
    notes = [x for a in part.answers for x in (a.set_description, a.note) if x]
    if notes or part.summary:
        out += ["### Result", ""] + [f"- {text(x)}" for x in notes]
        if part.summary:
            out.append(f"- *In short:* {text(part.summary)}")
        out.append("")
    if part.identified_as or part.identification_note:
        name = f"**{text(part.identified_as or 'Not identified')}**"
        note = f" — {text(part.identification_note)}" if part.identification_note else ""
        out += ["### Identification", "", name + note, ""]
    if part.interpretation:
        out += ["### Interpretation", "", text(part.interpretation), ""]


def _figures(part: PartSolution, link: FigureLink | None, out: list[str]) -> None:
    if not part.figures:
        return
    out += ["### Figures", ""]
    for k, fig in enumerate(part.figures, start=1):
        path = link(part, k, fig) if link else None
        alt = re.sub(r"[\[\]]", "", fig.title)
        if path:
            out += [f"![{text(alt)}]({path})", ""]
        else:
            out += [f"*Figure not written here ({text(alt)}): write the Markdown to a file "
                    "with `--out FILE.md` to get it beside the file.*", ""]
        out += [f"*Figure {k}: {text(fig.caption)}*", ""]


def _verification(part: PartSolution, out: list[str]) -> None:
    out += ["### Verification", ""]
    if not part.verified:
        out += [f"> **NOT VERIFIED** — {text(not_verified_reason(part))}", ""]
    if part.checks:
        rows = [(text(c.method), check_status_word(c), format_error(c.max_error),
                 format_runtime(c.runtime_s), text(c.detail)) for c in part.checks]
        out += _table(("Method", "Status", "Max error", "Runtime", "Detail"), rows) + [""]
    else:
        out += ["No checks were run.", ""]
    out += [f"- {text(d)}" for d in part.diagnostics] + ([""] if part.diagnostics else [])


def render_part_markdown(part: PartSolution, link: FigureLink | None = None) -> list[str]:
    """Markdown lines of one part's full write-up."""
    out = [f"## {_literal(part_heading(part, ''))}", ""]
    if part.question:
        out += [f"> {line}".rstrip() for line in text(part.question).strip().splitlines()]
        out.append("")
    _analysis(part, out)
    _derivation(part, out)
    _result(part, out)
    _figures(part, link, out)
    _verification(part, out)
    return out


def render_markdown(solution: Solution, link: FigureLink | None = None) -> str:
    """The Markdown write-up: title, what was read, the answers, then every part in full;
    ``link`` names the file each figure is written to (figures are not embedded)."""
    out = [f"# {text(solution.title)}", ""]
    if answered_line(solution):
        out += [f"> **{_literal(answered_line(solution))}**", ""]
    out += _reading(solution) + _answers(solution)
    for part in solution.in_text_order():
        out += (render_part_markdown(part, link) if hasattr(part, "answers")
                else _not_answered(part, heading=True))
    return "\n".join(out).rstrip() + "\n"


def figure_name(stem: str, part: PartSolution, k: int) -> str:
    """The file name of a part's ``k``-th figure beside ``stem.md``."""
    label = re.sub(r"[^A-Za-z0-9]+", "-", part.label).strip("-") or "part"
    return f"{stem}-{label}-figure-{k}.png"


def markdown_with_figures(solution: Solution, stem: str) -> tuple[str, dict[str, bytes]]:
    """The Markdown of ``stem.md`` and the figure files to write beside it (name -> PNG)."""
    files: dict[str, bytes] = {}

    def link(part: PartSolution, k: int, fig: Figure) -> str:
        name = figure_name(stem, part, k)
        files[name] = fig.png
        return name

    return render_markdown(solution, link), files
