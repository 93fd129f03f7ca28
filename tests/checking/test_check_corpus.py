"""The answer corpus: every planted error found with its kind and part, nothing on correct
answers, hints that never give the verified value away unless --reveal."""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS, corpus_table

from optiproof.checking import check_answer
from optiproof.checking.expect import expectations
from optiproof.checking.findings import FINDING_KINDS
from optiproof.checking.hints import leaks, value_forms

TABLE = corpus_table()
NAMES = sorted(TABLE)


def _check(solved, name: str, reveal: bool = False):
    entry = TABLE[name]
    solution = solved(entry["problem"])
    text = (CORPUS / name).read_text(encoding="utf-8")
    return solution, check_answer(solution, text, reveal=reveal, source=name)


def test_corpus_is_large_and_covers_every_finding_kind():
    assert len(NAMES) >= 40
    kinds = {f.split()[0] for e in TABLE.values() for f in e["findings"]}
    assert kinds == set(FINDING_KINDS), f"kinds not planted: {set(FINDING_KINDS) - kinds}"
    styles = {n.split("/")[1].split(".")[0] for n in NAMES if "/correct-" in n}
    assert {"correct-terse", "correct-verbose", "correct-table-only", "correct-latex-heavy",
            "correct-plain"} <= styles


@pytest.mark.parametrize("name", NAMES)
def test_verdicts_and_findings(solved, name):
    entry = TABLE[name]
    _, report = _check(solved, name)
    got_verdicts = {p.label: p.verdict for p in report.parts}
    got = sorted({f"{f.kind} {p.label}" for p in report.parts for f in p.findings})
    assert got_verdicts == entry["verdicts"], f"{name}: {got_verdicts} != {entry['verdicts']}"
    missing = set(entry["findings"]) - set(got)
    assert not missing, f"{name}: planted findings not found: {missing}; found {got}"
    assert got == entry["findings"], f"{name}: unexpected findings {set(got) - set(entry['findings'])}"
    if "/correct-" in name:
        assert got == [] and report.score == 1.0 and report.exit_code == 0
    else:
        assert report.exit_code == 1
    for p in report.parts:
        for f in p.findings:
            if f.kind in ("wrong-answer", "inconsistency", "over-reach", "false-claim",
                          "unrenderable-formula"):
                assert f.line is not None and f.line >= 1, f"{name}: {f} has no line"


@pytest.mark.parametrize("name", [n for n in NAMES if "/correct-" not in n])
def test_hints_hide_the_answer_unless_revealed(solved, name):
    solution, report = _check(solved, name)
    _, revealed = _check(solved, name, reveal=True)
    for part, rep, rev in zip(solution.parts, report.parts, revealed.parts, strict=True):
        exp = expectations(part)
        if rep.verdict in ("incorrect", "incomplete"):
            assert rep.hint, f"{name} ({rep.label}): no hint"
        assert not leaks(rep.hint, exp), f"{name} ({rep.label}) hint leaks: {rep.hint}"
        for form in (f for e in exp for f in value_forms(e)):
            assert form not in rep.hint
        if rev.verdict in ("incorrect", "incomplete"):
            assert any(e.latex in rev.hint for e in exp if e.kind != "none"), rev.hint
        assert "expected" not in rep.to_dict(False)
        assert rev.to_dict(True)["expected"]


def test_hint_points_at_the_derivation_step(solved):
    _, report = _check(solved, "optimizer-convergence/wrong-same-limit.md")
    hint = report.parts[1].hint
    assert "sign" in hint.lower() and "Revisit the step" in hint
    assert "0.9009" not in hint and "100}{111" not in hint


def test_json_contract(solved):
    _, report = _check(solved, "optimizer-convergence/wrong-table-inconsistent.md")
    data = json.loads(report.to_json())
    assert set(data) == {"parts", "score"}
    for p in data["parts"]:
        assert set(p) == {"label", "verdict", "claimed", "findings", "hint"}
        for c in p["claimed"]:
            assert set(c) == {"name", "value", "line"} and c["line"] >= 1
        for f in p["findings"]:
            assert set(f) == {"kind", "line", "message"}
    _, revealed = _check(solved, "optimizer-convergence/wrong-table-inconsistent.md", True)
    data = json.loads(revealed.to_json())
    assert all(set(p) == {"label", "verdict", "claimed", "expected", "findings", "hint"}
               for p in data["parts"])
    assert data["score"] == pytest.approx(2 / 3, abs=1e-3)


def test_unverified_part_is_unverifiable_never_correct(solved):
    import copy

    from optiproof.core.evidence import Check

    solution = copy.copy(solved("src/optiproof/problems/texts/penalized-linear-improvement.txt"))
    solution.parts = [copy.copy(p) for p in solution.parts]
    solution.parts[1].checks = [Check("cvxpy", "failed", "mismatch")]
    text = (CORPUS / "penalized-linear-improvement/correct-latex-heavy.md").read_text()
    report = check_answer(solution, text)
    assert [p.verdict for p in report.parts] == ["correct", "unverifiable"]
    assert report.exit_code == 1


def test_renderings(solved):
    from optiproof.checking.report import render

    _, report = _check(solved, "penalized-linear-improvement/wrong-overreach.md")
    for fmt in ("term", "md", "html"):
        out = render(report, fmt)
        assert "over-reach" in out and "SignAdam" in out
    page = render(report, "html")
    assert page.startswith("<!DOCTYPE html>") and 'class="badge' in page
    assert "<math" in page and "\\" not in render(report, "term")
