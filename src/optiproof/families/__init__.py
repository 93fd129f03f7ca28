"""Problem families. Each is a package exposing ``Spec`` (a pydantic PartSpec subclass, light to
import), and modules ``solve`` (``solve(spec) -> PartSolution``) and ``witness``
(``witnesses(spec, solution, options) -> list[Check]``), imported lazily.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

FAMILIES: dict[str, str] = {
    "steepest-descent": "optiproof.families.steepest_descent",
    "communication": "optiproof.families.communication",
    "implicit-bias": "optiproof.families.implicit_bias",
    "quadratic-dynamics": "optiproof.families.quadratic_dynamics",
    "adam-mechanics": "optiproof.families.adam_mechanics",
}


def family_module(name: str) -> ModuleType:
    return importlib.import_module(FAMILIES[name])


def spec_types() -> list[type]:
    return [family_module(name).Spec for name in FAMILIES]


def spec_type_for(name: Any) -> type | None:
    if not isinstance(name, str) or name not in FAMILIES:
        return None
    return family_module(name).Spec


def solver_for(name: str) -> ModuleType:
    return importlib.import_module(FAMILIES[name] + ".solve")


def witnesses_for(name: str) -> ModuleType:
    return importlib.import_module(FAMILIES[name] + ".witness")
