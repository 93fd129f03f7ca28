"""Split prose into text and ``$...$`` math; ``\\$`` is a literal dollar, ``$$...$$`` display math.

An unmatched ``$`` (or an empty ``$$``) is kept as literal text, so prose such as "costs $5" never
turns into a formula by accident unless it is closed by a second dollar.
"""

from __future__ import annotations

from typing import Literal

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


def inline_math(text: str) -> list[str]:
    """The ``$...$`` fragments of prose, in order (``$$`` display blocks are not inline math)."""
    return [s for kind, s in split_math(text or "") if kind == "inline"]


def display_math(text: str) -> list[str]:
    """The ``$$...$$`` display blocks of prose, in order."""
    return [s for kind, s in split_math(text or "") if kind == "display"]


def prose_formulas(text: str) -> list[tuple[str, bool]]:
    """Every formula of prose as (latex, display_mode) pairs, inline and display alike."""
    return [(s, kind == "display") for kind, s in split_math(text or "") if kind != "text"]
