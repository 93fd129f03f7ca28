"""A general rule that every norm ball gives a single-coordinate steepest-descent step is
refuted by a verified step of another norm that moves several coordinates; the same words
about the one ℓ1 ball, or hedged, are no general rule."""

from __future__ import annotations

from conftest import finding_kinds, graded_part

SDN = "src/optiproof/problems/steepest-descent-numeric.yaml"
_C = ("(c) l1-ball constraint. A linear objective over the l1 ball attains its minimum at a "
      "vertex; the best vertex uses the largest |g_i|, so u* = (-0.1, 0, 0).\n{rule}\n")


def test_a_rule_for_every_ball_is_refuted(solved):
    part = graded_part(solved, SDN, _C.format(
        rule="In fact, for any p-norm ball the steepest-descent step is always a "
             "single-coordinate step like this one."), "c")
    assert "false-claim" in finding_kinds(part), part.findings


def test_the_same_words_about_the_l1_ball_alone_are_true(solved):
    part = graded_part(solved, SDN, _C.format(
        rule="For the l1 ball the steepest-descent step is always a single-coordinate step."),
        "c")
    assert "false-claim" not in finding_kinds(part), part.findings


def test_a_hedged_rule_is_no_claim(solved):
    part = graded_part(solved, SDN, _C.format(
        rule="Not every norm ball gives a single-coordinate step; the l2 ball moves all of them."),
        "c")
    assert "false-claim" not in finding_kinds(part), part.findings
