"""A negator covers the noun phrase right after it, not a mention past a comma that opens a
clause of its own; a comma inside a list the negator runs through keeps the negation."""
import pytest

from optiproof.core.text.match import negated


def _at(text: str, word: str) -> bool:
    return negated(text, text.index(word))


@pytest.mark.parametrize("text", [
    "Without the bias-correction step, Adam moves the weight by roughly lr.",
    "Leaving out no terms besides decoupled decay, RMSprop still divides by the root.",
    "Unlike plain SGD, Adam rescales each coordinate.",
    "Instead of clipping the update, AdamW shrinks the weight first.",
])
def test_mention_after_comma_is_not_negated(text):
    comma = text.index(",")
    name = next(w for w in ("AdamW", "RMSprop", "Adam") if w in text[comma:])
    assert not negated(text, text.index(name, comma))


@pytest.mark.parametrize("text, word", [
    ("Run it without momentum or Adam.", "Adam"),
    ("Compared with Adam, RMSprop and AdamW, it is slow.", "AdamW"),
    ("Without weight decay the update shrinks.", "weight decay"),
    ("Unlike SGD, unlike RMSprop, and unlike Adam it keeps a buffer.", "Adam it"),
])
def test_negation_within_its_phrase_or_list_is_kept(text, word):
    assert _at(text, word)
