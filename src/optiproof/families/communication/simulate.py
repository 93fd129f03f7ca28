"""Exact message-level simulator: moves real integer arrays along a schedule.

Every worker starts with its own integer gradient (servers start from zeros), in int32 when
every partial sum fits in it, else int64. Rounds are
synchronous: all payloads of a round are read from the buffers as they were at the start of the
round, then delivered (added or copied). Integer arithmetic is exact, so "every worker ends with
the sum of all gradients" is checked with ``==``; the average is that sum divided by n, an exact
rational. The simulator counts what it actually delivers, independently of the schedule's own
counting.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from optiproof.families.communication.schedules import Round, Schedule

MAX_SIMULATED_ELEMENTS = 1 << 26
"""Largest number of elements the simulator moves in one run (64M int64 moves)."""
MAX_STATE_BYTES = 1 << 27
"""Largest buffer state (nodes * p integers) the simulator allocates: 128 MB."""
SLICE_ELEMENTS = 1 << 20
"""Elements delivered per slice of a round: bounds the index arrays (8 MB each)."""
VALUE_BOUND = 1000
"""Gradients are drawn from [-VALUE_BOUND, VALUE_BOUND) unless a run asks otherwise."""


@dataclass(frozen=True)
class SimulationResult:
    """What the simulator delivered and whether every worker ended with the exact sum."""

    scheme: str
    n: int
    p: int
    exact: bool
    wrong_workers: tuple[int, ...]
    max_abs_error: int
    messages: int
    elements: int
    size_min: int
    size_max: int
    sent: np.ndarray
    received: np.ndarray
    rounds: int
    seconds: float
    phases: dict[str, dict[str, int]] = field(default_factory=dict)
    """What each phase delivered (by the rounds' phase labels): messages, total-volume,
    message-size (largest), message-size-min, busiest-sent, busiest-received, rounds."""

    @property
    def busiest_sent(self) -> int:
        return int(self.sent.max())

    @property
    def busiest_received(self) -> int:
        return int(self.received.max())


class SimulationTooLarge(ValueError):
    """The run would move or hold more elements than the simulator's bounds."""


def simulation_fits(schedule: Schedule) -> bool:
    """True if the schedule is small enough to move real arrays within the memory/time bounds
    (the messages are counted round by round; nothing is moved)."""
    if schedule.nodes * schedule.p * _dtype(schedule.n, VALUE_BOUND).itemsize > MAX_STATE_BYTES:
        return False
    volume = 0
    for rnd in schedule.rounds:
        volume += int(rnd.sizes.sum())
        if volume > MAX_SIMULATED_ELEMENTS:
            return False
    return True


def simulate(schedule: Schedule, *, seed: int = 0, low: int = -VALUE_BOUND,
             high: int = VALUE_BOUND) -> SimulationResult:
    """Run ``schedule`` on random integer gradients and check every worker's final buffer."""
    n, p, nodes = schedule.n, schedule.p, schedule.nodes
    dtype = _dtype(n, max(abs(low), abs(high)))
    too_large = SimulationTooLarge(
        f"{schedule.scheme} with n = {n}, p = {p} is too large to simulate (limits: "
        f"{MAX_SIMULATED_ELEMENTS} moved elements, {MAX_STATE_BYTES >> 20} MB of buffers)")
    if nodes * p * dtype.itemsize > MAX_STATE_BYTES:
        raise too_large
    rng = np.random.default_rng(seed)
    state = np.zeros((nodes, p), dtype=dtype)
    state[:n] = rng.integers(low, high, size=(n, p), dtype=dtype)
    reference = state[:n].sum(axis=0)
    flat = state.reshape(-1)
    sent = np.zeros(nodes, dtype=np.int64)
    received = np.zeros(nodes, dtype=np.int64)
    messages = elements = 0
    size_min, size_max = None, 0
    start_time = time.perf_counter()
    n_rounds = 0
    phases: dict[str, dict[str, Any]] = {}
    for rnd in schedule.rounds:
        n_rounds += 1
        lengths = rnd.stop - rnd.start
        total = int(lengths.sum())
        if elements + total > MAX_SIMULATED_ELEMENTS:
            raise too_large
        delivered = _deliver(rnd, lengths, total, flat, p)
        messages += len(rnd)
        elements += int(delivered.sum())
        if len(rnd):
            size_min = int(delivered.min()) if size_min is None else min(size_min,
                                                                         int(delivered.min()))
            size_max = max(size_max, int(delivered.max()))
        out_e = np.bincount(rnd.src, weights=delivered, minlength=nodes).astype(np.int64)
        in_e = np.bincount(rnd.dst, weights=delivered, minlength=nodes).astype(np.int64)
        sent += out_e
        received += in_e
        _record_phase(phases, rnd.phase, delivered, out_e, in_e)
    seconds = time.perf_counter() - start_time
    wrong = tuple(int(w) for w in np.nonzero((state[:n] != reference).any(axis=1))[0]) \
        if p else ()
    worst = max((int(np.abs(state[w] - reference).max()) for w in wrong[:10]), default=0)
    return SimulationResult(schedule.scheme, n, p, not wrong, wrong[:10],
                            worst, messages, elements,
                            size_min or 0, size_max, sent, received, n_rounds, seconds,
                            {ph: _phase_counts(c) for ph, c in phases.items()})


def _record_phase(phases: dict[str, dict[str, Any]], phase: str, delivered: np.ndarray,
                  out_e: np.ndarray, in_e: np.ndarray) -> None:
    """Add one round's delivered messages to the running counts of its phase."""
    c = phases.setdefault(phase, {"messages": 0, "total-volume": 0, "message-size": 0,
                                  "message-size-min": None, "sent": 0, "received": 0,
                                  "rounds": 0})
    c["rounds"] += 1
    c["messages"] += len(delivered)
    c["total-volume"] += int(delivered.sum())
    c["sent"] = c["sent"] + out_e
    c["received"] = c["received"] + in_e
    if len(delivered):
        low = int(delivered.min())
        c["message-size-min"] = low if c["message-size-min"] is None else min(
            c["message-size-min"], low)
        c["message-size"] = max(c["message-size"], int(delivered.max()))


def _phase_counts(c: dict[str, Any]) -> dict[str, int]:
    return {"messages": c["messages"], "total-volume": c["total-volume"],
            "message-size": c["message-size"], "message-size-min": c["message-size-min"] or 0,
            "busiest-sent": int(np.max(c["sent"])), "busiest-received": int(np.max(c["received"])),
            "rounds": c["rounds"]}


def _dtype(n: int, bound: int) -> np.dtype:
    """int32 when every partial sum of n values of size below ``bound`` fits in it, else int64."""
    return np.dtype(np.int32 if n * bound < 2**31 else np.int64)


def _slices(lengths: np.ndarray) -> list[tuple[int, int]]:
    """Consecutive message ranges [a, b) of a round, each at most ``SLICE_ELEMENTS`` elements
    (a longer single message is a slice of its own)."""
    ends = np.cumsum(lengths)
    out, a = [], 0
    while a < len(lengths):
        base = int(ends[a - 1]) if a else 0
        b = max(a + 1, int(np.searchsorted(ends, base + SLICE_ELEMENTS, side="right")))
        out.append((a, b))
        a = b
    return out


def _indices(rnd: Round, lengths: np.ndarray, a: int, b: int, p: int
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Message, flat source index and flat target index of every element of messages a..b-1."""
    part = lengths[a:b]
    msg = np.repeat(np.arange(a, b), part)
    offsets = np.arange(msg.size) - np.repeat(np.cumsum(part) - part, part)
    element = rnd.start[msg] + offsets
    return msg, rnd.src[msg] * p + element, rnd.dst[msg] * p + element


def _deliver(rnd: Round, lengths: np.ndarray, total: int, flat: np.ndarray, p: int
             ) -> np.ndarray:
    """Deliver one synchronous round in bounded slices and count the elements each message
    delivered: every payload is read as the buffers were at the start of the round (gathered
    first, or read from a snapshot when the round moves more than the buffers hold)."""
    slices = _slices(lengths)
    source = flat.copy() if total > flat.size and len(slices) > 1 else flat
    payloads = [] if source is flat else None
    if payloads is not None:
        for a, b in slices:
            payloads.append(flat[_indices(rnd, lengths, a, b, p)[1]])
    collisions = np.bincount(rnd.dst).max() > 1 if len(rnd) else False
    delivered = np.zeros(len(rnd), dtype=np.int64)
    for i, (a, b) in enumerate(slices):
        msg, src, target = _indices(rnd, lengths, a, b, p)
        delivered += np.bincount(msg, minlength=len(rnd))
        payload = payloads[i] if payloads is not None else source[src]
        if rnd.op == "add":
            if collisions:
                np.add.at(flat, target, payload)
            else:
                flat[target] += payload
        else:
            flat[target] = payload
    return delivered
