"""The state of a message being delivered: claimed by a worker, sent, failed (retried with
back-off), deferred, rerouted by e-mail, abandoned by a dead worker.

Below `services.py` (which queues messages and enqueues the delivery task) and `tasks.py`
(the delivery task that moves a message through these states), so the task needs nothing of
the services (no import circle). `services` re-exports these names.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from satupintu.accounts.phone import phone_index
from satupintu.notifications.models import OutboxMessage

MAX_ATTEMPTS = 5
# A delivery takes seconds; one still `sending` after this was abandoned by a dead worker.
ABANDONED_AFTER = timedelta(minutes=15)


def email_for_phone(phone: str) -> str:
    """The e-mail address of the account with this mobile number, or ""."""
    user = (
        get_user_model()
        .objects.filter(phone_index=phone_index(phone), is_active=True)
        .exclude(email=None)
        .exclude(email="")
        .first()
    )
    return user.email if user else ""


def reroute_to_email(message: OutboxMessage, email: str) -> None:
    """Send a claimed SMS message by e-mail instead (the site's SMS budget is used up)."""
    message.channel = OutboxMessage.Channel.EMAIL
    message.recipient = email
    if not message.subject:
        message.subject = message.body.split("\n", 1)[0][:200]
    message.save(update_fields=["channel", "recipient", "subject"])


def defer(message: OutboxMessage, until, reason: str) -> None:
    """Put a claimed message back, untouched by its attempts, to be tried at `until`."""
    message.status = OutboxMessage.Status.PENDING
    message.attempts = max(0, message.attempts - 1)
    message.next_attempt_at = until
    message.last_error = reason[:300]
    message.save(update_fields=["status", "attempts", "next_attempt_at", "last_error"])


def retry_delay(attempts: int) -> timedelta:
    return timedelta(minutes=2 ** min(attempts, 6))


def claim(message_id: int) -> OutboxMessage | None:
    """Mark a pending message `sending`; None if another worker has it, it is done, or its
    back-off has not passed yet (a second queued delivery must not skip the wait)."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != OutboxMessage.Status.PENDING:
            return None
        if message.next_attempt_at and message.next_attempt_at > timezone.now():
            return None
        message.status = OutboxMessage.Status.SENDING
        message.attempts += 1
        message.claimed_at = timezone.now()
        message.save(update_fields=["status", "attempts", "claimed_at"])
    return message


def mark_sent(message: OutboxMessage, provider_id: str) -> None:
    message.status = OutboxMessage.Status.SENT
    message.sent_at = timezone.now()
    message.provider_id = provider_id[:120]
    message.last_error = ""
    message.save(update_fields=["status", "sent_at", "provider_id", "last_error"])


def mark_failed(message: OutboxMessage, error: str, *, final: bool = False) -> bool:
    """Record a failure; True when it should be tried again (never when `final`)."""
    again = not final and message.attempts < MAX_ATTEMPTS
    message.status = OutboxMessage.Status.PENDING if again else OutboxMessage.Status.FAILED
    message.last_error = error[:300]
    message.next_attempt_at = timezone.now() + retry_delay(message.attempts) if again else None
    message.save(update_fields=["status", "last_error", "next_attempt_at"])
    return again


def due_for_retry(limit: int = 200) -> list[int]:
    return list(
        OutboxMessage.objects.filter(
            status=OutboxMessage.Status.PENDING, next_attempt_at__lte=timezone.now()
        ).values_list("pk", flat=True)[:limit]
    )


def release_abandoned(now=None) -> int:
    """Give messages abandoned in `sending` (the worker died mid-delivery) back to the retry
    queue. Whether the provider got the first attempt is unknown: we choose at-least-once
    delivery, because a citizen missing a status message is worse than getting it twice.
    A released message is due at once: it has already waited ABANDONED_AFTER, and the provider
    never refused it, so the failure back-off has nothing to wait for."""
    now = now or timezone.now()
    # No claimed_at: claimed before the column existed, so long ago.
    abandoned = Q(claimed_at__lt=now - ABANDONED_AFTER) | Q(claimed_at__isnull=True)
    sending = OutboxMessage.objects.filter(status=OutboxMessage.Status.SENDING)
    released = 0
    for message_id in sending.filter(abandoned).values_list("pk", flat=True)[:500]:
        with transaction.atomic():
            message = sending.select_for_update().filter(abandoned, pk=message_id).first()
            if message is None:  # delivered or released by someone else meanwhile
                continue
            if mark_failed(message, "Pengiriman terhenti (pekerja berhenti); dicoba lagi."):
                message.next_attempt_at = timezone.now()
                message.save(update_fields=["next_attempt_at"])
            released += 1
    return released
