"""Open data generated from the dashboards' daily rollup (`opendata.registry`): complaints and
applications per month and OPD or service, processing times, IKM and queue waits. Only
counts, sums and averages over groups; no case, no person."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satupintu.catalog import selectors as catalog_selectors
from satupintu.dashboards import figures
from satupintu.dashboards.models import DailyFigure
from satupintu.dashboards.registry import Scope
from satupintu.opendata.registry import COUNT, NUMBER, Column, Generator, Table, register
from satupintu.org.models import OrgUnit

MONTHS = 24
GROUP = "pelayanan-publik"


def _window() -> tuple[date, date]:
    today = timezone.localdate()
    month = today.year * 12 + today.month - 1 - (MONTHS - 1)
    return date(month // 12, month % 12 + 1, 1), today


def _monthly(metric: str, by: str, start: date, end: date) -> dict:
    """{(month, by value): (count, total)} of a rollup metric over the window."""
    rows = (
        DailyFigure.objects.filter(metric=metric, day__gte=start, day__lte=end)
        .annotate(month=TruncMonth("day"))
        .values("month", by)
        .annotate(c=Sum("count"), t=Sum("total"))
        .order_by()
    )
    return {(row["month"], row[by]): (row["c"] or 0, row["t"] or 0) for row in rows}


def _month(value) -> str:
    return value.strftime("%Y-%m")


def _avg(total, count, divisor=1):
    if not count:
        return None
    return float(round(Decimal(total) / Decimal(count) / Decimal(divisor), 1))


def _unit_names(ids) -> dict:
    return dict(OrgUnit.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "name"))


def complaints_per_month_and_unit() -> Table:
    start, end = _window()
    received = _monthly("complaint.received", "org_unit", start, end)
    closed = _monthly("complaint.closed", "org_unit", start, end)
    on_time = _monthly("complaint.closed_on_time", "org_unit", start, end)
    keys = sorted(set(received) | set(closed), key=lambda k: (k[0], k[1] or 0))
    names = _unit_names(k[1] for k in keys)
    rows = [
        [
            _month(month),
            names.get(unit, str(_("Belum diteruskan"))),
            received.get((month, unit), (0, 0))[0],
            closed.get((month, unit), (0, 0))[0],
            on_time.get((month, unit), (0, 0))[0],
        ]
        for month, unit in keys
    ]
    return Table(rows, start, end)


def applications_per_service() -> Table:
    start, end = _window()
    received = _monthly("application.received", "key", start, end)
    closed = _monthly("application.closed", "key", start, end)
    on_time = _monthly("application.closed_on_time", "key", start, end)
    services = {s.slug: s for s in catalog_selectors.published_services()}
    rows = []
    for month, slug in sorted(set(received) | set(closed)):
        service = services.get(slug)
        n_closed, days = closed.get((month, slug), (0, 0))
        rows.append(
            [
                _month(month),
                service.name if service else slug,
                service.org_unit.name if service and service.org_unit_id else "",
                received.get((month, slug), (0, 0))[0],
                n_closed,
                on_time.get((month, slug), (0, 0))[0],
                _avg(days, n_closed),
                service.processing_days if service else None,
            ]
        )
    return Table(rows, start, end)


def processing_times() -> Table:
    start, end = _window()
    rows = []
    for kind, label in (("complaint", _("Pengaduan")), ("application", _("Permohonan"))):
        closed = _monthly(f"{kind}.closed", "org_unit", start, end)
        first = _monthly(f"{kind}.first_response", "org_unit", start, end)
        keys = sorted(set(closed) | set(first), key=lambda k: (k[0], k[1] or 0))
        names = _unit_names(k[1] for k in keys)
        for month, unit in keys:
            if unit is None:
                continue
            n_closed, days = closed.get((month, unit), (0, 0))
            n_first, minutes = first.get((month, unit), (0, 0))
            rows.append(
                [
                    _month(month),
                    str(label),
                    names.get(unit, ""),
                    n_closed,
                    _avg(days, n_closed),
                    _avg(minutes, n_first, 60),
                ]
            )
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return Table(rows, start, end)


def ikm_per_unit() -> Table:
    today = timezone.localdate()
    rows = []
    for year in (today.year - 1, today.year):
        scope = Scope(units=Q(), start=date(year, 1, 1), end=date(year, 12, 31))
        for row in figures.ikm_by_unit(scope):
            ikm, band, respondents = row.values
            rows.append(
                [year, row.label, float(ikm) if ikm is not None else None, band, respondents]
            )
    return Table(rows, date(today.year - 1, 1, 1), today)


def queue_waits_per_month() -> Table:
    start, end = _window()
    waits = defaultdict(lambda: [0, Decimal(0)])
    month = start
    while month <= end:
        following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        scope = Scope(units=Q(), start=month, end=min(end, following - timedelta(days=1)))
        for row in figures.queue_waits(scope):
            served, mean = row.values
            cell = waits[(_month(month), row.label)]
            cell[0] += served
            cell[1] += Decimal(str(mean or 0)) * served
        month = following
    rows = [
        [m, site, served, _avg(total, served)]
        for (m, site), (served, total) in sorted(waits.items())
        if served
    ]
    return Table(rows, start, end)


MONTH = Column("bulan", _("Bulan (TTTT-BB)"))
OPD = Column("perangkat_daerah", _("Perangkat daerah"))

register(
    Generator(
        key="pengaduan-per-bulan-opd",
        title=_("Pengaduan per bulan dan perangkat daerah"),
        description=_(
            "Jumlah pengaduan yang diterima, yang selesai, dan yang selesai tepat waktu, per "
            "bulan dan perangkat daerah penanggung jawab. Angka 1–2 dikosongkan."
        ),
        columns=(MONTH, OPD, Column("diterima", _("Diterima"), COUNT),
                 Column("selesai", figures.CLOSED, COUNT),
                 Column("selesai_tepat_waktu", _("Selesai tepat waktu"), COUNT)),
        table=complaints_per_month_and_unit,
        tags=("pengaduan", "pelayanan-publik"),
        groups=(GROUP,),
    )
)  # fmt: skip
register(
    Generator(
        key="permohonan-per-layanan",
        title=_("Permohonan layanan per bulan"),
        description=_(
            "Permohonan per layanan dan bulan: diterima, selesai, selesai dalam standar, "
            "rata-rata hari kerja penyelesaian dan standar pelayanan. Angka 1–2 dikosongkan."
        ),
        columns=(MONTH, Column("layanan", _("Layanan")), OPD,
                 Column("diterima", _("Diterima"), COUNT), Column("selesai", figures.CLOSED, COUNT),
                 Column("dalam_standar", _("Selesai dalam standar"), COUNT),
                 Column("rata_rata_hari_kerja", _("Rata-rata hari kerja"), NUMBER),
                 Column("standar_hari_kerja", _("Standar (hari kerja)"), NUMBER)),
        table=applications_per_service,
        tags=("perizinan", "pelayanan-publik"),
        groups=(GROUP,),
    )
)  # fmt: skip
register(
    Generator(
        key="waktu-penyelesaian",
        title=_("Waktu penyelesaian pengaduan dan permohonan"),
        description=_(
            "Per bulan, jenis dan perangkat daerah: jumlah selesai, rata-rata hari kerja "
            "sampai selesai dan rata-rata jam sampai tanggapan pertama."
        ),
        columns=(MONTH, Column("jenis", _("Jenis")), OPD,
                 Column("selesai", figures.CLOSED, COUNT),
                 Column("rata_rata_hari_kerja", _("Rata-rata hari kerja"), NUMBER),
                 Column("tanggapan_pertama_jam", _("Tanggapan pertama (jam)"), NUMBER)),
        table=processing_times,
        tags=("kinerja", "pelayanan-publik"),
        groups=(GROUP,),
    )
)  # fmt: skip
register(
    Generator(
        key="indeks-kepuasan-masyarakat",
        title=_("Indeks Kepuasan Masyarakat per perangkat daerah"),
        description=_("IKM tahun lalu dan tahun berjalan per perangkat daerah (SKM)."),
        columns=(Column("tahun", _("Tahun")), OPD, Column("ikm", _("IKM"), NUMBER),
                 Column("mutu", _("Mutu")), Column("responden", _("Responden"), COUNT)),
        table=ikm_per_unit,
        frequency="bulanan",
        tags=("ikm", "survei-kepuasan"),
        groups=(GROUP,),
    )
)  # fmt: skip
register(
    Generator(
        key="antrean-per-lokasi",
        title=_("Pengunjung dan waktu tunggu antrean per lokasi"),
        description=_("Per bulan dan lokasi layanan: pengunjung dilayani dan rata-rata menit "
                      "menunggu."),
        columns=(MONTH, Column("lokasi", _("Lokasi")), Column("dilayani", _("Dilayani"), COUNT),
                 Column("tunggu_rata_rata_menit", _("Tunggu rata-rata (menit)"), NUMBER)),
        table=queue_waits_per_month,
        tags=("antrean", "pelayanan-publik"),
        groups=(GROUP,),
    )
)  # fmt: skip
