"""Adam texts that list their gradients labelled by step ("step 1: g = (..)", "iteration 2,
g = (..)", "t = 3: g = (..)") ask the run's moments and "the update of step k" after a leading
"After step k,"; a statement about "both coordinates" is not a question about several variants,
and "is that the same number as …?" is a question (refused when it cannot be placed), never a
remark dropped. Every number is checked against Adam's recurrence computed here."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.reading import read_report
from optiproof.reading.questions import read_questions

from reading_helpers import answer_value, solved


def _run(grads: list[list[float]], lr: float, b1: float, b2: float) -> tuple[list, list, list]:
    """m, v (uncorrected) and the last step after Adam (ε = 0) on ``grads``."""
    n = len(grads[0])
    m, v, step = [0.0] * n, [0.0] * n, [0.0] * n
    for t, g in enumerate(grads, 1):
        m = [b1 * a + (1 - b1) * x for a, x in zip(m, g)]
        v = [b2 * a + (1 - b2) * x * x for a, x in zip(v, g)]
        step = [-lr * (a / (1 - b1 ** t)) / math.sqrt(b / (1 - b2 ** t)) for a, b in zip(m, v)]
    return m, v, step


_LABELS = [
    " step {k}: g = ({x}, {y})\n",
    " iteration {k}, g = ({x}, {y})\n",
    " t = {k}: g = ({x}, {y})\n",
]
_REQUESTS = [
    "After step {k}, what are m_{k} and v_{k}, and what is the update of step {k}?",
    "Right after step {k}: give m_{k}, v_{k} and the update at step {k}.",
    "Compute m_{k} and v_{k} as well as the step of iteration {k}.",
]


@pytest.mark.parametrize("label", _LABELS)
@pytest.mark.parametrize("request_", _REQUESTS)
@settings(max_examples=2, deadline=None)
@given(grads=st.lists(st.tuples(st.sampled_from([0.1, -0.5, 2, 0.3]),
                                st.sampled_from([1, -2, 0.25])), min_size=2, max_size=3))
def test_step_labelled_gradients_are_the_sequence(label, request_, grads):
    k = len(grads)
    listed = "".join(label.format(k=i, x=x, y=y) for i, (x, y) in enumerate(grads, 1))
    text = ("Adam by hand\n\nMy settings: beta1 = 0.8, beta2 = 0.9, lr = 0.01, eps = 0. "
            f"The gradients are\n\n{listed}\n(1) {request_.format(k=k)}\n\n(2) What is m_1?\n")
    reading, solution = solved(text)
    assert reading.parts[0].fields["gradients"].value == [list(g) for g in grads]
    m, v, step = _run([list(g) for g in grads], 0.01, 0.8, 0.9)
    for quantity, want in (("first-moment", m), ("second-moment", v), ("last-step", step)):
        got = answer_value(solution.parts[0], quantity=quantity)
        assert got == pytest.approx(want, rel=1e-9)


def test_gradients_labelled_by_one_step_twice_are_not_a_sequence():
    text = ("Adam by hand\n\nbeta1 = 0.8, beta2 = 0.9, lr = 0.01, eps = 0. Gradients:\n"
            " step 1: g = (1, 2)\n step 1: g = (3, 4)\n\n(1) What are m_2 and v_2?\n\n(2) What is m_1?\n")
    reading = read_report(text)
    assert "gradients" not in reading.parts[0].fields
    assert not reading.complete


@pytest.mark.parametrize("remark", [
    "My update has the same size in both coordinates.",
    "Oddly, the step is equal in both entries.",
    "Both parameters move by the same amount, which surprises me.",
])
def test_a_remark_about_both_coordinates_is_not_several_variants(remark):
    text = ("Adam by hand\n\nbeta1 = 0.9, beta2 = 0.99, lr = 0.1, eps = 0. Gradients:\n"
            " step 1: g = (1, -3)\n step 2: g = (2, -1)\n\n"
            f"(1) What are m_2 and v_2? {remark}\n\n(2) What is v_1?\n")
    reading = read_report(text)
    assert not any("several variants" in line for line in reading.unread())
    assert reading.parts[0].fields["gradients"].value == [[1, -3], [2, -1]]


@pytest.mark.parametrize("sentence", [
    "And is that the same number as the textbook bound?",
    "Is that equal to lr times sqrt(10)?",
    "is that identical to what SGD would do?",
])
def test_is_that_the_same_is_a_request(sentence):
    flat = f"What is the first update without bias correction? {sentence}"
    assert any(r.sentence == sentence for r in read_questions(flat).requests)


@pytest.mark.parametrize("sentence", ["Is that right?", "is that correct?", "Is that wrong?"])
def test_is_that_right_stays_a_remark(sentence):
    flat = f"What is the first update without bias correction? {sentence}"
    assert [r.sentence for r in read_questions(flat).requests] == [
        "What is the first update without bias correction?"]


@pytest.mark.parametrize("start", [
    "Two weights, starting at ({a}, {b}).",
    "The parameters are initialised to [{a}, {b}].",
    "θ starts from ({a}, {b}).",
])
@settings(max_examples=3, deadline=None)
@given(a=st.sampled_from([0, 1, -2]), b=st.sampled_from([0, 0.5, 3]))
def test_a_start_said_in_words_is_theta0(start, a, b):
    grads = [[1, -2], [0.5, 1]]
    text = (f"Adam by hand\n\nbeta1 = 0.9, beta2 = 0.99, lr = 0.1, eps = 0. {start.format(a=a, b=b)} "
            "Gradients:\n step 1: g = (1, -2)\n step 2: g = (0.5, 1)\n\n"
            "(1) What is θ_2?\n\n(2) What is m_1?\n")
    reading, solution = solved(text)
    assert reading.parts[0].fields["theta0"].value == [a, b]
    got = answer_value(solution.parts[0], quantity="theta-t")
    first = _run(grads[:1], 0.1, 0.9, 0.99)[2]
    second = _run(grads, 0.1, 0.9, 0.99)[2]
    assert got == pytest.approx([a + first[0] + second[0], b + first[1] + second[1]], rel=1e-9)


@pytest.mark.parametrize("given_", [
    "a constant gradient gt = {g} for all t",
    "gt = {g}, the same every step",
    "the same gradient every step, gt = {g}",
])
@settings(max_examples=3, deadline=None)
@given(g=st.sampled_from([3, -0.5, 2]))
def test_a_flattened_g_t_is_the_gradient(given_, g):
    text = ("RMSprop by hand\n\nRMSprop with ρ = 0.9, η = 0.01, ε = 0 and "
            f"{given_.format(g=g)}.\n\n(a) Compute v1 and the first update θ1 − θ0.\n\n"
            "(b) Compute the second update θ2 − θ1.")
    reading, solution = solved(text)
    assert reading.parts[0].fields["gradient"].value == [g]
    got = answer_value(solution.parts[0], quantity="first-step")
    v1 = 0.1 * g * g
    assert got == pytest.approx([-0.01 * g / math.sqrt(v1)], rel=1e-9)
