"""Bounded reads and safe writes of the files a command touches.

Reading: only regular files, at most ``limit + 1`` bytes (so "too large" is known without
reading the rest), opened without blocking (a named pipe or a device is refused, never waited on
or drained); a folder's files are listed without following symbolic links out of it.

Writing: into a temporary file in the target's folder, then renamed over the target, so a
reader never sees half a file and a symbolic link planted at the destination is replaced, never
followed. A target that is a symbolic link, a folder or one of the run's inputs is refused; an
existing file is only replaced when ``replaceable`` accepts it (a previous report) or the caller
forces it.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from optiproof.core.errors import BadInput

MAX_FOLDER_FILES = 5000
"""Most files of one folder read in a batch."""
HEAD_BYTES = 65536
"""How much of an existing file ``replaceable`` sees."""

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_bounded(path: str | Path, limit: int, *, field: str, follow: bool = True,
                 expected: str | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; BadInput for anything else."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        reason = "a symbolic link" if not follow and err.errno == errno.ELOOP else err.strerror
        raise BadInput(f"cannot read {path}: {reason}", field=field, expected=expected) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise BadInput(f"{path} is {_kind(mode)}, not a regular file", field=field,
                           expected=expected)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as err:
        raise BadInput(f"cannot read {path}: {err.strerror}", field=field,
                       expected=expected) from None
    finally:
        os.close(fd)
    if size > limit:
        raise BadInput(f"{path} is larger than {_size(limit)}", field=field,
                       expected=expected or "a smaller file")
    return b"".join(chunks)


def read_stream_bounded(stream: object, limit: int, *, field: str, source: str) -> bytes:
    """At most ``limit`` bytes of a binary stream (stdin); BadInput past that."""
    raw = stream.read(limit + 1)  # type: ignore[attr-defined]
    if len(raw) > limit:
        raise BadInput(f"{source} is larger than {_size(limit)}", field=field,
                       expected="a smaller input")
    return raw


_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without C0/C1 control characters (tab and newline kept, CR LF made LF): what
    is read from a document or spec can never move the cursor, retitle or clear a terminal."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n")) if _CONTROLS.search(text) else text


def _size(limit: int) -> str:
    return f"{limit // 1_000_000} MB" if limit >= 1_000_000 else f"{limit // 1000} kB"


def folder_files(folder: Path, suffixes: tuple[str, ...], *, field: str
                 ) -> tuple[list[tuple[str, Path]], list[tuple[str, str]]]:
    """([(name, path to read)], [(name, why refused)]) for the entries of ``folder`` ending in
    ``suffixes``: a symbolic link is followed only to a file inside the folder (the path is
    then the target), and no more than MAX_FOLDER_FILES are taken."""
    try:
        root = folder.resolve(strict=True)
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        raise BadInput(f"cannot list {folder}: {err.strerror}", field=field) from None
    files: list[tuple[str, Path]] = []
    refused: list[tuple[str, str]] = []
    for entry in entries:
        if not entry.name.lower().endswith(suffixes):
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            target = Path(os.path.realpath(entry.path))
            if root not in target.parents:
                refused.append((entry.name, "a symbolic link out of the folder: not read"))
                continue
            path = target
        if len(files) >= MAX_FOLDER_FILES:
            refused.append((entry.name, f"beyond the first {MAX_FOLDER_FILES} files: not read"))
            continue
        files.append((entry.name, path))
    return files, refused


def make_folder(path: Path, *, field: str) -> None:
    """Create ``path`` (and its parents) as a folder; refuse a file or a symbolic link there."""
    if path.is_symlink():
        raise BadInput(f"{path} is a symbolic link; refusing to write through it", field=field,
                       expected="a folder path")
    if path.exists() and not path.is_dir():
        raise BadInput(f"{path} exists and is not a folder", field=field,
                       expected="a folder (or a path that does not exist yet)")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise BadInput(f"cannot create {path}: {err.strerror}", field=field) from None


def existing_head(path: Path) -> bytes:
    """The first HEAD_BYTES of the regular file at ``path`` (never through a link); empty
    when there is none."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return b""
    except OSError:
        return b""
    try:
        with path.open("rb") as fh:
            return fh.read(HEAD_BYTES)
    except OSError:
        return b""


def check_target(path: Path, *, field: str, inputs: Iterable[Path] = (),
                 replaceable: Callable[[bytes], bool] | None = None, force: bool = False
                 ) -> os.stat_result | None:
    """BadInput unless ``path`` may be written (see :func:`write_file`); the status of the file
    there, if any. Nothing is written."""
    path = Path(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as err:
        raise BadInput(f"cannot write {path}: {err.strerror}", field=field) from None
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            raise BadInput(f"{path} is a symbolic link; refusing to write through it",
                           field=field, expected="a path that is not a link")
        if not stat.S_ISREG(st.st_mode):
            raise BadInput(f"{path} is {_kind(st.st_mode)}", field=field,
                           expected="a file path")
        for source in inputs:
            try:
                same = os.path.samefile(path, source)
            except OSError:
                same = False
            if same:
                raise BadInput(f"{path} is an input of this run; refusing to overwrite it",
                               field=field, expected="another output path")
        if replaceable is not None and not force and not replaceable(existing_head(path)):
            raise BadInput(f"{path} exists and is not a previous report; refusing to replace "
                           "it", field=field, expected="another path, or --force")
    return st


def write_file(path: Path, data: str | bytes, *, field: str, inputs: Iterable[Path] = (),
               replaceable: Callable[[bytes], bool] | None = None, force: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (see the module
    docstring); ``replaceable(head of the existing file)`` decides whether a file already there
    may be replaced, unless ``force``."""
    path = Path(path)
    st = check_target(path, field=field, inputs=inputs, replaceable=replaceable, force=force)
    _write_checked(path, data, st, field)


def write_files(files: list[tuple[Path, str | bytes, Callable[[bytes], bool] | None]], *,
                field: str, inputs: Iterable[Path] = (), force: bool = False) -> None:
    """Write several files (path, data, replaceable) as :func:`write_file` does, after checking
    every destination first: one refused destination means nothing is written."""
    inputs = tuple(inputs)
    checked = [(Path(path), data, check_target(Path(path), field=field, inputs=inputs,
                                               replaceable=replaceable, force=force))
               for path, data, replaceable in files]
    for path, data, st in checked:
        _write_checked(path, data, st, field)


def _write_checked(path: Path, data: str | bytes, st: os.stat_result | None,
                   field: str) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = (st.st_mode & 0o777) if st is not None else 0o644
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                   dir=path.parent if str(path.parent) else ".")
    except OSError as err:
        raise BadInput(f"cannot write {path}: {err.strerror}", field=field) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as err:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise BadInput(f"cannot write {path}: {err.strerror}", field=field) from None
