"""Who a per-node count is asked of: one node, or all the nodes together.

"In total, how many bytes does each GPU send?" asks one GPU's count over the whole all-reduce,
which is what the per-node quantity counts: the modifier is recorded as read. "How many bytes
do the GPUs send altogether?", "how many values do all the workers send?" ask the sum over the
nodes: the total over the network when every sender is a worker (ring, tree, ...; the sum of
what every node sends is every message's size), refused when a server also sends (the workers'
sum is then not the network total). A count of both directions summed over the nodes counts
every message twice and is refused.
"""

from __future__ import annotations

import re

from optiproof.catalogue import quantities as Q
from optiproof.catalogue import schemes as S
from optiproof.core.text.match import rx
from optiproof.core.text.record import PartReading

_NODES = r"(?:workers|gpus|nodes|ranks|machines|devices|processes|replicas|processors|accelerators)"
_OVER_NODES = (rf"\b(?:summed|added|totall?ed) (?:up )?(?:over|across) (?:all |every |the )?(?:\w+ )?"
               rf"{_NODES}|\b(?:over|across) (?:all|every|the whole|the entire) (?:\w+ ){{0,2}}?"
               rf"(?:{_NODES}|worker|gpu|node|rank|machine|device|replica|processor|accelerator)\b")
"""A count summed over the nodes ("summed over all workers", "across every GPU")."""
TOTAL_MODIFIER = rf"\b(?:in total|altogether|in all|overall|combined|all together)\b|{_OVER_NODES}"
"""A count summed: over the whole operation (asked of one node) or over the nodes."""
_COLLECTIVE = (rf"\b(?:all(?: of)?(?: the| these| those)?(?: \w+)?|the|these|those|the \w+) {_NODES}\b"
               rf"|\b{_NODES} (?:together|combined|collectively|between them)\b")
"""Nodes named together ("the GPUs", "all 8 workers", "the workers together")."""
_ONE = (r"\b(?:each|every|one|a single|any|a|an|per|individual|single|the) (?:single |individual )?"
        r"(?:worker|gpu|node|rank|machine|device|process|replica|processor|accelerator|server|root)\b")
"""One node ("each GPU", "a worker", "per GPU", "the server")."""
_EACH = (r"\b(?:each|apiece|per (?:worker|gpu|node|rank|machine|device|process|replica|processor|"
         r"accelerator))\b")
"""The nodes taken one by one ("the GPUs each send", "bytes per GPU")."""
_SUM_OF = {Q.VALUES_SENT.key: Q.TOTAL_VOLUME.key, Q.VALUES_RECEIVED.key: Q.TOTAL_VOLUME.key,
           Q.BYTES_SENT.key: Q.TOTAL_BYTES.key, Q.BYTES_RECEIVED.key: Q.TOTAL_BYTES.key,
           Q.WORKER_MESSAGES.key: Q.MESSAGES.key}
"""A per-node count summed over every node: the scheme's total (every message once)."""
_BOTH_WAYS = {Q.SENT_PLUS_RECEIVED.key, Q.BYTES_SENT_PLUS_RECEIVED.key}
_SERVED = {S.PARAMETER_SERVER.key, S.SHARDED_PS.key}


def of_all_nodes(key: str, source: str, sentence: str, schemes: list[str],
                 r: PartReading, field: str) -> str | None:
    """The quantity a per-node ask ``key`` (its phrase ``source`` in ``sentence``) denotes: the
    same key when one node is asked, the scheme's total when all the nodes are asked together,
    None (refused, naming the phrase) when that sum is not a quantity the part answers."""
    if key not in _SUM_OF and key not in _BOTH_WAYS:
        return key
    clauses = re.split(r",? and (?=how|what|the|total|its)|;", sentence)
    sentence = next((c for c in clauses if source in c), sentence)   # its own clause
    summed = rx(TOTAL_MODIFIER).search(sentence)
    collective = rx(_COLLECTIVE).search(source) or (
        summed and not rx(_ONE).search(source) and rx(_COLLECTIVE).search(sentence))
    one = rx(_ONE).search(source)
    if one and not rx(_COLLECTIVE).search(source):
        if summed and rx(_OVER_NODES).search(summed.group(0)):
            r.miss(field, f'"{summed.group(0)}" sums over the nodes a count asked of one node '
                          f'("{one.group(0)}"), which is unclear (expected \'each worker\' or '
                          "'the workers together')")
            return None
        if summed:
            r.convention("per-node total", summed.group(0), "the count of one node over the whole "
                         "synchronisation step, which is what the per-node count counts")
        return key
    if not collective or not (summed or rx(r"\ball\b").search(collective.group(0))):
        return key
    each = rx(_EACH).search(sentence)
    if each:   # "the GPUs each send ... in total": one node's count or the sum, unclear
        r.miss(field, f'"{source}" names the nodes together ("{collective.group(0)}") and one by '
                      f'one ("{each.group(0)}"), which is unclear (expected \'each worker\' or '
                      "'the workers together')")
        return None
    if key in _BOTH_WAYS or set(schemes) & _SERVED or not schemes:
        r.miss(field, f'"{source}" asks the sum over the nodes ("{collective.group(0)}"), which '
                      "is not one quantity of this part: a server also sends, or each message is "
                      "counted at both ends (expected 'how many bytes does each worker send' or "
                      "'total bytes over the network')")
        return None
    if summed:
        r.convention("sum over the nodes", summed.group(0), "the count summed over every node: "
                     "the scheme's total")
    r.answered_by[key] = _SUM_OF[key]
    return _SUM_OF[key]
