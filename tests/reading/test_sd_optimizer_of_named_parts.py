""""Which optimizer takes steps of the form found in (a)?", "name the optimisers that the steps
in (b) and (c) correspond to": the optimizer is asked of the named parts' steps, so the part takes
their norm, form and weight (one sub-part per named part), never a norm its ratio operands
happen to write."""

from __future__ import annotations

from reading_helpers import solved_verified

SHARED = ("At the current weights the gradient is g = (4, -1, 2). For a norm ||.|| let "
          "u* = argmin_u g^T u + (lambda/2) ||u||^2 with lambda = 2.\n"
          "(a) Use the max-norm ||u||_inf. Find u*.\n"
          "(b) Use the l1 norm ||u||_1. Find u*.\n"
          "(c) Use the Euclidean norm ||u||_2. Find u*.\n")


def _named(part: dict) -> str:
    return part["identified_as"] or ""


def test_each_named_part_gets_its_own_optimizer():
    data = solved_verified(SHARED + "(d) Name the standard optimizers that the steps in (a) and (b) "
                                    "correspond to.\n")
    subs = {p["label"]: p for p in data["parts"] if p["label"].startswith("d")}
    assert set(subs) == {"d.1", "d.2"}
    assert "sign" in _named(subs["d.1"]).lower()
    assert "coordinate" in _named(subs["d.2"]).lower()


def test_one_named_part_sets_the_setting_over_a_ratio_operand():
    data = solved_verified(SHARED + "(d) Compute the ratio ||u*_(c)||_2 / ||u*_(a)||_2 and name "
                                    "the optimiser whose update has the form of the step in "
                                    "(a).\n")
    (d,) = [p for p in data["parts"] if p["label"] == "d"]
    assert "sign" in _named(d).lower()
