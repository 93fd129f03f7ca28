"""SGD with a stated constant step: the step is read (γ, η, 'step size', 'learning rate'), an
update written out without a factor fixes the per-example convention, and the step is checked
against the per-example stability bound (refused at or above it); the limit, which does not
depend on a stable step, is verified by torch.optim.SGD run with that step."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.families.implicit_bias.solve import solve
from optiproof.families.implicit_bias.spec import Spec
from optiproof.families.implicit_bias.witness import real_optimizer_check
from optiproof.reading import read_report

DATA = "Least squares with X = [[2, 0, 1], [0, 1, 1]] and y = [3, 1], started at θ₀ = 0. "


@pytest.mark.parametrize("text, lr, loss", [
    ("Run SGD with step size γ = 0.05, one row per step. Where does it converge?", 0.05, None),
    ("We use stochastic gradient descent, learning rate 0.02. What is the limit?", 0.02, None),
    ("SGD: pick a row i at random and set w ← w − η (x_iᵀw − y_i) x_i with η = 0.2. Where do "
     "the iterates end up?", 0.2, "half-mean"),
    ("Each step of SGD does θ ← θ − γ(x_i^T θ − y_i)x_i, γ = 0.1. Find the limit.", 0.1,
     "half-mean"),
])
def test_a_stated_sgd_step_is_read(text, lr, loss):
    reading = read_report(DATA + text)
    assert reading.complete, [(m.name, m.reason) for p in reading.parts for m in p.missing]
    part = reading.parts[0]
    assert part.fields["method"].value == {"name": "sgd", "lr0": lr}
    if loss:
        assert part.fields["loss"].value == loss


def _min_norm(X, y):
    return np.linalg.pinv(np.array(X, dtype=float)) @ np.array(y, dtype=float)


@pytest.mark.parametrize("lr, loss", [(0.1, "half-mean"), (0.3, "half-mean"), (0.05, "sum")])
def test_a_stable_stated_step_is_solved_and_witnessed(lr, loss):
    X, y = [[2, 0, 1], [0, 1, 1]], [3, 1]
    spec = Spec(X=X, y=y, loss=loss, method={"name": "sgd", "lr0": lr})
    sol = solve(spec, figures=False)
    np.testing.assert_allclose(np.array(sol.answers[0].value, dtype=float), _min_norm(X, y),
                               atol=1e-12)
    check = real_optimizer_check(spec, sol)
    assert check.status == "passed", check.detail


@pytest.mark.parametrize("lr, loss", [(0.4, "half-mean"), (1.0, "half-mean"), (0.1, "sum")])
def test_a_step_at_or_above_the_per_example_bound_is_refused(lr, loss):
    # half-mean: per-example curvature ||x_i||^2, at most 5 -> bound 0.4; sum: 2m||x_i||^2 = 20
    with pytest.raises(ValueError, match="per-example"):
        Spec(X=[[2, 0, 1], [0, 1, 1]], y=[3, 1], loss=loss, method={"name": "sgd", "lr0": lr})


def test_a_stated_step_on_data_that_cannot_be_fitted_is_refused():
    with pytest.raises(ValueError, match="fitted exactly"):
        Spec(X=[[1, 1], [1, 1]], y=[0, 2], loss="half-mean", method={"name": "sgd", "lr0": 0.1})


@pytest.mark.parametrize("update", [
    "θ ← θ − 2 γ (x_iᵀθ − y_i) x_i",
    "θ ← θ − (γ/2)(x_iᵀθ − y_i) x_i",
])
def test_an_update_with_a_factor_does_not_set_the_per_example_convention(update):
    reading = read_report(DATA + f"SGD: each step does {update} with γ = 0.1. Find the limit.")
    loss = reading.parts[0].fields.get("loss")
    assert loss is None or loss.value != "half-mean"
