"""Reader for steepest-descent / penalised-linear-improvement parts.

Reads, per part (falling back to the shared context): the norm (words and symbols), the form
(squared penalty, plain penalty, constraint), the gradient (symbol or numbers), alpha and eta,
and the asks (update, optimizer, min-value, step-length, compare, threshold), in the order the
text asks them. Spec field names live in :data:`F` (a spec rename is a one-line change here).
"""

from __future__ import annotations

import re
from fractions import Fraction
from types import SimpleNamespace
from typing import Any

import sympy

from optiproof.catalogue import norms as N
from optiproof.catalogue import optimizers as O
from optiproof.catalogue import quantities as Q
from optiproof.catalogue import transforms as T
from optiproof.catalogue import NORMS, QUANTITIES
from optiproof.catalogue.norms import by_index
from optiproof.core.text.match import (
    Score,
    all_of,
    assigned_array,
    assigned_number,
    cue_score,
    negated,
    rx,
    rxc,
    search,
    sentence_of,
    take_asks,
)
from optiproof.core.text.numbers import (Num, array_at, array_text, is_matrix, number_at,
                                         row_block, spec_array)
from optiproof.core.text.mathobjects import PartObjects
from optiproof.core.text.record import PartReading, PartText, phrase
from optiproof.core.mathatoms import Inner, Norm
from optiproof.families.steepest_descent.family import KEY, STEEPEST_DESCENT
from optiproof.catalogue.formulas import FormulaRoles, formula_symbols, parse_formula

FAMILY = KEY
F = SimpleNamespace(norm="norm", form="form", gradient="gradient", alpha="alpha", eta="eta",
                    asks="asks", shape="shape", dim="dim")
"""Spec field names of the steepest-descent family."""

CUES = [
    (r"\bargmin|\barg min", 3), (r"\bsteepest descent", 3), (r"\bpenali[sz]", 1.5),
    (r"\bnorm\b", 1), (r"\bg\^T|⟨ ?g\b|\bdot[- ]product", 1.5), (r"\bdual norm", 2),
    (r"\blinear (?:improvement|approximation|model)", 1), (r"Δθ|\bupdate u\b|\bstep u\b", 1),
    (r"\bnorm[- ]ball|\bunit ball|\bball of radius", 2), (r"\bsharp operator", 2),
    (r"\bsubject to\b|\bs\.t\.|\bconstrain", 1), (r"\bupdate\b|\bsteps?\b", 0.5),
    (r"\bminimi[sz]", 0.5),
    (r"\bfrobenius|\bnuclear|\bspectral|\beuclidean|\bmax[- ]norm|\bl1\b|\binfinity norm|"
     r"∞ norm|\brms norm|‖", 1),
]

# Norm words -> catalogue name (lp carries its p in the match when written as l3, 3-norm, ...).
NORM_WORDS = {
    N.RMS_RMS.key: r"\brms[ -]?(?:→|to|->)[ -]?rms\b|\brms operator norm",
    N.SPECTRAL.key: r"\bspectral\b|\boperator[ -]norm|\binduced 2[- ]norm|\bschatten[- ]?∞",
    N.NUCLEAR.key: r"\bnuclear\b|\btrace[ -]norm|\bschatten[- ]?1\b",
    N.FROBENIUS.key: r"\bfrobenius\b(?! (?:inner |dot |scalar )?product)",
    N.RMS.key: r"\brms[ -]norm|\broot[- ]mean[- ]square norm",
    N.L2.key: r"(?<!non-)(?<!non )(?<!non)\beuclidean\b|\bl[ _-]?2\b(?![.\d])|(?<![\w.])2[- ]norm|\bℓ2|\bsquare root of the sum "
          r"of (?:the |its )?squar(?:es|ed (?:entries|values|coordinates|components))\b",
    N.LINF.key: r"\b[lℓ][ _-]?∞|(?<![\w])∞[ -]?norm|\bmax(?:imum)?[ -]norm|\bsup(?:remum)?[ -]norm|"
            r"\bchebyshev\b|\buniform norm|\binfinity[ -]norm|\b(?:largest|maximum|max|biggest|"
            r"maximal) absolute (?:value|entry|coordinate|component)\b|\b(?:largest|biggest) (?:entry|"
            r"coordinate|component) in absolute value\b",
    N.L1.key: r"\b[lℓ][ _-]?1\b(?![.\d])|(?<![\w.])1[- ]norm|\btaxicab\b|\bmanhattan\b|\bsum of (?:the |"
          r"its |their )?absolute (?:values|entries|coordinates|components)\b|\bsum of (?:the |its )?"
          r"(?:entries|coordinates|components) in absolute value\b",
    N.LP.key: r"\b[lℓ][ _-]?p\b|\bp[ -]norm|\b[lℓ][ _-]?([3-9]|1\d|\d\.\d{1,3})\b(?![.\d])|"
          r"(?<![\w.])([3-9]|\d\.\d{1,3})[ -]norm",
}
_NORM_SYMBOL = re.compile(r"‖([^‖\n]{1,60})‖((?:[*∗](?=[\^\s,.;:)\]]|$))?"
                          r"(?:[_^][^\s_^.,;:()/‖?≤≥<>=]{1,12}){0,2})")
"""``‖x‖_k^p``; a bare star right after the bars (``‖Δ‖*^2``) is the index ``*``."""
_MATRIX_GRADIENT = (r"\bweight matrix|\bmatrix[- ](?:valued )?gradient|\bgradient matrix|"
                    r"\bG ∈ R\^?\w{1,4} ?[×x]|\bG ∈ R|\bgradient G\b|\bG = ∇")
_DECISION_VARS = re.compile(r"^(?:Δ ?θ|Δ ?w|Δ ?W|Δ|δ|d|x|D|U|u|s|v|Δ ?x|d ?θ|dW|dw|Δ ?θ_t|δ ?θ|delta)$")
_STEP_NORM = re.compile(r"‖ ?(?:Δ ?W|[Δδ](?: ?θ)?|dW|dw|dθ|delta|d|u|U|D)(?:\^?\*|_t)? ?‖")


_CONJUGATE = re.compile(r"\b1 ?/ ?p ?\+ ?1 ?/ ?q ?= ?1\b")
"""The relation that defines the Hölder conjugate q of p."""
_GRADIENT_NORM = re.compile(r"‖ ?(?:g|G|∇ ?f|∇ ?L)(?:_t)? ?‖(?:_?\{?(?P<index>[*∗]?[^\s{}‖,.?;:)*∗]{1,6}"
                            r"(?:,? ?[*∗])?|[*∗])\}?)?")
"""``‖g‖_q``, ``‖g‖_*``, and the dual of a named norm: ``‖g‖_RMS,∗``, ``‖g‖∗RMS``, ``‖g‖_{D,*}``."""


def _dual_of_gradient(r: PartReading, phrase_: str, norm: Any) -> bool:
    """True when a norm-value ask is the norm of the gradient (``‖g‖_q``, ``‖g‖_*``, or a
    subscript the catalogue gives the dual norm: ``‖g‖_∞`` for the l1 step) measured in the
    dual of the part's own norm."""
    if norm is None:
        return False
    own = getattr(r, "own_text", "") or ""
    at = own.find(phrase_)
    m = _GRADIENT_NORM.search(own, max(at, 0)) if at >= 0 else None
    if m is None or m.start() > at + len(phrase_):
        return False
    index = m.group("index")
    if index is None or index in ("*", "∗", "q", "dual"):
        return True
    name = norm.get("name") if isinstance(norm, dict) else norm
    base = index.strip("*∗, ")
    if base != index:  # ‖g‖_RMS,∗: the dual of the norm it names, which must be the part's
        entry = by_index(base)
        return entry is not None and entry.key == name
    if name == N.LP.key and isinstance(norm, dict):
        try:
            p = Fraction(str(norm.get("p")))
            return p > 1 and Fraction(index) == p / (p - 1)
        except (ValueError, ZeroDivisionError):
            return False
    entry = NORMS.get(name) if isinstance(name, str) else None
    dual = NORMS.get(entry.dual) if entry is not None and entry.dual else None
    return dual is not None and index in dual.index


def _names_gradient_norm(own: str, phrase_: str) -> bool:
    """True when a norm-value ask's phrase writes a norm of the gradient (``‖g‖_RMS``)."""
    at = own.find(phrase_)
    m = _GRADIENT_NORM.search(own, at) if at >= 0 else None
    return m is not None and m.start() <= at + len(phrase_)


_NEGATED_LINEAR_TERM = re.compile(
    r"(?:(?:the )?(?:predicted |first[- ]order |linear(?:i[sz]ed)? |expected )?(?:decrease|reduction|"
    r"drop)(?: of the (?:loss|objective|linear model))? ?[:=]? ?)?\(? ?[−-] ?(?:g|G|∇ ?f) ?(?:\^ ?(?:T|⊤)|ᵀ) ?"
    r"(?:u|d|Δ|U|D)(?:\^?\*|\^⋆|⋆)? ?\)?(?: ?[.?])?", re.I)
"""The decrease written as the negative of the linear term at the step ("the predicted decrease
−gᵀu*"): in the constrained form, where the objective is gᵀu alone, minus its minimum value."""


_STEP_UNDER = re.compile(r"^(?:u|U|d|Δ|Δ ?θ|ΔW|δ)(?:\^?\*|\^⋆|⋆)?_\{?([^\s{}_^]{1,4})\}?"
                         r"(?:\^?\*|\^⋆)?$")
"""A step named by the norm it is taken under: ``d_∞``, ``u_2``, ``Δ_{op}``, ``U^*_F``."""
_STEP_SYMBOL = re.compile(r"^(?:u|U|d|D|dt|d_t|Δ|ΔW|Δ ?θ|Δw|δ|delta|x|dW|dw|dθ)?(?:\^?\*|_t|\^⋆)?"
                          r"(?:\((?:α|η|λ|γ|alpha|eta|lr)\))?$")
"""A bare step symbol, also written with its parameter ("compute u(α) for α = 2")."""
_APPLIED = {"penalty": {T.DROP_SQUARE.key, T.DROP_CONSTRAINT.key},
            "penalty-squared": {T.DROP_CONSTRAINT.key}, "constraint": {T.TO_CONSTRAINT.key}}


_MEASURED = (Q.STEP_LENGTH, Q.COMPARE)
"""Asks that need more than their name (the norm a length is measured in, the other norm
compared with): taken only where the part states it."""


_SUP_DEFINITION = re.compile(r"\bsup(?![a-z])|\bmax_?\{? ?‖|\bsupremum\b", re.I)
_BY_FORM = {Q.UPDATE.key, Q.MIN_VALUE.key, Q.STEP_LENGTH.key, Q.IDENTIFICATION.key}


def _form_from_a_definition(r: PartReading) -> None:
    """A part whose only constraint is the unit ball of a dual norm's definition ("‖g‖_* =
    sup_{‖Δ‖ ≤ 1} gᵀΔ") and that also asks for a step or an optimal value: that value belongs to
    a problem the definition does not state (often an earlier part's), so it is refused naming
    the definition, never solved over the unit ball."""
    form = r.fields.get(F.form)
    asks = {a for a in r.value(F.asks) or [] if isinstance(a, str)}
    if form is None or Q.DUAL_NORM.key not in asks or not asks & _BY_FORM or \
            not _SUP_DEFINITION.search(form.source):
        return
    if _problem_of_a_part(r, form.source):
        return
    r.miss(F.form, f"the constraint in \"{form.source}\" defines the dual norm; the optimal "
                   "value or step asked beside it needs its own problem (expected e.g. 'the "
                   "optimal value of min gᵀd + (1/α)‖d‖²' stated in the part)")


_BEYOND_THRESHOLD = re.compile(r"\b(?:above|below|beyond|past|over|under|on either side of|at) "
                               r"(?:that|the|this|such an?) (?:threshold|critical (?:value|α|alpha)|"
                               r"cutoff|value)\b|\b(?:α|alpha) ?[<>] ?(?:α|alpha)_?[c*⋆]", re.I)


_ASKING_WORD = re.compile(r"\?|\b(?:give|find|compute|calculate|solve|minimi[sz]e|maximi[sz]e|"
                          r"determine|derive|evaluate|state|show|write|name|report|identify|what|"
                          r"which|how|is|are|does)\b", re.I)
"""A word that may ask something: a part holding one is never taken to ask what another did."""


_SOLVE = re.compile(r"(?:^|[.;:]\s|,\s)(?:(?:now|then|next|first|please),? )?(?:(?:with|for) (?:[^.;,]|\.\d)"
                    r"{1,30}?,? )?solve\b(?! for\b)", re.I)
"""'Solve the penalised problem and give the optimal value': solving the problem asks its
solution, the minimiser, beside what else the part names."""


def _solve_asks_the_minimiser(r: PartReading) -> None:
    """A part that says 'solve' (the problem) and asks other quantities but not the step asks
    the step too: the solution of the problem is its minimiser."""
    asks = r.value(F.asks) or []
    m = _SOLVE.search(r.own_text or "")
    if m is None or not asks or Q.UPDATE.key in asks:
        return
    old = r.fields[F.asks].source
    r.set(F.asks, [Q.UPDATE.key, *asks], " | ".join(x for x in (m.group(0).strip(" ,.;:"), old) if x),
          note="'solve' asks the problem's solution, the minimiser")


def _asks_of_the_part_continued(r: PartReading, read_questions: Any) -> None:
    """"(b) Now with the ℓ1 norm." — a part that asks nothing and names no other part asks
    what the part it continues asked, of its own setting (the norm it names; the form, weight
    and radius the reading took from that part or the shared text)."""
    own = r.own_text or ""
    if F.asks in r.fields or read_questions is None or read_questions(own).requests or \
            _ASKING_WORD.search(own):
        return
    src, how = _setting_source(own, r, getattr(r, "_previous", []))
    asks = src.value(F.asks) if src is not None and how == "previous" else None
    if not asks or any(isinstance(a, dict) for a in asks):
        return
    r.set(F.asks, list(asks), f"{_FROM_PART.sub('', src.fields[F.asks].source)}; from part "
                              f"({src.label})",
          note=f"the part asks nothing itself: it asks what part ({src.label}) asked")


def _regime_at_threshold(r: PartReading, phrases: list[str]) -> None:
    """"What happens to the problem above that threshold?" beside the threshold on α of the
    plain penalty: the threshold's answer states it (below it the best step is 0, above it the
    objective is unbounded below; the witness checks both sides), so the regime asked there is
    answered by the threshold. Any other "what happens" stays unplaced."""
    own = r.own_text or ""
    for p in phrases:
        if r.value(F.form) == "penalty" and _BEYOND_THRESHOLD.search(sentence_of(own, p) or ""):
            r.answered_by.setdefault(Q.REGIME.key, Q.THRESHOLD.key)
            r.notes.append(f"\"{p}\" beside the threshold: its answer states the behaviour on "
                           "either side (0 below, unbounded below above)")
            return


_THRESHOLD_LETTER = re.compile(r"\b(?:largest|biggest|maximal|maximum|smallest|minimal|least|critical) "
                               r"(?:value of )?"
                               r"(?P<s>α|alpha|lam|lambda|[a-zλημγτρσνκξζφχψωδε]) (?:for which|such that|at which|"
                               r"where|so that)\b|\bfor (?:which|what) (?:values?|range) of "
                               r"(?P<set>α|alpha|lam|lambda|[a-zλημγτρσνκξζφχψωδε])\b", re.I)
"""The letter a threshold is asked on: a bound ('the smallest λ for which …') or the set of
values ('for which values of lam is d = 0 the minimiser', all λ ≥ λ*)."""


_THRESHOLD_LOW = re.compile(r"\b(?:smallest|minimal|minimum|least|critical)\b", re.I)
"""The bound a multiplying weight's threshold is asked from: d = 0 minimises for λ ≥ λ*."""


def _threshold_letter(r: PartReading, phrases: list[str]) -> None:
    """"The largest a for which d = 0 is still the minimiser" with the weight written (1/a)‖d‖:
    a is the spec's α under another name, so its threshold is α*. "The smallest λ ..." with the
    weight written λ‖d‖ (α = 1/λ) asks the threshold on the weight itself, λ* = ‖g‖_*. Any other
    letter (λ/2‖d‖, a letter that is not the weight) is refused naming it."""
    own = r.own_text or ""
    ctx = getattr(r, "_ctx", "") or ""
    weight = _penalty_weight(own) or _penalty_weight(ctx) or (   # or the part it continues
        _penalty_weight(r.fields[F.alpha].source.split(";")[0]) if F.alpha in r.fields else None)
    times = _weight_name(weight[2]) if weight and weight[0] == "times" else None
    for p in phrases:
        m = _THRESHOLD_LETTER.search(p)
        letter = m.group("s") or m.group("set") if m is not None else None
        if letter is None and times and r.value(F.form) == "penalty" and not re.search(
                r"(?<![\w])(?:α|alpha)(?![\w])", f"{own} {ctx}"):
            # "give the threshold" of gᵀu + λ‖u‖ in a text that never writes α: the threshold
            # of the weight it writes
            _threshold_on_weight(r, p, weight[2])
            continue
        if letter is None or letter in ("α", "alpha"):
            continue
        name = _weight_name(letter)
        if r.value(F.alpha) == name:
            r.notes.append(f"\"{p}\": the weight is 1/{letter}, so {letter} plays the "
                           "role of α and its threshold is α*")
            continue
        if times == name and r.value(F.form) == "penalty" and m.group("set"):
            # "for which values of λ is u* = 0 …? What is the minimiser for λ = 3?": the weight
            # λ‖u‖ has a value elsewhere in the part, but the threshold is asked on λ itself
            _threshold_on_weight(r, p, letter)
            continue
        if r.value(F.alpha) == f"1/{name}" and (m.group("set") or _THRESHOLD_LOW.search(p)):
            asks = r.value(F.asks) or []
            r.set(F.asks, [{"kind": Q.THRESHOLD.key, "on_weight": True}
                           if a == Q.THRESHOLD.key else a for a in asks],
                  r.fields[F.asks].source, note=r.fields[F.asks].note)
            r.notes.append(f"\"{p}\": the weight {letter} multiplies the norm (α = "
                           f"1/{letter}), so the threshold is asked on it: "
                           f"{letter}* = ‖g‖_*")
            continue
        r.miss(f"question \"{p}\"", f"asks for the threshold on {letter}, but the penalty "
                                     f"weight is not 1/{letter} (α = {r.value(F.alpha)}); "
                                     "the threshold is answered on α (expected the weight "
                                     f"written (1/{letter})‖d‖ or a question on α)")


def _threshold_on_weight(r: PartReading, p: str, letter: str) -> None:
    """The part's threshold asked on the weight ``letter`` written in front of the norm
    (gᵀd + λ‖d‖): λ* = ‖g‖_*, whatever value λ is given elsewhere."""
    asks = r.value(F.asks) or []
    r.set(F.asks, [{"kind": Q.THRESHOLD.key, "on_weight": True}
                   if a == Q.THRESHOLD.key else a for a in asks],
          r.fields[F.asks].source, note=r.fields[F.asks].note)
    r.notes.append(f"\"{p}\": the weight {letter} multiplies the norm, so the threshold is "
                   f"asked on it: {letter}* = ‖g‖_* (d = 0 minimises for {letter} ≥ {letter}*)")


_ZERO_STEP = re.compile(r"\b(?:the )?(?:minimi[sz]er|solution|optimum|optimal step|step|argmin) "
                        r"(?:is|equals|=) (?:just |simply |exactly )?(?:[uUdDΔδsv](?:\^?[*⋆])? ?= ?)?0\b|"
                        r"\b[uUdDΔδsv](?:\^?[*⋆])? ?= ?0 is (?:a|the|still a|still the|the unique) "
                        r"(?:unique )?(?:minimi[sz]er|solution|optimum)\b|"
                        r"\bis [uUdDΔδsv](?:\^?[*⋆])? ?= ?0 (?:still )?(?:a|the) (?:unique )?"
                        r"(?:minimi[sz]er|solution|optimum)\b", re.I)
""""For small α the minimiser is U = 0", "u = 0 is a minimiser", "for which λ is u* = 0 the
minimiser": the zero step beyond the threshold, the fact the threshold answer bounds (not a datum)."""


def _zero_step_stated(r: PartReading) -> None:
    """With a threshold asked on a plain-norm penalty, a sentence stating that the zero step
    minimises (for small α) is the threshold's own condition: recorded as used, with a note."""
    own = r.own_text or ""
    if r.value(F.form) != "penalty":
        return
    for m in _ZERO_STEP.finditer(own):
        r.convention("zero step", phrase(own, m.start(), m.end()),
                     "the zero step minimises below the threshold: the condition the threshold "
                     "answer bounds")


def _unique_below_threshold(r: PartReading, phrases: list[str]) -> None:
    """"For which α is d = 0 the unique minimiser?": the uniqueness is the threshold's condition
    (below α* the zero step is the only minimiser, at α* it is not), so it is asked as the
    threshold, not as a separate uniqueness answer for a symbolic α."""
    own = r.own_text or ""
    for p in phrases:
        sentence = sentence_of(own, p)
        if r.value(F.form) != "penalty" or not rx(ASKS["threshold"]).search(sentence):
            continue
        r.set(F.asks, [a for a in r.value(F.asks) if a != Q.UNIQUENESS.key],
              r.fields[F.asks].source, note=r.fields[F.asks].note)
        r.answered_by.setdefault(Q.UNIQUENESS.key, Q.THRESHOLD.key)
        r.notes.append(f"\"{p}\" is the threshold's condition (the zero step is the unique "
                       "minimiser below it)")
        return


_FORM_FREE = frozenset({Q.DUAL_NORM.key, Q.HOLDER_CONJUGATE.key, Q.WHICH_NORM.key})
"""Asks answered from the norm and the gradient alone, whatever the problem's form."""
_NO_FORM = "cannot tell the form"


def _form_not_needed(r: PartReading) -> None:
    """A part that asks only what the norm and the gradient decide (the dual norm of g, its
    name, the Hölder conjugate) and states no form: the form does not enter its answers, so
    its absence is not a gap (the part is solved in the default form, with a note)."""
    kinds = {a.get("kind") if isinstance(a, dict) else a for a in r.value(F.asks) or []}
    if not kinds or not kinds <= _FORM_FREE or F.form in r.fields:
        return
    if not any(m.name == F.form and m.reason.startswith(_NO_FORM) for m in r.missing):
        return
    r.missing = [m for m in r.missing if m.name != F.form]
    r.notes.append("no form is stated, and none is needed: the asked quantities depend only on "
                   "the norm and the gradient")


_OF_PART = re.compile(r"\b(?:objective|problem|step|minimi[sz]er|value) (?:in|of|from) (?:part )?"
                      r"\(([a-h]|[ivx]{1,4}|\d{1,2})\)")


def _problem_of_a_part(r: PartReading, definition: str) -> bool:
    """"the optimal value of the objective in (a)" beside a dual norm's definition: the value
    belongs to part (a)'s problem, whose form and weights (and norm, which must be the same)
    the part takes; the unit ball of the definition is read as the dual norm's. True when
    taken."""
    m = _OF_PART.search(r.own_text or "")
    earlier = getattr(r, "_previous", [])
    part = next((p for p in earlier if m and p.label == m.group(1)), None)
    if part is None or part.value(F.form) is None or part.value(F.norm) != r.value(F.norm):
        return False
    src = phrase(r.own_text or "", m.start(), m.end())
    r.set(F.form, part.value(F.form), f"{src}; {part.fields[F.form].source}",
          note=f"the problem of part ({part.label}); \"{definition}\" defines the dual norm")
    for name in (F.alpha, F.eta):
        r.fields.pop(name, None)
        if part.value(name) is not None:
            r.set(name, part.value(name), part.fields[name].source,
                  note=f"from part ({part.label})")
    return True


def _take_step_length(r: PartReading, phrases: list[str], norm: Any) -> None:
    """A step length the questions ask ("the Euclidean length ‖d*‖_2") that the part's asks do
    not hold yet: measured in the norm the part names for measuring, else in its own norm."""
    have = [a for a in r.value(F.asks) or [] if isinstance(a, dict)
            and a.get("kind") == Q.STEP_LENGTH.key]
    if not phrases or have:
        return
    measures = getattr(r, "_measure", [])
    measure, used, note = norm, [], "measured in the part's own norm (no other norm named)"
    if measures:
        names = list(dict.fromkeys(n for n, _ in measures))
        if len(names) > 1:
            r.miss(F.asks, "a step length asked in several norms: " + ", ".join(
                f"{n} (from \"{src}\")" for n, src in measures) + "; cannot tell which")
            return
        measure = _norm_value(names[0], r.own_text or "", getattr(r, "_ctx", ""), r)
        used = [src for _, src in measures]
        note = f"measured in the norm the part names ({names[0]})"
        if measure == N.RMS.key:
            known = len(r.found.get("norm sources", []))
            if not _rms_definition((r.own_text or "") + " " + getattr(r, "_ctx", ""), r):
                return   # an RMS norm defined with another size: refused by the definition
            used += r.found.get("norm sources", [])[known:]   # the definition and its n
    if measure is None:
        return
    old = r.fields[F.asks].source if F.asks in r.fields else ""
    r.set(F.asks, [*(r.value(F.asks) or []), {"kind": Q.STEP_LENGTH.key, "measure": measure}],
          " | ".join(x for x in (old, *phrases, *used) if x), note=f"the step length, {note}")


_CONJUGATE_OF = re.compile(r"\bconjugate(?: exponent)?(?: q)? (?:of|to|for) (?:the exponent )?"
                           r"(?:p ?= ?)?(\d{1,2}(?:\.\d{1,3})?)(?!\d|\.\d)")


_GUESSED = re.compile(r"\b(?:looks?|looked|seems?|seemed|smells?)(?: \w+)? like (?:an? |the )?$|"
                      r"\b(?:i (?:thought|think|guess|suspect)|is (?:it|this) (?:just )?) ?(?:it'?s |it is "
                      r"|this is )?(?:an? |the )?$", re.I)


def _guessed_optimizers(r: PartReading) -> None:
    """"... which looks suspiciously like signSGD, so I probably messed up. What is this kind of
    update called?": an optimizer the asker guesses, beside the identification asked, is the
    claim that answer settles (recorded with its source; the answer names the optimizer)."""
    from optiproof.catalogue import OPTIMIZERS

    own = r.own_text or ""
    for m in OPTIMIZERS.mentions(own):
        if _GUESSED.search(own[max(0, m.start - 40):m.start]):
            r.convention("guessed optimizer", m.phrase, "the asker's guess: the identification "
                                                        "asked says which optimizer it is")


_VERSION = re.compile(r"\bthe (?P<name>weighted|max(?:imum)?|infinity|∞|euclidean|l_?1|ℓ_?1|l_?2|ℓ_?2|"
                      r"spectral|frobenius|nuclear|rms)(?:[- ]norm)? (?:version|case|variant|one|"
                      r"step|problem|update)\b", re.I)
"""'does the weighted version correspond to some known optimizer': the version of the problem the
identification is asked about, named by its norm."""


def _identified_version(r: PartReading, phrases: list[str]) -> None:
    """An identification asked of 'the weighted version' (the max-norm case, ...) in a part whose
    own norm is another: it is about an earlier problem of the text, not this part's step, so it
    is refused naming it (answering it for this part's norm would answer another question)."""
    from optiproof.catalogue import NORMS

    own = r.own_text or ""
    norm = r.value(F.norm)
    key = norm.get("name") if isinstance(norm, dict) else norm
    for p in phrases:
        sentence = sentence_of(own, p) or p
        m = _VERSION.search(sentence)
        entry = NORMS.get(m.group("name").replace("_", "")) if m else None
        if entry is None or key is None or entry.key == key:
            continue
        r.miss(f"question \"{p}\"", f"asks which optimizer \"{m.group(0)}\" is, but this part's "
                                    f"norm is another ({key}): name the part it is about")


def _in_written_objective(own: str, piece: str) -> bool:
    """A norm of the step inside an objective the request writes out ("the optimal value
    gᵀu + (1/α)‖u‖²", also broken over lines by a PDF copy): a term of that objective, not a
    length asked."""
    at = own.find(piece)
    return at >= 0 and _coefficient_before(own.replace("\n", " "), at) is not None


_EXPONENT_SET = re.compile(r"\b(?:for|with|take|taking|let|given|if) p ?= ?(\d{1,2}(?:\.\d{1,3})?)"
                           r"(?!\d|\.\d)", re.I)
"""The exponent a request sets before it asks its conjugate ("For p = 3, what is q?")."""


def _exponent_alone(r: PartReading) -> None:
    """A part that asks only the Hölder conjugate of an exponent it names ("For p = 3, what is
    the Hölder conjugate q?"): the answer is p/(p-1) whatever the gradient and the step, so a
    missing gradient or norm is no gap; the norm is the l_p of that exponent (with a note)."""
    asks = r.value(F.asks) or []
    if not asks or not all(isinstance(a, dict) and a.get("kind") == Q.HOLDER_CONJUGATE.key
                           and a.get("measure") for a in asks):
        return
    gaps = {F.gradient, F.norm}
    if not any(m.name in gaps for m in r.missing) or \
            any(m.name not in gaps | {F.form} for m in r.missing):
        return
    r.missing = [m for m in r.missing if m.name not in gaps | {F.form}]
    if F.norm not in r.fields:
        r.set(F.norm, asks[0]["measure"], r.fields[F.asks].source,
              note="the l_p norm of the exponent asked")
    if F.gradient not in r.fields:
        r.set(F.gradient, "g", r.fields[F.asks].source,
              note="no gradient is given, and none is needed: the conjugate depends only on p")


def _take_conjugate_of_p(r: PartReading, phrases: list[str]) -> None:
    """"What is the Hölder conjugate q of p = 4?": the conjugate of the exponent the request
    names, not of the part's own norm (whose conjugate it would be without a p)."""
    own = r.own_text or ""
    m = _CONJUGATE_OF.search(own) or _EXPONENT_SET.search(own)
    if not phrases or m is None:
        return
    p = m.group(1)
    asks = [{"kind": Q.HOLDER_CONJUGATE.key, "measure": {"name": N.LP.key, "p": float(p) if "."
                                                         in p else int(p)}}
            if a == Q.HOLDER_CONJUGATE.key else a for a in r.value(F.asks) or []]
    r.set(F.asks, asks, f"{r.fields[F.asks].source} | {phrase(own, m.start(), m.end())}",
          note=f"the Hölder conjugate of the exponent p = {p} the request names")


_OF_G = r"\bnorm of (?:the )?(?:gradient|g|G|∇ ?[fL])(?![\w(])"
_DUAL_CONTEXT = re.compile(rf"\bdual\b|{_OF_G}[^.?]{{0,40}}\b(?:appears?|shows? up|enters?|occurs?|"
                           rf"is involved|comes in)\b|\b(?:looks like|equals?|is|are)\b[^.?]{{0,40}}"
                           rf"{_OF_G}", re.I)
"""A "which norm" that asks for the dual norm: the sentence says dual, or asks which norm *of
the gradient* appears (in the optimal value, the step length, the threshold: always the dual
norm of the step's norm). Other "which norm" questions ("which norm gives the largest
decrease?") are not this and stay unplaced."""
_NAMED_DUAL = frozenset({N.L1, N.L2, N.LINF, N.FROBENIUS, N.SPECTRAL, N.NUCLEAR})
"""Norms whose dual is a catalogue norm without parameters (the name answers the question)."""


_DECREASE = re.compile(r"\b(?:which|what) (?:of the (?:(?P<n>two|three|four|five) )?norms?|norm)\b"
                       r"[^.?]{0,40}?\b(?:gives?|yields?|produces?|achieves?|has)\b[^.?]{0,12}?"
                       r"\b(?P<x>largest|biggest|greatest|smallest|least)\b (?:first-order |linear |"
                       r"predicted )?(?:decrease|reduction|drop|improvement)\b", re.I)
_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5}


def _take_largest_decrease(r: PartReading, phrases: list[str]) -> None:
    """"Which of the three norms gives the largest decrease −gᵀd* of the linear model?": the
    norms of the earlier parts that solve the same problem (same g, form and weight) are
    compared; the count, when written, must be theirs. Otherwise left for the refusal."""
    own = r.own_text or ""
    for p in phrases:
        m = _DECREASE.search(sentence_of(own, p) or own)
        if m is None:
            continue
        same = [q for q in getattr(r, "_previous", [])
                if isinstance(q.value(F.norm), str) and q.value(F.form) == r.value(F.form)
                and all(q.value(k) == r.value(k) for k in (F.gradient, F.alpha, F.eta))]
        among = list(dict.fromkeys(q.value(F.norm) for q in same))
        want = _COUNT.get((m.group("n") or "").lower())
        if len(among) < 2 or (want is not None and want != len(among)):
            continue
        largest = m.group("x").lower() in ("largest", "biggest", "greatest")
        labels = ", ".join(f"({q.label})" for q in same)
        r.set(F.norm, among[0], f"the norms of {labels}",
              note="the part compares the earlier parts' norms; the first stands for its own")
        r.set(F.asks, [{"kind": Q.WHICH_SOLUTION.key, "among": among, "largest": largest}],
              phrase(own, m.start(), m.end()),
              note=f"the norm among {', '.join(among)} with the "
                   f"{'largest' if largest else 'smallest'} decrease of the linear model")
        return


def _take_which_norm(r: PartReading, phrases: list[str], norm: Any) -> None:
    """"What is the dual norm of ‖·‖_∞?", "Which norm is the dual of the nuclear norm?",
    "which norm of G appears in it?": the name of the dual norm of the norm the sentence names,
    else of the part's own norm. Taken only where the sentence asks for a dual norm (see
    :data:`_DUAL_CONTEXT`) and names at most one norm; otherwise left for the refusal."""
    own = r.own_text or ""
    for p in phrases:
        sentence = sentence_of(own, p)
        if not sentence or not _DUAL_CONTEXT.search(sentence):
            continue
        if _dual_value_asked(r, sentence, p, norm):
            continue
        matrix = isinstance(r.value(F.gradient), list) and is_matrix(r.value(F.gradient)) or \
            r.value(F.gradient) == "G"
        named = [name for _s, name, inside, _sq, _src in _symbol_norms(sentence)
                 if name and inside.split("_")[0].strip() not in ("g", "G", "∇f", "∇L")]
        named += [name for _s, _e, name, _src in _word_norms(sentence)]
        named = list(dict.fromkeys(N.SPECTRAL.key if matrix and n == N.L2.key else n
                                   for n in named))
        if len(named) > 1:
            continue
        of = named[0] if named else norm
        entry = NORMS.get(of) if isinstance(of, str) else None
        if entry is None or entry not in _NAMED_DUAL:
            continue
        ask: Any = Q.WHICH_NORM.key if of == norm else {"kind": Q.WHICH_NORM.key, "measure": of}
        have = r.value(F.asks) or []
        if ask not in have:
            old = r.fields[F.asks].source if F.asks in r.fields else ""
            r.set(F.asks, [*have, ask], " | ".join(x for x in (old, p, sentence.strip()) if x),
                  note=f"the name of the dual of the {entry.key} norm")
        _its_value(r, sentence, p, of == norm)


_ITS_VALUE = re.compile(r"\b(?:what is|what's|whats|give|state|and|also) its (?:numerical |exact |"
                        r"numeric )?value\b(?: here| there| (?:of|at|for) (?:the |this |the given |the current )?"
                        r"(?:gradient|g|G)\b)?(?! (?:of|at|for)\b)", re.I)
"""'Which norm is it, and what is its value here?': the value of the norm just named at the
part's gradient."""


def _its_value(r: PartReading, sentence: str, p: str, own_dual: bool) -> None:
    """The value asked of the dual norm a which-norm question names ("… and what is its value
    here?"): the dual norm of the gradient when the dual is of the part's own norm; refused
    otherwise (the family answers the dual norm of its own norm only)."""
    m = _ITS_VALUE.search(sentence, sentence.find(p) + len(p) if p in sentence else 0)
    if m is None:
        return
    if not own_dual:
        r.miss(F.asks, f"\"{m.group(0)}\" asks the value of the dual of a norm that is not the "
                       "part's own (expected the part's norm, or 'evaluate ‖g‖_1')")
        return
    asks = list(r.value(F.asks) or [])
    if Q.DUAL_NORM.key not in asks:
        old = r.fields[F.asks].source if F.asks in r.fields else ""
        r.set(F.asks, [*asks, Q.DUAL_NORM.key], " | ".join(x for x in (old, m.group(0)) if x),
              note="the value at the gradient of the dual norm just named")


_DUAL_AT_G = re.compile(r"\bdual norm\b(?:[^.?,;]|‖ ?\. ?‖| ?, ?(?=(?:evaluated|computed|taken|applied|"
                        r"measured)\b)){0,40}?\b(?:at|of|for|on) (?:the )?(?:given |"
                        r"current )?(?:gradient|grad|g|G|∇ ?[fL])(?![\w(])", re.I)
_SHOW = re.compile(r"^\W{0,3}(?:show|prove|verify|check|argue|explain why)\b(?: that)?", re.I)


def _dual_value_asked(r: PartReading, sentence: str, p: str, norm: Any) -> bool:
    """"Evaluate the dual norm of ‖·‖_RMS at the given g": the dual norm's value at the
    gradient, not its name (asked as the dual norm, of the part's own norm); "Show that the
    dual norm of ‖·‖_RMS is √n ‖·‖_2 and evaluate ‖g‖_RMS,∗": a relation the derivation of that
    value shows. True when taken so (the norm named must be the part's)."""
    if norm is None:
        return False
    named = {n for at, n, inside, _sq, src in _symbol_norms(sentence)
             if n and inside.split("_")[0].strip() not in ("g", "G", "∇f", "∇L")
             and not _aside(sentence, at, at + len(src))}  # not the claimed dual itself
    named |= {n for at, end, n, _src in _word_norms(sentence) if not _aside(sentence, at, end)}
    own_name = norm.get("name") if isinstance(norm, dict) else norm
    if named - {own_name}:
        return False
    asks = list(r.value(F.asks) or [])
    at_g = _DUAL_AT_G.search(sentence)
    shown = _SHOW.match(sentence) and (Q.DUAL_NORM.key in asks or any(
        _dual_of_gradient(r, m.group(0), norm) for m in _GRADIENT_NORM.finditer(sentence)))
    if not at_g and not shown:
        return False
    if Q.DUAL_NORM.key not in asks:
        old = r.fields[F.asks].source if F.asks in r.fields else ""
        r.set(F.asks, [*asks, Q.DUAL_NORM.key], " | ".join(x for x in (old, p) if x),
              note="the dual norm's value at the gradient")
    r.answered_by.setdefault(Q.WHICH_NORM.key, Q.DUAL_NORM.key)
    if shown:
        r.notes.append(f"\"{sentence.strip()}\": the dual norm stated is the one whose value at g "
                       "the derivation computes")
    return True


_GRADIENT_NORMS = re.compile(r"‖ ?(?:g|G|∇ ?f(?:\(\w{1,6}\))?|∇ ?L) ?‖(?:_\{?(?P<i>[^\s{}‖,.?;:)\]]{1,6})\}?|"
                             r"(?P<star>[*∗]))?")


def _take_gradient_norms(r: PartReading, phrases: list[str], norm: Any) -> list[str]:
    """"Give [‖G‖_F, ‖G‖_2, ‖G‖_*]", "compute ‖g‖_1 and ‖g‖_∞": each norm of the given gradient
    the sentence lists, in order, as the dual norm of the gradient under the norm whose dual it
    is (the Frobenius and l2 norms are their own duals; spectral and nuclear, l1 and l∞ pair up).
    A norm without such a partner, or a bare ‖g‖, leaves the ask for the refusal. A sentence
    naming one norm of the gradient is left to the part's own dual-norm reading. Returns the
    phrases taken."""
    taken: list[str] = []
    own = r.own_text or ""
    g = r.value(F.gradient)
    matrix = (isinstance(g, list) and is_matrix(g)) or g == "G"
    for p in phrases:
        sentence = sentence_of(own, p)
        found = list(_GRADIENT_NORMS.finditer(sentence))
        if len(found) < 2 or _STEP_NORM.search(sentence):
            continue
        measures = []
        for m in found:
            index = "*" if m.group("star") else m.group("i")
            entry = by_index(index) if index else None
            if entry is not None and matrix and entry is N.L2:
                entry = N.SPECTRAL
            if entry is None or entry not in _NAMED_DUAL or entry.is_matrix != matrix:
                measures = []
                break
            measures.append(entry.dual)
        if not measures:
            continue
        have = list(r.value(F.asks) or [])
        new = [{"kind": Q.DUAL_NORM.key, "measure": m} for m in measures]
        if any(a in have for a in new):
            taken.append(p)   # another item of a sentence whose norms are taken already
            continue
        old = r.fields[F.asks].source if F.asks in r.fields else ""
        r.set(F.asks, have + new,
              " | ".join(x for x in (old, *(m.group(0) for m in found)) if x),
              note="each norm of the gradient asked, as the dual norm of its dual partner")
        r.answered_by.setdefault(Q.NORM_VALUE.key, Q.DUAL_NORM.key)
        taken.append(p)
    return taken


_DECREASE_WORD = re.compile(r"\b(?:decreas\w*|reduc\w*|drops?|dropping)\b", re.I)
_CHANGE_WORD = re.compile(r"\bchang\w*|(?<![-−])(?<![-−] )[gG] ?(?:\^ ?(?:T|⊤)|ᵀ)", re.I)
"""The change gᵀu itself named; not its negation −gᵀu*, which is the decrease."""


def _decrease_asked(r: PartReading, asks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """"The predicted decrease", "by how much does the linear model predict the loss will
    decrease?" of a norm-ball step: the decrease is the positive amount −gᵀu*, and with the
    constraint the objective is gᵀu alone, so it is minus the minimum value, the decrease the
    model predicts. Left as the change gᵀu*: a decrease the text itself writes as gᵀu* or calls
    the change ("the predicted decrease gᵀd*", "i.e. the change gᵀu"), an operand of a ratio
    (whose value the sign does not change), and any decrease of a penalised step."""
    own = r.own_text or ""
    derived = r.fields.get("derived")
    out = []
    for key, said in asks:
        if key == Q.LINEAR_CHANGE.key and r.value(F.form) == "constraint" \
                and _DECREASE_WORD.search(said) and not _CHANGE_WORD.search(said) \
                and not (derived is not None and said in derived.source) \
                and not _written_as_change(own, said):
            key = Q.MODEL_DECREASE.key
            r.answered_by.setdefault(Q.LINEAR_CHANGE.key, Q.MODEL_DECREASE.key)
            r.notes.append(f"\"{said}\" asks the decrease −gᵀu*: with the constraint the "
                           "objective is gᵀu alone, so it is minus the minimum value")
        elif key == Q.LINEAR_CHANGE.key and r.value(F.form) in ("penalty", "penalty-squared") \
                and _POSITIVE_DECREASE.search(said):
            r.miss(f"question \"{said}\"", "asks the positive decrease −gᵀu* the linear model "
                                           "predicts for a penalised step, which optiproof answers "
                                           "only as the change gᵀu* (expected 'the change gᵀu*', or "
                                           "the decrease of the whole model)")
            continue
        out.append((key, said))
    return out


_POSITIVE_DECREASE = re.compile(r"[-−] ?(?:[gG]|∇ ?[fL]) ?(?:\^ ?(?:T|⊤)|ᵀ)|\b(?:what|which|how (?:big|large|"
                                r"much))\b[^.?]{0,12}\b(?:decrease|reduction|drop)\b", re.I)
"""A decrease asked as the positive amount: written −gᵀu*, or asked 'what decrease …'."""


_LINEAR_TERM_AFTER = re.compile(r"^ ?(?:is |= ?|, ?)?\(? ?(?:[gG]|∇ ?[fL]) ?(?:\^ ?(?:T|⊤)|ᵀ|>)", re.I)


def _written_as_change(own: str, said: str) -> bool:
    """True when the text writes the decrease it asks as the linear term itself or calls it the
    change ("the predicted decrease gᵀd*", "the predicted decrease, i.e. the change gᵀu"): the
    value it means is gᵀd*, sign and all."""
    at = own.find(said)
    if at < 0:
        return False
    after = own[at + len(said):at + len(said) + 60]
    return _LINEAR_TERM_AFTER.match(after) is not None or _CALLED_CHANGE.match(after) is not None


_CALLED_CHANGE = re.compile(r"^ ?,? ?(?:i\.e\.|ie|that is|namely|meaning)[,:]? (?:the |its )?(?:first[- ]order "
                            r"|linear )?change\b", re.I)


class SteepestDescentReader:
    family = FAMILY
    ask_field = F.asks
    answers = (*STEEPEST_DESCENT.answer_keys, Q.NORM_VALUE.key)
    """The family's quantities, and the norm of a given vector or matrix: a norm of the
    gradient is answered as the dual norm under its partner, a norm of the step as its length
    (what cannot be placed that way is refused)."""

    def score(self, flat: str) -> Score:
        return cue_score(flat, CUES)

    def asked(self, r: PartReading) -> list[str]:
        """The catalogue quantities of the part's asks, in order (a step length is also the
        norm of the step asked as ‖Δ*‖, the dual norm the norm of the gradient asked as
        ‖g‖_q)."""
        asked = [QUANTITIES.canonical(a["kind"] if isinstance(a, dict) else a)
                 for a in r.value(F.asks) or []]
        if Q.STEP_LENGTH.key in asked:
            r.answered_by.setdefault(Q.NORM_VALUE.key, Q.STEP_LENGTH.key)
        elif Q.NORM_VALUE.key not in r.answered_by:
            return asked
        return asked + [Q.NORM_VALUE.key]

    def equal_answer(self, r: PartReading, quantity: str) -> str | None:
        """The answer of part ``r`` equal to ``quantity`` there: in the constrained form the
        objective is the linear term alone, so its minimum value is the first-order change
        gᵀu* at the minimiser."""
        if quantity == Q.LINEAR_CHANGE.key and r.value(F.form) == "constraint":
            return Q.MIN_VALUE.key
        return None

    def proportional_answer(self, r: PartReading, quantity: str) -> tuple[str, int] | None:
        """The answer of part ``r`` that ``quantity`` is a fixed multiple of there: with a
        squared-norm penalty c‖u‖², the minimiser has gᵀu* = −‖g‖*²/(2c), twice the minimum
        value −‖g‖*²/(4c), whatever the norm and the weight (so two such decreases divide as
        their minimum values do); in the constrained form the two are equal. A part that asks
        the decrease its model predicts (−min), or neither yet (a part whose own decrease a ratio
        reads), answers it as −1/k times that."""
        if quantity == Q.LINEAR_CHANGE.key and r.value(F.form) in ("penalty-squared",
                                                                     "constraint"):
            k = 2 if r.value(F.form) == "penalty-squared" else 1
            kinds = [a["kind"] if isinstance(a, dict) else a for a in r.value(F.asks) or []]
            if Q.MIN_VALUE.key not in kinds:
                return Q.MODEL_DECREASE.key, -k   # the decrease it predicts, −min = −gᵀu*/k
            return Q.MIN_VALUE.key, k
        return None

    def take(self, r: PartReading, asks: list[tuple[str, str]]) -> None:
        """Asked quantities that need no further input join the part's asks; the norm of the
        step (``what is ‖Δ*‖?``) is its length in the part's own norm."""
        simple = tuple(q.key for q in STEEPEST_DESCENT.answers
                       if q not in _MEASURED and q not in (Q.WHICH_NORM, Q.WHICH_SOLUTION))
        asks = _decrease_asked(r, asks)
        take_asks(r, F.asks, asks, simple, {Q.IDENTIFICATION.key: "optimizer"})
        _solve_asks_the_minimiser(r)
        if not asks:
            _asks_of_the_part_continued(r, self.read_questions)
        norm = r.value(F.norm)
        if Q.IDENTIFICATION.key in self.asked(r):
            _guessed_optimizers(r)
            _identified_version(r, [s for k, s in asks if k == Q.IDENTIFICATION.key])
        _take_conjugate_of_p(r, [s for k, s in asks if k == Q.HOLDER_CONJUGATE.key])
        _take_which_norm(r, [s for k, s in asks if k == Q.WHICH_NORM.key], norm)
        _take_largest_decrease(r, [s for k, s in asks if k == Q.WHICH_SOLUTION.key])
        listed = _take_gradient_norms(r, [s for k, s in asks if k == Q.NORM_VALUE.key], norm)
        if Q.THRESHOLD.key in (r.value(F.asks) or []):
            r.answered_by.setdefault(Q.CROSSOVER.key, Q.THRESHOLD.key)  # "this threshold ..."
            if any(k == Q.OPTIMAL_STEP.key and re.fullmatch(r"(?:α|alpha)(?:\^?\*|\^?⋆|_c)", s)
                   for k, s in asks):   # "the threshold α*": the threshold's own name
                r.answered_by.setdefault(Q.OPTIMAL_STEP.key, Q.THRESHOLD.key)
            _regime_at_threshold(r, [s for k, s in asks if k == Q.REGIME.key])
            _unique_below_threshold(r, [s for k, s in asks if k == Q.UNIQUENESS.key])
            _threshold_letter(r, [s for k, s in asks if k in (Q.THRESHOLD.key, Q.CROSSOVER.key)])
            _zero_step_stated(r)
        _several_balls(r, r.own_text or "")
        _take_step_length(r, [s for k, s in asks if k == Q.STEP_LENGTH.key], norm)
        lengths = [s for k, s in asks if k == Q.NORM_VALUE.key and _STEP_NORM.search(s)
                   and not _in_written_objective(r.own_text or "", s)
                   and not _only_in_balls(r.own_text or "", s)]
        if lengths and norm is not None:
            _take_step_length(r, lengths, norm)
        duals = [s for k, s in asks if k == Q.NORM_VALUE.key and s not in listed
                 and _dual_of_gradient(r, s, norm)]
        if any(k == Q.NORM_VALUE.key and s not in listed and s not in duals and
               _names_gradient_norm(r.own_text or "", s) for k, s in asks):
            duals = []   # "‖g‖_RMS and ‖g‖_2" of the l2 step: ‖g‖_RMS is no dual; refused
        if duals and Q.DUAL_NORM.key not in (r.value(F.asks) or []):
            old = r.fields[F.asks].source if F.asks in r.fields else ""
            r.set(F.asks, [*(r.value(F.asks) or []), Q.DUAL_NORM.key],
                  " | ".join(x for x in (old, *duals) if x),
                  note="the norm of the gradient in the dual of the part's norm")
        if duals:
            r.answered_by.setdefault(Q.NORM_VALUE.key, Q.DUAL_NORM.key)
        _norm_named_in_a_setting(r, [s for k, s in asks if k == Q.NORM_VALUE.key])
        _form_from_a_definition(r)
        _form_not_needed(r)
        _exponent_alone(r)
        _claimed_optimizer(r.own_text or "", r)
        _momentum_set_aside(r)
        _learning_rate_of_the_optimizer(r, [s for k, s in asks if k == Q.OPTIMAL_STEP.key])
        _optimizer_built_on_the_step(r)
        _polar_only(r, [s for k, s in asks if k == Q.ORTHOGONALISED.key])
        _singular_values_only(r, [s for k, s in asks if k == Q.SINGULAR_VALUES.key])
        _multiple_of_gradient(r, [s for k, s in asks if k == Q.UPDATE.key
                                  and re.search(Q.MULTIPLE_OF_GRADIENT, s)])
        _gradient_norms_only(r)
        named = _identified_parts(r.own_text or "", r, getattr(r, "_previous", None) or [])
        if len(named) == 1:   # asked late, beside quantities derived from other parts
            _take_setting(r, named[0])
        if Q.DUAL_NORM.key in (r.value(F.asks) or []) and F.asks in r.fields:
            own = r.own_text or ""
            m = _GRADIENT_NORM.search(own)
            if m and _dual_of_gradient(r, m.group(0), norm):
                got = r.fields[F.asks]
                r.set(F.asks, got.value, f"{got.source} | {m.group(0)}", note=got.note)

    def states_problem(self, r: PartReading, sentence: str, piece: str | None = None) -> bool:
        """A request that asks nothing but writes the part's problem ("Solve min_d gᵀd s.t.
        ‖d‖_1 ≤ η.", "We want d* = argmin_d gᵀd + (1/α)‖d‖_1^2"): its minimisation and a norm of
        the step in the read form, while the part's other requests ask something. With
        ``piece``: that piece is the formula's gradient term (the 'gᵀ' of "min gᵀd")."""
        asks = r.value(F.asks) or []
        if not asks or F.norm not in r.fields or F.form not in r.fields:
            return False
        if piece is not None and not _FORMULA_PIECE.fullmatch(piece.replace(" ", "")):
            return False
        if not _MINIMISES.search(sentence):
            return False
        form = _form_in(sentence)
        if form is None or form[0] != r.value(F.form):
            return False
        matrix = isinstance(r.value(F.gradient), list) and is_matrix(r.value(F.gradient))
        norm = r.value(F.norm)
        named = norm.get("name") if isinstance(norm, dict) else norm
        for name, _src in _primary_norms(sentence, matrix)[0]:
            if name.startswith("lp:"):
                p = name[3:]
                value = {"1": N.L1.key, "2": N.L2.key}.get(p) or {"name": N.LP.key, "p": _num(p)}
                if value != norm:
                    return False
            elif name != named:
                return False
        return True

    def applied(self, r: PartReading) -> set[str]:
        """Transformations the part's form expresses (the plain penalty drops the square)."""
        return set(_APPLIED.get(r.value(F.form), set()))

    def symbol(self, r: PartReading, symbol: str) -> str | None:
        """A bare step symbol (u, d*, Δ*, ΔW^*) asks for the update."""
        s = symbol.replace(" ", "")
        if s == "q" and any(c.name == "Hölder conjugate" for c in r.conventions):
            return Q.HOLDER_CONJUGATE.key
        if s and _STEP_SYMBOL.match(s):
            return Q.UPDATE.key
        if _NAMED_RESULT.fullmatch(s) and _names_the_minimiser(r.own_text or "", s):
            return Q.UPDATE.key
        if r.value(F.form) == "constraint" and _NEGATED_LINEAR_TERM.fullmatch(symbol.strip()):
            # "the predicted decrease −gᵀu*" of the constrained step: the objective is gᵀu
            # alone, so the decrease it predicts is minus the minimum value
            return Q.MODEL_DECREASE.key
        if r.value(F.form) == "penalty" and s:
            # "give the threshold value of c" of gᵀu + c‖u‖: the letter is the weight whose
            # threshold is asked, not the conventional symbol of another quantity
            weight = _penalty_weight(r.own_text or "") or _penalty_weight(getattr(r, "_ctx", "") or "")
            if weight is not None and weight[0] == "times" and weight[2] == s and \
                    s not in ("α", "alpha"):
                return Q.THRESHOLD.key
        m = _STEP_UNDER.match(s)  # d_∞ for the step under the part's l∞ norm
        entry = by_index(m.group(1)) if m else None
        norm = r.value(F.norm)
        if entry is not None and isinstance(norm, str) and entry.key == norm:
            return Q.UPDATE.key
        return _defined_symbol(r, symbol.strip())

    def formula_roles(self, r: PartReading) -> FormulaRoles:
        """The roles of a formula a request writes ("gᵀd*", "⟨G, Δ*⟩", "‖d*‖"): the gradient
        (g, G, ∇L), the step (a starred step letter, or u), the weight α, the part's norm by
        its subscripts, and the objective of the part's form (None when the form is unread)."""
        norm = r.value(F.norm)
        if isinstance(norm, dict) and norm.get("name") == N.LP.key:
            index = frozenset({str(norm.get("p"))})
        else:
            entry = NORMS.get(norm.get("name") if isinstance(norm, dict) else norm or "")
            index = frozenset(entry.index) if entry is not None else frozenset()
        g, u, a = formula_symbols()
        objective = {"constraint": Inner(g, u), "penalty": Inner(g, u) + Norm(u) / a,
                     "penalty-squared": Inner(g, u) + Norm(u) ** 2 / a}.get(r.value(F.form))
        defined = set()   # 'dW = argmin <G, dW> ...': the symbol so defined is the optimal step
        for text in (r.own_text or "", getattr(r, "_ctx", "") or ""):
            for m in _DEFINED_STEP.finditer(text):
                got = parse_formula(m.group(1))
                if isinstance(got, sympy.Symbol):
                    defined.add(got.name)
        return FormulaRoles(gradient=frozenset({"g", "G"}),
                            step=frozenset({"u", *(f"{x}^*" for x in _STEP_LETTERS), *defined}),
                            weight=frozenset({"alpha"}), norm_index=index, objective=objective,
                            weighted_by=_weight_letter(r, a))

    read_questions: Any = None
    """The reading layer's question reader, set by it before a part is read (a post stating
    several problems is split at the paragraphs that ask something)."""

    def read_part(self, part: PartText, objects: PartObjects,
                  previous: list[PartReading]) -> list[PartReading]:
        read = self._read_part(part, objects, previous)
        alternatives = getattr(read[0], "_alternatives", None) if len(read) == 1 else None
        if not alternatives:
            return read
        # the part asks the same of each norm it names: one sub-part per norm, in turn
        out = []
        for k, name in enumerate(alternatives, 1):
            sub = PartText(f"{part.label}.{k}", part.own, part.context, part.start)
            got = self._read_part(sub, objects, previous, choice=name)
            if len(got) != 1 or F.norm not in got[0].fields:
                return read
            got[0].notes.append(f"the part asks the same of each norm it names; this sub-part "
                                f"is the one under the {name} norm")
            out += got
        return out

    def _read_part(self, part: PartText, objects: PartObjects, previous: list[PartReading],
                   choice: str | None = None) -> list[PartReading]:
        own, ctx = part.flat, part.flat_context
        r = PartReading(part.label, FAMILY, own_text=own)
        r._previous = previous  # type: ignore[attr-defined]
        r._ctx = ctx  # type: ignore[attr-defined]
        for text in (own, ctx):
            m = _CONJUGATE.search(text)
            if m:
                r.convention("Hölder conjugate", phrase(text, m.start(), m.end()),
                             "q is the Hölder conjugate of p (1/p + 1/q = 1)")
                break
        matrix = _matrix_gradient(part, r)
        if matrix and F.gradient in r.fields:
            _stated_shape(part.flat + " " + part.flat_context, r)
            _given_svd(part.flat + " " + part.flat_context, r)
            _given_outer_svd(part.flat + " " + part.flat_context, r)
        _read_norm(own, ctx, r, matrix, choice)
        _norm_chosen(own, r)
        _read_form(own, ctx, r)
        _read_scalars(own, ctx, r)
        _inherit_setting(own, ctx, r, previous)
        _weight_of_the_named_step(own, r, previous)
        _same_weight(own, r, previous)
        if not _cross_ratio(own, r, previous):
            _read_asks(own, r, previous, matrix)
        named = _identified_parts(own, r, previous)
        if len(named) == 1:
            _take_setting(r, named[0])
        elif named and "." not in part.label:
            return [_identification_of(r, p, k) for k, p in enumerate(named, 1)]
        if getattr(r, "_two_problems", False) and "." not in part.label:
            split = _split_problems(self, part, objects, previous)
            if split is not None:
                return split
        return [r]


_LABEL = r"\((?:[a-h]|[ivx]{1,4}|\d{1,2})\)"
_IDENTIFIED_STEPS = re.compile(
    r"\b(?:optimi[sz]ers?|methods?|algorithms?|update rules?)\b[^.?;]{0,60}?\b(?:steps?|updates?|"
    rf"directions?)\b[^.?;()]{{0,30}}? (?:in|of|from) (?:parts? )?(?P<labels>{_LABEL}(?:(?:,| and|, "
    rf"and) (?:part )?{_LABEL}){{0,3}})(?![\w(])", re.I)
"""An optimizer asked of the steps of earlier parts ("which optimizer takes steps of the form
found in (a)?", "name the optimisers that the steps in (b) and (c) correspond to")."""
_SETTING_FIELDS = (F.norm, F.form, F.alpha, F.eta)


def _identified_parts(own: str, r: PartReading, previous: list[PartReading]) -> list[PartReading]:
    """The earlier parts whose steps a part that asks only the optimizer (beside quantities
    derived from other parts' answers) asks it of; empty when it asks anything of its own
    problem, or names a part this family did not read completely."""
    asks = [a for a in r.value(F.asks) or [] if not isinstance(a, dict)]
    if "optimizer" not in asks or set(asks) - {"optimizer", Q.EXPLANATION.key}:
        return []
    m = _IDENTIFIED_STEPS.search(own)
    if m is None:
        return []
    by_label = {p.label: p for p in previous if p.family == FAMILY and p.label != r.label}
    labels = list(dict.fromkeys(re.findall(r"\(([^()]+)\)", m.group("labels"))))
    named = [by_label.get(x) for x in labels]
    if not named or any(p is None or p.missing or any(n not in p.fields for n in (F.norm, F.form))
                        for p in named):
        return []
    return named  # type: ignore[return-value]


def _take_setting(r: PartReading, src: PartReading) -> None:
    """The part's problem is the named part's: its norm, form, weight and radius, in place of
    any the part's own words (operands of a ratio, say) suggested."""
    for name in _SETTING_FIELDS:
        r.fields.pop(name, None)
        r.missing = [m for m in r.missing if m.name != name]
        if name in src.fields:
            got = src.fields[name]
            r.set(name, got.value, f"{_FROM_PART.sub('', got.source)}; from part ({src.label})",
                  note=f"the optimizer is asked of the step of part ({src.label})")


def _identification_of(r: PartReading, src: PartReading, k: int) -> PartReading:
    """One sub-part of a part that asks the optimizers of the steps of several earlier parts:
    the optimizer of part ``src``'s step."""
    sub = PartReading(f"{r.label}.{k}", FAMILY, own_text=r.own_text)
    for name, f in r.fields.items():
        if name not in _SETTING_FIELDS and name != "derived":
            sub.fields[name] = f
    sub.missing = [m for m in r.missing if m.name not in _SETTING_FIELDS]
    sub.notes = [*r.notes, f"the part asks the optimizers of several parts' steps; this "
                           f"sub-part is the one of part ({src.label})"]
    sub.answered_by = dict(r.answered_by)
    for attr in ("_previous", "_ctx"):
        setattr(sub, attr, getattr(r, attr, None))
    _take_setting(sub, src)
    return sub


_STEP_LETTERS = ("d", "D", "u", "U", "Delta", "delta")
"""The letters a starred step is written in, as the parser names them (``d^*``, ``Delta^*``)."""
_NAMED_RESULT = re.compile(r"[a-zA-Zδ](?:\^?\*|\^⋆|⋆)?")


def _several_balls(r: PartReading, own: str) -> None:
    """"(i) ‖u‖_1 ≤ η and (ii) ‖u‖_∞ ≤ η": two problems in one part, refused (once)."""
    balls = {m.group(1) for m in _BALL.finditer(own)}
    if len(balls) > 1 and not any("norm balls of several norms" in m.reason for m in r.missing):
        r.miss(F.norm, "the part states norm balls of several norms (" + ", ".join(
            f"‖·‖_{b}" for b in sorted(balls)) + "); one part answers one norm (expected "
            "one part per norm)")


def _weight_letter(r: PartReading, alpha: Any) -> tuple[tuple[str, Any], ...]:
    """The letter the part's penalty weight is written in, other than α, with its value in α
    (λ/2 = 1/α gives λ = 2/α; 1/(2η) = 1/α gives η = α/2), as the formula parser names it; empty
    when the weight is α itself or no such letter is read."""
    got = _penalty_weight(r.own_text or "") or _penalty_weight(getattr(r, "_ctx", "") or "")
    if got is None or got[0] not in ("inverse", "over", "times"):
        return ()
    kind, const, sym, _src = got
    name = _weight_name(sym)
    if name == "alpha":
        return ()
    c = Fraction(const.replace(" ", "")) if const else Fraction(1)
    value = {"inverse": alpha / c, "over": c / alpha, "times": 1 / alpha}[kind]
    parsed = {"lam": "lambda"}.get(name, name)
    return ((parsed, value),)


def _names_the_minimiser(own: str, symbol: str) -> bool:
    """"Minimise gᵀd + (1/α)‖d‖∞² and give v", "v = argmin ...", "call the minimiser v": the
    letter names the part's minimiser (its sentence minimises, or the text calls the result so)."""
    sym = re.escape(symbol)
    for m in re.finditer(rf"(?<![\w^_]){sym}(?![\w(^_])", own):
        sentence = sentence_of(own, own[max(0, m.start() - 1):m.end()]) or ""
        if re.search(rf"\b(?:minimi[sz]e|solve)\b[^.?]{{0,80}}\b(?:give|report|compute|find)\b"
                     rf"(?: the (?:minimi[sz]er|step|result))? {sym}\b|(?<![\w^_]){sym} ?= ?arg ?min|"
                     rf"\b(?:call|denote|name)\b[^.?]{{0,40}}\b(?:minimi[sz]er|step|update|"
                     rf"result)\b[^.?]{{0,12}}? {sym}\b", sentence, re.I):
            return True
    return False


def _defined_symbol(r: PartReading, symbol: str) -> str | None:
    """A symbol the part's text (or the shared text) introduces right after naming a quantity
    ("there is a threshold α_c such that ...", "the critical value α* of the weight"): that
    quantity, when this family answers it (or answers it as another quantity it asks)."""
    if not symbol or len(symbol) > 12:
        return None
    for text in (r.own_text or "", getattr(r, "_ctx", "")):
        for m in re.finditer(rf"(?<![\w]){re.escape(symbol)}(?![\w])", text):
            before = text[max(0, m.start() - 60):m.start()]
            named = [q for q in QUANTITIES.mentions(before)
                     if re.fullmatch(r"(?: (?:value|of α|of alpha|for α|for alpha))? ?",
                                     before[q.end:])]
            if not named:
                continue
            key = named[-1].entry.key
            if key in HOOKS.answers:
                return key
            if r.answered_by.get(key) in (r.value(F.asks) or []):
                return r.answered_by[key]
    return None


# -- a post stating several problems -----------------------------------------------------------

_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_FORMULA_PIECE = re.compile(r"(?:g|G|∇[fL](?:\(\w{1,3}\))?)(?:\^T|ᵀ|\^⊤|>)?(?:d|D|Δ|δ)?|min_?\w{0,2}")
"""The gradient term of an objective written in a request ("gᵀ", "g^Td", "∇L(w)^T")."""
_MINIMISES = re.compile(r"\barg ?min|\bmin(?:imi[sz]e)?(?:_\{?\w{1,3}\}?)?\b", re.I)


def _split_problems(reader: Any, part: PartText, objects: PartObjects,
                    previous: list[PartReading]) -> list[PartReading] | None:
    """A part (a forum post, say) that states two problems, one per paragraph ("... the plain
    penalty ... what is the cutoff? / Second thing: replace the penalty by the constraint ...
    and asks for the minimiser"): one sub-part per paragraph that asks something, each read
    from its paragraph with the text before it as context (so "the same g" is found) and
    accounted against its own questions only. None (the refusal stands) unless every
    sub-part then reads one problem."""
    read_questions = reader.read_questions
    if read_questions is None:
        return None
    paragraphs = [p for p in _PARAGRAPH.split(part.own) if p.strip()]
    asking = [i for i, p in enumerate(paragraphs)
              if any(q.asks for q in read_questions(" ".join(p.split())).requests)]
    if len(asking) < 2:
        return None
    out: list[PartReading] = []
    for k, i in enumerate(asking, 1):
        # the paragraphs since the previous question (not the post's opening one) state it
        first = asking[k - 2] + 1 if k > 1 else min(i, 1)
        before = "\n\n".join(paragraphs[:first])
        sub = PartText(f"{part.label}.{k}", "\n\n".join(paragraphs[first:i + 1]),
                       "\n\n".join(x for x in (part.context, before) if x.strip()), part.start)
        for r in reader.read_part(sub, objects, previous):
            if getattr(r, "_two_problems", False) or F.form not in r.fields:
                return None
            r.notes.append(f"the post states several problems; this sub-part is the paragraph "
                           f"\"{phrase(sub.flat, 0, len(sub.flat))}\" (the text before it is its "
                           "context)")
            r.own_questions = read_questions(sub.flat)  # type: ignore[attr-defined]
            out.append(r)
    for paragraph in paragraphs[:min(asking[0], 1)]:
        _claim_in_context(" ".join(paragraph.split()), out)
    return out


_CONTEXT_CLAIM = re.compile(r"\b(?:gives?|yields?|produces?|is|reduces to|recovers) (?:just |exactly |"
                            r"basically |simply )?(?:a |an |the )?(?:scaled |rescaled |normali[sz]ed |"
                            r"plain )?", re.I)


def _claim_in_context(flat: str, parts: list[PartReading]) -> None:
    """"With the squared max norm, argmin ... ‖d‖_∞^2 gives a scaled sign descent step" in the
    opening of a post that states several problems: the claim is about the one sub-part whose
    form and norm are the sentence's; there it is answered as the identification."""
    from optiproof.catalogue import KINDS

    for m in KINDS["optimizer"].mentions(flat):
        before = _CONTEXT_CLAIM.search(flat, max(0, m.start - 40), m.start)
        if before is None or before.end() != m.start:
            continue
        sentence = sentence_of(flat, m.phrase)
        form = _form_in(sentence)
        names = {n for n, _ in _primary_norms(sentence, False)[0]}
        match = [r for r in parts if form and r.value(F.form) == form[0]
                 and names == {r.value(F.norm)}]
        if len(match) != 1:
            continue
        r = match[0]
        asks = r.value(F.asks) or []
        if "optimizer" not in asks:
            r.set(F.asks, [*asks, "optimizer"], r.fields[F.asks].source,
                  note=r.fields[F.asks].note)
        r.convention("claimed optimizer", m.phrase, f"\"{phrase(flat, before.start(), m.end)}\" "
                     "is said of this sub-part's problem; answered as its identification")


# -- gradient --------------------------------------------------------------------------------

_SCALE = re.compile(r" ?(?:\(?(\d{1,4})\)? ?/ ?\(?(\d{1,4})\)?|(\d{1,4}(?:\.\d{1,4})?)) ?[·*]? ?(?=[\[(])")
_GRADIENT_NAME = (r"(?:g|G|∇ ?f(?:\((?:θ|[a-zθw]_?(?:k|t|\{?k\}?|\{?t\}?|0))\))?|∇ ?L(?:\((?:θ|w|W)(?:_?[kt])?\))?|"
                  r"(?:the )?gradient(?: g| G| grad)?|grad)"
                  r"(?: ?= ?∇[^=\[\]]{1,30})?")


def scaled_array(text: str, name: str) -> tuple[list, str, int] | None:
    """``NAME = c·[array]`` with a number or fraction c in front (``G = (1/5) [[27, -14], ...]``,
    ``U = (1)/(3) [[2, 1], ...]``): the entries multiplied out, the phrase and its end."""
    for m in rx(rf"(?<![\w])(?:{name}) ?= ?").finditer(text):
        sc = _SCALE.match(text, m.end())
        if sc is None:
            continue
        got = array_at(text, sc.end())
        if got is None:
            continue
        num, den, plain = sc.groups()
        c = Fraction(plain) if plain else Fraction(int(num), int(den))
        value, end = got
        scale = (lambda x: Num(x.value * c, f"{x.text}·{sc.group(0).strip()}"))
        scaled = ([[scale(x) for x in row] for row in value] if is_matrix(value)
                  else [scale(x) for x in value])
        return scaled, phrase(text, m.start(), end), end
    return None


_SHAPE = re.compile(r"(?<![\w.^])(\d{1,4}) ?[x×] ?(\d{1,4})(?![\w.^])")


def _stated_shape(text: str, r: PartReading) -> None:
    """"a 2x3 weight matrix", "(the full 2×3 matrix)": a size the text states that is the
    numeric gradient's shape is read (a convention); another size is left unused."""
    g = r.value(F.gradient)
    if not (isinstance(g, list) and is_matrix(g)):
        return
    for m in _SHAPE.finditer(text):
        if (int(m.group(1)), int(m.group(2))) == (len(g), len(g[0])):
            r.convention("shape", m.group(0), f"the gradient's shape {len(g)}×{len(g[0])}")


_SVD_STATED = re.compile(r"= ?U ?(?:Σ|S|Λ) ?V ?\^ ?(?:T|⊤|\*)")


def _factor(text: str, name: str) -> tuple[list[list[Fraction]], str] | None:
    got = assigned_array(text, name) or scaled_array(text, name)
    if got is None or not is_matrix(got[0]):
        return None
    return [[x.value for x in row] for row in got[0]], got[1]


def _given_svd(text: str, r: PartReading) -> None:
    """A gradient stated with its decomposition ``G = UΣV^T, U = ..., Σ = ..., V = ...``: the
    product must give G exactly; the factors then count as read (the solver recomputes them)."""
    g = r.value(F.gradient)
    if not _SVD_STATED.search(text) or not (isinstance(g, list) and is_matrix(g)):
        return
    factors = [_factor(text, n) for n in ("U", "Σ|S|Λ", "V")]
    if any(f is None for f in factors):
        return
    (U, su), (S, ss), (V, sv) = factors  # type: ignore[misc]
    try:
        US = [[sum(U[i][k] * S[k][j] for k in range(len(S))) for j in range(len(S[0]))]
              for i in range(len(U))]
        prod = [[sum(US[i][k] * V[j][k] for k in range(len(V[0]))) for j in range(len(V))]
                for i in range(len(US))]
    except IndexError:
        prod = None
    want = [[Fraction(str(x)) for x in row] for row in g]
    field = r.fields[F.gradient]
    if prod != want:
        r.miss(F.gradient, f"the stated decomposition U Σ V^T (\"{su}\", \"{ss}\", \"{sv}\") "
                           f"does not multiply out to the gradient \"{field.source}\"")
        return
    r.set(F.gradient, g, "; ".join((field.source, su, ss, sv)),
          note="the stated U Σ V^T multiplies out to G exactly")


_OUTER_TERM = r"(\d{1,4}(?:\.\d{1,4})?(?: ?/ ?\d{1,4})?) ?[·*]? ?u_?(\d) ?v_?\2 ?\^ ?(?:T|⊤)"
_OUTER_SVD = re.compile(rf"(?:\bG|[\])]) ?= ?{_OUTER_TERM}(?: ?\+ ?{_OUTER_TERM.replace('2', '4')}){{1,5}}")
_OUTER_ANY = re.compile(_OUTER_TERM)


def _given_outer_svd(text: str, r: PartReading) -> None:
    """A gradient stated as a sum of rank-one terms ``G = 6·u_1v_1^T + 3·u_2v_2^T`` with its
    vectors ``u_1 = (3/5, 4/5)^T, v_1 = 1/3(1, 2, 2)^T, ...``: the sum must give G exactly; the
    decomposition then counts as read (the solver recomputes it)."""
    g = r.value(F.gradient)
    m = _OUTER_SVD.search(text)
    if m is None or not (isinstance(g, list) and is_matrix(g)):
        return
    want = [[Fraction(str(x)) for x in row] for row in g]
    total = [[Fraction(0)] * len(want[0]) for _ in want]
    sources = [phrase(text, m.start(), m.end())]
    for term in _OUTER_ANY.finditer(text, m.start(), m.end()):
        c, i = Fraction(term.group(1).replace(" ", "")), term.group(2)
        vectors = []
        for name in ("u", "v"):
            got = assigned_array(text, rf"{name}_?{i}") or scaled_array(text, rf"{name}_?{i}")
            if got is None or is_matrix(got[0]):
                return
            vectors.append([x.value for x in got[0]])
            sources.append(got[1])
        u, v = vectors
        if len(u) != len(want) or len(v) != len(want[0]):
            return
        for a in range(len(u)):
            for b in range(len(v)):
                total[a][b] += c * u[a] * v[b]
    field = r.fields[F.gradient]
    if total != want:
        r.miss(F.gradient, f"the stated decomposition \"{sources[0]}\" does not add up to the "
                           f"gradient \"{field.source}\"")
        return
    r.set(F.gradient, g, "; ".join((field.source, *sources)),
          note="the stated sum of rank-one terms adds up to G exactly")


_STACKED_FIRST = re.compile(r"^([ \t]*(?:G|g|the gradient(?: G| g)?)[ \t]*(?:=[^=\n\[]{0,30})?="
                            r"[ \t]*)(\[[^\]\n]{1,200}\])[ \t]*$", re.M)


_BRACKET_ROW = re.compile(r"[ \t]*\[([^\]\n]{1,200})\][ \t]*")


def _stacked_rows(text: str) -> tuple[list, str] | None:
    """A matrix written as bracketed rows on consecutive lines, the first after ``G = ...``::

        G = ∇L = [ -0.4  1.6  4.0 ]
                 [  2.8  3.8  2.0 ]
    """
    m = _STACKED_FIRST.search(text)
    if m is None:
        return None
    rows, end = [m.group(2)[1:-1]], m.end()
    for line in text[m.end():].split("\n")[1:]:
        row = _BRACKET_ROW.fullmatch(line)
        if row is None:
            break
        rows.append(row.group(1))
        end += 1 + len(line)
    got = row_block(rows, 0) if len(rows) > 1 else None
    if got is None or not is_matrix(got[0]):
        return None
    return got[0], " ".join(text[m.start():end].split())


_EMPTY_ASSIGNMENT = re.compile(r"(?m)^[^\S\n]*(?:G|g)[^\S\n]*=[^\S\n]*(?P<p>[.,;]?)[^\S\n]*$")
_NUMERIC_ROW = re.compile(r"^[^\S\n]*[-−]?\d[\d.]*(?:[^\S\n]+[-−]?\d[\d.]*)+[^\S\n]*$")


def _empty_assignment(text: str) -> re.Match | None:
    """A gradient assigned on a line of its own with nothing after the '=' but a full stop
    ("G =        .") or under a row of numbers: a layout whose entries sit on the lines around
    it (a PDF's matrix), not a symbolic gradient and not the rows below alone."""
    for m in _EMPTY_ASSIGNMENT.finditer(text):
        above = [line for line in text[:m.start()].split("\n") if line.strip()]
        if m.group("p") or (above and _NUMERIC_ROW.match(above[-1])):
            return m
    return None


def _matrix_gradient(part: PartText, r: PartReading) -> bool:
    """Read the gradient (numbers or a symbol); True when it is a matrix."""
    for text in (part.own, part.context):
        empty = _empty_assignment(text or "")
        if empty is not None:   # "G =   ." with its entries laid out on lines around it
            r.miss(F.gradient, f"\"{empty.group(0).strip()}\" assigns the gradient, but its "
                               "entries could not be read (expected e.g. G = [[0, 4], [-3, 0]] "
                               "or g = (1, -2))")
            return False
    for text in (part.own, part.context):
        stacked = _stacked_rows(text)
        if stacked is not None:
            value, src = stacked
            try:
                r.set(F.gradient, spec_array(value), src)
            except ValueError as err:
                r.miss(F.gradient, str(err))
            return True
        flat = " ".join(text.split())
        got = assigned_array(flat, _GRADIENT_NAME) or scaled_array(flat, _GRADIENT_NAME)
        if got is not None:
            value, src, _ = got
            try:
                r.set(F.gradient, spec_array(value), src)
            except ValueError as err:
                r.miss(F.gradient, str(err))
            return is_matrix(value)
        block = _row_block_after(text, r"(?:^|\n)[ \t]{0,4}(?:G|g|the gradient(?: G| g)?)[ \t]{0,2}"
                                       r"(?:=|is)[ \t]{0,4}(?:\n|$)")
        if block is not None:
            value, src = block
            r.set(F.gradient, spec_array(value), src)
            return is_matrix(value)
    own_and_ctx = part.flat + " " + part.flat_context
    matrix = bool(rxc(_MATRIX_GRADIENT).search(own_and_ctx))
    m = rxc(r"\bG\b(?! ?=)").search(part.flat)
    if matrix or (m and not rxc(r"\bg\b").search(part.flat)):
        r.set(F.gradient, "G", phrase(part.flat, m.start(), m.end()) if m
              else "matrix gradient")
        shape = rxc(r"\bG ∈ R\^?(\d{1,4}) ?[×x] ?(\d{1,4})\b").search(own_and_ctx)
        if shape:
            r.set(F.shape, [int(shape.group(1)), int(shape.group(2))], shape.group(0))
        return True
    m = rxc(r"\bg\^T|⟨ ?g\b|\bg ?= ?∇|\bgradient g\b|\bg\b").search(own_and_ctx)
    if m:
        r.set(F.gradient, "g", phrase(own_and_ctx, m.start(), m.end()))
        dim = rxc(r"\bg ∈ R\^?([A-Za-z]|\d{1,4})\b").search(own_and_ctx)
        if dim:
            d = dim.group(1)
            r.set(F.dim, int(d) if d.isdigit() else d, dim.group(0))
        return False
    m, src = search(r"\bgradient\b", own_and_ctx)
    if m:
        r.set(F.gradient, "g", src, note="the gradient is not named; called g")
        return False
    r.miss(F.gradient, "no gradient found (expected g, a vector such as g = (3, -1, 2), or a "
                       "matrix G = [[1, 2], [3, 4]])")
    return False


def _row_block_after(text: str, head: str) -> tuple[list, str] | None:
    m = rx(head).search(text)
    if not m:
        return None
    lines = text[m.end():].split("\n")
    got = row_block(lines, 0)
    if got is None:
        return None
    return got[0], phrase(text, m.start(), m.end()) + " " + array_text(got[0])


# -- norm ------------------------------------------------------------------------------------

_DEFINED_BEFORE = re.compile(r"‖_[^\s=]{1,8} ?= ?$")


def _symbol_norms(flat: str) -> list[tuple[int, str, str, bool, str]]:
    """``‖x‖_k^2`` mentions: (position, norm name or '', inside, squared, phrase)."""
    out = []
    for m in _NORM_SYMBOL.finditer(flat):
        inside, suffix = m.group(1).strip(), m.group(2)
        index, power = "", ""
        if suffix[:1] in ("*", "∗"):
            suffix = "_*" + suffix[1:]
        for tok in re.findall(r"[_^][^_^]{1,12}", suffix):
            if tok[0] == "_":
                index = tok[1:]
            else:
                power = tok[1:]
        index = index.replace("∗", "*")   # the asterisk operator of a PDF copy: ‖Δ‖_∗
        end = m.end()
        late = _LATE_INDEX.match(flat, end) if index == "2" and not power else None
        if late is not None:  # ‖d‖_2 RMS: a PDF put the exponent 2 first, the index after it
            index, power, end = late.group(1), "2", late.end()
        entry = by_index(index) if index else None
        name = entry.key if entry else ""
        if not name and re.fullmatch(r"\d{1,2}(?:\.\d{1,3})?", index):
            name = "lp:" + index
        if index and not name:
            name = "?" + index
        out.append((m.start(), name, inside, power == "2", phrase(flat, m.start(), end)))
    return out


_LATE_INDEX = re.compile(r" ?(RMS|∞|F|op|nuc)(?=[\s,.;:)]|$)(?! ?norm)")
"""The index a PDF copy printed after a stacked exponent (``‖d‖_2 RMS`` for ‖d‖²_RMS)."""


def _word_norms(flat: str) -> list[tuple[int, int, str, str]]:
    """Norm words not negated: (start, end, name, phrase); lp carries ``lp:3`` when given."""
    out = []
    for start, end, name, src in all_of(flat, NORM_WORDS):
        if name == N.LP.key:
            m = rx(NORM_WORDS[N.LP.key]).match(flat, start)
            if m and (m.group(1) or m.group(2)):
                name = "lp:" + (m.group(1) or m.group(2))
        out.append((start, end, name, src))
    return out


_MEASURE_BEFORE = re.compile(r"(?:measured|length|long(?:er)?|short(?:er)?|larger|bigger|size|"
                             r"magnitude|norm of (?:u|the step|the update))\b[^.?;]{0,40}\bin "
                             r"(?:the |its |an? )?$", re.I)
_OTHER_BEFORE = re.compile(r"\bthan (?:the |that |its |a )?(?:step |update |one )?(?:under |with |"
                           r"in |for |of |from )?(?:the |a )?$", re.I)


_NORM_NAMED_STEP = r"(?:[\w∞ℓ]{1,12}[- ](?:norm[- ])?(?=(?:step|update|minimi[sz]er)\b))"
"""'the spectral-norm step', 'the ℓ∞ step': a step named by the norm it was taken in."""
_MEASURE_AFTER = re.compile(r"^ ?(?:lengths?|sizes?|magnitudes?|distances?)\b|^ ?norm(?: \(?‖[^‖]{1,12}‖"
                            r"(?:_\{?\w{1,4}\}?)?\)?)? of (?:the |that |this |"
                            r"its )?(?:" + _NORM_NAMED_STEP + r")?(?:step|update|ΔW|Δ ?w|Δ(?: ?θ)?|u|d)"
                            r"(?:\^?\*|\^⋆)?(?![\w^])", re.I)
_OF_THE_STEP = re.compile(r"^ ?(?:norm )?of (?:the |that |this |its |your )?(?:" + _NORM_NAMED_STEP +
                          r")?(?:step|update|minimi[sz]er|"
                          r"ΔW|Δ ?w|Δ(?: ?θ)?|u|d)(?:\^?\*|\^⋆|⋆)?(?![\w^(])", re.I)
_BOUNDED_AFTER = re.compile(r"^[^.?;]{0,40}(?:≤|<=|<|\bat most\b|\bbounded\b|\bno (?:more|larger|"
                            r"greater)\b|\bdoes not exceed\b|\bequals?\b|=)", re.I)
"""A norm word of the step ('the RMS norm of u'), not bounded in the sentence ('the l1 norm of
d is at most 1' is a constraint): a length asked."""
_POSSESSED = re.compile(r"\b(?:its|their|the step's|the update's|ΔW's) $", re.I)
"""A norm word after a possessive ("what its Frobenius norm is") measures the step."""
_ASKED_BEFORE = re.compile(r"\b(?:what is|what's|what are|compute|find|give|evaluate|determine|"
                           r"report|calculate|obtain|state)(?: (?:the|its|their))?"
                           r"(?: (?!(?:for|with|under|in|of|at|subject|s)\b)[\w-]{2,20}){0,3} ?\(? ?$",
                           re.I)
_ASKED_AFTER = re.compile(r"^ ?(?:[?.,;:/)]|$|and\b|of\b|for (?:this|that|the|your)\b|in\b|"
                          r"now\b|here\b|then\b|(?:for|with|when|at|if) \w{1,6} ?=)")
"""What may follow a norm of the step that is asked ("what is ‖d*‖_2 ?"), unlike a norm that
names the step ("compute ‖d‖_1-steepest descent")."""
_BOUND_AFTER = re.compile(r"^(?:\^\S{1,3})? ?(?:≤|<=|<|=)")


def _role(flat: str, start: int, end: int | None = None, step: bool = False) -> str:
    """'measure' (``longer in the l2 norm``, ``the Euclidean length``, ``what is ‖d*‖_2?``),
    'other' (``than the l2 step``) or 'primary'."""
    before = flat[max(0, start - 70):start]
    if _MEASURE_BEFORE.search(before):
        return "measure"
    if end is not None and _BOUNDED_AFTER.match(flat[end:end + 70]) and \
            _OF_THE_STEP.match(flat[end:end + 24]):
        return "primary"    # 'the l1 norm of d is at most 1': the constraint in words
    if end is not None and _MEASURE_AFTER.match(flat[end:end + 44]):
        return "measure"
    if end is not None and _OF_THE_STEP.match(flat[end:end + 24]):
        return "measure"    # 'What is the RMS norm of u?': the length of the step u
    if end is not None and _POSSESSED.search(before) and re.match(r" ?norm\b", flat[end:end + 6]):
        return "measure"
    if step and end is not None and _ASKED_BEFORE.search(before) and \
            _ASKED_AFTER.match(flat[end:end + 12]) and not _BOUND_AFTER.match(flat[end:end + 8]):
        return "measure"
    if _OTHER_BEFORE.search(before):
        return "other"
    return "primary"


def _norm_value(name: str, own: str, ctx: str, r: PartReading) -> Any:
    """Catalogue name (``lp:3`` -> {name: lp, p: 3}) to a spec norm value, or None."""
    if name.startswith("lp:"):
        p = name[3:]
        got = assigned_number(own, r"p") or assigned_number(ctx, r"p")
        if got is not None and str(got[0].value) == p:   # 'for p = 3, ‖d‖_3': the same p
            r.found.setdefault("norm sources", []).append(got[1])
        return {"1": N.L1.key, "2": N.L2.key}.get(p) or {"name": N.LP.key, "p": _num(p)}
    if name == N.LP.key:
        got = assigned_number(own, r"p") or assigned_number(ctx, r"p")
        if got is None:
            r.miss(F.norm, "an lp norm without a value of p (write e.g. p = 3)")
            return None
        num, src = got
        r.found.setdefault("norm sources", []).append(src)
        if num.value == 1:
            return N.L1.key
        if num.value == 2:
            return N.L2.key
        return {"name": N.LP.key, "p": num.spec_value()}
    if name == N.QUADRATIC.key:
        return _weighted_norm(own, ctx, r)
    if name.startswith("?"):
        r.miss(F.norm, f"unknown norm index {name[1:]!r}")
        return None
    return name


_SWAP_VALUE = (r"(?:the )?identity(?: matrix)?|I(?:_\{?\d\}?)?\b|diag ?\([^()]{1,120}\)|"
               r"\[\[[^\n]{1,120}?\]\]")


def _matrix_swap(names: str) -> str:
    """The pattern of a part that replaces the weighted norm's matrix ("if A is replaced by the
    identity", "replace D by diag(1, 1, 2)", "with A = I"): the part's own matrix, not the
    shared text's."""
    return (rf"\b(?:{names})\b (?:is |being |gets )?(?:replaced|swapped|changed) (?:by|with|to) "
            rf"(?:the )?(?P<v1>{_SWAP_VALUE})|\b(?:replac(?:e|ing)|swap(?:ping)?) (?:{names}) "
            rf"(?:by|with|for) (?:the )?(?P<v2>{_SWAP_VALUE})|(?<![\w=])(?:{names}) ?(?:=|:=) ?"
            rf"(?P<v3>I(?:_\{{?\d\}}?)?\b|(?:the )?identity(?: matrix)?)")


def _weighted_norm(own: str, ctx: str, r: PartReading) -> Any:
    """The weighted norm sqrt(d^T D d) with its matrix: ``D = diag(4, 1, 2)`` or ``D = [[..]]``."""
    names = "|".join(N.QUADRATIC.index)
    swap = rx(_matrix_swap(names)).search(own)
    if swap is not None:
        value = next(v for v in swap.group("v1", "v2", "v3") if v)
        src = phrase(own, swap.start(), swap.end())
        if not re.match(r"(?:the )?identity|I\b", value, re.I):
            got = assigned_array(f"D = {value}".replace("diag", ""), "D")
            if got is None:
                r.miss(F.norm, f"\"{src}\" replaces the norm's matrix by something not read "
                               "(expected e.g. 'the identity' or 'diag(1, 2, 3)')")
                return None
            r.found.setdefault("norm sources", []).append(src)
            return {"name": N.QUADRATIC.key, "D": spec_array(got[0])}
        r.found.setdefault("norm sources", []).append(src)
        r.notes.append(f"\"{src}\": the weighted norm with the identity is the Euclidean norm")
        return N.L2.key
    for text in (own, ctx):
        got = assigned_array(text.replace("diag", ""), rf"(?:{names})(?= ?=)")
        if got is not None:
            value, src, _ = got
            diag = rx(rf"(?:{names}) ?= ?diag ?\([^()]{{1,120}}\)").search(text)
            r.found.setdefault("norm sources", []).append(
                phrase(text, diag.start(), diag.end()) if diag else src)
            try:
                return {"name": N.QUADRATIC.key, "D": spec_array(value)}
            except ValueError as err:
                r.miss(F.norm, f"{err} (in \"{src}\")")
                return None
    r.miss(F.norm, "a weighted norm ‖d‖_D needs its matrix (expected e.g. 'D = diag(4, 1, 2)' "
                   "or 'D = [[2, 1], [1, 2]]')")
    return None


def _num(text: str) -> Any:
    got = number_at(text, 0)
    return got[0].spec_value() if got else text


_REPLACED = re.compile(
    r"\b(?:replac(?:e|ing)|instead of|rather than|in place of) (?:the |a |an )?(?:[\w∞-]{1,20} )"
    r"{0,2}?(?:norm|penalty|ball|constraint)\b|\b(?:replac(?:e|ing)|instead of|rather than|"
    r"in place of) (?:the |a |an )?‖[^‖]{1,20}‖(?:[_^][^\s_^]{1,8}){0,2}|‖[^‖]{1,20}‖(?:[_^][^\s_^]"
    r"{1,8}){0,2} (?:is |are )?replaced (?:by|with)\b|\b(?:the |a |an )?(?:[\w∞-]{1,20} ){0,2}?"
    r"norm (?:is |being )?replaced (?:by|with)\b|\b(?:swap(?:ping|ped)?(?: out)?|switch(?:ing|ed)? "
    r"from|trad(?:e|ing) in) (?:the |a |an )?(?:[\w∞-]{1,20} ){0,2}?(?:norm|penalty|ball|"
    r"constraint)\b(?= (?:for|with|by|to)\b)", re.I)
"""A norm the part replaces ("replace the weighted norm by", "‖d‖_2^2 replaced by"): the part's
step uses the other one; the replaced one is read (consumed), never a candidate."""


def _replaced(flat: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), phrase(flat, m.start(), m.end())) for m in _REPLACED.finditer(flat)]


_NAMED_STEP = re.compile(r"^(?:u|d|Δ|δ|D|Δ ?θ|ΔW)[_?*⋆^]{0,2}\{?(?:∞|inf|RMS|rms|\d|F|op|nuc|\*|"
                         r"[a-z]{1,3})\}?$")
"""A step named by its norm or part (``d∞``, ``d_RMS``, ``u_2``, ``d?RMS``): its norm measures
that step; it does not set this part's."""
_IS_DUAL_AFTER = re.compile(r"^ ?(?:is|as|be|being) (?:the |its |their |a )?dual\b", re.I)
_DUAL_VALUE_BEFORE = re.compile(r"\bdual(?: norm)?\b(?:[^.?;,]|‖ ?\. ?‖){0,50}?\b(?:is|=|equals|becomes|gives|"
                                r"reduces to) (?:[^\s‖]{1,8} ?)?$", re.I)
_DUAL_OF_BEFORE = re.compile(r"\b(?:so that|i\.e\.|such that)\b[^.?;()]{0,30}\bdual(?: norm)? (?:of|to) "
                             r"(?:the |a )?$", re.I)
"""A norm named in a clarification of a duality ("(so that ‖·‖_q is dual to ‖·‖_4)"): the
exponent's illustration, not the step's norm."""
_REMARK_BEFORE = re.compile(r"(?:^|[.?!:] |\n)\(?(?:hint|recall|remark|reminder)\b"
                            r"[^.?!]*$", re.I)
_BOUND = re.compile(r"^(?:[_^][^\s_^≤<]{1,8}){0,2} ?(?:≤|<=|<|/ ?[(\dαηλγ]|/ ?alpha|/ ?eta)")


_COMPARED_BEFORE = re.compile(r"\b(?:cop(?:y|ying|ied)|like|as (?:in|for|with)|similar(?:ly)? to|"
                              r"analog(?:ous(?:ly)?)? to|unlike|compared? (?:to|with)|mimic(?:king|"
                              r"ked)?|same as|adapt(?:ing|ed)?|follow(?:ing|ed)?|reus(?:e|ing|ed))"
                              r"(?: (?:the|my|our|your|his|her|their))? $", re.I)
_COMPARED_AFTER = re.compile(r"^(?:[- ]norm)? (?:case|version|one|answer|formula|solution|result|"
                             r"example|analog(?:ue)?|counterpart)\b", re.I)


def _aside(flat: str, start: int, end: int) -> bool:
    """A norm in a role that does not set the step's norm: the dual norm named or claimed ("so
    that ‖·‖_q is the dual norm", "the dual norm of ‖·‖_RMS is √n ‖·‖_2"), a hint or remark
    ("Hint: the dual of ℓ1 is ℓ∞"), or another setting the text compares with ("I tried to
    copy the l-infinity case", "as in the Euclidean version")."""
    return bool(_IS_DUAL_AFTER.match(flat[end:end + 20])
                or _DUAL_OF_BEFORE.search(flat[max(0, start - 60):start])
                or _DUAL_VALUE_BEFORE.search(flat[max(0, start - 80):start])
                or _REMARK_BEFORE.search(flat[max(0, start - 120):start])
                or (_COMPARED_BEFORE.search(flat[max(0, start - 30):start])
                    and _COMPARED_AFTER.match(flat[end:end + 20])))


def _in_formula(flat: str, start: int, end: int, stem: str) -> bool:
    """A norm of the step inside the objective or the constraint: with a weight in front
    ("+ (1/α)‖d‖_1^2", "+ 1 α ‖d‖_∞^2"), a divisor after ("‖d‖_1 / α") or a bound
    ("‖d‖_3 ≤ η")."""
    if not _DECISION_VARS.match(stem):
        return False
    return _coefficient_before(flat, start) is not None or bool(_BOUND.match(flat[end:end + 16]))


_SENTENCE_END = re.compile(r"(?<!\bs\.t)(?<!\bi\.e)(?<!\be\.g)(?<!\bcf)(?<!\bvs)(?<!\d)[.?!](?=\s|$)|\n")


def _sentence_span(flat: str, at: int) -> tuple[int, int]:
    """The sentence holding position ``at`` ("s.t.", "i.e." and decimals do not end one)."""
    lo, hi = 0, len(flat)
    for m in _SENTENCE_END.finditer(flat):
        if m.end() <= at:
            lo = m.end()
        else:
            hi = m.start()
            break
    return lo, hi


_STEP_NORM_SET_BEFORE = re.compile(
    r"(?:\b(?:repeat|redo|same|again)\b[^.?;]{0,40}\b(?:with|using|under)|\breplaced? (?:it |this |"
    r"that )?(?:by|with)|\bswitch(?:ing)? to|\bchang(?:e|ing)(?: it)? to|\bswap(?:ping|ped)?\b"
    r"[^.?;]{0,40}\b(?:for|with|by)) (?:the (?:norm )?)?(?:(?:plain|usual|standard|ordinary) )?$",
    re.I)
_IN_PLACE_AFTER = re.compile(r"^ ?(?:in place of|instead of|rather than)\b", re.I)
"""A step's norm the part sets by substitution ("Repeat (a) with ‖u‖_2", "‖u‖_1 in place of
‖u‖_∞"): the part's norm, not a length it asks for."""


def _primary_norms(flat: str, matrix: bool, aside: list[tuple[str, str]] | None = None
                   ) -> tuple[list[tuple[str, str]], list, list]:
    """(primary candidates, measure mentions, other mentions), each as (name, phrase); a norm
    the text says it replaces is none of them, nor one in a dual-norm question or claim or a
    hint. When a norm of the step stands in the objective or the constraint, that role decides:
    the candidates are those norms, and a norm word only when its sentence holds such a
    formula (the two must then agree)."""
    primary, measure, other = [], [], []
    formula: list[tuple[str, str, int]] = []
    words: list[tuple[str, str, int]] = []
    replaced = _replaced(flat)
    for start, name, inside, _sq, src in _symbol_norms(flat):
        if not name or any(lo <= start < hi for lo, hi, _ in replaced):
            continue
        if matrix and name == N.L2.key:
            name = N.SPECTRAL.key
        base = inside.split("_")[0].strip()
        if base in ("g", "G", "∇f", "∇ f", "∇L") or base.startswith("∇"):
            continue
        end = _NORM_SYMBOL.match(flat, start).end()
        stem = re.sub(r"(?:\^?\*|\^⋆|\?)$", "", base).strip()
        if _aside(flat, start, end) and not _in_formula(flat, start, end, stem):
            if aside is not None:
                aside.append((name, src))
            continue
        if _STEP_NORM_SET_BEFORE.search(flat[max(0, start - 60):start]) or \
                _IN_PLACE_AFTER.match(flat[end:end + 20]):
            primary.append((name, src))   # "Repeat (a) with ‖u‖_2 in place of ‖u‖_∞"
            words.append((name, src, start))
            continue
        if base.startswith("u") and len(base) <= 4 and _coefficient_before(flat, start) is None \
                and not _BOUND_AFTER.match(flat[end:end + 8]):
            measure.append((name, src))  # ‖u‖_2 measures the step; "+ (1/α)‖u‖_∞" is a penalty
            continue
        if not _DECISION_VARS.match(stem) and _NAMED_STEP.match(inside.strip()):
            measure.append((name, src))  # ‖d∞‖_RMS: the length of the step named d∞
            continue
        role = _role(flat, start, end, step=bool(_DECISION_VARS.match(stem)) and not _sq)
        if _DEFINED_BEFORE.search(flat[max(0, start - 30):start]):
            continue  # the right side of a definition: ‖d‖_RMS = ‖d‖_2/√3
        if _DECISION_VARS.match(base) or role in ("primary", "measure") or base == "·":
            (primary if role == "primary" else measure if role == "measure" else other).append(
                (name, src))
            if role == "primary" and _in_formula(flat, start, end, stem):
                formula.append((name, src, start))
            elif role == "primary":
                words.append((name, src, start))
    for start, end, name, src in _word_norms(flat):
        if any(lo <= start < hi for lo, hi, _ in replaced):
            continue
        if _aside(flat, start, end):
            if aside is not None:
                aside.append((name, src))
            continue
        role = _role(flat, start, end)
        if matrix and name == N.L2.key and "euclidean" not in src.lower():
            name = N.SPECTRAL.key
        (primary if role == "primary" else measure if role == "measure" else other).append(
            (name, src))
        if role == "primary":
            words.append((name, src, start))
    if formula:  # in text order: the formula's norms, and the mentions agreeing with them or
        # sharing a sentence with one (a disagreeing one there is a tie)
        spans = [_sentence_span(flat, at) for _n, _s, at in formula]
        names = {n for n, _s, _at in formula}
        primary = [(n, s) for n, s, at in sorted([*formula, *words], key=lambda x: x[2])
                   if n in names or any(lo <= at <= hi for lo, hi in spans)]
    return primary, measure, other


_STEP_OF = re.compile(r"\bstep (?:from|of|in) (?:part )?\(([a-h])\)[^.?]{0,40}?\b(?:longer|"
                      r"shorter|larger|smaller) than\b|\b(?:your |the )?(?:answer|result|step|"
                      r"update|minimi[sz]er|solution)(?: (?:you|we) (?:found|computed|obtained|got|"
                      r"derived))? (?:to|from|of|in) (?:(?:part )?\(([a-h]|[ivx]{1,4}|"
                      r"\d{1,2})\)|(?:[Qq] ?|(?:part|question) )(\d{1,2}|[a-h])\b(?!\)))|\b(?:steps?|updates?|minimi[sz]ers?|solutions?) of the (?:form|kind|"
                      r"type|shape) (?:you |we )?(?:found|computed|obtained|derived|got) in (?:part )?"
                      r"\(([a-h]|[ivx]{1,4}|\d{1,2})\)")


def _referenced_norm(own: str, r: PartReading) -> list[tuple[str, str]]:
    """"the step from (b) is longer than ...", "the length of the step from Q2": the norm of
    the part referred to."""
    m = _STEP_OF.search(own)
    earlier = getattr(r, "_previous", [])
    label = m and next((g.lower() for g in m.groups() if g), None)
    part = next((p for p in earlier if label and p.label == label), None)
    if part is None or not isinstance(part.value(F.norm), str):
        return []
    return [(part.value(F.norm), f"the step from ({part.label})")]


_FAMILY_P = re.compile(r"(?: [\w-]{1,12}){0,3} ?,? ?\(?(?:with |for |where |at )?p ?= ?(\d{1,2})\b")
"""After a generic 'ℓ_p': the exponent the text gives it ("ℓ_p trust region with p = 3")."""


_NORM_CHOSEN = re.compile(r"(?:^|(?<=[.;:] ))(?:(?:now|then|next|instead),? )?(?:(?:use|take|consider|"
                          r"switch to|try|pick|choose)\b|(?:(?:the )?same (?:problem|question|"
                          r"setting|objective|step)|repeat(?: (?:it|this|that|\(\w{1,4}\)))?|redo(?: "
                          r"(?:it|this|\(\w{1,4}\)))?),? (?:but )?(?:now )?(?:in|with|for|under|using)\b)"
                          r"[^.?;]{0,120}?(?=,? (?:and |then )?(?:give|"
                          r"find|compute|state|report|determine|derive|write|solve)\b|[.?;]|$)|"
                          r"\b(?:when|if|where|with) (?:‖ ?· ?‖(?:_ ?\w{1,3})?|the norm) (?:is|=|"
                          r"denotes|equals|being) [^.?;,]{1,80}",
                          re.I)
"""'Now use the Frobenius norm instead, ‖D‖_F ≤ η', 'Compute u when ‖·‖ is the Euclidean norm
‖·‖_2': a clause choosing the part's norm."""


_EMPTY_NORM_SLOT = re.compile(r"(?:(?:now|then|next|instead),? )?(?:use|take|consider|switch to|try|"
                              r"pick|choose) (?:the |a |an )?(?:matrix |vector )?norm", re.I)
"""'Take the norm': a repeated part's clause whose norm the repeating part replaced."""


def _norm_named_in_a_setting(r: PartReading, phrases: list[str]) -> None:
    """"Now use the Euclidean norm and give the minimiser": a norm's name inside the clause that
    chooses the part's norm asks no norm value. Only when every norm-value phrase of the part is
    such a name (another one stays asked), and the part asks something else."""
    taken = [q for q in (r.value(F.asks) or []) if isinstance(q, str) and q != Q.NORM_VALUE.key]
    clauses = [c.source for c in r.conventions if c.name == "the part's norm"]
    if not phrases or not taken or not clauses or Q.NORM_VALUE.key in r.answered_by:
        return
    if all(any(p in c for c in clauses) and _BARE_NORM_NAME.fullmatch(p) for p in phrases):
        r.answered_by[Q.NORM_VALUE.key] = taken[0]
        r.notes.append(f"\"{phrases[0]}\" names the norm the part chooses; it asks no norm value")


_BARE_NORM_NAME = re.compile(r"(?:the )?(?:[\w∞ℓ-]{1,14}[ -])?norm", re.I)
"""A norm's name without an argument ('Euclidean norm', 'the ℓ1 norm')."""


def _norm_chosen(own: str, r: PartReading) -> None:
    """A clause that chooses the part's norm ("Now use the nuclear norm ‖D‖_∗ ≤ η (sum of
    singular values)") is a setting the reading applied: recorded with the clause as its source
    when it holds the norm read (and nothing else it could ask)."""
    norm = r.fields.get(F.norm)
    if norm is None:
        return
    for m in _NORM_CHOSEN.finditer(own):
        clause = m.group(0).strip(" ,")
        if any(src.strip() and src.strip() in clause for src in norm.source.split(";")):
            r.convention("the part's norm", clause, "the clause chooses the norm of the step")
        elif _EMPTY_NORM_SLOT.fullmatch(clause):   # "Take the norm": the earlier part's
            r.convention("the part's norm", clause, "the repeated part's clause, its norm "
                                                    "replaced by this part's")


_IF_NORM = re.compile(r"\b(?:if|when|with|for|using|under|uses?)\b[^.?;]{0,40}$", re.I)
"""What a norm asked of in turn stands after ("if the penalty uses ", "and for the ")."""
_IN_TURN = re.compile(r"\b(?:again|separately|also|then|as well|likewise|in turn|each)\b|"
                      r"\band (?:if|with|for|when|using|under)\b", re.I)
"""What joins the norms a part asks the same question of ("…, and again if it uses …")."""


def _alternative_norms(own: str, primary: list[tuple[str, str]], names: list[str]) -> bool:
    """"The same threshold if the penalty uses ‖d‖_∞, and again if it uses ‖d‖_1": the part
    asks its question of each norm in turn (each named after an 'if', 'with' or 'for', joined
    by 'again', 'separately', 'and for', ...). Two or three norms, all in one sentence."""
    if not 2 <= len(names) <= 3:
        return False
    at = []
    for name in names:
        src = next(s for n, s in primary if n == name)
        pos = own.find(src)
        if pos < 0 or not _IF_NORM.search(own[max(0, pos - 50):pos].replace("‖.‖", "‖·‖")):
            return False
        at.append((pos, pos + len(src)))
    at.sort()
    if len({_sentence_span(own, lo) for lo, _hi in at}) != 1:
        return False
    return all(_IN_TURN.search(own[hi:lo2]) for (_lo, hi), (lo2, _hi2) in zip(at, at[1:]))


def _read_norm(own: str, ctx: str, r: PartReading, matrix: bool,
               choice: str | None = None) -> None:
    aside: list[tuple[str, str]] = []
    primary, measure, other = _primary_norms(own, matrix, aside)
    for _name, src in aside:
        r.convention("a norm in another role", src, "a dual norm, a hint or a compared setting: "
                                                    "it does not set the step's norm")
    r._measure = measure  # type: ignore[attr-defined]
    r._other = other  # type: ignore[attr-defined]
    where = ""
    r._norm_where = "own" if primary else ""  # type: ignore[attr-defined]
    if not primary:
        primary, _, _ = _primary_norms(ctx, matrix)
        where = " (shared context)"
    if not primary:
        primary, where = _referenced_norm(own, r), ""
    names = []
    for name, _src in primary:
        if name not in names:
            names.append(name)
    if not names:
        r.miss(F.norm, "no norm named in this part or the shared context (expected e.g. "
                       "'Euclidean', 'squared infinity norm', '‖Δθ‖_1', 'spectral norm')")
        return
    generic = [n for n in names if ":" not in n and any(m.startswith(n + ":") for m in names)]
    for name in generic:   # "the ℓ_p norm with p = 3" beside ‖·‖_3: the family, not a second norm
        src = next(s for n, s in primary if n == name)
        for text in (own, ctx):   # "an ℓ_p trust region with p = 3": the family and its p
            at = text.find(src)
            got = _FAMILY_P.match(text, at + len(src)) if at >= 0 else None
            if got is not None and f"{name}:{got.group(1)}" in names:
                src = text[at:got.end()]
                break
        names.remove(name)
        primary = [(n, s) for n, s in primary if n != name]
        r.convention("the norm's family", src, f"\"{src}\" names the family of the concrete "
                                               f"norm {names[0] if names else ''} the step uses")
    if choice is not None and not where and choice in names:
        others = [(n, s) for n, s in primary if n != choice]
        primary = [(n, s) for n, s in primary if n == choice]
        names = [choice]
        for _n, src in others:
            r.convention("a norm of another sub-part", src, "the part asks the same of each norm "
                                                           "it names; this one has its own sub-part")
    if len(names) > 1:
        if not where and _alternative_norms(own, primary, names):
            r._alternatives = names  # type: ignore[attr-defined]
        if not where and len({m.group(1) for m in _BALL.finditer(own)}) > 1:
            _several_balls(r, own)   # "(i) ‖u‖_1 ≤ η and (ii) ‖u‖_∞ ≤ η": two problems
            return
        listed = ", ".join(f"{n} (from \"{s}\")" for n, s in primary)
        r.miss(F.norm, f"several norms define the step{where}: {listed}; cannot tell which")
        return
    value = _norm_value(names[0], own, ctx, r)
    if value is None:
        return
    if matrix and names[0] == N.L2.key:
        r.miss(F.norm, "'Euclidean' for a matrix gradient is ambiguous: say 'Frobenius' (entry-"
                       "wise) or 'spectral' (operator)")
        return
    if value == N.RMS.key and not _rms_definition(own + " " + ctx, r):
        return
    sources = "; ".join(dict.fromkeys([*(s for _n, s in primary),
                                       *r.found.get("norm sources", []),
                                       *(src for _lo, _hi, src in _replaced(own))]))
    r.set(F.norm, value, sources + (";" + where if where else ""))


_RMS_DEFINED = re.compile(r"‖ ?(\w{1,5}) ?‖_(?i:rms) ?(?:=|:=|is) ?(?:‖ ?\1 ?‖_2 ?/ ?(?:sqrt ?\( ?|√ ?\(? ?)"
                          r"(\w{1,4}) ?\)?|(?:sqrt|√) ?\(? ?\(? ?1 ?/ ?(\w{1,4}) ?\)? ?(?:·|\*)? ?(?:Σ|∑|sum)"
                          r"_\{?i(?: ?= ?1\}?\^\{?(\w{1,4})\}?)? ?\(? ?\1_\{?i\}? ?\)? ?\^ ?2 ?\)?)")
"""'‖d‖_RMS = ‖d‖_2/√n', or written out: '‖d‖_RMS = sqrt((1/n) Σ_{i=1}^n d_i^2)'."""


def _rms_definition(text: str, r: PartReading) -> bool:
    """A written definition ``‖d‖_RMS = ‖d‖_2/√n`` is the catalogue's RMS norm when n is the
    gradient's size (a number, or a letter given a value); it then joins the norm's sources.
    False (recorded as missing) when n is another size."""
    m = _RMS_DEFINED.search(text)
    if m is None:
        return True
    n_text, src = m.group(2) or m.group(3), phrase(text, m.start(), m.end())
    if m.group(3) and m.group(4) and m.group(3) != m.group(4):
        r.miss(F.norm, f"the RMS norm \"{src}\" divides by {m.group(3)} but sums {m.group(4)} "
                       "entries (expected the same size in both)")
        return False
    sources = [src]
    if n_text.isdigit():
        n = int(n_text)
    else:
        got = assigned_number(text, re.escape(n_text))
        if got is None:
            r.found.setdefault("norm sources", []).append(src)
            return True
        n, _ = int(got[0].value) if got[0].value.denominator == 1 else -1, None
        sources.append(got[1])
    g = r.value(F.gradient)
    size = len(g) * (len(g[0]) if g and isinstance(g[0], list) else 1) \
        if isinstance(g, list) else None
    if size is not None and n != size:
        r.miss(F.norm, f"the RMS norm is defined with √{n} in \"{src}\", but the gradient has "
                       f"{size} entries (the RMS norm divides by the square root of the size)")
        return False
    r.found.setdefault("norm sources", []).extend(sources)
    return True


# -- form ------------------------------------------------------------------------------------

_CONSTRAINT = (r"\bsubject to\b|\bs\.t\.|\bconstrain(?:t|ed)\b|\bnorm[- ]ball\b|\bball of radius|"
               r"\bunit ball\b|‖[^‖]{1,20}‖(?:_\S{1,6})? ?≤|\bat most η|\bwithin a ball")
_SQUARED = (r"\bsquared\b[^.,;?]{0,30}\bnorm|\bnorm squared|\bsquare of the\b[^.]{0,20}norm|"
            r"\bsquared (?:l|ℓ|euclidean|max|infinity|∞|spectral|nuclear|frobenius|rms)")
_PLAIN = (r"\bnot squared|\bnon[- ]?squared|\bun-?squared|\bdrop the square\b|"
          r"\bplain[- ](?:norm|penalty)\b|"   # not "the plain Euclidean norm": a norm's name
          r"\bnorm itself|\bnot its square|\bwithout (?:the )?square")


_DROPPED_BEFORE = re.compile(r"\b(?:drop(?:s|ping)?|remov(?:e|es|ing)|replac(?:e|es|ing)|relax(?:es|ing)?|"
                             r"lift(?:s|ing)?|get(?:ting)? rid of|forget(?:ting)? (?:about )?|"
                             r"discard(?:s|ing)?|no longer (?:use|impose|have)|instead of)"
                             r"(?: (?:the|a|an|this|that|its|any))?(?: [\w∞-]{1,15}){0,2}? ?$", re.I)
_DROPPED_AFTER = re.compile(r"^\w{0,3} (?:is |gets |being )?(?:dropped|removed|replaced|relaxed|"
                            r"lifted|discarded)\b", re.I)


def _dropped(flat: str, start: int, end: int) -> bool:
    """True when the constraint mentioned at ``start:end`` is the one the part removes ("drop the
    constraint and use the penalty", "the constraint is replaced by ..."): a change of form
    away from it, not the part's form."""
    return bool(_DROPPED_BEFORE.search(flat[max(0, start - 40):start])
                or _DROPPED_AFTER.match(flat[end:end + 24]))


def _negated_in_clause(flat: str, start: int) -> bool:
    """Negated within its own clause: "Instead of the constraint, consider the un-squared
    penalty" negates the constraint, not the penalty after the comma."""
    lo = max(flat.rfind(c, 0, start) for c in ",;:.") + 1
    return negated(flat[lo:start + 1], start - lo)


def _form_in(flat: str) -> tuple[str, str] | None:
    for form, pattern in (("constraint", _CONSTRAINT), ("penalty", _PLAIN)):
        for m in rx(pattern).finditer(flat):
            if (negated(flat, m.start()) and (form == "constraint" or _negated_in_clause(
                    flat, m.start()))) or (form == "constraint" and _dropped(flat, m.start(),
                                                                             m.end())):
                continue
            return form, phrase(flat, m.start(), m.end(), pad=10)
    penalty_syms = [(s, src) for at, name, inside, s, src in _symbol_norms(flat)
                    if _DECISION_VARS.match(inside.split("_")[0].strip())
                    or (inside.strip() in ("u", "U") and _coefficient_before(flat, at) is not None)]
    if any(s for s, _ in penalty_syms):
        return "penalty-squared", next(src for s, src in penalty_syms if s)
    for m in rx(_SQUARED).finditer(flat):
        if not negated(flat, m.start()):
            return "penalty-squared", phrase(flat, m.start(), m.end())
    if penalty_syms and rx(r"\+ ?\(?1/α\)? ?(?:[·*] ?)?‖").search(flat):
        return "penalty", penalty_syms[0][1]
    weight = _penalty_weight(flat) if penalty_syms else None
    if weight is not None and weight[0] in ("inverse", "over", "times") and \
            not rx(r"\^ ?2|²").search(weight[3]):   # "+ λ‖d‖_2", "+ lam*||d||": no square
        return "penalty", penalty_syms[0][1]
    return None


def _squared_term(flat: str) -> str | None:
    """A squared penalty written in an objective (``+ (1/α)‖d‖_1^2``), not negated or replaced,
    as its phrase; None when there is none."""
    replaced = _replaced(flat)
    for m in _PENALTY_NORM.finditer(flat):
        got = _coefficient_before(flat, m.start())
        power = flat[m.end():m.end() + 6]
        if got is None or not re.match(r"(?:_[^\s_^]{1,8})?\^2", power):
            continue
        if negated(flat, got[0]) or any(lo <= m.start() < hi for lo, hi, _ in replaced):
            continue
        return phrase(flat, got[0], m.end() + len(power.split(" ")[0]))
    return None


_GENERIC_SET = re.compile(r"‖ ?· ?‖ ?(?:=|:=|be|is) ?(?:the )?‖ ?· ?‖_\S{1,6}")
_GENERIC_NAMED = re.compile(r"\b(?:for|fix|take|given|let|with) (?:a|any|some|an arbitrary|the) "
                            r"norm ‖ ?· ?‖", re.I)
_INDEX_TWO = re.compile(r"‖ ?(?:Δ ?W|[Δδ] ?θ|Δ ?w|Δx|Δ|δ|d|u|D|s|v|x) ?‖_2(?![\w^.]|\.\d)")


def _flattened_square(own: str, ctx: str, r: PartReading) -> tuple[str, str] | None:
    """A penalty ``‖d‖_2`` in a problem stated for a generic norm ("For a norm ‖·‖ let ... +
    1/α ‖d‖_2") whose parts then set the norm ("Take ‖·‖ = ‖·‖_1"): the 2 cannot name the
    norm, so it is the square a PDF copy flattened (``‖d‖²`` read as ``‖d‖_2``)."""
    generic = _GENERIC_NAMED.search(ctx) or _GENERIC_NAMED.search(own)
    setting = _GENERIC_SET.search(own)
    term = _INDEX_TWO.search(ctx) or _INDEX_TWO.search(own)
    if generic is None or setting is None or term is None:
        return None
    text = ctx if _INDEX_TWO.search(ctx) else own
    src = phrase(text, term.start(), term.end())
    r.notes.append(f"read \"{src}\" as the squared norm: the problem is stated for a generic norm "
                   f"(\"{generic.group(0)}\") that the part sets (\"{setting.group(0)}\"), so "
                   "the 2 is a flattened exponent, not the norm's index")
    return "penalty-squared", f"{src}; {generic.group(0)}; {setting.group(0)}"


_DEFINED_STEP = re.compile(r"(?<![\w*^])((?:[Δδ] ?[Wwθx]|d[Wwθ]|[A-Za-zΔδ])(?:\^?\*|_\w{1,4}|\^?\{\*\})?) ?(?:=|:=) ?"
                           r"(?:arg ?min|argmin)")
"""A step named by its definition: 'd* = argmin_d gᵀd + (1/α)‖d‖²'."""


_PLAIN_TERM = re.compile(r"\+ ?\(?1 ?/ ?\(?(?:α|alpha|η|eta|λ|lr|γ)\)?\)? ?[·*]? ?‖ ?[A-Za-zΔδ]{1,3} ?‖"
                         r"(?:_\{?(?:\d|∞|inf|[A-Za-z]{1,3})\}?)?(?! ?[\^²_])")
"""A plain-norm penalty term written in an objective ('+ (1/α)‖d‖_2', not squared)."""


def _two_forms_defined(ctx: str) -> tuple[str, str] | None:
    """The phrases of a constraint and of a penalty when the shared text states both ('the
    penalised step d* = argmin … and the constrained step argmin {gᵀd : ‖d‖ ≤ η}'), else None."""
    c = next((m for m in rx(_CONSTRAINT).finditer(ctx) if not negated(ctx, m.start())
              and not _dropped(ctx, m.start(), m.end())), None)
    if c is None:   # 'the penalty (not a constraint)': one problem
        return None
    blanked = ctx[:c.start()] + " " * (c.end() - c.start()) + ctx[c.end():]
    blanked = rx(_CONSTRAINT).sub(lambda m: " " * len(m.group(0)), blanked)
    other = _form_in(blanked) or (("penalty-squared", _squared_term(blanked))
                                  if _squared_term(blanked) else None)
    if other is None or other[0] == "constraint":
        return None
    return phrase(ctx, c.start(), c.end(), pad=10), other[1]


def _form_of_named_step(own: str, ctx: str) -> tuple[str, str] | None:
    """The form of the one step the part names by the symbol the shared text defines it with
    ('Compute d*' after 'd* = argmin_d gᵀd + (1/α)‖d‖²'), or None."""
    found = []
    for m in _DEFINED_STEP.finditer(ctx):
        sym = m.group(1)
        if not re.search(rf"(?<![\w*^]){re.escape(sym)}(?![\w*^])", own):
            continue
        end = len(ctx)
        nxt = re.search(r"\band the\b|[.;]\s", ctx[m.end():])
        if nxt:
            end = m.end() + nxt.start()
        segment = ctx[m.start():end]
        form = _form_in(segment) or (("penalty-squared", _squared_term(segment))
                                     if _squared_term(segment) else None)
        if form is not None:
            found.append((form[0], f"{form[1]} (the step {sym} of the shared text)"))
    return found[0] if len({f for f, _ in found}) == 1 else None


def _read_form(own: str, ctx: str, r: PartReading) -> None:
    got = _form_in(own)
    squared = _squared_term(own)
    r._form_where = "own" if got is not None or squared is not None else ""  # type: ignore[attr-defined]
    if got is not None and got[0] != "penalty-squared" and squared is not None:
        r._two_problems = True  # type: ignore[attr-defined]
        r.miss(F.form, f"the part states two problems: a squared penalty (\"{squared}\") and "
                       f"the {'constraint' if got[0] == 'constraint' else 'plain-norm penalty'} "
                       f"(\"{got[1]}\"); split it into one part per problem")
        return
    where = ""
    if got is None:
        got = _form_in(ctx)
        where = " (shared context)"
        both = _two_forms_defined(ctx)
        if got is not None and both is not None:
            got = _form_of_named_step(own, ctx)
            if got is None:
                r.miss(F.form, f"the shared text defines two problems (\"{both[0]}\" and "
                               f"\"{both[1]}\") and this part does not say which it asks "
                               "(expected the step's symbol or 'constrained' / 'penalised')")
                return
    if got is not None and where and got[0] == "penalty-squared":
        plain = _PLAIN_TERM.search(ctx)
        if plain is not None and _form_of_named_step(own, ctx) is None:
            # 'usually one writes … (1/(2η))‖d‖²; here the objective is gᵀd + (1/α)‖d‖₂'
            r.miss(F.form, f"the shared text writes a squared penalty (\"{got[1]}\") and a "
                           f"plain-norm penalty (\"{plain.group(0).strip()}\"), and this part "
                           "does not say which it asks (expected 'squared' / 'plain norm', or the "
                           "objective written in the part)")
            return
    if got is None:
        got = _flattened_square(own, ctx, r)
        where = ""
    if got is None:
        r.miss(F.form, f"{_NO_FORM}: squared-norm penalty, plain-norm penalty or a "
                       "norm-ball constraint (say 'squared', write ‖d‖^2, or 'subject to ‖d‖ ≤ η')")
        return
    r.set(F.form, got[0], got[1] + where)


# -- a setting inherited from an earlier part ------------------------------------------------

_PART_REF = re.compile(r"\b(?:part|question|item|exercise)s? \(?(?P<a>[a-h]|[ivx]{1,4}|\d{1,2})\)?"
                       r"(?![\w(])|(?<![\w)\]^_])\((?P<b>[a-h]|[ivx]{1,4}|\d{1,2})\)(?![\w(])", re.I)
"""A mention of a part by its label: "part 4", "question (b)", "in (a)"."""
_SETTING = (F.norm, F.form)


def _setting_source(own: str, r: PartReading, previous: list[PartReading]
                    ) -> tuple[PartReading | None, str]:
    """The earlier part whose problem this part continues: the one it names ("the objective in
    part 4", "the update direction in (a)"), else the part just before it; with the kind
    ('named' or 'previous'). (None, '') when the parts it names differ in norm or form."""
    ours = [p for p in previous if p.family == FAMILY and p.label != r.label]
    by_label = {p.label: p for p in ours}
    named = []
    for m in _PART_REF.finditer(own):
        p = by_label.get(m.group("a") or m.group("b"))
        if p is not None and p not in named:
            named.append(p)
    if named:
        settings = {(repr(p.value(F.norm)), p.value(F.form)) for p in named}
        return (named[0], "named") if len(settings) == 1 else (None, "")
    return (ours[-1], "previous") if ours else (None, "")


def _weight_of_the_named_step(own: str, r: PartReading, previous: list[PartReading]) -> None:
    """"the optimal value g^T u + (1/α)‖u‖² for the step in (c)": the part writes its problem
    with α as a letter and names the step of an earlier part of the same norm and form, whose
    numeric α (or η) is the one meant."""
    m = _STEP_OF.search(own)
    label = m and (m.group(1) or m.group(2) or m.group(3))
    part = next((p for p in previous if label and p.label == label and p.family == FAMILY), None)
    if part is None or part.value(F.norm) != r.value(F.norm) or \
            part.value(F.form) != r.value(F.form):
        return
    for name, letter in ((F.alpha, "alpha"), (F.eta, "eta")):
        theirs = part.value(name)
        if r.value(name) == letter and theirs is not None and not isinstance(theirs, str):
            r.set(name, theirs, f"{phrase(own, m.start(), m.end())}; {part.fields[name].source}",
                  note=f"the {letter} of the step of part ({part.label}) the part names")


_SAME_WEIGHT = re.compile(
    r"\b(?:the )?same (?:value of |numerical value of )?(?P<w>α|alpha|η|eta|λ|lambda|step ?size|"
    r"radius|weight|learning rate|lr)(?![\w])|(?<![\w])(?P<v>α|alpha|η|eta|λ|lambda|radius) "
    r"(?:as before|as in (?:part )?\(?[a-h]\)?|unchanged)\b", re.I)
"""A part that keeps the weight or radius of an earlier part: "(same η)", "the same step size",
"α as before", "η unchanged"."""


def _same_weight(own: str, r: PartReading, previous: list[PartReading]) -> None:
    """"Repeat (a) with the ℓ₂ ball (same η)": a part that writes its weight or radius as a
    letter and says it keeps it takes the number of the part it names, else of the nearest
    earlier part of this family that gives that letter a number. Refused (naming the phrase)
    when the parts it names give it different numbers, or when the part gives a number of its
    own that differs."""
    m = _SAME_WEIGHT.search(own)
    if m is None:
        return
    word = (m.group("w") or m.group("v")).lower()
    form = r.value(F.form)
    if word in ("α", "alpha", "λ", "lambda"):
        names = [F.alpha]
    elif word in ("η", "eta"):
        names = [F.eta, F.alpha]   # η names a radius, or a weight written 1/η
    else:
        names = [F.eta if form == "constraint" else F.alpha]
    letter = {"α": "alpha", "alpha": "alpha", "η": "eta", "eta": "eta", "λ": "lam",
              "lambda": "lam"}.get(word)
    name = next((n for n in names if n in r.fields and (letter is None or r.value(n) == letter
                                                        or not isinstance(r.value(n), str))),
                None)
    if name is None:
        return
    said = phrase(own, m.start(), m.end())
    ours = [p for p in previous if p.family == FAMILY and p.label != r.label]
    by_label = {p.label: p for p in ours}
    named = [by_label[x] for x in dict.fromkeys(
        (p.group("a") or p.group("b")) for p in _PART_REF.finditer(own)) if x in by_label]
    numeric = lambda p: p.value(name) is not None and not isinstance(p.value(name), str)  # noqa: E731
    if named:
        sources = [p for p in named if numeric(p)]
    else:
        sources = [p for p in reversed(ours) if numeric(p)][:1]
    if not sources:
        return
    values = {str(p.value(name)) for p in sources}
    labels = ", ".join(f"({p.label})" for p in sources)
    if len(values) > 1:
        r.miss(name, f"\"{said}\" keeps the {name} of parts {labels}, which give it different "
                     f"values (expected one part named, or the value written)")
        return
    src = sources[0]
    if not isinstance(r.value(name), str):
        if str(r.value(name)) != str(src.value(name)):
            r.miss(name, f"\"{said}\" keeps the {name} of part ({src.label}), "
                         f"{src.value(name)}, but the part gives {r.value(name)} "
                         f"(expected one value)")
        return
    r.set(name, src.value(name), f"{said}; {_FROM_PART.sub('', src.fields[name].source)}",
          note=f"the part keeps the {name} of part ({src.label})")


def _inherit_setting(own: str, ctx: str, r: PartReading, previous: list[PartReading]) -> None:
    """A part that states no norm or no form of its own takes them from the problem it
    continues: the earlier part it names ("the minimal value of the objective in part 4",
    "which optimizer does part 1 correspond to") before the shared text, else, for what the
    shared text does not fix either, the part just before it ("(b) What is the optimal value?"
    after "(a) Solve min gᵀd s.t. ‖d‖_3 ≤ η"). The penalty weight or radius comes along with
    an inherited form unless the part writes its own. Nothing is inherited from a part that
    did not read it."""
    stated = {F.norm: getattr(r, "_norm_where", "") == "own",
              F.form: getattr(r, "_form_where", "") == "own"}
    if all(stated.values()):
        return
    src, how = _setting_source(own, r, previous)
    if src is None:
        return
    took = []
    for name in _SETTING:
        if stated[name] or src.value(name) is None:
            continue
        if how == "previous" and name in r.fields:
            continue  # the shared text's setting stands for a part that names no other part
        if name == F.norm and r.value(F.norm) is not None and src.value(F.norm) != r.value(F.norm) \
                and how == "named" and _primary_norms(ctx, False)[0]:
            continue  # the shared text fixes another norm: the named part is not this problem
        r.set(name, src.value(name), f"{_FROM_PART.sub('', src.fields[name].source)}; from part "
                                     f"({src.label})",
              note=f"the part {'names' if how == 'named' else 'continues'} part ({src.label}) "
                   f"and states no {name} of its own")
        took.append(name)
    if F.form in took and how == "named":   # the named part settles which problem is meant
        r.missing = [m for m in r.missing if m.name != F.form]
    if F.form not in took:
        return
    for name in (F.alpha, F.eta):
        r.fields.pop(name, None)
        r.missing = [m for m in r.missing if m.name != name]
    form = r.value(F.form)
    wanted = F.eta if form == "constraint" else F.alpha
    given = assigned_number(own, _SCALAR_NAMES[wanted])
    if src.value(wanted) is not None and not given:
        r.set(wanted, src.value(wanted), f"{_FROM_PART.sub('', src.fields[wanted].source)}; from "
                                         f"part ({src.label})")
    elif given and isinstance(src.value(wanted), str) and src.value(wanted) not in ("alpha", "eta"):
        r.miss(wanted, f"\"{given[1]}\" sets a value for part ({src.label})'s problem, whose "
                       f"weight is written otherwise ({src.fields[wanted].source}); restate the "
                       "objective with the value")
    else:
        _read_scalars(own, ctx, r)


_SCALAR_NAMES = {F.alpha: r"α|alpha", F.eta: r"η|eta|radius"}
_FROM_PART = re.compile(r"; from part \([^()]{1,8}\)")


# -- alpha, eta ------------------------------------------------------------------------------

_WEIGHT_SYMBOLS = {"α": "alpha", "alpha": "alpha", "η": "eta", "eta": "eta", "lr": "lr",
                   "γ": "gamma", "gamma": "gamma", "λ": "lam", "lambda": "lam", "τ": "tau",
                   "tau": "tau", "β": "beta", "beta": "beta", "μ": "mu", "ρ": "rho", "σ": "sigma",
                   "t": "t", "lam": "lam", "mu": "mu", "rho": "rho", "sigma": "sigma", "a": "a"}
"""Letters a penalty weight is written in, and the spec symbol each becomes."""
_WSYM = r"(?:alpha|eta|lambda|lam|gamma|beta|tau|lr|mu|rho|sigma|[αηγλτβμρσ]|t|a)"
_GREEK_NAMES = {"ν": "nu", "κ": "kappa", "ξ": "xi", "ζ": "zeta", "φ": "phi", "χ": "chi",
                "ψ": "psi", "ω": "omega", "δ": "delta", "ε": "epsilon", "ι": "iota"}
_LETTER = r"(?:(?![gGuUdDxXsvwWTAHEINOQSeijn])[a-zA-Z]|[νκξζφχψωδει])"
"""Any other scalar letter a weight may be written in (c, k, C, ν, …): not a vector or matrix of
the problem (g, u, d, x, s, v, w, A, H, W), not an index or the transpose (i, j, n, T), not a
SymPy constant's name (E, I, N, O, Q, S)."""
_WANY = rf"(?:{_WSYM}|{_LETTER})"
"""A weight letter read where the writing leaves no doubt it is a scalar factor (c‖u‖, 1/c,
k/2); the flattened-fraction readings keep the usual letters only."""


def _weight_name(sym: str) -> str:
    """The spec symbol of a weight letter: λ -> lam, ν -> nu, c -> c."""
    return _WEIGHT_SYMBOLS.get(sym.lower() if len(sym) > 1 else sym, _GREEK_NAMES.get(sym, sym))
_WNUM = r"\d{1,3}(?:\.\d{1,3})?"
_PENALTY_NORM = re.compile(r"‖ ?(?:Δ ?W|[Δδ] ?θ|dW|dw|dθ|Δ ?w|Δx|Δ|δ|d|u|U|D|s|v|x)(?:_t)? ?‖")
MAX_COEFFICIENT = 40
"""Longest weight read in front of the penalty norm (characters)."""


def _coefficient_before(flat: str, at: int) -> tuple[int, str] | None:
    """The factor written between the ``+`` of the objective and the norm at ``at``: (start of
    the ``+``, factor text), parentheses kept whole ("+ 1/(α+1) ‖d‖" gives "1/(α+1)"); None
    when no ``+`` starts the term within :data:`MAX_COEFFICIENT` characters."""
    depth, i = 0, at - 1
    while i >= 0 and at - i <= MAX_COEFFICIENT:
        c = flat[i]
        if c == ")":
            depth += 1
        elif c == "(":
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0 and c == "+":
            return i, flat[i + 1:at]
        elif depth == 0 and c in "=,;:‖⟩" or c == "\n":
            return None
        i -= 1
    return None
_COEFFICIENTS = [
    # 1/α, (1/(2η)), 1/(2*lr), (1/2γ) (LaTeX \frac{1}{2\gamma} flattened): weight 1/(c·s)
    ("inverse", re.compile(rf"\(?1 ?/ ?\(? ?(?:(?P<c>{_WNUM}) ?[*·]? ?)?(?P<s>{_WANY}) ?\)? ?\)?")),
    # λ/2, (η/2): weight s/c
    ("over", re.compile(rf"\(?(?P<s>{_WANY}) ?/ ?(?P<c>{_WNUM}) ?\)?")),
    # (1/2)·λ, ½λ: weight s/c
    ("over", re.compile(rf"\(?1 ?/ ?(?P<c>{_WNUM}) ?\)? ?[*·]? ?(?P<s>{_WANY})")),
    # 1 α, 1 2η: a stacked fraction 1/α a PDF copy flattened onto one line: weight 1/(c·s)
    ("inverse", re.compile(rf"1 (?:(?P<c>{_WNUM}) ?)?(?P<s>{_WSYM})")),
    # λ 2, η 4: a stacked fraction λ/2 flattened onto one line (a whole number >= 2 below the
    # letter): weight s/c
    ("over", re.compile(rf"(?P<s>{_WSYM}) (?P<c>[2-9]|[1-9]\d)")),
    # λ, 5, 1/4: weight s (or the number)
    ("times", re.compile(rf"(?P<s>{_WANY})")),
    ("number", re.compile(rf"\(?(?P<c>{_WNUM}(?: ?/ ?{_WNUM})?) ?\)?")),
]


_DIVISOR = r"(\([^()\n]{1,16}\)|[^\s/+\-,;.()]{1,12})"
"""The divisor of a weight: a parenthesised group whole (``(α+1)`` is not ``(α``), or one
token."""
_DIVISOR_AFTER = re.compile(r"(?:_[^\s_^/]{1,8})?(?:\^\S{1,3})? ?/ ?" + _DIVISOR)
"""A weight written after the norm as a divisor: ``‖d‖_2^2/(2η)``, ``‖d‖^2 / α``."""


_FLATTENED_DENOMINATOR = re.compile(r"(?:_[^\s_^]{1,8})?(?:\^\S{1,3})? ?,? ?(?:[a-zA-Z]∈ ?R\^?\w{1,3} )?"
                                    r"([αη])(?![\w=])")
"""A penalty norm with nothing in front but α right after it and its domain: the 1/α of a
stacked fraction that a PDF copy flattened onto two lines."""
_UNDER_ONE = re.compile(r"(?:_[^\s_^]{1,8})?(?:\^\S{1,3})? ?[.,]? ?(?:[a-zA-Zδθ]{1,2} )?([αη])"
                        r"(?![\w(^_])(?! ?[=(])")
"""After ``+ 1 ‖d‖``: the α of a stacked ``1/α`` that a PDF copy put on the next line, below
the norm (with the argmin's variable before it): the weight is 1/α, not 1."""
_OPEN_BEFORE = re.compile(r"\+ ?(?:\( ?){1,2}$")
_CLOSED_DIVISOR = re.compile(r"(?:_[^\s_^/)]{1,8})?(?:\^[^\s)/]{1,3})? ?\) ?/ ?" + _DIVISOR)


def _penalty_weight(flat: str) -> tuple[str, str, str, str] | None:
    """The weight written in front of the penalty norm: (kind, constant, symbol, phrase) with
    kind ``inverse`` (1/(c·s)), ``over`` (s/c), ``times`` (s), ``number`` (c), ``unread``
    (something else is written there) — or None when the norm term has no coefficient."""
    for m in _PENALTY_NORM.finditer(flat):
        opened = _OPEN_BEFORE.search(flat, max(0, m.start() - 6), m.start())
        if opened is not None:  # + (‖d‖^2)/(2η): a fraction with the norm on top
            closed = _CLOSED_DIVISOR.match(flat, m.end())
            src = phrase(flat, opened.start(), closed.end() if closed else m.end())
            if closed is None:
                return "unread", "", "", src
            c = _COEFFICIENTS[0][1].fullmatch("1/" + closed.group(1).strip())
            if c is None:
                return "unread", "", "", src
            return "inverse", c.group("c") or "", c.group("s"), src
        got = _coefficient_before(flat, m.start())
        if got is None:
            continue
        start, coef = got
        coef = coef.strip().rstrip("·*").strip()
        divisor = _DIVISOR_AFTER.match(flat, m.end())
        if divisor:
            src = phrase(flat, start, divisor.end())
            if coef:
                return "unread", "", "", src
            coef = "1/" + divisor.group(1).strip()
        if not coef:
            below = _FLATTENED_DENOMINATOR.match(flat, m.end())
            if below is not None:  # "+ ‖d‖_2^2 , d∈R3 α": 1/α stacked, flattened by the PDF
                return "flattened", "", below.group(1), phrase(flat, start, below.end())
            tail = re.match(r"(?:_[^\s_^,]{1,8})?(?:\^[^\s,]{1,3})?", flat[m.end():])
            return "unread", "", "", phrase(flat, start, m.end() + tail.end())
        if coef == "1" and not divisor:
            below = _UNDER_ONE.match(flat, m.end())
            if below is not None:  # "+ 1 ‖d‖_2 . d α": 1 above α, the argmin's d between
                return "flattened", "", below.group(1), phrase(flat, start, below.end())
        src = phrase(flat, start, divisor.end() if divisor else m.end())
        for kind, pattern in _COEFFICIENTS:
            c = pattern.fullmatch(coef)
            if c:
                d = c.groupdict()
                return kind, d.get("c") or "", d.get("s") or "", src
        return "unread", "", "", src
    return None


def _alpha_from_weight(own: str, ctx: str, r: PartReading, form: Any) -> bool:
    """Set alpha from a weight written other than 1/α (1/(2η) means α = 2η, λ/2 means α = 2/λ,
    lr named for η); True when the weight was handled (read, or refused naming it)."""
    got = _penalty_weight(own) or _penalty_weight(ctx)
    if got is None:
        return False
    kind, const, sym, src = got
    if _penalty_weight(own) is None and kind in ("inverse", "over", "times") and \
            sym not in ("α", "alpha") and re.search(r"(?<![\w])(?:α|alpha)(?![\w])", own) and \
            assigned_number(own + " " + ctx, rf"{re.escape(sym)}|{_WEIGHT_SYMBOLS.get(sym, sym)}") is None:
        # the shared text's general formula weighs its penalty in another letter ('1/(2η)'),
        # given no value; the part speaks of α (sets it, or asks its threshold): α is the weight
        return False
    if kind == "flattened":
        name = _WEIGHT_SYMBOLS[sym]
        r.notes.append(f"read \"{src}\" as the penalty weight 1/{sym} (a flattened fraction)")
        letter = rf"{re.escape(sym)}|{name}"
        value = assigned_number(own, letter) or assigned_number(ctx, letter)
        if value is not None and name == "alpha":
            _set_positive(r, F.alpha, value)
            return True
        r.set(F.alpha, name, src, note=f"read as (1/{sym})·penalty: a fraction the PDF copy "
                                       f"flattened ('1' above, '{sym}' below the norm)")
        return True
    if kind == "unread":
        r.miss(F.alpha, f"could not read the penalty weight in \"{src}\" (expected 1/α, "
                        "1/(2η), λ/2 or a number in front of the norm; with none written the "
                        "weight is not assumed)")
        return True
    c = Fraction(const.replace(" ", "")) if const else Fraction(1)
    if kind == "number" and re.search(r"(?<![\w])(?:α|alpha)(?![\w])", own):
        r.miss(F.alpha, f"the penalty weight is the number {const or 1} in \"{src}\", but the "
                        "part also speaks of α: its weight 1/α may be a fraction the copy "
                        "flattened (expected (1/α)‖d‖ written out, or no α beside a numeric weight)")
        return True
    if kind == "number":
        if c <= 0:
            r.miss(F.alpha, f"the penalty weight in \"{src}\" must be > 0")
            return True
        r.set(F.alpha, _exact_text(1 / c), src, note=f"weight {const} written as 1/α: α = 1/{const}")
        return True
    name = _weight_name(sym)
    if kind == "inverse" and c == 1 and name == "alpha":
        return False  # the spec's own form, read below
    letter = rf"{re.escape(sym)}|{name}" if name != sym else re.escape(sym)
    value = assigned_number(own, letter) or assigned_number(ctx, letter)
    # alpha as a function of the symbol s: inverse c*s, over c/s, times 1/s
    if value is not None:
        num, vsrc = value
        if num.value <= 0:
            r.miss(F.alpha, f"{sym} must be > 0 (read {num.text} from \"{vsrc}\")")
            return True
        v = num.value
        alpha = c * v if kind == "inverse" else (c / v if kind == "over" else 1 / v)
        r.set(F.alpha, _exact_text(alpha), f"{src}; {vsrc}",
              note=f"the penalty weight written in {sym}: the spec's 1/α with α = {alpha}")
        return True
    ctext = _exact_text(c)
    formula = {"inverse": f"{ctext}*{name}" if c != 1 else name,
               "over": f"{ctext}/{name}", "times": f"1/{name}"}[kind]
    r.set(F.alpha, formula, src, note=f"the penalty weight written in {sym}: the spec's 1/α with "
                                      f"α = {formula}")
    return True


def _exact_text(v: Fraction) -> Any:
    """An exact number as a spec value: an int, or the fraction as text (``1/5``)."""
    return int(v) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"


def _read_scalars(own: str, ctx: str, r: PartReading) -> None:
    form = r.value(F.form)
    both = own + " " + ctx
    if form in ("penalty-squared", "penalty", None):
        if form is not None and _alpha_from_weight(own, ctx, r, form):
            pass
        else:
            got = assigned_number(own, r"α|alpha") or assigned_number(ctx, r"α|alpha")
            if got is not None:
                _set_positive(r, F.alpha, got)
            elif "α" in both:
                m = rx(r"α").search(both)
                r.set(F.alpha, "alpha", phrase(both, m.start(), m.end()))
            elif form is not None:
                r.miss(F.alpha, "the penalty weight 1/α is not written (expected α or α = 0.5)")
    if form == "constraint":
        got = (assigned_number(own, r"η|eta|radius|ε") or _bound_number(own)
               or assigned_number(ctx, r"η|eta|radius") or _bound_number(ctx))
        bound = _bound_symbol(own) or _bound_symbol(ctx)
        if got is None and bound is not None and bound[0] != "eta":
            name, sym, src = bound  # "‖d‖_D ≤ ρ": the radius is ρ, whatever η names elsewhere
            letter = rf"{re.escape(sym)}|{name}"
            value = assigned_number(own, letter) or assigned_number(ctx, letter)
            if value is not None:
                _set_positive(r, F.eta, value)
            else:
                r.set(F.eta, name, src, note=f"the radius is written {sym}")
        elif got is not None:
            _set_positive(r, F.eta, got)
        elif "η" in both:
            m = rx(r"η").search(both)
            r.set(F.eta, "eta", phrase(both, m.start(), m.end()))
        else:
            r.miss(F.eta, "the radius of the norm ball is not given (expected ‖d‖ ≤ η or a "
                          "number)")


_BOUND_SYMBOL = re.compile(r"‖[^‖]{1,20}‖(?:_\S{1,6})? ?(?:≤|<=) ?(?P<s>[αβγδεηλμρστ]|rho|eta|"
                           r"delta|epsilon|tau|r|R|c|t|s)(?![\w(^_])")


def _bound_symbol(flat: str) -> tuple[str, str, str] | None:
    """The radius of a norm ball written as a letter (``‖d‖_D ≤ ρ``): (its spec name, the
    letter, phrase)."""
    m = _BOUND_SYMBOL.search(flat)
    if m is None:
        return None
    sym = m.group("s")
    name = _WEIGHT_SYMBOLS.get(sym, {"δ": "delta", "ε": "epsilon"}.get(sym, sym))
    return name, sym, phrase(flat, m.start(), m.end())


def _bound_number(flat: str) -> tuple[Any, str] | None:
    for m in rx(r"‖[^‖]{1,20}‖(?:_\S{1,6})? ?≤ ?|\bradius (?:of )?").finditer(flat):
        got = number_at(flat, m.end())
        if got:
            return got[0], phrase(flat, m.start(), got[1])
    return None


def _set_positive(r: PartReading, name: str, got: tuple[Any, str]) -> None:
    num, src = got
    if num.value <= 0:
        r.miss(name, f"{name} must be > 0 (read {num.text} from \"{src}\")")
        return
    try:
        r.set(name, num.spec_value(), src)
    except ValueError as err:
        r.miss(name, str(err))


# -- asks ------------------------------------------------------------------------------------

ASKS = {
    "update": r"\bsolution for u\b|\bsolve for u\b|\bsolve (?:for )?(?:u|U|d|Δ ?W|Δ ?θ|Δ|δ)(?:\^?\*|\^⋆|⋆)? ?="
              r" ?arg ?min|\b(?:what|find|compute|derive|determine|give|"
              r"obtain|write down)\b(?! (?:values? of )?α\b)[^.?]{0,40}?\b(?:"
              r"(?<!\^T )(?<!\^T)(?<!ᵀ )(?<!ᵀ)(?<!⟨ G, )(?<!⟨G, )(?<!⟨ g, )(?<!⟨g, )u\b|update|step\b|"
              r"minimi[sz]er|solution|"
              r"direction|Δ ?θ)|\bwhat is u\b|\bclosed[- ]form",
    "optimizer": r"\b(?:which|what)\b[^.?]{0,40}?\b(?:optimi[sz]er|algorithm|method|update rule)|"
                 r"\brecover|\bcorrespond(?!ing)|\bidentify the (?:optimi[sz]er|algorithm|method)|"
                 r"\bname the (?:optimi[sz]er|algorithm|method)|\bknown as\b",
    "min-value": r"\b(?:optimal|minimum|minimal|smallest) (?:objective )?value|"
                 r"\bvalue of the (?:objective|minimum|problem)\b|\bobjective value",
    "step-length": r"\b(?:what|find|compute|how)\b(?:(?!\bratio\b)[^.?]){0,30}?\b(?:length|(?<!-)norm|long)\b[^.?]{0,30}"
                   r"\b(?:step|update|u)\b(?![^.?]{0,40}\bthan\b)|" + Q.ASKED_STEP_NORM,
    "compare": r"\bhow many times\b|\bratio of the (?:lengths|norms|steps)|\bcompare the "
               r"(?:lengths|norms|steps)|\b(?:longer|shorter|larger) than\b",
    "threshold": r"\bfor (?:which|what) (?:values? of )?α|\bthreshold|\bcritical (?:value of )?α|"
                 r"\bat what α|\bvalue of α (?:at which|where)|\bstops? being zero|"
                 r"\bbecomes? (?:unbounded|non-?zero)",
}


_CROSS_RATIO = re.compile(r"‖ ?(?P<a>[dΔuUD][^‖\s]{0,14}) ?‖_(?P<m>[^\s/‖?]{1,6}) ?/ ?"
                          r"‖ ?(?P<b>[dΔuUD][^‖\s]{0,14}) ?‖_(?P=m)(?![\w^])")
_STEP_LABEL = re.compile(r"_\(([a-h]|[ivx]{1,4}|\d{1,2})\)$")
_STEP_INDEX = re.compile(r"_([^\s_^()]{1,4})$")


def _step_norm(symbol: str, r: PartReading, previous: list[PartReading]) -> tuple[Any, str]:
    """The norm of the step a symbol names: ``d^*_(c)`` the step of part (c), ``d_∞`` the step
    under the norm its subscript names; (None, why) otherwise."""
    s = re.sub(r"(?<=[A-Za-zΔδ])(∞|\^?\*?_?\{?∞\}?)$", "_∞", symbol.replace(" ", ""))  # 'u∞'
    s = re.sub(r"^([dDuUΔ])(?:\^?\*|\?|⋆|\^⋆)_?(op|F|RMS|nuc|tr|∞|\d)$", r"\1_\2", s)  # 'D^*op'
    m = _STEP_LABEL.search(s)
    label = m.group(1) if m else None
    index = _STEP_INDEX.search(s)
    if label is None and index and any(p.label == index.group(1) for p in previous) and \
            not _indexed_by_norms(s[:index.start()], r):
        # 'u_2' in a text whose parts are numbered: the step of part 2, or the l2 step
        if not _defined_as_part_step(s[:index.start()], index.group(1), r):
            return None, (f"'{symbol}' could be the step of part {index.group(1)} or the step "
                          f"of the norm indexed {index.group(1)}; cannot tell which")
        label = index.group(1)
    if label is not None:
        part = next((p for p in previous if p.label == label), None)
        if part is None or part.value(F.norm) is None:
            return None, f"part ({label}) has no norm read"
        if not _same_problem(part, r):
            return None, f"part ({label}) solves a different problem (form, g or weight)"
        return part.value(F.norm), ""
    m = _STEP_INDEX.search(s)
    entry = by_index(m.group(1)) if m else None
    if m is None and _DECISION_VARS.match(re.sub(r"(?:\^?\*|\^⋆)$", "", s)):
        shared, _, _ = _primary_norms(getattr(r, "_ctx", ""), isinstance(r.value(F.gradient),
                                                                         list) and is_matrix(
            r.value(F.gradient)))
        names = list(dict.fromkeys(n for n, _ in shared))
        if len(names) == 1 and not names[0].startswith(("?", N.LP.key)) and \
                names[0] != N.QUADRATIC.key:
            return names[0], ""
        return None, f"'{symbol}' is the problem's step, but its norm is not one named norm"
    if entry is None or entry is N.LP:
        return None, f"cannot tell which step '{symbol}' is"
    return entry.key, ""


def _same_problem(part: PartReading, r: PartReading) -> bool:
    """True when an earlier part solves this part's problem (form, g, weight and radius), so
    its step differs from this part's by the norm only."""
    return all(part.value(k) == r.value(k) for k in (F.form, F.gradient, F.alpha, F.eta))


def _indexed_by_norms(base: str, r: PartReading) -> bool:
    """True when the text indexes this step symbol by norms: a sibling with an index no part has
    ('d_∞', 'd_F', 'd_RMS'), or a definition 'd_2 := d_{‖·‖_2}'."""
    text = f"{r.own_text or ''} {getattr(r, '_ctx', '')}"
    b = re.escape(base)
    return bool(re.search(rf"(?<![\w]){b}(?:\^?[*∗⋆])?_\{{?(?:∞|inf|F|op|RMS|nuc|tr|max|\*|∗)"
                          r"(?![\w])", text) or
                re.search(rf"(?<![\w]){b}_\{{?\d\}}? ?:?= ?{b}_\{{? ?‖", text))


def _defined_as_part_step(base: str, k: str, r: PartReading) -> bool:
    """True when the text says the symbol ``base_k`` is the step of part k ("u_1 from part 1",
    "u_2 is the step of (2)", "d_1 in 1)")."""
    text = f"{r.own_text or ''} {getattr(r, '_ctx', '')}"
    b, i = re.escape(base), re.escape(k)
    return bool(re.search(rf"(?<![\w]){b}_?\{{?{i}\}}?(?:\^?\*)?,? \(?(?:is )?(?:the (?:step|answer|"
                          rf"update|minimi[sz]er|solution) )?(?:from|of|in) (?:part |question )?"
                          rf"\(?{i}(?:\)|(?![\w.]|\.\d))", text))


_BALL = re.compile(r"‖ ?[udΔDUW][^‖\s]{0,6} ?‖_?\{?([0-9]{1,2}|∞|F|op|\*)\}? ?(?:≤|<=|\\le(?:q)?\b)")
"""A norm ball written as a constraint on the step ('‖u‖_1 ≤ η', '‖u‖_∞ <= 1')."""


def _only_in_balls(own: str, phrase_: str) -> bool:
    """True when every occurrence of a norm phrase ('‖u‖_') is a constraint's left side."""
    spots = [m.start() for m in re.finditer(re.escape(phrase_), own)]
    return bool(spots) and all(_BALL.match(own, at) for at in spots)


_ONE_LENGTH = re.compile(r"‖ ?(?P<a>[dΔu][^‖\s]{0,14}) ?‖_(?P<m>[^\s/‖?,\]]{1,6})(?! ?/)")


def _listed_lengths(own: str, ratio: re.Match, top: str, r: PartReading,
                    previous: list[PartReading]) -> tuple[tuple[list, list], list[str]]:
    """The single step lengths listed in the ratio's sentence ("[‖d_∞‖_2, ‖d_2‖_2,
    ‖d_∞‖_2/‖d_2‖_2]"): the part's step measured (``step-length``), another norm's step measured
    through ``other``; (asks before the ratio, asks after it) and their phrases. A length whose
    step cannot be told is left out (the request then stays unplaced)."""
    sentence = sentence_of(own, ratio.group(0))
    at = own.find(sentence)
    before, after, sources = [], [], []
    for m in _ONE_LENGTH.finditer(sentence):
        lo = at + m.start()
        if ratio.start() <= lo < ratio.end() or own[max(0, lo - 2):lo].strip().endswith("/"):
            continue
        step, _why = _step_norm(m.group("a"), r, previous)
        measure = by_index(m.group("m"))
        if step is None or measure is None or measure is N.LP:
            continue
        ask: dict[str, Any] = {"kind": Q.STEP_LENGTH.key, "measure": measure.key}
        if step != top:
            ask["other"] = step
        (before if lo < ratio.start() else after).append(ask)
        sources.append(m.group(0))
    return (before, after), sources


def _cross_ratio(own: str, r: PartReading, previous: list[PartReading]) -> bool:
    """``‖d*_(c)‖_2 / ‖d*_(b)‖_2`` or ``‖d_∞‖_2/‖d_2‖_2``: the ratio of the lengths of two steps
    of the same problem under two norms, measured in one norm, asked as the length ratio (the
    part's norm becomes the numerator's). True when the part asks it (read or refused)."""
    m = _CROSS_RATIO.search(own)
    if m is None:
        return False
    src = phrase(own, m.start(), m.end())
    top, why_top = _step_norm(m.group("a"), r, previous)
    bottom, why_bottom = _step_norm(m.group("b"), r, previous)
    measure = by_index(m.group("m"))
    if top is None or bottom is None or measure is None or measure is N.LP:
        why = why_top or why_bottom or f"unknown norm index '{m.group('m')}'"
        r.miss(F.asks, f"the ratio \"{src}\": {why}")
        return True
    matrix = isinstance(r.value(F.gradient), str) and r.value(F.gradient) == "G"
    own_norm = r.value(F.norm)
    inverse = own_norm is not None and own_norm != top and _replaced(own)
    if inverse and own_norm != bottom:
        r.miss(F.asks, f"the ratio \"{src}\" is of the {top} and {bottom} steps, neither of them "
                       f"this part's own {own_norm} step (set in place of another norm)")
        return True
    if inverse:
        # "Repeat (a) and (b) with ‖u‖_2 in place of ‖u‖_∞ ... then the ratio ‖u*_∞‖/‖u*_2‖":
        # the part's own step is the substituted norm's, the denominator
        ratio = {"kind": Q.COMPARE.key, "other": top, "measure": measure.key, "inverse": True}
        top = own_norm
    else:
        r.set(F.norm, top, src, note="the numerator's step")
        ratio = {"kind": Q.COMPARE.key, "other": bottom, "measure": measure.key}
    asks, sources = _listed_lengths(own, m, top, r, previous)
    r.set(F.asks, [*asks[0], ratio, *asks[1]], " | ".join([*sources, src]),
          note=f"‖u_{ratio['other'] if inverse else top}‖ / ‖u_{top if inverse else bottom}‖ "
               f"measured in the {measure.key} norm"
               + (" (matrix)" if matrix else "")
               + (", with the lengths listed beside it" if sources else ""))
    r.answered_by[Q.NORM_VALUE.key] = Q.COMPARE.key
    r.answered_by[Q.RATIO.key] = Q.COMPARE.key
    return True


_STATED = re.compile(r"^(?: (?:in|of|from) (?:part )?\(?[a-h]\)?)? (?:is|equals|was|=)\b")
"""After a quantity: the text states it ("The optimal value in (b) is −η times a norm of g."),
it does not ask it."""


def _stated_not_asked(own: str, m: re.Match) -> bool:
    """True when the quantity ``m`` is the subject of a statement (no question mark in its
    sentence and a verb of being right after it)."""
    sentence = sentence_of(own, own[m.start():m.end()]) or ""
    return "?" not in sentence and bool(_STATED.match(own[m.end():m.end() + 20]))


def _read_asks(own: str, r: PartReading, previous: list[PartReading], matrix: bool) -> None:
    found = []
    for kind, pattern in ASKS.items():
        m = next((x for x in rx(pattern).finditer(own) if not _stated_not_asked(own, x)), None)
        if m:
            found.append((m.end(), kind, phrase(own, m.start(), m.end())))
    found.sort()
    kinds = [k for _, k, _ in found]
    if "compare" in kinds and "step-length" in kinds:
        found = [f for f in found if f[1] != "step-length"]
    if not found:
        r.miss(F.asks, "no question recognised (expected e.g. 'what is u?', 'which optimizer?', "
                       "'the minimum value', 'how many times longer')")
        return
    asks: list[Any] = []
    sources = []
    measure = [n for n, _ in getattr(r, "_measure", [])]
    other = [n for n, _ in getattr(r, "_other", [])]
    for _pos, kind, src in found:
        sources.append(src)
        if kind == "compare":
            ref = rx(r"\bthan\b[^.?]{0,40}?\(([a-h]|[ivx]{1,4}|\d{1,2})\)|\bthan\b[^.?]{0,40}?part "
                     r"([a-h]|[ivx]{1,4}|\d{1,2})\b").search(own)
            other_norm = None
            if ref:
                label = ref.group(1) or ref.group(2)
                prev = next((p for p in previous if p.label == label), None)
                if prev is None or prev.value(F.norm) is None:
                    r.miss(F.asks, f"the comparison refers to part ({label}), whose norm was not "
                                   "read")
                    return
                if not _same_problem(prev, r):   # its step is of another problem: not this one
                    r.miss(F.asks, f"the comparison refers to the step of part ({label}), which "
                                   "solves a different problem (form, g or weight); the length "
                                   "ratio compares two norms' steps of one problem")
                    return
                other_norm = prev.value(F.norm)
            elif other:
                other_norm = _norm_value(other[0], own, "", r)
            if other_norm is None:
                r.miss(F.asks, "a comparison without the other step's norm (expected 'than the "
                               "one in (a)' or 'than the Euclidean step')")
                return
            ask: dict[str, Any] = {"kind": "compare", "other": other_norm}
            if measure:
                ask["measure"] = _norm_value(measure[0], own, "", r)
            asks.append(ask)
        elif kind == "step-length":
            if measure:  # "Give ‖u‖_2 and ‖u‖_∞": one length per norm named, in order
                for name in dict.fromkeys(measure):
                    value = _norm_value(name, own, "", r)
                    if value is None:
                        return
                    asks.append({"kind": "step-length", "measure": value})
            elif r.value(F.norm) is not None:
                asks.append({"kind": "step-length", "measure": r.value(F.norm)})
                r.notes.append("step length measured in the part's own norm (no other norm "
                               "named)")
            else:
                r.miss(F.asks, "a step length without a norm to measure it in")
                return
        else:
            asks.append(kind)
    r.set(F.asks, asks, " | ".join(sources))


_CLAIMED = re.compile(r"\b(?:I|we|you|it|this|that|one) (?:get|gets|got|obtain|obtains|recover|"
                      r"recovers|end up with|ends up with|arrive at|reduce to|reduces to) "
                      r"(?:just |plain |simply |exactly |back )?(?:a |an |the )?", re.I)


def _gradient_norms_only(r: PartReading) -> None:
    """A part that asks only norms of the given gradient ("Give [‖G‖_F, ‖G‖_2, ‖G‖_*]
    (Frobenius, spectral, nuclear)") and names no single norm for a step: no step is asked, so
    the part is read under the first norm's partner, the norms it names being those asked."""
    asks = r.value(F.asks) or []
    if F.norm in r.fields or not asks or not all(
            isinstance(a, dict) and a.get("kind") == Q.DUAL_NORM.key and a.get("measure")
            for a in asks):
        return
    own = r.own_text or ""
    named = [src for _s, _e, _n, src in _word_norms(own)]
    r.set(F.norm, asks[0]["measure"], "; ".join([r.fields[F.asks].source, *named]),
          note="no step is asked: only norms of the gradient, each as the dual norm of its "
               "partner (the step's norm does not enter them)")


def _polar_only(r: PartReading, phrases: list[str]) -> None:
    """A part that asks only for the orthogonalised gradient U Vᵀ of a matrix G and names no
    norm: U Vᵀ is the spectral norm's unit maximiser, so the part is read under that norm."""
    from optiproof.catalogue import KINDS

    if phrases:  # "(the matrix Muon's Newton-Schulz iteration approximates)": the same object
        for m in KINDS["optimizer"].mentions(r.own_text or ""):
            if m.entry.key == O.MUON.key:
                r.convention(O.MUON.name, m.phrase, "Muon's Newton-Schulz iteration approximates U Vᵀ "
                                               "(the witness runs the convergent iteration)")
    _under_spectral(r, phrases, "U Vᵀ is the spectral norm's unit maximiser of ⟨G, S⟩ (no "
                                "norm named; the part asks only for U Vᵀ)")


_OF_THE_GRADIENT = (Q.ORTHOGONALISED.key, Q.SINGULAR_VALUES.key)
"""Asks about the given matrix G alone, whatever the step's norm."""


def _under_spectral(r: PartReading, phrases: list[str], note: str) -> None:
    """A part of a matrix gradient that names no norm and asks only about G itself
    (:data:`_OF_THE_GRADIENT`) is read under the spectral norm, ``note`` saying why."""
    g = r.value(F.gradient)
    if not phrases or F.norm in r.fields or not (isinstance(g, list) and is_matrix(g)):
        return
    if [a for a in r.value(F.asks) or [] if a not in _OF_THE_GRADIENT]:
        return
    r.set(F.norm, N.SPECTRAL.key, phrases[0], note=note)


def _singular_values_only(r: PartReading, phrases: list[str]) -> None:
    """A part that asks only for the singular values of a given matrix G ("Find the singular
    values of G.") and names no norm: they do not depend on the step's norm, so the part is read
    under the spectral norm (whose value is σ_1 and whose dual, the nuclear norm, is Σσ_i)."""
    _under_spectral(r, phrases, "the singular values of G do not depend on the step's norm (no "
                                "norm named; the part asks only for them)")


_PARALLEL_TO_GRADIENT = (N.L2.key, N.RMS.key, N.FROBENIUS.key)
"""The norms whose steepest-descent step is always a multiple of the gradient itself."""


def _multiple_of_gradient(r: PartReading, phrases: list[str]) -> None:
    """"Express it as a multiple of g": the update, in the form c·g its answer takes for a norm
    whose step is parallel to the gradient (ℓ2, RMS, Frobenius). Under any other norm the step is
    in general no multiple of g, so the request is refused naming it."""
    if not phrases or F.norm not in r.fields:
        return
    norm = r.value(F.norm)
    name = norm.get("name") if isinstance(norm, dict) else norm
    if name in _PARALLEL_TO_GRADIENT:
        r.notes.append(f"\"{phrases[0]}\": under the {name} norm the step is parallel to the "
                       "gradient; the update is given as its vector")
        return
    r.miss(f"question \"{phrases[0]}\"", f"asks for the step as a multiple of the gradient, but under "
                   f"the {name} norm the step is in general not parallel to it (expected the "
                   "Euclidean, RMS or Frobenius norm, or a request for the step itself)")


_DEFINES_STEP = re.compile(r" (?:step|update|direction)(?: \([^()]{1,40}\))? (?:is|equals|is given by|"
                           r"is defined as|solves|is the (?:solution|minimi[sz]er) of)\b", re.I)
"""After an optimizer's name: "the Muon step (ignoring momentum) is the solution of ..." states
that the problem's step is that optimizer's."""


_ITS_RATE = re.compile(r"\b(?:with )?(?:which|what|its|the|their) (?:learning[- ]rate|step[- ]?size|lr)\b",
                       re.I)
_RATE_ASIDE = re.compile(r"\b(?:up to|ignoring|apart from|modulo|except(?: for)?|regardless of|"
                         r"whatever|any|choice of)\b[^.?;]{0,12}$", re.I)


def _learning_rate_of_the_optimizer(r: PartReading, phrases: list[str]) -> None:
    """"Which optimiser is it, and with which learning rate?", "state which method (with which
    learning rate) it is", "which optimizer is this and what is its learning rate?": beside an
    identification, the learning rate asked is that optimizer's, the step's effective learning
    rate ("up to the learning rate" qualifies instead)."""
    asks = list(r.value(F.asks) or [])
    if "optimizer" not in asks:
        return
    own = r.own_text or ""
    found = [p for p in phrases if _ITS_RATE.search(p)]
    found += [m.group(0) for m in _ITS_RATE.finditer(own)
              if not _RATE_ASIDE.search(own[max(0, m.start() - 30):m.start()])]
    if not found:
        return
    if Q.EFFECTIVE_STEP.key not in asks:
        r.set(F.asks, [*asks, Q.EFFECTIVE_STEP.key], f"{r.fields[F.asks].source} | {found[0]}",
              note="the learning rate of the optimizer identified: the step's effective one")
    r.answered_by.setdefault(Q.OPTIMAL_STEP.key, Q.EFFECTIVE_STEP.key)


_BUILT_ON = re.compile(
    r"\b(?:(?:is|are|forms?|was) (?:the )?(?:basis|foundation|core) (?:of|for)|(?:is |are )?built "
    r"(?:on|upon|around)|(?:is |are )?based on (?:this|it|the)|underl(?:ies|ying)|(?:used )?for "
    r"(?:the )?hidden layers|(?:popular|practical|modern|recent)\)? optimi[sz]er)\b", re.I)


def _optimizer_built_on_the_step(r: PartReading) -> None:
    """"Which optimizer for hidden layers is this update the basis of?": the identification
    asked is of the optimizer built on the step (Muon for the spectral step), not of the step
    itself; the solver answers it by the catalogue's relation, or refuses if there is none."""
    asks = r.value(F.asks) or []
    if Q.IDENTIFICATION.key not in asks and "optimizer" not in asks:
        return
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", r.own_text or "")
                 if re.search(r"\b(?:optimi[sz]er|algorithm|method)\b", s, re.I)]
    m = next((m for s in sentences if (m := _BUILT_ON.search(s))), None)
    if m is None:
        return
    r.set(F.asks, [{"kind": Q.IDENTIFICATION.key, "built_on": True}
                   if a in (Q.IDENTIFICATION.key, "optimizer") else a for a in asks],
          f"{r.fields[F.asks].source} | {m.group(0)}", note=r.fields[F.asks].note)
    r.convention("optimizer built on the step", m.group(0), "the optimizer asked is the one "
                                                           "built on this step")


_NO_MOMENTUM = re.compile(r"\b(?:ignoring|without|up to|apart from|modulo|neglecting|disregarding|"
                          r"leaving out|setting aside|no) (?:the |its |any )?momentum\b", re.I)


def _momentum_set_aside(r: PartReading) -> None:
    """"Which optimizer uses this direction (ignoring momentum)?": the optimizer is identified by
    its step without momentum, which is what a steepest-descent step is; read, not a gap."""
    if "optimizer" not in (r.value(F.asks) or []):
        return
    m = _NO_MOMENTUM.search(r.own_text or "")
    if m is not None:
        r.convention("momentum set aside", m.group(0), "the optimizer is identified by its step "
                                                       "without momentum")


def _claimed_optimizer(own: str, r: PartReading) -> None:
    """An optimizer the text says the step gives ("... I get plain GD", "this reduces to sign
    descent"): a claim about the part's own step, answered as its identification (the answer
    names the optimizer the solver identifies, whatever the claim)."""
    from optiproof.catalogue import KINDS

    asks = r.value(F.asks)
    if asks is None:
        return
    mentions = KINDS["optimizer"].mentions(own)
    named = {m.start: m for m in mentions}
    claims = [(m.start(), named[m.end()].end) for m in _CLAIMED.finditer(own)
              if m.end() in named and not negated(own, m.start())]
    claims += [(m.start, m.end + d.end()) for m in mentions
               if (d := _DEFINES_STEP.match(own, m.end)) is not None and m.entry.key != O.HEAVY_BALL.key]
    for start, end in claims:
        src = phrase(own, start, end)
        hit = next(m for m in mentions if start <= m.start < end)
        r.convention("claimed optimizer", hit.phrase, f"the text takes the step to be "
                     f"{hit.entry.name}'s; answered as the identification")
        have = [a for a in asks if a == "optimizer"]
        r.set(F.asks, asks if have else [*asks, "optimizer"],
              f"{r.fields[F.asks].source} | {src}",
              note=f"\"{src}\" claims the optimizer; answered as the step's identification")
        return


HOOKS = SteepestDescentReader()
"""This family's reader hooks (see optiproof.reading.registry)."""
