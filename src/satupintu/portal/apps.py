from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "satupintu.portal"
    label = "portal"
    verbose_name = _("Portal warga")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Each domain adds what one search finds in its `findable.py` (see findable.py).
        autodiscover_modules("findable")
