"""Derived quantities read from a request, in any family: a ratio, norm, distance, sum or
equality of answers named by a part reference, a symbol the text defines, or the minimum-norm
solution written as a formula. Each is solved exactly and verified from the witnesses'
measurements; the expected values are computed here independently (numpy). An operand the text
does not tie to one answer is refused, naming it; a ratio keeps its order."""

from __future__ import annotations

import math

import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, read_report


def _solve(text: str) -> dict[str, dict[str, list]]:
    """label -> quantity -> values, for a text read completely, solved and verified."""
    reading = read_report(text)
    problem = reading.to_problem()
    solution = solve_problem(problem, SolveOptions(figures=False))
    assert solution.exit_code == 0, [
        (p.label, [(c.method, c.status, c.detail[:200]) for c in p.checks])
        for p in solution.parts]
    out: dict[str, dict[str, list]] = {}
    for part in solution.to_dict()["parts"]:
        for a in part["answers"]:
            out.setdefault(part["label"], {}).setdefault(a["quantity"], []).append(a["value"])
    return out


def _refused(text: str) -> str:
    reading = read_report(text)
    with pytest.raises(ReadingIncomplete):
        reading.to_problem()
    return "\n".join(reading.unread())


# --------------------------------------------------------------------- steepest descent
# g = (4, -2, 1), alpha = 1: the l_inf step is -(alpha/2)||g||_1 sign(g) = 3.5 (-1, 1, -1), the
# l2 step is -(alpha/2) g = (-2, 1, -1/2).
G = np.array([4.0, -2.0, 1.0])
U = -0.5 * np.abs(G).sum() * np.sign(G)
V = -0.5 * G
RATIO = float(np.linalg.norm(U) / np.linalg.norm(V))   # sqrt(7)
assert math.isclose(RATIO, math.sqrt(7))

SD = ("Let g = (4, -2, 1)^T and α = 1. Steepest descent step u = argmin_d g^T d + (1/α)‖d‖_∞^2."
      "\n\n(a) Compute u.\n\n(b) Find the minimiser of g^T d + (1/α)‖d‖_2^2 instead (the "
      "Euclidean case), and call it v.\n\n")
SD_LATEX = (r"Let $g = (4, -2, 1)^\top$ and $\alpha = 1$; the step is "
            r"$u = \arg\min_d g^\top d + \frac{1}{\alpha}\|d\|_\infty^2$." "\n\n"
            r"(a) Compute $u$." "\n\n"
            r"(b) Find the minimiser of $g^\top d + \frac{1}{\alpha}\|d\|_2^2$ and call "
            r"it $v$." "\n\n")

RATIO_FORMS = [
    (SD + "(c) Compute the ratio ‖u‖_2 / ‖v‖_2.", RATIO),
    (SD + "(c) What is the ratio ||u||_2/||v||_2 of the two step lengths?", RATIO),
    (SD_LATEX + r"(c) Give the ratio $\|u\|_2 / \|v\|_2$.", RATIO),
    (SD + "(c) Compute the ratio ‖v‖_2 / ‖u‖_2.", 1 / RATIO),
]


@pytest.mark.parametrize("text,want", RATIO_FORMS)
def test_a_ratio_of_norms_of_two_parts_answers_keeps_its_order(text, want):
    got = _solve(text)
    assert got["c"]["ratio"] == [pytest.approx(want, rel=1e-9)]
    assert sorted(got["c"]["norm-of"]) == pytest.approx(sorted([np.linalg.norm(U),
                                                                np.linalg.norm(V)]))


# the optimal value of the l_inf penalty step is -alpha ||g||_1^2 / 4: -49/4 at alpha = 1,
# -49/2 at alpha = 2
VALUES = ("Let g = (4, -2, 1) and consider min_d g^T d + (1/α)‖d‖_∞^2.\n\n"
          "(a) What is the optimal value for α = 1?\n\n"
          "(b) What is the optimal value for α = 2?\n\n")


@pytest.mark.parametrize("question,want", [
    ("(c) What is the ratio of your answer in (b) to your answer in (a)?", 2),
    ("(c) Compute the ratio of the answer to (a) to the answer to (b).", 0.5),
    ("(c) How many times larger is your answer in (b) than your answer in (a)?", 2),
    ("(c) what's the ratio (b)/(a) ?", 2),
    ("(c) Give the sum of your answers in (a) and (b).", -49 / 4 - 49 / 2),
    ("(c) Give the sum of (a) and the answer to part 4.", None),
])
def test_a_ratio_of_two_parts_answers_named_by_their_parts(question, want):
    text = VALUES + question
    if want is None:
        why = _refused(text)
        assert "sum" in why
        return
    got = _solve(text)
    kind = "sum" if "sum" in question else "ratio"
    assert got["c"][kind] == [pytest.approx(want, rel=1e-12)]


def test_a_ratio_of_two_vectors_is_not_answered():
    reading = read_report(SD + "(c) What is the ratio of your answer in (b) to your answer in "
                               "(a)?")
    with pytest.raises(Exception):
        problem = reading.to_problem()
        solve_problem(problem, SolveOptions(figures=False))


@pytest.mark.parametrize("question", [
    "(c) Compute the ratio ‖u‖_2 / ‖w‖_2.",
    "(c) What is the ratio ||q||_2 / ||v||_2?",
])
def test_a_ratio_with_an_operand_the_text_does_not_define_is_refused(question):
    why = _refused(SD + question)
    assert "ratio" in why and ("'w'" in why or "'q'" in why)


# --------------------------------------------------------------------- implicit bias
# a = (1, 2, 2), b = 9, theta_0 = (1, 0, -1): GD converges to theta_0 + a (b - a.theta_0)/|a|^2,
# the minimum-norm solution is a b / |a|^2.
A = np.array([1.0, 2.0, 2.0])
T0 = np.array([1.0, 0.0, -1.0])
LIMIT = T0 + A * (9 - A @ T0) / (A @ A)
MIN_NORM = A * 9 / (A @ A)
GAP = float(np.linalg.norm(LIMIT - MIN_NORM))

IB = ("We minimise L(θ) = ½(aᵀθ − b)² with a = (1, 2, 2) and b = 9, starting from "
      "θ_0 = (1, 0, -1).\n\n(a) Plain gradient descent with a small step converges to some "
      "θ_∞. Compute θ_∞.\n\n")
IB_ASCII = ("Loss: L(w) = 0.5 * (a^T w - b)^2 with a = [1, 2, 2], b = 9. "
            "Start: w_0 = [1, 0, -1].\n\n(a) Gradient descent, small lr. Find w_inf = lim w_t."
            "\n\n")

DISTANCE_FORMS = [
    IB + "(b) Compute ‖θ_∞ − θ_min‖_2, where θ_min is the minimum-norm solution.",
    IB + "(b) What is ‖θ_min − θ_∞‖₂? Here θ_min denotes the minimum-norm solution.",
    IB_ASCII + "(b) compute ||w_inf - pinv(X)*y||_2.",
    IB_ASCII + "(b) What is ||w_inf - X^+ y||_2 ?",
]


FROM_START = float(np.linalg.norm(LIMIT - T0))


@pytest.mark.parametrize("text,want", [
    *((text, GAP) for text in DISTANCE_FORMS),
    (IB + "(b) What is ‖θ_∞ − θ_0‖_2 for the limit in (a)?", FROM_START),
    (IB_ASCII + "(b) What is ||w_inf - w_0||_2 for the limit in (a)?", FROM_START),
    (IB + "(b) Compute ‖θ_0 − θ_∞‖₂.", FROM_START),
])
def test_a_distance_from_an_earlier_answer(text, want):
    """To the minimum-norm solution (named by a symbol the text defines, or written as a
    formula), or to a vector the text gives (the start)."""
    got = _solve(text)
    # the implicit-bias family answers the distance to the minimum-norm solution itself
    distance = got["b"].get("distance") or got["b"].get("distance-to-min-norm")
    assert distance == [pytest.approx(want, rel=1e-9)], got["b"]


@pytest.mark.parametrize("text", [
    IB + "(b) Give ‖θ_∞‖_2.",
    IB + "(b) Compute the Euclidean norm of the limit from (a).",
    IB_ASCII + "(b) What is ||w_inf||_2 ?",
])
def test_the_norm_of_an_earlier_answer(text):
    got = _solve(text)
    # the family's own norm of its limit, or the norm of part (a)'s answer: the same number
    norms = got["b"].get("norm-of", []) + got["b"].get("norm-value", [])
    assert norms == [pytest.approx(float(np.linalg.norm(LIMIT)), rel=1e-9)]


def test_a_squared_norm_is_not_answered_as_the_norm():
    reading = read_report(IB + "(b) Give ‖θ_∞‖_2^2.")
    try:
        problem = reading.to_problem()
    except ReadingIncomplete:
        return
    got = solve_problem(problem, SolveOptions(figures=False)).to_dict()
    values = [a["value"] for p in got["parts"] for a in p["answers"]
              if a["quantity"] in ("norm-of", "norm-value")]
    assert not any(v == pytest.approx(float(np.linalg.norm(LIMIT))) for v in values)


# --------------------------------------------------------------------- equality, change
@pytest.mark.parametrize("text,same", [
    (IB_ASCII + "(b) Is w_inf equal to pinv(X) * y ?", False),
    (IB + "(b) Is θ_∞ the same as X^+ y?", False),
    (IB + "(b) Is θ_∞ equal to the minimum-norm solution of (b)?", False),
    (IB + "(b) Is θ_∞ equal to θ_star?", None),
])
def test_is_an_answer_equal_to_another(text, same):
    if same is None:   # θ_star is not defined
        _refused(text)
        return
    got = _solve(text)
    assert got["b"]["same-as"] == [same]


HB = ("We minimise L(θ) = ½(aᵀθ − b)² with a = (1, 2, 2) and b = 9, starting from "
      "θ_0 = (1, 0, -1).\n\n(a) Heavy-ball momentum with β = 0.9 and a small step: where does "
      "it converge?\n\n")


@pytest.mark.parametrize("question", [
    "(b) Same as (a) but with Nesterov momentum. Does the limit change?",
    "(b) Repeat (a) with Nesterov momentum instead: would the limit change?",
])
def test_does_the_limit_change_compares_with_the_part_repeated(question):
    got = _solve(HB + question)
    assert got["b"].get("differs", got["b"].get("changes")) == [False]   # both: the GD limit
    assert got["b"]["limit"] == [pytest.approx(list(LIMIT))]


# --------------------------------------------------------------------- a ratio in symbols
QD = ("f(θ) = ½ θᵀHθ with H = diag(1, 10), gradient descent.\n\n"
      "(a) With step η = 0.1, what is the convergence rate ρ_1?\n\n"
      "(b) With step η = 0.15, what is the convergence rate ρ_2?\n\n")


@pytest.mark.parametrize("question,want", [
    ("(c) Compute ρ_1/ρ_2.", 0.9 / 0.85),
    ("(c) By what factor does ρ_1 exceed ρ_2?", 0.9 / 0.85),
    ("(c) how many times smaller is rho_2 than rho_1 ?", 0.9 / 0.85),
    ("(c) What is the ratio ρ_2 / ρ_1?", 0.85 / 0.9),
])
def test_a_ratio_of_answers_named_by_symbols_keeps_its_order(question, want):
    got = _solve(QD + question)
    assert got["c"]["ratio"] == [pytest.approx(want, rel=1e-12)]


def test_a_part_with_settings_of_its_own_does_not_use_earlier_answers_by_symbol():
    """"(c) Let α = 3. Compute ρ_1/ρ_2" when ρ_1, ρ_2 are (a)'s and (b)'s rates: those are
    for other values and this part cannot answer both; refused, never the earlier numbers."""
    _refused(QD + "(c) Let η = 0.05. Compute ρ_1/ρ_2.")
    why = _refused(QD + "(c) Let η = 0.05. What is the ratio ρ_1/ρ_2?")
    assert "ratio" in why and ("sets" in why or "does not say which" in why)


# --------------------------------------------------------------------- symbols with a subject
# 16 nodes, α = 20 us, β = 2 ns/float: tree 8(α + qβ), ring 30(α + qβ/16)
CROSS = ("Sixteen nodes all-reduce a vector of q floats, comparing a binomial tree with a ring. "
         "A message of m floats costs α + mβ with α = 20 us and β = 2 ns per float.\n\n"
         "(a) Give T_tree and T_ring as functions of q.\n\n")


def _times(q: float) -> tuple[float, float]:
    alpha, beta = 20e-6, 2e-9
    return 8 * (alpha + q * beta), 30 * (alpha + q * beta / 16)


@pytest.mark.parametrize("question,q,order", [
    ("(b) Compute the ratio T_tree / T_ring.", None, (0, 1)),
    ("(b) what's the ratio T_ring/T_tree ?", None, (1, 0)),
    ("(b) Let q = 10^6. What is the ratio T_ring/T_tree?", 1e6, (1, 0)),
    ("(b) Take q = 4096 floats: compute the ratio $T_{tree}/T_{ring}$.", 4096, (0, 1)),
])
def test_a_ratio_of_times_named_by_their_scheme(question, q, order):
    """A symbol whose subscript names the scheme (T_ring) is that scheme's answer; a part
    that sets q itself divides its own times at that q."""
    from optiproof.core.mathparse import parse_math
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    solution = solve_problem(read_report(CROSS + question).to_problem(),
                             SolveOptions(figures=False))
    assert solution.exit_code == 0
    answer = next(a for a in solution.to_dict()["parts"][1]["answers"]
                  if a["quantity"] == "ratio")
    at = 123_456.0 if q is None else q
    times = _times(at)
    want = times[order[0]] / times[order[1]]
    expr = parse_math(answer["expr"])
    got = float(expr.subs({s: at for s in expr.free_symbols if s.name == "q"}))
    assert got == pytest.approx(want, rel=1e-12)


# --------------------------------------------------------------------- operands in words
# n = 8: the server passes 2np floats, one ring worker sends and receives 2 * 2(n-1)p/n
TRAFFIC = "Eight workers average a gradient of p floats.\n\n(a) With a parameter server, how " \
          "many floats pass through the server in total (received + sent)?\n\n"


@pytest.mark.parametrize("question,want", [
    ("(b) Ring all-reduce: what is the ratio (the server traffic in (a)) / (sent + received "
     "traffic at one ring worker)?", (2 * 8) / (4 * 7 / 8)),
    ("(b) For the ring all-reduce, give the ratio of the sent + received traffic at one ring "
     "worker to your answer in (a).", (4 * 7 / 8) / (2 * 8)),
])
def test_an_operand_in_words_is_this_parts_quantity_or_an_earlier_answer(question, want):
    from optiproof.core.mathparse import parse_math
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    solution = solve_problem(read_report(TRAFFIC + question).to_problem(),
                             SolveOptions(figures=False))
    assert solution.exit_code == 0
    ratio = next(a for a in solution.to_dict()["parts"][1]["answers"] if a["quantity"] == "ratio")
    assert float(parse_math(ratio["expr"])) == pytest.approx(want, rel=1e-12)


def test_two_answers_of_the_same_part_compared_stay_the_familys_question():
    """"Is the limit equal to the minimum-norm solution?" is the family's own question of its
    part (is-min-norm), not a derived comparison."""
    reading = read_report(IB + "(b) Same method. Is the limit equal to the minimum-norm "
                               "solution?")
    derived = reading.parts[1].value("derived") or []
    assert not any(d["kind"] == "same-as" for d in derived)


def test_a_part_reference_in_a_part_with_settings_of_its_own_is_refused():
    """"(c) Now take α = 3. What is the ratio of your answer in (b) to your answer in (a)?":
    whether α = 3 applies to the comparison is not clear, and this part cannot answer both;
    refused, never the earlier numbers."""
    why = _refused(VALUES + "(c) Now take α = 3. What is the ratio of your answer in (b) to "
                            "your answer in (a)?")
    assert "sets" in why
