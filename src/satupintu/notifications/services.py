"""Put messages in the outbox; a task delivers them, retrying with back-off (the delivery
states are in `delivery.py`)."""

from django.db import IntegrityError, transaction

from satupintu.notifications.delivery import (  # noqa: F401 - re-exported for callers
    ABANDONED_AFTER,
    MAX_ATTEMPTS,
    claim,
    defer,
    due_for_retry,
    email_for_phone,
    mark_failed,
    mark_sent,
    release_abandoned,
    reroute_to_email,
    retry_delay,
)
from satupintu.notifications.models import OutboxMessage
from satupintu.notifications.tasks import deliver


def queue_message(
    *,
    channel: str,
    recipient: str,
    body: str,
    dedupe_key: str,
    subject: str = "",
    reference: str = "",
) -> OutboxMessage | None:
    """Add a message (once per dedupe_key) and deliver it after the transaction commits."""
    if not recipient:
        return None
    dedupe_key = dedupe_key[:120]  # the column's length: look up what will be stored
    existing = OutboxMessage.objects.filter(dedupe_key=dedupe_key).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                channel=channel,
                recipient=recipient,
                subject=subject[:200],
                body=body,
                dedupe_key=dedupe_key,
                reference=reference[:40],
            )
    except IntegrityError:
        return OutboxMessage.objects.get(dedupe_key=dedupe_key)
    transaction.on_commit(lambda: deliver.enqueue(message.pk), robust=True)
    return message
