"""The JSON Schema of each configuration file, derived from the models (`kinds.PARTS`).

Published in docs/city-config/schema/ (a test keeps those files equal to what this builds), and
used by the importer before it touches the database.
"""

import json

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.fields import PositiveIntegerRelDbTypeMixin
from django.utils import translation

from satupintu.cityconfig.kinds import PARTS, Part, model_field

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _field(part: Part, name: str) -> dict:
    ref = part.refs.get(name)
    field = model_field(part, name)
    spec: dict
    if ref is not None:
        code = {"type": "string", "minLength": 1}
        if isinstance(ref.model._meta.get_field(ref.code), models.IntegerField):
            code = {"type": "integer", "minimum": 0}  # e.g. a dapil by its number
        if ref.many:
            return {
                "description": str(field.verbose_name),
                "type": "array",
                "items": code,
                "uniqueItems": True,
            }
        spec = dict(code)
    elif isinstance(field, models.BooleanField):
        spec = {"type": "boolean"}
    elif isinstance(field, models.IntegerField):
        spec = {"type": "integer"}
        if isinstance(field, PositiveIntegerRelDbTypeMixin):
            spec["minimum"] = 0
        # The portable range (what PostgreSQL stores), not the connected database's: SQLite
        # would allow 64 bits and the published schema must not depend on where it was built.
        portable = BaseDatabaseOperations.integer_field_ranges.get(field.get_internal_type())
        if portable is not None:
            spec["minimum"], spec["maximum"] = portable
        declared = [*field.default_validators, *field._validators]
        for validator in declared:
            if isinstance(validator, MinValueValidator):
                spec["minimum"] = validator.limit_value
            elif isinstance(validator, MaxValueValidator):
                spec["maximum"] = validator.limit_value
    elif isinstance(field, models.DateField):
        spec = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    elif isinstance(field, models.TimeField):
        spec = {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$"}
    elif isinstance(field, models.JSONField):
        spec = {}
    else:
        spec = {"type": "string"}
        if field.max_length:
            spec["maxLength"] = field.max_length
        if isinstance(field, models.SlugField):
            spec["pattern"] = "^[-a-zA-Z0-9_]+$"
        regex = next(
            (
                v.regex
                for v in field.validators
                if isinstance(v, RegexValidator) and not v.inverse_match
            ),
            None,
        )
        if regex is not None and "pattern" not in spec:
            spec["pattern"] = f"^$|{regex.pattern}" if field.blank else regex.pattern
        if not field.blank and not name.endswith("_en"):
            spec["minLength"] = 1
    if field.choices and ref is None:
        spec["enum"] = [value for value, _label in field.flatchoices]
        if field.blank and "" not in spec["enum"]:
            spec["enum"].append("")
    nullable = field.null or name.endswith("_en")
    if nullable and "type" in spec:
        spec["type"] = [spec["type"], "null"]
        if "enum" in spec:
            spec["enum"].append(None)
    label = str(field.verbose_name) + (" (bahasa Inggris)" if name.endswith("_en") else "")
    return {"description": label, **spec}


def _required(part: Part) -> list[str]:
    names = list(part.key)
    for name in part.columns():
        if name in names or name.endswith("_en") or name in part.refs:
            continue
        field = model_field(part, name)
        if not (field.blank or field.null or field.has_default()):
            names.append(name)
    for name, ref in part.refs.items():
        field = model_field(part, name)
        if not ref.many and not field.null and name not in names:
            names.append(name)
    return names


def _service_extras() -> dict:
    return {
        "form": {
            "description": "Formulir yang berlaku: JSON Schema isian dan petunjuk tampilannya.",
            "type": ["object", "null"],
            "required": ["schema", "ui"],
            "additionalProperties": False,
            "properties": {"schema": {"type": "object"}, "ui": {"type": "object"}},
        },
        "result_template": {
            "description": "Templat dokumen hasil (HTML dengan placeholder).",
            "type": ["object", "null"],
            "required": ["title", "body"],
            "additionalProperties": False,
            "properties": {
                "title": {"type": "string", "minLength": 1, "maxLength": 200},
                "body": {"type": "string", "minLength": 1},
            },
        },
    }


def item_schema(part: Part) -> dict:
    properties = {name: _field(part, name) for name in part.columns()}
    for child in part.children:
        properties[child.name] = {"type": "array", "items": item_schema(child)}
    if part.name == "services" and part.parent == "":
        properties.update(_service_extras())
    return {
        "type": "object",
        "additionalProperties": False,
        "required": _required(part),
        "properties": properties,
    }


def file_schema(part: Part) -> dict:
    with translation.override("id"):
        return {
            "$schema": DRAFT,
            "$id": f"city-config/{part.name}.schema.json",
            "title": f"{part.name}.yaml",
            "description": part.description,
            "type": "array",
            "items": item_schema(part),
        }


def schema_texts() -> dict[str, str]:
    return {
        f"{part.name}.schema.json": json.dumps(file_schema(part), ensure_ascii=False, indent=2)
        + "\n"
        for part in PARTS
    }
