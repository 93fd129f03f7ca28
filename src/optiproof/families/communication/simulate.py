"""Exact message-level simulator: moves real integer arrays along a schedule.

Every worker starts with its own integer gradient (servers start from zeros). Rounds are
synchronous: all payloads of a round are read from the buffers as they were at the start of the
round, then delivered (added or copied). Integer arithmetic is exact, so "every worker ends with
the sum of all gradients" is checked with ``==``; the average is that sum divided by n, an exact
rational. The simulator counts what it actually delivers, independently of the schedule's own
counting.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from optiproof.families.communication.schedules import Schedule

MAX_SIMULATED_ELEMENTS = 1 << 26
"""Largest number of elements the simulator moves in one run (64M int64 moves)."""
MAX_STATE_ELEMENTS = 1 << 25
"""Largest buffer state (nodes * p) the simulator allocates (256 MB of int64)."""


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
    if schedule.nodes * schedule.p > MAX_STATE_ELEMENTS:
        return False
    volume = 0
    for rnd in schedule.rounds:
        volume += int(rnd.sizes.sum())
        if volume > MAX_SIMULATED_ELEMENTS:
            return False
    return True


def simulate(schedule: Schedule, *, seed: int = 0, low: int = -1000,
             high: int = 1000) -> SimulationResult:
    """Run ``schedule`` on random integer gradients and check every worker's final buffer."""
    n, p, nodes = schedule.n, schedule.p, schedule.nodes
    too_large = SimulationTooLarge(
        f"{schedule.scheme} with n = {n}, p = {p} is too large to simulate (limits: "
        f"{MAX_SIMULATED_ELEMENTS} moved elements, {MAX_STATE_ELEMENTS} buffer elements)")
    if nodes * p > MAX_STATE_ELEMENTS:
        raise too_large
    rng = np.random.default_rng(seed)
    state = np.zeros((nodes, p), dtype=np.int64)
    state[:n] = rng.integers(low, high, size=(n, p), dtype=np.int64)
    reference = state[:n].sum(axis=0)
    flat = state.reshape(-1)
    sent = np.zeros(nodes, dtype=np.int64)
    received = np.zeros(nodes, dtype=np.int64)
    messages = elements = 0
    size_min, size_max = None, 0
    start_time = time.perf_counter()
    n_rounds = 0
    for rnd in schedule.rounds:
        n_rounds += 1
        lengths = rnd.stop - rnd.start
        total = int(lengths.sum())
        if elements + total > MAX_SIMULATED_ELEMENTS:
            raise too_large
        if lengths.size and (lengths == lengths[0]).all():  # equal sizes: a 2-D index
            width = int(lengths[0])
            msg_of_element = np.repeat(np.arange(len(rnd)), width)
            element = (rnd.start[:, None] + np.arange(width)[None, :]).reshape(-1)
            delivered = lengths
        else:
            msg_of_element = np.repeat(np.arange(len(rnd)), lengths)
            offsets = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
            element = rnd.start[msg_of_element] + offsets
            delivered = np.bincount(msg_of_element, minlength=len(rnd))
        payload = flat[rnd.src[msg_of_element] * p + element]  # a copy: start-of-round values
        target = rnd.dst[msg_of_element] * p + element
        if rnd.op == "add":
            if np.bincount(rnd.dst).max() <= 1:  # one message per receiver: no collisions
                flat[target] += payload
            else:
                np.add.at(flat, target, payload)
        else:
            flat[target] = payload
        messages += len(rnd)
        elements += int(payload.size)
        size_min = int(delivered.min()) if size_min is None else min(size_min,
                                                                     int(delivered.min()))
        size_max = max(size_max, int(delivered.max()))
        sent += np.bincount(rnd.src, weights=delivered, minlength=nodes).astype(np.int64)
        received += np.bincount(rnd.dst, weights=delivered, minlength=nodes).astype(np.int64)
    seconds = time.perf_counter() - start_time
    diff = np.abs(state[:n] - reference[None, :])
    wrong = tuple(int(w) for w in np.nonzero(diff.max(axis=1) != 0)[0]) if p else ()
    return SimulationResult(schedule.scheme, n, p, not wrong, wrong[:10],
                            int(diff.max()) if diff.size else 0, messages, elements,
                            size_min or 0, size_max, sent, received, n_rounds, seconds)
