"""What the Adam-mechanics solver hands its witnesses: the numeric run it evaluated."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class AdamMechanicsFacts:
    """The gradient sequence the update rule was evaluated on (float64 rows, one per step) and
    the epsilon used there; both None when no sequence was given."""

    sequence: list[list[float]] | None = None
    eps_used: float | None = None
