"""Causes of the misreadings stress set G found, each with phrasings of its own, both ways: a
LaTeX document's text-mode labels, a premise that quantifies ("since every update ..."), a count
said of one worker, the range of a bound symbol, topic lead-ins that label no part, a value's
unit ("per iteration"), an update rule led by a word ("Step:"), a shrink factor and a value
said to fall short."""

from __future__ import annotations

import pytest
from conftest import bundled_problem, finding_kinds, graded_part

from optiproof.checking import check_answer
from optiproof.checking.document import read_document
from optiproof.checking.general import unpremised

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"
DT = "src/optiproof/problems/texts/distributed-training.txt"
OC = "src/optiproof/problems/texts/optimizer-convergence.txt"


def _verdict(solved, problem, text, label):
    part = graded_part(solved, problem, text, label)
    return part.verdict, finding_kinds(part)


# -- LaTeX text-mode structure -------------------------------------------------------------------

_OC_BODIES = ("the limit is $\\theta = a/\\|a\\|^2 = (10000, 1000, 100)/10101$.",
              "$\\theta_O = \\frac{100}{111}(1, 1, 1)$.",
              "$\\theta = (1/3, 10/3, 100/3)$.")


@pytest.mark.parametrize("labels", [
    ("\\textbf{(a)} ", "\\textbf{(b)} ", "\\textbf{(c)} "),
    ("\\section*{Part (a)}\n", "\\section*{Part (b)}\n", "\\section*{Part (c)}\n"),
    ("\\begin{enumerate}\n\\item[(a)] ", "\\item[(b)] ", "\\item[(c)] "),
    ("\\paragraph{(a)} ", "\\subsection{(b)}\n", "\\textit{(c)} "),
])
def test_latex_text_mode_labels_open_parts(solved, labels):
    text = "\n\n".join(lab + body for lab, body in zip(labels, _OC_BODIES, strict=True))
    if "enumerate" in text:
        text += "\n\\end{enumerate}\n"
    report = check_answer(solved(bundled_problem("optimizer-convergence.txt")), text)
    assert [p.verdict for p in report.parts] == ["correct"] * 3, [p.findings for p in report.parts]


def test_latex_labels_still_find_a_wrong_answer(solved):
    text = ("\\textbf{(a)} " + _OC_BODIES[0] + "\n\n\\textbf{(b)} " + _OC_BODIES[1]
            + "\n\n\\textbf{(c)} $\\theta = (1/3, 1/3, 1/3)$.\n")
    report = check_answer(solved(bundled_problem("optimizer-convergence.txt")), text)
    assert [p.verdict for p in report.parts] == ["correct", "correct", "incorrect"]


def test_textbf_inside_a_formula_is_left_alone():
    doc = read_document("The step is $\\textbf{u} = -\\alpha g$ here.\n\\textbf{(a)} text\n")
    assert doc.lines[0].text == "The step is $\\textbf{u} = -\\alpha g$ here."
    assert doc.lines[1].text == "**(a)** text"


# -- a premise that quantifies -----------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Since $\\theta_0 = 0$ and every update lies in $\\mathrm{span}\\{a\\}$, the limit is the "
    "minimum-norm interpolant $a/\\|a\\|^2 \\approx (0.990, 0.099, 0.0099)$.",
    "Because all iterates stay in the row space, SGD converges to the min-norm solution "
    "$(0.990, 0.099, 0.0099)$.",
    "SGD ends at the minimum-norm solution $(0.990, 0.099, 0.0099)$, because every gradient "
    "step is a multiple of $a$.",
])
def test_a_quantifier_in_the_reason_is_not_a_general_claim(solved, sentence):
    verdict, kinds = _verdict(solved, OC, f"(a) {sentence}\n", "a")
    assert verdict == "correct" and kinds == []


@pytest.mark.parametrize("sentence", [
    "Since they all start from zero, all gradient-based optimizers converge to the "
    "minimum-norm solution.",
    "Since all methods start at zero, they all reach the minimum-norm solution.",
    "Every optimizer started from zero reaches the minimum-norm solution, since the data span "
    "one direction.",
])
def test_a_universal_conclusion_after_a_premise_is_still_false(solved, sentence):
    text = f"(a) SGD converges to $(0.990, 0.099, 0.0099)$. {sentence}\n"
    verdict, kinds = _verdict(solved, OC, text, "a")
    assert "false-claim" in kinds


def test_the_premise_comma_becomes_a_clause_boundary():
    assert unpremised("since every update lies in span a, the limit is x") == \
        "since every update lies in span a; the limit is x"
    assert unpremised("since all methods start at 0, they all reach x") == \
        "since all methods start at 0, they all reach x"


# -- a count said of one worker ----------------------------------------------------------------

_TABLE = ("\n\n| Scheme | Messages | Size |\n|---|---|---|\n| all-to-all | $n(n-1)$ | $p$ |\n"
          "| parameter server | $2n$ | $p$ |\n| ring all-reduce | {ring} | $p/n$ |\n")


@pytest.mark.parametrize("prose", [
    "Ring: every worker therefore sends $2(n-1)$ messages of size $p/n$, for a total of "
    "$2n(n-1)$ messages.",
    "In the ring each GPU sends 2(n-1) messages, so 2n(n-1) overall.",
    "Ring all-reduce needs $2(n-1)$ messages per worker, $2n(n-1)$ in all.",
])
def test_a_per_worker_count_is_not_the_total(solved, prose):
    verdict, kinds = _verdict(solved, DT, prose + _TABLE.format(ring="$2n(n-1)$"), "main")
    assert verdict == "correct" and kinds == []


@pytest.mark.parametrize("prose, ring", [
    ("Ring: the ring sends $2(n-1)$ messages of size $p/n$.", "$2(n-1)$"),
    ("In total the ring all-reduce sends 2(n-1) messages.", "2(n-1)"),
    ("Every worker sends $2(n-1)$ messages in the ring.", "$2(n-1)$"),
])
def test_a_total_written_as_one_workers_count_is_wrong(solved, prose, ring):
    verdict, kinds = _verdict(solved, DT, prose + _TABLE.format(ring=ring), "main")
    assert verdict == "incorrect" and "wrong-answer" in kinds


# -- the range of a bound symbol ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "a) GD stable iff |1 - a*lambda| < 1 for lambda in {1,10}\n   => a < 2/10\n"
    "   ans: a_max = 0.2\n",
    "(a) We need $|1-\\alpha\\lambda_i| < 1$ for $i \\in \\{1, 2\\}$, so "
    "$\\alpha_{\\max} = 0.2$.\n",
    "(a) For each eigenvalue mu in {1, 10} the factor 1 - alpha*mu must lie in (-1, 1); "
    "answer: alpha < 0.2\n",
])
def test_the_range_of_another_symbol_is_no_set_of_candidates(solved, text):
    verdict, kinds = _verdict(solved, QD, text, "a")
    assert verdict == "correct" and kinds == []


@pytest.mark.parametrize("text, kind", [
    ("(a) $\\alpha_{\\max} \\in \\{0.2, 0.1\\}$\n", "over-reach"),
    ("(a) ans: a_max in {0.1, 0.3}\n", "wrong-answer"),
    ("(a) the largest step is in {0.1, 0.3}\n", "wrong-answer"),
])
def test_a_set_of_the_answers_own_symbol_is_still_candidates(solved, text, kind):
    assert kind in _verdict(solved, QD, text, "a")[1]


# -- topic lead-ins that label no part ----------------------------------------------------------

_QD_TOPICS = [
    "**Stability limit.** GD converges for $\\alpha < 2/L = 0.2$.",
    "**Optimal constant step.** $\\alpha^\\star = 2/11$ and the rate is $9/11$.",
    "**The step α = 0.15.** Here the factors are 0.85 and 0.5, so the rate is {rate} per "
    "iteration and 86 iterations are needed.",
    "**Heavy-ball momentum.** $\\alpha = 4/(\\sqrt{{10}}+1)^2 \\approx 0.2309$, "
    "$\\beta \\approx 0.2699$, rate $\\approx 0.5195$.",
]


@pytest.mark.parametrize("style", ["bold", "heading", "list"])
def test_topic_lead_ins_open_the_parts_they_name(solved, style):
    text = "\n\n".join(_lead(t, style) for t in _QD_TOPICS).replace("{rate}", "$0.85$") \
        .replace("{{10}}", "{10}")
    verdict, kinds = _verdict(solved, QD, text + "\n", "c")
    assert verdict == "correct" and kinds == []


@pytest.mark.parametrize("style", ["bold", "heading", "list"])
def test_a_wrong_value_under_a_topic_lead_in_is_found(solved, style):
    text = "\n\n".join(_lead(t, style) for t in _QD_TOPICS).replace("{rate}", "$0.9$") \
        .replace("{{10}}", "{10}")
    verdict, kinds = _verdict(solved, QD, text + "\n", "c")
    assert verdict == "incorrect" and "wrong-answer" in kinds


def _lead(topic: str, style: str) -> str:
    head, _, body = topic.partition("** ")
    head = head.strip("*").rstrip(".")
    if style == "heading":
        return f"### {head}\n\n{body}"
    if style == "list":
        return f"- **{head}:** {body}"
    return topic


# -- a value's unit, an update rule led by a word, a shrink factor ------------------------------

@pytest.mark.parametrize("phrase", [
    "(c) With α = 0.15 the rate is $0.85$ per iteration; 86 iterations.",
    "(c) α = 0.15: contraction 0.85 each step => 86 iterations",
    "(c) For α = 0.15 the contraction factor is 0.85 every iteration, so t = 86.",
])
def test_a_value_per_iteration_is_the_rate(solved, phrase):
    verdict, kinds = _verdict(solved, QD, phrase + "\n", "c")
    assert verdict == "correct" and kinds == []


def test_a_wrong_rate_per_iteration_is_found(solved):
    verdict, kinds = _verdict(solved, QD, "(c) With α = 0.15, so the rate is $0.9$ per iteration; "
                              "86 iterations.\n", "c")
    assert "wrong-answer" in kinds


_ADAM_A = ("(a)\n* First moment: `m_t = β1·m_{t-1} + (1-β1)·g_t`\n"
           "* Second moment: `v_t = β2·v_{t-1} + (1-β2)·g_t²`\n"
           "* Bias correction: `m̂_t = m_t/(1-β1^t)`, `v̂_t = v_t/(1-β2^t)`\n")


@pytest.mark.parametrize("rule", [
    "* Step: `θ_t = θ_{t-1} - α·m̂_t/(√v̂_t + ε)`",
    "* Step size rule: θ_t = θ_{t-1} − α m̂_t / (√(v̂_t) + ε)",
    "* The step: $\\theta_t = \\theta_{t-1} - \\alpha\\,\\hat m_t/(\\sqrt{\\hat v_t}+\\epsilon)$",
])
def test_an_update_rule_led_by_a_word_is_the_update(solved, rule):
    verdict, kinds = _verdict(solved, ADAM, _ADAM_A + rule + "\n", "a")
    assert verdict == "correct" and kinds == []


def test_a_wrong_update_rule_led_by_a_word_is_found(solved):
    verdict, kinds = _verdict(solved, ADAM, _ADAM_A + "* Step: `θ_t = θ_{t-1} - α·m̂_t/v̂_t`\n",
                              "a")
    assert "wrong-answer" in kinds


@pytest.mark.parametrize("phrase", [
    "AdamW multiplies every weight by 1 - αλ = 0.99999 per step, outside the adaptive part.",
    "With AdamW each weight shrinks by the factor $1-\\alpha\\lambda = 0.99999$ every step.",
    "* AdamW: every weight is multiplied by `1 - αλ = 0.99999` each step (decoupled decay).",
])
def test_a_shrink_factor_each_step_is_adamws_decay(solved, phrase):
    text = ("(e)\n* L2: the decay passes through $1/\\sqrt{\\hat v}$, so it is uneven.\n"
            + phrase + "\n")
    verdict, kinds = _verdict(solved, ADAM, text, "e")
    assert verdict == "correct" and kinds == []


@pytest.mark.parametrize("phrase", [
    "AdamW decays every weight by $\\alpha\\lambda = 10^{-3}$ each step.",
    "AdamW multiplies every weight by $1 - \\alpha\\lambda = 1 - 10^{-3}$ each step.",
])
def test_a_wrong_shrink_factor_is_found(solved, phrase):
    text = "(e) With L2 the decay passes through $1/\\sqrt{\\hat v}$. " + phrase + "\n"
    assert "wrong-answer" in _verdict(solved, ADAM, text, "e")[1]


# -- a value said to fall short ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "(c) rate 0.85; **86** iterations. With ρ = 0.85, after 85 steps the error is ≈ 1.0 × 10⁻⁶, "
    "just above the target.\n",
    "(c) The rate is $0.85$, and $t = 86$ iterations are needed: 85 iterations fall just short.\n",
    "(c) ans: rate 0.85, iterations 86 (85 is not quite enough).\n",
])
def test_a_value_said_to_fall_short_is_not_the_claim(solved, text):
    verdict, kinds = _verdict(solved, QD, text, "c")
    assert verdict == "correct" and kinds == []


@pytest.mark.parametrize("text", [
    "(c) The rate is $0.85$, so **85** iterations are enough.\n",
    "(c) rate 0.85 => t = 85 iterations suffice.\n",
])
def test_a_count_said_to_suffice_is_still_graded(solved, text):
    assert "wrong-answer" in _verdict(solved, QD, text, "c")[1]
