"""The family readers: each family's reader hook, found through its Family object.

A family declares the module of its reader (``Family.reader``); that module defines ``HOOKS``,
an object with ``family``, ``answers``, ``ask_field``, ``score(flat)``, ``read_part(part,
objects, previous)``, ``asked(r)``, ``take(r, asks)``, ``applied(r)`` and ``symbol(r, symbol)`` (see
:class:`optiproof.reading.accounting.ReaderHooks`). Nothing here names a family.
"""

from __future__ import annotations

import importlib
from typing import Any


def readers() -> dict[str, Any]:
    """Every registered family's reader hooks, by family key (imports them on first use)."""
    from optiproof.families import FAMILIES

    return {key: importlib.import_module(f.reader).HOOKS for key, f in FAMILIES.items()
            if f.reader}
