"""Problem families, and the one registry of them: :data:`FAMILIES`, family key -> Family.

Each family is a package ``families/<name>/`` whose ``family.py`` declares its
:class:`~optiproof.families.base.Family`; declaring it there registers it, so adding a family
edits nothing outside its folder (and the catalogue). Nothing outside ``families/`` names a
family: the pipeline, the command line and the renderers look a family up by the ``family``
field of a spec.
"""

from __future__ import annotations

import importlib
import pkgutil

from optiproof.families.base import Family


def _declared() -> dict[str, Family]:
    """Every Family declared in a ``families/<name>/family.py``, by key (sorted by folder)."""
    out: dict[str, Family] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.ispkg:
            module = importlib.import_module(f"{__name__}.{info.name}.family")
            out.update({f.key: f for f in vars(module).values() if isinstance(f, Family)})
    return out


FAMILIES: dict[str, Family] = _declared()
"""Every registered family, by key (the ``family`` value of its specs)."""

__all__ = ["FAMILIES", "Family"]
