from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "satupintu.accounts"
    label = "accounts"
    verbose_name = _("Akun")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from satupintu.accounts.checks import check_sms_backend
        from satupintu.accounts.middleware import start_session_clock

        user_logged_in.connect(start_session_clock, dispatch_uid="sp_staff_session_clock")
        check_sms_backend()
