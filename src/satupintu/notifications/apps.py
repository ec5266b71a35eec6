from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "satupintu.notifications"
    label = "notifications"
    verbose_name = _("Notifikasi")

    def ready(self):
        from satupintu.notifications import tasks  # noqa: F401 - registers periodic tasks
