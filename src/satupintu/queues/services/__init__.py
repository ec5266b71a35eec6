"""Writes of the queues app, split by concern: `bookings` (book, cancel, reschedule, doctor
leave), `tickets` (kiosk check-in, walk-ins, the counter console), `capacity` (the counter
rows the database keeps honest). Each public function is one transaction with one audit
event; messages are queued in the outbox and delivered after commit."""

from satupintu.queues.services.bookings import (  # noqa: F401
    BookingRefused,
    BookingRequest,
    book,
    cancel,
    record_leave,
    reschedule,
)
from satupintu.queues.services.tickets import (  # noqa: F401
    absent,
    call_next,
    check_in,
    finish,
    pause,
    recall,
    serve,
    transfer,
    walk_in,
)
