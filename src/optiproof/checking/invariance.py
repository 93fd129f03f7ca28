"""A formula the sentence says is unchanged is what the sentence is about, not a value.

"so $\\hat m/\\sqrt{\\hat v}$ is unchanged", "$\\Delta\\theta$ stays the same", "the ratio
m̂/√v̂ does not change": the formula names the thing that is invariant (the words are the
claim: "unchanged"); it states no value of any answer. Only a formula that names something
(symbols combined without numbers, as a chain's subject) is read so: a worked-out value
followed by the same words ("the step [−0.001, 0.001, −0.001] is unchanged") still states
itself.
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
