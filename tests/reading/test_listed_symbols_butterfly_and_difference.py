"""Three asks that used to vanish or be misread. Symbols listed after an ask ("Find the
eigenvalues of A, μ, L and κ = L/μ") are asked and placed by the family (not dropped as a
setting; symbols after "for"/"with" stay inputs). A butterfly the text describes as a
recursive-halving reduce-scatter then a recursive-doubling all-gather is Rabenseifner's
algorithm in every part that names it, not the recursive doubling of whole vectors. "and their
difference" after two asks is something asked: placed, or refused naming it."""

from __future__ import annotations

from optiproof.reading import read_report
from optiproof.reading.questions import read_questions


def test_symbols_listed_after_an_ask_are_asked():
    reading = read_report("f(x, y) = x^2 + 3y^2 + xy - y.\n\n(a) Find the eigenvalues of the "
                          "Hessian A, μ, L and κ = L/μ.")
    assert reading.complete, reading.unread()
    asked = set(reading.parts[0].value("asks"))
    assert {"strong-convexity-constant", "smoothness-constant", "condition-number"} <= asked


def test_symbols_after_for_are_inputs():
    (request,) = read_questions("Find u for g, λ and η.").requests
    assert [a.phrase for a in request.asks] == ["Find u"] and not request.unplaced


_COMM = ("Consider n = 8 workers and a gradient of P = 6.4 × 10^7 parameters in fp32. A message of "
         "s bytes costs α + s/B with α = 10 µs and B = 12.5 GB/s.\n\n")


def test_a_butterfly_described_as_halving_then_doubling_is_rabenseifner_everywhere():
    reading = read_report(_COMM + "(a) The butterfly all-reduce performs a recursive-halving "
                          "reduce-scatter followed by a recursive-doubling all-gather. How many "
                          "rounds does it need?\n(b) Compute the α-β time of the butterfly "
                          "all-reduce.")
    assert [p.value("schemes") for p in reading.parts] == [["rabenseifner"], ["rabenseifner"]]


def test_a_butterfly_alone_is_recursive_doubling():
    reading = read_report(_COMM + "(a) How many rounds does the butterfly all-reduce need?")
    assert reading.parts[0].value("schemes") == ["recursive-doubling"]


def test_their_difference_is_asked():
    (request,) = read_questions("Compute the time of the ring and of the tree, and their "
                                "difference.").requests
    assert "their difference." in request.unplaced
