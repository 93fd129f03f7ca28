"""Iterates named by the letter the written update rule steps ('p_{t+1} = p_t − α∇f(p_t)' with
f written in its coordinates): 'p_2' is the iterate after two steps, started from 'p_0 = …', in
plain text, LaTeX and an arrow update; a letter no rule steps is not taken for an iterate."""

from __future__ import annotations

from optiproof.reading import read_report


def _parts(text: str):
    return {p.label: p for p in read_report(text).parts}


def test_a_plain_text_rule_names_its_iterates():
    parts = _parts("Take g(u, v) = 3u^2 + v^2 and the gradient descent update p_{t+1} = p_t - s * grad g(p_t), "
                   "where p_t = (u_t, v_t), with step size 0.1.\n(a) Starting at p_0 = (2, 1), what is p_2?")
    a = parts["a"]
    assert not a.missing, [m.reason for m in a.missing]
    assert a.value("asks") == ["theta-t"]
    assert a.value("steps") == [2]
    assert a.value("theta0") == [2, 1]


def test_a_latex_rule_names_its_iterates():
    parts = _parts(r"Let $q(a, b) = a^2 + 4b^2$ and run gradient descent $$y_{k+1} = y_k - \eta \nabla q(y_k)$$ "
                   r"with $\eta = 0.1$." "\n"
                   r"1. From $y_0 = (1, -1)$, compute $y_1$ and $y_3$." "\n"
                   r"2. What is the condition number?")
    one = parts["1"]
    assert not one.missing, [m.reason for m in one.missing]
    assert one.value("steps") == [1, 3]
    assert one.value("theta0") == [1, -1]


def test_an_arrow_update_names_its_iterate():
    parts = _parts("loss h(s, r) = s^2 + 2 r^2, i run plain GD  u <- u - lr * grad h(u)  with lr = 0.2 "
                   "and u_0 = (1, 1)\n"
                   "Q1: what's u_2 ?\nQ2: and the condition number?")
    q = parts["1"]
    assert not q.missing, [m.reason for m in q.missing]
    assert q.value("steps") == [2]


def test_a_letter_no_rule_steps_is_no_iterate():
    parts = _parts("Take g(u, v) = 3u^2 + v^2 and the gradient descent update p_{t+1} = p_t - 0.1 * grad g(p_t).\n"
                   "(a) Starting at p_0 = (2, 1), what is z_2?")
    assert parts["a"].value("asks") != ["theta-t"]


def test_the_optimum_named_in_a_part_beats_a_step_of_the_shared_text():
    text = ("Let g(u, v) = u^2 + 3v^2 and run gradient descent p_{t+1} = p_t - γ ∇g(p_t). "
            "(Somebody claims γ = 1/L is the best choice.)\n"
            "(a) Find the optimal constant step γ^*.\n"
            "(b) Using γ = γ^* and p_0 = (1, 1), compute p_2.\n"
            "(c) Still using γ^*, how many iterations until ‖p_k‖_2 ≤ 10^-3 ‖p_0‖_2?")
    parts = _parts(text)
    b, c = parts["b"], parts["c"]
    assert not b.missing and not c.missing, [m.reason for m in b.missing + c.missing]
    assert str(b.value("alpha")) == "1/4" and str(c.value("alpha")) == "1/4"
    assert b.value("steps") == [2]
    assert read_report(text).complete



def test_the_optimum_of_one_method_among_several_is_not_the_parts_step():
    parts = _parts("The Hessian has smallest and largest eigenvalues μ = 1 and L = 9. Gradient "
                   "descent: x_{k+1} = x_k - η∇f(x_k).\n(a) Give the optimal constant step η^* "
                   "and its rate.\n(b) How many iterations do GD with η^* and heavy ball need to "
                   "shrink the error by a factor 1000?")
    read = {p.value("method"): p for label, p in parts.items() if label.startswith("b")}
    assert set(read) == {"gd", "heavy-ball"}
    assert read["heavy-ball"].value("alpha") is None
