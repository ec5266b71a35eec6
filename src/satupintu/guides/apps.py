from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "satupintu.guides"
    verbose_name = _("Panduan")

    def ready(self):
        # Each app registers its own guide in its `guide.py` (see registry.py).
        autodiscover_modules("guide")
