"""Batch mode: grade every answer file in a folder against one verified solution, then write
``summary.json`` (one entry per file) and ``summary.html`` (a table: files x parts).

Each file is read like a single answer (a regular file, size-bounded; a symbolic link only to a
file inside the folder) and gets the whole per-input budget; a file that cannot be read, is not
an answer, or is too large is listed with its error and does not stop the batch.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

ANSWER_SUFFIXES = (".md", ".txt", ".markdown", ".tex")
SUMMARY_HTML_TITLE = "<title>optiproof check summary</title>"


def is_summary(head: bytes) -> bool:
    """True when ``head`` (the start of a file) is a summary.json or summary.html of a batch."""
    text = head.decode("utf-8", "replace").lstrip()
    return text.startswith('{\n  "title": ') or (text.startswith("<!doctype html>")
                                                 and SUMMARY_HTML_TITLE in text[:200])


def check_folder(solution: Any, folder: Path, out: Path, reveal: bool = False, *,
                 budget: Any = None, inputs: tuple[Path, ...] = (), force: bool = False) -> dict:
    """Check each answer in ``folder``; a bad file is listed with its error, not fatal."""
    from optiproof.checking import MAX_ANSWER_BYTES, check_answer, decode_answer
    from optiproof.core.errors import BadInput
    from optiproof.core.resources import OverBudget
    from optiproof.core.safeio import folder_files, make_folder, read_bounded, write_file

    files, refused = folder_files(folder, ANSWER_SUFFIXES, field="ANSWER")
    make_folder(out, field="--out")
    entries = [{"file": name, "error": reason, "score": None, "parts": []}
               for name, reason in refused]
    for name, path in files:
        if budget is not None:
            budget.next_item(name)
        try:
            raw = read_bounded(path, MAX_ANSWER_BYTES, field="ANSWER", follow=False)
            text = decode_answer(raw, name)
            report = check_answer(solution, text, reveal=reveal, source=name)
        except (BadInput, OverBudget) as err:
            entries.append({"file": name, "error": str(err), "score": None, "parts": []})
            continue
        entries.append({"file": name, **report.to_dict()})
    entries.sort(key=lambda e: e["file"])
    scores = [e["score"] for e in entries if e["score"] is not None]
    summary = {"title": solution.title, "labels": [p.label for p in solution.parts],
               "files": entries, "checked": len(scores),
               "mean_score": round(sum(scores) / len(scores), 3) if scores else None}
    read = inputs + tuple(path for _, path in files)
    for name, text in (("summary.json", json.dumps(summary, indent=2, ensure_ascii=False)),
                       ("summary.html", summary_html(summary))):
        write_file(out / name, text, field="--out", inputs=read, replaceable=is_summary,
                   force=force)
    return summary


def summary_html(summary: dict) -> str:
    e = html.escape
    labels = summary["labels"]
    head = "".join(f"<th>({e(label)})</th>" for label in labels)
    rows = []
    for entry in summary["files"]:
        if entry.get("error"):
            rows.append(f"<tr><td>{e(entry['file'])}</td><td colspan='{len(labels) + 1}' "
                        f"class='bad'>{e(entry['error'])}</td></tr>")
            continue
        verdicts = {p["label"]: p for p in entry["parts"]}
        cells = "".join(
            f"<td class='{verdicts[label]['verdict']}' title='"
            f"{e('; '.join(f['kind'] for f in verdicts[label]['findings']))}'>"
            f"{e(verdicts[label]['verdict'])}</td>" for label in labels if label in verdicts)
        rows.append(f"<tr><td>{e(entry['file'])}</td>{cells}<td>{entry['score']:.0%}</td></tr>")
    style = ("body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;padding:.3rem .6rem}.correct{background:#e3f5e6}"
             ".incorrect{background:#fbe3e6}.incomplete,.unverifiable{background:#fff4d6}"
             ".bad{color:#b00020}")
    mean = summary["mean_score"]
    return ("<!doctype html><html><head><meta charset='utf-8'>" + SUMMARY_HTML_TITLE +
            f"<style>{style}</style></head><body><h1>{e(summary['title'])}</h1>"
            f"<p>{summary['checked']} answers checked; mean score "
            f"{'' if mean is None else f'{mean:.0%}'}.</p>"
            f"<table><tr><th>file</th>{head}<th>score</th></tr>{''.join(rows)}</table>"
            "</body></html>\n")
