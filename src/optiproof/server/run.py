"""Running the server: check the address, say where the pages are, serve until interrupted."""

from __future__ import annotations

import socket
import sys

from optiproof.core.errors import BadInput
from optiproof.server.guard import LOOPBACK_NAMES
from optiproof.server.settings import ServerSettings


def url_of(settings: ServerSettings) -> str:
    """The address to open in a browser (on this machine: loopback, for a server listening on
    every address)."""
    host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(settings.host, settings.host)
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{settings.port}/"


def _check_free(settings: ServerSettings) -> None:
    """Refuse, with what to do, an address that cannot be listened on."""
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((settings.host, settings.port))
        except OSError as err:
            raise BadInput(f"cannot listen on {settings.host}:{settings.port}: {err.strerror}",
                           field="--port", expected="a free port (e.g. --port "
                                                    f"{settings.port + 1}) on an address of "
                                                    "this machine") from None


def serve(settings: ServerSettings) -> int:
    """Serve the pages and the API until interrupted (Ctrl-C); the exit code."""
    import uvicorn

    from optiproof.server.app import create_app

    _check_free(settings)
    url = url_of(settings)
    if settings.host not in LOOPBACK_NAMES:
        print(f"warning: listening on {settings.host}, so other machines can reach this "
              "server; it has no authentication (use --host 127.0.0.1 to keep it local)",
              file=sys.stderr)
    print(f"optiproof serve: the solve page is at {url} (check: {url}check, API docs: "
          f"{url}docs); {settings.workers} worker(s), {settings.time_limit_s:g} s and "
          f"{settings.memory_limit_mb} MB per request, cache: {settings.cache or 'off'}; "
          "Ctrl-C stops it", file=sys.stderr, flush=True)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port,
                log_level="warning", access_log=False, timeout_graceful_shutdown=5)
    return 0
