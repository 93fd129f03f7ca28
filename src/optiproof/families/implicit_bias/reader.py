"""Reader for implicit-bias parts: where does an optimizer converge on least squares?

Reads the data (an equation ``[1, 0.1, 0.01]θ = 1`` or ``2θ_1 + θ_2 = 5``, a loss ``(1 -
[..]θ)^2`` or ``L(w) = (w1 + w2 - 1)^2 + ...``, data points, a table, ``X`` and ``y`` in any
notation: see :mod:`.datatext`), the start θ0 (``θ_0 = 0``, ``w^(0)``, bold zero, "start at the
origin", a vector), the loss constant, a stated step, and one method per part, described by
name or in words (vanilla SGD, momentum with β, Nesterov, the epoch-wise diagonal Adam-like
method, feature rescaling then SGD then mapping back, Adam/RMSprop/Adagrad, sign descent, ridge,
a preconditioner). A method defined in the
shared context under a name ("Consider O: ...") is found again when a part refers to it.
Spec field names live in :data:`F`; method names in :data:`M`.
"""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction
from types import SimpleNamespace
from typing import Any

from optiproof.catalogue import QUANTITIES
from optiproof.catalogue import optimizers as O
from optiproof.catalogue import norms as N
from optiproof.catalogue import quantities as Q
from optiproof.catalogue import transforms as T
from optiproof.core.text.match import (
    Score,
    assigned_array,
    assigned_number,
    cue_score,
    negated,
    rx,
    rxc,
    sentences,
    take_asks,
)
from optiproof.core.text.numbers import (
    Num,
    array_at,
    array_text,
    is_matrix,
    iter_arrays,
    number_at,
    parse_number,
    row_block,
    spec_array,
)
from optiproof.core.text.mathobjects import PartObjects
from optiproof.core.text.record import PartReading, PartText, phrase
from optiproof.families.implicit_bias import datatext, datawords
from optiproof.families.implicit_bias.family import IMPLICIT_BIAS, KEY

FAMILY = KEY
F = SimpleNamespace(X="X", y="y", a="a", b="b", theta0="theta0", loss="loss", method="method",
                    trial_steps="trial_steps",
                    presume_zero_loss="presume_zero_loss", asks="asks", derived="derived")
"""Spec field names of the implicit-bias family."""
M = SimpleNamespace(gd=O.GD.key, sgd=O.SGD.key, heavy_ball=O.HEAVY_BALL.key, nesterov=O.NESTEROV.key,
                    preconditioned=O.PRECONDITIONED.key, rescaled=O.RESCALED_SGD.key,
                    epochwise=O.EPOCHWISE.key, sign=O.SIGN_GD.key, adam="torch-adam",
                    rmsprop="torch-rmsprop", adagrad="torch-adagrad", ridge=O.RIDGE.key)
"""Method names of the implicit-bias family."""

CUES = [
    (r"\bconverge", 2), (r"\bleast[- ]squares|\bsquared (?:loss|error)", 2),
    (r"\bX ?=|‖ ?X ?θ|\bX ?θ\b", 1),
    (r"\btraining (?:point|example|data)|\bdata points?", 1),
    (r"θ_0|θ_init|\binitiali[sz]|\bstart(?:s|ing)? (?:at|from)|\bthe origin", 1),
    (r"\bsgd\b|\badam\b|\bmomentum\b|\bgradient descent|\brmsprop|\badagrad|\bgd\b", 1.5),
    (r"‖ ?[XA] ?(?:θ|w|β|x)\b ?- ?[yb] ?‖|\bX ?(?:w|β)\b ?= ?y\b", 2),
    (r"\((?:[^()]{0,40}?(?:θ|w|x)_?\d){2}[^()]{0,40}\) ?\^ ?2", 3),
    (r"(?:θ|w|x)_?\d ?[-+] ?(?:\d{1,6}(?:\.\d{1,6})? ?[*·]? ?)?(?:θ|w|x)_?\d\b[^=]{0,40}= ?-?\d", 2),
    (r"\b(?:θ|w|x)_?(?:∞|\{?\\infty\}?|inf)\b|\blim_?\b", 1),
    (r"\bimplicit (?:bias|regulari[sz])", 3), (r"\bminimum[- ]norm", 1),
    (r"[\])]\s?(?:\^T)?\s?θ ?= ?-?\d", 3), (r"\bX ?θ ?= ?y\b", 2),
]

# Method mentions, most specific first; a later, overlapping mention is dropped.
METHODS = {
    M.nesterov: r"\bnesterov(?:'s)?(?: momentum| accelerated gradient)?",
    M.heavy_ball: r"\bheavy[- ]ball(?: momentum)?|\bpolyak(?: momentum)?|"
                  r"\b(?:sgd|gradient descent) with momentum|\bmomentum\b",
    M.sign: r"\bsign[- ]?sgd\b|\bsigngd\b|\bsign(?:ed)? gradient descent|\bsign descent|"
            r"\bsignum\b|\bsign of the gradient|\bsign-descent\b",
    M.rmsprop: r"\brmsprop\b",
    M.adagrad: r"\badagrad\b",
    M.adam: r"\badam\b(?![- ](?:style|like|type))",
    M.ridge: r"\bridge(?: regression)?\b|\bweight decay\b|\b(?:l|ℓ)_?2[- ](?:regulari[sz]|penalt)|"
             r"\btikhonov|"
             r"\+ ?\(?(?:λ|lambda|lam)(?: ?/ ?2|2)?\)? ?\*? ?(?:‖|\|\||k(?=θ|w))|"
             # the ridge solution written out: (XᵀX + λI)⁻¹Xᵀy, Xᵀ(XXᵀ + λI)⁻¹y
             r"\( ?(?:X ?\^ ?\{?(?:T|⊤)\}? ?X|X ?X ?\^ ?\{?(?:T|⊤)\}?|A ?\^ ?\{?(?:T|⊤)\}? ?A|A ?A ?\^ ?"
             r"\{?(?:T|⊤)\}?) ?\+ ?(?:λ|lambda|lam) ?\*? ?I?(?:_\{?\w\}?)? ?\) ?\^ ?\{? ?\(? ?[-−] ?1(?!\d)",
    M.preconditioned: r"\bpre-?conditioned(?: gradient descent)?|\bpre-?conditioner|\bprecond\b\.?",
    M.sgd: r"\bsgd\b|\bstochastic gradient descent",
    M.gd: r"\b(?:full[- ]batch |plain |vanilla |ordinary )?gradient descent\b|\bgd\b",
}
_RESCALING = (r"\b(?:re)?scal(?:e|es|ed|ing)\b[^.]{0,80}\b(?:second[- ]moment|unit variance|"
              r"unit (?:rms|scale))|\bstandardi[sz]|\bwhiten")
_MAP_BACK = r"\b(?:convert|map|transform|translat)\w{0,4}\b[^.]{0,60}\bback\b|\boriginal (?:units|coordinates|scale)"
_EPOCHWISE_CUES = [r"\bepoch", r"\bsquare roots?\b|\bsqrt\b|√|\broot[- ]mean[- ]square|\brms\b",
                   r"\bmean\b|\baverage", r"\bsquared?\b", r"\bdiagonal|\bcoordinate"]
_ADAM_LIKE = r"\b(?:simplified|adam[- ](?:style|like|type))\b[^.]{0,30}|\badam[- ](?:style|like)"
_SUBSUMES = {
    M.rescaled: {M.sgd, M.gd},
    M.heavy_ball: {M.sgd, M.gd},
    M.nesterov: {M.sgd, M.gd, M.heavy_ball},
    M.epochwise: {M.sgd, M.gd, M.adam, M.preconditioned},
    M.ridge: {M.sgd, M.gd},
    M.preconditioned: {M.gd, M.sgd},
    M.adam: {M.gd, M.sgd},
    M.rmsprop: {M.gd, M.sgd},
    M.adagrad: {M.gd, M.sgd},
}


_WHETHER_REACHED = (r"\bwhether (?:or not )?[^.?]{0,30}?\b(?:reach(?:es)?|finds?|converges? to|"
                    r"ends? up at|attains?|lands? on|gets?) (?:it|this|that)\b")
"""'... the minimum-norm solution and say whether GD reaches it': is it the minimum-norm one?"""
def _method_words(own: str, r: PartReading, method: Any, source: str) -> str:
    """The method's source, with the text's words that name the method read and add nothing
    to it: "diagonal preconditioner" when it is preconditioned GD with a diagonal P, "rescales
    the features" when it was read from a feature rescaling mapped back."""
    P = method.get("P") if isinstance(method, dict) and method.get("name") == M.preconditioned \
        else None
    diagonal = isinstance(P, list) and all(
        not isinstance(row, list) or all(v == 0 for k, v in enumerate(row) if k != i)
        for i, row in enumerate(P))
    named = [m.group(0) for m in rx(r"\bdiagonal(?:ly)? precondition\w*").finditer(own)] \
        if diagonal else []
    if diagonal and r.found.get("feature-scale"):
        from optiproof.catalogue import KINDS
        from optiproof.catalogue.optimizers import RESCALED_SGD

        named += [m.phrase for m in KINDS["optimizer"].mentions(own)
                  if m.entry.key == RESCALED_SGD.key]
    return "; ".join(dict.fromkeys([source, *named]))


_LIMIT_SYMBOL = re.compile(r"^(?:θ|w|x)(?:_?∞|[A-Z]{1,4}_?∞|\^?\*|_\w{1,6}|\((?:λ|lambda)\))?"
                           r"(?:\^\{?[A-Za-z]{1,8}\}?)?"
                           r"(?:[_^]?\{?\((?:[a-h]|\d{1,2}|[ivx]{1,4})\)\}?)?$")
"""A limit symbol: θ_∞, w*, θ_inf, w_∞^GD (with a method's tag), θ_(a) (a part's label)."""
_ITERATE_FORMULA = (r"\b(?:write|give|find|derive|express|state)\s(?:down |out )?(?:the iterates? )?"
                    r"(?:θ|w|x)_?\{?[ktn]\}?(?![\w(])[^.;?]{0,20}?\b(?:closed[- ]form|as a function of|"
                    r"in terms of) ?[ktn]?\b|\bclosed[- ]form (?:of|for) (?:the )?(?:iterates?|(?:θ|w|x)_?"
                    r"\{?[ktn]\}?(?![\w(]))")
"""'Write w_k in closed form', 'the closed form of the iterates': the iterate as a formula in the
running index, asked."""
_RUNNING_ITERATE = r"^(?:θ|w|x)_?\{?(?:k|t|n|i|j|s)(?: ?[-+] ?1)?\}?$"
"""The iterate at a running step index (w_k, θ_t, w_{k+1}): a sequence, not the limit (a final
count in capitals, w_K, is the point reached)."""


class ImplicitBiasReader:
    family = FAMILY
    answers = (*IMPLICIT_BIAS.answer_keys, Q.DISTANCE.key, Q.SAME_AS.key, Q.DIFFERS.key)
    secondary = (Q.MAX_STEP.key, Q.ITERATIONS.key, Q.ROUNDS.key, Q.CONVERGES.key)
    """The largest stable step and the step count belong to the quadratic-dynamics family (the
    rounds to the communication family); on least squares given by its data this family
    answers them too (tried after the owner)."""
    ask_field = F.asks

    def score(self, flat: str) -> Score:
        return cue_score(flat, CUES)

    def asked(self, r: PartReading) -> list[str]:
        """The part's asks in order; without any, a part with a method asks for its limit."""
        derived = [d["kind"] for d in r.value(F.derived) or []]
        if F.asks in r.fields:
            return [QUANTITIES.canonical(k) for k in r.value(F.asks) or []] + derived
        return ([Q.LIMIT.key] if r.value(F.method) is not None else []) + derived

    def take(self, r: PartReading, asks: list[tuple[str, str]]) -> None:
        """Asked quantities of the family join the part's asks; a part that asks only for the
        limit keeps the spec's default (the limit, implied by the method)."""
        asks = _loss_at_the_limit(r, asks)
        asks = _minimal_value_of_form(r, asks)
        both = rx(r"\b(?:norms?|lengths?|distances?|losse?s?) (?:of |for )(?:the two|both(?: the)?|the (?:two|"
                  r"both)) (?:limits|limit points)\b").search(r.own_text or "")
        if both and not r.found.get("about-part") and isinstance(r.value(F.method), str) and \
                not rx(r"\((?:[a-h]|\d{1,2}|i{1,3}|iv|v)\)|\bparts? \(?\w\b").search(r.own_text or ""):
            r.miss("question", f'"{both.group(0)}" asks about two limits, but the part runs one '
                               "method (expected each method named in the part, or 'the limits of "
                               "(a) and (b)')")
        other = [(k, s) for k, s in asks if r.found.get("about-part") and
                 not _about_this_part(r, s)]
        asks = [(k, s) for k, s in asks if (k, s) not in other]
        words = r.found.get("distance-words")
        if words:   # 'the limit of (c)', 'the minimum-norm solution': the distance's two ends
            ends = [(k, s) for k, s in asks if k in (Q.LIMIT.key, Q.MIN_NORM_SOLUTION.key)
                    and s in words[0]]
            for k, _ in ends:
                r.answered_by[k] = Q.DISTANCE_TO_MIN_NORM.key
            asks = [x for x in asks if x not in ends]
        asks = [(self._as_asked(r, k, s), s) for k, s in asks]
        read = re.findall(r"‖[^‖]{1,40}‖", r.found.get("start-distance", "").replace(" ", ""))
        distance = [(k, s) for k, s in asks if k == Q.NORM_VALUE.key and read and
                    read[0] in s.replace(" ", "")]
        if distance:   # 'what is ‖w_∞ − w_0‖_2': the norm asked is the distance the part read
            r.answered_by[Q.NORM_VALUE.key] = Q.VALUE_AT.key
            asks = [x for x in asks if x not in distance]
        running = rx(_ITERATE_FORMULA).search(r.own_text or "")
        if running:
            r.miss("question", f"\"{running.group(0)}\" asks for the iterate at every step as a "
                               "formula in the step index, which this family does not answer "
                               "(it answers the limit, the steps until it is reached, norms)")
        its = rx(_ITS_BARE_NORM).search(r.own_text or "")
        if its and any(k in (Q.LIMIT.key, Q.RIDGELESS_LIMIT.key) for k, _ in asks) and \
                not any(k == Q.NORM_VALUE.key for k, _ in asks):
            asks.append((Q.NORM_VALUE.key, its.group(1)))   # "give the limit and its norm"
        if any(k == Q.ROUNDS.key for k, _ in asks):   # "how many steps" of the method
            r.answered_by[Q.ROUNDS.key] = Q.ITERATIONS.key
            asks = [(Q.ITERATIONS.key if k == Q.ROUNDS.key else k, s) for k, s in asks]
        again = rx(_CORRESPONDING_FOR).search(r.own_text or "")
        if again and any(k == Q.MAX_STEP.key for k, _ in asks):
            # 'compare with the corresponding threshold for plain GD': the largest step again
            same = [(k, s) for k, s in asks if k != Q.MAX_STEP.key and s in again.group(0)]
            for k, _ in same:
                r.answered_by[k] = Q.MAX_STEP.key
            asks = [x for x in asks if x not in same]
        trial = _trial_steps(r, asks)
        if any(k == Q.MAX_STEP.key for k, _ in asks) and not trial:
            # "for which steps does it converge?" asks one thing: the bound
            for k, _ in asks:
                if k == Q.CONVERGES.key:
                    r.answered_by[k] = Q.MAX_STEP.key
            asks = [(k, s) for k, s in asks if k != Q.CONVERGES.key]
        whether = rx(_WHETHER_REACHED).search(r.own_text or "")
        if whether and any(k == Q.MIN_NORM_SOLUTION.key for k, _ in asks):
            asks.append((Q.IS_MIN_NORM.key, whether.group(0)))
        mine = [(k, s) for k, s in asks if k in self.answers and
                (k != Q.CONVERGES.key or trial) and
                (k != Q.CHANGES.key or _compares_with_gd(r)) and
                (k != Q.NORM_VALUE.key or _norm_of_a_limit(r.own_text or "", s, r))]
        for k, s in mine:
            if k in _COMPARISONS:
                _compare(r, k, s)
        mine = [(k, s) for k, s in mine if k != Q.DISTANCE.key and k not in _COMPARISONS and
                (k != Q.WHICH_NORM.key or _which_norm_known(r))]
        if any(k in (Q.WHICH_NORM.key, Q.IS_MIN_NORM.key, Q.MIN_NORM_SOLUTION.key) for k, _ in mine):
            among = rx(r"\bamong (?:all )?(?:the )?(?:solutions|interpolants|interpolating (?:solutions|"
                       r"points)|minimi[sz]ers|zero-loss (?:solutions|points))(?: (?:of|to) [^,;.?]{1,60}?)?"
                       r"(?=,|;|$| which\b| the\b)").search(r.own_text or "")
            if among:   # 'Among all solutions of Xw = y, which norm ...': the set minimised over
                r.convention("solution set", among.group(0), "the solutions the norm is minimised "
                                                             "over (those of the data's equations)")
        if any(k == Q.WHICH_NORM.key for k, _ in mine):
            _read_weight(r, [s for k, s in mine if k == Q.WHICH_NORM.key])
            _read_coordinates(r)
            family = rx(r"(?:ℓ|\bl)_?\{?p\}?[- ]norms?\b|\bp-norms?\b").search(r.own_text or "")
            if family:
                r.convention("which-norm", family.group(0), "the family of norms the answer is "
                                                            "one of")
        if any(k == Q.PRECONDITIONER.key for k, _ in mine):
            _read_p_scale(r)
        mine += _compared_norms(r, mine)
        _value_of_that_norm(r)
        _other_norms_of_the_limit(r, asks)
        elsewhere = _answered_by_a_sibling(r, asks)
        mine = [(k, s) for k, s in mine if k not in elsewhere]
        if r.value(F.method) is not None and not all(k == Q.LIMIT.key for k, _ in mine):
            take_asks(r, F.asks, mine, IMPLICIT_BIAS.answer_keys)
        elif not mine and r.found.get("loss-at-limit") and F.asks not in r.fields:
            r.set(F.asks, [], r.found["loss-at-limit"],
                  note="the part asks only the loss at the limit")
        _unread_difference(r)
        for k in elsewhere:
            r.answered_by[k] = self.asked(r)[0]
            r.notes.append(f"the {QUANTITIES[k].name} is answered with the other method of the "
                           "part")
        for k, s in other:
            r.answered_by.setdefault(k, self.asked(r)[0])
            r.notes.append(f"\"{s}\" is about another part's result: answered in that part's "
                           "reading")

    def continuation(self, r: PartReading, sentence: str,
                     asks: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """A request that asks only the loss at the limit in words the question layer does not
        place ("and what's the final training loss?", "lim_{t→∞} L(θ_t)"): the limit, which
        :func:`_loss_at_the_limit` turns into the loss evaluated there."""
        m = rx(_LOSS_AT_LIMIT).search(sentence)
        if m:
            return [(Q.LIMIT.key, m.group(0))]
        m = rx(_TRIAL_STEP).search(sentence)   # 'Would lr = 0.25 work?', of a method with a bound
        return [(Q.CONVERGES.key, m.group(0))] if m and _method_name(r) in _BOUNDED else []

    @staticmethod
    def _as_asked(r: PartReading, key: str, source: str) -> str:
        """On least squares with many solutions 'the minimum-norm minimiser' is the
        minimum-norm solution; the norm of the difference between a limit and the minimum-norm
        solution (read by the part) is their distance."""
        if key == Q.DISTANCE.key and r.found.get("split-distance"):
            return key
        if key == Q.CHANGES.key and r.found.get("compared") is not None and \
                r.found.get("gd-reference") is None and not rx(_VS_GD).search(r.own_text or ""):
            r.answered_by[key] = Q.DIFFERS.key     # changes from the part it reruns
            return Q.DIFFERS.key
        if key == Q.DIFFERS.key and r.found.get("compared") is None and \
                rx(_VS_GD).search(r.own_text or ""):   # "a different limit than plain GD"
            r.answered_by[key] = Q.CHANGES.key
            return Q.CHANGES.key
        if key == Q.STEP_LENGTH.key and rx(_ITS_NORM_ASKED).search(source):
            r.answered_by[key] = Q.NORM_VALUE.key
            return Q.NORM_VALUE.key     # 'Where does it converge? What is its norm?': no step here
        if key == Q.NORM_VALUE.key and _compared_norm(r.own_text or "", source):
            return key      # 'which of the two has the larger norm' is not their distance
        if key in (Q.NORM_VALUE.key, Q.DISTANCE.key) and r.found.get("pair-distance"):
            r.answered_by[key] = Q.DISTANCE.key
            return Q.DISTANCE.key
        if key == Q.LIMIT.key and r.found.get("pair-distance"):   # "between the two limits"
            r.answered_by[key] = Q.DISTANCE.key
            return key
        if key in (Q.NORM_VALUE.key, Q.DISTANCE.key) and r.found.get("distance"):
            r.answered_by[key] = Q.DISTANCE_TO_MIN_NORM.key
            return Q.DISTANCE_TO_MIN_NORM.key
        if key == Q.LIMIT.key and not r.found.get("siblings") and \
                _main_answer(r) == Q.RIDGELESS_LIMIT.key:
            r.answered_by[key] = Q.RIDGELESS_LIMIT.key      # 'let λ → 0. What is the limit?'
            return Q.RIDGELESS_LIMIT.key
        if key == Q.UPDATE.key and rx(r"^closed[- ]form$").search(source.strip()):
            main = _main_answer(r)   # 'I'd like the closed form': the exact answer it gives
            r.answered_by[key] = main
            return main
        if key == Q.MINIMISER.key and rx(r"\bmin(?:imum|imal|\.)?[- ]norm\b").search(
                source):
            r.answered_by[key] = Q.MIN_NORM_SOLUTION.key
            return Q.MIN_NORM_SOLUTION.key
        return key

    def applied(self, r: PartReading) -> set[str]:
        """Rescaling the features and mapping back is the rescaled-SGD method; adding weight
        decay is the ridge method."""
        method = r.value(F.method)
        name = method.get("name") if isinstance(method, dict) else method
        if name == M.ridge:
            return {T.ADD_WEIGHT_DECAY.key}
        scaled = name == M.rescaled or r.found.get("feature-scale")
        return {T.RESCALE_FEATURES.key, T.MAP_BACK.key} if scaled else set()

    def symbol(self, r: PartReading, symbol: str) -> str | None:
        """θ, w, θ_∞ (the trained weights) ask for the limit; a symbol of a distance the part
        read (``kθ∞ - θ† k2``) asks for that distance."""
        s = symbol.replace(" ", "")
        if r.found.get("loss-at-limit") and rx(_LOSS_AT_LIMIT).fullmatch(symbol.strip()):
            return Q.VALUE_AT.key     # 'L(w_∞)': the loss at the limit, read as such
        if r.found.get("distance") and s in r.found["distance"].replace(" ", ""):
            return Q.DISTANCE_TO_MIN_NORM.key
        if s == "P" and rx(_PRECONDITIONER_WORD).search(r.own_text or ""):
            return Q.PRECONDITIONER.key     # 'preconditioned GD with a fixed P ... Which P?'
        weight = _weight_form(r.own_text or "")
        if weight is not None and s == weight.group(1):
            return Q.WHICH_NORM.key     # 'minimises (θ − θ0)ᵀM(θ − θ0)... Give M
        if rx(_RUNNING_ITERATE).match(s):
            return None   # 'w_k in closed form': the iterate at a running step, not the limit
        return Q.LIMIT.key if _LIMIT_SYMBOL.match(s) and not re.search(r"_\d", s) else None

    def read_part(self, part: PartText, objects: PartObjects,
                  previous: list[PartReading]) -> list[PartReading]:
        own, ctx = part.flat, part.flat_context
        base = PartReading(part.label, FAMILY, own_text=own)
        d = _read_data(part, base, objects)
        _read_loss(own, ctx, base)
        _read_remarks(own, ctx, base)
        ref = None
        diff = next((d for d in _DIFFERENCE.finditer(own) if not _RESIDUAL.match(d.group(0))),
                    None)
        if diff and not _methods_in(own.replace(diff.group(1), " ").replace(diff.group(2), " "),
                                    ctx, PartReading(part.label, FAMILY)):
            ref = _distance_reference(own, previous, base)
        if ref is None and not diff:
            ref = _distance_in_words(own, ctx, previous, base)
        methods = _read_methods(own, _named_definition(own, ctx, base), base) \
            if ref is None else []
        methods = _equivalent_preconditioner(own, base, methods, previous)
        methods = _shared_method_of_named_results(own, base, methods, previous)
        for m in rx(r"\binstead of (?:plain |vanilla |full-batch )?(?:gd|sgd|gradient descent|"
                    r"momentum|adam)\b").finditer(own):
            base.convention("method", m.group(0), "the method this part does not run")
        if len(methods) == 2 and M.gd in [m[0] for m in methods] and rx(_VS_GD).search(own) \
                and rx(r"\bchange|\bdiffer|\bthe same\b").search(own):
            methods = [m for m in methods if m[0] != M.gd]   # GD is what the limit is compared to
        if not methods and ref is None and not _referenced(own, previous) and \
                not _compares_results(own):
            several = _several_referenced(own, previous, base)
            if several:
                return _per_result_readings(part.label, own, several, base)
        if not methods:
            ref = ref or _referenced(own, previous)
            if ref is not None:
                field = ref.fields[F.method]
                base.missing = [m for m in base.missing if m.name != F.method]
                methods = [(field.value, f"{field.source} (the method of part ({ref.label}))")]
                base.notes.append(f"the part asks about the result of part ({ref.label}); its "
                                  "method and start are used")
        if not methods and ref is None and d is not None and _asks_only_min_norm(own):
            base.missing = [m for m in base.missing if m.name not in (F.method, F.theta0)]
            base.set(F.method, M.gd, "", note="no method is named: the part asks only for the "
                     "minimum-norm solution X⁺y, which no method or start changes (computed "
                     "as the limit of GD from 0)")
            base.set(F.theta0, [0] * d, "")
            _note_compared(own, base, previous)
            return [base]
        if len(methods) == 1 and methods[0][0] == M.gd:
            methods = [_feature_scaling(own, base, methods[0])]
        if len(methods) == 1 and not base.found.get("feature-scale"):
            methods = [_scaled_features(own, ctx, base, methods[0])]
        if len(methods) == 1 and methods[0][0] == M.ridge:
            methods = [_ridge_in_part(own, methods[0][1], base)]
        if len(methods) == 1:
            methods = [_ridge_form(own, ctx, methods[0], base)]
        start_ref = ref
        if ref is None and len(methods) == 1:   # the start of the earlier part that wrote w_∞
            writer = _limit_writer(own, previous)
            if writer is not None and writer.fields[F.method].value == methods[0][0]:
                start_ref = writer
        start_ref = start_ref or _same_start(own, previous) or \
            _carried_start(own, ctx, previous, base)
        _read_start(own, ctx, base, d, start_ref, methods[0][0] if len(methods) == 1 else None)
        if base.found.get("feature-scale") and any(v != 0 for v in base.value(F.theta0) or []):
            base.miss(F.theta0, "a feature is rescaled before training from a nonzero start: "
                                "whether the start is in the original or the rescaled units is "
                                "not settled (expected a start at 0)")
        methods = [_first_gradient_preconditioner(base, m) for m in methods]
        methods = [_earlier_preconditioner(own, base, m, previous) for m in methods]
        _reported_run_length(ctx, base, methods)
        if len(methods) <= 1:
            if methods and not any(m.name == F.method for m in base.missing):
                base.set(F.method, methods[0][0], _method_words(own, base, *methods[0]))
                _note_gd_reference(base, previous)
            if methods and diff is not None and ref is None and \
                    not _distance_to_start(own, diff, base) and not any(
                        base.found.get(k) for k in ("distance", "pair-distance", "split-distance",
                                                    "distance-words")):
                base.found["unread-difference"] = diff.group(0)
            _note_compared(own, base, previous)
            if methods and base.found.get("pair-distance") is None:
                _distance_to_a_part(own, base, previous)
            pair = base.found.get("pair-distance")
            if pair is not None and methods:
                base.set(F.derived, [pair], base.found["pair-distance-source"])
                base.set(F.asks, [], base.found["pair-distance-source"],
                         note="the part asks only what it computes from the earlier limits")
                return [base]
            return _with_earlier_result(part.label, own, base, previous)
        out = []
        for i, (value, src) in enumerate(methods, 1):
            r = PartReading(f"{part.label}.{i}", FAMILY, fields=dict(base.fields),
                            missing=list(base.missing), notes=list(base.notes),
                            conventions=list(base.conventions), own_text=own)
            if value == M.ridge:
                src = "; ".join([src, *_ridgeless_sources(own)])
            if value != M.preconditioned:   # a preconditioner without P stays missing
                r.set(F.method, value, src)
            r.notes.append(f"part ({part.label}) asks about {len(methods)} methods; this is "
                           f"method {i}")
            r.found["part-methods"] = [v.get("name") if isinstance(v, dict) else v
                                       for v, _ in methods]
            out.append(r)
        names = [_method_name(r) for r in out]
        if len(out) == 2 and names.count(M.ridge) == 1:   # one method and ridge: asks divide
            for r, other in zip(out, reversed(out)):
                r.found["siblings"] = O.RIDGE.key if _method_name(r) != M.ridge else "other"
                r.found["sibling-method"] = _method_name(other)
        _distance_of_the_two(own, out)
        return out


_TRIAL_STEP = (r"\b(?:would|will|does|do|is|can|could) (?:a |the |this |that )?(?:constant |fixed )?"
               r"(?:step[- ]?size|learning[- ]rate|lr|step|η|α|γ|eta|alpha|gamma) ?(?:=|of) ?"
               r"([-−]?\d[\d.]*(?:/\d+)?(?:e-?\d+)?) (?:(?:still|also|then|too|supposed to|expected to|"
               r"going to|guaranteed to) )?(?:work|converge|be (?:stable|convergent|fine|ok|okay|safe)|"
               r"stable|convergent|ok|okay|fine|safe)\b(?! to\b)")
"""'Would lr = 0.25 work?', 'Does η = 1 converge?': convergence asked at a step of its own."""


_BOUNDED = (M.gd, M.preconditioned, M.heavy_ball, M.nesterov)
"""The methods whose largest convergent constant step the family derives."""


def _trial_steps(r: PartReading, asks: list[tuple[str, str]]) -> bool:
    """A part asking whether the method converges at a step it states in that question
    ('What is the largest lr for which GD converges? Would lr = 0.25 work?'): the step is a
    trial (the trial_steps field), not the step the run uses, which keeps its own (any
    convergent one). False when no such question is asked."""
    own = r.own_text or ""
    found = [m for m in rx(_TRIAL_STEP).finditer(own)
             if any(k == Q.CONVERGES.key and (s in m.group(0) or m.group(0) in s)
                    for k, s in asks)]
    if not found or _method_name(r) not in _BOUNDED:
        return False
    values = []
    for m in found:
        num = number_at(own, m.start(1), standalone=False)
        if num is None:
            return False
        values.append(num[0].spec_value())
    r.set(F.trial_steps, values, "; ".join(m.group(0) for m in found),
          note="the steps asked whether the method converges at; the run itself uses a "
               "convergent step")
    method = r.fields[F.method]
    if isinstance(method.value, dict) and method.value.get("lr0") is not None and \
            any(str(method.value["lr0"]) == str(v) for v in values):
        rest = {k: v for k, v in method.value.items() if k != "lr0"}
        r.set(F.method, rest if set(rest) != {"name"} else rest["name"], method.source,
              note="the step stated is asked as a trial, not run")
    return True


_THAT_NORM = (r"\b(?:(?:the )?(?:squared )?values? of|evaluate) (?:that|this|the same|this same|"
              r"the minimi[sz]ed) (?:squared )?norm (?:at|for|of)\b|\b(?:that|this) norm'?s? "
              r"(?:squared )?values? (?:at|for)\b")
"""'Compare the value of that norm at the sign-descent limit and at the GD limit': the norm the
part's which-norm question answers, evaluated at the limits."""
_NORM_OF_METHOD = {M.sign: N.LINF.key, M.gd: N.L2.key, M.sgd: N.L2.key, M.heavy_ball: N.L2.key,
                   M.nesterov: N.L2.key}


def _numeric_preconditioner(r: PartReading) -> list | None:
    """The part's preconditioner P as a matrix of numbers (a diagonal given as its entries
    made a diagonal matrix), or None when the method has none or it is not numeric."""
    method = r.value(F.method)
    P = method.get("P") if isinstance(method, dict) else None
    if not isinstance(P, list) or not P:
        return None
    rows = P if all(isinstance(x, list) for x in P) else \
        [[x if i == k else 0 for k in range(len(P))] for i, x in enumerate(P)]
    numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) or
                  isinstance(v, str) and bool(re.fullmatch(r"-?\d+(?:\.\d+)?(?:/\d+)?", v))
                  for row in rows for v in row)
    return rows if numeric else None


def _which_norm_subject(r: PartReading) -> str | None:
    """The method whose limit the part's which-norm question is about: the one method its
    sentence names, else the part's one method; None when not known."""
    which = next((x for _, x in sentences(r.own_text or "")
                  if rx(r"\bwhich (?:[\w-]+ )?norm\b").search(x)), None)
    if which is None:
        return None
    named = [name for name, pattern in METHODS.items() if rx(pattern).search(which)]
    methods = r.found.get("part-methods") or [_method_name(r)]
    return named[0] if len(named) == 1 else methods[0] if len(methods) == 1 else None


def _value_of_that_norm(r: PartReading) -> None:
    """'Which norm does the sign-descent limit minimise? Compare the value of that norm at
    the sign-descent limit and at the GD limit': the norm of the method the which-norm question
    names (ℓ∞ for sign descent on one equation, ℓ2 for GD, SGD and momentum), at this
    reading's limit (a norm-of entry); refused when that norm is not known."""
    own = r.own_text or ""
    m = rx(_THAT_NORM).search(own)
    if m is None and _which_norm_subject(r) is not None:
        m = rx(_ITS_VALUE).search(own)   # 'Which norm is it, and what is its value at the limit?'
    if m is None:
        return
    squared = bool(rx(r"\bsquared?\b").search(m.group(0)))
    subject = _which_norm_subject(r)
    norm = _NORM_OF_METHOD.get(subject)
    if norm == N.LINF.key and r.value(F.a) is None:
        norm = None     # sign descent selects the max norm on one equation only
    P = _numeric_preconditioner(r) if subject == M.preconditioned else None
    if squared and norm == N.L2.key:
        P = [[int(i == j) for j in range(len(_data_rows(r)[0]))] for i in range(len(_data_rows(r)[0]))]
    if (norm is None or squared) and P is not None:
        # ‖w‖_{P⁻¹} = sqrt(wᵀP⁻¹w), the norm its limit minimises (P = I: the Euclidean norm)
        formula = "w^T P^-1 w" if squared else "sqrt(w^T P^-1 w)"
        name = N.L2.name if norm == N.L2.key else "P^-1-weighted norm"
        entry = {"kind": Q.VALUE_AT.key, "of": {"quantity": Q.LIMIT.key},
                 "formula": formula, "variable": "w", "data": {"P": P},
                 "label": f"the {'squared ' if squared else ''}{name} {formula} of the "
                          f"{_method_name(r)} limit"}
        r.set(F.derived, [*(r.value(F.derived) or []), entry],
              "; ".join(x for x in (r.fields[F.derived].source if F.derived in r.fields else "",
                                    m.group(0)) if x))
        r.notes.append(f"\"{m.group(0)}\": the P^-1-weighted norm (the one the preconditioned "
                       "limit minimises) at this limit")
        return
    if norm is None or squared:
        r.miss(f"question \"{m.group(0)}\"", f"\"{m.group(0)}\": which norm is meant is not known to the reading "
                       "(expected the norm a which-norm question of the part names, of gradient "
                       "descent or of sign descent on one equation)")
        return
    entry = {"kind": Q.NORM_OF.key, "of": {"quantity": Q.LIMIT.key}, "norm": norm,
             "label": f"{N.NORMS[norm].name} of the {_method_name(r)} limit"}
    r.set(F.derived, [*(r.value(F.derived) or []), entry],
          "; ".join(x for x in (r.fields[F.derived].source if F.derived in r.fields else "",
                                m.group(0)) if x))
    r.notes.append(f"\"{m.group(0)}\": the {norm} norm (the one the {subject} limit minimises) "
                   f"at this limit")


_MIN_OF_FORM = (r"\b(?:the )?(?:minimal|minimum|smallest|least|minimi[sz]ed) value of (?:the )?"
                r"(?:quadratic form |weighted norm )?(θ|w|x) ?(?:\^ ?\{?(?:T|⊤)\}?|ᵀ) ?([A-Z]) ?"
                r"\^ ?\{?[-−] ?1\}? ?\1(?![\w^])")
"""'report the minimal value of wᵀP⁻¹w' (P the part's preconditioner): the form at the limit."""


def _minimal_value_of_form(r: PartReading, asks: list[tuple[str, str]]
                           ) -> list[tuple[str, str]]:
    """The minimum value of wᵀP⁻¹w over the interpolants, asked of a part that runs
    preconditioned GD with that P from 0: its limit is the interpolant that minimises the form,
    so the minimum is the form at the limit (a value-at entry); from another start the limit
    minimises (w − w0)ᵀP⁻¹(w − w0) instead, and the request is refused by name."""
    own = r.own_text or ""
    m = rx(_MIN_OF_FORM).search(own)
    minimum = [(k, s) for k, s in asks if k == Q.MIN_VALUE.key and m and s in m.group(0)]
    if m is None or not minimum:
        return asks
    P = _numeric_preconditioner(r) if _method_name(r) == M.preconditioned else None
    source = (r.fields[F.method].source or "") if F.method in r.fields else ""
    if P is None or not re.search(rf"(?<![\w]){m.group(2)} ?=", source):
        r.miss(f"question \"{m.group(0)}\"", f"\"{m.group(0)}\": the matrix {m.group(2)} is not "
                                             "the numeric preconditioner this part runs with")
        return [x for x in asks if x not in minimum]
    if any(v != 0 for v in r.value(F.theta0) or []):
        r.miss(f"question \"{m.group(0)}\"", f"\"{m.group(0)}\": from a nonzero start the limit "
                                             "minimises the form of w − w0, not of w")
        return [x for x in asks if x not in minimum]
    entry = {"kind": Q.VALUE_AT.key, "of": {"quantity": Q.LIMIT.key},
             "formula": "w^T P^-1 w", "variable": "w", "data": {"P": P},
             "label": f"minimum of w^T P^-1 w over the interpolants (at the "
                      f"{_method_name(r)} limit)"}
    if entry not in (r.value(F.derived) or []):
        r.set(F.derived, [*(r.value(F.derived) or []), entry],
              "; ".join(x for x in (r.fields[F.derived].source if F.derived in r.fields else "",
                                    m.group(0)) if x))
    letter, sym = re.escape(m.group(2)), re.escape(m.group(1))
    written = rx(rf"‖ ?{sym} ?‖ ?_ ?\{{? ?{letter} ?\^ ?\{{?[-−] ?1\}}? ?\}}? ?(?:\^ ?\{{?2\}}?|²) ?= ?{sym} ?"
                 rf"(?:\^ ?\{{?(?:T|⊤)\}}?|ᵀ) ?{letter} ?\^ ?\{{?[-−] ?1\}}? ?{sym}(?![\w^])").search(own)
    if written:   # '‖θ‖_{P⁻¹}² = θᵀP⁻¹θ': the squared P⁻¹-norm, defined as the form
        r.convention("norm", written.group(0), "the squared P^-1 norm, written as the form")
    r.answered_by[Q.MIN_VALUE.key] = Q.VALUE_AT.key
    r.notes.append(f"\"{m.group(0)}\": the preconditioned limit from 0 is the interpolant "
                   "with the smallest wᵀP⁻¹w, so the minimum is the form at the limit")
    return [x for x in asks if x not in minimum]


_OTHER_NORM_OF = (r"‖ ?([^‖\s]{1,12}) ?‖ ?_ ?\{?(∞|\\infty|inf|max|1)\}?(?![\w^])")
_OTHER_NORM_KEYS = {"∞": N.LINF.key, "\\infty": N.LINF.key, "inf": N.LINF.key, "max": N.LINF.key,
                    "1": N.L1.key}


def _other_norms_of_the_limit(r: PartReading, asks: list[tuple[str, str]]) -> None:
    """'Give ‖w‖_2 and ‖w‖_∞ of the limit': beside the Euclidean norm a request asks, the ℓ∞
    (or ℓ1) norm of the same limit, written in the same sentence; each a norm-of entry of the
    limit (never left out of an answer shown as verified)."""
    own = r.own_text or ""
    sources = [s for k, s in asks if k == Q.NORM_VALUE.key]
    if not sources or r.value(F.method) is None:
        return
    for _, sentence in sentences(own):
        if not any(s in sentence for s in sources) or rx(r"\bwhich\b").search(sentence):
            continue
        for m in rx(_OTHER_NORM_OF).finditer(sentence):
            symbol = m.group(1)
            if not _LIMIT_SYMBOL.match(symbol) or re.search(r"_\d", symbol):
                continue
            norm = _OTHER_NORM_KEYS[m.group(2).lower()]
            entry = {"kind": Q.NORM_OF.key, "of": {"quantity": Q.LIMIT.key}, "norm": norm,
                     "label": f"{N.NORMS[norm].name} of the {_method_name(r)} limit"}
            if entry in (r.value(F.derived) or []):
                continue
            r.set(F.derived, [*(r.value(F.derived) or []), entry],
                  "; ".join(x for x in (r.fields[F.derived].source if F.derived in r.fields
                                        else "", m.group(0)) if x))
            r.notes.append(f"\"{m.group(0)}\": the {N.NORMS[norm].name} of the limit")


_ITS_VALUE = (r"\b(?:what is|what's|give|find|compute|and) (?:also )?its (?:squared )?value (?:at|for) "
              r"(?:the|this|that) (?:limit|limit point|solution)\b")
"""'Which norm is it, and what is its squared value at the limit?': the norm the which-norm
question names, at the part's limit."""


def _data_rows(r: PartReading) -> list:
    """The part's data matrix as rows (one row for data read as aᵀθ = b)."""
    return r.value(F.X) or [r.value(F.a)]


_NORM_BARS = r"(?:‖|\|\||k(?=[θwβ]))"
_NORM_OPERAND = (rf"{_NORM_BARS} ?(?P<{{0}}>[^‖|\s]{{{{1,12}}}}) ?(?:‖|\|\||k)(?: ?_ ?\{{{{?(?P<{{0}}n>[\w∞]{{{{1,4}}}})"
                 rf"\}}}}?|(?P<{{0}}g>[12∞]))?(?![\w^])")
_COMPARE_NORMS = re.compile(r"\bcompar(?:e|ing)\b (?:the norms? )?" + _NORM_OPERAND.format("a") +
                            r" (?:with|to|and|against) " + _NORM_OPERAND.format("b"))
"""'compare ‖θ∞‖₂ with ‖θmn‖₂' (a PDF copy writes the bars as k: 'kθ∞ k2'): the two norms."""


def _compared_norms(r: PartReading, mine: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The asks of a comparison of the Euclidean norms of the part's limit and of the
    minimum-norm solution (the family answers both norms when both are asked); a comparison
    of other norms, or of symbols the part does not name as those two, is refused with its
    phrase."""
    own = r.own_text or ""
    out: list[tuple[str, str]] = []
    for m in _COMPARE_NORMS.finditer(own):
        roles, norms = set(), set()
        for x in ("a", "b"):
            sym = m.group(x)
            norms.add(m.group(f"{x}n") or m.group(f"{x}g") or "2")
            if _min_norm_here(sym, own):
                roles.add(Q.MIN_NORM_SOLUTION.key)
            elif _LIMIT_SYMBOL.match(sym) and not re.search(r"_\d", sym):
                roles.add(Q.LIMIT.key)
        if roles != {Q.LIMIT.key, Q.MIN_NORM_SOLUTION.key} or norms != {"2"}:
            r.miss(f"question \"{m.group(0)}\"", f"\"{m.group(0)}\": a comparison of norms the reading does not place "
                           "(expected the Euclidean norms of the limit and of the minimum-norm "
                           "solution)")
            continue
        out += [(Q.NORM_VALUE.key, m.group(0))] + \
            ([(Q.MIN_NORM_SOLUTION.key, m.group(0))] if not any(
                k == Q.MIN_NORM_SOLUTION.key for k, _ in mine) else [])
        r.notes.append(f"\"{m.group(0)}\": the Euclidean norms of the limit and of the "
                       "minimum-norm solution, compared")
    return out


_LOSS_AT_LIMIT = (
    r"\blim(?:_? ?\{? ?[tkn] ?(?:→|->|\\to) ?(?:∞|\\infty|inf)\}?)? ?(?:[LfJ]|loss) ?\( ?"
    r"(?:θ|w|x|β)_? ?\{?[tkn]\}? ?\)|"
    r"(?<![\w∇])[LfJ] ?\( ?(?:θ|w|x|β) ?_? ?\{?(?:∞|\\infty|inf)\}? ?\)|"
    # a named limit: 'L(w_P)', 'L(w_GD)', 'L(θ_sign)' (not an iterate 'L(w_t)' nor 'L(w_0)')
    r"(?:\b(?:training |final )?(?:loss|objective)(?: value)? )?(?<![\w∇])L ?\( ?(?:θ|w|β) ?_ ?\{?"
    r"(?:[A-Z]{1,4}|[a-z]{2,8})\}? ?\)|"
    r"\b(?:final|limiting|converged|asymptotic|eventual) (?:training )?(?:loss|objective)\b|"
    # the loss written out and evaluated at the limit: 'the training loss ½Σ_i(x_iᵀw∞ − y_i)² at w∞'
    r"\b(?:training )?(?:loss|objective)(?: value)? (?=[^a-z ])[^?,;]{3,60}? at (?:the limit\b|"
    r"(?:θ|w|β) ?_? ?\{?(?:∞|\\infty|inf)\}?(?![\w^]))|"
    r"\b(?:training )?(?:loss|objective)(?: value)? (?:at|of|in) (?:the |its |this |that )?"
    r"(?:limit|limit point|converged point|convergence|end of training)\b|"
    # 'the training loss at each limit', 'at both limits': the loss at several limits
    r"\b(?:training )?(?:loss|objective)(?: values?)? (?:at|of|in|for) (?:each|both|either|all|the two|"
    r"the three)(?: of the(?: two| three)?)? (?:limits?|limit points?)\b|"
    # 'where does it converge, and what is the training loss there?': 'there' is the limit
    r"\b(?:training )?(?:loss|objective)(?: value)? (?:there|at that point)(?= ?[?.]|$)|"
    # 'what are the training loss and the Euclidean norm of the limit?': both of the limit
    r"\b(?:training |final )?(?:loss|objective)(?: value)?(?= and (?:the |its )?(?:[\w-]+ ){0,3}?"
    r"(?:norm|length|distance) (?:of|at) (?:the |its |this |that )?(?:limit|limit point)\b)|"
    r"\b(?:loss|objective) (?:does (?:it|gd|sgd|the method) )?(?:converges? to|tends? to|ends? up at|"
    r"approach(?:es)?)\b|\blimit(?:ing value)? of (?:the )?(?:training )?(?:loss|objective)\b")
"""The value of the loss at the limit asked ('lim L(w_k)', 'lim_{t→∞} f(θ_t)', 'L(w_∞)', 'the
final training loss', 'the loss at the limit'): not the limit point, whose phrase it holds."""


def _loss_at_the_limit(r: PartReading, asks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The asks without the limit asks that lie inside a request for the loss at the limit;
    for those, the loss formula the part reads evaluated at its limit (a value-at entry of the
    derived field; the part is refused when the loss's constant is not written, since the
    value at a limit that does not interpolate depends on it)."""
    own = r.own_text or ""
    spans = [m.span() for m in rx(_LOSS_AT_LIMIT).finditer(own)]
    if not spans:
        return asks
    out, taken = list(asks), []
    for source in dict.fromkeys(s for k, s in asks if k == Q.LIMIT.key):
        outside = sum(1 for m in re.finditer(re.escape(source), own, re.I)
                      if not any(a <= m.start() < b for a, b in spans))
        extra = sum(1 for k, s in asks if k == Q.LIMIT.key and s == source) - outside
        for _ in range(max(0, extra)):
            out.remove((Q.LIMIT.key, source))
            taken.append(source)
    if not taken:
        # 'Compute ‖w_∞‖_2 and L(w_∞)': a request item of its own, beside other asks
        spans = [(a, b) for a, b in spans if _requested(own, a, b)]
        if not spans:
            return asks
    where = "; ".join(dict.fromkeys(phrase(own, a, b) for a, b in spans))
    several = any(re.search(r"\b(?:each|both|either|all|the two|the three)\b", own[a:b], re.I)
                  for a, b in spans)
    pair = r.found.get("pair-distance")
    if several and pair is not None:
        # 'the distance between the two limits, and the training loss at each limit': the
        # limits are those of the two earlier parts the distance joins
        return _loss_at(r, own, spans, where, [pair["of"], pair["to"]], out)
    if several and r.found.get("about-part") and not r.found.get("earlier-result"):
        several = False   # one reading per limit the words name: the loss at this one's
    if several:
        r.miss(f"question \"{where}\"", f"\"{where}\" asks the loss at several limits, but this "
                                       "part computes one (expected the loss at this part's limit, "
                                       "or one part per limit)")
        return out
    named = _other_named_limit(r, own, spans)
    if named:
        r.miss(f"question \"{where}\"", f"\"{where}\" asks the loss at {named}, which is not "
                                       "the limit this part computes (expected the part to run it "
                                       "or to refer to the part that does)")
        return out
    return _loss_at(r, own, spans, where, [{"quantity": Q.LIMIT.key}], out)


def _loss_at(r: PartReading, own: str, spans: list[tuple[int, int]], where: str, limits: list,
             out: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The loss formula the part reads evaluated at each of ``limits`` (references to this
    part's limit or to earlier parts' limits, one value-at entry each); ``out`` the asks left."""
    loss = r.fields.get(F.loss)
    X = r.value(F.X) or ([r.value(F.a)] if r.value(F.a) is not None else None)
    y = r.value(F.y) if r.value(F.X) else ([r.value(F.b)] if r.value(F.b) is not None else None)
    if loss is None or not loss.source or X is None or y is None:
        r.miss(f"question \"{where}\"", f"\"{where}\" asks the value of the loss at the limit, but the loss "
                       "(its constant) is not written, so its value is not fixed")
        return out
    c = {"sum": "", "half-sum": "1/2 ", "mean": f"1/{len(X)} ", "half-mean": f"1/{2 * len(X)} "}
    written = _written_constant(own, spans)
    constant = written[0] if written else loss.value
    if written and written[0] != loss.value:
        r.notes.append(f"\"{written[1]}\": the loss asked at the limit is written with its own "
                       f"constant ({written[0]})")
    for of in limits:
        at = f"the limit of part ({of.split('.')[0]})" if isinstance(of, str) else "the limit"
        entry = {"kind": Q.VALUE_AT.key, "of": of,
                 "formula": f"{c[constant]}‖X w - y‖^2", "variable": "w",
                 "data": {"X": X, "y": y}, "label": f"loss at {at} ({where[:50]})"}
        if entry not in (r.value(F.derived) or []):   # read once, however often asks are taken
            r.set(F.derived, [*(r.value(F.derived) or []), entry],
                  "; ".join(x for x in (r.fields[F.derived].source if F.derived in r.fields
                                        else "", where, loss.source) if x))
    r.found["loss-at-limit"] = where
    spoken = [own[a:b] for a, b in spans]
    # what the generic evaluation of a formula 'L(w_∞) at the limit of (1)' could not read
    # ('which symbol is the variable'), read here as the loss at the limit
    def evaluated_here(reason: str) -> bool:
        quoted = re.match(r"'([^']{2,80})':", reason)
        return quoted is not None and any(quoted.group(1) in x for x in spoken)

    r.missing = [m for m in r.missing if not (m.name.startswith("question") and
                                              evaluated_here(m.reason))]
    if not any(k == Q.LIMIT.key for k, _ in out):
        r.answered_by[Q.LIMIT.key] = Q.VALUE_AT.key
    note = f"\"{where}\": the value of the loss ({loss.source.strip()}) at the limit"
    if note not in r.notes:
        r.notes.append(note)
    return out


def _other_named_limit(r: PartReading, own: str, spans: list[tuple[int, int]]) -> str | None:
    """A named limit inside the loss asked ('L(w_P)', 'L(w_GD)') that may not be this part's own:
    several names, or one the part neither introduces as its limit ('the limit w_P') nor
    inherits with the run of the part it refers to. None when the loss is of the part's own."""
    names = list(dict.fromkeys(
        re.sub(r"[\s{}]", "", m.group(1)) for a, b in spans
        for m in re.finditer(r"\( ?((?:θ|w|β) ?_ ?\{?(?:[A-Z]{1,4}|[a-z]{2,8})\}?) ?\)", own[a:b])))
    if not names:
        return None
    if len(names) > 1:
        return " and ".join(names)
    name = names[0]
    method = r.fields.get(F.method)
    inherited = method is not None and "(the method of part (" in (method.source or "")
    bare = re.escape(name).replace("_", " ?_? ?")
    introduced = rx(rf"\blimit(?: point)? {bare}(?![\w])|(?<![\w(]){bare} ?=").search(own)
    return None if inherited or introduced else name


def _written_constant(own: str, spans: list[tuple[int, int]]) -> tuple[str, str] | None:
    """The constant of a loss written out inside a request for its value at the limit ('the
    training loss ½Σ_i(x_iᵀw∞ − y_i)² at w∞'): half-sum, sum, mean or half-mean, with its
    phrase; None when the request writes no formula."""
    for a, b in spans:
        m = rx(r"\b(?:loss|objective)(?: value)? (?P<f>(?:1/\(?2 ?[mnN]\)?|1/[mnN]|1/2|\(1/2\)|½|0\.5)?"
               r" ?[*·]? ?(?:Σ|sum|‖|\|\|))").search(own, a, b)
        if m is None:
            continue
        f = m.group("f")
        kind = ("half-mean" if rx(r"^1/\(?2 ?[mnN]").match(f) else "mean" if rx(r"^1/[mnN]").match(f)
                else "half-sum" if rx(r"^(?:1/2|\(1/2\)|½|0\.5)").match(f) else "sum")
        return kind, m.group(0)
    return None


_REQUEST_VERB = (r"^(?:\(?[a-z0-9]{1,4}[.)] )?(?:[A-Z][\w ]{0,30}\. )?(?:(?:now|then|also|finally|next),? )?"
                 r"(?:please )?(?:compute|find|give|report|state|determine|evaluate|calculate|"
                 r"derive|obtain|write down|what|which|how)\b")
_CONDITION = r"\b(?:until|till|once|when|whenever|if|after|so that|stop(?:ped|s)?)\b[^,;]{0,40}$"


def _requested(own: str, start: int, end: int) -> bool:
    """Whether the phrase at ``own[start:end]`` is asked: it stands in a question or an
    imperative sentence ('Compute ‖w_∞‖_2 and L(w_∞).', 'What is the training loss?'), and
    no condition leads up to it ('stop once the loss at the limit is ...')."""
    for at, sentence in sentences(own):
        if not at <= start < at + len(sentence) + 2:
            continue
        before = own[at:start]
        return bool(("?" in own[start:at + len(sentence) + 1] or rx(_REQUEST_VERB).search(sentence))
                    and not rx(_CONDITION).search(before))
    return False


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2,
             "3rd": 3, "4th": 4, "5th": 5}
_SCALE_FEATURE = re.compile(
    r"\b(?:re)?(?:scal(?:e|es|ed|ing)|multipl(?:y|ies|ied|ying)) (?:the )?"
    r"(first|second|third|fourth|fifth|[1-5](?:st|nd|rd|th)) (?:input )?feature"
    r"(?: \(?\$?x_?\{?\d\}?\$?\)?)?(?: of (?:every|each|all(?: the)?|the) (?:inputs?|examples?|"
    r"data points?|samples?|training points?))? by (?:a factor(?: of)? )?(?=\d)", re.I)


_SCALE_NUMBERED = re.compile(
    r"\bfeatures? (?P<which>[1-9](?:(?:,| and|, and) [1-9]){0,4}) (?:(?:are|is|get|gets|being) )?"
    r"(?:re)?(?:scaled|multiplied) by (?:a factor(?: of)? )?(?=\d)", re.I)
"""'features 3 and 4 are multiplied by 2': the features named by their numbers, one factor."""
_SCALE_VERB = re.compile(r"\b(doubl|tripl|quadrupl|halv)(?:e|es|ed|ing) (?:the |every |each )?"
                         r"(first|second|third|fourth|fifth|[1-5](?:st|nd|rd|th)) (?:input )?"
                         r"(?:feature|coordinate|input|column)\b", re.I)
_VERB_FACTOR = {"doubl": 2, "tripl": 3, "quadrupl": 4, "halv": Fraction(1, 2)}
_REPLACED = re.compile(r"\bx_?\{?([1-9])\}? (?:is |are |gets )?(?:replaced by|becomes|→|->) "
                       r"(\d{1,4}(?:\.\d{1,4})?) ?[*·]? ?x_?\{?\1\}?(?![\w])")
_SCALED_VECTOR = re.compile(r"\b(?:by|to|with|into|becomes?) (?:tilde )?x\u0303? ?= ?\(((?: ?(?:\d{1,4}(?:\.\d{1,4})?"
                            r" ?[*·]? ?)?x_?\{?[1-9]\}? ?,){1,7} ?(?:\d{1,4}(?:\.\d{1,4})? ?[*·]? ?)?"
                            r"x_?\{?[1-9]\}?)\)")


def _scale_factors(own: str, d: int) -> tuple[list[Any], list[str]] | None:
    """The factor of each feature a rescaling states, as a list of d numbers (1 for features it
    leaves), with its phrases: 'rescale the second feature by 10', 'doubles the third feature',
    'x_3 is replaced by 2x_3', 'replaces x by x̃ = (x_1, 2x_2, x_3)'. None when none is stated
    or the statements disagree."""
    found: dict[int, Any] = {}
    sources: list[str] = []

    def put(j: int, factor: Any, src: str) -> bool:
        if j < 1 or j > d or found.get(j, factor) != factor:
            return False
        found[j] = factor
        sources.append(src)
        return True

    for m in _SCALE_FEATURE.finditer(own):
        num = number_at(own, m.end())
        if num is None or not put(_ORDINALS[m.group(1).lower()], num[0].value,
                                  phrase(own, m.start(), num[1])):
            return None
    for m in _SCALE_NUMBERED.finditer(own):   # 'features 3 and 4 are multiplied by 2'
        num = number_at(own, m.end())
        if num is None or not all(put(int(j), num[0].value, phrase(own, m.start(), num[1]))
                                  for j in re.findall(r"\d", m.group("which"))):
            return None
    for m in _SCALE_VERB.finditer(own):
        if not put(_ORDINALS[m.group(2).lower()], Fraction(_VERB_FACTOR[m.group(1).lower()]),
                   m.group(0)):
            return None
    for m in _REPLACED.finditer(own):
        if not put(int(m.group(1)), Fraction(m.group(2)), m.group(0)):
            return None
    for m in _SCALED_VECTOR.finditer(own):
        entries = [e.strip() for e in m.group(1).split(",")]
        if len(entries) != d:
            return None
        for k, e in enumerate(entries, 1):
            got = re.fullmatch(r"(\d{1,4}(?:\.\d{1,4})?)? ?[*·]? ?x_?\{?([1-9])\}?", e)
            if got is None or int(got.group(2)) != k or \
                    not put(k, Fraction(got.group(1) or 1), m.group(0)):
                return None
    got = _scaling_matrix(own, d)
    if got is False:
        return None
    if got is not None:
        for k, (factor, src) in enumerate(got, 1):
            if not put(k, factor, src):
                return None
    if not found or any(not v > 0 for v in found.values()):
        return None
    return [found.get(j, Fraction(1)) for j in range(1, d + 1)], list(dict.fromkeys(sources))


_DIAG = re.compile(r"(?<![\w])([A-Z]) ?= ?diag ?\(([^()]{1,80})\)")


def _scaling_matrix(own: str, d: int) -> list[tuple[Any, str]] | None | bool:
    """The features multiplied by a diagonal matrix ('trains on ã = S a with S = diag(1, 2, 1)',
    'X̃ = X D, D = diag(...)'): its d entries with their phrases; the weights mapped back by
    the matrix itself (θ = S w), as the predictions require. None when there is none; False
    when the map back is written another way (θ = S^-1 w)."""
    for m in _DIAG.finditer(own):
        letter = re.escape(m.group(1))
        use = rx(rf"= ?{letter} ?[*·@]? ?(?:a|x)\b|\b(?:X|A) ?[*·@]? ?{letter}(?![\w^])|"
                 rf"(?<![\w])(?:θ|theta|β) ?= ?{letter} ?[*·@]? ?(?:w|v|u|z)\b|"   # θ = D w
                 rf"(?<![\w])a ?(?:\^ ?\{{?(?:T|⊤)\}}?|ᵀ) ?{letter} ?[*·@]? ?(?:w|v|u|z)\b"
                 ).search(own)
        if use is None:
            continue
        nums = [number_at(e.strip(), 0) for e in m.group(2).split(",")]
        if len(nums) != d or any(n is None or n[1] != len(e.strip())
                                 for n, e in zip(nums, m.group(2).split(","))):
            return False
        back = rx(rf"(?:θ|theta|w|x) ?= ?{letter}(\^ ?\{{?-1\}}?|⁻¹)? ?[*·@]? ?(?:w|θ|u|v)\b"
                  ).search(own)
        if back is not None and back.group(1):
            return False
        src = phrase(own, min(m.start(), use.start()), max(m.end(), use.end()))
        extra = [back.group(0)] if back else []
        return [(Fraction(n[0].value), "; ".join([src, *extra])) for n in nums]
    return None


_BY_MAGNITUDE = (r"\beach (?:feature|input|coordinate|entry|component)(?: (?:[a-zθ]|x)_?\{?[ij]\}?)? "
                 r"(?:is |gets )?(divided|multiplied|scaled) by (?:(?:its (?:own )?)?(?:absolute value|"
                 r"magnitude)|(?:s|c|d)_?\{?[ij]\}? ?= ?\| ?(?:a|x)_?\{?[ij]\}? ?\|)")
"""A rescaling of each feature by its own magnitude in the one example ('each feature a_i is
divided by s_i = |a_i|'): defined only when the data is one row."""


def _by_magnitude(own: str, X: list) -> tuple[list[Any], list[str]] | None:
    """The factors 1/|a_j| (or |a_j|) of a rescaling by each feature's magnitude, for data of
    one example with no zero feature; None otherwise."""
    m = rx(_BY_MAGNITUDE).search(own)
    if m is None or len(X) != 1:
        return None
    values = [abs(Fraction(str(v))) for v in X[0]]
    if any(v == 0 for v in values):
        return None
    factors = [1 / v if m.group(1).lower() == "divided" else v for v in values]
    return factors, [m.group(0)]


_BY_STATISTIC = (r"\b(?:(?:re)?scal\w*|normali[sz]\w*|divid\w*) (?:(?:each|every|all(?: the)?|the) )?"
                 r"(?:(?:input |feature |data )?(?:columns?|features?|inputs?)(?: of (?:X|A|the data"
                 r"(?: matrix)?))?(?: [a-z]_?j| j)?) (?:(?:to|so (?:that )?(?:it|they|each one|each) "
                 r"(?:has|have)) (?:a )?unit (?P<unit>euclidean norm|(?:ℓ|l|L)_?2[- ]norm|2-norm|"
                 r"norm|length|max(?:imum)?(?: absolute value| norm)?|(?:ℓ|l|L)_?∞[- ]norm|"
                 r"infinity[- ]norm)|by (?:its|their|the(?: column'?s?)?) (?:own )?(?P<by>euclidean norm|"
                 r"(?:ℓ|l|L)_?2[- ]norm|2-norm|norm|length|largest absolute (?:value|entry)|"
                 r"max(?:imum)? absolute (?:value|entry)|(?:ℓ|l|L)_?∞[- ]norm|infinity[- ]norm))")
"""A rescaling of every feature column by a statistic of its own column: to unit Euclidean norm
("rescale every column of X to unit Euclidean norm", "divide each feature by its ℓ2 norm") or
to unit largest magnitude ("divide every column by its largest absolute entry")."""


def _by_statistic(own: str, X: list) -> tuple[list[Fraction], list[str]] | None:
    """The squared factors 1/s_j² of a rescaling of each column by its own Euclidean norm or
    largest magnitude s_j (exact: rational even when s_j is a root), with its phrase; None
    when no such rescaling is stated or a column is zero."""
    m = rx(_BY_STATISTIC).search(own)
    if m is None:
        return None
    kind = (m.group("unit") or m.group("by")).lower()
    columns = [[abs(Fraction(str(row[j]))) for row in X] for j in range(len(X[0]))]
    if rx(r"max|largest|∞|infinity").search(kind):
        sizes = [max(col) ** 2 for col in columns]
    else:
        sizes = [sum(v * v for v in col) for col in columns]
    if any(v == 0 for v in sizes):
        return None
    return [1 / v for v in sizes], [m.group(0)]


def _feature_scaling(own: str, r: PartReading, method: tuple[Any, str]) -> tuple[Any, str]:
    """'Rescale the second feature by 10, run GD, map the weights back to the original units':
    GD on the features x_j s_j from w = 0, mapped back (theta_j = s_j w_j), is preconditioned GD
    with P = diag(s_j^2) from 0. Read only with a map back and a zero start; otherwise the
    method stays plain GD and the rescaling is left unapplied (so the part is refused)."""
    X = r.value(F.X) or ([r.value(F.a)] if r.value(F.a) is not None else None)
    if not X or not rx(_MAP_BACK).search(own):
        return method
    zero = rx(r"(?<![\w])(?:v|u|z|w̃|θ̃|tilde (?:w|θ))_?\{?0\}? ?= ?0(?![\d.,]\d|\w)").search(own)
    if zero:   # 'trains v from v_0 = 0': the rescaled run's start, 0 in either units
        r.convention("rescaled-start", zero.group(0), "the start of the rescaled run (0 in either "
                                                      "units)")
    d = len(X[0])
    got = _scale_factors(own, d) or _by_magnitude(own, X)
    if got is None:
        stat = _by_statistic(own, X)
        if stat is None:
            return method
        squares, sources = stat
        for m in rx(r"\b[A-Z]\w{0,7} ?= ?[XA] ?[*·@]? ?[A-Z] ?(?:\^ ?\{?-1\}?|⁻¹)(?:, ?[A-Z] ?= ?diag(?:onal)? "
                    r"(?:of|matrix of) (?:the |its )?column (?:norms|sizes))?").finditer(own):
            r.convention("feature-scale", m.group(0), "restates the rescaling")  # X̃ = X S^-1
        P = [[(Num(squares[i], str(squares[i])).spec_value() if i == k else 0) for k in range(d)]
             for i in range(d)]
        r.found["feature-scale"] = True
        listed = ", ".join(str(v) for v in squares)
        r.notes.append(f'"{sources[0]}": each feature column divided by its own size s_j, GD '
                       f"from 0, weights mapped back: preconditioned GD with P = diag(1/s_j²) = "
                       f"diag({listed})")
        return ({"name": M.preconditioned, "P": P},
                "; ".join([method[1], *sources, rx(_MAP_BACK).search(own).group(0)]))
    factors, sources = got
    for m in rx(r"\bdiag ?\(([^()]{1,80})\)").finditer(own):   # "X̃ = X diag(2, 1, 1)", "w = diag(2,1,1) v"
        nums = [number_at(e.strip(), 0) for e in m.group(1).split(",")]
        if len(nums) == len(factors) and all(n is not None and Fraction(n[0].value) == f
                                             for n, f in zip(nums, factors)):
            r.convention("feature-scale", m.group(0), "restates the rescaling")
    spec_f = [Num(f, str(f)).spec_value() for f in factors]
    P = [[(spec_f[i] ** 2 if i == k else 0) for k in range(d)] for i in range(d)]
    r.found["feature-scale"] = True
    scaled = [[v * spec_f[k] for k, v in enumerate(row)] for row in X]
    for start, end, value in iter_arrays(own):   # "(i.e. we train on x̃ = (2, 2, 2))"
        rows = value if is_matrix(value) else [value]
        if [[Fraction(x.value) for x in row] for row in rows] == \
                [[Fraction(str(v)) for v in row] for row in scaled]:
            r.convention("feature-scale", own[start:end], "restates the rescaled data")
    r.notes.append(f"features multiplied by {', '.join(str(f) for f in factors)}, GD from 0, "
                   "weights mapped back: preconditioned GD with P = diag(s_j²) (the "
                   "rescaled-features run is one of its witnesses)")
    return ({"name": M.preconditioned, "P": P},
            "; ".join([method[1], *sources, rx(_MAP_BACK).search(own).group(0)]))


_RESCALED_UNITS = (r"\b(?:in|on|for|of|with) (?:the )?(?:re)?scaled (?:coordinates|units|features|inputs|"
                   r"weights|variables|parameters|problem|space|parametri[sz]ation)\b")
_ORIGINAL_UNITS = (r"\boriginal (?:coordinates|units|features|inputs|problem|scale|space|"
                   r"parametri[sz]ation)\b|\bmapped back\b|\bmap(?:s|ping)? (?:it |them )?back\b")
_BACK = r"(?<![\w])(θ|theta|w|β|x) ?= ?{D} ?[*·@]? ?(w|v|u|z|θ|theta)(?![\w^])"


def _scaled_features(own: str, ctx: str, r: PartReading, method: tuple[Any, str]
                     ) -> tuple[Any, str]:
    """Features multiplied by fixed factors s_j before training ('multiplies the second
    feature by 2', 'x̃ = Dx with D = diag(1, 2, 1)'), stated in the part or in the shared text,
    with GD or SGD from 0. A part that asks in the rescaled coordinates ('the limit w∞ in the
    rescaled coordinates') is the method on the rescaled data X D; a part about the weights
    mapped back (θ = D w, the original features) is preconditioned GD with P = diag(s_j²)
    (SGD from 0 on consistent data reaches the same limit). A rescaling read with another
    method, or with no word of which coordinates the part asks in, is refused."""
    X = r.value(F.X) or ([r.value(F.a)] if r.value(F.a) is not None else None)
    if not X:
        return method
    d = len(X[0])
    where = next((t for t in (own, ctx) if t and _scale_factors(t, d)), None)
    if where is None:
        return method
    factors, sources = _scale_factors(where, d)
    if all(f == 1 for f in factors):
        return method
    name = method[0].get("name") if isinstance(method[0], dict) else method[0]
    said = sources[0]
    if name not in (M.gd, M.sgd):
        r.miss(F.method, f"\"{said}\": the features are rescaled before training, which the "
                         f"reading applies to gradient descent and SGD only, not to {name}")
        return method
    diag = rx(r"(?<![\w])([A-Z]) ?= ?diag ?\(").search(where)
    back = rx(_BACK.replace("{D}", re.escape(diag.group(1)))).search(where) if diag else None
    rescaled = rx(_RESCALED_UNITS).search(own)
    letter = back.group(2) if back else None
    original = back.group(1) if back else None
    mentions = {x for x in (letter, original) if x and rx(rf"(?<![\w]){x}(?![a-z])").search(own)}
    r.found["feature-scale"] = True
    spec_f = [Num(f, str(f)).spec_value() for f in factors]
    if rescaled or (letter and mentions == {letter}):
        scaled = [[v * spec_f[k] for k, v in enumerate(row)] for row in X]
        field = F.X if r.value(F.X) else F.a
        r.set(field, scaled if field == F.X else scaled[0],
              "; ".join([r.fields[field].source, *sources, *(m.group(0) for m in (rescaled,) if m)]),
              note="the part asks in the rescaled coordinates: the data are the rescaled inputs "
                   f"(feature j multiplied by {', '.join(str(f) for f in factors)})")
        return method
    if not (original in mentions or rx(_ORIGINAL_UNITS).search(own) or back or
            rx(_MAP_BACK + "|" + _ORIGINAL_UNITS).search(where)):
        r.miss(F.method, f"\"{said}\": the features are rescaled, but whether the part asks in "
                         "the rescaled or the original coordinates is not said")
        return method
    if name == M.sgd and not _consistent(r):
        r.miss(F.method, f"\"{said}\": SGD on rescaled features of inconsistent data does not "
                         "settle at a constant step")
        return method
    P = [[(spec_f[i] ** 2 if i == k else 0) for k in range(d)] for i in range(d)]
    r.notes.append(f"features multiplied by {', '.join(str(f) for f in factors)}, {name} from 0, "
                   "weights mapped back: preconditioned GD with P = diag(s_j²)"
                   + (" (SGD from 0 on consistent data reaches the same limit as GD)"
                      if name == M.sgd else ""))
    return ({"name": M.preconditioned, "P": P},
            "; ".join([method[1], *sources, *([back.group(0)] if back else [])]))


def _consistent(r: PartReading) -> bool:
    """True when the part's equations X θ = y have a solution (exact ranks)."""
    import sympy

    X = r.value(F.X) or [r.value(F.a)]
    y = r.value(F.y) if r.value(F.X) else [r.value(F.b)]
    A = sympy.Matrix([[sympy.Rational(str(v)) for v in row] for row in X])
    b = sympy.Matrix([sympy.Rational(str(v)) for v in y])
    return A.rank() == A.row_join(b).rank()


_SAME_PROBLEM = (F.X, F.y, F.a, F.b, F.theta0)


def _method_name(r: PartReading) -> str | None:
    method = r.value(F.method)
    return method.get("name") if isinstance(method, dict) else method


def _note_gd_reference(r: PartReading, previous: list[PartReading]) -> None:
    """An earlier part that ran plain GD on the same data from the same start is what 'does
    the limit change?' compares with (kept in ``found``; without one the question is left
    unplaced)."""
    if _method_name(r) in (None, M.gd):
        return
    for p in reversed(previous):
        if p.family == FAMILY and _method_name(p) == M.gd and all(
                p.value(k) == r.value(k) for k in _SAME_PROBLEM):
            r.found["gd-reference"] = p.label
            return


_COMPARISONS = (Q.SAME_AS.key, Q.DIFFERS.key)
_SAME_THING = (r"^(?:\(?[a-z0-9]{1,4}[.)] ?)?(?:now |and )?(?:the )?same (?:thing|setup|set-up|problem|"
               r"question|run|procedure|experiment)\b(?:,? (?:but )?with\b)|^(?:\(?[a-z0-9]{1,4}[.)] ?)?"
               r"(?:now )?repeat (?:this|that|it|the above) with\b")
"""A part that reruns the previous one with one change ('Same thing with Nesterov momentum')."""
_SAME_POINT = (r"\bthe same (?:point|limit|solution|minimi[sz]er|vector|θ|w|theta|weights?)"
               r"(?= ?(?:\?|\.|,|;|$))")
"""'Does it converge to the same point?': compared with the earlier runs on the same data and
start, when they all ran one method (else which one is meant is not settled)."""
_COMPARED = (r"(?:\b(?:than|with|from|to|as(?: in)?) (?:part |that of |the one (?:in|of|from) |"
             r"the (?:limit|answer|point|result|solution) (?:in|of|from) )?|^\W*is the (?:limit|"
             r"answer|point|result|solution) (?:in|of|from) (?:part )?)\(([a-h]|\d{1,2}|"
             r"[ivx]{1,4})\)")


def _main_answer(r: PartReading) -> str:
    """The quantity a part's run answers first: the λ -> 0 limit for ridge without λ, else the
    limit."""
    method = r.value(F.method)
    if method == M.ridge or (isinstance(method, dict) and method.get("name") == M.ridge
                             and "lam" not in method):
        return Q.RIDGELESS_LIMIT.key
    return Q.LIMIT.key


def _note_compared(own: str, r: PartReading, previous: list[PartReading]) -> None:
    """The one earlier part on the same data that the part's text compares with ("a different
    point than (a)", "Compare with (a)"), kept in ``found`` for a same-as or differs ask."""
    labels = {m.group(1) for m in rx(_COMPARED).finditer(own)}
    hits = [p for p in previous if p.label in labels and p.family == FAMILY and
            F.method in p.fields and _same_data(p, r)]
    if not labels and previous and r.value(F.method) != M.gd and rx(_VS_GD).search(own):
        # 'run SGD instead ...: the same point as GD?': the earlier GD run, same data and start
        runs = [p for p in previous if p.family == FAMILY and "." not in p.label and
                p.value(F.method) == M.gd and _same_data(p, r) and
                p.value(F.theta0) == r.value(F.theta0)]
        runs = [p for p in runs if Q.LIMIT.key in (getattr(p, "asked", None) or [])] or runs
        if runs:   # plain GD on the same data from the same start: one run, whichever part
            r.found["compared"] = runs[0]
            r.convention("compared", rx(_VS_GD).search(own).group(0),
                         f"the gradient-descent run of part ({runs[0].label})")
            return
    if len(labels) == 1 and len(hits) == 1:
        r.found["compared"] = hits[0]
    elif not labels and previous and rx(_SAME_POINT).search(own):
        runs = [p for p in previous if p.family == FAMILY and F.method in p.fields and
                "." not in p.label and _same_data(p, r)]
        if runs and runs[-1] is previous[-1] and \
                len({str(p.value(F.method)) for p in runs}) == 1 and \
                all(p.value(F.theta0) == r.value(F.theta0) for p in runs):
            r.found["compared"] = runs[-1]   # 'switch to SGD: the same point?' as the runs before
    elif not labels and previous and rx(_SAME_THING).search(own):
        last = previous[-1]     # 'Same thing with Nesterov momentum. Does the limit change?'
        if last.family == FAMILY and F.method in last.fields and "." not in last.label and \
                _same_data(last, r) and last.value(F.theta0) == r.value(F.theta0):
            r.found["compared"] = last


def _compare(r: PartReading, kind: str, source: str) -> None:
    """A same-as / differs ask against the earlier part the text names, as a derived
    comparison of the two runs' answers (left untaken without one)."""
    other = r.found.get("compared")
    if other is None or r.value(F.method) is None or r.value(F.asks) == []:
        return
    ask = {"kind": kind, "of": _main_answer(r), "to": f"{other.label}.{_main_answer(other)}"}
    if ask not in (r.value(F.derived) or []):
        r.set(F.derived, [*(r.value(F.derived) or []), ask], source)
        r.notes.append(f"\"{source}\": compares this part's answer with part ({other.label})'s")


_OTHER_NORM = (r"squared|\binf|\bmax|ℓ_?\{?[1∞]|\bl_?\{?(?:1\b|∞)|frobenius|spectral|nuclear|"
               r"‖_?\{?(?:[1∞]|inf)|₁|\^ ?2|²|[-−]")
_EUCLIDEAN_OR_WORD = (r"euclidean|(?:ℓ|l)_?\{?2\}?|2|the|its|their|a|and|of|is|what|what's|compute|"
                      r"give|find|report|state|determine|calculate|evaluate|also|both|each|then|"
                      r"this|that|these|those|our|your|my")
"""The word before 'norm' in a request for the Euclidean norm: its name, or a function word."""
_NORM_OBJECT = (r"[ ]?(?:(?:the|both|each|these|those|its|this|that|your|my|our) )?(?:(?:two|three|"
                r"resulting|final) )?(?:limits?|solutions?|(?:end ?)?points?|answers?|results?|"
                r"(?:θ|w)(?:_?∞|\^?\*|_\w{1,6})?)\b")


_SQUARED = r"^(?: ?_ ?\{?2\}?)? ?(?:\^ ?\{?2\}?|²)(?!\d|\.\d)"
_ITS_NORM = r"\b(?:its|their)( squared)? $"
"""'its (squared) Euclidean norm': the norm of the result the request names just before."""
_ITS_BARE_NORM = r"(?:\band|,) (its( squared)? norm)(?! ?(?:of\b|‖|_))"
"""'Give the limit and its squared norm': the norm of the limit the request asks just before,
written as a bare 'norm' (Euclidean on the weights) that the catalogue does not place alone."""
_ITS_NORM_ASKED = (r"^(?:what(?: is|'s) |give |find |and )?its( squared)? (?:(?:euclidean|ℓ_?2|l_?2) )?"
                   r"norm$")
"""A request for 'its norm' where 'it' is the part's result (a limit; there is no step)."""
_SQUARED_OF = r"\bsquared (?:(?:euclidean|ℓ_?2|l_?2) )?norm of$"


def _norm_of_a_limit(own: str, source: str, r: PartReading | None = None) -> bool:
    """A norm question the family answers: the Euclidean norm of the limit (or of the
    solutions) - 'the Euclidean norms of the two solutions', '‖θ∞‖₂' - not a squared, ℓ1, max
    or matrix norm, nor the norm of a difference, a gradient or an update."""
    at = own.find(source)
    if at < 0:
        return False
    tail = own[at + len(source):at + len(source) + 40]
    if r is not None and any(e.get("kind") == Q.NORM_OF.key for e in r.value(F.derived) or []):
        its = None   # 'its Euclidean norm ‖θ‖_2' read as the norm of a named answer already
    else:
        its = rx(_ITS_NORM).search(own[max(0, at - 20):at])
    if its and rx(r"^(?:(?:euclidean|ℓ_?2|l_?2) )?norm$").match(source.strip()) and \
            not tail.lstrip().startswith("‖"):   # 'its norm ‖θ‖_2': the written norm says which
        if its.group(1) and r is not None:   # 'the limit and its squared Euclidean norm'
            r.set("norm_squared", True, phrase(own, at - 20 + its.start(), at + len(source)))
        return True
    asked = rx(_ITS_NORM_ASKED).search(source) if its is not None or r is None or not any(
        e.get("kind") == Q.NORM_OF.key for e in r.value(F.derived) or []) else None
    if asked:   # 'What is its (squared) Euclidean norm?' after the limit is asked
        if asked.group(1) and r is not None:
            r.set("norm_squared", True, phrase(own, at, at + len(source)))
        return True
    worded = rx(_SQUARED_OF).search(source)
    if worded and r is not None and rx(_NORM_OBJECT).match(tail):
        r.set("norm_squared", True, phrase(own, at + worded.start(), at + len(source)))
        return True
    squared = rx(_SQUARED).match(tail) if "‖" in source else None
    if squared and r is not None and not rx(_OTHER_NORM).search(source):
        inside = re.search(r"‖([^‖]{1,40})‖$", source)
        if inside and (_LIMIT_SYMBOL.match(inside.group(1).replace(" ", "")) or
                       _named_here(own, inside.group(1).replace(" ", ""), at, source)):
            r.set("norm_squared", True, phrase(own, at, at + len(source) + squared.end()))
            return True
    if rx(_OTHER_NORM).search(source + tail[:6]):
        return False
    qualifier = re.search(r"(?:^|\s)([^\s,;:(]{1,20})[ -]norms?\b", source)
    if qualifier and not rx(_EUCLIDEAN_OR_WORD).fullmatch(qualifier.group(1)):
        return False    # 'the weighted norm of', 'the P^-1 norm of': not the Euclidean norm
    apposed = re.match(r"^ ?‖([^‖]{1,40})‖(?: ?_ ?\{?2\}?)?(?! ?(?:\^|²|_))", tail)
    if apposed and rx(r"^(?:the )?(?:euclidean|ℓ_?2|l_?2) norm$").match(source.strip()):
        # 'its Euclidean norm ‖w_∞‖_2' too: the written norm must name the limit 'its' stands for
        # 'the Euclidean norm ‖w_∞‖_2': the norm written beside its name says of what
        symbol = apposed.group(1).replace(" ", "")
        if not _LIMIT_SYMBOL.match(symbol) or re.search(r"_\d", symbol):
            return False
        if r is not None and not any(c.source == apposed.group(0).strip() for c in r.conventions):
            r.convention("norm", apposed.group(0).strip(), "the norm asked, written out: the "
                                                          "Euclidean norm of the limit")
        return True
    if rx(r"^(?:the )?(?:euclidean|ℓ_?2|l_?2) norm$").match(source.strip()) and \
            rx(r"\b(?:limit|limit point|limiting point|solution|point)(?: (?:θ|w)_?(?:∞|\{∞\}))? "
               r"(?:and|&|\+|,) (?:the |its )?$").search(own[max(0, at - 40):at]) and \
            not tail.lstrip().startswith(("of", "‖")):
        return True   # 'limit and Euclidean norm please': the norm of the limit just asked
    inside = re.search(r"‖([^‖]{1,40})‖(?: ?_ ?\{?2\}?)?$", source)
    if inside:
        symbol = inside.group(1).replace(" ", "")
        return bool(_LIMIT_SYMBOL.match(symbol)) or _named_here(own, symbol, at, source)
    return bool(source.rstrip().endswith("of") and rx(_NORM_OBJECT).match(tail))


_COMPARED_NORM = (r"\b(?:larger|largest|smaller|smallest|bigger|biggest|greater|greatest|"
                  r"higher|lower|lowest|highest|more|less) (?:\w+ ){0,2}$")


def _compared_norm(own: str, source: str) -> bool:
    """'Which of θ̂ and θ̃ has the larger Euclidean norm': a norm compared between results."""
    at = own.find(source)
    return at >= 0 and rx(_COMPARED_NORM).search(own[max(0, at - 40):at]) is not None


_ACCENTED = re.compile(r"^(?:θ|w|β)[\u0302\u0303\u0304](?:_?(?:∞|\{∞\}|\*|[A-Za-z0-9]{1,4}))?$")


def _named_here(own: str, symbol: str, at: int, source: str) -> bool:
    """An accented weight symbol (θ̃, θ̂, θ̄) the part itself names outside the norm ('its
    limit θ̃ and ‖θ̃‖'): the part's own limit. One named only inside the norm may be an
    earlier part's, so it is not taken here."""
    symbol = unicodedata.normalize("NFD", symbol)
    if not _ACCENTED.match(symbol):
        return False
    rest = unicodedata.normalize("NFD", own[:at] + " " + own[at + len(source):])
    return re.search(rf"(?<![\w‖]){re.escape(symbol)}(?![\w\u0302\u0303\u0304])", rest) is not None


_VS_GD = (r"\b(?:com-? ?pared?|than|relative to|versus|vs\.?|(?:the same|a different) (?:point|limit|"
          r"solution|minimi[sz]er|vector|w|θ) (?:as|from|than))(?: with| to)? (?:plain |vanilla |"
          r"ordinary |full-batch |standard )?(?:gradient descent|gd)\b")
"""The comparison with plain gradient descent named in the question itself ("... than GD",
"does it converge to the same point as GD?")."""


def _compares_with_gd(r: PartReading) -> bool:
    """'Does the limit change?' is answered against plain GD (from the same start on the same
    data), so an earlier part must have run exactly that."""
    label = r.found.get("gd-reference")
    named = rx(_VS_GD).search(r.own_text or "")
    if label is None and named and _method_name(r) not in (None, M.gd):
        r.notes.append(f"'does the limit change' compares with plain GD from the same start "
                       f"(\"{named.group(0)}\")")
        r.convention("changes", named.group(0), "the comparison the spec makes")
        return True
    if label is None:
        return False
    r.notes.append(f"'does the limit change' compares with plain GD (part ({label}))")
    return True


# -- data ------------------------------------------------------------------------------------

def _equations(flat: str) -> list[tuple[list, Any, str]]:
    """``[row]θ = b`` and ``[[..]]θ = [..]`` equations: (lhs array, rhs Num or array, phrase)."""
    out = []
    for start, end, value in iter_arrays(flat):
        m = rx(r"[ ]?(?:\^T)?[ ]?[·*]?[ ]?(?:θ|w)\b[ ]?=[ ]?").match(flat, end)
        if not m:
            continue
        rhs = array_at(flat, m.end())
        if rhs is not None:
            out.append((value, rhs[0], phrase(flat, start, rhs[1])))
            continue
        num = number_at(flat, m.end())
        if num is not None:
            out.append((value, num[0], phrase(flat, start, num[1])))
    return out


def _loss_data(flat: str) -> list[tuple[list, Any, str]]:
    """Data inside a squared loss ``(1 - [1, 0.1, 0.01]θ)^2`` or ``([..]θ - 1)^2``."""
    out = []
    for m in rx(r"\([ ]?").finditer(flat):
        i = m.end()
        num = number_at(flat, i)
        if num is not None:
            sep = rx(r"[ ]?-[ ]?").match(flat, num[1])
            if sep:
                arr = array_at(flat, sep.end())
                if arr is not None and not is_matrix(arr[0]):
                    tail = rx(r"[ ]?(?:\^T)?[ ]?(?:θ|w)\b[ ]?\)[ ]?\^[ ]?2").match(flat, arr[1])
                    if tail:
                        out.append((arr[0], num[0], phrase(flat, m.start(), tail.end())))
            continue
        arr = array_at(flat, i)
        if arr is not None and not is_matrix(arr[0]):
            tail = rx(r"[ ]?(?:\^T)?[ ]?(?:θ|w)\b[ ]?-[ ]?").match(flat, arr[1])
            if tail:
                num = number_at(flat, tail.end())
                if num and rx(r"[ ]?\)[ ]?\^[ ]?2").match(flat, num[1]):
                    out.append((arr[0], num[0], phrase(flat, m.start(), num[1] + 4)))
    return out


def _named_data(part: PartText) -> list[tuple[str, Any, str]]:
    """``X = ..``, ``y = ..``, ``x = ..`` (one point), ``a = ..``, ``b = ..`` assignments."""
    out = []
    roles = _residual_roles(" ".join((part.own + " " + part.context).split()))
    for text in (part.own, part.context):
        flat = " ".join(text.split())
        for key, name in (("X", r"X|A|Φ" + roles[0]), ("y", r"y|Y|b" + roles[1]), ("a", r"a|x")):
            got = _assigned_array_cs(flat, name)
            if got is not None:
                out.append((key, got[0], got[1]))
            elif key == "X":
                m = rxc(r"(?:^|\n)[ \t]{0,4}X[ \t]{0,2}=[ \t]{0,4}\n").search(text)
                if m:
                    block = row_block(text[m.end():].split("\n"), 0)
                    if block is not None:
                        out.append(("X", block[0], "X = " + array_text(block[0])))
        for key, name in (("y", r"y"), ("b", r"b")):
            m = rxc(rf"(?<![\w])(?:{name}) ?= ?").search(flat)
            if m:
                got = number_at(flat, m.end())
                if got is not None and array_at(flat, m.end()) is None:
                    out.append((key + "#", got[0], phrase(flat, m.start(), got[1])))
        keys = {k for k, _, _ in out}
        if {"X"} <= keys and keys & {"y", "y#"} or "a" in keys and keys & {"b#", "y#"}:
            break
        out = []   # the part's own text names only part of the data (x̃ = (..) alone)
    return out


_RESIDUAL_NORM = re.compile(r"‖ ?(?P<M>[A-Z])(?:_\w)? ?[·*]? ?(?:θ|w|β|x|v|u|z)(?![\w(]) ?- ?"
                            r"(?P<v>[A-Za-z])(?:_\w)? ?‖")
"""The residual of a least-squares loss, ``‖Aβ − c‖``: the matrix and target by their role."""
_SYSTEM = re.compile(r"(?<![\w])(?P<M>[A-ZΦΨ]) ?[·*]? ?(?:θ|w|β|x)(?![\w(]) ?= ?(?P<v>[a-z])(?![\w(])")
"""A system to be solved in the least-squares sense, ``A w = c``: the same two roles."""


def _residual_roles(flat: str) -> tuple[str, str]:
    """Extra names of the data matrix and target the loss writes (``|M``, ``|c``), when one
    residual ``‖Mθ − c‖`` names them (a second, different one names nothing)."""
    found = {(m.group("M"), m.group("v")) for pattern in (_RESIDUAL_NORM, _SYSTEM)
             for m in pattern.finditer(flat)}
    if len(found) != 1:
        return "", ""
    (matrix, target), = found
    return f"|{re.escape(matrix)}", f"|{re.escape(target)}"


def _assigned_array_cs(flat: str, name: str) -> tuple[list, str] | None:
    for m in rxc(rf"(?<![\w])(?:{name}) ?(?:=|:=) ?").finditer(flat):
        got = array_at(flat, m.end())
        if got is not None:
            return got[0], phrase(flat, m.start(), got[1])
    return None


def _read_data(part: PartText, r: PartReading, objects: PartObjects | None = None
               ) -> int | None:
    """Fill a/b or X/y; returns the dimension d of θ (None when no data was read).

    The part's own text is read first, then the shared text; within one text every form found
    (arrays, named X and y, equations, a loss, data points, a table) must state the same data."""
    own, ctx = part.flat, part.flat_context
    readings: list[tuple[str, Any, Any, str]] = []
    sides = ((own, part.own, objects.own if objects else None),
             (ctx, part.context, objects.context if objects else None))
    for flat, raw, objs in sides:
        eqs = _equations(flat)
        if eqs:
            readings.extend(_from_equations(eqs))
        for lhs, rhs, src in _loss_data(flat):
            readings.append(("ab", lhs, rhs, src))
        found = [datatext.loss_rows(flat), datatext.residual_rows(flat),
                 datatext.table_rows(raw), datatext.garbled_rows(raw),
                 datatext.stacked_rows(raw), datatext.inline_rows(raw),
                 datawords.vector_table_rows(raw), datawords.listed_rows(flat),
                 datawords.described_rows(raw, own + " " + ctx)]
        if objs is not None:
            found.append(datatext.point_rows(list(objs.assignments)))
        refused = next((f for f in found if isinstance(f, datatext.Refusal)), None)
        if refused is not None:
            r.miss("data", f"\"{refused.phrase}\": {refused.reason}")
            return None
        readings.extend(_from_rows(f) for f in found if f is not None)
        readings.extend(_inner_equations(flat, own + " " + ctx))
        if readings:
            break
    named = _named_reading(part)
    if named is not None:   # 'So X = [..], y = (..)' restating a table must state the same data
        readings.append(named)
    if not readings:
        r.miss("data", "no least-squares data found (expected an equation like "
                       "[1, 0.1, 0.01]θ = 1 or 2θ_1 + θ_2 = 5, a loss (2θ_1 + θ_2 - 5)^2 or "
                       "L(w) = (w1 + w2 - 1)^2 + ..., data points x_1 = (..), y_1 = .., or "
                       "X = [[..]] and y = [..])")
        return None
    kinds = {_rows_key(k, lhs, rhs) for k, lhs, rhs, _ in readings}
    if len(kinds) > 1:
        listed = "; ".join(f'"{s}"' for *_, s in readings)
        r.miss("data", f"the text states different data: {listed}")
        return None
    kind, lhs, rhs, src = readings[0]
    sources = "; ".join(dict.fromkeys(s for *_, s in readings))
    if kind == "ab":    # 'aᵀθ = 9' read, and 'b = 9' stated too: the same number, restated
        for flat in (own, ctx):
            m = rxc(r"(?<![\w])b ?= ?").search(flat)
            got = number_at(flat, m.end()) if m else None
            if got is not None and got[0].value == _key(rhs) and \
                    phrase(flat, m.start(), got[1]) not in sources:
                sources += "; " + phrase(flat, m.start(), got[1])
    try:
        if kind == "ab":
            r.set(F.a, spec_array(lhs), sources)
            r.set(F.b, rhs.spec_value(), sources)
            d, m = len(lhs), 1
        else:
            r.set(F.X, spec_array(lhs), sources)
            r.set(F.y, spec_array(rhs), sources)
            d, m = len(lhs[0]), len(lhs)
    except ValueError as err:
        r.miss("data", str(err))
        return None
    _check_sizes(own + " " + ctx, r, d, m)
    return d


def _named_reading(part: PartText) -> tuple[str, Any, Any, str] | None:
    """The data named X and y (or a and b) in the text, as a reading."""
    got = {k: (v, s) for k, v, s in _named_data(part)}
    if "X" in got and ("y" in got or "y#" in got):
        y = got.get("y") or got["y#"]
        yv = y[0] if isinstance(y[0], list) else [y[0]]
        X = got["X"][0]
        if X and not isinstance(X[0], list):    # X = [1 1], a one-row matrix: one equation
            if len(yv) != 1:
                return None
            return ("ab", X, yv[0], got["X"][1] + "; " + y[1])
        return ("Xy", X, yv, got["X"][1] + "; " + y[1])
    if "a" in got and ("b#" in got or "y#" in got):
        b = got.get("b#") or got["y#"]
        return ("ab", got["a"][0], b[0], got["a"][1] + "; " + b[1])
    return None


def _from_rows(rows: datatext.Rows) -> tuple[str, Any, Any, str]:
    """Rows as a reading: one row is a, b; several are X, y."""
    def nums(values: tuple) -> list[Num]:
        return [Num(v, str(v)) for v in values]
    if len(rows.X) == 1:
        return ("ab", nums(rows.X[0]), Num(rows.y[0], str(rows.y[0])), rows.source)
    return ("Xy", [nums(row) for row in rows.X], nums(rows.y), rows.source)


def _rows_key(kind: str, lhs: Any, rhs: Any) -> Any:
    """The data as (rows, targets), one equation a, b as a one-row X, y; each row signed so
    that its first nonzero entry is positive ('(2 - 4θ_1 + θ_2)^2' is the equation
    4θ_1 - θ_2 = 2: the same squared residual)."""
    rows, targets = ((_key(lhs),), (_key(rhs),)) if kind == "ab" else (_key(lhs), _key(rhs))
    signed = []
    for row, target in zip(rows, targets):
        lead = next((Fraction(str(v)) for v in row if Fraction(str(v)) != 0), Fraction(1))
        flip = -1 if lead < 0 else 1
        signed.append((tuple(flip * Fraction(str(v)) for v in row),
                       flip * Fraction(str(target))))
    return tuple(signed)


_INNER = re.compile(r"(?<![\w])([a-zA-Z])\s?(?:\^T|\^⊤|ᵀ|\^top|>)?\s?[·*]?\s?(?:θ|w|x)\b\s?=\s?")


def _inner_equations(flat: str, names: str) -> list[tuple[str, Any, Any, str]]:
    """``aᵀθ = 3`` (or ``x·w = 14``) with the vector named elsewhere (``a = (1, 2, 2)ᵀ``)."""
    out = []
    for m in list(_INNER.finditer(flat))[:8]:
        name = m.group(1)
        if name in ("θ", "w", "x") and not flat[m.start():m.end()].count("^"):
            continue
        num = number_at(flat, m.end())
        got = _assigned_array_cs(names, re.escape(name))
        if num is None or got is None or is_matrix(got[0]):
            continue
        out.append(("ab", got[0], num[0], phrase(flat, m.start(), num[1]) + "; " + got[1]))
    return out


def _from_equations(eqs: list) -> list[tuple[str, Any, Any, str]]:
    out = []
    singles = [(lhs, rhs, s) for lhs, rhs, s in eqs if not is_matrix(lhs)
               and not isinstance(rhs, list)]
    for lhs, rhs, s in eqs:
        if is_matrix(lhs) and isinstance(rhs, list):
            out.append(("Xy", lhs, rhs, s))
    if len(singles) == 1:
        lhs, rhs, s = singles[0]
        out.append(("ab", lhs, rhs, s))
    elif len(singles) > 1:
        out.append(("Xy", [lhs for lhs, _, _ in singles], [rhs for _, rhs, _ in singles],
                    "; ".join(s for _, _, s in singles)))
    return out


def _key(v: Any) -> Any:
    if isinstance(v, list):
        return tuple(_key(x) for x in v)
    return getattr(v, "value", v)


_WORDS = {"one": 1, "a single": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
          "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_COUNT = r"((?<![\d,.])\d{1,5}(?![,.]\d)|one|a single|single|two|three|four|five|six|seven|eight|nine|ten)"
_DIM = (rf"\b{_COUNT}[- ](?:dimensional\b|dimensions\b|(?:weights|parameters|unknowns|features|coordinates)\b)|"
        r"(?:θ|w|x) ∈ (?:R|ℝ)\^?(\d{1,5})\b(?! ?[×x*,] ?\d)")
_ROWS = (rf"\b(?:n|m) ?= ?(\d{{1,5}}) training (?:point|example|sample)s?\b|"
         rf"(?<!\bworth )(?<!\bout of )(?<!\btotal of )\b{_COUNT} (?:training |data )?(?:points?|examples?|samples?|observations?|"
         r"equations?)\b(?! (?:(?:sampled|drawn|chosen|picked|used|selected|processed)\b[^.;,()]{0,24}? )?"
         r"(?:per|at a|at each|each|in each|every) ?(?:step|time|iteration|update)?\b)")
"""A stated number of data rows ('two training points'), not a batch ('one example per step')
nor a grade ('worth 40 points', 'out of 20 points');
a number written with digit groups ('50,000 samples') is read whole, never as its last group."""


def _count(text: str) -> int:
    return int(text) if text.isdigit() else _WORDS[text.lower()]


def _check_sizes(flat: str, r: PartReading, d: int, m: int) -> None:
    """Stated sizes ("3-dimensional", "θ ∈ R^3", "4 features", "two training points", "one
    equation") must agree with the data; a stated size that agrees is read (its number used)."""
    for pattern, size, what, unit in ((_DIM, d, "θ has {} entries", "columns"),
                                      (_ROWS, m, "{} data rows", "equation(s)")):
        got = rx(pattern).search(flat)
        if got is None:
            continue
        k = _count(next(g for g in got.groups() if g))
        if k != size:
            r.miss("data", f"the text says {what.format(k)} (\"{got.group(0)}\") but the data "
                           f"has {size} {unit}")
        else:
            r.convention("size", got.group(0), "the stated size agrees with the data")
    for got in rx(_SHAPE).finditer(flat):   # 'X = [...] (2 x 4, rows are examples)'
        if (int(got.group(1)), int(got.group(2))) == (m, d):
            r.convention("size", got.group(0), "the stated shape of X agrees with the data")


_SHAPE = (r"(?:\bX ?∈ ?(?:R|ℝ) ?\^? ?\{?|\(|\b(?:a|an|the|is) )(\d{1,3}) ?(?:×|x|by) ?(\d{1,3})"
          r"(?=\}? ?(?:matrix\b|data\b|design\b|,|\)|;|\.(?!\d)))")
"""The shape of the data matrix stated as rows × columns ('(2 x 4, rows are examples)',
'X ∈ R^{2×4}', 'a 2 × 4 matrix'): read when it is the data's shape (else its numbers stay
unused)."""


# -- start and loss --------------------------------------------------------------------------

_ZERO = r"(?:the )?(?:origin|zeros?(?: vector)?|0|\\mathbf\{0\}|\\boldsymbol\{0\}|\\vec\{0\})(?![\d.,]\d)"
_ZERO_START = (rf"\b(?:start|begin|initiali[sz]|init)\w*\b[^.;?]{{0,40}}?\b(?:at|from|to|with|in) "
               rf"{_ZERO}\b|\bfrom (?:the )?(?:origin|zero(?: vector)?)\b(?! to\b)|"
               r"\b(?:gd|sgd|descent|momentum|adam|run|trained|training|trains|way|again|still) from 0\b(?! to\b)(?![.,]\d)|\bzero[- ]?initiali[sz]|\bfrom (?:0|zero|the origin) (?=to convergence\b)|\bzero[- ]init\b|"
               rf"\b(?:weights|parameters|θ|w|x) (?:all )?(?:start|are initiali[sz]ed|is initiali[sz]ed|"
               rf"initiali[sz]ed)\w* (?:at|to|from) (?:all |the )?(?:0|zeros?|origin)\b")
_VAR = r"(?:θ|w|x|β|theta|beta|W)"
_PREVIOUS0 = r"(?:_ ?\{?\(?-1\)?\}?|-1\b)"
_THETA0 = (rf"{_VAR} ?(?:_ ?\{{?0\}}?|0) ?= ?{_VAR} ?{_PREVIOUS0}|{_VAR} ?{_PREVIOUS0} ?= ?{_VAR} ?"
           rf"(?:_ ?\{{?0\}}?|0)|"   # θ_0 = θ_{-1} = (..): a momentum method's two starts
           rf"{_VAR} ?(?:_ ?\{{?\(?0\)?\}}?|0|\^ ?\{{?\(0\)\}}?|\(0\)|_\{{?(?:init|start)\}}?)|"
           rf"\btilde {_VAR}_?0|initial (?:point|iterate|weights?|parameters?|θ|w)|"
           rf"\binit(?:ial(?:i[sz]ation|i[sz]ed)?)? (?:{_VAR}|at {_VAR}|from {_VAR})")
_STARTED = "|".join(f"(?<={w} {p} )" for w in ("start", "starts", "starting", "started",
                                                 "initialised", "initialized", "begin", "beginning")
                    for p in ("at", "from"))
_THETA0 += rf"|(?:{_STARTED}|(?<=\bfrom )){_VAR}(?= ?=)"
"""θ₀ also as the parameter set right after 'starting from' ('starting from θ = 0')."""


_LAMBDA = r"λ|lambda|lam|weight decay(?: coefficient)?"


def _ridge_in_part(own: str, src: str, r: PartReading) -> tuple[Any, str]:
    """Ridge named without λ (in the shared text): λ from the part's own text; a part that asks
    only for the λ -> 0 limit needs no λ (the limit does not depend on it)."""
    got = assigned_number(own, _LAMBDA)
    if got is not None:
        r.missing = [m for m in r.missing if m.name != F.method]
        return {"name": M.ridge, "lam": got[0].spec_value()}, f"{src}; {got[1]}"
    ridgeless = [m for m in QUANTITIES.mentions(own) if m.entry.key == Q.RIDGELESS_LIMIT.key]
    limit = [m for m in QUANTITIES.mentions(own) if m.entry.key == Q.LIMIT.key]
    if ridgeless and all(m.start > ridgeless[0].start or _one_sentence(own, m.start, ridgeless)
                         for m in limit):
        # 'let λ → 0. What is the limit?', 'the limit of θ_λ as λ → 0': the λ -> 0 one
        r.missing = [m for m in r.missing if m.name != F.method]
        r.notes.append("λ is not stated; only its λ -> 0 limit is asked, which does not depend "
                       "on it")
        return {"name": M.ridge}, "; ".join([src, *_ridgeless_sources(own)])
    return M.ridge, src


def _one_sentence(text: str, start: int, mentions: list[Any]) -> bool:
    """True when a mention at ``start`` shares its sentence with one of ``mentions``."""
    for m in mentions:
        lo, hi = sorted((start, m.start))
        if not rx(r"[?!;]|\.(?:\s|$)").search(text[lo:hi]):
            return True
    return False


def _ridgeless_sources(own: str) -> list[str]:
    """The phrases of a λ -> 0 limit: the mention ('as lam → 0') and the ridge objective
    written before it ('argmin ½(xᵀw - y)² + (λ/2)‖w‖²')."""
    mention = [m for m in QUANTITIES.mentions(own) if m.entry.key == Q.RIDGELESS_LIMIT.key]
    objective = rx(rf"\barg ?min\b[^?;]{{0,80}}?(?:{_PENALTY_HALF}|{_PENALTY_FULL})"
                   r"[^?;,]{0,16}").search(own)
    return [phrase(own, m.start, m.end) for m in mention[:1]] + (
        [objective.group(0)] if objective else [])


_BAR = r"(?:‖|\|\||\\\||k(?=[θw]))"
_PINV = (r"(?:pinv ?\( ?[XA] ?\)|[XA] ?(?:\^ ?\{?\+\}?|⁺|\^? ?†|\^ ?\{?\\dagger\}?)) ?[*·@]? ?[yb]\b|"
         r"[XA] ?(?:\^ ?\{?T\}?|ᵀ|\^⊤|') ?\( ?[XA] ?[XA] ?(?:\^ ?\{?T\}?|ᵀ|\^⊤|') ?\) ?\^ ?\{?-1\}? ?[yb]\b")
"""The minimum-norm solution written as its formula: pinv(X) y, X^+ y, X†y, Xᵀ(XXᵀ)^{-1} y."""
_LIM = (r"lim(?:_? ?\{? ?(?:λ|lam|lambda|\\lambda|μ|mu|α|alpha|γ|gamma|c|t) ?(?:→|->|\\to|-+>) ?"
        r"0 ?(?:\^ ?\{?\+\}?|\+|⁺)?\}?)? ?")
"""A limit operator written before a symbol: 'lim w_lam', 'lim_{λ→0+} θ_λ', 'lim_λ -> 0 w_λ'."""
_DIFFERENCE = re.compile(rf"{_BAR} ?((?:{_LIM})?[^‖|\s-]{{1,16}}) ?- ?((?:{_PINV})|(?:{_LIM})?"
                         rf"[^‖|\s]{{1,16}}?) ?(?:‖|\|\||k)(?:_ ?2|_\{{2\}}|2)?")
_RESIDUAL = re.compile(rf"{_BAR} ?[XA] ?[*·@]? ?(?:θ|w|x|β|b)\b ?- ?(?:y|b)\b")
"""The residual of the loss, ‖Xw − y‖, not a distance between two points."""
_ANSWER_OF = r"(?:your |the )?(?:answer|result|limit|point|solution) (?:to|of|from|in) (?:part )?\(?([a-h]|\d{1,2})\)?"
_MIN_NORM_ASKS = {Q.MIN_NORM_SOLUTION.key, Q.RIDGELESS_LIMIT.key}


def _defining_part(symbol: str, own: str, previous: list[PartReading]) -> PartReading | None:
    """The earlier part a symbol names: 'where B is your answer to (c)', a ``w(0+)`` for the
    part asking the λ -> 0 limit, else the first earlier part whose text writes the symbol."""
    m = rxc(rf"{re.escape(symbol)} (?:is|denotes|=) {_ANSWER_OF}").search(own)
    if m:
        hits = [p for p in previous if p.label == m.group(1)]
        return hits[0] if len(hits) == 1 else None
    if rx(r"^\w{1,3}\(0\+?\)$").match(symbol):
        hits = [p for p in previous if Q.RIDGELESS_LIMIT.key in p.asked]
        return hits[0] if len(hits) == 1 else None
    lim = rx(rf"^{_LIM}").match(symbol)
    if lim and lim.end() < len(symbol):   # 'lim w_λ': the λ -> 0 limit of the part writing w_λ
        inner = rxc(rf"(?<![\w]){re.escape(symbol[lim.end():])}(?![\w^])")
        hits = [p for p in previous if Q.RIDGELESS_LIMIT.key in p.asked and
                inner.search(p.own_text or "")]
        return hits[0] if len(hits) == 1 else None
    pat = rxc(rf"(?<![\w]){re.escape(symbol)}(?![\w^])")
    return next((p for p in previous if pat.search(p.own_text or "")), None) or \
        _tagged_part(symbol, previous)


_LABELLED = re.compile(r"^(?:θ|w|x|β)(?:_?(?:∞|\{∞\}|inf))?[_^]?\{?\(([a-h]|\d{1,2}|[ivx]{1,4})\)"
                       r"\}?$")
"""A limit named by the label of its part: θ_(a), w_∞(2), θ^{(b)}."""
_METHOD_TAG = re.compile(r"^(?:θ|w|x|β)(?:_?(?:∞|\{∞\}|inf|\*))?[_^]\{?([A-Za-z]{2,8})\}?$")
"""A limit named by its method: θ_∞^GD, w^{SGD}, θ_HB."""
_TAGS = {O.GD.key: M.gd, O.SGD.key: M.sgd, "sign": M.sign, "signgd": M.sign, "signsgd": M.sign,
         "hb": M.heavy_ball, "mom": M.heavy_ball, "nag": M.nesterov, O.NESTEROV.key: M.nesterov,
         O.ADAM.key: M.adam, "pgd": M.preconditioned, "precond": M.preconditioned}


def _tagged_part(symbol: str, previous: list[PartReading]) -> PartReading | None:
    """The one earlier part a limit symbol names by its label (``θ_(a)``, ``w_∞(2)``) or by its
    method (``θ_∞^GD``, ``w^SGD``: the one earlier part that ran that method)."""
    s = symbol.replace(" ", "")
    m = _LABELLED.match(s)
    if m:
        hits = [p for p in previous if p.label == m.group(1)]
        return hits[0] if len(hits) == 1 else None
    m = _METHOD_TAG.match(s)
    name = _TAGS.get(m.group(1).lower()) if m else None
    if name is None:
        return None
    hits = [p for p in previous if p.family == FAMILY and _method_name(p) == name]
    return hits[0] if len(hits) == 1 and "." not in hits[0].label else None


_MIN_NORM_HERE = r"\bmin(?:imum|imal)?[- ](?:(?:ℓ_?2|l2|euclidean)[- ])?norm (?:interpolating )?(?:solution|interpolant|point|minimi[sz]er)s? (?:\$ ?)?"
_MIN_NORM_NAMED = (r" ?(?:is|denotes|=|:=) (?:the |a )?min(?:imum|imal)?[- ](?:(?:ℓ_?2|l_?2|"
                   r"euclidean)[- ])?norm (?:solution|interpolant|point|minimi[sz]er)\b")


def _min_norm_here(symbol: str, own: str) -> bool:
    """True when the part's own text names the minimum-norm solution by this symbol: asks for
    it under the symbol ("Give the minimum-norm solution θ† of ... and ‖θ_∞ - θ†‖"), defines
    the symbol as it ("where θ_min is the minimum-norm solution", "θ⋆ = X†y"), or the symbol
    is its formula ("‖w_∞ - pinv(X)*y‖")."""
    sym = re.escape(symbol) + r"(?![\w^_])"
    return bool(rx(_MIN_NORM_HERE + sym).search(own) or rx(rf"^(?:{_PINV})$").match(symbol) or
                rx(rf"(?<![\w]){sym}{_MIN_NORM_NAMED}").search(own) or
                rx(rf"(?<![\w]){sym} ?(?:=|:=) ?(?:{_PINV})").search(own))


def _distance_reference(own: str, previous: list[PartReading],
                        r: PartReading) -> PartReading | None:
    """``‖θ_∞ - θ†‖_2`` between the limit of an earlier part and the minimum-norm solution of
    another (asked there as X^+y or as the λ -> 0 limit): the part whose limit it is (its method
    and start), with the distance to the minimum-norm solution asked."""
    m = _DIFFERENCE.search(own)
    if m is None:
        return None
    parts = [_defining_part(sym, own, previous) for sym in (m.group(1), m.group(2))]
    here = [p is None and _min_norm_here(sym, own) for p, sym in
            zip(parts, (m.group(1), m.group(2)))]
    if any(not h and (p is None or p.family != FAMILY or "." in p.label)
           for p, h in zip(parts, here)):
        return None
    kinds = ["min-norm" if h or set(p.asked) & _MIN_NORM_ASKS else
             "limit" if Q.LIMIT.key in p.asked and F.method in p.fields else None
             for p, h in zip(parts, here)]
    if kinds == ["limit", "limit"] and parts[0] is not parts[1] and \
            _same_data(parts[0], parts[1]):
        norm = _distance_norm(own, m)
        if norm is None:
            return None
        r.found["pair-distance"] = {"kind": Q.DISTANCE.key, "of": f"{parts[0].label}.limit",
                                    "to": f"{parts[1].label}.limit", "norm": norm}
        r.found["pair-distance-source"] = m.group(0)
        r.notes.append(f"{m.group(0)}: the distance between the limits of parts "
                       f"({parts[0].label}) and ({parts[1].label}), in the {norm} norm")
        return parts[0]
    if sorted(k or "" for k in kinds) != ["limit", "min-norm"] or _distance_norm(own, m) != N.L2.key:
        return None
    limit = parts[kinds.index("limit")]
    r.found["distance"] = m.group(0)
    r.convention("distance", m.group(0), f"the distance from the limit of part ({limit.label}) "
                                         "to the minimum-norm solution")
    for sym in (m.group(1), m.group(2)):
        named = rxc(rf"{re.escape(sym)} (?:is|denotes|=) {_ANSWER_OF}").search(own)
        if named:
            r.convention("distance", named.group(0), "names the point of that part")
    return limit


_OF_THE_TWO = (r"\b(?:how far apart|distance between)\b[^.?]{0,60}\b(?:these|those|the|both)"
               r" (?:two|2) (?:points|limits|solutions|answers|results)\b|\b(?:how far apart|"
               r"distance between)\b[^.?]{0,40}\bthem\b|\bhow far apart\b")
_OTHER_DISTANCE = r"\b(?:ℓ|l)_?\{?(?:1|∞|inf)|\bmax(?:imum)?[- ]norm|\bmanhattan|\bsquared"


def _distance_of_the_two(own: str, readings: list[PartReading]) -> None:
    """A part that runs two methods and asks how far apart the two points are: the Euclidean
    distance between the two readings' answers, derived in the second (the first takes the
    ask as answered there)."""
    m = rx(_OF_THE_TWO).search(own)
    if m is None or len(readings) != 2 or rx(_OTHER_DISTANCE).search(
            own[max(0, m.start() - 40):m.end() + 60]):
        return
    first, second = readings
    second.set(F.derived, [{"kind": Q.DISTANCE.key,
                            "of": {"part": first.label, "quantity": _main_answer(first)},
                            "to": _main_answer(second), "norm": N.L2.key}], m.group(0))
    second.found["split-distance"] = True
    first.found["distance-in"] = second.label
    second.notes.append(f"\"{m.group(0)}\": the Euclidean distance between the answers of "
                        f"{first.label} and {second.label}")


_WEIGHT_FORM = (r"(?:(?:θ|w|x)|\))(?: ?\^ ?\{?(?:T|⊤)\}?|ᵀ|'|>) ?([A-WZ])(?:_\{?[A-Za-z]{1,4}\}?)? ?"
                r"\(? ?(?:θ|w|x)\b")
"""A quadratic form with a capital letter for its matrix: 'wᵀMw', '(θ − θ0)ᵀM(θ − θ0)'."""
_SHIFTED = r"\( ?(?:θ|w|x) ?- ?(?:θ|w|x)_?\{?0\}? ?\)"


def _weight_form(own: str) -> re.Match | None:
    return rx(_WEIGHT_FORM).search(own)


def _read_weight(r: PartReading, sources: list[str]) -> None:
    """'Give M (normalised so that M_11 = 1)' for the matrix of the quadratic form the limit
    minimises: the matrix is asked (scaled as the text says, else so that M_11 = 1), the form
    must be centred at the start ('wᵀMw' from a non-zero start is not what the limit
    minimises), and sign-like methods minimise no quadratic form."""
    own = r.own_text or ""
    form = _weight_form(own)
    if form is None or form.group(1) not in [x.strip() for x in sources]:
        return
    letter = form.group(1)
    context = own[max(0, form.start() - 20):form.end() + 20]
    if not rx(_SHIFTED).search(context) and any(v != 0 for v in r.value(F.theta0) or []):
        r.miss(F.theta0, f"\"{form.group(0)}\" is centred at 0, but the start is not 0: the "
                         "limit minimises the form in θ - θ0 (expected (θ - θ0)ᵀM(θ - θ0))")
        return
    if _method_name(r) in (M.sign, M.epochwise):
        r.miss(F.method, f"\"{form.group(0)}\": this method's limit minimises a max norm, not "
                         "a quadratic form, so there is no matrix to give")
        return
    scale = rxc(rf"\b{letter} ?_? ?\{{? ?(\d) ?,? ?(\d) ?\}}? ?= ?(\d{{1,6}}(?:\.\d{{1,6}})?)(?!\d|\.\d)"
                ).search(own)
    if scale and (scale.group(1) != scale.group(2) or float(scale.group(3)) != 1):
        r.miss("weight_entry", f"\"{scale.group(0)}\": the matrix is scaled by one diagonal "
                               f"entry equal to 1 (expected {letter}_11 = 1)")
        return
    if scale:
        r.set("weight_entry", int(scale.group(1)), scale.group(0))
    else:
        r.set("weight_entry", 1, "", note=f"{letter} is fixed only up to a positive factor; "
                                           f"given scaled so that {letter}_11 = 1")
    r.convention("weight", form.group(0), f"the quadratic form whose matrix {letter} is asked")
    named = rx(r"\b(?:a |the )?weighted (?:(?:ℓ_?2|l2|euclidean|quadratic) )?(?:norm|metric)\b").search(own)
    if named:
        r.convention("weight", named.group(0), f"the norm of the quadratic form in {letter}")


_WHICH_NORM_METHODS = (M.gd, M.sgd, M.heavy_ball, M.nesterov, M.preconditioned, M.rescaled)
_COORDINATES = {"θ": "theta", "theta": "theta", "w": "w", "x": "x", "β": "beta", "beta": "beta"}


def _which_norm_known(r: PartReading) -> bool:
    """The norm a limit minimises is known for the methods confined to θ0 + P row(X) and for
    sign-like descent on one equation."""
    name = _method_name(r)
    return name in _WHICH_NORM_METHODS or (name in (M.sign, M.epochwise) and
                                          r.value(F.a) is not None)


def _read_coordinates(r: PartReading) -> None:
    """The letter the text writes the parameters' coordinates with (w_1, θ₂, x3), which a
    formula answer uses: the one the text indexes most often; when the part indexes none, the
    letter of the parameters in the loss ('L(w) = ...') or the start ('w_0 = 0') read."""
    text = r.own_text or ""
    counts = {}
    for m in rx(r"(?<![\w\\])(θ|theta|w|x|β|beta) ?_? ?\{?(\d)\b").finditer(text):
        counts[_COORDINATES[m.group(1)]] = counts.get(_COORDINATES[m.group(1)], 0) + 1
    for field, pattern in ((F.loss, r"\b[LfJ] ?\( ?(θ|theta|w|x|β|beta) ?\)"),
                           (F.theta0, r"^(θ|theta|w|x|β|beta) ?_? ?\{?0\b")):
        m = rx(pattern).search(r.fields[field].source) if not counts and field in r.fields \
            and r.fields[field].source else None
        if m:
            counts[_COORDINATES[m.group(1)]] = 1
    if counts:
        best = max(counts, key=counts.get)
        if best != "theta":
            r.set("coordinates", best, "", note=f"formula answers use the text's coordinates "
                                                f"{best}1, {best}2, ...")


_HOW_FAR = (r"\bhow far\b|\bdistance (?:between|from)\b|\bhow (?:much|far) apart\b")
_LABEL_REF = r"\(([a-h]|\d{1,2}|[ivx]{1,4})\)"


def _distance_in_words(own: str, ctx: str, previous: list[PartReading],
                       r: PartReading) -> PartReading | None:
    """'How far is the limit in (b) from the limit in (a)?': the Euclidean distance between
    the answers of the two earlier parts the question names (each part's limit, or its λ -> 0
    limit), as a derived distance; the part takes the first one's method and start."""
    m = rx(_HOW_FAR).search(own)
    if m is None or rx(_OTHER_DISTANCE).search(own):
        return None
    labels = list(dict.fromkeys(x.group(1) for x in rx(_LABEL_REF).finditer(own)))
    if not labels:
        labels = _labels_of_named_results(own, previous)
    parts = [next((p for p in previous if p.label == label), None) for label in labels]
    if len(labels) == 1:
        return _distance_to_min_norm(own, m, parts[0], r)
    if not labels:
        _own_distance_to_min_norm(own, m, r)
        return None
    if len(labels) != 2 or any(p is None or p.family != FAMILY or F.method not in p.fields
                               for p in parts) or not _same_data(parts[0], parts[1]):
        return None
    if _methods_in(rx(_LABEL_REF).sub(" ", own), ctx, PartReading(r.label, FAMILY)):
        return None
    r.found["pair-distance"] = {"kind": Q.DISTANCE.key,
                                "of": f"{parts[0].label}.{_main_answer(parts[0])}",
                                "to": f"{parts[1].label}.{_main_answer(parts[1])}", "norm": N.L2.key}
    r.found["pair-distance-source"] = phrase(own, m.start(), m.end())
    r.notes.append(f"the Euclidean distance between the answers of parts ({parts[0].label}) and "
                   f"({parts[1].label})")
    return _asked_about(own, m, parts) or parts[0]


_RESULT_SYMBOL = r"(?:θ|w|β)(?:[\u0302\u0303\u0304])?(?:_?(?:∞|\{[^{}\s]{1,8}\}|[A-Za-z0-9]{1,8}))?"
_BETWEEN_SYMBOLS = (rf"\b(?:between|of|is) ({_RESULT_SYMBOL}) (?:and|from) ({_RESULT_SYMBOL})"
                    r"(?![\w^(])")


def _labels_of_named_results(own: str, previous: list[PartReading]) -> list[str]:
    """'The distance between θ_GD and θ_P': the two earlier parts that each name their result
    by that symbol ('give the limit θ_P'); none unless both are found."""
    m = rxc(_BETWEEN_SYMBOLS).search(own)
    if m is None or m.group(1) == m.group(2):
        return []
    labels = []
    for symbol in (m.group(1), m.group(2)):
        names = rxc(rf"\b(?:limit|point|solution|minimi[sz]er|result)s?,? (?:\(?call it )?"
                    rf"{re.escape(symbol)}(?![\w^(\u0302\u0303\u0304])")
        hits = [p for p in previous if names.search(p.own_text or "")]
        if not hits or "." in hits[0].label:
            return []
        labels.append(hits[0].label)
    return labels if labels[0] != labels[1] else []


_MIN_NORM_WORDS = (r"\b(?:the )?min(?:imum|imal|\.)?[- ](?:(?:ℓ_?2|l_?2|euclidean)[- ])?norm "
                   r"(?:interpolating )?(?:solution|interpolant|point|minimi[sz]er|one)\b|"
                   r"\b(?:the )?pseudo-?inverse solution\b")


def _own_distance_to_min_norm(own: str, m: re.Match, r: PartReading) -> None:
    """'Where does it converge? ... how far is it from the min-norm one?': in a part naming no
    earlier part, the Euclidean distance from this part's limit to the minimum-norm solution,
    when the two are named in one sentence."""
    named = rx(_MIN_NORM_WORDS).search(own, m.end())
    if named is None or named.start() - m.end() > 80 or \
            rx(r"[?;]|\.(?:\s|$)").search(own[m.end():named.start()]):
        return
    lo, hi = m.start(), named.end()
    metric = rx(r" ?\([^()]{0,30}\b(?:euclidean|ℓ_?2|l_?2|2-norm)\b[^()]{0,20}\)").match(own, hi)
    hi = metric.end() if metric else hi
    r.found["distance"] = own[lo:hi]
    r.found["distance-words"] = (own[lo:hi], named.group(0))
    r.convention("distance", own[lo:hi], "the distance from this part's limit to the "
                                         "minimum-norm solution")


def _distance_to_min_norm(own: str, m: re.Match, part: PartReading | None,
                          r: PartReading) -> PartReading | None:
    """'How far is the limit of (c) from the minimum-norm solution?': the Euclidean distance
    from the limit of the one earlier part named to the minimum-norm solution of the same data;
    the part takes that part's method and start."""
    named = rx(_MIN_NORM_WORDS).search(own)
    if named is None or part is None or part.family != FAMILY or F.method not in part.fields \
            or Q.LIMIT.key not in part.asked or not _same_data(part, r):
        return None
    lo, hi = min(m.start(), named.start()), max(m.end(), named.end())
    if hi - lo > 120 or rx(r"[?;]|\.(?:\s|$)").search(own[lo:hi]):
        return None
    metric = rx(r" ?\([^()]{0,30}\b(?:euclidean|ℓ_?2|l_?2|2-norm)\b[^()]{0,20}\)").match(own, hi)
    hi = metric.end() if metric else hi
    r.found["distance"] = own[lo:hi]
    r.found["distance-words"] = (own[lo:hi], named.group(0))
    r.convention("distance", own[lo:hi], f"the distance from the limit of part ({part.label}) "
                                         "to the minimum-norm solution")
    return part


def _asked_about(own: str, m: re.Match, parts: list[PartReading]) -> PartReading | None:
    """Of the two parts a distance names, the one another sentence of the part asks about
    ("Is the limit in (b) the minimum-norm solution? Compute the distance between the limits
    of (a) and (b)"): that part's method and start answer the other asks."""
    cuts = [x.end() for x in rx(r"[.?;](?: |$)").finditer(own, 0, m.start())]
    end = rx(r"[.?;](?: |$)").search(own, m.end())
    rest = own[:cuts[-1] if cuts else 0] + " " + own[end.end() if end else len(own):]
    labels = {next(g for g in x.groups() if g) for x in rx(_REF_LABEL).finditer(rest)}
    hits = [p for p in parts if p.label in labels]
    return hits[0] if len(labels) == 1 and len(hits) == 1 else None


def _several_referenced(own: str, previous: list[PartReading],
                        r: PartReading) -> list[PartReading]:
    """The earlier parts a method-less part asks about when it names several ("Give ‖w‖² for
    (a) and for (b)", "the norm of the limit from (c), and ... the point from (a)"): each an
    implicit-bias part with one method on the same data; empty unless every named label is one."""
    labels = list(dict.fromkeys(m.group(1) for m in rx(_LABEL_REF).finditer(own)))
    parts = [next((p for p in previous if p.label == label), None) for label in labels]
    if not labels:
        parts = _the_limits_so_far(own, previous, r)
    if len(parts) < 2 or any(p is None or p.family != FAMILY or F.method not in p.fields or
                             F.theta0 not in p.fields or p.missing or
                             not _same_data(p, r) for p in parts):
        return []
    return parts


_ALL_LIMITS = (r"\b(?:at|of|for|in) (?:(?:both|each|all|either)(?: of)? (?:the )?|the )(?:(two|three|four|"
               r"2|3|4) )?(?:limits|limit points|limiting points|converged points|end ?points)\b|"
               r"\b(?:at|of|for|in) (?:each|either|every) (?:limit|limit point|converged point)\b")
"""'the training loss at both limits', 'the loss of each of the three limits', 'at every limit
point': about every limit the earlier parts computed, none of them named by its label."""
_HOW_MANY = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}


def _the_limits_so_far(own: str, previous: list[PartReading], r: PartReading
                       ) -> list[PartReading]:
    """The earlier parts at whose limits a part without a method of its own asks the loss
    ('What is the training loss at both limits?'): each earlier part of this family that
    computes a limit on the same data, one per distinct method and start. Empty unless the
    words say several limits and their number (when said: 'both', 'the two', 'three') is that
    of the distinct limits computed; a part naming a start or a method is about its own run."""
    m = rx(_ALL_LIMITS).search(own)
    loss = [x.span() for x in rx(_LOSS_AT_LIMIT).finditer(own)]
    if m is None or not any(a <= m.start() < b for a, b in loss) or rx(r"\b(?:start|initiali[sz]|from (?:θ|w|x)_?0)").search(own):
        return []
    want = 2 if rx(r"\b(?:both|either)\b").search(m.group(0)) else _HOW_MANY.get(
        (m.group(1) or "").lower())
    seen, out = set(), []
    for p in previous:
        if p.family != FAMILY or p.missing or F.method not in p.fields or \
                F.theta0 not in p.fields or not _same_data(p, r):
            continue
        asks = p.value(F.asks)
        if asks is not None and Q.LIMIT.key not in asks and not (p.value(F.derived) or []):
            continue   # a part asking only the largest step computes no limit
        key = (repr(p.value(F.method)), repr(p.value(F.theta0)))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out if len(out) >= 2 and want in (None, len(out)) else []


def _compares_results(own: str) -> bool:
    """True when the part asks which of the earlier results wins ('Which of the two limits has
    the smaller norm?'): one derived comparison over them, not one reading per result."""
    return bool(rx(r"\bwhich (?:one )?of (?:the|these|those|them)(?: (?:two|three|four|\d))?\b|"
                   r"\bwhich is which\b|\bdistance between\b|\bhow far apart\b").search(own))


def _per_result_readings(label: str, own: str, parts: list[PartReading],
                         base: PartReading) -> list[PartReading]:
    """One reading per earlier part the part asks about, each with that part's method and
    start; an ask whose sentence names some of those parts goes only to their readings."""
    out = []
    for i, p in enumerate(parts, 1):
        r = PartReading(f"{label}.{i}", FAMILY, fields=dict(base.fields),
                        missing=[m for m in base.missing if m.name not in (F.method, F.theta0)],
                        notes=list(base.notes), conventions=list(base.conventions),
                        own_text=own)
        method, start = p.fields[F.method], p.fields[F.theta0]
        r.set(F.method, method.value, f"{method.source} (the method of part ({p.label}))")
        r.set(F.theta0, start.value, start.source)
        r.found["about-part"] = (p.label, tuple(q.label for q in parts))
        r.notes.append(f"part ({label}) asks about the results of parts "
                       f"{', '.join(f'({q.label})' for q in parts)}; this reading is part "
                       f"({p.label})'s")
        out.append(r)
    return out


def _about_this_part(r: PartReading, source: str) -> bool:
    """For a reading of one of several earlier parts: False when the sentence the ask comes from
    names some of those parts but not this one ("Does the vector from (b) ...?"). For a part
    that also asks about one earlier part's result (:func:`_with_earlier_result`): the reading
    of that result takes the asks of the sentences naming it, the part's own reading the
    others."""
    mine, labels = r.found["about-part"]
    sentence = _ask_sentence(r.own_text or "", source)
    if sentence is None:
        return True
    named = {m.group(1) for m in rx(_LABEL_REF).finditer(sentence)} & set(labels)
    if r.found.get("earlier-result"):
        other = r.found["earlier-result"]
        return (other in named) == (mine == other)
    return not named or mine in named


def _ask_sentence(own: str, source: str) -> str | None:
    """The sentence of ``own`` an ask's phrase comes from (None when it is not there)."""
    at = own.find(source)
    if at < 0:
        return None
    cuts = [m.end() for m in rx(r"[.?;](?: |$)").finditer(own, 0, at)]
    end = rx(r"[.?;](?: |$)").search(own, at + len(source))
    return own[cuts[-1] if cuts else 0:end.end() if end else len(own)]


_RESULT_OF_PART = (r"\b(?:the )?(?:limit|limit point|point|solution|answer|result|vector|iterate|"
                   r"minimi[sz]er)s? (?:from|of|in|found in|obtained in|reached in) (?:part )?"
                   + _LABEL_REF)
_RESULT_RELATION = (r"\bdistance\b|\bdiffer|\bsame\b|\bcompar|\bwhich (?:one )?of\b|\bcloser\b|"
                    r"\bfarther\b|\bthan\b|\bchange|\bbetween\b")


_HINT = (r"^\W*(?:remark|hint|note|recall)\b\s*:|\byou (?:may|can|might) (?:use|assume|take for granted)\b|"
         r"\b(?:it may help|it helps) to (?:use|note|recall)\b")
"""'Remark: you may use that the iterates of (b) stay in θ0 + span{Px}': a hint the part may use,
not a request about (b)'s result."""


def _without_hints(own: str) -> str:
    """``own`` with its hint sentences blanked (same length, so positions hold)."""
    out = own
    for m in rx(r"[^.?;]+(?:[.?;](?: |$)|$)").finditer(own):
        if rx(_HINT).search(m.group(0).strip()):
            out = out[:m.start()] + " " * (m.end() - m.start()) + out[m.end():]
    return out


def _with_earlier_result(label: str, own: str, base: PartReading,
                         previous: list[PartReading]) -> list[PartReading]:
    """A part that runs a method of its own and, in a sentence of its own, asks about one
    earlier part's result ("If instead we start from w_0 = 0, where does GD converge? Is the
    limit from part (1) the minimum-norm solution?"): two readings, the part's own run for
    the other sentences and the earlier part's run (its method and start) for that sentence.
    A sentence that relates the two results (a distance, a comparison) is left to the readings
    that compare; the part is read as one when the earlier run is the part's own."""
    sentences_about = [(m.group(1), m) for m in rx(_RESULT_OF_PART).finditer(_without_hints(own))
                       if m.group(1) != label]
    labels = {x for x, _ in sentences_about}
    if len(labels) != 1 or any(rx(_RESULT_RELATION).search(_ask_sentence(own, m.group(0)) or "")
                               for _, m in sentences_about):
        return [base]
    (other,) = labels
    p = next((q for q in previous if q.label == other), None)
    if p is None or p.family != FAMILY or F.method not in p.fields or F.theta0 not in p.fields \
            or p.missing or not _same_data(p, base) or F.method not in base.fields or \
            F.theta0 not in base.fields or (p.value(F.method) == base.value(F.method) and
                                            p.value(F.theta0) == base.value(F.theta0)):
        return [base]
    mine = PartReading(f"{label}.1", FAMILY, fields=dict(base.fields), missing=list(base.missing),
                       notes=list(base.notes), conventions=list(base.conventions), own_text=own)
    mine.found = dict(base.found)
    theirs = PartReading(f"{label}.2", FAMILY, fields=dict(base.fields),
                         missing=[m for m in base.missing if m.name not in (F.method, F.theta0)],
                         notes=list(base.notes), conventions=list(base.conventions), own_text=own)
    method, start = p.fields[F.method], p.fields[F.theta0]
    theirs.set(F.method, method.value, f"{method.source} (the method of part ({p.label}))")
    theirs.set(F.theta0, start.value, f"{start.source} (the start of part ({p.label}))")
    for r, which in ((mine, label), (theirs, other)):
        r.found["about-part"] = (which, (label, other))
        r.found["earlier-result"] = other
    mine.notes.append(f"part ({label}) also asks about the result of part ({other}); this "
                      f"reading is part ({label})'s own run")
    theirs.notes.append(f"\"{sentences_about[0][1].group(0)}\": this reading is the run of part "
                        f"({other}), for the sentence that names it")
    return [mine, theirs]


_TO_PART = (r"\b(?:its|the) (?:(?:euclidean|ℓ_?2|l_?2) )?distance (?:to|from) (?:the )?(?:point|limit|"
            r"solution|answer|result|minimi[sz]er|vector)s? (?:from|of|in|found in|obtained in) "
            r"(?:part )?" + _LABEL_REF)


def _distance_to_a_part(own: str, r: PartReading, previous: list[PartReading]) -> None:
    """'Find the limit and its Euclidean distance to the point from (a)': the distance from
    this part's answer to the answer of the one earlier part named (same data, one method)."""
    m = rx(_TO_PART).search(own)
    if m is None or rx(_OTHER_DISTANCE).search(own[max(0, m.start() - 20):m.end() + 40]):
        return
    other = next((p for p in previous if p.label == m.group(1)), None)
    if other is None or other.family != FAMILY or F.method not in other.fields or \
            not _same_data(other, r):
        return
    r.set(F.derived, [*(r.value(F.derived) or []),
                      {"kind": Q.DISTANCE.key, "of": _main_answer(r),
                       "to": f"{other.label}.{_main_answer(other)}", "norm": N.L2.key}], m.group(0))
    r.notes.append(f"\"{m.group(0)}\": the Euclidean distance from this part's answer to part "
                   f"({other.label})'s")


def _answered_by_a_sibling(r: PartReading, asks: list[tuple[str, str]]) -> set[str]:
    """In a part that runs two methods, the asks the other reading answers: the distance
    between the two (derived in the second), the λ -> 0 limit (by the ridge reading), and
    everything but the λ -> 0 limit and X^+y when this reading is ridge without λ."""
    out = {k for k, _ in asks if k == Q.DISTANCE.key and r.found.get("distance-in")}
    subject = _which_norm_subject(r)
    if subject is not None and len(r.found.get("part-methods") or []) > 1 and \
            subject != _method_name(r) and subject in r.found["part-methods"]:
        out |= {k for k, _ in asks if k == Q.WHICH_NORM.key}   # asked of the other method
    if not r.found.get("siblings"):
        return out
    method = r.value(F.method)
    ridge = method == M.ridge or isinstance(method, dict) and method.get("name") == M.ridge
    ridgeless_only = _main_answer(r) == Q.RIDGELESS_LIMIT.key
    ridge_sibling = r.found["siblings"] == O.RIDGE.key
    for k, source in asks:
        if k == Q.RIDGELESS_LIMIT.key and not ridge and ridge_sibling:
            out.add(k)
        elif ridgeless_only and k not in (Q.RIDGELESS_LIMIT.key, Q.MIN_NORM_SOLUTION.key,
                                          Q.DISTANCE.key) and k in IMPLICIT_BIAS.answer_keys \
                and _about(r.own_text or "", source, r.found["sibling-method"]):
            out.add(k)
    return out


def _about(own: str, source: str, method: str) -> bool:
    """True when the clause an ask comes from names ``method`` and not ridge ("Where does
    plain GD end up", "the limit point of the momentum run"): the ask is about that method."""
    at = own.find(source)
    if at < 0 or method not in METHODS:
        return False
    cuts = [m.end() for m in rx(r"[.?;,](?: |$)|\band\b").finditer(own, 0, at)]
    start = cuts[-1] if cuts else 0
    after = rx(r"[.?;,](?: |$)|\band\b").search(own, at + len(source))
    clause = own[start:after.start() if after else len(own)]
    return bool(rx(METHODS[method]).search(clause)) and not rx(
        METHODS[M.ridge] + r"|λ|\blambda\b|\blam\b").search(clause)


def _same_data(p: PartReading, q: PartReading) -> bool:
    """True when two parts fit the same data (their limits live in the same space)."""
    return all(p.value(k) == q.value(k) for k in (F.X, F.y, F.a, F.b))


def _unread_difference(r: PartReading) -> None:
    """A norm of a difference the part writes (``‖θ_∞ − v‖``) that no reading of a distance
    took, and whose phrase no field or convention covers: refused with its phrase, never
    dropped."""
    diff = r.found.get("unread-difference")
    if not diff:
        return
    flat = diff.replace(" ", "")
    sources = [f.source for f in (*r.fields.values(), *r.conventions) if f.source]
    if any(flat in src.replace(" ", "") for src in sources):
        return
    r.miss(f"question \"{diff}\"", f"\"{diff}\" is the norm of a difference whose two points "
                                   "the reading cannot both place (expected the part's limit and "
                                   "its start, the minimum-norm solution, or another part's "
                                   "result)")


def _distance_to_start(own: str, m: re.Match, r: PartReading) -> bool:
    """``‖w_∞ − w_0‖_2``: how far the part's limit is from its own start (the difference of
    its limit symbol and its start symbol, in either order), the norm of their difference
    evaluated at the limit. True when read."""
    sides = [m.group(1).replace(" ", ""), m.group(2).replace(" ", "")]
    start = [bool(rx(rf"^(?:{_THETA0})$").match(x)) for x in sides]
    limit = [bool(_LIMIT_SYMBOL.match(x)) and not re.search(r"_\d", x) and not start[i]
             for i, x in enumerate(sides)]
    theta0 = r.value(F.theta0)
    if sorted(start) != [False, True] or sorted(limit) != [False, True] or \
            start.index(True) == limit.index(True) or theta0 is None:
        return False
    norm = _distance_norm(own, m)
    formulas = {N.L2.key: "‖w - s‖_2", N.L1.key: "‖w - s‖_1", N.LINF.key: "‖w - s‖_∞"}
    if norm not in formulas:
        return False
    entry = {"kind": Q.VALUE_AT.key, "of": {"quantity": Q.LIMIT.key},
             "formula": formulas[norm], "variable": "w", "data": {"s": list(theta0)},
             "label": f"distance from the start to the limit ({N.NORMS[norm].name})"}
    r.set(F.derived, [*(r.value(F.derived) or []), entry],
          "; ".join(x for x in (r.fields[F.derived].source if F.derived in r.fields else "",
                                m.group(0)) if x))
    r.answered_by[Q.DISTANCE.key] = Q.VALUE_AT.key
    r.found["start-distance"] = m.group(0)
    r.notes.append(f"{m.group(0)}: the distance from the part's start to its limit")
    return True


def _distance_norm(own: str, m: re.Match) -> str | None:
    """The norm of ``‖A - B‖``: ℓ2 when unmarked or marked 2; ℓ1 or ℓ∞ when marked so; None
    for any other mark (left unplaced)."""
    tail = own[m.end():m.end() + 8]
    if rx(r"^ ?(?:\^|²)|^\d").match(tail):
        return None   # a squared distance
    if rx(r"[‖|k]$").search(m.group(0)):
        if rx(r"^_ ?\{?1\}?(?!\d|\.\d)|^₁").match(tail):
            return N.L1.key
        if rx(r"^_ ?\{?(?:∞|inf(?:ty)?)\}?").match(tail):
            return N.LINF.key
        if rx(r"^_").match(tail):
            return None
    return N.L2.key


_PENALTY_HALF = (r"\+ ?(?:\(?(?:λ|lambda|lam) ?/ ?2\)?|\(1\)/\(2\) ?(?:λ|lambda)|\((?:λ|lambda)\)/\(2\)|"
                 r"1/2 ?(?:λ|lambda)|½ ?(?:λ|lambda)) ?\*? ?(?:‖|\|\||k(?=θ|w))")
_PENALTY_FULL = r"\+ ?(?:λ|lambda|lam) ?\*? ?(?:‖|\|\||k(?=θ|w))"


def _ridge_form(own: str, ctx: str, method: tuple[Any, str], r: PartReading) -> tuple[Any, str]:
    """A finite weight decay needs the penalty's form and the loss constant as written: the spec
    is c‖Xθ - y‖² + (λ/2)‖θ‖²; a penalty λ‖θ‖² is λ_spec = 2λ; an unwritten loss constant is
    refused (the weight-decay limit depends on it)."""
    value, src = method
    if not (isinstance(value, dict) and value.get("name") == M.ridge and "lam" in value):
        return method
    for text in (own, ctx):
        half = rx(_PENALTY_HALF).search(text)
        full = rx(_PENALTY_FULL).search(text)
        if half:
            src += "; " + phrase(text, half.start(), half.end())
            break
        if full:
            lam = Fraction(str(value["lam"])) * 2
            r.notes.append(f"the penalty is written λ‖θ‖² (\"{full.group(0)}\"): it is "
                           "(λ'/2)‖θ‖² with λ' = 2λ")
            value = {**value, "lam": Num(lam, str(lam)).spec_value()}
            src += "; " + phrase(text, full.start(), full.end())
            break
    loss = r.fields.get(F.loss)
    if loss is not None and not loss.source:
        r.miss(F.loss, "the weight-decay limit depends on the constant in front of the squared "
                       "loss, which is not written (expected e.g. ½‖Xθ - y‖² + (λ/2)‖θ‖²)")
    return value, src


_REF_LABEL = (r"\b(?:answer|limit|result|point|solution|method|vector|weight vector)s? (?:to|of|from|in) "
              r"(?:(?:part |question |task |problem |exercise |ex\.? ?|q ?)\d{1,2}\.(\d{1,2})(?![\w.])|(?:part |question |q ?(?=\d))?"
              r"(?:\(([a-h]|\d{1,2})\)|([a-h])\)|(\d{1,2})(?![\w.])|\(([ivx]{1,4})\)))|"
              r"\bpart \(?([a-h]|\d{1,2})\)|"
              r"(?:θ|w)_?\(([a-h])\)|\bthe (?:θ|w|theta)(?:_?∞)? (?:of|from|in) (?:part )?\(?([a-h]|\d{1,2})\)?"
              r"(?![\w.])")
"""An earlier part named by its label ('the limit of (b)'); a sub-question numbered under one
question ('the method in Q3.2') is named by its own number, as the parts are labelled."""
_NAMED_RESULT = (r"(?:θ|w|x)_\(?(?!(?:t|k|i|j|n|init|start|inf|T|K|N|I|J)\b)"
                 r"([A-Za-z]{2,9}|[A-Z])\b")
"""A result named in an earlier part ("To which point θ_sign?", "Call the limit θ_raw", "Give
the limit θ_P"); a bare letter after "solution of" is the text's own symbol, not a part."""
_LIMIT_NAME = (r"(?<![\w])(?:θ|w|x|β)(?:\^?\{?[A-Z][A-Za-z]{0,3}\}?)?_?(?:∞|\{∞\}|\(∞\)|"
               r"inf(?:ty)?\b)")
"""The limit written as a symbol (w_∞, θ∞, w_inf)."""
_REF_PREVIOUS = (r"\b(?:this|that|the above|the previous) (?:limit|point|solution|iterate|answer)\b|"
                 r"^(?:is|does|would) (?:it|this|that)\b|"
                 r"\bhow (?:big|large|long) is (?:it|this|that)\b|"
                 r"^\W*(?:and )?(?:what is |what's |give |find )?its (?:squared )?(?:(?:euclidean|ℓ_?2|l_?2) )?norm\b")


def _limit_writer(own: str, previous: list[PartReading]) -> PartReading | None:
    """The one earlier part (with a method) whose text writes the limit symbol this part asks
    about ("(b) Is w_∞ the minimum-norm solution?" after "(a) … to which point w_∞ …")."""
    limit = rx(_LIMIT_NAME).search(own)
    if limit is None:
        return None
    pat = rxc(re.escape(limit.group(0).replace(" ", "")))
    writers = [p for p in previous if pat.search((p.own_text or "").replace(" ", ""))]
    if not writers or any(p.family != FAMILY or F.method not in p.fields or "." in p.label
                          for p in writers):
        return None
    settings = {repr((p.value(F.method), p.value(F.theta0))) for p in writers}
    return writers[0] if len(settings) == 1 else None   # later writers restate the first


START_FREE = frozenset({Q.MAX_STEP.key})
"""Asked quantities no start changes."""


def _asks_only_start_free(own: str) -> bool:
    """The part asks only for quantities of the loss and the method that no start changes
    (the largest convergent step), not for a limit. Words of quantities the family does not
    answer ('the threshold' glossing the largest step) are not asks of this part."""
    asked = {m.entry.key for m in QUANTITIES.mentions(own)} & set(ImplicitBiasReader.answers)
    return bool(asked) and asked <= START_FREE


def _asks_only_min_norm(own: str) -> bool:
    """The part asks for the minimum-norm solution and nothing else (no limit of a method)."""
    return {m.entry.key for m in QUANTITIES.mentions(own)} == {Q.MIN_NORM_SOLUTION.key}


def _referenced(own: str, previous: list[PartReading]) -> PartReading | None:
    """The earlier part whose result a method-less part asks about: named ("the answer to 2",
    "the point from (c)"), or the part just before ("Is this limit the minimum-norm ..."); a
    part asking only for the minimum-norm solution (which no method changes) takes the last."""
    mine = [p for p in previous if p.family == FAMILY and F.method in p.fields]
    own = _without_hints(own)
    m = rx(_REF_LABEL).search(own)
    named = {x.group(1) for x in rx(_LABEL_REF).finditer(own)} & {p.label for p in previous}
    if m and len(named) > 1:
        return None     # 'for (a) and for (b)': about several parts, not one
    if m:
        label = next(g for g in m.groups() if g)
        hits = [p for p in mine if p.label == label or p.label.startswith(label + ".")]
        return hits[0] if len(hits) == 1 else None
    named = {tok for tok in rxc(_NAMED_RESULT).findall(own)}
    if named:
        labels = set()
        for tok in named:
            pat = rxc(rf"(?:θ|w|x)_\(?{re.escape(tok)}\b")
            first = next((p for p in previous if pat.search(p.own_text or "")), None)
            if first is None or "." in first.label:
                return None
            labels.add(first.label)
        hits = [p for p in mine if p.label in labels]
        return hits[0] if len(labels) == 1 and len(hits) == 1 else None
    writer = _limit_writer(own, previous)
    if writer is not None:
        return writer
    if previous and previous[-1] in mine and "." not in previous[-1].label and \
            (rx(_REF_PREVIOUS).search(own) or rx(_SAME_METHOD).search(own)):
        return previous[-1]
    asks = {m.entry.key for m in QUANTITIES.mentions(own)}
    if mine and asks == {Q.MIN_NORM_SOLUTION.key}:
        return mine[-1]  # X^+ y does not depend on the method
    return None


_SAME_METHOD = (r"\b(?:the )?same (?:P|D|M|preconditioner|preconditioning matrix|frozen preconditioner)\b|"
                r"\b(?:trains?|trained|training|runs?|ran|optimi[sz](?:es|ed|ing)?|fits?|fitted|"
                r"iterates?) (?:it )?(?:in )?the same way\b|\bthe same (?:method|optimi[sz]er|algorithm|"
                r"procedure)\b|\b(?:same|identical) (?:training|optimi[sz]ation) (?:setup|procedure)\b|"
                r"^(?:(?:now|again|next),? )?(?:the )?same (?:iteration|update(?: rule)?|recursion|"
                r"iterative scheme|method|optimi[sz]er|algorithm|dynamics)\b(?! as (?:in )?(?:part )?\(?"
                r"(?:[a-h]|\d{1,2}|[ivx]{1,4})\b)")
"""A part that runs the previous part's method again ('trains the same way', 'the same
method but ...'), without naming it."""
_SAME_START = (r"\b(?:from|at) the same (?:start(?:ing point)?|initiali[sz]ation|initial (?:point|"
               r"iterate|weights?)|init|(?:θ|w|x|β) ?_? ?\{?\(?0\)?\}?|origin)\b|\bthe same start(?:ing "
               r"point)?\b")


def _same_start(own: str, previous: list[PartReading]) -> PartReading | None:
    """'From the same β₀': the earlier part whose own text states the start (when several do,
    they must agree)."""
    if not rx(_SAME_START).search(own):
        return None
    stated = [p for p in previous if p.family == FAMILY and F.theta0 in p.fields and
              p.fields[F.theta0].source and p.fields[F.theta0].source in (p.own_text or "")]
    values = {repr(p.value(F.theta0)) for p in stated}
    return stated[-1] if len(values) == 1 else None


_PRECONDITIONER_WORD = r"\bprecondition(?:ed|er|ing)\b"
_ASKS_P = (r"\b(?:which|what(?: is| are)?|give|find|state|compute|determine|write(?: down)?|identify)"
           r"(?: (?:the|this|that|a))?(?: (?:fixed|diagonal|constant|equivalent|implied|effective)){0,2}"
           r" (?:P|preconditioner)\b(?! ?(?:=|∇|\())")
"""A request for the preconditioner itself ('Which P?', 'Give P, normalised so that P_11 = 1',
'what is the equivalent preconditioner')."""
_SCALED_P = r"\bP ?_? ?\{? ?(\d) ?,? ?(\d) ?\}? ?= ?(\d{1,6}(?:\.\d{1,6})?)(?!\d|\.\d)"


_REPEATED_PART = (r"\b(?:repeat|redo|recompute|rerun|re-run|do again|same (?:question|computation|"
                  r"steps?|thing) as(?: in)?|as in|like in|analogous(?:ly)? to)\s(?:part |question |"
                  r"exercise |item |task |q ?)?\(?(?:[a-h]|\d{1,2}|[ivx]{1,4})\)?(?![\w(])(?:'s|’s)?")
"""A part named to be done again ('Repeat (i) from w_0 = (1, 1, 1)', 'as in (a), but ...', 'redo
Q2 for ...'): the part reruns it with its own setting, it does not ask about that part's result."""


_DEFINITION_MARK = r"(?:(?<=^)|(?<=[\s.:;]))\(([A-Ha-h])\) (?=[^\s(])"


def _named_definition(own: str, ctx: str, r: PartReading) -> str:
    """The shared text as this part sees it when the shared text defines lettered runs ('(A)
    plain GD: w <- w - η∇L(w)  (B) preconditioned GD: w <- w - ηD∇L(w), D = diag(1, 4)') and the
    part names one of them ('the limit of (B)'): that definition alone, so the part runs the
    method it defines (not one the rest of the text mentions). Unchanged when the part names none
    or several."""
    marks = list(rx(_DEFINITION_MARK).finditer(ctx))
    labels = [m.group(1).lower() for m in marks]
    if len(marks) < 2 or labels != [chr(ord("a") + i) for i in range(len(marks))]:
        return ctx
    named = {x.lower() for x in re.findall(r"\(([A-Ha-h])\)", own)} & set(labels)
    if len(named) != 1:
        return ctx
    at = labels.index(next(iter(named)))
    end = marks[at + 1].start() if at + 1 < len(marks) else len(ctx)
    stop = ctx.find(". ", marks[at].end(), end)   # the definition ends with its sentence
    stop = end if stop < 0 else stop + 1
    r.convention("definition", marks[at].group(0).strip(),
                 f"the part names {marks[at].group(0).strip()}, one of the runs the shared text "
                 "defines: its method is that definition's")
    return ctx[marks[at].start():stop]


def _shared_method_of_named_results(own: str, r: PartReading, methods: list[tuple[Any, str]],
                                     previous: list[PartReading]) -> list[tuple[Any, str]]:
    """A part naming no method of its own but the results of earlier parts ('Is the vector
    from (b) the minimum-norm interpolant? Give ‖w‖ for the vectors of (a) and (b)', 'the
    point from part 2 minimises ...') is about those results, whose methods may differ from the
    one the shared text names: the shared method is dropped, so the parts named give the
    methods (one reading per result)."""
    shared = "the method is the one the shared text names"
    if len(methods) != 1 or not any(n.startswith(shared) for n in r.notes):
        return methods
    own = rx(_REPEATED_PART).sub(" ", own)   # 'Repeat (i) from w_0 = ...': done again, not used
    named = {x.group(1) for x in rx(_LABEL_REF).finditer(own)} | \
        {next(g for g in x.groups() if g) for x in rx(_REF_LABEL).finditer(own)}
    mine = {p.label.split(".")[0] for p in previous if p.family == FAMILY and F.method in p.fields}
    if not named & mine and (named or not _the_limits_so_far(own, previous, r)):
        return methods   # ('the training loss at both limits': those of the earlier parts)
    r.notes = [n for n in r.notes if not n.startswith(shared)]
    return []


def _read_p_scale(r: PartReading) -> None:
    """'Give P, normalised so that P_11 = 1': the diagonal entry the asked P is scaled by."""
    if "preconditioner_entry" in r.fields:
        return
    scale = rxc(_SCALED_P).search(r.own_text or "")
    if scale and (scale.group(1) != scale.group(2) or float(scale.group(3)) != 1):
        r.miss("preconditioner_entry", f"\"{scale.group(0)}\": P is scaled by one diagonal entry "
                                       "equal to 1 (expected P_11 = 1)")
    elif scale:
        own = r.own_text or ""
        clause = rx(r"\b(?:P,? )?(?:normali[sz]ed|scaled|chosen|written)(?: so(?: that)?| such that| with)? "
                    r"$").search(own[max(0, scale.start() - 40):scale.start()])
        start = scale.start() - (len(clause.group(0)) if clause else 0)
        r.set("preconditioner_entry", int(scale.group(1)), own[start:scale.end()])


def _equivalent_preconditioner(own: str, r: PartReading, methods: list[tuple[Any, str]],
                               previous: list[PartReading]) -> list[tuple[Any, str]]:
    """'The procedure in (b) is preconditioned GD with a fixed diagonal P. Which P?': a part
    asking for the preconditioner of an earlier part's procedure names preconditioned GD as the
    form of its answer, not as a method with a given matrix. Its method is that of the one
    earlier part it names; the scaling 'P_11 = 1' is read. Without one named part, unchanged."""
    if not rx(_PRECONDITIONER_WORD).search(own) or not rx(_ASKS_P).search(own):
        return methods
    if M.preconditioned not in [m[0] for m in methods] or not any(
            m.name == F.method and "without its matrix" in m.reason for m in r.missing):
        return methods
    named = {x.group(1) for x in rx(_LABEL_REF).finditer(own)} & \
        {p.label.split(".")[0] for p in previous}
    hits = [p for p in previous if p.family == FAMILY and F.method in p.fields and
            p.label.split(".")[0] in named]
    if len(named) != 1 or len(hits) != 1:
        return methods
    ref = hits[0]
    r.missing = [m for m in r.missing if m.name != F.method]
    form = rx(rf"{_PRECONDITIONER_WORD}[^.?;]{{0,120}}").search(own)
    r.convention("preconditioner", form.group(0), "the form of the asked answer (P is asked)")
    r.notes.append(f"the part asks for the preconditioner equivalent to the method of part "
                   f"({ref.label})")
    field = ref.fields[F.method]
    return [(field.value, f"{field.source} (the method of part ({ref.label}))")]


def _earlier_preconditioner(own: str, r: PartReading, method: tuple[Any, str],
                            previous: list[PartReading]) -> tuple[Any, str]:
    """A preconditioned method named without its matrix ('with the same preconditioner') in a
    text where the earlier parts' preconditioned methods all use one P: that P (several
    different ones: the matrix stays missing)."""
    if method[0] != M.preconditioned or not any(
            m.name == F.method and "without its matrix" in m.reason for m in r.missing):
        return method
    found = [p for p in previous if p.family == FAMILY and isinstance(p.value(F.method), dict)
             and p.value(F.method).get("name") == M.preconditioned]
    values = {repr(p.value(F.method)) for p in found}
    if len(values) != 1 or not rx(r"\bsame\b|\bthat\b|\bthis\b|\babove\b|\bearlier\b").search(own):
        return method
    r.missing = [m for m in r.missing if m.name != F.method]
    field = found[-1].fields[F.method]
    return field.value, f"{method[1]}; {field.source} (the matrix of part ({found[-1].label}))"


def _states_start(text: str) -> bool:
    return bool(assigned_array(text, _THETA0) or assigned_number(text, _THETA0)
                or rx(_ZERO_START).search(text))


_OTHER_START = (r"\b(?:start(?:s|ed|ing)?|init(?:ial(?:i[sz](?:e|ed|ation))?)?|begin(?:s|ning)?|"
                r"warm[- ]start)\b")
"""A part that mentions a start it does not state ('from a random init', 'from another
point'): an earlier part's start is not carried to it."""


_SAME_START = (r"\b(?:the )?same (?:start(?:ing)?(?: point)?|initiali[sz]ation|initial (?:point|"
               r"condition|iterate|weights?|guess)|init(?:ial point)?)\b(?! as (?!before\b|above\b|earlier\b|"
               r"(?:in )?the (?:previous|last|preceding) (?:part|question)\b))")
"""'Same start, but ...': the start of the part just before (one naming a part is read by its
label)."""


def _carried_start(own: str, ctx: str, previous: list[PartReading],
                   r: PartReading) -> PartReading | None:
    """The earlier part whose start this part, stating none, runs from: the one earlier part
    it names ('from the start in (c)', 'the limit in (a)'), else, when the shared text states
    no start, the start every earlier part that states one agrees on (a setting stated once
    applies until overridden). Several different earlier starts: None (the start stays
    missing)."""
    if _states_start(own):
        return None
    mine = [p for p in previous if p.family == FAMILY and F.theta0 in p.fields]
    named = list(dict.fromkeys(x.group(1) for x in rx(_LABEL_REF).finditer(own)))
    hits = [p for p in mine if p.label.split(".")[0] in named]
    if named:
        starts = {repr(p.value(F.theta0)) for p in hits}
        if len(starts) == 1 and len({p.label.split(".")[0] for p in hits}) == len(named):
            r.notes.append(f"no start is stated: the start of part ({hits[0].label}), which "
                           "the part names, is used")
            return hits[0]
        return None
    if rx(_SAME_START).search(own):
        last = previous[-1] if previous else None
        if last is not None and last.family == FAMILY and F.theta0 in last.fields:
            r.notes.append(f"\"{rx(_SAME_START).search(own).group(0)}\": the start of the part "
                           f"before, ({last.label})")
            return last
        return None
    if _states_start(ctx) or rx(_OTHER_START).search(own):
        return None   # the part speaks of a start it does not give: not the earlier one
    stated = [p for p in mine if p.fields[F.theta0].source and
              p.fields[F.theta0].source in (p.own_text or "")]
    if stated and len({repr(p.value(F.theta0)) for p in stated}) == 1:
        r.notes.append(f"no start is stated: the start stated in part ({stated[0].label}) "
                       "carries to this part (every earlier part that states one agrees)")
        return stated[-1]
    return None


_THAT_START = (r"\b(?:from|at|with|using) (?:that|this|my|our|the (?:above|given|stated)) "
               r"(?:init(?:iali[sz]ation)?|start(?:ing point)?|initial (?:point|guess|weights|"
               r"value))\b")
"""A start named by pointing back to the one stated before ('from that init')."""


def _read_start(own: str, ctx: str, r: PartReading, d: int | None,
                ref: PartReading | None = None, method: Any = None) -> None:
    name = method.get("name") if isinstance(method, dict) else method
    if ref is not None and F.theta0 in ref.fields and not (
            assigned_array(own, _THETA0) or assigned_number(own, _THETA0)
            or rx(_ZERO_START).search(own)):
        field = ref.fields[F.theta0]
        r.set(F.theta0, field.value, field.source)
        return
    that = rx(_THAT_START).search(own)
    stated = assigned_array(own, _THETA0) or assigned_number(own, _THETA0) or \
        rx(_ZERO_START).search(own)
    if that and stated and (assigned_array(ctx, _THETA0) or assigned_number(ctx, _THETA0)):
        mine = stated.group(0) if isinstance(stated, re.Match) else stated[1]
        r.miss(F.theta0, f"\"{that.group(0)}\" points to the start stated before, but the part "
                         f"also states a start (\"{mine}\"): which one this part runs from is "
                         "not settled")
        return
    for text in (own, ctx):
        got = assigned_array(text, _THETA0)
        if got is not None:
            value, src, _ = got
            if d is not None and len(value) != d:
                r.miss(F.theta0, f"θ0 has {len(value)} entries (\"{src}\") but θ has {d}")
                return
            try:
                r.set(F.theta0, spec_array(value), src)
            except ValueError as err:
                r.miss(F.theta0, str(err))
            return
        num = assigned_number(text, _THETA0)
        zero = rx(_ZERO_START).search(text)
        src = num[1] if num else (phrase(text, zero.start(), zero.end()) if zero else "")
        if (num and num[0].value == 0) or zero:
            if d is None:
                r.miss(F.theta0, f"starts at zero (\"{src}\"), but its number of entries is "
                                 "unknown because no data was read")
            else:
                r.set(F.theta0, [0] * d, src)
            return
        if num:
            r.miss(F.theta0, f"θ0 is the scalar {num[0].text}; give a vector (or 0)")
            return
    if name == M.ridge and d is not None:
        r.set(F.theta0, [0] * d, "", note="the start is not stated; the weight-decay limit is "
                                         "the unique minimiser, whatever the start")
        return
    if _start_of_loss_variable(own, r, d):
        return
    if d is not None and _asks_only_start_free(own):
        r.set(F.theta0, [0] * d, "", note="the start is not stated; the largest convergent "
                                         "step does not depend on it (the limit shown beside it "
                                         "is the one from θ0 = 0)")
        return
    r.miss(F.theta0, "the start is not stated, and the limit depends on it (expected θ_0 = 0, "
                     "'start at the origin' or θ_0 = (..))")


_LOSS_VARIABLE = r"X\S{0,2} ?(?!w\b|x\b)([a-zα-ωθ]) ?[-−] ?y\b"
"""The variable a part's own least-squares loss is written in ('‖X̃v − y‖', a reparametrised
problem's v), when it is not θ, w or x."""


def _start_of_loss_variable(own: str, r: PartReading, d: int | None) -> bool:
    """'Run gradient descent on ½‖X̃v − y‖² from v_0 = 0': the start of the variable the part's
    loss is written in. Only the origin is taken (it is the origin in any linear
    reparametrisation, θ = Sv); another start of that variable is refused, since it is no start
    of θ without the map. True when read or refused."""
    loss = rx(_LOSS_VARIABLE).search(own)
    if loss is None or loss.group(1) in ("θ", "β"):
        return False
    v = re.escape(loss.group(1))
    got = assigned_array(own, rf"(?<![\w]){v} ?_ ?\{{?0\}}?")
    num = assigned_number(own, rf"(?<![\w]){v} ?_ ?\{{?0\}}?")
    if got is None and num is None:
        return False
    value, src = (got[0], got[1]) if got is not None else ([num[0]], num[1])
    if any(x.value != 0 for x in value) or d is None:
        r.miss(F.theta0, f"\"{src}\" starts the variable {loss.group(1)} of \"{loss.group(0)}\""
                         ", which is not θ; only a start at the origin is the same in both "
                         "(expected the start of θ stated)")
        return True
    r.set(F.theta0, [0] * d, src, note=f"the start of {loss.group(1)}, the variable of the "
                                        "part's loss: the origin, the same in θ")
    return True


_LOSS_DEF = (r"(?:\b[fLJ](?:_t|_i)? ?\((?:θ|w|x|β)\)|\bloss)(?! ?\()[^=.]{0,20}=[ ]?|"
             r"\b(?:minimi[sz](?:e|es|ing)|on|of|loss|objective|arg ?min(?:_\S{1,8})?) (?=(?:1/2|\(1/2\)|\(1\)/\(2\)|0\.5|½) ?\*? ?"
             r"(?:‖|\|\||\(|Σ|sum))")


_ZERO_LOSS = (r"\b(?:until |till )?(?:the )?(?:training )?loss (?:was|is|reached|reaches|went to|goes to|"
              r"hit|hits|got to|gets to|became|becomes|→|->)(?: (?:basically|essentially|"
              r"practically|numerically|approximately|about|~))? ?(?:0|zero)\b(?![.,]\d)")
_ZERO_FEATURE = (r"\b(?:the )?(first|second|third|fourth|fifth|last|[1-5](?:st|nd|rd|th)) "
                 r"(?:feature|coordinate|input|column)(?: of x)? is (?:always |identically )?"
                 r"(?:0|zero)\b(?![.,]\d)")


_SOURCE_SIZE = (r"(?<![\w.,])\d{1,3}(?:,\d{3})*\d{0,3}[- ](?:rows?|lines?|examples?|samples?|"
                r"records?|points?)\b(?: \w+){0,2}? ?(?:csv|file|data ?set|table|spreadsheet)\b")
_DROPPED = (r"\b(?:the )?(?:other|remaining|rest of the) (?:rows|lines|examples|samples|records|"
            r"points|data)\b[^.;?]{0,30}\b(?:were|are|have been|got) (?:dropped|removed|discarded|"
            r"deleted|omitted|ignored|left out|not used)\b")


def _read_remarks(own: str, ctx: str, r: PartReading) -> None:
    """Remarks that restate the problem: the loss reaching 0 (the zero-loss presumption the
    spec makes), a feature that is always 0 (checked against the data), and the size of the
    file the data was cut from when the text says the other rows were dropped."""
    for text in (own, ctx):
        for sentence in re.split(r"(?<=[.?!])\s", text):
            size, dropped = rx(_SOURCE_SIZE).search(sentence), rx(_DROPPED).search(sentence)
            if size and dropped:
                r.convention("data source", f"{size.group(0)}; {dropped.group(0)}",
                             "the size of the file the data was taken from; the rows the "
                             "text gives are the data")
        m = rx(_ZERO_LOSS).search(text)
        if m and F.presume_zero_loss not in r.fields:
            r.set(F.presume_zero_loss, True, phrase(text, m.start(), m.end()),
                  note="the text says the loss reaches 0: a zero-loss solution exists")
        m = rx(_ZERO_FEATURE).search(text)
        X = r.value(F.X) or ([r.value(F.a)] if r.value(F.a) is not None else None)
        if m and X:
            word = m.group(1).lower()
            j = len(X[0]) if word == "last" else _ORDINALS.get(word)
            src = phrase(text, m.start(), m.end())
            if j is not None and j <= len(X[0]) and all(float(row[j - 1]) == 0 for row in X):
                r.convention("data", src, f"restates the data: feature {j} is 0 in every example")
            else:
                r.miss("data", f"the text says \"{src}\", which the data read does not show")


_RUN_LENGTH = (r"(?<![\w.,])\d{1,3}(?:,\d{3})*(?:\d{1,3})? (?:iterations|steps|updates)\b")
_REPORTED_RUN = (r"\b(?:the )?(?:original |reference |lecture'?s? |earlier |actual )?"
                 r"(?:experiment|run|simulation|code|script)\b[^.?!;]{0,40}?\b(?:used|ran|was run|"
                 r"took|runs?|did)\b|\b(?:we|i|they) (?:ran|trained|used)\b")


def _reported_run_length(ctx: str, r: PartReading, methods: list[tuple[Any, str]]) -> None:
    """'(The original experiment used seed 1234 and 5000 iterations.)': the length of a run the
    shared text reports, not a setting of the part: the limit of a method run to convergence
    does not depend on it. Kept for the methods whose answer is a run of a stated length
    (Adam, RMSprop, Adagrad)."""
    if any((v.get("name") if isinstance(v, dict) else v) in (M.adam, M.rmsprop, M.adagrad)
           for v, _ in methods):
        return
    for sentence in re.split(r"(?<=[.?!;])\s", ctx):
        if "?" in sentence or not rx(_REPORTED_RUN).search(sentence):
            continue
        for m in rx(_RUN_LENGTH).finditer(sentence):
            r.convention("run length", m.group(0), "the length of a run the text reports: the "
                                                   "limit of the method does not depend on it")


def _read_loss(own: str, ctx: str, r: PartReading) -> None:
    for text in (own, ctx):
        # the first definition whose right side shows the constant: 'f(x) = wᵀx' (the model)
        # before 'L(w) = 1/2 * (wᵀx - y)^2' is no loss
        for m in rx(_LOSS_DEF).finditer(text):
            rhs = text[m.end():m.end() + 40]
            src = phrase(text, m.start(), m.end() + 30)
            if rx(r"^(?:1/\(?2 ?[mn]\)?|\(1/\(?2[mn]\)?\))").match(rhs):
                r.set(F.loss, "half-mean", src)
            elif rx(r"^(?:1/[mnN]\b|\(1/[mnN]\))").match(rhs):
                r.set(F.loss, "mean", src)
            elif rx(r"^(?:1/2|\(1/2\)|\(1\)/\(2\)|0\.5|½|12 k(?=[^k]{1,20}k ?(?:2 ?)?2\b))").match(rhs):
                r.set(F.loss, "half-sum", src)
            elif rx(r"^(?:‖|\|\|)[^‖|]{1,30}(?:‖|\|\|)(?:_ ?2)?\^ ?2 ?/ ?2\b").match(rhs):
                r.set(F.loss, "half-sum", src)
            elif rx(r"^(?:Σ|\(|‖|\[)").match(rhs):
                r.set(F.loss, "sum", src)
            else:
                continue
            return
        m = rx(r"\bmean squared error|\bmse\b|\baverage (?:squared )?loss").search(text)
        if m:
            r.set(F.loss, "mean", phrase(text, m.start(), m.end()))
            return
    r.set(F.loss, "sum", "", note="the loss constant is not written; read as sum_i (x_i^T θ - "
                                  "y_i)^2 (the constant does not change where the methods "
                                  "converge)")


# -- methods ---------------------------------------------------------------------------------

def _definitions(ctx: str) -> list[tuple[str, Any, str]]:
    """Methods the shared context defines, with the names it gives them: (name, value, src)."""
    out = []
    if all(rx(c).search(ctx) for c in _EPOCHWISE_CUES):
        m = rx(r"\bepoch").search(ctx)
        out.append(("epochwise", M.epochwise, phrase(ctx, m.start(), m.end(), pad=60)))
    return out


def _definition_names(ctx: str) -> list[str]:
    names = []
    for m in rxc(r"\b(?:Consider|[Cc]all (?:it|this)?|denote (?:it|this)(?: by)?|optimi[sz]er|"
                 r"method|algorithm) ([A-Z])\b|\bLet ([A-Z]) (?:denote|be)\b|\b([A-Z]) denotes\b"
                 ).finditer(ctx):
        names.append(next(g for g in m.groups() if g))
    return names


def _epochwise_in(flat: str) -> bool:
    return all(rx(c).search(flat) for c in _EPOCHWISE_CUES)


def _read_methods(own: str, ctx: str, r: PartReading) -> list[tuple[Any, str]]:
    """The method(s) a part asks about, as spec values with source phrases: those its own text
    names, else the one method the shared text names."""
    chosen = _methods_in(own, ctx, r)
    if not chosen and not r.missing:
        chosen = _frozen_by_name(own, ctx, r)
    if not chosen and not r.missing:
        shared = _methods_in(ctx, "", r)
        if len(shared) == 1:
            chosen = [_own_step(own, ctx, r, *shared[0])]
            r.notes.append(f"the method is the one the shared text names (\"{shared[0][1]}\")")
    if not chosen and not any(m.name == F.method for m in r.missing):
        r.miss(F.method, "no optimizer recognised in this part (expected e.g. 'vanilla SGD', "
                         "'gradient descent with momentum β = 0.9', 'Adam', 'sign descent', "
                         "'rescale each feature to unit second moment, then SGD')")
    return chosen


def _own_step(own: str, ctx: str, r: PartReading, value: Any, source: str) -> tuple[Any, str]:
    """The shared text's method (named without a step) run at the step the part states ('With
    η = 1/9 and w_0 = 0, how many steps ...'): the part's setting of that method."""
    letter = _update_step_letter(f"{ctx} {own}") if value == M.gd else None
    if value not in (M.gd, M.sign) or _step_size(own) is None and \
            (letter is None or assigned_number(own, letter) is None):
        return value, source
    used: list[str] = []
    stepped = _method_value(value, own, r, ctx, used)
    return (stepped, "; ".join([source, *used])) if used else (value, source)


def _methods_in(own: str, ctx: str, r: PartReading) -> list[tuple[Any, str]]:
    """The method(s) ``own`` names (``ctx`` may define a named method), as spec values."""
    found: list[tuple[int, int, str, str]] = []
    definitions = _definitions(ctx)
    names = _definition_names(ctx)
    if definitions:
        refs = [rx(_ADAM_LIKE).search(own)]
        refs += [rxc(rf"\b(?:adam |Adam |optimi[sz]er |method )?{n}\b").search(own) for n in names]
        refs += [rx(r"\b(?:this|the above|that) (?:optimi[sz]er|method|algorithm)\b").search(own)]
        ref = next((x for x in refs if x), None)
        if ref:
            _, value, dsrc = definitions[0]
            found.append((ref.start(), ref.end(), value,
                          phrase(own, ref.start(), ref.end()) + f" -> defined as: {dsrc}"))
    if _epochwise_in(own):
        m = rx(r"\bepoch").search(own)
        found.append((m.start(), m.end(), M.epochwise, phrase(own, m.start(), m.end(), pad=50)))
    m = rx(_RESCALING).search(own)
    if m and not negated(own, m.start()):
        src = phrase(own, m.start(), m.end())
        if not rx(_MAP_BACK).search(own):
            r.notes.append("feature rescaling read as rescale -> SGD -> map back to the original "
                           "units (the text does not say how the answer is reported)")
        found.append((m.start(), m.end(), M.rescaled, src))
    frozen = rx(_FROZEN).search(own)
    if frozen and rx(_KEPT_FIXED).search(own):
        fixed = rx(_KEPT_FIXED).search(own)
        r.found["frozen"] = f"{phrase(own, frozen.start(), frozen.end())}; {fixed.group(0)}"
        found.append((frozen.start(), frozen.end(), M.preconditioned, r.found["frozen"]))
        for m in [rx(_ADAM_LIKE).search(own), rx(r"(?:ε|eps|epsilon) ?= ?0\b(?![.,]\d)").search(own)]:
            if m:       # 'a simplified Adam-like method', '(1/√v with ε = 0)': what D is
                r.convention("method", m.group(0), "describes the frozen preconditioner")
    elif not definitions and rx(_ADAM_LIKE).search(own) and not _epochwise_in(own) and \
            _sign_gloss(own) is not None:
        g = _sign_gloss(own)    # 'Sign descent ... (a simplified model of Adam with β1 = β2 = 0)'
        found.append((g.start(), g.end(), M.sign, phrase(own, g.start(), g.end())))
        r.convention("method", g.group(0), "Adam with β1 = β2 = 0 (and no ε) steps by the sign "
                                           "of the gradient: the sign method the part names")
    elif not definitions and rx(_ADAM_LIKE).search(own) and not _epochwise_in(own):
        m = rx(_ADAM_LIKE).search(own)
        r.miss(F.method, f"\"{phrase(own, m.start(), m.end())}\" names an Adam-like method that "
                         "is not defined in the text")
        return []
    for name, pattern in METHODS.items():
        for m in rx(pattern).finditer(own):
            if _negated(own, m.start()):
                denied = rx(_DENIED_METHOD + r"$").search(own, 0, m.start())
                if denied:   # '(no preconditioner)', 'without momentum': not run, and said so
                    r.convention("method", own[denied.start():m.end()],
                                 "a method this part does not run")
                continue
            if any(s <= m.start() < e for s, e, _, _ in found):
                continue
            found.append((m.start(), m.end(), name, phrase(own, m.start(), m.end())))
            break
    found = _without_glosses(own, found, r)
    names_found = {v if isinstance(v, str) else v["name"] for _, _, v, _ in found}
    for big, small in _SUBSUMES.items():
        if big in names_found:
            names_found -= small - _coordinated(own, found, big)
    chosen = []
    for start, end, value, src in sorted(found):
        if value in names_found and value not in [c[0] for c in chosen]:
            subsumed = [s for _, _, v, s in found if v in _SUBSUMES.get(value, ())]
            chosen.append((value, "; ".join([src, *subsumed])))
    out = []
    for v, src in chosen:
        used: list[str] = []
        value = _method_value(v, own, r, ctx, used)
        out.append((value, "; ".join([src, *used])))
    return out


_GLOSS = (r"\((?:think(?: of it as)?:?|i\.? ?e\.?,?|e\.? ?g\.?,?|cf\.?|(?:much |just )?like|akin to|similar to|"
          r"as in|compare|(?:a|an|the) (?:model|version|form|caricature|special case|idealisation|"
          r"idealization) of|essentially|roughly|informally:?)\s[^()]{0,80}\)")
"""A parenthesis that explains the method the part runs by another one ('(think: Adagrad with
frozen accumulators)', '(i.e. momentum-free Adam)'): a gloss, not a method of its own."""


def _without_glosses(own: str, found: list[tuple[int, int, Any, str]], r: PartReading
                     ) -> list[tuple[int, int, Any, str]]:
    """The method mentions less those inside a gloss on another method the part names
    outside it; each dropped gloss is reported as read."""
    glosses = [g for g in rx(_GLOSS).finditer(own)]
    inside = [(f, g) for f in found for g in glosses if g.start() < f[0] < g.end()]
    outside = [f for f in found if not any(f is x for x, _ in inside)]
    if not inside or not outside:
        return found
    for _, g in inside:
        r.convention("method", g.group(0), "explains the method the part runs by another one; "
                                           "not a method of its own")
    return outside


_SIGN_GLOSS = (r"\b(?:(?:a|the) )?(?:simplified|idealised|idealized) (?:model|version|form|variant|"
               r"case) of adam,? with β_?\{?1\}? ?= ?β_?\{?2\}? ?= ?0(?![.,]?\d)")


def _sign_gloss(own: str) -> re.Match | None:
    """'(a simplified model of Adam with β1 = β2 = 0)' beside a sign method the part names:
    a gloss of that method (Adam without moment averaging steps by the gradient's sign), not
    an Adam-like method of its own."""
    g = rx(_SIGN_GLOSS).search(own)
    if g is None:
        return None
    rest = own[:g.start()] + " " * (g.end() - g.start()) + own[g.end():]
    return g if rx(METHODS[M.sign]).search(rest) else None


_DENIED_METHOD = r"\b(?:no|without|not|never) (?:a |an |the |any )?(?:\w+ )?"
"""The words right before a method mention that deny it ('no preconditioner', 'without any
momentum')."""


def _negated(own: str, start: int) -> bool:
    """A method mention negated or contrasted, not counting a contrast clause that ends before
    it ('Instead of GD, use ridge regression': ridge is the method used)."""
    if not negated(own, start):
        return False
    clauses = list(rx(r"\b(?:instead of|rather than|unlike) [^,;.]{1,40}?[,;]").finditer(
        own, max(0, start - 50), start))
    cut = clauses[-1].end() if clauses else 0
    return negated(own[cut:], start - cut)


_FIRST_GRADIENT_ENTRY = (r"(?:\\?frac ?\{?1\}? ?\{?|1 ?/ ?\(?)\| ?(?:g|∇ ?L)_?\{?0\}?(?:,? ?_? ?\{?(?:\d|i|j)\}?)?"
                         r" ?\|\}?\)?")
_FROZEN = (rf"\b([A-Z]) ?= ?diag ?\( ?{_FIRST_GRADIENT_ENTRY}(?: ?, ?{_FIRST_GRADIENT_ENTRY}){{0,7}} ?\)")
"""A diagonal preconditioner from the first gradient: D = diag(1/|g_{0,1}|, ..., 1/|g_{0,d}|)."""
_KEPT_FIXED = (r"\b(?:kept|keep|held|hold|stays?) (?:\w+ )?(?:fixed|frozen|constant)\b|\bfrozen\b|"
               r"\bnever (?:updated|recomputed|changed)\b")
_FROM_FIRST_GRADIENT = "first-gradient"
"""The P of a preconditioner computed once from the gradient at the start (set after the
start is read)."""


def _frozen_by_name(own: str, ctx: str, r: PartReading) -> list[tuple[Any, str]]:
    """A part naming the frozen preconditioner the shared text defines ('the limit of the
    frozen-D method', 'with D kept fixed'): that method."""
    frozen = rx(_FROZEN).search(ctx)
    fixed = rx(_KEPT_FIXED).search(ctx)
    if frozen is None or fixed is None:
        return []
    letter = re.escape(frozen.group(1))
    named = rxc(rf"\b(?:frozen|fixed|lazy)[- ]?{letter}\b|\b{letter}[- ](?:frozen|fixed)\b").search(own)
    if named is None:
        return []
    r.found["frozen"] = f"{phrase(ctx, frozen.start(), frozen.end())}; {fixed.group(0)}"
    return [({"name": M.preconditioned, "P": _FROM_FIRST_GRADIENT},
             f"{named.group(0)} -> defined as: {r.found['frozen']}")]


def _first_gradient_preconditioner(r: PartReading, method: tuple[Any, str]) -> tuple[Any, str]:
    """D = diag(1/|g_{0,i}|) with g_0 = ∇L(θ0), kept fixed: preconditioned GD with that P,
    computed exactly from the data and the start (the loss constant scales P by a positive
    factor, which does not change the limit); a zero entry of g_0 is refused."""
    value, src = method
    if not (isinstance(value, dict) and value.get("P") == _FROM_FIRST_GRADIENT):
        return method
    X = r.value(F.X) or ([r.value(F.a)] if r.value(F.a) is not None else None)
    y = r.value(F.y) if r.value(F.X) is not None else (
        [r.value(F.b)] if r.value(F.b) is not None else None)
    theta0 = r.value(F.theta0)
    if not X or y is None or theta0 is None:
        r.miss(F.method, f"\"{r.found['frozen']}\": the preconditioner is computed from the "
                         "gradient at the start, which needs the data and the start")
        return method
    Xf = [[Fraction(str(v)) for v in row] for row in X]
    t0 = [Fraction(str(v)) for v in theta0]
    res = [sum(a * b for a, b in zip(row, t0)) - Fraction(str(t)) for row, t in zip(Xf, y)]
    g0 = [sum(Xf[i][j] * res[i] for i in range(len(Xf))) for j in range(len(t0))]
    if any(g == 0 for g in g0):
        r.miss(F.method, f"\"{r.found['frozen']}\": the gradient at the start has a zero "
                         f"entry (g_0 ∝ {[str(g) for g in g0]}), so 1/|g_0,i| is not defined")
        return method
    import math

    d = len(g0)
    inv = [1 / abs(g) for g in g0]
    scale = math.lcm(*(v.denominator for v in inv))   # a positive factor: integer entries
    P = [[Num(inv[i] * scale, str(inv[i] * scale)).spec_value() if i == k else 0
          for k in range(d)] for i in range(d)]
    r.notes.append(f"the preconditioner is diag(1/|g_0,i|) with g_0 = ∇L(θ0) ∝ Xᵀ(Xθ0 - y) = "
                   f"({', '.join(str(g) for g in g0)}), kept fixed; it is used times {scale} "
                   "(as the loss constant, a positive factor on P does not move the limit)")
    return {**value, "P": P}, src


_STEP = (r"(?:(?:constant |fixed )?(?:step[- ]?size|learning[- ]rate|stepsize)(?: (?:η|α|γ|eta|alpha|lr))?"
         r"|lr|η|eta)")


_UPDATE_STEP = re.compile(r"[-−] ?(γ|τ|ϵ|ε|s|h)(?:_ ?\{?[tk]\}?)? ?[*·]? ?(?:∇|\\nabla\b|grad\b)")
"""The step letter of an update the text writes ('θ_{k+1} = θ_k − γ ∇L(θ_k)'), beyond those
:data:`_STEP` names (η, α, lr)."""


def _update_step_letter(text: str) -> str | None:
    """The letter the written update multiplies the gradient by, when it is one that does not
    name a step by itself ('γ' in 'w − γ ∇L(w)'); a stated 'γ = 1' is then the step."""
    letters = {m.group(1) for m in _UPDATE_STEP.finditer(text)}
    return re.escape(letters.pop()) if len(letters) == 1 else None


def _step_size(text: str) -> tuple[Num, str] | None:
    """A stated step size: ``η = 0.1``, ``step size 0.05``, ``learning rate: 0.01``."""
    got = assigned_number(text, _STEP)
    if got is not None:
        return got
    for m in rx(rf"\b(?:{_STEP})[ ]?:?[ ]?(?:of )?").finditer(text):
        num = number_at(text, m.end())
        if num is not None and not re.match(r" ?[<≤>≥]", text[num[1]:]):
            return num[0], phrase(text, m.start(), num[1])
    return None     # 'a step size 0 < η < 2/‖a‖²' bounds the step; it states none


_AND = (r"^(?![^.;?]{0,30}\b(?:then|first|finally|after|before|followed)\b)[^.;?]{0,30}?"
        r"(?:\band\b|\bor\b|\bvs\.?|\bversus\b|\bcompared? (?:to|with)\b|"
        r", (?:what|where|how|which)\b)")


def _coordinated(own: str, found: list, big: str) -> set[str]:
    """The methods named beside ``big`` as another method ("GD and heavy-ball momentum",
    "SGD vs Adam"), which ``big`` does not subsume."""
    def name(v: Any) -> str:
        return v if isinstance(v, str) else v["name"]
    bigs = [(s, e) for s, e, v, _ in found if name(v) == big]
    out = set()
    for other in {name(v) for _, _, v, _ in found} - {big}:
        for m in rx(METHODS.get(other, r"(?!)")).finditer(own):
            for bs, be in bigs:
                between = own[m.end():bs] if m.end() <= bs else own[be:m.start()]
                if len(between) <= 30 and rx(_AND).search(between) or \
                        len(between) <= 60 and rx(_REPEATED_FOR).search(between) or \
                        len(between) <= 100 and rx(_CORRESPONDING_FOR + r"[^.?;]{0,20}$").search(between) or \
                        _separate_questions(own, min(m.end(), be), max(m.start(), bs)):
                    out.add(other)
    return out


_REPEATED_FOR = (r"\b(?:and|then|,) (?:the same|likewise|similarly|again|do the same|repeat(?: it)?) "
                 r"(?:for|with|under|using)\b")
"""'Largest lr for which plain GD converges, and the same for the preconditioned GD': the
question asked again of a second method, which therefore is not the first method's name."""


_CORRESPONDING_FOR = (r"\b(?:compare|contrast)(?: (?:it|this|that|them))? (?:with|to|against) (?:the )?"
                      r"(?:corresponding|analogous|same|matching) (?:[\w-]+ ){0,2}?(?:for|of)\b")
"""'Find the largest η for which the preconditioned iteration converges. Compare with the
corresponding threshold for plain GD': the question asked again of a second method."""


def _separate_questions(own: str, end: int, start: int) -> bool:
    """True when two mentions are in two different questions ("What's the limit of GD? What
    does ridge go to as λ -> 0?"): a question mark between them, and the sentence of the later
    one a question too."""
    rest = rx(r"^(?:[^.?!]|\.(?=\d)){0,200}[.?!]").match(own[start:])
    return "?" in own[end:start] and rest is not None and rest.group(0).endswith("?")


_EXAMPLE_UPDATE = (r"(?:θ|w) ?[-−] ?(?:γ|η|α|lr|gamma|eta|alpha) ?[*·]? ?\( ?"
                   r"(?:x_ ?\{?i\}? ?(?:\^ ?\{?T\}?|ᵀ|') ?[*·]? ?(?:θ|w)|(?:θ|w) ?[·*] ?x_ ?\{?i\}?)"
                   r" ?- ?y_ ?\{?i\}? ?\) ?[*·]? ?x_ ?\{?i\}?")


def _per_example_update(own: str, r: PartReading) -> None:
    """An SGD update written out with no factor, ``θ ← θ - γ (x_iᵀθ - y_i) x_i``, fixes the
    scale of the per-example gradient: the half-mean convention (per-example loss
    ½(x_iᵀθ - y_i)² in the spec's m·c scaling), which the stated step is checked in."""
    m = rx(_EXAMPLE_UPDATE).search(own)
    if m:
        r.set(F.loss, "half-mean", phrase(own, m.start(), m.end()),
              note="the update γ(x_iᵀθ - y_i)x_i is the gradient of ½(x_iᵀθ - y_i)² per "
                   "example")


_FRACTION = re.compile(r"\((\d{1,6}(?:\.\d{1,6})?)\)/\((\d{1,6}(?:\.\d{1,6})?)\)|"
                       r"(?<=[(,] )\((\d{1,6})/(\d{1,6})\)|(?<=[(,])\((\d{1,6})/(\d{1,6})\)")
"""A fraction as LaTeX's \\frac becomes ('(1)/(2)'), inside a list of entries."""


_PRECONDITIONER_ROLE = re.compile(
    r"(?:\blr|\bη|\bα|\bγ|\bstep(?: size)?)(?:_ ?[tk])? ?[*·]? ?(?P<M>[A-Z])(?P<inv>\^ ?\(?-1\)?)? ?[*·]? ?"
    r"(?:∇|grad\b|g_ ?[tk]\b)")
"""The matrix a preconditioned update multiplies the gradient by: ``θ − η D^-1 ∇L``,
``theta - lr * M * grad``."""


def _preconditioner_by_role(plain: str, r: PartReading) -> tuple[list, str] | None | bool:
    """P read from the update formula when the text names the matrix by another letter
    (``θ_k+1 = θ_k − lr · D^-1 ∇L, D = diag(1, 2, 4)`` -> P = diag(1, 1/2, 1/4)). None when
    the formula names no matrix or the matrix is not given; False (refused, recorded) when the
    inverse of a non-diagonal matrix is asked."""
    roles = {(m.group("M"), bool(m.group("inv"))) for m in _PRECONDITIONER_ROLE.finditer(plain)}
    if len(roles) != 1:
        return None
    (letter, inverse), = roles
    if letter in ("H", "X", "A") or letter == "P" and not inverse:
        return None   # P itself is read by its name; H, X, A are the data
    diag = rxc(rf"(?<![\w]){letter} ?= ?diag ?(?=[(\[])").search(plain)
    arr = array_at(plain, diag.end()) if diag else None
    got = (arr[0], phrase(plain, diag.start(), arr[1])) if diag and arr else \
        assigned_array(plain, re.escape(letter))
    if got is None:
        return None
    value, src = got[0], got[1]
    if not inverse:
        return value, src
    if is_matrix(value):
        off = [v for i, row in enumerate(value) for j, v in enumerate(row) if i != j]
        if any(Fraction(str(getattr(v, "value", v))) != 0 for v in off):
            r.miss(F.method, f"\"{src}\": the update multiplies by {letter}^-1 of a non-diagonal "
                             "matrix, which is not inverted from text (expected P = diag(..) or "
                             "the inverse written out)")
            return False
        value = [row[i] for i, row in enumerate(value)]
    entries = [Fraction(str(getattr(v, "value", v))) for v in value]
    if any(e == 0 for e in entries):
        r.miss(F.method, f"\"{src}\": {letter} has a zero diagonal entry, so {letter}^-1 does "
                         "not exist")
        return False
    return [Num(1 / e, f"1/({e})") for e in entries], f"{src}; {letter}^-1"


_VARYING_STEP = (r"\b(?:decay\w*|shrink\w*|halv\w*|schedule\w*|annealed|diminishing|vanishing|"
                 r"geometric\w*)\b|γ|\bgamma\b|(?:η|α|lr|eta|alpha)_ ?\{?[tk]\}?")
"""Words of a step that changes over the run: a stated sign-descent step is constant without them."""


_ORDER = (r"\b(?:in (?:the )?(?:fixed |cyclic )?order|order(?:ed)?:?|cycl(?:e|ing) (?:through|over)"
          r"(?: the examples)?) ((?:\d{1,2} ?, ?){2,24}(?:\.\.\.|…)|(?:\d{1,2} ?, ?){1,24}\d{1,2}\b)")


def _visiting_order(text: str, r: PartReading) -> None:
    """'visiting the examples in the order 1, 2, 1, 2, …': the cyclic order SGD is run in (the
    examples in turn, from the first); another order is refused."""
    m = rx(_ORDER).search(text)
    if m is None:
        return
    order = [int(v) for v in re.findall(r"\d{1,2}", m.group(1))]
    rows = len(_data_rows(r)) if (r.value(F.X) or r.value(F.a)) is not None else None
    if rows is not None and order == [(k % rows) + 1 for k in range(len(order))]:
        r.convention("order", m.group(0), "the examples in turn, from the first: the order SGD "
                                          "is run in")
    else:
        r.miss(F.method, f"\"{m.group(0)}\": SGD is read visiting the examples in turn from the "
                         "first (1, 2, ..., m, 1, ...); this order is not that")


def _method_value(name: str, own: str, r: PartReading, ctx: str = "",
                  used: list[str] | None = None) -> Any:
    """A method name plus the hyper-parameters the part states (their phrases join ``used``)."""
    used = [] if used is None else used
    if name == M.gd:
        letter = _update_step_letter(f"{ctx} {own}")
        for text in (own, ctx):
            got = _step_size(text) or (assigned_number(text, letter) if letter else None)
            if got is not None:
                used.append(got[1])
                return {"name": name, "lr0": got[0].spec_value()}
        return name
    if name == M.sgd:
        batch = rx(r"\b(?:mini-?)?batch(?:[- ]size)? (?:of )?(?:size )?(?=\d)").search(own)
        size = number_at(own, batch.end()) if batch else None
        if size is not None and size[0].value == 1:
            used.append(phrase(own, batch.start(), size[1]))   # one example per step
        elif size is not None:
            r.miss("batch", f"\"{phrase(own, batch.start(), size[1])}\": SGD is read with one "
                             "example per step; mini-batches of another size are not")
        _visiting_order(own + " " + ctx, r)
        for text in (own, ctx):
            got = _step_size(text) or assigned_number(text, r"γ|gamma")
            if got is not None:
                used.append(got[1])
                _per_example_update(own, r)
                r.notes.append("SGD: the stated step is checked against the per-example "
                               "stability bound in the loss convention read; the limit does "
                               "not depend on it")
                return {"name": name, "lr0": got[0].spec_value()}
        return name
    if name == M.sign:
        zero = rx(r"\bsign ?\( ?0 ?\) ?= ?0(?![.,]?\d)").search(own) or \
            rx(r"\bsign ?\( ?0 ?\) ?= ?0(?![.,]?\d)").search(ctx)
        if zero:
            r.convention("sign", zero.group(0), "sign(0) = 0, as the method is run: a coordinate "
                                                "whose gradient is 0 does not move")
        for text in (own, ctx):
            got = rx(r"(?:η|α|γ|lr|step[- ]?sizes?)(?:_ ?t|_ ?k|t\b)? ?(?:→|->|tends to|goes to) ?0\b"
                     r"(?! ?\+)").search(text)
            if got:
                used.append(phrase(text, got.start(), got.end()))
                return {"name": name, "schedule": "vanishing"}
        step = _step_size(own)
        if step is not None and not rx(_VARYING_STEP).search(own):
            used.append(step[1])   # 'run with η = 0.5': one step size throughout
            return {"name": name, "schedule": "constant", "lr0": step[0].spec_value()}
        return name
    if name in (M.heavy_ball, M.nesterov):
        buffer = rx(r"(?<![\w])(?:v|m|b|u|z)_?\{?0\}? ?= ?0\b(?![.,]\d)").search(own)
        if buffer:      # 'v_0 = 0': the momentum buffer starts empty, as the run does
            r.convention("momentum buffer", buffer.group(0), "the momentum buffer starts at 0")
        got = assigned_number(own, r"β|beta|μ|µ|mu|momentum(?: coefficient| parameter)?(?: (?:β|μ|µ))?")
        if got is None:
            m = rx(r"\bmomentum (?:coefficient |parameter )?(?:of )?(?=\d|0?\.\d)").search(own)
            num = number_at(own, m.end()) if m else None
            got = (num[0], phrase(own, m.start(), num[1])) if num and m else None
        step = _step_size(own)
        out = {"name": name}
        if step is not None:
            used.append(step[1])
            out["lr0"] = step[0].spec_value()
        if got is None:
            r.notes.append(f"{name}: β not stated; the limit does not depend on it (β = 0.9 used "
                           "for the run)")
            return out if len(out) > 1 else name
        used.append(got[1])
        return {**out, "beta": got[0].spec_value()}
    if name == M.ridge:
        got = assigned_number(own, _LAMBDA)
        if got is None:
            r.miss(F.method, "ridge/weight decay without its coefficient λ (expected λ = 0.1)")
            return name
        used.append(got[1])
        return {"name": name, "lam": got[0].spec_value()}
    if name == M.preconditioned:
        plain = _FRACTION.sub(lambda m: "/".join(g for g in m.groups() if g), own)  # (1)/(2)
        got = _preconditioner_by_role(plain, r)
        if got is False:
            return name
        got = got or assigned_array(plain, r"P|the preconditioner|P ?= ?diag") or \
            assigned_array(plain.replace("diag", ""), r"P")
        if got is None and r.found.get("frozen"):
            used.append(r.found["frozen"])
            return {"name": name, "P": _FROM_FIRST_GRADIENT}
        where = own
        if got is None and ctx:   # P stated once in the shared text applies to every part
            shared = _FRACTION.sub(lambda m: "/".join(g for g in m.groups() if g), ctx)
            if len(rxc(r"(?<![\w])P ?(?:=|:=)").findall(shared)) == 1:
                got = _preconditioner_by_role(shared, r)
                if got is False:
                    return name
                got = got or assigned_array(shared, r"P|the preconditioner|P ?= ?diag") or \
                    assigned_array(shared.replace("diag", ""), r"P")
                where = ctx
        if got is None:
            r.miss(F.method, "a preconditioned method without its matrix P (expected P = "
                             "diag(1, 2, 3) or P = [[..]])")
            return name
        diag = rx(r"\bP ?= ?diag ?\((?:[^()]|\([^()]{0,12}\)){1,80}\)").search(where)
        used.append(got[1] if got[1] in where or diag is None else diag.group(0))
        step = _step_size(own)
        if step is not None:
            used.append(step[1])
            return {"name": name, "P": spec_array(got[0]), "lr0": step[0].spec_value()}
        return {"name": name, "P": spec_array(got[0])}
    if name in (M.adam, M.rmsprop, M.adagrad):
        out: dict[str, Any] = {"name": name}
        lr = assigned_number(own, r"learning rate|lr|step size|α")
        if lr is not None:
            out["lr"] = lr[0].spec_value()
            used.append(lr[1])
        if name == M.adam:
            for field, pat in (("beta1", r"β_?1|beta1"), ("beta2", r"β_?2|beta2")):
                got = assigned_number(own, pat)
                if got is not None:
                    out[field] = got[0].spec_value()
                    used.append(got[1])
        eps = assigned_number(own, r"ε|epsilon|eps")
        if eps is not None:
            out["eps"] = eps[0].spec_value()
            used.append(eps[1])
        if len(out) == 1:
            r.notes.append(f"{name}: hyper-parameters not stated; PyTorch-style defaults used")
            return name
        return out
    return name


def parse_scalar(text: str) -> Any:
    """A scalar from text as a spec value (helper for callers and tests)."""
    num = parse_number(text)
    return None if num is None else num.spec_value()


HOOKS = ImplicitBiasReader()
"""This family's reader hooks (see optiproof.reading.registry)."""
