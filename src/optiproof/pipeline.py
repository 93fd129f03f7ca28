"""The pipeline: Problem -> family solver (exact) -> derived quantities -> witnesses
(independent) -> Solution.

Witnesses of families with a warm-up (those that run torch) go to the worker pool, started
before the first derivation so that torch's start-up overlaps the SymPy work; the others run
here, each right after its part is derived. The witnesses of derived quantities run here, once
the parts they use are solved. A solve that is itself a job of a pool worker (the server's)
runs every witness in that worker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from optiproof.core.errors import BadInput
from optiproof.core.evidence import run_witness
from optiproof.core.options import SolveOptions
from optiproof.core.solution import PartSolution, Solution
from optiproof.families import FAMILIES
from optiproof.families.derived import Solved as PartSolved
from optiproof.families.derived import derive
from optiproof.runtime.witnessing import job_arguments, witness_in_worker, witness_part

if TYPE_CHECKING:
    from optiproof.runtime.cache import Entry, ResultCache

Meanwhile = Callable[[Solution], None]
"""Work run once the answers are derived, while the pooled witnesses run (``solve_problem``)."""


def _derived_checks(spec: Any, derived: Any, options: SolveOptions) -> list:
    """The checks of a part's derived quantities, each witness run under ``run_witness``
    (their module, which imports numpy, only when the part has some)."""
    if not derived:
        return []
    from optiproof.families.derived_witness import derived_witnesses

    checks = []
    for method, fn in derived_witnesses(derived):
        options.progress(f"part ({spec.label}): {method}")
        checks.append(run_witness(method, fn))
    return checks


def solve_part(spec: Any, options: SolveOptions = SolveOptions(),
               earlier: Sequence[PartSolved] = ()) -> PartSolution:
    """Solve one part exactly with its family, add the derived quantities it asks (from its own
    answers and those of the ``earlier`` parts), then attach the checks of its witnesses."""
    solution = FAMILIES[spec.family].solve(spec, options)
    derived = derive(spec, solution, earlier)
    if options.run_witnesses:
        solution.checks = witness_part(spec, solution, options) + _derived_checks(
            spec, derived, options)
    return solution


def solve_problem(problem: Any, options: SolveOptions = SolveOptions(),
                  meanwhile: Meanwhile | None = None) -> Solution:
    """Solve every part of a Problem, in order (a part's derived quantities may use the answers
    of the parts before it), the pooled witnesses alongside. ``meanwhile`` is called with the
    solution once every part is derived, before waiting for the pooled witnesses: the parts
    whose witnesses run in the pool carry no checks yet (they are not verified), so it may
    only prepare work that reads the answers (a failure there is ignored; the caller does the
    work again)."""
    from optiproof.runtime.pool import in_worker, shared_pool

    families = [FAMILIES[spec.family] for spec in problem.parts]
    warm_ups = tuple(sorted({f.warm_up for f in families if f.warm_up}))
    pooled = options.run_witnesses and warm_ups and not in_worker()
    pool = shared_pool() if pooled else None
    if pool is not None:
        pool.warm(warm_ups)
    solved: list[PartSolved] = []
    pending, derived_of = [], []
    for spec, family in zip(problem.parts, families, strict=True):
        try:
            solution = family.solve(spec, options)
            derived_of.append(derive(spec, solution, solved))
        except BadInput as err:
            err.part = spec.label   # which part the solver refuses (see solve_cached)
            raise
        if pool is not None and family.warm_up:
            future = pool.submit(witness_in_worker, *job_arguments(spec, solution, options),
                                 progress=options.progress)
            pending.append((spec, solution, future))
        elif options.run_witnesses:
            solution.checks = witness_part(spec, solution, options)
        solved.append(PartSolved(spec, solution))
    if meanwhile is not None:
        try:
            meanwhile(Solution(title=problem.title, parts=[s.solution for s in solved]))
        except Exception:  # noqa: BLE001, S110 - the caller does the work again, raising then
            pass
    for spec, solution, future in pending:
        try:
            solution.checks = future.result()
        except Exception:  # noqa: BLE001 - the worker could not run them: run them here
            solution.checks = witness_part(spec, solution, options)
    if options.run_witnesses:
        for part, derived in zip(solved, derived_of, strict=True):
            part.solution.checks = part.solution.checks + _derived_checks(part.spec, derived,
                                                                          options)
    return Solution(title=problem.title, parts=[s.solution for s in solved])


@dataclass(frozen=True)
class Solved:
    """A solution, its cache key (None: not in the cache), and the cache entry it was served
    from (None: solved now)."""

    solution: Solution
    key: str | None
    cached: Entry | None


def solve_cached(problem: Any, options: SolveOptions, cache: ResultCache | None,
                 alias: str | None = None, reading: Any = None, partial: bool = False,
                 meanwhile: Meanwhile | None = None) -> Solved:
    """The cached solution of ``problem`` (read as ``reading``, when it came from a problem
    text) if there is one, else ``solve_problem`` with the reading attached (stored); ``alias``,
    the digest of the input it was read from, is made to lead to it.

    With ``partial`` (a text whose readable parts are answered when others are not), a part
    whose data the solver refuses (:class:`BadInput` naming the part) is listed as not answered
    with the solver's message, and the other parts are answered; when no part is left, or the
    input is a spec, the refusal stands. ``meanwhile``: see ``solve_problem`` (not called on
    a cache hit)."""
    while True:
        try:
            return _solve_cached(problem, options, cache, alias, reading, meanwhile)
        except BadInput as err:
            label = getattr(err, "part", None)
            if not partial or reading is None or label is None or label in reading.invalid:
                raise
            reading.invalid[label] = f"the solver refuses the data read: {err}"
            problem = _rest(reading, err)


def _rest(reading: Any, err: BadInput) -> Any:
    """The Problem of the parts of ``reading`` still answerable, else ``err`` raised."""
    from optiproof.reading import ReadingIncomplete

    try:
        return reading.answerable_problem()
    except ReadingIncomplete:
        raise err from None


def _solve_cached(problem: Any, options: SolveOptions, cache: ResultCache | None,
                  alias: str | None, reading: Any, meanwhile: Meanwhile | None) -> Solved:
    if cache is None:
        return Solved(_solved_with(problem, options, reading, meanwhile), None, None)
    key = cache.key(problem, options, None if reading is None else reading.to_dict())
    entry = cache.entry(key)
    solution = cache.solution(key) if entry is not None else None
    if solution is not None:
        if alias is not None:
            cache.put_alias(alias, key)
        return Solved(solution, key, entry)
    solution = _solved_with(problem, options, reading, meanwhile)
    stored = cache.put(key, solution, alias)
    return Solved(solution, key if stored is not None else None, None)


def _solved_with(problem: Any, options: SolveOptions, reading: Any,
                 meanwhile: Meanwhile | None = None) -> Solution:
    """``solve_problem``, with the reading it came from (if any) attached."""
    solution = solve_problem(problem, options) if meanwhile is None else solve_problem(
        problem, options, meanwhile=meanwhile)
    if reading is not None:
        reading.attach(solution)
    return solution
