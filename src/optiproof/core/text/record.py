"""What a reader records about one part: the part's text, each spec field it read with the
phrase it came from, what it could not read, and what became of each number of the text.

These plain records are shared by the reading layer and by the families' reader hooks, which map
what a text says onto their spec fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

TODO = "TODO"
"""The value of a spec field still to fill in a spec written from an incomplete reading."""
_SPACES = re.compile(r"[ \t\f\v]{2,}")
_NEW_ASSIGNMENT = re.compile(
    r"(?<=[0-9)\]}])[ \t]*\n(?=[ \t]*[A-Za-zα-ωΑ-Ωℓ∇][A-Za-z0-9_^{}()α-ωΑ-Ω₀-₉ᵀ⊤'̂]{0,12}[ \t]*:?=(?!=)[ \t]*[^\s,;])")
"""A line break between a complete value (a number or a closed bracket) and a line that starts
with ``name =``: two assignments written one per line, not one product ``0.1 β = 0.9``."""


_BULLET_LINE = re.compile(r"^[ \t]*(?:[*•+]|-(?=[ \t]+(?:[A-Za-z]{3,}|[α-ωΑ-Ω]|[A-Za-z]{1,2}(?:_\{?\w{1,3}\}?|\d)?"
                          r"[ \t]*=(?!=))))[ \t]+", re.M)
"""A list bullet at the start of a line ("* β_1 = 0.9", "- learning rate η = 0.01", "- g_1 =
(1, -2)"): joined into one line it would read as a product or a difference with the line
before: it is written •."""
_AFTER_VALUE_BULLET = re.compile(r"(?<=[0-9)\]}])[ \t]*\n(?=[ \t]*• )")


def _bullet_after_value(m: re.Match) -> str:
    """A bullet after a line that assigns a value ("• β_1 = 0.9" after "• η = 0.01") is kept
    apart by a comma; after a question or a remark the line break stays."""
    line = m.string[m.string.rfind("\n", 0, m.start()) + 1:m.start()]
    return ",\n" if "=" in line and "?" not in line else m.group(0)


SECTION_LEAD = re.compile(r"\n[ \t]*\n[ \t]*(?!(?:hints?|notes?|remarks?|recall|reminders?|warning|tips?|"
                          r"caution|examples?|answers?|solutions?|given|data|setup|set-up|context|"
                          r"assume|assumptions?|now|then|also|here|for|in|with|let|suppose|we|you|"
                          r"i|if|the|a|an|each|every|all|show|prove|verify|find|compute|calculate|"
                          r"determine|derive|give|state|explain|argue|check|evaluate|write|consider|"
                          r"take|use|repeat|same|what|which|how|why|where|when|is|are|does|do|can)\b)"
                          r"(?![^\n:=]{0,40}\bthat\b)([A-Z][\w'’-]{1,20}(?:[ -][\w'’()-]{1,20})"
                          r"{0,4}) ?(?:[:=—–]|-{1,2}) ", re.I)
"""A paragraph led by a short name and a colon, '=' or a dash ("Parameter server: a separate
server node ...", "Ring all-reduce = reduce-scatter then all-gather"): a section's setting (not
a request or claim, "Show that u = 0 is a minimiser ...", that continues a part)."""


def flatten(text: str) -> str:
    """Join lines into one line of single-spaced text (what family readers match against); an
    assignment that starts a line after a line ending in a value is kept apart by a comma, and
    so is a bulleted line (its bullet is not an operator)."""
    text = _BULLET_LINE.sub("• ", text)
    text = _AFTER_VALUE_BULLET.sub(_bullet_after_value, text)
    text = _NEW_ASSIGNMENT.sub(",\n", text)
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


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
class NumberUse:
    """One number of a text and what the reading did with it: ``used`` (with the source phrase
    of the field it went into), ``label`` (a heading or page number), ``structure`` (part of a
    formula), ``aside`` (a batch size or current loss value, or in a remark the writer calls beside the
    point; ``source`` says which) or ``unused``."""

    text: str
    start: int
    status: str
    source: str = ""


PHRASE_MAX = 90


def phrase(text: str, start: int, end: int, *, pad: int = 0) -> str:
    """The source phrase ``text[start:end]`` (optionally widened), single-spaced and short."""
    lo, hi = max(0, start - pad), min(len(text), end + pad)
    s = text[lo:hi]
    if pad and lo > 0 and not text[lo - 1].isspace() and " " in text[lo:start]:
        s = s.split(" ", 1)[1]
    if pad and hi < len(text) and not text[hi].isspace() and " " in text[end:hi]:
        s = s.rsplit(" ", 1)[0]
    s = " ".join(s.split())
    return s if len(s) <= PHRASE_MAX else s[:PHRASE_MAX - 3] + "..."


@dataclass
class Field:
    """One spec field read from the text: its value and the phrase it came from."""

    name: str
    value: Any
    source: str
    note: str = ""


@dataclass
class Missing:
    """A spec field that could not be read, and why (what was looked for or what conflicted)."""

    name: str
    reason: str


@dataclass
class PartReading:
    """One part: label, family, fields read, fields missing, notes on conventions applied."""

    label: str
    family: str | None
    question: str = ""
    fields: dict[str, Field] = field(default_factory=dict)
    missing: list[Missing] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    family_source: str = ""
    asked: list[str] = field(default_factory=list)
    numbers: list[NumberUse] = field(default_factory=list)
    requests: dict[str, list[str]] = field(default_factory=dict)
    """Each request sentence of the part and the quantities its asks denote."""
    objects: Any = None
    """The math objects the part was read from (its own text and the shared text)."""
    own_text: str = ""
    """The part's own text, single-line."""
    found: dict[str, Any] = field(default_factory=dict)
    """What the reader found but places only once the questions are known."""
    answered_by: dict[str, str] = field(default_factory=dict)
    """Asked quantities whose answer is another quantity's (quantity -> the one answering it:
    the first step without bias correction is the step without it at t = 1)."""
    named: dict[str, str] = field(default_factory=dict)
    """Symbols the part's requests ask, by the quantity each denotes ("Compute θ_∞" -> limit):
    a later part may name this part's answer by them."""
    conventions: list[Field] = field(default_factory=list)
    """Statements of a convention the spec already follows (Adam's ``m_0 = v_0 = 0``): read,
    with their source, though no field takes them."""
    claims: list[tuple[str, str, str]] = field(default_factory=list)
    """Values a "show that" request states for a quantity it asks ("show that η = 0.4 is the
    optimal step size"): (quantity key, the value as written, the claim's phrase). The solved
    answer confirms or refutes each (:meth:`optiproof.reading.report.Reading.attach`)."""

    def sources(self) -> list[str]:
        """The source phrases of every field and convention read."""
        return [f.source for f in [*self.fields.values(), *self.conventions] if f.source]

    def convention(self, name: str, source: str, note: str) -> None:
        """Record that ``source`` states a convention the spec follows anyway."""
        self.conventions.append(Field(name, None, source, note))

    @property
    def unused(self) -> list[str]:
        """The numbers of this part's own text that no field of the reading used."""
        return [u.text for u in self.numbers if u.status == "unused"]

    def set(self, name: str, value: Any, source: str, note: str = "") -> None:
        """Record a field (a later call for the same name replaces it)."""
        self.fields[name] = Field(name, value, source, note)
        self.missing = [m for m in self.missing if m.name != name]

    def miss(self, name: str, reason: str) -> None:
        """Record that ``name`` could not be read, and why."""
        self.fields.pop(name, None)
        if not any(m.name == name for m in self.missing):
            self.missing.append(Missing(name, reason))

    def value(self, name: str, default: Any = None) -> Any:
        f = self.fields.get(name)
        return f.value if f is not None else default

    def spec(self, todo: bool = False) -> dict[str, Any]:
        """This part as a spec mapping (fields read only); with ``todo``, every field still to
        fill is written ``TODO`` (a spec with a TODO left in it does not load)."""
        out: dict[str, Any] = {"label": self.label}
        if self.family or todo:
            out["family"] = self.family or TODO
        if self.question:
            out["question"] = self.question
        out.update({name: f.value for name, f in self.fields.items()})
        if todo:
            for m in self.missing:
                out[m.name if m.name.isidentifier() else "question"] = TODO
        return out
