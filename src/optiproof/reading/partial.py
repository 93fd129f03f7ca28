"""Answering what was read: which parts of a partly read text can be answered on their own.

A part is answered only when its reading is complete and nothing it reads comes from a part
that is not answered. The reader's own records of a dependence are used first: the part it
repeats ("(c) Repeat (a) with α = 0.1", "same two quantities for the tree": the back-reference
:func:`read_questions` finds), a function an earlier part defines ("min_d φ(d)"), the parts
the operands of a derived quantity name ("the ratio of (a) to (b)"), a field whose source
phrase is in another part's text. Where there is no record, the test is conservative: a part
whose own text names the label of a part not answered ("using your answer to part 2"), uses a
symbol only that part defines, or says it goes on from an earlier part ("the same", "this
limit", "as above") while an earlier part is not answered, is not answered either. A part not
answered is always acceptable; an answer built on a part nobody read is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from optiproof.core.text.record import PartReading

_BACK = re.compile(
    r"\b(?:same|again|repeat(?:ing)?|redo|likewise|previous(?:ly)?|above|earlier|preceding|"
    r"prior|before|these|those|aforementioned|said|just (?:found|computed|derived|obtained))\b|"
    r"\b(?:this|that|such|your|the resulting|the obtained|the given|the chosen) "
    r"(?:[\w-]+ ){0,2}?"
    r"(?:limit|point|solution|minimi[sz]er|iterate|answer|result|value|step|update|quantit(?:y|ie)|"
    r"one|setting|problem|question|choice|formula|expression|bound|parameter|hyperparameter|"
    r"number|rate|constant|matri(?:x|ce)|vector|norm|method|optimi[sz]er|scheme|case|"
    r"configuration|data|size|schedule|start|initiali[sz]ation)s?\b",
    re.I)
"""Words by which a part goes on from an earlier one ("do the same", "this limit", "as
above", "your answer", "with these parameters")."""
_NAMING = r"(?:part|question|item|exercise|task|sub-?part|q)"
_ASSIGNED = re.compile(r"(?<![\w\\])([A-Za-zα-ωΑ-Ωθ∇][A-Za-z0-9]?(?:_\{?[\w∞*]{1,8}\}?)?"
                       r"(?:\^[\w*]{1,3})?(?:[*⋆])?)\s?(?:\([^()=]{0,20}\))?\s?:?=(?!=)")
"""``name = ...``, ``name := ...``, ``f(x) = ...``: a symbol the text defines."""


_WORDS = frozenset({"a", "an", "as", "at", "be", "by", "do", "if", "in", "is", "it", "of",
                    "on", "or", "so", "to", "we", "no", "up", "us", "me", "my", "he", "i"})
"""Words an ``_ASSIGNED`` match may catch that are not symbols ("a factor of = ...")."""


def label_pattern(label: str) -> re.Pattern[str]:
    """Ways a text names a part by its label: "(b)", "part b", "part (b)", "question 2", "Q2"."""
    lab = re.escape(label)
    return re.compile(rf"(?<![\w)\]])\(\s?{lab}\s?\)|\b{_NAMING}\.?\s?\(?{lab}\)?(?![\w])",
                      re.I)


def _layout_label(label: str, texts: dict[str, str]) -> str:
    """The label of the part of the text a reading part comes from (a sub-part ``b.1`` of a
    part the reader split comes from ``b``)."""
    if label in texts:
        return label
    head = label.split(".")[0]
    return head if head in texts else label


def _compact(text: str) -> str:
    return " ".join(text.split())


def defined_symbols(text: str, part: PartReading | None = None) -> set[str]:
    """Symbols a text defines: assigned (``u = ...``, ``φ(d) = ...``), named for an answer
    ("call it u", "let v be the step", "where θ_min is ...") or asked by name ("Compute θ_∞")."""
    from optiproof.reading.derived import _DEFINITIONS  # the derived reader's own definitions

    out = {m.group(1) for m in _ASSIGNED.finditer(text)}
    for rx in _DEFINITIONS:
        out |= {m.group("sym") for m in rx.finditer(text) if m.group("sym")}
    if part is not None:
        out |= set(part.named)
    return {s for s in out if s and s.lower() not in _WORDS}


def _mentions(text: str, symbol: str) -> bool:
    return re.search(rf"(?<![\w\\]){re.escape(symbol)}(?![\w])", text) is not None


def _derived_parts(value: Any, depth: int = 0) -> set[str]:
    """Every part label an entry of the ``derived`` field names (its operands' ``part``)."""
    if depth > 12:
        return set()
    if isinstance(value, dict):
        out = {str(value["part"])} if isinstance(value.get("part"), str) else set()
        for v in value.values():
            out |= _derived_parts(v, depth + 1)
        return out
    if isinstance(value, (list, tuple)):
        return {x for v in value for x in _derived_parts(v, depth + 1)}
    return set()


_PARTS_NAMED = re.compile(r"\bparts?\s?((?:\(\w{1,8}\)(?:,?\s?(?:and |& )?)?)+)", re.I)
"""How the readers record where a field came from: "...; from part (a)", "stated in part (b)",
"the scheme of part (c)", "the limits of parts (a) and (b)"."""


def _parts_named(record: str) -> set[str]:
    return {x.lower() for m in _PARTS_NAMED.finditer(record)
            for x in re.findall(r"\((\w{1,8})\)", m.group(1))}


def _records(part: PartReading) -> list[str]:
    """What a part's reading says of where its fields came from: their sources and notes, its
    conventions, its notes."""
    return [x for f in [*part.fields.values(), *part.conventions]
            for x in (f.source, f.note) if x] + list(part.notes)


def part_gaps(part: PartReading) -> list[str]:
    """The lines of ``Reading.unread()`` about one part."""
    out = []
    if not part.family:
        out.append(f"part ({part.label}): family - " + (
            part.family_source or "not recognised as any supported problem family"))
    out.extend(f"part ({part.label}): {m.name} - {m.reason}" for m in part.missing)
    return out


def _recorded(part: PartReading, reading: Any, own: str) -> dict[str, str]:
    """The parts the reader recorded this part as taking something from (label -> how): the
    part it repeats, the parts the operands of its derived quantities name, the parts its
    fields' sources and notes name, the parts whose text holds a source phrase of its fields
    that neither its own text nor the shared text has."""
    from optiproof.reading.derived import DERIVED_FIELD
    from optiproof.reading.questions import read_questions

    texts: dict[str, str] = reading.texts
    layout = list(texts)
    here = _layout_label(part.label, texts)
    labels = [p.label for p in reading.parts if p.label != part.label]
    out: dict[str, str] = {}

    def take(target: str, how: str) -> None:
        for label in labels:
            if label not in out and (label == target or _layout_label(label, texts) == target) \
                    and _layout_label(label, texts) != here:
                out[label] = how

    reference = read_questions(own).reference if own else None
    if reference == "previous" and here in layout and layout.index(here) > 0:
        reference = layout[layout.index(here) - 1]
    if reference is not None:
        take(reference, "it refers back to part ({})")
    for label in sorted(_derived_parts(part.value(DERIVED_FIELD))):
        take(label, "it uses the answer of part ({})")
    for record in _records(part):
        for label in sorted(_parts_named(record)):
            take(label, f"what it reads comes from part ({{}}) (\"{record}\")")
    own_c = _compact(own)
    context = _compact(" ".join([reading.context, reading.title_source or "", reading.title]))
    for f in [*part.fields.values(), *part.conventions]:
        # a field whose record names the part it came from ("spectral; from part (a)") came
        # from that part, not from a later one that repeats its words
        named = {_layout_label(p, texts) for p in _parts_named(
            " ".join(x for x in (f.source, getattr(f, "note", None)) if x))}
        pieces = [src for piece in re.split(r"; | \| ", f.source or "")
                  for src in (_compact(piece).removesuffix("...").strip(),)
                  if len(src) >= 3 and src not in own_c and src not in context]
        # one part that states every piece is where the field comes from ('g_1 = 1; g_2 = -1'
        # of part 3, not the 'g_1 = 1' part 1 also happens to state)
        earlier = layout[:layout.index(here)] if here in layout else layout
        whole = [label for label in earlier if label != here and pieces and
                 all(src in _compact(texts[label]) for src in pieces)]
        for src in pieces:
            for label in whole[-1:] or layout:
                if label != here and src in _compact(texts[label]) and \
                        (not named or label in named):
                    take(label, f"its {f.name} is read from \"{src}\" in part ({{}})")
    return out


def dependence(part: PartReading, reading: Any, others: Iterable[str]) -> str | None:
    """Why ``part`` is not answered when the parts labelled ``others`` are not (a sentence
    naming the part), or None: it takes something from one of them (the reader's records),
    its own text names one of them, uses a symbol or function only one of them defines, or
    says it goes on from an earlier part while one is not answered; or its own text refers to
    a part (by label, or "that limit", "these parameters") the reader did not record taking
    anything from, so the reference may not have been resolved."""
    from optiproof.reading.questions import defined_functions, read_questions, uses_function

    texts: dict[str, str] = reading.texts
    order = [p.label for p in reading.parts]
    others = [o for o in others if o != part.label]
    here = _layout_label(part.label, texts)
    own = texts.get(here, "") or part.own_text or ""
    before = order[:order.index(part.label)] if part.label in order else []
    recorded = _recorded(part, reading, own)
    for o in others:
        if o in recorded:
            return recorded[o].format(o) + ", which is not answered"
    layout_of = {p: _layout_label(p, texts) for p in [*order, *others]}
    for o in layout_of:
        m = label_pattern(o).search(own)
        if m is None or layout_of[o] == here:
            continue
        if o in others:
            return f"it names part ({o}) (\"{m.group(0).strip()}\"), which is not answered"
        if not any(layout_of[r] == layout_of[o] or _same_setting(reading, r, o)
                   for r in recorded):
            return (f"it names part ({o}) (\"{m.group(0).strip()}\"), but the reading took "
                    "nothing from that part, so the reference may not be resolved")
    mine = defined_symbols(own) | defined_symbols(reading.context)
    for o in others:
        other = texts.get(layout_of.get(o, o), "")
        if layout_of.get(o) == here or not other or (o not in before and part.label in order):
            continue    # a later part defines nothing this one uses: the text is read in order
        names = defined_functions(other)
        if names and uses_function(own, names):
            return f"it uses a function part ({o}) defines, and part ({o}) is not answered"
        reading_o = next((p for p in reading.parts if p.label == o), None)
        for symbol in sorted(defined_symbols(other, reading_o) - mine):
            if _mentions(own, symbol):
                return (f"it uses {symbol}, which part ({o}) defines, and part ({o}) is not "
                        "answered")
    m = next((x for x in _BACK.finditer(own) if not _internal(own, x) and not _shared_setting(
        own, x, reading.context, [texts.get(layout_of.get(b, b), "") for b in before])), None)
    named = read_questions(own).reference or _named_reference(own)
    if m is not None and named in before and named not in others and (
            read_questions(own).reference == named or _restates(part, reading, named)):
        m = None   # "Repeat 1 with …": it goes on from the part it names, which is answered
    earlier = [o for o in others if o in before]
    if m is not None and earlier:
        return (f"it goes on from an earlier part (\"{m.group(0)}\") and part ({earlier[-1]}) "
                "is not answered")
    if m is not None and before and not any(r in before for r in recorded) and \
            not _redone(own, m, reading, before):
        return (f"it goes on from an earlier part (\"{m.group(0)}\"), but the reading took "
                "nothing from one, so the reference may not be resolved")
    return None


def _same_setting(reading: Any, a: str, b: str) -> bool:
    """True when the parts labelled ``a`` and ``b`` read the same family and the same settings
    (their questions aside): "Repeat (a) and (b) with the Frobenius norm" that took its setting
    from (a) took (b)'s too."""
    pa, pb = (next((p for p in reading.parts if p.label == x), None) for x in (a, b))
    if pa is None or pb is None or not pa.family or pa.family != pb.family:
        return False
    keys = (set(pa.fields) | set(pb.fields)) - {"asks"}
    return all(k in pa.fields and k in pb.fields and pa.fields[k].value == pb.fields[k].value
               for k in keys)


def _named_reference(own: str) -> str | None:
    """The label of the part a back-reference names ("Same as 2 but with ‖Δ‖₁ ≤ η"), or None."""
    from optiproof.reading.questions import _REFERENCE

    m = _REFERENCE.search(own)
    return next((g.lower() for g in m.groups() if g), None) if m else None


def _restates(part: PartReading, reading: Any, label: str) -> bool:
    """True when ``part`` reads for itself every setting the part labelled ``label`` read (its
    question aside): "Same as 2 but with ‖Δ‖₁ ≤ η, η = 0.1" leaves nothing of part 2 unused."""
    other = next((p for p in reading.parts if p.label == label), None)
    return other is not None and other.family == part.family and \
        set(other.fields) - {"asks"} <= set(part.fields)


_REDO = re.compile(r"again|redo|repeat(?:ing)?", re.I)
"""Words by which a part does an earlier computation once more ("compute Δθ_1 again")."""


def _redone(own: str, m: re.Match, reading: Any, before: list[str]) -> bool:
    """True when the reference is a computation done again under the part's own instruction
    ("Now switch X off. Compute Δθ_1 again"), and every earlier part states nothing of its own
    that the reader read (each field it read comes from the shared text): what is done again
    is read from the part and the shared text alone, so nothing is left unresolved."""
    if not _REDO.fullmatch(m.group(0)) or not _INSTRUCTION.search(own[:m.start()]):
        return False
    texts: dict[str, str] = reading.texts
    context = _compact(" ".join([reading.context, reading.title_source or "", reading.title]))
    for p in reading.parts:
        if p.label not in before:
            continue
        mine = _compact(texts.get(_layout_label(p.label, texts), "") or p.own_text or "")
        for f in [*p.fields.values(), *p.conventions]:
            if f.name == "asks":
                continue    # what the earlier part asks is not a value this one could need
            for piece in re.split(r"; | \| ", f.source or ""):
                src = _compact(piece).removesuffix("...").strip()
                if src and src in mine and src not in context:
                    return False
    return True


_INSTRUCTION = re.compile(r"(?:^|[.;:] |\b(?:and|then) )(?:now |then )?(?:multiply|scale|rescale|add|"
                          r"set|keep|replace|use|take|run|apply|switch|change|double|halve|"
                          r"increase|decrease|remove|drop|turn)\b", re.I)
"""An instruction of the part's own ('multiply the loss by c', 'set β₁ = 0')."""


_OWN_OPTIMUM = re.compile(r"\b(?:give|find|compute|determine|state|report|what|which)\b[^.?;]{0,60}"
                          r"\b(?:optimal|best|tuned|optimally)\b", re.I)
"""A request of the part's own for an optimum ('give the optimal step and β, and the resulting
rate'): what 'the resulting …' after it results from."""


_NOT_NOUNS = frozenset({"for", "as", "with", "but", "again", "and", "or", "way", "thing", "things",
                        "one", "ones", "setting", "settings"})
"""Words after 'same' that name no noun of the part's own ('the same for the tree', 'the same
as in (a)', 'the same setting')."""


def _shared_setting(own: str, m: re.Match, context: str, earlier: list[str]) -> bool:
    """True when 'same' names a setting of the shared text that no earlier part mentions ('(same
    learning rate)' under 'learning rate 0.002' stated once for all parts): the shared value,
    not an earlier part's."""
    if m.group(0).lower() != "same":
        return False
    noun = re.match(r" ([a-z][\w-]{2,}(?: [a-z][\w-]{2,})?)\b", own[m.end():], re.I)
    if noun is None or noun.group(1).split()[0].lower() in _NOT_NOUNS:
        return False
    said = re.compile(rf"\b{re.escape(noun.group(1))}s?\b", re.I)
    return said.search(context or "") is not None and not any(said.search(t) for t in earlier)


def _internal(own: str, m: re.Match) -> bool:
    """True when a demonstrative reference ('that rate') names a noun the part's own text
    mentions before it ('the γ that gives the fastest rate, and that rate'): it refers inside
    the part, not to an earlier one."""
    words = m.group(0).split()
    if m.group(0).lower() == "before" and re.match(
            r" (?:the|a|an|each|every|any|its|their|\w+ing)\b", own[m.end():], re.I):
        return True     # 'not undone before the optimizer step': a preposition of time
    if m.group(0).lower() in ("those", "these") and re.match(r" of\b", own[m.end():]):
        return True     # 'the iterates are those of unscaled Adam': a noun of its own sentence
    if m.group(0).lower().startswith(("the resulting", "the obtained")):
        # 'multiply the loss by c. The resulting iterates ...': the result of the part's own
        # instruction, stated before it
        sentence = re.split(r"[.?!;] ", own[:m.start()])[-1]
        return _INSTRUCTION.search(own[:m.start()]) is not None or \
            _OWN_OPTIMUM.search(sentence) is not None
    if m.group(0).lower() == "same":
        # 'reduce up a tree to a root, then broadcast down the same tree': a noun of its own
        noun = re.match(r" ([a-z][\w-]{2,})\b", own[m.end():], re.I)
        return bool(noun) and noun.group(1).lower() not in _NOT_NOUNS and re.search(
            rf"\b{re.escape(noun.group(1))}\b", own[:m.start()], re.I) is not None
    if len(words) < 2 or words[0].lower() not in ("this", "that", "such"):
        return False
    return any(re.search(rf"\b{re.escape(w.rstrip('s'))}s?\b", own[:m.start()], re.I)
               for w in words[1:] if len(w) > 2)


def answerable(reading: Any, invalid: dict[str, str] | None = None
               ) -> tuple[list[PartReading], dict[str, list[str]]]:
    """(the parts to answer, in order; for every other part, the reasons it is not answered).
    Nothing is answerable when the reading has a problem-level gap; ``invalid`` names parts
    read completely that are not answered, each with its reason (data that do not validate, or
    data the solver refuses)."""
    if reading.missing:
        return [], {p.label: part_gaps(p) or ["the problem as a whole was not read"]
                    for p in reading.parts}
    out: dict[str, list[str]] = {p.label: part_gaps(p) for p in reading.parts
                                 if p.missing or not p.family}
    for label, message in (invalid or {}).items():
        out.setdefault(label, [f"part ({label}): not answered - {message}"])
    changed = True
    while changed:
        changed = False
        for p in reading.parts:
            if p.label in out:
                continue
            why = dependence(p, reading, list(out))
            if why is not None:
                out[p.label] = [f"part ({p.label}): not answered - {why}"]
                changed = True
    return [p for p in reading.parts if p.label not in out], out
