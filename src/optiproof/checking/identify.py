"""Optimizer names: the identification a part gives, and the ones it should not add.

Only statements that identify the update count: a cell of an "Optimizer" column, or a clause
that says what the update is ("this is", "recovers", "corresponds to", "Optimizer:") or that
two optimizers are the same ("equivalently", "coincide", "also", "/"). Names in comparisons,
negations, history, questions and closing offers are not identifications.

- over-reach: an identification that also names optimizers beyond the verified one, unless the
  catalogue relates them without a condition (SGD takes gradient descent's step; Muon is the
  constraint form of the orthogonalised step) or the clause states the relation's condition
  ("Adam with β1 = β2 = 0 and ε = 0 is sign descent");
- over-reach also for an identification naming only optimizers the verified one is not
  ("this is exactly AdaGrad" where the part's update is another): it claims more about the
  method than the derivation supports;
- unanswered: the part asks for the optimizer and no clause names the verified one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from optiproof.checking.concepts import plain
from optiproof.checking.findings import Finding, PartGrade
from optiproof.checking.statements import stance, units_of
from optiproof.checking.segment import EXCLUDED
from optiproof.checking.setting import names_the_setting

_VERDICT = (r"(?!\s+(?:(?:perfectly|quite|entirely|completely|still|also)\s+)?(?:fine|ok|okay|true|"
            r"correct|right|expected|allowed|acceptable|harmless|consistent|no problem|"
            r"not a problem)\b)")
"""After "that is": a verdict on what was just said ("that is fine"), not a restatement."""
_IDENTIFIES = re.compile(
    r"\b(?:this is|that'?s" + _VERDICT + r"|that is" + _VERDICT + r"|it is|which is|is exactly|"
    r"is just|is simply|is precisely|is literally|is nothing (?:but|other than|more than)|recovers?|"
    r"corresponds? to|reduces? to|is equivalent to|equivalently|identical (?:to|with)|the same (?:as|update|step|"
    r"algorithm|method|limit|point|solution|minimi[sz]er)|coincides?|known as|called|amounts? to|optimi[sz]er\s*:|"
    r"which optimi[sz]er|is the\b[^.;]{0,40}\b(?:update|step|method|algorithm)|i\.e\.|"
    r"be (?:read|seen|viewed|interpreted|understood|regarded|thought of) as)", re.I)
_EQUIVALENT = re.compile(r"\b(?:equivalently|equivalent to|the same as|identical (?:to|with)|same (?:update|step|"
                         r"algorithm|method|settings?|limit|point|solution|minimi[sz]er)|coincide|also|as well as|or|which is|"
                         r"is exactly|exactly|that is" + _VERDICT + r"|namely|be (?:read|seen|viewed|interpreted|"
                         r"understood|regarded|thought of) as)\b|\bi\.e\.|\ba\.k\.a\.|"
                         r"(?<=[a-z]{2})\s?/\s?(?=[a-z]{2})",
                         re.I)
_ATTRIBUTIVE = re.compile(r"['’]?s?\s+(?:step[- ]size\s+)?(?:limit|bound|threshold|paper|analysis|"
                          r"region|regime|ceiling|cap|condition|constraint|baseline|"
                          r"stability)\b", re.I)
"""After a name: the name qualifies a property of that method ("the GD limit 0.2", "as in
the Adam paper"); it does not name the part's update."""
_SIDE_NOTE = re.compile(r"\b(?:side[- ]?note|(?:as an |an )?aside|tangent|digression|by the way|"
                        r"btw|fun fact)\b", re.I)
"""A clause the writer labels as a side note ("(Adam with no momentum also gives sign(g), but
that's a side note)"): a remark beside the answer, not its identification."""
_COLUMN = re.compile(r"optimi[sz]er|method|algorithm|identified", re.I)
_WITHOUT = re.compile(r"\b(?:without|with no|no|minus|sans|drop(?:ping|s)?|free of)\s+"
                      r"(?:any\s+|the\s+|its\s+)?$", re.I)
"""Before a name: the update lacks that ingredient ("Muon, here without momentum"); the name
does not identify it."""
_COMPARES = re.compile(r"\b(?:beats?|outperforms?|faster|slower|better|worse|than|improves? "
                       r"(?:on|upon))\b", re.I)
"""A clause that compares the method it opens with to something ("Heavy ball beats 9/11")
does not say what the part's update is."""
_COMPARISON = re.compile(r"\b(?:for comparison|by comparison|in comparison|compared (?:to|with)|"
                         r"versus|vs\.?|as opposed to|in contrast|as (?:fast|slow|quickly|"
                         r"slowly|good|well) as|no (?:slower|faster|better|worse) than)\b", re.I)
"""A clause that sets methods side by side says how they compare, not what the update is."""
_GENERAL = re.compile(r"\b(?:every|any|all|each|always|never|whenever)\b", re.I)
"""A clause that opens with a name and speaks of every case ("Gradient descent converges on
every convex problem") states a property of that method, not what the part's update is."""
_READ_AS = re.compile(r"\b(?:can|could|may|might)(?: also| equally)? be (?:read|seen|viewed|"
                      r"interpreted|understood|regarded|thought of|described|written) as\b[^.;]{0,80}$",
                      re.I)
"""A hedge that still identifies: "which can also be read as sign descent"."""
_CANNOT_AFTER = re.compile(r"(?:\s+(?:or|and|nor)\s+[\w-]+(?:\s+[\w-]+)?)?\s+(?:cannot|can't|"
                           r"can not|could not|can never|could never)\b", re.I)
"""After a name: what it cannot do ("Adagrad or diagonal Adam cannot be written as ..."); the
name is the subject of a denial, not an identification."""
_ACCEPTING = frozenset({"same-update", "reduces-to", "constrained-form"})
_IS_EXACTLY = re.compile(r"\b(?:is|are|was|becomes?)\s+(?:really\s+|in fact\s+|then\s+)?"
                         r"(?:exactly|precisely|just|simply|nothing (?:but|other than|more than)|"
                         r"literally|identical to|the same (?:method|algorithm|optimi[sz]er|update) as)"
                         r"\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?$", re.I)
"""Right before a name: a plain statement that the method is that optimizer ("O is exactly
AdaGrad", "the method is just Adam"). Where the verified part has no one catalogue name for
its method (a method the problem defines itself), only such a statement identifies it."""


_OWN_METHOD_IS = re.compile(
    r"\b(?:it|this|(?:the|this|that|our|its|each|every)\s+(?:[\w-]+\s+){0,2}?(?:iteration|"
    r"update|method|scheme|algorithm|recursion|rule|optimi[sz]er|dynamics))\s+"
    r"(?:(?:here|then|now|again)\s+)?" + _IS_EXACTLY.pattern[2:], re.I)
"""Right before a name: the part's own method said plainly to be that optimizer ("with these
constants the iteration is exactly Nesterov's method", "this update is simply Adam")."""


@dataclass(frozen=True)
class NameMention:
    """An optimizer named in an identifying clause of a part."""

    key: str
    name: str
    line: int
    clause: str
    equivalence: bool
    """The clause states that several optimizers are the same update."""
    before_marker: bool
    """Named before the clause's first equivalence marker (the clause's own identification)."""
    listed: int = -1
    """Its place among names written as one list (``Muon, Adafactor, or LAMB``): names of one
    list share it; -1 alone."""
    start: int = -1
    """Where the name starts in ``clause``."""
    summary: bool = False
    """Named in the answer's summary (a digest of the body, with no room for conditions)."""


_SUBSCRIPT_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_NAMES = {"beta": "β", "alpha": "α", "eps": "ε", "epsilon": "ε", "varepsilon": "ε", "lambda": "λ",
          "rho": "ρ", "eta": "η", "gamma": "γ", "mu": "μ"}
_SYMBOL = r"(?:beta|alpha|epsilon|varepsilon|eps|lambda|rho|eta|gamma|mu|[a-zα-ωε])_?\d?"


def _symbol(name: str) -> str:
    """One spelling of a hyper-parameter's name: ``beta_1``, ``beta1``, ``β₁`` -> ``β1``."""
    name = name.translate(_SUBSCRIPT_DIGITS).replace("_", "")
    m = re.fullmatch(r"([a-z]+)(\d?)", name)
    if m and m.group(1) in _NAMES:
        return _NAMES[m.group(1)] + m.group(2)
    return name


def _assignments(text: str) -> set[tuple[str, float]]:
    """``β1 = β2 = 0, ε = 0`` -> {("β1", 0), ("β2", 0), ("ε", 0)} (symbols in plain words, with
    their index written as a subscript or on the line, Greek letters also by name)."""
    out = set()
    text = text.translate(_SUBSCRIPT_DIGITS)
    for chain in re.finditer(rf"((?<![\w])(?:{_SYMBOL}\s*=\s*)+)(-?\d+(?:\.\d+)?)(?!\d|\.\d)", text):
        value = float(chain.group(2))
        for sym in re.findall(rf"({_SYMBOL})\s*=", chain.group(1)):
            out.add((_symbol(sym), value))
    return out


def _given_assignments(givens: dict[str, Any]) -> set[tuple[str, float]]:
    """The problem's given scalars as assignments (``ε = 0``)."""
    out = set()
    for key, value in givens.items():
        try:
            out.add((_symbol(key), float(value)))
        except (TypeError, ValueError):
            continue
    return out


def accepted(ident: str) -> set[str]:
    """Keys an identification as ``ident`` also accepts without a condition."""
    from optiproof.catalogue import relations_of

    out = {ident}
    for entry, rel in relations_of(ident):
        if rel.kind in _ACCEPTING:
            out.add(rel.other if entry.key == ident else entry.key)
    return out


_SAFEGUARD = frozenset({("ε", 0.0)})
"""``ε = 0``: the numerical safeguard set to zero, the idealisation every statement of an
optimizer's step makes; naming the other settings of the condition names the condition, as
naming the dropped averages does ("Adam with β₁ = β₂ = 0", "Adam without its moving
averages")."""


def condition_stated(key: str, ident: str, clause: str,
                     givens: dict[str, Any] | None = None) -> bool:
    """Does ``clause`` state the condition under which ``key`` and ``ident`` coincide? A part
    of the condition the problem already gives need not be repeated, nor the safeguard
    ``ε = 0`` (see :data:`_SAFEGUARD`)."""
    from optiproof.catalogue import relations_of

    given = _given_assignments(givens or {})
    for entry, rel in relations_of(ident):
        if {entry.key, rel.other} != {key, ident}:
            continue
        needed = _assignments(plain(rel.condition)) - given
        if needed and (needed <= _assignments(clause) or (
                needed - _SAFEGUARD and needed - _SAFEGUARD <= _assignments(clause))):
            return True
        if rel.without and all(_dropped(clause, w) for w in rel.without):
            return True
    return False


def _dropped(clause: str, ingredient: str) -> bool:
    """Does ``clause`` name ``ingredient`` (a pattern) as dropped ("without accumulation",
    "with no momentum/averaging", "its averaging switched off")?"""
    text = plain(clause)
    return bool(re.search(rf"\b(?:without|with no|no|sans|free of|minus)\s+(?:any\s+|the\s+|"
                          rf"its\s+)?(?:[\w-]+(?:\s*(?:/|,|and|or)\s*|\s+)){{0,2}}?"
                          rf"(?:{ingredient})", text)
                or re.search(rf"(?:{ingredient})\w*\s+(?:switched|turned|set|dropped|removed)"
                             rf"(?:\s+off)?\b", text))


_STEP_SIZES = frozenset({"alpha", "eta", "gamma", "lr"})


def _one_vocabulary(expr: Any) -> Any:
    """A step in one spelling: the step size ``η``/``α``/``γ`` is one symbol, and a gradient's
    step index is dropped (``sign(g_1)`` is ``sign(g)``)."""
    import sympy

    repl = {}
    for sym in getattr(expr, "free_symbols", set()):
        name = sym.name
        if name in _STEP_SIZES:
            repl[sym] = sympy.Symbol("eta")
        else:
            repl[sym] = sympy.Symbol(re.sub(r"(X?g)_(?:\d+|t|k)$", r"\1", name))
    return expr.xreplace(repl)


def takes_the_verified_step(key: str, part: Any) -> bool:
    """Is the catalogue's update of optimizer ``key`` (``θ ← θ − η sign(g)``) the step a
    verified answer of the part is (``−α sign(g₁)``), by mathematics? Then naming it says what
    the part's step is, not something more."""
    import sympy

    from optiproof.catalogue import OPTIMIZERS
    from optiproof.checking.formula import canonical, parse_value

    entry = OPTIMIZERS.get(key)
    if entry is None or "\\leftarrow" not in (entry.latex or ""):
        return False
    lhs, _, rhs = entry.latex.partition("\\leftarrow")
    old, new = parse_value(lhs, True), parse_value(rhs, True)
    if old is None or new is None:
        return False
    step = _one_vocabulary(new - old)
    for answer in part.answers:
        expr = canonical(getattr(answer, "expr", None))
        if not isinstance(expr, sympy.Expr) or not expr.free_symbols:
            continue
        try:
            if _is_zero(_one_vocabulary(expr) - step):
                return True
        except (TypeError, ValueError, AttributeError):
            continue
    return False


@lru_cache(maxsize=1024)
def _is_zero(expr: Any) -> bool:
    """Does ``expr`` simplify to 0? (Remembered by the expression: every answer checked against
    a part asks it again of the same verified step.)"""
    import sympy

    return sympy.simplify(expr) == 0


_IS_BEFORE = re.compile(r"\b(?:is|are|becomes?|reduces? to|recovers?|corresponds? to|amounts? to)"
                        r"\s+(?:(?:just|exactly|simply|plain|precisely|then|a|an|the)\s+)*$")


def derivation_names(part: Any) -> set[str]:
    """Optimizers the part's verified derivation itself says the method is ("the method is
    sign descent in disguise"): stated in a step's text, not negated or compared."""
    from optiproof.catalogue import OPTIMIZERS

    out: set[str] = set()
    for step in getattr(part, "steps", None) or []:
        for _, clause in _clauses(plain(f"{step.title}. {step.text}")):
            for m in OPTIMIZERS.mentions(clause):
                if m.entry.named and _IS_BEFORE.search(clause[:m.start]) and not stance(
                        clause, m.start, m.end):
                    out.add(m.entry.key)
    return out


def _clauses(text: str) -> list[tuple[int, str]]:
    """Clauses of a statement (split at ``;`` and sentence ends, also a sentence closed inside
    parentheses or emphasis, ``(Note it is not ….) Optimizer: …``; not after "i.e." or
    "e.g."), with their offsets."""
    out, start = [], 0
    for m in re.finditer(r";|(?<=[.!?])(?<!i\.e\.)(?<!e\.g\.)\s|(?<=[.!?][)*_])\s", text):
        out.append((start, text[start:m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    return out


def mentions_of(doc: Any, lay: Any, label: str) -> list[NameMention]:
    """Named optimizers in the identifying clauses of part ``label``."""
    from optiproof.catalogue import OPTIMIZERS

    out: list[NameMention] = []
    for unit in units_of(doc, lay):
        if unit.part != label or unit.role in EXCLUDED:
            continue
        column = unit.kind == "cell" and (bool(_COLUMN.search(unit.column))
                                          or unit.role == "summary")
        for offset, clause in _clauses(unit.text):
            words = plain(clause)
            found = [m for m in OPTIMIZERS.mentions(words) if m.entry.named]
            if not found or _SIDE_NOTE.search(words):
                continue
            equivalence = len({m.entry.key for m in found}) > 1 and bool(_EQUIVALENT.search(words))
            opens = found[0].start <= 2 and unit.role != "preamble" and not _COMPARES.search(
                words) and not _GENERAL.search(words)
            if not (column or equivalence or opens or _IDENTIFIES.search(words)):
                continue
            if not column and _COMPARISON.search(words):
                continue  # "For comparison, GD needs 69 iterations, heavy ball 22"
            marker = _EQUIVALENT.search(words) if equivalence else None
            lists = _lists(words, found)
            for m in found:
                why = stance(words, m.start, m.end)
                if why.reason == "hedge" and _READ_AS.search(words[:m.start]):
                    why = None  # "can also be read as signSGD" says what the update is
                if why or _WITHOUT.search(words[:m.start]) or _CANNOT_AFTER.match(
                        words, m.end) or _ATTRIBUTIVE.match(words, m.end) or \
                        names_the_setting(words, m.start):
                    continue
                out.append(NameMention(m.entry.key, m.phrase, unit.line, words, equivalence,
                                       marker is None or m.start < marker.start(),
                                       lists.get(m.start, -1), m.start,
                                       unit.role == "summary"))
    return out


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:(?:or|and|and/or)\s+)?|(?:or|and|and/or|nor)\s+|/\s*|&\s*)$")
"""What stands between two names of one list: a comma, "or", "and", a slash."""


def _lists(words: str, found: list[Any]) -> dict[int, int]:
    """Mention start -> the list it belongs to, for names written one after another with only
    a comma, "or", "and" or a slash between them (``Muon, Adafactor, or LAMB``,
    ``signSGD/Lion``): every name of such a list answers the same question."""
    out: dict[int, int] = {}
    group = 0
    for prev, m in zip(found, found[1:]):
        if _LIST_GAP.fullmatch(words[prev.end:m.start]):
            if prev.start not in out:
                group += 1
                out[prev.start] = group
            out[m.start] = out[prev.start]
    return out


def named_anywhere(doc: Any, lay: Any, label: str) -> list[NameMention]:
    """Every named optimizer in part ``label`` that is stated (not negated, hypothetical,
    compared or asked about), identifying clause or not."""
    from optiproof.catalogue import OPTIMIZERS

    out = []
    for unit in units_of(doc, lay):
        if unit.part != label or unit.role in EXCLUDED:
            continue
        words = plain(unit.text)
        for m in OPTIMIZERS.mentions(words):
            if m.entry.named and not stance(words, m.start, m.end) and not _WITHOUT.search(
                    words[:m.start]):
                out.append(NameMention(m.entry.key, m.phrase, unit.line, words, False, True))
    return out


def _first(mentions: list[NameMention]) -> list[NameMention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.key not in seen:
            seen.add(m.key)
            out.append(m)
    return out


_COPULA = re.compile(r"(?:'s)?\s+(?:[\w-]+\s+){0,2}?(?:is|are|was|becomes?)\s+(?:(?:really|in fact|"
                     r"then|just|simply|exactly|precisely|literally|nothing (?:but|other than|"
                     r"more than)|the same (?:method|algorithm|optimi[sz]er|update|thing) as|"
                     r"identical to|equivalent to|an?|the)\s+)*", re.I)
"""Between two names: the first is said to be the second ("heavy ball is simply", "the
heavy-ball scheme is", "Adam is exactly the same method as")."""


def _unrelated(key: str, fine: set[str]) -> bool:
    """Does the catalogue relate ``key`` to none of the part's verified methods?"""
    from optiproof.catalogue import relations_of

    def pairs(name: str) -> set[frozenset[str]]:
        return {frozenset((entry.key, rel.other)) for entry, rel in relations_of(name)}

    links = pairs(key).union(*(pairs(k) for k in fine if k))
    return key not in fine and not any(frozenset((key, k)) in links for k in fine)


def _equated(m: NameMention, mentions: list[NameMention], fine: set[str]) -> bool:
    """Is ``m`` the predicate of a plain "X is Y" whose subject X is a name of the part's
    verified method (the name right before it in the same clause), and a method the catalogue
    does not relate to X at all? ("Adam is RMSprop with momentum" describes Adam by its
    special case, which the catalogue declares.)"""
    from optiproof.catalogue import relations_of

    before = [o for o in mentions if o.line == m.line and o.clause == m.clause
              and 0 <= o.start < m.start]
    if not before:
        return False
    o = max(before, key=lambda o: o.start)
    related = {k for entry, rel in relations_of(o.key) for k in (entry.key, rel.other)}
    return o.key in fine and o.key != m.key and m.key not in related and bool(
        _COPULA.fullmatch(m.clause, o.start + len(o.name), m.start))


_IT_IS = re.compile(r"\b(?:this|that|it|which)\s+(?:one\s+)?(?:is|was)\s+(?:(?:really|in fact|actually|"
                    r"just|simply|exactly|precisely|literally|nothing but)\s+)?(?:the\s+|an?\s+)?$",
                    re.I)
"""Right before a name: the thing just described is said to be it ("(this is the butterfly
all-reduce)")."""


def scheme_identifications(part: Any, doc: Any, lay: Any, grade: PartGrade) -> None:
    """Over-reach: a scheme of the part's table said to be another scheme ("This ring
    procedure is exactly the recursive-doubling all-reduce", "(this is the butterfly
    all-reduce)" under the all-to-all heading). The scheme spoken of is the one the clause
    names before its "is", else the one of the heading it stands under; a clause about none
    of the part's schemes, or negated or hypothetical, identifies nothing."""
    from optiproof.catalogue import SCHEMES

    schemes = {a.subject for a in part.answers if a.subject and SCHEMES.get(a.subject)}
    if not schemes:
        return
    seen: set[str] = set()
    for unit in units_of(doc, lay):
        if unit.part != part.label or unit.role in EXCLUDED:
            continue
        for _, clause in _clauses(unit.text):
            words = plain(clause)
            found = SCHEMES.mentions(words)
            for m in found:
                if m.entry.key in schemes or m.entry.key in seen:
                    continue
                marker = _IS_EXACTLY.search(words[:m.start]) or _IT_IS.search(words[:m.start])
                if marker is None or stance(words, m.start, m.end):
                    continue
                named = {o.entry.key for o in found if o.end <= marker.start()}
                about = (named or set(unit.topic)) & schemes
                if len(about) != 1 or named - schemes:
                    continue
                seen.add(m.entry.key)
                own = SCHEMES.get(about.pop())
                grade.add(Finding("over-reach", part.label, unit.line,
                                  f"says the {own.name} is '{m.phrase}' ({m.entry.description}),"
                                  f" a different scheme: the verified table counts the "
                                  f"{own.name} ({own.description})", excerpt=clause.strip()))


def _method_said_to_be(m: NameMention, mentions: list[NameMention], own: set[str]) -> bool:
    """Is ``m`` the predicate of a plain "X is Y" whose subject X names the part's own method
    ("with ε = 0, Adam is exactly signSGD")? Then it says what the method is at every step,
    which taking the verified step on the steps asked does not show."""
    before = [o for o in mentions if o.line == m.line and o.clause == m.clause
              and 0 <= o.start < m.start]
    if not before:
        return False
    o = max(before, key=lambda o: o.start)
    return o.key in own and o.key != m.key and bool(
        _COPULA.fullmatch(m.clause, o.start + len(o.name), m.start))


_SAME_METHOD = re.compile(
    r"\b(?:is|are)\s+(?:exactly\s+|just\s+|simply\s+|precisely\s+|really\s+|then\s+)*"
    r"(?:the same (?:algorithm|method|update|iteration|procedure|optimi[sz]er|thing)\s+as|"
    r"equivalent to|identical to|exactly what)\b|\bexactly what\b"
    r"|\b(?:is|are)\s+(?:exactly\s+|just\s+|precisely\s+|then\s+)*the (?:same )?(?:point|limit|"
    r"solution|vector) (?:that|which|as)\b", re.I)
"""A clause saying one method is another ("is the same algorithm as O", "is exactly what O's
diagonal matrix does"), or that its answer is the other's ("this is precisely the point that
the simplified Adam method O converges to")."""
_OTHER_UNITS = re.compile(r"\b(?:in|on|for) (?:the |these )?(?:rescaled|new|normali[sz]ed|"
                          r"transformed|standardi[sz]ed|whitened) (?:units|coordinates|variables|"
                          r"features|space|parameters|problem)\b", re.I)
"""A sameness said of the problem in other coordinates ("in the rescaled units this is plain
SGD"): true there, and no claim about the methods in the original units."""


def method_letters(solution: Any) -> dict[str, tuple[str, str]]:
    """Name -> (catalogue key, part label) of each part's method, by its catalogue phrases and
    by the letter a question gives it right after one ("the simplified Adam O")."""
    from optiproof.catalogue import OPTIMIZERS

    out: dict[str, tuple[str, str]] = {}
    for part in solution.parts:
        subjects = {a.subject for a in part.answers if a.subject and OPTIMIZERS.get(a.subject)}
        if len(subjects) != 1:
            continue
        key = subjects.pop()
        question = part.question or ""
        for m in OPTIMIZERS.mentions(question):
            letter = re.match(r"\s+([A-Z])(?![\w'’-])", question[m.end:])
            if m.entry.key == key and letter:
                out[letter.group(1)] = (key, part.label)
    return out


def cross_part_identifications(solution: Any, doc: Any, lay: Any,
                               grades: dict[str, PartGrade]) -> None:
    """Over-reach: a part's own method said to be the method of another part ("so 'normalise
    the inputs, then run SGD' is the same algorithm as O" in the part on rescaled SGD, where O
    is the method the problem names in another part) when the verified answers of the two
    parts differ. The other method is named by the catalogue or by the problem's letter."""
    from optiproof.catalogue import OPTIMIZERS

    letters = method_letters(solution)
    methods = {}
    for part in solution.parts:
        subjects = {a.subject for a in part.answers if a.subject and OPTIMIZERS.get(a.subject)}
        if len(subjects) == 1:
            methods[part.label] = (subjects.pop(), part)
    for label, (own, part) in methods.items():
        done = False
        for unit in units_of(doc, lay):
            if done or unit.part != label or unit.role in EXCLUDED:
                continue
            for _, clause in _clauses(unit.text):
                marker = _SAME_METHOD.search(clause)
                if marker is None or stance(clause, marker.start(), marker.end()) or \
                        _OTHER_UNITS.search(clause):
                    continue
                named = [(m.start, m.entry.key, m.phrase) for m in OPTIMIZERS.mentions(clause)]
                named += [(m.start(), *letters[m.group(1)][:1], m.group(1)) for m in re.finditer(
                    r"(?<![\w$\\{_^])([A-Z])(?:'s|’s)?(?![\w$}])", clause) if m.group(1) in letters]
                after = [(at, key, name) for at, key, name in named if at >= marker.start()]
                other = [(key, name) for _, key, name in after if key != own
                         and key in {k for k, _ in methods.values()}
                         and key not in accepted(own) and _unrelated(key, {own})]
                if not other or any(key != own for at, key, _ in named if at < marker.start()):
                    continue
                key, name = other[0]
                theirs = next(p for k, p in methods.values() if k == key)
                if [a.expr for a in theirs.answers] == [a.expr for a in part.answers]:
                    continue
                grades[label].add(Finding(
                    "over-reach", label, unit.line,
                    f"equates this part's method or its answer with '{name}' (the method of part "
                    f"({theirs.label})), which the verified derivation does not support: the two "
                    "reach different answers", excerpt=clause.strip()))
                done = True
                break


_SAME_POINT = re.compile(
    r"\b(?:also|as well|too|likewise|equally)\b[^.;]{0,60}?\b(?:converges?|reach(?:es)?|ends? up|"
    r"lands?|arrives?|goes|settles?)\b[^.;]{0,20}?\b(?:this|that|the same|the very same)\s+"
    r"(?:same\s+)?(?:point|limit|solution|minimi[sz]er|vector|answer)\b"
    r"|\b(?:converges?|reach(?:es)?|ends? up|lands?|arrives?|settles?)\b[^.;]{0,20}?\b(?:this|that|"
    r"the)\s+(?:very\s+)?same\s+(?:point|limit|solution|minimi[sz]er|vector)\b(?!\s+as\b)"
    r"|\b(?:converges?|reach(?:es)?|ends? up|lands?|arrives?|settles?)\b[^.;]{0,20}?\b(?:this|that)"
    r"\s+(?:same\s+)?(?:point|limit|solution|minimi[sz]er|vector)\s+(?:as well|too)\b", re.I)
"""A clause saying another method reaches the point the part has found ("SGD with momentum
also converges to this same point")."""


def shared_limits(solution: Any, doc: Any, lay: Any, grades: dict[str, PartGrade]) -> None:
    """Over-reach: another optimizer said to reach the part's limit ("heavy-ball momentum also
    ends up at this same point") when the catalogue gives that optimizer the limit of another
    part's method (momentum's iterates stay in the gradients' span, as gradient descent's do)
    and the verified limits of the two parts differ."""
    from optiproof.catalogue import OPTIMIZERS

    methods = {}
    for part in solution.parts:
        subjects = {a.subject for a in part.answers if a.subject and OPTIMIZERS.get(a.subject)}
        if len(subjects) == 1 and part.answers and all(
                getattr(a.expr, "is_Matrix", False) for a in part.answers):
            methods[part.label] = (subjects.pop(), part)
    for label, (own, part) in methods.items():
        for unit in units_of(doc, lay):
            if unit.part != label or unit.role in EXCLUDED:
                continue
            found = None
            for _, clause in _clauses(unit.text):
                marker = _SAME_POINT.search(clause)
                if marker is None or stance(clause, marker.start(), marker.end()) or \
                        _OTHER_UNITS.search(clause):
                    continue
                named = [m for m in OPTIMIZERS.mentions(clause) if m.end <= marker.start()]
                if not named:
                    continue
                entry = named[-1].entry
                if not entry.limit_as or accepted(entry.limit_as) & accepted(own):
                    continue
                theirs = [p for k, p in methods.values() if k in accepted(entry.limit_as)]
                if theirs and [a.expr for a in theirs[0].answers] != [a.expr for a in
                                                                      part.answers]:
                    found = (clause, entry, theirs[0])
                    break
            if found is not None:
                clause, entry, other = found
                grades[label].add(Finding(
                    "over-reach", label, unit.line,
                    f"says {entry.name} reaches this part's answer too, which the verified "
                    f"derivation does not support: from the same start it reaches the limit "
                    f"of part ({other.label}), another point", excerpt=clause.strip()))
                break


def identification_findings(solution: Any, doc: Any, lay: Any, claims: Any,
                            grades: dict[str, PartGrade]) -> None:
    """Over-reach, wrong identifications and a missing one, part by part."""
    from optiproof.catalogue import OPTIMIZERS
    from optiproof.checking.expect import asked_as_written
    from optiproof.checking.grade import givens_by_part

    givens = givens_by_part(solution)
    written = asked_as_written(solution)
    cross_part_identifications(solution, doc, lay, grades)
    shared_limits(solution, doc, lay, grades)
    for part in solution.parts:
        grade = grades[part.label]
        scheme_identifications(part, doc, lay, grade)
        entry = OPTIMIZERS.get(part.identified_as or "")
        subjects = {a.subject for a in part.answers if a.subject}
        ok = accepted(entry.key) if entry is not None else set()
        mentions = mentions_of(doc, lay, part.label)
        fine = ok | subjects | set().union(*(accepted(s) for s in subjects))
        fine |= derivation_names(part)
        own = subjects | set().union(*(accepted(k) for k in subjects)) | ok
        stepped = {m.key for m in mentions if m.key not in fine
                   and takes_the_verified_step(m.key, part)}
        fine |= {m.key for m in mentions if m.key in stepped
                 and not _method_said_to_be(m, mentions, own)}
        given = givens[part.label]
        qualified = {m.key for m in mentions if m.key not in fine and not m.summary
                     and any(condition_stated(m.key, k, m.clause, given) for k in fine)}
        # the summary restates what the body identified with its condition ("Shampoo without
        # accumulation" in the body, "Shampoo / Muon" in the table): no second claim
        extra = [m for m in mentions if m.key not in fine and not (m.summary and m.key in qualified)
                 and not any(condition_stated(m.key, k, m.clause, given) for k in fine)]
        # named as the same as the part's own method across the clause's marker ("the same
        # limit as GD and Adam", "GD and Adam reach the same point as SGD"); two names before
        # it are not equated by it ("makes Adam behave like SGD with step αc/ε")
        anchored = [m for m in extra if (m.equivalence or m.listed >= 0) and any(
            o.line == m.line and o.clause == m.clause and o.key in fine
            and ((not m.before_marker or not o.before_marker)
                 or (m.listed >= 0 and m.listed == o.listed)) for o in mentions)]
        # the part's own method said plainly to be an optimizer whose step is the verified one
        # ("Adam is just sign descent") without the condition under which the two coincide
        anchored += [m for m in extra if m not in anchored and m.key in stepped
                     and _method_said_to_be(m, mentions, own)]
        # a list of names given as the part's optimizer ("Muon, Adafactor, or LAMB") names
        # each of them as the update
        for m in _first(anchored):
            grade.add(Finding(
                "over-reach", part.label, m.line,
                f"also names '{m.name}' as the same update, which the verified derivation does "
                "not support (a related optimizer needs the exact condition under which it "
                "coincides)", excerpt=m.clause))
        # "this heavy-ball scheme is Nesterov's method", "Adam is simply AdaGrad with
        # momentum": the part's own method said to be another, unrelated one
        for m in _first([m for m in extra if m not in anchored and _equated(m, mentions, fine)]):
            grade.add(Finding("over-reach", part.label, m.line,
                              f"says the method is '{m.name}', which the verified derivation "
                              f"contradicts (the method is {part.identified_as or 'another'})",
                              excerpt=m.clause))
        # "the iteration is exactly Nesterov's method" where the verified method is heavy
        # ball, named rightly elsewhere: the part's own method said to be an unrelated one
        said = [m for m in extra if m not in anchored and entry is not None
                and not _equated(m, mentions, fine) and _unrelated(m.key, fine)
                and _OWN_METHOD_IS.search(m.clause[:m.start])]
        for m in _first(said):
            grade.add(Finding("over-reach", part.label, m.line,
                              f"says the method is '{m.name}', which the verified derivation "
                              f"contradicts (the method is {part.identified_as})",
                              excerpt=m.clause))
        named_right = entry is not None and (any(m.key in ok for m in mentions) or any(
            m.key in ok for m in named_anywhere(doc, lay, part.label)))
        wrong = [m for m in extra if m not in anchored and m not in said and m.before_marker
                 and not _equated(m, mentions, fine)]
        known = [OPTIMIZERS.get(k) for k in sorted(fine - {None}) if OPTIMIZERS.get(k)]
        if entry is None and known:
            # the problem's own method, known by its verified subject or by what its
            # derivation says it is: only a plain "is exactly X" names it
            wrong = [m for m in wrong if _IS_EXACTLY.search(m.clause[:m.start])]
            named_right = any(m.key in fine for m in mentions)
        if (entry is not None or known) and not named_right and wrong:
            verified = part.identified_as if entry is not None else known[0].name
            for m in _first(wrong):
                grade.add(Finding("over-reach", part.label, m.line,
                                  f"identifies the update as '{m.name}', which the verified "
                                  f"derivation contradicts ({verified})",
                                  excerpt=m.clause))
        asks = "identification" in (written[part.label] or part.asked)
        if entry is not None and asks and not named_right and not wrong \
                and part.label in lay.opened + ([part.label] if len(solution.parts) == 1 else []):
            grade.add(Finding("unanswered", part.label, None,
                              "the optimizer this update recovers is not named",
                              "identification"))
