"""Coverage (issue 12): a transformed, multi-quantity or not-yet-answerable question is read right
or refused naming its clause; every number of every corpus text is used, a label, formula
structure or listed as not used; every request sentence is asked or refused."""

from __future__ import annotations

import pytest
import yaml

from optiproof.reading import read_report
from optiproof.reading.coverage import numbers
from optiproof.reading.normalize import normalize
from optiproof.reading.parts import split_parts
from optiproof.reading.questions import read_questions

from reading_helpers import BUNDLED, CORPUS

CASES = yaml.safe_load((CORPUS / "coverage" / "cases.yaml").read_text(encoding="utf-8"))


def _read(name: str):
    return read_report((CORPUS / "coverage" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_failure_shape_is_read_right_or_refused_naming_the_clause(name: str):
    want, reading = CASES[name], _read(name)
    if "refused" in want:
        assert not reading.complete
        message = "\n".join(reading.unread())
        for phrase in want["refused"]:
            assert phrase in message, message
        return
    assert reading.complete, "\n".join(reading.unread())
    part = reading.parts[-1]
    for field, value in want["reads"].items():
        got = part.asked if field == "asked" else part.value(field)
        got = got.get("name") if isinstance(got, dict) else got
        assert got == value, (field, got)
    if "note" in want:
        assert any(want["note"] in n for n in reading.notes), reading.notes


def _corpus_texts() -> list:
    folders = [CORPUS / "read", CORPUS / "blind-a", CORPUS / "coverage", BUNDLED / "texts"]
    return sorted(p for folder in folders for p in folder.iterdir()
                  if p.suffix in (".txt", ".md", ".tex"))


@pytest.mark.parametrize("path", _corpus_texts(), ids=lambda p: p.name)
def test_every_number_and_request_is_accounted_for(path):
    text = path.read_text(encoding="utf-8")
    reading = read_report(text)
    layout = split_parts(normalize(text).text)
    own = {p.label: p.flat for p in layout.parts}
    for part in reading.parts:
        flat = own[part.label.split(".")[0]]
        accounted = {u.start for u in part.numbers}
        for start, _end, number in numbers(flat):
            assert start in accounted, f"part ({part.label}): {number} at {start} unaccounted"
        assert all(u.status != "used" or u.source for u in part.numbers)
        if not part.family:
            continue
        # a part a reader split into one sub-part per stated problem ("main.1", "main.2", each
        # with its own questions) asks each request in the sub-part that holds it
        split = [p for p in reading.parts if p.label.split(".")[0] == part.label.split(".")[0]
                 and getattr(p, "own_questions", None) is not None] or [part]
        for request in read_questions(flat).requests:
            taken = any(q in p.asked or p.answered_by.get(q) in p.asked
                        for p in split for q in p.requests.get(request.sentence, []))
            quantities = [q for p in split for q in p.requests.get(request.sentence, [])]
            refused = any(p.missing for p in split)
            assert taken or refused or not request.asks and "epeat" in request.sentence or \
                quantities == ["explanation"], \
                f"part ({part.label}): request {request.sentence!r} neither asked nor refused"


@pytest.mark.parametrize("given", ["(α ≈ 0.25)", "(the weight α is about 0.25)",
                                  "(η, i.e. 0.3, is not the radius here)"])
def test_a_number_beside_a_symbol_left_symbolic_is_reported_unused(given: str):
    """A weight left as the symbol α has the symbol as its source, not the words around it: a
    number written next to it that the reading did not take is listed as unused, and the part
    is not stamped verified, with a reason that points at the reading."""
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem
    from optiproof.rendering import not_verified_reason

    text = f"Find u = argmin_d g^T d + (1/α)‖d‖_2^2 {given} where g = [3, -1, 2]."
    reading = read_report(text)
    number = next(n for n in ("0.25", "0.3") if n in given)
    assert number in reading.parts[0].unused
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    reading.attach(solution)
    part = solution.parts[0]
    assert not part.verified
    assert "reading" in not_verified_reason(part)


@pytest.mark.parametrize("flat, structural", [
    ("f(θ) = (1/2)Σ_i=1^2(x_i^T θ-y_i)^2", "1^2"),
    ("L(w) = Σ_{i=1}^{3} (x_iᵀw − y_i)²", None),
    ("loss sum_i=1^4 (x_i w - y_i)^2", "1^4"),
])
def test_the_bounds_of_a_sum_are_formula_structure(flat: str, structural):
    from optiproof.reading.coverage import account

    flat = " ".join(normalize(flat).text.split())
    uses = account(flat, [])
    assert uses and all(u.status == "structure" for u in uses), uses
    if structural:
        assert any(u.text == structural for u in uses)
