""""Which optimizer for hidden layers is this update the basis of?" asks for the optimizer built
on the step (Muon for the spectral-norm step), not for the step itself; asked of a step no
catalogue optimizer is built on, the answer names the step and says so."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def _identification(text: str, label: str) -> dict:
    reading = read_report(text)
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    reading.attach(solution)
    part = next(p for p in solution.to_dict()["parts"] if p["label"] == label)
    part["identification_note"] = next(p.identification_note for p in solution.parts
                                       if p.label == label)
    return part, next(a for a in part["answers"] if a["quantity"] == "identification")


SPECTRAL = ("Let G = [[2, 0], [0, 1]] be the gradient of a weight matrix and η = 0.2.\n"
            "(a) Solve min_U <G, U> subject to ||U||_op <= η and give U*. {question}\n")


@pytest.mark.parametrize("question", [
    "Which optimiser for hidden layers is this update the basis of?",
    "Which popular optimizer is built on this step?",
    "Name the recent optimizer based on this update.",
])
def test_the_optimizer_built_on_the_spectral_step_is_muon(question):
    part, answer = _identification(SPECTRAL.format(question=question), "a")
    assert answer["expr"] == "muon"
    assert part["identified_as"] == "Muon"
    assert part["verified"]


def test_which_optimizer_the_step_is_stays_the_step_itself():
    part, answer = _identification(SPECTRAL.format(question="Which optimizer is this?"), "a")
    assert answer["expr"] == "orthogonalized-gd"


def test_a_step_nothing_is_built_on_is_named_with_a_note_saying_so():
    text = ("Let g = (3, 4) and η = 0.5.\n(a) Solve min_u g^T u s.t. ||u||_2 <= η. Which "
            "practical optimizer is built on this step?\n")
    part, answer = _identification(text, "a")
    assert answer["expr"] == "normalized-gd"
    assert "No optimizer of the catalogue is built on" in part["identification_note"]
