from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "satupintu.cases"
    label = "cases"
    verbose_name = _("Mesin kasus")

    def ready(self):
        from django.urls import register_converter

        from satupintu.cases import personal_data, tasks  # noqa: F401 - registries
        from satupintu.cases.codes import SecretConverter

        # `<secret:secret>`: the reporter's private links (cases and applications URLs).
        register_converter(SecretConverter, "secret")
