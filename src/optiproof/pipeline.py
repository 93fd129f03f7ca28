"""The pipeline: Problem -> family solver (exact) -> witnesses (independent) -> Solution.

Witnesses of families with a warm-up (those that run torch) go to the worker pool, started
before the first derivation so that torch's start-up overlaps the SymPy work; the others run
here, each right after its part is derived. A solve that is itself a job of a pool worker (the
server's) runs every witness in that worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from optiproof.core.options import SolveOptions
from optiproof.core.solution import PartSolution, Solution
from optiproof.families import FAMILIES
from optiproof.runtime.witnessing import job_arguments, witness_in_worker, witness_part

if TYPE_CHECKING:
    from optiproof.runtime.cache import Entry, ResultCache


def solve_part(spec: Any, options: SolveOptions = SolveOptions()) -> PartSolution:
    """Solve one part exactly with its family, then attach the checks of its witnesses."""
    solution = FAMILIES[spec.family].solve(spec, options)
    if options.run_witnesses:
        solution.checks = witness_part(spec, solution, options)
    return solution


def solve_problem(problem: Any, options: SolveOptions = SolveOptions()) -> Solution:
    """Solve every part of a Problem, in order, the pooled witnesses alongside."""
    from optiproof.runtime.pool import in_worker, shared_pool

    families = [FAMILIES[spec.family] for spec in problem.parts]
    warm_ups = tuple(sorted({f.warm_up for f in families if f.warm_up}))
    pooled = options.run_witnesses and warm_ups and not in_worker()
    pool = shared_pool() if pooled else None
    if pool is not None:
        pool.warm(warm_ups)
    parts, pending = [], []
    for spec, family in zip(problem.parts, families, strict=True):
        solution = family.solve(spec, options)
        if pool is not None and family.warm_up:
            future = pool.submit(witness_in_worker, *job_arguments(spec, solution, options),
                                 progress=options.progress)
            pending.append((spec, solution, future))
        elif options.run_witnesses:
            solution.checks = witness_part(spec, solution, options)
        parts.append(solution)
    for spec, solution, future in pending:
        try:
            solution.checks = future.result()
        except Exception:  # noqa: BLE001 - the worker could not run them: run them here
            solution.checks = witness_part(spec, solution, options)
    return Solution(title=problem.title, parts=parts)


@dataclass(frozen=True)
class Solved:
    """A solution, its cache key (None: not in the cache), and the cache entry it was served
    from (None: solved now)."""

    solution: Solution
    key: str | None
    cached: Entry | None


def solve_cached(problem: Any, options: SolveOptions, cache: ResultCache | None,
                 alias: str | None = None, reading: Any = None) -> Solved:
    """The cached solution of ``problem`` if there is one, else ``solve_problem`` (stored);
    ``alias``, the digest of the input it was read from, is made to lead to it, and
    ``reading``, what was read from that input, goes on the solution (and into the cache)."""
    if cache is None:
        return Solved(_read_onto(solve_problem(problem, options), reading), None, None)
    key = cache.key(problem, options)
    entry = cache.entry(key)
    solution = cache.solution(key) if entry is not None else None
    if solution is not None:
        if alias is not None:
            cache.put_alias(alias, key)
        return Solved(_read_onto(solution, reading), key, entry)
    solution = _read_onto(solve_problem(problem, options), reading)
    stored = cache.put(key, solution, alias)
    return Solved(solution, key if stored is not None else None, None)


def _read_onto(solution: Solution, reading: Any) -> Solution:
    """``solution`` with ``reading`` (what was read from its problem text, if any) on it."""
    if reading is not None:
        reading.attach(solution)
    return solution
