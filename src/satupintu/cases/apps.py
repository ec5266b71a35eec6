from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "satupintu.cases"
    label = "cases"
    verbose_name = _("Mesin kasus")

    def ready(self):
        from satupintu.cases import tasks  # noqa: F401 - registers periodic tasks
