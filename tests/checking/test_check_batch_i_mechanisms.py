"""Mechanisms behind the misses of blind batch I, each tried in several styles of my own, both
ways:

- ``⊘`` / ``\\oslash`` is element-wise division, as ``⊙`` / ``\\odot`` is element-wise product;
- a formula written with a symbol the verified derivation defines written out (the bias
  correction inline, ``m_t/(1 − β₁ᵗ)`` for ``m̂_t``) states the same answer;
- values one worker sends "in total" are a volume, not the size of each message;
- a number that is not whole is no count (iterations, messages) unless named so, and a
  ``max`` of numbers worked out to a number is a worked example;
- an abbreviated count in brackets after a value (``0.85 (86 its)``) names that value's
  neighbour, not the column's quantity;
- a table closing a two-part answer whose rows name both parts by their content is its
  summary, even with no rule before it.
"""

from __future__ import annotations

import pytest
import sympy
from conftest import finding_kinds, graded_part, verified_solution
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.checking.compare import matches
from optiproof.checking.expect import derivation_definitions, expectations, written_out
from optiproof.checking.formula import parse_value

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"
DT = "src/optiproof/problems/texts/distributed-training.txt"
PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"

_MOMENTS = ("$m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t$ and "
            "$v_t = \\beta_2 v_{t-1} + (1-\\beta_2) g_t^2$.\n\n")

# -- element-wise division ---------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 999), st.integers(1, 999))
def test_elementwise_division_reads_as_division(a, b):
    want = sympy.Rational(a, b)
    assert parse_value(f"{a} \\oslash {b}", latex=True) == want
    assert parse_value(f"{a} ⊘ {b}", latex=False) == want


_OSLASH = {
    "latex-list": "(a) Per coordinate:\n\n1. " + _MOMENTS + "2. $\\hat m_t = m_t/(1-\\beta_1^t)$, "
                  "$\\hat v_t = v_t/(1-\\beta_2^t)$\n3. $\\theta_t = \\theta_{t-1} - \\alpha\\, "
                  "\\hat m_t \\oslash (\\sqrt{\\hat v_t} + \\epsilon)$\n",
    "unicode": "(a) " + _MOMENTS + "The step divides element by element:\n\n"
               "    θ_t = θ_{t-1} − α · m̂_t ⊘ (√v̂_t + ε)\n",
}


# -- the derivation's definitions written out ------------------------------------------------


def test_the_derivation_defines_the_corrected_moments():
    part = verified_solution(ADAM).parts[0]
    defined = derivation_definitions(part)
    assert {"mhat_t", "vhat_t"} <= set(defined)
    update = next(e for e in expectations(part) if e.quantity == "update-rule")
    assert update.forms and all(not {"mhat_t", "vhat_t"} & {s.name for s in f.free_symbols}
                                for f in update.forms)


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 50), st.integers(1, 50))
def test_a_definition_written_out_keeps_the_value(m, v):
    part = verified_solution(ADAM).parts[0]
    defined = derivation_definitions(part)
    update = next(e for e in expectations(part) if e.quantity == "update-rule")
    t = sympy.Symbol("t")
    at = {sympy.Symbol("m_t"): m, sympy.Symbol("v_t"): v, t: 3, sympy.Symbol("epsilon"): 0}
    corrected = {sympy.Symbol(k): defined[k].xreplace(at) for k in ("mhat_t", "vhat_t")}
    assert sympy.simplify(update.value.xreplace(at).xreplace(corrected)
                          - written_out(update.value, defined)[0].xreplace(at)) == 0


def test_a_value_without_the_defined_symbols_has_no_other_form():
    x, y = sympy.symbols("x y")
    assert written_out(x + y, {"z": x}) == ()
    assert written_out(sympy.Integer(3), {"x": y}) == ()


_INLINE = {
    "latex": "(a) " + _MOMENTS + "$$\\theta_t = \\theta_{t-1} - \\alpha\\,\\frac{m_t/(1-\\beta_1^t)}"
             "{\\sqrt{v_t/(1-\\beta_2^t)} + \\epsilon}$$\n",
    "plain": "(a) m_t = beta1*m_{t-1} + (1 - beta1)*g_t, v_t = beta2*v_{t-1} + (1 - beta2)*g_t^2.\n"
             "Update:\n\n    theta_t = theta_{t-1} - alpha*(m_t/(1 - beta1^t))/(sqrt(v_t/(1 - "
             "beta2^t)) + eps)\n",
    "unicode": "(a) " + _MOMENTS + "The step, with the corrections written in:\n\n"
               "    Δθ_t = −α·(m_t/(1 − β₁ᵗ))/(√(v_t/(1 − β₂ᵗ)) + ε)\n",
}


_RIGHT_UPDATES = {**{f"oslash-{k}": v for k, v in _OSLASH.items()},
                  **{f"inline-{k}": v for k, v in _INLINE.items()}}


def _right(solved, problem: str, text: str, *labels: str) -> None:
    """Every part of ``labels`` is graded correct, with no finding."""
    for label in labels:
        part = graded_part(solved, problem, text, label)
        assert part.verdict == "correct" and not part.findings, (label, part.findings)


@pytest.mark.parametrize("style", sorted(_RIGHT_UPDATES))
def test_elementwise_division_and_inline_corrections_state_the_update(solved, style):
    _right(solved, ADAM, _RIGHT_UPDATES[style], "a")


_INLINE_WRONG = {
    "no-square-root": "(a) " + _MOMENTS + "$$\\theta_t = \\theta_{t-1} - \\alpha\\,\\frac{m_t/"
                      "(1-\\beta_1^t)}{v_t/(1-\\beta_2^t) + \\epsilon}$$\n",
    "no-correction": "(a) " + _MOMENTS + "The step:\n\n    θ_t = θ_{t-1} − α·m_t/(√v_t + ε)\n",
    "swapped": "(a) " + _MOMENTS + "$$\\theta_t = \\theta_{t-1} - \\alpha\\,\\frac{m_t/(1-\\beta_2^t)}"
               "{\\sqrt{v_t/(1-\\beta_1^t)} + \\epsilon}$$\n",
}


@pytest.mark.parametrize("style", sorted(_INLINE_WRONG))
def test_a_wrong_inline_correction_is_a_wrong_answer(solved, style):
    part = graded_part(solved, ADAM, _INLINE_WRONG[style], "a")
    assert "wrong-answer" in finding_kinds(part), (part.verdict, part.findings)


# -- a volume in total is not a message size ---------------------------------------------------

_TABLE = ("| scheme | messages | size of each |\n|---|---|---|\n| all-to-all | $n(n-1)$ | $p$ |\n"
          "| parameter server | $2n$ | $p$ |\n| ring all-reduce | $2n(n-1)$ | {ring} |\n")
_VOLUME = {
    "values": "Around the ring each node ships $2(n-1)p/n \\approx 2p$ values in total.\n\n",
    "floats-sent": "In the ring, a single GPU therefore moves 2(n-1)*p/n ≈ 2p floats sent in "
                   "total.\n\n",
    "entries": "**Ring.** So one worker puts $2\\frac{n-1}{n}p$ entries in total on the wire.\n\n",
}


@pytest.mark.parametrize("style", sorted(_VOLUME))
def test_values_sent_in_total_are_not_the_message_size(solved, style):
    _right(solved, DT, _VOLUME[style] + _TABLE.format(ring="$p/n$"), "main")


@pytest.mark.parametrize("style", sorted(_VOLUME))
def test_a_wrong_size_beside_a_volume_is_still_wrong(solved, style):
    text = _VOLUME[style] + _TABLE.format(ring="$p$")
    part = graded_part(solved, DT, text, "main")
    assert {"wrong-answer", "inconsistency"} & set(finding_kinds(part)), part.findings


# -- counts and worked maxima ------------------------------------------------------------------

_MAXIMUM = {
    "latex": "(c) For $\\alpha = 0.15$ the two modes give $\\max\\{|1-0.15|, |1-1.5|\\} = 0.85$; "
             "reaching $10^{-6}$ takes $k = 86$ iterations.\n",
    "plain": "(c) With alpha = 0.15: max(0.85, 0.5) = 0.85. We need k = 86 steps for a 1e-6 "
             "reduction.\n",
    "unicode": "(c) At α = 0.15 the modes give max{0.85, 0.5} = 0.85, and ⌈ln 10⁻⁶ / ln 0.85⌉ = 86 iterations.\n",
}


@pytest.mark.parametrize("style", sorted(_MAXIMUM))
def test_a_worked_maximum_states_the_rate(solved, style):
    _right(solved, QD, _MAXIMUM[style], "c")


_FRACTIONAL_COUNT = {
    "plain": "(c) The rate is 0.85. Hence the number of iterations needed is **85.3**.\n",
    "symbol": "(c) $\\rho = 0.85$ and $k = 85.3$.\n",
}


@pytest.mark.parametrize("style", sorted(_FRACTIONAL_COUNT))
def test_a_named_count_that_is_not_whole_is_wrong(solved, style):
    part = graded_part(solved, QD, _FRACTIONAL_COUNT[style], "c")
    assert "wrong-answer" in finding_kinds(part), part.findings


_IN_BRACKETS = {
    "its": "0.85 (86 its)",
    "iterations": "$0.85$ [$86$ iterations]",
    "iters": "0.85 (86 iters)",
}


@pytest.mark.parametrize("style", sorted(_IN_BRACKETS))
def test_a_count_in_brackets_is_not_the_columns_value(solved, style):
    text = ("(c) The contraction per step is $\\rho = 0.85$, so $k = 86$.\n\n"
            "| | step | rate |\n|---|---|---|\n"
            f"| GD at 0.15 | 0.15 | {_IN_BRACKETS[style]} |\n")
    _right(solved, QD, text, "c")


# -- a table closing a two-part answer ---------------------------------------------------------

_BODY = ("**(a)** Setting the gradient to zero, $u = -\\frac{\\alpha}{2} g$: gradient descent.\n\n"
         "**(b)** With the max-norm the best direction is $-\\mathrm{sign}(g)$ and the length is "
         "$\\alpha\\|g\\|_1/2$, so $u = -\\frac{\\alpha}{2}\\|g\\|_1\\,\\mathrm{sign}(g)$: sign "
         "descent.\n\n")
_ROWS = {
    "words": ("Euclidean, squared", "max-norm, squared"),
    "symbols": ("$\\|\\cdot\\|_2^2$", "$\\|\\cdot\\|_\\infty^2$"),
    "names": ("L2 penalty", "L-infinity penalty"),
}


def _closing_table(rows: tuple[str, str], second: str) -> str:
    return (_BODY + "| penalty | update |\n|---|---|\n"
            f"| {rows[0]} | $-\\frac{{\\alpha}}{{2}} g$ |\n| {rows[1]} | {second} |\n")


@pytest.mark.parametrize("style", sorted(_ROWS))
def test_a_closing_table_of_a_two_part_answer_is_its_summary(solved, style):
    text = _closing_table(_ROWS[style], "$-\\frac{\\alpha}{2}\\,\\mathrm{sign}(g)$")
    part = graded_part(solved, PLI, text, "b")
    assert "inconsistency" in finding_kinds(part), part.findings


@pytest.mark.parametrize("style", sorted(_ROWS))
def test_a_closing_table_that_agrees_is_no_finding(solved, style):
    text = _closing_table(_ROWS[style], "$-\\frac{\\alpha}{2}\\|g\\|_1\\,\\mathrm{sign}(g)$")
    _right(solved, PLI, text, "a", "b")
