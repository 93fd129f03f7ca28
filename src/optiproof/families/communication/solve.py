"""Solve a communication part: count each scheme's messages, sizes, load, rounds and time.

One part answers the whole table: a derivation step per scheme (why its messages and sizes are
what they are), one answer per table cell, the given cells confirmed or flagged, and the ring
all-reduce diagram when the ring is among the schemes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from optiproof.catalogue import SCHEMES
from optiproof.catalogue import quantities as Q
from optiproof.catalogue.schemes import (ALL_TO_ALL, PARAMETER_SERVER, RABENSEIFNER,
                                         RECURSIVE_DOUBLING, RING, RING_PHASES, SHARDED_PS,
                                         TREE)
from optiproof.core.errors import BadInput
from optiproof.core.exact import Name, exact_rational, to_latex
from optiproof.core.fields import formula_value
from optiproof.core.solution import (
    Analysis,
    Answer,
    Equation,
    PartSolution,
    Step,
    Tex,
    Variable,
)
from optiproof.families.base import identification
from optiproof.families.communication.facts import CommunicationFacts
from optiproof.families.communication.family import IN_BYTES, KEY
from optiproof.families.communication.formulas import (
    CostSymbols,
    SchemeCosts,
    bandwidth_lower_bound,
    ring_allreduce_uneven_costs,
    scheme_costs,
)
from optiproof.families.communication.given import Verdict, compare, parse_formula
from optiproof.families.communication.instances import instances
from optiproof.families.communication.spec import CommunicationSpec, uneven_split

QUANTITY_WORDS = {
    "messages": "number of messages",
    "message-size": "size of each message (elements)",
    "message-bytes": "size of each message (bytes)",
    "total-volume": "total volume (elements)",
    "busiest-sent": "most elements sent by one node",
    "busiest-received": "most elements received by one node",
    "busiest-traffic": "most elements sent plus received by one node",
    "busiest-bytes-sent": "most bytes sent by one node",
    "busiest-bytes-received": "most bytes received by one node",
    "messages-per-worker": "messages sent by one worker",
    "rounds": "sequential rounds",
    "time": "alpha-beta time",
    "latency-time": "latency part of the time (bandwidth terms dropped)",
    "bandwidth-ratio": "ratio to the all-reduce bandwidth lower bound",
    "total-bytes": "total bytes over the network",
    "values-sent": "elements sent by one worker",
    "values-received": "elements received by one worker",
    "sent-plus-received": "elements sent plus received by one worker",
    "bytes-sent": "bytes sent by one worker",
    "bytes-received": "bytes received by one worker",
    "server-values-sent": "elements sent by one server",
    "server-values-received": "elements received by one server",
    "server-sent-plus-received": "elements sent plus received by one server",
    "server-bytes-sent": "bytes sent by one server",
    "server-bytes-received": "bytes received by one server",
    "bytes-sent-plus-received": "bytes sent plus received by one worker",
    "server-bytes-sent-plus-received": "bytes sent plus received by one server",
    "holds-sum": "every worker ends with the full sum",
    "faster": "the faster scheme",
}
QUANTITY_SYMBOL = {
    "messages": "M", "message-size": "S", "message-bytes": r"S^{\text{bytes}}",
    "total-volume": "V", "busiest-sent": r"D^{\text{out}}", "busiest-received": r"D^{\text{in}}",
    "busiest-traffic": r"D^{\text{out+in}}",
    "busiest-bytes-sent": r"D^{\text{out, bytes}}", "busiest-bytes-received": r"D^{\text{in, bytes}}",
    "messages-per-worker": r"M^{\text{out}}",
    "rounds": "R", "time": "T", "latency-time": r"T^{\alpha}", "bandwidth-ratio": r"\rho",
    "total-bytes": r"V^{\text{bytes}}", "values-sent": r"W^{\text{out}}",
    "values-received": r"W^{\text{in}}", "sent-plus-received": r"W^{\text{out+in}}",
    "bytes-sent": r"W^{\text{out, bytes}}", "bytes-received": r"W^{\text{in, bytes}}",
    "server-values-sent": r"Z^{\text{out}}", "server-values-received": r"Z^{\text{in}}",
    "server-sent-plus-received": r"Z^{\text{out+in}}",
    "server-bytes-sent": r"Z^{\text{out, bytes}}", "server-bytes-received": r"Z^{\text{in, bytes}}",
    "bytes-sent-plus-received": r"W^{\text{out+in, bytes}}",
    "server-bytes-sent-plus-received": r"Z^{\text{out+in, bytes}}",
}


NODE_WORDS = {
    "values-sent": "Every worker sends the same number of elements; one worker's total over "
                   "the whole step is the sum of the sizes of its messages.",
    "values-received": "Every worker receives the same number of elements; one worker's total "
                       "over the whole step is the sum of the sizes of the messages it gets.",
    "sent-plus-received": "One worker's traffic counts what it sends and what it receives.",
    "server-values-sent": "Each server node sends the same number of elements (the pulls).",
    "server-values-received": "Each server node receives the same number of elements (the "
                              "pushes).",
    "server-sent-plus-received": "One server node's traffic counts what it receives (the "
                                 "pushes) and what it sends (the pulls).",
}
"""Why a per-node quantity is what it is, shown beside its formula."""


@dataclass
class Context:
    """Symbols of the problem and the substitution of the values it fixes."""

    spec: CommunicationSpec
    sym: CostSymbols
    subs: dict[Any, Any]

    @classmethod
    def of(cls, spec: CommunicationSpec) -> "Context":
        """Symbols named as in the problem; its numbers, and its formulas for alpha or the
        bandwidth (read by the one math parser), substituted at the end."""
        given = spec.symbol_names()
        taken = set(given.values())   # a count given as a number keeps a name no letter of the
        names = {f: given.get(f) or next(d for d in defaults if d not in taken)   # text takes
                 for f, defaults in (("n", ("n", "N", "n_w")), ("p", ("p", "P", "p_g")),
                                     ("servers", ("k", "K", "k_s")), ("alpha", ("alpha", "alpha_0")),
                                     ("bandwidth", ("B", "B_w")))}
        sym = CostSymbols.named(names["n"], names["p"], names["servers"], names["alpha"],
                                names["bandwidth"], spec.bytes_per_element)
        subs: dict[Any, Any] = {}
        for field, s in (("n", sym.n), ("p", sym.p), ("servers", sym.k)):
            v = getattr(spec, field)
            if isinstance(v, int):
                subs[s] = sp.Integer(v)
        formulas = spec.formulas()
        for field, s in (("alpha", sym.alpha), ("bandwidth", sym.B)):
            if field in formulas:
                subs[s] = formula_value(formulas[field], positive=True)
            elif field not in given:
                subs[s] = exact_rational(getattr(spec, field), field=field)
        return cls(spec, sym, subs)

    def at(self, expr: Any) -> Any:
        """The expression at the problem's values (unchanged where they are symbolic)."""
        if not self.subs:
            return expr
        out = sp.sympify(expr).subs(self.subs)
        return out if out.is_Rational else sp.simplify(out)

    @property
    def levels(self) -> Any:
        """The symbol of log2 n when the problem writes n = 2^k (None otherwise)."""
        name = self.spec.log2_n
        return None if name is None else sp.Symbol(name, positive=True, integer=True)

    def shown(self, expr: Any) -> Any:
        """An answer at the problem's values, log2 n written with the problem's symbol for it
        when n = 2^k (ceil(log2 n) is then log2 n too)."""
        out = self.at(expr)
        if self.levels is None:
            if self.spec.n_power_of_two and isinstance(self.spec.n, str):
                from optiproof.families.communication.formulas import CeilLog2, Log2

                return sp.sympify(out).replace(CeilLog2, lambda x: Log2(x) if x == self.sym.n
                                               else CeilLog2(x))
            return out
        from optiproof.families.communication.formulas import CeilLog2, Log2

        return sp.sympify(out).replace(Log2, lambda x: self.levels if x == self.sym.n else
                                       Log2(x)).replace(
            CeilLog2, lambda x: self.levels if x == self.sym.n else CeilLog2(x))

    @property
    def numeric_n(self) -> int | None:
        return int(self.subs[self.sym.n]) if self.sym.n in self.subs else None

    @property
    def numeric_p(self) -> int | None:
        return int(self.subs[self.sym.p]) if self.sym.p in self.subs else None

    @property
    def numeric_k(self) -> int | None:
        return int(self.subs[self.sym.k]) if self.sym.k in self.subs else None


def _times(*factors: Any) -> Tex:
    """``a \\cdot b``: a product displayed unevaluated, each factor printed by SymPy."""
    out = []
    for f in factors:
        body = to_latex(f)
        out.append(rf"\left({body}\right)" if isinstance(f, sp.Add) else body)
    return Tex(r" \cdot ".join(out))


def _tidy(expr: Any) -> Any:
    """Factored form of a polynomial or rational expression (as derived formulas are shown)."""
    try:
        return sp.factor(expr) if expr.is_rational_function() else expr
    except (AttributeError, TypeError, ValueError):
        return expr


def _sum(*terms: Any) -> Tex:
    return Tex(" + ".join(to_latex(t) for t in terms))


def answer_symbol(costs: SchemeCosts, quantity: str) -> str:
    return f"{QUANTITY_SYMBOL[quantity]}_{{{costs.tag}}}"


def _chain(ctx: Context, lhs: str, *general: Any) -> Equation:
    """``lhs = general... = value at the problem's numbers`` (the last side only if it differs)."""
    sides: list[Any] = [Tex(lhs), *general]
    final = general[-1]
    if not isinstance(final, Tex):
        value = ctx.at(final)
        if sp.simplify(value - final) != 0:
            sides.append(value)
    return Equation.of(*sides)


# ------------------------------------------------------------------ per-scheme derivations


def _counting_step(costs: SchemeCosts, ctx: Context) -> Step:
    """Messages and message size of one scheme, with the reason for each."""
    s = ctx.sym
    n, p, k = s.n, s.p, s.k
    M, S = answer_symbol(costs, "messages"), answer_symbol(costs, "message-size")
    R = answer_symbol(costs, "rounds")
    v = costs.values
    scheme = costs.scheme
    if scheme == ALL_TO_ALL.key:
        title = "All-to-all: every worker sends its whole gradient to every other worker"
        text = ("To form the average, each worker needs the other $n - 1$ gradients in full, "
                "and in all-to-all nobody aggregates on anyone else's behalf. So each of the "
                "$n$ workers sends its whole gradient, all $p$ entries, directly to each of the "
                "other $n - 1$ workers (never to itself), in a single round. Counting ordered "
                "pairs (sender, receiver):")
        eqs = (_chain(ctx, M, _times(n, n - 1), v["messages"]), _chain(ctx, S, v["message-size"]))
    elif scheme == PARAMETER_SERVER.key:
        title = "Parameter server: one push and one pull per worker"
        text = ("Convention: $n$ workers plus one extra server node, which holds the global "
                "parameters and is not a worker. Each worker pushes its full gradient ($p$ "
                "entries) to the server; the server averages the $n$ gradients, updates the "
                "parameters and sends the updated parameters (again $p$ entries) back to each "
                "worker. That is one message per worker in each direction:")
        eqs = (_chain(ctx, M, _times(2, n), v["messages"]), _chain(ctx, S, v["message-size"]))
    elif scheme == SHARDED_PS.key:
        title = "Sharded parameter server: a push and a pull per worker and shard"
        text = ("Convention: $n$ workers plus $k$ server nodes; server $s$ owns shard $s$ of "
                "the parameters, $p/k$ entries. Each worker pushes each of its $k$ gradient "
                "shards to the server that owns it and receives the updated shard back, so "
                "each worker sends $k$ messages and receives $k$, each of $p/k$ entries:")
        eqs = (_chain(ctx, M, _times(2, n, k), v["messages"]),
               _chain(ctx, S, v["message-size"]))
    elif scheme == RING.key:
        uneven = ctx.spec.chunks == "uneven" and ctx.numeric_p is not None and \
            ctx.numeric_n is not None and ctx.numeric_p % ctx.numeric_n
        title = "Ring all-reduce: reduce-scatter, then all-gather, one chunk per message"
        chunk_words = ("$n$ chunks of $p/n$ entries" if not uneven else
                       "$n$ chunks: the first $p \\bmod n$ chunks have $\\lceil p/n \\rceil$ "
                       "entries and the others $\\lfloor p/n \\rfloor$ (uneven-chunk variant, "
                       "because $n$ does not divide $p$)")
        text = (f"The workers form a ring and each cuts its gradient into {chunk_words}. In "
                "each of the $n - 1$ reduce-scatter steps every worker sends one chunk to its "
                "right neighbour, which adds it to its own copy of that chunk; worker $i$ sends "
                "chunk $i - s \\bmod n$ at step $s$, so after $n - 1$ steps worker $i$ holds the "
                "full sum of chunk $i + 1$. In each of the $n - 1$ all-gather steps every worker "
                "forwards a fully summed chunk, which the neighbour stores, so after $n - 1$ "
                "more steps every worker holds every summed chunk. Every step has exactly $n$ "
                "messages, one per worker, each carrying one chunk:")
        eqs = (_chain(ctx, R, _sum(n - 1, n - 1), v["rounds"]),
               _chain(ctx, M, _times(sp.Mul(2, n - 1, evaluate=False),
                                     n), v["messages"]),
               _chain(ctx, S, v["message-size"]))
    elif scheme in RING_PHASES:
        phase = RING_PHASES[scheme]
        title = f"Ring all-reduce, its {phase} phase alone: one chunk per message"
        what = ("sends one chunk to its right neighbour, which adds it to its own copy of that "
                "chunk; after these steps worker $i$ holds the full sum of chunk $i + 1$"
                if phase == "reduce-scatter" else
                "forwards a fully summed chunk to its right neighbour, which stores it; after "
                "these steps every worker holds every summed chunk")
        text = (f"The workers form a ring and each cuts its gradient into $n$ chunks of $p/n$ "
                f"entries. The {phase} phase has $n - 1$ steps; in each, every worker {what}. "
                "Every step has exactly $n$ messages, one per worker, each carrying one chunk:")
        eqs = (_chain(ctx, R, v["rounds"]), _chain(ctx, M, _times(n - 1, n), v["messages"]),
               _chain(ctx, S, v["message-size"]))
    elif scheme == TREE.key:
        title = "Binomial-tree reduce, then broadcast"
        text = ("Reduce: in round $r = 0, 1, \\dots$ every worker whose rank is an odd multiple "
                "of $2^r$ sends its partial sum, all $p$ entries, to the worker $2^r$ ranks "
                "below, which adds it; after $\\lceil \\log_2 n \\rceil$ rounds worker $0$ holds "
                "the total. The broadcast replays these rounds in reverse with the arrows "
                "reversed. Every worker except the root sends exactly once in the reduce and "
                "receives exactly once in the broadcast:")
        eqs = (_chain(ctx, M, _times(2, n - 1), v["messages"]),
               _chain(ctx, S, v["message-size"]), _chain(ctx, R, v["rounds"]))
    elif scheme == RECURSIVE_DOUBLING.key:
        title = "Recursive doubling: log2 n rounds of pairwise exchanges"
        text = ("With $n = 2^L$, in round $r$ every worker exchanges its whole partial sum "
                "with the partner whose rank differs from its own in bit $r$ and adds what it "
                "receives; after $L = \\log_2 n$ rounds each worker holds the total. Each round "
                "has $n$ messages of $p$ entries:")
        eqs = (_chain(ctx, M, _times(n, costs.phases[0].rounds.subs(
            s.L, v["rounds"])), v["messages"]),
            _chain(ctx, S, v["message-size"]), _chain(ctx, R, v["rounds"]))
    else:  # rabenseifner
        title = "Recursive halving, then recursive doubling (Rabenseifner)"
        j = s.j
        text = ("With $n = 2^L$ and $n \\mid p$: in reduce-scatter round $j = 1, \\dots, L$ "
                "each worker keeps half of its current range and sends the other half, "
                "$p/2^j$ entries, to the partner differing in one rank bit, adding what it "
                "receives; after $L$ rounds it owns $p/n$ fully summed entries. The all-gather "
                "replays the pairs in reverse, each message doubling the range held "
                "($p/n, \\dots, p/2$). Each round has $n$ messages, so the message size "
                "depends on the round:")
        eqs = (_chain(ctx, M, _times(2, n, v["rounds"] / 2), v["messages"]),
               Equation.of(Tex(rf"S_{{{costs.tag}}}(j)"), p / 2**j),
               _chain(ctx, r"S^{\max}_{" + costs.tag + "}", v["message-size"]),
               _chain(ctx, r"S^{\min}_{" + costs.tag + "}", costs.size_min))
    return Step(title, text, eqs)


def _load_step(costs: SchemeCosts, ctx: Context, asked: list[str]) -> Step | None:
    """Volume, busiest node, rounds, bytes, time and lower-bound ratio of one scheme."""
    extra = [q for q in asked if q not in ("messages", "message-size") and q in costs.values]
    if not extra:
        return None
    s, v = ctx.sym, costs.values
    eqs = []
    text = [f"The busiest node is {costs.busiest_who}."]
    for q in extra:
        lhs = answer_symbol(costs, q)
        if q == "total-volume":
            eqs.append(_chain(ctx, lhs, v[q]))
        elif q in ("busiest-sent", "busiest-received", "busiest-traffic",
                   "messages-per-worker"):
            eqs.append(_chain(ctx, lhs, v[q]))
        elif q == "rounds" and costs.scheme not in (RING.key, TREE.key,
                                                    RECURSIVE_DOUBLING.key, *RING_PHASES):
            eqs.append(_chain(ctx, lhs, v[q]))
        elif q == "time":
            text.append(f"On the critical path there are ${to_latex(ctx.at(costs.latency_rounds))}"
                        "$ message latencies, and the busiest link carries "
                        f"${to_latex(ctx.at(costs.bandwidth_elements))}$ elements in total "
                        "over the rounds.")
            eqs.append(_chain(ctx, lhs, v[q]))
        elif q == "latency-time":
            text.append(f"Dropping the bandwidth terms leaves one latency $\\alpha$ per message "
                        f"on the critical path: ${to_latex(ctx.at(costs.latency_rounds))}$ of "
                        "them.")
            eqs.append(_chain(ctx, lhs, v[q]))
        elif q in IN_BYTES:
            eqs.append(_chain(ctx, lhs, _times(s.bytes_per_element, costs.values[IN_BYTES[q]]),
                              v[q]))
            text.append(f"A {ctx.spec.dtype} element takes {s.bytes_per_element} bytes.")
        elif q in NODE_WORDS:
            eqs.append(_chain(ctx, lhs, v[q]))
            text.append(NODE_WORDS[q])
        elif q == "bandwidth-ratio":
            eqs.append(_chain(ctx, lhs, Tex(
                rf"\frac{{\max\left(D^{{\text{{out}}}}_{{{costs.tag}}}, "
                rf"D^{{\text{{in}}}}_{{{costs.tag}}}\right)}}{{2(n-1)p/n}}"), v[q]))
    if not eqs:
        return None
    return Step(f"{costs.title.capitalize()}: load, rounds and time", " ".join(text),
                tuple(eqs))


# ------------------------------------------------------------------ given cells


@dataclass(frozen=True)
class GivenResult:
    index: int
    scheme: str
    quantity: str
    text: str
    expr: Any
    shown: Any
    derived: Any
    verdict: Verdict


def _given(spec: CommunicationSpec, ctx: Context,
           costs: dict[str, SchemeCosts]) -> list[GivenResult]:
    s = ctx.sym
    names = {str(x): x for x in (s.n, s.p, s.alpha, s.B)}
    if spec.uses_servers:
        names[str(s.k)] = s.k
    for value in ctx.subs.values():
        names.update({str(x): x for x in value.free_symbols})
    formula_symbols = {x: sp.Rational(2 + i, 3) for i, x in enumerate(
        sorted({x for v in ctx.subs.values() for x in v.free_symbols}, key=str))}
    out = []
    for i, cell in enumerate(spec.given):
        field = f"given[{i}].value"
        expr = ctx.at(parse_formula(cell.value, names, field=field))
        shown = _tidy(expr)
        derived = ctx.at(costs[cell.scheme].values[cell.quantity])
        grid = []
        for inst in instances(cell.scheme, ctx.numeric_n, ctx.numeric_p, ctx.numeric_k,
                              max_n=16, p_multiples=(1, 2)):
            grid.append({s.n: sp.Integer(inst.n), s.p: sp.Integer(inst.p),
                         s.k: sp.Integer(inst.k), s.alpha: sp.Rational(1, 10),
                         s.B: sp.Integer(7), **formula_symbols})
        out.append(GivenResult(i, cell.scheme, cell.quantity, cell.value, expr, shown, derived,
                               compare(expr, derived, grid)))
    return out


def _given_step(results: list[GivenResult], costs: dict[str, SchemeCosts]) -> Step:
    lines, eqs = [], []
    for g in results:
        c = costs[g.scheme]
        where = f"{c.title}, {QUANTITY_WORDS[g.quantity]}"
        lhs = answer_symbol(c, g.quantity)
        if g.verdict.confirmed:
            lines.append(f"Given {where} = {g.text!r}, read as ${to_latex(g.shown)}$: confirmed "
                         f"({g.verdict.reason}).")
            if to_latex(g.shown) != to_latex(g.derived):
                eqs.append(Equation.chain(Tex(lhs), ("=", g.derived), ("=", g.shown)))
        else:
            at = ""
            if g.verdict.counterexample:
                at = " For example at " + ", ".join(
                    f"${k} = {v}$" for k, v in g.verdict.counterexample.items()) + "."
            lines.append(f"Given {where} = {g.text!r}, read as ${to_latex(g.shown)}$: WRONG, "
                         f"{g.verdict.reason}."
                         + at)
            eqs.append(Equation.chain(Tex(lhs), ("=", g.derived), (r"\neq", g.shown)))
    text = ("Each value the problem gives is compared with the derived one, exactly (the "
            "difference simplifies to zero) and on concrete instances. " + " ".join(lines))
    return Step("Check the given cells", text, tuple(eqs))


# ------------------------------------------------------------------ the part


def _costs(spec: CommunicationSpec, ctx: Context) -> dict[str, SchemeCosts]:
    out = {}
    for scheme in spec.schemes:
        n, p = ctx.numeric_n, ctx.numeric_p
        if scheme == RING.key and spec.chunks == "uneven" and n and p and p % n:
            out[scheme] = ring_allreduce_uneven_costs(ctx.sym, n, p)
        else:
            out[scheme] = scheme_costs(scheme, ctx.sym)
    return out


def _analysis(spec: CommunicationSpec, ctx: Context, costs: dict[str, SchemeCosts]) -> Analysis:
    s = ctx.sym
    n_txt = f"here ${to_latex(s.n)} = {ctx.numeric_n}$" if ctx.numeric_n else "$n \\ge 2$"
    p_txt = f"here ${to_latex(s.p)} = {ctx.numeric_p}$" if ctx.numeric_p else "$p \\ge 1$"
    variables = [Variable(to_latex(s.n), f"number of workers (data-parallel replicas), {n_txt}",
                          r"\mathbb{Z}_{\ge 2}"),
                 Variable(to_latex(s.p), "number of model parameters, i.e. entries of each "
                                         f"worker's gradient $g_i$, {p_txt}",
                          r"\mathbb{Z}_{\ge 1}"),
                 Variable("g_i", "the gradient computed by worker $i$", r"\mathbb{R}^{p}")]
    if spec.uses_servers:
        variables.append(Variable(to_latex(s.k), "number of parameter-server shards (server "
                                                 "nodes, in addition to the workers)",
                                  r"\mathbb{Z}_{\ge 1}"))
    asked = set(spec.quantities) | {g.quantity for g in spec.given}
    if asked & {"time", "latency-time"}:
        variables += [Variable(to_latex(s.alpha), "latency of one message (seconds)",
                               r"\mathbb{R}_{>0}"),
                      Variable(to_latex(s.B), "bandwidth of a node's link (bytes per second)",
                               r"\mathbb{R}_{>0}")]
    assumptions = [
        "One synchronisation step: every worker starts with its own gradient and must end "
        "with the average of all $n$ gradients (for the parameter server: with the updated "
        "parameters, which also have $p$ entries).",
        "A message is one point-to-point transfer from one node to another; no node sends to "
        "itself. Its size is the number of entries (elements) it carries"
        + (f"; in bytes, times {spec.bytes_per_element} for {spec.dtype}."
           if asked & {*IN_BYTES, Q.GRADIENT_BYTES.key} else "."),
        "All counts are for one step; server nodes are nodes but not workers.",
    ]
    for c in costs.values():
        for a in c.assumptions:
            assumptions.append(f"{c.title.capitalize()}: {a}.")
    if asked & {"time", "latency-time"}:
        assumptions.append(
            "Alpha-beta model: each node has one full-duplex link of bandwidth $B$; messages "
            "of a round that use different node links go in parallel, while the messages "
            "through one node's link are serialised, each costing $\\alpha$ plus its bytes "
            "over $B$. A round lasts as long as its busiest link; rounds are sequential.")
    if "bandwidth-ratio" in asked:
        assumptions.append(
            "Bandwidth lower bound of an all-reduce among $n$ peers: each must send (and "
            f"receive) at least ${to_latex(bandwidth_lower_bound(s))}$ elements. Extra server "
            "nodes are helpers outside that argument, so a sharded server can go below it.")
    return Analysis(tuple(variables), tuple(assumptions),
                    Equation.of(Tex(r"\bar g"), Tex(r"\frac{1}{n}\sum_{i=1}^{n} g_i")),
                    "After one step every worker must hold the average gradient:")


NOT_COSTS = (Q.IDENTIFICATION.key, Q.HOLDS_SUM.key, Q.FASTER.key, Q.GRADIENT_BYTES.key)
"""Asks that are not a cell of a scheme's table (answered once for the part)."""


def _faster(spec: CommunicationSpec, ctx: Context, costs: dict[str, SchemeCosts]
            ) -> tuple[Step, Answer, str]:
    """The scheme with the least alpha-beta time (the times exact numbers), its step and
    answer; a tie is refused."""
    times = {s: ctx.at(costs[s].values["time"]) for s in spec.schemes}
    if spec.faster_for and not all(t.is_Rational for t in times.values()):
        return _faster_for_sizes(spec, ctx, costs, times)
    if not all(t.is_Rational for t in times.values()):
        raise BadInput("which scheme is faster depends on symbols; give n, p, the latency and "
                       "the bandwidth as numbers", field="quantities",
                       expected="numbers for n, p, alpha and the bandwidth")
    best = min(times, key=lambda s: times[s])
    if sum(1 for t in times.values() if t == times[best]) > 1:
        raise BadInput("the schemes compared take the same time: none is faster",
                       field="quantities", expected="schemes whose times differ")
    eqs = tuple(Equation.of(Tex(answer_symbol(costs[s], "time")), times[s]) for s in spec.schemes)
    others = ", ".join(costs[s].title for s in spec.schemes if s != best)
    step = Step("Which scheme is faster", f"Comparing the alpha-beta times exactly, "
                f"{costs[best].title} takes the least time (than {others}).", eqs)
    answer = Answer("the faster scheme", "", Name(best, SCHEMES[best].name),
                    note="the least alpha-beta time", quantity=Q.FASTER.key)
    return step, answer, best


def _faster_for_sizes(spec: CommunicationSpec, ctx: Context, costs: dict[str, SchemeCosts],
                      times: dict[str, Any]) -> tuple[Step, Answer, str]:
    """The faster scheme for large (or small) p: the one whose time is the least as p grows
    without bound (or tends to 0), every other quantity a number; a tie is refused."""
    p = ctx.sym.p
    if any(t.free_symbols - {p} for t in times.values()):
        raise BadInput("which scheme is faster for large or small sizes depends on symbols other "
                       "than the parameter count; give n, the latency and the bandwidth as "
                       "numbers", field="quantities",
                       expected="numbers for n, alpha and the bandwidth")
    large = spec.faster_for == "large"
    ahead = {s: sp.limit(t / p, p, sp.oo) if large else sp.limit(t, p, 0, "+")
             for s, t in times.items()}
    best = min(ahead, key=lambda s: ahead[s])
    if sum(1 for v in ahead.values() if v == ahead[best]) > 1:
        raise BadInput(f"the schemes' times grow alike for {spec.faster_for} sizes: none is "
                       "faster", field="quantities", expected="schemes whose times differ")
    which = ("the time per parameter as p grows without bound" if large else
             "the time as p tends to 0 (the latency terms)")
    eqs = tuple(Equation.of(Tex(answer_symbol(costs[s], "time")), times[s]) for s in spec.schemes)
    others = ", ".join(costs[s].title for s in spec.schemes if s != best)
    step = Step("Which scheme is faster", f"Comparing {which}, {costs[best].title} takes the "
                f"least time for {'large' if large else 'small'} p (than {others}).", eqs)
    answer = Answer("the faster scheme", "", Name(best, SCHEMES[best].name),
                    note=f"the least alpha-beta time for {'large' if large else 'small'} p",
                    quantity=Q.FASTER.key)
    return step, answer, best


def _asked_costs(spec: CommunicationSpec) -> list[str]:
    """The asked quantities that are costs (table columns), in the order asked."""
    return [q for q in spec.quantities if q not in NOT_COSTS]


def _answers(spec: CommunicationSpec, ctx: Context,
             costs: dict[str, SchemeCosts]) -> list[Answer]:
    answers = []
    for scheme in spec.schemes:
        c = costs[scheme]
        varies = c.sizes_vary
        for q in _asked_costs(spec):
            if not spec.defined(q, scheme):
                continue
            words = QUANTITY_WORDS[q]
            note = ""
            if q == "message-bytes":
                words = f"size of each message (bytes, {spec.dtype})"
            elif q in IN_BYTES:
                words = f"{words} ({spec.dtype})"
            if q in ("message-size", "message-bytes") and varies:
                words = words.replace("size of each message", "size of the largest message")
                note = (f"Message sizes vary between ${to_latex(ctx.at(c.size_min))}$ and "
                        f"${to_latex(ctx.at(c.values['message-size']))}$ elements.")
                if scheme == RABENSEIFNER.key:
                    note += " In round $j$ of either phase every message has $p/2^j$ entries."
            if q in ("time", "latency-time"):
                note = "Alpha-beta model as stated in the assumptions."
            value = ctx.shown(c.values[q])
            if ctx.levels is not None and value != ctx.at(c.values[q]):
                note = (note + " " if note else "") + \
                    f"With $n = 2^{{{to_latex(ctx.levels)}}}$, $\\log_2 n = {to_latex(ctx.levels)}$."
            elif value != ctx.at(c.values[q]):
                note = (note + " " if note else "") + \
                    "With $n$ a power of two, $\\lceil \\log_2 n \\rceil = \\log_2 n$."
            answers.append(Answer(f"{c.title}: {words}", answer_symbol(c, q),
                                  value, note=note, quantity=q, subject=scheme))
    return answers


WHY_SUM = {
    ALL_TO_ALL.key: "every worker receives the other n - 1 gradients in full and adds them to "
                    "its own, so it holds all n terms of the sum",
    PARAMETER_SERVER.key: "the server receives all n gradients and sums them; every worker then "
                          "receives the result from the server",
    SHARDED_PS.key: "server s receives shard s of all n gradients and sums it; every worker "
                    "then receives every summed shard back",
    RING.key: "after the n - 1 reduce-scatter steps chunk c has passed through all n workers, "
              "each adding its own copy, so its owner holds the full sum of chunk c; the n - 1 "
              "all-gather steps then copy every summed chunk to every worker",
    TREE.key: "after reduce round r, a worker whose rank is a multiple of 2^(r+1) holds the sum "
              "over its block of 2^(r+1) ranks, so after the last round worker 0 holds the sum "
              "of all n gradients; the broadcast copies it to every worker",
    RECURSIVE_DOUBLING.key: "by induction on the round: after round i each worker holds the sum "
                            "over the 2^(i+1) ranks that agree with it outside the lowest i + 1 "
                            "bits (its partner's block is the other half of that group, disjoint "
                            "from its own), so after log2 n rounds each worker holds the sum "
                            "over all n ranks",
    RABENSEIFNER.key: "recursive halving leaves each worker with the full sum of its p/n "
                      "entries (each round sums the half it keeps over twice as many ranks); "
                      "recursive doubling then gathers every summed piece to every worker",
}
"""Why each scheme leaves every worker with the full sum (shown when that is asked)."""


def _holds_sum(spec: CommunicationSpec, costs: dict[str, SchemeCosts]
               ) -> tuple[Step, list[Answer]]:
    """The answer 'every worker ends with the full sum' per scheme, with the reason; the exact
    simulator moves integer gradients along each schedule and checks it."""
    lines = [f"{costs[s].title.capitalize()}: {WHY_SUM[s]}." for s in spec.schemes]
    step = Step("Every worker ends with the full sum", " ".join(lines) + " Dividing by $n$ "
                "gives the average. The exact simulator checks this on integer gradients.", ())
    answers = [Answer(f"{costs[s].title}: every worker ends with the full sum", r"\text{sum}",
                      sp.true, note="checked by the exact simulator", quantity=Q.HOLDS_SUM.key,
                      subject=s) for s in spec.schemes]
    return step, answers


def _gradient_size(spec: CommunicationSpec, ctx: Context) -> tuple[Step, Answer]:
    """The bytes of one worker's whole gradient: its p entries times the element's bytes."""
    s = ctx.sym
    value = ctx.shown(s.p * s.bytes_per_element)
    step = Step("Size of one full gradient",
                f"Each worker's gradient has one entry per parameter, ${to_latex(s.p)}$ of them, "
                f"and a {spec.dtype} entry takes {s.bytes_per_element} "
                f"byte{'s' if s.bytes_per_element != 1 else ''}:",
                (_chain(ctx, "G", _times(s.p, s.bytes_per_element), s.p * s.bytes_per_element),))
    answer = Answer(f"size of one full gradient in bytes ({spec.dtype})", "G", value,
                    note="the same whatever the scheme", quantity=Q.GRADIENT_BYTES.key)
    return step, answer


def _interpretation(spec: CommunicationSpec, ctx: Context,
                    costs: dict[str, SchemeCosts]) -> str:
    s = ctx.sym
    if not costs:
        return ("The gradient is what every scheme moves: a parameter server receives it once "
                "from each worker, a ring all-reduce sends about twice it from each worker, so "
                "the size of one gradient sets the scale of every communication cost.")
    lines = []
    for c in costs.values():
        v = c.values
        lines.append(f"{c.title.capitalize()} moves ${to_latex(ctx.at(v['total-volume']))}$ "
                     f"elements in total in ${to_latex(ctx.at(v['rounds']))}$ sequential "
                     f"round{'s' if ctx.at(v['rounds']) != 1 else ''}; its busiest node, "
                     f"{c.busiest_who}, sends "
                     f"${to_latex(ctx.at(v['busiest-sent']))}$ elements.")
    optimal = [c.title for c in costs.values()
               if "bandwidth-ratio" in c.values  # a phase of the ring is no all-reduce
               and sp.simplify(c.values["bandwidth-ratio"] - 1) == 0]
    bound = to_latex(ctx.at(bandwidth_lower_bound(s)))
    tail = (f"An all-reduce among $n$ peers must send at least ${bound}$ elements per node, "
            "which is less than $2p$ whatever $n$ is. ")
    if optimal:
        names = ", ".join(optimal)
        tail += (names[:1].upper() + names[1:] + (" meets" if len(optimal) == 1 else " meet")
                 + " this bound exactly: the per-node traffic does not grow with $n$, which is "
                 "why ring-style all-reduce is what data-parallel training uses at scale. The "
                 "price is latency: more sequential rounds, each paying $\\alpha$.")
    else:
        tail += ("None of these schemes meets it: each concentrates more than that on some "
                 "node, so adding workers makes the step slower per byte of gradient.")
    return " ".join(lines) + " " + tail


def _check_defined(spec: CommunicationSpec, costs: dict[str, SchemeCosts]) -> None:
    """A per-worker quantity needs workers that all do the same; a per-server one, servers."""
    asked = [(s, q) for q in spec.quantities for s in spec.schemes if spec.defined(q, s)]
    asked += [(g.scheme, g.quantity) for g in spec.given]
    for scheme, q in asked:
        c = costs[scheme]
        if q not in c.values and q not in NOT_COSTS:
            why = ("it has no server node" if c.server is None and q.startswith("server-") else
                   "its workers do not all send and receive the same amount (ask for the "
                   "busiest node instead)")
            raise BadInput(f"{QUANTITY_WORDS[q]} is not defined for {c.title}: {why}",
                           field="quantities", expected="a quantity every scheme asked about "
                                                        "has")


def solve(spec: CommunicationSpec, *, figures: bool = True) -> PartSolution:
    """Exact counts per scheme and per asked quantity, with derivation, given-cell verdicts
    and (``figures``) the ring all-reduce diagram."""
    ctx = Context.of(spec)
    costs = _costs(spec, ctx)
    _check_defined(spec, costs)
    steps: list[Step] = []
    for scheme in spec.schemes:
        steps.append(_counting_step(costs[scheme], ctx))
        load = _load_step(costs[scheme], ctx, _asked_costs(spec))
        if load is not None:
            steps.append(load)
    given = _given(spec, ctx, costs) if spec.given else []
    diagnostics = []
    if given:
        steps.append(_given_step(given, costs))
        for g in given:
            c = costs[g.scheme]
            state = "confirmed" if g.verdict.confirmed else f"WRONG: {g.verdict.reason}"
            diagnostics.append(f"given {c.title}, {QUANTITY_WORDS[g.quantity]} "
                               f"$= {to_latex(g.shown)}$: {state}")
        if any("log" in g.text for g in given):
            diagnostics.append("In given formulas, log is read as $\\log_2$ (log(x, b) for "
                               "another base).")
    if spec.chunks == "uneven" and ctx.numeric_n and ctx.numeric_p and \
            ctx.numeric_p % ctx.numeric_n:
        sizes = uneven_split(ctx.numeric_p, ctx.numeric_n)
        diagnostics.append(f"p = {ctx.numeric_p} is not divisible by n = {ctx.numeric_n}: "
                           "adapted to the uneven-chunk ring, chunk sizes "
                           f"{', '.join(map(str, sizes))}.")
    answers = _answers(spec, ctx, costs)
    if Q.GRADIENT_BYTES.key in spec.quantities:
        step, answer = _gradient_size(spec, ctx)
        steps.insert(0, step)
        answers.insert(0, answer)
    if Q.HOLDS_SUM.key in spec.quantities:
        step, held = _holds_sum(spec, costs)
        steps.append(step)
        answers += held
    fastest = None
    if Q.FASTER.key in spec.quantities:
        step, answer, fastest = _faster(spec, ctx, costs)
        steps.append(step)
        answers.append(answer)
    drawn = []
    if figures and RING.key in spec.schemes:
        from optiproof.families.communication.figures import ring_diagram

        drawn.append(ring_diagram(ctx.numeric_n))
    summary_bits = []
    for scheme in spec.schemes:
        c = costs[scheme]
        cells_txt = [f"${to_latex(a.expr)}$ ({QUANTITY_WORDS[a.quantity].split(' (')[0]})"
                     for a in answers if a.subject == scheme]
        summary_bits.append(f"{c.title}: " + ", ".join(cells_txt))
    summary_bits[:0] = [f"one full gradient: ${to_latex(a.expr)}$ bytes" for a in answers
                        if a.quantity == Q.GRADIENT_BYTES.key]
    identified = None
    if len(spec.schemes) == 1:
        identified = SCHEMES[spec.schemes[0]].name
    elif fastest is not None:
        identified = SCHEMES[fastest].name
    wrong = [g for g in given if not g.verdict.confirmed]
    question = spec.question or (
        "Count the messages of one synchronisation step for: "
        + ", ".join(costs[s].title for s in spec.schemes) + "." if spec.schemes else
        "What is the size of one full gradient in bytes?")
    return PartSolution(
        label=spec.label, family=KEY, question=question,
        analysis=_analysis(spec, ctx, costs), steps=steps, answers=answers,
        asked=list(spec.quantities), identified_as=identified,
        identifications=[identification(SCHEMES[s], s, "the scheme asked about, counted "
                                        "message by message") for s in spec.schemes]
        if Q.IDENTIFICATION.key in spec.quantities else [],
        identification_note=("" if identified is None else
                             "the faster of the schemes compared, by their exact times"
                             if fastest is not None else
                             "the scheme asked about, counted message by message"),
        interpretation=_interpretation(spec, ctx, costs),
        summary="; ".join(summary_bits) + "." + (
            f" {len(wrong)} given cell{'s are' if len(wrong) > 1 else ' is'} wrong."
            if wrong else (" All given cells are confirmed." if given else "")),
        figures=drawn, diagnostics=diagnostics,
        facts=CommunicationFacts(
            symbols=ctx.sym, subs=ctx.subs,
            costs={k: dict(c.values, **{"message-size-min": c.size_min})
                   for k, c in costs.items()},
            general={k: "uneven" not in c.title for k, c in costs.items()},
            given=[(g.scheme, g.quantity, g.expr, g.verdict.confirmed) for g in given],
            instance={"n": ctx.numeric_n, "p": ctx.numeric_p, "k": ctx.numeric_k},
            levels=ctx.levels))
