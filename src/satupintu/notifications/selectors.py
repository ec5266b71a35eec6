from django.db.models import QuerySet

from satupintu.notifications.models import OutboxMessage


def messages_for(reference: str) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(reference=reference).order_by("created_at")
