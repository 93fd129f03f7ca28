"""Reading an answer into structure: lines, formulas and tables; terminal layouts; HTML pages."""

from __future__ import annotations

from optiproof.checking.document import math_spans, read_document, split_cells
from optiproof.checking.htmltext import html_to_text, looks_like_html
from optiproof.checking.plaintext import is_title, unframe, unwrap


def _kinds(text: str) -> list[str]:
    return [ln.kind for ln in read_document(text).lines]


def test_lines_are_classified_once():
    text = ("# Title\n\n**Part (a)**\n\n| q | value |\n|---|---|\n| rate | 0.85 |\n\n"
            "- item one\n> quoted\n$$\nx = 1\n$$\nplain words here\n")
    assert _kinds(text) == ["heading", "blank", "heading", "blank", "table", "table", "table",
                            "blank", "list", "quote", "display", "display", "display", "text"]
    doc = read_document(text)
    assert doc.tables[0].header == ("q", "value")
    assert [c.text for c in doc.tables[0].rows[0].cells] == ["rate", "0.85"]


def test_formula_delimiters():
    text = r"a $x=1$, b $`y=2`$, c \(z=3\), d \[w=4\], cost \$5 and \$6, $$v=5$$"
    got = [(s.latex, s.display) for s in math_spans(text)]
    assert got == [("x=1", False), ("y=2", False), ("z=3", False), ("w=4", True),
                   ("v=5", True)]


def test_math_fence_and_dollar_amounts():
    text = "costs $5 and $6 today\n```math\n\\alpha = 1\n```\n"
    assert [(s.latex, s.display) for s in math_spans(text)] == [("\\alpha = 1", True)]


def test_pipes_inside_formulas_and_escaped_pipes_do_not_split_cells():
    cells = split_cells(r"| $\|g\|_1$ | a \| b | $|x|$ |", 0)
    assert [c.text for c in cells] == [r"$\|g\|_1$", r"a \| b", "$|x|$"]


def test_long_lines_are_cut():
    doc = read_document("x" * 50_000 + "\nnext")
    assert len(doc.lines[0].text) <= 4000 and doc.lines[1].text == "next"


def test_panels_lose_their_frame_and_keep_their_lines():
    text = ("╭─ Part (a)  ✔ verified ──────╮\n│ Result                       │\n"
            "│ In short: α = 0.2            │\n╰──────────────────────────────╯\nafter")
    plain = unframe(text)
    assert plain.splitlines() == ["## Part (a)  ✔ verified", "  Result",
                                  "  In short: α = 0.2", "", "after"]
    assert unframe("no frame | here") == "no frame | here"


def test_wrapped_grid_rows_are_joined_in_place():
    text = ("    Number of messages (parameter     M_PS = 2n\n"
            "    server)\n"
            "    Bound on the step  sup |Δθ| = (√(37/7 − 1)√(1000 −\n"
            "                       1000))/(10000)\n"
            "                       B₁ = 1/1000\n")
    lines = unwrap(text).split("\n")
    assert lines[0] == "    Number of messages (parameter server)  M_PS = 2n"
    assert lines[1] == ""
    assert lines[2].endswith("(√(37/7 − 1)√(1000 − 1000))/(10000)") and lines[3] == ""
    assert lines[4].strip() == "B₁ = 1/1000"
    assert len(lines) == len(text.split("\n"))


def test_titles_stand_alone_above_their_content():
    assert is_title("Result", "", "In short: x = 1")
    assert is_title("What was read", None, "Read from a spec")
    assert not is_title("Adam", "Identification", "")
    assert not is_title("So the rate is 0.85.", "", "next")


def test_html_pages_read_as_text_with_tex():
    page = (
        "<!DOCTYPE html><html><head><style>p{}</style><script>var x='$y$'</script></head><body>"
        "<h2>Part (a)</h2><p>The rate is <span class=\"katex\"><math><semantics><mi>ρ</mi>"
        "<annotation encoding=\"application/x-tex\">\\rho = \\frac{17}{20}</annotation>"
        "</semantics></math></span>, so <strong>done</strong>.</p>"
        "<math display=\"block\"><semantics><mi>x</mi><annotation encoding=\"application/x-tex\">"
        "x = 1</annotation></semantics></math>"
        "<table><tr><th>q</th><th>value</th></tr><tr><td>a|b</td><td>2</td></tr></table>"
        "<ul><li>one</li></ul><math><mi>z</mi></math></body></html>")
    assert looks_like_html(page) and not looks_like_html("# Answer\n<b>x</b>")
    text = html_to_text(page)
    assert "## Part (a)" in text
    assert "The rate is $\\rho = \\frac{17}{20}$, so **done**." in text
    assert "$$\nx = 1\n$$" in text
    assert "| q | value |\n|---|---|\n| a\\|b | 2 |" in text
    assert "- one" in text and "var x" not in text and "p{}" not in text
    assert text.rstrip().endswith("z")
