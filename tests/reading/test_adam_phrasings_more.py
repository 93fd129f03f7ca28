"""More Adam / RMSprop wordings: the method a first step coincides with, RMSprop with its decay
set to 0, a gradient sequence continued part by part, and the one step size every coordinate
shares ("every coordinate moves by the same amount")."""

from __future__ import annotations

import math

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, read_report

ADAM = ("We run Adam with α = 0.02, β₁ = 0.8, β₂ = 0.99 and ε = 0, m₀ = v₀ = 0. "
        "The gradient at step 1 is g₁ = (0.5, -3, 7).\n\n")
RMS = "RMSprop: decay ρ = 0.75, learning rate lr = 0.2, eps = 0, v_0 = 0.\n\n"


def _part(text: str, label: str = "main"):
    reading = read_report(text)
    return next(p for p in reading.parts if p.label == label), reading


def _solve(reading):
    return solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()


@pytest.mark.parametrize("question", [
    "Give θ₁ − θ₀. Which classical method does this first step coincide with?",
    "What is the first update? Name the method it corresponds to.",
    "Compute θ_1 - θ_0 and say which algorithm this first step is known as.",
])
def test_the_method_a_first_step_coincides_with_is_sign_descent(question):
    data = _sign_descent(ADAM + question, ["first-step", "identification"])
    assert any("sign-descent step" in c["method"] for c in data["checks"])


def _sign_descent(text: str, asks: list[str]) -> dict:
    """The part's solution, after checking its asks and that it is verified sign descent."""
    part, reading = _part(text)
    assert part.value("asks") == asks
    data = _solve(reading)["parts"][0]
    assert data["identified_as"] == "sign gradient descent"
    assert data["verified"], data["checks"]
    return data


@pytest.mark.parametrize("question", [
    "What does RMSprop become for ρ = 0? Name the method.",
    "Set rho = 0. Which optimizer is this?",
    "What does RMSprop reduce to when the decay = 0, and what is that method called?",
])
def test_rmsprop_with_its_decay_zero_is_sign_descent(question):
    data = _sign_descent(RMS + question, ["sign-limit"])
    assert "RMSprop" in data["checks"][0]["method"]


def test_a_decay_of_zero_point_nine_is_not_the_sign_premise():
    part, _ = _part(RMS.replace("0.75", "0.9") + "Which method is this? Name it.")
    assert "sign-limit" not in (part.value("asks") or [])


def test_a_part_continues_the_gradient_sequence_an_earlier_part_began():
    text = (RMS + "(a) The first gradient is g_1 = (2, -4). Compute v_1.\n"
            "(b) Then g_2 = (1, 0). Compute v_2 and θ_2 − θ_1.\n"
            "(c) Finally g_3 = (-1, 2). Give θ_3 − θ_2.\n")
    reading = read_report(text)
    parts = {p.label: p for p in reading.parts}
    assert parts["b"].value("gradients") == [[2, -4], [1, 0]]
    assert parts["c"].value("gradients") == [[2, -4], [1, 0], [-1, 2]]
    data = _solve(reading)
    step2 = next(a for a in data["parts"][1]["answers"] if a["name"] == "last step")["value"]
    # v_1 = 0.25 (4, 16) = (1, 4); v_2 = 0.75 v_1 + 0.25 (1, 0) = (1, 3): step -0.2 g_2/sqrt(v_2)
    assert step2 == pytest.approx([-0.2, 0.0])
    assert all(p["verified"] for p in data["parts"])


def test_a_later_gradient_with_a_gap_is_not_joined():
    text = (RMS + "(a) The first gradient is g_1 = (2, -4). Compute v_1.\n"
            "(b) Now g_3 = (1, 0). Compute θ_3 − θ_2.\n")
    part, _ = _part(text, "b")
    assert part.value("gradients") is None


@pytest.mark.parametrize("question", [
    "Compute θ_1 − θ_0. Show that every coordinate moves by the same amount and give that "
    "amount exactly.",
    "Give the first step; how far does each coordinate move?",
    "What is θ₁ − θ₀, and what is the size of each coordinate's step?",
])
def test_the_size_every_coordinate_of_the_first_step_shares(question):
    part, reading = _part(RMS + "The first gradient is g_1 = (3, -0.5, 2).\n" + question)
    assert not part.missing, [m.reason for m in part.missing]
    data = _solve(reading)["parts"][0]
    size = next(a for a in data["answers"] if a["name"] == "first_step_size")
    assert size["value"] == pytest.approx(0.2 / math.sqrt(0.25))     # lr / sqrt(1 - rho)
    assert data["verified"]




@pytest.mark.parametrize(("text", "want"), [
    ("Adam, α = 0.05, β₁ = 0.5, β₂ = 0.9, ε = 0. The gradient is constant, g_t = g for all t. "
     "What does the update Δθ_t approach as t → ∞?", "-sign(g)/20"),
    ("Adam without bias correction, lr = 0.1, betas 0.8/0.99, eps = 0. Suppose the same gradient "
     "every step, g = (2, -0.01). What does the step converge to in the long run?", [-0.1, 0.1]),
    ("RMSprop with decay rho = 0.95, lr = 0.3, eps = 0. A constant gradient g = -4 is fed in. "
     "What does the step size tend to for large t?", [0.3]),
])
def test_the_limit_of_the_step_under_a_constant_gradient(text, want):
    part, reading = _part(text)
    assert part.value("asks") == ["step-limit"] and part.value("constant") is True
    data = _solve(reading)["parts"][0]
    limit = next(a for a in data["answers"] if a["name"] == "step limit")
    if isinstance(want, str):
        assert limit["expr"] == want
    else:
        assert limit["value"] == pytest.approx(want)
    assert data["verified"] and "run until beta^t" in data["checks"][0]["method"]


@pytest.mark.parametrize(("question", "want"), [
    ("Suppose the gradient is constant, g_t = g. What is m̂_t for every t?", ("m-hat", "g")),
    ("With a constant gradient g_t = g, give v̂_t.", ("v-hat", "g**2")),
    ("Express m̂_1 in terms of g_1.", ("m-hat", "g_1")),
])
def test_corrected_moments_in_closed_form(question, want):
    text = "Adam with β₁ = 0.7 and β₂ = 0.95; m_0 = v_0 = 0, with β₁, β₂ ∈ [0, 1).\n" + question
    part, reading = _part(text)
    assert part.value("asks") == [want[0]]
    full = _solve(reading)
    data = full["parts"][0]
    assert data["answers"][0]["expr"] == want[1]
    assert data["verified"] and "constant gradient" in data["checks"][0]["method"]
    assert not reading.unused


def test_moments_described_as_uncorrected_are_the_raw_moments():
    text = ("Adam, β₁ = 0.5, β₂ = 0.5, step size γ = 0.1, ε = 0, gradients g_1 = 2, g_2 = -2.\n"
            "Compute m_2 and v_2 (that is, the uncorrected moments).")
    part, reading = _part(text)
    assert not part.missing and part.value("alpha") == 0.1
    data = _solve(reading)["parts"][0]
    assert next(a for a in data["answers"] if a["name"] == "m_T")["value"] == pytest.approx([-0.5])


@pytest.mark.parametrize("question", [
    "Drop the bias correction. Give Δθ_1 and the size of each coordinate's step.",
    "Without bias correction, what is θ_1 − θ_0? How far does each coordinate move?",
])
def test_the_size_of_the_uncorrected_first_step_for_a_symbolic_gradient(question):
    part, reading = _part("Adam, lr α, β₁ = 0.5, β₂ = 0.75, ε = 0.\n" + question)
    assert not part.missing, [m.reason for m in part.missing]
    data = _solve(reading)["parts"][0]
    size = next(a for a in data["answers"]
                if a["name"] == "size of each coordinate's step without bias correction")
    assert size["expr"] == "alpha"          # (1 - 0.5)/sqrt(1 - 0.75) = 1
    assert data["verified"]


@pytest.mark.parametrize("text", [
    # the method of a first step with eps > 0, or without bias correction, is no named method
    ADAM.replace("ε = 0", "ε = 0.1") + "Give θ₁ − θ₀. Which classical method does this first "
                                        "step coincide with?",
    ADAM + "Switch the bias correction off. Give θ₁ − θ₀. Which well-known method does it "
           "coincide with?",
    # with eps > 0 the coordinates of the first step do not share one size
    ADAM.replace("ε = 0", "ε = 0.1") + "Compute θ_1 − θ_0. Show that every coordinate moves by "
                                        "the same amount.",
    # switching the correction off is not a description of the raw moments
    "Adam, β₁ = 0.5, β₂ = 0.5, lr = 0.1, ε = 0, gradients g_1 = 2, g_2 = -2.\n"
    "Turn the bias correction off. Compute m_2 and v_2.",
    # the step's limit is answered for a constant gradient only
    "Adam, α = 0.05, β₁ = 0.5, β₂ = 0.9, ε = 0, g_1 = (1, 2), g_2 = (-3, 1). What does the step "
    "tend to as t → ∞?",
])
def test_what_cannot_be_answered_as_asked_is_refused(text):
    with pytest.raises(ReadingIncomplete):
        read_report(text).to_problem()


SMALL = ("Adam with β₁ = 0.5, β₂ = 0.75, learning rate 0.2, ε = 0, θ_0 = [1, 1]. The gradients at "
         "steps 1, 2 and 3 are g_1 = [2, -1], g_2 = [1, 1], g_3 = [-2, 4].\n\n")


@pytest.mark.parametrize(("question", "index"), [
    ("Turn off the bias correction. What is θ_3 then? Is it different from θ_3 with bias "
     "correction?", 3),
    ("Without bias correction, compute θ_1. Is it the same as θ_1 computed with bias "
     "correction?", 1),
])
def test_the_iterate_without_bias_correction_and_whether_it_differs(question, index):
    part, reading = _part(SMALL + question)
    assert part.value("asks")[0] == "step-no-bias-correction"   # (and θ_1 with the correction)
    assert index == 1 or not reading.unused          # 'steps 1, 2 and 3' label the data
    data = _solve(reading)["parts"][0]
    got = {a["name"]: a["value"] for a in data["answers"]}
    # m_1 = (1, -1/2), v_1 = (1, 1/4): the raw step -0.2 m/sqrt(v) = (-0.2, 0.2), as corrected
    # ((1 - 0.5)/sqrt(1 - 0.75) = 1); from step 2 on the raw and corrected steps differ
    if index == 1:
        assert got["theta_1 without bias correction"] == pytest.approx([0.8, 1.2])
        assert got["differs from the corrected iterate"] is False
    else:
        assert got["differs from the corrected iterate"] is True
    assert data["verified"], data["checks"]


def test_an_explanation_of_the_square_root_is_answered_by_the_update_rule():
    part, _ = _part("Adam keeps moving averages m_t and v_t of g and g². Explain briefly why "
                    "the update is divided by the square root of v̂_t.")
    assert part.value("asks") == ["update-rule"]


@pytest.mark.parametrize("question", [
    "Someone forgets the bias correction. How large is his first step in each coordinate?",
    "The bias correction is left out. What is the size of each coordinate's first update?",
])
def test_the_size_of_a_first_step_without_bias_correction(question):
    part, reading = _part("Adam, α = 0.01, β₁ = 0.8, β₂ = 0.96, ε = 0, g_1 = (3, -0.2).\n"
                          + question)
    assert part.value("asks") == ["step-no-bias-correction"] and part.value("t") == 1
    data = _solve(reading)["parts"][0]
    size = next(a for a in data["answers"] if a["name"].startswith("size of each"))
    assert size["value"] == pytest.approx(0.01)      # 0.2/sqrt(0.04) = 1
    assert data["verified"]


CONSTANT = ("My Adam test: lr = 0.01, betas (0.5, 0.75), eps = 0, m and v start at 0, and the "
            "gradient is the same every step, g = -2.\n\n")


def test_a_question_at_several_stated_steps_is_one_sub_part_per_step():
    reading = read_report(CONSTANT + "Without bias correction, how big are the steps at t = 1, "
                                     "t = 2 and t = 4?")
    assert [p.label for p in reading.parts] == ["main.1", "main.2", "main.3"]
    assert [p.value("t") for p in reading.parts] == [1, 2, 4]
    assert not reading.unused
    data = _solve(reading)["parts"]
    sizes = [next(a["value"] for a in p["answers"] if a["name"].startswith("size of each"))
             for p in data]
    # constant g: m_t = (1 - 0.5^t) g, v_t = (1 - 0.75^t) g^2 -> 0.01 (1 - 0.5^t)/sqrt(1 - 0.75^t)
    assert sizes == pytest.approx([0.01 * (1 - 0.5 ** t) / (1 - 0.75 ** t) ** 0.5
                                   for t in (1, 2, 4)])
    assert all(p["verified"] for p in data)


def test_several_iterates_in_one_question_are_one_sub_part_each():
    text = ("Adam, lr = 0.1, β₁ = 0, β₂ = 0.5, ε = 0, θ_0 = [0, 0]; g_1 = [1, -1], "
            "g_2 = [2, 0].\nCompute θ_1 and θ_2.")
    reading = read_report(text)
    assert [p.label for p in reading.parts] == ["main.1", "main.2"]
    data = _solve(reading)["parts"]
    # v_2 = 0.5 * 0.5 + 0.5 * 4 = 2.25, v̂_2 = 2.25/0.75 = 3 in the first coordinate:
    # step -0.1 * 2/sqrt(3)
    assert data[1]["answers"][0]["value"] == pytest.approx([-0.1 - 0.2 / 3 ** 0.5, 0.1])


def test_iterates_named_but_not_asked_do_not_split_the_part():
    text = ("Adam, lr = 0.1, β₁ = 0.9, β₂ = 0.99, ε = 0, θ_0 = [0, 0]; g_1 = [1, -1]. "
            "The iterates θ_1 and θ_2 move by about lr. Give θ_1.")
    assert [p.label for p in read_report(text).parts] == ["main"]


def test_how_big_is_the_step_at_a_stated_step_is_the_last_step():
    part, reading = _part(CONSTANT + "With the usual bias correction, how big is the step at "
                                     "step 3? I'd like the actual numbers.")
    assert part.value("asks") == ["last-step"] and part.value("t") == 3
    data = _solve(reading)["parts"][0]
    assert data["answers"][0]["value"] == pytest.approx([0.01])    # constant g: -lr sign(g)
    assert data["verified"]


LATEX_CONSTANT = r"""\section*{Adam, constant gradient}
Adam with $\beta_1 = 0.9$, $\beta_2 = 0.99$, $\alpha = 10^{-2}$, $\epsilon = 0$ and
$m_0 = v_0 = 0$. Assume a constant gradient $g_t = g \neq 0$ for every $t$.
\begin{enumerate}
  \item[(a)] Compute $m_t$ and $v_t$ in closed form.
  \item[(b)] Show that $\hat m_t = g$ for every $t$.
  \item[(c)] Find $\lim_{t\to\infty} \Delta\theta_t$.
\end{enumerate}
"""


def test_a_constant_gradient_in_latex_closed_forms_and_the_limit():
    reading = read_report(LATEX_CONSTANT)
    assert [p.value("asks") for p in reading.parts] == [["update-rule"], ["m-hat"],
                                                        ["step-limit"]]
    assert not reading.unused                   # 'g ≠ 0' is the nonzero-gradient convention
    data = _solve(reading)["parts"]
    closed = {a["name"]: a["expr"] for a in data[0]["answers"]}
    assert closed["m_t, constant gradient"] == "g*(1 - 9**t/10**t)"
    assert data[1]["answers"][0]["expr"] == "g"
    assert data[2]["answers"][0]["expr"] == "-sign(g)/100"
    assert all(p["verified"] for p in data)


def test_name_it_asks_for_the_method():
    part, _ = _part(RMS + "Set rho = 0. What does RMSprop reduce to? Name it.")
    assert part.value("asks") == ["sign-limit"] and not part.missing




@pytest.mark.parametrize(("question", "name", "want"), [
    # g_1 = f'(1) = -4: first step +0.5 (sign), θ_1 = 1.5
    ("(a) Compute θ_1.", "theta_1", [1.5]),
    # g_2 = f'(1.5) = -3
    ("(a) Compute g_2 and θ_2 (at least 6 significant digits).", "g_2", [-3.0]),
])
def test_a_run_on_a_given_loss_takes_each_gradient_at_the_iterate(question, name, want):
    text = ("Adam on f(w) = w^2 - 6w + 9 from w_0 = 1 with α = 0.5, β₁ = 0.5, β₂ = 0.5, ε = 0; "
            "the gradient at step t is g_t = f'(w_{t-1}).\n\n" + question.replace("θ", "w"))
    reading = read_report(text)
    part = reading.parts[0]
    assert part.value("loss") == [9, -6, 1] and not reading.unused
    data = _solve(reading)["parts"][0]
    got = {a["name"].replace("w", "theta"): a["value"] for a in data["answers"]}
    assert got[name] == pytest.approx(want)
    assert data["verified"] and "autograd" in data["checks"][0]["method"]


def test_several_iterates_of_a_run_on_a_loss_are_one_run():
    text = ("Adam on f(w) = 2w^2 from w_0 = 1 with α = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 0.\n"
            "Compute w_1. Compute w_3.")
    part, reading = _part(text)
    assert part.value("t") == 3
    data = _solve(reading)["parts"][0]
    got = {a["name"]: a["value"] for a in data["answers"]}
    assert got["theta_1"] == pytest.approx([0.9]) and set(got) >= {"theta_2", "theta_3"}
    assert data["verified"]


def test_several_steps_of_a_run_on_a_loss_asking_more_than_iterates_are_refused():
    text = ("Adam on f(w) = 2w^2 from w_0 = 1 with α = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 0.\n"
            "Compute m̂_1 and w_2.")
    with pytest.raises(ReadingIncomplete):
        read_report(text).to_problem()


def test_what_the_update_becomes_needs_a_decay_set_to_zero():
    part, _ = _part(RMS + "What does the update become when ρ = 0? Name the method.")
    assert part.value("asks") == ["sign-limit"] and not part.missing
    with pytest.raises(ReadingIncomplete):       # no decay set to 0: no sign descent claimed
        read_report(RMS + "What does the update become for large gradients? Name the method."
                    ).to_problem()


def test_if_so_how_much_asks_the_shared_size_of_the_first_step():
    part, _ = _part(ADAM + "What is θ_1 - θ_0? Does every coordinate move by the same amount? "
                           "If so, how much?")
    assert not part.missing, [m.reason for m in part.missing]
    assert part.answered_by.get("coordinate-step") == "first-step"


def test_a_constant_gradient_written_without_an_underscore():
    part, _ = _part("Adam, β1 = 0.9, β2 = 0.99, α = 0.01, ε = 0. Let the gradient be constant, "
                    "gt = g for all t. What does the step tend to as t → ∞?")
    assert part.value("constant") is True and part.value("asks") == ["step-limit"]
