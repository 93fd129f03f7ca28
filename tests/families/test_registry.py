"""The one registry: each family declares its spec, its quantities, its catalogue entries, its
reader and its bundled problems, and every answer it gives names its catalogue quantity and
its subject."""

from __future__ import annotations

import importlib.util
from importlib import resources

import pytest

from optiproof.catalogue import QUANTITIES
from optiproof.core.options import SolveOptions
from optiproof.families import FAMILIES
from optiproof.loading import bundled_problems, load_bundled
from optiproof.pipeline import solve_problem


@pytest.mark.parametrize("key", sorted(FAMILIES))
def test_a_family_declares_what_it_is(key: str):
    family = FAMILIES[key]
    assert family.key == key and family.spec().model_fields["family"].default == key
    assert all(QUANTITIES.get(q.key) is q for q in family.answers)
    assert importlib.util.find_spec(family.reader) is not None
    for path in family.problems:
        assert resources.files("optiproof").joinpath(path).is_file(), path


@pytest.mark.parametrize("name,text", bundled_problems(), ids=lambda x: x[:40])
def test_answers_name_their_quantity_and_subject(name: str, text: str):
    solution = solve_problem(load_bundled(name, text),
                             SolveOptions(run_witnesses=False, figures=False))
    for part in solution.parts:
        family = FAMILIES[part.family]
        answered = {q.key for q in family.answers}
        named = {e.key for e in family.entries}
        assert part.asked and set(part.asked) <= answered, (part.label, part.asked)
        for answer in [*part.answers, *part.identifications]:
            assert answer.quantity in answered, (part.label, answer.name, answer.quantity)
            assert answer.subject is None or answer.subject in named, (answer.name,
                                                                       answer.subject)
