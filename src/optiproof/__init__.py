"""optiproof: solves, explains and checks theory problems about deep-learning optimization.

    >>> import optiproof
    >>> sol = optiproof.steepest_descent([3, -1, 2], norm="linf", alpha=0.5)
    >>> sol.parts[0].answers[0].value
    [-1.5, 1.5, -1.5]

Importing this package is instant: everything heavy is imported on first use. It installs the
renderer behind ``Solution.to_markdown``/``to_html`` (core does not import the renderers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from optiproof.core.solution import set_render_hook

if TYPE_CHECKING:
    from optiproof.core.solution import Solution

__version__ = "0.1.0"

_OPTION_FIELDS = ("engine", "run_witnesses", "seed", "progress", "figures")
_LAZY = {
    "Solution": ("optiproof.core.solution", "Solution"),
    "PartSolution": ("optiproof.core.solution", "PartSolution"),
    "SolveOptions": ("optiproof.core.options", "SolveOptions"),
    "BadInput": ("optiproof.core.errors", "BadInput"),
    "NotRecognised": ("optiproof.core.errors", "NotRecognised"),
    "problem_json_schema": ("optiproof.families.problem", "problem_json_schema"),
    "read_problem": ("optiproof.reading", "read_problem"),
    "load_problem": ("optiproof.loading", "load_problem"),
}

__all__ = ["__version__", "solve", "steepest_descent", "Problem", *_LAZY]


def __getattr__(name: str) -> Any:
    """Lazy attributes: ``Problem`` (the spec model) and the names listed in ``_LAZY``."""
    import importlib

    if name == "Problem":
        from optiproof.families.problem import problem_model

        return problem_model()
    if name in _LAZY:
        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'optiproof' has no attribute {name!r}")


def solve(spec_or_problem: Any, **opts: Any) -> Solution:
    """Solve a Problem, dict spec, spec path or problem text; ``opts`` are SolveOptions fields.
    A problem text's reading travels with the solution, so every output shows what was read."""
    from optiproof.core.options import SolveOptions
    from optiproof.loading import load_problem_with_reading
    from optiproof.pipeline import solve_problem

    problem, reading = load_problem_with_reading(spec_or_problem)
    solution = solve_problem(problem, SolveOptions(**opts))
    if reading is not None:
        reading.attach(solution)
    return solution


def steepest_descent(gradient: Any, norm: Any = None, alpha: Any = "alpha",
                     form: str = "penalty-squared", **kw: Any) -> Solution:
    """Solve one steepest-descent part (Euclidean norm unless ``norm`` names another); ``kw``
    holds spec fields (eta, asks, ...) and options."""
    from optiproof.catalogue.norms import L2
    from optiproof.families.steepest_descent.family import STEEPEST_DESCENT

    options = {k: kw.pop(k) for k in _OPTION_FIELDS if k in kw}
    title = kw.pop("title", "Steepest descent")
    if hasattr(gradient, "tolist"):
        gradient = gradient.tolist()
    part = {"label": "main", "family": STEEPEST_DESCENT.key, "norm": norm or L2.key,
            "gradient": gradient, "alpha": alpha, "form": form, **kw}
    return solve({"title": title, "parts": [part]}, **options)


def _render(solution: Solution, fmt: str) -> str:
    """The installed render hook: the renderers are imported on first use."""
    from optiproof.rendering import render

    return render(solution, fmt)


set_render_hook(_render)
