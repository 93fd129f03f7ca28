"""The one protocol every problem family follows: a :class:`Family`, declared in its
``family.py`` and registered once in :mod:`optiproof.families`.

A family maps a typed spec to an exact :class:`PartSolution` (``solve``) and names the
independent checks of it (``witnesses``); the solver hands the witnesses what it computed as a
typed record (``facts``, one dataclass per family). Everything else the family declares is
data: the catalogue quantities it answers, the catalogue entries its specs name, the module of
its problem-text reader, its optional checker, and its bundled problems.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from optiproof.core.exact import Name
from optiproof.core.solution import Answer

if TYPE_CHECKING:
    from optiproof.catalogue import Entry, QuantityEntry
    from optiproof.core.evidence import Check
    from optiproof.core.options import SolveOptions
    from optiproof.core.problem import PartSpec
    from optiproof.core.solution import PartSolution

Witness = tuple[str, Callable[[], "Check"]]
"""A witness as the pipeline runs it: its method name and a thunk producing its Check."""


class NotMeasurable(Exception):
    """A family's witnesses cannot give a numeric value of this answer at this point."""


@dataclass(frozen=True)
class Measured:
    """A witness's numeric value of an answer and the absolute accuracy it vouches for."""

    value: Any
    accuracy: float


class Measurer:
    """The numeric side of a solved part, for quantities derived from its answers: what its
    witnesses measure, computed by their code, never by the solver's. Families subclass it."""

    def value(self, answer: Answer, point: Mapping[str, float]) -> Measured:
        """The answer measured with the part's symbols (by name) at ``point``; raises
        NotMeasurable when the witnesses cannot."""
        raise NotMeasurable(f"the witnesses do not measure {answer.quantity}")

    def points(self, symbols: Sequence[str]) -> list[dict[str, float]]:
        """Values of the named symbols at which measuring is meaningful (the part's own
        numbers where it gives them)."""
        raise NotMeasurable(f"no values to measure {', '.join(symbols)} at")

    def parameter(self, name: str, answer: Answer) -> str:
        """The symbol name the part's answers use for the parameter ``name``; BadInput when
        ``answer`` was derived with it fixed to a number, or the part has no such parameter."""
        from optiproof.core.errors import BadInput

        raise BadInput(f"the part has no parameter {name!r}", field="derived.parameter")

    def nearby(self, symbol: str, value: float, point: Mapping[str, float]
               ) -> tuple[float, float]:
        """The closest values below and above ``value`` at which ``symbol`` can be measured,
        the other symbols at ``point`` (here: a relative 1e-6 either side)."""
        return value * (1 - 1e-6), value * (1 + 1e-6)


@dataclass(frozen=True)
class Family:
    """A problem family: spec -> exact solution -> independent witnesses, declared once.

    ``spec``, ``solver`` and ``witness`` return the pydantic spec model, the solver
    ``solve(spec, *, figures)`` and ``witnesses(spec, solution, options)``; they import on
    first use, so registering a family is cheap. ``answers`` are the catalogue quantities its
    answers carry, ``entries`` the catalogue norms, optimizers or schemes its specs name,
    ``facts`` the dataclass the solver fills for the witnesses. ``measure`` returns
    ``measure(spec, solution) -> Measurer`` (None: the family measures nothing, so quantities
    derived from its answers stay unverified). ``reader`` is the module of its
    problem-text reader, ``checker`` the module of its claim checks (empty: the generic checker
    suffices), ``problems`` its bundled problems as paths inside the ``optiproof`` package.
    ``warm_up`` names (``module:function``) what starts its witnesses' heavy libraries: a family
    that has one runs its witnesses in the worker pool, which calls it while the parts derive.
    """

    key: str
    title: str
    spec: Callable[[], type[PartSpec]]
    solver: Callable[[], Callable[..., PartSolution]]
    witness: Callable[[], Callable[..., list[Witness]]]
    answers: tuple[QuantityEntry, ...]
    entries: tuple[Entry, ...]
    facts: type
    reader: str = ""
    checker: str = ""
    problems: tuple[str, ...] = ()
    measure: Callable[[], Callable[..., Measurer]] | None = None
    warm_up: str = ""

    @property
    def answer_keys(self) -> tuple[str, ...]:
        """The keys of the catalogue quantities its answers carry (what its reader may take
        as asked)."""
        return tuple(q.key for q in self.answers)

    def solve(self, spec: Any, options: SolveOptions) -> PartSolution:
        """The exact solution of one part, with figures if ``options.figures``."""
        return self.solver()(spec, figures=options.figures)

    def witnesses(self, spec: Any, solution: PartSolution, options: SolveOptions
                  ) -> list[Witness]:
        """The independent checks of one solved part, as (method, thunk) pairs."""
        return self.witness()(spec, solution, options)


def identification(entry: Entry, subject: str | None, note: str = "") -> Answer:
    """The answer that ``subject`` (a catalogue key, or None for the part) is ``entry``."""
    from optiproof.catalogue import quantities as Q

    return Answer("identification", "", Name(entry.key, entry.name), note=note,
                  quantity=Q.IDENTIFICATION.key, subject=subject)


def imported(path: str) -> Callable[[], Any]:
    """A getter of ``module:name`` that imports the module when first called."""
    module, _, name = path.partition(":")
    return lambda: getattr(importlib.import_module(module), name)
