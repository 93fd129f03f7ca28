"""Rescaling one feature by a stated factor, training with GD from 0 and mapping the weights back
to the original units: read as preconditioned GD with P = diag(s_j²), solved in closed form and
witnessed by torch.optim.SGD run on the rescaled features, mapped back; without a map back (or
from a nonzero start) the rescaling is not applied and the part is refused."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.families.implicit_bias.solve import solve
from optiproof.families.implicit_bias.spec import Spec
from optiproof.families.implicit_bias.witness import rescaled_features_check
from optiproof.reading import read_report

STEM = ("Least squares with X = [[1, 2, 0], [0, 1, 1]] and y = [3, 1]; every run starts at "
        "θ₀ = 0.\n")


@pytest.mark.parametrize("part, j, s", [
    ("(a) Multiply the second feature by 10, run gradient descent to convergence and map the "
     "weights back to the original units. Which θ do we get?", 2, 10),
    ("(a) We rescale the third feature by a factor of 3, train with plain GD, then convert the "
     "weights back so the model is the same on the original inputs. Where does it end up?", 3, 3),
    ("(a) Scale the first input feature by 0.5 before training with gradient descent; "
     "afterwards transform the weights back to original units. What is θ?", 1, 0.5),
])
def test_a_feature_rescaled_by_a_factor_then_mapped_back_is_read(part, j, s):
    reading = read_report(STEM + part)
    assert reading.complete, [(m.name, m.reason) for p in reading.parts for m in p.missing]
    method = reading.parts[0].fields["method"].value
    P = np.diag([1.0, 1.0, 1.0])
    P[j - 1, j - 1] = s ** 2
    assert method["name"] == "preconditioned"
    np.testing.assert_allclose(np.array(method["P"], dtype=float), P)


@pytest.mark.parametrize("part", [
    "(a) Multiply the second feature by 10 and run gradient descent. Give the trained weights.",
    "(a) Multiply the second feature by 10, run gradient descent from θ₀ = (1, 0, 0) and map the "
    "weights back to the original units. Which θ do we get?",
])
def test_without_a_map_back_or_from_a_nonzero_start_it_is_refused(part):
    reading = read_report(STEM + part)
    assert not reading.complete


def test_the_mapped_back_limit_is_solved_and_witnessed_on_rescaled_features():
    X, y, s = [[1, 2, 0], [0, 1, 1]], [3, 1], np.array([1.0, 10.0, 1.0])
    spec = Spec(X=X, y=y, method={"name": "preconditioned", "P": np.diag(s ** 2).tolist()})
    sol = solve(spec, figures=False)
    Xa = np.array(X, dtype=float)
    # independent: the min-norm solution of the rescaled problem, mapped back
    expected = s * (np.linalg.pinv(Xa * s) @ np.array(y, dtype=float))
    np.testing.assert_allclose(np.array(sol.answers[0].value, dtype=float), expected,
                               atol=1e-12)
    check = rescaled_features_check(spec, sol)
    assert check.status == "passed", check.detail


@pytest.mark.parametrize("part, restated", [
    ("(a) Rescale the first feature by 3 (so we train on x̃ = (3, -1, 2) with weights w), run "
     "GD from w_0 = 0 and map the weights back to the original units. Which θ do we get?", True),
    ("(a) Multiply the second feature by 2, i.e. train on x̃ = (1, -2, 2), then run gradient "
     "descent and convert the weights back to original units. What is θ?", True),
    ("(a) Rescale the first feature by 3 (so we train on x̃ = (4, -1, 2) with weights w), run "
     "GD from w_0 = 0 and map the weights back to the original units. Which θ do we get?", False),
])
def test_the_rescaled_data_restated_in_the_part(part, restated):
    """One example x = (1, -1, 2), y = 4 in the shared text; the part restates the rescaled
    example: read as a restatement when it equals x with the feature scaled (its numbers used),
    else its numbers are left unused (not verified)."""
    text = ("One training example x = (1, -1, 2) with target y = 4, squared loss "
            "½(xᵀθ − y)², θ₀ = 0.\n" + part)
    reading = read_report(text)
    part_reading = reading.parts[0]
    assert part_reading.value("a") == [1, -1, 2]
    assert part_reading.value("method")["name"] == "preconditioned"
    assert (not part_reading.unused) is restated, part_reading.unused


@pytest.mark.parametrize("part, P", [
    ("(a) First rescale every column of X to unit Euclidean norm, run GD from 0 to convergence, "
     "then map the weights back to the original features. Which θ?", [1, 1 / 5, 1]),
    ("(a) Normalise each feature column so that it has unit $\\ell_2$ norm, train with gradient "
     "descent and convert the weights back to the original units. Give $\\theta$.",
     [1, 1 / 5, 1]),
    ("(a) divide each column of X by its norm, run gd, then transform the weights back "
     "... which theta do u end up with?", [1, 1 / 5, 1]),
    ("(a) Divide every feature by its largest absolute value, run gradient descent, and map the "
     "weights back to the original scale. What is θ?", [1, 1 / 4, 1]),
])
def test_every_column_rescaled_by_its_own_size_then_mapped_back(part, P):
    reading = read_report(STEM + part)
    assert reading.complete, [(m.name, m.reason) for p in reading.parts for m in p.missing]
    method = reading.parts[0].fields["method"].value
    assert method["name"] == "preconditioned"
    np.testing.assert_allclose(np.diag(np.array(method["P"], dtype=float)), P)
    # independent: GD from 0 on the rescaled columns is their min-norm solution; mapped back
    X, y = np.array([[1, 2, 0], [0, 1, 1]], dtype=float), np.array([3.0, 1.0])
    s = np.sqrt(np.array(P))
    spec = reading.to_problem().parts[0]
    sol = solve(spec, figures=False)
    np.testing.assert_allclose(np.array(sol.answers[0].value, dtype=float),
                               s * (np.linalg.pinv(X * s) @ y), atol=1e-12)


def test_a_column_rescaling_without_a_map_back_is_refused():
    reading = read_report(STEM + "(a) Rescale every column of X to unit Euclidean norm and run "
                                 "gradient descent. Which weights?")
    assert not reading.complete
