"""A convergence guarantee claimed for a list of methods ("Adam, RMSProp and AdaGrad are all
guaranteed to converge on every convex problem") is refuted when one listed method may fail
on that class and the problem verifies it; the same claim for a method alone that does
converge there, or with Adam only in a contrast, is no finding."""

from __future__ import annotations

from conftest import finding_kinds, graded_part

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
_A = ("(a) The update is m_t = β1 m_{{t-1}} + (1-β1) g_t, v_t = β2 v_{{t-1}} + (1-β2) g_t², "
      "θ_t = θ_{{t-1}} - α m̂_t/(√v̂_t + ε). Dividing by √v makes the step scale-free.\n"
      "{claim}\n")


def _kinds(solved, claim):
    return finding_kinds(graded_part(solved, ADAM, _A.format(claim=claim), "a"))


def test_a_listed_method_that_may_fail_refutes_the_list(solved):
    assert "false-claim" in _kinds(solved, (
        "Because of this normalization, Adam, RMSProp and AdaGrad are all guaranteed to "
        "converge to a global minimum on every convex problem, whatever the step size."))


def test_a_method_that_converges_there_alone_is_no_finding(solved):
    assert "false-claim" not in _kinds(solved, (
        "Unlike Adam, AdaGrad converges to a global minimum on every convex problem."))
