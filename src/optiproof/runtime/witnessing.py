"""Running a solved part's witnesses, in this process or as a job of the worker pool."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from optiproof.core.evidence import Check, run_witness
from optiproof.core.options import SolveOptions, silent
from optiproof.core.solution import PartSolution
from optiproof.families import FAMILIES


def witness_part(spec: Any, solution: PartSolution, options: SolveOptions) -> list[Check]:
    """Every check of one solved part, each witness run under ``run_witness``."""
    checks = []
    for method, fn in FAMILIES[spec.family].witnesses(spec, solution, options):
        options.progress(f"part ({spec.label}): {method}")
        checks.append(run_witness(method, fn))
    return checks


def witness_in_worker(spec: Any, solution: PartSolution, options: SolveOptions) -> list[Check]:
    """The worker's job: ``witness_part`` with progress sent back to the caller."""
    from optiproof.runtime.pool import report

    return witness_part(spec, solution, replace(options, progress=report))


def job_arguments(spec: Any, solution: PartSolution, options: SolveOptions) -> tuple[Any, ...]:
    """What a worker needs of a part: the spec, the solution without its figures, and the
    options without the caller's progress sink."""
    return spec, replace(solution, figures=[]), replace(options, progress=silent)
