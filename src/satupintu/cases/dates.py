"""Dates on the tracking page, written out once in Python instead of by `|date` in its loops.

The same text as Django's `date` filter gives for these formats (the month's short name in
the active language, the time in the current time zone; cases/tests/test_dates.py compares them),
without its per-call work: parsing the format, a formatter object per date, a lazy
translation per month name (the names are looked up once per language and process).
"""

from datetime import date, datetime

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.translation import get_language

# The short month names ("Des", "Dec") per language, as `|date:"M"` writes them.
_MONTHS: dict[str | None, dict[int, str]] = {}


@receiver(setting_changed)
def _forget_months(*, setting, **kwargs):
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"):
        _MONTHS.clear()


def _month(number: int) -> str:
    language = get_language()
    names = _MONTHS.get(language)
    if names is None:
        names = _MONTHS[language] = {n: str(name).title() for n, name in MONTHS_3.items()}
    return names[number]


def _local(value: date) -> date:
    # What the template does before `|date`: aware datetimes in the current time zone.
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _day(value: date) -> str:
    return f"{value.day} {_month(value.month)} {value.year:04d}"


def day_text(value: date) -> str:
    """`value|date:"j M Y"`, e.g. "7 Des 2026"."""
    return _day(_local(value))


def moment_text(value: datetime) -> str:
    """`value|date:"j M Y H:i"`, e.g. "7 Des 2026 14:05"."""
    value = _local(value)
    return f"{_day(value)} {value.hour:02d}:{value.minute:02d}"


def iso_text(value: datetime) -> str:
    """`value|date:"c"`, for `<time datetime>`."""
    return _local(value).isoformat()
