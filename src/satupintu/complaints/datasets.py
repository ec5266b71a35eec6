"""Open data of complaints (`opendata.registry`): how many per month and category."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satupintu.complaints import selectors
from satupintu.opendata.registry import COUNT, Column, Generator, Table, register

MONTHS = 24


def per_month_and_category() -> Table:
    today = timezone.localdate()
    month = today.year * 12 + today.month - 1 - (MONTHS - 1)
    start = date(month // 12, month % 12 + 1, 1)
    rows = [
        [first.strftime("%Y-%m"), name or str(_("Tanpa kategori")), count]
        for first, name, count in selectors.monthly_by_category(start, today)
    ]
    return Table(rows, start, today)


register(
    Generator(
        key="pengaduan-per-kategori",
        title=_("Pengaduan per bulan dan kategori"),
        description=_(
            "Jumlah pengaduan warga yang diterima per bulan dan kategori (jalan rusak, "
            "sampah, banjir …), tanpa pengaduan yang digabung atau diarsipkan. Angka 1–2 "
            "dikosongkan agar tidak menunjuk orang."
        ),
        columns=(
            Column("bulan", _("Bulan (TTTT-BB)")),
            Column("kategori", _("Kategori")),
            Column("jumlah", _("Jumlah pengaduan"), COUNT),
        ),
        table=per_month_and_category,
        tags=("pengaduan",),
        groups=("pelayanan-publik",),
    )
)
