from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "satupintu.opendata"
    label = "opendata"
    verbose_name = _("Data terbuka")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from satupintu.backoffice import modules
        from satupintu.opendata import tasks  # noqa: F401 - registers the periodic task
        from satupintu.org import permissions
        from satupintu.portal import entries

        # Each domain adds its generated datasets in its `datasets.py` (see registry.py).
        autodiscover_modules("datasets")
        modules.register(
            modules.Module(
                key="opendata",
                title=_("Data terbuka"),
                description=_("Dataset perangkat daerah untuk Satu Data: unggah, terbitkan."),
                url_name="opendata:staff_list",
                allowed=permissions.is_staff_member,
            )
        )
        entries.register(
            entries.Entry(
                key="opendata",
                title=_("Data terbuka"),
                description=_("Dataset kota dalam CSV, JSON, XLSX dan GeoJSON (Satu Data)."),
                url_name="opendata:list",
                order=75,
            )
        )
