"""The reading as an editable form, and the filled form back as a spec."""

from __future__ import annotations

import pytest

from optiproof.core.errors import BadInput
from optiproof.families import FAMILIES
from optiproof.families.problem import make_problem
from optiproof.reading import read_report
from optiproof.server.form import field_options, reading_form, spec_from_form

NO_START = ("Consider least squares with X = [[1, 2]] and y = [3]. Where does gradient descent "
            "converge?")
LP_WITHOUT_P = ("Let alpha = 0.5. Find u = argmin_d g^T d + (1/alpha) ||d||_p^2 for the gradient "
                "g = [3, -1, 2]. Which optimizer is this?")


def _items(form: dict, label: str = "main") -> dict[str, dict]:
    part = next(p for p in form["parts"] if p["label"] == label)
    return {item["name"]: item for item in part["items"]}


def test_a_gap_is_a_field_with_its_reason_and_the_read_fields_keep_their_source():
    form = reading_form(read_report(NO_START))
    items = _items(form)
    assert not form["complete"] and form["not_read"]
    assert items["theta0"]["missing"] and items["theta0"]["kind"] == "text"
    assert "start" in items["theta0"]["reason"]
    assert items["family"]["value"] == "implicit-bias" and not items["family"]["missing"]
    assert items["X"]["value"] == "[[1, 2]]" and items["X"]["source"] == "X = [[1, 2]]; y = [3]"
    assert items["method"]["kind"] == "choice" and items["method"]["value"] == "gd"


def test_a_missing_norm_is_a_choice_among_the_catalogue_norms():
    items = _items(reading_form(read_report(LP_WITHOUT_P)))
    norm = items["norm"]
    assert norm["missing"] and norm["kind"] == "choice"
    values = {c["value"] for c in norm["choices"]}
    assert {"l1", "l2", "linf"} <= values
    assert any("max norm" in c["label"] for c in norm["choices"])


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_what_a_part_asks_is_chosen_among_the_quantities_the_terminal_offers(family):
    from optiproof.reading.registry import readers

    kind, choices = field_options(family, "asks")
    assert kind == "multi"
    assert [c["value"] for c in choices] == list(readers()[family].answers)


def test_a_method_is_a_choice_of_the_spec_methods():
    kind, choices = field_options("implicit-bias", "method")
    assert kind == "choice" and {"gd", "sgd", "heavy-ball"} <= {c["value"] for c in choices}


def test_the_filled_form_is_the_spec_of_the_completed_reading():
    form = reading_form(read_report(NO_START))
    part = form["parts"][0]
    fields = {item["name"]: item["value"] for item in part["items"]}
    fields["theta0"] = "[0, 0]"
    spec = spec_from_form({"title": form["title"], "parts": [
        {"label": part["label"], "question": part["question"], "fields": fields}]})
    problem = make_problem(spec)
    assert problem.parts[0].theta0 is not None
    assert [float(x) for x in problem.parts[0].theta0] == [0.0, 0.0]


@pytest.mark.parametrize("form, field", [
    ({"parts": "none"}, "form.parts"),
    ({"parts": [{"label": "a", "fields": {"theta0": "[0, 0"}}]}, "a.theta0"),
    ({"parts": [{"label": "a", "fields": {"alpha": {"x": 1}}}]}, "a.alpha"),
    ({"parts": [{"label": "a", "fields": {"alpha": "1" * 30_000}}]}, "a.alpha"),
])
def test_a_bad_form_names_the_field(form, field):
    with pytest.raises(BadInput) as err:
        spec_from_form(form)
    assert err.value.field == field


def test_a_chosen_family_brings_every_field_of_its_spec_the_required_ones_marked():
    items = {i["name"]: i for i in reading_form(read_report("What is the capital of "
                                                            "France?"))["families"]
             ["steepest-descent"]}
    assert items["norm"]["missing"] and items["norm"]["kind"] == "choice"
    assert not items["gradient"]["missing"] and items["asks"]["kind"] == "multi"
    assert "label" not in items and "family" not in items


UNPLACED = ("Which norm?\n\nLet g = (1, 3, -2) and alpha = 1; u = argmin_d g^T d + (1/alpha) "
            "||d||_1^2.\n(a) Find u.\n(b) The step moves one coordinate. Which one?\n")


def test_an_unplaced_question_is_a_choice_among_the_terminal_completion_quantities():
    from optiproof.reading.registry import readers

    items = _items(reading_form(read_report(UNPLACED)), "b")
    asks = items["asks"]
    assert asks["missing"] and asks["kind"] == "multi" and "Which one?" in asks["reason"]
    assert [c["value"] for c in asks["choices"]] == list(readers()["steepest-descent"].answers)
    assert not any(name.startswith("question") for name in items)
