"""Modes of a solve run, in one frozen object."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal


def silent(message: str) -> None:
    """Default progress sink: print nothing."""


@dataclass(frozen=True)
class SolveOptions:
    """How to solve: which witness engine, whether to run witnesses, where progress goes.

    ``engine`` selects the heavier real-world witnesses: ``"sim"`` (exact in-process simulators,
    the default) or ``"gloo"`` (adds real multi-process torch.distributed runs where a family has
    them). ``progress`` receives one-line messages while long witnesses run.
    """

    engine: Literal["sim", "gloo"] = "sim"
    run_witnesses: bool = True
    seed: int = 0
    progress: Callable[[str], None] = silent
    figures: bool = True
