"""The HTML page in a real headless browser: every formula becomes MathML, nothing is broken."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from optiproof.core.solution import Solution
from optiproof.rendering.html import HtmlWriter, render_html

pytestmark = pytest.mark.slow

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


def _chromium() -> str | None:
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def browser() -> str:
    exe = _chromium()
    if exe is None:
        pytest.skip("chromium not installed: no /usr/bin/chromium and no chromium on PATH "
                    "(apt-get install -y chromium to run this test)")
    return exe


def _chromium_run(exe: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=60)


def test_browser_renders_every_formula(browser: str, tmp_path: Path,
                                       mixed_solution: Solution) -> None:
    page = tmp_path / "solution.html"
    page.write_text(render_html(mixed_solution), encoding="utf-8")
    writer = HtmlWriter()
    writer.solution(mixed_solution)

    proc = _chromium_run(browser, tmp_path, "--dump-dom", page.as_uri())
    dom = proc.stdout
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert dom.count("<math") == len(writer.formulas) > 50
    assert "$$" not in dom
    assert re.search(r"\$[^$<>]+\$", dom) is None  # no inline math left as $...$ source
    assert "Prices in $ are irrelevant." in dom  # an escaped \$ stays a literal dollar
    assert "katex-error" not in dom and 'class="math-error"' not in dom
    assert "<script" not in dom.lower()
    assert dom.count("NOT VERIFIED") >= 3


def test_browser_screenshot_is_not_blank(browser: str, tmp_path: Path,
                                         mixed_solution: Solution) -> None:
    page = tmp_path / "solution.html"
    page.write_text(render_html(mixed_solution), encoding="utf-8")
    shot = tmp_path / "shot.png"
    proc = _chromium_run(browser, tmp_path, f"--screenshot={shot}", "--window-size=1000,1600",
                         page.as_uri())
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 5000
