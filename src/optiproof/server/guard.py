"""The server's outer layer (plain ASGI): security headers on every response, request bodies
bounded (HTTP 413), posts from other sites refused (HTTP 403), and, on loopback, requests for
other host names refused (HTTP 400, against DNS rebinding)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
"""No inline script or style anywhere; nothing from another origin."""
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
)
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


def _json(status: int, error: str, message: str) -> tuple[int, bytes]:
    return status, json.dumps({"error": error, "message": message}).encode()


def _host_name(value: str) -> str:
    """The host name of a ``Host`` header (``[::1]:8000`` -> ``::1``)."""
    return (urlsplit(f"//{value}").hostname or "").lower()


class Guard:
    """Wraps the app: headers, the body limit, and the origin and host checks."""

    def __init__(self, app: ASGIApp, max_body_bytes: int, loopback_only: bool):
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.loopback_only = loopback_only

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            await _respond(send, *refusal)
            return
        if scope["method"] == "POST":
            body = await self._body(receive)
            if body is None:
                await _respond(send, *self._too_large())
                return
            receive = _replay(body, receive)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _body(self, receive: Receive) -> bytes | None:
        """The whole request body, or None once it passes the limit."""
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b""
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_body_bytes:
                return None
            if not message.get("more_body"):
                return b"".join(chunks)

    def _too_large(self) -> tuple[int, bytes]:
        return _json(413, "too large", f"the request body is larger than "
                                       f"{self.max_body_bytes // 1_000_000} MB")

    def _refusal(self, scope: Scope) -> tuple[int, bytes] | None:
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if self.loopback_only and _host_name(host) not in LOOPBACK_NAMES:
            return _json(400, "bad host", "this server answers requests for 127.0.0.1, "
                                          "localhost or [::1] only")
        if scope["method"] == "POST":
            origin = headers.get("origin")
            if origin is not None and urlsplit(origin).netloc.lower() != host.lower():
                return _json(403, "other origin", "posts from another site are refused")
            length = headers.get("content-length", "0")
            if not length.isdigit():
                return _json(400, "bad request", "the Content-Length header is not a number")
            if int(length) > self.max_body_bytes:
                return self._too_large()
        return None


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the body already read, then waits on the connection."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed


async def _respond(send: Send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()), *HEADERS]})
    await send({"type": "http.response.body", "body": body})
