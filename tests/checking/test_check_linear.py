"""Extraction is linear: math spans match the reference definition exactly, and documents at
the size limit in adversarial shapes are read well within the hang guard (timed in
benchmarks/bench_untrusted.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.checking.extract import Vocabulary, extract, math_spans

REFERENCE = re.compile(
    r"\$\$(?P<dd>[^$]{1,8000}?)\$\$"
    r"|\\\[(?P<db>.{1,8000}?)\\\]"
    r"|(?<![\\$])\$(?P<i>[^$\n]{1,2000}?)(?<!\\)\$"
    r"|\\\((?P<ib>[^\n]{1,2000}?)\\\)"
    r"|(?P<env>\\begin\{(?P<envname>[bpvBV]?matrix|array)\}.{0,8000}?\\end\{(?P=envname)\})",
    re.S)
"""What a math span is, as one regular expression (quadratic on unclosed delimiters)."""


def reference_spans(text: str) -> list[tuple[int, int, str, bool]]:
    out = []
    for m in REFERENCE.finditer(text):
        kind = next(k for k in ("dd", "db", "i", "ib", "env") if m.group(k) is not None)
        latex = m.group(kind).strip()
        if latex:
            out.append((m.start(), m.end(), latex, kind in ("dd", "db", "env")))
    return out


PIECES = st.sampled_from(["$", "$$", "\\[", "\\]", "\\(", "\\)", "\\$", "\n", "a", " ", "x",
                          "\\begin{bmatrix}", "\\end{bmatrix}", "\\begin{array}",
                          "\\end{array}", "\\end{pmatrix}", "1", "\\", "{", "}"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_math_spans_match_the_reference(text: str) -> None:
    assert math_spans(text) == reference_spans(text)


SIZE = 400_000
SHAPES = {
    "unclosed display math on every line": ("\\[ a = 1 " * 40 + "\n"),
    "long lines of inline math": "$x$ " * 999 + "\n",
    "brackets without commas": "$(" * 1000 + "$\n",
    "unclosed matrices": "$$\\begin{bmatrix} 1 & 2 \\\\ " * 20 + "$$\n",
    "short lines": "$x_1$ y = 2n(n-1)\n",
}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("unit", SHAPES.values(), ids=SHAPES.keys())
def test_documents_at_the_limit_are_read(unit: str) -> None:
    doc = (unit * (SIZE // len(unit) + 1))[:SIZE]
    ex = extract(doc, Vocabulary(frozenset("ab"), (("ring all-reduce", r"\bring\b"),)))
    assert len(ex.lines) <= 10_000 and len(ex.claims) <= 500
