"""The concept catalogue: every norm, optimizer, collective scheme, askable quantity and
transformation, declared once (``norms``, ``optimizers``, ``schemes``, ``quantities``,
``transforms``). Specs, readers, identification, witnesses, the checker and the hints look
concepts up here.

    >>> from optiproof.catalogue import NORMS, OPTIMIZERS
    >>> NORMS.canonical("max-norm")
    'linf'
    >>> OPTIMIZERS["signSGD"].name
    'sign gradient descent'

The catalogue imports nothing above ``core``; its modules are plain data and import quickly.
"""

from __future__ import annotations

from optiproof.catalogue.base import (Entry, Mention, Registry, Relation, key_literal,
                                      normalise_name)
from optiproof.catalogue.norms import NORMS, NormEntry
from optiproof.catalogue.optimizers import OPTIMIZERS, OptimizerEntry
from optiproof.catalogue.quantities import QUANTITIES, QuantityEntry
from optiproof.catalogue.schemes import SCHEMES, SchemeEntry
from optiproof.catalogue.transforms import TRANSFORMS

KINDS: dict[str, Registry] = {"norm": NORMS, "optimizer": OPTIMIZERS, "scheme": SCHEMES,
                              "quantity": QUANTITIES, "transformation": TRANSFORMS}
"""Every registry, by kind."""


def relations_of(key: str) -> list[tuple[Entry, Relation]]:
    """Every relation that names ``key`` (on either side), as (entry declaring it, relation)."""
    out = []
    for registry in KINDS.values():
        for entry in registry:
            for rel in entry.relations:
                if entry.key == key or rel.other == key:
                    out.append((entry, rel))
    return out


__all__ = ["Entry", "Mention", "Registry", "Relation", "key_literal", "normalise_name", "NORMS",
           "NormEntry", "OPTIMIZERS", "OptimizerEntry", "QUANTITIES", "QuantityEntry", "SCHEMES",
           "SchemeEntry", "TRANSFORMS", "KINDS", "relations_of"]
