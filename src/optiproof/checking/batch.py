"""Batch mode: grade every answer file in a folder against one verified solution, then write
``summary.json`` (one entry per file) and ``summary.html`` (a table: files x parts)."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

ANSWER_SUFFIXES = (".md", ".txt", ".markdown", ".tex")


def answer_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in ANSWER_SUFFIXES)


def check_folder(solution: Any, folder: Path, out: Path, reveal: bool = False) -> dict:
    """Check each answer in ``folder``; a bad file is listed with its error, not fatal."""
    from optiproof.checking import check_answer, decode_answer
    from optiproof.core.errors import BadInput

    entries = []
    for path in answer_files(folder):
        try:
            text = decode_answer(path.read_bytes(), path.name)
            report = check_answer(solution, text, reveal=reveal, source=path.name)
        except BadInput as err:
            entries.append({"file": path.name, "error": str(err), "score": None, "parts": []})
            continue
        entries.append({"file": path.name, **report.to_dict()})
    scores = [e["score"] for e in entries if e["score"] is not None]
    summary = {"title": solution.title, "labels": [p.label for p in solution.parts],
               "files": entries, "checked": len(scores),
               "mean_score": round(sum(scores) / len(scores), 3) if scores else None}
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False),
                                      encoding="utf-8")
    (out / "summary.html").write_text(summary_html(summary), encoding="utf-8")
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
    return ("<!doctype html><html><head><meta charset='utf-8'><title>optiproof check summary"
            f"</title><style>{style}</style></head><body><h1>{e(summary['title'])}</h1>"
            f"<p>{summary['checked']} answers checked; mean score "
            f"{'' if mean is None else f'{mean:.0%}'}.</p>"
            f"<table><tr><th>file</th>{head}<th>score</th></tr>{''.join(rows)}</table>"
            "</body></html>\n")
