"""An HTML answer page as the Markdown-like text the checker reads.

Saved chat pages and optiproof's own HTML draw formulas with KaTeX/MathML; the TeX source
travels in ``<annotation encoding="application/x-tex">``, so every ``<math>`` becomes ``$TeX$``
(``$$TeX$$`` on its own lines when displayed) and only falls back to its visible characters
when it has no annotation. Headings become ``#`` lines, table rows ``| a | b |`` lines (with a
separator under the first), list items ``- `` lines and bold ``**``; scripts and styles are
dropped. One pass of the standard library's tokenizer, linear in the page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = {"script", "style", "head", "title", "noscript", "template", "svg"}
_BLOCK = {"p", "div", "section", "article", "main", "header", "footer", "details", "summary",
          "blockquote", "ul", "ol", "table", "thead", "tbody", "figure", "figcaption", "pre",
          "hr", "nav", "aside", "dl", "dt", "dd"}
_HEADING = {f"h{n}": n for n in range(1, 7)}
_LOOKS_HTML = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)


def looks_like_html(text: str) -> bool:
    """The text is an HTML page (it opens with a doctype or an html/head/body tag)."""
    return bool(_LOOKS_HTML.match(text[:2000]))


class _Reader(HTMLParser):
    """Collects the page's text with formulas as TeX."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.math: list[str] | None = None
        self.tex: list[str] | None = None
        self.in_tex = False
        self.display = False
        self.pre = 0
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.rows_in_table: list[int] = []

    def _emit(self, text: str) -> None:
        (self.cell if self.cell is not None else self.out).append(text)

    def _break(self) -> None:
        if self.cell is not None:
            self.cell.append(" ")
        else:
            self.out.append("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif self.skip:
            return
        elif tag == "math":
            self.math, self.tex = [], None
            self.display = dict(attrs).get("display") == "block"
        elif self.math is not None:
            if tag == "annotation" and dict(attrs).get("encoding") == "application/x-tex":
                self.tex, self.in_tex = [], True
        elif tag in _HEADING:
            self._break()
            self._emit("#" * _HEADING[tag] + " ")
        elif tag == "li":
            self._break()
            self._emit("- ")
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "table":
            self.rows_in_table.append(0)
            self._break()
        elif tag in ("strong", "b"):
            self._emit("**")
        elif tag == "br":
            self._break()
        elif tag in _BLOCK:
            self.pre += tag == "pre"
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif self.skip:
            return
        elif tag == "math" and self.math is not None:
            self._formula()
        elif self.math is not None:
            self.in_tex = self.in_tex and tag != "annotation"
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()).replace("|", "\\|"))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self._row()
        elif tag == "table" and self.rows_in_table:
            self.rows_in_table.pop()
            self.out.append("\n")
        elif tag in ("strong", "b"):
            self._emit("**")
        elif tag in _HEADING or tag == "li" or tag in _BLOCK:
            self.pre -= tag == "pre"
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.math is not None:
            (self.tex if self.in_tex and self.tex is not None else self.math).append(data)
            return
        if self.rows_in_table and self.cell is None and not data.strip():
            return
        self._emit(data if self.pre else re.sub(r"\s+", " ", data))

    def _formula(self) -> None:
        tex = "".join(self.tex).strip() if self.tex is not None else ""
        body = tex or "".join(self.math or []).strip()
        self.math, self.tex, self.in_tex = None, None, False
        if not tex:
            self._emit(body)
        elif self.display and self.cell is None:
            self.out.append(f"\n$$\n{body}\n$$\n")
        else:
            self._emit(f"${body}$")

    def _row(self) -> None:
        cells, self.row = self.row or [], None
        if not cells:
            return
        self.out.append("\n| " + " | ".join(cells) + " |")
        if self.rows_in_table and self.rows_in_table[-1] == 0:
            self.out.append("\n|" + "---|" * len(cells))
        if self.rows_in_table:
            self.rows_in_table[-1] += 1


def html_to_text(page: str) -> str:
    """The page's text: Markdown-like lines with every formula as TeX."""
    reader = _Reader()
    reader.feed(page)
    reader.close()
    lines = [line.strip() for line in "".join(reader.out).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
