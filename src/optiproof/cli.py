"""Command line: ``optiproof solve | read | check | schema | demo | serve``. Heavy libraries are imported inside commands.

Exit codes (DESIGN.md): 0 solved and verified, 1 some part not verified (or an internal error),
2 bad input, 3 problem not recognised. A reader of standard output that goes away before
the end (``| head``) ends the command quietly with exit 2. Closed standard streams are not
errors: a closed stderr silences messages, a closed stdin is bad input only when PROBLEM is -.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from optiproof import loading
from optiproof.core.errors import BadInput, NotRecognised, OptiproofError
from optiproof.core.limits import LIMITS

if TYPE_CHECKING:
    from optiproof.core.resources import Budget

app = typer.Typer(
    name="optiproof",
    help="Solve, explain and verify theory problems about deep-learning optimization.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: importing typer's rich help costs ~0.1-0.3 s
)

DEFAULT_DEMO_DIR = Path("optiproof-report")
DEMO_MANIFEST = ".optiproof-demo"
"""The file in a demo folder listing what earlier demos wrote there (those may be replaced)."""
_WHOLE_PROCESS = False
"""True when this process is the ``optiproof`` command itself (rlimits may be set)."""
UNSUPERVISED = ("serve",)
"""Commands that bound their own work (the server: each request in a pool worker under its
own limits), so they run without the per-input budget."""
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


FORMAT_HELP = "Output format: term, md, html or json (any case)."
OPEN_HELP = ("Write the report as HTML (to --out, or a temporary file) and open it in the "
             "default browser.")


class Engine(str, Enum):
    """Witness engines: in-process simulators, or real torch.distributed (gloo) runs too."""

    sim = "sim"
    gloo = "gloo"


# -- reading problems -----------------------------------------------------------------------

def load_problem_any(path_or_dash: str, write_spec: Path | None = None,
                     interactive: bool = False, force: bool = False,
                     whole: bool = True) -> tuple[Any, Any]:
    """(Problem, Reading or None) from a spec file, ``-`` for stdin, or problem text (only text
    has a Reading). When the text cannot be read completely: with ``interactive``, a question the
    reader could not place is asked about on the terminal; otherwise (or if the user declines)
    the partial reading is written to ``write_spec`` if given; then, unless ``whole``, the
    parts that were read are answered (the Problem of :meth:`Reading.answerable_problem`), and
    when none can be (or with ``whole``) the refusal stands."""
    from optiproof.reading import ReadingIncomplete, ReadingInvalid
    from optiproof.reading.interactive import complete, completable

    try:
        return loading.load_problem_and_reading(path_or_dash)
    except (ReadingIncomplete, ReadingInvalid) as err:
        if interactive and isinstance(err, ReadingIncomplete) and completable(err.reading) \
                and complete(err.reading, _choose):
            return err.reading.to_problem(), err.reading
        if write_spec is not None:
            _write_spec(err.reading, write_spec, path_or_dash, force)
            typer.echo(f"wrote an editable spec to {write_spec}: fix it and run "
                       f"`optiproof solve {write_spec}`", err=True)
        if whole:
            raise
        try:
            problem = err.reading.answerable_problem()
        except ReadingIncomplete:
            raise err from None
        skipped = len(err.reading.parts) - len(problem.parts)
        what = "could not be read" if isinstance(err, ReadingIncomplete) and \
            not err.reading.invalid else "are not answered"
        typer.echo(f"answering {len(problem.parts)} of {len(err.reading.parts)} parts; "
                   f"{skipped} {what} (they are listed in the output; --whole "
                   "refuses the whole text instead)", err=True)
        return problem, err.reading


def _choose(prompt: str, options: list[str]) -> int | None:
    """Ask on the terminal which option applies; None for 'something else'."""
    typer.echo(prompt)
    for i, option in enumerate(options, 1):
        typer.echo(f"  [{i}] {option}")
    typer.echo(f"  [{len(options) + 1}] something else (write a spec)")
    while True:
        answer = typer.prompt("choose", default=str(len(options) + 1)).strip()
        if answer.isdigit() and 1 <= int(answer) <= len(options) + 1:
            return None if int(answer) == len(options) + 1 else int(answer) - 1
        typer.echo(f"please answer a number from 1 to {len(options) + 1}")


def _write_spec(reading: Any, write_spec: Path, problem: str, force: bool) -> None:
    """The reading as an editable spec at ``write_spec``: never over an input of the run, and
    over an existing file only if it is a spec written this way (or with --force)."""
    from optiproof.reading.report import is_written_spec

    _write(reading.to_spec_yaml(), write_spec, field="--write-spec", inputs=_inputs(problem),
           replaceable=is_written_spec, force=force)


FORCE_HELP = ("Replace an existing output file even when it is not a previous optiproof output "
              "(an input of the run never).")

# -- running, errors and progress -----------------------------------------------------------

def _fail(code: int, message: str) -> int:
    from optiproof.core.safeio import printable

    typer.echo(printable(message), err=True)
    return code


def _guarded(fn: Callable[[Budget], int], bounded: bool = True) -> int:
    """Run a command body under the input budget, turning errors into their exit code and a
    one-paragraph message (no traceback). Exceptions that only bad input can cause - too deep,
    too many digits, a number out of float range, an output that cannot be written - are exit 2
    as well; a reader that went away (broken pipe) ends the command quietly."""
    from optiproof.core.resources import OverBudget, RunBudget, run_budget

    try:
        if not bounded:
            return fn(None)  # type: ignore[arg-type]
        with run_budget(RunBudget(), whole_process=_WHOLE_PROCESS) as budget:
            return fn(budget)
    except BadInput as err:
        return _fail(err.exit_code, f"error: bad input: {err}")
    except OverBudget as err:
        return _fail(err.exit_code, f"error: bad input: {err}")
    except NotRecognised as err:
        return _fail(err.exit_code, f"error: not recognised: {err}")
    except OptiproofError as err:
        return _fail(err.exit_code, f"error: {err}")
    except KeyboardInterrupt:
        return _fail(130, "interrupted")
    except BrokenPipeError:
        _silence_stdout()
        return 2
    except RecursionError:
        return _fail(2, "error: bad input: the input is nested too deeply to be read")
    except ValueError as err:
        if "integer string conversion" not in str(err):
            return _internal(err)
        return _fail(2, "error: bad input: a number has too many digits to be read "
                        "(expected numbers of at most a few hundred digits)")
    except OverflowError:
        return _fail(2, "error: bad input: a number is too large to compute with "
                        "(expected magnitudes up to 1e300)")
    except Exception as err:  # noqa: BLE001 - the CLI's last line of defence
        return _internal(err)


def _internal(err: Exception) -> int:
    """Exit 1 with a one-line message (the traceback only with OPTIPROOF_DEBUG=1)."""
    if os.environ.get("OPTIPROOF_DEBUG") == "1":
        import traceback

        traceback.print_exc()
    one_line = " ".join(f"{type(err).__name__}: {err}".split())[:500]
    return _fail(1, f"internal error: {one_line}")


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def _isatty(stream: Any) -> bool:
    """Whether ``stream`` is an open terminal (a closed or missing stream is not)."""
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError, AttributeError):
        return False


def _console(**kwargs: Any) -> Any:
    """A rich Console whose broken pipe is ours to handle (rich's own exits with code 1)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    return _Console(**kwargs)


@contextmanager
def _progress(first: str) -> Iterator[Callable[[str], None]]:
    """A progress sink: a transient rich spinner on stderr when it is a terminal, else silent."""
    if not _isatty(sys.stderr):
        yield lambda message: None
        return
    from rich.console import Console

    with Console(stderr=True).status(first) as status:
        yield lambda message: status.update(f"running witness: {message}")


def _render(solution: Any, fmt: Format, brief: bool) -> str:
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
    render_terminal(solution, console, brief=brief)
    return console.export_text()


def _stdout() -> Any:
    """Standard output, or BadInput when it is closed."""
    if sys.stdout is None:
        raise BadInput("standard output is closed", field="stdout",
                       expected="an open standard output, or --out FILE")
    return sys.stdout


@contextmanager
def _writing_stdout() -> Iterator[None]:
    """Turn a failing standard output into BadInput (a broken pipe passes through)."""
    try:
        yield
    except BrokenPipeError:
        raise
    except UnicodeEncodeError as err:
        bad = err.object[err.start:err.end] if isinstance(err.object, str) else "?"
        raise BadInput(f"standard output ({err.encoding}) cannot encode {bad!r}",
                       field="stdout", expected="a UTF-8 output (PYTHONIOENCODING=utf-8) or "
                                                "--out FILE") from None
    except OSError as err:
        raise BadInput(f"cannot write to standard output: {err.strerror}", field="stdout") \
            from None


def _write(text: str | bytes, out: Path | None, *, field: str = "--out", inputs: tuple = (),
           replaceable: Callable[[bytes], bool] | None = None, force: bool = False) -> None:
    """``text`` to stdout, or safely to ``out`` (see :func:`optiproof.core.safeio.write_file`)."""
    if out is None:
        with _writing_stdout():
            stream = _stdout()
            stream.write(text if isinstance(text, str) else text.decode("utf-8"))
            stream.flush()
        return
    from optiproof.core.safeio import write_file

    write_file(out, text, field=field, inputs=inputs, replaceable=replaceable, force=force)


def _say_wrote(path: Path, extra: str = "") -> None:
    """Tell the user (on stderr) where a file was written."""
    typer.echo(f"wrote {path}{extra}", err=True)


def _write_markdown(solution: Any, out: Path, inputs: tuple[Path, ...] = (),
                    force: bool = False) -> None:
    """``out`` and the figures it links, written beside it: every destination is checked
    before anything is written. An existing ``out`` is replaced only if it is a previous
    solution, and an existing figure file only if that previous solution links it (else
    --force)."""
    from optiproof.core.safeio import existing_head, write_files
    from optiproof.rendering import is_solution_output
    from optiproof.rendering.markdown import markdown_with_figures

    text, figures = markdown_with_figures(solution, out.stem)
    previous = existing_head(out)
    linked = previous.decode("utf-8", "replace") if is_solution_output(previous) else ""
    files: list[tuple[Path, str | bytes, Any]] = [(out, text, is_solution_output)]
    files += [(out.parent / name, png, lambda head, name=name: f"]({name})" in linked)
              for name, png in figures.items()]
    write_files(files, field="--out", inputs=inputs, force=force)
    _say_wrote(out, f" and {len(figures)} figure(s) beside it" if figures else "")


def _open_in_browser(path: Path) -> None:
    """Open an HTML file in the default browser."""
    import webbrowser

    webbrowser.open(path.resolve().as_uri())


def _html_target(out: Path | None, name: str) -> Path:
    """Where ``--open`` writes an HTML report when no ``--out`` is given."""
    if out is not None:
        return out
    import tempfile

    return Path(tempfile.mkdtemp(prefix="optiproof-")) / name


def _print_terminal(solution: Any, brief: bool) -> None:
    from optiproof.rendering.terminal import render_terminal

    with _writing_stdout():
        render_terminal(solution, _console(file=_stdout()), brief=brief)


def _inputs(*paths: str | Path | None) -> tuple[Path, ...]:
    """The existing input files of a run (never overwritten by its outputs)."""
    return tuple(Path(p) for p in paths if p not in (None, "-") and Path(p).is_file())


def _open_format(fmt: Format, open_report: bool) -> Format:
    """The output format: ``--open`` writes HTML (refused with another explicit format)."""
    if not open_report or fmt in (Format.term, Format.html):
        return Format.html if open_report else fmt
    raise BadInput(f"--open opens an HTML report, not {fmt.value}", field="--open",
                   expected="--format html or no --format")


def _not_verified_note(solution: Any) -> None:
    bad = [f"({p.label})" for p in solution.parts if not p.verified]
    if bad:
        typer.echo(f"warning: NOT VERIFIED: part {', '.join(bad)}", err=True)
    skipped = [f"({n.label})" for n in solution.not_answered]
    if skipped:
        typer.echo(f"warning: NOT ANSWERED (could not be read): part {', '.join(skipped)}",
                   err=True)


# -- commands -------------------------------------------------------------------------------

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
    from optiproof.core.safeio import read_bounded

    try:
        raw = read_bounded(Path(problem), LIMITS.max_text_bytes, field="PROBLEM")
    except BadInput:
        return None
    return cache.alias(raw, Path(problem).suffix.lower(), options)


def _cached_solved(cache: Any, alias: str | None) -> Any:
    """The cached solution an input digest leads to, as a ``Solved`` (None on a miss)."""
    from optiproof.pipeline import Solved

    hit = cache.entry_of_alias(alias) if alias is not None else None
    solution = cache.solution(hit.key) if hit is not None else None
    return None if solution is None else Solved(solution, hit.key, hit)


def _solved(problem: str, options: Any, cache: Any, write_spec: Path | None = None,
            interactive: bool = False, force: bool = False,
            doing: str = "solving exactly...", whole: bool = True, meanwhile: Any = None) -> Any:
    """PROBLEM solved: from the cache by its input digest, else read (asking on the terminal
    with ``interactive``; ``force`` lets ``write_spec`` replace a file; unless ``whole``, a
    partly read text answers what was read) and solved (and cached) while ``doing`` shows, with
    what was read on the solution. Before reading, the witness worker starts, so that whatever
    it has to import overlaps the reading and the derivation; ``meanwhile`` runs while the
    witnesses do (see ``solve_problem``)."""
    from dataclasses import replace

    from optiproof.pipeline import solve_cached

    alias = _alias(cache, problem, options)
    if (hit := _cached_solved(cache, alias)) is not None and not (
            whole and hit.solution.not_answered):
        return hit
    if options.run_witnesses:
        from optiproof.runtime.pool import shared_pool

        shared_pool()
    spec, reading = load_problem_any(problem, write_spec, interactive, force, whole)
    with _progress(doing) as progress:
        return solve_cached(spec, replace(options, progress=progress), cache, alias, reading,
                            partial=not whole, meanwhile=meanwhile)


def _stored_format(form: Format, out: Path | None, open_report: bool) -> Format | None:
    """The format whose document the cache keeps for this output (None: not kept)."""
    if open_report or form is Format.term or (form is Format.md and out is not None):
        return None
    return form


def _checkable(problem: str, solved: Any) -> Any:
    """The solution an answer is graded against. The cache keeps each part's facts with its
    solution, which the checker's family hooks use; what it cannot keep (facts that do not
    come back as they were, a set-valued answer's membership test) is derived again, exactly
    and without witnesses, and set beside the cached evidence of every part whose answers come
    out the same."""
    solution = solved.solution
    if solved.cached is None or all(
            p.facts is not None and all(a.status != "set-valued" for a in p.answers)
            for p in solution.parts):
        return solution
    from dataclasses import replace

    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    spec, _ = load_problem_any(problem)
    fresh = {p.label: p for p in solve_problem(
        spec, SolveOptions(figures=False, run_witnesses=False)).parts}
    parts = []
    for part in solution.parts:
        again = fresh.get(part.label)
        if again is not None and [a.latex for a in again.answers] == [
                a.latex for a in part.answers]:
            part = replace(part, facts=again.facts, answers=[
                replace(a, membership=b.membership)
                for a, b in zip(part.answers, again.answers, strict=True)])
        parts.append(part)
    return replace(solution, parts=parts)


def _grading(text: str, into: list[Any]) -> Callable[[Any], None]:
    """Work for the wait on the witnesses: the answer ``text`` graded against the derived
    answers, appended to ``into`` (the verdicts wait for the witnesses: ``check_answer``)."""

    def grade(solution: Any) -> None:
        from optiproof.checking import grade_answer

        into.append(grade_answer(solution, text))

    return grade


def _whole_solved(problem: str, no_cache: bool, meanwhile: Any = None) -> Any:
    """The problem an answer is checked against, solved: every part of it (a problem text that
    cannot be read completely is refused, exit 3, saying that check needs every part);
    ``meanwhile`` runs while the witnesses do."""
    from optiproof.core.options import SolveOptions
    from optiproof.reading import ReadingIncomplete

    try:
        return _solved(problem, SolveOptions(figures=False), _cache(no_cache),
                       doing="solving the problem to check against...", meanwhile=meanwhile)
    except ReadingIncomplete as err:
        raise NotRecognised("check grades an answer against every part of the problem, and this "
                            "problem text could not be read completely (`optiproof solve` "
                            f"answers the parts that were read); {err}") from None


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
    problem: Annotated[str, typer.Argument(
        metavar="PROBLEM", help="Problem text (a .txt/.md file), a .yaml/.yml/.json spec file, "
                                "or - for stdin.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", case_sensitive=False,
                                        help=FORMAT_HELP)] = Format.term,
    out: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--out", "-o", help="Write to FILE instead of stdout (Markdown: its figures are written "
                            "beside it).")] = None,
    brief: Annotated[bool, typer.Option("--brief", help="Terminal: print only the answer of "
                                        "each part (answers, identification, verification).")]
    = False,
    open_report: Annotated[bool, typer.Option("--open", help=OPEN_HELP)] = False,
    engine: Annotated[Engine, typer.Option(help="Witness engine.")] = Engine.sim,
    no_witness: Annotated[bool, typer.Option("--no-witness",
                                             help="Skip witnesses (parts stay unverified).")]
    = False,
    write_spec: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--write-spec", help="If the text cannot be fully read, write an editable spec here "
                             "(then the parts that were read are answered).")]
    = None,
    no_input: Annotated[bool, typer.Option(
        "--no-input", help="Never ask on the terminal: refuse what cannot be read (exit 3).")]
    = False,
    whole: Annotated[bool, typer.Option(
        "--whole", help="Refuse a text unless every part is read (exit 3); by default the "
                        "parts that were read are answered and the others listed (exit 1).")]
    = False,
    no_cache: NoCache = False,
    force: Annotated[bool, typer.Option("--force", help=FORCE_HELP)] = False,
) -> None:
    """Solve PROBLEM (problem text, a spec file, or - for stdin), verify it, and write it up:
    what was read, the answers, then the derivation and the evidence. On a terminal, a question
    the reader cannot place is asked about, with choices; a part that cannot be read is listed
    as not answered, and the other parts are answered (--whole: nothing is)."""

    def body(budget: Budget) -> int:
        from optiproof.core.options import SolveOptions
        from optiproof.rendering import is_solution_output

        def put(text: str, target: Path | None) -> None:
            _write(text, target, inputs=_inputs(problem), replaceable=is_solution_output,
                   force=force)

        form = _open_format(fmt, open_report)
        interactive = not no_input and _isatty(sys.stdin) and _isatty(sys.stdout)
        options = SolveOptions(engine=engine.value, run_witnesses=not no_witness,
                               figures=form is Format.html or (form is Format.md
                                                               and out is not None))
        cache = _cache(no_cache)
        stored = _stored_format(form, out, open_report)
        alias = _alias(cache, problem, options) if stored is not None else None
        hit = cache.entry_of_alias(alias) if alias is not None and not whole else None
        text = cache.rendering(hit.key, stored.value) if hit is not None else None
        if text is not None:
            put(_marked(text, form, hit), out)
            if out is not None:
                _say_wrote(out)
            solution = cache.solution(hit.key) if hit.exit_code else None
            if solution is not None:
                _not_verified_note(solution)
            return hit.exit_code
        solved = _solved(problem, options, cache, write_spec, interactive, force,
                         whole=whole)
        solution = solved.solution
        if solved.cached is not None and stored is None:
            _cached_note(solved.cached)
        if open_report:
            target = _html_target(out, "solution.html")
            put(solution.to_html(), target)
            _say_wrote(target)
            _open_in_browser(target)
        elif form is Format.term and out is None:
            _print_terminal(solution, brief)
        elif form is Format.md and out is not None:
            _write_markdown(solution, out, _inputs(problem), force)
        else:
            text = _render(solution, form, brief)
            if solved.key is not None and stored is not None:
                cache.put_rendering(solved.key, stored.value, text)
            put(text if solved.cached is None else _marked(text, form, solved.cached), out)
            if out is not None:
                _say_wrote(out)
        if form is not Format.term or out is not None:
            _not_verified_note(solution)
        return solution.exit_code

    raise typer.Exit(_guarded(body))


@app.command()
def read(
    problem: Annotated[str, typer.Argument(metavar="PROBLEM",
                                           help="Problem text file, or - for stdin.")],
    write_spec: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--write-spec", help="Write what was read as an editable spec file.")] = None,
    force: Annotated[bool, typer.Option("--force", help=FORCE_HELP)] = False,
) -> None:
    """Show what was understood from a problem text: parts, families, parameters, sources."""

    def body(budget: Budget) -> int:
        from optiproof.reading import describe, read_report

        spec_path, text, source = loading.problem_source(problem)
        if spec_path is not None:
            raise BadInput(f"{source} is a spec file; `read` takes problem text",
                           field="PROBLEM", expected="a .txt/.md file or -")
        reading = read_report(text)
        typer.echo(describe(reading))
        if write_spec is not None:
            _write_spec(reading, write_spec, problem, force)
            typer.echo(f"wrote {write_spec}", err=True)
        return 0 if reading.complete else 3

    raise typer.Exit(_guarded(body))


DEFAULT_CHECK_DIR = Path("optiproof-check")


@app.command()
def check(
    problem: Annotated[str, typer.Argument(
        metavar="PROBLEM", help="The problem: problem text, a spec file, or - for stdin.")],
    answer: Annotated[Path, typer.Argument(metavar="ANSWER",
                                           help="An answer document (.md/.txt/.html), or a "
                                                "folder of them (batch mode).")],
    fmt: Annotated[Format, typer.Option("--format", "-f", case_sensitive=False,
                                        help=FORMAT_HELP)] = Format.term,
    reveal: Annotated[bool, typer.Option("--reveal", help="Show the verified answers in the "
                                         "report and the hints.")] = False,
    out: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--out", "-o", help="Write the report here; in batch mode the folder for summary.json, "
                            "summary.html and one report page per answer (default "
                            "./optiproof-check).")] = None,
    open_report: Annotated[bool, typer.Option("--open", help=OPEN_HELP)] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing --out file even "
                                        "if it is not a previous report.")] = False,
    no_cache: NoCache = False,
) -> None:
    """Check an answer to PROBLEM: a verdict per part, each error with its line, and a hint.

    Exit codes: 0 all parts correct, 1 some part not correct, 2 bad input, 3 problem not
    recognised."""

    def body(budget: Budget) -> int:
        from optiproof.checking import MAX_ANSWER_BYTES, decode_answer
        from optiproof.core.safeio import read_bounded

        form = _open_format(fmt, open_report)
        batch = answer.is_dir()
        text = ""
        graded: list[Any] = []
        if not batch:
            raw = read_bounded(answer, MAX_ANSWER_BYTES, field="ANSWER",
                               expected="a Markdown/LaTeX/plain-text answer document")
            text = decode_answer(raw, str(answer))
        solution = _checkable(problem, _whole_solved(
            problem, no_cache, None if batch else _grading(text, graded)))
        if batch:
            from optiproof.checking.batch import check_folder

            target = out or DEFAULT_CHECK_DIR
            with _progress("checking answers...") as progress:
                summary = check_folder(solution, answer, target, reveal, progress=progress,
                                       budget=budget, inputs=_inputs(problem), force=force)
            typer.echo(f"checked {summary['checked']} of {len(summary['files'])} answers; "
                       f"mean score {summary['mean_score']}; wrote {target / 'summary.json'}, "
                       f"{target / 'summary.html'} and one report page per answer", err=True)
            if not summary["files"]:
                raise BadInput(f"{answer} has no .md/.txt/.html answer files", field="ANSWER")
            if open_report:
                _open_in_browser(target / "summary.html")
            ok = all(e["score"] == 1 for e in summary["files"])
            return 0 if ok else 1
        from optiproof.checking import check_answer
        from optiproof.checking.report import is_check_report, render

        report = check_answer(solution, text, reveal=reveal, source=answer.name,
                              graded=graded[0] if graded else None)
        if open_report:
            target = _html_target(out, "check.html")
            _write(render(report, "html"), target, inputs=_inputs(problem, answer),
                   replaceable=is_check_report, force=force)
            _say_wrote(target)
            _open_in_browser(target)
        else:
            _write(render(report, form.value), out, inputs=_inputs(problem, answer),
                   replaceable=is_check_report, force=force)
            if out is not None:
                _say_wrote(out)
        return report.exit_code

    raise typer.Exit(_guarded(body))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the problem spec format."""

    def body(budget: Budget) -> int:
        import json

        from optiproof.families.problem import problem_json_schema

        _write(json.dumps(problem_json_schema(), indent=2) + "\n", None)
        return 0

    raise typer.Exit(_guarded(body))


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for report.html and "
                                      "one .md per problem (figures beside it).")]
    = DEFAULT_DEMO_DIR,
    texts: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--texts", help="Solve every .txt/.md problem text in this folder instead of the "
                        "bundled problems.")] = None,
    open_report: Annotated[bool, typer.Option("--open", help="Open report.html in the "
                                              "default browser.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace files in --out that an "
                                        "earlier demo did not write.")] = False,
    no_cache: NoCache = False,
) -> None:
    """Solve every bundled problem and write an HTML report plus one Markdown file each."""

    def body(budget: Budget) -> int:
        problems, inputs = ((loading.bundled_problems(), ()) if texts is None
                            else loading.problem_texts_in(texts))
        if not problems:
            where = "optiproof/problems" if texts is None else str(texts)
            raise NotRecognised(f"no problems found in {where}")
        code = _run_demo(problems, out, budget, _cache(no_cache), inputs, force)
        if open_report:
            _open_in_browser(out / "report.html")
        return code

    raise typer.Exit(_guarded(body))


class _DemoFolder:
    """The demo's output folder: what earlier demos wrote there (listed in DEMO_MANIFEST) may
    be replaced; anything else only with --force; an input of this run never."""

    def __init__(self, out: Path, inputs: tuple[Path, ...], names: list[str], force: bool):
        from optiproof.core.safeio import make_folder, read_bounded

        make_folder(out, field="--out")
        self.out, self.inputs, self.force = out, inputs, force
        manifest = out / DEMO_MANIFEST
        self.ours = set(read_bounded(manifest, 65536, field="--out").decode(
            "utf-8", "replace").split("\n")) if manifest.is_file() else set()
        for name in names:
            self._check(out / name)

    def _check(self, path: Path) -> None:
        if any(path.exists() and path.samefile(p) for p in self.inputs):
            raise BadInput(f"{path} is an input of this run; refusing to overwrite it",
                           field="--out", expected="an output folder apart from --texts")
        if path.is_symlink() or (path.exists() and not self.force
                                 and path.name not in self.ours):
            raise BadInput(f"{path} exists and was not written by an earlier demo; refusing "
                           "to replace it", field="--out", expected="another folder, or --force")

    def write(self, name: str, text: str | bytes) -> None:
        _write(text, self.out / name, inputs=self.inputs,
               replaceable=lambda head: name in self.ours, force=self.force)
        self.ours.add(name)
        _write("\n".join(sorted(self.ours - {""})) + "\n", self.out / DEMO_MANIFEST,
               inputs=self.inputs)


def _run_demo(problems: list[tuple[str, str]], out: Path, budget: Budget, cache: Any,
              inputs: tuple[Path, ...] = (), force: bool = False) -> int:
    from rich.table import Table
    from rich.text import Text

    from optiproof.core.options import SolveOptions
    from optiproof.core.resources import OverBudget
    from optiproof.rendering.html import FailedProblem

    folder = _DemoFolder(out, inputs, [Path(n).stem + ".md" for n, _ in problems]
                         + ["report.html"], force)
    items: list[tuple[str | None, Any]] = []
    rows, errors = [], []
    for name, text in problems:
        budget.next_item(name)
        start = time.perf_counter()
        with _progress(f"solving {name}...") as progress:
            try:
                key, solution, markdown, figures, parts, ok = _demo_problem(
                    name, text, SolveOptions(progress=progress), cache)
            # one broken or too large problem must not stop the demo
            except (Exception, OverBudget) as err:  # noqa: BLE001
                message = " ".join(str(err).split()) or type(err).__name__
                items.append((None, FailedProblem(name, message)))
                errors.append((name, message))
                rows.append((name, "\u2014", "error (below)", time.perf_counter() - start,
                             False))
                continue
        items.append((key, solution))
        folder.write(Path(name).stem + ".md", markdown)
        for figure_name, png in figures.items():
            folder.write(figure_name, png)
        rows.append((name, str(parts), "\u2714 verified" if ok else "\u2718 NOT VERIFIED",
                     time.perf_counter() - start, ok))
    budget.next_item("the demo report")
    report = out / "report.html"
    folder.write(report.name, _demo_report(items, cache))
    table = Table(title="optiproof demo", title_justify="left")
    for col in ("Problem", "Parts", "Status", "Time"):
        table.add_column(col, overflow="fold")
    for name, parts, status, seconds, ok in rows:
        table.add_row(name, parts, Text(status, style="bold green" if ok else "bold red"),
                      f"{seconds:.1f} s")
    with _writing_stdout():
        console = _console(file=_stdout())
        console.print(table)
        for name, message in errors:
            console.print(Text.assemble(("error: ", "bold red"), f"{name}: {message}"),
                          soft_wrap=True)
        console.print(f"report: {report.resolve()}", soft_wrap=True)
    return 0 if all(r[4] for r in rows) else 1


def _demo_problem(name: str, text: str, options: Any, cache: Any
                  ) -> tuple[str | None, Any, str, dict[str, bytes], int, bool]:
    """A bundled problem (or problem text) solved, or found in the cache by its text: its cache
    key, its solution (None when its Markdown was cached), its Markdown and the figure files it
    links, its number of parts and whether it is solved, verified and completely read."""
    from optiproof.pipeline import solve_cached
    from optiproof.rendering.markdown import markdown_with_figures

    stem = Path(name).stem
    alias = cache.alias(text.encode(), Path(name).suffix.lower(), options) \
        if cache is not None else None
    hit = cache.entry_of_alias(alias) if alias is not None else None
    bundle = cache.rendering(hit.key, f"md-bundle:{stem}") if hit is not None else None
    if bundle is not None:
        markdown, figures = _unbundle(bundle)
        return hit.key, None, markdown, figures, hit.parts, hit.exit_code == 0
    solved = _cached_solved(cache, alias)
    if solved is None:
        spec, reading = loading.problem_and_reading(text, name)
        solved = solve_cached(spec, options, cache, alias, reading=reading)
    markdown, figures = markdown_with_figures(solved.solution, stem)
    if solved.key is not None:
        cache.put_rendering(solved.key, f"md-bundle:{stem}", _bundle(markdown, figures))
    return (solved.key, solved.solution, markdown, figures, len(solved.solution.parts),
            solved.solution.exit_code == 0)


def _bundle(markdown: str, figures: dict[str, bytes]) -> str:
    """A Markdown file and its figure files as one cacheable text."""
    import base64
    import json

    return json.dumps({"md": markdown, "figures": {k: base64.b64encode(v).decode("ascii")
                                                   for k, v in figures.items()}})


def _unbundle(text: str) -> tuple[str, dict[str, bytes]]:
    """The Markdown and figure files of :func:`_bundle`."""
    import base64
    import json

    data = json.loads(text)
    return data["md"], {k: base64.b64decode(v) for k, v in data["figures"].items()}


def _demo_report(items: list[tuple[str | None, Any]], cache: Any) -> str:
    """The HTML report of the demo's solutions and failures (kept in the cache under their
    keys when every problem was solved)."""
    from optiproof.rendering.html import render_html_report
    from optiproof.runtime.cache import combined_key

    keys = [key for key, _ in items]
    report_key = combined_key(keys) if cache is not None and None not in keys else None
    html = cache.rendering(report_key, "html") if report_key is not None else None
    if html is None:
        entries = [s if s is not None else cache.solution(key) for key, s in items]
        html = render_html_report([e for e in entries if e is not None], "optiproof demo")
        if report_key is not None:
            cache.put_rendering(report_key, "html", html)
    return html


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on; another than loopback makes "
                                      "the server reachable from the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[Optional[int], typer.Option(  # noqa: UP045
        min=1, max=64, help="Worker processes solving requests (default: one per CPU core).")]
    = None,
    time_limit: Annotated[float, typer.Option(
        "--time-limit", min=1.0, help="Seconds one request may run (HTTP 504 past it).")] = 60.0,
    memory_limit: Annotated[int, typer.Option(
        "--memory-limit", min=512, help="MB of address space the worker running a request may "
                                        "use (HTTP 504 past it).")] = 4096,
    cache: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--cache", help="The result cache file (default: results.sqlite3 in the user cache "
                        "folder).")] = None,
    no_cache: NoCache = False,
) -> None:
    """Serve the solve page, the check page and the JSON API on http://HOST:PORT/."""

    def body(budget: Budget) -> int:
        from optiproof.runtime.cache import default_path
        from optiproof.server.run import serve as run_server
        from optiproof.server.settings import ServerSettings, default_workers

        return run_server(ServerSettings(
            host=host, port=port, workers=workers or default_workers(),
            time_limit_s=time_limit, memory_limit_mb=memory_limit,
            cache=None if no_cache else (cache or default_path())))

    raise typer.Exit(_guarded(body, bounded=False))


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete every cached result."""

    def body(budget: Budget) -> int:
        from optiproof.runtime.cache import ResultCache

        cache = ResultCache()
        typer.echo(f"deleted {cache.clear()} cached results from {cache.path}", err=True)
        return 0

    raise typer.Exit(_guarded(body))


class _TolerantStream:
    """A standard stream whose failing writes are dropped: messages to a full or closed stderr
    (``2>/dev/full``) must not turn a run into a failure."""

    def __init__(self, stream: Any):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except (OSError, ValueError):
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except (OSError, ValueError):
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main() -> None:
    """Entry point of the ``optiproof`` script: the command runs in a supervised child process
    that carries the per-input limits (see :mod:`optiproof.core.resources`), except ``serve``,
    which bounds every request itself."""
    from optiproof.core.resources import run_supervised

    global _WHOLE_PROCESS
    if sys.argv[1:2] and sys.argv[1] in UNSUPERVISED:
        app(prog_name="optiproof")
        return
    _WHOLE_PROCESS = True
    if sys.stderr is not None:
        sys.stderr = _TolerantStream(sys.stderr)  # type: ignore[assignment]
    from optiproof.core.errors import warnings_as_notes

    warnings_as_notes()
    sys.exit(run_supervised(lambda: app(prog_name="optiproof")))
