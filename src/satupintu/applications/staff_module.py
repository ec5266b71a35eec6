"""The "Permohonan" entry of the back office (/kantor/), registered when the app loads."""

from django.utils.translation import gettext_lazy as _


def register_module() -> None:
    from satupintu.backoffice.modules import Module, register
    from satupintu.org import permissions

    register(
        Module(
            key="applications",
            title=_("Permohonan layanan"),
            description=_(
                "Antrean permohonan per layanan dan langkah, dengan tenggat; verifikasi, "
                "persetujuan dan penerbitan dokumen hasil."
            ),
            url_name="applications:staff_queue",
            allowed=permissions.is_staff_member,
        )
    )
