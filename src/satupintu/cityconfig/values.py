"""One value between a model row and a file entry: codes for foreign keys, ISO text for dates
and times, and the Indonesian and English columns of a translated text."""

import datetime
from decimal import Decimal

from django.db import models
from modeltranslation.utils import build_localized_fieldname

from satupintu.cityconfig.kinds import Part, model_field


def file_value(part: Part, obj, name: str):
    """What the file says for `name` of `obj`."""
    ref = part.refs.get(name)
    if ref is not None:
        if ref.many:
            return sorted(getattr(target, ref.code) for target in getattr(obj, name).all())
        target = getattr(obj, name)
        return None if target is None else getattr(target, ref.code)
    if name.endswith("_en"):
        return getattr(obj, name) or ""
    if name in part.translated():
        value = getattr(obj, build_localized_fieldname(name, "id"), None)
        return value if value not in (None, "") else getattr(obj, name)
    return plain(getattr(obj, name))


def canonical(value):
    """JSON with its mappings' keys sorted, recursively.

    PostgreSQL's jsonb keeps keys in its own order (shorter first), SQLite keeps them as
    written; sorted keys make the same configuration export the same text on both. Order that
    matters in a form (its steps and their fields) lives in lists, which keep theirs.
    """
    if isinstance(value, dict):
        return {key: canonical(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [canonical(item) for item in value]
    return value


def plain(value):
    if isinstance(value, (dict, list)):
        return canonical(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M") if not value.second else value.strftime("%H:%M:%S")
    if isinstance(value, Decimal):
        return str(value)
    return value


def model_value(part: Part, name: str, value):
    """The Python value to store for a file value (refs are resolved elsewhere)."""
    field = model_field(part, name)
    if value is None:
        return "" if name.endswith("_en") else None
    if isinstance(field, models.DateField) and isinstance(value, str):
        return datetime.date.fromisoformat(value)
    if isinstance(field, models.TimeField) and isinstance(value, str):
        return datetime.time.fromisoformat(value)
    return value


def normalised(part: Part, name: str, value):
    """The file value as the exporter would write it (so '8:00' and '08:00' compare equal)."""
    if name in part.refs:
        return sorted(value) if part.refs[name].many and isinstance(value, list) else value
    try:
        return plain(model_value(part, name, value))
    except (TypeError, ValueError):
        return value
