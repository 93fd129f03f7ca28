"""Mechanisms behind the misses of blind batch H, each tried in several styles of my own, both
ways:

- a line standing on its own (an indented or bold formula, a list item) completes the
  unfinished sentence before it ("the largest step is" / "is at most"): those words name its
  value, unless the line opens with its own subject;
- a side computation with brackets inside it (``(= (100/111)·[1, 1, 1])``) is not part of the
  value, and a ``±`` keeps a chain together (``M∇f = sign(∇f) = ±[1, 1, 1]`` is one step);
- a subject written as a formula after the word naming it (``value −η‖g‖∞ = −0.3``);
- a comparison of the steps of two norms refuted by the verified steps even when no part asks
  their ratio (measured at a few gradients);
- a list of optimizers given as the part's answer (``Muon, Adafactor, or LAMB``) names each;
- the bias-corrected estimates called unbiased when the gradient distribution drifts.
"""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
OC = "src/optiproof/problems/texts/optimizer-convergence.txt"
SDN = "src/optiproof/problems/steepest-descent-numeric.yaml"
PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"

# -- a line completing the sentence before it ------------------------------------------------

_BOUND = {
    "indented-plain": "(d) The worst case is a lone nonzero gradient. So one step is at most\n\n"
                      "    alpha*(1 - beta1)/sqrt(1 - beta2) = sqrt(10)*alpha = 0.00316\n",
    "bold-unicode": "(d) With a gradient that was zero before, the largest step is\n\n"
                    "**α(1 − β₁)/√(1 − β₂) = √10·α ≈ 3.16 × 10⁻³.**\n",
    "list-terse": "(d) Largest per-coordinate step:\n\n- 0.1/sqrt(0.001) * 0.001 ≈ 0.00316\n",
    "latex-display": "(d) A single coordinate can move by at most\n\n"
                     "$$\\alpha\\frac{1-\\beta_1}{\\sqrt{1-\\beta_2}} = \\sqrt{10}\\,\\alpha$$\n",
}


@pytest.mark.parametrize("style", sorted(_BOUND))
def test_a_line_completing_an_unfinished_sentence_states_the_bound(solved, style):
    part = graded_part(solved, ADAM, _BOUND[style], "d")
    assert part.verdict == "correct" and not part.findings, (part.verdict, part.findings)


_WRONG_BOUND = {
    "indented-plain": "(d) So one step is at most\n\n    5 * alpha = 0.005\n",
    "bold-unicode": "(d) So the largest step is\n\n**α/(2(1 − β₁)) = 0.005**\n",
    "latex-display": "(d) A single coordinate can move by at most\n\n$$5\\,\\alpha = 0.005$$\n",
}


@pytest.mark.parametrize("style", sorted(_WRONG_BOUND))
def test_a_wrong_bound_completing_the_sentence_is_a_wrong_answer(solved, style):
    part = graded_part(solved, ADAM, _WRONG_BOUND[style], "d")
    assert "wrong-answer" in finding_kinds(part), part.findings


_OWN_SUBJECT = {
    "plain": "(a) SGD stays on the line through a, at the normalised direction of a:\n"
             "      theta = [0.995, 0.0995, 0.00995]\n",
    "unicode": "(a) It ends at the direction of a:\n\n    θ = [0.995, 0.0995, 0.00995]\n",
    "markdown": "**(a)** The iterates end up along the direction of a:\n\n"
                "**θ = [0.995, 0.0995, 0.00995]**\n",
}


@pytest.mark.parametrize("style", sorted(_OWN_SUBJECT))
def test_a_line_with_its_own_subject_is_read_by_it_not_by_the_lead_in(solved, style):
    part = graded_part(solved, OC, _OWN_SUBJECT[style], "a")
    assert "wrong-answer" in finding_kinds(part), part.findings


# -- side computations and ± ------------------------------------------------------------------

_SIDE = {
    "plain": "(b) M grad = sign(grad) = ±[1, 1, 1], so the method is sign descent: "
             "theta = [0.9009, 0.9009, 0.9009] (= (100/111)·[1, 1, 1]).\n",
    "unicode": "(b) M∇f = sign(∇f) = ±[1, 1, 1]. It moves along [1, 1, 1] until aᵀθ = 1: "
               "θ = [0.9009, 0.9009, 0.9009] (≈ (100/111)·(1, 1, 1)).\n",
    "markdown": "**(b)** So M∇f = ±[1, 1, 1] and θ = [0.9009, 0.9009, 0.9009] "
                "(= (1/1.11)·[1, 1, 1]).\n\n| Method | Limit |\n|---|---|\n"
                "| O | [0.9009, 0.9009, 0.9009] |\n",
}


@pytest.mark.parametrize("style", sorted(_SIDE))
def test_a_side_computation_with_brackets_is_not_the_value(solved, style):
    part = graded_part(solved, OC, _SIDE[style], "b")
    assert part.verdict == "correct" and not part.findings, (part.verdict, part.findings)


_SIDE_WRONG = {
    "plain": "(b) M grad = ±[1, 1, 1]: theta = [0.5, 0.5, 0.5] (= (1/2)·[1, 1, 1]).\n",
    "unicode": "(b) M∇f = sign(∇f) = ±[1, 1, 1], so θ = [0.5, 0.5, 0.5] (= (1/2)·(1, 1, 1)).\n",
    "markdown": "**(b)** M∇f = ±[1, 1, 1]; **θ = [1, 1, 1]** (= (1)·[1, 1, 1]).\n",
}


@pytest.mark.parametrize("style", sorted(_SIDE_WRONG))
def test_a_wrong_value_before_a_side_computation_is_still_graded(solved, style):
    part = graded_part(solved, OC, _SIDE_WRONG[style], "b")
    assert "wrong-answer" in finding_kinds(part), part.findings


# -- a subject written as a formula ------------------------------------------------------------

_VALUE = {
    "unicode": "(c) d = (−0.1, 0, 0), value −η‖g‖∞ = −0.3. Coordinate descent.\n",
    "plain": "(c) d = (-0.1, 0, 0), with value -eta*||g||_inf = -0.3. Coordinate descent.\n",
    "latex": "(c) $d = (-0.1, 0, 0)$, value $-\\eta\\|g\\|_\\infty = -0.3$. Coordinate "
             "descent.\n",
}


@pytest.mark.parametrize("style", sorted(_VALUE))
def test_a_value_named_by_a_word_before_its_formula_is_the_minimum_value(solved, style):
    part = graded_part(solved, SDN, _VALUE[style], "c")
    assert part.verdict == "correct" and not part.findings, (part.verdict, part.findings)


@pytest.mark.parametrize("style", sorted(_VALUE))
def test_a_wrong_value_named_that_way_is_not_accepted(solved, style):
    # a wrong value in plain prose is weak: never "correct", never a wrong answer on its own
    text = _VALUE[style].replace("−0.3", "−0.6").replace("-0.3", "-0.6")
    part = graded_part(solved, SDN, text, "c")
    assert part.verdict != "correct" and part.findings, (part.verdict, part.findings)


# -- comparing the steps of two norms -------------------------------------------------------------

_PLI_ANSWER = ("(a) u = −(α/2) g: gradient descent.\n\n"
               "(b) u = −(α/2)‖g‖₁ sign(g): sign descent.\n")
_SHORTER = {
    "prose": "Note that the ℓ∞ step is always shorter in Euclidean length than the ℓ₂ step.",
    "latex": "In general the $\\ell_\\infty$ step is shorter than the $\\ell_2$ step.",
    "plain": "The max-norm step is always smaller than the l2 step, since it cannot weight "
             "large coordinates.",
}
_LONGER = {
    "prose": "Note that the ℓ∞ step is never shorter in Euclidean length than the ℓ₂ step.",
    "latex": "In general the $\\ell_\\infty$ step is longer than the $\\ell_2$ step.",
    "plain": "The max-norm step is at least as long as the l2 step; it is not smaller.",
}


@pytest.mark.parametrize("style", sorted(_SHORTER))
def test_a_false_comparison_of_two_norms_steps_is_refuted_by_the_verified_steps(solved, style):
    part = graded_part(solved, PLI, _PLI_ANSWER + _SHORTER[style] + "\n", "b")
    assert "false-claim" in finding_kinds(part), part.findings


@pytest.mark.parametrize("style", sorted(_LONGER))
def test_a_true_comparison_of_two_norms_steps_is_no_false_claim(solved, style):
    part = graded_part(solved, PLI, _PLI_ANSWER + _LONGER[style] + "\n", "b")
    assert "false-claim" not in finding_kinds(part), part.findings


# -- a list of optimizers as the answer ----------------------------------------------------------

_MUON = "(e) u ≈ [[0.218, −0.901], [−1.218, −0.866], [0.935, −0.918]]. "
_LISTED = {
    "table": "\n\n| Geometry | Optimizer |\n|---|---|\n| spectral | Muon, Adafactor, or LAMB |\n",
    "prose": "Optimizer: Muon or Adafactor.\n",
    "slash": "This is Muon/Adafactor.\n",
}
_ONE = {
    "table": "\n\n| Geometry | Optimizer |\n|---|---|\n| spectral | Muon |\n",
    "prose": "Optimizer: Muon (not Adafactor).\n",
    "offer": "This is Muon. Would you like me to compare it with Adafactor or Shampoo?\n",
}


@pytest.mark.parametrize("style", sorted(_LISTED))
def test_a_list_of_optimizers_given_as_the_answer_over_reaches(solved, style):
    part = graded_part(solved, SDN, _MUON + _LISTED[style], "e")
    assert "over-reach" in finding_kinds(part), part.findings


@pytest.mark.parametrize("style", sorted(_ONE))
def test_one_optimizer_given_as_the_answer_does_not(solved, style):
    part = graded_part(solved, SDN, _MUON + _ONE[style], "e")
    assert "over-reach" not in finding_kinds(part), part.findings


# -- unbiased under drift ------------------------------------------------------------------------

_B = "(b) E[m_t] = (1 − β₁ᵗ) E[g], so E[m̂_t] = E[g] and likewise E[v̂_t] = E[g²]. "
_DRIFTS = {
    "prose": "The correction keeps m̂_t unbiased even when the gradient distribution drifts.",
    "markdown": "**Non-stationary gradients are no problem: m̂ and v̂ still stay unbiased.**",
    "latex": "Stationarity is not needed: $\\hat m_t$ is unbiased for any drifting "
             "$\\mathbb{E}[g_t]$.",
}
_STATIONARY = {
    "prose": "This needs stationary gradients: when the distribution drifts, m̂_t is biased.",
    "markdown": "**Under drift the estimates are no longer unbiased.**",
    "latex": "For stationary gradients $\\hat m_t$ is unbiased; with a changing mean it is not.",
}


@pytest.mark.parametrize("style", sorted(_DRIFTS))
def test_unbiased_under_drift_is_a_false_claim(solved, style):
    part = graded_part(solved, ADAM, _B + _DRIFTS[style] + "\n", "b")
    assert "false-claim" in finding_kinds(part), part.findings


@pytest.mark.parametrize("style", sorted(_STATIONARY))
def test_unbiased_for_stationary_gradients_only_is_no_false_claim(solved, style):
    part = graded_part(solved, ADAM, _B + _STATIONARY[style] + "\n", "b")
    assert "false-claim" not in finding_kinds(part), part.findings


# -- a factor stated in words ---------------------------------------------------------------------

_C = "(c) θ₁ − θ₀ = [−0.001, 0.001, −0.001]. "
_FACTOR_WRONG = {
    "plain": "Rescaling the loss by c: so yes, the update changes: it is multiplied by sqrt(c).",
    "markdown": "With the loss times c, **the update scales proportionally with $c$**.",
    "latex": "Hence the step $\\Delta\\theta$ picks up a factor of $c^2$ when the loss is scaled.",
    "table": "\n\n| Part | Answer |\n|---|---|\n| (c) | $[-0.001, 0.001, -0.001]$; scales with $c$ |\n",
}
_FACTOR_RIGHT = {
    "plain": "Rescaling the loss by c: m^ is multiplied by c and sqrt(v^) is multiplied by c, so "
             "the update does not change.",
    "markdown": "The first moment **scales with $c$**, the root of the second moment too: the "
                "update is unchanged.",
    "latex": "So the step $\\Delta\\theta$ is multiplied by $c/c = 1$: it does not change.",
}


@pytest.mark.parametrize("style", sorted(_FACTOR_WRONG))
def test_a_wrong_factor_of_the_update_in_words_is_a_wrong_answer(solved, style):
    part = graded_part(solved, ADAM, _C + _FACTOR_WRONG[style] + "\n", "c")
    assert "wrong-answer" in finding_kinds(part), part.findings


@pytest.mark.parametrize("style", sorted(_FACTOR_RIGHT))
def test_a_factor_of_an_ingredient_or_a_factor_of_one_is_no_wrong_answer(solved, style):
    part = graded_part(solved, ADAM, _C + _FACTOR_RIGHT[style] + "\n", "c")
    assert part.verdict == "correct" and not part.findings, (part.verdict, part.findings)


# -- momentum always faster --------------------------------------------------------------------

QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"
_D = "(d) α* ≈ 0.231, β* ≈ 0.270, rate ≈ 0.519. "
_ALWAYS = {
    "prose": "Adding heavy-ball momentum always speeds gradient descent up.",
    "latex": "For any $\\beta \\in (0, 1)$ and the same step size, heavy ball converges at "
             "least as fast as plain GD.",
    "markdown": "**With every momentum β, heavy ball is no slower than GD.**",
}
_SOMETIMES = {
    "prose": "With the tuned β, heavy-ball momentum speeds gradient descent up.",
    "latex": "Momentum does not always help: at $\\beta = 0.9$ and the same step it is slower.",
    "markdown": "**For a suitable β, heavy ball is faster than GD.**",
}


@pytest.mark.parametrize("style", sorted(_ALWAYS))
def test_momentum_always_faster_is_refuted_on_the_spectrum(solved, style):
    part = graded_part(solved, QD, _D + _ALWAYS[style] + "\n", "d")
    assert "false-claim" in finding_kinds(part), part.findings


@pytest.mark.parametrize("style", sorted(_SOMETIMES))
def test_momentum_faster_when_tuned_is_no_false_claim(solved, style):
    part = graded_part(solved, QD, _D + _SOMETIMES[style] + "\n", "d")
    assert "false-claim" not in finding_kinds(part), part.findings


# -- a single coordinate, ties or not ------------------------------------------------------------

_L1 = "(c) d = (−0.1, 0, 0), value −0.3. Coordinate descent. "
_ONE_ALWAYS = {
    "prose": "In general, an ℓ1-constrained step always changes exactly one coordinate, even if "
             "several entries of g tie for the largest magnitude.",
    "latex": "The minimiser is always a single vertex $\\pm\\eta e_i$, whatever $g$ is.",
    "terse": "Even with ties, only one coordinate moves.",
}
_ONE_HERE = {
    "prose": "Here the step changes exactly one coordinate, because |g_1| = 3 is the largest.",
    "latex": "With a tie for the largest $|g_i|$ the minimiser is not unique (a whole face).",
    "terse": "Only coordinate 1 moves.",
}


@pytest.mark.parametrize("style", sorted(_ONE_ALWAYS))
def test_always_one_coordinate_is_refuted_by_a_tie(solved, style):
    part = graded_part(solved, SDN, _L1 + _ONE_ALWAYS[style] + "\n", "c")
    assert "false-claim" in finding_kinds(part), part.findings


@pytest.mark.parametrize("style", sorted(_ONE_HERE))
def test_one_coordinate_here_or_a_face_with_ties_is_no_false_claim(solved, style):
    part = graded_part(solved, SDN, _L1 + _ONE_HERE[style] + "\n", "c")
    assert "false-claim" not in finding_kinds(part), part.findings


_BUILT = {
    "prose": "(b) u = −(α/2)‖g‖₁ sign(g) = (−1.5, 1.5, −1.5): the sign step scaled by α‖g‖₁/2. "
             "Ratio of lengths ≈ 2.78.",
    "latex": "(b) $u = (-1.5, 1.5, -1.5)$, i.e. the step $-\\mathrm{sign}(g)$ multiplied by "
             "$\\alpha\\|g\\|_1/2$; length ratio $\\approx 2.78$.",
    "plain": "(b) u = (-1.5, 1.5, -1.5), the step is -sign(g) scaled by alpha*||g||_1/2 = 1.5; "
             "length ratio 2.78.",
    "number": "(b) u = (−1.5, 1.5, −1.5): the step is −sign(g) scaled by 1.5; length ratio "
              "≈ 2.78.",
}


@pytest.mark.parametrize("style", sorted(_BUILT))
def test_a_step_built_by_scaling_states_no_ratio(solved, style):
    part = graded_part(solved, SDN, _BUILT[style] + " Sign descent.\n", "b")
    assert "wrong-answer" not in finding_kinds(part), part.findings


# -- a comparison of speeds is no identification ---------------------------------------------------

_AS_FAST = {
    "prose": "For any β and the same step size, heavy ball converges at least as fast as "
             "plain GD.",
    "latex": "At the same step, heavy ball with $\\beta = 0.27$ is no slower than gradient "
             "descent.",
    "markdown": "**Heavy ball, with the same step size, is as fast as GD or faster.**",
}


@pytest.mark.parametrize("style", sorted(_AS_FAST))
def test_a_comparison_of_speeds_is_no_over_reach(solved, style):
    part = graded_part(solved, QD, _D + "This is heavy ball. " + _AS_FAST[style] + "\n", "d")
    assert "over-reach" not in finding_kinds(part), part.findings
