"""What the server's pool workers run: reading, solving and checking one request, under the
worker's memory limit, with the result cache. Each job answers with an :class:`Outcome` (an HTTP
status and a JSON body); errors the user can fix are outcomes too (422), never tracebacks.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from optiproof.core.errors import BadInput, NotRecognised

VIEWS = ("html", "markdown")
"""Documents a solve request may ask for besides the JSON contract."""
CACHED_HTML = "html-part"
"""The cache's name for the report fragment the solve page shows."""
PASTED = ".txt"
"""The kind of a pasted problem in the cache's input aliases: it is read as a .txt file is."""


@dataclass(frozen=True)
class Outcome:
    """A job's answer: the HTTP status and the JSON body; ``cached`` when the solution came
    from the result cache."""

    status: int
    body: dict[str, Any]
    cached: bool = False


@dataclass(frozen=True)
class JobLimits:
    """What a job needs to know of the server: the worker's memory limit and the cache file."""

    memory_bytes: int | None
    cache: str | None


def warm() -> None:
    """Import what reading, solving, rendering and checking need, ahead of the first job: read
    every bundled problem text into its form (the reader's patterns compiled and its caches
    filled before a job's memory limit applies), and draw a formula."""
    from optiproof.checking import check_answer  # noqa: F401
    from optiproof.core.errors import BadInput
    from optiproof.loading import bundled_problems
    from optiproof.pipeline import solve_problem  # noqa: F401
    from optiproof.reading import ReadingIncomplete, read_report
    from optiproof.rendering.latexcheck import render_math
    from optiproof.runtime.cache import ResultCache  # noqa: F401
    from optiproof.server.form import reading_form

    texts = [text for name, text in bundled_problems() if name.endswith((".txt", ".md"))]
    for text in ["Let g = [1, 2] and alpha = 1. Find u = argmin_d g^T d + (1/alpha) ||d||_2^2.",
                 *texts]:
        reading = read_report(text)
        reading_form(reading)
        try:
            reading.to_problem()
        except (ReadingIncomplete, BadInput):  # a warm-up only: what it read is compiled
            pass
    render_math(r"\alpha", False)


def _limit_memory(limit: int | None) -> None:
    """Cap this worker's address space (a job past it raises MemoryError)."""
    if limit is None:
        return
    try:
        import resource
    except ImportError:  # not on this platform: the time limit still holds
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard < 0 else min(limit, hard), hard))


def run(name: str, request: dict[str, Any], limits: JobLimits) -> Outcome:
    """Run the job called ``name`` (``read``, ``solve``, ``check``) under the memory limit;
    what the user can fix becomes a 422 outcome."""
    from optiproof.reading import ReadingIncomplete, ReadingInvalid

    _limit_memory(limits.memory_bytes)
    try:
        return JOBS[name](request, limits)
    except (ReadingIncomplete, ReadingInvalid) as err:
        from optiproof.server.form import reading_form

        kind = "not read" if isinstance(err, ReadingIncomplete) else "bad input"
        return Outcome(422, {"error": kind, "message": str(err),
                             "not_read": err.reading.unread(),
                             "form": reading_form(err.reading)})
    except BadInput as err:
        return Outcome(422, {"error": "bad input", "message": str(err), "field": err.field,
                             "expected": err.expected})
    except NotRecognised as err:
        return Outcome(422, {"error": "not recognised", "message": str(err)})
    except (ImportError, OSError) as err:
        if limits.memory_bytes is None or not _out_of_memory(err):
            raise
        raise MemoryError(str(err)) from None


def _out_of_memory(err: Exception) -> bool:
    """True for a failure that only the memory limit causes (a library that cannot be mapped,
    an allocation the system refused)."""
    return getattr(err, "errno", None) == errno.ENOMEM or "failed to map segment" in str(err)


def _cache(limits: JobLimits) -> Any:
    """The result cache the server uses, or None."""
    return None if limits.cache is None else _cache_at(limits.cache)


@lru_cache(maxsize=4)
def _cache_at(path: str) -> Any:
    """One cache object per file in a worker (it keeps the versions it keys by)."""
    from optiproof.runtime.cache import ResultCache

    return ResultCache(Path(path))


def read(request: dict[str, Any], limits: JobLimits) -> Outcome:
    """What was read from a problem text, with the editable form of it."""
    from optiproof import loading
    from optiproof.reading import read_report
    from optiproof.server.form import reading_form

    text = request["problem"]
    if loading.looks_like_spec(text):
        problem = loading.load_problem_text(text, source="problem")
        return Outcome(200, {"spec": True, "complete": True,
                             "parts": [p.label for p in problem.parts]})
    reading = read_report(text)
    return Outcome(200, {"spec": False, "complete": reading.complete,
                         "reading": reading.to_dict(), "form": reading_form(reading)})


def solve_options(request: dict[str, Any]) -> Any:
    """The solve options a request stands for: figures only when a document is asked."""
    from optiproof.core.options import SolveOptions

    return SolveOptions(run_witnesses=request.get("witnesses", True),
                        figures=bool(request.get("views")))


def _problem(request: dict[str, Any]) -> tuple[Any, Any]:
    """(Problem, Reading or None) of a request: its problem text, spec or filled form."""
    from optiproof import loading
    from optiproof.families.problem import make_problem

    if request.get("form") is not None:
        from optiproof.server.form import spec_from_form

        return make_problem(spec_from_form(request["form"])), None
    if request.get("spec") is not None:
        return make_problem(request["spec"]), None
    return loading.problem_and_reading(request["problem"], "problem",
                                       partial=not request.get("whole", False))


def solved(request: dict[str, Any], limits: JobLimits) -> tuple[Any, Any]:
    """(Solved, cache) of a request: from the cache by its text or spec, else solved now; a
    cache that fails (a broken file, no memory left for it) is left out."""
    import sqlite3

    cache = _cache(limits)
    try:
        return _solved_with(cache, request), cache
    except sqlite3.Error:
        if cache is None:
            raise
        return _solved_with(None, request), None


def _solved_with(cache: Any, request: dict[str, Any]) -> Any:
    from optiproof.pipeline import Solved, solve_cached

    options = solve_options(request)
    alias = cache.alias(request["problem"].encode(), PASTED, options) \
        if cache is not None and request.get("problem") else None
    hit = cache.entry_of_alias(alias) if alias is not None else None
    solution = cache.solution(hit.key) if hit is not None else None
    if solution is not None and not (request.get("whole") and solution.not_answered):
        return Solved(solution, hit.key, hit)
    problem, reading = _problem(request)
    return solve_cached(problem, options, cache, alias, reading,
                        partial=not request.get("whole", False))


def documents(solution: Any, views: list[str]) -> dict[str, str]:
    """The documents of a solution a request asked for: the report fragment, the Markdown."""
    from optiproof.rendering.html import HtmlWriter

    out = {}
    if "html" in views:
        out["html"] = HtmlWriter(open_details=False, copy_latex=True).solution(solution)
    if "markdown" in views:
        out["markdown"] = solution.to_markdown()
    return out


def solve(request: dict[str, Any], limits: JobLimits) -> Outcome:
    """The JSON contract of a solved problem (and the documents asked for in ``views``)."""
    done, cache = solved(request, limits)
    views = [v for v in VIEWS if v in request.get("views", [])]
    body = done.solution.to_dict()
    if done.cached is not None:
        body["cached"] = {"witnesses_ran_at": done.cached.witnessed_at}
    stored = _stored(cache, done.key, views)
    fresh = documents(done.solution, [v for v in views if stored.get(v) is None])
    _store(cache, done.key, {"json": done.solution.to_json() + "\n", **fresh})
    if views:
        body["views"] = {v: stored.get(v) or fresh[v] for v in views}
    return Outcome(200, body, cached=done.cached is not None)


def _stored(cache: Any, key: str | None, views: list[str]) -> dict[str, str | None]:
    """The documents of ``key`` the cache holds (none when it has no entry or fails)."""
    import sqlite3

    if cache is None or key is None:
        return {}
    try:
        return {v: cache.rendering(key, stored_name(v)) for v in views}
    except sqlite3.Error:
        return {}


def _store(cache: Any, key: str | None, documents: dict[str, str]) -> None:
    """Keep documents of ``key`` in the cache, if it has the entry and works."""
    import sqlite3

    if cache is None or key is None:
        return
    try:
        for view, text in documents.items():
            cache.put_rendering(key, stored_name(view), text)
    except sqlite3.Error:
        return


def stored_name(view: str) -> str:
    """The cache's format name of a document (``md`` and ``json`` are the command line's
    too)."""
    return {"html": CACHED_HTML, "markdown": "md", "json": "json"}[view]


def check(request: dict[str, Any], limits: JobLimits) -> Outcome:
    """Every answer document graded against the verified solution of the problem."""
    from optiproof.checking import check_answer, decode_answer
    from optiproof.checking.report import render_html_body

    problem_request = {"problem": request.get("problem"), "spec": request.get("spec"),
                       "witnesses": True, "whole": True}
    done, _ = solved(problem_request, limits)
    reports = []
    for answer in request["answers"]:
        name = answer.get("name") or "answer"
        text = decode_answer(answer["data"], name)
        report = check_answer(done.solution, text, reveal=request.get("reveal", False),
                              source=name)
        entry = {"source": name, **report.to_dict()}
        if "html" in request.get("views", []):
            entry["html"] = render_html_body(report)
        reports.append(entry)
    return Outcome(200, {"title": done.solution.title, "reports": reports},
                   cached=done.cached is not None)


JOBS: dict[str, Callable[[dict[str, Any], JobLimits], Outcome]] = {
    "read": read, "solve": solve, "check": check}
"""The jobs by name: the pool is sent a name and plain data."""
