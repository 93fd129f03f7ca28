"""The pipeline: Problem -> family solver (exact) -> witnesses (independent) -> Solution."""

from __future__ import annotations

from typing import Any

from optiproof.core.evidence import Check, run_witness
from optiproof.core.options import SolveOptions
from optiproof.core.solution import PartSolution, Solution


def solve_part(spec: Any, options: SolveOptions = SolveOptions()) -> PartSolution:
    """Solve one part exactly, then attach the checks of its independent witnesses."""
    from optiproof.families import solver_for, witnesses_for

    solution = solver_for(spec.family).solve(spec)
    if not options.figures:
        solution.figures = []
    if options.run_witnesses:
        module = witnesses_for(spec.family)
        checks: list[Check] = []
        for method, fn in module.witnesses(spec, solution, options):
            options.progress(f"part ({spec.label}): {method}")
            checks.append(run_witness(method, fn))
        solution.checks = checks
    return solution


def solve_problem(problem: Any, options: SolveOptions = SolveOptions()) -> Solution:
    """Solve every part of a Problem, in order."""
    return Solution(title=problem.title, parts=[solve_part(p, options) for p in problem.parts])
