"""Terminal write-up with rich: a panel per part, numbered equations, answers, coloured checks.

All user text goes through ``rich.text.Text`` (never markup), so brackets in a question cannot
restyle the output.
"""

from __future__ import annotations

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

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from optiproof.core.solution import Answer, PartSolution, Solution

STATUS_STYLE = {"passed": "bold green", "failed": "bold white on red",
                "inconclusive": "bold yellow"}
PRETTY_MAX_LINES = 12


def _pretty(answer: Answer, width: int) -> str | None:
    """``sympy.pretty`` of an answer's expression when it is small enough to read."""
    if answer.expr is None:
        return None
    try:
        import sympy

        text = sympy.pretty(answer.expr, use_unicode=True, wrap_line=False)
    except Exception:  # noqa: BLE001 - fall back to the LaTeX source
        return None
    lines = text.splitlines()
    if len(lines) > PRETTY_MAX_LINES or max((len(x) for x in lines), default=0) > width:
        return None
    return text


def _heading(text: str) -> RenderableType:
    from rich.text import Text

    return Text("\n" + text, style="bold underline")


def _hanging(mark: str, text: str, mark_style: str = "", style: str = "") -> RenderableType:
    """``mark text`` with wrapped lines of ``text`` indented under its first character."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text(mark, style=mark_style), Text(text, style=style))
    return grid


def _equation(number: int, latex: str) -> RenderableType:
    return _hanging(f"  ({number})", latex, "cyan")


def _answer(answer: Answer, width: int) -> list[RenderableType]:
    from rich.padding import Padding
    from rich.text import Text

    out: list[RenderableType] = []
    label = f"{answer.name}: " if answer.name else ""
    pretty = _pretty(answer, width - 8)
    if pretty is not None:
        out.append(Text.assemble((label, "bold"), (f"{answer.symbol} =", "bold magenta")))
        out.append(Padding(Text(pretty, style="bold magenta"), (0, 0, 0, 4)))
        out.append(Text(f"    LaTeX: {answer_equation_latex(answer)}", style="dim"))
    else:
        out.append(Text.assemble((label, "bold"),
                                 (answer_equation_latex(answer), "bold magenta")))
    words = answer_status_words(answer)
    if words:
        out.append(Text(f"    ({words})", style="italic yellow"))
    for extra in (answer.set_description, answer.note):
        if extra:
            out.append(Text("    " + extra))
    return out


def _checks_table(part: PartSolution) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False, expand=False, title_justify="left")
    for col in ("Method", "Status", "Max error", "Runtime", "Detail"):
        table.add_column(col, overflow="fold")
    for c in part.checks:
        table.add_row(Text(c.method), Text(check_status_word(c), style=STATUS_STYLE.get(c.status)),
                      Text(format_error(c.max_error)), Text(format_runtime(c.runtime_s)),
                      Text(_short(c.detail)))
    return table


TERMINAL_DETAIL_CHARS = 240


def _short(detail: str) -> str:
    """The start of a witness's detail; the full text is in the Markdown/HTML/JSON output."""
    if len(detail) <= TERMINAL_DETAIL_CHARS:
        return detail
    return detail[:TERMINAL_DETAIL_CHARS].rsplit(" ", 1)[0] + " ... (full detail: --format md)"


def _not_verified_panel(part: PartSolution) -> RenderableType:
    from rich.panel import Panel
    from rich.text import Text

    return Panel(Text(not_verified_reason(part), style="bold red"),
                 title="[bold white on red] NOT VERIFIED [/]", border_style="bold red")


def _part_body(part: PartSolution, width: int) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    layout = numbered_layout(part)
    a = part.analysis
    out: list[RenderableType] = []
    if part.question:
        out.append(Text(part.question, style="italic"))
    out.append(_heading("Analysis"))
    if a.variables:
        table = Table(show_header=True, box=None, padding=(0, 2))
        for col in ("Symbol", "Meaning", "Space"):
            table.add_column(col)
        for v in a.variables:
            table.add_row(Text(v.symbol, style="cyan"), Text(v.meaning), Text(v.space))
        out.append(table)
    out += [_hanging("  \u2022", x) for x in a.assumptions]
    if a.objective_text:
        out.append(Text.assemble(("Objective: ", "bold"), a.objective_text))
    if layout.objective:
        n, eq = layout.objective
        out.append(_equation(n, eq.latex))
    if layout.steps:
        out.append(_heading("Derivation"))
    for k, (step, equations) in enumerate(layout.steps, start=1):
        out.append(Text(f"Step {k}. {step.title}", style="bold"))
        if step.text:
            out.append(Text(step.text))
        out += [_equation(n, eq.latex) for n, eq in equations]
    out.append(_heading("Result"))
    for answer in part.answers:
        out += _answer(answer, width)
    if part.summary:
        out.append(Text.assemble(("In short: ", "italic"), part.summary))
    if part.identified_as or part.identification_note:
        out.append(_heading("Identification"))
        out.append(Text.assemble((part.identified_as or "Not identified", "bold green"),
                                 (" \u2014 " + part.identification_note
                                  if part.identification_note else "", "")))
    if part.interpretation:
        out += [_heading("Interpretation"), Text(part.interpretation)]
    for fig in part.figures:
        out.append(Text(f"[figure: {fig.title}] (figure in HTML/Markdown output)", style="dim"))
    out.append(_heading("Verification"))
    if part.checks:
        out.append(_checks_table(part))
    else:
        out.append(Text("No checks were run.", style="yellow"))
    out += [_hanging("  \u2022", d, style="yellow") for d in part.diagnostics]
    if not part.verified:
        out.append(_not_verified_panel(part))
    return out


def render_terminal(solution: Solution, console: Console) -> None:
    """Print a solution to a rich console: a panel per part, then a summary table."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    width = max(40, console.width)
    console.print(Text(solution.title, style="bold"), justify="center")
    console.print(Panel(Text("\n".join(reading_lines(solution))), title="What was read",
                        title_align="left"))
    for part in solution.parts:
        border = "green" if part.verified else "red"
        title = Text.assemble((part_heading(part, solution.title), "bold"), "  ",
                              (verified_word(part), "bold " + border))
        console.print(Panel(Group(*_part_body(part, width)), title=title, title_align="left",
                            border_style=border))
    table = Table(title="Summary", title_justify="left")
    for col in ("Part", "Answer", "Identified as", "Verified"):
        table.add_column(col, overflow="fold")
    for part in solution.parts:
        answers = "\n".join(answer_equation_latex(a) for a in part.answers) or "\u2014"
        table.add_row(Text(part_heading(part, "main")), Text(answers),
                      Text(part.identified_as or "\u2014"),
                      Text(verified_word(part), style="bold green" if part.verified
                           else "bold white on red"))
    console.print(table)
