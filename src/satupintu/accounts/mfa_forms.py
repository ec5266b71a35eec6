"""allauth's second-factor forms with our per-user limit on wrong codes (see accounts.mfa)."""

from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm
from django import forms
from django.utils.translation import gettext_lazy as _

from satupintu.accounts import mfa

LIMIT_MESSAGE = _(
    "Terlalu banyak kode yang salah. Tunggu beberapa menit, lalu masuk lagi dengan kata sandi."
)


class LimitedCodeMixin:
    """Refuses every code once the limit is reached; counts, audits and reports failures."""

    kind = "login"
    limited = False

    def clean_code(self) -> str:
        if not mfa.guess_allowed(self.user):
            self.limited = True
            raise forms.ValidationError(LIMIT_MESSAGE, code="mfa_limited")
        try:
            code = super().clean_code()
        except forms.ValidationError:
            if mfa.register_failure(context.request, self.user, self.kind):
                self.limited = True
                raise forms.ValidationError(LIMIT_MESSAGE, code="mfa_limited") from None
            raise
        mfa.clear_failures(self.user)
        return code


class LimitedAuthenticateForm(LimitedCodeMixin, AuthenticateForm):
    kind = "login"


class LimitedReauthenticateForm(LimitedCodeMixin, ReauthenticateForm):
    kind = "reauthenticate"


class LimitedActivateTOTPForm(LimitedCodeMixin, ActivateTOTPForm):
    kind = "activate"
