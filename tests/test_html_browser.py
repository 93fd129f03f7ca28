"""The reports in a real browser (Chromium driven by Playwright): what a reader sees has no LaTeX
source, every formula is drawn, nothing is wider than the window, and every link of the
contents lands on its section. Full-page screenshots are kept in ``test-artifacts/browser``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from optiproof.core.solution import Solution

pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "browser"
VIEWPORTS = [(1280, 900), (820, 1000)]
LATEX_IN_TEXT = re.compile(r"\\(?:frac|left|right|begin|end|sqrt|mathbb|alpha|theta|hat|Vert"
                           r"|text|operatorname)\b|\$\$")
ROOT = Path(__file__).resolve().parents[1]


WIDE_ELEMENTS = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > width + 1 || r.left < -1))
      out.push(`${el.tagName}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  return out;
}"""

UNDRAWN_FORMULAS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('.katex')) {
    const math = el.querySelector('math');
    const r = math ? math.getBoundingClientRect() : null;
    if (!math || r.width <= 0 || r.height <= 0) out.push(el.textContent.slice(0, 80));
  }
  return out.concat([...document.querySelectorAll('.math-error, .katex-error')]
                    .map(e => 'error: ' + e.textContent.slice(0, 80)));
}"""


def _open_everything(page: object) -> None:
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


def _assert_reads_well(browser: object, path: Path, name: str) -> object:
    """Open ``path`` at each viewport and assert the page reads well; returns the last page."""
    page = None
    for width, height in VIEWPORTS:
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(path.as_uri())
        text = page.evaluate("document.body.innerText")
        assert not LATEX_IN_TEXT.findall(text), LATEX_IN_TEXT.findall(text)[:10]
        _open_everything(page)
        opened = page.evaluate("document.body.innerText")
        assert not LATEX_IN_TEXT.findall(opened), LATEX_IN_TEXT.findall(opened)[:10]
        count = page.evaluate("document.querySelectorAll('.katex').length")
        assert count > 0 and page.evaluate(UNDRAWN_FORMULAS) == []
        assert page.evaluate(WIDE_ELEMENTS) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        if (width, height) != VIEWPORTS[-1]:
            page.close()
    return page


def _assert_links_land(page: object) -> int:
    """Follow every in-page link: its target exists and is scrolled into view."""
    hrefs = page.evaluate("[...document.querySelectorAll('a[href^=\"#\"]')]"
                          ".map(a => a.getAttribute('href'))")
    for href in dict.fromkeys(hrefs):
        page.evaluate(f"location.hash = {href!r}")
        box = page.evaluate(f"(() => {{ const el = document.getElementById({href[1:]!r});"
                            "return el && [el.getBoundingClientRect().top, innerHeight,"
                            "scrollY + innerHeight >= document.documentElement.scrollHeight - 2];"
                            "})()")
        assert box is not None, f"{href} has no target"
        top, height, at_end = box
        assert abs(top) <= 2 or (at_end and 0 <= top < height), (href, top)
    return len(hrefs)


def test_demo_report_in_browser(browser: object, tmp_path: Path) -> None:
    from optiproof.core.options import SolveOptions
    from optiproof.loading import bundled_problems, problem_and_reading
    from optiproof.pipeline import solve_problem
    from optiproof.rendering.html import FailedProblem, render_html_report

    entries: list[Solution | FailedProblem] = []
    for name, text in bundled_problems():
        problem, reading = problem_and_reading(text, name)
        solution = solve_problem(problem, SolveOptions(run_witnesses=False))
        if reading is not None:
            reading.attach(solution)
        entries.append(solution)
    entries.append(FailedProblem("unreadable.txt", "not recognised: this text names no "
                                 "optimizer, norm or collective that optiproof knows."))
    path = tmp_path / "report.html"
    path.write_text(render_html_report(entries, "optiproof demo"), encoding="utf-8")
    page = _assert_reads_well(browser, path, "demo-report")
    page.goto(path.as_uri())
    contents = page.evaluate("[...document.querySelectorAll('nav.toc a')].map(a => a.href)")
    assert len(contents) == len(entries)  # failures are listed too
    assert page.evaluate("document.querySelectorAll('details[open]').length") == 0
    assert _assert_links_land(page) > len(entries)


def test_solve_report_in_browser(browser: object, tmp_path: Path) -> None:
    import optiproof

    solution = optiproof.solve(ROOT / "src/optiproof/problems/texts/quadratic-dynamics.txt")
    path = tmp_path / "solution.html"
    path.write_text(solution.to_html(), encoding="utf-8")
    page = _assert_reads_well(browser, path, "solve-report")
    page.goto(path.as_uri())
    assert page.evaluate("document.querySelectorAll('details.derivation[open]').length") == 4
    assert _assert_links_land(page) >= 4


def test_check_report_in_browser(browser: object, tmp_path: Path) -> None:
    import optiproof
    from optiproof.checking import check_answer
    from optiproof.checking.report import render

    solution = optiproof.solve(ROOT / "src/optiproof/problems/texts/optimizer-convergence.txt",
                               figures=False)
    answer = ROOT / "tests/checking/corpus/optimizer-convergence/wrong-chat-transcript.md"
    report = check_answer(solution, answer.read_text(encoding="utf-8"), reveal=True,
                          source=answer.name)
    path = tmp_path / "check.html"
    path.write_text(render(report, "html"), encoding="utf-8")
    page = _assert_reads_well(browser, path, "check-report")
    page.goto(path.as_uri())
    assert page.evaluate("document.querySelectorAll('.badge.bad').length") >= 1
    assert page.evaluate("document.querySelectorAll('.hint .katex').length") >= 1
    assert _assert_links_land(page) == len(report.parts) * 2


PARTLY_READ_LATEX = r"""\section*{Penalised steps}
Let $g = (1, -3)^\top$ and $\alpha = 2$.
\begin{enumerate}
\item[(a)] Write a poem about $\frac{1}{\alpha}\|g\|_2^2$ and $\nabla f(x)$ in the style of Keats.
\item[(b)] Find $u = \arg\min_{d} \; g^\top d + \frac{1}{\alpha}\|d\|_2^2$. What is $u$?
\end{enumerate}
"""


def test_partly_answered_report_in_browser(browser: object, tmp_path: Path) -> None:
    """A LaTeX text with a part that cannot be read: the part read is drawn with its
    formulas, the other is listed (no LaTeX source shown, no formula error), links land."""
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem
    from optiproof.reading import read_report

    reading = read_report(PARTLY_READ_LATEX)
    solution = solve_problem(reading.answerable_problem(), SolveOptions(run_witnesses=False))
    reading.attach(solution)
    path = tmp_path / "partial.html"
    path.write_text(solution.to_html(), encoding="utf-8")
    page = _assert_reads_well(browser, path, "partly-answered-report")
    page.goto(path.as_uri())
    text = page.evaluate("document.body.innerText")
    assert "answered 1 of 2 parts" in text and "NOT ANSWERED" in text and "Keats" in text
    assert text.index("Part (a)") < text.index("Part (b)")
    assert _assert_links_land(page) >= 2
