"""Seed and check for the queue suite (bench/queues.py), run as a child process with the
bench environment: `seed` writes a state file, `check` counts what the database holds.

The site (`bench-antrean`, Disdukcapil, open every day 08:00–16:00) has:
- `A` (burst): one 08:00 slot of 100 places and an online quota of 100 a day, so every
  booking of the burst competes for the same row;
- `B` (latency): places enough for every booking the latency run makes;
- `C` and `D` (walk-in queues for today, 300 waiting tickets each, bulk-inserted as a seed),
  called by counter 1 (C) and counter 2 (D) from the two consoles;
and a counter officer with a TOTP-verified session (written as login() would).
"""

import argparse
import json
import os
import sys
import time as clock
from datetime import datetime, time, timedelta
from pathlib import Path

SLUG = "bench-antrean"
UNIT = "DISDUKCAPIL"
STAFF_EMAIL = "loket@antrean.bench.invalid"
BURST_SLOT = "08:00"
TICKETS_PER_CONSOLE = 300


def staff_session(user) -> str:
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "mfa", "type": "totp", "at": clock.time()}
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.create()
    return session.session_key


def first_open_day(site):
    from django.utils import timezone

    from satupintu.queues import calendar

    today = timezone.localdate()
    for offset in range(1, site.booking_days + 1):
        day = today + timedelta(days=offset)
        if not calendar.is_closed(site, day):
            return day
    raise RuntimeError("no open day in the booking window")


def walk_in_tickets(site, service, count: int) -> None:
    from django.utils import timezone

    from satupintu.queues.models import Ticket

    now = timezone.now()
    today = timezone.localdate()
    Ticket.objects.bulk_create(
        Ticket(
            site=site,
            service=service,
            day=today,
            number=n,
            label=f"{service.prefix}-{n:03d}",
            walk_in=True,
            queue_key=now - timedelta(minutes=count - n),
            checked_in_at=now,
        )
        for n in range(1, count + 1)
    )


def seed() -> dict:
    from allauth.mfa.models import Authenticator

    from satupintu.accounts.models import User
    from satupintu.org.models import Membership, OrgUnit
    from satupintu.queues.models import Counter, OpeningHours, QueueService, Site

    unit = OrgUnit.objects.get(code=UNIT)
    Site.objects.filter(slug=SLUG).update(is_active=False, slug=f"{SLUG}-{int(clock.time())}")
    site = Site.objects.create(org_unit=unit, slug=SLUG, name="Antrean uji beban")
    for weekday in range(7):
        OpeningHours.objects.create(site=site, weekday=weekday, opens=time(8), closes=time(16))

    def service(prefix, name, **quota):
        return QueueService.objects.create(
            site=site, org_unit=unit, prefix=prefix, name=name, slot_minutes=60, **quota
        )

    burst = service("A", "Rebutan 100 tempat", slot_capacity=100, online_quota=100, walkin_quota=0)
    latency = service("B", "Booking biasa", slot_capacity=5_000, online_quota=5_000, walkin_quota=0)
    counters = []
    for number, prefix in ((1, "C"), (2, "D")):
        queue = service(prefix, f"Loket {prefix}", slot_capacity=1, online_quota=0, walkin_quota=1)
        counter = Counter.objects.create(site=site, org_unit=unit, number=number)
        counter.services.set([queue])
        walk_in_tickets(site, queue, TICKETS_PER_CONSOLE)
        counters.append(counter.pk)
    user = User.objects.filter(email=STAFF_EMAIL).first() or User.objects.create_user(
        email=STAFF_EMAIL, full_name="Loket Disdukcapil (uji beban)"
    )
    Membership.objects.get_or_create(user=user, org_unit=unit, role=Membership.Role.COUNTER)
    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "bench"}}
    )
    day = first_open_day(site)
    return {
        "slug": SLUG,
        "site": site.pk,
        "burst_service": burst.pk,
        "latency_service": latency.pk,
        "day": day.isoformat(),
        "slot": BURST_SLOT,
        "counters": counters,
        "session": staff_session(user),
        "seeded_at": datetime.now().isoformat(timespec="seconds"),
    }


def check(state: dict) -> dict:
    """What the database holds after the burst: bookings, the counter rows, refusals leave
    nothing behind."""
    from satupintu.queues.models import Booking, DayCounter, SlotCounter

    bookings = Booking.objects.filter(service_id=state["burst_service"])
    slot = SlotCounter.objects.filter(service_id=state["burst_service"]).first()
    day = DayCounter.objects.filter(service_id=state["burst_service"]).first()
    return {
        "bookings": bookings.count(),
        "holding_place": bookings.filter(holds_place=True).count(),
        "unique_codes": bookings.values("code").distinct().count(),
        "slot_taken": slot.taken if slot else 0,
        "slot_capacity": slot.capacity if slot else 0,
        "day_online_taken": day.online_taken if day else 0,
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["seed", "check"])
    parser.add_argument("--state", type=Path, required=True)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satupintu.settings")
    import django

    django.setup()
    if args.action == "seed":
        args.state.write_text(json.dumps(seed(), indent=2))
    else:
        result = check(json.loads(args.state.read_text()))
        args.output.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
