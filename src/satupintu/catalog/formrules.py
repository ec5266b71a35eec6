"""Limits on form fields: smallest and largest number, earliest and latest date.

Numbers use JSON Schema's own `minimum` / `maximum`. JSON Schema has no limits for dates, so a
`"format": "date"` field takes `formatMinimum` / `formatMaximum`, the names the ajv-formats
validator gives them. A date limit is an ISO date (`"1900-01-01"`) or a date relative to the
day the form is filled in, so a published form never goes stale: `"today"`, `"today-150y"`,
`"today+30d"`, `"today-6m"` (days, months, years).

The schema editor checks the limits (`problems`), the application form enforces them field by
field and sets the browser's `min`/`max`, and `validator_class()` checks them again over the
whole answer set at submission. Messages are Indonesian and name the field.
"""

import calendar
import re
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

DATE_MIN = "formatMinimum"
DATE_MAX = "formatMaximum"
RELATIVE = re.compile(r"^today(?:([+-])(\d{1,4})([dmy]))?$")
NUMBER_TYPES = frozenset({"integer", "number"})


class BadLimit(ValueError):
    pass


def _shift_months(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    # 31 March minus one month is the last day of February.
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def resolve_date(value, today: date | None = None) -> date:
    """The date a limit stands for on `today` (the local date when not given)."""
    if not isinstance(value, str):
        raise BadLimit(repr(value))
    text = value.strip().lower()
    match = RELATIVE.match(text)
    if match:
        today = today or timezone.localdate()
        sign, amount, unit = match.groups()
        if not sign:
            return today
        n = int(amount) * (1 if sign == "+" else -1)
        try:
            if unit == "d":
                return today + timedelta(days=n)
            return _shift_months(today, n * (12 if unit == "y" else 1))
        except (OverflowError, ValueError) as exc:
            raise BadLimit(value) from exc
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise BadLimit(value) from exc


def is_date_field(prop: dict, widget: str = "") -> bool:
    return prop.get("format") == "date" or widget == "date"


def date_limits(prop: dict, today: date | None = None) -> tuple[date | None, date | None]:
    """(earliest, latest) for a date field today; None where there is no (usable) limit."""
    result = []
    for key in (DATE_MIN, DATE_MAX):
        try:
            result.append(resolve_date(prop[key], today) if key in prop else None)
        except BadLimit:
            result.append(None)
    return result[0], result[1]


# --- Messages ---------------------------------------------------------------------------------


def _day(value: date) -> str:
    return value.strftime("%d-%m-%Y")


def date_too_early(label: str, prop: dict, limit: date) -> str:
    if str(prop.get(DATE_MIN, "")).strip().lower() == "today":
        return _("%(field)s tidak boleh sebelum hari ini.") % {"field": label}
    return _("%(field)s paling awal %(date)s.") % {"field": label, "date": _day(limit)}


def date_too_late(label: str, prop: dict, limit: date) -> str:
    if str(prop.get(DATE_MAX, "")).strip().lower() == "today":
        return _("%(field)s tidak boleh setelah hari ini.") % {"field": label}
    return _("%(field)s paling lambat %(date)s.") % {"field": label, "date": _day(limit)}


def _number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")  # 1.000.000, as Indonesian writes it
    return str(value).replace(".", ",")


def number_too_small(label: str, limit) -> str:
    return _("%(field)s paling kecil %(limit)s.") % {"field": label, "limit": _number(limit)}


def number_too_large(label: str, limit) -> str:
    return _("%(field)s paling besar %(limit)s.") % {"field": label, "limit": _number(limit)}


# --- The schema editor ------------------------------------------------------------------------


def problems(properties: dict, hints: dict) -> list[str]:
    """Indonesian messages for limits that cannot work (wrong field type, unreadable date,
    smallest above largest). The JSON Schema meta-schema has already checked the types."""
    errors: list[str] = []
    for name, prop in properties.items():
        if not isinstance(prop, dict):
            continue
        hint = hints.get(name) if isinstance(hints, dict) else None
        widget = hint.get("widget", "") if isinstance(hint, dict) else ""
        errors += _date_problems(name, prop, widget)
        errors += _number_problems(name, prop)
    return errors


def _date_problems(name: str, prop: dict, widget: str) -> list[str]:
    keys = [k for k in (DATE_MIN, DATE_MAX) if k in prop]
    if not keys:
        return []
    if not is_date_field(prop, widget):
        return [
            _(
                "Batas tanggal (%(keys)s) pada “%(name)s” hanya berlaku untuk isian tanggal "
                '("format": "date").'
            )
            % {"keys": ", ".join(keys), "name": name}
        ]
    errors, resolved = [], {}
    for key in keys:
        try:
            resolved[key] = resolve_date(prop[key])
        except BadLimit:
            errors.append(
                _(
                    "Batas tanggal %(key)s “%(value)s” pada “%(name)s” tidak dikenali. Tulis "
                    "tanggal TTTT-BB-HH (mis. 1900-01-01) atau relatif terhadap hari pengisian: "
                    "today, today-18y, today+30d, today-6m."
                )
                % {"key": key, "value": prop[key], "name": name}
            )
    if len(resolved) == 2 and resolved[DATE_MIN] > resolved[DATE_MAX]:
        errors.append(
            _("Pada “%(name)s” batas tanggal paling awal jatuh setelah batas paling lambat.")
            % {"name": name}
        )
    return errors


def _number_problems(name: str, prop: dict) -> list[str]:
    keys = [k for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum") if k in prop]
    if not keys:
        return []
    kind = prop.get("type")
    kinds = set(kind) if isinstance(kind, list) else {kind}
    if not kinds & NUMBER_TYPES:
        return [
            _(
                "Batas angka (%(keys)s) pada “%(name)s” hanya berlaku untuk isian angka "
                '("type": "integer" atau "number").'
            )
            % {"keys": ", ".join(keys), "name": name}
        ]
    low, high = prop.get("minimum"), prop.get("maximum")
    if low is not None and high is not None and low > high:
        return [
            _(
                "Pada “%(name)s” batas paling kecil (%(low)s) lebih besar dari batas paling "
                "besar (%(high)s)."
            )
            % {"name": name, "low": low, "high": high}
        ]
    return []


# --- Checking a whole answer set --------------------------------------------------------------


def _check_date(limit_key):
    def check(validator, value, instance, schema):
        from jsonschema import ValidationError

        if not isinstance(instance, str):
            return
        try:
            given = date.fromisoformat(instance)
            limit = resolve_date(value)
        except (ValueError, BadLimit):
            return  # not a date (the format check says so) or a limit the editor refuses
        if (limit_key == DATE_MIN and given < limit) or (limit_key == DATE_MAX and given > limit):
            yield ValidationError(f"{instance} outside {limit_key} {limit.isoformat()}")

    return check


def validator_class():
    """Draft 2020-12 plus the two date keywords (jsonschema's own extension mechanism)."""
    from jsonschema import Draft202012Validator, validators

    return validators.extend(
        Draft202012Validator,
        {DATE_MIN: _check_date(DATE_MIN), DATE_MAX: _check_date(DATE_MAX)},
    )
