"""The Web Push channel of the outbox (docs/pwa.md): an encrypted message (RFC 8291,
aes128gcm) signed with the site's VAPID key (RFC 8292), posted to the push service that the
citizen's browser named when it subscribed. pywebpush does both; this module only chooses
what to send and what a refusal means.

A push service answering 404 or 410 says the subscription is gone (the app was removed, the
permission withdrawn): the subscription is deleted and the message fails for good."""

import json

from django.conf import settings
from django.utils import timezone
from py_vapid import Vapid
from pywebpush import WebPushException, webpush

from satupintu.notifications.errors import DeliveryError, RecipientGone
from satupintu.notifications.models import PushSubscription

# How long a push service keeps a message for a phone that is off (seconds).
TTL = 24 * 3600
TIMEOUT = 10


def vapid_subject() -> str:
    return settings.VAPID_SUBJECT or f"{settings.PUBLIC_BASE_URL}/"


def is_configured() -> bool:
    return bool(settings.VAPID_PRIVATE_KEY and settings.VAPID_PUBLIC_KEY)


def payload(subject: str, body: str) -> str:
    """What the service worker shows: the title, the text and the page to open."""
    try:
        data = json.loads(body)
    except ValueError:
        data = {"body": body}
    if not isinstance(data, dict):
        data = {"body": str(data)}
    return json.dumps(
        {
            "title": subject or settings.SITE_NAME,
            "body": str(data.get("body", ""))[:1000],
            "url": str(data.get("url", "/")),
        },
        ensure_ascii=False,
    )


def send_push(recipient: str, subject: str, body: str) -> str:
    if not is_configured():
        raise DeliveryError("Web Push belum dikonfigurasi (SP_VAPID_PRIVATE_KEY).")
    subscription = PushSubscription.objects.filter(pk=int(recipient or 0)).first()
    if subscription is None:
        raise RecipientGone("Langganan notifikasi web sudah dihapus.")
    info = {
        "endpoint": subscription.endpoint,
        "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
    }
    try:
        response = webpush(
            subscription_info=info,
            data=payload(subject, body),
            vapid_private_key=Vapid.from_string(settings.VAPID_PRIVATE_KEY),
            vapid_claims={"sub": vapid_subject()},
            ttl=TTL,
            timeout=TIMEOUT,
            content_encoding="aes128gcm",
        )
    except WebPushException as exc:
        status = getattr(exc.response, "status_code", None)
        if status in (404, 410):
            subscription.delete()
            raise RecipientGone(f"Langganan berakhir (HTTP {status}); dihapus.") from exc
        raise DeliveryError(f"Layanan push menolak (HTTP {status}).") from exc
    except Exception as exc:  # noqa: BLE001 - network errors of every kind
        raise DeliveryError(f"Layanan push tidak terjangkau: {type(exc).__name__}") from exc
    PushSubscription.objects.filter(pk=subscription.pk).update(last_sent_at=timezone.now())
    return response.headers.get("Location", "")[:120]
