"""The pipeline: Problem -> family solver (exact) -> derived quantities -> witnesses
(independent) -> Solution."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from optiproof.core.evidence import run_witness
from optiproof.core.options import SolveOptions
from optiproof.core.solution import PartSolution, Solution
from optiproof.families import FAMILIES
from optiproof.families.derived import Solved, derive
from optiproof.families.derived_witness import derived_witnesses


def solve_part(spec: Any, options: SolveOptions = SolveOptions(),
               earlier: Sequence[Solved] = ()) -> PartSolution:
    """Solve one part exactly with its family, add the derived quantities it asks (from its own
    answers and those of the ``earlier`` parts), then attach the checks of its witnesses."""
    family = FAMILIES[spec.family]
    solution = family.solve(spec, options)
    derived = derive(spec, solution, earlier)
    if options.run_witnesses:
        checks = []
        for method, fn in [*family.witnesses(spec, solution, options),
                           *derived_witnesses(derived)]:
            options.progress(f"part ({spec.label}): {method}")
            checks.append(run_witness(method, fn))
        solution.checks = checks
    return solution


def solve_problem(problem: Any, options: SolveOptions = SolveOptions()) -> Solution:
    """Solve every part of a Problem, in order (a part's derived quantities may use the answers
    of the parts before it)."""
    solved: list[Solved] = []
    for spec in problem.parts:
        solved.append(Solved(spec, solve_part(spec, options, solved)))
    return Solution(title=problem.title, parts=[s.solution for s in solved])
