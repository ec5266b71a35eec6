"""Reminders the day before a booking (every hour; each booking once), and the daily purge of
personal data from bookings whose day is `QUEUE_PERSONAL_DATA_DAYS` past."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat
from django.tasks import task
from django.utils import timezone

from satupintu.core import audit
from satupintu.core.periodic import every
from satupintu.queues import notify
from satupintu.queues.models import Booking, BookingEvent
from satupintu.queues.workflow import check_booking


def send_reminders(today=None) -> int:
    tomorrow = (today or timezone.localdate()) + timedelta(days=1)
    sent = 0
    pending = Booking.objects.filter(
        day=tomorrow, status=Booking.Status.BOOKED, reminder_sent=False
    ).select_related("site", "service")
    for booking in pending:
        with transaction.atomic():
            if Booking.objects.filter(pk=booking.pk, reminder_sent=False).update(
                reminder_sent=True
            ):
                notify.reminder(booking)
                sent += 1
    return sent


@every(hours=1)
@task()
def remind_tomorrow():
    return send_reminders()


def mark_no_shows(today=None) -> int:
    """Bookings of past days that never checked in: no-show (a new status row each)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        rows = list(
            Booking.objects.select_for_update().filter(day__lt=today, status=Booking.Status.BOOKED)
        )
        for booking in rows:
            check_booking(booking.status, Booking.Status.NO_SHOW)
        Booking.objects.filter(pk__in=[b.pk for b in rows]).update(
            status=Booking.Status.NO_SHOW, holds_place=False
        )
        BookingEvent.objects.bulk_create(
            [
                BookingEvent(booking=b, status=Booking.Status.NO_SHOW, note="tidak check-in")
                for b in rows
            ]
        )
        if rows:
            audit.record("queues.no_shows_marked", data={"bookings": len(rows)})
    return len(rows)


def purge_personal_data(today=None) -> int:
    """Empty name, contacts, NIK and record number of bookings whose day is long past (their
    places are long used or gone); one audit event with the count."""
    cutoff = (today or timezone.localdate()) - timedelta(days=settings.QUEUE_PERSONAL_DATA_DAYS)
    with transaction.atomic():
        purged = (
            Booking.objects.filter(day__lt=cutoff)
            .exclude(identity_index__startswith="purged:")
            .update(
                name="",
                phone="",
                email="",
                nik="",
                mrn="",
                nik_index="",
                identity_index=Concat(Value("purged:"), Cast(F("pk"), output_field=CharField())),
            )
        )
        if purged:
            audit.record("queues.personal_data_purged", data={"bookings": purged})
    return purged


@every(hours=24)
@task()
def close_past_days():
    return {"no_shows": mark_no_shows(), "purged": purge_personal_data()}
