from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DprdConfig(AppConfig):
    name = "satupintu.dprd"
    label = "dprd"
    verbose_name = _("DPRD")

    def ready(self):
        from satupintu.dprd import importer
        from satupintu.org.importer import register_extra_files
        from satupintu.portal.entries import Entry
        from satupintu.portal.entries import register as register_entry

        register_extra_files("dprd", importer.parse, importer.write)
        register_entry(
            Entry(
                key="dprd",
                title=_("DPRD"),
                description=_("Anggota DPRD, komisi, fraksi dan daerah pemilihan."),
                url_name="dprd:home",
                order=40,
            )
        )
