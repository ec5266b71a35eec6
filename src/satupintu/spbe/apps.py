from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpbeConfig(AppConfig):
    name = "satupintu.spbe"
    verbose_name = _("SPBE")

    def ready(self):
        from satupintu.backoffice.modules import Module, register
        from satupintu.org import permissions
        from satupintu.portal.entries import Entry
        from satupintu.portal.entries import register as register_entry

        register_entry(
            Entry(
                key="directory",
                title=_("Aplikasi lain Pemerintah Kota"),
                description=_("Daftar aplikasi publik kota yang belum bergabung ke Satu Pintu."),
                url_name="spbe:directory",
                order=80,
            )
        )
        register(
            Module(
                key="spbe",
                title=_("Inventaris aplikasi SPBE"),
                description=_("Aplikasi tiap OPD, impor dan ekspor CSV/XLSX, peta integrasi."),
                url_name="spbe:inventory",
                allowed=lambda user: permissions.visible_units(user).exists(),
            )
        )
        register(
            Module(
                key="spbe-evaluasi",
                title=_("Evaluasi mandiri SPBE"),
                description=_("Indikator per OPD, tingkat dan bukti, tinjauan, indeks, laporan."),
                url_name="spbe:evaluations",
                allowed=lambda user: permissions.visible_units(user).exists(),
            )
        )
