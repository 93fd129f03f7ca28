"""A letter named for an expectation with ``=:`` (``𝔼[g²] = σ² + μ² =: s``) stands for that
expectation: ``𝔼[v_t] = (1-β₂ᵗ)s`` is the verified answer, and a letter named for another
moment is still graded wrong. Stating what the problem's ``𝔼[g²]`` equals does not rename it,
and a later ``𝔼[v̂_t] = s`` is a result, not a second naming."""

from __future__ import annotations

from conftest import finding_kinds, graded_part

from optiproof.checking import claims

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
_B = ("## (b) Unbiasedness\n\nUnrolling, $m_t = (1-\\beta_1)\\sum_{{i=1}}^t \\beta_1^{{t-i}} g_i$. "
      "With $\\mathbb{{E}}[g_i] = \\mu$ the geometric sum gives $\\mathbb{{E}}[m_t] = "
      "(1-\\beta_1^t)\\,\\mu$, so $\\mathbb{{E}}[\\hat m_t] = \\mu$. Likewise, with "
      "${named} =: s$, we get $\\mathbb{{E}}[v_t] = (1-\\beta_2^t)\\, s$ and "
      "$\\mathbb{{E}}[\\hat v_t] = s$.\n")


def test_a_letter_named_for_the_second_moment_stands_for_it(solved):
    text = _B.format(named="\\mathbb{E}[g_i^2] = \\sigma^2 + \\mu^2")
    part = graded_part(solved, ADAM, text, "b")
    assert finding_kinds(part) == [], part.findings


def test_a_letter_named_for_the_wrong_moment_is_still_wrong(solved):
    text = _B.format(named="\\mathbb{E}[g_i] = \\mu")
    part = graded_part(solved, ADAM, text, "b")
    assert "wrong-answer" in finding_kinds(part), part.findings


def test_the_named_letter_is_a_chain_of_its_own():
    chains = claims._split_chain(r"\mathbb{E}[g^2] = \sigma^2 + \mu^2 =: s", claims._LATEX_REL)
    assert [[piece.strip() for _, _, piece in c] for c in chains if any(p for _, _, p in c)] == [
        ["\\mathbb{E}[g^2]", "\\sigma^2 + \\mu^2"], ["s", "\\mathbb{E}[g^2]", "\\sigma^2 + \\mu^2"]]
    plain = claims._split_chain("a = b + c =: s, so d = 2", claims._PLAIN_REL)
    assert [p.strip() for _, _, p in plain[1]] == ["s", "a", "b + c"]
