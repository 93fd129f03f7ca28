"""The reading as an editable form, and the form back as a spec.

:func:`reading_form` is the one adapter from the reader's :class:`Reading` to the form the solve
page draws: per part, every field read (with the phrase it came from) and every gap, each a
field or a choice. Choices are what the family's spec allows (its enumerations, its methods)
and, for what a part asks, the quantities the terminal's completion offers
(``reading.interactive``): a question the reader could not place becomes a choice among them.
"""

from __future__ import annotations

import functools

import json
from typing import Any

import yaml

from optiproof.core.errors import BadInput

ASKS = ("asks", "quantities")
"""Fields that list what a part asks: their choices are the family's quantities."""
FIELD_TEXT_MAX = 20_000
"""Longest value typed into one field of the form."""
MAX_PARTS = 26
"""Most parts a form may have."""


def _choice(value: str, label: str = "") -> dict[str, str]:
    """A choice: the spec's key and what the page shows (the catalogue's name by default)."""
    from optiproof.rendering.answers import entry_name

    name = label or entry_name(value)
    return {"value": value, "label": name if name == value else f"{name} ({value})"}


def family_choices() -> list[dict[str, str]]:
    """Every registered family, by key and title."""
    from optiproof.families import FAMILIES

    return [_choice(key, f.title) for key, f in FAMILIES.items()]


def _schema_choices(schema: dict[str, Any], prop: dict[str, Any]) -> list[str]:
    """The values a property allows when they are a closed list (enum, method names, norm
    names), else ``[]``."""
    if "discriminator" in prop:
        return list(prop["discriminator"].get("mapping", {}))
    if "enum" in prop:
        return [v for v in prop["enum"] if isinstance(v, str)]
    if "$ref" in prop:
        target = schema.get("$defs", {}).get(prop["$ref"].rsplit("/", 1)[-1], {})
        return _schema_choices(schema, target.get("properties", {}).get("name", {}))
    for key in ("anyOf", "oneOf"):
        found = [c for option in prop.get(key, []) for c in _schema_choices(schema, option)]
        if found:
            return found
    return []


@functools.lru_cache(maxsize=None)
def _schema(family: str) -> dict[str, Any]:
    """The JSON schema of a family's spec, made once per process (a worker makes it while
    warming up, so a job under a memory limit does not build it again)."""
    from optiproof.families import FAMILIES

    return FAMILIES[family].spec().model_json_schema()


def field_options(family: str | None, name: str) -> tuple[str, list[dict[str, str]]]:
    """(kind, choices) of a field of ``family``'s spec: ``choice`` (one of), ``multi`` (some
    of) or ``text`` (typed, no choices)."""
    from optiproof.catalogue import QUANTITIES
    from optiproof.families import FAMILIES

    if name == "family":
        return "choice", family_choices()
    fam = FAMILIES.get(family or "")
    if fam is None:
        return "text", []
    if name in ASKS:
        from optiproof.reading.registry import readers

        keys = readers()[fam.key].answers
        return "multi", [_choice(key, QUANTITIES[key].name) for key in keys]
    schema = _schema(fam.key)
    prop = schema.get("properties", {}).get(name)
    if prop is None:
        return "text", []
    if prop.get("type") == "array":
        items = _schema_choices(schema, prop.get("items", {}))
        return ("multi", [_choice(v) for v in items]) if items else ("text", [])
    values = _schema_choices(schema, prop)
    return ("choice", [_choice(v) for v in values]) if values else ("text", [])


def _text(value: Any) -> str:
    """A read value as the one-line YAML a person edits (``[3, -1, 2]``, ``0.5``, ``alpha``)."""
    if isinstance(value, str):
        return value
    try:
        plain = json.loads(json.dumps(value))
    except (TypeError, ValueError):
        return str(value)
    if not isinstance(plain, (list, dict)):
        return json.dumps(plain)
    return yaml.safe_dump(plain, default_flow_style=True, width=10**6).strip()


def _item(family: str | None, name: str, value: Any, *, source: str = "", reason: str = "",
          note: str = "") -> dict[str, Any]:
    """One form item; a read value that is not among the choices makes it a text field."""
    kind, choices = field_options(family, name)
    allowed = {c["value"] for c in choices}
    if kind == "multi" and isinstance(value, list) and all(v in allowed for v in value):
        shown: Any = list(value)
    elif kind == "choice" and (value in allowed or value is None):
        shown = value or ""
    elif value is None:
        shown = [] if kind == "multi" else ""
    else:
        kind, choices, shown = "text", [], _text(value)
    return {"name": name, "kind": kind, "choices": choices, "value": shown, "source": source,
            "note": note, "missing": bool(reason), "reason": reason}


def family_fields(family: str) -> list[dict[str, Any]]:
    """Every field of a family's spec as an empty form item (a required one marked missing),
    for a part whose family is chosen in the form."""
    from optiproof.families import FAMILIES

    model = FAMILIES[family].spec()
    return [_item(family, name, None, reason="this family needs it" if info.is_required() else "")
            for name, info in model.model_fields.items()
            if name not in ("label", "question", "family")]


def _ask_about(items: list[dict[str, Any]], family: str | None, reason: str) -> None:
    """Questions the reader could not place: the part's asked-quantities field, marked missing
    with their reasons (added when the part has none yet)."""
    from optiproof.families import FAMILIES

    fam = FAMILIES.get(family or "")
    field = next((f for f in ASKS if fam is not None and f in fam.spec().model_fields), None)
    if field is None:
        items.append(_item(family, "question", None, reason=reason))
        return
    current = next((i for i in items if i["name"] == field), None)
    if current is None:
        items.append(_item(family, field, None, reason=reason))
    else:
        current.update(missing=True, reason=reason)


def reading_form(reading: Any) -> dict[str, Any]:
    """The reading as the solve page's form: per part its family, fields read and gaps; the
    parts a solve of the text answers (``answerable``: the others could not be read or use a
    part that could not); and the fields of every family, for a part whose family is chosen
    there."""
    from optiproof.reading.interactive import question_gaps

    parts = []
    for p in reading.parts:
        family_reason = "" if p.family else (p.family_source or "the family was not recognised")
        items = [_item(p.family, "family", p.family, source=p.family_source if p.family else "",
                       reason=family_reason)]
        items += [_item(p.family, f.name, f.value, source=f.source, note=f.note)
                  for f in p.fields.values() if f.name not in ("family", "question")]
        gaps = question_gaps(p)
        items += [_item(p.family, m.name, None, reason=m.reason) for m in p.missing
                  if m.reason not in gaps]
        if gaps:
            _ask_about(items, p.family, "; ".join(gaps))
        parts.append({"label": p.label, "question": p.question, "items": items})
    from optiproof.families import FAMILIES

    not_answered = reading.not_answered()
    return {"title": reading.title, "complete": reading.complete, "parts": parts,
            "not_read": reading.unread(), "notes": list(reading.notes),
            "answerable": [p.label for p in reading.parts if p.label not in not_answered]
            if not reading.missing else [],
            "families": {key: family_fields(key) for key in FAMILIES}}


def _value(name: str, typed: Any) -> Any:
    """A form value as spec data: a typed text is read as one YAML value by the spec loader
    (no anchors, aliases or deep nesting)."""
    if isinstance(typed, list):
        return [_value(name, v) for v in typed]
    if not isinstance(typed, str):
        raise BadInput("a form value must be text or a list of texts", field=name)
    if len(typed) > FIELD_TEXT_MAX:
        raise BadInput(f"the value is {len(typed)} characters long", field=name,
                       expected=f"at most {FIELD_TEXT_MAX}")
    from optiproof.core.specdata import load_spec_data

    try:
        return load_spec_data(typed, source="the value")
    except BadInput as err:
        raise BadInput(str(err), field=name, expected="a number, a symbol, a list such as "
                                                      "[3, -1, 2] or a mapping such as "
                                                      "{name: lp, p: 3}") from None


def spec_from_form(form: dict[str, Any]) -> dict[str, Any]:
    """The spec a filled form stands for: each part's non-empty fields, values read as YAML."""
    if not isinstance(form, dict) or not isinstance(form.get("parts"), list):
        raise BadInput("the form has no parts", field="form.parts", expected="a list of parts")
    if len(form["parts"]) > MAX_PARTS:
        raise BadInput(f"the form has {len(form['parts'])} parts", field="form.parts",
                       expected=f"at most {MAX_PARTS}")
    parts = []
    for k, part in enumerate(form["parts"]):
        if not isinstance(part, dict) or not isinstance(part.get("fields", {}), dict):
            raise BadInput("a part must be a mapping with fields", field=f"form.parts[{k}]")
        spec: dict[str, Any] = {"label": str(part.get("label") or "main")}
        if part.get("question"):
            spec["question"] = str(part["question"])
        for name, typed in part.get("fields", {}).items():
            if typed in ("", [], None):
                continue
            spec[str(name)] = typed if name == "family" else _value(f"{spec['label']}.{name}",
                                                                    typed)
        parts.append(spec)
    return {"title": str(form.get("title") or "Problem"), "parts": parts}
