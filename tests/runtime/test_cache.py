"""The result cache: keys, hits marked with the time the witnesses ran, --no-cache, clearing,
a loader that refuses foreign pickles, and parallel writers that never corrupt it."""

from __future__ import annotations

import json
import pickle
import sqlite3
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from optiproof import cli
from optiproof.core.options import SolveOptions
from optiproof.families.problem import make_problem
from optiproof.families.steepest_descent import norms
from optiproof.pipeline import solve_cached, solve_problem
from optiproof.runtime.cache import ResultCache, default_path

ROOT = Path(__file__).resolve().parents[2]
TEXT = ROOT / "src" / "optiproof" / "problems" / "texts" / "penalized-linear-improvement.txt"
SPEC = {"title": "t", "parts": [{"label": "a", "family": "steepest-descent", "norm": "linf",
                                 "gradient": [3, -1, 2], "alpha": 0.5}]}
runner = CliRunner()


def test_default_path_is_in_the_user_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert default_path() == tmp_path / "optiproof" / "results.sqlite3"


def test_key_follows_spec_and_options_not_progress(tmp_path):
    cache = ResultCache(tmp_path / "r.sqlite3")
    problem = make_problem(SPEC)
    other = make_problem({**SPEC, "parts": [{**SPEC["parts"][0], "alpha": 0.25}]})
    base = cache.key(problem, SolveOptions())
    assert base == cache.key(make_problem(SPEC), SolveOptions(progress=print))
    assert base != cache.key(other, SolveOptions())
    assert base != cache.key(problem, SolveOptions(figures=False))
    assert base != cache.key(problem, SolveOptions(engine="gloo"))


def test_a_hit_returns_the_stored_solution_and_evidence(tmp_path):
    cache = ResultCache(tmp_path / "r.sqlite3")
    problem = make_problem(SPEC)
    first = solve_cached(problem, SolveOptions(figures=False), cache)
    again = solve_cached(problem, SolveOptions(figures=False), cache)
    assert first.cached is None and again.cached is not None
    assert again.cached.witnessed_at and again.cached.exit_code == 0
    assert again.solution.to_json() == first.solution.to_json()
    assert cache.clear() == 1 and cache.entry(first.key) is None


def test_an_lp_norm_solution_loads_in_a_process_that_never_built_its_norm(tmp_path):
    cache = ResultCache(tmp_path / "r.sqlite3")
    spec = {**SPEC, "parts": [{**SPEC["parts"][0], "norm": {"name": "lp", "p": 3},
                               "gradient": "g", "alpha": "alpha"}]}
    solved = solve_cached(make_problem(spec), SolveOptions(run_witnesses=False), cache)
    del norms.norm_p3_2  # the dual norm's function, as in a fresh process: made on first use
    assert cache.solution(solved.key).to_json() == solved.solution.to_json()


def test_a_foreign_pickle_is_a_miss_never_run(tmp_path):
    cache = ResultCache(tmp_path / "r.sqlite3")
    solved = solve_cached(make_problem(SPEC), SolveOptions(run_witnesses=False), cache)
    evil = pickle.dumps(subprocess.CompletedProcess(["x"], 0))
    with sqlite3.connect(cache.path) as db:
        db.execute("UPDATE solutions SET solution = ? WHERE key = ?", (evil, solved.key))
    assert cache.solution(solved.key) is None


def test_cli_marks_a_hit_and_no_cache_runs_again():
    args = ["solve", str(TEXT), "--format", "json"]
    cold = runner.invoke(cli.app, args)
    hit = runner.invoke(cli.app, args)
    fresh = runner.invoke(cli.app, [*args, "--no-cache"])
    assert cold.exit_code == hit.exit_code == fresh.exit_code == 0, hit.output
    assert "cached" not in json.loads(cold.stdout)
    assert "witnesses_ran_at" in json.loads(hit.stdout)["cached"]
    assert "cached: the witnesses ran at" in hit.stderr
    assert "cached" not in json.loads(fresh.stdout)
    assert json.loads(hit.stdout)["parts"] == json.loads(cold.stdout)["parts"]
    cleared = runner.invoke(cli.app, ["cache", "clear"])
    assert cleared.exit_code == 0 and "deleted 1 cached results" in cleared.stderr
    assert "cached" not in json.loads(runner.invoke(cli.app, args).stdout)


def _write_many(path: str, worker: int) -> int:
    """Store 20 solutions under keys of this worker, reading every one back."""
    cache = ResultCache(Path(path))
    solution = solve_problem(make_problem(SPEC), SolveOptions(run_witnesses=False))
    for i in range(20):
        key = f"{worker}-{i}"
        cache.put(key, solution, alias=f"alias-{worker}-{i}")
        cache.put_rendering(key, "json", solution.to_json())
        assert cache.entry_of_alias(f"alias-{worker}-{i}").key == key
    return worker


@pytest.mark.timeout(300)
def test_parallel_writers_never_corrupt_it(tmp_path):
    path = tmp_path / "shared" / "r.sqlite3"
    with ProcessPoolExecutor(4) as pool:
        assert sorted(pool.map(_write_many, [str(path)] * 4, range(4))) == [0, 1, 2, 3]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert db.execute("SELECT COUNT(*) FROM solutions").fetchone() == (80,)
    cache = ResultCache(path)
    assert all(cache.solution(f"{w}-19") is not None for w in range(4))


def test_demo_a_second_time_is_read_from_the_cache(tmp_path, monkeypatch):
    from optiproof import pipeline

    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "step.txt").write_text("Let g = [3, -1, 2] be the gradient and alpha = 0.5. Find "
                                    "u = argmin_d g^T d + (1/alpha) ||d||_inf^2. Which "
                                    "optimizer is this?\n")
    first = runner.invoke(cli.app, ["demo", "--out", str(tmp_path / "a"), "--texts", str(texts)])

    def not_again(*args):
        raise AssertionError("solved again")

    monkeypatch.setattr(pipeline, "solve_problem", not_again)
    second = runner.invoke(cli.app, ["demo", "--out", str(tmp_path / "b"), "--texts", str(texts)])
    assert first.exit_code == second.exit_code == 0, second.output
    for name in ("report.html", "step.md"):
        assert (tmp_path / "a" / name).read_text() == (tmp_path / "b" / name).read_text()
