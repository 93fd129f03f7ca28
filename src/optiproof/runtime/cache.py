"""The result cache: solved and witnessed problems in SQLite (standard library), in the user's
cache folder, so that asking again costs a look-up.

An entry is keyed by the normalised spec, the options and the versions of optiproof (its
release and a fingerprint of its files), torch, cvxpy, Clarabel and SymPy; it holds the solution
and its evidence, the exit code, the time the witnesses ran, and the documents rendered from it
(by format). An input alias (the digest of the problem file's bytes and suffix with the same options
and versions) leads straight to an entry, so a repeated command skips reading the problem too.
The database runs in WAL mode with a busy timeout, so concurrent writers (two command lines, the
server's workers) wait for each other instead of failing; it lives in a folder only its owner
can open, and solutions are unpickled with a loader that admits only the types and reconstructors
a cached solution is made of (never a function that parses or evaluates text); a row it refuses
is a miss.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import sqlite3
import stat
import sys
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from optiproof.core.options import SolveOptions
from optiproof.core.solution import Solution

VERSIONED = ("torch", "cvxpy", "clarabel", "sympy")
"""Distributions whose versions are part of every key (besides optiproof's own)."""
SCHEMA = """
CREATE TABLE IF NOT EXISTS solutions (key TEXT PRIMARY KEY, witnessed_at TEXT NOT NULL,
                                      exit_code INTEGER NOT NULL, parts INTEGER NOT NULL,
                                      solution BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS renderings (key TEXT NOT NULL, format TEXT NOT NULL,
                                       text TEXT NOT NULL, PRIMARY KEY (key, format));
CREATE TABLE IF NOT EXISTS inputs (digest TEXT PRIMARY KEY, key TEXT NOT NULL);
"""
SETUP_TRIES = 40
"""Attempts to open a database another process is setting up (WAL mode, tables): about 40 s."""
SAFE_BUILTINS = frozenset({"set", "frozenset", "complex", "slice", "range", "bytearray",
                           "object", "int", "float", "str", "bytes", "list", "dict", "tuple",
                           "bool"})
"""Builtin types a cached solution may hold (types only: never getattr, eval, exec, ...)."""
SAFE_FUNCTIONS = frozenset({
    ("copyreg", "_reconstructor"),
    ("numpy._core.multiarray", "_reconstruct"), ("numpy.core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "scalar"), ("numpy.core.multiarray", "scalar"),
    ("sympy.core.function", "_rebuild_undef"),
})
"""The reconstructors (not types) a cached solution needs; none parses or evaluates text."""
NAMED_ARGUMENT_TYPES = ("Symbol", "Str", "Float", "Rational", "Integer", "MatrixSymbol")
"""SymPy classes that take a name or a number as text (and never parse it as an expression);
every other SymPy class is rebuilt from SymPy objects and numbers only, because many of them
pass their arguments to ``sympify``, which evaluates text."""

def default_path() -> Path:
    """``results.sqlite3`` in the user cache folder: $XDG_CACHE_HOME or ~/.cache on Linux,
    ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows; ``optiproof`` below it."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "optiproof" / "results.sqlite3"


def versions() -> dict[str, str]:
    """optiproof's release and file fingerprint, and the versions in ``VERSIONED``."""
    from importlib import metadata

    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yaml", ".txt", ".json"):
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    out = {}
    for name in ("optiproof", *VERSIONED):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    out["optiproof"] += f"+{digest.hexdigest()[:16]}"
    return out


def _options(options: SolveOptions) -> dict[str, Any]:
    """The options that change a solution (not where progress goes)."""
    return {"engine": options.engine, "run_witnesses": options.run_witnesses,
            "seed": options.seed, "figures": options.figures}


def _digest(payload: Any) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _allowed_type(obj: Any) -> bool:
    """A class the cache may rebuild: SymPy expressions and their polynomial domains and
    matrices, numpy's arrays and dtypes, and optiproof's own data classes (dataclasses,
    enumerations, pydantic models, text and SymPy subclasses) -- never a class that does work when built
    (a process pool, a memory map, a file)."""
    import dataclasses
    import enum

    import numpy
    import sympy
    from sympy.external.pythonmpq import PythonMPQ
    from sympy.matrices import MatrixBase
    from sympy.polys.domains.domain import Domain
    from sympy.polys.matrices import DomainMatrix

    if not isinstance(obj, type):
        return False
    module = getattr(obj, "__module__", "") or ""
    if module.startswith("sympy."):
        return issubclass(obj, (sympy.Basic, MatrixBase, Domain, DomainMatrix, PythonMPQ))
    if module == "numpy" or module.startswith("numpy."):
        return obj in (numpy.ndarray, numpy.dtype) or issubclass(obj, (numpy.dtype,
                                                                       numpy.generic))
    if module.startswith("optiproof."):
        from pydantic import BaseModel

        return (dataclasses.is_dataclass(obj)
                or issubclass(obj, (str, enum.Enum, BaseModel, sympy.Basic)))
    return False


def _plain_arguments(value: Any, text_allowed: bool, depth: int = 0) -> bool:
    """True if ``value`` holds only SymPy objects, numbers and containers of them (and text
    where ``text_allowed``): what a SymPy constructor may receive without parsing anything."""
    import sympy
    from sympy.external.pythonmpq import PythonMPQ
    from sympy.polys.domains.domain import Domain

    if depth > 200:
        return False
    if value is None or isinstance(value, (bool, int, float, complex, sympy.Basic, Domain,
                                           PythonMPQ)):
        return True
    if isinstance(value, str):
        return text_allowed
    if isinstance(value, (tuple, list, set, frozenset)):
        return all(_plain_arguments(v, text_allowed, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(_plain_arguments(k, text_allowed, depth + 1)
                   and _plain_arguments(v, text_allowed, depth + 1) for k, v in value.items())
    return False


def _check_call(target: Any, args: Any, kwargs: Any = None) -> None:
    """Refuse to rebuild a SymPy object (or an undefined function) from anything but SymPy
    objects, numbers and, for names and numbers written as text, strings."""
    import copyreg

    import sympy

    if target is copyreg._reconstructor:
        if len(args) != 3 or args[1] not in (object, *_builtin_types()):
            raise pickle.UnpicklingError("copyreg._reconstructor with a disallowed base")
        return
    sympy_target = (target is _REBUILD_UNDEF
                    or (isinstance(target, type) and (target.__module__ or "").startswith("sympy.")))
    if not sympy_target and not (isinstance(target, type) and issubclass(target, sympy.Basic)):
        return
    if target is _REBUILD_UNDEF:
        ok = (len(args) == 2 and isinstance(args[0], str) and isinstance(args[1], dict)
              and all(isinstance(k, str) and not k.startswith("_")
                      and isinstance(v, (bool, type(None))) for k, v in args[1].items()))
    else:
        named = any(c.__name__ in NAMED_ARGUMENT_TYPES and c.__module__.startswith("sympy.")
                    for c in target.__mro__)
        ok = _plain_arguments(args, named) and _plain_arguments(kwargs or {}, named)
    if not ok:
        raise pickle.UnpicklingError(f"{target.__name__} rebuilt from disallowed arguments")


def _builtin_types() -> tuple[type, ...]:
    import builtins

    return tuple(getattr(builtins, name) for name in SAFE_BUILTINS)


try:
    from sympy.core.function import _rebuild_undef as _REBUILD_UNDEF
except ImportError:  # pragma: no cover - another SymPy
    _REBUILD_UNDEF = None


class _SafeUnpickler(pickle._Unpickler):  # type: ignore[name-defined]
    """Admits exactly the types (``_allowed_type``) and reconstructors (``SAFE_FUNCTIONS``) a
    cached solution is made of; no dotted names, no function that parses or evaluates text,
    and SymPy objects only from SymPy objects and numbers (``_check_call``). Anything else
    makes the row unreadable, which is a cache miss."""

    dispatch = dict(pickle._Unpickler.dispatch)  # type: ignore[attr-defined]

    def find_class(self, module: str, name: str) -> Any:
        refused = pickle.UnpicklingError(f"{module}.{name} is not allowed in the result cache")
        if not name.isidentifier() or name.startswith("__"):
            raise refused
        if module == "builtins":
            if name in SAFE_BUILTINS:
                return super().find_class(module, name)
            raise refused
        if (module, name) in SAFE_FUNCTIONS:
            return super().find_class(module, name)
        if not module.startswith(("optiproof.", "sympy.", "numpy.")) and module != "numpy":
            raise refused
        obj = super().find_class(module, name)
        if not _allowed_type(obj):
            raise refused
        return obj

    def load_reduce(self) -> None:
        args = self.stack[-1]
        func = self.stack[-2]
        _check_call(func, args)
        super().load_reduce()

    def load_newobj(self) -> None:
        _check_call(self.stack[-2], self.stack[-1])
        super().load_newobj()

    def load_newobj_ex(self) -> None:
        _check_call(self.stack[-3], self.stack[-2], self.stack[-1])
        super().load_newobj_ex()

    def _refused(self) -> None:
        raise pickle.UnpicklingError("this pickle opcode is not allowed in the result cache")

    dispatch[pickle.REDUCE[0]] = load_reduce
    dispatch[pickle.NEWOBJ[0]] = load_newobj
    dispatch[pickle.NEWOBJ_EX[0]] = load_newobj_ex
    for _code in (pickle.INST, pickle.OBJ, pickle.EXT1, pickle.EXT2, pickle.EXT4,
                  pickle.PERSID, pickle.BINPERSID):
        dispatch[_code[0]] = _refused
    del _code

MAX_FACTS_BYTES = 64_000
"""A part's facts are kept with its solution up to this size (pickled)."""


def _kept_facts(facts: Any) -> Any:
    """A part's facts when the cache can give them back as they are: small, and made only of
    what the safe loader admits (the checker's family hooks read them); else None."""
    if facts is None:
        return None
    try:
        raw = pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)
        if len(raw) > MAX_FACTS_BYTES:
            return None
        _SafeUnpickler(io.BytesIO(raw)).load()
    except Exception:  # noqa: BLE001 - facts it cannot give back are not kept
        return None
    return facts


def _storable(solution: Solution) -> Solution:
    """The solution without its membership tests (functions; the checker derives them again
    for a set-valued answer), with each part's facts when they can be given back."""
    parts = [replace(p, facts=_kept_facts(p.facts),
                     answers=[replace(a, membership=None) for a in p.answers])
             for p in solution.parts]
    return Solution(solution.title, parts, solution.reading, list(solution.not_answered))


@dataclass(frozen=True)
class Entry:
    """A cached result: its key, when its witnesses ran, the exit code it earned and its
    number of parts."""

    key: str
    witnessed_at: str
    exit_code: int
    parts: int


def combined_key(keys: list[str]) -> str:
    """The key of a document rendered from several entries (the demo's report)."""
    return "combined:" + _digest(keys)


class CacheUnavailable(Exception):
    """The cache database cannot be opened or used (its folder is a file, it is a FIFO or a
    folder, it is not a database, the disk refuses it)."""


def _warn(message: str) -> None:
    """One line on stderr, if there is a stderr to write to."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(message + "\n")
            sys.stderr.flush()
    except (OSError, ValueError):
        pass


class ResultCache:
    """The SQLite result cache at ``path`` (the user cache folder by default). A cache that
    cannot be opened or read is not an error: the run goes on without it, after one warning
    line, and every look-up is a miss."""

    def __init__(self, path: Path | None = None):
        self._versions: dict[str, str] | None = None
        self.unavailable: str | None = None
        if path is None:
            try:
                path = default_path()
            except (RuntimeError, KeyError, OSError):  # no home folder to find
                path = Path(os.devnull) / "optiproof" / "results.sqlite3"
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            mode = os.lstat(self.path).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and not stat.S_ISREG(mode):
            raise CacheUnavailable("it is not a regular file")
        connection = sqlite3.connect(self.path, timeout=30.0)
        try:
            for attempt in range(SETUP_TRIES):
                try:   # switching the journal mode can be refused at once, busy timeout or not
                    if connection.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                        connection.execute("PRAGMA journal_mode=WAL")
                    connection.executescript(SCHEMA)
                    break
                except sqlite3.OperationalError as err:
                    if "locked" not in str(err) or attempt == SETUP_TRIES - 1:
                        raise
                    time.sleep(0.05 * (attempt + 1))
            os.chmod(self.path, 0o600)
        except BaseException:
            connection.close()
            raise
        return connection

    def _use(self, work: Callable[[sqlite3.Connection], Any], default: Any = None) -> Any:
        """``work(db)`` on an open database, or ``default`` (after one warning) when the cache
        cannot be used."""
        if self.unavailable is not None:
            return default
        try:
            with closing(self._connect()) as db:
                return work(db)
        except (CacheUnavailable, sqlite3.Error, OSError, ValueError) as err:
            reason = (err.strerror if isinstance(err, OSError) and err.strerror else str(err))
            self.unavailable = " ".join(reason.split())[:200] or type(err).__name__
            _warn(f"warning: the result cache {self.path} cannot be used "
                  f"({self.unavailable}); running without it")
            return default
    @property
    def versions(self) -> dict[str, str]:
        if self._versions is None:
            self._versions = versions()
        return self._versions

    def key(self, problem: Any, options: SolveOptions, reading: Any = None) -> str:
        """The key of a problem (its normalised spec, and the reading of the text it came from,
        which the answer shows) solved with ``options``."""
        return _digest({"spec": problem.model_dump(mode="json"), "reading": reading,
                        "options": _options(options), "versions": self.versions})

    def alias(self, raw: bytes, kind: str, options: SolveOptions) -> str:
        """The digest of a problem file's bytes and kind (its suffix) with ``options``: a
        shortcut to its key."""
        return _digest({"input": hashlib.sha256(raw).hexdigest(), "kind": kind,
                        "options": _options(options), "versions": self.versions})

    def entry(self, key: str) -> Entry | None:
        """The entry of ``key``, if cached."""
        row = self._use(lambda db: db.execute("SELECT witnessed_at, exit_code, parts FROM "
                                              "solutions WHERE key = ?", (key,)).fetchone())
        return None if row is None else Entry(key, *row)

    def entry_of_alias(self, alias: str) -> Entry | None:
        """The entry an input alias leads to, if cached."""
        row = self._use(lambda db: db.execute(
            "SELECT s.key, s.witnessed_at, s.exit_code, s.parts FROM inputs i "
            "JOIN solutions s ON s.key = i.key WHERE i.digest = ?", (alias,)).fetchone())
        return None if row is None else Entry(*row)

    def solution(self, key: str) -> Solution | None:
        """The cached solution of ``key`` (None if absent or unreadable)."""
        row = self._use(lambda db: db.execute("SELECT solution FROM solutions WHERE key = ?",
                                              (key,)).fetchone())
        if row is None:
            return None
        try:
            loaded = _SafeUnpickler(io.BytesIO(row[0])).load()
        except Exception:  # noqa: BLE001 - a stale, foreign or poisoned entry is a miss
            return None
        return loaded if isinstance(loaded, Solution) else None

    def rendering(self, key: str, fmt: str) -> str | None:
        """The document of ``key`` rendered as ``fmt``, if cached."""
        row = self._use(lambda db: db.execute("SELECT text FROM renderings WHERE key = ? AND "
                                              "format = ?", (key, fmt)).fetchone())
        return None if row is None else row[0]

    def put(self, key: str, solution: Solution, alias: str | None = None) -> Entry | None:
        """Store a solved problem now (the time its witnesses ran); None if it cannot be
        stored (a part's data does not pickle)."""
        try:
            blob = pickle.dumps(_storable(solution), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - not cacheable, not an error
            return None
        entry = Entry(key, datetime.now(timezone.utc).isoformat(timespec="seconds"),
                      solution.exit_code, len(solution.parts))
        def store(db: sqlite3.Connection) -> Entry:
            with db:
                db.execute("INSERT OR REPLACE INTO solutions VALUES (?, ?, ?, ?, ?)",
                           (key, entry.witnessed_at, entry.exit_code, entry.parts, blob))
                db.execute("DELETE FROM renderings WHERE key = ?", (key,))
                if alias is not None:
                    db.execute("INSERT OR REPLACE INTO inputs VALUES (?, ?)", (alias, key))
            return entry

        return self._use(store)

    def put_alias(self, alias: str, key: str) -> None:
        """Let an input alias lead to ``key``."""
        def store(db: sqlite3.Connection) -> None:
            with db:
                db.execute("INSERT OR REPLACE INTO inputs VALUES (?, ?)", (alias, key))

        self._use(store)

    def put_rendering(self, key: str, fmt: str, text: str) -> None:
        """Keep the document of ``key`` rendered as ``fmt``."""
        def store(db: sqlite3.Connection) -> None:
            with db:
                db.execute("INSERT OR REPLACE INTO renderings VALUES (?, ?, ?)",
                           (key, fmt, text))

        self._use(store)

    def repair(self) -> str | None:
        """Open the cache; a file that is not a sound database is deleted and the cache rebuilt
        empty. What was done, or None when the cache was sound."""
        try:
            with closing(self._connect()) as db:
                verdict = db.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as err:
            verdict = str(err)
        if verdict == "ok":
            return None
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        with closing(self._connect()):
            pass
        return f"the result cache {self.path} was unreadable ({verdict}); rebuilt it empty"

    def clear(self) -> int:
        """Delete every entry; the number of solutions deleted (0, after a warning, when the
        cache cannot be used)."""
        try:
            os.lstat(self.path)
        except OSError:
            return 0

        def delete(db: sqlite3.Connection) -> int:
            with db:
                count = db.execute("SELECT COUNT(*) FROM solutions").fetchone()[0]
                db.executescript("DELETE FROM solutions; DELETE FROM renderings; "
                                 "DELETE FROM inputs;")
            return int(count)

        return int(self._use(delete, 0))
