"""Command line: ``optiproof solve | read | check | schema | demo``. Heavy libraries are imported inside commands.

Exit codes (DESIGN.md): 0 solved and verified, 1 some part not verified (or an internal error),
2 bad input, 3 problem not recognised.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from optiproof import loading
from optiproof.core.errors import BadInput, NotRecognised, OptiproofError
from optiproof.core.limits import LIMITS

app = typer.Typer(
    name="optiproof",
    help="Solve, explain and verify theory problems about deep-learning optimization.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: importing typer's rich help costs ~0.1-0.3 s
)

DEFAULT_DEMO_DIR = Path("optiproof-report")
NoCache = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the result "
                                                          "cache.")]
cache_app = typer.Typer(help="The result cache (solved and verified problems).",
                        no_args_is_help=True)
app.add_typer(cache_app, name="cache")


class Format(str, Enum):
    """Output formats of ``solve``."""

    term = "term"
    md = "md"
    html = "html"
    json = "json"


class Engine(str, Enum):
    """Witness engines: in-process simulators, or real torch.distributed (gloo) runs too."""

    sim = "sim"
    gloo = "gloo"


# -- reading problems -----------------------------------------------------------------------

def load_problem_any(path_or_dash: str, write_spec: Path | None = None) -> Any:
    """A Problem from a spec file, ``-`` for stdin, or problem text; when the text cannot be
    read completely, the partial reading is written to ``write_spec`` if given."""
    from optiproof.reading import ReadingIncomplete, ReadingInvalid

    try:
        return loading.load_problem_any(path_or_dash)
    except (ReadingIncomplete, ReadingInvalid) as err:
        if write_spec is not None:
            _write(err.reading.to_spec_yaml(), write_spec)
            typer.echo(f"wrote an editable spec to {write_spec}: fix it and run "
                       f"`optiproof solve {write_spec}`", err=True)
        raise


# -- running, errors and progress -----------------------------------------------------------

def _fail(code: int, message: str) -> int:
    typer.echo(message, err=True)
    return code


def _guarded(fn: Callable[[], int]) -> int:
    """Run a command body, turning errors into their exit code and a message (no traceback)."""
    try:
        return fn()
    except BadInput as err:
        return _fail(err.exit_code, f"error: bad input: {err}")
    except NotRecognised as err:
        return _fail(err.exit_code, f"error: not recognised: {err}")
    except OptiproofError as err:
        return _fail(err.exit_code, f"error: {err}")
    except KeyboardInterrupt:
        return _fail(130, "interrupted")
    except Exception as err:  # noqa: BLE001 - the CLI's last line of defence
        if os.environ.get("OPTIPROOF_DEBUG") == "1":
            import traceback

            traceback.print_exc()
        one_line = " ".join(f"{type(err).__name__}: {err}".split())[:500]
        return _fail(1, f"internal error: {one_line}")


@contextmanager
def _progress(spinner: bool, lines: bool, first: str) -> Iterator[Callable[[str], None]]:
    """A progress sink on stderr: a rich spinner on a TTY, plain lines, or nothing."""
    if spinner:
        from rich.console import Console

        with Console(stderr=True).status(first) as status:
            yield lambda message: status.update(f"running witness: {message}")
    elif lines:
        typer.echo(first, err=True)
        yield lambda message: typer.echo(f"  running witness: {message}", err=True)
    else:
        yield lambda message: None


def _render(solution: Any, fmt: Format) -> str:
    if fmt is Format.json:
        return solution.to_json() + "\n"
    if fmt is Format.md:
        return solution.to_markdown()
    if fmt is Format.html:
        return solution.to_html()
    import io

    from rich.console import Console

    from optiproof.rendering.terminal import render_terminal

    console = Console(file=io.StringIO(), record=True, width=100)
    render_terminal(solution, console)
    return console.export_text()


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as err:
        raise BadInput(f"cannot write {out}: {err.strerror}", field="--out") from None


def _print_terminal(solution: Any) -> None:
    from rich.console import Console

    from optiproof.rendering.terminal import render_terminal

    render_terminal(solution, Console())


def _not_verified_note(solution: Any) -> None:
    bad = [f"({p.label})" for p in solution.parts if not p.verified]
    if bad:
        typer.echo(f"warning: NOT VERIFIED: part {', '.join(bad)}", err=True)


# -- the result cache -----------------------------------------------------------------------

def _cache(no_cache: bool) -> Any:
    """The result cache, or None with ``--no-cache``."""
    if no_cache:
        return None
    from optiproof.runtime.cache import ResultCache

    return ResultCache()


def _alias(cache: Any, problem: str, options: Any) -> str | None:
    """The cache's digest of a problem file with ``options`` (None for stdin, no cache, or a
    file that loading will refuse)."""
    if cache is None or problem == "-":
        return None
    try:
        with open(problem, "rb") as fh:
            raw = fh.read(LIMITS.max_text_bytes + 1)
    except OSError:
        return None
    if len(raw) > LIMITS.max_text_bytes:
        return None
    return cache.alias(raw, Path(problem).suffix.lower(), options)


def _cached_solved(cache: Any, alias: str | None) -> Any:
    """The cached solution an input digest leads to, as a ``Solved`` (None on a miss)."""
    from optiproof.pipeline import Solved

    hit = cache.entry_of_alias(alias) if alias is not None else None
    solution = cache.solution(hit.key) if hit is not None else None
    return None if solution is None else Solved(solution, hit.key, hit)


def _solved(problem: str, options: Any, cache: Any, write_spec: Path | None = None) -> Any:
    """PROBLEM solved: from the cache by its input digest, else read and solved (and cached).
    Before reading, the witness worker starts, so that whatever it has to import overlaps the
    reading and the derivation."""
    from optiproof.pipeline import solve_cached

    alias = _alias(cache, problem, options)
    cached = _cached_solved(cache, alias)
    if cached is not None:
        return cached
    if options.run_witnesses:
        from optiproof.runtime.pool import shared_pool

        shared_pool()
    return solve_cached(load_problem_any(problem, write_spec), options, cache, alias)


def _cached_note(entry: Any) -> None:
    """Say on stderr that the answer comes from the cache, and when its witnesses ran."""
    typer.echo(f"cached: the witnesses ran at {entry.witnessed_at} (--no-cache runs them "
               "again)", err=True)


def _marked(text: str, fmt: Format, entry: Any) -> str:
    """A document served from the cache: JSON gets ``cached`` (when the witnesses ran); every
    format gets the note on stderr."""
    _cached_note(entry)
    if fmt is not Format.json:
        return text
    import json

    data = json.loads(text)
    data["cached"] = {"witnesses_ran_at": entry.witnessed_at}
    return json.dumps(data, indent=2, allow_nan=False) + "\n"


# -- commands -------------------------------------------------------------------------------

def _version(value: bool) -> None:
    if value:
        typer.echo("optiproof 0.1.0")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Solve, explain and verify theory problems about deep-learning optimization."""


@app.command()
def solve(
    problem: Annotated[str, typer.Argument(metavar="PROBLEM",
                                           help="A .yaml/.yml/.json spec file, or - for stdin.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.term,
    out: Annotated[Optional[Path], typer.Option("--out", "-o",  # noqa: UP045
                                                help="Write to FILE instead of stdout.")] = None,
    engine: Annotated[Engine, typer.Option(help="Witness engine.")] = Engine.sim,
    no_witness: Annotated[bool, typer.Option("--no-witness",
                                             help="Skip witnesses (parts stay unverified).")]
    = False,
    write_spec: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--write-spec", help="If the text cannot be fully read, write an editable spec here.")]
    = None,
    no_cache: NoCache = False,
) -> None:
    """Solve PROBLEM (a spec file, problem text, or - for stdin), verify it, and write it up."""

    def body() -> int:
        from dataclasses import replace

        from optiproof.core.options import SolveOptions

        options = SolveOptions(engine=engine.value, run_witnesses=not no_witness,
                               figures=fmt is not Format.json)
        cache = _cache(no_cache)
        alias = _alias(cache, problem, options) if fmt is not Format.term else None
        hit = cache.entry_of_alias(alias) if alias is not None else None
        text = cache.rendering(hit.key, fmt.value) if hit is not None else None
        if text is not None:
            _write(_marked(text, fmt, hit), out)
            solution = cache.solution(hit.key) if hit.exit_code else None
            if solution is not None:
                _not_verified_note(solution)
            return hit.exit_code
        spinner = sys.stderr.isatty()
        with _progress(spinner, fmt is Format.term and not spinner,
                       "solving exactly...") as progress:
            solved = _solved(problem, replace(options, progress=progress), cache, write_spec)
        solution = solved.solution
        if fmt is Format.term and out is None:
            if solved.cached is not None:
                _cached_note(solved.cached)
            _print_terminal(solution)
        else:
            text = _render(solution, fmt)
            if solved.key is not None and fmt is not Format.term:
                cache.put_rendering(solved.key, fmt.value, text)
            _write(text if solved.cached is None else _marked(text, fmt, solved.cached), out)
        if fmt is not Format.term or out is not None:
            _not_verified_note(solution)
        return solution.exit_code

    raise typer.Exit(_guarded(body))


@app.command()
def read(
    problem: Annotated[str, typer.Argument(metavar="PROBLEM",
                                           help="Problem text file, or - for stdin.")],
    write_spec: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--write-spec", help="Write what was read as an editable spec file.")] = None,
) -> None:
    """Show what was understood from a problem text: parts, families, parameters, sources."""

    def body() -> int:
        from optiproof.reading import describe, read_report

        spec_path, text, source = loading.problem_source(problem)
        if spec_path is not None:
            raise BadInput(f"{source} is a spec file; `read` takes problem text",
                           field="PROBLEM", expected="a .txt/.md file or -")
        reading = read_report(text)
        typer.echo(describe(reading))
        if write_spec is not None:
            _write(reading.to_spec_yaml(), write_spec)
            typer.echo(f"wrote {write_spec}", err=True)
        return 0 if reading.complete else 3

    raise typer.Exit(_guarded(body))


DEFAULT_CHECK_DIR = Path("optiproof-check")


@app.command()
def check(
    problem: Annotated[str, typer.Argument(metavar="PROBLEM",
                                           help="The problem: a spec file or problem text.")],
    answer: Annotated[Path, typer.Argument(metavar="ANSWER",
                                           help="An answer document (.md/.txt), or a folder "
                                                "of them (batch mode).")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.term,
    reveal: Annotated[bool, typer.Option("--reveal", help="Show the verified answers in the "
                                         "report and the hints.")] = False,
    out: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--out", "-o", help="Write the report here; in batch mode the folder for summary.json "
                            "and summary.html (default ./optiproof-check).")] = None,
    no_cache: NoCache = False,
) -> None:
    """Check an answer to PROBLEM: a verdict per part, each error with its line, and a hint.

    Exit codes: 0 all parts correct, 1 some part not correct, 2 bad input, 3 problem not
    recognised."""

    def body() -> int:
        from optiproof.checking import decode_answer

        batch = answer.is_dir()
        text = ""
        if not batch:
            try:
                with answer.open("rb") as fh:
                    from optiproof.checking import MAX_ANSWER_BYTES

                    raw = fh.read(MAX_ANSWER_BYTES)
            except OSError as err:
                raise BadInput(f"cannot read {answer}: {err.strerror}", field="ANSWER") from None
            text = decode_answer(raw, str(answer))
        from optiproof.core.options import SolveOptions

        solution = _solved(problem, SolveOptions(figures=False), _cache(no_cache)).solution
        if batch:
            from optiproof.checking.batch import check_folder

            target = out or DEFAULT_CHECK_DIR
            summary = check_folder(solution, answer, target, reveal)
            typer.echo(f"checked {summary['checked']} of {len(summary['files'])} answers; "
                       f"mean score {summary['mean_score']}; wrote {target / 'summary.json'} "
                       f"and {target / 'summary.html'}", err=True)
            if not summary["files"]:
                raise BadInput(f"{answer} has no .md/.txt answer files", field="ANSWER")
            ok = all(e["score"] == 1 for e in summary["files"])
            return 0 if ok else 1
        from optiproof.checking import check_answer
        from optiproof.checking.report import render

        report = check_answer(solution, text, reveal=reveal, source=answer.name)
        _write(render(report, fmt.value), out)
        return report.exit_code

    raise typer.Exit(_guarded(body))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the problem spec format."""

    def body() -> int:
        import json

        from optiproof.families.problem import problem_json_schema

        typer.echo(json.dumps(problem_json_schema(), indent=2))
        return 0

    raise typer.Exit(_guarded(body))


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for report.html and "
                                      "one .md per problem.")] = DEFAULT_DEMO_DIR,
    texts: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--texts", help="Solve every .txt/.md problem text in this folder instead of the "
                        "bundled problems.")] = None,
    no_cache: NoCache = False,
) -> None:
    """Solve every bundled problem and write an HTML report plus one Markdown file each."""

    def body() -> int:
        problems = (loading.bundled_problems() if texts is None
                    else loading.problem_texts_in(texts))
        if not problems:
            where = "optiproof/problems" if texts is None else str(texts)
            raise NotRecognised(f"no problems found in {where}")
        return _run_demo(problems, out, _cache(no_cache))

    raise typer.Exit(_guarded(body))


def _run_demo(problems: list[tuple[str, str]], out: Path, cache: Any) -> int:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from optiproof.core.options import SolveOptions

    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise BadInput(f"cannot create {out}: {err.strerror}", field="--out") from None
    items, rows = [], []
    spinner = sys.stderr.isatty()
    for name, text in problems:
        start = time.perf_counter()
        with _progress(spinner, not spinner, f"solving {name}...") as progress:
            try:
                key, solution, markdown, parts, ok = _demo_problem(
                    name, text, SolveOptions(progress=progress), cache)
            except Exception as err:  # noqa: BLE001 - one broken problem must not stop the demo
                rows.append((name, "\u2014", f"error: {' '.join(str(err).split())[:200]}",
                             time.perf_counter() - start, False))
                continue
        items.append((key, solution))
        _write(markdown, out / (Path(name).stem + ".md"))
        rows.append((name, str(parts), "\u2714 verified" if ok else "\u2718 NOT VERIFIED",
                     time.perf_counter() - start, ok))
    report = out / "report.html"
    _write(_demo_report(items, cache), report)
    table = Table(title="optiproof demo", title_justify="left")
    for col in ("Problem", "Parts", "Status", "Time"):
        table.add_column(col, overflow="fold")
    for name, parts, status, seconds, ok in rows:
        table.add_row(name, parts, Text(status, style="bold green" if ok else "bold red"),
                      f"{seconds:.1f} s")
    console = Console()
    console.print(table)
    console.print(f"report: {report.resolve()}", soft_wrap=True)
    return 0 if all(r[4] for r in rows) else 1


def _demo_problem(name: str, text: str, options: Any, cache: Any
                  ) -> tuple[str | None, Any, str, int, bool]:
    """A bundled problem (or problem text) solved, or found in the cache by its text: its cache
    key, its solution (None when its Markdown was cached), its Markdown, number of parts and
    whether it is verified."""
    from optiproof.pipeline import solve_cached

    alias = cache.alias(text.encode(), Path(name).suffix.lower(), options) \
        if cache is not None else None
    hit = cache.entry_of_alias(alias) if alias is not None else None
    markdown = cache.rendering(hit.key, "md") if hit is not None else None
    if markdown is not None:
        return hit.key, None, markdown, hit.parts, hit.exit_code == 0
    solved = _cached_solved(cache, alias) or solve_cached(loading.load_bundled(name, text),
                                                          options, cache, alias)
    markdown = solved.solution.to_markdown()
    if solved.key is not None:
        cache.put_rendering(solved.key, "md", markdown)
    return (solved.key, solved.solution, markdown, len(solved.solution.parts),
            solved.solution.verified)


def _demo_report(items: list[tuple[str | None, Any]], cache: Any) -> str:
    """The HTML report of the demo's solutions (kept in the cache under their keys)."""
    from optiproof.rendering.html import render_html_report
    from optiproof.runtime.cache import combined_key

    keys = [key for key, _ in items]
    report_key = combined_key(keys) if cache is not None and None not in keys else None
    html = cache.rendering(report_key, "html") if report_key is not None else None
    if html is None:
        solutions = [s if s is not None else cache.solution(key) for key, s in items]
        html = render_html_report([s for s in solutions if s is not None], "optiproof demo")
        if report_key is not None:
            cache.put_rendering(report_key, "html", html)
    return html


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete every cached result."""

    def body() -> int:
        from optiproof.runtime.cache import ResultCache

        cache = ResultCache()
        typer.echo(f"deleted {cache.clear()} cached results from {cache.path}", err=True)
        return 0

    raise typer.Exit(_guarded(body))


def main() -> None:
    """Entry point of the ``optiproof`` script."""
    app(prog_name="optiproof")
