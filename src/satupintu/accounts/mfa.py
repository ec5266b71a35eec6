"""Second-factor rules: a TOTP-verified session, and a limit on guessing codes.

allauth's own limit on wrong codes hangs on its "login_failed" rate limit, which is switched
off because django-axes owns password failures. This module limits wrong TOTP and recovery
codes per user instead: `SP_MFA_FAILURE_LIMIT` wrong codes within `SP_MFA_FAILURE_WINDOW_SECONDS`
seconds, for logging in, reauthenticating and activating TOTP alike. Every wrong code is
audited (masked) and counted by axes toward the account's lockout.
"""

from allauth.account.internal.flows.login import get_authentication_records, record_authentication
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache

from satupintu.core import audit

MFA_METHOD = "mfa"


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_verified(request, user) -> bool:
    """True when this session passed a TOTP or recovery-code check for `user`."""
    return any(
        isinstance(record, dict) and record.get("method") == MFA_METHOD
        for record in get_authentication_records(request, user)
    )


def record_verified(request, user, authenticator: Authenticator) -> None:
    """A code proven at TOTP activation verifies the session like a code at login, and counts
    as a reauthentication: the recovery codes allauth shows next are not behind the password
    once more (issue 16: the password is asked once)."""
    record_authentication(
        request,
        user,
        MFA_METHOD,
        id=authenticator.pk,
        type=authenticator.type,
        enrolled=True,
        reauthenticated=True,
    )


def _failure_key(user) -> str:
    return f"sp:mfa-failures:{user.pk}"


def guess_allowed(user) -> bool:
    return cache.get(_failure_key(user), 0) < settings.MFA_CODE_FAILURE_LIMIT


def clear_failures(user) -> None:
    cache.delete(_failure_key(user))


def register_failure(request, user, kind: str) -> bool:
    """Count one wrong code for `user`; True when this failure reached the limit."""
    key = _failure_key(user)
    cache.add(key, 0, timeout=settings.MFA_CODE_FAILURE_WINDOW)
    try:
        failures = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.MFA_CODE_FAILURE_WINDOW)
        failures = 1
    limited = failures >= settings.MFA_CODE_FAILURE_LIMIT
    audit.record(
        "accounts.mfa_code_failed",
        actor=user if kind != "login" else None,
        data={
            "user_id": user.pk,
            "user": audit.actor_label_for(user),
            "kind": kind,
            "failures": failures,
            "limited": limited,
        },
    )
    if request is not None:
        # django-axes counts it toward the lockout of the account, as for a wrong password.
        login = user.email or user.phone
        user_login_failed.send(sender=__name__, credentials={"login": login}, request=request)
    return limited
