"""Askable quantities: everything a part may ask for, declared once.

Each quantity has its canonical key (the ``asked`` list and ``Answer.quantity`` of the JSON), a
display name, a symbol, a unit where it has one, the kind of value it takes, the question
phrases that ask for it (regular expressions over normalised prose; the reader matches them
inside request clauses) and the labels that name it in an answer (table headers, row labels,
lead-ins such as "Optimal value:"; the checker matches them). Which family answers which
quantity is declared by the family.

A *derived* quantity (:data:`DERIVED`) is computed from other answers rather than by a family:
its ``formula`` says how, in the operands ``X`` (``of``) and ``Y`` (``to``) of a spec's
``derived`` entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from optiproof.catalogue.base import Entry, Registry, Relation, fold_case, required_literal
from optiproof.catalogue.transforms import NO_BIAS_CORRECTION_PHRASES

ValueKind = Literal["scalar", "vector", "matrix", "name", "yes-no", "formula", "explanation"]


@dataclass(frozen=True)
class QuantityEntry(Entry):
    """A quantity a problem may ask for."""

    unit: str = ""
    value_kind: ValueKind = "scalar"
    formula: str = ""
    """For a derived quantity: its definition in the operands X and Y (LaTeX); else empty."""
    labels: tuple[str, ...] = ()
    """Regular expressions over lower-cased answer text that name the quantity in an answer."""
    bound: bool = False
    """The value is a supremum or threshold, so answers state it as an inequality
    (``α < 0.2``, ``|Δθ| ≤ 3.16·10⁻³``)."""
    count: bool = False
    """The value counts things (iterations, messages, rounds): a number that is not whole can
    state it only where the answer names it so."""
    definition: str = ""
    """What the quantity is, as a formula in the roles a family reads: ``g`` the gradient,
    ``u`` the step answered (the minimiser), ``alpha`` the weight; :data:`OBJECTIVE` for the
    objective at the step (the family states its objective). A request that writes a formula
    instead of a name ("gᵀd*", "⟨G, Δ*⟩", "tr(GᵀΔ*)", "‖d*‖") asks the quantity whose definition
    the formula equals (:mod:`optiproof.catalogue.formulas`)."""


OBJECTIVE = "objective(u)"
"""The definition of the minimum value: the part's objective at its minimiser."""


QUANTITIES: Registry[QuantityEntry] = Registry("quantity")
_add = QUANTITIES.add
_Q = QuantityEntry

_STEPLIKE = (r"(?:kind of |type of )?(?:step|update|direction|method|rule|update rule|algorithm|"
             r"optimi[sz]er|scheme|iteration)s?")
"""What an identification question may call the update it asks the name of ("is there a name
for this step?")."""
_FIND = r"\b(?:what|find|compute|derive|determine|give|obtain|write down|state|report|calculate)\b"
_LISTED = r"(?:^(?:[-*•] ?)?|(?<=, )|(?<= and )|(?<=: ))"
_LIST_REST = r"(?=(?:,? (?:and )?[A-Za-z][\w -]{0,25}?)*,? ?\?\s*$)"
"""An item of a question written as a bare list of nouns ("Update, value, optimizer name?"):
where it starts (the sentence's start, after a comma or a colon) and that only more such items
and the question mark follow."""
_EXCEEDS = (r"[^.?;]{0,40}\b(?:exceeds?|(?:is|are) (?:larger|bigger|greater|smaller|"
            r"longer|shorter)|differs?)\b")
"""'the factor by which its magnitude exceeds the one in (a)': a ratio of two answers, not the
contraction factor of an iteration."""

# -- shared ------------------------------------------------------------------------------------
IDENTIFICATION = _add(_Q(
    "identification", "optimizer identification", aliases=("optimizer", "which-optimizer",
                                                             "which-scheme"),
    phrases=(r"\b(?:which|what)(?: \(?[\w-]{1,20}\)?){0,3} (?:optimi[sz]er|algorithm|method|update "
             r"rule)\b(?! (?:does not |doesn't )?converge)",
             # 'what simple rule does it follow?', 'which well-known rule is this?': a rule named
             # by what it is like, not asked to be written out
             r"\b(?:what|which)(?: (?:simple|known|familiar|standard|well[- ]known|famous|named|"
             r"classical|basic))+ (?:rule|update|step|recipe)\b",
             r"\b(?:what|which) (?:rule|pattern) (?:does|do|is) (?:it|this|that|they|(?:the|this|that|"
             r"its) (?:first )?(?:step|update)s?) (?:follow|obey|match|amount to)\b",
             r"\brecovers?\b", r"\bcorrespond(?:s)? to\b(?! the)", r"\bidentify the (?:optimi[sz]er|algorithm|method)",
             r"\b(?:name|identify) (?:the|this|that)(?: [\w-]{1,20}){0,2} (?:optimi[sz]er|algorithm|method)",
             # a bare "the optimizer" may be the minimiser itself: only its name, or a method
             _LISTED + r"(?:the )?(?:optimi[sz]er name|(?:method|algorithm)(?: name)?)" + _LIST_REST,
             r"\bcoincides? with\b", r"\bknown as\b",
             r"\bwhat does (?:rmsprop|adam|adamw|adagrad|sgd)\b[^.?]{0,40}\b(?:become|turn into|"
             r"reduce to)\b", r"\bname (?:it|this|that)(?= ?[.?!(]|$)",
             # "is there a name for this?", "does this update have a standard name?"
             rf"\b(?:is there|do(?:es)? (?:it|this|that|such a)(?: {_STEPLIKE})?(?: even)? have|"
             rf"has (?:it|this|that)(?: {_STEPLIKE})?(?: got)?)(?: (?:a|an|any))?(?: (?:standard|"
             rf"common|known|usual|accepted|established|familiar|proper|official|special|"
             rf"particular))? name(?: for (?:it|this|that|such an?)(?: {_STEPLIKE})?)?"
             rf"(?= ?[.?!,;)]|$| in the literature\b)",
             r"\bwhat is (?:this|it) called\b",
             r"\b(?:fair|right|correct|ok|okay|accurate|legit) to call (?:this|it|that)\b",
             r"\bname of the (?:resulting )?(?:[\w-]+ )?(?:method|optimi[sz]er|algorithm|update "
             r"rule)\b",
             r"\bwhat (?:is|are) (?:this|it|that|these|such)(?: (?:kind|type|sort|family|class) of)? "
             r"(?:[\w-]+ )?(?:updates?|steps?|methods?|rules?|algorithms?|optimi[sz]ers?) called\b",
             r"\bwhich (?:[\w-]+ ){0,3}(?:family|class|kind|type) of (?:methods|optimi[sz]ers|"
             r"algorithms|updates)\b",
             r"\bwhat (?:is|are) (?:this|that|these|such) (?:kind|type|sort|family|class)(?:es)? of "
             r"(?:updates?|steps?|methods?|optimi[sz]ers?|algorithms?) called\b",
             r"\bname of (?:the|this|that) (?:update rule|optimi[sz]er|algorithm|method)\b",
             r"\bwhich (?:(?:familiar|standard|known|well[- ]known|classical|common|popular) )?"
             r"(?:update|step)(?: rule)? is (?:this|it|that)\b",
             r"\bname of the (?:resulting )?(?:[\w-]+ )?(?:method|optimi[sz]er|algorithm)\b",
             r"\b(?:is|isn't) (?:this|it|that)(?: (?:just|simply|really|basically|actually|"
             r"secretly|essentially))?(?: (?:the same(?: thing)? as|equivalent to|identical to))?(?: "
             r"(?:a|an|plain|ordinary|vanilla|some|any|one))?(?: [\w-]{1,20}){0,2} (?:descent|sgd|gd|"
             r"adam\w?|muon|optimi[sz]er|algorithm)\b(?! (?:step|update|direction)s?\b)"),
    value_kind="name",
    labels=(r"\boptimi[sz]er\b", r"\bidentified as\b", r"\balgorithm\b", r"\bmethod\b")))

# -- steepest descent --------------------------------------------------------------------------
_ITERATE = r"(?:θ|theta|w|x|W)"
_CONSECUTIVE = (rf"(?<!\w){_ITERATE}_?\{{?\(?(?P<i>[tkT])(?: ?\+ ?1)?\)?\}}? ?[-−] ?{_ITERATE}_?\{{?\(?"
                r"(?P=i)(?: ?[-−] ?1)?\)?\}?(?![\w+])")
"""The difference of two consecutive iterates, ``θ_t − θ_{t−1}`` or ``w_{k+1} − w_k``: the
update (a step index given as a number is the first or a given step, asked elsewhere)."""
MULTIPLE_OF_GRADIENT = (r"\b(?:as|in the form of|is) an? (?:(?:scalar|constant|negative|real) )?multiple "
                        r"of (?:the (?:raw |plain )?gradient|[gG]|∇ ?[fL](?: ?\([\wθ]{1,4}\))?)"
                        r"(?![\w^(])")
"""The step written as a multiple of the gradient ("express it as a multiple of g"): the update,
asked in a presentation the step has only when it is parallel to the gradient (the reader of the
family checks the norm)."""
UPDATE = _add(_Q(
    "update", "update", "u", aliases=("step", "minimiser", "minimizer", "direction"),
    phrases=(r"\bsolution for u\b", r"\bsolve for u\b", _CONSECUTIVE,
             r"\bsolve:?(?: the (?:following )?(?:problem|program|optimi[sz]ation(?: problem)?):?)? "
             r"(?:arg ?)?min(?:imi[sz]e)?(?![a-z])",
             r"\b(?:show|prove|verify|check|confirm) that (?:the |its |this |each |every |the "
             r"resulting |Adam's )?(?:update|step)\b(?! (?:size|length|bound|rule))",
             _FIND + r"(?:'s| is| are)? (?:the |its |this )?(?:(?:minimi[sz]ing|optimal|resulting|"
                     r"steepest[- ]descent|new|unit[- ]ball|penali[sz]ed|(?:actual |real )?parameter(?= (?:update|"
                     r"step)\b)) ){0,3}"
                     r"(?:update|step|"
                     r"minimi[sz]er(?! (?:θ|w|x)\b| of f\b| of the (?:quadratic|function|loss)\b)|"
                     r"direction|arg ?min(?:_\w{1,3})?)\b(?! (?:size|per|length|magnitude|rule|bound|"
                     r"[αηγ](?![\w^]|\^?\*?\(?[tk])|(?:of|at|in) (?:(?:step|iteration)(?: t ?=)? ?|t ?= ?)\d))",
             _FIND + r" (?:u|Δθ|Δ ?\*|d ?\*|Δ\^\*|d\^\*)(?=[ ,.?]|$)",
             _FIND + r" (?:the )?(?:u|d|Δθ?|ΔW|Δ ?w)(?:\^?\*|\^⋆)? (?:that )?minimi[sz](?:ing|es)\b",
             r"\bwhat is u\b", r"(?<!\bin )(?<!\bin a )\bclosed[- ]form",
             # "Give the solution, the value gᵀd at the solution, …": the minimiser asked
             r"\b(?:give|find|compute|state|report|determine|write down) the (?:optimal )?solution\b"
             r"(?=,| and\b| ?[.;?]|$| of (?:the (?:problem|program) )?(?:arg ?)?min(?:imi[sz]e)?)",
             # "can someone confirm the step", "pls double-check my update": the step asked
             r"\b(?:confirm|check|verify|double[- ]check) (?:the|my|this|that|our) (?:step|update|"
             r"minimi[sz]er)\b(?! (?:size|length|bound|rule|is\b|satisfies\b))",
             r"\bwhat(?:'?s| is) the minimi[sz]er\b(?! (?:θ|w|x)\b| of f\b| of the (?:quadratic|"
             r"function|loss|objective)\b)(?= (?:there|here|then|now|in (?:this|that) case)\b| and "
             r"(?:the |its )?(?:min(?:imum|imal|\.)?|optimal) (?:objective )?value\b)", r"\bwhat is the (?:squared [\w-]+ )?step\b",
             r"\bwhat (?:does |do )?(?:ΔW|Δ ?w|Δθ|Δ|d|u)(?:\^?\*|\^⋆)? (?:comes? out|works? out|turns? out) "
             r"(?:to|as)\b",
             r"\bat which d\b", r"\b(?:solution|minimi[sz]er) (?:u|d|Δθ?|d\^?\*)(?=[ ,.?]|$)",
             r"\b(?:asks?|asking|asked) for (?:the |a )?(?:minimi[sz]er|update|step)\b(?! (?:size|"
             r"length|rule|bound))",
             r"\b(?:give|find|state|compute|report|and) (?:a|one|any) minimi[sz]er\b(?! (?:of f|θ|"
             r"w|x)\b|,? if\b)",
             _LISTED + r"(?:the )?(?:update|step|minimi[sz]er)" + _LIST_REST,
             # "…with α = 0.5: minimizer and minimum value?": a bare list of asked nouns
             r"(?:^|[:;] )(?:the |its |a )?minimi[sz]er(?= ?,| and (?:the |its )?(?:min(?:imum|"
             r"imal)?|optimal) (?:objective )?value\b| ?\?)",
             MULTIPLE_OF_GRADIENT),
    value_kind="vector", definition="u",
    labels=(r"\bupdate\b", r"\bstep\b", r"\bsolution\b", r"\bminimi[sz]er\b", r"\bdirection\b")))
MIN_VALUE = _add(_Q(
    "min-value", "minimum value", r"\min", aliases=("optimal value", "minimum"),
    phrases=(r"\b(?:optimal|minimum|minimal|smallest|least) (?:objective )?value",
             r"\bvalue of the (?:objective|minimum|problem)\b", r"\bobjective value",
             r"\bsmallest value of the objective",
             r"\b(?:the |its )?optimal objective\b(?! (?:function|is)\b)",
             _LISTED + r"(?:the )?(?:(?:optimal|minimum|minimal|min) )?(?:objective )?value" + _LIST_REST,
             r"\b(?:min|inf)_\w{1,3} ?\w{1,4}(?:_\w{1,3})?\(\w{1,3}\)",
             # "inf_Δ of the objective in 3": the operator named, then what it is taken of
             r"\b(?:min|inf)_\w{1,3} of (?:the|this|that|its) (?:objective|problem|function)\b",
             r"\binfimum\b", r"\bminimum value\b",
             # "what's the minimum then?": the minimum of the part's problem, asked alone
             r"\bwhat(?:'s| is| would be| will be) (?:the|its) min(?:imum)?(?: (?:then|now|here|"
             r"there|in this case|this time))? ?\?", r"\bmin(?:\.|imum)? (?:objective )?value\b",
             # "the attained value" (not "the attained value ρ(γ⋆)": a symbol says which value)
             r"\b(?:attained|achieved) (?:objective |optimal |minimum )?value\b(?! ?(?:of )?"
             r"(?:[α-ωΑ-Ω]|[A-Za-z](?=[(_^])))"),
    definition=OBJECTIVE,
    # "opt value", "min. val", "val = −7/4": notes shorten the word and its qualifier
    labels=(r"\b(?:optimal|opt\.?|minimum|min\.?|minimal|objective|obj\.?) val(?:ue)?\b",
            r"(?:^|\|)\s*val(?:ue)?\s*(?:\||$)",
            # "d = (−0.1, 0, 0), value gᵀd = −0.3", "with value −1.75": the value of the step
            r"(?:^|,\s*|\bwith\s+|\band\s+|\bits\s+)val(?:ue)?(?:\s+[a-zα-ω](?:ᵀ|\^t|\^\{?t\}?)?\s*[a-zα-ω])?\s*$",
            r"\bmin\b",
            # "so the optimum is −1.75": the optimum as a number is the objective's value there
            # (a vector so named is the point: scalar labels never name an array)
            r"\boptimum\b(?! (?:point|step|solution|update|direction|location|argument|is (?:at|"
            r"attained|reached))\b)")))
ASKED_STEP_NORM = (r"(?<!\bnorm )(?<!\bwith )(?<!\bplace of )(?<!\binstead of )"
                   r"(?<![+)α-ωΑ-Ω\d*·⋅] )(?<![+)α-ωΑ-Ω\d*·⋅])(?<!\blam )(?<!\blambda )(?<!\balpha )"
                   r"(?<!\blr )(?<!\beta )(?<!\+ [A-Za-z] )(?<!\+[A-Za-z] )(?<!\+ [A-Za-z])(?<!\+[A-Za-z])‖u‖_"
                   r"(?![^\s‖]{1,8} (?:in place of|instead of|replaced)\b)(?![^\s‖]{1,8} ?(?:≤|<=|<))")
"""``‖u‖_2`` asked as the step's length — not a term of an objective the text writes out
(``+ (1/α) ‖u‖_1^2``, a PDF's ``+ λ 2 ‖u‖_2^2``, ``+ lam*‖u‖_2``, ``+ lam ‖u‖_A``, ``+ c ‖u‖_2``),
nor a bound
(``‖u‖_∞ ≤ η``)."""
STEP_LENGTH = _add(_Q(
    "step-length", "step length", r"\|u\|", aliases=("length",),
    phrases=(r"\b(?:what|find|compute|how)\b(?:(?!\bratio\b)[^.?]){0,30}?\b(?:length|(?<!-)norm|long(?! (?:does|do|did|"
             r"will|would|should|can)\b))\b[^.?]{0,30}"
             r"\b(?:step|update|u)\b(?![^.?]{0,40}\b(?:than|compared (?:with|to)|relative to)\b)",
             r"\b(?:length|(?<!-)norm|size|magnitude) of (?:the )?(?:(?:minimi[sz]er|optimal step|step) )?"
             r"(?<![\w])(?:d|u|Δθ?|ΔW)(?:\^?\*|\^⋆|⋆)?(?![\w(‖])(?![^.?]{0,40}\bthan\b)"
             r"(?![^.?]{0,40}(?:≤|<=|\bat most\b|\bbounded\b|\bno (?:more|larger)\b))", ASKED_STEP_NORM,
             r"\bwhat (?:is )?(?:its|the step's|the update's) (?:[\w-]{2,12}[ -])?(?:norm|length)\b",
             r"\b(?:length|size|magnitude) (?:of )?‖ ?(?:d|u|Δθ?|ΔW|Δ ?w|s)(?:\^?\*|\^⋆)? ?‖"
             r"(?![^.?]{0,40}\bthan\b)"),
    definition="‖u‖", labels=(r"\blength\b", r"\bnorm of the (?:step|update)\b")))
COMPARE = _add(_Q(
    "compare", "length ratio", aliases=("ratio of lengths",),
    phrases=(r"\bhow many times\b", r"\bratio of the (?:lengths|norms|steps)",
             r"\bcompare the (?:lengths|norms|steps)", r"\b(?:longer|shorter|larger) than\b"),
    relations=(Relation("special-case", "ratio", "the ratio of two step lengths"),),
    labels=(r"\bratio\b", r"\btimes\b", r"\blonger\b", r"\bshorter\b", r"\bcomparison\b",
            r"(?<![^\W\d_])[x×]\s+(?:bigger|larger|as (?:long|large|big)|the (?:length|norm|size))\b",
            r"‖[^‖]{1,12}‖[^/‖]{0,6}/\s*‖")))
_ZERO_STEP = (r"(?:(?:d|u|Δθ?|the (?:step|update|minimi[sz]er|solution))(?:\^?\*)? ?(?:=|is|stays|"
              r"remains) ?(?:0|zero)\b|the (?:zero|null) (?:step|update|vector|direction) (?:is|stays|"
              r"remains) (?:optimal|a minimi[sz]er|the minimi[sz]er)\b)")
"""The zero step being the minimiser ('d = 0 is a minimiser', 'the zero step stays optimal')."""
THRESHOLD = _add(_Q(
    "threshold", "threshold on alpha", r"\alpha^\star",
    phrases=(r"\bfor (?:which|what) (?:values? of )?α", r"\bthreshold (?:on|for|value of) α",
             r"\bcritical (?:value of )?α", r"\bcritical value\b", r"\bcutoff\b", r"\bat what α",
             r"\bat (?:exactly |precisely )?(?:which|what) (?:value of )?α\b[^.?]{0,60}?\b(?:stops?|ceases?|"
             r"starts?|begins?) (?:being|to be)\b", r"\bvalue of α (?:at which|where)",
             # "at what value of α does a non-zero minimiser first appear"
             r"\b(?:at|from) (?:exactly |precisely )?(?:which|what) (?:value of )?α\b(?: on(?:wards)?)?"
             r"[^.?]{0,60}?\b(?:non-?zero (?:minimi[sz]er|step|solution|update|optimum)|first "
             r"(?:shows? up|appears?|emerges?|exists?|arises?|turns? up|pops? up))\b",
             r"\bstops? being zero", r"\bbecomes? (?:unbounded|non-?zero)",
             r"\bchange[sd]? character",
             r"\b(?:α|η|lr|learning rate|step size) (?:where|at which) (?:that|the|this) (?:switch|"
             r"change|transition|jump)(?:es|s)? (?:happens?|occurs?|takes place)\b",
             r"\b(?:largest|biggest|maximal|maximum|smallest|minimal|least|critical) (?:value of )?"
             r"(?:α|alpha|lam|lambda|[a-zA-Zλημγτρσνκξζφχψωδεβ]) (?:for which|"
             r"such that|at which|where|so that)[^.?]{0,40}?\b" + _ZERO_STEP,
             # "for which values of lam is d = 0 the minimizer?"
             r"\bfor (?:which|what) (?:values?|range) of (?:α|alpha|lam|lambda|[a-zA-Zλημγτρσνκξζφχψωδεβ])\b"
             r"[^.?]{0,40}?\b" + _ZERO_STEP,
             # "the largest alpha for which the minimum is finite": the plain-norm penalty stays
             # bounded below up to the threshold
             r"\b(?:largest|biggest|maximal|maximum|smallest|minimal|least) (?:value of )?(?:α|alpha|lam|"
             r"lambda|[a-zA-Zλημγτρσνκξζφχψωδεβ]) (?:for which|such that|at which|where|so that|with) (?:the )?"
             r"(?:minimum|infimum|minimal value|optimal value|objective|problem)(?: value)? "
             r"(?:is|stays|remains) (?:finite|bounded(?: below)?|attained)\b",
             # "for which values of lam is this bounded below?": the plain-norm penalty's
             # objective is bounded below exactly on one side of the threshold
             r"\bfor (?:which|what) (?:values?|range) of (?:α|alpha|lam|lambda|[a-zA-Zλημγτρσνκξζφχψωδεβ])\b "
             r"(?:is|does|do|will) (?:this|it|the (?:problem|objective|minimum|min|infimum|minimi[sz]ation|optimal value))"
             r"(?: value)? (?:stay |remain |be )?(?:bounded(?: (?:from )?below)?|finite)\b"),
    labels=(r"\bthreshold\b", r"\bstops? being zero\b", r"\bnon-?zero\b", r"\bcritical\b"),
    bound=True))
HOLDER_CONJUGATE = _add(_Q(
    "holder-conjugate", "Hölder conjugate exponent", "q", aliases=("conjugate exponent",),
    phrases=(r"\bh(?:ö|o|oe)lder conjugate", r"\bconjugate exponent", r"\bdual exponent")))
DUAL_NORM = _add(_Q(
    "dual-norm", "dual norm of the gradient", r"\|g\|_*", aliases=("dual-norm-value",),
    phrases=(r"\bdual norm\b", r"\b(?:its|the norm's|the dual norm's) value (?:at|of|for) (?:g|G|the "
             r"gradient|∇ ?[fL])(?![\w(])", r"\bevaluate it at (?:g|G|the gradient|∇ ?[fL])(?![\w(])")))

# -- implicit bias -----------------------------------------------------------------------------
LIMIT = _add(_Q(
    "limit", "limit point", r"\theta_\infty", aliases=("converged point", "limit point"),
    phrases=(r"\bwhere do(?:es)?\b(?:[^.?]|\.\d){0,100}\bconverge", r"\bconverges? to\b",
             r"\blimit(?:ing)? (?:point|solution|vector)",
             r"\bwhat (?:\w+ )?(?:vector|point|solution)\b", r"\bfinal solution\b",
             r"\bwhich (?:vector|point|solution)\b", r"\bfinal (?:iterate|point|weights)\b",
             r"\bwhich (?:[\w-]+ )?(?:solution|point|minimi[sz]er|interpolant) (?:is|gets?) "
             r"(?:selected|picked|chosen|found|reached)\b", r"\bend up\b", r"\bsettles?\b",
             r"\bafter training\b", r"(?<!\bupper )(?<!\blower )\blimits?\b(?! of (?:the )?ridge)", r"\bwhere does (?:it|the \w+)(?: "
             r"actually)? go\b", r"(?<!rate )(?<!lr )(?<!size )(?<!step )(?<!α )(?<!η )\bwhere\b"
             r"(?!(?:[^.?]|\.\d){0,30}\bstill converges?\b)(?:[^.?]|\.\d){0,30}\bconverges?\b",
             r"^where (?:exactly|precisely)\b ?\??$", r"^if so,? (?:to )?(?:which|what) (?:one|point|limit)\b",
             r"\bwhere (?:exactly |precisely )?(?:does|do|will|would) (?:it|they|the \w+|\w+)"
             r"(?: (?:actually|exactly|eventually|finally|precisely))? (?:go|land|settle|end|"
             r"stop|finish|wind up|come to rest)\b",
             r"\blim(?:(?![a-su-z])|(?=[ktn] ?(?:→|->)))(?! ?\S{0,16}(?:λ|lambda))(?: ?_?\S{0,16}"
             r"(?: ∞)?)? ?(?:θ|w|x|β)",
             r"\b(?:show|prove|verify|argue) that (?:the )?(?:iterates|iteration|sequence|method|"
             r"algorithm|it|they|[\w-]+ descent|gd|sgd)\b[^.?]{0,30}?\bconverges?\b(?! to\b)"),
    value_kind="vector",
    labels=(r"\blimit(?: point)?\b", r"\bconverge[sd]? to\b", r"\bend(?:s|ed)? up\b",
            r"\bsolution\b")))
IS_MIN_NORM = _add(_Q(
    "is-min-norm", "is it the minimum-norm solution", value_kind="yes-no",
    phrases=(r"(?<!what )(?<!what's )\b(?:is|equal to|same as) (?:it |this |the limit )?(?:the )?"
             r"minimum[- ]norm",
             r"^is\b[^.?]{0,60}\bminimum ?[- ] ?(?:[\w∞-]{1,12} ?[- ] ?)?norm\b",
             r"\bdoes\b[^.?]{0,40}\b(?:end up at|reach|find) the minimum[- ]norm",
             r"(?<!what )(?<!what's )\b(?:is|equal to|same as|coincides? with|agrees? with)\b"
             r"[^.?,;]{0,40}?\bthe min(?:imum|imal|\.)?[- ](?:[\w-]{1,12}[- ])?norm\b",
             r"\bconverges? to the min(?:imum|imal|\.)?[- ](?:[\w-]{1,12}[- ])?norm "
             r"(?:solution|point|interpolant)\b",
             r"\b(?:is|equal to|same as|coincides? with)\b[^.?]{0,30}?(?:pinv ?\( ?[XA] ?\)|"
             r"\b[XA] ?(?:\^ ?\{?\+\}?|⁺|\^? ?†)) ?[*·@]? ?[yb]\b",
             r"^(?:does|do|is|are)\b[^.?]{0,60}\b(?:have|has|of|with) the (?:smallest|least|"
             r"lowest|minimum|minimal)[- ](?:(?:euclidean|ℓ_?2|l_?2|2-?)[- ])?norm\b",
             r"^(?:is|are)\b[^.?]{0,60}\bthe min(?:imum|imal)?[- ] ?‖ ?\w{1,5} ?‖(?:_ ?\{?2\}?)?"
             r"(?![\w^_])(?:[- ]norm\b)?")))
RIDGELESS_LIMIT = _add(_Q(
    "ridgeless-limit", "limit as the weight decay vanishes", r"\lim_{\lambda\to 0}\theta_\lambda",
    aliases=("vanishing-weight-decay-limit",), value_kind="vector",
    phrases=(r"(?:\b|(?<=_)|(?<=\blim))(?:λ|lambda|lam) ?(?:→|->|↓|downarrow|searrow|go(?:es)? to|tends? to|"
             r"decreases? to|shrinks? to) ?(?:0|zero)\b",
             r"\bvanishing (?:weight decay|regulari[sz]ation)")))
_SHRINKING = (r"(?! (?:to )?(?:the |its )?(?:minimi[sz]er|optimum|solution|minimum|θ\^?\*|x\^?\*|"
              r"w\^?\*)\b[^.?]{0,40}\b(?:shrinks?|decreases?|contracts?|is multiplied|is reduced|"
              r"by a factor|by exactly))")
"""The distance to the minimiser that shrinks by a factor is the error of an iteration (a
statement of its rate), not a distance asked for."""
DISTANCE = _add(_Q(
    "distance", "distance between two points", formula=r"\lVert X - Y \rVert",
    phrases=(r"\bdistance (?:between|from|to)\b" + _SHRINKING,
             r"\bhow far(?: \([^()]{1,40}\))? (?:is|are|from|lies?)\b",
             r"\b(?:euclidean )?distance\b" + _SHRINKING, r"\bhow far apart\b")))

# -- communication -----------------------------------------------------------------------------
MIN_NORM_SOLUTION = _add(_Q(
    "min-norm-solution", "minimum-norm solution", r"X^{+}y", value_kind="vector",
    aliases=("minimum-norm point", "pseudo-inverse solution"),
    phrases=(r"\bminimum[- ]norm (?:point|solution|interpolant)\b",
             r"\bmin(?:imum|imal|\.)?[- ] ?(?:[\w-]{1,12} ?[- ])?norm (?:point|solution|interpolant|"
             r"interpolating solution|minimi[sz]er)\b",
             r"\bpseudo-?inverse solution",
             # "Give X^+ y as well": the pseudo-inverse solution written as a formula after a verb
             r"\b(?:give|find|compute|state|report|write(?: down)?|what is|what's)(?: also)?"
             r"(?: the (?:vector|point|solution))? (?:pinv ?\( ?[XA] ?\)|[XA] ?(?:\^ ?\{?\+\}?|⁺|"
             r"\^? ?†|\^ ?\{?\\dagger\}?)) ?[*·@]? ?[yb]\b")))
DISTANCE_TO_MIN_NORM = _add(_Q(
    "distance-to-min-norm", "distance from the limit to the minimum-norm solution",
    r"\lVert \theta_\infty - X^{+}y \rVert_2", aliases=("limit-to-min-norm-distance",),
    phrases=(r"\bdistance (?:from|between) (?:the |its )?limit (?:and|to) the minimum[- ]norm "
             r"(?:solution|point|interpolant)\b",)))

MESSAGES = _add(_Q(
    "messages", "number of messages", count=True,
    aliases=("message count", "number-of-messages", "messages-sent", "number-of-messages-sent",
             "count"),
    phrases=(r"\bnumber of messages", r"\bmessages sent\b", r"\bhow many messages",
             r"\b(?:number of|how many) (?:point-to-point|p2p|individual|separate|distinct|network) "
             r"messages\b",
             r"\bmessage count", r"\b# ?messages", r"\bnumber of messages\b",
             r"\bcount (?:the|all(?: the)?) messages\b",
             r"\b(?:how many|number of|total number of) (?:(?!(?:of|per|in|rounds?|steps?|bytes?|"
             r"values?|floats?|entries|elements?|parameters?|times|more|fewer|less|much|as)\b)"
             r"[\w-]{1,20} ){1,2}messages\b"),
    labels=(r"\bmessages?\b", r"\bmsgs?\b", r"\bcount\b", r"\bnumber of messages\b",
            r"#")))
SIZE_NOT_SET = (r"(?<!\bat what )(?<!\bfor what )(?<!\bbelow what )(?<!\babove what )(?<!\bcertain )"
                r"(?<!\bparticular )(?<!\bspecific )")
SIZE_NOT_DEFINED = (r"(?![^.?]{0,30}\b(?:(?:at|for|above|below|beyond|under) which|where (?:the|"
                     r"both|they)\b))")
"""A message size picked out by a condition ("the message size M* at which the two take the same
time", "at what message size do ...") is the crossover asked, not each message's size."""
MESSAGE_SIZE = _add(_Q(
    "message-size", "size of each message", unit="values",
    aliases=("size", "size-of-each-message", "message-elements", "values per message"),
    phrases=(r"\bsize of (?:each|a|one) message(?! in bytes)", SIZE_NOT_SET + r"\bmessage size(?! in bytes)" + SIZE_NOT_DEFINED,
             r"\bhow (?:large|big)(?: \((?:in |as )?[\w/]{1,12}\))? is (?:each|a|one|every) message", r"\b(?:elements|values|floats) per "
             r"message", r"\bhow many (?:values|floats|elements|parameters) (?:are )?in each "
             r"message",
             r"\bhow many (?:values|floats|elements|entries|numbers|parameters|scalars) (?:does|do) "
             r"(?:each|a|one|every|a single) (?:individual |single )?message (?:contain|carry|hold)",
             r"\b(?:what is the |and the |(?:give|state|find|report) the |how (?:large|big) is the )"
             r"size of each(?= ?[?,;.]| ?$)",
             # a ring's chunk is its message (the family's reader refuses it for other schemes)
             r"\bchunk size\b(?! \(?in bytes)", r"\bsize of (?:each|a|one|every|the) chunk\b"
             r"(?! \(?in bytes)", r"\bhow (?:large|big) is (?:each|a|one|every|the) chunk\b"),
    labels=(r"\bsize\b", r"\b(?:elements|entries|values|numbers) per message\b",
            r"\bmessage size\b",
            r"\bsize of (?:each|a|one|every) message\b",
            r"\b(?:each|every|one|a single) message\s*(?:=|:|is\b)")))
MESSAGE_BYTES = _add(_Q(
    "message-bytes", "size of each message in bytes", unit="bytes",
    aliases=("bytes", "bytes per message"),
    phrases=(r"\bin bytes\b", r"\bbytes per message", r"\bmessage size in bytes",
             r"\bhow many (?:kilo|mega|giga)?bytes (?:does|do|is|are in|in) (?:each|a|one|every|a "
             r"single) (?:individual |single )?message(?: (?:contain|carry|hold|take))?\b",
             r"\bhow many bytes (?:does|do|will|would) (?:each|a|one|every|a single) message "
             r"(?:carry|hold|contain)\b", r"\bbytes (?:are )?(?:carried )?(?:in|by) (?:each|every) "
             r"message\b",
             r"\bchunk size \(?in bytes\b", r"\bsize of (?:each|a|one|every|the) chunk \(?in bytes\b",
             r"\bbytes per chunk\b", r"\bhow many bytes (?:are )?in (?:each|a|one|every|the) chunk\b")))
_AND_TOTAL = r"(?!the total\b)"
"""'... sent by each worker and the total': the per-node count, then its total (not a count of
two directions, 'sent by each worker and received')."""
_NOT_PER_ONE = (r"(?!(?: (?:sent|moved|transferred|communicated|exchanged|received))? (?:(?:by|from) "
                r"(?:one|each|a single|every|any|a|the) (?:worker|gpu|node|rank|process|machine)|per "
                r"(?:worker|gpu|node|rank|process|machine))\b)")
"""Not a total over the network when one node's count is meant ("total bytes sent per worker",
"the total number of bytes sent by each worker")."""
_BY_ONE = (r"(?! (?:by|from) (?:one|each|a single|every|any|a|the) (?:worker|gpu|node|rank|"
           r"process|machine)\b| per (?:worker|gpu|node|rank|process|machine)\b)")
"""Not a total when one node's count is meant ("the total number of entries sent by one
worker" is what that worker sends)."""
TOTAL_VOLUME = _add(_Q(
    "total-volume", "total volume", unit="values", aliases=("volume", "total-elements"),
    phrases=(r"\btotal (?:volume|amount of data|data (?:sent|moved)|number of (?:elements|values|"
             r"floats) sent|traffic|communication)" + _BY_ONE,
             r"\btotal (?:floats|values|elements) (?:sent)?" + _BY_ONE,
             r"\btotal (?:parameters|numbers|entries|scalars) (?:sent|communicated|transferred|"
             r"exchanged|moved)\b" + _BY_ONE,
             r"\btotal number of (?:elements|values|floats|entries|numbers|parameters|scalars) "
             r"(?:communicated|transferred|exchanged|moved|sent)\b" + _BY_ONE,
             r"\bhow many (?:floats|values|elements)(?: are sent)? in total\b"),
    labels=(r"\btotal (?:data|volume|traffic)\b", r"\bvolume\b",
            r"\b(?:numbers|values|elements|entries|floats|scalars|parameters) (?:sent |"
            r"communicated |transferred )?in total\b")))
_MOST_ANY_NODE = (r"\b(?:largest|greatest|maximum|max|highest|most) (?:number of |amount of )?(?:data|"
                  r"values|floats|elements|entries|numbers) (?:that )?(?:any|one|a single|an "
                  r"individual) (?:single |individual )?(?:node|worker|gpu|rank|machine|process|"
                  r"device) (?:ever )?")
"""'the largest amount of data any single worker sends': the busiest node's count (active)."""
BUSIEST_SENT = _add(_Q(
    "busiest-sent", "most values sent by one node", unit="values", aliases=("max-sent",),
    phrases=(r"\bbusiest (?:node|worker)", r"\bbottleneck (?:node|link)",
             r"\bmost (?:heavily )?loaded (?:node|worker|gpu|machine|rank)(?!'?s? traffic)",
             r"\b(?:largest|greatest|maximum|max|highest|most) (?:number of |amount of )?(?:data|"
             r"values|floats|elements|entries|numbers) (?:is )?sent by (?:any|one|a single|an "
             r"individual|a) (?:single )?(?:node|worker|gpu|rank|machine|process)\b",
             r"\bmost (?:data|messages|elements) (?:is )?sent by (?:any|one|a single)",
             _MOST_ANY_NODE + r"sends\b(?! (?:and|plus|\+) )")))
BUSIEST_RECEIVED = _add(_Q(
    "busiest-received", "most values received by one node", unit="values",
    aliases=("max-received",),
    phrases=(r"\bmost (?:data|messages|elements) (?:is )?received by",
             r"\b(?:largest|greatest|maximum|max|highest|most) (?:number of |amount of )?(?:data|"
             r"values|floats|elements|entries|numbers) (?:is )?received by (?:any|one|a single|an "
             r"individual|a) (?:single )?(?:node|worker|gpu|rank|machine|process)\b",
             r"\breceived by the busiest", r"\breaches the server\b",
             r"\bhow many (?:floats|values|elements|parameters) does the server receive\b",
             _MOST_ANY_NODE + r"receives\b(?! (?:and|plus|\+) )")))
ROUNDS = _add(_Q(
    "rounds", "number of rounds", count=True,
    aliases=("steps", "sequential-rounds", "latency steps"),
    phrases=(r"\bnumber of (?:(?:sequential|communication|synchronous) ){0,2}(?:rounds|steps)",
             r"\bhow many (?:(?:sequential|communication|parallel|synchronous) ){0,2}(?:rounds|steps)",
             r"\bsequential (?:communication )?(?:rounds|steps)", r"\blatency steps",
             r"(?<=\[)(?:communication )?rounds(?= ?[,;\]])|(?<=\[ )(?:communication )?rounds"
             r"(?= ?[,;\]])"),
    labels=(r"\brounds?\b", r"\blatency steps\b")))
TIME = _add(_Q(
    "time", "time in the alpha-beta model", unit="s", aliases=("alpha-beta-time", "alpha-beta"),
    phrases=(r"\b(?:total |communication |wall[- ]clock )?time\b[^.?]{0,40}\b(?:latency|"
             r"bandwidth|α)", r"\bhow long does", r"\bα[- ]β model",
             r"\blatency[- ]bandwidth model", r"\b(?:compute|give|what is) the (?:total )?time\b",
             r"\btotal time\b", r"\bT_?(?:ring|rd|rab|tree|ps)\b", r"\bT ?\(k\)",
             r"\btime per step\b",
             r"\b(?:estimate|compute|give|find|what is|derive) the (?:total |wall[- ]clock |"
             r"communication |running |overall )?time\b", r"\brunning time\b",
             r"\b(?:both|the two|all three|the three) (?:total |running |communication )?times\b",
             r"\brun[- ]?time of the (?:whole |entire |full )?(?:all[- ]?reduce|collective|"
             r"synchroni[sz]ation|step)\b",
             r"\b(?:α|alpha)[- ]?(?:β|beta) (?:time|cost|completion time|running time)s?\b",
             r"\bcompletion times?\b",
             r"\b(?:all[- ]?reduce|allreduce|collective|ring|tree|rabenseifner|recursive[- ]doubling|"
             r"butterfly|parameter[- ]server)(?:'s)? (?:completion |communication |wall[- ]clock |"
             r"total |running )?times?\b(?! (?:step|index|axis|series|scale|horizon)s?\b)",
             r"\btimes? (?:of|for|taken by) (?:one|a|the|each|a single|both|either|every|the two) "
             r"(?:[\w-]+ ){0,3}?(?:all[- ]?reduces?|collectives?|broadcasts?|reductions?|"
             r"synchroni[sz]ations?|algorithms?|schemes?|methods?|approaches|approach|strategy|"
             r"strategies|variants?|options?)\b")))
WORKER_MESSAGES = _add(_Q(
    "messages-per-worker", "messages sent by one worker", unit="messages", count=True,
    aliases=("messages-sent-per-worker",),
    phrases=(r"\bhow many (?:separate |seperate |individual |distinct )?messages (?:does|do|will|would) "
             r"(?:each|every|one|a single|a|any) (?:single )?(?:gpu|worker|node|rank|process|"
             r"machine|device)\b[^.?]{0,30}?\bsend",
             r"\b(?:number of )?messages (?:sent )?(?:per|by each|by one|by every) (?:gpu|worker|"
             r"node|rank|process)\b",
             r"\bnumber of messages (?:that )?(?:each|every|one|a single) (?:single )?(?:gpu|worker|node|"
             r"rank|process|machine|device) (?:sends|transmits|pushes)\b")))
"""How many messages one worker sends in the step (every worker sends as many)."""
BUSIEST_TRAFFIC = _add(_Q(
    "busiest-traffic", "most values sent plus received by one node", unit="values",
    aliases=("max-traffic",),
    phrases=(r"\btraffic (?:of|at|through) the (?:busiest|most (?:heavily )?loaded|bottleneck) (?:node|"
             r"worker|gpu|machine|rank)\b",
             r"\b(?:busiest|most (?:heavily )?loaded) (?:node|worker|gpu|machine|rank)'?s? (?:traffic|"
             r"total traffic)\b",
             r"\bmost (?:data|values|floats|elements) sent (?:and|plus) received by (?:any|one|a "
             r"single)\b")))
"""The largest traffic of a node, sent plus received (the text defines a node's traffic so)."""
_NODES = r"(?:ranks?|workers?|gpus?|nodes?|process(?:es|ors?)?|machines?|devices?|replicas?)"
HOLDS_SUM = _add(_Q(
    "holds-sum", "every worker ends with the full sum", value_kind="yes-no",
    aliases=("allreduce-correct",),
    phrases=(r"\b(?:show|prove|verify|check|confirm|argue|explain why)(?: that)?\b[^.?]{0,40}?\b"
             rf"(?:every|each|all(?: the)?|all {_NODES}) ?{_NODES}?\b[^.?]{{0,30}}?\b(?:holds?|has|"
             r"have|ends? (?:up )?with|gets?|obtains?|knows?|contains?|receives?) (?:the |a copy of "
             r"the )?(?:full |complete |exact |global |same |total |correct |whole )?(?:sum|average|"
             r"mean|reduced (?:vector|gradient|result)|all[- ]?reduced (?:vector|gradient|result))\b",)))
"""The all-reduce's correctness: after the schedule every worker holds the sum (the average)."""
_CONTENDER = (r"(?:one|of (?:the|these|them)(?: two| three)?|of the (?:two|three) (?:\w+ )?(?:algorithms|"
              r"schemes|methods)|algorithm|scheme|method|approach|option|collective|strategy|"
              r"all[- ]?reduce)")
FASTER = _add(_Q(
    "faster", "the faster scheme", value_kind="name", aliases=("fastest", "which-faster"),
    phrases=(rf"\bwhich (?:{_CONTENDER} )?(?:is|would be|will be|runs|finishes|wins)(?: the)? "
             r"(?:faster|quicker|fastest|quickest)\b",
             rf"\bwhich (?:{_CONTENDER} )?wins\b",
             rf"\bwhich (?:{_CONTENDER} )?(?:would|should|will|do) (?:you|we|i|one) (?:pick|choose|use|"
             r"prefer|select|go with)\b(?=[^.?]{0,60}\b(?:time|faster|quicker|fastest|sooner)\b)"
             r"(?![^.?]{0,60}\b(?:memory|simplicity|fault|robust))")))
"""Which of the schemes compared takes the least time in the α-β model ('which one would you
pick for p = 10^4, and what is its time?': the faster, when time is the criterion named)."""
LATENCY_TIME = _add(_Q(
    "latency-time", "latency part of the time (the α terms)", unit="s",
    aliases=("latency-only-time", "latency-term"),
    phrases=(r"\blatency[- ]only (?:time|cost|model)", r"\b(?:time|part|share|portion|fraction|"
             r"percentage|proportion)\b[^.?]{0,25}\bdue to (?:the )?(?:latency|start-?up|α)",
             r"\b(?:latency|α|alpha) (?:term|terms|part|share|cost) of (?:the |T\b)")))
"""The time with the bandwidth terms dropped: α times the messages on the critical path."""
BANDWIDTH_RATIO = _add(_Q(
    "bandwidth-ratio", "ratio to the bandwidth lower bound",
    aliases=("lower-bound-ratio",),
    phrases=(r"\bratio to the (?:bandwidth )?lower bound",
             r"\bhow far from (?:the )?(?:optimal|lower bound)"),
    relations=(Relation("special-case", "ratio", "a time over the bandwidth lower bound"),)))
CROSSOVER = _add(_Q(
    "crossover", "crossover size", aliases=("break-even",), formula=r"x^\star:\ X = Y",
    phrases=(r"\bcrossover\b", r"\bbreak[- ]even\b", r"\bfor which (?:values of )?(?:[\w-]+ )?"
             r"(?:p|n|S|sizes?)\b[^.?]{0,60}\b(?:faster|cheaper|better|slower)",
             r"\bthreshold\b(?! (?:on|for|value of) α)",
             r"\b(?:the )?(?:message |vector |gradient |buffer )?(?:size|value|length)\b[^.?]{0,40}? "
             r"(?:above|below|beyond|under) which\b[^.?]{0,40}\b(?:faster|slower|cheaper|better|wins)",
             r"\b(?:above|below|beyond|under|from) (?:what|which) (?:[\w-]+ )?(?:size|value|"
             r"[A-Za-z](?:_\{?\w{1,6}\}?)?(?:\^?\*)?)(?![\w(])[^.?]{0,60}\b(?:faster|slower|cheaper|better|wins?)\b",
             r"\b(?:at|for) which (?:the )?(?:T_?\{?[\w ]{1,10}\}? ?= ?T_?\{?[\w ]{1,10}\}?(?![\w(])|"
             r"(?:both|the two|they|the two schemes)\b[^.?]{0,40}\b(?:the same|equal|identical) "
             r"(?:time|cost|run ?time)s?\b|(?:the )?(?:two )?times "
             r"(?:are equal|coincide|match)\b)",
             r"\b(?:for|at) (?:what|which) (?:value of |number of |size of )?[^.?]{0,50}?\b(?:do|does|"
             r"will|would)\b[^.?]{0,40}\b(?:take|need|have) (?:exactly |precisely )?(?:the )?(?:same|"
             r"equal|identical) (?:time|cost)s?\b",
             r"\b(?:take|need|have|run in) (?:exactly |precisely )?(?:the )?(?:same|equal|identical) "
             r"(?:time|cost)s? (?:for|at) (?:a|one|some) (?:certain|particular|specific) (?:message |buffer |"
             r"gradient |vector )?(?:size|length|value)\b",
             r"\b(?:for|at) (?:what|which) (?:number|value|size|count)s? of\b[^.?]{0,50}\b(?:do|does|"
             r"will|would)\b[^.?]{0,40}\b(?:take|need|cost|have|run in)\b[^.?]{0,12}\b(?:the same|"
             r"equal|identical) (?:time|cost|run ?time)s?\b")))
SPEEDUP = _add(_Q(
    "speedup", "speed-up ratio", aliases=("speed-up",), formula=r"X / Y",
    phrases=(r"\bspeed[- ]?up\b", r"\bhow many times faster\b"),
    relations=(Relation("special-case", "ratio", "a time over another time"),)))

_NODE = (r"(?:(?:a single|each|one|every|the|a|any) (?:single |individual |central |extra |parameter[- ]|"
         r"dedicated |separate )?"
         r"(?:gpu|worker|node|rank|process|machine|device|replica|server|ps)|(?:gpu|worker|node|rank|"
         r"process) #?\d{1,3}(?![\w.])|the root(?: (?:gpu|worker|node|rank|process))?)")
"""The node a per-node quantity is asked of ("each GPU", "the server"); the family's reader
tells workers from servers."""
_VALUES = r"(?:values|floats|elements|entries|numbers|parameters|scalars)"
_BYTES = r"(?:(?:kilo|mega|giga)?bytes|kb|mb|gb|kib|mib|gib)"


def _indirect(noun: str, verb: str) -> str:
    """A count asked as an indirect question or a noun phrase, subject before verb ("I want to
    know how many bytes each GPU actually sends", "how many values the server alone has to
    receive", "the bytes the PS itself has to send"); not a traffic of both directions."""
    base = verb[:-1]
    return (rf"\b(?:how many|the) {noun} {_NODE} (?:\w+ )?(?:{verb}|(?:has|have|needs?|must) (?:to )?"
            rf"{base})\b(?! (?:and|plus|\+|or) (?:sends?|receives?)\b)")


VALUES_RECEIVED = _add(_Q(
    "values-received", "values received by one worker", unit="values",
    phrases=(_indirect(_VALUES, "receives"),
             rf"\bhow many {_VALUES} (?:does|do|will|would) {_NODE} (?:\w+ )?[*_]?receive\b"
             r"(?! (?:and|plus|\+) sen[dt])",
             r"\b(?:values|floats|elements|entries) received (?:per|by (?:each|one|a single|every))"
             r" (?:gpu|worker|node|rank|process)\b",
             rf"\bnumber of {_VALUES} {_NODE} receives\b")))
(SERVER_VALUES_SENT, SERVER_VALUES_RECEIVED, SERVER_SENT_PLUS_RECEIVED, SERVER_BYTES_SENT,
 SERVER_BYTES_RECEIVED, SERVER_BYTES_SENT_PLUS_RECEIVED) = (
    _add(_Q(f"server-{key}", f"{what} by one server", unit=unit, phrases=(phrase,)))
    for key, what, unit, phrase in (
        ("values-sent", "values sent", "values", r"\bvalues sent by (?:the|each|one) server\b"),
        ("values-received", "values received", "values",
         r"\bvalues received by (?:the|each|one) server\b"),
        ("sent-plus-received", "values sent plus received", "values", r"\bserver traffic\b"),
        ("bytes-sent", "bytes sent", "bytes", r"\bbytes sent by (?:the|each|one) server\b"),
        ("bytes-received", "bytes received", "bytes",
         r"\bbytes received by (?:the|each|one) server\b"),
        ("bytes-sent-plus-received", "bytes sent plus received", "bytes",
         r"\bserver traffic in bytes\b")))
"""What one server node sends or receives (asked as "how many bytes does the server
receive": the family's reader turns a per-node ask whose node is a server into these)."""

# -- quadratic dynamics ------------------------------------------------------------------------
MAX_STEP = _add(_Q(
    "max-step", "largest stable step size", r"\alpha_{\max}",
    phrases=(r"\b(?:largest|maximum|max|maximal|biggest|critical) (?:stable )?(?:constant |fixed )?"
             r"(?:step(?: ?size)?|learning rate|lr|α|η)\b",
             r"\bfor (?:which|what) (?:values? of )?(?:(?:constant|fixed) )?(?:α|η|γ|lr|the step size|"
             r"step sizes|learning rates?)\b", r"\bstability (?:condition|region|range|boundary)",
             r"\brange of (?:(?:constant|fixed|stable|admissible|convergent) )?(?:α|η|γ|lr|step sizes|learning rates)(?![\w])", r"\blargest admissible\b",
             r"\bsupremum\b", r"\bsup of (?:the |all )?(?:stable |convergent |admissible )?"
             r"(?:(?:constant|fixed) )?(?:step(?:[- ]?sizes?)?|learning rates?|lrs?|α|η|γ)(?![\w(])", r"\bcutoff\b[^.?]{0,30}\b(?:lr|learning rate|step)\b",
             r"\b(?:α|η|γ|lr|step(?:[- ]?size)?|learning rate)(?: [αηγ])? (?:above|beyond|past|over) "
             r"which\b"
             r"[^.?]{0,40}?\b(?:diverges?|blows? up|explodes?|(?:is|becomes|gets) unstable)\b",
             r"\bupper (?:end|limit|endpoint|bound) of (?:the|this|that) (?:range|interval)\b",
             r"\b(?:upper|largest) (?:bound|limit) (?:on|for) (?:the )?(?:(?:constant|fixed) )?"
             r"(?:α|η|γ|lr|step(?:[- ]?sizes?)?|learning rates?)(?![\w(])",
             r"^(?:[-*•] ?)?(?:(?:and|then|also),? )?(?:give|state|what is|find) (?:the|its|that) "
             r"upper (?:limit|end|endpoint)\b(?! (?:of|on|for)\b)",
             r"\b(?:up to|until|below) (?:which|what) (?:values? of (?:the )?)?(?:α|η|γ|lr|"
             r"step(?:[- ]?size)?|learning rate)\b",
             r"\bfor (?:which|what) (?:values? of )?(?:α|η|γ|lr|the step size|step sizes|learning "
             r"rates?)\b[^.?]{0,60}?\b(?:converges?|convergence|stable|stability|diverges?)\b",
             r"\b(?:which|what) (?:values? of )?(?:α|η|γ|step sizes|learning rates)\b[^.?]{0,40}?"
             r"\b(?:converges?|convergent|stable)\b",
             r"\b(?:α|η|γ|lr|step(?:[- ]?size)?|learning rate) (?:above|beyond|past|over|from) "
             r"which\b[^.?]{0,40}?\b(?:diverges?|divergence|blows? up|explodes?|unstable|instability)"
             r"\b", r"\b(?:α|η|γ|lr|step(?:[- ]?size)?|learning rate) (?:below|under|up to) which\b"
             r"[^.?]{0,40}?\b(?:converges?|convergence|stable|stability)\b"),
    labels=(r"\b(?:max(?:imum|imal)?|largest|biggest)\b[^|:;]{0,12}\bstep\b",
            r"\bstab(?:le|ility)\b", r"α_?max\b"),
    bound=True))
_TUNED_OPTIMALLY = (r"\b(?:tun|choos|pick|set)(?:e|es|ed|ing)? (?:[αηγa]|lr|the (?:step(?: ?size)?|"
                    r"learning rate)(?: [αηγ])?)(?:,? and (?:[βb]|(?:the )?momentum(?: [βb])?))? "
                    r"(?:optimally|"
                    r"as well as possible|to be optimal)\b")
""""If I tune a and b optimally, what values do they take?": the optimal parameters asked."""
STEP_OPTIMAL_AFTER = (r"\b(?:step(?:[- ]?size)?|learning rate|lr)(?: [αηγ])? (?:that|which) (?:is|would be) "
                  r"(?:optimal|best)\b")
""""the step η that is optimal for plain GD": the optimal step, its adjective after the noun."""
OPTIMAL_STEP = _add(_Q(
    "optimal-step", "optimal step size", r"\alpha^\star",
    phrases=(r"\boptimal (?:constant |fixed )?(?:step(?: ?size)?|learning rate|lr\b|[αηγ]\b|\([αηγ], ?β\)|"
             r"hyper-?parameters|parameters (?=\(?[αηγ], ?β\b)|tuning|momentum|choice of|pair)",
             r"\bbest (?:constant |fixed )?(?:step[- ]?size|learning rate|lr|[αηγ]\b|\([αηγ], ?β\))",
             r"\bstep size that minimi[sz]es the (?:worst[- ]case )?(?:convergence )?rate\b",
             r"\b(?:that|which) minimi[sz]es? (?:the |its )?(?:[\w-]{1,20} ){0,3}(?:rate|"
             r"(?:contraction|convergence) factor)\b", r"\bwith which (?:step(?: size)?|learning rate)\b",
             r"\b(?:that|which) (?:give|gives|yield|yields|achieve|achieves|attain|attains) (?:the )?"
             r"(?:fastest|best|smallest|lowest|optimal)(?: [\w-]{1,20}){0,2} (?:rate|convergence|"
             r"contraction(?: factor)?)\b",
             r"\bstep(?: size)?(?: [αηγ](?:\^?[*⋆])?)? that minimi[sz]es the (?:worst[- ]case )?"
             r"(?:contraction factor|convergence rate|rate)\b",
             r"\boptimally tuned\b",
             # "what step size minimises this factor?": the factor or rate just named
             r"\b(?:what|which) (?:constant |fixed )?(?:step(?: ?size)?|learning rate|lr|[αηγ]) "
             r"minimi[sz]es (?:this|that|the|its) (?:(?:worst[- ]case|contraction|convergence) )?"
             r"(?:factor|rate)\b",
             r"\b(?:which|what) (?:constant |fixed )?(?:step(?: ?size)?|learning rate|lr|[αηγ]) (?:is|"
             r"would be) (?:the )?[\"“'‘]?(?:optimal|best)\b",
             r"\b(?:what|which) (?:constant |fixed )?(?:step(?: ?size)?|learning rate|lr|[αηγ]) "
             r"(?:gives?|yields?|achieves?) (?:the |its )?(?:fastest|best|smallest|optimal|lowest)\b",
             r"\b(?:(?:that|which) (?:gives?|yields?|achieves?|attains?|produces?)|(?:(?<=step )|"
             r"(?<=step size )|(?<=learning rate )|(?<=\blr )|(?<=\bstep [αηγ] ))(?:giving|yielding|"
             r"achieving|attaining|producing)) (?:the |its )?"
             r"(?:fastest|best|smallest|optimal|lowest|minimal) (?:[\w-]{1,20} ){0,2}(?:rate|"
             r"contraction(?: factor)?|convergence)\b",
             r"\bstep(?: size)?(?: [αηγ](?:\^?[*⋆])?)? that minimi[sz]es the (?:worst[- ]case )?"
             r"(?:contraction factor|convergence rate|rate)\b",
             r"\b(?:what|which) (?:constant |fixed )?(?:step(?: ?size)?|learning rate|lr|[αηγ])\b"
             r"[^.?;]{0,40}?\b(?:to (?:get|reach|achieve|obtain|have)|for) (?:the |its )?(?:fastest|"
             r"best|smallest|optimal|lowest|minimal) (?:[\w-]{1,20} ){0,2}(?:rate|convergence|"
             r"contraction(?: factor)?)\b",
             r"\boptimally tuned\b", _TUNED_OPTIMALLY, STEP_OPTIMAL_AFTER,
             r"\b(?:optimal|best) (?:gd|gradient[- ]descent) (?:constant |fixed )?(?:step(?: ?size)?|"
             r"learning rate|lr)\b",
             r"\b(?:optimal|best) (?:heavy[- ]ball|polyak(?:'s)?|nesterov(?:'s)?|momentum) (?:[αηγ]\b|"
             r"\([αηγ], ?β\)|(?:hyper-?)?parameters\b|step(?: ?size)?\b|learning rate\b)",
             r"\b(?:what|which) (?:constant |fixed )?(?:step(?: ?size)?|learning rate|lr|[αηγ]) "
             r"minimi[sz]es (?:the |its |this |that )?(?:[\w-]{1,20} ){0,3}(?:rate|contraction "
             r"factor)\b",
             r"\bα(?:\^\*|\*(?![(\w∇]))"),     # 'α*(..)', 'α*grad': a product, not α*
    labels=(r"\b(?:optimal|best)\b[^|:;]{0,10}\b(?:step(?: size)?|α|learning rate|lr)\b",
            r"\bstep(?: size)?\b", r"\blearning rate\b", r"\blr\b",
            r"α\^?[*⋆]")))
OPTIMAL_MOMENTUM = _add(_Q(
    "optimal-momentum", "optimal momentum", r"\beta^\star",
    phrases=(r"\boptimal (?:momentum|β)\b", r"\bbest (?:momentum|β)\b", r"\bβ(?:\^\*|\*(?![(\w∇]))",
             r"(?:(?<=optimal α)|(?<=best α)) and β\b",
             r"\b(?:tun|choos|pick|set)(?:e|es|ed|ing)? (?:[αηγa]|lr|the (?:step(?: ?size)?|learning "
             r"rate)(?: [αηγ])?),? and (?:[βb]|(?:the )?momentum(?: [βb])?) (?:optimally|as well as "
             r"possible|to be optimal)\b",
             r"\b(?:what|which) momentum(?: coefficient| parameter)? (?:is )?(?:usually|typically|"
             r"commonly|conventionally|normally) (?:used|chosen|taken)\b"),
    labels=(r"\b(?:optimal |best )?momentum\b", r"β\^?[*⋆]")))
ITERATION_EIGENVALUES = _add(_Q(
    "iteration-eigenvalues", "eigenvalues of the iteration matrix", r"z_{\pm}",
    value_kind="vector", aliases=("roots of the characteristic polynomial",),
    phrases=(r"\beigenvalues of (?:the |its )?(?:iteration|update|transition) (?:matrix|map)",
             r"\broots of the characteristic (?:polynomial|equation)")))
_THAT_RATE = (r"(?:(?<=\band )|(?<=\bwhat is )|(?<=\bwhat's )|(?<=\bgive )|(?<=\bstate )|"
              r"(?<=\breport )|(?<=\bvalue of ))(?:that|this|the corresponding) (?:optimal |minimal |minimi[sz]ed |"
              r"worst[- ]case )?(?:(?:convergence|contraction|linear|asymptotic) )?(?:rate|factor)\b|"
              r"(?:(?<=\band )|(?<=, )|(?<=\bgive )|(?<=\bstate )|(?<=\breport ))(?:the|its) (?:optimal |"
              r"minimal |minimi[sz]ed |worst[- ]case )?(?:(?:convergence|contraction|linear|asymptotic) )?"
              r"(?:rate|factor) itself\b")
""""... the step that minimises the contraction factor, and what is that factor?", "... and the
factor itself": the rate an optimal tuning minimises, named again (the family's reader takes it
only beside that tuning)."""
OPTIMAL_RATE = _add(_Q(
    "optimal-rate", "optimal convergence rate", r"\rho^\star",
    phrases=(r"\boptimal (?:convergence )?rate",
             r"\boptimal \((?:asymptotic|linear|convergence|worst[- ]case)\) rate\b",
             r"\b(?:optimal|best|fastest) (?:heavy[- ]ball|polyak|"
             r"nesterov|momentum|gd|gradient[- ]descent) (?:convergence )?rate\b",
             r"\b(?:best|fastest) (?:achievable )?"
             r"(?:convergence )?rate", r"\bresulting (?:convergence )?rate",
             r"\brate (?:does it|it) achieve", r"\b(?:what|which) (?:\((?:asymptotic|linear|convergence|worst[- ]case)\) )?rate\b", _THAT_RATE,
             r"\b(?:the )?(?:minimal|minimum|smallest) (?:(?:worst[- ]case|contraction|convergence) )?"
             r"(?:factor|rate)\b(?! (?:of|at|for|when) )"),
    labels=(r"\b(?:optimal|best)\b[^|:;]{0,10}\brate\b", r"\brate\b", r"ρ\^?[*⋆]",
            r"\b(?:contraction|convergence) factor\b", r"\bcontraction\b")))
RATE = _add(_Q(
    "rate", "convergence rate", r"\rho",
    phrases=(r"\bconvergence rate", r"\brate of convergence", r"\bcontraction (?:factor|rate)",
             r"\bconvergence factor\b(?! (?:by which|per))",
             r"\bhow fast\b", r"\blinear rate", r"\brate at α", r"\bwhat is the rate\b",
             r"\bwhat(?: is|'s) (?:its|their) (?:asymptotic |linear |convergence ){0,2}rate\b",
             r"\b(?:the )?rate ρ(?:_\w{1,4})?(?!\w)", r"\bcontraction factor\b",
             r"\bconvergence factor\b", r"\bper[- ](?:step|iteration) (?:convergence |contraction )?rate\b",
             r"\bmax_\{?i\}? ?\|1 ?[-−] ?(?:[αηγ]|lr) ?[*·]? ?λ_?\{?i\}? ?\|",
             r"\b(?:worst[- ]case )?(?:contraction |convergence )?factor (?:by which(?!" + _EXCEEDS +
             r")|per (?:step|iteration))\b", r"\bper[- ](?:step|iteration) (?:contraction )?factor\b",
             r"\bper[- ](?:step|iteration) contraction\b",
             r"\bby what factor (?:does|do|will|would) the (?:error|distance|loss|gap)\b[^.?]{0,40}?\b"
             r"(?:shrink|decrease|contract|grow|blow up|increase)s?\b[^.?]{0,12}?\bper (?:step|iteration)\b",
             r"(?<=, )(?:the |its )?rate\b(?! of)(?=,| and\b)", r"\bgive (?:the |its )?rate\b(?! of)",
             r"\b(?:corresponding|resulting|achieved|attained) (?:asymptotic |linear |"
             r"convergence ){1,2}rate\b", r"\bcorresponding rate\b",
             r"\band (?:the )?(?:resulting |optimal |corresponding |achieved )?rate\b(?! of)",
             r"\band (?:its|their) (?:asymptotic |linear |convergence ){0,2}rate\b(?! of)",
             r"\bspectral radius\b", r"(?:^|[:,] )(?:and )?(?:its |the |what )?(?:convergence |linear )?"
             r"rate ?\?", r"\b(?:exact |worst[- ]case )?asymptotic (?:linear |convergence )?rate\b(?! of)",
             r"\b(?:give|state|report|and) (?:that|this|the resulting|the corresponding) "
             r"(?:contraction )?factor\b"),
    labels=(r"\b(?:convergence )?rate\b", r"\b(?:contraction|convergence) factor\b",
            r"\bcontraction\b", r"\bspectral radius\b")))
CONDITION_NUMBER = _add(_Q(
    "condition-number", "condition number", r"\kappa", phrases=(r"\bcondition number\b",)))
ITERATIONS = _add(_Q(
    "iterations", "iterations to reach the tolerance", "k", count=True,
    phrases=(r"\bhow many (?:iterations|steps)", r"\bnumber of (?:iterations|steps)",
             r"\bhow many (?:gd |gradient[- ]descent |heavy[- ]ball |nesterov |momentum |more |extra )"
             r"(?:iterations|steps|updates)\b",
             r"\b(?:iteration|step) count\b",
             r"\biterations? (?:are )?(?:needed|required)",
             r"\biterations (?:to (?:reach|get to|achieve|attain)|until) (?:an? |the )?(?:(?:relative|"
             r"target) )?(?:(?:error|accuracy|tolerance) (?:of )?)?(?=[\d.])",
             r"\bhow many (?:iterations|steps)\b[^.?]{0,60}?\b(?:shrink|decrease|guarantee|"
             r"reduce (?:the |its )?(?:error|distance|gap|suboptimality)|(?:until|before|to get) "
             r"(?:the |my |its )?(?:error|distance|gap|suboptimality))",
             r"\bsmallest (?:number of (?:iterations|steps) |(?:positive )?integer )?[kt]\b(?= (?:that|such that|with|"
             r"for which|so that)\b)"),
    labels=(r"(?<!\bper )(?<!\bper-)\biterations?\b", r"\bsteps? (?:needed|required)\b", r"^\W*steps\b")))
REGIME = _add(_Q(
    "regime", "behaviour regime", value_kind="explanation",
    phrases=(r"\bregimes?\b", r"\boscillat\w*", r"\bmonoton\w*", r"\bwhat happens\b(?! along)")))
ITERATION_MATRIX = _add(_Q(
    "iteration-matrix", "iteration matrix", value_kind="matrix",
    phrases=(r"\biteration matrix\b[^.?]{0,60}\band its eigenvalues\b",
             r"\b2 ?[x×] ?2 (?:iteration )?matrix\b[^.?]{0,60}\band its eigenvalues\b",
             r"(?<!radius of its )(?<!radius of the )\biteration matrix",
             # not the shape of an answer: "Compute U* explicitly as a 2×2 matrix"
             r"(?<!\bas a )\b2 ?[x×] ?2 (?:matrix|system|iteration)",
             r"\bcharacteristic (?:polynomial|equation)",
             r"\beigenvalues of the (?:iteration|update|transition)")))
EFFECTIVE_STEP = _add(_Q(
    "effective-step", "effective step size",
    phrases=(r"\beffective (?:step|learning rate)", r"\bexponential moving average",
             r"\bEMA\b", r"\bunroll")))
PYTORCH = _add(_Q(
    "pytorch", "PyTorch SGD convention", value_kind="formula",
    phrases=(r"\bpytorch", r"\btorch\.optim", r"\bdampening",
             r"\b(?:which|what) (?:values? (?:of |for )?)?lr(?: and| ?/| ?,) (?:the |which |what )?"
             r"momentum\b(?! ?=)",
             r"\b(?:pass|set|use|choose) (?:as |for )?lr(?: and| ?/| ?,) (?:as |for )?momentum\b"
             r"(?! ?=)")))
EQUIVALENT_STEP = _add(_Q(
    "equivalent-step", "equivalent heavy-ball step", r"\alpha_{\mathrm{hb}}",
    aliases=("heavy-ball step",),
    phrases=(r"\bequivalent (?:heavy[- ]ball )?(?:step|learning rate)",)))
EQUIVALENT_MOMENTUM = _add(_Q(
    "equivalent-momentum", "equivalent heavy-ball momentum", r"\beta_{\mathrm{hb}}",
    aliases=("heavy-ball momentum coefficient",),
    phrases=(r"\bequivalent (?:heavy[- ]ball )?momentum",)))
ZERO_CURVATURE = _add(_Q(
    "zero-curvature", "behaviour along zero-curvature directions", value_kind="explanation",
    phrases=(r"\bzero[- ]curvature", r"\bzero eigenvalues?", r"\bnull ?space",
             r"\bflat directions?", r"\bwhat happens along")))
EARLIER_ANSWERS = _add(_Q(
    "earlier-answers", "earlier parts' answers evaluated at given numbers",
    phrases=(r"\b(?:evaluate|compute|recompute|give)\b (?:both|the two|all(?: three)?|these|those) "
             r"(?:rates|answers|results|quantities)\b(?=[^.?]{0,60}\b(?:numerically|as numbers)\b)",
             r"\b(?:evaluate|compute|recompute)\b (?:the answers (?:to|of) |your answers (?:to|of) |"
             r"the results of )?(?:parts? )?\((?:[a-h]|\d{1,2})\)(?:,? (?:and |& )?\((?:[a-h]|"
             r"\d{1,2})\))*(?= (?:numerically|as numbers|for|at|with)\b)")))

# -- Adam mechanics ----------------------------------------------------------------------------
UPDATE_RULE = _add(_Q(
    "update-rule", "update rule", value_kind="formula", aliases=("rule",),
    phrases=(r"\bupdate rule", r"\bupdate equations?", r"\bwrite (?:out|down) (?:the )?(?:full )?"
             r"(?:adam|rmsprop)", r"\bdivid\w* by (?:the )?(?:square root|sqrt)",
             r"\b(?:state|give) (?:the )?(?:adam|rmsprop) update"),
    labels=(r"\bupdate(?: rule)?\b", r"\brule\b")))
BIAS_CORRECTION = _add(_Q(
    "bias-correction", "bias correction", value_kind="formula", aliases=("bias",),
    phrases=(r"\bbias[- ]correction\b", r"\bbias[- ]correct(?:s|ing|ed)?\b", r"\bunbiased\b",
             r"E\[m_?t\]", r"\bexpect\w* (?:value )?of (?:m|v)_?t"),
    labels=(r"\bbias[- ]correct\w*", r"\bunbias\w*")))
FIRST_MOMENT = _add(_Q(
    "first-moment", "first-moment estimate", "m_t", value_kind="vector",
    aliases=("first moment", "momentum estimate"),
    phrases=(r"\bfirst[- ]moment (?:estimate|average)s?\b(?! bias)", r"\braw moments?\b",
             r"(?<![\w^])m_?\(?\d{1,3}\)?(?![\w(]| ?=)",
             r"\b(?:compute|give|find|derive|write down|what (?:is|are)) (?:the )?m_t(?: and v_t)?\b"
             r"(?! ?=)")))
SECOND_MOMENT = _add(_Q(
    "second-moment", "second-moment estimate", "v_t", value_kind="vector",
    aliases=("second moment",),
    phrases=(r"\bsecond[- ]moment (?:estimate|average)s?\b(?! bias)",
             r"(?<![\w^])v_?\(?\d{1,3}\)?(?![\w(]| ?=)",
             r"\b(?:compute|give|find|derive|write down|what (?:is|are)) (?:the )?v_t(?: and m_t)?\b"
             r"(?! ?=)")))
DISPLACEMENT = _add(_Q(
    "displacement", "total displacement", r"\theta_T - \theta_0", value_kind="vector",
    aliases=("total step", "total update"),
    phrases=(r"\btotal (?:displacement|change|movement)\b", r"θ_T ?- ?θ_0")))
FIRST_STEP = _add(_Q(
    "first-step", "first step", r"\theta_1 - \theta_0", aliases=("first-update",),
    phrases=(r"\bfirst (?:(?:adam|adamw|sgd|momentum|rmsprop|adagrad|optimi[sz]er|gradient|"
             r"momentum[- ]sgd|heavy[- ]ball|nesterov|training|parameter) )?(?:step|update|iteration)\b",
             r"θ_1 ?- ?θ_0", r"Δ ?θ_?\(?1\)?(?![\w.])"),
    value_kind="vector",
    labels=(r"\bfirst (?:step|update)\b", r"θ_?1 ?[-−] ?θ_?0")))
LOSS_SCALING = _add(_Q(
    "loss-scaling", "effect of scaling the loss", aliases=("scaling", "scale-invariance"),
    phrases=(r"\b(?:re)?scal\w* (?:the |my |our |your |a )?(?:training |data )?loss",
             r"\bloss (?:is |gets |was )?(?:re)?scaled",
             r"\bmultipl\w* (?:the |my |our |your )?(?:training |data )?loss",
             r"\bloss (?:is |gets |was |were |be )?multiplied by\b", r"\binvarian\w* to (?:(?:this|that|the|such|a|any) )?(?:(?:loss|gradient) )?(?:re)?scal",
             r"\bscale[- ]invarian"),
    labels=(r"\bloss scal\w*", r"scal\w* (?:the |of the )?loss\b", r"\bmultipl\w* (?:the )?loss\b",
            r"\bscale[- ]invarian\w*", r"\binvarian\w*", r"\bunchanged\b",
            r"\bdoes not change\b", r"\bno change\b")))
SIGN_LIMIT = _add(_Q(
    "sign-limit", "the beta1 = beta2 = 0 limit", aliases=("sign-descent", "sign"),
    phrases=(r"β_?1 ?= ?β_?2 ?= ?0", r"β_?1 ?= ?0,? (?:and )?β_?2 ?= ?0",
             r"\bwhat does the (?:update|step|rule)\b[^.?]{0,40}\b(?:reduce to|become)\b")))
STEP_BOUND = _add(_Q(
    "step-bound", "bound on the per-coordinate step", r"|\Delta\theta_t|", aliases=("bound",),
    phrases=(r"\bbound on (?:the )?(?:size of )?(?:each |the |a )?(?:per[- ]coordinate )?"
             r"(?:step|update)", r"\bstep[- ]size bound",
             r"\bbound on (?:the )?(?:size|magnitude) of (?:each|every|any) (?:coordinate|entry|"
             r"component) of (?:the |a |an |each )?(?:adam )?(?:step|update)",
             r"\bhow large (?:can|may|is|could) (?:a |the |each |one )?(?:single |per[- ]coordinate "
             r"|adam )*(?:step|update)", r"\b(?:maximum|largest|biggest|worst[- ]case)(?: possible)? (?:per[- ]coordinate |"
             r"single |adam |coordinate-?wise )*(?:step|update)",
             r"\|Δθ(?:_i|_t|_t,i)?\| ?(?:≤|<)",
             r"\b(?:evaluate|compute|calculate|work out) (?:this|that|the above|the (?:same|stated|"
             r"given|textbook|paper'?s|usual)) (?:(?:step|update)[- ])?bound\b"),
    labels=(r"\b(?:max(?:imum|imal)?|largest)\b[^|:;]{0,25}\bstep\b", r"\bstep bound\b",
            r"\bbound\b",
            r"\bstep\b[^|:;.]{0,25}?\b(?:can|could|may) (?:reach|get (?:as large as|up to)|"
            r"be (?:as large as|up to))"),
    bound=True))
DECAY_FRACTION = (r"\b(?:what|which) (?:fraction|share|proportion|percentage|part) of (?:the |a |each |every |"
                  r"its |that )?(?:weights?|parameters?|(?:initial|original|starting) (?:value|weight|"
                  r"size))\b[^.?]{0,40}?\b(?:survives?|remains?|is left|"
                  r"is kept|stays?|(?:would|will|does|do) (?:the )?(?:weight )?decay (?:alone |only )?"
                  r"(?:leave|keep))\b|\bhow much of (?:the |a |each |its )?(?:weights?|parameters?) "
                  r"(?:survives?|remains?|is left|is kept)\b|"
                  r"\bby (?:what|which|how large a) factor (?:would|will|does|do|is|are) (?:the )?"
                  r"(?:decoupled )?(?:weight )?decay (?:alone|only|by itself)(?: (?:shrink|multiply|"
                  r"scale|reduce)\w*)?\b[^.?]{0,30}?\b(?:over|after|in|within) |"
                  r"\btotal (?:multiplicative |decay |shrink(?:age)? )?factor (?:after|over|in|within) "
                  r"(?=\d|one |ten |a )")
"""What decoupled weight decay alone keeps of a weight after some steps ('what fraction of the
weight survives after 1000 steps', 'what fraction of a weight would the decay alone leave', 'by
what factor would weight decay alone shrink theta over 1000 steps'): asked with the
weight-decay comparison."""
DECAY_HALVING = (r"\b(?:after|in|within) how many (?:adamw |optimi[sz]er |training |decay )?(?:steps|updates|"
                 r"iterations)\b[^.?]{0,50}?\b(?:dropped|fallen|decayed|shrunk|gone down|shrunken|reached)"
                 r" (?:to )?(?:at most |to at most |below |to or below )?(?:one[- ])?half\b|"
                 r"\bhow many (?:adamw |optimi[sz]er |training |decay )?(?:steps|updates|iterations)\b"
                 r"[^.?]{0,40}?\b(?:until|before|for|to)\b[^.?]{0,40}?\b(?:halve[sd]?|(?:drops?|falls?|"
                 r"decays?|shrinks?) (?:to )?(?:at most |below )?(?:one[- ])?half)\b")
_HALF_START = (r"(?:θ|theta|w|x|p)_?\{?(?:t|k|n|N)\}? ?(?:≤|<=|<|=) ?(?:\(?1 ?/ ?2\)? ?[*·]? ?"
               r"(?:θ|theta|w|x|p)_?\{?0\}?|(?:θ|theta|w|x|p)_?\{?0\}? ?/ ?2|0?\.5 ?[*·]? ?"
               r"(?:θ|theta|w|x|p)_?\{?0\}?)")
"""θ_t ≤ θ_0/2, w_t <= 0.5 w_0, θ_k ≤ (1/2)θ_0: the weight at half its start or below."""
DECAY_HALVING = (DECAY_HALVING + r"|\b(?:after|in|within|for) how many (?:adamw |optimi[sz]er |training |"
                 r"decay )?(?:steps|updates|iterations)\b[^.?]{0,30}?" + _HALF_START + r"|"
                 r"\b(?:smallest|first|least|earliest) (?:t|k|n|N|step|iteration)\b[^.?]{0,20}?"
                 + _HALF_START)
"""'After how many AdamW steps has the weight first dropped to half its initial value?', 'after
how many steps is θ_t ≤ θ_0/2 for the first time?', 'the smallest t with w_t <= 0.5 w_0': the
smallest N with (1 - αλ)^N ≤ 1/2, asked with the weight-decay comparison."""
SHRINK_PER_STEP = (r"\b(?:what|which) (?:single |constant |fixed )?factor (?:multiplies|scales|shrinks) "
                   r"(?:θ|theta|w|the (?:weights?|parameters?))(?![\w_])(?=[^.?]{0,20}?\b(?:per|each|every|"
                   r"at each|at every) (?:step|iteration|update)\b)")
"""'What factor multiplies θ per step?': the factor decoupled weight decay multiplies the weights
by at every step (asked of the weights, not of an error or distance)."""
WEIGHT_DECAY = _add(_Q(
    "weight-decay", "L2 regularisation vs decoupled weight decay",
    aliases=("l2-vs-weight-decay", "adamw"),
    phrases=(r"\bdecoupled weight decay", r"\bl2[- ]regulari[sz]\w*", r"\bweight decay\b",
             r"\beffective (?:per[- ]coordinate )?decay\b",
             r"\b(?:per[- ](?:step|iteration) )?shrink(?:age|ing)? factor\b",
             r"\bby what factor (?:does|do|is|are) (?:adamw|(?:the )?(?:decoupled )?(?:weight )?decay|it)\b"
             r"[^.?]{0,30}\b(?:shr[iu]nk|multipl(?:y|ies)\b[^.?]{0,12}\bweights?\b)",
             SHRINK_PER_STEP, DECAY_FRACTION, DECAY_HALVING),
    labels=(r"\bweight decay\b", r"\badamw\b", r"\bl2 vs\b", r"\bdecay\b", r"\bshr[iu]nk\w*",
            r"\bmultiplied by\b")))
THETA_T = _add(_Q(
    "theta-t", "parameters after t steps", r"\theta_t", value_kind="vector",
    phrases=(r"\bwhere is the iterate\b",
             r"(?<!every )(?<!each )(?<!from )(?<!any )(?<!all )(?<![-−Δ] )(?<![-−Δ])"
             r"(?<![\w∇]\()(?<![\w∇] \()"   # "f(θ_1)": the function's value there, not θ_1
             r"\bθ_(?!0\b)\d+\b(?!(?:, ?[ijk]\b)? ?[-−] ?θ)",
             r"\bparameters? after\b",
             r"\bwhere (?:is|are|will|does|do)\b(?: [\w-]+){0,3}? (?:be |end up |land |sit )?after "
             r"(?:step \d{1,3}|(?:the )?(?:first|second|third|\d{1,3}(?:st|nd|rd|th)) (?:step|update|"
             r"iteration)|(?:one|two|three|\d{1,3}) (?:steps|updates|iterations))\b")))
_ITERATE_ARGUMENT = (r"(?:[θwxz](?:_?\{?[1-9]\d{0,2}\}?)|\(?[a-z]_?\{?[1-9]\d{0,2}\}?, ?[a-z]_?\{?"
                     r"[1-9]\d{0,2}\}?\)?)")
VALUE_T = _add(_Q(
    "value-t", "objective value after t steps", r"f(\theta_t)",
    phrases=(r"(?<![\w∇])f ?\( ?" + _ITERATE_ARGUMENT + r" ?\)(?! ?(?:[-−] ?f\b|=|≤|<|≥|>))",)))
""""f(w_3)", "f (x2)", "f(x_3, y_3)": the objective at a numbered iterate (not a gap f(θ_t) − f*,
nor a stated value or bound)."""
COORDINATE_STEP = _add(_Q(
    "coordinate-step", "size of each coordinate's step", r"|\Delta\theta_{t,i}|",
    aliases=("step size per coordinate",),
    phrases=(r"\b(?:every|each) coordinate moves? by the same (?:amount|distance)\b",
             r"\b(?:size|magnitude) of (?:each|every) coordinate'?s? (?:step|update|move)\b",
             r"(?<!bound on the )(?<!bound on )\b(?:size|magnitude) of (?:each|every) (?:coordinate|"
             r"entry|component) of (?:the |this |that |its )?(?:step|update|Δ ?[θw]_?\{?\d{1,3}\}?)(?!\w)",
             r"\bhow (?:big|large) is (?:the |her |his |my |our |your )?(?:very )?(?:first|second|"
             r"third|last|\d{1,4}(?:st|nd|rd|th)) (?:step|update)\b",
             r"\bhow (?:far|much) does (?:each|every) coordinate move\b",
             r"\bhow (?:big|large|long) is (?:each|every) coordinate'?s? (?:step|update|move)\b",
             r"\bhow big (?:is|are) (?:the |her |his |my |our |your |each )?(?:steps?|updates?)\b",
             r"^(?:and )?if so,? (?:by )?how much\b")))
STEP_LIMIT = _add(_Q(
    "step-limit", "limit of the step as t grows", r"\lim_{t\to\infty}\Delta\theta_t",
    aliases=("limit of the step",),
    phrases=(r"\b(?:step|update|steps|updates|Δ ?θ_?t?|delta ?[wθ]|step ?size)\b[^.?]{0,30}"
             r"\b(?:(?:tend|go|converge)(?:s|es)? to|approach(?:es)?)\b[^.?]{0,25}(?:\bas t ?(?:→|->|goes to|"
             r"tends to) ?(?:∞|infinity|oo)|\bfor large t\b|\bforever\b|\bin the long run\b)",
             r"\blim_?\{? ?t ?(?:→|->) ?(?:∞|infinity)\}? ?\|?(?:Δ ?θ_?t|θ_?t ?[-−] ?θ_?\{?t ?[-−] ?1)",
             r"\b(?:magnitude|size|length|value) of (?:the |each |every |its |a )?(?:step|update)s?"
             r"(?: of (?:each|every|a) coordinate)? (?:as|when) t ?(?:→|->|goes to|tends to|grows to) ?"
             r"(?:∞|infinity|oo)(?!\w)|\b(?:step|update)s?(?: size| magnitude)? in the limit t ?(?:→|->) ?"
             r"(?:∞|infinity|oo)(?!\w)")))
GRADIENT_T = _add(_Q(
    "gradient-t", "gradient at step t", "g_t", value_kind="vector",
    phrases=(r"\bthe gradient (?:at|of) step \d{1,3}\b",)))
EFFECTIVE_GRADIENT = _add(_Q(
    "effective-gradient", "effective gradient (with the L2 term)", r"\tilde g_t",
    value_kind="vector", aliases=("penalised gradient", "gradient fed to adam"),
    phrases=(r"\beffective (?:stochastic )?gradients?\b",
             r"\b(?:l2[- ])?(?:penali[sz]ed|regulari[sz]ed) (?:loss'?s? )?gradients?\b",
             r"\bgradients? (?:(?:is|are|gets?|was|were) )?(?:actually |really )?(?:fed|passed|handed) (?:in)?to (?:adam|the moments|the "
             r"optimi[sz]er)\b",
             r"(?<![\w^])g(?:̃|_?tilde|_?eff)(?:_?\{?\(?(?:\d{1,3}|t|k)\)?\}?)?(?![\w(])"),
    labels=(r"\beffective gradient\b", r"g̃")))
"""The gradient Adam with an L2 penalty feeds its moments, g̃_t = g_t + λθ_{t−1}."""
BETA_POWER = r"(?:β|beta)_?\{?(?P<which>[12])?\}? ?(?:\^ ?\{?t\}?|\*\* ?t|ᵗ|t)(?![\w^])"
"""β₁ᵗ, beta2^t, β_1^{t}, and as a PDF copy flattens it, β1t or βt."""
BIAS_SETTLED = (r"\b(?:smallest|first|least|minimal|minimum|earliest) (?:step |iteration |integer |"
                r"number of steps |value of )?(?:t|k|step|iteration)\b[^.?]{0,30}?(?:1 ?[-−] ?)?"
                + BETA_POWER.replace("(?P<which>", "(?:") + r" ?(?:<|≤|<=|>|≥|>=)|"
                r"\b(?:for |after |within )?how many (?:steps|iterations|updates)\b[^.?]{0,40}?"
                r"(?:1 ?[-−] ?)?" + BETA_POWER.replace("(?P<which>", "(?:") + r" ?(?:<|≤|<=|>|≥|>=)|"
                r"\b(?:after )?how many (?:steps|iterations|updates)\b[^.?]{0,40}?\b(?:bias[- ]"
                r"correction|correction factors?)\b[^.?]{0,30}?\b(?:negligible|close to 1|within|"
                r"exceeds?|above|below)\b")
"""'the smallest t with β₁ᵗ < 0.01', 'the first t with 1 − β₂ᵗ > 0.99', 'how many steps until the
bias correction is negligible': the step from which a bias-correction factor is within a
threshold of 1, asked with the factors."""
BIAS_FACTORS = _add(_Q(
    "bias-factors", "bias-correction factors", r"1/(1-\beta^t)",
    phrases=(r"\bbias[- ]correction factors?", r"\bcorrection factors?",
             r"\bbias[- ]correction (?:denominators?|divisors?)\b", BIAS_SETTLED)))
M_HAT = _add(_Q(
    "m-hat", "bias-corrected first moment", r"\hat m_t", value_kind="vector",
    phrases=(r"\bbias[- ]corrected (?:first )?moments?", r"\bhat ?m\b",
             r"(?<![\w^])m(?:̂|_?hat)(?:_?\(?\d{1,3}\)?)?(?![\w(])",
             r"\b(?:what (?:is|are|would|will)|give|compute|find) (?:the )?m(?:̂|_?hat)_?\(?t\)?(?![\w(])",
             r"\bshow that (?:the )?m(?:̂|_?hat)_?\(?(?:t|\d{1,3})\)? ?=")))
V_HAT = _add(_Q(
    "v-hat", "bias-corrected second moment", r"\hat v_t", value_kind="vector",
    phrases=(r"\bbias[- ]corrected second moments?", r"\bhat ?v\b",
             r"(?<![\w^])v(?:̂|_?hat)(?:_?\(?\d{1,3}\)?)?(?![\w(])",
             r"\b(?:what (?:is|are|would|will)|give|compute|find) (?:the )?v(?:̂|_?hat)_?\(?t\)?(?![\w(])",
             r"\bshow that (?:the )?v(?:̂|_?hat)_?\(?(?:t|\d{1,3})\)? ?=")))
LAST_STEP = _add(_Q(
    "last-step", "last step", r"\theta_T - \theta_{T-1}", value_kind="vector",
    phrases=(r"\blast (?:step|update)\b",
             r"\b(?:the )?(?:update|step)(?: Δ ?(?:θ|theta|w|x))? (?:of|at|in) (?:(?:step|iteration)"
             r"(?: t ?=)? ?|t ?= ?)\d{1,3}\b",
             r"(?<!\bafter )(?<!\bbefore )(?<!\bafter the )(?<!\bbefore the )\b(?:the|its|her|his|"
             r"their|our|my|your) (?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
             r"\d{1,3}(?:st|nd|rd|th)) (?:update|step)\b(?! (?:size|length|bound|rule)\b)")))
"""An ordinal names the step ('its third update'): the step of that index, the last of a run
that long."""
STEP_NO_BIAS_CORRECTION = _add(_Q(
    "step-no-bias-correction", "step without bias correction", value_kind="vector",
    phrases=NO_BIAS_CORRECTION_PHRASES))
_EPS = r"(?:ε|ϵ|eps|epsilon)"
EQUIVALENT_EPS = _add(_Q(
    "equivalent-eps", "equivalent epsilon", r"\varepsilon'", aliases=("eps-prime",),
    phrases=(rf"\b(?:which|what|a different|another|new) (?:constant |value of |value )?{_EPS}"
             r"(?! ?=)", rf"(?<!\w){_EPS} ?'|{_EPS}_?(?:prime|new|eff)\b",
             rf"\b(?:equivalent|effective) {_EPS}\b")))
SGD_LOSS_SCALING = _add(_Q(
    "sgd-loss-scaling", "plain SGD step under loss scaling",
    phrases=(r"\b(?:plain |vanilla )?sgd\b[^.?]{0,40}\bscal",
             r"\b(?:plain |vanilla )?sgd\b[^.?]{0,60}\b(?:on|with|of) (?:the loss )?c ?[·*]? ?L\b"
             r"[^.?]{0,60}\b(?:step|learning rate|lr)\b")))
OPPOSITE_COORDINATES = _add(_Q(
    "opposite-coordinates", "coordinates that move the other way", "i", value_kind="vector",
    aliases=("which coordinate moves the other way",),
    phrases=(r"\bmoves? (?:in )?the (?:other|opposite) (?:way|direction)",
             r"\bwhich coordinates?\b(?=[^.?]{0,100}\b(?:opposite|the other way|the other "
             r"direction))", r"\bopposite directions?\b")))

# -- derived quantities (any family) -----------------------------------------------------------
RATIO = _add(_Q("ratio", "ratio of two quantities", formula=r"X / Y",
                phrases=(r"\bratio\b", r"\bby what factor\b", r"\bfactor by which(?=" + _EXCEEDS + ")",
                         r"\bhow many times (?:more|less|larger|smaller|bigger)\b")))
DIFFERENCE = _add(_Q("difference", "difference of two quantities", formula=r"X - Y",
                     phrases=(r"\bdifference (?:between|of)\b",
                              r"\bhow much (?:time|latency|wall[- ]clock time) (?:does|do|would|"
                              r"will|can) (?:[\w'’-]+ ){1,4}?save\b")))
SUM = _add(_Q("sum", "sum of two quantities", formula=r"X + Y", aliases=("total of",),
              phrases=(r"\bsum of\b", r"\bθ_?0 ?\+ ?(?:the )?step\b")))
NORM_OF = _add(_Q("norm-of", "norm of an answer", formula=r"\lVert X \rVert"))
WHICH_OF = _add(_Q("which-of", "which of the compared answers", value_kind="name",
                   formula=r"\arg\min_i X_i,\ \arg\max_i X_i \text{ or } X_i = Y"))
"""The item (a part's answer, or a scheme's, optimizer's or norm's) whose answer is the
smallest, the largest, or equal to another answer: "which of the four schemes sends the least",
"which of the two limits is the minimum-norm solution". Named by no phrase of its own: the
reading makes it from a "which of ..." request whose items are answers."""
"""The norm of another answer (``‖u‖_2`` of an earlier part's step): named by no phrase of its
own; the reading makes it from a norm written around a symbol or a reference to an answer."""
DEPENDS_ON = _add(_Q("depends-on", "dependence on a parameter", value_kind="yes-no",
                     formula=r"\partial X / \partial \eta \not\equiv 0",
                     phrases=(r"\bdoes (?:the |it |this )?\w*\s?depend on\b",
                              r"\bindependent of\b")))
LIMIT_OF = _add(_Q("limit-of", "limit of an answer as a parameter grows without bound",
                   formula=r"\lim_{\eta \to \infty} X"))
"""The limit of another answer as one of its parameters tends to infinity ("what does the
per-worker volume tend to as n → ∞"): named by no phrase of its own; the family's reading makes
it from a limit it can place (which answer, which parameter)."""
ORDER = _add(_Q("order", "how one answer compares with another", value_kind="name",
                formula=r"\operatorname{sign}(X - Y)"))
"""Whether an answer is larger than, smaller than or equal to another ("is it more, less or
equal?", "how does X compare to Y?"): named by no phrase of its own; the reading makes it from
a comparison request whose two operands are answers."""
VALUE_AT = _add(_Q("value-at", "a formula evaluated at an answer", formula=r"q(X)"))
"""A formula the text writes (``q(θ) = 4θ_1^2 + θ_2^2``, ``wᵀP⁻¹w``, ``½‖Xθ − y‖²``) evaluated
at an answer of the problem: named by no phrase of its own; the reading makes it from "evaluate
... at the limit from (a)"."""

# -- asked in problems, not answered by any family yet (named in refusals) --------------------
NORM_VALUE = _add(_Q(
    "norm-value", "norm of a given vector or matrix", r"\|x\|",
    phrases=(r"\bwhat's (?:the )?squared (?:(?:euclidean|ℓ_?2|l_?2) )?norm of(?= (?:my|our|the|its|"
             r"this|that) (?:limit|solution|point|answer|result)\b)",
             r"(?:compute|give|evaluate|what (?:is|are)|what's(?![^.?]{0,30}\bnorm of (?:d|u|s|Δ\S{0,3}|δ|"
             r"the (?:step|update|minimi[sz]er|direction))\b))[^.?]{0,20}(?:the )?(?:squared |"
             r"euclidean |frobenius |spectral |nuclear )?norms? of\b(?! ‖ ?[·.])",
             r"(?<!\bin the )(?<!\bin )(?<!\bin an )(?<!\bdual of the )(?<!\bdual of )"
             r"(?<!\bby the )(?<!\bby )"
             r"(?<!\bwith the )(?<!\bwith )(?<!\busing the )"
             r"(?<!\bunder the )(?<!\bfor the )(?<!\bthe plain )(?<!\bthe usual )(?<!\bthe standard )"
             r"(?<!\bthe ordinary )\beuclidean norms?\b(?! of the (?:step|update))",
             r"(?:compute|give|evaluate|report|list|find|calculate|determine|what (?:is|are))(?:,? (?:in (?:this|that|the "
             r"following) order|in order|respectively|numerically|exactly),?)? ?:? ?(?:[\[(] ?)?"
             r"(?:the (?!dual )(?:[\w-]{2,12} )?norm )?‖(?!·)[^‖]{1,40}‖",
             # "‖d_a‖_2 / ‖d_c‖_2 = ?": a norm (or a quotient of two) equated to a question mark
             r"^‖(?![·.])[^‖]{1,40}‖(?:_\{?[\w∞]{1,4}\}?)?(?= ?(?:/ ?‖[^‖]{1,40}‖(?:_\{?[\w∞]{1,4}\}?)? ?)?"
             r"= ?\?)")))
UNIQUENESS = _add(_Q(
    "uniqueness", "is the minimiser unique", value_kind="yes-no",
    phrases=(r"(?<!\bbeing the )(?<!\bto be the )\bunique\b",)))
_GRAD = r"(?:[gG]|∇ ?[fLJ](?: ?\((?:w|θ|x|W)(?:_?\{?[tk]\}?)?\))?|grad)"
"""The gradient as a problem writes it in a linear term: g, G, ∇f, ∇L(w), ∇L(θ_t), grad."""
_STEP_SYM = r"(?:ΔW|Δ ?w|Δ ?θ|Δ|δ ?θ|δ|delta|dW|dw|dθ|d|u)"
LINEAR_CHANGE = _add(_Q(
    "linear-change", "first-order change of the loss gᵀu", r"g^\top u",
    phrases=(r"\bhow much (?:does )?the (?:linear(?:i[sz]ed)?|first[- ]order|predicted) (?:loss|model|"
             r"objective|approximation) (?:go(?:es)? down|decreases?|drops?|changes?)\b",
             # "by how much does the linear model predict the loss will decrease?"
             r"\bhow much (?:does|do|would|will) the (?:linear(?:i[sz]ed)?|first[- ]order) (?:model|"
             r"approximation|term) (?:predict|say|expect) (?:that )?(?:the )?(?:loss|objective) "
             r"(?:will |would |should )?(?:go down|decrease|drop|change)\b",
             # "just the linear part gᵀu* at the minimiser": the linear term at the step
             rf"\b(?:the )?linear (?:part|term)(?: of the (?:model|objective))?,? ?(?:{_GRAD} ?\^ ?"
             rf"(?:T|⊤) ?{_STEP_SYM}(?:\^?\*|\^⋆|⋆)?(?![\w^]) )?(?:at|for) (?:the|this|that) "
             r"(?:solution|optimum|minimi[sz]er|optimal (?:step|point))\b",
             r"\b(?:linear(?:i[sz]ed)?|first[- ]order|predicted) (?:decrease|change|reduction) (?:of|in) "
             r"the (?:loss|objective)\b",
             # "what decrease −gᵀu* does the linear model predict?", "how big a drop does the
             # first-order approximation give": the linear term at the step, as a decrease
             r"\b(?:what|which|how (?:big|large|much) an?|how much(?: of an?)?) (?:decrease|reduction|drop)"
             r"(?: [^.?]{1,30}?)? (?:does|do|would|will) the (?:linear(?:i[sz]ed)?|first[- ]order) "
             r"(?:model|approximation|term) (?:predict|give|promise|forecast)\b",
             # "the predicted decrease gᵀd*", "the decrease in the linear model": the linear term
             # at the step (the minimum value only where the objective is the linear term alone)
             r"(?<!\blargest )(?<!\bsmallest )(?<!\bbiggest )(?<!\bgreatest )(?<!\bleast )(?<!\bmost )"
             r"\bpredicted (?:decrease|reduction|change|drop)\b(?! (?:of|in) the (?!loss\b|objective\b))",
             r"(?<!\blargest )(?<!\bsmallest )(?<!\bbiggest )(?<!\bgreatest )(?<!\bleast )(?<!\bmost )"
             r"\b(?:decrease|reduction|change|drop) (?:of|in) the (?:linear(?:i[sz]ed)?|first[- ]order) "
             r"(?:model|approximation|objective|term)\b",
             rf"\bvalue of (?:<|⟨) ?[gG] ?, ?{_STEP_SYM}(?:\^?\*|\^⋆)? ?(?:>|⟩)",
             rf"\bvalue of [gG]\^?(?:T|⊤) ?{_STEP_SYM}(?:\^?\*|\^⋆)?(?![\w^])",
             # "the value gᵀd*", "the value of ∇L(w)ᵀd at the solution": the linear term at the
             # optimum (a step without its star must be placed at the solution)
             rf"\b(?:the |its )?value (?:of )?(?:the linear term )?{_GRAD} ?\^ ?(?:T|⊤) ?{_STEP_SYM}"
             rf"(?:(?:\^?\*|\^⋆|⋆)(?![\w^])|(?![\w^*]) (?=(?:at|for) (?:the|this|that) (?:solution|"
             rf"optimum|minimi[sz]er|optimal (?:step|point|d|u)|minimi[sz]ing step)\b))",
             rf"(?<![\w^]){_GRAD} ?\^ ?(?:T|⊤) ?{_STEP_SYM}(?![\w^*]) (?:at|for) (?:the|this|that) "
             rf"(?:solution|optimum|minimi[sz]er|optimal (?:step|point)|minimi[sz]ing step)\b"
             rf"(?=[^.?]{{0,3}}[.?]?$)",
             r"\b(?:what(?:'s| is)|compute|find|give|evaluate|state|report|calculate) (?:the )?"
             rf"(?:(?:value|number) (?:of )?)?(?:(?:<|⟨) ?[gG] ?, ?{_STEP_SYM}(?:\^?\*|\^⋆|⋆) ?"
             rf"(?:>|⟩)|[gG] ?\^? ?(?:T|⊤) ?{_STEP_SYM}(?:\^?\*|\^⋆|⋆)(?![\w^]))"),
    definition="g^T u"))
MODEL_DECREASE = _add(_Q(
    "model-decrease", "decrease the whole model predicts", r"-\min",
    phrases=(
        # "what decrease does the linear+quadratic model predict?": the whole penalised model,
        # from u = 0 (value 0) down to its minimum, i.e. minus the minimum value
        r"\b(?:what|which|how much) (?:decrease|reduction|drop) does the (?:linear ?\+ ?quadratic|"
        r"whole|full|complete|penali[sz]ed|regulari[sz]ed|quadratic|local) (?:model|objective|"
        r"approximation) (?:predict|give|promise)\b",
        r"\b(?:decrease|reduction|drop) (?:predicted by|of|in) the (?:linear ?\+ ?quadratic|whole|full|"
        r"complete|penali[sz]ed|regulari[sz]ed) (?:model|objective|approximation)\b",
        # "the predicted decrease of the (linearised) loss plus penalty": the whole model again
        r"\b(?:decrease|reduction|drop) (?:predicted by|of|in) the (?:\(?linear(?:i[sz]ed)?\)? |"
        r"first[- ]order )?(?:loss|model|objective) (?:plus|\+) (?:the )?(?:penalty|regulari[sz]er|"
        r"regulari[sz]ation)(?: term)?\b",
        # "by how much is the objective at u* below its value at u = 0"
        r"\bhow much (?:is|does) the (?:model|objective)(?: value)? at \S{1,4} (?:lie |fall |sit )?"
        r"below (?:its|the) value at\b"),
    definition="-min"))
ORTHOGONALISED = _add(_Q(
    "orthogonalised-gradient", "orthogonalised gradient U Vᵀ", r"U V^\top", value_kind="matrix",
    aliases=("polar-factor",),
    phrases=(r"\b(?:compute|find|give|state|what is|confirm|check)(?: what)? (?:the )?(?:orthogonali[sz]ed "
             r"gradient|polar factor)\b", r"\bwhat U ?V\^? ?(?:T|⊤) is\b",
             r"\b(?:compute|find|give|what is) U ?V\^? ?(?:T|⊤)(?![\w^])")))
SINGULAR_VALUES = _add(_Q(
    "singular-values", "singular values of a matrix", r"\sigma_i", value_kind="vector",
    phrases=(r"\b(?:find|compute|give|state|list|write down|determine|calculate|what are) "
             r"(?:the |all |its )?(?:two |three |\d )?singular values\b",
             r"(?:,|\band) (?:the |all |its )?singular values\b(?= of (?:the (?:gradient|matrix) )?"
             r"(?-i:[A-Z])(?![\w(])|[,.?;]| and\b|$)")))
"""The singular values σ_1 ≥ σ_2 ≥ … of a given matrix (the square roots of the eigenvalues of
GᵀG): asked of a matrix gradient, they fix its spectral (σ_1), Frobenius and nuclear norms."""
MULTIPLE_OF_POLAR = _add(_Q(
    "multiple-of-polar", "the step as a multiple of U Vᵀ", r"c",
    phrases=(r"\b(?:as|is|write it as) a (?:scalar )?multiple of (?:O|U ?V\^? ?(?:T|⊤)|the "
             r"orthogonali[sz]ed gradient)(?![\w^])",)))
EXISTENCE = _add(_Q(
    "existence", "does a minimiser exist", value_kind="yes-no",
    phrases=(r"\bdoes (?:a |any |the )?minimi[sz]er (?:\w+ )?exist\b",
             r"\bis there (?:(?:even|still|actually|really|then) )?(?:a|any) minimi[sz]er\b",
             r"\bdoes (?:it|this|the (?:problem|objective)) (?:(?:even|still|actually|really) )?have "
             r"(?:a|any) minimi[sz]er\b", r"\bexistence of (?:a )?minimi[sz]er\b",
             r"\bis the (?:minimum|infimum) (?:attained|achieved)\b")))
RANK = _add(_Q("rank", "rank of a matrix", phrases=(r"\bits rank\b", r"\bthe rank of\b",
                                                    r"\bwhat is (?:the |its )?rank\b")))
_NOT_STATED = r"(?! ?(?:is|are|equals|=|:|≈)(?![\w]))"
"""Not followed by a verb stating its value ("the largest eigenvalue of the Hessian is 10" gives
L; it does not ask it)."""

_HESSIAN_EIGENVALUE = r"(?:hessian|curvature) eigenvalues?\b"
"""The Hessian's eigenvalue named with the Hessian before it ("the largest Hessian eigenvalue")."""
_HESSIAN_OF = r"(?:the hessian|∇\^?2 ?f|∇²f)\b"
"""What names the Hessian after "eigenvalue of": its extreme eigenvalues are the strong convexity
and smoothness constants (of a quadratic, exactly; the Hessian of anything else is not one matrix,
and a matrix by its letter may not be the Hessian)."""

EIGENVALUES = _add(_Q(
    "eigenvalues", "eigenvalues of a matrix", r"\lambda_i", value_kind="vector",
    phrases=(r"\b(?:find|compute|give|state|list|write down|what are) (?:the |all )?eigenvalues\b"
             r"(?! of (?:the |its )?(?:iteration|update|transition|2 ?[x×] ?2))",
             r"\b(?:smallest and (?:the )?largest|largest and (?:the )?smallest|extreme|min(?:imum|imal)? "
             r"and max(?:imum|imal)?) eigenvalues\b",
             r"^(?:the )?eigenvalues(?= of (?:the hessian\b|(?-i:[A-Z])(?![\w(]))(?: ?,| and\b| ?[.?;]| ?$))",
             r"(?:,|\band) (?:the |all |its )?eigenvalues\b"
             r"(?! of (?:the |its )?(?:iteration|update|transition|2 ?[x×] ?2))"
             r"(?= of (?:h|a|q|the hessian|the matrix)\b|[,.?;]| and\b|$)")))
SMOOTHNESS = _add(_Q(
    "smoothness-constant", "smoothness constant", "L",
    aliases=("L-smoothness constant", "largest eigenvalue of the Hessian"),
    phrases=(r"\bsmoothness (?:constant|parameter|modulus)\b",
             r"\blipschitz constant of (?:the |its |f's )?gradient\b",
             r"\bgradient'?s? lipschitz constant\b",
             r"(?<![\w])(?-i:L) \((?:the )?(?:smoothness|lipschitz)(?: constant| parameter)?\)",
             r"\b(?:largest|maximum|maximal|highest) curvature\b",
             r"\b(?:largest|maximum|maximal|highest)(?= and (?:the )?(?:smallest|minimum|minimal|"
             r"lowest) curvatures?\b)",
             r"\b(?:largest|maximum|maximal|highest) eigenvalue(?= of " + _HESSIAN_OF + _NOT_STATED + r")",
             r"\b(?:largest|maximum|maximal|highest)(?= and (?:the )?(?:smallest|minimum|minimal|"
             r"lowest) eigenvalues? of " + _HESSIAN_OF + _NOT_STATED + r")",
             r"\b(?:largest|maximum|maximal|highest)(?: " + _HESSIAN_EIGENVALUE + _NOT_STATED +
             r"|(?= and (?:the )?(?:smallest|minimum|minimal|lowest) " + _HESSIAN_EIGENVALUE +
             _NOT_STATED + r"))"),
    labels=(r"\bsmoothness\b",)))
STRONG_CONVEXITY = _add(_Q(
    "strong-convexity-constant", "strong convexity constant", r"\mu",
    aliases=("smallest eigenvalue of the Hessian",),
    phrases=(r"\bstrong[- ]convexity (?:constant|parameter|modulus)\b",
             r"(?<![\w])μ \((?:the )?strong(?:ly)?[- ]convex(?:ity)?(?: constant| parameter)?\)",
             r"\b(?:smallest|minimum|minimal|lowest) curvature\b",
             r"\b(?:smallest|minimum|minimal|lowest)(?= and (?:the )?(?:largest|maximum|maximal|"
             r"highest) curvatures?\b)",
             r"\b(?:smallest|minimum|minimal|lowest) eigenvalue(?= of " + _HESSIAN_OF + _NOT_STATED + r")",
             r"\b(?:smallest|minimum|minimal|lowest)(?= and (?:the )?(?:largest|maximum|maximal|"
             r"highest) eigenvalues? of " + _HESSIAN_OF + _NOT_STATED + r")",
             r"\b(?:smallest|minimum|minimal|lowest)(?: " + _HESSIAN_EIGENVALUE + _NOT_STATED +
             r"|(?= and (?:the )?(?:largest|maximum|maximal|highest) " + _HESSIAN_EIGENVALUE +
             _NOT_STATED + r"))"),
    labels=(r"\bstrong(?:ly)?[- ]convex\w*\b",)))
HESSIAN = _add(_Q(
    "hessian", "Hessian of the objective", r"\nabla^2 f", value_kind="matrix",
    phrases=(r"\b(?:write(?: down| out)?|compute|find|give|state|determine|derive|what is|what's) "
             r"(?:the |its )?hessian(?: matrix)?\b(?![- ](?:vector|norm|eigen))", r"(?:\band|,) (?:the |its )hessian(?: matrix)?\b"
             r"(?! (?:has|is|of the iteration))",
             r"\b(?:write|express|put|rewrite) (?:f|it|the (?:function|objective|loss|quadratic))"
             r"(?: ?\([\w, ]{1,12}\))? (?:as|in the form(?: of)?) (?:f ?\([\w, ]{1,12}\) ?= ?)?"
             r"(?:\(1\) ?/ ?\(2\)|1 ?/ ?2|½|0\.5) ?[*·]? ?\(?(?P<v>θ|x|w|z)\)?"
             r"(?:\^T|\^⊤|ᵀ) ?[A-Z] ?\(?(?P=v)\)?(?![\w^])"),
    labels=(r"\bhessian\b", r"∇²f")))
MINIMISER = _add(_Q(
    "objective-minimiser", "minimiser of the objective", r"\theta^\star", value_kind="vector",
    aliases=("minimum-point",),
    phrases=(r"\b(?:compute|find|give|what is) the minimi[sz]er (?:θ|w|x)\^?\*",
             r"\b(?:compute|find|give|state|determine|what is) the minimi[sz]er\b(?= (?:θ|w|x)\b|"
             r" of f\b| of the (?:quadratic|function|loss)\b)",
             r"\bwhat (?:is )?the min(?:imum)?[- ]norm solution\b",
             r"\bwhere (?:is|does|do|are) (?:the |f'?s |its )?minimi[sz]er\b",
             r"\bwhere (?:exactly |precisely )?(?:is|are|lies|sits|does) (?:the |its |f's )?"
             r"(?:unique )?minimi[sz]er\b",
             r"(?:,|\band) (?:the |its )?minimi[sz]er\b(?= (?:θ|w|x)\b| of f\b| of the "
             r"(?:quadratic|function|loss|objective)\b)")))
CONVERGES_TO_MINIMISER = (r"(?:^(?:[-*•] ?)?|[;:] |, )(?:(?:and|so|but) )?does\b(?:[^.?]|(?<=\d)\.(?=\d)){0,70}"
                          r"\bconverge to (?:the |its )?(?:unique )?(?:minimi[sz]er|minimum|optimum|"
                          r"(?:θ|x|w) ?\^? ?[*⋆])(?= ?[?.]| ?$)")
""""Does the sequence converge to the minimiser?": whether it converges, the minimiser being
unique (a family whose minimiser may not be unique refuses it)."""
CONVERGES = _add(_Q(
    "converges", "does the iteration converge", value_kind="yes-no",
    phrases=(r"^(?:[-*•] ?)?(?:(?:and|so|but) )?does\b(?:[^.?]|(?<=\d)\.(?=\d)){0,70}\bconverge\b(?! to)",
             r"\bwill it converge\b",
             r"\bstill converge\b(?! to)", CONVERGES_TO_MINIMISER,
             r"\b(?:say|state|decide|determine|tell|check|explain) (?:whether|if) (?:or not )?(?:the "
             r"(?:iteration|iterates|method|run|sequence)|it|gd|they|this) (?:still )?converges?\b"
             r"(?! to)",
             r"(?:^(?:[-*•] ?)?(?:\(?\w{1,4}[.)] )?|[:;,] |\b(?:and|so|but) )(?:is|are) (?:this|that|it|"
             r"they|these|the (?:(?:given|stated|chosen|above|current|original) )?(?:iteration|"
             r"method|run|update|scheme|algorithm|optimi[sz]er|setting|configuration|choice|"
             r"(?:hyper-?)?parameters))\b(?: ?\([^()]{1,60}\))?(?: \w+){0,3}? (?:stable|"
             r"convergent)\b",
             # "is lr = 0.15 stable?", "is a step size of 0.3 still convergent?"
             r"(?:^(?:[-*•] ?)?(?:\(?\w{1,4}[.)] )?|[:;,] |\b(?:and|so|but) )(?:is|are|would|will) "
             r"(?:(?:a|the|this|that) )?(?:(?:constant |fixed )?(?:learning rate|step[- ]?size|lr|step|"
             r"η|α|γ|eta|alpha|gamma)) ?(?:=|of) ?[-−]?\d[\d.]*(?:e-?\d+|/\d+)?(?: (?:still|also|then))?"
             r" (?:be )?(?:stable|convergent)\b")))
CHANGES = _add(_Q(
    "changes", "does the result change", value_kind="yes-no",
    phrases=(r"\bwould\b[^.?]{0,40}\bchange\b", r"\bdoes\b[^.?]{0,50}\bchange\b",
             r"\bis it different\b", r"\bdifferent from\b",
             r"\b(?:is|are) (?:the |this |that )?(?:sequence|iterates?|trajectory|updates?|steps?|"
             r"result|answer|run)\b[^.?]{0,40}\b(?:the same|identical|unchanged)\b",
             r"\b(?:stays?|remains?) (?:the same|unchanged)\b",
             r"\b(?:is|are) (?:the |this |that |its )?(?:[\w'’-]+ ){0,2}?(?:sequence|iterates?|"
             r"trajectory|updates?|steps?|result|answer|run)\b[^.?]{0,40}?\binvariant\b")))
"""Is the result unchanged: a question whether something is invariant ("is the step invariant
to …") is this one, answered the other way round (invariant = does not change)."""
SLOWEST_DIRECTION = _add(_Q(
    "slowest-direction", "slowest eigen-direction", r"\lambda_{\mathrm{slow}}",
    aliases=("slowest eigenvalue", "slowest mode"),
    phrases=(r"\b(?:which|what) (?:eigen[- ]?)?(?:directions?|modes?|components?|eigenvectors?|"
             r"eigenvalues?)\b(?: of (?:H|the Hessian))? (?:is|are|converges?|decays?|shrinks?|"
             r"contracts?) (?:the )?slowest\b",
             r"\bslowest(?:[- ](?:converging|decaying))? (?:eigen[- ]?)?(?:directions?|modes?|"
             r"components?|eigenvectors?)\b")))
"""The eigen-direction of H whose error contracts slowest at the given step (named by its
eigenvalue)."""
WHICH_COORDINATE = _add(_Q(
    "which-coordinate", "which coordinate moves", value_kind="scalar",
    phrases=(r"\bwhich coordinates?\b(?![^.?]{0,100}\b(?:opposite|the other way|the other "
             r"direction))",)))
COORDINATES_MOVED = _add(_Q(
    "coordinates-moved", "how many coordinates the step changes", value_kind="scalar",
    phrases=(r"\bhow many (?:coordinates|entries|components)\b(?: of (?:the |this |that )?[\w ]{1,30}?)? "
             r"(?:are |get |does (?:the |this |that )?(?:step|update) )?(?:changed|change|moved|move|"
             r"updated|modified|non-?zero)\b",)))
"""The number of entries of the step that are not zero ("how many coordinates of the parameter
vector are changed by this step?"): one for the l1 geometry, all of them for sign descent."""
WHICH_NORM = _add(_Q(
    "which-norm", "which norm", value_kind="name",
    phrases=(r"\bwhich (?:dual |weighted |quadratic |\([\w-]{1,12}\) )?norm\b", r"\bdual norm of (?:the )?‖ ?[·.] ?‖",
             r"\b(?:name|identify|state|what is|what's) the dual (?:norm )?of (?:the )?(?:[\w∞ℓ→-]"
             r"{1,14}[ -])?norm\b",
             r"\bone of the standard\b[^.?]{0,20}\bnorms\b",
             r"\b(?:is there|what) (?:a |another |some )?(?:different )?norm\b[^.?]{0,30}"
             r"\bminimi[sz]",
             r"\bminimi[sz](?:es|e|ing) which (?:[\w-]+ ){0,2}?(?:function|norm|objective|"
             r"regulari[sz]er|quantity)\b",
             r"\bwhich (?:[\w-]+ ){0,2}?(?:function|objective|regulari[sz]er|quantity)\b[^.?]{0,60}"
             r"\bminimi[sz]",
             r"\bminimi[sz](?:es|e|ing) (?:a|some) (?:certain |particular )?(?:weighted |"
             r"positive[- ]definite )?(?:quadratic(?: form)?|norm)\b",)))
PRECONDITIONER = _add(_Q(
    "preconditioner", "equivalent preconditioner", "P", value_kind="matrix",
    aliases=("equivalent preconditioner", "preconditioner matrix"),
    phrases=(r"\b(?:which|what)(?: (?:fixed|diagonal|constant|equivalent|implied|effective)){0,2} "
             r"preconditioner\b(?! method)",
             r"\b(?:give|find|state|compute|determine|write(?: down)?|identify) (?:the |this |that |a )?"
             r"(?:(?:fixed|diagonal|constant|equivalent|implied|effective) ){0,2}preconditioner\b"
             r"(?! method)",
             r"\bequivalent (?:diagonal )?preconditioner\b", r"\bwith which preconditioner\b"),
    labels=(r"\bpreconditioner\b",)))
"""The fixed P of preconditioned gradient descent θ ← θ − ηP∇L that a method is (P = I for plain
gradient descent, diag(s_j²) for features multiplied by s_j and mapped back)."""
WHICH_SOLUTION = _add(_Q(
    "which-solution", "which of several answers", value_kind="name",
    phrases=(r"\bwhich of the (?:two|three|four|solutions|limits|answers)\b",
             r"\bwhich (?:one )?is (?:smaller|larger|bigger)\b")))
SAME_AS = _add(_Q(
    "same-as", "is it the same as another part's answer", value_kind="yes-no", formula=r"X = Y",
    phrases=(r"\bcompare (?:it |this |the result )?with \(?(?:[a-h]|\d)\)",
             r"\bis (?:it|this|the answer) the same as\b",
             r"\bis the (?:limit|result|answer|point|solution) (?:in|of|from) (?:part )?"
             r"\(?(?:[a-h]|\d)\) the same as\b",
             r"\bis (?:it|this|that|the (?:limit|result|answer|point)) the same (?:point|limit|"
             r"solution|vector|minimi[sz]er) as\b",
             r"\b(?:converge|end up|land|arrive|reach|find|give|yield)(?:s|es)? (?:to |at |on |in )?"
             r"(?:exactly )?the same (?:point|limit|solution|minimi[sz]er|vector)s? as\b",
             # 'Does it converge to the same point?': the same as the run before (the family's
             # reading names which)
             r"\b(?:converge|end up|land|arrive|reach|get|go)(?:s|es)? (?:up )?(?:to |at |on |in )?"
             r"(?:exactly )?the same (?:point|limit|solution|minimi[sz]er|vector|θ|w|theta|"
             r"weights?)(?= ?(?:\?|\.|,|;|$))")))
DIFFERS = _add(_Q(
    "differs", "does it differ from another part's answer", value_kind="yes-no",
    formula=r"X \neq Y",
    phrases=(r"\b(?:converge|end up|land|arrive)s? (?:to |at |on |in )?(?:a )?different "
             r"(?:point|limit|solution)\b",
             r"\ba different (?:point|limit|solution) (?:than|from)\b")))
EXPLANATION = _add(_Q(
    "explanation", "an explanation", value_kind="explanation",
    phrases=(r"\bexplain\b", r"\bjustify\b", r"\bwhy\b", r"\bwhat goes wrong\b",
             r"\bwhat would happen\b", r"\bcompare (?:it |this |them )?with the\b",
             r"\bcomment on\b", r"\bdiscuss\b", r"\binterpret\b")))
_BUSIEST = (r"\b(?:busiest|most (?:heavily )?loaded|most congested|bottleneck) (?:node|worker|gpu|"
            r"machine|rank|process|device)\b")
"""The node that carries the most traffic ("the busiest node", "the bottleneck GPU")."""


def _busiest_bytes(verb: str, participle: str, other: str) -> QuantityEntry:
    """The bytes the busiest node sends (receives), asked in words."""
    return _add(_Q(
        f"busiest-bytes-{participle}", f"bytes {participle} by the busiest node", unit="bytes",
        aliases=(f"max-bytes-{participle}",),
        phrases=(r"\bhow many (?:kilo|mega|giga)?bytes (?:does|do|will|would|must) (?:the|a|any) "
                 + _BUSIEST + rf" (?:\w+ )?{verb}\b(?! (?:and|plus|\+) {other})",
                 rf"\bbytes {participle} by (?:the|a|any) " + _BUSIEST + r"(?! (?:and|plus|\+) )",
                 r"\b(?:number of|how many) bytes (?:that )?(?:the|a|any) " + _BUSIEST +
                 rf" {verb}s\b(?! (?:and|plus|\+) )",
                 # 'the maximum number of bytes sent by any single node': a node, so a server
                 # too (not 'by any worker', which leaves the server out)
                 r"\b(?:largest|greatest|maximum|max|highest|most) (?:number of |amount of )?"
                 rf"bytes (?:is |are )?{participle} by (?:any|one|a single|an individual) "
                 r"(?:single |individual |one )?(?:node|machine|process|participant)\b")))


BUSIEST_BYTES_SENT = _busiest_bytes("send", "sent", "receive")
"""The bytes the node that sends most sends (the server, when there is one)."""
BUSIEST_BYTES_RECEIVED = _busiest_bytes("receive", "received", "sen[dt]")
"""The bytes the node that receives most receives."""
_IN_BYTES = rf"(?: \((?:in )?{_BYTES}\))"
"""The unit a size is asked in, in parentheses: 'how much data (GB) does the server receive'."""
_INBOUND = (r"\b(?:inbound|incoming|ingress|in-?bound) (?:bytes|traffic|data|volume|gb|mb|kb)\b(?! (?:and|"
            r"plus|\+|or) )(?= (?:at|of|into|to|on|for|per) |$|[,.;?)])")
_OUTBOUND = (r"\b(?:outbound|outgoing|egress|out-?bound) (?:bytes|traffic|data|volume|gb|mb|kb)\b(?! (?:and|"
             r"plus|\+|or) )(?= (?:at|of|from|by|on|for|per) |$|[,.;?)])")
"""One node's traffic in bytes named by its direction ("the inbound bytes at the server", "the
outgoing traffic of each GPU"); the reader tells a server from a worker."""
BYTES_SENT = _add(_Q(
    "bytes-sent", "bytes sent by one node", unit="bytes",
    phrases=(_indirect(_BYTES, "sends"),
             rf"\bhow much (?:data|traffic)\b{_IN_BYTES}? (?:does|do|will|would) {_NODE} (?:\w+ )?"
             r"(?:send|push|transmit|upload)\b(?! (?:and|plus|\+) )",
             r"\bhow many (?:(?:kilo|mega|giga)?bytes|kb|mb|gb|kib|mib|gib)\b(?![^.?]{0,40}" + _BUSIEST
             + r")(?:(?!\b(?:receive|get|collect|gather|pull|download)\b)[^.?]){0,40}\b(?:send|push|upload|"
             r"transmit)\b(?! and receive)",
             r"\bbytes sent per\b", _OUTBOUND,
             r"\bper[- ](?:gpu|worker|node|rank|process|machine|device|replica) bytes (?:sent|"
             r"transmitted|sent out|pushed)\b",
             r"\bper[- ](?:gpu|worker|node|rank|process|machine|device|replica) (?:sent )?byte count\b"
             r"(?! (?:and|plus|\+) |[^.?;)]{0,30}\breceiv)",
             r"\bbyte count (?:sent )?per (?:gpu|worker|node|rank|process|machine|device|replica)\b"
             r"(?! (?:and|plus|\+) |[^.?;)]{0,30}\breceiv)",
             r"\b(?:(?:kilo|mega|giga)?bytes|kb|mb|gb|kib|mib|gib) (?:\(?(?:sent|outgoing)\)? )?per (?:single |individual )?"
             r"(?:gpu|worker|node|rank|process|machine|device|replica)\b"
             r"(?! (?:and|plus|\+) |[^.?;)]{0,30}\breceiv)",
             r"\b(?:kb|mb|gb|kib|mib|gib|megabytes|gigabytes|kilobytes) sent per (?:gpu|worker|node|"
             r"rank|process)\b",
             rf"\bnumber of (?:(?:kilo|mega|giga)?bytes|kb|mb|gb|kib|mib|gib) (?:that )?{_NODE} sends\b"
             rf"(?! (?:and|plus) {_AND_TOTAL})",
             rf"(?:^|(?<=\band )|(?<=, ))(?:the )?(?:kb|mb|gb|kib|mib|gib|megabytes|gigabytes|kilobytes) "
             rf"sent by {_NODE}\b"
             r"(?! (?:and|plus|\+) )",
             rf"\bbytes (?:sent )?by {_NODE}\b(?! (?:and|plus|\+) )(?=[^.?]{{0,30}}\bsen[dt]\b)",
             rf"\bnumber of bytes sent by {_NODE}\b(?! (?:and|plus|\+) {_AND_TOTAL})",
             rf"\bbytes sent by {_NODE}\b(?! (?:and|plus|\+) {_AND_TOTAL}|[^.?]{{0,30}}\breceiv)")))
BYTES_RECEIVED = _add(_Q(
    "bytes-received", "bytes received by one node", unit="bytes",
    phrases=(_indirect(_BYTES, "receives"),
             r"\bhow many (?:(?:kilo|mega|giga)?bytes|kb|mb|gb|kib|mib|gib)\b(?![^.?]{0,40}" + _BUSIEST
             + r")(?:(?!\bsen[dt]s? (?:and|plus|\+)\b)[^.?]){0,40}\breceive\b",
             r"\bbytes received by\b", _INBOUND,
             rf"\bnumber of (?:(?:kilo|mega|giga)?bytes|kb|mb|gb|kib|mib|gib) (?:that )?{_NODE} receives\b",
             r"\bhow much data reaches\b",
             r"\bhow many (?:(?:kilo|mega|giga)?bytes|kb|mb|gb|kib|mib|gib) (?:\w+ ){0,3}?reach\b", rf"\bnumber of bytes {_NODE} receives\b",
             r"\b(?:how many|number of) bytes (?:land|arrive|end up) (?:on|at|in)\b",
             rf"\bhow much (?:data|traffic|memory)\b{_IN_BYTES}? (?:does|do|will|would) "
             rf"{_NODE} (?:\w+ )?(?:receive|get|pull|download)\b{_IN_BYTES}?")))
TOTAL_BYTES = _add(_Q(
    "total-bytes", "total bytes over the network", unit="bytes",
    phrases=(r"\btotal (?:traffic|bytes|data)\b[^.?]{0,20}\bin (?:bytes|MB|GB|kB)\b",
             r"\bhow many bytes in total\b", r"\btotal bytes\b" + _NOT_PER_ONE,
             # a size named by its unit ("total GB sent", "how many MB in total")
             r"\btotal (?:kb|mb|gb|tb|kib|mib|gib|kilobytes|megabytes|gigabytes)\b(?: (?:sent|moved|"
             r"transferred|communicated))?" + _BY_ONE,
             r"\bhow many (?:kb|mb|gb|tb|kib|mib|gib|kilobytes|megabytes|gigabytes) (?:are )?"
             r"(?:sent |moved |transferred |communicated )?in total\b",
             r"\btotal (?:number|amount) of bytes (?:transferred|communicated|exchanged|moved|sent|"
             r"over the network)\b",
             r"\bhow many bytes (?:cross|go over|travel over|pass over|are sent over) the network\b",
             r"\bhow many bytes (?:in total )?(?:cross|go over|travel over|pass over|are sent over) "
             r"the (?:links|wires?|interconnect|fabric)\b[^.?]{0,12}\bin total\b",
             r"\bhow many bytes in total (?:go|are sent) over the network\b",
             r"\btotal number of bytes(?: (?:transferred|sent|communicated|exchanged|moved))?\b"
             + _NOT_PER_ONE,
             r"\bbytes in total go over the network\b",
             r"\bhow many bytes (?:are|get|were|will be|would be) (?:moved|sent|transferred|"
             r"communicated|exchanged)(?: over the network)? in total\b",
             r"\bhow many bytes (?:are |get )?(?:moved|sent|transferred|communicated|exchanged) "
             r"(?:in total|altogether|overall)\b")))
_SETTING_SIZE = (r"(?<!\bfor a )(?<!\bfor the )(?<!\bwith a )(?<!\bwith the )(?<!\bat a )(?<!\bat the )"
                 r"(?<!\b[A-Za-z] is the )(?<!\bdenotes the )(?<!\b[A-Za-z] be the )")
"""Not a size set for the problem ('for a gradient size of 10 MB') nor a letter's definition
('where M is the gradient size in bytes'): neither asks the size."""
_UNIT_INSET = r"(?: ?\((?:in )?[a-z]{1,10}\)|, in [a-z]{1,10},)?"
"""A unit set inside the request ("how large (in MB) is", "the size, in GB, of"): the ask is the
same, the unit only scales its answer."""
GRADIENT_BYTES = _add(_Q(
    "gradient-bytes", "size of one full gradient in bytes", "G", unit="bytes",
    phrases=(_SETTING_SIZE + r"\b(?:full |whole |entire |complete )?gradient(?:'s|’s)? size\b"
             r"(?! ?(?:of|=|is|:) ?\d| [A-Za-z] ?=| (?:above|below|beyond|at|for) which|"
             r" [A-Za-z] (?:where|at which|for which|such that|so that|above which|below which)\b)",
             _SETTING_SIZE + r"\bsize" + _UNIT_INSET + r" (?:[A-Za-z] )?of (?:one|the|a|each|a single) "
             r"(?:full |whole |entire |complete )?"
             r"gradient\b(?! ?(?:of|=|is|:) ?\d| [A-Za-z] ?=| (?:above|below|beyond|at|for) which)",
             r"\bhow (?:large|big)" + _UNIT_INSET + r" is (?:one|the|a|each|a single) "
             r"(?:(?:worker|gpu|node|rank|machine|device)(?:'s|’s) )?"
             r"(?:full |whole |entire |complete )?gradient\b",
             r"\bhow many (?:(?:kilo|mega|giga)?bytes|kb|mb|gb|kib|mib|gib) (?:is|does) (?:one|the|a|"
             r"each) (?:full |whole |entire |complete )?gradient(?: take| occupy| have)?\b")))
"""The bytes of one worker's whole gradient, p entries times the element's bytes ("What is
the gradient size M in MB?", "How large is one full gradient?"): what a scheme's messages are
measured against. A size set for the problem ("for a gradient size of 10 MB") is no ask."""
_BYTES_BOTH = (r"\b(?:how many|number of|amount of|total) bytes\b[^.?]{0,40}\bsen[dt]s? (?:and|plus|\+) "
               r"receive[sd]?\b",
               r"\bbytes sent (?:\+|plus|and) received\b", r"\bbytes received (?:\+|plus|and) sent\b")
BYTES_SENT_PLUS_RECEIVED = _add(_Q("bytes-sent-plus-received", "bytes sent plus received by one "
                                   "node", unit="bytes", phrases=_BYTES_BOTH))
SENT_PLUS_RECEIVED = _add(_Q(
    "sent-plus-received", "values sent plus received by one node",
    phrases=(r"\bsen[dt] and receive[d]? in total\b", r"\bsent \+ received\b",
             r"\bsent plus received\b", r"\breceived (?:\+|plus|and) sent\b",
             r"\bsend (?:plus|\+) receive\b",
             r"\bhow (?:much|many \w+) (?:data |traffic )?(?:passes|pass|goes|go|flows?) through "
             r"(?:the |each |one |a (?:single )?)?(?:\w+ )?(?:server|node|worker|gpu|rank)s?\b")))
VALUES_SENT = _add(_Q(
    "values-sent", "values sent by one worker", unit="values",
    aliases=("per-worker volume", "volume per worker", "per-gpu volume", "volume per gpu"),
    phrases=(_indirect(_VALUES, "sends"),
             r"\bhow many (?:values|floats|elements|parameters) does (?:a single|each|one|every) "
             r"(?:gpu|worker|node|rank) send\b",
             r"\bper-?(?:worker|gpu|node|rank) (?:sent |outgoing |send )?(?:volume|amount)\b",
             # 'the ratio (per-worker floats, all-to-all) / (...)': what one worker sends
             r"\bper-?(?:worker|gpu|node|rank) (?:floats|values|elements|entries|numbers)\b"
             r"(?![^.?;)]{0,30}\breceiv)",
             r"\b(?:sent |outgoing )?volume (?:sent )?per (?:worker|gpu|node|rank)\b", r"\b(?:values|floats|elements|entries|numbers|data|traffic) sent per (?:gpu|worker|node|rank|process)\b",
             rf"\bhow many {_VALUES} (?:does|do|will|would) {_NODE} (?:\w+ )?[*_]?send\b"
             r"(?! (?:and|plus|\+) receive)",
             rf"\bnumber of {_VALUES} {_NODE} sends\b(?! (?:and|plus) {_AND_TOTAL})",
             rf"\b{_VALUES} sent by {_NODE}\b(?! (?:and|plus|\+) {_AND_TOTAL})",
             rf"\bhow much (?:data |traffic )?(?:\((?:in|[ia]s) [\w/]{{1,12}}\) | {{1,20}})?(?:does|do|will) {_NODE} "
             r"send\b"
             r"(?! and| plus| \+)",
             # the indirect form: 'I want to know how much each GPU sends'
             rf"\bhow much (?:data |traffic )?{_NODE} (?:\w+ )?sends\b(?! and| plus| \+)"),
    labels=(r"\bper[- ]?(?:worker|gpu|node|rank) (?:traffic|volume|data)\b",)))

_ORDINAL = (r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|"
            r"th)|2nd|3rd)")
PRIMARY = _add(_Q(
    "primary", "the part's main result",
    phrases=(r"\b(?:the|its|this|that|their) (?:actual|exact|final|concrete|resulting|explicit) "
             r"(?:point|vector|answer|result|update|step|solution|limit|minimi[sz]er)\b",
             r"\bwhat(?: is|'s| are) (?:the|your) (?:final )?(?:answer|result)s?\b",
             r"\bwhat (?:do|does|did|would|will) (?:you|we|i|one) (?:get|obtain|end up with)\b",
             r"\bwhere (?:exactly|precisely)\s?\?",
             r"\bwhere (?:does|do|will|would|did) (?:it|they|that(?: one)?|this(?: one)?|the \w+|"
             r"\w+)(?: (?:actually|exactly|eventually|finally|precisely))? end\b(?! up)",
             r"^(?:[-*•] ?)?(?:(?:and|then|now|also|finally),? )?(?:please )?(?:write|give|state|report)"
             r"(?: down| out)? (?:the|its|this|that|their|the resulting|the new) (?:update|step|result|"
             r"answer|point|vector)\s?[.!]?$",
             r"\b(?:i'?d like|i would like|i want|i need|we need|we want)(?: to (?:know|see|get|"
             r"confirm|find|have|check))? (?:the|this|that) (?:point|vector|answer|result|limit)\b",
             rf"(?<!after )(?<!\bat )(?<!\bin )(?<!before )(?<!until )(?<!\bby )(?<!from )(?<!since )"
             rf"(?<!during )(?<!\bof )\b(?:the|its|their|this|that) {_ORDINAL} (?:update|step|iterate)\b"
             r"(?![- ]?size)")))
"""A generic head noun ("the actual point", "what do you get", "where exactly?", "where does it
end?", "its third update"): the family's primary quantity of the part, which the family's reader
maps (see :data:`PRIMARY_OF`); an ordinal in it is a step index."""
PRIMARY_OF = {"implicit-bias": "limit", "steepest-descent": "update"}
"""The quantity a generic request asks in each family that has one main result (a family not
listed maps it with its reader's ``primary`` hook, or the part is refused naming the phrase)."""

DERIVED: tuple[QuantityEntry, ...] = tuple(q for q in QUANTITIES if q.formula)
"""The derived quantities, computed from other answers by their ``formula``."""


def label_scores(text: str) -> dict[str, int]:
    """Quantity key -> length of the longest label of that quantity found in lower-cased
    answer ``text`` (a longer label is a more specific naming)."""
    return dict(_label_scores(text))


@lru_cache(maxsize=8192)
def _label_scores(text: str) -> tuple[tuple[str, int], ...]:
    out: dict[str, int] = {}
    folded = fold_case(text)
    for key, pattern, literal, icase in _all_labels():
        if literal and literal not in (folded if icase else text):
            continue
        for m in pattern.finditer(text):
            out[key] = max(out.get(key, 0), m.end() - m.start())
    return tuple(out.items())


_FLAT: list[tuple[int, tuple[tuple[str, re.Pattern, str, bool], ...]]] = []


def _all_labels() -> tuple[tuple[str, re.Pattern, str, bool], ...]:
    """Every label of every quantity, in catalogue order: (key, pattern, its required
    literal, whether it ignores case), built again when the catalogue grew."""
    if not _FLAT or _FLAT[0][0] != len(QUANTITIES):
        rows = []
        for entry in QUANTITIES:
            for pattern in _label_patterns(entry):
                literal, icase, slow = required_literal(pattern)
                rows.append((entry.key, pattern, "" if slow is not None else literal, icase))
        _FLAT[:] = [(len(QUANTITIES), tuple(rows))]
    return _FLAT[0][1]


_LABELS: dict[str, tuple[re.Pattern, ...]] = {}


def _label_patterns(entry: QuantityEntry) -> tuple[re.Pattern, ...]:
    got = _LABELS.get(entry.key)
    if got is None:
        got = _LABELS[entry.key] = tuple(re.compile(p) for p in entry.labels)
    return got
