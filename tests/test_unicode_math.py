"""LaTeX -> Unicode for the terminal: the same formula, readable, with no backslash command."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from optiproof.rendering.unicode import latex_to_unicode, matrix_text

CASES = [
    (r"- \frac{\alpha}{2} g", "−(α/2)g"),
    (r"u = - \frac{\alpha \left\|g\right\|_{1} \operatorname{sign}{\left(g \right)}}{2}",
     "u = −(α‖g‖₁ sign(g))/2"),
    (r"\mathbb{R}^{d}", "ℝᵈ"),
    (r"\alpha_{\max} = \frac{1}{5}", "α_max = 1/5"),
    (r"\frac{44}{81} - \frac{8 \sqrt{10}}{81}", "44/81 − (8√10)/81"),
    (r"g_{t,j}^2", "gₜ,ⱼ²"),
    (r"\hat m_t = \frac{m_{t}}{1 - \left(\frac{9}{10}\right)^{t}}", "m̂ₜ = mₜ/(1 − (9/10)ᵗ)"),
    (r"- \frac{\hat{m}_{t}}{1000 \left(\epsilon + \sqrt{\hat{v}_{t}}\right)}",
     "−m̂ₜ/(1000(ε + √v̂ₜ))"),
    (r"\left[\begin{matrix}- \frac{3}{4}\\\frac{1}{4}\\- \frac{1}{2}\end{matrix}\right]",
     "[−3/4, 1/4, −1/2]ᵀ"),
    (r"\begin{bmatrix} 0.990 \\ 0.099 \end{bmatrix}", "[0.990, 0.099]ᵀ"),
    (r"\left[\begin{matrix}0.217707173346743 & -0.900891862868637\end{matrix}\right]",
     "[0.217707, −0.900892]"),
    (r"u = \arg\min_{\Delta\theta} \; g^\top \Delta\theta", "u = arg min_Δθ gᵀΔθ"),
    (r"\lim_{t\to\infty} B_t = \frac{\sqrt{2590}}{7000}", "lim_t→∞ Bₜ = √2590/7000"),
    (r"\kappa_i^{\mathrm{L2}}", "κᵢᴸ²"),
    (r"x \in \mathbb{R}_{>0}", "x ∈ ℝ_>0"),
    (r"\begin{cases} 0 & \text{if } a < 1 \\ 1 & \text{otherwise} \end{cases}",
     "{ 0 if a < 1; 1 otherwise }"),
    (r"\foo{x} + \unknowncommand", "foo x + unknowncommand"),
]


@pytest.mark.parametrize(("latex", "text"), CASES)
def test_latex_to_unicode(latex: str, text: str) -> None:
    assert latex_to_unicode(latex) == text


def test_long_matrices_are_elided() -> None:
    column = [[str(k)] for k in range(20)]
    assert matrix_text(column) == "[0, 1, 2, …, 18, 19]ᵀ"
    wide = [[str(k) for k in range(10)] for _ in range(10)]
    text = matrix_text(wide)
    assert "⋮" in text and text.count("…") == 5 and len(text) < 150


LATEX_ALPHABET = st.sampled_from([r"\frac", r"\sqrt", r"\left(", r"\right)", r"\left\|",
                                  r"\right\|", "{", "}", "^", "_", "x", "2", " ", r"\alpha",
                                  r"\begin{matrix}", r"\end{matrix}", "&", r"\\", "-", "+",
                                  r"\text{a b}", r"\mathbb{R}", r"\hat", "[", "]", r"\,",
                                  r"\notacommand", "'", "="])


@given(st.lists(LATEX_ALPHABET, max_size=30).map("".join))
@example(r"{}\frac")
def test_any_latex_gives_text_without_commands(latex: str) -> None:
    text = latex_to_unicode(latex)
    assert "\\" not in text and not re.search(r"\s{2,}", text)
