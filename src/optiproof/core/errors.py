"""Errors that map to the command line's exit codes (see DESIGN: 2 bad input, 3 not recognised)."""

from __future__ import annotations


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
