"""Claims: what each statement of an answer asserts, as chains ``subject rel value rel value``.

A formula (``$|\\Delta\\theta_j| \\le \\alpha\\frac{1-\\beta_1}{\\sqrt{1-\\beta_2}} \\approx
3.16\\times 10^{-3}$``) or a run of plain math in prose (``u = -(alpha/2) g``, ``θ₁ − θ₀ =
[−0.001, …]``) is split at its top-level relations into pieces; the first piece is the
*subject* when it names something (a symbol, ``|Δθ_j|``, ``θ_1 − θ_0``), and every other piece
is a value related to it (``=``, an upper or lower bound, or membership). A claim keeps its
words (the clause around it, the table header and row label), its tier, and why it would not
count (negated, hypothetical, a scaling remark, a question). Nothing here knows the expected
answers; :mod:`optiproof.checking.associate` ties claims to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any, Literal

from optiproof.checking.concepts import concepts, plain
from optiproof.checking.document import Document
from optiproof.checking.formula import parse_value, symbol_key
from optiproof.checking.segment import EXCLUDED, Layout, Role
from optiproof.checking.statements import (REPORTED, RETRACTED, TIER_ASIDE, TIER_BOLD,
                                           TIER_BOXED, TIER_CONCLUSION, TIER_PROSE, Unit, aside,
                                           in_bold, Stance, stance, units_of)

Relation = Literal["=", "<", ">", "in"]
MAX_CLAIMS = 3000
"""Claims beyond this many are not read (a long answer has a few hundred)."""


@dataclass(frozen=True)
class Piece:
    """One side of a chain: the text as written, its value (None: unreadable), its relation
    to the chain's subject, its offset in the document, and whether it is boxed."""

    text: str
    value: Any
    relation: Relation
    pos: int
    boxed: bool = False


@dataclass(frozen=True)
class Claim:
    """A chain stated in the answer, with where it stands and what surrounds it."""

    part: str | None
    role: Role
    line: int
    pos: int
    subject: str
    """Symbol key of the chain's subject (``""`` when the chain starts with a value)."""
    subject_text: str
    pieces: tuple[Piece, ...]
    tier: float
    cue: str
    """Plain words of the clause around the chain (before ``@``, after it)."""
    column: str
    row: str
    about: frozenset[str]
    """Catalogue subjects (norm, method, scheme) named by the row label or the clause."""
    excluded: str
    """Why it does not count as a claim (``negated``, ``hypothetical``, ...), or ``""``."""
    unit: Unit
    words: str = ""
    """For claims made in words only: what they state (``unbounded``)."""

    @property
    def final(self) -> Piece | None:
        """What the chain finally asserts: its last boxed readable value, else its last
        readable value."""
        readable = [p for p in self.pieces if p.value is not None]
        boxed = [p for p in readable if p.boxed]
        return (boxed or readable or [None])[-1]

    @property
    def tier_of_final(self) -> float:
        final = self.final
        return TIER_BOXED if final is not None and final.boxed else self.tier


# -- relations ---------------------------------------------------------------------------------

_LATEX_REL = re.compile(
    r"(?P<break>\\(?:Rightarrow|Longrightarrow|implies|iff|Leftrightarrow|Longleftrightarrow|"
    r"quad|qquad)\b|\\\\|\\text\s*\{\s*(?:and|so|hence|thus|i\.e\.|where|giving|or)\b[^{}]*\}"
    r"|:(?!=)(?=\s|\\[ ,;!])|⇒|⟹|⇔|⟺)"
    r"|(?P<named>=:(?!=)|\\eqqcolon\b|≕)"
    r"|(?P<eq>:=|=|\\approx|\\simeq|\\sim\b|\\equiv|\\to\b|\\rightarrow|\\longrightarrow|"
    r"\\leftarrow|\\gets\b|≈|≃|→|←)"
    r"|(?P<le>\\le(?:q|qslant)?\b|\\lt\b|<|\\lesssim|≤|≲)"
    r"|(?P<ge>\\ge(?:q|qslant)?\b|\\gt\b|>|\\gtrsim|≥|≳)"
    r"|(?P<in>\\in\b|∈)")
_PLAIN_REL = re.compile(
    r"(?P<break><=>|⇔|⟺|⇒|⟹|=>|\biff\b)"
    r"|(?P<named>=:(?!=)|≕)"
    r"|(?P<eq>:=|<-(?!-)|←|⟵|=|≈|≃|≅|\s~\s|~(?=\s*[\d(\[−-])|->|→|⟶)"
    r"|(?P<le><=|≤|≲|<)|(?P<ge>>=|≥|≳|(?<!-)>)"
    r"|(?P<in>∈)")
_COMPARATIVE = re.compile(r"\b(?:at most|no more than|no larger than|up to|bounded by|"
                          r"less than|below|smaller than)(?:\s+(?:about|roughly|approximately|"
                          r"around))?\s*$", re.I)
_LOWER = re.compile(r"\b(?:at least|no less than|more than|greater than|above|exceeds?)\s*$",
                    re.I)
_SYMBOL_ABOVE = re.compile(r"(?:(?<![A-Za-z])[A-Za-zα-ω]|\\[a-z]+|\balpha|\beta|\blr)\s*\$?\s*(?:is\s+)?"
                           r"(?:at least|no less than|more than|greater than|above|exceeds?)\s*\$?\s*$")
"""A symbol said to exceed the chain (``once α exceeds 1/‖g‖₁ = 1/6``): the chain's first
formula is no subject of its own but the bound worked out, each of its values a bound on the
symbol."""
_CONDITION = re.compile(r"\\text\s*\{\s*(?:for|if|when|whenever|with|where|since|because|as)\b"
                        r"|\\(?:forall|quad\\text\{for)")


_OPENER = {")": "(", "]": "[", "}": "{", "⟩": "⟨"}


def _depth_map(text: str) -> list[int]:
    """The bracket depth at each character. A closer whose opener lies under brackets left open
    closes those too (``\\frac{100}{3\\Bigr) \\approx (…)``, a brace never closed: the relation
    after the parenthesis is still at the top); a closer nothing opened closes one level."""
    stack: list[str] = []
    out = []
    for c in text:
        if c in "([{⟨":
            stack.append(c)
        out.append(len(stack))
        if c in _OPENER and stack:
            if _OPENER[c] in stack:
                del stack[len(stack) - 1 - stack[::-1].index(_OPENER[c]):]
            else:
                stack.pop()
    return out


_ENVIRONMENT = re.compile(r"\\begin\{([bpvBV]?matrix|array|cases)\}.*?\\end\{\1\}", re.S)
_ALIGNMENT = re.compile(r"\\(?:begin|end)\{(?:aligned|align\*?|gathered|gather\*?|split|"
                        r"equation\*?)\}")


_NAMED = re.compile(r"\s*(?:\\[A-Za-z]+|[^\W\d_])(?:_\{[^{}]{0,12}\}|_[^\W_])?'?(?![\w{])")
"""The name after ``=:``: one letter, possibly with a subscript."""


def _split_chain(text: str, pattern: re.Pattern) -> list[list[tuple[str, int, str]]]:
    """Chains of (relation, offset, piece) split at top-level relations; ``break`` tokens and
    top-level ``, `` start a new chain. Matrix environments are never split. ``a = b =: s``
    names ``s``: the chain ends at ``b``, and ``s = a = b`` is a chain of its own."""
    depth = _depth_map(text)
    for env in _ENVIRONMENT.finditer(text):
        depth[env.start():env.end()] = [1] * (env.end() - env.start())
    chains: list[list[tuple[str, int, str]]] = [[]]
    rel, start = "", 0
    for m in pattern.finditer(text):
        if depth[m.start()] > 0 or m.start() < start:
            continue
        kind = m.lastgroup or "eq"
        if m.group(0).strip() in ("->", "→", "⟶") and not re.fullmatch(
                r"\s*[A-Za-zΑ-Ωα-ω][\w₀-₉ₜ\u0302*^]*\s*", text[start:m.start()]):
            kind = "break"
        chains[-1].append((rel, start, text[start:m.start()]))
        start = m.end()
        if kind == "named" and (name := _NAMED.match(text, start)):
            chains.append([("", start, name.group(0))]
                          + [(r or "eq", p, piece) for r, p, piece in chains[-1]])
            start = name.end()
        if kind in ("break", "named"):
            chains.append([])
            rel = ""
        else:
            rel = kind
    chains[-1].append((rel, start, text[start:]))
    out = []
    for chain in chains:
        split: list[tuple[str, int, str]] = []
        for rel, pos, piece in chain:
            parts = _split_commas(piece)
            if len(parts) > 1 and rel:
                split.append((rel, pos, parts[0][1]))
                out.append(split)
                split = [("", pos + p, s) for p, s in parts[1:2]]
                for p, s in parts[2:]:
                    out.append(split)
                    split = [("", pos + p, s)]
            else:
                split.append((rel, pos, piece))
        out.append(split)
    return [c for c in out if c]


def _split_commas(piece: str) -> list[tuple[int, str]]:
    """A piece cut at top-level ``, `` (``a = 1, b = 2`` is two statements)."""
    depth = _depth_map(piece)
    cuts = [m.start() for m in re.finditer(r"(?<!\\),(?:\s|\\[,;: ]|\\quad|\\qquad)", piece)
            if depth[m.start()] == 0]
    if not cuts:
        return [(0, piece)]
    bounds = [0] + [c + 1 for c in cuts]
    ends = cuts + [len(piece)]
    return [(a, piece[a:b]) for a, b in zip(bounds, ends, strict=True)]


def _compose(rels: list[str]) -> list[Relation | None]:
    """The relation of each value piece to the subject along ``a = b < c = d``."""
    out: list[Relation | None] = []
    current: Relation = "="
    for rel in rels:
        step = {"eq": "=", "le": "<", "ge": ">", "in": "in"}.get(rel, "=")
        if current == "=":
            current = step  # type: ignore[assignment]
        elif step not in ("=", current):
            out.append(None)
            continue
        out.append(current)
    return out


# -- subjects ----------------------------------------------------------------------------------

def is_name(value: Any) -> bool:
    """A subject names something: symbols combined without numbers (``θ_1 - θ_0``,
    ``|Δθ_j|``, ``E[m_t]``, a root of one, ``√v̂₁``, ``m̂₁/√v̂₁``), not a value such as
    ``x / 1.0101``."""
    import sympy

    if value is None or isinstance(value, sympy.MatrixBase) or not hasattr(value, "atoms"):
        return False
    if not value.free_symbols:
        return False
    numbers = [a for a in _numbers_outside_exponents(value) if abs(a) != 1]
    return not numbers and sympy.count_ops(value) <= 4


def _rewritten(values: list[Any]) -> bool:
    """The chain's first piece is a later one in another spelling (``c/√c = √c``): a
    simplification worked out, not a subject named."""
    first = values[0]
    return any(v is not None and not isinstance(v, tuple) and v == first for v in values[1:])


def _numbers_outside_exponents(value: Any) -> list[Any]:
    """The numbers of an expression, except the exponent of a root of a symbol (the ``1/2`` of
    ``√v̂₁``): it is part of the name."""
    out, stack = [], [value]
    while stack:
        node = stack.pop()
        if getattr(node, "is_Number", False):
            out.append(node)
        elif getattr(node, "is_Pow", False) and node.exp.is_Rational and not \
                node.exp.is_Integer and node.base.free_symbols:
            stack.append(node.base)
        else:
            stack.extend(getattr(node, "args", ()))
    return out


_OPERATOR = re.compile(r"^\s*\\?(?:min|max|inf|sup)\s*$")
"""A bare operator name as a subject: ``\\min = -7/4`` states the minimum value."""
_MIN_OVER = re.compile(r"^\s*\\?(?:min|inf)\s*_(?:\{(?:[^{}]|\{[^{}]*\})*\}|[^\s{}]+)\s*"
                       r"[^=<>≤≥≈]*[A-Za-zα-ω][^=<>≤≥≈]*$")
"""A minimum written over its feasible set with the objective (``\\min_{\\|d\\|_1\\le\\eta}
g^\\top d``, ``min_d f(d)``) as a subject: it states the minimum value, as a bare ``\\min``."""
_AT_VALUE = re.compile(r"^\s*(\\?(?P<name>[A-Za-z]+|[α-ωΑ-Ω])(?:_\{?\w+\}?)?)\s*(?:\\left)?\(\s*"
                       r"(?:\\?[A-Za-zα-ω]+\s*=\s*)?[-−\d.,\s/]*\d[-−\d.,\s/]*(?:\\right)?\)\s*$")
"""A symbol at a given value (``ρ(0.15)``, ``\\rho(\\alpha=0.15)``, ``r_t(0.2)``): it states
that symbol (a Greek letter or a single Latin one, not a function such as ``\\max``)."""


def _at_value(text: str) -> str | None:
    from optiproof.core.mathtokens import GREEK

    m = _AT_VALUE.match(text)
    if m is None or not (len(m.group("name")) == 1 or m.group("name") in GREEK):
        return None
    return m.group(1)


_SET = re.compile(r"^\s*(?:\\\{|\\left\\\{|\{)(.*?)(?:\\\}|\\right\\\}|\})\s*$", re.S)


def _value(text: str, latex: bool) -> Any:
    """A piece's value; a braced list of two or more values is a tuple of them (a set of
    candidate answers)."""
    m = _SET.match(text.replace("**", " "))
    if m:
        from optiproof.checking.formula import split_top

        items = [parse_value(x, latex) for x in split_top(m.group(1), ",;")]
        if len(items) >= 2 and all(v is not None for v in items):
            return tuple(items)
    value = parse_value(text, latex)
    if value is None and latex and (stray := _stray_closing(text)):
        value = parse_value(text[:stray], latex)
    side = _SIDE_NOTE.search(text) if value is None else None
    return parse_value(text[:side.start()], latex) if side and text[:side.start()].strip() \
        else value


def _stray_closing(text: str) -> int:
    """Where a formula's closing braces that nothing opened start, when they end it
    (``\\mathbb{E}[g]}.``, a typo reported as an unrenderable formula): the value is read as
    written without them; 0 when there are none."""
    body = text.rstrip(" .,;")
    depth = 0
    for i, c in enumerate(body):
        if c == "{" and (i == 0 or body[i - 1] != "\\"):
            depth += 1
        elif c == "}" and (i == 0 or body[i - 1] != "\\"):
            depth -= 1
            if depth < 0:
                return i if not body[i:].strip("} ") else 0
    return 0


_SIDE_NOTE = re.compile(r"\s*\((?=(?:[^()]|\([^()]*\))*?(?:=|≈|:))(?:[^()]|\([^()]*\))*\)"
                        r"[\s.,;]*$|\s*\[(?=(?:[^\[\]]|\[[^\[\]]*\])*?(?:=|≈|:))"
                        r"(?:[^\[\]]|\[[^\[\]]*\])*\][\s.,;]*$"
                        r"|\s*\\quad\s*\\text\{\s*\([^{}]*\)\s*\}\s*$")
"""A side computation in parentheses or square brackets after a value (``[0.99, 0.099,
0.0099] (|a|² = 1.0101)``, ``[0.9009, …] (= (100/111)·[1, 1, 1])``, ``(0.9, 0.9) [= 0.9·(1,
1)]``, one level of brackets inside): not part of the value."""


# -- reading chains out of a unit ---------------------------------------------------------------

_BOXED = re.compile(r"\\boxed\s*\{")


def _unbox(latex: str) -> tuple[str, list[tuple[int, int]]]:
    """``\\boxed{X}`` -> ``X`` (brace-matched; the box's own marks become spaces, so every
    character keeps its offset and a piece's words are read from its own clause), with the
    ranges that were boxed."""
    out, spans, i = list(latex), [], 0
    for m in _BOXED.finditer(latex):
        if m.start() < i:
            continue
        depth, j = 1, m.end()
        while j < len(latex) and depth:
            depth += {"{": 1, "}": -1}.get(latex[j], 0) if latex[j - 1] != "\\" else 0
            j += 1
        if depth:
            continue
        out[m.start():m.end()] = " " * (m.end() - m.start())
        out[j - 1] = " "
        spans.append((m.end(), j - 1))
        i = j
    return "".join(out), spans


_TEXT_FUNCTION = re.compile(r"\\(?:text|textrm|textnormal)\s*\{\s*(sign|sgn|diag|tr|rms|RMS|clip|"
                            r"softmax|exp|log|max|min)\s*\}")
"""A function name written as text (``\\text{sign}(g)``): a function, not words."""


def _strip_text(piece: str) -> tuple[str, str]:
    """A LaTeX piece without its ``\\text{...}`` words (returned separately as cue words),
    cut before a condition (``\\text{for } t \\ge 1``)."""
    cond = _CONDITION.search(piece)
    if cond:
        piece = piece[:cond.start()]
    piece = _TEXT_FUNCTION.sub(r"\\operatorname{\1}", piece)
    piece = re.sub(r"_\s*\{\s*\\text\s*\{([^{}]*)\}\s*\}", r"_{\1}", piece)
    piece = re.sub(r"(?:\\times|\\cdot)\s*$", "", piece.rstrip())
    words = " ".join(re.findall(r"\\text\s*\{([^{}]*)\}", piece))
    return re.sub(r"\\text\s*\{[^{}]*\}", " ", piece), words


_LEADING_WORDS = re.compile(r"(?:\s|\\q?quad\b|\\[,;:! ]|\\text\s*\{[^{}]*\}|[;,])*")
"""What opens a piece before its math: spaces, ``\\quad`` and ``\\text{...}`` words (a
piece's position is where its math starts, so its words are read from its own clause)."""


_MID_WORDS = re.compile(r"(?<![_^{])\\text\s*\{\s*(?!(?:for|if|when|where|with|while|provided|"
                        r"unless|as|at|since|because|per|each|in|on|by|from|to|of|times|and|or|"
                        r"sign|sgn|diag|tr|rms|clip|softmax|exp|log|max|min)\b)"
                        r"[A-Za-z][A-Za-z-]{2,}[^{}]*\}", re.I)
"""Words between two values of one formula (``n(n-1) \\text{ messages of size } p``): the
first value's description, not part of its expression."""


def _cut_at_words(chains: list[list[tuple[str, int, str]]]) -> list[list[tuple[str, int, str]]]:
    """Chains cut where words stand between two values of a piece (each value is its own
    statement, read with its own words)."""
    out = []
    for chain in chains:
        current: list[tuple[str, int, str]] = []
        for rel, pos, piece in chain:
            while True:
                cut = next((m for m in _MID_WORDS.finditer(piece)
                            if piece[:m.start()].count("{") == piece[:m.start()].count("}")
                            and re.search(r"[\w)\]}]", _LEADING_WORDS.sub("", piece[:m.start()]))
                            and re.search(r"[\w(\[\\]", piece[m.end():])), None)
                if cut is None:
                    break
                current.append((rel, pos, piece[:cut.start()]))
                out.append(current)
                current, rel = [], ""
                pos, piece = pos + cut.end(), piece[cut.end():]
            current.append((rel, pos, piece))
        out.append(current)
    return [c for c in out if c]


_TICK = re.compile(r"\\checkmark\b|[✓✔]")
"""A tick after a result (``= \\mathbb{E}[g]. \\checkmark``): the writer's mark, not math."""


def _latex_chains(latex: str, offset: int) -> list[tuple[list[tuple[str, int, str, bool]], str]]:
    text, boxes = _unbox(_ALIGNMENT.sub(lambda m: " " * len(m.group(0)), _TICK.sub(
        lambda m: " " * len(m.group(0)), latex)))
    kept = [(m.start(), m.end()) for m in _ENVIRONMENT.finditer(text)]
    text = "".join(" " if c == "&" and not any(a <= i < b for a, b in kept) else c
                   for i, c in enumerate(text))
    out = []
    for chain in _cut_at_words(_split_chain(text, _LATEX_REL)):
        pieces, words = [], []
        for rel, pos, piece in chain:
            bare, said = _strip_text(piece)
            words.append(said)
            boxed = any(a <= pos + len(piece) and pos <= b for a, b in boxes) if boxes else False
            lead = _LEADING_WORDS.match(piece)
            pieces.append((rel, offset + pos + (lead.end() if lead and bare.strip() else 0), bare,
                           boxed))
            if _CONDITION.search(piece):
                break  # ``0.99999 \text{ for } \lambda = 0.01``: what follows is the condition
        out.append((pieces, " ".join(w for w in words if w)))
    return out


# -- plain math inside prose ---------------------------------------------------------------------

_MATH_WORDS = frozenset(
    "sqrt sign sgn ln log exp max min diag argmin argmax alpha beta gamma delta eta theta lambda "
    "mu nu rho sigma kappa tau epsilon eps grad mhat vhat inf infty sum lr var tr det lam mh vh"
    .split())
_TOKEN = re.compile(
    # ".85": a decimal written without its leading zero (not a full stop before a number)
    r"(?P<num>\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|(?<![\w.)\]}])\.\d+(?:[eE][-+]?\d+)?)"
    r"|(?P<id>[A-Za-zΑ-Ωα-ω𝔼](?:[A-Za-zΑ-Ωα-ω0-9]|\u0302)*'*"
    r"(?:[_^](?:\{[^{}]{0,20}\}|\([^()]{0,20}\)|[A-Za-z0-9*]+)|[₀-₎ₐ-ₜᵢ-ᵪⱼ⁰¹²³⁴-⁾ⁿⁱʰ-ʸˡ-ˣᴬ-ᵡᶛ-ᶿ*⋆])*)"
    r"|(?P<op><=>|<=|>=|=>|->|\|\||\*\*|_(?:\{[^{}]{0,20}\}|\([^()]{0,20}\)|[A-Za-z0-9*∞]+)"
    r"|[-+±∓*/⁄∕^·×⋆−–=≈~<>≤≥→←⟵⇒⟹⇔∈√‖|()\[\]{},;:!.∞∑Σ∇⊙⊘%]|[⁰¹²³⁴-⁾ⁿⁱʰ-ʸˡ-ˣᴬ-ᵡᶛ-ᶿ₀-₎ₐ-ₜᵢ-ᵪⱼ]+)"
    r"|(?P<space>\s+)|(?P<other>.)")
_RUN_END = frozenset(";:")


def _in_ellipsis(text: str, i: int) -> bool:
    """The dot at ``i`` is one of an ellipsis ``...`` (``1 + β + ... + β^(t-1)``)."""
    return "..." in (text[max(i - 2, 0):i + 1], text[max(i - 1, 0):i + 2], text[i:i + 3])


def _is_math_id(word: str) -> bool:
    core = re.sub(r"[\u0302'*⋆]", "", word)
    base = re.split(r"[_^₀-₎ₐ-ₜᵢ-ᵪⱼ⁰¹²³⁴-⁾ⁿⁱʰ-ʸˡ-ˣᴬ-ᵡᶛ-ᶿ]", core)[0]
    return (len(base) == 1 or base.lower() in _MATH_WORDS or base.startswith("𝔼") or base != core
            or bool(re.fullmatch(r"[A-Za-zα-ω]+\d+", base)) or bool(re.search("[Α-Ωα-ω]", base)))


_CONTINUES = re.compile(r"(?:[-+*/=≈<>≤≥→⇒·×−–,(\[{^_]|->|=>)\s*$")
"""A run whose line ends with an operator goes on on the next line; any other line break ends
it (``v_t = ...`` on one line and ``m̂_t = ...`` on the next are two statements)."""


_OPENS_WITH_OPERATOR = re.compile(r"[=≈<>≤≥+*/·×−–→⇒]|-(?!-)|->|=>")
"""A next line that opens with an operator (``= sqrt(10)*alpha``) goes on with the run."""


_FACTOR_SUFFIX = re.compile(r"\s*(?:longer|shorter|larger|smaller|bigger|greater|higher|lower|"
                            r"faster|slower|more|less|as\b|the\b|that\b|its\b|of\b)", re.I)
"""After a number with ``x`` or ``×`` written on to it: the words of a comparison, so the
number is the factor stated (``2.78x longer``, ``3× the length of``)."""


def plain_runs(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are plain-text math: numbers, symbols, operators and brackets,
    with English words (two letters or more, not a math name) breaking them."""
    runs: list[tuple[int, int]] = []
    start = end = None
    depth = 0
    number_end = -1
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        tok = m.group(0)
        mathy = kind in ("num", "op") or (kind == "id" and _is_math_id(tok))
        if tok in ("x", "X", "×") and m.start() == number_end and _FACTOR_SUFFIX.match(
                text, m.end()):
            mathy = False  # ``2.78x longer``, ``2.78× the length``: a factor, not a product
        number_end = m.end() if kind == "num" else -1
        if kind == "op" and tok in _RUN_END and depth == 0:
            mathy = False
        if tok == "**" and start is not None and re.match(r"(?:\s|[,.;:!?)]|$)",
                                                          text[m.end():m.end() + 1]):
            mathy = False  # a closing bold marker (``**α < 0.2** (= 2/L)``) ends the run
        if kind == "op" and tok == "." and not re.match(r"\.\d", text[m.start():m.start() + 2]):
            mathy = bool(re.match(r"[\w)]\.[A-Za-z(]", text[m.start() - 1:m.start() + 2])) or (
                start is not None and _in_ellipsis(text, m.start()))
        if kind == "other" and tok in "…⋯":
            mathy = start is not None
        if kind == "op" and tok == "," and depth == 0:
            nxt = text[m.end():m.end() + 1]
            mathy = not nxt.isspace() and nxt != ""
        if mathy and start is None and tok in ")]},.;":
            mathy = False
        if mathy and start is not None and tok in ")]}" and depth == 0:
            # ``(index 1) → u = (−0.1, 0, 0)``: a bracket opened before the run closes it
            runs.append((start, end))
            start = None
            continue
        if mathy:
            if start is None:
                start, depth = m.start(), 0
            depth += tok in "([{" and 1 or 0
            depth -= tok in ")]}" and 1 or 0
            end = m.end()
        elif kind == "space" and start is not None:
            if depth == 0 and "\n" not in tok and (len(tok) >= 3 or "\t" in tok) and \
                    text.startswith("(", m.end()):
                # ``u = argmin …      (a = alpha, d = delta theta)``: a remark set apart
                runs.append((start, end))
                start = None
                continue
            if "\n" in tok and depth == 0 and not _CONTINUES.search(text[start:end]) \
                    and not _OPENS_WITH_OPERATOR.match(text, m.end()):
                runs.append((start, end))
                start = None
            continue
        elif start is not None:
            runs.append((start, end))
            start = None
    if start is not None:
        runs.append((start, end))
    return [_unwrapped(text, *_balanced(text, a, b)) for a, b in runs]


_NAMING = re.compile(r"\(\s*[^\W\d_][\w']*\s*(?:=|:=)(?!=)")


def _unwrapped(text: str, a: int, b: int) -> tuple[int, int]:
    """A run that is one bracketed remark naming something (``(a = alpha, d = delta theta)``)
    is read inside its brackets."""
    if b - a > 2 and _NAMING.match(text, a) and text[b - 1] == ")" and _unclosed(
            text[a + 1:b - 1]) < 0 and ")" not in _closers_unopened(text[a + 1:b - 1]):
        return a + 1, b - 1
    return a, b


def _closers_unopened(run: str) -> str:
    """The closing brackets of ``run`` that close nothing opened in it."""
    depth, out = 0, []
    for c in run:
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth:
                depth -= 1
            else:
                out.append(c)
    return "".join(out)


def _balanced(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim unmatched brackets (also an opening one left at the end: ``x = a + b (note)``),
    closing punctuation and bold markers off the ends of a run."""
    while a < b:
        run = text[a:b]
        opens = sum(run.count(c) for c in "([{")
        closes = sum(run.count(c) for c in ")]}")
        if closes > opens and run[-1] in ")]}":
            b -= 1
        elif opens > closes and run[0] in "([{":
            a += 1
        elif run[-1].isspace() or (opens > closes and run[-1] in "([{"):
            b -= 1
        elif run[-1] in ".,":
            b -= 1
        elif run.endswith("**"):
            b -= 2
        elif run.startswith("**"):
            a += 2
        elif opens > closes and _unclosed(run) > 0:
            # ``θ = [0.9, 0.9, 0.9]   (= 100/111 each)``: a remark opened and left by words
            b = a + _unclosed(run)
        else:
            break
    return a, b


def _unclosed(run: str) -> int:
    """Where the last bracket that is never closed opens in ``run`` (-1: none)."""
    stack: list[int] = []
    for i, c in enumerate(run):
        if c in "([{":
            stack.append(i)
        elif c in ")]}" and stack:
            stack.pop()
    return stack[-1] if stack else -1


def _worth_reading(run: str) -> bool:
    """A run states something: a relation (an assignment ``θ ← θ − α·m̂/(√v̂ + ε)`` too), a
    number, a bracketed list (``L2`` and ``beta1``
    are names, not numbers), or a product of Greek letters written in Unicode (``αλθ``,
    ``α·λ·θₜ₋₁``: a formula in prose, as its LaTeX would be)."""
    return bool(re.search(r"(?<![A-Za-z_])\d|[=≈≤≥<>→←⟵∈~]|->|\[|\(.*,", run)
                or _GREEK_PRODUCT.search(run))


_GREEK_PRODUCT = re.compile(r"[α-ωΑ-Ω]\u0302?(?:[₀-₉ₜₖᵢⱼ₊₋]+)?\s*[·×*]?\s*[α-ωΑ-Ω]")


_CONCLUDES = re.compile(r"(?:^|\s)(?:so|therefore|thus|hence|giving|we get|which gives|this gives|that's|that is|"
                        r"in total|altogether|in all)"
                        r"\s*(?:[^\s]+\s*){0,8}$", re.I)
_TOTAL_LEAD = re.compile(r"(?:^|¦)\s*(?:the\s+|in\s+)?total\s*[:=]?\s*(?:¦\s*)?$", re.I)
"""A clause that opens with "Total:" and goes straight to the value: the sum concluded."""
_ENUMERATOR = re.compile(r"\b(?:step|part|case|phase|stage|eq(?:uation)?\.?|line|section|figure|"
                         r"table|example|round)\s*\(?\d+\)?|^\s*\*{0,2}\(\d+\)\*{0,2}\s*$",
                         re.I)
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+")
_EQUATION_NUMBER = re.compile(r"^[^\S\n]*\(\d{1,3}\)(?=\s)", re.M)
"""An equation's number at the start of its line (``(2) vₜ = β₂vₜ₋₁ + ...``)."""
_SIZE_LEAD = re.compile(r"\b(?:of size|of length|sized|chunks? of|size(?: is)?\s*[:=]?)\s*$", re.I)
"""Words after which a lone symbol is a value stated (``2n messages of size p``)."""
_BARE_LABEL = re.compile(r"^[ \t#>]*(?:\*\*|__)?[a-h][).](?:\*\*|__)?(?=\s)", re.M)
"""A part label written as a bare letter at the start of a line (``b)``, ``**c.**``)."""
_LABEL_TOKEN = re.compile(r"(?<![\w)])\([a-h]\)(?=[\s,:.;]|$)")

# -- words -------------------------------------------------------------------------------------

_UNCHANGED = re.compile(r"\b(?:does not change|doesn't change|do not change|is not changed|"
                        r"unchanged|(?:is |scale[- ])?invariant|no change|stays? the same|"
                        r"remains? the same|(?:is|are|stays?|remains?)\s*[*_]{0,2}\s*(?:exactly|"
                        r"just|precisely|identically|still)?\s*the same(?![ \w]*?\b(?:as|factor|for|"
                        r"in|direction|magnitude|size|sign|way)\b)|"
                        r"(?:(?<=[.;:!?>→⇒]\s)|(?<=^)|(?<=[.;:!?])|\b(?:gives|yields|produces|leads to|"
                        r"we get)\s+)\s*(?:the\s+|an?\s+)?(?:same|identical)\s+"
                        r"(?:update|step|result|answer)(?=\s*(?:[.;!]|$)))(?![A-Za-z])", re.I | re.M)
_UNBOUNDED = re.compile(r"\bunbounded(?: below)?\b|\bno (?:finite )?minimi[sz]er\b|"
                        r"\b(?:minimi[sz]er|minimum) does not exist\b|\bno minimum\b|"
                        r"\bdiverges? to\s*(?:−|-)\s*(?:∞|\\infty|infinity)|"
                        r"\bruns? off to infinity\b|\bgoes to (?:−|-)\s*(?:∞|infinity)", re.I)


_OTHER_TERM = re.compile(r"\b(?:penalty|regulari[sz]\w*|norm|term|constraint|set|domain|"
                         r"gradient|penalty term)\s+(?:\w+\s+){0,2}?(?:is|are|becomes?|gets?|"
                         r"grows?)\s+(?:\w+\s+)?$", re.I)
"""Before "unbounded": it is said of a term or a set (``the penalty term is unbounded``), not
of the objective or the answer."""
_WORDS = (("unbounded", _UNBOUNDED), ("unchanged", _UNCHANGED))
"""Statements made in words: what they state about a value."""
_NAMED_IN_WORDS = re.compile(r"\s*(?:=|:=|≡)\s*(?:an?\s+|the\s+)?[A-Za-z][a-z]+[- ][a-z]{3,}")
"""After a lone formula: it is given a meaning in words (``$\\sqrt{v}$ = per-coordinate
normalisation``), so the formula is what is described, not a value claimed."""


def _unchanged_value() -> Any:
    import sympy

    return sympy.Integer(1)


_WORD_VALUES = {"unbounded": lambda: None, "unchanged": _unchanged_value}
"""The value a statement in words gives: ``unchanged`` is a ratio of 1."""


# -- the claims of a unit ----------------------------------------------------------------------

def _words_near(text: str, a: int, b: int) -> str:
    """Plain words around ``text[a:b]``: ``prior ¦ before @ after`` -- the clause before the
    one holding it, the part of its own clause before it, and the rest of its clause."""
    window = re.sub(r"\([^()]{0,4}\)", lambda m: " " * len(m.group(0)), text[max(0, a - 160):a])
    clauses = re.split(r"[;.!?:]\s|,(?:\s|$)|\n\n|\(|\)|—|\\\\|&&|\\q?quad", window)
    prior = clauses[-2] if len(clauses) > 1 else ""
    before = clauses[-1]
    label = _LABEL_LEAD.search(window)
    if label and not plain(before):  # ``Length ratio (Euclidean): $…$`` names what follows
        before = label.group(1).replace("(", " ").replace(")", " ")
    after = re.split(r"[;.!?](?:\s|$)|,\s|\(|—|" + _NEW_LINE_STATEMENT, text[b:b + 80])[0]
    return f"{plain(prior)} ¦ {plain(before)} @ {plain(after)}"


_NEW_LINE_STATEMENT = r"\n(?=[ \t]+\S|[A-Z*•>#|-])"
"""A line break before an indented line, a capital, a list marker or a table row: the next
line is a statement of its own (``step = [..]`` and under it ``   loss scaled by c: ...``), not
the words after a value."""


_LABEL_LEAD = re.compile(r"(?:^|[.!?;]\s|\n)\s*([^.!?;:\n]{2,60}):\s*[$*]*\s*$")


_TRAIL = re.compile(r"[ \t]*\n?[ \t]*\n?[ \t]*([a-z][^.;:\n]{0,80})")
"""After a display: the sentence it stands in going on in lower case ("$$2.598/0.935 ≈ 2.78$$
times longer")."""


_COMPOUND = re.compile(r"\s*(?P<name>[A-Za-zα-ωΑ-Ω][\w\u0302]*)\s*(?P<op>[-−+])")
"""``theta -= a*g``: a compound assignment (the relation read is the ``=``, the operator
stands at the end of the subject's piece)."""


def _compounded(old: Any, op: str, change: Any) -> Any:
    """The new value a compound assignment gives: ``x -= d`` is ``x - d``, ``x += d`` is
    ``x + d`` (None when the two cannot be combined)."""
    if old is None or not hasattr(old, "free_symbols"):
        return None
    try:
        return old + change if op == "+" else old - change
    except (TypeError, ValueError):
        return None


def _claims_of_chain(unit: Unit, chain: list[tuple[str, int, str, bool]], latex: bool,
                     doc_text: str, said: str, lead: str) -> Claim | None:
    texts = [p for _, _, p, _ in chain]
    if len(chain) == 1 and not texts[0].strip():
        return None
    values = [_value(t, latex) if t.strip() else None for t in texts]
    first_pos = chain[0][1]
    if len(chain) == 2 and not latex and (compound := _COMPOUND.fullmatch(texts[0])) \
            and chain[1][0] == "eq" and values[1] is not None:
        texts[0] = compound.group("name")
        values[0] = _value(texts[0], latex)
        values[1] = _compounded(values[0], compound.group("op"), values[1])
    applied = _at_value(texts[0]) if len(chain) > 1 else None
    over = _MIN_OVER.match(texts[0]) if len(chain) > 1 and values[0] is None else None
    if over is not None:
        applied = "\\min"  # the infimum over the set is the minimum value the part asks
    named = len(chain) > 1 and ((is_name(values[0]) and not _rewritten(values)) or bool(
        _OPERATOR.match(texts[0])) or applied is not None)
    introduced = "" if named else _introduced(unit, first_pos - unit.start)
    if introduced and not re.search(r"[A-Za-zα-ωΑ-Ω]{2}", lead):
        lead = introduced
    has_subject = named and not _COMPARATIVE.search(lead) and not _SYMBOL_ABOVE.search(lead)
    if has_subject:
        subject_text, rels = texts[0], [r for r, _, _, _ in chain[1:]]
        if applied is not None:
            subject_text = applied
            values = [_value(subject_text, latex), *values[1:]]
        value_items = list(zip(chain[1:], values[1:], strict=True))
    else:
        subject_text = ""
        rels = ["eq"] + [r for r, _, _, _ in chain[1:]]
        value_items = list(zip(chain, values, strict=True))
        if not texts[0].strip():
            value_items = value_items[1:]
            rels = [chain[1][0]] + rels[2:] if len(chain) > 1 else []
    relations = _compose(rels)
    if not has_subject and _COMPARATIVE.search(lead):
        relations = ["<" if r == "=" else r for r in relations]
    elif not has_subject and _LOWER.search(lead):
        relations = [">" if r == "=" else r for r in relations]
    pieces = tuple(Piece(t.strip(), v, rel, pos, boxed)
                   for ((_, pos, t, boxed), v), rel in zip(value_items, relations, strict=False)
                   if rel is not None and t.strip())
    if not pieces:
        return None
    key = symbol_key(subject_text) if has_subject else ""
    if has_subject and values[0] is not None and hasattr(values[0], "free_symbols") \
            and len(values[0].free_symbols) == 1 and values[0].is_Symbol:
        key = next(iter(values[0].free_symbols)).name
    end = pieces[-1].pos + len(pieces[-1].text)
    rel_start, rel_end = first_pos - unit.start, end - unit.start
    # a chain opening with its relation (``→ ≈ 2.78× longer``) stands where its value does
    why = stance(unit.text, max(rel_start if has_subject or texts[0].strip() else
                                pieces[0].pos - unit.start, 0), max(rel_end, 0))
    last = doc_text.find(pieces[-1].text, pieces[-1].pos)
    if not why and last >= 0 and RETRACTED.match(doc_text, last + len(pieces[-1].text)):
        why = Stance("retracted")  # taken back in the next sentence
    cue = _words_near(unit.text, max(rel_start, 0), max(rel_end, 0))
    if (unit.kind == "display" or introduced) and not re.search(r"[a-zα-ω]{2}",
                                                                cue.split("@")[0]):
        cue = f"{plain(unit.lead[-100:])} {cue}"
    if subject_text.strip():
        cue = cue.replace("@", f"{plain(subject_text)} @", 1)
    if unit.kind == "display" and rel_end >= len(unit.text.rstrip().rstrip("$]\\").rstrip()) - 2:
        trail = _TRAIL.match(doc_text, unit.end)
        if trail:
            cue = f"{cue} {plain(trail.group(1))}"
    if said:
        cue = f"{cue} {plain(said)}"
    objects = pronoun_objects(unit.text[max(rel_start - 300, 0):max(rel_start, 0)])
    about = (concepts(f"{unit.row} {cue.split('@')[0][-80:]}").subjects - objects) or _named_before(
        unit.text[max(rel_start - 160, 0):max(rel_start, 0)], objects) or unit.topic
    tier = max(unit.tier, TIER_BOLD) if in_bold(unit.text, max(rel_end - 1, 0)) else unit.tier
    if aside(unit.text, max(rel_start, 0)):
        tier = min(tier, TIER_ASIDE)
    elif _TYPICAL.search(re.split(r"[.!?;]\s|\n", unit.text[max(rel_start - 120, 0):
                                                          max(rel_start, 0)])[-1]) or \
            _TYPICAL_AFTER.search(unit.text[max(rel_end, 0):max(rel_end, 0) + 40]):
        tier = min(tier, TIER_ASIDE)
    elif unit.reported or REPORTED.search(unit.text[max(rel_start - 120, 0):max(rel_start, 0)]):
        tier = min(tier, TIER_PROSE)
    elif _CONCLUDES.search(cue.split("@")[0]) or _TOTAL_LEAD.search(cue.split("@")[0]):
        tier = max(tier, TIER_CONCLUSION)
    factor = not has_subject and _states_factor(cue, unit)
    reason = "" if factor and why.reason == "scaling" else why.reason
    return Claim(unit.part, unit.role, unit.line, first_pos, key, subject_text.strip(), pieces,
                 tier, cue, unit.column, unit.row, about, reason, unit,
                 words="factor" if factor else "")


_FACTOR_LEAD = re.compile(
    r"(?:\b(?:multiplied|scaled|rescaled)\s+by|\bpicks?\s+up\s+(?:a\s+)?(?:factor|multiplier)"
    r"(?:\s+of)?|\bscales?\s+(?:\w+ly\s+)?(?:up\s+|down\s+)?(?:with|by|like|as)|"
    r"\b(?:changes?|grows?|shrinks?|increases?|decreases?)\s+by\s+(?:a\s+)?factor(?:\s+of)?|"
    r"\bby\s+a\s+factor(?:\s+of)?)\s*[:=]?\s*$", re.I)
"""Words before a value that make it the factor something is multiplied by ("the update is
multiplied by √c", "it scales proportionally with c", "picks up a factor of 2")."""
_STEP_NAMED = re.compile(r"\b(?:update|step|steps|updates|θ|theta|δθ|Δθ|delta ?theta|"
                         r"parameter change|change in θ)\b|Δθ|θ_?1 ?[-−] ?θ_?0", re.I)
_POINTER = re.compile(r"^\W*(?:(?:and|so|thus|hence|yes|no|i\.e)\W+)*(?:it|this|that|which|"
                      r"the result)?\W*(?:(?:is|are|gets?|also|then|therefore|simply|just|"
                      r"only|still)\W+)*$", re.I)


_VERBS_AT_END = re.compile(r"(?:\s+(?:is|are|was|gets?|got|becomes?|will|would|be|been|also|"
                           r"then|therefore|thus|hence|simply|just|only|still|exactly|"
                           r"effectively|itself|now))+\s*$", re.I)
_STEP_AT_END = re.compile(r"(?:\b(?:update|step|steps|updates|θ|theta|δθ|delta ?theta|"
                          r"parameter change)|Δθ(?:_?\w)?|θ_?1 ?[-−] ?θ_?0)\s*$", re.I)


def _states_factor(cue: str, unit: Unit) -> bool:
    """The claim is the factor the update (the step) is multiplied by: a factor phrase right
    before the value, said of the update or step by name, or of "it" when the clause before
    names the update (or nothing else in a summary cell). Said of anything else (the first
    moment, √v̂) it is a step on the way."""
    head, _, _ = cue.partition("@")
    prior, _, before = head.rpartition("¦")
    m = _FACTOR_LEAD.search(before.rstrip())
    if m is None:
        return False
    said_of = _VERBS_AT_END.sub("", before[:m.start()])
    if _STEP_AT_END.search(said_of):
        return True  # "the update is multiplied by", not "the step is -sign(g) scaled by"
    if not _POINTER.match(said_of):
        return False
    return bool(_STEP_NAMED.search(prior)) or (unit.kind == "cell" and not re.search(
        r"[a-zα-ω]{2}", re.sub(r"[\d.,\s\[\]()−-]", "", said_of + prior)))


_UNFINISHED = re.compile(r"(?:\b[a-z]+|:|\s[=≤≥<>≈])\s*$")
"""A lead-in that stops mid-sentence (``So the largest step is``, ``is at most:``): the
line after it completes it."""


def _introduced(unit: Unit, at: int) -> str:
    """The unfinished sentence that introduces a line standing on its own (a displayed or
    indented formula, a bold line, a list item) when the chain opens that line: the value
    completes it, so its words (``the largest step is``, ``at most``) are the chain's words,
    as for a display formula. "" when the sentence before was finished or words precede the
    chain on its line (a chain that opens with its own subject, ``theta = ...``, is named by
    it, not by the lead-in: the caller passes none)."""
    if unit.kind not in ("display", "line") or not unit.lead or not _UNFINISHED.search(
            unit.lead) or re.search(r"[A-Za-zα-ωΑ-Ω]{2}", plain(unit.text[:max(at, 0)])):
        return ""
    return unit.lead.rstrip(" :")


def _named_before(text: str, objects: frozenset[str] = frozenset()) -> frozenset[str]:
    """The subject (norm, method, scheme) its own line names last before a value, when the
    clause holding the value names none (``PS — 2n messages, size p``: the size is the
    parameter server's, whatever heading stands above the line); ``objects`` are named there
    only as what a pronoun's verb acts on (see :func:`pronoun_objects`), never the subject."""
    text = text.rpartition("\n")[2]
    found = concepts(text).subjects - objects
    if len(found) <= 1:
        return found
    from optiproof.catalogue import NORMS, OPTIMIZERS, SCHEMES

    words = plain(text)
    last = max((m for reg in (NORMS, OPTIMIZERS, SCHEMES) for m in reg.mentions(words)
                if m.entry.key not in objects), key=lambda m: m.end, default=None)
    return frozenset({last.entry.key}) if last is not None else found


_PRONOUN_VERB = re.compile(r"(?:^|[:;—]\s*|,\s*(?:and\s+|but\s+)?|\band\s+)(?:it|they)\s+"
                           r"(?:\w+ly\s+)?(?!(?:is|are|was|were|be|becomes?|equals?|means?|"
                           r"reduces?|amounts?|corresponds?)\b)[a-z]+\b")
_SENTENCE_END = re.compile(r"(?<!\bi\.e)(?<!\be\.g)(?<!\bvs)[.!?]\s")
_CLAUSE_END = re.compile(r"[,;:.!?]\s|—")


def pronoun_objects(text: str) -> frozenset[str]:
    """Catalogue subjects the last sentence of ``text`` names only as what a pronoun's verb
    acts on, after naming the pronoun's referent ("AdamW decouples the two: it runs Adam on
    the loss gradient alone and shrinks every weight, …": the shrink is AdamW's, Adam is what
    it runs). Without a referent named before the pronoun, nothing is set aside."""
    from optiproof.catalogue import NORMS, OPTIMIZERS, SCHEMES

    words = plain(text)
    starts = [m.end() for m in _SENTENCE_END.finditer(words)]
    words = words[starts[-1]:] if starts else words
    mentions = [m for reg in (NORMS, OPTIMIZERS, SCHEMES) for m in reg.mentions(words)]
    inside: set[str] = set()
    outside: set[str] = set()
    spans = []
    for verb in _PRONOUN_VERB.finditer(words):
        if not concepts(words[:verb.start()]).subjects:
            continue
        close = _CLAUSE_END.search(words, verb.end())
        spans.append((verb.end(), close.start() if close else len(words)))
    for m in mentions:
        (inside if any(a <= m.start < b for a, b in spans) else outside).add(m.entry.key)
    return frozenset(inside - outside)


_TYPICAL_WORDS = (r"usually|typically|normally|in practice|on average|most of the time|"
                  r"(?:in )?(?:the |a )?typical cases?|in typical cases|for typical gradients|"
                  r"(?:in )?the usual case")
_TYPICAL = re.compile(rf"\b(?:{_TYPICAL_WORDS})\b", re.I)
"""A sentence about the typical case ("Usually |step| <= α", "Typical case: |step| ≲ α"): below
the part's own statement of what it asks (a worst case, a bound), so it is the claim only when
nothing else states it."""
_TYPICAL_AFTER = re.compile(rf"^[\s$)\]}}]*[,(]?\s*(?:{_TYPICAL_WORDS})\b(?=\s*(?:[).,;:|]|$))",
                            re.I)
"""The same qualifier right after the value, closing its clause ("$|Δ| \\lesssim α$
typically", "≈ α (in practice)"); one that opens a statement of its own ("≈ 3.16α (typically
≲ α)") qualifies what follows it."""


_SAID_LABEL = re.compile(r"^\s*\(?([a-h])\)")


_SPACED_SLASH = re.compile(r"\s/\s")
"""A slash with spaces around it: between two items of a list (``step / rate``)."""


_NUMBER_THEN_NAME = re.compile(
    r"^(?P<value>\s*[-−+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-−+]?\d+)?)\s+(?:[A-Za-z]{2,}\s+)?"
    r"(?P<name>[A-Za-zα-ωΑ-Ω](?:_?[A-Za-z0-9]){0,3})\s*$")


def _assignment_list(chain: list[tuple[str, int, str]]) -> list[list[tuple[str, int, str]]]:
    """``b1=0.9  b2=0.999  lr a=1e-3``: settings listed one after another on a line, a number
    then the next symbol set equal to its own value, are separate statements (``b1`` is 0.9,
    not the last number of the line). A word before the symbol (``lr a``) describes it."""
    out: list[list[tuple[str, int, str]]] = [[]]
    for k, (rel, pos, piece) in enumerate(chain):
        m = _NUMBER_THEN_NAME.match(piece)
        if (m is None or k == 0 or k + 1 == len(chain) or rel != "eq"
                or chain[k + 1][0] != "eq"):
            out[-1].append((rel, pos, piece))
            continue
        out[-1].append((rel, pos, m.group("value")))
        out.append([("", pos + m.start("name"), m.group("name"))])
    return out


def _spaced_parts(run: str) -> list[tuple[int, str]]:
    """A cell's run cut at spaced slashes, when its row or column lists quantities the same
    way (``rate / iterations | 0.85 / 86``): each item is its own value, with its offset."""
    out, start = [], 0
    for m in _SPACED_SLASH.finditer(run):
        out.append((start, run[start:m.start()]))
        start = m.end()
    out.append((start, run[start:]))
    return out


def _unit_claims(unit: Unit, doc: Document,
                 labels: frozenset[str] = frozenset()) -> Iterator[Claim]:
    """The claims of one unit, one at a time (a reader stops at :data:`MAX_CLAIMS`). A chain
    of a formula whose words open with another part's label (``\\boxed{\\text{(a) } u = ..
    \\qquad \\text{(b) } u = ..}``) is that part's claim."""
    spans = doc.math_in(unit.start, unit.end)
    covered = [(s.start, s.end) for s in spans]
    for span in spans:
        inner = span.start + doc.text[span.start:span.end].find(span.latex)
        latex = span.latex.replace("\\\\|", "\\|") if unit.kind == "cell" else span.latex
        for chain, said in _latex_chains(latex, inner):
            lead = doc.text[max(unit.start, span.start - 40):span.start]
            claim = _claims_of_chain(unit, chain, True, doc.text, said, lead)
            if claim is not None and not claim.subject and len(chain) == 1 \
                    and _NAMED_IN_WORDS.match(doc.text, span.end, unit.end):
                claim = replace(claim, excluded=claim.excluded or "described in words")
            named = _SAID_LABEL.match(said)
            if claim is not None and named and named.group(1) in labels:
                claim = replace(claim, part=named.group(1))
            if claim is not None:
                yield claim
    text = doc.text[unit.start:unit.end]
    masked = list(text)
    for a, b in covered:
        for k in range(max(a - unit.start, 0), min(b - unit.start, len(text))):
            masked[k] = " "
    bare = _LABEL_TOKEN.sub(lambda m: " " * len(m.group(0)), "".join(masked))
    bare = _BARE_LABEL.sub(lambda m: " " * len(m.group(0)), bare)
    bare = _BULLET.sub(lambda m: " " * len(m.group(0)), bare)
    bare = _ENUMERATOR.sub(lambda m: " " * len(m.group(0)), bare)
    bare = _EQUATION_NUMBER.sub(lambda m: " " * len(m.group(0)), bare)
    for a, b in plain_runs(bare):
        run = bare[a:b]
        lead = bare[max(0, a - 40):a]
        alone = run.strip() == bare.strip() or lead.rstrip().endswith(":") or (
            unit.kind == "cell" and not bare[:a].strip(" *_")) or bool(
            _SIZE_LEAD.search(lead) or _FACTOR_LEAD.search(lead.rstrip()))
        if not (_worth_reading(run) or alone):
            continue
        listed = unit.kind == "cell" and bool(_SPACED_SLASH.search(f"{unit.row} {unit.column}"))
        chains = [[(rel, at + pos, piece) for rel, pos, piece in chain]
                  for at, sub in (_spaced_parts(run) if listed else [(0, run)])
                  for chain in _split_chain(sub, _PLAIN_REL)]
        chains = [c for chain in chains for c in _assignment_list(chain)]
        for chain in chains:
            pieces = [(rel, unit.start + a + pos, piece, False) for rel, pos, piece in chain]
            claim = _claims_of_chain(unit, pieces, False, doc.text, "", lead)
            if claim is not None and not claim.subject and len(claim.pieces) == 1 and \
                    _NAMED_IN_WORDS.match(doc.text, claim.pieces[0].pos + len(
                        claim.pieces[0].text), unit.end):
                claim = replace(claim, excluded=claim.excluded or "described in words")
            if claim is not None:
                yield claim
    for words, pattern in _WORDS:
        for m in pattern.finditer(bare if covered else text):
            pos = unit.start + m.start()
            masked_text = unit.text[:m.start()] + " " * (m.end() - m.start()) + unit.text[m.end():]
            why = stance(masked_text, m.start(), m.end())
            if words == "unbounded" and _OTHER_TERM.search(unit.text[max(0, m.start() - 60):
                                                                     m.start()]):
                why = Stance("another term")
            tier = max(unit.tier, TIER_BOLD) if in_bold(unit.text, m.start()) else unit.tier
            yield Claim(unit.part, unit.role, unit.line, pos, "", "",
                             (Piece(m.group(0), _WORD_VALUES[words](), "=", pos),), tier,
                             _words_near(unit.text, m.start(), m.end()) + " " + plain(m.group(0)),
                             unit.column, unit.row, frozenset(), why.reason, unit, words=words)


_PART_SYMBOL = re.compile(r"[A-Za-z]+_\{?\(?([a-h])\)?\}?")
"""A symbol named after a part by its subscript (``d_a``, ``u_{(b)}``): that part's answer."""


def _names_another_part(claim: Claim, labels: frozenset[str]) -> bool:
    """Is the claim only a symbol named after another part of the problem ("about 2.78 times
    longer than $d_a$" in part (b)): a reference to that part's answer, not a value?"""
    if claim.subject or len(claim.pieces) != 1:
        return False
    value = claim.pieces[0].value
    m = _PART_SYMBOL.fullmatch(getattr(value, "name", "") if getattr(value, "is_Symbol", False)
                               else "")
    return bool(m) and m.group(1) in labels and m.group(1) != claim.part


def read_claims(doc: Document, lay: Layout) -> list[Claim]:
    """Every claim of the answer in document order (at most :data:`MAX_CLAIMS`)."""
    out: list[Claim] = []
    labels = frozenset(lay.opened)
    for unit in units_of(doc, lay):
        if unit.role in EXCLUDED:
            continue
        out.extend(islice((c for c in _unit_claims(unit, doc, labels)
                           if not _names_another_part(c, labels)), MAX_CLAIMS - len(out)))
        if len(out) >= MAX_CLAIMS:
            break
    return _corrected(sorted(out[:MAX_CLAIMS], key=lambda c: c.pos))


def _corrected(claims: list[Claim]) -> list[Claim]:
    """``rate = (k-1)/(k+1) = 9/10 ... no, k+1 = 11 -> 9/11``: a value taken back, then
    worked out again on the same line. The last value the line concludes without naming a
    subject is the correction: it states what the taken-back value was said to be."""
    out = list(claims)
    for k, taken in enumerate(claims):
        if taken.excluded != "retracted":
            continue
        later = [j for j in range(k + 1, len(claims)) if claims[j].line == taken.line
                 and claims[j].part == taken.part]
        if not later or claims[later[-1]].subject or claims[later[-1]].excluded:
            continue
        j = later[-1]
        words = taken.cue.partition("@")[0]
        out[j] = replace(claims[j], subject=taken.subject, subject_text=taken.subject_text,
                         cue=f"{words}@{claims[j].cue.partition('@')[2]}",
                         tier=max(claims[j].tier, taken.tier))
    return out
