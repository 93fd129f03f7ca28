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
from optiproof.catalogue import SCHEMES as CATALOGUE_SCHEMES
from optiproof.core.text.match import (
    Score,
    assigned_number,
    cue_score,
    first_of,
    negated,
    question_sentences,
    rx,
    rxc,
    sentence_of as _sentence,
    take_asks,
)
from optiproof.core.text.mathobjects import PartObjects
from optiproof.core.text.record import PartReading, PartText, phrase
from optiproof.families.communication.family import (COMMUNICATION, COSTS, IN_BYTES, KEY,
                                                     ON_SERVER)
from optiproof.families.communication.costmodel import gigabyte, read_cost_model
from optiproof.families.communication.roles import read_role
from optiproof.families.communication.spec import DTYPE_BYTES

FAMILY = KEY
F = SimpleNamespace(n="n", p="p", servers="servers", schemes="schemes", quantities="quantities",
                    given="given", dtype="dtype", alpha="alpha", bandwidth="bandwidth",
                    chunks="chunks", given_scheme="scheme", given_quantity="quantity",
                    given_value="value", derived="derived")
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
    "message-bytes": r"\bbytes per message|\bmessage size in bytes|\bsize in bytes of (?:each|the|a|"
                     r"one) message",
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

class CommunicationReader:
    family = FAMILY
    answers = (*COMMUNICATION.answer_keys, Q.CROSSOVER.key, Q.RATIO.key)
    ask_field = F.quantities

    def score(self, flat: str) -> Score:
        return cue_score(flat, CUES)

    def asked(self, r: PartReading) -> list[str]:
        """The catalogue quantities (table columns) the part asks, and its derived asks."""
        return [QUANTITIES.canonical(k) for k in r.value(F.quantities) or []] + \
            [d["kind"] for d in r.value(F.derived) or []]

    def take(self, r: PartReading, asks: list[tuple[str, str]]) -> None:
        """Asked quantities the reader's own tables missed join the table's columns; a per-node
        quantity asked of a server ("how many bytes does the server receive") is the server's."""
        placed = []
        own = r.found.get("texts", ("", ""))[0]
        asks = _in_bytes(r, own, asks)
        for key, source in asks:
            if key == Q.CROSSOVER.key:
                _read_crossover(r, source)
                continue
            if key == Q.RATIO.key:
                _read_ratio(r, source)
                continue
            unit = rx(r"\bin (?:kilo|mega|giga|tera)?bytes\b|\bin ([kmgt]i?b)\b").search(source)
            if key in IN_BYTES and unit and unit.group(1):
                r.miss("unit", f'"{source}" asks for a size in {unit.group(1)}; sizes are '
                               "given in bytes (expected a question in bytes)")
                continue
            if key in ON_SERVER and _of_server(own, source):
                r.answered_by[key] = ON_SERVER[key]
                key = ON_SERVER[key]
            placed.append((key, source))
        take_asks(r, F.quantities, placed, self.answers)
        own, ctx = r.found.get("texts", ("", ""))
        if set(r.value(F.quantities) or []) & set(IN_BYTES):
            gigabyte(own + " " + ctx, r)
        if "time" in (r.value(F.quantities) or []) and F.alpha not in r.fields:
            read_cost_model(own, ctx, r, DTYPE_BYTES[r.value(F.dtype) or "float32"], F.alpha,
                            F.bandwidth)
        if set(r.value(F.quantities) or []) & set(IN_BYTES) and F.dtype not in r.fields:
            r.miss(F.dtype, "sizes in bytes are asked but the element type is not stated "
                            "(expected float32, fp16, '4 bytes per parameter', ...)")

    def applied(self, r: PartReading) -> set[str]:
        """No transformation is expressed by a communication spec."""
        return set()

    def symbol(self, r: PartReading, symbol: str) -> str | None:
        """``T_ring``, ``T(k)``: a time; the letter of the parameters or workers ("for which p
        are the two times equal?"): the crossover of the two schemes' times."""
        if re.match(r"^T(?:_?\w{1,5})?(?:\(.{0,8}\))?$", symbol):
            return Q.TIME.key
        if symbol.rstrip("*^") == r.value(F.p) and isinstance(r.value(F.p), str):
            return Q.CROSSOVER.key
        return None

    def read_part(self, part: PartText, objects: PartObjects,
                  previous: list[PartReading]) -> list[PartReading]:
        own, ctx = part.flat, part.flat_context
        both = ctx + " " + own
        r = PartReading(part.label, FAMILY)
        r.found["texts"] = (own, ctx)
        r.found["previous"] = previous
        read_role(own, ctx, r, F.n, "workers", minimum=2)
        read_role(own, ctx, r, F.p, "parameters", minimum=1)
        _read_average(own + " " + ctx, r)
        schemes = _read_schemes(own, ctx, r)
        _read_quantities(own, ctx, r)
        _read_given(part.own + "\n" + part.context, r, schemes)
        _read_extras(own, ctx, r)
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


def _read_average(text: str, r: PartReading) -> None:
    """'dividing by 16 at the end', 'average over 8': the sum divided by the number of workers
    (recorded as read when the number is n)."""
    n = r.value(F.n)
    if not isinstance(n, int):
        return
    for m in rx(r"\b(?:divid(?:e|es|ed|ing)|averag(?:e|es|ed|ing)|scal(?:e|es|ed|ing))(?: (?:it|"
                r"them|the sum|the result|everything))? (?:by|over) (\d{1,5})\b").finditer(text):
        if int(m.group(1)) == n:
            r.convention("average", m.group(0), "the average divides the sum by n")
    for m in rx(r"\b(?:the|all|these) (\d{1,5}) (?:local |worker |per-worker )?gradients\b"
                ).finditer(text):
        if int(m.group(1)) == n:
            r.convention("gradients", m.group(0), "one gradient per worker")


_BARE_BYTES = re.compile(r"^\(?in bytes\)?$", re.I)
IN_ELEMENTS = {v: k for k, v in IN_BYTES.items()}
"""A cost in elements -> the same cost in bytes."""


def _in_bytes(r: PartReading, own: str, asks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A bare "in bytes" is the unit of what its sentence asks: the size of a message when it
    speaks of a message, else the other sizes it asks, turned into bytes ("how much data does
    each GPU send, in bytes?"); a bare "in bytes" with nothing else to convert is refused."""
    bare = [s for k, s in asks if k == Q.MESSAGE_BYTES.key and _BARE_BYTES.match(s.strip())]
    if not bare:  # "(in bytes)" in parentheses is not an ask of its own, but still the unit
        out = []
        for key, source in asks:
            if key in IN_ELEMENTS and rx(r"\bin bytes\b").search(_sentence(own, source)):
                r.answered_by[key] = IN_ELEMENTS[key]
                key = IN_ELEMENTS[key]
            out.append((key, source))
        return out
    sentence = _sentence(own, bare[0])
    if rx(r"\bmessages?\b").search(sentence):
        return asks  # the size of a message, in bytes
    out = []
    converted = False
    for key, source in asks:
        if key in IN_ELEMENTS and source in sentence:
            r.answered_by[key] = IN_ELEMENTS[key]
            key, converted = IN_ELEMENTS[key], True
        elif key in IN_BYTES and key != Q.MESSAGE_BYTES.key and source in sentence:
            converted = True
        out.append((key, source))
    if converted:
        out = [(k, s) for k, s in out if not (k == Q.MESSAGE_BYTES.key and s in bare)]
        r.answered_by[Q.MESSAGE_BYTES.key] = next(k for k, s in out if k in IN_BYTES)
        return out
    r.miss("unit", f'"{bare[0]}" in "{sentence.strip()[:80]}": which size is asked in bytes is '
                   "not clear (expected e.g. 'how many bytes does each GPU send')")
    return [(k, s) for k, s in out if s not in bare]


_NODE_NOUN = r"\b(?:(servers?)|workers?|gpus?|nodes?|ranks?|process(?:es)?|machines?|devices?|" \
             r"replicas?)\b"


def _of_server(own: str, source: str) -> bool:
    """Whether a per-node ask is of a server: the node its phrase names ("how many bytes does
    the server receive"), else the last node named before it in its clause ("how many values
    does the server send and receive in total")."""
    named = rx(_NODE_NOUN).search(source)
    if named:
        return bool(named.group(1))
    at = own.find(source)
    if at < 0:
        return False
    start = max(own.rfind(c, 0, at) for c in ".?;:!")
    before = list(rx(_NODE_NOUN).finditer(own[start + 1:at]))
    return bool(before and before[-1].group(1))


def _read_crossover(r: PartReading, source: str) -> None:
    """The size at which two schemes' times are equal: a derived crossover of the part's two
    schemes' times, solved for the parameter count (a symbol of the part); refused otherwise."""
    schemes = r.value(F.schemes) or []
    quantities = list(r.value(F.quantities) or [])
    own, ctx = r.found.get("texts", ("", ""))
    timed = Q.TIME.key in quantities or rx(r"\bfaster|\bslower|\btimes?\b|\bT_").search(
        source + " " + own)
    if len(schemes) == 1:  # "the ring is faster" (than the other scheme of the context)
        shared = list(dict.fromkeys(n for _, n, _ in first_of(ctx, SCHEMES)))
        if len(shared) == 2 and schemes[0] in shared:
            schemes = [schemes[0]] + [x for x in shared if x != schemes[0]]
            r.set(F.schemes, schemes, r.fields[F.schemes].source)
    letters = set(rx(r"(?<![\w^_])([A-Za-z])(?![\w(])").findall(source)) - {"a", "A", "I"}
    if len(schemes) != 2 or not timed or not isinstance(r.value(F.p), str) or \
            letters - {r.value(F.p)}:
        r.miss(F.derived, f'"{source}" asks where two costs meet; expected two schemes, times '
                          "compared, and the parameter count as a symbol")
        return
    if Q.TIME.key not in quantities:
        r.set(F.quantities, quantities + [Q.TIME.key], r.fields[F.quantities].source
              if F.quantities in r.fields else source)
        read_cost_model(own, ctx, r, DTYPE_BYTES[r.value(F.dtype) or "float32"], F.alpha,
                        F.bandwidth)
    r.set(F.derived, [{"kind": Q.CROSSOVER.key, "of": f"time[{schemes[0]}]",
                       "to": f"time[{schemes[1]}]", "solve_for": r.value(F.p)}], source)


_OF_PARTS = (r"\bratio of (?:your |the )?answers? (?:in|to|of|from) (?:part |question )?\(?([a-h]|"
             r"\d{1,2})\)? to (?:your |the |that )?(?:answers? )?(?:in|to|of|from)? ?(?:part |question )?"
             r"\(?([a-h]|\d{1,2})\)")
_OF_PHRASES = r"\bratio\W{0,3}\(([^()]{3,80})\) ?/ ?\(([^()]{3,80})\)"
_SHORT = {r"\btotal\b": Q.TOTAL_VOLUME.key}
"""Short names an operand may use for a quantity ("(ring total)")."""


def _operand_of_part(r: PartReading, label: str) -> tuple[str, str] | None:
    """(quantity, scheme) of an earlier part that asked one quantity of one scheme, with the
    same workers, parameters, element type and servers as this part (else its answer is not
    this part's cell)."""
    for p in r.found.get("previous", []):
        if p.label == label and p.family == FAMILY:
            asked, schemes = p.value(F.quantities) or [], p.value(F.schemes) or []
            same = all(p.value(f) == r.value(f) for f in (F.n, F.p, F.dtype, F.servers))
            if len(asked) == 1 and len(schemes) == 1 and same:
                return asked[0], schemes[0]
    return None


def _abbreviations(text: str) -> dict[str, str]:
    """Abbreviations the text defines for schemes: "parameter server (PS)" -> PS."""
    out = {}
    for m in CATALOGUE_SCHEMES.mentions(text):
        abbr = rxc(r"(?: [a-z-]{2,15}){0,2} ?\(([A-Z][A-Za-z0-9]{1,5})\)").match(text, m.end)
        if abbr:
            out[abbr.group(1)] = m.entry.key
    return out


def _operand_in_words(text: str, schemes: list[str], defined: dict[str, str] | None = None
                      ) -> tuple[str, str] | None:
    """(quantity, scheme) an operand such as "values sent by one GPU in the ring" names."""
    found = [m.entry.key for m in QUANTITIES.mentions(text) if m.entry.key in
             {q.key for q in COSTS}]
    found += [key for pattern, key in _SHORT.items() if not found and rx(pattern).search(text)]
    named = list(dict.fromkeys([n for _, n, _ in first_of(text, SCHEMES)] +
                               [m.entry.key for m in CATALOGUE_SCHEMES.mentions(text)] +
                               [k for a, k in (defined or {}).items()
                                if rxc(rf"\b{re.escape(a)}\b").search(text)]))
    if len(found) != 1:
        return None
    key = found[0]
    if key in ON_SERVER and rx(r"\bservers?\b").search(text):
        key = ON_SERVER[key]
    if not named and key.startswith("server-"):
        named = [s for s in schemes if s in (S.PARAMETER_SERVER.key, S.SHARDED_PS.key)]
    return (key, named[0]) if len(named) == 1 else None


def _read_ratio(r: PartReading, source: str) -> None:
    """A ratio of two answers: of earlier parts ("the ratio of your answer in (b) to your
    answer in (c)") or named in words ("ratio (ring total)/(PS total)"), as a derived ratio of
    this part's cells; refused when an operand is not one quantity of one scheme."""
    own, ctx = r.found.get("texts", ("", ""))
    schemes = list(dict.fromkeys(n for _, n, _ in first_of(ctx + " " + own, SCHEMES)))
    m = rx(_OF_PARTS).search(own)
    words = rx(_OF_PHRASES).search(own)
    if m:
        operands = [_operand_of_part(r, m.group(i).lower()) for i in (1, 2)]
    elif words:
        defined = _abbreviations(ctx + " " + own)
        operands = [_operand_in_words(words.group(i), schemes, defined) for i in (1, 2)]
    else:
        operands = [None]
    if any(o is None for o in operands):
        r.miss(F.derived, f'"{source}": the two quantities of the ratio are not each one cost '
                          "of one scheme (expected 'the ratio of your answer in (b) to your "
                          "answer in (c)' or 'ratio (ring total)/(PS total)')")
        return
    (q1, s1), (q2, s2) = operands
    r.set(F.schemes, list(dict.fromkeys([s1, s2])), (m or words).group(0))
    quantities = [q for q in r.value(F.quantities) or [] if q in (q1, q2)] or []
    r.set(F.quantities, list(dict.fromkeys(quantities + [q1, q2])), (m or words).group(0))
    if set(r.value(F.quantities)) & set(IN_BYTES) and F.dtype not in r.fields:
        r.miss(F.dtype, "sizes in bytes are asked but the element type is not stated")
    r.set(F.derived, [*(r.value(F.derived) or []),
                      {"kind": Q.RATIO.key, "of": f"{q1}[{s1}]", "to": f"{q2}[{s2}]"}],
          (m or words).group(0))


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


_RD_PHASE = (r"\b(?:all[- ]gather|reduce[- ]scatter)(?: phase)? (?:is )?(?:done )?(?:by|via|using|"
             r"with) recursive[- ]doubling\b|\brecursive[- ]doubling[- ]all[- ]gather\b")
"""Recursive doubling as the all-gather phase of Rabenseifner's algorithm, not a scheme."""
_RS_AG = r"\breduce[- ]scatter (?:\+|and|followed by|then) (?:an )?all[- ]gather\b"
"""The two phases of a bandwidth-optimal all-reduce (the ring's, when the ring is the scheme)."""


def _phases(own: str, ctx: str, r: PartReading) -> tuple[str, str]:
    """The texts with Rabenseifner's recursive-doubling phase blanked (recorded as read)."""
    if not rx(SCHEMES[S.RABENSEIFNER.key]).search(own + " " + ctx):
        return own, ctx
    out = []
    for text in (own, ctx):
        for m in rx(_RD_PHASE).finditer(text):
            r.convention("phase", m.group(0), "the all-gather phase of Rabenseifner's algorithm, "
                                              "not the recursive-doubling scheme")
            text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
        out.append(text)
    return out[0], out[1]


_HALVING_SIZES = (r"\bp ?/ ?(\d{1,6}|n)(?:, ?(?:p ?/ ?(?:\d{1,6}|n)|\.\.\.|…|\. \. \.|"
                  r"\\dots|dots)){1,8}")
"""A listed run of message sizes p/2, p/4, ..., p/n (Rabenseifner's halving and doubling)."""


def _rabenseifner_sizes(own: str, ctx: str, r: PartReading) -> None:
    """Message sizes listed for Rabenseifner's rounds: recorded as read when every one is p/2^j
    with 2^j at most n (they are the schedule's sizes, which the derivation states)."""
    n = r.value(F.n)
    for text in (own, ctx):
        for m in rx(_HALVING_SIZES).finditer(text):
            ds = rx(r"p ?/ ?(\d{1,6}|n)").findall(m.group(0))
            nums = [int(d) for d in ds if d.isdigit()]
            if all(d >= 2 and d & (d - 1) == 0 and (not isinstance(n, int) or d <= n)
                   for d in nums):
                r.convention("message sizes", m.group(0), "the sizes p/2^j of Rabenseifner's "
                                                          "rounds")


_BROKEN = re.compile(r"(?<=[a-z])- (?=[a-z])")
"""A word broken at a line end ("recursive dou- bling")."""


def _read_schemes(own: str, ctx: str, r: PartReading) -> list[str]:
    own, ctx = _BROKEN.sub("", own), _BROKEN.sub("", ctx)
    names = _scheme_names(*_phases(own, ctx, r), r)
    if S.RABENSEIFNER.key in names:
        _rabenseifner_sizes(own, ctx, r)
    if S.RING.key in names and S.RABENSEIFNER.key not in names:
        for text in (own, ctx):
            for m in rx(_RS_AG).finditer(text):
                r.convention("phases", m.group(0), "the two phases of the ring all-reduce")
    return names


_PHASE_ALONE = r"\b(?:ring[- ])?(?:reduce[- ]scatter|all[- ]gather)\b"


def _scheme_names(own: str, ctx: str, r: PartReading) -> list[str]:
    alone = rx(_PHASE_ALONE).search(own)
    if alone and not rx(r"\ball[- ]?reduce\b|\ballreduce\b").search(own) and \
            not rx(_RS_AG).search(own) and rx(r"\bring[- ](?:reduce|all)").search(own):
        r.miss(F.schemes, f'"{alone.group(0)}" names one phase of an all-reduce, which is not '
                          "counted on its own (expected a whole all-reduce: ring, tree, "
                          "recursive doubling, rabenseifner, parameter server, all-to-all)")
        return []
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
        asked = question_sentences(own) + " " + question_sentences(ctx, fallback=False)
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

def _read_extras(own: str, ctx: str, r: PartReading) -> None:
    both = ctx + " " + own
    quantities = r.value(F.quantities) or []
    for name, pattern in _DTYPES.items():
        m = rx(pattern).search(both)
        if m and not negated(both, m.start()):
            r.set(F.dtype, name, phrase(both, m.start(), m.end()))
            break
    else:
        if set(quantities) & set(IN_BYTES):
            r.miss(F.dtype, "sizes in bytes are asked but the element type is not stated "
                            "(expected float32, fp16, '4 bytes per parameter', ...)")
    if "time" in quantities:
        read_cost_model(own, ctx, r, DTYPE_BYTES[r.value(F.dtype) or "float32"], F.alpha,
                        F.bandwidth)
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


HOOKS = CommunicationReader()
"""This family's reader hooks (see optiproof.reading.registry)."""
