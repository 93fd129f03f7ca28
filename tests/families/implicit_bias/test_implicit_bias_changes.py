"""'Does the limit change?' after a GD part: answered against plain GD from the same start on the
same data, by the solver (exact comparison) and by a witness (the real optimizer's endpoint vs
numpy's pinv GD limit); without an earlier GD part on the same problem the question is refused."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.core.errors import BadInput
from optiproof.families.implicit_bias.solve import solve
from optiproof.families.implicit_bias.spec import Spec
from optiproof.families.implicit_bias.witness import changes_check
from optiproof.reading import read_report

STEM = ("Least squares with one equation 2θ₁ − θ₂ + 2θ₃ = 4, loss ½(aᵀθ − 4)², started at "
        "θ₀ = (0, 1, 1)ᵀ.\n(a) Where does gradient descent with a small step converge?\n")


@pytest.mark.parametrize("part_b", [
    "(b) We switch to Nesterov momentum with β = 0.5 and a small step. Does the limit change?",
    "(b) With heavy-ball momentum (β = 0.8, small step size), would the point it converges to "
    "change? Give the limit.",
    "(b) Now use preconditioned GD with P = diag(1, 2, 1) and a small step. Does the end point "
    "change?",
])
def test_changes_after_a_gd_part_is_read(part_b):
    _read_asking(STEM + part_b, "changes", part=1)


def _read_asking(text: str, ask: str, part: int = 0) -> None:
    reading = read_report(text)
    assert reading.complete, [(m.name, m.reason) for p in reading.parts for m in p.missing]
    assert ask in reading.parts[part].fields["asks"].value


def test_changes_without_an_earlier_gd_part_is_refused():
    text = ("Least squares: fit aᵀθ = 3 with a = (1, 2, 2)ᵀ from θ₀ = (1, 0, −1)ᵀ using "
            "heavy-ball momentum β = 0.9 and a small step.\n(a) Where does it converge?\n"
            "(b) Does the limit change if we use β = 0.5?")
    reading = read_report(text)
    assert not reading.complete
    assert any("change" in m.reason for p in reading.parts for m in p.missing)


def test_changes_after_gd_from_another_start_is_refused():
    text = ("Fit aᵀθ = 3 with a = (1, 2, 2)ᵀ.\n(a) GD from θ₀ = (0, 0, 0)ᵀ with a small step: "
            "where does it converge?\n(b) Heavy-ball momentum with β = 0.9 started at "
            "θ₀ = (1, 0, −1)ᵀ instead. Does the limit change?")
    reading = read_report(text)
    assert not reading.complete


def _gd_limit(X, y, t0):
    X, y, t0 = (np.array(v, dtype=float) for v in (X, y, t0))
    return t0 + np.linalg.pinv(X) @ (y - X @ t0)


@pytest.mark.parametrize("method, changes", [
    ({"name": "heavy-ball", "beta": 0.9}, False),
    ({"name": "nesterov", "beta": 0.5}, False),
    ({"name": "preconditioned", "P": [[1, 0, 0], [0, 2, 0], [0, 0, 1]]}, True),
    ("sgd", False),
])
def test_changes_is_solved_and_witnessed(method, changes):
    data = {"X": [[1, 1, 0], [0, 1, 2]], "y": [2, 1], "theta0": [1, 0, 1]}
    spec = Spec(**data, method=method, asks=["limit", "changes"])
    sol = solve(spec, figures=False)
    answer = next(a for a in sol.answers if a.quantity == "changes")
    assert bool(answer.value) is changes
    # independent: numpy's GD limit vs the limit the solver gave
    limit = np.array(sol.answers[0].value, dtype=float)
    gap = np.abs(limit - _gd_limit(data["X"], data["y"], data["theta0"])).max()
    assert bool(gap > 1e-6) is changes
    check = changes_check(spec, sol)
    assert check.status == "passed", check.detail


def test_changes_against_gd_itself_is_an_error():
    with pytest.raises((BadInput, ValueError)):
        Spec(a=[1, 2], b=1, method="gd", asks=["limit", "changes"])


NORM_STEM = ("One equation θ₁ + 2θ₂ + 2θ₃ = 6, squared loss, gradient descent from θ₀ = 0 "
             "with a small step. ")


@pytest.mark.parametrize("question", [
    "Where does it converge, and what is the Euclidean norm of the limit?",
    "Find the limit θ_∞ and compute ‖θ_∞‖₂.",
    "Give the point it converges to. What are the norms of the two solutions, its limit and the "
    "minimum-norm solution? Also give the minimum-norm solution.",
])
def test_the_euclidean_norm_of_the_limit_is_read(question):
    _read_asking(NORM_STEM + question, "norm-value")


@pytest.mark.parametrize("question", [
    "Where does it converge, and what is the squared norm of the limit?",
    "Find the limit θ_∞ and its squared Euclidean norm.",
    "Where does it end up? What's the squared Euclidean norm of that point?",
])
def test_the_squared_norm_of_the_limit_is_read_as_squared(question):
    """θ_∞ = (2, 4, 4)/3 here (numpy: a⁺b), so the squared norm is 4, not the norm 2."""
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    reading = read_report(NORM_STEM + question)
    assert reading.complete, reading.unread()
    sol = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    a = np.array([[1.0, 2.0, 2.0]])
    want = float(np.sum((np.linalg.pinv(a) @ np.array([6.0])) ** 2))
    got = [x["value"] for x in sol["parts"][0]["answers"] if x["quantity"] == "norm-value"]
    assert len(got) == 1 and abs(float(got[0]) - want) < 1e-9 and sol["parts"][0]["verified"]


@pytest.mark.parametrize("question", [
    "Where does it converge? What is the norm of the gradient at the start?",
    "Where does it converge, and what is the squared ℓ1 norm of the limit?",
])
def test_other_norms_are_not_read_as_the_euclidean_norm_of_the_limit(question):
    reading = read_report(NORM_STEM + question)
    assert not reading.complete
    assert any("norm" in m.reason for p in reading.parts for m in p.missing)


@pytest.mark.parametrize("question,want", [
    ("Find the limit θ_∞ and compute ‖θ_∞‖_1.", 10 / 3),     # θ_∞ = (2, 4, 4)/3
    ("Find θ_∞ and compute ‖θ_∞ − θ_0‖_∞.", 4 / 3),
])
def test_another_norm_of_the_limit_is_that_norm(question, want):
    """A norm the family does not answer itself is a derived norm of its limit, in the norm
    written (never the Euclidean one)."""
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    solution = solve_problem(read_report(NORM_STEM + question).to_problem(),
                             SolveOptions(figures=False))
    assert solution.exit_code == 0
    got = [a["value"] for p in solution.to_dict()["parts"] for a in p["answers"]
           if a["quantity"] in ("norm-of", "distance", "value-at")]
    assert got == [pytest.approx(want, rel=1e-12)]


def test_the_norms_are_solved_and_witnessed():
    data = {"X": [[1, 2, 2]], "y": [6], "theta0": [3, 0, 0]}
    spec = Spec(**data, method={"name": "heavy-ball", "beta": 0.5},
                asks=["limit", "min-norm-solution", "norm-value"])
    sol = solve(spec, figures=False)
    norms = [a for a in sol.answers if a.quantity == "norm-value"]
    limit = _gd_limit(data["X"], data["y"], data["theta0"])
    assert float(norms[0].value) == pytest.approx(np.linalg.norm(limit), abs=1e-12)
    assert float(norms[1].value) == pytest.approx(2.0, abs=1e-12)   # 6 (1,2,2)/9 has norm 2
    from optiproof.families.implicit_bias.witness import real_optimizer_check
    check = real_optimizer_check(spec, sol)
    assert check.status == "passed" and "norms measured" in check.detail, check.detail
