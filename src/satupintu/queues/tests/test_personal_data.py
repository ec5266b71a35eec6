"""Bookings in the PDP export and erasure (accounts.personal_data)."""

import pytest

from satupintu.accounts.personal_data import Erasure, sections
from satupintu.queues import personal_data, services
from satupintu.queues.models import Booking, SlotCounter
from satupintu.queues.tests.conftest import NIK, request_for
from satupintu.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_bookings_section_is_registered():
    assert "queue_bookings" in {s.key for s in sections()}


def test_export_and_erase(rsud):
    user = UserFactory()
    poli = rsud.services.get(prefix="B")
    doctor = rsud.practitioners.first()
    booking, _ = services.book(request_for(poli, practitioner=doctor, nik=NIK, user=user))
    exported = personal_data.export(user)
    assert exported[0]["code"] == booking.code and exported[0]["nik"] == NIK
    erasure = Erasure()
    personal_data.erase(user, erasure)
    booking.refresh_from_db()
    assert erasure.counts == {"queue_bookings": 1}
    assert booking.status == Booking.Status.CANCELLED and booking.nik == "" and booking.user is None
    assert booking.phone == "" and "Akun dihapus" in booking.name
    assert SlotCounter.objects.get(service=poli).taken == 0


def test_privacy_notice_states_the_booking_retention(client, settings, reference_data):
    settings.QUEUE_PERSONAL_DATA_DAYS = 45
    text = client.get("/privasi/").text
    assert "Antrean online" in text and "dihapus 45 hari setelah hari booking" in text
