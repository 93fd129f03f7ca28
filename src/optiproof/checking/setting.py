"""An optimizer named as the setting of a sameness, not as one of the things said to be the same.

"For plain SGD the two coincide (up to reparametrising λ), but with Adam the preconditioner
breaks that equivalence": what coincide are "the two" (L2 regularisation and decoupled weight
decay); SGD is where they do. Such a name does not identify the part's update with SGD. The
sameness must be said of a plural the sentence names without an optimizer ("the two", "both",
"they", "these", "the two updates"), and the name must stand as the setting: right after "for",
"with", "in", "under" or "using" (an optimizer written as the object of "the same as" is still
named as the same update).
"""

from __future__ import annotations

import re

_SETTING_BEFORE = re.compile(r"\b(?:for|with|in|under|using|within)\s+(?:(?:plain|vanilla|ordinary|"
                             r"standard|simple|basic|pure|the|an?)\s+)*$", re.I)
_PLURAL_SAME = re.compile(
    r"\b(?:the two|both|they|these|those)(?:\s+(?:[a-z]+[- ])?[a-z]{2,}(?<!ss)s)?"
    r"(?:\s+(?:are|is|would|will|be|give|yield|produce|become|behave|do|really|then|only|"
    r"exactly|just|"
    r"essentially|effectively|all|also)){0,3}\s+(?:coincide|agree|match|equivalent|identical|"
    r"interchangeable|the same|one and the same)\b", re.I)
"""A sameness said of a plural named without an optimizer ("the two coincide", "they are only
equivalent", "both penalties give the same step", "the two formulations coincide"): any plural
noun, with at most one word before it, may follow the plural."""


def names_the_setting(clause: str, start: int) -> bool:
    """Is the optimizer named at ``start`` of ``clause`` (plain words) the setting in which
    two other things are said to be the same ("for plain SGD the two coincide", "they are
    equivalent for SGD")?"""
    if not _SETTING_BEFORE.search(clause[:start]):
        return False
    return bool(_PLURAL_SAME.search(clause[:start]) or _PLURAL_SAME.search(clause[start:]))
