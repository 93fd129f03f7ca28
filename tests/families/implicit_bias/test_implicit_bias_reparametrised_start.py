"""A part whose loss is written in another variable (a reparametrised problem, '½‖X̃v − y‖²
from v_0 = 0') starts at the origin of θ when that variable starts at its origin; another start
of that variable is no start of θ without the map, and is refused naming it."""

from __future__ import annotations

from optiproof.reading import read_report

_DATA = ("Least squares with X = [[1, 1, 0], [0, 1, 1]] and y = (1, 2).\n"
         "(a) Rescale the first feature, X̃ = X S with S = diag(2, 1, 1). Run gradient descent "
         "on (1/2)‖X̃v - y‖_2^2 from ")
_ASK = " and map the limit back, θ̃ = S v_∞. Where does it converge?"


def _start(text: str):
    part = read_report(text).parts[0]
    return part.fields.get("theta0"), [m.reason for m in part.missing if m.name == "theta0"]


def test_the_origin_of_the_loss_variable_is_the_origin():
    field, missing = _start(_DATA + "v_0 = 0" + _ASK)
    assert field is not None and field.value == [0, 0, 0], missing
    assert field.source == "v_0 = 0"


def test_another_start_of_the_loss_variable_is_refused_naming_it():
    field, missing = _start(_DATA + "v_0 = (1, 0, 0)" + _ASK)
    assert field is None
    assert missing and "v_0 = (1, 0, 0)" in missing[0] and "not θ" in missing[0]
