"""Reading an answer is linear: formula spans agree with a direct reading of the delimiters,
and documents at the size limit in adversarial shapes are read well within the hang guard
(timed in benchmarks/bench_untrusted.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.checking import MAX_CHECK_CHARS
from optiproof.checking.claims import MAX_CLAIMS, read_claims
from optiproof.checking.document import math_spans, read_document
from optiproof.checking.segment import lay_out

PIECES = st.sampled_from(["$", "$$", "\\[", "\\]", "\\(", "\\)", "\\$", "\n", "a", " ", "x",
                          "\\begin{bmatrix}", "\\end{bmatrix}", "\\begin{array}",
                          "\\end{array}", "\\end{pmatrix}", "1", "\\", "{", "}", "`"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_formula_spans_are_ordered_delimited_and_disjoint(text: str) -> None:
    spans = math_spans(text)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    for span in spans:
        inner = text[span.start:span.end]
        assert span.latex and span.latex.strip("`").strip() in inner
        assert inner.startswith(("$", "\\[", "\\(", "\\begin{"))
        assert inner.endswith(("$", "\\]", "\\)", "}"))


SHAPES = {
    "unclosed display math on every line": ("\\[ a = 1 " * 40 + "\n"),
    "long lines of inline math": "$x$ " * 999 + "\n",
    "brackets without commas": "$(" * 1000 + "$\n",
    "unclosed matrices": "$$\\begin{bmatrix} 1 & 2 \\\\ " * 20 + "$$\n",
    "short lines": "$x_1$ y = 2n(n-1)\n",
    "terminal panel rows": "│    Size of each message (ring    S = p/n (  │\n│    all)  │\n",
}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("unit", SHAPES.values(), ids=SHAPES.keys())
def test_documents_at_the_limit_are_read(solved, unit: str) -> None:
    solution = solved("src/optiproof/problems/texts/distributed-training.txt")
    text = (unit * (MAX_CHECK_CHARS // len(unit) + 1))[:MAX_CHECK_CHARS]
    doc = read_document(text)
    claims = read_claims(doc, lay_out(doc, solution))
    assert len(doc.lines) <= text.count("\n") + 1 and len(claims) <= MAX_CLAIMS
