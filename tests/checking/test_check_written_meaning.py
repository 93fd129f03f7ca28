"""Correct answers written in ways the checker misread, each tried in phrasings of my own,
with a wrong twin where the same reading must still catch an error:

- AdamW's decay written as the term the update adds (``−αλθ``), or inside the AdamW update;
- a symbol named as what something does not change with ("invariant under c") is no value;
- ``E[g²] = s²`` names ``s`` as the root of the expectation: ``s²(1 − β₂ᵗ)`` is ``E[v_t]``;
- "Total:" concludes a count summed from its pieces; what one worker sends over a step is a
  volume, not a message size; a superlative is read over its own clause only;
- "the same solution plane" is a set, not a claim that the methods agree;
- a display with its own subject is not ruled out by the sentence before it;
- a whole-number entry of a vector is exact; transformed data is no limit;
- ``a = α > 0`` defines ``a`` as ``α`` (the bound is a condition);
- "Adam with β₁ = β₂ = 0" names the condition of sign descent (ε = 0 is the idealisation);
- "the optimum is −1.75" states the optimal value; a table of the given gradient's norms above
  the parts is no summary; a value said to hold for a range of α that excludes the given α,
  and every member of a family ("all u = −t sign(g)"), are not the answer;
- a sign or bound claimed of a quantity for every problem ("the optimal value is always at
  least 0") is judged against the verified answers of that quantity.
"""

from __future__ import annotations

import pytest
from conftest import assert_outcome, graded_part

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
DIST = "src/optiproof/problems/texts/distributed-training.txt"
CONV = "src/optiproof/problems/texts/optimizer-convergence.txt"
PENAL = "src/optiproof/problems/texts/penalized-linear-improvement.txt"
NUMERIC = "src/optiproof/problems/steepest-descent-numeric.yaml"

_L2 = ("(e) With an L2 term, λθ is added to the gradient, goes through both moments and is "
       "divided by √v̂, so each weight decays at its own rate. ")

_DECAY = {
    "update-term": (_L2 + "AdamW instead adds the term $-\\alpha\\lambda\\,\\theta_{t-1}$ to "
                          "the step, the same for every weight.", "correct"),
    "update-term-wrong": (_L2 + "AdamW instead adds the term $-2\\alpha\\lambda\\,\\theta_{t-1}$ "
                                "to the step, the same for every weight.", "wrong"),
    "in-update": (_L2 + "AdamW: $\\theta_t = \\theta_{t-1} - \\alpha\\,(\\hat m_t/\\sqrt{\\hat "
                        "v_t} + \\lambda\\theta_{t-1})$.", "correct"),
}


@pytest.mark.parametrize("key", sorted(_DECAY))
def test_adamw_decay_as_a_term_of_the_update(solved, key):
    text, expected = _DECAY[key]
    part = graded_part(solved, ADAM, text, "e")
    if expected == "wrong":  # twice the decay is not AdamW's
        assert part.verdict != "correct", part.findings
    else:
        assert_outcome(part, expected)


def test_l2_update_states_no_adamw_decay(solved):
    text = (_L2 + "AdamW: $\\theta_t = \\theta_{t-1} - \\alpha\\,(\\hat m_t + \\lambda"
                  "\\theta_{t-1})/\\sqrt{\\hat v_t}$.")
    assert graded_part(solved, ADAM, text, "e").verdict != "correct"


_FIRST = ("(c) With ε = 0 the first step is θ₁ − θ₀ = −α sign(g₁) = [−0.001, 0.001, −0.001]. "
          "Scaling the loss by c multiplies m̂ by c and √v̂ by c, so the update stays the "
          "same.\n\n| Part | Result |\n|---|---|\n")


def test_what_a_step_does_not_change_with_is_no_value(solved):
    text = _FIRST + "| (c) | $[-0.001, 0.001, -0.001]$; invariant under $c$ |\n"
    assert_outcome(graded_part(solved, ADAM, text, "c"), "correct")
    wrong = _FIRST + "| (c) | $[0.001, -0.001, 0.001]$; invariant under $c$ |\n"
    assert graded_part(solved, ADAM, wrong, "c").verdict == "incorrect"


_MOMENTS = ("(b) Unrolling, $m_t = (1-\\beta_1)\\sum_i \\beta_1^{t-i} g_i$; if $E[g_i] = \\mu$ "
            "then $E[m_t] = \\mu(1-\\beta_1^t)$ and $E[\\hat m_t] = \\mu$. Likewise, writing "
            "$E[g_i^2] = s^2$, ")


def test_a_squared_letter_names_the_second_moment(solved):
    text = _MOMENTS + "we get $E[v_t] = s^2(1-\\beta_2^t)$ and $E[\\hat v_t] = s^2$."
    assert_outcome(graded_part(solved, ADAM, text, "b"), "correct")
    wrong = _MOMENTS + "we get $E[v_t] = s^2(1-\\beta_2)$ and $E[\\hat v_t] = s^2$."
    assert_outcome(graded_part(solved, ADAM, wrong, "b"), "wrong-answer")


_TABLE = ("| scheme | messages | size |\n|---|---|---|\n| all-to-all | $n(n-1)$ | $p$ |\n"
          "| parameter server | $2n$ | $p$ |\n| ring all-reduce | $2n(n-1)$ | $p/n$ |\n\n")
_RING = ("Ring all-reduce: chunks of $p/n$. The first phase takes $n-1$ rounds: $n(n-1)$ "
         "messages. The second phase is one more set of $n(n-1)$ messages.\n\n"
         "Total: $2n(n-1)$ messages, each of size $p/n$.\n\n")


def test_total_concludes_and_one_workers_volume_is_no_message_size(solved):
    text = (_RING + _TABLE + "Notes:\n\n- Every node sends $2(n-1)p/n \\approx 2p$ in one "
            "step, whatever $n$ is.\n- The ring sends the most messages yet moves the least "
            "data ($2(n-1)p$ against $2np$ and $n(n-1)p$).\n")
    assert_outcome(graded_part(solved, DIST, text, "main"), "correct")


def test_a_superlative_of_another_clause_is_still_judged(solved):
    text = (_RING + _TABLE + "The ring has the most rounds. The parameter server moves the "
            "least data of the three.\n")
    assert_outcome(graded_part(solved, DIST, text, "main"), "false-claim")


_CONV_B = ("(b) M∇f points along (1, 1, 1), so all iterates stay on θ = s(1, 1, 1); "
           "reaching a solution requires 1.11 s = 1:\n\n"
           "$$\\theta^{(b)} = \\tfrac{100}{111}(1,1,1) \\approx (0.9009, 0.9009, 0.9009)$$\n")


def test_a_display_with_its_own_subject_after_another_word(solved):
    assert_outcome(graded_part(solved, CONV, _CONV_B, "b"), "correct")


def test_the_same_solution_plane_is_no_sameness_claim(solved):
    text = (_CONV_B + "\nThe three methods thus end at three distinct points of the same "
            "solution plane.\n")
    assert_outcome(graded_part(solved, CONV, text, "b"), "correct")


def test_a_whole_number_entry_is_exact(solved):
    wrong = "(a) SGD stays on the line through x and settles at θ = [1, 0.1, 0.01]."
    assert_outcome(graded_part(solved, CONV, wrong, "a"), "wrong-answer")
    right = "(a) SGD stays on the line through x and settles at θ = [0.990, 0.099, 0.0099]."
    assert_outcome(graded_part(solved, CONV, right, "a"), "correct")


def test_transformed_data_is_no_limit(solved):
    text = "(c) Normalised features w_j = x_j/|x_j| = 1, so w = [1, 1, 1]. I stopped here."
    assert_outcome(graded_part(solved, CONV, text, "c"), "unanswered")


def test_a_definition_ends_at_its_bound(solved):
    text = ("Let b = alpha > 0 throughout.\n\n(a) Setting g + (2/b) d = 0 gives\n\n"
            "u = -(b/2) g\n\nwhich is gradient descent with lr = b/2.\n")
    assert_outcome(graded_part(solved, PENAL, text, "a"), "correct")


_SIGN = ("(b) The dual of the max-norm is ℓ1, so u = −(α/2)‖g‖₁ sign(g): sign descent")


def test_adam_with_both_betas_zero_names_the_condition(solved):
    text = _SIGN + ", which is Adam with β1 = β2 = 0.\n"
    assert_outcome(graded_part(solved, PENAL, text, "b"), "correct")
    bare = _SIGN + ", i.e. Adam.\n"
    assert_outcome(graded_part(solved, PENAL, bare, "b"), "over-reach")


def test_the_optimum_as_a_number_is_the_optimal_value(solved):
    text = ("(a) u = −(α/2) g = (−0.75, 0.25, −0.5). Value: the linear term gives −3.5 and the "
            "penalty 1.75, so the optimum is −3.5 + 1.75 = −1.75.\n")
    assert_outcome(graded_part(solved, NUMERIC, text, "a"), "correct")
    wrong = text.replace("= −1.75", "= −1.5")
    assert_outcome(graded_part(solved, NUMERIC, wrong, "a"), "wrong-answer")


def test_a_table_of_given_norms_above_the_parts_is_no_summary(solved):
    text = ("Given g = (3, −1, 2):\n\n| norm | of g |\n|---|---|\n| ℓ2 | √14 |\n| ℓ1 | 6 |\n"
            "| ℓ∞ | 3 |\n\n(c) The ℓ1 ball of radius 0.1 is minimised at a vertex: "
            "u = (−0.1, 0, 0), with value gᵀu = −0.3.\n")
    assert_outcome(graded_part(solved, NUMERIC, text, "c"), "correct")


def test_a_value_for_a_range_excluding_the_given_alpha_is_a_case(solved):
    text = ("(d) Along u = −t sign(g) the objective is t(1/α − 6). So u = 0 is optimal for "
            "α ≤ 1/6 and the step stops being zero at α = 1/6 (where all u = −t sign(g) tie). "
            "At α = 0.5 the objective is −4t → −∞: unbounded below, no minimiser.\n")
    assert_outcome(graded_part(solved, NUMERIC, text, "d"), "correct")


_STEP_A = "(a) u = −(α/2)g = (−0.75, 0.25, −0.5), and the optimal value is −1.75. "


def test_a_sign_claimed_for_every_problem_is_judged(solved):
    false = _STEP_A + "The optimal value of such a penalised problem is always at least 0.\n"
    assert_outcome(graded_part(solved, NUMERIC, false, "a"), "false-claim")
    true = _STEP_A + "The optimal value of such a penalised problem is always ≤ 0 (u = 0 is a "\
                     "candidate).\n"
    assert_outcome(graded_part(solved, NUMERIC, true, "a"), "correct")
