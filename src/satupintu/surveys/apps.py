from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "satupintu.surveys"
    verbose_name = _("Survei Kepuasan Masyarakat")

    def ready(self):
        from satupintu.backoffice.modules import Module, register
        from satupintu.cases.notify import register_closing_line
        from satupintu.org import permissions
        from satupintu.portal.entries import Entry
        from satupintu.portal.entries import register as register_entry
        from satupintu.surveys.services import closing_line

        register_closing_line(closing_line)
        register_entry(
            Entry(
                key="surveys",
                title=_("Indeks Kepuasan Masyarakat"),
                description=_("Hasil Survei Kepuasan Masyarakat tiap perangkat daerah."),
                url_name="surveys:index",
                order=60,
            )
        )
        register(
            Module(
                key="surveys",
                title=_("Survei Kepuasan Masyarakat"),
                description=_("IKM per unsur dan layanan, saran warga, laporan bertanda tangan."),
                url_name="surveys:staff_units",
                allowed=lambda user: permissions.visible_units(user).exists(),
            )
        )
