"""Which statement of a part is its claim: structure decides (a question heading, a remark in
parentheses, a cell that names nothing, a lone symbol described in words are not claims of a
value), in several styles, both ways: a right answer next to such a remark stays correct, a
wrong one is still found."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

from optiproof.checking.document import read_document
from optiproof.checking.formula import parse_value

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"
DT = "src/optiproof/problems/texts/distributed-training.txt"
OC = "src/optiproof/problems/texts/optimizer-convergence.txt"
PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"

def _assert_correct(solved, problem: str, text: str, label: str) -> None:
    part = graded_part(solved, problem, text, label)
    assert part.verdict == "correct", part.findings


_RULE = ("$$m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t,\\quad v_t = \\beta_2 v_{t-1} + "
         "(1-\\beta_2) g_t^2,\\quad \\theta_t = \\theta_{t-1} - \\alpha\\,\\frac{\\hat m_t}"
         "{\\sqrt{\\hat v_t} + \\epsilon}$$\nwith $\\hat m_t = m_t/(1-\\beta_1^t)$ and "
         "$\\hat v_t = v_t/(1-\\beta_2^t)$.\n\n")


@pytest.mark.parametrize("question", [
    "**Why divide by $\\sqrt{v}$?** It gives each coordinate its own scale.",
    "__Why do we divide by $\\sqrt{\\hat v_t}$?__ Each coordinate gets its own step size.",
    "*What does $\\sqrt{v_t}$ do?* It normalises the gradient per coordinate.",
])
def test_a_question_heading_is_not_the_parts_claim(solved, question):
    _assert_correct(solved, ADAM, "(a) Adam:\n\n" + _RULE + question + "\n", "a")


@pytest.mark.parametrize("cell", [
    "$\\theta_t = \\theta_{t-1} - \\alpha\\hat m_t/(\\sqrt{\\hat v_t}+\\epsilon)$; "
    "$\\sqrt{v}$ normalises the scale",
    "$\\theta_t = \\theta_{t-1} - \\alpha\\,\\hat m_t/(\\sqrt{\\hat v_t}+\\epsilon)$, and "
    "$\\sqrt{\\hat v_t}$ sets a per-coordinate scale",
])
def test_a_remark_after_a_named_statement_in_a_summary_cell_is_not_the_claim(solved, cell):
    text = ("(a) Adam:\n\n" + _RULE + "## Summary\n\n| Part | Result |\n|---|---|\n"
            f"| (a) | {cell} |\n")
    _assert_correct(solved, ADAM, text, "a")


def test_a_wrong_named_statement_in_a_summary_cell_is_still_found(solved):
    text = ("(a) Adam:\n\n" + _RULE + "## Summary\n\n| Part | Result |\n|---|---|\n"
            "| (a) | $\\theta_t = \\theta_{t-1} - \\alpha\\,\\hat m_t/\\hat v_t$; "
            "$\\sqrt{v}$ normalises |\n")
    part = graded_part(solved, ADAM, text, "a")
    assert part.verdict == "incorrect"


_BIAS = ("(b) Unrolling, $\\mathbb{E}[m_t] = (1-\\beta_1^t)\\,\\mathbb{E}[g]$ and "
         "$\\mathbb{E}[v_t] = (1-\\beta_2^t)\\,\\mathbb{E}[g^2]$, so $\\mathbb{E}[\\hat m_t] = "
         "\\mathbb{E}[g]$ and $\\mathbb{E}[\\hat v_t] = \\mathbb{E}[g^2]$.\n\n")


@pytest.mark.parametrize("cell", [
    "$\\mathbb{E}[m_t] = (1-\\beta_1^t)\\mathbb{E}[g]$ ⇒ $\\hat m_t$ unbiased",
    "$\\mathbb{E}[m_t] = (1-\\beta_1^t)\\mathbb{E}[g]$ → $\\hat m_t$ is unbiased",
    "E[m_t] = (1-β₁^t) E[g] => m̂_t unbiased",
])
def test_an_arrow_to_a_symbol_described_in_words_does_not_continue_the_chain(solved, cell):
    text = _BIAS + f"## Summary\n\n| Part | Result |\n|---|---|\n| (b) | {cell} |\n"
    part = graded_part(solved, ADAM, text, "b")
    assert "inconsistency" not in finding_kinds(part), part.findings


_ADAM_D = "(d) With ε = 0 the step obeys $|\\Delta_t| \\le \\alpha\\sqrt{10} \\approx 0.00316$"


@pytest.mark.parametrize("aside", [
    " (typical steps are nearer: normally $|\\Delta_t| \\lesssim \\alpha$).",
    " (in practice steps are much smaller, |Δ_t| ≈ α = 0.001 for dense gradients).",
    ". (This bound is reached only for sparse gradients; usually $|\\Delta_t| \\le \\alpha$.)",
])
def test_a_parenthetical_remark_does_not_override_the_sentences_answer(solved, aside):
    _assert_correct(solved, ADAM, _ADAM_D + aside + "\n", "d")


def test_a_wrong_answer_with_a_remark_in_parentheses_is_still_wrong(solved):
    text = ("(d) With ε = 0 the step obeys $|\\Delta_t| \\le \\alpha = 0.001$ "
            "(normally much less than that).\n")
    assert "wrong-answer" in finding_kinds(graded_part(solved, ADAM, text, "d"))


@pytest.mark.parametrize("answer", [
    "**(a)** need |1 − 10α| < 1 → **α < 0.2** (= 2/L).",
    "(a) |1 - 10a| < 1 gives **a < 0.2** (that is 2/L)",
    "(a) The condition is |1 − αL| < 1, so **α < 2/10 = 0.2**.",
])
def test_a_closing_bold_marker_ends_the_value(solved, answer):
    _assert_correct(solved, QD, answer + "\n", "a")


@pytest.mark.parametrize("row", [
    "| GD max | < 0.2 | – | at 0.2 the factor = −1 |",
    "| GD, largest step | 0.2 (exclusive) | – | factor −1 at the edge: 1 − 0.2·10 = −1 |",
])
def test_a_summary_cell_that_names_nothing_does_not_outrank_the_named_one(solved, row):
    text = ("(a) Need |1 − 10α| < 1, so α < 0.2.\n\n| | step size | momentum | other |\n"
            f"|---|---|---|---|\n{row}\n")
    _assert_correct(solved, QD, text, "a")


def test_a_set_of_another_symbol_is_not_a_set_of_candidate_answers(solved):
    text = ("(a) Convergence needs $|1-\\alpha\\lambda_i| < 1$ for $\\lambda_i \\in \\{1, 10\\}$, "
            "hence $0 < \\alpha < 2/L = 0.2$.\n")
    assert graded_part(solved, QD, text, "a").verdict == "correct"


def test_a_set_of_candidates_for_the_answer_is_still_a_hedge(solved):
    text = "(a) The largest step is $\\alpha \\in \\{0.1, 0.3\\}$.\n"
    assert graded_part(solved, QD, text, "a").verdict == "incorrect"


# -- a table typed without its delimiter row -------------------------------------------------

_DT_ROWS = [
    ("scheme | messages | size\nall-to-all | n^2 - n | p\nparameter server | 2n | p\n"
     "ring all-reduce | 2n(n-1) | p/n\n"),
    ("| scheme | # messages | message size |\n| all-to-all | n(n-1) | p |\n"
     "| parameter server | 2n | p |\n| ring all-reduce | 2n(n−1) | p/n |\n"),
    ("Scheme           | Count     | Size\nAll-to-all       | n(n - 1)  | p\n"
     "Parameter server | 2n        | p\nRing all-reduce  | 2(n-1)n   | p/n\n"),
]


@pytest.mark.parametrize("table", _DT_ROWS)
def test_a_pipe_grid_without_a_delimiter_row_is_a_table(solved, table):
    assert len(read_document(table).tables) == 1
    _assert_correct(solved, DT, "Counts per step:\n\n" + table, "main")


def test_a_wrong_cell_of_a_bare_pipe_grid_is_found(solved):
    table = ("scheme | messages | size\nall-to-all | n^2 | p\nparameter server | 2n | p\n"
             "ring all-reduce | 2n(n-1) | p/n\n")
    part = graded_part(solved, DT, table, "main")
    assert "wrong-answer" in finding_kinds(part)


@pytest.mark.parametrize("text", [
    "We have |x| + |y| = 2 and |a| | b\nso |u| | v | w holds\n",
    "| a | b |\nplain text\n| c | d |\n",
    "x = |a| | |b| | 3\n|1 - 10α| | < 1 | ok\ny | 2 | 3\n",
])
def test_formulas_with_bars_are_not_a_bare_table(text):
    assert not read_document(text).tables


# -- a norm written out over coordinates -----------------------------------------------------

@pytest.mark.parametrize("written, norm", [
    ("\\sum_{i}|g_i|", "NORM1Xg"),
    ("\\sum_{i=1}^{n} \\left| g_i \\right|", "NORM1Xg"),
    ("Σ_i |g_i|", "NORM1Xg"),
    ("∑ᵢ|gᵢ|", "NORM1Xg"),
    ("max_i |g_i|", "NORMmaxXg"),
    ("\\max_j \\lvert g_j \\rvert", "NORMmaxXg"),
])
def test_a_norm_written_over_coordinates_is_that_norm(written, norm):
    assert str(parse_value(written)) == norm


def test_sums_that_are_no_norm_stay_as_they_are():
    assert "NORM" not in str(parse_value("\\sum_i x_i y_i"))
    assert str(parse_value("\\max(a, b)")) == "Max(a, b)"


@pytest.mark.parametrize("answer", [
    "(b) $$u = -\\frac{\\alpha}{2}\\Big(\\sum_i |g_i|\\Big)\\operatorname{sign}(g)$$\n"
    "This is sign descent.",
    "(b) u = -(alpha/2) (sum_i |g_i|) sign(g), i.e. sign descent",
    "(b) The step is $u_i = -\\tfrac{\\alpha}{2}\\,\\big(\\sum_{j} |g_j|\\big)\\,"
    "\\mathrm{sign}(g_i)$ for every $i$: signSGD with a scaled step.",
])
def test_the_sign_step_with_its_l1_norm_written_out_is_correct(solved, answer):
    _assert_correct(solved, PLI, "(a) $u = -\\frac{\\alpha}{2} g$ (gradient descent).\n\n"
                    + answer + "\n", "b")


# -- one formula stating several parts --------------------------------------------------------

@pytest.mark.parametrize("boxed", [
    "\\[\\boxed{\\text{(a) } u=-\\tfrac{\\alpha}{2}g\\ \\text{(GD)};\\qquad \\text{(b) } "
    "u=-\\tfrac{\\alpha}{2}\\|g\\|_1\\operatorname{sign}(g)}\\]",
    "$$\\text{(a)}\\ u = -\\frac{\\alpha}{2}g \\qquad \\text{(b)}\\ u = -\\frac{\\alpha}{2}"
    "\\|g\\|_1\\,\\mathrm{sign}(g)$$",
])
def test_a_formula_labelled_by_parts_states_each_part(solved, boxed):
    text = ("(a) Setting the gradient to zero gives $u = -\\frac{\\alpha}{2} g$, gradient "
            "descent.\n\n(b) By Hölder the step is $u = -\\frac{\\alpha}{2}\\|g\\|_1 "
            "\\operatorname{sign}(g)$, sign descent.\n\n"
            + boxed + "\n")
    for label in ("a", "b"):
        part = graded_part(solved, PLI, text, label)
        assert part.verdict == "correct", (label, part.findings)


def test_a_wrong_value_in_a_formula_labelled_by_parts_is_found_on_its_part(solved):
    text = ("(a) Setting the gradient to zero gives $u = -\\frac{\\alpha}{2} g$, gradient "
            "descent.\n\n(b) By Hölder the step is $u = -\\frac{\\alpha}{2}\\|g\\|_1 "
            "\\operatorname{sign}(g)$, sign descent.\n\n"
            "$$\\boxed{\\text{(a) } u = -\\alpha g \\qquad \\text{(b) } u = -\\tfrac{\\alpha}{2}"
            "\\|g\\|_1\\operatorname{sign}(g)}$$\n")
    assert graded_part(solved, PLI, text, "a").verdict == "incorrect"
    assert graded_part(solved, PLI, text, "b").verdict == "correct"


# -- a general claim: the quantifier and the target in one clause -----------------------------

_OC_A = "(a) The limit is $\\theta = (0.990, 0.0990, 0.00990)$"


@pytest.mark.parametrize("sentence, false", [
    (", since all updates are multiples of a, so θ stays in span(a) and the limit is the "
     "minimum-norm solution.", False),
    (". Every SGD step adds a multiple of a, hence the iterate is the min-norm point.", False),
    (". Each update lies in the row space; therefore the limit is the least-norm solution.",
     False),
    (". All first-order methods started at zero add gradients only, so they converge to the "
     "minimum-norm solution.", True),
    (". Any optimizer from the origin stays in the row space, and so it reaches the min-norm "
     "solution.", True),
    (". Every method (SGD, Adam, AdaGrad and so on) ends at the minimum-norm solution.", True),
])
def test_a_universal_claim_needs_its_quantifier_and_target_in_one_clause(solved, sentence,
                                                                        false):
    part = graded_part(solved, OC, _OC_A + sentence + "\n", "a")
    assert ("false-claim" in finding_kinds(part)) is false, part.findings


# -- a condition set by the sentences before a statement -------------------------------------

SD = "src/optiproof/problems/steepest-descent-numeric.yaml"
_SD_D = ("(d) The objective along $-t\\,\\mathrm{sign}(g)$ is $t(1/\\alpha - 6)$: zero is best "
         "for $\\alpha \\le 1/6$.\n\n")


@pytest.mark.parametrize("text", [
    "For $\\alpha = 0.5$ the objective is convex. The minimiser keeps the sign pattern:\n"
    "$$u = -\\alpha\\,\\mathrm{sign}(g) = (-0.5,\\ 0.5,\\ -0.5).$$",
    "Now take α = 0.5. Then the best step has length α, so\n\nu = (-0.5, 0.5, -0.5)",
    "At $\\alpha=0.5$: everything scales with α.\n\n**u = (−0.5, 0.5, −0.5)**",
])
def test_a_finite_step_under_a_condition_set_just_before_states_the_unbounded_answer(solved,
                                                                                    text):
    assert "wrong-answer" in finding_kinds(graded_part(solved, SD, _SD_D + text + "\n", "d"))


def test_a_step_under_another_condition_set_since_is_not_the_answer_at_the_given_one(solved):
    text = (_SD_D + "At $\\alpha = 0.5$ the objective is unbounded below. For $\\alpha = 0.1$ "
            "instead the best step is\n$$u = (0, 0, 0).$$\n")
    assert "wrong-answer" not in finding_kinds(graded_part(solved, SD, text, "d"))


@pytest.mark.parametrize("said, states", [
    ("At α = 0.5 the penalty term is unbounded.", False),
    ("At α = 0.5 the regulariser grows unbounded.", False),
    ("At α = 0.5 the objective is unbounded below.", True),
])
def test_unbounded_said_of_a_term_is_not_the_answer(solved, said, states):
    part = graded_part(solved, SD, _SD_D + said + "\n", "d")
    assert ("update" in {c.name for c in part.claimed}) is states, part.claimed


# -- false general statements found from their content ----------------------------------------

@pytest.mark.parametrize("sentence, false", [
    ("Every convex objective attains a finite minimiser.", True),
    ("A convex function with an unbounded penalty always has a minimum.", True),
    ("For a convex penalty the best step always exists.", True),
    ("A coercive convex function always attains its minimum.", False),
    ("For the squared penalty a minimiser always exists.", False),
    ("A convex function need not attain a minimiser.", False),
    ("For α = 0.5 the objective is convex, and a convex function always attains a finite "
     "minimiser.", True),
    ("For α ≤ 1/6 the problem always has a minimiser, d = 0.", False),
    ("When α is below 1/6 every such objective attains its minimum at zero.", False),
])
def test_a_claim_that_a_minimiser_always_exists_against_an_unbounded_part(solved, sentence,
                                                                         false):
    text = _SD_D + "At α = 0.5 the objective is unbounded below. " + sentence + "\n"
    part = graded_part(solved, SD, text, "d")
    assert ("false-claim" in finding_kinds(part)) is false, part.findings


def test_an_existence_claim_is_not_refuted_where_every_part_has_a_minimiser(solved):
    text = ("(a) Need |1 − 10α| < 1, so α < 0.2. Every convex quadratic attains its minimum, "
            "and any strongly convex objective always has a unique minimiser.\n")
    assert "false-claim" not in finding_kinds(graded_part(solved, QD, text, "a"))


_ADAM_C = ("(c) With ε = 0, $\\theta_1 - \\theta_0 = -\\alpha\\,\\mathrm{sign}(g_1) = "
           "[-0.001, 0.001, -0.001]$, and rescaling the loss by c > 0 leaves it unchanged. ")


@pytest.mark.parametrize("sentence, false", [
    ("This scale invariance holds for every value of ε.", True),
    ("Rescaling the loss leaves the Adam step unchanged regardless of epsilon.", True),
    ("Even with ε > 0 the update is identical when the loss is multiplied by c.", True),
    ("For ε > 0 the update is only approximately scale invariant.", False),
    ("The update is not scale invariant for every ε.", False),
    ("For every c > 0 the update is unchanged under rescaling.", False),
])
def test_scale_invariance_claimed_for_every_epsilon(solved, sentence, false):
    part = graded_part(solved, ADAM, _ADAM_C + sentence + "\n", "c")
    assert ("false-claim" in finding_kinds(part)) is false, part.findings


_QD_D = ("(d) Polyak's tuning: α = 4/(√10+1)² ≈ 0.2309, β = ((√10−1)/(√10+1))² ≈ 0.2699, rate "
         "√β ≈ 0.5195. ")


@pytest.mark.parametrize("sentence, false", [
    ("Heavy ball with this tuning attains the same rate on every strongly convex, smooth "
     "function.", True),
    ("This accelerated rate is not special to quadratics: Polyak momentum gets it on any "
     "L-smooth, μ-strongly convex objective.", True),
    ("With these α and β, momentum converges at rate 0.5195 for all smooth strongly convex "
     "losses.", True),
    ("On quadratics this is the best heavy-ball rate.", False),
    ("The heavy-ball rate is guaranteed on quadratics; on a general strongly convex function "
     "it can fail to converge.", False),
    ("Nesterov's method achieves an accelerated rate on every smooth strongly convex function.",
     False),
])
def test_the_tuned_heavy_ball_rate_claimed_beyond_quadratics(solved, sentence, false):
    part = graded_part(solved, QD, _QD_D + sentence + "\n", "d")
    assert ("false-claim" in finding_kinds(part)) is false, part.findings


# -- table cells: the value's own symbol, a header listing alternatives -----------------------

@pytest.mark.parametrize("cell, right", [
    ("$0.2309$, $\\beta = 0.2699$", True),
    ("0.2309; β = 0.2699", True),
    ("$0.2309$, $\\beta = 0.5$", False),
])
def test_a_symbol_in_a_cell_names_its_answer_over_the_column(solved, cell, right):
    text = (_QD_D + "\n\n| | step size | rate |\n|---|---|---|\n"
            f"| (d) heavy ball | {cell} | $0.5195$ |\n")
    part = graded_part(solved, QD, text, "d")
    assert (part.verdict == "correct") is right, part.findings


@pytest.mark.parametrize("header, value, right", [
    ("Value / ratio", "$-0.3$", True),
    ("value / ratio", "$-0.6$", False),
    ("Optimal value, ratio", "−0.6", False),
])
def test_a_column_listing_alternatives_names_each(solved, header, value, right):
    text = ("(c) Over $\\|d\\|_1 \\le 0.1$ the best vertex is $d = (-0.1, 0, 0)$, value "
            "$g^\\top d = -0.3$: coordinate descent.\n\n"
            f"| Part | Step | {header} |\n|---|---|---|\n| (c) | $(-0.1, 0, 0)$ | {value} |\n")
    part = graded_part(solved, SD, text, "c")
    assert (part.verdict == "correct") is right, part.findings


# -- a weight update read as the decay it applies -------------------------------------------

_ADAM_E = ("(e) With L2 the term λθ passes through the adaptive scaling, so large-gradient "
           "weights are barely decayed. ")


@pytest.mark.parametrize("update", [
    "AdamW instead does\n$$\\theta_t = \\theta_{t-1} - \\alpha\\Big(\\frac{\\hat m_t}{\\sqrt{\\hat "
    "v_t}+\\epsilon} + \\lambda \\theta_{t-1}\\Big),\\quad \\lambda = 0.01.$$",
    "AdamW decouples it: θ_t = (1 − αλ) θ_{t−1} − α m̂_t/(√v̂_t + ε), uniform for every weight.",
    "AdamW update: theta_t = theta_{t-1} - alpha*lambda*theta_{t-1} - "
    "alpha*mhat_t/(sqrt(vhat_t) + eps)",
])
def test_an_adamw_update_states_its_decay(solved, update):
    _assert_correct(solved, ADAM, _ADAM_E + update + "\n", "e")


def test_an_adamw_update_with_the_wrong_decay_is_wrong(solved):
    text = _ADAM_E + ("AdamW does $\\theta_t = \\theta_{t-1} - \\alpha\\,\\hat m_t/"
                      "(\\sqrt{\\hat v_t}+\\epsilon) - 2\\alpha\\lambda\\theta_{t-1}$.\n")
    assert "wrong-answer" in finding_kinds(graded_part(solved, ADAM, text, "e"))


def test_the_l2_update_of_adam_states_no_adamw_decay(solved):
    text = _ADAM_E + ("Adam with L2: $\\theta_t = \\theta_{t-1} - \\alpha(\\hat m_t + \\lambda"
                      "\\theta_{t-1})/(\\sqrt{\\hat v_t}+\\epsilon)$.\n")
    part = graded_part(solved, ADAM, text, "e")
    assert "wrong-answer" not in finding_kinds(part), part.findings


_QD_A = "(a) Need |1 − 10α| < 1, so α < 2/L = 0.2. "


@pytest.mark.parametrize("sentence, false", [
    ("In fact on any L-smooth function, convex or not, gradient descent with α < 2/L converges "
     "to the global minimum at a linear rate.", True),
    ("This holds for non-convex objectives too: GD with a step below 2/L converges linearly.",
     True),
    ("More generally, plain gradient descent reaches the global minimizer geometrically fast on "
     "every smooth function, whether or not it is convex.", True),
    ("On any L-smooth function gradient descent with α < 2/L decreases f at every step.", False),
    ("On μ-strongly convex, L-smooth functions gradient descent converges linearly for "
     "α < 2/L.", False),
    ("For non-convex f, gradient descent only reaches a stationary point, not necessarily the "
     "global minimum.", False),
])
def test_a_linear_rate_of_gradient_descent_claimed_beyond_strong_convexity(solved, sentence,
                                                                          false):
    part = graded_part(solved, QD, _QD_A + sentence + "\n", "a")
    assert ("false-claim" in finding_kinds(part)) is false, part.findings
