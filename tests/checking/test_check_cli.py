"""``optiproof check``: exit codes, formats, batch mode and bad input (exit 2, no traceback)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, corpus_table
from typer.testing import CliRunner

from optiproof import cli

runner = CliRunner()
PLI_PATH = "src/optiproof/problems/texts/penalized-linear-improvement.txt"
PLI = str(ROOT / PLI_PATH)


def _run(*args: str):
    return runner.invoke(cli.app, ["check", *args])


def _no_traceback(result) -> None:
    assert "Traceback" not in result.output and "Traceback" not in (result.stderr or "")
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_correct_answer_exits_0_with_json():
    res = _run(PLI, str(CORPUS / "penalized-linear-improvement/correct-plain.txt"),
               "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert [p["verdict"] for p in data["parts"]] == ["correct", "correct"]
    assert data["score"] == 1.0


def test_wrong_answer_exits_1_and_reveal_adds_expected(tmp_path):
    out = tmp_path / "report.md"
    res = _run(PLI, str(CORPUS / "penalized-linear-improvement/wrong-update-b.md"),
               "--format", "md", "--reveal", "--out", str(out))
    assert res.exit_code == 1, res.output
    text = out.read_text()
    assert "wrong-answer" in text and "expected:" in text and "\\|g\\|" not in text.split(
        "expected:")[0].split("## Part (b)")[0]
    assert re.search(r"- graded: update: .* \(line \d+\)", text)
    assert f"wrote {out}" in res.stderr


def test_the_terminal_report_shows_each_graded_claim_with_its_line():
    res = _run(PLI, str(CORPUS / "penalized-linear-improvement/wrong-update-b.md"))
    assert res.exit_code == 1
    assert re.search(r"graded: update: .+ \(line \d+\)", res.stdout)
    assert "\\frac" not in res.stdout and "expected:" not in res.stdout


def test_an_html_answer_is_checked(tmp_path, solved):
    from optiproof.rendering import render

    page = tmp_path / "answer.html"
    page.write_text(render(solved(PLI_PATH), "html"), encoding="utf-8")
    res = _run(PLI, str(page), "--format", "json")
    assert res.exit_code == 0, res.output
    assert all(p["verdict"] == "correct" for p in json.loads(res.stdout)["parts"])


@pytest.mark.parametrize("content, needle", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    (b"\xff\xfe\xfa not utf8", "UTF-8"),
])
def test_bad_answer_files_exit_2(tmp_path, content, needle):
    path = tmp_path / "answer.md"
    path.write_bytes(content)
    res = _run(PLI, str(path))
    assert res.exit_code == 2, res.output
    assert needle in res.stderr and res.stderr.startswith("error: bad input")
    _no_traceback(res)


def test_ten_megabyte_answer_exits_2(tmp_path):
    path = tmp_path / "huge.md"
    with path.open("wb") as fh:
        fh.write(b"(a) " + b"x" * (10_000_000))
    res = _run(PLI, str(path))
    assert res.exit_code == 2 and "MB" in res.stderr
    _no_traceback(res)


def test_answer_to_a_different_problem_exits_2():
    res = _run(PLI, str(CORPUS / "distributed-training/correct-table.md"))
    assert res.exit_code == 2, res.output
    assert "does not match this problem" in res.stderr
    _no_traceback(res)


def test_missing_answer_file_exits_2(tmp_path):
    res = _run(PLI, str(tmp_path / "nope.md"))
    assert res.exit_code == 2 and "cannot read" in res.stderr


def test_unrecognised_problem_exits_3(tmp_path):
    problem = tmp_path / "p.txt"
    problem.write_text("Prove that the Hessian of a convex function is PSD.")
    answer = tmp_path / "a.md"
    answer.write_text("(a) yes")
    res = _run(str(problem), str(answer))
    assert res.exit_code == 3, res.output


def test_batch_mode_writes_summary(tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    names = [n for n in corpus_table() if n.startswith("penalized-linear-improvement/")]
    for n in names:
        shutil.copy(CORPUS / n, folder / Path(n).name)
    (folder / "empty.md").write_text("")
    (folder / "notes.png").write_bytes(b"\x89PNG")
    out = tmp_path / "out"
    res = _run(PLI, str(folder), "--out", str(out))
    assert res.exit_code == 1, res.output
    summary = json.loads((out / "summary.json").read_text())
    files = {e["file"]: e for e in summary["files"]}
    assert set(files) == {Path(n).name for n in names} | {"empty.md"}
    assert "empty" in files["empty.md"]["error"]
    table = corpus_table()
    for n in names:
        verdicts = {p["label"]: p["verdict"] for p in files[Path(n).name]["parts"]}
        assert verdicts == table[n]["verdicts"]
    html = (out / "summary.html").read_text()
    assert "<table>" in html and "wrong-overreach.md" in html


def test_batch_over_the_whole_corpus(solved, tmp_path):
    from optiproof.checking.batch import check_folder

    table = corpus_table()
    for folder in sorted({n.split("/")[0] for n in table}):
        problem = next(e["problem"] for n, e in table.items() if n.startswith(folder + "/"))
        out = tmp_path / folder
        summary = check_folder(solved(problem), CORPUS / folder, out)
        assert (out / "summary.html").exists()
        for entry in summary["files"]:
            expected = table[f"{folder}/{entry['file']}"]
            assert {p["label"]: p["verdict"] for p in entry["parts"]} == expected["verdicts"]


def test_help_lists_check():
    res = runner.invoke(cli.app, ["check", "--help"])
    assert res.exit_code == 0 and "--reveal" in res.output


def test_a_check_served_from_the_cache_grades_as_a_fresh_one(tmp_path, monkeypatch):
    """The cached solution keeps each part's solver facts, so the family's checks that use
    them (a number claimed for every gradient, re-solved on another) run without solving the
    problem again, and the report is the fresh one's."""
    import optiproof.pipeline

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    problem = str(ROOT / "src/optiproof/problems/steepest-descent-numeric.yaml")
    answer = str(CORPUS / "blind-a/steepest-descent-numeric/overreach-e.md")
    runs = []
    for k in range(2):
        if k:
            def no_solving(*args, **kwargs):
                raise AssertionError("the cached problem was solved again")
            monkeypatch.setattr(optiproof.pipeline, "solve_problem", no_solving)
        res = _run(problem, answer, "--format", "json")
        _no_traceback(res)
        data = json.loads(res.stdout)
        data.pop("cached", None)
        runs.append(data)
    assert list((tmp_path / "cache").rglob("*.sqlite3")), "the first run was not cached"
    assert runs[0] == runs[1]
    kinds = {p["label"]: sorted(f["kind"] for f in p["findings"]) for p in runs[1]["parts"]}
    assert kinds["b"] == ["false-claim"]
