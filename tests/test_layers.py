"""Imports point one way: core <- catalogue <- families <- reading/checking/rendering <- the
pipeline, the command line and the API; a family imports no other family.

Every import of every module is read from its syntax tree (imports inside functions and under
``TYPE_CHECKING`` included), so a lazy import cannot hide an upward edge.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "optiproof"

LAYERS = {
    "core": 0,
    "catalogue": 1,
    "families": 2, "witnesses": 2,
    "reading": 3, "checking": 3, "rendering": 3, "runtime": 3,
    "pipeline": 4, "loading": 4, "cli": 4, "server": 4, "__init__": 4, "__main__": 4,
}
"""Layer of each top-level module or package of ``optiproof``; a module may import its own
layer or lower ones."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every ``optiproof`` module that ``path`` imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
            if node.module == "optiproof":
                out += [(node.lineno, f"optiproof.{a.name}") for a in node.names]
    return [(line, m) for line, m in out if m.split(".")[0] == "optiproof"]


def top(module: str) -> str:
    """The top-level part of an optiproof module name (``optiproof`` itself is ``__init__``)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def family_of(module: str) -> str | None:
    """The family package a module belongs to (``families.<name>``), if any."""
    parts = module.split(".")
    return parts[2] if len(parts) > 3 and parts[1] == "families" else None


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer():
    assert {top(module_name(p)) for p in MODULES} <= set(LAYERS)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path: Path):
    me = module_name(path)
    upward = [f"line {line}: {m}" for line, m in imported_modules(path)
              if LAYERS[top(m)] > LAYERS[top(me)]]
    assert not upward, f"{me} imports a layer above its own: {upward}"


@pytest.mark.parametrize("path", [p for p in MODULES if family_of(module_name(p))],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_family_imports_no_other_family(path: Path):
    me = family_of(module_name(path))
    others = [f"line {line}: {m}" for line, m in imported_modules(path)
              if family_of(m) not in (None, me)]
    assert not others, f"family {me} imports another family: {others}"


def test_the_checker_sees_an_upward_import(tmp_path: Path):
    """The test itself can fail: a core module importing rendering is reported."""
    bad = PACKAGE / "core" / "solution.py"
    text = bad.read_text(encoding="utf-8") + "\n\ndef _f():\n    import optiproof.rendering\n"
    copy = tmp_path / "solution.py"
    copy.write_text(text, encoding="utf-8")
    found = [m for _, m in imported_modules(copy) if LAYERS[top(m)] > LAYERS["core"]]
    assert found == ["optiproof.rendering"]
