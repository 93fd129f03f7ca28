"""Reader for communication parts: data-parallel synchronisation schemes and their costs.

Reads n (workers) and p (parameters) as symbols or integers, the schemes (the rows of the
requested table, else every scheme the text describes), the quantities (the columns, else the
question's words: number of messages, size of each message, bytes, total volume, busiest node,
rounds, time under the latency-bandwidth model), the cells the problem gives, the element type,
latency and bandwidth, the number of server shards and even/uneven chunks.
Spec field names live in :data:`F`.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from optiproof.catalogue import quantities as Q
from optiproof.catalogue import schemes as S
from optiproof.catalogue import QUANTITIES
from optiproof.core.text.match import (
    Score,
    assigned_number,
    cue_score,
    first_of,
    negated,
    question_sentences,
    rx,
    rxc,
    take_asks,
)
from optiproof.core.text.numbers import Num, number_at
from optiproof.core.text.mathobjects import PartObjects
from optiproof.core.text.record import PartReading, PartText, phrase
from optiproof.families.communication.family import COMMUNICATION, KEY
from optiproof.families.communication.roles import read_role

FAMILY = KEY
F = SimpleNamespace(n="n", p="p", servers="servers", schemes="schemes", quantities="quantities",
                    given="given", dtype="dtype", alpha="alpha", bandwidth="bandwidth",
                    chunks="chunks", given_scheme="scheme", given_quantity="quantity",
                    given_value="value")
"""Spec field names of the communication family (and of its given cells)."""

CUES = [
    (r"\bworkers?\b|\bgpus\b|\bnodes\b", 2), (r"\bparameter[- ]server", 3),
    (r"\ball[- ]?reduce\b", 3), (r"\bmessages?\b", 2), (r"\bdistributed\b", 1),
    (r"\bcommunicat", 1), (r"\ball[- ]to[- ]all\b", 2), (r"\bdata[- ]parallel", 2),
]

SCHEMES = {
    S.SHARDED_PS.key: r"\bsharded parameter[- ]servers?|\b(?:\d{1,4}|k) (?:parameter )?"
                                r"server shards|\bsharded (?:ps|server)",
    S.ALL_TO_ALL.key: r"\ball[- ]?to[- ]?all\b|\ball2all\b",
    S.PARAMETER_SERVER.key: r"\bparameter[- ]server\b(?! shard)",
    S.RING.key: r"\bring[- ]?all[- ]?reduce\b|\bring\b",
    S.TREE.key: r"\btree[- ]?(?:based )?all[- ]?reduce\b|\b(?:binary|binomial) tree\b|"
                      r"\breduce[- ](?:then[- ]|and[- ])?broadcast\b",
    S.RECURSIVE_DOUBLING.key: r"\brecursive[- ]doubling\b|\bbutterfly\b",
    S.RABENSEIFNER.key: r"\brabenseifner\b|\brecursive[- ]halving\b",
}
QUANTITIES_ASKED = {
    "messages": r"\bnumber of messages|\bmessages sent\b|\bhow many messages|\bmessage count|"
                r"\b# ?messages",
    "message-size": r"\bsize of (?:each|a|one) message(?! in bytes)|\bmessage size(?! in bytes)|\bhow (?:large|big) is "
                    r"(?:each|a) message|\belements per message",
    "message-bytes": r"\bin bytes\b|\bbytes per message|\bmessage size in bytes",
    "total-volume": r"\btotal (?:volume|amount of data|data (?:sent|moved)|number of elements "
                    r"sent|traffic)",
    "busiest-sent": r"\bbusiest (?:node|worker)|\bbottleneck (?:node|link)|\bmost (?:data|"
                    r"messages|elements) (?:is )?sent by (?:any|one|a single)",
    "busiest-received": r"\bmost (?:data|messages|elements) (?:is )?received by|\breceived by "
                        r"the busiest",
    "rounds": r"\bnumber of (?:communication )?(?:rounds|steps)|\bhow many (?:rounds|steps)|"
              r"\bsequential (?:rounds|steps)|\blatency steps",
    "time": r"\b(?:total |communication |wall[- ]clock )?time\b[^.?]{0,40}\b(?:latency|"
            r"bandwidth|α)|\bhow long does|\bα[- ]β model|\blatency[- ]bandwidth model",
    "bandwidth-ratio": r"\bratio to the (?:bandwidth )?lower bound|\bhow far from (?:the )?"
                       r"(?:optimal|lower bound)",
}
_DTYPES = {
    "float32": r"\bfloat32\b|\bfp32\b|\bsingle[- ]precision|\b32[- ]bit (?:floats?|values)|"
               r"\b4 bytes (?:per|each)",
    "float16": r"\bfloat16\b|\bfp16\b|\bhalf[- ]precision|\b16[- ]bit (?:floats?|values)|"
               r"\b2 bytes (?:per|each)",
    "bfloat16": r"\bbfloat16\b|\bbf16\b",
    "float64": r"\bfloat64\b|\bfp64\b|\bdouble[- ]precision|\b64[- ]bit (?:floats?|values)|"
               r"\b8 bytes (?:per|each)",
}
_WORKERS = r"(?:workers|nodes|gpus|machines|devices|processes|ranks|replicas)\b"
_SCALE = {"thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "billion": 10**9,
          "b": 10**9}
_TIME_UNITS = {"s": 1, "sec": 1, "seconds": 1, "ms": "0.001", "μs": "0.000001", "us": "0.000001",
               "µs": "0.000001", "ns": "0.000000001"}
_BW_UNITS = {"gb/s": 10**9, "gbytes/s": 10**9, "mb/s": 10**6, "kb/s": 10**3, "b/s": 1,
             "bytes/s": 1, "gbit/s": 125_000_000, "gbps": 125_000_000, "mbit/s": 125_000}


class CommunicationReader:
    family = FAMILY
    answers = COMMUNICATION.answer_keys
    ask_field = F.quantities

    def score(self, flat: str) -> Score:
        return cue_score(flat, CUES)

    def asked(self, r: PartReading) -> list[str]:
        """The catalogue quantities (table columns) the part asks."""
        return [QUANTITIES.canonical(k) for k in r.value(F.quantities) or []]

    def take(self, r: PartReading, asks: list[tuple[str, str]]) -> None:
        """Asked quantities the reader's own tables missed join the table's columns."""
        take_asks(r, F.quantities, asks, self.answers)

    def applied(self, r: PartReading) -> set[str]:
        """No transformation is expressed by a communication spec."""
        return set()

    def symbol(self, r: PartReading, symbol: str) -> str | None:
        """``T_ring``, ``T(k)``: a time."""
        return Q.TIME.key if re.match(r"^T(?:_?\w{1,5})?(?:\(.{0,8}\))?$", symbol) else None

    def read_part(self, part: PartText, objects: PartObjects,
                  previous: list[PartReading]) -> list[PartReading]:
        own, ctx = part.flat, part.flat_context
        both = ctx + " " + own
        r = PartReading(part.label, FAMILY)
        read_role(own, ctx, r, F.n, "workers", minimum=2)
        read_role(own, ctx, r, F.p, "parameters", minimum=1)
        schemes = _read_schemes(own, ctx, r)
        _read_quantities(own, ctx, r)
        _read_given(part.own + "\n" + part.context, r, schemes)
        _read_extras(both, r)
        _read_table_shape(objects, r)
        return [r]


_ROWS = rx(r"rows?|lines?|schemes?|methods?|strategies|algorithms?")
_COLUMNS = rx(r"columns?|quantities|entries|metrics?|costs?")


def _table_shape(count: Any, r: PartReading) -> str | None:
    """What a counted noun of the table ('3 rows', 'two columns') restates: the number of
    schemes (rows) or of asked quantities (columns) read, or None when it matches neither."""
    if count.value is None:
        return None
    for nouns, field, what in ((_ROWS, F.schemes, "schemes"), (_COLUMNS, F.quantities,
                                                               "quantities")):
        listed = r.value(field)
        if nouns.fullmatch(count.noun) and isinstance(listed, list) and \
                count.value == len(listed):
            return f"the table has one {count.noun.rstrip('s')} per {what[:-1]} ({len(listed)})"
    return None


def _read_table_shape(objects: PartObjects, r: PartReading) -> None:
    """'a table with 3 rows ... and 2 columns': counts that restate how many schemes and
    quantities were read, recorded with their source (a count that disagrees stays unused)."""
    for objs in (objects.own, objects.context):
        for count in objs.counts:
            note = _table_shape(count, r)
            if note:
                r.convention("table shape", count.source, note)


# -- schemes and quantities ------------------------------------------------------------------

def _listed_after(flat: str, head: str, patterns: dict[str, str]) -> list[tuple[str, str]]:
    """Names listed right after ``head`` ("3 rows: All-to-all, Parameter Server and Ring")."""
    m = rx(head).search(flat)
    if not m:
        return []
    window = flat[m.end():m.end() + 200]
    stop = rx(r"\band (?:\d|two|three|four|five|six) (?:columns|rows)|[.?]\s").search(window)
    if stop:
        window = window[:stop.start()]
    return [(name, src) for _, name, src in first_of(window, patterns)]


def _read_schemes(own: str, ctx: str, r: PartReading) -> list[str]:
    listed = _listed_after(own + " " + ctx, r"\b(?:\d{1,2}|two|three|four|five|six|seven) rows?"
                                            r"\b[^:]{0,20}:|\brows?:", SCHEMES)
    if not listed:
        listed = [(n, s) for _, n, s in first_of(own, SCHEMES)]
    if not listed:
        listed = [(n, s) for _, n, s in first_of(ctx, SCHEMES)]
    names = []
    for n, _ in listed:
        if n == S.RING.key and n in names:
            continue
        if n not in names:
            names.append(n)
    if S.SHARDED_PS.key in names and S.PARAMETER_SERVER.key in names:
        if not rx(r"\b(?:unsharded|single|plain) parameter[- ]server").search(own + " " + ctx):
            names.remove(S.PARAMETER_SERVER.key)
    if not names:
        r.miss(F.schemes, "no communication scheme named (expected all-to-all, parameter server, "
                          "ring all-reduce, tree all-reduce, recursive doubling, rabenseifner)")
        return []
    r.set(F.schemes, names, "; ".join(dict.fromkeys(s for _, s in listed)))
    return names


def _read_quantities(own: str, ctx: str, r: PartReading) -> None:
    listed = _listed_after(own + " " + ctx, r"\b(?:\d{1,2}|two|three|four|five|six) columns?"
                                            r"\b[^:]{0,20}:|\bcolumns?:", QUANTITIES_ASKED)
    if not listed:
        asked = question_sentences(own) + " " + question_sentences(ctx)
        listed = [(n, s) for _, n, s in first_of(asked, QUANTITIES_ASKED)]
    names = list(dict.fromkeys(n for n, _ in listed))
    if not names:
        r.miss(F.quantities, "no quantity asked (expected 'number of messages', 'size of each "
                             "message', 'total volume', 'busiest node', 'rounds', 'time')")
        return
    r.set(F.quantities, names, "; ".join(dict.fromkeys(s for _, s in listed)))


# -- given cells -----------------------------------------------------------------------------

_GIVEN_LINE = re.compile(r"^[ \t-]{0,4}(?P<a>[^:=\n]{3,80}?)[ \t]{0,2}(?::|=|\bis\b)[ \t]{0,4}"
                         r"(?P<v>[^\n]{1,80})$", re.M)


def _read_given(text: str, r: PartReading, schemes: list[str]) -> None:
    """Cells the problem states: 'Size of each message of All-to-All: p'."""
    cells, sources = [], []
    for m in _GIVEN_LINE.finditer(text):
        head = m.group("a")
        found_s = first_of(head, SCHEMES)
        found_q = first_of(head, QUANTITIES_ASKED)
        if len(found_s) != 1 or len(found_q) != 1:
            continue
        value = _formula(m.group("v"))
        if value is None:
            continue
        scheme, quantity = found_s[0][1], found_q[0][1]
        if scheme not in schemes:
            r.miss(F.given, f"a given cell names {scheme}, which is not among the schemes read")
            return
        cells.append({F.given_scheme: scheme, F.given_quantity: quantity, F.given_value: value})
        sources.append(phrase(text, m.start(), m.end()))
    if cells:
        r.set(F.given, cells, " | ".join(sources))


def _formula(raw: str) -> str | None:
    """A given cell's value as a formula string, or None if it is not one (``?``, words)."""
    v = raw.strip().rstrip(".,;").strip()
    v = v.replace("·", "*").replace("×", "*").replace("−", "-")
    if not v or not re.fullmatch(r"[A-Za-z0-9_+\-*/^(). ]{1,80}", v):
        return None
    if re.search(r"[A-Za-z]{3,}", v.replace("log", "").replace("ceiling", "")):
        return None
    if not re.search(r"[A-Za-z0-9]", v):
        return None
    return v


# -- extras ----------------------------------------------------------------------------------

def _read_extras(both: str, r: PartReading) -> None:
    quantities = r.value(F.quantities) or []
    for name, pattern in _DTYPES.items():
        m = rx(pattern).search(both)
        if m and not negated(both, m.start()):
            r.set(F.dtype, name, phrase(both, m.start(), m.end()))
            break
    else:
        if "message-bytes" in quantities:
            r.miss(F.dtype, "sizes in bytes are asked but the element type is not stated "
                            "(expected float32, fp16, '4 bytes per parameter', ...)")
    if "time" in quantities:
        _read_cost_model(both, r)
    m = rx(r"\bnot (?:necessarily )?divisible|\buneven(?:ly)?\b|\bremainder\b").search(both)
    if m:
        r.set(F.chunks, "uneven", phrase(both, m.start(), m.end(), pad=20))
    if S.SHARDED_PS.key in (r.value(F.schemes) or []):
        got = assigned_number(both, r"k|servers|shards")
        m = rx(r"(?<![\w.])(\d{1,4}) (?:parameter )?(?:servers|shards)\b").search(both)
        if got is not None and got[0].value.denominator == 1:
            r.set(F.servers, int(got[0].value), got[1])
        elif m:
            r.set(F.servers, int(m.group(1)), m.group(0))
        elif rxc(r"\bk (?:parameter )?(?:servers|shards)\b").search(both):
            r.set(F.servers, "k", "k servers")
        else:
            r.miss(F.servers, "a sharded parameter server without its number of shards "
                              "(expected 'k servers' or '4 servers')")


def _read_cost_model(both: str, r: PartReading) -> None:
    lat = rx(r"\blatency(?: of| is| α)?(?: ?= ?| )").search(both)
    got_lat = None
    if lat:
        got = number_at(both, lat.end())
        if got:
            got_lat = (got, lat.start())
    if got_lat:
        (num, end), start = got_lat
        unit = rx(r"[ ]?(ms|μs|µs|us|ns|seconds|sec|s)\b").match(both, end)
        r.set(F.alpha, _scaled(num, _TIME_UNITS[unit.group(1)] if unit else 1),
              phrase(both, start, unit.end() if unit else end))
    elif rx(r"\blatency\b|\bα\b").search(both):
        r.set(F.alpha, "alpha", "latency α per message")
    else:
        r.miss(F.alpha, "time is asked but no latency per message is stated (expected e.g. "
                        "'latency α = 10 µs' or a symbol α)")
    bw = rx(r"\bbandwidth(?: of| is| B)?(?: ?= ?| )").search(both)
    got_bw = number_at(both, bw.end()) if bw else None
    if got_bw:
        num, end = got_bw
        unit = rx(r"[ ]?(gb/s|gbytes/s|mb/s|kb/s|bytes/s|b/s|gbit/s|gbps|mbit/s)").match(both, end)
        if unit is None:
            r.miss(F.bandwidth, "a bandwidth without units (expected e.g. 10 GB/s)")
        else:
            r.set(F.bandwidth, _scaled(num, _BW_UNITS[unit.group(1).lower()]),
                  phrase(both, bw.start(), unit.end()))
    elif rx(r"\bbandwidth\b").search(both):
        r.set(F.bandwidth, "B", "bandwidth B")
    else:
        r.miss(F.bandwidth, "time is asked but no bandwidth is stated (expected e.g. "
                            "'bandwidth 10 GB/s' or a symbol B)")


def _scaled(num: Num, factor: Any) -> Any:
    from fractions import Fraction

    return Num(num.value * Fraction(str(factor)), num.text).spec_value()


HOOKS = CommunicationReader()
"""This family's reader hooks (see optiproof.reading.registry)."""
