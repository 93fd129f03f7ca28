"""One vocabulary: no module outside the catalogue spells the canonical key or the display name
of a norm, optimizer or collective scheme, and no module outside a family spells that family's
key. Every string literal of every module is read from its syntax tree (f-string parts too).
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from optiproof.catalogue import NORMS, OPTIMIZERS, SCHEMES
from optiproof.families import FAMILIES, Family

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "optiproof"

CANONICAL = {name.lower(): f"{registry.kind} {entry.key!r}"
             for registry in (NORMS, OPTIMIZERS, SCHEMES) for entry in registry
             for name in (entry.key, entry.name)}
"""Every canonical key and display name (lower case) -> what it names."""


def _family_folders() -> dict[str, str]:
    """Family key -> the folder (families/<name>) whose family.py declares it."""
    out = {}
    for folder in sorted(p.parent.name for p in (PACKAGE / "families").glob("*/family.py")):
        module = importlib.import_module(f"optiproof.families.{folder}.family")
        out.update({f.key: f"families/{folder}/" for f in vars(module).values()
                    if isinstance(f, Family)})
    return out


FAMILY_FOLDERS = _family_folders()


def literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal of a module, f-string parts included."""
    return [(node.lineno, node.value) for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def spelled_names(rel: str, source: str) -> list[tuple[int, str, str]]:
    """(line, literal, why) of each literal that spells a name only its owner may spell."""
    out = []
    for line, text in literals(source):
        name = text.strip()
        if name.lower() in CANONICAL:
            out.append((line, name, CANONICAL[name.lower()]))
        if name in FAMILY_FOLDERS and not rel.startswith(FAMILY_FOLDERS[name]):
            out.append((line, name, f"the key of family {name!r}"))
    return out


MODULES = {p.relative_to(PACKAGE).as_posix(): p for p in sorted(PACKAGE.rglob("*.py"))
           if p.relative_to(PACKAGE).parts[0] != "catalogue"}


def test_every_registered_family_has_a_folder():
    assert set(FAMILY_FOLDERS) == set(FAMILIES)


@pytest.mark.parametrize("rel", sorted(MODULES))
def test_no_module_spells_a_name_it_does_not_own(rel: str):
    found = [f"line {line}: {name!r} ({why})"
             for line, name, why in spelled_names(rel, MODULES[rel].read_text(encoding="utf-8"))]
    assert not found, f"{rel} spells names owned by the catalogue or a family: {found}"


def test_the_scan_finds_a_spelled_name():
    source = 'NAMES = {"ring all-reduce": 1}\nf"use {x} {\'LINF\'}"\n'
    found = [(name, why) for _, name, why in spelled_names("pipeline.py", source)]
    assert found == [("ring all-reduce", "scheme 'ring-allreduce'"), ("LINF", "norm 'linf'")]
