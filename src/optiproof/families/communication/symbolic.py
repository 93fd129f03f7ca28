"""A part that asks its answer as a formula in letters ("write it as a formula in n and p", "Give
the general formula in N and p.", "as a function of n for general n and p").

Each letter asked is the workers' or the parameters' count by meaning: the letter the text set
to the count ("N = 8 GPUs"), or a letter the request glosses with the count's noun ("n (gpus)",
"p (params)"). Those counts are kept as their letters in the part, whatever numbers the text
gives. A letter that is neither (or a latency or bandwidth the text gives as a number) is
refused, naming it: a formula with that value substituted would answer another question.
"""

from __future__ import annotations

import re

from optiproof.core.text.match import rx
from optiproof.core.text.record import PartReading
from optiproof.families.communication.roles import (PARAMETER_NOUNS, VALUE_NOUNS, WORKER_NOUNS,
                                                    assigned)

_LETTER = r"(?:[A-Za-z]|α|β|alpha|beta)(?: ?\([\w -]{2,20}\))?"
_LETTERS = rf"(?P<letters>{_LETTER}(?:(?: ?, ?(?:and )?| and | ?& ?){_LETTER}){{0,4}})(?![\w(])"
FORMULA_REQUEST = (rf"\b(?:(?:as|in|with) (?:an? |the )?(?:general |closed[- ]form |symbolic |explicit )?"
                   rf"(?:function|formula|expression) (?:of|in)|(?:the |a )?(?:general|closed[- ]form|"
                   rf"symbolic|explicit) (?:formula|expression)(?: for \w+(?: \w+)?)? (?:in|of)|in terms of|"
                   rf"for (?:a )?(?:general|arbitrary|any)(?: values? of)?) {_LETTERS}")
"""A request for a formula in letters, the letters (each maybe glossed) in group ``letters``."""
_GLOSS = re.compile(r"^(\S+?) ?\(([\w -]{2,20})\)$")
_FIELDS = {"workers": "n", "parameters": "p"}


def _roles(letter: str, gloss: str, text: str, r: PartReading) -> list[str]:
    """The count fields (``n``, ``p``) the letter stands for: by its gloss's noun, else by the
    letter the text set to that count, else by the letter the part already keeps."""
    if gloss:
        out = []
        if rx(rf"^(?:the )?(?:number of )?{WORKER_NOUNS}$").match(gloss.strip()):
            out.append("n")
        if rx(rf"^(?:the )?(?:number of )?(?:{PARAMETER_NOUNS}|{VALUE_NOUNS})$").match(gloss.strip()):
            out.append("p")
        return out
    fields = [(name, r.fields[name]) for name in ("n", "p") if name in r.fields]
    kept = [name for name, f in fields if f.value == letter]
    if kept:
        return kept
    values = {c.value for c in assigned(text, letter) if c.kind == "number"}
    out = [name for name, f in fields if f.value in values]
    if len(out) > 1:   # equal counts ("K = 2 machines ... m = 2 entries"): the one set there
        out = [name for name, f in fields if any(_overlap(text, c.source, f.source or "")
                                                 for c in assigned(text, letter))]
    return out


_EVALUATED = (r"\b(?:evaluate|plug in|substitute|numerically|compute (?:it|this|that|them) (?:for|at|with)|"
              r"for the (?:given|above|stated) (?:numbers|values))\b")
"""A part that asks the formula and its value: answered as before (a number alone is refused)."""


def _overlap(text: str, a: str, b: str) -> bool:
    """Whether the phrases ``a`` and ``b`` overlap where they first occur in ``text`` ("K = 16"
    and "16 machines" of "K = 16 machines")."""
    i, j = text.find(a), text.find(b)
    return i >= 0 and j >= 0 and i < j + len(b) and j < i + len(a)


def read_formula_request(own: str, text: str, r: PartReading) -> None:
    """Keep each count a formula request of the part's own text names as its letter (``text``:
    the part's and the shared text, where the letters are set); record the request as read, or
    refuse a letter that is no count of the part (naming it). A part that also asks the value
    ("..., and evaluate it for n = 64") or sets the letter itself is left as it was read."""
    if rx(_EVALUATED).search(own):
        return
    for m in rx(FORMULA_REQUEST).finditer(own):
        items = [x.strip() for x in re.split(r" ?, ?(?:and )?| and | ?& ?", m.group("letters"))
                 if x.strip()]
        letters = [(g.group(1), g.group(2)) if (g := _GLOSS.match(item)) else (item, "")
                   for item in items]
        if any(assigned(own, letter) for letter, _ in letters):
            continue
        for letter, gloss in letters:
            if letter in ("α", "β", "alpha", "beta"):
                r.found.setdefault("formula costs", []).append((letter, m.group(0)))
                continue
            if not gloss and any(f.value == letter for f in r.fields.values()):
                continue   # a letter the part keeps already ("log2 n is written k")
            roles = _roles(letter, gloss, text, r)
            if len(roles) != 1 or roles[0] not in r.fields:
                r.miss("formula", f'"{m.group(0)}" asks a formula in {letter}, which the reading '
                                  "cannot tell as the number of workers or of parameters (expected "
                                  "the letter the text sets, e.g. 'N = 8 GPUs', or 'n (workers)')")
                return
            field = r.fields[roles[0]]
            if field.value != letter:
                r.set(roles[0], letter, m.group(0), note=f"the part asks a formula in {letter}: "
                                                         f"kept as a symbol (the text's value is "
                                                         f"{field.value})")
        r.convention("formula", m.group(0), f"the answer is asked as a formula in "
                                            f"{', '.join(items)}")


def check_formula_costs(r: PartReading) -> None:
    """A formula asked in α or β while the part reads that cost as a number: refused, naming
    the request (the value substituted would answer another question)."""
    for letter, source in r.found.get("formula costs", []):
        name = "alpha" if letter in ("α", "alpha") else "bandwidth"
        if name in r.fields and not isinstance(r.value(name), str):
            r.miss("formula", f'"{source}" asks a formula in {letter}, but the part reads '
                              f"{letter} as a number (expected a text that leaves {letter} as a "
                              "symbol, or the formula and its value asked apart)")
