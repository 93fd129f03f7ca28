"""Every witness, fed exact answers on degenerate instances - zero coordinates, ties, repeated
and zero eigenvalues, sums that cancel, the smallest sizes - confirms them: a witness must not
reject a right answer for numerical reasons."""

from __future__ import annotations

import pytest

import optiproof

CASES = {
    # steepest descent: convex solver, Hölder certificate, asked quantities, Newton-Schulz
    "sd-linf-zero-coordinates": (
        {"family": "steepest-descent", "norm": "linf", "gradient": [0, -2, 0, 1], "alpha": 0.5,
         "asks": ["update", "min-value", "dual-norm", {"kind": "step-length", "measure": "l2"}]},
        ["Clarabel", "Hölder certificate", "asked quantities"]),
    "sd-l1-tie": (
        {"family": "steepest-descent", "norm": "l1", "gradient": [3, -3, 1], "form": "constraint",
         "eta": 2, "asks": ["update", "min-value", "holder-conjugate", "dual-norm"]},
        ["Clarabel", "Hölder certificate", "asked quantities"]),
    "sd-zero-gradient": (
        {"family": "steepest-descent", "norm": "l2", "gradient": [0, 0, 0], "alpha": 1,
         "asks": ["update", "min-value", "dual-norm"]},
        ["Clarabel", "Hölder certificate", "asked quantities"]),
    "sd-spectral-repeated-singular-values": (
        {"family": "steepest-descent", "norm": "spectral", "gradient": [[2, 0], [0, 2]],
         "form": "constraint", "eta": 1, "asks": ["update", "dual-norm"]},
        ["cvxpy", "Hölder certificate", "asked quantities", "Newton-Schulz"]),
    "sd-spectral-rank-deficient": (
        {"family": "steepest-descent", "norm": "spectral", "gradient": [[1, 2], [2, 4]],
         "alpha": 1},
        ["cvxpy", "Hölder certificate", "Newton-Schulz"]),
    # implicit bias
    "ib-zero-column-and-start-on-the-solution-set": (
        {"family": "implicit-bias", "X": [[1, 0, 2], [0, 0, 1]], "y": [3, 1], "theta0": [1, 5, 1],
         "method": "gd", "asks": ["limit", "min-norm-solution", "is-min-norm"]},
        ["real optimizer", "minimum-norm solution", "certificate"]),
    "ib-equal-curvatures-optimal-momentum": (
        {"family": "implicit-bias", "X": [[1, 0, 0], [0, 1, 0]], "y": [1, -1],
         "method": {"name": "nesterov", "beta": "optimal"},
         "asks": ["limit", "optimal-momentum", "optimal-rate"]},
        ["real optimizer", "numpy spectra", "certificate"]),
    "ib-sign-line-zero-entry": (
        {"family": "implicit-bias", "a": [2, 0, -1], "b": 3, "method": "sign-gd"},
        ["real optimizer", "sign line"]),
    "ib-constant-sign-steps-landing": (
        {"family": "implicit-bias", "a": [1, -1], "b": 1, "theta0": [0, 0],
         "method": {"name": "sign-gd", "schedule": "constant", "lr0": 0.25}},
        ["real optimizer"]),
    "ib-constant-sign-steps-no-limit": (
        {"family": "implicit-bias", "a": [1, 1], "b": 1, "theta0": [0, 0],
         "method": {"name": "sign-gd", "schedule": "constant", "lr0": 0.3}},
        ["real optimizer"]),
    "ib-rescaled-sgd-zero-feature": (
        {"family": "implicit-bias", "X": [[1, 0, 3], [2, 0, 1]], "y": [1, 2],
         "method": "rescaled-sgd"},
        ["real optimizer", "second-moment metric"]),
    "ib-preconditioned-equal-weights": (
        {"family": "implicit-bias", "X": [[1, 1, 0]], "y": [2],
         "method": {"name": "preconditioned", "P": [2, 2, 2]}},
        ["real optimizer", "P^{-1} metric"]),
    "ib-ridge-unique": (
        {"family": "implicit-bias", "X": [[1, 0], [0, 1]], "y": [1, 1],
         "method": {"name": "ridge", "lam": 1}},
        ["real optimizer", "ridge"]),
    "ib-adam-single-example": (
        {"family": "implicit-bias", "a": [1, 1], "b": 2, "method": "adam"},
        ["convergence diagnostic"]),
    # communication
    "comm-two-workers-one-element-chunks": (
        {"family": "communication", "n": 2, "p": 2, "schemes": ["ring", "tree", "all-to-all",
                                                                 "parameter-server"],
         "quantities": ["messages", "message-size", "total-volume", "busiest-sent",
                        "busiest-received", "rounds", "time", "bandwidth-ratio",
                        "identification"], "alpha": 1, "bandwidth": 1},
        ["message-schedule counts", "exact simulator"]),
    "comm-given-cells-one-parameter": (
        {"family": "communication", "n": 4, "p": 1, "schemes": ["tree"],
         "quantities": ["messages", "rounds"],
         "given": [{"scheme": "tree", "quantity": "messages", "value": "6"}]},
        ["message-schedule counts", "exact simulator", "given cells"]),
    # quadratic dynamics
    "qd-repeated-eigenvalues": (
        {"family": "quadratic-dynamics", "eigenvalues": [3, 3], "method": "gd",
         "epsilon": 1e-6, "asks": ["max-step", "optimal-step", "optimal-rate", "condition-number",
                                   "iterations"]},
        ["numpy spectra", "measured contraction", "claimed max step", "steps counted"]),
    "qd-zero-eigenvalue-momentum": (
        {"family": "quadratic-dynamics", "H": [[1, 1], [1, 1]], "method": "heavy-ball",
         "alpha": 0.5, "beta": 0.5, "asks": ["rate", "regime", "zero-curvature", "pytorch",
                                             "effective-step"]},
        ["numpy spectra", "measured contraction", "momentum buffer", "null-space"]),
    "qd-nesterov-equal-ends": (
        {"family": "quadratic-dynamics", "eigenvalues": [2, 2], "method": "nesterov",
         "alpha": "1/L", "asks": ["optimal-momentum", "optimal-rate"]},
        ["numpy spectra", "measured contraction"]),
    "qd-one-by-one": (
        {"family": "quadratic-dynamics", "H": [[4]], "method": "gd", "alpha": 0.25,
         "asks": ["rate", "iteration-matrix", "regime"]},
        ["numpy spectra", "measured contraction"]),
    # Adam mechanics
    "adam-zero-coordinate-and-betas-zero": (
        {"family": "adam-mechanics", "alpha": 0.1, "beta1": 0, "beta2": 0,
         "gradients": [[0.3, 0, 0.1], [-0.7, 0, 0.3]], "theta0": [1, 2, 0],
         "asks": ["update-rule", "theta-t", "last-step", "m-hat", "v-hat",
                  "step-no-bias-correction", "sign-limit", "first-step"]},
        ["on the given gradients", "from theta0", "first step", "betas=(0, 0)",
         "without the correction"]),
    "adam-one-step-equal-gradients": (
        {"family": "adam-mechanics", "alpha": 0.01, "beta1": 0.9, "beta2": 0.999, "t": 1,
         "gradient": [2, 2], "theta0": 0, "lam": 0.5, "c": 3,
         "asks": ["bias-factors", "bias-correction", "loss-scaling", "sgd-loss-scaling",
                  "weight-decay", "step-bound"]},
        ["1/exp_avg", "Monte Carlo", "c*g", "torch.optim.SGD on c g", "AdamW",
         "never exceed", "attained"]),
    # derived quantities
    "derived-zero-distance-and-difference": (
        {"family": "implicit-bias", "a": [1, 2], "b": 5, "method": "gd",
         "asks": ["limit", "min-norm-solution"],
         "derived": [{"kind": "distance", "of": "limit", "to": "min-norm-solution"},
                     {"kind": "difference", "of": "min-norm-solution", "to": "limit"}]},
        ["distance between two points recomputed", "difference of two quantities recomputed"]),
    "derived-unit-ratio-of-equal-costs": (
        {"family": "communication", "n": 4, "p": 8, "schemes": ["ring"],
         "quantities": ["busiest-sent", "busiest-received"],
         "derived": [{"kind": "ratio", "of": "busiest-sent", "to": "busiest-received"}]},
        ["ratio of two quantities recomputed"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_witness_confirms_exact_answers_on_degenerate_instances(name):
    spec, witnesses = CASES[name]
    part = optiproof.solve({"title": name, "parts": [spec]}).parts[0]
    report = [(c.method, c.status, c.detail[:300]) for c in part.checks]
    for expected in witnesses:
        assert any(expected.lower() in c.method.lower() for c in part.checks), (expected, report)
    assert part.checks and all(c.status == "passed" for c in part.checks), report
