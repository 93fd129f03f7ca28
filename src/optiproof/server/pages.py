"""The server's pages: the solve page, the check page and the API docs. They carry no inline
script or style (the page script and style sheets are files under ``/static``), every string in
them is escaped, and reports come from the same renderers as the files the command line
writes."""

from __future__ import annotations

from optiproof.core.limits import LIMITS
from optiproof.rendering.html import esc

NAV = (("/", "Solve"), ("/check", "Check"), ("/docs", "API"))
CURRENT = ' aria-current="page"'
SOLVE_HINT = ("Paste a problem as you have it (clean, Markdown, LaTeX or copied out of a PDF), "
              "or a YAML/JSON spec. optiproof shows what it read, then the verified answers.")
CHECK_HINT = ("Give the problem and one or more answers (a student's write-up, a chat model's "
              "reply). Each answer gets a verdict per part, each error with its line, and a "
              "hint.")


def _page(title: str, current: str, body: str, *, styles: tuple[str, ...] = (),
          scripts: tuple[str, ...] = ("/static/app.js",)) -> str:
    links = "".join(f'<a href="{href}"{CURRENT if href == current else ""}>{esc(name)}</a>'
                    for href, name in NAV)
    sheets = "".join(f'<link rel="stylesheet" href="{href}">'
                     for href in ("/static/report.css", "/static/app.css", *styles))
    tags = "".join(f'<script src="{src}" defer></script>' for src in scripts)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)} \u2014 optiproof</title>{sheets}{tags}</head>"
            f'<body><header class="site"><strong>optiproof</strong><nav>{links}</nav></header>'
            f'<main class="optiproof" id="top">{body}</main></body></html>\n')


def solve_page() -> str:
    """Paste a problem; what was read comes back as a form; the report follows."""
    body = (
        "<h1>Solve a problem</h1>"
        f'<p class="lead">{esc(SOLVE_HINT)}</p>'
        '<form id="solve-form" class="panel">'
        '<label for="problem">Problem text or spec</label>'
        f'<textarea id="problem" name="problem" rows="12" maxlength="{LIMITS.max_text_bytes}" '
        'spellcheck="false" required placeholder="Let g = [3, -1, 2] be the gradient and '
        'alpha = 0.5. Find u = argmin_d g^T d + (1/alpha) ||d||_inf^2. Which optimizer is '
        'this?"></textarea>'
        '<div class="actions"><button type="submit" id="solve-button">Read and solve</button>'
        '<label class="switch"><input type="checkbox" id="witnesses" checked> run the '
        "independent checks</label></div></form>"
        '<div id="status" class="status" role="status" aria-live="polite"></div>'
        '<details id="reading" class="panel" hidden><summary>What was read \u2014 edit it and '
        'solve again</summary><p id="reading-note"></p><form id="reading-form">'
        '<div id="reading-parts"></div><div class="actions"><button type="submit" '
        'id="form-solve-button">Solve with these values</button></div></form></details>'
        '<div id="downloads" class="downloads" hidden>Download: '
        '<a id="download-md" download="solution.md" href="#">Markdown</a> '
        '<a id="download-json" download="solution.json" href="#">JSON</a></div>'
        '<section id="report" class="report"></section>')
    return _page("Solve", "/", body)


def check_page(bundled: list[str]) -> str:
    """The problem (pasted or bundled) and answers (pasted or uploaded) -> check reports."""
    options = "".join(f'<option value="{esc(name)}">{esc(name)}</option>' for name in bundled)
    body = (
        "<h1>Check an answer</h1>"
        f'<p class="lead">{esc(CHECK_HINT)}</p>'
        '<form id="check-form" class="panel">'
        '<label for="check-bundled">A bundled problem</label>'
        f'<select id="check-bundled" name="bundled"><option value="">\u2014 or paste it below '
        f"\u2014</option>{options}</select>"
        '<label for="check-problem">Problem text or spec</label>'
        f'<textarea id="check-problem" name="problem" rows="8" '
        f'maxlength="{LIMITS.max_text_bytes}" spellcheck="false"></textarea>'
        '<label for="check-answer">Answer</label>'
        '<textarea id="check-answer" name="answer" rows="10" spellcheck="false" '
        'placeholder="Paste an answer (Markdown, LaTeX or plain text)"></textarea>'
        '<label for="check-files">or answer files (.md, .txt, .tex; several allowed)</label>'
        '<input type="file" id="check-files" name="files" multiple '
        'accept=".md,.txt,.tex,.markdown,text/plain,text/markdown">'
        '<div class="actions"><button type="submit" id="check-button">Check</button>'
        '<label class="switch"><input type="checkbox" id="check-reveal" name="reveal" '
        'value="true"> reveal the verified answers</label></div></form>'
        '<div id="status" class="status" role="status" aria-live="polite"></div>'
        '<section id="check-reports" class="report"></section>')
    return _page("Check", "/check", body)


def docs_page() -> str:
    """The OpenAPI documentation (Swagger UI, served from this server)."""
    return _page("API", "/docs", '<h1>JSON API</h1><div id="swagger-ui"></div>',
                 styles=("/docs/assets/swagger-ui.css",),
                 scripts=("/docs/assets/swagger-ui-bundle.js", "/static/docs.js"))
