"""Least-squares data written in words and lists rather than as a matrix.

Each finder returns :class:`datatext.Rows` or a :class:`datatext.Refusal` naming the phrase it
could not take (never a guess):

- :func:`vector_table_rows`: a table (Markdown or ASCII, cells split by ``|``) with one column of
  feature vectors (``x``, ``x_i``, ``features``, ``input``) and one column of targets (``y``,
  ``y_i``, ``target``, ``label``); an index column (``i``, ``#``, ``example``) is skipped;
- :func:`listed_rows`: the feature vectors listed together and the targets listed together
  (``inputs (1, 0, 1) and (0, 1, 1) with labels 2 and 1``, ``x_1 = (..), x_2 = (..), y = (2, 1)``);
- :func:`described_rows`: each example described in a sentence or list item introduced by its
  ordinal (``the first example has ones in features 1 and 2 and zeros elsewhere, target 1``,
  ``the second point has a 2 in the third slot, zero first feature, and its target is 4``). The
  number of unknowns comes from the text (``θ ∈ R^4``, ``3 weights``) when an example says
  "zeros elsewhere"; every number of a description must be placed, else it is refused.
"""

from __future__ import annotations

import re
from fractions import Fraction

from optiproof.families.implicit_bias.datatext import Refusal, Rows

_NUM = r"[-−]?\d{1,6}(?:\.\d{1,6})?(?:/\d{1,6})?"
_MAX_ROWS = 12


def _number(text: str) -> Fraction | None:
    from optiproof.core.text.numbers import parse_number

    got = parse_number(text.replace("−", "-").strip().strip("$").strip())
    return None if got is None else got.value


def _vector(text: str) -> list[Fraction] | None:
    """A vector written ``(1, 0, 1)``, ``[1, 0, 1]``, ``(1, 0, 1)^T``, ``1, 0, 1`` or ``1 0 1``."""
    s = text.strip().strip("$").strip()
    s = re.sub(r"(?:\^ ?\{?(?:T|⊤|top)\}?|ᵀ)$", "", s).strip()
    if s[:1] in "([" and s[-1:] in ")]":
        s = s[1:-1]
    parts = [p for p in re.split(r"[,;]\s*|\s+", s.strip()) if p]
    if not parts or len(parts) > 16:
        return None
    values = [_number(p) for p in parts]
    return None if any(v is None for v in values) else values  # type: ignore[return-value]


# -- a table with a column of vectors -------------------------------------------------------

_VEC_HEAD = re.compile(r"^(?:(?:feature(?: vector)?s?|inputs?(?: vectors?)?) ?)?(?:x|a|φ|phi)"
                       r"(?: ?_ ?\{?[in]\}?)?$|^(?:feature(?: vector)?s?|inputs?|"
                       r"x \(?(?:features?|inputs?)\)?)$", re.I)
"""A column of feature vectors: x, x_i, 'features', 'input x_i' (a word, then the symbol)."""
_TARGET_HEAD = re.compile(r"^(?:y|b|t)(?: ?_ ?\{?[in]\}?)?$|^(?:targets?|labels?|outputs?|"
                          r"responses?)(?: \(?(?:y|b|t)(?: ?_ ?\{?[in]\}?)?\)?)?$", re.I)
_INDEX_HEAD = re.compile(r"^(?:i|n|#|no\.?|idx|index|examples?|points?|samples?|rows?|"
                         r"observations?|data points?)?$", re.I)
_RULE = re.compile(r"^[+:|\- =]*$")


def _cells(line: str) -> list[str]:
    return [c.strip().strip("$").strip().replace("**", "") for c in line.strip().strip("|")
            .split("|")]


def vector_table_rows(text: str) -> Rows | Refusal | None:
    """Rows of a table with one column of feature vectors and one of targets."""
    lines = [ln.strip() for ln in text.split("\n")]
    for k, line in enumerate(lines):
        if line.count("|") < 2:
            continue
        head = _cells(line)
        vec = [j for j, c in enumerate(head) if _VEC_HEAD.match(c)]
        tgt = [j for j, c in enumerate(head) if _TARGET_HEAD.match(c)]
        if len(vec) != 1 or len(tgt) != 1:
            continue
        others = [c for j, c in enumerate(head) if j not in (vec[0], tgt[0])]
        if any(not _INDEX_HEAD.match(c) for c in others):
            return Refusal(line, "the table has a column that is neither the feature vector, the "
                                 f"target nor an index (\"{next(c for c in others if not _INDEX_HEAD.match(c))}\")")
        X: list[list[Fraction]] = []
        y: list[Fraction] = []
        src = [line]
        for row in lines[k + 1:]:
            if row.count("|") < 2:
                if _RULE.match(row) and row:
                    continue
                break
            if _RULE.match(row):
                continue
            rc = _cells(row)
            if len(rc) != len(head):
                return Refusal(row, "a table row has a different number of cells than its header")
            v, t = _vector(rc[vec[0]]), _number(rc[tgt[0]])
            if v is None or t is None:
                return Refusal(row, "a table entry is not a vector of numbers with one target "
                                    "number")
            X.append(v)
            y.append(t)
            src.append(row)
            if len(X) > _MAX_ROWS:
                return Refusal(line, f"the table has more than {_MAX_ROWS} rows")
        if not X:
            continue
        if len({len(v) for v in X}) != 1:
            return Refusal("; ".join(src), "the feature vectors of the table have different "
                                           "lengths")
        return Rows(tuple(tuple(v) for v in X), tuple(y),
                    "; ".join(re.sub(r"\s+", " ", s) for s in src))
    return None


# -- vectors listed, then their targets -------------------------------------------------------

_VEC = r"[(\[] ?" + _NUM + r"(?: ?[,;]? ?" + _NUM + r"){1,15} ?[)\]](?: ?(?:\^ ?\{?(?:T|⊤)\}?|ᵀ))?"
_VEC_LIST = rf"({_VEC}(?: ?, ?(?:and )?{_VEC}| and {_VEC}){{1,{_MAX_ROWS}}})"
_NUM_LIST = rf"({_NUM}(?: ?, ?(?:and )?{_NUM}| and {_NUM}){{1,{_MAX_ROWS}}})"
_INPUTS = (r"\b(?:(?:the )?(?:feature vectors?|inputs?|input vectors?|(?:data |training )?points?|"
           r"examples?|samples?|rows?|covariates?|x'?s)) ?(?:are|:|=)? ?")
_TARGETS = (r"\b(?:targets?|labels?|outputs?|responses?|(?:target|label|observed) values?|"
            r"y'?s) ?(?:are|:|=|of)? ?(?:respectively )?")
_LISTED = re.compile(_INPUTS + _VEC_LIST + r"[^.;()\[\]]{0,40}?" + _TARGETS + _NUM_LIST +
                     r"(?! ?[)\]/\d])(?:,? respectively)?", re.I)
_INDEXED_X = re.compile(rf"(?<![\w])x ?_ ?\{{?(\d{{1,2}})\}}? ?= ?({_VEC})")
_WHOLE_Y = re.compile(rf"(?<![\w])(?:y|b) ?= ?({_VEC})")
_INDEXED_Y = re.compile(r"(?<![\w])(?:y|b) ?_ ?\{?\d")


def _split_vectors(text: str) -> list[list[Fraction] | None]:
    return [_vector(m.group(0)) for m in re.finditer(_VEC, text)]


def _split_numbers(text: str) -> list[Fraction | None]:
    return [_number(m.group(0)) for m in re.finditer(_NUM, text)]


def listed_rows(flat: str) -> Rows | Refusal | None:
    """Feature vectors listed together, then their targets: in words, or as ``x_1 = (..),
    x_2 = (..)`` with one target vector ``y = (..)``."""
    m = _LISTED.search(flat)
    if m is not None:
        X, y = _split_vectors(m.group(1)), _split_numbers(m.group(2))
        return _paired(X, y, m.group(0).strip())
    xs = {int(a.group(1)): a for a in _INDEXED_X.finditer(flat)}
    whole = list(_WHOLE_Y.finditer(flat))
    if len(xs) < 2 or len(whole) != 1 or _INDEXED_Y.search(flat):
        return None
    order = sorted(xs)
    if order != list(range(order[0], order[0] + len(order))):
        return Refusal("; ".join(xs[i].group(0) for i in order),
                       "the data points are not numbered consecutively")
    X = [_vector(xs[i].group(2)) for i in order]
    y = _split_vectors(whole[0].group(1))[0] or []
    return _paired(X, list(y), "; ".join([*(xs[i].group(0) for i in order), whole[0].group(0)]))


def _paired(X: list, y: list, source: str) -> Rows | Refusal:
    if any(v is None for v in X) or any(v is None for v in y):
        return Refusal(source, "an entry of the listed data is not a number")
    if len(X) != len(y):
        return Refusal(source, f"{len(X)} feature vectors but {len(y)} targets (expected one "
                               "target per vector)")
    if len({len(v) for v in X}) != 1:
        return Refusal(source, "the feature vectors have different lengths")
    return Rows(tuple(tuple(v) for v in X), tuple(y), source)


# -- each example described in words --------------------------------------------------------

_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
        "eighth": 8, "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
        "6th": 6}
_ORD_WORD = "|".join(_ORD)
_CARDINAL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9, "ten": 10}
_ITEM_NOUN = (r"(?:training |data )?(?:example|point|sample|observation|row|input|instance|"
              r"datum|data point|equation|measurement)")
_ANCHOR = re.compile(rf"\b(?:the )?({_ORD_WORD}) (?:(?:{_ITEM_NOUN})s? |one )?(?=(?:has|is)\b|[:—–])|"
                     rf"\b(?:{_ITEM_NOUN}) (\d{{1,2}})\b ?(?=(?:has|is)\b|[:,—–-])|"
                     rf"\b(?:{_ITEM_NOUN}) ((?-i:[A-L]))\b ?(?=(?:has|is)\b|[:—–])", re.I)
"""An example introduced by its ordinal and then described ('the first point has', 'the
second is', 'Example 2:', 'point B:', lettered in order from A); 'the first input feature'
introduces nothing."""
_SLOT = r"(?:features?|slots?|positions?|coordinates?|entr(?:y|ies)|components?|dimensions?|places?)"
_POS_ONE = rf"(?:{_ORD_WORD}|last|\d{{1,2}})"
_POS_LIST = rf"{_POS_ONE}(?:(?: ?, ?| ?,? and | ?& ?){_POS_ONE}){{0,15}}"
_VALUE = (rf"(?:(?:a|an|the value|value) )?(?:{_NUM}|ones?|zeros?|twos?|threes?|fours?|fives?)"
          r"(?:'?s)?")
_VALUE_AT = re.compile(rf"\b({_VALUE}) (?:in|at|for|as) (?:(?:both|all|each) (?:of )?)?(?:the )?"
                       rf"(?:(?:{_SLOT}) ({_POS_LIST})|({_POS_LIST}) {_SLOT})\b", re.I)
_AT_VALUE = re.compile(rf"\b(?:(?:its|the|with) )?(?:(?:{_SLOT}) ({_POS_LIST})|({_POS_LIST}) "
                       rf"{_SLOT}) (?:is|are|equal to|equals|=|of|set to) ({_VALUE})\b", re.I)
_VALUE_ORD = re.compile(rf"\b((?:a|an) )?(zero|{_NUM}) ({_POS_LIST}) {_SLOT}\b", re.I)
_ELSEWHERE = re.compile(rf"\b(?:(?:and |with )?(?:zeros?|0'?s?) (?:elsewhere|everywhere else|"
                        rf"in (?:all )?(?:the )?(?:other|remaining) {_SLOT})|(?:all )?(?:the )?"
                        rf"(?:other|remaining) {_SLOT} (?:are |equal to |set to )?(?:zero|0))\b",
                        re.I)
"""'zeros elsewhere', 'the other slots are 0': every entry the description does not set is 0."""
_TARGET = re.compile(rf"\b(?:(?:and )?(?:its |with |a )?(?:target|label|output|response|y"
                     rf"(?: ?_ ?\{{?\d{{1,2}}\}}?)?)(?: value)? ?(?:is|of|equal to|equals|=|:)? ?"
                     rf"({_NUM}))(?![\d.]|/\d| ?[(\[])", re.I)
_WHOLE_ROW = re.compile(rf"(?:\b(?:feature vector|input|features|x(?: ?_ ?\{{?\d{{1,2}}\}}?)?)"
                        rf"(?: is| =|:)? ?)?({_VEC})", re.I)
"""A description that writes its whole row out ('the first point is (1, 0, 2), target 3')."""
_LEFTOVER = re.compile(rf"{_NUM}|\b(?:{_ORD_WORD}|last|ones?|zeros?|twos?|threes?|fours?|"
                       r"fives?|elsewhere)\b", re.I)
"""What no form of a description placed: refused, never dropped."""
_DIMENSION = re.compile(r"(?:θ|w|x|β|theta|beta) ?(?:∈|in) ?(?:R|ℝ) ?\^ ?\{?(\d{1,2})\}?\b"
                        r"(?! ?[×x*,] ?\d)|"
                        r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)[- ]"
                        r"(?:weights|parameters|unknowns|features|coordinates|dimensional)\b|"
                        r"\((?:w|θ) ?_?1, (?:w|θ) ?_?2, (?:\.\.\.|…|(?:w|θ) ?_?\d)(?:, ?(?:w|θ) "
                        r"?_?\d{1,2})*\)", re.I)


def _value(text: str) -> Fraction | None:
    s = re.sub(r"^(?:a|an|the value|value) ", "", text.strip().lower())
    s = re.sub(r"'?s$", "", s) if not re.fullmatch(_NUM, s) else s
    words = {"one": 1, "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5}
    if s in words:
        return Fraction(words[s])
    return _number(s)


def _positions(text: str, d: int | None) -> list[int] | None:
    out = []
    for tok in re.findall(rf"{_POS_ONE}", text, re.I):
        t = tok.lower()
        if t == "last":
            if d is None:
                return None
            out.append(d)
        else:
            out.append(_ORD[t] if t in _ORD else int(t))
    return out


def stated_dimension(flat: str) -> tuple[int, str] | Refusal | None:
    """The number of unknowns the text states (``θ ∈ R^4``, ``3 weights``, ``(w1, w2, w3)``);
    two different statements are refused."""
    found: dict[int, str] = {}
    for m in list(_DIMENSION.finditer(flat))[:8]:
        if m.group(1) or m.group(2):
            g = (m.group(1) or m.group(2)).lower()
            k = int(g) if g.isdigit() else _CARDINAL[g]
        else:
            last = re.findall(r"\d{1,2}", m.group(0))
            if "..." in m.group(0) or "…" in m.group(0):
                continue
            k = int(last[-1])
        found.setdefault(k, m.group(0))
    if len(found) > 1:
        return Refusal("; ".join(found.values()), "the text states different numbers of unknowns")
    return next(iter(found.items())) if found else None


def _items(flat: str) -> list[tuple[int, str]]:
    """(ordinal, text) of each example introduced by its ordinal, in order of the text."""
    anchors = list(_ANCHOR.finditer(flat))[:_MAX_ROWS + 1]
    out = []
    for i, m in enumerate(anchors):
        end = anchors[i + 1].start() if i + 1 < len(anchors) else len(flat)
        stop = re.search(r"\n|[.?!](?:\s|$)(?!\d)", flat[m.end():end])
        body = flat[m.end():m.end() + stop.start()] if stop else flat[m.end():end]
        n = (_ORD[m.group(1).lower()] if m.group(1) else int(m.group(2)) if m.group(2)
             else ord(m.group(3)) - ord("A") + 1)
        out.append((n, " ".join((m.group(0) + body).split())))
    return out


def _described(item: str, d: int | None) -> tuple[dict[int, Fraction], bool, Fraction | None,
                                                   list[Fraction] | None] | str:
    """The entries an example's description sets, whether it says 'zeros elsewhere', its
    target and a whole row written out; or the phrase that could not be placed."""
    used: list[tuple[int, int]] = []
    entries: dict[int, Fraction] = {}
    anchor = _ANCHOR.match(item)
    if anchor:
        used.append(anchor.span())

    def put(positions: list[int] | None, value: Fraction | None, span: tuple[int, int]) -> str:
        if positions is None or value is None:
            return item[span[0]:span[1]]
        for p in positions:
            if p < 1 or entries.get(p, value) != value:
                return item[span[0]:span[1]]
            entries[p] = value
        used.append(span)
        return ""

    forms = ((_VALUE_AT, (2, 3), 1), (_AT_VALUE, (1, 2), 3), (_VALUE_ORD, (3,), 2))
    for pattern, where, what in forms:   # 'a 2 in slot 1', 'slot 1 is 2', 'zero first feature'
        for m in pattern.finditer(item):
            if any(a <= m.start() < b for a, b in used):
                continue
            at = next(m.group(g) for g in where if m.group(g))
            bad = put(_positions(at, d), _value(m.group(what)), m.span())
            if bad:
                return bad
    elsewhere = False
    for m in _ELSEWHERE.finditer(item):
        elsewhere = True
        used.append(m.span())
    targets = [m for m in _TARGET.finditer(item) if not any(a <= m.start() < b for a, b in used)]
    if len(targets) > 1:
        return "; ".join(m.group(0) for m in targets)
    target = _number(targets[0].group(1)) if targets else None
    if targets:
        used.append(targets[0].span())
    rows = [m for m in _WHOLE_ROW.finditer(item) if not any(a <= m.start() < b for a, b in used)]
    whole = None
    if len(rows) > 1:
        return "; ".join(m.group(0) for m in rows)
    if rows:
        whole = _vector(rows[0].group(1))
        used.append(rows[0].span())
    rest = list(item)
    for a, b in used:
        rest[a:b] = [" "] * (b - a)
    left = _LEFTOVER.search("".join(rest))
    if left is not None:
        return left.group(0)
    return entries, elsewhere, target, whole


def described_rows(raw: str, whole_text: str) -> Rows | Refusal | None:
    """Rows from examples described one by one in words (a description ends at its line's or
    sentence's end); ``whole_text`` (the part and shared text) states the number of
    unknowns."""
    items = _items(raw)
    if not items or not any(_TARGET.search(t) or _ELSEWHERE.search(t) or _VALUE_AT.search(t)
                            for _, t in items):
        return None
    order = [n for n, _ in items]
    if order != list(range(1, len(items) + 1)):
        return None
    parsed = []
    dim = stated_dimension(whole_text)
    if isinstance(dim, Refusal):
        return dim
    d = dim[0] if dim else None
    for _, text in items:
        got = _described(text, d)
        if isinstance(got, str):
            return Refusal(text.strip(), f"could not place \"{got}\" in the description of a "
                                         "data row (expected e.g. 'ones in features 1 and 2, "
                                         "zeros elsewhere, target 3')")
        parsed.append(got)
    if not any(e or w for e, _, _, w in parsed):
        return None
    source = "; ".join(t.strip() for _, t in items)
    if any(t is None for _, _, t, _ in parsed):
        bad = next(t for (_, t), (_, _, g, _) in zip(items, parsed) if g is None)
        return Refusal(bad.strip(), "the example's target is not stated (expected 'target 2')")
    widths = {len(w) for *_, w in parsed if w is not None}
    if d is None:
        if widths:
            d = max(widths)
        elif any(el for _, el, _, _ in parsed):
            return Refusal(source, "an example sets its other entries to zero, but the number "
                                   "of unknowns is not stated (expected 'θ ∈ R^4' or '4 weights')")
        else:
            d = max(max(e) for e, *_ in parsed if e)
    X = []
    for (_, text), (entries, elsewhere, _, whole) in zip(items, parsed):
        if whole is not None:
            if entries or len(whole) != d:
                return Refusal(text.strip(), f"the example's vector does not have the {d} "
                                             "entries of the other data")
            X.append(tuple(whole))
            continue
        if max(entries, default=0) > d:
            return Refusal(text.strip(), f"the example sets an entry beyond the {d} unknowns")
        if not elsewhere and set(entries) != set(range(1, d + 1)):
            return Refusal(text.strip(), "the example does not state every entry (expected "
                                         "'zeros elsewhere' or a value for each feature)")
        X.append(tuple(entries.get(i, Fraction(0)) for i in range(1, d + 1)))
    return Rows(tuple(X), tuple(t for _, _, t, _ in parsed), source)  # type: ignore[misc]
