"""What the steepest-descent solver hands its witnesses: the data as it read them and the
optimum it claims."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class SteepestDescentFacts:
    """The solver's claim for one part: g, alpha, eta and ||g||_* as read; the update u, its
    status and membership test (set-valued u); min f; each numeric ask with its answer.

    ``numeric`` is False when g, alpha or eta is symbolic (the witnesses then draw numeric
    instances and solve them again)."""

    numeric: bool
    g: Any
    alpha: Any
    eta: Any
    dual_value: Any
    update: Any = None
    update_status: str = "unique"
    min_value: Any = None
    membership: Callable[[Any, float], bool] | None = field(default=None, repr=False)
    asked: list[tuple[Any, Any]] = field(default_factory=list)
    spec: Any = field(default=None, repr=False)
    """The part's spec, for checks that solve it again with other data."""
