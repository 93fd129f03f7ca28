"""How answers are written (mostly Adam): update rules as recursions under a gradient defined
in words, indices on the line (``β1``), expectations without brackets, ellipses inside sums,
headings that name their part after other words, topic-labelled summary cells, conditional,
hedged and derivation-stated identifications, values in a transformed problem, conditions in a
display, and false claims about SGD's weight decay. Each phrasing is ours, graded both ways."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

from optiproof.checking import check_answer

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
_part, _kinds = graded_part, finding_kinds

_RULE_TAIL = ("\n    mhat_t = m_t / (1 - beta1^t)\n    vhat_t = v_t / (1 - beta2^t)\n"
              "    theta_t = theta_{t-1} - alpha * mhat_t / (sqrt(vhat_t) + eps)\n")


@pytest.mark.parametrize("text", [
    "(a) The rule:\n\n    g_t = grad f(theta_{t-1})\n    m_t = beta1 * m_{t-1} + (1 - "
    "beta1) * g_t\n"
    "    v_t = beta2 * v_{t-1} + (1 - beta2) * g_t^2" + _RULE_TAIL,
    "(a) Let g_t = nabla L(w_{t-1}). Then m_t = b1*m_{t-1} + (1-b1)*g_t and\n"
    "v_t = b2*v_{t-1} + (1-b2)*g_t^2, and the step uses mhat_t and vhat_t:" + _RULE_TAIL,
    "## (a)\n\nWith gₜ = ∇f(θₜ₋₁):\n\nm_t = β1 m_{t-1} + (1−β1) g_t\n\n"
    "v_t = β2 v_{t-1} + (1−β2) g_t²\n\nm̂_t = m_t / (1 − β1^t), v̂_t = v_t / (1 − β2^t)\n\n"
    "θ_t = θ_{t-1} − α · m̂_t / (√v̂_t + ε)\n",
])
def test_recursions_under_a_gradient_defined_in_words_are_the_update_rule(solved, text):
    part = _part(solved, ADAM, text, "a")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("text", [
    "(a) The rule:\n\n    g_t = grad f(theta_{t-1})\n    m_t = beta1 * m_{t-1} + beta1 * g_t\n"
    "    v_t = beta2 * v_{t-1} + (1 - beta2) * g_t^2" + _RULE_TAIL,
    "## (a)\n\nm_t = β1 m_{t-1} + (1−β1) g_t\n\nv_t = β2 v_{t-1} + (1−β2) g_t\n\n"
    "m̂_t = m_t / (1 − β1^t), v̂_t = v_t / (1 − β2^t)\n\nθ_t = θ_{t-1} − α · m̂_t / (√v̂_t + ε)\n",
])
def test_a_wrong_recursion_is_still_wrong(solved, text):
    assert "wrong-answer" in _kinds(_part(solved, ADAM, text, "a"))


@pytest.mark.parametrize("text", [
    "(b) If the gradients are stationary,\n\n    E[m_t] = (1 - beta1) * E[g] * (1 + beta1 + ... "
    "+ beta1^(t-1)) = (1 - beta1^t) * E[g],\n\nso E[mhat_t] = E[g].\n",
    "(b) With stationary gradients, E[m_t] = (1−β₁)(1 + β₁ + … + β₁^{t−1}) E[g] = "
    "(1 − β₁^t) E[g], hence E[m̂_t] = E[g].\n",
    "(b) Stationary g: 𝔼mₜ = (1−β₁)(1 + β₁ + ⋯ + β₁ᵗ⁻¹)𝔼g = (1−β₁ᵗ)𝔼g ⇒ 𝔼m̂ₜ = 𝔼g; "
    "likewise 𝔼v̂ₜ = 𝔼g².\n",
])
def test_the_last_member_of_a_chain_through_a_sum_with_an_ellipsis_is_stated(solved, text):
    part = _part(solved, ADAM, text, "b")
    assert part.verdict == "correct", part.findings
    assert any(c.name == "E_m_t" for c in part.claimed)


@pytest.mark.parametrize("text", [
    "(b) With stationary gradients, E[m_t] = (1 - beta1) * E[g] * (1 + beta1 + ... "
    "+ beta1^(t-1)) = 0.5 * E[g], hence E[mhat_t] = E[g].\n",
    "(b) Stationary g: 𝔼mₜ = (1−β₁)(1 + β₁ + ⋯ + β₁ᵗ⁻¹)𝔼g = (1−β₁)𝔼g ⇒ 𝔼m̂ₜ = 𝔼g.\n",
])
def test_a_wrong_end_of_such_a_chain_is_wrong(solved, text):
    assert "wrong-answer" in _kinds(_part(solved, ADAM, text, "b"))


@pytest.mark.parametrize("heading", [
    "## Step 3 — the first step (part c)",
    "### Third question: part c",
    "## 3. First update (c)",
])
def test_a_heading_naming_its_part_after_other_words_opens_that_part(solved, heading):
    text = (f"{heading}\n\nWith ε = 0 and g₁ = [3, −0.5, 2], m̂₁ = g₁ and v̂₁ = g₁², so\n\n"
            "θ₁ − θ₀ = −α·sign(g₁) = **[−0.001, 0.001, −0.001]**.\n")
    report = check_answer(solved(ADAM), text)
    part = next(p for p in report.parts if p.label == "c")
    assert any(c.name == "first_step" for c in part.claimed), part.findings


@pytest.mark.parametrize("cell", [
    "mₜ, vₜ EMAs, bias-corrected, θₜ = θₜ₋₁ − α m̂ₜ/(√v̂ₜ + ε)",
    "see above; √v̂ = per-coordinate normalisation",
    "m_t and v_t as EMAs; theta_t = theta_{t-1} - alpha*mhat_t/(sqrt(vhat_t) + eps)",
])
def test_names_in_a_summary_cell_are_not_values_of_the_update(solved, cell):
    text = ("## (a)\n\n- mₜ = β₁mₜ₋₁ + (1−β₁)gₜ\n- vₜ = β₂vₜ₋₁ + (1−β₂)gₜ²\n"
            "- m̂ₜ = mₜ/(1−β₁ᵗ), v̂ₜ = vₜ/(1−β₂ᵗ)\n- θₜ = θₜ₋₁ − α·m̂ₜ/(√v̂ₜ + ε)\n\n"
            f"## Summary\n\n| Part | Answer |\n|---|---|\n| (a) update rule | {cell} |\n")
    part = _part(solved, ADAM, text, "a")
    assert part.verdict == "correct", part.findings


def test_a_summary_cell_stating_another_update_still_contradicts_the_body(solved):
    text = ("## (a)\n\n- mₜ = β₁mₜ₋₁ + (1−β₁)gₜ\n- vₜ = β₂vₜ₋₁ + (1−β₂)gₜ²\n"
            "- m̂ₜ = mₜ/(1−β₁ᵗ), v̂ₜ = vₜ/(1−β₂ᵗ)\n- θₜ = θₜ₋₁ − α·m̂ₜ/(√v̂ₜ + ε)\n\n"
            "## Summary\n\n| Part | Answer |\n|---|---|\n| (a) update rule | θₜ = θₜ₋₁ − "
            "α·mₜ/√vₜ |\n")
    assert _kinds(_part(solved, ADAM, text, "a"))


_RULE = "$$\\theta_t = \\theta_{t-1} - \\alpha \\frac{\\hat m_t}{\\sqrt{\\hat v_t}+\\epsilon}$$\n\n"


@pytest.mark.parametrize("sentence, fires", [
    ("In the extreme β₁ = β₂ = 0 (and ε = 0) it is exactly sign descent.", False),
    ("Dividing by the root of v normalises each coordinate; with β₁ = β₂ = 0 this update is "
     "exactly sign descent.", False),
    ("If beta1 = beta2 = 0 and eps = 0, it reduces to signSGD.", False),
    ("This update is exactly sign descent.", True),
    ("With β₁ = 0.5 it is exactly sign descent.", True),
])
def test_an_identification_is_no_claim_only_under_its_stated_condition(solved, sentence, fires):
    kinds = _kinds(_part(solved, ADAM, f"## (a)\n\n{_RULE}{sentence}\n", "a"))
    assert ("over-reach" in kinds) is fires


_FIRST = ("## (c)\n\nWith ε = 0, m̂₁ = g₁ and v̂₁ = g₁², so θ₁ − θ₀ = −α sign(g₁) = [−0.001, "
          "0.001, −0.001]. ")


@pytest.mark.parametrize("sentence, fires", [
    ("The first step is the same as a signSGD step.", False),
    ("In other words, Adam's first step is identical to the first step of sign descent.", False),
    ("i.e. exactly sign descent with step α.", False),
    ("Adam's first step is identical to RMSprop's first step.", True),
    ("The first step is the same as that of Adam, of signSGD and of RMSprop.", True),
])
def test_an_optimizer_is_over_reach_unless_its_update_is_the_verified_step(solved, sentence, fires):
    kinds = _kinds(_part(solved, ADAM, _FIRST + sentence, "c"))
    assert ("over-reach" in kinds) is fires


OC = "src/optiproof/problems/texts/optimizer-convergence.txt"
_OC_C_STEPS = ("(c) Feature j has second moment a_j², so each feature is divided by |a_j|. ")


@pytest.mark.parametrize("text", [
    _OC_C_STEPS + "SGD on the rescaled problem converges to its min-norm solution [1/3, 1/3, 1/3]. "
    "Mapping back to the original units then gives",
    "## (c)\n\nIn the new coordinates the data row is $[1, 1, 1]$ and the minimum-norm solution "
    "is $\\tilde\\theta = (1/3, 1/3, 1/3)$; undoing the scaling of each weight yields\n",
    "(c) After standardising, the solution for the rescaled weights is (1/3, 1/3, 1/3) — "
    "before mapping back.",
])
def test_a_value_in_the_transformed_problem_is_not_the_parts_answer(solved, text):
    part = _part(solved, OC, text, "c")
    assert part.verdict == "incomplete", part.findings
    assert "wrong-answer" not in _kinds(part)


@pytest.mark.parametrize("text", [
    _OC_C_STEPS + "SGD on the rescaled problem converges to [1/3, 1/3, 1/3]; mapping back "
    "gives θ = [1/3, 10/3, 100/3].",
    _OC_C_STEPS + "SGD on the rescaled problem converges to [1/3, 1/3, 1/3]; mapping back "
    "gives θ = [1/3, 1/30, 1/300].",
])
def test_the_mapped_back_value_is_still_graded(solved, text):
    part = _part(solved, OC, text, "c")
    assert part.claimed and part.verdict in ("correct", "incorrect")
    assert (part.verdict == "correct") is ("10/3" in text), part.findings


_OC_B = ("(b) Every step of O moves along sign(a) = [1, 1, 1], so the limit is "
         "θ = [100/111, 100/111, 100/111]. ")


@pytest.mark.parametrize("sentence, fires", [
    ("So O is sign descent on this problem.", False),
    ("In other words, O is just signSGD here.", False),
    ("O reduces to sign gradient descent with one example per epoch.", False),
    ("So O is sign descent on this problem -- equivalently normalized gradient descent.", True),
    ("O is signSGD here, which is the same method as normalised GD.", True),
])
def test_an_identification_is_over_reach_unless_the_verified_derivation_states_it(
        solved, sentence, fires):
    kinds = _kinds(_part(solved, OC, _OC_B + sentence, "b"))
    assert ("over-reach" in kinds) is fires


SD = "src/optiproof/problems/steepest-descent-numeric.yaml"
_SD_C = "## (c)\n\nThe best vertex of the ℓ₁ ball is d = (−0.1, 0, 0), value gᵀd = −0.3. "


@pytest.mark.parametrize("sentence, fires", [
    ("This is coordinate descent, which can also be read as sign descent on one coordinate, "
     "i.e. signSGD.", True),
    ("Greedy coordinate descent, which could equally be seen as Adam restricted to one "
     "coordinate.", True),
    ("It is coordinate descent — and may also be viewed as sign descent.", True),
    ("This is coordinate descent (the greedy variant).", False),
    ("This is coordinate descent; with a squared max-norm penalty one would instead get sign "
     "descent.", False),
    ("Coordinate descent. Sign descent might also come to mind, but it moves every "
     "coordinate.", False),
])
def test_a_hedged_reading_as_another_optimizer_identifies_a_mention_beside_it_does_not(
        solved, sentence, fires):
    kinds = _kinds(_part(solved, SD, _SD_C + sentence, "c"))
    assert ("over-reach" in kinds) is fires


@pytest.mark.parametrize("text", [
    "(c) u = (−0.1, 0, 0), with value −0.3; coordinate descent.",
    "(c) Only the largest coordinate moves: u = (−0.1, 0, 0), and value = −0.3. Coordinate "
    "descent.",
    "## (c)\n\n$u = (-0.1, 0, 0)$, its value $-0.3$: coordinate descent.\n",
])
def test_value_after_the_step_is_the_minimum_value(solved, text):
    part = _part(solved, SD, text, "c")
    assert part.verdict == "correct", part.findings


_ADAM_E = ("## (e)\n\nWith L2 the decay term λθ is divided by √v̂ₜ; AdamW applies it outside: "
           "θₜ = θₜ₋₁ − α(m̂ₜ/(√v̂ₜ + ε) + λθₜ₋₁), a factor 1 − αλ = 0.99999 per step. ")


@pytest.mark.parametrize("remark, fires", [
    ("With plain SGD, too, L2 regularisation and weight decay are genuinely different, "
     "whatever λ.", True),
    ("Note that even for vanilla gradient descent, L2 and weight decay remain distinct "
     "updates.", True),
    ("Decoupling is necessary for every optimizer, adaptive or not.", True),
    ("For plain SGD the two coincide (up to rescaling λ by the learning rate).", False),
    ("Unlike SGD, for Adam L2 and weight decay differ.", False),
    ("For SGD they are the same update; for Adam L2 and weight decay differ.", False),
])
def test_l2_and_weight_decay_said_to_differ_for_sgd_is_false(solved, remark, fires):
    kinds = _kinds(_part(solved, ADAM, _ADAM_E + remark, "e"))
    assert ("false-claim" in kinds) is fires


@pytest.mark.parametrize("display", [
    "$$1-\\alpha\\lambda = 0.99999 \\text{ for } \\lambda = 0.01$$",
    "$$1-\\alpha\\lambda = 0.99999 \\quad\\text{for } \\lambda = 0.01 \\text{ and } \\alpha "
    "= 10^{-3}$$",
    "$$\\theta_t = (1-\\alpha\\lambda)\\theta_{t-1} - \\alpha u_t,\\qquad 1-\\alpha\\lambda "
    "= 0.99999 "
    "\\text{ when } \\lambda = 0.01.$$",
])
def test_values_after_a_condition_in_a_display_are_the_condition(solved, display):
    text = ("## (e)\n\nL2 puts λθ through the 1/√v̂ scaling, so the decay differs by coordinate; "
            f"AdamW decays every weight alike:\n\n{display}\n")
    part = _part(solved, ADAM, text, "e")
    assert "wrong-answer" not in _kinds(part), part.findings


_SD_A = "(a) u = −(α/2) g = (−0.75, 0.25, −0.5), value −1.75. "


@pytest.mark.parametrize("sentence, fires", [
    ("This is gradient descent, equivalently Adagrad.", True),
    ("This is gradient descent with step 0.25, i.e. Adam.", True),
    ("This is gradient descent; Adagrad or diagonal Adam cannot be written as such a step.",
     False),
    ("This is gradient descent. Adam can never arise this way, being adaptive.", False),
    ("Gradient descent with step 0.25 — RMSprop could not be obtained like this.", False),
])
def test_an_optimizer_named_as_what_cannot_be_done_is_no_identification(solved, sentence,
                                                                          fires):
    assert ("over-reach" in _kinds(_part(solved, SD, _SD_A + sentence, "a"))) is fires
