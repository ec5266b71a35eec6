"""Trends of the figures: one value per week over the WEEKS weeks that end on the period's
last day, read from the rollup table (`DailyFigure`) only — never a scan of the raw rows.

`weekly(metric, …)` sums a metric per week; `snapshot=True` takes, per week, the metric's
value on the week's last day (stocks such as "open now"); `value` turns a week's
(count, total) into the number shown (a mean, an index)."""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum

from satupintu.dashboards.models import DailyFigure
from satupintu.dashboards.registry import Scope
from satupintu.org.models import OrgUnit

WEEKS = 12


def weeks(end: date, count: int = WEEKS) -> list[tuple[date, date]]:
    """(first day, last day) of each of the `count` seven-day weeks ending on `end`."""
    return [
        (end - timedelta(days=7 * (count - i) - 1), end - timedelta(days=7 * (count - 1 - i)))
        for i in range(count)
    ]


def count_of(count, _total):
    return count


def mean_of(divisor=1, places=1):
    def value(count, total):
        if not count:
            return None
        mean = Decimal(total) / Decimal(count) / Decimal(divisor)
        return mean.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)

    return value


def weekly(
    metric: str,
    scope: Scope,
    *,
    snapshot: bool = False,
    value: Callable = count_of,
    by_unit: bool = True,
    extra: Q | None = None,
) -> list[tuple[str, object]]:
    spans = weeks(scope.end)
    qs = DailyFigure.objects.filter(metric=metric, day__gte=spans[0][0], day__lte=scope.end)
    if by_unit:
        qs = qs.filter(org_unit__in=OrgUnit.objects.filter(scope.units))
    if extra is not None:
        qs = qs.filter(extra)
    per_day = {
        row["day"]: (row["c"] or 0, row["t"] or 0)
        for row in qs.values("day").annotate(c=Sum("count"), t=Sum("total")).order_by()
    }
    out = []
    for first, last in spans:
        days = [d for d in per_day if first <= d <= last]
        if snapshot:  # the stock at the end of the week's last day (no row: none left)
            count, total = per_day.get(last, (0, 0))
        else:
            count = sum(per_day[d][0] for d in days)
            total = sum(per_day[d][1] for d in days)
        out.append((first.strftime("%d-%m"), value(count, total)))
    return out


def trend(metric: str, **options) -> Callable[[Scope], list[tuple[str, object]]]:
    return lambda scope: weekly(metric, scope, **options)
