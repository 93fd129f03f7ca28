"""Reader for quadratic-dynamics parts: GD / heavy ball / Nesterov on f(θ) = ½θᵀHθ − bᵀθ.

Reads the curvature (``H = diag(1, 10)``, ``H = [[2, 1], [1, 2]]``, "eigenvalues 1, 4 and 9",
"eigenvalues between μ and L", with numeric μ, L when stated), the method (Nesterov, heavy ball /
momentum / Polyak, else gradient descent), α (a number or ``1/L``), β, PyTorch's dampening, the
error factor ε, and the asks in the order the text asks them. Spec field names live in :data:`F`.
"""

from __future__ import annotations

import re
from fractions import Fraction
from types import SimpleNamespace
from typing import Any

import sympy

from optiproof.catalogue import optimizers as O
from optiproof.catalogue import quantities as Q
from optiproof.catalogue import transforms as T
from optiproof.catalogue import OPTIMIZERS, QUANTITIES
from optiproof.core.text.match import (
    Score,
    assigned_array,
    assigned_number,
    cue_score,
    negated,
    rx,
    rxc,
    switched_off_after,
    take_asks,
)
from optiproof.core.text.numbers import (Num, array_at, find_numbers, is_matrix, number_at,
                                         spec_array)
from optiproof.core.text.formulas import formulas
from optiproof.core.text.objects import (CAPITAL_GREEK, QuadraticForm, extreme_eigenvalues,
                                         flattened_vector_quadratic, matrix_quadratic_forms,
                                         quadratic_forms, quadratic_of_matrices,
                                         unread_functions)
from optiproof.core.text.mathobjects import PartObjects, diagonal_in_words, number_list_at
from optiproof.core.text.record import PartReading, PartText, phrase
from optiproof.families.quadratic_dynamics.family import ASKS, KEY, QUADRATIC_DYNAMICS
from optiproof.families.quadratic_dynamics.parameters import (MOMENTUM, STEP, asked_tunings,
                                                              parameter_role, stated_steps,
                                                              tuned_symbols)
from optiproof.families.quadratic_dynamics.points import point_index, start_point
from optiproof.families.quadratic_dynamics.spec import fraction

FAMILY = KEY
F = SimpleNamespace(H="H", b="b", function="function", variables="variables",
                    eigenvalues="eigenvalues", method="method", alpha="alpha",
                    beta="beta", dampening="dampening", epsilon="epsilon", theta0="theta0",
                    steps="steps", value_steps="value_steps", asks="asks")
"""Spec field names of the quadratic-dynamics family."""

CUES = [
    (r"(?<![A-Za-zα-ω])(?:" + "|".join(rf"{v} ?\^T ?(?:[A-Z]|Lambda|Sigma) ?{v}" for v in "θxwzvuy")
     + r")(?![A-Za-zα-ω0-9_])", 3),   # θᵀHθ, zᵀΛz, vᵀQv: the same letter on both sides
    (r"\bH ?= ?(?:diag|\[)", 2),
    (r"\bquadratic\b", 1.5), (r"\beigenvalues?\b", 1.5), (r"\bcondition number\b", 2),
    (r"\b(?:largest|maximum|max|maximal|biggest) (?:stable )?(?:constant |fixed )?(?:step|learning "
     r"rate)", 2),
    (r"\boptimal (?:constant |fixed )?(?:step|learning rate|α|\(α)|\boptimal (?:convergence )?rate", 2),
    (r"\bconvergence rate|\brate of convergence|\bconverges? (?:linearly|geometrically)", 1.5),
    (r"\bheavy[- ]ball|\bpolyak|\bnesterov", 1), (r"\bhessian\b", 1.5),
    (r"\bbetween μ and L|\[μ, ?L\]|\bμ ?(?:≤|<=) ?λ|μ ?I ?⪯", 2),
    (r"\bhow many iterations|\biterations (?:are )?(?:needed|required)", 1),
    (r"\bgradient descent\b|\bGD\b", 1),
    (r"\b[fghqL] ?\( ?[a-zθ]\w{0,2}(?:, ?[a-zθ]\w{0,2})+ ?\) ?= ?[^.;?]{0,40}\^ ?2", 2),
    (r"\bstrong(?:ly)?[- ]convex\w*|\bsmoothness\b|\b[Lμ][- ]smooth\b", 1),
]

_PICKED_PAIR = (r"\b(?:what|which) (?:[αηγ]|lr|step(?: ?size)?|learning rate)(?: ?,| and|, and) "
                r"(?:β|momentum) (?:should|would|do|to) (?:you |we |i |one )?(?:pick|choose|use|take|"
                r"set)\b")
"""'what α, β should you pick' (of a method the part names): the optimal tuning, asked."""

_MOMENTUM_NOUN = r"(?:the )?(?:momentum(?: parameters?| coefficients?| terms?)?|β)"
_IS_OPTIMAL = r" (?:is|are|would be|will be) (?:the )?(?:optimal|best)\b"
_PARAMETERS_OPTIMAL = (r"\b(?:what|which) (?:constant |fixed )?(?:step(?: ?size)?|learning rate|lr|[αηγ])"
                       r"(?= and " + _MOMENTUM_NOUN + _IS_OPTIMAL + r"|" + _IS_OPTIMAL + r")")
"""'what step and momentum parameter are optimal', 'which lr is best': the step a predicate says
is optimal (the phrase is the step's own words, the momentum's are read apart)."""
_MOMENTUM_OPTIMAL = (r"(?<=\band )" + _MOMENTUM_NOUN + _IS_OPTIMAL + r"|\b(?:what|which) "
                     + _MOMENTUM_NOUN + _IS_OPTIMAL)
"""'… and momentum parameter are optimal', 'which β is best': the momentum said optimal."""
_PAIR_OPTIMAL = (r"\b(?:what|which) (?:constant |fixed )?(?:step(?: ?size)?|learning rate|lr|[αηγ]) and "
                 + _MOMENTUM_NOUN + _IS_OPTIMAL)
"""'which learning rate and momentum coefficient would be best': the pair said optimal."""

_ASKS = {
    "max-step": r"\b(?:largest|maximum|max|maximal|biggest|critical) (?:stable )?(?:constant |fixed )?"
                r"(?:step(?: ?size)?|learning rate|α)\b|\bfor (?:which|what) (?:values? of )?"
                r"(?:α|the step size|step sizes|learning rates?)\b|\bstability (?:condition|region|"
                r"range|boundary)|\brange of (?:(?:constant|fixed|stable|admissible|convergent) )?(?:α|η|γ|lr|step sizes|learning rates)(?![\w])|\b(?:up to|until|below) "
                r"(?:which|what) (?:values? of (?:the )?)?(?:α|η|γ|lr|step(?:[- ]?size)?|learning "
                r"rate)\b",
    "optimal-step": r"\b(?:optimal|best) (?:gd|gradient[- ]descent) (?:constant |fixed )?(?:step(?: ?"
                    r"size)?|learning rate|lr)\b|"
                    r"\b(?:optimal|best) (?:constant|fixed)[- ]step (?:gd|gradient[- ]descent)\b|"
                    r"\boptimal (?:constant |fixed )?(?:step(?: ?size)?|learning rate|lr\b|[αηγ]\b|"
                    r"\([αηγ], ?β\)|"
                    r"α and β|(?:hyper-?)?parameters|tuning|momentum|choice of)|\bbest (?:constant |fixed )?"
                    r"(?:step|learning rate|lr\b|[αηγ]|\([αηγ], ?β\))|\bα(?:\^\*|\*(?![\w(∇]))|\b(?:that|which) minimi[sz]es? "
                    r"(?:the |its )?(?:[\w-]{1,20} ){0,3}(?:rate|(?:contraction|convergence) factor)\b|"
                    r"\bwith which (?:step(?: size)?|learning rate)\b|" + Q.STEP_OPTIMAL_AFTER + "|"
                    r"\b(?:optimal|best) (?:heavy[- ]ball|polyak(?:'s)?|nesterov(?:'s)?|momentum) "
                    r"(?:[αηγ](?: and β)?\b|\([αηγ], ?β\)|(?:hyper-?)?parameters\b|step(?: ?size)?\b|"
                    r"learning rate\b)|" + _PICKED_PAIR + "|"
                    r"\b(?:what|which) (?:[αηγ]|lr|step(?: ?size)?|learning rate) (?:should|would|do|"
                    r"to) (?:you |we |i |one )?(?:pick|choose|use|take|set)\b|" + _PARAMETERS_OPTIMAL,
    "optimal-momentum": _PICKED_PAIR + "|" + _MOMENTUM_OPTIMAL + r"|\boptimal (?:momentum|β)\b|\boptimal (?:\([αηγ], ?β\)|[αηγ] and β|"
                        r"(?:step(?: ?size)?|learning rate) and momentum)|"
                        r"\bbest (?:momentum|β|\([αηγ], ?β\))|\bβ(?:\^\*|\*(?![\w(∇]))",
    "optimal-rate": r"\boptimal (?:(?:heavy[- ]ball|polyak|nesterov|momentum|gd|gradient[- ]descent) )?"
                    r"(?:convergence )?rate|\b(?:best|fastest) (?:achievable )?"
                    r"(?:convergence )?rate|\bresulting (?:\(?(?:asymptotic|linear|convergence|"
                    r"worst[- ]case)\)? ){0,2}rate|\brate (?:does it|it) "
                    r"achieve|\b(?:what|which) rate\b|\b(?:optimal|best|smallest)(?: possible| achievable)? "
                    r"(?:(?:worst[- ]case|linear|contraction|convergence) ){0,2}factor\b|ρ ?\( ?[αηγ] ?(?:\^ ?\*|\*|⋆|\^⋆) ?\)",
    "rate": r"\bconvergence rate|\brate of convergence|\b(?:contraction|convergence) (?:factor|rate)|"
            r"\bmax_\{?i\}? ?\|1 ?- ?[αηγ] ?λ_?\{?i\}? ?\||"
            r"\bhow fast\b|\blinear rate|\brate at α|"
            r"\b(?:the|its|their) (?:GD|gradient[- ]descent|heavy[- ]ball|polyak|nesterov)(?:'s)? "
            r"(?:(?:linear|asymptotic|worst[- ]case) )?rate\b",
    "condition-number": r"\bcondition number\b",
    "iterations": r"\bhow many (?:iterations|steps)|\bnumber of (?:iterations|steps)|"
                  r"\biterations? (?:are )?(?:needed|required)|\biterations (?:to (?:reach|get to|"
                  r"achieve|attain)|until) (?:an? |the )?(?:(?:relative|target) )?(?:(?:error|"
                  r"accuracy|tolerance) (?:of )?)?(?=[\d.])",
    "regime": r"\bregimes?\b|\boscillat\w*|\bmonoton\w*|\bwhat happens\b(?! along)",
    "iteration-matrix": r"(?<!radius of its )(?<!radius of the )\biteration matrix|"
                        r"\b2 ?[x×] ?2 (?:matrix|system|iteration)|"
                        r"\bcharacteristic (?:polynomial|equation)|\beigenvalues of the "
                        r"(?:iteration|update|transition)",
    "effective-step": r"\beffective (?:step|learning rate)|\bexponential moving average|"
                      r"\bEMA\b|\bunroll",
    "pytorch": r"\bpytorch|\btorch\.optim|\bdampening",
    "slowest-direction": r"\b(?:which|what) (?:eigen[- ]?)?(?:directions?|modes?|components?|"
                         r"eigenvectors?|eigenvalues?)\b(?: of (?:H|the Hessian))? (?:is|are|"
                         r"converges?|decays?|shrinks?|contracts?) (?:the )?slowest\b|\bslowest"
                         r"(?:[- ](?:converging|decaying))? (?:eigen[- ]?)?(?:directions?|modes?|"
                         r"components?|eigenvectors?)\b",
    "objective-minimiser": r"^(?:[-*•] ?)?(?:the )?(?:unique )?minimi[sz]er(?: (?:θ|w|x)(?:\^?\*|⋆)|"
                           r" of f\b)?(?: ?[.?;]?$)",
    "zero-curvature": r"\bzero[- ]curvature|\bzero eigenvalues?|\bnull ?space|\bflat "
                      r"directions?|\bwhat happens along",
}
_METHODS = {O.NESTEROV.key: r"\bnesterov", O.HEAVY_BALL.key: r"\bheavy[- ]ball|\bpolyak|\bmomentum\b"}
_SYMBOLS = {"μ": "mu", "m": "m", "L": "L", "M": "M", "λ_min": "lambda_min",
            "λ_max": "lambda_max"}


_SYMBOLS_ASKED = {r"^(?:α|η|γ|lr)(?:\^?\*|_opt)$": Q.OPTIMAL_STEP.key, r"^κ$": Q.CONDITION_NUMBER.key,
                  r"^(?:α|η|γ|lr|h)_?(?:max|\{max\}|\{\\?max\})$": Q.MAX_STEP.key,
                  r"^[kt]$": Q.ITERATIONS.key,
                  r"^ρ(?:\(α\))?$": Q.RATE.key, r"^ρ(?:\^?\*|_opt)$": Q.OPTIMAL_RATE.key}

_CURVATURE_ASKED = {r"^(?:L|λ_?max|λ_?\{max\})$": Q.SMOOTHNESS.key,
                    r"^(?:μ|mu|λ_?min|λ_?\{min\})$": Q.STRONG_CONVEXITY.key}
"""The smoothness and strong convexity constants by their conventional symbols (μ only where
it is not a step or momentum of an optimal tuning asked, see :meth:`symbol`)."""


_HEAVY_BALL_FORM = re.compile(r"[-−] ?(?:α|η|γ) ?(?:·|\*)? ?(?:∇|\\nabla|grad\b|g_)[^=]{0,40}\+ ?β ?(?:·|\*)? ?"
                              r"\(?(?:x|θ|w)_?\{?(?:t|k)\}? ?[-−] ?(?:x|θ|w)_?\{?(?:t|k) ?[-−] ?1")
"""The heavy-ball update written with its letters (x_{t+1} = x_t − α∇f(x_t) + β(x_t − x_{t−1})):
its α multiplies the gradient, its β the last displacement."""


_IDX = r"_?\{?\(?[tk](?: ?[-−+] ?1)?\)?\}?"
_NUM = r"(\d{0,6}\.?\d{1,12})"
_BUFFER_RECURRENCE = re.compile(
    rf"(?<![\w.])(b|v|m|u|z|buf){_IDX} ?= ?{_NUM} ?[·*]? ?\1{_IDX} ?\+ ?(?:{_NUM} ?[·*]? ?)?"
    rf"(?:g|∇ ?f|grad)(?![a-z])")
_PARAMETER_STEP = re.compile(
    rf"(?<![\w.])(x|θ|w|p|theta){_IDX} ?(?:=|←|<-|:=) ?\1{_IDX} ?[-−] ?{_NUM} ?[·*]? ?"
    rf"(?:b|v|m|u|z|buf){_IDX}(?![\w(])")
_BUFFER_START = re.compile(r"(?<![\w.])(?:b|v|m|u|z|buf)_?\{?0\}? ?= ?0(?!\d|\.\d)")
"""A framework's momentum update written out with its numbers ('b_t = 0.9·b_{t−1} + g_t,
x_t = x_{t−1} − 0.01·b_t, b_0 = 0'): it restates the momentum, dampening and lr."""


_IT = r"(?:x|θ|w|theta)"
_HEAVY_BALL_NUMBERS = re.compile(
    rf"[-−] ?(?:{_NUM}|[αηγ]|lr) ?[*·]? ?(?:∇|grad\b|g_)[^=+]{{0,30}}\+ ?{_NUM} ?[*·]? ?\(? ?{_IT}{_IDX} ?"
    rf"[-−] ?{_IT}{_IDX}")
"""The heavy-ball update written with numbers ('θ_{k+1} = θ_k − lr·∇f(θ_k) + 0.5(θ_k − θ_{k−1})'):
its momentum (and a numeric step) restate the part's."""


def _restated_heavy_ball(r: PartReading) -> None:
    """The numbers of a heavy-ball update the part writes out must be its momentum (and step);
    then they are used, else the part is refused naming the clash."""
    for m in _HEAVY_BALL_NUMBERS.finditer(r.own_text or ""):
        for name, field, number in (("step", F.alpha, m.group(1)), ("momentum", F.beta, m.group(2))):
            if number is None:
                continue
            have = r.value(field)
            try:
                same = have is not None and fraction(number) == fraction(have)
            except (ValueError, ZeroDivisionError):
                same = False
            if not same:
                r.miss(f"restated {name}", f"\"{m.group(0)}\" writes the {name} as {number}, but "
                                           f"the part reads {have} (expected the same number)")
                return
            r.convention(f"restated {name}", m.group(0), f"the written-out update restates the {name}")


def _restated_buffer_update(r: PartReading) -> None:
    """The part's written-out buffer update must restate the momentum (and 1 − dampening) and
    the lr it read; then its numbers are used, else the part is refused naming the clash."""
    own = r.own_text or ""
    want = {"momentum": r.value(F.beta), "lr": r.value(F.alpha),
            "1 - dampening": 1 - fraction(r.value(F.dampening) or 0)}
    found = []
    for m in _BUFFER_RECURRENCE.finditer(own):
        found += [("momentum", m.group(2), m.group(0))] + \
                 ([("1 - dampening", m.group(3), m.group(0))] if m.group(3) else [])
    found += [("lr", m.group(2), m.group(0)) for m in _PARAMETER_STEP.finditer(own)]
    for name, number, src in found:
        if want[name] is None or fraction(number) != fraction(want[name]):
            r.miss(f"restated {name}", f"\"{src}\" writes the {name} as {number}, but the part "
                                       f"reads {want[name]} (expected the same number)")
            return
        r.convention(f"restated {name}", src, f"the written-out update restates the {name}")
    start = _BUFFER_START.search(own)
    if found and start:
        r.convention("buffer start", start.group(0), "the buffer starts at 0 (PyTorch's convention)")


class QuadraticDynamicsReader:
    family = FAMILY
    answers = QUADRATIC_DYNAMICS.answer_keys
    ask_field = F.asks

    def score(self, flat: str) -> Score:
        return cue_score(flat, CUES)

    def subject(self, r: PartReading, sentence: str) -> bool:
        """Whether "for <method A> and for <method B>" after a request names exactly the
        methods this part was split into (one reading per method, this one among them): the
        request is answered for each by its own reading."""
        m = _OF_METHODS.match(sentence.strip())
        split = r.found.get(_SPLIT) or []
        named = OPTIMIZERS.mentions(sentence.strip())
        compared = _COMPARED_WITH.match(sentence.strip())
        if compared is not None and len(split) >= 2 and len(named) == 1 and \
                named[0].start >= compared.end() and re.fullmatch(
                    r"(?:(?:the|plain|vanilla|standard|ordinary|simple) )*",
                    sentence.strip()[compared.end():named[0].start], re.I) and \
                named[0].entry.key in split and \
                _SAME_SETTINGS.fullmatch(sentence.strip()[named[0].end:]):
            return True   # "Compare with GD at the same lr.": the part's requests, of GD too
        if m is None and len(split) >= 2 and named and named[0].start == 0 and \
                named[0].entry.key in split and _SHARED_PREDICATE.match(
                    sentence.strip()[named[0].end:]):
            return True   # "… each of GD (1) and heavy ball (2) need so that …": its own reading
        if m is None or len(split) < 2:
            return False
        named = [OPTIMIZERS.mentions(m.group(g)) for g in ("a", "b")]
        if any(len(x) != 1 for x in named):
            return False
        keys = [x[0].entry.key for x in named]
        return len(set(keys)) == 2 and set(keys) == set(split) and r.value(F.method) in keys

    def asked(self, r: PartReading) -> list[str]:
        """The catalogue quantities of the part's asks, in order; the PyTorch convention's
        answer also names the heavy-ball method it corresponds to; a rate asked without a
        given step is answered by the optimal rate."""
        asked = [QUANTITIES.canonical(k) for k in r.value(F.asks) or []]
        if Q.OPTIMAL_RATE.key in asked and (r.value(F.alpha) is None or
                                             r.found.get(_RATE_OF_OPTIMUM)):
            r.answered_by[Q.RATE.key] = Q.OPTIMAL_RATE.key
            asked.append(Q.RATE.key)
        if Q.PYTORCH.key in asked:   # answered by the heavy-ball (α, β) the arguments give
            r.answered_by[Q.PYTORCH.key] = Q.EQUIVALENT_STEP.key
        return asked + ([Q.IDENTIFICATION.key, Q.EQUIVALENT_STEP.key, Q.EQUIVALENT_MOMENTUM.key]
                        if Q.PYTORCH.key in asked else [])

    def take(self, r: PartReading, asks: list[tuple[str, str]]) -> None:
        """Asked quantities the reader's own tables missed join the part's asks; a rate asked
        without a given step is the rate at the optimal step; the optimal pair (α, β) asks for
        the optimal momentum too; the heavy-ball α or β of a given PyTorch run asks for that
        run's convention."""
        converted = next((s for k, s in asks if k in (Q.EQUIVALENT_STEP.key,
                                                       Q.EQUIVALENT_MOMENTUM.key)), None)
        if converted is not None and not any(k == Q.PYTORCH.key for k, _ in asks):
            asks = [(Q.PYTORCH.key, converted), *asks]
        asks = _qualifiers_of_parts(r, asks)
        optima = {k for k, _ in asks} | set(r.value(F.asks) or [])   # the reader's and these
        alpha = r.fields.get(F.alpha)
        if alpha is not None and Q.OPTIMAL_STEP.key in optima and \
                alpha.source not in (r.own_text or "") and not r.found.get(_TUNED_PAIR) and \
                not _from_formula(r, F.alpha):
            del r.fields[F.alpha]   # "For η = 0.12 it diverges" in the shared text; here η* is asked
            r.notes.append(f"\"{alpha.source}\" of the shared text is not this part's step: the "
                           "part asks for the optimal one")
            own_asks = r.value(F.asks) or []
            if Q.RATE.key in own_asks:   # read beside that step: the rate of the optimum
                r.set(F.asks, list(dict.fromkeys(Q.OPTIMAL_RATE.key if a == Q.RATE.key else a
                                                 for a in own_asks)), r.fields[F.asks].source)
        asks = _minimised_rates(r, asks)
        again = _REPEATED_AT_OPTIMUM.search(r.own_text or "")
        if again and Q.RATE.key in {k for k, _ in asks} | set(r.value(F.asks) or []) and \
                Q.OPTIMAL_RATE.key not in {k for k, _ in asks} | set(r.value(F.asks) or []):
            asks = [*asks, (Q.OPTIMAL_RATE.key, again.group(0))]   # the rate again, at the optimum
        its = _its_rate(r.own_text or "", [(r.own_text or "").find(s) for k, s in asks
                                           if k == Q.OPTIMAL_STEP.key])
        if its is not None and Q.OPTIMAL_RATE.key not in {k for k, _ in asks} | set(
                r.value(F.asks) or []):
            asks = [*asks, (Q.OPTIMAL_RATE.key, its[2])]   # "what step is optimal + its rate"
        if r.value(F.alpha) is None or r.found.get(_RATE_OF_OPTIMUM):
            asks = [(Q.OPTIMAL_RATE.key if k == Q.RATE.key else k, s) for k, s in asks]
        elif r.found.get(_RATE_AT_STEP):
            asks = [(Q.RATE.key if k == Q.OPTIMAL_RATE.key else k, s) for k, s in asks]
            r.answered_by[Q.OPTIMAL_RATE.key] = Q.RATE.key
        asks = _coordinate_factor(r, asks)
        asks = _stability_threshold(r, asks)
        _converges_to_the_minimiser(r, asks)
        keys = {k for k, _ in asks} | set(r.value(F.asks) or [])
        for k, s in asks:   # "for which lr does GD diverge? Give the threshold": the boundary
            if k == Q.CROSSOVER.key and Q.MAX_STEP.key in keys and _BOUNDARY_NOUN.fullmatch(s):
                r.answered_by[k] = Q.MAX_STEP.key
        if not {Q.OPTIMAL_STEP.key, Q.OPTIMAL_MOMENTUM.key} & keys:   # "that rate": of what?
            asks = [(k, s) for k, s in asks if k != Q.OPTIMAL_RATE.key or not _THAT_RATE.match(s)]
        for k, s in asks:
            if k == Q.UPDATE.key and re.search(r"\bstep\b", s) and Q.OPTIMAL_STEP.key in keys:
                r.answered_by[k] = Q.OPTIMAL_STEP.key  # "find the step α* minimising ρ(α)"
            elif k == Q.ROUNDS.key and Q.ITERATIONS.key in keys:
                r.answered_by[k] = Q.ITERATIONS.key  # "how many steps" of an iteration
            elif k == Q.DISTANCE.key and F.epsilon in r.fields and \
                    s in r.fields[F.epsilon].source:
                r.answered_by[k] = Q.ITERATIONS.key  # "shrink the distance to θ* by 1000x"
            elif k == Q.DISTANCE.key and _MEASURED_BY_RATE.search(
                    (r.own_text or "")[:max(0, (r.own_text or "").find(s))][-60:]):
                rates = [q for q in (Q.OPTIMAL_RATE.key, Q.RATE.key) if q in keys]
                if rates:   # "the contraction factor per iteration of the distance to θ*"
                    r.answered_by[k] = rates[0]
        asks = [x for k, s in asks for x in [(k, s)] + (
            [(Q.OPTIMAL_MOMENTUM.key, s)] if k == Q.OPTIMAL_STEP.key and (
                _WITH_MOMENTUM.search(s) or _pair_named_before(r.own_text or "", s)) else [])]
        asks = _framework_asks(r, asks)
        beta = r.fields.get(F.beta)
        if beta is not None and (Q.OPTIMAL_MOMENTUM.key in optima or
                                 any(k == Q.OPTIMAL_MOMENTUM.key for k, _ in asks)) and \
                beta.source not in (r.own_text or "") and not _from_formula(r, F.beta):
            del r.fields[F.beta]   # "which for β = 0 is GD" in the shared text; here β* is asked
            r.notes.append(f"\"{beta.source}\" of the shared text is not this part's momentum: "
                           "the part asks for the optimal one")
        star = _BETA_STAR.search(r.own_text or "")
        if star and r.found.get(_TUNED_PAIR) and Q.OPTIMAL_MOMENTUM.key not in (
                r.value(F.asks) or []) and all(s in star.group(0) for k, s in asks
                                               if k == Q.OPTIMAL_MOMENTUM.key):
            asks = [(k, s) for k, s in asks if k != Q.OPTIMAL_MOMENTUM.key]
            r.answered_by[Q.OPTIMAL_MOMENTUM.key] = Q.EFFECTIVE_STEP.key  # "with β = β*" sets it
        take_asks(r, F.asks, asks, tuple(q.key for q in ASKS))
        _tuned_heavy_ball(r)
        alpha = r.fields.get(F.alpha)
        if alpha is not None and Q.OPTIMAL_STEP.key in (r.value(F.asks) or []) and \
                not r.found.get(_TUNED_PAIR) and not _from_formula(r, F.alpha) and \
                "=" in alpha.source and _restated_step(r.own_text or "", alpha.source):
            r.miss(F.asks, f'the part asks for the optimal step and also fixes the step '
                           f'("{alpha.source}"); expected one of the two (a repeated question '
                           "with a new step asks for what that step gives)")
        if Q.PYTORCH.key in (r.value(F.asks) or []):
            _restated_buffer_update(r)
        _restated_heavy_ball(r)
        sgd = _SGD_NAMED.search(r.own_text or "")
        if sgd and Q.PYTORCH.key in (r.value(F.asks) or []):
            r.convention("PyTorch SGD", sgd.group(0), "PyTorch's SGD with momentum is the "
                                                      "convention asked about")
        taken = r.value(F.asks) or []
        tuned = _TUNING_NAMED.search(_without_part_qualifiers(r))
        if tuned and not {Q.OPTIMAL_STEP.key, Q.OPTIMAL_MOMENTUM.key} & set(taken):
            r.miss(f"question \"{tuned.group(0)}\"", f"\"{tuned.group(0)}\" names an optimal "
                   "parameter the reading did not take (expected e.g. 'the optimal α and β')")
        eigs = r.fields.get(F.eigenvalues)
        if Q.EIGENVALUES.key in taken and eigs is not None and "smallest and largest" in eigs.note:
            r.miss(F.eigenvalues, f"the eigenvalues of H are asked, but \"{eigs.source}\" gives "
                                  "only the smallest and the largest (expected every eigenvalue, "
                                  "or H itself)")
        if Q.THETA_T.key in taken or Q.VALUE_T.key in taken:
            inner = {s: _value_argument(s) for k, s in asks if k == Q.VALUE_T.key}
            _place_iterates(r, list(dict.fromkeys(
                [s for k, s in asks if k == Q.THETA_T.key] + list(inner.values()))))
            _momentum_iterates(r)
            if inner and r.value(F.steps):
                _place_values(r, inner)
        eigs = r.fields.get(F.eigenvalues)
        if {Q.MINIMISER.key, Q.THETA_T.key, Q.VALUE_T.key} & set(taken) and r.value(F.H) is None and \
                eigs is not None and re.match(r"H ?= ?diag\b", eigs.source):
            vals = r.fields.pop(F.eigenvalues).value   # the iterates need H itself: diag(...)
            r.set(F.H, [[v if i == j else 0 for j in range(len(vals))] for i, v in
                        enumerate(vals)], eigs.source)
            _linear_term(r.own_text or "", r.found.get(_CONTEXT) or "", r)
            r.missing = [m for m in r.missing if m.name not in (F.H, F.b)]
        if {Q.MINIMISER.key, Q.THETA_T.key, Q.VALUE_T.key} & set(taken) and r.value(F.b) is None and \
                r.value(F.H) is not None and \
                any(c.name == "no linear term" for c in r.conventions):
            r.set(F.b, [0] * len(r.value(F.H)), next(
                c.source for c in r.conventions if c.name == "no linear term"),
                note="no linear term: b = 0")
        for quantity, field, reason in _NEEDS:
            if quantity in taken and r.value(field) is None and \
                    not any(m.name == field for m in r.missing):
                r.miss(field, reason)
        start = r.found.get(F.theta0)
        if start is not None and F.theta0 not in r.fields and taken and \
                set(taken) <= _START_FREE and start[1] not in (r.own_text or ""):
            r.convention("start not needed", start[1], "the start θ_0 the text states enters none "
                         "of the quantities this part asks (the curvature, the steps and the "
                         "worst-case rates are the same from every start)")
        steps = stated_steps(r.own_text or "")
        each = _FOR_EACH_STEP.search(r.own_text or "")
        if r.value(F.alpha) is not None and len(steps) > 1 and each:
            r.miss(F.alpha, f"\"{each.group(0)}\" asks for each of {len(steps)} step sizes "
                            f"({', '.join(steps)}), but the reading takes one (\""
                            f"{r.fields[F.alpha].source}\"); expected one part per step")

    def applied(self, r: PartReading) -> set[str]:
        """A loss multiplied by a constant (H -> cH) and an L2 penalty (H -> H + λI) are applied
        to the curvature."""
        names = {c.name for c in r.conventions}
        return ({T.SCALE_LOSS.key} if "loss scale" in names else set()) | \
            ({T.ADD_WEIGHT_DECAY.key} if "weight decay" in names else set()) | \
            ({T.AFTER_STEPS.key} if r.found.get(_AFTER_STEPS) else set())

    def symbol(self, r: PartReading, symbol: str) -> str | None:
        """α*, κ, ρ, ρ*: the optimal step, condition number, rate, optimal rate; a bare step or
        momentum symbol (γ, μ) in a part that asks for the optimal tuning is part of it."""
        s = symbol.replace(" ", "")
        if _iterate_index(s, r.found.get(_LETTERS, ())) or point_index(s, r.value(F.variables)):
            return Q.THETA_T.key  # "compute w_1 and w_2", a flattened "θ1", "(x1, y1)" of f(x, y)
        if re.fullmatch(r"θ|theta|w|x|(?:the )?iterates?(?: (?:θ|theta|w|x))? after .+", symbol) and \
                _after_steps(r.own_text or "", symbol) is not None:
            return Q.THETA_T.key  # "what is w after 3 steps": the iterate w_3
        found = next((q for pattern, q in _SYMBOLS_ASKED.items() if re.match(pattern, s)), None)
        if found is None and re.fullmatch(r"ρ(?:_\{?\w{1,4}\}?)?\^\{?[kt]\}?", s) and \
                Q.ITERATIONS.key in (r.value(F.asks) or []):
            return Q.ITERATIONS.key   # "the smallest t for which ρ^t ≤ 10^-4": the bound's power
        texts = (r.own_text or "", r.found.get(_CONTEXT) or "")
        if found is None and s in tuned_symbols(texts[0]):
            role = parameter_role(s, texts)   # "the tuned η and β": the optimum of each
            found = {STEP: Q.OPTIMAL_STEP.key, MOMENTUM: Q.OPTIMAL_MOMENTUM.key}.get(role or "")
        if found is None and _formula_momentum(r, s) and \
                r.value(F.alpha) is not None:
            return Q.OPTIMAL_MOMENTUM.key  # the stated formula, checked against β* by the solver
        if found is None and s in ("μ", "mu") and re.search(
                r"(?<![\w])(?:μ,? (?:and )?(?-i:L)|(?-i:L),? (?:and )?μ)(?![\w])", texts[0]):
            return Q.STRONG_CONVEXITY.key   # "μ, L, κ?": listed beside L, the curvature's μ
        if found is None and re.fullmatch(r"α|η|γ|β|μ|lr", s) and \
                Q.OPTIMAL_STEP.key in self.asked(r):
            return Q.OPTIMAL_STEP.key
        if found is None and re.fullmatch(r"α|η|γ|lr|h", s) and _CHOOSES_STEP.search(
                r.own_text or ""):
            return Q.OPTIMAL_STEP.key   # "which η minimises ρ?", "the η giving the fastest rate"
        if found is None and s in ("γ", "η", "α", "lr") and Q.EFFECTIVE_STEP.key in (
                r.value(F.asks) or []) and r.found.get(_TUNED_PAIR):
            return Q.EFFECTIVE_STEP.key   # "x ← x − γm with an EMA m: which γ gives the same iterates?"
        if found is None and Q.EFFECTIVE_STEP.key in (r.value(F.asks) or []) and \
                r.found.get(_TUNED_PAIR) and _EMA_WRITTEN.search(texts[0]) and \
                parameter_role(s, texts) == MOMENTUM:
            return Q.OPTIMAL_MOMENTUM.key   # the EMA's b of the tuned heavy ball: β* itself
        if found is None and s in ("α", "η", "γ", "β") and (
                Q.PYTORCH.key in (r.value(F.asks) or []) or _runs_pytorch(r)) and \
                not r.found.get(_TUNED_PAIR) and \
                r.value(F.alpha) is not None and r.value(F.beta) is not None and \
                _HEAVY_BALL_FORM.search(r.own_text or ""):
            # "PyTorch's SGD(lr, momentum) in heavy-ball form x⁺ = x − α∇f + β(x − x⁻): α, β?"
            return Q.EQUIVALENT_MOMENTUM.key if s == "β" else Q.EQUIVALENT_STEP.key
        if found is None and (s in ("lr", "momentum") or parameter_role(s, texts) == MOMENTUM) and Q.PYTORCH.key in (
                r.value(F.asks) or []) and r.found.get(_TUNED_PAIR) and \
                fraction(r.value(F.dampening) or 0) == 0:
            return Q.PYTORCH.key   # "which lr and momentum reproduce the tuned heavy ball?"
        if found is None and re.fullmatch(r"H|∇\^?2 ?f|∇²f", s) and r.value(F.function):
            return Q.HESSIAN.key   # "write f in the form ½ zᵀHz and state H"
        if found is None:   # "What are L, μ and κ?": the curvature's conventional symbols
            found = next((q for pattern, q in _CURVATURE_ASKED.items() if re.match(pattern, s)),
                         None)
        return found

    def read_part(self, part: PartText, objects: PartObjects,
                  previous: list[PartReading]) -> list[PartReading]:
        own, ctx = part.flat, part.flat_context
        r = PartReading(part.label, FAMILY, own_text=own)
        _read_curvature(own, ctx, r)
        r.found[_LETTERS] = _form_variables((own, ctx))
        _read_scale(own, r)
        _read_decay(own, r)
        _read_form(objects, r, ctx)
        _read_error_norm(own, ctx, r)
        _read_minimiser(own, ctx, r)
        methods = _read_methods(own, ctx)
        _read_parameter_formulas(own, ctx, r)
        _read_scalars(own, ctx, r, " ".join(p.own_text or "" for p in previous))
        _read_start(objects, r, (own, ctx))
        _step_of_an_optimum(own, ctx, previous, methods, r)
        _carry_epsilon(own, previous, r)
        _read_asks(own, r)
        _read_switched_off(own, r)
        r.found[_CONTEXT] = ctx
        r.found[_TUNED_REFERENCE] = _tuned_reference(own, previous)
        _tuned_heavy_ball(r)
        _read_assumed_rate(own, r)
        _read_answer_form(own, r)
        methods = _each_method(own, ctx, part.label, previous, methods, r)
        again = _earlier_answers(own, part.label, previous, r)
        if again is not None:
            return again
        if len(methods) <= 1:
            if methods:
                r.set(F.method, methods[0][0], methods[0][1])
            elif r.found.get(_TUNED_PAIR):
                r.set(F.method, O.HEAVY_BALL.key, r.fields[F.alpha].source,
                      note="the iterates are those of the tuned heavy ball")
            else:
                gd = next((m for m in OPTIMIZERS.mentions(own + " " + ctx)
                           if m.entry is O.GD), None)
                r.set(F.method, O.GD.key, gd.phrase if gd else "",
                      note="no momentum mentioned: plain gradient descent")
            beta = r.fields.get(F.beta)
            if methods and methods[0][0] == O.GD.key and beta is not None and \
                    beta.source not in own and not {Q.PYTORCH.key, Q.EFFECTIVE_STEP.key} & set(
                        r.value(F.asks) or []):
                del r.fields[F.beta]   # the shared text's momentum is another method's
                r.notes.append(f"\"{beta.source}\" is the momentum of the shared text's method, "
                               "not of the plain gradient descent this part studies")
            return [r]
        out = []
        for i, (name, src) in enumerate(methods, 1):
            sub = PartReading(f"{part.label}.{i}", FAMILY, own_text=own, fields=dict(r.fields),
                              missing=list(r.missing), notes=list(r.notes),
                              conventions=list(r.conventions))
            sub.set(F.method, name, src)
            sub.found[_SPLIT] = [m for m, _ in methods]
            keys = [m for m, _ in methods]
            for x in OPTIMIZERS.mentions(own):   # the other methods named: their own readings
                if x.entry.key in keys and x.entry.key != name:
                    sub.convention("another method of the part", x.phrase,
                                   f"{OPTIMIZERS[x.entry.key].name} is answered by part "
                                   f"({part.label}.{keys.index(x.entry.key) + 1})")
            if name == O.GD.key and F.beta in sub.fields and \
                    sub.fields[F.beta].source not in own:
                del sub.fields[F.beta]   # the shared text's momentum is another method's
            if name == O.GD.key and F.alpha in sub.fields and \
                    sub.fields[F.alpha].source not in own and \
                    rx(r"\b(?:its |the )?(?:best|optimal)(?: fixed| constant)? (?:step|learning rate|"
                       r"lr)\b").search(own):
                del sub.fields[F.alpha]   # "plain GD with its best fixed step": not the shared α
            for field, where in r.found.get(_SETTINGS, {}).get(name, ()):
                if field.name == F.alpha and _tuned_qualifier(own, where):
                    sub.notes.append(f"\"({where}) ({_tuned_qualifier(own, where)})\": the "
                                     f"tuned step of part ({where}), not its stated "
                                     f"{field.source}")
                    sub.fields.pop(F.alpha, None)
                    continue
                sub.set(field.name, field.value, field.source,
                        note=f"as in part ({where}) for {OPTIMIZERS[name].name}")
            out.append(sub)
        return out


# -- curvature -------------------------------------------------------------------------------

def _diag(flat: str, letter: str = "H") -> tuple[list, str] | None:
    m = rx(rf"\b{re.escape(letter)} ?= ?diag ?(?=[(\[])").search(flat)
    if m:
        got = array_at(flat, m.end())
        if got is not None and not is_matrix(got[0]):
            return got[0], phrase(flat, m.start(), got[1])
    return diagonal_in_words(flat, letter)   # "H = 2I" (in R^3), "H is diagonal with entries"


def _number_list(flat: str, pos: int) -> tuple[list, int] | None:
    """``1, 4 and 9`` / ``1 and 10`` / ``(1, 10)`` / ``{1, 10}`` starting at ``pos``."""
    got = array_at(flat, pos)
    if got is not None and not is_matrix(got[0]):
        return got[0], got[1]
    if flat[pos:pos + 1] == "{":
        got = array_at(flat, pos)
    return number_list_at(flat, pos, r"(?:λ_?\{?\d{1,2}\}? ?= ?)?")


_EIG_HEAD = (r"\beigenvalues?(?: of H| of the Hessian)?(?: are| is| equal to|:| λ_i ?=| λ ?=| "
             r"=)? ?(?:λ_?i? ?= ?|λ_1, ?λ_2 ?= ?|λ_?1 ?= ?)?")


def _eig_head(own: str, ctx: str) -> str:
    """:data:`_EIG_HEAD`, also for "the eigenvalues of A" where A is the matrix of the written
    function ½ wᵀAw (its Hessian; a form without the ½ is refused by :func:`_read_curvature`)."""
    letters = sorted({f.matrix for t in (own, ctx) for f in matrix_quadratic_forms(t)
                      if f.matrix != "H" and _matrix_letter(f.matrix)})
    if not letters:
        return _EIG_HEAD
    return _EIG_HEAD.replace("(?: of H|", f"(?: of (?:H|{'|'.join(letters)})|", 1)


def _matrix_letter(name: str) -> bool:
    """A capital letter (Latin or Greek) naming the matrix of a written quadratic form."""
    return bool(re.fullmatch(r"[A-Z]", name)) or name in CAPITAL_GREEK


def _form_letters(own: str, ctx: str) -> str:
    """``H`` and the letters of the matrices of the written functions ½ wᵀAw (their Hessians:
    "μI ⪯ A ⪯ LI" bounds the curvature), as a regex alternative."""
    letters = {f.matrix for t in (own, ctx) for f in matrix_quadratic_forms(t)
               if _matrix_letter(f.matrix)} | {"H"}
    return "|".join(sorted(letters))


def _family_form(expr: Any) -> bool:
    """True when ``expr`` is the family's objective with a named curvature matrix: a term
    ½⟨θ, Hθ⟩ (H a symbol), whatever the linear and constant terms."""
    from optiproof.core.mathatoms import Inner

    try:
        terms = sympy.Add.make_args(sympy.expand(expr))
    except (TypeError, ValueError, AttributeError):
        return False
    for term in terms:
        coeff, rest = term.as_coeff_Mul()
        if coeff == sympy.Rational(1, 2) and isinstance(rest, Inner) and \
                any(isinstance(a, sympy.Mul) and any(isinstance(x, sympy.Symbol) and
                                                      x.name[:1].isupper() for x in a.args)
                    for a in rest.args):
            return True
    return False


def _read_form(objects: PartObjects, r: PartReading, ctx: str) -> None:
    """'f(θ) = ½ θᵀHθ − bᵀθ': the statement of the family's own objective (its ½ is the
    convention the solver uses), recorded with its source."""
    for objs in (objects.own, objects.context):
        for f in objs.formulas:
            if any(e is not None and _family_form(e) for e in f.exprs[1:]):
                r.convention("objective", f.source,
                             "the objective is ½ θᵀHθ − bᵀθ, the form every part is solved in")
                return
    for text in (r.own_text or "", ctx):
        form = next((q for q in matrix_quadratic_forms(text) if q.scale == 1), None)
        if form is not None:   # "f(θ) = 0.5 * θ^T A θ": the ½ of the same form, A its Hessian
            r.convention("objective", form.source, f"the objective is ½ θᵀ{form.matrix}θ, so "
                                                   f"{form.matrix} is the Hessian")
            return


_NUMBER = r"-?\d{1,12}(?:\.\d{1,12})?(?:/\d{1,12})?"
_CHANGED_EXTREME = re.compile(
    r"(?P<cond>\b(?:when|if|now|but|instead)\b,? )?"
    r"\b(?:the )?(?P<end>largest|smallest|biggest|maximum|minimum|maximal|minimal|top|lowest|"
    r"highest) eigenvalue (?P<verb>is now|is|becomes|changes to|is changed to|equals|=) ?(?P<new>"
    + _NUMBER + r")(?!\w|\.\d)(?:,? (?:instead of|rather than|not) (?:the )?(?P<old>" + _NUMBER +
    r")(?!\w|\.\d))?", re.I)
"""A part that changes one end of the spectrum ("when the largest eigenvalue is 8 instead of
18", "if the smallest eigenvalue becomes 2"): the shared spectrum with that end replaced."""


def _changed_extreme(own: str, r: PartReading) -> None:
    """Apply :data:`_CHANGED_EXTREME` of the part's own text to the spectrum read; refused by
    name when the spectrum is not a list of numbers, the replaced value is not that end, or the
    new value would not be that end."""
    m = _CHANGED_EXTREME.search(own)
    if m is None or not (m.group("old") or m.group("cond") or m.group("verb") in (
            "is now", "becomes", "changes to", "is changed to")):
        return   # "the biggest eigenvalue is 3": a statement about the spectrum, not a change
    eigs = r.fields.get(F.eigenvalues)
    if eigs is not None and m.group(0) in eigs.source:
        return   # the part's own spectrum, stated by its ends
    largest = m.group("end").lower() in ("largest", "biggest", "maximum", "maximal", "top", "highest")
    try:
        vals = [Fraction(str(v)) for v in eigs.value] if eigs is not None else None
    except (ValueError, TypeError, ZeroDivisionError):
        vals = None
    if not vals:
        r.miss(F.eigenvalues, f"\"{m.group(0)}\" changes one end of the spectrum, which is applied "
                              "only to eigenvalues given as numbers (expected e.g. 'eigenvalues "
                              "0.5, 2 and 18')")
        return
    i = vals.index(max(vals) if largest else min(vals))
    new = Fraction(m.group("new"))
    if m.group("old") is not None and Fraction(m.group("old")) != vals[i]:
        r.miss(F.eigenvalues, f"\"{m.group(0)}\" replaces {m.group('old')}, which is not the "
                              f"{m.group('end').lower()} eigenvalue of \"{eigs.source}\"")
        return
    rest = vals[:i] + vals[i + 1:]
    if rest and (new < max(rest) if largest else new > min(rest)):
        r.miss(F.eigenvalues, f"\"{m.group(0)}\" would not be the {m.group('end').lower()} "
                              f"eigenvalue of \"{eigs.source}\" any more")
        return
    nums = [Num(new, m.group("new")) if j == i else Num(v, str(v)) for j, v in enumerate(vals)]
    _set_eigs(r, nums, f"{eigs.source}; {m.group(0)}")
    if F.eigenvalues in r.fields:
        r.fields[F.eigenvalues].note = (f"the shared spectrum with its {m.group('end').lower()} "
                                        f"eigenvalue replaced by {m.group('new')}")


def _read_curvature(own: str, ctx: str, r: PartReading) -> None:
    """The curvature, by :func:`_curvature`; a spectrum stated for the matrix of a written
    function without the ½ (``f(w) = wᵀAw``, whose Hessian is 2A) is refused unless it is said
    to be the Hessian's."""
    _curvature(own, ctx, r)
    _changed_extreme(own, r)
    eigs = r.fields.get(F.eigenvalues)
    if eigs is None or "hessian" in eigs.source.lower():
        return
    for text in (own, ctx):
        for form in matrix_quadratic_forms(text):
            if form.scale != 1 and form.matrix != "H":
                r.miss(F.eigenvalues, f"\"{form.source}\" has no ½, so its Hessian is 2{form.matrix}; "
                                      f"\"{eigs.source}\" does not say whether the eigenvalues "
                                      f"are {form.matrix}'s or the Hessian's (expected f = ½ wᵀ"
                                      f"{form.matrix}w, or 'the eigenvalues of the Hessian')")
                return


def _curvature(own: str, ctx: str, r: PartReading) -> None:
    for text in (own, ctx):
        got = _diag(text)
        if got is not None:
            _set_eigs(r, got[0], got[1])
            if F.eigenvalues in r.fields and any(
                    f.matrix == "H" and f.vector and any(
                        (a := assigned_array(u, re.escape(f.vector))) is not None and
                        not is_matrix(a[0]) for u in (own, ctx))
                    for t in (own, ctx) for f in matrix_quadratic_forms(t)):
                # a linear term pairs with H's rows: the diagonal matrix, not its spectrum
                vals = r.fields.pop(F.eigenvalues).value
                r.set(F.H, [[v if i == j else 0 for j in range(len(vals))]
                            for i, v in enumerate(vals)], got[1])
                _linear_term(own, ctx, r)
            return
        arr = assigned_array(text, r"H|the Hessian|Hessian H" + _hessian_letter(text))
        if arr is not None and is_matrix(arr[0]):
            try:
                r.set(F.H, spec_array(arr[0]), arr[1])
            except ValueError as err:
                r.miss(F.H, str(err))
            _linear_term(own, ctx, r)
            return
        if arr is not None:
            r.miss(F.H, f"H is written as a vector (\"{arr[1]}\"); write diag(...) or a matrix")
            return
        for m in rx(_eig_head(own, ctx)).finditer(text):
            if rx(r"\b(?:smallest|largest|minimum|maximum|minimal|maximal|extreme|min|max|"
                  r"smaller|larger|biggest|bigger|greatest|highest|lowest|least|top|leading|"
                  r"dominant|one|an) $").search(text[max(0, m.start() - 12):m.start()]):
                continue  # one extreme eigenvalue is not the spectrum
            got2 = _number_list(text, m.end())
            if got2 is not None and len(got2[0]) >= 1:
                _set_eigs(r, got2[0], phrase(text, m.start(), got2[1]))
                return
        got4 = _interval(text)
        if got4 is not None:
            _set_eigs(r, got4[0], got4[1])
            if F.eigenvalues in r.fields:
                r.fields[F.eigenvalues].note = ("the ends of the stated interval, both attained; "
                                                "the rates depend on these two only")
            return
        sym = rx(r"\b(?:between|from) (μ|m|λ_min)(?= ?(?:=|and\b|to\b))(?: ?= ?[\d.]{1,12})? (?:and|to) "
                 r"(L|M|λ_max)\b|\[(μ|m|λ_min), ?"
                 r"(L|M|λ_max)\]|(μ) ?I ?⪯ ?(?:" + _form_letters(own, ctx) + r") ?⪯ ?(L) ?I|"
                 r"\b(μ)[- ]strongly convex and (L)[- ]"
                 r"smooth|(μ) ?≤ ?λ(?:_i)? ?≤ ?(L)\b|\b(?:eigenvalues?|spectrum)\b(?:[^.;?]|(?<=\d)\.(?=\d)){0,40}?"
                 r"(?<![\w])(μ|m|λ_min)(?= ?= ?[\d.])(?:[^.;?]|(?<=\d)\.(?=\d)){0,30}?(?<![\w])"
                 r"(L|M|λ_max)(?= ?= ?[\d.])|"
                 r"\bsmallest eigenvalue (μ|m) and (?:the )?"
                 r"largest(?: eigenvalue)? (L|M)\b|"
                 r"(?<![\w])(μ|m|λ_min)(?= ?= ?[\d.])(?:[^.;?]|(?<=\d)\.(?=\d)){0,30}?(?<![\w])"
                 r"(L|M|λ_max)(?= ?= ?[\d.])(?:[^.;?]|(?<=\d)\.(?=\d)){0,40}?\b(?:extreme|"
                 r"smallest and (?:the )?largest|minimum and maximum|min(?:imal)? and max(?:imal)?)"
                 r" eigenvalues?\b").search(text)
        if sym is None and rx(_CURVATURE_ROLE).search(own + " " + ctx):
            sym = rx(_MU_L_NUMBERS).search(text)    # 'strongly convex with μ = 2 and L = 50'
        if sym:
            lo, hi = [g for g in sym.groups() if g][:2]
            src = phrase(text, sym.start(), sym.end())
            vals = []
            for name in (lo, hi):
                got3 = assigned_number(own + " " + ctx, rx_escape(name))
                vals.append(got3)
            if all(vals):
                _set_eigs(r, [v[0] for v in vals], src + "; " + "; ".join(v[1] for v in vals))
            else:
                r.set(F.eigenvalues, [_SYMBOLS.get(lo, "mu"), _SYMBOLS.get(hi, "L")], src,
                      note="symbolic spectrum: the eigenvalues lie in [μ, L], both ends attained")
            return
    unassigned = _matrix_form(own, ctx, r)
    if unassigned is None or _curvature_objects(own, r):
        return
    if unread_functions(own) and not unassigned:
        garbled = unread_functions(own)   # the part's own function, never the shared text's
    elif _curvature_objects(ctx, r):
        return
    else:
        garbled = unread_functions(ctx)
    if unassigned:
        r.miss(F.H, unassigned)
        return
    if garbled and (_flattened_powers(garbled[0], own + "\n" + ctx, r)
                    or _flattened_vector(garbled[0], own + "\n" + ctx, r)):
        return
    if garbled:
        r.miss(F.H, f"could not read \"{garbled[0]}\" as a quadratic with numeric coefficients "
                    "(expected e.g. f(x, y) = x^2 + 9y^2; a flattened exponent such as 'x2' is "
                    "read as x^2 only when x is a declared variable, the text uses no indexed "
                    "x2, and the result is a quadratic)")
        return
    r.miss(F.H, "no curvature found (expected H = diag(1, 10), H = [[2, 1], [1, 2]], "
                "'eigenvalues 1 and 10', or 'eigenvalues between μ and L')")


_CURVATURE_ROLE = r"\bstrong(?:ly)?[- ]convex|\bstrong convexity\b|\bsmooth(?:ness)?\b|\bcondition number\b"
"""Words that give μ and L their roles: strong convexity and smoothness constants."""
_MU_L_NUMBERS = (r"(?<![\w])(μ)(?= ?= ?[\d.])(?:[^.;?]|(?<=\d)\.(?=\d)){0,40}?(?<![\w])(L)(?= ?= ?[\d.])")
"""μ and L given numbers ('μ = 2 and L = 50'): the extreme eigenvalues of a quadratic whose
text says μ-strongly convex and L-smooth."""


_INTERVAL = re.compile(r"\b(?:spectrum|eigenvalues)(?: of (?:[A-Z]|the Hessian))?(?: σ\([A-Z]\))? "
                       r"(?:is |are |lies |lie )?(?:all )?(?:contained |included )?(?:in|within|⊂|"
                       r"⊆) ?\[ ?(?=[\d.])")
_BETWEEN = re.compile(r"\beigenvalues(?: of (?:[A-Z]|the Hessian))? (?:are |lie |all lie |"
                      r"range )?(?:between|from) (?=\d)")
"""'the eigenvalues of H are between 0.5 and 50': the smallest and largest eigenvalue, as for
'between μ and L' (both ends attained)."""
_ENDS_ATTAINED = re.compile(r"\bboth (?:(?:ends|endpoints|end-points|extremes|bounds)(?: being| are| "
                            r"is)? (?:attained|eigenvalues|achieved)|(?:are |being )?(?:attained|"
                            r"achieved))\b", re.I)


def _interval(text: str) -> tuple[list, str] | None:
    """"the spectrum of Q is contained in [10^-2, 1] with both ends attained": the two ends as
    the smallest and largest eigenvalue (an interval whose ends are not said to be attained is
    not read: the rates would be bounds, not values)."""
    between = _BETWEEN.search(text)
    if between is not None:
        lo, hi = number_at(text, between.end()), None
        sep = lo and rx(r" ?(?:and|to|,) ?").match(text, lo[1])
        hi = sep and number_at(text, sep.end())
        if hi and 0 < lo[0].value < hi[0].value:
            return [lo[0], hi[0]], phrase(text, between.start(), hi[1])
    m = _INTERVAL.search(text)
    if m is None or not _ENDS_ATTAINED.search(text[m.end():m.end() + 120]):
        return None
    lo = number_at(text, m.end())
    sep = lo and rx(r" ?, ?").match(text, lo[1])
    hi = sep and number_at(text, sep.end())
    if not hi or not rx(r" ?\]").match(text, hi[1]):
        return None
    ends = _ENDS_ATTAINED.search(text, m.end())
    return [lo[0], hi[0]], phrase(text, m.start(), ends.end())


_HESSIAN_NAMED = re.compile(r"\b(?:the )?Hessian (?:matrix )?([A-GI-Z])\b|(?<![\w])([A-GI-Z]) ?= ?"
                            r"[^.;?=]{1,120}?\b(?:is|be) (?:the|its) Hessian\b")


def _hessian_letter(text: str) -> str:
    """``|A`` when the text names the Hessian by another letter ("the Hessian Q", "A = [[..]]
    is the Hessian of the loss"), else ""."""
    m = _HESSIAN_NAMED.search(text)
    return "|" + (m.group(1) or m.group(2)) if m else ""


def _linear_term(own: str, ctx: str, r: PartReading) -> None:
    """With H given directly: b of ``f(θ) = ½ θᵀHθ − bᵀθ`` when the function names it and the
    text states it (0 when the function has no linear term); a function without the ½ (whose
    Hessian is 2H, not H) is refused."""
    for text in (own, ctx):
        for form in matrix_quadratic_forms(text):
            if form.matrix != "H":
                continue
            if form.scale != 1:
                r.miss(F.H, f"\"{form.source}\" has no ½, so its Hessian is 2H, not H (expected "
                            "f = ½ θᵀHθ − bᵀθ, or the Hessian itself)")
                return
            if not any(c.name == "objective" for c in r.conventions):
                r.convention("objective", form.source,
                             "the objective is ½ θᵀHθ − bᵀθ, the form every part is solved in")
            if form.vector is None:
                r.convention("no linear term", form.source, "no linear term: b = 0")
                return
            got = next((a for a in (assigned_array(t, re.escape(form.vector)) for t in (own, ctx))
                        if a is not None and not is_matrix(a[0])), None)
            if got is not None:
                try:
                    r.set(F.b, [Num(form.sign * n.value, n.text).spec_value() for n in got[0]],
                          got[1], note="the linear term of f (it moves the minimiser, not the "
                                       "error dynamics)")
                except ValueError as err:
                    r.miss(F.b, str(err))
            return


def _matrix_form(own: str, ctx: str, r: PartReading) -> str | None:
    """H (and b) of ``f(w) = ½ wᵀAw − cᵀw`` with ``A = [[5, 3], [3, 5]]`` (and ``c = [2, -2]``)
    stated in the text, by differentiation. None when read (or refused with a reason); else why
    a written function gave no curvature (its matrix is not given as a matrix: the spectrum may
    still be stated another way), or "" when no such function is written."""
    for text in (own, ctx):
        for form in matrix_quadratic_forms(text):
            found = [assigned_array(t, re.escape(form.matrix)) for t in (own, ctx)]
            got = next((a for a in found if a is not None), None)
            diagonal = next((d for d in (_diag(t, form.matrix) for t in (own, ctx)) if d), None)
            if got is None and diagonal is not None:  # "A = diag(2, 4)"
                n = len(diagonal[0])
                got = ([[v if i == j else Num(Fraction(0), "0") for j in range(n)]
                        for i, v in enumerate(diagonal[0])], diagonal[1], 0)
            if got is None or not is_matrix(got[0]):
                return (f"the matrix {form.matrix} of \"{form.source}\" is not given as a "
                        f"matrix (expected {form.matrix} = [[2, 1], [1, 2]] or a bmatrix)")
            vec = None
            if form.vector:
                vgot = next((a for a in (assigned_array(t, re.escape(form.vector))
                                         for t in (own, ctx)) if a is not None), None)
                if vgot is not None and not is_matrix(vgot[0]):
                    vec = vgot
            try:
                H, b = quadratic_of_matrices(form, [[n.value for n in row] for row in got[0]],
                                             [n.value for n in vec[0]] if vec else None)
                rows = [[Num(v, str(v)).spec_value() for v in row] for row in H]
                r.set(F.H, rows, f"{form.source}; {got[1]}",
                      note="the Hessian of the function, by differentiation")
                if vec is not None:
                    r.set(F.b, [Num(v, str(v)).spec_value() for v in b], vec[1],
                          note="the linear term of the function (it moves the minimiser, not "
                               "the error dynamics)")
                elif not form.vector:
                    r.convention("no linear term", form.source, "no linear term: b = 0")
            except ValueError as err:
                r.miss(F.H, str(err))
            return None
    return ""


_DECLARED = re.compile(r"^(?P<name>[fghqFGHLJ]) ?\( ?(?P<vars>[a-zA-Z](?: ?, ?[a-zA-Z]){1,3}) ?\) ?= ?"
                       r"(?P<rhs>.+)$")


_FLATTENED_FRACTION = re.compile(r"(?<![\w.^/])(1[2-9]|[2-9]1)(?= ?\(| ?[a-zA-Zα-ω](?: ?2)?(?![\w]))")
"""A coefficient '21' or '12' (of a group or a variable) in a flattened copy: ½ whose bar was
lost ("21 (x2 + 25y 2 )" is ½(x² + 25y²)) or the number itself; which one, the copy does not say."""


def _flattened_powers(source: str, text: str, r: PartReading) -> bool:
    """``f(x, y) = 2x2 + xy + y2`` of a PDF copy, where the superscripts fell onto the line: read
    as 2x^2 + xy + y^2 only when the function declares its variables, each rewritten token is a
    declared variable followed by the digit 2, the text nowhere else writes such a variable
    with an index (x1, x_2) unless the function writes its variables only that way (as indices
    it would not depend on them), and the result is a quadratic; the reading is recorded as an
    assumption with its source. True when read."""
    m = _DECLARED.match(source.strip())
    if m is None:
        return False
    names = [v.strip() for v in m.group("vars").split(",")]
    rest = text.replace(source, " ")
    token = re.compile(rf"(?<![A-Za-z^_])({'|'.join(map(re.escape, names))}) ?2(?![\w.^/])")
    if not token.search(m.group("rhs")):
        return False
    bare = token.sub(" ", m.group("rhs"))
    only_flat = not any(v in bare for v in names)   # 'uv', '3v': a variable written bare
    if not only_flat and any(re.search(rf"(?<![\w]){re.escape(v)}_?\{{?\d", rest) for v in names):
        return False   # an indexed variable elsewhere: 'x2' may be an index, not a power
    # (unless the declared variables appear only as 'x2': read as indices, f(x, y) would not
    # depend on its own variables)
    half = _FLATTENED_FRACTION.search(m.group("rhs"))
    if half is not None:
        r.miss(F.H, f"\"{source}\" has the coefficient \"{half.group(1)}\" in a copy whose "
                    "exponents were flattened onto the line: it may be a fraction that lost its "
                    f"bar (1/{half.group(1)[-1] if half.group(1)[0] == '1' else half.group(1)[0]}"
                    ") or the number itself, and nothing else in the text says which (expected "
                    "the fraction written out, e.g. (1/2)(x^2 + 25y^2), or the Hessian stated)")
        return True
    rhs = token.sub(r"\1^2", m.group("rhs"))
    forms = quadratic_forms(f"{m.group('name')}({', '.join(names)}) = {rhs}")
    if len(forms) != 1 or set(forms[0].variables) != set(names):
        return False
    return _set_flattened(forms[0], source, r, f"{m.group('name')}({', '.join(names)})",
                          "the exponents of a PDF copy flattened onto the line (the text writes "
                          "no indexed variable of that name)")


def _flattened_vector(source: str, text: str, r: PartReading) -> bool:
    """``f(θ) = (1/2) θ 2 1 + 50θ 2 2`` of a PDF copy that set each entry's scripts inline,
    θ's entries declared (``θ = (θ 1 , θ 2 )``, ``θ ∈ R 2``): read as the one quadratic its
    scripts can mean (:func:`flattened_vector_quadratic`), recorded as an assumption; refused
    naming the formula when the readings disagree or a coefficient may be a fraction that lost
    its bar. True when read or refused."""
    half = _FLATTENED_FRACTION.search(source.split("=", 1)[-1])
    got = flattened_vector_quadratic(source, text)
    if got is None:
        return False
    if half is not None:
        r.miss(F.H, f"\"{source}\" has the coefficient \"{half.group(1)}\" in a copy whose "
                    "scripts were flattened onto the line: it may be a fraction that lost its bar "
                    "or the number itself, and nothing else in the text says which (expected the "
                    "fraction written out, e.g. (1/2), or the Hessian stated)")
        return True
    if got.form is None:
        r.miss(F.H, got.refusal)
        return True
    name = source.split("=", 1)[0].strip()
    return _set_flattened(got.form, source, r, name, "each entry's subscript and exponent "
                          "set on the line by a PDF copy, in the one order that gives a "
                          "quadratic in all the declared entries", got.declaration)


def _set_flattened(form: QuadraticForm, source: str, r: PartReading, name: str,
                   why: str, declaration: str = "") -> bool:
    """The curvature (H, b) of a flattened function read as ``form`` (its variables declared
    by ``declaration``, when given), with the assumption recorded; False when its
    coefficients are no spec values."""
    try:
        rows = [[Num(v, str(v)).spec_value() for v in row] for row in form.H]
        linear = [Num(v, str(v)).spec_value() for v in form.b]
    except ValueError:
        return False
    r.set(F.H, rows, "; ".join(s for s in (source, declaration) if s),
          note=f"the Hessian of {form.expression}, by differentiation")
    r.set(F.function, form.expression, source)
    r.set(F.variables, list(form.variables), source)
    r.convention("flattened exponent", source, f"assumed: \"{source}\" is {name} = "
                 f"{form.expression}, {why}")
    if any(linear):
        r.set(F.b, linear, source, note="the linear term, -∇f(0)")
    else:
        r.convention("no linear term", source, "no linear term: b = 0")
    return True


def _curvature_objects(text: str, r: PartReading) -> bool:
    """H from a function written out (``f(x, y) = x² + 9y²`` -> H = diag(2, 18), by
    differentiation), or the two extreme eigenvalues given as numbers; True when found."""
    forms = quadratic_forms(text)
    if forms:
        form = forms[0]
        try:
            rows = [[Num(v, str(v)).spec_value() for v in row] for row in form.H]
        except ValueError as err:
            r.miss(F.H, str(err))
            return True
        r.set(F.H, rows, form.source, note="the Hessian of the function, by differentiation")
        if form.expression:
            r.set(F.function, form.expression, form.source)
            r.set(F.variables, list(form.variables), form.source)
        if not any(form.b):
            r.convention("no linear term", form.source, "no linear term: b = 0")
        else:
            try:
                r.set(F.b, [Num(v, str(v)).spec_value() for v in form.b], form.source,
                      note="the linear term, -∇f(0)")
            except ValueError as err:
                r.miss(F.b, str(err))
        return True
    extremes = extreme_eigenvalues(text)
    if extremes is not None:
        lo, hi, src = extremes
        _set_eigs(r, [Num(lo, str(lo)), Num(hi, str(hi))], src)
        if F.eigenvalues in r.fields:
            r.fields[F.eigenvalues].note = ("the smallest and largest eigenvalues; the rates "
                                            "depend on these two only")
        return True
    return False


def rx_escape(name: str) -> str:
    return {"μ": "μ|mu", "L": "(?-i:L)", "m": "(?-i:m)", "M": "(?-i:M)"}.get(name, name)


def _set_eigs(r: PartReading, nums: list, src: str) -> None:
    if any(n.value < 0 for n in nums):
        r.set(F.eigenvalues, spec_array(nums), src)  # validation explains "indefinite"
        return
    try:
        r.set(F.eigenvalues, spec_array(nums), src)
    except ValueError as err:
        r.miss(F.eigenvalues, str(err))


_SCALE = re.compile(
    r"\b(?:(?:changes?|changed|replaces?|replaced|sets?) (?:the |its |his |her |my |our )?"
    r"(?:loss|objective)(?: function)? (?:to|by|with) |(?:loss|objective)(?: function)? "
    r"(?:becomes|is now|is replaced by) )(?=[\d.])|\bmultipl\w* (?:the |its |his |her |my |"
    r"our )?(?:training )?(?:loss|objective|f)(?: function)? by (?=[\d.])|"
    r"\b(?:loss|objective) (?:is |was |were )?multiplied by (?=[\d.])")


def _read_scale(own: str, r: PartReading) -> None:
    """"changes the loss to 10 f", "multiplies the loss by 1000": the curvature of c·f is c·H
    (every eigenvalue times c); applied to the part's curvature with the phrase as source."""
    m = _SCALE.search(own)
    if m is None:
        return
    num = number_at(own, m.end())
    if num is None or num[0].value <= 0:
        r.miss(F.H, f"could not read the positive factor the loss is multiplied by in "
                    f"\"{phrase(own, m.start(), min(len(own), m.end() + 12))}\"")
        return
    c, end = num[0].value, num[1]
    tail = re.match(r" ?(?:·|\*|×)? ?(?:f|L|the (?:loss|objective))\b", own[end:])
    end += tail.end() if tail else 0
    why = re.match(r" ?\([^()]{0,80}\)", own[end:])
    if why and any(n.value == c for n, _, _ in find_numbers(why.group(0))):
        end += why.end()  # "(summing over 10 items instead of averaging)" says why
    src = phrase(own, m.start(), end)
    _change_curvature(r, lambda x, diagonal: x * c, src, "loss scale",
                      f"the loss is multiplied by {num[0].text}: its Hessian is {num[0].text} "
                      "times the original one")


def _change_curvature(r: PartReading, change: Any, src: str, name: str, note: str) -> None:
    """Apply ``change(entry, on_diagonal)`` to every entry of the numeric H (or to every
    eigenvalue), with ``src`` joined to the field's source and recorded as convention ``name``;
    a curvature not given as numbers is refused."""
    for field in (F.H, F.eigenvalues):
        got = r.fields.get(field)
        if got is None or not isinstance(got.value, list) or \
                any(isinstance(x, str) and x[:1].isalpha() for x in got.value):
            continue
        try:
            def new(x: Any, diagonal: bool) -> Any:
                v = change(fraction(x), diagonal)
                return Num(v, str(v)).spec_value()
            value = [[new(x, i == j) for j, x in enumerate(row)] for i, row in
                     enumerate(got.value)] if field == F.H else [new(x, True) for x in got.value]
        except ValueError as err:
            r.miss(field, str(err))
            return
        r.set(field, value, f"{got.source}; {src}", note=note)
        r.convention(name, src, note)
        return
    r.miss(F.H, f"\"{src}\" changes the loss, but the curvature it changes is not given as "
                "numbers")


_DECAY = re.compile(r"\+ ?(?:\(? ?(?P<name>λ|lambda|μ|c|wd)(?P<half> ?/ ?2)? ?\)?|"
                    r"(?P<num>[\d.]{1,8})(?P<half2> ?/ ?2)?|(?:1 ?/ ?2|½|\(1/2\)) ?"
                    r"(?P<name2>λ|lambda|μ|c|wd)?) ?·? ?‖ ?[wθx] ?‖(?:_2)?\^2")


def _read_decay(own: str, r: PartReading) -> None:
    """"minimise L(w) + (λ/2)‖w‖² with λ = 1": an L2 penalty adds its curvature to H
    (λ/2‖w‖² adds λI, λ‖w‖² adds 2λI); only the penalty written as a formula is read."""
    m = _DECAY.search(own)
    if m is None:
        return
    src = phrase(own, m.start(), m.end())
    name = m.group("name") or m.group("name2")
    half = bool(m.group("half") or m.group("half2")) or (m.group("name2") is not None) or \
        (m.group("name") is None and m.group("num") is None)
    if name:
        got = assigned_number(own, re.escape(name))
        if got is None:
            r.miss(F.H, f"the penalty \"{src}\" needs the value of {name} (expected e.g. "
                        f"'{name} = 0.1')")
            return
        lam, src = got[0].value, f"{src}; {got[1]}"
    elif m.group("num"):
        num = number_at(own, m.start(1) if m.group(1) else m.start("num"))
        if num is None:
            r.miss(F.H, f"could not read the weight of the penalty \"{src}\" (expected e.g. "
                        "'+ 0.1‖w‖²' or '+ (λ/2)‖w‖² with λ = 0.1')")
            return
        lam = num[0].value
    else:
        lam = Fraction(1)
    add = lam if half else 2 * lam
    _change_curvature(r, lambda x, diagonal: x + add if diagonal else x, src, "weight decay",
                      f"the penalty {src} adds {add}·I to the Hessian")


_OPERATOR_NORM = re.compile(r"‖ ?I ?- ?[αηγ] ?[AHQ] ?‖_2")
"""``ρ(α) = ‖I − αA‖_2``: for a symmetric A, the spectral norm is the spectral radius."""


_ERROR_NORM = r"‖ ?\(?[θxwe{letters}][^‖]{{0,28}}‖(?:_(\{{?\w{{1,3}}\}}?|∞))?"
"""An iterate's or an error's norm (``‖θ_t − θ*‖_2``), the iterate also named by the letter of
the written form or update rule (``‖z_k‖_2``)."""


def _read_error_norm(own: str, ctx: str, r: PartReading) -> None:
    """The norm the error is measured in (``‖θ_t − θ*‖_2``): the Euclidean norm (index 2 or none)
    is the one the rates and counts are worst-case exact for; another norm is refused."""
    for text in (own, ctx):
        op = _OPERATOR_NORM.search(text)
        if op:
            r.convention("operator norm", op.group(0), "the spectral norm of the symmetric "
                                                       "I − αH is its spectral radius, the rate")
    letters = "".join(v for v in r.found.get(_LETTERS, ()) if len(v) == 1)
    norm = re.compile(_ERROR_NORM.format(letters=re.escape(letters)))
    found = [m for text in (own, ctx) for m in norm.finditer(text)
             if re.search(rf"[-_]|^\(?[θxwe{re.escape(letters)}](?:\d{{1,2}}|[kt])$",
                          m.group(0).split("‖")[1].strip())]
    # an iterate or an error, its index maybe flattened by a PDF copy ('‖x0‖_2')
    if not found:
        return
    odd = [m for m in found if m.group(1) and m.group(1).strip("{}") not in ("2",)]
    if odd:
        r.miss("norm", f"the error is measured in \"{odd[0].group(0)}\"; the rates and counts "
                       "here are for the Euclidean norm ‖·‖_2")
        return
    worded = [m.group(0) for text in (own, ctx) for m in _EUCLIDEAN_ERROR.finditer(text)]
    r.convention("error norm", "; ".join(dict.fromkeys([m.group(0) for m in found] + worded)),
                 "the error is measured in the Euclidean norm, the one the rates are for")


_EUCLIDEAN_ERROR = re.compile(r"\b(?:the )?(?:error|distance)(?: is| being)?(?: measured as| "
                              r"measured in)? (?:the )?(?:Euclidean|ℓ2|l2|2-norm) (?:distance|"
                              r"norm|error)\b", re.I)
"""'the error is the Euclidean distance to x*': the norm the written ‖x_k − x*‖_2 is in, said
in words."""


_MINIMISER = re.compile(r"(?:\b(?:the )?(?:unique )?minimi[sz]er(?: (?:θ|x|w)\^?\*| "
                        r"\(x\^?\*, ?y\^?\*\))? (?:is|=|lies at|is at)(?: (?:θ|x|w)\^?\* ?=)? ?|"
                        r"\((?:so |hence |thus |i\.e\. |note )?(?:θ|x|w)\^?\* ?= ?)"
                        r"(?=[(\[]|0(?![\w,/]|\.\d))")
"""A stated minimiser: a vector, or a bare 0 (the zero vector: "minimiser w* = 0", "so the
minimizer is θ* = 0", the remark "(so θ* = 0)")."""


def _read_minimiser(own: str, ctx: str, r: PartReading) -> None:
    """"The minimiser is (0, 0)": checked against H and b (H θ* = b); a stated minimiser that
    agrees is a convention with its source, one that does not is reported."""
    for text in (own, ctx):
        m = _MINIMISER.search(text)
        if m is None:
            continue
        got = array_at(text, m.end())
        H = r.value(F.H)
        if got is None and text.startswith("0", m.end()):   # "w* = 0": the origin
            src = phrase(text, m.start(), m.end() + 1)
            if any(fraction(x) != 0 for x in r.value(F.b) or []):
                r.miss(F.b, f"the stated minimiser (\"{src}\") solves Hθ = b only for b = 0, "
                            "but a non-zero b was read")
            else:
                r.convention("minimiser", src, "the origin minimises f when it has no linear "
                                               "term (Hθ = 0 at θ = 0)")
            return
        if got is None or is_matrix(got[0]) or H is None or len(got[0]) != len(H):
            return
        b = r.value(F.b) or [0] * len(H)
        x = [n.value for n in got[0]]
        ok = all(sum(fraction(H[i][j]) * x[j] for j in range(len(x))) == fraction(b[i])
                 for i in range(len(x)))
        src = phrase(text, m.start(), got[1])
        if ok:
            r.convention("minimiser", src, "the stated minimiser solves Hθ = b")
        else:
            r.miss(F.H, f"the stated minimiser (\"{src}\") does not solve Hθ = b for the "
                        "H and b read")
        return


# -- method and scalars ----------------------------------------------------------------------

_UPDATE_WRITTEN = re.compile(r"(?<![A-Za-z0-9])(?:t|k) ?\+ ?1\}?\)? ?(?:=|←|:=) ?([^=;?]{1,70})")
_GD_STEP_TERM = re.compile(r"[-−] ?(?:γ|α|η|lr|h|s)(?:_?\{?[tk]\}?)? ?[*·]? ?(?:∇|\\nabla|grad\b)")
_MOMENTUM_TERM = re.compile(r"\+|\b(?:momentum|velocity)\b|\bv_|\bm_|\by_")
"""Anything a plain gradient step does not have: a second term ('+ m(θ_t − θ_{t−1})'), a
velocity or a look-ahead point."""


def _written_gd_rule(text: str) -> str | None:
    """The update the text writes out when it is plain gradient descent (x_{t+1} = x_t −
    γ∇f(x_t), no momentum term), else None."""
    rules = list(_UPDATE_WRITTEN.finditer(text))
    if len(rules) != 1:
        return None
    m = rules[0]
    rhs = re.split(r"\bwith\b|\band\b|\bwhere\b|\. ", m.group(1))[0]
    if not _GD_STEP_TERM.search(rhs) or _MOMENTUM_TERM.search(rhs):
        return None
    lhs = re.search(r"(?:\([^()]{1,12}\)|[A-Za-zθ]\w{0,3})_?\{?$", text[:m.start()])
    return phrase(text, lhs.start() if lhs else m.start(), m.start(1) + len(rhs))


def _read_methods(own: str, ctx: str) -> list[tuple[str, str]]:
    """The methods a part studies: momentum methods named in its own text, else plain gradient
    descent when its own text names it, else those of the shared context."""
    for text in (own, ctx):
        if text is ctx:
            gd = next((m for m in OPTIMIZERS.mentions(own) if m.entry is O.GD), None)
            if gd is not None:
                return [(O.GD.key, gd.phrase)]
        found = []
        for name, pattern in _METHODS.items():
            for m in rx(pattern).finditer(text):
                if negated(text, m.start()) or _SWITCHED_OFF.match(text, m.end()) or \
                        switched_off_after(text, m.end()):
                    continue
                if text is ctx and _NOTATION.match(text, m.end()):
                    continue   # "momentum parameters are denoted by β": a notation, no method
                if name == O.HEAVY_BALL.key and rx(r"\bnesterov(?:'s)? $").search(
                        text[max(0, m.start() - 12):m.start()]):
                    continue
                found.append((m.start(), name, phrase(text, m.start(), m.end())))
                break
        rule = _written_gd_rule(text) if text is ctx and found else None
        if rule is not None:
            # the shared text writes the method's update (no momentum term): plain gradient
            # descent, whatever a heading names ('GD and heavy-ball on a bowl')
            return [(O.GD.key, rule)]
        names = {name for _, name, _ in found}
        if O.NESTEROV.key in names and O.HEAVY_BALL.key in names and \
                not rx(r"\bheavy[- ]ball|\bpolyak").search(text):
            # "Nesterov's method (constant momentum version)": the momentum is Nesterov's
            nest = next(f for f in found if f[1] == O.NESTEROV.key)
            near = [f for f in found if f[1] == O.HEAVY_BALL.key and
                    0 < f[0] - nest[0] <= 60 and f[2] in text[f[0]:f[0] + len(f[2]) + 2]]
            found = [f for f in found if f[1] != O.HEAVY_BALL.key]
            if near:   # its source phrase runs up to the word, which then is used
                end = near[0][0] + len(near[0][2])
                found = [(f[0], f[1], phrase(text, f[0], end)) if f is nest else f for f in found]
        if found and text is own:
            found += _coordinated_gd(own, found) or _compared_gd(own, found)
        elif text is own:
            found = _compared_to_shared(own, ctx)
        if found:
            found.sort()
            out, seen = [], set()
            for _, name, src in found:
                if name not in seen:
                    seen.add(name)
                    out.append((name, src))
            return out
    return []


_NOTATION = re.compile(r" (?:parameters?|coefficients?|constants?|terms?) (?:are |is |will be )?"
                       r"(?:(?:denoted|written|called|named) (?:by |as )?|by )(?:β|beta|μ|m|γ)(?![\w(])",
                       re.I)
"""The shared text's notation for momentum ("Step sizes are denoted by α and momentum parameters
by β"): it names the symbol a later part's momentum takes, not the method every part studies."""


_REQUESTING = re.compile(r"\?|^(?:\(?\w{1,4}[.)] )?(?:(?:and|now|then|also),? )?(?:give|find|compute|compare|contrast|"
                         r"determine|state|derive|evaluate|what|how|which)\b", re.I)


def _request_sentences(own: str) -> list[tuple[int, str]]:
    """The sentences of a part's own text that ask something (a question mark, or a leading
    request word)."""
    from optiproof.core.text.match import sentences

    return [(start, text) for start, text in sentences(own) if _REQUESTING.search(text)]


def _in_request(pieces: list[tuple[int, str]], pos: int) -> int | None:
    return next((i for i, (start, text) in enumerate(pieces) if start <= pos < start + len(text)),
                None)


def _gd_requests(own: str, pieces: list[tuple[int, str]]) -> list[tuple[int, Any]]:
    """(request index, mention) of each plain gradient descent the part's requests name."""
    return [(i, m) for m in OPTIMIZERS.mentions(own) if m.entry is O.GD and not negated(own, m.start)
            for i in [_in_request(pieces, m.start)] if i is not None]


def _compared_gd(own: str, found: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """"How many iterations does heavy ball need? How many does plain GD need, for comparison?":
    plain gradient descent asked in a request of its own, apart from the momentum method's, is a
    method of the part as well."""
    pieces = _request_sentences(own)
    gds = _gd_requests(own, pieces)
    momentum = {_in_request(pieces, pos) for pos, _, _ in found}
    apart = [(i, m) for i, m in gds if i not in momentum]
    if not apart:
        return []
    return [(apart[0][1].start, O.GD.key, apart[0][1].phrase)]


def _compared_to_shared(own: str, ctx: str) -> list[tuple[int, str, str]]:
    """A part that names plain gradient descent in one request and no method in another, in a
    text about one momentum method ("What is the optimal rate? For comparison, what is the best
    rate of GD?"): that method and gradient descent, one reading each; else nothing."""
    pieces = _request_sentences(own)
    gds = _gd_requests(own, pieces)
    if not gds:
        return []
    named = {i for i, _ in gds}
    unnamed = [i for i, (_, text) in enumerate(pieces) if i not in named and
               not any(m.entry in (O.GD, O.HEAVY_BALL, O.NESTEROV) for m in OPTIMIZERS.mentions(text))]
    shared = [x for x in _read_methods("", ctx) if x[0] != O.GD.key]
    if not unnamed or len(shared) != 1:
        return []
    return [(-1, shared[0][0], shared[0][1] + " (shared text)"),
            (gds[0][1].start, O.GD.key, gds[0][1].phrase)]


_SWITCHED_OFF = re.compile(r"\w* ?= ?(?:False|0(?![.\d]))\b")
_OFF_ARGUMENT = re.compile(r"\bnesterov ?= ?False\b|\b(?:no|without|not|nor)(?: the)? nesterov\b"
                           r"(?!['’]s? (?:method|momentum|acceleration)? ?(?:is|was|would|will|does)"
                           r"\b)(?: (?:variant|option|flag|momentum|acceleration|look-?ahead))?",
                           re.I)


def _read_switched_off(own: str, r: PartReading) -> None:
    """A framework argument switching a method off ("nesterov=False"): recorded with its source,
    it states which method is not used (the method read is the one the part names)."""
    for m in _OFF_ARGUMENT.finditer(own):
        r.convention("switched off", m.group(0), "the argument switches Nesterov's variant off: "
                                                 "the framework runs plain heavy ball")
"""``nesterov=False`` in code: the method is switched off, not named."""

_LABEL = r"(?:[a-h1-9]|i{1,3}|iv|vi{0,3})"
_COORDINATED = re.compile(r"(?: (?:method|algorithm|iteration))?(?: (?:with|at|using) (?:the "
                          r"(?:optimal |best )?(?:step(?: size)? )?)?(?:α|η|γ|lr)(?:\^?\*|\^?⋆|_opt\b))?"
                          r"(?: (?:from|of|in|as in) (?:part |question )?\(?" + _LABEL + r"\)?| \((?:(?:from|"
                          r"of|in|as in|see|cf\.?) )?(?:part |question |Q)?\(?" + _LABEL + r"\)?\))? ?(?:,|and|or|"
                          r"vs\.?|versus|/|&) (?:(?:for|with|using|by) )?(?:the |plain |vanilla |standard )?",
                          re.I)
"""What joins two methods named together ('GD and heavy ball', 'GD from (a) and heavy ball',
'for the heavy-ball method and for GD')."""


def _coordinated_gd(own: str, found: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """Plain gradient descent named next to a momentum method ("how many iterations do gradient
    descent and heavy ball need", "compare GD vs Nesterov"): a method of the part as well. A
    mention inside a description ("heavy ball is gradient descent plus momentum") is not."""
    moments = [(m.start, m.end) for m in OPTIMIZERS.mentions(own) if m.entry is not O.GD]
    for m in OPTIMIZERS.mentions(own):
        if m.entry is not O.GD or negated(own, m.start):
            continue
        if any(_COORDINATED.fullmatch(own[m.end:s]) or _COORDINATED.fullmatch(own[e:m.start])
               for s, e in moments):
            return [(m.start, O.GD.key, m.phrase)]
    return []


_EACH = re.compile(r"\b(?:each of (?:parts? )?\((?:[a-h]|\d{1,2}|i{1,3}|iv|v)\)|"
                   r"(?:each of the (?:two|three|\d) (?:methods|algorithms|optimi[sz]ers)|both "
                   r"(?:methods|algorithms|optimi[sz]ers)|each (?:method|algorithm|optimi[sz]er)|"
                   r"the two (?:methods|algorithms|optimi[sz]ers))\b)", re.I)
"""'each of the two methods', 'both methods', 'each of (i) and (iii)': a request of several
methods (named by the parts that study them, when the text names parts)."""


_RATE_ASKS = (Q.RATE.key, Q.OPTIMAL_RATE.key)
_REDONE = (F.method, F.alpha, F.beta, F.epsilon, F.asks)
"""The fields a part re-evaluated at new numbers takes from the earlier part."""


def _earlier_answers(own: str, label: str, previous: list[PartReading],
                     r: PartReading) -> list[PartReading] | None:
    """"Evaluate (c) and (d) numerically for μ = 10^-2 and L = 1", "Evaluate both rates
    numerically": one reading per earlier part named (or per earlier part asking a rate), with
    that part's method, step, momentum and asks (only its rates for 'rates') and this part's
    numeric curvature. None when the part asks no such thing."""
    m = next((x for x in QUANTITIES.mentions(own) if x.entry.key == Q.EARLIER_ANSWERS.key), None)
    if m is None:
        return None
    said = own[m.start:m.end]
    refs = [x.lower() for x in re.findall(r"\(([a-h]|\d{1,2})\)", said)]
    rates_only = bool(re.search(r"\brates\b", said))
    tops = [p for p in previous if p.value(F.asks) and "." not in p.label]
    if refs:
        parts = [p for ref in refs for p in tops if p.label.lower() == ref]
        want = len(refs)
    else:
        parts = [p for p in tops if not rates_only or set(_RATE_ASKS) & set(p.value(F.asks))]
        count = re.search(r"\b(both|two|three|four)\b", said)
        want = {"both": 2, "two": 2, "three": 3, "four": 4}[count.group(1)] if count else \
            len(parts)
    eigs = r.value(F.eigenvalues)
    numeric = (eigs is not None and not any(isinstance(x, str) for x in eigs)) or \
        r.value(F.H) is not None
    if len(parts) != want or not parts or not numeric:
        r.miss(f"question \"{said}\"", f"\"{said}\" asks earlier answers again, but "
               + ("this part gives no numeric curvature (expected e.g. 'μ = 0.01 and L = 1')"
                  if not numeric else f"{len(parts)} earlier part(s) fit where {want} are named "
                                      "(expected the parts named, e.g. 'evaluate (c) and (d)')"))
        return None
    if any(r.value(f) is not None for f in (F.alpha, F.beta)):
        r.miss(f"question \"{said}\"", f"\"{said}\" re-evaluates earlier parts, but this "
               "part also states a step or momentum, which is not placed (expected the earlier "
               "settings)")
        return None
    named = [x for x in OPTIMIZERS.mentions(own) if x.entry in (O.GD, O.HEAVY_BALL, O.NESTEROV)
             and not negated(own, x.start)]
    if named and any(p.value(F.method) != named[0].entry.key for p in parts):
        r.miss(f"question \"{said}\"", f"\"{said}\" re-evaluates earlier parts, but this part "
               f"names \"{named[0].phrase}\", a method not every one of them studies (expected "
               "the earlier parts' methods)")
        return None
    out = []
    for i, p in enumerate(parts, 1):
        sub = PartReading(f"{label}.{i}", FAMILY,
                          fields={k: v for k, v in r.fields.items() if k not in _REDONE},
                          missing=[x for x in r.missing if x.name != F.asks],
                          notes=list(r.notes), conventions=list(r.conventions))
        for name in _REDONE:
            if name in p.fields:
                f = p.fields[name]
                value = [a for a in f.value if a in _RATE_ASKS] if name == F.asks and \
                    rates_only else f.value
                sub.set(name, value, f.source, note=f"as in part ({p.label}), at this part's "
                                                    "numbers")
        sub.answered_by[Q.EARLIER_ANSWERS.key] = (sub.value(F.asks) or [None])[0]
        sub.notes.append(f"\"{said}\": part ({p.label}) again, at this part's curvature")
        out.append(sub)
    return out


_SHARED_PREDICATE = re.compile(r"^ ?(?:\((?:part |question |Q)?[a-h1-9]\) ?)?(?:need|needs|require|"
                               r"requires|take|takes)\b", re.I)
"""The verb a request's subjects share ("how many iterations does each of GD and heavy ball
need"): the second subject with it asks the same of that method."""
_SETTINGS = "settings of each method"
_SPLIT = "methods of the part, one reading each"
_COMPARED_WITH = re.compile(r"^(?:(?:and|now|then|also|finally),? )?(?:compare|contrast)(?: (?:it|this|"
                            r"that|them|these|the (?:result|answer|value)s?))? (?:with|to|against|"
                            r"versus|vs\.?) ", re.I)
_SAME_SETTINGS = re.compile(r"(?: (?:method|algorithm|iteration))?(?:,? (?:at|with|using|for|under|"
                            r"run (?:at|with)) (?:the same|that|this|an? (?:equal|identical)) "
                            r"(?:step(?:[- ]?size)?|learning rate|lr|[αηγ]|settings?|parameters?))?"
                            r" ?[.!?]?", re.I)
"""'Compare with GD at the same lr.': the part's requests asked of another method it reads,
at the settings it shares (a comparison with anything more stays a request of its own)."""
_OF_METHODS = re.compile(r"^(?:for|with|using|of) (?P<a>.{1,40}?),? (?:and|as well as|&) "
                         r"(?:also |again )?(?:for|with|using|of) (?P<b>.{1,40}?)\s?[?.!]?$", re.I)
"""'for GD and for the heavy-ball method': the request before it asked of two methods."""


def _each_method(own: str, ctx: str, label: str, previous: list[PartReading],
                 methods: list[tuple[str, str]], r: PartReading) -> list[tuple[str, str]]:
    """"each of the two methods (tuned as in (b), (c))": the methods of the parts referred to,
    else the methods the shared text names, one reading each, each with the step and momentum
    the earlier parts studying it state (one setting per method, else refused); a part that
    asks about several methods but names fewer is refused."""
    m = _EACH.search(own)
    if m is None or len(methods) >= 2:
        return methods
    refs = _part_references(own, label, previous)
    found: list[tuple[str, str]] = []
    for ref in refs:
        for p in previous:
            method = p.value(F.method)
            if p.label.split(".")[0].lower() == ref and method and \
                    method not in [k for k, _ in found]:
                found.append((method, f"{phrase(own, m.start(), m.end())}; ({ref})"))
    if len(found) >= 2:
        r.notes.append(f"\"{m.group(0)}\": the methods of parts "
                       f"{', '.join('(' + x + ')' for x in refs)}, one answer each")
        _method_settings(r, found, [p for p in previous if p.label.split(".")[0].lower() in refs])
        return _only_method(own, found, r)
    named = list(dict.fromkeys(x.entry.key for x in OPTIMIZERS.mentions(ctx)
                               if x.entry in (O.GD, O.HEAVY_BALL, O.NESTEROV) and
                               not negated(ctx, x.start)))
    where = "the shared text names"
    studied = list(dict.fromkeys(p.value(F.method) for p in previous
                                 if "." not in p.label and p.value(F.method)))
    if len(named) < 2 and len(studied) >= 2 and (len(studied) == 2 or not re.search(
            r"\b(?:both|two)\b", m.group(0), re.I)):
        named, where = studied, "the earlier parts study"   # "how many does each method need?"
    if not refs and len(named) >= 2 and not r.value(F.alpha) and not r.value(F.beta) and \
            all(any(p.value(F.method) == k for p in previous) for k in named):
        found = [(k, f"{phrase(own, m.start(), m.end())}; {OPTIMIZERS[k].name} ({where})")
                 for k in named]
        r.notes.append(f"\"{m.group(0)}\": the methods {where}, one answer each")
        if _method_settings(r, found, previous):
            return _only_method(own, found, r)
        return methods
    r.miss(f"question \"{m.group(0)}\"",
           f"\"{m.group(0)}\" asks about several methods, but the part names "
           f"{len(found) or len(methods) or 1} (expected the methods named, e.g. "
           "'for gradient descent and for heavy ball')")
    return methods


_ONLY = re.compile(r"\(([^()]{1,40}?) only\)|\bonly (?:for |with |on )?(?:the )?([^,.;:?()]{1,40})|"
                   r"\b((?:the )?[\w-]+(?: [\w-]+){0,2}) only\b", re.I)
"""'(heavy ball only)', 'only for Nesterov': one of the methods a part refers to is meant."""


def _only_method(own: str, found: list[tuple[str, str]], r: PartReading
                 ) -> list[tuple[str, str]]:
    """The one method of ``found`` a restriction of the part names (:data:`_ONLY`), else
    ``found``."""
    keys = [k for k, _ in found]
    for m in _ONLY.finditer(own):
        words = next(g for g in m.groups() if g)
        named = {x.entry.key for x in OPTIMIZERS.mentions(words)}
        if len(named) == 1 and next(iter(named)) in keys:
            key = next(iter(named))
            r.notes.append(f"\"{m.group(0).strip()}\": of the methods referred to, "
                           f"{OPTIMIZERS[key].name} only")
            return [(k, f"{src}; {m.group(0).strip()}") for k, src in found if k == key]
    return found


_PART_QUALIFIER = re.compile(r"\((?:[a-h]|\d{1,2}|i{1,3}|iv|v)\) ?\((?P<q>[^()]{1,40})\)", re.I)
"""'each of (i) (optimal step) and (ii)': a parenthesis right after a part's label says which
setting of that part is meant; it asks nothing itself."""


def _tuned_qualifier(own: str, label: str) -> str | None:
    """The qualifier right after a named part's label that says its tuned step is meant
    ('(2) (optimal step)', '(b) (best learning rate)'), else None."""
    for m in _PART_QUALIFIER.finditer(own):
        if m.group(0).split(")")[0].strip("( ").lower() == label.split(".")[0].lower() and \
                rx(r"\b(?:optimal|best|tuned|optimally tuned)(?: fixed| constant)? (?:step|"
                   r"learning rate|lr)\b").search(m.group("q")):
            return m.group("q")
    return None


def _without_part_qualifiers(r: PartReading) -> str:
    """The part's text, without the qualifiers of named parts when it is split one reading per
    method of the parts it names (:func:`_qualifiers_of_parts`)."""
    own = r.own_text or ""
    split = r.found.get(_SPLIT) or r.found.get(_SETTINGS)
    return _PART_QUALIFIER.sub(lambda m: m.group(0).split(")")[0] + ")", own) if split else own


def _qualifiers_of_parts(r: PartReading, asks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The asks without those read inside a qualifier of a named part (:data:`_PART_QUALIFIER`),
    in a part split one reading per method; the qualifier is noted."""
    own = r.own_text or ""
    if not r.found.get(_SPLIT) and not r.found.get(_SETTINGS):
        return asks
    quals = [m.group("q") for m in _PART_QUALIFIER.finditer(own)]
    dropped = [(k, s) for k, s in asks if any(s in q for q in quals)]
    own_asks = r.value(F.asks) or []
    inside = [k for k in own_asks if k == Q.OPTIMAL_STEP.key and
              any(rx(r"\b(?:optimal|best|tuned) (?:step|learning rate|lr)\b").search(q)
                  for q in quals) and not rx(r"\b(?:optimal|best|tuned) (?:step|learning rate|lr)\b")
              .search(_without_part_qualifiers(r))]
    if inside:
        r.set(F.asks, [k for k in own_asks if k not in inside], r.fields[F.asks].source)
    for q in quals:
        r.notes.append(f"\"({q})\" says which setting of the part named before it is meant")
    return [x for x in asks if x not in dropped]


def _part_references(own: str, label: str, previous: list[PartReading]) -> list[str]:
    """The earlier parts a part's text names, in text order: "(b)", "b)", "part b", "3." (a
    label followed by a full stop, where the parts are numbered), each an earlier part's
    label."""
    labels = {p.label.split(".")[0].lower() for p in previous} - {label.lower()}
    found = []
    for m in re.finditer(r"\(([a-hA-H]|\d{1,2}|i{1,3}|iv|v)\)|(?<![\w(.^/])([a-hA-H]|\d{1,2})\)"
                         r"|\bparts? ([a-hA-H]|\d{1,2})\b|(?<![\w.^/,])(\d{1,2})\.(?![\d\w])", own):
        ref = next(g for g in m.groups() if g).lower()
        if ref in labels and ref not in found:
            found.append(ref)
    return found


def _method_settings(r: PartReading, found: list[tuple[str, str]],
                     parts: list[PartReading]) -> bool:
    """The step and momentum each method of ``found`` has in the earlier ``parts`` that study it
    (into ``r.found``); False (refused) when one method has several different settings."""
    settings = {}
    for method, _ in found:
        seen = {(str(p.value(F.alpha)), str(p.value(F.beta))): p for p in parts
                if p.value(F.method) == method and
                (p.value(F.alpha) is not None or p.value(F.beta) is not None)}
        if len(seen) > 1:
            r.miss(F.alpha, f"{OPTIMIZERS[method].name} has several step sizes or momenta in the "
                            "earlier parts, and this part does not say which (expected e.g. "
                            "'with α = 0.1')")
            return False
        if seen:
            p = next(iter(seen.values()))
            settings[method] = [(p.fields[f], p.label) for f in (F.alpha, F.beta)
                                if f in p.fields]
    r.found[_SETTINGS] = settings
    return True


def _scalar(text: str, names: str) -> tuple[Any, str] | None:
    got = assigned_number(text, names)
    if got is not None:
        return got
    m = rx(rf"(?<![\w])(?:{names}) (?=[-.\d])").search(text)
    if m:
        num = number_at(text, m.end())
        if num is not None:
            return num[0], phrase(text, m.start(), num[1])
    return None


_STEP_VALUE = re.compile(r"\b(?:(?:with|using|at|take|and) (?:a |the )?(?:constant |fixed )?step"
                         r"(?:[- ]?size)?(?: of)? (?=[-.\d])|step(?:[- ]?size)?(?: of)? (?=0?\.\d|"
                         r"\d{1,6}/\d))", re.I)


_RATE_WITH = re.compile(r"\b(?:rate|factor|contraction)\b[^.?;]{0,40}?\b(?:with|at|for|using) "
                        r"(?:my|our|your|the|this|that|a) (?=0?\.\d|\d{1,6}/\d)", re.I)
"""A rate asked "with my 0.05": a bare number a rate is asked at is the step (the one parameter
of a gradient step), in the part's own request."""


def _bare_step(text: str) -> tuple[Any, str] | None:
    """The number of :data:`_RATE_WITH`, when no other parameter's noun follows it ("with a 0.9
    momentum" is no step)."""
    got = _number_after(_RATE_WITH, text)
    if got is None:
        return None
    at = text.find(got[1]) + len(got[1])
    if rx(r"^ ?(?:momentum|β|beta|dampening|decay|tolerance|accuracy|error|precision|%|x\b|×|"
          r"times|[a-zA-Zα-ω])").match(text[at:at + 16]):
        return None
    return got


def _number_after(pattern: re.Pattern, text: str) -> tuple[Any, str] | None:
    """The number right after the first match of ``pattern``, and the phrase up to it."""
    m = pattern.search(text)
    if m:
        num = number_at(text, m.end())
        if num is not None:
            return num[0], phrase(text, m.start(), num[1])
    return None


def _step_value(text: str) -> tuple[Any, str] | None:
    """"with step 0.25", "using a constant step of 1/8", "step 0.1": the step size (a bare
    "step 3" is a counter, not read)."""
    return _number_after(_STEP_VALUE, text)


_STEP_EXPRESSION = re.compile(
    r"\b(?:with|using|uses|use|at|take|takes|for|of|and) (?:a |the )?(?:common |usual |standard |classical )?"
    r"(?:choice (?:of )?)?(?:constant |fixed )?(?:step(?:[- ]?size)?|learning rate|lr)(?: of)? "
    r"(?P<e>\d{1,3} ?/ ?(?:\((?:[^()]{1,24})\)|√?[A-Za-zμκλ][\w]{0,9}(?:\^2)?))(?![\w(])", re.I)
""""with step 1/L", "using the step 2/(μ + L)", "the method uses step 1/L": a step written as an
expression in the curvature's symbols (no '=')."""


def _step_expression(text: str, r: PartReading) -> bool:
    """A step given as an expression in μ, L, κ after a step word: ``1/L`` stays symbolic (the
    spec's alpha = 1/L); another expression is evaluated exactly at the problem's numeric
    extreme eigenvalues (refused when they are not numeric, or the value is irrational). True
    when such a step was found (set or refused)."""
    from optiproof.core.mathparse import try_parse_math

    m = _STEP_EXPRESSION.search(text)
    if m is None:
        return False
    src = phrase(text, m.start(), m.end())
    expr = try_parse_math(m.group("e"))
    free = {x.name for x in getattr(expr, "free_symbols", set())}
    if expr is None or not free or not free <= _CURVATURE_SYMBOLS:
        r.miss(F.alpha, f"could not read the step \"{src}\" (expected a number, or an "
                        "expression in μ, L and κ such as 1/L or 2/(μ + L))")
        return True
    if any(sympy.simplify(expr - 1 / sympy.Symbol(n)) == 0 for n in ("L", "lambda_max")):
        r.set(F.alpha, "1/L", src)
        return True
    ends = _extremes(r)
    if ends is None or ends[0] <= 0:
        r.miss(F.alpha, f"\"{src}\" gives the step as an expression in μ, L, κ, but the "
                        "problem's smallest and largest eigenvalues are not numeric and positive, "
                        "so it cannot be evaluated")
        return True
    mu, big = ends
    value = sympy.nsimplify(sympy.radsimp(expr.subs({
        "kappa": big / mu, "mu": mu, "L": big, "lambda_min": mu, "lambda_max": big})))
    if not value.is_Rational or value <= 0:
        r.miss(F.alpha, f"\"{src}\" evaluates to {value} (μ = {mu}, L = {big}), not a positive "
                        "rational number the exact solver can take")
        return True
    r.set(F.alpha, str(value), src, note=f"{_FORMULA_NOTE} at μ = {mu}, L = {big}: {value}")
    return True


_THAT_STEP = re.compile(r"\b(?:with|using|at|for|take|use) (?:that|this|the same) (?:(?:best|optimal) )?"
                        r"(?:η|α|γ|lr|step(?: size)?|learning rate)(?![\w])", re.I)
"""'Using that η': the step the part before found (its optimal step)."""
_ANSWER_OF_PART = re.compile(r"(?:\b(?:step(?:[- ]?size)?|learning rate|lr)(?: [αηγ])?|(?<![\w])[αηγ]"
                             r"(?:\^?\*|\^?⋆|\^\{\*\})?(?P<pair>(?: ?,| and|, and) β(?:\^?\*|\^?⋆|\^\{\*\})?)?)"
                             r"(?:,? (?:you |we )?(?:found|obtained|computed|derived|got) (?:in|from)|"
                             r" (?:from|of)(?: the answer (?:to|of))?)"
                             r" (?:part |task |question )?(?:\([a-h1-9]\)|[a-h1-9]\))", re.I)
"""'the step size α found in (d)', 'the η from b)', 'your α, β from (b)', 'α* from (c)': a value
(the pair of heavy ball: step and momentum) taken from another part's answer."""


def _from_formula(r: PartReading, field: str) -> bool:
    """True when ``field`` was evaluated from a stated formula (:func:`_read_parameter_formulas`)."""
    return field in r.fields and _FORMULA_NOTE in r.fields[field].note


_GAMMA_STEP = re.compile(r"[-−] ?γ ?(?:[*·] ?)?(?:∇|\\nabla|grad\b|g_)|\b(?:step(?:[- ]?size)?|learning rate) γ(?![\w])",
                         re.I)
"""γ written as the step: what multiplies the gradient in the update rule (x_{t+1} = x_t −
γ∇f(x_t)), or named the step size; elsewhere γ may be a momentum or a decay."""


def _read_scalars(own: str, ctx: str, r: PartReading, earlier: str = "") -> None:
    """Step, momentum, dampening, tolerance. γ is the step when the text writes it as the step
    anywhere before (its role, once stated in an earlier part, holds for the later ones)."""
    step = r"α|alpha|η" + ("|γ|gamma" if _GAMMA_STEP.search(own + " " + ctx + " " + earlier)
                           else "")
    for text in (own, ctx) if not _from_formula(r, F.alpha) else ():
        m = rx(rf"(?:{step}|step size|learning rate|lr) ?= ?1 ?/ ?(?:L|λ_max)\b").search(text)
        if m:
            r.set(F.alpha, "1/L", phrase(text, m.start(), m.end()))
            break
        if _step_expression(text, r):
            break
        got = _scalar(text, rf"{step}|step size|step-size|learning rate|lr") or \
            _step_value(text) or (_bare_step(text) if text is own else None)
        if got is not None:
            _set_number(r, F.alpha, got, text)
            break
    for field, names in ((F.beta, r"β|beta|momentum(?: coefficient| parameter)?"),
                         (F.dampening, r"dampening")):
        for text in (own, ctx) if not _from_formula(r, field) else ():
            got = _scalar(text, names)
            if got is not None:
                _set_number(r, field, got, text)
                break
    for text in (own, ctx):
        gap = _VALUE_GAP.search(text)
        if gap is not None:
            r.miss(F.epsilon, f"\"{gap.group(0)}\" bounds the function-value gap, whose count "
                              "differs from the distance's (expected a bound on ‖θ_k − θ*‖)")
            break
        got = _scalar(text, r"ε|epsilon|eps")
        if got is not None:
            _set_number(r, F.epsilon, got, text)
            break
        factor, bound = (_factor(text) or _word_factor(text) or _one_in_a(text) or
                         _count_tolerance(text)), _bound(text)
        got = factor or bound
        if got is not None:
            if factor and bound and _as_ratio(factor[0].value) == _as_ratio(bound[0].value):
                got = (factor[0], f"{factor[1]}; {bound[1]}")
            elif factor and bound and _garbled_power(factor[0], bound[0]):
                got = (bound[0], f"{factor[1]}; {bound[1]}")
                r.notes.append(f"\"{factor[1]}\" is read as 10^{factor[0].text[2:]}, a power "
                               f"whose exponent lost its superscript: \"{bound[1]}\" states it")
            elif factor and bound:
                r.miss(F.epsilon, f"\"{factor[1]}\" and \"{bound[1]}\" state different error "
                                  "factors (expected one factor, e.g. 'reduce the error by 10^3' "
                                  "with 'ρ^k ≤ 10^-3')")
                break
            elif factor and _FLATTENED_POWER.fullmatch(factor[0].text.strip()):
                power = factor[0].text.strip()
                r.miss(F.epsilon, f"\"{factor[1]}\": a reduction factor {power} may be 10^"
                                  f"{power[2:]} whose exponent a copy flattened onto the line, or "
                                  f"the number {power} itself, and no stated bound says which "
                                  "(expected 10^6, 1e6, or 'ρ^k ≤ 10^-6')")
                break
            _set_ratio(r, got)
            break


_VALUE_GAP = re.compile(r"\b(?:gap|suboptimality|excess loss)\b[^.?;]{0,40}?\b(?:below|under|less "
                        r"than|within|at most|no more than|≤)|f ?\(\w{1,3}_?\{?\(?[kt]\)?\}?\) ?[-−] ?"
                        r"f(?:\^?\*|\^?⋆|_?\{?\*\}?|\(\w{1,3}\^?\*\)) ?(?:≤|<=|<)", re.I)
"""A tolerance on the function-value gap ('f(w_k) − f* ≤ 10^-6 (f(w_0) − f*)', 'the
suboptimality below 1e-6'): not the distance the iteration count here is for."""


_AS_IN = re.compile(r"\b(?:iterations?|iteration count|steps|number of (?:iterations|steps)|"
                    r"tolerance|accuracy|error (?:factor|reduction)|reduction)\b[^.?;]{0,30}?\b"
                    r"(?:as in|like in|as for|same as in|same as) (?:part |question )?\(?"
                    r"([a-h]|\d{1,2}|i{1,3}|iv|vi{0,3})\)", re.I)


def _carry_epsilon(own: str, previous: list[PartReading], r: PartReading) -> None:
    """"the iteration count as in (a)": the error factor of the part referred to, when this
    part states none."""
    if r.value(F.epsilon) is not None:
        return
    m = _AS_IN.search(own)
    if m is None:
        return
    ref = m.group(1).lower()
    got = [p for p in previous if p.label.split(".")[0].lower() == ref and
           p.value(F.epsilon) is not None]
    if not got or len({str(p.value(F.epsilon)) for p in got}) != 1:
        return
    src = got[0].fields[F.epsilon]
    r.set(F.epsilon, src.value, f"{phrase(own, m.start(), m.end())}; ({ref}): {src.source}",
          note=f"the error factor of part ({ref}), which this part refers to")


_ITERATE_INDEX = r"^(?:θ|theta|w|x{letters})_?\{{?\(?(\d{{1,3}})\)?\}}?$"
_LETTERS = "the variable of the written quadratic form"


def _form_variables(texts: tuple[str, ...]) -> tuple[str, ...]:
    """The one-letter variables of the functions written ½ vᵀMv (``q(z) = ½ zᵀAz``: z), and the
    letter a written update rule steps (``z_{k+1} = z_k − η∇f(z_k)``, ``v ← v − lr·∇f(v)``),
    which name the iterates (z_1, z_2) as θ, w and x do."""
    return tuple(dict.fromkeys([f.variable for t in texts for f in matrix_quadratic_forms(t)
                                if re.fullmatch(r"[a-zα-ω]", f.variable)] +
                               [m.group("v") for t in texts for m in _STEPPED_LETTER.finditer(t)]))


_STEPPED_LETTER = re.compile(
    r"(?<![\w.])(?P<v>[a-zα-ω])(?:_?\{?\(?(?P<i>[kt]) ?\+ ?1\)?\}?)? ?(?:=|←|<-|:=) ?(?P=v)"
    r"(?(i)_?\{?\(?(?P=i)\)?\}?) ?[-−] ?[^=;?]{0,30}?(?:∇|\\nabla|grad\b)[^=;?]{0,12}?\( ?(?P=v)"
    r"(?(i)_?\{?\(?(?P=i)\)?\}?) ?\)")
"""An update rule stepping one letter down the gradient at that letter ('z_{k+1} = z_k − η∇f(z_k)',
'v ← v − lr * grad h(v)'): the letter of the iterates."""


def _iterate_index(symbol: str, letters: tuple[str, ...] = ()) -> int | None:
    """t of a numbered iterate ``θ_2``, ``w_1``, ``θ1``, ``x_{3}`` (or of the written form's
    own variable, ``letters``: ``z_3``), None for θ_0 and others."""
    extra = "".join("|" + re.escape(v) for v in letters)
    m = re.match(_ITERATE_INDEX.format(letters=extra), symbol.replace(" ", ""))
    return int(m.group(1)) if m and int(m.group(1)) > 0 else None


def _read_start(objects: PartObjects, r: PartReading, texts: tuple[str, str]) -> None:
    """θ_0 (w_0, x_0) = a number or a vector, or the start written by the function's own
    coordinates ("(x0, y0) = (1, 2)" for f(x, y)): kept until the asks show an iterate is asked."""
    a = objects.assigned("theta_0", "w_0", "x_0", *(f"{v}_0" for v in _form_variables(texts)),
                         numeric=True)
    if a is not None:
        r.found[F.theta0] = (a.value, a.source)
        return
    point = start_point(texts, r.value(F.variables))
    if point is None:   # "starting at w = (0, 0)": the iterate's own letter set at the start
        point = next((got for text in texts for got in [assigned_array(text, _STARTING_AT)]
                      if got is not None and len(got[0]) > 1 and
                      not any(isinstance(x, list) for x in got[0])), None)
    if point is None:   # "starting at (1, 1)": a bare point after a starting verb
        point = next((got for text in texts for got in [_start_tuple(text)] if got), None)
    if point is not None:
        r.found[F.theta0] = (sympy.Matrix([n.value for n in point[0]]), point[1])


_START_TUPLE = re.compile(r"\b(?:start(?:s|ed|ing)? (?:at|from)|initiali[sz]ed (?:at|to)|from the "
                          r"(?:initial |starting )?point) (?=[(\[])", re.I)
"""A start written as a bare point after a starting verb ("starting at (1, 1)", "initialised to
[0, 2]")."""


def _start_tuple(text: str) -> tuple[list, str] | None:
    """(numbers, source) of the one bare point after a starting verb (:data:`_START_TUPLE`);
    None when there is none, or when two such points are written ("start at (1, 1) (I also
    tried (5, -3))" names no one start)."""
    got = []
    for m in _START_TUPLE.finditer(text):
        arr = array_at(text, m.end())
        if arr is not None and len(arr[0]) > 1 and not any(isinstance(x, list) for x in arr[0]):
            got.append((arr[0], phrase(text, m.start(), arr[1])))
    return got[0] if len(got) == 1 else None


_STARTING_AT = (r"(?<=\bstarting at )(?:θ|w|x)|(?<=\bstarts at )(?:θ|w|x)|(?<=\bstarted at )(?:θ|w|x)|"
                r"(?<=\binitialized at )(?:θ|w|x)|(?<=\binitialised at )(?:θ|w|x)")
"""The start named by the iterate's letter after a starting verb ("starting at w = (0, 0)")."""


_AT_REST = re.compile(r"(?:θ|theta|w|x)_?\{?\(?[-−]1\)?\}? ?= ?(?:θ|theta|w|x)_?\{?0\}?|"
                      r"\b(?:v|m|b|buf|velocity|buffer)_?\{?0\}? ?= ?0\b|\bzero (?:initial )?"
                      r"(?:velocity|momentum)\b|\b(?:start(?:s|ing)?|begins?) at rest\b|"
                      r"\b(?:v|m|b|buf)_?\{?1\}? ?= ?(?:g|∇f)_?\{?[01]\}?", re.I)
"""A stated start of heavy ball at rest: θ_{−1} = θ_0, v_0 = 0, "zero initial velocity", or
PyTorch's first buffer v_1 = g_1."""


def _momentum_iterates(r: PartReading) -> None:
    """The iterates of a momentum method: heavy ball's are computed from rest (θ_{−1} = θ_0,
    PyTorch's first step), noted as an assumption unless the text states it or runs PyTorch's
    SGD; Nesterov's, and heavy ball's with a dampening, are refused."""
    method = r.value(F.method)
    if method == O.NESTEROV.key:
        r.miss(F.method, "the iterates θ_t of Nesterov's method are asked, which are not "
                         "computed (expected gradient descent or heavy ball)")
    elif method == O.HEAVY_BALL.key and fraction(r.value(F.dampening) or 0) != 0:
        r.miss(F.dampening, "the iterates θ_t of PyTorch's SGD with a dampening are asked, which "
                            "are not computed (expected dampening 0)")
    elif method == O.HEAVY_BALL.key:
        texts = (r.own_text or "", r.found.get(_CONTEXT) or "")
        if not any(_AT_REST.search(t) or _PYTORCH_NAMED.search(t) for t in texts):
            r.notes.append("heavy ball's iterates are computed from rest, θ_{−1} = θ_0 (the "
                           "text states no θ_{−1})")


def _value_argument(phrase_: str) -> str:
    """The iterate of an asked objective value: ``f(w_3)`` -> ``w_3``, ``f(x_3, y_3)`` ->
    ``(x_3, y_3)``."""
    inner = phrase_[phrase_.index("(") + 1:phrase_.rindex(")")].strip()
    return f"({inner})" if "," in inner and not inner.startswith("(") else inner


def _place_values(r: PartReading, inner: dict[str, str]) -> None:
    """The indices t of the asked values f(θ_t), each an iterate the reading placed."""
    letters = r.found.get(_LETTERS, ())
    got = {p: _iterate_index(a, letters) or point_index(a, r.value(F.variables))
           for p, a in inner.items()}
    bad = [p for p, t in got.items() if not t or t not in (r.value(F.steps) or [])]
    if bad:
        r.miss(F.value_steps, f"could not read at which iterate \"{bad[0]}\" is asked (expected "
                              "e.g. 'f(θ_2)' with θ_2 the iterate after two steps)")
        return
    r.set(F.value_steps, sorted(set(got.values())), " | ".join(inner))


def _place_iterates(r: PartReading, phrases: list[str]) -> None:
    """The asked iterates: their indices (``θ_2`` -> 2), the start read (0 -> the zero
    vector of H's size), and H itself for a diagonal H read as its spectrum."""
    coords = {v.replace("_", "").replace("{", "").replace("}", "")
              for v in r.value(F.variables) or []}
    clash = [p for p in phrases if re.sub(r"[_{}()\s]", "", p) in coords]
    start = r.found.get(F.theta0)
    if clash and start is not None and isinstance(start[0], sympy.MatrixBase) and \
            len(start[0]) == len(coords) and all(
                re.match(rf"{re.escape(p.split('_')[0])}_?\{{?0\}}? ?=", start[1]) for p in clash) and \
            not any(re.search(rf"{re.escape(p)}(?![\w]) (?:after|at the end of) (?:\w+ )?(?:one|\d+|two|"
                              r"three|four|five|a single) (?:more )?(?:steps?|iterations?|updates?)\b",
                              r.own_text or "") for p in clash):
        # "x_2 after one step" counts its steps itself: its x_2 is a coordinate, not refused away
        r.notes.append(f"\"{start[1]}\" sets the whole vector with index 0, so the numbered "
                       f"{', '.join(clash)} asked are iterates, not coordinates")
        clash = []
    if clash:
        r.miss(F.steps, f"\"{clash[0]}\" names a coordinate of f as well as a numbered iterate, "
                        "so which is asked is not guessed (expected e.g. 'the second coordinate "
                        "after one step' or 'θ_2, the iterate after two steps')")
        return
    after = {p: _after_steps(r.own_text or "", p) for p in phrases}
    steps = sorted({t for p in phrases for t in (
        [_iterate_index(p, r.found.get(_LETTERS, ())) or point_index(p, r.value(F.variables))] + (after[p][0] if after[p]
                                                                       else [])) if t})
    if any(after.values()):
        r.found[_AFTER_STEPS] = [a[1] for a in after.values() if a]
    if not steps:
        r.miss(F.steps, f"could not read which iterate is asked in \"{phrases[0]}\" (expected "
                        "e.g. 'compute θ_2')")
        return
    r.set(F.steps, steps, " | ".join(after[p][1] if after[p] else p for p in phrases))
    count = None if any(after.values()) else _STEPS_TAKEN.search(r.own_text or "")
    if count is not None:   # "the iterate v_3 after three steps": the index and the count agree
        k = count.group("k").lower()
        k = int(k) if k.isdigit() else _STEP_WORDS[k]
        if steps != [k]:
            r.miss(F.steps, f"\"{count.group(0)}\" counts {k} steps, but the iterate asked is "
                            f"number {', '.join(map(str, steps))} (expected the two to agree)")
            return
        r.found[_AFTER_STEPS] = [count.group(0)]
    eigs = r.fields.get(F.eigenvalues)
    if r.value(F.H) is None and eigs is not None and rx(r"^H ?= ?diag\b").match(eigs.source):
        vals = r.fields.pop(F.eigenvalues).value
        r.set(F.H, [[v if i == j else 0 for j in range(len(vals))] for i, v in enumerate(vals)],
              eigs.source)
        _linear_term(r.own_text or "", r.found.get(_CONTEXT) or "", r)   # f = ½θᵀHθ: b = 0
    start = r.found.get(F.theta0)
    H = r.value(F.H)
    if start is None or H is None:
        return
    value, src = start
    try:
        if isinstance(value, sympy.MatrixBase):
            vec = spec_array([Num(Fraction(str(x)), str(x)) for x in value])
        elif value == 0:
            vec = [0] * len(H)
        else:
            r.miss(F.theta0, f"the start \"{src}\" is one number, but θ has {len(H)} entries "
                             "(expected a vector, or 0)")
            return
    except (ValueError, TypeError) as err:
        r.miss(F.theta0, f"{err} (\"{src}\")")
        return
    r.set(F.theta0, vec, src)


_STEPS_TAKEN = re.compile(r"\bafter (?P<k>\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten) "
                          r"(?:(?:gradient|GD) )?(?:steps|iterations|updates|step|iteration|update)\b",
                          re.I)
"""The number of steps taken, said beside a numbered iterate ("v_3 after three steps")."""
_AFTER_STEPS = "iterate after a number of steps"
_STEP_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
               "eight": 8, "nine": 9, "ten": 10}
_STEP_COUNT = r"(?:\d{1,4}|" + "|".join(_STEP_WORDS) + r")"
_ITERATES_AFTER = re.compile(
    r"(?<![\w])(?:(?:the )?iterates?|θ|theta|w|x)(?: (?:θ|theta|w|x)(?:_[kt])?)? (?:after|once we "
    r"have taken) (?:the first )?(?P<list>" + _STEP_COUNT + r"(?:(?: ?,| and|, and| &) "
    + _STEP_COUNT + r"){0,5}) (?:(?:gradient|GD|update) )?(?:steps|step|iterations|iteration|"
    r"updates|update)\b", re.I)
"""An iterate (or several) named by the number of steps taken ("what is w after 3 steps", "the
iterates after 1, 2 and 3 steps", "θ after two iterations"): the iterates θ_k."""


def _after_steps(own: str, name: str) -> tuple[list[int], str] | None:
    """(the step counts, phrase) of the iterates ``name`` begins (an iterate's letter, or the
    whole phrase "the iterates after 1, 2 and 3 steps"), as :data:`_ITERATES_AFTER` reads them;
    None when ``name`` names no iterate after a number of steps."""
    for m in _ITERATES_AFTER.finditer(own):
        if re.match(rf"{re.escape(name)}(?![\w])", m.group(0)):
            counts = re.findall(_STEP_COUNT, m.group("list"), re.I)
            return [int(k) if k.isdigit() else _STEP_WORDS[k.lower()] for k in counts], \
                m.group(0)
    return None


_OPTIMUM_NAMED = re.compile(r"(?:(?<![\w])(?:α|η|γ|lr) ?= ?|\b(?:with|at|using|use) (?:the "
                            r"(?:step(?: size)? )?)?)(?:α|η|γ|lr)(?:\^?\*|\^?⋆|_opt\b)")
"""'γ = γ*', 'still with η*': the step is the optimal step of the part's method."""


_FOR_EACH_STEP = re.compile(r"\b(?:for|with|in|under) (?:each|both|either|every|all)(?: (?:of )?(?:the |"
                            r"these |those |two |both |three )*(?:choices?|cases?|step(?:[- ]?sizes?|s)|"
                            r"values? of (?:η|α|γ|lr|the step(?: size)?)|settings?|options?|learning "
                            r"rates?|lrs)\b|(?= ?[,;:]))|\bin (?:each|both|either) case\b", re.I)
"""'For each choice, find k': a request asked once per step the part sets."""


def _step_of_an_optimum(own: str, ctx: str, previous: list[PartReading],
                        methods: list[tuple[str, str]], r: PartReading) -> None:
    """A step of another part: 'with the same η' of the part before, which states its own
    step (read there, not from the shared text, and read completely), is that step. A step
    stated as an optimum: 'for γ = γ*' (the optimal step of this part's method), 'the step size
    α found in (d)' or 'the η from (d)' when part (d) asks the optimal step of its method; evaluated
    exactly at the problem's numeric extreme eigenvalues (else refused)."""
    that = _THAT_STEP.search(own)
    if that is not None and (rx(_ASKS["optimal-step"]).search(own, 0, that.start()) or any(
            x.entry.key == Q.OPTIMAL_STEP.key for x in QUANTITIES.mentions(own[:that.start()]))):
        that = None   # "which η is best, and the rate at that η": this part's own optimum
    alpha = r.fields.get(F.alpha)
    if that is not None and previous and alpha is not None and alpha.source not in own:
        del r.fields[F.alpha]   # "using that η": the step of the part before, not the shared one
    named = _OPTIMUM_NAMED.search(own)
    if named is not None and "=" not in named.group(0) and any(
            name != O.GD.key for name, _ in methods):
        named = None   # "GD with η* and heavy ball": the optimum of one method of several
    if named is not None and alpha is not None and alpha.source not in own:
        del r.fields[F.alpha]   # "with η = η*": the optimum, not a step of the shared text
        r.notes.append(f"\"{alpha.source}\" of the shared text is not this part's step: the "
                       f"part sets \"{named.group(0)}\"")
    if r.value(F.alpha) is not None:
        return
    m = named
    ref = _ANSWER_OF_PART.search(own)
    pair = False   # the heavy-ball pair of another part: its momentum is taken too
    if m is None and ref is None and that is not None and previous:
        before = previous[-1]
        optimum = Q.OPTIMAL_STEP.key in (before.value(F.asks) or [])
        if before.value(F.alpha) is not None and not optimum and not before.missing and \
                before.fields[F.alpha].source in (before.own_text or "") and \
                before.fields[F.alpha].source not in ctx:   # "with the same η": its own step
            got = before.fields[F.alpha]
            r.set(F.alpha, got.value, f"{phrase(own, that.start(), that.end())}; "
                                      f"({before.label}): {got.source}",
                  note=f"the step of part ({before.label}), which this part refers to")
            return
        said_optimal = rx(r"\b(?:best|optimal)\b").search(that.group(0))
        if not optimum or (before.value(F.alpha) is not None and not said_optimal):
            # "with that optimal step" names the optimum even where the part before also
            # asked a rate at a stated step
            r.miss(F.alpha, f"\"{that.group(0)}\" takes the step of part ({before.label}), which "
                            "asks no optimal step and states none (expected the step stated, e.g. "
                            "'α = 0.1')")
            return
        method = before.value(F.method)
        src = phrase(own, that.start(), that.end())
        whose = f"the answer of part ({before.label}), "
    elif m is not None and len(methods) <= 1:
        method = methods[0][0] if methods else O.GD.key
        src = phrase(own, m.start(), m.end())
        whose = ""
    elif ref is not None:
        label = re.search(r"([a-h1-9])\)?$", ref.group(0)).group(1).lower()
        hits = [p for p in previous if p.label.lower() == label]
        if len(hits) != 1 or Q.OPTIMAL_STEP.key not in (hits[0].value(F.asks) or []) or \
                hits[0].value(F.alpha) is not None:
            r.miss(F.alpha, f"\"{phrase(own, ref.start(), ref.end())}\" takes the step from "
                            "another part's answer, which the reading carries over only from a "
                            "part that asks the optimal step (expected the step stated, e.g. "
                            "'α = 0.1' or 'α = 1/L')")
            return
        method = hits[0].value(F.method)
        src = phrase(own, ref.start(), ref.end())
        whose = f"the answer of part ({hits[0].label}), "
        if ref.group("pair") and (method != O.HEAVY_BALL.key or Q.OPTIMAL_MOMENTUM.key not in (
                hits[0].value(F.asks) or []) or r.value(F.beta) is not None):
            r.miss(F.beta, f"\"{src}\" takes a step and a momentum from part ({hits[0].label}), "
                           "which the reading carries over only from a part asking the optimal "
                           "heavy-ball pair (expected e.g. 'α = 0.1, β = 0.9')")
            return
        pair = bool(ref.group("pair"))
    else:
        return
    from optiproof.families.quadratic_dynamics.solve import Quad, optimal

    ends = _extremes(r)
    if ends is None or ends[0] <= 0 or method not in (O.GD.key, O.HEAVY_BALL.key, O.NESTEROV.key):
        r.miss(F.alpha, f"\"{src}\" takes the optimal step, but the problem's extreme "
                        "eigenvalues are not numeric and positive, so it cannot be evaluated")
        return
    mu, big = ends
    tuned = optimal(Quad(2, [mu, big], mu, big, 0, False, True), method)
    value = sympy.nsimplify(tuned[0])
    momentum = sympy.nsimplify(tuned[1]) if pair else None
    if not value.is_Rational or (pair and not momentum.is_Rational):
        r.miss(F.alpha, f"\"{src}\" is the optimal step {value}" + (
            f" and momentum {momentum}" if pair else "") + ", not rational numbers the exact "
                                                           "solver can take")
        return
    r.set(F.alpha, str(value), src, note=f"{whose}the optimal step of {OPTIMIZERS[method].name} "
                                          f"at μ = {mu}, L = {big}: {value}")
    if pair:
        r.set(F.beta, str(momentum), src, note=f"{whose}the optimal momentum of "
                                               f"{OPTIMIZERS[method].name} at μ = {mu}, "
                                               f"L = {big}: {momentum}")


_TUNED = re.compile(r"\b(?:optimally tuned|tuned|optimal|best|optimised|optimized) heavy[- ]ball\b|"
                    r"\bheavy[- ]ball (?:method |iteration )?(?:with|at|using) (?:the |its )?"
                    r"(?:optimal|tuned|best) (?:α|parameters|tuning|pair|\(α, ?β\)|α,? (?:and )?β)",
                    re.I)
_LR_ASKED = re.compile(r"\b(?:which|what|pass|set|give|choose)\b[^.?]{0,40}?\blr\b", re.I)
"""A request for PyTorch's lr (the inverse of reading a given lr as heavy ball's step)."""
_BETA_STAR = re.compile(r"(?<![\w])β ?= ?β(?:\^ ?\*|\*|⋆|\^⋆|_opt\b)")
""""with β = β*": heavy ball's momentum at its optimum (which is defined with the optimal step)."""
_SAME_ITERATES = re.compile(r"\b(?:same|identical) (?:iterates|iterations?|trajectory|updates|"
                            r"sequence)\b|\breproduces?\b", re.I)
_TUNED_PAIR = "the tuned heavy ball"
_CONTEXT = "shared text"
_EMA_WRITTEN = re.compile(r"(?<![\w.])(b|v|m|u|z|buf)(?:_?\{?\(?[tk](?: ?[-−+] ?1)?\)?\}?)? ?(?:=|←|<-|:=) ?"
                          r"([A-Za-zβ]\w{0,3}) ?[·*]? ?\1(?:_?\{?\(?[tk](?: ?[-−+] ?1)?\)?\}?)? ?\+ ?"
                          r"\( ?1 ?[-−] ?\2 ?\) ?[·*]? ?(?:g|grad|∇ ?f)(?![a-z])")
"""An exponential moving average of the gradients written with its letters ('v ← b·v + (1 − b)·
grad'): the EMA form of heavy ball."""


_SGD_NAMED = re.compile(r"\b(?:torch\.optim\.SGD|(?:pytorch(?:'s)? )?SGD)\b", re.I)
_PYTORCH_NAMED = re.compile(r"\bpytorch|\btorch\b|\bSGD ?\(", re.I)
_OTHER_UPDATE = re.compile(r"(?<![\w.])[a-zθ]\w{0,3} ?(?:=|←|<-) ?[^.;?]{0,40}\b(?:lr|momentum)\b")
"""An update written with lr or momentum on its right-hand side ("v = momentum*v + lr*grad")."""


def _runs_pytorch(r: PartReading) -> bool:
    """The part (or the shared text) runs PyTorch's SGD with its lr and momentum given as
    numbers ("torch.optim.SGD([w], lr=0.1, momentum=0.9)"): the run whose heavy-ball α and β a
    part writing the heavy-ball recursion with letters asks for."""
    texts = (r.own_text or "", r.found.get(_CONTEXT) or "")
    alpha, beta = r.fields.get(F.alpha), r.fields.get(F.beta)
    return any(_PYTORCH_NAMED.search(t) for t in texts) and alpha is not None and \
        beta is not None and bool(re.match(r"lr\b", alpha.source.strip())) and \
        bool(re.match(r"momentum\b", beta.source.strip()))


def _framework_asks(r: PartReading, asks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """"Which lr and momentum ...?" asks PyTorch's convention only where the text names PyTorch
    and the part writes no other update of its own (a "Sutskever form v = momentum*v + lr*grad"
    is another convention, which is refused)."""
    own = r.own_text or ""
    if Q.PYTORCH.key in (r.value(F.asks) or []) or not any(k == Q.PYTORCH.key for k, _ in asks):
        return asks
    named = _PYTORCH_NAMED.search(own) or _PYTORCH_NAMED.search(r.found.get(_CONTEXT, ""))
    other = _OTHER_UPDATE.search(own)
    if named and not other:
        return asks
    said = next(s for k, s in asks if k == Q.PYTORCH.key)
    r.miss(f"question \"{said}\"", f"\"{said}\" asks a framework's lr and momentum, but " + (
        f"this part writes its own update (\"{other.group(0)}\"), not PyTorch's SGD" if other else
        "the text does not name the framework (expected e.g. 'PyTorch's SGD')"))
    return [(k, s) for k, s in asks if k != Q.PYTORCH.key]


_TUNED_REFERENCE = "a part asking the tuned heavy ball"
_PART_NAMED = re.compile(r"(?:(?P<open>(?<![\w(])\((?:part )?)|(?<=\s)(?<!, )(?=\d{1,2}\))|"
                         r"\b(?:item|part|question|exercise) (?=\d{1,2}\b))"
                         r"(?P<label>[a-h]|[ivx]{1,4}|\d{1,2})(?(open)\)|(?:\)|(?!\w)))")
"""A part named: "(c)", "(part 2)", a bare "3)" after a space (not after a comma: a pair's last
entry; not "dampening=0)"), or "item 2"."""


def _tuned_reference(own: str, previous: list[PartReading]) -> re.Match | None:
    """"You want to run (c) with torch.optim.SGD": the one earlier part the request names, when
    that part asks the optimal heavy-ball pair (its iteration is the tuned heavy ball)."""
    named = {m.group("label").lower(): m for m in _PART_NAMED.finditer(own) if m.start() > 0
             and (m.group("open") or own.rfind("(", 0, m.start()) <= own.rfind(")", 0, m.start()))}
    # (a bare "0)" closing "(dampening 0)" is the end of a parenthesis, no part named)
    hits = [(named[p.label.lower()], p) for p in previous if p.label.lower() in named]
    if len(hits) != 1 or len(named) != 1:
        return None
    m, part = hits[0]
    asks = set(part.value(F.asks) or [])
    if part.value(F.method) != O.HEAVY_BALL.key or part.value(F.alpha) is not None or \
            not {Q.OPTIMAL_STEP.key, Q.OPTIMAL_MOMENTUM.key} <= asks:
        return None
    return m


def _tuned_heavy_ball(r: PartReading) -> None:
    """"Which lr and momentum reproduce the tuned heavy ball?": a PyTorch-convention question
    (which needs a step and a momentum) about the optimally tuned heavy ball, in a part that
    states neither, takes the optimal pair (α*, β*) at the problem's numeric extreme
    eigenvalues (refused when they are not numeric or the pair is not rational)."""
    asks = set(r.value(F.asks) or [])
    own = r.own_text or ""
    if any(m.name == F.dampening for m in r.missing):
        return
    if Q.PYTORCH.key in asks and _LR_ASKED.search(own) and \
            fraction(r.value(F.dampening) or 0) != 0:
        r.miss(F.dampening, f"\"{_LR_ASKED.search(own).group(0)}\" asks PyTorch's lr for a given "
                            "heavy ball with a nonzero dampening (lr = α/(1 − dampening)), which "
                            "is not computed (expected dampening 0, or lr given)")
        return
    shared = own + " " + r.found.get(_CONTEXT, "")
    ema = (_BETA_STAR.search(own) or (_EMA_WRITTEN.search(own) and r.found.get(_TUNED_REFERENCE))) \
        if Q.EFFECTIVE_STEP.key in asks and _SAME_ITERATES.search(own) and \
        not rx(r"\bnesterov").search(shared) else None
    # the EMA form is heavy ball's: β* of heavy ball, not of Nesterov; "which lr and b
    # reproduce (b)" with the EMA written out takes the tuned pair of the part it names
    if (Q.PYTORCH.key not in asks and ema is None) or r.value(F.alpha) is not None or \
            r.value(F.beta) is not None:
        return
    m = _TUNED.search(own) or _TUNED.search(r.found.get(_CONTEXT, "")) or ema or \
        r.found.get(_TUNED_REFERENCE)
    if m is None:
        return
    if ema is not None and ema is not r.found.get(_TUNED_REFERENCE) and \
            Q.OPTIMAL_MOMENTUM.key in asks and \
            not rx(r"\boptimal (?:momentum|β)\b|\bbest (?:momentum|β)\b").search(own):
        r.set(F.asks, [a for a in r.value(F.asks) if a != Q.OPTIMAL_MOMENTUM.key],
              r.fields[F.asks].source)   # "with β = β*" states the momentum, it does not ask it
    src = phrase(m.string, m.start(), m.end())
    from optiproof.families.quadratic_dynamics.solve import Quad, optimal

    ends = _extremes(r)
    if ends is None or ends[0] <= 0:
        r.miss(F.alpha, f"\"{src}\" takes the optimal heavy-ball step and momentum, but the "
                        "problem's extreme eigenvalues are not numeric and positive")
        return
    mu, big = ends
    a, b, _ = optimal(Quad(2, [mu, big], mu, big, 0, False, True), O.HEAVY_BALL.key)
    a, b = sympy.nsimplify(a), sympy.nsimplify(b)
    if not (a.is_Rational and b.is_Rational):
        r.miss(F.alpha, f"\"{src}\" is heavy ball at α* = {a}, β* = {b}, not rational numbers "
                        "the exact solver can take")
        return
    ref = r.found.get(_TUNED_REFERENCE)
    note = (f"the answer of part ({ref.group('label')}), " if m is ref and ref is not None else "") + \
        f"the optimal heavy-ball pair at μ = {mu}, L = {big}"
    r.set(F.alpha, str(a), src, note=f"{note}: α* = {a}")
    r.set(F.beta, str(b), src, note=f"{note}: β* = {b}")
    r.found[_TUNED_PAIR] = True
    r.notes.append(f"\"{src}\": " + (
        "an exponential moving average m ← βm + (1 − β)g with x ← x − γm is heavy ball with "
        "step α = γ(1 − β), so the same iterates need γ = α/(1 − β), the effective step"
        if m is ema else "PyTorch's lr and momentum reproduce heavy ball (α, β) with lr = "
                         "α/(1 − dampening) and momentum = β; with dampening 0, lr = α"))


def _formula_momentum(r: PartReading, symbol: str) -> bool:
    """``β`` (or the ``β_N`` the formula names) when the momentum is given by a stated formula."""
    beta = r.fields.get(F.beta)
    if beta is None or not _from_formula(r, F.beta):
        return False
    plain = symbol.replace("{", "").replace("}", "")
    return plain in ("β", "beta") or bool(re.fullmatch(r"β_[A-Za-z]\w{0,3}", plain)) and \
        plain in beta.source.replace(" ", "").replace("{", "").replace("}", "")


_FORMULA_NAMES = {F.alpha: ("alpha", "eta", "gamma"), F.beta: ("beta",)}
_NAMED_MOMENTUM = re.compile(r"beta_\{?[A-Za-z]\w{0,3}\}?")
"""A momentum named by a method's letter ('β_N' of Nesterov, 'β_HB'): β, never an indexed β_1."""
_FORMULA_NOTE = "evaluated from the stated formula"
_CURVATURE_SYMBOLS = {"kappa", "mu", "L", "lambda_min", "lambda_max"}


def _extremes(r: PartReading) -> tuple[Any, Any] | None:
    """(μ, L) exactly, from numeric eigenvalues or a numeric H; None when not numeric."""
    try:
        eigs = r.value(F.eigenvalues)
        if eigs is not None:
            vals = [sympy.nsimplify(fraction(x)) for x in eigs]
        elif r.value(F.H) is not None:
            m = sympy.Matrix([[sympy.nsimplify(fraction(x)) for x in row] for row in r.value(F.H)])
            vals = list(m.eigenvals())
        else:
            return None
    except (ValueError, TypeError, ZeroDivisionError):
        return None
    if not vals or not all(v.is_real for v in vals):
        return None
    return min(vals), max(vals)


def _read_parameter_formulas(own: str, ctx: str, r: PartReading) -> None:
    """``β = (√κ − 1)/(√κ + 1)``, ``α = 4/(√L + √μ)^2``: a parameter given as a formula in κ, μ
    and L, evaluated exactly at the problem's numeric μ and L (κ = L/μ). ``α = 1/L`` stays
    symbolic (read by :func:`_read_scalars`)."""
    for text in (own, ctx):
        for f in formulas(text):
            if len(f.exprs) != 2 or f.ops != ("=",) or f.remark or \
                    not isinstance(f.exprs[0], sympy.Symbol) or f.exprs[1] is None:
                continue
            field = next((k for k, names in _FORMULA_NAMES.items()
                          if f.exprs[0].name in names), None) or (
                F.beta if _NAMED_MOMENTUM.fullmatch(f.exprs[0].name) else None)
            expr = f.exprs[1]
            free = {s.name for s in getattr(expr, "free_symbols", set())}
            if field is None or not free or not free <= _CURVATURE_SYMBOLS:
                continue  # "η = η*" names another quantity, not a formula in the curvature
            if field == F.alpha and any(sympy.simplify(expr - 1 / sympy.Symbol(n)) == 0
                                        for n in ("L", "lambda_max")):
                continue  # α = 1/L stays symbolic
            if _from_formula(r, field):
                continue
            src = phrase(text, f.start, f.end)
            ends = _extremes(r)
            if ends is None or ends[0] <= 0:
                r.miss(field, f"\"{src}\" gives {field} by a formula in κ, μ, L, but the "
                              "problem's smallest and largest eigenvalues are not numeric and "
                              "positive, so it cannot be evaluated")
                continue
            mu, big = ends
            value = sympy.nsimplify(sympy.radsimp(expr.subs({
                "kappa": big / mu, "mu": mu, "L": big, "lambda_min": mu, "lambda_max": big})))
            if not value.is_Rational:
                r.miss(field, f"\"{src}\" evaluates to {value} (μ = {mu}, L = {big}), not a "
                              "rational number the exact solver can take")
                continue
            r.set(field, str(value), src,
                  note=f"{_FORMULA_NOTE} at μ = {mu}, L = {big}: {value}")


_BOUNDARY_NOUN = re.compile(r"(?:the |that |this |its )?(?:exact |critical )?(?:threshold|cut-?off|"
                            r"boundary|critical value)", re.I)
"""A generic noun for the step where stability ends, beside an asked largest stable step."""
_WORD_FACTOR = re.compile(r"\b(?:by )?(?:a factor (?:of )?)?(?:(?:one|a) )?(?:(?P<m>ten|hundred) )?"
                          r"(?P<w>hundred|thousand|million|billion)\b|\bby (?P<n>\d|one|two|three|four|five|six|seven|eight|"
                          r"nine|ten|twelve) orders? of magnitude\b", re.I)
_WORDS = {"hundred": 2, "thousand": 3, "million": 6, "billion": 9, "one": 1, "two": 2, "three": 3,
          "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "twelve": 12}


def _word_factor(text: str) -> tuple[Any, str] | None:
    """"reduce the error by a factor of one million", "shrink it by six orders of magnitude":
    the factor 10^k the words name (after a reducing verb)."""
    for verb in rx(r"\b(?:reduc|shr[iau]nk|decreas|drop|cut)\w{0,4}\b").finditer(text):
        m = _WORD_FACTOR.search(text, verb.end(), verb.end() + 60)
        if m is None or not m.group(0).lower().startswith(("by", "a factor")) and \
                m.group("n") is None:
            continue
        word = (m.group("w") or m.group("n")).lower()
        power = _WORDS[word] if word in _WORDS else int(word)
        if m.group("w") and m.group("m"):   # "ten thousand", "a hundred million"
            power += {"ten": 1, "hundred": 2}[m.group("m").lower()]
        return Num(Fraction(10) ** power, f"10^{power}"), phrase(text, verb.start(), m.end())
    return None


_ONE_IN_A = re.compile(r"\b(?:rate|factor|error|distance|ρ|contraction)\b[^.?;]{0,80}?\b(?:is |be |"
                       r"are |stays |remains |falls |drops |gets )?(?:at most|below|under|less than|"
                       r"smaller than|no (?:more|larger|greater|bigger) than|≤|<=) (?:(?:one|1) (?:part )?in (?:a|one) "
                       r"(?P<w>hundred|thousand|million|billion)\b|(?:a|one) (?P<th>hundred|thousand|"
                       r"million|billion)th\b)", re.I)
"""A bound in words on the error's shrinkage ('the factor raised to the number of iterations is
at most one in a million', 'the error below a millionth'): the fraction 10^-k the words name."""


def _one_in_a(text: str) -> tuple[Any, str] | None:
    """The fraction a bound in words names (:data:`_ONE_IN_A`), as the factor 10^k."""
    m = _ONE_IN_A.search(text)
    if m is None:
        return None
    power = _WORDS[(m.group("w") or m.group("th")).lower()]
    return Num(Fraction(10) ** power, f"10^{power}"), phrase(text, m.start(), m.end())


_SCALE_WORD = re.compile(r" (thousand|million|billion)\b", re.I)


def _factor(text: str) -> tuple[Any, str] | None:
    """"reduce the error by a factor of 10^3", "shrink the distance by 1000x", "the same 10^6
    reduction": the factor."""
    for verb in rx(r"\b(?:reduc|shr[iau]nk|decreas|drop|fall|fell|cut)\w{0,4}\b|"
                   r"\bdown(?= by\b)").finditer(text):
        window = text[verb.end():verb.end() + 60]
        for m in rx(r"\b(?:by|to)(?: (?:at least|no less than))?(?: a factor(?: of)?)?"
                    r"(?: (?:at least|no less than))? ").finditer(window):
            num = number_at(text, verb.end() + m.end())
            scale = _SCALE_WORD.match(text, num[1]) if num is not None else None
            if scale is not None:   # "by 100 thousand": the number times its scale word
                power = _WORDS[scale.group(1).lower()]
                return Num(num[0].value * 10 ** power, f"{num[0].text} × 10^{power}"), \
                    phrase(text, verb.start(), scale.end())
            if num is not None:
                return num[0], phrase(text, verb.start(), num[1])
    for m in rx(r"\b(?=\d[\d^]{0,6}-fold\b)").finditer(text):   # "reduce the error 1000-fold"
        num = number_at(text, m.end())
        if num is not None and num[0].value > 1:
            return num[0], phrase(text, m.start(), num[1] + 5)
    for m in rx(r"\b(?:error|distance)\b(?: ?‖[^‖]{1,40}‖(?:_\{?2\}?)?)?(?: \w+){0,4}? (?:below|under|less than|"
                r"within|down to|at most|no more than|no larger than|smaller than) (?:a factor "
                r"(?:of )?)?(?=[\d.])").finditer(text):
        num = number_at(text, m.end())
        if num is not None and 0 < num[0].value < 1:   # "bring the error below 10^-6 (of ...)"
            return num[0], phrase(text, m.start(), num[1])
    for m in rx(r"\b(?:error|distance)\b[^.?;]{0,40}?(?<![\w.^])(?=\d[\d^]{0,8} ?(?:x|×|times) "
                r"(?:smaller|less|lower)\b)").finditer(text):
        num = number_at(text, m.end())   # "until the error is guaranteed to be 1000x smaller"
        if num is not None and num[0].value > 1:
            tail = re.match(r" ?(?:x|×|times) \w+", text[num[1]:])
            return num[0], phrase(text, m.start(), num[1] + tail.end())
    for m in rx(r"\b(?:the same )?(?=\d[\d^.e-]{0,8}[ ]?(?:x )?(?:reduction|decrease)\b)"
                ).finditer(text):
        num = number_at(text, m.end())
        if num is not None:
            return num[0], phrase(text, m.start(), num[1] + 10)
    return None


_COUNT_TOLERANCE = re.compile(
    r"\b(?:iteration count|iterations?|number of (?:iterations|steps)|steps)(?: (?:needed|required|"
    r"necessary))? (?:for|to reach|to get to|to achieve|to attain|to get|until|to) (?:an? |the )?"
    r"(?:(?:relative|target|desired) )?(?:(?:error|accuracy|tolerance|precision) (?:of )?)?(?=[\d.])",
    re.I)
_TOLERANCE_NOUN = re.compile(r" ?(?:\)|(?:relative )?(?:error|accuracy|tolerance|precision)\b|[.,;?]|$)",
                             re.I)


def _count_tolerance(text: str) -> tuple[Any, str] | None:
    """"the iteration count for 1e-3", "iterations to reach 10^-6 relative accuracy": a
    tolerance right after an iteration count, a number below 1 (the error relative to the
    start's); a bare number there that is not below 1 is no tolerance."""
    for m in _COUNT_TOLERANCE.finditer(text):
        num = number_at(text, m.end())
        if num is not None and 0 < num[0].value < 1 and _TOLERANCE_NOUN.match(text, num[1]):
            return num[0], phrase(text, m.start(), num[1])
    return None


_FLATTENED_POWER = re.compile(r"10[1-9]\d?")
"""A factor "106": 10⁶ with its superscript flattened, or 106 itself (ambiguous on its own)."""


def _garbled_power(factor: Any, bound: Any) -> bool:
    """True when a factor written "104" (a PDF copy of 10⁴ that lost its superscript) is the
    power of ten the stated bound gives (``ρ^k ≤ 10−4``): both say the error shrinks to 10^-4."""
    m = re.fullmatch(r"10(\d{1,2})", factor.text.strip())
    return m is not None and int(m.group(1)) > 0 and \
        _as_ratio(bound.value) == Fraction(1, 10 ** int(m.group(1)))


def _as_ratio(value: Any) -> Any:
    """A reduction factor as the fraction the error shrinks to (10^3 and 10^-3 both -> 1/1000)."""
    return 1 / value if value > 1 else value


_BOUND = re.compile(r"(?:ρ\^\(?[kt]\)?|ρ_?\w{0,3}\^[kt]|ρ ?[kt]|rate\^[kt]) ?(?:≤|<=|<|(?:is|are|stays|"
                    r"remains|falls|drops) (?:at most|below|under|less than|smaller than|no (?:more|"
                    r"larger|greater|bigger) than)|does not exceed) ?(?=[\d.])|"
                    r"‖[^‖]{1,20}‖(?:_\w{1,3})? ?(?:≤|<=|(?:(?:is|are|be|will be|stays?|remains?|gets?|becomes?) )?"
                    r"(?:(?:guaranteed|sure|certain) to (?:be|stay|get) )?(?:at most|below|under|less than|"
                    r"smaller than|no (?:more|larger|greater|bigger) than)) ?(?=[\d.][^‖]{0,14}‖)")
"""The bound the error must reach, by a power of the rate or relative to the start's error, as
a relation ('‖θ_k − θ*‖ ≤ 10^-3 ‖θ_0 − θ*‖') or in words ('is ‖θ_k − θ*‖ guaranteed to be at
most 10^-8 ‖θ_0 − θ*‖')."""


def _bound(text: str) -> tuple[Any, str] | None:
    """``ρ^k ≤ 10^-4`` or ``‖θ_t − θ*‖ ≤ 10^-3 ‖θ_0 − θ*‖``: the factor the error must reach."""
    return _number_after(_BOUND, text)


def _set_ratio(r: PartReading, got: tuple[Any, str]) -> None:
    """"Reduce the error by a factor of 10^3" is the ratio 10^3: the error must shrink to
    ε = 10^-3 of its start (a factor below 1 is that fraction itself)."""
    num, src = got
    if num.value <= 0:
        r.miss(F.epsilon, f"the reduction factor must be positive (read {num.text} from \"{src}\")")
        return
    _set_number(r, F.epsilon, (Num(_as_ratio(num.value), num.text), src))
    if num.value > 1 and F.epsilon in r.fields:
        r.fields[F.epsilon].note = (f"a factor of {num.text} is a ratio: the error shrinks to "
                                    f"1/{num.text}")


_EXPRESSION_AFTER = re.compile(r"[A-Za-zα-ωΑ-Ω√(∇]|[/*·×] ?[A-Za-zα-ωΑ-Ω√(∇\d]| [α-ω](?![a-zα-ω])|"
                               r" [A-Z](?![A-Za-z])")
"""What follows a number that is only the start of an expression: ``0.9α*``, ``2/L``, ``3 κ``."""


def _set_number(r: PartReading, field: str, got: tuple[Any, str], text: str = "") -> None:
    num, src = got
    at = text.find(src) if text else -1
    if at >= 0 and _EXPRESSION_AFTER.match(text, at + len(src)):
        shown = phrase(text, at, min(len(text), at + len(src) + 8))
        r.miss(field, f"the value in \"{shown}\" is an expression in other symbols, which is not "
                      f"read (its first number alone, {num.text}, would be a wrong value; expected "
                      "one number, or α = 1/L)")
        return
    try:
        r.set(field, num.spec_value(), src)
    except ValueError as err:
        r.miss(field, f"{err} (read from \"{src}\")")


# -- asks ------------------------------------------------------------------------------------

_START_FREE = {Q.CONDITION_NUMBER.key, Q.SMOOTHNESS.key, Q.STRONG_CONVEXITY.key, Q.EIGENVALUES.key,
               Q.HESSIAN.key, Q.MAX_STEP.key, Q.OPTIMAL_STEP.key, Q.OPTIMAL_MOMENTUM.key,
               Q.OPTIMAL_RATE.key, Q.RATE.key, Q.ITERATION_MATRIX.key,
               Q.ITERATION_EIGENVALUES.key, Q.EQUIVALENT_STEP.key, Q.EQUIVALENT_MOMENTUM.key}
"""Asked quantities no start changes (an iterate, a value, an iteration count from a start, or
whether a run from it converges may)."""


_NEEDS = (
    (Q.ITERATIONS.key, F.epsilon, "the question 'iterations' needs epsilon (the factor the error "
                                  "must shrink by), which the text does not state"),
    (Q.HESSIAN.key, F.function, "the Hessian is asked, but no function written out in its "
                                "variables gives it (expected e.g. 'f(x, y) = x^2 + 9y^2')"),
    (Q.MINIMISER.key, F.b, "the minimiser is asked, but the linear term b of f = ½θᵀHθ − bᵀθ is "
                           "not given (expected e.g. 'b = [1, 2]')"),
    (Q.CONVERGES.key, F.alpha, "the question whether the iteration converges needs the step "
                               "size, which this part does not state (expected e.g. 'α = 0.1')"),
    *((quantity, field, f"{what} asked, but {why}")
      for quantity, what in ((Q.THETA_T.key, "the iterates are"),
                             (Q.VALUE_T.key, "the objective at an iterate is"))
      for field, why in {
        F.alpha: "the step size is not stated (expected e.g. 'α = 0.1')",
        F.theta0: "the start is not stated (expected e.g. 'θ_0 = 0' or 'θ_0 = (1, 1)')",
        F.b: "the linear term b of f = ½θᵀHθ − bᵀθ is not given (expected e.g. 'b = [1, 2]', "
             "or f without a linear term)",
        F.H: "H itself is not given (its eigenvalues alone do not fix the iterates; expected "
             "e.g. H = [[2, 1], [1, 2]])"}.items()))
"""Asks whose input field must have been read: (quantity, field, the refusal's reason)."""


_CHOOSES_STEP = re.compile(r"\b(?:(?:which|what|the) (?:step(?: size)? |learning rate |value of )?"
                           r"(?:α|η|γ|lr|h)\b|(?:which|what) (?:step(?:[- ]?size)?|learning rate)\b)"
                           r"[^.?]{0,60}\b(?:minimi[sz]\w*|gives? the (?:fastest|"
                           r"best|smallest)|makes? [^.?]{0,30}(?:fastest|smallest)|is (?:best|"
                           r"optimal))", re.I)
"""A request that asks which step is best ("Which η minimises ρ?", "which η gives the fastest
worst-case convergence", "what step size gives the fastest rate"): the optimal step."""

_ITS_RATE = re.compile(r"(?:(?<=\band )|(?<=\bwith )|(?<=\bplus )|(?<=\+ )|(?<=& ))(?:also )?(?:its|the resulting|the corresponding) "
                       r"(?:(?:worst[- ]case|linear|convergence|contraction) ){0,2}(?:rate|factor|"
                       r"ρ)\b|\bwhat(?:'s| is| would be| will be) (?:that|this|the resulting|its) "
                       r"(?:(?:worst[- ]case|linear|convergence|contraction) ){0,2}(?:rate|factor)\b",
                       re.I)
"""The rate of an optimal step asked just before it ("what step would be optimal + its rate",
"the best η and its convergence rate"): the optimal rate, even beside a rate at a stated
step."""

_TUNING_NAMED = re.compile(r"\b(?:optimal|best|optimally chosen) \(?(?:[α-ω]|lr|step|momentum)"
                           r"[^.?;]{0,12}")
"""An optimal parameter named in the part ("the optimal (γ, β)"): it must be asked."""

_RATE_AT_STEP = "rate at the stated step"
_GENERIC_RATE = re.compile(r"\b(?:what|which) rate\b|\brate (?:does it|it) achieve", re.I)


_REPEATED_AT_OPTIMUM = re.compile(
    r"\b(?:repeat(?: (?:it|this|that))?|redo(?: (?:it|this|that))?|(?:do )?the same|again)"
    r" (?:for|with|at) (?:the )?(?:optimal|best|optimally tuned|tuned) (?:constant |fixed )?"
    r"(?:lr|step(?: ?size)?|learning rate|[αηγ])\b", re.I)
"""'Repeat for the optimal lr' after a rate asked at a given step: the rate again, at the
optimal step, which is the optimal rate."""


def _its_rate(own: str, steps: list[int]) -> tuple[int, str, str] | None:
    """The optimal rate asked as the rate of an optimal step asked before it (at one of
    ``steps``, positions in ``own``): ``(position, "optimal-rate", phrase)``, else None."""
    its = next((m for m in _ITS_RATE.finditer(own) if any(0 <= p < m.start() for p in steps)),
               None)
    return None if its is None else (its.start(), "optimal-rate",
                                     phrase(own, its.start(), its.end()))


def _rate_at_stated_step(own: str, pos: int, src: str, step_source: str) -> bool:
    """True when a generic 'what rate (does it give)' sits in the sentence that states the step
    ("With α = 0.1, what rate does it give?"), or in a part whose own text states the step and
    asks for nothing optimal ("GD is often run with α = 1/L. What rate does that give?"): the
    rate at that step, not the optimal rate."""
    from optiproof.core.text.match import sentences

    if not _GENERIC_RATE.search(src):
        return False
    if step_source in own and not re.search(r"\b(?:optimal|optimum|best|tuned)\b", own, re.I):
        return True
    return any(start <= pos < start + len(text) and step_source in text
               for start, text in sentences(own))


def _restated_step(own: str, source: str) -> bool:
    """True when the step is fixed in the sentence that repeats an earlier part ("Same question
    as (a), but with γ = 1/L"): the repeated part asked for the optimal step, which this part
    now fixes."""
    from optiproof.core.text.match import sentences

    return any(source in text and re.search(r"\b(?:same|redo|repeat|again)\b", text, re.I)
               for _, text in sentences(own))


_RATE_OF_OPTIMUM = "rate of the optimum"
_RATE_OF_IT = re.compile(r"\b(?:rate|contraction|factor)\b[^.?;]{0,60}?\b(?:(?:does |do |would |will )?"
                         r"it (?:gives?|achieves?|yields?|attains?|gets?)|(?:i|we|you) get with "
                         r"(?:that|this|it)|with (?:that|this) (?:one|step|lr|learning rate)|at "
                         r"(?:that|this) (?:step|lr|learning rate|[αηγ]|step size))(?![\w])", re.I)
"""A rate asked of the optimal step just asked ("the best lr and what contraction it gives"):
the optimal rate, whatever step the shared text mentions."""

_COORDINATE_FACTOR = re.compile(r"\bby what factor (?:does |do |is |are )?(?:the )?(?:\|([^|\s]{1,6})\||"
                                r"([A-Za-zθ]\w{0,3}) coordinate)", re.I)


def _coordinate_factor(r: PartReading, asks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """"By what factor does |w2| grow per step?": on a diagonal H at a given step, the factor
    |1 − αλ| of that coordinate; answered as the rate when it is the worst factor (the rate is
    the largest one), else refused naming the coordinate."""
    if not any(k == Q.RATIO.key for k, _ in asks):
        return asks
    m = _COORDINATE_FACTOR.search(r.own_text or "")
    H, names, alpha = r.value(F.H), r.value(F.variables), r.value(F.alpha)
    if m is None or H is None or not names or alpha is None or alpha == "1/L" or any(
            fraction(H[i][j]) for i in range(len(H)) for j in range(len(H)) if i != j):
        return asks
    name = (m.group(1) or m.group(2)).replace("_", "")
    if name not in [v.replace("_", "") for v in names]:
        return asks
    i = [v.replace("_", "") for v in names].index(name)
    factors = [abs(1 - fraction(alpha) * fraction(H[k][k])) for k in range(len(H))]
    src = phrase(r.own_text, m.start(), m.end())
    if factors[i] != max(factors):
        r.miss(f"question \"{src}\"", f"\"{src}\" asks the factor of one coordinate, "
                                      f"{factors[i]}, which is "
                       "not the worst one (the rate); optiproof answers the rate only")
        return asks
    r.answered_by[Q.RATIO.key] = Q.RATE.key
    r.notes.append(f"\"{src}\": H is diagonal, so {name} is an eigendirection; its factor "
                   f"|1 − αλ| = {factors[i]} is the largest, the rate")
    return asks + [(Q.RATE.key, src)]


_THAT_RATE = re.compile(r"(?:that|this|the corresponding) |(?:the|its) [\w -]{0,60}\bitself\b")
_WITH_MOMENTUM = re.compile(r"β|\b(?:and|,) (?:the )?(?:b|momentum)\b|\bpair\b|"
                            r"\( ?[αηγa] ?, ?[βμb] ?\)")
"""The optimal step asked together with the momentum ("(α, β)", "tune a and b optimally")."""
_PAIR_BEFORE = re.compile(r"(?:\( ?[αηγa] ?, ?[βμb] ?\)|\b[αηγa] and [βμb]|\bparameters|"
                          r"\bpair)[^.?;]{0,80}$")


_PAIR_AFTER = re.compile(r" ?(?:heavy[- ]ball |polyak |momentum )?(?:parameters |pair |hyper-?"
                         r"parameters )?\( ?[αηγa] ?, ?[βμb] ?\)")
"""The pair right after an optimal tuning: "with optimally tuned (γ, β)"."""


def _pair_named_before(own: str, phrase_: str) -> bool:
    """The optimal tuning asked of a pair named just before its phrase in the same sentence
    ("find the (α, β) that minimise the rate", "the parameters (α, β) in ... that give the
    fastest rate"): the momentum is asked too."""
    at = own.find(phrase_)
    return at >= 0 and (bool(_PAIR_BEFORE.search(own, max(0, at - 120), at)) or bool(
        _PAIR_AFTER.match(own, at + len(phrase_))))


_MEASURED_BY_RATE = re.compile(r"\b(?:rate|factor|contraction)\b(?: [\w-]+){0,3} of (?:the )?$")
"""The distance a rate measures ("the contraction factor per iteration of the distance to the
minimum"): what the rate is of, not a distance asked."""
_STABILITY_WORDS = re.compile(r"\b(?:diverg\w*|converg\w*|blows? up|blew up|explod\w*|"
                              r"unstable|instability|stable|stability)\b", re.I)
_OSCILLATION_WORDS = re.compile(r"\b(?:oscillat\w*|monoton\w*|overshoot\w*|sign)\b", re.I)


def _stability_threshold(r: PartReading, asks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A threshold or cutoff on the step ("the cutoff", "the critical lr") in a part that speaks
    of convergence and divergence (and not of oscillation, whose threshold is another one) is
    the stability boundary: the largest stable step size."""
    own = r.own_text or ""
    if not any(k == Q.THRESHOLD.key for k, _ in asks) or not _STABILITY_WORDS.search(own) or \
            _OSCILLATION_WORDS.search(own):
        return asks
    r.answered_by[Q.THRESHOLD.key] = Q.MAX_STEP.key
    r.notes.append("the threshold on the step in a question about convergence and divergence is "
                   "the stability boundary: the largest stable step size")
    return [(Q.MAX_STEP.key if k == Q.THRESHOLD.key else k, s) for k, s in asks]


_STEP_NOUN = r"\b(?:step(?:[- ]?size)?|learning rate|lr|[αηγh])(?:\^?[*⋆])?(?![\w(])"
_MINIMISED_BEFORE = re.compile(
    _STEP_NOUN + r"[^.?;]{0,40}?\b(?:minimi[sz](?:es|ing|e)\b|(?:makes?|making|renders?)\b|(?:for|at|"
    r"with|under) which\b)(?: (?:the|its|our|this))?(?: [\w-]{1,20}){0,3} $", re.I)
_MINIMISED_AFTER = re.compile(r" ?(?:(?:is|becomes|gets) )?(?:as small as possible|the smallest|"
                              r"smallest|minimal|lowest|as low as possible|minimi[sz]ed)\b", re.I)


def _minimised_by_step(own: str, pos: int, src: str) -> bool:
    """A rate at ``pos`` that a step is chosen to minimise ("the step minimising the convergence
    factor", "the lr that makes the contraction factor smallest", "the step size for which the
    rate is minimal"): the step is asked, the rate is what it minimises."""
    before = _MINIMISED_BEFORE.search(own[max(0, pos - 90):pos])
    if before is None:
        return False
    verb = re.search(r"minimi[sz]", before.group(0), re.I)
    return bool(verb) or bool(_MINIMISED_AFTER.match(own, pos + len(src)))


def _minimised_rates(r: PartReading, asks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The question layer's rate asks that a step is chosen to minimise, in a part that asks no
    optimal step otherwise: the optimal step (the rate's phrase is answered by it, unless the
    rate is also asked elsewhere in the part)."""
    own = r.own_text or ""
    if any(k == Q.OPTIMAL_STEP.key for k, _ in asks) or \
            Q.OPTIMAL_STEP.key in (r.value(F.asks) or []):
        return asks   # the step is asked already: the rate beside it is the optimal rate
    out, minimised = [], set()
    for k, s in asks:
        if k in (Q.RATE.key, Q.OPTIMAL_RATE.key) and own.find(s) >= 0 and \
                _minimised_by_step(own, own.find(s), s):
            minimised.add(k)
            k = Q.OPTIMAL_STEP.key
        out.append((k, s))
    for k in minimised - {k for k, _ in out}:
        r.answered_by[k] = Q.OPTIMAL_STEP.key
    return out


def _converges_to_the_minimiser(r: PartReading, asks: list[tuple[str, str]]) -> None:
    """"Does it converge to the minimiser?" is whether it converges only when the minimiser is
    unique: refused when H (or the spectrum) has a zero eigenvalue."""
    said = next((s for k, s in asks if k == Q.CONVERGES.key and re.search(r"\bconverge to\b", s)),
                None)
    if said is None:
        return
    H, eigs = r.value(F.H), r.value(F.eigenvalues)
    try:
        singular = (H is not None and sympy.Matrix([[fraction(x) for x in row] for row in H]).det()
                    == 0) or (eigs is not None and any(fraction(e) == 0 for e in eigs))
    except (ValueError, TypeError, ZeroDivisionError):
        singular = False   # a symbolic spectrum [μ, L]: μ > 0 by strong convexity
    if singular:
        r.miss(f"question \"{said}\"", f"\"{said}\" presumes one minimiser, but H is singular "
                                      "(its minimisers form a line or a plane): expected 'does it "
                                      "converge' or 'where does it converge'")


_USES_MOMENTUM = re.compile(r"\bnesterov(?:'s)?\b[^.?]{0,80}?\b(?:uses?|takes?|has|with)\b[^.?]{0,40}?"
                            r"\b(?:a |the |its )?(?:single |constant |fixed |standard |usual )?"
                            r"momentum(?: coefficient| parameter| term)?\b", re.I)
_THAT_COEFFICIENT = re.compile(r"\b(?:what|which|give|find|compute|state|evaluate|determine)\b"
                               r"(?: is| are)? (?:that|this|the|its) (?:constant |fixed )?"
                               r"(?:momentum )?(?:coefficient|parameter|value)\b", re.I)
"""'Nesterov's method uses step 1/L and a constant momentum coefficient. What is that
coefficient?': the momentum the method prescribes, asked by the noun that named it."""


def _prescribed_momentum(own: str, r: PartReading) -> list[tuple[int, str, str]]:
    """The constant momentum Nesterov's method uses at step 1/L on a strongly convex quadratic,
    asked by the noun that introduced it (:data:`_USES_MOMENTUM`, then :data:`_THAT_COEFFICIENT`)
    in a part that states no momentum: Nesterov's choice (√κ − 1)/(√κ + 1), which at α = 1/L is
    the optimal momentum at that step (the solver derives it as such). Only at α = 1/L: at
    another step the prescribed momentum and the optimum at that step are not the same."""
    uses = _USES_MOMENTUM.search(own)
    asked = _THAT_COEFFICIENT.search(own, uses.end()) if uses else None
    if asked is None or r.value(F.alpha) != "1/L" or r.value(F.beta) is not None:
        return []
    r.notes.append("the constant momentum of Nesterov's method at step 1/L, (√κ − 1)/(√κ + 1), "
                   "is its optimal momentum at that step: read as the optimal momentum")
    return [(asked.start(), "optimal-momentum", phrase(own, asked.start(), asked.end()) + " | " +
             phrase(own, uses.start(), uses.end()))]


def _read_asks(own: str, r: PartReading) -> None:
    found = []
    for kind, pattern in _ASKS.items():
        for m in rx(pattern).finditer(own):
            if kind == "regime" and rx(r"\bwithout (?:oscillat|diverg)").search(
                    own[max(0, m.start() - 10):m.end()]):
                continue
            found.append((m.start(), kind, phrase(own, m.start(), m.end())))
            break
    pair = rx(_PAIR_OPTIMAL).search(own)   # its words, all of them: the request's own phrase
    if pair is not None:
        found += [(pair.start(), kind, phrase(own, pair.start(), pair.end()))
                  for kind in ("optimal-step", "optimal-momentum")]
    for pos, said, symbols in asked_tunings(own):   # "Tuned η and β, and the rate."
        roles = {parameter_role(x, (own,)) for x in symbols}
        found += [(pos, kind, said) for role, kind in ((STEP, "optimal-step"),
                                                       (MOMENTUM, "optimal-momentum"))
                  if role in roles and kind not in {k for _, k, _ in found}]
    order = list(_ASKS)
    found.sort(key=lambda f: (f[0], order.index(f[1])))
    step = r.fields.get(F.alpha)
    if step is not None and any(_rate_at_stated_step(own, pos, src, step.source)
                                for pos, k, src in found if k == "optimal-rate"):
        r.found[_RATE_AT_STEP] = True  # "With α = 0.1, what rate does it give?"
        found = [(pos, "rate" if k == "optimal-rate" else k, src) for pos, k, src in found]
    chooses = _CHOOSES_STEP.search(own)
    if chooses is not None and "optimal-step" not in {k for _, k, _ in found}:
        found.append((chooses.start(), "optimal-step", phrase(own, chooses.start(), chooses.end())))
    its = _its_rate(own, [pos for pos, k, _ in found if k == "optimal-step"])
    if its is not None and "optimal-rate" not in {k for _, k, _ in found}:
        found.append(its)
    found.sort(key=lambda f: (f[0], order.index(f[1])))
    kinds = [k for _, k, _ in found]
    it = _RATE_OF_IT.search(own) if "optimal-step" in kinds and (
        step is None or step.source not in own) else None  # a step stated here is the one meant
    if it is not None:
        r.found[_RATE_OF_OPTIMUM] = True  # "the best lr and what contraction it gives"
        if not {"rate", "optimal-rate"} & set(kinds):
            found.append((it.start(), "optimal-rate", phrase(own, it.start(), it.end())))
            kinds.append("optimal-rate")
    if "rate" in kinds and ("optimal-rate" in kinds or r.value(F.alpha) is None or
                            r.found.get(_RATE_OF_OPTIMUM)):
        if "optimal-rate" not in kinds:
            found = [(p, "optimal-rate" if k == "rate" else k, s) for p, k, s in found]
            r.notes.append("a convergence rate without a given step: read as the rate at the "
                           "optimal tuning")
        else:
            found = [f for f in found if f[1] != "rate" or r.value(F.alpha) is not None]
    if "effective-step" in kinds and "pytorch" in kinds and r.value(F.alpha) is None:
        found = [f for f in found if f[1] != "pytorch"]
    if not found:
        found = _prescribed_momentum(own, r)
    if not found:
        r.miss(F.asks, "no question recognised (expected e.g. 'largest step size', 'optimal "
                       "learning rate', 'convergence rate', 'how many iterations', 'condition "
                       "number')")
        return
    asks = list(dict.fromkeys(k for _, k, _ in found))
    needs = {"regime": F.alpha, "pytorch": F.alpha, "iterations": F.epsilon,
             "slowest-direction": F.alpha}
    for ask in asks:
        field = needs.get(ask)
        if field and r.value(field) is None:
            r.miss(field, f"the question '{ask}' needs {field}, which the text does not state")
    r.set(F.asks, asks, " | ".join(dict.fromkeys(s for _, _, s in found)))



_ASSUMED_RATE = re.compile(
    r"\b(?:assuming|treating|taking|regarding|supposing|if (?:we|i|you) (?:treat|take|assume))"
    r"\b(?=[^.?;]{0,90}?\b(?:rates?|ρ|factors?|contraction|shr[iu]nks?|contracts?|decays?)\b)"
    r"[^.?;]{0,90}?\b(?:per[- ](?:step|iteration)(?: (?:error |contraction )?factors?)?|"
    r"(?:every|each|per) (?:single )?(?:step|iteration)|exact(?: per[- ](?:step|iteration))?"
    r"(?: (?:error |contraction )?factors?)|exactly)\b|"
    r"\bas (?:the |exact )?per[- ](?:step|iteration) (?:error |contraction )?factors?\b|"
    r"(?:\b(?:as|using|taking|with) )?(?:the |a )?(?:(?:worst[- ]case|contraction|error|rate) )?"
    r"(?:error )?(?:model|bound|estimate)\b,? ?(?=‖)"
    r"‖[^‖]{1,24}‖(?:_\w{1,3})? ?(?:≈|≤|<=|~|=) ?(?:ρ|rho)\^\(?[kt]\)? ?(?:[·*] ?)?‖[^‖]{1,24}‖(?:_\w{1,3})?",
    re.I)
"""An assumption clause of an iteration count ("assuming the error shrinks by exactly ρ every
iteration", "treating the rates as per-step error factors", "the error model ‖x_k‖ ≈ ρ^k ‖x_0‖",
"the worst-case bound ‖w_k‖ ≤ ρ^k ‖w_0‖"): the count's own convention."""


def _read_assumed_rate(own: str, r: PartReading) -> None:
    """The assumption that the error shrinks by exactly the rate each step, stated with an
    iteration count: the convention the count is computed in (ρ^k ≤ ε), recorded with its
    source; without an iteration count it is not read (and stays a request item to place)."""
    if Q.ITERATIONS.key not in (r.value(F.asks) or []):
        return
    for m in _ASSUMED_RATE.finditer(own):
        tail = re.match(r"[^,;?]{0,60}?(?=[,;?]|\. |\.$|$)", own[m.end():])
        clause = m.group(0) + (tail.group(0) if tail and not rx(r"\bhow (?:many|much)\b").search(
            tail.group(0)) else "")   # to the end of the clause
        r.convention("assumed rate", clause.strip(),
                     "the error shrinks by exactly the rate each iteration: the count is the "
                     "smallest k with ρ^k ≤ ε, as computed")
        # "the rates from (1) and (2) as per-step factors": the request's item after the last
        # part named is that clause too
        listed = re.search(r"\((?:[a-h]|\d{1,2}|i{1,3}|iv|vi{0,3})\),? (?:as|with)\b.*$",
                           clause.strip())
        if listed and listed.start() > 0:
            r.convention("assumed rate", listed.group(0),
                         "the rates of the parts named are the per-step error factors")



_ANSWER_FORM = re.compile(
    r"\b(?:exact )?(?:expressions?|answers?|forms?|values?|results?|closed forms?)\b[^.?;]{0,20}?"
    r"\b(?:with|in terms of|involving|using|containing) (?:a )?(?:sqrt ?\( ?\d{1,3} ?\)|√ ?\(?\d{1,3}"
    r"\)?)(?:[^.?;]{0,20}?\b(?:are|is) (?:fine|ok|okay|allowed|acceptable|welcome))?", re.I)
""""Exact expressions with sqrt(6) are fine": a remark on how the answer may be written; the
radicand is not data."""


def _read_answer_form(own: str, r: PartReading) -> None:
    """A remark allowing roots in the answer ("exact expressions with sqrt(6) are fine"):
    recorded with its source (the answers are exact, roots included)."""
    for m in _ANSWER_FORM.finditer(own):
        r.convention("answer form", m.group(0), "how the answer may be written: the answers are "
                                                "exact, with roots where the values have them")


HOOKS = QuadraticDynamicsReader()
"""This family's reader hooks (see optiproof.reading.registry)."""
