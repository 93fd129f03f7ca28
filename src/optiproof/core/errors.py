"""Errors that map to the command line's exit codes (see DESIGN: 2 bad input, 3 not recognised)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping


class OptiproofError(Exception):
    """Base class: an error with a clear one-paragraph message and an exit code."""

    exit_code = 1


class BadInput(OptiproofError):
    """The input is malformed or outside the supported limits (exit code 2).

    ``field`` names the offending field (dotted path) and ``expected`` says what form was
    expected, so the message can point the user at the exact place to fix.
    """

    exit_code = 2

    def __init__(self, message: str, *, field: str | None = None, expected: str | None = None):
        self.field = field
        self.expected = expected
        parts = []
        if field:
            parts.append(f"{field}: ")
        parts.append(message)
        if expected:
            parts.append(f" (expected {expected})")
        super().__init__("".join(parts))


class NotRecognised(OptiproofError):
    """The problem (or a part of it) is not one optiproof can read or solve (exit code 3)."""

    exit_code = 3


def did_you_mean(word: object, choices: Iterable[str] | Mapping[str, str]) -> str:
    """`` did you mean 'linf'?`` when ``word`` is close to one of ``choices``, else ``''``;
    a mapping of choices suggests the value of the closest key (an alias's canonical key)."""
    import difflib
    from collections.abc import Mapping

    if not isinstance(word, str):
        return ""
    lowered = {c.lower(): choices[c] if isinstance(choices, Mapping) else c for c in choices}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f" did you mean {lowered[close[0]]!r}?" if close else ""


def warnings_as_notes() -> None:
    """Show a Python warning from a library (SciPy's ill-conditioned solve, NumPy's overflow)
    as one line of optiproof's own, once per message: ``note: a numerical routine warned:
    ...``, never a file path, line of source or class name."""
    import sys
    import warnings

    seen: set[str] = set()

    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
             file: object = None, line: str | None = None) -> None:
        text = " ".join(str(message).split())[:300]
        if text in seen:
            return
        seen.add(text)
        try:
            if sys.stderr is not None:
                sys.stderr.write(f"note: a numerical routine warned: {text}\n")
        except (OSError, ValueError):
            pass

    warnings.showwarning = show  # type: ignore[assignment]
    warnings.simplefilter("default")
