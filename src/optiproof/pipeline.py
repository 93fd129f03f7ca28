"""The pipeline: Problem -> family solver (exact) -> witnesses (independent) -> Solution."""

from __future__ import annotations

from typing import Any

from optiproof.core.evidence import run_witness
from optiproof.core.options import SolveOptions
from optiproof.core.solution import PartSolution, Solution
from optiproof.families import FAMILIES


def solve_part(spec: Any, options: SolveOptions = SolveOptions()) -> PartSolution:
    """Solve one part exactly with its family, then attach the checks of its witnesses."""
    family = FAMILIES[spec.family]
    solution = family.solve(spec, options)
    if options.run_witnesses:
        checks = []
        for method, fn in family.witnesses(spec, solution, options):
            options.progress(f"part ({spec.label}): {method}")
            checks.append(run_witness(method, fn))
        solution.checks = checks
    return solution


def solve_problem(problem: Any, options: SolveOptions = SolveOptions()) -> Solution:
    """Solve every part of a Problem, in order."""
    return Solution(title=problem.title, parts=[solve_part(p, options) for p in problem.parts])
