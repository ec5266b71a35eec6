"""Bookings in the person's PDP export and erasure (`accounts.personal_data`).

The export holds every booking made with the account (name, contacts, NIK and record number
as typed, payer, times, status history). Erasure cancels future bookings (their places go
back) and blanks the personal fields of every booking; the rows stay as the record that a
place was used (figures), without anyone in them."""

from django.db import transaction
from django.utils import timezone

from satupintu.accounts.personal_data import Erasure, Section, register
from satupintu.queues.models import Booking
from satupintu.queues.services import capacity


def export(user) -> list[dict]:
    return [
        {
            "code": b.code,
            "site": b.site.name,
            "service": b.service.name,
            "doctor": b.practitioner.name if b.practitioner else None,
            "day": b.day.isoformat(),
            "time": b.slot_start.strftime("%H:%M"),
            "name": b.name,
            "phone": b.phone,
            "email": b.email,
            "nik": b.nik,
            "medical_record_number": b.mrn,
            "payer": b.payer,
            "status": b.status,
            "created_at": b.created_at.isoformat(),
            "history": [{"status": e.status, "at": e.at.isoformat()} for e in b.events.all()],
        }
        for b in Booking.objects.filter(user=user)
        .select_related("site", "service", "practitioner")
        .prefetch_related("events")
    ]


def erase(user, erasure: Erasure) -> None:
    bookings = list(Booking.objects.select_for_update().filter(user=user))
    today = timezone.localdate()
    with transaction.atomic():
        for b in bookings:
            if b.status == Booking.Status.BOOKED and b.day >= today:
                capacity.release_online(b.service, b.practitioner, b.day, b.slot_start)
                b.status = Booking.Status.CANCELLED
                b.holds_place = False
            b.name = f"Akun dihapus #{user.pk}"
            b.phone = b.email = b.nik = b.mrn = b.nik_index = ""
            b.identity_index = f"erased:{b.pk}"
            b.user = None
            b.save()
    if bookings:
        erasure.counts["queue_bookings"] = len(bookings)


register(Section(key="queue_bookings", export=export, erase=erase, order=70))
