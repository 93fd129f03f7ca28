"""Claims by structure: parts by labels and by what summary rows name, tiers, and the statements
that are not claims (given data, negations, hypotheticals, questions, offers, notation)."""

from __future__ import annotations

import pytest

from optiproof.checking.claims import read_claims
from optiproof.checking.document import read_document
from optiproof.checking.segment import lay_out
from optiproof.checking.statements import (TIER_BOLD, TIER_BOXED, TIER_CONCLUSION,
                                           TIER_DISPLAY, TIER_PROSE, TIER_SUMMARY)

QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"
DT = "src/optiproof/problems/texts/distributed-training.txt"


def _claims(solution, text):
    doc = read_document(text)
    lay = lay_out(doc, solution)
    return lay, read_claims(doc, lay)


def _by_value(claims, text):
    return [c for c in claims if c.final is not None and c.final.text == text]


@pytest.fixture(scope="module")
def qd(solved):
    return solved(QD)


def test_parts_open_at_their_labels_in_any_style(qd):
    text = ("## (a) Stability\nα < 0.2\n\n**(b)**\nα* = 2/11\n\nPart c: the rate is 0.85\n\n"
            "d) β* = 0.27\n")
    lay, _ = _claims(qd, text)
    assert lay.opened == ["a", "b", "c", "d"]
    assert [lay.part[n] for n in (2, 5, 7, 9)] == ["a", "b", "c", "d"]


def test_summary_rows_go_to_the_part_whose_concepts_they_name(qd):
    text = ("(a) ... (d) worked out above.\n\n## Summary\n\n| quantity | value |\n|---|---|\n"
            "| Optimal momentum | 0.27 |\n| Largest stable step | 0.2 |\n"
            "| Iterations at α = 0.15 | 86 |\n")
    lay, claims = _claims(qd, text)
    assert [lay.row_part[n] for n in (7, 8, 9)] == ["d", "a", "c"]
    assert all(c.role == "summary" for c in claims if c.line >= 7)


def test_tiers_rank_how_final_a_statement_is(qd):
    text = ("## (c)\nWe find ρ = 0.1 on the way.\n\n$$\\rho = 0.2$$\n\n"
            "So the rate is 0.3.\n\nThe rate is **ρ = 0.4**.\n\n$$\\boxed{\\rho = 0.85}$$\n\n"
            "## Summary\n\n| part | rate |\n|---|---|\n| (c) | 0.5 |\n")
    _, claims = _claims(qd, text)
    tiers = {v: _by_value(claims, v)[0].tier_of_final for v in
             ("0.1", "0.2", "0.3", "0.4", "0.85", "0.5")}
    assert tiers == {"0.1": TIER_PROSE, "0.2": TIER_DISPLAY, "0.3": TIER_CONCLUSION,
                     "0.4": TIER_BOLD, "0.85": TIER_BOXED, "0.5": TIER_SUMMARY}


@pytest.mark.parametrize("sentence, reason", [
    ("The rate is not 0.9.", "negated"),
    ("If we used α = 0.3 instead, the rate would be 0.7.", "hypothetical"),
    ("Is the rate 0.7?", "question"),
    ("The number of iterations grows like O(κ) = 10.", "scaling"),
])
def test_statements_that_are_not_claims(qd, sentence, reason):
    _, claims = _claims(qd, f"## (c)\n{sentence}\n")
    stated = [c for c in claims if c.final is not None and c.final.text in ("0.9", "0.7", "10")]
    assert all(c.excluded == reason for c in stated)
    assert stated or reason == "question"


def test_closing_offers_quoted_questions_notation_and_evidence_are_set_apart(qd):
    text = ("## (c)\n> With step size α = 0.15, what is the convergence rate, and how many "
            "iterations are needed to reduce the error by a factor of 10^-6?\n\n"
            "| Symbol | Meaning |\n|---|---|\n| ρ | 0.5 |\n\nThe rate is 0.85.\n\n"
            "### Verification\nmax error 0.001\n\nWould you like me to plot ρ = 0.85?\n")
    lay, claims = _claims(qd, text)
    assert [lay.role[n] for n in (2, 4, 6, 11, 13)] == [
        "question", "notation", "notation", "evidence", "closing"]
    assert [c.final.text for c in claims if c.final is not None] == ["0.85"]


def test_chains_name_their_subject(qd):
    text = "## (b)\n$$\\alpha^\\star = \\frac{2}{\\lambda_1 + \\lambda_2} = \\frac{2}{11} " \
           "\\approx 0.1818$$\n\nThe bound is |Δθ_j| ≤ 3.16e-3 and min = -7/4.\n"
    _, claims = _claims(qd, text)
    first = claims[0]
    assert first.subject == "alpha^*" and [p.text for p in first.pieces][-2:] == [
        "\\frac{2}{11}", "0.1818"]
    assert first.final.text == "0.1818"
    bound = [c for c in claims if c.subject == "|Deltatheta_j|"]
    assert bound and bound[0].pieces[0].relation == "<"
    assert [c.subject for c in claims if c.final is not None and c.final.text == "-7/4"] == [
        "min"]


def test_claims_in_words(solved):
    solution = solved("src/optiproof/problems/steepest-descent-numeric.yaml")
    text = "## (d)\nThe objective is unbounded below, so no minimiser exists.\n"
    _, claims = _claims(solution, text)
    assert claims and {c.words for c in claims} == {"unbounded"}


def test_summary_of_a_single_part_problem_is_read_by_rows(solved):
    solution = solved(DT)
    text = ("| Scheme | messages | size |\n|---|---|---|\n| All-to-all | n(n-1) | p |\n"
            "| Ring all-reduce | 2n(n-1) | p/n |\n")
    lay, claims = _claims(solution, text)
    ring = [c for c in claims if c.line == 4]
    assert {c.row for c in ring} == {"ring all-reduce"}
    assert {c.column for c in ring} == {"messages", "size"}


def test_unicode_sub_and_superscripts_stay_inside_one_formula():
    from optiproof.checking.claims import plain_runs

    text = "Second-moment estimate  vₜ = (Σₛ₌₁ᵗ(999/1000)⁻ˢ⁺ᵗgₛ²)/1000"
    runs = [text[a:b] for a, b in plain_runs(text)]
    assert "vₜ = (Σₛ₌₁ᵗ(999/1000)⁻ˢ⁺ᵗgₛ²)/1000" in runs
