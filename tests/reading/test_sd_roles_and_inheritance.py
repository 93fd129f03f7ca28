"""Steepest-descent reading: the step's norm chosen by its role (the norm inside the objective or
the constraint decides; a dual norm, a hint or a compared setting does not), a part that states
no norm or form taking them from the part it names or continues, a constraint the part drops,
a request that only writes the problem, a symbol the text defines, a radius written as a letter.
Each mechanism is tested on phrasings in several styles (clean, LaTeX, ASCII, forum, PDF)."""

from __future__ import annotations

import pytest

from optiproof.reading import ReadingIncomplete, read_report

from test_reading_steepest_descent import _answers, _complete


def _setting(text: str) -> list[tuple]:
    return [(p.label, p.value("norm"), p.value("form")) for p in _complete(text).parts]


# -- the norm by its role ----------------------------------------------------------------------

@pytest.mark.parametrize("text, norm", [
    # forum: the formula's norm, not the case the poster copied
    ("hey, g = (1, -3, 2) and alpha = 0.5. I want d = argmin_d g^T d + (1/alpha) * ||d||_1^2. "
     "I tried to reuse the l-infinity case but it's off. What is d?", "l1"),
    # clean: a hint naming the dual norm
    ("Let g = (2, -1). Hint: the dual of the ℓ∞ norm is ℓ1. Compute u = argmin_d gᵀd + "
     "(1/α)‖d‖∞² for α = 1.", "linf"),
    # a remark that writes the objective: the formula's norm still sets the step
    ("Let g = (2, -1). Recall that u = argmin_d gᵀd + (1/α)‖d‖∞². Compute u for α = 1.",
     "linf"),
    # ASCII: a comparison with the Euclidean version
    ("g = [3, 1], alpha = 2. Like the Euclidean version, solve min_d g^T d + (1/alpha) ||d||_inf^2 "
     "and give the minimizer.", "linf"),
    # LaTeX: the constraint's norm, with the dual norm named in a parenthesis
    (r"Let $g = (1, -2)$. Solve $\min_d g^\top d$ s.t. $\|d\|_1 \le \eta$ (so that "
     r"$\|\cdot\|_\infty$ is the dual norm). Give the minimiser.", "l1"),
])
def test_the_norm_inside_the_formula_sets_the_step(text, norm):
    assert [n for _l, n, _f in _setting(text)] == [norm]


@pytest.mark.parametrize("text", [
    "Let g = (1, 2). Using the Euclidean norm, solve min_d g^T d s.t. ||d||_1 <= 1. Give d.",
    r"Let $g=(1,2)$. For the $\ell_\infty$ norm find $\arg\min_d g^\top d + \frac{1}{\alpha}"
    r"\|d\|_1^2$ with $\alpha = 1$.",
])
def test_a_norm_named_beside_another_formula_norm_is_a_tie(text):
    reading = read_report(text)
    with pytest.raises(ReadingIncomplete):
        reading.to_problem()
    assert any("several norms" in line for line in reading.unread())


@pytest.mark.parametrize("text, p", [
    ("Let g = (1, -4). (a) For the ℓ_p norm with p = 3, what is the Hölder conjugate exponent "
     "q (so that ‖·‖_q is the dual norm)?", 3),
    ("g = (1, -4). (a) Take the l_p norm, p = 4. Give the conjugate exponent q, where ||.||_q "
     "is its dual.", 4),
    (r"Let $g = (1,-4)$. (a) For the $\ell_p$ norm with $p=3$ give the H\"older conjugate "
     r"exponent $q$ (the dual norm is then $\|\cdot\|_q$).", 3),
])
def test_the_dual_norm_named_in_a_question_is_not_the_step(text, p):
    ((_label, norm, _form),) = _setting(text.replace("(a) ", "") + " Use the constraint "
                                        "‖d‖ ≤ η.")
    assert norm == {"name": "lp", "p": p}


# -- a setting inherited from the part named or continued ----------------------------------

_CONTINUED = [
    # markdown: the shared text is for a generic norm; (2) continues (1)
    ("Let g = (1, -4). The steepest-descent direction solves min_d gᵀd subject to ‖d‖ ≤ η.\n"
     "1. Solve it for ‖d‖_3 ≤ η and give d*.\n2. What is the optimal value gᵀd*?\n",
     [("1", {"name": "lp", "p": 3}, "constraint"), ("2", {"name": "lp", "p": 3}, "constraint")]),
    # ASCII: (ii) asks about (i)'s steps
    ("Let g = [1, -5, 2].\n(i) Solve min_d g^T d subject to ||d||_1 <= eta. Write down d*.\n"
     "(ii) Which classical method takes steps of this form?\n",
     [("i", "l1", "constraint"), ("ii", "l1", "constraint")]),
    # clean: (c) names part (a) explicitly, after a part with another problem
    ("Let g = (2, -1, 3).\n(a) Compute u = argmin_d gᵀd + (1/α)‖d‖∞².\n"
     "(b) Now solve min gᵀd s.t. ‖d‖_2 ≤ η. Give d.\n"
     "(c) Which optimiser does the update of part (a) correspond to?\n",
     [("a", "linf", "penalty-squared"), ("b", "l2", "constraint"),
      ("c", "linf", "penalty-squared")]),
    # LaTeX: the minimal value of the objective in an earlier item
    (r"Let $g = (1,-4)^\top$ and $D=\mathrm{diag}(2,8)$." "\n"
     r"\item[(a)] Give $u = \arg\min_d g^\top d + \frac{1}{\alpha}\|d\|_D^2$." "\n"
     r"\item[(b)] Solve $\min_d g^\top d$ s.t. $\|d\|_2 \le \eta$ and give $d^\star$." "\n"
     r"\item[(c)] What is the minimal value of the objective in (a)?" "\n",
     [("a", {"name": "quadratic", "D": [2, 8]}, "penalty-squared"), ("b", "l2", "constraint"),
      ("c", {"name": "quadratic", "D": [2, 8]}, "penalty-squared")]),
]


@pytest.mark.parametrize("text, want", _CONTINUED)
def test_a_part_without_its_own_setting_takes_the_part_it_names_or_continues(text, want):
    assert _setting(text) == want


def test_the_inherited_penalty_keeps_its_weight():
    text = ("Let g = (2, -4, 9) and D = diag(1, 2, 3).\n"
            "1. Solve d* = argmin_d g^T d + 1/(2η) ‖d‖_D^2.\n"
            "2. Now solve min g^T d s.t. ‖d‖_D ≤ ρ. Give the minimiser.\n"
            "3. Which optimizer does part 1 correspond to?\n")
    parts = _complete(text).parts
    assert parts[2].value("alpha") == "2*eta" and parts[2].value("form") == "penalty-squared"
    assert parts[1].value("eta") == "rho"


@pytest.mark.parametrize("text, label, field", [
    ("Let g = (2, -1, 3).\n(a) Compute u = argmin_d gᵀd + (1/α)‖d‖∞².\n"
     "(b) Compute v = argmin_d gᵀd + (1/α)‖d‖_1².\n"
     "(c) Compare the optimal values of (a) and (b): which optimizer is in (a) and (b)?\n",
     2, "norm"),  # the parts named disagree
    ("Let g = (1, 2).\n(a) Solve min g^T d s.t. ||d||_2 <= eta. Give d.\n"
     "(b) Give u = argmin g^T d + (1/alpha)||d||_2^2 and also the constrained "
     "minimiser under ||d||_2 <= 1.\n", 1, "form"),  # the part refuses its own form
    ("Let g = (2, -1, 3).\n(a) Compute u = argmin_d gᵀd + 1/(2α)‖d‖∞².\n"
     "(b) Let α = 0.5 in (a). What is u?\n", 1, "alpha"),  # a value for another part's weight
])
def test_nothing_is_inherited_where_it_would_be_a_guess(text, label, field):
    assert read_report(text).parts[label].value(field) is None


# -- a dropped constraint, a request that only states the problem --------------------------

@pytest.mark.parametrize("text", [
    r"Let $G = \begin{bmatrix}1&2\\2&-2\end{bmatrix}$ be the gradient. (a) Solve $\min \langle "
    r"G, D\rangle$ s.t. $\|D\|_{2\to2}\le\eta$; give $D^\star$. (b) Now drop the constraint and instead use the "
    r"squared penalty $\arg\min_D \langle G,D\rangle + \frac{1}{\alpha}\|D\|_{2\to2}^2$. Give "
    r"$D^\star$.",
    "g = (1, 2). (a) min g^T d s.t. ||d||_2 <= eta; give d. (b) Remove the constraint and use "
    "argmin g^T d + (1/alpha) ||d||_2^2 instead; give d.",
    "Let g = (1, 2). (a) Find d minimising gᵀd subject to ‖d‖_1 ≤ η. (b) Replacing the "
    "constraint by a penalty, find argmin gᵀd + (1/α)‖d‖_1².",
])
def test_the_constraint_a_part_drops_is_not_its_form(text):
    assert _setting(text)[1][2] == "penalty-squared"


@pytest.mark.parametrize("text", [
    "g = [1, -5, 2, 3].\n(i) Solve  min_d  g^T d   subject to  ||d||_1 <= eta.\n"
    "    Write down the minimizer d* and the optimal value.\n",
    "Let g = (1, -5). Solve min_d gᵀd + (1/α)‖d‖∞². Give the minimiser.",
    "Setup: g = (0.5, -2) and alpha = 0.1. We want d* = argmin_d g^T d + (1/alpha) * "
    "||d||_1^2. What is the minimizer?",
])
def test_a_request_that_writes_the_problem_asks_nothing_more(text):
    _complete(text)


def test_a_request_writing_another_problem_is_still_a_gap():
    text = "Let g = (1, -5). Solve min_d gᵀd s.t. ‖d‖_2 ≤ η. Give argmin gᵀd + (1/α)‖d‖∞²."
    with pytest.raises(ReadingIncomplete):
        read_report(text).to_problem()


# -- a symbol the text defines; a radius written as a letter --------------------------------

@pytest.mark.parametrize("text", [
    "g = [1, -5, 2, 3]. Drop the square: min_d g^T d + (1/alpha) * ||d||_1. There is a "
    "threshold alpha_c such that for alpha < alpha_c the minimizer is d = 0. Find alpha_c.",
    "Let g = (1, -5). For the plain penalty, u = argmin_d gᵀd + (1/α)‖d‖_1, there is a critical "
    "value α_crit of the weight above which the objective is unbounded. Find α_crit.",
    r"Let $g = (1,-5)$ and consider the steepest-descent step $\arg\min_d g^\top d + "
    r"\frac{1}{\alpha}\|d\|_1$ (not squared). Call the threshold $\alpha_c$. Give $\alpha_c$.",
])
def test_a_symbol_defined_as_the_threshold_asks_for_it(text):
    assert _answers(text)["threshold"] == ["1/5"]


@pytest.mark.parametrize("text, eta", [
    ("Let g = (3, 4). Solve min gᵀd s.t. ‖d‖_2 ≤ ρ. Give d.", "rho"),
    ("g = (3, 4). Solve min g^T d s.t. ||d||_2 <= r, with r = 0.5. Give d.", 0.5),
    (r"Let $g=(3,4)$ and $\eta > 0$ the step size. Solve $\min g^\top d$ s.t. "
     r"$\|d\|_2 \le \tau$. Give $d$.", "tau"),
])
def test_the_radius_is_the_letter_that_bounds_the_ball(text, eta):
    from fractions import Fraction

    got = _complete(text).parts[0].value("eta")
    assert got == eta or Fraction(str(got)) == Fraction(str(eta))


# -- the form in garbled notations; a dual norm's value; the regime beside the threshold -----

@pytest.mark.parametrize("text, form, alpha", [
    # a PDF copy: the stacked 1/α flattened onto one line, the index after the exponent
    ("The gradient is g = (1, 2, 2, 4)>. Let n = 4 and kdkRMS = kdk2/√n.\n(b) Compute the "
     "minimiser of\nhg, di + 1\nα kdk2\nRMS\nover d ∈ R4 (α > 0).", "penalty-squared", "alpha"),
    ("g = (3, -1, 2)>.\n(a) Minimise hg, di + 1\nα kdk2∞ and give the minimiser.",
     "penalty-squared", "alpha"),
    ("Let g = (3, -1). Find argmin_d ⟨g, d⟩ + 1 2η ‖d‖_2^2 as a function of η.",
     "penalty-squared", "2*eta"),
])
def test_a_flattened_stacked_weight_and_a_late_index(text, form, alpha):
    (part,) = _complete(text).parts
    assert (part.value("form"), part.value("alpha")) == (form, alpha)


@pytest.mark.parametrize("text, quantity, value", [
    # the dual norm's value at g, with no form stated (none is needed)
    ("Let n = 4, define ‖d‖_RMS = ‖d‖_2/√n, and let g = (1, 2, 2, 4).\n"
     "(a) Evaluate the dual norm of ‖·‖_RMS at the given g.", "dual-norm", "10"),
    ("Let n = 4 and ‖d‖_RMS = ‖d‖_2/√n. The gradient is g = (1, 2, 2, 4).\n(a) Show that the "
     "dual norm of ‖·‖_RMS is √n ‖·‖_2 and evaluate ‖g‖_RMS,∗ for the given g.", "dual-norm",
     "10"),
    (r"Let $g = (3, 4)^\top$. (a) Compute the dual norm of $\|\cdot\|_1$ at $g$.", "dual-norm",
     "4"),
    # what happens beyond the threshold: the threshold's answer states it
    ("g = (0.5, -2, 1.5). With the plain penalty argmin_d g^T d + ||d||_1 / alpha (not "
     "squared), what is the threshold on alpha, and what happens above that threshold?",
     "threshold", "1/2"),
    ("Let g = (0.5, -2, 1.5) and u = argmin_d gᵀd + (1/α)‖d‖_1. Find the critical α. What "
     "happens for α > α_c?", "threshold", "1/2"),
])
def test_an_answer_that_needs_no_more_than_the_part_states(text, quantity, value):
    assert _answers(text)[quantity] == [value]


def test_what_happens_elsewhere_stays_unplaced():
    text = ("g = (0.5, -2, 1.5). With u = argmin_d g^T d + (1/alpha)||d||_1^2, what is u, and "
            "what happens when alpha grows?")
    with pytest.raises(ReadingIncomplete):
        read_report(text).to_problem()


# -- more notations of the same problem ---------------------------------------------------

@pytest.mark.parametrize("text, norm, form, alpha", [
    # LaTeX with TeX's unbraced one-token fraction arguments
    (r"Let $g=(2,-6,3)^\top$. Solve $u=\arg\min_d g^\top d+\frac1\alpha\|d\|_1^2$.",
     "l1", "penalty-squared", "alpha"),
    (r"Let $g=(2,-6,3)^\top$. Find $u=\arg\min_d g^\top d+\frac1{2\eta}\|d\|_2^2$.",
     "l2", "penalty-squared", "2*eta"),
    # a PDF copy whose norm index ends the sentence ("kdk1.")
    ("Let g = (2, −1, 0, 1)> and α > 0.\n(a) Drop the square: minimise hg, di + 1\nα kdk1. For "
     "which α is d = 0 the unique minimiser?", "l1", "penalty", "alpha"),
    # ASCII with a named step solved for
    ("g = [2, -6, 3], alpha = 0.5. Solve d* = argmin_d g^T d + (1/alpha) ||d||_inf^2.",
     "linf", "penalty-squared", 0.5),
])
def test_the_problem_in_other_notations(text, norm, form, alpha):
    (part,) = _complete(text).parts
    assert (part.value("norm"), part.value("form"), part.value("alpha")) == (norm, form, alpha)


@pytest.mark.parametrize("text, want", [
    ("so g = (3, -4), alpha = 0.2 and I minimize g^T d + (1/alpha)*||d||_inf^2. what is the "
     "minimizer d here? and what's the min value?", {"update", "min-value"}),
    ("g = (0.5, -2, 1.5). For the plain penalty argmin_d g^T d + ||d||_1/alpha (not squared): "
     "for which alpha is d = 0 the unique minimizer?", {"threshold"}),
    ("Let g = (2, -1, 3). Minimise gᵀd + (1/α)‖d‖∞² and give v.", {"update"}),
    ("Let g = [2, -1]. Solve min g^T d s.t. ||d||_4 <= 1 and give d.", {"update"}),
])
def test_what_the_part_asks(text, want):
    (part,) = _complete(text).parts
    assert {a if isinstance(a, str) else a["kind"] for a in part.value("asks")} == want


@pytest.mark.parametrize("text", [
    "Let g = (3, -1, 2) and alpha > 0.\n(a) Compute u = argmin_d g^T d + (1/alpha) ||d||_2^2.\n"
    "(b) Now with the l1 norm.\n",
    "Let g = (3, -1, 2), α > 0.\n(a) Give u = argmin_d gᵀd + (1/α)‖d‖₂².\n(b) The ℓ1 norm.\n",
    r"Let $g=(3,-1,2)$." "\n" r"\item[(a)] Compute $u=\arg\min_d g^\top d+\frac{1}{\alpha}"
    r"\|d\|_2^2$." "\n" r"\item[(b)] Next, the $\ell_1$ norm." "\n",
])
def test_a_part_that_asks_nothing_asks_what_the_part_it_continues_asked(text):
    a, b = _complete(text).parts
    assert (b.value("norm"), b.value("form"), b.value("asks")) == ("l1", "penalty-squared",
                                                                    a.value("asks"))


def test_a_part_that_might_ask_something_is_not_given_another_parts_asks():
    text = ("Let g = (3, -1, 2) and alpha > 0.\n(a) Compute u = argmin_d g^T d + (1/alpha) "
            "||d||_2^2.\n(b) Now with the l1 norm. What is the optimal value?\n")
    assert _complete(text).parts[1].value("asks") == ["min-value"]


# -- glosses and qualifiers that ask nothing -----------------------------------------------

@pytest.mark.parametrize("text", [
    # a norm glossed in parentheses
    r"Let $G=\begin{bmatrix}3&0\\0&1\end{bmatrix}$ and $\eta>0$. (a) Find $\arg\min_{\|D\|_F"
    r"\le\eta}\langle G,D\rangle$. (b) Same question for the nuclear norm $\|D\|_*$ (sum of "
    r"singular values).",
    "G = [[3, 0], [0, 1]], eta > 0. (a) Solve min <G, D> s.t. ||D||_F <= eta and give D. "
    "(b) Same for the trace norm (the sum of the singular values).",
    # a qualifier on the identification
    "Let g = (3, -1, 2) and u = argmin_d gᵀd + (1/α)‖d‖∞². Up to the choice of learning rate, "
    "which well-known optimiser performs this update?",
    "g = (3, -1, 2); u = argmin_d g^T d + (1/alpha)||d||_inf^2. Up to the value of the step "
    "size, which optimizer is this?",
    # momentum set aside
    r"Let $G=\begin{bmatrix}3&0\\0&1\end{bmatrix}$. The step $\arg\min_{\|D\|_{2\to2}\le\eta}"
    r"\langle G,D\rangle$ is used by a recent optimizer (ignoring momentum). Name it.",
    "G = [[3, 0], [0, 1]]. Which optimizer, without momentum, takes the step argmin <G, D> "
    "s.t. ||D||_op <= eta?",
])
def test_a_gloss_or_a_qualifier_asks_nothing(text):
    _complete(text)


@pytest.mark.parametrize("text, rate", [
    ("Let g = (1, 2, 2, 4) and u = argmin_d gᵀd + (1/α)‖d‖_2^2 with α = 0.5. Compute u and "
     "state which standard method (with which learning rate) it corresponds to.", "1/4"),
    ("g = (1, 2); u = argmin_d g^T d + (1/alpha)||d||_inf^2, alpha = 0.5. Which optimiser is "
     "this, and with which learning rate?", "3/4"),
    (r"Let $g=(1,2)$ and $u=\arg\min_d g^\top d+\frac{1}{\alpha}\|d\|_2^2$ with $\alpha=0.5$. "
     r"Name the method (and what step size it uses).", "1/4"),
])
def test_the_learning_rate_beside_an_identification_is_the_effective_one(text, rate):
    assert _answers(text)["effective-step"] == [rate]


def test_up_to_the_learning_rate_asks_no_learning_rate():
    text = ("Let g = (3, -1, 2) and u = argmin_d gᵀd + (1/α)‖d‖∞². Up to the learning rate, "
            "which optimiser is this?")
    assert _complete(text).parts[0].value("asks") == ["optimizer"]
