"""More mechanisms behind misses of blind batch K, each tried in phrasings of my own, both ways:

- words naming a scalar quantity (a length) do not label a vector: "…, with length 1.5:
  d = (…)" states the step;
- a minimum written over its feasible set (``min_{‖d‖₁ ≤ η} gᵀd = …``) states the minimum
  value;
- a related optimizer named with its condition in words ("Adam with no momentum/averaging",
  "Shampoo without accumulation") is a true relation, not over-reach; without the whole
  condition it still is;
- LARS and LAMB are catalogue optimizers: naming one for another part's update is over-reach;
- a plain-text matrix written one row a line is one value;
- "gradient descent reaches the minimum-norm solution from any start" is refuted by another
  minimiser of the exact loss (a start there never moves);
- a hedge the sentence overturns ("one might expect …, but in fact …") leaves the rule it then
  states; "not just on quadratics" widens a rate claim.
"""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part, verified_solution
from hypothesis import given, settings
from hypothesis import strategies as st

SDN = "src/optiproof/problems/steepest-descent-numeric.yaml"
PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"
OC = "src/optiproof/problems/texts/optimizer-convergence.txt"
QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"


def _about(part, answer: str) -> list[str]:
    return [f.kind for f in part.findings if f.answer == answer]


# -- a length does not label a vector ----------------------------------------------------------

_LENGTH_LEAD = {
    "display": "(b) The best direction in the box is $-\\mathrm{sign}(g) = (-1, 1, -1)$, with "
               "length $t = \\tfrac{\\alpha}{2}\\|g\\|_1 = 1.5$:\n\n$$d_b = {v}$$\n\nSign descent.\n",
    "plain": "(b) best direction -sign(g) = (-1, 1, -1), of length t = 1.5:\n    d = {v}\n"
             "signSGD\n",
    "magnitude": "(b) Each coordinate gets magnitude 1.5, the norm t of the step; the minimiser "
                 "is\n\n$$u = {v}$$\n\nwhich is sign descent.\n",
}


@pytest.mark.parametrize("style", sorted(_LENGTH_LEAD))
def test_a_length_lead_leaves_the_step_to_the_vector(solved, style):
    right = graded_part(solved, SDN, _LENGTH_LEAD[style].replace("{v}", "(-1.5, 1.5, -1.5)"), "b")
    assert _about(right, "update") == []
    wrong = graded_part(solved, SDN, _LENGTH_LEAD[style].replace("{v}", "(-3, 3, -3)"), "b")
    assert _about(wrong, "update") == ["wrong-answer"]


_DIRECTION = {
    "with-length": "(b) The optimal direction is −sign(g) = (−1, 1, −1), with length t = 1.5.{s}\n",
    "scaled": "(b) best direction: -sign(g) = (-1, 1, -1) scaled by alpha*||g||_1/2 = 1.5.{s}\n",
    "after-the-step": "(b){s} Its direction, $-\\mathrm{sign}(g) = (-1, 1, -1)$, has magnitude "
                      "1.5 in every coordinate.\n",
}


@pytest.mark.parametrize("style", sorted(_DIRECTION))
def test_a_direction_given_its_length_is_not_the_step(solved, style):
    alone = graded_part(solved, SDN, _DIRECTION[style].replace("{s}", ""), "b")
    assert "wrong-answer" not in _about(alone, "update")
    step = " So the step is d = (−1.5, 1.5, −1.5), sign descent."
    both = graded_part(solved, SDN, _DIRECTION[style].replace("{s}", step), "b")
    assert _about(both, "update") == []


# -- a minimum over its feasible set ----------------------------------------------------------

_MIN_OVER = {
    "latex": "(c) $\\min_{\\|d\\|_1\\le\\eta} g^\\top d = -\\eta\\|g\\|_\\infty = {v}$, at "
             "$d = (-0.1, 0, 0)$: greedy coordinate descent.\n",
    "plain": "c) min_{||u||_1 <= 0.1} gᵀu = {v}, reached at u = (-0.1, 0, 0) (greedy coordinate "
             "descent)\n",
    "inf": "(c) Greedy coordinate descent: $u = (-0.1, 0, 0)$ and "
           "$\\inf_{\\|u\\|_1 \\le 0.1} \\langle g, u\\rangle = {v}$.\n",
}


@settings(max_examples=6, deadline=None)
@given(st.sampled_from(sorted(_MIN_OVER)), st.sampled_from(["-0.6", "-0.2", "-1.75", "0.3"]))
def test_a_minimum_over_its_set_states_the_minimum_value(style, wrong):
    right = graded_part(verified_solution, SDN, _MIN_OVER[style].replace("{v}", "-0.3"), "c")
    assert right.verdict == "correct" and not right.findings
    bad = graded_part(verified_solution, SDN, _MIN_OVER[style].replace("{v}", wrong), "c")
    assert _about(bad, "minimum value") == ["wrong-answer"]


# -- a relation with its condition in words ---------------------------------------------------

_SIGN_STEP = "(b) u = -(α/2)||g||_1 sign(g): sign descent ({why}).\n"


@pytest.mark.parametrize("why", ["the same as Adam with no momentum/averaging",
                                 "Adam with its moving averages switched off",
                                 "equivalently Adam without momentum and without second-moment "
                                 "averaging"])
def test_adam_with_its_averaging_dropped_is_sign_descent(solved, why):
    part = graded_part(solved, PLI, _SIGN_STEP.replace("{why}", why), "b")
    assert part.verdict == "correct" and not part.findings


@pytest.mark.parametrize("why", ["the same as Adam with no momentum",
                                 "equivalently Adam"])
def test_adam_without_the_whole_condition_is_over_reach(solved, why):
    part = graded_part(solved, PLI, _SIGN_STEP.replace("{why}", why), "b")
    assert "over-reach" in finding_kinds(part)


_MUON = ("(e) D = -(α/2)||G||_* U Vᵀ ≈ [[0.218, -0.901], [-1.218, -0.866], [0.935, -0.918]]. "
         "Optimizer: Muon, {why}.\n")


@pytest.mark.parametrize("why", ["equivalently Shampoo without accumulation",
                                 "the same as Shampoo with no preconditioner accumulation",
                                 "i.e. Shampoo with its accumulation turned off"])
def test_shampoo_without_accumulation_is_muon(solved, why):
    part = graded_part(solved, SDN, _MUON.replace("{why}", why), "e")
    assert part.verdict == "correct" and not part.findings


def test_shampoo_without_the_condition_is_over_reach(solved):
    part = graded_part(solved, SDN, _MUON.replace("{why}", "equivalently Shampoo"), "e")
    assert "over-reach" in finding_kinds(part)


# -- LARS and LAMB -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["LARS", "layer-wise adaptive rate scaling", "LAMB"])
def test_a_layerwise_method_named_for_the_spectral_step_is_over_reach(solved, name):
    text = ("(e) D = -(α/2)||G||_* U Vᵀ ≈ [[0.218, -0.901], [-1.218, -0.866], [0.935, -0.918]]"
            f"\n\nOptimizer: {name}.\n")
    part = graded_part(solved, SDN, text, "e")
    assert "over-reach" in finding_kinds(part)


# -- a matrix written one row a line -----------------------------------------------------------

_ROWS = {
    "indented": "e) D = -(α/2)||G||_* U Vᵀ\n   D ≈ [[ {x}, -0.901],\n        [-1.218, -0.866],\n"
                "        [ 0.935, -0.918]]\n   Muon\n",
    "flush": "e) update:\nD = [[{x}, -0.901],\n[-1.218, -0.866],\n[0.935, -0.918]]\nthis is Muon\n",
    "two-per-line": "e) Muon. The step D ≈ [[{x}, -0.901], [-1.218, -0.866],\n"
                    "   [0.935, -0.918]]\n",
}


@pytest.mark.parametrize("style", sorted(_ROWS))
def test_a_matrix_one_row_a_line_is_one_value(solved, style):
    right = graded_part(solved, SDN, _ROWS[style].replace("{x}", "0.218"), "e")
    assert right.verdict == "correct" and not right.findings
    wrong = graded_part(solved, SDN, _ROWS[style].replace("{x}", "0.518"), "e")
    assert wrong.verdict != "correct" and _about(wrong, "update")


# -- the minimum-norm solution from any start --------------------------------------------------

_LIMIT_A = "(a) θ = x/‖x‖² ≈ [0.990, 0.0990, 0.00990], the minimum-norm solution. "


@pytest.mark.parametrize("rule", [
    "Gradient descent on least squares reaches the minimum-norm solution from any initialisation.",
    "In fact SGD ends at the min-norm interpolant regardless of the starting point.",
    "Plain gradient descent converges to the minimum-norm solution whatever the initial point.",
])
def test_min_norm_from_any_start_is_a_false_claim(solved, rule):
    part = graded_part(solved, OC, _LIMIT_A + rule + "\n", "a")
    assert "false-claim" in finding_kinds(part)


@pytest.mark.parametrize("rule", [
    "Gradient descent started from zero reaches the minimum-norm solution.",
    "From any start in the row space of X, gradient descent reaches the minimum-norm solution.",
    "A naive guess would be that gradient descent reaches the minimum-norm solution from any "
    "start.",
    "Gradient descent from any initialisation reaches the solution closest to its start.",
])
def test_min_norm_from_a_stated_start_is_no_finding(solved, rule):
    part = graded_part(solved, OC, _LIMIT_A + rule + "\n", "a")
    assert part.verdict == "correct" and not part.findings


# -- an overturned hedge; a rate widened beyond quadratics -------------------------------------

_STEPS = ("(a) u = -(α/2) g, gradient descent.\n\n(b) u = -(α/2)‖g‖₁ sign(g), sign descent. "
          "{rule}\n")


@pytest.mark.parametrize("rule", [
    "One might expect it to be longer, but in fact the max-norm step is always shorter in "
    "Euclidean norm than the gradient-descent step.",
    "You might guess the opposite, but actually the ℓ∞ step is always shorter in the ℓ2 norm "
    "than the ℓ2 step.",
    "It may look large, yet in reality the ℓ∞ step is always shorter than the Euclidean step.",
])
def test_an_overturned_hedge_leaves_the_rule(solved, rule):
    part = graded_part(solved, PLI, _STEPS.replace("{rule}", rule), "b")
    assert "false-claim" in finding_kinds(part)


@pytest.mark.parametrize("rule", [
    "One might expect the max-norm step to be always shorter, but in fact it is never shorter "
    "than the Euclidean step.",
    "It might be shorter for some gradients than the gradient-descent step.",
])
def test_a_kept_hedge_or_a_true_rule_is_no_finding(solved, rule):
    part = graded_part(solved, PLI, _STEPS.replace("{rule}", rule), "b")
    assert "false-claim" not in finding_kinds(part)


_HEAVY = ("(d) α* = 4/(√10 + 1)² ≈ 0.231, β* = ((√10 − 1)/(√10 + 1))² ≈ 0.270, rate ≈ 0.519. "
          "{rule}\n")


@pytest.mark.parametrize("rule", [
    "Heavy ball reaches this accelerated rate on every smooth strongly convex function, not just "
    "on quadratics.",
    "Heavy ball keeps this accelerated rate on all strongly convex objectives, not only for "
    "quadratics.",
    "Heavy ball attains the accelerated rate on any smooth strongly convex loss, not merely on "
    "quadratics.",
])
def test_a_rate_widened_beyond_quadratics_is_a_false_claim(solved, rule):
    part = graded_part(solved, QD, _HEAVY.replace("{rule}", rule), "d")
    assert "false-claim" in finding_kinds(part)


def test_a_rate_kept_to_quadratics_is_no_finding(solved):
    rule = "Heavy ball reaches this accelerated rate on quadratics; on general functions it may not."
    part = graded_part(solved, QD, _HEAVY.replace("{rule}", rule), "d")
    assert "false-claim" not in finding_kinds(part)


@pytest.mark.parametrize("text", [
    "(b) In the sign direction, the step is u = (-1.5, 1.5, -1.5), of length 2.6; sign descent.\n",
    "(b) Along the direction -sign(g): d = (-1.5, 1.5, -1.5), with magnitude 1.5 per coordinate. "
    "Sign descent.\n",
])
def test_a_step_named_by_its_symbol_near_a_direction_stays_the_step(solved, text):
    right = graded_part(solved, SDN, text, "b")
    assert _about(right, "update") == []
    wrong = graded_part(solved, SDN, text.replace("1.5, -1.5)", "1.5, -2.5)"), "b")
    assert _about(wrong, "update") == ["wrong-answer"]


# -- bias correction for any gradient sequence -------------------------------------------------

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
_STATIONARY = ("(b) With stationary gradients E[m_t] = (1 − β₁ᵗ)E[g], so E[m̂_t] = E[g], and likewise "
               "E[v̂_t] = E[g²]. {rule}\n")


@pytest.mark.parametrize("rule", [
    "In fact bias correction makes m̂_t unbiased for any gradient sequence; stationarity is "
    "never used.",
    "The corrected estimates are unbiased even for non-stationary gradients.",
    "So bias correction gives unbiased moment estimates regardless of the gradient distribution.",
])
def test_unbiased_for_any_sequence_is_a_false_claim(solved, rule):
    part = graded_part(solved, ADAM, _STATIONARY.replace("{rule}", rule), "b")
    assert "false-claim" in finding_kinds(part)


@pytest.mark.parametrize("rule", [
    "The corrected estimates are unbiased only for stationary gradients.",
    "For non-stationary gradients the corrected estimates are not unbiased in general.",
    "A naive reading would be that m̂_t is unbiased for any gradient sequence.",
])
def test_unbiased_under_stationarity_is_no_finding(solved, rule):
    part = graded_part(solved, ADAM, _STATIONARY.replace("{rule}", rule), "b")
    assert "false-claim" not in finding_kinds(part)
