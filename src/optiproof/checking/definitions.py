"""What the symbols of an answer stand for at each point: the problem's given values and the
answer's own definitions (``η = α/2``, ``κ = L/μ = 10``, ``‖g‖₁ = 6``), in document order.

A claim is compared after substituting the definitions in force where it stands, so
``u = -ηg`` is read as ``-(α/2)g`` and, with ``α = 0.5, g = (3, -1, 2)``, as a vector. Symbols
the verified answers are written in are never redefined (``t`` stays the step counter).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from optiproof.checking.formula import norm_atom, parse_value, sign_atom, symbol_key

MAX_PASSES = 3
"""Rounds of substitution (a definition may use an earlier one)."""

_ASSIGN = re.compile(r"([A-Za-zΑ-Ωα-ω][\w₀-₉]*(?:_\{?\w+\}?)?)\s*=\s*")


def _balanced_end(text: str, start: int) -> int:
    depth = 0
    for i in range(start, len(text)):
        if text[i] in "([":
            depth += 1
        elif text[i] in ")]":
            depth -= 1
            if depth == 0:
                return i + 1
    return start


def given_numbers(question: str) -> list[Any]:
    """Every number a question states (``0.15``, ``10^-6``, ``0.01``)."""
    out = []
    for m in re.finditer(r"(?<![\w.])-?\d+(?:\.\d+)?(?:[eE]-?\d+|\^-?\d+|\^\(-?\d+\))?", question):
        value = parse_value(m.group(0), latex=False)
        if value is not None and not getattr(value, "free_symbols", set()):
            out.append(value)
    return out


def givens_of(question: str) -> dict[str, Any]:
    """``symbol = value`` assignments a question states (``α = 0.15``, ``g = (3, -1, 2)``,
    ``G = [[1, 2], [3, 4], [0, 1]]``)."""
    out: dict[str, Any] = {}
    for m in _ASSIGN.finditer(question):
        rest = question[m.end():]
        if rest[:1] in "([":
            text = rest[:_balanced_end(rest, 0)]
        else:
            num = re.match(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?(?:\^-?\d+)?", rest)
            text = num.group(0) if num else ""
        value = parse_value(text, latex=False) if text else None
        if value is not None and not getattr(value, "free_symbols", set()):
            out[symbol_key(m.group(1))] = value
    return out


@dataclass(frozen=True)
class Definition:
    """``key := value`` stated at offset ``pos``; ``back`` is where its statement starts when
    it explains a symbol used before it (``ρ = (κ-1)/(κ+1) with κ = 10``)."""

    pos: int
    key: str
    value: Any
    back: int | None = None
    until: int | None = None
    """Where it stops holding: a value taken for a worked example (``Example: for g = (3, -1,
    2)``) holds in that example's statement only."""


class Scope:
    """Definitions in document order over a base of given values."""

    def __init__(self, givens: dict[str, Any], definitions: list[Definition],
                 protected: frozenset[str]):
        self.givens = {k: v for k, v in givens.items() if k not in protected}
        self.data = dict(givens)
        """Every value the problem gives, also of the symbols a verified answer keeps."""
        self.definitions = sorted((d for d in definitions if d.key not in protected),
                                  key=lambda d: d.pos)
        self._positions = [d.pos for d in self.definitions]
        self._protected = sorted((d for d in definitions if d.key in protected),
                                 key=lambda d: d.pos)
        self._atoms: dict[tuple[str, int], tuple[Any, dict[str, Any]]] = {}

    def protected_at(self, pos: int) -> dict[str, Any]:
        """The answer's own definitions, in force at ``pos``, of symbols the verified answers
        are written in (``m̂_t = m_t/(1-β₁ᵗ)``); they never change what a claim says."""
        return {d.key: d.value for d in self._protected if d.pos <= pos}

    def at(self, pos: int) -> dict[str, Any]:
        """Symbol key -> value in force at offset ``pos`` (a definition later in the same
        statement does not count)."""
        env = dict(self.givens)
        for d in self.definitions[:bisect.bisect_right(self._positions, pos)]:
            if d.until is None or pos < d.until:
                env[d.key] = d.value
        for d in self.definitions[bisect.bisect_right(self._positions, pos):]:
            if d.back is not None and d.back <= pos:
                env.setdefault(d.key, d.value)
        return env

    def evaluate(self, value: Any, pos: int) -> Any:
        """``value`` with the definitions in force at ``pos`` substituted."""
        return substitute(value, self.at(pos), self._atoms)


def _vector_atoms(env: dict[str, Any],
                  memo: dict[tuple[str, int], tuple[Any, dict[str, Any]]] | None = None
                  ) -> dict[str, Any]:
    """Norm and sign atoms of every vector-valued symbol (``‖g‖_1``, ``sign(g)``); ``memo``
    keeps those of each symbol and value object already met (a scope's values are fixed)."""
    out: dict[str, Any] = {}
    for key, value in env.items():
        if memo is None:
            out.update(_atoms_of(key, value))
            continue
        got = memo.get((key, id(value)))
        if got is None or got[0] is not value:
            got = memo[(key, id(value))] = (value, _atoms_of(key, value))
        out.update(got[1])
    return out


def _atoms_of(key: str, value: Any) -> dict[str, Any]:
    """The norm and sign atoms of one symbol (none unless its value is a numeric vector)."""
    import sympy

    if not isinstance(value, sympy.MatrixBase) or 1 not in value.shape or any(
            not x.is_number for x in value):
        return {}
    entries = list(value)
    return {norm_atom(key, "1"): sum(abs(x) for x in entries),
            norm_atom(key, "2"): sympy.sqrt(sum(x ** 2 for x in entries)),
            norm_atom(key, "max"): max(abs(x) for x in entries),
            sign_atom(key): value.applyfunc(sympy.sign)}


def substitute(value: Any, env: dict[str, Any],
               memo: dict[tuple[str, int], tuple[Any, dict[str, Any]]] | None = None) -> Any:
    """Substitute ``env`` (symbol key -> value) into ``value`` until nothing changes
    (``memo``: see :func:`_vector_atoms`)."""
    import sympy

    if value is None or not env or not hasattr(value, "free_symbols"):
        return value
    full = {**_vector_atoms(env, memo), **env}
    applied = {k: v for k, v in full.items() if "(" in k}
    if applied:
        value = _substitute_applied(value, applied)
        if value is None:
            return None
        full = {k: v for k, v in full.items() if "(" not in k}
    for _ in range(MAX_PASSES):
        names = {s.name: s for s in value.free_symbols}
        hits = {names[k]: v for k, v in full.items() if k in names}
        if not hits:
            break
        try:
            if isinstance(value, sympy.MatrixBase):
                value = value.applyfunc(lambda x: x.subs(hits))
            else:
                value = value.subs(hits)
        except (TypeError, ValueError, AttributeError, sympy.SympifyError):
            return None
    return value


def _substitute_applied(value: Any, applied: dict[str, Any]) -> Any:
    """Symbols written as functions of the step (``c_2(t)``, read as the product ``c_2 t``)
    replaced by what they stand for."""
    import sympy

    for key, target in applied.items():
        pattern = parse_value(key, latex=True)
        if pattern is None or not pattern.free_symbols <= value.free_symbols:
            continue
        try:
            if isinstance(value, sympy.MatrixBase):
                value = value.applyfunc(lambda x, p=pattern, t=target: x.subs(p, t))
            else:
                value = value.subs(pattern, target)
        except (TypeError, ValueError, AttributeError, sympy.SympifyError):
            return None
    return value


def _symbol_label(latex: str) -> str | None:
    r"""The key of a notation row's label when it is one symbol (``r_t``, ``\hat v_t``), or a
    symbol of the step written as a function (``c_1(t)``, kept with its argument)."""
    import sympy

    text = latex.strip().strip("$ ").strip()
    applied = re.fullmatch(r"(.+?)(?:\\left)?\(\s*([a-z])\s*(?:\\right)?\)", text)
    if applied:
        base = parse_value(applied.group(1), latex=True)
        return f"{base.name}({applied.group(2)})" if isinstance(base, sympy.Symbol) else None
    value = parse_value(text, latex=True)
    return value.name if isinstance(value, sympy.Symbol) else None


_LIST_SEP = re.compile(r",\s*(?:\\[ ,;:!]|\\quad|~)*\s*|\s*\\(?:quad|qquad)\s*")


def notation_definitions(doc: Any, lay: Any) -> list[Definition]:
    r"""Definitions stated in a table of notation: a row whose label is a symbol (or a list of
    symbols) and whose meaning holds as many bare formulas (``r_t`` | "the normalised
    direction $\hat m_t/(\sqrt{\hat v_t}+\varepsilon)$"; ``c_1(t), c_2(t)`` | "correction
    factors $1-\beta_1^t$ and $1-\beta_2^t$"). A formula that states a relation of its own
    (``m_t = β₁m_{t-1} + ...``) is not a bare meaning."""
    from optiproof.checking.document import math_spans

    out: list[Definition] = []
    for table in doc.tables:
        if lay.role.get(table.first) != "notation":
            continue
        for row in table.rows:
            if len(row.cells) < 2:
                continue
            label = row.cells[0].text.strip()
            inner = "".join(m.latex for m in math_spans(label)) or label
            keys = [_symbol_label(k) for k in _LIST_SEP.split(inner) if k.strip()]
            formulas = [m.latex for c in row.cells[1:] for m in math_spans(c.text)]
            if not keys or None in keys or len(formulas) != len(keys):
                continue
            for key, latex in zip(keys, formulas, strict=True):
                if re.search(r"=|\\(?:approx|le|ge|to|in)\b|[<>]", latex):
                    break
                value = parse_value(latex, latex=True)
                if value is None or _calls_unknown(value) or getattr(value, "is_Symbol", False):
                    break
                out.append(Definition(row.cells[0].start, key, value))
    return out


def definitions_of(claims: list[Any], given: frozenset[str] = frozenset()) -> list[Definition]:
    """The claims that define a symbol: a named subject, ``=`` to a readable value that does
    not use the symbol itself and is more than another name (``g_t = ∇f(θ)`` is notation),
    stated (not negated, hypothetical or conditional), and never given two different
    values. A new name for a symbol the problem gives a value (``Let η = α``, of ``given``)
    is a definition: what is written with it is written with the given."""
    from optiproof.checking.compare import agree

    import sympy

    out = []
    named_letters: set[str] = set()
    for c in claims:
        named = _names_expectation(c)
        if named is not None:
            key, power = named
            if key not in named_letters and all(d.key != key for d in out):
                # named once; later ``𝔼[m̂_t] = ḡ`` is a result
                named_letters.add(key)
                out.append(Definition(c.pos, key, sympy.Symbol(c.subject) ** sympy.Rational(
                    1, power), None))
            continue
        if not c.subject or c.excluded or _CONDITIONAL.search(
                c.cue.partition("@")[0].rpartition("¦")[2]):
            continue
        piece = next((p for p in c.pieces if p.value is not None), None)
        if piece is None or piece.relation != "=":
            continue
        value = _equal_to(c.pieces) if c.final is not None else piece.value
        named = None if c.subject.startswith("EXPX") else _expectation_named(c.pieces)
        value = named if named is not None else value
        if value is None:
            continue
        if hasattr(value, "free_symbols") and ({c.subject} | _LATIN_OF.get(c.subject, set())) & {
                s.name for s in value.free_symbols}:
            continue  # ``lr = a/2`` where ``a`` spells α: the rate is another quantity than α
        if _calls_unknown(value) or (getattr(value, "is_Symbol", False) and named is None
                                     and (value.name not in given or c.subject in given)):
            continue
        clause = c.cue.partition("@")[0].rpartition("¦")[2]
        out.append(Definition(c.pos, c.subject, value,
                              c.unit.start if _EXPLAINS.search(clause) else None,
                              c.unit.end if _EXAMPLE.search(clause) or in_example(c)
                              else None))
    by_key: dict[str, list[Definition]] = {}
    for d in out:
        by_key.setdefault(d.key, []).append(d)
    clashing = {k for k, ds in by_key.items()
                if any(agree(ds[0].value, "", d.value, "") is False
                       and not _instance_of_rename(ds[0], d, given) for d in ds[1:])}
    return [d for d in out if d.key not in clashing]


def _expectation_named(pieces: Any) -> Any:
    """``s = 𝔼[g²] = σ² + μ²`` (also written ``𝔼[g²] = σ² + μ² =: s``): a letter that names an
    expectation stands for it, whatever else the chain says it equals; else None."""
    for p in pieces:
        if p.relation != "=":
            break
        if getattr(p.value, "is_Symbol", False) and p.value.name.startswith("EXPX"):
            return p.value
    return None


def _equal_to(pieces: Any) -> Any:
    """The value a chain sets its subject to: its last piece while every relation is ``=``
    (``a = alpha > 0`` sets ``a`` to ``alpha``; the bound after it is a condition)."""
    value = None
    for p in pieces:
        if p.relation != "=":
            break
        value = p.value if p.value is not None else value
    return value


def _instance_of_rename(first: Definition, later: Definition, given: frozenset[str]) -> bool:
    """``a = alpha`` and later ``check: a = 0.5``: a new name for a problem symbol, then a
    number for it in a worked example; each holds from where it is stated."""
    value = later.value
    return bool(getattr(first.value, "is_Symbol", False) and first.value.name in given
                and first.pos < later.pos and not getattr(value, "free_symbols", True))


def _names_expectation(claim: Any) -> tuple[str, int] | None:
    """``If 𝔼[g_k] = ḡ for every k``: a new letter named for an expectation (an assumption
    that names it, so it counts even under "if"), or a power of one (``𝔼[g²] = σ²`` names
    ``σ`` the root of the expectation); the key of that letter and its power, else None."""
    if not claim.subject.startswith("EXPX") or claim.excluded in ("negated",):
        return None
    if len(claim.pieces) != 1 or claim.pieces[0].relation != "=":
        return None
    value = claim.pieces[0].value
    power = 1
    if getattr(value, "is_Pow", False) and getattr(value.exp, "is_Integer", False) \
            and 1 < value.exp <= 4:
        value, power = value.base, int(value.exp)
    if not getattr(value, "is_Symbol", False) or value.name.startswith("EXPX"):
        return None
    return value.name, power


def _calls_unknown(value: Any) -> bool:
    """Does ``value`` apply a function SymPy does not know (``∇f(θ)`` read as ``g(θ)``)?"""
    import sympy
    from sympy.core.function import AppliedUndef

    return isinstance(value, sympy.Basic) and bool(value.atoms(AppliedUndef))


def in_example(claim: Any) -> bool:
    """Is the claim a value set for a worked example (``check n=2, g=(2,-1), a=1: …``)?"""
    return bool(_EXAMPLE.search(claim.unit.text[:max(claim.pos - claim.unit.start, 0)]))


_LATIN_OF = {"alpha": {"a"}, "beta": {"b"}, "rho": {"r"}}
"""The Latin letters an answer writes for a Greek key (``a/2`` for ``α/2``)."""
_EXAMPLE = re.compile(r"\b(?:example|e\.g\.|for instance|sanity check|quick check|"
                      r"numerical check|check with)\b"
                      r"|(?:^|\s)(?:check|try|test)(?:\s+(?:on|at))?\s+[^\W\d]\w{0,8}\s*=(?!=)", re.I)
"""A value taken for a worked example of a general answer (``check n=2, g=(2,-1), a=1: …``)."""
_EXPLAINS = re.compile(r"\b(?:where|with|here)\s+[^=]{1,40}$", re.I)
"""A definition that explains a symbol the statement used before it."""
_CONDITIONAL = re.compile(r"\b(?:if|when|whenever|unless|suppose|for all|for any|at)\b[^.;]*$",
                          re.I)
