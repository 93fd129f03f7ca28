"""Split prose into text and ``$...$`` math; ``\\$`` is a literal dollar, ``$$...$$`` display math.

An unmatched ``$`` (or an empty ``$$``) is kept as literal text, so prose such as "costs $5" never
turns into a formula by accident unless it is closed by a second dollar.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from optiproof.core.solution import Solution

SegmentKind = Literal["text", "inline", "display"]
Segment = tuple[SegmentKind, str]


def _find_close(text: str, start: int, delim: str) -> int | None:
    """Index of the closing ``delim`` at or after ``start``, skipping backslash escapes."""
    j = start
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text.startswith(delim, j):
            return j
        j += 1
    return None


def split_math(text: str) -> list[Segment]:
    """Prose -> [(kind, content)]: ``text`` (unescaped), ``inline`` or ``display`` LaTeX."""
    segments: list[Segment] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            segments.append(("text", "".join(buf)))
            buf.clear()

    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and text.startswith("$", i + 1):
            buf.append("$")
            i += 2
            continue
        if c != "$":
            buf.append(c)
            i += 1
            continue
        if text.startswith("$$", i):
            end = _find_close(text, i + 2, "$$")
            if end is not None and text[i + 2:end].strip():
                flush()
                segments.append(("display", text[i + 2:end].strip()))
                i = end + 2
            else:
                buf.append("$$")
                i += 2
            continue
        end = _find_close(text, i + 1, "$")
        if end is not None and text[i + 1:end].strip():
            flush()
            segments.append(("inline", text[i + 1:end]))
            i = end + 1
        else:
            buf.append("$")
            i += 1
    flush()
    return segments


_QUOTED_LATEX = re.compile(r"'([^'\n]*\\[A-Za-z][^'\n]*)'")
_LATEX_COMMAND = re.compile(r"\\[A-Za-z]+|[_^]\{")


def looks_like_latex(text: str) -> bool:
    """True for text written in LaTeX (it has a command such as ``\\frac`` or ``x_{1}``)."""
    return _LATEX_COMMAND.search(text) is not None


def split_quoted_math(text: str) -> list[Segment]:
    """Like :func:`split_math`, and a quoted formula (``'\\frac{1}{2}'``, as a message quotes
    an answer) is inline math too."""
    out: list[Segment] = []
    for kind, content in split_math(text):
        if kind != "text":
            out.append((kind, content))
            continue
        pos = 0
        for m in _QUOTED_LATEX.finditer(content):
            out += [("text", content[pos:m.start()]), ("inline", m.group(1))]
            pos = m.end()
        out.append(("text", content[pos:]))
    return [(kind, content) for kind, content in out if content]


def inline_math(text: str) -> list[str]:
    """The ``$...$`` fragments of prose, in order (``$$`` display blocks are not inline math)."""
    return [s for kind, s in split_math(text or "") if kind == "inline"]


def display_math(text: str) -> list[str]:
    """The ``$$...$$`` display blocks of prose, in order."""
    return [s for kind, s in split_math(text or "") if kind == "display"]


def solution_formulas(solution: Solution) -> list[tuple[str, bool]]:
    """Every LaTeX string a solution emits, as (latex, display_mode) pairs."""
    out: list[tuple[str, bool]] = []
    for part in solution.parts:
        for _, eq in part.numbered_equations():
            out.append((eq.latex, True))
        for a in part.answers:
            out.append((a.latex, True))
            out.append((f"{a.symbol} = {a.latex}", True))
        texts = [part.question, part.identification_note, part.interpretation, part.summary,
                 part.analysis.objective_text, *part.analysis.assumptions, *part.diagnostics]
        texts += [s.text for s in part.steps] + [s.title for s in part.steps]
        texts += [v.meaning for v in part.analysis.variables]
        texts += [a.set_description for a in part.answers] + [a.note for a in part.answers]
        for v in part.analysis.variables:
            out.append((v.symbol, False))
            if v.space:
                out.append((v.space, False))
        for t in texts:
            out.extend((m, False) for m in inline_math(t))
    return out
