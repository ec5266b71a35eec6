"""The notification centre's read marks in the person's PDP export and erasure."""

from satupintu.accounts.personal_data import Erasure, Section, register
from satupintu.onedoor.models import MessageRead


def export(user) -> list[dict]:
    return [
        {"message": m.message_id, "read_at": m.read_at.isoformat()}
        for m in MessageRead.objects.filter(user=user).order_by("read_at")
    ]


def erase(user, erasure: Erasure) -> None:
    deleted = MessageRead.objects.filter(user=user).delete()[0]
    if deleted:
        erasure.counts["messages_read_marks"] = deleted


register(Section(key="messages_read", export=export, erase=erase, order=95))
