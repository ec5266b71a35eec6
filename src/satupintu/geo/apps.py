from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "satupintu.geo"
    verbose_name = _("Peta kota")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from satupintu.backoffice.modules import Module, register
        from satupintu.geo.selectors import may_manage_layers
        from satupintu.portal.entries import Entry
        from satupintu.portal.entries import register as register_entry

        # Each domain adds its layers in its `maplayers.py` (see layers.py).
        autodiscover_modules("maplayers")
        register_entry(
            Entry(
                key="map",
                title=_("Peta kota"),
                description=_("Proyek, pengaduan, usulan DPRD dan fasilitas umum di satu peta."),
                url_name="geo:map",
                order=45,
            )
        )
        register(
            Module(
                key="maps",
                title=_("Lapisan peta OPD"),
                description=_("Unggah GeoJSON, Shapefile atau CSV berkoordinat ke peta kota."),
                url_name="geo:staff_layers",
                allowed=may_manage_layers,
            )
        )
