"""What an answer to a part must state: one :class:`Expectation` per verified answer, typed for
comparison, grouped by what the part asks (its catalogue quantity and subject).

A part is answered when every group has a claim; a group holds the answers that are forms of
one asked thing (Adam's first step as a vector and as a per-coordinate size). A family whose
answers need its own judgement supplies a checker (``Family.checker``, see
:mod:`optiproof.checking.hooks`) that may reshape the expectations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from optiproof.checking.formula import canonical, symbol_key

Kind = Literal["vector", "matrix", "number", "formula", "unbounded", "yes-no", "none"]


@dataclass(frozen=True)
class Expectation:
    """One verified answer of a part, as a claim about it will be compared."""

    part: str
    name: str
    quantity: str
    subject: str | None
    symbols: frozenset[str]
    """Symbol keys that name it: the answer's symbol and its quantity's symbol."""
    value: Any
    kind: Kind
    latex: str
    status: str = "unique"
    bound: bool = False
    """The value is a supremum or threshold: an inequality claims it."""
    group: str = ""
    required: bool = True
    membership: Any = field(default=None, compare=False, repr=False)
    carriers: frozenset[str] = frozenset()
    """Symbols of the value that stand for vectors or matrices (``g``, ``sign(g)``): a
    formula that states this answer has at least one of them."""
    forms: tuple[Any, ...] = field(default=(), compare=False, repr=False)
    """The same value with the verified derivation's definitions of its symbols written out
    (``m̂_t`` as ``m_t/(1 - β₁ᵗ)``): other spellings of one answer."""
    decision: frozenset[str] = frozenset()
    """Keys of the variable the part's objective is minimised over (``Δθ``), among
    ``symbols``: it names the update only where its value holds no symbol the update lacks
    (``Δθ = −t sign(g)`` for a trial size t is a step on the way)."""
    unasked: bool = False
    """Answered by the spec beyond what the part's question text asks: graded when a document
    states it, never reported unanswered (see :func:`asked_as_written`)."""

    @property
    def shape(self) -> tuple[int, int] | None:
        return tuple(self.value.shape) if self.kind in ("vector", "matrix") else None


def _kind(answer: Any) -> Kind:
    import sympy

    if answer.status == "unbounded":
        return "unbounded"
    expr = answer.expr
    if expr is None:
        return "none"
    if isinstance(expr, sympy.MatrixBase):
        return "vector" if 1 in expr.shape else "matrix"
    if isinstance(expr, sympy.logic.boolalg.BooleanAtom):
        return "yes-no"
    if expr.is_infinite:
        return "unbounded"
    return "formula" if expr.free_symbols else "number"


def array_symbols(part: Any) -> frozenset[str]:
    """Keys of the part's variables that live in a vector or matrix space (``R^d``)."""
    import re

    return frozenset(symbol_key(v.symbol) for v in part.analysis.variables
                     if re.search(r"\^\s*\{?\s*[\w\s\\]+\}?", v.space or ""))


def _carriers(value: Any, arrays: frozenset[str]) -> frozenset[str]:
    from optiproof.checking.formula import sign_atom

    names = {s.name for s in getattr(value, "free_symbols", set())}
    return frozenset(n for n in names if n in arrays or n in {sign_atom(a) for a in arrays})


_EXPECTED: dict[int, tuple[Any, list[Expectation]]] = {}
"""id of a part -> (the part, its expectations): a solution checked against many answers
derives them once (the part is kept, so its id is not reused while it is remembered)."""


def expectations(part: Any) -> list[Expectation]:
    """The expectations of a solved part (reshaped by its family's checker, if any)."""
    got = _EXPECTED.get(id(part))
    if got is None or got[0] is not part:
        if len(_EXPECTED) >= 256:
            _EXPECTED.clear()
        got = _EXPECTED[id(part)] = (part, _expectations(part))
    return list(got[1])


def _expectations(part: Any) -> list[Expectation]:
    import sympy

    from optiproof.catalogue import QUANTITIES
    from optiproof.checking.hooks import checker_of

    arrays = array_symbols(part)
    defined = derivation_definitions(part)
    out = []
    for a in part.answers:
        entry = QUANTITIES.get(a.quantity)
        symbols = {symbol_key(a.symbol)}
        if entry is not None and entry.latex:
            symbols.add(symbol_key(entry.latex))
        if a.quantity == "min-value":
            symbols |= objective_keys(part)
        decision = decision_keys(part) - symbols if a.quantity == "update" else frozenset()
        symbols |= decision
        value = canonical(a.expr) if a.expr is not None else None
        if isinstance(value, sympy.MatrixBase) and 1 in value.shape:
            value = value.reshape(len(value), 1)
        out.append(Expectation(
            part.label, a.name, a.quantity, a.subject, frozenset(symbols - {""}), value,
            _kind(a), a.latex, a.status, bool(entry and entry.bound),
            f"{a.quantity}|{a.subject or ''}", _kind(a) not in ("none", "yes-no"), a.membership,
            _carriers(value, arrays), decision=decision))
    hook = checker_of(part)
    if hook is not None and hasattr(hook, "expectations"):
        out = hook.expectations(part, out)
    return [replace(e, forms=written_out(e.value, defined)) for e in out]


def derivation_definitions(part: Any) -> dict[str, Any]:
    """Symbols the verified derivation defines by an equation ``symbol = formula``
    (``\\hat m_t = m_t/(1 - β₁ᵗ)``): key -> the first formula given for it (in the claims'
    vocabulary); a formula in the symbol itself is not a definition of it."""
    import sympy

    from optiproof.core.solution import Tex

    out: dict[str, Any] = {}
    for step in getattr(part, "steps", ()):
        for eq in step.equations:
            if len(eq.sides) < 2 or any(r != "=" for r in eq.relations) or not isinstance(
                    eq.sides[0], Tex):
                continue
            key = symbol_key(str(eq.sides[0]))
            if not key or key in out or not re.fullmatch(r"[A-Za-z]\w*", key):
                continue
            for side in eq.sides[1:]:
                value = canonical(side) if isinstance(side, sympy.Expr) else None
                if value is not None and value.free_symbols and sympy.Symbol(key) not in \
                        value.free_symbols:
                    out[key] = value
                    break
    return out


def written_out(value: Any, defined: dict[str, Any]) -> tuple[Any, ...]:
    """``value`` with the definitions of its symbols substituted (one level: ``m̂_t`` becomes
    ``m_t/(1 - β₁ᵗ)``, and ``m_t`` stays a symbol), when that changes it."""
    import sympy

    if not isinstance(value, sympy.Expr) or isinstance(value, sympy.MatrixBase):
        return ()
    repl = {s: defined[s.name] for s in value.free_symbols if s.name in defined}
    if not repl:
        return ()
    form = value.xreplace(repl)
    return (form,) if form != value else ()


_ARGMIN = re.compile(r"\\arg\s*\\min_(\{[^{}]*\}|\\?[A-Za-z]+(?:\\[A-Za-z]+)?)")
_DECISION_NAMES = ("u", "d", "x", "s", "p", r"\Delta", r"\Delta\theta", r"\Delta x")


def decision_keys(part: Any) -> frozenset[str]:
    """The variable the part's objective is minimised over (``Δθ`` in ``u = argmin_Δθ …``):
    its solved value is the update, whatever the answer calls the minimiser."""
    objective = getattr(getattr(part, "analysis", None), "objective", None)
    m = _ARGMIN.search(" ".join(getattr(objective, "sides", ()) or ()))
    var = m.group(1).strip("{}").strip() if m else ""
    return frozenset({symbol_key(var)} - {""}) if var else frozenset()


def objective_keys(part: Any) -> frozenset[str]:
    """Keys of the part's objective written at the answer's step (``g^\top d``, ``g^T u``):
    its value at the optimum is the minimum value, under whatever name the answer gave the
    step."""
    objective = getattr(getattr(part, "analysis", None), "objective", None)
    text = " ".join(getattr(objective, "sides", ()) or ())
    m = _ARGMIN.search(text)
    if m is None:
        return frozenset()
    var = m.group(1).strip("{}").strip()
    body = re.split(r"\\quad|\\text|\\mathrm\{s\.t|\bs\.t\.|,", text[m.end():])[0]
    body = re.sub(r"\\[;,!: ]", " ", body).strip()
    if not var or var not in body:
        return frozenset()
    out = set()
    for name in (var, *_DECISION_NAMES):
        written = body.replace(var, name)
        for top in (r"\top", "T", "ᵀ"):
            out.add(symbol_key(written.replace(r"\top", top)))
        out.add(symbol_key(re.sub(r"\^\s*\\top\b\s*", "ᵀ", written)))  # gᵀd: no caret
        inner = re.fullmatch(r"\s*(\w+)\^\\top\s*([^\s+\-]+)\s*", written)
        if inner:  # the same inner product written g.d, g·d, ⟨g, d⟩, <g, d>
            left, right = inner.groups()
            for form in (f"{left}.{right}", f"{left}·{right}", f"⟨{left}, {right}⟩",
                         f"<{left}, {right}>", rf"\langle {left}, {right} \rangle"):
                out.add(symbol_key(form))
    return frozenset(out - {""})


def problem_symbols(part: Any) -> frozenset[str]:
    """Keys of the symbols the problem itself uses (``α``, ``g``, ``Δθ``): a new name an answer
    gives one of them (``a = alpha``) is a definition, as for a symbol given a value."""
    return frozenset(symbol_key(v.symbol) for v in part.analysis.variables) - {""}


def notation(part: Any) -> dict[str, Any]:
    """The part's own notation: a variable the analysis defines as a formula (``μ`` is
    ``E[g_t]``) stands for it, so an answer writing ``E[g]`` means ``μ``; a variable the
    analysis marks "(given: $v$)" has the value v."""
    import re

    import sympy

    from optiproof.checking.formula import parse_value

    out: dict[str, Any] = {}
    for v in part.analysis.variables:
        m = re.match(r"\s*\$([^$]+)\$", v.meaning or "")
        value = parse_value(m.group(1), latex=True) if m else None
        if isinstance(value, sympy.Symbol) and value.name != symbol_key(v.symbol):
            out[value.name] = sympy.Symbol(symbol_key(v.symbol))
        given = re.search(r"\(given:\s*\$([^$]+)\$\)", v.meaning or "")
        value = parse_value(given.group(1), latex=True) if given else None
        if value is not None and not getattr(value, "free_symbols", True):
            out[symbol_key(v.symbol)] = value
    return out


def given_symbols(part: Any, expected: list[Expectation]) -> frozenset[str]:
    """Symbols a document may not redefine for this part: those the verified answers are
    written in (``t``, ``g``, ``alpha`` when symbolic) and the answers' own symbols."""
    names: set[str] = set()
    for e in expected:
        names |= e.symbols
        if e.value is not None and hasattr(e.value, "free_symbols"):
            names |= {s.name for s in e.value.free_symbols}
    return frozenset(names)


def asked_as_written(solution: Any) -> dict[str, frozenset[str] | None]:
    """Part label -> the quantities of ``part.asked`` its question text asks as written, or
    None where every asked quantity counts: a problem read from its text (the reading already
    took ``asked`` from that text), a text asking something the spec does not list (read in
    other words than the spec's), a first part whose text asks nothing the reader knows.

    A spec may answer more than its question says ("find the step and its optimal value",
    while the spec also names the optimizer): what the text does not ask is graded when a
    document states it, never required. A part whose text asks nothing itself ("Same g with
    the l1 ball as a constraint.") asks what the nearest part before it asked of the quantities
    its spec lists."""
    from optiproof.reading.questions import read_questions

    out: dict[str, frozenset[str] | None] = {}
    before: list[frozenset[str]] = []
    for part in solution.parts:
        if getattr(solution, "reading", None) is not None or not (part.question or "").strip():
            out[part.label] = None
            continue
        read = frozenset(a.quantity for a in read_questions(part.question).asks if a.quantity)
        if not read:  # the nearest part before whose asks this part's spec lists too
            asked = next((b & set(part.asked) for b in reversed(before) if b & set(part.asked)),
                         None)
        else:  # a text asking what the spec does not list is read another way: all count
            asked = read if read <= set(part.asked) else None
        out[part.label] = asked or None
        if asked:
            before.append(asked)
    return out


def required_as_written(expected: list[Expectation], part: Any,
                        written: frozenset[str] | None) -> list[Expectation]:
    """``expected`` with the answers to quantities the part asks only in its spec, not in its
    question text, graded when stated and never required (see :func:`asked_as_written`)."""
    if written is None:
        return expected
    return [replace(e, unasked=True) if e.quantity in part.asked and e.quantity not in written
            else e for e in expected]
