"""optiproof: solves, explains and checks theory problems about deep-learning optimization.

    >>> import optiproof
    >>> sol = optiproof.steepest_descent([3, -1, 2], norm="linf", alpha=0.5)
    >>> sol.parts[0].answers[0].value
    [-1.5, 1.5, -1.5]

Importing this package is instant: everything heavy is imported on first use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from optiproof.core.solution import Solution

_OPTION_FIELDS = ("engine", "run_witnesses", "seed", "progress", "figures")
_LAZY = {
    "Solution": ("optiproof.core.solution", "Solution"),
    "PartSolution": ("optiproof.core.solution", "PartSolution"),
    "SolveOptions": ("optiproof.core.options", "SolveOptions"),
    "BadInput": ("optiproof.core.errors", "BadInput"),
    "NotRecognised": ("optiproof.core.errors", "NotRecognised"),
    "problem_json_schema": ("optiproof.core.problem", "problem_json_schema"),
    "read_problem": ("optiproof.reading", "read_problem"),
}

__all__ = ["__version__", "solve", "load_problem", "steepest_descent", "Problem", *_LAZY]


def __getattr__(name: str) -> Any:
    """Lazy attributes: ``Problem`` (the spec model) and the core classes listed in ``_LAZY``."""
    import importlib

    if name == "Problem":
        from optiproof.core.problem import problem_model

        return problem_model()
    if name in _LAZY:
        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'optiproof' has no attribute {name!r}")


def load_problem(source: Any) -> Any:
    """A Problem from a Problem, a dict spec, a spec file path, spec text, or problem text."""
    from pydantic import BaseModel

    from optiproof.core.problem import load_problem_file, load_problem_text, make_problem

    if isinstance(source, BaseModel) and hasattr(source, "parts"):
        return source
    if isinstance(source, dict):
        return make_problem(source)
    if isinstance(source, Path):
        return load_problem_file(source)
    if isinstance(source, str):
        if "\n" not in source and Path(source).suffix.lower() in (".yaml", ".yml", ".json"):
            return load_problem_file(source)
        if "\n" not in source and Path(source).suffix.lower() in (".txt", ".md"):
            source = Path(source).read_text(encoding="utf-8")
        from optiproof.cli import _looks_like_spec

        if _looks_like_spec(source):
            return load_problem_text(source)
        from optiproof.reading import read_problem

        return read_problem(source)
    raise TypeError(f"cannot make a Problem from {type(source).__name__}")


def solve(spec_or_problem: Any, **opts: Any) -> Solution:
    """Solve a Problem, dict spec or spec path; ``opts`` are SolveOptions fields."""
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    return solve_problem(load_problem(spec_or_problem), SolveOptions(**opts))


def steepest_descent(gradient: Any, norm: Any = "l2", alpha: Any = "alpha",
                     form: str = "penalty-squared", **kw: Any) -> Solution:
    """Solve one steepest-descent part; ``kw`` holds spec fields (eta, asks, ...) and options."""
    options = {k: kw.pop(k) for k in _OPTION_FIELDS if k in kw}
    title = kw.pop("title", "Steepest descent")
    if hasattr(gradient, "tolist"):
        gradient = gradient.tolist()
    part = {"label": "main", "family": "steepest-descent", "norm": norm, "gradient": gradient,
            "alpha": alpha, "form": form, **kw}
    return solve({"title": title, "parts": [part]}, **options)
