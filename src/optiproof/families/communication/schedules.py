"""Message schedules: each scheme as rounds of point-to-point sends (src, dst, element range).

The schedule is the single source for the counts, the exact simulator, the gloo runner and the
ring diagram. Semantics, shared by every consumer: within a round every message carries the
sender's buffer slice *as it was at the start of the round*; after all messages of the round are
delivered the receiver either adds the payload into its buffer (``op == "add"``) or overwrites
the slice with it (``op == "copy"``). Workers are nodes ``0..n-1``; parameter servers, when a
scheme has them, are nodes ``n..n+k-1`` and start from zeros. At the end every worker must hold
the sum of the n gradients (the average is that sum divided by n).

Numpy only (no torch, no sympy): the gloo child processes import this module.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from optiproof.catalogue import schemes as S

MAX_ROUND_MESSAGES = 1 << 22
"""Most messages one round may hold in memory (4.2M); larger rounds raise ScheduleTooLarge."""
MAX_SCHEDULE_MESSAGES = 1 << 26
"""Most messages a schedule may enumerate (67M, e.g. ring all-reduce on 4096 workers)."""


class ScheduleTooLarge(ValueError):
    """The schedule is too large to enumerate within the memory and time bounds."""


@dataclass(frozen=True)
class Round:
    """One round: parallel sends ``src[i] -> dst[i]`` of elements ``[start[i], stop[i])``."""

    phase: str
    op: Literal["add", "copy"]
    src: np.ndarray
    dst: np.ndarray
    start: np.ndarray
    stop: np.ndarray
    chunk: np.ndarray
    """Chunk label of each message (the ring chunk index; -1 for a whole or multi-chunk range)."""

    @property
    def sizes(self) -> np.ndarray:
        return self.stop - self.start

    def __len__(self) -> int:
        return int(self.src.shape[0])


@dataclass(frozen=True)
class Schedule:
    """A scheme for n workers and p elements: its nodes, chunk bounds and rounds.

    Rounds are generated on demand (``schedule.rounds`` is a fresh iterator each time), so a
    schedule of millions of messages never sits in memory at once.
    """

    scheme: str
    n: int
    p: int
    nodes: int
    make_rounds: Callable[[], Iterator[Round]] = field(repr=False)
    size_hint: int = 0
    """An upper bound on the number of messages, used only for memory/overflow guards."""
    chunk_bounds: tuple[int, ...] = ()
    """Boundaries of the ring chunks (len n+1) when the scheme chunks the vector."""

    @property
    def rounds(self) -> Iterator[Round]:
        return self.make_rounds()


@dataclass(frozen=True)
class ScheduleCounts:
    """Quantities counted from a schedule's messages (exact integers and fractions)."""

    messages: int
    size_min: int
    size_max: int
    volume: int
    sent: np.ndarray
    received: np.ndarray
    rounds: int
    round_port_loads: tuple[tuple[tuple[int, int], ...], ...]
    sent_messages: np.ndarray | None = None
    """Messages each node sends over the whole schedule."""
    """Per round: for each number of messages c that some node sends or receives, the largest
    number of elements e sent or received by such a node - enough to find the busiest port
    direction, max(alpha c + e / bandwidth), for any alpha, bandwidth > 0."""

    @property
    def busiest_sent(self) -> int:
        return int(self.sent.max())

    @property
    def busiest_received(self) -> int:
        return int(self.received.max())

    def time(self, alpha: Fraction, seconds_per_element: Fraction) -> Fraction:
        """Alpha-beta time: each round lasts as long as its busiest node port direction,
        ``alpha * messages + seconds_per_element * elements``; rounds run one after another
        (rounds with the same loads last as long: each distinct one is computed once)."""
        total = Fraction(0)
        for loads, rounds in Counter(self.round_port_loads).items():
            total += rounds * max(alpha * c + seconds_per_element * e for c, e in loads)
        return total


def _round(phase: str, op: Literal["add", "copy"], src: np.ndarray, dst: np.ndarray,
           start: np.ndarray, stop: np.ndarray, chunk: np.ndarray | None = None) -> Round:
    src = np.asarray(src, dtype=np.int64)
    if chunk is None:
        chunk = np.full(src.shape, -1, dtype=np.int64)
    return Round(phase, op, src, np.asarray(dst, dtype=np.int64), _per_message(start, src.shape),
                 _per_message(stop, src.shape), np.asarray(chunk, dtype=np.int64))


def _per_message(x: Any, shape: tuple[int, ...]) -> np.ndarray:
    """A bound of every message: one value repeated, or an array copied (broadcast if need be)."""
    x = np.asarray(x, dtype=np.int64)
    if x.shape == shape:
        return x.copy()
    return np.full(shape, int(x)) if x.ndim == 0 else np.broadcast_to(x, shape).copy()


def chunk_bounds(p: int, parts: int) -> np.ndarray:
    """Boundaries of ``parts`` chunks of p elements; the first p mod parts chunks are one longer."""
    q, r = divmod(p, parts)
    sizes = np.full(parts, q, dtype=np.int64)
    sizes[:r] += 1
    return np.concatenate([[0], np.cumsum(sizes)])


def _guard(messages: int, per_round: int, scheme: str) -> None:
    if messages > MAX_SCHEDULE_MESSAGES:
        raise ScheduleTooLarge(f"{scheme} has {messages} messages, more than the "
                               f"{MAX_SCHEDULE_MESSAGES} a schedule may enumerate")
    if per_round > MAX_ROUND_MESSAGES:
        raise ScheduleTooLarge(f"{scheme} has rounds of {per_round} messages, more than the "
                               f"{MAX_ROUND_MESSAGES} a round may hold in memory")


def all_to_all_schedule(n: int, p: int) -> Schedule:
    """One round: every worker sends its whole gradient to each of the other n - 1 workers."""
    _guard(n * (n - 1), n * (n - 1), S.ALL_TO_ALL.key)

    def rounds() -> Iterator[Round]:
        src = np.repeat(np.arange(n), n - 1)
        dst = (src + np.tile(np.arange(1, n), n)) % n
        yield _round("exchange", "add", src, dst, 0, p)

    return Schedule(S.ALL_TO_ALL.key, n, p, n, rounds, n * (n - 1))


def parameter_server_schedule(n: int, p: int, servers: int = 1) -> Schedule:
    """Push: worker i sends shard s to server n+s (added); pull: server n+s returns shard s."""
    k = servers
    _guard(2 * n * k, n * k, S.PARAMETER_SERVER.key)
    bounds = chunk_bounds(p, k)
    name = S.PARAMETER_SERVER.key if k == 1 else S.SHARDED_PS.key

    def rounds() -> Iterator[Round]:
        worker = np.repeat(np.arange(n), k)
        shard = np.tile(np.arange(k), n)
        server = n + shard
        yield _round("push", "add", worker, server, bounds[shard], bounds[shard + 1], shard)
        yield _round("pull", "copy", server, worker, bounds[shard], bounds[shard + 1], shard)

    return Schedule(name, n, p, n + k, rounds, 2 * n * k, tuple(int(b) for b in bounds))


def ring_allreduce_schedule(n: int, p: int) -> Schedule:
    """Reduce-scatter: in step s worker i sends chunk (i - s) mod n to i + 1, which adds it;
    after n - 1 steps worker i owns the full sum of chunk i + 1. All-gather: in step s worker i
    forwards chunk (i + 1 - s) mod n to i + 1, which overwrites its copy."""
    _guard(2 * n * (n - 1), n, S.RING.key)
    bounds = chunk_bounds(p, n)

    def rounds() -> Iterator[Round]:
        i = np.arange(n)
        dst = (i + 1) % n
        for s in range(n - 1):
            c = (i - s) % n
            yield _round("reduce-scatter", "add", i, dst, bounds[c], bounds[c + 1], c)
        for s in range(n - 1):
            c = (i + 1 - s) % n
            yield _round("all-gather", "copy", i, dst, bounds[c], bounds[c + 1], c)

    return Schedule(S.RING.key, n, p, n, rounds, 2 * n * (n - 1),
                    tuple(int(b) for b in bounds))


RING_PHASES = ("reduce-scatter", "all-gather")
"""The two phases of the ring all-reduce, as its rounds name them."""


def phase_schedule(schedule: Schedule, phase: str) -> Schedule:
    """The rounds of ``schedule`` that belong to ``phase`` (by each round's own label), as a
    schedule of their own; a phase the schedule has no round of is refused."""
    if not any(rnd.phase == phase for rnd in schedule.rounds):
        raise ValueError(f"{schedule.scheme} has no {phase!r} phase")

    def rounds() -> Iterator[Round]:
        return (rnd for rnd in schedule.rounds if rnd.phase == phase)

    return Schedule(f"{schedule.scheme}/{phase}", schedule.n, schedule.p, schedule.nodes,
                    rounds, schedule.size_hint, schedule.chunk_bounds)


def tree_allreduce_schedule(n: int, p: int) -> Schedule:
    """Binomial tree: in reduce round r, worker i with i mod 2^(r+1) = 2^r sends its partial sum
    to i - 2^r; the broadcast replays the rounds in reverse order with the arrows reversed."""
    _guard(2 * (n - 1), n, S.TREE.key)
    depth = (n - 1).bit_length()

    def rounds() -> Iterator[Round]:
        i = np.arange(n)
        for r in range(depth):
            senders = i[(i % (2 << r)) == (1 << r)]
            yield _round("reduce", "add", senders, senders - (1 << r), 0, p)
        for r in reversed(range(depth)):
            senders = i[(i % (2 << r)) == (1 << r)]
            yield _round("broadcast", "copy", senders - (1 << r), senders, 0, p)

    return Schedule(S.TREE.key, n, p, n, rounds, 2 * (n - 1))


def _log2_exact(n: int, scheme: str) -> int:
    if n < 1 or n & (n - 1):
        raise ValueError(f"{scheme} needs n to be a power of two, got n = {n}")
    return n.bit_length() - 1


def recursive_doubling_schedule(n: int, p: int) -> Schedule:
    """In round r every worker i exchanges its whole partial sum with i XOR 2^r and adds."""
    depth = _log2_exact(n, S.RECURSIVE_DOUBLING.key)
    _guard(n * depth, n, S.RECURSIVE_DOUBLING.key)

    def rounds() -> Iterator[Round]:
        i = np.arange(n)
        for r in range(depth):
            yield _round("exchange", "add", i, i ^ (1 << r), 0, p)

    return Schedule(S.RECURSIVE_DOUBLING.key, n, p, n, rounds, n * depth)


def rabenseifner_schedule(n: int, p: int) -> Schedule:
    """Recursive halving (reduce-scatter): in round r, with d = n / 2^(r+1), worker i keeps the
    half of its current range on its side of bit d and sends the other half to i XOR d, which
    adds it. Recursive doubling (all-gather) replays the pairs in reverse, each worker sending
    the range it owns so that the partner's range doubles. Needs n = 2^L and n | p."""
    depth = _log2_exact(n, S.RABENSEIFNER.key)
    if p % n:
        raise ValueError(f"rabenseifner needs p divisible by n, got p = {p}, n = {n}")
    _guard(2 * n * depth, n, S.RABENSEIFNER.key)
    c = p // n

    def rounds() -> Iterator[Round]:
        i = np.arange(n)
        lo = np.zeros(n, dtype=np.int64)
        los = []
        for r in range(depth):
            d = n >> (r + 1)
            upper = (i & d) != 0
            send_lo = lo + np.where(upper, 0, d)
            yield _round("reduce-scatter", "add", i, i ^ d, send_lo * c, (send_lo + d) * c)
            los.append(lo.copy())
            lo = lo + np.where(upper, d, 0)
        for r in reversed(range(depth)):
            d = n >> (r + 1)
            own = los[r] + np.where((i & d) != 0, d, 0)
            yield _round("all-gather", "copy", i, i ^ d, own * c, (own + d) * c)

    return Schedule(S.RABENSEIFNER.key, n, p, n, rounds, 2 * n * depth,
                    tuple(int(b) for b in chunk_bounds(p, n)))


def build_schedule(scheme: str, n: int, p: int, servers: int = 1) -> Schedule:
    """The schedule of ``scheme`` for n workers and p elements (servers: PS shards)."""
    if scheme == S.ALL_TO_ALL.key:
        return all_to_all_schedule(n, p)
    if scheme == S.PARAMETER_SERVER.key:
        return parameter_server_schedule(n, p, 1)
    if scheme == S.SHARDED_PS.key:
        return parameter_server_schedule(n, p, servers)
    if scheme == S.RING.key:
        return ring_allreduce_schedule(n, p)
    if scheme == S.TREE.key:
        return tree_allreduce_schedule(n, p)
    if scheme == S.RECURSIVE_DOUBLING.key:
        return recursive_doubling_schedule(n, p)
    if scheme == S.RABENSEIFNER.key:
        return rabenseifner_schedule(n, p)
    if scheme in S.RING_PHASES:
        return phase_schedule(ring_allreduce_schedule(n, p), S.RING_PHASES[scheme])
    raise ValueError(f"unknown scheme {scheme!r}")


def count_schedule(schedule: Schedule) -> ScheduleCounts:
    """Count messages, sizes, volume, per-node traffic, rounds and per-round port loads.

    Integer arithmetic throughout (Python integers when int64 could overflow).
    """
    nodes = schedule.nodes
    big = schedule.size_hint * max(schedule.p, 1) >= 1 << 52
    dtype = object if big else np.int64
    sent = np.zeros(nodes, dtype=dtype)
    received = np.zeros(nodes, dtype=dtype)
    messages = volume = 0
    sent_messages = np.zeros(nodes, dtype=np.int64)
    size_min, size_max = None, 0
    loads = []
    n_rounds = 0
    for rnd in schedule.rounds:
        n_rounds += 1
        sizes = rnd.sizes
        messages += len(rnd)
        if big:
            sizes = sizes.astype(object)
            out_e = np.zeros(nodes, dtype=object)
            in_e = np.zeros(nodes, dtype=object)
            np.add.at(out_e, rnd.src, sizes)
            np.add.at(in_e, rnd.dst, sizes)
            volume += int(sum(sizes.tolist()))
        else:  # float64 sums are exact below 2^52
            out_e = np.bincount(rnd.src, weights=sizes, minlength=nodes).astype(np.int64)
            in_e = np.bincount(rnd.dst, weights=sizes, minlength=nodes).astype(np.int64)
            volume += int(sizes.sum())
        size_min = int(sizes.min()) if size_min is None else min(size_min, int(sizes.min()))
        size_max = max(size_max, int(sizes.max()))
        out_c = np.bincount(rnd.src, minlength=nodes)
        in_c = np.bincount(rnd.dst, minlength=nodes)
        sent_messages += out_c
        sent += out_e
        received += in_e
        if big:
            pairs = set(zip(out_c.tolist(), out_e.tolist())) | set(zip(in_c.tolist(),
                                                                         in_e.tolist()))
            loads.append(tuple(sorted((int(c), int(e)) for c, e in pairs)))
        else:
            # For alpha, beta > 0 only the largest element count per message count matters.
            cs = np.concatenate([out_c, in_c])
            es = np.concatenate([out_e, in_e])
            loads.append(tuple((int(c), int(es[cs == c].max())) for c in np.unique(cs)))
    return ScheduleCounts(messages, size_min or 0, size_max, volume, sent, received,
                          n_rounds, tuple(loads), sent_messages)
