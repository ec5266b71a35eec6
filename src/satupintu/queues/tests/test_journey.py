"""The issue's journey through the pages, without JavaScript: book a polyclinic slot for
tomorrow → reminder in the outbox → kiosk check-in by booking code → the number on the
board's JSON → the counter calls it (the board's ETag changes) → transfer → finish → figures;
then reschedule and cancel another booking through its private link."""

from datetime import time

import pytest
from django.urls import reverse

from satupintu.notifications.models import OutboxMessage
from satupintu.queues import calendar
from satupintu.queues.models import Booking, Ticket
from satupintu.queues.tasks import send_reminders
from satupintu.queues.tests.conftest import NIK, NIK_2, TUESDAY

pytestmark = pytest.mark.django_db


def book(client, site, poli, doctor, nik, phone, hhmm="08:00"):
    url = reverse("queues:confirm", args=[site.slug, poli.pk])
    response = client.post(
        url,
        {
            "tanggal": TUESDAY.isoformat(),
            "jam": hhmm,
            "dokter": doctor.pk,
            "name": "Ani",
            "phone": phone,
            "nik": nik,
            "payer": "umum",
        },
    )
    assert response.status_code == 302, response.content
    code = response["Location"].rstrip("/").rsplit("/", 1)[1]
    return Booking.objects.get(code=code)


def test_polyclinic_journey(client, rsud, loket_rsud, clock, django_capture_on_commit_callbacks):
    poli = rsud.services.get(prefix="B")
    doctor = rsud.practitioners.order_by("name").first()
    citizen = client
    booking = book(citizen, rsud, poli, doctor, NIK, "081234567890")

    assert send_reminders() == 1
    assert OutboxMessage.objects.filter(
        dedupe_key__startswith="queue-reminder", reference=booking.code
    )

    clock.move_to(calendar.slot_datetime(TUESDAY, time(7, 45)), tick=False)
    from django.test import Client

    staff = Client()
    staff.force_login(loket_rsud)
    board_url = reverse("queues:board_data", args=[rsud.slug])
    etag = citizen.get(board_url)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            reverse("queues:kiosk", args=[rsud.slug]), {"action": "checkin", "code": booking.code}
        )
    assert response.status_code == 302
    ticket = Ticket.objects.get(booking=booking)
    assert ticket.label == "B-001"
    assert "B-001" in staff.get(response["Location"]).text  # the printed ticket
    board = citizen.get(board_url, headers={"if-none-match": etag})
    assert board.status_code == 200 and board.json()["waiting"] == {"B": 1}
    etag = board["ETag"]

    room = rsud.counters.get(number=2)
    console = reverse("queues:console", args=[room.pk])
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(console, {"action": "call"})
    board = citizen.get(board_url, headers={"if-none-match": etag})
    assert board.status_code == 200
    assert {
        "number": 2,
        "name": "Ruang Poli Anak",
        "paused": False,
        "ticket": "B-001",
    } in board.json()["counters"]
    assert board.json()["calls"][0]["ticket"] == "B-001"

    registration = rsud.services.get(prefix="R")
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(console, {"action": "serve"})
        staff.post(console, {"action": "transfer", "service": registration.pk})
    onward = Ticket.objects.get(booking=booking)
    assert onward.service == registration and onward.status == Ticket.Status.WAITING
    desk = reverse("queues:console", args=[rsud.counters.get(number=1).pk])
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(desk, {"action": "call"})
        staff.post(desk, {"action": "finish"})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.DONE

    public = citizen.get(reverse("queues:public_figures", args=[rsud.slug])).text
    assert "Poli Anak" in public and "Pendaftaran" in public

    # Another booking: moved, then cancelled, through its private link.
    clock.move_to(calendar.slot_datetime(TUESDAY, time(6, 0)), tick=False)
    other = book(citizen, rsud, poli, doctor, NIK_2, "081234567891", hhmm="09:00")
    code, secret = citizen.session["queues_new_booking"]
    private = reverse("queues:booking_secret", args=[code, secret])
    page = citizen.get(private, {"tanggal": TUESDAY.isoformat()})
    assert "09.30" in page.text
    citizen.post(private, {"action": "move", "tanggal": TUESDAY.isoformat(), "jam": "09:30"})
    other.refresh_from_db()
    assert other.slot_start == time(9, 30)
    code, secret = citizen.session["queues_new_booking"]
    citizen.post(reverse("queues:booking_secret", args=[code, secret]), {"action": "cancel"})
    other.refresh_from_db()
    assert other.status == Booking.Status.CANCELLED
