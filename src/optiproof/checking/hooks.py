"""The seam between the generic checker and what a family knows about its own answers.

A family declares a checker module (``Family.checker``). It takes and returns plain values --
parts, names, SymPy values, patterns, strings -- and imports nothing from the checker, which
does all the reading and comparing. It may define any of

- ``expectations(part, expected) -> list``: reshape what the part must state (mark a form
  optional, add another form of one answer), with ``dataclasses.replace``;
- ``normalise(part, name, value) -> value | None``: a claimed (and the verified) value of the
  answer ``name`` in the form to compare (None: the claim states another answer);
- ``accepted(part, name) -> list[(value, note)]``: other values that state the answer
  acceptably, with the note shown beside the verdict (``{claim}`` is the claim as written);
- ``false_statements(part) -> list[(pattern, message)]``: statements the verified answers
  refute, found wherever the answer makes them (not negated, not hypothetical; groups
  named ``own…`` hold words of the statement itself that only look like a negation); an
  entry ``(pattern, message, refuted)`` counts a match only when ``refuted(match)`` holds (the
  statement's own numbers decide: "for every α < 0.2" is false where "α < 0.1" is true);
- ``UNIVERSAL`` (a pattern) and ``other_instance(part) -> (name, {answer: value}) | None``:
  a claim that a number holds for every instance, tested on another instance;
- ``hint_question(part) -> str``: the question a hint asks about the part's derivation.

Nothing outside a family names it: the checker module is found through the registry.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

NOT_STATED = "not a statement of this answer"
"""A verdict meaning the claim is about something else: it is left out of the grading."""


@lru_cache(maxsize=None)
def _module(path: str) -> Any:
    return importlib.import_module(path)


def checker_of(part: Any) -> Any:
    """The checker module of the part's family, or None when the generic checker suffices."""
    from optiproof.families import FAMILIES

    family = FAMILIES.get(part.family)
    if family is None or not family.checker:
        return None
    return _module(family.checker)


def _generic_index(value: Any, target: Any) -> Any:
    """A symbol written without the step index the verified answer gives it (``m̂`` where the
    answer has ``m̂_t``, a summary row ``θ ← θ − α m̂/(√v̂ + ε)``; ``g`` where the answer has
    only ``g₁``, the one gradient of the step it asks) is that symbol at that step, and one
    written with its index on the line (``g1``) is the indexed symbol; a symbol the answer
    itself uses bare stays."""
    names = {s.name for s in getattr(target, "free_symbols", set())}
    if not names or not hasattr(value, "xreplace"):
        return value
    import sympy

    repl = {}
    for sym in getattr(value, "free_symbols", set()):
        if sym.name in names or "_" in sym.name:
            continue
        inline = re.fullmatch(r"(.*[A-Za-z])(\d{1,2})", sym.name)
        if inline and f"{inline.group(1)}_{inline.group(2)}" in names:
            repl[sym] = sympy.Symbol(f"{inline.group(1)}_{inline.group(2)}")
            continue
        indexed = [f"{sym.name}_{i}" for i in ("t", "k") if f"{sym.name}_{i}" in names] or [
            n for n in names if re.fullmatch(re.escape(sym.name) + r"_\d{1,2}", n)]
        if len(indexed) == 1:
            repl[sym] = sympy.Symbol(indexed[0])
    return value.xreplace(repl) if repl else value


def judge(part: Any, exp: Any, value: Any, text: str, hook: Any) -> tuple[Any, str]:
    """Does a claimed value state the verified answer ``exp``? True, False, None (cannot
    tell) or :data:`NOT_STATED`, with the family's note when it accepts another form."""
    from optiproof.checking.compare import kind_of, matches

    if hook is not None and hasattr(hook, "normalise"):
        value = hook.normalise(part, exp.name, value)
        if value is None:
            return NOT_STATED, ""
        target = hook.normalise(part, exp.name, exp.value)
        if target is not None and target is not exp.value:
            exp = replace(exp, value=target, kind=kind_of(target), forms=())
    value = _generic_index(value, exp.value)
    verdict = matches(value, text, exp)
    if verdict is not True and hook is not None and hasattr(hook, "accepted"):
        for other, note in hook.accepted(part, exp.name):
            if matches(value, text, replace(exp, value=other, kind=kind_of(other), forms=())):
                shown = f"${text}$" if "\\" in text else text
                return True, note.replace("{claim}", shown)
    if verdict is False and not exp.required:
        return NOT_STATED, ""
    return verdict, ""


def _own_words_masked(words: str, m: Any) -> str:
    """``words`` with the match's groups ``own…`` blanked: a statement whose own words are a
    negation in form ("stationarity is not needed") is not negated by them."""
    for name in m.re.groupindex:
        if name.startswith("own") and m.group(name) is not None:
            a, b = m.span(name)
            words = words[:a] + " " * (b - a) + words[b:]
    return words


def statement_findings(part: Any, units: list[Any], claims: list[Any],
                       expected: list[Any], hook: Any) -> list[Any]:
    """The family's refutations: statements it knows to be false, and claims that a number
    holds for every instance when another instance gives another number."""
    from optiproof.checking.compare import matches
    from optiproof.checking.concepts import plain
    from optiproof.checking.findings import Finding
    from optiproof.checking.statements import stance

    out: list[Finding] = []
    patterns = hook.false_statements(part) if hasattr(hook, "false_statements") else []
    universal = getattr(hook, "UNIVERSAL", None)
    numbers = [e for e in expected if e.kind == "number"]
    for unit in units:
        words = plain(unit.text)
        for pattern, message, *refuted in patterns:
            m = next((m for m in pattern.finditer(words) if not stance(
                _own_words_masked(words, m), m.start(), m.end())
                and all(test(m) for test in refuted)), None)
            if m and not any(f.line == unit.line for f in out):
                out.append(Finding("false-claim", part.label, unit.line, message,
                                   excerpt=m.group(0)))
        m = universal.search(words) if universal is not None else None
        if m is None or stance(words, m.start(), m.end()):
            continue
        stated = [e for e in numbers for c in claims if unit.start <= c.pos < unit.end
                  and c.final is not None and matches(c.final.value, c.final.text, e)]
        other = hook.other_instance(part) if stated else None
        if other is None:
            continue
        instance, answers = other
        exp = stated[0]
        if exp.name in answers and not matches(answers[exp.name], "", exp):
            out.append(Finding(
                "false-claim", part.label, unit.line,
                f"says the {exp.name} holds in general, but {instance} it is "
                f"{float(answers[exp.name]):.4g}, not {float(exp.value):.4g}",
                excerpt=m.group(0)))
    return out
