"""Live links to the platform's own figures that an OPD can cite as evidence: the reader
opens the CSV as it stands today (within their own permissions), not a copy."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class LiveFigure:
    key: str
    title: str
    url_name: str
    args: tuple = ()

    def url(self) -> str:
        return reverse(self.url_name, args=self.args)


LIVE_FIGURES = {
    f.key: f
    for f in (
        LiveFigure(
            "eoffice-kinerja",
            _("E-office: waktu tanggap disposisi per unit (CSV)"),
            "letters:performance_csv",
        ),
        LiveFigure(
            "pengaduan-opd",
            _("Pengaduan per perangkat daerah (CSV dasbor)"),
            "dashboards:csv",
            ("pengaduan-opd",),
        ),
        LiveFigure(
            "permohonan-layanan",
            _("Permohonan per layanan dan waktu penyelesaian (CSV dasbor)"),
            "dashboards:csv",
            ("permohonan-layanan",),
        ),
        LiveFigure(
            "antrean", _("Waktu tunggu antrean (CSV dasbor)"), "dashboards:csv", ("antrean",)
        ),
        LiveFigure("ikm", _("Indeks Kepuasan Masyarakat (CSV dasbor)"), "dashboards:csv", ("ikm",)),
        LiveFigure(
            "transparansi-pengaduan",
            _("Pengaduan se-kota, halaman transparansi (CSV publik)"),
            "dashboards:public_csv",
            ("pengaduan-opd",),
        ),
    )
}
