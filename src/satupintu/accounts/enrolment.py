"""Services for TOTP enrolment of staff: an admin issues a one-time, expiring link.

Self-enrolment of TOTP by a staff account is refused unless the session carries a valid link
(`accounts.mfa_views.ActivateTOTPView`). Citizens enrol freely.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from satupintu.accounts.models import TotpEnrolment, User
from satupintu.core import audit

SESSION_KEY = "sp_totp_enrolment"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def enrolment_path(token: str) -> str:
    return reverse("accounts:totp_enrol", args=[token])


def enrolment_url(token: str) -> str:
    return f"{settings.PUBLIC_BASE_URL}{enrolment_path(token)}"


@transaction.atomic
def issue(*, actor, user: User) -> str:
    """A new enrolment token for `user` (earlier open ones stop working); returns it once."""
    now = timezone.now()
    TotpEnrolment.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    token = secrets.token_urlsafe(32)
    enrolment = TotpEnrolment.objects.create(
        user=user,
        token_hash=_hash(token),
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
        expires_at=now + timedelta(hours=settings.TOTP_ENROLMENT_HOURS),
    )
    audit.record(
        "accounts.totp_enrolment_issued",
        actor=actor,
        obj=enrolment,
        data={"user_id": user.pk, "user": audit.actor_label_for(user)},
    )
    return token


def find_usable(user, token: str) -> TotpEnrolment | None:
    enrolment = TotpEnrolment.objects.filter(token_hash=_hash(token), user=user).first()
    return enrolment if enrolment is not None and enrolment.is_usable else None


def usable_from_session(request) -> TotpEnrolment | None:
    pk = request.session.get(SESSION_KEY)
    if not pk:
        return None
    enrolment = TotpEnrolment.objects.filter(pk=pk, user=request.user).first()
    return enrolment if enrolment is not None and enrolment.is_usable else None


@transaction.atomic
def consume(request, enrolment: TotpEnrolment) -> None:
    enrolment.used_at = timezone.now()
    enrolment.save(update_fields=["used_at"])
    request.session.pop(SESSION_KEY, None)
    audit.record(
        "accounts.totp_enrolled",
        actor=enrolment.user,
        obj=enrolment,
        data={"user_id": enrolment.user_id},
    )
