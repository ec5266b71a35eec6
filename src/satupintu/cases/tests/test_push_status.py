"""A citizen who turned on Web Push gets a case's status changes on their devices too, through
the outbox's push channel (docs/pwa.md); others get only the usual e-mail or SMS."""

import json

import pytest

from satupintu.cases.tests.helpers import act, file_case, verify
from satupintu.notifications.models import OutboxMessage, PushSubscription
from satupintu.testing.factories import UserFactory

P256DH = "BOr1mz6vVWvNYQjLEU2ZBpPp8B-ww3aaXWtNODXSyZ0xqxxl3vKPo5Pkg8xRg-HLC9xmK1EVzH2YJFJlfw-4hns"


@pytest.fixture
def citizen(db):
    user = UserFactory()
    PushSubscription.objects.create(
        user=user,
        endpoint="https://fcm.googleapis.com/fcm/send/abc",
        endpoint_index="x" * 64,
        p256dh=P256DH,
        auth="MDEyMzQ1Njc4OWFiY2RlZg",
    )
    return user


def pushes():
    return list(OutboxMessage.objects.filter(channel=OutboxMessage.Channel.PUSH).order_by("pk"))


def test_a_status_change_goes_to_the_submitters_devices(
    category, coordinator, citizen, django_capture_on_commit_callbacks, settings
):
    settings.VAPID_PRIVATE_KEY = ""  # delivery is tested in notifications; here: what is queued
    with django_capture_on_commit_callbacks(execute=True):
        case, _secret = file_case(category, user=citizen)
    assert pushes() == []  # the submission is confirmed by e-mail, as before
    with django_capture_on_commit_callbacks(execute=True):
        verify(case, by=coordinator, org_unit="DPU")
        act(case, "reply", by=coordinator, role="coordinator", note="Tim sudah dijadwalkan.")
    messages = pushes()
    assert len(messages) == 2
    data = json.loads(messages[0].body)
    assert data["url"] == f"/lacak/{case.tracking_code}/"
    assert case.tracking_code in messages[0].subject
    assert messages[0].reference == case.tracking_code
    # the e-mail still goes
    assert OutboxMessage.objects.filter(channel="email", reference=case.tracking_code).count() >= 3


def test_a_case_filed_without_an_account_queues_no_push(
    category, coordinator, citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case, _secret = file_case(category)
        verify(case, by=coordinator, org_unit="DPU")
    assert pushes() == []
