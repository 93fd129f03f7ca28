"""False general statements that every norm's steepest-descent step points along −g, judged
against the verified updates of the parts (the ℓ2 and ℓ∞ steps are not parallel); true rules and
hedges about the same steps are left alone."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"
ANSWER = ("(a) u = −(α/2) g: gradient descent. {claim}\n\n"
          "(b) u = −(α/2)‖g‖₁ sign(g): sign descent.\n")


def _claimed(solved, claim: str) -> list[str]:
    report_a = graded_part(solved, PLI, ANSWER.replace("{claim}", claim), "a")
    report_b = graded_part(solved, PLI, ANSWER.replace("{claim}", claim), "b")
    return finding_kinds(report_a) + finding_kinds(report_b)


@pytest.mark.parametrize("claim", [
    "Every steepest-descent step, for any norm, is just a rescaled −g.",
    "The choice of norm only changes how far we go, never the direction.",
    "For all norms the update $u$ is a positive multiple of $-g$.",
    "All three norms give the same direction; only the length differs.",
    "In fact each norm never changes its direction — the norm only sets the step length.",
])
def test_every_norm_points_along_minus_g_is_false(solved, claim):
    assert "false-claim" in _claimed(solved, claim)


@pytest.mark.parametrize("claim", [
    "Every steepest-descent step is a descent direction: gᵀu < 0.",
    "Not every norm gives a multiple of −g: the ℓ∞ step is sign descent.",
    "For the Euclidean norm the step is a positive multiple of −g.",
    "Rescaling the loss by c > 0 never changes the direction of the step.",
    "Some norms may keep the direction of −g, but the max-norm does not.",
])
def test_true_rules_and_hedges_about_directions_are_not_false_claims(solved, claim):
    assert "false-claim" not in _claimed(solved, claim)


QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"
STEPS = "(a) With μ = 1 and L = 10 the largest stable step of GD is α = 2/L = 0.2. {claim}\n"


def _stable(solved, claim: str) -> list[str]:
    return finding_kinds(graded_part(solved, QD, STEPS.replace("{claim}", claim), "a"))


@pytest.mark.parametrize("claim", [
    "No first-order method — momentum included — can be stable with a step size larger "
    "than 2/L.",
    "All gradient methods diverge for step sizes above 0.2 on this problem.",
    "None of the methods converges with α larger than 2/L, heavy ball included.",
])
def test_a_ceiling_on_every_methods_stable_step_is_refuted_by_heavy_ball(solved, claim):
    assert "false-claim" in _stable(solved, claim)


@pytest.mark.parametrize("claim", [
    "Plain gradient descent diverges for step sizes above 2/L.",
    "Some methods may be unstable with a step larger than 2/L.",
    "No method here is stable with a step larger than 0.5.",
    "With a step larger than 2/L, gradient descent oscillates and diverges.",
])
def test_true_or_hedged_step_ceilings_are_not_false_claims(solved, claim):
    assert "false-claim" not in _stable(solved, claim)


def test_each_step_is_time_not_a_quantifier_over_methods(solved):
    text = ("(a) The residual contracts by |1 − 2η‖x‖²| < 1 each step, so SGD converges to the "
            "unique minimiser in span{x}, which is the minimum-norm solution.\n")
    part = graded_part(solved, "src/optiproof/problems/texts/optimizer-convergence.txt", text, "a")
    assert "false-claim" not in finding_kinds(part)


ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
RULE = ("(a) m_t = β₁ m_{t−1} + (1 − β₁) g_t, v_t = β₂ v_{t−1} + (1 − β₂) g_t², "
        "θ_t = θ_{t−1} − α m̂_t/(√v̂_t + ε). {claim}\n\n"
        "(b) E[m̂_t] = E[g] and E[v̂_t] = E[g²]: the correction is unbiased.\n")


def _adam(solved, claim: str) -> list[str]:
    text = RULE.replace("{claim}", claim)
    return finding_kinds(graded_part(solved, ADAM, text, "a")) + finding_kinds(
        graded_part(solved, ADAM, text, "b"))


@pytest.mark.parametrize("claim", [
    "The second moment $v_t$ is an estimate of the diagonal of the Hessian, so Adam is a "
    "diagonal Newton method.",
    "Put simply, v_t is an estimator of the local curvature.",
    "Here v̂_t is an unbiased estimate of the Hessian diagonal.",
])
def test_the_second_moment_called_a_curvature_estimate_is_false(solved, claim):
    assert "false-claim" in _adam(solved, claim)


@pytest.mark.parametrize("claim", [
    "Here v_t is an estimate of the uncentred second moment of the gradient.",
    "Note that v_t is not an estimate of the Hessian; it only tracks squared gradients.",
    "Some authors loosely say v_t may be an estimate of curvature, which is misleading.",
])
def test_true_or_denied_readings_of_the_second_moment_are_not_false_claims(solved, claim):
    assert "false-claim" not in _adam(solved, claim)
