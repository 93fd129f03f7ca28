"""Coverage: every number of the text is used by the reading (with its source) or reported.

A number is *data* unless it only labels the text (a heading "Exercise 4.2", "(15 points)",
"page 3", a lone page number) or is part of a formula's structure (the 1 of ``1 − β₁``, the 2
of ``x²`` written ``^2``, the ``1/2`` of ``½‖x‖²``, an index range ``t = 1, 2, …``). A data
number is *used* when it lies inside the source phrase of a spec field the reading filled;
otherwise it is listed as not used. Labels are listed as ignored, never silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from optiproof.core.text.record import NumberUse

_NUMBER = re.compile(r"(?<![\w.^_])-?(?:\d{1,3}(?:,\d{3})+(?![\d.])|\d{1,18}(?:\.\d{1,18})?"
                     r"|\.\d{1,18})"
                     r"(?:[eE][-+]?\d{1,3}|[ ]?[×x*·][ ]?10\^\(?[-+]?\d{1,3}\)?|\^-?\d{1,3})?"
                     r"(?:/\d{1,12})?(?!\.?\d)")
_LABEL_BEFORE = re.compile(r"(?:\b(?:exercise|problem|question|task|part|hw|homework|week|lecture|"
                           r"tutorial|sheet|set|page|chapter|section|cs|q|lecture|step|round|example|remark|"
                           r"figure|fig\.|eq\.|equation|of|ranks?|item|subpart|sub-part)[ .]{0,2}|\bpage \d{1,3} of |"
                           r"\branks? \d{1,4} ?(?:-|–|\.\.|to) ?|"
                           r"\b(?:is |are |each )?worth |[#§])$", re.I)
_LABEL_AFTER = re.compile(r"^(?:[ ]?points?\b|[ ]?pts\b|[ ]?marks?\b|\)\s*$|[ ]?(?:decimals?|"
                         r"decimal places|significant (?:digits|figures)|sig\. ?figs?|d\.p\.)\b)",
                         re.I)
_STRUCTURAL_BEFORE = re.compile(r"[A-Za-zα-ωΔθ∇]$")
_OPERATOR_BEFORE = re.compile(r"(?:[-+(/^_*·×]|sqrt\() ?$")
_STRUCTURAL_AFTER = re.compile(r"^(?:[ ]?[-+/^*·)]|[A-Za-zα-ωΔθ∇‖(√])")
_INDEX_ARITHMETIC = re.compile(r"_\(?\w{1,3}[-+]$")
_ZERO_CONDITION = re.compile(r"(?<![\w])(?:[duxδΔ]|delta) ?= ?$")
_ZERO_BELOW = re.compile(r" ?[<≤] ?[A-Za-zα-ω]")
"""``0 < μ < L``: a positivity condition, not a value."""
_COMPARED = re.compile(r"[<>≤≥≻⪰≺⪯] ?$")
_OPERATOR_AFTER = re.compile(r" ?[/*^·]")
_ELEMENTWISE_POWER = re.compile(r"\^ ?[⊙∘] ?$")
_JUXTAPOSED = re.compile(r"[A-Za-zα-ωΔθ∇‖(√]")
_RANGE = re.compile(r"\b[a-zA-Z] ?= ?\d{1,3}(?: ?, ?\d{1,3}){0,4} ?, ?(?:\.\.\.|…|\. \. \.)|"
                    r"\b(?:steps|iterations) \d{1,3}(?: ?, ?\d{1,3}){0,6},? (?:and |& )?\d{1,3}\b|"
                    r"\b(?:for|at|with) [tks] ?= ?\d{1,3}(?: ?, ?\d{1,3}){0,6},? (?:and |& )?\d{1,3}\b")
"""An index range (``t = 1, 2, …``) or the steps a list of data belongs to ('at steps 1, 2, 3',
'g_t = 2 for t = 1, 2, 3')."""
_SMALL = {"0", "1", "2", "1/2", "3", "4"}


_HALF_OF_FORM = re.compile(r" ?(?:[A-Za-zθβ]\^T|‖|\(|[θxwz]_?\w? ?\^ ?2)")
"""What follows the ½ of a quadratic or a squared norm, written with a space: ``θ^T``, ``‖``,
``(``, ``x^2``."""


def numbers(flat: str) -> list[tuple[int, int, str]]:
    """``(start, end, text)`` of every number written in digits in ``flat``."""
    return [(m.start(), m.end(), m.group(0)) for m in _NUMBER.finditer(flat)]


def _is_label(flat: str, start: int, end: int) -> bool:
    """A number that labels the text: after 'Exercise', 'page', '#', before 'points', or the
    enumerator the text starts with ("4. ...")."""
    before = flat[max(0, start - 14):start]
    after = flat[end:end + 8]
    if _VALUE_AFTER_WORD.search(before) and not flat[start:end].lstrip("-").isdigit():
        return False  # "step 0.25", "round 1/2": a value, not a counter
    if not flat[:start].strip() and re.match(r"[.)] ", after) and flat[start:end].isdigit():
        return True  # "4. (Steepest descent) The gradient ...": the number the text starts with
    if not flat[:start].strip() and re.fullmatch(r"[1-9]\d?(?:\.\d{1,2}){1,2}", flat[start:end]) \
            and re.match(r"\.? [A-Z][a-z]", after):
        return True  # "7.3 Steepest descent under ...": the section heading the text starts with
    if flat[start:end].isdigit() and len(flat[start:end]) <= 2 and \
            re.search(r"(?:^|[^\w.,;:=])[A-Z][a-z]{2,} $", before) and \
            re.match(r"\. [A-Z][a-z]+(?: [A-Za-z-]+){1,8}[.:] ", flat[end:end + 90]):
        return True  # "Due Friday 3. Implicit regularization of GD. Let ...": a heading's number
        # after a line broken off a sheet's header, not a value ending a sentence ("is 3. Then")
    if _REDONE_PART.search(before) and _REDONE_PART_AFTER.match(after) and \
            flat[start:end].isdigit():
        return True  # "Repeat 1 with ‖Δ‖∞²": the part done again, named by its number
    return bool(_LABEL_BEFORE.search(before) or _LABEL_AFTER.match(after) or
                _PRECISION_AFTER.match(flat[end:end + 24]))


_REDONE_PART = re.compile(r"\b(?:repeat|redo|recompute|same as(?: in)?)(?: part| question| exercise| "
                          r"item)? $", re.I)
_REDONE_PART_AFTER = re.compile(r"^(?: (?:with|for|using|but|under|in|now)\b| ?[,(;]|\.(?!\d))", re.I)
"""'Repeat 1 with …', 'redo part 2, but …', 'Same as 2 but …': a part named by its number to be
done again (not 'repeat 3 times', a count)."""


_PRECISION_AFTER = re.compile(r"^[ ]?(?:significant (?:digits|figures)|decimal places|"
                              r"(?:correct |exact )?digits\b(?! (?:of|in|long)\b))", re.I)
"""'6 significant digits': the precision asked, longer than :data:`_LABEL_AFTER`'s window."""


_VALUE_AFTER_WORD = re.compile(r"\b(?:step|round)[ .]{0,2}$", re.I)


_HINT = re.compile(r"\((?:you may use|hint(?: from [^():.]{1,30})?:|use that)(?:[^()]|\([^()]{0,60}\))"
                   r"{0,160}\)|\bhint(?: from [^():.]{1,30})?:[^.]{0,200}\.|"
                   r"\(in terms of [^()]{1,30}\)", re.I)
"""Hints to the reader (one level of parentheses inside: "(you may use (I + 11ᵀ)⁻¹ = ...)"), and
the form asked for an answer ("exactly (in terms of √6)"); a hint may say whose it is ("(Hint from
the TA: ...)")."""


def _in_hint(flat: str, start: int) -> bool:
    """True when the number is in a hint the text gives the reader ("(you may use that GᵀG
    has eigenvalues 45 and 5)"): it helps a person, no spec field needs it."""
    lo = max(0, start - 200)
    return any(lo + m.start() <= start < lo + m.end() for m in _HINT.finditer(flat[lo:start + 200]))


_NEGATED = re.compile(r"\b(?:is|are|isn't|aren't) not (?:equal to )?(?:[A-Za-z]{1,8} ?\([^()\n]{1,30}\)"
                      r"|\[[^\[\]\n]{1,30}\])|≠ ?(?:[A-Za-z]{1,8} ?\([^()\n]{1,30}\)|\[[^\[\]\n]{1,30}\])")
"""'the Hessian is not diag(1, 9)', '≠ [[1, 0], [0, 9]]': a bracketed object the text says a thing
is NOT; its numbers are no data (a plain value after 'not' is not covered: 'is not 0.1 but 0.2')."""


def _in_negation(flat: str, start: int) -> bool:
    """True when the number is inside an object the text negates (:data:`_NEGATED`)."""
    lo = max(0, start - 60)
    return any(lo + m.start() <= start < lo + m.end() for m in _NEGATED.finditer(flat[lo:start + 40]))


_IRRELEVANT = re.compile(
    r"\b(?:(?:probably|likely|surely|shouldn't|should not|doesn't|does not|don't|do not|won't|will not)"
    r" (?:really )?(?:matter|matters)\b|if (?:that|it|this) (?:matters|is relevant)\b|"
    r"(?:isn't|is not|not) (?:(?:really|actually|that|very|so|terribly|particularly) )?"
    r"(?:what (?:this|the question|my question|the exercise) is about|"
    r"relevant|important|part of the (?:question|problem|exercise))\b|irrelevant\b|unrelated\b|"
    r"(?:has|have) nothing to do with\b|off[- ]topic\b|(?:you |we )?(?:may|can|should|will) "
    r"(?:safely )?(?:ignore|neglect|disregard)\b|(?:ignore|neglect|disregard) (?:it|this|that)\b|"
    r"(?:not|n't|never) (?:be |really )?(?:needed|required|used)\b|plays? no role\b|"
    r"(?:does|do)(?: not|n't) (?:enter|affect|matter for)\b|just for context\b)|"
    # a sign-off ("Thanks in advance, I've been staring at this for 2 hours"): no data
    r"(?:^|\)\s)\s*(?:thanks?|thank you|cheers|many thanks)\b", re.I)
"""A remark the writer marks as beside the point ("if that matters, probably doesn't", "but
that's not what this is about", "unrelated, but ...")."""


_TYPO_BEFORE = re.compile(r"\b(?:typo|misprint|mistake|error)s?\b[^.?!;()]{0,30}$", re.I)
_TYPO_AFTER = re.compile(r"^[^.?!;()]{0,40}?\b(?:(?:said|says|told us) (?:to )?use|should (?:be|read)|"
                         r"(?:was|is) meant|(?:the )?correct(?:ed)? (?:value )?(?:is|=)|use)\s?[-−]?\d",
                         re.I)


def _typo(flat: str, start: int, end: int) -> bool:
    """True when the text calls the value a typo and gives the one to use instead ("a typo with
    lambda=20 but the TA said use 2"): the corrected value is the data."""
    return bool(_TYPO_BEFORE.search(flat[max(0, start - 40):start])
                and _TYPO_AFTER.match(flat[end:end + 60]))


_NOT_THE_DEFAULT = re.compile(r"\b(?:not|instead of|rather than|unlike|in place of|differs? from) (?:the )?"
                              r"(?:usual |standard |common |typical |pytorch(?:'s)? |library )?"
                              r"defaults?(?: value)?(?: of| is)? ?(?:=|:)? ?[-−]?$", re.I)
"""A default value the text says is not the one it uses ('beta2 = 0.99 (NOT the default
0.999)', 'instead of the default 0.9')."""


_USUAL_IN_PARENS = re.compile(r"[=:] ?(?:[^()=,;.]|\.(?=\d)){1,30}\((?:it(?:'s| is) )?(?:normally|usually|typically|"
                              r"ordinarily|commonly|by default|default(?: is)?|the default(?: is| being)?|"
                              r"otherwise|in practice)(?: it(?:'s| is))? ?(?:=|:)? ?[-−]?$", re.I)
"""The usual value named in parentheses right after the setting the text uses instead ('eps = 0 to
keep it clean (normally 1e-8)', 'β₂ = 0.99 (usually 0.999)')."""


def _not_the_default(flat: str, start: int, end: int) -> bool:
    """True when the number is a default the text contrasts with its own setting, said so
    (:data:`_NOT_THE_DEFAULT`) or named in parentheses after that setting
    (:data:`_USUAL_IN_PARENS`, the number closing the parenthesis)."""
    if _NOT_THE_DEFAULT.search(flat[max(0, start - 50):start]):
        return True
    return bool(_USUAL_IN_PARENS.search(flat[max(0, start - 60):start])
                and re.match(r" ?\)", flat[end:end + 2]))


def _in_aside(flat: str, start: int) -> bool:
    """True when the number is in a parenthesis or sentence the writer marks as irrelevant
    (:data:`_IRRELEVANT`) that states no formula and asks nothing (no '=', brackets or '?'): its
    numbers describe something else ("we train with Adam at lr 3e-4, but that's not what this is
    about"). Such numbers are listed as ignored, not used."""
    lo = max(flat.rfind(c, 0, start) for c in ".!?\n") + 1
    hi = min((i for i in (flat.find(c, start) for c in ("! ", "? ", ". ", "\n")) if i >= 0),
             default=len(flat))
    sentence = flat[lo:hi + 1]
    if _UNNEEDED_VALUE.search(sentence) and "?" not in sentence and sentence.count("=") == 1:
        return True   # "Start: w_0 = (10, 1) -- not needed for the rates."
    opened = flat.rfind("(", lo, start)
    if opened >= 0 and flat.find(")", opened, start) < 0:   # inside a parenthesis: it alone
        close = flat.find(")", start)
        lo, hi = opened, (close if close >= 0 else hi)
    piece = flat[lo:hi + 1]
    if opened >= 0 and piece.startswith("(") and re.search(
            r"\b(?:irrelevant|(?:is|are) not needed|plays? no role|(?:do|does)(?: not|n't) "
            r"matter)\b", piece, re.I) and not re.search(r"[?‖\[\]{}]", piece):
        return True   # "(… width d=4096 of the real model are irrelevant here.)": all of it
    return bool(_IRRELEVANT.search(piece)) and not re.search(r"[=≈\[\]{}?‖]", piece)


_UNNEEDED_VALUE = re.compile(
    r"(?<![=<>≤≥]) ?= ?(?:-?[\d.]+|[(\[] ?-?[\d.]+(?: ?, ?-?[\d.]+){0,7} ?[)\]]) ?(?:--|—|–|,|;|\(|:)? ?"
    r"(?:it'?s |this is |that'?s |which is |is |are )?(?:not (?:needed|required|used)|irrelevant|"
    r"unused)\b", re.I)
"""One value stated and, right after it, said to be unneeded ("Start: w_0 = (10, 1) -- not needed
for the rates"): the writer sets it aside, so its numbers are listed as ignored, not used."""


_BATCH_BEFORE = re.compile(r"\b(?:mini-?)?batch(?:es)?(?: size)?(?: (?:of|=|is|:))?(?: size)?"
                           r"(?: (?:of|=|is|:))? ?\$?$", re.I)
_COUNT_AFTER = re.compile(r"^ ?(?:training )?(?:epochs?|(?:training |labell?ed )?(?:images|sentences|"
                          r"documents|tokens|samples|examples)(?! per)\b)", re.I)
"""'90 epochs', 'a dataset of 60,000 images', 'originally 50,000 samples': counts of training that no
answer depends on (a stated number of rows the data has is read by the family first)."""
_BATCH_AFTER = re.compile(r"^\$? ?(?:examples|samples|images|sequences|data points|points)? ?"
                          r"(?:per|in each|in a|in the|in every) (?:mini-?)?batch\b", re.I)


_LOSS_VALUE_BEFORE = re.compile(
    r"(?:\b(?:f|L|ℓ|J)\((?:θ_t|w_t|x_t|W_t|w_k|θ_k|x_k|w_0|θ_0|x_0|w_\{t\}|θ_\{t\})\)|"
    r"\b(?:the )?(?:current |training |mini-?batch )?loss(?: value)?(?: (?:is|was|=|of))?) ?(?:=|is|of)? ?$")
_LOSS_VALUE_AFTER = re.compile(r"^ ?(?:[,;)]|\.(?!\d)|$| (?:and|at|with|which|so|but|here)\b)")


def _loss_value(flat: str, start: int, end: int) -> bool:
    """True when the number is the value of the loss at the current point ("f(w_t) = 7.3", "the
    current loss is 2.31"), a number alone, not a formula: no answer of the families depends
    on it (a question about the loss after a step would be a request the reading must place)."""
    return bool(_LOSS_VALUE_BEFORE.search(flat[max(0, start - 30):start])
                and _LOSS_VALUE_AFTER.match(flat[end:end + 8]))


_SEED_BEFORE = re.compile(r"\b(?:random |rng |torch |numpy )?seeds?(?: (?:was|is|of|set to|to|fixed "
                          r"(?:at|to)|=|:)| ?=| ?:)? ?\$?$", re.I)
"""'random seed 1234', 'the seed was 42', 'seed=0', 'we fix the random seed to 2024': which
random numbers a run draws; no exact answer depends on it."""


_VERSION_BEFORE = re.compile(r"\b(?:(?:py)?torch|python|cuda|cudnn|numpy|jax|tensorflow|"
                             r"version|ver\.)\s?v?$|\b(?:rtx|gtx|titan|tesla|quadro|geforce|radeon)"
                             r"\s?$", re.I)
"""'pytorch 2.3', 'CUDA 12.1', 'RTX 3060': a software version or a GPU model, which no
answer depends on."""


_MEMORY_AFTER = re.compile(r"^ ?(?:[KMGT]i?B|[kmgt]b|gigs?|gigabytes?|megabytes?|terabytes?)(?: of)?"
                           r" (?:(?:system |main |host |gpu |device |video )?(?:RAM|VRAM|memory|DRAM|"
                           r"HBM)|(?:of )?(?:RAM|VRAM))\b", re.I)
"""'8 GB RAM', '16GB of RAM', '24 GB of GPU memory': the memory of the machine a text runs on,
which no answer depends on (a message or gradient size is never named as RAM or memory)."""


def _memory(flat: str, end: int) -> bool:
    """True when the number is the memory size of a machine (:data:`_MEMORY_AFTER`)."""
    return bool(_MEMORY_AFTER.match(flat[end:end + 40]))


def _version(flat: str, start: int) -> bool:
    """True when the number is a software version or a GPU model (:data:`_VERSION_BEFORE`)."""
    return bool(_VERSION_BEFORE.search(flat[max(0, start - 16):start]))


def _seed(flat: str, start: int) -> bool:
    """True when the number is a random seed (:data:`_SEED_BEFORE`)."""
    return bool(_SEED_BEFORE.search(flat[max(0, start - 30):start]))


def _batch_size(flat: str, start: int, end: int) -> bool:
    """True when the number is a batch size ("a mini-batch of size 64", "batch 256", "32
    examples per batch"), an epoch count or a dataset's size ("90 epochs", "60,000 images"): no
    answer of the families depends on it (a field that did use it would cover it first)."""
    count = _COUNT_AFTER.match(flat[end:end + 30])
    if count and not re.search(r"epoch", count.group(0), re.I):
        # a dataset's size ('60,000 images'), not the few data points a problem lists ('with 3
        # samples'), which its answers may depend on
        digits = re.sub(r"[,\s]", "", flat[start:end])
        count = count if digits.isdigit() and int(digits) >= 100 else None
    return bool(_BATCH_BEFORE.search(flat[max(0, start - 30):start])
                or _BATCH_AFTER.match(flat[end:end + 40]) or count)


_LOADER = r"(?:data[- ]?load(?:er|ing)|loader|input[- ]pipeline)"
_LOADER_AFTER = re.compile(r"^ ?(?:(?:cpu|background|worker|" + _LOADER + r") ?)+"
                           r"(?:workers?|processes|threads)\b|^ ?(?:workers?|processes|threads) "
                           r"(?:in|for|of) (?:the |its |my |our |a )?(?:pytorch |torch )?" + _LOADER
                           + r"\b", re.I)
_LOADER_BEFORE = re.compile(r"\bnum_workers ?(?:=|:|of|is) ?$|\b" + _LOADER + r" (?:uses |with |has "
                            r"|runs )?(?:workers?|processes|threads) ?(?:=|:|of|is)? ?$", re.I)
_LOADER_VERB = re.compile(r"\b" + _LOADER + r"s? (?:uses|with|has|runs|spawns|starts) (?:up to |about )?$",
                          re.I)
"""'3 data-loader workers', 'num_workers=4', '8 worker processes for the data loader': how the
input data is loaded, which no answer depends on (a worker of data-parallel training is never
called a data-loader worker)."""


def _loader_workers(flat: str, start: int, end: int) -> bool:
    """True when the number counts the processes that load the input data
    (:data:`_LOADER_AFTER`, :data:`_LOADER_BEFORE`)."""
    after = _LOADER_AFTER.match(flat[end:end + 50])
    if after and not re.search(r"load|pipeline", after.group(0), re.I):
        # bare 'worker processes' / 'CPU threads' count a loader only when it is named next
        rest = flat[end + after.end():end + after.end() + 40]
        after = after if (re.match(r"^[^.;]{0,25}\b" + _LOADER, rest, re.I)
                          or _LOADER_VERB.search(flat[max(0, start - 30):start])) else None
    return bool(after or _LOADER_BEFORE.search(flat[max(0, start - 30):start]))


def _in_range(flat: str, start: int) -> bool:
    """True when the number at ``start`` is in an index range such as ``t = 1, 2, …``."""
    lo = max(0, start - 40)
    return any(lo + m.start() <= start < lo + m.end()
               for m in _RANGE.finditer(flat[lo:start + 20]))


_DIMENSION = re.compile(r"(?<![\w])[Rℝ] ?\^? ?[({]? ?\d{1,4} ?[×x] ?$")
"""The second size of a matrix space, ``ℝ^{3×2}`` (the first is glued to the R)."""
_FLAT_INDEX = re.compile(r"(?<![\w])[A-Za-zθβηγ][kt] ?[-+−] ?$")
"""An iteration index whose subscript a PDF copy flattened onto the line (``xk+1``, ``θt−1``)."""
_STACKED_SQUARE_AFTER = re.compile(r" [tki](?![\w(=])")
"""After the 2 of ``g 2 t`` (a PDF copy of g_t², square and index printed apart)."""
_MAP_DOMAIN = re.compile(r" ?(?:→|->) ?[Rℝ](?![\w(])")
"""What follows the dimension of a map's domain: ``ℝ^2 → ℝ``."""
_SUM_BOUND = re.compile(r"(?:Σ|∑|\\sum|\bsum)_ ?\{?[a-z] ?= ?$")
"""The bounds of a sum's index, ``Σ_{i=1}^{2}`` (flattened ``Σ_i=1^2``)."""


_UNIT_INTERVAL = re.compile(r"∈ ?[(\[] ?0 ?, ?1 ?[)\]]")
"""``β ∈ (0, 1)``, ``[0, 1)``: the range a parameter lies in."""
_OPEN_FROM_ZERO = re.compile(r"∈ ?[(\[] ?$")
_TO_SYMBOL = re.compile(r" ?, ?[A-Za-zα-ω]")
"""``η ∈ (0, η̄)``: an interval from 0 to a symbol, the range a parameter lies in."""


def _is_structure(flat: str, start: int, end: int, text: str) -> bool:
    """A small integer inside a formula (``1 - β_1``, ``(1/2)``, ``x^2``), an index range or
    the bounds of a sum."""
    if _in_range(flat, start) or _SUM_BOUND.search(flat[max(0, start - 12):start]):
        return True
    if _UNIT_INTERVAL.search(flat[max(0, start - 8):min(len(flat), end + 6)]) and \
            text in ("0", "1"):
        return True   # "β ∈ (0, 1)": the range a parameter lies in, not a value
    if text == "0" and _OPEN_FROM_ZERO.search(flat[max(0, start - 4):start]) and \
            _TO_SYMBOL.match(flat[end:end + 4]):
        return True   # "η ∈ (0, η̄)": likewise, up to a symbol
    if _DIMENSION.search(flat[max(0, start - 12):start]):
        return True   # the 2 of ℝ^{3×2}, printed R3×2 by a PDF copy
    if text.isdigit() and _MAP_DOMAIN.match(flat[end:end + 5]) and \
            re.search(r"(?:^|[Rℝ]\^? ?\{?) ?$", flat[max(0, start - 4):start]):
        return True   # the 2 of f: ℝ^2 → ℝ (its ℝ^ maybe lost to a line break)
    if text == "2" and _STACKED_SQUARE_AFTER.match(flat[end:end + 4]) and \
            re.search(r"(?:^|(?<![\w])[a-zθ] )$", flat[max(0, start - 3):start]):
        return True   # "g 2 t": g_t² with its square and index stacked apart by a PDF copy
    if text == "1" and _FLAT_INDEX.search(flat[max(0, start - 6):start]):
        return True   # the 1 of x_{k+1}, printed xk+1 by a PDF copy
    if text.lstrip("-") not in _SMALL:
        return False
    if text == "1/2" and _HALF_OF_FORM.match(flat[end:end + 6]) and \
            re.search(r"[=(] ?$", flat[max(0, start - 3):start]):
        return True   # "f(θ) = 1/2 θ^THθ − b^Tθ": the ½ of a quadratic form, spaced
    before = flat[max(0, start - 4):start]
    if _ELEMENTWISE_POWER.search(before):
        return True   # "g_t^{⊙2}": the elementwise square of a vector
    if _JUXTAPOSED.match(flat[end:end + 2]) or _INDEX_ARITHMETIC.search(before) or \
            _COMPARED.search(before) or _OPERATOR_AFTER.match(flat[end:end + 3]):
        return True
    if text == "0" and (_ZERO_CONDITION.search(flat[max(0, start - 8):start]) or
                        _ZERO_BELOW.match(flat[end:end + 4])):
        return True
    if before.rstrip(" ").endswith(("=", ",")) or flat[end:end + 2].lstrip(" ").startswith(","):
        return False
    return bool(_STRUCTURAL_BEFORE.search(before.rstrip(" ")) and not before.endswith(" ")
                or _OPERATOR_BEFORE.search(before) or _STRUCTURAL_AFTER.match(flat[end:end + 3]))


def source_spans(flat: str, sources: Iterable[str]) -> list[tuple[int, int, str]]:
    """``(start, end, source)`` of every occurrence in ``flat`` of the fields' source phrases."""
    spans = []
    for source in sources:
        chunks = re.split(r"; | -> defined as: ", source)
        whole = [c.strip() for c in chunks if " | " in c and c.strip() in flat]
        for chunk in whole:   # a table row ('| sample 1 | 1 | 0 | 2 |') is one phrase
            at = flat.find(chunk)
            while at >= 0:
                spans.append((at, at + len(chunk), source))
                at = flat.find(chunk, at + 1)
        pieces = [c for c in chunks if c.strip() not in whole]
        for piece in [x for c in pieces for x in c.split(" | ")]:
            piece = piece.strip().removesuffix("...").strip()
            if len(piece) < 2:
                continue
            at = flat.find(piece)
            while at >= 0:
                spans.append((at, at + len(piece), source))
                at = flat.find(piece, at + 1)
    return spans


_NORM_TERM = re.compile(r"‖[^‖\n]{1,40}‖_[^\s^,.;:?)]{1,8}")


def terms(flat: str) -> list[tuple[int, int, str]]:
    """``(start, end, text)`` of every norm, optimizer and scheme the text names (in words or
    as an indexed norm ``‖x‖_2``)."""
    from optiproof.catalogue import KINDS

    found = [(m.start, m.end, m.phrase) for kind in ("norm", "optimizer", "scheme")
             for m in KINDS[kind].mentions(flat)]
    found += [(m.start(), m.end(), m.group(0)) for m in _NORM_TERM.finditer(flat)]
    return sorted(found)


def _entry_key(text: str) -> str | None:
    """The catalogue key a named term denotes (a norm by its index for ``‖x‖_2``)."""
    from optiproof.catalogue import KINDS
    from optiproof.catalogue.norms import by_index

    m = _NORM_TERM.fullmatch(text)
    if m:
        entry = by_index(text.rsplit("‖_", 1)[1])
        return entry.key if entry else None
    for kind in ("norm", "optimizer", "scheme"):
        found = KINDS[kind].mentions(text)
        if found:
            return found[0].entry.key
    return None


def account_terms(flat: str, spans: list[tuple[int, int, str]], used: set[str]
                  ) -> list[NumberUse]:
    """Every named norm, optimizer and scheme of ``flat``: used when inside (or overlapping) a
    field's source or when a field's value is that entry (``used``: catalogue keys), else
    unused."""
    out = []
    for start, end, text in terms(flat):
        covering = next((s for s in spans if s[0] < end and start < s[1]), None)
        if covering is None and _entry_key(text) in used:
            covering = (start, end, f"{_entry_key(text)} (a field's value)")
        hint = not covering and _in_hint(flat, start)
        status = "used" if covering else "aside" if hint or _in_aside(flat, start) else "unused"
        out.append(NumberUse(text, start, status, covering[2] if covering else
                             "in a hint to the reader" if hint else
                             "in a remark the text calls beside the point" if status == "aside"
                             else ""))
    return out


MAX_CLASSIFIED = 1000
"""Numbers classified one by one; beyond this many (no real problem has them) every further
number is reported not used without looking at its neighbours (bounds reading time)."""


def account(flat: str, spans: list[tuple[int, int, str]]) -> list[NumberUse]:
    """Every number of ``flat`` with its status against the used source ``spans``."""
    out = []
    for i, (start, end, text) in enumerate(numbers(flat)):
        if i >= MAX_CLASSIFIED:
            out.append(NumberUse(text, start, "unused"))
            continue
        covering = next((s for s in spans if s[0] <= start and end <= s[1]), None)
        if covering is not None:
            out.append(NumberUse(text, start, "used", covering[2]))
        elif _is_label(flat, start, end) or _in_hint(flat, start) or _in_negation(flat, start):
            out.append(NumberUse(text, start, "label"))
        elif _is_structure(flat, start, end, text):
            out.append(NumberUse(text, start, "structure"))
        elif _in_aside(flat, start):
            out.append(NumberUse(text, start, "aside", "in a remark the text calls beside the point"))
        elif _not_the_default(flat, start, end):
            out.append(NumberUse(text, start, "aside", "a default the text says it does not use"))
        elif _typo(flat, start, end):
            out.append(NumberUse(text, start, "aside", "a value the text calls a typo and corrects"))
        elif _batch_size(flat, start, end):
            out.append(NumberUse(text, start, "aside", "a batch size, epoch count or dataset size: "
                                                       "no answer depends on it"))
        elif _memory(flat, end):
            out.append(NumberUse(text, start, "aside", "the memory of a machine: no answer depends "
                                                       "on it"))
        elif _loader_workers(flat, start, end):
            out.append(NumberUse(text, start, "aside", "the data loader's workers: no answer depends "
                                                       "on how the input is loaded"))
        elif _version(flat, start):
            out.append(NumberUse(text, start, "aside", "a software version or hardware model: no "
                                                       "answer depends on it"))
        elif _seed(flat, start):
            out.append(NumberUse(text, start, "aside", "a random seed: every answer is exact or "
                                                       "from a deterministic run"))
        elif _loss_value(flat, start, end):
            out.append(NumberUse(text, start, "aside", "the loss value at the current point: no "
                                                       "answer depends on it"))
        else:
            out.append(NumberUse(text, start, "unused"))
    return out
