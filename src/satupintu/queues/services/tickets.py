"""The day at the site: check-in at the kiosk, walk-in tickets, and the counter console.

Where a ticket stands in its queue is one value, `queue_key` (lowest called first), set by
the site's rules (data on `Site`):
- a booking checked in on time keeps its slot's start; more than `late_after_minutes` after
  it, it goes to the back (the time of check-in);
- a walk-in is placed at the time it was taken;
- a priority visitor (elderly, disabled, pregnant) is placed `priority_advance_minutes` earlier;
- absent when called: to the back once (`absent_count`), then no-show.
"""

from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.queues import calendar, notify
from satupintu.queues.models import Booking, BookingEvent, Counter, Site, Ticket, TicketEvent
from satupintu.queues.services import capacity
from satupintu.queues.workflow import NotAllowed, check_booking, ticket_target

T = Ticket.Status
B = Booking.Status
NEAR_POSITION = 3  # "your turn is near" goes to the booking this many places behind a call


def board_cache_key(site_id: int) -> str:
    return f"queues:board-version:{site_id}"


def bump_board(site_id: int) -> None:
    """A new version of the site's board (the ETag of its JSON); the cache forgets the old."""
    Site.objects.filter(pk=site_id).update(board_version=F("board_version") + 1)
    transaction.on_commit(lambda: cache.delete(board_cache_key(site_id)), robust=True)


def priority_key(site, when, priority: bool):
    return when - timedelta(minutes=site.priority_advance_minutes) if priority else when


def _new_ticket(
    site,
    service,
    *,
    booking=None,
    priority=False,
    queue_key=None,
    now=None,
    counter=None,
    transferred_from=None,
    walk_in=False,
):
    now = now or timezone.now()
    day = timezone.localdate(now)
    number = capacity.next_number(service, day)
    ticket = Ticket.objects.create(
        site=site,
        service=service,
        day=day,
        number=number,
        label=f"{service.prefix}-{number:03d}",
        booking=booking,
        walk_in=walk_in,
        priority=priority,
        queue_key=priority_key(site, queue_key or now, priority),
        checked_in_at=now,
        counter=counter,
        transferred_from=transferred_from,
    )
    TicketEvent.objects.create(ticket=ticket, action="issue", status=T.WAITING, counter=counter)
    return ticket


def check_in(site, code: str, *, priority=False, actor=None) -> Ticket:
    """The kiosk: today's booking at this site, by its code, becomes a queue number."""
    now = timezone.now()
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update()
            .filter(site=site, code=code.strip().upper())
            .select_related("service")
            .first()
        )
        if booking is None or booking.day != timezone.localdate(now):
            raise NotAllowed(_("Kode booking tidak ditemukan untuk hari ini di lokasi ini."))
        if booking.status != B.BOOKED:
            existing = getattr(booking, "ticket", None)
            if booking.status == B.CHECKED_IN and existing is not None:
                return existing
            raise NotAllowed(_("Booking ini sudah tidak berlaku."))
        slot_at = calendar.slot_datetime(booking.day, booking.slot_start)
        late = now > slot_at + timedelta(minutes=site.late_after_minutes)
        ticket = _new_ticket(
            site,
            booking.service,
            booking=booking,
            priority=priority,
            queue_key=now if late else min(slot_at, now),
        )
        check_booking(booking.status, B.CHECKED_IN)
        booking.status = B.CHECKED_IN
        booking.save(update_fields=["status"])
        BookingEvent.objects.create(
            booking=booking, status=B.CHECKED_IN, actor=actor, note="terlambat" if late else ""
        )
        audit.record(
            "queues.checked_in",
            actor=actor,
            obj=booking,
            data={"ticket": ticket.label, "late": late},
        )
        bump_board(site.pk)
    return ticket


def walk_in(site, service, *, priority=False, actor=None) -> Ticket:
    if service.site_id != site.pk or not service.is_active:
        raise NotAllowed(_("Layanan tidak tersedia di lokasi ini."))
    with transaction.atomic():
        if not capacity.take_walk_in(service, timezone.localdate()):
            raise NotAllowed(_("Kuota antrean datang langsung untuk hari ini sudah habis."))
        ticket = _new_ticket(site, service, priority=priority, walk_in=True)
        audit.record("queues.walk_in", actor=actor, obj=ticket, data={"service": service.pk})
        bump_board(site.pk)
    return ticket


# --- The counter console -------------------------------------------------------------------


def _act(ticket, action, *, counter=None, actor=None, audited=True, **fields):
    target = ticket_target(action, ticket.status)
    changed = Ticket.objects.filter(pk=ticket.pk, status=ticket.status).update(
        status=target, **fields
    )
    if not changed:
        raise NotAllowed(_("Nomor ini baru saja diubah di loket lain. Muat ulang."))
    ticket.refresh_from_db()
    TicketEvent.objects.create(
        ticket=ticket, action=action, status=target, counter=counter or ticket.counter, actor=actor
    )
    if audited:
        audit.record(f"queues.ticket_{action}", actor=actor, obj=ticket)
    bump_board(ticket.site_id)
    return ticket


def active_ticket(counter):
    return (
        Ticket.objects.filter(counter=counter, status__in=[T.CALLED, T.SERVING])
        .order_by("-called_at")
        .first()
    )


def waiting_for(counter, day=None):
    day = day or timezone.localdate()
    return Ticket.objects.filter(
        site_id=counter.site_id,
        day=day,
        status=T.WAITING,
        service__in=counter.services.all(),
    ).filter(Q(counter=None) | Q(counter=counter))


def call_next(counter, *, actor=None):
    """The first waiting ticket for this counter's services; None when nobody waits.

    The counter's row is locked first, so two consoles of one counter pressing at once call
    one person, not two; the ticket is claimed with a conditional UPDATE, so two counters
    never call the same person."""
    with transaction.atomic():
        counter = Counter.objects.select_for_update().get(pk=counter.pk)
        if counter.is_paused:
            raise NotAllowed(_("Loket sedang dijeda. Lanjutkan dulu."))
        current = active_ticket(counter)
        if current is not None:
            raise NotAllowed(_("Selesaikan dulu nomor %(label)s.") % {"label": current.label})
        for _attempt in range(5):
            candidate = waiting_for(counter).order_by("queue_key", "pk").first()
            if candidate is None:
                return None
            try:
                with transaction.atomic():
                    ticket = _act(
                        candidate,
                        "call",
                        counter=counter,
                        actor=actor,
                        counter_id=counter.pk,
                        called_at=timezone.now(),
                    )
            except NotAllowed:
                continue  # another counter called it first: take the next one
            behind = waiting_for(counter).order_by("queue_key", "pk").select_related("booking")
            for near in behind[NEAR_POSITION - 1 : NEAR_POSITION]:
                notify.turn_near(near)
            return ticket
    return None


def _locked(ticket):
    return Ticket.objects.select_for_update().get(pk=ticket.pk)


def recall(ticket, *, actor=None):
    with transaction.atomic():
        return _act(_locked(ticket), "recall", actor=actor, called_at=timezone.now())


def serve(ticket, *, actor=None):
    with transaction.atomic():
        return _act(_locked(ticket), "serve", actor=actor, served_at=timezone.now())


def _close_booking(ticket, status, actor):
    if ticket.booking_id is None:
        return
    booking = Booking.objects.select_for_update().get(pk=ticket.booking_id)
    if booking.status == B.CHECKED_IN:
        booking.status = status
        booking.holds_place = False
        booking.save(update_fields=["status", "holds_place"])
        BookingEvent.objects.create(booking=booking, status=status, actor=actor)


def finish(ticket, *, actor=None):
    now = timezone.now()
    with transaction.atomic():
        ticket = _locked(ticket)
        ticket = _act(
            ticket, "finish", actor=actor, finished_at=now, served_at=ticket.served_at or now
        )
        _close_booking(ticket, B.DONE, actor)
        return ticket


def absent(ticket, *, actor=None):
    """Not there when called: back to the end of the queue once, then a no-show."""
    now = timezone.now()
    with transaction.atomic():
        ticket = _locked(ticket)
        if ticket.absent_count >= 1:
            ticket_target("absent", ticket.status)
            Ticket.objects.filter(pk=ticket.pk).update(status=T.NO_SHOW, finished_at=now)
            ticket.refresh_from_db()
            TicketEvent.objects.create(
                ticket=ticket,
                action="no_show",
                status=T.NO_SHOW,
                counter=ticket.counter,
                actor=actor,
            )
            audit.record("queues.ticket_no_show", actor=actor, obj=ticket)
            _close_booking(ticket, B.NO_SHOW, actor)
            bump_board(ticket.site_id)
            return ticket
        return _act(
            ticket,
            "absent",
            actor=actor,
            counter_id=None,
            queue_key=now,
            absent_count=ticket.absent_count + 1,
            called_at=None,
        )


OPEN = (T.WAITING, T.CALLED, T.SERVING)
CLOSED_BY_BOOKING = {B.DONE: T.DONE, B.NO_SHOW: T.NO_SHOW}


def close_for_booking(booking, status, *, actor=None, note: str = ""):
    """The booking was closed elsewhere (the hospital's system reports the appointment
    fulfilled or a no-show): its open ticket, if any, leaves the queue the same way, so no
    counter calls it and the board forgets it. Part of the caller's transaction; returns the
    ticket closed, or None. `served_at` stays as the counter left it: a visit the counter
    never served adds no service time to the figures."""
    target = CLOSED_BY_BOOKING.get(status)
    if target is None:
        return None
    ticket = Ticket.objects.select_for_update().filter(booking=booking, status__in=OPEN).first()
    if ticket is None:
        return None
    Ticket.objects.filter(pk=ticket.pk).update(status=target, finished_at=timezone.now())
    ticket.refresh_from_db()
    TicketEvent.objects.create(
        ticket=ticket, action="closed", status=target, counter=ticket.counter, actor=actor
    )
    audit.record(
        "queues.ticket_closed", actor=actor, obj=ticket, data={"status": target, "note": note}
    )
    bump_board(ticket.site_id)
    return ticket


def transfer(ticket, *, service=None, counter=None, actor=None):
    """Send the visitor on (registration → polyclinic, or to another counter): this ticket is
    done here; a new one waits in the target service, ahead of later arrivals."""
    now = timezone.now()
    with transaction.atomic():
        ticket = _locked(ticket)
        target_service = service or ticket.service
        if target_service.site_id != ticket.site_id:
            raise NotAllowed(_("Tujuan tidak ada di lokasi ini."))
        if counter is not None and (
            counter.site_id != ticket.site_id
            or not counter.services.filter(pk=target_service.pk).exists()
        ):
            raise NotAllowed(_("Loket tujuan tidak melayani layanan itu."))
        if service is None and counter is None:
            raise NotAllowed(_("Pilih layanan atau loket tujuan."))
        done = _act(
            ticket,
            "transfer",
            actor=actor,
            audited=False,  # one event below names both tickets
            finished_at=now,
            served_at=ticket.served_at or now,
        )
        new = _new_ticket(
            ticket.site,
            target_service,
            priority=ticket.priority,
            queue_key=now,
            counter=counter,
            transferred_from=done,
        )
        if ticket.booking_id:
            Ticket.objects.filter(pk=done.pk).update(booking=None)
            Ticket.objects.filter(pk=new.pk).update(booking_id=ticket.booking_id)
            new.booking_id = ticket.booking_id
        audit.record(
            "queues.ticket_transferred",
            actor=actor,
            obj=new,
            data={"from": done.pk, "counter": counter.pk if counter else None},
        )
        return new


def pause(counter: Counter, *, paused: bool, actor=None) -> Counter:
    with transaction.atomic():
        Counter.objects.filter(pk=counter.pk).update(is_paused=paused)
        counter.is_paused = paused
        audit.record(
            "queues.counter_paused" if paused else "queues.counter_resumed",
            actor=actor,
            obj=counter,
        )
        bump_board(counter.site_id)
    return counter
