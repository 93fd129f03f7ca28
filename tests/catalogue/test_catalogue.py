"""The catalogue: unique names, lookups by any name, mentions in text, relations that resolve."""

from __future__ import annotations

from typing import get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from optiproof.catalogue import (KINDS, NORMS, OPTIMIZERS, QUANTITIES, SCHEMES, key_literal,
                                 normalise_name)
from optiproof.catalogue import norms, optimizers


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_name_finds_its_entry(kind):
    registry = KINDS[kind]
    assert len(registry) > 0
    for entry in registry:
        for name in entry.names():
            assert registry[name] is entry, (kind, name)
            assert registry[name.upper()] is entry
            assert registry.canonical(" " + name.replace("-", " ") + " ") == entry.key


def test_unknown_names_are_refused_with_the_known_keys():
    with pytest.raises(ValueError, match="known: l2, l1"):
        NORMS.canonical("l7")
    assert OPTIMIZERS.get(None) is None  # type: ignore[arg-type]


def test_choose_takes_any_name_of_an_allowed_entry_and_refuses_the_others():
    allowed = (norms.L1, norms.LINF)
    assert NORMS.choose("Max norm", allowed) == "linf"
    with pytest.raises(ValueError, match="unknown norm 'euclidean'; known: l1, linf"):
        NORMS.choose("euclidean", allowed)
    with pytest.raises(ValueError, match="unknown method 'sgd'"):
        OPTIMIZERS.choose("sgd", (optimizers.GD,), what="method")
    same = {optimizers.SGD: optimizers.GD}
    assert OPTIMIZERS.choose("SGD", (optimizers.GD,), also=same) == "gd"


def test_key_literal_lists_the_keys_in_order():
    assert get_args(key_literal((norms.LINF, norms.L1))) == ("linf", "l1")


def test_relations_point_at_declared_entries():
    every_key = {e.key for reg in KINDS.values() for e in reg}
    for registry in KINDS.values():
        for entry in registry:
            for rel in entry.relations:
                assert rel.other in every_key, (entry.key, rel.other)


def test_norm_duals_are_declared_norms():
    for entry in NORMS:
        assert not entry.dual or NORMS.get(entry.dual) is not None, entry.key


@pytest.mark.parametrize("text,keys", [
    ("compare ring all-reduce with a tree all-reduce and a parameter server",
     ["ring-allreduce", "tree-allreduce", "parameter-server"]),
    ("we run SGD with momentum, then Nesterov's method and AdamW",
     ["heavy-ball", "nesterov", "adamw"]),
])
def test_mentions_prefer_the_longest_phrase(text, keys):
    registry = SCHEMES if "ring" in text else OPTIMIZERS
    assert [m.entry.key for m in registry.mentions(text)] == keys


def test_quantity_phrases_find_their_question():
    found = [m.entry.key for m in QUANTITIES.mentions("How many messages are sent in total?")]
    assert found == ["messages"]


@given(st.text(max_size=200))
def test_mentions_are_in_text_order_and_disjoint(text):
    for registry in KINDS.values():
        ms = registry.mentions(text)
        for a, b in zip(ms, ms[1:]):
            assert a.end <= b.start
        for m in ms:
            assert text[m.start:m.end] == m.phrase


@given(st.text(alphabet="aB -_", max_size=20))
def test_normalise_name_ignores_case_and_separators(name):
    assert normalise_name(name) == normalise_name(name.upper().replace("-", " "))
