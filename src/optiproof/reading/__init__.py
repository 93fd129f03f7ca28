"""Reading: problem text as users paste it -> a typed, multi-part Problem, or an honest refusal.

The pipeline, one small step each::

    text -> decode_input   (BadInput: empty, binary, undecodable, over 200 kB)
         -> normalize      (Unicode/ASCII/LaTeX/Markdown/PDF garble -> one canonical form)
         -> split_parts    (title, shared context, parts (a), (b), ...)
         -> family choice  (each registered reader scores the part and the whole text)
         -> objects        (relations, assignments, counts: core.text.mathobjects, once per text)
         -> read_part      (the family's reader: spec fields + the phrase each came from)
         -> Reading        (describe(), to_spec_yaml(), to_problem())

``read_problem`` never guesses: if anything needed is missing, ambiguous or contradictory it
raises :class:`ReadingIncomplete` (a ``NotRecognised``, exit 3) listing what was and was not
read, with the partial reading attached for ``--write-spec``; data that reads but fails the
family's validation raises :class:`ReadingInvalid` (a ``BadInput``, exit 2).
"""

from __future__ import annotations

import re
from typing import Any

from optiproof.core.text.record import Missing, PartReading
from optiproof.reading.report import Reading, ReadingIncomplete, ReadingInvalid, describe

__all__ = ["read_problem", "read_report", "describe", "Reading", "PartReading",
           "ReadingIncomplete", "ReadingInvalid"]

MAX_PART_CHARS = 8_000
"""Longest part (or single-part problem) the reader takes: a real part is a few hundred
characters; longer ones are refused, which bounds the time spent on any one part."""
MAX_READ_CHARS = 40_000
"""Largest normalised problem text the family readers take (bounds reading time; a real
multi-part problem is a few kB). Raw input is bounded separately by LIMITS.max_text_bytes."""

_UNSUPPORTED = {
    r"\bregret\b": "regret bounds",
    r"\bprove\b|\bshow that\b": "proofs",
    r"\bnewton'?s method|\bquasi-newton|\bbfgs\b": "second-order methods",
    r"\bbatch[- ]?norm|\bdropout\b|\battention\b|\bbackprop": "network architecture / training "
                                                               "tricks",
}


def read_problem(text: str | bytes) -> Any:
    """Problem text -> a validated Problem (raises ReadingIncomplete / ReadingInvalid /
    BadInput; never returns a guess)."""
    return read_report(text).to_problem()


def read_report(text: str | bytes) -> Reading:
    """Problem text -> a :class:`Reading` (what was read, with sources, and what was not).

    Raises :class:`optiproof.core.errors.BadInput` only for input that is not a problem text at
    all (empty, binary, too large, an array over the entry limit)."""
    from optiproof.reading.accounting import account_numbers
    from optiproof.reading.attempts import drop_attempts
    from optiproof.reading.normalize import decode_input, flatten, normalize
    from optiproof.reading.parts import sentence_title, split_parts
    from optiproof.reading.questions import read_questions
    from optiproof.reading.roles import place_by_role, symbol_roles, variable_iterates
    from optiproof.reading.symbols import defined_symbols, symbol_key
    from optiproof.reading.match import choose, tied
    from optiproof.core.text.match import rx
    from optiproof.reading.registry import readers

    raw = decode_input(text)
    norm = normalize(raw)
    norm.text = drop_attempts(norm.text, norm.removed)
    if len(norm.text) > MAX_READ_CHARS:
        from optiproof.core.errors import BadInput

        raise BadInput(f"the problem is {len(norm.text) // 1000} kB of text after clean-up; the "
                       f"reader takes one problem of at most {MAX_READ_CHARS // 1000} kB at a "
                       "time", field="PROBLEM", expected="one problem per text (split a long "
                                                         "sheet into its problems)")
    layout = split_parts(norm.text)
    whole = flatten(norm.text)
    norm.removed.extend(f"closing remark {r[:70]!r} (commentary: no data, no question)"
                        for r in layout.remarks)
    registry = readers()
    whole_scores = {name: rd.score(whole) for name, rd in registry.items()}
    reading = Reading(title=layout.title or sentence_title(norm.text),
                      title_source=layout.title_line or "", parts=[], removed=norm.removed,
                      notes=list(dict.fromkeys(norm.notes)),
                      texts={p.label: p.flat for p in layout.parts},
                      context=flatten(layout.context))
    if layout.title is None:
        reading.notes.append("no title line found; the title is made from the first sentence")
    previous: list[PartReading] = []
    resolved: dict[str, Any] = {}
    every_symbol = defined_symbols(whole)
    roles = symbol_roles(whole)
    problem = {"texts": {p.label: p.flat for p in layout.parts},
               "context": flatten(layout.context), "symbols": every_symbol}
    asked_anywhere = [a.quantity for p in layout.parts
                      for a in variable_iterates(read_questions(p.flat), whole).asks
                      if a.quantity]
    for part in layout.parts:
        if len(part.flat) > MAX_PART_CHARS:
            _too_long(part)
        own_flat = part.flat
        part = _inherit(part, read_questions(part.flat), layout.parts, resolved)
        resolved[part.label] = part
        questions = read_questions(part.flat)
        if not questions.requests and part.label != "main":
            questions = _shared_requests(part, questions)
        elif part.label != "main":
            questions = _each_requests(part, questions)
        symbols = _symbols_known_by(part.label, layout, every_symbol)
        problem["symbols"] = symbols
        questions = place_by_role(questions, roles, symbols)
        questions = variable_iterates(questions, whole)
        asked = [q for a in questions.asks
                 if (q := a.quantity or symbols.get(symbol_key(a.phrase)))]
        own_scores = {name: rd.score(part.flat) for name, rd in registry.items()}
        choice = choose(asked, own_scores, whole_scores, registry, asked_anywhere)
        question = _question(part)
        if not choice.candidates:
            pr = PartReading(part.label, None, question=question)
            topic = next((v for k, v in _UNSUPPORTED.items() if rx(k).search(whole)), None)
            pr.family_source = (f"not recognised as any supported problem family "
                                f"({', '.join(sorted(registry))}): {choice.refusal}"
                                + (f"; it looks like {topic}, which optiproof does not cover"
                                   if topic else ""))
            reading.parts.append(pr)
            continue
        tie = tied(choice, asked, own_scores, whole_scores, registry)
        readings = _read_as(part, choice, questions, registry, previous, tie, problem)
        if tie and len(readings) > 1 and all(not p.missing for p in readings[0] + readings[1]):
            pr = PartReading(part.label, None, question=question)
            pr.family_source = (f"ambiguous between {choice.candidates[0][0]} and "
                                f"{choice.candidates[1][0]} (equal evidence, both read it); "
                                "split the problem or give a spec")
            reading.parts.append(pr)
            continue
        chosen = next((r for r in readings if all(not p.missing for p in r)), readings[0])
        for pr in chosen:
            if part.flat != own_flat:
                _unapplied_overrides(own_flat, pr)
            pr.question = question
            reading.parts.append(pr)
            previous.append(pr)
    account_numbers(reading, {p.label: p.flat for p in layout.parts}, flatten(layout.context),
                    layout.title_line or "")
    return reading


def _symbols_known_by(label: str, layout: Any, symbols: dict[str, str]) -> dict[str, str]:
    """The text's symbol definitions that hold in part ``label``: all but those made only in
    the own text of a later part for a letter this part writes into a formula of its own ("(i)
    write it as x⁺ = x − α∇f + β(x − x⁻): what are α and β?" keeps its letters, though "(iii)
    the optimal parameters (α, β)" names the optimal pair)."""
    from optiproof.reading.symbols import defined_symbols

    labels = [p.label for p in layout.parts]
    if label not in labels:
        return symbols
    at = labels.index(label)
    own = layout.parts[at].flat
    earlier = {k for p in layout.parts[:at + 1] for k in defined_symbols(p.flat)}
    later = {k for p in layout.parts[at + 1:] for k in defined_symbols(p.flat)} - earlier
    later -= set(defined_symbols(flatten_context(layout)))
    written = {k for k in later if len(k) <= 2 and re.search(
        rf"=[^=.?;:]{{0,80}}(?<![\w]){re.escape(k)}(?![\w])", own)}
    return {k: v for k, v in symbols.items() if k not in written}


def flatten_context(layout: Any) -> str:
    """The shared text of a layout, single-line."""
    from optiproof.reading.normalize import flatten

    return flatten(layout.context)


MAX_CANDIDATES = 3
"""Families tried on one part, best candidate first, until one reads it completely."""


def _read_as(part: Any, choice: Any, questions: Any, registry: Any,
             previous: list[PartReading], tie: bool, problem: dict | None = None
             ) -> list[list[PartReading]]:
    """The part read by the candidate families in turn (best first), questions accounted for
    (``problem``: each part's text, the shared text and the symbols the text defines), until
    one reads it completely; on a ``tie`` the runner-up is read as well."""
    from optiproof.reading.accounting import account_questions
    from optiproof.reading.questions import read_questions

    from optiproof.core.text.mathobjects import part_objects

    objects = part_objects(part.flat, part.flat_context)
    out = []
    for i, (family, because) in enumerate(choice.candidates[:MAX_CANDIDATES]):
        hook = registry[family]
        if hasattr(hook, "read_questions"):
            hook.read_questions = read_questions  # a reader that splits a part by its questions
        prs = hook.read_part(part, objects, previous)
        for pr in prs:
            pr.family_source = because
            # a sub-part a reader split off (one problem of several in a post) is accounted
            # against the questions of its own text only
            account_questions(pr, getattr(pr, "own_questions", None) or questions, hook,
                              dict(problem or {}, previous=previous))
        out.append(prs)
        if all(not p.missing for p in prs) and not (i == 0 and tie):
            break
    return out


def _too_long(part: Any) -> None:
    """Refuse a part over :data:`MAX_PART_CHARS` (BadInput), naming an oversized array first."""
    from optiproof.core.errors import BadInput
    from optiproof.core.text.numbers import iter_arrays

    iter_arrays(part.flat)
    raise BadInput(f"part ({part.label}) is {len(part.flat) // 1000} kB of text; one part of a "
                   f"problem is read up to {MAX_PART_CHARS // 1000} kB", field="PROBLEM",
                   expected="a problem split into parts of a few hundred words each")


def _shared_requests(part: Any, questions: Any) -> Any:
    """The questions of a part that asks nothing itself ("(b) the l1 norm") are those the shared
    text asks of every part ("For each norm below find d* and the optimal value")."""
    from optiproof.reading.questions import _ASKING_WORD, Questions, is_request, read_questions

    shared = read_questions(part.flat_context)
    asking = tuple(r for r in shared.requests if is_request(r.sentence) or
                   _ASKING_WORD.search(r.sentence))
    if not asking:   # a setup sentence that only mentions a quantity ("denote by L, μ the
        return questions   # extreme eigenvalues") asks nothing of the part
    return Questions(asking, questions.transformations, questions.reference)


_FOR_EACH = re.compile(r"\b(?:for|in) (?:each|every|all)(?: of the)? (?:[\w-]+ ){0,2}?(?:below|"
                       r"that follow|listed|in turn)\b|\bin each (?:part|case)\b", re.I)


def _each_requests(part: Any, questions: Any) -> Any:
    """A part that asks something itself still gets what the shared text asks of every part
    ("For each norm below find d* and the optimal value" before "(b) the l1 norm - which
    coordinate moves?"): those shared requests come first, the part's own after them."""
    from optiproof.reading.questions import Questions, read_questions

    shared = [r for r in read_questions(part.flat_context).requests
              if r.asks and _FOR_EACH.search(r.sentence)]
    if not shared:
        return questions
    return Questions((*shared, *questions.requests), questions.transformations,
                     questions.reference)


def _function_reference(part: Any, parts: Any) -> str | None:
    """The label of the earlier part that defines a function this part uses (``min_d phi(d)``
    after ``phi(d) = g^T d + ‖d‖_1`` in part (c)), or None."""
    from optiproof.reading.questions import defined_functions, uses_function

    labels = [p.label for p in parts]
    for earlier in reversed(parts[:labels.index(part.label)]):
        names = defined_functions(earlier.flat)
        if names and uses_function(part.flat, names):
            return earlier.label
    return None


def _inherit(part: Any, questions: Any, parts: Any, resolved: dict[str, Any] | None = None
             ) -> Any:
    """A part that refers back ("Repeat (a) with α = 0.1", "same two quantities for the tree")
    reads as its own text followed by the referenced part's text: what it states comes first
    and wins; the referenced requests come along only when the part asks nothing itself, and
    the referenced part's norms, optimizers and schemes only when it names none of that kind.
    A referenced part that itself refers back is taken as resolved (``resolved``: label ->
    part as read), so "same two quantities" chains through the parts it follows."""
    from optiproof.catalogue import KINDS
    from optiproof.core.text.record import PartText
    from optiproof.reading.questions import sentences

    reference = questions.reference or _function_reference(part, parts)
    if reference is None:
        return part
    labels = [p.label for p in parts]
    here = labels.index(part.label)
    ref = here - 1 if reference == "previous" else (
        labels.index(reference) if reference in labels else -1)
    if not 0 <= ref < here:
        return part
    resolved = resolved or {}
    inherited = " ".join(resolved.get(parts[i].label, parts[i]).flat
                         for i in [ref, *_more_references(part.flat, reference, labels, here)])
    inherited = _BROKEN_WORD.sub("", inherited)
    asks = any(r.asks for r in questions.requests) and not any(
        (_repeats(s) and not (_asks_something(re.sub(r"\s+", " ", s)) and
                              _asks_of_its_own(re.sub(r"\s+", " ", s))))
        or REPEAT_CLAUSE.match(re.sub(r"\s+", " ", s).strip())
        for _, s in sentences(part.own))
    for kind in ("norm", "optimizer", "scheme"):
        if KINDS[kind].mentions(part.flat) or (kind == "norm" and _NORM_NOTATION.search(part.flat)):
            spans = [(m.start, m.end) for m in KINDS[kind].mentions(inherited)]
            if kind == "norm":
                spans += [m.span() for m in _NORM_NOTATION.finditer(inherited)]
            for start, end in sorted(spans, reverse=True):
                inherited = inherited[:start] + " " * (end - start) + inherited[end:]
    if asks:  # after blanking: a request is judged as the combined text will read it
        inherited = " ".join(s for _, s in sentences(inherited)
                             if not _asks_something(re.sub(r"\s+", " ", s)))
    return PartText(part.label, part.own + "\n" + inherited, part.context, part.start)


def _repeats(sentence: str) -> bool:
    """True when a request asks nothing but to repeat the referenced part ("Do the same for the
    max-norm constraint."): that part's requests are asked again, beside this part's own."""
    from optiproof.catalogue import TRANSFORMS
    from optiproof.catalogue import transforms as T

    if _SAME_SETTING.search(sentence) and len(_REPEAT_WORD.findall(sentence)) == 1:
        return False   # "Same method, but start from ...": a setting kept, no request repeated
    return bool(_REPEAT_WORD.search(sentence)) and any(
        m.entry.key == T.BACK_REFERENCE.key for m in TRANSFORMS.mentions(sentence))


_SAME_SETTING = re.compile(r"\b(?:the )?same (?:method|optimi[sz]er|algorithm|iteration|update(?: rule)?|"
                           r"data(?: ?set)?|start(?:ing point)?|initiali[sz]ation|step ?size|"
                           r"learning rate|matrix|preconditioner|loss|model)\b", re.I)
"""What a part keeps from an earlier one ('Same method, but now start from ...'): a setting,
not the earlier part's requests."""
REPEAT_CLAUSE = re.compile(r"^(?:\(?[a-z0-9]{1,4}[.)] ?)?(?:now |then |next |also )?(?:repeat|redo) "
                           r"(?:parts? |questions? )?\(?(?:[a-h]|\d{1,2}|[ivx]{1,4})\)?(?![\w(])"
                           r"(?:(?:,| and|,? ?[-–]) ?\(?(?:[a-h]|\d{1,2}|[ivx]{1,4})\)(?![\w(]))*"
                           r"(?:[^.?;,]|\.\d)*?,? and (?=\w)", re.I)
"""A sentence that opens by repeating a part (or several: "Repeat (a) and (b) for the max-norm
ball, and give the ratio ...") and then asks more ("Repeat (i) for the ℓ1 norm and say which
method takes such steps"): the part asks what the repeated parts asked, and the rest."""
_REPEAT_WORD = re.compile(r"\b(?:same|redo|repeat|again|likewise)\b", re.I)
"""A sentence repeats a part only when it says so ("do the same", "redo it", "repeat (a)"); one
that uses a part's answer ("using your answer to (c), take α = 0") asks nothing again."""


_OVERRIDE = re.compile(r"(?<![\w=<>≤≥])([A-Za-zα-ωΔ](?:_?\{?\w{1,4}\}?)?) ?= ?((?:[-−]?\d+(?:\.\d+)?|[A-Za-zα-ω√(])"
                       r"[^,;?:=]{0,30}?)(?=[,;?:]| (?:and|but|with|instead|in|for)\b| \(| [—–-]{1,2} |\.(?:\s|$)|\s?$)")
"""A value a repeating part sets ("but with γ = 1/L", "for M = 400 MB (times in seconds)", "M = 4
kB — in μs"): up to a comma, a joining word, an aside in parentheses or a dash."""

_FUNCTION_OVERRIDE = re.compile(r"(?<![\w])([A-Za-zφψ]\w{0,3}) ?\([^()=]{1,20}\) ?= ?([^,;?:=]{1,60}?)"
                                r"(?=[,;?:]| \(| (?:and|but|with|instead|for)\b|\.(?:\s|$)|\s?$)")
"""A function the repeating part defines ("Repeat (b) for h(x, y) = x² + 4y²")."""


def _unapplied_overrides(own: str, pr: PartReading) -> None:
    """A part that repeats another with a change ("Same question as (a), but with γ = 1/L")
    must apply each value it sets: one its reading did not use (no field's source holds it)
    is a gap naming it, never the repeated part's answer again."""
    used = " ".join(pr.sources()).replace(" ", "")
    for m in _FUNCTION_OVERRIDE.finditer(own):
        if m.group(0).replace(" ", "") not in used and m.group(2).replace(" ", "") not in used:
            pr.miss(f"override {m.group(1)}", f"\"{m.group(0).strip()}\" gives the part it "
                                              "repeats another function, but the reading did not "
                                              "apply it (expected the family to read that function)")
    for m in _OVERRIDE.finditer(own):
        stated = m.group(0).replace(" ", "")
        value = m.group(2).rstrip(")]}. ").replace(" ", "")
        if stated in used or value in used or (value and value in " ".join(
                str(f.value) for f in pr.fields.values())):
            continue
        pr.miss(f"override {m.group(1)}", f"\"{m.group(0).strip()}\" changes the part it repeats, "
                                          "but the reading did not apply it (expected a value "
                                          "the family reads for that symbol)")


_BROKEN_WORD = re.compile(r"(?<=[a-z])- (?=[a-z])")
"""A word broken at a line end ("recursive dou- bling"), joined in inherited text so that what
it names is recognised (and replaced when the part names its own)."""


def _more_references(flat: str, first: str, labels: list[str], here: int) -> list[int]:
    """Further parts a back-reference names after the first ("Repeat (b) and (c) for ...")."""
    m = re.search(rf"\({re.escape(first)}\)((?:,? (?:and |& )?\((?:[a-h]|\d{{1,2}})\)){{1,4}})",
                  flat, re.I)
    if m is None:
        return []
    more = [x.lower() for x in re.findall(r"\(([a-h]|\d{1,2})\)", m.group(1), re.I)]
    return [labels.index(x) for x in more if x in labels and labels.index(x) < here]


_NORM_NOTATION = re.compile(r"‖[^‖\n]{1,40}‖_[^\s^,.;:?]{1,8}")


def _asks_something(sentence: str) -> bool:
    """True for a request sentence (it is not inherited by a part that asks for itself)."""
    from optiproof.reading.questions import is_request

    return is_request(sentence)


def _asks_of_its_own(sentence: str) -> bool:
    """True for a request sentence that names something asked ("Repeat (a) and give the step
    length"); "Repeat (a) with the ℓ∞ norm." is a request that asks only what (a) asked, so a
    part that adds a question of its own in another sentence asks both."""
    from optiproof.reading.questions import read_questions

    return any(r.asks or r.unplaced for r in read_questions(sentence).requests)


def _question(part: Any) -> str:
    from optiproof.core.text.match import question_sentences

    if part.label == "main":
        return question_sentences(part.flat, 1500)
    q = part.flat
    return q if len(q) <= 1500 else q[:1497] + "..."
