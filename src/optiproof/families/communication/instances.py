"""Concrete instances (n, p, k) that satisfy a scheme's assumptions, for grid checks.

With a symbolic n the grid runs over n = 2..max_n (powers of two only for the recursive
schemes); with a symbolic p over a few multiples of n (and of k for sharded servers); a symbolic
k over a few shard counts. Integer fields stay at their value.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import lcm

from optiproof.catalogue import schemes as S
from optiproof.families.communication.spec import POWER_OF_TWO_SCHEMES


@dataclass(frozen=True)
class Instance:
    n: int
    p: int
    k: int = 1


SERVER_GRID = (1, 2, 3, 4, 8)
P_MULTIPLES = (1, 3)


def n_values(scheme: str, n: int | None, max_n: int = 64) -> list[int]:
    if n is not None:
        return [n]
    if scheme in POWER_OF_TWO_SCHEMES:
        return [1 << e for e in range(1, max_n.bit_length()) if 1 << e <= max_n]
    return list(range(2, max_n + 1))


def instances(scheme: str, n: int | None, p: int | None, k: int | None, *,
              max_n: int = 64, p_multiples: tuple[int, ...] = P_MULTIPLES,
              server_grid: tuple[int, ...] = SERVER_GRID) -> list[Instance]:
    """Instances of ``scheme`` on the grid; ``None`` marks a symbolic field."""
    sharded = scheme == S.SHARDED_PS.key
    ks = [1] if not sharded else ([k] if k is not None else list(server_grid))
    out = []
    for nv in n_values(scheme, n, max_n):
        for kv in ks:
            if p is not None:
                chunked = S.SCHEMES[scheme].chunked
                if (n is None and chunked and p % nv) or (sharded and k is None and p % kv):
                    continue  # outside the scheme's assumption "p divisible by n (k)"
                out.append(Instance(nv, p, kv))
                continue
            unit = lcm(nv, kv)  # p divisible by n (chunks) and by k (shards)
            out.extend(Instance(nv, unit * m, kv) for m in p_multiples)
    return out
