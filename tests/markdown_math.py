"""Formulas of a Markdown document as a GitHub-flavoured Markdown parser sees them.

The document is parsed with markdown-it-py (CommonMark with GFM tables and strikethrough, and
the dollar-math plugin a math-aware renderer adds); a formula is a ```` ```math ```` fence or a
``$`...`$`` code span, the two forms GitHub and GitLab render as math. What the parser hands
over is what a renderer would typeset, so comparing it with what was written shows whether
Markdown processing altered a formula.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin


def parser() -> MarkdownIt:
    """CommonMark + GFM tables and strikethrough + dollar math."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(dollarmath_plugin)


def _inline_formulas(children: list) -> list[str]:
    """``$`x`$`` spans: a code span between a text ending and a text starting with ``$``, or,
    where the dollar-math plugin took the dollars first, its math with the backticks inside
    (GitHub and GitLab read ``$`x`$`` as the formula ``x``)."""
    out = []
    for k, tok in enumerate(children):
        if tok.type == "math_inline":
            content = tok.content
            out.append(content[1:-1] if len(content) > 1 and content[0] == content[-1] == "`"
                       else content)
        if tok.type != "code_inline" or not 0 < k < len(children) - 1:
            continue
        before, after = children[k - 1], children[k + 1]
        if before.type == "text" and before.content.endswith("$") and \
                after.type == "text" and after.content.startswith("$"):
            out.append(tok.content)
    return out


def markdown_formulas(md: str) -> list[tuple[str, bool]]:
    """Every formula a GFM + math renderer finds in ``md``, as (latex, display)."""
    out: list[tuple[str, bool]] = []
    for tok in parser().parse(md):
        if tok.type == "fence" and tok.info.strip() == "math":
            out.append((tok.content.rstrip("\n"), True))
        elif tok.type in ("math_block", "math_block_label"):
            out.append((tok.content.strip(), True))
        elif tok.type == "inline":
            out += [(f, False) for f in _inline_formulas(tok.children or [])]
    return out
