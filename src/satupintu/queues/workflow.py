"""Status tables of bookings and tickets: every change is checked here before a row is added.

A ticket's action names what the counter did (call, recall, absent…); `TICKET_ACTIONS` says
from which statuses it may happen and where it leads (None: the status stays).
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from satupintu.queues.models import Booking, Ticket

B = Booking.Status
T = Ticket.Status

BOOKING_TRANSITIONS = {
    B.BOOKED: {B.CHECKED_IN, B.CANCELLED, B.NO_SHOW},
    B.CHECKED_IN: {B.DONE, B.NO_SHOW},
    B.DONE: set(),
    B.CANCELLED: set(),
    B.NO_SHOW: set(),
}
PLACE_HOLDING = {B.BOOKED, B.CHECKED_IN}

TICKET_ACTIONS = {
    # action: (sources, target)
    "call": ({T.WAITING}, T.CALLED),
    "recall": ({T.CALLED}, None),
    "absent": ({T.CALLED}, T.WAITING),  # to the end of the queue, once; then no_show
    "serve": ({T.CALLED}, T.SERVING),
    "finish": ({T.CALLED, T.SERVING}, T.DONE),
    "transfer": ({T.CALLED, T.SERVING}, T.DONE),
}
ACTION_LABELS = {
    "call": _("Panggil"),
    "recall": _("Panggil ulang"),
    "absent": _("Tidak hadir"),
    "serve": _("Layani"),
    "finish": pgettext_lazy("queue action", "Selesai"),
    "transfer": _("Alihkan"),
}


class NotAllowed(Exception):
    """A change the tables do not allow; the message is shown to the person."""


def check_booking(current: str, target: str) -> None:
    if target not in BOOKING_TRANSITIONS.get(current, set()):
        raise NotAllowed(_("Status booking ini tidak dapat diubah lagi."))


def ticket_target(action: str, current: str) -> str:
    sources, target = TICKET_ACTIONS[action]
    if current not in sources:
        raise NotAllowed(_("Nomor antrean ini tidak dalam status yang tepat untuk tindakan itu."))
    return target or current
