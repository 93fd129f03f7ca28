"""Adam texts phrased in ways the bundled problems do not use: bias correction switched off in
other words, the update written as a difference of consecutive iterates, a loss multiplied by a
stated number, a back-reference "same as (b)", and how-to-write items ("as a number")."""

from __future__ import annotations

import pytest

from optiproof.catalogue import TRANSFORMS
from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, read_report

SETUP = ("Adam with learning rate α = 0.01, β₁ = 0.9, β₂ = 0.999 and ε = 0; m₀ = v₀ = 0. "
         "The first gradient is g₁ = (4, -1).\n\n")


@pytest.mark.parametrize("phrase", [
    "Disable the bias correction.", "Suppose we skip bias correction entirely.",
    "The bias-correction step is omitted.", "Now the bias correction is turned off.",
    "Run it w/o bias correction.", "Use the uncorrected moments.",
    "An implementation that does not apply bias correction."])
def test_bias_correction_off_in_other_words_is_a_transformation(phrase):
    assert any(m.entry.key == "no-bias-correction" for m in TRANSFORMS.mentions(phrase))


@pytest.mark.parametrize("phrase", ["Bias correction is on.", "Recall the bias correction."])
def test_bias_correction_named_without_switching_it_off_is_not(phrase):
    assert not any(m.entry.key == "no-bias-correction" for m in TRANSFORMS.mentions(phrase))


def _part(text: str, label: str = "main"):
    reading = read_report(text)
    return next(p for p in reading.parts if p.label == label), reading


@pytest.mark.slow
def test_first_step_with_bias_correction_disabled_is_the_uncorrected_step():
    part, reading = _part(SETUP + "Disable the bias correction. What is θ₁ − θ₀?")
    assert part.value("asks") == ["step-no-bias-correction"]
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    step = data["parts"][0]["answers"][0]["value"]
    # m1 = 0.1 g, v1 = 0.001 g^2 -> step = -alpha * 0.1 g / (sqrt(0.001) |g|) = -alpha sqrt(10) sign(g)
    assert step == pytest.approx([-0.01 * 10 ** 0.5, 0.01 * 10 ** 0.5])
    assert data["parts"][0]["verified"]


def test_a_step_written_as_consecutive_iterates_is_the_update_of_the_sign_limit():
    text = SETUP.replace("β₁ = 0.9, β₂ = 0.999", "β₁ = β₂ = 0") + \
        "Write w_{k+1} − w_k and name the algorithm this gives."
    text = text.replace("Adam with", "Adam (w are the weights) with")
    part, _ = _part(text)
    assert part.value("asks") == ["sign-limit"]


@pytest.mark.slow
def test_a_loss_multiplied_by_a_number_runs_on_the_scaled_gradient():
    part, reading = _part(SETUP + "The loss is multiplied by 250 before backward(). "
                                  "Give θ₁ − θ₀ now.")
    assert part.value("gradient") == [1000, -250]
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    assert data["parts"][0]["answers"][0]["value"] == pytest.approx([-0.01, 0.01])


def test_same_as_another_part_inherits_its_numbers():
    text = ("Adam, ε = 0, m₀ = v₀ = 0, gradient g = (2, -3).\n"
            "(a) With α = 0.5, β₁ = 0.8 and β₂ = 0.99, give θ₁ − θ₀.\n"
            "(b) Same as (a), but bias correction is switched off. Give θ₁ − θ₀.\n")
    part, _ = _part(text, "b")
    assert (part.value("beta1"), part.value("beta2"), part.value("alpha")) == (0.8, 0.99, 0.5)


def test_how_to_write_the_answer_is_not_a_second_question():
    text = SETUP + "Give |θ₁ − θ₀| per coordinate, in terms of α and also as a decimal number."
    try:
        part, _ = _part(text)
    except ReadingIncomplete:  # pragma: no cover - the assertion below names what failed
        pytest.fail("refused")
    assert not part.missing, [m.reason for m in part.missing]


def test_a_stated_t_other_than_one_contradicts_the_first_step():
    part, _ = _part(SETUP + "Take t = 3. Give θ₁ − θ₀.")
    assert any(m.name == "t" for m in part.missing)


@pytest.mark.parametrize("asked, quantity", [
    ("Give w_3 − w_2.", "last-step"), ("Give θ₂ − θ₀.", "update-rule"),
    ("Give θ₁ − θ₀.", "first-step")])
def test_a_difference_of_numbered_iterates_is_one_ask(asked, quantity):
    text = ("Adam with α = 0.1, β₁ = 0.5, β₂ = 0.75, ε = 0, m₀ = v₀ = 0 and the gradients "
            "g₁ = (1, 2), g₂ = (3, -1), g₃ = (2, 2).\n\n" + asked)
    part, _ = _part(text)
    assert part.value("asks") == [quantity], [m.reason for m in part.missing]


def test_a_difference_of_iterates_two_steps_apart_is_refused_naming_it():
    text = ("Adam with α = 0.1, β₁ = 0.5, β₂ = 0.75, ε = 0, m₀ = v₀ = 0 and the gradients "
            "g₁ = (1, 2), g₂ = (3, -1), g₃ = (2, 2).\n\nGive θ₃ − θ₁.")
    part, _ = _part(text)
    assert any("θ_3 - θ_1" in m.reason or "θ_3-θ_1" in m.reason for m in part.missing)


@pytest.mark.slow
@pytest.mark.parametrize("text, want", [
    ("Adam is run on the loss c·L (c > 0) with ε > 0. Which ε' makes Adam on L produce "
     "exactly the same iterates?", None),
    ("Adam with ε = 10^-8. I scale my loss by 4. What epsilon would I need on the unscaled "
     "loss to get the same iterates?", 2.5e-9)])
def test_the_equivalent_epsilon_is_read_solved_and_checked_by_torch(text, want):
    part, reading = _part(text)
    assert part.value("asks")[-1] == "equivalent-eps"
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    got = next(a for a in data["parts"][0]["answers"] if a["name"] == "equivalent epsilon")
    if want is None:
        assert got["expr"] == "epsilon/c"
    else:
        assert got["value"] == pytest.approx(want)
    assert data["parts"][0]["verified"]


def test_an_equivalent_epsilon_asked_where_epsilon_is_zero_is_refused():
    part, _ = _part("Adam with eps = 0. If I multiply my loss by 10, which eps gives the same "
                    "run on the original loss?")
    assert any(m.name == "eps" for m in part.missing)


@pytest.mark.parametrize("question", [
    "Is the trajectory the same as for the unscaled loss?",
    "Do the updates stay the same?", "Would the iterates change?"])
def test_does_the_run_change_under_a_scaled_loss_is_the_loss_scaling_question(question):
    part, _ = _part("Adam with ε = 0 and m₀ = v₀ = 0. The training loss is multiplied by 50. "
                    + question)
    assert part.value("asks") == ["loss-scaling"], [m.reason for m in part.missing]


@pytest.mark.parametrize("question", [
    "What is the largest possible per-coordinate step |Δθ_t| at t = 1, in units of α?",
    "What is the worst-case step of a single coordinate?",
    "How big can the biggest coordinate-wise update be?"])
def test_the_largest_step_in_other_words_is_the_step_bound(question):
    part, _ = _part("Adam with β₁ = 0.9, β₂ = 0.999 and ε = 0.\n\n" + question)
    assert part.value("asks") == ["step-bound"], [m.reason for m in part.missing]


GARBLED = """Problem 4 (Adam)
Adam keeps mt = β1mt−1 + (1 − β1)gt and vt = β2vt−1 + (1 − β2)g2t , with bias-corrected
m̂t = mt/(1 − βt1), v̂t = vt/(1 − βt2) and update θt = θt−1 − η m̂t/(√v̂t + ϵ).
Let η = 0.01, β1 = 0.9, β2 = 0.99, ϵ = 0, m0 = v0 = 0.
(a) The gradients are g1 = (1, −2) and g2 = (3, 2). Compute m̂2 and v̂2.
(b) Compute θ2 − θ1.
{page}
"""


@pytest.mark.slow
@pytest.mark.parametrize("page", ["12", "- 3 -", "Page 2", "2/5"])
def test_a_later_part_runs_on_the_gradients_an_earlier_part_states_past_a_page_number(page):
    reading = read_report(GARBLED.format(page=page))
    assert reading.parts[1].value("gradients") == [[1, -2], [3, 2]]
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    reading.attach(data)
    out = data.to_dict()
    m, v, steps = [0.0, 0.0], [0.0, 0.0], []
    for t, g in enumerate([(1, -2), (3, 2)], 1):      # the recursion, by hand
        m = [0.9 * a + 0.1 * x for a, x in zip(m, g)]
        v = [0.99 * a + 0.01 * x * x for a, x in zip(v, g)]
        steps.append([-0.01 * (a / (1 - 0.9 ** t)) / (b / (1 - 0.99 ** t)) ** 0.5
                      for a, b in zip(m, v)])
    assert out["parts"][1]["answers"][0]["value"] == pytest.approx(steps[1])
    assert out["parts"][1]["verified"], out["parts"][1].get("not_verified_because")


def test_a_lone_number_inside_a_sentence_is_data_not_a_page_number():
    reading = read_report("Adam with ε = 0, m₀ = v₀ = 0, β₁ = 0.9, β₂ = 0.999 and a learning "
                          "rate of\n3\n(a) For the gradient g = (1, -1), give θ₁ − θ₀.")
    assert not any("page number" in r for r in reading.removed)


@pytest.mark.slow
def test_rmsprop_named_alone_is_read_and_run_on_its_gradients():
    reading = read_report("For RMSprop with decay rho = 0.9 (no momentum, eps = 0, v_0 = 0), "
                          "lr = 0.001, and gradients g_1 = (1, 1), g_2 = (1, 3), what is "
                          "theta_2 - theta_0?")
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    reading.attach(data)
    part = data.to_dict()["parts"][0]
    v, theta = [0.0, 0.0], [0.0, 0.0]
    for g in [(1, 1), (1, 3)]:
        v = [0.9 * a + 0.1 * x * x for a, x in zip(v, g)]
        theta = [th - 0.001 * x / a ** 0.5 for th, x, a in zip(theta, g, v)]
    got = next(a for a in part["answers"] if a["quantity"] == "displacement")
    assert got["value"] == pytest.approx(theta)
    assert part["verified"], part.get("not_verified_because")


@pytest.mark.parametrize("setting, want", [
    ("Adam (lr 1e-3, betas 0.9/0.999, eps 1e-8)", (0.001, 0.9, 0.999, 1e-8)),
    ("Adam with lr: 0.01, betas (0.5, 0.75), epsilon 0", (0.01, 0.5, 0.75, 0)),
    ("Adam, betas: 0.8, 0.9, eps of 1e-6, learning rate 0.1", (0.1, 0.8, 0.9, 1e-6))])
def test_forum_style_hyper_parameters_without_equals_signs(setting, want):
    part, _ = _part(setting + ". The gradient of one weight is 0.5. How large is its first "
                              "update?")
    got = tuple(part.value(f) for f in ("alpha", "beta1", "beta2", "eps"))
    assert got == pytest.approx(want)
    assert part.value("gradient") == [0.5]
    assert not part.unused, part.unused


@pytest.mark.slow
def test_a_tiny_gradient_of_one_weight_gets_the_eps_damped_first_step():
    part, reading = _part("Adam (lr 1e-3, betas 0.9/0.999, eps 1e-8) on a model; the first "
                          "gradient of one weight is 1e-9. How large is that weight's first "
                          "update?")
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    reading.attach(data)
    out = data.to_dict()["parts"][0]
    # m̂1 = g, √v̂1 = |g|: the step is lr·g/(|g| + eps), by hand
    assert out["answers"][0]["value"] == pytest.approx([-1e-3 * 1e-9 / (1e-9 + 1e-8)])
    assert out["verified"], out.get("not_verified_because")
