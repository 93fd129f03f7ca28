"""Split a normalised problem into a title, shared context and labelled parts.

Part markers are recognised at the start of a line, after an optional bullet (``(a)``, ``a)``,
``a.``, ``Part a:``, ``Question (b)``; ``(i)``, ``ii)``; ``1.``, ``2)``, ``(3)``, ``Q1:``,
``Task 2.``, ``Part 2``), and letters also after the end of a sentence (``... above. (b) Now``).
One marker style is chosen per text: letters, then roman numerals, then numbers, each only when
it runs from its first value (a, i, 1) through at least two parts. A marker in the middle of a
sentence (``as in (a)``) is a reference, not a new part; a later duplicate label is text.
Without markers the whole problem is one part, ``main``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from optiproof.core.text.record import SECTION_LEAD as _LEAD, PartText

_BULLET = r"(?:[-*•][ \t]{1,3})?"
_LETTER = re.compile(
    r"(?:(?<=\n)|^|(?<=[.?!:)] ))[ \t]{0,4}" + _BULLET +
    r"(?:(?:Part|Question|Q)[ \t]{0,2}\(?([a-h])\)?[ \t]{0,2}[:.)]?"
    r"|\(([a-h])\)"
    r"|([a-h])\)(?=[ \t])"
    r"|([a-h])\.(?=[ \t]{1,3}[A-Z]))", re.I)
_ROMAN = re.compile(r"(?:(?<=\n)|^)[ \t]{0,4}" + _BULLET +
                    r"(?:\((i{1,3}|iv|vi{0,3}|ix|x)\)|(i{1,3}|iv|vi{0,3}|ix|x)[.)](?=[ \t]))")
_LEAD_IN = (r"(?:(?:and |or )?(?:a |one )?(?:quick |final |last |small |little |short )?(?:bonus|"
            r"follow-?up|extra)(?: question)?:?[ \t]{1,2})?")
"""A forum post's lead-in before a numbered question: "and a quick bonus (4): ..."."""
_NUMBER = re.compile(r"(?:(?<=\n)|^)[ \t]{0,4}" + _BULLET +
                     r"(?:(?:Q|Question|Task|Part)[ \t]{0,2}(\d{1,2})[ \t]{0,2}[:.)]?(?=[ \t]|\n(?!\n))"
                     r"|" + _LEAD_IN + r"\((\d{1,2})\):?(?=[ \t])|(\d{1,2})[.)](?=[ \t]{1,4}\S))",
                     re.I)
_DOTTED = re.compile(r"(?:(?<=\n)|^)[ \t]{0,4}" + _BULLET +
                     r"(?:Q|Question|Task|Part|Problem|Exercise|Ex\.?)[ \t]{0,2}(\d{1,2})\.(\d{1,2})"
                     r"[ \t]{0,2}[:.)]?(?=[ \t]|\n(?!\n))", re.I)
"""Sub-questions numbered under one question ("Q2.1 …", "Q2.2 …"): labelled by their own number
when every one shares the question's number."""
_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
_TITLE_NUMBER = re.compile(r"^(?:(?:Problem|Question|Exercise|Q)[ \t]{0,2})?\d{1,3}[.:)]?[ \t]{1,4}"
                           r"|^(?:Problem|Question|Exercise)[ \t]{0,2}\d{0,3}[ \t]{0,2}[:.-][ \t]{0,2}",
                           re.I)


@dataclass(frozen=True)
class Layout:
    """A text cut into its title, the shared context before the first part, and the parts."""

    title: str | None
    title_line: str | None
    context: str
    parts: tuple[PartText, ...]
    remarks: tuple[str, ...] = ()
    """Closing remarks cut from the last part (commentary that states no data, asks nothing)."""


_FORUM_TITLE = re.compile(r"^(?:title|subject|topic|re)\s?:\s?", re.I)
"""A post's first line "Title: ..." / "Subject: ...": the title, whatever it contains."""


def split_title(text: str) -> tuple[str | None, str | None, str]:
    """(title, the line it came from, the rest): the first line when it reads as a heading."""
    first, _, rest = text.partition("\n")
    line = first.strip()
    forum = _FORUM_TITLE.match(line)
    if forum and len(line) <= 200 and any(c.isalpha() for c in line[forum.end():]):
        return line[forum.end():].strip(), line, rest
    number = _NUMBER.match(line)
    if not line or len(line) > 120 or _LETTER.match(line) or (
            number and next(g for g in number.groups() if g) == "1"):
        return None, None, text
    words = line.split()
    if len(words) >= 6 and line[-1:].isalnum() and re.match(r"[ \t]{0,8}[a-z]{2,}\b", rest):
        return None, None, text   # a sentence going on into the next line ("We train a
        #                           1.2B-parameter transformer with data parallelism\non ...")
    heading_question = line.endswith("?") and len(words) <= 14 and rest.startswith("\n")
    if line.endswith((".", "?", ":", ",")) and not (len(words) <= 10 and line.endswith(":")) \
            and not heading_question:
        if not _TITLE_NUMBER.match(line) or len(words) > 12:
            return None, None, text
    if len(words) > 16 or any(c in line for c in "‖[]") or ("=" in line and not _CODE_TITLE(
            line, rest)):
        return None, None, text
    title = _TITLE_NUMBER.sub("", line).strip().rstrip(":").strip().lstrip("—-–: ").strip()
    if not title or not any(c.isalpha() for c in title):
        return None, None, text
    return title, line, rest


def _CODE_TITLE(line: str, rest: str) -> bool:  # noqa: N802 - reads as a condition's name
    """A post's heading that quotes code ("Adam(weight_decay=...) vs AdamW — numbers don't
    match??", "Adam with betas=(0,0) is just signSGD??"): every '=' inside a token (no space on
    either side), at least four words of prose, and a blank line after it."""
    return rest.startswith("\n") and not re.search(r" =|= ", line) and \
        len(re.findall(r"(?<![\w=])[A-Za-z]{3,}(?![\w=(])", line)) >= 4


TITLE_WORDS = 12


def sentence_title(text: str) -> str:
    """A title made from the text's first sentence (its first words when the sentence is long),
    for a problem written without a title line."""
    first = re.split(r"(?<=[.?!:])\s|\n\s*\n", " ".join(text.split(" ")).strip(), maxsplit=1)[0]
    words = " ".join(first.split()).rstrip(".:").split(" ")
    title = " ".join(words[:TITLE_WORDS]) + (" …" if len(words) > TITLE_WORDS else "")
    return title if any(c.isalpha() for c in title) else "Untitled problem"


def _sequence(found: list[tuple[int, int, str]], order: list[str]) -> list[tuple[int, int, str]]:
    """The markers that run ``order[0], order[1], ...`` in text order (others are text)."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in found:
        if len(out) < len(order) and label == order[len(out)]:
            out.append((start, end, label))
    return out if len(out) >= 2 else []


def _letter_markers(body: str) -> list[tuple[int, int, str]]:
    """Letter markers (a), (b), ...: at a line start any letter in order, inline only the next."""
    markers: list[tuple[int, int, str]] = []
    expected = "a"
    for m in _LETTER.finditer(body):
        label = next(g for g in m.groups() if g).lower()
        at_line_start = m.start() == 0 or body[m.start() - 1] == "\n"
        if label != expected and (not at_line_start or m.group(4)):
            continue
        if label in {x[2] for x in markers}:
            continue
        markers.append((m.start(), m.end(), label))
        expected = chr(ord(label) + 1)
    if not markers or markers[0][2] != "a":
        return []
    first = markers[0][0]
    alone_on_line = first == 0 or body[first - 1] == "\n"
    return markers if len(markers) >= 2 or alone_on_line else []


_ASKS = re.compile(r"\?|\b(?:compute|give|find|write|derive|determine|show|state|calculate|"
                   r"what|how|which|explain|prove|evaluate|report|list|sketch|plot)\b", re.I)
"""Words of a request: a numbered item holding one asks something (an assumption does not)."""


def _nested(inner: list[tuple[int, int, str]], outer: list[tuple[int, int, str]],
            body: str) -> bool:
    """Whether the ``inner`` markers are sub-items of one item of ``outer`` ("4. how many
    iterations do (a) GD and (b) heavy ball need?"): they all lie inside one outer item that
    comes after another outer item which asks something (a numbered list of assumptions
    before lettered questions does not)."""
    if len(outer) < 2 or not inner or inner[0][0] < outer[0][0]:
        return False
    ends = [s for s, _, _ in outer[1:]] + [len(body)]
    for i, ((start, end, _), stop) in enumerate(zip(outer, ends)):
        if start <= inner[0][0] and inner[-1][0] < stop:
            return i > 0 and any(_ASKS.search(body[e:s2]) for (_, e, _), s2
                                 in zip(outer[:i], ends[:i]))
    return False


def _defined_then_asked(letters: list[tuple[int, int, str]], numbers: list[tuple[int, int, str]],
                        body: str) -> bool:
    """Whether lettered items only name things the numbered questions after them ask about
    ("(A) plain GD: w <- w - η∇L(w)", "(B) preconditioned GD: ..." and then "1) the limit of (A)
    ... 4) the loss at the limit of (B)"): every lettered line asks nothing, all come before the
    first numbered item, and the numbered items ask and name the letters. The numbers are then
    the parts; the lettered lines are shared text."""
    if len(numbers) < 2 or letters[-1][0] > numbers[0][0]:
        return False
    lines = [body[end:body.find("\n", end) if "\n" in body[end:] else len(body)]
             for _, end, _ in letters]
    if any(_ASKS.search(line) for line in lines):
        return False
    ends = [s for s, _, _ in numbers[1:]] + [len(body)]
    items = [body[end:stop] for (_, end, _), stop in zip(numbers, ends)]
    named = {x.lower() for item in items for x in re.findall(r"\(([A-Ha-h])\)", item)}
    return named >= {label for _, _, label in letters} and any(_ASKS.search(i) for i in items)


def _markers(body: str) -> list[tuple[int, int, str]]:
    """The part markers of ``body``: letters, else roman numerals, else numbers; letters or
    roman numerals that are sub-items of one numbered question are not part markers."""
    numbers = _sequence([(m.start(), m.end(), next(g for g in m.groups() if g).lstrip("0") or "0")
                         for m in _NUMBER.finditer(body)], [str(i) for i in range(1, 27)])
    letters = _letter_markers(body)
    if letters and not _nested(letters, numbers, body) and not _defined_then_asked(letters, numbers,
                                                                                    body):
        return letters
    romans = [(m.start(), m.end(), (m.group(1) or m.group(2)).lower()) for m in _ROMAN.finditer(body)]
    got = _sequence(romans, list(_ROMANS))
    if got and not _nested(got, numbers, body):
        return got
    if not numbers:
        dotted = list(_DOTTED.finditer(body))
        if len({m.group(1) for m in dotted}) == 1:
            return _sequence([(m.start(), m.end(), m.group(2).lstrip("0") or "0") for m in dotted],
                             [str(i) for i in range(1, 27)])
    return numbers


_SECTION = re.compile(r"(?:(?<=\n)|^)[ \t]{0,4}(?:Part|Section|Block)[ \t]{1,2}(?:\d{1,2}|[A-Ha-h]|"
                      r"[IVX]{1,4})\b(?![ \t]?[(\[=])[^\n?]{0,100}(?=\n|$)")
"""A section heading line ("Part 1 — Parameter server", "Part B. Let ‖d‖ = ..."): it groups
the numbered items that follow it; its text is the setting of those items only."""


def _sections(body: str) -> tuple[list[int], list[tuple[int, int, str]]]:
    """(heading starts, item markers) of a text cut into sections by heading lines, each
    holding numbered items that run 1, 2, ... N across the sections (no restart); else no
    sections. A text whose headings hold no numbered items keeps them as its part markers."""
    heads = [m.start() for m in _SECTION.finditer(body)]
    if len(heads) < 2:
        return [], []
    items = [(m.start(), m.end(), next(g for g in m.groups() if g).lstrip("0") or "0")
             for m in _NUMBER.finditer(body) if m.start() not in heads]
    if len(items) < 2 or [x[2] for x in items] != [str(i) for i in range(1, len(items) + 1)]:
        return [], []
    if items[0][0] < heads[0] or any(not any(h < s < nxt for s, _, _ in items)
                                     for h, nxt in zip(heads, heads[1:] + [len(body)])):
        return [], []
    return heads, items


def _led_sections(body: str) -> tuple[list[int], list[tuple[int, int, str]]]:
    """Sections led by named paragraphs: one or more paragraphs between parts, each led by a
    short name (see :data:`_LEAD`) and asking nothing, and the last paragraph before the first
    part when it is led so too (the paragraphs before it stay shared). Else no sections."""
    markers = _markers(body)
    if len(markers) < 2:
        return [], []
    heads = []
    for (_, end, _), (nxt, _, _) in zip(markers, markers[1:]):
        lead = _LEAD.search(body, end, nxt)
        if lead and "?" not in body[lead.start():nxt]:
            heads.append(lead.start() + 1)
    if not heads:
        return [], []
    before = body[:markers[0][0]]
    first = None
    for lead in _LEAD.finditer(before):
        first = lead
    if first is None or "?" in before[first.start():] or not before[:first.start()].strip():
        return heads, markers
    return [first.start() + 1, *heads], markers


def split_parts(text: str) -> Layout:
    """Title, shared context and parts of a normalised text; the parts of a text cut into
    sections by heading lines (see :func:`_sections`) inherit the shared text and their own
    section's text (not the text of the other sections)."""
    title, title_line, body = split_title(text)
    heads, markers = _sections(body)
    if not heads:
        heads, markers = _led_sections(body)
    if not heads:
        markers = _markers(body)
    if not markers:
        return Layout(title, title_line, "", (PartText("main", body, "", 0),))
    context = body[:markers[0][0]].strip()
    section_of: dict[int, str] = {}
    if heads:
        shared = body[:min(heads[0], markers[0][0])].strip()
        preambles = [body[h:next(s for s, _, _ in markers if s > h)].strip() for h in heads]
        for s, _, _ in markers:
            mine = [pre for h, pre in zip(heads, preambles) if h < s][-1:]
            section_of[s] = "\n\n".join(x for x in (shared, *mine) if x)
        context = "\n\n".join(x for x in (shared, *preambles) if x)
    parts = []
    remarks: list[str] = []
    for i, (start, end, label) in enumerate(markers):
        stop = markers[i + 1][0] if i + 1 < len(markers) else len(body)
        stop = min([stop, *(h for h in heads if end < h < stop)])
        bonus = None
        if i + 1 == len(markers):
            remark = _CLOSING_REMARK.search(body, end, stop)
            if remark and _is_commentary(body[remark.start():stop]):
                remarks.append(" ".join(body[remark.start():stop].split()))
                stop = remark.start()
            bonus = _BONUS.search(body, end, stop)
        part_context = section_of.get(start, context)
        if bonus is not None and label != "bonus":
            parts.append(PartText(label, body[end:bonus.start()].strip(), part_context, start))
            parts.append(PartText("bonus", body[bonus.end():stop].strip(), part_context,
                                  bonus.start()))
            continue
        parts.append(PartText(label, body[end:stop].strip(), part_context, start))
    labels = [p.label for p in parts]
    parts = [PartText(p.label, bracket_references(p.own, labels), p.context, p.start)
             for p in parts]
    return Layout(title, title_line, context, tuple(parts), tuple(remarks))


_LABEL_WORD = r"(?:[a-h]|\d{1,2}|i{1,3}|iv|vi{0,3}|ix|x)"
_BARE_REFERENCE = re.compile(
    r"\b(?P<head>(?:parts?|questions?|items?|subparts?|sub-questions?) )"
    rf"(?P<list>\(?{_LABEL_WORD}\)?(?:(?: ?,| ?,? and| ?,? or| ?&| ?/| to) \(?{_LABEL_WORD}\)?){{0,5}})"
    r"(?![\w(])", re.I)
_ARTICLE_NEXT = re.compile(r" (?!(?:and|or|to)\b)[a-z]")
_ONE_LABEL = re.compile(rf"(?<![\w(])\(?({_LABEL_WORD})\)?(?![\w)])", re.I)
_CLOSED_REFERENCE = re.compile(
    rf"(?P<pre>\b(?:in|of|from|to|and|or|for) )(?P<label>{_LABEL_WORD})\)(?![\w)])", re.I)


_LABEL_RANGE = re.compile(rf"(?<![\w)])\(({_LABEL_WORD})\) ?(?:-|to|through) ?\(({_LABEL_WORD})\)"
                          r"(?![-+*/^(\w]| [-+*/^(])", re.I)
"""A range of parts, '(a)-(c)' or '(a) to (c)' (not a difference of two terms)."""


def _expand_ranges(own: str, labels: list[str]) -> str:
    """'(a)-(c)' -> '(a), (b) and (c)' when both ends are labels of the text, in order."""
    order = [x.lower() for x in labels]

    def expand(m: re.Match) -> str:
        lo, hi = m.group(1).lower(), m.group(2).lower()
        if lo not in order or hi not in order or order.index(hi) - order.index(lo) < 1:
            return m.group(0)
        inner = [f"({x})" for x in labels[order.index(lo):order.index(hi) + 1]]
        return ", ".join(inner[:-1]) + " and " + inner[-1]

    return _LABEL_RANGE.sub(expand, own)


def bracket_references(own: str, labels: list[str] | set[str]) -> str:
    """References to parts written without brackets ('parts 1 and 2', 'question b', 'part ii',
    'the limits of a) and c)') -> the bracketed form every reader matches ('parts (1) and (2)'),
    only when every label of the reference is a label of this text (so 'part 2 of the proof'
    in a text without a part 2 stays as it is)."""
    lowered = {x.lower() for x in labels}

    def whole(m: re.Match) -> str:
        found = [x.group(1) for x in _ONE_LABEL.finditer(m.group("list"))]
        if not found or any(x.lower() not in lowered for x in found):
            return m.group(0)
        if m.group("list").lower() in ("a", "i") and _ARTICLE_NEXT.match(m.string, m.end()):
            return m.group(0)   # 'part a larger problem', 'part i think': not a label
        listed, closer = m.group("list"), ""
        before = re.split(r"[.;\n]", m.string[:m.start()])[-1]
        if listed.endswith(")") and listed.count("(") < listed.count(")") \
                and before.count("(") > before.count(")"):
            listed, closer = listed[:-1], ")"  # '(part ii)': the bracket closes the aside
        return m.group("head") + _ONE_LABEL.sub(lambda x: f"({x.group(1)})", listed) + closer

    own = _BARE_REFERENCE.sub(whole, own)
    own = _NUMBERED_ANSWERS.sub(lambda m: _numbered_answers(m, lowered), own)
    own = _NUMBERED_ANSWER.sub(lambda m: f"{m.group('pre')}({m.group('n')})"
                               if m.group("n") in lowered else m.group(0), own)
    if isinstance(labels, list):
        own = _expand_ranges(own, labels)
    return _CLOSED_REFERENCE.sub(lambda m: f"{m.group('pre')}({m.group('label')})"
                                 if m.group("label").lower() in lowered else m.group(0), own)


_NUMBERED_ANSWERS = re.compile(
    r"(?P<pre>\b(?:(?:limits?|answers?|results?|solutions?|points?|vectors?|steps?|updates?|"
    r"minimi[sz]ers?|iterates?|rates?|factors?)(?: [α-ω](?:\^\w)?)? (?:from|of|in|to|(?:found|"
    r"computed|obtained) in) |(?:repeat|redo)(?: parts?| questions?)? ))"
    r"(?P<list>\d{1,2}(?!\.?\d)\.?(?:(?: ?,| ?,? and| ?&) \d{1,2}(?!\.?\d)\.?){1,4})(?![\w(])"
    r"(?= ?[?.,;:)!]|$| (?:and|or|is|are|was|were|differ|agree|coincide|match|compare)\b|"
    r"(?<=\d\.) (?=[a-z(]))", re.I)
"""Answers of parts numbered '1.', '2.' named by their numbers alone ('the two limits from 1.
and 2.', 'the answers to 1 and 3', 'the rates ρ from 1. and 2. as ...', 'repeat 2. and 3. for
...'): only a list of two or more, after a noun naming answers or a verb repeating parts."""


_NUMBERED_ANSWER = re.compile(r"(?P<pre>\b(?:answer|result) (?:of|to|from|in) )(?P<n>\d{1,2})"
                              r"(?=(?: ?[,;:?)]| ?\.(?!\d)| and\b|$))", re.I)
"""One part's answer named by its number: 'the answer of 1', 'the result from 2' (then the
end of the clause)."""


def _numbered_answers(m: re.Match, lowered: set[str]) -> str:
    """'limits from 1. and 2.' -> 'limits from (1) and (2)' when each number is a label of the
    text, else unchanged."""
    found = re.findall(r"\d{1,2}", m.group("list"))
    if len(found) < 2 or any(x not in lowered for x in found):
        return m.group(0)
    end = "." if m.group("list").endswith(".") and m.string[m.end():m.end() + 1] not in \
        tuple("?!,;:)") and not re.match(r" [a-z(]", m.string[m.end():m.end() + 2]) else ""
    # the full stop of a sentence ending in the list stays; a list of labels written with their
    # full stops inside a sentence ('repeat 2. and 3. (heavy ball only)') ends no sentence
    return m.group("pre") + re.sub(r"(\d{1,2})\.?", r"(\1)", m.group("list")) + end


_BONUS = re.compile(r"\n[ \t]*\n[ \t]*[*_]{0,2}(?:bonus|extra)(?: question| part| task)?[*_]{0,2}"
                    r"[ \t]{0,2}[:.)][*_]{0,2}[ \t]{0,3}", re.I)
"""A paragraph after the last part opened by "Bonus:" (a forum post's or a sheet's extra
question): a part of its own, labelled ``bonus``."""
_CLOSING_REMARK = re.compile(r"\n[ \t]*\n[ \t]*[*_]{0,2}(?:remarks?|comments?|discussion|hints?|notes?|"
                             r"reminders?)(?: \d{1,3}(?:\.\d{1,3})?)?[.:][*_]{0,2} ", re.I)
_COMMENTARY_LABEL = re.compile(r"^\s*[*_]{0,2}\w+(?: \d{1,3}(?:\.\d{1,3})?)?[.:][*_]{0,2}")


def _is_commentary(text: str) -> bool:
    """A closing remark that states no value and asks nothing: no digit after its label, no
    '=', no question mark, no request verb at a sentence start."""
    rest = _COMMENTARY_LABEL.sub("", text, count=1)
    return not re.search(r"[\d=?]|(?:^|[.!] )(?:find|compute|give|show|prove|determine|use|"
                         r"assume|take|let)\b", rest, re.I)
