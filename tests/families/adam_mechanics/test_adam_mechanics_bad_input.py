"""Bad input: a clear message naming the field (BadInput, exit code 2)."""

from __future__ import annotations

import pytest

from optiproof.core.errors import BadInput
from optiproof.families.problem import make_problem


def spec(**kw):
    return {"family": "adam-mechanics", "asks": kw.pop("asks", ["first-step"]), **kw}


@pytest.mark.parametrize(("fields", "says"), [
    ({"alpha": 0}, ["alpha", "> 0"]),
    ({"alpha": -1e-3}, ["alpha", "> 0"]),
    ({"beta1": 1}, ["beta1", "[0, 1)"]),
    ({"beta2": -0.1}, ["beta2", "[0, 1)"]),
    ({"beta2": 1.5}, ["beta2", "[0, 1)"]),
    ({"eps": -1e-8}, ["eps", ">= 0"]),
    ({"lam": 0}, ["lam", "> 0"]),
    ({"c": -2}, ["c", "> 0"]),
    ({"t": 0}, ["t", "integer >= 1"]),
    ({"t": 2.5}, ["t", "integer >= 1"]),
    ({"gradient": [1.0] * 4097}, ["gradient", "4096"]),
    ({"gradients": [[1.0] * 100] * 41}, ["gradients", "4096"]),
    ({"asks": ["step-bound"], "beta2": 0}, ["beta2", "divides by beta2"]),
    ({"asks": ["nonsense"]}, ["asks", "unknown ask"]),
    ({"gradient": [1, 2], "gradients": [[1, 2, 3]]}, ["dimension mismatch"]),
])
def test_bad_input_names_the_field(fields, says):
    with pytest.raises(BadInput) as info:
        make_problem(spec(**fields))
    assert info.value.exit_code == 2
    for s in says:
        assert s in str(info.value), str(info.value)


def test_cli_exit_code_2(tmp_path):
    from typer.testing import CliRunner

    from optiproof.cli import app

    path = tmp_path / "bad.yaml"
    path.write_text("family: adam-mechanics\nasks: [first-step]\nbeta2: 1.0\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["solve", str(path), "--format", "json"])
    assert result.exit_code == 2
    assert "beta2" in (result.stderr if hasattr(result, "stderr") else result.output)
