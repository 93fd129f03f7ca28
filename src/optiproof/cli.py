"""Command line: ``optiproof solve | read | check | schema | demo``. Heavy libraries are imported inside commands.

Exit codes (DESIGN.md): 0 solved and verified, 1 some part not verified (or an internal error),
2 bad input, 3 problem not recognised.

Every command runs under a per-input budget of time and memory (:mod:`optiproof.core.resources`):
an input that passes it ends as exit 2 "too large". Inputs are read bounded and regular files
only, outputs are written through a temporary file and a rename, never through a symbolic link
or over an input of the same run (:mod:`optiproof.core.safeio`).
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

from optiproof.core.errors import BadInput, NotRecognised, OptiproofError

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

SPEC_SUFFIXES = (".yaml", ".yml", ".json")
SPEC_OPENINGS = ("{", "title:", "parts:", "context:", "family:", "---")
DEFAULT_DEMO_DIR = Path("optiproof-report")
DEMO_MANIFEST = ".optiproof-demo"
"""The file in a demo folder listing what earlier demos wrote there (those may be replaced)."""
_WHOLE_PROCESS = False
"""True when this process is the ``optiproof`` command itself (rlimits may be set)."""


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

def _decode_problem(raw: bytes, source: str) -> str:
    """Problem bytes as UTF-8 text."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput(f"{source} is not UTF-8 text", field="PROBLEM",
                       expected="a YAML/JSON spec") from None


def _looks_like_spec(text: str) -> bool:
    """True when the first meaningful line opens a YAML/JSON spec (``{``, ``title:``, ...)."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return stripped.startswith(SPEC_OPENINGS)
    return False


def read_problem_text(text: str, source: str, write_spec: Path | None = None) -> Any:
    """Problem text -> Problem with the reader; on a refusal, write the partial spec if asked."""
    from optiproof.reading import ReadingIncomplete, ReadingInvalid, read_problem

    try:
        return read_problem(text)
    except (ReadingIncomplete, ReadingInvalid) as err:
        if write_spec is not None:
            _write(err.reading.to_spec_yaml(), write_spec, field="--write-spec",
                   inputs=_inputs(source))
            typer.echo(f"wrote an editable spec to {write_spec}: fix it and run "
                       f"`optiproof solve {write_spec}`", err=True)
        raise


def _problem_source(path_or_dash: str) -> tuple[str | None, str, str]:
    """(spec path or None, text, source name) of a PROBLEM argument, size-bounded."""
    from optiproof.core.limits import LIMITS
    from optiproof.core.safeio import read_bounded, read_stream_bounded

    if path_or_dash == "-":
        raw = read_stream_bounded(sys.stdin.buffer, LIMITS.max_text_bytes, field="PROBLEM",
                                  source="stdin")
        return None, _decode_problem(raw, "stdin"), "stdin"
    path = Path(path_or_dash)
    if path.suffix.lower() in SPEC_SUFFIXES:
        return str(path), "", str(path)
    raw = read_bounded(path, LIMITS.max_text_bytes, field="PROBLEM",
                       expected="a smaller problem")
    return None, _decode_problem(raw, str(path)), str(path)


def load_problem_any(path_or_dash: str, write_spec: Path | None = None) -> Any:
    """A Problem from a spec file (.yaml/.yml/.json), ``-`` for stdin, or problem text."""
    from optiproof.core.problem import load_problem_file, load_problem_text

    spec_path, text, source = _problem_source(path_or_dash)
    if spec_path is not None:
        return load_problem_file(spec_path)
    if _looks_like_spec(text):
        return load_problem_text(text, source=source)
    return read_problem_text(text, source, write_spec)


# -- running, errors and progress -----------------------------------------------------------

def _fail(code: int, message: str) -> int:
    typer.echo(message, err=True)
    return code


def _guarded(fn: Callable[[Budget], int]) -> int:
    """Run a command body under the input budget, turning errors into their exit code and a
    one-paragraph message (no traceback). Exceptions that only bad input can cause - too deep,
    too many digits, a number out of float range, an output that cannot be written - are exit 2
    as well; a reader that went away (broken pipe) ends the command quietly."""
    from optiproof.core.resources import OverBudget, RunBudget, run_budget

    try:
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


def _write(text: str, out: Path | None, *, field: str = "--out", inputs: tuple = (),
           replaceable: Callable[[bytes], bool] | None = None, force: bool = False) -> None:
    """``text`` to stdout, or safely to ``out`` (see :func:`optiproof.core.safeio.write_file`)."""
    if out is None:
        with _writing_stdout():
            stream = _stdout()
            stream.write(text)
            stream.flush()
        return
    from optiproof.core.safeio import write_file

    write_file(out, text, field=field, inputs=inputs, replaceable=replaceable, force=force)


def _print_terminal(solution: Any) -> None:
    from rich.console import Console

    from optiproof.rendering.terminal import render_terminal

    with _writing_stdout():
        render_terminal(solution, Console(file=_stdout()))


def _inputs(*paths: str | Path | None) -> tuple[Path, ...]:
    """The existing input files of a run (never overwritten by its outputs)."""
    return tuple(Path(p) for p in paths if p not in (None, "-") and Path(p).is_file())


def _not_verified_note(solution: Any) -> None:
    bad = [f"({p.label})" for p in solution.parts if not p.verified]
    if bad:
        typer.echo(f"warning: NOT VERIFIED: part {', '.join(bad)}", err=True)


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
) -> None:
    """Solve PROBLEM (a spec file, problem text, or - for stdin), verify it, and write it up."""

    def body(budget: Budget) -> int:
        spec = load_problem_any(problem, write_spec)
        from optiproof.core.options import SolveOptions
        from optiproof.pipeline import solve_problem

        spinner = sys.stderr.isatty()
        with _progress(spinner, fmt is Format.term and not spinner,
                       "solving exactly...") as progress:
            options = SolveOptions(engine=engine.value, run_witnesses=not no_witness,
                                   progress=progress)
            solution = solve_problem(spec, options)
        if fmt is Format.term and out is None:
            _print_terminal(solution)
        else:
            _write(_render(solution, fmt), out, inputs=_inputs(problem))
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

    def body(budget: Budget) -> int:
        from optiproof.reading import describe, read_report

        spec_path, text, source = _problem_source(problem)
        if spec_path is not None:
            raise BadInput(f"{source} is a spec file; `read` takes problem text",
                           field="PROBLEM", expected="a .txt/.md file or -")
        reading = read_report(text)
        _write(describe(reading) + "\n", None)
        if write_spec is not None:
            _write(reading.to_spec_yaml(), write_spec, field="--write-spec",
                   inputs=_inputs(problem))
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
    force: Annotated[bool, typer.Option("--force", help="Replace an existing --out file even "
                                        "if it is not a previous report.")] = False,
) -> None:
    """Check an answer to PROBLEM: a verdict per part, each error with its line, and a hint.

    Exit codes: 0 all parts correct, 1 some part not correct, 2 bad input, 3 problem not
    recognised."""

    def body(budget: Budget) -> int:
        from optiproof.checking import MAX_ANSWER_BYTES, decode_answer
        from optiproof.core.safeio import read_bounded

        batch = answer.is_dir()
        text = ""
        if not batch:
            raw = read_bounded(answer, MAX_ANSWER_BYTES, field="ANSWER",
                               expected="a Markdown/LaTeX/plain-text answer document")
            text = decode_answer(raw, str(answer))
        spec = load_problem_any(problem)
        from optiproof.core.options import SolveOptions
        from optiproof.pipeline import solve_problem

        solution = solve_problem(spec, SolveOptions(figures=False))
        if batch:
            from optiproof.checking.batch import check_folder

            target = out or DEFAULT_CHECK_DIR
            summary = check_folder(solution, answer, target, reveal, budget=budget,
                                   inputs=_inputs(problem), force=force)
            typer.echo(f"checked {summary['checked']} of {len(summary['files'])} answers; "
                       f"mean score {summary['mean_score']}; wrote {target / 'summary.json'} "
                       f"and {target / 'summary.html'}", err=True)
            if not summary["files"]:
                raise BadInput(f"{answer} has no .md/.txt answer files", field="ANSWER")
            ok = all(e["score"] == 1 for e in summary["files"])
            return 0 if ok else 1
        from optiproof.checking import check_answer
        from optiproof.checking.report import is_check_report, render

        report = check_answer(solution, text, reveal=reveal, source=answer.name)
        _write(render(report, fmt.value), out, inputs=_inputs(problem, answer),
               replaceable=is_check_report, force=force)
        return report.exit_code

    raise typer.Exit(_guarded(body))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the problem spec format."""

    def body(budget: Budget) -> int:
        import json

        from optiproof.core.problem import problem_json_schema

        _write(json.dumps(problem_json_schema(), indent=2) + "\n", None)
        return 0

    raise typer.Exit(_guarded(body))


def bundled_problems() -> list[tuple[str, str]]:
    """(file name, text) of the bundled problems: raw texts in ``problems/texts`` first, then
    the specs in ``problems`` that have no text of the same name."""
    from importlib import resources

    root = resources.files("optiproof").joinpath("problems")
    if not root.is_dir():
        return []
    texts_dir = root.joinpath("texts")
    texts = sorted((p.name, p.read_text(encoding="utf-8")) for p in texts_dir.iterdir()
                   if p.name.endswith(".txt")) if texts_dir.is_dir() else []
    stems = {Path(name).stem for name, _ in texts}
    specs = sorted((p.name, p.read_text(encoding="utf-8")) for p in root.iterdir()
                   if p.name.endswith((".yaml", ".yml")) and Path(p.name).stem not in stems)
    return texts + specs


def problem_texts_in(folder: Path) -> tuple[list[tuple[str, str]], tuple[Path, ...]]:
    """(file name, text) of every .txt/.md problem text in a folder (regular files, size-
    bounded, no links out of the folder), and the paths read."""
    from optiproof.core.limits import LIMITS
    from optiproof.core.safeio import folder_files, read_bounded

    if not folder.is_dir():
        raise BadInput(f"{folder} is not a folder", field="--texts")
    files, _ = folder_files(folder, (".txt", ".md"), field="--texts")
    texts = [(Path(name).stem + ".txt",
              _decode_problem(read_bounded(path, LIMITS.max_text_bytes, field="--texts",
                                           follow=False), str(path))) for name, path in files]
    return texts, tuple(path for _, path in files)


def load_bundled(name: str, text: str) -> Any:
    """The Problem of one bundled file: problem text (.txt) is read, a spec is validated."""
    from optiproof.core.problem import load_problem_text

    if name.endswith(".txt"):
        return read_problem_text(text, name)
    return load_problem_text(text, source=name)


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for report.html and "
                                      "one .md per problem.")] = DEFAULT_DEMO_DIR,
    texts: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--texts", help="Solve every .txt/.md problem text in this folder instead of the "
                        "bundled problems.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace files in --out that an "
                                        "earlier demo did not write.")] = False,
) -> None:
    """Solve every bundled problem and write an HTML report plus one Markdown file each."""

    def body(budget: Budget) -> int:
        problems, inputs = (bundled_problems(), ()) if texts is None else problem_texts_in(texts)
        if not problems:
            where = "optiproof/problems" if texts is None else str(texts)
            raise NotRecognised(f"no problems found in {where}")
        return _run_demo(problems, out, budget, inputs, force)

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

    def write(self, name: str, text: str) -> None:
        _write(text, self.out / name, inputs=self.inputs,
               replaceable=lambda head: name in self.ours, force=self.force)
        self.ours.add(name)
        _write("\n".join(sorted(self.ours - {""})) + "\n", self.out / DEMO_MANIFEST,
               inputs=self.inputs)


def _run_demo(problems: list[tuple[str, str]], out: Path, budget: Budget,
              inputs: tuple[Path, ...] = (), force: bool = False) -> int:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from optiproof.core.options import SolveOptions
    from optiproof.core.resources import OverBudget
    from optiproof.pipeline import solve_problem
    from optiproof.rendering.html import render_html_report

    folder = _DemoFolder(out, inputs, [Path(n).stem + ".md" for n, _ in problems]
                         + ["report.html"], force)
    solutions, rows = [], []
    spinner = sys.stderr.isatty()
    for name, text in problems:
        budget.next_item(name)
        start = time.perf_counter()
        with _progress(spinner, not spinner, f"solving {name}...") as progress:
            try:
                solution = solve_problem(load_bundled(name, text),
                                         SolveOptions(progress=progress))
            # one broken or too large problem must not stop the demo
            except (Exception, OverBudget) as err:  # noqa: BLE001
                rows.append((name, "\u2014", f"error: {' '.join(str(err).split())[:200]}",
                             time.perf_counter() - start, False))
                continue
        solutions.append(solution)
        folder.write(Path(name).stem + ".md", solution.to_markdown())
        rows.append((name, str(len(solution.parts)),
                     "\u2714 verified" if solution.verified else "\u2718 NOT VERIFIED",
                     time.perf_counter() - start, solution.verified))
    budget.next_item("the demo report")
    report = out / "report.html"
    folder.write(report.name, render_html_report(solutions, "optiproof demo"))
    table = Table(title="optiproof demo", title_justify="left")
    for col in ("Problem", "Parts", "Status", "Time"):
        table.add_column(col, overflow="fold")
    for name, parts, status, seconds, ok in rows:
        table.add_row(name, parts, Text(status, style="bold green" if ok else "bold red"),
                      f"{seconds:.1f} s")
    with _writing_stdout():
        console = Console(file=_stdout())
        console.print(table)
        console.print(f"report: {report.resolve()}", soft_wrap=True)
    return 0 if all(r[4] for r in rows) else 1


def main() -> None:
    """Entry point of the ``optiproof`` script: the command runs in a supervised child process
    that carries the per-input limits (see :mod:`optiproof.core.resources`)."""
    from optiproof.core.resources import run_supervised

    global _WHOLE_PROCESS
    _WHOLE_PROCESS = True
    sys.exit(run_supervised(lambda: app(prog_name="optiproof")))
