"""Bias correction switched off as a setting of the Adam run: the per-coordinate size of a later
uncorrected step on given gradients, a part that computes an earlier quantity "again" under its
own instruction, a factor the text names between the uncorrected and the corrected step; loss
scaling with ε > 0 answers whether the step changes; a bound written after a value ("ε = 10^-6
> 0", "g_t = g > 0") is not the value, and a stated sign of a constant gradient is used.
Expected values come from Adam's recurrence written here, never from the code under test."""

from __future__ import annotations

import math

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.reading.partial import answerable

_FAST = SolveOptions(figures=False, run_witnesses=False)


def _raw_steps(grads: list[list[float]], b1: float, b2: float, lr: float) -> list[float]:
    """The last step of Adam without bias correction (eps = 0) on the gradient rows."""
    m = [0.0] * len(grads[0])
    v = [0.0] * len(grads[0])
    step: list[float] = []
    for g in grads:
        m = [b1 * a + (1 - b1) * x for a, x in zip(m, g)]
        v = [b2 * a + (1 - b2) * x * x for a, x in zip(v, g)]
        step = [-lr * a / math.sqrt(b) for a, b in zip(m, v)]
    return step


def _complete(text: str):
    """The reading of ``text``, which must be complete."""
    reading = read_report(text)
    assert reading.complete, reading.unread()
    return reading


def _values(solution, label: str | None = None) -> list[dict]:
    part = solution.parts[0] if label is None else next(
        p for p in solution.parts if p.label == label)
    return [a.to_dict() for a in part.answers]


_LATER_SIZE = [
    # forum
    ("hi, adam question. settings: beta1={b1}, beta2={b2}, lr={lr}, eps=0, m0 = v0 = 0, first "
     "grad g_1 = ({x}, {y}).\n(1) turn the bias correction off. suppose g_2 = g_1 too. whats "
     "the size of each coordinate of Δθ_2?"),
    # LaTeX
    (r"Adam with $\beta_1 = {b1}$, $\beta_2 = {b2}$, $\alpha = {lr}$, $\epsilon = 0$; the first "
     r"gradient is $g_1 = ({x}, {y})$." "\n"
     r"\item[(a)] Without bias correction, and with $g_2 = g_1$, give the magnitude of each "
     r"coordinate of $\Delta\theta_2$."),
    # ASCII
    ("Adam: beta1 = {b1}, beta2 = {b2}, alpha = {lr}, eps = 0. g1 = [{x}, {y}].\n"
     "a) No bias correction. Let g2 = g1. What is the size of each coordinate of Delta theta_2?"),
    # PDF copy: ligatures, hyphenated line breaks, subscripts run into their letters
    ("Adam: β1 = {b1}, β2 = {b2}, α = {lr}, ε = 0. The ﬁrst gradient is g1 = ({x}, {y}).\n"
     "(a) Without bias cor-\nrection and with g2 = g1, give the magnitude of each coordi-\n"
     "nate of Δθ2 ."),
]


@pytest.mark.parametrize("template", _LATER_SIZE)
@settings(max_examples=3, deadline=None)
@given(x=st.sampled_from([-3, -1, 2, 4]), y=st.sampled_from([-2, 1, 5]),
       b1=st.sampled_from([0.5, 0.8, 0.9]), b2=st.sampled_from([0.75, 0.9, 0.99]))
def test_each_coordinate_of_a_later_uncorrected_step(template, x, y, b1, b2):
    lr = 0.01
    reading = _complete(template.format(b1=b1, b2=b2, lr=lr, x=x, y=y))
    answers = _values(solve_problem(reading.to_problem(), _FAST))
    want = _raw_steps([[x, y], [x, y]], b1, b2, lr)
    step = next(a for a in answers if a["name"] == "step 2 without bias correction")
    assert step["value"] == pytest.approx(want, rel=1e-9)
    size = next(a for a in answers if a["name"].startswith("size of each coordinate's step 2"))
    assert size["value"] == pytest.approx(abs(want[0]), rel=1e-9)


_SETTING = "Adam uses beta1 = 0.9, beta2 = 0.999, eps = 0, lr = 0.001 and g_1 = (2, -1).\n"


@pytest.mark.parametrize("first, again", [
    ("(1) With the standard bias correction, find the first step θ_1 − θ_0.",
     "(2) Now turn the bias correction off. Compute Δθ_1 again."),
    ("a) Give the first update Δθ_1.", "b) Then drop bias correction and redo the first "
                                        "update Δθ_1."),
], ids=["again", "redo"])
def test_a_part_redoing_an_earlier_computation_under_its_own_instruction(first, again):
    reading = _complete(f"{_SETTING}{first}\n{again}")
    parts, refused = answerable(reading)
    assert (refused, len(parts)) == ({}, 2)
    answers = _values(solve_problem(reading.to_problem(), _FAST), parts[1].label)
    step = next(a for a in answers if a["name"] == "step 1 without bias correction")
    assert step["value"] == pytest.approx(_raw_steps([[2, -1]], 0.9, 0.999, 0.001), rel=1e-9)


def test_again_after_an_earlier_part_that_states_its_own_value_stays_unresolved():
    text = ("Adam uses beta1 = 0.9, beta2 = 0.999, lr = 0.001 and g_1 = (2, -1).\n"
            "(1) Take eps = 0.5 and find the first step θ_1 − θ_0.\n"
            "(2) Now turn the bias correction off. Compute Δθ_1 again.")
    reading = read_report(text)
    if reading.complete:    # part (2) may not take part (1)'s ε unseen: it is not answered
        parts, refused = answerable(reading)
        assert [p.label for p in parts] != ["1", "2"] or \
            reading.parts[1].value("eps") == 0.5


@pytest.mark.parametrize("text", [
    "Adam, lr = 0.001, β1 = 0.9, β2 = 0.999, ε = 0, g_1 = (1, -3).\n"
    "(a) Compute the first step θ_1 − θ_0.\n"
    "(b) The loss is multiplied by c = 64 before the optimizer step. Does the first step "
    "change?",
])
def test_before_followed_by_a_noun_is_not_a_back_reference(text):
    reading = read_report(text)
    parts, refused = answerable(reading)
    assert "b" in [p.label for p in parts], refused


_SCALE_EPS = [
    "Adam with lr = 0.01, beta1 = 0.9, beta2 = 0.999, eps = {eps}, m_0 = v_0 = 0; the first "
    "gradient is g_1 = (2, -0.5). If the loss is multiplied by c = {c}, does the first step "
    "change?",
    r"Adam ($\alpha = 0.01$, $\beta_1 = 0.9$, $\beta_2 = 0.999$, $\epsilon = {eps}$). "
    r"Multiply the loss by $c = {c}$. Does rescaling the loss change the update?",
]


@pytest.mark.parametrize("template", _SCALE_EPS)
@settings(max_examples=4, deadline=None)
@given(eps=st.sampled_from(["1e-8", "0.001", "0.5"]), c=st.sampled_from(["1", "3", "1000"]))
def test_loss_scaling_with_positive_eps_says_whether_the_step_changes(template, eps, c):
    reading = _complete(template.format(eps=eps, c=c))
    assert reading.parts[0].value("eps") == pytest.approx(float(eps))
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    part = solution.parts[0]
    claim = next(a.to_dict() for a in part.answers if a.name == "the updates change")
    # eps > 0: Adam on c L is Adam on L with eps / c, which differs exactly when c != 1
    assert claim["value"] is (c != "1")
    assert part.verified, [ch.detail for ch in part.checks]


@pytest.mark.parametrize("text, eps", [
    ("Consider Adam with step size α and ε = 10^-6 > 0. The loss is multiplied by a constant "
     "c = 10. Does the update change?", 1e-6),
    ("Adam (eps = 0.01 > 0), lr 0.1. Scale the loss by c = 2: does the step change?", 0.01),
])
def test_a_bound_after_a_value_is_not_the_value(text, eps):
    reading = read_report(text)
    assert reading.parts[0].value("eps") == pytest.approx(eps)


@pytest.mark.parametrize("sign, written", [(1, "g > 0"), (-1, "g < 0"), (1, "g_t = g > 0")])
@settings(max_examples=3, deadline=None)
@given(t=st.integers(1, 6))
def test_a_stated_sign_of_a_constant_gradient_gives_the_step(sign, written, t):
    text = (r"Adam keeps $m_t$ and $v_t$ with $m_0 = v_0 = 0$ and bias correction; take "
            rf"$\epsilon = 0$. The gradient is the same every step, $g_t = g$, with ${written}$."
            "\n(a) What is the update θ_t − θ_{t-1} with bias correction?")
    reading = _complete(text)
    assert reading.parts[0].value("gradient_sign") == sign
    answers = _values(solve_problem(reading.to_problem(), _FAST))
    step = next(a for a in answers if a["name"] == "step, constant gradient")
    alpha = sympy.Symbol("alpha", positive=True)
    # m_hat = g and v_hat = g^2 at every t: the step is -alpha g / |g|
    assert sympy.simplify(sympy.sympify(step["expr"], locals={"alpha": alpha})
                          + sign * alpha) == 0


@pytest.mark.parametrize("template", [
    "Adam with ε = 0 and a constant gradient g_t = g > 0. Without bias correction (m_t over "
    "sqrt(v_t)) the step is the corrected one multiplied by a factor {q}. Give {q} in terms of "
    "t, β_1, β_2.",
    r"Adam, $\epsilon = 0$, constant gradient $g_t = g$. If we skip the bias correction, the "
    r"update equals the bias-corrected update times a factor ${q}$. Find ${q}$.",
])
@pytest.mark.parametrize("q", ["q_t", "k_t"])
def test_a_named_factor_between_the_uncorrected_and_the_corrected_step(template, q):
    reading = _complete(template.format(q=q))
    answers = _values(solve_problem(reading.to_problem(), _FAST))
    ratio = next(a for a in answers if a["name"] == "ratio to the corrected step")
    t = sympy.Symbol("t", integer=True, positive=True)
    b1, b2 = sympy.symbols("beta1 beta2", nonnegative=True)
    got = sympy.sympify(ratio["expr"], locals={"t": t, "beta1": b1, "beta2": b2})
    for tv, v1, v2 in [(1, 0.9, 0.999), (3, 0.5, 0.9), (10, 0.8, 0.99)]:
        want = (1 - v1 ** tv) / math.sqrt(1 - v2 ** tv)
        assert float(got.subs({t: tv, b1: v1, b2: v2})) == pytest.approx(want, rel=1e-12)


def test_without_bias_correction_with_no_run_or_factor_still_refuses():
    text = ("Adam with β1 = 0.9, β2 = 0.999, lr = 0.001.\n"
            "(a) Without bias correction, what is the Hessian of the loss?")
    reading = read_report(text)
    assert not reading.complete
    assert any("Hessian" in line for line in reading.unread())


@pytest.mark.parametrize("text", [
    "Adam, lr = 0.01, eps = 0, g_1 = (3, -1).\n(a) Set β_1 = β_2 = 0. What does Adam become? "
    "Write the update.",
    "Adam with lr = 0.01, eps = 0 and gradient g_1 = (3, -1).\n(a) With beta1 = beta2 = 0, "
    "which method is it? Give its update.",
])
def test_write_the_update_in_the_no_memory_limit(text):
    reading = _complete(text)
    part = solve_problem(reading.to_problem(), SolveOptions(figures=False)).parts[0]
    general = next(a.to_dict() for a in part.answers
                   if a.name == "sign_limit_step_any_gradient")
    g = sympy.Symbol("g_t", real=True, nonzero=True)
    lr = sympy.Symbol("lr", positive=True)
    got = sympy.sympify(general["expr"], locals={"g_t": g, "lr": lr})
    for gv in (2.5, -0.3):
        assert float(got.subs({g: gv, lr: 0.01})) == pytest.approx(-0.01 * math.copysign(1, gv))
    assert part.verified, [ch.detail for ch in part.checks]
