"""Command line: exit codes, error messages, formats, demo, the lazy API and start-up time."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import optiproof
from optiproof import cli, loading
from optiproof.core.errors import NotRecognised
from optiproof.core.solution import Solution
from optiproof.rendering.mathsegments import solution_formulas

runner = CliRunner()

GOOD = ("title: Linf step\nparts:\n  - {label: a, family: steepest-descent, norm: linf, "
        "gradient: [3, -1, 2], alpha: 0.5, form: penalty-squared}\n")
BAD_NORM = GOOD.replace("norm: linf", "norm: lfoo")
NAN_YAML = GOOD.replace("[3, -1, 2]", "[3, .nan, 2]")
NAN_JSON = ('{"title": "t", "parts": [{"label": "a", "family": "steepest-descent", '
            '"norm": "linf", "gradient": [3, NaN, 2], "alpha": 0.5}]}')
BAD_YAML = "title: t\nparts: [ {label: a\n"
HEAVY = {"sympy", "numpy", "torch", "cvxpy", "matplotlib", "pykatex", "scipy"}


def _file(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _run(*args: str, stdin: str | None = None, env: dict | None = None):
    return runner.invoke(cli.app, list(args), input=stdin, env=env)


# -- errors and exit codes ------------------------------------------------------------------

@pytest.mark.parametrize(("name", "text", "needles"), [
    ("bad.yaml", BAD_YAML, ["cannot parse", "bad.yaml", "at line 3, column 1",
                            "expected valid YAML"]),
    ("norm.yaml", BAD_NORM, ["parts[0].norm", "unknown norm 'lfoo'", "linf"]),
    ("typo.yaml", BAD_NORM.replace("lfoo", "lnf"), ["did you mean 'linf'?"]),
    ("field.yaml", GOOD.replace("norm:", "nrom:"), ["parts[0].nrom: not a field of this spec",
                                                    "did you mean 'norm'?"]),
    ("nan.yaml", NAN_YAML, ["parts[0].gradient", "finite number"]),
    ("nan.json", NAN_JSON, ["NaN is not a number"]),
    ("empty.yaml", "", ["a spec must be a mapping"]),
])
def test_bad_input_exits_2_with_message(tmp_path: Path, name: str, text: str,
                                        needles: list[str]) -> None:
    result = _run("solve", _file(tmp_path, name, text), "--format", "json")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: bad input: ")
    assert len(result.stderr.strip().splitlines()) == 1
    for needle in needles:
        assert needle in result.stderr
    assert "Traceback" not in result.output and result.stdout == ""


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = _run("solve", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "cannot read" in result.stderr and "nope.yaml" in result.stderr


def test_incomplete_problem_text_is_refused_with_an_editable_spec(tmp_path: Path) -> None:
    spec_out = tmp_path / "fix-me.yaml"
    text = ("Steepest descent with a squared penalty: u = argmin g^T d + (1/alpha) ||d||^2.\n"
            "What is u?\n")
    result = _run("solve", _file(tmp_path, "q.txt", text), "--write-spec", str(spec_out))
    assert result.exit_code == 3
    assert "norm" in result.stderr and "Traceback" not in result.stderr
    assert spec_out.exists() and "steepest-descent" in spec_out.read_text()
    assert _run("solve", "-", stdin="What is Adam?\n").exit_code == 3
    unfilled = _run("solve", str(spec_out))
    assert unfilled.exit_code == 2 and "norm" in unfilled.stderr and "TODO" in unfilled.stderr


def test_a_question_not_taken_is_refused_and_its_spec_does_not_solve(tmp_path: Path) -> None:
    spec_out = tmp_path / "fix-me.yaml"
    text = ("Let g = (1, 3, -2) and alpha = 1; u = argmin_d g^T d + (1/alpha) ||d||_1^2.\n"
            "(a) Find u.\n(b) The step moves one coordinate. Which one?\n")
    result = _run("solve", _file(tmp_path, "q.txt", text), "--write-spec", str(spec_out),
                  "--whole")
    assert result.exit_code == 3 and 'Which one?' in result.stderr
    unfilled = _run("solve", str(spec_out))
    assert unfilled.exit_code == 2 and "parts[1]" in unfilled.stderr, unfilled.stderr
    # by default the spec of the whole reading is still written, then part (a) is answered
    spec_out.unlink()
    partial = _run("solve", _file(tmp_path, "q.txt", text), "--write-spec", str(spec_out),
                   "--format", "json", "--no-cache")
    assert partial.exit_code == 1 and "TODO" in spec_out.read_text()
    data = json.loads(partial.stdout)
    assert [p["label"] for p in data["parts"]] == ["a"] and data["parts"][0]["verified"]
    assert [n["label"] for n in data["not_answered"]] == ["b"]
    assert "Which one?" in " ".join(data["not_answered"][0]["not_read"])


def test_json_carries_the_reading(tmp_path: Path) -> None:
    text = ("Let g = [3, -1, 2] and alpha = 0.5. Find u = argmin_d g^T d + (1/alpha) "
            "||d||_2^2. Which optimizer is this?\n")
    data = json.loads(_run("solve", _file(tmp_path, "q.txt", text), "--format", "json").stdout)
    assert data["reading_complete"] is True
    part = data["reading"]["parts"][0]
    assert part["asked"] == ["update", "identification"] and part["unused_numbers"] == []
    assert {"name": "alpha", "value": 0.5, "source": "α = 0.5"} in part["inputs"]
    unused = _run("solve", _file(tmp_path, "r.txt", text.replace("Which", "Use 7 GPUs. Which")),
                  "--format", "json")
    assert unused.exit_code == 1
    data = json.loads(unused.stdout)
    assert data["reading_complete"] is False and data["parts"][0]["verified"] is False
    assert data["reading"]["parts"][0]["unused_numbers"] == ["7"]
    for fmt in ("md", "html", "term"):
        shown = _run("solve", _file(tmp_path, "s.txt", text), "--format", fmt).stdout
        assert "What was read" in shown and "α = 0.5" in shown


def test_problem_text_solves_end_to_end(tmp_path: Path) -> None:
    text = ("Let g = [3, -1, 2] be the gradient and alpha = 0.5. Find\n"
            "u = argmin_d g^T d + (1/alpha) ||d||_inf^2. Which optimizer is this?\n")
    result = _run("solve", _file(tmp_path, "q.txt", text), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["parts"][0]["answers"][0]["value"] == [-1.5, 1.5, -1.5]
    assert data["parts"][0]["identified_as"] == "sign gradient descent"


def test_read_shows_parameters_with_their_sources(tmp_path: Path) -> None:
    text = ("Let g = [3, -1, 2] be the gradient and alpha = 0.5. Find\n"
            "u = argmin_d g^T d + (1/alpha) ||d||_inf^2.\n")
    result = _run("read", _file(tmp_path, "q.txt", text))
    assert result.exit_code == 0, result.stderr
    assert "steepest-descent" in result.stdout and "linf" in result.stdout
    assert "[3, -1, 2]" in result.stdout


def test_stdin_spec_goes_to_spec_loader() -> None:
    result = _run("solve", "-", stdin=BAD_NORM)
    assert result.exit_code == 2 and "parts[0].norm" in result.stderr


@pytest.mark.parametrize(("text", "is_spec"), [
    ("{\"title\": 1}", True), ("title: x", True), ("# comment\n\nparts: []", True),
    ("---\ntitle: x", True), ("family: steepest-descent", True),
    ("Find u = argmin g^T d", False), ("", False), ("  \n# only a comment", False),
])
def test_looks_like_spec(text: str, is_spec: bool) -> None:
    assert loading.looks_like_spec(text) is is_spec


def test_load_problem_any_reads_spec_in_txt_file(tmp_path: Path) -> None:
    problem, reading = cli.load_problem_any(_file(tmp_path, "spec.txt", GOOD))
    assert reading is None
    assert problem.title == "Linf step" and problem.parts[0].norm.name == "linf"
    with pytest.raises(NotRecognised):
        cli.load_problem_any(_file(tmp_path, "q.md", "Which optimizer is this?"))


def test_internal_error_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(problem, options):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr("optiproof.pipeline.solve_problem", boom)
    spec = _file(tmp_path, "good.yaml", GOOD)
    result = _run("solve", spec, "--format", "json", env={"OPTIPROOF_DEBUG": "0"})
    assert result.exit_code == 1
    assert result.stderr == "internal error: RuntimeError: boom second line\n"
    debug = _run("solve", spec, "--format", "json", env={"OPTIPROOF_DEBUG": "1"})
    assert debug.exit_code == 1 and "Traceback" in debug.stderr


# -- formats and exit codes with a stubbed solver -------------------------------------------

@pytest.fixture
def stub_solver(monkeypatch: pytest.MonkeyPatch, part_maker) -> dict:
    """Replace the pipeline with one returning a synthetic solution; records the options."""
    seen: dict = {"status": "verified"}

    def fake(problem, options):
        seen["options"] = options
        options.progress("cvxpy (Clarabel)")
        return Solution(problem.title, [part_maker("a", seen["status"])])

    monkeypatch.setattr("optiproof.pipeline.solve_problem", fake)
    return seen


def test_solve_json_verified_exits_0(tmp_path: Path, stub_solver: dict) -> None:
    result = _run("solve", _file(tmp_path, "good.yaml", GOOD), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["title"] == "Linf step" and data["parts"][0]["verified"] is True
    assert result.stderr == ""  # no progress noise for json on a non-TTY stderr
    assert stub_solver["options"].run_witnesses and stub_solver["options"].engine == "sim"


def test_solve_not_verified_exits_1(tmp_path: Path, stub_solver: dict) -> None:
    stub_solver["status"] = "failed"
    result = _run("solve", _file(tmp_path, "good.yaml", GOOD), "--format", "md",
                  "--engine", "gloo", "--no-witness")
    assert result.exit_code == 1
    assert "> **NOT VERIFIED**" in result.stdout
    assert "warning: NOT VERIFIED: part (a)" in result.stderr
    assert stub_solver["options"].engine == "gloo"
    assert stub_solver["options"].run_witnesses is False


def test_solve_html_to_file(tmp_path: Path, stub_solver: dict) -> None:
    out = tmp_path / "out.html"
    result = _run("solve", _file(tmp_path, "good.yaml", GOOD), "-f", "html", "--out", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<math" in page


def test_solve_term_is_answer_first_and_quiet_when_piped(tmp_path: Path,
                                                         stub_solver: dict) -> None:
    result = _run("solve", _file(tmp_path, "good.yaml", GOOD))
    assert result.exit_code == 0
    assert result.stderr == ""  # no progress off a terminal
    out = result.stdout
    assert out.index("What was read") < out.index("Answers") < out.index("Derivation")
    brief = _run("solve", _file(tmp_path, "good.yaml", GOOD), "--brief")
    assert "Answers" in brief.stdout and "Derivation" not in brief.stdout
    assert "What was read" not in brief.stdout and "\\" not in brief.stdout


def test_solve_rejects_unknown_format_and_accepts_any_case(tmp_path: Path,
                                                           stub_solver: dict) -> None:
    result = _run("solve", _file(tmp_path, "good.yaml", GOOD), "--format", "xml")
    assert result.exit_code == 2
    out = tmp_path / "page.html"
    upper = _run("solve", _file(tmp_path, "good.yaml", GOOD), "--format", "HTML", "-o", str(out))
    assert upper.exit_code == 0, upper.output
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert f"wrote {out}" in upper.stderr


def test_markdown_out_writes_figures_beside_and_says_where(tmp_path: Path,
                                                           stub_solver: dict) -> None:
    out = tmp_path / "answer.md"
    result = _run("solve", _file(tmp_path, "good.yaml", GOOD), "-f", "md", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"wrote {out} and 1 figure(s) beside it" in result.stderr
    figure = tmp_path / "answer-a-figure-1.png"
    assert figure.read_bytes().startswith(b"\x89PNG")
    assert "](answer-a-figure-1.png)" in out.read_text() and "base64" not in out.read_text()


def test_open_writes_html_and_opens_it(tmp_path: Path, stub_solver: dict,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", opened.append)
    out = tmp_path / "r.html"
    result = _run("solve", _file(tmp_path, "good.yaml", GOOD), "--open", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert opened == [out.resolve().as_uri()] and out.read_text().startswith("<!DOCTYPE html>")
    refused = _run("solve", _file(tmp_path, "good.yaml", GOOD), "--open", "-f", "json")
    assert refused.exit_code == 2 and "--open" in refused.stderr


def test_pdf_problem_is_refused_with_what_to_do(tmp_path: Path) -> None:
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(b"%PDF-1.7\n\xff\xfe binary")
    result = _run("solve", str(pdf))
    assert result.exit_code == 2
    assert f"paste the text (e.g. `pdftotext {pdf} -`)" in result.stderr


def test_help_says_problem_may_be_text() -> None:
    text = " ".join(_run("solve", "--help").stdout.split())
    assert "PROBLEM <str> Problem text" in text and "(any case)" in text


def test_schema_prints_json_schema() -> None:
    result = _run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert "parts" in schema["properties"] and "$defs" in schema
    assert result.stdout.startswith("{\n  \"")  # indent 2


# -- demo -----------------------------------------------------------------------------------

def test_demo_without_problems_exits_3(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(loading, "bundled_problems", lambda: [])
    result = _run("demo", "--out", str(tmp_path / "r"))
    assert result.exit_code == 3 and "no problems found" in result.stderr


@pytest.mark.parametrize(("status", "code"), [("verified", 0), ("inconclusive", 1)])
def test_demo_writes_report(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, stub_solver: dict,
                            status: str, code: int) -> None:
    stub_solver["status"] = status
    monkeypatch.setattr(loading, "bundled_problems",
                        lambda: [("linf.yaml", GOOD), ("broken.yaml", BAD_NORM)][:1 + code])
    out = tmp_path / "report"
    result = _run("demo", "--out", str(out))
    assert result.exit_code == code, result.output
    report = (out / "report.html").read_text(encoding="utf-8")
    assert '<a href="#s1">Linf step</a>' in report
    assert (out / "linf.md").read_text(encoding="utf-8").startswith("# Linf step")
    assert "linf.yaml" in result.stdout and str((out / "report.html").resolve()) in \
        result.stdout.replace("\n", "")
    if code:
        assert "error:" in result.stdout and "broken.yaml" in result.stdout


# -- lazy API -------------------------------------------------------------------------------

def test_package_api_is_lazy_and_works() -> None:
    assert optiproof.__version__ == "0.1.0"
    assert optiproof.Problem.__name__ == "Problem"
    problem = optiproof.load_problem({"title": "t", "parts": [
        {"family": "steepest-descent", "norm": "l2", "label": "a"}]})
    assert isinstance(problem, optiproof.Problem)
    assert optiproof.load_problem(GOOD).title == "Linf step"
    with pytest.raises(AttributeError):
        optiproof.not_a_thing  # noqa: B018
    with pytest.raises(optiproof.BadInput):
        optiproof.load_problem({"parts": [{"family": "steepest-descent", "norm": "nope"}]})


# -- subprocess: real exit codes, no heavy imports, start-up time ---------------------------

def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "optiproof", *args], input=stdin,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(("text", "code"), [(BAD_YAML, 2), (BAD_NORM, 2), (NAN_YAML, 2),
                                            ("Which optimizer is this?", 3)])
def test_subprocess_exit_codes(text: str, code: int) -> None:
    proc = _cli("solve", "-", "--format", "json", stdin=text)
    assert proc.returncode == code, proc.stderr
    assert proc.stderr.startswith("error: ") and "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_cli_import_is_light() -> None:
    code = ("import sys, optiproof, optiproof.cli; "
            f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {HEAVY!r}))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert proc.stdout.strip() == "[]"


def test_help_imports_nothing_heavy_and_does_not_hang() -> None:
    """A hang guard only: benchmarks/bench_cli.py measures --help against its 0.1 s target."""
    proc = subprocess.run([sys.executable, "-m", "optiproof", "--help"],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0 and "solve" in proc.stdout and "demo" in proc.stdout
    assert "cache" in proc.stdout


# -- end to end with the real steepest-descent solver ---------------------------------------

def _solver_missing() -> str | None:
    for mod in ("solve", "witness"):
        if importlib.util.find_spec(f"optiproof.families.steepest_descent.{mod}") is None:
            return f"optiproof.families.steepest_descent.{mod} is not written yet"
    return None


@pytest.mark.skipif(_solver_missing() is not None, reason=str(_solver_missing()))
def test_end_to_end_linf_step(tmp_path: Path) -> None:
    proc = _cli("solve", _file(tmp_path, "linf.yaml", GOOD), "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    assert data["parts"][0]["answers"][0]["value"] == [-1.5, 1.5, -1.5]
    assert proc.returncode == (0 if data["parts"][0]["verified"] else 1)


@pytest.mark.skipif(_solver_missing() is not None, reason=str(_solver_missing()))
def test_end_to_end_api_and_formulas() -> None:
    from optiproof.rendering.html import HtmlWriter
    from optiproof.rendering.latexcheck import validate_latex

    sol = optiproof.steepest_descent([3, -1, 2], norm="linf", alpha=0.5)
    assert sol.parts[0].answers[0].value == [-1.5, 1.5, -1.5]
    for latex, display in solution_formulas(sol):
        validate_latex(latex, display)
    writer = HtmlWriter()
    writer.solution(sol)
    for latex, display in writer.formulas:
        validate_latex(latex, display)
    assert "math-error" not in sol.to_html().replace(".optiproof .math-error", "")


def test_demo_solves_a_folder_of_problem_texts(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "Sign descent\n\nLet g = [3, -1, 2] be the gradient and alpha = 0.5. Find\n"
        "u = argmin_d g^T d + (1/alpha) ||d||_inf^2. Which optimizer is this?\n")
    out = tmp_path / "report"
    result = _run("demo", "--texts", str(folder), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert (out / "report.html").exists() and (out / "one.md").exists()
    assert "sign gradient descent" in (out / "one.md").read_text()
    assert _run("demo", "--texts", str(tmp_path / "missing")).exit_code == 2


@pytest.mark.parametrize("extra, shown", [
    ("Our cluster has 0.37 petaflops.", "0.37"),
    ("The room seats 41 students.", "41"),
])
def test_brief_output_still_shows_the_numbers_no_answer_uses(tmp_path, extra, shown):
    """--brief leaves the reading out but not a number of the text that the answers ignore: an
    answer computed without it may answer another question than the one asked."""
    text = ("The gradient is g = (3, -1, 2) and alpha = 0.5. " + extra + "\n\n"
            "(a) Find the minimiser of g^T d + (1/alpha) ||d||_2^2.\n\n"
            "(b) Find the minimiser of g^T d + (1/alpha) ||d||_inf^2.\n")
    brief = _run("solve", _file(tmp_path, "p.txt", text), "--brief")
    head = brief.stdout.split("Answers")[0]
    assert "NOT USED" in head and shown in head, brief.stdout
    assert brief.exit_code != 0
    clean = _run("solve", _file(tmp_path, "q.txt", text.replace(extra, "")), "--brief")
    assert "NOT USED" not in clean.stdout and clean.exit_code == 0, clean.stdout
