"""The attack surface of issue 10, one case per row: answer documents, problem texts, spec files,
output paths and the gloo engine, each run as a real ``optiproof`` process.

``run(case, folder)`` builds the case's files in ``folder``, runs the command, and measures its
exit code, wall time, peak memory (the largest resident set among the command's processes, from
a small launcher's ``RUSAGE_CHILDREN``), what it left running (processes carrying the run's tag
in their environment) and whether any payload ran (the marker file). Used by ``tests/test_security.py`` and ``benchmarks/bench_untrusted.py``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import IO, Any

MARKER = "PWNED"
"""A payload that runs creates this file in the case folder."""
DEADLINE_S = 30.0
"""Every case must end within this, with exit 2 or a correct result."""
START_MARGIN_S = 3.0
"""Interpreter start and exit around the command, on a loaded machine."""
MEMORY_BUDGET_MB = 1024
LEFTOVER_GRACE_S = 0.5
"""What the command's processes may take to end after it has exited."""


def bundled_text(name: str) -> str:
    return resources.files("optiproof").joinpath("problems", "texts", name).read_text("utf-8")


def payloads(marker: Path) -> list[str]:
    """Formulas that create ``marker`` if anything evaluates them as Python."""
    touch = f"__import__('os').system('touch {marker}')"
    return [touch,
            f"x._eval_lseries(x).gi_frame.f_builtins['__import__']('os').system('touch {marker}')",
            "x._eval_lseries(x).gi_frame.f_builtins",
            f"(lambda: {touch})()", f"open('{marker}', 'w').write('x')",
            f"().__class__.__bases__[0].__subclasses__()", f'f"{{{touch}}}"']


@dataclass(frozen=True)
class Case:
    """One attack: the issue row it comes from, how to build it, and what must happen."""

    row: str
    name: str
    build: Callable[[Path], list[str]]
    """Creates the case's files in a folder; returns the arguments after ``optiproof``."""
    exits: tuple[int, ...] = (2,)
    """Acceptable exit codes (2, or those of a correct result)."""
    check: Callable[[Path, Outcome], str | None] = lambda folder, out: None
    """Extra condition on the folder and outcome after the run: None if met, else why not."""
    stdout: str = "pipe"
    """pipe, closed (fd 1 closed), broken (reader gone), or file."""
    streams: str = ""
    """Also: closed-stdin (fd 0 closed), closed-stderr (fd 2 closed), full-stderr (/dev/full)."""
    env: dict[str, str] = field(default_factory=dict)
    slow: bool = False


@dataclass
class Outcome:
    """What one run did."""

    exit: int
    seconds: float
    peak_mb: float
    stdout: str
    stderr: str
    leftover: list[int]
    payload_ran: bool
    timed_out: bool = False


def tagged_processes(tag: str) -> list[int]:
    """Pids of live processes whose environment carries ``tag``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if tag.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _drain(stream: IO[bytes] | None, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        if stream is not None:
            into.append(stream.read())
    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def kill_tagged(tag: str) -> None:
    for pid in tagged_processes(tag):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


LAUNCHER = ("import resource, subprocess, sys\n"
            "code = subprocess.call(sys.argv[2:])\n"
            "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
            "open(sys.argv[1], 'w').write(str(peak))\n"
            "sys.exit(code if code >= 0 else 128 - code)")
"""Runs the command and records the peak memory of its process tree (KB): a fresh, small
process, so the figure is the command's own and not the test runner's."""


def command() -> list[str]:
    """The installed ``optiproof`` script (as a user runs it; ``python -m`` would also put the
    working folder on the command's own import path), else ``python -m optiproof``."""
    script = Path(sys.executable).parent / "optiproof"
    return [str(script)] if script.exists() else [sys.executable, "-m", "optiproof"]


def run(case: Case, folder: Path, deadline_s: float = 2 * DEADLINE_S) -> Outcome:
    """Build ``case`` in ``folder`` and run the ``optiproof`` command there; peak memory is
    that of the process itself (``wait4``), and anything it leaves running is killed after
    being counted."""
    args = case.build(folder)
    tag_value = uuid.uuid4().hex
    env = {**os.environ, **case.env, "OPTIPROOF_SECURITY_TAG": tag_value, "COLUMNS": "100"}
    env.pop("OPTIPROOF_DEBUG", None)
    stdout_target: Any = subprocess.PIPE
    if case.stdout == "file":
        stdout_target = (folder / "_stdout.txt").open("wb")
    elif case.stdout == "broken":
        read_end, stdout_target = os.pipe()
        os.close(read_end)
    peak_file = folder / "_peak_kb.txt"
    stderr_target: Any = subprocess.PIPE
    if case.streams == "full-stderr":
        stderr_target = open("/dev/full", "wb")  # noqa: SIM115 - closed below
    closing = {"closed-stdin": 0, "closed-stderr": 2}.get(case.streams)
    if case.stdout == "closed":
        closing = 1

    def prepare() -> None:
        if closing is not None:
            os.close(closing)

    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", LAUNCHER, str(peak_file), *command(), *args],
                            cwd=folder, env=env,
                            stdin=subprocess.DEVNULL, stdout=stdout_target,
                            stderr=stderr_target, start_new_session=True,
                            preexec_fn=prepare if closing is not None else None)
    if case.streams == "full-stderr":
        stderr_target.close()
    if case.stdout == "broken":
        os.close(stdout_target)
    outs: list[bytes] = []
    errs: list[bytes] = []
    readers = [_drain(proc.stdout, outs)]
    if proc.stderr is not None:
        readers.append(_drain(proc.stderr, errs))
    timed_out = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - start > deadline_s:
            timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    seconds = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    time.sleep(LEFTOVER_GRACE_S)
    leftover = tagged_processes(tag_value)  # before the pipes drain: a process that holds
    for reader in readers:                  # them would otherwise be waited for
        reader.join(timeout=5)
    if case.stdout == "file":
        stdout_target.close()
        outs = [(folder / "_stdout.txt").read_bytes()]
    kill_tagged(tag_value)
    peak_kb = float(peak_file.read_text()) if peak_file.exists() else usage.ru_maxrss
    return Outcome(proc.returncode, seconds, peak_kb / 1024,
                   b"".join(outs).decode("utf-8", "replace"),
                   b"".join(errs).decode("utf-8", "replace"), leftover,
                   (folder / MARKER).exists(), timed_out)


# -- builders -----------------------------------------------------------------------------------

def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _problem(folder: Path) -> str:
    _write(folder, "problem.txt", bundled_text("penalized-linear-improvement.txt"))
    return "problem.txt"


def _answer_lines(folder: Path) -> str:
    marker = folder / MARKER
    lines = ["(a) The update is $u = -\\frac{\\alpha}{2} g$ (gradient descent)."]
    lines += [f"u = {p}" for p in payloads(marker)]
    lines += [f"**Final answer (b):** {p}" for p in payloads(marker)]
    return "\n".join(lines) + "\n"


def _answer_table(folder: Path) -> str:
    marker = folder / MARKER
    rows = [f"| (b) | ${p}$ |" for p in payloads(marker)]
    return "| part | update |\n|---|---|\n| (a) | $-\\frac{\\alpha}{2} g$ |\n" + \
        "\n".join(rows) + "\n"


def _answer_parens(folder: Path) -> str:
    marker = folder / MARKER
    return "(a) \\(u = -\\frac{\\alpha}{2} g\\)\n" + "\n".join(
        f"(b) \\(u = {p}\\)" for p in payloads(marker)) + "\n"


def check_single(answer: Callable[[Path], str], name: str) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        _write(folder, name, answer(folder))
        return ["check", _problem(folder), name, "--format", "json"]
    return build


def check_batch(folder: Path) -> list[str]:
    _write(folder, "class/alice.md", _answer_lines(folder))
    _write(folder, "class/bob.md", _answer_table(folder))
    _write(folder, "class/carol.txt", _answer_parens(folder))
    return ["check", _problem(folder), "class", "--out", "report"]


BATCH_NAMES = ("javascript:alert(1);x.md", "a#b?c.md", "a.md", "a.txt")


def batch_names(folder: Path) -> list[str]:
    right = "(a) u = -(α/2) g, gradient descent\n(b) u = -(α/2)‖g‖₁ sign(g), sign descent\n"
    for name in BATCH_NAMES:
        _write(folder, f"class/{name}", right if name != "a.txt" else "(a) u = g\n")
    return ["check", _problem(folder), "class", "--out", "report"]


def links_safe_and_pages_unique(folder: Path, out: Outcome) -> str | None:
    import re

    summary = json.loads((folder / "report" / "summary.json").read_text())
    pages = [f.get("page") for f in summary["files"]]
    if len(set(pages)) != len(BATCH_NAMES) or None in pages:
        return f"report pages not one per answer: {pages}"
    html = (folder / "report" / "summary.html").read_text()
    links = re.findall(r'href="([^"]*)"', html)
    bad = [link for link in links if not link.startswith("./") or any(c in link[2:]
                                                                         for c in ":#?")]
    return f"unsafe links {bad}" if bad or len(links) != len(BATCH_NAMES) else None


def spec_file(name: str, text: str) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        _write(folder, name, text)
        return ["solve", name, "--format", "json"]
    return build


def _steepest(norm: str, gradient: str, alpha: str = "0.5", asks: str = "[update]") -> str:
    return (f"title: attack\nparts:\n  - family: steepest-descent\n    norm: {norm}\n"
            f"    gradient: {gradient}\n    alpha: {alpha}\n    asks: {asks}\n")


def _alias_matrix(side: int) -> str:
    row = "[" + ", ".join(["1"] * side) + "]"
    rows = ", ".join(["*r"] * (side - 1))
    return (f"title: aliases\ncontext: {{row: &r {row}}}\nparts:\n  - family: steepest-descent\n"
            f"    norm: spectral\n    asks: [update]\n    gradient: [*r, {rows}]\n")


def _adam(t: int) -> str:
    return ("title: adam\nparts:\n  - family: adam-mechanics\n    asks: [bias-correction, "
            f"first-step, step-bound]\n    alpha: 0.001\n    beta1: 0.9\n    beta2: 0.999\n"
            f"    eps: 0\n    t: {t}\n    gradient: [3, -0.5, 2]\n")


def symlink_to(name: str, target: str, args: list[str]) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        (folder / name).symlink_to(target)
        return args
    return build


def fifo_problem(folder: Path) -> list[str]:
    os.mkfifo(folder / "fifo.yaml")
    return ["solve", "fifo.yaml"]


def fifo_answer(folder: Path) -> list[str]:
    os.mkfifo(folder / "answer.md")
    return ["check", _problem(folder), "answer.md"]


def fifo_in_batch(folder: Path) -> list[str]:
    _write(folder, "class/alice.md", "(a) $u = -\\frac{\\alpha}{2} g$\n")
    os.mkfifo(folder / "class" / "bob.md")
    return ["check", _problem(folder), "class", "--out", "report"]


def huge_file_in_batch(folder: Path) -> list[str]:
    _write(folder, "class/alice.md", "(a) $u = -\\frac{\\alpha}{2} g$\n")
    with (folder / "class" / "big.md").open("wb") as fh:
        fh.truncate(3 * 1024 ** 3)  # sparse: 3 GB of zeros that take no disk
    return ["check", _problem(folder), "class", "--out", "report"]


def short_lines_answer(folder: Path) -> list[str]:
    lines = ["(a) $u = -\\frac{\\alpha}{2} g$"] + [f"$x_{k}$ y" for k in range(66_000)]
    _write(folder, "answer.md", "\n".join(lines)[:396_000])
    return ["check", _problem(folder), "answer.md"]


def open_display_answer(folder: Path) -> list[str]:
    _write(folder, "answer.md", "(a) $u = -\\frac{\\alpha}{2} g$\n" + "\\[" * 196_000)
    return ["check", _problem(folder), "answer.md"]


def planted_json(folder: Path) -> list[str]:
    _write(folder, "json.py", f"open({str(folder / MARKER)!r}, 'w').write('ran')\n")
    _write(folder, "comm.yaml", "title: comm\nparts:\n  - family: communication\n    n: 2\n"
                                "    p: 8\n    schemes: [ring-allreduce]\n"
                                "    quantities: [messages]\n")
    return ["solve", "comm.yaml", "--engine", "gloo", "--format", "json"]


def gloo_many_ranks(folder: Path) -> list[str]:
    _write(folder, "comm.yaml", "title: s\nparts:\n  - family: communication\n    n: 16\n"
                                "    p: 16\n    schemes: [ring-allreduce, parameter-server]\n"
                                "    quantities: [messages, message-size]\n")
    return ["solve", "comm.yaml", "--engine", "gloo", "--format", "json"]


def names_largest_n(folder: Path, out: Outcome) -> str | None:
    if "at most n = 4" not in out.stderr or "--engine sim" not in out.stderr:
        return "the refusal names neither the largest n nor the simulator engine"
    return quick(folder, out)


def gloo_too_big(folder: Path) -> list[str]:
    _write(folder, "comm.yaml", "title: comm\nparts:\n  - family: communication\n    n: 16\n"
                                "    p: 10000000\n    schemes: [all-to-all]\n"
                                "    quantities: [messages]\n")
    return ["solve", "comm.yaml", "--engine", "gloo", "--format", "json"]


def demo_symlink(folder: Path) -> list[str]:
    _write(folder, "victim.txt", "precious\n")
    _write(folder, "texts/one.txt", bundled_text("penalized-linear-improvement.txt"))
    (folder / "out").mkdir()
    (folder / "out" / "one.md").symlink_to(folder / "victim.txt")
    (folder / "out" / "report.html").symlink_to(folder / "victim.txt")
    return ["demo", "--texts", "texts", "--out", "out"]


def victim_intact(folder: Path, out: Outcome) -> str | None:
    text = (folder / "victim.txt").read_text()
    return None if text == "precious\n" else "the symlink target was overwritten"


def demo_into_texts(folder: Path) -> list[str]:
    _write(folder, "texts/one.md", bundled_text("penalized-linear-improvement.txt"))
    return ["demo", "--texts", "texts", "--out", "texts"]


def texts_intact(folder: Path, out: Outcome) -> str | None:
    same = (folder / "texts/one.md").read_text() == bundled_text(
        "penalized-linear-improvement.txt")
    return None if same else "an input text was overwritten"


def check_out_answer(folder: Path) -> list[str]:
    _write(folder, "student.md", "(a) $u = -\\frac{\\alpha}{2} g$\n")
    return ["check", _problem(folder), "student.md", "--out", "student.md"]


def student_intact(folder: Path, out: Outcome) -> str | None:
    same = (folder / "student.md").read_text() == "(a) $u = -\\frac{\\alpha}{2} g$\n"
    return None if same else "the answer was overwritten by its report"


def check_out_foreign(folder: Path) -> list[str]:
    _write(folder, "answer.md", "(a) $u = -\\frac{\\alpha}{2} g$\n")
    _write(folder, "notes.md", "my notes\n")
    return ["check", _problem(folder), "answer.md", "--out", "notes.md"]


def notes_intact(folder: Path, out: Outcome) -> str | None:
    return None if (folder / "notes.md").read_text() == "my notes\n" else "notes.md replaced"


def batch_symlink_out(folder: Path) -> list[str]:
    _write(folder, "secret.md", "(a) $u = -\\frac{\\alpha}{2} g$ SECRET-CONTENT\n")
    _write(folder, "class/alice.md", "(a) $u = -\\frac{\\alpha}{2} g$\n")
    (folder / "class" / "evil.md").symlink_to(folder / "secret.md")
    return ["check", _problem(folder), "class", "--out", "report"]


def secret_unread(folder: Path, out: Outcome) -> str | None:
    summary = json.loads((folder / "report" / "summary.json").read_text())
    evil = [e for e in summary["files"] if e["file"] == "evil.md"]
    if evil and evil[0].get("score") is not None:
        return "a file behind a symlink out of the folder was graded"
    return None


def batch_out_is_file(folder: Path) -> list[str]:
    _write(folder, "class/alice.md", "(a) $u = -\\frac{\\alpha}{2} g$\n")
    _write(folder, "report", "a file\n")
    return ["check", _problem(folder), "class", "--out", "report"]


def deep(opening: str, closing: str, name: str) -> Callable[[Path], list[str]]:
    return spec_file(name, opening * 10_000 + closing * 10_000 + "\n")


def markdown_script(folder: Path) -> list[str]:
    _write(folder, "xss.yaml", "title: <script>alert(1)</script>\nparts:\n"
                               "  - family: steepest-descent\n    norm: l2\n"
                               "    question: <script>alert(2)</script> <img src=x onerror=a()>\n"
                               "    gradient: [3, -1, 2]\n    alpha: 0.5\n    asks: [update]\n")
    return ["solve", "xss.yaml", "--format", "md"]


LABELLED_XSS = ("title: t\nparts:\n  - label: \"<svg onload=alert()>\"\n"
                "    family: steepest-descent\n    norm: l2\n    gradient: [3, -1, 2]\n"
                "    alpha: 0.5\n    asks: [update]\n")


def markdown_label(folder: Path) -> list[str]:
    _write(folder, "label.yaml", LABELLED_XSS)
    return ["solve", "label.yaml", "--format", "md"]


def check_markdown_label(folder: Path) -> list[str]:
    _write(folder, "label.yaml", LABELLED_XSS)
    _write(folder, "answer.md", "u = [-0.75, 0.25, -0.5], gradient descent\n")
    return ["check", "label.yaml", "answer.md", "--format", "md"]


def no_raw_html(folder: Path, out: Outcome) -> str | None:
    bad = [t for t in ("<script", "<img", "<svg") if t in out.stdout]
    return f"raw HTML in the Markdown: {bad}" if bad else None


def solved_spec(folder: Path) -> list[str]:
    _write(folder, "ok.yaml", _steepest("l2", "[3, -1, 2]"))
    return ["solve", "ok.yaml", "--format", "md"]


def solved_problem(folder: Path) -> list[str]:
    return ["solve", _problem(folder), "--brief"]


def problem_on_stdin(folder: Path) -> list[str]:
    return ["solve", "-"]


def cache_location(kind: str) -> Callable[[Path], list[str]]:
    """A problem solved with the cache folder (XDG_CACHE_HOME=cache) made unusable: a regular
    file, a FIFO, a folder or garbage where the database should be."""
    def build(folder: Path) -> list[str]:
        db = folder / "cache" / "optiproof" / "results.sqlite3"
        if kind == "file":
            _write(folder, "cache", "not a folder")
        elif kind == "fifo":
            db.parent.mkdir(parents=True)
            os.mkfifo(db)
        elif kind == "folder":
            db.mkdir(parents=True)
        elif kind == "garbage":
            _write(folder, "cache/optiproof/results.sqlite3", "garbage " * 2000)
        return solved_problem(folder)
    return build


def one_cache_warning(folder: Path, out: Outcome) -> str | None:
    count = out.stderr.count("warning: the result cache")
    return None if count == 1 else f"expected one warning about the cache, saw {count}"


def cache_clear_in(kind: str) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        cache_location(kind)(folder)
        return ["cache", "clear"]
    return build


def write_spec_onto_input(folder: Path) -> list[str]:
    _write(folder, "incomplete.txt", "Steepest descent.\n\nFind the update u for some norm.\n")
    return ["read", "incomplete.txt", "--write-spec", "incomplete.txt"]


def input_intact(folder: Path, out: Outcome) -> str | None:
    text = (folder / "incomplete.txt").read_text()
    return None if text.startswith("Steepest descent.") else "the input was overwritten"


def solve_out_foreign(folder: Path) -> list[str]:
    _write(folder, "thesis.tex", "my thesis\n")
    return ["solve", _problem(folder), "-f", "json", "--out", "thesis.tex"]


def thesis_intact(folder: Path, out: Outcome) -> str | None:
    return None if (folder / "thesis.tex").read_text() == "my thesis\n" else "replaced"


def write_spec_foreign(folder: Path) -> list[str]:
    _write(folder, "thesis.tex", "my thesis\n")
    return ["read", _problem(folder), "--write-spec", "thesis.tex"]


def figures_over_files(folder: Path) -> list[str]:
    _write(folder, "dynamics.txt", bundled_text("quadratic-dynamics.txt"))
    _write(folder, "q-a-figure-1.png", "my photo\n")
    _write(folder, "victim.txt", "victim\n")
    (folder / "q-a-figure-2.png").symlink_to("victim.txt")
    return ["solve", "dynamics.txt", "-f", "md", "--out", "q.md"]


def nothing_written(folder: Path, out: Outcome) -> str | None:
    if (folder / "q.md").exists():
        return "q.md was written before the refusal"
    if (folder / "q-a-figure-1.png").read_text() != "my photo\n":
        return "an existing file was replaced by a figure"
    if (folder / "victim.txt").read_text() != "victim\n":
        return "a figure was written through a symbolic link"
    return None


ADAM_BIG_T = json.dumps({"title": "t", "parts": [{
    "label": "a", "family": "adam-mechanics", "asks": ["bias-factors", "step-bound"],
    "t": 999999, "alpha": "1/1000", "beta1": "999999/1000000", "beta2": "9999999/10000000"}]})
"""Refused quickly (exit 2) while the witness worker is still importing: it must end with the
command, not seconds later."""


ANSI_TITLE = "Title \x1b]0;PWNED\x07 \x1b[2J\x1b[31mred\x9b1A\r"


def ansi_text(command: str) -> Callable[[Path], list[str]]:
    """Terminal controls (retitle, clear, colour, cursor moves) in a problem text's title."""
    def build(folder: Path) -> list[str]:
        _write(folder, "ansi.txt", ANSI_TITLE + "\n" + bundled_text(
            "penalized-linear-improvement.txt").split("\n", 1)[1])
        return [command, "ansi.txt"] + (["--brief", "--no-input"] if command == "solve" else [])
    return build


def ansi_spec(folder: Path) -> list[str]:
    _write(folder, "ansi.yaml", 'title: "evil \\e]0;PWNED\\a \\e[31mRED\\e[0m"\nparts:\n'
                                '  - {label: a, family: steepest-descent, norm: l2, '
                                'gradient: [3, -1, 2], alpha: 0.5, asks: [update], '
                                'question: "q \\e[2J \\x9b31m"}\n')
    return ["solve", "ansi.yaml"]


def ansi_answer(folder: Path) -> list[str]:
    _write(folder, "answer.md", "(a) \x1b[2J u = -(α/2) g \x1b]0;PWNED\x07 gradient descent\n"
                                "(b) \x1b[31m u = g\n")
    return ["check", _problem(folder), "answer.md"]


def no_controls(folder: Path, out: Outcome) -> str | None:
    bad = sorted({c for c in out.stdout + out.stderr if c in "\x1b\x07\x9b\r"})
    return f"control characters reach the terminal: {bad}" if bad else None


TOWER_CELL = ("| scheme | messages | size |\n|---|---|---|\n"
              "| all-to-all | n(n-1)^(n^(n^n)) | p |\n| parameter server | 2n | p |\n"
              "| ring all-reduce | 2n(n-1) | p/n |\n")
"""A 16-character answer cell that used to take the whole time budget."""
QUICK_S = 12.0
"""What a refusal of an oversized formula may take (start-up and the problem's own solve)."""


def tower_cell(folder: Path) -> list[str]:
    _write(folder, "dist.txt", bundled_text("distributed-training.txt"))
    _write(folder, "tower.md", TOWER_CELL)
    return ["check", "dist.txt", "tower.md"]


def tower_in_batch(folder: Path) -> list[str]:
    _write(folder, "dist.txt", bundled_text("distributed-training.txt"))
    _write(folder, "class/s1.md", TOWER_CELL)
    _write(folder, "class/s2.md", TOWER_CELL.replace("n(n-1)^(n^(n^n))", "n(n-1)"))
    return ["check", "dist.txt", "class", "--out", "report"]


def quick(folder: Path, out: Outcome) -> str | None:
    return None if out.seconds <= QUICK_S else f"took {out.seconds:.1f} s (> {QUICK_S} s)"


def quick_and_summarised(folder: Path, out: Outcome) -> str | None:
    summary = folder / "report" / "summary.json"
    if not summary.exists():
        return "no summary.json"
    files = [f["file"] for f in json.loads(summary.read_text())["files"]]
    return quick(folder, out) or (None if files == ["s1.md", "s2.md"] else f"files {files}")


def distance_p(p: str) -> Callable[[Path], list[str]]:
    spec = {"title": "t", "parts": [{"label": "a", "family": "steepest-descent", "norm": "l1",
                                     "gradient": [3, -1, 2], "alpha": 0.5, "asks": ["update"],
                                     "derived": [{"kind": "distance", "of": "update",
                                                  "to": [1, 2, 3], "norm": "lp", "p": p}]}]}
    return spec_file("distance.json", json.dumps(spec))


RIDGE_TINY_LAMBDA = json.dumps({"title": "t", "parts": [{
    "label": "a", "family": "implicit-bias", "X": [[1, 2, 3], [4, 5, 6]], "y": [1, 2],
    "method": {"name": "ridge", "lam": "1/10^64"}, "asks": ["limit", "ridgeless-limit"]}]})
"""An ill-conditioned ridge solve: SciPy warns (LinAlgWarning)."""


def no_python_warning(folder: Path, out: Outcome) -> str | None:
    raw = [t for t in ("Warning:", ".py:", "warnings.warn") if t in out.stderr]
    return f"a raw Python warning reached the user: {raw}" if raw else None


CROSSOVER_IN_N = json.dumps({"title": "t", "parts": [{
    "label": "a", "family": "communication", "n": "n", "p": "p",
    "schemes": ["ring-allreduce", "tree-allreduce"], "quantities": ["time"], "alpha": "a",
    "bandwidth": "B", "derived": [{"kind": "crossover", "of": "time[tree-allreduce]",
                                   "to": "time[ring-allreduce]", "solve_for": "n"}]}]})
"""A crossover in n: ceiling(log2 n) against n, which SymPy's solve cannot do."""


CASES: list[Case] = [
    Case("1", "plain-text formula lines in check", check_single(_answer_lines, "answer.md"),
         exits=(0, 1)),
    Case("1", "$…$ in a table cell", check_single(_answer_table, "answer.md"), exits=(0, 1)),
    Case("1", "\\(…\\) in a .txt answer", check_single(_answer_parens, "answer.txt"),
         exits=(0, 1)),
    Case("1", "batch mode", check_batch, exits=(0, 1)),
    Case("2", "lp norm with p = 1.000001",
         spec_file("lp.yaml", _steepest("{name: lp, p: 1.000001}", "[3, -1, 2]")),
         exits=(0, 1, 2)),
    Case("2", "p = 1.000001 in problem text",
         spec_file("lp.txt", "Steepest descent with an lp norm.\n\nLet g = (3, -1, 2) and α = 0.5. "
                       "Find u = argmin_Δθ g^T Δθ + (1/α) ‖Δθ‖_p^2 for p = 1.000001.\n"),
         exits=(0, 1, 2, 3)),
    Case("2", "power tower 10^(64^5) in an answer",
         check_single(lambda f: "(a) u = 10^(64^5)\n(b) $u = 10^{64^{5}} g$\n", "answer.md"),
         exits=(1,)),
    Case("2", "Adam with t = 10^6", spec_file("adam.yaml", _adam(10 ** 6)), exits=(0, 1, 2)),
    Case("2", "4000-digit integer gradient",
         spec_file("big.yaml", _steepest("l1", "[" + "7" * 4000 + ", 1, 2]")), exits=(0, 1, 2)),
    Case("2", "16M-entry matrix (YAML aliases)", spec_file("alias.yaml", _alias_matrix(4096))),
    Case("3", "spec path is a symlink to /dev/zero",
         symlink_to("zero.yaml", "/dev/zero", ["solve", "zero.yaml"])),
    Case("3", "problem text is a symlink to /dev/zero",
         symlink_to("zero.txt", "/dev/zero", ["solve", "zero.txt"])),
    Case("3", "answer is a symlink to /dev/zero",
         lambda f: symlink_to("zero.md", "/dev/zero", ["check", _problem(f), "zero.md"])(f)),
    Case("3", "3 GB file in a batch folder", huge_file_in_batch, exits=(0, 1)),
    Case("3", "FIFO as the problem", fifo_problem),
    Case("3", "FIFO as the answer", fifo_answer),
    Case("3", "FIFO in a batch folder", fifo_in_batch, exits=(0, 1)),
    Case("3", "YAML aliases into a 4096x4096 matrix", spec_file("alias.yaml", _alias_matrix(4096))),
    Case("3", "duplicate keys in YAML",
         spec_file("dup.yaml", _steepest("l2", "[3, -1, 2]") + "    norm: l1\n")),
    Case("4", "396 kB answer of short lines", short_lines_answer, exits=(0, 1, 2)),
    Case("4", "392 kB of \\[", open_display_answer, exits=(0, 1, 2)),
    Case("5", "planted json.py in the working folder", planted_json, exits=(0, 1), slow=True),
    Case("5", "all-to-all n = 16, p = 10^7 on gloo", gloo_too_big),
    Case("6", "demo --out with planted symlinks", demo_symlink, exits=(0, 1, 2),
         check=victim_intact, slow=True),
    Case("6", "demo --texts D --out D", demo_into_texts, check=texts_intact),
    Case("6", "check --out onto the answer", check_out_answer, check=student_intact),
    Case("6", "check --out onto a file that is not a report", check_out_foreign,
         check=notes_intact),
    Case("6", "batch folder symlink out of the folder", batch_symlink_out, exits=(0, 1),
         check=secret_unread),
    Case("7", "10,000-deep YAML", deep("[", "]", "deep.yaml")),
    Case("7", "10,000-deep JSON", deep("{\"a\": ", "}", "deep.json")),
    Case("7", "5000-digit integer", spec_file("int.yaml", _steepest("l2", "[" + "9" * 5000 + "]"))),
    Case("7", "400-digit alpha", spec_file("alpha.yaml", _steepest("l2", "[3, -1, 2]",
                                                                  alpha="1" + "0" * 400))),
    Case("7", "existing file as batch --out", batch_out_is_file),
    Case("7", "non-UTF-8 stdout", solved_spec, env={"PYTHONIOENCODING": "ascii"}),
    Case("7", "closed stdout", solved_spec, stdout="closed"),
    Case("7", "stdout reader gone (broken pipe)", solved_spec, stdout="broken"),
    Case("6", "read --write-spec onto its own input", write_spec_onto_input,
         check=input_intact),
    Case("6", "solve --out onto a file that is not a report", solve_out_foreign,
         check=thesis_intact),
    Case("6", "read --write-spec onto a file that is not a spec", write_spec_foreign,
         check=thesis_intact),
    Case("6", "Markdown figures over a file and a planted link", figures_over_files,
         check=nothing_written),
    Case("5", "a refusal while the witness worker starts", spec_file("adam.json", ADAM_BIG_T)),
    Case("7", "terminal controls in a problem title (solve)", ansi_text("solve"),
         exits=(0, 1, 3), check=no_controls),
    Case("7", "terminal controls in a problem title (read)", ansi_text("read"),
         exits=(0, 3), check=no_controls),
    Case("7", "terminal controls in a spec's title and question", ansi_spec, exits=(0, 2),
         check=no_controls),
    Case("7", "terminal controls in an answer", ansi_answer, exits=(0, 1, 2),
         check=no_controls),
    Case("2", "power tower n(n-1)^(n^(n^n)) in an answer cell", tower_cell,
         exits=(0, 1, 2), check=quick),
    Case("2", "power tower cell in batch mode", tower_in_batch, exits=(0, 1),
         check=quick_and_summarised),
    Case("2", "derived lp distance with p = 10^64", distance_p("10^64"), check=quick),
    Case("2", "derived lp distance with p = 1.0000001", distance_p("1.0000001"), check=quick),
    Case("5", "gloo with n = 16 and a tiny p (17 ranks importing torch)", gloo_many_ranks,
         check=names_largest_n),
    Case("7", "a library warning (ill-conditioned ridge solve)",
         spec_file("ridge.json", RIDGE_TINY_LAMBDA), exits=(0, 1), check=no_python_warning),
    Case("7", "crossover SymPy cannot solve", spec_file("crossover.json", CROSSOVER_IN_N)),
    Case("7", "closed stdin with PROBLEM -", problem_on_stdin, streams="closed-stdin"),
    Case("7", "closed stderr", solved_problem, exits=(0,), streams="closed-stderr"),
    Case("7", "stderr is /dev/full (a 'wrote' line to say)",
         lambda f: ["solve", _problem(f), "-f", "json", "--out", "out.json"], exits=(0,),
         streams="full-stderr"),
    Case("7", "broken pipe on the terminal rendering",
         lambda f: ["solve", _problem(f)], stdout="broken"),
    Case("7", "XDG_CACHE_HOME is a regular file", cache_location("file"), exits=(0,),
         env={"XDG_CACHE_HOME": "cache"}, check=one_cache_warning),
    Case("7", "XDG_CACHE_HOME is /dev/null", solved_problem, exits=(0,),
         env={"XDG_CACHE_HOME": "/dev/null"}, check=one_cache_warning),
    Case("7", "XDG_CACHE_HOME is /proc", solved_problem, exits=(0,),
         env={"XDG_CACHE_HOME": "/proc"}, check=one_cache_warning),
    Case("7", "HOME is /dev/null", solved_problem, exits=(0,),
         env={"XDG_CACHE_HOME": "", "HOME": "/dev/null"}, check=one_cache_warning),
    Case("7", "the cache database is a FIFO", cache_location("fifo"), exits=(0,),
         env={"XDG_CACHE_HOME": "cache"}, check=one_cache_warning),
    Case("7", "the cache database is a folder", cache_location("folder"), exits=(0,),
         env={"XDG_CACHE_HOME": "cache"}, check=one_cache_warning),
    Case("7", "the cache database is garbage", cache_location("garbage"), exits=(0,),
         env={"XDG_CACHE_HOME": "cache"}, check=one_cache_warning),
    Case("7", "cache clear on a garbage database", cache_clear_in("garbage"), exits=(0,),
         env={"XDG_CACHE_HOME": "cache"}, check=one_cache_warning),
    Case("7", "cache clear on a FIFO database", cache_clear_in("fifo"), exits=(0,),
         env={"XDG_CACHE_HOME": "cache"}, check=one_cache_warning),
    Case("6", "batch file names as link schemes, fragments and page collisions", batch_names,
         exits=(0, 1), check=links_safe_and_pages_unique),
    Case("7", "<svg> in a part label, solve Markdown", markdown_label, exits=(0,),
         check=no_raw_html),
    Case("7", "<svg> in a part label, check Markdown", check_markdown_label, exits=(0, 1),
         check=no_raw_html),
    Case("7", "<script> in the Markdown title and question", markdown_script, exits=(0,),
         check=no_raw_html),
]
