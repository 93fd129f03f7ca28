"""The pages in a real browser (Chromium driven by Playwright) against the real server: every
bundled problem pasted and solved shows its answers as drawn math with no LaTeX source; a gap in
the reading is filled in the form and solved; a wrong answer on the check page shows its
finding. Every request the page makes goes to the server (anything else is aborted and fails the
test, as with the network unplugged), and no Content-Security-Policy violation is reported.
Screenshots are kept in ``test-artifacts/server``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from server_load import CORPUS, bundled_texts

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "server"
LATEX_IN_TEXT = re.compile(r"\\(?:frac|left|right|begin|end|sqrt|mathbb|alpha|theta|hat|Vert"
                           r"|text|operatorname|cdot|top)\b|\$")
SOLVE_WAIT_MS = 240_000
NO_START = ("Consider least squares with X = [[1, 2]] and y = [3]. Where does gradient descent "
            "converge?")


class Watched:
    """A page whose requests off the server are aborted and recorded, with its CSP reports."""

    def __init__(self, browser: object, server: object):
        host = urlsplit(server.base).netloc
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                       origin=server.base)
        self.offsite: list[str] = []
        self.violations: list[str] = []

        def route(r: object) -> None:
            if urlsplit(r.request.url).netloc == host or r.request.url.startswith(("blob:",
                                                                                   "data:")):
                r.continue_()
            else:
                self.offsite.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.violations.append(m.text)
                     if "Content Security Policy" in m.text else None)
        self.base = server.base

    def close(self) -> None:
        assert not self.offsite, f"requests off the server: {self.offsite}"
        assert not self.violations, f"CSP violations: {self.violations}"
        self.context.close()


@pytest.fixture
def watched(browser, server) -> Iterator[Watched]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = Watched(browser, server)
    yield page
    page.close()


def _visible_text(page: object, selector: str) -> str:
    """What a reader sees in ``selector`` with every fold opened (MathML's LaTeX annotations
    are not shown, so they are left out)."""
    return page.evaluate("""(sel) => {
      const root = document.querySelector(sel).cloneNode(true);
      root.querySelectorAll('annotation, [data-latex]').forEach(e => e.remove());
      root.querySelectorAll('details').forEach(d => d.open = true);
      return root.innerText;
    }""", selector)


def _assert_answers_drawn(page: object) -> None:
    cards = page.locator("#report .card")
    assert cards.count() >= 1
    for k in range(cards.count()):
        values = cards.nth(k).locator(".answer-value")
        assert values.count() >= 1 or cards.nth(k).locator(".not-verified").count()
        for v in range(values.count()):
            box = values.nth(v).locator("math").first.bounding_box()
            assert box and box["width"] > 0 and box["height"] > 0
    shown = _visible_text(page, "#report")
    assert not LATEX_IN_TEXT.search(shown), LATEX_IN_TEXT.search(shown).group(0)
    assert page.locator("#report .math-error").count() == 0


@pytest.mark.parametrize("name", sorted(bundled_texts()))
def test_each_bundled_problem_pasted_shows_its_verified_answers(watched, name):
    page = watched.page
    page.goto(f"{watched.base}/")
    page.fill("#problem", bundled_texts()[name])
    page.click("#solve-button")
    page.wait_for_selector("#report .card", timeout=SOLVE_WAIT_MS)
    _assert_answers_drawn(page)
    status = page.inner_text("#status")
    unverified = page.locator("#report .card.bad").count()
    assert status.startswith("Solved:") and ("NOT VERIFIED" in status) == (unverified > 0)
    assert page.locator("#download-md").get_attribute("href").startswith("blob:")
    page.screenshot(path=str(ARTIFACTS / f"solve-{name}.png"), full_page=True)


def test_copy_latex_copies_the_answer_formula_and_the_downloads_hold_the_report(watched):
    page = watched.page
    page.goto(f"{watched.base}/")
    page.fill("#problem", bundled_texts()["penalized-linear-improvement"])
    page.click("#solve-button")
    page.wait_for_selector("#report .card", timeout=SOLVE_WAIT_MS)
    button = page.locator(".copy-latex").first
    button.click()
    page.wait_for_function("() => document.querySelector('.copy-latex').textContent === "
                           "'Copied'")
    assert page.evaluate("navigator.clipboard.readText()") == button.get_attribute("data-latex")
    assert "\\frac" in button.get_attribute("data-latex")
    with page.expect_download() as download:
        page.click("#download-json")
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    assert '"identified_as": "gradient descent"' in saved
    with page.expect_download() as download:
        page.click("#download-md")
    assert "sign gradient descent" in Path(download.value.path()).read_text(encoding="utf-8")


def test_a_gap_in_the_reading_is_filled_in_the_form_and_solved(watched):
    page = watched.page
    page.goto(f"{watched.base}/")
    page.fill("#problem", NO_START)
    page.click("#solve-button")
    page.wait_for_selector(".reading-item.missing", timeout=SOLVE_WAIT_MS)
    assert "could not be read" in page.inner_text("#status")
    missing = page.locator(".reading-item.missing")
    assert missing.count() == 1 and "theta0" in missing.inner_text()
    page.screenshot(path=str(ARTIFACTS / "reading-form-gap.png"), full_page=True)
    missing.locator("input").fill("[0, 0]")
    page.click("#form-solve-button")
    page.wait_for_selector("#report .card", timeout=SOLVE_WAIT_MS)
    _assert_answers_drawn(page)
    assert "Limit" in page.inner_text("#report .card")
    page.screenshot(path=str(ARTIFACTS / "reading-form-solved.png"), full_page=True)


def test_a_wrong_answer_on_the_check_page_shows_its_finding(watched):
    page = watched.page
    page.goto(f"{watched.base}/check")
    page.select_option("#check-bundled", "penalized-linear-improvement.txt")
    wrong = CORPUS / "penalized-linear-improvement" / "wrong-update-b.md"
    page.fill("#check-answer", wrong.read_text(encoding="utf-8"))
    page.click("#check-button")
    page.wait_for_selector("#check-reports .finding", timeout=SOLVE_WAIT_MS)
    report = page.inner_text("#check-reports")
    assert "wrong-answer" in report and "incorrect" in report
    assert page.locator("#check-reports .finding math").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "check-wrong-answer.png"), full_page=True)


def test_answer_files_are_uploaded_and_the_reveal_switch_shows_the_expected_answers(watched):
    page = watched.page
    page.goto(f"{watched.base}/check")
    page.fill("#check-problem", bundled_texts()["penalized-linear-improvement"])
    folder = CORPUS / "penalized-linear-improvement"
    page.set_input_files("#check-files", [str(folder / "wrong-update-b.md"),
                                          str(folder / "correct-plain.txt")])
    page.check("#check-reveal")
    page.click("#check-button")
    page.wait_for_selector("#check-reports .check-report", timeout=SOLVE_WAIT_MS)
    assert page.locator("#check-reports .check-report").count() == 2
    assert "Expected" in page.inner_text("#check-reports")
    assert "wrong-update-b.md: " in page.inner_text("#status")


def test_the_api_docs_are_drawn_from_local_assets(watched):
    page = watched.page
    page.goto(f"{watched.base}/docs")
    page.wait_for_selector(".opblock", timeout=60_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert {"/api/read", "/api/solve", "/api/check"} <= {p.strip() for p in paths}
    page.screenshot(path=str(ARTIFACTS / "api-docs.png"))


def test_a_family_chosen_in_the_form_brings_its_fields_and_solves(watched):
    page = watched.page
    page.goto(f"{watched.base}/")
    page.fill("#problem", "What is the capital of France? Find it.")
    page.click("#solve-button")
    page.wait_for_selector(".reading-item.missing select", timeout=SOLVE_WAIT_MS)
    page.select_option("#field-0-family", "steepest-descent")
    page.wait_for_selector('.reading-item[data-name="norm"].missing')
    page.select_option("#field-0-norm", "linf")
    page.fill("#field-0-gradient", "[3, -1, 2]")
    page.fill("#field-0-alpha", "0.5")
    page.locator('.reading-item[data-name="asks"] input[value="update"]').check()
    page.click("#form-solve-button")
    page.wait_for_selector("#report .card", timeout=SOLVE_WAIT_MS)
    _assert_answers_drawn(page)
    assert "\u22121.5" in page.inner_text("#report .card") or "-1.5" in page.inner_text(
        "#report .card")
    page.screenshot(path=str(ARTIFACTS / "reading-form-family-chosen.png"), full_page=True)


def test_an_unplaced_question_is_answered_by_a_choice_and_solved(watched):
    page = watched.page
    page.goto(f"{watched.base}/")
    page.fill("#problem", "Which norm?\n\nLet g = (1, 3, -2) and alpha = 1; u = argmin_d g^T d "
                          "+ (1/alpha) ||d||_1^2.\n(a) Find u.\n(b) The step moves one "
                          "coordinate. Which one?\n")
    page.click("#solve-button")
    # the part that was read is answered at once; the other is listed as not answered
    page.wait_for_selector("#report .card.not-answered", timeout=SOLVE_WAIT_MS)
    assert "NOT ANSWERED" in page.inner_text("#report") and "Which one?" in page.inner_text(
        "#report")
    page.wait_for_selector('.reading-item.missing[data-name="asks"]', timeout=SOLVE_WAIT_MS)
    page.locator('.reading-item.missing[data-name="asks"] input[value="update"]').check()
    page.click("#form-solve-button")
    page.wait_for_selector("#report .card.not-answered", state="detached",
                           timeout=SOLVE_WAIT_MS)
    page.wait_for_selector("#report .card", timeout=SOLVE_WAIT_MS)
    _assert_answers_drawn(page)
    assert page.locator("#report .card").count() == 2
