"""Solutions: derivation steps with numbered equations, answers, identification and evidence.

Math lives as SymPy objects; LaTeX, numeric values and JSON are derived from them here, so a
rendered number can never disagree with the computed one. Definitional formulas that are not
computed (an objective as the problem states it) are written as :class:`Tex`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from optiproof.core.evidence import Check
from optiproof.core.exact import to_expr_string, to_latex, to_value

AnswerStatus = Literal["unique", "set-valued", "unbounded", "none"]


class Tex(str):
    """Hand-written LaTeX for something stated, not computed (a definition, an objective)."""


def latex_of(x: Any) -> str:
    """LaTeX of a side of an equation: Tex is taken as written, SymPy objects are printed."""
    if isinstance(x, Tex):
        return str(x)
    if isinstance(x, str):
        raise TypeError("plain str in an equation: wrap stated LaTeX in Tex(...)")
    return to_latex(x)


@dataclass(frozen=True)
class Equation:
    """One displayed (numbered) equation: a chain ``lhs rel rhs rel rhs2 ...``."""

    sides: tuple[Any, ...]
    relations: tuple[str, ...] = ()

    @classmethod
    def of(cls, *sides: Any, rel: str = "=") -> "Equation":
        """``Equation.of(a, b, c)`` is ``a = b = c``; sides are Tex or SymPy objects."""
        return cls(tuple(sides), tuple([rel] * (len(sides) - 1)))

    @classmethod
    def chain(cls, first: Any, *pairs: tuple[str, Any]) -> "Equation":
        """``Equation.chain(a, ("=", b), (r"\\le", c))`` is ``a = b \\le c``."""
        return cls((first, *[p[1] for p in pairs]), tuple(p[0] for p in pairs))

    @property
    def latex(self) -> str:
        out = latex_of(self.sides[0])
        for rel, side in zip(self.relations, self.sides[1:], strict=True):
            out += f" {rel} " + latex_of(side)
        return out


@dataclass(frozen=True)
class Step:
    """One step of a derivation: a title, a sentence of intuition, and its equations.

    ``text`` is plain English and may contain inline math as ``$...$``.
    """

    title: str
    text: str
    equations: tuple[Equation, ...] = ()


@dataclass
class Derivation:
    """A derivation being built: steps with stable equation numbers (the objective is 1)."""

    steps: list[Step] = field(default_factory=list)
    count: int = 1

    def add(self, title: str, text: str, *eqs: Equation) -> int:
        """Append a step; returns the number of its first equation."""
        first = self.count + 1
        self.steps.append(Step(title, text, tuple(eqs)))
        self.count += len(eqs)
        return first


@dataclass(frozen=True)
class Variable:
    """A quantity of the problem: its symbol (LaTeX), meaning, and where it lives."""

    symbol: str
    meaning: str
    space: str = ""


@dataclass(frozen=True)
class Analysis:
    """What the problem is: variables with dimensions, assumptions, the objective."""

    variables: tuple[Variable, ...] = ()
    assumptions: tuple[str, ...] = ()
    objective: Equation | None = None
    objective_text: str = ""


@dataclass(frozen=True)
class Answer:
    """One final answer of a part. ``expr`` is the SymPy source of latex, value and JSON.

    ``quantity`` is the catalogue key of what it is (``update``, ``limit``, ``messages``, ...)
    and ``subject`` the catalogue key of what it is about (the norm, method or scheme), if any.
    For ``set-valued`` answers ``expr`` is one representative and ``set_description`` says
    (in words, with inline ``$...$`` math) which other points are equally optimal.
    """

    name: str
    symbol: str
    expr: Any
    status: AnswerStatus = "unique"
    quantity: str = field(kw_only=True)
    subject: str | None = field(default=None, kw_only=True)
    set_description: str = ""
    note: str = ""
    membership: Any = field(default=None, compare=False, repr=False)
    """For set-valued answers: ``membership(x: numpy array, tol) -> bool`` tests whether a point
    belongs to the answer set (used by witnesses to check a solver's minimiser)."""

    @property
    def latex(self) -> str:
        if self.status == "unbounded" and self.expr is None:
            return r"\text{none: the objective is unbounded below}"
        if self.expr is None:
            return r"\text{none}"
        return to_latex(self.expr)

    @property
    def value(self) -> Any:
        return None if self.expr is None else to_value(self.expr)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "quantity": self.quantity,
            "subject": self.subject,
            "latex": self.latex,
            "expr": to_expr_string(self.expr) if self.expr is not None else
            ("-oo" if self.status == "unbounded" else ""),
            "value": self.value,
            "status": self.status,
        }


@dataclass(frozen=True)
class Figure:
    """A picture drawn from the data: PNG bytes plus a caption."""

    title: str
    caption: str
    png: bytes


@dataclass
class PartSolution:
    """The full answer to one part: analysis, derivation, answers, identification, evidence.

    ``asked`` lists the catalogue keys of the quantities the part asks, in the order asked;
    ``identifications`` are the answers that name what the part's subjects are (quantity
    ``identification``, one per subject; the JSON lists them after the other answers, the
    write-ups in the Identification section, summarised by ``identified_as``);
    ``facts`` is the family's typed record of what the solver computed, for its witnesses."""

    label: str
    family: str
    question: str
    analysis: Analysis
    steps: list[Step]
    answers: list[Answer]
    asked: list[str] = field(default_factory=list)
    identifications: list[Answer] = field(default_factory=list)
    identified_as: str | None = None
    identification_note: str = ""
    interpretation: str = ""
    summary: str = ""
    checks: list[Check] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    diagnostics: list[str] = field(default_factory=list)
    facts: Any = field(default=None, repr=False)
    unread: list[str] = field(default_factory=list)
    """What of this part's own text the reading did not use (its numbers); such a part is not
    stamped verified, since the spec solved may not be the whole question."""

    @property
    def verified(self) -> bool:
        """True only if some witness passed, none failed, and the reading used the part's text."""
        return any(c.passed for c in self.checks) and not any(
            c.status == "failed" for c in self.checks) and not self.unread

    def numbered_equations(self) -> list[tuple[int, Equation]]:
        """Equations in display order with their stable numbers (1, 2, ...)."""
        eqs: list[Equation] = []
        if self.analysis.objective is not None:
            eqs.append(self.analysis.objective)
        for step in self.steps:
            eqs.extend(step.equations)
        return list(enumerate(eqs, start=1))

    def equation_number(self, eq: Equation) -> int:
        for n, e in self.numbered_equations():
            if e is eq:
                return n
        raise KeyError("equation not in this part")

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "asked": list(self.asked),
            "family": self.family,
            "question": self.question,
            "answers": [a.to_dict() for a in [*self.answers, *self.identifications]],
            "identified_as": self.identified_as,
            "verified": self.verified,
            "checks": [c.to_dict() for c in self.checks],
            **({"not_verified_because": list(self.unread)} if self.unread else {}),
        }


@dataclass(frozen=True)
class NotAnswered:
    """A part of the text that was not answered: it could not be read completely, or it uses a
    part that could not (``not_read``: the reader's reasons, one line each)."""

    label: str
    question: str
    not_read: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"label": self.label, "question": self.question, "not_read": list(self.not_read)}


@dataclass
class Solution:
    """All parts of a solved problem, in order; ``not_answered``: the parts of the text that
    were not answered (a partly read text), in text order."""

    title: str
    parts: list[PartSolution]
    reading: dict[str, Any] | None = None
    """What was read from the problem text (see ``Reading.to_dict``), or None for a spec."""
    not_answered: list[NotAnswered] = field(default_factory=list)

    @property
    def verified(self) -> bool:
        """Every part verified, and every part of the text answered."""
        return all(p.verified for p in self.parts) and not self.not_answered

    def in_text_order(self) -> list[PartSolution | NotAnswered]:
        """The answered and the not-answered parts together, in the order of the text."""
        if not self.not_answered:
            return list(self.parts)
        order = [p.get("label") for p in (self.reading or {}).get("parts", [])]
        items: list[PartSolution | NotAnswered] = [*self.parts, *self.not_answered]
        rank = {label: i for i, label in enumerate(order)}
        return sorted(items, key=lambda x: rank.get(x.label, len(order)))

    @property
    def reading_complete(self) -> bool:
        """Every question clause and every number of the text was used by the reading."""
        if self.reading is None:
            return True
        return bool(self.reading.get("complete")) and not self.reading.get("unused_numbers") \
            and not any(p.get("unused_numbers") for p in self.reading.get("parts", []))

    @property
    def exit_code(self) -> int:
        return 0 if self.verified and self.reading_complete else 1

    def to_dict(self) -> dict:
        return {"title": self.title,
                "reading": self.reading if self.reading is not None else {"source": "spec"},
                "reading_complete": self.reading_complete,
                "parts": [p.to_dict() for p in self.parts],
                "not_answered": [n.to_dict() for n in self.not_answered]}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, allow_nan=False)

    def to_markdown(self) -> str:
        return _rendered(self, "markdown")

    def to_html(self) -> str:
        return _rendered(self, "html")

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def _repr_html_(self) -> str:
        return _rendered(self, "html-fragment")

    def __repr__(self) -> str:
        return _rendered(self, "repr")


RenderHook = Callable[[Solution, str], str]
"""``hook(solution, format)``: writes a solution as ``markdown``, ``html``, ``html-fragment``
(Jupyter) or ``repr`` (one line per part)."""

_render_hook: RenderHook | None = None


def set_render_hook(hook: RenderHook) -> None:
    """Install the writer that ``Solution.to_markdown``/``to_html``/``_repr_html_`` delegate to."""
    global _render_hook
    _render_hook = hook


def _rendered(solution: Solution, fmt: str) -> str:
    if _render_hook is None:
        raise RuntimeError("no renderer is installed: import optiproof to install it")
    return _render_hook(solution, fmt)
