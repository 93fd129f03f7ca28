"""Batch mode: grade every answer file in a folder against one verified solution, then write
``summary.json`` (one entry per file), one report page per file and ``summary.html`` (a table:
files x parts, each file linked to its own page).

Each file is read like a single answer (a regular file, size-bounded; a symbolic link only to a
file inside the folder) and gets the whole per-input budget; a file that cannot be read, is not
an answer, or is too large is listed with its error and does not stop the batch.
"""

from __future__ import annotations

import json
from pathlib import Path
from collections.abc import Callable
from typing import Any

ANSWER_SUFFIXES = (".md", ".txt", ".markdown", ".tex", ".html", ".htm")


def is_summary(head: bytes) -> bool:
    """True when ``head`` (the start of a file) is a summary.json or summary.html of a batch, or
    an answer's report page."""
    text = head.decode("utf-8", "replace").lstrip()
    return text.startswith('{\n  "title": ') or (
        text[:15].lower().startswith("<!doctype html>")
        and ("<title>Check summary: " in text[:600] or "<title>Check: " in text[:600]))


def report_page(name: str, taken: set[str] | None = None) -> str:
    """The file name of an answer's own report page in the batch folder: ``STEM.check.html``,
    or, when another answer has that page already (``a.md`` and ``a.txt``; ``taken`` holds the
    pages given so far, in lower case), ``NAME.check.html`` and then ``NAME-2.check.html``..."""
    taken = set() if taken is None else taken
    candidates = [Path(name).stem, name] + [f"{name}-{k}" for k in range(2, len(taken) + 3)]
    page = next(f"{c}.check.html" for c in candidates if f"{c}.check.html".lower() not in taken)
    taken.add(page.lower())
    return page


def page_link(page: str) -> str:
    """A relative link to a page in the same folder (URL-quoted, so a name never reads as a
    scheme such as ``javascript:``, a fragment or a query)."""
    from urllib.parse import quote

    return "./" + quote(page, safe="")


def check_folder(solution: Any, folder: Path, out: Path, reveal: bool = False, *,
                 progress: Callable[[str], None] = lambda message: None, budget: Any = None,
                 inputs: tuple[Path, ...] = (), force: bool = False) -> dict:
    """Check each answer in ``folder``; a bad file is listed with its error, not fatal."""
    from optiproof.checking import MAX_ANSWER_BYTES, check_answer, decode_answer
    from optiproof.checking.report import render_html
    from optiproof.core.errors import BadInput
    from optiproof.core.resources import OverBudget
    from optiproof.core.safeio import folder_files, make_folder, read_bounded, write_file

    files, refused = folder_files(folder, ANSWER_SUFFIXES, field="ANSWER")
    make_folder(out, field="--out")
    read = inputs + tuple(path for _, path in files)

    def write(name: str, text: str) -> None:
        write_file(out / name, text, field="--out", inputs=read, replaceable=is_summary,
                   force=force)

    entries = [{"file": name, "error": reason, "score": None, "parts": []}
               for name, reason in refused]
    pages: set[str] = {"summary.json", "summary.html"}
    for k, (name, path) in enumerate(files, start=1):
        progress(f"checking {name} ({k} of {len(files)})")
        if budget is not None:
            budget.next_item(name)
        try:
            raw = read_bounded(path, MAX_ANSWER_BYTES, field="ANSWER", follow=False)
            text = decode_answer(raw, name)
            report = check_answer(solution, text, reveal=reveal, source=name)
        except (BadInput, OverBudget) as err:
            entries.append({"file": name, "error": str(err), "score": None, "parts": []})
            continue
        page = report_page(name, pages)
        write(page, render_html(report))
        entries.append({"file": name, "page": page, **report.to_dict()})
    entries.sort(key=lambda e: e["file"])
    scores = [e["score"] for e in entries if e["score"] is not None]
    summary = {"title": solution.title, "labels": [p.label for p in solution.parts],
               "files": entries, "checked": len(scores),
               "mean_score": round(sum(scores) / len(scores), 3) if scores else None}
    write("summary.json", json.dumps(summary, indent=2, ensure_ascii=False))
    write("summary.html", summary_html(summary))
    return summary


def summary_html(summary: dict) -> str:
    """The batch table in the look of the reports: one row per file, linked to its page."""
    from optiproof.checking.report import VERDICT_BADGE, VERDICT_MARK
    from optiproof.rendering.html import badge, esc, page

    labels = summary["labels"]
    head = "".join(f"<th>({esc(label)})</th>" for label in labels)
    rows = []
    for entry in summary["files"]:
        if entry.get("error"):
            rows.append(f"<tr><td>{esc(entry['file'])}</td><td colspan='{len(labels) + 1}'>"
                        f"{badge('bad', 'not checked')} {esc(entry['error'])}</td></tr>")
            continue
        verdicts = {p["label"]: p for p in entry["parts"]}
        cells = "".join(
            f"<td title='{esc('; '.join(f['kind'] for f in verdicts[label]['findings']))}'>"
            f"{badge(VERDICT_BADGE[v], f'{VERDICT_MARK[v]} {v}')}</td>"
            for label in labels if label in verdicts
            for v in [verdicts[label]["verdict"]])
        rows.append(f"<tr><td><a href=\"{esc(page_link(entry['page']))}\">{esc(entry['file'])}</a></td>"
                    f"{cells}<td class=\"num\">{entry['score']:.0%}</td></tr>")
    mean = summary["mean_score"]
    body = (f"<h1>{esc(summary['title'])}</h1><p>{summary['checked']} answers checked; "
            f"mean score {'' if mean is None else f'{mean:.0%}'}. Each file links to its "
            "report.</p><div class=\"scroll\"><table><thead><tr><th>file</th>"
            f"{head}<th>score</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>")
    return page(f"Check summary: {summary['title']}", body)
