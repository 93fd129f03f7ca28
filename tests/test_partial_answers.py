"""A partly read text: the parts that were read are answered and verified, the others are
listed (which phrase, what was expected) in their place in every output; exit code 1; `--whole`
keeps the all-or-nothing refusal (exit 3); a part that uses an unread part is not answered."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from optiproof import cli
from optiproof.core.options import SolveOptions
from optiproof.core.solution import NotAnswered, Solution
from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, ReadingInvalid, read_report
from optiproof.reading.partial import dependence, label_pattern
from optiproof.rendering import NOT_ANSWERED_BADGE
from optiproof.rendering.latexcheck import validate_latex
from tests.markdown_math import markdown_formulas

runner = CliRunner()

UNICODE = """Two steps under different geometries

Let g = (2, −1, 4) and α = 0.5.

(a) Compute u = argmin_d gᵀd + (1/α) ‖d‖_∞². Give u and name the optimizer it recovers.

(b) Find the name of the ship that sailed to Lisbon in 1755.
"""
LATEX = r"""\section*{Penalised steps}
Let $g = (1, -3)^\top$ and $\alpha = 2$.
\begin{enumerate}
\item[(a)] List the three largest rivers of France.
\item[(b)] Find $u = \arg\min_{d} \; g^\top d + \frac{1}{\alpha}\|d\|_2^2$. What is $u$?
\end{enumerate}
"""
MARKDOWN = """## Homework 3, problem 2

Let **g** = (4, 0, -3) and the step weight α = 1.

**(a)** Find u = argmin_d gᵀd + (1/α)‖d‖₁². Report u.

**(b)** Write down the three largest rivers of France.
"""
ASCII = """Steepest descent, ASCII homework

g = [3, -1, 2], alpha = 0.5

1) Find u = argmin_d g^T d + (1/alpha) ||d||_2^2 and state which optimizer this is.
2) Describe the colour of the sky at noon.
"""
STYLES = {  # text, the part read, the part not read, a phrase of the unread request
    "unicode": (UNICODE, "a", "b", "ship that sailed to Lisbon"),
    "latex": (LATEX, "b", "a", "rivers of France"),
    "markdown": (MARKDOWN, "a", "b", "rivers of France"),
    "ascii": (ASCII, "1", "2", "colour of the sky"),
}
NOTHING = """Nothing readable

(a) Write a haiku about autumn.

(b) Compose a limerick about a cat.
"""
BACK_REFERENCE = """Steepest descent with a back-reference

Let g = (3, -4) and α = 1.

(a) Write a haiku about the gradient field.

(b) Find u = argmin_d gᵀd + (1/α)‖d‖_2². Give u.

(c) Using your answer to (a), find u = argmin_d gᵀd + (1/α)‖d‖_1² with the same g. Give u.
"""


def _file(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _solve(tmp_path: Path, text: str, *args: str, name: str = "p.txt") -> object:
    return runner.invoke(cli.app, ["solve", _file(tmp_path, name, text), *args],
                         env={"XDG_CACHE_HOME": str(tmp_path / "cache")})


def _partial(text: str) -> Solution:
    reading = read_report(text)
    solution = solve_problem(reading.answerable_problem(), SolveOptions(figures=False))
    reading.attach(solution)
    return solution


@pytest.mark.parametrize("style", sorted(STYLES))
def test_the_part_read_is_answered_and_the_other_listed(tmp_path: Path, style: str) -> None:
    text, read, unread, phrase = STYLES[style]
    result = _solve(tmp_path, text, "--format", "json", "--no-cache")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert [p["label"] for p in data["parts"]] == [read]
    assert data["parts"][0]["verified"] is True and data["parts"][0]["answers"]
    assert [n["label"] for n in data["not_answered"]] == [unread]
    gap = data["not_answered"][0]
    assert gap["question"] and any(phrase in r and "expected" in r for r in gap["not_read"])
    assert data["reading_complete"] is False
    whole = _solve(tmp_path, text, "--format", "json", "--no-cache", "--whole")
    assert whole.exit_code == 3 and whole.stdout == "" and phrase in whole.stderr


@pytest.mark.parametrize("style", sorted(STYLES))
def test_every_output_shows_the_part_not_answered_in_its_place(style: str) -> None:
    text, read, unread, phrase = STYLES[style]
    solution = _partial(text)
    assert solution.exit_code == 1 and solution.verified is False
    assert solution.parts[0].verified
    heads = {label: f"Part ({label})" for label in (read, unread)}
    first, second = sorted((read, unread), key=[p.label for p in read_report(text).parts].index)
    html = solution.to_html()
    outputs = {"markdown": solution.to_markdown(), "html": html,
               "jupyter": solution._repr_html_(), "repr": repr(solution),
               "term": _terminal(solution, brief=False),
               "brief": _terminal(solution, brief=True)}
    for name, out in outputs.items():
        flat = " ".join(out.split())
        assert NOT_ANSWERED_BADGE in flat, name
        assert phrase in flat, name
        if name != "repr":
            assert "answered 1 of 2 parts; the others could not be read (see below)" in flat, name
        # in text order: the first part's heading before the second's, in the answers
        at = flat.index("Answers") if "Answers" in flat else 0
        assert flat.index(heads[first], at) < flat.index(heads[second], at), name
    for latex, display in markdown_formulas(outputs["markdown"]):
        validate_latex(latex, display)
    assert 'class="katex-error' not in html and 'class="math-error' not in html
    from optiproof.rendering.html import HtmlWriter

    writer = HtmlWriter()
    writer.solution(solution)
    for latex, display in writer.formulas:
        validate_latex(latex, display, strict=False)


def _terminal(solution: Solution, brief: bool) -> str:
    from rich.console import Console

    from optiproof.rendering.terminal import render_terminal

    buffer = io.StringIO()
    render_terminal(solution, Console(file=buffer, width=200, color_system=None),
                    brief=brief)
    return buffer.getvalue()


def test_a_text_with_no_part_read_is_refused_as_before(tmp_path: Path) -> None:
    result = _solve(tmp_path, NOTHING, "--format", "json", "--no-cache")
    assert result.exit_code == 3 and result.stdout == ""
    assert "could not read the problem completely" in result.stderr
    with pytest.raises(ReadingIncomplete):
        read_report(NOTHING).answerable_problem()


def test_check_still_needs_every_part_read(tmp_path: Path) -> None:
    answer = _file(tmp_path, "answer.md", "(a) u = (-2, 1, -2)\n(b) The Endeavour.\n")
    problem = _file(tmp_path, "p.txt", UNICODE)
    for _ in range(2):   # the second time a partial solution of it may be in the cache
        result = runner.invoke(cli.app, ["check", problem, answer],
                               env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
        assert result.exit_code == 3, result.output
        assert "check grades an answer against every part" in result.stderr
        assert "ship that sailed to Lisbon" in result.stderr
        _solve(tmp_path, UNICODE, "--format", "json")


def test_a_part_that_uses_an_unread_part_is_not_answered(tmp_path: Path) -> None:
    result = _solve(tmp_path, BACK_REFERENCE, "--format", "json", "--no-cache")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert [p["label"] for p in data["parts"]] == ["b"]
    gaps = {n["label"]: " ".join(n["not_read"]) for n in data["not_answered"]}
    assert list(gaps) == ["a", "c"] and "(a)" in gaps["c"]


def test_the_own_text_naming_an_unread_part_is_enough() -> None:
    reading = read_report(UNICODE)
    part = reading.parts[0]
    reading.texts = dict(reading.texts, a=reading.texts["a"] + " Compare it with part (b).")
    assert "part (b)" in dependence(part, reading, ["b"])
    reading.texts = dict(reading.texts, a="Find u. Divide it by the answer of question 2.")
    assert "question 2" in dependence(part, reading, ["2"])
    assert dependence(part, reading, ["a"]) is None          # never on itself
    assert label_pattern("b").search("as in (b) above") and not label_pattern("b").search("f(b)")


def test_a_reference_the_reading_did_not_resolve_is_not_answered_in_a_partial_text() -> None:
    """In a partly read text, a part whose own words refer to another part ("as in part (c)",
    "with these parameters") is answered only when the reader recorded taking something from
    such a part."""
    text = UNICODE.replace("(b) Find the name", "(c) Find the name").replace(
        "(a) Compute", "(a) Write a haiku about the sea.\n\n(b) Compute")
    reading = read_report(text)
    b = next(p for p in reading.parts if p.label == "b")
    assert dependence(b, reading, ["c"]) is None
    own = reading.texts["b"]
    reading.texts = dict(reading.texts, b=own + " Use the norm of part (c).")
    assert "part (c)" in dependence(b, reading, ["a"])
    reading.texts = dict(reading.texts, b=own + " Keep these parameters.")
    assert "these" in dependence(b, reading, [])


def test_the_solution_cache_serves_a_partial_solution(tmp_path: Path) -> None:
    text = STYLES["unicode"][0]
    first = _solve(tmp_path, text, "--format", "json")
    again = _solve(tmp_path, text, "--format", "json")
    assert first.exit_code == again.exit_code == 1
    assert "cached" in json.loads(again.stdout) and "cached" in again.stderr
    for out in (first, again):
        assert [n["label"] for n in json.loads(out.stdout)["not_answered"]] == ["b"]
    assert _solve(tmp_path, text, "--format", "json", "--whole").exit_code == 3
    from optiproof.runtime.cache import ResultCache

    cache = ResultCache(tmp_path / "cache" / "optiproof" / "results.sqlite3")
    kept = cache.solution(json.loads(again.stdout)["cached"] and _only_key(cache))
    assert kept is not None and kept.exit_code == 1
    assert kept.not_answered == [NotAnswered("b", kept.not_answered[0].question,
                                             kept.not_answered[0].not_read)]


def _only_key(cache: object) -> str:
    import sqlite3

    with sqlite3.connect(cache.path) as db:
        (key,), = db.execute("SELECT key FROM solutions").fetchall()
    return key


def test_a_complete_text_has_an_empty_not_answered_list(tmp_path: Path) -> None:
    text = UNICODE.split("(b)")[0]
    result = _solve(tmp_path, text, "--format", "json", "--no-cache")
    assert result.exit_code == 0 and json.loads(result.stdout)["not_answered"] == []


READABLE = [  # (label-free text of a part that reads, the norm)
    "Find u = argmin_d gᵀd + (1/α) ‖d‖_2². Give u.",
    "Compute u = argmin_d gᵀd + (1/α) ‖d‖_∞². Give u and name the optimizer.",
    "Find u = argmin_d gᵀd + (1/α) ‖d‖_1². What is u?",
]
UNREADABLE = ["Write a haiku about the weather of Lisbon.",
              "List the three largest rivers of France.",
              "Describe the colour of the sky at noon."]
LABELS = [("(a)", "(b)"), ("1)", "2)"), ("(i)", "(ii)"), ("**(a)**", "**(b)**")]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(readable=st.sampled_from(READABLE), unreadable=st.sampled_from(UNREADABLE),
       labels=st.sampled_from(LABELS), first=st.booleans(),
       g=st.lists(st.integers(-5, 5), min_size=2, max_size=3).filter(any),
       alpha=st.sampled_from(["1", "0.5", "2"]))
def test_answers_equal_those_of_the_text_without_the_unread_part(
        readable: str, unreadable: str, labels: tuple[str, str], first: bool, g: list[int],
        alpha: str) -> None:
    head = f"Steepest descent\n\nLet g = ({', '.join(map(str, g))}) and α = {alpha}.\n\n"
    bodies = [readable, unreadable] if first else [unreadable, readable]
    text = head + "".join(f"{lab} {body}\n\n" for lab, body in zip(labels, bodies))
    alone = head + f"{labels[0 if first else 1]} {readable}\n"
    reading = read_report(text)
    problem = reading.answerable_problem()
    options = SolveOptions(figures=False, run_witnesses=False)
    got = solve_problem(problem, options)
    reading.attach(got)
    want = solve_problem(read_report(alone).to_problem(), options)
    assert len(got.parts) == len(want.parts) == 1 and len(got.not_answered) == 1
    assert [a.to_dict() for a in got.parts[0].answers] == [
        a.to_dict() for a in want.parts[0].answers]
    assert got.parts[0].identified_as == want.parts[0].identified_as


INVALID_PART = [
    "A tree all-reduce runs on n = 16 workers for p = 2.5 × 10^7 parameters stored in fp32.\n"
    "(a) How many messages are sent?\n(b) How many bytes does one worker receive?\n",
    "Tree all-reduce with n = 8 GPUs and a gradient of p = 10^6 entries in fp16.\n"
    "1. Number of messages?\n2. How many bytes does a single worker receive?\n",
    "We average gradients with a tree all-reduce: n = 4 workers, p = 1000 parameters, 4 bytes "
    "each.\n(i) How many messages?\n(ii) How many bytes does each worker receive?\n",
]


@pytest.mark.parametrize("text", INVALID_PART)
def test_a_part_whose_data_do_not_validate_is_listed_and_the_others_answered(
        tmp_path: Path, text: str) -> None:
    assert read_report(text).complete     # read completely: its data are what fail
    result = _solve(tmp_path, text, "--format", "json", "--no-cache")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert len(data["parts"]) == 1 and data["parts"][0]["verified"] is True
    (gap,) = data["not_answered"]
    assert any("do not validate" in r and "busiest" in r for r in gap["not_read"]), gap
    whole = _solve(tmp_path, text, "--format", "json", "--no-cache", "--whole")
    assert whole.exit_code == 2 and "busiest" in whole.stderr


@pytest.mark.parametrize("text", INVALID_PART)
def test_the_partial_problem_of_the_web_page_leaves_out_a_part_that_does_not_validate(text):
    reading = read_report(text)
    problem = reading.to_problem(partial=True)
    assert len(problem.parts) == 1
    (label,) = reading.not_answered()
    assert label == reading.parts[1].label
    with pytest.raises(ReadingInvalid):
        read_report(text).to_problem()


SOLVER_REFUSES = """Two penalised steps
Let g = (2, −1, 4) and α = 0.5.
(a) Compute u = argmin_d gᵀd + (1/α) ‖d‖_∞². Give u.
(b) Compute u = argmin_d gᵀd + (1/α) ‖d‖₂². Give u.
"""


def _refusing(monkeypatch: pytest.MonkeyPatch, labels: set[str]) -> None:
    """The steepest-descent solver refuses the data of the parts named in ``labels``."""
    from optiproof.core.errors import BadInput
    from optiproof.families import FAMILIES

    family = FAMILIES["steepest-descent"]
    solve = family.solver()

    def refusing(spec, *, figures):
        if spec.label in labels:
            raise BadInput("these data are outside what the solver takes", field="gradient")
        return solve(spec, figures=figures)

    monkeypatch.setitem(FAMILIES, "steepest-descent",
                        dataclasses.replace(family, solver=lambda: refusing))


@pytest.mark.parametrize("refused", ["a", "b"])
def test_a_part_the_solver_refuses_is_listed_and_the_others_answered(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refused: str) -> None:
    assert read_report(SOLVER_REFUSES).complete
    _refusing(monkeypatch, {refused})
    result = _solve(tmp_path, SOLVER_REFUSES, "--format", "json", "--no-cache")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    (part,) = data["parts"]
    assert part["label"] != refused and part["verified"] is True
    (gap,) = data["not_answered"]
    assert gap["label"] == refused
    assert any("solver refuses" in r and "outside what the solver takes" in r
               for r in gap["not_read"]), gap
    whole = _solve(tmp_path, SOLVER_REFUSES, "--format", "json", "--no-cache", "--whole")
    assert whole.exit_code == 2 and "outside what the solver takes" in whole.stderr


def test_a_text_whose_every_part_the_solver_refuses_stays_bad_input(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _refusing(monkeypatch, {"a", "b"})
    result = _solve(tmp_path, SOLVER_REFUSES, "--format", "json", "--no-cache")
    assert result.exit_code == 2 and "outside what the solver takes" in result.stderr
