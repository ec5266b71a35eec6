from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "satupintu.complaints"
    label = "complaints"
    verbose_name = _("Pengaduan dan aspirasi")

    def ready(self):
        from satupintu.complaints import tasks, workflow  # noqa: F401 - kind and periodic tasks
