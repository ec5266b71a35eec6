""" "Giliran Anda sebentar lagi" also goes to the devices of the account that booked, when it
turned Web Push on (docs/pwa.md)."""

import json

import pytest

from satupintu.notifications.models import OutboxMessage, PushSubscription
from satupintu.queues import services
from satupintu.queues.tests.conftest import request_for
from satupintu.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

P256DH = "BOr1mz6vVWvNYQjLEU2ZBpPp8B-ww3aaXWtNODXSyZ0xqxxl3vKPo5Pkg8xRg-HLC9xmK1EVzH2YJFJlfw-4hns"


def test_turn_near_is_pushed_to_the_account_that_booked(office, clock):
    citizen = UserFactory()
    PushSubscription.objects.create(
        user=citizen,
        endpoint="https://fcm.googleapis.com/fcm/send/abc",
        endpoint_index="y" * 64,
        p256dh=P256DH,
        auth="MDEyMzQ1Njc4OWFiY2RlZg",
    )
    service = office.services.get(prefix="A")
    bookings = []
    for n, hhmm in enumerate(["08:00", "08:00", "08:30", "08:30"]):
        phone = f"+62812345671{n:02d}"  # a family's bookings from one account
        bookings.append(
            services.book(request_for(service, hhmm=hhmm, phone=phone, user=citizen))[0]
        )
    for booking in bookings:
        services.check_in(office, booking.code)
    services.call_next(office.counters.get(number=1))

    pushed = OutboxMessage.objects.filter(channel=OutboxMessage.Channel.PUSH)
    near = OutboxMessage.objects.filter(dedupe_key__startswith="queue-near").exclude(
        channel=OutboxMessage.Channel.PUSH
    )
    assert near.count() == 1
    message = pushed.get()
    assert message.subject == "Giliran Anda sebentar lagi"
    assert message.reference == near.get().reference
    assert json.loads(message.body)["url"] == f"/antrean/b/{near.get().reference}/"
    assert "sebentar lagi" in json.loads(message.body)["body"]


def test_turn_near_for_a_booking_without_an_account_pushes_nothing(office, clock):
    service = office.services.get(prefix="A")
    for n, hhmm in enumerate(["08:00", "08:00", "08:30", "08:30"]):
        booking = services.book(request_for(service, hhmm=hhmm, phone=f"+62812345672{n:02d}"))[0]
        services.check_in(office, booking.code)
    services.call_next(office.counters.get(number=1))
    assert OutboxMessage.objects.filter(dedupe_key__startswith="queue-near").count() == 1
    assert not OutboxMessage.objects.filter(channel=OutboxMessage.Channel.PUSH).exists()
