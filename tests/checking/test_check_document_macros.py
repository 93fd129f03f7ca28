"""A LaTeX document's own macros (``\\newcommand``, ``\\DeclareMathOperator``, ``\\def``) are
defined when its formulas are given to KaTeX: a formula using them renders. A command the
document did not define is still unrenderable, and a broken definition is left out."""

from __future__ import annotations

from conftest import finding_kinds, graded_part

from optiproof.checking.texmacros import document_macros

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
_PREAMBLE = ("\\documentclass{article}\n\\newcommand{\\E}{\\mathbb{E}}\n"
             "\\newcommand*\\bc[2]{\\frac{#1}{1-#2}}\n\\DeclareMathOperator{\\sgn}{sgn}\n"
             "\\def\\R{\\mathbb{R}}\n\\begin{document}\n")
_B = ("\\section*{{(b) Bias correction}}\nFor $g\\in\\R$ with $\\sgn(g)$ fixed, unrolling gives "
      "$\\E[m_t] = (1-\\beta_1^t)\\,\\E[g]$, so\n\\[\n  \\E[\\hat m_t] = "
      "\\bc{{\\E[m_t]}}{{\\beta_1^t}} = {final}.\n\\]\nLikewise $\\E[\\hat v_t] = \\E[g^2]$.\n"
      "\\end{{document}}\n")


def test_formulas_using_the_documents_macros_render(solved):
    part = graded_part(solved, ADAM, _PREAMBLE + _B.format(final="\\E[g]"), "b")
    assert "unrenderable-formula" not in finding_kinds(part), part.findings


def test_a_command_the_document_did_not_define_is_still_unrenderable(solved):
    part = graded_part(solved, ADAM, _PREAMBLE + _B.format(final="\\Exp[g]"), "b")
    kinds = finding_kinds(part)
    assert "unrenderable-formula" in kinds, part.findings
    assert any("\\Exp" in f.message for f in part.findings)


def test_without_the_definitions_the_same_formulas_do_not_render(solved):
    text = _PREAMBLE.replace("\\newcommand{\\E}{\\mathbb{E}}\n", "") + _B.format(final="\\E[g]")
    assert "unrenderable-formula" in finding_kinds(graded_part(solved, ADAM, text, "b"))


def test_each_kind_of_definition_is_read():
    pre = document_macros(_PREAMBLE + "\\renewcommand{\\broken}{\\frac{x}\n")
    assert "\\def\\E{\\mathbb{E}}" in pre
    assert "\\def\\bc#1#2{\\frac{#1}{1-#2}}" in pre
    assert "\\def\\sgn{\\operatorname{sgn}}" in pre
    assert "\\def\\R{\\mathbb{R}}" in pre
    assert "broken" not in pre
    assert document_macros("$\\DeclareMathOperator*{\\argmin}{arg\\,min}$").startswith(
        "\\def\\argmin{\\operatorname*{arg\\,min}}")
