"""Staff rights need a TOTP-verified session, and staff sessions expire sooner.

`StaffMfaRequiredMiddleware` marks every request's user (org.permissions.mark_staff_session):
a staff account whose session did not pass TOTP holds no staff rights anywhere, and the staff
areas send it to set up TOTP (none yet) or to confirm a code (TOTP set up, session not verified).
Staff sessions end after `SP_STAFF_SESSION_IDLE_MINUTES` without a request and
`SP_STAFF_SESSION_MAX_HOURS` after login; citizens keep the default session length.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from satupintu.accounts import mfa
from satupintu.org.permissions import is_staff_account, mark_staff_session

STAFF_AREAS = ("/kantor/", "/admin/", "/api/v1/kantor/")
LOGIN_AT_KEY = "sp_login_at"
SEEN_AT_KEY = "sp_seen_at"


def _expired(request) -> bool:
    """Advance the staff session's clock; True when it passed the idle or absolute limit."""
    now = time.time()
    session = request.session
    login_at = session.setdefault(LOGIN_AT_KEY, now)
    seen_at = session.get(SEEN_AT_KEY, now)
    if now - seen_at > settings.STAFF_SESSION_IDLE_SECONDS:
        return True
    if now - login_at > settings.STAFF_SESSION_MAX_SECONDS:
        return True
    # Written at most once a minute, so a page does not save the session on every request.
    if now - seen_at >= 60 or SEEN_AT_KEY not in session:
        session[SEEN_AT_KEY] = now
    return False


def start_session_clock(sender, request, user, **kwargs) -> None:
    """Connected to `user_logged_in`: the absolute limit counts from the login."""
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[LOGIN_AT_KEY] = now
        request.session[SEEN_AT_KEY] = now


class StaffMfaRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated or not is_staff_account(user):
            return self.get_response(request)
        if _expired(request):
            logout(request)
            messages.warning(
                request,
                _("Sesi pegawai Anda telah berakhir demi keamanan. Silakan masuk lagi."),
            )
            return redirect(f"{reverse('account_login')}?next={request.path}")
        has_totp = mfa.has_totp(user)
        verified = has_totp and mfa.session_verified(request, user)
        mark_staff_session(user, verified=verified)
        if not verified and request.path_info.startswith(STAFF_AREAS):
            if request.path_info.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Aktifkan autentikasi dua langkah (TOTP) terlebih dahulu.")},
                    status=403,
                )
            target = "mfa_reauthenticate" if has_totp else "mfa_activate_totp"
            return redirect(f"{reverse(target)}?next={request.path}")
        return self.get_response(request)
