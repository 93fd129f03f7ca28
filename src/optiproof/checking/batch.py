"""Batch mode: grade every answer file in a folder against one verified solution, then write
``summary.json`` (one entry per file), one report page per file and ``summary.html`` (a table:
files x parts, each file linked to its own page)."""

from __future__ import annotations

import json
from pathlib import Path
from collections.abc import Callable
from typing import Any

ANSWER_SUFFIXES = (".md", ".txt", ".markdown", ".tex", ".html", ".htm")


def answer_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in ANSWER_SUFFIXES)


def report_page(name: str) -> str:
    """The file name of an answer's own report page in the batch folder."""
    return f"{Path(name).stem}.check.html"


def check_folder(solution: Any, folder: Path, out: Path, reveal: bool = False,
                 progress: Callable[[str], None] = lambda message: None) -> dict:
    """Check each answer in ``folder``; a bad file is listed with its error, not fatal."""
    from optiproof.checking import check_answer, decode_answer
    from optiproof.checking.report import render_html
    from optiproof.core.errors import BadInput

    out.mkdir(parents=True, exist_ok=True)
    entries = []
    files = answer_files(folder)
    for k, path in enumerate(files, start=1):
        progress(f"checking {path.name} ({k} of {len(files)})")
        try:
            text = decode_answer(path.read_bytes(), path.name)
            report = check_answer(solution, text, reveal=reveal, source=path.name)
        except BadInput as err:
            entries.append({"file": path.name, "error": str(err), "score": None, "parts": []})
            continue
        (out / report_page(path.name)).write_text(render_html(report), encoding="utf-8")
        entries.append({"file": path.name, "page": report_page(path.name), **report.to_dict()})
    scores = [e["score"] for e in entries if e["score"] is not None]
    summary = {"title": solution.title, "labels": [p.label for p in solution.parts],
               "files": entries, "checked": len(scores),
               "mean_score": round(sum(scores) / len(scores), 3) if scores else None}
    (out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False),
                                      encoding="utf-8")
    (out / "summary.html").write_text(summary_html(summary), encoding="utf-8")
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
        rows.append(f"<tr><td><a href=\"{esc(entry['page'])}\">{esc(entry['file'])}</a></td>"
                    f"{cells}<td class=\"num\">{entry['score']:.0%}</td></tr>")
    mean = summary["mean_score"]
    body = (f"<h1>{esc(summary['title'])}</h1><p>{summary['checked']} answers checked; "
            f"mean score {'' if mean is None else f'{mean:.0%}'}. Each file links to its "
            "report.</p><div class=\"scroll\"><table><thead><tr><th>file</th>"
            f"{head}<th>score</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>")
    return page(f"Check summary: {summary['title']}", body)
