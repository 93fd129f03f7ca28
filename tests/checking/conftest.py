"""Verified solutions of the corpus problems, solved once per test session (witnesses on)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"


BLIND_A = CORPUS / "blind-a"
"""Answers written blind to the checker (batch A), with the author's expected verdicts and
planted findings; the problem is named by its bundled file."""


def corpus_table() -> dict[str, dict]:
    return yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))


def blind_table() -> dict[str, dict]:
    return yaml.safe_load((BLIND_A / "expected.yaml").read_text(encoding="utf-8"))


def bundled_problem(name: str) -> str:
    """The repository path of a bundled problem named as in the blind table: its text, else
    its spec."""
    text = Path("src/optiproof/problems/texts") / name
    spec = Path("src/optiproof/problems") / f"{Path(name).stem}.yaml"
    return str(text if (ROOT / text).exists() else spec)


@lru_cache(maxsize=None)
def verified_solution(problem: str) -> Any:
    """Solve a corpus problem (path relative to the repo root) with its witnesses."""
    from optiproof.loading import load_problem_any
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    solution = solve_problem(load_problem_any(str(ROOT / problem)), SolveOptions(figures=False))
    assert solution.verified, f"{problem} did not verify: the corpus needs verified solutions"
    return solution


@pytest.fixture(scope="session")
def solved():
    return verified_solution


def graded_part(solved: Any, problem: str, text: str, label: str) -> Any:
    """The report of one part of a short answer to a bundled problem (a path from the repo
    root), graded without the check that it answers this problem."""
    from optiproof.checking import check_answer

    report = check_answer(solved(problem), text, strict_problem=False)
    return next(p for p in report.parts if p.label == label)


def finding_kinds(part: Any) -> list[str]:
    return sorted(f.kind for f in part.findings)


def assert_graded_as_expected(report: Any, entry: dict, name: str) -> None:
    """The report of a blind answer agrees with its author's table: every planted finding
    found with its kind on its part, each part's verdict, no finding on a correct part."""
    parts = {p.label: p for p in report.parts}
    found = {f"{f.kind} {p.label}" for p in report.parts for f in p.findings}
    assert not set(entry["findings"]) - found, f"{name}: missed; found {sorted(found)}"
    for label, verdict in entry["verdicts"].items():
        here = {f"{f.kind} {label}" for f in parts[label].findings}
        planted = {f for f in entry["findings"] if f.endswith(f" {label}")}
        if verdict == "correct" and planted and parts[label].verdict == "incorrect":
            # An author may call a part correct whose final answer is right but which carries a
            # planted slip in a side remark (a formula that does not render, a false general
            # statement); the checker grades any such finding incorrect. Only those may be found.
            assert here <= planted, f"{name} ({label}): false alarm {sorted(here - planted)}"
            continue
        assert parts[label].verdict == verdict, f"{name} ({label}): {parts[label].findings}"
        if verdict == "correct":   # a planted slip in a side remark may sit on a correct part
            extra = here - set(entry["findings"])
            assert not extra, f"{name} ({label}): false alarm {sorted(extra)}"


def assert_outcome(part: Any, expected: str) -> None:
    """A part graded ``correct`` (no finding), or holding a finding of the ``expected`` kind."""
    if expected == "correct":
        assert part.verdict == "correct", part.findings
    else:
        assert expected in finding_kinds(part), part.findings
