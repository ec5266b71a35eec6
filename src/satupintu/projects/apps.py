from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "satupintu.projects"
    verbose_name = _("Proyek pembangunan")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from satupintu.backoffice.modules import Module, register
        from satupintu.portal.entries import Entry
        from satupintu.portal.entries import register as register_entry
        from satupintu.projects import findable
        from satupintu.projects.models import Project
        from satupintu.projects.selectors import may_manage_projects

        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=Project, dispatch_uid=f"projects-{signal}")
        del findable

        register_entry(
            Entry(
                key="projects",
                title=_("Proyek pembangunan"),
                description=_("Apa yang dibangun di kota dan di dekat Anda, dan kemajuannya."),
                url_name="projects:list",
                order=40,
            )
        )
        register(
            Module(
                key="projects",
                title=_("Proyek pembangunan"),
                description=_("Data proyek OPD, lokasi, laporan kemajuan dan foto."),
                url_name="projects:staff_list",
                allowed=may_manage_projects,
            )
        )


def _changed(**kwargs):
    from satupintu.projects.findable import bump_version

    bump_version()
