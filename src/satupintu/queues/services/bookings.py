"""Bookings: made by a citizen (with an account or only a name and phone), cancelled or moved
through the private link, and cancelled or moved by a doctor's leave."""

import secrets
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.cases.codes import ALPHABET, hash_secret, new_secret
from satupintu.core import audit, crypto
from satupintu.queues import calendar, notify
from satupintu.queues.models import Booking, BookingEvent, Leave
from satupintu.queues.services import capacity, tickets
from satupintu.queues.workflow import PLACE_HOLDING, check_booking

B = Booking.Status
IDENTITY_PURPOSE = "queue-identity"


class BookingRefused(Exception):
    """Why a booking cannot be made, in words for the citizen (Indonesian source)."""


@dataclass
class BookingRequest:
    service: object
    day: date
    slot_start: time
    name: str
    phone: str = ""  # normalised E.164
    email: str = ""
    nik: str = ""  # normalised
    mrn: str = ""
    payer: str = ""
    practitioner: object = None
    user: object = None


def new_code() -> str:
    return "ANT-" + "".join(secrets.choice(ALPHABET) for _ in range(6))


def identity_index(site, *, nik="", mrn="", phone="", user=None) -> str:
    """Who the person is, as a blind index: one booking per person per service and day."""
    if nik:
        value = f"nik:{nik}"
    elif mrn:
        value = f"mrn:{site.pk}:{mrn.strip().upper()}"
    elif phone:
        value = f"phone:{phone}"
    elif user is not None:
        value = f"user:{user.pk}"
    else:
        raise BookingRefused(_("Isi nomor HP agar booking dapat dikenali."))
    return crypto.blind_index(value, IDENTITY_PURPOSE)


def _event(booking, status, actor=None, note=""):
    BookingEvent.objects.create(booking=booking, status=status, actor=actor, note=note[:200])


def _check_slot(req: BookingRequest) -> None:
    service = req.service
    if not service.is_active or not service.site.is_active:
        raise BookingRefused(_("Layanan ini tidak menerima booking."))
    if service.needs_practitioner and req.practitioner is None:
        raise BookingRefused(_("Pilih dokter."))
    if req.practitioner is not None and req.practitioner.site_id != service.site_id:
        raise BookingRefused(_("Dokter tidak praktik di sini."))
    last = timezone.localdate() + timedelta(days=service.site.booking_days - 1)
    if req.day > last:
        raise BookingRefused(_("Tanggal itu belum dibuka untuk booking."))
    if req.slot_start not in calendar.slot_starts(service, req.day, req.practitioner):
        raise BookingRefused(_("Jam itu tidak tersedia pada hari tersebut."))
    if calendar.slot_datetime(req.day, req.slot_start) <= timezone.now():
        raise BookingRefused(_("Jam itu sudah lewat."))


def _take(req: BookingRequest) -> None:
    if not capacity.take_online(req.service, req.practitioner, req.day, req.slot_start):
        raise BookingRefused(_("Maaf, tempat pada jam itu sudah penuh. Pilih jam lain."))


def book(req: BookingRequest, *, actor=None) -> tuple[Booking, str]:
    """Take a place and record the booking; (booking, private secret). Raises BookingRefused."""
    _check_slot(req)
    site = req.service.site
    if site.is_hospital and not (req.nik or req.mrn):
        raise BookingRefused(_("Isi NIK pasien atau nomor rekam medis."))
    index = identity_index(site, nik=req.nik, mrn=req.mrn, phone=req.phone, user=req.user)
    secret = new_secret()
    try:
        with transaction.atomic():
            _take(req)
            booking = Booking.objects.create(
                code=new_code(),
                token_hash=hash_secret(secret),
                site=site,
                service=req.service,
                practitioner=req.practitioner,
                day=req.day,
                slot_start=req.slot_start,
                user=req.user if req.user is not None and req.user.is_authenticated else None,
                name=req.name,
                phone=req.phone,
                email=req.email,
                nik=req.nik,
                mrn=req.mrn,
                nik_index=crypto.blind_index(req.nik, "nik") if req.nik else "",
                identity_index=index,
                payer=req.payer,
            )
            _event(booking, B.BOOKED, actor)
            audit.record(
                "queues.booking_created",
                actor=actor,
                obj=booking,
                data={"service": req.service.pk, "day": str(req.day)},
            )
            notify.booked(booking, secret)
    except IntegrityError as exc:
        raise BookingRefused(
            _("Anda sudah punya booking untuk layanan ini pada hari itu.")
        ) from exc
    return booking, secret


def _set_status(booking, status, actor=None, note=""):
    check_booking(booking.status, status)
    booking.status = status
    booking.holds_place = status in PLACE_HOLDING
    booking.save(update_fields=["status", "holds_place"])
    _event(booking, status, actor, note)


def close(booking, status, *, actor=None, note: str = "") -> None:
    """Done or no-show, as the hospital's system reports it (see fhir_views); the booking's
    open queue ticket is closed with it (`tickets.close_for_booking`)."""
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        _set_status(booking, status, actor, note)
        ticket = tickets.close_for_booking(booking, status, actor=actor, note=note)
        audit.record(
            "queues.booking_closed",
            actor=actor,
            obj=booking,
            data={"status": status, "ticket": ticket.pk if ticket else None},
        )


def cancel(booking, *, actor=None, reason: str = "", notify_person: bool = False) -> None:
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        _set_status(booking, B.CANCELLED, actor, reason)
        capacity.release_online(
            booking.service, booking.practitioner, booking.day, booking.slot_start
        )
        audit.record("queues.booking_cancelled", actor=actor, obj=booking)
        if notify_person:
            notify.cancelled(booking, reason)


def reschedule(booking, *, day, slot_start, practitioner=None, actor=None) -> tuple[Booking, str]:
    """Move a booked place to another slot: the new place is taken first, then the old one
    given back, in one transaction. A new secret replaces the old link."""
    if booking.status != B.BOOKED:
        raise BookingRefused(_("Booking ini tidak dapat diubah lagi."))
    practitioner = practitioner if practitioner is not None else booking.practitioner
    req = BookingRequest(
        service=booking.service,
        day=day,
        slot_start=slot_start,
        name=booking.name,
        practitioner=practitioner,
    )
    _check_slot(req)
    secret = new_secret()
    try:
        with transaction.atomic():
            locked = Booking.objects.select_for_update().get(pk=booking.pk)
            if locked.status != B.BOOKED:
                raise BookingRefused(_("Booking ini tidak dapat diubah lagi."))
            _take(req)
            capacity.release_online(
                locked.service, locked.practitioner, locked.day, locked.slot_start
            )
            old = f"{locked.day} {locked.slot_start:%H:%M}"
            locked.day, locked.slot_start, locked.practitioner = day, slot_start, practitioner
            locked.token_hash = hash_secret(secret)
            locked.reminder_sent = False
            locked.save(
                update_fields=["day", "slot_start", "practitioner", "token_hash", "reminder_sent"]
            )
            _event(locked, B.BOOKED, actor, f"dipindah dari {old}")
            audit.record("queues.booking_rescheduled", actor=actor, obj=locked)
            notify.booked(locked, secret, rescheduled=True)
    except IntegrityError as exc:
        raise BookingRefused(
            _("Anda sudah punya booking untuk layanan ini pada hari itu.")
        ) from exc
    return locked, secret


def _replacement_slot(booking, practitioner):
    """The first free slot of another doctor of the same polyclinic on the same day."""
    others = (
        booking.site.practitioners.filter(is_active=True, schedules__service=booking.service)
        .exclude(pk=practitioner.pk)
        .distinct()
    )
    for other in others:
        plan = calendar.day_plan(booking.service, booking.day, other)
        for slot in plan.slots:
            if slot.free > 0 and slot.starts >= booking.slot_start:
                return other, slot.starts
    return None, None


def record_leave(practitioner, *, starts, ends, reason="", actor=None) -> dict:
    """Record a doctor's leave; each affected booking moves to another doctor of the same
    polyclinic that day when a place is free, else it is cancelled. Patients are told."""
    moved = cancelled = 0
    with transaction.atomic():
        leave = Leave.objects.create(
            practitioner=practitioner, starts=starts, ends=ends, reason=reason
        )
        affected = list(
            Booking.objects.filter(
                practitioner=practitioner, day__gte=starts, day__lte=ends, status=B.BOOKED
            ).select_related("site", "service")
        )
        for booking in affected:
            other, slot = _replacement_slot(booking, practitioner)
            if other is not None:
                with transaction.atomic():
                    ok = capacity.take_online(booking.service, other, booking.day, slot)
                    if ok:
                        capacity.release_online(
                            booking.service, practitioner, booking.day, booking.slot_start
                        )
                        booking.practitioner, booking.slot_start = other, slot
                        booking.save(update_fields=["practitioner", "slot_start"])
                        _event(booking, B.BOOKED, actor, "dokter cuti: dipindah")
                        _moved_message(booking, other)
                        moved += 1
                        continue
            _set_status(booking, B.CANCELLED, actor, "dokter cuti")
            capacity.release_online(booking.service, practitioner, booking.day, booking.slot_start)
            notify.cancelled(
                booking,
                _("Dokter berhalangan (cuti). Silakan pesan jadwal lain di %(url)s.")
                % {"url": notify.home_url()},
            )
            cancelled += 1
        audit.record(
            "queues.leave_recorded",
            actor=actor,
            obj=leave,
            data={"moved": moved, "cancelled": cancelled},
        )
    return {"moved": moved, "cancelled": cancelled}


def _moved_message(booking, other) -> None:
    body = _(
        "Dokter Anda cuti. Booking %(code)s dipindahkan ke %(doctor)s pada jam %(time)s. "
        "Tiket: %(url)s"
    ) % {
        "code": booking.code,
        "doctor": other.name,
        "time": f"{booking.slot_start:%H.%M}",
        "url": notify.ticket_url(booking),
    }
    key = f"queue-moved:{booking.code}:{other.pk}"
    notify.send(booking, key, _("Jadwal dokter berubah"), body)
