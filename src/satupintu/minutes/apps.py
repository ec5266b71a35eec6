from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinutesConfig(AppConfig):
    name = "satupintu.minutes"
    label = "minutes"
    verbose_name = _("Rapat dan risalah (e-Risalah)")

    def ready(self):
        from satupintu.backoffice import modules
        from satupintu.minutes import tasks  # noqa: F401 - registers the periodic task
        from satupintu.org import permissions
        from satupintu.portal import entries

        modules.register(
            modules.Module(
                key="minutes",
                title=_("Rapat dan risalah"),
                description=_(
                    "Undangan rapat, daftar hadir, risalah per agenda dan tindak lanjutnya."
                ),
                url_name="minutes:staff_list",
                allowed=permissions.is_staff_member,
            )
        )
        entries.register(
            entries.Entry(
                key="minutes",
                title=_("Risalah rapat"),
                description=_("Risalah rapat terbuka DPRD dan perangkat daerah yang telah terbit."),
                url_name="minutes:public_list",
                order=70,
            )
        )
