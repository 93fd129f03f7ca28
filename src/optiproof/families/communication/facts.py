"""What the communication solver hands its witnesses: the formulas it derived, as SymPy
expressions in the problem's symbols, and the given cells it judged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class CommunicationFacts:
    """The cost symbols and the values the problem fixes (``subs``); per scheme, every
    quantity's formula (plus ``message-size-min``) and whether the formulas hold for every n and
    p (not so for the uneven-chunk ring); each given cell as (scheme, quantity, expression read,
    confirmed); the numeric n, p, k of the problem (None where symbolic)."""

    symbols: Any
    subs: dict[Any, Any]
    costs: dict[str, dict[str, Any]]
    general: dict[str, bool]
    given: list[tuple[str, str, Any, bool]]
    instance: dict[str, int | None]
    levels: Any = None
    """The symbol the answers write log2 n with (n = 2^k), or None."""
