"""Web Push subscriptions of an account and the messages queued for them (docs/pwa.md).

A subscription names a URL our delivery worker will later POST to, so it is checked as
hostile input: HTTPS, on a known push service, keys of the right shape. The same browser
subscribing again updates its row (found by the endpoint's blind index); a browser that was
another account's moves to the account that subscribed last."""

import base64
import binascii
import json
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.core.crypto import blind_index
from satupintu.notifications.models import OutboxMessage, PushSubscription
from satupintu.notifications.services import queue_message

MAX_ENDPOINT = 2000


class SubscriptionRefused(ValueError):
    """Bad input: the message says what, in Indonesian."""


def _b64url(value, length: int) -> bytes | None:
    if not isinstance(value, str) or len(value) > 200:
        return None
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == length else None


def _allowed_host(host: str) -> bool:
    return any(host == h or host.endswith(f".{h}") for h in settings.WEBPUSH_SERVICE_HOSTS)


def clean(data) -> dict:
    """The subscription as the browser's `PushSubscription.toJSON()` gives it, checked."""
    if not isinstance(data, dict):
        raise SubscriptionRefused(_("Data langganan tidak terbaca."))
    endpoint = data.get("endpoint")
    keys = data.get("keys") if isinstance(data.get("keys"), dict) else {}
    if not isinstance(endpoint, str) or not endpoint or len(endpoint) > MAX_ENDPOINT:
        raise SubscriptionRefused(_("Alamat layanan push tidak sah."))
    parts = urlsplit(endpoint)
    secure = parts.scheme == "https" or (parts.scheme == "http" and settings.WEBPUSH_ALLOW_HTTP)
    if not secure or not parts.hostname or parts.username or parts.password:
        raise SubscriptionRefused(_("Alamat layanan push tidak sah."))
    if not _allowed_host(parts.hostname.lower()):
        raise SubscriptionRefused(_("Layanan push peramban ini tidak dikenal."))
    p256dh = _b64url(keys.get("p256dh"), 65)
    auth = _b64url(keys.get("auth"), 16)
    if p256dh is None or p256dh[0] != 4 or auth is None:
        raise SubscriptionRefused(_("Kunci langganan tidak sah."))
    return {"endpoint": endpoint, "p256dh": keys["p256dh"], "auth": keys["auth"]}


def endpoint_index(endpoint: str) -> str:
    return blind_index(endpoint, "webpush-endpoint")


def subscribe(user, data) -> PushSubscription:
    values = clean(data)
    index = endpoint_index(values["endpoint"])
    with transaction.atomic():
        subscription = (
            PushSubscription.objects.select_for_update().filter(endpoint_index=index).first()
        )
        if subscription is None:
            subscription = PushSubscription(endpoint_index=index)
        subscription.user = user
        subscription.endpoint = values["endpoint"]
        subscription.p256dh = values["p256dh"]
        subscription.auth = values["auth"]
        subscription.save()
        # An account keeps its newest browsers; the oldest beyond the limit are dropped.
        keep = settings.WEBPUSH_SUBSCRIPTIONS_PER_ACCOUNT
        old = user.push_subscriptions.order_by("-created_at", "-pk").values_list("pk", flat=True)
        PushSubscription.objects.filter(pk__in=list(old[keep:])).delete()
        audit.record("notifications.push_subscribed", actor=user, obj=subscription)
    return subscription


def unsubscribe(user, endpoint) -> bool:
    """Remove this account's subscription for `endpoint`; False when it has none (another
    account's subscription is left alone, and the answer does not say whether it exists)."""
    if not isinstance(endpoint, str) or not endpoint or len(endpoint) > MAX_ENDPOINT:
        raise SubscriptionRefused(_("Alamat layanan push tidak sah."))
    with transaction.atomic():
        subscription = PushSubscription.objects.filter(
            endpoint_index=endpoint_index(endpoint), user=user
        ).first()
        if subscription is None:
            return False
        audit.record("notifications.push_unsubscribed", actor=user, obj=subscription)
        subscription.delete()
    return True


def queue_push(user_id, *, title: str, body: str, url: str, dedupe_key: str, reference: str = ""):
    """One outbox message per browser of the account (none when it has not opted in)."""
    if not user_id:
        return []
    text = json.dumps({"body": body[:1000], "url": url}, ensure_ascii=False)
    queued = []
    for subscription_id in PushSubscription.objects.filter(user_id=user_id).values_list(
        "pk", flat=True
    ):
        message = queue_message(
            channel=OutboxMessage.Channel.PUSH,
            recipient=str(subscription_id),
            subject=title,
            body=text,
            dedupe_key=f"{dedupe_key}:push:{subscription_id}",
            reference=reference,
        )
        if message is not None:
            queued.append(message)
    return queued
