"""Working days (hari kerja): Monday–Friday minus national holidays and the city's table.

National holidays come from the `holidays` package (Indonesia); cuti bersama and local holidays
are rows of `core.Holiday`, edited by the city in the admin.
"""

import time
from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.core.cache import cache, caches

from satupintu.core.models import Holiday

_VERSION_KEY = "satupintu:holiday-table-version"

# Each process keeps the shared version this many seconds in its own cache ("pages", the
# per-process one). Every tracking page counts working days for two deadlines, and each read
# was a round trip to the shared cache (to the database when there is no Redis): half the
# tracking page's queries on PostgreSQL. A change made in this process is seen at once; one
# made in another process (the admin's) within these seconds. Holidays are edited a few
# times a year, days ahead.
VERSION_FRESH_SECONDS = 5
_LOCAL_KEY = f"{_VERSION_KEY}:this-process"


def _table_version() -> int:
    version = caches["pages"].get(_LOCAL_KEY)
    if version is None:
        # A fresh, never-before-used value whenever the shared cache has lost the key
        # (expiry, flush, restart): results memoised below under an older version must
        # never be reused.
        version = cache.get_or_set(_VERSION_KEY, time.time_ns, timeout=None)
        caches["pages"].set(_LOCAL_KEY, version, VERSION_FRESH_SECONDS)
    return version


def forget_table_version() -> None:
    """The next read asks the shared cache again (after a change made in this process)."""
    caches["pages"].delete(_LOCAL_KEY)


def holiday_table_changed() -> None:
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, time.time_ns(), timeout=None)
    forget_table_version()


@lru_cache(maxsize=64)
def _non_working_days(year: int, version: int) -> frozenset[date]:
    national = set(holidays.country_holidays("ID", years=year).keys())
    local = set(Holiday.objects.filter(date__year=year).values_list("date", flat=True))
    return frozenset(national | local)


# Counting over a span reads the table's version once, not once per day: it is a cache
# round trip, and a deadline three weeks off was twenty of them on every tracking page.
def _working_day(day: date, version: int) -> bool:
    return day.weekday() < 5 and day not in _non_working_days(day.year, version)


def is_working_day(day: date) -> bool:
    return _working_day(day, _table_version())


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself does not count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    version = _table_version()
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if _working_day(current, version):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    version = _table_version()
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if _working_day(current, version):
            count += 1
    return count


def is_holiday(day: date) -> bool:
    """A national holiday, cuti bersama or local holiday (weekends are not counted here)."""
    return day in _non_working_days(day.year, _table_version())
