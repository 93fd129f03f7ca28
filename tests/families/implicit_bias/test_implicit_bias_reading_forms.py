"""Reading least-squares problems written in the common forms: data (arrays, data points, one
equation, a loss as a sum of squared residuals, a table, a PDF copy), the start, the optimizer and
the question. Each form has several phrasings of our own; a form that cannot be read is refused
naming its phrase, never guessed."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from optiproof.families.implicit_bias import datatext
from optiproof.reading import read_report


def _part(text: str, index: int = 0):
    reading = read_report(text)
    return reading, reading.parts[index]


def _values(part) -> dict:
    return {k: f.value for k, f in part.fields.items()}


X2 = [[1, 0, 2], [0, 1, 1]]
Y2 = [1, 2]
DATA_FORMS = [
    "Least squares with X = [[1, 0, 2], [0, 1, 1]] and y = [1, 2].",
    "Least-squares data X = [1, 0, 2; 0, 1, 1], y = [1; 2].",
    "Let $X = \\begin{pmatrix} 1 & 0 & 2 \\\\ 0 & 1 & 1 \\end{pmatrix}$ and "
    "$y = \\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}$, with squared loss.",
    "Training data: x₁ = (1, 0, 2), y₁ = 1; x₂ = (0, 1, 1), y₂ = 2. Squared loss.",
    "Data points x_1 = (1, 0, 2) with y_1 = 1 and x_2 = (0, 1, 1) with y_2 = 2, squared loss.",
    "We fit L(w) = (w1 + 2 w3 - 1)^2 + (w2 + w3 - 2)^2.",
    "Minimise f(θ) = ½(θ₁ + 2θ₃ − 1)² + ½(θ₂ + θ₃ − 2)².",
    "Two equations, θ₁ + 2θ₃ = 1 and θ₂ + θ₃ = 2, fitted in the least-squares sense.",
    "Two training points:\n\n| | x_1 | x_2 | x_3 | y |\n|---|---|---|---|---|\n| point 1 | 1 | 0 | 2 | 1 |\n"
    "| point 2 | 0 | 1 | 1 | 2 |\n\nSquared loss.",
]


@pytest.mark.parametrize("data", DATA_FORMS)
def test_two_row_data_in_every_form(data):
    reading, part = _part(data + " Gradient descent starts at the origin. Where does it converge?")
    assert reading.complete, [m.reason for m in part.missing]
    assert _values(part)["X"] == X2 and _values(part)["y"] == Y2


ONE_ROW = [
    ("w1 + 2 w2 + 3 w3 = 6. Run GD from zero. Where does it end up?", [1, 2, 3], 6),
    ("One equation 4θ₁ + 2θ₂ = 5; SGD starting at zero. What is the limit of the iterates?",
     [4, 2], 5),
    ("Minimise (3θ₁ − θ₂ − 4)² by gradient descent starting from the origin. Where does it go?",
     [3, -1], 4),
    ("Fit aᵀθ = 4 with a = (1, 1, 2)ᵀ by plain GD from θ^(0) = (1, 0, 0)ᵀ. Where exactly does it "
     "end up?", [1, 1, 2], 4),
    ("One point x = (2, -1) with target y = 3, squared loss, GD from w_0 = 0. Find w_∞.",
     [2, -1], 3),
]


@pytest.mark.parametrize("text, a, b", ONE_ROW)
def test_one_equation_in_every_form(text, a, b):
    reading, part = _part(text)
    assert reading.complete, [m.reason for m in part.missing]
    assert _values(part)["a"] == a and _values(part)["b"] == b


@pytest.mark.parametrize("text, phrase", [
    ("L(w) = (w1 + w2 - 1)^2 + (w2*w3 - 2)^2. GD from zero. Where does it converge?", "w2*w3"),
    ("Minimise (θ₁² + θ₂ − 1)² by gradient descent from the origin. Where does it converge?",
     "not linear"),
    ("Loss f(x) = 0.5*(a1*x1 + a2*x2 - b)^2, gradient descent from x_0 = (0, 0). Limit?",
     "a1, a2, b"),
])
def test_a_residual_that_is_not_a_data_row_is_refused_naming_it(text, phrase):
    reading, part = _part(text)
    assert not reading.complete
    data = [m.reason for m in part.missing if m.name == "data"]
    assert data and phrase in data[0], data


def test_a_loss_splits_into_its_rows_exactly():
    """Independent check: the rows read from a written-out loss are the rows it was written
    from (random rational data, shuffled signs and a common factor)."""
    rng = random.Random(7)
    for _ in range(20):
        m, d = rng.randint(1, 3), rng.randint(2, 4)
        X = [[Fraction(rng.randint(-5, 5), rng.choice([1, 2])) for _ in range(d)] for _ in range(m)]
        for row in X:
            row[rng.randrange(d)] = Fraction(rng.randint(1, 5))
        y = [Fraction(rng.randint(-9, 9)) for _ in range(m)]
        terms = []
        for row, t in zip(X, y):
            lin = " + ".join(f"({c})*w{j + 1}" for j, c in enumerate(row))
            terms.append(f"({lin} - ({t}))^2")
        got = datatext.loss_rows("L(w) = 1/2*(" + " + ".join(terms) + ").")
        assert isinstance(got, datatext.Rows), got
        rows = {(tuple(r), t) for r, t in zip(got.X, got.y)}
        assert rows == {(tuple(r), t) for r, t in zip(X, y)}
        assert got.factor == Fraction(1, 2)
        # the loss value at a random point agrees
        w = [Fraction(rng.randint(-3, 3)) for _ in range(d)]
        want = sum((sum(c * v for c, v in zip(r, w)) - t) ** 2 for r, t in zip(X, y)) / 2
        have = sum((sum(c * v for c, v in zip(r, w)) - t) ** 2 for r, t in zip(got.X, got.y)) / 2
        assert want == have


def test_a_pdf_copy_of_x_and_y_side_by_side():
    text = ("Let\n   3 1 0      4\nX=          ,  y=    ,\n   0 2 -1     5\nand f(w) = ½‖Xw − y‖². "
            "Gradient descent from w_0 = 0. Where does it converge?")
    reading, part = _part(text)
    assert reading.complete, [m.reason for m in part.missing]
    assert _values(part)["X"] == [[3, 1, 0], [0, 2, -1]] and _values(part)["y"] == [4, 5]


D = "Least squares with X = [[1, 0, 2], [0, 1, 1]], y = [1, 2]. "


@pytest.mark.parametrize("start, theta0", [
    ("We run gradient descent with step size η = 0.1, initialised at w₀ = 0.", [0, 0, 0]),
    ("Plain GD, starting from the origin.", [0, 0, 0]),
    ("GD with a small step from θ^(0) = (1, 0, 0)ᵀ.", [1, 0, 0]),
    ("Plain GD, w_0 = 0.", [0, 0, 0]),
    ("GD with zero initialization.", [0, 0, 0]),
    ("Gradient descent; init w = 0.", [0, 0, 0]),
    ("Gradient descent; all weights start at 0.", [0, 0, 0]),
    ("Gradient descent from $\\mathbf{w}_0 = \\mathbf{0}$.", [0, 0, 0]),
    ("Gradient descent from x^{(0)} = (0, 1, 0).", [0, 1, 0]),
    ("GD started at θ = (1, 1, 1).", [1, 1, 1]),
])
def test_the_start_in_every_form(start, theta0):
    reading, part = _part(D + start + " Where does it converge?")
    assert reading.complete, [m.reason for m in part.missing]
    assert _values(part)["theta0"] == theta0


def test_a_stated_gd_step_is_read_and_checked():
    reading, part = _part(D + "Gradient descent with learning rate 0.05 from zero. Limit?")
    assert reading.complete
    assert _values(part)["method"] == {"name": "gd", "lr0": 0.05}


@pytest.mark.parametrize("question, asks", [
    ("Where does it end up?", ["limit"]),
    ("Where exactly does it go?", ["limit"]),
    ("Determine w∞ = lim_{t→∞} w_t.", ["limit"]),
    ("What is w_∞ = lim w_t ?", ["limit"]),
    ("Find w_∞.", ["limit"]),
    ("Show that the iterates converge and find the limit.", ["limit"]),
    ("Is the limit the min-norm solution?", ["is-min-norm"]),
    ("Is it the minimum-norm solution?", ["is-min-norm"]),
    ("Where do the iterates converge, and is that the minimum-norm interpolant?",
     ["limit", "is-min-norm"]),
    ("Prove that GD converges to the minimum-norm solution.", ["is-min-norm"]),
    ("Compute the minimum-ℓ2-norm solution and say whether GD reaches it.",
     ["min-norm-solution", "is-min-norm"]),
    ("Which interpolating solution is selected?", ["limit"]),
    ("Find the minimum-$\\ell_2$-norm interpolating solution.", ["min-norm-solution"]),
    ("Give the final iterate (t → ∞).", ["limit"]),
    ("Determine $\\lim_{k\\to\\infty} w_k$.", ["limit"]),
])
def test_questions_by_meaning(question, asks):
    reading, part = _part(D + "Gradient descent from w_0 = 0. " + question)
    assert reading.complete, [m.reason for m in part.missing]
    assert part.asked == asks


def test_an_unsupported_question_is_refused_naming_it():
    """The norm Adam's limit minimises is not known (gradient descent's is: see
    test_implicit_bias_which_norm)."""
    reading, part = _part(D + "Adam from w_0 = 0. Is there a norm it minimises instead?")
    assert not reading.complete
    assert any("norm it minimis" in m.name for m in part.missing)


def test_a_part_about_an_earlier_result_uses_its_method_and_start():
    text = (D + "(a) Heavy-ball momentum with β = 0.5 from θ_0 = (1, 0, 0). Where does it "
                "converge? (b) Is this limit the minimum-norm solution? (c) Plain GD from zero: "
                "where does it converge? (d) Is the answer to (a) the minimum-norm solution?")
    reading = read_report(text)
    assert reading.complete, [(p.label, m.reason) for p in reading.parts for m in p.missing]
    b, d = reading.parts[1], reading.parts[3]
    for part in (b, d):
        assert part.fields["method"].value == {"name": "heavy-ball", "beta": 0.5}
        assert part.fields["theta0"].value == [1, 0, 0]
        assert part.asked == ["is-min-norm"]


def test_ridge_named_in_the_shared_text_with_lambda_in_the_part():
    text = ("X = [1 1 0; 0 1 1], y = [2; 3]. Ridge regression: w(λ) = argmin 0.5*||X*w - y||^2 "
            "+ (λ/2)*||w||^2. (a) Compute lim_{λ -> 0+} w(λ). (b) Compute w(λ) for λ = 2.")
    reading = read_report(text)
    assert reading.complete, [(p.label, m.reason) for p in reading.parts for m in p.missing]
    a, b = reading.parts
    assert a.asked == ["ridgeless-limit"]
    assert b.fields["method"].value == {"name": "ridge", "lam": 2} and b.asked == ["limit"]


@pytest.mark.parametrize("method, beta", [("heavy-ball", 0.5), ("nesterov", 0.5),
                                          ("heavy-ball", 0.0), ("nesterov", 0.9)])
def test_the_momentum_step_bound_matches_a_run(method, beta):
    """Independent check of the stated-step bound: iterate each method on a 1-d quadratic just
    below and just above alpha L = bound and watch it converge or blow up."""
    from optiproof.families.implicit_bias import schedules as S

    bound = S.step_bound(method, beta)
    for factor, converges in ((0.98, True), (1.02, False)):
        h = factor * bound  # alpha * L with L = 1
        theta, prev, v = 1.0, 1.0, 0.0
        for _ in range(4000):
            if method == "heavy-ball":
                theta, prev = theta - h * theta + beta * (theta - prev), theta
            else:  # PyTorch's Nesterov: v <- beta v + g, theta <- theta - alpha (g + beta v)
                g = theta
                v = beta * v + g
                theta = theta - h * (g + beta * v)
        assert (abs(theta) < 1e-3) is converges, (method, beta, factor, theta)


@pytest.mark.parametrize("text, lr0", [
    ("(a) Heavy ball θ_{t+1} = θ_t − η∇L(θ_t) + β(θ_t − θ_{t−1}) with η = 0.2 and β = 0.5. "
     "Where does it converge?", 0.2),
    ("(a) Nesterov momentum with step size 0.1 and β = 0.9. Determine the limit.", 0.1),
    ("(a) Preconditioned GD with P = diag(1, 2, 1) and learning rate 0.05. Where does it end up?",
     0.05),
])
def test_a_stated_momentum_or_preconditioned_step_is_read(text, lr0):
    reading = read_report(D + "Start from w_0 = 0. " + text)
    assert reading.complete, [(p.label, m.reason) for p in reading.parts for m in p.missing]
    assert reading.parts[0].fields["method"].value["lr0"] == lr0
    problem = reading.to_problem()
    assert problem.parts[0].method.lr0 is not None


def test_a_momentum_step_that_diverges_is_refused():
    from optiproof.families.problem import make_problem

    with pytest.raises(Exception, match="does not converge"):
        make_problem({"title": "t", "parts": [{
            "label": "a", "family": "implicit-bias", "X": X2, "y": Y2, "loss": "half-sum",
            "method": {"name": "heavy-ball", "beta": 0.5, "lr0": 1}}]})


def test_a_stated_momentum_step_is_run_and_verified():
    """End to end: the witnesses run the stated step and agree with the exact limit
    (θ0 + X^+(y - X θ0), here (5/9, 17/9, -1/9))."""
    from optiproof.pipeline import solve_problem

    text = ("X = [[2, 0, 1], [0, 1, -1]], y = [1, 2], L(θ) = ½‖Xθ − y‖², θ_0 = (1, 1, 1). "
            "Heavy ball with η = 0.1 and β = 0.5: where does it converge?")
    solution = solve_problem(read_report(text).to_problem())
    part = solution.parts[0]
    assert part.verified, [c.to_dict() for c in part.checks]
    assert [str(v) for v in part.answers[0].expr] == ["5/9", "17/9", "-1/9"]


DISTANCE_TEXTS = [
    # (text, label of the distance part, expected distance)
    ("One equation θ₁ + 2θ₂ + 2θ₃ = 3, L(θ) = ½(θ₁ + 2θ₂ + 2θ₃ − 3)², start θ₀ = (1, 0, −1).\n"
     "(a) Where does gradient descent converge? Call the limit θ_∞.\n"
     "(b) Give the minimum-norm solution θ̂.\n(c) Compute ‖θ_∞ − θ̂‖₂.", "c", "sqrt(17)/3"),
    ("X = [[1, 0, 1], [0, 1, 1]], y = [1, 2], f(w) = ½‖Xw − y‖².\n"
     "(a) Plain GD from w_0 = (1, 1, 1): what is w_inf = lim w_t ?\n"
     "(b) Compute lim_{λ → 0+} argmin f(w) + (λ/2)‖w‖².\n"
     "(c) Compute ‖w_inf − w_r‖_2, where w_r is your answer to (b).", "c", "sqrt(3)/3"),
]


@pytest.mark.parametrize("text, label, want", DISTANCE_TEXTS)
def test_the_distance_between_a_limit_and_the_minimum_norm_solution(text, label, want):
    """Independent check: the exact distance equals the norm of (limit - pinv(X) y) computed
    here by hand from the closed forms, and the witnesses (real optimizer, numpy pinv) pass."""
    import sympy

    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    reading = read_report(text)
    assert reading.complete, [(p.label, m.reason) for p in reading.parts for m in p.missing]
    part = next(p for p in reading.parts if p.label == label)
    assert part.asked == ["distance-to-min-norm"]
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    got = next(a for p in solution.parts if p.label == label for a in p.answers
               if a.quantity == "distance-to-min-norm")
    assert sympy.simplify(got.expr - sympy.sympify(want)) == 0


def test_a_difference_of_two_limits_is_not_read_as_a_distance_to_the_min_norm_solution():
    """It is the distance between the two limits, derived from both parts' answers."""
    text = ("X = [[1, 0, 1], [0, 1, 1]], y = [1, 2], f(w) = ½‖Xw − y‖², w_0 = (1, 1, 1).\n"
            "(a) Where does GD converge? Call it w_GD.\n(b) Where does heavy-ball momentum with "
            "β = 0.9 converge? Call it w_HB.\n(c) Compute ‖w_GD − w_HB‖_2.")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert "distance-to-min-norm" not in reading.parts[2].asked
    assert reading.parts[2].fields["derived"].value == [
        {"kind": "distance", "of": "a.limit", "to": "b.limit", "norm": "l2"}]


def test_a_part_about_a_result_of_several_methods_is_not_given_one_of_them():
    text = (D + "(a) Run GD and heavy-ball momentum (β = 0.5) from w_0 = (1, 0, 0). Where do they "
                "converge? (b) Is this limit the minimum-norm solution?")
    reading = read_report(text)
    b = [p for p in reading.parts if p.label.startswith("b")]
    assert b and all(p.missing for p in b)


@pytest.mark.parametrize("text, methods", [
    ("Run GD and heavy-ball momentum (β = 0.5) from zero. Where do they converge?",
     ["gd", "heavy-ball"]),
    ("Compare plain gradient descent vs Nesterov momentum (β = 0.9), both from the origin: "
     "where do they end up?", ["gd", "nesterov"]),
    ("Run SGD with momentum 0.9 from zero. Where does it converge?", ["heavy-ball"]),
    ("Gradient descent with momentum β = 0.9 starting at zero: where does it converge?",
     ["heavy-ball"]),
])
def test_methods_named_side_by_side_are_each_answered(text, methods):
    reading = read_report(D + text)
    assert reading.complete, [(p.label, m.reason) for p in reading.parts for m in p.missing]
    got = [p.fields["method"].value for p in reading.parts]
    assert [v if isinstance(v, str) else v["name"] for v in got] == methods


@pytest.mark.parametrize("text, field, value", [
    ("toy problem: X = [[1, 2, 0], [0, 1, 1]], y = [3, 2], loss = ||Xw - y||^2 / 2, w starts at "
     "all zeros, vanilla GD w/ lr 0.05. where does w end up exactly?", "loss", "half-sum"),
    ("Let $A = \\begin{bmatrix} 1 & 1 & 0 \\\\ 0 & 1 & 1 \\end{bmatrix}$, $b = \\begin{bmatrix} "
     "2 \\\\ 1 \\end{bmatrix}$ and run gradient descent on $\\tfrac12\\|Ax - b\\|_2^2$ from "
     "$x_0 = 0$. Determine $\\lim_{k\\to\\infty} x_k$.", "X", [[1, 1, 0], [0, 1, 1]]),
    ("Two samples: x1 = (1, 2), y1 = 5 and x2 = (2, 4), y2 = 10. We fit w by GD from w = 0 on "
     "the squared loss. Which w do we get?", "theta0", [0, 0]),
    ("GD is run on L(θ) = (θ1 + θ2 + θ3 − 3)². The initial point is θ(0) = (1, 2, 3). Where do "
     "the iterates converge?", "a", [1, 1, 1]),
])
def test_more_phrasings(text, field, value):
    reading = read_report(text)
    assert reading.complete, [(p.label, m.reason) for p in reading.parts for m in p.missing]
    assert reading.parts[0].fields[field].value == value


@pytest.mark.parametrize("text", [
    r"Least squares with $X = \begin{bmatrix} 1 & 1 \end{bmatrix}$ and $y = 2$, i.e. the loss "
    r"$L(w) = \frac{1}{2}(w_1 + w_2 - 2)^2$. Gradient descent from $w_0 = (0, 0)$: find $w_\infty$.",
    "X = [1 1], y = 2 and L(w) = 1/2 (w1 + w2 - 2)^2. GD from w_0 = (0, 0): where does it converge?",
    "Data: X = [[1, 1]] and y = [2]. Run gradient descent from w0 = 0. What is the limit?",
])
def test_a_one_row_X_named_beside_its_loss_is_one_equation(text):
    reading, part = _part(text)
    values = _values(part)
    rows = values.get("X") or [values.get("a")]
    assert [[Fraction(str(v)) for v in row] for row in rows] == [[1, 1]]
    assert not reading.unread()
