from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "satupintu.catalog"
    verbose_name = _("Katalog layanan")

    def ready(self):
        from satupintu.catalog import signals

        signals.connect()
