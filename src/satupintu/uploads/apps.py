from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UploadsConfig(AppConfig):
    name = "satupintu.uploads"
    label = "uploads"
    verbose_name = _("Unggahan bertahap")

    def ready(self):
        from satupintu.uploads import tasks  # noqa: F401 - periodic clean-up
