from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "satupintu.applications"
    verbose_name = _("Permohonan layanan")

    def ready(self):
        # Registers the "application" case kind with the engine.
        from satupintu.applications import workflow  # noqa: F401
        from satupintu.applications.progress import register as register_progress

        # Its own steps on the tracking page (received, the service's workflow steps, done).
        register_progress()

        # The back-office entry for the staff side (staff_module.py).
        from satupintu.applications.staff_module import register_module

        register_module()

        # The citizen's data in the PDP export and erasure; the purge of kept records and
        # of deleted drafts (periodic tasks).
        from satupintu.applications import personal_data, retention, tasks  # noqa: F401
