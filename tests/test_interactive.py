"""Interactive completion in a real pseudo-terminal: a question the reader cannot place is asked
about with choices from the catalogue, and the answer is solved; ``--no-input`` refuses."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

TEXT = ("Which norm?\n\nLet g = (1, 3, -2) and alpha = 1; u = argmin_d g^T d + (1/alpha) "
        "||d||_1^2.\n(a) Find u.\n(b) The step moves one coordinate. Which one?\n")
CLI = [sys.executable, "-c", "from optiproof.cli import main; main()"]


def _spawn(tmp_path: Path, *extra: str):
    path = tmp_path / "q.txt"
    path.write_text(TEXT, encoding="utf-8")
    return pexpect.spawn(CLI[0], [*CLI[1:], "solve", str(path), "--no-witness", *extra],
                         encoding="utf-8", timeout=120, dimensions=(40, 200))


@pytest.mark.slow
def test_an_unplaced_question_is_asked_and_then_solved(tmp_path: Path):
    child = _spawn(tmp_path)
    child.expect(r'Part \(b\).*Which one\?')
    child.expect(r"\[1\] update")
    child.expect("something else")
    child.expect("choose")
    child.sendline("1")
    child.expect("What was read")
    child.expect("the question was placed on the terminal: update")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1  # solved, but --no-witness leaves it unverified


@pytest.mark.slow
def test_something_else_and_no_input_answer_what_was_read(tmp_path: Path):
    """Declining the question (or --no-input) answers part (a) and lists part (b) as not
    answered; with --whole the refusal stands (exit 3)."""
    for extra, code in (((), 1), (("--whole",), 3)):
        child = _spawn(tmp_path, *extra)
        child.expect(r"\[(\d+)\] something else")
        other = child.match.group(1)
        child.expect("choose")
        child.sendline(other)
        child.expect("NOT ANSWERED" if code == 1 else "not recognised")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == code
    for extra, code in ((("--no-input",), 1), (("--no-input", "--whole"), 3)):
        child = _spawn(tmp_path, *extra)
        child.expect("Which one")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == code
