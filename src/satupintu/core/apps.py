from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "satupintu.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        # checks: system checks; ratelimit: its checks; tasks: periodic housekeeping.
        from satupintu.core import checks, ratelimit, signals, tasks  # noqa: F401
