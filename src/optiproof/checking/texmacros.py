"""A document's own LaTeX macros, so that its formulas are rendered as its author defined them.

``\\newcommand{\\sign}{\\operatorname{sign}}`` (also ``\\renewcommand``, ``\\providecommand``,
starred, with ``[n]`` arguments), ``\\DeclareMathOperator{\\sgn}{sgn}`` (starred: limits) and
``\\def\\R{\\mathbb{R}}`` (``\\gdef``, ``#1`` parameters) each become one ``\\def`` that is put
before a formula given to KaTeX. A definition KaTeX cannot take on its own is left out, so a
broken definition never makes every formula fail, and a command the document never defined
stays undefined.
"""

from __future__ import annotations

import re

MAX_MACROS = 200
"""Definitions read from one document (the first ones)."""
MAX_BODY_CHARS = 2000
"""A longer macro body is not taken."""

_START = re.compile(r"\\(?:(?:re|provide)?newcommand\*?|DeclareMathOperator(\*?)|g?def)"
                    r"(?![a-zA-Z])")
_NAME = re.compile(r"\s*(?:\{\s*(\\[a-zA-Z]+)\s*\}|(\\[a-zA-Z]+))")
_COUNT = re.compile(r"\s*\[\s*([1-9])\s*\]")
_DEFAULT = re.compile(r"\s*\[[^\[\]{}]*\]")
_PARAMS = re.compile(r"((?:#[1-9])*)")


def _group(text: str, at: int) -> tuple[str, int] | None:
    """The brace group opening at ``at`` (after spaces): its inside and the index past it."""
    while at < len(text) and text[at] in " \t\n":
        at += 1
    if at >= len(text) or text[at] != "{":
        return None
    depth = 0
    k = at
    while k < len(text) and k - at <= MAX_BODY_CHARS + 2:
        ch = text[k]
        if ch == "\\":
            k += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return text[at + 1:k], k + 1
        k += 1
    return None


def _definition(text: str, m: re.Match) -> tuple[str, int] | None:
    """One definition starting at ``m`` as a ``\\def``, and where it ends; None if malformed."""
    word = m.group(0)
    name_m = _NAME.match(text, m.end())
    if name_m is None:
        return None
    name = name_m.group(1) or name_m.group(2)
    at = name_m.end()
    params = ""
    if "def" in word and "Declare" not in word:
        pm = _PARAMS.match(text, at)
        params, at = pm.group(1), pm.end()
    elif "newcommand" in word:
        if cm := _COUNT.match(text, at):
            count = int(cm.group(1))
            at = cm.end()
            if _DEFAULT.match(text, at):  # an optional first argument: not taken
                return None
            params = "".join(f"#{i}" for i in range(1, count + 1))
    body = _group(text, at)
    if body is None:
        return None
    inside, end = body
    if "Declare" in word:
        op = "\\operatorname*" if m.group(1) else "\\operatorname"
        inside = f"{op}{{{inside}}}"
    return f"\\def{name}{params}{{{inside}}}", end


def document_macros(text: str) -> str:
    """The document's macro definitions, each as a ``\\def`` KaTeX accepts, joined into one
    preamble to put before each of its formulas ("" when it defines none)."""
    from optiproof.rendering.latexcheck import LatexError, validate_latex

    if "\\" not in text:
        return ""
    out: list[str] = []
    for _, definition, _ in _definitions(text):
        try:
            validate_latex(definition + " x", False, strict=False)
        except LatexError:
            continue
        out.append(definition)
    return "".join(out)


def _definitions(text: str) -> list[tuple[int, str, int]]:
    """The document's first :data:`MAX_MACROS` well-formed definitions: (start, ``\\def``, end)."""
    out: list[tuple[int, str, int]] = []
    pos = 0
    while len(out) < MAX_MACROS and (m := _START.search(text, pos)):
        found = _definition(text, m)
        if found is None:
            pos = m.end()
            continue
        out.append((m.start(), found[0], found[1]))
        pos = found[1]
    return out


_PLAIN_BODY = re.compile(r"[^#{}]*(?:\{[^#{}]*\}[^#{}]*)*")
"""A macro body without parameters and with at most one level of braces."""


def expanded(text: str) -> str:
    """``text`` with the document's own macros (``\\newcommand{\\bo}{\\beta_1}``,
    ``\\def\\E{\\mathbb{E}}``, ``\\newcommand{\\norm}[1]{\\lVert #1\\rVert}``) written out where
    they are used, so that a formula is read as its author defined it (``\\bo^t`` is
    ``\\beta_1^t``; a body of more than one symbol is put in braces). The definitions stay as
    written; one defined twice differently is left alone. Lines keep their number."""
    if "\\" not in text or not _START.search(text):
        return text
    bodies: dict[str, tuple[int, str]] = {}
    spans: list[tuple[int, int]] = []
    clashing: set[str] = set()
    for start, definition, end in _definitions(text):
        spans.append((start, end))
        d = re.fullmatch(r"\\def(\\[a-zA-Z]+)((?:#[1-9])*)\{(.*)\}", definition, re.S)
        if d is None or "\n" in d.group(3) or not _PLAIN_BODY.fullmatch(
                re.sub(r"#[1-9]", "", d.group(3))):
            continue
        name, body = d.group(1), (len(d.group(2)) // 2, d.group(3).strip())
        if name in bodies and bodies[name] != body:
            clashing.add(name)
        bodies[name] = body
    for name in clashing:
        del bodies[name]
    if not bodies:
        return text
    use = re.compile("(?:" + "|".join(re.escape(n) for n in sorted(bodies, key=len, reverse=True))
                     + r")(?![a-zA-Z])")
    out, at = [], 0
    for a, b in spans + [(len(text), len(text))]:
        out.append(_written_out(text[at:a], use, bodies))
        out.append(text[a:b])
        at = b
    return "".join(out)


_DELIMITED = re.compile(r"\s*\\left\s*(?:\\[a-zA-Z]+|[|(\[.])[^{}]*\\right\s*(?:\\[a-zA-Z]+|[|)\].])\s*"
                        r"|\s*\\[lL]?[vV]ert[^{}]*\\[rR]?[vV]ert\s*|\s*\\langle[^{}]*\\rangle\s*")
"""A body that is one delimited group (``\\left\\lVert #1\\right\\rVert``): a unit of its own,
written out without braces so that ``\\norm{g}_1`` reads as a norm with its index."""


def _written_out(text: str, use: re.Pattern, bodies: dict[str, tuple[int, str]]) -> str:
    """``text`` with each use of a macro replaced by its body; a macro with arguments takes
    that many brace groups (``\\norm{g}_1`` with ``\\norm`` of one argument is
    ``{\\left\\lVert g\\right\\rVert}_1``) and is left as written when they are not there or
    hold a line break (lines keep their number)."""
    out, at = [], 0
    for u in use.finditer(text):
        if u.start() < at:
            continue
        count, body = bodies[u.group(0)]
        end, args = u.end(), []
        for _ in range(count):
            group = _group(text, end)
            if group is None or "\n" in group[0]:
                break
            args.append(group[0])
            end = group[1]
        if len(args) != count:
            continue
        for k, arg in enumerate(args, 1):
            body = body.replace(f"#{k}", arg)
        out.append(text[at:u.start()] + (body if count and _DELIMITED.fullmatch(body)
                                          else _wrapped(body)))
        at = end
    return "".join(out) + text[at:]


_ONE_SYMBOL = re.compile(r"\\[a-zA-Z]+(?:\s*\{[A-Za-z]\}|\s+[A-Za-z]|\{[A-Za-z]+\})?"
                         r"(?:_\{?[A-Za-z0-9]\}?)?")
"""A body that is one symbol (``\\beta_1``, ``\\hat m``, ``\\mathbb{E}``): written out as is, so
that ``\\mh_t`` reads ``\\hat m_t``; any other body is put in braces."""


def _wrapped(body: str) -> str:
    return body if _ONE_SYMBOL.fullmatch(body) else "{" + body + "}"
