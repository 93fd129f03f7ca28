"""What only this family can judge in an answer about Adam's mechanics.

- The step bound: the question asks for the largest step over all gradient sequences, so the
  supremum ``B_∞`` is the answer (``B_1 = α`` is only the first step). The Adam paper's
  ``α(1-β₁)/√(1-β₂)`` is the textbook answer and is accepted, with a note that it is a rule of
  thumb for a gradient that jumps after a long stretch of zeros, not the worst case.
- The weight-decay answers may be stated as the shrink factor ``1 - αλ`` or per weight
  (``αλθ``, or ``−αλθ`` as the term the update adds) as well as the decay rate ``αλ``;
  AdamW's is what the part must state.
- The raw moment estimates are biased toward zero (their expectation is ``(1 - β^t)`` times
  the true moment); calling them biased upward is a false claim. The corrected ones are
  unbiased for stationary gradients only; calling them unbiased under a drifting distribution
  is one too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import replace
from typing import Any

_SUPREMUM = "bound_limit"
_STEPS = ("bound", "bound_t1")
_DECAY = "decay_AdamW"
_PER_WEIGHT = "decay_AdamW per weight"
_PRECONDITIONED = ("decay_L2", "decay_ratio")
_UPWARD = re.compile(r"\bbiased (?:upwards?|high|positively|away from zero)\b|\bover-?estimat\w*"
                     r"|\btoo (?:large|big|high)\b|\blarger than the true\b", re.I)


def expectations(part: Any, expected: list[Any]) -> list[Any]:
    """The supremum is the step bound's answer (its per-step forms are not asked); AdamW's
    decay is the weight-decay answer, the preconditioned forms are graded when stated."""
    import sympy

    names = {e.name for e in expected}
    out = []
    for e in expected:
        if e.name in _STEPS and _SUPREMUM in names:
            continue
        if e.name in _PRECONDITIONED:
            e = replace(e, required=False, group=e.name)
        out.append(e)
        if e.name == _DECAY:
            out.append(replace(e, name=_PER_WEIGHT, kind="formula",
                               value=e.value * sympy.Symbol("theta")))
    return out


def _textbook_bound(part: Any) -> Any:
    from optiproof.families.adam_mechanics.solve import TEXTBOOK_BOUND

    for step in part.steps:
        for eq in step.equations:
            if eq.sides[0] == TEXTBOOK_BOUND:
                return eq.sides[-1]
    return None


def accepted_bounds(part: Any) -> list[Any]:
    """Step bounds an answer may state besides the supremum: the textbook bound."""
    textbook = _textbook_bound(part)
    return [textbook] if textbook is not None else []


def _per_weight(value: Any) -> Any:
    """``αλθ_j / √v̂_j`` -> ``αλ / √v̂``: the decay of one weight, without the weight; every
    spelling of the second moment of a coordinate is one symbol and ``ε`` is 0."""
    import sympy

    if not isinstance(value, sympy.Basic):
        return value
    repl = {}
    for s in value.free_symbols:
        if s.name.startswith("theta"):
            repl[s] = sympy.Integer(1)
        elif s.name.startswith("vhat"):
            repl[s] = sympy.Symbol("vhat")
        elif s.name.startswith("epsilon"):
            repl[s] = sympy.Integer(0)
    return value.xreplace(repl)


def _update_term(value: Any) -> bool:
    """A decay written with the weight it acts on (``−αλθ_{t−1}``): a term of the update,
    which subtracts the decay, so its sign is the update's and not the rate's."""
    return any(s.name.startswith("theta") for s in getattr(value, "free_symbols", ()))


def normalise(part: Any, name: str, value: Any) -> Any:
    """The weight-decay answers compared per weight (the weight itself, ``ε`` and the
    coordinate's index dropped); a decay rate still holding a symbol then states another
    answer (None)."""
    if name in (_DECAY, _PER_WEIGHT):
        rate = _per_weight(value)
        if getattr(rate, "free_symbols", None):
            return None
        if _update_term(value) and rate.could_extract_minus_sign():
            return -rate    # ``−αλθ``: the decay as the term the update subtracts
        return rate
    if name in _PRECONDITIONED:
        return _per_weight(value)
    return value


def accepted(part: Any, name: str) -> list[tuple[Any, str]]:
    """Other values that state an answer acceptably, each with the note shown beside it: the
    textbook step bound, and AdamW's decay written as the shrink factor ``1 - αλ``."""
    if name == _SUPREMUM:
        textbook = _textbook_bound(part)
        limit = next((a.expr for a in part.answers if a.name == _SUPREMUM), None)
        if textbook is None or limit is None:
            return []
        return [(textbook, (
            "{claim} is the Adam paper's rule of thumb α(1−β₁)/√(1−β₂) for a coordinate whose "
            "gradient jumps after a long stretch of zeros; it is accepted as the textbook "
            "answer, but it is not the worst case: adversarial gradient sequences reach "
            f"B_t → {float(limit):.4g} as t grows."))]
    if name in (_DECAY, _PER_WEIGHT):
        rate = next((a.expr for a in part.answers if a.name == _DECAY), None)
        return [] if rate is None else [(1 - rate, "")]
    return []


_SGD_DIFFERS = re.compile(
    r"\b(?:plain |vanilla |ordinary )?(?:sgd|gradient descent)\b(?:(?!\badam)[^.;]){0,100}?"
    r"\b(?:l2|weight decay)\b(?:(?!\badam)[^.;]){0,60}?\b(?:genuinely |truly |really |"
    r"fundamentally |still )?(?:different|differ|distinct|inequivalent)\b"
    r"|\bdecoupl\w*[^.;]{0,30}?\b(?:needed|necessary|required|matters)\b[^.;]{0,10}?\bfor "
    r"(?:every|all|any) (?:optimi[sz]ers?|methods?|algorithms?)\b", re.I)
"""A claim that L2 and weight decay differ for SGD as well (or that decoupling matters for
every optimizer)."""


_L2_SAME = re.compile(
    r"\b(?:the two(?: (?:methods|approaches|formulations|updates|versions|variants|schemes))?|"
    r"both|they|l2(?: regulari[sz]\w*| penalty| decay)?(?: (?:in|inside|within|with) adam)?\s+"
    r"(?:and|vs\.?|versus)\s+(?:adamw|decoupled (?:weight )?decay)|adamw(?:'s decay)? and "
    r"(?:adam with )?l2(?: regulari[sz]\w*| penalty)?(?: (?:in|inside|within) adam)?)\s+(?:are|is)\s+"
    r"(?:really |just |basically |essentially |effectively |exactly |then )?(?:the same|"
    r"equivalent|identical|interchangeable)\b", re.I)
"""A claim that L2 regularisation inside Adam and AdamW's decoupled decay are one method
("so the two are the same up to rescaling λ")."""
_SGD_SETTING = re.compile(r"\b(?:for|under|in|with|using) (?:plain |vanilla |ordinary )?(?:sgd|"
                          r"gradient descent)\b", re.I)
_ONLY_FOR_SGD = re.compile(r"[^.;]{0,40}?(?<!like )\b(?:only )?(?:for|under|in|with|using) "
                           r"(?:plain |vanilla |ordinary )?(?:sgd|gradient descent)\b", re.I)


_SET_CONDITION = re.compile(r"\b(?:with|when|if|whenever|assuming|once)\b[^.;]{0,60}?(?:=|≡)", re.I)
"""A condition that fixes a value ("with v̂ = 1 and ε = 0, ..."): what follows holds there."""


def _said_of_adam(m: re.Match) -> bool:
    """The sameness is claimed of Adam in general, not of SGD ("for SGD the two are the same",
    "they are equivalent only under SGD" are true) nor under a condition that fixes a value
    ("with v̂ = 1 and ε = 0 they are identical"): no SGD setting or such condition earlier in
    the sentence, no SGD setting right after the claim (a comparison "exactly like for SGD"
    still speaks of Adam)."""
    before = re.split(r"[.;!?]\s", m.string[:m.start()])[-1]
    return not _SGD_SETTING.search(before) and not _ONLY_FOR_SGD.match(m.string, m.end()) \
        and not _SET_CONDITION.search(before)


_DRIFT = (r"(?:non-?stationary|drift\w*|chang\w*|shift\w*|time-varying|var(?:y|ies|ying)|"
          r"evolv\w*|moving|not stationary)")
_UNBIASED_ANYWAY = re.compile(
    r"\bunbiased\b[^.;]{0,100}?\b(?:even|also|still|regardless|whether|no matter|for any|"
    r"for every|for all|under any)\b[^.;]{0,60}?\b" + _DRIFT + r"\b"
    r"|\b" + _DRIFT + r"\b[^.;]{0,80}?\b(?:still|also|remains?|stays?|keeps?|are|is)\b"
    r"[^.;]{0,40}?\bunbiased\b"
    r"|\bstationarity\b[^.;]{0,40}?\b(?P<own>(?:is |are )?not (?:needed|required|necessary|"
    r"essential)|unnecessary|irrelevant)\b"
    r"|\b(?P<own2>without|no need (?:for|of)|need not|needn't|does not need|doesn't need)\b"
    r"[^.;]{0,20}?\b(?:assuming |assume |the )?(?:stationarity|stationary gradients)\b", re.I)
"""A claim that the bias-corrected estimates stay unbiased when the gradients' distribution
changes over time (stationarity not needed)."""


@lru_cache(maxsize=1)
def _unbiased_only_if_stationary() -> bool:
    """With means ``μ₁ ≠ μ₂`` at steps 1 and 2, ``E[m̂₂] = (1-β)(βμ₁ + μ₂)/(1-β²)`` is not
    ``μ₂``: the correction divides out the zero start, not a drift (checked symbolically)."""
    import sympy

    beta, mu1, mu2 = sympy.symbols("beta mu1 mu2", positive=True)
    expected = (1 - beta) * (beta * mu1 + mu2) / (1 - beta ** 2)
    return sympy.simplify(expected - mu2) != 0 and sympy.simplify(
        (expected - mu2).subs(mu1, mu2)) == 0


@lru_cache(maxsize=1)
def _sgd_coincide() -> bool:
    """For SGD, the L2 step ``θ - α(g + λθ)`` and the decoupled step ``θ - αg - αλθ`` are one
    map (weight decay λ is the L2 coefficient λ), checked symbolically."""
    import sympy

    theta, g, alpha, lam = sympy.symbols("theta g alpha lambda")
    return sympy.expand(theta - alpha * (g + lam * theta) - (theta - alpha * g - alpha * lam * theta)) == 0


@lru_cache(maxsize=8)
def _bias_factor(raw: Any, true: Any) -> tuple[Any, Any]:
    """``E[m_t] / E[m̂_t]`` simplified, and its value at the first step (every check asks)."""
    import sympy

    factor = sympy.powsimp(sympy.simplify(raw / true), combine="base", force=True)
    return factor, factor.subs({s: 1 for s in factor.free_symbols})


def false_statements(part: Any) -> list[tuple[re.Pattern, str]]:
    """A claim that the uncorrected moment estimates are biased upward, refuted by the verified
    expectation ``E[m_t] = (1 - β₁^t) E[g]`` (a factor below one); in the weight-decay part, a
    claim that L2 and weight decay differ for SGD too (they are one update there), and one
    that they are the same inside Adam (its preconditioner separates them)."""
    import sympy

    from optiproof.core.exact import to_latex

    out = []
    if any(a.name == _DECAY for a in part.answers) and _sgd_coincide():
        out.append((_SGD_DIFFERS, "says L2 regularisation and weight decay differ for SGD too, "
                                  "but for SGD the L2 step θ − α(g + λθ) is the decoupled step "
                                  "θ − αg − αλθ: only the preconditioner of Adam separates them"))
    ratio = [a for a in part.answers if a.name == _PRECONDITIONED[1]]
    if ratio and getattr(ratio[0].expr, "free_symbols", None):
        # the verified ratio of the two decays depends on each weight's gradient history: no
        # one rescaling of λ turns one into the other
        out.append((_L2_SAME, "says L2 regularisation inside Adam and AdamW's decoupled weight "
                              "decay are the same (up to rescaling λ), but the L2 term λθ passes "
                              "through the moment estimates and is divided by √v̂ₜ + ε: each "
                              "weight's decay is scaled by its own gradient history, which no "
                              "single rescaling of λ undoes", _said_of_adam))
    raw = [a for a in part.answers if a.name == "E_m_t"]
    true = [a for a in part.answers if a.name == "E_mhat_t"]
    if not raw or not true or true[0].expr == 0:
        return out
    if _unbiased_only_if_stationary():
        out.append((_UNBIASED_ANYWAY, "says the bias-corrected estimates stay unbiased when the "
                                      "gradient distribution changes over time, but the "
                                      "verified result needs stationary gradients: with means "
                                      "μ₁ ≠ μ₂, E[m̂₂] = (βμ₁ + μ₂)/(1 + β) ≠ μ₂ (the correction "
                                      "divides out the zero start, not a drift)"))
    factor, at_one = _bias_factor(raw[0].expr, true[0].expr)
    if not 0 < at_one < 1:
        return out
    return out + [(_UPWARD, "says the uncorrected moment estimates are biased upward, but the "
                      f"verified expectation is ${to_latex(factor)}$ times the true moment "
                      f"(${to_latex(at_one)}$ at the first step): they are biased toward "
                      "zero")]


_QUESTIONS = {
    "update-rule": "which quantities are bias-corrected, and where does ε enter the step?",
    "bias-correction": "what do the moment estimates start from, and what does each factor "
                       "divide out?",
    "first-step": "what are m̂₁ and v̂₁ for any first gradient, and what is their ratio?",
    "loss-scaling": "how do m̂ₜ and √v̂ₜ change when every gradient is multiplied by c?",
    "step-bound": "which gradient sequence makes |m̂ₜ|/√v̂ₜ largest: is one jump after a long "
                  "run of zeros really the worst case?",
    "weight-decay": "does the decay term pass through the moment estimates (and the division "
                    "by √v̂ₜ), or act on the weights directly?",
}


def hint_question(part: Any) -> str:
    """The question a student should ask about this part's derivation."""
    asked = [a.quantity for a in part.answers] + list(part.asked)
    return next((_QUESTIONS[q] for q in asked if q in _QUESTIONS), _QUESTIONS["update-rule"])
