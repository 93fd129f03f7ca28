"""Adam written in plain-text notes (``th``, ``mh``, ``vh``, ``lam`` for θ, m̂, v̂, λ) or in
LaTeX through the document's own macros (``\\newcommand{\\bo}{\\beta_1}``, ``\\mh`` for
``\\hat m``): the formulas are read as written out, and graded like any other spelling."""

from __future__ import annotations

from conftest import bundled_problem, finding_kinds, graded_part

from optiproof.checking.texmacros import expanded

ADAM = bundled_problem("adam-mechanics.txt")

_PLAIN = ("b1=0.9, b2=0.999, a(lr)=1e-3\n\n(a) update\n  m_t = b1*m_{t-1} + (1-b1)*g_t\n"
          "  v_t = b2*v_{t-1} + (1-b2)*g_t^2\n  mh_t = m_t/(1-b1^t),  vh_t = v_t/(1-b2^t)\n"
          "  th_t = th_{t-1} - {step}\n  sqrt(v) is the RMS gradient per coordinate.\n")


def test_plain_text_adam_update(solved):
    right = graded_part(solved, ADAM, _PLAIN.replace("{step}", "a * mh_t/(sqrt(vh_t)+eps)"), "a")
    assert right.verdict == "correct", right.findings
    wrong = graded_part(solved, ADAM, _PLAIN.replace("{step}", "a * mh_t/(vh_t+eps)"), "a")
    assert "wrong-answer" in finding_kinds(wrong), wrong.findings


def test_plain_text_decoupled_decay(solved):
    text = ("(e) L2 in Adam: g <- g + lam*th goes into m, v and is divided by sqrt(vh): not uniform.\n"
            "  AdamW (lam=0.01): th <- th - a*(mh/(sqrt(vh)+eps) + lam*th)\n"
            "  => all weights shrink by factor (1 - a*lam) = 1 - {decay} per step.\n")
    right = graded_part(solved, ADAM, text.replace("{decay}", "1e-5"), "e")
    assert "unanswered" not in finding_kinds(right), right.findings


_MACROS = (r"\newcommand{\bo}{\beta_1}" "\n" r"\newcommand{\bt}{\beta_2}" "\n"
           r"\newcommand{\mh}{\hat m}" "\n" r"\newcommand{\vh}{\hat v}" "\n"
           r"\begin{document}" "\n" r"\section{Part (a)}" "\n" r"\begin{align}" "\n"
           r"  m_t &= \bo m_{t-1} + (1-\bo)\, g_t, \\" "\n"
           r"  v_t &= \bt v_{t-1} + (1-\bt)\, g_t^2, \\" "\n"
           r"  \mh_t &= \frac{m_t}{1-\bo^t}, \qquad \vh_t = \frac{v_t}{1-\bt^t}, \\" "\n"
           r"  \theta_t &= \theta_{t-1} - \alpha\, \frac{\mh_t}{STEP}." "\n"
           r"\end{align}" "\n" r"Dividing by $\sqrt{\vh_t}$ normalises each coordinate." "\n"
           r"\end{document}" "\n")


def test_latex_macros_are_read_as_defined(solved):
    right = graded_part(solved, ADAM, _MACROS.replace("STEP", r"\sqrt{\vh_t}+\epsilon"), "a")
    assert right.verdict == "correct", right.findings
    wrong = graded_part(solved, ADAM, _MACROS.replace("STEP", r"\vh_t+\epsilon"), "a")
    assert "wrong-answer" in finding_kinds(wrong), wrong.findings


def test_expansion_keeps_definitions_lines_and_longer_names():
    text = "\\newcommand{\\bo}{\\beta_1}\n\\def\\sq{x + 1}\n$\\bo^t$ and $\\boxed{\\sq^2}$\n"
    out = expanded(text)
    assert out.splitlines()[:2] == text.splitlines()[:2]
    assert out.splitlines()[2] == "$\\beta_1^t$ and $\\boxed{{x + 1}^2}$"
    # a macro with an argument is written out with it, its definition kept
    assert expanded("\\newcommand{\\f}[1]{#1^2}\n$\\f{x}$") == "\\newcommand{\\f}[1]{#1^2}\n${x^2}$"
