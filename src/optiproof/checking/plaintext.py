"""Plain-text layouts made plain: panel frames, title lines and formulas wrapped in a grid.

Terminal output (optiproof's own ``--format term`` written to a file, a pasted console) draws
each part in a box-drawn panel and lays the answers out in an aligned grid whose long formulas
wrap onto the next line. :func:`unframe` turns a panel's top border into a heading and drops its
sides; :func:`unwrap` joins a formula whose brackets a wrap left open with its continuation.
:func:`unalign` writes a table typed with its columns aligned by spaces as a table of pipes.
All keep every line where it was, so line numbers still point into the answer as written.
"""

from __future__ import annotations

import re

_TOP = re.compile(r"^\s*[╭┌]─+\s*(.*?)\s*─*[╮┐]\s*$")
_BOTTOM = re.compile(r"^\s*[╰└][─┴]*[╯┘]\s*$")
_SIDE = re.compile(r"^(\s*)[│┃](.*?)(?:[│┃]\s*)?$")
_TITLE = re.compile(r"^[A-Z][A-Za-z'’-]*(?: [A-Za-z'’-]+){0,3}$")
_OPEN, _CLOSE = "([{", ")]}"
_TRAILING = ("−", "-", "+", "=", "×", "·", "/", "*")
_GRID = re.compile(r"^( {2,})([A-Z][^ ].*?[^ ])( {2,})(\S.*)$")
"""A row of an aligned grid: an indented label that opens with a capital, two spaces or more,
then its value."""


def unframe(text: str) -> str:
    """Box-drawn panels as plain lines: the top border's title as a ``##`` heading, the
    sides and the bottom border as blanks."""
    if "│" not in text and "┃" not in text:
        return text
    out = []
    for line in text.split("\n"):
        if m := _TOP.match(line):
            out.append(f"## {m.group(1)}" if m.group(1) else "")
        elif _BOTTOM.match(line):
            out.append("")
        elif m := _SIDE.match(line):
            out.append((m.group(1) + " " + m.group(2)).rstrip())
        else:
            out.append(line)
    return "\n".join(out)


_TEX_HEADING = re.compile(r"^(\s*)\\((?:sub){0,2})section\*?\{")
_TEX_BOLD = re.compile(r"^(\s*)\\(?:textbf|paragraph\*?|subparagraph\*?)\{([^{}]*)\}")
_TEX_ITALIC = re.compile(r"^(\s*)\\(?:textit|emph)\{([^{}]*)\}")
_TEX_ITEM = re.compile(r"^(\s*)\\item(?:\[([^\]]*)\])?\s*")
_TEX_FRAME = re.compile(r"^\s*\\(?:(?:begin|end)\{(?:itemize|enumerate|description|document|"
                        r"center)\}|(?:documentclass|usepackage|maketitle|noindent)\b).*$")


_TABULAR = re.compile(r"^\s*\\(?:begin\{tabular\*?\}(?:\{[^{}]*\})*|end\{tabular\*?\})\s*$")
_TEX_RULE = re.compile(r"^\s*(?:\\(?:hline|toprule|midrule|bottomrule|cline\{[^{}]*\})\s*)+$")


def _tex_cells(row: str) -> list[str]:
    """The cells of a LaTeX table row (``&`` outside ``$..$`` and not escaped)."""
    cells, buf, math = [], [], False
    for i, c in enumerate(row):
        if c == "$" and (i == 0 or row[i - 1] != "\\"):
            math = not math
        if c == "&" and not math and (i == 0 or row[i - 1] != "\\"):
            cells.append("".join(buf).strip())
            buf = []
        else:
            buf.append(c)
    return [*cells, "".join(buf).strip()]


def _closing_brace(line: str, start: int) -> int:
    """Where the group opened right before ``start`` closes (its braces balanced, a formula
    in it keeping its own: ``\\subsection*{(c) $\\min_{\\|d\\|_1\\le\\eta}$}``); 0 if it
    does not close on the line."""
    depth = 1
    for i in range(start, len(line)):
        if line[i] == "\\":
            continue
        if line[i] == "{" and line[i - 1] != "\\":
            depth += 1
        elif line[i] == "}" and line[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return i
    return 0


def untex(text: str) -> str:
    """LaTeX text-mode structure as Markdown, line for line: ``\\section{..}`` a heading,
    ``\\textbf{(a)}`` or ``\\paragraph{..}`` opening a line a bold lead-in, ``\\item`` a list
    item, the rows of a ``tabular`` pipe rows (the rule under its header the delimiter row),
    and the frame of a LaTeX document (``\\begin{itemize}``, ``\\documentclass``) a blank.
    Only what opens a line changes, so formulas keep their own ``\\textbf``."""
    if "\\" not in text:
        return text
    out = []
    table: list[int] | None = None  # in a tabular: [cells of its header row, delimiter written]
    for line in text.split("\n"):
        if _TABULAR.match(line):
            table = [] if line.lstrip().startswith("\\begin") else None
            line = ""
        elif table is not None and _TEX_RULE.match(line):
            # the rule under the header row is the table's delimiter row; the others frame it
            line = "|" + "---|" * table[0] if len(table) == 1 else ""
            if len(table) == 1:
                table.append(1)
        elif table is not None and "&" in line:
            cells = _tex_cells(re.sub(r"\\\\(?:\s*\\(?:hline|midrule|toprule|bottomrule))?\s*$",
                                      "", line.strip()))
            table[:] = table or [len(cells)]
            line = "| " + " | ".join(cells) + " |"
        elif _TEX_FRAME.match(line):
            line = ""
        elif (m := _TEX_HEADING.match(line)) and (end := _closing_brace(line, m.end())):
            line = (f"{m.group(1)}{'#' * (2 + len(m.group(2)) // 3)} {line[m.end():end]}"
                    f"{line[end + 1:]}")
        elif m := _TEX_BOLD.match(line):
            line = f"{m.group(1)}**{m.group(2)}**{line[m.end():]}"
        elif m := _TEX_ITALIC.match(line):
            line = f"{m.group(1)}*{m.group(2)}*{line[m.end():]}"
        elif m := _TEX_ITEM.match(line):
            label = f"**{m.group(2)}** " if m.group(2) else ""
            line = f"{m.group(1)}- {label}{line[m.end():]}"
        out.append(line)
    return "\n".join(out)


def _depth(text: str) -> int:
    return sum(c in _OPEN for c in text) - sum(c in _CLOSE for c in text)


def _open(text: str) -> bool:
    """A formula cut short: brackets left open or a trailing operator."""
    return _depth(text) > 0 or text.rstrip().endswith(_TRAILING)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _grid_row(lines: list[str], k: int) -> int:
    """Join the wrapped label and value of the grid row on line ``k`` (``label  value``):
    a continuation in the label's column extends the label, one in the value's column extends
    a value left open. Returns the line after the row."""
    m = _GRID.match(lines[k])
    assert m is not None
    indent, label, value = m.group(1), m.group(2), m.group(4).rstrip()
    label_at, value_at = len(indent), m.start(4)
    j = k + 1
    while j < len(lines) and lines[j].strip():
        at, text = _indent(lines[j]), lines[j].strip()
        if at == label_at and at + len(text) < value_at:
            label += " " + text
        elif at == value_at and _open(value):
            value += " " + text
        else:
            break
        j += 1
    if j > k + 1:
        lines[k] = f"{indent}{label}  {value}"
        lines[k + 1:j] = [""] * (j - k - 1)
    return j


_ROW = re.compile(r"\s*(?:[-−+]?(?:\d+(?:\.\d+)?|[A-Za-zα-ω]\w*)(?:/\d+)?\s+)+"
                  r"[-−+]?(?:\d+(?:\.\d+)?|[A-Za-zα-ω]\w*)(?:/\d+)?\s*\]?\s*")


def matrix_rows(lines: list[str]) -> bool:
    """``u = [ 0.22  -0.90`` followed by lines ``-1.22  -0.87`` and ``0.94  -0.92 ]``: a
    matrix written one row per line, entries apart by spaces."""
    head = lines[0].rpartition("[")[2]
    rows = [head, *lines[1:]]
    return len(rows) >= 2 and all(_ROW.fullmatch(r) for r in rows) and len(
        {len(r.replace("]", " ").split()) for r in rows}) == 1


def unwrap(text: str) -> str:
    """Rows of an aligned grid and indented formulas that a line width wrapped become one
    line each (their continuation lines left blank)."""
    lines = text.split("\n")
    k = 0
    while k < len(lines) - 1:
        if _GRID.match(lines[k]):
            k = _grid_row(lines, k)
            continue
        if not (lines[k].startswith("    ") and _open(lines[k])):
            k += 1
            continue
        j = k + 1
        while j < len(lines) and j <= k + 3 and _indent(lines[j]) >= 4 and _open(
                " ".join(lines[k:j])):
            j += 1
        glue = "; " if matrix_rows(lines[k:j]) else " "
        lines[k] = glue.join([lines[k].rstrip()] + [x.strip() for x in lines[k + 1:j]])
        lines[k + 1:j] = [""] * (j - k - 1)
        k = j
    return "\n".join(lines)


_GAP = re.compile(r" {2,}|\t+")


def _columns(line: str) -> list[tuple[int, str]]:
    """(start, text) of the cells of a line whose cells are apart by two spaces or more."""
    out, at = [], 0
    body = line.rstrip()
    for m in [*_GAP.finditer(body), None]:
        end = m.start() if m else len(body)
        if body[at:end].strip():
            out.append((at, body[at:end]))
        at = m.end() if m else at
    return out


def _aligned_table(lines: list[str]) -> bool:
    """A header of words over two rows or more of three cells each, every column starting at
    the same place in every row and under its header cell (the header may leave the corner
    over the row labels blank; the whole table may be indented)."""
    rows = [_columns(x) for x in lines[1:]]
    head = _columns(lines[0])
    width = len(rows[0])
    if width < 3 or any(len(r) != width for r in rows) or any(
            "|" in x or "$" in x or "\\" in x for x in lines):
        return False
    starts = {tuple(at for at, _ in r[1:]) for r in rows}
    if len(starts) != 1:
        return False
    columns = starts.pop()
    head_starts = tuple(at for at, _ in head)
    labels = {r[0][0] for r in rows}  # the row labels, indented alike (``  ring  2n  p/n``)
    return head_starts in (columns, *((at, *columns) for at in labels if len(labels) == 1)) \
        and all(
        re.fullmatch(r"[#A-Za-z][\w#. ()/-]*", text) for _, text in head)


def unalign(text: str) -> str:
    """Blocks of lines laid out as a table by spaces (``all-to-all   n^2   p`` under a header
    ``#messages   size``) as pipe rows, a blank corner kept blank."""
    lines = text.split("\n")
    k = 0
    while k < len(lines):
        j = k
        while j < len(lines) and lines[j].strip():
            j += 1
        block = lines[k:j]
        if len(block) >= 3 and _aligned_table(block):
            width = len(_columns(block[1]))
            for n, line in enumerate(block):
                cells = [c.strip() for _, c in _columns(line)]
                cells = [""] * (width - len(cells)) + cells
                lines[k + n] = "| " + " | ".join(cells) + " |"
        elif len(block) >= 4 and _aligned_table(block[1:]):
            k += 1  # a title line above the table ("Table:")
            continue
        k = max(j, k + 1)
    return "\n".join(lines)


def is_title(line: str, previous: str | None, following: str | None) -> bool:
    """A short capitalised line of words standing alone above its content (``Result``,
    ``What was read``): a heading in plain text."""
    s = line.strip()
    return bool(_TITLE.match(s)) and bool(following and following.strip()) and (
        previous is None or not previous.strip())
