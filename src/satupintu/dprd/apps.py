from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


def _works_on_pokir(user) -> bool:
    from satupintu.dprd import selectors, services

    return services.is_setwan(user) or selectors.member_for_user(user) is not None


def _is_setwan(user) -> bool:
    from satupintu.dprd import services

    return services.is_setwan(user)


class DprdConfig(AppConfig):
    name = "satupintu.dprd"
    label = "dprd"
    verbose_name = _("DPRD")

    def ready(self):
        from satupintu.backoffice.modules import Module
        from satupintu.backoffice.modules import register as register_module
        from satupintu.dprd import (  # noqa: F401 - the E-Pokir and aspiration kinds
            importer,
            selectors,
            workflow,
            workflow_aspiration,
        )
        from satupintu.org.importer import register_extra_files
        from satupintu.org.permissions import register_back_office_door
        from satupintu.portal.entries import Entry
        from satupintu.portal.entries import register as register_entry

        register_extra_files("dprd", importer.parse, importer.write)
        from satupintu.dprd import decisions

        decisions.register()  # minutes decisions may answer aspirations and proposals
        from satupintu.dprd import figures, figures_reses  # noqa: F401 - dashboard figures, rollup

        register_module(
            Module(
                key="dprd_dasbor",
                title=_("Dasbor Sekretariat DPRD"),
                description=_("Aspirasi per komisi dan dapil, usulan per status, tingkat adopsi."),
                url_name="dprd:dashboard",
                allowed=_is_setwan,
            )
        )
        from satupintu.dprd import correspondence

        # Council correspondence: members read letters through a circle of the e-office.
        correspondence.register_circle()
        correspondence.connect()
        if apps.is_installed("satupintu.intake"):
            from satupintu.dprd import intake_door

            intake_door.register()
        # A member's account opens the back office (their pokir, the meetings they chair)
        # without any unit membership: never a unit's inbox.
        register_back_office_door(selectors.member_for_user)
        register_module(
            Module(
                key="dprd",
                title=_("E-Pokir DPRD"),
                description=_("Usulan pokok pikiran per dapil: verifikasi, adopsi, ekspor SIPD."),
                url_name="dprd:staff_list",
                allowed=_works_on_pokir,
            )
        )
        register_module(
            Module(
                key="dprd_aspirasi",
                title=_("Aspirasi DPRD"),
                description=_(
                    "Aspirasi warga kepada DPRD: verifikasi, jawaban, rapat dengar pendapat."
                ),
                url_name="dprd:aspiration_staff_list",
                allowed=_works_on_pokir,
            )
        )
        register_module(
            Module(
                key="dprd_surat",
                title=_("Surat DPRD"),
                description=_(
                    "Surat untuk DPRD: agenda Setwan, disposisi Pimpinan DPRD ke komisi, "
                    "fraksi, badan dan anggota."
                ),
                url_name="dprd:correspondence",
                allowed=correspondence.may_open,
            )
        )
        register_entry(
            Entry(
                key="dprd_aspirasi",
                title=_("Aspirasi ke DPRD"),
                description=_("Sampaikan aspirasi kepada DPRD, komisi, atau anggota dapil Anda."),
                url_name="dprd:aspiration_new",
                order=41,
            )
        )
        register_entry(
            Entry(
                key="dprd",
                title=_("DPRD"),
                description=_("Anggota DPRD, komisi, fraksi dan daerah pemilihan."),
                url_name="dprd:home",
                order=40,
            )
        )
        register_module(
            Module(
                key="dprd_reses",
                title=_("E-Reses DPRD"),
                description=_("Jadwal reses, kehadiran, aspirasi yang didengar, laporan reses."),
                url_name="dprd:reses_list",
                allowed=_works_on_pokir,
            )
        )
        from satupintu.dprd import district_page

        # The public dapil page's kept structure moves on when what it shows is saved.
        district_page.connect()
