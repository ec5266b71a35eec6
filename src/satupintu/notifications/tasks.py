from django.tasks import task

from satupintu.core.periodic import every
from satupintu.notifications import services
from satupintu.notifications.channels import SENDERS, DeliveryError


@task()
def deliver(message_id: int) -> str:
    message = services.claim(message_id)
    if message is None:
        return "skipped"
    try:
        provider_id = SENDERS[message.channel](message.recipient, message.subject, message.body)
    except DeliveryError as exc:
        return "retry" if services.mark_failed(message, str(exc)) else "failed"
    except Exception as exc:  # noqa: BLE001 - never leave a message stuck in "sending"
        error = f"{type(exc).__name__}: {exc}"
        return "retry" if services.mark_failed(message, error) else "failed"
    services.mark_sent(message, provider_id or "")
    return "sent"


@every(minutes=2)
@task()
def retry_failed_messages() -> int:
    """Messages whose last attempt failed (or whose worker died mid-delivery) are tried again
    once their back-off has passed."""
    services.release_abandoned()
    ids = services.due_for_retry()
    for message_id in ids:
        deliver.enqueue(message_id)
    return len(ids)
