"""Accounting: nothing the text asks or states is dropped silently.

For each part read by a family, every ask of every request sentence must be taken by the
reading (it is in the part's asked quantities), every transformation must be applied (the
family's reader hook says which ones its spec fields express), and every request must ask
something; each failure becomes a gap naming the phrase and what was expected, so the part is
refused, never answered as a different question. Every number is used (inside a field's source
phrase), a label, part of a formula's structure, or listed as not used.

The reader hook of a family (see :class:`ReaderHooks`) answers four questions: which catalogue
quantities the family can answer, which ones a part's reading asks, which transformations its
fields apply, and which quantity a bare symbol ("compute Δ*") denotes.
"""

from __future__ import annotations

import re
from dataclasses import replace

from typing import Any, Protocol

from optiproof.catalogue import QUANTITIES, TRANSFORMS, relations_of
from optiproof.catalogue import quantities as Q
from optiproof.catalogue.quantities import PRIMARY_OF
from optiproof.catalogue import transforms as T
from optiproof.reading.coverage import NumberUse, account, account_terms, source_spans
from optiproof.reading.questions import (CLAIM_CHECK, ELLIPTIC_ITEM, Ask, Questions, Request,
                                         generic, step_index)
from optiproof.reading.symbols import conventional, symbol_key
from optiproof.catalogue.formulas import formula_quantities
from optiproof.core.text.record import PartReading, phrase
from optiproof.reading.derived import DERIVED_KEYS, DerivedPass, named_symbols
from optiproof.reading.report import Reading


class ReaderHooks(Protocol):
    """What accounting needs from a family's reader."""

    answers: tuple[str, ...]
    ask_field: str

    def asked(self, r: PartReading) -> list[str]: ...

    def take(self, r: PartReading, asks: list[tuple[str, str]]) -> None: ...

    def applied(self, r: PartReading) -> set[str]: ...

    def symbol(self, r: PartReading, symbol: str) -> str | None: ...


def _related(a: str, b: str) -> bool:
    """True when quantity ``a`` is a special case of ``b`` or the other way round."""
    return any(rel.kind == "special-case" and {entry.key, rel.other} == {a, b}
               for entry, rel in relations_of(a))


def _short(text: str) -> str:
    return phrase(text, 0, len(text))


def _ask_gap(ask: Ask, quantity: str | None, request: Request, asked: list[str],
             in_request: set[str], hooks: ReaderHooks,
             answered_by: dict[str, str] | None = None) -> str | None:
    """Why ``ask`` is not taken by the reading, or None when it is (an ask the family answers
    as another asked quantity, ``answered_by``, is taken)."""
    if quantity is not None and (answered_by or {}).get(quantity) in asked:
        return None
    meant = getattr(hooks, "meanings", lambda _: [])(ask.phrase) if quantity is None else []
    if len(meant) > 1:
        return (f"'{ask.phrase}' could mean the {' or the '.join(_names(tuple(meant)).split(', '))}"
                " (the text does not define it); define the symbol or name the quantity")
    if quantity is None:
        return (f"could not place '{ask.phrase}' in the request \"{_short(request.sentence)}\" "
                f"(expected a quantity such as: {_names(hooks.answers)})")
    if quantity == Q.EXPLANATION.key or quantity in asked:
        return None
    if any(_related(quantity, other) and other in asked for other in in_request):
        return None
    name = QUANTITIES[quantity].name
    if quantity == Q.PRIMARY.key:
        index = step_index(ask.phrase)
        return (f"\"{ask.phrase}\" asks the part's main result"
                + (f" at step {index}" if index is not None else "") +
                f", which the {getattr(hooks, 'family', 'family')} reader does not name "
                f"(expected a named quantity such as: {_names(hooks.answers[:6])}"
                + (", or an indexed symbol such as Δθ_3" if index is not None else "") + ")")
    if quantity not in hooks.answers:
        return (f"asks for the {name} (\"{ask.phrase}\"), which optiproof cannot answer yet "
                "for this kind of problem")
    return (f"asks for the {name} (\"{ask.phrase}\"), but the reading did not take it "
            "(it could not read what that quantity needs)")


def _names(keys: tuple[str, ...]) -> str:
    return ", ".join(QUANTITIES[k].name for k in keys)


_VALUE_LEAD = re.compile(r"^(?:the |its )?(?:value|quantity|expression)(?: of)? (?=[^\s]*[⟨‖<(^ᵀ∇])")
"""The words that introduce a written formula ("the value gᵀu* + ...")."""


class _Meanings:
    """A family's reader hooks, with a bare symbol read as the quantity the text defines it as
    ("the largest stable step η_max") when the family answers that, else as the family reads
    the symbol."""

    def __init__(self, hooks: ReaderHooks, symbols: dict[str, str], text: str = "") -> None:
        self._hooks, self._symbols, self._text = hooks, symbols, text

    def __getattr__(self, name: str) -> Any:
        return getattr(self._hooks, name)

    def symbol(self, r: PartReading, symbol: str) -> str | None:
        """The text's definition, else the family's reading, else (for a call ``u(α)`` the
        text defines) the function's name, else the one quantity the family answers whose
        conventional symbol it is."""
        defined = self._symbols.get(symbol_key(symbol))
        by_family = self._hooks.symbol(r, symbol)
        found = defined if defined and (defined in self._hooks.answers or by_family is None) \
            else by_family
        bare = re.sub(r" ?\( ?[\wα-ω]{1,3} ?\)$", "", symbol)
        if found is None and bare != symbol and re.search(rf"(?<![\w]){re.escape(symbol)} ?=",
                                                          self._text):
            found = self.symbol(r, bare)
        if found is None:
            meant = conventional(symbol, self._hooks.answers)
            found = meant[0] if len(meant) == 1 else None
        if found is None:
            found = self.formula(r, symbol)
        return found

    def formula(self, r: PartReading, text: str) -> str | None:
        """The quantity a formula asks ("gᵀd*", "⟨G, Δ*⟩", "‖d*‖"): the one the family answers
        whose catalogue definition it equals in the roles the family reads (its optional hook
        ``formula_roles(r)``), else None."""
        roles = getattr(self._hooks, "formula_roles", None)
        got = roles(r) if roles is not None else None
        text = _VALUE_LEAD.sub("", text)   # "the value gᵀu* + (λ/2)‖u*‖²": the formula
        if got is None or not re.search(r"[⟨‖<(^ᵀ]|\\langle", text):
            return None
        keys = formula_quantities(text, got, self._hooks.answers)
        return keys[0] if keys else None

    def meanings(self, symbol: str) -> list[str]:
        """The quantities a symbol the text does not define could conventionally mean."""
        return conventional(symbol, self._hooks.answers)


def account_questions(r: PartReading, questions: Questions, hooks: ReaderHooks,
                      problem: dict | None = None) -> None:
    """Record every request, ask and transformation of a part that its reading did not take
    as a gap of ``r`` (so the part is refused), and the asked quantities in ``r.asked``.
    With ``problem`` (each part's text, the shared text, the symbols the text defines, the
    earlier parts as read), the derived quantities of its requests are read first
    (:mod:`optiproof.reading.derived`)."""
    hooks = _Meanings(hooks, (problem or {}).get("symbols") or {},
                      " ".join([(problem or {}).get("context") or "",
                                *((problem or {}).get("texts") or {}).values()]))
    questions = _primary_asks(r, questions, hooks)
    r.named = named_symbols(r, questions, hooks)
    pass_ = DerivedPass(r, hooks, problem)
    questions = pass_.first(questions)  # ratios, sums, equalities: before the family takes
    family = pass_.family_asks(questions)
    continued = _continuations(r, questions, hooks, family)
    hooks.take(r, family + [x for asks in continued.values() for x in asks])
    questions = pass_.second(questions)  # norms and distances the family left untaken
    derived = pass_.kinds()
    asked = list(dict.fromkeys([*hooks.asked(r), *derived]))
    r.asked = list(asked)
    for request in questions.requests:
        if not request.asks and questions.reference and _refers(request):
            continue
        if not request.asks and r.requests and _elliptic(r, request, hooks):
            continue
        if not request.asks and r.requests and _both_read(r, request):
            continue
        if not request.asks and (any(q.asks for q in questions.requests) or continued) and \
                _format_only(request.sentence):
            r.notes.append(f"\"{_short(request.sentence)}\": the form of the answers (exact "
                           "values are given, with decimals)")
            continue
        if not request.asks and _INTERVAL_FORM.match(request.sentence.strip()) and any(
                getattr(QUANTITIES.get(k), "bound", False) for k in asked):
            r.notes.append(f"\"{_short(request.sentence)}\": the range is given by its bound "
                           "(the answer states it as an inequality)")
            continue
        if not request.asks and any(q.asks for q in questions.requests) and \
                _formula_form(r, request.sentence):
            r.notes.append(f"\"{_short(request.sentence)}\": the answers are asked as a formula in "
                           "the letters the reading keeps")
            continue
        if not request.asks and request.sentence in continued:
            r.requests[request.sentence] = sorted({q for q, _ in continued[request.sentence]})
            continue
        if _states_problem(hooks, r, request.sentence) and not any(
                (a.quantity or hooks.symbol(r, a.phrase)) for a in request.asks):
            r.notes.append(f"\"{_short(request.sentence)}\" states the problem the part's "
                           "other requests ask about")
            continue
        if not request.asks and request.sentence in pass_.unresolved:
            # a comparison or evaluation of answers whose operand did not resolve: named
            _gap(r, request.sentence, f"could not place a request \"{_short(request.sentence)}\""
                                      f": {pass_.unresolved[request.sentence]}")
            continue
        if not request.asks and CLAIM_CHECK.search(request.sentence):
            _gap(r, request.sentence, f"\"{_short(request.sentence)}\" asks whether a claim the "
                                      "text states is correct, which optiproof does not judge "
                                      "(it answers the quantities a claim is about; expected "
                                      f"a question for: {_names(hooks.answers)})")
            continue
        if not request.asks and not request.proof and _family_took(r, request.sentence, hooks):
            continue   # "Give that coefficient.": the family's reader took it as an ask of its own
        if not request.asks:
            what = "a proof" if request.proof else "a request"
            _gap(r, request.sentence, f"could not place {what} \"{_short(request.sentence)}\" "
                                      f"(expected a question for: {_names(hooks.answers)})")
            continue
        resolved = [(ask, ask.quantity or hooks.symbol(r, ask.phrase)) for ask in request.asks]
        in_request = {q for _, q in resolved if q}
        solved_for = _solved_for(request.sentence)
        if solved_for and not (in_request | set(r.answered_by.values())) & _SOLVES_FOR:
            _gap(r, solved_for, f"\"{solved_for}\" asks for the value of a parameter that makes "
                                "the statement hold, which this part does not read as a "
                                "threshold, crossover or optimal value (expected e.g. 'the "
                                "largest α for which …' or 'the crossover size')")
            continue
        r.requests[request.sentence] = sorted(in_request | {
            r.answered_by[q] for q in in_request if q in r.answered_by})
        for ask, quantity in resolved:
            if quantity is None and _states_problem(hooks, r, request.sentence, ask.phrase):
                continue  # 'gᵀ' of "Solve min gᵀd s.t. ‖d‖_4 ≤ 1 and give d": the formula's
            gap = _ask_gap(ask, quantity, request, asked, in_request, hooks, r.answered_by)
            if gap and quantity in DERIVED_KEYS and request.sentence in pass_.unresolved:
                gap = (f"asks for the {QUANTITIES[quantity].name} (\"{ask.phrase}\"): "
                       f"{pass_.unresolved[request.sentence]}")
            if gap:
                _gap(r, ask.phrase, gap)
            elif quantity == Q.EXPLANATION.key:
                r.notes.append(f"\"{ask.phrase}\": the explanation is the derivation's prose")
        claims: list[str] = []
        for item in request.unplaced:
            if _stated(item, r) or _elliptic_item(r, item, hooks) or _family_took(r, item, hooks):
                continue
            if request.proof and in_request and _CLAIM_ITEM.match(item):
                claims.append(item)
                continue
            _gap(r, item, f"could not place \"{_short(item)}\" in the request "
                          f"\"{_short(request.sentence)}\" (expected a question for: "
                          f"{_names(hooks.answers)})")
        if request.proof:
            r.claims += _claimed_values(request.sentence, in_request)
        if request.proof and claims:
            r.notes.append(f"\"{_short(' '.join(claims))}\" is a claim to show: it is answered by "
                           f"deriving {_names(tuple(k for k in hooks.answers if k in in_request) or tuple(k for k in sorted(in_request) if QUANTITIES.get(k)))}; a number it states that no "
                           "answer gives keeps the part from being stamped verified")
        elif request.proof:
            r.notes.append(f"\"{_short(request.sentence)}\": the stated relation is what the "
                           "derivation shows; it is not checked separately")
    for request in questions.requests:
        _general_symbol(r, request, getattr(hooks, "general", ()))
    applied = hooks.applied(r)
    for t in questions.transformations:
        if t.key != T.BACK_REFERENCE.key and t.key not in applied:
            _gap(r, t.phrase, f"says \"{t.phrase}\" ({TRANSFORMS[t.key].name}), which the "
                              "reading could not apply to the problem")
    if hooks.ask_field and any(m.name.startswith("question") for m in r.missing):
        r.missing = [m for m in r.missing if m.name != hooks.ask_field]


_CLAIM_ITEM = re.compile(r"^\s*(?:\(?\w{1,4}[.)]\s*)?(?:and |then |also )?(?:show|prove|verify|check|"
                         r"confirm|argue|explain why|deduce) that\b|^\s*(?:and |or )?only if\b", re.I)
"""The claim clause of a proof request ("Show that d = 0 is a minimizer if", "and only if α is
at most some threshold α_0"): what is to be shown, answered by deriving the quantity the same
request asks ("and find α_0"), never a request of its own."""

_CLAIM_NUMBER = r"-?\d{1,12}(?:\.\d{1,12})?(?:/\d{1,12})?"
_CLAIMED = (
    re.compile(r"(?:[A-Za-zα-ωΑ-Ω][\w^*⋆]{0,6} ?= ?)(?P<num>" + _CLAIM_NUMBER + r")(?![\w.])"
               r" (?:is|gives|equals) (?:the |an |a )?(?P<what>[^,;.?]{3,80}?)"
               r"(?= for\b| of\b| in\b| and\b| if\b|[,;.?]|$)", re.I),
    re.compile(r"\bthe (?P<what>[^,;.?=]{3,60}?) (?:is|equals) (?:(?:[A-Za-zα-ωΑ-Ω][\w^*⋆]{0,6}) ?= ?)?"
               r"(?P<num>" + _CLAIM_NUMBER + r")(?![\w.])", re.I),
)
"""A value stated for a named quantity inside a claim to show ("η = 0.4 is the optimal fixed
step size", "the optimal rate is 3/5")."""


def _claimed_values(sentence: str, asked: set[str]) -> list[tuple[str, str, str]]:
    """(quantity, value, phrase) of each value the claim of a proof request states for a
    quantity the request asks (the quantity read from the words naming it, through the same
    question reader)."""
    from optiproof.reading.questions import read_questions

    verb = re.search(r"\b(?:show|prove|verify|check|confirm) that\b", sentence, re.I)
    if not verb:
        return []
    out = []
    for rx_ in _CLAIMED:
        for m in rx_.finditer(sentence, verb.end()):
            found = {a.quantity for q in read_questions(f"What is the {m.group('what')}?").requests
                     for a in q.asks if a.quantity}
            for key in sorted(found & asked):
                if (key, m.group("num")) not in [(k, v) for k, v, _ in out]:
                    out.append((key, m.group("num"), m.group(0).strip()))
    return out


_SOLVES_FOR = {"crossover", "threshold", "max-step", "optimal-step", "optimal-momentum",
               "optimal-rate", "equivalent-eps", "equivalent-momentum", "equivalent-step",
               "pytorch", "converges", "regime", "step-limit", "existence", "uniqueness", "faster",
               "which-of", "which-coordinate", "which-norm", "iterations", "order",
               "identification", "depends-on", "slowest-direction", "step-bound"}
"""Quantities that answer "for which value of x does … hold" (a threshold, a crossover, an
optimal or equivalent value, a range of convergence)."""
_FOR_WHICH = re.compile(
    r"\bfor (?:which|what) (?:values? of |numbers? of |choices? of )?(?:the )?(?:workers |"
    r"parameters |learning rates? |step[- ]sizes? |momentum )?"
    r"(?P<sym>[A-Za-zα-ωΑ-Ω]{1,2}(?:_?\{?\w{1,3}\}?)?)(?![\w(])", re.I)
_NOT_A_SYMBOL = {"is", "of", "it", "we", "do", "a", "an", "i", "in", "on", "to", "be", "my",
                 "at", "as", "by", "or", "if", "no", "so", "up"}


def _solved_for(sentence: str) -> str | None:
    """The phrase of a request that asks for which value of a symbol a statement holds ('for
    which β2 is the first step the same as in (a)?', 'for which n is ring cheaper?'), or None."""
    for m in _FOR_WHICH.finditer(sentence):
        if m.group("sym").lower() not in _NOT_A_SYMBOL:
            return m.group(0)
    return None


def _primary_asks(r: PartReading, questions: Questions, hooks: ReaderHooks) -> Questions:
    """Each generic ask ("What vector do you get?", "the actual point", "where exactly?", "its
    third update") as the quantity the family's reader maps it to: its optional hook
    ``primary(r, phrase, index)`` (``index``: the step an ordinal names, or None), else the
    catalogue's default for the family (:data:`~optiproof.catalogue.quantities.PRIMARY_OF`),
    used only when no ordinal is in the phrase. What is not mapped stays the generic ask,
    which no family answers: the part is refused naming the phrase."""
    if not any(generic(a) for a in questions.asks):
        return questions
    hook = getattr(hooks, "primary", None)
    default = PRIMARY_OF.get(getattr(hooks, "family", ""))
    requests = []
    for request in questions.requests:
        asks = []
        for a in request.asks:
            if generic(a) and (a.quantity not in hooks.answers or a.quantity == "primary"):
                index = step_index(a.phrase)
                mapped = hook(r, a.phrase, index) if hook is not None else None
                if mapped is None and index is None and default in hooks.answers:
                    mapped = default
                if mapped is not None:
                    r.notes.append(f"\"{a.phrase}\" asks the part's main result: the "
                                   f"{QUANTITIES[mapped].name}")
                a = Ask(mapped or Q.PRIMARY.key, a.phrase, a.start, a.end)
            asks.append(a)
        requests.append(replace(request, asks=tuple(asks)))
    return replace(questions, requests=tuple(requests))


_GENERAL = re.compile(r"\bfor (?:a |an |any )?(?:general|arbitrary|generic|any|all) (?:[\w-]+ ){0,2}?"
                      r"(?P<sym>[A-Za-zα-ωθ](?:_?[\w]{1,3})?)(?![\w(])|\bfor (?:every|any|each) "
                      r"(?P<sym2>[A-Za-zα-ωθ](?:_?[\w]{1,3})?)(?= ?[,.?;)]|$)", re.I)
"""A request for a symbol left general ("What is the update for a general gradient g?"): its
answer is a formula in that symbol."""


def _general_symbol(r: PartReading, request: Request, general: tuple[str, ...] = ()) -> None:
    """A request asking a value for a general value of a symbol ("What is the update for a
    general gradient g?", not in a parenthesised remark) while the reading took a given number
    for that symbol ("g_1 = [0.5, -2, 0.01]") is refused naming both: answering for the given
    number would answer another question. A name asked "for general g" (which optimizer) is
    not, nor a quantity the family answers for any value as well (``general``)."""
    values = [a.quantity for a in request.asks if a.quantity is None or
              QUANTITIES[a.quantity].value_kind not in ("name", "yes-no", "explanation")]
    if values and all(q in general for q in values):
        return
    for m in _GENERAL.finditer(request.sentence):
        sym = m.group("sym") or m.group("sym2")
        if not sym or _ENGLISH_WORD.fullmatch(sym):
            continue
        opened = request.sentence.count("(", 0, m.start()) - request.sentence.count(")", 0, m.start())
        if opened > 0 or not any(a.quantity is None or QUANTITIES[a.quantity].value_kind not in (
                "name", "yes-no", "explanation") for a in request.asks):
            continue   # a remark "(for any g_1 with non-zero entries)", or a name asked
        base = re.escape(sym.split("_")[0])
        for f in r.fields.values():
            numeric = isinstance(f.value, (int, float, list)) and not isinstance(f.value, bool)
            if numeric and f.source and re.match(rf"{base}(?:_?\{{?\(?\w{{1,3}}\)?\}}?)? ?=",
                                                 f.source.strip()):
                _gap(r, m.group(0), f"\"{m.group(0)}\" asks the answer for a general {sym}, but the "
                                    f"reading took the given \"{_short(f.source)}\" (expected the "
                                    "given values only, or a part that gives no value for it)")
                return


_ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}|an|as|at|be|by|do|if|in|is|it|of|on|or|so|to|up|we")


def _both_read(r: PartReading, request: Request) -> bool:
    """A request's "for <method A> and for <method B>" (split off by the questions, see
    ``questions._two_subjects``) is answered when the part's reading names both methods."""
    from optiproof.catalogue import KINDS

    if not re.match(r"(?:for|with|using|of)\b", request.sentence, re.I):
        return False
    named = [m.entry.key for m in KINDS["optimizer"].mentions(request.sentence)]
    compared = [q for q in r.asked if (e := QUANTITIES.get(q)) is not None and " vs " in e.name]
    if len(set(named)) < 2 or not (set(named) <= _entry_keys(r) or compared):
        return False
    whole = next((v for k, v in r.requests.items() if request.sentence in k), None)
    if whole:
        r.requests[request.sentence] = list(whole)   # the request it was split from
    r.notes.append(f"\"{_short(request.sentence)}\": the part reads both methods"
                   + (f" (the {QUANTITIES[compared[0]].name})" if compared else ""))
    return True


def _elliptic(r: PartReading, request: Request, hooks: ReaderHooks) -> bool:
    """A request that names only another subject after the part's own requests ("And scheme
    A?", "What about the tree?"): those requests asked again of it, when the family's reader
    (its optional ``subject`` hook) says the part answers them for that subject."""
    subject = getattr(hooks, "subject", None)
    if subject is None:
        return False
    item = ELLIPTIC_ITEM.match(request.sentence.strip())
    if not subject(r, request.sentence) and not (
            item and subject(r, "what about " + re.sub(
                r"\s(?:scheme|algorithm|method|variant|approach|strategy|one|case|version)$", "",
                item.group("subject").strip()) + "?")):
        return False
    r.notes.append(f"\"{_short(request.sentence)}\": the part's requests asked again of another "
                   "subject the part answers")
    return True


_FORMAT_VERBS = {"give", "write", "express", "state", "leave", "round", "report", "present"}
_FORMAT_WORDS = {"please", "the", "your", "it", "them", "both", "each", "answer", "answers",
                 "result", "results", "value", "values", "number", "numbers", "as", "in", "to",
                 "and", "or", "an", "a", "exact", "exactly", "fraction", "fractions", "decimal",
                 "decimals", "closed", "form", "simplified", "simplest", "significant",
                 "figures", "digits", "places", "scientific", "notation", "also", "too", "well",
                 "approximate", "approximation", "numerical", "numerically", "rational"}


_INTERVAL_FORM = re.compile(r"^(?:[-*•] ?)?(?:please )?(?:give|state|write|express)(?: (?:it|this|"
                            r"that|them|your answer|the answer))?(?: as)? (?:the|an?|this|that) "
                            r"(?:full |whole |open )?(?:interval|range)\s?[.!]?$", re.I)
"""'Give the interval.' after a question a bound answers ('For which α does GD converge?'): the
form of that answer, the range up to the bound, not a request of its own."""


def _format_only(sentence: str) -> bool:
    """A sentence that only asks for the form of the answers the part's other requests ask
    ("Give the exact fraction and a decimal.", "Round to 3 significant figures."), no quantity:
    an instruction, not a request."""
    words = re.findall(r"[a-z]+|\d+", sentence.lower())
    return bool(words) and words[0] in _FORMAT_VERBS | {"please"} and all(
        w in _FORMAT_WORDS | _FORMAT_VERBS or w.isdigit() for w in words)


def _formula_form(r: PartReading, sentence: str) -> bool:
    """A sentence that only asks the answers of the part's other requests as a formula ("Give
    the general formula in N and p.", "Write it as a function of n and p."), whose letters the
    family's reader kept (it recorded the phrase as a "formula" convention): a form, not a
    request of its own."""
    for c in r.conventions:
        if c.name != "formula" or not c.source or c.source not in sentence:
            continue
        rest = re.findall(r"[a-z]+", sentence.replace(c.source, " ").lower())
        if rest and rest[0] in _FORMAT_VERBS | {"please", "now", "also", "then"} and all(
                w in _FORMAT_WORDS | _FORMAT_VERBS | _FORMULA_WORDS for w in rest):
            return True
    return False


_FORMULA_WORDS = {"now", "then", "general", "formula", "expression", "this", "that", "down",
                  "derive", "find", "provide", "for", "case"}


def _elliptic_item(r: PartReading, item: str, hooks: ReaderHooks) -> bool:
    """A coordinated item that names only another subject ("How many bytes does scheme A move,
    and how many by the tree scheme?"): the request asked again of it, as :func:`_elliptic`."""
    subject = getattr(hooks, "subject", None)
    core = re.sub(r"^(?:,|;|\band\b|\bor\b|\s)+", "", item).strip()
    if subject is None or not core or not subject(r, core):
        return False
    r.notes.append(f"\"{_short(core)}\": the request asked again of another subject the part "
                   "answers")
    return True


def _family_took(r: PartReading, item: str, hooks: ReaderHooks) -> bool:
    """True when the family's reader took a coordinated item as an ask of its own: a source
    phrase of its asked-quantities field is most of the item ("with what learning rate?",
    "contraction it gives" of "what contraction it gives?")."""
    field = r.fields.get(hooks.ask_field) if hooks.ask_field else None
    whole = _NAMED_VALUE.sub("", item.strip(" ,;:?.!").lower())
    pieces = [p.strip().lower().strip(" ?.!") for p in (field.source if field else "").split(" | ")]
    return any(core and any(p and (p == core or len(p) >= 6 and p in core and
                                   len(p) >= 0.6 * len(core)) for p in pieces)
               for core in dict.fromkeys((whole, _WH_LEAD.sub("", whole))))


_WH_LEAD = re.compile(r"^(?:(?:and|also|then),? )?(?:what|which)(?: is|'s| are| was)? (?:the |its )?(?=\S)")
"""'what is the optimal factor?': the item is the noun phrase the question asks."""
_NAMED_VALUE = re.compile(r"^(?:(?:and|also|then) )?(?:the |its )?(?:corresponding|resulting|associated|"
                          r"attained|achieved) (?:value|number|quantity)(?: of)? (?=\S)")
"""'the corresponding value ρ(η*)': the item is the symbol it names."""


def _stated(item: str, r: PartReading) -> bool:
    """True when a coordinated item of a request is a convention the reading recorded with
    (nearly) that item as its source ("assuming the error shrinks by exactly ρ every
    iteration"): read as a statement, not an unplaced request."""
    core = item.strip(" ,;:")
    return any(c.source and (c.source in core or core in c.source) and
               min(len(c.source), len(core)) >= 0.8 * max(len(c.source), len(core))
               for c in r.conventions)


def _states_problem(hooks: ReaderHooks, r: PartReading, sentence: str,
                    piece: str | None = None) -> bool:
    """True when the family's reader says a request that asks nothing it can place ("Solve
    min_d gᵀd s.t. ‖d‖_1 ≤ η.", "We want d* = argmin ...", where 'gᵀ' is no quantity) states
    the very problem it read, beside requests that do ask (an optional hook,
    ``states_problem``); with ``piece``, that the piece is a symbol of that problem's formula.
    """
    states = getattr(hooks, "states_problem", None)
    return bool(states is not None and states(r, sentence, piece))


def _continuations(r: PartReading, questions: Questions, hooks: ReaderHooks,
                   asks: list[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """Requests that ask nothing themselves but continue the part's other requests with a
    change ("And with the usual bias correction?"), or that ask in words only the family
    places ("and the final training loss?"): the asks the family's hook ``continuation``
    (optional) gives each, by sentence (``asks``, the part's other asks, may be empty)."""
    hook = getattr(hooks, "continuation", None)
    if hook is None:
        return {}
    out = {}
    for request in questions.requests:
        if not request.asks and not request.proof:   # a proof asked is never a value
            got = hook(r, request.sentence, asks)
            if got:
                out[request.sentence] = got
    return out


def _refers(request: Request) -> bool:
    """True when the request is a back-reference ("Repeat (a) with α = 0.1"), which the
    reading resolves by inheriting the referenced part."""
    return any(m.entry.key == T.BACK_REFERENCE.key for m in TRANSFORMS.mentions(request.sentence))


def _gap(r: PartReading, where: str, reason: str) -> None:
    r.miss(f"question \"{_short(where)[:40]}\"", reason)


def _restated(flat: str, r: PartReading) -> list[tuple[int, int, str]]:
    """Spans of the vectors in ``flat`` that restate a list field of the part (``λ ∈ [1, 25]``
    when the eigenvalues read are [1, 25])."""
    from fractions import Fraction

    from optiproof.core.text.numbers import iter_arrays

    lists = {}
    for f in r.fields.values():
        if isinstance(f.value, list) and f.value and all(
                isinstance(x, (int, float, str)) and not isinstance(x, bool) for x in f.value):
            try:
                lists[tuple(Fraction(str(x)) for x in f.value)] = f.name
            except ValueError:
                continue
    out = []
    for start, end, value in iter_arrays(flat):
        if value and not isinstance(value[0], list):
            key = tuple(x.value for x in value)
            if key in lists:
                out.append((start, end, f"restates {lists[key]}"))
    return out + _restated_in_brackets(flat, r)


def _restated_in_brackets(flat: str, r: PartReading) -> list[tuple[int, int, str]]:
    """Spans of the numbers inside a parenthetical remark that equal a scalar field of the
    part ("multiplied by 100 (so both gradients are 100 times larger)")."""
    from fractions import Fraction

    from optiproof.core.text.numbers import find_numbers

    scalars = {}
    for f in r.fields.values():
        if isinstance(f.value, (int, float)) and not isinstance(f.value, bool):
            scalars[Fraction(str(f.value))] = f.name
    out = []
    for m in re.finditer(r"\([^()]{1,120}\)", flat):
        for num, start, end in find_numbers(m.group(0), 8):
            if (num.value in scalars or -num.value in scalars) and abs(num.value) != 1 and \
                    num.value != 0:   # "θ ← θ − 0.05·v" restates lr = 0.05
                out.append((m.start() + start, m.start() + end,
                            f"restates {scalars.get(num.value) or scalars[-num.value]}"))
    return out


def _entry_keys(r: PartReading) -> set[str]:
    """Catalogue keys of the norms, optimizers and schemes a part's fields name."""
    from optiproof.catalogue import KINDS

    values: list = [f.value for f in r.fields.values()]
    keys = set()
    while values:
        value = values.pop()
        if isinstance(value, dict):
            values.extend(value.values())
        elif isinstance(value, list):
            values.extend(value)
        elif isinstance(value, str):
            keys.update(e.key for kind in ("norm", "optimizer", "scheme")
                        if (e := KINDS[kind].get(value)) is not None)
    return keys


_BARE_REFERENCE = re.compile(r"\b(?:in|from|of|as in|see|like|(?:part|question|item|task)s?) $",
                             re.I)


def _bare_part_references(text: str, p: PartReading, numbers: list[NumberUse]
                          ) -> list[NumberUse]:
    """An unused bare number that names an earlier part the reading took something from ("the
    procedure in 2", "the limit from 2", where a field's source says "part (2)"): a label."""
    taken = {m.group(1) for source in p.sources()
             for m in re.finditer(r"\bpart \((\w{1,3})\)", source)}
    return [NumberUse(n.text, n.start, "label", n.source)
            if n.status == "unused" and n.text in taken and n.text != p.label.split(".")[0] and
            _BARE_REFERENCE.search(text[max(0, n.start - 12):n.start]) and
            not re.match(r"[\w(^/*]", text[n.start + len(n.text):n.start + len(n.text) + 1])
            else n for n in numbers]


def account_numbers(reading: Reading, own: dict[str, str], context: str, title: str) -> None:
    """Give every part (``own``: label -> its flat text) and the shared context their
    :class:`NumberUse` lists; sources are the fields of every part."""
    sources = [x for p in reading.parts for x in p.sources()]
    for p in reading.parts:
        text = own.get(p.label.split(".")[0], "")
        mine = p.sources()
        spans = source_spans(text, mine + sources) + _restated(text, p)
        p.numbers = _bare_part_references(
            text, p, account(text, spans) + account_terms(text, spans, _entry_keys(p)))
    restated = [x for p in reading.parts for x in _restated(context, p)]  # "λ ∈ [1, 100]"
    reading.numbers = account(context, source_spans(context, sources) + restated)
    reading.numbers += [NumberUse(u.text, u.start, "label") for u in account(title, [])]
