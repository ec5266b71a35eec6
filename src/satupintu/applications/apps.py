from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "satupintu.applications"
    verbose_name = _("Permohonan layanan")

    def ready(self):
        # Registers the "application" case kind with the engine.
        from satupintu.applications import workflow  # noqa: F401

        # The back-office entry for the staff side (staff_module.py).
        from satupintu.applications.staff_module import register_module

        register_module()
