"""What the implicit-bias solver hands its witnesses: which case decided the limit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LimitKind = Literal["confined", "sign-line", "unique", "regularised", "numerical"]


@dataclass
class ImplicitBiasFacts:
    """How the limit was derived: confined to an affine set, on the sign line, the unique
    stationary point, the minimiser of the regularised loss, or simulated (no closed form);
    and whether X theta = y is consistent (else the limit is a least-squares solution)."""

    kind: LimitKind
    consistent: bool = True
