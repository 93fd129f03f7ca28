"""Terse notes: settings listed on one line (``b1=0.9  b2=0.999  lr a=1e-3``) give each symbol
its own value, and a compound assignment (``theta -= a*...``) states the new value; a chain
whose conclusion is a formula that cannot be read is not graded by its middle step."""

from __future__ import annotations

from conftest import finding_kinds, graded_part

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"

_SETTINGS = "notes\nb1=0.9  b2=0.999  lr a=1e-3\n\n"


def test_listed_settings_each_keep_their_own_value(solved):
    text = _SETTINGS + ("(b)\n E[m_t] = (1-b1) E[g] (1 + b1 + ... + b1^(t-1)) = (1-b1^t) E[g]\n"
                        " so E[mhat_t] = E[g], and likewise E[vhat_t] = E[g^2].\n")
    part = graded_part(solved, ADAM, text, "b")
    assert "wrong-answer" not in finding_kinds(part), part.findings


def test_listed_settings_still_catch_a_wrong_moment(solved):
    text = _SETTINGS + ("(b)\n E[m_t] = (1-b1) E[g] (1 + b1 + ... + b1^(t-1)) = (1-b1^(t+1)) E[g]\n"
                        " so E[mhat_t] = E[g], and likewise E[vhat_t] = E[g^2].\n")
    part = graded_part(solved, ADAM, text, "b")
    assert "wrong-answer" in finding_kinds(part), part.findings


_L2 = " L2: lam*theta joins g and is divided by sqrt(vhat) too, so it is not uniform.\n"


def test_a_compound_assignment_states_the_update(solved):
    text = _SETTINGS + "(e)\n" + _L2 + " AdamW: theta -= a*(mhat/(sqrt(vhat)+eps) + lam*theta)\n"
    part = graded_part(solved, ADAM, text, "e")
    assert "unanswered" not in finding_kinds(part), part.findings
    assert "wrong-answer" not in finding_kinds(part), part.findings


def test_a_compound_assignment_with_the_decay_outside_is_wrong(solved):
    text = _SETTINGS + "(e)\n" + _L2 + " AdamW: theta -= a*mhat/(sqrt(vhat)+eps) + lam*theta\n"
    part = graded_part(solved, ADAM, text, "e")
    assert "wrong-answer" in finding_kinds(part), part.findings


_TEX = ("\\documentclass{article}\n\\begin{document}\n\\paragraph{(b)} "
        "$\\mathbb{E}[m_t]=(1-\\beta_1^t)\\mathbb{E}[g]$, so $\\mathbb{E}[\\hat m_t]="
        "\\mathbb{E}[g]$; likewise\n\\[\n  \\mathbb{E}[\\hat v_t] = \\frac{\\mathbb{E}[v_t]}"
        "{1-\\beta_2^t} = {END}.\n\\]\n\\end{document}\n")


def test_an_unreadable_conclusion_is_not_graded_by_its_middle_step(solved):
    part = graded_part(solved, ADAM, _TEX.replace("{END}", "\\Mean[g^2]"), "b")
    kinds = finding_kinds(part)
    assert "unrenderable-formula" in kinds and "wrong-answer" not in kinds, part.findings


def test_a_readable_wrong_conclusion_is_still_wrong(solved):
    part = graded_part(solved, ADAM, _TEX.replace("{END}", "\\mathbb{E}[g]^2"), "b")
    assert "wrong-answer" in finding_kinds(part), part.findings
