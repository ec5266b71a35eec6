from django.tasks import task

from satupintu.core.periodic import every
from satupintu.notifications import delivery, sms
from satupintu.notifications.channels import SENDERS, DeliveryError, send_email
from satupintu.notifications.errors import RecipientGone


@task()
def deliver(message_id: int) -> str:
    message = delivery.claim(message_id)
    if message is None:
        return "skipped"
    try:
        provider_id = SENDERS[message.channel](message.recipient, message.subject, message.body)
    except sms.SmsBudgetExhausted:
        return _over_sms_budget(message)
    except RecipientGone as exc:
        delivery.mark_failed(message, str(exc), final=True)
        return "failed"
    except DeliveryError as exc:
        return "retry" if delivery.mark_failed(message, str(exc)) else "failed"
    except Exception as exc:  # noqa: BLE001 - never leave a message stuck in "sending"
        error = f"{type(exc).__name__}: {exc}"
        return "retry" if delivery.mark_failed(message, error) else "failed"
    delivery.mark_sent(message, provider_id or "")
    return "sent"


def _over_sms_budget(message) -> str:
    """Today's SMS budget is used up: e-mail the person if they have an address with us, else
    keep the message until the budget starts again."""
    email = delivery.email_for_phone(message.recipient)
    if not email:
        delivery.defer(message, sms.next_budget_day(), sms.budget_exhausted_message())
        return "deferred"
    delivery.reroute_to_email(message, email)
    try:
        provider_id = send_email(message.recipient, message.subject, message.body)
    except DeliveryError as exc:
        return "retry" if delivery.mark_failed(message, str(exc)) else "failed"
    delivery.mark_sent(message, provider_id or "")
    return "sent"


@every(minutes=2)
@task()
def retry_failed_messages() -> int:
    """Messages whose last attempt failed (or whose worker died mid-delivery) are tried again
    once their back-off has passed."""
    delivery.release_abandoned()
    ids = delivery.due_for_retry()
    for message_id in ids:
        deliver.enqueue(message_id)
    return len(ids)
