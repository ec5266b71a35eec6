from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "satupintu.intake"
    label = "intake"
    verbose_name = _("Saluran masuk pengaduan")

    def ready(self):
        from satupintu.backoffice.modules import Module, register
        from satupintu.intake import tasks  # noqa: F401 - registers periodic tasks
        from satupintu.org import permissions

        register(
            Module(
                key="intake",
                title=_("Catat aduan telepon / datang langsung"),
                description=_(
                    "Rekam laporan warga yang menelepon atau datang ke kantor, "
                    "lalu bacakan kode lacaknya."
                ),
                url_name="intake:operator_new",
                allowed=permissions.is_staff_member,
            )
        )
