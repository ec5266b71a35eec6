"""allauth's TOTP pages with our rules: guessing is limited, staff enrol only with a link."""

from allauth.account.internal.stagekit import clear_login
from allauth.mfa.base.views import AuthenticateView as BaseAuthenticateView
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.views import ActivateTOTPView as BaseActivateTOTPView
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from satupintu.accounts import enrolment, mfa
from satupintu.accounts.mfa_forms import LIMIT_MESSAGE
from satupintu.org.permissions import is_staff_account


class AuthenticateView(BaseAuthenticateView):
    """The code step of logging in; past the limit the pending login is dropped."""

    def form_invalid(self, form):
        if getattr(form, "limited", False):
            clear_login(self.request)
            messages.error(self.request, LIMIT_MESSAGE)
            return redirect("account_login")
        return super().form_invalid(form)


class ActivateTOTPView(BaseActivateTOTPView):
    """Staff set up TOTP only through an enrolment link issued by an admin."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if (
            user.is_authenticated
            and is_staff_account(user)
            and not mfa.has_totp(user)
            and enrolment.usable_from_session(request) is None
        ):
            return render(request, "accounts/totp_enrolment_required.html", status=403)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        user = self.request.user
        authenticator = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).first()
        if authenticator is not None:
            mfa.record_verified(self.request, user, authenticator)
            mfa.clear_failures(user)
        pending = enrolment.usable_from_session(self.request)
        if pending is not None:
            enrolment.consume(self.request, pending)
        return response


@never_cache
def totp_enrol(request, token):
    """The link an admin hands a new staff member: opens TOTP set-up for that account only."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    found = enrolment.find_usable(request.user, token)
    if found is None:
        return render(request, "accounts/totp_enrolment_invalid.html", status=404)
    if mfa.has_totp(request.user):
        messages.info(request, _("TOTP sudah aktif untuk akun ini."))
        return redirect("mfa_index")
    request.session[enrolment.SESSION_KEY] = found.pk
    return redirect("mfa_activate_totp")


authenticate = AuthenticateView.as_view()
activate_totp = ActivateTOTPView.as_view()
