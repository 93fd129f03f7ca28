"""The Problem model: a title, shared context, and one typed part per registered family.

A spec is YAML or JSON::

    title: Penalized linear improvement
    context: {alpha: alpha}          # shared fields, copied into every part that has them
    parts:
      - {label: a, family: steepest-descent, norm: l2, form: penalty-squared, gradient: g}

Keys of ``context`` are merged into each part whose family declares that field (the part's own
value wins), so data stated once in the problem reaches every part. The part type is the union
of the registered families' spec models, discriminated by ``family``; the model is rebuilt when
the registry changes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated, Any, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from optiproof.core.errors import BadInput, did_you_mean
from optiproof.families import FAMILIES


class _ProblemBase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field("Untitled problem", max_length=300)
    context: dict[str, Any] = Field(default_factory=dict,
                                    description="Shared fields copied into every part.")

    @model_validator(mode="before")
    @classmethod
    def _merge_context(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        context = data.get("context") or {}
        parts = data.get("parts")
        if not isinstance(context, dict) or not isinstance(parts, list):
            return data
        merged = []
        known = ", ".join(sorted(FAMILIES))
        for i, part in enumerate(parts):
            if not isinstance(part, dict):
                merged.append(part)
                continue
            key = part.get("family", context.get("family"))
            if key is None:
                raise ValueError(f"parts[{i}] has no 'family'; known: {known}")
            family = FAMILIES.get(key) if isinstance(key, str) else None
            if family is None:
                raise ValueError(f"parts[{i}].family {key!r} is unknown;"
                                 f"{did_you_mean(key, list(FAMILIES))} known: {known}")
            new = {k: v for k, v in context.items() if k in family.spec().model_fields}
            new.update(part)
            new["family"] = key
            merged.append(new)
        return {**data, "parts": merged}


def problem_model() -> type[BaseModel]:
    """The Problem model with the union of every registered family's part spec."""
    return _problem_model(tuple(FAMILIES))


@lru_cache(maxsize=8)
def _problem_model(keys: tuple[str, ...]) -> type[BaseModel]:
    types = tuple(FAMILIES[k].spec() for k in keys)
    part: Any = types[0] if len(types) == 1 else Annotated[Union[types],  # noqa: UP007
                                                           Field(discriminator="family")]

    class Problem(_ProblemBase):
        """A multi-part problem: title, shared context, and one typed spec per part."""

        parts: list[part] = Field(..., min_length=1, max_length=26)  # type: ignore[valid-type]

        @model_validator(mode="after")
        def _unique_labels(self) -> "Problem":
            labels = [p.label for p in self.parts]
            dup = {x for x in labels if labels.count(x) > 1}
            if dup:
                raise ValueError(f"part labels must be unique; repeated: {sorted(dup)}")
            return self

    return Problem


def written_path(loc: tuple[Any, ...], data: Any) -> str:
    """The path of a failing field as the spec spells it (``parts[0].asks[1]``): the part of
    the validator's location that exists in the data, family tags left out."""
    out, node = "", data
    for key in loc:
        if isinstance(key, str) and key in FAMILIES and not (isinstance(node, dict)
                                                               and key in node):
            continue
        if isinstance(node, list) and isinstance(key, int) and key < len(node):
            out, node = out + f"[{key}]", node[key]
        elif isinstance(node, dict) and key in node:
            out, node = out + ("." if out else "") + str(key), node[key]
        else:
            return out + ("." if out else "") + str(key) if key == loc[-1] and isinstance(
                node, dict) else out
    return out


def _suggestion(e: dict[str, Any]) -> str:
    """A "did you mean" for a misspelled field name or choice."""
    loc = [x for x in e["loc"] if not (isinstance(x, str) and x in FAMILIES)]
    if e["type"] == "extra_forbidden":
        family = next((x for x in e["loc"] if isinstance(x, str) and x in FAMILIES), None)
        fields = (FAMILIES[family].spec().model_fields if family and len(loc) == 3
                  else _ProblemBase.model_fields | {"parts": None} if len(loc) == 1 else {})
        return did_you_mean(loc[-1], list(fields))
    if e["type"] == "literal_error":
        return did_you_mean(e.get("input"), re.findall(r"'([^']*)'",
                                                        str(e.get("ctx", {}).get("expected"))))
    return ""


def validation_message(err: ValidationError, data: Any = None) -> str:
    """One paragraph naming each failing field (as the spec spells its path), what was
    expected, and the nearest valid name for a misspelling."""
    lines = []
    for e in err.errors()[:6]:
        loc = written_path(e["loc"], data) if data is not None else ".".join(
            str(x) for x in e["loc"] if not (isinstance(x, str) and x in FAMILIES))
        msg = e["msg"].removeprefix("Value error, ")
        if e["type"] == "extra_forbidden":
            msg = "not a field of this spec"
        hint = _suggestion(e)
        lines.append(f"{loc or 'spec'}: {msg}" + (f";{hint}" if hint else ""))
    more = len(err.errors()) - 6
    if more > 0:
        lines.append(f"... and {more} more")
    return "; ".join(lines)


def make_problem(data: Any) -> Any:
    """Validate a dict into a Problem, turning validation errors into :class:`BadInput`."""
    if not isinstance(data, dict):
        raise BadInput(f"a spec must be a mapping, got {type(data).__name__}", field="spec",
                       expected="keys title, context, parts")
    if "parts" not in data and "family" in data:
        data = {"title": data.get("title", "Untitled problem"),
                "parts": [{k: v for k, v in data.items() if k != "title"}]}
    try:
        return problem_model().model_validate(data)
    except ValidationError as err:
        raise BadInput(validation_message(err, data)) from None


def problem_json_schema() -> dict:
    """JSON Schema of the spec format (what ``optiproof schema`` prints)."""
    return problem_model().model_json_schema()
