"""Questions: what a part asks, read from its request sentences with the catalogue's phrases.

A part's text is cut into sentences; a sentence is a *request* when it asks (a question mark,
an imperative such as "find", "compute", "give", a leading "what"/"which"/"how many", or "what I
need is ..."). In each request every quantity the catalogue names is an :class:`Ask` with its
phrase; a symbol right after a request verb ("compute θ₁", "evaluate Δ*") is an ask whose
quantity the family's reader hook resolves. A request with no ask at all is kept as it is: the
coverage step refuses it, naming the sentence. Transformations ("rescale the features", "without
bias correction", "drop the square") and back-references ("repeat (a) with α = 0.1", "same two
quantities for the tree") are found anywhere in the part's own text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from optiproof.catalogue import QUANTITIES, TRANSFORMS
from optiproof.catalogue import transforms as T
from optiproof.core.text.match import _ABBREVIATIONS, _SENTENCE_END, sentences  # noqa: F401

_VERBS = (r"find|compute|calculate|derive|determine|give|state|report|evaluate|write(?: down| out)?|"
          r"express|obtain|show|prove|verify|identify|name|explain|justify|compare|repeat|"
          r"recompute|deduce|estimate|work out|solve|count|list|plot|sketch|describe|check|"
          r"fill in|complete|tabulate")
_LEAD = r"^(?:[-*•] ?)?(?:\(?[a-z0-9]{1,4}[.):] ?)?(?:\((?:yes|no|true|false|y) ?/ ?(?:yes|no|true|" \
        r"false|n)\) ?)?(?:(?:and|then|now|also|finally|so|hence|" \
        r"please|bonus|next|lastly),? )*"
_IMPERATIVE = re.compile(_LEAD + rf"(?:(?:[^,.?:()]|\([^().?:]{{1,30}}\)|(?<=\d)\.(?=\d)){{0,60}}[,:] )?"
                         rf"(?:(?:[^,.?:;()]|\([^().?:;]{{1,30}}\)|(?<=\d)\.(?=\d)){{1,60}}, )?"
                         rf"(?:please )?"
                         rf"(?:{_VERBS})\b", re.I)
_SETTING_LEAD_IMPERATIVE = re.compile(_LEAD + r"(?:for|with|under|using|in) [^,.?:()]{0,60}?[‖≤<=]"
                                      rf"[^,.?:()‖]{{0,20}}? (?:please )?(?:{_VERBS})\b", re.I)
"""A setting written as a formula, then the request without a comma ("For the Euclidean ball
‖u‖_2 ≤ η give the predicted decrease")."""
_WH_START = re.compile(_LEAD + r"(?:(?:by|for|to|at|in|on|from|with|under|after|among) )?"
                       r"(?:what|which|how|where|when|why|is|are|does|do|did|can|could|would|"
                       r"will|should|has|have)\b", re.I)
_COLON_IMPERATIVE = re.compile(rf"[:;] (?:please )?(?:{_VERBS})\b|\b(?:and|then) (?:please )?"
                               rf"(?:give|find|compute|report|state|determine|evaluate)\b", re.I)
"""A setting, then the request after a colon ("Nesterov with β = …, whose rate is …: give β") or
an "and" ("Minimise gᵀd + (1/α)‖d‖∞² and give v")."""
_WH_INSIDE = re.compile(r"(?:,|\band|\bor|\bthen|\bso) (?:what|how (?:many|much|long|far|"
                        r"large|big|fast))\b|\b(?:i need|i'?d like|i would like|i want|"
                        r"we want|want to know|tell me|can someone tell|would like to know)\b",
                        re.I)
_SUPERLATIVE_HEAD = re.compile(
    _LEAD + r"(?:the |a )?(?:largest|smallest|maximum|maximal|minimum|minimal|max|min|critical|"
    r"optimal|best|biggest|highest|lowest)\b", re.I)
_RELATIVE = re.compile(r"\b(?:which|that|where|whose|when|such that)\b|,", re.I)
_STATES = re.compile(r"\b(?:is|are|was|were|equals?|becomes?|gives?)\b|[=:<>≤≥]", re.I)


def _superlative_request(s: str) -> bool:
    """A request written as a noun phrase led by a superlative ("Largest lr for which plain GD
    converges, and the same for …", "Maximum stable step size for heavy ball."): it asks for
    that quantity with no verb of its own; a statement ("Largest eigenvalue is 3", "max step =
    0.5") has one before any relative clause."""
    m = _SUPERLATIVE_HEAD.match(s)
    if m is None:
        return False
    head = s[m.end():]
    stop = _RELATIVE.search(head)
    return not _STATES.search(head[:stop.start()] if stop else head)


_PROOF = re.compile(r"\b(?:show|prove|verify|check|confirm) that\b|\bshow\b(?= [^.?]{0,40}=)",
                    re.I)
_SYMBOL = (r"(?:Δ ?)?(?:[A-Za-zθηαβγλμσρκδεφψ]|Δ(?! ?[A-Za-zθ]_?\{?\(?\d))(?:̂|_?hat)?(?:\(?[\w∞]++\)?|\^(?:[\w*∞]{1,6}+|"
           r"[\w*∞](?=[\w*∞]{1,5}\)))|\*|'|̂)*")
r"""A symbol: a letter, then indices, primes, hats and superscripts. The tail matches what
``(?:_?\(?[\w∞]{1,6}\)?|\^[\w*∞]{1,6}|\*|'|̂)*`` matches, in the same order of preference, but
splits a run of letters one way only: that form tries every split of a long run before it fails,
which takes seconds from about 20 letters on."""
_TUPLE = (r"(\((?:[A-Za-zθ]_?\{?\d{1,3}\}? ?, ?){1,3}[A-Za-zθ]_?\{?\d{1,3}\}?\))(?=[ ,.?;:]|$)"
          r"(?! ?[=≤<≥>])")
_TUPLE_ASK = re.compile(r"(?i:\b(?:find|compute|calculate|determine|give|state|report|evaluate|"
                        r"obtain|work out|what(?:'s| (?:is|are))|where is|where's)) " + _TUPLE)
_TUPLE_NEXT = re.compile(r"(?: ?,? and| ?, then| ?,) " + _TUPLE)
"""A point named by its coordinates right after a request verb ("compute (x_1, y_1)", "what is
(u3, v3)?"): one ask, the family's reader says what it is (an iterate, a point it names)."""
_NOT_SET = (r"(?! ?[≤<≥>])(?! ?=(?! ?(?:arg ?min|arg ?max|[A-Za-zα-ωκ√]\w{0,3} ?/ ?[A-Za-zα-ωκ√(]|"
            r"[-−] ?[A-Za-zα-ωκ√(]|(?:θ|theta|w|x|W|p)_?\{?\(?\d{1,3}\)?\}? ?[-−] ?(?:θ|theta|w|x|W|p)_?\{?"
            r"\(?\d)))")
_DIFFERENCE = re.compile(r"(?<![\w])(?P<b>θ|theta|w|x|W|p)_?\{?\(?\d{1,3}\)?\}? ?[-−] ?(?P=b)_?\{?\(?"
                         r"\d{1,3}\)?\}?(?![\w(])" + _NOT_SET)
"""The difference of two numbered iterates (``θ_2 − θ_1``, ``w_3 − w_0``, ``p_3 − p_2`` as PyTorch
names a parameter): one ask, the family's reader says which (a step, a displacement)."""
"""A symbol that is set (``with α = 0.1``) is not asked; one defined as an argmin, a ratio of
symbols ("what is κ = L/μ?"), a negated formula ("θ_3 − θ_2 = −α m̂_3/√v̂_3") or a difference of
iterates ("the third update Δw_3 = w_3 − w_2") is."""
_DEFINING = re.compile(r" ?= ?(?:(?!\b(?:and|or|then|with|for|where|which|if|at|in|as)\b)[^?;,=]){1,160}")
"""The formula after an asked symbol ("θ_3 − θ_2 = −α m̂_3 / √v̂_3"): it says what the symbol
is; the quantities it mentions (m̂_3, v̂_3) are not asked."""
_SYMBOL_ASK = re.compile(
    r"(?i:\b(?:find|compute|calculate|derive|determine|give|state|report|evaluate|obtain|solve|"
    r"recompute|write (?:out|down)|spell out|work out|what(?:'s| (?:exactly |precisely )?(?:is|are))|"
    r"where is|where's|"
    r"which)(?: (?:the|a|an|its|your))?(?: (?:numerical |numeric |exact )?(?:value|values) "
    r"of)?(?: (?!(?:for|at|of|with|in|when|if|on|to|from|by|and|or|given|using|via)\b)"
    r"(?:[a-z][a-z-]{2,20}|\d{1,2}(?:st|nd|rd|th)\b)){0,3}) "
    rf"({_SYMBOL})(?=[ ,.?;:)]|$){_NOT_SET}")
_SYMBOL_NEXT = re.compile(rf"(?: ?\([^()]{{1,80}}\))?(?: ?,? and| ?, then| ?,) ({_SYMBOL})(?=[ ,.?;:)]|$)"
                          rf"{_NOT_SET}")
_LISTED_NORM = re.compile(r"(?:\band|,|, then) ((?:the (?:[\w-]{2,12} )?norm )?‖ ?[^‖=<>+\-−]{1,24}? ?‖)"
                          r"(?=(?: ?_ ?(?:\{[^{}‖\s]{1,6}\}|[\w∞*∗]{1,4}(?:→\w{1,2})?|[*∗]))?"
                          r"(?: ?(?:\^ ?\{?2\}?|²))? ?(?:[.?;,\]]|\band\b|$))")
"""The norm of a symbol listed as an item of a request ("the limit θ̃ and ‖θ̃‖", "‖G‖_F, the
spectral norm ‖G‖_2→2 and the nuclear norm ‖G‖_*"): asked."""
"""The next symbol of a list of asked symbols, past a gloss in parentheses on the one before
("give μ and L (the extreme eigenvalues) and κ")."""
_ENGLISH = re.compile(r"[A-Za-z]{3,}|^(?:I|a|A|an|as|at|be|by|do|if|in|is|it|me|my|no|of|on|or|so|"
                      r"to|up|us|we)$")
_META = re.compile(r"\b(?:right|correct|wrong|sanity|confus\w*|help|anyone|thanks|am i|did i|"
                   r"(?:i'?d|i would|i) (?:like|want|need) to (?:actually |really |properly |finally )?"
                   r"(?:understand|see why|know why|get why|figure out why|get a feel)|"
                   r"(?<!\bbig )(?<!\blarge )(?<!\bmuch )(?<!\bmany )is that(?! (?:the )?(?:same|equal|identical|larger|smaller|bigger|greater|"
                   r"different|consistent)\b)|what i'?d like to know|i'?d (?:like|prefer|love) (?:the |some |an? )?(?:actual "
                   r"|real |concrete |exact |numeric(?:al)? )?(?:numbers?|values?)\b(?! of\b)|my numbers|off by|too (?:few|many|small|"
                   r"large|big))\b|:$|^(?:so |but )?which (?:one )?is (?:it|right|correct)\b", re.I)
CLAIM_CHECK = re.compile(
    r"\b(?:is|was|are) (?:the|this|that|his|her|their|such an?) (?:(?:student|colleague|author|"
    r"friend|classmate|reviewer|engineer)(?:'?s|’s)? )?(?:claim|statement|assertion|argument|"
    r"conclusion|reasoning)s? (?:\w+ )?(?:correct|right|true|valid|wrong|false|justified)\b|"
    r"\b(?:is|was) the (?:student|colleague|author|friend|classmate|reviewer|engineer) "
    r"(?:correct|right|wrong)\b|\bdo you agree with (?:the|this|that) (?:claim|statement|student)\b"
    r"|^\(?(?:so |but |and )?(?:is|was|are|were) (?:he|she|they) (?:\w+ )?(?:right|correct|wrong)\b",
    re.I)
"""A request to judge a claim the text states ("A student claims: ... Is the claim correct?"):
a question of its own, not a remark about the asker's work ("Is this right?")."""
_REFERENCE = re.compile(r"\bsame (?:\w+ )?as (?:in )?(?:part |question )?\(?([a-h]|\d{1,2})\b|"
                        r"\b(?:repeat|recompute|redo)\b[^.?]{0,20}?\(?\b(?:part |question )?"
                        r"\(?([a-h]|\d{1,2}|i{1,3}|iv|vi{0,3}|ix|x)\)|\b(?:same|as in|like in|as for)\b"
                        r"[^.?]{0,30}?"
                        r"\(([a-h]|\d{1,2})\)|\b(?:question|part|task) (\d{1,2}|[a-h])\b|"
                        r"\banswer to \(([a-h]|\d{1,2})\)|"
                        # "Repeat 1 with ‖Δ‖∞² in place of ‖Δ‖₂²": a numbered part, no brackets
                        r"\b(?:repeat|recompute|redo) (?:part |question |exercise |item )?(\d{1,2})"
                        r"(?= (?:with|for|using|but|under|in|now)\b| ?[,(])|"
                        # "Repeat Q2's step-size question", "redo Q3 for ...", "(b)'s computation"
                        r"\b(?:repeat|recompute|redo|rerun)\b (?:part |question |exercise |item |task |"
                        r"problem )?(?:q|Q)\.? ?(\d{1,2})(?=(?:'s|’s)? )|"
                        r"\b(?:repeat|recompute|redo|rerun)\b (?:part |question )?\(?([a-h]|\d{1,2}|"
                        r"[ivx]{1,4})\)?(?:'s|’s) ", re.I)


@dataclass(frozen=True)
class Ask:
    """One thing a request asks for: a catalogue quantity (``quantity``) or, for a bare symbol
    after a request verb, ``quantity = None`` and the symbol in ``phrase``."""

    quantity: str | None
    phrase: str
    start: int
    end: int


@dataclass(frozen=True)
class Request:
    """A sentence that asks something, the asks found in it, whether it asks for a proof, and
    its coordinated items ("the optimal pair (α, β)" in "give the optimal pair (α, β) and the
    rate") that name something asked but hold no ask the catalogue knows."""

    sentence: str
    start: int
    asks: tuple[Ask, ...]
    proof: bool
    unplaced: tuple[str, ...] = ()


@dataclass(frozen=True)
class Transformation:
    """A change the part applies to the problem ("rescale the features", "drop the square")."""

    key: str
    phrase: str
    start: int


@dataclass(frozen=True)
class Questions:
    """Everything a part asks: its requests, its transformations, and the part it refers back
    to (a label, ``previous`` for "repeat with ...", or None)."""

    requests: tuple[Request, ...]
    transformations: tuple[Transformation, ...]
    reference: str | None

    @property
    def asks(self) -> tuple[Ask, ...]:
        """Every ask of every request, in text order."""
        return tuple(a for r in self.requests for a in r.asks)


_QUALIFIER = re.compile(r"\b(?:including|incl\.) (?:the |its )?$|"
                        r"(?<!\btogether )(?<!\balong )\bwith (?:(?:the |its )(?:proper |full |usual |"
                        r"standard )?|(?:proper |full |usual |"
                        r"standard ))$", re.I)
_REMARK = re.compile(r"^(?:> ?)?\(?(?:hint|(?:pro[- ])?tip|note|recall|reminder|remark|remember)\b|"
                     r"^\((?=[^()]{1,40}\?\)$)[^()]*\b(?:something|sth|maybe|perhaps|i think|i guess)\b|"
                     r"^\((?:please )?(?:use|using|apply|try|via|by|with|start (?:with|from)|first)\b[^()]{0,40}?"
                     r"\b(?:cauchy|h(?:ö|o|oe)lder|svd|singular value decomposition|lagrang\w*|kkt|triangle "
                     r"inequality|duality|jensen|young)\b[^()?]{0,60}\)?[.!]?$", re.I)
"""A remark, the asker's parenthesised guess at the answer ("(greedy something?)"), or a
parenthesised hint on the method ("(Use Cauchy–Schwarz or Hölder; give the number.)"): it asks
nothing of its own."""
_DEFINED_AS = re.compile(r"(?:^|[,;(] ?)where (?:the |a |an )?[\w -]{1,40}? (?:is|are|means|"
                         r"denotes|is defined as|stands for) (?:defined as )?(?:the |as the )?$",
                         re.I)
"""A trailing definition clause ("..., where the total volume is the sum of the sizes of all
messages"): what follows defines a word of the request; it is not asked."""
_FORM_VAR = r"(?:[A-Za-zα-ω](?:_?\{?\d\}?)?|\.\.\.|…)"
_FORM = re.compile(r"^(?:please )?(?:express|write|give|state) (?:(?:(?:the|your|all|each) )?(?:final )?"
                   r"(?:answers?|results?|formulas?|expressions?)|it|this|them)(?: also| too| again)?"
                   r"(?: out)? (?:in terms "
                   r"of|in|as (?:a )?functions? of|using) (?:the )?(?:symbols? |variables? |"
                   rf"coordinates? )?{_FORM_VAR}(?:,? (?:and )?{_FORM_VAR}){{0,7}}\s?\.?$", re.I)
"""An instruction on the form of the answer in letters only ("Express the answer in n and p.")
asks nothing new (one on units, "in bytes", is not of this form and stays a request)."""


_MULTIPLE_FORM = re.compile(r"^(?:please )?(?:give|express|write|state|present)(?: (?:it|this|that|them|"
                            r"the answer|your answer|the result|each))? (?:as|in the form of) (?:a |an )?"
                            r"(?:(?:scalar|constant|numerical|exact) )?(?:multiple|rescaling|scaled "
                            r"version|fraction) of (?:a |an |the |some |one )?(?:[\w-]+ ){0,3}?"
                            r"(?:norms?|vectors?|matri(?:x|ces)|step|lr|learning rate|α|η|γ)\s?[.!]?$",
                            re.I)
"""An instruction on the form of the answer just asked ("Give it as a multiple of a standard
norm.", "Express the result as a scalar multiple of the learning rate."): it asks nothing new."""
_NUMERIC_FORM = re.compile(r"^(?:please )?(?:(?:give|report|state|write|express|present|"
                          r"provide) (?:(?:the|your|all) )?(?:final )?(?:answers? |results? |"
                          r"values? )?(?:as |in )?(?:numbers|numerical values|numeric values|"
                          r"decimals)|(?:answer|answers|results|everything) (?:numerically|as "
                          r"numbers)|numbers)(?:,? (?:not|rather than|instead of|no) (?:formulas|"
                          r"formulae|expressions|symbols))?(?:,? please)?\s?[.!]?$", re.I)
"""An instruction to answer in numbers ("Give numbers, not formulas.") asks nothing new."""


_INDEXED = rf"(?=[^ ,.]*(?:_|\d|̂|hat))(?:{_SYMBOL})"
_BARE_LIST = re.compile(rf"^(?:[-*•] ?)?(?:\(?[a-z0-9]{{1,3}}[.):] )?(?P<list>{_INDEXED}(?:(?: ?,| ?,? and"
                        rf"| ?,? and also) {_INDEXED}){{0,7}})(?: ?\([^()]{{0,60}}\))? ?[.?!]?$")
"""A sub-question written as a bare list of indexed symbols ("mhat_2 and vhat_2, and w_2.",
"w_3 (6 significant digits)."): a request for each symbol, verb or not."""


def _bare_list(sentence: str) -> re.Match | None:
    m = _BARE_LIST.match(sentence.strip())
    if m is None:
        return None
    syms = re.split(r" ?,? and also | ?,? and | ?, ?", m.group("list"))
    if any(_ENGLISH.search(x.split("_")[0].split("^")[0].replace("hat", "")) for x in syms):
        return None
    return m


def is_request(sentence: str) -> bool:
    """True when the sentence asks for something (see the module docstring)."""
    s = sentence.strip()
    if _bare_list(s):
        return True
    if _REMARK.match(s) or _FORM.match(s) or _NUMERIC_FORM.match(s) or _MULTIPLE_FORM.match(s):
        return False
    if s.endswith("?") or "?" in s:
        return True
    return bool(_IMPERATIVE.match(s) or _WH_INSIDE.search(s) or _COLON_IMPERATIVE.search(s) or
                _SETTING_LEAD_IMPERATIVE.match(s) or
                _superlative_request(s) or
                (_WH_START.match(s) and _WH_START.match(s).group(0).split()[-1].lower() in
                 ("what", "which", "how", "where", "why")))


_NARRATIVE = re.compile(
    r"^(?:[-*•] ?)?(?:(?:so|but|and|ok|okay|well|also|then|now|edit|update|ps|p\.s\.)[,:]? )*"
    r"(?:(?:i|i'?ve|i'?m|my|our)\b(?! ?(?:'?d|would) like\b| need\b| want to know\b| wonder)|"
    r"we (?:got|tried|made|computed|found|did|thought|guessed|used|ran)\b|"
    r"what (?:i|we) (?:tried|did|got|have|had|computed|found|attempted)(?: so far)?(?: for [^:]{1,20})?:)",
    re.I)
"""A sentence about the asker ("I got u = … but my answer doesn't satisfy the constraint??", "My
TA gave us this and I want to check my work", "My guess is it's …", "What I tried for 1): I set
…"): context, not a request,
when it asks nothing."""
_SETUP = re.compile(r"^(?:[-*•] ?)?(?:\(?[a-z0-9]{1,4}[.):] ?)?(?:let|suppose|assume|consider|"
                    r"throughout|given|define|denote|here|recall|we have|we use|setup|set-up|"
                    r"toy setup|context|background|data|notation)\b", re.I)
_ASKING_WORD = re.compile(rf"\b(?:what|which|how|where|why|when|whether|{_VERBS})\b|\s\?|^\?", re.I)
_DESIRE_SETTING = re.compile(r"\b(?:i|we) (?:want|need|have|take|use|set)\s(?=[^.?]{0,30}?"
                             r"(?<![<>!=])=(?!=))", re.I)
"""'I want 2θ₁ + θ₂ = 5': the asker states the problem's data, not a request."""


_QUESTION_CLAUSE = re.compile(r"\b(?:question|asks?|asking)\b|\b(?:what|which|how|where|why)\b"
                              r"(?! (?:i|we) (?:got|did|had|tried|thought|computed|found)\b)", re.I)
"""A narrative sentence that still holds a question ("My question is: what is the rate?",
"I'm not sure where it ends")."""


_COMPARE_LEAD = re.compile(r"^(?:[-*•] ?)?(?:now |next, |for comparison, )?compare (?:it |this |them |"
                           r"these |the results? )?(?:with|to|against) (?:a |an |the )?[^:.?]{2,60}: ",
                           re.I)
"""'Compare with a parameter server: every GPU sends …': a lead-in that describes what the next
request is asked of; it asks nothing when nothing after the colon asks."""


def is_context(sentence: str) -> bool:
    """True when a sentence that looks like a request asks nothing: the asker's narrative
    (:data:`_NARRATIVE`), a setup whose only '?' is a symbol a PDF copy lost ("Let f(x, y) = …
    and let z?"), or a stated equation after "I want" ("I want 2θ₁ + θ₂ = 5, squared loss …").
    Its numbers and settings are still read; only requests that ask nothing are dropped this
    way, so a real question ("but where exactly?", "I'd like the actual point") is kept."""
    s = sentence.strip()
    if _NARRATIVE.match(s) and not _QUESTION_CLAUSE.search(s):
        return True
    lead = _COMPARE_LEAD.match(s)
    if lead and "?" not in s and not _ASKING_WORD.search(
            re.sub(r",\s(?:which|where|when|who)\b", ",", s[lead.end():])):
        return True   # "Compare with a parameter server: every GPU sends …": what comes next
    if _SETUP.match(s) and not _ASKING_WORD.search(s):
        return True   # "?" glued to a symbol ("let z?") is a lost star, not a question mark
    return bool(_DESIRE_SETTING.search(s) and "?" not in s and not _ASKING_WORD.search(s) and
                not re.search(r"\b(?:to (?:know|find|compute|get|see|determine|calculate))\b",
                              s, re.I))


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "one": 1, "two": 2, "three": 3,
             "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_STEP_INDEX = re.compile(
    r"\b(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|(?P<n>\d{1,3})"
    r"(?:st|nd|rd|th)) (?:update|step|iterate|iteration)\b(?![- ]?size)|"
    r"\b(?:after|in) (?P<count>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten) "
    r"(?:steps|updates|iterations)\b|"
    r"(?:Δ|Delta ?|delta ?)(?:θ|theta|w|x)? ?_?\{?\(?(?P<delta>\d{1,3})\)?\}?(?![\w.])|"
    r"(?P<b>θ|theta|w|x)_?\{?\(?(?P<hi>\d{1,3})\)?\}? ?[-−] ?(?P=b)_?\{?\(?(?P<lo>\d{1,3})\)?\}?"
    r"(?![\w(])", re.I)


def step_index(phrase_: str) -> int | None:
    """The step an ordinal or an indexed step names ("the third update" -> 3, "after two
    steps" -> 2, "Δ_1" -> 1, "Δw_3" -> 3, "w_3 − w_2" -> 3), or None (also for a difference
    of iterates that are not consecutive, "θ_3 − θ_0", which is no one step)."""
    m = _STEP_INDEX.search(phrase_)
    if m is None:
        return None
    if m.group("ord"):
        return int(m.group("n")) if m.group("n") else _ORDINALS[m.group("ord").lower()]
    if m.group("count"):
        c = m.group("count").lower()
        return int(c) if c.isdigit() else _ORDINALS[c]
    if m.group("delta"):
        return int(m.group("delta"))
    hi, lo = int(m.group("hi")), int(m.group("lo"))
    return hi if hi == lo + 1 else None


_GENERIC = re.compile(r"^(?:what|which) (?:[\w-]+ )?(?:vector|point|solution)$|\bend(?:s|ed)? up\b|"
                      r"^where (?:exactly|precisely)\b", re.I)
"""The phrases of the catalogue's limit point that are generic head nouns ("What vector",
"end up", "where exactly"): in a family without limits they ask its primary quantity."""


def generic(ask: Ask) -> bool:
    """True when an ask names no quantity of its own but the part's main result: the catalogue's
    generic ask ("the actual point", "its third update") or a generic phrase of the limit."""
    return ask.quantity == "primary" or (ask.quantity == "limit" and
                                         bool(_GENERIC.search(ask.phrase.strip())))


def _symbol_asks(sentence: str, offset: int, taken: list[tuple[int, int]]) -> list[Ask]:
    """Bare symbols right after a request verb ("compute θ_1", "evaluate Δ^*")."""
    out = []
    for m in _SYMBOL_ASK.finditer(sentence):
        spans = [(m.start(1), m.end(1))]
        nxt = _SYMBOL_NEXT.match(sentence, m.end(1))
        while nxt is not None and len(spans) < 8:
            spans.append((nxt.start(1), nxt.end(1)))
            nxt = _SYMBOL_NEXT.match(sentence, nxt.end(1))
        for lo, hi in spans:
            sym = sentence[lo:hi]
            if _ENGLISH.search(sym.split("_")[0].split("^")[0]) or sym.lower() in {"it", "this", "that", "the", "an"}:
                continue
            if _names_method(sym) or re.match(r"\.[eg]\.", sentence[hi:hi + 3]):
                continue  # "i.e.", "e.g." are not symbols
            start, end = offset + lo, offset + hi
            if any(s < end and start < e for s, e in taken):
                continue
            out.append(Ask(None, sym, start, end))
    for m in _TUPLE_ASK.finditer(sentence):
        nxt: re.Match | None = m
        while nxt is not None and len(out) < 16:
            start, end = offset + nxt.start(1), offset + nxt.end(1)
            if not any(s < end and start < e for s, e in taken):
                out.append(Ask(None, nxt.group(1), start, end))
            nxt = _TUPLE_NEXT.match(sentence, nxt.end(1))
    return out


def _names_method(sym: str) -> bool:
    """True when a would-be symbol is an optimizer, scheme or norm the catalogue names ("GD",
    "SGD", "l_∞"): what the request is about, not a quantity it asks for."""
    from optiproof.catalogue import KINDS

    return any(m.start == 0 and m.end == len(sym)
               for kind in ("optimizer", "scheme", "norm") for m in KINDS[kind].mentions(sym))


def read_questions(flat: str) -> Questions:
    """The requests, transformations and back-reference of one part's own (flattened) text."""
    pieces = sentences(flat)
    lead_ok = len(_referenced_parts(flat)) <= 1
    requests = [_request(start, sentence, lead_ok) for start, sentence in pieces
                if is_request(sentence)]
    requests = [_which_one(r, flat) if not r.asks else r for r in requests]
    requests = [_tuned_symbols(r) for r in requests]
    requests = [x for r in requests for x in _split_elliptic(r)]
    requests = [r for r in requests if r.asks or not is_context(r.sentence)]
    requests = [r for r in requests if r.asks or CLAIM_CHECK.search(r.sentence)
                or not (_META.search(r.sentence)
                                                      or _FORMAT.match(r.sentence)
                                                      or _FORMAT_REMARK.match(r.sentence)
                                                      or _FORMAT_LIST.match(r.sentence)
                                                      or _UNIT_FORMAT.match(r.sentence)
                                                      or _PRECISION.search(r.sentence))]
    if any(r.asks for r in requests):
        requests = [r for r in requests if r.asks or not _SETTING_CLAUSE.match(r.sentence)]
    requests = _resolve_pronouns(requests, pieces)
    requests = [_if_so(r, pieces) for r in requests]
    if not requests:
        requests = [r for r in (_request(start, sentence, lead_ok) for start, sentence in pieces)
                    if any(a.quantity for a in r.asks)]
    from optiproof.reading.anaphora import resolve

    requests = [x for r in requests for x in _two_subjects(r)]
    requests = resolve(requests, pieces)
    transformations = tuple(Transformation(m.entry.key, m.phrase, m.start)
                            for m in TRANSFORMS.mentions(flat))
    return Questions(tuple(requests), transformations, _reference(flat, transformations))


_FORMAT = re.compile(r"^\(?(?:please )?(?:(?:give|state|report|write|just|only)(?: me)? (?:the |a |your |"
                     r"its |each )?|just |only )(?:two |three |final )?(?:(?:positive|non-?negative|"
                     r"single|real) )?(?:numbers?|numeric(?:al)? "
                     r"values?|decimals?|digits|fractions?|exact values?)(?: (?:is|are) "
                     r"(?:fine|enough|ok|okay))?(?: please)?[.!)]*$", re.I)
"""An ask-less sentence that only says how to write the answer ("Give the number.", "(just the
two numbers is fine)"): not a request of its own."""
_FORMAT_REMARK = re.compile(r"^\((?:please,? )?(?:give |as |in )?(?:(?:exact|decimal|numerical|numeric|"
                            r"rounded|approximate|closed[- ]form|simplified) )?(?:fractions?|decimals?|"
                            r"numbers?|values?|answers?|forms?|surds?)(?:,? (?:please|only|pls|if "
                            r"possible|preferably)\b)[^()?]{0,120}\)$", re.I)
"""A parenthesised remark on the form of the answers ("(exact fractions please, I want to
compare with my simulation)"): it asks nothing of its own."""
_FORMAT_NOUN = (r"(?:(?:both )?(?:as |in )?(?:both )?(?:the |an? |its |their |your )?(?:exact |simplified |reduced |"
                r"closed[- ]form |numerical |numeric |approximate |decimal |rounded |symbolic )?"
                r"(?:fractions?|decimals?(?: values?| approximations?| expansions?)?|numbers?|values?|"
                r"forms?|expressions?|approximations?|closed form|surds?|percentages?))")
_FORMAT_LIST = re.compile(r"^\(?(?:please )?(?:give|state|report|write|express|present|provide)(?: (?:it|"
                          r"them|both|the answer|your answer|the result|each))?,? " + _FORMAT_NOUN +
                          r"(?:,? (?:and|or|as well as|plus|,)(?: also)? " + _FORMAT_NOUN + r")+"
                          r"(?: please)?[.!)]*$", re.I)
"""An ask-less sentence listing only forms of the answer ("Give the exact fraction and a
decimal.", "State it both as a reduced fraction and as a decimal approximation."): a format
instruction for the answer before it, not a request of its own."""
_PRECISION = re.compile(r"\b(?:significant (?:figures|digits)|sig\.? ?figs?|s\.f\.|decimal (?:places|"
                        r"digits)|d\.p\.|exact (?:values?|fractions?|forms?|answers?) (?:where|when|"
                        r"if|whenever)|round(?:ed|ing)? (?:to|off)|(?:to|with) \d{1,2} (?:digits|"
                        r"decimals))(?!\w)", re.I)
"""An ask-less sentence about precision ("Give exact values where you can and decimals to 4
significant figures otherwise.", "Round to three decimal places."): how to write the answers."""
_UNIT_FORMAT = re.compile(r"^\(?(?:please )?(?:give|state|report|express|write) (?:(?:the|your|all|each) "
                          r"(?:final )?(?:answers?|results?|values?|times?)|it|them|this|that|both) in "
                          r"(?:seconds|milliseconds|microseconds|ms|s|bytes|gb|mb|kb|tb|floats|elements)"
                          r"[.!)]*$", re.I)
"""An ask-less sentence that only names the unit of the answers ("Give the answer in seconds.")."""
_SETTING_CLAUSE = re.compile(
    r"^(?:\(?[a-z0-9]{1,4}[.)] ?)?(?:(?:now|next|for comparison|instead|then|finally|alternatively),? )*"
    r"(?:solve|consider|redo|take|use|pose)(?: instead| now| again)? (?:the same|this|that|it|the) ?"
    r"(?:(?:constrained|penali[sz]ed|unconstrained|squared|plain|modified|new) )?(?:problem|step|"
    r"question|exercise|objective)?[^?]{0,80}?\b(?:with|for|under|using|but)\b[^?]{0,80}$", re.I)
"""An ask-less imperative that only changes the setting ("For comparison, solve the same problem
with the constraint ‖d‖_∞ ≤ η instead."), in a part whose other sentences ask: what it states is
read as the part's setting; it is not a request of its own."""
_WHICH_ONE = re.compile(r"\bwhich (?:one|of them)\b|^which\?$|\bname (?:it|them)\b|"
                        r"^(?:so |but )?which (?:one )?is (?:it|right|correct)\b", re.I)
_ANTECEDENT = re.compile(r"\b(?:optimi[sz]ers?|algorithms?|methods?|update rules?|norms?|schemes?)"
                         r"\b", re.I)


_TUNED = re.compile(r"\b(?:tun|choos|pick|select|set|optimi[sz])(?:e|es|ed|ing)?\b[^?]{0,100}?"
                    r"\b(?:optimal(?:ly)?|best|as well as possible)\b|\b(?:optimal(?:ly)?|best)\b[^?]{0,60}?"
                    r"\b(?:tun|choos|pick|select|set)(?:e|es|ed|ing)?\b", re.I)
_WHAT_SYMBOLS = re.compile(rf"\b(?:what|which) ({_SYMBOL})((?: ?,(?: and)? ?{_SYMBOL}| and {_SYMBOL}){{0,3}})"
                           r" (?:should|would|do|must|to|shall|will|can|are|is)\b")


ELLIPTIC_ITEM = re.compile(r"^(?:and |or |but )?(?:how (?:many|much)|what)(?: [\w-]+)? (?:by|for|with|in|"
                           r"under|on|using|of) (?P<subject>(?:the |a |an )?[^,;?]{2,60}?)\s?[?.!]?$",
                           re.I)
"""A coordinated item that asks the item before it again of another subject ("How many bytes
are moved by the all-to-all scheme, and how many by the tree scheme?")."""


_TOTAL_MODIFIER = (r"(?:in total|altogether|in all|overall|combined|all together|summed over (?:all |every |"
                   r"the )?(?:\w+ ){0,2}?(?:workers|nodes|gpus|ranks|machines|devices|processes)|"
                   r"(?:over|across|by) (?:all|every|the whole|the entire) (?:\w+ ){0,2}?"
                   r"(?:workers?|nodes?|gpus?|ranks?|machines?|devices?|processes|ring|network|"
                   r"cluster|system)(?: (?:together|combined|summed))?)")
_TOTAL_ELLIPSIS = re.compile(rf"^(?:and |or |but )?how (?:many|much)(?: (?:\w+ )?(?:are|is) (?:there|sent|"
                             rf"needed))? {_TOTAL_MODIFIER}\s?[?.!]?$", re.I)
"""An elliptic request for the total of the count just asked ("How many messages are sent in
the reduce-scatter phase, how many in the all-gather phase, and how many in total?")."""
_COUNT = re.compile(r"\bhow many (?P<noun>[a-z]{3,})\b(?P<verb>(?: (?:are|is|get|do|does|will|would|"
                    r"must|have to|has to|need to be|needs to be|go|travel|cross)){0,2}"
                    r"(?: (?:sent|received|exchanged|communicated|transferred|moved|needed|used|"
                    r"performed|send|receive|exchange|communicate|transfer|move))?)", re.I)
_COUNT_TOTAL = re.compile(rf"\bhow many (?P<noun>[a-z]{{3,}}) (?P<verb>(?:are|is|get|will be|would be) "
                          rf"(?:sent|received|exchanged|communicated|transferred|moved))\b[^?.;]{{0,60}}?"
                          rf"\b{_TOTAL_MODIFIER}", re.I)
"""A count asked summed over every node ("How many entries are sent over the whole ring,
summed over all workers?"): the total of that count."""


def _total_of(noun: str, verb: str) -> str | None:
    """The one catalogue quantity that is the total number of ``noun`` (``verb``: sent,
    received, ...), or None."""
    done = re.search(r"(sent|received|exchanged|communicated|transferred|moved|needed|used|"
                     r"performed)$", verb.strip(), re.I)
    past = done.group(1) if done else "sent"
    for probe in (f"what is the total number of {noun} {past}", f"how many {noun} are {past} in total"):
        keys = list(dict.fromkeys(m.entry.key for m in QUANTITIES.mentions(probe)
                                  if m.entry.value_kind != "yes-no"))
        if len(keys) == 1:
            return keys[0]
    return None


_BARE_COUNT = re.compile(r"^(?:and |or |but |also )?how (?:many|much) (?P<noun>[a-z]{3,})\s?[?.!]?$", re.I)
"""A count with its noun only, continuing the question before it ("How many messages does each
GPU send, and how many bytes?")."""
_COUNT_ASKED = re.compile(r"\bhow (?:many|much) [a-z]{3,} (?P<aux>does|do|did|will|would|can|must) "
                          r"(?P<subject>(?:[\w-]+ ){0,3}?[\w-]+) (?P<verb>send|receive|transmit|get|"
                          r"need|take|move|exchange|communicate|use|perform|store|hold)s?\b", re.I)


def _count_continued(item: str, sentence: str) -> str | None:
    """The one quantity a bare count (:data:`_BARE_COUNT`) asks, read with the subject and verb
    of the count asked just before it in the sentence; None when not one."""
    bare = _BARE_COUNT.match(item.strip())
    at = sentence.find(item)
    before = list(_COUNT_ASKED.finditer(sentence, 0, max(at, 0))) if bare else []
    if not before:
        return None
    m = before[-1]
    probe = f"how many {bare.group('noun')} {m.group('aux')} {m.group('subject')} {m.group('verb')}"
    keys = list(dict.fromkeys(q.entry.key for q in QUANTITIES.mentions(probe)
                              if q.entry.value_kind != "yes-no"))
    return keys[0] if len(keys) == 1 else None


def _totals(request: Request) -> Request:
    """A count asked in total ("how many in total?" after a count, a count "summed over all
    workers") as the catalogue's total of that count, and a bare count continuing the count
    before it ("..., and how many bytes?") as that count of its noun; unchanged when none
    names one."""
    s, asks, unplaced = request.sentence, list(request.asks), []
    for item in request.unplaced:
        key = _count_continued(item, s)
        if key is None and _TOTAL_ELLIPSIS.match(item.strip()):
            at = s.find(item)
            count = _COUNT.search(s, 0, max(at, 0))
            key = _total_of(count.group("noun"), count.group("verb")) if count else None
        if key is None:
            unplaced.append(item)
            continue
        at = s.find(item)
        asks.append(Ask(key, item, request.start + max(at, 0), request.start + max(at, 0) + len(item)))
    if not request.asks:
        m = _COUNT_TOTAL.search(s)
        key = _total_of(m.group("noun"), m.group("verb")) if m else None
        if key:
            asks.append(Ask(key, m.group(0), request.start + m.start(), request.start + m.end()))
    if len(asks) == len(request.asks):
        return request
    asks.sort(key=lambda a: a.start)
    return Request(s, request.start, tuple(asks), request.proof, tuple(unplaced))


def _split_elliptic(request: Request) -> list[Request]:
    """The request, and each of its elliptic unplaced items (:data:`ELLIPTIC_ITEM`) as an
    ask-less request of its own: the accounting asks the family whether the part answers the
    request's asks for that subject too (its ``subject`` hook), else refuses it, naming it."""
    request = _totals(request)
    items = [u for u in request.unplaced if request.asks and ELLIPTIC_ITEM.match(u.strip())
             and not _RELATIVE_ASK.search(u)]   # "and what fraction of η is that?": asked anew
    if not items:
        return [request]
    out = [Request(request.sentence, request.start, request.asks, request.proof,
                   tuple(u for u in request.unplaced if u not in items))]
    for item in items:
        at = request.sentence.find(item)
        out.append(Request(item.strip(), request.start + max(at, 0), (), False))
    return out


_TWO_SUBJECTS = re.compile(r"\b(?:for|with|using|of) (?P<a>[^,;?=≤<>]{1,40}?),? (?:and|as well as|&) "
                           r"(?:also |again )?(?:for|with|using|of) (?P<b>[^,;?.]{1,40}?)\s?[?.!]?$", re.I)
"""A request asked of two methods at its end ("Smallest t with ρ^t ≤ 10^-4, for GD and for the
heavy-ball method."): the request, then the same request of the second method."""


def _two_subjects(request: Request) -> list[Request]:
    """The request, and (when it ends "for <method A> and for <method B>", two different
    optimizers the catalogue names) an ask-less request for the second method: the
    accounting accepts it when the part's reading names both methods (or the family's
    ``subject`` hook says the part answers the second too), else refuses it, naming it; never
    answered for one method only."""
    from optiproof.catalogue import KINDS

    m = _TWO_SUBJECTS.search(request.sentence) if request.asks else None
    if m is None:
        return [request]
    a = KINDS["optimizer"].mentions(m.group("a"))
    b = KINDS["optimizer"].mentions(m.group("b"))
    if len(a) != 1 or len(b) != 1 or a[0].entry.key == b[0].entry.key:
        return [request]
    lo = m.start()   # "for GD and for the heavy-ball method"
    item = request.sentence[lo:].strip()
    return [request, Request(item, request.start + lo, (), False)]


_THEIR_VALUES = re.compile(r"\bwhat (?:values?|numbers?) (?:do|does|would|will|should) (?:they|these|"
                           r"those|both|the two) (?:take|have|get|be|come out as)\b|\bwhat are (?:they|"
                           r"these|their values)\b", re.I)
"""'what values do they take' after 'if I tune a and b optimally': the tuning the catalogue
reads as the optimal pair is what is asked."""


def _optimal_of(noun: str) -> list[str]:
    """The quantity "the optimal <noun>" names: the one so named ("optimal momentum"), else the
    one the catalogue's phrases find."""
    probe = "optimal " + noun.lower()
    named = [e.key for e in QUANTITIES if e.name.lower() == probe or
             probe in (x.lower() for x in e.aliases)]
    if named:
        return named
    return list(dict.fromkeys(m.entry.key for m in QUANTITIES.mentions("what is the " + probe)))


def _tuned_symbols(request: Request) -> Request:
    """"If I tune the step size α and momentum β optimally, what α, β should I use?": each symbol
    asked is the optimal value of what the sentence names it ("step size α" -> the optimal step
    size); a symbol no noun names is asked bare (the family's reader resolves it)."""
    s = request.sentence
    their = _THEIR_VALUES.search(s)
    if their and _TUNED.search(s) and any(
            a.quantity and _TUNED.search(a.phrase) for a in request.asks):
        lo, hi = request.start + their.start(), request.start + their.end()
        return Request(s, request.start, tuple(a for a in request.asks if not (
            a.quantity is None and lo <= a.start < hi)), request.proof, request.unplaced)
    m = _WHAT_SYMBOLS.search(s)
    if m is None or not _TUNED.search(s):
        return request
    spans = [(m.start(1), m.end(1))] + [
        (m.start(2) + x.start(1), m.start(2) + x.end(1))
        for x in re.finditer(rf"({_SYMBOL})", m.group(2)) if not re.fullmatch(r"and", x.group(1))]
    asks = list(request.asks)
    for lo, hi in spans:
        sym = s[lo:hi]
        if any(a.start <= request.start + lo < a.end and a.quantity for a in asks):
            continue
        asks = [a for a in asks if not a.start <= request.start + lo < a.end]
        named = re.search(rf"((?:[a-z-]+ ){{0,2}}[a-z-]+) {re.escape(sym)}(?![\w])", s[:m.start()])
        words = named.group(1).split() if named else []
        while words and words[0] in ("the", "a", "an", "and", "or", "of", "with", "its"):
            words = words[1:]
        keys = _optimal_of(" ".join(words)) if words else []
        asks.append(Ask(keys[0] if len(keys) == 1 else None, sym, request.start + lo,
                        request.start + hi))
    asks.sort(key=lambda a: a.start)
    return Request(s, request.start, tuple(asks), request.proof, request.unplaced)


def _which_one(request: Request, flat: str) -> Request:
    """A request "Which one?" (or "... some classic algorithm - which one?") asks for what the
    noun before it names ("a well-known optimizer. Which one?" asks which optimizer): its asks
    are those of "which <noun>", with "which one" as their phrase. Unchanged when there is no
    such noun in the request or the sentence before it."""
    m = _WHICH_ONE.search(request.sentence)
    if m is None:
        return request
    before = flat[max(0, request.start - 240):request.start + m.start()]
    cut = max(before.rfind(". ", 0, max(0, len(before) - (m.start() + 1))), 0)
    nouns = list(_ANTECEDENT.finditer(before, cut))
    if nouns:
        probe = f"which {nouns[-1].group(0).removesuffix('s')}"   # "... the ℓp norms. Which one?"
    else:   # "… either sign descent or plain GD. Which is it?": the kind of the alternatives
        from optiproof.catalogue import KINDS

        named = [k for k in ("optimizer", "scheme", "norm") if KINDS[k].mentions(before[cut:])]
        if len(named) != 1 or not re.fullmatch(r"(?:so |but )?which(?: one)?(?: is it)?\s?\??",
                                               request.sentence.strip(), re.I):
            return request
        probe = f"which {named[0]}"
    start = request.start + m.start()
    asks = tuple(Ask(x.entry.key, m.group(0), start, request.start + m.end())
                 for x in QUANTITIES.mentions(probe))
    if not asks:
        return request
    unplaced = _unplaced_items(request.sentence, [(m.start(), m.end())])  # "Which one, and what
    rest = _ASKED_AFTER.match(request.sentence, m.end())                  # is its value?" asks
    if rest and not any(rest.group(1).strip() in u or u in rest.group(1) for u in unplaced):
        unplaced += (rest.group(1).strip(),)
    return Request(request.sentence, request.start, asks, request.proof,
                   request.unplaced + tuple(u for u in unplaced if u not in request.unplaced))


_ASKED_AFTER = re.compile(r"\s*[,;:-]?\s*(?:and |but |also |then )*((?:what|how|which|give|find|compute|"
                          r"state|report|determine)\b.*)$", re.I | re.S)
"""A question coordinated after "which one" ("which one, and how large is it there?"): asked,
so reported when nothing places it."""


_PRONOUN_REQUEST = re.compile(
    r"^(?:(?:and|then|also|please|now|so),? )*(?:(?:compute|give|find|state|report|evaluate|"
    r"determine|calculate|derive|obtain|write(?: down)?|what(?:'s| is| are)|how (?:big|large) "
    r"is)(?: me| us)? (?:it|them|this|these|that|those|(?:its|their) (?:exact |numerical )?"
    r"values?|(?:the|that|this) (?:resulting )?(?:value|number|vector|point|matrix)))(?: (?:"
    r"explicitly|exactly|numerically|too|as well|in closed form))?\s?[.?!]*$", re.I)
"""A request whose object is a pronoun ("Compute it.", "Give it.", "what is its value?"): it
asks for what the sentence before names."""
_YES_NO_SUBJECT = re.compile(r"^(?:does|do|did|will|would|is|are|can)\s+(.{3,60}?)\s+(?:change|"
                             r"differ|move|stay|remain|converge|depend)\w*\b", re.I)


def _resolve_pronouns(requests: list[Request], pieces: list[tuple[int, str]]) -> list[Request]:
    """Each ask-less pronoun request takes the asks of what the sentence before it names: the
    quantities it mentions (for a yes/no question, "Does the limit change? Give it.", the
    quantity it is about) or, failing those, its last symbol ("... converges to some w_∞.
    Compute it.", resolved by the family). When the sentence before names nothing, the pronoun
    request is kept as it is (and refused, naming it)."""
    out = []
    for r in requests:
        if r.asks or not _PRONOUN_REQUEST.match(r.sentence.strip()):
            out.append(r)
            continue
        before = [sentence for start, sentence in pieces if start < r.start]
        asks = _antecedent_asks(before[-1], r) if before else ()
        if re.search(r"\bhow (?:big|large)\b", r.sentence, re.I) and any(
                a.quantity is None or QUANTITIES[a.quantity].value_kind != "scalar" for a in asks):
            asks = ()   # "How big is it?" of a vector asks its size, not the vector: refused
        out.append(Request(r.sentence, r.start, asks, r.proof, r.unplaced) if asks else r)
    return out


_INTRODUCED = re.compile(rf"\b(?:some|a|the|call(?:ed)?|denoted(?: by)?|named)(?: (?:point|vector|"
                         rf"limit|value|matrix|number))? ({_SYMBOL})(?=[\s,.;:?)]|$)(?! ?=)")
"""A symbol the sentence introduces ("converges to some w_∞", "a point we call p"), which a
pronoun after it refers to."""


def _antecedent_asks(sentence: str, pronoun: Request) -> tuple[Ask, ...]:
    """What ``sentence`` names that the ``pronoun`` request after it asks for (see above),
    as asks spanning the pronoun request."""
    span = (pronoun.start, pronoun.start + len(pronoun.sentence))
    keys = []
    for m in QUANTITIES.mentions(sentence):
        if m.entry.value_kind == "yes-no":
            subject = _YES_NO_SUBJECT.match(m.phrase)
            keys += [x.entry.key for x in QUANTITIES.mentions(subject.group(1))] if subject else []
        else:
            keys.append(m.entry.key)
    if keys:
        return tuple(Ask(k, pronoun.sentence, *span) for k in dict.fromkeys(keys))
    introduced = [m.group(1) for m in _INTRODUCED.finditer(sentence)
                  if not re.fullmatch(r"[A-Za-z]{3,}|we|an|it|at|to|of|no|on|or|us|my|me|be|by|"
                                      r"do|if|in|is|so|up|i|a", m.group(1), re.I)]
    return (Ask(None, introduced[-1], *span),) if introduced else ()


MAX_SENTENCE = 800
"""Longest stretch of one sentence searched for asks (a longer 'sentence' is not prose; what
is beyond this is not read as asking anything, and an ask-less request is refused)."""


_WORD = re.compile(r"[A-Za-z]{3,}[.,;:?!)]*|a|I|[A-Za-z]{2}(?=[,.;:?!]?$)")


def _asks_around_formulas(sentence: str, start: int) -> list[Ask]:
    """The catalogue's asks of a request read with each inline formula (a run of three or more
    symbol tokens holding '=', '←' or '∇': "θ_{t+1} = θ_t − γP∇f(θ_t)", "P = diag(1, 1, 4)")
    taken as one word: "Where does preconditioned GD θ_{t+1} = … with the fixed matrix P = …
    converge?" asks where it converges, as "Where does preconditioned GD X with the fixed
    matrix X converge?" does. Each ask keeps its span in the sentence as written."""
    tokens = list(re.finditer(r"\S+", sentence))
    runs, i = [], 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and not _WORD.fullmatch(tokens[j].group(0)):
            j += 1
        if j - i >= 3 and re.search(r"[=←∇]", sentence[tokens[i].start():tokens[j - 1].end()]):
            runs.append((tokens[i].start(), tokens[j - 1].end()))
        i = max(j, i + 1)
    if not runs:
        return []
    view, where, cursor = "", [], 0
    for lo, hi in runs:
        view += sentence[cursor:lo]
        where += list(range(cursor, lo))
        view += "X"
        where.append(lo)
        cursor = hi
    view += sentence[cursor:]
    where += list(range(cursor, len(sentence)))
    out = []
    for m in QUANTITIES.mentions(view):
        lo, hi = where[m.start], where[m.end - 1] + 1
        if view[m.start:m.end].strip() == "X":
            continue
        out.append(Ask(m.entry.key, sentence[lo:hi], start + lo, start + hi))
    return out


FORMULA_ITEM = re.compile(
    r"(?:^|[,;:(] ?|(?i:\b(?:and|give|find|compute|report|state|evaluate|value|values|number|"
    r"scalar|quantity|is|are|"
    r"what's|whats|calculate|determine|also|plus|then)) )"
    r"(?P<f>(?:⟨[^⟩]{1,40}⟩|\\langle\b.{1,60}?\\rangle|<[^<>]{1,30}>|"
    r"(?:tr|trace|\\operatorname\{tr\}) ?\([^()]{1,60}\)|"
    r"(?:[gG]|∇ ?[fLJ](?: ?\([^()]{1,8}\))?) ?(?:\^ ?T|ᵀ|\^ ?⊤|\^ ?\\top|\^\{\\top\}|\^\{T\}) ?"
    r"[^\s,.;?()]{1,10})"
    r"(?: ?[+−-] ?(?:[^,;?()]|\([^(),;?]{0,20}\)){1,60}?)?)"
    r"(?= ?(?:[,;?)]|\.(?!\d)|\band\b|$))")
"""A formula written as an item of a request: after a list separator, a request verb or "the
value", and ending the item ("Give d* and gᵀd*.", "the value ⟨G, Δ*⟩.", "report gᵀd* +
(1/α)‖d*‖²"). A formula inside a minimisation ("solve min gᵀd + …") starts no item. (A norm
alone, "‖G‖_op", is read by the catalogue's norm phrases.)"""


def formula_items(sentence: str) -> list[tuple[int, int, str]]:
    """The formula items of a request: (start, end, text)."""
    return [(m.start("f"), m.end("f"), m.group("f")) for m in FORMULA_ITEM.finditer(sentence)]


_STEPS_TAKEN = r"(?:\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten)"
_ITERATES_AFTER = re.compile(rf"(?<![\w])(?:the )?iterates?(?: (?:θ|theta|w|x))? (?:after|once we have "
                             rf"taken) (?:the first )?{_STEPS_TAKEN}(?:(?: ?,| and|, and| &) {_STEPS_TAKEN}){{0,5}}"
                             rf" (?:(?:gradient|GD|update) )?(?:steps?|iterations?|updates?)\b", re.I)
"""Iterates named by the number of steps taken ("give the iterates after 1, 2 and 3 steps", "the
iterates w after two iterations"): one ask, the family's reader says which iterates."""
_SETTING_LEAD = re.compile(
    r"^(?:[-*•] ?)?(?:\(?[a-z0-9]{1,4}[.):] ?)?(?:(?:now|then|next|again|and|but),? )*(?:start(?:ing|ed)?|"
    r"begin(?:ning)?|initiali[sz](?:ing|ed)|init(?:ialised|ialized)?|with|using|from|given|assuming|"
    r"taking|under|running|run)\b[^?;:]{1,120}?, (?=(?:what|which|where|how|does|do|did|is|are|will|"
    r"would|can|could|find|compute|give|determine|state|report|derive|show)\b)", re.I)
"""The leading setting of a question ('Starting from w_0 = 0 and a small enough step, what
vector does GD converge to?', 'With lr = 0.1 and batch size 1, where does it end up?', 'Using a
tiny step and θ_0 = 0, find ...'): every item in it states the run, none is asked."""
_STATED_SETTING = re.compile(
    r"=\s?[-−(\[]?[\d.]|\b(?:small|tiny|sufficiently small|small enough|little)\b|"
    r"\b(?:zero|zeros|origin)\b|(?:^|\s)(?:at|from) 0\b|\b(?:θ|w|x|β)_?\{?0\}?\b", re.I)
"""What a leading setting may state without being placed: a value ('lr = 0.1'), the start
('from w_0 = 0', 'at the origin'), a small step assumed ('a small enough step')."""
_SETTING_THEN_QUESTION = re.compile(r"[,:] (?=(?:does|do|will|would|is|are|can|could|what|which|"
                                    r"how)\b)", re.I)
"""The question after a leading setting ("with lr = 0.5 exactly, from (0,0), does it converge?",
"and the weird one: with α = 1, is it stable?"): read as a question of its own, as if it began
the sentence, when the whole sentence names nothing asked."""


def _request(start: int, sentence: str, lead_ok: bool = True) -> Request:
    """The request ``sentence`` (at ``start``) with its asks; asks inside parentheses are
    clarifications and dropped when the sentence asks something outside them."""
    sentence = sentence[:MAX_SENTENCE]
    asks = [Ask(m.entry.key, m.phrase, start + m.start, start + m.end)
            for m in QUANTITIES.mentions(sentence)]
    for lead in ([] if asks else list(_SETTING_THEN_QUESTION.finditer(sentence))[-1:]):
        tail = sentence[lead.end():]   # "with lr = 0.5 exactly, from (0,0), does it converge?"
        asks = [Ask(m.entry.key, m.phrase, start + lead.end() + m.start,
                    start + lead.end() + m.end) for m in QUANTITIES.mentions(tail)]
    if not asks:
        asks = _asks_around_formulas(sentence, start)
    named = [(a.start, a.end) for a in asks if a.quantity != "primary"]
    for lo, hi, text in formula_items(sentence):   # "give d* and gᵀd*": the formula is asked
        lo, hi = start + lo, start + hi
        if not any(s < hi and lo < e or 0 <= lo - e <= 2 and "," not in sentence[e - start:lo - start]
                   for s, e in named):
            asks.append(Ask(None, text, lo, hi))   # (right after a named ask it names that)
            named.append((lo, hi))
    for m in _ITERATES_AFTER.finditer(sentence):   # "give the iterates after 1, 2 and 3 steps"
        lo, hi = start + m.start(), start + m.end()
        if not any(s < hi and lo < e for s, e in named):
            asks.append(Ask(None, m.group(0), lo, hi))
            named.append((lo, hi))
    for m in _DIFFERENCE.finditer(sentence):
        lo, hi = start + m.start(), start + m.end()
        if not any(s < hi and lo < e for s, e in named):
            asks.append(Ask(None, m.group(0), lo, hi))
            named.append((lo, hi))
    asks += [a for a in _symbol_asks(sentence, start, named)
             if not any(0 <= a.start - e <= 2 and "," not in sentence[e - start:a.start - start]
                        for _, e in named)  # "the optimal step α*" names it; "the step, ρ" lists
             and not any(0 <= s - a.end <= 2 and re.match(r"(?:at|for|above|below|beyond|under) "
                                                          r"which\b|where\b|such that\b|(?:that|which) "
                                                          r"(?:minimi[sz]es|maximi[sz]es|makes|gives)\b",
                                                          sentence[s - start:], re.I)
                         for s, _ in named)  # "the value p* at which T_ring = T_tree" names it,
    # as "the step h* that minimizes the factor" does
             and not any(re.fullmatch(r" ?, (?:the |i\.e\. (?:the )?)?| \((?:the |i\.e\. )?",
                                      sentence[a.end - start:s - start]) and
                         not re.search(r",|\band\b", sentence[e - start:]) and
                         not _SWITCHED.match(sentence, e - start)   # "(bias correction on)"
                         for s, e in named)]  # "compute η_max, the largest stable step" too
    asks += _listed_symbols(sentence, start, named + [(x.start, x.end) for x in asks])
    for m in _LISTED_NORM.finditer(sentence):   # "its limit θ̃ and ‖θ̃‖": the norm is asked
        lo, hi = start + m.start(1), start + m.end(1)
        if not any(s < hi and lo < e for s, e in named + [(x.start, x.end) for x in asks]):
            asks.append(Ask("norm-value", m.group(1), lo, hi))
    for m in [*_EQUALS_QUESTION.finditer(sentence), *_LONE_SYMBOL_QUESTION.finditer(sentence)]:
        # "w_1 = ?", "κ(H) =?", "…: u ?": the symbol asked
        lo, hi = start + m.start(1), start + m.end(1)
        if not _ENGLISH.search(m.group(1).split("_")[0].split("^")[0].split("(")[0]) and \
                not any(s < hi and lo < e for s, e in named + [(x.start, x.end) for x in asks]):
            asks.append(Ask(None, m.group(1), lo, hi))
    listed = _SYMBOL_LIST_QUESTION.search(sentence)
    for m in re.finditer(rf"(?<![\w])(?!and\b){_ONE_LETTER}(?![\w])", listed.group("list")) \
            if listed else ():
        lo, hi = start + listed.start("list") + m.start(), start + listed.start("list") + m.end()
        if not any(s < hi and lo < e for s, e in named + [(x.start, x.end) for x in asks]):
            asks.append(Ask(None, m.group(0).strip(), lo, hi))    # "μ, L, κ?": each one asked
    lead = _LEADING_SYMBOLS.match(sentence)
    if lead is not None and any(a.quantity and a.start - start - lead.end() in range(0, 5)
                                for a in asks):   # "μ, L and the condition number": each asked
        for m in re.finditer(_ONE_LETTER, lead.group("list")):
            lo, hi = start + lead.start("list") + m.start(), start + lead.start("list") + m.end()
            if not any(s < hi and lo < e for s, e in named + [(x.start, x.end) for x in asks]):
                asks.append(Ask(None, m.group(0).strip(), lo, hi))
    bare = _bare_list(sentence)
    if bare is not None:    # "mhat_2 and vhat_2, and w_2.": every symbol of the list is asked
        lead = len(sentence) - len(sentence.lstrip())
        lo = lead + bare.start("list")
        for m in re.finditer(_SYMBOL, bare.group("list")):
            a, b = start + lo + m.start(), start + lo + m.end()
            if m.group(0) and m.group(0) not in ("and", "also") and \
                    not any(s < b and a < e for s, e in named + [(x.start, x.end) for x in asks]):
                asks.append(Ask(None, m.group(0), a, b))
    asks = _generic_named(sentence, start, asks)
    asks += _item_symbols(sentence, start, asks)
    asks = [a for a in asks if not (a.quantity is None and any(
        b is not a and b.quantity is None and _DIFFERENCE.fullmatch(b.phrase) and
        re.fullmatch(r" ?= ?", sentence[a.end - start:b.start - start]) for b in asks))]
    # "Δw_3 = w_3 − w_2": the difference that defines the symbol is the one ask
    defining = [(m.start(), m.end()) for a in asks if a.quantity is None
                for e in (a.end - start,) for m in (_DEFINING.match(sentence, e),) if m]
    asks = [a for a in asks if not (a.quantity and any(lo <= a.start - start < hi
                                                       for lo, hi in defining))]
    asks = [a for a in asks if not _in_formula(sentence, a.start - start, a.phrase)]
    asks = [_more_terms(sentence, start, a) for a in asks]
    qualified = [a for a in asks if _QUALIFIER.search(sentence[max(0, a.start - start - 20):
                                                                 a.start - start])]
    asks = [a for a in asks if a not in qualified]
    asks = [a for a in asks if not _DEFINED_AS.search(sentence[max(0, a.start - start - 70):
                                                                 a.start - start])]
    inside = _parenthesised(sentence)
    glosses = [(s, e) for s, e in inside if _GLOSSED.search(sentence, 0, s)
               and not re.search(r"\?|\b(?:what|which|how|give|find|compute)\b", sentence[s:e], re.I)]
    asks = [a for a in asks if not any(s <= a.start - start < e for s, e in glosses)]
    inside = [(s, e) for s, e in inside  # "(with which learning rate)" asks; "(the step)" glosses
              if not re.search(r"\b(?:which|what|how)\b", sentence[s:e], re.I)
              and not _ANSWER_LIST.fullmatch(sentence[s:e])]   # "(matrix and value)" lists asks
    for s, e in _parenthesised(sentence):   # "solve … (matrix and value)": the value is asked
        if _ANSWER_LIST.fullmatch(sentence[s:e]) and asks:
            for m in _LISTED_VALUE.finditer(sentence, s, e):
                lo, hi = start + m.start(1), start + m.end(1)
                if not any(a.start < hi and lo < a.end for a in asks):
                    asks.append(Ask("min-value", m.group(1), lo, hi))
    outer = [a for a in asks if not any(s <= a.start - start < e for s, e in inside)]
    if outer:
        asks = outer
    lead = _REFERENCE_CLAUSE.match(sentence) if lead_ok else None
    if lead and any(a.start - start >= lead.end() for a in asks):
        asks = [a for a in asks if a.start - start >= lead.end()]   # context, not asked
    asks += _optimizer_beside_step(sentence, start, asks)
    asks += _value_beside_step(sentence, start, asks)
    asks += _distributed_modifier(sentence, start, asks)
    asks.sort(key=lambda a: a.start)
    setting = _SETTING_LEAD.match(sentence) if not lead else None
    if setting and (re.search(r"\b(?:what|which|how)\b", setting.group(0), re.I) or
                    any(a.start - start < setting.end() for a in asks) or
                    not all(_STATED_SETTING.search(item) for item in
                            re.split(r",| and ", setting.group(0)) if item.strip())):
        setting = None   # 'For which steps, ...' asks; an ask inside it is no setting; 'with
        # the best step' names a value the reading must place, so it stays a request item
    unplaced = _unplaced_items(sentence, [(a.start - start, a.end - start) for a in asks],
                               lead.end() if lead and asks else
                               setting.end() if setting else 0) if asks else ()
    unplaced += tuple(a.phrase for a in qualified if a.quantity and  # "with its ℓ2 norm" asks;
                      QUANTITIES[a.quantity].value_kind in ("scalar", "vector", "matrix") and
                      not re.search(r"\b(?:on|off|enabled|disabled|included|excluded)\b", a.phrase)
                      and not re.match(r"\s*(?:\(?\w{1,4}[.)] ?)?with\b", sentence, re.I))
    # "with the usual bias correction" (a convention, no value) sets
    unplaced += _modified_asks(sentence, start, asks)
    unplaced += _phase_scopes(sentence, start, asks, unplaced)
    unplaced += _inner_questions(sentence, start, asks, unplaced)
    unplaced += _compared_with(sentence, start, asks, unplaced)
    if asks and _YES_NO.match(sentence) and not any(
            a.quantity and QUANTITIES[a.quantity].value_kind in ("yes-no", "name") for a in asks):
        unplaced += (_yes_no_clause(sentence),)
    return Request(sentence, start, tuple(asks), bool(_PROOF.search(sentence)), unplaced)


_BARE_OPTIMIZER = re.compile(r"(?:,|\band)(?: also)? (?P<o>the (?:resulting |corresponding |associated "
                             r"|underlying )?optimi[sz]er)(?= ?[.?!;]?\s*$| ?,| and\b)", re.I)
_STEP_SYMBOL = re.compile(r"(?:d|u|s|Δ|δ|Δθ|ΔW|Δw|delta)(?:\^?\*|⋆|\^⋆)?")


_BARE_VALUE = re.compile(r"(?:,|\band)(?: also)? (?P<v>the (?:resulting |corresponding |attained |"
                         r"achieved )?value)(?= ?[.?!;]?\s*$| ?,| and\b)", re.I)


def _value_beside_step(sentence: str, start: int, asks: list[Ask]) -> list[Ask]:
    """"Give d and the value": a bare "the value" listed after an asked minimising step is the
    value the minimisation attains (the catalogue's minimum value); alone, or after anything
    else, it names nothing and stays unplaced."""
    out = []
    for m in _BARE_VALUE.finditer(sentence):
        lo, hi = start + m.start("v"), start + m.end("v")
        if any(a.start < hi and lo < a.end for a in asks):
            continue
        if any(a.end <= lo and (a.quantity == QUANTITIES["update"].key or (
                a.quantity is None and _STEP_SYMBOL.fullmatch(a.phrase))) for a in asks):
            out.append(Ask(QUANTITIES["min-value"].key, m.group("v"), lo, hi))
    return out


_MODIFIER = re.compile(r"^(?:optimal|best|tuned|optimally tuned)\b", re.I)
_COORDINATED_NOUN = re.compile(rf"(?: ?{_SYMBOL})?(?: ?\([^()]{{1,40}}\))?(?: (?:for|of|in) [^,;?=]{{1,30}}?)?"
                               rf",? (?:and|&) (?:the |its )?"
                               r"(?P<noun>(?:[a-z][a-z-]{2,20} ){0,2}?[a-z][a-z-]{2,20})"
                               rf"(?: {_SYMBOL})?(?=\s*[.?;!,]|\s*$| (?:of|for|in)\b)", re.I)


def _distributed_modifier(sentence: str, start: int, asks: list[Ask]) -> list[Ask]:
    """A noun coordinated after an ask whose phrase opens with a modifier ("the optimal step η
    and momentum β") is asked with that modifier ("optimal momentum"): an ask for the quantity
    the modified noun names, when the catalogue knows it."""
    out = []
    for a in asks:
        modifier = _MODIFIER.match(a.phrase)
        m = _COORDINATED_NOUN.match(sentence, a.end - start) if modifier else None
        if m is None or any(m.start("noun") <= b.start - start < m.end() for b in asks):
            continue
        probe = f"{modifier.group(0)} {m.group('noun')}"
        found = [x for x in QUANTITIES.mentions(probe) if x.start == 0 and x.end > len(modifier.group(0)) + 1]
        if found:
            # of the entries the modified noun names ('optimal momentum': the optimal tuning,
            # or the optimal momentum), the one whose own label is the noun
            labelled = [e for e in QUANTITIES.entries
                        if any(re.fullmatch(str(getattr(lab, "pattern", lab)), probe, re.I)
                               for lab in getattr(e, "labels", ()) or ())
                        and any(p.match(probe) and p.match(probe).end() == len(probe)
                                for p in e.patterns())]
            key = labelled[0].key if len(labelled) == 1 else found[0].entry.key
            out.append(Ask(key, m.group("noun"), start + m.start("noun"), start + m.end("noun")))
    return out


def _optimizer_beside_step(sentence: str, start: int, asks: list[Ask]) -> list[Ask]:
    """"Give d, the optimal value and the optimizer": a bare "the optimizer" listed after an asked
    step is the name of the method (the identification), not the minimiser a second time. Alone
    ("give the optimizer and the optimal value") it may mean either and stays unplaced."""
    if any(a.quantity == QUANTITIES["identification"].key for a in asks):
        return []
    out = []
    for m in _BARE_OPTIMIZER.finditer(sentence):
        lo, hi = start + m.start("o"), start + m.end("o")
        if any(a.start < hi and lo < a.end for a in asks):
            continue
        if any(a.end <= lo and (a.quantity == QUANTITIES["update"].key or (
                a.quantity is None and _STEP_SYMBOL.fullmatch(a.phrase))) for a in asks):
            out.append(Ask(QUANTITIES["identification"].key, m.group("o"), lo, hi))
    return out


_SWITCHED = re.compile(r" ?(?:is |was )?(?:on|off|enabled|disabled|switched (?:on|off)|turned (?:on|off)|"
                       r"included|excluded)\)", re.I)
"""A parenthesis that switches something ('θ_1 (bias correction on)'): a setting, not a gloss
naming the symbol."""
_EQUALS_QUESTION = re.compile(rf"(?<![\w^_])({_SYMBOL}) ?= ?\?")
"""A symbol equated to a question mark ("w_1 = ?", "κ(H) = ?"): the symbol is asked."""
_LONE_SYMBOL_QUESTION = re.compile(rf"(?:^|[:;] ?)({_SYMBOL})(?: ?\^? ?[*⋆])? ?\?\s*$")
_ONE_LETTER = r"(?:[A-Za-zα-ωΑ-Ω](?:_\{?[A-Za-z0-9]{1,3}\}?)?(?: ?\^? ?[*⋆])?)"
_SYMBOL_LIST_QUESTION = re.compile(rf"(?:^|[:;] ?)(?P<list>{_ONE_LETTER}(?: ?,(?: and)? ?{_ONE_LETTER}|"
                                   rf" and {_ONE_LETTER}){{1,7}}) ?\?\s*$")
"""A list of one-letter symbols with a question mark, as the whole request or after a colon
("μ, L, κ?"): each symbol is asked."""
_LEADING_SYMBOLS = re.compile(rf"^(?:[-*•] ?)?(?:(?:give|find|state|compute|report|determine) )?"
                              rf"(?P<list>{_ONE_LETTER}(?: ?, ?{_ONE_LETTER}){{0,6}}),?(?: and|,) "
                              rf"(?=(?:the |its )?[a-z])", re.I)
"""One-letter symbols that open a request before a named ask ("μ, L and the condition number κ
of f."): each symbol is asked beside it."""
"""A symbol alone with a question mark after a colon, or as the whole request ("Now use the
squared penalty: u ?", "d*?"): the symbol is asked (a copy that lost its '= ?')."""
_INNER_WH = re.compile(r"\b(?:which|what|how (?:many|much|long|large|big))\b[^()?]{1,80}\?", re.I)
_INNER_REQUEST = re.compile(r"\(? ?(?:and|also|plus)(?: also)? (?:say|state|give|explain|tell(?: us)?|"
                            r"identify|name|write(?: down)?|report|find|compute)\b[^()]{1,100}", re.I)
"""A request a parenthesis adds ("Name it (and say what plays the role of the matrix …)")."""


_COMPARE_IMPERATIVE = re.compile(
    r"^(?:[-*•] ?)?(?:\(?\w{1,4}[.)] ?)?(?:(?:now|then|also|and|finally|next),? )?compare "
    r"(?P<x>[^.?;:]{2,80}?) (?:with|to|against) (?P<y>[^.?;]{2,140})", re.I)
"""'Compare the optimal value with the one you get for the Euclidean constraint': an imperative
comparison whose first term is asked."""


def _compared_with(sentence: str, start: int, asks: list[Ask], unplaced: tuple[str, ...]
                   ) -> tuple[str, ...]:
    """What an imperative 'Compare X with Y' compares X with, when X is asked and Y holds no
    ask: Y is a second problem or value to work out too (the same quantity under another norm,
    step or scheme), so it stays unplaced (refused, naming it) unless the family or a derived
    comparison places it, never dropped."""
    m = _COMPARE_IMPERATIVE.match(sentence)
    if m is None or not asks:
        return ()
    x_lo, x_hi = m.span("x")
    y_lo = m.start("y")
    if not any(x_lo <= a.start - start < x_hi for a in asks) or \
            any(a.start - start >= y_lo for a in asks):
        return ()
    y = m.group("y").strip()
    return () if any(y in u or u in y for u in unplaced) else (y,)


def _inner_questions(sentence: str, start: int, asks: list[Ask], unplaced: tuple[str, ...]
                     ) -> tuple[str, ...]:
    """A question asked inside a parenthesis of a request ("is this some optimizer we know
    (my guess is preconditioned GD but with which preconditioner?)") that holds no ask: it
    asks something too, so it stays unplaced (refused, naming it) unless the family places it."""
    if not asks:
        return ()
    out = []
    for lo, hi in _parenthesised(sentence):
        m = _INNER_WH.search(sentence, lo, hi) or _INNER_REQUEST.match(sentence, lo, hi)
        if m is None or any(lo <= a.start - start < hi for a in asks) or \
                any(m.group(0) in u for u in unplaced):
            continue
        out.append(m.group(0).lstrip("( ").rstrip(" ?"))
    return tuple(out)


_PHASE = re.compile(r"\b(?:in|during|for) (?:the|its|each|one|a) (?:first |second |last |final )?(?:reduce-?"
                    r"scatter|all-?gather|all-?reduce|reduce|broadcast|scatter|gather|up|down)(?:[- ]?"
                    r"(?:sweep|pass))? (?:phase|stage)s?\b", re.I)
"""One phase of a collective (reduce-scatter, all-gather, broadcast): the family's counts are
of the whole collective. (A parameter server's push and pull phases are its directions, sent
and received, which the catalogue names.)"""


def _phase_scopes(sentence: str, start: int, asks: list[Ask], unplaced: tuple[str, ...]
                  ) -> tuple[str, ...]:
    """A count asked of one phase of a scheme ("How many messages are sent in the
    reduce-scatter phase, how many in the all-gather phase?"): a scope no catalogue quantity
    holds, so it stays unplaced (refused, naming it) instead of being answered as the count of
    the whole scheme."""
    out = []
    for m in _PHASE.finditer(sentence):
        lo, hi = start + m.start(), start + m.end()
        if any(a.start < hi and lo < a.end for a in asks) or any(m.group(0) in u for u in unplaced):
            continue
        if asks:
            out.append(m.group(0))
    return tuple(out)


_ITEM_SYMBOL = re.compile(
    r"(?:^|[,;] |\b(?:and|plus|also|as well as) )(?:(?:and|also|then) )?(?:the|its|their) "
    r"(?P<words>(?:(?!(?:for|at|of|with|in|when|if|on|to|from|by|and|or|given|using|via|after|"
    r"before|is|are)\b)[a-z][a-z-]{2,20} ){1,3})"
    rf"(?P<sym>{_INDEXED})(?=[ ,.?;:)]|$){_NOT_SET}")
"""A coordinated item naming a step-indexed symbol by a noun ("…, and the update Δ_2", "and the
iterate θ2", "the bias-corrected moment m̂_3"): the symbol is asked, as after a request verb."""


def _item_symbols(sentence: str, start: int, asks: list[Ask]) -> list[Ask]:
    """The symbols coordinated items name (:data:`_ITEM_SYMBOL`) where no ask covers them: asks
    whose quantity the family's reader resolves (or refuses, naming the symbol). Only in a
    request that asks something already (a list of asks), and never a symbol set to a value."""
    if not asks:
        return []
    out = []
    for m in _ITEM_SYMBOL.finditer(sentence):
        sym = m.group("sym")
        lo, hi = start + m.start("sym"), start + m.end("sym")
        if _ENGLISH.search(sym.split("_")[0].split("^")[0].replace("hat", "")) or _names_method(sym) \
                or "(" in sym or not re.search(r"\d", sym):
            continue   # "and the loss f(θ_2)": a value at a point; "the factor ρ_HB": the noun
            # places it by its role (only a step's index, "Δ_2", is read from the symbol)
        if any(a.start < hi and start + m.start("words") < a.end for a in asks + out):
            continue
        out.append(Ask(None, sym, lo, hi))
    return out


def _generic_named(sentence: str, start: int, asks: list[Ask]) -> list[Ask]:
    """A generic ask that something after it names is that thing: a symbol right after it
    ("the third update Δw_3", "the second update Δ_2 = θ_2 − θ_1": the symbol, or the asked
    formula defining it) or an ask it is "for" or "of" ("What do you get for the first update
    θ₁ − θ₀?": the first step)."""
    out = []
    for a in asks:
        if a.quantity != "primary":
            out.append(a)
            continue
        after = sentence[a.end - start:]
        later = [b for b in asks if b.start >= a.end and b.quantity != "primary"]
        sym = re.match(rf" ?({_SYMBOL})(?=[ ,.?;:)]|$)", after)
        if sym and not _ENGLISH.search(sym.group(1).split("_")[0].split("^")[0]):
            at = a.end + sym.start(1)
            if any(b.start <= at + 40 for b in later):
                continue   # the symbol, or the formula defining it, is asked
            out.append(Ask(None, sym.group(1), at, at + len(sym.group(1))))
            continue
        link = re.match(r"(?: [\w-]+){0,2}? (?:for|of|at|in) (?:the |its |this |that )?", after)
        if link and any(b.start == a.end + link.end() for b in later):
            continue   # "what do you get for the first update": that update
        out.append(a)
    return out


_NEXT_TERM = re.compile(r"\s?[+−-]\s?(?:\(|\d|[λαη½]|\\frac|\|\||‖)[^,;?]{0,40}")


def _more_terms(sentence: str, start: int, ask: Ask) -> Ask:
    """A first-order change written as a formula that goes on with more terms ('the value
    gᵀu* + (λ/2)‖u*‖²') is not gᵀu*: the ask is left for the part to place as the whole
    formula (or refuse naming it), never answered as the first term alone."""
    if ask.quantity != "linear-change":
        return ask
    m = _NEXT_TERM.match(sentence, ask.end - start) or _REDEFINED.match(sentence, ask.end - start) \
        or _NEGATED.match(sentence, ask.end - start)
    if not m or (m.re is _REDEFINED and _LINEAR_WORDS.search(m.group(0))):
        return _named_model_decrease(sentence, start, ask)
    if m.re is _REDEFINED and _WHOLE_MODEL.search(m.group(0)):
        # "the predicted decrease, i.e. how much lower is the model value at u* than at u = 0":
        # the decrease of the whole model, which the definition names
        return Ask("model-decrease", ask.phrase + m.group(0), ask.start, ask.end + len(m.group(0)))
    return Ask(None, ask.phrase + m.group(0), ask.start, ask.end + len(m.group(0)))


_WHOLE_MODEL = re.compile(r"\bhow much (?:lower|smaller|less) is the (?:model|objective)(?: value)? at\b|"
                          r"\bhow much (?:is|does) the (?:model|objective)(?: value)? at \S{1,4} "
                          r"(?:lie |fall |sit )?below\b|\b(?:model|objective)(?: value)? at \S{1,4} "
                          r"(?:is )?below (?:its|the) value at\b", re.I)
"""The decrease of the whole model from u = 0 to u*, said in words ("how much lower is the model
value at u* than at u = 0", "by how much is the objective at u* below its value at u = 0")."""


def _named_model_decrease(sentence: str, start: int, ask: Ask) -> Ask:
    """A 'predicted decrease' in parentheses after the whole model's decrease said in words
    ("By how much is the objective at u* below its value at u = 0 (the predicted decrease)?"):
    the name of that decrease, not the first-order term gᵀu."""
    at = ask.start - start
    if _LINEAR_WORDS.search(ask.phrase) or not re.search(r"\(\s?(?:the |i\.\s?e\.,? |aka )?$",
                                                          sentence[max(0, at - 12):at]):
        return ask
    return Ask("model-decrease", ask.phrase, ask.start, ask.end) \
        if _WHOLE_MODEL.search(sentence[:at]) else ask


_REDEFINED = re.compile(r"\s?,?\s?\(?(?:i\.\s?e\.|that is|namely|meaning)[,:]?\s[^?;]{0,80}?\b(?:model|objective)"
                        r"(?: value)?\b[^?;]{0,60}")
"""'the predicted decrease, i.e. how much lower is the model value at u* than at u = 0': the
quantity defined again by the whole model, not by its first-order term."""
_NEGATED = re.compile(r" ?[:=]? ?\(? ?[−-] ?(?:min\b|min_|max\b|max_|[gG] ?\^ ?(?:T|⊤)|[gG]ᵀ|⟨|<)[^?;,]{0,40}")
"""'the predicted decrease −min_u gᵀu', 'the decrease -g^T u*': the quantity written as the
negative of the linear term, which gᵀu* would answer with the wrong sign."""
_LINEAR_WORDS = re.compile(r"\blinear\b|\bfirst[- ]order\b|g\^?T ?[uΔd]|gᵀ", re.I)


def _in_formula(sentence: str, at: int, phrase: str) -> bool:
    """True when a phrase without words ("x_k − x_{k−1}") is a term of an equation the request
    states ("… in x_{k+1} = x_k − α∇f(x_k) + β(x_k − x_{k−1}) that minimise …"): other terms,
    symbols and operators only (an ASCII 'grad' is ∇), between the equation's '=' and the
    phrase (a phrase right after '=' defines the symbol asked: "the second update Δ_2 = θ_2 −
    θ_1")."""
    if re.search(r"[A-Za-z]{3,}", phrase):
        return False
    before = sentence[max(0, at - 60):at]
    eq = before.rfind("=")
    terms = re.sub(r"\b(?:grad|nabla)(?= ?[A-Za-zθ(])", "∇", before[eq + 1:])   # ASCII ∇
    return eq >= 0 and bool(terms.strip()) and not re.search(r"[A-Za-z]{3,}|[,;:?]", terms)


def _yes_no_clause(sentence: str) -> str:
    """The yes/no clause of a request ("is 0.5 actually the best lr here" of "- is 0.5 actually
    the best lr here, and what's the best rate?"): up to its '?' or to a coordinated
    wh-question after it."""
    end = sentence.find("?") + 1 or len(sentence)
    cut = re.search(r",? (?:and|but|or|;) (?=(?:what|which|how|where|why|give|find|compute)\b)|; ",
                    sentence[:end])
    return sentence[:cut.start()] if cut else sentence[:end]


_IF_SO = re.compile(r"^(?:and )?if (?:so|yes|it does|they do|that is the case)\b", re.I)


def _if_so(request: Request, pieces: list[tuple[int, str]]) -> Request:
    """A yes/no question followed by "If so, how much?" is answered by the amount asked (its
    existence is the yes): the question is not left unplaced."""
    if not request.unplaced or not _YES_NO.match(request.sentence):
        return request
    after = [sentence for start, sentence in pieces if start > request.start]
    if not after or not _IF_SO.match(after[0]):
        return request
    unplaced = tuple(u for u in request.unplaced if not request.sentence.startswith(u))
    return Request(request.sentence, request.start, request.asks, request.proof, unplaced)


_YES_NO = re.compile(_LEAD + r"(?:(?:is|are)\b(?! there\b)(?! (?:it|this|that) (?:a )?"
                     r"coincidence\b)|(?:do|does|did|has|have|will|would|can|could|should)\b"
                     r"(?! (?:you|u|someone|somebody|anyone|anybody)\b))[^?]{0,200}\?", re.I)
"""A yes/no question ("Is w_∞ the minimum-norm solution?", "Do the later updates change?",
"Does the step depend on c?"): when none of its asks is a yes/no quantity, its answer would be a
value where a yes or no was asked, so it stays unplaced. A polite request ("Can you compute
the step?") is not one."""


_OF_MODIFIER = re.compile(
    r"\b(?:(?:squared |euclidean |ℓ_?\w{1,3} |l_?\w{1,3} |max |infinity |1-|2-)?(?:norm|length)|"
    r"distance|sum|product|ratio|difference|average|mean|trace|determinant|rank|inverse|"
    r"transpose|(?:largest|smallest|biggest|first|second|last|maximum|minimum) (?:entry|"
    r"coordinate|component|element)|number of (?:entries|coordinates|components|non-?zeros?)) "
    r"of (?:the |this |that |its |each |every |your )?$", re.I)
"""What a request asks *of* a quantity ("the norm of the limit"): a different question than the
quantity itself."""


def _modified_asks(sentence: str, start: int, asks: list[Ask]) -> tuple[str, ...]:
    """Each ask a request asks something *of* ("How big is the norm of the limit?") when no
    other ask of the sentence covers that modifier: it must be placed or refused, never
    answered as the bare quantity."""
    out = []
    for a in asks:
        m = _OF_MODIFIER.search(sentence, 0, a.start - start)
        if m is None or m.end() != a.start - start:
            continue
        lo = start + m.start()
        if any(b is not a and b.start <= lo < b.end for b in asks):
            continue
        out.append(sentence[m.start():a.end - start])
    return tuple(out)


_ITEM_SPLIT = re.compile(r"(?<!\btrial)(?<!\bback)(?<!\bpros),? and (?!error\b|forth\b|cons\b)"
                         r"(?:also )?|,? (?:together|along) with (?=(?:the|its|their) )|,? as well as |, (?=(?:the|its|a|an|"
                         r"how|what|which|and) )|; ")
"""Coordinated items of a request (not the idioms 'trial and error', 'back and forth')."""
_ASKED_NOUN = re.compile(r"\b(?:pair|values?|momentum|sizes?|rates?|steps?|numbers?|norms?|points?|"
                         r"vectors?|matri(?:x|ces)|bounds?|factors?|distances?|ratios?|limits?|"
                         r"times?|moments?|minimi[sz]ers?|solutions?|updates?|iterates?|"
                         r"eigenvalues?|hessians?|"
                         r"thresholds?|volumes?|bytes|messages|rounds|directions?|"
                         r"parameters?|weights|coefficients?|estimates?|range|names?|"
                         r"multiples?|methods?|optimi[sz]ers?|algorithms?|counts?|iterations?|"
                         r"amounts?|totals?|costs?|magnitudes?|lengths?|gaps?|errors?|speed(?:-?up)?s?|"
                         r"differences?|sums?|products?|savings?|"
                         r"fractions?|percentages?|probabilit(?:y|ies)|signs?|entr(?:y|ies)|"
                         r"coordinates?|components?|"
                         r"constants?|conditions?|regimes?|spectr(?:um|a)|radi(?:us|i)|"
                         r"(?<=\bthe )(?:[\w-]+ )?(?:decreases?|reductions?|improvements?))\b", re.I)


_LABEL = r"(?:[a-h]|\d{1,2}|i{1,3}|iv|vi{0,3})"
_PART_REF = (rf"(?:of|from|in|as in|at) (?:(?:part|question|task) \(?{_LABEL}\)?|\({_LABEL}\)|"
             rf"(?:part|question|task) {_LABEL}\b)")
_REFERENCE_CLAUSE = re.compile(
    r"^(?:[-*•] ?)?(?:\(?[a-z0-9]{1,4}[.):] ?)?(?:(?:now|then|next|again|and),? )*(?:with|using|"
    r"keeping|taking|reusing|given|for|at)\b(?=[^,;?]{0,80}?\b" + _PART_REF + r"(?![\w(]))"
    r"[^;?]{0,100}?" + _PART_REF + r"(?![\w(])[^,;?]{0,30},", re.I)
"""A leading clause that takes quantities of an earlier part ("With the step and rate of (b),
how many iterations …", "Using the P of part 1, …", "Keeping β from (b), which γ …"): it points
at what the part inherits; the request is the main clause after it."""


def _referenced_parts(flat: str) -> set[str]:
    """The labels of the earlier parts whose quantities the text takes ("the rate of (d)",
    "the P of part 1"). With two (a part that inherits "with the rate of (b)" but asks "for the
    rate of (d)"), a leading reference clause is not read as context: which part's quantity
    holds is not known, so its items stay unplaced (refused, naming them)."""
    return {(m.group(1) or m.group(2)).lower() for m in re.finditer(
        r"\b(?:of|from) (?:(?:part|question|task) \(?([a-h]|\d{1,2}|i{1,3}|iv|vi{0,3})\)?|"
        r"\(([a-h]|\d{1,2}|i{1,3}|iv|vi{0,3})\))(?![\w(])", flat, re.I)} - {None}


_REPEAT_ITEM = re.compile(r"^(?:\(?[a-z0-9]{1,4}[.)] ?)?(?:now |then |next |also )?(?:repeat|redo) "
                          r"(?:part |question )?\(?(?:[a-h]|\d{1,2}|[ivx]{1,4})\)?(?![\w(])", re.I)
"""An item of a request that repeats an earlier part ("Repeat (i) for the ℓ1 norm"): what that
part asked, which the reading inherits, not an item to place here."""


def _unplaced_items(sentence: str, taken: list[tuple[int, int]], lead: int = 0
                    ) -> tuple[str, ...]:
    """Coordinated items of a request that name something asked (a noun such as 'pair',
    'value', 'norm') but hold no ask; items that are only symbols continue the item before.
    Items inside the leading reference clause (``lead``: its end) are context."""
    items, depth, start = [], 0, 0
    for m in _ITEM_SPLIT.finditer(sentence):
        depth = sentence.count("(", 0, m.start()) - sentence.count(")", 0, m.start())
        if depth == 0:
            items.append((start, m.start()))
            start = m.end()
    items.append((start, len(sentence)))
    listed = _bracket_items(sentence)
    items += listed
    asked_list = sum(1 for lo, hi in listed if any(lo <= s < hi for s, _ in taken)) >= 2
    out = []
    for m in re.finditer(r"(?<=, )[^,;.?]{1,40}(?=,|$|[.?;])", sentence):   # "lr, its ρ, and"
        if _OWNED_SYMBOL.match(m.group(0)) and m.start() >= lead and not any(
                m.start() <= s < m.end() for s, _ in taken):
            out.append(m.group(0).strip())
    for lo, hi in items:
        if any(lo <= s < hi or lo < e <= hi for s, e in taken) or hi <= lead:
            continue
        if _REPEAT_ITEM.match(sentence[lo:hi].strip()):
            continue   # "Repeat (i) for the ℓ1 norm, and say ...": the part repeated is asked
        if asked_list and (lo, hi) not in listed and _LIST_SUBJECT.match(sentence[lo:hi]):
            continue   # "[messages, bytes per message, total bytes], the cost of one round"
        if _other_verb(sentence, lo, hi):
            out.append(sentence[lo:hi].strip())   # "... receive, and how many does it send?"
            continue
        again = _SAME_FOR.match(sentence[lo:hi].strip())
        if again and _strip_named(again.group("subject")) != again.group("subject"):
            continue   # "and the same for the preconditioned method": asked again of it
        elliptic = ELLIPTIC_ITEM.match(sentence[lo:hi].strip())
        if elliptic and _strip_named(elliptic.group("subject")) != elliptic.group("subject"):
            out.append(sentence[lo:hi].strip())   # "and how many for the parameter server?"
            continue
        unstripped = _strip_parentheses(sentence[lo:hi])
        text = _strip_named(unstripped)
        setting = ((_SETTING.search(text) and not re.search(rf"\b(?:{_VERBS})\b", text, re.I))
                   or _VERB_SETTING.match(text) or _CHANGE.match(text)) and not re.search(
            r"\b(?:what|which|how)\b", text, re.I)   # "if so, with which matrix" asks
        if _OWNED_SYMBOL.match(text) or (text != unstripped and not setting and (
                _NAMED_SYMBOL.fullmatch(" ".join(text.split())) or _WH_NOUN.search(unstripped))):
            # "and momentum β": a method's hyperparameter, its name stripped, is asked;
            # "which weighted norm is minimised": the name asked
            if sentence[lo:hi].strip() not in out:
                out.append(sentence[lo:hi].strip())
            continue
        if (_ASKED_NOUN.search(text) or _HOW_MUCH.search(text) or _WH_NOUN.search(text) or
                _BY_HOW_MUCH.search(text) or _VALUE_AT_ITERATE.search(sentence[lo:hi])
                or _OWN_QUESTION.match(text) or (lo > lead and _OWN_IMPERATIVE.match(text))) and \
                not setting and \
                not is_context(text) and \
                not _PRESENTATION.match(text) and \
                not (_ANAPHORA.search(text) and "=" not in text and not _RELATIVE_ASK.search(text)):
            out.append(sentence[lo:hi].strip())
    return tuple(out)


_OWN_QUESTION = re.compile(r"^\s*(?:(?:and|or|but|then|also|so|plus)\b[\s,]*)+(?:whether|is|are|does|do|did|"
                           r"can|could|would|will|should)\s+(?:it|they|this|that|these|those|the|"
                           r"[\w-]+ (?:method|iteration|step|update|limit|scheme))\b"
                           r"|^\s*(?:(?:and|or|but|also)\b[\s,]*)*(?:what|how) (?:is|are|do we call|do you "
                           r"call|would you call) [^?]{0,50}?\bcalled\b|^\s*(?:(?:and|or|but|also)\b[\s,]*)*"
                           r"what(?:'s| is| are) the names? of\b", re.I)
"""A coordinated yes/no question of its own ("..., and does it converge?", "and is that the
minimum-norm solution?") or a name asked ("and what is the operation on G called?"): it asks something, so it holds an ask or is refused by name (never
dropped while the part shows verified)."""

_OWN_IMPERATIVE = re.compile(r"^\s*(?:(?:then|also|please|now|finally)\s+)*(?:" + _VERBS + r")\b"
                             r"(?!\s+(?:it|them|this|that|these|those|both|each|everything|all|your "
                             r"answers?|the answers?|the results?)\b)", re.I)
"""A coordinated item that is a request of its own ("... and write w_∞ − w† explicitly"): it
asks something, so it holds an ask or is refused by name (never dropped while the part shows
verified); "and give it as a fraction" words the ask before it."""

_BY_HOW_MUCH = re.compile(r"\bby how (?:much|many|far)\b", re.I)
"""An amount of change asked ("and by how much does the model predict the loss will decrease?"):
a quantity, whatever verb follows."""

_RELATIVE_ASK = re.compile(r"\b(?:what|which|how)\b.{0,30}?\b(?:fraction|ratio|multiple|"
                           r"percent(?:age)?|proportion|factor|many times)\b", re.I)
"""A quantity asked of the answer before it ("and what fraction of η is that?", "how many times
the plain step is it?"): a new quantity despite its pronoun, not a restatement of the ask
before."""


_ELLIPTIC_VERB = re.compile(r"^(?:and |but |or )?how (?:much|many) (?:does|do|did|will|would|can) "
                            r"(?:it|they|(?:the|each|every|one|a) [\w-]+) (?P<verb>[a-z]{3,})\b", re.I)
_ASKED_VERB = re.compile(r"\bhow (?:much|many) (?:[\w-]+ ){0,3}?(?:does|do|did|will|would|can) "
                         r"(?:[\w-]+ ){1,3}?(?P<verb>send|receive|transmit|get|need|take|move|"
                         r"exchange|communicate|use|perform|store|hold)s?\b", re.I)


def _other_verb(sentence: str, lo: int, hi: int) -> bool:
    """An elliptic amount asked with another verb than the ask before it ("How many bytes does
    the server receive, and how many does it send?"): another quantity, which continuing the
    ask before would drop; it is an item of its own (placed by a reader, else refused)."""
    m = _ELLIPTIC_VERB.match(sentence[lo:hi].strip())
    if m is None:
        return False
    before = [b.group("verb").lower() for b in _ASKED_VERB.finditer(sentence, 0, lo)]
    verb = m.group("verb").lower().removesuffix("s")
    return bool(before) and before[-1].removesuffix("s") != verb


_LISTED_SYMBOL = re.compile(r"(?:(?<=, )|(?<=, and )|(?<=[\w)] and ))(?P<sym>[α-ωΑ-Ω]|[A-Z])(?:_\{?[a-z]{1,3}\}?)?"
                            r"(?: ?= ?[A-Za-zα-ωΑ-Ω/ ()^*√_{}-]{1,15}?)?(?=,| and |\s?[.?;]|$)")
"""A symbol listed among the asks of a request ("Find the eigenvalues of A, μ, L and κ = L/μ"),
bare or with its defining formula in letters: something asked, placed by the family's reader
or refused naming it (never dropped as a setting). A value in numbers ("λ = 2") is a setting."""


def _listed_symbols(sentence: str, start: int, spans: list[tuple[int, int]]) -> list[Ask]:
    """Symbols listed after an ask of the request (:data:`_LISTED_SYMBOL`), as bare-symbol asks
    the family's reader places (or the part is refused naming them); not after a preposition
    that sets a value ("find u for g, λ and η")."""
    out = []
    for m in _LISTED_SYMBOL.finditer(sentence):
        lo = start + m.start()
        hi = lo + len(m.group(0).split("=")[0].strip())
        before = [e for s, e in spans if s < lo]
        if not before or any(s < hi and lo < e for s, e in spans):
            continue
        between = sentence[max(before) - start:m.start()]
        if re.search(r"\b(?:for|with|at|given|using|where|when|if|from|under|in|terms|functions?|"
                     r"formulas?|expressions?)\b", between, re.I):
            continue
        out.append(Ask(None, sentence[m.start():hi - start], lo, hi))
    return out


_VALUE_AT_ITERATE = re.compile(r"(?<![\w∇])(?:[fFgLJ]|loss|Loss)\s?\(\s?(?:θ|w|x|theta)_?\{?\(?\d{1,3}"
                               r"\)?\}?\s?\)")
"""A function's value at an iterate ("and the loss f(θ_2)"): something asked, whatever noun
names it."""
_OWNED_SYMBOL = re.compile(rf"^\s*(?:and |or )?(?:its|their|the corresponding|the resulting|the "
                           rf"associated) (?![A-Za-z]{{3,}})(?!(?:I|a|an|as|at|be|by|do|if|in|is|it|"
                           rf"me|my|no|of|on|or|so|to|up|us|we)\b){_SYMBOL}\s*[.?;]?\s*$")
"""A listed item naming a symbol of what the item before asks ("optimal lr, its ρ, and the number
of iterations"): a quantity of its own, asked, never a gloss of the item before."""
_NAMED_SYMBOL = re.compile(rf"\s*(?:and |or |also |then )*(?:the |its |their )?(?:(?:optimal|best|"
                           rf"tuned|chosen|corresponding|resulting|parameter|coefficient|value|"
                           rf"factor|term|constant) )*(?![A-Za-z]{{3,}})(?!(?:I|a|an|as|at|be|by|do|if|in|is|it|me|my|"
                           rf"no|of|on|or|so|to|up|us|we)\b){_SYMBOL}\s*[.?;!]?\s*")
"""What is left of an item once the method it names is stripped ("momentum β" of "the optimal
step η and momentum β"): a symbol, the method's hyperparameter asked."""
_WH_NOUN = re.compile(r"\b(?:which|what) (?!(?:is|are|was|were|does|do|did|about|if|else|happens|"
                      r"would|will|can|could|should)\b)[a-z][\w-]{2,}\b", re.I)
"""An item asking "which/what <noun>" ("and if so, with what momentum?") names something asked
whatever its noun."""
_LIST_SUBJECT = re.compile(r"^[\s,]*(?:(?:give|state|report|find|compute) )?(?:the|its|their) (?:\w+ )?"
                           r"(?:costs?|price|budget|summary|breakdown|statistics|figures|numbers|"
                           r"quantities|values|profile|footprint|accounting|counts)(?: of| for)\b"
                           r"[^,;]{0,80}$", re.I)
"""What a list of asks is of ("Give, as an ordered list [number of messages, bytes per message,
total bytes sent], the cost of one averaging round."): the elements are the asks; it is not an
ask of its own."""


def _bracket_items(sentence: str) -> list[tuple[int, int]]:
    """The elements of a bracketed list a request asks ("give the list [number of messages,
    size of one message, total parameters sent]"): each is an item of its own."""
    out = []
    for m in re.finditer(r"\[([^\[\]]{3,300})\]", sentence):
        lo = m.start(1)
        for element in m.group(1).split(","):
            if element.strip():
                out.append((lo, lo + len(element)))
            lo += len(element) + 1
    return out if len(out) > 1 else []


_ANAPHORA = re.compile(r"^\s*(?:(?:give|state|write down|report|find|compute|determine|what is) )?"
                       r"(?:(?:that|this) (?:common )?(?:amount|value|number|magnitude|size)\b|"
                       r"(?:its|their) (?:common |exact |numerical )?values?\b|(?:it|them)\s?[.?!]*$|"
                       r"what (?:values?|numbers?) (?:do|does|would|will) (?:they|these|those|it) "
                       r"(?:take|have|come out (?:to|as)|end up (?:at|as|being))\b|"
                       r"(?:the|a) (?:number|numeric(?:al)? value|decimal value)\s?[.?!]*$)",
                       re.I)
"""An item that asks again for what the request's other item named ("Show that every coordinate
moves by the same amount and give that amount"): covered by that item's ask."""


_HOW_MUCH = re.compile(r"\bhow (?:much|many|large|big|long|far|fast|small)\b(?! (?:does|do|did|is|"
                       r"are|was|were|will|would|can|could|for|in|with)\b)", re.I)
"""An item asking an amount ("and how much the loss goes down") names something asked; an
elliptic one ("and how many does the ring need?") continues the ask before it."""
_PRESENTATION = re.compile(r"^\s*(?:both |also |then )?(?:(?:as|in) (?:a |an |the )?(?:number|"
                           r"numbers|multiple|fraction|decimal|closed form|exact (?:form|value)|"
                           r"terms of|units of|percentage|function of|scientific notation)|"
                           r"(?:numerically|exactly|symbolically)\b|up to (?:the |a |an )?(?:(?:choice|value) of "
                           r"(?:the |a |an )?)?(?:"
                           r"(?:positive |scalar |overall |global )?(?:step[- ]?sizes?|learning "
                           r"rates?|scal(?:ar|ing)(?: factors?)?|factors?|constants?|"
                           r"multiples?|sign)|scale)\b)", re.I)
"""An item that says how to write the answer ("as a multiple of α and as a number", "up to the
step size"), not what."""
_SETTING = re.compile(r"^\s*(?:(?:still|again|now|then|and|but|once more),? )?(?:with|for|given|if|when|"
                      r"using|at|assuming|modell?ing|treating|"
                      r"approximating|supposing)\b|=\s?[-\d.(\[]|"
                      r"^\s*(?:right )?(?:after|before) (?:the )?(?:step|iteration|update) \d{1,4}\s?$",
                      re.I)
_VERB_SETTING = re.compile(r"^\s*(?:evaluate|recompute|redo|repeat|solve|compute)(?: (?:it|this|"
                           r"them|these|everything|again))? (?:for|at|with|using|when)\b[^?]{0,200}="
                           r"\s?[-\d.(\[]", re.I)
"""A request verb whose object is a setting ("Evaluate for n = 16 GPUs, p = 10^9 ..."): the
setting, not something asked."""


_CHANGE = re.compile(r"^\s*(?:\(?[a-z0-9]{1,4}[.)] ?)?(?:(?:now|next|instead|then|finally|this time),? )*"
                     r"(?:use|take|switch to|swap in|consider|replace|change|keep)\b", re.I)
"""An item that changes the setting ("(c) Now use the Frobenius norm instead, ‖D‖_F ≤ η, and give
the minimiser"): what it states is read as the part's setting; it asks nothing."""


_SAME_FOR = re.compile(r"^(?:and |then |also )*(?:the same|likewise|similarly|again|do the same|"
                       r"repeat(?: it| this)?) (?:for|with|under|using) (?P<subject>[^,;?]{2,60}?)"
                       r"\s?[.?!]?$", re.I)
"""'..., and the same for the preconditioned method': the request asked again of another
method (named by the catalogue), which the family splits the part by."""


def _strip_named(text: str) -> str:
    """The text without the norms, optimizers and schemes it names ("parameter server")."""
    from optiproof.catalogue import KINDS

    for kind in ("norm", "optimizer", "scheme"):
        for m in reversed(KINDS[kind].mentions(text)):
            text = text[:m.start] + " " + text[m.end:]
    return text


def _strip_parentheses(text: str) -> str:
    """The text without its parenthesised clarifications."""
    return re.sub(r"\([^()]{0,80}\)", " ", text)


_GLOSSED = re.compile(r"(?:\bnorms?|‖(?:[_^][^\s(]{1,8}){0,2}) ?$", re.I)
"""What a parenthesis right after glosses rather than asks: a norm ("the nuclear norm ‖D‖_*
(sum of singular values)")."""


_ANSWER_LIST = re.compile(r"\((?:give |report |state )?(?:both )?(?:the |its )?[A-Za-z]{3,12}(?: [A-Za-z]{3,12})?"
                          r"(?:(?:,| and| &| \+| plus) (?:the |its )?[A-Za-z]{3,12}(?: [A-Za-z]{3,12})?){1,3}"
                          r"\s?\)", re.I)
"""A parenthesis that lists what to give ("solve … (matrix and value)", "(step, value)"): its
asks are asked, not a clarification of the request's."""


_LISTED_VALUE = re.compile(r"(?:\(|,|\band|&|\+|\bplus) ?(?:the |its )?((?:optimal |minimum |minimal |"
                           r"objective )?value)(?= ?[,)&+]| and\b)", re.I)
"""A bare 'value' listed in such a parenthesis: the value of the minimisation asked."""


def _parenthesised(sentence: str) -> list[tuple[int, int]]:
    """Spans of the top-level parenthesised groups of a sentence."""
    spans, depth, open_at = [], 0, 0
    for i, c in enumerate(sentence):
        if c == "(":
            if depth == 0:
                open_at = i
            depth += 1
        elif c == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((open_at, i + 1))
    return spans


_DEFINITION = re.compile(r"(?<![\w])([A-Za-zφψΦΨ]\w{0,5}) ?\( ?\w{1,3} ?\) ?=(?!=)")


def defined_functions(flat: str) -> set[str]:
    """Names of the functions a text defines (``phi(d) = ...``), which a later part may use."""
    return {m.group(1) for m in _DEFINITION.finditer(flat)} - {"f", "L"}


def uses_function(flat: str, names: set[str]) -> bool:
    """True when the text uses (without defining) one of the named functions: ``min_d phi(d)``."""
    used = {m.group(1) for m in re.finditer(r"(?<![\w])([A-Za-zφψΦΨ]\w{0,5}) ?\(", flat)}
    return bool(used & (names - defined_functions(flat)))


def _reference(flat: str, transformations: tuple[Transformation, ...]) -> str | None:
    """The part a back-reference names: its label, ``previous``, or None when there is none."""
    if not any(t.key == T.BACK_REFERENCE.key for t in transformations):
        return None
    m = _REFERENCE.search(flat)
    if m:
        return next(g for g in m.groups() if g).lower()
    return "previous"
