"""Part labels an answer opens its parts with, in the ways people write them."""

from __future__ import annotations

import pytest

from optiproof.checking.segment import label_at_start

LABELS = frozenset("abc")


@pytest.mark.parametrize("line, label", [
    ("(a) The limit is ...", "a"), ("Q(a): SGD converges to", "a"), ("Q (b) - answer", "b"),
    ("**Q(c).** Rescaling", "c"), ("Q.b: the preconditioned limit", "b"),
    ("Question (a): yes", "a"), ("Part b: the limit", "b"), ("### Problem (c)", "c"),
    ("Task (a) Adam", "a"), ("Ex. c) The ring", "c"), ("b) the limit", "b"),
    ("**a)** bold label", "a"), ("c. lowercase letter", "c"),
])
def test_a_part_label_is_read_in_every_common_form(line, label):
    assert label_at_start(line, LABELS) == label


@pytest.mark.parametrize("line", [
    "Quick note (a small aside)", "Question: what is q(a)?", "Qualitatively (a) holds",
    "A. Capital letters start sentences", "Exactly (b) is wrong", "d) not a part here",
    "Equation (a) shows",
])
def test_words_that_merely_start_like_a_label_are_not_labels(line):
    assert label_at_start(line, LABELS) is None
