"""Derived quantities read from a request: a ratio, sum, difference, norm or distance of answers
of this problem, and whether two answers are equal, as ``derived`` entries of the part's spec.

Each operand is resolved by meaning to one answer of this part or of an earlier one:

* a reference to a part: "your answer in (b)", "the limit from (c)", "the result of part 2";
* a symbol the text defines for an answer: asked in an earlier part ("Compute θ_∞"), named
  after a quantity ("the completion time T_PS"), or defined ("call the result u_2", "let v be
  the step you get when ...", "where θ_min is the minimum-norm solution", "θ_∞ := lim θ_t",
  "converges to some θ_∞");
* the minimum-norm solution written as a formula (``pinv(X) y``, ``X^+ y``, ``X†y``);
* a vector or number the text assigns to a symbol (``w_0 = (1, 0, 1, 0)``), as a literal.

The shapes read: ``‖A‖_k`` (norm-of), ``‖A − B‖_k`` (distance), ``A / B`` near "ratio" or
"factor", "the ratio of A to B", "how many times larger is A than B" (all A / B, in that
order), "the sum of A and B", "the difference between A and B", "is A equal to B?". When any
operand of a shape does not resolve, nothing is guessed: the request is refused naming the
operand (:class:`Unresolved`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from optiproof.catalogue import QUANTITIES
from optiproof.catalogue import quantities as Q
from optiproof.catalogue import norms as N
from optiproof.catalogue.norms import by_index
from optiproof.core.text.record import PartReading
from optiproof.reading.questions import Ask, Questions, Request

DERIVED_FIELD = "derived"
"""The spec field every family's part has for derived quantities (``Derivable``)."""
DERIVED_KEYS = frozenset(q.key for q in Q.DERIVED)

_SYM = (r"(?:[A-Za-zθηαβγλμσρκδεφψΔ](?:\^[*⋆†](?=_))?(?:_\{?(?:[A-Za-z0-9∞*⋆]{1,12}|\\?infty|inf)\}?|"
        r"\{?(?:[A-Za-z0-9∞*⋆]{1,6}|\\?infty|inf)\}?)?(?:\^?[*⋆†])?)")
"""A symbol an answer may be named by: ``u``, ``u_2``, ``θ_∞``, ``w_inf``, ``T_PS``, ``d^*``,
``w_AdaGrad`` (a longer subscript only after an underscore), ``U^*_F`` (the star before the
subscript)."""
_SYM_ARGMIN = rf"(?P<sym>{_SYM}) ?:?= ?(?P<noun>arg ?min)(?=[\s_{{(\[k]|$|\b)"
"""``u = argmin_d ...``: the symbol names the minimiser the part solves for."""
_MIN_NORM = re.compile(r"(?:pinv ?\( ?X ?\)|X ?\^? ?\{?[+†]\}?) ?[*·]? ?y\b")
"""The minimum-norm solution written as a formula: ``pinv(X) y``, ``X^+ y``, ``X†y``."""
_MIN_NORM_SUB = re.compile(r"^[A-Za-zθ](?:\^?\{?(?:†|\+|dagger)\}?|_\{?(?:mn|min|minnorm|min-?norm|"
                           r"ln|mnorm|dagger|†|\+)\}?)$")
"""A symbol marked as the minimum-norm solution by convention: ``θ^†``, ``w†``, ``θ_mn``,
``w_min``, ``θ_{min-norm}`` (the mark alone: which answer it is, the text's parts say)."""
_PART = r"\(?(?:part |question )?\((?P<part>[a-h]|\d{1,2}|i{1,3}|iv|vi{0,3}|ix|x)\)"
_REF = re.compile(r"^(?:(?:the |your )?(?P<what>answer|result|value|one|[^\W\d_]|[\w -]{2,40}?) )?"
                  r"(?:(?:in|from|of|to|for) )?(?:part |question )?\((?P<part>[a-h]|\d{1,2}|"
                  r"i{1,3}|iv|vi{0,3}|ix|x)\)$", re.I)
_BARE_REF = re.compile(r"^(?:the |your |my |our )?(?P<what>answer|result|value|solution|point|limit|"
                       r"vector|output|number)s? (?:to|of|in|from|for|found in|obtained in) "
                       r"(?:(?:part|question|task|exercise|item|step) (?P<named>[a-h]|\d{1,2})|"
                       r"(?P<digit>\d{1,2}))\.?$|^(?:(?:part|question|task|exercise|item) |q ?(?=\d))\(?"
                       r"(?P<own>[a-h]|\d{1,2})\)?['’]s (?P<what2>[\w -]{2,30})$|^\((?P<paren>[a-h]|\d{1,2})\)"
                       r"['’]s (?P<what3>[\w -]{2,30})$", re.I)
"""A part named without parentheses: 'the answer to 3', 'the result of part b', 'question 2's
limit', 'Q1's answer', '(b)'s answer' (a bare letter only after 'part', 'question', ...)."""


_TRAILING_LABEL = re.compile(r"^(?P<words>[A-Za-z][\w ,'’-]{2,60}?) (?P<prep>in|from|of) (?:(?:part|"
                             r"question|task|item|exercise) (?P<named>[a-h]|\d{1,2})|(?P<digit>"
                             r"\d{1,2}))\.?$", re.I)
"""'entries sent by the server in 3.', 'the limit from part b': an answer in words, of a part
named without parentheses (a bare letter only after 'part', 'question', ...)."""


def _bare_ref(t: str, labels: Any = ()) -> str:
    """``t`` with a part named without parentheses written as a reference ('the answer to 3'
    -> 'the answer (3)'; with the problem's ``labels``, 'the time in 2.' -> 'the time in (2)'),
    else unchanged."""
    m = _BARE_REF.match(t.strip())
    if m is None:
        tail = _TRAILING_LABEL.match(t.strip())
        label = tail and (tail.group("named") or tail.group("digit")).lower()
        if tail and label in labels:
            return f"{tail.group('words')} {tail.group('prep')} ({label})"
        return t
    label = m.group("named") or m.group("digit") or m.group("own") or m.group("paren")
    what = m.group("what") or m.group("what2") or m.group("what3")
    return f"the {what.strip()} in ({label.lower()})"


_NAMED_LABEL = re.compile(r"(?:(?:(?<=\b(?:in|of|to|by) )|(?<=\b(?:for|and) )|(?<=\bfrom )|(?<=\bthan ))"
                          r"[Qq] ?(?P<q>\d{1,2})|(?<![\w(])(?:part|question|problem|task|exercise|"
                          r"item) (?P<named>\d{1,2}|[a-h]))(?![\w)])", re.I)
"""A part named by its label without parentheses: 'in Q3', 'from q1' (after a preposition: 'q1'
alone may be a symbol), 'question 2', 'part b'."""


def _labels_as_refs(t: str, labels: Any) -> str:
    """``t`` with each part it names as 'Q3', 'from q1', 'in question 2' written '(3)', when the
    text has that part ('the one in Q3' -> 'the one in (3)')."""
    def one(m: re.Match) -> str:
        label = (m.group("q") or m.group("named")).lower()
        return f"({label})" if label in labels else m.group(0)
    return _NAMED_LABEL.sub(one, t)


_DECREASE = re.compile(r"^(?:the |your )?(?:(?:first[- ]order|predicted|linear(?:i[sz]ed)?) )?"
                       r"(?:decrease|reduction|drop)(?: (?:obtained|achieved|attained|predicted|"
                       r"guaranteed))?(?: (?:of|in) the (?:linear(?:i[sz]ed)? |local |"
                       r"first[- ]order )?(?:model|objective|loss))?$", re.I)
"""A decrease of the linear model named in words ('the first-order decrease', 'decrease')."""


_DEFINITIONS = (
    re.compile(rf"\bcall (?:it|this|that|the (?P<noun>[\w -]{{1,30}}?)) (?P<sym>{_SYM})"
               r"(?=[ ,.;:?)]|$)", re.I),
    re.compile(rf"\bcall (?P<sym>{_SYM}) (?:the |a |an )?(?P<noun>[\w -]{{1,30}}?)"
               r"(?= (?:of|from|in)\b|[,.;:?)]|$)", re.I),
    re.compile(rf"(?<![\w^_])(?P<sym>{_SYM}) (?:denotes|stands for|is defined as) (?:the |a |your |our |my )?"
               r"(?P<noun>[\w -]{1,40}?)(?: (?:from|in|of|to|for) " + _PART + r")?(?=[,.;:?)]|$)",
               re.I),
    re.compile(rf"\b(?:let|define) (?P<sym>{_SYM}) (?:be|denote|:=|=) (?:the |a |an )?"
               r"(?P<noun>[\w -]{1,40}?)(?= (?:from|in|of|you|we|that|which|when|obtained|"
               r"given)\b|[,.;:?)]|$)", re.I),
    re.compile(rf"\bwhere (?P<sym>{_SYM})(?: ?:?= ?[^,;]{{1,25}}?)? (?:is|denotes) (?:the |a |your |our |my )?"
               r"(?P<noun>[\w -]{1,40}?)(?: (?:from|in|of|to|for) " + _PART + r")?(?=[,.;:?)]|$)",
               re.I),
    re.compile(rf"(?P<sym>{_SYM}) ?:?= ?(?P<noun>lim)(?![a-z])"),
    re.compile(rf"(?<![\w^_]){_SYM_ARGMIN}"),
    re.compile(rf"(?<![\w^_])(?P<sym>{_SYM}) ?:?= ?(?P<noun>(?:pinv ?\( ?X ?\)|X ?\^? ?\{{?[+†]"
               r"\}?) ?[*·]? ?y)\b"),
    re.compile(rf"\bconverges? to (?:some |a |the )?(?:point |limit )?(?P<sym>{_SYM})"
               r"(?=[ ,.;:?)]|$)(?P<noun>)", re.I),
)
"""Definitions of a symbol for an answer (``noun`` names the quantity; empty: the limit)."""


@dataclass
class Operand:
    """One operand resolved: a reference ``{part, quantity}`` (``part`` None for this part) or
    a literal value; ``text`` is how the request wrote it."""

    text: str
    part: str | None = None
    quantity: str | None = None
    literal: Any = None
    subject: str | None = None
    """The norm, optimizer or scheme the answer is of (``T_ring``: the ring's time)."""
    by_symbol: bool = False
    """Named by a symbol (which may stand for a formula in the settings), not by its part."""


@dataclass
class Found:
    """The derived entries of one request, the quantities this part must answer for them, and
    the spans of the request they cover (asks inside them are operands, not asks)."""

    entries: list[dict] = field(default_factory=list)
    own: list[tuple[str, str]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    kinds: list[tuple[str, str, int, int]] = field(default_factory=list)


class Unresolved(Exception):
    """An operand of a derived quantity the text does not tie to one answer."""


@dataclass
class Problem:
    """What the resolution needs of the problem: this part's label, each part's own text (in
    order), the shared text, the earlier parts as read, and this part's family answers."""

    label: str
    texts: dict[str, str]
    context: str
    previous: list[Any]
    answers: tuple[str, ...]
    named: dict[str, str] = field(default_factory=dict)
    """Symbols this part's own requests ask (symbol -> quantity)."""
    reference: str | None = None
    """The part this one repeats with a change (a label or ``previous``), if any."""
    computed: list = field(default_factory=list)
    """The value-at entries this part's requests read so far (what 'which of the two' in a
    later request of the part compares)."""
    current: Any = None
    """This part as its family read it."""
    table: Any = None
    """The symbols' table, made once per part (:func:`symbols`)."""
    equal: Any = None
    """The family's equal answers (``(reading, quantity) -> quantity | None``): the answer an
    earlier part of this family gives that equals ``quantity`` in its problem (the first-order
    change gᵀu* is the minimum value where the objective is the linear term alone)."""
    in_ratio: bool = False
    """Operands of a ratio are read (a decrease and a change of the same term divide alike)."""
    proportional: Any = None
    """The family's proportional answers (``(reading, quantity) -> (quantity, factor) | None``):
    the answer an earlier part gives that is a fixed multiple of ``quantity`` in its problem
    (with a squared-norm penalty, gᵀu* is twice the minimum value, whatever the norm)."""
    scales: list = field(default_factory=list)
    """(operand text, factor) of each ratio operand read through :attr:`proportional`."""
    own_alike: bool = False
    """A ratio's operand of this part's own is read through :attr:`proportional` too (the
    second reading, when the earlier part's operand was read so and this one's was not)."""
    refine: Any = None
    """The family's reading of one of this part's quantities in its phrase (``(quantity,
    phrase) -> quantity``: 'how many bytes does the server receive' is the server's; None when
    its words name another quantity), if any."""


def _own_quantity(pb: Problem, quantity: str, phrase: str) -> str:
    """``quantity`` named by ``phrase`` in this part, as the part's family answers it; raises
    Unresolved when the family reads the phrase as another quantity or several."""
    refined = pb.refine(quantity, phrase) if pb.refine is not None else quantity
    if refined is None:
        raise Unresolved(f"could not tell which answer '{phrase}' is: its words name another "
                         f"quantity than the {QUANTITIES[quantity].name}, or several")
    return refined


def key(symbol: str) -> str:
    """A symbol's spelling made comparable: ``θ_{\\infty}``, ``θ_∞``, ``θ∞``, ``theta_inf``
    -> ``θ∞``; ``d^*``, ``d^⋆`` -> ``d*``; ``U^*_F``, ``U_F^*`` -> ``UF*``."""
    s = re.sub(r"[\s_{}\\^]", "", symbol)
    s = s.replace("theta", "θ").replace("infty", "∞").replace("inf", "∞").replace("⋆", "*")
    s = s.replace("?", "*")   # a star lost in a PDF copy (d?RMS)
    return re.sub(r"^(.)([*†])(.+)$", r"\1\3\2", s)   # U^*_F = U_F^*


# --------------------------------------------------------------------------- symbols

def _quantity(noun: str, answers: tuple[str, ...]) -> str | None:
    """The quantity a noun phrase names ("the minimum-norm solution", "step"), among
    ``answers`` when given."""
    spans = [w.span() for w in re.finditer(r"\S+", noun)]
    words = noun.lower().split()
    mentions = [m for m in QUANTITIES.mentions(noun) if not answers or m.entry.key in answers]
    found = [m.entry.key for m in mentions]
    for n in range(min(4, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            entry = QUANTITIES.get(" ".join(words[i:i + n]))
            if entry is not None and (not answers or entry.key in answers):
                inside = len(set(found)) == 1 and found[0] != entry.key and any(
                    m.start <= spans[i][0] and spans[i + n - 1][1] <= m.end for m in mentions)
                if inside or (n == 1 and len(set(found)) == 1 and found[0] != entry.key):
                    # "the per-worker sent volume": the phrase, not 'volume'; "the maximum
                    # number of bytes sent by any node": the phrase, not its 'bytes sent'
                    return found[0]
                return entry.key
    return found[0] if len(set(found)) == 1 else None


def _reading(pb: Problem, label: str) -> Any:
    return next((p for p in pb.previous if p.label == label), None)


def _asked(pb: Problem, label: str) -> list[str]:
    """The quantities an earlier part asks (each answered-by mapped to the one answering)."""
    r = _reading(pb, label)
    if r is None:
        return []
    return [q for q in r.asked if q not in {k.key for k in Q.DERIVED}]


def _answers_of(pb: Problem, label: str) -> tuple[str, ...]:
    return pb.answers if label == pb.label else tuple(_asked(pb, label))


def _occurs(symbol: str, text: str) -> bool:
    """True when the symbol is written in ``text`` as a symbol (``u`` not inside ``u_2``)."""
    k = key(symbol)
    return any(key(m.group(0)) == k for m in re.finditer(rf"(?<![\w]){_SYM}(?![\w])", text))


_LIM_OF = re.compile(r"\blim_?\{? ?(?P<i>[a-z]) ?(?:→|->|\\to) ?(?:∞|inf|infty|\\infty)\}? ?"
                     r"(?P<base>[A-Za-zθ])_\{?(?P=i)\}?(?![\w^])")
"""A limit written as the limit of the iterates ("lim_{k→∞} w_k"): it names the limit the
symbol with the index ∞ denotes (``w_∞``, ``w_inf``)."""


def symbols(pb: Problem) -> dict[str, list[tuple[str, str, bool]]]:
    """Symbol key -> the answers it names, as (part, quantity, defined): defined by a
    definition sentence, or asked by a request of a part whose own text writes it."""
    out: dict[str, list[tuple[str, str, bool]]] = {}
    for label, text in pb.texts.items():
        for rx in _DEFINITIONS:
            for m in rx.finditer(text):
                noun = m.group("noun") or "result"
                part = m.groupdict().get("part") or label
                part = part.lower()
                if part not in pb.texts:
                    continue
                answers = _answers_of(pb, part)
                if re.fullmatch(r"arg ?min", noun):
                    noun = "minimiser"
                if _MIN_NORM.fullmatch(noun):   # "w^† = X^+ y"
                    noun = "minimum-norm solution"
                if noun == "lim" or noun == "":
                    quantity = Q.LIMIT.key if Q.LIMIT.key in answers else None
                elif noun.strip().lower() in ("result", "answer", "value", "output"):
                    quantity = answers[0] if len(set(answers)) == 1 and part != pb.label \
                        else None
                else:
                    quantity = _quantity(noun, answers)
                if quantity is not None:
                    out.setdefault(key(m.group("sym")), []).append((part, quantity, True))
            for m in _LIM_OF.finditer(text):   # "lim_{k→∞} w_k" writes the limit w_∞
                if Q.LIMIT.key in _answers_of(pb, label):
                    out.setdefault(key(m.group("base") + "∞"), []).append(
                        (label, Q.LIMIT.key, True))
        if label == pb.label:
            break
    for r in pb.previous:
        own = pb.texts.get(r.label.split("-")[0], "")
        for sym, quantity in getattr(r, "named", {}).items():
            if _occurs(sym, own):
                out.setdefault(key(sym), []).append((r.label, quantity, False))
    for sym, quantity in pb.named.items():
        out.setdefault(key(sym), []).append((pb.label, quantity, False))
    return out


# --------------------------------------------------------------------------- operands

def _literal(symbol: str, pb: Problem) -> Any:
    """The number or vector the text assigns to ``symbol`` (``w_0 = [1; 0; 1; 0]``), or None."""
    from optiproof.core.mathtokens import GREEK
    from optiproof.core.text.mathobjects import extract, spec_array, spec_number

    s = re.sub(r"[{}\s]", "", symbol)
    greek = dict(zip("αβγδεζηθικλμνξοπρστυφχψω", GREEK))
    name = "".join(greek.get(c, c) for c in s).replace("^", "")
    found = []
    for text in [pb.context, *pb.texts.values()]:
        a = extract(text).assigned(name, numeric=True)
        if a is not None:
            try:
                found.append(spec_array(a.value) if hasattr(a.value, "shape")
                             else spec_number(a.value))
            except ValueError:
                return None
    return found[0] if found and all(f == found[0] for f in found) else None


_BOTH_FORMS = re.compile(r"\b(?:as a function of|in terms of|symbolic(?:ally)?|in general|general "
                         r"(?:formula|expression))\b", re.I)
"""A request for the formula as well as its value ('as a function of K, and evaluate it for
K = 64')."""


def _single_subject(pb: Problem, label: str) -> str | None:
    """The one scheme or optimizer an earlier part's reading solves for, or None."""
    return _one_subject(next((p for p in pb.previous if p.label == label), None))


def _one_subject(r: Any) -> str | None:
    """The one scheme or optimizer a part's reading solves for, or None."""
    from optiproof.catalogue import KINDS

    if r is None:
        return None
    found = {v for f in r.fields.values() if f.name != DERIVED_FIELD for v in _values(f.value)
             if KINDS["scheme"].get(v) is not None or KINDS["optimizer"].get(v) is not None}
    keys = {(KINDS["scheme"].get(v) or KINDS["optimizer"].get(v)).key for v in found}
    return keys.pop() if len(keys) == 1 else None


def _own_settings(pb: Problem, other: str) -> list[str]:
    """The numeric settings this part's own text states (``α = 0``) that part ``other`` (nor
    the shared text) does not state alike."""
    from optiproof.core.text.mathobjects import extract

    def settings(text: str) -> dict[str, str]:
        return {a.name: str(a.value) for a in extract(_beside_the_point(text)).assignments
                if a.numeric}

    mine = settings(pb.texts.get(pb.label, ""))
    theirs = {**settings(pb.context), **settings(pb.texts.get(other, ""))}
    return [f"{k} = {v}" for k, v in mine.items() if theirs.get(k) != v]


def _beside_the_point(text: str) -> str:
    """``text`` without the parentheses and sentences it calls beside the point ("(Learning
    rate schedule and width d=4096 of the real model are irrelevant here.)"): their values set
    nothing."""
    from optiproof.reading.coverage import _IRRELEVANT

    return re.sub(r"\([^()]{0,200}\)|[^.?!()\n]+[.?!]?",
                  lambda m: " " if _IRRELEVANT.search(m.group(0)) else m.group(0), text)


_SUBSCRIPTED = re.compile(r"^(?P<base>[A-Za-zθΔ](?:\^?[*⋆?])?)_?\{?(?P<sub>[A-Za-z]{2,12}|∞)\}?$")
"""A symbol whose subscript names a norm, optimizer or scheme: ``T_ring``, ``d_RMS``,
``d^*_∞``, ``T_PS`` (not a digit: ``u_2`` may be the second u)."""


def _subject(symbol: str) -> str | None:
    """The catalogue key of the norm, optimizer or scheme a symbol's subscript names."""
    from optiproof.catalogue import KINDS

    m = _SUBSCRIPTED.match(symbol.replace(" ", ""))
    if m is None:
        return None
    sub = m.group("sub")
    for kind in ("scheme", "optimizer", "norm"):
        entry = KINDS[kind].get(sub)
        if entry is not None:
            return entry.key
    entry = by_index(sub)
    return entry.key if entry else None


def _kind_of(subject: str | None) -> str | None:
    from optiproof.catalogue import KINDS

    return next((k for k in ("scheme", "optimizer", "norm") if subject and
                 KINDS[k].get(subject) is not None), None)


def _values(value: Any) -> set[str]:
    """Every string inside a field's value (lists and mappings opened)."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(map(_values, value.values()))) if value else set()
    if isinstance(value, (list, tuple)):
        return set().union(*map(_values, value)) if value else set()
    return set()


def _subjects_in(r: Any) -> set[str]:
    """Every string in a reading's fields (not its derived ones), and the catalogue key of
    each that names a scheme, optimizer or norm ('torch-adagrad' -> adagrad)."""
    from optiproof.catalogue import KINDS

    found = set().union(*(_values(f.value) for f in r.fields.values()
                          if f.name != DERIVED_FIELD))
    return found | {e.key for v in found for k in ("scheme", "optimizer", "norm")
                    if (e := KINDS[k].get(v)) is not None}


def _by_subject(text: str, t: str, subject: str, pb: Problem, table: dict,
                parts: list[str]) -> Operand:
    """``d_RMS``, ``T_ring``: the answer its base symbol (``d``, ``T``) names, of the one part
    whose reading has that norm, optimizer or scheme."""
    base = _SUBSCRIPTED.match(t.replace(" ", "")).group("base")
    readings = [*pb.previous, *([pb.current] if pb.current is not None else [])]
    cands = []
    for p, q, _ in table.get(key(base), []):
        r = next((x for x in readings if x.label == p), None)
        if r is not None and subject in _subjects_in(r):
            cands.append((p, q))
    meant = _quantity(t, pb.answers) if not cands else None
    if meant is not None:   # "T_tree" the catalogue names (the time), of the part about it
        cands = [(r.label, meant) for r in pb.previous
                 if subject in _subjects_in(r) and meant in _asked(pb, r.label)]
    if not cands:   # "w_GD" where w is the problem's variable: the one vector answer of
        #            the one earlier part whose method or scheme is that subject
        for r in pb.previous:
            if subject in _subjects_in(r):
                cands += [(r.label, q) for q in _asked(pb, r.label)
                          if QUANTITIES[q].value_kind in ("vector", "matrix")]
    cands = list(dict.fromkeys(cands))
    if len(cands) > 1 and parts:
        cands = [c for c in cands if c[0] in parts] or cands
    if len(cands) != 1:
        raise Unresolved(f"'{text}': {len(cands) or 'no'} part(s) answer '{base}' for "
                         f"{subject}" + (" (expected one)" if cands else ""))
    many = _kind_of(subject) in ("scheme", "optimizer")
    return Operand(text, *cands[0], subject=subject if many else None, by_symbol=True)


_CITED = re.compile(r" ?\((?:from|in|see|cf\.?|of) (?:part |question )?\(?([a-h]|\d{1,2}|i{1,3}|iv|"
                    r"vi{0,3}|ix|x)\)?\)$", re.I)
"""An operand that cites the part it comes from in parentheses: "... (from (b))", "(see 2)"."""


_OPERAND_ASIDE = re.compile(r" ?\((?![a-h]\)|\d{1,2}\)|[ivx]{1,4}\))[^()]{3,60}\)")
"""A parenthesis inside an operand that is no part label: "(minus the optimal value)"."""
_HERE = re.compile(r" (?:(?:obtained|found|computed|achieved|attained|you get) )?(?:here|in this "
                   r"part|in this case|now)$", re.I)
"""An operand of this part named by 'here' ("the decrease obtained here")."""
_NEGATED_OPERAND = re.compile(r"^[-−] ?(?:\((?P<wrapped>.+)\)|(?P<bare>[^(].*))$")
"""An operand written with a minus sign: "−value in (a)", "−(the value in (a))"."""


def operand(text: str, pb: Problem, table: dict, parts: list[str]) -> Operand:
    """The answer (or literal) one operand names; ``parts``: the parts the request names in
    order, to tell apart a symbol several parts ask. Raises Unresolved."""
    t = _bare_ref(text.strip())
    aside = _OPERAND_ASIDE.search(t)
    if aside and _REF.match(t[:aside.start()] + t[aside.end():]):   # "the decrease (minus the
        t = t[:aside.start()] + t[aside.end():]                     # optimal value) in (b)"
    here = _HERE.search(t)
    if here and pb.label in pb.texts:   # "the decrease obtained here": this part's own answer
        t = f"{t[:here.start()]} in ({pb.label})"
    negated = _NEGATED_OPERAND.match(t[1:-1].strip() if t[:1] == "(" and t[-1:] == ")" else t)
    negated = negated and (negated.group("wrapped") or negated.group("bare"))
    if negated and pb.in_ratio and _REF.match(negated):   # "−value in (a)" / "−(...)"
        t = negated
        pb.scales.append((text.strip(), -1))
    cited = _CITED.search(t)
    if cited:   # "the server's traffic (from (b))": the traffic answered in part (b)
        t = re.sub(r"['’]s\b", "", t[:cited.start()]).strip() + f" from ({cited.group(1)})"
    m = _REF.match(t)
    if m is None and re.fullmatch(_GROUP, t):
        t = _bare_ref(t[1:-1].strip(), pb.texts)
        m = _REF.match(t)
    if m is None and t != _bare_ref(t, pb.texts):
        t = _bare_ref(t, pb.texts)
        m = _REF.match(t)
    tail = _TRAILING_LABEL.match(t.strip("() ")) if m is None else None
    if tail and (tail.group("named") or tail.group("digit")).lower() not in pb.texts:
        raise Unresolved(f"'{text}' names part {tail.group('named') or tail.group('digit')}, "
                         "which the text does not have")
    if m:
        label = m.group("part").lower()
        if label not in pb.texts or list(pb.texts).index(label) > list(pb.texts).index(
                pb.label):
            raise Unresolved(f"'{text}' names part ({label}), which is not this part or an "
                             "earlier one")
        answers = _answers_of(pb, label)
        what = (m.group("what") or "").strip().lower()
        if what == "value" and len(set(answers)) > 1:   # "the value in (a)": its one number
            scalars = [q for q in dict.fromkeys(answers) if QUANTITIES.get(q) is not None
                       and QUANTITIES[q].value_kind == "scalar"]
            answers = tuple(scalars) if len(scalars) == 1 else answers
        if what in ("", "answer", "result", "value", "one"):
            if len(set(answers)) != 1:
                raise Unresolved(f"'{text}': part ({label}) answers {len(set(answers))} "
                                 "quantities; say which")
            return Operand(text, label, answers[0])
        quantity = _quantity(what, answers)
        named = _quantity(what, ()) if quantity is None else None
        if quantity is None and named is None and pb.in_ratio and _DECREASE.search(what):
            named = Q.LINEAR_CHANGE.key   # "the first-order decrease in Q2": −gᵀu*, and a ratio
            #                               of two decreases is that of the two changes
        if quantity is None and named is not None and label == pb.label and pb.own_alike and \
                pb.proportional and pb.current is not None:
            got = pb.proportional(pb.current, named)   # this part's own decrease, read as the
            if got is not None and got[0] in answers:  # earlier part's is (a second reading)
                quantity = got[0]
                pb.scales.append((text.strip(), got[1]))
        if quantity is None and named is not None and label == pb.label and named in answers:
            quantity = named   # this part's own decrease: the part answers it
        if quantity is None and named is not None and pb.in_ratio and pb.equal is not None:
            same = pb.equal(_reading(pb, label), named)
            quantity = same if same in answers else None
        if quantity is None and named is not None and pb.in_ratio and pb.proportional:
            got = pb.proportional(_reading(pb, label), named)
            if got is not None and got[0] in answers:   # checked against the other operand
                quantity = got[0]
                pb.scales.append((text.strip(), got[1]))
        by = getattr(_reading(pb, label), "answered_by", {}) or {}
        if named is not None and by.get(named) in answers:
            quantity = by[named]   # 'the entries the server sends in 3': its server-values-sent
        if quantity is None and _quantity(what, ()) is None and len(set(answers)) == 1:
            quantity = answers[0]   # "the traffic at the server in (b)": (b)'s one answer
        if quantity is None and re.fullmatch(r"[^\W\d_](?:\*|⋆|\^\*)?", what):
            own = {q for q in answers if QUANTITIES.get(q) is not None
                   and QUANTITIES[q].latex == what.rstrip("*⋆^")}
            quantity = own.pop() if len(own) == 1 else None   # "u from (a)": (a)'s step u
        if quantity is None:
            raise Unresolved(f"'{text}': part ({label}) answers no '{what}'")
        return Operand(text, label, quantity)
    if _MIN_NORM.fullmatch(t):
        if Q.MIN_NORM_SOLUTION.key not in pb.answers:
            raise Unresolved(f"'{text}' is the minimum-norm solution, which this part does "
                             "not answer")
        return Operand(text, pb.label, Q.MIN_NORM_SOLUTION.key)
    indexed = _PART_INDEX.fullmatch(t)
    if indexed is not None:
        return _of_indexed_part(text, indexed, pb, table)
    if re.fullmatch(_SYM, t):
        subject = _subject(t)
        found = table.get(key(t), [])
        if not found and subject is not None:
            return _by_subject(text, t, subject, pb, table, parts)
        defined = list(dict.fromkeys((p, q) for p, q, d in found if d))
        asked = list(dict.fromkeys((p, q) for p, q, d in found))
        pick = defined if len(defined) == 1 else asked
        if len(pick) > 1 and parts:
            pick = [x for x in pick if x[0] in parts] or pick
        if len(pick) == 1:
            kind = _kind_of(subject)
            return Operand(text, *pick[0], subject=subject if kind in ("scheme", "optimizer")
                           else None, by_symbol=True)
        literal = _literal(t, pb) if not found else None
        if literal is not None:
            return Operand(text, literal=literal)
        if not found and _MIN_NORM_SUB.match(t.replace(" ", "")):
            # 'θ^†', 'w_mn': the minimum-norm solution, of the one part that answers it
            key_ = Q.MIN_NORM_SOLUTION.key
            owners = [label for label in pb.texts if key_ in _answers_of(pb, label)]
            owners = owners[:owners.index(pb.label) + 1] if pb.label in owners else owners
            if parts and len(owners) > 1:
                owners = [o for o in owners if o in parts] or owners
            if len(owners) == 1:
                return Operand(text, owners[0], key_, by_symbol=True)
        if len(pick) > 1:
            raise Unresolved(f"'{text}' names answers of several parts: "
                             + ", ".join(f"({p}) {q}" for p, q in pick))
        raise Unresolved(f"'{text}' is not defined in the text as an answer (expected e.g. "
                         "'call the result u_2', 'where θ_min is the minimum-norm solution', "
                         "or a symbol an earlier part asks)")
    by_norm = _BY_NORM.fullmatch(t)
    label = _part_of_norm(by_norm.group("norm"), pb) if by_norm else None
    if label is not None:   # "(decrease for the ℓ2 ball)": that quantity of the part in ℓ2
        return operand(f"{by_norm.group('what')} in ({label})", pb, table, parts)
    quantity = _quantity(t, pb.answers) if len(t.split()) > 1 else None
    if quantity is not None:   # "the sent + received traffic at one ring worker": this part's
        subject = _named_subject(t, pb)
        return Operand(text, pb.label, _own_quantity(pb, quantity, t), subject=subject)
    raise Unresolved(f"could not tell which answer '{text}' is (expected a symbol the text "
                     "defines, or 'your answer in (b)')")


_BY_NORM = re.compile(r"(?:the )?(?P<what>[\w -]{2,40}?) (?:for|with|under|in|using|of) (?:the )?"
                      r"(?P<norm>[^()]{2,30}?)(?: (?:ball|norm|constraint|penalty|case|geometry|"
                      r"version|step))?", re.I)
"""An operand that names its part by the norm that part takes: "decrease for the ℓ2 ball"."""


def _part_of_norm(words: str, pb: Problem) -> str | None:
    """The one part up to this one whose step is in the norm ``words`` name, or None."""
    from optiproof.catalogue import KINDS

    named = {m.entry.key for m in KINDS["norm"].mentions(words)}
    if len(named) != 1:
        return None
    norm = named.pop()
    labels = list(pb.texts)[:list(pb.texts).index(pb.label) + 1] if pb.label in pb.texts \
        else list(pb.texts)
    owners = []
    for label in labels:
        r = _reading(pb, label)
        value = r.value("norm") if r is not None and hasattr(r, "value") else None
        value = value.get("name") if isinstance(value, dict) else value
        if value == norm:
            owners.append(label)
    return owners[0] if len(owners) == 1 else None


_PART_INDEX = re.compile(rf"(?P<base>{_SYM})_?\{{?\((?P<label>[a-h]|\d{{1,2}}|i{{1,3}}|iv|vi{{0,3}}|"
                         r"ix|x)\)\}?")
"""A symbol indexed by a part's label, ``d_(b)``, ``Δ^*_{(a)}``: that part's answer the symbol
names."""


def _of_indexed_part(text: str, m: re.Match, pb: Problem, table: dict) -> Operand:
    """The answer of part ``label`` that ``base`` names: the quantity the symbol names in that
    part, else the one quantity it names in the text's other parts when that part answers it."""
    label, base = m.group("label").lower(), m.group("base")
    if label not in pb.texts or list(pb.texts).index(label) > list(pb.texts).index(pb.label):
        raise Unresolved(f"'{text}' names part ({label}), which is not this part or an earlier "
                         "one")
    found = table.get(key(base), [])
    here = {q for p, q, _d in found if p == label}
    if not here:
        answers = _answers_of(pb, label)
        here = {q for _p, q, _d in found if q in answers}
    if len(here) != 1:
        raise Unresolved(f"'{text}': the symbol '{base}' names {len(here) or 'no'} answer"
                         f"{'s' if len(here) != 1 else ''} of part ({label}) (expected a symbol "
                         "that part asks, e.g. 'Give d')")
    return Operand(text, label, here.pop(), by_symbol=True)


def _named_subject(words: str, pb: Problem) -> str | None:
    """The one optimizer or scheme a phrase names (by name, or by an abbreviation the text
    defines: "all-to-all exchange (A2A)"), or None."""
    from optiproof.catalogue import KINDS

    found = {m.entry.key for kind in ("scheme", "optimizer") for m in KINDS[kind].mentions(words)}
    found |= {k for abbr, k in _abbreviations(pb).items()
              if re.search(rf"(?<![\w]){re.escape(abbr)}(?![\w])", words)}
    return found.pop() if len(found) == 1 else None


def _abbreviations(pb: Problem) -> dict[str, str]:
    """Abbreviations the text defines for an optimizer or scheme: "parameter server (PS)"."""
    from optiproof.catalogue import KINDS

    out = {}
    for text in [pb.context, *pb.texts.values()]:
        for kind in ("scheme", "optimizer"):
            for m in KINDS[kind].mentions(text):
                abbr = re.match(r"(?: [a-z-]{2,15}){0,2} ?\(([A-Z][A-Za-z0-9]{1,5})\)",
                                text[m.end:])
                if abbr:
                    out[abbr.group(1)] = m.entry.key
    return out


# --------------------------------------------------------------------------- shapes

_INDEX = r"(?:[A-Za-z0-9]{1,3} ?(?:→|->) ?[A-Za-z0-9]{1,3}|[A-Za-z0-9∞]{1,4})"
"""A norm's subscript: ``2``, ``∞``, ``F``, or an operator norm's ``2→2``."""
_NORM = re.compile(r"‖ ?(?P<inner>[^‖]{1,40}?) ?‖(?:_ ?\{?(?P<index>" + _INDEX + r")\}?)?"
                   r"(?P<square>\^ ?2)?")
_NORM_CITED = re.compile(_NORM.pattern + r" (?:(?:of|for) the (?:step|update|minimi[sz]er|solution) )?"
                         r"(?P<ref>(?:from|in|of|for) (?:part |question )?"
                         r"\(?(?:[a-h]|\d{1,2}|i{1,3}|iv|vi{0,3}|ix|x)\)?)")
"""A norm of an answer followed by the part it comes from: "‖u‖_2 from (a)", "‖u‖_2 of the step
from (i)"."""
_RATIO_WORD = re.compile(r"\bratio\b|\bby what factor\b|\bhow many times\b|\bquotient\b|"
                         r"\bdivided by\b|\bhow (?:long|large|big)\b(?=[^.?]{0,80}\bcompared (?:with|to)\b)",
                         re.I)
_GROUP = r"\((?:[^()]|\([^()]{1,12}\)){1,80}\)"
"""A parenthesised operand, which may name a part: ``(traffic at the server in (b))``."""
_SLASH = re.compile(r"(?P<x>‖[^‖]{1,40}‖(?:_ ?\{?" + _INDEX + r"\}?)?|" + _GROUP + "|"
                    rf"{_SYM}) ?/ ?(?P<y>‖[^‖]{{1,40}}‖(?:_ ?\{{?{_INDEX}\}}?)?|"
                    + _GROUP + rf"|{_SYM})(?![\w(])")
_OPERAND_WORDS = r"(?:your |the )?[^,;?.]{1,90}?"
_RATIO_OF = re.compile(rf"\bratio (?:of |between )?(?P<x>[^,;?.(]{{0,50}}\((?:[a-h]|\d{{1,2}}|[ivx]{{1,4}})\)|"
                       rf"{_OPERAND_WORDS}) (?:to|over|and) "
                       rf"(?P<y>{_OPERAND_WORDS})(?=[,;?.]|$| (?:as|in|for|when)\b(?! (?:(?:part|"
                       r"question|task|item|exercise|problem) )?\(| (?:part|question|task|item|"
                       r"exercise|problem) \w| [Qq] ?\d))", re.I)
_SUBJECT_AFTER = re.compile(r" (?:in|for|under|with|using|of) (?:the |a )?[^,;?.()]{2,40}?(?=[,;?.]|$)",
                            re.I)
"""Words after an operand that may name its scheme or optimizer ("... in the ring scheme")."""
_TIMES = re.compile(rf"\b(?:how many times|by what factor is) (?P<dir>larger|bigger|greater|more|"
                    rf"longer|smaller|less|shorter) (?:\([^()]{{1,60}}\) )?(?:is |are )?"
                    rf"(?P<x>{_OPERAND_WORDS}) than (?P<y>{_OPERAND_WORDS})(?=[,;?.]|$)", re.I)
_COMPARED = re.compile(rf"\bhow (?P<dir>long|large|big) (?:\([^()]{{1,60}}\) )?(?:is|are) "
                       rf"(?P<x>{_OPERAND_WORDS}),? compared (?:with|to) (?P<y>{_OPERAND_WORDS})"
                       r"(?=[,;?.]|$)", re.I)
"""'How long (in the Euclidean norm) is the step from (b) compared with the step from (a)?': the
first operand's size over the second's."""
_MEASURE = re.compile(r"\b(?:in|measured in|with respect to|w\.r\.t\.) (?:the |an? )?(?P<w>[\w∞ℓ-]{1,12})"
                      r"(?:[- ]norm| sense| length)\b|‖ ?[.·] ?‖_ ?\{?(?P<i>[A-Za-z0-9∞]{1,4})\}?",
                      re.I)
"""The norm a comparison of sizes measures in ("(in the Euclidean sense, ‖·‖_2)", "longer in the
ℓ∞ norm"): each operand that is a vector or matrix is compared by its norm."""


_NOUN_OF_PART = re.compile(r"(?P<noun>.{2,90}?) (?:of|in|from|for) (?:part |question )?\((?:[a-h]|\d{1,2}|"
                           r"[ivx]{1,4})\)", re.I)


def _same_noun(that: str, other: str) -> str:
    """'in (a)' (or 'that of (a)') beside 'the predicted decrease in (b)': the other operand's
    words, of part (a) — so both operands are read alike; ``that`` unchanged otherwise."""
    m = _THAT_OF.fullmatch(that.strip())
    full = _NOUN_OF_PART.fullmatch(other.strip())
    if m is None or full is None or _THAT_OF.fullmatch(other.strip()):
        return that
    noun = _FORMULA_AFTER.sub("", full.group("noun"))   # its words, not the formula after them
    return f"{noun} {m.group('prep')} ({m.group('part')})"


_FORMULA_AFTER = re.compile(r"(?: [-−]?(?:⟨[^⟨⟩]{1,30}⟩|\S*[\^ᵀ*⋆‖⟨⟩]\S*))+$")
"""A formula after an operand's words ('the predicted decrease −⟨G, U*⟩', '… −gᵀu*')."""


class _Unalike(Exception):
    """The two operands of a ratio are not the same multiple of the answers they are read
    through (refused, unless a second reading makes them alike)."""


class _FamilysOwn(Exception):
    """A comparison of sizes with this part's own answer as an operand: the family's own
    length ratio ("how many times longer is this step than the one in (a)?"), not a derived
    one."""


def _measures(pattern: re.Pattern, texts: tuple[str, ...], words_must_name: bool) -> set[str]:
    """The norms ``pattern`` finds named in ``texts``: by a word (group ``w``: 'Euclidean',
    'ℓ∞') or a subscript (group ``i``: '‖·‖_2'). A subscript it cannot place raises Unresolved;
    so does a word, when ``words_must_name`` (else a word naming no norm, 'the step lengths',
    is no measure)."""
    found = set()
    for text in texts:
        for m in pattern.finditer(text):
            if m.group("w"):
                word = m.group("w").strip("-")
                entry = N.NORMS.get(word) or by_index(re.sub(r"^(?:ℓ|l)[-_]?", "", word))
                if entry is None and not words_must_name:
                    continue
            else:
                entry = by_index(m.group("i"))
            if entry is None:
                raise Unresolved(f"'{m.group(0)}': a norm the reading does not know")
            found.add(entry.key)
    return found


def measure_of(sentence: str) -> str | None:
    """The one norm a request measures sizes in (its words and its notation agree), or None
    when it names none. Raises Unresolved for one it cannot place or for two different."""
    found = _measures(_MEASURE, (sentence,), True)
    if len(found) > 1:
        raise Unresolved("the comparison names several norms to measure in: " + ", ".join(sorted(found)))
    return found.pop() if found else None


_OPERAND_MEASURE = re.compile(r"\b(?P<w>[\w∞ℓ-]{1,12})[ -](?:lengths?|norms?|sizes?)\b|"
                              r"‖ ?[^‖\s]{1,12} ?‖_ ?\{?(?P<i>[A-Za-z0-9∞→*]{1,4})\}?", re.I)
"""A norm an operand of a ratio is measured in ("the Euclidean lengths ‖u*‖_2 of the step in
(b)", "the ℓ∞ norm of the update from (a)")."""


def operand_measure(*operands: str) -> str | None:
    """The one norm the operands of a ratio say they are measured in (a norm named by one of
    them measures both: "the ratio of the Euclidean lengths of the step in (b) to the step in
    (a)"), or None when none names one. Raises Unresolved for a norm it cannot place or for two
    different."""
    found = _measures(_OPERAND_MEASURE, operands, False)
    if len(found) > 1:
        raise Unresolved("the ratio's operands are measured in several norms: "
                         + ", ".join(sorted(found)))
    return found.pop() if found else None


_SECOND_LABEL = re.compile(r"^\(?(?:part |question )?\((?P<l>[a-h]|\d{1,2}|[ivx]{1,4})\)\)?$", re.I)
_FIRST_OF_TWO = re.compile(r"^(?P<head>.+?) (?P<prep>in|of|from|for) (?:part |question )?"
                           r"\((?P<l>[a-h]|\d{1,2}|[ivx]{1,4})\)$", re.I)
_PLURAL_HEAD = re.compile(r"\b(decrease|reduction|drop|step|update|value|length|norm|answer|result|"
                          r"minimi[sz]er|solution)s\b", re.I)
_NAMED_BY_FORMULA = re.compile(r"\b(decrease|reduction|drop)\s?\(?[−-] ?[gG] ?(?:\^ ?(?:T|⊤)|ᵀ) ?"
                               r"[uUdDΔ](?:\^?\*|⋆|\^⋆)?\)?", re.I)


def distributed_label(x: str, y: str) -> tuple[str, str]:
    """Two operands written as one plural noun and two labels ("the ratio of the predicted
    decreases −gᵀu* in (i) and (ii)"): each the noun, singular, of its part ("the predicted
    decrease in (i)", "the predicted decrease in (ii)"); the decrease's formula beside it is its
    name. Unchanged otherwise."""
    second, first = _SECOND_LABEL.match(y.strip()), _FIRST_OF_TWO.match(x.strip())
    if second is None or first is None or not _PLURAL_HEAD.search(first.group("head")):
        return x, y
    head = _NAMED_BY_FORMULA.sub(r"\1", _PLURAL_HEAD.sub(r"\1", first.group("head")))
    prep = first.group("prep")
    return f"{head} {prep} ({first.group('l')})", f"{head} {prep} ({second.group('l')})"


_MEASURED_OPERAND = re.compile(r"(?:the |your )?(?:[\w∞ℓ-]{1,12}[ -])?(?:lengths?|norms?|sizes?)"
                               r"(?: ‖ ?[^‖\s]{1,12} ?‖_ ?\{?[A-Za-z0-9∞→*]{1,4}\}?)? of "
                               r"(?P<rest>(?:the |your )?(?:steps?|updates?|minimi[sz]ers?|"
                               r"solutions?|directions?)\b.+)", re.I)
"""An operand that names its measure before what it measures ("the Euclidean lengths ‖u*‖_2 of
the step in (b)"): the measure is read by :func:`operand_measure`, the rest names the answer."""


def measured_operand(text: str) -> str:
    """The answer an operand measures, its measure's words dropped ("the Euclidean lengths
    ‖u*‖_2 of the step in (b)" -> "the step in (b)"); the text unchanged otherwise."""
    m = _MEASURED_OPERAND.fullmatch(text.strip())
    return m.group("rest") if m else text


_FACTOR = re.compile(rf"\bby what factor (?:is|are|does|do) (?P<x>{_OPERAND_WORDS}) (?:(?P<dir>"
                     rf"larger|bigger|greater|more|longer|smaller|less|shorter) than|exceeds?) "
                     rf"(?P<y>{_OPERAND_WORDS})(?=[,;?.]|$)", re.I)
_FACTOR_IN = re.compile(r"\b(?:by what factor|how many times) (?:is|are|does|do) (?P<x>(?:your |the )?"
                        r"(?:[^,;?.⟨]|⟨[^⟨⟩]{1,30}⟩){1,90}?) "
                        r"(?P<dir>larger|bigger|greater|more|longer|smaller|less|shorter) "
                        r"(?P<at>(?:in|for|from|of) (?:part |question )?\((?:[a-h]|\d{1,2}|[ivx]{1,4})\)) "
                        rf"than (?P<y>{_OPERAND_WORDS})(?=[,;?.]|$)", re.I)
"""'By what factor is the predicted decrease larger in (a) than in (b)?': the quantity named
once, the part of the first operand after the comparative (X in (a) over X in (b))."""
_DIVIDED = re.compile(r"(?:^(?:(?:compute|what is|what's|give|find|evaluate|report) )?|[:;,] ?|"
                      r"\b(?:compute|what is|what's|give|find|evaluate|report) )"
                      r"(?:the (?:ratio|quotient),? (?:of )?)?(?P<x>(?:your |the )?[^,;?.:=]{1,60}?) divided by (?P<y>(?:your |the )?"
                      r"[^,;?.:=]{1,60}?)(?= ?=|[,;?.]|$)", re.I)
"""'total floats sent in (a) divided by total floats sent in (c) = ?', 'what is the ratio ‖u‖_2
of the step from (i) divided by ‖u‖_2 of the step from (ii)?': X / Y."""
_SUM_OF = re.compile(rf"\bsum of (?P<x>{_OPERAND_WORDS}) and (?P<y>{_OPERAND_WORDS})"
                     r"(?=[,;?.]|$)", re.I)
_DIFFERENCE_OF = re.compile(rf"\bdifference (?:between|of) (?P<x>{_OPERAND_WORDS}) and "
                            rf"(?P<y>{_OPERAND_WORDS})(?=[,;?.]|$)", re.I)
_EQUAL = re.compile(rf"^(?:is|are) (?P<x>{_OPERAND_WORDS}) (?:equal to|the same as|identical "
                    rf"to) (?P<y>{_OPERAND_WORDS}) ?\?", re.I)
_YES_NO_START = r"(?:^|[,;:] ?(?:and |but |so |then )?)(?:(?:and|but|so|then|also|now),? )?"
_SAME_WORDS = (r"(?:equal to|the same (?:point |vector |limit |solution |answer |thing |value |number "
               r")?as|identical (?:to|with)|(?P<eq>==?|≡))")
_EQUALS = (
    re.compile(rf"{_YES_NO_START}(?:is|are|was|were) (?P<x>{_OPERAND_WORDS}) ?(?:(?:exactly|precisely|"
               rf"really|actually|also|still|then|again|indeed|in fact) )?{_SAME_WORDS} ?"
               rf"(?P<y>{_OPERAND_WORDS}) ?\?", re.I),
    re.compile(rf"{_YES_NO_START}(?:is|are) (?P<x>{_OPERAND_WORDS}) and (?P<y>{_OPERAND_WORDS}) "
               r"(?:(?:exactly|really|actually|then|in fact) )?(?:equal|the same|identical)"
               r"(?: (?:points?|vectors?|limits?|solutions?|answers?|values?))? ?\?", re.I),
    re.compile(rf"{_YES_NO_START}(?:does|do) (?P<x>{_OPERAND_WORDS}) (?:(?:exactly|really|actually) )?"
               rf"(?:equal|match) (?P<y>{_OPERAND_WORDS}) ?\?", re.I),
)
"""Yes/no equality of two operands: 'Is w_∞ = w^†?', 'is it equal to the limit found in (a)?',
'Is the answer to 3 identical to θ_raw?', 'are (a) and (c) the same?', 'does θ_P equal θ†?'
(an operand 'it' is the answer the part asked before it)."""
_IT = re.compile(r"(?:it|this|that)(?: (?:one|point|vector|limit|solution|answer|result))?", re.I)
_MORE = r"(?:more|larger|bigger|greater|higher|longer)"
_LESS = r"(?:less|smaller|lower|fewer|shorter)"
_SAME_WORD = r"(?:equal|the same)"
_THREE_WAY = (rf"(?:{_MORE},? {_LESS}|{_LESS},? {_MORE})(?:,? or {_SAME_WORD})?|(?:{_MORE}|{_LESS})"
              rf",? or {_SAME_WORD}|{_SAME_WORD},? {_MORE},? or {_LESS}|{_MORE} or {_LESS}|"
              rf"{_LESS} or {_MORE}")
_ORDERS = (
    re.compile(rf"{_YES_NO_START}(?:is|are) (?P<x>{_OPERAND_WORDS}) (?:{_THREE_WAY})(?: (?:than|to|as) "
               rf"(?P<y>{_OPERAND_WORDS}))? ?\?", re.I),
    re.compile(rf"\bhow (?:does|do) (?P<x>{_OPERAND_WORDS}) compare (?:to|with|against) "
               rf"(?P<y>{_OPERAND_WORDS}) ?(?:\?|$)", re.I),
    re.compile(rf"^(?:(?:and|then|also|now|finally),? )?compare (?P<x>{_OPERAND_WORDS}) (?:to|with|against) "
               rf"(?P<y>{_OPERAND_WORDS}) ?(?:[.!?]|$)", re.I),
)
"""An order asked of two operands: 'is it more, less or equal?', 'is T_ring larger or smaller
than T_tree?', 'how does X compare to Y?', 'Compare the rate to (ii).' (the second operand, when not written, is what the
sentence compares with: 'Compare with ring all-reduce: is it more, less or equal?')."""
_COMPARE_WITH = re.compile(r"\bcompare(?:d)? (?:it |this |that |the result |your answer )?(?:with|to|"
                           r"against) (?P<y>[^,;:?.]{2,50})", re.I)
_NORM_OF_WORDS = re.compile(r"(?<![\w∞])(?P<name>euclidean|max(?:imum)?|sup(?:remum)?|infinity|uniform|"
                            r"chebyshev|manhattan|taxicab|spectral|nuclear|frobenius|"
                            r"(?:ℓ|l)_?\{?[\w∞]{1,3}\}?|∞)?(?: |-)?"
                            rf"norm of (?P<x>{_OPERAND_WORDS})(?=[,;?.]|$| and\b)", re.I)
_NORM_QUALIFIER = re.compile(r"(?P<word>[^\s,;:(]{1,20})[ -]$")
"""The word just before 'norm of' when no known norm name is: a qualifier of the norm
('weighted', 'P^-1', 'operator') unless it is a function word ('the', 'its', 'compute')."""
_NOT_A_QUALIFIER = re.compile(r"(?:the|its|their|a|an|and|or|of|is|are|what|what's|compute|give|"
                              r"find|report|state|determine|calculate|evaluate|also|both|each|"
                              r"then|same|this|that|these|those|our|your|my|his|her|\W+)$", re.I)
_ASKED_BEFORE = re.compile(r"(?:\b(?:compute|give|evaluate|what is|what's|what are|find|report|"
                           r"calculate|determine|state|and)(?: the value of| also)?|,|\bi\.e\.,?|"
                           r"\bnamely) ?:? ?$",
                           re.I)
"""What makes a norm written in a request the thing asked ("Compute ‖θ_∞ − θ_min‖_2")."""
_NAMED_BEFORE = re.compile(r"\bthe (?:euclidean |(?:ℓ|l)_?\{?2\}? )?(?P<noun>distance|norm)(?: "
                           r"(?:travel?led|moved|covered|from the start))?, ?(?:i\.e\.,? ?|namely "
                           r")?$", re.I)
"""Words a written norm restates, just before it ("the distance travelled, ‖θ_∞ − θ_0‖_2")."""
_COMPARED_AFTER = re.compile(r" ?(?:[≤<≥>=]|\^)")
_CHANGE = re.compile(r"\b(?:does|do|would|will|did) (?:the |this |that |its |our |your )?"
                     r"(?P<noun>[\w -]{2,30}?) (?:change|differ|move)\b(?! (?:in|by) )", re.I)
"""'Does the limit change?' (not 'by how much does θ change in step 2')."""
_ABOUT = re.compile(r"\b(?:for|of|in) the (?P<noun>[\w -]{2,30}?) (?:in|from|of) " + _PART,
                    re.I)
"""'for the limit in (a)': the answer an undefined symbol of the request stands for."""
_WHICH = re.compile(r"\bwhich (?:one )?of (?:the |these |those |both |our |my |your )?(?:(?P<count>two|"
                    r"three|four|five|six|\d) )?(?P<noun>[\w-]{2,20}s\b)?|\bwhich one\b|"
                    r"\bwhich (?P<one>scheme|collective|algorithm|approach|strategy|method|"
                    r"optimi[sz]er|variant|norm)\b", re.I)
"""'which of the four schemes', 'which of the two vectors from (a) and (b)', 'which one',
'which scheme' (a which-of only with a criterion after it: 'which scheme is this?' asks for an
identification)."""
_ITS = re.compile(r"\bits (?:own )?(?P<name>euclidean|frobenius|rms|(?:ℓ|l)_?\{?(?:\d|∞|inf)\}?)?[ -]?"
                  r"(?P<what>norm|distance)\b(?: (?:to|from) (?P<y>[^,;?.]{1,60}?)(?=[,;?.]|$|"
                  r" and\b))?(?: ?(?P<written>‖[^‖]{1,40}‖(?:_ ?\{?[A-Za-z0-9∞]{1,4}\}?)?))?",
                  re.I)
"""'its Euclidean norm ‖θ‖_2', 'its norm', 'its distance to the point from (a)': a norm or
distance of the answer the request has just named ("Find the limit θ∞ and its ...") or, before
it, the part's text ("Is the limit in (b) ...? Give its norm")."""
_THAT_OF = re.compile(r"(?:(?:that|the one|those) )?(?P<prep>of|in|from|for) (?:part )?\((?P<part>[a-h]|"
                      r"\d{1,2}|i{1,3}|iv|vi{0,3}|ix|x)\)", re.I)
"""'that of (b)', or 'in (b)' alone after 'than' ('… larger in (a) than in (b)'): the quantity of
the other operand, of part (b)."""
_BARE_PART = re.compile(r"(?:part |question )?\((?P<part>[a-h]|\d{1,2}|i{1,3}|iv|vi{0,3}|ix|x)\)",
                        re.I)
"""'(ii)' alone as the second operand ('compare the rate to (ii)'): the quantity of the other
operand, of that part."""
_THAT_OF_NAMED = re.compile(r"(?:that|the one|those|the same) (?:of|for|with|in|under) "
                            r"(?:the )?(?P<words>[^,;?.()]{2,40})", re.I)
"""'that of all-to-all': the quantity of the other operand, for the scheme or optimizer named."""
_LABEL = r"\(?(?:parts? )?\((?P<{0}>[a-h]|\d{{1,2}}|i{{1,3}}|iv|vi{{0,3}}|ix|x)\)"
_RATIO_OF_NORMS = re.compile(
    r"\bratio\b[^.?;]{0,60}? of the (?:(?P<name>euclidean|frobenius|spectral|nuclear|operator|"
    r"ℓ_?\{?(?:\d|∞)\}?|l_?\{?(?:\d|∞|inf)\}?)[ -])?norms of the (?:two )?(?P<noun>[\w-]{2,20}?)s? "
    r"(?:found |computed |obtained |from )?(?:in |of )?" + _LABEL.format("p1") + r",? and "
    + _LABEL.format("p2"), re.I)
"""'the ratio ‖D_op‖_F / ‖D_F‖_F of the Frobenius norms of the two minimisers found in (a) and
(c)': ‖X_a‖ / ‖X_c‖ in that norm."""
_PARAM = r"(?:[A-Za-zαβγδεηλμρστ](?:_ ?\{?\d\}?)?)(?![\w(])"
_DEPENDS = re.compile(r"(?P<x>\b(?:(?:show|prove|verify|check|confirm) (?:that )?)?(?:the |its |this |that )?"
                      r"[\w' ()-]{1,40}?) (?:does not|doesn't|do not|don't|does|do|is|are)(?: not)? "
                      r"(?:depend(?:s)? on|independent of) (?:the (?:values? of |choice of )?)?"
                      rf"(?P<params>{_PARAM}(?:(?: ?,| ?,? and| ?,? or) {_PARAM}){{0,4}})"
                      r"(?= ?[:;,?.]|$| in\b| at\b| for\b| \(| ?[<>≤≥])", re.I)
_DEPENDS_ASKED = re.compile(r"\b(?:(?:does|do|would|will) (?P<x>it|this|that|the [\w' ()-]{1,40}?) "
                            r"(?:still |also |really )?depend on|(?:is|are) (?P<y>it|this|that|the "
                            r"[\w' ()-]{1,40}?) (?:still |also |really )?independent of) "
                            r"(?:the (?:values? of |choice of )?)?"
                            rf"(?P<params>{_PARAM}(?:(?: ?,| ?,? and| ?,? or) {_PARAM}){{0,4}})"
                            r"(?= ?[:;,?.]|$| in\b| at\b| for\b| \(| ?[<>≤≥])", re.I)
"""'the first update does not depend on β_1, β_2', 'does the answer to (a) depend on λ?':
whether an answer changes with each parameter named."""
_GREEK_NAMES = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "eps", "η": "eta",
                "λ": "lambda", "μ": "mu", "ρ": "rho", "σ": "sigma", "τ": "tau"}


def _parameter_name(symbol: str) -> str:
    """A parameter as its family's measurer names it: 'β_1' -> 'beta1', 'λ' -> 'lambda'."""
    s = re.sub(r"[\s_{}]", "", symbol)
    return "".join(_GREEK_NAMES.get(c, c) for c in s)


_HOW_FAR = re.compile(r"\bhow far(?: \((?:the )?(?P<name>euclidean|ℓ_?\{?(?:\d|∞)\}?|l_?\{?(?:\d|∞|inf)\}?)?"
                      r"(?: distance| norm)?\))? (?:is|are|lies|lie) (?P<x>[^,;?.]{1,60}?) (?:away )?"
                      r"(?:from|to) (?P<y>[^,;?.]{1,60}?)(?=[,;?.]|$)", re.I)
"""'How far (Euclidean distance) is the limit of (c) from the minimum-norm solution?'."""
_HEAD_NOUN = re.compile(r"\b(solution|point|limit|vector|minimi[sz]er|iterate|interpolant)s?\b",
                        re.I)
"""Head nouns 'one' may stand for ('the min-norm one' after 'the min-norm solution')."""
_IDENTITY = re.compile(r"^(?:and |but )?(?:is|are|was|were) (?:it|that|this|they|these|those)\b",
                       re.I)
_PRONOUN = re.compile(r"(?:it|this|that|this point|that point)", re.I)
_DISTANCE_BETWEEN = re.compile(
    r"\b(?:(?P<name>euclidean|ℓ_?\{?(?:\d|∞)\}?|l_?\{?(?:\d|∞|inf)\}?)[ -])?distance between "
    r"(?:the (?:two )?(?P<noun>[\w-]{2,20}?)s? (?:of|in|from) )?" + _LABEL.format("p1") +
    r",? and " + _LABEL.format("p2"), re.I)
"""'the Euclidean distance between the limits of (a) and (b)': ‖X_a − X_b‖."""
_NAMED_PART = re.compile(r"\bthe (?P<noun>[\w -]{2,30}?) (?:in|from|of) " + _PART, re.I)
"""'the limit in (b)': an earlier part's answer named in words."""
_CHOSEN_VALUE = re.compile(r"\b(?:what is|what's|give|state|report|and) (?:its|that|this|the "
                           r"(?:smallest|largest|minimal|maximal)) (?:value|norm)\b", re.I)
"""'Which of ... has the smallest ∞-norm, and what is its value?': the value of the chosen
item, which a which-of does not give."""
_WHICH_IS_WHICH = re.compile(r"\bwhich (?:one )?is which\b", re.I)
_LEAST = r"smallest|smaller|least|less|lowest|lower|fewest|fewer|shortest|shorter|minimum|minimal|" \
         r"minimi[sz]es|minimi[sz]ing"
_MOST = r"largest|larger|most|more|highest|higher|biggest|bigger|greatest|greater|longest|longer|" \
        r"maximum|maximal|maximi[sz]es|maximi[sz]ing"
_CRITERION = re.compile(rf"\b(?:(?P<least>{_LEAST})|(?P<most>{_MOST})|(?P<fast>fastest|faster|"
                        rf"quickest|quicker)|(?P<slow>slowest|slower))\b(?P<what>[^,;?.]{{0,40}})",
                        re.I)
"""The criterion of a which-of: a superlative (or a comparative between two) and what it is
of ('sends the smallest total volume', 'has the larger ℓ2 norm', 'is fastest')."""
def _criterion_words(crit: re.Match, rest: str) -> str:
    """What the criterion is of: its next words, or up to the clause's end when those cut a
    quantity's phrase short ('minimises the maximum number of bytes sent by any single node')."""
    what = crit.group("what")
    if not QUANTITIES.mentions(what):
        longer = re.match(r"[^,;?.]{0,100}", rest[crit.start("what"):]).group(0)
        if len({m.entry.key for m in QUANTITIES.mentions(longer)}) == 1:
            return longer
    return what


_MIN_NORM_IS = re.compile(r"\bmin(?:imum|imal|\.)?[- ] ?(?:[\w-]{1,12} ?[- ])?norm\b", re.I)
"""'is the minimum-norm (interpolating) solution': the item equal to the minimum-norm
solution."""
_KIND_NOUNS = {"scheme": ("schemes", "algorithms", "collectives", "approaches", "strategies"),
               "optimizer": ("optimizers", "optimisers", "methods", "variants", "algorithms",
                             "updates", "runs", "approaches"),
               "norm": ("norms", "geometries")}
"""The plural nouns a request may use for the items of a kind it compares."""


def _norm_key(index: str | None, default: str | None = None) -> str | None:
    """The norm a ``‖·‖_<index>`` names (``default`` without an index); the lp norm only with
    a number for p (:meth:`Reader._lp`)."""
    if not index:
        return default
    entry = by_index(index)
    return entry.key if entry else None


class Reader:
    """Reads the derived quantities of one request sentence."""

    def __init__(self, pb: Problem):
        self.pb = pb
        if pb.table is None:
            pb.table = symbols(pb)
        self.table = pb.table
        self.found = Found()
        self.skipped: list[str] = []
        self.used: set[str] = set()
        self.restated: set[str] = set()
        """Operands naming an earlier answer, read as this part's own at its settings."""
        self.sentence = ""
        """The request read (:meth:`read`)."""
        self.pronouns: dict[str, Any] = {}
        """Operands written 'it', 'that point', resolved by the shape that reads them."""
        self.native_own = False
        """True once an operand names this part's own answer ('its', 'the limit θ_∞')."""

    # -- operands ---------------------------------------------------------------------------
    def _ref(self, op: Operand) -> Any:
        if op.literal is not None:
            return op.literal
        if op.part != self.pb.label:
            changed = _own_settings(self.pb, op.part)
            if changed and not op.by_symbol and self.native_own:
                changed = []   # "its distance to the point from (a)": this part's answer
                #                against (a)'s, each at its own part's settings
            if changed and op.subject is None:
                op.subject = _single_subject(self.pb, op.part)
            if changed and _BOTH_FORMS.search(self.sentence):
                raise Unresolved(f"'{op.text}': the request asks the formula and its value at "
                                 f"{', '.join(changed)}, and this part answers at its own values "
                                 "only (expected the two asked in separate parts)")
            if changed and op.subject is not None and op.quantity in self.pb.answers:
                # "Let α = 0 and n = 10. Compute T_PS/T_ring": this part's own T_PS
                op = Operand(op.text, self.pb.label, op.quantity, subject=op.subject)
                self.restated.add(op.text)
            elif changed:
                raise Unresolved(f"'{op.text}' is the answer of part ({op.part}), but this part "
                                 f"sets {', '.join(changed)} itself: the earlier answer is for "
                                 "other values")
        if op.part == self.pb.label:
            self.native_own = self.native_own or op.text not in self.restated
            if op.quantity not in self.pb.answers:
                raise Unresolved(f"'{op.text}' is the {op.quantity} of this part, which its "
                                 "family does not answer")
            self.found.own.append((op.quantity, op.text))
            return {"quantity": op.quantity, **({"subject": op.subject} if op.subject else {})}
        return {"part": op.part, "quantity": op.quantity,
                **({"subject": op.subject} if op.subject else {})}

    def _value(self, text: str, parts: list[str], norm: str | None = None,
               about: list[tuple[str, str]] | None = None) -> Any:
        """A spec operand for ``text``: a reference, a literal, or (for ``‖A‖`` inside a
        ratio) the name of a norm-of entry made for it."""
        text = text.strip()
        if text in self.pronouns:
            return self.pronouns[text]
        cited = _NORM_CITED.fullmatch(text)
        if cited:   # "‖u‖_2 from (a)": the norm of the answer of the part cited
            text = (f"‖{cited.group('inner')} ({cited.group('ref')})‖"
                    + (f"_{cited.group('index')}" if cited.group("index") else "")
                    + (cited.group("square") or ""))
        m = _NORM.fullmatch(text)
        if m:
            if m.group("square"):
                raise Unresolved(f"'{text}' is a squared norm, which is not read")
            return self._norm_entry(m, parts, about, label=cited.group(0) if cited else None)
        try:
            op = operand(text, self.pb, self.table, parts)
            self.used.add(key(text.strip()))
        except Unresolved:
            if about and re.fullmatch(_SYM, text.strip("() ")):
                op = Operand(text, *about.pop(0))
            else:
                raise
        return self._ref(op)

    def _norm_entry(self, m: re.Match, parts: list[str], about: Any,
                    label: str | None = None) -> dict:
        """``‖A‖_k`` as a norm-of entry (its name, ``label`` or the norm as written, is the
        operand of a later entry)."""
        from optiproof.families.derived_spec import DISTANCE_NORMS

        norm = _norm_key(m.group("index"), N.L2.key)
        if norm is None:
            raise Unresolved(f"the norm '{m.group(0)}' is not one the reading knows")
        if self.pb.in_ratio and norm not in {e.key for e in DISTANCE_NORMS}:
            # '‖U^*‖_2→2 / ‖U^*_F‖_2→2': the spectral norm, of two answers
            raise Unresolved(f"'{m.group(0)}' is the {N.NORMS[norm].name} of an answer, which is "
                             "not computed yet (expected one of: "
                             + ", ".join(e.name for e in DISTANCE_NORMS) + ")")
        x = self._value(m.group("inner"), parts, about=about)
        name = (label or m.group(0)).strip()
        self.found.entries.append(self._with_p({"kind": Q.NORM_OF.key, "of": x, "norm": norm,
                                                "label": name}))
        return {"quantity": Q.NORM_OF.key, "name": name}

    def _with_p(self, entry: dict) -> dict:
        """An lp entry with its exponent: the number the text assigns to p (``p = 3/2``)."""
        if entry.get("norm") != N.LP.key:
            return entry
        p = _literal("p", self.pb)
        if p is None or isinstance(p, list):
            raise Unresolved("the lp norm's exponent p is not a number the text states")
        return {**entry, "p": p}

    def _changes(self, s: str, start: int, claim: Any) -> None:
        """"Does the limit change?" in a part that repeats an earlier one with something
        changed: does this part's answer differ from the earlier part's (both answer it)."""
        m = _CHANGE.search(s)
        if m is None:
            return
        ref = self.pb.reference
        labels = list(self.pb.texts)
        here = labels.index(self.pb.label)
        ref = labels[here - 1] if ref == "previous" and here > 0 else ref
        if ref not in labels[:here]:
            return
        q = _quantity(m.group("noun"), self.pb.answers)
        if q is None or q not in _answers_of(self.pb, ref):
            return
        self.found.own.append((q, m.group("noun")))
        self.found.entries.append({"kind": Q.DIFFERS.key, "of": {"quantity": q},
                                   "to": {"part": ref, "quantity": q}})
        claim(m, Q.DIFFERS.key)

    # -- which of several --------------------------------------------------------------------
    def _which(self, s: str, start: int, parts: list[str], done: list[tuple[int, int]]
               ) -> None:
        """"Which of the four schemes sends the least?", "Which of the two vectors from (a) and
        (b) is the minimum-norm solution?": a which-of entry over the items' answers (the
        parts named, or this part's schemes, optimizers or norms), by the criterion the
        request states. Raises Unresolved naming what it could not place."""
        m = _WHICH.search(s)
        if m is None or any(a < m.end() and m.start() < b for a, b in done):
            m = _WHICH_IS_WHICH.search(s)
            if m is not None:
                self._which_is_which(m, s, start, done)
            return
        rest = s[m.end():]
        if m.group("one") and _CRITERION.search(rest) is None:
            return   # 'which scheme is this?': not a comparison
        noun = (m.group("noun") or (m.group("one") or "") + "s").lower()
        count = m.group("count")
        count = int(count) if count and count.isdigit() else \
            {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}.get((count or "").lower())
        min_norm = _MIN_NORM_IS.search(rest)
        crit = _CRITERION.search(rest)
        if min_norm and (crit is None or min_norm.start() <= crit.start()):
            crit = None
        elif crit is None:
            raise Unresolved(f"'{s[m.start():m.end() + 30].strip()}': the criterion the items are "
                             "compared by is not read (expected e.g. 'sends the smallest total "
                             "volume', 'has the larger norm', 'is the minimum-norm solution')")
        what = _criterion_words(crit, rest) if crit else ""
        fast = crit is not None and (crit.group("fast") or crit.group("slow"))
        if fast and Q.FASTER.key in self.pb.answers and not parts:
            return   # "which one is faster?": the family's own faster scheme
        quantity = Q.TIME.key if fast and not _quantity(what, self.pb.answers) else None
        end = m.end() + (crit.end() if crit else min_norm.end())
        value = _CHOSEN_VALUE.search(s[m.end():])
        if value is not None:
            raise Unresolved(f"'{value.group(0).strip()}': the value of the item a which-of "
                             "chooses is not computed (expected the which-of alone, or its "
                             "value asked of a named part, e.g. 'give ‖θ‖_∞ for the limit in "
                             "(c)')")
        labels = [p.lower() for p in re.findall(r"\(([a-h]|\d{1,2}|i{1,3}|iv|vi{0,3}|ix|x)\)",
                                                s[m.start():end]) if p.lower() in self.pb.texts]
        labels = list(dict.fromkeys(labels or parts)) or self._parts_of_own_text()
        computed = list({e["label"]: e for e in [*self.pb.computed, *self.found.entries]
                         if e.get("kind") == Q.VALUE_AT.key and e.get("label")}.values())
        if len(computed) >= 2 and (count is None or len(computed) == count) and \
                not re.search(r"\((?:[a-h]|\d{1,2})\)", s[m.start():end]):
            # 'Evaluate q at the limits from (a) and (b); which of the two is smaller?': the
            # values just computed, not the limits themselves
            among = [{"quantity": e["kind"], "name": e["label"]} for e in computed]
        elif labels and (count is None or len(labels) == count) and len(labels) >= 2:
            among = [self._item_of_part(label, noun, what, quantity) for label in labels]
        else:
            among = self._items_of_subjects(noun, count, what, quantity, m.group(0))
        entry: dict = {"kind": Q.WHICH_OF.key, "among": among}
        if crit is None:
            entry.update(by="equal", to=self._min_norm_target(m.group(0)))
        else:
            entry["by"] = "smallest" if crit.group("least") or crit.group("fast") else "largest"
            norm = self._compared_norm(what)
            if norm is not None:
                entry["norm"] = norm
        self.found.entries.append(entry)
        done.append((m.start(), end))
        self.found.spans.append((start + m.start(), start + end))
        self.found.kinds.append((Q.WHICH_OF.key, s[m.start():end], start + m.start(),
                                 start + end))

    def _its(self, m: re.Match, s: str, parts: list[str], about: Any) -> None:
        """A norm or distance of the answer 'its' stands for (:meth:`_antecedent`); a norm
        written after it ('its norm ‖θ_∞‖_2') gives the norm, and its symbol the answer when
        the text defines it."""
        written = _NORM.fullmatch(m.group("written") or "") if m.group("written") else None
        name = (m.group("name") or "").lower()
        if written is not None and written.group("square"):
            raise Unresolved(f"'{m.group(0)}' is a squared norm, which is not read")
        if name:
            norm = self._compared_norm(f"{name} norm")
        else:
            norm = _norm_key(written.group("index") if written else None, N.L2.key)
        if norm is None:
            raise Unresolved(f"the norm in '{m.group(0)}' is not one the reading knows")
        x = None
        if written is not None:
            try:
                x = self._value(written.group("inner"), parts)
            except Unresolved:
                x = None   # 'its norm ‖θ‖_2': θ is the variable, 'its' says which answer
        x = x if x is not None else self._antecedent(s, m.start())
        if m.group("what").lower() == "norm":
            self.found.entries.append(self._with_p({"kind": Q.NORM_OF.key, "of": x,
                                                    "norm": norm, "label": m.group(0)}))
            return
        if not m.group("y"):
            raise Unresolved(f"'{m.group(0)}': the distance to what is not said")
        y = self._value(m.group("y"), parts, about=about)
        if isinstance(x, dict) and isinstance(y, dict) and \
                all(x.get(k) == y.get(k) for k in ("part", "quantity", "name")):
            raise Unresolved(f"'{m.group(0)}': the two answers are not told apart (expected "
                             "an earlier part's answer, e.g. 'to the point from (a)')")
        self.found.entries.append(self._with_p({"kind": Q.DISTANCE.key, "of": x, "to": y,
                                                "norm": norm}))

    def _each(self, matches: list[re.Match], kind: str, done: list[tuple[int, int]],
              claim: Any, read: Any) -> None:
        """Each match not inside one already read, read by ``read`` and claimed as ``kind``;
        one that does not resolve is skipped (its entries dropped), naming why."""
        for m in matches:
            if any(a < m.end() and m.start() < b for a, b in done):
                continue
            kept = len(self.found.entries)
            try:
                read(m)
                claim(m, kind)
            except Unresolved as why:
                del self.found.entries[kept:]
                self.skipped.append(str(why))

    def _depends(self, m: re.Match, s: str, parts: list[str], about: Any) -> None:
        """'(Show that) the first update does not depend on β_1, β_2': one dependence entry
        per parameter, of the answer named ('it': the answer asked before)."""
        x = (m.groupdict().get("x") or m.groupdict().get("y") or "").strip()
        x = re.sub(r"^(?:show|prove|verify|check|explain why|confirm) (?:that )?", "", x,
                   flags=re.I).strip()
        if _PRONOUN.fullmatch(x):
            a = self._it(s, m.start())
        else:
            q = _quantity(x, self.pb.answers) if not _REF.match(x) else None
            a = self._ref(Operand(x, self.pb.label, q)) if q is not None else \
                self._value(x, parts, about=about)
        if not isinstance(a, dict):
            raise Unresolved(f"'{m.group(0)}' names no answer")
        for sym in re.split(r" ?,? (?:and|or) | ?, ?", m.group("params").strip()):
            self.found.entries.append({"kind": Q.DEPENDS_ON.key, "of": a,
                                       "parameter": _parameter_name(sym)})

    def _ratio_of_norms(self, m: re.Match) -> None:
        """The ratio of the norms of two parts' answers named in words: one norm-of entry
        each, and their ratio (the first part's over the second's)."""
        norm = self._compared_norm(f"{m.group('name') or ''} norm")
        if norm is None:
            raise Unresolved(f"'{m.group(0)}': the norm is not one the reading knows")
        refs = []
        for g in ("p1", "p2"):
            label = m.group(g).lower()
            if label not in self.pb.texts or label == self.pb.label:
                raise Unresolved(f"'{m.group(0)}' names part ({label}), which is not an "
                                 "earlier part")
            x = self._item_of_part(label, m.group("noun"), "", None)
            name = f"{N.NORMS[norm].name} of the {m.group('noun').lower()} of ({label})"
            self.found.entries.append(self._with_p({"kind": Q.NORM_OF.key, "of": x,
                                                    "norm": norm, "label": name}))
            refs.append({"quantity": Q.NORM_OF.key, "name": name})
        self.found.entries.append({"kind": Q.RATIO.key, "of": refs[0], "to": refs[1]})

    def _how_far(self, m: re.Match, s: str, parts: list[str], about: Any) -> None:
        """'How far (Euclidean distance) is X from Y?': ‖X − Y‖, X and Y answers named by
        description ('the limit of (c)', 'the minimum-norm solution') or X 'it' (the answer the
        part asked just before)."""
        name = (m.group("name") or "").lower()
        norm = self._compared_norm(f"{name} norm") if name and name != "euclidean" else N.L2.key
        if norm is None:
            raise Unresolved(f"the norm in '{m.group(0)}' is not one the reading knows")
        x = m.group("x").strip()
        a = self._it(s, m.start()) if _PRONOUN.fullmatch(x) else self._value(x, parts, about=about)
        y = m.group("y").strip()
        around = f"{s} {self.pb.texts.get(self.pb.label, '')} {self.pb.context}"
        nouns = list(dict.fromkeys(n.lower() for n in _HEAD_NOUN.findall(around))) \
            if re.search(r"\bone$", y) else []
        for noun in nouns:      # 'the min-norm one': the noun the sentence uses ('solution')
            try:
                b = self._value(re.sub(r"\bone$", noun, y), parts, about=about)
                break
            except Unresolved:
                continue
        else:
            b = self._value(y, parts, about=about)
        if isinstance(a, dict) and isinstance(b, dict) and \
                all(a.get(k) == b.get(k) for k in ("part", "quantity", "name")):
            raise Unresolved(f"'{m.group(0)}': the two answers are not told apart")
        if not isinstance(a, dict) and not isinstance(b, dict):
            raise Unresolved(f"'{m.group(0)}' names no answer of the problem")
        self.found.entries.append(self._with_p({"kind": Q.DISTANCE.key, "of": a, "to": b,
                                                "norm": norm}))

    def _it(self, s: str, at: int) -> dict:
        """The answer 'it' stands for: as 'its' (:meth:`_antecedent`), else the last vector
        answer the part's text asks in a sentence before ('Where does it converge? ... how far
        is it from ...': the limit)."""
        own = self.pb.texts.get(self.pb.label, "")
        here = own.find(s[:40]) if s[:40] else -1
        clauses = [c for c in reversed(re.split(r",| and | then |; ", s[:at]))
                   if c.strip() and not _IDENTITY.match(c.strip())]
        sentences = reversed(re.split(r"(?<=[.?!])\s+", own[:here] if here > 0 else ""))
        for clause in [*clauses, *sentences]:
            # 'Is that the min-norm solution, and if not, how far is it ...': a yes/no question
            # about what 'that' is names no antecedent
            q = _quantity(clause, self.pb.answers) if clause.strip() else None
            if q is not None and QUANTITIES[q].value_kind in ("vector", "matrix"):
                return self._ref(Operand(clause.strip(), self.pb.label, q))
            for sym in reversed(re.findall(rf"(?<![\w^_]){_SYM}(?![\w^_])", clause)):
                if key(sym) in self.table and not _WORD.fullmatch(sym):
                    # 'Does ŵ fit the data, and is it equal to ...': the answer ŵ names
                    try:
                        return self._value(sym, [])
                    except Unresolved:
                        continue
        try:
            return self._antecedent(s, at)
        except Unresolved:
            pass
        raise Unresolved(f"'it' in '{s[max(0, at - 30):at + 30].strip()}': the answer it stands "
                         "for is not asked before it (expected e.g. 'Find the limit. How far is "
                         "it from ...')")

    def _antecedent(self, s: str, at: int) -> dict:
        """The answer 'its' at ``at`` stands for: the last answer of this part the request
        names before it ("Give the limit and its norm"), else the last earlier part's answer
        named in words in the part's text before the request ("Is the limit in (b) ...?")."""
        before = s[:at]
        for clause in reversed(re.split(r",| and | then |; ", before)):
            q = _quantity(clause, self.pb.answers) if clause.strip() else None
            if q is None:
                continue
            if QUANTITIES[q].value_kind not in ("vector", "matrix"):
                break
            named = list(_NAMED_PART.finditer(clause))
            if named:   # "the distance of the limit in (b) and its ..."
                return self._value(named[-1].group(0), [named[-1].group("part").lower()])
            return self._ref(Operand(clause.strip(), self.pb.label, q))
        own = self.pb.texts.get(self.pb.label, "")
        here = own.find(s[:40]) if s[:40] else -1
        earlier = own[:here + at] if here >= 0 else before
        for ref in reversed(list(_NAMED_PART.finditer(earlier))):
            label = ref.group("part").lower()
            if label not in self.pb.texts or label == self.pb.label:
                continue
            return self._value(ref.group(0), [label])
        raise Unresolved(f"'its' in '{s[max(0, at - 30):at + 20].strip()}': the answer it stands "
                         "for is not named before it (expected e.g. 'the limit in (b) ... its "
                         "norm')")

    def _which_is_which(self, m: re.Match, s: str, start: int,
                        done: list[tuple[int, int]]) -> None:
        """"One of the limits in 1) and 3) has the smallest ℓ2 norm, the other the smallest
        ℓ∞ norm. Which is which?": one which-of per criterion the part's text states before the
        question, over the earlier parts it names."""
        own = self.pb.texts.get(self.pb.label, "")
        here = own.find(s[:40]) if s[:40] else -1
        before = own[:here] if here > 0 else ""
        labels = list(self.pb.texts)[:list(self.pb.texts).index(self.pb.label)]
        items = list(dict.fromkeys(
            x.lower() for x in re.findall(r"(?<![\w(])\(?([a-h]|\d{1,2}|[ivx]{1,4})\)", before)
            if x.lower() in labels))
        crits = [c for c in _CRITERION.finditer(before) if self._compared_norm(c.group("what"))]
        if len(items) < 2 or len(crits) < 2:
            raise Unresolved(f"'{m.group(0)}': the items and the criteria they are matched to "
                             "are not stated before it (expected e.g. 'one of the limits in (a) "
                             "and (b) has the smallest ℓ2 norm, the other the smallest ℓ∞ norm')")
        for c in crits:
            among = [self._item_of_part(label, "", c.group("what"), None) for label in items]
            by = "smallest" if c.group("least") or c.group("fast") else "largest"
            self.found.entries.append({"kind": Q.WHICH_OF.key, "among": among, "by": by,
                                       "norm": self._compared_norm(c.group("what")),
                                       "label": f"the one with the {c.group(0).strip()}"})
        done.append(m.span())
        self.found.spans.append((start + m.start(), start + m.end()))
        self.found.kinds.append((Q.WHICH_OF.key, m.group(0), start + m.start(),
                                 start + m.end()))

    def _parts_of_own_text(self) -> list[str]:
        """The earlier parts this part's own text names ('Compute ‖θ‖ for the limits in (a)
        and (c). Which of the two ...')."""
        labels = list(self.pb.texts)
        here = labels.index(self.pb.label)
        own = self.pb.texts.get(self.pb.label, "")
        found = [p.lower() for p in re.findall(r"\(([a-h]|\d{1,2}|i{1,3}|iv|vi{0,3}|ix|x)\)", own)]
        return list(dict.fromkeys(p for p in found if p in labels[:here]))

    def _item_of_part(self, label: str, noun: str, what: str, quantity: str | None) -> dict:
        """The answer of part ``label`` a which-of compares: the one its noun or criterion
        names, or the part's one answer."""
        answers = tuple(dict.fromkeys(_answers_of(self.pb, label)))
        q = quantity if quantity in answers else None
        for words in (noun.rstrip("s"), noun, what):
            q = q or (_quantity(words, answers) if words.strip() else None)
        if q is None and len(answers) == 1:
            q = answers[0]
        if q is None:
            raise Unresolved(f"'which of ... ({label})': part ({label}) answers "
                             f"{len(answers) or 'no'} quantities and the request does not say "
                             "which is compared")
        return self._ref(Operand(f"({label})", label, q))

    def _items_of_subjects(self, noun: str, count: int | None, what: str,
                           quantity: str | None, text: str) -> list[dict]:
        """This part's answers for each of its schemes, optimizers or norms (the list its
        reading has), of the quantity the criterion names."""
        from optiproof.catalogue import KINDS

        r = self.pb.current
        if r is None or Q.WHICH_SOLUTION.key in self.pb.answers:
            raise Unresolved(f"'{text}': the items compared are not named (expected the parts, "
                             "e.g. 'which of the limits in (a) and (b)')")
        lists = [(kind, f.value) for f in r.fields.values() if f.name != DERIVED_FIELD
                 and isinstance(f.value, list) and len(f.value) >= 2
                 for kind in ("scheme", "optimizer", "norm")
                 if all(isinstance(v, str) and KINDS[kind].get(v) is not None for v in f.value)]
        lists = [(k, v) for k, v in lists if (not noun or noun in _KIND_NOUNS[k])
                 and (count is None or len(v) == count)]
        if len(lists) != 1:
            raise Unresolved(f"'{text}': the items compared are not named (expected the parts, "
                             "e.g. 'which of the limits in (a) and (b)', or this part's schemes "
                             "or methods)")
        q = quantity or _quantity(what, self.pb.answers)
        if q is None:
            raise Unresolved(f"'{text} ... {what.strip()}': the quantity the items are compared "
                             "by is not one this part answers")
        return [self._ref(Operand(f"{q}[{v}]", self.pb.label, q, subject=v)) for v in lists[0][1]]

    def _min_norm_target(self, text: str) -> dict:
        """The minimum-norm solution an item is matched to: this part's, or an earlier
        part's."""
        key_ = Q.MIN_NORM_SOLUTION.key
        if key_ in self.pb.answers:
            return self._ref(Operand("the minimum-norm solution", self.pb.label, key_))
        earlier = [p.label for p in self.pb.previous if key_ in _asked(self.pb, p.label)]
        if len(earlier) == 1:
            return self._ref(Operand("the minimum-norm solution", earlier[0], key_))
        raise Unresolved(f"'{text} ... minimum-norm': no part answers the minimum-norm solution "
                         "to compare with")

    @staticmethod
    def _compared_norm(what: str) -> str | None:
        """The norm a criterion compares vectors in ('the smaller ℓ∞ norm', 'the smallest
        Euclidean norm', '` ∞ -norm' copied from a PDF; l2 for a bare 'norm'), None when it
        names no norm. Raises Unresolved for a qualifier of the norm it cannot place."""
        m = re.search(r"\bnorm\b", what, re.I)
        if m is None:
            return None
        qualifier = re.sub(r"^(?:the|its|their|an?|possible)\b\s*", "",
                           what[:m.start()].strip(), flags=re.I)
        if not qualifier:
            return N.L2.key
        entry = N.NORMS.get(qualifier.strip(" -")) or by_index(
            re.sub(r"^(?:ℓ|l|`|')?_?\{?|\}$", "", re.sub(r"[\s-]", "", qualifier)))
        if entry is None:
            raise Unresolved(f"'{what[:m.end()].strip()}': a norm the reading does not know")
        return entry.key

    # -- shapes -----------------------------------------------------------------------------
    def _that_of(self, text: str, other: Any) -> str:
        """'that of (b)', 'that of all-to-all': the quantity of the ``other`` operand, of the
        part, scheme or optimizer named (``text`` unchanged otherwise)."""
        if not isinstance(other, dict) or other.get("quantity") not in QUANTITIES.keys():
            return text
        name = QUANTITIES[other["quantity"]].name
        if self.pb.in_ratio and self.pb.scales:   # 'the decrease in (b) ... the one in (a)'
            name = "decrease"
        that = _THAT_OF.fullmatch(text.strip())
        if that:   # "the per-worker volume of (a) ... that of (b)": the same quantity, of (b)
            return f"the {name} {that.group('prep')} ({that.group('part')})"
        bare = _BARE_PART.fullmatch(text.strip())
        if bare:   # "compare the rate to (ii)": the same quantity, of part (ii)
            return f"the {name} of ({bare.group('part')})"
        named = _THAT_OF_NAMED.fullmatch(text.strip())
        if named and _named_subject(named.group("words"), self.pb) is not None:
            return f"the {name} of {named.group('words')}"
        return text

    def _binary(self, kind: str, x: str, y: str, parts: list[str], span: tuple[int, int],
                about: list | None = None, measure: str | None = None) -> None:
        """The entry ``kind`` of the operands ``x`` and ``y``; with ``measure`` (the norm a
        comparison of sizes names), a vector or matrix operand is compared by that norm."""
        x, y = _labels_as_refs(x, self.pb.texts), _labels_as_refs(y, self.pb.texts)
        self.pb.in_ratio = kind == Q.RATIO.key
        self.pb.scales = []
        own = len(self.found.own)
        try:
            self._operands(kind, x, y, parts, about, measure)
        except _Unalike:
            # "(decrease in (d)) / (decrease in (b))" in part (d): (b)'s decrease was read
            # through the answer it is a multiple of; read this part's own the same way
            self.pb.scales, self.pb.own_alike = [], True
            del self.found.own[own:]
            try:
                self._operands(kind, x, y, parts, about, measure)
            except _Unalike as err:
                raise Unresolved(str(err)) from None
        finally:
            self.pb.in_ratio = self.pb.own_alike = False

    def _operands(self, kind: str, x: str, y: str, parts: list[str], about: list | None,
                  measure: str | None) -> None:
        x, y = _same_noun(x, y), _same_noun(y, x)
        if (_THAT_OF.fullmatch(x.strip()) or _THAT_OF_NAMED.fullmatch(x.strip())) and not (
                _THAT_OF.fullmatch(y.strip()) or _THAT_OF_NAMED.fullmatch(y.strip())):
            # "how many times smaller is A than that of B", read B / A: 'that' is the
            # quantity of the operand it follows in the text
            b = self._value(y, parts, about=about)
            x = self._that_of(x, b)
            a = self._value(x, parts, about=about)
        else:
            a = self._value(x, parts, about=about)
        y = self._that_of(y, a)
        b = self._value(y, parts, about=about)
        if isinstance(a, dict) and isinstance(b, dict) and a.get("part") == b.get("part") and \
                a.get("quantity") == b.get("quantity") and a.get("name") == b.get("name") and \
                (a.get("subject") == b.get("subject") or None in (a.get("subject"),
                                                                  b.get("subject"))):
            which = x if a.get("subject") is None else y
            raise Unresolved(f"'{which.strip()}' does not say which answer it is apart from "
                             f"the other operand (expected the scheme, optimizer or part)")
        if kind == Q.RATIO.key and measure is not None:
            if any(isinstance(v, dict) and "part" not in v and v.get("quantity") in
                   self.pb.answers for v in (a, b)):
                raise _FamilysOwn   # this part's own step against another: its length ratio
            a, b = self._measured(x, a, measure), self._measured(y, b, measure)
        if kind in (Q.RATIO.key, Q.ORDER.key):
            for text, v in ((x, a), (y, b)):
                q = v.get("quantity") if isinstance(v, dict) else None
                if q in QUANTITIES.keys() and QUANTITIES[q].value_kind in ("vector", "matrix"):
                    raise Unresolved(f"'{text.strip()}' is a {QUANTITIES[q].value_kind}: a "
                                     "ratio needs its length in a norm (e.g. '‖u‖_2 / ‖v‖_2')")
        if not isinstance(a, dict):
            if kind not in (Q.SUM.key, Q.SAME_AS.key) or not isinstance(b, dict):
                raise Unresolved(f"'{x.strip()}' names no answer of the problem")
            a, b = b, a
        scales = self.pb.scales
        factors: dict[str, int] = {}
        for said, factor in scales:   # one operand may be negated and a decrease at once
            factors[said] = factors.get(said, 1) * factor
        if factors and not (len(factors) == 2 and len(set(factors.values())) == 1):
            said, factor = next(iter(factors.items()))
            raise _Unalike(f"'{said}' is {factor}× the answer its part gives (a negated value "
                             "or a first-order decrease read through the minimum value), and the "
                             "other operand is not the same multiple of its own (expected two "
                             "decreases, or two negated values, of problems of the same form)")
        self.found.entries.append({"kind": kind, "of": a, "to": b})

    def _measured(self, text: str, v: Any, norm: str) -> Any:
        """A vector or matrix answer as its norm ``norm`` (a norm-of entry); others as they
        are."""
        q = v.get("quantity") if isinstance(v, dict) else None
        if q not in QUANTITIES.keys() or QUANTITIES[q].value_kind not in ("vector", "matrix"):
            return v
        name = f"{N.NORMS[norm].name} of {text.strip()}"
        self.found.entries.append(self._with_p({"kind": Q.NORM_OF.key, "of": v, "norm": norm,
                                                "label": name}))
        return {"quantity": Q.NORM_OF.key, "name": name}

    def _equality(self, s: str, parts: list[str], about: Any, done: list[tuple[int, int]],
                  claim: Any) -> None:
        """'Is X equal to Y?' (:data:`_EQUALS`): a same-as entry of the two operands, an 'it'
        the answer asked before it. Two answers of this part compared are the family's own
        question (is the limit the minimum-norm solution?), not a derived one. An operand
        that does not resolve is refused, naming it; after a bare '=' ('Is η = 0.1 stable?')
        the sentence is left to the family."""
        for rx in _EQUALS:
            m = rx.search(s)
            if m is None or any(a < m.end() and m.start() < b for a, b in done):
                continue
            x, y = m.group("x").strip(), m.group("y").strip()
            kept, own = len(self.found.entries), len(self.found.own)
            try:
                # 'it' is an answer named before the comparison, never its other operand
                self.pronouns = {t: self._it(s, m.start()) for t in (x, y) if _IT.fullmatch(t)}
                self._binary(Q.SAME_AS.key, x, y, parts, m.span(), about)
            except Unresolved:
                del self.found.entries[kept:]
                del self.found.own[own:]
                if m.groupdict().get("eq"):
                    continue
                raise
            finally:
                self.pronouns = {}
            last = self.found.entries[-1]
            if not any(isinstance(last[k], dict) and "part" in last[k] for k in ("of", "to")):
                del self.found.entries[kept:]
                del self.found.own[own:]
                return
            claim(m, Q.SAME_AS.key)
            return

    def _evaluate(self, s: str, parts: list[str], about: Any, done: list[tuple[int, int]],
                  claim: Any) -> None:
        """'Evaluate q(θ) = ... at the limits from (a) and (b)': one value-at entry per
        answer named after 'at', the formula's variable its written argument or the one
        symbol the text gives no value, every other symbol the value the text gives it.
        Raises Unresolved naming the formula, a symbol or an operand it cannot place."""
        m = evaluation_at(s, self.pb)
        if m is None or any(a < m.end() and m.start() < b for a, b in done):
            return
        from optiproof.core.mathparse import try_parse_math

        text, expr, variable = _formula(m.group("f"))
        named = getattr(try_parse_math(variable), "name", None) if variable else None
        names = sorted({re.sub(r"_\d{1,2}$", "", x.name) for x in expr.free_symbols})
        usual = [n for n in names if n in ("theta", "w", "x", "z", "u", "v", "d")]
        if named is None and len(usual) == 1:   # θ is the variable even where θ_0 = 0 is given
            named = usual[0]
        data, free = {}, []
        for sym in sorted(expr.free_symbols, key=lambda x: x.name):
            literal = _literal(sym.name, self.pb) \
                if re.sub(r"_\d{1,2}$", "", sym.name) != named else None
            if literal is not None:
                data[sym.name] = literal
            else:
                free.append(sym.name)
        bases = {re.sub(r"_\d{1,2}$", "", n) for n in free}
        if named is not None and bases - {named}:
            raise Unresolved(f"'{text}': the symbol(s) {', '.join(sorted(bases - {named}))} have "
                             "no value in the text")
        if named is None and len(bases) != 1:
            raise Unresolved(f"'{text}': which symbol is the variable is not clear (no value "
                             f"for {', '.join(sorted(bases)) or 'any'}; expected one)")
        variable = named or bases.pop()
        at = re.split(r",? (?:and |then )?(?:say|state|tell|give|determine|find|decide|compare|"
                      r"which|is|are|does|do|what|how|check)\b", m.group("at"))[0]
        pieces = [p.strip() for p in re.split(r",? (?:and|&) (?:at )?|, (?:at )?|; ", at)
                  if p.strip()]
        lead = re.match(r"^(?P<w>.{2,40}?\b(?:from|in|of|for)) \(", pieces[0]) if pieces else None
        for piece in pieces:
            piece = re.sub(r",? (?:respectively|each|both)$", "", piece)
            if lead and re.fullmatch(r"\((?:[a-h]|\d{1,2}|[ivx]{1,4})\)", piece):
                piece = f"{lead.group('w')} {piece}"   # 'the limits from (a) and (b)'

            x = self._value(piece, parts, about=about)
            if not isinstance(x, dict):
                raise Unresolved(f"'{piece}' names no answer of the problem")
            self.found.entries.append({"kind": Q.VALUE_AT.key, "of": x, "formula": text,
                                       "variable": variable, **({"data": data} if data else {}),
                                       "label": f"{text[:50]} at {piece[:26]}"})
        self.pb.computed += [e for e in self.found.entries if e["kind"] == Q.VALUE_AT.key]
        # only up to the last answer named: 'and say which of the two is smaller' after it is
        # a request of its own
        claim(re.match(rf"(?s).{{{m.start()}}}(.{{{m.start('at') + len(at.rstrip()) - m.start()}}})",
                       s), Q.VALUE_AT.key, group=1)

    def _order(self, s: str, parts: list[str], about: Any, done: list[tuple[int, int]],
               claim: Any) -> None:
        """'Is it more, less or equal?' (:data:`_ORDERS`): an order entry of the two operands;
        'it' is the answer the part asked before it (any kind), a second operand not written
        is what the sentence compares with ('Compare with ring all-reduce'), of the same
        quantity. Raises Unresolved naming what it cannot place."""
        for rx in _ORDERS:
            m = rx.search(s)
            if m is None or any(a < m.end() and m.start() < b for a, b in done):
                continue
            x = m.group("x").strip()
            y = (m.group("y") or "").strip()
            w = None
            if not y:
                w = _COMPARE_WITH.search(s[:m.start()])
                w = w or _COMPARE_WITH.search(self.pb.texts.get(self.pb.label, ""))
                if w is None:
                    raise Unresolved(f"'{m.group(0).strip()}': what it is compared with is not "
                                     "said (expected e.g. 'compare with (a)', 'than T_ring')")
                y = w.group("y").strip()
                if _named_subject(y, self.pb) is not None or re.fullmatch(
                        r"(?:part )?\((?:[a-h]|\d{1,2})\)", y):
                    y = f"that of {y}"   # 'Compare with ring all-reduce': its same quantity
            y = re.sub(r"^(?:in|for|with) (?=(?:part )?\()", "that of ", y)  # 'than in (a)'
            self.pronouns = {t: self._it_any(s, m.start()) for t in (x, y) if _IT.fullmatch(t)}
            try:
                self._binary(Q.ORDER.key, x, y, parts, m.span(), about)
            finally:
                self.pronouns = {}
            claim(m, Q.ORDER.key)
            if w is not None and s.startswith(w.string):   # 'Compare with (a):' says what
                claim(w, Q.ORDER.key)
            return

    def _it_any(self, s: str, at: int, word: str = "it") -> dict:
        """The answer 'it' (``word``) stands for in an order comparison or a ratio: the last
        quantity this part asks before it (in the request, else in the part's text), of any
        kind."""
        own = self.pb.texts.get(self.pb.label, "")
        here = own.find(s[:40]) if s[:40] else -1
        clauses = [c for c in reversed(re.split(r",| and | then |; |: ", s[:at])) if c.strip()]
        sentences = list(reversed(re.split(r"(?<=[.?!])\s+", own[:here] if here > 0 else "")))
        for clause in [*clauses, *sentences]:
            q = _quantity(clause, self.pb.answers)
            if q is not None and q not in DERIVED_KEYS:
                # of the one scheme or optimizer the part is about, if it names one
                subject = _named_subject(clause, self.pb) or _one_subject(self.pb.current)
                q = _own_quantity(self.pb, q, clause.strip())
                return self._ref(Operand(clause.strip(), self.pb.label, q, subject=subject))
        raise Unresolved(f"'{word}' in '{s[max(0, at - 30):at + 30].strip()}': the answer it "
                         "stands for is not asked before it")

    def read(self, sentence: str, start: int, lone: bool = False) -> Found:
        """The derived entries of one request (raises Unresolved, naming the operand): its
        ratios, sums, differences and equalities, or (``lone``) its norms and distances."""
        s = self.sentence = sentence
        parts = [p.lower() for p in re.findall(r"\(([a-h]|\d{1,2}|i{1,3}|iv|vi{0,3}|ix|x)\)",
                                               _labels_as_refs(s, self.pb.texts))
                 if p.lower() in self.pb.texts]
        abouts = [(m, m.group("part").lower()) for m in _ABOUT.finditer(s)]
        about = [(label, q) for m, label in abouts if label in self.pb.texts
                 and (q := _quantity(m.group("noun"), _answers_of(self.pb, label)))]
        offered = len(about)
        ratio = _RATIO_WORD.search(s)
        done: list[tuple[int, int]] = []

        def claim(m: re.Match, kind: str, group: int = 0) -> None:
            done.append(m.span(group))
            self.found.spans.append((start + m.start(group), start + m.end(group)))
            self.found.kinds.append((kind, m.group(group), start + m.start(group),
                                     start + m.end(group)))

        slash = _SLASH.search(s) if not lone else None
        if lone:
            ratio = None
        if slash and not ratio and _ASKED_BEFORE.search(s[max(0, slash.start() - 40):
                                                            slash.start()]):
            kept = len(self.found.entries)
            try:  # "Compute ρ_1/ρ_2": a ratio when both are answers, else not one
                self._binary(Q.RATIO.key, slash.group("x"), slash.group("y"), parts,
                             slash.span(), about)
                claim(slash, Q.RATIO.key)
            except Unresolved as why:
                del self.found.entries[kept:]
                self.skipped.append(str(why))
            slash = None
        if lone and self.pb.reference:
            self._changes(s, start, claim)
        of_norms = _RATIO_OF_NORMS.search(s) if ratio else None
        if of_norms:
            # 'the ratio ‖..‖_F / ‖..‖_F of the Frobenius norms of the two minimisers found in
            # (a) and (c)': the words say which answers, whatever the formula's symbols
            self._ratio_of_norms(of_norms)
            claim(of_norms, Q.RATIO.key)
        elif ratio and slash:
            self._binary(Q.RATIO.key, slash.group("x"), slash.group("y"), parts, slash.span(),
                         about)
            claim(slash, Q.RATIO.key)
        elif ratio:
            m = _FACTOR_IN.search(s) or _TIMES.search(s) or _COMPARED.search(s) or \
                _FACTOR.search(s) or \
                _RATIO_OF.search(s) or _DIVIDED.search(s)
            if m is None:
                raise Unresolved("the two quantities of the ratio are not named (expected "
                                 "'the ratio of your answer in (b) to your answer in (c)' or "
                                 "'‖u‖_2 / ‖v‖_2')")
            x, y = m.group("x"), m.group("y")
            if m.re is _FACTOR_IN:   # "the decrease (−gᵀu*) larger in (a) than in (b)"
                x = f"{_FORMULA_AFTER.sub('', x)} {m.group('at')}"
            tail = _SUBJECT_AFTER.match(s, m.end("y"))
            if tail and _named_subject(y, self.pb) is None and \
                    _named_subject(tail.group(0), self.pb) is not None:
                y += tail.group(0)   # "the ratio of that to the bytes one GPU receives in the
                #                      ring scheme": the second operand's scheme
            if m.re not in (_RATIO_OF, _DIVIDED) and (m.group("dir") or "").lower() in (
                    "smaller", "less", "shorter"):
                x, y = y, x  # "how many times smaller is A than B": B / A
            # "the number of bytes the server receives, and the ratio of that to ...": 'that'
            # is the quantity the part asks just before it
            self.pronouns = {t.strip(): self._it_any(s, m.start(g), t.strip()) for t, g in
                             ((m.group("x"), "x"), (m.group("y"), "y")) if _IT.fullmatch(t.strip())}
            try:
                measure = measure_of(s) if m.re in (_TIMES, _COMPARED) else None
                if m.re is _RATIO_OF:   # "the ratio of the Euclidean lengths of the step in
                    x, y = distributed_label(x, y)
                    measure = operand_measure(x, y)   # (b) to the step in (a)"
                    if measure is not None:
                        x, y = measured_operand(x), measured_operand(y)
                self._binary(Q.RATIO.key, x, y, parts, m.span(), about, measure=measure)
                claim(m, Q.RATIO.key)
            except _FamilysOwn:
                pass   # "how many times longer (in ℓ2) is this step than (a)'s": the family's
            finally:
                self.pronouns = {}
        if not lone:
            depends = [*_DEPENDS_ASKED.finditer(s)] or [*_DEPENDS.finditer(s)]
            self._each(depends, Q.DEPENDS_ON.key, done, claim,
                       lambda m: self._depends(m, s, parts, about))
        if not lone:
            self._evaluate(s, parts, about, done, claim)
            self._equality(s, parts, about, done, claim)
            self._order(s, parts, about, done, claim)
        for rx, kind in ((_SUM_OF, Q.SUM.key), (_DIFFERENCE_OF, Q.DIFFERENCE.key)):
            m = rx.search(s) if not lone else None
            if m and not any(a < m.end() and m.start() < b for a, b in done):
                kept = len(self.found.entries)
                self._binary(kind, m.group("x"), m.group("y"), parts, m.span(), about)
                last = self.found.entries[-1]
                if kind == Q.SAME_AS.key and not any(
                        isinstance(last[k], dict) and "part" in last[k] for k in ("of", "to")):
                    # two answers of this part compared: the family's own question (is the
                    # limit the minimum-norm solution?), not a derived one
                    del self.found.entries[kept:]
                    self.found.own = [o for o in self.found.own if o[1].strip() not in
                                      (m.group("x").strip(), m.group("y").strip())]
                    continue
                claim(m, kind)
        if not lone:
            self._which(s, start, parts, done)
        for m in _DISTANCE_BETWEEN.finditer(s) if lone else ():
            if any(a <= m.start() < b for a, b in done):
                continue
            kept = len(self.found.entries)
            try:
                noun = m.group("noun") or ""
                x, y = (self._item_of_part(m.group(g).lower(), noun, "", None)
                        if m.group(g).lower() in self.pb.texts else None for g in ("p1", "p2"))
                if x is None or y is None:
                    raise Unresolved(f"'{m.group(0)}' names a part the text does not have")
                if x == y:   # both read as this part's own answer at its own settings
                    raise Unresolved(f"'{m.group(0)}': this part sets its own values, and the "
                                     "two answers are then not told apart")
                norm = self._compared_norm(f"{m.group('name') or ''} norm")
                self.found.entries.append(self._with_p({"kind": Q.DISTANCE.key, "of": x,
                                                        "to": y, "norm": norm}))
                claim(m, Q.DISTANCE.key)
            except Unresolved as why:
                del self.found.entries[kept:]
                self.skipped.append(str(why))
        if lone:
            self._each(list(_HOW_FAR.finditer(s)), Q.DISTANCE.key, done, claim,
                       lambda m: self._how_far(m, s, parts, about))
        for m in _ITS.finditer(s) if lone else ():
            if any(a <= m.start() < b for a, b in done):
                continue
            kept = len(self.found.entries)
            try:
                self._its(m, s, parts, about)
                done.append(m.span())
                kind = Q.NORM_OF.key if m.group("what").lower() == "norm" else Q.DISTANCE.key
                self.found.spans.append((start + m.start(), start + m.end()))
                self.found.kinds.append((kind, m.group(0), start + m.start(), start + m.end()))
            except Unresolved as why:
                del self.found.entries[kept:]
                self.skipped.append(str(why))
        for m in _NORM.finditer(s) if lone else ():
            if any(a <= m.start() < b for a, b in done) or "·" in m.group("inner") or \
                    not _ASKED_BEFORE.search(s[max(0, m.start() - 40):m.start()]) or \
                    _COMPARED_AFTER.match(s, m.end()) or m.group("square"):
                continue
            inner = m.group("inner")
            pieces = re.split(r" ?[-−] ?(?=[^\s])", inner, maxsplit=1)
            norm = _norm_key(m.group("index"), N.L2.key)
            kept = len(self.found.entries)
            try:
                if norm is None:
                    raise Unresolved(f"the norm '{m.group(0)}' is not one the reading knows")
                if len(pieces) == 2:
                    a = self._value(pieces[0], parts, about=about)
                    b = self._value(pieces[1], parts, about=about)
                    if not isinstance(a, dict):
                        a, b = b, a  # ‖w_0 − w_∞‖ = ‖w_∞ − w_0‖
                    if not isinstance(a, dict):
                        raise Unresolved(f"'{m.group(0)}' names no answer")
                    self.found.entries.append(self._with_p({"kind": Q.DISTANCE.key, "of": a,
                                                            "to": b, "norm": norm}))
                    claim(m, Q.DISTANCE.key)
                else:
                    self._norm_entry(m, parts, about)
                    claim(m, Q.NORM_OF.key)
                named = _NAMED_BEFORE.search(s[max(0, m.start() - 60):m.start()])
                if named and named.group("noun").lower() == ("distance" if len(pieces) == 2
                                                             else "norm"):
                    # "the distance travelled, ‖θ_∞ − θ_0‖_2": the words the norm restates
                    lo = m.start() - len(named.group(0))
                    done.append((lo, m.start()))
                    self.found.spans.append((start + lo, start + m.start()))
            except Unresolved as why:
                del self.found.entries[kept:]
                self.skipped.append(str(why))
        for m in _NORM_OF_WORDS.finditer(s) if lone else ():
            if any(a <= m.start() < b for a, b in done) or \
                    re.search(r"\bsquared?\s*$", s[max(0, m.start() - 10):m.start()], re.I) or \
                    re.match(r"squared?\b", m.group(0), re.I):
                continue   # the squared norm is not the norm
            name = (m.group("name") or "").lower()
            named = N.NORMS.get(name) if name and not re.match(r"(?:ℓ|l)_?\{?[\d∞p]|(?:ℓ|l)_?\{?inf",
                                                                name) else None
            norm = N.L2.key if name in ("", "euclidean") else named.key if named else \
                _norm_key(re.sub(r"^(?:ℓ|l)_?\{?|\}$", "", name))
            before = _NORM_QUALIFIER.search(s[max(0, m.start() - 21):m.start()]) if not name \
                else None
            kept = len(self.found.entries)
            try:
                if before and not _NOT_A_QUALIFIER.match(before.group("word")):
                    raise Unresolved(f"the norm in '{before.group('word')} {m.group(0)}' is not "
                                     "one the reading knows")
                if norm is None:
                    raise Unresolved(f"the norm in '{m.group(0)}' is not one the reading knows")
                x = self._value(m.group("x"), parts, about=about)
                self.found.entries.append(self._with_p({"kind": Q.NORM_OF.key, "of": x,
                                                        "norm": norm, "label": m.group(0)}))
                claim(m, Q.NORM_OF.key)
            except Unresolved as why:
                del self.found.entries[kept:]
                self.skipped.append(str(why))
        refs = [e.get(k) for e in self.found.entries for k in ("of", "to")]
        refs = {(x.get("part"), x.get("quantity")) for x in refs if isinstance(x, dict)}
        for m, label in abouts:  # "for the limit in (a)" says which answer an operand is
            q = _quantity(m.group("noun"), _answers_of(self.pb, label)) \
                if label in self.pb.texts else None
            if (label, q) in refs or len(about) < offered:
                self.found.spans.append((start + m.start(), start + m.end()))
        for rx in _DEFINITIONS:  # "where θ_min is the minimum-norm solution" asks nothing
            for m in rx.finditer(s):
                if key(m.group("sym")) in self.used:
                    self.found.spans.append((start + m.start(), start + m.end()))
        return self.found


_EVALUATE_AT = re.compile(
    r"\b(?:evaluate|compute|calculate|what is|what's|what are|give|find|report|state)\b(?: the "
    r"values? of| the)? (?P<f>(?:(?!,? (?:and|or|then) )[^?;]){1,80}?) at (?!(?:which|what|where|"
    r"how|least|most|first|last|once|any|all|every|each (?:step|iteration)|time|step|iteration|"
    r"rate|random|a rate|a time)\b)(?:the |both |each of |all |your )?(?P<at>[^?;.]{1,80})", re.I)
"""'Evaluate q(θ) = ... at the limits from (a) and (b)', 'the value of the data-fit term ... at
the point from (c)': a formula evaluated at answers of the problem."""
_FORMULA_LIKE = re.compile(r"[=^‖|²*+]|[A-Za-zθ]_\{?\d|(?<![\w])[A-Za-zθφψ] ?\( ?[A-Za-zθ]")
"""A formula written out (not a quantity named in words: 'the value of the objective at d*' is
the family's own question)."""
_ANSWER_NOUN = re.compile(r"\((?:[a-h]|\d{1,2}|i{1,3}|iv|vi{0,3})\)|\b(?:limits?|solutions?|points?|"
                          r"minimi[sz]ers?|answers?|results?|iterates?|interpolants?)\b", re.I)


def evaluation_at(sentence: str, pb: Problem) -> re.Match | None:
    """The formula a request evaluates at answers of the problem ('Evaluate wᵀP⁻¹w at w_∞
    and at w^†', 'the value of the data-fit term ½‖Xθ − y‖² at the point from (c)'), or None
    when it asks no such thing. A request with one that is not read is refused, never read as
    asking for the answers it names."""
    m = _EVALUATE_AT.search(sentence)
    if m is None or not _FORMULA_LIKE.search(m.group("f")):
        return None
    at = m.group("at")
    if re.match(rf"\s*{_SYM} ?= ?[-−]?\d", at):
        return None   # 'max_i |1 − lr λ_i| at lr = 0.3': a setting of the formula, no answer
    table = pb.table if pb.table is not None else symbols(pb)
    named = [t for t in re.findall(rf"(?<![\w^_]){_SYM}(?![\w^_])", at)
             if not _WORD.fullmatch(t) and (key(t) in table or _MIN_NORM_SUB.match(t))]
    return m if named or _ANSWER_NOUN.search(at) else None


_CALL = re.compile(r"^\s*[A-Za-zφψ][\w]{0,8} ?\( ?(?P<v>[A-Za-zθ][\w]{0,6}) ?\)\s*$")
"""The left side of 'q(θ) = ...': the formula's name and its variable."""


def _formula(words: str) -> tuple[str, Any, str | None]:
    """The formula in the words before 'at' (the longest tail that parses: 'the data-fit
    term ½‖Xθ − y‖²' -> '½‖Xθ − y‖²'), its parsed expression, and its variable when written
    as 'q(θ) = ...'. Raises Unresolved."""
    from optiproof.core.mathparse import try_parse_math

    text = re.sub(r" ?\([^()]{0,40}=[^()]{0,40}\)\s*$", "", words.strip())  # '(D = diag(..))'
    variable = None
    if "=" in text:
        left, _, right = text.rpartition("=")
        call = _CALL.match(re.sub(r"^.*?\b(?=[A-Za-zφψ][\w]{0,8} ?\()", "", left))
        if call is None:
            raise Unresolved(f"'{words.strip()}': the formula evaluated is not read (expected "
                             "e.g. 'q(θ) = 4θ_1^2 + θ_2^2')")
        variable, text = call.group("v"), right.strip()
    starts = [0, *(m.end() for m in re.finditer(r"(?<=[A-Za-z,:]) ", text))]
    for i in starts:
        tail = text[i:].strip()
        if not re.search(r"[=^‖|²()_*/+\-]|\\|(?<![A-Za-z])[A-Za-zθ]\w{0,2}(?![a-z])", tail):
            continue
        if re.match(r"[a-z]{3,}\b", tail):   # a word, not a formula
            continue
        expr = try_parse_math(tail)
        if expr is not None and getattr(expr, "free_symbols", None):
            return tail, expr, variable
    raise Unresolved(f"'{words.strip()}': the formula evaluated is not read (expected e.g. "
                     "'evaluate q(θ) = 4θ_1^2 + θ_2^2 at the limit from (a)')")


_CUE = re.compile(r"‖|/|\bat\b|\bcompare\b|\bor (?:equal|the same)\b|\b(?:more|larger|bigger|greater|"
                  r"less|smaller) or\b|\bchange\b|\bhow far\b|\bdepends? on\b|\bindependent of\b|\bdiffer\b|\bratio\b|\bby what factor\b|\bhow many times\b|\bcompared (?:with|to)\b|\bsum of\b|"
                  r"\bdivided by\b|\bwhich (?:one )?of\b|\bwhich one\b|\bwhich is which\b|\bwhich (?:scheme|"
                  r"collective|algorithm|approach|strategy|method|optimi[sz]er|variant|norm)\b|"
                  r"\bdistance between\b|"
                  r"\bits (?:own )?(?:[^\s]{1,10}[ -])?(?:norm|distance)\b|"
                  r"\bdifference (?:between|of)\b|\bnorm of\b|^(?:is|are) [^?]{1,60}\b(?:equal "
                  r"to|the same as|identical to)\b|\b(?:is|are|was|were) [^?]{1,60}(?:\bequal to\b|"
                  r"\bthe same\b|\bidentical\b|=)|\b(?:does|do) [^?]{1,60}\b(?:equal|match)\b", re.I)


def read_request(sentence: str, start: int, pb: Problem, lone: bool = False) -> Found | None:
    """The derived entries of a request sentence, or None when it has none; raises
    Unresolved when it has one whose operand does not resolve. Ratios, sums, differences and
    equalities are read first (before the family's reader takes the part's asks); a norm or
    distance on its own (``lone``) only where the family's reader left its ask untaken."""
    if not _CUE.search(sentence):
        return None
    found = Reader(pb).read(sentence, start, lone)
    if not found.entries or not any(_refers(e) for e in found.entries):
        return None
    return found


_REQUEST_WORDS = re.compile(r"\b(?:what(?:'s| is| are)?|and|also|give|compute|find|state|report|"
                            r"the|its|their|is|are)\b", re.I)
"""Words that only make the item a request ("what's its l1 norm?" around the norm read)."""


def _uncovered(request: Request, spans: list[tuple[int, int]]) -> tuple[str, ...]:
    """The request's unplaced items that are not inside a derived quantity read (all but
    punctuation of "(b) has the smaller ℓ∞ norm?" within "which of ... ℓ∞ norm")."""
    out = []
    for item in request.unplaced:
        at = request.sentence.find(item)
        lo = request.start + at
        rest = [c for i, c in enumerate(item)
                if not any(a <= lo + i < b for a, b in spans)]
        left = _REQUEST_WORDS.sub(" ", "".join(rest))
        if at < 0 or re.search(r"\w", left):
            out.append(item)
    return tuple(out)


def _refers(entry: dict) -> bool:
    """True when an entry has an operand that is an answer (not only literals)."""
    return any(isinstance(entry.get(k), dict) for k in ("of", "to")) or \
        any(isinstance(x, dict) for x in entry.get("among") or ())


# --------------------------------------------------------------------------- in accounting

_WORD = re.compile(r"[A-Za-z][a-z]{2,}|[aAI]")
"""A word, not a symbol ("limit", "a")."""
_NAMED_AFTER = re.compile(rf"^ ?({_SYM})(?=[ ,.;:?)]|$)(?! ?=)")
_NAMED_NEXT = re.compile(rf"(?: ?,| ?,? and) ({_SYM})(?=[ ,.;:?)]|$)(?! ?=)")


def named_symbols(r: PartReading, questions: Questions, hooks: Any) -> dict[str, str]:
    """The symbols a part's requests ask (symbol -> quantity): a bare symbol after a request
    verb the family resolves ("Compute θ_∞"), and one written right after or at the end of a
    quantity it names ("the completion time T_PS", "Compute u")."""
    out: dict[str, str] = {}
    for request in questions.requests:
        inside = [(request.start + m.start(), request.start + m.end())
                  for rx in (_NORM, _SLASH) for m in rx.finditer(request.sentence)]
        for ask in request.asks:
            if any(lo <= ask.start < hi for lo, hi in inside):
                continue   # an operand of a norm or ratio, not a symbol the part defines
            if ask.quantity is None:
                q = hooks.symbol(r, ask.phrase)
                if q:
                    out.setdefault(ask.phrase, q)
                continue
            if ask.quantity in DERIVED_KEYS:   # "the ratio ρ_2 / ρ_1" names no answer
                continue
            if re.fullmatch(_SYM, ask.phrase.strip()) and not _WORD.fullmatch(ask.phrase.strip()):
                # an ask written as its symbol ("T_ring")
                out.setdefault(ask.phrase.strip(), ask.quantity)
                continue
            after = request.sentence[ask.end - request.start:]
            m = _NAMED_AFTER.match(after) or _NAMED_AFTER.match(
                ask.phrase.rsplit(" ", 1)[-1] if " " in ask.phrase else "")
            while m and (not _WORD.fullmatch(m.group(1)) or _subject(m.group(1))):
                # a word-like symbol whose tail names a scheme: "Tring" (T_ring, PDF copy)
                out.setdefault(m.group(1), ask.quantity)   # "the times T_PS and T_ring"
                if m.string is not after:
                    break
                m = _NAMED_NEXT.match(after, m.end())
    return out


class DerivedPass:
    """The derived quantities of one part's requests, read in two passes around the family's
    reader: ratios, sums, differences and equalities first (their operands are not the part's
    own asks: "‖u‖_2" inside a ratio is no step length of this part), then the norms and
    distances the family's reader left untaken. Each pass sets the part's ``derived`` field,
    places the asks it covers, and asks the family for what the operands need of this part. A
    part that asks only derived quantities asks its family nothing else (``asks: []``), and a
    setting it does not state is the earlier part's whose answer it uses."""

    def __init__(self, r: PartReading, hooks: Any, problem: dict | None):
        self.r, self.hooks = r, hooks
        problem = problem or {}
        self.previous = list(problem.get("previous", []))
        texts = problem.get("texts", {})
        self.pb = Problem(r.label, texts, problem.get("context", ""), self.previous,
                          tuple(hooks.answers), dict(r.named), current=r,
                          refine=(lambda q, phrase: hooks.operand_quantity(r, q, phrase))
                          if hasattr(hooks, "operand_quantity") else None,
                          equal=(lambda other, q: hooks.equal_answer(other, q)
                                 if other is not None and other.family == r.family else None)
                          if hasattr(hooks, "equal_answer") else None,
                          proportional=(lambda other, q: hooks.proportional_answer(other, q)
                                        if other is not None and other.family == r.family
                                        else None)
                          if hasattr(hooks, "proportional_answer") else None) \
            if r.label in texts else None
        self.placed: dict[tuple[int, int], str] = {}
        self.unresolved: dict[str, str] = {}
        self.extra: list[tuple[str, str]] = []
        self.only = False

    def kinds(self) -> list[str]:
        return [d["kind"] for d in self.r.value(DERIVED_FIELD) or [] if isinstance(d, dict)]

    def first(self, questions: Questions) -> Questions:
        return self._pass(questions, lone=False, taken=())

    def _subjects(self) -> None:
        """Each scheme or optimizer an operand of this part names joins the part's list of
        them ("the ratio (A2A total volume)/(ring total volume)" in a part whose own text names
        only the ring); when the part has no such list, the derived quantity is refused."""
        from optiproof.catalogue import KINDS

        r = self.r
        wanted = [op["subject"] for e in r.value(DERIVED_FIELD) or [] if isinstance(e, dict)
                  for op in (e.get("of"), e.get("to"))
                  if isinstance(op, dict) and "part" not in op and op.get("subject")]
        for subject in dict.fromkeys(wanted):
            if any(subject in _values(f.value) for f in r.fields.values()
                   if f.name != DERIVED_FIELD):
                continue
            kind = _kind_of(subject)
            listed = next((f for f in r.fields.values() if isinstance(f.value, list) and
                           f.value and all(isinstance(v, str) and KINDS[kind].get(v)
                                           is not None for v in f.value)), None)
            if listed is None:   # the field an earlier part lists it in
                name = next((f.name for p in self.previous for f in p.fields.values()
                             if p.family == r.family and isinstance(f.value, list)
                             and subject in f.value), None)
                if name is None or (name in r.fields and r.fields[name].value):
                    r.miss(DERIVED_FIELD, f"an operand is the '{subject}' answer of this part, "
                                          "which the part does not solve for (expected the "
                                          "method named in the part, or 'your answer in (a)')")
                    continue
                r.set(name, [*(r.value(name) or []), subject],
                      "; ".join(dict.fromkeys(self.placed.values())),
                      note=f"{subject}: named by an operand of a derived quantity")
                continue
            r.set(listed.name, [*listed.value, subject], listed.source,
                  note=f"{subject}: named by an operand of a derived quantity")

    def family_asks(self, questions: Questions) -> list[tuple[str, str]]:
        """What the family's reader takes: the part's asks not placed here, and what the
        operands need of this part."""
        resolved = [(a.quantity or self.hooks.symbol(self.r, a.phrase), a.phrase)
                    for a in questions.asks if (a.start, a.end) not in self.placed]
        return [(q, phrase) for q, phrase in resolved if q] + self.extra

    def second(self, questions: Questions) -> Questions:
        self._subjects()   # after the family's reader took the part's asks
        taken = [*self.hooks.asked(self.r), *self.kinds(), *self.r.answered_by]
        self._answered_by()
        before = len(self.placed)
        self.extra = []
        questions = self._pass(questions, lone=True, taken=taken)
        if len(self.placed) > before and (self.extra or self.only):
            self.hooks.take(self.r, self.extra)
        if self.only:   # what the family's reader found missing after the first pass
            self._borrowed()
        if self.placed:
            self._superseded()
        return questions

    def _answered_by(self) -> None:
        """An operand named by a quantity its part's family answers by another ('the rate' of a
        part whose rate is the optimal rate): the answer that answers it."""
        r = self.r
        readings = {p.label: p for p in self.previous if p.family == r.family}
        for e in r.value(DERIVED_FIELD) or []:
            for x in (e.get("of"), e.get("to")) if isinstance(e, dict) else ():
                if not isinstance(x, dict) or x.get("subject") is not None:
                    continue   # an answer of a named subject is that subject's own quantity
                owner = r if x.get("part") in (None, r.label) else readings.get(x["part"])
                by = getattr(owner, "answered_by", None) or {}
                asks = [a if isinstance(a, str) else a.get("kind") for a in
                        (owner.value(self.hooks.ask_field) or [] if owner is not None and
                         self.hooks.ask_field else [])]
                q = x.get("quantity")
                if by.get(q) is not None and q not in asks and by[q] in asks and \
                        by[q] not in DERIVED_KEYS:   # only a quantity its asks do not answer
                    x["quantity"] = by[q]

    def _pass(self, questions: Questions, lone: bool, taken: Any) -> Questions:
        if self.pb is None:
            return questions
        self.pb.reference = questions.reference
        entries, sources, requests = [], [], []
        for request in questions.requests:
            open_asks = [a for a in request.asks
                         if (a.quantity or self.hooks.symbol(self.r, a.phrase)) not in taken]
            found = None
            if not lone or open_asks or request.unplaced:
                try:
                    found = read_request(request.sentence, request.start, self.pb, lone)
                except Unresolved as why:
                    if not lone:
                        self.unresolved[request.sentence] = str(why)
            shape = evaluation_at(request.sentence, self.pb) if not lone else None
            if shape is not None and any(   # "the value gᵀd at the solution": a quantity's words
                    a.quantity and a.quantity not in DERIVED_KEYS and
                    a.start <= request.start + shape.start() < a.end for a in request.asks):
                shape = None
            if shape is not None and not (found and any(k == Q.VALUE_AT.key
                                                        for k, _, _, _ in found.kinds)):
                self.r.miss(f'question "{request.sentence[:40]}"', self.unresolved.get(
                    request.sentence, f"'{shape.group(0).strip()}' evaluates a formula at answers "
                    "of the problem, which the reading could not read (expected e.g. 'evaluate "
                    "q(θ) = 4θ_1^2 + θ_2^2 at the limit from (a)')"))
            covers = found is not None and all(
                any(a.start < hi and lo < a.end for lo, hi in found.spans) for a in open_asks)
            if found is None or (lone and not covers):
                requests.append(request)
                continue
            keep = [a for a in request.asks if (a.quantity in DERIVED_KEYS and not any(
                        # a derived phrase inside another derived reading is its wording
                        # ('Compare with (a): is it more, less or equal?' is one order)
                        k != a.quantity and lo <= a.start and a.end <= hi
                        for k, _, lo, hi in found.kinds)) or
                    not any(a.start < hi and lo < a.end for lo, hi in found.spans)]
            added = [Ask(kind, phrase, lo, hi) for kind, phrase, lo, hi in found.kinds
                     if not any(a.quantity == kind and a.start < hi and lo < a.end
                                for a in keep)]
            kinds = {k for k, _, _, _ in found.kinds}
            self.placed.update({(a.start, a.end): a.phrase for a in [*keep, *added]
                                if a.quantity in kinds})
            self.placed.update({(lo, hi): phrase for _, phrase, lo, hi in found.kinds})
            requests.append(Request(request.sentence, request.start,
                                    tuple(sorted([*keep, *added], key=lambda a: a.start)),
                                    request.proof, _uncovered(request, found.spans)))
            entries += found.entries
            self.extra += found.own
            sources += [phrase for _, phrase, _, _ in found.kinds]
        if not entries:
            return questions
        before = [self.r.fields[DERIVED_FIELD].source] if DERIVED_FIELD in self.r.fields else []
        had = [_without_label(e) for e in self.r.value(DERIVED_FIELD) or []]
        entries = [e for e in entries if _without_label(e) not in had]   # asked once
        self.r.set(DERIVED_FIELD, [*(self.r.value(DERIVED_FIELD) or []), *entries],
                   "; ".join(dict.fromkeys([*before, *sources])))
        out = Questions(tuple(requests), questions.transformations, questions.reference)
        if all(a.quantity in DERIVED_KEYS for a in out.asks):
            self.only = True
            if self.hooks.ask_field:   # the family is asked only what the operands need
                self.r.fields.pop(self.hooks.ask_field, None)
                self.r.missing = [m for m in self.r.missing if m.name != self.hooks.ask_field]
            self._borrowed()
        return out

    def _borrowed(self) -> None:
        """A setting the part does not state is that of the earlier part (same family) whose
        answer an operand is, noted as such, rather than a gap."""
        r = self.r
        labels = [x.get("part") for e in r.value(DERIVED_FIELD) or [] if isinstance(e, dict)
                  for x in (e.get("of"), e.get("to"), *(e.get("among") or ()))
                  if isinstance(x, dict)]
        source = next((p for label in labels if label for p in self.previous
                       if p.label == label and p.family == r.family and not p.missing), None)
        if source is None:
            return
        for m in list(r.missing):
            f = source.fields.get(m.name)
            if f is not None and m.name.isidentifier():
                r.set(m.name, f.value, f.source, note=f"part ({source.label})'s, for the "
                                                      "derived quantities of its answers")

    def _superseded(self) -> None:
        """What the family's reader could not place but this reading did (a ratio of two
        answers it could not tell apart) is no longer missing; a part that asks its family
        nothing says so (``asks: []``, never the family's default questions)."""
        r, field_ = self.r, self.hooks.ask_field
        phrases = [p for p in self.placed.values() if len(p) > 3]
        r.missing = [m for m in r.missing if not any(p in m.reason for p in phrases)]
        if self.only and field_ and field_ not in r.fields and \
                not any(m.name == field_ for m in r.missing):
            r.set(field_, [], "; ".join(dict.fromkeys(self.placed.values())),
                  note="only derived quantities are asked")
            # an ask the family had placed as one of its own quantities (a ratio of two step
            # lengths as its length comparison) is now answered by the derived quantities
            kinds = set(self.kinds())
            for key, by in list(r.answered_by.items()):
                if by not in kinds and by not in DERIVED_KEYS:
                    del r.answered_by[key]


def _without_label(entry: Any) -> Any:
    """A derived ask without its label: two entries that differ only in how they are named
    (``‖θ_∞‖_1`` beside 'l1 norm of the gd limit', read by the family) are one ask."""
    return {k: v for k, v in entry.items() if k != "label"} if isinstance(entry, dict) else entry
