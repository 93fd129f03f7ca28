"""Terminal write-up with rich, answer first: what was read, the short answer of every part,
then a panel per part with its derivation and evidence. Math is Unicode (never LaTeX).

All user text goes through ``rich.text.Text`` (never markup), so brackets in a question cannot
restyle the output.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from optiproof.rendering import (
    NOT_ANSWERED_BADGE,
    answered_line,
    check_status_word,
    format_error,
    format_runtime,
    not_answered_heading,
    not_answered_reasons,
    numbered_layout,
    part_heading,
    verified_word,
)
from optiproof.rendering.answers import PartAnswer, part_answer
from optiproof.rendering.mathsegments import looks_like_latex, split_math, split_quoted_math
from optiproof.rendering.reading import SPEC_NOTE, reading_view
from optiproof.rendering.unicode import latex_to_unicode

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from optiproof.core.solution import NotAnswered, PartSolution, Solution

STATUS_STYLE = {"passed": "bold green", "failed": "bold white on red",
                "inconclusive": "bold yellow"}
TERMINAL_DETAIL_CHARS = 240
LABEL_WIDTH = 34


def prose(text: str) -> str:
    """Prose with its ``$...$`` math written as Unicode."""
    return "".join(content if kind == "text" else latex_to_unicode(content)
                   for kind, content in split_math(text or ""))


def math(latex: str) -> str:
    """One formula as Unicode."""
    return latex_to_unicode(latex)


def quoted_prose(text: str) -> str:
    """Like :func:`prose`, and a quoted formula in a message is written as Unicode too."""
    return "".join(content if kind == "text" else latex_to_unicode(content)
                   for kind, content in split_quoted_math(text or ""))


def source_line(line: str) -> str:
    """A line quoted from someone's document, its math (``$...$`` or bare LaTeX) as Unicode;
    control characters dropped."""
    from optiproof.core.safeio import printable

    line = printable(line)
    if "$" in line:
        return prose(line)
    return latex_to_unicode(line) if looks_like_latex(line) else line


def named_value(item: str) -> str:
    """``name: value`` with a LaTeX value written as Unicode."""
    from optiproof.core.safeio import printable

    item = printable(item)
    name, sep, value = item.partition(": ")
    if not sep:
        return latex_to_unicode(item) if looks_like_latex(item) else item
    return f"{name}: {latex_to_unicode(value) if looks_like_latex(value) else value}"


def _short(detail: str) -> str:
    """The start of a witness's detail; the full text is in the Markdown/HTML/JSON output."""
    if len(detail) <= TERMINAL_DETAIL_CHARS:
        return detail
    return detail[:TERMINAL_DETAIL_CHARS].rsplit(" ", 1)[0] + " … (full detail: --format md)"


def _heading(text: str) -> RenderableType:
    from rich.text import Text

    return Text("\n" + text, style="bold underline")


def _hanging(mark: str, text: str, mark_style: str = "", style: str = "",
             indent: int = 0) -> RenderableType:
    """``mark text`` with wrapped lines of ``text`` indented under its first character."""
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text(mark, style=mark_style), Text(text, style=style))
    return Padding(grid, (0, 0, 0, indent)) if indent else grid


# -- what was read and the answer block ------------------------------------------------------

def reading_block(solution: Solution) -> list[RenderableType]:
    """What was read: per part the family, asked quantities and inputs with their sources."""
    from rich.text import Text

    view = reading_view(solution)
    out: list[RenderableType] = [Text("What was read", style="bold")]
    if view.from_spec:
        return out + [Text("  " + SPEC_NOTE, style="dim")]
    for part in view.parts:
        asks = f" · asks: {', '.join(part.asked)}" if part.asked else ""
        out.append(Text.assemble(f"  ({part.label}) ", (part.family, "bold"), asks))
        for item in part.inputs:
            source = f'  ← "{item.source}"' if item.source else ""
            out.append(_hanging("", f"{item.name} = {item.value}{source}", style="dim",
                                indent=5))
        out += [_hanging("note:", n, "yellow", indent=5) for n in part.notes]
        if part.unused:
            out.append(_hanging("NOT USED:", ", ".join(part.unused), "bold red", indent=5))
    out += [_hanging("  note:", n, "yellow") for n in view.notes]
    if view.unused:
        out.append(_hanging("  NOT USED:", ", ".join(view.unused), "bold red"))
    if view.set_aside:
        out.append(_hanging("  SET ASIDE:", "; ".join(view.set_aside), "yellow"))
    return out


def unused_block(solution: Solution) -> list[RenderableType]:
    """The numbers of the text the answers do not use, per part and shared (empty if none): the
    one part of the reading a brief output still shows, since an answer that leaves a given
    number out may answer another question than the one asked."""
    view = reading_view(solution)
    if view.from_spec:
        return []
    out: list[RenderableType] = [
        _hanging(f"  NOT USED in ({part.label}):", ", ".join(part.unused), "bold red")
        for part in view.parts if part.unused]
    if view.unused:
        out.append(_hanging("  NOT USED by any answer:", ", ".join(view.unused), "bold red"))
    if view.set_aside:
        out.append(_hanging("  SET ASIDE:", "; ".join(view.set_aside), "yellow"))
    return out


def _answer_rows(block: PartAnswer) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(max_width=LABEL_WIDTH, overflow="fold")
    grid.add_column(overflow="fold")
    previous = ""
    for line in block.lines:
        value = Text(math(line.latex), style="bold magenta")
        if line.approx:
            value.append(f"   {line.approx}", style="cyan")
        if line.status:
            value.append(f"\n({line.status})", style="italic yellow")
        grid.add_row(Text(line.label if line.label != previous else ""), value)
        previous = line.label
    if block.identified_as:
        grid.add_row(Text("Identified as"), Text(block.identified_as, style="bold green"))
    return grid


def answer_block(solution: Solution) -> list[RenderableType]:
    """The short answer of every part: answers with decimals, identification, verification."""
    from rich.padding import Padding
    from rich.text import Text

    out: list[RenderableType] = [Text("\nAnswers", style="bold")]
    for part in solution.in_text_order():
        if not hasattr(part, "answers"):
            out += _not_answered(part)
            continue
        block = part_answer(part)
        style = "bold green" if block.verified else "bold white on red"
        out.append(Text.assemble("  ", (block.heading, "bold"), "  ", (block.badge, style)))
        out.append(Padding(_answer_rows(block), (0, 0, 0, 4)))
        if block.reason:
            out.append(_hanging("NOT VERIFIED:", block.reason, "bold red", "red", indent=4))
    return out


def _not_answered(item: NotAnswered, indent: int = 4) -> list[RenderableType]:
    """A part that was not answered: its badge, its question and why it could not be read."""
    from rich.text import Text

    out: list[RenderableType] = [Text.assemble(
        "  ", (not_answered_heading(item.label), "bold"), "  ",
        (NOT_ANSWERED_BADGE, "bold white on red"))]
    if item.question:
        out.append(_hanging("question:", " ".join(item.question.split()), "bold", "italic",
                            indent=indent))
    out += [_hanging("REASON:", reason, "bold red", indent=indent)
            for reason in not_answered_reasons(item)]
    return out


# -- a part's full write-up -------------------------------------------------------------------

def _equation(number: int, latex: str) -> RenderableType:
    return _hanging(f"  ({number})", math(latex), "cyan")


def _checks(part: PartSolution) -> list[RenderableType]:
    from rich.text import Text

    out: list[RenderableType] = []
    for c in part.checks:
        out.append(Text.assemble(("  " + check_status_word(c), STATUS_STYLE.get(c.status, "")),
                                 "  ", (c.method, "bold"),
                                 f"   max error {format_error(c.max_error)}",
                                 f" · {format_runtime(c.runtime_s)}"))
        if c.detail:
            out.append(_hanging("", _short(c.detail), style="dim", indent=4))
    return out


def _part_body(part: PartSolution) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    layout = numbered_layout(part)
    a = part.analysis
    out: list[RenderableType] = []
    if part.question:
        out.append(Text(prose(part.question), style="italic"))
    out.append(_heading("Analysis"))
    if a.variables:
        table = Table(show_header=True, box=None, padding=(0, 2))
        for col in ("Symbol", "Meaning", "Space"):
            table.add_column(col, overflow="fold")
        for v in a.variables:
            table.add_row(Text(math(v.symbol), style="cyan"), Text(prose(v.meaning)),
                          Text(math(v.space) if v.space else ""))
        out.append(table)
    out += [_hanging("  •", prose(x)) for x in a.assumptions]
    if a.objective_text:
        out.append(Text.assemble(("Objective: ", "bold"), prose(a.objective_text)))
    if layout.objective:
        n, eq = layout.objective
        out.append(_equation(n, eq.latex))
    if layout.steps:
        out.append(_heading("Derivation"))
    for k, (step, equations) in enumerate(layout.steps, start=1):
        out.append(Text(f"Step {k}. {prose(step.title)}", style="bold"))
        if step.text:
            out.append(Text(prose(step.text)))
        out += [_equation(n, eq.latex) for n, eq in equations]
    notes = [(a.name, x) for a in part.answers for x in (a.set_description, a.note) if x]
    if notes or part.summary:
        out.append(_heading("Result"))
        out += [_hanging("  •", prose(x)) for _, x in notes]
        if part.summary:
            out.append(Text.assemble(("In short: ", "italic"), prose(part.summary)))
    if part.identified_as or part.identification_note:
        out.append(_heading("Identification"))
        out.append(Text.assemble((part.identified_as or "Not identified", "bold green"),
                                 (" — " + prose(part.identification_note)
                                  if part.identification_note else "", "")))
    if part.interpretation:
        out += [_heading("Interpretation"), Text(prose(part.interpretation))]
    for fig in part.figures:
        out.append(Text(f"[figure: {fig.title}] (in the HTML and Markdown output)", style="dim"))
    out.append(_heading("Verification"))
    out += _checks(part) or [Text("No checks were run.", style="yellow")]
    out += [_hanging("  •", prose(d), style="yellow") for d in part.diagnostics]
    return out


def render_terminal(solution: Solution, console: Console, *, brief: bool = False) -> None:
    """Print a solution: title, what was read, the answers; then (unless ``brief``) a panel
    per part with its derivation and evidence."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    console.print(Text(solution.title, style="bold"))
    if answered_line(solution):
        console.print(Text(answered_line(solution), style="bold red"))
    if not brief:
        console.print(Group(*reading_block(solution)))
    elif unused_block(solution):   # brief leaves out the reading, never what it did not use
        console.print(Group(*unused_block(solution)))
    console.print(Group(*answer_block(solution)))
    if brief:
        return
    for part in solution.in_text_order():
        if not hasattr(part, "answers"):
            title = Text.assemble((not_answered_heading(part.label), "bold"), "  ",
                                  (NOT_ANSWERED_BADGE, "bold red"))
            console.print(Panel(Group(*_not_answered(part, indent=2)[1:]), title=title,
                                title_align="left", border_style="red"))
            continue
        border = "green" if part.verified else "red"
        title = Text.assemble((part_heading(part, solution.title), "bold"), "  ",
                              (verified_word(part), "bold " + border))
        console.print(Panel(Group(*_part_body(part)), title=title, title_align="left",
                            border_style=border))


def one_line_per_part(solution: Solution) -> str:
    """A solution in a few lines: its title, then per part its answers and verification."""
    skipped = f"; {answered_line(solution)}" if solution.not_answered else ""
    lines = [f"<Solution {solution.title!r}: {len(solution.parts)} part(s){skipped}>"]
    for part in solution.in_text_order():
        if not hasattr(part, "answers"):
            reasons = "; ".join(not_answered_reasons(part))
            lines.append(f"  {not_answered_heading(part.label)}: [{NOT_ANSWERED_BADGE}] "
                         f"{reasons}")
            continue
        block = part_answer(part)
        answers = "; ".join(math(line.latex) for line in block.lines) or "—"
        who = f" — {block.identified_as}" if block.identified_as else ""
        lines.append(f"  {block.heading}: {answers}{who}  [{block.badge}]")
    return "\n".join(lines)
