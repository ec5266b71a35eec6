"""Reads for "Urusan saya" and the notification centre. The domains are read through the
registry (`registry.overview`); the messages through `notifications.selectors`."""

from dataclasses import dataclass

from django.http import Http404

from satupintu.notifications.selectors import messages_about
from satupintu.onedoor import registry
from satupintu.onedoor.models import MessageRead

MESSAGE_LIMIT = 200


@dataclass(frozen=True)
class Notice:
    message: object
    read: bool


def contacts_of(user) -> set[str]:
    return {c for c in (user.email, user.phone) if c}


def notices(user, codes: list[str] | None = None) -> list[Notice]:
    """Messages the platform sent to the person about their business, newest first."""
    if codes is None:
        codes = registry.codes_of(user)
    messages = messages_about(codes, contacts_of(user), limit=MESSAGE_LIMIT)
    read = set(
        MessageRead.objects.filter(user=user, message__in=[m.pk for m in messages]).values_list(
            "message_id", flat=True
        )
    )
    return [Notice(message=m, read=m.pk in read) for m in messages]


def unread_count(notice_list: list[Notice]) -> int:
    return sum(1 for n in notice_list if not n.read)


def notice_or_404(user, message_id: int) -> Notice:
    for notice in notices(user):
        if notice.message.pk == message_id:
            return notice
    raise Http404
