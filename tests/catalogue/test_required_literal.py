"""The catalogue's shortcut before a phrase or label pattern runs: a text that lacks the
pattern's required literal cannot match it. The shortcut must never drop a match: checked
against the patterns themselves on generated texts, and the case folding against every code
point that a case-insensitive pattern matches to an ASCII letter."""

from __future__ import annotations

import re
import string
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.catalogue import NORMS, OPTIMIZERS, QUANTITIES, SCHEMES
from optiproof.catalogue.base import _ASCII_FOLDS, fold_case, required_literal
from optiproof.catalogue.quantities import _label_patterns, label_scores


def test_every_character_folding_to_an_ascii_letter_is_listed():
    folds = {chr(k): v for k, v in _ASCII_FOLDS.items()}
    for cp in range(0x80, sys.maxunicode + 1):
        u = chr(cp)
        near = (u.lower() + u.upper() + u.casefold())
        if not any(c in string.ascii_letters for c in near):
            continue
        for c in string.ascii_lowercase:
            if re.fullmatch(c, u, re.I):
                assert folds.get(u) == c, (hex(cp), c)


_WORDS = st.sampled_from(["norm", "sign", "rate", "ring", "all-reduce", "Adam", "ADAMW", "step",
                          "ℓ∞", "ℓ₂", "‖g‖", "messages", "per", "İ", "ı", "ſ", "K", "SGD",
                          "momentum", "iterations", "size", "each", " ", "-", "(", ")", "2",
                          "learning", "heavy ball", "Euclidean", "max-norm", "signSGD"])
_TEXTS = st.lists(_WORDS, min_size=1, max_size=12).map(" ".join)


def _patterns():
    for reg in (NORMS, OPTIMIZERS, SCHEMES, QUANTITIES):
        for entry in reg:
            yield from entry.patterns()
    for entry in QUANTITIES:
        yield from _label_patterns(entry)


@settings(max_examples=60, deadline=None)
@given(_TEXTS)
def test_a_text_without_the_literal_has_no_match(text):
    folded = fold_case(text)
    for pattern in _patterns():
        literal, icase, slow = required_literal(pattern)
        if not literal or pattern.search(text) is None:
            continue
        if slow is not None:
            assert slow.search(text), (pattern.pattern, text)
        else:
            assert literal in (folded if icase else text), (pattern.pattern, text)


@settings(max_examples=60, deadline=None)
@given(_TEXTS)
def test_label_scores_agree_with_the_patterns_alone(text):
    text = text.lower()
    want: dict[str, int] = {}
    for entry in QUANTITIES:
        for pattern in _label_patterns(entry):
            for m in pattern.finditer(text):
                want[entry.key] = max(want.get(entry.key, 0), m.end() - m.start())
    assert label_scores(text) == want
