"""The day at the site: kiosk check-in, late-arrival and priority rules, walk-in quota, the
counter console (call, recall, absent once, serve, finish, transfer, pause), doctor leave."""

from datetime import time, timedelta

import pytest

from satupintu.core.models import AuditEvent
from satupintu.notifications.models import OutboxMessage
from satupintu.queues import calendar, selectors, services
from satupintu.queues.models import Booking, Ticket
from satupintu.queues.tests.conftest import MONDAY, NIK, NIK_2, request_for
from satupintu.queues.workflow import NotAllowed

pytestmark = pytest.mark.django_db
T = Ticket.Status


def _book(service, hhmm, n, **kw):
    return services.book(request_for(service, hhmm=hhmm, phone=f"+62812345671{n:02d}", **kw))[0]


def test_check_in_by_code_gives_a_number(office, clock):
    service = office.services.get(prefix="A")
    booking = _book(service, "08:00", 1)
    clock.move_to(calendar.slot_datetime(MONDAY, time(7, 50)), tick=False)
    ticket = services.check_in(office, booking.code.lower())
    assert ticket.label == "A-001" and ticket.booking == booking
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CHECKED_IN
    # Checking in again shows the same number.
    assert services.check_in(office, booking.code).pk == ticket.pk


def test_unknown_code_or_other_day_is_refused(office):
    with pytest.raises(NotAllowed):
        services.check_in(office, "ANT-XXXXXX")


def test_late_arrival_goes_to_the_back(office, clock):
    service = office.services.get(prefix="A")
    in_grace = _book(service, "08:00", 1)
    late = _book(service, "08:00", 2)

    def move(hhmm):
        clock.move_to(calendar.slot_datetime(MONDAY, time.fromisoformat(hhmm)), tick=False)

    move("08:05")
    walk = services.walk_in(office, service)
    move("08:10")  # 10 minutes late: within the site's 15, keeps the slot's place
    t_in_grace = services.check_in(office, in_grace.code)
    move("08:20")  # 20 minutes late: behind everyone already there
    t_late = services.check_in(office, late.code)
    assert list(selectors.waiting_order(service)) == [t_in_grace, walk, t_late]


def test_priority_moves_forward_by_the_sites_rule(office, clock):
    service = office.services.get(prefix="A")
    first = services.walk_in(office, service)
    clock.move_to(calendar.slot_datetime(MONDAY, time(7, 20)), tick=False)
    elderly = services.walk_in(office, service, priority=True)  # 20 min later, 30 min ahead
    assert list(selectors.waiting_order(service)) == [elderly, first]


def test_walk_in_quota(office):
    service = office.services.get(prefix="A")  # 2 walk-ins a day
    services.walk_in(office, service)
    services.walk_in(office, service)
    with pytest.raises(NotAllowed, match="habis"):
        services.walk_in(office, service)


def test_console_call_serve_finish(office, loket_a):
    service = office.services.get(prefix="A")
    counter = office.counters.get(number=1)
    a1 = services.walk_in(office, service)
    a2 = services.walk_in(office, service)
    version = type(office).objects.get(pk=office.pk).board_version
    called = services.call_next(counter, actor=loket_a)
    assert called.pk == a1.pk and called.status == T.CALLED and called.counter == counter
    assert type(office).objects.get(pk=office.pk).board_version > version
    with pytest.raises(NotAllowed, match="Selesaikan dulu"):
        services.call_next(counter)
    services.recall(called)
    services.serve(called)
    done = services.finish(called)
    assert done.status == T.DONE and done.finished_at
    assert services.call_next(counter).pk == a2.pk
    assert AuditEvent.objects.filter(action="queues.ticket_call").count() == 2


def test_two_counters_never_call_the_same_ticket(office):
    service = office.services.get(prefix="A")
    services.walk_in(office, service)
    first = services.call_next(office.counters.get(number=1))
    assert services.call_next(office.counters.get(number=2)) is None
    assert first.status == T.CALLED


def test_absent_goes_to_the_end_once_then_no_show(office, clock):
    service = office.services.get(prefix="A")
    counter = office.counters.get(number=1)
    a1 = services.walk_in(office, service)
    a2 = services.walk_in(office, service)
    services.call_next(counter)
    clock.move_to(calendar.slot_datetime(MONDAY, time(7, 5)), tick=False)
    back = services.absent(Ticket.objects.get(pk=a1.pk))
    assert back.status == T.WAITING and back.absent_count == 1
    assert services.call_next(counter).pk == a2.pk
    services.finish(Ticket.objects.get(pk=a2.pk))
    again = services.call_next(counter)
    assert again.pk == a1.pk
    gone = services.absent(again)
    assert gone.status == T.NO_SHOW


def test_no_show_of_a_booking(office, clock):
    service = office.services.get(prefix="A")
    booking = _book(service, "08:00", 1)
    ticket = services.check_in(office, booking.code)
    counter = office.counters.get(number=1)
    for _ in range(2):
        services.call_next(counter)
        services.absent(Ticket.objects.get(pk=ticket.pk))
    booking.refresh_from_db()
    assert booking.status == Booking.Status.NO_SHOW


def test_transfer_registration_to_polyclinic(rsud):
    registration = rsud.services.get(prefix="R")
    poli = rsud.services.get(prefix="B")
    room = rsud.counters.get(number=2)
    reg_ticket = services.walk_in(rsud, registration)
    called = services.call_next(rsud.counters.get(number=1))
    assert called.pk == reg_ticket.pk
    new = services.transfer(called, service=poli, counter=room)
    assert new.label == "B-001" and new.transferred_from_id == reg_ticket.pk
    assert Ticket.objects.get(pk=reg_ticket.pk).status == T.DONE
    assert services.call_next(room).pk == new.pk


def test_transfer_to_a_counter_that_does_not_serve_it_is_refused(rsud):
    registration = rsud.services.get(prefix="R")
    services.walk_in(rsud, registration)
    called = services.call_next(rsud.counters.get(number=1))
    with pytest.raises(NotAllowed):
        services.transfer(called, service=registration, counter=rsud.counters.get(number=2))


def test_paused_counter_calls_nobody(office):
    counter = office.counters.get(number=1)
    services.walk_in(office, office.services.get(prefix="A"))
    services.pause(counter, paused=True)
    with pytest.raises(NotAllowed, match="dijeda"):
        services.call_next(counter)
    services.pause(counter, paused=False)
    assert services.call_next(counter) is not None


def test_turn_near_message(office, clock):
    service = office.services.get(prefix="A")
    bookings = [
        _book(service, hhmm, n) for n, hhmm in enumerate(["08:00", "08:00", "08:30", "08:30"])
    ]
    for b in bookings:
        services.check_in(office, b.code)
    services.call_next(office.counters.get(number=1))
    near = OutboxMessage.objects.filter(dedupe_key__startswith="queue-near")
    assert near.count() == 1 and "sebentar lagi" in near.get().body


def test_doctor_leave_moves_or_cancels_bookings(rsud):
    poli = rsud.services.get(prefix="B")
    satu, dua = rsud.practitioners.order_by("name")
    moved = _book(poli, "08:00", 1, practitioner=satu, nik=NIK)
    # Fill doctor Dua's schedule so the next one cannot move.
    for n, hhmm in enumerate(
        ["08:00", "08:00", "08:30", "08:30", "09:00", "09:00", "09:30", "09:30"]
    ):
        _book(poli, hhmm, 20 + n, practitioner=dua, mrn=f"RM-{n}")
    result = services.record_leave(satu, starts=MONDAY, ends=MONDAY)
    assert result == {"moved": 0, "cancelled": 1}
    moved.refresh_from_db()
    assert moved.status == Booking.Status.CANCELLED
    assert OutboxMessage.objects.filter(dedupe_key__startswith=f"queue-cancelled:{moved.code}")
    # On Tuesday doctor Dua has room: the booking moves to them.
    tuesday = MONDAY + timedelta(days=1)
    other = _book(poli, "08:00", 2, practitioner=satu, nik=NIK_2, day=tuesday)
    assert services.record_leave(satu, starts=tuesday, ends=tuesday) == {"moved": 1, "cancelled": 0}
    other.refresh_from_db()
    assert other.practitioner == dua and other.status == Booking.Status.BOOKED
    assert calendar.slot_starts(poli, tuesday, satu) == []


def test_each_console_action_is_one_audit_event(rsud):
    registration = rsud.services.get(prefix="R")
    services.walk_in(rsud, registration)
    called = services.call_next(rsud.counters.get(number=1))
    last = AuditEvent.objects.order_by("-seq").first().seq
    new = services.transfer(called, service=rsud.services.get(prefix="B"))
    event = AuditEvent.objects.get(seq__gt=last)
    assert event.action == "queues.ticket_transferred" and event.object_label == new.label
