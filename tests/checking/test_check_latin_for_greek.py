"""Plain-text notes write Latin letters for the problem's Greek symbols (``a`` for α): read
as the Greek symbol where the meaning is unique, never where the document writes α itself or
gives the letter another value."""

from __future__ import annotations

from conftest import bundled_problem, finding_kinds, graded_part

PENALIZED = bundled_problem("penalized-linear-improvement.txt")
NUMERIC = bundled_problem("steepest-descent-numeric.txt")


def test_a_for_alpha_in_a_symbolic_update(solved):
    text = "(a) u = -(a/2) g, plain gradient descent.\n\n(b) u = -(a/2) ||g||_1 sgn(g), sign descent.\n"
    for label in ("a", "b"):
        part = graded_part(solved, PENALIZED, text, label)
        assert part.verdict == "correct", part.findings


def test_a_wrong_multiple_written_with_a_is_still_wrong(solved):
    text = "(a) u = -a g, plain gradient descent.\n\n(b) u = -(a/2) ||g||_1 sgn(g), sign descent.\n"
    assert "wrong-answer" in finding_kinds(graded_part(solved, PENALIZED, text, "a"))


def test_a_letter_the_document_also_writes_as_alpha_is_its_own_symbol(solved):
    text = ("(a) Let a be any scalar. d = -(a/2) g with α > 0, plain gradient descent.\n\n"
            "(b) u = -(α/2) ||g||_1 sgn(g), sign descent.\n")
    assert "correct" != graded_part(solved, PENALIZED, text, "a").verdict


def test_the_asked_value_of_alpha_beside_the_threshold_is_not_the_threshold(solved):
    for alpha in ("a", "α"):
        head = "g = (3,-1,2), a = 1/2\n" if alpha == "a" else "g = (3,-1,2), α = 1/2\n"
        text = (head + f"(d) u = 0 for {alpha} < 1/6, unbounded once {alpha} > 1/6. threshold "
                f"{alpha} = 1/6\n    {alpha} = 0.5: coeff = 2 - 6 = -4 < 0, no minimiser.\n")
        part = graded_part(solved, NUMERIC, text, "d")
        assert "inconsistency" not in finding_kinds(part), (alpha, part.findings)
        assert "wrong-answer" not in finding_kinds(part), (alpha, part.findings)


def test_a_letter_first_set_to_another_value_is_not_alpha(solved):
    text = ("g = (3,-1,2), a = 6\n(d) u = 0 for α < 1/6 and the objective is unbounded for "
            "α > 1/6: threshold α = 1/6.\n")
    part = graded_part(solved, NUMERIC, text, "d")
    assert "wrong-answer" not in finding_kinds(part), part.findings


def test_a_letter_set_to_the_data_is_not_alpha(solved):
    """The convergence problem writes α_t for its step sizes and [1, 0.1, 0.01] for its data:
    notes calling the data ``a`` mean the data."""
    from optiproof.checking.claims import read_claims
    from optiproof.checking.document import read_document
    from optiproof.checking.segment import lay_out
    from optiproof.checking.spelled import spelled_symbols

    solution = solved(bundled_problem("optimizer-convergence.txt"))
    text = "data: a = (1, 0.1, 0.01)\n(a) th = a/||a||^2\n"
    doc = read_document(text)
    claims = read_claims(doc, lay_out(doc, solution))
    assert "a" not in spelled_symbols(text, claims, frozenset({"alpha", "alpha_t", "theta"}),
                                      frozenset(), {})
    assert spelled_symbols("(a) th = th - a g\n", [], frozenset({"alpha", "theta"}), frozenset(),
                           {}) == {"a": "alpha", "th": "theta"}
