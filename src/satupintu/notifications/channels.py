"""Delivery adapters, one per channel. Each raises DeliveryError when the provider refuses."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from satupintu.notifications import sms
from satupintu.notifications.errors import DeliveryError
from satupintu.notifications.webpush import send_push


def send_email(recipient: str, subject: str, body: str) -> str:
    try:
        EmailMessage(subject=subject, body=body, to=[recipient]).send()
    except Exception as exc:  # noqa: BLE001 - SMTP and provider errors vary
        raise DeliveryError(str(exc)[:300]) from exc
    return ""


def send_sms(recipient: str, subject: str, body: str) -> str:
    try:
        sms.send_sms(recipient, body)
    except sms.SmsBudgetExhausted:
        raise  # not a delivery failure: the task reroutes or defers the message
    except sms.SmsError as exc:
        raise DeliveryError(str(exc)[:300]) from exc
    return ""


def send_whatsapp(recipient: str, subject: str, body: str) -> str:
    client = import_string(settings.WHATSAPP_CLIENT)()
    try:
        return client.send_message(recipient, body)
    except Exception as exc:  # noqa: BLE001
        raise DeliveryError(str(exc)[:300]) from exc


SENDERS = {
    "email": send_email,
    "sms": send_sms,
    "whatsapp": send_whatsapp,
    "push": send_push,
}
