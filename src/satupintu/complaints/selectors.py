"""Public statistics of complaints: counts and times, never personal data."""

from statistics import median

from django.db.models import Count

from satupintu.cases.models import Case, Category
from satupintu.complaints.workflow import COMPLAINT, KIND


def _hours(delta) -> float:
    return round(delta.total_seconds() / 3600, 1)


def _by_category(cases) -> list[dict]:
    """Counts per category, named in the reader's language (the category's translated name:
    a `values("category__name")` would read the untranslated column)."""
    counts = list(cases.values("category").annotate(n=Count("pk")))
    ids = [row["category"] for row in counts if row["category"]]
    names = {category.pk: category.name for category in Category.objects.filter(pk__in=ids)}
    rows = [{"category__name": names.get(row["category"]), "n": row["n"]} for row in counts]
    return sorted(rows, key=lambda row: (-row["n"], row["category__name"] or ""))


def statistics(year: int | None = None) -> dict:
    cases = Case.objects.filter(kind=KIND).exclude(status__in=["digabung", "diarsipkan"])
    if year:
        cases = cases.filter(created_at__year=year)
    total = cases.count()
    by_category = _by_category(cases)
    by_unit = list(
        cases.exclude(org_unit=None)
        .exclude(status__in=COMPLAINT.triage_statuses)
        .values("org_unit__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "org_unit__name")
    )
    by_region = list(
        cases.exclude(region=None)
        .values("region__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "region__name")
    )
    # Medians are computed in Python over at most the last 5,000 of each: exact enough for a
    # public page and the same on SQLite and PostgreSQL.
    first = [
        _hours(f - c)
        for c, f in cases.exclude(first_response_at=None)
        .order_by("-created_at")
        .values_list("created_at", "first_response_at")[:5000]
    ]
    resolved_rows = list(
        cases.exclude(resolved_at=None)
        .order_by("-created_at")
        .values_list("created_at", "resolved_at", "due_date")[:5000]
    )
    resolution = [_hours(r - c) for c, r, _due in resolved_rows]
    resolved = cases.filter(status__in=COMPLAINT.resolved_statuses)
    on_time = sum(1 for _c, r, due in resolved_rows if due is None or r.date() <= due)
    return {
        "total": total,
        "resolved": resolved.count(),
        "by_category": by_category,
        "by_unit": by_unit,
        "by_region": by_region,
        "median_first_response_hours": median(first) if first else None,
        "median_resolution_hours": median(resolution) if resolution else None,
        "on_time_share": round(100 * on_time / len(resolved_rows), 1) if resolved_rows else None,
    }


def monthly_by_category(start, end) -> list[tuple]:
    """(first day of month, category name, count) of complaints filed from `start` to `end`
    (open data: counts only)."""
    from django.db.models.functions import TruncMonth

    counts = (
        Case.objects.filter(kind=KIND, created_at__date__gte=start, created_at__date__lte=end)
        .exclude(status__in=["digabung", "diarsipkan"])
        .annotate(month=TruncMonth("created_at"))
        .values("month", "category")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = list(counts)
    ids = [row["category"] for row in counts if row["category"]]
    names = {category.pk: category.name for category in Category.objects.filter(pk__in=ids)}
    return sorted(
        (row["month"].date() if hasattr(row["month"], "date") else row["month"],
         names.get(row["category"], ""), row["n"])
        for row in counts
    )  # fmt: skip
