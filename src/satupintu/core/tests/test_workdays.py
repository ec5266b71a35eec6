"""Working days: weekends, national holidays (holidays package) and the city's own table."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends import base as cache_base
from django.core.cache.backends import locmem

from satupintu.core import workdays
from satupintu.core.models import Holiday
from satupintu.core.workdays import add_working_days, is_working_day, working_days_between

pytestmark = pytest.mark.django_db

FRI_AUG_14 = date(2026, 8, 14)
SAT_AUG_15 = date(2026, 8, 15)
SUN_AUG_16 = date(2026, 8, 16)
INDEPENDENCE_DAY = date(2026, 8, 17)  # a Monday
TUE_AUG_18 = date(2026, 8, 18)
WED_AUG_19 = date(2026, 8, 19)
FRI_AUG_21 = date(2026, 8, 21)


def test_ordinary_weekdays_are_working_days():
    assert all(is_working_day(date(2026, 8, day)) for day in range(18, 22))


def test_weekends_are_not_working_days():
    assert is_working_day(SAT_AUG_15) is False
    assert is_working_day(SUN_AUG_16) is False


def test_national_holiday_is_not_a_working_day():
    assert INDEPENDENCE_DAY.weekday() == 0
    assert is_working_day(INDEPENDENCE_DAY) is False
    assert is_working_day(date(2026, 1, 1)) is False  # Tahun Baru, a Thursday
    assert is_working_day(date(2026, 12, 25)) is False  # Natal, a Friday


def test_cuti_bersama_row_makes_the_date_non_working():
    assert is_working_day(TUE_AUG_18) is True  # computed and memoised before the row exists

    Holiday.objects.create(date=TUE_AUG_18, name="Cuti bersama HUT RI")

    assert is_working_day(TUE_AUG_18) is False


def test_deleting_the_row_makes_the_date_working_again():
    holiday = Holiday.objects.create(date=TUE_AUG_18, name="Cuti bersama")
    assert is_working_day(TUE_AUG_18) is False

    holiday.delete()

    assert is_working_day(TUE_AUG_18) is True


def test_moving_a_holiday_updates_both_dates():
    holiday = Holiday.objects.create(date=TUE_AUG_18, name="Libur daerah", kind="local")
    assert is_working_day(TUE_AUG_18) is False

    holiday.date = WED_AUG_19
    holiday.save()

    assert is_working_day(TUE_AUG_18) is True
    assert is_working_day(WED_AUG_19) is False


def test_holiday_change_bumps_the_table_version():
    before = workdays._table_version()

    Holiday.objects.create(date=TUE_AUG_18, name="Cuti bersama")

    assert workdays._table_version() != before


def test_holiday_still_counts_after_the_cache_forgets_the_version():
    # The version key may expire or the cache may be flushed; results memoised in this
    # process under an earlier version must not come back.
    assert is_working_day(TUE_AUG_18) is True
    Holiday.objects.create(date=TUE_AUG_18, name="Cuti bersama")
    assert is_working_day(TUE_AUG_18) is False

    cache.delete(workdays._VERSION_KEY)

    assert is_working_day(TUE_AUG_18) is False


def test_holidays_of_other_years_do_not_leak():
    Holiday.objects.create(date=date(2027, 8, 18), name="Cuti bersama 2027")

    assert is_working_day(TUE_AUG_18) is True
    assert is_working_day(date(2027, 8, 18)) is False


def test_add_working_days_skips_weekend_and_national_holiday():
    # Fri 14 → (Sat, Sun, Mon 17 Aug skipped) → Tue 18.
    assert add_working_days(FRI_AUG_14, 1) == TUE_AUG_18
    assert add_working_days(FRI_AUG_14, 5) == date(2026, 8, 24)


def test_add_working_days_also_skips_cuti_bersama():
    Holiday.objects.create(date=TUE_AUG_18, name="Cuti bersama")

    assert add_working_days(FRI_AUG_14, 1) == WED_AUG_19


def test_add_zero_working_days_is_the_start():
    assert add_working_days(SAT_AUG_15, 0) == SAT_AUG_15


def test_add_working_days_rejects_negative():
    with pytest.raises(ValueError):
        add_working_days(FRI_AUG_14, -1)


def test_add_working_days_across_year_end():
    # Thu 31 Dec 2026 → Fri 1 Jan 2027 is Tahun Baru → Mon 4 Jan 2027.
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_working_days_between():
    assert working_days_between(FRI_AUG_14, FRI_AUG_21) == 4  # 18, 19, 20, 21
    assert working_days_between(FRI_AUG_14, INDEPENDENCE_DAY) == 0
    assert working_days_between(date(2026, 8, 3), date(2026, 8, 10)) == 5


def test_working_days_between_empty_or_reversed_range_is_zero():
    assert working_days_between(FRI_AUG_21, FRI_AUG_21) == 0
    assert working_days_between(FRI_AUG_21, FRI_AUG_14) == 0


def test_working_days_between_counts_cuti_bersama():
    Holiday.objects.create(date=WED_AUG_19, name="Cuti bersama")

    assert working_days_between(FRI_AUG_14, FRI_AUG_21) == 3


def test_add_and_between_agree():
    start = date(2026, 3, 16)  # around Nyepi and Idul Fitri 2026
    for days in range(0, 15):
        end = add_working_days(start, days)
        assert working_days_between(start, end) == days


def test_counting_a_span_reads_the_table_version_once(monkeypatch):
    reads = []
    version = workdays._table_version()
    monkeypatch.setattr(workdays, "_table_version", lambda: reads.append(1) or version)

    days = working_days_between(FRI_AUG_14, date(2026, 9, 14))  # a Monday, a month on
    assert add_working_days(FRI_AUG_14, days) == date(2026, 9, 14)
    assert working_days_between(FRI_AUG_21, FRI_AUG_14) == 0

    # One read per count (none for an empty span), not one per day.
    assert len(reads) == 2


@pytest.fixture
def process_cache(settings, monkeypatch):
    """The production setup of the per-process cache (tests keep nothing in it), with a
    clock the test moves: returns the clock."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "workdays-test-pages",
        },
    }
    clock = [1_000_000.0]
    fake_time = SimpleNamespace(time=lambda: clock[0])
    monkeypatch.setattr(locmem, "time", fake_time)
    monkeypatch.setattr(cache_base, "time", fake_time)
    caches["pages"].clear()  # a locmem cache outlives the test: start and end empty
    yield clock
    caches["pages"].clear()


def test_the_version_is_read_from_the_shared_cache_once_per_few_seconds(process_cache, monkeypatch):
    reads = []

    class CountingSharedCache:
        def get_or_set(self, *args, **kwargs):
            reads.append(1)
            return cache.get_or_set(*args, **kwargs)

    monkeypatch.setattr(workdays, "cache", CountingSharedCache())

    first = workdays._table_version()
    process_cache[0] += workdays.VERSION_FRESH_SECONDS - 0.1
    assert workdays._table_version() == first
    assert len(reads) == 1  # a tracking page's two deadlines cost no round trip to the cache


def test_another_process_s_holiday_is_seen_within_the_fresh_seconds(process_cache):
    assert is_working_day(TUE_AUG_18) is True
    # Another process (the admin's) adds a holiday: the row and the shared version change,
    # this process's copy does not know yet.
    Holiday.objects.bulk_create([Holiday(date=TUE_AUG_18, name="Cuti bersama", kind="local")])
    cache.incr(workdays._VERSION_KEY)

    assert is_working_day(TUE_AUG_18) is True  # still within the fresh seconds
    process_cache[0] += workdays.VERSION_FRESH_SECONDS + 0.1
    assert is_working_day(TUE_AUG_18) is False


def test_a_change_in_this_process_is_seen_at_once(process_cache):
    assert is_working_day(TUE_AUG_18) is True

    Holiday.objects.create(date=TUE_AUG_18, name="Cuti bersama")

    assert is_working_day(TUE_AUG_18) is False
