from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "satupintu.dashboards"
    verbose_name = _("Dasbor")

    def ready(self):
        from satupintu.backoffice.modules import Module, register
        from satupintu.dashboards import figures, tasks  # noqa: F401
        from satupintu.org import permissions
        from satupintu.portal.entries import Entry
        from satupintu.portal.entries import register as register_entry

        register_entry(
            Entry(
                key="transparency",
                title=_("Transparansi"),
                description=_("Angka pengaduan, permohonan, antrean dan kepuasan warga kota."),
                url_name="dashboards:public",
                order=70,
            )
        )

        def leads(user):
            from satupintu.dashboards.views import LEADER_ROLES

            return bool(permissions.unit_paths(user, LEADER_ROLES)) or permissions.is_superuser(
                user
            )

        register(
            Module(
                key="dashboards",
                title=_("Dasbor pimpinan"),
                description=_("Pengaduan, permohonan, antrean dan IKM per unit, dengan tren."),
                url_name="dashboards:home",
                allowed=leads,
            )
        )
