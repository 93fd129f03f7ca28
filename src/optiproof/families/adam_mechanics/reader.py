"""Reader for Adam-mechanics parts: maps the math objects of a part onto the spec's fields.

The optimizer is the one the text names (Adam, or RMSprop when only RMSprop is named); the
hyper-parameters are the assignments to the symbols that denote them (``α``, ``lr``, ``η`` the
learning rate; ``β₁``, ``β₂`` or ``betas = (..)``; ``ρ`` RMSprop's smoothing constant; ``ε``;
``λ``/``weight_decay``; ``c`` the loss scale); the gradients are the indexed assignments
``g₁ = (..)``, ``g₂ = (..)`` (or one ``g``, or ``∇L(θ₀) = (..)``), the start the assignment to
the parameter at index 0 (``θ₀``, ``w_0``). What a part asks comes from its questions: a
quantity of the catalogue, or a symbol (``θ_2``, ``m̂_3``, ``v_1``, ``w_2``) whose index says
how many of the given gradients the run takes. A text counts as this family only if it names
Adam, AdamW or RMSprop. Spec field names live in :data:`F`.
"""

from __future__ import annotations

import copy
import re
from types import SimpleNamespace
from typing import Any

import sympy

from optiproof.catalogue import OPTIMIZERS, QUANTITIES, TRANSFORMS
from optiproof.catalogue import optimizers as O
from optiproof.catalogue import quantities as Q
from optiproof.catalogue import transforms as T
from optiproof.core.mathatoms import Grad
from optiproof.core.text.match import Score, cue_score, negated, rx, take_asks
from optiproof.core.text.mathobjects import (Assignment, PartObjects, is_numeric, spec_array,
                                             spec_number)
from optiproof.core.text.numbers import number_at
from optiproof.core.text.record import SECTION_LEAD, PartReading, PartText, flatten, phrase
from optiproof.families.adam_mechanics.family import ADAM_MECHANICS, ASKS, KEY
from optiproof.families.adam_mechanics.spec import DECAY_RUN_ASKS, MAX_LOSS_DEGREE, MAX_STEPS

FAMILY = KEY
F = SimpleNamespace(asks="asks", optimizer="optimizer", alpha="alpha", beta1="beta1",
                    beta2="beta2", eps="eps", lam="lam", c="c", t="t", gradient="gradient",
                    gradients="gradients", theta0="theta0", constant="constant", loss="loss",
                    decay="decay", lr_name="lr_name", shrink_factor="shrink_factor",
                    gradient_sign="gradient_sign", decay_steps="decay_steps",
                    textbook_bound="textbook_bound", decay_halving="decay_halving",
                    coordinate="coordinate", step_fraction="step_fraction",
                    step_t_dependence="step_t_dependence", bias_below="bias_below",
                    bias_inclusive="bias_inclusive")
"""Spec field names of the adam-mechanics family."""

_SHRINK_ASKED = (r"\b(?:per[- ](?:step|iteration) )?shrink(?:age|ing)? factor\b|\bby what factor (?:does|do|"
                 r"is|are) (?:adamw|(?:the )?(?:decoupled )?(?:weight )?decay|it)\b[^.?]{0,30}\b(?:shr[iu]nk|"
                 r"multipl(?:y|ies)\b[^.?]{0,12}\bweights?\b)|"
                 r"\bby what factor (?:is|are) (?:θ|theta|w|the (?:weights?|parameters?))\b[^.?]{0,40}"
                 r"\b(?:multiplied|scaled|shrunk)\b[^.?]{0,40}\bby (?:the )?(?:decoupled )?(?:weight[- ])?"
                 r"decay(?: term)?\b|" + Q.SHRINK_PER_STEP)
"""The factor AdamW multiplies the weights by, asked ('the per-step shrinkage factor of AdamW')."""
_NAMED = r"\badam(?:w)?\b|\brmsprop\b|\badagrad\b"
CUES = [
    (r"\badamw\b", 3), (r"\bbias[- ]correct", 3), (r"\bfirst (?:step|update)\b", 2),
    (r"\b(?:re)?scal\w* (?:the )?loss|\bmultipl\w* (?:the )?loss", 2),
    (r"β_?1 ?= ?β_?2 ?= ?0", 3), (r"\b(?:square root|sqrt)\(? ?(?:of )?(?:the )?(?:hat )?v", 2),
    (r"\bupdate rule|\bupdate equations?", 1.5), (r"β_?[12]\b|\bbeta_?[12]\b|\bbetas\b", 1.5),
    (r"\bl2[- ]regulari[sz]|\bdecoupled weight decay|\bweight decay", 1),
    (r"\bhat [mv]\b|\b[mv]_t\b|\bmoment estimates?", 1.5),
    (r"\bsign (?:gradient )?descent|\bsignsgd", 1),
    (r"\bbound on (?:the )?(?:size of )?(?:each |the |a )?(?:step|update)|\bhow large\b", 2),
    (_NAMED, 3),
]

SYMBOLS = {F.alpha: ("alpha", "eta", "lr", "learning_rate", "step_size"),
           F.beta1: ("beta_1", "b_1"), F.beta2: ("beta_2", "b_2", "rho"),
           F.eps: ("epsilon", "eps"), F.lam: ("lambda", "lam", "weight_decay", "wd"),
           F.c: ("c",)}
"""Each hyper-parameter field and the symbols that denote it."""
_PARAMETER = ("theta", "w", "x", "Theta", "W", "p")
"""Bases a parameter vector is written with (its start has index 0); ``p`` as PyTorch's
optimizers call a parameter ('for p in model.parameters()')."""
_ITERATE = r"θ|theta|w|x|W|p"
"""The same bases as they are written in the text (an iterate ``θ_3``, ``p_3``, ``w_1 - w_0``)."""
_RUN = {Q.THETA_T.key, Q.M_HAT.key, Q.V_HAT.key, Q.GRADIENT_T.key, Q.FIRST_MOMENT.key, Q.SECOND_MOMENT.key,
        Q.LAST_STEP.key, Q.DISPLACEMENT.key, Q.STEP_NO_BIAS_CORRECTION.key, Q.EFFECTIVE_GRADIENT.key}
"""Asks about a run on given gradients: their index says how many gradients it takes."""
_BY_RUN = {Q.FIRST_MOMENT.key, Q.SECOND_MOMENT.key, Q.DISPLACEMENT.key}
"""Answers of the update rule's run on given gradients (asked as the update rule)."""
_STEP_ASKS = {Q.FIRST_STEP.key, Q.LAST_STEP.key, Q.THETA_T.key, Q.STEP_NO_BIAS_CORRECTION.key,
              Q.DISPLACEMENT.key, Q.UPDATE_RULE.key}
"""Asks whose answer is computed from the given gradients (scaled with the loss)."""
_SIGN_PREMISE = (r"β_?1 ?= ?β_?2 ?= ?0|β_?1 ?= ?0,? (?:and )?β_?2 ?= ?0|"
                 r"\bbetas ?(?:=|:|to|of) ?[(\[] ?0(?:\.0)? ?, ?0(?:\.0)? ?[)\]]|\bboth betas? (?:=|to|are|set to) ?0\b")
"""Both decays set to zero ('β₁ = β₂ = 0', PyTorch's 'betas=(0, 0)', 'both betas to 0')."""
_RMS_SIGN_PREMISE = r"(?<!\w)(?:ρ|rho|β_?2|beta_?2|decay|smoothing constant) ?= ?0(?![.,]?\d)"
"""RMSprop's decay set to 0 ('ρ = 0'): the average keeps only the current squared gradient."""
_EPS_ZERO = (r"\bε ?(?:→|->|to) ?0|\bignor\w* (?:the )?ε|\bneglect\w* (?:the )?ε|"
             r"\bwithout ε|\bε (?:is )?negligible|\bε-free|\bignoring eps\b|\beps (?:set )?to 0")
_LR_WORDS = r"\b(?:learning rate|step size|lr)\b(?: (?:α|η|γ))? ?(?:=|:|of|is)? ?(?=[\d.])"
_SCALAR_GRADIENT = (r"\b(?:the )?(?:first |current |stochastic )?gradient (?:of|for|on|at) (?:one|a single|"
                    r"that|this|the|a) (?:weight|parameter|coordinate|scalar parameter) "
                    r"(?:is|=|equals) (?=[-\d.])|"
                    r"\b(?:data[- ]loss |loss |stochastic )?gradient(?: of the (?:data |training )?loss)? ?"
                    r"(?:=|is|equals|stays at) ?(?=-?\d[\d.]{0,12}(?:e-?\d{1,3})? (?:at |in |on |for )?(?:every|"
                    r"each|all) (?:steps?|iterations?|updates?)\b)|"
                    r"\b(?:a|the) (?:constant|fixed|same) (?:tiny |small |large )?gradient (?:of|equal to) "
                    r"(?=-?\d[\d.]{0,12}(?:e-?\d{1,3})?(?![\d.]| ?[-+*/×·(]| ?e\b)(?! (?:and|or|to)\b))")
"""A gradient given as one number for one weight ('the gradient of one weight is 1e-9', 'sees a
constant gradient of 1e-9 at every step')."""
_ZERO_GRADIENT = (r"(?<!\bunless )(?<!\bif )(?<!\bwhen )(?<!\bwhenever )(?<!\bwhere )"
                  r"\b(?:its|whose|the|their) (?:data[- ]loss |data |loss |stochastic )?gradient(?: of the (?:data |training )?loss)? "
                  r"(?:(?:at|in|on) (?:step|iteration|update) 1 |(?:at|in|on) the first (?:step|iteration|update) )?"
                  r"(?:is|=|equals|stays at|stays|remains|be) (?:exactly |identically )?(?:0|zero)(?![.,]?\d)"
                  r"(?= ?(?:\)|\((?!\d)|,|;|\.(?!\d)|$|(?:at|in|for|on) (?:every|each|all)\b|forever\b|always\b))")
"""A gradient said to be zero in words ('whose data gradient is exactly zero at every step', '(its
gradient is 0)', 'its loss gradient is identically zero (a dead unit)', 'the loss gradient at
step 1 be 0'): the zero gradient, no number after it."""
_ZERO_GRADIENT_NOUN = (r"(?<!\bif )(?<!\bwhen )(?<!\bwhenever )(?<!\bunless )\b(?:has|have|with|and|gets?|"
                       r"receives?|sees?) "
                       r"(?:a |an )?(?:exactly |identically )?zero (?:data[- ]loss |data |loss |"
                       r"stochastic )?gradients?\b")
"""A zero gradient named as a noun ('the data loss has zero gradient at all times', 'with AdamW
and a zero data gradient', 'a weight that receives zero loss gradient for the whole run')."""
_ALWAYS_ZERO = (r"^ ?(?:at|in|for|on|over) (?:every|each|all)(?: (?:the|of the))? (?:steps?|iterations?|updates?|"
                r"times|t)\b|"
                r"^ ?(?:forever|always)\b|^ ?(?:for|during|over) the (?:whole|entire) (?:run|training)\b|"
                r"^ ?throughout(?: (?:the run|training))?\b")
_ZERO_LOSS = r"\b(?:data |training )?loss is (?:identically|exactly|always) (?:0|zero)\b"
"""'The data loss is identically zero': its gradient is zero at every step."""
_EPS_WORDS = (r"(?:\b(?:eps|epsilon)\b|(?<!\w)ε(?!\w)) ?(?:=|:|of|is|(?:(?:is|was|be) )?(?:set|put|"
              r"fixed) (?:to|at)|to|at)? ?(?=[\d.])")
"""ε with its value: 'eps = 1e-8', 'ε of 10^-3', 'sets eps to 0', 'with epsilon set to 1e-6',
'puts ε at 0'."""
_BETAS_PAIR = r"\bbetas? ?(?:=|:|of|are)? ?\(? ?(?=[\d.])"
_CONSTANT_GRADIENT = (r"\b(?:the )?(?:same|constant) every (?:step|iteration)|"
                      r"\b(?:the )?(?:same|constant|identical) gradient (?:at |in |on |for )?every "
                      r"(?:step|iteration|update)|"
                      r"\b(?:every|each) (?:step|iteration|update) (?:sees|gets|receives|uses|has|is given) "
                      r"(?:the )?(?:same|constant|identical) gradient\b|"
                      r"\bgradient(?: of the (?:data |training )?loss)? (?:is|be|were|stays|remains) "
                      r"(?:the |a )?(?:same|constant|fixed)\b|"
                      r"\bconstant gradient\b|\bg_?t ?= ?g\b|"
                      r"\bgradient(?: of the (?:data |training )?loss)? ?(?:=|is|equals|stays at) ?-?\d[\d.]{0,12}"
                      r"(?:e-?\d{1,3})? (?:at |in |on |for )?(?:every|each|all) (?:steps?|iterations?|"
                      r"updates?)\b|"
                      r"(?:\b(?:gradient (?:stays|remains|is kept)(?: exactly| fixed at| at)? )?"
                      r"\bg(?:_?t)? ?= ?)(?:-?\d[\d.]{0,12}(?:e-?\d{1,3})?|\([-\d.e, ]{1,60}\)) ?,? ?"
                      r"(?:for (?:all|every|each|any) (?:t|steps?|iterations?)\b|(?:at |in |on )?"
                      r"(?:every|each|all) (?:steps?|iterations?)\b)")
_STEP_COUNT_WORDS = r"\d{1,3}|two|three|four|five|six|seven|eight|nine|ten"
_CONSTANT_OVER = (r"\bg(?:_ ?\{?t\}?)? ?= ?(?:-?\d[\d.]{0,12}(?:e-?\d{1,3})?|\([-\d.e, ]{1,60}\)) ?,? ?"
                  r"(?:for|at|on|in|during|over|throughout) (?:(?:all |every |each )?(?:the )?"
                  r"(?:t|k|steps?|iterations?|updates?) ?(?:=|∈|in)? ?\{? ?1 ?(?:,|\.\.\.?|…|to|through|"
                  r"-|–) ?(?:(?:\d{1,3}|\.\.\.?|…) ?, ?)*(?:and )?(?P<last>\d{1,3}) ?\}?(?!\d|\.\d)|"
                  r"(?:each of |all of )?the first (?P<count>" + _STEP_COUNT_WORDS + r") (?:steps|"
                  r"iterations|updates)\b)")
"""A gradient stated for a range of steps from the first ('g_t = (0.001, 10) for t = 1, 2, 3',
'g_t = 2 for t ∈ {1, 2, 3}', 'g = 0.4 at steps 1 to 4', 'g_t = 1 for the first three steps'):
the same at each of them, and not known after the last."""
_CONSTANT_GRADIENT = _CONSTANT_GRADIENT + "|" + _CONSTANT_OVER
"""A gradient the same at every step: said so, g_t = g, or a value stated for every step
('data-loss gradient = 0 at every step', 'g_t = 0 for all t', 'the gradient stays exactly
g = (1e-3, 0.1) every step'), or for the first steps (:data:`_CONSTANT_OVER`)."""


def _constant_until(text: str) -> int | None:
    """The last step a gradient stated for a range of steps holds at (:data:`_CONSTANT_OVER`),
    None when it is stated for every step."""
    m = rx(_CONSTANT_OVER).search(text)
    if m is None:
        return None
    if m.group("last"):
        return int(m.group("last"))
    word = m.group("count").lower()
    return int(word) if word.isdigit() else _COUNTS[word]
_PYTORCH_CONVENTION = (r"\b(?:in|with|using|following|per|under) (?:the )?pytorch(?:'s)? "
                       r"(?:convention|default|implementation)s?\b|\b(?:as|like) (?:in )?pytorch(?: does)?\b|"
                       r"\btorch\.optim\.(?:adamw?|rmsprop)\b")
"""PyTorch named as the convention of the part, which the spec follows anyway."""
_WHY_THE_RULE = (r"\b(?:divides?|divided|dividing|normali[sz]\w*) (?:\w+ )?by (?:the )?(?:√|sqrt|square "
                 r"root)|\bupdate rule\b")
"""An explanation asked of the update rule ('explain why the update divides by √v̂'): its
derivation's prose gives it."""
_WITH_CORRECTION = (r"\b(?:different from|same as|compared? (?:to|with)|than)\b[^.?]{0,30}\b(?:with|"
                    r"using) (?:the )?(?:proper |usual )?bias[- ]correction\b")
"""Bias correction named as the other side of a comparison ('different from θ_1 with bias
correction'), not asked about."""
_SYMBOLIC_CONSTANT = (r"\bg_?t ?= ?g\b(?! ?[_(\d.])|"
                      r"\bgradient (?:is|be|were|stays|remains) (?:the |a |one )?(?:same )?(?:constant|"
                      r"fixed) (?:vector |value |scalar |number )?g\b(?! ?[_(\d.=^])|"
                      r"\b(?:a|the|one) (?:same )?(?:constant|fixed) gradient (?:vector )?g\b(?! ?[_(\d.=^])")
"""A constant gradient written as a symbol ('g_t = g for every t', 'the gradient is the same
constant vector g at every step')."""
_CONTINUED_WITH_CORRECTION = (r"^(?:and|but|now|what about|how about|and what about)\b[^.?]{0,20}\b"
                              r"with(?: the| a)? (?:usual |standard |proper |normal )?"
                              r"bias[- ]correction\b[^.?]{0,20}[?.]?$")
"""A request that continues the previous one with the correction on ('And with the usual bias
correction?')."""
_STEPS = (r"\bafter (?:the |these |those |all |its |all the )?(?:first |next )?(\d{1,3}(?:,\d{3})+|\d{1,6}|"
          r"one thousand|a thousand|one hundred|a hundred|ten thousand|"
          r"one|two|three|four|five|six|seven|eight|nine|ten) (?:(?:adamw?|rmsprop|"
          r"adagrad|optimi[sz]er) )?(?:steps?|updates?|"
          r"iterations?)\b|\b(?:at|for|when) (?:(?:step|iteration)(?: t ?=)?|t ?=) ?(\d{1,4})\b"
          r"(?! ?(?:,|\.\.|…|-|–|to\b|and\b) ?\d)(?! ?(?:\^|\*\*|×|x ?10))")
"""'after 100 steps', 'at t = 10', 'for t = 5' (not a range: 'for t = 1, 2, 3', nor the base of a
power: 'at t = 10^4' is not t = 10)."""
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "one hundred": 100, "a hundred": 100, "one thousand": 1000,
           "a thousand": 1000, "ten thousand": 10000}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_ORDINAL_STEP = (r"\b(?:after|at) the (" + "|".join(_ORDINALS) + r") (?:step|update|iteration)\b")
_DECAY_VARIANT = (r"\badamw\b|\badam ?\+ ?l ?_?2\b|\bl ?_?\{?2\}?[- ]regulari[sz]\w*|\bdecoupled weight "
                  r"decay\b|\bweight decay\b|\bapplied to \w{1,3}(?: ?\(\w{1,5}\))? ?\+ ?\(?λ ?/ ?2\)?")
_L2_VARIANT = (r"\badam ?\+ ?l ?_?2\b|\bl ?_?\{?2\}?[- ]regulari[sz]\w*|\bl ?_?2 (?:penalty|term)\b|"
               r"\b(?:with|as) (?:an |the )?l ?_?2\b|\bweight_decay ?= ?[\dλ]|\bcoupled\b|"
               r"\bapplied to \w{1,3}(?: ?\(\w{1,5}\))? ?\+ ?\(?λ ?/ ?2\)?")
"""'L2 regularisation' (also 'L _2' from LaTeX L$_2$), or Adam applied to the loss plus (λ/2)‖θ‖²."""
_DECOUPLED_VARIANT = r"\badamw\b|\bdecoupled\b"
"""The one weight-decay method a part runs ('For Adam + L2, what is w_1?', 'w_1 for AdamW')."""
_DECAY_NAME = (r"(?:(?:decoupled )?weight[- ]decay|(?:the )?l ?_?2 (?:penalty|term|regulari[sz]ation)|"
               r"(?:the )?decay term|regulari[sz]ation)")
_NO_DECAY = (r"\b(?:drop(?:s|ped|ping)?|remov(?:e|es|ed|ing)|omit(?:s|ted|ting)?|disabl(?:e|es|ed|ing)|"
             r"(?:switch|turn)(?:s|ed|ing)? off|without|ignor(?:e|es|ed|ing)|no(?: more)?|"
             r"(?:set|setting) to zero) (?:the |any |all )?" + _DECAY_NAME + r"\b(?! (?:of|from) )|"
             r"\b" + _DECAY_NAME + r" (?:is |was |gets )?(?:now )?(?:(?:switched|turned) off|dropped|"
             r"removed|disabled|set to (?:0|zero)(?![.,]?\d))")
"""Weight decay dropped by the part ('Drop the weight decay.', 'still without weight decay',
'the L2 penalty is removed'): a name of the decay that is not a run with it."""


_EVALUATE_BOUND = r"\b(?:evaluate|compute|calculate|work out) (?:this|that|the above|the \w+) (?:\w+[- ])?bound\b"
"""A bound the text writes, asked at the part's numbers ('Evaluate this bound here.')."""
_LR_TOKEN_AT = re.compile(r"(?<![\w\\])(?:α|η|γ|lr|alpha|eta|gamma)(?![a-zA-Z])")
_FORMULA_END = re.compile(r"[,;?]|\.(?:\s|$)|\s(?!sqrt\b)[A-Za-z]{2,}\b")
_TEXTBOOK_NAMES = {"beta_1": "b1", "beta1": "b1", "beta_2": "b2", "beta2": "b2"}


def _written_bounds(text: str) -> list[tuple[Any, str]]:
    """The formulas of ``text`` that start with a learning-rate letter ('α(1 − β₁)/√(1 − β₂)',
    'lr*(1-beta1)/sqrt(1-beta2)'), parsed by the safe parser, with what was written."""
    from optiproof.core.text.formulas import parse_side

    out = []
    for m in _LR_TOKEN_AT.finditer(text):
        end = _FORMULA_END.search(text, m.end())
        written = text[m.start():end.start() if end else len(text)].strip()
        expr = parse_side(written) if len(written) <= 80 and "(" in written else None
        if expr is not None and not is_numeric(expr):
            out.append((expr, written))
    return out


def _textbook_bound(r: PartReading, source: str) -> None:
    """'Evaluate this bound' after the text writes the Adam paper's bound α(1 − β₁)/√(1 − β₂)
    (in its own letters; the learning rate's letter the text's): that bound at the part's
    values. A formula in another letter for the learning rate, or any other formula, is
    refused, naming it."""
    lr = r.value(F.lr_name) or "alpha"
    b1, b2, a = sympy.symbols("b1 b2 a", positive=True)
    want = a * (1 - b1) / sympy.sqrt(1 - b2)
    seen = []
    for text in (r.own_text, r.found.get("context", "")):
        for expr, written in _written_bounds(text):
            names = {s.name for s in expr.free_symbols}
            lrs = names - set(_TEXTBOOK_NAMES)
            if len(lrs) != 1:
                continue
            seen.append(written)
            letter = next(iter(lrs))
            mapped = expr.subs({sympy.Symbol(n): (b1 if _TEXTBOOK_NAMES[n] == "b1" else b2)
                                for n in names - lrs} | {sympy.Symbol(letter): a})
            if sympy.simplify(mapped - want) != 0:
                continue
            if letter != lr:
                r.miss(F.textbook_bound, f'"{written}" is the bound asked, but its "{letter}" is '
                                         f'not the learning rate the text names ("{lr}"); '
                                         "expected the learning rate's own letter")
                return
            r.set(F.textbook_bound, True, f"{source}; {written}")
            r.found["textbook written"] = written
            return
    r.miss(F.textbook_bound, f'"{source}" asks the value of a bound the text writes, but '
                             + (f"the formula{'s' if len(seen) > 1 else ''} "
                                + ", ".join(f"'{w}'" for w in seen) + " is not one this family "
                                "evaluates" if seen else "no such formula was read")
                             + " (expected the Adam paper's α(1 − β₁)/√(1 − β₂))")


_HYPOTHETICAL = (r"\b(?:if|suppose|assume|assuming|imagine)\b,? (?:that )?(?:the )?(?P<sym>ε|eps|epsilon|"
                 r"β_?1|beta_?1|β_?2|beta_?2|lr|η|α|learning rate|λ|weight[_ ]decay) (?:were|was|had been|"
                 r"would be|is|=|equals?|became|set to)(?: (?:exactly|instead|set to|equal to))* ?"
                 r"(?P<value>-?\d[\d.]*(?:e-?\d{1,3})?)(?![\d.])")
_HYPOTHETICAL_FIELDS = {"ε": F.eps, "eps": F.eps, "epsilon": F.eps, "β1": F.beta1, "β_1": F.beta1,
                        "beta1": F.beta1, "beta_1": F.beta1, "β2": F.beta2, "β_2": F.beta2,
                        "beta2": F.beta2, "beta_2": F.beta2, "lr": F.alpha, "η": F.alpha,
                        "α": F.alpha, "learning rate": F.alpha, "λ": F.lam,
                        "weight_decay": F.lam, "weight decay": F.lam}


def _hypothetical_values(own: str, r: PartReading) -> None:
    """A value supposed for a hyper-parameter ('if eps were exactly 0') that differs from the one
    the part read ('eps = 1e-8') in another sentence is refused, naming both: the part's answers
    would be for the read value, not for the one its question supposes."""
    for m in rx(_HYPOTHETICAL).finditer(own):
        field = _HYPOTHETICAL_FIELDS.get(m.group("sym").lower())
        if field is None or field not in r.fields:
            continue
        read = r.fields[field]
        if m.group(0) in read.source or read.source in m.group(0) or \
                _same_sentence(own, m.start(), [read.source]):
            continue    # the request itself sets the two values side by side ('if ε were 0,
            # .. and what is the step with ε = 10^-8?'): the read one is what it computes
        from optiproof.core.errors import BadInput
        from optiproof.core.exact import exact_rational

        got = number_at(own, m.start("value"))
        try:
            same = got is not None and exact_rational(read.value) == sympy.Rational(
                got[0].value.numerator, got[0].value.denominator)
        except (TypeError, ValueError, BadInput):
            same = False    # a symbol read ('ε'), a number supposed: not the same value
        if not same:
            r.miss(field, f'"{m.group(0)}" supposes another value than "{read.source}" read for the '
                          "same setting (expected one value per part, or the supposed one in a "
                          "part of its own)")


_L2_IN_GRADIENT = (r"(?<![\w^])(?:grad(?:ient)?|g|∇ ?L)(?:_?\{?\(?\w{0,3}\)?\}?)?(?: ?\((?:θ|theta|w)\))? ?"
                   r"(?:=|:=|←|<-|becomes|is) ?g(?:_?\{?\(?\w{1,3}\)?\}?)? ?\+ ?"
                   r"(?P<lam>\d{0,3}\.?\d{1,12}(?:e-?\d{1,3})?) ?[*·]? ?(?:θ|theta|w)(?![a-zA-Z])"
                   r"(?:_?\{?(?P<at>\w{1,5}(?: ?[-−] ?1)?)\}?)?")
"""The data gradient plus λ times the weights written out ('grad = g_1 + 0.01*θ_0'): the L2
penalty inside Adam's gradient, with its coefficient."""
_L2_WITH_COEFFICIENT = (r"\bl ?_?\{?2\}? (?:term|penalty|regulari[sz](?:ation|er))(?: with| of)? (?:a |the )?"
                        r"(?:coefficient|strength|weight) (?:of |= ?|: ?)?(?=\d|\.\d)")


def _l2_coefficient(own: str, r: PartReading) -> None:
    """The L2 coefficient of a part that writes Adam's gradient as the data gradient plus λθ
    ('grad = g_1 + 0.01*θ_0'), or names it in words ('an L2 term with coefficient 0.1'); a
    coefficient read elsewhere that differs is refused, naming both. The same number said
    before it in the sentence ('put the 0.01 into the gradient') restates it."""
    m = written = rx(_L2_IN_GRADIENT).search(own)
    if m is not None:
        got, source = number_at(own, m.start("lam")), phrase(own, m.start(), m.end())
    else:
        m = rx(_L2_WITH_COEFFICIENT).search(own)
        got = number_at(own, m.end()) if m else None
        source = phrase(own, m.start(), got[1]) if got else ""
    if got is None:
        return
    value = got[0].spec_value()
    was = r.fields.get(F.lam)
    if was is not None and was.value != value:
        r.miss(F.lam, f'"{source}" adds λ = {value} to the gradient but the text also states '
                      f'"{was.source}" (expected one L2 coefficient for the run)')
        return
    if was is None:
        r.set(F.lam, value, source)
    else:
        r.convention(F.lam, source, f"restates λ = {value}")
    if written and (written.group("at") or "").replace(" ", "") == "0":
        r.found["l2 at start"] = source     # λθ_0: the first step's penalty only
    for n in rx(r"\bthe (\d{0,3}\.?\d{1,12}(?:e-?\d{1,3})?)\b").finditer(own[:m.start()]):
        said = number_at(own, n.start(1))
        if said is not None and said[0].spec_value() == value and \
                _same_sentence(own, n.start(), [source]):
            r.convention(F.lam, phrase(own, n.start(), said[1]), f"restates λ = {value}")


_ZERO_GRADIENT_PREMISE = (r"\bgets? (?:a )?gradient (?:of )?(?:exactly )?(?:0|zero)(?![.,]?\d)(?: (?:forever|always|"
                          r"at every step|for all t))?|\bgradient (?:is |stays |remains )?(?:exactly )?"
                          r"(?:0|zero)(?![.,]?\d) (?:forever|always|at every step|for all t)\b")
"""The premise of the fraction decay alone keeps ('if some weight gets gradient exactly 0
forever'): no data gradient moves that weight."""


def _decay_fraction(own: str, r: PartReading) -> None:
    """'What fraction of the weight survives after 1000 steps (decay only)?': the steps of
    decoupled decay whose product is asked; the count belongs to that fraction, not to a run.
    Asked without a count, it is refused."""
    m = rx(Q.DECAY_FRACTION).search(own)
    if m is None:
        return
    end = re.search(r"[.?!;](?:\s|$)|$", own[m.end():])
    begin = [b.end() for b in re.finditer(r"[.?!;:](?:\s|$)", own[:m.start()])]
    start = begin[-1] if begin else 0   # 'If I trained for 100k steps, what fraction ...'
    clause = own[start:m.end() + end.start()]
    count = rx(r"\b(?:after|over|for|in|within) (\d{1,3}(?:[ \u202f\u2009]\d{3})+|\d{1,6}(?:,\d{3})?|\d{1,3} ?k|" + "|".join(_COUNTS) +
               r") (?:(?:more |further )?(?:adamw |optimi[sz]er |training )?(?:steps?|updates?|"
               r"iterations?))\b").search(clause)
    if count is None:
        r.miss(F.decay_steps, f'"{m.group(0)}" asks what the decay keeps of a weight, but after '
                              "how many steps is not stated (expected e.g. 'after 1000 steps')")
        return
    said = re.sub(r"[,\s\u202f\u2009]", "", count.group(1).lower())
    n = _COUNTS.get(said) or (int(said[:-1]) * 1000 if said.endswith("k") else int(said))
    source = phrase(clause, min(m.start() - start, count.start()), max(count.end(), m.end() - start))
    zero = rx(_ZERO_GRADIENT_PREMISE).search(own)
    r.set(F.decay_steps, n, source + (f"; {zero.group(0)}" if zero else ""))
    if F.t in r.fields and r.fields[F.t].source in clause:
        r.fields.pop(F.t)       # 'after 1000 steps' counts the decay, not the run's steps


_WEIGHT_FACTOR = (r"\bby (?:what|which|how large a) factor (?:is|are|does|do|has|have|would|will) "
                  r"(?:θ|theta|w|(?:the|a|an|this|that|such a) (?:weights?|parameters?)|it)\b"
                  r"(?:_? ?\{?\w{0,3}\}?)?[^.?]{0,24}?"
                  r"\b(?:(?:get |been )?multiplied|scaled|shrunk|shrink|decayed)\b|"
                  r"\bwhat is the (?:total |overall |decay |shrink(?:age)? )?factor (?=(?:after|over|in|"
                  r"within) )")
"""The factor the weights are multiplied by, asked of a weight that only decay moves ('by
what factor is θ multiplied in one step?', 'by what factor is a parameter with zero gradient
multiplied', 'what is the factor after 10,000 steps?')."""
_DECAY_ALONE = (r"\b(?:considering|counting|taking|with) only (?:the )?(?:decoupled )?(?:weight[- ])?"
                r"decay(?: (?:term|part|component))?\b|\b(?:decoupled )?(?:weight[- ])?decay(?: (?:term|"
                r"part|component))? (?:alone|only|by itself)\b|"
                r"\b(?:ignoring|neglecting|dropping|without) the (?:\(?zero\)? )?(?:adaptive|gradient|adam) "
                r"(?:term|step|part|update)\b")
"""The decay considered without the gradient step ('considering only the decoupled decay
term', 'considering only the decay part', 'ignoring the (zero) adaptive term'): its factor is
asked whatever the gradient."""
_ONE_STEP = (r"\b(?:in|over|after|during) (?:one|a single|1|each|every|the first) (?:steps?|"
             r"updates?|iterations?)\b|\bper (?:step|update|iteration)\b")
_DECOUPLED_NAMED = r"\badamw\b|\bdecoupled (?:weight )?decay\b"


def _weight_factor(own: str, ctx: str, r: PartReading) -> None:
    """'With AdamW and a zero data gradient, by what factor is the weight multiplied after
    10,000 steps?': the fraction (1 − αλ)^N that decoupled decay alone keeps (one step: the
    shrink factor 1 − αλ). Only for a weight no gradient moves under decoupled decay: with a
    data gradient, or without AdamW named, the factor is refused, naming the phrase."""
    m = rx(_WEIGHT_FACTOR).search(own)
    if m is None or r.value(F.shrink_factor) or F.decay_steps in r.fields:
        return
    begin = [b.end() for b in re.finditer(r"[.?!;](?:\s|$)", own[:m.start()])]
    start = begin[-1] if begin else 0
    end = re.search(r"[.?!;](?:\s|$)|$", own[m.end():])
    clause = own[start:m.end() + end.start()]
    gradient = r.value(F.gradient)
    zero = isinstance(gradient, list) and gradient and all(x == 0 for x in gradient) and \
        F.gradients not in r.fields     # 'a zero data gradient': no data gradient moves it
    decoupled = rx(_DECOUPLED_NAMED).search(own) or rx(_DECOUPLED_NAMED).search(ctx)
    alone = rx(_DECAY_ALONE).search(clause)     # 'considering only the decoupled decay term'
    if not ((zero or alone) and decoupled):
        r.miss(F.shrink_factor, f'"{m.group(0)}" asks the factor the weight is multiplied by, '
                                "which is one factor only for a weight that decoupled decay "
                                "alone moves (expected AdamW and a gradient that is zero at "
                                "every step)")
        return
    count = rx(r"\b(?:after|over|in|within) (\d{1,3}(?:[ ,\u202f\u2009]\d{3})+|\d{1,6}|"
               + "|".join(_COUNTS) + r") (?:(?:more |further )?(?:adamw |optimi[sz]er |"
               r"training )?(?:steps?|updates?|iterations?))\b").search(clause)
    one = rx(_ONE_STEP).search(clause)
    said = re.sub(r"[,\s\u202f\u2009]", "", count.group(1).lower()) if count else ""
    n = (_COUNTS.get(said) or int(said)) if count else None
    if n == 1 or (count is None and one is not None):
        r.set(F.shrink_factor, True, phrase(clause, m.start() - start, (count or one).end()))
    elif n is not None:
        if one is not None and one.end() <= count.start():   # 'per step and after 1000 steps'
            r.set(F.shrink_factor, True, phrase(clause, m.start() - start, one.end()))
            r.set(F.decay_steps, n, count.group(0))
            r.answered_by[Q.RATIO.key] = Q.WEIGHT_DECAY.key
            if F.t in r.fields and r.fields[F.t].source in clause:
                r.fields.pop(F.t)
            return
        r.set(F.decay_steps, n, phrase(clause, min(m.start() - start, count.start()),
                                       max(count.end(), m.end() - start)))
    else:
        r.miss(F.decay_steps, f'"{m.group(0)}" asks the factor the decay multiplies the weight '
                              "by, but over how many steps is not stated (expected 'in one "
                              "step' or 'after 1000 steps')")
        return
    r.answered_by[Q.RATIO.key] = Q.WEIGHT_DECAY.key     # 'by what factor …': this factor
    if F.t in r.fields and r.fields[F.t].source in clause:
        r.fields.pop(F.t)       # 'after 10,000 steps' counts the decay, not a run's steps


def _decay_halving(own: str, r: PartReading) -> None:
    """'After how many AdamW steps has the weight first dropped to half its initial value?': the
    steps decoupled decay alone takes to halve a weight, which is the weight's own count only
    when no gradient moves it (a zero gradient at every step); otherwise refused, naming it."""
    m = rx(Q.DECAY_HALVING).search(own)
    if m is None:
        return
    gradient = r.value(F.gradient)
    zero = r.value(F.constant) and isinstance(gradient, list) and gradient and \
        all(x == 0 for x in gradient) and F.gradients not in r.fields
    if not zero:
        r.miss(F.decay_halving, f'"{m.group(0)}" asks when the decay halves a weight, which is the '
                                "decay's count alone only for a weight no gradient moves "
                                "(expected a gradient that is zero at every step)")
        return
    r.set(F.decay_halving, True, m.group(0))
    if F.t in r.fields and r.fields[F.t].source in m.group(0):
        r.fields.pop(F.t)


_BIAS_CONDITION = (r"(?P<one>(?<![\d.])1 ?[-−] ?)?" + Q.BETA_POWER + r" ?(?P<op><=|>=|<|>|≤|≥) ?"
                   r"(?=[\d.])")
"""A condition on a power of a decay ('β₁ᵗ < 0.01', 'beta2^t <= 1e-3', '1 − β2t > 0.99' as a PDF
copy flattens β₂ᵗ): the threshold a bias correction must reach."""


def _bias_settled(own: str, r: PartReading) -> None:
    """'Find the smallest t with β₁ᵗ < 0.01' (or 'with 1 − βᵗ > 0.99'): the first step from which
    the bias correction is within the threshold of 1, for each β. Every condition of the part
    must state the same threshold and the same kind of bound; otherwise refused, naming them."""
    if not rx(Q.BIAS_SETTLED).search(own):
        return
    found = []
    for m in rx(_BIAS_CONDITION).finditer(own):
        got = number_at(own, m.end())
        if got is None:
            continue
        value = sympy.nsimplify(got[0].spec_value(), rational=True)
        op = {"≤": "<=", "≥": ">="}.get(m.group("op"), m.group("op"))
        upper = op.startswith(">") if m.group("one") else op.startswith("<")
        delta = 1 - value if m.group("one") else value
        found.append((delta, upper, op.endswith("="), phrase(own, m.start(), got[1])))
    if not found:
        return
    sources = "; ".join(dict.fromkeys(f[3] for f in found))
    if len({(d, u, i) for d, u, i, _ in found}) > 1 or not found[0][1] or             not 0 < found[0][0] < 1:
        r.miss(F.bias_below, f'"{sources}" asks when a bias correction becomes negligible, but '
                             "the conditions do not state one threshold below 1 for βᵗ (expected "
                             "e.g. 'the smallest t with β₁ᵗ < 0.01' or '1 − βᵗ > 0.99')")
        return
    r.set(F.bias_below, spec_number(found[0][0]), sources)
    if found[0][2]:
        r.set(F.bias_inclusive, True, sources)
    limit = rx(r"\b(?:approach(?:es)?|tends? to|goes? to|converges? to|(?:→|->)) ?1(?!\d|\.\d)"
               ).search(own)
    if limit:   # 'the factors 1 − β1t and 1 − β2t approach 1': what the threshold is measured to
        r.convention("bias factors", limit.group(0), "1 − βᵗ tends to 1 as t grows")


def _dropped_decay(own: str, r: PartReading) -> None:
    """A part that drops weight decay and names no decay run of its own does not use the shared
    text's coefficient: λ is taken off the part (with a note), never applied silently."""
    dropped = rx(_NO_DECAY).search(own)
    named = _decay_named(own)
    if dropped and F.lam in r.fields and not (rx(_DECAY_VARIANT).search(named) or
                                              rx(_L2_VARIANT).search(named)):
        r.fields.pop(F.lam)
        r.notes.append(f"\"{dropped.group(0)}\": the part runs without weight decay, so λ is not "
                       "used here")


def _decay_named(text: str) -> str:
    """``text`` without the places that drop weight decay (:data:`_NO_DECAY`): what is left
    names the decay the part runs, if any."""
    return rx(_NO_DECAY).sub(" ", text or "")


_SGD_INSTEAD = (r"\b(?:plain |vanilla |ordinary |standard )?sgd\b|\bstochastic gradient descent\b|"
                r"\bgradient descent\b|\bheavy[- ]ball\b")
_FACTOR_WORDS = r"\bfactor\b|\bratio\b|\bhow many times\b|\bhow much\b|\bchange\b"
_SCALED_LOSS_AROUND = (r"\bloss (?:\([^()]{1,40}\) )?(?:is |was |had been |were |gets )?"
                       r"(?:now |then |instead |also )?(?:multiplied|"
                       r"(?:re)?scaled)\b|\bloss scale\b|\bscal\w* (?:factor|constant) (?:of|on) "
                       r"(?:the |my )?loss\b")


def _scales_loss(r: PartReading) -> bool:
    """True when the part multiplies the loss by a constant: it says so ('the loss (hence every
    gradient) is multiplied by 8', 'a static loss scale of 1024'), or asks loss scaling."""
    own = r.own_text
    return bool(rx(_SCALED_LOSS).search(own) or rx(_SCALED_LOSS_AROUND).search(own) or any(
        m.entry.key == T.SCALE_LOSS.key for m in TRANSFORMS.mentions(own)))


_SCALED_LOSS = (r"\bloss (?:is |was |had been |were |gets )?(?:now |then |instead |also )?"
                r"(?:multiplied|scaled|rescaled)\b|"
                r"\b(?:multipl|(?:re)?scal)\w* (?:the |my |our |your |a )?(?:training |data )?"
                r"loss\b|\b(?:un)?scaled loss\b")
_GRADIENT_WORDS = (r"\bgradient(?: of the (?:data |training )?loss)?(?: at (?:" + _ITERATE + r")_?\(?0\)?|"
                   r" at the (?:start|initial point|starting point|origin))?(?: is| =| of)? "
                   r"(?=[(\[])")
_SYMBOL_ASK = re.compile(r"^(?P<delta>Δ|∆|Delta|delta ?)?(?P<base>" + _ITERATE + r"|m|v)(?P<hat>̂|hat|_hat"
                         r"|\^)?_?\(?(?P<index>\d{1,3}|t|T)?\)?$", re.I)
_BARE_STEP = re.compile(r"^(?:Δ|∆|Delta|delta)_?\{?\(?(\d{1,3}|t|T)\)?\}?$")
"""A step named by Δ and its index alone ('Δ_1', 'Delta_3'): the update at that step, as
Δθ_k is."""


_FIRST_UPDATE_NAMED = (r"\b(?:the |its |her |his |my |our )?(?:very )?(?:first|1st|initial) "
                       r"(?:(?:adamw?|rmsprop|optimi[sz]er|parameter) )?(?:update|step)\b")
"""The first update named by the part ('does the first Adam update change'): the update a
later 'Give the update.' of the same part means."""


class AdamMechanicsReader:
    family = FAMILY
    answers = ADAM_MECHANICS.answer_keys
    ask_field = F.asks
    general = (Q.FIRST_STEP.key,)
    """Quantities answered for any gradient as well as for the given one (the first step is
    −α sign(g_1) for every g_1 with non-zero entries)."""

    def asked(self, r: PartReading) -> list[str]:
        """The catalogue quantities of the part's asks, in order, with what their answers also
        say: the β = 0 limit names the optimizer, the update rule run on given gradients gives
        the moments and the displacement, loss scaling says whether the updates change, the
        step without bias correction its ratio to the corrected one, weight decay from given
        numbers the iterate θ_1 of both variants."""
        asked = [QUANTITIES.canonical(k) for k in r.value(F.asks) or []]
        implied = [Q.IDENTIFICATION.key] if Q.SIGN_LIMIT.key in asked else []
        if Q.UPDATE_RULE.key in asked and (_has_run(r) or (
                r.value(F.constant) and not r.found.get("sequence"))):
            implied += [*([] if r.value(F.optimizer) == O.RMSPROP.key else
                          [Q.FIRST_MOMENT.key]), Q.SECOND_MOMENT.key,
                        *([Q.DISPLACEMENT.key] if _has_run(r) else [])]
        if Q.LOSS_SCALING.key in asked and r.value(F.eps) in (0, None):
            implied.append(Q.CHANGES.key)
        if Q.STEP_NO_BIAS_CORRECTION.key in asked:
            r.answered_by[Q.RATIO.key] = Q.STEP_NO_BIAS_CORRECTION.key
            implied += [Q.RATIO.key, *r.found.get("covered", [])]
        if Q.WEIGHT_DECAY.key in asked and F.theta0 in r.fields and _has_run(r):
            implied.append(Q.THETA_T.key)
        return list(dict.fromkeys(asked + implied))

    def take(self, r: PartReading, asks: list[tuple[str, str]]) -> None:
        """Asked quantities join the part's asks, as this family asks them (see
        :func:`_as_asked`); a symbol's index (θ_2, m̂_3) or a stated step says how many of the
        given gradients the run takes."""
        if _scalar_parameter(r):    # 'the length of the very first step' of one parameter
            for i, (k, s) in enumerate(asks):
                if k == Q.STEP_LENGTH.key and rx(r"\b(?:first|1st)\b").search(s):
                    r.answered_by[k] = Q.FIRST_STEP.key
                    asks[i] = (Q.FIRST_STEP.key, s)
        asks = [_coordinate_change(r, k, s) for k, s in asks]
        asks = [_spelled_delta(self, r, k, s) for k, s in asks]
        explain = next((s for k, s in asks if k == Q.EXPLANATION.key), None)
        asks = [(k, s) for k, s in asks if k != Q.EXPLANATION.key]
        if not asks and explain and rx(_WHY_THE_RULE).search(r.own_text):
            asks = [(Q.UPDATE_RULE.key, explain)]   # 'explain why it divides by √v̂': the rule
        if not any(k == Q.FIRST_STEP.key for k, _ in asks):     # 'how large is her first step'
            asks = [x for k, s in asks for x in (
                [(Q.FIRST_STEP.key, s)] if k == Q.COORDINATE_STEP.key and
                rx(r"\bfirst\b").search(s) else []) + [(k, s)]]
        r.found["iterates only"] = bool(asks) and {k for k, _ in asks} == {Q.THETA_T.key}
        r.found["raw sources"] = [s for k, s in asks if k in (Q.FIRST_MOMENT.key,
                                                              Q.SECOND_MOMENT.key)]
        r.found["raw moments"] = bool(asks) and {k for k, _ in asks} - {
            Q.STEP_NO_BIAS_CORRECTION.key, Q.BIAS_CORRECTION.key} <= {
            Q.FIRST_MOMENT.key, Q.SECOND_MOMENT.key}
        steps = {_index(s): s for k, s in asks if k in _RUN and _index(s) is not None}
        if r.found.get("step index") in steps:      # a sub-part of 'w_1 and w_2': its own index
            steps = {r.found["step index"]: steps[r.found["step index"]]}
        mapped = _as_asked(r, asks)
        if any(k == Q.FIRST_STEP.key for k, _ in asks) and any(
                k == Q.STEP_NO_BIAS_CORRECTION.key for k, _ in mapped):
            steps.setdefault(1, next(s for k, s in asks if k == Q.FIRST_STEP.key))
            if F.t not in r.fields:
                r.set(F.t, 1, next(s for k, s in asks if k == Q.FIRST_STEP.key))
        if any(k == Q.EQUIVALENT_EPS.key for k, _ in mapped) and r.value(F.eps) == 0:
            r.miss(F.eps, f"the part asks for the ε that gives the same run but also sets "
                          f"\"{r.fields[F.eps].source}\" (expected ε > 0 or a symbol ε for that "
                          "question; ask it in a part of its own)")
        if any(k == Q.FIRST_STEP.key for k, _ in mapped) and F.t not in r.fields:
            _first_step_index(r)
        if any(k == Q.BIAS_FACTORS.key for k, _ in mapped) and F.t not in r.fields:
            _factor_power(r)
        if any(k in _STEP_ASKS or k in _RUN or k == Q.FIRST_STEP.key for k, _ in mapped):
            _earlier_gradients(r)
        if any(k in _STEP_ASKS or k == Q.WEIGHT_DECAY.key for k, _ in mapped):
            _scale_gradients(r)     # the data gradient (weight decay's λθ is added to it after)
        if any(k in _RUN or k == Q.WEIGHT_DECAY.key for k, _ in [*asks, *mapped]):
            _run_length(r, steps)
        if {k for k, _ in mapped} == {Q.SIGN_LIMIT.key} and not r.found.get("own gradient") and \
                {k for k, _ in asks} == {Q.IDENTIFICATION.key} and \
                isinstance(r.value(F.gradient), list):
            # 'betas=(0, 0): which optimizer is it?': the rule for any gradient, not the shared
            # run's gradient (a zero one has no sign)
            r.set(F.gradient, "g", r.fields[F.gradient].source,
                  note="the limit asked of any gradient, not of the shared text's run")
            r.fields.pop(F.gradients, None)
            r.found.pop("sequence", None)
        evaluated = next((s for k, s in mapped if k == Q.STEP_BOUND.key and
                          rx(_EVALUATE_BOUND).search(s)), None)
        if evaluated is not None and explain and rx(r"\bcompar\w*\b").search(explain):
            # 'Evaluate this bound …, and compare with the step observed in (b)': a comparison
            # of the bound with another answer, which the bound alone does not answer
            r.miss(F.textbook_bound, f'"{explain}" compares the bound with another answer, which '
                                     "this part does not compute (expected the bound alone, or "
                                     "'the ratio of the bound to the step in (b)' in a part of "
                                     "its own)")
        elif evaluated is not None:
            _textbook_bound(r, evaluated)
        mapped = _prescaled_gradient(r, mapped)
        if F.bias_below in r.fields and all(k != Q.BIAS_FACTORS.key for k, _ in mapped):
            mapped.append((Q.BIAS_FACTORS.key, r.fields[F.bias_below].source))
        if r.value(F.decay_halving) and all(k != Q.WEIGHT_DECAY.key for k, _ in mapped):
            mapped.append((Q.WEIGHT_DECAY.key, r.fields[F.decay_halving].source))
        if r.value(F.decay_steps) and all(k != Q.WEIGHT_DECAY.key for k, _ in mapped):
            both = r.value(F.shrink_factor) and \
                r.fields[F.decay_steps].source not in r.fields[F.shrink_factor].source
            # 'by what factor is the weight multiplied per step and after 1000 steps?': both
            mapped.append((Q.WEIGHT_DECAY.key, (r.fields[F.shrink_factor].source + " | "
                                                if both else "") + r.fields[F.decay_steps].source))
        if r.value(F.shrink_factor) and all(k != Q.WEIGHT_DECAY.key for k, _ in mapped):
            # 'by what factor is θ multiplied per step by the decay term?': AdamW's shrink factor,
            # answered with the weight-decay comparison
            mapped.append((Q.WEIGHT_DECAY.key, r.fields[F.shrink_factor].source))
        fed = next((s for k, s in mapped if k == Q.EFFECTIVE_GRADIENT.key), None)
        if fed is not None and r.value(F.decay) != "penalty":
            r.miss(F.decay, f'"{fed}" asks the gradient Adam is fed under an L2 penalty '
                            "(g_t + λθ_{t−1}), but the part runs no L2 penalty inside Adam "
                            "(expected 'Adam + L2' or 'L2 regularisation' with λ, θ₀ and the "
                            "gradients)")
        take_asks(r, F.asks, mapped, tuple(e.key for e in ASKS))
        _sign_and_magnitude(r, {k for k, _ in mapped})
        _step_fraction(r, {k for k, _ in mapped})
        _appreciable_change(r, {k for k, _ in mapped})
        _one_coordinate(r, {k for k, _ in [*asks, *mapped]})
        _moment_quotient(r)
        _zero_decay(r, {k for k, _ in mapped})
        _unapplied_decay(r)
        if r.found.get("l2 at start") and F.gradients in r.fields:
            r.miss(F.decay, f'"{r.found["l2 at start"]}" adds the penalty at θ_0, but the run '
                            "asked takes several steps (expected λθ_{t-1} at every step, or "
                            "the first step alone)")
        _restated_settings(r, {k for k, _ in mapped})
        several = rx(_SEVERAL_VARIANTS).search(r.own_text or "")
        if several and not any(k in (Q.WEIGHT_DECAY.key, Q.BIAS_FACTORS.key) for k, _ in mapped):
            # (the factors are answered for both β's: 'for each of the two' asks nothing more)
            r.miss(F.asks, f'"{several.group(0)}" asks the same thing of several variants at once, '
                           "which this part does not read as one run each (expected one variant "
                           "per part, or 'compare L2 regularisation with AdamW')")

    def applied(self, r: PartReading) -> set[str]:
        """Scaling the loss, adding weight decay, dropping bias correction and running a number
        of steps are what those asks are about; a part that states its own (scaled) gradient
        has applied the scaling itself."""
        asked = set(self.asked(r))
        out = set()
        if asked & {Q.LOSS_SCALING.key, Q.SGD_LOSS_SCALING.key, Q.EQUIVALENT_EPS.key} or \
                r.found.get("own gradient"):
            out.add(T.SCALE_LOSS.key)
        if Q.WEIGHT_DECAY.key in asked or F.decay in r.fields:
            out.add(T.ADD_WEIGHT_DECAY.key)
        if asked & {Q.STEP_NO_BIAS_CORRECTION.key, Q.STEP_LIMIT.key}:
            out.add(T.NO_BIAS_CORRECTION.key)   # the limit is the same without the correction
        offs = [m for m in TRANSFORMS.mentions(r.own_text)
                if m.entry.key == T.NO_BIAS_CORRECTION.key]
        if r.found.get("raw moments") and offs and all(
                _same_sentence(r.own_text, m.start, r.found.get("raw sources", []))
                for m in offs):
            # 'm_3 and v_3 (the uncorrected moments)', 'm_2 and v_2 (no bias correction yet)':
            # the raw moments said to be the ones without the correction (an instruction in a
            # sentence of its own, 'Turn the correction off.', is not about them)
            out.add(T.NO_BIAS_CORRECTION.key)
        if F.t in r.fields or _has_run(r) or F.decay_steps in r.fields:
            out.add(T.AFTER_STEPS.key)      # (the steps of decay whose product is asked)
        if r.found.get("textbook written") and offs and all(
                _same_sentence(r.own_text, m.start, [r.found["textbook written"]]) for m in offs):
            # 'Without bias correction, the step is bounded by α(1−β₁)/√(1−β₂)': the paper's
            # bound is the size of the uncorrected first step, which its answer says
            out.add(T.NO_BIAS_CORRECTION.key)
        if offs and r.value(F.optimizer) == O.RMSPROP.key:
            out.add(T.NO_BIAS_CORRECTION.key)   # RMSprop has none: the text says what it is
        return out

    def primary(self, r: PartReading, phrase_: str, index: int | None) -> str | None:
        """'Write the update.' in a part that sets both decays to zero: the update of that
        limit (the sign limit answers it); any other main result is not named."""
        if index is None and rx(_SIGN_PREMISE).search(r.own_text) and \
                rx(r"\b(?:update|step)s?\b").search(phrase_):
            return Q.SIGN_LIMIT.key
        if index is None and rx(r"\b(?:update|step)\b").search(phrase_) and _scales_loss(r) and \
                rx(_FIRST_UPDATE_NAMED).search(r.own_text) and \
                isinstance(r.value(F.gradient), list) and F.gradients not in r.fields:
            # 'If the loss is multiplied by 100, does the first update change? Give the update.':
            # the first step on the scaled loss, which loss scaling answers from the gradient
            return Q.LOSS_SCALING.key
        return None

    def symbol(self, r: PartReading, symbol: str) -> str | None:
        """θ_k, w_k (the parameters after k steps), m_k, v_k (the moments), m̂_k, v̂_k (their
        corrections), Δθ_1 (the first step), the factor the part names between the step
        without bias correction and the corrected one."""
        if _uncorrected_factor(r, symbol):
            return Q.RATIO.key
        d = _ITERATE_DIFFERENCE.fullmatch(symbol.replace(" ", ""))
        if d:
            later, earlier = int(d.group(1)), int(d.group(2))
            if earlier == 0 and later == 1:
                return Q.FIRST_STEP.key
            if earlier == 0 and later > 1:
                return Q.DISPLACEMENT.key
            return Q.LAST_STEP.key if later == earlier + 1 else None
        if F.loss in r.fields and re.fullmatch(r"g_?\(?\d{1,3}\)?", symbol.replace(" ", "")):
            return Q.GRADIENT_T.key     # the loss's gradient at an iterate
        bare = _BARE_STEP.match(symbol.replace(" ", ""))
        if bare:
            return Q.FIRST_STEP.key if bare.group(1) == "1" else Q.LAST_STEP.key
        m = _SYMBOL_ASK.match(symbol.replace(" ", ""))
        if not m:
            return _moment_by_recurrence(r, symbol.replace(" ", ""))
        base, hat = m.group("base").lower(), m.group("hat")
        if m.group("delta"):
            return Q.FIRST_STEP.key if m.group("index") == "1" else Q.LAST_STEP.key
        if base in ("m", "v"):
            if hat:
                return Q.M_HAT.key if base == "m" else Q.V_HAT.key
            return Q.FIRST_MOMENT.key if base == "m" else Q.SECOND_MOMENT.key
        if m.group("index") is None and base not in ("m", "v") and isinstance(r.value(F.t), int):
            return Q.THETA_T.key    # 'what is θ after the first step': the step stated
        return Q.THETA_T.key if m.group("index") not in (None, "0") else None

    def continuation(self, r: PartReading, sentence: str,
                     asks: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """'And with the usual bias correction?' after a step asked without it: the same step
        with the correction (the part's first step, or its last step). 'What is the factor
        after 10,000 steps?' of a weight only decay moves: the weight-decay comparison's
        fraction (read by :func:`_weight_factor`)."""
        factor = r.fields.get(F.decay_steps) or r.fields.get(F.shrink_factor)
        if factor is not None and rx(_WEIGHT_FACTOR).search(sentence) and \
                factor.source.split(";")[0].strip() in sentence:
            return [(Q.WEIGHT_DECAY.key, sentence.strip())]
        if not asks:
            return []
        keys = {k for k, _ in asks}
        if keys & {Q.LOSS_SCALING.key, Q.RATIO.key, Q.CHANGES.key} and _scales_loss(r) and \
                rx(_SGD_INSTEAD).search(sentence) and rx(_FACTOR_WORDS).search(sentence):
            # 'And if it had been plain SGD (with momentum) instead, what factor?': the same
            # question of SGD, whose step (and momentum buffer) is linear in the gradient
            return [(Q.SGD_LOSS_SCALING.key, sentence.strip())]
        if not rx(_CONTINUED_WITH_CORRECTION).search(sentence.strip()):
            return []
        keys = {k for k, _ in asks}
        off = any(m.entry.key == T.NO_BIAS_CORRECTION.key for m in TRANSFORMS.mentions(
            r.own_text)) or Q.STEP_NO_BIAS_CORRECTION.key in keys
        if not off:
            return []
        step = Q.FIRST_STEP.key if keys & {Q.FIRST_STEP.key} or any(
            _index(s) == 1 for k, s in asks if k in _RUN) else Q.LAST_STEP.key
        return [(step, sentence.strip())]

    def score(self, flat: str) -> Score:
        if not rx(_NAMED).search(flat):
            return Score(0.0)
        return cue_score(flat, CUES)

    def read_part(self, part: PartText, objects: PartObjects,
                  previous: list[PartReading]) -> list[PartReading]:
        own, ctx = part.flat, part.flat_context
        r = PartReading(part.label, FAMILY, objects=objects, own_text=own)
        r.found["context"] = ctx    # a setting of the shared text ('bias correction deleted')
        r.miss(F.asks, "no question about Adam's mechanics recognised (expected e.g. 'write out "
                       "the update rule', 'bias correction', 'the first step', 'rescale the loss "
                       "by c', 'β1 = β2 = 0', 'how large can a step be', 'AdamW vs L2', 'θ_2')")
        _read_optimizer(own, ctx, r, _section_setting(part))
        _compared_optimizer(own, ctx, r)
        _read_hyper(own, ctx, objects, r)
        _dropped_decay(own, r)
        _read_start(objects, r)
        _read_gradients(own, ctx, objects, r)
        _earlier_weight(own, previous, r)
        _decay_halving(own, r)
        _bias_settled(own, r)
        _weight_factor(own, ctx, r)
        if not r.found.get("sequence") and F.gradient not in r.fields:
            _read_loss(objects, r)
        _read_conventions(objects, r)
        _hypothetical_values(own, r)
        r.found["earlier"] = [p for p in previous if p.family == FAMILY and p.found.get("sequence")]
        return _per_step(r, own)


def _spelled_delta(hooks: "AdamMechanicsReader", r: PartReading, key: str,
                   source: str) -> tuple[str, str]:
    """An iterate symbol after 'delta' spelled out ('delta θ_1', 'delta theta_1') is the step
    Δθ_1, not the iterate θ_1."""
    m = re.search(r"\bdelta ?" + re.escape(source) + r"(?!\w)", r.own_text, re.I)
    step = hooks.symbol(r, "Δ" + source.replace(" ", "")) if m and key == Q.THETA_T.key else None
    if not step:
        return key, source
    r.answered_by[key] = step
    return step, m.group(0)


def _per_step(r: PartReading, own: str) -> list[PartReading]:
    """A part asking the same thing at several stated steps ('how big are the steps at t = 1
    and at t = 3?') is read once per step: sub-parts (label.1, label.2, ...) that differ only
    in t."""
    m = next((x for x in rx(_STEP_LIST).finditer(own) if _asked_at(own, x)), None)
    symbols = next((x for x in rx(_SYMBOL_LIST).finditer(own) if _asked_at(own, x, True)),
                   None) if m is None else None
    found = m or symbols
    ts = [int(x) for x in re.findall(r"\d{1,4}", found.group(0))] if found else []
    if len(ts) < 2 or len(set(ts)) != len(ts) or len(ts) > 6 or min(ts) < 1:
        return [r]
    out = []
    for i, t in enumerate(ts, 1):
        sub = copy.copy(r)
        sub.label = f"{r.label}.{i}"
        sub.fields, sub.missing, sub.notes = dict(r.fields), list(r.missing), list(r.notes)
        sub.conventions, sub.found, sub.answered_by = list(r.conventions), dict(r.found), {}
        sub.requests = {}
        if m is not None:
            sub.set(F.t, t, m.group(0))
        else:
            sub.found["step index"] = t     # the run asks of this index are this sub-part's
        sub.notes.append(f"part ({r.label}) asks at {len(ts)} steps; this is t = {t}")
        out.append(sub)
    return out


def _asked_at(own: str, m: re.Match, verb: bool = False) -> bool:
    """True when the match is in a question: a request verb shortly before it, or (steps, not
    symbols) a sentence that ends with '?' ('The gradients at steps 1, 2, 3 are ..' is data)."""
    if rx(r"\b(?:give|compute|recompute|calculate|find|report|determine|what (?:is|are)|state)\b"
          r"[^.?;]{0,30}$").search(own[:m.start()]):
        return True
    end = re.search(r"[.?!](?:\s|$)", own[m.end():])
    asks = end is not None and end.group(0).startswith("?")
    if verb:    # 'θ_1 and θ_2?': a question that is the list alone
        before = re.split(r"[.?!;:]\s", own[:m.start()])[-1]
        return asks and not before.strip() and not own[m.end():m.end() + end.start()].strip()
    return asks


_SYMBOL_LIST = (r"(?<![\w^])(" + _ITERATE + r")_?\{?(\d{1,2})\}?(?: ?,| ?,? and) ?\1_?\{?\d{1,2}\}?"
                r"(?:(?: ?,| ?,? and) ?\1_?\{?\d{1,2}\}?){0,4}(?![\w(])(?! ?[-−=])")
"""Several iterates asked in one question ('Give w_1 and w_2', 'θ_1, θ_2 and θ_3')."""


_STEP_LIST = (r"\b(?:at|for|after) (?:t ?= ?|steps? |iterations? )\d{1,4}(?:(?: ?,| ?,? and| ?,? or)"
              r"(?: at| for| after)? (?:t ?= ?|steps? |iterations? )?\d{1,4}\b(?![.,]?\d))+")
"""Several step indices in one question ('at t = 1 and at t = 3', 'at steps 1 and 10')."""


_DECAY = r"(?:ρ|rho|β_?\{?[12]\}?|beta_?[12]|β|beta|γ|gamma|α|alpha|μ|mu)"
_RECURRENCE = (r"(?<![\w])([a-zA-Z])_?\{?t\}? ?= ?" + _DECAY + r" ?[*·]? ?\1_?\{?t ?[-−] ?1\}? ?\+ ?"
               r"\( ?1 ?[-−] ?" + _DECAY + r" ?\) ?[*·]? ?g_?\{?t\}?(\^ ?\{?2\}?|²| ?[*·⊙] ?g_?\{?t\}?)?")
"""A moving average the text defines with a letter of its own: 's_t = ρ s_{t-1} + (1 − ρ) g_t²'
(the second moment), 'u_t = β u_{t-1} + (1 − β) g_t' (the first)."""


def _moment_by_recurrence(r: PartReading, symbol: str) -> str | None:
    """A symbol ``s_3`` whose letter the text defines by the moving-average recurrence of the
    squared (or plain) gradient: the second (first) moment after that many steps."""
    m = re.fullmatch(r"([a-zA-Z])_?\{?\(?(\d{1,3}|t)\)?\}?", symbol)
    if m is None or r.objects is None:
        return None
    text = " ".join(o.text for o in (r.objects.own, r.objects.context))
    for d in rx(_RECURRENCE).finditer(text):
        if d.group(1) == m.group(1) and d.group(1) not in ("g", "θ", "w", "x"):
            if not any(c.source == d.group(0) for c in r.conventions):
                r.convention("moment", d.group(0), f"{d.group(1)} is the moving average of the "
                                                   f"{'squared ' if d.group(2) else ''}gradient")
                for objs in (r.objects.own, r.objects.context):
                    for a in objs.all_assigned(f"{d.group(1)}_0", numeric=True):
                        if a.value == 0:
                            r.convention("moments start", a.source, "the average starts at 0")
            return Q.SECOND_MOMENT.key if d.group(2) else Q.FIRST_MOMENT.key
    return None


_ITERATE_DIFFERENCE = re.compile(r"(?:" + _ITERATE + r")_?\{?\(?(\d{1,3})\)?\}?[-−]"
                                 r"(?:" + _ITERATE + r")_?\{?\(?(\d{1,3})\)?\}?")
"""θ_k − θ_j as asked (spaces removed): the later and the earlier index."""


def _uncorrected_factor(r: PartReading, symbol: str) -> bool:
    """True when the part switches bias correction off and names ``symbol`` the factor (ratio,
    multiplier) its step differs by ('the update equals the corrected one multiplied by a
    factor r_t')."""
    if not any(m.entry.key == T.NO_BIAS_CORRECTION.key for m in TRANSFORMS.mentions(r.own_text)):
        return False
    name = re.escape(symbol.strip())
    return rx(rf"\b(?:factor|ratio|multiplier) (?:of )?{name}(?![\w(])").search(r.own_text) \
        is not None


def _index(phrase_: str) -> int | None:
    """The step index of a symbol ask (``θ_2`` -> 2, ``m̂_3`` -> 3, ``θ_2 − θ_0`` -> 2), or
    None."""
    d = _ITERATE_DIFFERENCE.fullmatch(phrase_.replace(" ", "").split(";")[0])
    if d:
        return int(d.group(1))
    m = re.search(r"(\d{1,3})\)?$", phrase_.replace(" ", ""))
    if m:
        return int(m.group(1))
    o = rx(_ORDINAL_NAMED).search(phrase_)      # 'the third update', 'its 10th step'
    if o is None:
        return None
    return _ORDINALS[o.group(1).lower()] if o.group(1) else int(o.group(2))


_ORDINAL_NAMED = (r"\b(?:(" + "|".join(_ORDINALS) + r")|(\d{1,3})(?:st|nd|rd|th)) "
                  r"(?:update|step)\b")
"""A step named by its ordinal ('the third update'): its index."""


_PENALTY_TERM = (r"\(? ?(?:λ|lambda|wd) ?/ ?2 ?\)? ?[*·]? ?‖ ?(?:w|θ|x|theta) ?‖ ?(?:_ ?\{?2\}?)? ?(?:\^ ?\{?2\}?|²)|"
                 r"(?:λ|lambda|wd) ?/ ?2 ?[*·]? ?\|\| ?(?:w|θ|x) ?\|\|(?:_?2)?\^?2")
"""The L2 penalty written out ('(λ/2)·‖w‖_2^2'): the decay a 'penalty' run adds."""


def _zero_decay(r: PartReading, keys: set[str]) -> None:
    """A weight decay of 0 ('trained with Adam, weight decay 0', 'AdamW with λ = 0') in a part
    that does not ask about the decay itself: neither L2 in the gradient nor decoupled decay
    changes a step, so the part runs plain Adam (the coefficient kept as a convention)."""
    if r.value(F.lam) != 0 or F.lam not in r.fields or Q.WEIGHT_DECAY.key in keys:
        return
    source = r.fields.pop(F.lam).source
    r.fields.pop(F.decay, None)
    if r.value(F.optimizer) == O.ADAMW.key:
        r.set(F.optimizer, O.ADAM.key, source)
    r.convention("weight decay", source, "λ = 0: no decay acts on any step, the run is plain "
                                         "Adam's")


def _unapplied_decay(r: PartReading) -> None:
    """A run asked in a part that names weight decay (L2 in Adam, AdamW) with a coefficient
    read, but runs without it: refused (never the plain run shown as the decayed one)."""
    taken = set(r.value(F.asks) or [])
    named = _decay_text(r)
    variant = rx(_DECAY_VARIANT).search(named) or rx(_L2_VARIANT).search(named)
    run_asks = set(DECAY_RUN_ASKS) | ({Q.UPDATE_RULE.key, Q.DISPLACEMENT.key} if _has_run(r) else set())
    # (the update rule of a run on given gradients is a run too: AdamW's closed form is not
    # Adam's)
    if F.lam in r.fields and F.decay not in r.fields and variant and \
            taken & run_asks and Q.WEIGHT_DECAY.key not in taken:
        r.miss(F.decay, f"\"{variant.group(0)}\" names weight decay (λ = {r.value(F.lam)}), but "
                        "the run asked could not be read as one decay method (expected 'Adam + "
                        "L2' or 'AdamW' for that run, with θ₀ and the gradients)")


_PLAIN_OR_REFERENCE = (r"\b(?:plain|vanilla|unregulari[sz]ed) adam\b(?!w)|\b(?:repeat|redo|as in|same as|"
                       r"like|from|of) (?:part |question )?\(?(?:[a-h]|\d{1,2})\)(?![\w(])")
"""A part that runs plain Adam, or takes its run from another part: not the shared text's decay."""


def _decay_text(r: PartReading) -> str:
    """What names the weight decay a part runs: its own text when that names a decay method,
    else the shared text's setting ('Adam is trained with an L2 penalty … (a) Give θ_1.') unless
    the part runs plain Adam or refers to another part ('Repeat (a) with …', whose run it
    takes), else ''; the places that drop the decay left out (:func:`_decay_named`)."""
    plain = rx(_PLAIN_OR_REFERENCE).search(r.own_text or "")
    for text in (r.own_text, "" if plain else r.found.get("context", "")):
        named = _decay_named(text)
        if rx(_DECAY_VARIANT).search(named) or rx(_L2_VARIANT).search(named):
            return named
    return ""


def _one_decay_run(r: PartReading, keys: set[str]) -> bool:
    """True (and the part's ``decay`` set) when the part runs one weight-decay method from given
    numbers: it names L2-in-Adam or decoupled decay (AdamW), not both, gives θ₀ and numeric
    gradients, and asks only what that run answers."""
    if F.decay in r.fields:
        return True
    own = _decay_text(r)
    l2, decoupled = rx(_L2_VARIANT).search(own), rx(_DECOUPLED_VARIANT).search(own)
    if l2 and decoupled and all(rx(r"^weight_decay\b").match(m.group(0))
                                for m in rx(_L2_VARIANT).finditer(own)):
        l2 = None   # 'AdamW ... weight_decay = 0.01': the argument of AdamW, not L2 in Adam
    counted = {k for k, by in r.answered_by.items() if by == Q.THETA_T.key} | (
        {Q.FIRST_STEP.key} if Q.THETA_T.key in keys and rx(
            r"\b(?:after|at the end of) (?:the |its |one )?(?:very )?first (?:step|update|"
            r"iteration)\b").search(own) else set())   # 'w after the first step': a step count
    if bool(l2) == bool(decoupled) or F.theta0 not in r.fields or not _has_run(r) or \
            keys - set(DECAY_RUN_ASKS) - counted - {Q.CHANGES.key} or \
            r.value(F.optimizer) == O.RMSPROP.key:   # 'does θ_1 change?': of the run's answer
        return False
    named = l2 or decoupled
    r.set(F.decay, "penalty" if l2 else "decoupled", named.group(0))
    penalty = rx(_PENALTY_TERM).search(own) if l2 else None
    if penalty:
        r.convention("L2 penalty", penalty.group(0), "the penalty (λ/2)‖θ‖²: its gradient λθ is "
                                                      "added to the data gradient")
    if r.value(F.optimizer) == O.ADAMW.key:
        r.set(F.optimizer, O.ADAM.key, named.group(0))
    return True


_FACTOR_ASKED = r"^(?:this|that|the|its|which|what) (?:constant |per[- ]step |scalar )?factor$"
_WEIGHTS_BY_FACTOR = (r"\b(?:multipl(?:y|ies|ied)|scal(?:e|es|ed)|shrink(?:s|ing)?|rescal(?:e|es|ed)) "
                      r"(?:the |all |its )?(?:weights?|parameters?|params|θ|w)\b[^.?]{0,20}?\bby (?:a |the "
                      r"|one |some )?(?:constant |fixed |scalar |per[- ]step )?factor\b")


def _shrink_factor_named(r: PartReading, source: str) -> bool:
    """True (and the shrink factor asked) when the ask is a bare 'this factor' of a part that
    says AdamW's decoupled decay multiplies the weights by a factor ('AdamW first multiplies
    the weights by a constant factor …. What is this factor?'), with λ read."""
    if not rx(_FACTOR_ASKED).match(source.strip()) or F.lam not in r.fields:
        return False
    said = rx(_WEIGHTS_BY_FACTOR).search(r.own_text)
    if said is None or not rx(_DECOUPLED_VARIANT).search(_decay_named(r.own_text)):
        return False
    r.set(F.shrink_factor, True, f"{said.group(0)}; {source}")
    return True


_CORRECTED = (r"\bbias[- ]?corrected\b|\bwith (?:the )?(?:usual |standard |proper )?bias[- ]?correction\b|"
              r"\b(?:correct|standard|proper|real|textbook) adam\b")
"""A part that says its Adam corrects the bias, against a shared text that switched it off."""


_BOTH_VERSIONS = (r"\b(?:buggy|broken|uncorrected|my|our|your|both|the two|each)\b[^.?]{0,30}?\b(?:versions?|"
                  r"implementations?|codes?|runs?|variants?)\b|\b(?:versus|vs\.?|compared (?:with|to)|"
                  r"as opposed to)\b")
"""A part that speaks of the shared text's run beside another one ('the buggy version … and proper
Adam', 'both versions', 'compared with')."""


def _correction_off(text: str, optimizer: str | None = None) -> Any:
    """The mention switching bias correction off in ``text`` (None if there is none); with
    ``optimizer``, not one said of another optimizer ('RMSprop (no bias correction): …
    Adam (with bias correction): …' switches nothing off for Adam)."""
    return next((m for m in TRANSFORMS.mentions(text) if m.entry.key == T.NO_BIAS_CORRECTION.key
                 and (optimizer is None or _setting_owner(text, m.start) in (None, optimizer))),
                None)


_SCALE_FREE = (r"\b(?:explain|show|argue|why)\b[^.?]{0,60}\b(?:does(?:n't| not)|do(?:n't| not)|is not|"
               r"isn't) (?:depend(?:ent)? on|(?:affected|changed) by)(?: the)? (?:magnitude|scale|size|"
               r"norm|length) of (?:the )?(?:gradient|g)")
"""The first step's independence of the gradient's scale, stated as something to explain
('Explain why its size does not depend on the magnitude of g₁')."""


def _sized_at_eps(r: PartReading) -> bool:
    """The first step's size is answered at the stated ε: Adam's, on a given numeric gradient
    whose nonzero entries share one size (|θ₁ − θ₀| = α|g|/(|g| + ε) is then one number; with
    entries of different sizes the coordinates do not move by the same amount at ε > 0)."""
    eps, grad = r.value(F.eps), r.value(F.gradient)
    if r.value(F.optimizer) not in (O.ADAM.key, None) or not isinstance(grad, list) or \
            eps is None or isinstance(eps, str) or F.gradients in r.fields:
        return False
    try:
        sizes = {abs(sympy.nsimplify(x, rational=True)) for x in grad} - {0}
    except (TypeError, ValueError, sympy.SympifyError):
        return False
    return len(sizes) == 1


_NEGLIGIBLE_EPS = sympy.Rational(1, 10**4)
"""ε at most this fraction of every nonzero gradient entry: the first step's size is α up to
that relative amount, so 'its size does not depend on the gradient's magnitude' holds."""


def _scale_free_premise(r: PartReading) -> bool:
    """Whether the first step's size is (to ε) free of the gradient's magnitude, as a part says
    to explain: at ε = 0 exactly; with a numeric ε, only when ε is negligible beside every
    nonzero entry of the given gradient (ε comparable to g shrinks the step: then the premise
    is false and the question is not taken). A note says the size is α up to ε/|g|."""
    eps, grad = r.value(F.eps), r.value(F.gradient)
    if eps == 0:
        return True
    if not isinstance(grad, list) or isinstance(eps, str) or eps is None or \
            F.gradients in r.fields:
        return False
    try:
        e = sympy.nsimplify(eps, rational=True)
        sizes = [abs(sympy.nsimplify(x, rational=True)) for x in grad]
    except (TypeError, ValueError, sympy.SympifyError):
        return False
    nonzero = [x for x in sizes if x != 0]
    if e < 0 or not nonzero or any(e > _NEGLIGIBLE_EPS * x for x in nonzero):
        return False
    r.notes.append(f"the first step's size is α|g|/(|g| + ε): with ε = {eps} it is α to within "
                   f"a relative {float(e / min(nonzero)):.1g}, whatever the gradient's magnitude")
    return True


def _as_asked(r: PartReading, asks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The asks as this family's spec asks them: the update (Δθ) of a part that sets
    β₁ = β₂ = 0 is the sign limit, else the update rule; 'which optimizer' after β₁ = β₂ = 0 is
    the sign limit; the run's moments are the update rule's; 'does it change' about a scaled
    loss is loss scaling; θ_1 of a part that names AdamW or L2 regularisation is the weight
    decay comparison; the first step without bias correction is the step without it."""
    own = r.own_text
    steps = [k for k, _ in asks if k in (Q.FIRST_STEP.key, Q.LAST_STEP.key, Q.THETA_T.key)]
    if r.value(F.optimizer) == O.RMSPROP.key and steps:
        # 'RMSprop without bias correction': a description of RMSprop, whose steps are asked
        for k, _ in asks:
            if k == Q.STEP_NO_BIAS_CORRECTION.key:
                r.answered_by[k] = steps[0]
        asks = [(k, s) for k, s in asks if k != Q.STEP_NO_BIAS_CORRECTION.key]
    premise = rx(_SIGN_PREMISE).search(own) or (
        rx(_RMS_SIGN_PREMISE).search(own) if r.value(F.optimizer) == O.RMSPROP.key else None)
    keys = {k for k, _ in asks}
    variant = rx(_DECAY_VARIANT).search(_decay_named(own))
    off = _correction_off(own) or (None if rx(_CORRECTED).search(own) else
                                    _correction_off(r.found.get("context", ""),
                                                    r.value(F.optimizer)))
    if off is not None and r.value(F.optimizer) == O.RMSPROP.key:
        off = None      # 'RMSprop without bias correction' describes RMSprop as it is
    corrected, shared_off = rx(_CORRECTED).search(own), _correction_off(r.found.get("context", ""))
    versions = rx(_BOTH_VERSIONS).search(own)
    if corrected and shared_off is not None and versions and not _correction_off(own):
        # 'what does the buggy version take, and what would proper Adam take?': two runs asked
        r.miss("versions", f"\"{versions.group(0)}\" asks about the version of the shared text "
               f"(\"{shared_off.phrase}\") beside the bias-corrected one (\"{corrected.group(0)}\"); "
               "one answer per version is not read (expected one version per part)")
    raw = keys - {Q.STEP_NO_BIAS_CORRECTION.key, Q.BIAS_CORRECTION.key}
    raw_only = bool(raw) and raw <= {Q.FIRST_MOMENT.key, Q.SECOND_MOMENT.key}
    out = []
    for key, source in asks:
        if _shrink_factor_named(r, source):
            r.answered_by[key] = Q.WEIGHT_DECAY.key    # 'What is this factor?' of AdamW's shrink
            key = Q.WEIGHT_DECAY.key
        if raw_only and key in (Q.STEP_NO_BIAS_CORRECTION.key, Q.BIAS_CORRECTION.key) and \
                not rx(r"\d|\b(?:step|update)s?\b|[Δθ]").search(source):
            # 'm_2 and v_2 without bias correction': says what the raw moments are
            r.answered_by[key] = next(k for k, _ in asks if k in raw)
            r.found["uncorrected said"] = source
            continue
        if key == Q.FIRST_STEP.key and Q.THETA_T.key in keys and \
                rx(r"\b(?:after|at the end of) (?:the |its |one )?(?:very )?" + re.escape(source) +
                   r"\b").search(own):
            r.answered_by[key] = Q.THETA_T.key      # 'θ after the first step': a step count
            continue
        if key == Q.PYTORCH.key and rx(_PYTORCH_CONVENTION).search(own):
            r.found["pytorch"] = rx(_PYTORCH_CONVENTION).search(own).group(0)
            continue
        if key == Q.SIGN_LIMIT.key and not premise:
            continue    # 'what does the update become' with no decay set to 0: not taken
        if key in (Q.UPDATE.key, Q.IDENTIFICATION.key) and premise:
            r.answered_by[key] = Q.SIGN_LIMIT.key
            key, source = Q.SIGN_LIMIT.key, f"{source}; {premise.group(0)}"
        elif key == Q.IDENTIFICATION.key and Q.FIRST_STEP.key in keys and \
                r.value(F.eps) in (0, None) and not off:
            pass        # 'which method does this first step coincide with': sign descent
        elif key == Q.IDENTIFICATION.key and off and r.value(F.beta1) == 0 and \
                r.value(F.optimizer) in (O.ADAM.key, None) and \
                keys & {Q.STEP_NO_BIAS_CORRECTION.key, Q.FIRST_STEP.key}:
            pass        # 'β₁ = 0 and no bias correction: which optimizer is this?': RMSprop
        elif key == Q.IDENTIFICATION.key:
            continue    # no step of the part is a named method: not taken
        elif key == Q.DEPENDS_ON.key and Q.LAST_STEP.key in keys and not off and \
                r.value(F.constant) and F.decay not in r.fields and \
                r.value(F.optimizer) in (O.ADAM.key, None) and \
                rx(_STEP_ON_T).search(source + own[own.find(source) + len(source):][:40]
                                      if source in own else source):
            # 'Compute … the update Δθ at step 3. Does the update depend on t?': with a constant
            # gradient the corrected step is the same at every t (answered with the step)
            r.answered_by[key] = Q.LAST_STEP.key
            r.set(F.step_t_dependence, True, source)
            continue
        elif key == Q.DEPENDS_ON.key and Q.FIRST_STEP.key in keys and \
                _scale_free_premise(r) and not off and rx(_SCALE_FREE).search(own):
            # 'explain why its size does not depend on the magnitude of g₁': the first step at
            # ε = 0 is −α sign(g₁), which its derivation shows (no dependence asked of a value)
            r.answered_by[key] = Q.FIRST_STEP.key
            continue
        elif key == Q.STEP_LIMIT.key and F.constant not in r.fields:
            continue    # the step's limit is answered for a constant gradient only
        elif key == Q.COORDINATE_STEP.key:
            if Q.FIRST_STEP.key in keys and not off and (
                    r.value(F.eps) in (0, None) or _sized_at_eps(r)):
                r.answered_by[key] = Q.FIRST_STEP.key    # the first step's size, at eps = 0
                # (or at the stated eps, on the given gradient)
            elif off and r.value(F.eps) in (0, None) and (
                    r.value(F.t) == 1 or Q.FIRST_STEP.key in keys or F.constant in r.fields
                    or _index(source) == 1):    # 'each coordinate of Δθ_1': the first step
                r.answered_by[key] = Q.STEP_NO_BIAS_CORRECTION.key  # one size: t = 1 or g_t = g
                if not keys & {Q.FIRST_STEP.key, Q.STEP_NO_BIAS_CORRECTION.key}:
                    out.append((Q.STEP_NO_BIAS_CORRECTION.key, f"{source}; {off.phrase}"))
                    keys.add(Q.STEP_NO_BIAS_CORRECTION.key)
            elif off and _has_run_source(r) and _index(source) is not None:
                # 'each coordinate of Δθ_2' of the uncorrected run on the given gradients: the
                # run's last step without the correction (its size, when one for every
                # coordinate, else the step itself)
                r.answered_by[key] = Q.STEP_NO_BIAS_CORRECTION.key
                if Q.STEP_NO_BIAS_CORRECTION.key not in keys:
                    out.append((Q.STEP_NO_BIAS_CORRECTION.key, f"{source}; {off.phrase}"))
                    keys.add(Q.STEP_NO_BIAS_CORRECTION.key)
            elif not off and not keys & {Q.FIRST_STEP.key, Q.STEP_NO_BIAS_CORRECTION.key,
                                         Q.STEP_BOUND.key, Q.STEP_LIMIT.key} and \
                    isinstance(r.value(F.t), int) and r.found.get("sequence"):
                r.answered_by[key] = Q.LAST_STEP.key    # 'how big is the step at step 3'
                out.append((Q.LAST_STEP.key, source))
                keys.add(Q.LAST_STEP.key)
            elif not off and r.value(F.eps) == 0 and not keys & _STEP_ASKS and \
                    F.t not in r.fields and len(r.found.get("sequence") or []) == 1 and \
                    not r.found.get("constant"):
                r.answered_by[key] = Q.FIRST_STEP.key   # one gradient: its step's size
                out.append((Q.FIRST_STEP.key, source))
                keys.add(Q.FIRST_STEP.key)
            continue
        elif key == Q.UPDATE.key and keys & {Q.FIRST_STEP.key, Q.STEP_NO_BIAS_CORRECTION.key}:
            first = Q.FIRST_STEP.key if Q.FIRST_STEP.key in keys else \
                Q.STEP_NO_BIAS_CORRECTION.key
            r.answered_by[key] = first     # "what is the update θ_1 − θ_0?" asks one thing
            continue
        elif key == Q.UPDATE.key:
            r.answered_by[key] = key = Q.UPDATE_RULE.key
        elif key in _BY_RUN:
            key = Q.UPDATE_RULE.key
        elif key == Q.CHANGES.key and (Q.LOSS_SCALING.key in keys or _scales_loss(r)):
            r.answered_by[key] = Q.LOSS_SCALING.key
            if Q.LOSS_SCALING.key in keys:
                continue
            key = Q.LOSS_SCALING.key
            keys.add(key)
        elif key == Q.RATIO.key and _scales_loss(r) and r.value(F.eps) in (0, None) and \
                Q.STEP_NO_BIAS_CORRECTION.key not in keys and not off:
            # 'by what factor does the step change' when the loss is scaled: the ratio of the
            # step on the scaled loss to the step before it, which loss scaling answers
            r.answered_by[key] = Q.LOSS_SCALING.key
            if Q.LOSS_SCALING.key in keys:
                continue
            key = Q.LOSS_SCALING.key
            keys.add(key)
        elif key == Q.RATIO.key and off and not _scales_loss(r) and \
                Q.LOSS_SCALING.key not in keys:
            # 'the uncorrected update is the corrected one times a factor r_t': the ratio the
            # step without the correction answers
            r.answered_by[key] = Q.STEP_NO_BIAS_CORRECTION.key
            if Q.STEP_NO_BIAS_CORRECTION.key in keys:
                continue
            key, source = Q.STEP_NO_BIAS_CORRECTION.key, f"{source}; {off.phrase}"
            keys.add(key)
        elif key == Q.OPPOSITE_COORDINATES.key and F.lam in r.fields and \
                Q.WEIGHT_DECAY.key not in keys:
            r.answered_by[key] = Q.WEIGHT_DECAY.key
            key = Q.WEIGHT_DECAY.key
            keys.add(key)
        elif key in (Q.THETA_T.key, Q.M_HAT.key, Q.V_HAT.key, Q.LAST_STEP.key,
                     Q.EFFECTIVE_GRADIENT.key) and \
                _decay_text(r) and F.lam in r.fields and \
                _one_decay_run(r, keys):
            pass        # 'For Adam + L2, what are m̂_1 and w_1?': the run of that one method
        elif key == Q.THETA_T.key and variant and F.lam in r.fields and _index(source) in (1, None):
            key, source = Q.WEIGHT_DECAY.key, f"{source}; {variant.group(0)}"
        elif key == Q.THETA_T.key and off and F.theta0 in r.fields and \
                Q.STEP_NO_BIAS_CORRECTION.key in keys and rx(r"\d").search(source):
            # 'turn bias correction off and recompute θ_2': the uncorrected run's θ_2 (which
            # the step without the correction answers), not the corrected one
            r.answered_by[key] = Q.STEP_NO_BIAS_CORRECTION.key
            continue
        elif key == Q.THETA_T.key and off and F.theta0 in r.fields and \
                Q.STEP_NO_BIAS_CORRECTION.key not in keys and rx(r"\d").search(source):
            r.answered_by[key] = Q.STEP_NO_BIAS_CORRECTION.key     # θ_k without the correction
            key, source = Q.STEP_NO_BIAS_CORRECTION.key, f"{source}; {off.phrase}"
            keys.add(key)
        elif key == Q.BIAS_CORRECTION.key and off and rx(_WITH_CORRECTION).search(own):
            r.answered_by[key] = Q.STEP_NO_BIAS_CORRECTION.key      # '.. than with bias correction'
            continue
        elif key in (Q.CHANGES.key, Q.SAME_AS.key) and off and \
                Q.STEP_NO_BIAS_CORRECTION.key in keys and \
                F.theta0 in r.fields:
            r.answered_by[key] = Q.STEP_NO_BIAS_CORRECTION.key     # 'is it different?', 'the same?'
            continue
        elif key == Q.LAST_STEP.key and off and _has_run_source(r) and \
                Q.STEP_NO_BIAS_CORRECTION.key not in keys and _index(source) is not None:
            r.answered_by[key] = Q.STEP_NO_BIAS_CORRECTION.key     # Δθ_k without the correction
            key, source = Q.STEP_NO_BIAS_CORRECTION.key, f"{source}; {off.phrase}"
            keys.add(key)
        elif key == Q.FIRST_STEP.key and off and Q.STEP_NO_BIAS_CORRECTION.key not in keys:
            r.answered_by[key] = Q.STEP_NO_BIAS_CORRECTION.key
            key, source = Q.STEP_NO_BIAS_CORRECTION.key, f"{source}; {off.phrase}"
            keys.add(key)
        elif key in (Q.FIRST_STEP.key, Q.LAST_STEP.key) and \
                rx(_CONTINUED_WITH_CORRECTION).search(source):
            pass        # 'And with the usual bias correction?': the corrected step itself
        elif key == Q.BIAS_CORRECTION.key and off and Q.STEP_NO_BIAS_CORRECTION.key in keys and \
                any(rx(_CONTINUED_WITH_CORRECTION).search(x.strip()) and source in x
                    for x in re.split(r"(?<=[.?!])\s", own)):
            step = Q.FIRST_STEP.key if r.value(F.t) == 1 or Q.FIRST_STEP.key in keys else \
                Q.LAST_STEP.key
            r.answered_by[key] = step       # 'And with bias correction?' continues the question
            key = step
        elif key in (Q.FIRST_STEP.key, Q.RATIO.key, Q.LAST_STEP.key) and \
                Q.STEP_NO_BIAS_CORRECTION.key in keys:
            r.found.setdefault("covered", []).append(key)
            r.answered_by[key] = Q.STEP_NO_BIAS_CORRECTION.key
            continue
        out.append((key, source))
    if r.found.get("pytorch") and out:      # the spec's conventions are PyTorch's
        r.answered_by[Q.PYTORCH.key] = out[0][0]
        r.convention("pytorch", r.found["pytorch"], "PyTorch's conventions, which the spec follows")
    return out


_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_PARAMETER_COUNT = (r"\b(\d{1,3}|one|two|three|four|five|six)[- ](?:params?|parameters?|weights?|"
                    r"coordinates?|dimensional)\b")
_WD_WORDS = r"\bweight[ _-]?decay(?: coefficient| factor| rate)?(?: (?:of|is|=|:)| ?=)? ?(?=[\d.])"
_L2_NAMED = r"\bl_?2\b(?! ?norm)"


def _restated_settings(r: PartReading, keys: set[str]) -> None:
    """What a text says twice, checked against what was read: a setting assigned again with the
    same value ('eps = 0' after 'eps set to 0', 'weight_decay=0.1' in two calls), the number of
    parameters ('2 params', 'a two-parameter model') against the gradient's entries, and 'L2'
    naming the coupled variant of a weight-decay comparison."""
    if r.objects is None:
        return
    for field, names in SYMBOLS.items():
        got = r.fields.get(field)
        if got is None:
            continue
        for objs in (r.objects.own, r.objects.context):
            for a in objs.all_assigned(*names, numeric=True):
                try:
                    same = a.source != got.source and spec_number(a.value) == got.value
                except ValueError:
                    same = False
                if same:
                    r.convention(field, a.source, f"restates {field} = {got.value}")
    text = " ".join(o.text for o in (r.objects.own, r.objects.context))
    if r.value(F.eps) == 0:
        for m in rx(_EPS_ZERO).finditer(text):
            if m.group(0) not in r.fields[F.eps].source:
                r.convention(F.eps, m.group(0), "restates ε = 0")
    if F.lam in r.fields:
        for m in rx(_WD_WORDS).finditer(text):
            got = number_at(text, m.end())
            if got is not None and got[0].spec_value() == r.value(F.lam) and \
                    phrase(text, m.start(), got[1]) != r.fields[F.lam].source:
                r.convention(F.lam, phrase(text, m.start(), got[1]), f"restates λ = {r.value(F.lam)}")
    g = r.value(F.gradient) if isinstance(r.value(F.gradient), list) else \
        (r.value(F.gradients) or [None])[0]
    for m in rx(_PARAMETER_COUNT).finditer(text):
        n = _COUNT_WORDS.get(m.group(1).lower()) or int(m.group(1))
        if isinstance(g, list) and len(g) == n:
            r.convention("parameters", m.group(0), f"the gradients have {n} entries")
    if Q.WEIGHT_DECAY.key in keys and F.decay not in r.fields:
        for m in rx(_L2_NAMED).finditer(text):
            r.convention(F.decay, phrase(text, m.start(), m.end()), "the penalty inside Adam's "
                                                                    "gradient: one side of the "
                                                                    "comparison")


def _read_betas_pair(own: str, ctx: str, r: PartReading) -> None:
    """'betas 0.9/0.999', 'betas (0.9, 0.999)', 'betas: 0.9, 0.999' -> β₁, β₂."""
    for text in (own, ctx):
        m = rx(_BETAS_PAIR).search(text)
        if m is None:
            continue
        pair = re.match(r"(0?\.\d{1,12}|0|1) ?[/,] ?(0?\.\d{1,12}|0|1)(?![\d.])", text[m.end():])
        if pair is None:
            continue
        source = phrase(text, m.start(), m.end() + pair.end())
        for field, x in zip((F.beta1, F.beta2), pair.groups()):
            r.set(field, spec_number(sympy.Rational(x)), source)
        return


_SIGN_AND_MAGNITUDE = (r"(?:^|(?<=[.?!;] ))(?:please )?(?:give|state|report|what (?:is|are)) (?:its|their|"
                       r"the) (?:sign and (?:its |the )?(?:magnitude|size|absolute value)|"
                       r"(?:magnitude|size|absolute value) and (?:its |the )?sign)\b(?: please)?[.?!]?"
                       r"(?= |$)")
"""'Give its sign and magnitude.' after a request for a signed step ('what is θ3 − θ2?')."""
_SIGNED_ASKS = frozenset({Q.LAST_STEP.key, Q.DISPLACEMENT.key, Q.THETA_T.key})


def _sign_and_magnitude(r: PartReading, keys: set[str]) -> None:
    """'What is θ3 − θ2? Give its sign and magnitude.': the signed step answers both, so the
    sentence is taken with the step's ask (a note says so). Asked of no signed step of the part
    (a step size, a first step asked as 'how large'), it stays unplaced and is refused."""
    m = rx(_SIGN_AND_MAGNITUDE).search(r.own_text or "")
    signed = keys & _SIGNED_ASKS
    if m is None or not signed or F.asks not in r.fields:
        return
    was = r.fields[F.asks]
    r.set(F.asks, was.value, f"{was.source} | {m.group(0).strip()}")
    r.notes.append(f'"{m.group(0).strip()}": the signed value of the step gives its sign and '
                   "its magnitude")


_APPRECIABLE = (r"\b(?:change|differ|move|grow|shrink)s? (?:(?:very|that|so) )?(?:appreciably|"
                r"significantly|noticeably|materially|substantially|meaningfully|much|a lot)\b|"
                r"\b(?:appreciabl[ey]|significant(?:ly)?|noticeabl[ey]|material(?:ly)?|substantial(?:ly)?"
                r"|meaningful(?:ly)?) (?:change|difference|effect)\b")
"""'does the first update change appreciably?': a change judged large or small, not a change."""


def _appreciable_change(r: PartReading, keys: set[str]) -> None:
    """'If I multiply my loss by 1000, does the first update change appreciably?': whether the
    change is large needs a threshold the text does not give (with ε > 0 every step changes a
    little), so the yes/no of 'does it change' would answer another question: refused, naming
    the phrase."""
    if not (keys & {Q.LOSS_SCALING.key, Q.CHANGES.key} or Q.CHANGES.key in r.answered_by):
        return
    m = rx(_APPRECIABLE).search(r.own_text or "")
    if m is not None:
        r.miss("threshold", f'"{m.group(0)}" asks whether the change is large, which needs a '
                       "threshold the text does not state (optiproof answers whether the step "
                       "changes at all, and by what factor: expected 'does the update change?' "
                       "or 'by what factor does it change?')")


_STEP_ON_T = (r"\b(?:does|do|would|will) (?:the |this |that |its )?(?:update|step)s?(?: Δ ?θ)? "
              r"(?:depend|vary|change) (?:on|with) (?:t|the (?:step|iteration)(?: (?:count|number|"
              r"index))?)\b")
"""'Does the update depend on t?' asked of the step of a constant-gradient run."""
_STEP_FRACTION = (r"\b(?:what|which) (?:fraction|proportion|share|percentage|multiple) of (?:the )?"
                  r"(?:learning rate|step size|lr|η|α|eta|alpha|γ)(?: (?:η|α|γ|lr))? (?:is|was|would be) "
                  r"(?:that|this|it)\b")
"""'…, and what fraction of η is that?' after the first step's size: that size over the
learning rate."""


def _step_fraction(r: PartReading, keys: set[str]) -> None:
    """'How large is its first Adam step, and what fraction of the learning rate is that?': the
    first step's size over the learning rate, |g_1| / (|g_1| + ε), for a given gradient at a
    stated ε > 0 (taken with the step's ask). Asked after anything else, or without a gradient
    or ε, it stays unplaced and is refused by name."""
    m = rx(_STEP_FRACTION).search(r.own_text or "")
    if m is None or Q.FIRST_STEP.key not in keys or F.asks not in r.fields or \
            not isinstance(r.value(F.gradient), list) or F.gradients in r.fields or \
            not r.value(F.eps):
        return
    before = (r.own_text or "")[:m.start()]
    if not rx(r"\bfirst\b[^.?!]{0,40}\b(?:step|update)s?\b[^.?!]{0,30}$").search(before):
        return      # the fraction of something else than the first step just asked
    was = r.fields[F.asks]
    r.set(F.asks, was.value, f"{was.source} | {m.group(0)}")
    r.set(F.step_fraction, True, m.group(0))


_EARLIER_WEIGHT = (r"\b(?:the|that|this) (?:same )?(?:weight|parameter) (?:in|of|from) (?:part )?"
                   r"\(?(?P<label>[a-z]|\d{1,2}|[ivx]{1,4})\)(?![\w(])")
"""'For the weight in (a), …': the weight an earlier part named, by its label."""


def _earlier_weight(own: str, previous: list[PartReading], r: PartReading) -> None:
    """A part about 'the weight in (a)' that states no gradient of its own takes the constant
    gradient that part read for its weight ('(a) a weight that receives zero loss gradient for
    the whole run … (b) For the weight in (a), after how many steps …'), noted as stated there.
    """
    m = rx(_EARLIER_WEIGHT).search(own)
    if m is None or F.gradient in r.fields or F.gradients in r.fields or r.found.get("sequence"):
        return
    source = next((p for p in previous if p.family == FAMILY and
                   p.label.split(".")[0].lower() == m.group("label").lower()), None)
    if source is None or not source.value(F.constant) or F.gradients in source.fields or \
            F.gradient not in source.fields:
        return
    for field in (F.gradient, F.constant):
        was = source.fields[field]
        r.set(field, was.value, was.source, note=f"{m.group(0)}: stated in part ({source.label})")


def _earlier_gradients(r: PartReading) -> None:
    """A part that asks about a run but states no gradients uses those an earlier part stated
    ("(a) The gradients are g1 = .., g2 = ... (b) Compute θ2 − θ1")."""
    earlier = r.found.get("earlier") or []
    if r.found.get("sequence") or r.found.get("symbolic constant") or not earlier:
        return
    source = earlier[-1]
    sequence = list(source.found["sequence"])
    later = r.found.get("later") or {}
    if later:       # '(b) g_2 = (..)': the part continues the sequence an earlier part began
        if source.found.get("constant") or \
                sorted(later) != list(range(len(sequence) + 1, len(sequence) + len(later) + 1)):
            return
        sequence += [later[k] for k in sorted(later)]
    r.found["sequence"] = sequence
    r.found["constant"] = source.found.get("constant", False)
    first, phrase_ = r.found["sequence"][0]
    r.set(F.gradient, first, phrase_, note=f"stated in part ({source.label})")
    for field in (F.alpha, F.beta1, F.beta2, F.eps):   # the setting those gradients came with
        if field not in r.fields and field in source.fields:
            was = source.fields[field]
            r.set(field, was.value, was.source, note=f"stated in part ({source.label})")


def _first_step_index(r: PartReading) -> None:
    """A part asking for the first step that also sets ``t = 1`` states the step it asks
    about (a convention, read); any other ``t`` contradicts the question and is refused."""
    a = r.objects.own.assigned("t", numeric=True) if r.objects is not None else None
    if a is None:
        return
    if a.value == 1:
        r.convention(F.t, a.source, "the first step is step t = 1")
    else:
        r.miss(F.t, f"the part sets \"{a.source}\" but asks for the first step θ_1 − θ_0 "
                    "(expected t = 1, or a question about step t)")


_FACTOR_POWER = r"\b1 ?[-−] ?(?:β|beta)_?\{?([12])\}? ?\^ ?\{?(\d{1,3})\}?(?!\d|\.\d)"
"""A bias-correction factor written at a step ('1 − β_1^3')."""


def _factor_power(r: PartReading) -> None:
    """'Compute the factors 1 − β_1^3 and 1 − β_2^3': the step the factors are asked at (the
    factors written must agree on it)."""
    found = list(rx(_FACTOR_POWER).finditer(r.own_text))
    powers = {int(m.group(2)) for m in found}
    if len(powers) == 1 and min(powers) >= 1:
        r.set(F.t, powers.pop(), "; ".join(m.group(0) for m in found))
    elif len(powers) > 1:
        r.miss(F.t, "the factors are written at different steps ("
                    + ", ".join(f"\"{m.group(0)}\"" for m in found) + "); expected one step")


def _scale_gradients(r: PartReading) -> None:
    """A part that multiplies the loss by a stated number c and asks for a step, given the
    unscaled gradients, runs on c times those gradients (the gradient of c·L is c·g)."""
    scaling = next((m for m in TRANSFORMS.mentions(r.own_text)
                    if m.entry.key == T.SCALE_LOSS.key), None)
    c = r.value(F.c)
    sequence = r.found.get("sequence")
    if scaling is None or not sequence or not isinstance(c, (int, float, str)):
        return
    stated_at = r.own_text.find(sequence[0][1]) if r.found.get("own gradient") else -1
    if stated_at > scaling.start:      # the gradient stated after the scaling is the scaled one
        return
    try:
        factor = sympy.Rational(str(c))
        scaled = [([spec_number(factor * sympy.Rational(str(x))) for x in vec],
                   f"{source}; {scaling.phrase}; {r.fields[F.c].source}") for vec, source in sequence]
    except (ValueError, TypeError, SyntaxError):
        return
    c_text = re.escape(str(c))
    restated = re.search(rf"(?<![\w.]){c_text} ?[·*×]? ?(?:g|∇ ?L|∇)(?:_?\(?\w{{1,3}}\)?)?(?!\w)",
                         r.own_text)
    if restated:
        scaled = [(vec, f"{source}; {restated.group(0)}") for vec, source in scaled]
    said = _restated_vector(r.own_text, scaled[0][0])
    if said:    # '(so g_1 becomes (100, -25))': the scaled gradient written out, checked
        scaled[0] = (scaled[0][0], f"{scaled[0][1]}; {said}")
    elif (every := _restated_sequence(r, [v for vec, _ in scaled for v in vec])) is not None:
        r.convention(F.gradient, every, "restates the gradients of the scaled loss (checked)")
    r.found["sequence"] = scaled
    r.found["own gradient"] = True
    r.set(F.gradient, scaled[0][0], scaled[0][1])


def _prescaled_gradient(r: PartReading, mapped: list[tuple[str, str]]
                        ) -> list[tuple[str, str]]:
    """A part that scales the loss by c, writes the scaled gradient itself after the scaling
    ('multiply the loss by 10 (so g_1 = 0.2)') and asks about the scaling: loss scaling
    compares the step on g with the step on c·g, so its g is the written gradient divided by
    c, and a first step asked beside it is the step on the scaled loss, which loss scaling
    answers. Any other step of the run asked beside it is refused, naming the gradient."""
    keys = {k for k, _ in mapped}
    scaling = next((m for m in TRANSFORMS.mentions(r.own_text)
                    if m.entry.key == T.SCALE_LOSS.key), None)
    sequence = r.found.get("sequence") or []
    if Q.LOSS_SCALING.key not in keys or scaling is None or not r.found.get("own gradient") \
            or len(sequence) != 1 or r.own_text.find(sequence[0][1]) < scaling.start or \
            not _same_sentence(r.own_text, scaling.start, [sequence[0][1]]):
        return mapped
    c, (vec, source) = r.value(F.c), sequence[0]
    others = keys & (_STEP_ASKS | _RUN) - {Q.FIRST_STEP.key}
    try:
        factor = sympy.Rational(str(c))
        unscaled = [spec_number(sympy.Rational(str(x)) / factor) for x in vec]
    except (ValueError, TypeError, SyntaxError, ZeroDivisionError):
        unscaled = None
    shared = _shared_gradient(r)
    if others or unscaled is None or factor <= 0 or shared not in (None, unscaled):
        why = (f"the part also asks {', '.join(sorted(others))}" if others else
               f"it is not {c} times the shared text's gradient" if unscaled else
               "the scale factor is not a number")
        r.miss(F.gradient, f'"{source}" is the gradient of the scaled loss, written after '
                           f'"{scaling.phrase}", but {why} (expected the unscaled gradient with '
                           "the scale factor, or the scaled gradient in a part of its own)")
        return mapped
    note = f"the gradient of the unscaled loss: '{source}' divided by {c}"
    r.found["sequence"] = [(unscaled, source)]
    r.set(F.gradient, unscaled, source, note=note)
    first = next((s for k, s in mapped if k == Q.FIRST_STEP.key), None)
    if first is None:
        return mapped
    r.answered_by[Q.FIRST_STEP.key] = Q.LOSS_SCALING.key
    return [(k, s) for k, s in mapped if k != Q.FIRST_STEP.key]


def _shared_gradient(r: PartReading) -> list | None:
    """The one gradient the shared text states, as a list of numbers (None: none, or several)."""
    objects = r.objects
    indexed, plain = _gradient_assignments(objects.context, r.found.get("context") or "") \
        if objects is not None else ({}, [])
    got = [v for v, _ in plain] + [v for k, (v, _) in indexed.items() if k == 1]
    try:
        vectors = [[spec_number(sympy.Rational(str(x))) for x in _vector(v)] for v in got]
    except (ValueError, TypeError):
        return None
    return vectors[0] if len(vectors) == 1 else None


_BECOMES = (r"\b(?:g|gradient)(?:_ ?\{?1\}?)? (?:becomes|is now|turns into|changes to|would be|"
            r"then is) (?=[(\[])")
"""The scaled first gradient written out in words ('so g_1 becomes (500, -2000)')."""


def _restated_sequence(r: PartReading, want: list) -> str | None:
    """The phrase writing out every scaled gradient in order after the scale factor, in the
    factor's sentence ('multiplied by 10, so the gradients become 20 and -10', 'by 100 (so g 1
    = 200, g 2 = -100)'), when its numbers (step indices aside) are exactly ``want``."""
    from optiproof.core.text.numbers import find_numbers

    own, source = r.own_text, r.fields[F.c].source
    at = own.find(source)
    if at < 0:
        return None
    at += len(source)
    end = re.search(r"[.?!;](?:\s|$)", own[at:])
    window = own[at:at + end.start()] if end else own[at:]
    found = [(num, a, b) for num, a, b in find_numbers(window)
             if not re.search(r"(?:\bg|∇ ?L|∇)[ _]?\{?\(?$", window[:a])]   # 'g 1', 'g_2'
    try:
        same = len(found) == len(want) and all(
            sympy.Rational(str(num.value)) == sympy.Rational(str(w))
            for (num, _, _), w in zip(found, want))
    except (ValueError, TypeError):
        return None
    return phrase(window, found[0][1], found[-1][2]) if same and found else None


def _restated_vector(own: str, want: list) -> str | None:
    """The phrase restating the scaled first gradient, when its numbers are ``want``."""
    from optiproof.core.text.formulas import parse_side
    from optiproof.core.text.numbers import array_at

    m = rx(_BECOMES).search(own)
    got = array_at(own, m.end()) if m else None
    value = parse_side(own[m.end():got[1]]) if got else None
    if value is None or not is_numeric(value):
        return None
    try:
        vec = _vector(value)
    except ValueError:
        return None
    same = len(vec) == len(want) and all(
        sympy.Rational(str(a)) == sympy.Rational(str(b)) for a, b in zip(vec, want))
    return phrase(own, m.start(), got[1]) if same else None


_COORDINATE = (r"^(?:does |do )?(?:" + _ITERATE + r")_?\{?[·.:*∙⋅]? ?, ?(\d)\}?|"
               r"\b(?:the )?(first|second|third|fourth|fifth) coordinate\b")
_BY_HOW_MUCH = r"\bby how much\b|\bhow much does\b"
_IN_STEP = r"\b(?:in|at|during) (?:step|iteration|update) (\d{1,3})\b"


def _coordinate_change(r: PartReading, key: str, source: str) -> tuple[str, str]:
    """'By how much does θ_{·,2} change in step 2?': the second coordinate of the last step of
    a run of 2 steps on the given gradients (not a yes/no 'does it change')."""
    own = r.own_text
    if key != Q.CHANGES.key or not rx(_BY_HOW_MUCH).search(own):
        return key, source
    coord = rx(_COORDINATE).search(source.strip()) or rx(_COORDINATE).search(own)
    step = rx(_IN_STEP).search(own)
    if coord is None or step is None:
        return key, source
    i = int(coord.group(1)) if coord.group(1) else _ORDINALS[coord.group(2).lower()]
    r.set("coordinate", i, coord.group(0))
    was = r.fields.get(F.t)
    same = was is not None and was.value == int(step.group(1))
    r.set(F.t, int(step.group(1)), f"{was.source}; {step.group(0)}" if same else step.group(0))
    _restated_entries(r)
    r.answered_by[key] = Q.LAST_STEP.key
    return Q.LAST_STEP.key, f"{source}; {step.group(0)}"


_MOMENT_QUOTIENT = (r"\b(?:compute|calculate|find|evaluate|give|what (?:is|are)|what's) (?:the (?:ratio|"
                    r"quotient|value) )?(?:of )?(?:the )?(?P<q>m(?:̂|_?hat)? ?_?\{?(?:\d{1,3}|t|T)\}? ?/ ?"
                    r"(?:sqrt|√) ?\(? ?v(?:̂|_?hat)? ?_?\{?(?:\d{1,3}|t|T)\}? ?\)?)(?! ?[+−-])")
"""A quotient of the moments asked as a value ('Compute m_3 / sqrt(v_3) without bias correction'),
not written inside an update rule."""


def _moment_quotient(r: PartReading) -> None:
    """A part that asks the quotient of the moments as a value ('compute m_3 / sqrt(v_3) without
    bias correction') is refused, naming the quotient: the part's answers are the moments and
    the steps, not that quotient (the step is −α times it at ε = 0), so it would be unanswered."""
    m = rx(_MOMENT_QUOTIENT).search(r.own_text or "")
    if m is not None:
        r.miss("moment quotient", f'"{m.group("q")}" asks the quotient of the moments, which this '
                                  "part does not answer as such (expected the moments, the "
                                  "corrected moments or the step, each asked by name)")


_FOR_COORDINATE = (r"\b(?:for|of|in|at) (?:the )?(first|second|third|fourth|fifth) (?:coordinate|"
                   r"component|entry)\b|\b(?:for|of|in|at) (?:coordinate|component|entry) "
                   r"(\d)\b|\((?:coordinate|component|entry|coord\.?) (\d)\)")
"""One coordinate named for the part's answers ('m̂_2, v̂_2 for the first coordinate',
'(coordinate 2)')."""
_COORDINATE_ASKS = {Q.M_HAT.key, Q.V_HAT.key, Q.LAST_STEP.key, Q.FIRST_MOMENT.key,
                    Q.SECOND_MOMENT.key}
"""Asks that give the named coordinate's entry besides the whole vector."""


def _one_coordinate(r: PartReading, mapped: set[str]) -> None:
    """'Compute m̂_2 and v̂_2 for the first coordinate': the asks about a run that answer one
    entry give that coordinate's value too (the vectors stay, for the parts of the request the
    coordinate may not qualify)."""
    if F.coordinate in r.fields:
        return
    m = rx(_FOR_COORDINATE).search(r.own_text or "")
    if m is None:
        return
    if not mapped & _COORDINATE_ASKS:
        return      # the whole vectors answered hold the coordinate's value
    said = next(g for g in m.groups() if g)
    r.set(F.coordinate, _ORDINALS[said.lower()] if said.isalpha() else int(said), m.group(0))


def _restated_entries(r: PartReading) -> None:
    """'g_{2,2} = 0': an entry of a given gradient restated, checked against the data."""
    sequence = r.found.get("sequence") or []
    for m in rx(r"(?<![\w])g_?\{?(\d{1,3}) ?, ?(\d{1,3})\}? ?= ?(-?\d{1,6}(?:\.\d{1,6})?)(?![\d.])"
                ).finditer(r.own_text):
        k, i, value = int(m.group(1)), int(m.group(2)), sympy.Rational(m.group(3))
        ok = 1 <= k <= len(sequence) and 1 <= i <= len(sequence[k - 1][0]) and \
            sympy.Rational(str(sequence[k - 1][0][i - 1])) == value
        if ok:
            r.convention("gradient", m.group(0), "restates an entry of a given gradient")
        else:
            r.miss("restated gradient", f"\"{m.group(0)}\" does not match the gradients read "
                                        "(expected an entry of g_1, g_2, ..)")


_SCALAR = (r"\b(?:a |one |single |the )?(?:single )?scalar (?:parameter|weight)\b|\b(?:one|a single) "
           r"(?:parameter|weight)\b")


def _scalar_parameter(r: PartReading) -> bool:
    """True when the run is on one parameter: a gradient of one entry, or the text says so."""
    g = r.value(F.gradient)
    if isinstance(g, list):
        return len(g) == 1
    text = " ".join(o.text for o in (r.objects.own, r.objects.context)) if r.objects else ""
    return bool(rx(_SCALAR).search(text))


def _same_sentence(text: str, at: int, sources: list[str]) -> bool:
    """True when the sentence of ``text`` around position ``at`` contains one of ``sources``."""
    cuts = [m.end() for m in re.finditer(r"[.?!;](?:\s|$)", text)]
    start = max((c for c in cuts if c <= at), default=0)
    end = min((c for c in cuts if c > at), default=len(text))
    return any(s and s in text[start:end] for s in sources)


def _has_run_source(r: PartReading) -> bool:
    """True when the part has given gradients (its own, an earlier part's or the shared
    text's) that a run takes."""
    return bool(r.found.get("sequence") or r.found.get("earlier"))


def _has_run(r: PartReading) -> bool:
    return F.gradients in r.fields or isinstance(r.value(F.gradient), list)


_OTHER_ADAPTIVE = (O.AMSGRAD, O.LION, O.SHAMPOO, O.ADAFACTOR, O.SIGN_ADAM)
"""Adaptive optimizers a part may run that this family does not compute."""


_SEVERAL_VARIANTS = (r"\b(?:for |of |in |with )?(?:both|each|all(?: the)?(?: two| three)?|the two|the three) "
                     r"(?:of the )?(?:variants|versions|optimi[sz]ers|methods|algorithms|update "
                     r"rules|rules|settings)\b|\b(?:for|under|in|with) (?:both|each)\b(?! (?:of (?:the |its |these |"
                     r"those )?(?:two |three |four |\d{1,2} )?)?(?:steps?|coordinates?|"
                     r"entry|entries|components?|parameters?|weights?|directions?|t)\b)")
"""A part that asks its question of several variants at once ("Recompute θ_1 for both
variants"): one run each is needed, which a single Adam part does not hold."""


_FOR_COMPARISON = r"\bfor comparison\b|\bin comparison\b|\bcompared? (?:to|with)\b|\bas opposed to\b"


def _compared_optimizer(own: str, ctx: str, r: PartReading) -> None:
    """A part of a text about one optimizer that asks about it and then names another one for
    comparison ('What is the step as t → ∞? For comparison, what is the Adam update …?' in an
    RMSprop problem) asks about both, and the reading cannot tell which question runs which:
    refused, naming both. A part wholly about the other one ('For comparison, RMSprop with …:
    what is its third update?') is not."""
    def kinds(text: str, contrasted: bool) -> set[str]:
        return {O.RMSPROP.key if m.entry is O.RMSPROP else O.ADAM.key
                for m in OPTIMIZERS.mentions(text) if m.entry in (O.ADAM, O.ADAMW, O.RMSPROP)
                and (contrasted or not negated(text, m.start))}

    shared, mine = kinds(ctx, False), kinds(own, True)  # 'compared with Adam' names it too
    cue = rx(_FOR_COMPARISON).search(own)
    before = own[:cue.start()] if cue is not None else ""
    asked_before = "?" in before or bool(rx(r"\b(?:give|compute|find|state|calculate|determine|"
                                            r"what|which|how)\b").search(before))
    if cue and asked_before and len(shared) == 1 and mine - shared:
        r.miss(F.optimizer, f'"{cue.group(0)}" names {", ".join(sorted(mine - shared))} beside the '
                            f"{next(iter(shared))} of the shared text: which optimizer each of the "
                            "part's questions runs is not read (expected one optimizer per part, "
                            "named without a comparison)")


def _section_setting(part: PartText) -> str:
    """The setting paragraph of the part's own section ("Setting 2 — RMSprop in PyTorch's
    naming: …"), the last paragraph of its context when a section name leads it; else ''."""
    paragraphs = [x for x in re.split(r"\n[ \t]*\n", part.context) if x.strip()]
    if len(paragraphs) < 2 or not SECTION_LEAD.match("\n\n" + paragraphs[-1].strip()):
        return ""
    return flatten(paragraphs[-1])


def _read_optimizer(own: str, ctx: str, r: PartReading, section: str = "") -> None:
    """The optimizer the part (else its section's setting, else the shared text) names:
    RMSprop when it names only RMSprop, else Adam (AdamW is Adam's update with decoupled decay,
    asked as the weight-decay comparison)."""
    others = [m for m in OPTIMIZERS.mentions(own) if m.entry in _OTHER_ADAPTIVE
              and not negated(own, m.start)]
    if others and not any(m.entry in (O.ADAM, O.ADAMW, O.RMSPROP, O.ADAGRAD)
                          for m in OPTIMIZERS.mentions(own)):
        r.miss(F.optimizer, f"the part runs \"{others[0].phrase}\", which this family does not "
                            "compute (expected Adam, AdamW, RMSprop or AdaGrad)")
        return
    adagrad = [m for m in OPTIMIZERS.mentions(own) if m.entry is O.ADAGRAD
               and not negated(own, m.start)]
    if adagrad and not any(m.entry in (O.ADAM, O.ADAMW, O.RMSPROP)
                           for m in OPTIMIZERS.mentions(own)):
        r.set(F.optimizer, O.ADAGRAD.key, adagrad[0].phrase)   # the part's own method
        return
    for text in (own, section, ctx):
        named = [m for m in OPTIMIZERS.mentions(text) if m.entry in (O.ADAM, O.ADAMW, O.RMSPROP)
                 and not negated(text, m.start)]
        if named:
            rms = all(m.entry is O.RMSPROP for m in named)
            chosen = [m for m in named if (m.entry is O.RMSPROP) == rms]
            r.set(F.optimizer, O.RMSPROP.key if rms else O.ADAM.key,
                  "; ".join(dict.fromkeys(m.phrase for m in chosen)))
            plain = rx(r"\b(?:no|without(?: any)?|zero) momentum\b|\bmomentum ?= ?0\b").search(text)
            if rms and plain:
                r.convention("momentum", plain.group(0), "RMSprop as given has no momentum term")
            return


def _setting_owner(text: str, at: int) -> str | None:
    """The optimizer (Adam or RMSprop key) named last before position ``at`` of ``text``: the
    one a setting written there belongs to ('RMSprop: ρ = 0.9. Adam: β₂ = 0.999'); None when
    none is named before it."""
    before = [m for m in OPTIMIZERS.mentions(text) if m.start <= at and
              m.entry in (O.ADAM, O.ADAMW, O.RMSPROP) and not negated(text, m.start)]
    return None if not before else O.RMSPROP.key if before[-1].entry is O.RMSPROP else O.ADAM.key


def _optimizer_setting(field: str, found: list[Assignment], text: str,
                       r: PartReading) -> Assignment | None:
    """The one of several assignments to a hyper-parameter in the shared text that sets it for
    the part's optimizer. Where a text gives each optimizer its own settings ('RMSprop:
    ρ = 0.9, α = 0.01. Adam: β₂ = 0.999, α = 10⁻³') an assignment belongs to the optimizer
    named last before it; the part's optimizer picks its own. Different values of one symbol
    that cannot be told apart so are refused, naming them (None); of different symbols, the
    first is kept (the recurrence and the update written out say which letter is which)."""
    if len({a.value for a in found}) == 1:
        return found[0]
    chosen = r.value(F.optimizer)
    owners = [_setting_owner(text, a.formula.start) for a in found]
    mine = [a for a, o in zip(found, owners) if chosen is not None and o == chosen]
    if mine and len({a.value for a in mine}) == 1 and len(set(owners)) > 1:
        return mine[0]
    if len({a.name for a in found}) > 1:
        return found[0]     # 'α = 0.99, η = 0.01': the letters' roles are read after this
    r.miss(field, "several values are given (" + ", ".join(f'"{a.source}"' for a in found) +
                  ") and which one this part uses is not read (expected one value, or each "
                  "given with the optimizer it sets, e.g. 'Adam with α = 0.001')")
    return None


def _set(r: PartReading, field: str, a: Assignment) -> None:
    """A numeric assignment into a spec field (its value as a spec number)."""
    try:
        r.set(field, spec_number(a.value), a.source)
    except ValueError as err:
        r.miss(field, f"{err} (\"{a.source}\")")


def _read_hyper(own: str, ctx: str, objects: PartObjects, r: PartReading) -> None:
    """The hyper-parameters: assignments to their symbols (own text first), ``betas = (..)``,
    'learning rate 0.01', 'weight decay coefficient 0.01', 'ε → 0'."""
    premise = rx(_SIGN_PREMISE)
    for field, keys in SYMBOLS.items():
        for objs, text in ((objects.own, own), (objects.context, ctx)):
            found = [a for a in objs.all_assigned(*keys, numeric=True)
                     if not (field in (F.beta1, F.beta2) and premise.search(a.source))]
            if found:   # the part's own first value ('Same, but eps = 1e-2' after 'eps = 0')
                chosen = found[0] if objs is objects.own else \
                    _optimizer_setting(field, found, text, r)
                if chosen is not None:
                    _set(r, field, chosen)
                break
    unsettled = [m for m in r.missing if m.name in SYMBOLS]
    _read_symbolic_recurrence(own, ctx, objects, r)
    _read_numeric_recurrence(own, r)
    _read_smoothing_words(own, r)
    if F.alpha not in r.fields:
        _read_update_rate(own, ctx, objects, r)
    for objs in (objects.own, objects.context):
        betas = objs.assigned("betas", numeric=True)
        if betas is not None and isinstance(betas.value, sympy.MatrixBase) and \
                len(betas.value) == 2:
            for field, x in zip((F.beta1, F.beta2), betas.value):
                r.set(field, spec_number(x), betas.source)
            break
    if F.beta1 not in r.fields and F.beta2 not in r.fields:
        _read_betas_pair(own, ctx, r)
    for field, words in ((F.eps, _EPS_WORDS), (F.alpha, _LR_WORDS), (F.lam, _WD_WORDS)):
        shared = field in r.fields and r.fields[field].source not in own
        # the part's own value in words ('(d) … and sets eps to 0') replaces the shared one
        for text in (own, ctx) if field not in r.fields else (own,) if shared else ():
            m = rx(words).search(text)
            got = number_at(text, m.end()) if m else None
            if got is not None:
                r.set(field, got[0].spec_value(), phrase(text, m.start(), got[1]))
                break
    if F.eps not in r.fields:
        for text in (own, ctx):
            m = rx(_EPS_ZERO).search(text)
            if m:
                r.set(F.eps, 0, phrase(text, m.start(), m.end()))
                break
    for text in (own, ctx):
        for m in rx(r"\b(?:by|of) (?:a (?:constant|factor|positive constant) )?(?:(?:of )?c ?= ?)?"
                    r"(?=[\d.])").finditer(text):   # the first 'by <number>' after 'loss'
            if F.c not in r.fields and rx(r"loss").search(text[max(0, m.start() - 60):m.start()]):
                got = number_at(text, m.end())
                if got is not None:
                    r.set(F.c, got[0].spec_value(), phrase(text, m.start(), got[1]))
        # 'multiply my loss by one thousand', 'the loss scaled by a hundred': a count in words
        for m in rx(r"(?:\b(?:multipl\w*|(?:re)?scal\w*) (?:the |my |our |your |its )?(?:training |data )?"
                    r"loss\b|\bloss (?:is |was |gets |had been |were )?(?:now |then )?(?:multiplied|"
                    r"(?:re)?scaled)\b)[^.?;]{0,20}?\bby (" + "|".join(sorted(_COUNTS, key=len, reverse=True))
                    + r")\b(?![- ]?(?:\d|point|and))").finditer(text):
            if F.c not in r.fields:
                r.set(F.c, _COUNTS[m.group(1).lower()], m.group(0))
    _read_lr_name(own, ctx, objects, r)
    shrink = rx(_SHRINK_ASKED).search(own)
    if shrink:
        r.set(F.shrink_factor, True, shrink.group(0))
        r.answered_by[Q.RATIO.key] = Q.WEIGHT_DECAY.key     # 'by what factor …': this factor
    for text in (own, ctx):
        m = rx(_STEPS).search(text)
        if m:
            count = m.group(1) or m.group(2)
            r.set(F.t, _COUNTS.get(count.lower()) or int(count.replace(",", "")),
                  phrase(text, m.start(), m.end()))
            break
        m = rx(_ORDINAL_STEP).search(text)
        if m:
            r.set(F.t, _ORDINALS[m.group(1).lower()], phrase(text, m.start(), m.end()))
            break
    _decay_fraction(own, r)
    _l2_coefficient(own, r)
    for m in unsettled:     # no other phrase settles a value the text gives several times
        r.miss(m.name, m.reason)


_LR_LETTER = r"(η|γ|α|lr)"
_LR_NAMED = (r"\b(?:learning[- ]rates?|step[- ]?sizes?|lr)\b,? ?(?:\(|of |is |denoted(?: by)? |called |"
             r"written )?" + _LR_LETTER + r"(?![\w(])")
"""The learning rate named with its letter ('learning rate η', 'step size (γ)', 'lr α')."""
_LR_GLOSSED = (r"(?<![\w\\])" + _LR_LETTER + r"(?: ?= ?\d[\d.]{0,12}(?:e-?\d{1,3})?)? ?(?:\(|,|:)? ?(?:is |denotes |for |= )?(?:the |a |our )?"
               r"(?:(?:base|global|constant|fixed) )?(?:learning[- ]rate|step[- ]?size)\b")
"""A letter glossed as the learning rate ('η (the learning rate)', 'γ is the step size')."""
_LR_TOKEN = r"(?<![\w.])lr(?![\w(])(?! ?[=:] ?[-\d.])"
"""'lr' written as a symbol ('a multiple of lr', '-lr*sign(g)'), not 'lr = 0.1'."""
_LR_NAMES = {"η": "eta", "γ": "gamma", "α": "alpha", "lr": "lr"}


def _read_lr_name(own: str, ctx: str, objects: PartObjects, r: PartReading) -> None:
    """The letter the problem writes the learning rate with, so answers in terms of it use it:
    the symbol its value is assigned to ('η = 0.01'), a letter named or glossed as the learning
    rate ('learning rate γ', 'η (the step size)'), the letter multiplying the step of the update
    the text writes out, else 'lr' used as a symbol. The part's own text first."""
    got = r.fields.get(F.alpha)
    src = got.source.strip() if got is not None else ""
    m = re.match(r"(?:learning[- ]rate |step[- ]?size )?" + _LR_LETTER + r" ?[=:]", src)
    if m:
        if m.group(1) != "α":
            r.set(F.lr_name, _LR_NAMES[m.group(1)], src)
        return
    for text in (own, ctx):
        for pattern in (_LR_NAMED, _LR_GLOSSED):
            m = rx(pattern).search(text)
            if m:
                name = _LR_NAMES[m.group(1)]
                if name != "alpha":
                    r.set(F.lr_name, name, phrase(text, m.start(), m.end()))
                value = next((a for objs in (objects.own, objects.context)
                              for a in objs.all_assigned(name, numeric=True)), None)
                if F.alpha not in r.fields and value is not None:
                    _set(r, F.alpha, value)     # 'γ = 0.1 (the step size)': its value
                return
        m = _UPDATE_RATE.search(text)
        if m and m.group(1) in _LR_NAMES:
            if m.group(1) != "α":
                r.set(F.lr_name, _LR_NAMES[m.group(1)], m.group(0),
                      f"{m.group(1)} multiplies the step: the learning rate")
            return
    for text in (own, ctx):
        m = rx(_LR_TOKEN).search(text)
        if m and not rx(r"(?<![\w\\])[ηγ](?!\w)").search(own + " " + ctx):
            r.set(F.lr_name, "lr", phrase(text, m.start(), m.end()))
            return


_NUMBER = r"(0?\.\d{1,12}|0|1)"
_NUMERIC_RECURRENCE = (r"(?<!\w)([a-zA-Z])_?\{?t\}? ?= ?" + _NUMBER + r" ?[*·]? ?\1_?\{?\(?t ?[-−] ?1\)?\}? ?"
                       r"\+ ?" + _NUMBER + r" ?[*·]? ?g_?\{?t\}?(\^ ?\{?2\}?|²| ?[*·⊙] ?g_?\{?t\}?)?"
                       r"(?![\w.])")
"""A moving average the part writes with its numbers ('v_t = 0.99 v_{t-1} + 0.01 g_t²'): its
decay is the first number, the second must be one minus it."""


def _read_numeric_recurrence(own: str, r: PartReading) -> None:
    """The decay of a moving average the part writes out with numbers: β₂ (or RMSprop's ρ) for
    the squared gradient's, β₁ for the gradient's. It overrides the shared text's value; a
    pair that does not sum to 1, or that contradicts the part's own value, is refused."""
    for m in rx(_NUMERIC_RECURRENCE).finditer(own):
        decay, rest = sympy.Rational(m.group(2)), sympy.Rational(m.group(3))
        field = F.beta2 if m.group(4) else F.beta1
        if decay + rest != 1:
            r.miss(field, f"\"{m.group(0)}\" is not a moving average: {m.group(2)} + "
                          f"{m.group(3)} ≠ 1 (expected a decay β and 1 − β)")
            continue
        was = r.fields.get(field)
        if was is not None and was.source in own and spec_number(decay) != was.value:
            r.miss(field, f"\"{m.group(0)}\" has decay {m.group(2)} but the part also says "
                          f"\"{was.source}\"")
            continue
        r.set(field, spec_number(decay), m.group(0))


_SYMBOLIC_RECURRENCE = (r"(?<!\w)([mv])_?\{?t\}? ?= ?(α|β|ρ|γ|μ|β_?[12])(?: ?[*·] ?| ?)\1_?\{?\(?t ?[-−] ?1"
                        r"\)?\}? ?\+ ?\(1 ?[-−] ?\2\)")
"""A moving average written with a letter ('v_t = α v_{t-1} + (1 − α) g_t²', as PyTorch writes
RMSprop): the letter is its decay."""


def _read_symbolic_recurrence(own: str, ctx: str, objects: PartObjects, r: PartReading) -> None:
    """The decay of a moving average the text writes with a letter: β₂ (RMSprop's ρ) for v, β₁
    for m, whatever the letter. When that letter was read as the learning rate (PyTorch's
    RMSprop calls its decay α), it is not: the learning rate is then the symbol in front of the
    update's step (read after this), or it is not stated."""
    for text in (own, ctx):
        for m in rx(_SYMBOLIC_RECURRENCE).finditer(text):
            letter = m.group(2).replace("_", "")
            name = {"β1": "beta_1", "β2": "beta_2"}.get(letter, _GREEK.get(letter, letter))
            value = next((a for objs in (objects.own, objects.context)
                          for a in objs.all_assigned(name, numeric=True)), None)
            if value is None:
                continue
            owner, mine = _setting_owner(text, m.start()), r.value(F.optimizer)
            if owner not in (None, mine) and any(_setting_owner(text, x.start) == mine
                                                 for x in OPTIMIZERS.mentions(text)):
                continue    # the recurrence of another optimizer the text also sets out
            field = F.beta2 if m.group(1) == "v" else F.beta1
            lr = r.fields.get(F.alpha)
            if lr is not None and lr.source == value.source:
                r.fields.pop(F.alpha)
            _set(r, field, value)
            r.convention(field, m.group(0), f"{m.group(2)} is the decay of the moving average "
                                            f"{m.group(1)}_t")
        if any(rx(_SYMBOLIC_RECURRENCE).finditer(text)):
            return


_SMOOTHING_WORDS = (r"(?<!weight )(?<!weight_)\b(?:smoothing (?:constant|factor|coefficient)|"
                    r"(?:squared[- ]gradient |moving[- ]average )?decay(?: rate| constant| factor)?)"
                    r"(?: (?:of|is|=|:)| ?=)? ?(?=0?\.\d)")
"""RMSprop's decay named in words ('smoothing constant 0.99', 'decay rate 0.9')."""


def _read_smoothing_words(own: str, r: PartReading) -> None:
    """RMSprop's decay said in the part's own words: it overrides a β₂ the shared text gave
    (for Adam), unless the part itself assigns β₂/ρ."""
    if r.value(F.optimizer) != O.RMSPROP.key:
        return
    was = r.fields.get(F.beta2)
    if was is not None and was.source in own:
        return
    m = rx(_SMOOTHING_WORDS).search(own)
    got = number_at(own, m.end()) if m else None
    if got is not None:
        r.set(F.beta2, got[0].spec_value(), phrase(own, m.start(), got[1]))


_UPDATE_RATE = re.compile(
    r"(?:θ|w|x|theta)_? ?\{?(?:t|k|t ?\+ ?1|k ?\+ ?1)\}? ?(?:=|←|<-|:=) ?(?:θ|w|x|theta)_? ?"
    r"\{?(?:t|k) ?(?:[-−] ?1)?\}? ?[-−] ?(γ|η|α|ρ|κ|τ|μ|ν|s)\b ?[·*]? ?(?:\\?frac|m|ˆ|\^|\\hat|\(|g|∇)")
"""The update written out ('θ_t = θ_{t-1} − γ m̂_t/(√v̂_t + ε)'): the symbol that multiplies the
step is the learning rate, whatever its letter."""
_GREEK = {"γ": "gamma", "η": "eta", "α": "alpha", "ρ": "rho", "κ": "kappa", "τ": "tau", "μ": "mu",
          "ν": "nu", "s": "s"}


def _read_update_rate(own: str, ctx: str, objects: PartObjects, r: PartReading) -> None:
    """The learning rate by its role: the symbol in front of the step of the update the text
    writes out, given a number in the text ('γ = 0.1')."""
    for text in (own, ctx):
        m = _UPDATE_RATE.search(text)
        if m is None:
            continue
        name = _GREEK[m.group(1)]
        for objs in (objects.own, objects.context):
            found = objs.all_assigned(name, numeric=True)
            if found:
                _set(r, F.alpha, found[0])
                r.convention(F.alpha, m.group(0), f"{m.group(1)} multiplies the step: the "
                                                  "learning rate")
                return
        return


def _read_start(objects: PartObjects, r: PartReading) -> None:
    """θ₀ (or w_0, x_0): a number or a vector; else a start said in words before a vector
    ('two parameters, starting at (0, 0)')."""
    for objs in (objects.own, objects.context):
        a = objs.assigned(*(f"{b}_0" for b in _PARAMETER), numeric=True)
        if a is not None:
            try:
                value = spec_array(a.value) if isinstance(a.value, sympy.MatrixBase) \
                    else spec_number(a.value)
            except ValueError as err:
                r.miss(F.theta0, f"{err} (\"{a.source}\")")
                return
            r.set(F.theta0, value, a.source)
            return
    from optiproof.core.text.formulas import parse_side
    from optiproof.core.text.numbers import array_at

    for objs in (objects.own, objects.context):
        m = rx(_START_WORDS).search(objs.text)
        got = array_at(objs.text, m.end()) if m else None
        value = parse_side(objs.text[m.end():got[1]]) if got else None
        if value is not None and is_numeric(value) and isinstance(value, sympy.MatrixBase):
            r.set(F.theta0, spec_array(value), phrase(objs.text, m.start(), got[1]))
            return


_START_WORDS = (r"\b(?:parameters?|weights?|params|" + _ITERATE + r")\b[^.;:]{0,12}?,? "
                r"(?:(?:which |that )?(?:start(?:ing|s|ed)?|initiali[sz](?:ed|ing)|begin(?:ning|s)?) "
                r"(?:at|from)|(?:are |is )?initiali[sz]ed (?:at|to)) (?=[(\[])")
"""The start said in words before a vector ('two parameters, starting at (0, 0)', 'weights
initialised to [1, -1]')."""


_LOSS = re.compile(r"^(?:f|L|J)\((w|θ|theta|x)\) ?=")
"""A loss of one parameter written as a function ('f(w) = 2w^2', 'L(θ) = (θ - 3)^2')."""


def _read_loss(objects: PartObjects, r: PartReading) -> None:
    """A polynomial loss of one parameter (the part's own first, else the shared one): each
    step's gradient is its derivative at the current iterate. 'g_t = f'(w_{t-1})' states it."""
    for objs in (objects.own, objects.context):
        for f in objs.formulas:
            m = _LOSS.match(f.source)
            if m is None or len(f.exprs) != 2 or f.exprs[1] is None:
                continue
            w = next((x for x in f.exprs[1].free_symbols if x.name in ("w", "theta", "x")), None)
            if w is None or f.exprs[1].free_symbols - {w}:
                continue
            try:
                poly = sympy.Poly(f.exprs[1], w)
            except sympy.PolynomialError:
                continue
            if poly.degree() < 1 or poly.degree() > MAX_LOSS_DEGREE:
                continue
            r.set(F.loss, [spec_number(c) for c in reversed(poly.all_coeffs())], f.source)
            stated = {g.source for g in [*objects.own.formulas, *objects.context.formulas]
                      if rx(r"^g_?(?:t|k) ?= ?(?:f|L|J)'|^g_?(?:t|k) ?= ?∇ ?(?:f|L|J)").match(
                          g.source)}
            for source in sorted(stated):
                r.convention("gradient", source, "each gradient is the loss's derivative at "
                                                 "the previous iterate")
            return


def _read_conventions(objects: PartObjects, r: PartReading) -> None:
    """``m_0 = v_0 = 0``: the zero start of the moments, which the spec always uses."""
    for objs in (objects.own, objects.context):
        for a in objs.all_assigned("m_0", "v_0", numeric=True):
            if a.value == 0:
                r.convention("moments start", a.source, "the moments start at 0 (m_0 = v_0 = 0)")
        if r.value(F.optimizer) == O.ADAGRAD.key:
            for a in objs.all_assigned("G_0", "s_0", "v_0", numeric=True):
                if a.value == 0:
                    r.convention("accumulator start", a.source, "AdaGrad's sum of squared "
                                                                "gradients starts at 0")
        m = rx(_DECAY_RANGE).search(objs.text)
        if m:
            r.convention("decay range", m.group(0), "the decays lie in [0, 1), as the spec requires")
        m = rx(_ZERO_START).search(objs.text)
        if m:
            r.convention("moments start", m.group(0), "the moments start at 0 (m_0 = v_0 = 0)")
        m = rx(r"\bif v̂_?\{?t ?, ?i\}? ?= ?0\b[^.;]{0,60}?\b(?:to be|is|as) 0\b").search(objs.text)
        if m:
            r.convention("zero gradient", m.group(0), "a coordinate with v̂ = 0 does not move "
                                                      "(the ε → 0 limit the spec takes)")
        m = rx(r"\bg(?:_t)? ?(?:= ?g ?)?(?:≠|!=|\\neq) ?0\b").search(objs.text)
        if m:
            r.convention("nonzero gradient", m.group(0), "a nonzero gradient (0/0 is excluded)")
        m = rx(_L2_PENALTY).search(objs.text)
        if m:
            r.convention("L2 penalty", m.group(0), "L2 regularisation adds λθ to the gradient "
                                                   "(the gradient of (λ/2)‖θ‖²)")


_L2_PENALTY = (r"\(?λ ?(?:/ ?)?2\)? ?‖ ?(?:θ|w|x) ?‖(?:_2)?(?: ?\^? ?2)?|"
               r"\(?λ ?/ ?2\)? ?(?:θ|w|x) ?\^? ?2")
"""The L2 penalty written out ('L(θ) + λ/2 ‖θ‖²_2', flattened 'λ 2 ‖θ‖_2 2')."""


_ZERO_START = (r"\b(?:m and v|m_t and v_t|the (?:moments|moving averages|averages|buffers))(?: both)? "
               r"(?:start|are (?:initiali[sz]ed|started)|begin)(?: at| from| to| as)? (?:0|zero)\b")
"""The moments' zero start said in words ('m and v start at 0')."""


_DECAY_RANGE = (r"(?:β_?[12]|beta_?[12]|ρ|rho)(?: ?, ?(?:β_?[12]|beta_?[12]))? ?(?:∈|\bin) ?"
                r"\[ ?0 ?, ?1 ?\)")
"""The decays' domain stated ('β_1, β_2 ∈ [0, 1)')."""


_DERIVATIVE_AT_START = re.compile(r"(?:L|ℓ|l|f|J)(?:'|′)\((?:" + _ITERATE + r")_?\{?\(?0\)?\}?\)")
"""The loss's derivative at the start, in prime notation ('ℓ'(θ_0)', 'L′(w_0)'): the gradient
of a scalar parameter where the run begins (the first gradient)."""


_STEP_LABEL = re.compile(r"(?:^|[\s,;(])(?:at )?(?:step|iteration|update|t ?=) ?(\d{1,3}) ?[:)\-–—,]? ?"
                         r"(?:(?:the )?gradient (?:is )?)?$", re.I)
"""The step a plain gradient is labelled with, just before it ('step 2: g = (..)', 'iteration 3,
g = ..', 't = 1: g = ..')."""


def _gradient_assignments(objs: Any, flat: str) -> tuple[dict[int, Any], list[tuple[Any, str]]]:
    """Indexed gradients ``g_k = ..`` (k -> (value, source)) and unindexed ones (``g = ..``,
    ``∇L(θ₀) = ..``, 'the gradient of the data loss (0.2, 0.4)') of one text."""
    indexed: dict[int, Any] = {}
    plain = []
    labelled: dict[int, Any] = {}
    for a in objs.assignments:
        if a.base in ("gt", "Gt") and not a.index and a.numeric and not a.formula.remark:
            plain.append((a.value, a.source))   # 'gt = 3' of a PDF copy: g_t, its subscript flat
        elif a.base in ("g", "G") and a.numeric and not a.formula.remark:
            if a.index.isdigit() and int(a.index) == 0:
                continue        # G_0 = 0 starts an accumulator: the gradients are g_1, g_2, ..
            if a.index.isdigit():
                indexed.setdefault(int(a.index), (a.value, a.source))
            elif a.index in ("", "t"):
                plain.append((a.value, a.source))
                step = _STEP_LABEL.search(objs.text[:a.formula.start])
                if step is not None:
                    labelled.setdefault(int(step.group(1)), []).append(
                        (a.value, phrase(objs.text, step.start(), a.formula.end)))
    if not indexed and len(plain) > 1 and sum(len(v) for v in labelled.values()) == len(plain) \
            and all(len(v) == 1 for v in labelled.values()):
        # 'step 1: g = (0.1, -2)  step 2: g = (0.3, -2)': each gradient labelled by its step
        indexed = {k: v[0] for k, v in labelled.items()}
        plain = []
    for f in objs.formulas:
        if f.ops[0] == "=" and (isinstance(f.exprs[0], Grad) or _DERIVATIVE_AT_START.fullmatch(
                f.texts[0].replace(" ", ""))):
            value = next((e for e in f.exprs[1:] if e is not None and is_numeric(e)), None)
            if value is not None:
                plain.append((value, f.source))
    if not indexed and not plain:
        from optiproof.core.text.formulas import parse_side
        from optiproof.core.text.numbers import array_at

        m = rx(_GRADIENT_WORDS).search(flat)
        got = array_at(flat, m.end()) if m else None
        value = parse_side(flat[m.end():got[1]]) if got else None
        if value is not None and is_numeric(value):
            plain.append((value, phrase(flat, m.start(), got[1])))
    if not indexed and not plain:
        m = rx(_SCALAR_GRADIENT).search(flat)
        got = number_at(flat, m.end()) if m else None
        if got is not None:
            plain.append((sympy.Rational(got[0].value.numerator, got[0].value.denominator),
                          phrase(flat, m.start(), got[1])))
    if not indexed and not plain:
        m = rx(_ZERO_GRADIENT).search(flat) or rx(_ZERO_GRADIENT_NOUN).search(flat)
        if m is not None:
            plain.append((sympy.Integer(0), phrase(flat, m.start(), m.end())))
    return indexed, plain


def _zero_always(text: str) -> str | None:
    """The phrase saying the gradient is zero at every step ('gradient is exactly zero at every
    step', 'its loss gradient is identically zero', 'the data loss is identically zero'), or
    None."""
    for m in (rx(_ZERO_GRADIENT).search(text), rx(_ZERO_GRADIENT_NOUN).search(text)):
        if m is not None and rx(_ALWAYS_ZERO).match(text[m.end():]):
            return phrase(text, m.start(), m.end() + rx(_ALWAYS_ZERO).match(text[m.end():]).end())
        if m is not None and rx(r"\bidentically\b").search(m.group(0)) and \
                not rx(r"\b(?:step|iteration|update) 1\b|\bfirst\b").search(m.group(0)):
            return phrase(text, m.start(), m.end())     # 'its gradient is identically zero'
    for m in rx(_ZERO_ASSIGNED).finditer(text):     # '∇ℓ(θ) = 0 for all the steps considered'
        always = rx(_ALWAYS_ZERO).match(text[m.end():])
        if always or "≡" in m.group(0):
            return phrase(text, m.start(), m.end() + (always.end() if always else 0))
    m = rx(_ZERO_LOSS).search(text)
    return phrase(text, m.start(), m.end()) if m else None


_ZERO_ASSIGNED = (r"(?:∇ ?(?:ℓ|l|L|f|J)(?: ?\((?:θ|theta|w|x|p)[^()]{0,8}\))?|(?<![\w\\])g(?:_ ?\{?t\}?)?|"
                  r"\bgrad(?:ient)?) ?(?:=|≡) ?0(?![.,]?\d)")
"""A gradient written as zero ('∇ℓ(θ) = 0', 'g_t = 0', '∇L ≡ 0'): zero at every step when a
phrase of every step follows it, or when written ≡."""


_SAME_GRADIENT = re.compile(r"(?<![\w^])(?=(g_?\{?(\d{1,2})\}? ?= ?g_?\{?(\d{1,2})\}?)(?![\w(^]| ?[-+*/·×−]))")
"""'suppose g_2 = g_1', 'g2 = g1', 'g_3 = g_2 = g_1': a gradient of the sequence equal to another
one (not 'g_2 = g_1 + d', a formula)."""


_GRADIENT_SIGN = r"(?<![\w\\])g(?:_ ?\{?t\}?)?(?: ?= ?g)? ?(>|<) ?0(?![.,]?\d)"
"""The sign of a symbolic gradient ('g > 0', 'g_t = g < 0')."""


def _gradient_sign(own: str, ctx: str, r: PartReading) -> None:
    """A symbolic constant gradient whose sign the text states ('g_t = g > 0'); two different
    signs are refused."""
    found = [m for text in (own, ctx) for m in rx(_GRADIENT_SIGN).finditer(text)]
    signs = {m.group(1) for m in found}
    if len(signs) > 1:
        r.miss(F.gradient_sign, "the text gives the gradient two signs ("
               + ", ".join(f"'{m.group(0)}'" for m in found) + "); expected one")
    elif signs:
        r.set(F.gradient_sign, 1 if signs.pop() == ">" else -1, found[0].group(0))


def _repeated_gradients(flat: str, indexed: dict[int, Any]) -> None:
    """Give ``indexed`` (k -> (value, source)) every gradient the text sets equal to one it has
    ('g_2 = g_1', also along a chain); a gradient with a value of its own keeps it."""
    pairs = [(int(m.group(2)), int(m.group(3)), m.group(1)) for m in _SAME_GRADIENT.finditer(flat)]
    changed = True
    while changed:
        changed = False
        for k, j, source in pairs:
            for a, b in ((k, j), (j, k)):
                if b in indexed and a not in indexed and a != b:
                    indexed[a] = (indexed[b][0], source)
                    changed = True


def _vector(value: Any) -> list:
    """A gradient as a list of spec numbers (a scalar is one coordinate)."""
    if isinstance(value, sympy.MatrixBase):
        return spec_array(value)
    return [spec_number(value)]


def _read_gradients(own: str, ctx: str, objects: PartObjects, r: PartReading) -> None:
    """The gradients: the sequence g_1, g_2, .. (the part's own override the shared ones), or
    one gradient; a gradient written 0 is the zero vector of θ₀'s size. The whole sequence is
    kept until the questions say how much of it a run takes (:func:`_run_length`)."""
    shared, shared_plain = _gradient_assignments(objects.context, ctx)
    mine, my_plain = _gradient_assignments(objects.own, own)
    r.found["own gradient"] = bool(mine or my_plain)
    premise = rx(_CONSTANT_GRADIENT).search(own) or rx(_CONSTANT_GRADIENT).search(ctx)
    zero = _zero_always(own) or _zero_always(ctx)
    if premise is None and zero is not None:
        r.set(F.constant, True, zero)   # a zero gradient at every step: the same every step
    if zero is not None and rx(_ZERO_ASSIGNED).search(zero) and not (
            mine or my_plain or shared or shared_plain):
        # 'g_t ≡ 0': a gradient written zero that no assignment gave (≡ is not read as one)
        (my_plain if _zero_always(own) else shared_plain).append((sympy.Integer(0), zero))
    if premise is not None:
        text = own if rx(_CONSTANT_GRADIENT).search(own) else ctx
        r.set(F.constant, True, phrase(text, premise.start(), premise.end()))
        if not (mine or my_plain) and (rx(_SYMBOLIC_CONSTANT).search(own) or not (
                shared or shared_plain)):
            r.found["symbolic constant"] = True
            _gradient_sign(own, ctx, r)
            return      # 'suppose instead g_t = g for every t': a symbol, closed forms in t
    general = rx(_GENERAL_GRADIENT).search(own)
    if general is not None and not (mine or my_plain):
        # 'the update for a general gradient g_t': a symbol, not the gradients given for a run
        r.set(F.gradient, _gradient_symbol(general.group(1)), general.group(0))
        r.found["symbolic constant"] = True
        return
    # a gradient the part states itself ('on a constant gradient g = 1') replaces the shared
    # sequence
    indexed = {**({} if my_plain and not mine else shared), **mine}
    _repeated_gradients(ctx + " " + own, indexed)
    plain = my_plain or shared_plain
    theta0 = r.value(F.theta0)
    try:
        if indexed and sorted(indexed) == list(range(1, len(indexed) + 1)):
            r.found["sequence"] = [(_vector(indexed[k][0]), indexed[k][1])
                                   for k in sorted(indexed)]
        elif indexed and not plain:
            r.found["later"] = {k: (_vector(v), s) for k, (v, s) in indexed.items()}
            return
        elif plain:
            value, source = plain[0]
            vec = _vector(value)
            if vec == [0] and isinstance(theta0, list):
                vec = [0] * len(theta0)
            start = r.fields.get(F.theta0)
            if my_plain and isinstance(theta0, list) and len(vec) != len(theta0) and \
                    start.source not in own:
                # 'on a constant gradient g = 1 (scalar)': the part's own problem, of another
                # size than the shared start
                r.fields.pop(F.theta0)
                r.notes.append(f"the part's gradient \"{source}\" has {len(vec)} entr"
                               f"{'y' if len(vec) == 1 else 'ies'}: the shared start "
                               f"\"{start.source}\" is not this part's")
            r.found["sequence"] = [(vec, source)]
            r.found["constant"] = bool(rx(_CONSTANT_GRADIENT).search(own + " " + ctx)) or \
                (zero is not None and value == 0)    # zero at every step: the same every step
            r.found["constant until"] = _constant_until(own) or _constant_until(ctx)
        else:
            return
    except ValueError as err:
        r.miss(F.gradient, str(err))
        return
    first, source = r.found["sequence"][0]
    r.set(F.gradient, first, source)


_GENERAL_GRADIENT = (r"\b(?:for |with |given )?(?:a |an |any )?(?:general|arbitrary|generic|"
                     r"any) (?:\w+ )?gradient\b(?: (?:vector )?(g(?:_ ?\{?[tk]\}?)?|∇ ?L)(?![\w(]))?")
"""A part asking about any gradient ('the update for a general gradient g_t', 'for an
arbitrary gradient'): the answer is a formula in a gradient symbol, not a run."""


def _gradient_symbol(written: str | None) -> str:
    """The spec's symbol for a gradient the text writes ``g``, ``g_t`` (else ``g``)."""
    if written and re.fullmatch(r"g_ ?\{?[tk]\}?", written):
        return "g_" + re.sub(r"[^tk]", "", written[1:])
    return "g"


def _run_length(r: PartReading, steps: dict[int, str]) -> None:
    """The gradients the part's run takes: as many as the asked index (θ_2: g_1, g_2), or the
    number of steps stated; a constant gradient repeats."""
    sequence = r.found.get("sequence")
    if not sequence and F.loss in r.fields and len(steps) > 1 and r.found.get("iterates only"):
        r.set(F.t, max(steps), "; ".join(steps.values()))   # one run answers every iterate
        return
    if not sequence and F.loss in r.fields and len(steps) > 1:
        listed = ", ".join(f"'{s}'" for s in steps.values())
        r.miss(F.t, f"the part asks about several steps ({listed}) of the run on the loss in one "
                    "question (expected one step index per part)")
        return
    if not sequence:
        if len(steps) == 1 and F.t not in r.fields and not isinstance(r.value(F.gradient), list):
            index, source = next(iter(steps.items()))
            r.set(F.t, index, source)       # 'm̂_1 in terms of g_1': the step index asked
        return
    if len(steps) > 1:
        listed = ", ".join(f"'{s}'" for s in steps.values())
        r.miss(F.gradients, f"the part asks about several steps ({listed}) in one question "
                            "(expected one step index per part)")
        return
    count = next(iter(steps)) if steps else r.value(F.t) if isinstance(r.value(F.t), int) \
        else None
    if count is None:
        count = len(sequence)
        if count > 1:
            r.notes.append(f"no step index asked: the run takes all {count} given gradients")
    if r.found.get("constant") and count > MAX_STEPS:
        asked = steps.get(count) or (r.fields[F.t].source if F.t in r.fields else f"step {count}")
        r.miss(F.gradients, f"'{asked}' is the iterate after {count} steps of the constant "
                            f"gradient, more than the {MAX_STEPS} steps a run on given gradients "
                            f"is computed for (expected at most {MAX_STEPS} steps)")
        return
    until = r.found.get("constant until")
    if r.found.get("constant") and until is not None and count > until:
        asked = steps.get(count) or (r.fields[F.t].source if F.t in r.fields else f"step {count}")
        r.miss(F.gradients, f"'{asked}' is the iterate after {count} steps but the gradient "
                            f"\"{sequence[0][1]}\" is stated for the first {until} steps only "
                            f"(expected the gradient{'s' if count > until + 1 else ''} of "
                            f"step{'s' if count > until + 1 else ''} "
                            f"{until + 1}{f' to {count}' if count > until + 1 else ''})")
        return
    if r.found.get("constant"):
        rows = [sequence[0]] * count
    elif count <= len(sequence):
        rows = sequence[:count]
    else:
        asked = steps.get(count, f"step {count}")
        r.miss(F.gradients, f"'{asked}' is the iterate after {count} steps but the text gives "
                            f"{len(sequence)} gradient(s) (expected g_1, ..., g_{count})")
        return
    if count == 1:
        r.set(F.gradient, rows[0][0], rows[0][1])
        return
    r.set(F.gradients, [v for v, _ in rows], "; ".join(dict.fromkeys(s for _, s in rows)))
    r.fields.pop(F.gradient, None)


HOOKS = AdamMechanicsReader()
"""This family's reader hooks (see optiproof.reading.registry)."""
