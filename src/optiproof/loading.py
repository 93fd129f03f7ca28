"""Loading problems, for the command line, the Python API and the benchmarks alike: spec files
(YAML/JSON), problem text (through the reader), stdin, and the families' bundled problems.

Every input is size-bounded (``LIMITS.max_text_bytes``) and parsed with safe loaders only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from optiproof.core.errors import BadInput
from optiproof.core.limits import LIMITS

SPEC_SUFFIXES = (".yaml", ".yml", ".json")
SPEC_OPENINGS = ("{", "title:", "parts:", "context:", "family:", "---")


def decoded(raw: bytes, source: str) -> str:
    """Problem bytes as UTF-8 text; a PDF or other binary file is refused with what to do."""
    if raw.lstrip().startswith(b"%PDF"):
        raise BadInput(f"{source} is a PDF; paste the text (e.g. `pdftotext {source} -`)",
                       field="PROBLEM", expected="problem text or a YAML/JSON spec")
    from optiproof.core.safeio import printable

    try:
        return printable(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadInput(f"{source} is not UTF-8 text", field="PROBLEM",
                       expected="problem text or a YAML/JSON spec") from None


def looks_like_spec(text: str) -> bool:
    """True when the first meaningful line opens a YAML/JSON spec (``{``, ``title:``, ...)."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return stripped.startswith(SPEC_OPENINGS)
    return False


def load_problem_text(text: str, *, source: str = "spec") -> Any:
    """Parse YAML or JSON spec text into a Problem (bounded size and depth; no aliases,
    duplicate keys or huge integers: see :mod:`optiproof.core.specdata`)."""
    from optiproof.core.specdata import load_spec_data
    from optiproof.families.problem import make_problem

    if len(text.encode("utf-8", "replace")) > LIMITS.max_text_bytes:
        raise BadInput(f"{source} is larger than {LIMITS.max_text_bytes // 1000} kB",
                       field=source, expected="a smaller file")
    data = load_spec_data(text, source)
    todo = _first_todo(data, "")
    if todo is not None:
        raise BadInput("this field is still TODO: the spec was written from a problem text that "
                       "could not be read completely, and a field marked TODO is never solved "
                       "with a default", field=todo or "spec",
                       expected="the value the comment above the part describes")
    return make_problem(data)


def _first_todo(data: Any, path: str) -> str | None:
    """The dotted path of the first value written ``TODO`` in a spec, or None (bounded depth)."""
    stack = [(data, path, 0)]
    while stack:
        value, where, depth = stack.pop(0)
        if isinstance(value, str) and value.strip() == "TODO":
            return where
        if depth < 8 and isinstance(value, dict):
            stack += [(v, f"{where}.{k}" if where else str(k), depth + 1) for k, v in value.items()]
        elif depth < 8 and isinstance(value, list):
            stack += [(v, f"{where}[{i}]", depth + 1) for i, v in enumerate(value)]
    return None


def load_problem_file(path: str | Path) -> Any:
    """Read a spec file (.yaml, .yml, .json; a regular file, size-bounded) into a Problem."""
    from optiproof.core.safeio import read_bounded

    p = Path(path)
    raw = read_bounded(p, LIMITS.max_text_bytes, field="PROBLEM")
    return load_problem_text(decoded(raw, str(p)), source=str(p))


def problem_source(path_or_dash: str) -> tuple[str | None, str, str]:
    """(spec path or None, text, source name) of a PROBLEM argument, size-bounded."""
    from optiproof.core.safeio import read_bounded, read_stream_bounded

    if path_or_dash == "-":
        import sys

        if sys.stdin is None:
            raise BadInput("standard input is closed", field="PROBLEM",
                           expected="a problem on standard input, or a file name")
        raw = read_stream_bounded(sys.stdin.buffer, LIMITS.max_text_bytes, field="PROBLEM",
                                  source="stdin")
        return None, decoded(raw, "stdin"), "stdin"
    path = Path(path_or_dash)
    if path.suffix.lower() in SPEC_SUFFIXES:
        return str(path), "", str(path)
    raw = read_bounded(path, LIMITS.max_text_bytes, field="PROBLEM",
                       expected="a smaller problem")
    return None, decoded(raw, str(path)), str(path)


def load_problem_any(path_or_dash: str) -> Any:
    """A Problem from a spec file (.yaml/.yml/.json), ``-`` for stdin, or problem text (the
    reader's refusals, ReadingIncomplete / ReadingInvalid, carry what was read)."""
    spec_path, text, source = problem_source(path_or_dash)
    if spec_path is not None:
        return load_problem_file(spec_path)
    return load_text(text, source)


def load_problem_and_reading(path_or_dash: str) -> tuple[Any, Any]:
    """(Problem, Reading) of problem text, (Problem, None) of a spec; the reader's refusals
    carry what was read."""
    spec_path, text, source = problem_source(path_or_dash)
    if spec_path is not None:
        return load_problem_file(spec_path), None
    return problem_and_reading(text, source)


def problem_and_reading(text: str, source: str, partial: bool = False) -> tuple[Any, Any]:
    """(Problem, Reading) of problem text, (Problem, None) of spec text; with ``partial``, a
    partly read text gives the Problem of the parts that can be answered
    (:meth:`Reading.answerable_problem`)."""
    if looks_like_spec(text):
        return load_problem_text(text, source=source), None
    from optiproof.reading import read_report

    reading = read_report(text)
    return reading.to_problem(partial=partial), reading


def load_text(text: str, source: str) -> Any:
    """A Problem from text: a spec if it opens like one, else problem text for the reader."""
    if looks_like_spec(text):
        return load_problem_text(text, source=source)
    from optiproof.reading import read_problem

    return read_problem(text)


def load_problem(source: Any) -> Any:
    """A Problem from a Problem, a dict spec, a spec file path, spec text, or problem text."""
    return load_problem_with_reading(source)[0]


def load_problem_with_reading(source: Any) -> tuple[Any, Any]:
    """(Problem, Reading or None) from a Problem, a dict spec, a spec file path, spec text, or
    problem text (only problem text has a Reading)."""
    from pydantic import BaseModel

    from optiproof.families.problem import make_problem

    if isinstance(source, BaseModel) and hasattr(source, "parts"):
        return source, None
    if isinstance(source, dict):
        return make_problem(source), None
    if isinstance(source, Path):
        return load_problem_and_reading(str(source))
    if isinstance(source, str):
        if "\n" not in source and Path(source).suffix.lower() in (*SPEC_SUFFIXES, ".txt", ".md"):
            return load_problem_and_reading(source)
        return problem_and_reading(source, "text")
    raise TypeError(f"cannot make a Problem from {type(source).__name__}")


def bundled_problems() -> list[tuple[str, str]]:
    """(file name, text) of every family's bundled problems: problem texts first, then the
    specs that have no text of the same name, each group sorted by name."""
    from importlib import resources

    from optiproof.families import FAMILIES

    root = resources.files("optiproof")
    files = [root.joinpath(path) for f in FAMILIES.values() for path in f.problems]
    texts = sorted((p.name, p.read_text(encoding="utf-8")) for p in files
                   if not p.name.endswith(SPEC_SUFFIXES))
    stems = {Path(name).stem for name, _ in texts}
    specs = sorted((p.name, p.read_text(encoding="utf-8")) for p in files
                   if p.name.endswith(SPEC_SUFFIXES) and Path(p.name).stem not in stems)
    return texts + specs


def problem_texts_in(folder: Path) -> tuple[list[tuple[str, str]], tuple[Path, ...]]:
    """(file name, text) of every .txt/.md problem text in a folder (regular files, size-
    bounded, no links out of the folder), and the paths read."""
    from optiproof.core.safeio import folder_files, read_bounded

    if not folder.is_dir():
        raise BadInput(f"{folder} is not a folder", field="--texts")
    files, _ = folder_files(folder, (".txt", ".md"), field="--texts")
    texts = [(Path(name).stem + ".txt",
              decoded(read_bounded(path, LIMITS.max_text_bytes, field="--texts", follow=False),
                      str(path))) for name, path in files]
    return texts, tuple(path for _, path in files)


def load_bundled(name: str, text: str) -> Any:
    """The Problem of one bundled file: problem text (.txt) is read, a spec is validated."""
    if name.endswith(".txt"):
        from optiproof.reading import read_problem

        return read_problem(text)
    return load_problem_text(text, source=name)
