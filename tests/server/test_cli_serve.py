"""``optiproof serve`` on the command line: a busy port is bad input with what to do, and an
address other than loopback is served with a warning."""

from __future__ import annotations

import socket

from typer.testing import CliRunner

from optiproof.cli import app
from optiproof.server import run
from optiproof.server.settings import ServerSettings


def test_a_busy_port_is_bad_input_naming_the_option():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--port", str(port), "--no-cache"])
    assert result.exit_code == 2
    assert "--port" in result.output and "cannot listen" in result.output
    assert "Traceback" not in result.output


def test_another_address_than_loopback_is_served_with_a_warning(monkeypatch, capsys):
    served = []
    monkeypatch.setattr(run, "_check_free", lambda settings: None)
    monkeypatch.setattr("uvicorn.run", lambda app, **kwargs: served.append(kwargs))
    assert run.serve(ServerSettings(host="0.0.0.0", port=8123)) == 0
    err = capsys.readouterr().err
    assert "warning: listening on 0.0.0.0" in err and "http://127.0.0.1:8123/" in err
    assert served == [{"host": "0.0.0.0", "port": 8123, "log_level": "warning",
                       "access_log": False, "timeout_graceful_shutdown": 5}]
    run.serve(ServerSettings(port=8124))
    err = capsys.readouterr().err
    assert "warning" not in err and "http://127.0.0.1:8124/" in err
    assert served[-1]["host"] == "127.0.0.1"
