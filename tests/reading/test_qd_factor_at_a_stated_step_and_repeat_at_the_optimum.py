"""'What is the contraction factor max_i |1 − lr·λ_i| at lr = 0.25?' is the rate at that step (the
'at lr = 0.25' is a setting of the formula, not an answer the formula is evaluated at), and
'Repeat for the optimal lr' after it asks the factor again at the optimal step: the optimal
rate, beside the optimal step."""

from __future__ import annotations

from reading_helpers import solved_verified

TEXT = ("f(w) = w1^2 + 4*w2^2, w_0 = (1, 1), GD w_{k+1} = w_k - lr * grad f(w_k).\n"
        "(a) Take lr = 0.1. Compute w_1.\n"
        "(b) What is the per-step contraction factor max_i |1 - lr*lambda_i| at lr = 0.2? "
        "Repeat for the optimal lr, and state the optimal lr.\n")


def test_factor_at_the_stated_step_then_at_the_optimum():
    data = solved_verified(TEXT)
    b = next(p for p in data["parts"] if p["label"] == "b")
    got = {a["quantity"]: a["value"] for a in b["answers"]}
    # H = diag(2, 8): at 0.2, |1 - 0.4| = 0.6 and |1 - 1.6| = 0.6; optimum 2/10, factor 6/10
    assert abs(got["rate"] - 0.6) < 1e-12
    assert abs(got["optimal-step"] - 0.2) < 1e-12 and abs(got["optimal-rate"] - 0.6) < 1e-12


def test_without_the_repeat_no_optimal_rate_is_asked():
    data = solved_verified(TEXT.replace(" Repeat for the optimal lr, and state the optimal lr.", ""))
    b = next(p for p in data["parts"] if p["label"] == "b")
    assert b["asked"] == ["rate"]
