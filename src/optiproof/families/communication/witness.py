"""Independent witnesses of a communication part.

None of them uses formulas.py: they build each scheme's message schedule (schedules.py) and
compare what it does with the answers and facts the solver produced.

1. schedule counts: count messages, sizes, volume, per-node traffic, rounds and alpha-beta time
   from the schedule for many instances (n = 2..64, several p, all shard counts asked) and for
   the problem's own instance, and compare exactly with the SymPy expressions;
2. exact simulator: move integer arrays along the schedule and check every worker ends with the
   exact sum (the average is that sum over n) and that what was delivered matches the counts;
3. given cells: the verdict on each given cell must agree with the schedule counts;
4. gloo (engine "gloo"): real processes on loopback run the schedule with point-to-point sends,
   count what they send, and compare the average with ``dist.all_reduce``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from optiproof.catalogue import schemes as S
from optiproof.core.errors import BadInput
from optiproof.core.evidence import Check
from optiproof.core.options import SolveOptions
from optiproof.core.solution import PartSolution
from optiproof.families.communication.facts import CommunicationFacts
from optiproof.families.communication.instances import Instance, instances
from optiproof.families.communication.spec import CommunicationSpec

GRID_MAX_N = 64
TIMES = ("time", "latency-time")
"""Quantities that depend on the latency and the bandwidth."""
SIM_GRID_N = (2, 3, 4, 5, 7, 8, 16)
SIM_UNITS = 16
"""The simulator moves at most this many whole units of the chunk structure, plus the rest."""
TIME_POINTS = ((Fraction(1, 10), Fraction(7)), (Fraction(3), Fraction(1, 2)))
"""(alpha, B) pairs at which a symbolic time formula is compared with the schedule's time."""
FORMULA_SAMPLES = (Fraction(1, 2), Fraction(3))
"""Values given to the symbols of a formula for alpha or the bandwidth."""
GLOO_SYMBOLIC_N = 4
GLOO_SYMBOLIC_P_CHUNK = 6
GLOO_TIMEOUT_S = 150.0


class _NotRational(ValueError):
    """The expression's value at this instance is not a rational number."""


def _ilog2(x: Fraction) -> Fraction:
    if x.denominator != 1 or x <= 0 or int(x) & (int(x) - 1):
        raise _NotRational(f"log2({x})")
    return Fraction(int(x).bit_length() - 1)


def _ceil_log2(x: Fraction) -> Fraction:
    if x.denominator != 1 or x <= 0:
        raise _NotRational(f"ceil(log2({x}))")
    return Fraction((int(x) - 1).bit_length())


def _compile(expr: Any) -> Callable[[dict], Fraction]:
    """An exact evaluator of a SymPy expression over Fractions (env: symbol name -> Fraction).

    Written independently of SymPy's numeric evaluation, and fast enough for thousands of grid
    points. Supports + * integer powers, Max, Min, ceiling, floor, log2 and ceil(log2).
    """
    import math

    import sympy as sp

    from optiproof.families.communication.formulas import CeilLog2, Log2

    e = sp.sympify(expr)
    if e.is_Rational:
        value = Fraction(int(e.p), int(e.q))
        return lambda env: value
    if e.is_Symbol:
        name = e.name
        return lambda env: env[name]
    args = [_compile(a) for a in e.args]
    if e.is_Add:
        return lambda env: sum((f(env) for f in args), Fraction(0))
    if e.is_Mul:
        def mul(env: dict) -> Fraction:
            out = Fraction(1)
            for f in args:
                out *= f(env)
            return out
        return mul
    if e.is_Pow:
        if not e.exp.is_Integer:
            raise _NotRational(f"non-integer power in {e}")
        base, k = args[0], int(e.exp)
        return lambda env: base(env) ** k
    table: dict[Any, Callable[..., Fraction]] = {
        sp.Max: lambda *xs: max(xs), sp.Min: lambda *xs: min(xs),
        sp.ceiling: lambda x: Fraction(math.ceil(x)),
        sp.floor: lambda x: Fraction(math.floor(x)),
        Log2: _ilog2, CeilLog2: _ceil_log2,
    }
    for cls, fn in table.items():
        if isinstance(e, cls):
            return lambda env, fn=fn: fn(*(f(env) for f in args))
    raise _NotRational(f"cannot evaluate {type(e).__name__} exactly")


class _Evaluator:
    """Evaluates the solver's expressions at a concrete instance, exactly (None if impossible).

    Where the problem gives alpha or the bandwidth as a formula in other symbols, each time
    point gives those symbols values and alpha (or B) is the formula's value there."""

    def __init__(self, facts: CommunicationFacts):
        self.sym = facts.symbols
        self.subs = facts.subs
        self._cache: dict[Any, Callable[[dict], Fraction] | None] = {}
        self._symbols_at: dict[tuple[Fraction, Fraction], dict[str, Fraction]] = {}
        self.levels = getattr(facts, "levels", None)

    def at(self, expr: Any, inst: Instance, alpha: Fraction, bandwidth: Fraction
           ) -> Fraction | None:
        if expr not in self._cache:
            try:
                self._cache[expr] = _compile(expr)
            except _NotRational:
                self._cache[expr] = None
        fn = self._cache[expr]
        if fn is None:
            return None
        s = self.sym
        env = {s.n.name: Fraction(inst.n), s.p.name: Fraction(inst.p),
               s.k.name: Fraction(inst.k), s.alpha.name: alpha, s.B.name: bandwidth,
               **self._symbols_at.get((alpha, bandwidth), {})}
        if self.levels is not None and inst.n & (inst.n - 1) == 0:
            env[self.levels.name] = Fraction(inst.n.bit_length() - 1)  # n = 2^k: k = log2 n
        try:
            return fn(env)
        except (_NotRational, KeyError, ZeroDivisionError):
            return None

    def _value(self, symbol: Any, sample: Fraction, i: int, env: dict[str, Fraction]
               ) -> Fraction:
        """alpha or B at time point i: free (the sample), the problem's number, or its formula
        at sample values of the formula's own symbols (recorded in ``env``)."""
        value = self.subs.get(symbol)
        if value is None:
            return sample
        if value.is_Rational:
            return Fraction(int(value.p), int(value.q))
        for j, name in enumerate(sorted(x.name for x in value.free_symbols)):
            env.setdefault(name, FORMULA_SAMPLES[(i + j) % len(FORMULA_SAMPLES)])
        return _compile(value)(env)

    def time_points(self) -> list[tuple[Fraction, Fraction]]:
        """(alpha, B) pairs at which time formulas are compared: the problem's values, or
        samples where they are symbols or formulas."""
        s = self.sym
        fixed = all(self.subs.get(x) is not None and self.subs[x].is_Rational
                    for x in (s.alpha, s.B))
        points = []
        for i, (a, b) in enumerate(TIME_POINTS[:1] if fixed else TIME_POINTS):
            env: dict[str, Fraction] = {}
            point = (self._value(s.alpha, a, i, env), self._value(s.B, b, i, env))
            self._symbols_at[point] = env
            points.append(point)
        return points


def counted(counts: Any, quantity: str, n: int, p: int, bytes_per_element: int,
             alpha: Fraction, bandwidth: Fraction) -> Fraction | None:
    """A quantity as counted from the schedule (never from a formula); None for a per-node
    quantity whose nodes do not all count the same."""
    if quantity == "messages":
        return Fraction(counts.messages)
    if quantity == "message-size":
        return Fraction(counts.size_max)
    if quantity == "message-size-min":
        return Fraction(counts.size_min)
    if quantity == "message-bytes":
        return Fraction(counts.size_max * bytes_per_element)
    if quantity == "total-volume":
        return Fraction(counts.volume)
    if quantity == "busiest-sent":
        return Fraction(counts.busiest_sent)
    if quantity == "busiest-received":
        return Fraction(counts.busiest_received)
    if quantity == "busiest-bytes-sent":
        return Fraction(counts.busiest_sent * bytes_per_element)
    if quantity == "busiest-bytes-received":
        return Fraction(counts.busiest_received * bytes_per_element)
    if quantity == "messages-per-worker":
        counts_of = set(counts.sent_messages[:n].tolist())
        return Fraction(counts_of.pop()) if len(counts_of) == 1 else None
    if quantity == "busiest-traffic":
        return Fraction(int((counts.sent + counts.received).max()))
    if quantity == "rounds":
        return Fraction(counts.rounds)
    if quantity == "time":
        return counts.time(alpha, Fraction(bytes_per_element) / bandwidth)
    if quantity == "latency-time":  # the bandwidth terms dropped
        return counts.time(alpha, Fraction(0))
    if quantity == "bandwidth-ratio":
        bound = Fraction(2 * (n - 1) * p, n)
        return Fraction(max(counts.busiest_sent, counts.busiest_received)) / bound
    if quantity == "total-bytes":
        return Fraction(counts.volume * bytes_per_element)
    if quantity in _PER_NODE:
        servers, direction, factor = _PER_NODE[quantity]
        nodes = slice(n, None) if servers else slice(0, n)
        sent, received = counts.sent[nodes].tolist(), counts.received[nodes].tolist()
        values = {(0 if direction == "in" else int(a)) + (0 if direction == "out" else int(b))
                  for a, b in zip(sent, received)}
        if len(values) != 1:
            return None  # the nodes differ: no single value (a mismatch for any formula)
        return Fraction(values.pop() * (bytes_per_element if factor else 1))
    raise KeyError(quantity)


_PER_NODE = {
    "values-sent": (False, "out", False), "values-received": (False, "in", False),
    "sent-plus-received": (False, "both", False), "bytes-sent": (False, "out", True),
    "bytes-received": (False, "in", True), "server-values-sent": (True, "out", False),
    "server-values-received": (True, "in", False),
    "server-sent-plus-received": (True, "both", False),
    "server-bytes-sent": (True, "out", True), "server-bytes-received": (True, "in", True),
    "bytes-sent-plus-received": (False, "both", True),
    "server-bytes-sent-plus-received": (True, "both", True),
}
"""Per-node quantities counted from the schedule: (of the server nodes, not the workers; which
direction; in bytes). Workers are nodes 0..n-1 of a schedule, servers the nodes after them."""


def _instance_of(spec: CommunicationSpec, facts: CommunicationFacts) -> Instance | None:
    inst = facts.instance
    if inst["n"] is None or inst["p"] is None:
        return None
    k = inst["k"] if spec.uses_servers and inst["k"] is not None else 1
    return Instance(inst["n"], inst["p"], k)


def _grid_note(spec: CommunicationSpec, facts: CommunicationFacts) -> str:
    inst = facts.instance
    bits = []
    bits.append(f"n = {inst['n']}" if inst["n"] is not None else f"n = 2..{GRID_MAX_N} "
                "(powers of two for recursive schemes)")
    bits.append(f"p = {inst['p']}" if inst["p"] is not None else "p in {1, 3} x lcm(n, k)")
    if spec.uses_servers:
        bits.append(f"k = {inst['k']}" if inst["k"] is not None else "k in {1, 2, 3, 4, 8}")
    return ", ".join(bits)


_COUNT_CACHE: dict[tuple[str, Instance], Any] = {}
"""Counts of one check run (cleared at its start): a schedule is enumerated once."""


def _compare_counts(scheme: str, formulas: dict, grid: list[Instance], ev: "_Evaluator",
                    spec: CommunicationSpec, points: list[tuple[Fraction, Fraction]],
                    label: str, mismatches: list[str]) -> tuple[int, int, int, Fraction]:
    """Compare expressions with schedule counts on ``grid``: (compared, enumerated, skipped,
    worst error)."""
    from optiproof.families.communication.schedules import (
        ScheduleTooLarge,
        build_schedule,
        count_schedule,
    )

    compared = enumerated = skipped = 0
    worst = Fraction(0)
    for inst in grid:
        key = (scheme, inst)
        if key not in _COUNT_CACHE:
            try:
                _COUNT_CACHE[key] = count_schedule(build_schedule(scheme, inst.n, inst.p,
                                                                  inst.k))
            except ScheduleTooLarge:
                _COUNT_CACHE[key] = None
        counts = _COUNT_CACHE[key]
        if counts is None:
            skipped += 1
            continue
        enumerated += 1
        for quantity, expr in formulas.items():
            for alpha, bw in (points if quantity in TIMES else points[:1]):
                want = counted(counts, quantity, inst.n, inst.p, spec.bytes_per_element,
                                alpha, bw)
                got = ev.at(expr, inst, alpha, bw)
                compared += 1
                if got != want:
                    worst = max(worst, abs(got - want) if got is not None and want is not None
                                else Fraction(1))
                    if len(mismatches) < 6:
                        k = f", k={inst.k}" if spec.uses_servers else ""
                        mismatches.append(f"{label(quantity) if callable(label) else label} "
                                          f"at n={inst.n}, p={inst.p}{k}: {got}, "
                                          f"schedule {want}")
    return compared, enumerated, skipped, worst


def schedule_count_check(spec: CommunicationSpec, solution: PartSolution) -> Check:
    """Every formula (on a grid of instances) and every answer (at the problem's instance, or
    on a grid where it is symbolic) against counts taken from the message schedules."""
    start = time.perf_counter()
    _COUNT_CACHE.clear()
    facts = solution.facts
    ev = _Evaluator(facts)
    points = ev.time_points()
    inst_n, inst_p, inst_k = (facts.instance[x] for x in ("n", "p", "k"))
    if not spec.uses_servers:
        inst_k = 1
    mismatches: list[str] = []
    compared = enumerated = skipped = 0
    worst = Fraction(0)
    for scheme in spec.schemes:
        general = facts.general[scheme]
        grid = (instances(scheme, None, None, None, max_n=GRID_MAX_N) if general else
                instances(scheme, inst_n, inst_p, inst_k))
        c, e, _, w = _compare_counts(scheme, facts.costs[scheme], grid, ev, spec, points,
                                     lambda q, s=scheme: f"{s} {q} formula", mismatches)
        compared, enumerated, worst = compared + c, enumerated + e, max(worst, w)
    answers_checked = answer_instances = 0
    cells = [a for a in solution.answers if a.subject in facts.costs
             and a.quantity in facts.costs[a.subject]]
    for answer in cells:
        scheme = answer.subject
        grid = instances(scheme, inst_n, inst_p, inst_k, max_n=16, p_multiples=(1, 2))
        if ev.levels is not None or spec.n_power_of_two:  # the answers hold at powers of two only
            grid = [g for g in grid if g.n & (g.n - 1) == 0]
        c, e, sk, w = _compare_counts(scheme, {answer.quantity: answer.expr}, grid, ev, spec,
                                      points,
                                      f"answer '{answer.name}'", mismatches)
        answers_checked, answer_instances = answers_checked + c, answer_instances + e
        skipped += sk
        worst = max(worst, w)
    _COUNT_CACHE.clear()
    runtime = time.perf_counter() - start
    if mismatches:
        return Check("message-schedule counts", "failed",
                     "disagreement with the schedules: " + "; ".join(mismatches),
                     float(worst), runtime, compared="formula vs schedule count")
    if enumerated == 0:
        return Check("message-schedule counts", "inconclusive",
                     "no schedule could be enumerated", None, runtime)
    general_all = all(facts.general.values())
    where = ("n = 2..64 (powers of two for the recursive schemes), p in {1, 3} x "
             "lcm(n, k)" + (", k in {1, 2, 3, 4, 8}" if spec.uses_servers else "")
             if general_all else _grid_note(spec, facts))
    detail = (f"{compared} formula values equal the counts of {enumerated} enumerated "
              f"schedules ({where}); {answers_checked} answer values equal the counts at "
              + ("the problem's instance" if _instance_of(spec, facts) else
                 f"{answer_instances} instances (symbolic n or p: {_grid_note(spec, facts)}, "
                 "n <= 16)") + "; exact integers and rationals")
    if len(points) > 1:
        detail += "; time at (alpha, B) = (1/10, 7) and (3, 1/2)"
    if skipped:
        detail += (f"; {skipped} answer instances too large to enumerate: those answers are "
                   "the grid-verified formulas evaluated at the instance")
    if answers_checked == 0:
        return Check("message-schedule counts", "passed", detail, 0.0, runtime,
                     compared="formulas vs schedule counts")
    return Check("message-schedule counts", "passed", detail, 0.0, runtime,
                 compared="messages, sizes, volume, busiest node, rounds, time, ratio")


def _simulation_instances(spec: CommunicationSpec, facts: CommunicationFacts,
                          scheme: str) -> list[Instance]:
    inst_n, inst_p, inst_k = (facts.instance[x] for x in ("n", "p", "k"))
    if not spec.uses_servers:
        inst_k = 1
    grid = instances(scheme, inst_n, inst_p, inst_k, max_n=16, p_multiples=(3,))
    if inst_n is None:
        grid = [g for g in grid if g.n in SIM_GRID_N]
    return grid


def simulated_p(scheme: str, n: int, p: int, k: int, sim_fits: Callable[[Any], bool],
                build: Callable[..., Any]) -> int:
    """The p the simulator moves data at, by one rule at every n: the chunk structure kept
    (p mod the unit: n for the schemes that cut the gradient in n chunks, k for sharded
    servers, their lcm for both, 1 for whole vectors) with at most SIM_UNITS whole units,
    fewer (4, 1) where that does not fit the simulator's bounds (the last is returned even
    then)."""
    from math import lcm

    unit = lcm(n if S.SCHEMES[scheme].chunked else 1,
               k if scheme == S.SHARDED_PS.key else 1)
    for mult in (SIM_UNITS, 4, 1):
        q = unit * min(mult, p // unit) + p % unit
        if sim_fits(build(scheme, n, q, k)):
            break
    return q


def simulator_check(spec: CommunicationSpec, solution: PartSolution) -> Check:
    """Move integer gradients along every schedule; every worker must end with the exact sum,
    and what was delivered must match the solver's counts at that instance."""
    from optiproof.families.communication.schedules import ScheduleTooLarge, build_schedule
    from optiproof.families.communication.simulate import (
        SimulationTooLarge,
        simulate,
        simulation_fits,
    )

    start = time.perf_counter()
    facts = solution.facts
    ev = _Evaluator(facts)
    alpha, bw = ev.time_points()[0]
    runs, reduced, problems = 0, [], []
    elements = 0
    for scheme in spec.schemes:
        formulas = facts.costs[scheme]
        # a phase of the ring is checked inside a whole ring run (the sum must still be exact),
        # against what that phase's rounds delivered
        phase = S.RING_PHASES.get(scheme)
        run = S.RING.key if phase else scheme
        for inst in _simulation_instances(spec, facts, scheme):
            try:
                schedule = build_schedule(run, inst.n, inst.p, inst.k)
            except ScheduleTooLarge as err:
                problems.append(f"{scheme}: {err} (too large)")
                continue
            p_sim = simulated_p(run, inst.n, inst.p, inst.k, simulation_fits,
                                build_schedule)
            if p_sim != inst.p:
                schedule = build_schedule(run, inst.n, p_sim, inst.k)
                if not simulation_fits(schedule):
                    problems.append(f"{scheme} n={inst.n}: too large to simulate")
                    continue
                reduced.append(f"{scheme} with p = {p_sim} instead of {inst.p}")
            try:
                result = simulate(schedule, seed=spec_seed(spec) + runs)
            except SimulationTooLarge as err:
                problems.append(f"{err}")
                continue
            runs += 1
            elements += result.elements
            if not result.exact:
                problems.append(f"{scheme} n={inst.n} p={p_sim}: workers "
                                f"{list(result.wrong_workers)} do not hold the exact sum "
                                f"(max error {result.max_abs_error})")
                continue
            sim_inst = Instance(inst.n, p_sim, inst.k)
            delivered = {"messages": result.messages, "total-volume": result.elements,
                         "message-size": result.size_max, "message-size-min": result.size_min,
                         "busiest-sent": result.busiest_sent,
                         "busiest-received": result.busiest_received, "rounds": result.rounds}
            if phase:
                delivered = result.phases[phase]
            for quantity, value in delivered.items():
                want = ev.at(formulas[quantity], sim_inst, alpha, bw)
                if want != value:
                    problems.append(f"{scheme} n={inst.n} p={p_sim}: delivered {quantity} "
                                    f"{value}, formula {want}")
    runtime = time.perf_counter() - start
    hard = [x for x in problems if "too large" not in x]
    if hard:
        return Check("exact simulator", "failed", "; ".join(hard[:4]), None, runtime,
                     compared="final buffers vs exact sum; delivered counts vs formulas")
    if runs == 0:
        return Check("exact simulator", "inconclusive",
                     "no instance could be simulated: " + "; ".join(problems[:3]), None,
                     runtime)
    where = "the problem's instance" if _instance_of(spec, facts) else (
        "a grid of instances, n in {2, 3, 4, 5, 7, 8, 16} (powers of two for recursive "
        "schemes) and p = 3 lcm(n, k), because n or p is symbolic")
    detail = (f"{runs} runs on {where}: integer gradients moved message by message "
              f"({elements} elements delivered); every worker ended with the exact sum, so "
              "with the exact average sum/n, and the delivered messages, sizes, volume, "
              "busiest-node traffic and rounds equal the solver's values")
    if reduced:
        detail += "; data moved with a smaller p of the same chunk structure: " + \
            ", ".join(reduced[:3])
    return Check("exact simulator", "passed", detail, 0.0, runtime,
                 compared="final buffers vs exact sum")


def spec_seed(spec: CommunicationSpec) -> int:
    return sum(map(ord, spec.label)) * 101


def given_cells_check(spec: CommunicationSpec, solution: PartSolution) -> Check:
    """Each given cell's verdict must agree with the schedule counts on a grid."""
    from optiproof.families.communication.schedules import build_schedule, count_schedule

    start = time.perf_counter()
    facts = solution.facts
    ev = _Evaluator(facts)
    points = ev.time_points()
    inst_n, inst_p, inst_k = (facts.instance[x] for x in ("n", "p", "k"))
    if not spec.uses_servers:
        inst_k = 1
    disagreements, lines = [], []
    for scheme, quantity, expr, confirmed in facts.given:
        matches = True
        witness = ""
        for inst in instances(scheme, inst_n, inst_p, inst_k, max_n=32, p_multiples=(1, 5)):
            counts = count_schedule(build_schedule(scheme, inst.n, inst.p, inst.k))
            for alpha, bw in (points if quantity in TIMES else points[:1]):
                want = counted(counts, quantity, inst.n, inst.p, spec.bytes_per_element,
                                alpha, bw)
                got = ev.at(expr, inst, alpha, bw)
                if got != want:
                    matches = False
                    witness = f"n={inst.n}, p={inst.p}: given {got}, schedule {want}"
                    break
            if not matches:
                break
        verdict = "confirmed" if confirmed else "flagged"
        lines.append(f"{scheme} {quantity}: {verdict}"
                     + ("" if matches else f" (schedule differs at {witness})"))
        if matches != confirmed:
            disagreements.append(f"{scheme} {quantity}: solver says {verdict} but the schedule "
                                 + ("agrees with it everywhere" if matches else
                                    f"differs at {witness}"))
    runtime = time.perf_counter() - start
    if disagreements:
        return Check("given cells vs schedules", "failed", "; ".join(disagreements), None,
                     runtime)
    return Check("given cells vs schedules", "passed",
                 "every verdict agrees with the schedule counts: " + "; ".join(lines), 0.0,
                 runtime, compared="given value vs counted value")


def gloo_jobs(spec: CommunicationSpec, solution: PartSolution) -> tuple[list[Any], Instance,
                                                                          str]:
    """The jobs of the real run, its instance, and a note when the instance is a stand-in."""
    from optiproof.families.communication.gloo import (
        MAX_ELEMENTS_PER_RANK,
        MAX_PROCESSES,
        MAX_WORKERS,
        COMMAND_BASELINE_MB,
        PROCESS_BASELINE_MB,
        RUN_MEMORY_BUDGET_MB,
        GlooJob,
        largest_n,
        run_memory_mb,
    )

    phases = [s for s in spec.schemes if s in S.RING_PHASES]
    if phases:
        raise BadInput(f"{phases[0]} is one phase of the ring all-reduce; the gloo engine runs "
                       "whole collectives and counts no phase on its own", field="schemes",
                       expected="the sim engine for a phase of the ring")
    facts = solution.facts
    inst_n, inst_p, inst_k = (facts.instance[x] for x in ("n", "p", "k"))
    note = ""
    n = inst_n
    if n is None:
        # a stand-in n small enough that the ranks, servers included, fit the memory budget
        k_guess = (inst_k if inst_k is not None else 2) if spec.uses_servers else 1
        servers = k_guess if spec.uses_servers else int(S.PARAMETER_SERVER.key in spec.schemes)
        n = max(2, min(GLOO_SYMBOLIC_N, (RUN_MEMORY_BUDGET_MB - COMMAND_BASELINE_MB)
                       // PROCESS_BASELINE_MB - servers))
        note = f"n is symbolic: run with n = {n}"
    if n > MAX_WORKERS:
        raise BadInput(f"n = {n} workers is more than the {MAX_WORKERS} real processes "
                       "the gloo engine starts", field="n", expected="n <= 16 with --engine "
                                                                     "gloo, or the sim engine")
    k = (inst_k if inst_k is not None else 2) if spec.uses_servers else 1
    if spec.uses_servers and inst_k is None:
        note += ("; " if note else "") + "k is symbolic: run with k = 2"
    p = inst_p
    if p is None:
        from math import lcm

        p = lcm(n, k) * GLOO_SYMBOLIC_P_CHUNK
        note += ("; " if note else "") + f"p is symbolic: run with p = {p}"
    if p > MAX_ELEMENTS_PER_RANK:
        raise BadInput(f"p = {p} elements per process is more than the gloo engine moves "
                       f"({MAX_ELEMENTS_PER_RANK})", field="p",
                       expected="a smaller p with --engine gloo, or the sim engine")
    jobs = [GlooJob(s, n, p, k if s == S.SHARDED_PS.key else 1)
            for s in spec.schemes]
    world = max(j.nodes for j in jobs)
    if world > MAX_PROCESSES:
        raise BadInput(f"{world} processes (workers plus servers) exceed the gloo limit of "
                       f"{MAX_PROCESSES}", field="servers")
    need = run_memory_mb(jobs)
    if need > RUN_MEMORY_BUDGET_MB:
        most = largest_n(jobs)
        fits = (f"with p = {p}, the gloo engine runs at most n = {most} workers here"
                if most >= 2 else f"p = {p} is too large for any n")
        raise BadInput(f"the real run of {world} processes (each imports torch: about "
                       f"{PROCESS_BASELINE_MB} MB apiece) would need about {need:,} MB of "
                       f"memory, over the {RUN_MEMORY_BUDGET_MB:,} MB budget of one input; "
                       f"{fits}", field="n" if most >= 2 else "p",
                       expected=(f"n <= {most} with --engine gloo" if most >= 2 else
                                 "a smaller p with --engine gloo")
                       + ", or the default simulator engine (--engine sim) for larger runs")
    return jobs, Instance(n, p, k), note


def gloo_check(spec: CommunicationSpec, solution: PartSolution, jobs: list[Any],
               inst: Instance, note: str, options: SolveOptions) -> Check:
    """Real processes: counts must equal the solver's exactly; the average must match
    ``dist.all_reduce`` to float32 tolerance."""
    from optiproof.families.communication.gloo import GlooRunError, run_gloo

    start = time.perf_counter()
    try:
        results = run_gloo(jobs, seed=options.seed, timeout_s=GLOO_TIMEOUT_S,
                           progress=options.progress)
    except GlooRunError as err:
        status = "inconclusive" if err.stage == "start" else "failed"
        return Check("torch.distributed (gloo) run", status,
                     f"{err}" + (" - the processes could not start, so nothing was verified"
                                 if status == "inconclusive" else ""),
                     None, time.perf_counter() - start)
    facts = solution.facts
    ev = _Evaluator(facts)
    alpha, bw = ev.time_points()[0]
    problems, worst, lines = [], 0.0, []
    for r in results:
        formulas = facts.costs[r.job.scheme]
        inst_j = Instance(r.job.n, r.job.p, r.job.servers)
        measured = {"messages": r.messages, "total-volume": r.elements,
                    "message-size": r.size_max, "message-size-min": r.size_min,
                    "busiest-sent": r.busiest_sent, "busiest-received": r.busiest_received,
                    "rounds": r.rounds}
        for quantity, value in measured.items():
            want = ev.at(formulas[quantity], inst_j, alpha, bw)
            if want != value:
                problems.append(f"{r.job.scheme}: measured {quantity} {value}, formula {want}")
        tol = 1e-5 * max(1.0, r.scale) * r.job.n
        worst = max(worst, r.max_abs_error)
        if r.max_abs_error > tol:
            problems.append(f"{r.job.scheme}: |average - all_reduce/n| = "
                            f"{r.max_abs_error:.2e} > {tol:.1e}")
        lines.append(f"{r.job.scheme}: {r.messages} messages, {r.elements} elements, "
                     f"max |error| {r.max_abs_error:.1e}")
    runtime = time.perf_counter() - start
    head = (f"{max(j.nodes for j in jobs)} processes on 127.0.0.1, n = {inst.n}, "
            f"p = {inst.p}" + (f" ({note})" if note else ""))
    if problems:
        return Check("torch.distributed (gloo) run", "failed",
                     head + ": " + "; ".join(problems[:4]), worst, runtime,
                     compared="measured counts vs formulas; average vs dist.all_reduce")
    return Check("torch.distributed (gloo) run", "passed",
                 head + ": counts equal the formulas exactly and the averages match "
                 "dist.all_reduce to float32 tolerance; " + "; ".join(lines), worst, runtime,
                 compared="measured counts vs formulas; average vs dist.all_reduce")


def faster_check(spec: CommunicationSpec, solution: PartSolution) -> Check:
    """The scheme answered as faster must have the least time counted from the schedules at the
    problem's instance (latency and bandwidth as given)."""
    from optiproof.families.communication.schedules import build_schedule, count_schedule

    start = time.perf_counter()
    facts = solution.facts
    inst = _instance_of(spec, facts)
    answer = next(a for a in solution.answers if a.quantity == "faster")
    if inst is None and spec.faster_for and facts.instance["n"] is not None:
        return _faster_for_sizes_check(spec, facts, answer, start)
    if inst is None:
        return Check("faster scheme vs schedule times", "inconclusive", "n or p is symbolic",
                     None, time.perf_counter() - start)
    alpha, bw = _Evaluator(facts).time_points()[0]
    times = {}
    for scheme in spec.schemes:
        counts = count_schedule(build_schedule(scheme, inst.n, inst.p, inst.k))
        times[scheme] = counted(counts, "time", inst.n, inst.p, spec.bytes_per_element, alpha,
                                bw)
    best = min(times, key=lambda s: times[s])
    listed = ", ".join(f"{s} {float(t):.6g} s" for s, t in times.items())
    runtime = time.perf_counter() - start
    if best != answer.expr.key or list(times.values()).count(times[best]) > 1:
        return Check("faster scheme vs schedule times", "failed", f"schedule times: {listed}; "
                     f"answered {answer.expr.key}", None, runtime)
    return Check("faster scheme vs schedule times", "passed", f"schedule times at the "
                 f"problem's instance: {listed}: {best} is the least", 0.0, runtime,
                 compared="least counted time vs the answer")


def _faster_for_sizes_check(spec: CommunicationSpec, facts: CommunicationFacts, answer: Any,
                            start: float) -> Check:
    """The scheme answered as faster for large (small) p: each scheme's time counted from its
    schedule at two sizes p1 < p2 (multiples of n and 2^10) is a + b·p; the answer must have the
    least slope b (for large p) or the least a (for small p)."""
    from optiproof.families.communication.schedules import build_schedule, count_schedule

    n = facts.instance["n"]
    k = facts.instance["k"] if spec.uses_servers and facts.instance["k"] is not None else 1
    alpha, bw = _Evaluator(facts).time_points()[0]
    p1 = n * k * 1024
    p2 = 2 * p1
    lines = {}
    for scheme in spec.schemes:
        t1, t2 = (counted(count_schedule(build_schedule(scheme, n, q, k)), "time", n, q,
                          spec.bytes_per_element, alpha, bw) for q in (p1, p2))
        slope = (t2 - t1) / (p2 - p1)
        lines[scheme] = (t1 - slope * p1, slope)
    key = (lambda s: lines[s][1]) if spec.faster_for == "large" else (lambda s: lines[s][0])
    best = min(lines, key=key)
    listed = ", ".join(f"{s} {float(a):.6g} + {float(b):.6g}·p s" for s, (a, b) in lines.items())
    runtime = time.perf_counter() - start
    if best != answer.expr.key or [key(s) for s in lines].count(key(best)) > 1:
        return Check("faster scheme vs schedule times", "failed", f"schedule times: {listed}; "
                     f"answered {answer.expr.key}", None, runtime)
    return Check("faster scheme vs schedule times", "passed", f"schedule times counted at p = "
                 f"{p1} and {p2}: {listed}: {best} is the least for {spec.faster_for} p", 0.0,
                 runtime, compared="least counted time for large/small p vs the answer")


_TORCH_DTYPES = {"float32": "float32", "float16": "float16", "bfloat16": "bfloat16",
                 "float64": "float64", "int8": "int8", "int32": "int32", "byte": "uint8"}
"""The torch element type of each element type a spec names (a size in bytes: uint8)."""


def gradient_size_check(spec: CommunicationSpec, solution: PartSolution) -> Check:
    """The size of one full gradient against torch: a tensor of the element type reports its
    bytes per element (never the spec's table), times the p entries, at the problem's p or, p a
    symbol, at several p."""
    import sympy as sp
    import torch

    start = time.perf_counter()
    facts = solution.facts
    per = torch.empty(0, dtype=getattr(torch, _TORCH_DTYPES[spec.dtype])).element_size()
    p_sym = facts.symbols.p
    values = [facts.instance["p"]] if facts.instance.get("p") else [1, 3, 1000]
    problems, compared = [], 0
    for answer in (a for a in solution.answers if a.quantity == "gradient-bytes"):
        for p in values:
            got = sp.sympify(answer.expr).subs(facts.subs).subs(p_sym, p)
            compared += 1
            if got != p * per:
                problems.append(f"p = {p}: answered {got}, torch {p} x {per} = {p * per} bytes")
    runtime = time.perf_counter() - start
    if problems:
        return Check("gradient size vs torch element size", "failed", "; ".join(problems),
                     None, runtime, compared="bytes of one full gradient")
    return Check("gradient size vs torch element size", "passed",
                 f"a torch {_TORCH_DTYPES[spec.dtype]} element takes {per} bytes; {compared} "
                 f"value{'s' if compared != 1 else ''} of p x {per} equal the answers exactly",
                 0.0, runtime, compared="bytes of one full gradient")


def witnesses(spec: CommunicationSpec, solution: PartSolution,
              options: SolveOptions) -> list[tuple[str, Callable[[], Check]]]:
    """The witnesses to run (the pipeline runs each under run_witness); with no scheme (only
    the size of one full gradient asked) there is no schedule to count or run."""
    out: list[tuple[str, Callable[[], Check]]] = [
        ("message-schedule counts", lambda: schedule_count_check(spec, solution)),
        ("exact simulator", lambda: simulator_check(spec, solution)),
    ] if spec.schemes else []
    if any(a.quantity == "gradient-bytes" for a in solution.answers):
        out.append(("gradient size vs torch element size",
                    lambda: gradient_size_check(spec, solution)))
    if solution.facts.given:
        out.append(("given cells vs schedules", lambda: given_cells_check(spec, solution)))
    if any(a.quantity == "faster" for a in solution.answers):
        out.append(("faster scheme vs schedule times", lambda: faster_check(spec, solution)))
    if options.engine == "gloo" and spec.schemes:
        jobs, inst, note = gloo_jobs(spec, solution)  # BadInput here: exit 2, nothing started
        out.append(("torch.distributed (gloo) run",
                    lambda: gloo_check(spec, solution, jobs, inst, note, options)))
    return out
