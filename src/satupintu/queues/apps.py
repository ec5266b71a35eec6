from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QueuesConfig(AppConfig):
    name = "satupintu.queues"
    verbose_name = _("Antrean")

    def ready(self):
        from satupintu.backoffice.modules import Module, register
        from satupintu.portal.entries import Entry
        from satupintu.portal.entries import register as register_entry
        from satupintu.queues import personal_data, tasks  # noqa: F401
        from satupintu.queues.selectors import works_at_any_site

        register_entry(
            Entry(
                key="queues",
                title=_("Antrean online"),
                description=_(
                    "Ambil nomor antrean RSUD, Disdukcapil dan Mal Pelayanan Publik dari rumah."
                ),
                url_name="queues:home",
                order=15,
            )
        )
        register(
            Module(
                key="queues",
                title=_("Antrean: kios dan loket"),
                description=_("Kios pendaftaran, panggil nomor di loket, angka harian."),
                url_name="queues:staff_sites",
                allowed=works_at_any_site,
            )
        )
