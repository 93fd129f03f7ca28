"""Markdown write-up of a Solution: analysis, numbered derivation, result, checks, summary table."""

from __future__ import annotations

import base64
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
    verified_word,
)

if TYPE_CHECKING:
    from optiproof.core.solution import Answer, PartSolution, Solution


def user_text(text: str) -> str:
    """Text from the problem or an answer, made inert in Markdown: ``<`` cannot open HTML."""
    return str(text).replace("<", "&lt;")


def _cell(text: str) -> str:
    """A GFM table cell: one line, pipes escaped (also inside math, as GFM requires)."""
    return " ".join(str(text).split()).replace("|", "\\|") or " "


def _row(*cells: str) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    return [_row(*header), "|" + "|".join("---" for _ in header) + "|", *(_row(*r) for r in rows)]


def _display(latex: str, number: int | None = None) -> str:
    """A display equation, tagged with its number when it has one."""
    tag = f" \\tag{{{number}}}" if number is not None else ""
    return f"$$ {latex}{tag} $$"


def _quote(text: str) -> list[str]:
    return [f"> {line}".rstrip() for line in text.strip().splitlines()]


def _not_verified_callout(part: PartSolution) -> list[str]:
    return [f"> **NOT VERIFIED** \u2014 {not_verified_reason(part)}"]


def _analysis(part: PartSolution, out: list[str]) -> None:
    analysis = part.analysis
    layout = numbered_layout(part)
    out += ["### Analysis", ""]
    if analysis.variables:
        rows = [(f"${v.symbol}$", v.meaning, f"${v.space}$" if v.space else "")
                for v in analysis.variables]
        out += _table(("Symbol", "Meaning", "Space"), rows) + [""]
    if analysis.assumptions:
        out += ["**Assumptions**", ""] + [f"- {a}" for a in analysis.assumptions] + [""]
    if analysis.objective_text or layout.objective:
        out.append("**Objective.**" + (f" {analysis.objective_text}"
                                       if analysis.objective_text else ""))
        out.append("")
    if layout.objective:
        n, eq = layout.objective
        out += [_display(eq.latex, n), ""]


def _derivation(part: PartSolution, out: list[str]) -> None:
    layout = numbered_layout(part)
    if not layout.steps:
        return
    out += ["### Derivation", ""]
    for k, (step, equations) in enumerate(layout.steps, start=1):
        out += [f"**Step {k}. {step.title}**", ""]
        if step.text:
            out += [step.text, ""]
        for n, eq in equations:
            out += [_display(eq.latex, n), ""]


def _answer(answer: Answer, out: list[str]) -> None:
    if answer.name:
        out += [f"**{answer.name}**", ""]
    out += [_display(answer_equation_latex(answer)), ""]
    words = answer_status_words(answer)
    if words:
        out += [f"*{words}.*" + (f" {answer.set_description}" if answer.set_description else ""),
                ""]
    elif answer.set_description:
        out += [answer.set_description, ""]
    if answer.note:
        out += [answer.note, ""]


def _result(part: PartSolution, out: list[str]) -> None:
    out += ["### Result", ""]
    if not part.verified:
        out += ["> **NOT VERIFIED** \u2014 see Verification below.", ""]
    for answer in part.answers:
        _answer(answer, out)
    if part.summary:
        out += [f"*In short:* {part.summary}", ""]
    if part.identified_as or part.identification_note:
        out += ["### Identification", ""]
        name = f"**{part.identified_as}**" if part.identified_as else "**Not identified**"
        out += [name + (f" \u2014 {part.identification_note}" if part.identification_note
                        else ""), ""]
    if part.interpretation:
        out += ["### Interpretation", "", part.interpretation, ""]


def _figures(part: PartSolution, out: list[str]) -> None:
    for fig in part.figures:
        data = base64.b64encode(fig.png).decode("ascii")
        alt = fig.title.replace("[", "(").replace("]", ")")
        out += [f"![{alt}](data:image/png;base64,{data})", "", f"*Figure: {fig.caption}*", ""]


def _verification(part: PartSolution, out: list[str]) -> None:
    out += ["### Verification", ""]
    if not part.verified:
        out += _not_verified_callout(part) + [""]
    if part.checks:
        rows = [(c.method, check_status_word(c), format_error(c.max_error),
                 format_runtime(c.runtime_s), c.detail) for c in part.checks]
        out += _table(("Method", "Status", "Max error", "Runtime", "Detail"), rows) + [""]
    else:
        out += ["No checks were run.", ""]
    if part.diagnostics:
        out += [f"- {d}" for d in part.diagnostics] + [""]


def _summary(solution: Solution, out: list[str]) -> None:
    out += ["## Summary", ""]
    rows = []
    for part in solution.parts:
        answers = "; ".join(f"${answer_equation_latex(a)}$" for a in part.answers) or "\u2014"
        rows.append((user_text(part_heading(part, "main")), answers, part.identified_as or "\u2014",
                     verified_word(part)))
    out += _table(("Part", "Answer", "Identified as", "Verified"), rows) + [""]


def render_part_markdown(part: PartSolution, title: str, level: int = 2) -> str:
    """Markdown of one part, its heading at ``level``."""
    out = ["#" * level + " " + user_text(part_heading(part, title)), ""]
    if part.question:
        out += _quote(user_text(part.question)) + [""]
    _analysis(part, out)
    _derivation(part, out)
    _result(part, out)
    if part.figures:
        out += ["### Figures", ""]
        _figures(part, out)
    _verification(part, out)
    return "\n".join(out)


def render_markdown(solution: Solution) -> str:
    """The full Markdown write-up of a solution, ending with a summary table."""
    out = [f"# {user_text(solution.title)}", ""]
    for part in solution.parts:
        out += [render_part_markdown(part, solution.title), ""]
    _summary(solution, out)
    return "\n".join(out).rstrip() + "\n"
