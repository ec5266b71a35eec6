"""The outbox: one message per dedupe key, retried with back-off, never sent twice."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from satupintu.notifications import channels, services
from satupintu.notifications.channels import DeliveryError
from satupintu.notifications.models import OutboxMessage
from satupintu.notifications.tasks import deliver, retry_failed_messages

T0 = datetime(2026, 4, 13, 2, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


@pytest.fixture
def failing_email(monkeypatch):
    calls = []

    def refuse(recipient, subject, body):
        calls.append(recipient)
        raise DeliveryError("SMTP 451: coba lagi nanti")

    monkeypatch.setitem(channels.SENDERS, "email", refuse)
    return calls


def queue(key="uji:1", recipient="warga@contoh.id", **extra):
    return services.queue_message(
        channel="email",
        recipient=recipient,
        subject="Kabar laporan ADU-ABC234",
        body="Laporan Anda sudah dijawab.",
        dedupe_key=key,
        reference="ADU-ABC234",
        **extra,
    )


def test_same_dedupe_key_gives_one_message(db):
    first = queue()
    second = queue()

    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1


def test_long_dedupe_keys_dedupe_too(db):
    key = "sla:" + "x" * 200

    first = queue(key)
    second = queue(key)

    assert first.pk == second.pk
    assert len(first.dedupe_key) == 120


def test_no_recipient_no_message(db):
    assert queue(recipient="") is None
    assert OutboxMessage.objects.count() == 0


def test_recipient_is_stored_encrypted_and_shown_masked(db):
    from django.db import connection

    message = queue(recipient="rahasia.sekali@contoh.id")

    with connection.cursor() as cursor:
        cursor.execute("SELECT recipient, body FROM notifications_outboxmessage")
        raw_recipient, raw_body = cursor.fetchone()
    assert "rahasia.sekali" not in raw_recipient
    # Bodies carry personal details and private tracking links: encrypted too.
    assert "sudah dijawab" not in raw_body
    message.refresh_from_db()
    assert message.body == "Laporan Anda sudah dijawab."
    assert message.masked_recipient == "r***@contoh.id"


def test_message_is_delivered_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()

    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 1 and message.sent_at
    assert [m.to for m in mail.outbox] == [["warga@contoh.id"]]


def test_nothing_is_sent_when_the_transaction_rolls_back(db, django_capture_on_commit_callbacks):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue()
        raise RuntimeError

    assert callbacks == [] and mail.outbox == []
    assert OutboxMessage.objects.count() == 0


def test_failed_delivery_waits_for_the_back_off(
    db, clock, failing_email, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()

    message.refresh_from_db()
    assert message.status == "pending"
    assert message.attempts == 1
    assert message.next_attempt_at == T0 + timedelta(minutes=2)
    assert "SMTP 451" in message.last_error
    assert failing_email == ["warga@contoh.id"]

    # Before the back-off has passed nothing is tried, not even by a stray delivery.
    clock.move_to(T0 + timedelta(minutes=1))
    assert retry_failed_messages.call() == 0
    assert deliver.call(message.pk) == "skipped"
    assert len(failing_email) == 1


def test_retry_sends_once_the_back_off_has_passed(
    db, clock, failing_email, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    monkeypatch.setitem(channels.SENDERS, "email", channels.send_email)  # provider is back

    clock.move_to(T0 + timedelta(minutes=3))
    assert retry_failed_messages.call() == 1

    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 2 and message.last_error == ""
    assert len(mail.outbox) == 1
    # Never twice: neither the retry sweep nor a duplicate delivery sends it again.
    clock.move_to(T0 + timedelta(hours=1))
    assert retry_failed_messages.call() == 0
    assert deliver.call(message.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_claim_refuses_a_message_being_sent_or_sent(db):
    message = queue()

    claimed = services.claim(message.pk)

    assert claimed.status == "sending" and claimed.attempts == 1
    assert services.claim(message.pk) is None  # another worker has it
    services.mark_sent(claimed, "prov-1")
    assert services.claim(message.pk) is None
    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 1 and message.provider_id == "prov-1"


def test_after_five_failures_the_message_fails(
    db, clock, failing_email, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    now = T0
    for attempt in range(2, 6):
        now += timedelta(hours=2)  # past every back-off (at most 64 minutes)
        clock.move_to(now)
        assert retry_failed_messages.call() == 1
        message.refresh_from_db()
        assert message.attempts == attempt

    assert message.status == "failed"
    assert message.next_attempt_at is None
    assert len(failing_email) == services.MAX_ATTEMPTS == 5
    clock.move_to(now + timedelta(days=1))
    assert retry_failed_messages.call() == 0
    assert deliver.call(message.pk) == "skipped"
    assert len(failing_email) == 5


def test_back_off_grows(db):
    delays = [services.retry_delay(n) for n in range(1, 8)]

    assert delays[0] == timedelta(minutes=2)
    assert delays == sorted(delays)
    assert delays[-1] == timedelta(minutes=64)


def test_an_unexpected_provider_error_is_retried_not_stuck(
    db, clock, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(recipient, subject, body):
        raise ConnectionResetError("peer reset")

    monkeypatch.setitem(channels.SENDERS, "email", broken)
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()

    message.refresh_from_db()
    assert message.status == "pending" and message.attempts == 1
    assert "ConnectionResetError" in message.last_error


def test_sms_and_whatsapp_channels_deliver(db, django_capture_on_commit_callbacks):
    from satupintu.notifications import sms

    with django_capture_on_commit_callbacks(execute=True):
        services.queue_message(
            channel="sms", recipient="+6281234567890", body="Halo", dedupe_key="sms:1"
        )
        services.queue_message(
            channel="whatsapp", recipient="+6281234567890", body="Halo", dedupe_key="wa:1"
        )

    assert [m.phone for m in sms.outbox] == ["+6281234567890"]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_a_message_abandoned_in_sending_is_retried(db, clock):
    message = queue()
    services.claim(message.pk)  # the worker dies here, before the provider answers

    clock.move_to(T0 + timedelta(minutes=5))
    assert retry_failed_messages.call() == 0  # still within a plausible delivery
    message.refresh_from_db()
    assert message.status == "sending"

    clock.move_to(T0 + timedelta(minutes=16))
    assert services.release_abandoned() == 1
    message.refresh_from_db()
    assert message.status == "pending" and "terhenti" in message.last_error
    # Due at once: it waited the lease already, and the provider never refused it.
    assert message.next_attempt_at == T0 + timedelta(minutes=16)
    assert retry_failed_messages.call() == 1
    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 2
    assert len(mail.outbox) == 1


def test_a_message_being_delivered_is_not_released(db, clock):
    message = queue()
    services.claim(message.pk)
    clock.move_to(T0 + timedelta(minutes=14))
    assert services.release_abandoned() == 0
    message.refresh_from_db()
    assert message.status == "sending"


def test_an_abandoned_message_fails_after_the_last_attempt(db, clock):
    message = queue()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status="sending", attempts=services.MAX_ATTEMPTS, claimed_at=T0
    )
    clock.move_to(T0 + timedelta(hours=1))
    assert services.release_abandoned() == 1
    message.refresh_from_db()
    assert message.status == "failed"
