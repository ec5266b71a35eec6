"""Booking: quotas per slot and per day enforced by the database, one booking per person per
service per day, holidays and closed days, reschedule and cancel, reminders in the outbox."""

from datetime import time, timedelta

import pytest
from django.db import connection

from satupintu.core.models import AuditEvent, Holiday
from satupintu.notifications.models import OutboxMessage
from satupintu.queues import calendar, services
from satupintu.queues.models import Booking, ClosedDay, SlotCounter
from satupintu.queues.services import BookingRefused, capacity
from satupintu.queues.tasks import send_reminders
from satupintu.queues.tests.conftest import MONDAY, NIK, TUESDAY, request_for

pytestmark = pytest.mark.django_db


def phone(n):
    return f"+62812345670{n:02d}"


def test_booking_takes_a_place_and_queues_the_confirmation(office):
    service = office.services.get(prefix="A")
    booking, secret = services.book(request_for(service))
    assert booking.code.startswith("ANT-") and booking.status == Booking.Status.BOOKED
    assert booking.token_hash != secret and len(secret) >= 20
    assert SlotCounter.objects.get(service=service, starts=time(8)).taken == 1
    message = OutboxMessage.objects.get(reference=booking.code)
    assert booking.code in message.body and secret in message.body
    assert AuditEvent.objects.filter(action="queues.booking_created").count() == 1
    # Personal data is encrypted at rest.
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, phone FROM queues_booking WHERE id = %s", [booking.pk])
        name, number = cursor.fetchone()
    assert "Siti" not in name and "812" not in number


def test_slot_capacity_is_refused_when_full(office):
    service = office.services.get(prefix="A")
    services.book(request_for(service, phone=phone(1)))
    services.book(request_for(service, phone=phone(2)))
    with pytest.raises(BookingRefused, match="penuh"):
        services.book(request_for(service, phone=phone(3)))
    assert Booking.objects.count() == 2
    assert calendar.day_plan(service, MONDAY).slots[0].free == 0


def test_daily_online_quota_caps_all_slots(office):
    service = office.services.get(prefix="A")  # 5 online places a day, 2 per slot
    for n, hhmm in enumerate(["08:00", "08:00", "08:30", "08:30", "09:00"]):
        services.book(request_for(service, hhmm=hhmm, phone=phone(n)))
    with pytest.raises(BookingRefused):
        services.book(request_for(service, hhmm="10:00", phone=phone(9)))
    assert calendar.day_plan(service, MONDAY).free == 0


def test_the_database_refuses_a_place_that_is_not_there(office):
    """The conditional UPDATE, not Python, decides: a counter row already full stays full."""
    service = office.services.get(prefix="A")
    assert capacity.take_online(service, None, MONDAY, time(8))
    assert capacity.take_online(service, None, MONDAY, time(8))
    assert not capacity.take_online(service, None, MONDAY, time(8))
    assert SlotCounter.objects.get(service=service, starts=time(8)).taken == 2


def test_one_booking_per_person_per_service_per_day(office):
    service = office.services.get(prefix="A")
    services.book(request_for(service, hhmm="08:00"))
    with pytest.raises(BookingRefused, match="sudah punya booking"):
        services.book(request_for(service, hhmm="09:00"))
    # The refused attempt gave its place back (one transaction).
    assert not SlotCounter.objects.filter(service=service, starts=time(9), taken__gt=0).exists()
    # Another service, or another day, is fine.
    services.book(request_for(office.services.get(prefix="B"), hhmm="09:00"))
    services.book(request_for(service, day=TUESDAY, hhmm="09:00"))


def test_cancel_gives_the_place_back_and_allows_booking_again(office):
    service = office.services.get(prefix="A")
    booking, _ = services.book(request_for(service))
    services.cancel(booking)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and not booking.holds_place
    assert SlotCounter.objects.get(service=service, starts=time(8)).taken == 0
    services.book(request_for(service))  # the same person again


def test_reschedule_moves_the_place_and_replaces_the_link(office):
    service = office.services.get(prefix="A")
    booking, secret = services.book(request_for(service))
    moved, new_secret = services.reschedule(booking, day=TUESDAY, slot_start=time(9))
    assert new_secret != secret and moved.day == TUESDAY
    assert SlotCounter.objects.get(service=service, day=MONDAY, starts=time(8)).taken == 0
    assert SlotCounter.objects.get(service=service, day=TUESDAY, starts=time(9)).taken == 1


def test_national_holidays_cuti_bersama_and_closed_days_have_no_slots(office):
    service = office.services.get(prefix="A")
    christmas = MONDAY + timedelta(days=18)  # 25 December 2026, national holiday
    assert calendar.slot_starts(service, christmas) == []
    Holiday.objects.create(date=TUESDAY, name="Cuti bersama")
    from satupintu.core.workdays import holiday_table_changed

    holiday_table_changed()
    assert calendar.slot_starts(service, TUESDAY) == []
    wednesday = TUESDAY + timedelta(days=1)
    ClosedDay.objects.create(site=office, date=wednesday, reason="Rapat kerja")
    assert calendar.slot_starts(service, wednesday) == []
    with pytest.raises(BookingRefused):
        services.book(request_for(service, day=wednesday))
    sunday = MONDAY + timedelta(days=6)
    assert calendar.slot_starts(service, sunday) == []  # no opening hours on Sunday


def test_past_slots_and_days_beyond_the_window_are_refused(office, clock):
    service = office.services.get(prefix="A")
    clock.move_to(calendar.slot_datetime(MONDAY, time(9, 10)), tick=False)
    with pytest.raises(BookingRefused, match="lewat"):
        services.book(request_for(service, hhmm="09:00"))
    with pytest.raises(BookingRefused, match="belum dibuka"):
        services.book(request_for(service, day=MONDAY + timedelta(days=20)))
    days = calendar.bookable_days(service)
    assert len(days) == 14 and days[0].day == MONDAY


def test_reminder_the_day_before_once(office):
    service = office.services.get(prefix="A")
    booking, _ = services.book(request_for(service, day=TUESDAY))
    assert send_reminders() == 1
    assert send_reminders() == 0
    reminder = OutboxMessage.objects.filter(dedupe_key__startswith="queue-reminder").get()
    assert booking.code in reminder.body


def test_hospital_booking_needs_nik_or_record_number_and_a_doctor(rsud):
    poli = rsud.services.get(prefix="B")
    doctor = rsud.practitioners.first()
    with pytest.raises(BookingRefused, match="Pilih dokter"):
        services.book(request_for(poli, nik=NIK))
    with pytest.raises(BookingRefused, match="NIK pasien"):
        services.book(request_for(poli, practitioner=doctor))
    booking, _ = services.book(request_for(poli, practitioner=doctor, mrn="RM-1"))
    event = AuditEvent.objects.get(action="queues.booking_created")
    assert event.object_label == booking.code  # a code, never a name or NIK


def test_past_bookings_become_no_shows_and_lose_personal_data(office, settings):
    from satupintu.queues.tasks import mark_no_shows, purge_personal_data

    service = office.services.get(prefix="A")
    booking, _ = services.book(request_for(service, email="warga@contoh.id"))
    later = MONDAY + timedelta(days=1)
    assert mark_no_shows(today=later) == 1
    booking.refresh_from_db()
    assert booking.status == Booking.Status.NO_SHOW and not booking.holds_place
    assert booking.events.last().status == Booking.Status.NO_SHOW
    assert purge_personal_data(today=later) == 0
    much_later = MONDAY + timedelta(days=settings.QUEUE_PERSONAL_DATA_DAYS + 1)
    assert purge_personal_data(today=much_later) == 1
    booking.refresh_from_db()
    assert (booking.name, booking.phone, booking.email) == ("", "", "")
    assert booking.identity_index == f"purged:{booking.pk}"
    assert purge_personal_data(today=much_later) == 0
    assert AuditEvent.objects.filter(action="queues.personal_data_purged").count() == 1


def test_a_changed_quota_applies_to_days_already_booked(office):
    service = office.services.get(prefix="A")  # 2 per slot
    services.book(request_for(service, phone="+6281234567801"))
    services.book(request_for(service, phone="+6281234567802"))
    service.slot_capacity = 3
    service.save()
    services.book(request_for(service, phone="+6281234567803"))
    service.slot_capacity = 1  # lowered below what is taken: nobody loses a place
    service.save()
    with pytest.raises(BookingRefused):
        services.book(request_for(service, phone="+6281234567804"))
    assert SlotCounter.objects.get(service=service, starts=time(8)).capacity == 3
