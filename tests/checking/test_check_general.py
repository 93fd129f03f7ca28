"""False general statements found from their content: a universal claim about several methods,
schemes or norms that the verified answers contradict is a false claim; the same words hedged,
denied, or true of the verified answers are not."""

from __future__ import annotations

import pytest

from optiproof.checking import check_answer

OC = "src/optiproof/problems/texts/optimizer-convergence.txt"
DT = "src/optiproof/problems/texts/distributed-training.txt"
PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"
SD = "src/optiproof/problems/steepest-descent-numeric.yaml"
_ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"

_OC_A = "(a) The limit is $\\theta = (0.990, 0.0990, 0.00990)$, the minimum-norm solution. "
_DT = ("All-to-all: n(n-1) messages of size p. Parameter server: 2n messages of size p. "
       "Ring all-reduce: 2n(n-1) messages of size p/n. ")
_SD_B = "(b) $u = (-1.5, 1.5, -1.5)$, sign descent, about 2.78 times as long as the step of (a). "
_PLI_A = "(a) $u = -\\frac{\\alpha}{2} g$: gradient descent with step α/2. "


def _false_claims(solved, problem: str, text: str, label: str) -> list[str]:
    report = check_answer(solved(problem), text, strict_problem=False)
    part = next(p for p in report.parts if p.label == label)
    return [f.message for f in part.findings if f.kind == "false-claim"]


@pytest.mark.parametrize("problem, text, label", [
    (OC, _OC_A + "Any first-order optimizer started from the origin — plain SGD, heavy ball, "
     "Adam or AdaGrad — stays in the span of the data and therefore lands on the minimum-norm "
     "interpolant.", "a"),
    (DT, _DT + "Ring all-reduce always sends fewer messages.", "main"),
    (SD, _SD_B + "In general the max-norm step is always shorter than the Euclidean step.", "b"),
    (PLI, _PLI_A + "Euclidean steepest descent is invariant to rescaling the loss.", "a"),
    # a cost "no matter how many workers" that grows with n
    (DT, _DT + "A nice feature of the server: the load it carries stays at 2p per step "
     "regardless of the number of workers.", "main"),
    # a universal claim about preconditioners, wrapped over two lines by the writer
    (OC, _OC_A + "\n\n(b) Note that every fixed diagonal\npreconditioner keeps the limit of "
     "gradient descent the same.", "b"),
])
def test_a_universal_claim_the_verified_answers_contradict_is_false(solved, problem, text,
                                                                    label):
    assert _false_claims(solved, problem, text, label)


_ADAM_D = "(d) The largest per-coordinate step is α(1−β₁)/√(1−β₂) = √10·α ≈ 3.16·10⁻³. "
_OC_C = "(c) Rescaling, running SGD and mapping back gives θ = (1/3)(1, 10, 100). "


@pytest.mark.parametrize("problem, text, label, false", [
    (_ADAM, _ADAM_D + "Whatever the gradients, an Adam step can never exceed α.", "d", True),
    (_ADAM, _ADAM_D + "Adam's first step never exceeds α in any coordinate.", "d", False),
    (_ADAM, _ADAM_D + "Typically a step is at most about α.", "d", False),
    (_ADAM, _ADAM_D + "So a single step can never exceed √10·α.", "d", False),
    (OC, _OC_C + "Feature rescaling never changes the point SGD ends up at.", "c", True),
    (OC, _OC_C + "Rescaling does change the point SGD ends up at.", "c", False),
    (OC, _OC_C + "A constant factor in the loss only rescales the gradient; it never moves the "
     "limit.", "c", False),
    (DT, _DT + "All three schemes move the same total amount of data.", "main", True),
    (DT, _DT + "The parameter server and all-to-all send messages of the same size.", "main",
     False),
    (DT, _DT + "The traffic of ring all-reduce does not grow with the number of workers.",
     "main", True),
    (DT, _DT + "What each worker sends in ring all-reduce barely depends on the number of "
     "workers.", "main", False),
])
def test_a_ceiling_a_sameness_or_a_constant_cost_is_judged_by_the_verified_answers(
        solved, problem, text, label, false):
    assert bool(_false_claims(solved, problem, text, label)) is false


@pytest.mark.parametrize("problem, text, label", [
    # denied or hedged
    (OC, _OC_A + "Not every method started at zero ends at the minimum-norm solution: "
     "sign-based ones do not.", "a"),
    (OC, _OC_A + "Some methods started at zero may also reach the minimum-norm solution.", "a"),
    (PLI, _PLI_A + "Euclidean steepest descent is not invariant to rescaling the loss: the step "
     "grows with g.", "a"),
    # true of the verified answers
    (OC, _OC_A + "Gradient descent, SGD and heavy-ball momentum all converge to this same "
     "minimum-norm solution from zero.", "a"),
    (DT, _DT + "Ring all-reduce sends smaller messages than the parameter server.", "main"),
    (DT, _DT + "The parameter server always sends fewer messages than ring all-reduce for "
     "n ≥ 2.", "main"),
    (SD, _SD_B + "Here the max-norm step is longer than the Euclidean step.", "b"),
    (SD, _SD_B + "The ℓ2 step is always shorter than the ℓ∞ step here.", "b"),
    (DT, _DT + "Each parameter-server message has size p no matter how many workers there "
     "are.", "main"),
])
def test_a_true_or_hedged_general_statement_is_not_a_false_claim(solved, problem, text, label):
    assert not _false_claims(solved, problem, text, label)


_ADAM_B = ("(b) Unrolling, E[m_t] = (1 - β₁ᵗ) E[g] and E[v_t] = (1 - β₂ᵗ) E[g²], hence "
           "E[m̂_t] = E[g] and E[v̂_t] = E[g²]. ")


@pytest.mark.parametrize("remark, false", [
    ("So v̂_t is an unbiased estimator of the variance of each gradient coordinate.", True),
    ("So m̂_t is an unbiased estimate of the mean of the gradient.", False),
    ("So v̂_t is an unbiased estimate of the raw second moment, not of the variance.", False),
])
def test_an_estimator_claim_is_judged_by_the_verified_expectation(solved, remark, false):
    assert bool(_false_claims(solved, _ADAM, _ADAM_B + remark, "b")) is false


_ADAM_E = ("(e) With L2 the term λθ is added to g before the normalisation, so it is divided by "
           "$\\sqrt{\\hat v}$ as well; AdamW subtracts $\\alpha\\lambda\\theta$ directly. ")


@pytest.mark.parametrize("remark, false", [
    ("Rescaling helps: AdamW with decay λ is precisely equivalent to Adam with an L2 "
     "coefficient of λ/α.", True),
    ("So AdamW is not equivalent to Adam with an L2 penalty, whatever coefficient one "
     "picks.", False),
    ("Honestly the two are interchangeable: AdamW with λ = 0.01 is just Adam with an L2 "
     "coefficient of λ/α.", True),
    ("So AdamW is not simply Adam with a rescaled L2 coefficient.", False),
])
def test_an_equivalence_of_two_methods_is_judged_by_their_verified_answers(solved, remark,
                                                                          false):
    assert bool(_false_claims(solved, _ADAM, _ADAM_E + remark, "e")) is false


QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"
_QD_B = "(b) α* = 2/11 and the optimal rate is ρ* = 9/11 ≈ 0.818. "


@pytest.mark.parametrize("remark, false", [
    ("No choice of momentum can beat 9/11 per step.", True),
    ("$9/11$ is the fastest rate achievable by any first-order method on this quadratic.", True),
    ("In fact no first-order method improves on (κ−1)/(κ+1) = 9/11 here.", True),
    ("No constant step size beats 9/11 for plain gradient descent.", False),
    ("No step size lets gradient descent do better than 9/11 per step.", False),
    ("Some momentum methods may beat 9/11.", False),
    ("Heavy-ball momentum can beat 9/11.", False),
])
def test_a_universal_bound_on_rates_is_judged_by_the_verified_rates(solved, remark, false):
    assert bool(_false_claims(solved, QD, _QD_B + remark, "b")) is false


@pytest.mark.parametrize("remark, false", [
    ("Note that ℓ₂ is special: it is the only norm for which the penalized and the "
     "norm-constrained problems give steps in the same direction.", True),
    ("$\\ell_2$ is the only geometry where penalizing instead of constraining the step leaves "
     "its direction unchanged.", True),
    ("The Euclidean norm is the only norm whose penalty and ball constraint produce parallel "
     "steps.", True),
    ("For every norm the penalized and the constrained problems give steps in the same "
     "direction; only the length differs.", False),
    ("ℓ₂ is not the only norm for which the penalized and constrained steps share a "
     "direction.", False),
    ("ℓ₂ is the only norm here whose penalized step is plain gradient descent.", False),
])
def test_a_uniqueness_claim_is_judged_by_the_other_norms_verified_steps(solved, remark, false):
    assert bool(_false_claims(solved, PLI, _PLI_A + remark, "a")) is false


_SD_A = "(a) u = −(α/2) g = (−0.75, 0.25, −0.5), value −1.75: gradient descent with step 0.25. "


@pytest.mark.parametrize("remark, false", [
    ("Gradient descent is the only optimizer that this construction gives with a quadratic "
     "norm.", True),
    ("Preconditioned methods such as Adagrad cannot be written as a penalized step with any "
     "weighted norm.", True),
    ("In fact diagonal Adam cannot be obtained from an ellipsoidal norm penalty.", True),
    ("Preconditioned gradient descent comes from the weighted quadratic norm √(dᵀPd).", False),
    ("Sign descent cannot be written with a quadratic norm; it needs the max-norm.", False),
    ("Gradient descent is the only optimizer here, since the norm is the plain ℓ2 norm.", False),
])
def test_a_claim_that_no_quadratic_norm_gives_preconditioning_is_refuted(solved, remark, false):
    assert bool(_false_claims(solved, SD, _SD_A + remark, "a")) is false
