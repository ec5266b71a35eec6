"""Web Push as a channel of the outbox, the real adapter (pywebpush) against a local push
service that checks the VAPID signature and decrypts the message (docs/pwa.md)."""

import io
import json

import pytest
from django.core.management import call_command

from satupintu.notifications import push, webpush
from satupintu.notifications.models import OutboxMessage, PushSubscription
from satupintu.notifications.tasks import deliver
from satupintu.notifications.tests.fake_push_service import FakePushService
from satupintu.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vapid(settings):
    out = io.StringIO()
    call_command("generate_vapid_keys", stdout=out)
    keys = dict(line.split("=", 1) for line in out.getvalue().split())
    settings.VAPID_PRIVATE_KEY = keys["SP_VAPID_PRIVATE_KEY"]
    settings.VAPID_PUBLIC_KEY = keys["SP_VAPID_PUBLIC_KEY"]
    settings.VAPID_SUBJECT = "mailto:diskominfo@example.org"
    settings.WEBPUSH_SERVICE_HOSTS = ["127.0.0.1"]
    settings.WEBPUSH_ALLOW_HTTP = True
    return keys


@pytest.fixture
def service(vapid):
    with FakePushService() as fake:
        yield fake


def queued_for(user, **overrides):
    values = {
        "title": "Status LPR-2026-000123 berubah",
        "body": "Laporan Anda sedang diproses oleh Dinas PU.",
        "url": "/lacak/LPR-2026-000123/",
        "dedupe_key": "case-event:7",
        "reference": "LPR-2026-000123",
    }
    values.update(overrides)
    return push.queue_push(user.pk, **values)


def test_generated_keys_have_the_shapes_browsers_expect(vapid):
    assert len(push._b64url(vapid["SP_VAPID_PUBLIC_KEY"], 65) or b"") == 65
    assert len(push._b64url(vapid["SP_VAPID_PRIVATE_KEY"], 32) or b"") == 32


def test_a_status_message_reaches_the_browser_signed_and_encrypted(
    service, django_capture_on_commit_callbacks
):
    user = UserFactory()
    subscription = push.subscribe(user, service.subscription("hp-siti"))
    with django_capture_on_commit_callbacks(execute=True):
        messages = queued_for(user)
    assert len(messages) == 1
    message = OutboxMessage.objects.get(pk=messages[0].pk)
    assert message.channel == OutboxMessage.Channel.PUSH
    assert message.status == OutboxMessage.Status.SENT, message.last_error
    assert message.provider_id.startswith(service.origin)
    [received] = service.received
    assert received["error"] == ""
    assert received["path"] == "/push/hp-siti"
    assert received["claims"]["sub"] == "mailto:diskominfo@example.org"
    assert received["claims"]["k"] == push.settings.VAPID_PUBLIC_KEY
    assert received["payload"] == {
        "title": "Status LPR-2026-000123 berubah",
        "body": "Laporan Anda sedang diproses oleh Dinas PU.",
        "url": "/lacak/LPR-2026-000123/",
    }
    subscription.refresh_from_db()
    assert subscription.last_sent_at is not None


def test_every_browser_of_the_account_gets_it_once(service, django_capture_on_commit_callbacks):
    user = UserFactory()
    push.subscribe(user, service.subscription("hp"))
    push.subscribe(user, service.subscription("laptop"))
    push.subscribe(UserFactory(), service.subscription("orang-lain"))
    with django_capture_on_commit_callbacks(execute=True):
        queued_for(user)
        queued_for(user)  # the same event again: deduplicated
    assert sorted(r["path"] for r in service.received) == ["/push/hp", "/push/laptop"]


@pytest.mark.parametrize("status", [404, 410])
def test_an_expired_subscription_is_removed_and_not_retried(
    service, status, django_capture_on_commit_callbacks
):
    user = UserFactory()
    push.subscribe(user, service.subscription("lama"))
    service.status = status
    with django_capture_on_commit_callbacks(execute=True):
        [message] = queued_for(user)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.next_attempt_at is None
    assert not PushSubscription.objects.filter(user=user).exists()
    assert deliver.call(message.pk) == "skipped"


def test_a_push_service_error_is_retried_and_keeps_the_subscription(
    service, django_capture_on_commit_callbacks
):
    user = UserFactory()
    push.subscribe(user, service.subscription("sibuk"))
    service.status = 500
    with django_capture_on_commit_callbacks(execute=True):
        [message] = queued_for(user)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.next_attempt_at is not None
    assert "500" in message.last_error
    assert PushSubscription.objects.filter(user=user).count() == 1


def test_without_vapid_keys_nothing_is_sent(service, settings, django_capture_on_commit_callbacks):
    user = UserFactory()
    push.subscribe(user, service.subscription("hp"))
    settings.VAPID_PRIVATE_KEY = ""
    with django_capture_on_commit_callbacks(execute=True):
        [message] = queued_for(user)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert "SP_VAPID_PRIVATE_KEY" in message.last_error
    assert service.received == []


def test_an_account_without_subscriptions_gets_no_push_messages(db):
    assert queued_for(UserFactory()) == []
    assert push.queue_push(None, title="t", body="b", url="/", dedupe_key="k") == []


def test_subscriptions_are_encrypted_at_rest(service):
    from django.db import connection

    push.subscribe(UserFactory(), service.subscription("rahasia"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT endpoint, p256dh, auth FROM notifications_pushsubscription")
        stored = " ".join(cursor.fetchone())
    assert "127.0.0.1" not in stored and "/push/rahasia" not in stored
    assert service.subscription("rahasia")["keys"]["p256dh"] not in stored


def test_the_payload_is_always_a_title_text_and_page(settings):
    assert json.loads(webpush.payload("", "teks biasa")) == {
        "title": settings.SITE_NAME,
        "body": "teks biasa",
        "url": "/",
    }
