"""Test sessions for staff: `force_login` of a user with TOTP gives a TOTP-verified session.

A real staff login passes the TOTP step (allauth records it in the session); tests that log a
staff member in with `client.force_login` stand for that login, so the root conftest makes
force_login record the same verification when the user has TOTP set up. Users without TOTP
get an unverified session, as in real life.
"""

import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.mfa.models import Authenticator
from django.test import Client

_original_force_login = Client.force_login


def mark_totp_verified(client, user) -> None:
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "mfa", "type": Authenticator.Type.TOTP, "at": time.time()}
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


def force_login_with_totp(self, user, backend=None):
    _original_force_login(self, user, backend)
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        mark_totp_verified(self, user)
