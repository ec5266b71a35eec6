from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CityConfigConfig(AppConfig):
    name = "satupintu.cityconfig"
    label = "cityconfig"
    verbose_name = _("konfigurasi kota")

    def ready(self):
        from satupintu.cityconfig.admin import mark_admins

        mark_admins()
