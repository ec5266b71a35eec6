"""The figures shown to leaders and the public (registered in `registry`)."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.db.models import Max, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from satupintu.catalog import selectors as catalog_selectors
from satupintu.dashboards import rollup_visits  # noqa: F401 - queue and IKM rollup
from satupintu.dashboards.models import DailyFigure
from satupintu.dashboards.registry import Figure, Row, Scope, register
from satupintu.dashboards.rollup import AGE_BUCKETS
from satupintu.dashboards.trends import mean_of, trend
from satupintu.org.models import OrgUnit, Region
from satupintu.queues import selectors as queue_selectors
from satupintu.surveys import selectors as survey_selectors

CLOSED = pgettext_lazy("case status", "Selesai")


def _ratio(part, whole, places=1):
    if not whole:
        return None
    value = Decimal(part) * 100 / Decimal(whole)
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _mean(total, count, divisor=1, places=1):
    if not count:
        return None
    value = Decimal(total) / Decimal(count) / Decimal(divisor)
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _units(scope: Scope):
    return OrgUnit.objects.filter(scope.units)


def _sums(scope: Scope, metric: str, by: str, *, day=None):
    qs = DailyFigure.objects.filter(metric=metric, org_unit__in=_units(scope))
    qs = qs.filter(day=day) if day else qs.filter(day__gte=scope.start, day__lte=scope.end)
    return {
        row[by]: (row["c"], row["t"])
        for row in qs.values(by).annotate(c=Sum("count"), t=Sum("total")).order_by()
    }


def _last_day(scope: Scope, metric: str):
    return DailyFigure.objects.filter(
        metric=metric, day__gte=scope.start, day__lte=scope.end
    ).aggregate(d=Max("day"))["d"]


def _inbox(unit_code: str, inbox: str = "", **params) -> str:
    return f"{inbox or reverse('cases:inbox')}?{urlencode({**params, 'unit': unit_code})}"


def complaints_by_unit(scope: Scope) -> list[Row]:
    kind = "complaint"
    received = _sums(scope, f"{kind}.received", "org_unit")
    closed = _sums(scope, f"{kind}.closed", "org_unit")
    on_time = _sums(scope, f"{kind}.closed_on_time", "org_unit")
    first = _sums(scope, f"{kind}.first_response", "org_unit")
    last = _last_day(scope, f"{kind}.open")
    overdue = _sums(scope, f"{kind}.overdue", "org_unit", day=last) if last else {}
    ids = set(received) | set(closed) | set(overdue) | set(first)
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=[i for i in ids if i])}
    inbox = reverse("cases:inbox") if scope.staff else ""
    rows = []
    for pk in sorted(ids, key=lambda i: units[i].name if i in units else ""):
        unit = units.get(pk)
        if unit is None:
            continue
        n_closed = closed.get(pk, (0, 0))[0]
        late = overdue.get(pk, (0, 0))[0]
        row = Row(
            unit.name,
            [
                received.get(pk, (0, 0))[0],
                n_closed,
                _ratio(on_time.get(pk, (0, 0))[0], n_closed),
                late,
                _mean(first.get(pk, (0, 0))[1], first.get(pk, (0, 0))[0], 60),
            ],
        )
        if scope.staff and late:
            row.links[3] = _inbox(unit.code, inbox, jenis=kind, tenggat="overdue")
        rows.append(row)
    return rows


def complaints_by_kelurahan(scope: Scope) -> list[Row]:
    received = _sums(scope, "complaint.received", "region")
    closed = _sums(scope, "complaint.closed", "region")
    ids = [i for i in set(received) | set(closed) if i]
    regions = {r.pk: r for r in Region.objects.filter(pk__in=ids)}
    return [
        Row(regions[pk].name, [received.get(pk, (0, 0))[0], closed.get(pk, (0, 0))[0]])
        for pk in sorted(regions, key=lambda i: regions[i].name)
    ]


def backlog_by_age(scope: Scope) -> list[Row]:
    last = _last_day(scope, "complaint.open")
    if not last:
        return []
    qs = (
        DailyFigure.objects.filter(metric="complaint.open", day=last, org_unit__in=_units(scope))
        .values("org_unit", "key")
        .annotate(c=Sum("count"))
        .order_by()
    )
    table = defaultdict(dict)
    for row in qs:
        table[row["org_unit"]][row["key"]] = row["c"]
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=list(table))}
    return [
        Row(units[pk].name, [table[pk].get(label, 0) for _limit, label in AGE_BUCKETS])
        for pk in sorted(units, key=lambda i: units[i].name)
    ]


def applications_by_service(scope: Scope) -> list[Row]:
    received = _sums(scope, "application.received", "key")
    closed = _sums(scope, "application.closed", "key")
    on_time = _sums(scope, "application.closed_on_time", "key")
    slugs = set(received) | set(closed)
    # Only the services in the figure: the catalogue holds hundreds (1 000 in the bench), and
    # loading them all (with their life events) cost more than every other figure together.
    listed = catalog_selectors.published_services().filter(slug__in=slugs).prefetch_related(None)
    services = {s.slug: s for s in listed}
    rows = []
    for slug in sorted(slugs):
        service = services.get(slug)
        n_closed, days = closed.get(slug, (0, 0))
        rows.append(
            Row(
                service.name if service else slug,
                [
                    received.get(slug, (0, 0))[0],
                    n_closed,
                    _mean(days, n_closed),
                    service.processing_days if service else None,
                    _ratio(on_time.get(slug, (0, 0))[0], n_closed),
                ],
            )
        )
    return rows


def queue_waits(scope: Scope) -> list[Row]:
    sites = list(queue_selectors.public_sites().filter(org_unit__in=_units(scope)).order_by("name"))
    figures = queue_selectors.served_and_waits(sites, scope.start, scope.end)
    rows = []
    for site in sites:
        served, waited = figures.get(site.pk, (0, 0.0))
        rows.append(Row(site.name, [served, _mean(Decimal(str(waited)), served)]))
    return rows


def ikm_by_unit(scope: Scope) -> list[Row]:
    units = set(_units(scope).values_list("pk", flat=True))
    return [
        Row(unit.name, [f.ikm_shown, f.band.letter if f.band else None, f.respondents])
        for unit, f in survey_selectors.public_units(scope.end.year)
        if unit.pk in units
    ]


def complaints_trend(scope: Scope) -> list[Row]:
    received = _sums(scope, "complaint.received", "day")
    closed = _sums(scope, "complaint.closed", "day")
    days = sorted(set(received) | set(closed))
    return [
        Row(day.strftime("%d-%m"), [received.get(day, (0, 0))[0], closed.get(day, (0, 0))[0]])
        for day in days
    ]


def _ikm_of_sums(count, total):
    """IKM of a week's responses from the rollup's sums: 25 × Σ answers ÷ (9 × responses)."""
    return mean_of(places=2)(count * 9, total * 25)


register(
    Figure(
        "pengaduan-opd",
        _("Pengaduan per perangkat daerah"),
        _("Diterima dan selesai pada periode, persentase selesai tepat waktu, yang kini "
          "melewati batas waktu, dan rata-rata jam sampai tanggapan pertama."),
        (_("Diterima"), CLOSED, _("Tepat waktu (%)"), _("Lewat batas kini"),
         _("Tanggapan pertama (jam)")),
        complaints_by_unit,
        trend=trend("complaint.received"),
        trend_title=_("Pengaduan diterima per minggu"),
    )
)  # fmt: skip
register(
    Figure(
        "pengaduan-tren",
        _("Pengaduan per hari"),
        _("Pengaduan diterima dan selesai per hari pada periode."),
        (_("Diterima"), CLOSED),
        complaints_trend,
        trend=trend("complaint.closed"),
        trend_title=_("Pengaduan selesai per minggu"),
    )
)
register(
    Figure(
        "pengaduan-kelurahan",
        _("Pengaduan per kelurahan"),
        _("Diterima dan selesai pada periode, menurut lokasi laporan."),
        (_("Diterima"), CLOSED),
        complaints_by_kelurahan,
        trend=trend("complaint.received", extra=Q(region__isnull=False)),
        trend_title=_("Pengaduan berlokasi kelurahan, diterima per minggu"),
    )
)
register(
    Figure(
        "tunggakan-umur",
        _("Pengaduan terbuka menurut umur"),
        _("Pengaduan yang belum selesai pada hari terakhir periode, menurut umurnya (hari)."),
        tuple(label for _limit, label in AGE_BUCKETS),
        backlog_by_age,
        trend=trend("complaint.open", snapshot=True),
        trend_title=_("Pengaduan terbuka pada akhir tiap minggu"),
    )
)
register(
    Figure(
        "permohonan-layanan",
        _("Permohonan per layanan"),
        _("Diterima dan selesai pada periode, rata-rata hari kerja penyelesaian dibanding "
          "standar pelayanan, dan persentase yang selesai dalam standar."),
        (_("Diterima"), CLOSED, _("Rata-rata (hari kerja)"), _("Standar (hari kerja)"),
         _("Dalam standar (%)")),
        applications_by_service,
        trend=trend("application.received"),
        trend_title=_("Permohonan diterima per minggu"),
    )
)  # fmt: skip
register(
    Figure(
        "antrean",
        _("Waktu tunggu antrean"),
        _("Pengunjung dilayani dan rata-rata menit menunggu per lokasi pada periode."),
        (_("Dilayani"), _("Tunggu rata-rata (menit)")),
        queue_waits,
        chart_column=1,
        trend=trend("queue.served"),
        trend_title=_("Pengunjung antrean dilayani per minggu"),
    )
)
register(
    Figure(
        "ikm",
        _("Indeks Kepuasan Masyarakat"),
        _("IKM tahun berjalan per perangkat daerah (Survei Kepuasan Masyarakat)."),
        (_("IKM"), _("Mutu"), _("Responden")),
        ikm_by_unit,
        trend=trend("survey.response", value=_ikm_of_sums),
        trend_title=_("IKM dari tanggapan survei per minggu"),
    )
)
