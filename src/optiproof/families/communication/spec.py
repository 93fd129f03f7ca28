"""Spec of a communication part: n workers, p parameters, the schemes and the table cells asked.

Light to import (pydantic only): formula strings of ``given`` cells are checked here for their
characters and names only; they are parsed (safely) by the solver.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from optiproof.catalogue import QUANTITIES, SCHEMES, key_literal
from optiproof.catalogue import quantities as Q
from optiproof.catalogue import schemes as S
from optiproof.core.fields import (Formula, Number, SymbolName, check_number,
                                   check_positive_or_symbolic, is_symbol_name)
from optiproof.core.problem import PartSpec
from optiproof.families.derived_spec import Derivable
from optiproof.families.communication.family import (ASKS, COSTS, KEY, SCHEME_FREE,
                                                     SERVER_COSTS, WORKER_COSTS)

SchemeName = key_literal(SCHEMES)
CostName = key_literal(COSTS)
AskName = key_literal(ASKS)
PER_WORKER = frozenset(q.key for q in WORKER_COSTS)
PER_SERVER = frozenset(q.key for q in SERVER_COSTS)
POWER_OF_TWO_SCHEMES = tuple(e.key for e in SCHEMES if e.power_of_two)
CHUNKED_SCHEMES = tuple(e.key for e in SCHEMES if e.chunked)
ASKED_AS = {Q.RATIO: Q.BANDWIDTH_RATIO}
"""Quantities that, asked of a collective, mean one of this family's quantities."""

DTYPE_BYTES = {"float32": 4, "float16": 2, "bfloat16": 2, "float64": 8, "int8": 1, "int32": 4,
               "byte": 1}
"""Bytes per element; ``byte``: the sizes are counted in bytes ("p measured in bytes")."""
DtypeName = Literal["float32", "float16", "bfloat16", "float64", "int8", "int32", "byte"]

MAX_WORKERS_SIMULATOR = 4096
MAX_PARAMETERS = 10**15
MAX_SERVERS = 4096

# Names SymPy's parser would read as functions or constants: not allowed as symbol names.
RESERVED_NAMES = frozenset({
    "gamma", "zeta", "lambda", "E", "I", "S", "N", "O", "Q", "pi", "oo", "exp", "log",
    "sqrt", "ceiling", "floor", "Max", "Min", "sin", "cos", "tan", "li", "Li", "Ei", "Si", "Ci",
    "re", "im", "sign", "Abs", "factorial", "binomial", "rf", "ff", "Sum", "log2",
})

_FORMULA_CHARS = re.compile(r"^[A-Za-z0-9_+\-*/^().,\s]{1,200}$")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
FORMULA_FUNCTIONS = ("log", "log2", "ceiling", "floor", "Max", "Min", "max", "min", "sqrt")


def normalise_scheme(v: Any) -> Any:
    """The catalogue key of a scheme named by any of its names."""
    return SCHEMES.canonical(v) if isinstance(v, str) else v


def normalise_quantity(v: Any, allowed: Any = ASKS) -> Any:
    """The catalogue key of a quantity of this family (one of ``allowed``) named by any of its
    names."""
    return QUANTITIES.choose(v, allowed, also=ASKED_AS) if isinstance(v, str) else v


def check_formula_text(text: str) -> str:
    """Characters and depth of a formula string (its names are checked against the spec later)."""
    if not _FORMULA_CHARS.match(text):
        raise ValueError(f"{text[:40]!r} is not a formula in n and p: use digits, names, "
                         "+ - * / ^ ( ) and at most 200 characters")
    depth = 0
    for c in text:
        depth += c == "("
        depth -= c == ")"
        if depth < 0 or depth > 12:
            raise ValueError(f"{text[:40]!r} has unbalanced or too deeply nested parentheses")
    if depth:
        raise ValueError(f"{text[:40]!r} has unbalanced parentheses")
    if any(len(m) > 12 for m in re.findall(r"\d+", text)):
        raise ValueError(f"{text[:40]!r} contains a number with more than 12 digits")
    return text.strip()


def formula_names(text: str) -> set[str]:
    """Identifiers used in a formula string (digits-only tokens excluded)."""
    return {m for m in _IDENT.findall(re.sub(r"\d+(\.\d+)?", " ", text))}


class GivenCell(BaseModel):
    """A cell of the table whose value the problem states: confirmed or flagged by the solver."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    scheme: SchemeName
    quantity: CostName
    value: str = Field(..., description="A formula in the spec's symbols, e.g. 'n(2(n - 1))', "
                                        "or a number.")

    @field_validator("scheme", mode="before")
    @classmethod
    def _scheme(cls, v: Any) -> Any:
        return normalise_scheme(v)

    @field_validator("quantity", mode="before")
    @classmethod
    def _quantity(cls, v: Any) -> Any:
        return normalise_quantity(v, COSTS)

    @field_validator("value", mode="before")
    @classmethod
    def _value(cls, v: Any) -> Any:
        if isinstance(v, bool):
            raise ValueError("expected a formula or a number, got a boolean")
        if isinstance(v, int):
            v = str(v)
        if not isinstance(v, str):
            raise ValueError(f"expected a formula string or an integer, got {type(v).__name__}")
        return check_formula_text(v)


def _is_power_of_two(v: int) -> bool:
    return v >= 1 and v & (v - 1) == 0


def uneven_split(p: int, n: int) -> list[int]:
    """Chunk sizes of the uneven split: the first p mod n chunks get one extra element."""
    q, r = divmod(p, n)
    return [q + 1] * r + [q] * (n - r)


class CommunicationSpec(PartSpec, Derivable):
    """One synchronisation step of data-parallel training: n workers average p-entry gradients.

    Each scheme is a message schedule; the part asks for quantities (table columns) of each
    scheme (table rows), some of which may be ``given`` to be confirmed or flagged.
    """

    family: Literal[KEY] = KEY
    n: int | SymbolName = Field("n", description="Number of workers: an integer 2..4096 or a "
                                                 "symbol name.")
    p: int | SymbolName = Field("p", description="Number of parameters (gradient entries): an "
                                                 "integer >= 1 or a symbol name.")
    servers: int | SymbolName = Field("k", description="Number of parameter-server shards "
                                                       "(sharded-parameter-server only).")
    schemes: list[SchemeName] = Field(
        default_factory=lambda: [S.ALL_TO_ALL.key, S.PARAMETER_SERVER.key, S.RING.key],
        min_length=0, max_length=len(SCHEMES),
        description="The schemes asked about (none only when the part asks the size of one "
                    "full gradient alone).")
    quantities: list[AskName] = Field(
        default_factory=lambda: [Q.MESSAGES.key, Q.MESSAGE_SIZE.key], min_length=0,
        max_length=len(ASKS))
    given: list[GivenCell] = Field(default_factory=list, max_length=64)
    dtype: DtypeName = Field("float32", description="Element type, for message sizes in bytes.")
    alpha: Number | SymbolName | Formula = Field(
        "alpha", description="Latency per message, seconds: a number (0 ignores the "
                             "latency), a symbol or a formula in other symbols.")
    bandwidth: Number | SymbolName | Formula = Field(
        "B", description="Bandwidth of a node's link, bytes per second: a number, a symbol or "
                         "a formula in other symbols (4/t_w).")
    log2_n: SymbolName | None = Field(
        None, description="The symbol of log2 n when the problem writes n = 2^k (the answers "
                          "are written with it); n must then be a symbol.")
    n_power_of_two: bool = Field(
        False, description="The problem assumes n is a power of two (n a symbol): ceil(log2 n) "
                           "is then log2 n, and the answers are written so.")
    faster_for: Literal["large", "small"] | None = Field(
        None, description="With the parameter count p a symbol: the faster scheme is asked for "
                          "large p (beyond every crossover) or small p (below every crossover).")
    chunks: Literal["even", "uneven"] = Field(
        "even", description="even: p must be divisible by n (chunks of p/n); uneven: the first "
                            "p mod n chunks get one extra element (ring all-reduce only).")

    @field_validator("schemes", mode="before")
    @classmethod
    def _schemes(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = [v]
        if isinstance(v, list):
            v = [normalise_scheme(x) for x in v]
            dup = sorted({x for x in v if v.count(x) > 1})
            if dup:
                raise ValueError(f"schemes repeated: {dup}")
        return v

    @field_validator("quantities", mode="before")
    @classmethod
    def _quantities(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = [v]
        if isinstance(v, list):
            v = [normalise_quantity(x) for x in v]
            dup = sorted({x for x in v if v.count(x) > 1})
            if dup:
                raise ValueError(f"quantities repeated: {dup}")
        return v

    @field_validator("n", "p", "servers", mode="before")
    @classmethod
    def _int_or_symbol(cls, v: Any, info: Any) -> Any:
        name = info.field_name
        if isinstance(v, bool):
            raise ValueError("expected an integer or a symbol name, got a boolean")
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if isinstance(v, str):
            s = v.strip()
            if is_symbol_name(s):
                if s in RESERVED_NAMES:
                    raise ValueError(f"{s!r} is a SymPy function name; choose another symbol")
                return s
            v = Fraction(check_number(s))
            if v.denominator != 1:
                raise ValueError(f"expected an integer, got {s[:30]!r} = {v}")
            v = int(v)
        if not isinstance(v, int):
            raise ValueError(f"expected an integer or a symbol name, got {type(v).__name__}")
        if name == "n":
            if v < 2:
                raise ValueError(f"n = {v}: at least 2 workers are needed to communicate")
            if v > MAX_WORKERS_SIMULATOR:
                raise ValueError(f"n = {v} exceeds the exact simulator's limit of "
                                 f"{MAX_WORKERS_SIMULATOR} workers")
        elif name == "p":
            if v < 1:
                raise ValueError(f"p = {v}: a model has at least 1 parameter")
            if v > MAX_PARAMETERS:
                raise ValueError(f"p = {v} exceeds the limit of {MAX_PARAMETERS:.0e} parameters")
        elif v < 1 or v > MAX_SERVERS:
            raise ValueError(f"servers = {v}: expected 1..{MAX_SERVERS} parameter-server shards")
        return v

    @field_validator("alpha", "bandwidth", mode="before")
    @classmethod
    def _positive(cls, v: Any, info: Any) -> Any:
        if is_symbol_name(v) and v.strip() in RESERVED_NAMES:
            raise ValueError(f"{v.strip()!r} is a SymPy function name; choose another symbol")
        if info.field_name == "alpha" and not isinstance(v, bool) and \
                isinstance(v, (int, float, str)) and not is_symbol_name(v):
            try:
                if float(check_number(v)) == 0:
                    return 0  # latency ignored: a pure bandwidth model
            except ValueError:
                pass
        return check_positive_or_symbolic(v)

    def symbol_names(self) -> dict[str, str]:
        """Field -> symbol name, for the fields given as symbols."""
        return {f: getattr(self, f) for f in ("n", "p", "servers", "alpha", "bandwidth")
                if is_symbol_name(getattr(self, f))}

    def formulas(self) -> dict[str, str]:
        """Field -> formula, for alpha and bandwidth given as formulas in other symbols."""
        return {f: getattr(self, f) for f in ("alpha", "bandwidth")
                if isinstance(getattr(self, f), str) and not is_symbol_name(getattr(self, f))}

    @property
    def uses_servers(self) -> bool:
        return S.SHARDED_PS.key in self.schemes

    @model_validator(mode="after")
    def _consistent(self) -> "CommunicationSpec":
        names = self.symbol_names()
        if not self.uses_servers:
            names.pop("servers", None)
        seen: dict[str, str] = {}
        for f, s in names.items():
            if s in seen:
                raise ValueError(f"{f} and {seen[s]} use the same symbol {s!r}")
            seen[s] = f
        taken = {"n": "n", "p": "p", "k": "servers", "alpha": "alpha", "B": "bandwidth"}
        for f, text in self.formulas().items():
            for name in sorted(formula_names(text)):
                if name in seen or name in taken or name in RESERVED_NAMES:
                    raise ValueError(f"{f}: the formula {text!r} uses {name!r}, which names "
                                     f"{seen.get(name) or taken.get(name, 'a function')}; "
                                     "use a new symbol")
        if self.log2_n is not None:
            if not isinstance(self.n, str):
                raise ValueError(f"log2_n: {self.log2_n!r} names log2 n, which needs n to be a "
                                 f"symbol (n = {self.n})")
            if self.log2_n in seen or self.log2_n in RESERVED_NAMES or \
                    (self.log2_n == "k" and self.uses_servers and "servers" not in seen):
                raise ValueError(f"log2_n: the symbol {self.log2_n!r} already names "
                                 f"{seen.get(self.log2_n, 'the servers')}; use another symbol")
        if not self.schemes and (set(self.quantities) - set(SCHEME_FREE) or self.given):
            raise ValueError("schemes: name at least one scheme (only the size of one full "
                             "gradient, gradient-bytes, is asked without one)")
        n, p, k = self.n, self.p, self.servers
        if self.n_power_of_two and isinstance(n, int) and not _is_power_of_two(n):
            raise ValueError(f"n_power_of_two: n = {n} is not a power of two")
        if isinstance(n, int):
            for s in self.schemes:
                if s in POWER_OF_TWO_SCHEMES and not _is_power_of_two(n):
                    raise ValueError(f"n = {n} is not a power of two, which {s} needs (it "
                                     "pairs workers whose ranks differ in one bit); use "
                                     f"{S.RING.key} or {S.TREE.key}, or n = "
                                     f"{1 << (n.bit_length() - 1)} or {1 << n.bit_length()}")
        phases = [s for s in self.schemes if s in S.RING_PHASES]
        if phases and self.chunks == "uneven":
            raise ValueError(f"chunks: uneven: {phases[0]} is counted with n equal chunks of "
                             "p/n only; ask for the whole ring all-reduce")
        if phases and Q.HOLDS_SUM.key in self.quantities:
            raise ValueError(f"holds-sum: {phases[0]} is one phase of the ring all-reduce, "
                             "after which the workers do not all hold the sum")
        if phases and Q.BANDWIDTH_RATIO.key in self.quantities:
            raise ValueError(f"bandwidth-ratio: {phases[0]} is one phase of the ring "
                             "all-reduce, to which the all-reduce's lower bound does not apply")
        if self.chunks == "uneven" and not (isinstance(n, int) and isinstance(p, int)):
            raise ValueError("chunks: uneven needs integer n and p (with symbols, p is assumed "
                             "divisible by n)")
        if isinstance(n, int) and isinstance(p, int):
            for s in self.schemes:
                if s in CHUNKED_SCHEMES and p % n:
                    sizes = uneven_split(p, n)
                    big, small = sizes[0], sizes[-1]
                    r = p % n
                    shape = (f"{r} chunk{'s' if r > 1 else ''} of {big} and {n - r} of {small}"
                             if small else f"{r} chunks of 1 and {n - r} empty chunks")
                    if s == S.RABENSEIFNER.key:
                        raise ValueError(
                            f"p = {p} is not divisible by n = {n}: {s} halves the "
                            "vector log2(n) times and needs p divisible by n; pad p to "
                            f"{n * -(-p // n)} (zeros) or use {S.RING.key} with chunks: uneven")
                    if self.chunks == "even":
                        raise ValueError(
                            f"p = {p} is not divisible by n = {n}, so {s} cannot cut the "
                            f"gradient into n equal chunks of p/n. The uneven-chunk variant "
                            f"splits it into {shape} elements: still 2n(n-1) = {2 * n * (n - 1)} "
                            f"messages, the largest of {big} elements; set chunks: uneven "
                            "to solve it")
                    if p < n:
                        raise ValueError(f"p = {p} < n = {n}: the uneven split would leave "
                                         f"{n - p} empty chunks; ring all-reduce needs p >= n")
        if self.uses_servers and isinstance(p, int) and isinstance(k, int) and p % k:
            raise ValueError(f"p = {p} is not divisible by servers = {k}: each server owns a "
                             f"shard of p/k elements; pad p to {k * -(-p // k)} or choose "
                             "servers dividing p")
        if Q.FASTER.key in self.quantities and len(self.schemes) < 2:
            raise ValueError("faster: which scheme is faster needs two schemes or more to "
                             f"compare, got {self.schemes}")
        self._per_node_defined()
        known = set(names.values()) | set(FORMULA_FUNCTIONS) | {
            name for text in self.formulas().values() for name in formula_names(text)}
        for i, cell in enumerate(self.given):
            if cell.scheme not in self.schemes:
                raise ValueError(f"given[{i}].scheme {cell.scheme!r} is not among schemes "
                                 f"{self.schemes}")
            unknown = sorted(formula_names(cell.value) - known)
            if unknown:
                raise ValueError(f"given[{i}].value {cell.value!r} uses unknown names "
                                 f"{unknown}; allowed: {sorted(known)}")
        return self

    def _per_node_defined(self) -> None:
        """A per-worker quantity needs workers that all do the same (not the tree, not the
        uneven ring); a per-server one needs server nodes: a quantity no scheme asked about
        has, or a given cell that has none, is refused (the other cells are left empty)."""
        for q in list(self.quantities):
            if q not in SCHEME_FREE and not any(self.defined(q, s) for s in self.schemes):
                raise ValueError(self._undefined(q, self.schemes[0]))
        for g in self.given:
            if not self.defined(g.quantity, g.scheme):
                raise ValueError(self._undefined(g.quantity, g.scheme))

    def defined(self, quantity: str, scheme: str) -> bool:
        """Whether ``quantity`` has one value for ``scheme`` (a cell of the table)."""
        if quantity in PER_WORKER:
            return not (scheme == S.TREE.key or (scheme == S.RING.key and
                                                  self.chunks == "uneven"))
        if quantity in PER_SERVER:
            return scheme in (S.PARAMETER_SERVER.key, S.SHARDED_PS.key)
        return True

    def _undefined(self, quantity: str, scheme: str) -> str:
        if quantity in PER_SERVER:
            return f"{quantity}: {scheme} has no server node"
        return (f"{quantity}: the workers of {scheme} do not all send and receive the same "
                "amount, so there is no one worker's value; ask for the busiest node "
                "(busiest-sent, busiest-received)")

    @property
    def bytes_per_element(self) -> int:
        return DTYPE_BYTES[self.dtype]
