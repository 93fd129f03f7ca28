"""Points named by the coordinates of the function a quadratic-dynamics text writes out: for
``f(x, y) = …``, ``(x1, y1)`` is the iterate after one step and ``(x0, y0) = (1, 2)`` the start.

A tuple is read as an iterate only when its letters are the function's declared variables, in
their order, each carrying the same number: ``(x1, x2)`` of f(x, y) (two coordinates of one
vector x) and ``(x1, y2)`` are not iterates.
"""

from __future__ import annotations

import re
from typing import Any

from optiproof.core.text.match import assigned_array

_ITEM = re.compile(r"([A-Za-zθ])_?\{?(\d{1,3})\}?")


def point_index(phrase: str, variables: list[str] | tuple[str, ...] | None) -> int | None:
    """k of a point named by the declared variables with a common index k (``(x_k, y_k)``
    written with a number), else None."""
    m = re.fullmatch(r"\((.+)\)", re.sub(r"\s", "", phrase))
    if m is None or not variables or not all(len(v) == 1 for v in variables):
        return None
    items = [_ITEM.fullmatch(i) for i in m.group(1).split(",")]
    if any(i is None for i in items) or [i.group(1) for i in items] != list(variables):
        return None
    indices = {int(i.group(2)) for i in items}
    return indices.pop() if len(indices) == 1 else None


def start_point(texts: tuple[str, ...], variables: list[str] | tuple[str, ...] | None
                ) -> tuple[list, str] | None:
    """``(x0, y0) = (1, 2)`` (also ``(x_0, y_0)``): the start written by the declared variables
    with the index 0, as (numbers, source); None when no such assignment is written."""
    if not variables or not all(len(v) == 1 for v in variables):
        return None
    name = r"\( ?" + r" ?, ?".join(rf"{re.escape(v)}_?\{{?0\}}?" for v in variables) + r" ?\)"
    for text in texts:
        got: Any = assigned_array(text, name)
        if got is not None and len(got[0]) == len(variables) and \
                not any(isinstance(x, list) for x in got[0]):
            return got[0], got[1]
    return None
