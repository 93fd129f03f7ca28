"""A new family needs only its own code and its catalogue entries: a toy family, declared
entirely in this file (spec, solver, one witness, one catalogue quantity), is registered and
solved through the loader, the pipeline, the JSON contract and the Markdown writer."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

import pytest
from pydantic import Field, field_validator

import optiproof
from optiproof.catalogue import QUANTITIES, QuantityEntry
from optiproof.core.evidence import Check
from optiproof.core.exact import exact_rational
from optiproof.core.fields import Number
from optiproof.core.options import SolveOptions
from optiproof.core.problem import PartSpec
from optiproof.core.solution import Analysis, Answer, Derivation, Equation, PartSolution, Tex
from optiproof.families import FAMILIES, Family
from optiproof.loading import load_problem_text
from optiproof.pipeline import solve_problem

SQUARE = QuantityEntry("toy-square", "square of a number", "x^2", aliases=("squared value",))
KEY = "toy-squares"


class ToySpec(PartSpec):
    """x^2 for a given number x."""

    family: Literal[KEY] = KEY
    x: Number
    asks: list[str] = Field(default_factory=lambda: [SQUARE.key])

    @field_validator("asks", mode="before")
    @classmethod
    def _asks(cls, v: Any) -> Any:
        return [QUANTITIES.choose(a, (SQUARE,), what="ask") for a in v]


@dataclass
class ToyFacts:
    """The number the solver read."""

    x: Any


def solve(spec: ToySpec, *, figures: bool = True) -> PartSolution:
    """x^2, exactly."""
    x = exact_rational(spec.x, field="x")
    der = Derivation()
    der.add("Square", "Multiply the number by itself.", Equation.of(Tex("x^2"), x**2))
    return PartSolution(
        label=spec.label, family=KEY, question=spec.question, analysis=Analysis(),
        steps=der.steps, answers=[Answer("square", "x^2", x**2, quantity=SQUARE.key)],
        asked=list(spec.asks), facts=ToyFacts(x))


def witnesses(spec: ToySpec, solution: PartSolution, options: SolveOptions) -> list:
    """float(x) * float(x) against the answer."""

    def check() -> Check:
        want = float(solution.facts.x) * float(solution.facts.x)
        err = abs(float(solution.answers[0].expr) - want)
        return Check("float square", "passed" if err <= 1e-12 else "failed",
                     f"float {want}", max_error=err)

    return [("float square", check)]


TOY = Family(key=KEY, title="Squares", spec=lambda: ToySpec, solver=lambda: solve,
             witness=lambda: witnesses, answers=(SQUARE,), entries=(), facts=ToyFacts)


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> Family:
    """The toy family and its quantity, registered for one test only."""
    monkeypatch.setattr(QUANTITIES, "entries", list(QUANTITIES.entries))
    monkeypatch.setattr(QUANTITIES, "_by_name", dict(QUANTITIES._by_name))
    QUANTITIES.add(SQUARE)
    monkeypatch.setitem(FAMILIES, KEY, TOY)
    return TOY


def test_a_family_declared_in_a_test_solves_through_the_pipeline(toy: Family):
    problem = load_problem_text(f"title: Squares\nparts:\n- {{family: {KEY}, x: '1.5', "
                                "asks: [squared value]}\n")
    solution = solve_problem(problem, SolveOptions())
    part = solution.parts[0]
    assert part.verified and part.answers[0].value == 2.25
    data = json.loads(solution.to_json())["parts"][0]
    assert data["family"] == KEY and data["asked"] == [SQUARE.key]
    assert data["answers"][0]["quantity"] == SQUARE.key and data["answers"][0]["value"] == 2.25
    assert "x^2 = \\frac{9}{4}" in solution.to_markdown()
    assert KEY in json.dumps(optiproof.problem_json_schema())


def test_the_toy_witness_rejects_a_wrong_solver(toy: Family, monkeypatch: pytest.MonkeyPatch):
    def cube(spec: ToySpec, *, figures: bool = True) -> PartSolution:
        right = solve(spec)
        x = right.facts.x
        right.answers = [Answer("square", "x^2", x**3, quantity=SQUARE.key)]
        return right

    monkeypatch.setitem(FAMILIES, KEY, Family(**{**vars(TOY), "solver": lambda: cube}))
    part = optiproof.solve({"parts": [{"family": KEY, "x": 3}]}).parts[0]
    assert not part.verified and part.checks[0].max_error == 18.0


def test_an_unknown_ask_names_the_family_quantities(toy: Family):
    with pytest.raises(optiproof.BadInput, match="unknown ask 'cube'; known: toy-square"):
        optiproof.solve({"parts": [{"family": KEY, "x": 3, "asks": ["cube"]}]})


def test_registration_lasts_one_test_only():
    assert KEY not in FAMILIES and QUANTITIES.get(SQUARE.key) is None
