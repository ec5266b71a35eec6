from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistedConfig(AppConfig):
    name = "satupintu.assisted"
    verbose_name = _("Permohonan lewat loket")

    def ready(self):
        from satupintu.backoffice.modules import Module, register
        from satupintu.org import permissions

        register(
            Module(
                key="assisted",
                title=_("Loket: ajukan untuk warga"),
                description=_(
                    "Ajukan permohonan layanan atas nama warga yang datang ke loket: "
                    "periksa identitas, catat persetujuan, pindai dokumen."
                ),
                url_name="assisted:list",
                allowed=permissions.is_counter_officer,
            )
        )
        # Consent records and contacts in the citizen's PDP export and erasure.
        from satupintu.assisted import personal_data  # noqa: F401
