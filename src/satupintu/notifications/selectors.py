from django.db.models import QuerySet

from satupintu.notifications.models import OutboxMessage


def messages_for(reference: str) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(reference=reference).order_by("created_at")


def messages_about(references, contacts, *, limit: int = 200) -> list[OutboxMessage]:
    """Messages about the given references (tracking or booking codes) that went to one of
    the given contacts (staff messages about the same case stay out), newest first. The
    recipient is encrypted, so it is compared in Python, among the few rows of the codes."""
    references = [r for r in references if r]
    wanted = {c.strip().lower() for c in contacts if c}
    if not references or not wanted:
        return []
    found = []
    for message in OutboxMessage.objects.filter(reference__in=references).order_by(
        "-created_at", "-pk"
    ):
        if message.recipient.strip().lower() in wanted:
            found.append(message)
            if len(found) >= limit:
                break
    return found
