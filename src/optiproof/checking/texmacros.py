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
    pos = 0
    while len(out) < MAX_MACROS and (m := _START.search(text, pos)):
        found = _definition(text, m)
        if found is None:
            pos = m.end()
            continue
        definition, pos = found
        try:
            validate_latex(definition + " x", False, strict=False)
        except LatexError:
            continue
        out.append(definition)
    return "".join(out)
