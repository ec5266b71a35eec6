"""The daily rollup: raw case rows (through `cases.selectors.rollup_rows`) → `DailyFigure`.

A day is recomputed whole (its rows deleted and written again in one transaction), so running
it twice, or again after late changes, gives the same rows. Metrics (prefix = case kind,
`complaint` or `application`):

- `<kind>.received` — filed that day (per unit, kelurahan, and for applications per service);
- `<kind>.closed` — closed that day; `total` = working days from filing to closing;
- `<kind>.closed_on_time` — of those, closed on or before their deadline;
- `<kind>.first_response` — first answered that day; `total` = minutes from filing;
- `<kind>.open` — still open at the end of the day, key = age bucket;
- `<kind>.overdue` — open at the end of the day, past the deadline and not paused.

Every write gives the rollup a new `version()` (in the shared cache, once the transaction
commits): what is computed from the rollup alone (the public page's figures) is cached under
it, so it is computed once per rollup run, not once per request.
"""

import uuid
from collections import defaultdict
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from satupintu.cases import selectors as case_selectors
from satupintu.core import workdays
from satupintu.dashboards import registry
from satupintu.dashboards.models import DailyFigure

AGE_BUCKETS = ((7, "0-7"), (30, "8-30"), (60, "31-60"), (None, ">60"))
VERSION_KEY = "dashboards:rollup-version"


def version() -> str:
    """The rollup's current version: changes whenever the rollup writes (a lost or evicted
    entry is a new version too, so nothing cached under the old one is read again)."""
    found = cache.get(VERSION_KEY)
    if found is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        found = cache.get(VERSION_KEY) or "none"
    return found


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def age_bucket(days: int) -> str:
    for limit, label in AGE_BUCKETS:
        if limit is None or days <= limit:
            return label
    return AGE_BUCKETS[-1][1]


def _service(row) -> str:
    return (row.get("attributes") or {}).get("service", "") if row["kind"] == "application" else ""


def compute(day) -> dict[tuple, list[int]]:
    """{(metric, org_unit_id, region_id, key): [count, total]} for `day`, from raw rows."""
    raw = case_selectors.rollup_rows(day)
    out: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    local = timezone.localtime

    def add(metric, row, key="", total=0, with_region=True):
        region = row["region_id"] if with_region else None
        cell = out[(f"{row['kind']}.{metric}", row["org_unit_id"], region, key)]
        cell[0] += 1
        cell[1] += total

    for row in raw["received"]:
        add("received", row, _service(row))
    for row in raw["closed"]:
        closed_day = local(row["closed_at"]).date()
        days = workdays.working_days_between(local(row["created_at"]).date(), closed_day)
        add("closed", row, _service(row), days)
        if row["due_date"] is None or closed_day <= row["due_date"]:
            add("closed_on_time", row, _service(row))
    for row in raw["first"]:
        minutes = int((row["first_response_at"] - row["created_at"]).total_seconds() // 60)
        add("first_response", row, "", max(minutes, 0))
    for row in raw["open"]:
        age = (day - local(row["created_at"]).date()).days
        add("open", row, age_bucket(age), with_region=False)
        if row["due_date"] and row["due_date"] < day and row["paused_at"] is None:
            add("overdue", row, with_region=False)
    for prefix, contribute in sorted(registry.rollup_contributors().items()):
        for (metric, unit, region, key), (count, total) in contribute(day).items():
            if not metric.startswith(f"{prefix}."):
                raise ValueError(f"rollup metric {metric!r} outside its prefix {prefix!r}")
            cell = out[(metric, unit, region, key)]
            cell[0] += count
            cell[1] += total
    return dict(out)


def rollup_day(day) -> int:
    """Replace the rows of `day`; returns how many were written."""
    cells = compute(day)
    with transaction.atomic():
        DailyFigure.objects.filter(day=day).delete()
        DailyFigure.objects.bulk_create(
            [
                DailyFigure(
                    day=day,
                    metric=metric,
                    org_unit_id=unit,
                    region_id=region,
                    key=key,
                    count=count,
                    total=total,
                )
                for (metric, unit, region, key), (count, total) in cells.items()
            ],
            batch_size=1000,
        )
        # Once the rows are visible to every reader; and now as well, for a caller's own
        # transaction (a test, a backfill) that reads them before it commits.
        transaction.on_commit(_new_version)
    _new_version()
    return len(cells)


def rollup_range(start, end) -> int:
    written, day = 0, start
    while day <= end:
        written += rollup_day(day)
        day += timedelta(days=1)
    return written
