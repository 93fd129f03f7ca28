"""A formula ending in closing braces nothing opened (``= \\mathbb{E}[g]}.``) is reported as
unrenderable, and its value is read as written without them: the final value is graded, not
the step before it."""

from __future__ import annotations

from conftest import finding_kinds, graded_part

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
_B = ("\\section*{{(b) Bias correction}}\nUnrolling, $m_t = (1-\\beta_1)\\sum_{{i=1}}^t "
      "\\beta_1^{{t-i}} g_i$, so $\\mathbb{{E}}[m_t] = (1-\\beta_1^t)\\,\\mathbb{{E}}[g]$ and\n"
      "\\[\n  \\mathbb{{E}}[\\hat m_t] = \\frac{{\\mathbb{{E}}[m_t]}}{{1-\\beta_1^{{t}}}} = "
      "{final}}}.\n\\]\nReplacing $g_i$ by $g_i^2$ gives $\\mathbb{{E}}[\\hat v_t] = "
      "\\mathbb{{E}}[g^2]$.\n")


def test_the_value_before_a_stray_brace_is_graded(solved):
    part = graded_part(solved, ADAM, _B.format(final="\\mathbb{E}[g]"), "b")
    assert finding_kinds(part) == ["unrenderable-formula"], part.findings


def test_a_wrong_value_before_a_stray_brace_is_a_wrong_answer(solved):
    part = graded_part(solved, ADAM, _B.format(final="2\\,\\mathbb{E}[g]"), "b")
    assert "wrong-answer" in finding_kinds(part), part.findings
    assert any("2" in f.excerpt for f in part.findings if f.kind == "wrong-answer")
