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
    sentences,
    take_asks,
)
from optiproof.core.text.mathobjects import PartObjects
from optiproof.core.text.numbers import find_numbers
from optiproof.core.text.record import PartReading, PartText, phrase
from optiproof.families.communication.family import (COMMUNICATION, COSTS, IN_BYTES, KEY,
                                                     ON_SERVER, SCHEME_FREE)
from optiproof.families.communication.costmodel import gigabyte, read_cost_model
from optiproof.families.communication.phases import phase_subject, read_phases
from optiproof.families.communication.roles import PARAMETER_NOUNS, WORKER_NOUNS, read_role
from optiproof.families.communication.spec import DTYPE_BYTES
from optiproof.families.communication.statedtimes import check_stated_times
from optiproof.families.communication.subjects import of_all_nodes
from optiproof.families.communication.symbolic import check_formula_costs, read_formula_request

FAMILY = KEY
F = SimpleNamespace(n="n", p="p", servers="servers", schemes="schemes", quantities="quantities",
                    given="given", dtype="dtype", alpha="alpha", bandwidth="bandwidth",
                    chunks="chunks", given_scheme="scheme", given_quantity="quantity",
                    given_value="value", derived="derived", log2_n="log2_n",
                    faster_for="faster_for")
"""Spec field names of the communication family (and of its given cells)."""

CUES = [
    (r"\bworkers?\b|\bgpus\b|\bnodes\b", 2), (r"\bparameter[- ]server", 3),
    (r"\ball[- ]?reduce\b", 3), (r"\bmessages?\b", 2), (r"\bdistributed\b", 1),
    (r"\bcommunicat", 1), (r"\ball[- ]to[- ]all\b", 2), (r"\bdata[- ]parallel", 2),
]

_CENTRAL_NODE = (r"(?:a|one|the|an?(?: extra| additional)?) (?:single |extra |additional )?(?:central(?:i[sz]ed)? |"
                 r"separate |dedicated |master |coordinator |aggregator |root )+(?:(?:parameter|aggregation|"
                 r"aggregator|coordinator|server) )?(?:server|machine|node|host|process|box)\b(?! shards?)")
_CENTRAL = (rf"\b(?:to|at|on|into|via|through|onto) {_CENTRAL_NODE}|\b{_CENTRAL_NODE},?(?: (?:that|which))? "
            r"(?:receives?|collects?|gathers?|aggregates?|averages?|sums?|accumulates?)\b|"
            r"\b(?:acts?|serves?|works?) as (?:a |the )?(?:central |single |dedicated )?server\b")
"""A parameter server named by what it does: every worker sends "to a central machine", "a
separate server node receives each gradient", "one extra machine acts as server" (a node merely
mentioned, "with a dedicated server node", names no scheme)."""
_NEIGHBOURS = (r"\b(?:each|every) (?:node|worker|gpu|rank|machine|process|device)(?: only)? (?:talks|"
               r"communicates|exchanges (?:data|messages|chunks)|sends (?:data|messages|chunks))(?: only)? "
               r"(?:with|to) (?:its|their|the) (?:two |2 )?(?:adjacent |immediate |nearest |direct )?"
               r"neighbou?rs\b")
"""A ring named by its description: "each node talks to its two neighbours"."""

_SERVER_NODES = (r"(?:(?:parameter[- ])?servers|server (?:machines|nodes|processes|hosts|shards)|ps "
                 r"(?:nodes|shards|machines)|shards)")
_SHARDED_OVER = (r"\b(?:param(?:eter)?[- ]server|ps|parameters|model|weights|gradient)s? (?:is |are )?"
                 r"(?:\w+ly )?(?:sharded|split|partitioned|divided|spread|distributed)(?: \w+ly)? "
                 r"(?:over|across|among|between|into) (?:the |its )?(?:[A-Za-z] ?= ?)?"
                 r"(?:\d{1,4}|k|two|three|four|five|six|eight|ten|sixteen)? ?" + _SERVER_NODES + r"\b")
"""A sharded parameter server named by what is divided over what ("the parameters are sharded
evenly over 8 parameter servers", "a parameter server sharded over S = 4 server machines",
"the model is split across k servers"): several servers, each owning a shard."""

SCHEMES = {
    S.SHARDED_PS.key: r"\bsharded parameter[- ]servers?|\b(?:\d{1,4}|k) (?:parameter )?"
                                r"server shards|\bsharded (?:ps|server)|" + _SHARDED_OVER,
    S.ALL_TO_ALL.key: r"\ball[- ]?to[- ]?all\b|\ball2all\b|\b(?:every|each) (?:gpu|worker|node|rank) "
                      r"(?:just |simply )?sends? its (?:full|whole|entire|complete) gradient to "
                      r"(?:each|every|all) (?:of )?(?:the )?other\b|" + "|".join(S.ALL_TO_ALL.phrases),
    S.PARAMETER_SERVER.key: r"\bparam(?:eter)?[- ]server\b(?! shard)|" + _CENTRAL,
    S.RING.key: r"\bring[- ]?all[- ]?reduce\b|\bring\b|" + _NEIGHBOURS,
    S.TREE.key: r"\btree[- ]?(?:based )?all[- ]?reduce\b|\b(?:binary|binomial)[- ]tree\b|"
                r"\btree[- ](?:scheme|algorithm|method|approach|strategy|collective|schedule|"
                r"variant|version)s?\b|"
                      r"\breduce[- ](?:then[- ]|and[- ])?broadcast\b",
    S.RECURSIVE_DOUBLING.key: r"\brecursive[- ]doubling\b|\bbutterfly\b",
    S.RABENSEIFNER.key: r"\brabenseifner\b|\brecursive[- ]halving\b",
}
_IN_BYTES_OF = "".join(f"(?<!bytes {w} the )" for w in ("does", "do", "will", "would", "must",
                                                         "sent by", "received by", "that the"))
"""Not the busiest node's elements when its bytes are asked ("how many bytes does the busiest
node send": the catalogue's bytes sent by the busiest node)."""
QUANTITIES_ASKED = {
    "messages": r"\bnumber of messages|\bmessages sent\b|\bhow many messages(?! (?:does|do|will|"
                r"would) (?:each|every|one|a single|any) )|\bmessage count|\b# ?messages",
    "message-size": r"\bsize of (?:each|a|one) message(?! in bytes)|" + Q.SIZE_NOT_SET +
                    r"\bmessage size(?! in bytes)" + Q.SIZE_NOT_DEFINED +
                    r"(?![^.?]{0,40}\b(?:above|below|beyond|under) which)|\bhow (?:large|big) is "
                    r"(?:each|a) message|\belements per message",
    "message-bytes": r"\bbytes per message|\bmessage size in bytes|\bsize in bytes of (?:each|the|a|"
                     r"one) message",
    "total-volume": r"\btotal (?:volume|amount of data|data (?:sent|moved)|number of elements "
                    r"sent|traffic)",
    "busiest-traffic": r"\btraffic (?:of|at|through) the (?:busiest|most (?:heavily )?loaded|"
                       r"bottleneck) (?:node|worker|gpu|machine|rank)\b|\b(?:busiest|most "
                       r"(?:heavily )?loaded) (?:node|worker|gpu|machine|rank)'?s? traffic\b",
    "busiest-sent": r"(?<!traffic of the )(?<!traffic at the )" + _IN_BYTES_OF + r"\b(?:busiest|most (?:heavily )?loaded|"
                    r"most congested) (?:node|worker|gpu|machine|rank)(?!'?s? traffic)|\bbottleneck (?:node|link)|\bmost (?:data|"
                    r"messages|elements) (?:is )?sent by (?:any|one|a single)",
    "busiest-received": r"\bmost (?:data|messages|elements) (?:is )?received by|\breceived by "
                        r"the busiest",
    "rounds": r"\bnumber of (?:communication )?(?:rounds|steps)|\bhow many (?:(?:sequential|"
              r"communication|parallel|synchronous) ){0,2}(?:rounds|steps)|"
              r"\bsequential (?:communication )?(?:rounds|steps)|\blatency steps",
    "time": r"\b(?:total |communication |wall[- ]clock )?time\b[^.?]{0,40}\b(?:latency|"
            r"bandwidth|α)|\bhow long does|\bα[- ]β model|\blatency[- ]bandwidth model",
    "bandwidth-ratio": r"\bratio to the (?:bandwidth )?lower bound|\bhow far from (?:the )?"
                       r"(?:optimal|lower bound)",
}
_DTYPES = {
    "byte": r"\b[a-zA-Z] (?:is |being )?(?:measured|counted|expressed|given) in bytes\b|\b(?:with|where) "
            r"[a-zA-Z] (?:is )?in bytes\b|\bsizes? (?:are |is )?(?:measured|counted) in bytes\b",
    "float32": r"\bfloat32\b|\bfp32\b|\bsingle[- ]precision|\b32[- ]bit (?:floats?|values)|"
               r"\b4 bytes (?:per|each)|\b4[- ]byte (?:floats?|values|numbers|entries|elements|words)\b|"
               r"\b32[- ]bit (?:gradients?|parameters|weights|numbers|entries|elements|precision)\b",
    "float16": r"\bfloat16\b|\bfp16\b|\bhalf[- ]precision|\b16[- ]bit (?:floats?|values)|"
               r"\b2 bytes (?:per|each)|\b2[- ]byte (?:floats?|values|numbers|entries|elements|words)\b|"
               r"\b16[- ]bit (?:gradients?|parameters|weights|numbers|entries|elements|precision)\b",
    "bfloat16": r"\bbfloat16\b|\bbf16\b",
    "float64": r"\bfloat64\b|\bfp64\b|\bdouble[- ]precision|\b64[- ]bit (?:floats?|values)|"
               r"\b8 bytes (?:per|each)|\b8[- ]byte (?:floats?|values|numbers|entries|elements|words)\b|"
               r"\b64[- ]bit (?:gradients?|parameters|weights|numbers|entries|elements|precision)\b",
}

class CommunicationReader:
    family = FAMILY
    answers = (*COMMUNICATION.answer_keys, Q.CROSSOVER.key, Q.RATIO.key, Q.DIFFERENCE.key,
               Q.SPEEDUP.key)
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
        in_bytes = any(k in IN_BYTES for k, _ in asks)
        to_bytes: set[str] = set()
        ratios, fractions, scaled = [], [], []
        carried = _sentence_units(own, asks)
        for key, source in asks:
            if key == Q.CROSSOVER.key:
                if any(isinstance(d, dict) and d.get("kind") == Q.CROSSOVER.key
                       for d in r.value(F.derived) or []):
                    continue   # "..., below which size? Give the exact crossover.": asked again
                _read_crossover(r, source)
                _crossover_in_unit(r, source)
                continue
            if key == Q.LIMIT_OF.key:   # read with the part's costs (_read_limit)
                continue
            if key == Q.TOTAL_VOLUME.key and rx(r"\bover (?:all|every)\b").search(source) and \
                    set(r.value(F.schemes) or []) & {S.PARAMETER_SERVER.key, S.SHARDED_PS.key}:
                r.miss(F.quantities, f'"{source}": the sum over the workers is not the total '
                                     "volume when a server also sends (expected 'total volume' or "
                                     "'values sent by one worker')")
                continue
            if key in (Q.RATIO.key, Q.SPEEDUP.key):   # a speed-up is a ratio of two times
                if key == Q.SPEEDUP.key:
                    r.answered_by[key] = Q.RATIO.key
                ratios.append(source)
                continue
            if key in (Q.MESSAGE_SIZE.key, Q.MESSAGE_BYTES.key) and rx(r"\bchunks?\b").search(
                    source) and not set(r.value(F.schemes) or ["?"]) <= _CHUNK_IS_MESSAGE:
                r.miss("chunk", f'"{source}": a chunk is one message only in the ring all-reduce '
                                "and its phases (expected the size of each message, or a ring "
                                "scheme)")
                continue
            if key == Q.DIFFERENCE.key:
                _read_saving(r, _sentence(own, source) or source, source)
                continue
            if key == Q.LATENCY_TIME.key and rx(r"\b(?:fraction|share|proportion|percentage)\b"
                                                ).search(_sentence(own, source) or source):
                fractions.append(source)
                continue
            sentence = _sentence(own, source)
            after = _up_to_next_ask(sentence[sentence.find(source):] if source in sentence
                                    else source, source, asks)
            unit = rx(_UNIT).search(after) or rx(_UNIT_NOUN).search(source) or \
                _answer_unit(r, _UNIT)
            if unit is None and (key in IN_BYTES or key in IN_ELEMENTS or key in SCHEME_FREE) and \
                    not rx(_ELEMENT_NOUN).search(source):
                unit = carried.get(sentence, carried.get(""))
            if key in IN_ELEMENTS and (unit or (in_bytes and not rx(_ELEMENT_NOUN).search(
                    sentence or source))):
                # "how much data (in GB)": the size in bytes; so too a total asked without a
                # unit beside a count in bytes ("how many bytes does each GPU send? What is the
                # total volume sent by all GPUs?")
                r.answered_by[key] = IN_ELEMENTS[key]
                if not unit:
                    to_bytes.add(key)
                key = IN_ELEMENTS[key]
            if (key in IN_BYTES or key in SCHEME_FREE) and unit:
                scale = _unit_scale(unit, " ".join(r.found.get("texts", ("", ""))), r)
                if scale is None:
                    continue
                scaled.append((key, scale, unit.group(0).split()[-1].strip("()"), source))
            if key == Q.TIME.key and r.answered_by.get(key) == Q.LATENCY_TIME.key:
                key = Q.LATENCY_TIME.key  # the part drops the bandwidth terms
            clock = rx(_TIME_IN).search(after) or rx(_TIME_WORD_IN).search(sentence or "") or \
                _answer_unit(r, _TIME_IN)
            proper = r.found.get("proper")
            if proper and source not in proper:   # a repeated part's request, in the new unit
                unit = _repeat_unit(proper, _UNIT, r"\bin bytes\b", unit)
                clock = _repeat_unit(proper, _TIME_IN_ANY, r"\bin (?:s|secs?|seconds?)\b", clock)
            if key in (Q.TIME.key, Q.LATENCY_TIME.key) and clock:   # "time (in ms)"
                name = clock.group(1).lower().replace("µ", "μ")
                scale = "1/1000" if name == "ms" or name.startswith("milli") else "1/1000000"
                scaled.append((key, scale, clock.group(1), source))
            if rx(r"\bservers?\b").search(source) and not set(r.value(F.schemes) or []) & {
                    S.PARAMETER_SERVER.key, S.SHARDED_PS.key}:
                r.miss(F.quantities, f'"{source}" asks about a server, but no scheme read has '
                                     "one (expected a parameter server among the schemes)")
                continue
            key = of_all_nodes(key, source, sentence, r.value(F.schemes) or [], r, "node")
            if key is None:
                continue
            if key in ON_SERVER and _of_server(own, source):
                r.answered_by[key] = ON_SERVER[key]
                key = ON_SERVER[key]
            if key in _AT_ROOT and _of_root(" ".join(r.found.get("texts", ("", ""))), sentence, r):
                r.answered_by[key] = _AT_ROOT[key]
                key = _AT_ROOT[key]
            placed.append((key, source))
        summed = _total_over_senders(own, placed, r)
        for total, source in summed:   # "bytes sent per GPU and total over the GPUs, in GB"
            base = next((k for k, t in _SUMMED.items() if t == total), None)
            at = own.find(source)
            unit = rx(_UNIT).match(own[at + len(source):at + len(source) + 30].lstrip(", ")) \
                if at >= 0 else None
            if unit is not None:   # "... and the total over all GPUs (in GB)": its own unit
                scale = _unit_scale(unit, " ".join(r.found.get("texts", ("", ""))), r)
                if scale is not None:
                    scaled.append((total, scale, unit.group(0).split()[-1].strip("()"), source))
                continue
            scaled += [(total, x[1], x[2], source) for x in scaled if x[0] == base][:1]
        placed += summed
        placed, phased = _server_phase(own, placed, r)
        scaled = [x for x in scaled if x[3] not in phased]
        take_asks(r, F.quantities, placed, self.answers)
        if to_bytes - {k for k, _ in placed}:   # the element count the table took is asked in bytes
            r.set(F.quantities, [q for q in r.value(F.quantities) or [] if q not in to_bytes],
                  r.fields[F.quantities].source)
        _one_node_totals(own, r)
        own_schemes = list(r.value(F.schemes) or [])   # the ratio may add its operands' schemes
        for source in ratios:  # after the part's own asks: a ratio divides two of them
            _read_ratio(r, source, {k for k, _ in placed})
        if not ratios:
            _time_quotient(own, r)
        for source in fractions:
            _latency_fraction(r, source)
        for key, scale, unit, source in scaled:
            _in_unit(r, r.answered_by.get(key, key) if key in ON_SERVER else key, scale, unit,
                     source, own_schemes)
        own, ctx = r.found.get("texts", ("", ""))
        if set(r.value(F.quantities) or []) & set(IN_BYTES) or F.bandwidth in r.fields:
            gigabyte(own + " " + ctx, r)
        if F.alpha not in r.fields:
            _read_times(own, ctx, r)
        check_formula_costs(r)
        earlier = " ".join(q.found.get("texts", ("", ""))[0] for q in r.found.get("previous", [])
                           if q.family == FAMILY)
        check_stated_times(f"{ctx} {earlier} {own}", r, F)
        _gradient_of_part(own, r)
        _setting_of_part(own, r)
        _same_values(own, r)
        _scope(own, r)
        _concurrent(own, r)
        _read_case(own, r)
        _binary_tree(own + " " + ctx, r)
        _traffic_defined(own + " " + ctx, r)
        _unsupported(own, r)
        _faster_beyond_crossover(own, r)
        _busiest_in_bytes(r)
        _scheme_free(r)
        if set(r.value(F.quantities) or []) & {*IN_BYTES, *SCHEME_FREE} and F.dtype not in r.fields:
            r.miss(F.dtype, "sizes in bytes are asked but the element type is not stated "
                            "(expected float32, fp16, '4 bytes per parameter', ...)")
        _dtype_unsaid(r)

    def continuation(self, r: PartReading, sentence: str,
                     asks: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """"What does this tend to as n → ∞?": a limit of the part's cost, placed here and read
        (or refused, naming it) with the part's costs."""
        m = rx(_LIMIT).search(sentence)
        if m is None or rx(_BANDWIDTH_ALONE).search(sentence):
            return []
        return [(Q.LIMIT_OF.key, m.group(0))]

    def applied(self, r: PartReading) -> set[str]:
        """No transformation is expressed by a communication spec."""
        return set()

    def operand_quantity(self, r: PartReading, quantity: str, phrase: str) -> str | None:
        """The cost an operand of a derived quantity names in this part: a per-node cost named
        of a server ("the ratio of how many bytes the server receives to ...") is the server's;
        None when the phrase's words name another cost or several ("values sent + received by
        the server" is no count of values sent)."""
        costs = {q.key for q in COSTS}
        named = {m.entry.key for m in QUANTITIES.mentions(phrase) if m.entry.key in costs}
        if named - {quantity, ON_SERVER.get(quantity)}:
            return None
        own = r.found.get("texts", ("", ""))[0]
        return ON_SERVER[quantity] if quantity in ON_SERVER and _of_server(own, phrase) \
            else quantity

    def equal_answer(self, r: PartReading, quantity: str) -> str | None:
        """The answer of part ``r`` equal to ``quantity`` there: a count of elements is the
        same count in bytes when the gradient is counted in bytes (an element is one byte: "a
        gradient of M = 1 GB"), so "the per-worker amount in (a)" is the bytes (a) answers."""
        if r.value(F.dtype) == "byte" and quantity in IN_ELEMENTS:
            return IN_ELEMENTS[quantity]
        return None

    def symbol(self, r: PartReading, symbol: str) -> str | None:
        """``T_ring``, ``T(k)``: a time; the letter of the parameters or workers ("for which p
        are the two times equal?"): the crossover of the two schemes' times."""
        if re.match(r"^T(?:_?\w{1,5})?(?:\(.{0,8}\))?$", symbol):
            return Q.TIME.key
        if symbol.rstrip("*^") == r.value(F.p) and isinstance(r.value(F.p), str):
            return Q.CROSSOVER.key
        return None

    def subject(self, r: PartReading, sentence: str) -> bool:
        """Whether a request names only one scheme this part answers ("And scheme A?", "What
        about the ring?", "and how many by the tree scheme?"): the part's other requests asked
        of it."""
        if phase_subject(sentence, r.value(F.schemes) or []):
            return True
        m = rx(r"^(?:(?:and|what about|how about|same for|and what about|(?:and )?how (?:many|much)"
               r"(?= (?:for|by|in|with|of)\b))(?: (?:for|by|in|with|of|under|using))?|"
               r"(?:for|by|with|under|using|in))"
               r"(?: the| a)? (.{2,60}?)(?: one| case| version)?\s*\??$").match(sentence.strip())
        if m is None:
            return False
        own, ctx = r.found.get("texts", ("", ""))
        named = [n for _, n, s in first_of(m.group(1), SCHEMES) if s.strip() == m.group(1).strip()]
        if not named:
            named = [n for n, _ in _labelled(m.group(1), ctx + " " + own)
                     if rx(rf"^{_LABEL}$").match(m.group(1).strip())]
        return len(named) == 1 and named[0] in (r.value(F.schemes) or [])

    def read_part(self, part: PartText, objects: PartObjects,
                  previous: list[PartReading]) -> list[PartReading]:
        own, ctx = part.flat, part.flat_context
        both = ctx + " " + own
        r = PartReading(part.label, FAMILY)
        r.found["texts"] = (own, ctx)
        r.found["previous"] = previous
        proper = _before_repeated(own, previous)
        r.found["proper"] = proper
        for name, role, least in ((F.n, "workers", 2), (F.p, "parameters", 1)):
            # "Repeat Q2 for M = 400 MB": the count the repeating words set replaces the
            # repeated part's own
            changed = proper is not None and _count_set_in(proper, ctx, name, role, least)
            read_role(proper if changed else own, ctx, r, name, role, minimum=least)
        _varied(own, r)
        _flattened_count(own + " " + ctx, r)
        _read_levels(r)
        _power_of_two(own + " " + ctx, r)
        _read_average(own + " " + ctx, r)
        read_formula_request(own, both, r)
        schemes = _read_schemes(own, ctx, r)
        _read_quantities(own, ctx, r)
        _read_given(part.own + "\n" + part.context, r, schemes)
        _read_extras(own, ctx, r)
        _varied_in_bytes(own, ctx, r)
        _read_table_shape(objects, r)
        return [r]


_SERVER_PHASE = r"\b(?:in|during|for|of) (?:the|its|their|each|one) (push|pull)(?:[- ]?(?:phase|step|stage))?\b"
_PHASE_COSTS = {"push": {Q.VALUES_SENT.key, Q.BYTES_SENT.key, Q.SERVER_VALUES_RECEIVED.key,
                         Q.SERVER_BYTES_RECEIVED.key},
                "pull": {Q.VALUES_RECEIVED.key, Q.BYTES_RECEIVED.key, Q.SERVER_VALUES_SENT.key,
                         Q.SERVER_BYTES_SENT.key}}
"""What one phase of a parameter server leaves whole: the push moves every byte a worker sends
and a server receives, the pull every byte a server sends and a worker receives."""


def _server_phase(own: str, placed: list[tuple[str, str]], r: PartReading
                  ) -> tuple[list[tuple[str, str]], set[str]]:
    """A cost asked of one phase of a parameter server ("how many GB does each server receive in
    the push phase"): the whole step's cost when that phase moves all of it, else refused naming
    the phase (the counts optiproof gives are of the whole step)."""
    if not set(r.value(F.schemes) or []) & _WITH_SERVER:
        return placed, set()
    kept, phased = [], set()
    for key, source in placed:
        sentence = _sentence(own, source) or source
        tail = sentence[sentence.find(source):] if source in sentence else sentence
        m = rx(_SERVER_PHASE).search(tail[:len(source) + 40])
        if m and key not in _PHASE_COSTS[m.group(1).lower()]:
            r.miss("phase", f'"{source}": a cost of the {m.group(1).lower()} phase alone, which '
                            "optiproof counts only when that phase moves the whole step's cost "
                            "(expected the bytes a worker sends or a server receives in the push, "
                            "or the reverse in the pull)")
            phased.add(source)
            continue
        kept.append((key, source))
    return kept, phased


def _before_repeated(own: str, previous: list[PartReading]) -> str | None:
    """The words of a part that repeats an earlier one ("Repeat Q2 for M = 400 MB."), without
    the repeated part's text the reading appended to them; None when the part repeats none."""
    for q in reversed(previous):
        done = q.found.get("texts", ("", ""))[0] if q.family == FAMILY else ""
        if len(done) >= 12 and len(own) > len(done) + 8 and own.endswith(done):
            return own[:len(own) - len(done)].strip()
    return None


def _count_set_in(words: str, ctx: str, name: str, role: str, least: int) -> bool:
    """Whether ``words`` themselves set a number for the count of ``role`` ("for M = 400 MB",
    the letter M read from the context)."""
    trial = PartReading("?", FAMILY)
    read_role(words, ctx, trial, name, role, minimum=least)
    if not isinstance(trial.value(name), int) or name not in trial.fields:
        return False
    return any(piece and piece in words for piece in trial.fields[name].source.split("; "))


_OVER_SENDERS = (r"(?:,|;|\band\b) ?(?:and )?(?:the |their |its )?(?P<p>(?:sum|total)(?: of them)? (?:over|across|"
                 r"summed over|for|of|by) (?:all |every |the )*(?:\d{1,6} )?(?:workers?|gpus?|nodes?|ranks?|machines?|"
                 r"devices?)(?: together| combined)?)")
"""'bytes sent per worker, and total over all workers?': the second request names no quantity
of its own; it sums the first over every sender."""
_SUMMED = {Q.BYTES_SENT.key: Q.TOTAL_BYTES.key, Q.VALUES_SENT.key: Q.TOTAL_VOLUME.key}


def _total_over_senders(own: str, placed: list[tuple[str, str]], r: PartReading
                        ) -> list[tuple[str, str]]:
    """The sum over all senders of the count one sender sends, asked right after it without a
    quantity of its own: the total over the network (no server scheme: every sender is a
    worker), placed with the item as its source."""
    if set(r.value(F.schemes) or []) & {S.PARAMETER_SERVER.key, S.SHARDED_PS.key}:
        return []
    for key, source in placed:
        at = own.find(source)
        if key not in _SUMMED or at < 0 or _SUMMED[key] in {k for k, _ in placed}:
            continue
        end = at + len(source)
        node = rx(r" ?(?:each |one |a single |every )?(?:gpu|worker|node|rank|process|machine|"
                  r"device)s?\b").match(own, end)   # "bytes sent per | GPU and total over ..."
        end = node.end() if node else end
        m = rx(_OVER_SENDERS).match(own, end) or rx(_OVER_SENDERS).match(own, end + 1)
        if m is not None:
            return [(_SUMMED[key], m.group("p"))]
    return []


_SIZES_SIDE = (r"\b(?:for|with|at|on) (?:(?:much|very|even) )?(?P<w>larger|bigger|large|big|longer|huge|"
               r"greater|smaller|small|tiny|shorter|lower)(?: \w+)? (?:buffers?|messages?|vectors?|"
               r"gradients?|models?|sizes?|payloads?|tensors?|values|(?:values? of )?[A-Za-z](?![\w(]))|"
               r"\b(?P<d>above|beyond|past|over|below|under) (?:it|this|that|the (?:crossover|threshold|"
               r"break-?even)(?: size| point| value)?)\b")
"""'For larger buffers, which one wins?', 'which is faster above it?': the faster scheme asked for
large (or small) sizes, on one side of the crossover."""


def _faster_beyond_crossover(own: str, r: PartReading) -> None:
    """The faster scheme asked for large or small sizes where the parameter count is a symbol:
    which wins there (beyond every crossover), not at a number the part does not give."""
    if Q.FASTER.key not in (r.value(F.quantities) or []) or not isinstance(r.value(F.p), str):
        return
    m = rx(_SIZES_SIDE).search(own)
    if m is None:
        return
    word = (m.group("w") or m.group("d")).lower()
    large = word in ("larger", "bigger", "large", "big", "longer", "huge", "greater", "above",
                     "beyond", "past", "over")
    r.set(F.faster_for, "large" if large else "small", phrase(own, m.start(), m.end()))


_VARIED = (r"\blet ([A-Za-z]) (?:vary|be (?:free|arbitrary|variable))\b|\b(?:but|now) vary ([A-Za-z])\b|"
           r"\b([A-Za-z]) (?:is )?(?:now )?(?:left )?(?:free|variable|arbitrary)\b(?! to\b)")
"""A part that frees the parameter count the text fixed ('keep n, α, β fixed but let p
vary'): in that part it is the letter again."""


_SCOPE = (r"\b(?:the )?(?:total )?(?:cost|costs|price|bill) (?:of|for) (?:one|a single|a|each|every|"
          r"the) (?:(?:gradient|averaging|synchroni[sz]ation|communication|training|all-?reduce|"
          r"sync) )?(?:round|step|iteration|exchange|synchroni[sz]ation|all-?reduce|averaging)\b")
"""'..., the cost of one averaging round': what the listed quantities count (one
synchronisation step), not a quantity of its own."""


_ONE_NODE_COUNTS = (r"\bhow many (?:\w+ ){0,2}?(messages|bytes|values|floats|entries|elements|numbers)\b"
                    r"(?: \w+){0,3}? (?:does|do|will|would|did) (?:the |a |each |one |every |any |"
                    r"a single )?(?:central |parameter )?(?:server|root|worker|node|gpu|rank|machine)s? "
                    r"(?:actually )?(?:receive|get|collect)\b")
"""A count one node receives ('how many messages does the server receive'): the catalogue has
the values and bytes a node receives, not its messages (those it sends, it has)."""
_ELLIPTIC_TOTAL = r"\band how many (?:\w+ ){0,2}?(?:bytes|values|floats|entries)(?: \w+){0,2}? in total\b"
"""'…, and how many bytes in total?' after a count of one node: that node's total."""
_SCHEME_TOTALS = {Q.MESSAGES.key, Q.TOTAL_BYTES.key, Q.TOTAL_VOLUME.key}


def _one_node_totals(own: str, r: PartReading) -> None:
    """'How many messages does the server receive, and how many bytes in total?': the counts of
    one node, which the scheme's totals (all messages, all bytes over the network) do not
    answer; refused, naming the phrase."""
    asked = set(r.value(F.quantities) or [])
    if not _SCHEME_TOTALS & asked:
        return
    for sentence in re.split(r"(?<=[.?!;])\s", own):
        m = rx(_ONE_NODE_COUNTS).search(sentence)
        if m is None:
            continue
        ellipsis = rx(_ELLIPTIC_TOTAL).search(sentence, m.end())
        if (m.group(1).lower() == "messages" and Q.MESSAGES.key in asked) or (
                ellipsis and asked & {Q.TOTAL_BYTES.key, Q.TOTAL_VOLUME.key}):
            r.miss(F.quantities, f'"{m.group(0)}" asks the count of one node, which the totals of '
                                 "the scheme (every message, every byte over the network) do not "
                                 "answer (expected 'how many messages are sent in total' or 'how "
                                 "many bytes does the server receive')")
            return


_CONCURRENT = (r"\b(?:in the ring,? )?(?:all|every|each) (?:the |of the )?(?:workers?|gpus?|nodes?|ranks?|"
               r"links?)(?: \w+){0,2}? (?:send|sends|transmit|transmits|communicate|communicates|work|"
               r"works|operate|operates|are used|is used)(?: (?:their|its|"
               r"one) (?:chunks?|messages?))? (?:at the same time|simultaneously|in parallel|"
               r"concurrently)(?: (?:in|during|within) (?:each|every|a|one) (?:step|round))?")
"""'in the ring all workers send at the same time in each step', 'all links work in parallel
within a step': how the ring's rounds run."""
_ROUNDS_IN_PARALLEL = frozenset({S.RING.key, S.RING_REDUCE_SCATTER.key, S.RING_ALL_GATHER.key})


def _concurrent(own: str, r: PartReading) -> None:
    """A clause stating that every worker sends at once in each step, in a part about the ring
    (its phases): the model the ring's time is counted in (each round's sends in parallel),
    recorded as read; with any other scheme it stays unplaced (refused, naming it)."""
    schemes = set(r.value(F.schemes) or [])
    if not schemes or not schemes <= _ROUNDS_IN_PARALLEL:
        return
    for m in rx(_CONCURRENT).finditer(own):
        r.convention("rounds", m.group(0), "every worker sends its message of a round at the "
                                           "same time (the ring's rounds)")


def _scope(own: str, r: PartReading) -> None:
    """A part that asks counts "of one averaging round" states their scope, one step: recorded
    as read when the part asks some count (alone it is not a question the reader places)."""
    if not r.value(F.quantities):
        return
    for m in rx(_SCOPE).finditer(own):
        r.convention("scope", m.group(0), "one synchronisation step: what the counts asked are of")


_SAME = (r"\b(?:for|with|using|keep(?:ing)?|take|at) the same ((?:(?:[A-Za-z]|α|β|alpha|beta)(?:, ?| and |, and ))"
         r"{0,4}(?:[A-Za-z]|α|β|alpha|beta)(?: \((?:and|also|as well as) (?:[A-Za-z]|α|β)\))?)"
         r"(?![\w(])(?! (?:as|than)\b)")
"""'For the same n, α, β': the values an earlier part set for those letters."""
_SAME_FIELD = {"n": F.n, "p": F.p, "α": F.alpha, "alpha": F.alpha, "β": F.bandwidth,
               "beta": F.bandwidth, "B": F.bandwidth}


_SETTING_OF = (r"\b(?:for|with|in|using|at|under|from|take|keep(?:ing)?) the (?:same )?(?:setting|numbers|"
               r"values|data|parameters|constants|instance|configuration|numeric values|scenario) "
               r"(?:of|from|in|used in|given in|stated in) (?:(?:task|part|question|item|problem|"
               r"exercise|case) )?\(?(\d{1,2}|[a-h])\)?(?!\w|\.\d)")
"""'For the setting of task 2', 'with the numbers of (c)': the values a named earlier part stated."""
_SETTING_FIELDS = (F.n, F.p, F.dtype, F.alpha, F.bandwidth)


def _setting_of_part(own: str, r: PartReading) -> None:
    """A part evaluated "for the setting of task 2" takes the workers, parameters, element type,
    latency and bandwidth that part read, where its own reading has none or only a letter (its
    own numbers win); the named part's fields leave this part's refusals for them."""
    m = rx(_SETTING_OF).search(own)
    if m is None:
        return
    label = m.group(1).lower()
    named = [p for p in r.found.get("previous", []) if p.family == FAMILY and p.label == label]
    if not named:
        r.miss("setting", f'"{m.group(0)}" names part ({label}), which is not an earlier '
                          "communication part")
        return
    taken = []
    for field in _SETTING_FIELDS:
        have = r.fields.get(field)
        theirs = named[0].fields.get(field)
        if theirs is None or (have is not None and not isinstance(have.value, str)) or \
                isinstance(theirs.value, str):
            continue
        r.set(field, theirs.value, f"{m.group(0)} (part ({label}): {theirs.source})", theirs.note)
        r.missing = [x for x in r.missing if x.name != field]
        taken.append(field)
    if taken:
        r.convention("setting", m.group(0), f"the setting of part ({label}): {', '.join(taken)}")


_GRADIENT_OF = (r"\b(?:the|that|this) (?:same )?(?:full )?(?:gradient|model|parameter vector)s? "
                r"(?:from|of|in|used in|computed in|described in) (?:part|question|task|item|step) "
                r"\(?(\d{1,2}|[a-h])\)?(?![\w.])")
"""'The gradient from part 1': the parameters and element type that part read, not its schemes
or its cost model."""


def _gradient_of_part(own: str, r: PartReading) -> None:
    """A part that synchronises "the gradient from part 1" takes that part's parameters and
    element type where its own text states none (its own numbers win); the refusals for them
    go. A named part that read neither is refused by name."""
    m = rx(_GRADIENT_OF).search(own)
    if m is None:
        return
    label = m.group(1).lower()
    named = [p for p in r.found.get("previous", []) if p.family == FAMILY and p.label == label]
    fields = [f for f in (F.p, F.dtype) if named and f in named[0].fields and
              (f == F.dtype or not isinstance(named[0].value(f), str))]   # p as a number
    if not named or F.p not in fields:
        r.miss("setting", f'"{m.group(0)}" names the gradient of part ({label}), but no earlier '
                          "communication part with that label reads its size")
        return
    taken = []
    for field in fields:
        have, theirs = r.fields.get(field), named[0].fields[field]
        if have is not None and not isinstance(have.value, str) and \
                not any(x.name == field for x in r.missing):
            continue
        r.set(field, theirs.value, f"{m.group(0)} (part ({label}): {theirs.source})", theirs.note)
        r.missing = [x for x in r.missing if x.name != field]
        taken.append(field)
    r.found["gradient of part"] = m.span()
    if taken:
        r.convention("setting", m.group(0), f"the gradient of part ({label}): {', '.join(taken)}")


_SAME_MODEL = (r"\b(?:under|with|using|in|for|keep(?:ing)?) the same (?:(?:α|alpha)[-–—/ ]{1,3}(?:β|beta|B) |"
               r"(?:communication |network )?(?:cost |timing |time |latency[- ]bandwidth )|"
               r"(?:communication |network ))?model\b")
"""'Under the same model': the latency and bandwidth an earlier part stated."""


def _same_model(own: str, r: PartReading, previous: list[PartReading]) -> None:
    """A part "under the same model" takes the latency and bandwidth the latest earlier part read
    (as numbers) where it states none; the refusals for them go."""
    m = rx(_SAME_MODEL).search(own)
    if m is None:
        return
    for field in (F.alpha, F.bandwidth):
        if field in r.fields and not isinstance(r.value(field), str):
            continue
        source = next((p for p in reversed(previous) if field in p.fields and
                       not isinstance(p.value(field), str)), None)
        if source is not None:
            f = source.fields[field]
            r.set(field, f.value, f"{m.group(0)} (part ({source.label}): {f.source})", f.note)
            r.missing = [x for x in r.missing if x.name != field]


def _same_values(own: str, r: PartReading) -> None:
    """A part that keeps "the same n, α, β" as before takes the values the latest earlier part
    read for them where its own reading has only the letter; a letter no earlier part gave a
    value stays as read, and a letter the reader does not know is refused. "The same model"
    keeps the latency and bandwidth (:func:`_same_model`)."""
    previous = [p for p in r.found.get("previous", []) if p.family == FAMILY]
    _same_model(own, r, previous)
    m = rx(_SAME).search(own)
    if m is None:
        return
    for letter in rx(r"[A-Za-z]+|α|β").findall(m.group(1)):
        if letter.lower() == "and":
            continue
        field = _SAME_FIELD.get(letter) or _SAME_FIELD.get(letter.lower())
        if field is None:
            r.miss("setting", f'"{m.group(0)}": which value of {letter} is meant is not clear '
                              "(expected n, p, α, β or B)")
            return
        if field in r.fields and not isinstance(r.value(field), str):
            continue   # the part's own value
        source = next((p for p in reversed(previous) if field in p.fields and
                       not isinstance(p.value(field), str)), None)
        if source is not None:
            f = source.fields[field]
            r.set(field, f.value, f"{m.group(0)} (part ({source.label}): {f.source})", f.note)


def _varied(own: str, r: PartReading) -> None:
    """The parameter count as its letter in a part that lets it vary, when the text names the
    count by that letter ('p = 10^8')."""
    m = rx(_VARIED).search(own)
    field = r.fields.get(F.p)
    if m is None or field is None or isinstance(field.value, str):
        return
    letter = next(g for g in m.groups() if g)
    if not rx(rf"(?<![\w]){re.escape(letter)} ?= ?").search(field.source):
        return
    r.set(F.p, letter, m.group(0), note=f"the part lets {letter} vary: it is kept as a symbol "
                                        f"(the text's value is {field.value})")


_KEEPING = (r"\bkeep(?:ing)?\b[^.?]{0,60}?\b(?:fixed|constant|unchanged|the same [^.?]{0,20}?,? but)"
            r"\b|\blet\b[^.?]{0,40}?\bvary\b")
_SIZE_IN_BYTES = (r"\b(?:gradient|buffer|message|vector|model) size ([A-Z])\b(?: \(?in bytes\)?)?|"
                  r"\bwhere ([A-Z]) is the (?:gradient|buffer|vector) size in bytes\b")


def _varied_in_bytes(own: str, ctx: str, r: PartReading) -> None:
    """'Keeping n, α, β fixed, below which gradient size M (in bytes) ...', with M defined as
    the gradient size in bytes: in this part the gradient is M bytes, a symbol (the times depend
    on the bytes only)."""
    keep = rx(_KEEPING).search(own)
    if keep is None or isinstance(r.value(F.p), str):
        return
    here = rx(_SIZE_IN_BYTES).search(own)
    if here is None:
        return
    letter = next(g for g in here.groups() if g)
    defined = [m for m in rx(_SIZE_IN_BYTES).finditer(ctx + " " + own)
               if "bytes" in m.group(0) and next(g for g in m.groups() if g) == letter]
    if not defined or (letter in keep.group(0) and not keep.group(0).lower().startswith("let")):
        return   # 'keeping M fixed' does not vary M
    r.set(F.p, letter, here.group(0), note=f"the part keeps the rest fixed and varies the "
                                           f"gradient size {letter}, in bytes")
    r.set(F.dtype, "byte", defined[0].group(0), note="the gradient is counted in bytes: an "
                                                     "element is one byte")


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


_POWER_OF_TWO = r"= ?2 ?(?:\^ ?\{? ?|\*\* ?)?([a-zA-Z])\}?(?![\w(])|= ?2([ᵃ-ᶻ])"
"""n = 2^k (also 2**k, 2ᵏ, and the garbled 2k): the exponent letter."""
_SUPERSCRIPT = dict(zip("ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ", "abcdefghijklmnoprstuvwxyz"))


def _flattened_count(text: str, r: PartReading) -> None:
    """A parameter count written 10d ("p = 109 parameters", always), or 10dd in a text whose other
    powers of ten are written with exponents: it may be 10^9 with the exponent flattened by a PDF
    copy, so it is refused rather than guessed (a model of 103 to 109 parameters is no training
    run; 1024 is kept unless the text flattens its other exponents)."""
    p = r.value(F.p)
    if not isinstance(p, int) or F.p not in r.fields:
        return
    digits = str(p)
    if not (digits.startswith("10") and 3 <= len(digits) <= 4 and int(digits[2:]) >= 3):
        return
    if len(digits) == 3 or rx(r"10 ?\^ ?[-−]?\d|[×x*] ?10\b|\d ?[−-] ?\d{1,2}\b").search(text) or \
            rx(r"\bGB ?= ?109\b").search(text):
        r.miss(F.p, f'"{r.fields[F.p].source}": {p} may be 10^{digits[2:]} with its exponent '
                    "flattened (a PDF copy); expected the count written 10^" + digits[2:] +
                    f" or {p} in a text without flattened exponents")


_POWER_ASSUMED = (r"\b(?:the number of workers|n) (?:is|be|being) (?:always )?an? (?:integer |exact )?power of "
                  r"(?:two|2)\b|\bpower[- ]of[- ](?:two|2) (?:number of )?(?:workers|gpus|nodes|ranks)\b"
                  r"|\bn ?∈ ?\{ ?2, ?4, ?8, ?(?:…|\.\.\.|16)"
                  r"|(?<=\bworkers, )n,? an? (?:integer |exact )?power of (?:two|2)\b"
                  r"|\b(?:with|for) n an? (?:integer |exact )?power of (?:two|2)\b")
"""The text assumes n is a power of two ("assume n is a power of two")."""


def _power_of_two(text: str, r: PartReading) -> None:
    """n symbolic and assumed a power of two: ceil(log2 n) is log2 n in the answers."""
    m = rx(_POWER_ASSUMED).search(text)
    if m is None or F.log2_n in r.fields:
        return
    if isinstance(r.value(F.n), str):
        r.set("n_power_of_two", True, m.group(0),
              note="n a power of two: ceil(log2 n) is written log2 n")


def _read_levels(r: PartReading) -> None:
    """n = 2^k, with n kept as a symbol: k names log2 n, and the answers are written with it
    (the depth of a binomial tree, the rounds of recursive doubling)."""
    n = r.value(F.n)
    if not isinstance(n, str) or F.n not in r.fields:
        return
    source = r.fields[F.n].source
    m = rx(_POWER_OF_TWO).search(source)
    if m is None:
        return
    letter = m.group(1) or _SUPERSCRIPT.get(m.group(2) or "", "")
    if not letter or letter == n:
        return
    r.set(F.log2_n, letter, source, note=f"n = 2^{letter}: log2 n is written {letter}")


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


_ELEMENT_NOUN = r"\b(?:elements?|values?|floats?|entries|numbers|parameters|scalars|coordinates)\b"
"""A cost counted in elements by its own words ("the total number of values sent")."""
_CHUNK_IS_MESSAGE = {S.RING.key, S.RING_REDUCE_SCATTER.key, S.RING_ALL_GATHER.key}
"""Schemes whose every message is one of the n equal chunks ("the chunk size" is the size of
each message)."""
_BARE_BYTES = re.compile(r"^\(?in bytes\)?$", re.I)
IN_ELEMENTS = {v: k for k, v in IN_BYTES.items()}
"""A cost in elements -> the same cost in bytes."""


def _in_bytes(r: PartReading, own: str, asks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A bare "in bytes" is the unit of what its sentence asks: the size of a message when it
    speaks of a message, else the other sizes it asks, turned into bytes ("how much data does
    each GPU send, in bytes?"); a bare "in bytes" with nothing else to convert is refused."""
    bare = [s for k, s in asks if k == Q.MESSAGE_BYTES.key and _BARE_BYTES.match(s.strip())]
    if bare and r.value(F.dtype) == "byte" and rx(_DTYPES["byte"]).search(_sentence(own, bare[0])):
        rest = [(k, s) for k, s in asks if s not in bare]  # "p measured in bytes": p's unit
        here = [k for k, s in rest if s in _sentence(own, bare[0])]
        if here:
            r.answered_by[Q.MESSAGE_BYTES.key] = here[0]
        return rest
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
        elif (key in IN_BYTES or key in SCHEME_FREE) and key != Q.MESSAGE_BYTES.key and \
                source in sentence:
            converted = True
        out.append((key, source))
    if converted:
        out = [(k, s) for k, s in out if not (k == Q.MESSAGE_BYTES.key and s in bare)]
        r.answered_by[Q.MESSAGE_BYTES.key] = next(k for k, s in out
                                                  if k in IN_BYTES or k in SCHEME_FREE)
        return out
    r.miss("unit", f'"{bare[0]}" in "{sentence.strip()[:80]}": which size is asked in bytes is '
                   "not clear (expected e.g. 'how many bytes does each GPU send')")
    return [(k, s) for k, s in out if s not in bare]


_NODE_NOUN = r"\b(?:(servers?|PS|(?:central(?:i[sz]ed)?|separate|dedicated|master|coordinator|" \
             r"aggregator) (?:\w+ )?(?:machines?|nodes?|hosts?|process(?:es)?|box))|workers?|gpus?|nodes?|ranks?|process(?:es)?|machines?|devices?|" \
             r"replicas?)\b"


_AT_ROOT = {Q.VALUES_SENT.key: Q.BUSIEST_SENT.key, Q.VALUES_RECEIVED.key: Q.BUSIEST_RECEIVED.key,
            Q.SENT_PLUS_RECEIVED.key: Q.BUSIEST_TRAFFIC.key}
"""A per-node count asked of the tree's root: the busiest node's (the root of a binomial tree
sends and receives the most)."""


def _of_root(text: str, sentence: str, r: PartReading) -> bool:
    """True when a tree all-reduce part asks a count of the worker the text makes the tree's
    root ("reduce to worker 0 ... How many numbers pass through worker 0?")."""
    if r.value(F.schemes) != [S.TREE.key]:
        return False
    asked = rx(r"\b(?:worker|rank|gpu|node|process) #?(\d{1,3})\b").search(sentence)
    if asked is None:
        return bool(rx(r"\bthe root(?: (?:worker|node|gpu|rank))?\b").search(sentence))
    label = asked.group(1)
    return bool(rx(rf"\b(?:reduce\w*|broadcast\w*|sum\w*) (?:up |down )?(?:(?:a|the|same) )?"
                   rf"(?:binomial[- ]|binary[- ])?(?:tree )?(?:to|from|at|into) (?:the root,? )?"
                   rf"(?:worker|rank|gpu|node|process) #?{label}\b|\broot (?:is )?(?:worker|rank|"
                   rf"gpu|node|process) #?{label}\b|\b(?:worker|rank|gpu|node|process) #?{label}"
                   rf",? (?:is )?the root\b").search(text))


def _of_server(own: str, source: str) -> bool:
    """Whether a per-node ask is of a server: the node its phrase names ("how many bytes does
    the server receive"), else the last node named before it in its clause ("how many values
    does the server send and receive in total"); an operand a derived ask names by its key
    ("values-sent[parameter-server]") is the quantity it names."""
    if rxc(r"^[a-z-]+\[[a-z-]+\]$").match(source):
        return False
    named = rx(_NODE_NOUN).search(source)
    if named:
        return bool(named.group(1))
    at = own.find(source)
    if at < 0:
        return False
    end = min([i for i in (own.find(c, at + len(source)) for c in ".?;!•") if i >= 0] or [len(own)])
    rest = own[at + len(source):end]
    after = rx(_NODE_NOUN).search(rest)   # "bytes land on the server", not "... from the server"
    if after and rx(r"\b(?:on|at|to|into|by|in) (?:the |a |one |each )?(?:\w+ )?$").search(
            (source + rest[:after.start()])[-40:]):
        return bool(after.group(1))
    start = max(own.rfind(c, 0, at) for c in ".?;:!")
    before = list(rx(_NODE_NOUN).finditer(own[start + 1:at]))
    return bool(before and before[-1].group(1))


_NO_BANDWIDTH = (r"\bignor\w* (?:the )?(?:β|beta|bandwidth|transfer)(?: terms?| costs?| parts?| time)?"
                 r"\b|\b(?:β|beta) ?= ?0(?![.,]?\d)|\binfinite bandwidth\b|\bbandwidth (?:is )?"
                 r"(?:infinite|unlimited)\b|\blatency[- ]only\b|\bonly the (?:α|alpha|latency) "
                 r"terms?\b")
"""The bandwidth terms dropped: a latency-only time."""


def _read_times(own: str, ctx: str, r: PartReading) -> None:
    """The latency and bandwidth of a part that asks a time; a time asked with the bandwidth
    terms dropped ("ignore the β terms") is the latency part of the time."""
    quantities = list(r.value(F.quantities) or [])
    dropped = rx(_NO_BANDWIDTH).search(own)
    if dropped and Q.TIME.key in quantities and not negated(own, dropped.start()):
        quantities = [Q.LATENCY_TIME.key if q == Q.TIME.key else q for q in quantities]
        r.set(F.quantities, list(dict.fromkeys(quantities)), r.fields[F.quantities].source)
        r.answered_by[Q.TIME.key] = Q.LATENCY_TIME.key
        r.convention("latency only", dropped.group(0), "the bandwidth terms are dropped: the "
                                                       "time is its latency part")
    element = DTYPE_BYTES[r.value(F.dtype) or "float32"]
    if {Q.TIME.key, Q.FASTER.key} & set(quantities):
        read_cost_model(own, ctx, r, element, F.alpha, F.bandwidth)
    elif Q.LATENCY_TIME.key in quantities:  # the bandwidth, if stated, is read but not needed
        read_cost_model(own, ctx, r, element, F.alpha, F.bandwidth, bandwidth="optional")


_CASE = r"\b(?:in|for|of|from|as in) (?:case|part|question|task|scenario|setting|item) \(?(\d{1,2}|[a-h])\)?(?![\w.])"
"""A part named as the setting of this one ("Which is faster in case 2?")."""


_TRAFFIC_DEFINED = (r"\btraffic\b[^.;]{0,80}?\bsen[dt]s?\b[^.;]{0,60}?\b(?:plus|and|\+)\b[^.;]{0,60}?"
                    r"\breceive|\btraffic\b[^.;]{0,80}?\breceive[sd]?\b[^.;]{0,60}?\b(?:plus|and|\+)"
                    r"\b[^.;]{0,60}?\bsen[dt]|\btraffic ?(?:=|:) ?(?:sent|out) ?\+ ?(?:received|in)\b")
"""A node's traffic defined as what it sends plus what it receives."""


_LIMIT = (r"(?:→|->) ?(?:∞|\\infty|infinity|oo)(?!\w)|\b(?:tends?|goes|converges?) to (?:infinity|∞)(?!\w)|"
          r"\bwhat does\b[^.?]{0,80}\b(?:tend|converge) to\b|\bin the limit\b|\bas \w{1,3} (?:grows|"
          r"becomes (?:very )?large)\b|\bbandwidth (?:term|part|share)s? of\b")
"""A limit ("as n → ∞, what does ... tend to") or the bandwidth term alone: not answered."""


_BINARY_TREE = r"\b(?:complete |full |balanced |heap[- ]shaped )?binary[- ]tree\b|\bcomplete tree\b|\bheap\b"
_BY_DEPTH = {Q.ROUNDS.key, Q.TIME.key, Q.LATENCY_TIME.key, Q.FASTER.key, Q.BANDWIDTH_RATIO.key}
"""Costs of a tree that depend on its depth: the same for a binary and a binomial tree when n
is a power of two."""


def _binary_tree(text: str, r: PartReading) -> None:
    """The tree all-reduce is answered on a binomial tree. A text whose tree is a binary tree
    (each node with two children) has the same messages and volume, and the same depth when n
    is a power of two, but other per-node loads (an inner node sends to two children) and another
    depth otherwise: those asks are refused, naming the tree."""
    if S.TREE.key not in (r.value(F.schemes) or []) or rx(r"\bbinomial\b").search(text):
        return
    m = rx(_BINARY_TREE).search(text)
    if m is None:
        return
    asked = set(r.value(F.quantities) or [])
    n = r.value(F.n)
    power = (isinstance(n, int) and n & (n - 1) == 0) or F.log2_n in r.fields
    loads = asked - _BY_DEPTH - {Q.MESSAGES.key, Q.MESSAGE_SIZE.key, Q.MESSAGE_BYTES.key,
                                 Q.TOTAL_VOLUME.key, Q.TOTAL_BYTES.key, Q.HOLDS_SUM.key,
                                 Q.IDENTIFICATION.key}
    depth = asked & _BY_DEPTH if not power else set()
    if loads or depth:
        names = ", ".join(QUANTITIES[k].name for k in sorted(loads | depth))
        r.miss(F.schemes, f'"{m.group(0)}": the tree is answered as a binomial tree, whose '
                          f"{names} differ from a binary tree's"
                          + ("" if power else " (n not a power of two)")
                          + " (expected a binomial tree, or the messages and volume only)")
    else:
        r.convention("binary tree", m.group(0), "a binary tree: its messages and volume (and its "
                                                "depth, n being a power of two) are a binomial "
                                                "tree's")


_COMBINED = r"\bdivided by\b|\bminus\b|\bsubtract(?:ed|ing)?\b"
"""Two answers combined ("(a) divided by (c)", "your answer to (b) minus that of (a)"):
answered only as a derived quantity ("its size divided by the bandwidth" states the model)."""


_BANDWIDTH_ALONE = r"\bbandwidth (?:term|part|share)s? of\b"
_LIMIT_VARIABLE = (rf"(?<![\w^_])(?P<letter>[A-Za-z]) ?(?:→|->|\\to) ?(?:∞|\\infty|infinity|oo)(?!\w)|"
                   rf"\bas (?:the )?(?:number|count) of (?:(?P<workers>{WORKER_NOUNS})|"
                   rf"(?:model )?(?P<parameters>{PARAMETER_NOUNS}))\b(?: \w+){{0,2}}? (?:tends?|"
                   rf"goes|grows?|increases?|becomes?)\b|"
                   rf"\bas (?P<grows>[A-Za-z]) (?:tends|goes|grows|increases|becomes)\b")
"""The parameter of a limit: "as n → ∞", "as the number of workers tends to infinity"."""


def _read_limit(own: str, r: PartReading, m: re.Match) -> bool:
    """A limit of the part's one cost of its one scheme as the number of workers (or of
    parameters) grows, kept symbolic: a limit-of entry of the derived field (True). Any other
    limit (of the bandwidth term alone, in a count the text gives a number, of one of several
    costs) is left to the refusal (False)."""
    sentence = _sentence(own, m.group(0)) or own
    if rx(_BANDWIDTH_ALONE).search(sentence):
        return False
    var = rx(_LIMIT_VARIABLE).search(sentence)
    if var is None:
        return False
    letter = var.group("letter") or var.group("grows")
    field = F.n if var.group("workers") else F.p if var.group("parameters") else \
        next((f for f in (F.n, F.p) if letter and r.value(f) == letter), None)
    costs = {q.key for q in COSTS}
    quantities = [q for q in r.value(F.quantities) or [] if q in costs]
    schemes = r.value(F.schemes) or []
    if field is None or not isinstance(r.value(field), str) or len(quantities) != 1 or \
            len(schemes) != 1:
        return False
    entry = {"kind": Q.LIMIT_OF.key, "of": f"{quantities[0]}[{schemes[0]}]", "parameter": field}
    r.set(F.derived, [*(r.value(F.derived) or []), entry],
          "; ".join(x for x in (r.fields[F.derived].source if F.derived in r.fields else "",
                                var.group(0)) if x))
    r.answered_by[Q.LIMIT.key] = Q.LIMIT_OF.key
    return True


def _unsupported(own: str, r: PartReading) -> None:
    """A part asking a limit or the bandwidth term alone is refused, naming the phrase (its time
    would otherwise be answered as the whole time at the problem's numbers), unless it is the
    limit of the part's one cost as a count it keeps symbolic grows (:func:`_read_limit`); so is
    a part that combines two answers ("total in (a) divided by total in (c)") when no derived
    quantity was read for it (its two operands would be answered instead)."""
    m = rx(_LIMIT).search(own)
    if m and not _read_limit(own, r, m):
        r.miss("limit", f'"{m.group(0)}": a limit or the bandwidth term alone is not answered '
                        "(expected a cost at given numbers or in symbols)")
    _one_round(own, r)
    m = rx(_COMBINED).search(own)
    sentence = _sentence(own, m.group(0)) if m else ""
    if m and len(rx(_PART_REF + r"|\banswers?\b|\bresults?\b").findall(sentence)) >= 2 and \
            not r.value(F.derived) and not any(x.name == F.derived for x in r.missing):
        r.miss(F.derived, f'"{m.group(0)}" combines two answers, which this part does not read '
                          "as a derived quantity (expected e.g. 'the ratio of (a) to (c)')")


_ORDINAL_ROUND = (r"\b(?:in|during|at|of|for) (?:the )?(?:very )?(?:first|second|third|fourth|last|final|"
                  r"\d{1,2}(?:st|nd|rd|th)|[jkt]-?th|j ?= ?\d{1,2}|k ?= ?\d{1,2}) (?:round|step|stage|hop|"
                  r"iteration)s?\b|\b(?:in |during )?round (?:number )?(?:\d{1,2}|[jkt])\b")
"""A count restricted to one round of a schedule ("in the first round of the reduce-scatter")."""
_PER_ALL_REDUCE = {Q.BYTES_SENT.key, Q.VALUES_SENT.key, Q.TOTAL_VOLUME.key, Q.TOTAL_BYTES.key,
                   Q.MESSAGES.key, Q.WORKER_MESSAGES.key}


def _one_round(own: str, r: PartReading) -> None:
    """A total (messages, values or bytes sent) asked of one round of the schedule is not the
    total of the whole all-reduce: refused, naming the round, rather than answered as the
    total. A round stated in a statement ("in each round every worker sends one chunk") and
    the number of rounds itself are not restrictions."""
    asked = set(r.value(F.quantities) or []) & _PER_ALL_REDUCE
    if not asked:
        return
    for m in rx(_ORDINAL_ROUND).finditer(own):
        sentence = _sentence(own, m.group(0)) or own
        clause = re.split(r"[,;:?]| and ", own[:m.start()])[-1]
        if rx(r"\bhow (?:large|big|long)\b|\bsizes?\b|\blength\b").search(clause) or not rx(
                r"\bhow (?:many|much)\b|\bnumber of\b|\bbytes\b|\bvalues\b|\bentries\b|"
                r"\bmessages\b|\bvolume\b|\btraffic\b|\bsen[dt]s?\b|\breceives?\b").search(clause):
            continue    # the size of a message in that round, or a statement ('… : in round k …')
        if rx(r"\?|^\W*(?:how|what|give|compute|find|determine|state|report|calculate)\b"
              ).search(sentence):
            r.miss("round", f'"{m.group(0)}": a count of one round of the schedule is not '
                                 "answered (expected a total over the whole all-reduce, or the "
                                 "size of each message)")
            return


def _traffic_defined(text: str, r: PartReading) -> None:
    """The busiest node's traffic is read as sent plus received only when the text defines a
    node's traffic so; otherwise it is refused (it could be either direction)."""
    if Q.BUSIEST_TRAFFIC.key not in (r.value(F.quantities) or []) or \
            r.answered_by.get(Q.SENT_PLUS_RECEIVED.key) == Q.BUSIEST_TRAFFIC.key:
        return   # asked as sent plus received (of the tree's root) in so many words
    m = rx(_TRAFFIC_DEFINED).search(text)
    if m is None:
        r.miss("traffic", "the traffic of the busiest node is asked but traffic is not defined "
                             "(expected e.g. 'the traffic of a node is what it sends plus what "
                             "it receives')")
    else:
        r.convention("traffic", m.group(0), "a node's traffic is what it sends plus what it "
                                            "receives")


def _read_case(own: str, r: PartReading) -> None:
    """"in case 2": the setting of an earlier part, recorded as read when this part's workers,
    parameters, element type, latency, bandwidth and schemes are that part's; refused when
    they differ (the part would be answered in another setting than the one it names)."""
    within = r.found.get("gradient of part")
    for m in rx(_CASE).finditer(own):
        if within and within[0] <= m.start() < within[1]:
            continue   # "the gradient from part 1": its parameters, not its whole setting
        label = m.group(1).lower()
        earlier = [p for p in r.found.get("previous", []) if p.label == label]
        if not earlier:
            continue
        fields = (F.n, F.p, F.dtype, F.alpha, F.bandwidth, F.schemes)
        differ = [f for f in fields if f in earlier[0].fields and f in r.fields and
                  earlier[0].value(f) != r.value(f)]
        if Q.LATENCY_TIME.key in (earlier[0].value(F.quantities) or []) and \
                Q.LATENCY_TIME.key not in (r.value(F.quantities) or []):
            differ.append("the time (latency only there)")
        if differ:
            r.miss("setting", f'"{m.group(0)}" names the setting of part ({label}), but this '
                              f"part reads other values of {', '.join(differ)}")
        else:
            r.convention("setting", m.group(0), f"the setting of part ({label})")


_TIME_IN = r"^[^.?;]{0,60}?\(?\bin (ms|milliseconds?|μs|µs|us|microseconds?)\b"
"""A time asked in a unit smaller than a second ("Time of one ring all-reduce (in ms)")."""
_TIME_WORD_IN = (r"\btimes?\b(?: of| for| taken by)?[^.?;()]{0,40}?\(?\bin (ms|milliseconds?|μs|µs|us|"
                 r"microseconds?)\b")
"""The time asked in a unit in the sentence that asks it under another phrase ("time of each
algorithm (in us) and the ratio T_ring / T_rd")."""
_TIME_IN_ANY = r"\bin (ms|milliseconds?|μs|µs|us|microseconds?)\b"
"""A time unit smaller than a second named anywhere in the words ("give the times in
microseconds this time")."""


def _repeat_unit(proper: str, smaller: str, base: str, inherited: Any) -> Any:
    """The unit of a request a part repeats ("Same for M = 4 kB, in microseconds"): the one its
    own words name (None for the base unit, "times in seconds"), else the repeated part's."""
    m = rx(smaller).search(proper)
    if m:
        return m
    return None if rx(base).search(proper) else inherited


_UNIT = (r"\bin (?:(kilo|mega|giga|tera)bytes|(kb|mb|gb|tb|kib|mib|gib|tib))\b|"
         r"^[^,;.?()]{0,40}?\((?:(kilo|mega|giga|tera)bytes|(kb|mb|gb|tb|kib|mib|gib|tib))\)")
"""A size asked in a unit larger than a byte ("total traffic in MB", "total data sent (MB)")."""
_UNIT_NOUN = r"(kilo|mega|giga|tera)bytes\b|(kb|mb|gb|tb|kib|mib|gib|tib)\b"
"""A size asked by its unit ("MB sent per GPU")."""
_PREFIX = {"k": 3, "m": 6, "g": 9, "t": 12}
_ANSWER_UNIT = (r"(?:^|(?<=[.?!:] ))\(?(?:please )?(?:give|state|report|express|write|answer)"
                r"(?: (?:the|your|all|each|both) (?:final )?(?:answers?|results?|values?|sizes?|"
                r"times?)| it| them| this| that| both)?(?P<unit> in [^.?!;,()]{1,20}?)[.!)]*(?= |$)")
"""A sentence that only names the unit of the answers ("Give the answer in GB.", "Express your
results in ms."), in the part's own text or the shared text."""


def _up_to_next_ask(after: str, source: str, asks: list[tuple[str, str]]) -> str:
    """The words from an ask's phrase up to where the next ask of the sentence starts: the unit
    that follows one ask does not reach the next ("total GB sent, and how much each GPU sends
    (in MB)": the total in GB, the other in MB)."""
    ends = [after.find(other, len(source)) for _, other in asks if other and other != source]
    ends = [e for e in ends if e > 0]
    return after[:min(ends)] if ends else after


def _sentence_units(own: str, asks: list[tuple[str, str]]) -> dict[str, Any]:
    """The one unit the sizes of a sentence are asked in ("how many GB does each worker send,
    and what is the total traffic?": the total in GB too), by sentence: the unit an ask of the
    sentence names, when its asks name only one; the other sizes of the sentence that name no
    unit (nor values or elements) are asked in it. Under the key "" the part's one unit, when
    all its sizes asked in a unit name the same ("How many bytes does the server receive (in
    MB)? How much does each worker send?": in MB too, beside the bytes)."""
    found: dict[str, dict[str, Any]] = {}
    for key, source in asks:
        if not (key in IN_BYTES or key in IN_ELEMENTS or key in SCHEME_FREE):
            continue
        sentence = _sentence(own, source)
        after = _up_to_next_ask(sentence[sentence.find(source):] if source in sentence
                                else source, source, asks)
        unit = rx(_UNIT).search(after) or rx(_UNIT_NOUN).search(source)
        if unit is not None and sentence:
            found.setdefault(sentence, {})[next(g for g in unit.groups() if g).lower()] = unit
    out = {s: next(iter(units.values())) for s, units in found.items() if len(units) == 1}
    every = {name: unit for units in found.values() for name, unit in units.items()}
    if len(every) == 1:
        out[""] = next(iter(every.values()))
    return out


def _answer_unit(r: PartReading, pattern: str) -> Any:
    """The unit a sentence of its own gives the answers ("Give the answer in GB."), matched by
    ``pattern`` (a size or a time unit), or None."""
    own, ctx = r.found.get("texts", ("", ""))
    for text in (own, ctx):
        for m in rx(_ANSWER_UNIT).finditer(text):
            unit = rx(pattern).search(m.group("unit"))
            if unit and unit.end() == len(m.group("unit")):
                return unit
    return None


def _unit_scale(unit: Any, text: str, r: PartReading) -> int | None:
    """Bytes per unit: 10^3, 10^6, ... (kB, MB, GB, TB, or as the text defines it, "1 MB =
    10^6 bytes"), 2^10, 2^20, ... for KiB, MiB, ...; None (refused) when the text defines the
    unit otherwise."""
    name = next(g for g in unit.groups() if g).lower()
    power = _PREFIX[name[0]]
    if name.endswith("ib"):
        return 2 ** (10 * power // 3)
    label = {"k": "kB", "m": "MB", "g": "GB", "t": "TB"}[name[0]]
    m = rx(rf"\b1 ?{label} ?= ?(10\^(\d{{1,2}})|2\^(\d{{1,2}})|[\d,]{{4,17}}) ?bytes\b").search(text)
    if m is None:
        r.convention("unit", unit.group(0), f"1 {label} = 10^{power} bytes")
        return 10 ** power
    given = (10 ** int(m.group(2)) if m.group(2) else 2 ** int(m.group(3)) if m.group(3)
             else int(m.group(1).replace(",", "")))
    if given != 10 ** power:
        r.miss("unit", f'"{m.group(0)}": a {label} of {given} bytes is not supported (expected '
                       f"1 {label} = 10^{power} bytes, or {label[0]}iB for powers of two)")
        return None
    r.convention("unit", m.group(0), f"1 {label} = 10^{power} bytes")
    return 10 ** power


def _in_unit(r: PartReading, key: str, scale: int, unit: str, source: str,
             schemes: list[str] | None = None) -> None:
    """A size in bytes asked in a larger unit: the bytes of each scheme divided by the unit's
    bytes (a ratio to a number), beside the size in bytes; the same size in elements read from
    the same words is not asked. A derived quantity the part could not read stays refused
    (the size in a unit does not stand in for it)."""
    if any(m.name == F.derived for m in r.missing):
        return
    elements = IN_BYTES.get(key)
    quantities = [q for q in r.value(F.quantities) or [] if q != elements or
                  not any(piece and piece in source for piece in
                          r.fields[F.quantities].source.split(" | ") +
                          r.fields[F.quantities].source.split("; "))]
    r.set(F.quantities, list(dict.fromkeys(quantities + [key])),
          r.fields[F.quantities].source if F.quantities in r.fields else source)
    derived = list(r.value(F.derived) or [])
    if key in SCHEME_FREE:   # the same whatever the scheme: one answer
        entry = {"kind": Q.RATIO.key, "of": key, "to": scale,
                 "label": f"{QUANTITIES[key].name.replace(' in bytes', '')} in {unit}"[:80]}
        r.set(F.derived, [*derived, entry][:12] if entry not in derived else derived, source)
        return
    for scheme in [x for x in r.value(F.schemes) or [] if schemes is None or x in schemes]:
        if key in ON_SERVER.values() and scheme not in _WITH_SERVER:
            continue   # "how many GB does the server receive" beside a ring: the server's scheme
        entry = {"kind": Q.RATIO.key, "of": f"{key}[{scheme}]", "to": scale,
                 "label": f"{QUANTITIES[key].name.replace(' in bytes', '')} in {unit} "
                          f"({CATALOGUE_SCHEMES[scheme].name})"[:80]}
        if entry not in derived:  # the same size asked twice in the unit
            derived.append(entry)
    r.set(F.derived, derived[:12], source)


_WITH_SERVER = {S.PARAMETER_SERVER.key, S.SHARDED_PS.key}
"""The schemes with server nodes: the only ones a server's cost is asked of."""


def _scheme_free(r: PartReading) -> None:
    """A part that asks only what is the same whatever the scheme (the size of one full
    gradient) needs no scheme: its "no scheme named" is dropped, and it is read with none."""
    asked = set(r.value(F.quantities) or [])
    if not asked or not asked <= set(SCHEME_FREE) or r.value(F.derived) and any(
            "[" in str(d.get("of", "")) + str(d.get("to", "")) for d in r.value(F.derived)):
        return
    if F.schemes in r.fields or not any(m.name == F.schemes for m in r.missing):
        return
    if not all(m.reason.startswith("no communication scheme named") for m in r.missing
               if m.name == F.schemes):
        return
    r.missing = [m for m in r.missing if m.name != F.schemes]
    r.set(F.schemes, [], "none: the size of one full gradient is the same whatever the scheme")


def _latency_fraction(r: PartReading, source: str) -> None:
    """"What fraction of T is due to latency": the latency part of the time over the time, of
    the part's one scheme (refused with several)."""
    schemes = r.value(F.schemes) or []
    if any(m.name == F.derived for m in r.missing):
        return
    if len(schemes) != 1:
        r.miss(F.derived, f'"{source}": the fraction of the time due to latency needs one '
                          f"scheme, not {len(schemes)}")
        return
    quantities = list(r.value(F.quantities) or [])
    r.set(F.quantities, list(dict.fromkeys(quantities + [Q.LATENCY_TIME.key, Q.TIME.key])),
          r.fields[F.quantities].source if F.quantities in r.fields else source)
    r.set(F.derived, [*(r.value(F.derived) or []),
                      {"kind": Q.RATIO.key, "of": f"{Q.LATENCY_TIME.key}[{schemes[0]}]",
                       "to": f"{Q.TIME.key}[{schemes[0]}]",
                       "label": "fraction of the time due to latency"}], source)
    r.answered_by[Q.LATENCY_TIME.key] = Q.RATIO.key


def _read_crossover(r: PartReading, source: str) -> None:
    """The size at which two schemes' times are equal: a derived crossover of the part's two
    schemes' times, solved for the parameter count (a symbol of the part); refused otherwise."""
    schemes = r.value(F.schemes) or []
    quantities = list(r.value(F.quantities) or [])
    own, ctx = r.found.get("texts", ("", ""))
    timed = Q.TIME.key in quantities or rx(r"\bfast|\bslow|\bquick|\bsooner\b|\btimes?\b|\bT_").search(
        source + " " + own)
    if len(schemes) == 1:  # "the ring is faster" (than the other scheme of the context)
        shared = list(dict.fromkeys(n for _, n, _ in first_of(ctx, SCHEMES)))
        if len(shared) == 2 and schemes[0] in shared:
            schemes = [schemes[0]] + [x for x in shared if x != schemes[0]]
            r.set(F.schemes, schemes, r.fields[F.schemes].source)
    referred = _crossover_referred(source, own, r) if len(schemes) != 2 or not timed else None
    if referred:   # the earlier crossover compared times
        schemes, timed = referred, True
    letters = set(rx(r"(?<![\w^_])([A-Za-z])(?![\w(])").findall(source)) - {"a", "A", "I"}
    _crossover_letter(own, letters, r)
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


def _crossover_in_unit(r: PartReading, source: str) -> None:
    """A crossover size asked in a unit larger than a byte ("the message size M* (in bytes,
    and in MB)"), the size counted in bytes: the crossover divided by the unit's bytes, beside
    it."""
    derived = list(r.value(F.derived) or [])
    if r.value(F.dtype) != "byte" or not any(d.get("kind") == Q.CROSSOVER.key for d in derived):
        return
    own, ctx = r.found.get("texts", ("", ""))
    sentence = _sentence(own, source) or source
    if rx(r"^[A-Za-z]\^?\*?$").match(source):   # "... a certain size M. Find that M in KB."
        sentence = " ".join(t for _, t in sentences(own) if rx(
            rf"(?<![\w^_]){re.escape(source)}(?![\w(])").search(t)) or sentence
    for unit in rx(r"\bin (?:(kilo|mega|giga|tera)bytes|(kb|mb|gb|tb|kib|mib|gib|tib))\b"
                   ).finditer(sentence):
        scale = _unit_scale(unit, f"{own} {ctx}", r)
        if scale is None:
            return
        name = unit.group(0).split()[-1]
        entry = {"kind": Q.RATIO.key, "of": Q.CROSSOVER.key, "to": scale,
                 "label": f"crossover size in {name}"}
        if entry not in derived:
            derived.append(entry)
    r.set(F.derived, derived[:12], r.fields[F.derived].source)


_THIS_CROSSOVER = (r"\b(?:this|that|the same|the above|the previous|your) (?:threshold|crossover|"
                   r"break-?even(?: point| size)?|cross-?over point)\b")


def _crossover_referred(source: str, own: str, r: PartReading) -> list[str] | None:
    """'Evaluate this threshold for n = 8, ...': the crossover the last earlier part asked,
    between that part's two schemes (None when no earlier part asked one)."""
    if not rx(_THIS_CROSSOVER).search(own):
        return None
    previous = [p for p in r.found.get("previous", []) if p.family == FAMILY and any(
        isinstance(d, dict) and d.get("kind") == Q.CROSSOVER.key for d in p.value(F.derived) or [])]
    if not previous:
        return None
    before = previous[-1]
    schemes = list(before.value(F.schemes) or [])
    if len(schemes) != 2 or not set(r.value(F.schemes) or []) <= set(schemes):
        return None   # this part names another scheme: not the earlier crossover
    r.set(F.schemes, schemes, f"{source} (the schemes of the crossover of part "
                              f"({before.label}))")
    return schemes


def _crossover_letter(own: str, letters: set[str], r: PartReading) -> None:
    """A crossover asked for the parameter count by its letter ("for what number of parameters
    p do the two take the same time?") where the shared text fixed that letter ("p = 10^8"):
    in this part the count is the unknown, its letter again."""
    field = r.fields.get(F.p)
    if field is None or isinstance(field.value, str) or len(letters) != 1:
        return
    letter = next(iter(letters))
    if not rx(rf"(?<![\w]){re.escape(letter)} ?= ?").search(field.source) or \
            field.source in own or not rx(rf"\b(?:parameters?|params|entries|elements|floats|"
                                          rf"values|size|count|(?:value|number) of)\b ?"
                                          rf"{re.escape(letter)}(?![\w(])"
                                          ).search(own):
        return
    r.set(F.p, letter, field.source, note=f"the part asks for the {letter} at which the times "
                                          f"meet: {letter} is the unknown here (the text's "
                                          f"value is {field.value})")


_OF_PARTS = (r"\bratio of (?:your |the )?answers? (?:in|to|of|from) (?:part |question )?\(?([a-h]|"
             r"\d{1,2})\)? to (?:your |the |that )?(?:answers? )?(?:in|to|of|from)? ?(?:part |question )?"
             r"\(?([a-h]|\d{1,2})\)")
_OF_PHRASES = r"\bratio\W{0,3}\(([^()]{3,80})\) ?/ ?\(([^()]{3,80})\)"
_OF_CALLS = (r"\bratio:? (?P<q1>[a-z][\w -]{2,30}?) ?\((?P<s1>[^()]{2,30})\) ?/ ?"
             r"(?P<q2>[a-z][\w -]{2,30}?) ?\((?P<s2>[^()]{2,30})\)")
"""A ratio written as a quotient of one quantity of two schemes, each named in brackets like a
function's argument: "ratio total-bytes(all-to-all) / total-bytes(ring)"."""
_VERSUS = (r"\bratio (?:of |between )?(?P<x>[^.?;]{3,100}?) (?:vs\.?|versus) (?P<y>[^.?;]{2,40}?)"
           r"(?=\s?(?:\?|;|,|\.(?:\s|$)|$))")
"""A ratio of one quantity of two schemes, the first named with the quantity: "ratio of total
bytes sent (summed over all senders) all-to-all vs ring" (the first over the second)."""
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


_THAN = (r"\bhow many times (?:more|larger|bigger|greater|higher|as much|as many)(?: (?:data|bytes|"
         r"values|floats|traffic|elements))? (?P<x>[^.?;]{3,100}?) (?:than|as) (?P<y>(?:[^.?;(]|\((?:[a-h]|\d{1,2})\)){3,100})|"
         r"\bby (?:what|which|how large a|how much of a) factor (?:is|are|does|do|will|would) "
         r"(?P<x2>[^.?;]{3,100}?) (?:larger|bigger|greater|more|higher|exceed)\w*(?: \w+)? than "
         r"(?P<y2>(?:[^.?;(]|\((?:[a-h]|\d{1,2})\)){3,100})")
"""A ratio asked as a comparison: "how many times more data does the server receive than one
GPU sends in the ring", "by what factor is the volume of all-to-all larger than the ring's"."""
_ROLE_VERBS = ((r"\breceiv\w*|\bgets?\b|\btakes? in\b", "in"), (r"\bsen[dt]s?\b|\bsending\b|\bpush",
                                                                 "out"))
_BY_ROLE = {("worker", "out"): (Q.VALUES_SENT.key, Q.BYTES_SENT.key),
            ("worker", "in"): (Q.VALUES_RECEIVED.key, Q.BYTES_RECEIVED.key),
            ("server", "out"): (Q.SERVER_VALUES_SENT.key, Q.SERVER_BYTES_SENT.key),
            ("server", "in"): (Q.SERVER_VALUES_RECEIVED.key, Q.SERVER_BYTES_RECEIVED.key)}
"""(node, direction) -> the per-node cost in values and in bytes."""
_SERVED = (S.PARAMETER_SERVER.key, S.SHARDED_PS.key)


def _schemes_named(text: str, labels: dict[str, str] | None = None) -> list[str]:
    """The schemes ``text`` names: by name, or by a label the text defines ("scheme A")."""
    named = [n for _, n, _ in first_of(text, SCHEMES)] + \
        [m.entry.key for m in CATALOGUE_SCHEMES.mentions(text)]
    named += [scheme for label, scheme in (labels or {}).items()
              if rx(rf"{_LABEL_NOUN} \(?{label}\)?(?![\w'’])").search(text)]
    return list(dict.fromkeys(named))


def _operand_by_role(text: str, schemes: list[str], labels: dict[str, str] | None = None
                     ) -> tuple[str, str] | None:
    """(quantity in values, scheme) of an operand that names what one node sends or receives
    ("data does the server receive", "one GPU sends in the ring"), or None when it names no
    one node and one direction, or its scheme is not clear."""
    node = rx(r"\b(?:(servers?)|workers?|gpus?|ranks?|nodes?|process(?:es)?|machines?|devices?)\b"
              ).search(text)
    if node is None or rx(r"\b(?:busiest|most|total|every|each other)\b|\ball\b(?![- ]?(?:reduce|"
                          r"gather|to))(?<!to[- ]all)").search(text):
        return None
    ways = {way for verb, way in _ROLE_VERBS if rx(verb).search(text)}
    if len(ways) != 1 or rx(r"\b(?:and|plus|or)\b").search(text):
        return None
    role = "server" if node.group(1) else "worker"
    key = _BY_ROLE[(role, ways.pop())][0]
    named = _schemes_named(text, labels)
    if not named:
        named = [s for s in schemes if (s in _SERVED) == (role == "server")]
    return (key, named[0]) if len(named) == 1 else None


_IN_PART = r"\b(?:in|of|from|for) (?:part |question )?\(([a-h]|\d{1,2})\)"


def _operands_of_parts(r: PartReading, x: str, y: str) -> list[tuple[str, str]] | None:
    """"the traffic of the busiest node in (a) ... than in (b)": one cost, of the one scheme of
    each earlier part, counted in this part's own setting; None when an operand names no
    earlier part with one scheme, or the cost is not one."""
    out = []
    quantity = None
    for text in (x, y):
        m = rx(_IN_PART).search(text)
        earlier = [p for p in r.found.get("previous", []) if m and p.label == m.group(1).lower()
                   and p.family == FAMILY]
        if not earlier or len(earlier[0].value(F.schemes) or []) != 1:
            return None
        named = [q.entry.key for q in QUANTITIES.mentions(text) if q.entry.key in
                 {c.key for c in COSTS}]
        if len(named) > 1 or (not named and quantity is None):
            return None
        quantity = named[0] if named else quantity
        out.append((quantity, earlier[0].value(F.schemes)[0]))
    return out if out[0][1] != out[1][1] else None


_TOTALS = ((r"\bmessages\b", Q.MESSAGES.key), (r"\b(?:rounds|steps)\b", Q.ROUNDS.key),
           (r"\b(?:data|traffic|volume|bytes|floats|values|elements|numbers)\b", Q.TOTAL_VOLUME.key))
"""What a comparison of two schemes' totals counts ("how many times more messages ... than")."""


def _operand_total(text: str) -> tuple[str, str] | None:
    """(total, scheme) of an operand naming one scheme and what it counts in total ("messages
    does all-to-all send"), with no one node named; None otherwise."""
    if rx(r"\b(?:each|every|one|a single|per|the busiest|the server)\b").search(text):
        return None
    named = list(dict.fromkeys([n for _, n, _ in first_of(text, SCHEMES)] +
                               [m.entry.key for m in CATALOGUE_SCHEMES.mentions(text)]))
    kinds = [key for pattern, key in _TOTALS if rx(pattern).search(text)]
    if len(named) != 1 or len(kinds) > 1:
        return None
    return (kinds[0], named[0]) if kinds else ("", named[0])


def _scheme_only(text: str, labels: dict[str, str] | None = None) -> str | None:
    """The one scheme a bare second operand names ("in the ring", "with all-to-all", "in
    scheme B"), else None (it names a node, a verb or several schemes)."""
    if not rx(r"^(?:(?:in|with|for|under|using) )?(?:the |a |plain )?[\w -]{1,40}?"
              r"(?: (?:scheme|case|version|one|algorithm))?\s*$").match(text.strip()):
        return None
    if rx(r"\b(?:receiv|sen[dt]|gets?\b|workers?\b|gpus?\b|servers?\b|nodes?\b)").search(text):
        return None
    named = _schemes_named(text, labels)
    return named[0] if len(named) == 1 else None


def _ratio_in_bytes(r: PartReading, operands: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Operands in values turned into bytes when the part asks those costs in bytes (the ratio
    is the same; the answers it divides are then the part's own)."""
    asked = set(r.value(F.quantities) or [])
    in_bytes = {v: b for (v, b) in _BY_ROLE.values()}
    if all(in_bytes.get(q) in asked for q, _ in operands):
        return [(in_bytes[q], s) for q, s in operands]
    return operands


_BETWEEN = (r"\bratio (?:between|of) (?P<x>[^.?;]{3,100}?) (?:and|to) (?P<y>(?:[^.?;(]|\([^()]{1,20}\))"
            r"{3,100}?)(?=\s?(?:\?|;|\.(?:\s|$)|$))")
"""'the ratio between the server's traffic (from 4) and the per-worker sent volume of the
ring (from 2)': two operands named in words, each maybe with the part it comes from."""
_FROM_PART = r" ?\((?:from|in|of|see|cf\.?)? ?(?:part |question |q)?\(?([a-h]|\d{1,2})\)?\)"
_THAT_OF = (r"^(?:(?:that|the one|the same) (?:of|for|in|under) (.{3,60})|"
            r"(?:the |that of the )?([^\W\d_][\w -]{1,40}?)['’]s?)$")
"""The second operand of a ratio named by its scheme alone: "... to that of the ring", "...
and the ring's"."""
_NAMED_SCHEME = (r"\b(?:in|under|with|for|call (?:this|it)) the ([^\W\d_]{3,15}) (?:scheme|approach|"
                 r"method|strategy|algorithm)\b,? (?P<rest>[^.?;]{10,160})")
"""A scheme the text names by a word of its own and describes in the same sentence ("In the
naïve scheme every GPU sends its full gradient to each of the other n − 1 GPUs")."""


def _named_schemes(text: str) -> dict[str, str]:
    """Names the text gives schemes it describes ("the naïve scheme" -> all-to-all), when the
    description names exactly one catalogue scheme."""
    out = {}
    for m in rx(_NAMED_SCHEME).finditer(text):
        found = {n for _, n, _ in first_of(m.group("rest"), SCHEMES)}
        if len(found) == 1:
            out[f"{m.group(1)} scheme"] = found.pop()
    return out


def _operand_named(r: PartReading, text: str, schemes: list[str],
                   defined: dict[str, str] | None = None) -> tuple[str, str] | None:
    """(quantity, scheme) of an operand in words ("the server's traffic (from 4)", "the
    per-worker sent volume of the ring (from 2)"): with a part named, one of that part's
    answers (its only one, or the one the words name), in this part's setting; else the cost
    the words name."""
    ref = rx(_FROM_PART).search(text)
    words = re.sub(r"[*_]", "", rx(_FROM_PART).sub("", text))
    if ref is None:
        return _operand_by_role(words, schemes) or _operand_in_words(words, schemes, defined)
    earlier = [p for p in r.found.get("previous", []) if p.label == ref.group(1).lower()
               and p.family == FAMILY]
    if not earlier:
        return None
    p = earlier[0]
    asked, theirs = p.value(F.quantities) or [], p.value(F.schemes) or []
    if len(theirs) != 1 or any(p.value(f) != r.value(f) for f in (F.n, F.p, F.dtype, F.servers)):
        return None
    got = _operand_by_role(words, theirs) or _operand_in_words(words, theirs)
    if got is None and len(asked) == 1:
        got = (asked[0], theirs[0])
    if got is None and len(asked) > 1:
        return None
    return got if got and got[0] in asked and got[1] == theirs[0] else None


_THIS = r"^(?:this|that|it|this (?:value|amount|number|size|result|answer)|the (?:value|amount|answer) just (?:found|computed))$"
"""An operand that points back at what the part just asked ("the ratio between this and your
answer to (a)")."""


def _operand_this(r: PartReading, text: str) -> tuple[str, str] | None:
    """(quantity, scheme) ``this`` names: the part's own answer, when the part asks exactly one
    quantity of one scheme besides the ratio; else None (refused)."""
    if rx(_THIS).match(text.strip(" *_")) is None:
        return None
    asked, schemes = r.value(F.quantities) or [], r.value(F.schemes) or []
    return (asked[0], schemes[0]) if len(asked) == 1 and len(schemes) == 1 else None


_KNOWN_SUB = r"ring|tree|rd|RD|rab|ps|PS|a2a"
_SUB = (rf"T(?:_\{{?(?:\\text\{{|\\mathrm\{{)?(?:({_KNOWN_SUB})|([A-Za-z][A-Za-z-]{{1,19}}))\}}?\}}?|"
        rf" ?\{{?(?:\\text\{{|\\mathrm\{{)?({_KNOWN_SUB})\}}?\}}?)")
_HERE = (r"(?: (?:here|now|in this (?:setting|case|problem|configuration)|for this (?:model|setup|"
         r"configuration)))?(?=\s?(?:[?.;,]|$))")
"""The end of an operand, after an aside naming the setting ("... than the ring here?")."""
_QUOTIENT = rf"(?<![\w]){_SUB} ?/ ?{_SUB}(?![\w(])"
"""'T_tree / T_ring', also with the subscripts a PDF copy put on the line after the T ('T tree/T
ring'), or a subscript that is a word of the name the text gives a scheme ('T_doubling' where
the text lists 'Recursive doubling')."""


def _scheme_called(word: str, text: str) -> str | None:
    """The scheme a short word stands for ('doubling' for 'Recursive doubling', 'naive' for 'the
    naive scheme every GPU sends its full gradient to every other GPU'): the one scheme its
    name is, else the one scheme named in every clause of ``text`` where the word stands
    alone; None when it names none or several."""
    key = _TIME_OF.get(word.lower())
    named = [key] if key else _schemes_named(word)
    if named:
        return named[0] if len(named) == 1 else None
    found: set[str] = set()
    for clause in re.split(r"[.;:?!\n]|\s-\s|\s[-–•*]\s|\\item\b", text):
        if rx(rf"(?<![\w_{{]){re.escape(word)}(?![\w}}])").search(clause):
            found |= set(_schemes_named(clause))
    return found.pop() if len(found) == 1 else None


def _quotient_schemes(m: re.Match, text: str) -> tuple[str | None, str | None]:
    """The two schemes of a match of :data:`_QUOTIENT` (None for a subscript naming none)."""
    subs = [m.group(1) or m.group(3), m.group(2), m.group(4) or m.group(6), m.group(5)]
    rest = text[:m.start()] + " " + text[m.end():]
    return (_TIME_OF[subs[0].lower()] if subs[0] else _scheme_called(subs[1], rest),
            _TIME_OF[subs[2].lower()] if subs[2] else _scheme_called(subs[3], rest))


def _time_quotient(own: str, r: PartReading) -> None:
    """'What is T_tree / T_ring?': the ratio of the two schemes' times, derived (the two times
    are the part's own answers too); refused when the part does not read both schemes."""
    m = rx(_QUOTIENT).search(own)
    if m is None or any(d.get("kind") == Q.RATIO.key for d in r.value(F.derived) or []
                        if isinstance(d, dict)):
        return
    s1, s2 = _quotient_schemes(m, " ".join(r.found.get("texts", ("", ""))))
    if None in (s1, s2) or s1 == s2 or not {s1, s2} <= set(r.value(F.schemes) or []):
        r.miss(F.derived, f'"{m.group(0)}": the two times of the ratio are not each the time of '
                          "one scheme this part reads")
        return
    quantities = list(r.value(F.quantities) or [])
    if Q.TIME.key not in quantities:
        r.set(F.quantities, quantities + [Q.TIME.key], m.group(0))
    r.set(F.derived, [*(r.value(F.derived) or []),
                      {"kind": Q.RATIO.key, "of": f"time[{s1}]", "to": f"time[{s2}]"}],
          m.group(0))


_SAVES = (r"\bhow much (?:time|latency|wall[- ]clock time) (?:does|do|would|will|can) (?P<x>(?:[\w'’-]+ )"
          r"{1,4}?)save (?:(?:when |if )?(?:compared (?:to|with)|relative to|over|versus|vs\.?|"
          r"against|instead of) )(?P<y>[^.?;,(]{2,60})")
"""The time one scheme saves over another ("how much time does Rabenseifner save compared to the
ring"): the other's time minus its own."""


def _read_saving(r: PartReading, sentence: str, source: str) -> None:
    """The time saved by one scheme over another, as a derived difference of their times;
    refused unless each side names exactly one scheme, and two different ones."""
    m = rx(_SAVES).search(sentence)
    x = [n for _, n, _ in first_of(m.group("x"), SCHEMES)] if m else []
    y = [n for _, n, _ in first_of(m.group("y"), SCHEMES)] if m else []
    if len(x) != 1 or len(y) != 1 or x == y:
        r.miss(F.derived, f'"{source}": the time saved is read only as one scheme against '
                          "another (expected 'how much time does the ring save compared to the "
                          "tree')")
        return
    r.set(F.schemes, list(dict.fromkeys([*(r.value(F.schemes) or []), x[0], y[0]])),
          m.group(0))
    r.set(F.quantities, list(dict.fromkeys([*(r.value(F.quantities) or []), Q.TIME.key])),
          m.group(0))
    r.set(F.derived, [*(r.value(F.derived) or []),
                      {"kind": Q.DIFFERENCE.key, "of": f"{Q.TIME.key}[{y[0]}]",
                       "to": f"{Q.TIME.key}[{x[0]}]"}], m.group(0))


_LEADING = (r"(?:^|[.?!;:]\s)\(?(?:[a-h]|\d{1,2})?[.)]?\s?(?:under|with|for|in|using) (?P<s>[^,.?;]{2,40}),"
            r" ?$")
"""A scheme named ahead of a comparison ("Under all-to-all, how many times more entries does a
worker send than under the ring?"): the first operand's."""


def _leading_scheme(own: str, than: re.Match, labels: dict[str, str]) -> str:
    """The clause naming the first operand's scheme ahead of the comparison (to be read with
    it), when it names exactly one scheme; else ''."""
    m = rx(_LEADING).search(own[:than.start()])
    if m is None or len(_schemes_named(m.group("s"), labels)) != 1:
        return ""
    return f"in {m.group('s')} "


_THAT_RATIO = r"\b(?:that|this|the same|the above|the previous|your) ratio\b"
"""A ratio asked again ("Give that ratio as a function of n"): the latest earlier part's."""


_NAMES_QUOTIENT = (r"\bratio(?: of (?P<q>[^()?.;/]{3,60}?))?:?\s?\(?(?P<x>[A-Za-z][\w -]{1,30}?) ?/ ?"
                   r"(?P<y>[A-Za-z][\w -]{1,30}?)\)?(?=\s?(?:[?.;,]|$))")
"""A ratio written as a quotient of two schemes' names, the quantity named before it or the one
the part asks ("What is the ratio naive / ring?", "the ratio of total network traffic
(parameter server / ring)")."""
_THEIR_RATIO = r"\b(?:and|give|with) (?:also )?(?:their|the) ratio\b(?! (?:of|between|to)\b)"
"""'the time of both schemes, and their ratio': the asked quantity of the part's two schemes,
the first named over the second."""


def _one_cost(text: str, asked: set[str] | frozenset, r: PartReading) -> str | None:
    """The one cost ``text`` names, else the one cost the part asks; None when not one."""
    costs = {q.key for q in COSTS}
    named = list(dict.fromkeys(m.entry.key for m in QUANTITIES.mentions(text)
                               if m.entry.key in costs))
    if not named and text.strip():
        named = [key for pattern, key in _SHORT.items() if rx(pattern).search(text)]
    if named:
        return named[0] if len(named) == 1 else None
    own = [q for q in r.value(F.quantities) or [] if q in costs and (q in asked or not asked)]
    return own[0] if len(own) == 1 else None


def _operand_of_asked(r: PartReading, text: str, asked: set[str] | frozenset
                      ) -> tuple[str, str] | None:
    """(the one cost the part asks, the one scheme ``text`` names) for an operand that names a
    scheme and only a unit of that cost ("the butterfly's per-GPU bytes" in a part asking how
    many bytes each GPU sends); None otherwise."""
    named = _schemes_named(text)
    q = _one_cost("", asked, r)
    if len(named) != 1 or q is None or q not in IN_BYTES or \
            not rx(r"\bbytes\b").search(text) or rx(r"\b(?:total|all|busiest|server)\b").search(text):
        return None
    return q, named[0]


def _operands_by_names(r: PartReading, own: str, ctx: str, asked: set[str] | frozenset
                       ) -> tuple[list, re.Match] | None:
    """(operands, the phrase) of a ratio between two schemes named by a short word each
    (:data:`_NAMES_QUOTIENT`) or of the part's two schemes (:data:`_THEIR_RATIO`); operands
    [None] when a scheme or the quantity is not one."""
    m = rx(_NAMES_QUOTIENT).search(own)
    if m is not None:
        rest = f"{ctx} {own[:m.start()]} {own[m.end():]}"
        pair = [_scheme_called(m.group(g).strip(), rest) for g in ("x", "y")]
        q = _one_cost(m.group("q") or "", asked, r)
        if None in pair or q is None or pair[0] == pair[1]:
            return [None], m
        return [(q, pair[0]), (q, pair[1])], m
    m = rx(_THEIR_RATIO).search(own)
    schemes = list(r.value(F.schemes) or [])
    if m is None:
        return None
    q = _one_cost("", asked, r)
    if len(schemes) != 2 or q is None:
        return [None], m
    r.convention("ratio order", m.group(0), f"the {CATALOGUE_SCHEMES[schemes[0]].name} over the "
                                            f"{CATALOGUE_SCHEMES[schemes[1]].name} (the order the "
                                            "text names them)")
    return [(q, schemes[0]), (q, schemes[1])], m


def _ratio_referred(own: str, r: PartReading) -> tuple[list, re.Match] | None:
    """(operands, the phrase) of the ratio the latest earlier part derived, when this part
    refers to it ("that ratio") and that part derived exactly one ratio; operands [None] (refused)
    when it refers to one no earlier part derived."""
    m = rx(_THAT_RATIO).search(own)
    if m is None:
        return None
    for p in reversed(r.found.get("previous", [])):
        ratios = [d for d in p.value(F.derived) or [] if isinstance(d, dict)
                  and d.get("kind") == Q.RATIO.key] if p.family == FAMILY else []
        if ratios:
            cells = [rx(r"^([\w-]+)\[([\w-]+)\]$").match(str(ratios[0].get(k, "")))
                     for k in ("of", "to")]
            if len(ratios) != 1 or not all(cells):
                return [None], m
            return [(c.group(1), c.group(2)) for c in cells], m
    return [None], m


_FASTER = (r"\b(?:how many times|by (?:what|which|how large a|how much of a) factor) (?:is|are|does|"
           r"do|would|will|will be) (?P<x>[^.?;,]{3,60}?) (?:(?:run|be|finish|complete)s? )?"
           r"(?P<d>faster|quicker|slower)(?: to run)? than (?P<y>[^.?;,]{3,60}?)"
           rf"{_HERE}|\bhow many times (?P<d3>faster|quicker|slower) (?:is|are|does|do|would|will|"
           rf"will be) (?P<x3>[^.?;,]{{3,60}}?) (?:(?:run|be|finish|complete) )?than "
           rf"(?P<y3>[^.?;,]{{3,60}}?){_HERE}|"
           rf"\bspeed[- ]?up (?:factor |ratio )?of (?P<x2>[^.?;,]{{3,60}}?) (?:over|relative to|"
           rf"compared (?:to|with)|versus|vs\.?) (?P<y2>[^.?;,]{{3,60}}?){_HERE}")
"""A ratio of two schemes' times asked as a speed: "how many times faster is ring all-reduce
than the parameter server here?" (the slower's time over the faster's), "by what factor is the
tree slower than the ring?" (the tree's time over the ring's), "the speed-up of the ring over
the tree" (the tree's time over the ring's)."""


def _faster_operands(own: str, ctx: str) -> tuple[list, re.Match] | None:
    """(operands, the phrase) of a ratio of times asked as a speed (:data:`_FASTER`); operands
    [None] (refused) unless each side names one scheme, two different ones, and nothing a node
    sends or receives."""
    m = rx(_FASTER).search(own)
    if m is None:
        return None
    x = m.group("x") or m.group("x2") or m.group("x3")
    y = m.group("y") or m.group("y2") or m.group("y3")
    labels = {k: v[0] for k, v in _label_table(ctx + " " + own).items()}
    named = [_schemes_named(side, labels) for side in (x, y)]
    moved = rx(r"\b(?:sen[dt]s?|receiv\w*|bytes|messages?|traffic|volume|data)\b")
    if any(len(n) != 1 for n in named) or named[0] == named[1] or \
            moved.search(x) or moved.search(y):
        return [None], m
    first, second = named[0][0], named[1][0]
    slower_first = (m.group("d") or m.group("d3") or "").lower() == "slower"
    pair = (first, second) if slower_first else (second, first)
    return [(Q.TIME.key, pair[0]), (Q.TIME.key, pair[1])], m


def _read_ratio(r: PartReading, source: str, asked: set[str] | frozenset = frozenset()) -> None:
    """A ratio of two answers: of earlier parts ("the ratio of your answer in (b) to your
    answer in (c)") or named in words ("ratio (ring total)/(PS total)"), as a derived ratio of
    this part's cells; refused when an operand is not one quantity of one scheme."""
    own, ctx = r.found.get("texts", ("", ""))
    schemes = list(dict.fromkeys(n for _, n, _ in first_of(ctx + " " + own, SCHEMES)))
    m = rx(_OF_PARTS).search(own)
    words = rx(_OF_PHRASES).search(own)
    than = rx(_THAN).search(own)
    if m:
        operands = [_operand_of_part(r, m.group(i).lower()) for i in (1, 2)]
    elif (earlier := _ratio_referred(own, r)) is not None:
        operands, words = earlier
    elif words:
        defined = _abbreviations(ctx + " " + own)
        table = _label_table(ctx + " " + own)
        operands = [_operand_in_words(_unlabelled(words.group(i), table), schemes, defined)
                    for i in (1, 2)]
        other = _scheme_only(words.group(2)) if operands[0] and operands[1] is None else None
        if other and other != operands[0][1]:   # "(bytes sent per worker, tree) / (ring)"
            operands[1] = (operands[0][0], other)
    elif (calls := rx(_OF_CALLS).search(own)) is not None:   # "total-bytes(a2a) / total-bytes(ring)"
        defined = _abbreviations(ctx + " " + own)
        operands = [_operand_in_words(f"{calls.group(q).replace('-', ' ')} of the {calls.group(w)}",
                                      schemes, defined) for q, w in (("q1", "s1"), ("q2", "s2"))]
        words = calls
    elif (versus := rx(_VERSUS).search(own)) is not None:   # "ratio of total bytes A vs B"
        defined = _abbreviations(ctx + " " + own)
        first = _operand_in_words(versus.group("x"), schemes, defined)
        second = first and _operand_in_words(
            f"{QUANTITIES[first[0]].name} of {versus.group('y')}", schemes, defined)
        operands = [first, second if second and second[0] == first[0] else None]
        words = versus
    elif (faster := _faster_operands(own, ctx)) is not None:   # "how many times faster is A than B"
        operands, words = faster
    elif than:
        x, y = than.group("x") or than.group("x2"), than.group("y") or than.group("y2")
        labels = {k: v[0] for k, v in _label_table(ctx + " " + own).items()}
        x = _leading_scheme(own, than, labels) + x
        operands = [_operand_by_role(x, schemes, labels), _operand_by_role(y, schemes, labels)]
        if not all(operands):
            operands = _operands_of_parts(r, x, y) or operands
        if not any(operands):
            operands = [_operand_total(x), _operand_total(y)]
        other = _scheme_only(y, labels)
        if operands[0] and operands[1] is None and other and other != operands[0][1]:
            operands[1] = (operands[0][0], other)  # "... in the PS than in the ring"
        if all(operands) and operands[1][0] == "" and operands[0][0]:
            operands[1] = (operands[0][0], operands[1][1])  # "... than the ring (does)"
        if any(o is not None and (o[0] == "" or o[0] == o[1]) for o in operands) or \
                (all(operands) and operands[0][1] == operands[1][1] and
                 operands[0][0] == operands[1][0]):
            operands = [None]
        if all(operands):
            operands = _ratio_in_bytes(r, operands)
        words = than
    elif (quotient := rx(_QUOTIENT).search(own)) is not None:   # "(T_tree / T_ring)"
        operands = [(Q.TIME.key, s) for s in _quotient_schemes(quotient, f"{ctx} {own}")]
        operands = operands if None not in (operands[0][1], operands[1][1]) and \
            operands[0][1] != operands[1][1] else [None]
        words = quotient
    elif (between := rx(_BETWEEN).search(own)) is not None:
        earlier = " ".join(p.found.get("texts", ("", ""))[0] for p in r.found.get("previous", []))
        defined = _named_schemes(f"{ctx} {earlier} {own}")
        operands = [_operand_named(r, between.group(i), schemes, defined) or
                    _operand_this(r, between.group(i)) or
                    _operand_of_asked(r, between.group(i), asked) for i in ("x", "y")]
        that = rx(_THAT_OF).match(between.group("y"))
        if operands[0] and operands[1] is None and that:   # "... to that of the ring"
            named = _operand_in_words(f"{QUANTITIES[operands[0][0]].name} of "
                                      f"{that.group(1) or that.group(2)}", schemes, defined)
            operands[1] = named if named and named[0] == operands[0][0] else None
        words = between
        if all(operands):
            for i, (q, s) in zip(("x", "y"), operands):
                r.convention("ratio operand", between.group(i), f"{QUANTITIES[q].name} of the "
                                                                f"{CATALOGUE_SCHEMES[s].name}")
    elif (by_names := _operands_by_names(r, own, ctx, asked)) is not None:
        operands, words = by_names
        if None in operands:
            r.miss(F.derived, f'"{words.group(0)}": a name of the quotient is not one scheme the '
                              "text describes, or the quantity divided is not one cost (expected "
                              "'the ratio naive / ring' with 'in the naive scheme every GPU sends "
                              "...')")
            return
    else:
        operands = [None]
    if any(o is None for o in operands):
        r.miss(F.derived, f'"{source}": the two quantities of the ratio are not each one cost '
                          "of one scheme (expected 'the ratio of your answer in (b) to your "
                          "answer in (c)' or 'ratio (ring total)/(PS total)')")
        return
    (q1, s1), (q2, s2) = operands
    r.set(F.schemes, list(dict.fromkeys([s1, s2])), (m or words).group(0))
    quantities = [q for q in r.value(F.quantities) or [] if q in (q1, q2) or q in asked]
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


_RD_PHASE = (r"\b(?:all[- ]?gather|reduce[- ]?scatter)(?: phase)? (?:is )?(?:done )?(?:by|via|using|"
             r"with) recursive[- ]?doubling\b|\brecursive[- ]doubling[- ]all[- ]?gather\b|"
             r"(?<=recursive[- ]halving )(?:\+|and|plus|then|followed by) (?:a |by )?recursive[- ]doubling\b")
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


def _ring_phases_named(own: str, ctx: str, r: PartReading) -> None:
    """"reduce-scatter followed by all-gather": the ring all-reduce's two phases, recorded."""
    for text in (own, ctx):
        for m in rx(_RS_AG).finditer(text):
            r.convention("phases", m.group(0), "the two phases of the ring all-reduce")


def _one_phase(r: PartReading, phrase_: str) -> None:
    r.miss(F.schemes, f'"{phrase_}" names one phase of an all-reduce, which is not counted on its '
                      "own (expected a whole all-reduce: ring, tree, recursive doubling, "
                      "rabenseifner, parameter server, all-to-all)")


def _read_schemes(own: str, ctx: str, r: PartReading) -> list[str]:
    own, ctx = _BROKEN.sub("", own), _BROKEN.sub("", ctx)
    personal = rx(_PERSONALISED).search(own + " " + ctx)
    if personal and not first_of(own, SCHEMES):   # beside a personalised exchange, a part
        _personalised(r, personal)                # naming no scheme may be about that one
        return []
    phased = read_phases(own, ctx, r, lambda o, c: _scheme_names(*_phases(o, c, r), r))
    if phased is not None:
        phased = _butterfly_defined(phased, own, ctx, r)
        if S.RING.key in phased:   # "the whole all-reduce (reduce-scatter + all-gather)"
            _ring_phases_named(own, ctx, r)
        return phased
    phase = next((m for m in rx(_PHASE_ALONE).finditer(own) if not rx(
        r"\brounds? of (?:the |its )?$").search(own[max(0, m.start() - 30):m.start()])), None)
    if phase and (not rx(r"\ball[- ]?reduce\b|\ballreduce\b|\brabenseifner").search(own) or
                  rx(_PHASE_OF).search(own)) and \
            not (rx(r"\breduce[- ]scatter\b").search(own) and rx(r"\ball[- ]gather\b").search(own)):
        _one_phase(r, phase.group(0))
        return []
    names = _butterfly_defined(_scheme_names(*_phases(own, ctx, r), r), own, ctx, r)
    personal = rx(_PERSONALISED).search(own + " " + ctx)
    if personal and S.ALL_TO_ALL.key in names:   # the exchange the text sets up
        _personalised(r, personal)
        return []
    if S.RABENSEIFNER.key in names:
        _rabenseifner_sizes(own, ctx, r)
    if S.RING.key in names and S.RABENSEIFNER.key not in names:
        _ring_phases_named(own, ctx, r)
    return names


def _personalised(r: PartReading, personal: re.Match) -> None:
    r.missing = [m for m in r.missing if m.name != F.schemes]
    r.miss(F.schemes, f'"{personal.group(0)}": this all-to-all sends each rank its own piece '
                      "(a personalised exchange, as in a mixture of experts), not the whole "
                      "gradient to every other worker, which is the all-to-all optiproof counts")


_PERSONALISED = (r"\bmixture[- ]of[- ]experts\b|\bMoE\b|\bexpert[- ]parallel(?:ism)?\b|"
                 r"\bsends? (?:piece|chunk|block|part|slice|shard) ([a-z]) to (?:rank|worker|gpu|node|"
                 r"device|process) \1\b|\bpersonali[sz]ed (?:all[- ]?to[- ]?all|"
                 r"exchange)\b|\b(?:chunk|block|piece|shard|part|slice) ([a-z]) (?:goes|going|is sent|"
                 r"sent|destined) to (?:rank|worker|gpu|node|device|process) \2\b|\bone (?:block |chunk |"
                 r"piece )?(?:destined|meant|intended|addressed) for (?:every|each) (?:other )?(?:rank|"
                 r"worker|gpu|node|device|process)\b")
"""An all-to-all that sends each rank a piece of its own ("chunk j going to rank j", "one block
destined for every worker", a mixture of experts' token exchange): not the catalogue's
all-to-all, where every worker sends its whole gradient to every other."""


_BUTTERFLY_AS_HALVING = (r"\bbutterfl(?:y|ies)\b[^.?!]{0,120}?\b(?:recursive[- ]halving|"
                         r"reduce[- ]scatter\b[^.?!]{0,60}?\ball[- ]gather)|\b(?:recursive[- ]halving|"
                         r"reduce[- ]scatter\b[^.?!]{0,60}?\ball[- ]gather)\b[^.?!]{0,120}?\bbutterfl(?:y|ies)\b")
"""A butterfly the text describes as a recursive-halving reduce-scatter then a recursive-doubling
all-gather ("The butterfly all-reduce performs a recursive-halving reduce-scatter followed by
..."): Rabenseifner's algorithm, not the recursive doubling of whole vectors."""


def _butterfly_defined(names: list[str], own: str, ctx: str, r: PartReading) -> list[str]:
    """The schemes read, with a butterfly the text (this part, the shared text or an earlier
    part) describes as halving then doubling read as Rabenseifner's algorithm in every part."""
    if S.RECURSIVE_DOUBLING.key not in names or not rx(r"\bbutterfl(?:y|ies)\b").search(own + " " + ctx):
        return names
    texts = [own, ctx, *(p.found.get("texts", ("", ""))[0] for p in r.found.get("previous") or [])]
    said = next((m for t in texts for m in [rx(_BUTTERFLY_AS_HALVING).search(t)] if m), None)
    if said is None:
        return names
    if rx(r"\brecursive[- ]doubling\b").search(own) and not rx(r"\brecursive[- ]doubling all[- ]gather"
                                                             ).search(own):
        return names   # the part names recursive doubling itself as well
    r.convention("butterfly", said.group(0)[:120], "the butterfly is the recursive-halving "
                 "reduce-scatter then recursive-doubling all-gather (Rabenseifner), as the text "
                 "describes it")
    names = list(dict.fromkeys(S.RABENSEIFNER.key if n == S.RECURSIVE_DOUBLING.key else n
                               for n in names))
    if F.schemes in r.fields:
        r.set(F.schemes, names, r.fields[F.schemes].source)
    return names


_PHASE_ALONE = r"\b(?:ring[- ])?(?:reduce[- ]scatter|all[- ]gather)\b"
_PHASE_OF = (r"\b(?:in|during|for) the (?:\\emph\{)?(?:reduce[- ]scatter|all[- ]gather)\}? (?:phase|stage|step)\b|"
             r"\b(?:reduce[- ]scatter|all[- ]gather)\}? (?:phase|stage) of (?:the |a )?(?:ring )?all[- ]?reduce\b")
"""'In the reduce-scatter phase of ring all-reduce, ...': the count asked is the phase's, though
the all-reduce is named."""


_TIME_OF = {"ring": S.RING.key, "tree": S.TREE.key, "rd": S.RECURSIVE_DOUBLING.key,
            "rab": S.RABENSEIFNER.key, "ps": S.PARAMETER_SERVER.key, "a2a": S.ALL_TO_ALL.key}
"""The scheme a time symbol names by its subscript (T_ring, T_tree, T_rd, T_rab, T_ps)."""


def _timed_schemes(text: str) -> list[tuple[int, str, str]]:
    """Schemes named by time symbols ("T_tree(p) and T_ring(p)"), as ``first_of`` gives them."""
    out = {}
    for m in rxc(r"(?<![\w])T_?\{?(?:\\text\{|\\mathrm\{)?(ring|tree|rd|RD|rab|ps|PS|a2a)\}?\}?"
                 r"(?![a-z])").finditer(text):
        key = _TIME_OF[m.group(1).lower()]
        out.setdefault(key, (m.start(), key, m.group(0)))
    return list(out.values())


_TREE_ALONE = (r"\b(?:the|a|this|that|our) tree\b(?![- ](?:all[- ]?reduce|based|scheme|algorithm|"
               r"method|approach|strategy|collective|schedule|variant|version)\b)")
"""'the tree', 'a tree' with no scheme noun: the tree all-reduce, when the text names one."""


def _tree_alone(own: str, ctx: str, r: PartReading) -> list[tuple[int, str, str]]:
    """The tree all-reduce named as 'the tree' alone ("is the tree faster than the ring"), as
    ``first_of`` gives it: only when the part, the shared text or an earlier part names a tree
    all-reduce in full (a tree scheme, a binomial tree, reduce then broadcast); nothing otherwise."""
    m = rx(_TREE_ALONE).search(own)
    if m is None or any(n == S.TREE.key for _, n, _ in first_of(own, SCHEMES)):
        return []
    earlier = any(S.TREE.key in (p.value(F.schemes) or []) for p in r.found.get("previous", [])
                  if p.family == FAMILY)
    if not earlier and not rx(SCHEMES[S.TREE.key]).search(own + " " + ctx):
        return []
    return [(m.start(), S.TREE.key, m.group(0))]


_EACH_SCHEME = (r"\b(?:each|every|all)(?: (?:of )?(?:the|these|those))?(?: (?:two|three|four|five|six))? "
                r"(?:schemes?|algorithms?|collectives?|options?|strategies|approaches)\b")
"""'For each scheme', 'all three algorithms': every scheme the shared text names (a scheme
named only in a parenthetical remark does not select one)."""


def _scheme_names(own: str, ctx: str, r: PartReading) -> list[str]:
    alone = rx(_PHASE_ALONE).search(own)
    if alone and not rx(r"\ball[- ]?reduce\b|\ballreduce\b").search(own) and \
            not rx(_RS_AG).search(own) and rx(r"\bring[- ](?:reduce|all)").search(own):
        _one_phase(r, alone.group(0))
        return []
    listed = _listed_after(own + " " + ctx, r"\b(?:\d{1,2}|two|three|four|five|six|seven) rows?"
                                            r"\b[^:]{0,20}:|\brows?:", SCHEMES)
    if not listed and rx(_EACH_SCHEME).search(own) and \
            not first_of(re.sub(r"\([^()]{0,200}\)", " ", own), SCHEMES):
        shared = [(n, s) for _, n, s in first_of(ctx, SCHEMES)]
        if len(shared) >= 2:   # "for each scheme (for the PS, ...)": every scheme of the text
            listed = shared
    if not listed:
        listed = sorted(first_of(own, SCHEMES) + _timed_schemes(own) + _tree_alone(own, ctx, r))
        listed = [(n, s) for _, n, s in listed]
    if not listed:
        listed = _labelled(own, ctx) or _abbreviated(own, ctx)
    if not listed and (rx(_PART_REF).search(own) or rx(_PART_WORD).search(own)):
        inherited = _schemes_of_referenced_part(own, r, strict=False)   # "… in (c)"
        if inherited is not None:
            return inherited
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
    several = rx(_SEVERAL).search(own)
    if several and len(names) < 2 and not first_of(own, SCHEMES):  # "both algorithms", one named
        names = []
    elif several and len(names) == 1:
        # "recursive doubling ... which of the two algorithms is faster": the one this part
        # names and the one the part before is about
        before = _with_scheme_before(r, names, several)
        if before is not None:
            r.set(F.schemes, before, f"{'; '.join(s for _, s in listed)}; {several.group(0)} "
                                     "(with the scheme of the part before)")
            return before
    if not names:
        inherited = _schemes_of_referenced_part(own, r)
        if inherited is None:
            inherited = _schemes_referred(own, r)
        if inherited is not None:
            return inherited
        if any(m.name == F.schemes for m in r.missing):
            return []
        inherited = _scheme_of_part_before(r)
        if inherited is not None:
            return inherited
        r.miss(F.schemes, "no communication scheme named (expected all-to-all, parameter server, "
                          "ring all-reduce, tree all-reduce, recursive doubling, rabenseifner)")
        return []
    r.set(F.schemes, names, "; ".join(dict.fromkeys(s for _, s in listed)))
    return names


_LABEL_NOUN = r"(?:scheme|option|method|approach|strategy|algorithm|variant|design|setup|plan)"
_LABEL = rf"\b{_LABEL_NOUN} \(?([A-D]|[1-4])\)?(?![\w'’]|[.,]\d)"
"""A scheme's label as the text uses it ("scheme B", "Option 2")."""


def _label_table(text: str) -> dict[str, tuple[str, str]]:
    """Labels the text defines for schemes ("Scheme A — all-to-all: ...", "Option 2 is a ring
    all-reduce"): label -> (scheme, the defining phrase); a label defined twice with two
    different schemes is left out."""
    out: dict[str, tuple[str, str]] = {}
    clash = set()
    for m in rx(_LABEL + r" ?(?:[—–:=(]|-{1,2}|\b(?:is|uses|does|means|runs)\b)").finditer(text):
        window = text[m.end():m.end() + 40]
        found = first_of(window, SCHEMES)
        if not found or found[0][0] > 20:
            continue
        label, scheme = m.group(1).upper(), found[0][1]
        if label in out and out[label][0] != scheme:
            clash.add(label)
        out.setdefault(label, (scheme, phrase(text, m.start(), m.end() + found[0][0] +
                                              len(found[0][2]))))
    return {k: v for k, v in out.items() if k not in clash}


def _unlabelled(text: str, table: dict[str, tuple[str, str]]) -> str:
    """``text`` with each scheme label the text defines written as its scheme ("total data
    scheme A" -> "total data all-to-all"); a label the text does not define is kept."""
    return rx(_LABEL).sub(lambda m: CATALOGUE_SCHEMES[table[m.group(1).upper()][0]].name
                          if m.group(1).upper() in table else m.group(0), text)


def _labelled(own: str, ctx: str) -> list[tuple[str, str]]:
    """The schemes a part names by their labels ("For scheme A, ..."), in order, when the text
    defines every label it uses; else none."""
    used = [(m.group(1).upper(), m.group(0)) for m in rx(_LABEL).finditer(own)]
    if not used:
        return []
    table = _label_table(ctx + " " + own)
    if any(label not in table for label, _ in used):
        return []
    return [(table[label][0], f"{source} ({table[label][1]})") for label, source in used]


def _abbreviated(own: str, ctx: str) -> list[tuple[str, str]]:
    """The schemes a part names by the abbreviations the text defines ("parameter server (PS)"
    ... "(b) PS: the same three quantities"), in order."""
    used = sorted((m.start(), scheme, m.group(0)) for abbr, scheme in _abbreviations(
        ctx + " " + own).items() for m in rxc(rf"(?<![\w(]){re.escape(abbr)}(?![\w)])").finditer(own))
    return [(scheme, source) for _, scheme, source in used]


_PART_REF = r"(?<![\w)\]^_])\(([a-h]|\d{1,2})\)(?! ?[-−+*/^])"
"""A part named by its label, "(c)", "in (a)" (not a factor of a formula)."""


_PART_WORD = r"\bparts? \(?([a-h]|\d{1,2})\)?(?![\w.,]?\d)"
"""A part named in words, "the tree scheme of part 2", "as in Part (b)"."""


def _schemes_of_referenced_part(own: str, r: PartReading,
                                strict: bool = True) -> list[str] | None:
    """A part that names no scheme but earlier parts ("How many floats does a single worker
    receive in (a)?", "How many rounds does (c) take?", "(a) divided by (c)"): their schemes in
    order, else None. A referenced part with another setting (n, p, type, servers) is refused
    naming it; with ``strict`` off it is not taken at all (None: the part's schemes are read as
    if it referred to nothing, as a ratio of two parts of different sizes must be)."""
    previous = {p.label: p for p in r.found.get("previous", []) if p.family == FAMILY}
    labels = [x.lower() for x in rx(_PART_REF).findall(own) + rx(_PART_WORD).findall(own)
              if x.lower() in previous]
    labels = list(dict.fromkeys(labels))
    if not labels:
        return None
    names: list[str] = []
    for label in labels:
        got = previous[label].value(F.schemes)
        if not isinstance(got, list) or not got:
            return None
        names += [x for x in got if x not in names]
        differ = [f for f in (F.n, F.p, F.dtype, F.servers) if not isinstance(
            previous[label].value(f), (str, type(None))) and previous[label].value(f) != r.value(f)]
        if differ and not strict:
            return None
        if differ:
            r.miss("setting", f'"({label})" names a part whose {", ".join(differ)} differ from '
                              "this part's (expected the setting of the part it refers to)")
    r.set(F.schemes, names, "the schemes of part " + ", ".join(f"({x})" for x in labels))
    return names


_SEVERAL = (r"\b(?:both|each|every|either|all(?: the)?(?: two| three| four)?|the (?:two|three|four)) (?:of the )?"
            r"(?:[\w-]+ )?(?:algorithms?|schemes?|methods?|approaches|strategies|collectives|"
            r"variants|versions|options|all[- ]?reduces?|implementations)\b|\b(?:both|the (?:two|"
            r"three|four)) (?:[\w-]+ )?(?:times|costs)\b|\bwhich (?:one|of (?:them|the two|the three|"
            r"these|those))\b(?= (?:is|would|will|runs|wins|takes|has))")
_ONE = (r"\b(?:(?:the )?same|this|that) (?:scheme|algorithm|method|approach|strategy|collective|"
        r"all[- ]?reduce|variant|version|option)\b")
_HOW_MANY = {"two": 2, "both": 2, "either": 2, "three": 3, "four": 4}


def _with_scheme_before(r: PartReading, names: list[str], several: re.Match) -> list[str] | None:
    """The one scheme a part names and the one scheme of the latest earlier part, when the part
    speaks of two ("the two algorithms", "both"); None otherwise."""
    count = next((v for k, v in _HOW_MANY.items() if rx(rf"\b{k}\b").search(several.group(0))),
                 None)
    previous = [p for p in r.found.get("previous", []) if p.family == FAMILY]
    got = previous[-1].value(F.schemes) or [] if previous else []
    if count != 2 or len(got) != 1 or got[0] in names:
        return None
    return [*names, got[0]]


def _schemes_referred(own: str, r: PartReading) -> list[str] | None:
    """A part naming no scheme but referring to the schemes by meaning: several ("both
    algorithms", "the two times", "which one is faster") are every scheme the earlier parts
    read, in order; one ("the same scheme", "this algorithm") is the one scheme of the part
    before. None when the part refers to none; refused when the reference does not fit."""
    previous = [p for p in r.found.get("previous", []) if p.family == FAMILY]
    several, one = rx(_SEVERAL).search(own), rx(_ONE).search(own)
    if several:
        names: list[str] = []
        for p in previous:
            names += [x for x in p.value(F.schemes) or [] if x not in names]
        count = next((v for k, v in _HOW_MANY.items() if rx(rf"\b{k}\b").search(
            several.group(0))), None)
        if len(names) < 2 or (count is not None and count != len(names)):
            r.miss(F.schemes, f'"{several.group(0)}" refers to several schemes, but the earlier '
                              f"parts name {len(names)} (expected the schemes named)")
            return None
        r.set(F.schemes, names, f"{several.group(0)} (the schemes of the earlier parts)")
        return names
    if one and previous:
        got = previous[-1].value(F.schemes) or []
        if len(got) != 1:
            r.miss(F.schemes, f'"{one.group(0)}" refers to one scheme, but the part before names '
                              f"{len(got)}")
            return None
        r.set(F.schemes, list(got), f"{one.group(0)} (the scheme of part ({previous[-1].label}))")
        return list(got)
    return None


def _busiest_in_bytes(r: PartReading) -> None:
    """'How many bytes does the busiest node send?' reads as the bytes one worker sends beside
    the values the busiest node sends; with a server the busiest node is the server, so that
    pair does not answer it: refused, naming the phrase."""
    quantities = set(r.value(F.quantities) or [])
    if {Q.BUSIEST_SENT.key, Q.BYTES_SENT.key} <= quantities and \
            set(r.value(F.schemes) or []) & {S.PARAMETER_SERVER.key, S.SHARDED_PS.key}:
        r.miss(F.quantities, f'"{r.fields[F.quantities].source}": the bytes the busiest node '
                             "sends are not read for a scheme with a server, whose busiest node "
                             "is the server (expected 'bytes sent by the server' or 'values sent "
                             "by the busiest node')")


def _scheme_of_part_before(r: PartReading) -> list[str] | None:
    """A part naming no scheme, in a text whose shared part names none either: the one scheme
    of the part before it ("(a) Ring all-reduce: ... (b) How many entries does one worker
    send?"), in the same setting; None when that part names several or none."""
    previous = [p for p in r.found.get("previous", []) if p.family == FAMILY]
    if not previous or "." in previous[-1].label:
        return None
    before = previous[-1]
    got = before.value(F.schemes) or []
    if len(got) != 1 or any(before.value(f) != r.value(f) for f in (F.n, F.p)):
        return None
    r.set(F.schemes, list(got), f"{before.fields[F.schemes].source} (the scheme of part "
                                f"({before.label}), which this part continues)")
    return list(got)


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

_ROOT = (r"\b(?:(?:to|at|on|from|in|by|of) (?:the )?(?:root )?|root (?:is |= ?)?)(?:worker|rank|node|gpu|"
         r"process|machine)(?: number)? ?0\b|\b(?:worker|rank|node|gpu|process) 0 (?:is|as) the root\b"
         r"|\b(?:worker|rank|node|gpu|process) 0 (?:holds|has|ends up with|ends with|obtains) the "
         r"(?:total|full sum|sum|reduced (?:vector|gradient))\b")
"""The root of a tree all-reduce named as worker 0 ("reduce to worker 0")."""
_NUMBERING = (r"\b(?:workers|ranks|nodes|gpus|processes)(?: \w)? ?(?:= ?)?\(?(?:0 ?(?:\.\.|-|–|to) ?"
              r"(?:\d{1,4}|n ?- ?1)|(?:\w ?= ?)?0 ?, ?(?:1 ?, ?)?(?:\.\.\.|…|\. \. \.|\\dots) ?, ?"
              r"(?:\d{1,4}|n ?- ?1))\)?")
"""How the workers are numbered ("ranks 0..15", "ranks r = 0, ..., n-1")."""


_ROUND_RANGE = (r"\b(?:rounds?|steps?|phases?|iterations?) (?:[a-z] ?= ?)?[01] ?(?:, ?(?:[12] ?, ?)?(?:\.\.\.|…|"
                r"\. \. \.|\\dots) ?, ?|(?:\.\.|…| to ))(?:log ?_? ?2 ?\(?n\)?|lg ?n|[a-zA-Z]) ?(?:[-−] ?1)?"
                r"(?![\w.])")
"""The rounds numbered ("in round i = 0, 1, ..., log_2 n - 1")."""


def _read_numbering(both: str, r: PartReading) -> None:
    """The root of a tree named as worker 0, the numbering of the ranks, "the other 3 GPUs" (n −
    1 of them) and "summed over all 4 GPUs" (n): read as what they are, recorded with their
    source; "the other 3" with n ≠ 4 is refused."""
    n = r.value(F.n)
    for m in rx(r"\bother (\d{1,4}) (?:gpus|workers|nodes|ranks|machines|devices|processes)\b"
                ).finditer(both):
        if isinstance(n, int) and int(m.group(1)) == n - 1:
            r.convention("others", m.group(0), "the other n - 1 workers")
        else:
            r.miss(F.n, f'"{m.group(0)}" is not n - 1 with n = {n} workers (expected the other '
                        "n - 1 workers)")
    for m in rx(r"\b(?:over|across|for|of) (?:all|the) (\d{1,4}) (?:gpus|workers|nodes|ranks|"
                r"machines|devices|processes)\b").finditer(both):
        if isinstance(n, int) and int(m.group(1)) == n:
            r.convention("all workers", m.group(0), "all n workers")
    for m in rx(_NUMBERING).finditer(both):
        top = rx(r"(\d{1,4})\)?$").search(m.group(0))
        if top and not rx(r"\bn ?- ?1\)?$").search(m.group(0)) and \
                (not isinstance(n, int) or int(top.group(1)) != n - 1):
            continue  # "ranks 0..7" with 16 workers: not this numbering
        r.convention("numbering", m.group(0), "the workers are numbered 0 to n - 1")
    for m in rx(_ROUND_RANGE).finditer(both):
        r.convention("round numbering", m.group(0), "the rounds are numbered")
    for m in rx(r"\b(?:n|N) ?[-−] ?1 (?:reduce[- ]scatter |all[- ]gather |more |further )?(?:steps|"
                r"rounds)\b|\bsends? (?:exactly |only )?1 (?:chunk|message|piece|shard)\b").finditer(both):
        r.convention("phase steps", m.group(0), "a ring phase: n - 1 steps of one chunk each")
    if S.TREE.key in (r.value(F.schemes) or []):
        for m in rx(_ROOT).finditer(both):
            r.convention("root", m.group(0), "worker 0 is the root of the tree")
        _tree_rounds(both, r)


_SEND = r"(?:(?:worker|rank|node|gpu|process)s? )?(\d{1,4}) ?(?:→|->|⟶|sends to|to) ?(\d{1,4})"
_ROUND_SENDS = (rf"\b(?:round|step) (\d{{1,2}}) ?[:=]? ?{_SEND}(?:(?: ?,| and|;) ?{_SEND}){{0,15}}")
"""The sends of one round written out ("round 1: worker 2 → 1 and 4 → 3")."""


def _tree_rounds(both: str, r: PartReading) -> None:
    """The reduce of a tree written out round by round ("round 1: worker 2 → 1 and 4 → 3;
    round 2: 3 → 1"): recorded when it is a reduce to one root in ceil(log2 n) rounds, every
    worker sending once, after it has received all it receives, and no worker receiving two
    messages in one round (what the binomial tree does); refused, naming it, otherwise."""
    n = r.value(F.n)
    found = list(rx(_ROUND_SENDS).finditer(both))
    if not found or not isinstance(n, int):
        return
    rounds = [[(int(a), int(b)) for a, b in re.findall(_SEND, m.group(0)[m.end(1) - m.start():])]
              for m in found]
    nodes = {x for sends in rounds for pair in sends for x in pair}
    sent: set[int] = set()
    numbers = [int(m.group(1)) for m in found]
    ok = numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    for sends in rounds:
        sources, targets = [a for a, _ in sends], [b for _, b in sends]
        ok = ok and len(set(sources)) == len(sources) == len(set(targets)) and \
            not set(sources) & set(targets) and not (set(sources) | set(targets)) & sent
        sent |= set(sources)
    ok = ok and len(nodes) == n and len(sent) == n - 1 and nodes in (set(range(n)),
                                                                    set(range(1, n + 1)))
    ok = ok and len(rounds) == (n - 1).bit_length()
    source = phrase(both, found[0].start(), found[-1].end())
    if ok:
        r.convention("tree rounds", source, "the reduce written out round by round: one root, "
                                            "every other worker sending once, in log2 n rounds "
                                            "(a binomial tree's)")
    else:
        r.miss(F.schemes, f'"{source}": the rounds written out are not a reduce to one root in '
                          "log2 n rounds (expected every worker but the root sending once, after "
                          "it has received)")


_OPTION = (r"\b(?:option|scheme|method|approach|strategy|variant|algorithm|setup|design|choice)"
           r"(?: (?:no\.?|number|#) ?| ?#| ?)\(?(\d|[A-D])\)?(?![\w.,])")
"""A scheme's label ("Option 1 is a parameter server", "in option 2", "scheme B")."""


def _read_labels(both: str, r: PartReading) -> None:
    """Labels of the schemes ("Option 1", "scheme B"), recorded when the text names two or more
    schemes: they number the schemes, they count nothing."""
    if len(r.value(F.schemes) or []) + len(first_of(both, SCHEMES)) < 2:
        return
    for m in rx(_OPTION).finditer(both):
        r.convention("label", m.group(0), "a label of one of the schemes compared")


def _read_byte_size(both: str, r: PartReading) -> None:
    """A restatement of the gradient's size in bytes ("S = 4×10^7 bytes" for 10^7 fp32 values):
    recorded as read when it is p times the element's bytes."""
    p, dtype = r.value(F.p), r.value(F.dtype)
    if not isinstance(p, int) or dtype is None:
        return
    scale = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "t": 10**12}
    for num, start, end in find_numbers(both):
        unit = rxc(r" ?(?:bytes|([kKMGT]?)B)\b").match(both, end)
        if unit and num.value * scale[(unit.group(1) or "").lower()] == p * DTYPE_BYTES[dtype]:
            name = rx(r"(?<![\w])[A-Za-z] ?= ?$").search(both[max(0, start - 5):start])
            lo = start - (len(name.group(0)) if name else 0)
            r.convention("size in bytes", phrase(both, lo, unit.end()),
                         f"the gradient's size in bytes: p times {DTYPE_BYTES[dtype]} bytes")


_REMARKS = (
    (r"\b(?:resnet|vgg|bert|gpt|llama|vit|opt|t5|bloom|mistral)[- ]?\d{1,4}[a-z]?\b", "a model's name"),
    (r"\b(?:differ(?:s|ing)?|off|wrong|mess(?:ed)? up)\b[^.?]{0,20}\bby a factor(?: of)? \d{1,3}\b|"
     r"\b(?:mess(?:ed)? up|off by) a factor(?: of)? \d{1,3}\b", "the poster's doubt, not data"),
    (r"\b(?:(?:global|local|per[- ](?:gpu|worker|device|node))[- ])?(?:mini-?)?batch(?: size)?"
     r"(?: (?:is|of|=))? ?\d[\d,]{0,9}(?: (?:sequences|samples|examples|images|tokens))?(?!\w|\.\d)",
     "a batch size: the gradient communicated has p entries whatever the batch"),
    (r"\b(?:(?:max(?:imum)?|input) )?(?:sequence|seq\.?|context|token) (?:length|len)(?: (?:is|of|=|:))? ?"
     r"\d[\d,]{0,9}(?: tokens)?(?!\w|\.\d)|\b\d[\d,]{0,9}[- ]token (?:sequences?|contexts?|inputs?|"
     r"samples?|windows?)\b",
     "a sequence length: the gradient communicated has p entries whatever the input"),
    (r"\b\d{1,5}(?:\.\d{1,3})? ?(?:training )?(?:steps|iterations|its|updates|batches)(?: ?/ ?| per )"
     r"(?:s|sec|second)\b", "a training rate: the cost asked is of one step"),
    (r"\b\d{1,4} ?(?:[GMT]B|gigabytes|terabytes) (?:of )?(?:(?:gpu|device|hbm|on-?chip|high-bandwidth) )?"
     r"(?:memory|ram|vram|hbm)\b", "a device's memory size: not a cost of the communication"),
)
"""Numbers a text mentions that are not data of the problem."""


def _read_remarks(both: str, r: PartReading) -> None:
    """Model names ("resnet-50"), doubts ("off by a factor of 2"), batch sizes ("the global
    batch size is 1024 sequences"), memory sizes ("40 GB of memory") and a ring chunk named as a fraction ("1/4 of the buffer"
    with n = 4): recorded as read."""
    for pattern, note in _REMARKS:
        for m in rx(pattern).finditer(both):
            r.convention("remark", m.group(0), note)
    for m in rx(r"\b(?:to|from|at|on|by|of|through|via|for) (?:the )?(?:worker|rank|gpu|node|"
                r"machine|process) #?\d{1,3}\b(?! ?(?:[-−+*/^=]|%|of\b|bytes\b|[A-Za-z]))"
                ).finditer(both):
        if not any(c.source == m.group(0) for c in r.conventions):
            r.convention("rank", m.group(0), "a worker named by its rank")
    n = r.value(F.n)
    for m in rx(r"\b(?:from|between) (\d{1,6}) (?:to|and) (\d{1,6}) " + WORKER_NOUNS + r"\b").finditer(both):
        if n in (int(m.group(1)), int(m.group(2))):   # "scaling from 64 to 128 GPUs"
            r.convention("workers", m.group(0), "the worker counts the parts take in turn")
    if S.RING.key in (r.value(F.schemes) or []) and isinstance(n, int):
        for m in rx(r"\b1 ?/ ?(\d{1,4})(?:th)? of (?:the|its|each|a) (?:buffer|gradient|vector|"
                    r"data|parameters)\b").finditer(both):
            if int(m.group(1)) == n:
                r.convention("chunk", m.group(0), "a ring chunk of p/n")


def _counted_in_bytes(r: PartReading, text: str) -> bool:
    """Whether the parameter count is a number of bytes: read so ("a buffer of N bytes"), or
    its letter counts bytes elsewhere in the text ("N = 4×10^8" beside "a buffer of N bytes")."""
    if F.p not in r.fields:
        return False
    source = r.fields[F.p].source.split("; ")[0]
    if rxc(r"\b(?:bytes|[kKMGT]B)$").search(source):
        return True
    letter = r.value(F.p) if isinstance(r.value(F.p), str) else \
        (rxc(r"^([A-Za-z]) ?=").match(source) or [None, None])[1]
    return bool(letter) and bool(rxc(rf"(?<![\w]){re.escape(letter)} bytes\b").search(text))


def _restatements(r: PartReading, name: str, both: str, read_at: int) -> None:
    """Every other mention of the element type read at ``read_at`` ("fp16 gradients, so 2 bytes
    per number"): a restatement, so its number is used."""
    for again in rx(_DTYPES[name]).finditer(both):
        if again.start() != read_at:
            r.convention("element type", again.group(0), f"restates {name}")


def _own_dtype(own: str) -> tuple[str, str, int] | None:
    """(element type, its phrase, where it starts) the part's own text states, when it states
    exactly one."""
    found = {}
    for name, pattern in _DTYPES.items():
        if name == "byte":
            continue
        m = rx(pattern).search(own)
        if m and not negated(own, m.start()):
            found[name] = (name, phrase(own, m.start(), m.end()), m.start())
    return next(iter(found.values())) if len(found) == 1 else None


_SENT = (r"\b(?:communicat\w*|sen[dt]s?|sending|transmit\w*|transferr?\w*|exchang\w*|"
         r"all[- ]?reduc\w*|messages?|over the (?:wire|network|links?)|on the wire)\b")
"""What is sent: a clause naming an element type with one of these words says it of the data
the messages carry ("gradients are communicated in fp16")."""
_CLAUSE_END = r"[.?!;](?=\s|$)|\bbut\b|\bwhile\b|\bwhereas\b|\bhowever\b|\n[ \t]*\n"
_NOT_SENT = r"\b(?:not|never|no longer)\b[^.;,]{0,12}$|n't[^.;,]{0,12}$"


def _said_of_sent(text: str, m: re.Match) -> bool:
    """Whether the element type at ``m`` is said of what the messages carry: its clause (the
    sentence, cut at 'but', 'while', ';') sends it, not negated ("never sent")."""
    ends = list(rx(_CLAUSE_END).finditer(text))
    lo = max((e.end() for e in ends if e.end() <= m.start()), default=0)
    hi = min((e.start() for e in ends if e.start() >= m.end()), default=len(text))
    clause = text[lo:hi]
    return any(not rx(_NOT_SENT).search(clause[:w.start()])
               for w in rx(_SENT).finditer(clause))


def _dtype_unsaid(r: PartReading) -> None:
    """Refuse a part that needs the element type (sizes in bytes, a time) when the text names
    types of different sizes and does not say which one the messages carry."""
    said = r.found.get("dtype-unsaid")
    if said and F.dtype not in r.fields and set(r.value(F.quantities) or []) & {
            *IN_BYTES, Q.TIME.key, Q.FASTER.key}:
        r.missing = [x for x in r.missing if x.name != F.dtype]   # this says more
        r.miss(F.dtype, f"element types of different sizes are named ({said}) and which one the "
                        "messages carry is not said (expected e.g. 'gradients are communicated "
                        "in fp16')")


def _read_dtype(both: str, r: PartReading, quantities: list[str]) -> None:
    """The element type of the messages. One named (or several of one size: "fp16 (2 bytes per
    value)") is it; types of different sizes ("fp32 master weights ..., but gradients are
    communicated in fp16") give the one said of what is sent, and are refused when no single
    size is (a part that needs no bytes is left at the default)."""
    if _counted_in_bytes(r, both):
        r.set(F.dtype, "byte", r.fields[F.p].source, note="the gradient is counted in bytes: "
                                                          "an element is one byte")
        return
    mentions = [(name, m) for name, pattern in _DTYPES.items() for m in rx(pattern).finditer(both)
                if not negated(both, m.start())]
    firsts = {}   # each type's first mention, when that one is not negated (as read so far)
    for name, pattern in _DTYPES.items():
        m = rx(pattern).search(both)
        if m and not negated(both, m.start()):
            firsts[name] = m
    sizes = {DTYPE_BYTES[name] for name, _ in mentions if name != "byte"}
    if "byte" in firsts or len(sizes) <= 1:
        for name, m in firsts.items():
            r.set(F.dtype, name, phrase(both, m.start(), m.end()))
            _restatements(r, name, both, m.start())
            return
        if set(quantities) & set(IN_BYTES):
            r.miss(F.dtype, "sizes in bytes are asked but the element type is not stated "
                            "(expected float32, fp16, '4 bytes per parameter', ...)")
        return
    sent = [(name, m) for name, m in mentions if _said_of_sent(both, m)]
    if len({DTYPE_BYTES[name] for name, _ in sent}) != 1:
        # refused once the asks are known, if they need bytes (:func:`_dtype_unsaid`)
        r.found["dtype-unsaid"] = ", ".join(f'"{phrase(both, m.start(), m.end())}"'
                                            for _, m in mentions)
        return
    name, m = min(sent, key=lambda x: list(_DTYPES).index(x[0]))
    r.set(F.dtype, name, phrase(both, m.start(), m.end()),
          note="the element type said of what the messages carry")
    for other, again in mentions:
        if again.start() != m.start():
            r.convention("element type", again.group(0), f"restates {name}" if DTYPE_BYTES[
                other] == DTYPE_BYTES[name] else "said of data that is not sent")


_TRAINING_LENGTH = (r"\b(?:training|the run) (?:runs|lasts|takes|is run) (?:for )?\d{1,3}(?:,\d{3})*"
                    r" (?:training )?(?:steps|iterations)(?: in total)?\b")
"""How long the training runs ('Training runs for 10,000 steps in total'): not data of one
synchronisation step."""
_OVER_THE_RUN = (r"\b(?:over|across|during|for) (?:the |all |all the |the whole |the entire )?(?:training|"
                 r"run|\d{1,3}(?:,\d{3})* (?:training )?(?:steps|iterations))\b|\b(?:whole|entire|total) "
                 r"(?:training|run)\b")
"""A question about the whole run, which the training's length is data of."""


def _training_length(both: str, own: str, r: PartReading) -> None:
    """The training's length, stated beside costs of one step: recorded as read, unless the
    part asks about the whole run (then it stays unused, and the part is not verified)."""
    if rx(_OVER_THE_RUN).search(own):
        return
    for m in rx(_TRAINING_LENGTH).finditer(both):
        r.convention("remark", m.group(0), "the length of the training: the costs asked are of "
                                           "one synchronisation step")


_NEVER_SENT = (r"(?:^|(?<=[;(])|(?<=[.!?] ))(?:[^.;()]|(?<=\d)\.(?=\d)){0,160}?\b(?:(?:are|is|get|gets)\s+(?:never|not)|never|not)\s+"
               r"(?:\w+\s+)?(?:communicated|sent|transmitted|exchanged|synchroni[sz]ed|all-?reduced)\b"
               r"[^.;()]{0,40}|(?:^|(?<=[;(])|(?<=[.!?] ))(?:[^.;()]|(?<=\d)\.(?=\d)){0,160}?\b(?:stays?|kept|remains?) (?:local|"
               r"on (?:the|each) (?:worker|gpu|device))\b[^.;()]{0,40}")
"""A statement about data that is never communicated ("Each worker also stores fp32 Adam states,
about 14.4 GB, which are never communicated"): a remark beside the costs asked."""


def _unsent_data(both: str, r: PartReading) -> None:
    for m in rx(_NEVER_SENT).finditer(both):
        r.convention("remark", m.group(0).strip(), "said of data that is never communicated: "
                                                   "it costs nothing asked")


def _read_extras(own: str, ctx: str, r: PartReading) -> None:
    both = ctx + " " + own
    _read_numbering(both, r)
    _read_labels(both, r)
    _read_remarks(both, r)
    _training_length(both, own, r)
    _unsent_data(both, r)
    quantities = r.value(F.quantities) or []
    own_type = _own_dtype(own)
    if own_type is not None and not _counted_in_bytes(r, both):
        # 'we might switch to fp16 gradients': the part's own element type, over the shared one
        name, said, start = own_type
        r.set(F.dtype, name, said)
        _restatements(r, name, both, len(ctx) + 1 + start)
    if F.dtype not in r.fields:
        _read_dtype(both, r, quantities)
    _read_times(own, ctx, r)
    _read_byte_size(both, r)
    m = rx(r"\bnot (?:necessarily )?divisible|\buneven(?:ly)?\b|\bremainder\b").search(both)
    if m:
        r.set(F.chunks, "uneven", phrase(both, m.start(), m.end(), pad=20))
    if S.PARAMETER_SERVER.key in (r.value(F.schemes) or []) and (
            hosted := rx(_SERVER_ON_WORKER).search(both)) is not None:
        r.miss(F.servers, f'"{hosted.group(0)}": a parameter server on one of the workers is not '
                          "counted (expected a server that is an extra node besides the n "
                          "workers)")
    if S.SHARDED_PS.key in (r.value(F.schemes) or []):
        got = assigned_number(both, r"k|servers|shards")
        m = rx(r"(?<![\w.])(\d{1,4}) " + _SERVER_NODES + r"\b").search(both)
        if got is not None and got[0].value.denominator == 1:
            r.set(F.servers, int(got[0].value), got[1])
        elif m:
            r.set(F.servers, int(m.group(1)), m.group(0))
        elif rxc(r"\bk (?:parameter )?(?:servers|shards)\b").search(both):
            r.set(F.servers, "k", "k servers")
        else:
            r.miss(F.servers, "a sharded parameter server without its number of shards "
                              "(expected 'k servers' or '4 servers')")


_SERVER_ON_WORKER = (
    r"\bco-?located (?:on|with) (?:one of the |a |the )?(?:worker|gpu|node|rank)s?\b|"
    r"(?<!\bnot )(?<!\bnone )\b(?:one|1) of the (?:\w+ )?(?:workers|gpus|nodes|ranks|machines)\b"
    r"[^.;]{0,40}?\b(?:also )?"
    r"(?:plays?|acts?|serves?|doubles?|works?)(?: as)? (?:the role of |the part of )?(?:the |a )?"
    r"(?:parameter[- ])?server\b|"
    r"\b(?:parameter[- ])?server (?:runs|lives|sits|is hosted|is placed) on (?:one of the |a |the )?"
    r"(?:workers?|gpus?|nodes?|ranks?)(?: #?\d{1,3})?\b")
"""A parameter server that is one of the workers ("one of the ten workers also plays the role of
the parameter server", "co-located on worker 1"): not the separate node the family counts, so
refused ("an extra machine (not one of the 8 GPUs) acts as the server" is the separate node)."""


HOOKS = CommunicationReader()
"""This family's reader hooks (see optiproof.reading.registry)."""
