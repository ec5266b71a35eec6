from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnedoorConfig(AppConfig):
    name = "satupintu.onedoor"
    label = "onedoor"
    verbose_name = _("Satu pintu warga")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from satupintu.onedoor import personal_data  # noqa: F401 - registry

        # Each domain lists what it keeps of a citizen in its `mine.py` (see registry.py).
        autodiscover_modules("mine")
