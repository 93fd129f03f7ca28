"""Problem specs: a title, shared context, and typed parts (one pydantic model per family).

A spec file is YAML or JSON::

    title: Penalized linear improvement
    context: {alpha: alpha}          # shared fields, copied into every part that has them
    parts:
      - {label: a, family: steepest-descent, norm: l2, form: penalty-squared, gradient: g}

Keys of ``context`` are merged into each part whose family declares that field (the part's own
value wins), so data stated once in the problem reaches every part.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from optiproof.core.errors import BadInput
from optiproof.core.limits import LIMITS


class PartSpec(BaseModel):
    """Fields every part has. Families subclass this with ``family: Literal[...]``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field("main", max_length=20, description="Part label: a, b, c ... or main.")
    question: str = Field("", max_length=4000, description="The part's question, as stated.")


def _part_union() -> Any:
    from optiproof.families import spec_types

    types = tuple(spec_types())
    if len(types) == 1:
        return types[0]
    return Annotated[Union[types], Field(discriminator="family")]  # noqa: UP007


def _known_families() -> list[str]:
    from optiproof.families import FAMILIES

    return sorted(FAMILIES)


class _ProblemBase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field("Untitled problem", max_length=300)
    context: dict[str, Any] = Field(default_factory=dict,
                                    description="Shared fields copied into every part.")

    @model_validator(mode="before")
    @classmethod
    def _merge_context(cls, data: Any) -> Any:
        from optiproof.families import spec_type_for

        if not isinstance(data, dict):
            return data
        context = data.get("context") or {}
        parts = data.get("parts")
        if not isinstance(context, dict) or not isinstance(parts, list):
            return data
        merged = []
        for i, part in enumerate(parts):
            if not isinstance(part, dict):
                merged.append(part)
                continue
            family = part.get("family", context.get("family"))
            if family is None:
                raise ValueError(f"parts[{i}] has no 'family'; known: {', '.join(_known_families())}")
            spec = spec_type_for(family)
            if spec is None:
                raise ValueError(f"parts[{i}].family {family!r} is unknown; known: "
                                 f"{', '.join(_known_families())}")
            new = {k: v for k, v in context.items() if k in spec.model_fields}
            new.update(part)
            new["family"] = family
            merged.append(new)
        return {**data, "parts": merged}


_PROBLEM_CLS: type[BaseModel] | None = None


def problem_model() -> type[BaseModel]:
    """The Problem model with the union of every registered family's part spec."""
    global _PROBLEM_CLS
    if _PROBLEM_CLS is None:
        part = _part_union()

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

        _PROBLEM_CLS = Problem
    return _PROBLEM_CLS


def validation_message(err: ValidationError) -> str:
    """One paragraph naming each failing field and what was expected."""
    lines = []
    for e in err.errors()[:6]:
        loc = ".".join(str(x) for x in e["loc"] if not (isinstance(x, str) and x in _family_tags()))
        msg = e["msg"].removeprefix("Value error, ")
        lines.append(f"{loc or 'spec'}: {msg}")
    more = len(err.errors()) - 6
    if more > 0:
        lines.append(f"... and {more} more")
    return "; ".join(lines)


def _family_tags() -> set[str]:
    from optiproof.families import FAMILIES

    return set(FAMILIES)


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
        raise BadInput(validation_message(err)) from None


def load_problem_text(text: str, *, source: str = "spec") -> Any:
    """Parse YAML or JSON spec text into a Problem (bounded size and depth; no aliases,
    duplicate keys or huge integers: see :mod:`optiproof.core.specdata`)."""
    from optiproof.core.specdata import load_spec_data

    if len(text.encode("utf-8", "replace")) > LIMITS.max_text_bytes:
        raise BadInput(f"{source} is larger than {LIMITS.max_text_bytes // 1000} kB",
                       field=source, expected="a smaller file")
    return make_problem(load_spec_data(text, source))


def load_problem_file(path: str | Path) -> Any:
    """Read a spec file (.yaml, .yml, .json; a regular file, size-bounded) into a Problem."""
    from optiproof.core.safeio import read_bounded

    p = Path(path)
    raw = read_bounded(p, LIMITS.max_text_bytes, field="PROBLEM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput(f"{p} is not UTF-8 text", field="PROBLEM",
                       expected="a YAML/JSON spec or problem text") from None
    return load_problem_text(text, source=str(p))


def problem_json_schema() -> dict:
    """JSON Schema of the spec format (what ``optiproof schema`` prints)."""
    return problem_model().model_json_schema()
