"""An answer graded while the witnesses run: the same report as graded afterwards, verdicts
only from the witnessed solution, and a grading of another text or other answers never used."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, verified_solution
from typer.testing import CliRunner

from optiproof import checking, cli
from optiproof.checking import check_answer, grade_answer
from optiproof.checking.report import render

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"


@lru_cache(maxsize=None)
def derived_only(problem: str):
    """The problem's answers derived exactly, no witness run (no part verified)."""
    from optiproof.core.options import SolveOptions
    from optiproof.loading import load_problem_any
    from optiproof.pipeline import solve_problem

    return solve_problem(load_problem_any(str(ROOT / problem)),
                         SolveOptions(figures=False, run_witnesses=False))


def answers_to(problem: str) -> list[Path]:
    return sorted(p for p in CORPUS.glob(f"**/{Path(problem).stem}/*")
                  if p.suffix in (".md", ".txt"))[:6]


def _json(report) -> dict:
    return json.loads(render(report, "json"))


@pytest.mark.parametrize("problem", [ADAM, PLI])
def test_grading_before_the_witnesses_gives_the_same_report(problem):
    witnessed, early = verified_solution(problem), derived_only(problem)
    assert [[a.latex for a in p.answers] for p in early.parts] == [
        [a.latex for a in p.answers] for p in witnessed.parts]
    docs = answers_to(problem)
    assert docs
    for doc in docs:
        text = doc.read_text(encoding="utf-8")
        before = grade_answer(early, text)
        assert _json(check_answer(witnessed, text, graded=before)) == _json(
            check_answer(witnessed, text)), doc.name


def test_no_part_is_correct_before_its_witness_confirmed_it():
    early = derived_only(PLI)
    assert not any(p.verified for p in early.parts)
    for doc in answers_to(PLI):
        text = doc.read_text(encoding="utf-8")
        report = _json(check_answer(early, text, graded=grade_answer(early, text),
                                    strict_problem=False))
        assert all(p["verdict"] != "correct" for p in report["parts"]), doc.name


def test_a_grading_of_another_text_or_other_answers_is_not_used():
    witnessed = verified_solution(PLI)
    first, second = (d.read_text(encoding="utf-8") for d in answers_to(PLI)[:2])
    assert first != second
    stale = grade_answer(witnessed, first)
    assert _json(check_answer(witnessed, second, graded=stale)) == _json(
        check_answer(witnessed, second))
    other = grade_answer(verified_solution(ADAM), second)
    assert _json(check_answer(witnessed, second, graded=other)) == _json(
        check_answer(witnessed, second))


def test_the_cli_grades_the_answer_while_the_witnesses_run(monkeypatch):
    """On a cold run the answer is graded once, before the pooled (torch) witnesses have
    attached their checks, and the report uses that grading."""
    calls: list[list[bool]] = []
    used: list[bool] = []

    def grade(solution, text):
        calls.append([bool(p.checks) for p in solution.parts])
        return grade_answer(solution, text)

    def check(solution, text, **kw):
        used.append(kw.get("graded") is not None)
        assert all(p.checks for p in solution.parts)
        return check_answer(solution, text, **kw)

    monkeypatch.setattr(checking, "grade_answer", grade)
    monkeypatch.setattr(checking, "check_answer", check)
    answer = answers_to(ADAM)[0]
    res = CliRunner().invoke(cli.app, ["check", str(ROOT / ADAM), str(answer), "--format",
                                       "json", "--no-cache"])
    assert res.exit_code in (0, 1), res.output
    assert calls == [[False] * len(calls[0])] and used == [True]
    direct = _json(check_answer(verified_solution(ADAM), answer.read_text(encoding="utf-8")))
    assert json.loads(res.stdout)["parts"] == direct["parts"]


def test_a_failing_meanwhile_leaves_the_solve_as_it_was():
    from optiproof.core.options import SolveOptions
    from optiproof.loading import load_problem_any
    from optiproof.pipeline import solve_problem

    def fail(solution):
        raise ValueError("meanwhile failed")

    solution = solve_problem(load_problem_any(str(ROOT / PLI)), SolveOptions(figures=False),
                             meanwhile=fail)
    assert solution.verified
    assert [[a.latex for a in p.answers] for p in solution.parts] == [
        [a.latex for a in p.answers] for p in verified_solution(PLI).parts]
