"""Requests that name a quantity through another word: markup, a possessive, or an anaphor.

A request item (or a whole request) that holds no ask the catalogue knows is read once more:

* in its *plain* form: emphasis markup dropped ("a *single* worker", "the __total__ volume")
  and a possessive determiner read as "the" ("what is its time?" asks the time of the subject
  just named, as "what is the time?" does);
* as an *anaphor*: "that factor", "this rate", "the corresponding rate" names the quantity an
  earlier noun phrase with the same head noun names, in the same request or the sentence before
  ("which γ minimises the worst-case contraction factor, and what is that factor?" asks the
  contraction factor; "find the (α, β) that minimise the asymptotic rate, and that rate" asks
  the rate). The antecedent is read with the catalogue's own phrases, longest first.

What still names nothing stays unplaced (and is refused by the coverage step, naming it).
"""

from __future__ import annotations

import re

from optiproof.catalogue import QUANTITIES
from optiproof.reading.questions import Ask, Request

_EMPHASIS = re.compile(r"(?<![\w^_*‖|\\])(\*{1,2}|_{1,2})(?=[A-Za-z])([^*_\n]{1,60}?)(?<=[A-Za-z.,)])"
                       r"\1(?![\w*])")
"""Markdown emphasis around words (``*single*``, ``**total**``, ``_each_``); a symbol's star or
index (``d*``, ``M^*``, ``‖G‖_*``, ``η_max``) is not markup."""
_POSSESSIVE = re.compile(r"\b(?:its|their|it's)\b(?= (?:[\w-]+ ){0,2}[\w-]+)", re.I)

_NOUN = (r"(?:rate|factor|time|value|number|step(?: size)?|size|volume|count|norm|length|"
         r"distance|ratio|limit|point|minimi[sz]er|solution|update|threshold|bound|cost|"
         r"speed-?up|radius|matrix|vector|eigenvalues?|momentum|crossover|error)")
_ANAPHOR = re.compile(
    r"^(?:(?:and|also|then|,)\s+)*(?:(?:what|how (?:large|big|fast|small))(?: is| are|'s)\s+|"
    r"(?:give|find|state|report|compute|determine|obtain|calculate)(?: me| us)?\s+)?"
    r"(?:(?:the |its )?(?:(?:exact|numerical|numeric|optimal|minimal|attained) )?value of\s+)?"
    r"(?:that|this|these|those|the same|the corresponding|the resulting|the associated|"
    r"the attained|the achieved|its|their)\s+"
    rf"(?P<np>(?:[\w-]+\s+){{0,2}}?(?P<noun>{_NOUN})s?)\b(?P<rest>[^,;]*)$", re.I)
"""An item asking for a quantity through an anaphor ("and that rate", "what is that factor?",
"the corresponding rate"): its noun phrase, head noun last."""
_DETERMINER = re.compile(r"\b(?:the|a|an|its|their|that|this|these|those|of|and|or|to|at|for|"
                         r"with|in|by)\b", re.I)


def plain_view(text: str) -> str:
    """The text with emphasis markup dropped and possessive determiners read as "the"."""
    text = _EMPHASIS.sub(lambda m: m.group(2), text)
    return _POSSESSIVE.sub("the", text)


def _probe(text: str) -> list[str]:
    """The catalogue quantities ``text`` names, in order, without repeats."""
    return list(dict.fromkeys(m.entry.key for m in QUANTITIES.mentions(text)
                              if m.entry.value_kind != "yes-no"))


def _antecedent(noun: str, before: str) -> list[str]:
    """The quantity the last noun phrase of ``before`` with head ``noun`` names, read with the
    catalogue's phrases on its longest modifier run first ("the worst-case contraction factor",
    then "contraction factor"); [] when none names one quantity."""
    root = re.escape(noun.lower().rstrip("s"))
    hits = list(re.finditer(rf"\b{root}s?\b", before, re.I))
    if not hits:
        return []
    end = hits[-1].end()
    head = before[:end]
    words = head.split()
    cut = 0
    for i in range(len(words) - 1, max(-1, len(words) - 5), -1):
        if _DETERMINER.fullmatch(words[i]) or not re.fullmatch(r"[\w-]+", words[i]):
            cut = i + 1
            break
    else:
        cut = max(0, len(words) - 4)
    modifiers = words[cut:]
    for k in range(len(modifiers)):
        keys = _probe("what is the " + " ".join(modifiers[k:]))
        if len(keys) == 1:
            return keys
        if keys:
            return []
    return []


_UNIT_ASIDE = r" \((?:in |as |measured in )?[\w/]{1,12}\)"
"""The unit of an amount put in brackets ("how large (in bytes) is each one")."""
_EACH_ONE = re.compile(r"(?:\bhow (?:large|big|long)(?:" + _UNIT_ASIDE + r")? (?:is|are) (?:each|every)(?: one| of (?:them|those|these))?"
                       r"|\bhow many (?:floats|values|elements|entries|numbers|parameters|scalars|bytes) "
                       r"(?:are|go|travel) in (?:each|every)(?: one| of (?:them|those|these))?"
                       r"|\b(?:the )?size of (?:each|every) (?:one|of (?:them|those|these))\b)"
                       r"(?P<tail>(?: (?:in|after|before|with|for|when|under)\b[^,;?.]{0,40})?)"
                       r"(?=\s?[?.,;]|$)", re.I)
"""An amount asked of "each one" ("… the number of messages, and how large is each one?"):
of each of the things a plural noun before it names."""


def _each_one(r: Request) -> Request:
    """A request's "each one" items that no ask covers, read with the plural nouns before
    them, last first ("each message" for "the number of messages sent by all workers, and
    how large is each one?": "each worker" names no quantity, "each message" does); one that
    names nothing is unplaced (refused, naming it), never dropped as a continuation."""
    asks, unplaced = list(r.asks), list(r.unplaced)
    for m in _EACH_ONE.finditer(r.sentence):
        lo, hi = r.start + m.start(), r.start + m.end()
        if any(a.start < hi and lo < a.end for a in asks):
            continue
        if r.asks and m.group(0) not in unplaced:
            unplaced.append(m.group(0))   # named below, or refused: never dropped
        if m.group("tail"):
            continue   # "how big is each of them after compression": a change not read here
        plain = re.sub(_UNIT_ASIDE, "", m.group(0), count=1)
        base = re.sub(r"\b(?:each|every)(?: one| of (?:them|those|these))?$", "each {}",
                      re.sub(r" are ", " is ", plain), flags=re.I)
        if m.group(0).lower().startswith("how many"):   # "how many floats are in each of them"
            base = "size of each {}" + (" in bytes" if " bytes " in m.group(0).lower() else "")
        for noun in reversed(re.findall(r"\b([a-z]{3,})s\b", r.sentence[:m.start()])):
            keys = _probe("what is " + base.format(noun) if base.startswith("size") else
                          base.format(noun))
            if len(keys) == 1:
                asks.append(Ask(keys[0], m.group(0), lo, hi))
                unplaced = [u for u in unplaced if m.group(0) not in u or
                            len(u.strip(" ?.!,;")) > len(m.group(0)) + 2]
                break
    if len(asks) == len(r.asks) and len(unplaced) == len(r.unplaced):
        return r
    asks.sort(key=lambda a: a.start)
    return Request(r.sentence, r.start, tuple(asks), r.proof, tuple(unplaced))


_OVER_ALL = re.compile(
    r"^(?:(?:and|also|then|now),? )*(?:(?:please )?(?:give|state|report|find|compute|what is|"
    r"what's|what about|and)(?: me| us)? )?(?:the |a )?(?:total|sum|aggregate|combined)"
    r"(?: (?:number|amount|volume|count))? (?:over|across|for|of|summed over|from) (?:all|every|"
    r"the) (?:(?:\w+ ){0,2}?)(?P<who>workers?|gpus?|nodes?|ranks?|machines?|devices?|process(?:es)?)"
    r"(?: combined| together)?(?:,? (?:as well|too|also))?\s?[.?!]*$", re.I)
"""An elliptic request for the previous request's quantity summed over every node ("Give the
total over all workers as well.")."""
_ONE_NODE = re.compile(r"\b(?:by|from|of|for|per) (?:a single|each|one|every|any|a|the) (?:single |"
                       r"individual )?(gpu|worker|node|rank|process|machine|device)\b|"
                       r"\b(?:does|do|will|would) (?:a single|each|one|every|any) (?:single |"
                       r"individual )?(gpu|worker|node|rank|process|machine|device) (send|receive)s?\b|"
                       r"\b(?:a single|each|one|every|any) (?:single |individual )?(gpu|worker|node|"
                       r"rank|process|machine|device) (send|receive)s\b", re.I)
"""One node in a per-node ask: "sent by each worker", "does each GPU send", "the floats each
worker sends"."""


_TOTAL_ITEM = re.compile(
    r"^(?:(?:and|also|then),? )*(?:(?:please )?(?:give|state|report|find|compute|what is|what's)"
    r"(?: me| us)? )?(?:the |a )?(?:total|sum)(?: (?:over|across|for|of|summed over) (?:all|every|"
    r"the) (?:(?:\w+ ){0,2}?)(?:workers?|gpus?|nodes?|ranks?|machines?|devices?|process(?:es)?)"
    r"(?: combined| together)?)?(?:,? (?:as well|too|also))?\s?[.?!]*$", re.I)
"""An item of a request that asks the total of the request's per-node ask before it ("how many
bytes does each worker send, and what is the total over all workers?", "give the number of
floats sent by each worker and the total")."""


def _summed(sentence: str, taken: set[str]) -> str | None:
    """The quantity ``sentence`` asks of one node, made all nodes ("… entries sent by one
    worker?" -> "… entries sent by all workers"), read with the catalogue's phrases: its key
    when that is one quantity other than ``taken`` (the sum is not the per-node value)."""
    node = _ONE_NODE.search(sentence)
    if node is None:
        return None
    noun = (node.group(1) or node.group(2) or node.group(4)).lower()
    done = "sent" if (node.group(3) or node.group(5) or "").lower() == "send" else "received"
    ends = ([f"by all {noun}s"] if node.group(1) else [f"are {done} in total by all {noun}s"]
            if node.group(2) else   # "the floats each worker sends", "how many bytes every
            [f"{done} by all {noun}s", f"are {done} in total by all {noun}s"])   # worker sends"
    wholes = [sentence[:node.start()] + end + sentence[node.end():] for end in ends]
    probes = [p for whole in wholes for p in (
        whole, re.sub(r"\b(?:the )?number of\b", "the total number of", whole, count=1))]
    for probe in probes:
        keys = [k for k in _probe(probe) if k not in taken]   # "the number of floats sent by
        if len(keys) == 1:                                    # all workers": their total
            return keys[0]
    return None


def _over_all(requests: list[Request]) -> list[Request]:
    """Each ask-less "the total over all workers as well" takes the quantity of the request
    before it with its one node made all nodes, and so does an item "and the total (over all
    workers)" of a request after its per-node ask (:func:`_summed`); only when that is a
    different quantity (the sum is not the per-node value), else it stays unplaced (refused,
    naming it)."""
    out: list[Request] = []
    for r in requests:
        if r.asks and r.unplaced:
            out.append(_total_items(r))
            continue
        m = None if r.asks else _OVER_ALL.match(r.sentence.strip())
        before = next((x for x in reversed(out) if x.asks), None)
        if m is None or before is None:
            out.append(r)
            continue
        key = _summed(before.sentence, {a.quantity for a in before.asks})
        if key is None:
            out.append(r)
            continue
        out.append(Request(r.sentence, r.start, (Ask(key, r.sentence, r.start,
                                                     r.start + len(r.sentence)),),
                           r.proof, r.unplaced))
    return out


def _total_items(r: Request) -> Request:
    """The request with each item asking the total of its per-node ask made an ask."""
    asks, unplaced = list(r.asks), []
    for item in r.unplaced:
        at = r.sentence.find(item)
        key = _summed(r.sentence[:at], {a.quantity for a in r.asks}) \
            if at > 0 and _TOTAL_ITEM.match(item.strip()) else None
        if key is None:
            unplaced.append(item)
            continue
        asks.append(Ask(key, item, r.start + at, r.start + at + len(item)))
    if len(asks) == len(r.asks):
        return r
    asks.sort(key=lambda a: a.start)
    return Request(r.sentence, r.start, tuple(asks), r.proof, tuple(unplaced))


def resolve(requests: list[Request], pieces: list[tuple[int, str]]) -> list[Request]:
    """Each request's unplaced items (a whole ask-less request too) read in their plain form
    and as anaphors (see the module docstring); what names a quantity becomes an ask."""
    out = []
    for r in map(_each_one, _over_all(requests)):
        items = list(r.unplaced) if r.asks else [r.sentence]
        listed = _listed(r)
        if not items:
            out.append(r)
            continue
        before_sentence = next((s for start, s in reversed(pieces) if start < r.start), "")
        asks, unplaced = list(r.asks), []
        for item in items:
            at = r.sentence.find(item)
            lo = r.start + max(at, 0)
            keys = _item_keys(item, before_sentence + " " + r.sentence[:max(at, 0)])
            if not keys and item in listed:   # "[number of rounds, …, time in seconds]"
                keys = _probe("what is the " + item.strip(" .,;"))[:2]
                keys = keys if len(keys) == 1 else []
            if keys:
                asks += [Ask(k, item, lo, lo + len(item)) for k in keys]
            elif r.asks:
                unplaced.append(item)
        if len(asks) == len(r.asks):
            out.append(r)
            continue
        asks.sort(key=lambda a: a.start)
        out.append(Request(r.sentence, r.start, tuple(asks), r.proof, tuple(unplaced)))
    return out


def _listed(r: Request) -> set[str]:
    """The elements of the bracketed lists of a request ("[number of rounds, bytes sent by one
    GPU, time in seconds]"): each a noun phrase that names what it asks."""
    return {e.strip() for m in re.finditer(r"\[([^\[\]]{3,300})\]", r.sentence)
            for e in m.group(1).split(",") if 0 < len(e.split()) <= 6}


def _item_keys(item: str, before: str) -> list[str]:
    """The quantities an unplaced item names in its plain form or as an anaphor of ``before``."""
    plain = plain_view(item)
    if plain != item:
        keys = _probe(plain)
        if keys:
            return keys
    m = _ANAPHOR.match(item.strip().rstrip(".?!").strip())
    if m is None or re.search(r"\b(?:two|three|both|all)\b", m.group("np"), re.I):
        return []
    if m.group("rest").strip():
        return []
    keys = _probe("what is the " + m.group("np"))
    if len(keys) == 1:
        return keys
    return _antecedent(m.group("noun"), before) if not keys else []
