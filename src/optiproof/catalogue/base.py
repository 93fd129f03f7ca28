"""Catalogue entries: one declaration per concept, and the registry that looks them up.

An :class:`Entry` is declared once, in the style of a cvxpy atom: its canonical ``key`` (the
value specs, JSON and code use), its display ``name`` (what people read), its LaTeX, the
``aliases`` a spec or an answer may use for it, the ``phrases`` and ``notations`` that denote it
in text (regular expressions over normalised, lower-cased prose), and its ``relations`` to other
entries. Specs, readers, identification, witnesses' names, the checker and the hints look
concepts up here; no other module spells a canonical name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from optiproof.core.errors import did_you_mean


def normalise_name(text: str) -> str:
    """A name as looked up: lower case, no spaces, underscores or hyphens (``Ring All-Reduce``
    -> ``ringallreduce``)."""
    return re.sub(r"[\s_\-]+", "", text.strip().lower())


@dataclass(frozen=True)
class Relation:
    """``subject`` is ``kind`` of ``other`` when ``condition`` holds (a sentence, inline LaTeX).

    Kinds: ``special-case`` (subject = other under the condition), ``reduces-to`` (other becomes
    subject under the condition), ``constrained-form`` (subject is the constraint form of other's
    step), ``same-update`` (subject takes other's step, on other data: naming one names the
    other), ``approximates``, ``applied-to-momentum``."""

    kind: str
    other: str
    condition: str
    without: tuple[str, ...] = ()
    """The condition in words: patterns of the ingredients one side lacks to become the other
    ("momentum", "accumulat"), each to be named as dropped ("without accumulation", "with no
    momentum/averaging", "its averaging switched off")."""


@dataclass(frozen=True)
class Entry:
    """One concept of the field, declared once."""

    key: str
    name: str
    latex: str = ""
    aliases: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    notations: tuple[str, ...] = ()
    relations: tuple[Relation, ...] = ()
    description: str = ""

    def names(self) -> tuple[str, ...]:
        """Every name this entry answers to: key, display name and aliases."""
        return (self.key, self.name, *self.aliases)

    def patterns(self) -> tuple[re.Pattern, ...]:
        """Compiled phrases and notations (case-insensitive for phrases, exact for notations)."""
        return _compiled(self)


_PATTERNS: dict[int, tuple[re.Pattern, ...]] = {}


def _compiled(entry: Entry) -> tuple[re.Pattern, ...]:
    got = _PATTERNS.get(id(entry))
    if got is None:
        got = tuple(re.compile(p, re.I) for p in entry.phrases) + tuple(
            re.compile(p) for p in entry.notations)
        _PATTERNS[id(entry)] = got
    return got


E = TypeVar("E", bound=Entry)


@dataclass(frozen=True)
class Mention(Generic[E]):
    """Where an entry is denoted in a text: ``text[start:end]``."""

    entry: E
    start: int
    end: int
    phrase: str


@dataclass
class Registry(Generic[E]):
    """An ordered collection of entries of one kind, looked up by any of their names."""

    kind: str
    entries: list[E] = field(default_factory=list)
    _by_name: dict[str, E] = field(default_factory=dict)
    _mentions: dict[str, tuple[Mention[E], ...]] = field(default_factory=dict, repr=False,
                                                         compare=False)

    def add(self, entry: E) -> E:
        """Register ``entry``; every one of its names must be new to this kind."""
        for n in entry.names():
            k = normalise_name(n)
            if k in self._by_name and self._by_name[k] is not entry:
                raise ValueError(f"{self.kind} name {n!r} is declared twice "
                                 f"({self._by_name[k].key} and {entry.key})")
            self._by_name[k] = entry
        self.entries.append(entry)
        self._mentions.clear()
        return entry

    def __iter__(self) -> Iterator[E]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def keys(self) -> tuple[str, ...]:
        return tuple(e.key for e in self.entries)

    def get(self, name: str) -> E | None:
        """The entry called ``name`` (key, display name or alias, any case/spacing), or None."""
        if not isinstance(name, str):
            return None
        return self._by_name.get(normalise_name(name))

    def __getitem__(self, name: str) -> E:
        got = self.get(name)
        if got is None:
            raise KeyError(f"unknown {self.kind} {name!r}; known: {', '.join(self.keys())}")
        return got

    def canonical(self, name: str) -> str:
        """The key of the entry called ``name`` (ValueError naming the known keys otherwise)."""
        got = self.get(name)
        if got is None:
            raise ValueError(f"unknown {self.kind} {str(name)[:40]!r};"
                             f"{did_you_mean(name, {n: e.key for e in self for n in e.names()})}"
                             f" known: {', '.join(self.keys())}")
        return got.key

    def choose(self, name: Any, allowed: Iterable[E], *, also: Mapping[E, E] | None = None,
               what: str = "") -> str:
        """The key of the entry called ``name`` if it is one of ``allowed``; an entry that
        ``also`` maps to an allowed one stands for it. ValueError naming the allowed keys
        otherwise, calling the value ``what`` (default: the registry's kind). A spec field
        accepts every name of the entries it allows."""
        allowed = tuple(allowed)
        got = self.get(name)
        if also and got in also:
            got = also[got]
        if got is None or got not in allowed:
            keys = [e.key for e in allowed]
            hint = did_you_mean(name, {n: e.key for e in allowed for n in e.names()})
            raise ValueError(f"unknown {what or self.kind} {str(name)[:40]!r};{hint} known: "
                             f"{', '.join(keys)}")
        return got.key

    def choose_all(self, names: Any, allowed: Iterable[E], *, also: Mapping[E, E] | None = None,
                   what: str = "") -> list[str]:
        """The keys of the entries called ``names`` (one name or a list), each chosen as by
        :meth:`choose`, in order and without repeats."""
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, (list, tuple)):
            raise ValueError(f"expected a list of {what or self.kind} names")
        allowed = tuple(allowed)
        return list(dict.fromkeys(self.choose(n, allowed, also=also, what=what) for n in names))

    def mentions(self, text: str) -> list[Mention[E]]:
        """Every place ``text`` denotes an entry of this kind, in text order; where two mentions
        overlap the longer one wins (``ring all-reduce`` over ``ring``). Remembered for the
        texts met last (readers and the checker ask again about the same sentences). A
        subscript digit reads as the digit (``ℓ₂`` is ``ℓ2``; offsets are kept)."""
        text = text.translate(_SUBSCRIPT_DIGITS)
        got = self._mentions.get(text)
        if got is None:
            if len(self._mentions) >= _MENTIONS_KEPT:
                self._mentions.clear()
            got = self._mentions[text] = tuple(self._find_mentions(text))
        return list(got)

    def _find_mentions(self, text: str) -> list[Mention[E]]:
        found: list[Mention[E]] = []
        folded = fold_case(text)
        for entry in self.entries:
            for pat in entry.patterns():
                literal, icase, slow = _REQUIRED.get(pat) or required_literal(pat)
                if (slow.search(text) is None) if slow is not None else (
                        literal and literal not in (folded if icase else text)):
                    continue
                for m in pat.finditer(text):
                    if m.end() > m.start():
                        found.append(Mention(entry, m.start(), m.end(), m.group(0)))
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        out: list[Mention[E]] = []
        for m in found:
            if out and m.start < out[-1].end:
                if m.end - m.start > out[-1].end - out[-1].start and m.start == out[-1].start:
                    out[-1] = m
                continue
            out.append(m)
        return out


_MENTIONS_KEPT = 4096
_SUBSCRIPT_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
"""How many texts each registry remembers the mentions of."""

_REQUIRED: dict[re.Pattern, tuple[str, bool, re.Pattern | None]] = {}
_ASCII_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
"""The characters other than ASCII letters that a case-insensitive pattern matches to an
ASCII letter (İ, ı, ſ and the Kelvin sign; found by trying every code point, and a test keeps
the list whole)."""


def fold_case(text: str) -> str:
    """``text`` lower-cased with the characters of :data:`_ASCII_FOLDS` replaced: a
    case-insensitive ASCII literal occurs in ``text`` only if its lower case occurs in this."""
    return text.translate(_ASCII_FOLDS).lower()


def required_literal(pattern: re.Pattern) -> tuple[str, bool, re.Pattern | None]:
    """The longest run of plain characters every match of ``pattern`` contains (``euclidean
    norm`` in ``(?<!\\bin )\\beuclidean norms?\\b``; ``""`` when it has none), lower-cased
    when the pattern ignores case; whether it does; and, when it does and the run is not
    ASCII, the run compiled with the pattern's flags. A text without the run has no match,
    and looking for it is far cheaper than the pattern's own search on a long text (a
    lookbehind is tried at every position)."""
    got = _REQUIRED.get(pattern)
    if got is not None:
        return got
    best: list[str] = []
    try:
        from re import _parser

        run: list[str] = []
        for op, arg in _parser.parse(pattern.pattern, pattern.flags).data:
            if op is _parser.LITERAL:
                run.append(chr(arg))
                if len(run) > len(best):
                    best = list(run)
            elif op not in (_parser.AT, _parser.ASSERT, _parser.ASSERT_NOT):
                run = []
    except Exception:  # noqa: BLE001 - no shortcut: the pattern alone decides
        best = []
    literal = "".join(best)
    icase = bool(int(pattern.flags) & int(re.I))
    slow = re.compile(re.escape(literal), pattern.flags) if literal and icase and \
        not literal.isascii() else None
    got = _REQUIRED[pattern] = (literal.lower() if icase else literal, icase, slow)
    return got


def key_literal(entries: Iterable[Entry]) -> Any:
    """``Literal[key, ...]`` of the entries' keys: the type of a spec field naming one of them."""
    return Literal[tuple(e.key for e in entries)]  # type: ignore[valid-type]
