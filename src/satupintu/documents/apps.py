from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "satupintu.documents"
    label = "documents"
    verbose_name = _("Dokumen bertanda tangan elektronik")

    def ready(self):
        from satupintu.documents import tasks  # noqa: F401 - periodic log purge
