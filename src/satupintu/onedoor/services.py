"""Writes of the notification centre (which messages were read)."""

from django.db import transaction

from satupintu.onedoor.models import MessageRead
from satupintu.onedoor.selectors import notices


def mark_read(user, message) -> None:
    MessageRead.objects.get_or_create(user=user, message=message)


def mark_all_read(user) -> int:
    with transaction.atomic():
        unread = [n.message for n in notices(user) if not n.read]
        MessageRead.objects.bulk_create(
            [MessageRead(user=user, message=m) for m in unread], ignore_conflicts=True
        )
    return len(unread)
