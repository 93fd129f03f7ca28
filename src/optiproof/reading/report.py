"""What the reader understood: per part, each spec field with the phrase it came from, and
what could not be read. A :class:`Reading` becomes a Problem of every part only when nothing is
missing (:meth:`Reading.to_problem`), or a Problem of the parts read completely that use no
part left unread (:meth:`Reading.answerable_problem`); either way it still writes a
ready-to-edit spec of the whole text (:meth:`Reading.to_spec_yaml`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from optiproof.core.errors import BadInput, NotRecognised
from optiproof.core.text.record import TODO, Missing, NumberUse, PartReading, phrase
from optiproof.reading.partial import answerable, part_gaps

SPEC_HEADER = "# Spec written by `optiproof read` from the problem text."


def is_written_spec(head: bytes) -> bool:
    """True when ``head`` (the start of a file) is a spec ``--write-spec`` wrote: what it may
    replace without --force."""
    return head.decode("utf-8", "replace").startswith(SPEC_HEADER)


@dataclass
class Reading:
    """The whole reading: title, parts, what normalisation removed, problem-level gaps."""

    title: str
    title_source: str
    parts: list[PartReading]
    missing: list[Missing] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    numbers: list[NumberUse] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    """Each part's own text (single-line), by the label the text gives it."""
    context: str = ""
    """The shared text before the parts (single-line)."""
    invalid: dict[str, str] = field(default_factory=dict)
    """Parts read completely whose data do not validate on their own, or whose data the solver
    refuses (label -> reason): not answered, the rest of the text is (see
    :meth:`answerable_problem` and :func:`optiproof.pipeline.solve_cached`)."""

    @property
    def complete(self) -> bool:
        """True when every part has a family and nothing asked or needed is missing."""
        return not self.missing and all(not p.missing and p.family for p in self.parts)

    @property
    def unused(self) -> list[str]:
        """Numbers of the shared context and of every part that no field used."""
        return [u.text for u in self.numbers if u.status == "unused"] + [
            x for p in self.parts for x in p.unused]

    def to_dict(self) -> dict[str, Any]:
        """The reading as JSON data: per part its family, asked quantities, inputs with their
        sources, notes, gaps and unused numbers; problem-level notes and ignored text."""
        return {
            "title": self.title,
            "complete": self.complete,
            "parts": [{
                "label": p.label, "family": p.family, "asked": list(p.asked),
                "inputs": [{"name": f.name, "value": _plain(f.value), "source": f.source,
                            **({"note": f.note} if f.note else {})} for f in p.fields.values()],
                "conventions": [{"name": c.name, "source": c.source, "note": c.note}
                                for c in p.conventions],
                "notes": list(p.notes),
                "not_read": [{"name": m.name, "reason": m.reason} for m in p.missing],
                "unused_numbers": p.unused} for p in self.parts],
            "unused_numbers": [u.text for u in self.numbers if u.status == "unused"],
            "ignored": [f"{u.text} (label)" for u in self.numbers if u.status == "label"]
            + [f"{u.text} ({u.source})"
               for u in [*self.numbers, *(n for p in self.parts for n in p.numbers)]
               if u.status == "aside"]
            + list(self.removed),
            "notes": list(self.notes),
            "not_read": self.unread(),
        }

    def unread(self) -> list[str]:
        """Every gap as one line: ``part (b): norm - reason``."""
        return [f"{m.name}: {m.reason}" for m in self.missing] + [
            g for p in self.parts for g in part_gaps(p)]

    def spec_dict(self, todo: bool = False) -> dict[str, Any]:
        """The reading as a spec mapping; fields equal in every part go to ``context``; with
        ``todo`` the fields still to fill are written ``TODO``."""
        parts = [p.spec(todo) for p in self.parts]
        context: dict[str, Any] = {}
        if len(parts) > 1 and all(p.family for p in self.parts):
            shared = set(parts[0]) - {"label", "family", "question"}
            for p in parts[1:]:
                shared &= set(p)
            for name in sorted(shared, key=list(parts[0]).index):
                if all(p[name] == parts[0][name] for p in parts[1:]):
                    context[name] = parts[0][name]
            parts = [{k: v for k, v in p.items() if k not in context} for p in parts]
        out: dict[str, Any] = {"title": self.title}
        if context:
            out["context"] = context
        out["parts"] = parts
        return out

    def to_spec_yaml(self) -> str:
        """A ready-to-edit spec: what was read, with a comment on every field still to fill."""
        import yaml

        lines = [SPEC_HEADER]
        gaps = self.unread()
        if gaps:
            lines.append("# Not read - fill these in before solving:")
            lines.extend(f"#   {g}" for g in gaps)
        else:
            lines.append("# Everything needed was read; check it against the text.")
        body = yaml.safe_dump(_plain(self.spec_dict(todo=True)), sort_keys=False, allow_unicode=True,
                              width=100, default_flow_style=None)
        out_lines = []
        for line in body.splitlines():
            stripped = line.strip()
            if stripped.startswith(("- label:", "- {label:")):
                label = stripped.split(":", 1)[1].split(",")[0].strip().strip("'\"")
                part = next((p for p in self.parts if p.label == label), None)
                indent = line[:len(line) - len(line.lstrip())]
                if part is not None and not part.family:
                    out_lines.append(f"{indent}# TODO family: one of {', '.join(_families())}")
                for m in (part.missing if part else []):
                    out_lines.append(f"{indent}# TODO {m.name}: {m.reason}")
            out_lines.append(line)
        return "\n".join(lines + out_lines) + "\n"

    def attach(self, solution: Any) -> None:
        """Put this reading on a solution: its JSON data, and on each part the numbers of its
        own text that were not used (such a part is not stamped verified)."""
        from optiproof.core.solution import NotAnswered

        solution.reading = self.to_dict()
        readings = {p.label: p for p in self.parts}
        answered = {p.label for p in solution.parts}
        if any(p.label not in answered for p in self.parts):
            _, reasons = answerable(self, self.invalid)
            solution.not_answered = [
                NotAnswered(p.label, p.question, tuple(reasons.get(p.label) or [
                    f"part ({p.label}): not answered"])) for p in self.parts
                if p.label not in answered]
        shared = [u.text for u in self.numbers if u.status == "unused"]
        for part in solution.parts:
            reading = readings.get(part.label)
            unused = [u.text for u in reading.numbers if u.status == "unused" and
                      not _named_by_answer(u.text, part)] if reading is not None else []
            part.unread = [f"'{x}' in this part's text was not used by the reading"
                           for x in unused]
            # a number of the shared text no part used may be data every part needed (a size
            # a PDF copy broke apart, '5 × 10' / '6'): no part is stamped verified past it
            part.unread += [f"'{x}' in the shared text was not used by the reading"
                            for x in shared if not _named_by_answer(x, part)]
            if part.label in readings:
                part.unread += _unanswered(readings[part.label], part)
                earlier = [r.question for r in self.parts[:self.parts.index(
                    readings[part.label])]]
                part.unread += _only_numbers(readings[part.label], part, earlier)
                part.unread += _refuted_claims(readings[part.label], part)
        for data in solution.reading["parts"]:   # a term the part's answer names is used there
            part = next((p for p in solution.parts if p.label == data["label"]), None)
            if part is not None:
                data["unused_numbers"] = [x for x in data["unused_numbers"]
                                          if not _named_by_answer(x, part)]

    def to_problem(self, partial: bool = False) -> Any:
        """The validated Problem; :class:`ReadingIncomplete` / :class:`ReadingInvalid` if not.
        With ``partial``, that of the parts that can be answered (:meth:`answerable_problem`)."""
        from optiproof.families.problem import make_problem

        if partial and not self.complete:
            return self.answerable_problem()
        if not self.complete:
            raise ReadingIncomplete(self)
        try:
            return make_problem(self.spec_dict())
        except BadInput as err:
            if partial:     # answer the parts whose data validate, list the others
                try:
                    return self.answerable_problem()
                except ReadingIncomplete:
                    pass
            raise ReadingInvalid(self, str(err)) from None

    def answerable_problem(self) -> Any:
        """The validated Problem of the parts read completely that use no part left unread
        (see :mod:`optiproof.reading.partial`): what a partly read text can answer. A part
        whose data do not validate on their own (a quantity its scheme does not have, say) is
        not answered either, with the validation message as its reason. When the text has a
        problem-level gap, or no part is left, the refusal stands: :class:`ReadingIncomplete`
        (the caller keeps its own refusal, exit 3 or 2, as for the whole text)."""
        from optiproof.families.problem import make_problem

        if self.complete and not self.invalid:
            try:
                return make_problem(self.spec_dict())
            except BadInput:
                pass    # find the parts that do not validate
        while True:
            parts, _ = answerable(self, self.invalid)
            if not parts:
                raise ReadingIncomplete(self)
            sub = self._with_parts(parts)
            try:
                return make_problem(sub.spec_dict())
            except BadInput:
                bad = {}
                for p in parts:
                    try:
                        make_problem(self._with_parts([p]).spec_dict())
                    except BadInput as err:
                        bad[p.label] = "the data read do not validate: " + re.sub(
                            r"^parts\[0\]: ", "", str(err))
                if not bad:
                    raise ReadingIncomplete(self) from None
                self.invalid.update(bad)

    def _with_parts(self, parts: list[PartReading]) -> "Reading":
        return Reading(self.title, self.title_source, parts, removed=self.removed,
                       notes=self.notes, numbers=self.numbers, texts=self.texts,
                       context=self.context)

    def not_answered(self) -> dict[str, list[str]]:
        """The parts a partly read text does not answer, each with its reasons (see
        :meth:`answerable_problem`); empty for a complete reading."""
        if self.complete and not self.invalid:
            return {}
        return answerable(self, self.invalid)[1]


def _named_by_answer(text: str, part: Any) -> bool:
    """True when an unused term names the optimizer the solved part identifies ("show that it
    becomes sign descent": the identification answers, and its witness checks, that claim)."""
    from optiproof.catalogue import OPTIMIZERS
    from optiproof.reading.coverage import _entry_key

    named = OPTIMIZERS.get(part.identified_as) if getattr(part, "identified_as", None) else None
    return named is not None and _entry_key(text) == named.key


def _refuted_claims(reading: PartReading, part: Any) -> list[str]:
    """Each value a "show that" request claims for a quantity that the part's derived answer
    contradicts (such a part is not stamped verified: the question asked to show something
    false, or the text was misread), or that cannot be compared with it (a number claimed for a
    formula or a vector: neither confirmed nor refuted, so not stamped either); a claim the
    answer confirms is said in the part's interpretation."""
    from optiproof.catalogue import QUANTITIES
    from optiproof.core.mathparse import try_parse_math

    out = []
    for key, written, claim in reading.claims:
        answers = [a for a in part.answers if a.quantity == key]
        if not answers:
            continue
        name = QUANTITIES[key].name if QUANTITIES.get(key) else key
        stated = try_parse_math(written)
        try:
            want = float(stated)
            got = [float(a.expr) for a in answers]
        except (TypeError, ValueError):   # a formula or a vector: not compared, not confirmed
            out.append(f"the claim to show \"{claim}\" could not be compared with the derived "
                       f"{name} ({answers[0].expr}): it is neither confirmed nor refuted")
            continue
        if any(abs(g - want) <= 1e-9 + 1e-6 * max(abs(g), abs(want)) for g in got):
            part.interpretation = (f"The claim to show, \"{claim}\", holds: the derived {name} "
                                   f"is {written}. " + part.interpretation).strip()
        else:
            out.append(f"the claim to show \"{claim}\" does not hold: the derived {name} is "
                       f"{answers[0].expr}, not {written} (either the claim is false or the text "
                       "was misread)")
    return out


def _unanswered(reading: PartReading, part: Any) -> list[str]:
    """Each quantity the reading says the part asks that no answer of the solved part gives
    (such a part is not stamped verified)."""
    from optiproof.catalogue import QUANTITIES
    from optiproof.catalogue import quantities as Q

    given = {a.quantity for a in [*part.answers, *part.identifications]}
    if part.identified_as:
        given.add(Q.IDENTIFICATION.key)
    out = []
    for key in reading.asked:
        if key in given or key == Q.EXPLANATION.key or reading.answered_by.get(key) in given:
            continue
        name = QUANTITIES[key].name if QUANTITIES.get(key) else key
        out.append(f"the question asks for the {name}, which no answer of this part gives")
    return out


_SYMBOL_ITEM = (r"(?:[A-Za-zα-ωΑ-Ω](?:_\{?\w{1,6}\}?)?|alpha|beta|gamma|delta|eta|kappa|lambda|"
                r"mu|sigma|theta|rho|tau|epsilon)")
_SYMBOLIC_REQUEST = re.compile(
    r"(?:\b(?:as an? (?:function|formula|expression) (?:of|in)|in terms of)\s+(?:the |its |their )?"
    r"(?:[a-z-]+ ){0,3}?\$?" + _SYMBOL_ITEM + r"\$?(?![\w(])(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
    r"\$?" + _SYMBOL_ITEM + r"\$?(?![\w(]))*"
    r"|\bsymbolically\b|\b(?:a |the )?(?:general|closed[- ]form|symbolic) (?:formula|expression)\b)",
    re.I)
"""A request for an answer that depends on symbols ("as a function of n, p, α, β", "in terms
of κ", "symbolically", "the general formula"): a number alone does not answer it. Not a hint
of an exact form ("in terms of √6": no letter follows)."""
_DRAWN = re.compile(r"\b(?:plot|sketch|draw|graph|visuali[sz]e)\b", re.I)


def _only_numbers(reading: PartReading, part: Any, earlier: list[str] = ()) -> list[str]:
    """The phrase of a part's request for a formula ("as a function of n, p, α, β") when every
    answer of the solved part is a number (the values the text also gives were substituted): a
    number alone does not answer it (such a part is not stamped verified). A sentence an
    ``earlier`` part asks, borrowed by "compute it for n = 8", is that part's request."""
    import sympy as sp

    own = reading.own_text or reading.question or ""
    for sentence in (x for q in earlier for x in re.split(r"(?<=[.?!])\s+", q or "")):
        if len(sentence) > 12:
            own = own.replace(sentence, " ")
    asks = [m for m in _SYMBOLIC_REQUEST.finditer(own)
            if not _DRAWN.search(re.split(r"[.?;]", own[:m.start()])[-1])]
    if not asks or not part.answers:
        return []
    for a in part.answers:
        e = a.expr
        if isinstance(e, bool) or not isinstance(e, (int, float, sp.Basic, sp.MatrixBase)):
            return []
        if getattr(e, "free_symbols", None):   # a plain int or float has none
            return []
    said = asks[0].group(0).strip()
    return [f"the question asks for the answer '{said}' and every answer of this part is a "
            "number (the formula is not given); answer it from the spec with the symbols left "
            "free, or ask the formula and its value separately"]


def _families() -> list[str]:
    from optiproof.families import FAMILIES

    return sorted(FAMILIES)


def _plain(value: Any) -> Any:
    """Tuples -> lists, so the YAML stays plain."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class ReadingIncomplete(NotRecognised):
    """Something needed could not be read (exit 3); ``reading`` holds the partial spec."""

    def __init__(self, reading: Reading):
        self.reading = reading
        super().__init__(_incomplete_message(reading))


class ReadingInvalid(BadInput):
    """Everything was read but the data is inconsistent (exit 2); ``reading`` holds the spec."""

    def __init__(self, reading: Reading, message: str):
        self.reading = reading
        super().__init__(f"the problem was read but its data is invalid: {message}. What was "
                         f"read: {_read_summary(reading)}")


def _read_summary(reading: Reading) -> str:
    bits = []
    for p in reading.parts:
        vals = ", ".join(f"{f.name} = {_short(f.value)}" for f in p.fields.values())
        bits.append(f"part ({p.label}) {p.family or 'unknown family'}" + (f": {vals}" if vals
                                                                            else ""))
    return "; ".join(bits)


def _short(value: Any) -> str:
    s = str(value)
    return s if len(s) <= 60 else s[:57] + "..."


def _incomplete_message(reading: Reading) -> str:
    lines = ["could not read the problem completely, so it is not solved (no guessing).",
             "Not read:"]
    lines.extend(f"  - {g}" for g in reading.unread())
    lines.append("Read:")
    lines.append(f"  - title: {reading.title}")
    for p in reading.parts:
        head = f"  - part ({p.label}): {p.family or 'family not recognised'}"
        vals = "; ".join(f"{f.name} = {_short(f.value)}" for f in p.fields.values())
        lines.append(head + (f"; {vals}" if vals else ""))
    lines.append("Write the partial spec with `optiproof read FILE --write-spec SPEC.yaml` (or "
                 "`solve --write-spec`), fill in the marked fields and solve the spec.")
    return "\n".join(lines)


def describe(reading: Reading) -> str:
    """Plain-text account of a reading: title, then per part its label, family and every
    parameter with the phrase of the text it came from; then what could not be read."""
    out = [f"Title: {reading.title}" + (f'   (from "{reading.title_source}")'
                                        if reading.title_source else "")]
    for p in reading.parts:
        out.append("")
        fam = p.family or "NOT RECOGNISED"
        out.append(f"Part ({p.label}): {fam}" + (f'   (from "{p.family_source}")'
                                                 if p.family_source and p.family else ""))
        if p.question:
            q = " ".join(p.question.split())
            out.append(f"  question: {q if len(q) <= 160 else q[:157] + '...'}")
        for f in p.fields.values():
            src = f'   <- "{f.source}"' if f.source else ""
            out.append(f"  {f.name} = {_display(f.value)}{src}")
            if f.note:
                out.append(f"      note: {f.note}")
        for c in p.conventions:
            out.append(f"  stated: {c.note}   <- \"{c.source}\"")
        for m in p.missing:
            out.append(f"  {m.name} = ???   NOT READ: {m.reason}")
        if p.asked:
            out.append(f"  asked: {', '.join(p.asked)}")
        for n in p.notes:
            out.append(f"  note: {n}")
        if p.unused:
            out.append(f"  NOT USED: {', '.join(p.unused)} (this part cannot be stamped "
                       "verified)")
    for n in reading.notes:
        out.append(f"note: {n}")
    context_unused = [u.text for u in reading.numbers if u.status == "unused"]
    if context_unused:
        out.append(f"Numbers of the shared text NOT USED: {', '.join(context_unused)}")
    if reading.removed:
        out.append("")
        out.append("Ignored while reading: " + "; ".join(reading.removed[:12]))
    gaps = reading.unread()
    out.append("")
    out.append("Status: complete - ready to solve" if not gaps else
               f"Status: INCOMPLETE - {len(gaps)} item(s) not read; nothing will be solved")
    return "\n".join(out)


def _display(value: Any) -> str:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "[" + ", ".join(_display(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_display(v)}" for k, v in value.items()) + "}"
    return str(value)
