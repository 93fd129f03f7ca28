"""Split a normalised problem into a title, shared context and labelled parts (a), (b), ...

Part markers are recognised at the start of a line (``(a)``, ``a)``, ``Part a:``, ``Part (a)``,
``a. Capital...``) or after the end of a sentence (``... above. (b) Now ...``). A marker in the
middle of a sentence (``as in (a)``) is a reference, not a new part. Labels must be unique; a
later duplicate is treated as text. Without markers the whole problem is one part, ``main``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from optiproof.reading.normalize import flatten

_MARKER = re.compile(
    r"(?:(?<=\n)|^|(?<=[.?!:)] ))[ \t]{0,4}"
    r"(?:(?:Part|Question|Q)[ \t]{0,2}\(?([a-h])\)?[ \t]{0,2}[:.)]?"
    r"|\(([a-h])\)"
    r"|([a-h])\)(?=[ \t])"
    r"|([a-h])\.(?=[ \t]{1,3}[A-Z]))", re.I)
_TITLE_NUMBER = re.compile(r"^(?:(?:Problem|Question|Exercise|Q)[ \t]{0,2})?\d{1,3}[.:)]?[ \t]{1,4}"
                           r"|^(?:Problem|Question|Exercise)[ \t]{0,2}\d{0,3}[ \t]{0,2}[:.-][ \t]{0,2}",
                           re.I)
_ROMAN_PREFIX = re.compile(r"^\((i{1,3}|iv|v|vi{0,3})\)")


@dataclass(frozen=True)
class PartText:
    """One part's own text (``own``) and the shared context it inherits (``context``)."""

    label: str
    own: str
    context: str
    start: int

    @property
    def flat(self) -> str:
        return flatten(self.own)

    @property
    def flat_context(self) -> str:
        return flatten(self.context)


@dataclass(frozen=True)
class Layout:
    title: str | None
    title_line: str | None
    context: str
    parts: tuple[PartText, ...]


def split_title(text: str) -> tuple[str | None, str | None, str]:
    """(title, the line it came from, the rest): the first line when it reads as a heading."""
    first, _, rest = text.partition("\n")
    line = first.strip()
    if not line or len(line) > 120 or _MARKER.match(line):
        return None, None, text
    words = line.split()
    heading_question = line.endswith("?") and len(words) <= 8 and rest.startswith("\n")
    if line.endswith((".", "?", ":", ",")) and not (len(words) <= 10 and line.endswith(":")) \
            and not heading_question:
        if not _TITLE_NUMBER.match(line) or len(words) > 12:
            return None, None, text
    if len(words) > 14 or any(c in line for c in "=‖[]"):
        return None, None, text
    title = _TITLE_NUMBER.sub("", line).strip().rstrip(":").strip()
    if not title or not any(c.isalpha() for c in title):
        return None, None, text
    return title, line, rest


TITLE_WORDS = 12


def sentence_title(text: str) -> str:
    """A title made from the text's first sentence (its first words when the sentence is long),
    for a problem written without a title line."""
    first = re.split(r"(?<=[.?!:])\s|\n\s*\n", " ".join(text.split(" ")).strip(), maxsplit=1)[0]
    words = " ".join(first.split()).rstrip(".:").split(" ")
    title = " ".join(words[:TITLE_WORDS]) + (" …" if len(words) > TITLE_WORDS else "")
    return title if any(c.isalpha() for c in title) else "Untitled problem"


def split_parts(text: str) -> Layout:
    """Title, shared context and parts of a normalised text."""
    title, title_line, body = split_title(text)
    markers = []
    used: set[str] = set()
    expected = "a"
    for m in _MARKER.finditer(body):
        label = next(g for g in m.groups() if g).lower()
        at_line_start = m.start() == 0 or body[m.start() - 1] == "\n"
        if label in used:
            continue
        if not at_line_start and label != expected:
            continue
        if m.group(4) and label != expected:
            continue
        markers.append((m.start(), m.end(), label))
        used.add(label)
        expected = chr(ord(label) + 1)
    if not markers:
        return Layout(title, title_line, "", (PartText("main", body, "", 0),))
    context = body[:markers[0][0]].strip()
    parts = []
    for i, (start, end, label) in enumerate(markers):
        stop = markers[i + 1][0] if i + 1 < len(markers) else len(body)
        parts.append(PartText(label, body[end:stop].strip(), context, start))
    return Layout(title, title_line, context, tuple(parts))
