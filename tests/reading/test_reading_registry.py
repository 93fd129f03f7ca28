"""Each family reader is registered and names only fields its family's spec declares."""

from __future__ import annotations

import importlib

import pytest

from optiproof.families import FAMILIES
from optiproof.reading.registry import READER_MODULES, readers


def test_every_family_has_a_reader():
    assert set(readers()) == set(FAMILIES) == set(READER_MODULES)


@pytest.mark.parametrize("family", sorted(READER_MODULES))
def test_reader_field_names_exist_in_the_spec(family):
    module = importlib.import_module(READER_MODULES[family])
    fields = set(FAMILIES[family].spec().model_fields)
    names = {v for k, v in vars(module.F).items() if not k.startswith("given_")}
    missing = names - fields
    assert not missing, f"{family} reader names fields its spec lacks: {sorted(missing)}"
