"""A document's own macros with arguments (``\\newcommand{\\norm}[1]{\\left\\lVert #1\\right\\rVert}``)
are written out where they are used, so that ``\\norm{g}_1`` reads as the l1 norm of g and the
claim it holds is graded; a use without its argument is left as written."""

from __future__ import annotations

from conftest import graded_part

from optiproof.checking.texmacros import expanded

PLI = "src/optiproof/problems/penalized-linear-improvement.yaml"
_DOC = ("\\documentclass{article}\n\\newcommand{\\norm}[1]{\\left\\lVert #1\\right\\rVert}\n"
        "\\newcommand{\\sgn}{\\operatorname{sign}}\n\\begin{document}\n"
        "\\section*{(a)}\n\\[ u = -\\frac{\\alpha}{2}\\, g . \\]\n"
        "\\section*{(b)}\nFor fixed $t$ the best direction is $-t\\,\\sgn(g)$. Therefore\n"
        "\\[\nu = -\\frac{\\alpha}{2}\\,\\norm{g}_1\\,\\sgn(g),\n\\qquad\\text{optimal value } "
        "-\\frac{\\alpha}{4}\\norm{g}_1^2 .\n\\]\nThis is sign descent.\n\\end{document}\n")


def test_a_macro_with_an_argument_is_written_out_line_for_line():
    text = "\\newcommand{\\norm}[1]{\\left\\lVert #1\\right\\rVert}\n$\\norm{g}_1$ and \\norm\n"
    out = expanded(text)
    assert "\\left\\lVert g\\right\\rVert_1" in out
    assert out.count("\n") == text.count("\n") and out.rstrip().endswith("\\norm")


def test_a_claim_written_with_an_argument_macro_is_graded(solved):
    part = graded_part(solved, PLI, _DOC, "b")
    assert part.verdict == "correct", part.findings
    wrong = _DOC.replace("u = -\\frac{\\alpha}{2}\\,\\norm{g}_1", "u = -\\alpha\\,\\norm{g}_1")
    assert graded_part(solved, PLI, wrong, "b").verdict == "incorrect"
