"""The ASGI app: the pages, the JSON API and the OpenAPI docs.

Reading, solving and checking are jobs of the worker pool (``runtime.pool``), awaited without
blocking the event loop; a job past the time limit is answered 504 and its worker replaced, as is
one past the memory limit; a worker that dies fails its request with a 500 and is replaced. A
solve whose text and options are in the result cache is answered here, without the pool.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from optiproof.core.limits import LIMITS
from optiproof.server import jobs, pages
from optiproof.server.guard import LOOPBACK_NAMES, Guard
from optiproof.server.settings import MAX_ANSWER_FILES, ServerSettings

ProblemText = Annotated[str | None, Field(max_length=LIMITS.max_text_bytes, description=(
    "Problem text (clean, Markdown, LaTeX or copied out of a PDF) or a YAML/JSON spec."))]
Views = Annotated[list[Literal["html", "markdown"]], Field(max_length=2, description=(
    "Documents wanted besides the JSON: the report as an HTML fragment, the Markdown."))]


class ReadRequest(BaseModel):
    """A problem text to read."""

    problem: Annotated[str, Field(min_length=1, max_length=LIMITS.max_text_bytes)]


class SolveRequest(BaseModel):
    """One of ``problem``, ``spec`` or ``form`` (the filled form of ``/api/read``)."""

    problem: ProblemText = None
    spec: dict[str, Any] | None = None
    form: dict[str, Any] | None = None
    witnesses: bool = True
    views: Views = []
    whole: bool = False
    """Refuse a problem text unless every part is read (by default the parts read are
    answered and the others listed under ``not_answered``)."""


class AnswerText(BaseModel):
    """An answer document: its name (shown in the report) and its text."""

    name: Annotated[str, Field(max_length=200)] = "answer"
    text: str


class CheckRequest(BaseModel):
    """The problem (text, spec or a bundled problem's file name) and the answers."""

    problem: ProblemText = None
    spec: dict[str, Any] | None = None
    bundled: str | None = None
    answers: Annotated[list[AnswerText], Field(min_length=1, max_length=MAX_ANSWER_FILES)]
    reveal: bool = False
    views: Views = []


@dataclass
class ServerState:
    """The pool, the cache, the counters the health endpoint reports, the upload folder."""

    settings: ServerSettings
    pool: Any = None
    cache: Any = None
    cache_note: str | None = None
    uploads: Path | None = None
    bundled: dict[str, str] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)

    @property
    def limits(self) -> jobs.JobLimits:
        cache = str(self.settings.cache) if self.settings.cache is not None else None
        return jobs.JobLimits(self.settings.memory_limit_bytes, cache)


def _error(status: int, error: str, message: str, **extra: Any) -> JSONResponse:
    """An error answer: what kind of error, the message for a person, and details."""
    return JSONResponse({"error": error, "message": message, **extra}, status_code=status)


def _start(state: ServerState) -> None:
    """Open (or rebuild) the cache, make the upload folder, start the pool."""
    from optiproof import loading
    from optiproof.runtime.pool import WorkerPool
    from optiproof.witnesses.torch_start import START_TORCH

    if state.settings.cache is not None:
        from optiproof.runtime.cache import ResultCache

        state.cache = ResultCache(state.settings.cache)
        state.cache_note = state.cache.repair()
        if state.cache_note:
            print(f"optiproof serve: {state.cache_note}", file=sys.stderr, flush=True)
    state.uploads = Path(tempfile.mkdtemp(prefix="optiproof-serve-"))
    tempfile.tempdir = str(state.uploads)
    state.bundled = dict(loading.bundled_problems())
    state.pool = WorkerPool(state.settings.workers, (f"{jobs.__name__}:warm", START_TORCH))


def _stop(state: ServerState) -> None:
    """End the workers and remove the upload folder."""
    import shutil

    state.pool.kill()
    tempfile.tempdir = None
    if state.uploads is not None:
        shutil.rmtree(state.uploads, ignore_errors=True)


async def _run_job(state: ServerState, name: str, request: dict[str, Any]) -> JSONResponse:
    """A job of the pool, awaited; its outcome, or the limit or failure that ended it."""
    from optiproof.runtime.pool import JobOutOfMemory, JobTimeout, WorkerDied

    state.counts[f"{name} requests"] += 1
    future = state.pool.submit(jobs.run, name, request, state.limits,
                               timeout_s=state.settings.time_limit_s)
    try:
        outcome = await asyncio.wrap_future(future)
    except JobTimeout:
        state.counts["timeouts"] += 1
        return _error(504, "time limit", f"the {name} request ran past its "
                      f"{state.settings.time_limit_s:g} s time limit; its worker was stopped "
                      "and replaced")
    except JobOutOfMemory:
        state.counts["out of memory"] += 1
        return _error(504, "memory limit", f"the {name} request ran past its "
                      f"{state.settings.memory_limit_mb} MB memory limit; its worker was "
                      "replaced")
    except WorkerDied as err:
        state.counts["worker deaths"] += 1
        return _error(500, "worker died", f"the worker running this {name} request ended "
                      f"unexpectedly ({err}); it was replaced, and the request can be sent "
                      "again")
    except Exception as err:  # noqa: BLE001 - one request's failure, reported, not raised
        state.counts["internal errors"] += 1
        one_line = " ".join(f"{type(err).__name__}: {err}".split())[:500]
        return _error(500, "internal error", one_line)
    if name in ("solve", "check") and outcome.status == 200:
        state.counts["cache hits" if outcome.cached else "cache misses"] += 1
    return JSONResponse(outcome.body, status_code=outcome.status)


def _cached_solve(state: ServerState, request: dict[str, Any]) -> dict[str, Any] | None:
    """The body of a solve answered from the cache by its text (every document stored), or
    None; reads SQLite, so it runs in a thread."""
    import json

    cache = state.cache
    if cache is None or not request.get("problem"):
        return None
    alias = cache.alias(request["problem"].encode(), jobs.PASTED, jobs.solve_options(request))
    hit = cache.entry_of_alias(alias)
    contract = cache.rendering(hit.key, "json") if hit is not None else None
    if contract is None:
        return None
    body = json.loads(contract)
    if request.get("whole") and body.get("not_answered"):
        return None
    views = {v: cache.rendering(hit.key, jobs.stored_name(v)) for v in request["views"]}
    if any(text is None for text in views.values()):
        return None
    body["cached"] = {"witnesses_ran_at": hit.witnessed_at}
    if views:
        body["views"] = views
    return body


def _one_problem(request: dict[str, Any], names: tuple[str, ...]) -> JSONResponse | None:
    """None when exactly one of ``names`` is given, else the 422 that says so."""
    given = [n for n in names if request.get(n) not in (None, "")]
    if len(given) == 1:
        return None
    return _error(422, "bad input", f"give exactly one of {', '.join(names)}"
                  + (f" (got {', '.join(given)})" if given else ""), field=names[0])


async def _check_payload(state: ServerState, request: Request) -> dict[str, Any] | JSONResponse:
    """The check request as plain data, from JSON or from a multipart form with files."""
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await request.form(max_files=MAX_ANSWER_FILES, max_fields=20)
        answers = []
        if str(form.get("answer") or "").strip():
            answers.append({"name": "pasted answer", "data": str(form["answer"]).encode()})
        for upload in form.getlist("files"):
            if isinstance(upload, UploadFile) and upload.filename:
                data = await upload.read(state.settings.max_body_bytes)
                answers.append({"name": Path(upload.filename).name[:200], "data": data})
        payload: dict[str, Any] = {
            "problem": str(form.get("problem") or "") or None,
            "bundled": str(form.get("bundled") or "") or None,
            "reveal": str(form.get("reveal") or "").lower() in ("true", "on", "1"),
            "views": [str(v) for v in form.getlist("views") if v in jobs.VIEWS],
            "answers": answers}
    else:
        try:
            parsed = CheckRequest.model_validate_json(await request.body())
        except ValueError as err:
            return _validation_error(err)
        payload = parsed.model_dump()
        payload["answers"] = [{"name": a["name"], "data": a["text"].encode()}
                              for a in payload["answers"]]
    if not payload["answers"]:
        return _error(422, "bad input", "no answer given: paste one or upload answer files",
                      field="answers")
    if len(payload["answers"]) > MAX_ANSWER_FILES:
        return _error(422, "bad input", f"{len(payload['answers'])} answers; at most "
                      f"{MAX_ANSWER_FILES} per request", field="answers")
    if payload.get("bundled"):
        if payload.get("problem") or payload.get("spec"):
            return _error(422, "bad input", "choose a bundled problem or give one, not both",
                          field="bundled")
        if payload["bundled"] not in state.bundled:
            return _error(422, "bad input", f"no bundled problem named {payload['bundled']!r}",
                          field="bundled", expected=", ".join(state.bundled))
        payload["problem"] = state.bundled[payload.pop("bundled")]
    return _one_problem(payload, ("problem", "spec")) or payload


def _validation_error(err: Any) -> JSONResponse:
    """A request that does not fit its schema: the first error, with its field."""
    errors = err.errors() if hasattr(err, "errors") else []
    if not errors:
        return _error(422, "bad input", str(err))
    first = errors[0]
    if first.get("type") == "json_invalid":
        why = (first.get("ctx") or {}).get("error")
        return _error(422, "bad input", "the request body is not JSON"
                      + (f" ({why})" if why else ""), field="body")
    where = ".".join(str(x) for x in first.get("loc", ()) if x != "body")
    return _error(422, "bad input", f"{where or 'body'}: {first.get('msg', 'invalid')}",
                  field=where or None)


def create_app(settings: ServerSettings) -> Guard:
    """The server's ASGI app, in the guard of :mod:`optiproof.server.guard` (``.app`` is the
    FastAPI app)."""
    state = ServerState(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        _start(state)
        try:
            yield
        finally:
            _stop(state)

    app = FastAPI(title="optiproof", version=_version(), lifespan=lifespan, docs_url=None,
                  redoc_url=None, openapi_url="/openapi.json",
                  description="Solve, explain and check theory problems about deep-learning "
                              "optimization: every answer exact and independently verified.")
    app.state.server = state

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError) -> JSONResponse:
        return _validation_error(err)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, err: HTTPException) -> JSONResponse:
        return _error(err.status_code, HTTPStatus(err.status_code).phrase.lower(),
                      str(err.detail))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def solve_page() -> str:
        return pages.solve_page()

    @app.get("/check", response_class=HTMLResponse, include_in_schema=False)
    async def check_page() -> str:
        return pages.check_page(list(state.bundled))

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    async def docs_page() -> str:
        return pages.docs_page()

    @app.get("/static/report.css", include_in_schema=False)
    async def report_css() -> Response:
        from optiproof.rendering.html import CSS

        return Response(CSS, media_type="text/css")

    @app.get("/api/health", summary="Whether the server is up; its pool, cache and counters")
    async def health() -> dict[str, Any]:
        return {"status": "ok", "version": _version(), "workers": settings.workers,
                "time_limit_s": settings.time_limit_s,
                "memory_limit_mb": settings.memory_limit_mb,
                "cache": {"path": str(settings.cache) if settings.cache else None,
                          "note": state.cache_note},
                "counts": dict(state.counts)}

    @app.get("/api/schema", summary="The JSON Schema of spec files (as `optiproof schema`)")
    async def schema() -> dict[str, Any]:
        from optiproof.families.problem import problem_json_schema

        return problem_json_schema()

    @app.post("/api/read", summary="What was read from a problem text, as an editable form")
    async def read(body: ReadRequest) -> JSONResponse:
        return await _run_job(state, "read", body.model_dump())

    @app.post("/api/solve", summary="Solve and verify: the JSON contract of `optiproof solve "
                                    "--format json`")
    async def solve(body: SolveRequest) -> JSONResponse:
        request = body.model_dump()
        refused = _one_problem(request, ("problem", "spec", "form"))
        if refused is not None:
            return refused
        from starlette.concurrency import run_in_threadpool

        cached = await run_in_threadpool(_cached_solve, state, request)
        if cached is not None:
            state.counts["solve requests"] += 1
            state.counts["cache hits"] += 1
            return JSONResponse(cached)
        return await _run_job(state, "solve", request)

    @app.post("/api/check", summary="Grade answer documents against the verified solution",
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": CheckRequest.model_json_schema()},
                  "multipart/form-data": {"schema": {"type": "object", "properties": {
                      "problem": {"type": "string"}, "bundled": {"type": "string"},
                      "answer": {"type": "string"}, "reveal": {"type": "boolean"},
                      "files": {"type": "array", "items": {"type": "string",
                                                           "format": "binary"}}}}}}}})
    async def check(request: Request) -> JSONResponse:
        payload = await _check_payload(state, request)
        if isinstance(payload, JSONResponse):
            return payload
        return await _run_job(state, "check", payload)

    static = resources.files("optiproof.server") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    swagger = resources.files("fastapi_offline") / "static"
    app.mount("/docs/assets", StaticFiles(directory=str(swagger)), name="docs-assets")

    loopback = settings.host in LOOPBACK_NAMES
    return Guard(app, settings.max_body_bytes, loopback_only=loopback)


def _version() -> str:
    """optiproof's installed version."""
    from importlib import metadata

    return metadata.version("optiproof")
