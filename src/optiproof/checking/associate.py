"""Which verified answer each claim is about.

A claim is a statement of an expectation when its value has the right kind and shape and the
answer says what it is about: its subject symbol (``α* = 2/11``, ``k = 86``), the quantity its
words, column or row name (``rate 0.85``, a "Momentum" column), the method or scheme its row or
clause names (a "Ring all-reduce" row). Values that restate the problem's data (``ε = 0``,
``α = 0.15``) and definitions of other symbols are not statements of any answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from optiproof.checking.claims import Claim, Piece
from optiproof.checking.compare import (UNBOUNDED, Recurrence, agree, compatible, floats,
                                        kind_of, same_floats)
from optiproof.checking.definitions import Scope
from optiproof.checking.expect import Expectation
from optiproof.checking.formula import base_and_index, symbol_key
from optiproof.checking.statements import TIER_CONCLUSION


@dataclass(frozen=True)
class Statement:
    """A claim read as a statement of one expectation: the piece graded, its value with the
    answer's definitions substituted, and how surely it is about that expectation."""

    claim: Claim
    piece: Piece
    value: Any
    evidence: float
    target: Any = None
    """The verified answer in the answer's own terms, when the answer defined a symbol the
    verified one is written in (``m̂_t = m_t/(1-β₁ᵗ)``): judged too, so a form written in
    ``m_t`` states an answer written in ``m̂_t``."""

    @property
    def strong(self) -> bool:
        """Marked as final (a conclusion, bold, displayed, boxed, a summary) or named by its
        symbol and its words: a statement that can contradict another."""
        return (self.claim.tier_of_final >= TIER_CONCLUSION or self.evidence >= 6
                or (bool(self.claim.subject) and self.evidence >= 4))

    @property
    def rank(self) -> tuple[float, int]:
        """Most final first: a higher tier, then later in the answer."""
        return self.claim.tier_of_final, self.claim.pos


@lru_cache(maxsize=4096)
def _base(key: str) -> str:
    """The letter a key names, without its star, prime or absolute-value bars (``alpha^*`` ->
    ``alpha``, ``|Deltatheta_j|`` -> ``Deltatheta``); a bare ``Δ`` is the parameters' step."""
    base = re.sub(r"(?:\^?\*|')+$", "", base_and_index(re.sub(r"^\|(.+)\|$", r"\1", key))[0])
    return "Deltatheta" if base == "Delta" else base


def symbol_score(subject: str, exp: Expectation) -> float:
    """4 for the answer's own symbol, 2 for the same letter decorated differently
    (``α`` for ``α*``, ``u_b`` for ``u``) or spelled in Latin (``a*`` for ``α*``), 0
    otherwise."""
    if not subject:
        return 0.0
    if subject in exp.symbols:
        return 4.0
    base = _base(subject)
    if (applied := _APPLIED.fullmatch(subject)) and _at_optimum(applied.group(2), exp.part):
        # ``ρ(α*)``, ``Φ(d_a)``: a function at the part's optimum, its optimal value
        if exp.quantity == "min-value":
            return 0.0 if any(f"{applied.group(1)}(" in s for s in exp.symbols) else 2.0
        base = applied.group(1)
    base = _SPELLED.get(base, base)
    if any(base == _base(s) for s in exp.symbols):
        return 2.0
    shape = _shape(subject)
    if shape and any(shape == _shape(s) for s in exp.symbols):
        return 2.0
    return 2.0 if _ratio_of_parts(subject, exp) else 0.0


_APPLIED = re.compile(r"([^\W\d_]+)\((.+)\)")
"""A function's name applied to an argument (``rho(alpha^*)``)."""


def _at_optimum(argument: str, part: str) -> bool:
    """An argument that names the part's optimum: a starred symbol (``α*``, ``Δθ^⋆``) or the
    part's step indexed by its label (``d_a`` in part (a)). A term of the objective written
    at it (``D(Δθ*)``) is no value of the objective: the caller checks."""
    from optiproof.checking.expect import _DECISION_NAMES

    if "*" in argument:
        return True
    letter, index = base_and_index(argument)
    return index.strip("{}") == part and letter in {symbol_key(n) for n in _DECISION_NAMES}


_PART_RATIO = re.compile(r"‖([^\W\d_])_([a-h])‖(_\w+)?‖\1_([a-h])‖(_\w+)?")


def _ratio_of_parts(subject: str, exp: Expectation) -> bool:
    """A ratio of the norms of one letter indexed by part labels (``‖d_b‖₂/‖d_a‖₂``), the
    expectation's own part on top, for an answer that is a ratio of two steps' norms measured
    the same way (``‖u_linf‖₂/‖u_l2‖₂``): the length ratio of this part's step to the other
    part's, in the document's own letter."""
    key = re.sub(r"^frac|[/{}\s]", "", subject.replace("||", "‖"))
    m = _PART_RATIO.fullmatch(key)
    if m is None or m.group(2) != exp.part or m.group(4) == exp.part:
        return False
    for symbol in exp.symbols:
        own = re.fullmatch(r"‖[^\W\d_]_\w+‖(_\w+)?‖[^\W\d_]_\w+‖(_\w+)?",
                           re.sub(r"^frac|[/{}\s]", "", symbol.replace("||", "‖")))
        if own and {m.group(3), m.group(5)} <= {own.group(1), own.group(2), None}:
            return True
    return False


def _shape(key: str) -> str:
    """A compound symbol (a ratio or product of norms) without the indices of its letters:
    ``||u_b||_2/||u_a||_2``, ``‖u_∞‖₂/‖u₂‖₂`` and ``\frac{‖u_linf‖_2}{‖u_l2‖_2}`` are all
    ``‖u‖_2‖u‖_2``; "" for a simple symbol."""
    key = key.replace("||", "‖")
    if "‖" not in key:
        return ""
    key = re.sub(r"^frac|[/{}\s]", "", key)
    return re.sub(r"([^\W\d_])_(?:\w+|∞)", r"\1", key)


_SPELLED = {"a": "alpha", "b": "beta", "r": "rho"}
"""Latin letters a plain-text answer writes for Greek ones (``a* = 2/11`` for ``α*``)."""


def label_score(claim: Claim, exp: Expectation, quantities: frozenset[str]) -> float:
    """How plainly the claim's words, column and row name the expectation's quantity among the
    part's quantities: 2 for the most specific label, 1 for a weaker one. The claim's own
    clause speaks first; the column and row label only when the clause names none."""
    mine = {q: s for q, s in _asked_labels(claim, quantities, own=True).items()
            if q in quantities} or {
        q: s for q, s in _asked_labels(claim, quantities).items() if q in quantities}
    if exp.quantity not in mine:
        return 0.0
    return 2.0 if mine[exp.quantity] == max(mine.values()) else 1.0


def _after_words(after: str) -> list[str]:
    """The words right after a value that may name it (``86 iterations``): up to three, to the
    clause's end, without the value's own tail; none for the unit it is counted in ("0.85 per
    iteration", "0.99999 each step")."""
    if re.match(r"\s*[(\[]\s*[-−+]?\d", after):
        return []  # "0.85 (86 iterations for 10⁻⁶)": the words in brackets count the number there
    words = re.split(r"\b(?:and|while|with|but|so|because|since|for|at|when|until)\b|[,;:]|"
                     r"=>|->|[→⇒⟹]|"
                     r"(?<=[^\W\d])[)\]](?:\W|$)", after)[0].split()[:3]
    while words and re.fullmatch(r"[\d.)\]}]+", words[0]):
        words = words[1:]
    if words[:1] in (["per"], ["every"], ["each"]) or (
            len(words) > 1 and words[0] in _UNIT_WORDS and _CLAUSE_VERB.fullmatch(words[1])):
        return []  # "... = [-0.001, ..] It is not ...": a pronoun opening the next clause
    return words


_CLAUSE_VERB = re.compile(r"is|was|are|has|had|does|did|would|will|can|could|should|must|may|"
                          r"might|means|gives|moves|equals|becomes|stays|remains|changes|scales|"
                          r"holds|shows|follows")
"""A verb after ``it``: the pronoun is the subject of a clause, not a count's abbreviated unit
(``86 it``)."""


_UNIT_WORDS = {"its": "iterations", "it": "iterations", "iter": "iterations",
               "iters": "iterations", "its.": "iterations", "iter.": "iterations",
               "iterates": "iterations"}
"""Abbreviated counts written right after a number (``86 its``, ``86 iters``): after a value
they can only be its unit."""


def _labels(claim: Claim, own: bool = False) -> dict[str, int]:
    """Quantity labels of the claim's clause (before the value, else the words right after
    it: ``86 iterations``), or with ``own`` False also its column and row label."""
    from optiproof.catalogue.quantities import label_scores
    from optiproof.checking.concepts import plain

    head, _, after_text = claim.cue.partition("@")
    prior, _, before = head.rpartition("¦")
    after = _after_words(after_text)
    # an arrow or a conclusion word starts a new statement: the words before it are its premise
    before = re.split(r"=>|⇒|⟹|->|→|∴|\b(?:so|therefore|hence|thus)\b(?=[\s,]*$|[\s,]+\S*\s*$)",
                      before)[-1]
    found = label_scores(before[-70:])
    bare = _without_subject(claim, before)
    if bare is not None and _COMPOUND.search(claim.subject_text) and (
            words := label_scores(bare[-70:])):
        # ``convergence rate √β* = 0.52``: the words name a subject built from another
        # answer's symbol, not that symbol inside it
        found = words
    if not found and bare is not None:
        # ``value −η‖g‖∞ = −0.3``, ``optimum f(x*) = ...``: a subject written as a formula
        # after the word naming it; the word names the value the formula is worked out to
        found = label_scores(bare[-70:])
    near = label_scores(" ".join(before.split()[-2:])) if _OF_SIZE.search(before) else {}
    if near:  # "2n messages of size p": the words right before the value name it
        found = near
    elif len(found) > 1:
        found = _nearest_label(before[-70:], found)
    # a word after the value that labels the next item ("n(n-1)   size: p") counts nothing
    counted = label_scores(_UNIT_WORDS.get(after[0], after[0])) if after and not re.match(
        r"\s*(?:[)\]}\w]{1,3}\s+)?[^\s:=)\]}]+\s*[:=]", after_text) else {}
    if counted:
        # ``n-1 rounds``, ``86 its``: the noun right after a value is what it counts, whatever
        # the clause before it was about ("chunks of size p/n, reduce-scatter n-1 rounds")
        found = dict(counted)
    for q, n in label_scores(" ".join(_UNIT_WORDS.get(w, w) for w in after)).items():
        found[q] = max(found.get(q, 0), n)
    if not found and _TOTAL.search(before):
        # "Value: gᵀd = −3.5, penalty 1.75, total −1.75": the total of the terms listed is
        # the value the sentence's lead names
        sentence = re.split(r"(?<=[.!?])\s+", claim.unit.text[:claim.pos - claim.unit.start])[-1]
        found = label_scores(plain(re.split(r"[:=$]", sentence, maxsplit=1)[0])[-50:])
    found = found or label_scores(re.split(r"\b(?:so|therefore|hence|thus)\b[\s,]*$",
                                           prior.rstrip())[-1][-50:])
    if own:
        return found
    return {**_header_scores(f"{claim.column} | {claim.row}"), **found}


_COMPOUND = re.compile(r"[√∑/‖]|\\(?:sqrt|frac)\b|\bsqrt\b")
"""A subject built from symbols (a root, a quotient, a norm), not a symbol itself."""


_TOTAL = re.compile(r"\b(?:total|in total|altogether|summed|sum)\s*[:=]?\s*$")
"""A value said to be the total of the terms before it."""


def _asked_labels(claim: Claim, quantities: frozenset[str], own: bool = False) -> dict[str, int]:
    """The claim's labels, with the asked quantity a bare head noun names in this part ("step"
    in a part asking the first step: :mod:`optiproof.checking.headnoun`) when the claim states
    a number or vector (a statement in words, "the step stays the same", says how it changes;
    a formula is named by its symbols) and its clause names no method (in "behaves like SGD
    with step αc/ε" the step is SGD's)."""
    from optiproof.checking.concepts import concepts
    from optiproof.checking.headnoun import with_heads

    labels = _labels(claim, own)
    final = claim.final
    if claim.words or final is None or floats(final.value) is None or concepts(
            claim.cue.partition("@")[0].rpartition("¦")[2]).subjects:
        return labels
    return with_heads(labels, quantities)


def _without_subject(claim: Claim, before: str) -> str | None:
    """The words before a chain's subject, when the clause ends with that subject (its text
    is set before the ``@`` of the cue), else None."""
    from optiproof.checking.concepts import plain

    shown = plain(claim.subject_text) if claim.subject_text else ""
    head = before.rstrip()
    if not shown or not head.endswith(shown):
        return None
    return head[:-len(shown)].rstrip()


def _nearest_label(before: str, found: dict[str, int]) -> dict[str, int]:
    """Of several quantities a clause names, the one whose label ends right before the value
    (at most two words between: ``each message has size p``, ``the messages are 2n``) is the
    value's; the others name what the clause is about."""
    from optiproof.catalogue import QUANTITIES
    from optiproof.catalogue.quantities import _label_patterns

    ends: dict[str, int] = {}
    for entry in QUANTITIES:
        if entry.key in found:
            for pattern in _label_patterns(entry):
                for m in pattern.finditer(before):
                    ends[entry.key] = max(ends.get(entry.key, -1), m.end())
    if not ends:
        return found
    last = max(ends.values())
    nearest = [q for q, e in ends.items() if e == last]
    if len(nearest) != 1 or len(re.findall(r"[^\W\d]{2,}", before[last:])) > 2:
        return found
    return {nearest[0]: found[nearest[0]]}


def _header_scores(header: str) -> dict[str, int]:
    """Quantity labels of a column header and row label, each alternative of a list read on
    its own too (``Value / ratio`` names the value and the ratio, whichever the row has)."""
    from optiproof.catalogue.base import fold_case
    from optiproof.catalogue.quantities import label_scores

    found = label_scores(header)
    for q, n in label_scores(fold_case(header)).items():
        found.setdefault(q, n)  # "Rate per iteration": a header is capitalised
    pieces = [x for x in _LIST_SEP.split(header) if x.strip(" |")]
    if len(pieces) > 1:
        for piece in pieces:
            for q, n in label_scores(piece).items():
                found.setdefault(q, n)
    return found


_OF_SIZE = re.compile(r"\b(?:of size|of length|sized)\s*$", re.I)


def _named_before_only(claim: Claim) -> bool:
    """``… convergence to a minimizer forces s = 1: θ⁽ᵇ⁾ = …``: a statement with its own
    subject and no word of its own naming a quantity; the words of the sentence before it may
    support what it states, but do not rule out what its subject names."""
    from optiproof.catalogue.quantities import label_scores

    if not claim.subject or claim.unit.kind == "cell" or claim.row or claim.column:
        return False  # a table's row and column name their cells
    head, _, after = claim.cue.partition("@")
    return not label_scores(head.rpartition("¦")[2]) and not label_scores(
        " ".join(_after_words(after)))


def names_other(claim: Claim, quantities: frozenset[str]) -> bool:
    """The claim's words plainly name a quantity the part does not ask, and none it asks
    (``learning rate 0.25`` in a part that asks for the step and the optimal value)."""
    scores = _asked_labels(claim, quantities, own=True)
    if _named_before_only(claim):
        return False
    outside = max((s for q, s in scores.items() if q not in quantities), default=0)
    inside = max((s for q, s in scores.items() if q in quantities), default=0)
    return outside >= 8 and not inside


@lru_cache(maxsize=1)
def _quantity_symbols() -> dict[str, str]:
    """Symbol key -> the quantity a family answers whose symbol it is (``min`` -> the minimum
    value); quantities no family answers name nothing an answer could state."""
    from optiproof.checking.formula import symbol_key
    from optiproof.families import FAMILIES

    answered = {q.key: q for family in FAMILIES.values() for q in family.answers}
    return {symbol_key(q.latex): q.key for q in answered.values() if q.latex}


def symbol_names_other(subject: str, quantities: frozenset[str], own: set[str]) -> bool:
    """The claim's subject is the symbol of a quantity the part does not ask (``min = -9/2``
    in a part that asks for the step and a length ratio). A recurrence of that symbol still
    states the part's update map (``θ_t = θ_{t-1} - ...`` states ``Δθ_t``), and the letter of
    an answer's own symbol still names it (``θ*`` for ``θ_∞``)."""
    other = _quantity_symbols().get(subject)
    return other is not None and other not in quantities and subject not in own


def about_score(claim: Claim, exp: Expectation, subjects: frozenset[str]) -> float:
    """+2 when the claim's row or clause names the expectation's subject, -3 when it names
    another subject of the part instead (0 when the part's answers share one subject)."""
    named = claim.about & subjects
    if not named or exp.subject is None or len(subjects) < 2:
        return 0.0
    return 2.0 if exp.subject in named else -3.0


def _indexed(exp: Expectation) -> bool:
    """The verified answer is written per coordinate (``1/(ε + √v̂_i)``): a claim about
    ``κ_i`` keeps its index."""
    return any(s.name.endswith(("_i", "_j")) for s in getattr(exp.value, "free_symbols", ()))


def _given_where_absent(value: Any, exp: Expectation, givens: dict[str, Any]) -> Any:
    """A claimed formula read for ``exp`` with the problem's given values of the symbols the
    verified answer does not keep (``-α m̂_t/√v̂_t`` for ``-m̂_t/(1000√v̂_t)`` with α = 0.001
    given), though another answer of the part keeps α symbolic."""
    import sympy

    if not isinstance(value, sympy.Expr) or not givens:
        return value
    kept = {s.name for s in getattr(exp.value, "free_symbols", set())} | set(exp.symbols)
    repl = {s: givens[s.name] for s in value.free_symbols
            if s.name in givens and s.name not in kept and isinstance(givens[s.name], sympy.Expr)}
    return value.xreplace(repl) if repl else value


def _drop_index(value: Any, subject: str) -> Any:
    """``u_i = -(α‖g‖₁/2) sign(g_i)`` is read index-free: ``g_i`` -> ``g``."""
    import sympy

    _, index = base_and_index(subject)
    if index not in ("i", "j") or not hasattr(value, "free_symbols"):
        return value
    repl = {s: sympy.Symbol(s.name[:-len(index) - 1]) for s in value.free_symbols
            if s.name.endswith("_" + index)}
    return value.xreplace(repl) if repl else value


def restates_given(claim: Claim, value: Any, givens: dict[str, Any], numbers: list[Any]) -> bool:
    """``ε = 0``, ``α = 0.15``, ``g_1 = [3, -0.5, 2]``: the problem's data, not an answer."""
    if claim.subject in givens:
        return agree(value, claim.final.text if claim.final else "", givens[claim.subject],
                     "") is not False
    if claim.subject or kind_of(value) != "number":
        return False
    got = floats(value)
    return bool(got) and any(floats(g) is not None and same_floats(got, floats(g), 1e-9)
                             for g in numbers)


def _recurrence(subject: str, value: Any) -> str | None:
    """``x_t = f(x_{t-1}, ...)`` states a recurrence: the key of ``x_{t-1}``, else None. An
    assignment without indices (``θ ← θ − α(… + λθ)``) is one too: its old value is the
    symbol itself."""
    base, index = base_and_index(subject)
    if not hasattr(value, "free_symbols"):
        return None
    if not index and subject and subject in {s.name for s in value.free_symbols}:
        return subject
    if index != "t":
        return None
    previous = f"{base}_t-1"
    return previous if previous in {s.name for s in value.free_symbols} else None


_STATE = ("mhat", "m", "g", "vhat", "v", "u", "d", "G")
_SECOND = ("vhat", "v", "G")


_MAX_UPDATE_OPS = 60
"""The largest update formula read for its decay: a longer expression (a whole derivation read
as one recurrence) states no per-step decay, and expanding it costs more than the check."""


def _decay_of(value: Any, previous: Any, exp: Expectation) -> Any:
    """The decay a weight update states (``θ_t = θ_{t-1} - α(m̂_t/(√v̂_t + ε) + λθ_{t-1})``
    decays every weight by ``αλ`` per step): the step with the gradient's moments set to zero
    is ``-rate·θ_{t-1}``; the rate, per weight for a per-weight answer. None when the step is
    not linear in the weight or still depends on the gradient statistics."""
    import sympy

    # the gradient and first moment go to zero; the second moment stays a symbol (it divides,
    # and a decay it still scales is not one rate for every weight)
    zero = {s: 0 for s in value.free_symbols if base_and_index(s.name)[0] in _STATE
            and base_and_index(s.name)[0] not in _SECOND}
    if sympy.count_ops(value) > _MAX_UPDATE_OPS:   # no weight update is that long: not one
        return None
    try:
        step = sympy.expand((value - previous).xreplace(zero))
        rate = -sympy.diff(step, previous)
        if sympy.expand(step + rate * previous) != 0 or rate.free_symbols - {
                s for s in rate.free_symbols if s.name in ("alpha", "lambda", "eta")}:
            return None
    except Exception:  # noqa: BLE001 -- an update SymPy cannot differentiate states nothing
        return None
    return rate if exp.kind == "number" else rate * sympy.Symbol("theta")


def _as_recurrence(claim: Claim, value: Any, exp: Expectation) -> Any:
    """A recurrence read as a statement of ``exp``: its update map ``x_t - x_{t-1}`` for an
    update ``Δx_t``, the recurrence itself for ``x_t``; None when it states neither."""
    import sympy

    previous = _recurrence(claim.subject, value)
    if previous is None:
        return None
    base = base_and_index(claim.subject)[0]
    if any(_base(s) == f"Delta{base}" for s in exp.symbols):
        return value - sympy.Symbol(previous)
    if exp.quantity == "weight-decay" and exp.subject in claim.about and base == "theta":
        return _decay_of(value, sympy.Symbol(previous), exp)
    if claim.subject in exp.symbols:
        return Recurrence(value, claim.subject, previous)
    if previous == claim.subject and f"{claim.subject}_t" in exp.symbols:
        return _indexed_assignment(claim.subject, value)
    return None


def _indexed_assignment(subject: str, value: Any) -> Recurrence:
    """An assignment without indices (``m ← β1·m + (1−β1)·g``) where the answer is the
    indexed recurrence (``m_t``): the symbol on the right is its previous value ``m_{t-1}``, and
    the state and gradient symbols written bare are those of step ``t``."""
    import sympy

    repl = {s: sympy.Symbol(f"{s.name}_t") for s in value.free_symbols
            if s.name in _STATE and s.name != subject}
    repl[sympy.Symbol(subject)] = sympy.Symbol(f"{subject}_t-1")
    return Recurrence(value.xreplace(repl), f"{subject}_t", f"{subject}_t-1")


def _ingredient(claim: Claim, exp: Expectation) -> bool:
    """The claim is about a symbol the answer is built from, not about the answer: its subject
    is one of the answer's own symbols (``v̂ → c²v̂`` on the way to the scaled step
    ``-α m̂/(√v̂ + ε/c)``)."""
    names = {_base(s.name) for s in getattr(exp.value, "free_symbols", set())}
    if not names or exp.kind != "formula" or not claim.subject:
        return False
    return not symbol_score(claim.subject, exp) and _base(claim.subject) in names


_DECORATED = re.compile(r"^(?:tilde|bar|check|breve)|(?:tilde|bar|check|breve)$")
"""A symbol with a tilde, bar or check (``x̃``, ``θ̄``): a transformed quantity (rescaled data,
an average), not an answer unless the answer's own symbol carries it."""


_IN_TRANSFORMED = re.compile(
    r"\b(?:on|in|of|for|to)\s+(?:the\s+|its\s+|our\s+)?(?:rescaled|transformed|whitened|"
    r"normali[sz]ed|standardi[sz]ed|preconditioned|reparameteri[sz]ed|scaled)\s+(?:problem|"
    r"coordinates|units|variables|features|data|space|system|parameters|weights)\b|"
    r"\bnew (?:coordinates|units|variables|inputs?|features|data)\b|\bbefore mapping back\b|"
    r"\b(?:rescaled|transformed|whitened|normali[sz]ed|standardi[sz]ed|scaled)\s+(?:inputs?|"
    r"features?|data(?: points?)?|examples?)\b", re.I)
"""A value the clause places in a transformed problem ("SGD on the rescaled problem converges to
[1/3, 1/3, 1/3]") or gives as the transformed data ("scaled input z = [1, 1, 1]"): an
intermediate in other units, not the part's answer, unless it is named by the answer's own
symbol."""


def _in_transformed(claim: Claim) -> bool:
    """The claim's clause places its value in a transformed problem, or its subject was
    introduced so earlier in the sentence ("scaled input z_j = 1, so z = [1, 1, 1]")."""
    prior, _, own = claim.cue.partition("@")[0].rpartition("¦")
    if _IN_TRANSFORMED.search(own):
        return True
    base = base_and_index(claim.subject)[0] if claim.subject else ""
    return bool(base) and any(
        re.match(rf"\s*{re.escape(base)}(?![^\W\d_])", prior[m.end():])
        for m in _IN_TRANSFORMED.finditer(prior))


def _transformed(subject: str, exp: Expectation) -> bool:
    """``θ̃ = (1/3)(1,1,1)`` names the answer's symbol with a tilde, bar or check: a
    transformed variable (the solution in rescaled units), not the answer itself."""
    if not subject or subject in exp.symbols:
        return False
    base = _base(subject)
    return any(base in (f"{b}{d}", f"{d}{b}") for b in {_base(s) for s in exp.symbols}
               for d in ("tilde", "bar", "check", "breve"))


def _named(labels: dict[str, int], quantities: frozenset[str]) -> set[str]:
    """The quantities words name, without a faint mention of one the part does not ask
    ("radius" hinting at a message size)."""
    return {q for q, score in labels.items() if q in quantities or score >= 4}


_SET_TO = re.compile(r"([^\W\d_](?:_\w+)?)(?:=|<|>|≤|≥|<=|>=)")


def _condition_in_force(claim: Claim, context: dict[str, Any]) -> bool:
    """The part's given condition was set by the sentences just before the claim and not
    replaced since ("For α = 0.5 the objective ... The minimiser ...: u = ..."): the last
    relation on that symbol in the preceding text of the part is the condition itself."""
    text = context.get("text", "")
    if not text or not context["conditions"]:
        return False
    from optiproof.checking.concepts import plain

    window = plain(text[max(0, claim.unit.start - 400):claim.unit.start]).replace(" ", "")
    for condition in context["conditions"]:
        symbol = condition.partition("=")[0]
        at = window.rfind(condition)
        if at < 0:
            continue
        later = [m for m in _SET_TO.finditer(window, at + len(condition))
                 if m.group(1) == symbol]
        if not later:
            return True
    return False


_WORKER = r"(?:gpu|worker|node|rank|process|machine|device|participant)"
_PER_WORKER_BEFORE = re.compile(r"\b(?:each|every|one|a single|any single) (?:single )?" + _WORKER
                                + r"\b(?: \w+){0,2} (?:sends?|transmits?|emits?|issues?|posts?)"
                                r"\s*$|\bper[- ]" + _WORKER + r"\b[^,;]{0,40}$")
_PER_WORKER_AFTER = re.compile(r"^\s*messages?\b(?: \w+){0,3}? (?:per|by each|from each|for each) "
                               + _WORKER + r"|^\s*messages? each\b")


def per_worker(claim: Claim) -> bool:
    """A count said of one worker (``every worker sends $2(n-1)$ messages``, ``2(n-1)
    messages per worker``): the messages one worker sends, not the step's total."""
    head, _, after = claim.cue.partition("@")
    before = head.rpartition("¦")[2]
    return bool(_PER_WORKER_BEFORE.search(before) or _PER_WORKER_AFTER.search(after))


_PER_MESSAGE_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:per|in each|in every|each|every)\s+"
                                r"(?:message|round|step of the ring|chunk|send)\b|^\s*(?:at a time|"
                                r"in one message|as one message)", re.I)


def _sent_in_all(claim: Claim) -> bool:
    """What one worker sends over the whole step (``each worker sends 2(n-1)p/n``) is a
    volume, not the size of one message -- unless the words after it say per message or
    round (``each worker sends p/n per round``)."""
    head, _, after = claim.cue.partition("@")
    return bool(_PER_WORKER_BEFORE.search(head.rpartition("¦")[2])) and not \
        _PER_MESSAGE_AFTER.match(after)


_ROW_SYMBOL = re.compile(r"(?:^|[\s(])([α-ωΑ-Ω](?:_?[0-9a-z]|\^?[*⋆]|')*)\s*(?:\([^()]*\))?\s*$")


def _row_symbol(claim: Claim) -> str:
    """The symbol a summary row is labelled with (``heavy-ball $\\beta$``, ``$\\rho^*$
    (rate)``): the row's value is that symbol's, as if written ``β = …``; ``""`` when the label
    ends with no symbol (``rate at α = 0.15``)."""
    if claim.role != "summary" or not claim.row:
        return ""
    m = _ROW_SYMBOL.search(claim.row.strip())
    if m is None or re.search(r"[α-ωΑ-Ω][^,;/]*[,;/]\s*[^,;/]*$", claim.row[:m.start(1)]):
        return ""  # ``α*, β*, ρ*``: a list, each value is one of them in turn
    return symbol_key(m.group(1))


def _candidates(claim: Claim, piece: Piece, value: Any, gradable: list[Expectation],
                context: dict[str, Any]) -> list[tuple[float, Expectation, Any]]:
    """(evidence, expectation, value as read for it) for every expectation the claim could
    state."""
    quantities, subjects, own = context["quantities"], context["subjects"], context["own"]
    named = _named(_asked_labels(claim, quantities, own=True), quantities) or _named(
        _asked_labels(claim, quantities), quantities)
    named = {q for q in named if not _scalar_of_array(q, value)}
    if _named_before_only(claim):
        named = set()
    if claim.words in (UNBOUNDED, "unchanged", "factor") or any(
            symbol_score(claim.subject, e) >= 4 for e in gradable) or _bounds_a_symbol(
            claim, piece, gradable) or (_recurrence(claim.subject, value) and any(
                _as_recurrence(claim, value, e) is not None for e in gradable)):
        # a recurrence ``θ_t = θ_{t-1} - ...`` names the update it states by its symbol,
        # whatever word leads it ("Step:")
        named = set()
    by_symbol = {e.quantity for e in gradable
                 if symbol_score(claim.subject or _row_symbol(claim), e) >= 2}
    place = context.get("paired", {}).get((claim.line, claim.pos))
    if place is not None and named and place not in named:
        named = {place}  # its place in the row's list names it more plainly than the column
    elif named and by_symbol and not by_symbol & named:
        # ``| step size | 0.2309, β = 0.2699 |``: the value's own symbol names another answer
        # of the part than the column does; the symbol is the more specific label
        named = by_symbol
    if claim.words == "factor":
        return _as_factor(value, gradable, context["known"] | context.get("givens", set()))
    if _labelled_as_another(claim, quantities) or _working_row(claim, gradable):
        return []
    out = []
    for e in gradable:
        if _ingredient(claim, e) or _transformed(claim.subject, e) or (
                e.quantity == "messages" and per_worker(claim)) or (
                e.quantity == "message-size" and _sent_in_all(claim)) or _not_a_count(
                claim, value, e, quantities) or _multiple_of(claim, e):
            continue
        if _trial_value(claim.subject, value, e) or (
                e.quantity == "update" and _direction_of_length(claim, piece)):
            continue
        here = context.get("raw", value) if _indexed(e) else value
        if _recurrence(claim.subject, here):
            read = _as_recurrence(claim, here, e)
        else:
            read = here = _given_where_absent(here, e, context.get("given_values", {}))
        at_given = symbol_score(claim.subject, e) >= 4 and (any(
            g in claim.cue.replace(" ", "") for g in context["conditions"])
            or _condition_in_force(claim, context))
        if read is None or not compatible(read, e, at_given) or piece.relation == "in" or (
                piece.relation in ("<", ">") and not e.bound) or (
                named and e.quantity not in named):
            continue
        evidence = (symbol_score(claim.subject or _row_symbol(claim), e)
                    + label_score(claim, e, quantities)
                    + about_score(claim, e, subjects)
                    + (3.0 if e.kind in ("vector", "matrix", "unbounded") else 0.0))
        if claim.words == "unchanged" and any("/" in sym for sym in e.symbols):
            evidence += 2.0  # "no change" states a ratio of one
        if piece.relation in ("<", ">") and e.bound:
            evidence += 2.0  # a bound stated as one ("up to", "at most") states a bound answer
        if context.get("paired", {}).get((claim.line, claim.pos)) == e.quantity:
            evidence += 4.0  # "step / rate | 2/11 / 9/11": the k-th value is the k-th quantity
        if isinstance(read, Recurrence) or read is not here:
            evidence = max(evidence, 4.0)
        elif claim.subject and claim.subject in own and not symbol_score(claim.subject, e):
            evidence -= 4.0
        out.append((evidence, e, read))
    return out


_PLAINLY_NAMED = 8
"""A label score at which a header names its quantity outright (``iterations for 10⁻⁶``,
``number of messages``), not by a loose word (``value``) or a symbol (``GD (α*)``)."""


_MATH_ROW = re.compile(r"(?:[^\W\d_](?:_\{?\w{1,3}\}?)?(?:\^\{?[\w*ᵀ⊤]{1,3}\}?|[ᵀ⊤*'])*\s*){1,4}")
"""A row label that is only a product of symbols (``U_G V_G^⊤``, ``σ_1``), no word."""


def _working_row(claim: Claim, gradable: list[Expectation]) -> bool:
    """A cell of a working table (not the summary) whose row is labelled by a symbol no answer
    of the part is written with (``| U_G V_Gᵀ | (matrix) |`` in a table of SVD numbers, before
    ``U* = …``): the cell states that ingredient, not the answer."""
    if claim.unit.kind != "cell" or claim.subject or claim.role == "summary" or not claim.row:
        return False
    row = claim.row.strip()
    if not _MATH_ROW.fullmatch(row) or len(re.findall(r"[^\W\d_]{3,}", row)) \
            or _header_scores(row):
        return False
    if len(row.split()) > 1:
        return True  # a product of symbols is no answer's symbol
    return not any(symbol_score(row, e) >= 2 for e in gradable)


def _labelled_as_another(claim: Claim, quantities: frozenset[str]) -> bool:
    """A table cell without a symbol of its own whose row or column plainly names a count
    this part does not ask, and nothing it asks (``| iterations for 10⁻⁶ | ≈ 69 |`` under a
    column ``GD (α*)``, in a part asking the optimal step): the cell counts that thing,
    whatever its column's setting. (A header naming a real quantity, ``step size``, may stand
    for the part's own in its row, ``GD max``.)"""
    if claim.unit.kind != "cell" or claim.subject or not (claim.row or claim.column):
        return False
    from optiproof.catalogue import QUANTITIES

    for label in (claim.row, claim.column):
        scores = _header_scores(label or "")
        counts = [q for q, n in scores.items() if n >= _PLAINLY_NAMED
                  and (entry := QUANTITIES.get(q)) is not None and entry.count]
        if counts and not scores.keys() & quantities:
            return True
    return False


def _scalar_of_array(quantity: str, value: Any) -> bool:
    """Words naming a scalar quantity cannot label a vector or matrix of several entries
    ("…, with length t = 1.5: d = (−1.5, 1.5, −1.5)" states the step, not its length)."""
    import sympy

    from optiproof.catalogue import QUANTITIES

    entry = QUANTITIES.get(quantity)
    return entry is not None and entry.value_kind == "scalar" and isinstance(
        value, sympy.MatrixBase) and len(value) > 1


_NAMED_STEP = re.compile(r"[^\W\d_]+(?:_\w+)?(?:\^?\*)?")
_DIRECTION_WORD = re.compile(r"\bdirections?\b", re.I)
_LENGTH_AFTER = re.compile(r"^[^.;]{0,12}?(?:\b(?:with|of|having|has|at|and)\s+(?:a\s+|the\s+|its\s+)?"
                           r"(?:length|magnitude|size|norm|scale|step[- ]size)\b|\b(?:scaled|"
                           r"multiplied|stretched)\s+by\b|\btimes\s+(?:the\s+)?(?:length|"
                           r"magnitude|scale|step))", re.I)


def _direction_of_length(claim: Claim, piece: Any) -> bool:
    """A vector the clause calls a direction, given a length in the same sentence ("the
    optimal direction is −sign(g) = (−1, 1, −1), with length t = 1.5"): the step's direction,
    not the step."""
    if _NAMED_STEP.fullmatch(claim.subject):
        return False  # ``d = (…), with length 2.6`` names the step by a letter of its own
    before = claim.cue.partition("@")[0]
    at = piece.pos - claim.unit.start + len(piece.text)
    return bool(_DIRECTION_WORD.search(before)) and at >= 0 and bool(
        _LENGTH_AFTER.search(claim.unit.text[at:at + 80]))


def _trial_value(subject: str, value: Any, exp: Expectation) -> bool:
    """The objective's variable set to a value with a symbol the verified update lacks
    (``Δθ = −t·sign(g)`` before ``t`` is chosen): a trial point, not the update."""
    if not subject or _base(subject) not in {_base(k) for k in exp.decision} or not hasattr(
            value, "free_symbols"):
        return False
    own = {s.name for s in getattr(exp.value, "free_symbols", set())}
    return any(s.name not in own for s in value.free_symbols)


def _not_a_count(claim: Claim, value: Any, exp: Expectation, quantities: frozenset[str]) -> bool:
    """A number that is not whole (``0.85``) cannot be a count the part asks (iterations,
    messages) unless its symbol or words name that count (then it is a wrong one)."""
    from optiproof.catalogue import QUANTITIES

    entry = QUANTITIES.get(exp.quantity)
    if entry is None or not entry.count or exp.kind != "number":
        return False
    got = floats(value)
    if got is None or len(got) != 1 or float(got[0]).is_integer():
        return False
    return not symbol_score(claim.subject or _row_symbol(claim), exp) and not label_score(
        claim, exp, quantities)


_A_MULTIPLE = re.compile(r"^\s*(?:times|[x×]|-?fold)\s+(?:as\s+[a-z]+|(?:smaller|larger|bigger|"
                         r"longer|shorter|more|less|fewer|greater|faster|slower|higher|lower|"
                         r"cheaper|heavier|lighter)\b)", re.I)
"""After a value: it is a multiple comparing two things ("each message is n times smaller",
"3× as long"), not the value of either."""


def _ratio_like(exp: Expectation) -> bool:
    """The answer is a ratio of two quantities (the catalogue's ratio, or one of its special
    cases, or an answer written as a quotient of two symbols)."""
    from optiproof.catalogue import QUANTITIES

    entry = QUANTITIES.get(exp.quantity)
    return any("/" in sym for sym in exp.symbols) or (entry is not None and (
        entry.key == "ratio" or any(r.kind == "special-case" and r.other == "ratio"
                                    for r in entry.relations)))


def _multiple_of(claim: Claim, exp: Expectation) -> bool:
    """A value written as a multiple ("n times smaller") states no answer but a ratio."""
    return bool(_A_MULTIPLE.match(claim.cue.partition("@")[2])) and not _ratio_like(exp)


def _as_factor(value: Any, gradable: list[Expectation],
               known: set[str]) -> list[tuple[float, Expectation, Any]]:
    """"The update is multiplied by √c": a statement of each ratio the part asks (new over
    old), as a number; a factor holding a free constant (the ``c`` a loss is rescaled by) is
    read at a generic value of it, where it must still equal the verified ratio. A factor
    written in the problem's own quantities (``the sign step scaled by α‖g‖₁/2``) says how a
    step is built, not how it changes: it states no ratio."""
    import sympy

    if not isinstance(value, sympy.Expr) or any(
            s.name in known or s.name.isupper() or "X" in s.name for s in value.free_symbols):
        return []
    read = value.subs({s: sympy.Rational(7, 3) for s in value.free_symbols})
    if not read.is_number:
        return []
    return [(6.0, e, read) for e in gradable
            if e.kind == "number" and any("/" in sym for sym in e.symbols)]


_MENTIONED = re.compile(r"(?<!bounded )(?<!capped )(?<!limited )\b(?:by|of|with|over|"
                        r"from|via|into)(?:\s[^,;=]{0,30}\band)?\s*$")
"""Before a formula with nothing naming it: it is the object of a phrase (``normalisation by
$\\sqrt{\\hat v}$``, ``EMA of $g$ and $g^2$``), mentioned rather than stated as an answer."""


def _asked_head_of(before: str, quantities: frozenset[str]) -> bool:
    """``a ratio of $6\\sqrt{3/14}$``, ``an optimal value of −1.75``: the word right before
    "of" names a quantity the part asks, so the formula after it is that quantity's value,
    not the object of a phrase."""
    from optiproof.catalogue import QUANTITIES
    from optiproof.catalogue.quantities import _label_patterns

    m = re.search(r"\bof\s*$", before)
    if m is None:
        return False
    head = before[:m.start()].rstrip()
    return any(found.end() == len(head) for entry in QUANTITIES if entry.key in quantities
               for pattern in _label_patterns(entry) for found in pattern.finditer(head))



_OFFERED_INSTEAD = re.compile(r"^\s*(?:or|or else|alternatively|or perhaps|or maybe)\s*$", re.I)
"""A value offered as an alternative to the one before it (``p/n (or p/(n-1))``): the answer's
claim is the first; the alternative is judged as a hedge (see ``hedged_findings``)."""
_UNDETERMINED = re.compile(r"\b(?:for some|some (?:\w+ )?(?:length|scalar|constant|value|number|"
                           r"step|amount)|to be (?:determined|chosen|found|fixed)|undetermined|"
                           r"(?:is|remains|left|still) (?:unknown|open|undetermined)|yet to be)\b",
                           re.I)


def _left_open(claim: Claim, value: Any, gradable: list[Expectation]) -> bool:
    """``-t sign(g) for some length t``, ``t to be determined``: the value keeps a symbol no
    answer has and the answer says it has not fixed it -- not a final answer."""
    names = {s.name for s in getattr(value, "free_symbols", set())}
    known = set()
    for e in gradable:
        known |= set(e.symbols) | {s.name for s in getattr(e.value, "free_symbols", set())}
    stray = names - known
    return bool(stray) and (_says_undetermined(claim.unit.text) or _along(claim))


def _along(claim: Claim) -> bool:
    """The words right before the claim's subject put it on a ray (see :data:`_ALONG`)."""
    from optiproof.checking.concepts import plain

    before = " ".join(claim.cue.partition("@")[0].replace("¦", " ").split())
    shown = " ".join(plain(claim.subject_text).split()) if claim.subject_text else ""
    if shown and before.endswith(shown):
        before = before[:-len(shown)]
    return bool(_ALONG.search(before))


_ALONG = re.compile(r"\b(?:(?:along|on the (?:ray|line)|in the direction(?: of)?|restricted to)"
                    r"(?:\s+(?:the|a)\s+(?:ray|line|direction|path))?|all|every|any|each)\s*$",
                    re.I)
"""Right before a formula with a symbol no answer has: ``along u = −t sign(g)`` (the ray the
objective is studied on), ``all u = −t sign(g) tie`` (every member of it), a family of trial
steps rather than the answer."""


@lru_cache(maxsize=64)
def _says_undetermined(text: str) -> bool:
    """Whether a unit says a value is not fixed yet; once per unit, not once per claim in it (a
    long unit holds thousands of claims)."""
    return bool(_UNDETERMINED.search(text))


_VERB_AFTER = re.compile(r"^\s*(?:is|are|was|were|does|do|did|has|have|and|both|stays?|remains?|"
                         r"cancels?|scales?|changes?|becomes?|gets?|moves?|grows?|shrinks?)\b")


def _sentence_subject(claim: Claim, piece: Piece) -> bool:
    """A lone symbol that the sentence goes on to say something about (``r_t is unchanged``,
    ``m and √v both scale by c``): the subject of a sentence, not a value stated; or the
    thing it says something does not change with (``invariant to c``)."""
    import sympy

    if claim.subject or len(claim.pieces) != 1:
        return False
    from optiproof.checking.invariance import said_invariant_to

    before, _, after = claim.cue.partition("@")
    if said_invariant_to(piece.value, before.rpartition("¦")[2]):
        return True
    if isinstance(piece.value, sympy.Symbol):
        return bool(_VERB_AFTER.match(after))
    from optiproof.checking.invariance import said_unchanged

    return said_unchanged(piece.value, after)


_CONDITION_AFTER = re.compile(
    r"^\s*[)*_]*\s*(?:(?:is|are|would be|holds?)\s+)?(?:[\w-]+\s+){0,3}?\(?(?:for|when|whenever|if|"
    r"as long as|provided|while)\s+(?:all\s+|every\s+)?(?P<sym>[^\W\d]\w{0,2}|[α-ωΑ-Ω])\s*"
    r"(?P<rel><=|>=|≤|≥|⩽|⩾|<|>)\s*(?P<num>\d+(?:\.\d+)?(?:\s*/\s*\d+)?)(?![\d.])")
"""Right after a value: the range of a parameter it holds in ("u = 0 is optimal for α ≤ 1/6")."""


def _holds_elsewhere(claim: Claim, given: dict[str, Any]) -> bool:
    """The words after the value restrict it to a range of a parameter the problem fixes, and
    the fixed value lies outside it (``u = 0 is optimal for α ≤ 1/6`` where α = 0.5): a case
    of the analysis, not the answer at the given value."""
    m = _CONDITION_AFTER.match(claim.cue.partition("@")[2])
    if m is None:
        return False
    value = given.get(symbol_key(m.group("sym")))
    try:
        at = float(value)
        num, _, den = m.group("num").replace(" ", "").partition("/")
        bound = float(num) / float(den) if den else float(num)
    except (TypeError, ValueError, ZeroDivisionError):
        return False
    rel = m.group("rel")
    inside = at <= bound if rel in ("<=", "≤", "⩽") else at >= bound if rel in (
        ">=", "≥", "⩾") else at < bound if rel == "<" else at > bound
    return not inside


def _names_an_answer(claim: Claim, piece: Piece, own: set[str]) -> bool:
    """A lone symbol with nothing set equal to it that is itself the symbol of an answer the
    part asks (``m_t, v_t EMAs, bias-corrected, ...`` in a summary cell): it names that
    answer, it does not state a value of another."""
    return not claim.subject and not claim.words and len(claim.pieces) == 1 and \
        getattr(piece.value, "is_Symbol", False) and piece.value.name in own


def _conditions(givens: dict[str, Any]) -> list[str]:
    """The given assignments as an answer writes them in words (``α=0.5``)."""
    from optiproof.checking.concepts import plain
    from optiproof.core.mathtokens import GREEK

    out = []
    for key, value in givens.items():
        number = floats(value)
        if number and len(number) == 1:
            base, _, index = key.partition("_")
            name = ("\\" + base if base in GREEK else base) + (f"_{index}" if index else "")
            out.append(plain(f"{name}={number[0]:g}").replace(" ", ""))
    return out


_ARROW_LEAD = re.compile(r"(?:→|⇒|⟹|=>|->|\\Rightarrow|\\to)\s*\**\s*$")


def _continued(claim: Claim, previous: Claim | None) -> Claim:
    """``ln(10⁻⁶)/ln(0.85) = 85.01 → **86**``: a value that an arrow draws from the claim just
    before it on the same line continues that claim, with its subject and words."""
    from dataclasses import replace

    if previous is None or claim.subject or claim.words:
        return claim
    head, _, after = claim.cue.partition("@")
    if (previous.subject and 0 < claim.line - previous.line <= 2
            and re.match(r"\s*(?:=|≈)", claim.unit.text)
            and not head.rpartition("¦")[2].strip()):
        # ``u = <formula>`` and on the next line ``= [ .. ]``: the chain goes on
        return replace(claim, subject=previous.subject, subject_text=previous.subject_text,
                       cue=previous.cue.partition("@")[0] + "@" + after)
    if previous.line != claim.line or not 0 < claim.pos - previous.pos <= 200:
        return claim
    if not _ARROW_LEAD.search(head.rpartition("¦")[2]):
        return claim
    from optiproof.catalogue.quantities import label_scores

    own = set(label_scores(" ".join(_UNIT_WORDS.get(w, w) for w in _after_words(after))))
    if own and not own & set(_labels(previous, own=True)):
        return claim  # ``0.85 each step => 86 iterations``: the words after it name another
    lone = claim.pieces[0] if len(claim.pieces) == 1 else None
    at = claim.unit.text.find(lone.text, lone.pos - claim.unit.start) if lone else -1
    if lone is not None and getattr(lone.value, "is_Symbol", False) and at >= 0 and re.match(
            r"\s*[*_$]*\s*[A-Za-z]{2,}", claim.unit.text[at + len(lone.text):]):
        return claim  # ``E[m_t] = (1-β₁ᵗ)E[g] ⇒ m̂_t unbiased``: a new sentence about m̂_t
    return replace(claim, subject=previous.subject, subject_text=previous.subject_text,
                   cue=previous.cue.partition("@")[0] + "@" + after)


def _strays(value: Any, known: set[str]) -> set[str]:
    return {s.name for s in getattr(value, "free_symbols", set())} - known


def _without_strays(claim: Claim, piece: Piece, scope: Scope, known: set[str]) -> Piece:
    """``Δθ_t = -α m̂_t/(√v̂_t + ε) = -α' m_t/(√v_t + ε̂)``: a chain whose last form brings in
    a symbol nothing defines states the answer by its last form without one."""
    if piece.relation != "=" or not _strays(scope.evaluate(piece.value, claim.pos), known):
        return piece
    for earlier in reversed(claim.pieces[:-1]):
        if earlier.relation == "=" and earlier.value is not None and not _strays(
                scope.evaluate(earlier.value, claim.pos), known):
            return earlier
    return piece


def _in_own_terms(exp: Expectation, scope: Scope, pos: int) -> Any:
    """The verified value with the answer's definitions of its symbols substituted, or None
    when the answer defines none of them."""
    names = {s.name for s in getattr(exp.value, "free_symbols", set())}
    env = {k: v for k, v in scope.protected_at(pos).items() if k in names}
    plain_env = scope.at(pos)
    for name in names:  # ``mhat = m_t/(1-β₁ᵗ)`` defines the answer's ``m̂_t`` without its index
        base = re.sub(r"_t$", "", name)
        if base != name and name not in env and base in plain_env:
            env[name] = plain_env[base]
    if not env:
        return None
    from optiproof.checking.definitions import substitute

    value = substitute(substitute(exp.value, env), scope.at(pos))
    return None if value is None or value == exp.value else value


def _bounds_a_symbol(claim: Claim, piece: Piece, gradable: list[Expectation]) -> bool:
    """``the step size must satisfy α < 0.2``: an inequality on the symbol of a bound the
    part asks states that bound, whatever the words around it call the symbol."""
    if piece.text.lstrip().startswith(("~", "≈", "≲", "\\sim", "\\approx", "\\lesssim")):
        return False  # "|step| ≤ ~α": an order of magnitude, not the bound
    return piece.relation in ("<", ">") and any(
        e.bound and (not claim.subject or symbol_score(claim.subject, e) >= 2) for e in gradable)


_LIST_SEP = re.compile(r"\s+/\s+|\s*[,;&]\s*|\s+and\s+|\s*\+\s+")


def _label_order(label: str, quantities: frozenset[str],
                 expected: list[Expectation] = ()) -> list[str]:
    """The asked quantities a label names one after another (``optimal GD step / rate``:
    the step, then the rate; ``heavy ball α*, β*, ρ*``: the answers of those symbols), or []
    when its pieces do not each name a different one."""
    from optiproof.catalogue.quantities import label_scores

    out = []
    for piece in _LIST_SEP.split(label):
        scores = {q: n for q, n in label_scores(piece).items() if q in quantities}
        if not scores and piece.split():
            key = symbol_key(piece.split()[-1])
            scores = {e.quantity: 1 for e in expected if symbol_score(key, e) >= 2}
        best = sorted(scores, key=lambda q: -scores[q])
        if not best or (len(best) > 1 and scores[best[0]] == scores[best[1]] and any(
                q in out for q in best[:2])):
            # a tie is settled by what the label has not named yet ("rate" after the step)
            best = [q for q in best if q not in out]
        if not best:
            continue
        out.append(best[0])
    return out if len(out) >= 2 and len(set(out)) == len(out) else []


def _paired(claims: list[Claim], quantities: frozenset[str],
            expected: list[Expectation] = ()) -> dict[tuple[int, int], str]:
    """A cell or summary line whose label names several asked quantities in turn and which
    states as many values: claim -> the quantity its place in the list gives it."""
    by_unit: dict[tuple[int, int], list[Claim]] = {}
    for c in claims:
        if c.unit.kind in ("cell", "line") and c.final is not None and not c.excluded and (
                floats(c.final.value) or c.subject):
            by_unit.setdefault((c.unit.start, c.unit.end), []).append(c)
    out: dict[tuple[int, int], str] = {}
    for group in by_unit.values():
        first = group[0]
        for label in (first.row, first.column):
            order = _label_order(label, quantities, expected)
            if order and len(order) == len(group):
                out.update({(c.line, c.pos): q for c, q in zip(group, order, strict=True)})
                break
    return out


_LEADS_ON = re.compile(r"^[^⇒→]*?(?:\\Rightarrow|\\implies|\\to\b|⇒|→|⟹|=>|->)\s*(?:\\text\s*\{)?"
                       r"\s*[A-Za-z]{3,}")


def _leads_on(claim: Claim, piece: Piece) -> bool:
    """``2 − 6 = −4 ⇒ unbounded below``: a value an arrow draws a conclusion in words from is
    a step on the way to that conclusion, not a value the answer states."""
    at = piece.pos - claim.unit.start + len(piece.text)
    return 0 <= at <= len(claim.unit.text) and bool(_LEADS_ON.match(claim.unit.text[at:at + 80]))


def _worked_out(claim: Claim) -> bool:
    """``worst case: α(1−β₁)/√(1−β₂) = 0.001·0.1/0.0316 ≈ 0.00316``: arithmetic on numbers
    worked out to a number, the only answer it can state. Only in prose: a wrong one stays weak,
    not strong enough to be graded wrong on its own (a displayed ``2 - 6 = -4`` is a step on the
    way). A formula set equal to its exact value is not worked out (``(5) α(1 − β₁)/√(1 − β₂) =
    √10/1000``: a step of a derivation)."""
    final = claim.final
    return claim.tier_of_final < TIER_CONCLUSION and len(claim.pieces) >= 2 and all(
        p.relation == "=" for p in claim.pieces[1:]) and (
        final is claim.pieces[-1] and bool(floats(final.value))) and any(
        _ARITHMETIC.fullmatch(p.text.strip()) and _OPERATOR.search(p.text)
        for p in claim.pieces[:-1])


_ARITHMETIC = re.compile(r"(?:[\d.,\s·×*/÷+\-−√()\[\]^eE⁰-⁹⁻|{}]|\\?(?:max|min)\b|\\[{}]"
                         r"|\\(?:left|right)\b)+")
_OPERATOR = re.compile(r"\d\s*[·×*/÷+\-−]\s*[\d√(]|(?:max|min)\s*(?:\\left)?\s*\\?[{(\[]")
"""Numbers and operators only (``0.001·0.1/0.0316``, ``max{0.85, 0.5}``): the arithmetic of a
worked example."""


def _sets_threshold(claim: Claim, piece: Piece, gradable: list[Expectation]) -> bool:
    """``the step stays 0 while α < 1/6``: a condition on the very symbol whose threshold the
    part asks states that threshold (it is the answer, not a hypothesis)."""
    return claim.excluded == "hypothetical" and piece.relation in ("<", ">") and any(
        e.quantity == "threshold" and symbol_score(claim.subject, e) >= 2 for e in gradable)


_LABEL_TUPLE = re.compile(r"\(([^()]*,[^()]*)\)")
_SPACING = re.compile(r"^(?:\s|\\[,;:!> ]|\\q?quad\b|~)+")


def _tuple_entries(claim: Claim, gradable: list[Expectation]) -> list[Claim]:
    """``| heavy-ball (α, β) | (0.231, 0.519) |``: a value written as a tuple in a row (or
    column) labelled with a tuple of as many symbols, each the symbol of a scalar answer of
    the part, states each of those answers in turn; the claim is read as one claim per symbol.
    Any other claim is itself."""
    import sympy
    from dataclasses import replace

    from optiproof.checking.formula import split_top

    final = claim.final
    value = getattr(final, "value", None)
    if claim.subject or claim.words or not isinstance(value, sympy.MatrixBase) or \
            1 not in value.shape or len(value) < 2:
        return [claim]
    scalars = [e for e in gradable if e.kind not in ("vector", "matrix")]
    for label in (claim.row, claim.column):
        for m in _LABEL_TUPLE.finditer(label or ""):
            names = [n.strip() for n in m.group(1).split(",")]
            keys = [symbol_key(n) for n in names]
            if len(names) != len(value) or len(set(keys)) != len(keys) or not all(
                    any(symbol_score(k, e) >= 2 for e in scalars) for k in keys):
                continue
            inner = final.text.strip().removeprefix("(").removesuffix(")")
            texts = split_top(re.sub(r"\\[,;:!]", " ", inner), ",")
            if len(texts) != len(value):
                return [claim]  # its entries as written are not to be told apart
            out, at = [], 0
            for name, key, text, entry in zip(names, keys, texts, value, strict=True):
                text = _SPACING.sub("", text).strip()
                at = max(final.text.find(text, at), 0)
                piece = replace(final, text=text, value=entry, pos=final.pos + at)
                out.append(replace(claim, subject=key, subject_text=name, pieces=(piece,),
                                   pos=piece.pos))
            return out
    return [claim]


def _objective_aliases(claims: list[Claim], gradable: list[Expectation]
                       ) -> dict[str, tuple[str, int]]:
    """``φ(u) = gᵀu + (1/α)‖u‖²``: a function the answer defines as the objective the part
    minimises names its value from there on (``φ(u) = −3.5 + 1.75 = −1.75`` states the
    minimum value); subject -> (the objective's key, where it was defined)."""
    found: dict[str, tuple[str, int]] = {}
    for e in gradable:
        if e.quantity != "min-value":
            continue
        for c in claims:
            if c.subject and not c.excluded and c.pieces and c.pieces[0].relation == "=" \
                    and _APPLIED.fullmatch(c.subject) and c.subject not in e.symbols \
                    and (key := symbol_key(c.pieces[0].text.rstrip(" .,;"))) in e.symbols:
                found.setdefault(c.subject, (key, c.pos))
    return found


def _step_aliases(claims: list[Claim], gradable: list[Expectation]) -> dict[str, tuple[str, int]]:
    """``d = Δθ``: a letter the answer declares for the variable the objective is minimised
    over names that variable from there on (its solved value is the update); letter ->
    (the variable's key, where it was declared). A letter the verified answers use, or one
    declared for two variables, is no alias."""
    decision = {k for e in gradable for k in e.decision}
    own = {k for e in gradable for k in e.symbols}
    found: dict[str, tuple[str, int]] = {}
    clashing: set[str] = set()
    for c in claims:
        if not c.subject or c.excluded or len(c.pieces) != 1 or c.pieces[0].relation != "=" \
                or c.subject in own or not re.fullmatch(r"[^\W\d_]", c.subject):
            continue
        value = c.pieces[0].value
        name = getattr(value, "name", None) if getattr(value, "is_Symbol", False) else \
            symbol_key(c.pieces[0].text)  # ``Δθ`` in plain text reads as a product
        if name in decision:
            if c.subject in found and found[c.subject][0] != name:
                clashing.add(c.subject)
            found.setdefault(c.subject, (name, c.pos))
    return {k: v for k, v in found.items() if k not in clashing}


def statements_of(claims: list[Claim], expected: list[Expectation], scope: Scope,
                  givens: dict[str, Any], numbers: list[Any],
                  text: str = "") -> dict[str, list[Statement]]:
    """Expectation name -> the claims that state it (each claim states at most one, except a
    statement in words such as "unbounded below", which states every answer it fits)."""
    out: dict[str, list[Statement]] = {e.name: [] for e in expected}
    gradable = [e for e in expected if e.kind != "none"]
    quantities = frozenset(e.quantity for e in gradable)
    known = {n for e in gradable for n in e.symbols} | {
        s.name for e in gradable for s in getattr(e.value, "free_symbols", set())}
    context = {"quantities": quantities, "own": {s for e in gradable for s in e.symbols},
               "known": known,
               "subjects": frozenset(e.subject for e in gradable if e.subject),
               "conditions": _conditions(givens), "text": text, "givens": set(givens),
               "given_values": {**getattr(scope, "data", {}), **givens}}
    context["paired"] = _paired(claims, quantities, gradable)
    previous = None
    last: tuple[Claim, Expectation] | None = None
    aliases = _step_aliases(claims, gradable) | _objective_aliases(claims, gradable)
    for claim in [one for c in claims for one in _tuple_entries(c, gradable)]:
        claim, previous = _continued(claim, previous), claim
        if claim.subject in aliases and claim.pos > aliases[claim.subject][1]:
            claim = replace(claim, subject=aliases[claim.subject][0])
        piece = claim.final if not claim.words else claim.pieces[0]
        if piece is None or (claim.excluded and not _sets_threshold(claim, piece, gradable)):
            continue
        if not claim.words:
            piece = _without_strays(claim, piece, scope, context["known"])
        raw = scope.evaluate(piece.value, claim.pos) if claim.words != UNBOUNDED else UNBOUNDED
        value = UNBOUNDED if claim.words == UNBOUNDED else _drop_index(raw, claim.subject)
        context["raw"] = raw
        decorated = bool(claim.subject) and bool(_DECORATED.search(_base(claim.subject)))
        if value is None or restates_given(claim, value, givens, numbers) or (
                (claim.subject in givens or decorated)
                and not any(symbol_score(claim.subject, e) for e in gradable)):
            continue
        if (names_other(claim, quantities) and claim.words not in ("unchanged", "factor")
                and not _bounds_a_symbol(claim, piece, gradable)
                and not any(symbol_score(claim.subject, e) >= 4 for e in gradable)) or (
                not claim.subject and claim.words != "factor"
                and _MENTIONED.search(claim.cue.partition("@")[0]) and not _asked_head_of(
                    claim.cue.partition("@")[0].rpartition("¦")[2], quantities)):
            continue
        if _left_open(claim, value, gradable) or (_in_transformed(claim)
                and not any(symbol_score(claim.subject, e) >= 4 for e in gradable)):
            continue
        if _holds_elsewhere(claim, context["given_values"]):
            continue
        if _names_an_answer(claim, piece, context["own"]) or _sentence_subject(claim, piece) \
                or _OFFERED_INSTEAD.search(
                claim.cue.partition("@")[0].rpartition("¦")[2]):
            continue
        best = sorted(_candidates(claim, piece, value, gradable, context), key=lambda x: -x[0])
        if symbol_names_other(claim.subject, quantities, context["own"]) and not any(
                read is not value or symbol_score(claim.subject, e) for _, e, read in best):
            continue
        if claim.words == UNBOUNDED:
            for evidence, e, read in best:
                out[e.name].append(Statement(claim, piece, read, evidence))
            continue
        if len(best) > 1 and best[1][0] == best[0][0]:
            best = _same_subject_as_before(best, last, claim)
        if not best or (len(best) > 1 and best[1][0] == best[0][0]):
            continue
        top, exp, read = best[0]
        if top < 2 and not (len(best) == 1 and top >= 0 and not claim.subject and (
                claim.unit.kind == "display" or claim.role == "summary"
                or _worked_out(claim)) and not _leads_on(claim, piece)):
            continue
        out[exp.name].append(Statement(claim, piece, read, top, _in_own_terms(exp, scope,
                                                                                claim.pos)))
        last = (claim, exp)
    return out


def _same_subject_as_before(best: list[tuple[float, Expectation, Any]],
                            last: tuple[Claim, Expectation] | None, claim: Claim
                            ) -> list[tuple[float, Expectation, Any]]:
    """Break a tie between the same quantity of several subjects (schemes, methods:
    ``n(n-1)`` after ``all-to-all: ... -> n-1 msgs per worker, n workers -> n(n-1) msgs``) by
    the subject of the statement just before it on the same line: a line goes on about the
    scheme it started with until it names another."""
    if last is None or last[0].line != claim.line or last[0].role != claim.role:
        return best
    exp = last[1]
    subject = exp.name.partition(": ")[0] if ": " in exp.name else None
    tied = [b for b in best if b[0] == best[0][0]]
    if subject is None or best[0][0] < 2:
        return best
    before = claim.cue.partition("@")[0].lower()
    others = {b[1].name.partition(": ")[0] for b in tied} - {subject}
    if any(word in before for other in others for word in re.findall(r"[\w-]{4,}", other.lower())
           if word not in ("reduce", "all-reduce")):
        return best  # the line names another subject before the value
    mine = [b for b in tied if b[1].name.partition(": ")[0] == subject and ": " in b[1].name]
    return mine if len(mine) == 1 else best
