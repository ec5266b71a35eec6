"""Places, taken and given back by the database itself.

Each place is a conditional UPDATE on a counter row: `taken = taken + 1 WHERE taken <
capacity`. The database answers "1 row" (the place is ours) or "0 rows" (full); no count is
ever read in Python and written back, so two thousand requests at once for a hundred places
give exactly a hundred bookings, on SQLite (one writer at a time) as on PostgreSQL (the
UPDATE locks the row until the transaction ends). A CHECK constraint (`taken <= capacity`)
backs it up.
"""

from django.db.models import F, Value
from django.db.models.functions import Greatest

from satupintu.queues.calendar import practitioner_ref
from satupintu.queues.models import DayCounter, NumberCounter, SlotCounter


def _day_row(service, practitioner, day):
    """The day's counter row; a quota changed since it was made applies (never below what is
    already taken)."""
    row, created = DayCounter.objects.get_or_create(
        service=service,
        practitioner_ref=practitioner_ref(practitioner),
        day=day,
        defaults={
            "online_capacity": service.online_quota,
            "walkin_capacity": service.walkin_quota,
        },
    )
    if not created and (
        row.online_capacity != service.online_quota or row.walkin_capacity != service.walkin_quota
    ):
        DayCounter.objects.filter(pk=row.pk).update(
            online_capacity=Greatest(F("online_taken"), Value(service.online_quota)),
            walkin_capacity=Greatest(F("walkin_taken"), Value(service.walkin_quota)),
        )
    return row


def take_online(service, practitioner, day, starts) -> bool:
    """One online place in the slot and in the day's quota, or False (nothing taken)."""
    ref = practitioner_ref(practitioner)
    _day_row(service, practitioner, day)
    slot, created = SlotCounter.objects.get_or_create(
        service=service,
        practitioner_ref=ref,
        day=day,
        starts=starts,
        defaults={"capacity": service.slot_capacity},
    )
    if not created and slot.capacity != service.slot_capacity:
        SlotCounter.objects.filter(pk=slot.pk).update(
            capacity=Greatest(F("taken"), Value(service.slot_capacity))
        )
    got_day = DayCounter.objects.filter(
        service=service, practitioner_ref=ref, day=day, online_taken__lt=F("online_capacity")
    ).update(online_taken=F("online_taken") + 1)
    if not got_day:
        return False
    got_slot = SlotCounter.objects.filter(
        service=service, practitioner_ref=ref, day=day, starts=starts, taken__lt=F("capacity")
    ).update(taken=F("taken") + 1)
    if not got_slot:
        # Give the day's place back in the same transaction (the caller rolls back anyway).
        DayCounter.objects.filter(service=service, practitioner_ref=ref, day=day).update(
            online_taken=F("online_taken") - 1
        )
        return False
    return True


def release_online(service, practitioner, day, starts) -> None:
    ref = practitioner_ref(practitioner)
    SlotCounter.objects.filter(
        service=service, practitioner_ref=ref, day=day, starts=starts, taken__gt=0
    ).update(taken=F("taken") - 1)
    DayCounter.objects.filter(
        service=service, practitioner_ref=ref, day=day, online_taken__gt=0
    ).update(online_taken=F("online_taken") - 1)


def take_walk_in(service, day) -> bool:
    _day_row(service, None, day)
    return bool(
        DayCounter.objects.filter(
            service=service, practitioner_ref=0, day=day, walkin_taken__lt=F("walkin_capacity")
        ).update(walkin_taken=F("walkin_taken") + 1)
    )


def next_number(service, day) -> int:
    """The next ticket number of the service on the day (the UPDATE holds the row)."""
    NumberCounter.objects.get_or_create(service=service, day=day)
    NumberCounter.objects.filter(service=service, day=day).update(last_number=F("last_number") + 1)
    return NumberCounter.objects.get(service=service, day=day).last_number
