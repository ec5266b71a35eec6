"""Many people booking the last places at once, on real connections (one per thread) to the
test database: the database hands out exactly the places there are, the rest get the
"full" refusal, nothing errors. The same for two counters calling at the same moment."""

import threading

import pytest
from django.db import connection

from satupintu.queues import services
from satupintu.queues.models import Booking, SlotCounter, Ticket
from satupintu.queues.services import BookingRefused
from satupintu.queues.tests.conftest import request_for
from satupintu.queues.workflow import NotAllowed

PEOPLE = 40


def _run_all(target, count):
    barrier = threading.Barrier(count)
    results = []

    def worker(n):
        try:
            barrier.wait()
            results.append(("ok", target(n)))
        except (BookingRefused, NotAllowed) as exc:
            results.append(("refused", str(exc)))
        except Exception as exc:  # noqa: BLE001 - every other outcome is a failure
            results.append(("error", repr(exc)))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_get_exactly_the_places_there_are(office):
    service = office.services.get(prefix="A")  # 2 places in the 08:00 slot

    def book(n):
        return services.book(request_for(service, phone=f"+628123450{n:04d}"))[0].code

    results = _run_all(book, PEOPLE)
    outcomes = [kind for kind, _ in results]
    assert outcomes.count("error") == 0, [r for r in results if r[0] == "error"]
    assert outcomes.count("ok") == 2
    assert outcomes.count("refused") == PEOPLE - 2
    assert all("penuh" in text for kind, text in results if kind == "refused")
    assert Booking.objects.count() == 2
    assert SlotCounter.objects.get(service=service).taken == 2


@pytest.mark.django_db(transaction=True)
def test_counters_calling_at_once_never_share_a_ticket(office):
    service = office.services.get(prefix="A")
    other = office.services.get(prefix="B")
    for _ in range(2):
        services.walk_in(office, service)
    for _ in range(3):
        services.walk_in(office, other)
    counters = list(office.counters.all()) * 2  # two consoles per counter, pressing at once

    def call(n):
        ticket = services.call_next(counters[n])
        return ticket.pk if ticket else None

    results = _run_all(call, len(counters))
    assert [kind for kind, _ in results].count("error") == 0, results
    # The second console of a counter is told to finish the number its twin just called.
    assert all("Selesaikan dulu" in text for kind, text in results if kind == "refused")
    called = [pk for kind, pk in results if kind == "ok" and pk]
    assert len(called) == len(set(called))
    assert Ticket.objects.filter(status=Ticket.Status.CALLED).count() == len(called)
    assert len(called) == 2  # one active ticket per counter
