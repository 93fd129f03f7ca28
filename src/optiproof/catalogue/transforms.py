"""Transformations a part applies to the problem before asking: each declared once.

A part that rescales the features, drops a constraint, switches bias correction off or asks
"after 10 steps" asks about a different problem than the one stated before it. The reader must
consume every transformation it finds (a family's reader hook turns it into a spec field) or
refuse naming it; it never solves the untransformed problem instead.
"""

from __future__ import annotations

from optiproof.catalogue.base import Entry, Registry

TRANSFORMS: Registry[Entry] = Registry("transformation")
_add = TRANSFORMS.add

RESCALE_FEATURES = _add(Entry(
    "rescale-features", "rescale the features",
    phrases=(r"\b(?:re)?scal\w*\b[^.?;]{0,40}\b(?:input |every |each |all )?features?\b",
             r"\bmultipl\w* (?:the |every |each |all )?(?:\w+ )?(?:input )?features?\b",
             r"\bstandardi[sz]\w*", r"\bdivide every feature", r"\bunit second moment")))
MAP_BACK = _add(Entry(
    "map-back", "map the weights back to the original units",
    phrases=(r"\bmap\w* (?:the \w+ |it |them )?back\b", r"\bconvert\w* back\b",
             r"\boriginal (?:units|coordinates|scale)\b")))
DROP_CONSTRAINT = _add(Entry(
    "drop-constraint", "replace the constraint by a penalty",
    phrases=(r"\bdrop (?:the )?constraint", r"\binstead of (?:the )?constraint",
             r"\breplace the constraint\b")))
TO_CONSTRAINT = _add(Entry(
    "to-constraint", "replace the penalty by a constraint",
    phrases=(r"\bconstrain\w* instead of penali[sz]", r"\breplace the penalty by the constraint",
             r"\binstead of penali[sz]")))
DROP_SQUARE = _add(Entry(
    "drop-square", "use the norm itself instead of its square",
    phrases=(r"\bdrop (?:the )?square\b", r"\bnon-?squared\b", r"\bnot squared\b",
             r"\bpenalty isn'?t squared\b")))
_BC = r"bias[- _]?correct(?:ion|ed|ing)?"
_OFF_VERB = (r"(?:turn\w*|switch\w*|shut\w*|toggl\w*) off|disabl\w*|skip\w*|omit\w*|remov\w*|"
             r"drop\w*|ignor\w*|forg[eo]t\w*|leav\w* out|left out|without|w/o|no|"
             r"(?:do|does|did)(?:n'?t| not) (?:use|apply|do)|not (?:using|applying)")
NO_BIAS_CORRECTION_PHRASES = (
    rf"\b(?:{_OFF_VERB}) (?:the |any |Adam'?s |its )?(?:proper )?{_BC}",
    rf"\b{_BC} (?:step |terms? |factors? |lines? |code )?(?:is |was |are |were |gets |got |being |"
    r"has been |have been )?(?:accidentally |simply |just |all )?"
    r"(?:(?:switched|turned|shut) off|disabled|skipped|omitted|removed|dropped|ignored|deleted|"
    r"commented out|left out|not (?:applied|used|done)|forgotten|missing)\b",
    rf"\b{_BC} (?:switched |turned )?off\b", r"\bswitch bias correction off\b",
    r"\buncorrected (?:moments?|estimates?|m|v)\b", r"\bbias_correction ?= ?false\b",
    r"m̂ ?= ?m ?, ?v̂ ?= ?v\b", r"\bm_?\(?1\)? ?/ ?(?:√|sqrt) ?\(? ?v_?\(?1\)?\)? directly\b")
NO_BIAS_CORRECTION = _add(Entry(
    "no-bias-correction", "switch bias correction off", phrases=NO_BIAS_CORRECTION_PHRASES))
ADD_WEIGHT_DECAY = _add(Entry(
    "add-weight-decay", "add weight decay",
    phrases=(r"\badd weight decay\b", r"\bwe now add weight decay\b",
             r"\+ ?\(?λ/2\)? ?‖w‖")))
_LOSS_IS = (r"\bloss (?:is |was |had been |were |gets )?(?:now |then |instead |also |again |"
            r"\w{3,12}ly )?")
"""'the loss is (now, suddenly, ...)' before 'multiplied' or 'scaled by'."""
SCALE_LOSS = _add(Entry(
    "scale-loss", "multiply the loss by a constant",
    phrases=(_LOSS_IS + r"multiplied\b", _LOSS_IS + r"(?:re)?scaled (?:up |down )?by\b",
             r"\b(?:re)?scal(?:e|es|ed|ing) (?:the |my |our |your )?(?:training |data )?loss\b",
             r"\bmultipl\w* (?:the |my )?(?:training |data )?loss\b",
             r"\bscaled gradient\b",
             r"\b(?:changes?|changed|replaces?|replaced) (?:the |its |his |her |my |our )?"
             r"(?:loss|objective)(?: function)? (?:to|by) [\d.]{1,12} ?(?:·|\*|×)? ?(?:f|L)\b")))
AFTER_STEPS = _add(Entry(
    "after-steps", "after a given number of steps",
    phrases=(r"\bafter (?:\d{1,6}|one|two|three|four|five|ten|\w+ more) (?:steps|updates|"
             r"iterations)\b", r"\bat (?:step|t ?=) ?\d{1,6}\b")))
_NOT_A_RESULT = "".join(rf"(?<!same {w} )" for w in (
    "point", "limit", "vector", "solution", "answer", "result", "minimiser", "minimizer", "iterate"))
"""'the same point as in (a)' compares a result with another part's; it does not repeat it."""
BACK_REFERENCE = _add(Entry(
    "back-reference", "repeat another part with changes",
    phrases=(r"\brepeat\b", r"\bredo (?:part |question |exercise )?\(?(?:[a-h]|\d{1,2}|[ivx]{1,4})\)?(?![\w(])"
             r"(?= ?[.;]| (?:for|with|using|but|in|at|on|under)\b)", r"\bsame (?:(?:ordered|numbered|bracketed) )?(?:list|triple|tuple|"
             r"pair|table)\b(?! (?:of|as)\b)",
             r"\bsame (?:question|(?:two|three|four|five|six) quantities|quantities|"
             r"adamw?|rmsprop|optimi[sz]er|method|algorithm|run|"
             r"quantity|two|three|four|five|list|columns|table)\b",
             r"\byour answer to \(?(?:[a-h]|\d)\)",
             r"^(?:\(?[a-z0-9]{1,4}[.)] ?)?(?:now |then )?(?:evaluate|compute|calculate) (?:it|this|that|"
             r"them|these|both|the (?:formula|expression|result|time)s?) (?:numerically )?(?:for|at|"
             r"with|when|using)\b",
             r"^(?:\(?[a-z0-9]{1,4}[.)] ?)?(?:now |then )?(?:evaluate|compute|calculate) (?:the|these|those|"
             r"all|both)(?: (?:two|three|four|five|six|above))? (?:triples|pairs|tuples|formulas|"
             r"expressions|quantities|answers|results|counts) (?:numerically )?(?:for|at|with|when|"
             r"using)\b",
             _NOT_A_RESULT + r"\bas in \(?(?:[a-h]|\d)\)", r"\brecompute\b",
             r"\bsame as (?:in )?(?:part |question )?\(?(?:[a-h]|\d{1,2})\)",
             _NOT_A_RESULT + r"\b(?:as|like) in (?:part|question) \(?(?:[a-h]|\d{1,2})\b",
             r"\bsame (?:setting|setup|set-up|data|numbers|problem) as (?:in )?(?:part |question )?"
             r"\(?(?:[a-h]|\d{1,2})\b",
             r"^(?:\(?[a-z0-9]{1,4}[.)] ?)?(?:the )?same,? (?:for|with|but|again|as before|"
             r"under|in)\b",
             r"^(?:\(?[a-z0-9]{1,4}[.)] ?)?(?:now |then |and )?(?:do (?:the same|(?:it|this|that|"
             r"everything) again)|redo (?:the same|it|this|that|everything))\b")))
