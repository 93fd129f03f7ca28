"""Reader for Adam-mechanics parts: questions about how Adam / RMSprop / AdamW work.

Reads the asks, in the order the text asks them ("write out the Adam update", "why divide by the
square root of v", "bias correction", "first step", "rescale the loss by a constant c",
"β1 = β2 = 0", "how large can a step be", "AdamW", "L2 regularisation vs weight decay"), the
optimizer (Adam, or RMSprop when only RMSprop is named) and whatever hyper-parameters are stated
(α / learning rate, β1, β2 or ``betas=(..)``, ε, λ / weight decay, c, t, a gradient vector);
anything not stated stays a symbol. A text counts as this family only if it names Adam, AdamW or
RMSprop; questions about where Adam *converges* on data belong to the implicit-bias reader.
Spec field names live in :data:`F`.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from optiproof.catalogue import optimizers as O
from optiproof.catalogue import quantities as Q
from optiproof.catalogue import transforms as T
from optiproof.catalogue import QUANTITIES
from optiproof.core.text.match import (
    Score,
    assigned_array,
    assigned_number,
    cue_score,
    negated,
    rx,
    take_asks,
)
from optiproof.core.text.numbers import number_at, spec_array
from optiproof.core.text.record import PartReading, PartText, phrase
from optiproof.families.adam_mechanics.family import KEY

FAMILY = KEY
F = SimpleNamespace(asks="asks", optimizer="optimizer", alpha="alpha", beta1="beta1",
                    beta2="beta2", eps="eps", lam="lam", c="c", t="t", gradient="gradient")
"""Spec field names of the adam-mechanics family."""

_NAMED = r"\badam(?:w)?\b|\brmsprop\b"
CUES = [
    (r"\badamw\b", 3), (r"\bbias[- ]correct", 3), (r"\bfirst (?:step|update)\b", 2),
    (r"\b(?:re)?scal\w* (?:the )?loss|\bmultipl\w* (?:the )?loss", 2),
    (r"β_?1 ?= ?β_?2 ?= ?0", 3), (r"\b(?:square root|sqrt)\(? ?(?:of )?(?:the )?(?:hat )?v", 2),
    (r"\bupdate rule|\bupdate equations?", 1.5), (r"β_?[12]\b|\bbeta_?[12]\b|\bbetas\b", 1.5),
    (r"\bl2[- ]regulari[sz]|\bdecoupled weight decay|\bweight decay", 1),
    (r"\bhat [mv]\b|\b[mv]_t\b|\bmoment estimates?", 1.5),
    (r"\bsign (?:gradient )?descent|\bsignsgd", 1),
    (r"\bbound on (?:the )?(?:size of )?(?:each |the |a )?(?:step|update)|\bhow large\b", 2),
    (_NAMED, 1.5),
]

ASKS = {
    "update-rule": r"\bupdate rule|\bupdate equations?|\bwrite (?:out|down) (?:the )?(?:full )?"
                   r"(?:adam|rmsprop)|\bwhy (?:does (?:adam|rmsprop|it) )?divid\w* by (?:the )?"
                   r"(?:square root|sqrt)|\bdivid\w* by (?:the )?(?:square root|sqrt)|"
                   r"\b(?:state|give) (?:the )?(?:adam|rmsprop) update",
    "bias-correction": r"\bbias[- ]correction\b|\bbias[- ]correct(?:s|ing)?\b|\bunbiased\b|"
                       r"E\[m_?t\]|\bexpect\w* (?:value )?of (?:m|v)_?t",
    "first-step": r"\bfirst (?:step|update|iteration)\b|θ_1 ?- ?θ_0",
    "loss-scaling": r"\b(?:re)?scal\w* (?:the )?loss|\bloss (?:is |gets )?(?:re)?scaled|"
                    r"\bmultipl\w* (?:the )?loss|\binvarian\w* to (?:re)?scal|\bscale[- ]invarian",
    "sign-limit": r"β_?1 ?= ?β_?2 ?= ?0|β_?1 ?= ?0,? (?:and )?β_?2 ?= ?0|\bsign (?:gradient )?"
                  r"descent|\bsignsgd\b",
    "step-bound": r"\bbound on (?:the )?(?:size of )?(?:each |the |a )?(?:per[- ]coordinate )?"
                  r"(?:step|update)|\bstep[- ]size bound|\bhow large (?:can|may|is|could) "
                  r"(?:a |the |each |one )?(?:single |per[- ]coordinate |adam )*(?:step|update)|\b(?:maximum|largest)"
                  r"(?: possible)? (?:step|update)|\|Δθ(?:_i|_t|_t,i)?\| ?(?:≤|<)",
    "weight-decay": r"\badamw\b|\bdecoupled weight decay|\bl2[- ]regulari[sz]\w*|"
                    r"\bweight decay\b",
}
_SIGN_PREMISE = r"β_?1 ?= ?β_?2 ?= ?0|β_?1 ?= ?0,? (?:and )?β_?2 ?= ?0"
_EPS_ZERO = (r"\bε ?(?:→|->|to) ?0|\bignor\w* (?:the )?ε|\bneglect\w* (?:the )?ε|"
             r"\bwithout ε|\bε (?:is )?negligible|\bε-free")


class AdamMechanicsReader:
    family = FAMILY
    answers = tuple(QUANTITIES.canonical(k) for k in ASKS)
    ask_field = F.asks

    def asked(self, r: PartReading) -> list[str]:
        """The catalogue quantities of the part's asks, in order, with what their answers also
        say: the β = 0 limit names the optimizer, loss scaling says whether the step changes."""
        asked = [QUANTITIES.canonical(k) for k in r.value(F.asks) or []]
        implied = {Q.SIGN_LIMIT.key: Q.IDENTIFICATION.key, Q.LOSS_SCALING.key: Q.CHANGES.key}
        return asked + [implied[k] for k in asked if k in implied]

    def take(self, r: PartReading, asks: list[tuple[str, str]]) -> None:
        """Asked quantities the reader's own tables missed join the part's asks."""
        take_asks(r, F.asks, asks, self.answers)

    def applied(self, r: PartReading) -> set[str]:
        """Scaling the loss and adding weight decay are what those asks are about."""
        asked = set(self.asked(r))
        return ({T.SCALE_LOSS.key} if Q.LOSS_SCALING.key in asked else set()) | (
            {T.ADD_WEIGHT_DECAY.key} if Q.WEIGHT_DECAY.key in asked else set()) | (
            {T.AFTER_STEPS.key} if F.t in r.fields else set())

    def symbol(self, r: PartReading, symbol: str) -> str | None:
        """Δθ_1 (θ_1 - θ_0) is the first step."""
        return Q.FIRST_STEP.key if re.match(r"^Δθ_?1$", symbol.replace(" ", "")) else None

    def score(self, flat: str) -> Score:
        if not rx(_NAMED).search(flat):
            return Score(0.0)
        return cue_score(flat, CUES)

    def read_part(self, part: PartText, previous: list[PartReading]) -> list[PartReading]:
        own, ctx = part.flat, part.flat_context
        r = PartReading(part.label, FAMILY)
        _read_asks(own, r)
        _read_optimizer(own, ctx, r)
        _read_hyper(own, ctx, r)
        return [r]


def _read_asks(own: str, r: PartReading) -> None:
    found = []
    for kind, pattern in ASKS.items():
        for m in rx(pattern).finditer(own):
            if kind != "weight-decay" and negated(own, m.start()):
                continue
            if kind == "bias-correction" and rx(r"\b(?:including|with|and) (?:the |its )?$").search(
                    own[max(0, m.start() - 20):m.start()]):
                continue  # "the update rule including bias correction" is one question
            found.append((m.start(), kind, phrase(own, m.start(), m.end())))
            break
    if not found:
        r.miss(F.asks, "no question about Adam's mechanics recognised (expected e.g. 'write out "
                       "the update rule', 'bias correction', 'the first step', 'rescale the loss "
                       "by c', 'β1 = β2 = 0', 'how large can a step be', 'AdamW vs L2')")
        return
    found.sort()
    r.set(F.asks, [k for _, k, _ in found], " | ".join(s for *_, s in found))


def _read_optimizer(own: str, ctx: str, r: PartReading) -> None:
    for text in (own, ctx):
        rms = rx(r"\brmsprop\b").search(text)
        adam = rx(r"\badam(?:w)?\b").search(text)
        if rms and not adam and not negated(text, rms.start()):
            r.set(F.optimizer, O.RMSPROP.key, phrase(text, rms.start(), rms.end()))
            return
        if adam:
            return


def _without_sign_premise(text: str) -> str:
    """The text with "β1 = β2 = 0" blanked out (it is the sign-limit premise, not a setting)."""
    return rx(_SIGN_PREMISE).sub(" ", text)


def _set_number(r: PartReading, name: str, got: tuple[Any, str] | None) -> bool:
    if got is None:
        return False
    try:
        r.set(name, got[0].spec_value(), got[1])
    except ValueError as err:
        r.miss(name, str(err))
    return True


def _read_hyper(own: str, ctx: str, r: PartReading) -> None:
    for text in (own, ctx):
        m = rx(r"\b(?:learning rate|step size|lr)\b(?: (?:α|η))? ?(?:=|:|of|is)? ?(?=[\d.])"
               ).search(text)
        got = number_at(text, m.end()) if m else None
        if got is not None:
            _set_number(r, F.alpha, (got[0], phrase(text, m.start(), got[1])))
            break
    for field, pattern in (
            (F.alpha, r"α|η"),
            (F.lam, r"λ|weight[_ ]decay(?: coefficient| parameter| factor)?|"
                    r"l2 (?:coefficient|strength)"),
            (F.eps, r"ε|eps(?:ilon)?")):
        if field in r.fields:
            continue
        for text in (own, ctx):
            if _set_number(r, field, assigned_number(text, pattern)):
                break
    if F.eps not in r.fields:
        for text in (own, ctx):
            m = rx(_EPS_ZERO).search(text)
            if m:
                r.set(F.eps, 0, phrase(text, m.start(), m.end()))
                break
    for text in (own, ctx):
        clean = _without_sign_premise(text)
        m = rx(r"\bbetas ?= ?\( ?").search(clean)
        if m:
            first = number_at(clean, m.end())
            if first is not None:
                sep = rx(r" ?, ?").match(clean, first[1])
                second = number_at(clean, sep.end()) if sep else None
                if second is not None:
                    src = phrase(clean, m.start(), second[1] + 1)
                    _set_number(r, F.beta1, (first[0], src))
                    _set_number(r, F.beta2, (second[0], src))
                    break
        got1 = assigned_number(clean, r"β_?1|beta_?1")
        got2 = assigned_number(clean, r"β_?2|beta_?2|ρ|smoothing constant|decay rate")
        if got1 or got2:
            _set_number(r, F.beta1, got1)
            _set_number(r, F.beta2, got2)
            break
    for text in (own, ctx):
        m = rx(r"\b(?:by|of) (?:a (?:constant|factor|positive constant) )?(?:(?:of )?c ?= ?)?"
               r"(?=[\d.])").search(text)
        if m and rx(r"loss").search(text[max(0, m.start() - 60):m.start()]):
            got = number_at(text, m.end())
            if got is not None:
                _set_number(r, F.c, (got[0], phrase(text, m.start(), got[1])))
                break
        if _set_number(r, F.c, assigned_number(text, r"(?<![\w])c")):
            break
    for text in (own, ctx):
        m = rx(r"(?<![\w])t ?= ?(?=\d)|\bafter (?=\d{1,7} steps?)|\bat step (?=\d)").search(text)
        if m:
            got = number_at(text, m.end())
            if got is not None:
                _set_number(r, F.t, (got[0], phrase(text, m.start(), got[1])))
                break
    for text in (own, ctx):
        got = assigned_array(text, r"g_?1|g|the (?:first )?gradient")
        if got is not None:
            try:
                r.set(F.gradient, spec_array(got[0]), got[1])
            except ValueError as err:
                r.miss(F.gradient, str(err))
            break


HOOKS = AdamMechanicsReader()
"""This family's reader hooks (see optiproof.reading.registry)."""
