"""Bounded reads, safe writes and spec loading: files are data of bounded size, outputs never
land where they should not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from optiproof.core.errors import BadInput
from optiproof.core.safeio import folder_files, make_folder, read_bounded, write_file
from optiproof.core.specdata import MAX_DEPTH, load_spec_data


# -- reading ------------------------------------------------------------------------------------

def test_read_bounded_reads_a_regular_file_up_to_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    assert read_bounded(path, 100, field="F") == b"x" * 100
    with pytest.raises(BadInput, match="larger than 0 kB"):
        read_bounded(path, 99, field="F")


@pytest.mark.parametrize("make,kind", [
    (lambda p: os.mkfifo(p), "a named pipe"),
    (lambda p: p.symlink_to("/dev/zero"), "a device"),
    (lambda p: p.mkdir(), "a folder"),
], ids=["fifo", "device", "folder"])
def test_read_bounded_refuses_what_is_not_a_regular_file(tmp_path: Path, make, kind) -> None:
    path = tmp_path / "x.yaml"
    make(path)
    with pytest.raises(BadInput, match=kind) as err:
        read_bounded(path, 1000, field="PROBLEM")
    assert err.value.exit_code == 2 and str(err.value).startswith("PROBLEM: ")


def test_read_bounded_can_refuse_links(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text("x")
    (tmp_path / "link.md").symlink_to(tmp_path / "real.md")
    assert read_bounded(tmp_path / "link.md", 10, field="F") == b"x"
    with pytest.raises(BadInput, match="symbolic link"):
        read_bounded(tmp_path / "link.md", 10, field="F", follow=False)


def test_folder_files_follow_links_only_inside_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    (tmp_path / "secret.md").write_text("s")
    (folder / "a.md").write_text("a")
    (folder / "b.md").symlink_to(folder / "a.md")
    (folder / "c.md").symlink_to(tmp_path / "secret.md")
    (folder / "notes.pdf").write_text("n")
    files, refused = folder_files(folder, (".md",), field="ANSWER")
    assert [name for name, _ in files] == ["a.md", "b.md"]
    assert files[1][1] == (folder / "a.md").resolve()
    assert refused == [("c.md", "a symbolic link out of the folder: not read")]


# -- writing ------------------------------------------------------------------------------------

def test_write_file_replaces_through_a_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_file(target, "one", field="--out")
    write_file(target, "two", field="--out")
    assert target.read_text() == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_write_file_never_follows_a_link(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "out.md").symlink_to(victim)
    with pytest.raises(BadInput, match="symbolic link"):
        write_file(tmp_path / "out.md", "report", field="--out")
    assert victim.read_text() == "precious"


def test_write_file_refuses_inputs_and_foreign_files(tmp_path: Path) -> None:
    answer = tmp_path / "student.md"
    answer.write_text("answer")
    with pytest.raises(BadInput, match="input of this run"):
        write_file(answer, "report", field="--out", inputs=(answer,), force=True)
    notes = tmp_path / "notes.md"
    notes.write_text("notes")
    with pytest.raises(BadInput, match="not a previous report"):
        write_file(notes, "report", field="--out", replaceable=lambda head: False)
    write_file(notes, "report", field="--out", replaceable=lambda head: False, force=True)
    assert notes.read_text() == "report" and answer.read_text() == "answer"
    write_file(notes, "again", field="--out", replaceable=lambda head: head == b"report")
    assert notes.read_text() == "again"


def test_make_folder_refuses_files_and_links(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(BadInput, match="not a folder"):
        make_folder(tmp_path / "file", field="--out")
    (tmp_path / "link").symlink_to(tmp_path)
    with pytest.raises(BadInput, match="symbolic link"):
        make_folder(tmp_path / "link", field="--out")
    make_folder(tmp_path / "new" / "deep", field="--out")
    assert (tmp_path / "new" / "deep").is_dir()


# -- spec text ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,reason", [
    ("a: &x [1, 2]\nb: *x\n", "anchors"),
    ("a: [1, 2]\nb: *x\n", "alias|cannot parse"),
    ("a: 1\nb: 2\na: 3\n", "duplicate key 'a' \\(line 3\\)"),
    ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "nested more than"),
    ("a: " + "9" * 301 + "\n", "301 digits"),
    ("a: -" + "9" * 5000 + "\n", "5000 digits"),
    ('{"a": 1, "a": 2}', "duplicate key 'a'"),
    ('{"a": ' * 10_000 + "1" + "}" * 10_000, "nested more than"),
    ('{"a": ' + "9" * 5000 + "}", "5000 digits"),
    ('{"a": NaN}', "NaN is not a number"),
    ("a: [1, 2\n", "cannot parse"),
    ('title: "\\e]0;pwned\\a\\e[31mRED"\n', "control character U\\+001B in 'title'"),
    ('{"parts": [{"question": "a\\u009bb"}]}', "control character U\\+009B in 'question'"),
])
def test_spec_text_limits(text: str, reason: str) -> None:
    with pytest.raises(BadInput, match=reason) as err:
        load_spec_data(text, "spec.yaml")
    assert err.value.exit_code == 2


def test_plain_specs_load() -> None:
    assert load_spec_data("title: t\nparts:\n  - {a: [1, 2.5, -3]}\n") == {
        "title": "t", "parts": [{"a": [1, 2.5, -3]}]}
    assert load_spec_data('{"a": [1, {"b": "c"}]}') == {"a": [1, {"b": "c"}]}
    assert load_spec_data("a: " + "9" * 300) == {"a": int("9" * 300)}
