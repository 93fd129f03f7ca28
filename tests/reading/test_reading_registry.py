"""Each family's reader hooks are found through its Family object and name only fields its
family's spec declares."""

from __future__ import annotations

import importlib

import pytest

from optiproof.families import FAMILIES
from optiproof.reading.registry import readers


def test_every_family_has_reader_hooks():
    hooks = readers()
    assert set(hooks) == set(FAMILIES)
    for key, hook in hooks.items():
        assert hook.family == key
        assert hook.answers and all(isinstance(q, str) for q in hook.answers)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_reader_field_names_exist_in_the_spec(family):
    module = importlib.import_module(FAMILIES[family].reader)
    fields = set(FAMILIES[family].spec().model_fields)
    names = {v for k, v in vars(module.F).items() if not k.startswith("given_")}
    missing = names - fields
    assert not missing, f"{family} reader names fields its spec lacks: {sorted(missing)}"
