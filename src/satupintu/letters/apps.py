from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "satupintu.letters"
    label = "letters"
    verbose_name = _("Naskah dinas (e-office)")

    def ready(self):
        from django.db.models.signals import post_migrate

        from satupintu.backoffice.modules import Module, register
        from satupintu.letters import (
            fulltext,
            inbox,
            tasks,  # noqa: F401 - registers periodic tasks
        )
        from satupintu.org import permissions

        inbox.connect()
        from satupintu.letters import figures  # noqa: F401 - dashboard figures and rollup

        post_migrate.connect(fulltext.on_post_migrate, sender=self)
        post_migrate.connect(inbox.on_post_migrate, sender=self)

        register(
            Module(
                key="letters",
                title=_("Surat dan disposisi"),
                description=_(
                    "Surat masuk dan keluar, nomor agenda, disposisi, tanda tangan, "
                    "dan kinerja tindak lanjut."
                ),
                url_name="letters:inbox",
                allowed=permissions.is_staff_member,
            )
        )
