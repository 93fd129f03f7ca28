"""A formula the sentence says is unchanged is what the sentence is about, not a value.

"so $\\hat m/\\sqrt{\\hat v}$ is unchanged", "$\\Delta\\theta$ stays the same", "the ratio
m̂/√v̂ does not change": the formula names the thing that is invariant (the words are the
claim: "unchanged"); it states no value of any answer. Only a formula that names something
(symbols combined without numbers, as a chain's subject) is read so: a worked-out value
followed by the same words ("the step [−0.001, 0.001, −0.001] is unchanged") still states
itself.

Likewise a formula the words before it name as what the thing does not depend on ("invariant
to $c$", "independent of $\\lambda$", "unaffected by $c$"): it is what is varied, not a value.
"""

from __future__ import annotations

import re
from typing import Any

_INVARIANT = re.compile(
    r"\s*(?:(?:is|are|stays?|remains?|keeps?)\s+(?:[*_]{1,2})?(?:exactly\s+|still\s+|also\s+|"
    r"then\s+|therefore\s+|thus\s+|hence\s+|completely\s+|entirely\s+)?(?:[*_]{1,2})?"
    r"(?:unchanged|unaffected|invariant|identical|the same|not changed|not affected)|"
    r"(?:does|do|will|would)\s+(?:[*_]{1,2})?not(?:[*_]{1,2})?\s+change|(?:doesn't|don't|won't)\s+"
    r"change|(?:cancels?|is scale[- ]invariant))\b", re.I)
"""Words that say the thing before them does not change."""


def said_unchanged(value: Any, after: str) -> bool:
    """The words right after a formula that names a quantity (``after``, plain words) say it
    is unchanged: the formula is the sentence's subject."""
    from optiproof.checking.claims import is_name

    return is_name(value) and bool(_INVARIANT.match(after))


_INVARIANT_TO = re.compile(
    r"(?:\b(?:invariant|insensitive|independent|unaffected|unchanged|not affected)(?:[*_]{1,2})?"
    r"\s+(?:to|of|by|under|with respect to|w\.?r\.?t\.?)(?:\s+(?:the|a|any|every))?"
    r"(?:\s+(?:positive\s+)?(?:constant|scale|scaling|factor|rescaling))?"
    r"|\b(?:does|do)\s+not\s+depend\s+on|\bdoesn't\s+depend\s+on)\s*$", re.I)
"""Words that end by naming what a thing does not change with."""


def said_invariant_to(value: Any, before: str) -> bool:
    """The words right before a formula that names something (``before``, plain words) say a
    thing does not change with it ("invariant to c"): the formula is what is varied."""
    from optiproof.checking.claims import is_name

    return is_name(value) and bool(_INVARIANT_TO.search(before))
