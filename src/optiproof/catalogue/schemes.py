"""Collective schemes for averaging gradients across workers, each declared once.

``power_of_two`` marks schemes defined only for n a power of two; ``chunked`` marks schemes that
cut the vector into n chunks (so p must split across the workers).
"""

from __future__ import annotations

from dataclasses import dataclass

from optiproof.catalogue.base import Entry, Registry


@dataclass(frozen=True)
class SchemeEntry(Entry):
    """A synchronisation scheme of data-parallel training."""

    power_of_two: bool = False
    chunked: bool = False


SCHEMES: Registry[SchemeEntry] = Registry("scheme")
_add = SCHEMES.add

ALL_TO_ALL = _add(SchemeEntry(
    "all-to-all", "all-to-all", aliases=("alltoall", "all2all", "a2a",
                                         "all-to-all communication", "naive all-reduce"),
    phrases=(r"\ball[- ]?to[- ]?all\b", r"\ball2all\b", r"\bnaive all[- ]?reduce\b",
             r"\b(?:every|each) (?:worker|node|gpu|rank) (?:just |simply )?sends (?:its|the)(?: (?:whole|"
             r"full|entire|complete))? \w+ (?:\w+ )?to (?:every|each|all)(?: of the)? other",
             r"\b(?:every|each|all)(?: one)?(?: of)?(?: the)?(?: n(?: ?= ?\d{1,4})?| \d{1,4})? "
             r"(?:workers?|nodes?|gpus?|ranks?)(?: \w+){0,2} (?:sends?|broadcasts?|ships?) (?:its|their|"
             r"the)(?: (?:whole|full|entire|complete|own|local))? \w+(?: \w+)?(?: (?:directly|"
             r"straight))? to (?:every|each|all)(?: of the)? other"),
    description="every worker sends its whole vector to every other worker"))
PARAMETER_SERVER = _add(SchemeEntry(
    "parameter-server", "parameter server", aliases=("ps", "parameterserver", "central server"),
    phrases=(r"\bparam(?:eter)?[- ]servers?\b(?! shard)", r"\bcentral(?:i[sz]ed)? server\b",
             r"(?<![\w-])ps\b(?![-\w])"),
    description="workers send gradients to one server, which sends the new weights back"))
SHARDED_PS = _add(SchemeEntry(
    "sharded-parameter-server", "sharded parameter server",
    aliases=("sharded-ps", "sharded", "sharded parameter servers"),
    phrases=(r"\bsharded parameter[- ]servers?", r"\b(?:\d{1,4}|k) (?:parameter )?server shards",
             r"\bsharded (?:ps|servers?)\b"),
    description="k servers, each owning a 1/k shard of the parameters"))
RING = _add(SchemeEntry(
    "ring-allreduce", "ring all-reduce",
    aliases=("ring", "ring-all-reduce", "ringallreduce", "ring allreduce"),
    phrases=(r"\bring[- ]?(?:based )?all[- ]?reduce\b", r"\bring\b"), chunked=True,
    description="a reduce-scatter then an all-gather of n chunks around a ring"))
RING_REDUCE_SCATTER = _add(SchemeEntry(
    "ring-reduce-scatter", "reduce-scatter phase of the ring all-reduce", chunked=True,
    description="the first n - 1 steps of the ring all-reduce alone: each worker passes one "
                "chunk to its neighbour, which adds it"))
RING_ALL_GATHER = _add(SchemeEntry(
    "ring-all-gather", "all-gather phase of the ring all-reduce", chunked=True,
    description="the last n - 1 steps of the ring all-reduce alone: each worker forwards one "
                "summed chunk to its neighbour, which stores it"))
RING_PHASES = {RING_REDUCE_SCATTER.key: "reduce-scatter", RING_ALL_GATHER.key: "all-gather"}
"""The ring all-reduce's phases counted on their own -> the phase label of their rounds (no
phrase names them: the communication reader picks them from a phase named with the ring)."""
TREE = _add(SchemeEntry(
    "tree-allreduce", "binomial-tree reduce + broadcast",
    aliases=("tree", "binary-tree", "tree-all-reduce", "tree all-reduce", "binomial-tree",
             "reduce-broadcast"),
    phrases=(r"\btree[- ]?(?:based )?all[- ]?reduce\b", r"\b(?:binary|binomial) tree\b",
             r"\breduce[- ](?:then[- ]|and[- ])?broadcast\b", r"\btree\b"),
    description="a reduction up a binomial tree, then a broadcast down it"))
RECURSIVE_DOUBLING = _add(SchemeEntry(
    "recursive-doubling", "recursive doubling", aliases=("butterfly", "recursive doubling"),
    phrases=(r"\brecursive[- ]doubling\b", r"\bbutterfly\b"), power_of_two=True,
    description="log2 n rounds of pairwise exchanges of the whole vector"))
RABENSEIFNER = _add(SchemeEntry(
    "rabenseifner", "recursive halving + doubling (Rabenseifner)",
    aliases=("recursive-halving-doubling", "halving-doubling", "recursive-halving",
             "reduce-scatter + all-gather"),
    phrases=(r"\brabenseifner\b", r"\brecursive[- ]halving\b",
             r"\breduce[- ]scatter (?:\+|and|followed by|then) (?:an )?all[- ]gather\b"),
    power_of_two=True, chunked=True,
    description="recursive-halving reduce-scatter, then recursive-doubling all-gather"))
