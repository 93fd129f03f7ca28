"""Verdicts per part, the overall score, and their renderings (terminal, Markdown, HTML, JSON).

A verdict is ``correct`` only when every verified answer of the part was found and matched and
no finding was raised; ``unverifiable`` when the part's own solution is NOT VERIFIED or a claimed
value could not be read; ``incomplete`` when only ``unanswered`` findings stand; otherwise
``incorrect``.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Literal

from optiproof.checking.findings import Finding

Verdict = Literal["correct", "incorrect", "incomplete", "unverifiable"]
VERDICT_MARK = {"correct": "\u2714", "incorrect": "\u2718", "incomplete": "\u2026",
                "unverifiable": "?"}


@dataclass
class PartReport:
    label: str
    verdict: Verdict
    claimed: list[str]
    expected: list[str]
    findings: list[Finding]
    hint: str

    def to_dict(self, reveal: bool) -> dict:
        out: dict = {"label": self.label, "verdict": self.verdict, "claimed": self.claimed}
        if reveal:
            out["expected"] = self.expected
        out["findings"] = [f.to_dict() for f in self.findings]
        out["hint"] = self.hint
        return out


@dataclass
class CheckReport:
    """The result of checking one answer document against a verified solution."""

    title: str
    parts: list[PartReport]
    reveal: bool = False
    source: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        if not self.parts:
            return 0.0
        return round(sum(p.verdict == "correct" for p in self.parts) / len(self.parts), 3)

    @property
    def exit_code(self) -> int:
        return 0 if all(p.verdict == "correct" for p in self.parts) else 1

    def to_dict(self) -> dict:
        return {"parts": [p.to_dict(self.reveal) for p in self.parts], "score": self.score}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False, allow_nan=False)


def verdict_of(verified: bool, findings: list[Finding], unparsed: bool) -> Verdict:
    if not verified:
        return "unverifiable"
    kinds = {f.kind for f in findings}
    if kinds - {"unanswered"}:
        return "incorrect"
    if unparsed:
        return "unverifiable"
    if kinds:
        return "incomplete"
    return "correct"


def _where(f: Finding) -> str:
    return f"line {f.line}" if f.line else "\u2014"


def render_markdown(report: CheckReport) -> str:
    """The report in Markdown; text from the problem and the answer cannot open HTML."""
    from optiproof.rendering.markdown import user_text as t

    out = [f"# Check: {t(report.title)}", ""]
    if report.source:
        out += [f"Answer: `{report.source.replace('`', '')}`", ""]
    out += [f"**Score: {report.score:.0%}** of parts correct.", "",
            "| part | verdict | claimed |", "|---|---|---|"]
    for p in report.parts:
        claimed = t("; ".join(p.claimed)).replace("|", "\\|") or "\u2014"
        out.append(f"| ({t(p.label)}) | {VERDICT_MARK[p.verdict]} {p.verdict} | {claimed} |")
    for p in report.parts:
        out += ["", f"## Part ({t(p.label)}): {p.verdict}"]
        for f in p.findings:
            out.append(f"- **{f.kind}** ({_where(f)}): {t(f.message)}")
        if report.reveal and p.expected:
            out.append(f"- expected: {'; '.join(p.expected)}")
        if p.hint:
            out.append(f"\n> Hint: {t(p.hint)}")
    return "\n".join(out) + "\n"


def render_terminal(report: CheckReport) -> str:
    out = [f"Check: {report.title}" + (f"  [{report.source}]" if report.source else ""),
           f"Score: {report.score:.0%} of parts correct", ""]
    for p in report.parts:
        out.append(f"({p.label}) {VERDICT_MARK[p.verdict]} {p.verdict.upper()}"
                   + (f"   claimed: {'; '.join(p.claimed)}" if p.claimed else ""))
        for f in p.findings:
            out.append(f"    - {f.kind} ({_where(f)}): {f.message}")
        if report.reveal and p.expected:
            out.append(f"    expected: {'; '.join(p.expected)}")
        if p.hint:
            out.append(f"    hint: {p.hint}")
    return "\n".join(out) + "\n"


_CSS = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;"
        "text-align:left;vertical-align:top}.correct{color:#176f2c}.incorrect{color:#b00020}"
        ".incomplete,.unverifiable{color:#8a5a00}blockquote{border-left:3px solid #ccc;"
        "margin:.5rem 0;padding-left:.8rem}")


def render_html(report: CheckReport) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td>({e(p.label)})</td><td class='{p.verdict}'>{VERDICT_MARK[p.verdict]} "
        f"{p.verdict}</td><td>{e('; '.join(p.claimed))}</td></tr>" for p in report.parts)
    body = [f"<h1>Check: {e(report.title)}</h1>",
            f"<p><strong>Score: {report.score:.0%}</strong> of parts correct.</p>",
            f"<table><tr><th>part</th><th>verdict</th><th>claimed</th></tr>{rows}</table>"]
    for p in report.parts:
        body.append(f"<h2>Part ({e(p.label)}): <span class='{p.verdict}'>{p.verdict}</span></h2>")
        if p.findings:
            body.append("<ul>" + "".join(f"<li><strong>{e(f.kind)}</strong> ({_where(f)}): "
                                         f"{e(f.message)}</li>" for f in p.findings) + "</ul>")
        if report.reveal and p.expected:
            body.append(f"<p>expected: <code>{e('; '.join(p.expected))}</code></p>")
        if p.hint:
            body.append(f"<blockquote>Hint: {e(p.hint)}</blockquote>")
    return ("<!doctype html><html><head><meta charset='utf-8'><title>optiproof check</title>"
            f"<style>{_CSS}</style></head><body>" + "".join(body) + "</body></html>\n")


def is_check_report(head: bytes) -> bool:
    """True when ``head`` (the start of a file) is a check report in one of its renderings."""
    text = head.decode("utf-8", "replace").lstrip()
    return (text.startswith(("# Check: ", "Check: ", '{\n  "parts": ['))
            or (text.startswith("<!doctype html>") and "<title>optiproof check</title>"
                in text[:200]))


def render(report: CheckReport, fmt: str) -> str:
    if fmt == "json":
        return report.to_json() + "\n"
    if fmt == "md":
        return render_markdown(report)
    if fmt == "html":
        return render_html(report)
    return render_terminal(report)
