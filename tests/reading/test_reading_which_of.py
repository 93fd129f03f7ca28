"""'Which of the two / three / four ...' read as a derived which-of over the items' answers (the
parts named, or the part's own schemes, optimizers or norms), in any family, and norms in the
RMS norm. The winner is decided exactly from the items' answers, ties name every item tied,
and the expected winners are computed here independently (closed forms of the costs and limits,
numpy). A which-of whose items or criterion the text does not state is refused, naming it."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, read_report


def _which(text: str, label: str) -> list[str]:
    """The which-of answers (their keys) of part ``label``, the text read, solved, verified."""
    problem = read_report(text).to_problem()
    solution = solve_problem(problem, SolveOptions(figures=False))
    assert solution.exit_code == 0, [(c.method, c.status, c.detail[:200])
                                     for p in solution.parts for c in p.checks]
    part = next(p for p in solution.to_dict()["parts"] if p["label"] == label)
    return [a["expr"] for a in part["answers"] if a["quantity"] == "which-of"]


def _refused(text: str) -> str:
    reading = read_report(text)
    with pytest.raises(ReadingIncomplete):
        reading.to_problem()
    return "\n".join(reading.unread())


# ------------------------------------------------------------------ communication: the costs
# total volume (values sent) with n workers and p values each: ring all-reduce 2(n-1)p, a
# parameter server 2np, all-to-all n(n-1)p; messages 2n(n-1), 2n, n(n-1)
def _volumes(n: int) -> dict[str, int]:
    return {"ring-allreduce": 2 * (n - 1), "parameter-server": 2 * n, "all-to-all": n * (n - 1)}


def _messages(n: int) -> dict[str, int]:
    return {"ring-allreduce": 2 * n * (n - 1), "parameter-server": 2 * n,
            "all-to-all": n * (n - 1)}


def _best(costs: dict[str, int], least: bool) -> str:
    pick = min(costs.values()) if least else max(costs.values())
    return "|".join(k for k, v in costs.items() if v == pick)


COMM = ("n workers each hold a gradient of p floats.\n\n"
        "(a) Ring all-reduce: give the total volume sent.\n\n"
        "(b) Parameter server: give the total volume sent.\n\n"
        "(c) All-to-all (every worker sends its gradient to every other worker): give the total "
        "volume sent.\n\n")
COMM_LATEX = (r"We have $n$ workers, each with a gradient of $p$ floats." "\n\n"
              r"\begin{enumerate}" "\n"
              r"\item[(a)] Ring all-reduce: give the total volume sent." "\n"
              r"\item[(b)] Parameter server: give the total volume sent." "\n"
              r"\item[(c)] All-to-all (every worker sends its gradient to every other worker): "
              r"give the total volume sent." "\n")


@pytest.mark.parametrize("text,want", [
    (COMM + "(d) For n = 8, which of the three schemes sends the most total volume?",
     _best(_volumes(8), least=False)),
    (COMM + "(d) Which of the three schemes sends the fewest messages when n = 8?",
     _best(_messages(8), least=True)),
    (COMM + "(d) which of (a), (b) and (c) gives the largest total volume when n = 4 ??",
     _best(_volumes(4), least=False)),
    (COMM_LATEX + r"\item[(d)] For $n = 16$, which of the three schemes has the smallest "
                  r"total volume?" "\n" r"\end{enumerate}", _best(_volumes(16), least=True)),
])
def test_which_scheme_wins_is_decided_from_the_costs(text, want):
    assert _which(text, "d") == [want]


def test_a_tie_names_every_scheme_tied():
    # n = 2: ring 2p and all-to-all 2p tie, the parameter server sends 4p
    got = _which(COMM + "(d) For n = 2, which of the three schemes sends the least total "
                        "volume?", "d")
    assert got == [_best(_volumes(2), least=True)] == ["ring-allreduce|all-to-all"]


@pytest.mark.parametrize("question", [
    "(d) Which of the totals in (a) and (b) is smaller?",
    "(d) which one of (a) and (b) sends less in total, for every n?",
])
def test_which_of_two_parts_answers_in_symbols_when_the_order_holds_for_all(question):
    # 2(n-1)p < 2np for every n and p > 0: the ring of (a)
    assert _which(COMM + question, "d") == ["a"]


def test_a_which_without_a_criterion_is_refused_naming_it():
    why = _refused(COMM + "(d) Which of the three schemes would you choose on a cluster?")
    assert "which of the three" in why.lower()


# ------------------------------------------------------------------ implicit bias: the limits
# X = [[1, 2, 0], [0, 1, 1]], y = (3, 2): gradient descent from 0 converges to the
# minimum-norm solution X^+ y = (1/3, 4/3, 2/3); from (1, 1, 1), already a solution, it stays.
X = np.array([[1.0, 2.0, 0.0], [0.0, 1.0, 1.0]])
Y = np.array([3.0, 2.0])
A = np.linalg.pinv(X) @ Y
B = np.ones(3)
assert np.allclose(X @ B, Y)

IB = ("We fit θ ∈ R^3 to X = [[1, 2, 0], [0, 1, 1]], y = (3, 2) with the squared loss and a "
      "small constant step size.\n\n(a) Gradient descent from θ_0 = 0. Where does it converge?"
      "\n\n(b) Gradient descent from θ_0 = (1, 1, 1). Where does it converge?\n\n")
IB_FORUM = ("so i have X = [[1, 2, 0], [0, 1, 1]] and y = (3, 2), squared loss, tiny constant lr, "
            "theta in R^3.\n\n(a) plain gradient descent starting at θ_0 = 0 -- where does it "
            "end up?\n\n(b) plain gradient descent again but starting from θ_0 = (1, 1, 1). where "
            "does it converge?\n\n")


@pytest.mark.slow
@pytest.mark.parametrize("text,want", [
    (IB + "(c) Which of the two limits from (a) and (b) is the minimum-norm solution?", "a"),
    (IB_FORUM + "(c) which of the two vectors in (a) and (b) is the min-norm solution??", "a"),
    (IB + "(c) Which of the two limits in (a) and (b) has the larger Euclidean norm?",
     "ab"[int(np.linalg.norm(B) > np.linalg.norm(A))]),
    (IB + "(c) Which of the two limits in (a) and (b) has the smaller ℓ∞ norm?",
     "ab"[int(np.abs(B).max() < np.abs(A).max())]),
])
def test_which_limit_is_decided_from_the_parts_answers(text, want):
    assert _which(text, "c") == [want]


# ------------------------------------------------------------------ 'its norm', 'its distance'
# from θ_0 = (1, 0, 0) gradient descent converges to the projection of θ_0 on {Xθ = y}: (1, 1, 1)
N = np.array([2.0, -1.0, 1.0]) / np.sqrt(6.0)          # the null space of X
C = A + (np.array([1.0, 0.0, 0.0]) - A) @ N * N
assert np.allclose(C, 1.0)
IB_FROM = ("We fit θ ∈ R^3 to X = [[1, 2, 0], [0, 1, 1]], y = (3, 2) with the squared loss and a "
           "small constant step size.\n\n(a) Gradient descent from θ_0 = (1, 0, 0). Where does it "
           "converge?\n\n")


def _values(text: str, label: str, quantity: str) -> list:
    problem = read_report(text).to_problem()
    solution = solve_problem(problem, SolveOptions(figures=False))
    assert solution.exit_code == 0
    part = next(p for p in solution.to_dict()["parts"] if p["label"] == label)
    same = {"norm-of": ("norm-of", "norm-value")}.get(quantity, (quantity,))
    # the Euclidean norm of the limit is the family's own answer; other norms are derived
    return [a["value"] for a in part["answers"] if a["quantity"] in same]


@pytest.mark.slow
@pytest.mark.parametrize("question,quantity,want", [
    ("(b) Gradient descent from θ_0 = 0. Find the limit θ_∞ and its Euclidean distance to the "
     "point from (a).", "distance", np.linalg.norm(A - C)),
    ("(b) Gradient descent from θ_0 = 0: give the limit and its norm ‖θ_∞‖_2.", "norm-of",
     np.linalg.norm(A)),
    ("(b) gradient descent started at zero -- what is the limit, and what's its l1 norm?",
     "norm-of", np.abs(A).sum()),
    ("(b) Is the limit in (a) the minimum-norm solution? Give its Euclidean norm ‖θ‖_2.",
     "norm-of", np.linalg.norm(C)),
])
def test_its_norm_or_distance_is_of_the_answer_named_before_it(question, quantity, want):
    assert _values(IB_FROM + question, "b", quantity) == [pytest.approx(want, rel=1e-9)]


def test_its_norm_with_nothing_named_before_is_refused():
    why = _refused(COMM + "(d) For n = 4, give its Euclidean norm.")
    assert "Euclidean norm" in why


# ------------------------------------------------------------------ ratios described in words
# at n = 10: ring all-reduce sends 2(n-1)p = 18p in total, a parameter server 2np = 20p
RING, PS = 2 * (10 - 1), 2 * 10
RATIO_BASE = ("n workers each hold a gradient of p floats.\n\n"
              "(a) Ring all-reduce: give the total volume sent.\n\n"
              "(b) Parameter server: give the total volume sent.\n\n")


def _ratio(text: str, label: str) -> float:
    (value,) = _values(text, label, "ratio")
    return value


@pytest.mark.parametrize("question,want", [
    ("(c) For n = 10: total volume in (a) divided by total volume in (b) = ?", RING / PS),
    ("(c) with n = 10, what is the total volume of (a) divided by the total volume of (b)?",
     RING / PS),
    ("(c) For n = 10, by what factor does the total volume of (b) exceed that of (a)?",
     PS / RING),
    ("(c) Take n = 10. How many times larger is the total volume in (b) than that in (a)?",
     PS / RING),
])
def test_a_ratio_of_answers_described_in_words_keeps_its_order(question, want):
    assert _ratio(RATIO_BASE + question, "c") == pytest.approx(want, rel=1e-12)


# T_PS = 2n(α + βp) (the server serialises), T_ring = 2(n-1)(α + βp/n); at α = 0, n = 8 the
# ratio T_ring / T_PS is (14/8) / 16 = 7/64
TIMES = ("n workers each hold a gradient of p floats. A message of m floats takes α + βm seconds. "
         "The parameter server (PS) receives one message at a time and sends one at a time; in "
         "the ring all workers send in parallel.\n\n(a) Give the completion times {a} of the "
         "parameter server and of ring all-reduce.\n\n(b) Let α = 0 and n = 8. Compute {b}.\n")


@pytest.mark.parametrize("a,b", [
    ("TPS and Tring", "Tring/TPS"),                 # subscripts flattened by a PDF copy
    ("T_PS and T_ring", "T_ring / T_PS"),
    ("T_{PS} and T_{ring}", "T_{ring}/T_{PS}"),
])
def test_symbols_whose_subscript_names_a_scheme_even_flattened(a, b):
    assert _ratio(TIMES.format(a=a, b=b), "b") == pytest.approx(7 / 64, rel=1e-12)


# ------------------------------------------------------------------ symbols subscripted by a method
# one equation aᵀw = b, a = (1, -2, 2), b = 9, from 0: gradient descent converges to
# b a / ‖a‖² = (1, -2, 2), diagonal AdaGrad to b sign(a) / ‖a‖_1 = (9/5)(1, -1, 1)
ONE = ("We solve a^T w = b with a = (1, -2, 2) and b = 9 by minimising the squared loss "
       "(a^T w - b)^2; every method starts at w_0 = 0 with a small constant step.\n\n"
       "(a) Gradient descent: where does it converge?\n\n"
       "(b) Diagonal AdaGrad (any lr > 0): where does it converge?\n\n")
W_GD = np.array([1.0, -2.0, 2.0])
W_ADA = 9 / 5 * np.array([1.0, -1.0, 1.0])


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "(c) Compute ‖w_GD − w_AdaGrad‖_2.",
    "(c) what is ||w_gd - w_adagrad||_2 ?",
])
def test_a_symbol_subscripted_by_a_method_is_that_parts_answer(question):
    assert _values(ONE + question, "c", "distance") == [
        pytest.approx(np.linalg.norm(W_GD - W_ADA), rel=1e-8)]


@pytest.mark.slow
def test_which_is_which_matches_each_criterion_stated_before_it():
    text = ONE + ("(c) One of the limits in (a) and (b) has the smallest l2 norm among all "
                  "solutions, the other the smallest l_inf norm. Which is which?")
    assert np.linalg.norm(W_GD) < np.linalg.norm(W_ADA)            # the l2 one: (a)
    assert np.abs(W_ADA).max() < np.abs(W_GD).max()                # the l_inf one: (b)
    assert _which(text, "c") == ["a", "b"]


@pytest.mark.slow
@pytest.mark.parametrize("question,want", [
    ("(b) Gradient descent from θ_0 = 0. Where does it converge?\n\n(c) Compute the Euclidean "
     "distance between the limits of (a) and (b).", np.linalg.norm(C - A)),
    ("(b) Gradient descent from θ_0 = 0. Where does it converge?\n\n(c) what's the l1 distance "
     "between (a) and (b)?", np.abs(C - A).sum()),
    ("(b) Gradient descent from θ_0 = 0. Where does it converge?\n\n(c) Give the distance "
     "between the two limits in (a) and (b).", np.linalg.norm(C - A)),
])
def test_the_distance_between_two_parts_answers_named_by_their_parts(question, want):
    assert _values(IB_FROM + question, "c", "distance") == [pytest.approx(want, rel=1e-9)]
