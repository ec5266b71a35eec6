"""Reminders the day before a booking (every hour; each booking once)."""

from datetime import timedelta

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from satupintu.core.periodic import every
from satupintu.queues import notify
from satupintu.queues.models import Booking


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
