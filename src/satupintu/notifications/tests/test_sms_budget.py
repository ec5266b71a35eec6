"""The site's daily SMS budget: past it nothing is texted, messages go by e-mail where the
person has an address (else wait for the next day), and /healthz reports it."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from satupintu.accounts.phone import phone_index
from satupintu.notifications import services, sms
from satupintu.notifications.models import OutboxMessage
from satupintu.notifications.tasks import deliver, retry_failed_messages
from satupintu.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

# 10:00 in Balikpapan (UTC+8).
T0 = datetime(2026, 4, 13, 2, 0, tzinfo=UTC)
PHONE = "+6281234567890"


@pytest.fixture
def clock():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


@pytest.fixture
def budget_of_two(settings):
    settings.SMS_DAILY_BUDGET = 2


def _use_up_budget():
    sms.send_sms("+6281100000001", "satu")
    sms.send_sms("+6281100000002", "dua")


def test_past_the_budget_nothing_is_texted_until_the_next_day(clock, budget_of_two):
    _use_up_budget()

    with pytest.raises(sms.SmsBudgetExhausted) as refused:
        sms.send_sms(PHONE, "tiga")

    assert "Batas pengiriman SMS harian" in str(refused.value)
    assert [m.text for m in sms.outbox] == ["satu", "dua"]
    assert (sms.sent_today(), sms.refused_today(), sms.budget_left()) == (2, 1, 0)
    # Midnight in the site's time zone (16:00 UTC) starts a new budget.
    clock.move_to(datetime(2026, 4, 13, 16, 0, 1, tzinfo=UTC))
    sms.send_sms(PHONE, "besok")
    assert sms.outbox[-1].text == "besok"


def test_a_failed_send_does_not_use_the_budget(monkeypatch, budget_of_two):
    def broken(self, phone, text):
        raise sms.SmsError("provider down")

    monkeypatch.setattr(sms.LocmemSmsBackend, "send", broken)
    with pytest.raises(sms.SmsError):
        sms.send_sms(PHONE, "x")
    assert sms.sent_today() == 0


def _queue_sms(key="uji:sms"):
    return services.queue_message(
        channel="sms",
        recipient=PHONE,
        subject="Kabar laporan ADU-ABC234",
        body="Laporan Anda sudah dijawab.",
        dedupe_key=key,
    )


def test_over_budget_a_message_goes_by_email_when_the_person_has_one(
    clock, budget_of_two, django_capture_on_commit_callbacks
):
    UserFactory(email="budi@contoh.id", phone=PHONE, phone_index=phone_index(PHONE))
    _use_up_budget()

    with django_capture_on_commit_callbacks(execute=True):
        message = _queue_sms()

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.channel == OutboxMessage.Channel.EMAIL
    assert message.recipient == "budi@contoh.id"
    assert [m.to for m in mail.outbox] == [["budi@contoh.id"]]
    assert mail.outbox[0].body == "Laporan Anda sudah dijawab."
    assert len(sms.outbox) == 2


def test_over_budget_without_email_a_message_waits_for_the_next_day(clock, budget_of_two):
    _use_up_budget()
    message = _queue_sms()

    assert deliver.call(message.pk) == "deferred"

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 0  # waiting for the budget is not a failed attempt
    assert message.next_attempt_at == datetime(2026, 4, 13, 16, 0, tzinfo=UTC)
    assert "Batas pengiriman SMS harian" in message.last_error
    assert mail.outbox == []

    clock.move_to(datetime(2026, 4, 13, 16, 5, tzinfo=UTC))
    retry_failed_messages.call()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert sms.outbox[-1].phone == PHONE


def test_healthz_alerts_when_the_budget_is_used_up(client, clock, budget_of_two):
    body = client.get("/healthz").json()
    assert body["sms"] == {
        "ok": True,
        "status": "ok",
        "sent_today": 0,
        "daily_budget": 2,
        "refused_today": 0,
    }

    _use_up_budget()
    response = client.get("/healthz")

    assert response.status_code == 200  # the site still serves; monitoring raises the alert
    assert response.json()["sms"]["ok"] is False
    assert response.json()["sms"]["status"] == "over_budget"
    assert response.json()["sms"]["sent_today"] == 2
    assert timedelta(0) < sms.next_budget_day() - T0 <= timedelta(days=1)
