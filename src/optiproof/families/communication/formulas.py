"""SymPy cost formulas of each scheme, derived from its phase structure (not from its schedule).

Each scheme is described by its phases: how many rounds, how many messages per round, the size
of each message (possibly depending on the round index j) and how many messages pass through the
busiest node's link per round. Totals follow by summation:

    messages = sum over phases of rounds * messages_per_round
    volume   = sum over phases of sum_j messages_per_round * size(j)
    time     = sum over phases of sum_j port_messages * (alpha + bytes * size(j) / B)

The busiest node's traffic is stated per scheme (which node it is and why). These are the
formulas the solver shows; the witnesses count the same quantities from the message schedules
(schedules.py), which never import this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from optiproof.catalogue import schemes as S


class Log2(sp.Function):
    """log_2(n), printed ``\\log_{2} n``; exact integer for powers of two; reads back as log(n, 2)."""

    is_real = True
    is_positive = True

    @classmethod
    def eval(cls, x: Any) -> Any:
        if x.is_Integer and x > 0 and int(x) & (int(x) - 1) == 0:
            return sp.Integer(int(x).bit_length() - 1)
        return None

    def _latex(self, printer: Any, exp: Any = None) -> str:
        arg = self.args[0]
        body = printer._print(arg)
        s = rf"\log_{{2}} {body}" if arg.is_Symbol else rf"\log_{{2}}\left({body}\right)"
        return s if exp is None else rf"\left({s}\right)^{{{exp}}}"

    def _sympystr(self, printer: Any) -> str:
        return f"log({printer._print(self.args[0])}, 2)"

    def _eval_evalf(self, prec: int) -> Any:
        return (sp.log(self.args[0]) / sp.log(2)).evalf(prec)

    def _eval_rewrite_as_log(self, x: Any, **kwargs: Any) -> Any:
        return sp.log(x) / sp.log(2)


class CeilLog2(sp.Function):
    """ceil(log_2 n), the depth of a binomial tree on n nodes; exact integer for integer n."""

    is_integer = True
    is_positive = True

    @classmethod
    def eval(cls, x: Any) -> Any:
        if x.is_Integer and x > 0:
            return sp.Integer((int(x) - 1).bit_length())
        return None

    def _latex(self, printer: Any, exp: Any = None) -> str:
        arg = self.args[0]
        body = printer._print(arg)
        s = (rf"\lceil \log_{{2}} {body} \rceil" if arg.is_Symbol
             else rf"\left\lceil \log_{{2}}\left({body}\right) \right\rceil")
        return s if exp is None else rf"\left({s}\right)^{{{exp}}}"

    def _sympystr(self, printer: Any) -> str:
        return f"ceiling(log({printer._print(self.args[0])}, 2))"

    def _eval_evalf(self, prec: int) -> Any:
        return sp.ceiling(sp.log(self.args[0]) / sp.log(2)).evalf(prec)

    def _eval_rewrite_as_log(self, x: Any, **kwargs: Any) -> Any:
        return sp.ceiling(sp.log(x) / sp.log(2))


@dataclass(frozen=True)
class CostSymbols:
    """The symbols formulas are written in (names as in the problem)."""

    n: sp.Symbol
    p: sp.Symbol
    k: sp.Symbol
    alpha: sp.Symbol
    B: sp.Symbol
    bytes_per_element: int
    j: sp.Symbol = field(default_factory=lambda: sp.Symbol("j", positive=True, integer=True))
    L: sp.Symbol = field(default_factory=lambda: sp.Symbol("L", positive=True, integer=True))

    @classmethod
    def named(cls, n: str = "n", p: str = "p", k: str = "k", alpha: str = "alpha",
              B: str = "B", bytes_per_element: int = 4) -> "CostSymbols":
        integer = {"positive": True, "integer": True}
        return cls(sp.Symbol(n, **integer), sp.Symbol(p, **integer), sp.Symbol(k, **integer),
                   sp.Symbol(alpha, positive=True), sp.Symbol(B, positive=True),
                   bytes_per_element)


@dataclass(frozen=True)
class Phase:
    """A phase of a scheme: ``rounds`` rounds of ``messages_per_round`` messages of ``size``.

    ``size`` may depend on the round index ``j`` (1-based); ``port_messages`` is the number of
    messages through the busiest node's link in one round (all of the same size).
    """

    name: str
    rounds: Any
    messages_per_round: Any
    size: Any
    port_messages: Any = sp.Integer(1)
    size_decreasing: bool = False
    total_messages: Any = None
    """Messages of the whole phase when rounds differ in their message count (the tree)."""

    @property
    def messages(self) -> Any:
        if self.total_messages is not None:
            return self.total_messages
        return self.rounds * self.messages_per_round


@dataclass
class SchemeCosts:
    """Every quantity of one scheme, as SymPy expressions in the problem's symbols."""

    scheme: str
    title: str
    tag: str
    phases: tuple[Phase, ...]
    busiest_sent: Any
    busiest_received: Any
    busiest_who: str
    assumptions: tuple[str, ...] = ()
    worker: tuple[Any, Any] | None = None
    """(sent, received) elements of every worker, when all workers do the same; else None."""
    server: tuple[Any, Any] | None = None
    """(sent, received) elements of every server node (parameter-server schemes); else None."""
    values: dict[str, Any] = field(default_factory=dict)
    latency_rounds: Any = None
    bandwidth_elements: Any = None
    size_min: Any = None

    def value(self, quantity: str) -> Any:
        return self.values[quantity]

    @property
    def sizes_vary(self) -> bool:
        return sp.simplify(self.values["message-size"] - self.size_min) != 0


def bandwidth_lower_bound(s: CostSymbols) -> Any:
    """Elements each node must send (and receive) in an all-reduce among n peers: 2(n-1)p/n."""
    return sp.factor(2 * (s.n - 1) * s.p / s.n)


def _finish(expr: Any, s: CostSymbols) -> Any:
    """Eliminate the helper L = log2 n, then tidy (factor polynomials)."""
    expr = sp.sympify(expr)
    if expr.has(s.L):
        expr = sp.simplify(expr.subs(s.L, sp.log(s.n) / sp.log(2)))
        expr = sp.simplify(expr.subs(sp.log(s.n), sp.log(2) * Log2(s.n)))
    if expr.has(Log2, CeilLog2, sp.Max, sp.Min, sp.ceiling, sp.floor):
        return sp.factor_terms(sp.simplify(expr))
    return sp.factor(sp.simplify(expr))


def _totals(c: SchemeCosts, s: CostSymbols) -> SchemeCosts:
    """Sum the phases into totals (messages, sizes, volume, rounds, time, ratio)."""
    j, b = s.j, s.bytes_per_element
    messages = sum((ph.messages for ph in c.phases), sp.Integer(0))
    volume = sum((ph.messages * ph.size if ph.total_messages is not None else
                   sp.summation(ph.messages_per_round * ph.size, (j, 1, ph.rounds))
                   for ph in c.phases), sp.Integer(0))
    rounds = sum((ph.rounds for ph in c.phases), sp.Integer(0))
    latency = sum((ph.rounds * ph.port_messages for ph in c.phases), sp.Integer(0))
    port_elements = sum((sp.summation(ph.port_messages * ph.size, (j, 1, ph.rounds))
                         for ph in c.phases), sp.Integer(0))
    biggest = [ph.size.subs(j, 1) if ph.size_decreasing else ph.size for ph in c.phases]
    smallest = [ph.size.subs(j, ph.rounds) if ph.size_decreasing else ph.size
                for ph in c.phases]
    size_max = _finish(sp.Max(*biggest), s)
    c.size_min = _finish(sp.Min(*smallest), s)
    latency, port_elements = _finish(latency, s), _finish(port_elements, s)
    c.latency_rounds, c.bandwidth_elements = latency, port_elements
    busiest = sp.Max(c.busiest_sent, c.busiest_received)
    c.values = {
        "messages": _finish(messages, s),
        "message-size": size_max,
        "message-bytes": _finish(b * size_max, s),
        "total-volume": _finish(volume, s),
        "busiest-sent": _finish(c.busiest_sent, s),
        "busiest-received": _finish(c.busiest_received, s),
        "busiest-bytes-sent": _finish(b * c.busiest_sent, s),
        "busiest-bytes-received": _finish(b * c.busiest_received, s),
        # the node that sends most also receives most, in every scheme here (the witness
        # counts the largest sent + received of one node on the schedule)
        "busiest-traffic": _finish(c.busiest_sent + c.busiest_received, s),
        "rounds": _finish(rounds, s),
        "time": latency * s.alpha + _finish(b * port_elements, s) / s.B,
        "latency-time": latency * s.alpha,
        "bandwidth-ratio": _finish(busiest / bandwidth_lower_bound(s), s),
        "total-bytes": _finish(b * volume, s),
    }
    if c.worker is not None and c.scheme in WORKER_MESSAGES:
        c.values["messages-per-worker"] = _finish(WORKER_MESSAGES[c.scheme](s), s)
    for prefix, pair in (("", c.worker), ("server-", c.server)):
        if pair is None:
            continue
        sent, received = (_finish(x, s) for x in pair)
        for key, value in (("values-sent", sent), ("values-received", received),
                           ("sent-plus-received", sent + received)):
            c.values[prefix + key] = _finish(value, s)
            c.values[prefix + PER_NODE_BYTES[key]] = _finish(b * value, s)
    return c


WORKER_MESSAGES = {
    S.ALL_TO_ALL.key: lambda s: s.n - 1,             # one to each other worker
    S.PARAMETER_SERVER.key: lambda s: sp.Integer(1),  # the push
    S.SHARDED_PS.key: lambda s: s.k,                  # one push per shard
    S.RING.key: lambda s: 2 * (s.n - 1),              # one chunk per step, both phases
    S.RECURSIVE_DOUBLING.key: lambda s: s.L,          # one exchange per round
    S.RABENSEIFNER.key: lambda s: 2 * s.L,            # halving rounds, then doubling rounds
    S.RING_REDUCE_SCATTER.key: lambda s: s.n - 1,     # one chunk per step of the phase
    S.RING_ALL_GATHER.key: lambda s: s.n - 1,
}
"""Messages one worker sends, in the schemes where every worker sends as many."""
PER_NODE_BYTES = {"values-sent": "bytes-sent", "values-received": "bytes-received",
                  "sent-plus-received": "bytes-sent-plus-received"}
"""A per-node count in elements -> the same in bytes (keys without the ``server-`` prefix)."""


def all_to_all_costs(s: CostSymbols) -> SchemeCosts:
    """One round; each worker sends its whole gradient (p) to each of the other n - 1."""
    n, p = s.n, s.p
    c = SchemeCosts(S.ALL_TO_ALL.key, S.ALL_TO_ALL.name, r"\text{a2a}",
                    (Phase("exchange", sp.Integer(1), n * (n - 1), p, port_messages=n - 1),),
                    (n - 1) * p, (n - 1) * p, "every worker (all are alike)",
                    worker=((n - 1) * p, (n - 1) * p))
    return _totals(c, s)


def parameter_server_costs(s: CostSymbols, sharded: bool = False) -> SchemeCosts:
    """Push then pull; with k shards each worker exchanges p/k elements with each server."""
    n, p = s.n, s.p
    k = s.k if sharded else sp.Integer(1)
    port = n if not sharded else sp.Max(n, k)
    phases = (Phase("push", sp.Integer(1), n * k, p / k, port_messages=port),
              Phase("pull", sp.Integer(1), n * k, p / k, port_messages=port))
    if sharded:
        busiest = p * sp.Max(1, n / k)
        who = "a server (n p/k elements) or a worker (p elements), whichever is larger"
        assumptions = ("p divisible by k (each of the k servers owns a shard of p/k elements)",)
        c = SchemeCosts(S.SHARDED_PS.key, S.SHARDED_PS.name,
                        r"\text{PS}_{k}", phases, busiest, busiest, who, assumptions,
                        worker=(p, p), server=(n * p / k, n * p / k))
    else:
        c = SchemeCosts(S.PARAMETER_SERVER.key, S.PARAMETER_SERVER.name, r"\text{PS}", phases,
                        n * p, n * p, "the server (it receives and sends n full vectors)",
                        worker=(p, p), server=(n * p, n * p))
    return _totals(c, s)


def ring_allreduce_costs(s: CostSymbols) -> SchemeCosts:
    """n - 1 reduce-scatter rounds then n - 1 all-gather rounds of n chunk messages (p/n)."""
    n, p = s.n, s.p
    phases = (Phase("reduce-scatter", n - 1, n, p / n), Phase("all-gather", n - 1, n, p / n))
    per_node = 2 * (n - 1) * p / n
    c = SchemeCosts(S.RING.key, S.RING.name, r"\text{ring}", phases, per_node, per_node,
                    "every worker (all are alike)",
                    ("p divisible by n (n chunks of p/n elements)",),
                    worker=(per_node, per_node))
    return _totals(c, s)


def ring_phase_costs(s: CostSymbols, phase: str) -> SchemeCosts:
    """One phase of the ring all-reduce (reduce-scatter or all-gather) on its own: n - 1
    rounds in which every worker sends one chunk of p/n to its right neighbour, so n(n - 1)
    messages and (n - 1) p/n elements sent (and received) by each worker. The all-reduce's
    bandwidth bound does not apply to half of it, so no ratio is given."""
    whole = ring_allreduce_costs(s)
    ph = next((x for x in whole.phases if x.name == phase), None)
    if ph is None:
        raise ValueError(f"the ring all-reduce has no {phase!r} phase")
    n, p = s.n, s.p
    per_node = (n - 1) * p / n
    key = next((k for k, v in S.RING_PHASES.items() if v == phase), f"{S.RING.key}/{phase}")
    tag = r"\text{ring-RS}" if phase == "reduce-scatter" else r"\text{ring-AG}"
    c = SchemeCosts(key, f"{phase} phase of the {S.RING.name}", tag, (ph,), per_node, per_node,
                    "every worker (all are alike)", whole.assumptions,
                    worker=(per_node, per_node))
    c = _totals(c, s)
    del c.values["bandwidth-ratio"]
    return c


def ring_allreduce_uneven_costs(s: CostSymbols, n_value: int, p_value: int) -> SchemeCosts:
    """Ring all-reduce when n does not divide p: chunk sizes floor/ceil(p/n), the first
    p mod n chunks being the larger. Worker i sends every chunk except i+1 (reduce-scatter) and
    except i+2 (all-gather), so its traffic is 2p minus two cyclically adjacent chunks. The
    smallest adjacent pair is two floor(p/n) chunks, or one of each when p mod n = n - 1, that
    is floor(p/n) + floor((p+1)/n): an expression in p, right at every p, not only this one."""
    n, p = s.n, s.p
    big, small = sp.ceiling(p / n), sp.floor(p / n)
    per_node = 2 * p - small - sp.floor((p + 1) / n)
    phases = (Phase("reduce-scatter", n - 1, n, big), Phase("all-gather", n - 1, n, big))
    c = SchemeCosts(S.RING.key, f"{S.RING.name} (uneven chunks)", r"\text{ring}",
                    phases, per_node, per_node,
                    "the worker whose two skipped chunks are the smallest adjacent pair",
                    (f"uneven chunks: {p_value % n_value} of $\\lceil p/n \\rceil$ and "
                     f"{n_value - p_value % n_value} of $\\lfloor p/n \\rfloor$ elements",))
    c = _totals(c, s)
    c.size_min = small
    c.values["total-volume"] = 2 * (n - 1) * p
    c.values["total-bytes"] = s.bytes_per_element * c.values["total-volume"]
    del c.values["busiest-traffic"]  # the worker sending most need not be the one receiving most
    return c


def tree_allreduce_costs(s: CostSymbols) -> SchemeCosts:
    """Binomial tree: ceil(log2 n) reduce rounds then as many broadcast rounds; n - 1 full
    messages each way; the root receives (then sends) one full vector per round."""
    n, p = s.n, s.p
    depth = CeilLog2(n)
    phases = (Phase("reduce", depth, None, p, total_messages=n - 1),
              Phase("broadcast", depth, None, p, total_messages=n - 1))
    c = SchemeCosts(S.TREE.key, S.TREE.name, r"\text{tree}",
                    phases, depth * p, depth * p, "the root (one full vector per round)")
    return _totals(c, s)


def recursive_doubling_costs(s: CostSymbols) -> SchemeCosts:
    """log2 n rounds; in each, every worker swaps its whole partial sum with one partner."""
    n, p = s.n, s.p
    phases = (Phase("exchange", s.L, n, p),)
    c = SchemeCosts(S.RECURSIVE_DOUBLING.key, S.RECURSIVE_DOUBLING.name, r"\text{RD}", phases,
                    s.L * p, s.L * p, "every worker (all are alike)",
                    ("n a power of two (partners differ in one bit of the rank)",),
                    worker=(s.L * p, s.L * p))
    return _totals(c, s)


def rabenseifner_costs(s: CostSymbols) -> SchemeCosts:
    """Recursive halving (messages p/2, p/4, ..., p/n) then recursive doubling (p/n, ..., p/2)."""
    n, p, j = s.n, s.p, s.j
    phases = (Phase("reduce-scatter", s.L, n, p / 2**j, size_decreasing=True),
              Phase("all-gather", s.L, n, p / 2**j, size_decreasing=True))
    per_node = sum((sp.summation(ph.size, (j, 1, ph.rounds)) for ph in phases), sp.Integer(0))
    c = SchemeCosts(S.RABENSEIFNER.key, S.RABENSEIFNER.name,
                    r"\text{Rab}", phases, per_node, per_node, "every worker (all are alike)",
                    ("n a power of two", "p divisible by n"), worker=(per_node, per_node))
    return _totals(c, s)


def scheme_costs(scheme: str, s: CostSymbols) -> SchemeCosts:
    """The costs of ``scheme`` in the symbols ``s``."""
    return {
        S.ALL_TO_ALL.key: all_to_all_costs,
        S.PARAMETER_SERVER.key: parameter_server_costs,
        S.SHARDED_PS.key: lambda x: parameter_server_costs(x, sharded=True),
        S.RING.key: ring_allreduce_costs,
        S.TREE.key: tree_allreduce_costs,
        S.RECURSIVE_DOUBLING.key: recursive_doubling_costs,
        S.RABENSEIFNER.key: rabenseifner_costs,
        S.RING_REDUCE_SCATTER.key: lambda x: ring_phase_costs(x, "reduce-scatter"),
        S.RING_ALL_GATHER.key: lambda x: ring_phase_costs(x, "all-gather"),
    }[scheme](s)
