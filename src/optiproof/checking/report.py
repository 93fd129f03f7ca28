"""Verdicts per part, the overall score, and their renderings (terminal, Markdown, HTML, JSON).

A verdict is ``correct`` only when every verified answer of the part was found and matched and
no finding was raised; ``unverifiable`` when the part's own solution is NOT VERIFIED or a claimed
value could not be read; ``incomplete`` when only ``unanswered`` findings stand; otherwise
``incorrect``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from optiproof.checking.findings import Finding

Verdict = Literal["correct", "incorrect", "incomplete", "unverifiable"]
VERDICT_MARK = {"correct": "\u2714", "incorrect": "\u2718", "incomplete": "\u2026",
                "unverifiable": "?"}


@dataclass(frozen=True)
class Claimed:
    """The statement a verified answer was graded on: the answer's name, the value as the
    answer writes it, and its line."""

    name: str
    value: str
    line: int

    @property
    def named(self) -> str:
        """``name: value``, the form the renderers typeset."""
        return f"{self.name}: {self.value}"

    def to_dict(self) -> dict:
        return {"name": self.name, "value": self.value, "line": self.line}


@dataclass
class PartReport:
    label: str
    verdict: Verdict
    claimed: list[Claimed]
    expected: list[str]
    findings: list[Finding]
    hint: str
    notes: list[str] = field(default_factory=list)
    """What the grading accepted with a reservation (a textbook approximation, say)."""

    def to_dict(self, reveal: bool) -> dict:
        out: dict = {"label": self.label, "verdict": self.verdict,
                     "claimed": [c.to_dict() for c in self.claimed]}
        if reveal:
            out["expected"] = self.expected
        out["findings"] = [f.to_dict() for f in self.findings]
        out["hint"] = self.hint
        if self.notes:
            out["notes"] = self.notes
        return out


@dataclass
class CheckReport:
    """The result of checking one answer document against a verified solution."""

    title: str
    parts: list[PartReport]
    reveal: bool = False
    source: str = ""
    document: str = ""
    """The answer document's text, for the excerpt each finding quotes."""

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


def part_reports(solution: Any, graded: Any, reveal: bool) -> list[PartReport]:
    """A report per part from the graded document."""
    from optiproof.checking.hints import hint_for

    out = []
    for part in solution.parts:
        grade = graded.grades[part.label]
        findings = sorted(grade.findings, key=lambda f: (f.line or 10**9, f.kind))
        if not part.verified:
            findings = [f for f in findings if f.kind == "unrenderable-formula"]
        verdict = verdict_of(part.verified, findings, grade.undecided)
        claimed = [Claimed(name, _as_written(st.piece.text), st.claim.line)
                   for name, st in grade.graded.items()]
        expected = [f"{e.name}: {e.latex}" for e in grade.expected if e.kind != "none"]
        if part.identified_as:
            expected.append(f"identified as: {part.identified_as}")
        grade.findings = findings
        out.append(PartReport(part.label, verdict, claimed, expected, findings,
                              hint_for(part, grade, verdict, reveal,
                                       [p for p in solution.parts if p is not part]),
                              list(grade.notes)))
    return out


def _as_written(text: str) -> str:
    """A claimed value as written, on one line, without the punctuation that closed it."""
    spaced = re.sub(r"\\(?:[,;:! ]|q?quad\b)", " ", text)
    return re.sub(r"[\s,.;:]+$", "", " ".join(spaced.split()))[:160]


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


def _excerpt(report: CheckReport, f: Finding) -> str:
    """The line of the answer a finding concerns, trimmed."""
    lines = report.document.splitlines()
    if not f.line or not 0 < f.line <= len(lines):
        return ""
    line = " ".join(lines[f.line - 1].split())
    return line if len(line) <= 200 else line[:197] + "..."


def render_markdown(report: CheckReport) -> str:
    from optiproof.rendering.markdown import named_value, quoted_text, text

    out = [f"# Check: {text(report.title)}", ""]
    if report.source:
        out += [f"Answer: `{report.source}`" if "`" not in report.source
                else f"Answer: {text(report.source)}", ""]
    out += [f"**Score: {report.score:.0%}** of parts correct.", ""]
    for p in report.parts:
        out.append(f"- **({text(p.label)})** {VERDICT_MARK[p.verdict]} {p.verdict}")
    for p in report.parts:
        out += ["", f"## Part ({text(p.label)}): {p.verdict}", ""]
        for c in p.claimed:
            out.append(f"- graded: {named_value(c.named)} (line {c.line})")
        for note in p.notes:
            out.append(f"- note: {quoted_text(note)}")
        for f in p.findings:
            out.append(f"- **{f.kind}** ({_where(f)}): {quoted_text(f.message)}")
            excerpt = _excerpt(report, f)
            if excerpt:
                out.append(f"  > {text(excerpt)}")
        if report.reveal and p.expected:
            out.append("- expected: " + "; ".join(named_value(e) for e in p.expected))
        if p.hint:
            out += ["", f"> **Hint:** {quoted_text(p.hint)}"]
    return "\n".join(out) + "\n"


def render_terminal(report: CheckReport) -> str:
    from optiproof.rendering.terminal import named_value, quoted_prose, source_line

    from optiproof.core.safeio import printable

    out = [f"Check: {report.title}" + (f"  [{printable(report.source)}]" if report.source
                                       else ""),
           f"Score: {report.score:.0%} of parts correct", ""]
    for p in report.parts:
        out.append(f"({p.label}) {VERDICT_MARK[p.verdict]} {p.verdict.upper()}")
        for c in p.claimed:
            out.append(f"    graded: {named_value(c.named)}  (line {c.line})")
        for note in p.notes:
            out.append(f"    note: {quoted_prose(note)}")
        for f in p.findings:
            out.append(f"    - {f.kind} ({_where(f)}): {quoted_prose(f.message)}")
            excerpt = _excerpt(report, f)
            if excerpt:
                out.append(f"        > {source_line(excerpt)}")
        if report.reveal and p.expected:
            out.append(f"    expected: {'; '.join(named_value(e) for e in p.expected)}")
        if p.hint:
            out.append(f"    hint: {quoted_prose(p.hint)}")
    return "\n".join(out) + "\n"


VERDICT_BADGE = {"correct": "ok", "incorrect": "bad", "incomplete": "warn",
                 "unverifiable": "warn"}


def render_html(report: CheckReport) -> str:
    """The check report as a page in the look of the solve report."""
    from optiproof.rendering.html import page

    return page(f"Check: {report.title}", render_html_body(report))


def render_html_body(report: CheckReport) -> str:
    """The check report's HTML without the page around it (for a page that shows several)."""
    from optiproof.rendering.html import TOP_LINK, HtmlWriter, anchor, badge, esc

    w = HtmlWriter()
    rows = "".join(
        f'<tr><td><a href="#part-{anchor(p.label)}">({esc(p.label)})</a></td>'
        f"<td>{badge(VERDICT_BADGE[p.verdict], f'{VERDICT_MARK[p.verdict]} {p.verdict}')}</td>"
        f"<td>{'<br>'.join(w.named_value(c.named) for c in p.claimed) or chr(0x2014)}</td></tr>"
        for p in report.parts)
    body = [f"<h1>Check: {esc(report.title)}</h1>"]
    if report.source:
        body.append(f"<p>Answer: <code>{esc(report.source)}</code></p>")
    body += [f"<p><strong>Score: {report.score:.0%}</strong> of parts correct.</p>",
             '<nav class="toc"><h2>Parts</h2><div class="scroll"><table><thead><tr><th>Part</th>'
             f"<th>Verdict</th><th>Claimed</th></tr></thead><tbody>{rows}</tbody></table></div>"
             "</nav>"]
    for p in report.parts:
        body.append(f'<section class="part" id="part-{anchor(p.label)}"><h2>Part '
                    f"({esc(p.label)})"
                    f"{badge(VERDICT_BADGE[p.verdict], f'{VERDICT_MARK[p.verdict]} {p.verdict}')}"
                    "</h2>")
        if p.claimed:
            items = "".join(f"<li>{w.named_value(c.named)} (line {c.line})</li>"
                            for c in p.claimed)
            body.append(f'<div class="card"><h3>Graded</h3><ul>{items}</ul></div>')
        for note in p.notes:
            body.append(f'<div class="finding"><strong>note</strong>: {w.quoted(note)}</div>')
        for f in p.findings:
            excerpt = _excerpt(report, f)
            quote = (f'<span class="excerpt">{w.source_line(excerpt)}</span>'
                     if excerpt else "")
            body.append(f'<div class="finding"><strong>{esc(f.kind)}</strong> ({_where(f)}): '
                        f"{w.quoted(f.message)}{quote}</div>")
        if not p.findings:
            body.append("<p>No findings.</p>")
        if report.reveal and p.expected:
            items = "".join(f"<li>{w.named_value(e)}</li>" for e in p.expected)
            body.append(f'<div class="card"><h3>Expected</h3><ul>{items}</ul></div>')
        if p.hint:
            body.append(f'<div class="hint"><strong>Hint.</strong> {w.quoted(p.hint)}</div>')
        body.append(f"{TOP_LINK}</section>")
    return "".join(body)


def is_check_report(head: bytes) -> bool:
    """True when ``head`` (the start of a file) is a check report in one of its renderings."""
    text = head.decode("utf-8", "replace").lstrip()
    return (text.startswith(("# Check: ", "Check: ", '{\n  "parts": ['))
            or (text[:15].lower().startswith("<!doctype html>") and "<title>Check: " in text[:600]))


def render(report: CheckReport, fmt: str) -> str:
    if fmt == "json":
        return report.to_json() + "\n"
    if fmt == "md":
        return render_markdown(report)
    if fmt == "html":
        return render_html(report)
    return render_terminal(report)
