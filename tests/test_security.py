"""Every row of the attack surface (tests/security_cases.py) ends within the deadline with exit 2
or a correct result, runs no payload, stays within the memory budget and leaves nothing
running (the gloo engine's own containment: tests/families/communication)."""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

import pytest
from security_cases import (
    CASES,
    DEADLINE_S,
    MEMORY_BUDGET_MB,
    START_MARGIN_S,
    Case,
    bundled_text,
    run,
)

HANG_GUARD_S = 4 * DEADLINE_S


@pytest.mark.timeout(HANG_GUARD_S)
@pytest.mark.parametrize("case", [pytest.param(c, marks=[pytest.mark.slow] if c.slow else [],
                                               id=f"row{c.row}-{c.name}") for c in CASES])
def test_attack_ends_cleanly(case: Case, tmp_path: Path) -> None:
    out = run(case, tmp_path)
    shown = f"exit {out.exit} after {out.seconds:.1f} s; stderr: {out.stderr[-600:]!r}"
    assert not out.payload_ran, f"a payload ran: {shown}"
    assert not out.timed_out and out.seconds <= DEADLINE_S + START_MARGIN_S, f"slow: {shown}"
    assert out.exit in case.exits, f"unexpected exit: {shown}"
    assert out.peak_mb <= MEMORY_BUDGET_MB, f"peak memory {out.peak_mb:.0f} MB: {shown}"
    assert not out.leftover, f"processes left running {out.leftover}: {shown}"
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr, shown
    if out.exit == 2 and case.stdout != "broken":
        assert out.stderr.startswith("error: bad input: "), shown
        assert len(out.stderr.strip().splitlines()) <= 2, shown
    problem = case.check(tmp_path, out)
    assert problem is None, f"{problem}: {shown}"


# -- the result cache: a poisoned row is a miss, never code ------------------------------------

def _cache_gadgets(marker: Path) -> dict[str, bytes]:
    """Pickles that would run ``touch marker`` if their globals were admitted: functions that
    parse text (sympify, parse_expr), a SymPy class that sympifies its arguments, builtins
    (eval, getattr on a module reached as a module's attribute), a dotted name, numpy's exec."""
    code = f"__import__('os').system('touch {marker}')"
    shell = f"touch {marker}"

    def call(module: str, name: str, arg: str) -> bytes:
        return f"c{module}\n{name}\n(V{arg}\ntR.".encode()

    dotted = (b"\x80\x04\x8c\x17optiproof.runtime.cache\x8c\tos.system\x93"
              + pickle.dumps((shell,), protocol=4)[2:-1] + b"R.")
    return {
        "sympy.sympify": call("sympy", "sympify", code),
        "sympy.core.sympify.sympify": call("sympy.core.sympify", "sympify", code),
        "parse_expr": call("sympy.parsing.sympy_parser", "parse_expr", code),
        "builtins.eval": call("builtins", "eval", code),
        "getattr(os, system)": (b"cbuiltins\ngetattr\n(coptiproof.runtime.cache\nos\nVsystem\ntR"
                                + f"(V{shell}\ntR.".encode()),
        "dotted os.system": dotted,
        "Tuple(text)": call("sympy.core.containers", "Tuple", code),
        "Matrix(text)": f"csympy.matrices.dense\nMutableDenseMatrix\n((V{code}\nltR.".encode(),
        "numpy runstring": (f"cnumpy.testing._private.utils\nrunstring\n(V{code}\n(dtR."
                            .encode()),
    }


@pytest.mark.parametrize("gadget", list(_cache_gadgets(Path("m"))))
def test_a_poisoned_cache_row_is_a_clean_miss(gadget: str, tmp_path: Path) -> None:
    from optiproof.core.options import SolveOptions
    from optiproof.families.problem import make_problem
    from optiproof.pipeline import solve_cached
    from optiproof.runtime.cache import ResultCache

    spec = {"title": "t", "parts": [{"label": "a", "family": "steepest-descent", "norm": "l2",
                                     "gradient": [3, -1, 2], "alpha": 0.5}]}
    cache = ResultCache(tmp_path / "r.sqlite3")
    problem = make_problem(spec)
    options = SolveOptions(run_witnesses=False, figures=False)
    solved = solve_cached(problem, options, cache)
    assert cache.solution(solved.key) is not None
    marker = tmp_path / "PWNED"
    with sqlite3.connect(cache.path) as db:
        db.execute("UPDATE solutions SET solution = ?", (_cache_gadgets(marker)[gadget],))
    assert cache.solution(solved.key) is None
    again = solve_cached(problem, options, cache)
    assert again.cached is None and again.solution.to_json() == solved.solution.to_json()
    assert not marker.exists(), f"the {gadget} gadget ran"


@pytest.mark.parametrize("args", [["-f", "json"], ["-f", "html"], ["--brief"], ["-f", "md"]])
def test_solve_out_replaces_its_own_previous_output(args: list[str], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """What --out refuses to replace (a file that is not a report) must not include the
    command's own previous output, nor the figures that output links."""
    from typer.testing import CliRunner

    from optiproof import cli

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    problem = tmp_path / "dynamics.txt"
    problem.write_text(bundled_text("quadratic-dynamics.txt"), encoding="utf-8")
    out = tmp_path / "q.out"
    for _ in range(2):
        result = CliRunner().invoke(cli.app, ["solve", str(problem), *args, "--out", str(out)])
        assert result.exit_code in (0, 1), result.output
    if args == ["-f", "md"]:
        assert (tmp_path / "q-a-figure-1.png").read_bytes().startswith(b"\x89PNG")


def test_write_spec_replaces_its_own_previous_spec(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from optiproof import cli

    problem = tmp_path / "p.txt"
    problem.write_text(bundled_text("penalized-linear-improvement.txt"), encoding="utf-8")
    for _ in range(2):
        result = CliRunner().invoke(cli.app, ["read", str(problem), "--write-spec",
                                              str(tmp_path / "p.yaml")])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "p.yaml").read_text().startswith("# Spec written by `optiproof read`")


def test_a_warning_is_one_line_of_our_own(capsys: pytest.CaptureFixture[str]) -> None:
    import warnings

    from optiproof.core.errors import warnings_as_notes

    saved = warnings.showwarning, warnings.filters[:]
    try:
        warnings_as_notes()
        for _ in range(2):
            warnings.warn("An ill-conditioned matrix\n  detected", RuntimeWarning, stacklevel=1)
    finally:
        warnings.showwarning, warnings.filters[:] = saved[0], saved[1]
    assert capsys.readouterr().err == ("note: a numerical routine warned: An ill-conditioned "
                                       "matrix detected\n")
