"""When a site is open and which slots a service (or a doctor) offers on a day, with the
places left. Reads only; the places themselves are taken in `services.capacity`."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from satupintu.core.workdays import is_holiday
from satupintu.queues.models import (
    ClosedDay,
    DayCounter,
    Leave,
    OpeningHours,
    PracticeSchedule,
    SlotCounter,
)


@dataclass(frozen=True)
class Slot:
    starts: time
    capacity: int
    free: int


@dataclass(frozen=True)
class Day:
    day: date
    open: bool
    free: int
    slots: tuple[Slot, ...] = ()


def is_closed(site, day: date) -> bool:
    """National holidays, cuti bersama and local holidays (core's table), and the site's own."""
    return is_holiday(day) or ClosedDay.objects.filter(site=site, date=day).exists()


def on_leave(practitioner, day: date) -> bool:
    return Leave.objects.filter(practitioner=practitioner, starts__lte=day, ends__gte=day).exists()


def windows(service, day: date, practitioner=None) -> list[tuple[time, time]]:
    """Opening windows of the service on `day` (the doctor's practice hours at a polyclinic)."""
    if is_closed(service.site, day):
        return []
    if practitioner is not None:
        if on_leave(practitioner, day):
            return []
        rows = PracticeSchedule.objects.filter(
            practitioner=practitioner, service=service, weekday=day.weekday()
        )
        return [(r.starts, r.ends) for r in rows]
    rows = OpeningHours.objects.filter(site=service.site, weekday=day.weekday())
    return [(r.opens, r.closes) for r in rows]


def slot_starts(service, day: date, practitioner=None) -> list[time]:
    step = timedelta(minutes=service.slot_minutes)
    starts = []
    for opens, closes in windows(service, day, practitioner):
        current = datetime.combine(day, opens)
        end = datetime.combine(day, closes)
        while current + step <= end:
            starts.append(current.time())
            current += step
    return starts


def practitioner_ref(practitioner) -> int:
    return practitioner.pk if practitioner is not None else 0


def slot_datetime(day: date, starts: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, starts))


def day_plan(service, day: date, practitioner=None, now=None) -> Day:
    now = now or timezone.now()
    starts = [s for s in slot_starts(service, day, practitioner) if slot_datetime(day, s) > now]
    if not starts:
        return Day(day=day, open=False, free=0)
    ref = practitioner_ref(practitioner)
    taken = dict(
        SlotCounter.objects.filter(service=service, practitioner_ref=ref, day=day).values_list(
            "starts", "taken"
        )
    )
    counter = DayCounter.objects.filter(service=service, practitioner_ref=ref, day=day).first()
    day_left = service.online_quota - (counter.online_taken if counter else 0)
    slots = []
    for s in starts:
        free = max(0, service.slot_capacity - taken.get(s, 0))
        slots.append(Slot(starts=s, capacity=service.slot_capacity, free=min(free, day_left)))
    free = min(day_left, sum(s.free for s in slots))
    return Day(day=day, open=True, free=max(0, free), slots=tuple(slots))


def bookable_days(service, practitioner=None, today=None) -> list[Day]:
    today = today or timezone.localdate()
    return [
        day_plan(service, today + timedelta(days=n), practitioner)
        for n in range(service.site.booking_days)
    ]
