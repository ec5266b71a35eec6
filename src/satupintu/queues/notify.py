"""Messages about a booking, queued in the outbox (delivered after commit, retried).

The private link (`/antrean/b/<code>/<secret>/`) is only known when the booking is made or
rescheduled (the secret is kept hashed), so it goes in the confirmation; reminders name the
code and the ticket page."""

from django.conf import settings
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from satupintu.notifications.models import OutboxMessage
from satupintu.notifications.push import queue_push
from satupintu.notifications.services import queue_message


def private_url(booking, secret: str) -> str:
    path = reverse("queues:booking_secret", args=[booking.code, secret])
    return f"{settings.PUBLIC_BASE_URL}{path}"


def ticket_url(booking) -> str:
    return f"{settings.PUBLIC_BASE_URL}{reverse('queues:ticket', args=[booking.code])}"


def home_url() -> str:
    return f"{settings.PUBLIC_BASE_URL}{reverse('queues:home')}"


def _when(booking) -> str:
    return f"{formats.date_format(booking.day, 'l, j F Y')} {booking.slot_start:%H.%M}"


def send(booking, key: str, subject: str, body: str) -> None:
    if booking.phone:
        queue_message(
            channel=OutboxMessage.Channel.SMS,
            recipient=booking.phone,
            body=body,
            dedupe_key=f"{key}:sms",
            reference=booking.code,
        )
    if booking.email:
        queue_message(
            channel=OutboxMessage.Channel.EMAIL,
            recipient=booking.email,
            subject=subject,
            body=body,
            dedupe_key=f"{key}:email",
            reference=booking.code,
        )


def booked(booking, secret: str, *, rescheduled: bool = False) -> None:
    values = {
        "code": booking.code,
        "site": booking.site.name,
        "service": booking.service.name,
        "when": _when(booking),
        "link": private_url(booking, secret),
    }
    if rescheduled:
        subject = _("Jadwal antrean %(code)s diubah") % values
    else:
        subject = _("Booking antrean %(code)s") % values
    body = (
        _(
            "Booking antrean %(code)s: %(service)s di %(site)s, %(when)s. Tunjukkan kode ini "
            "di kios pendaftaran. Ubah jadwal atau batalkan lewat tautan pribadi ini (jangan "
            "dibagikan): %(link)s"
        )
        % values
    )
    send(booking, f"queue-booked:{booking.code}:{booking.day}:{booking.slot_start}", subject, body)


def cancelled(booking, reason: str = "") -> None:
    body = _("Booking antrean %(code)s (%(when)s) dibatalkan.") % {
        "code": booking.code,
        "when": _when(booking),
    }
    if reason:
        body = f"{body} {reason}"
    send(booking, f"queue-cancelled:{booking.code}", _("Booking dibatalkan"), body)


def reminder(booking) -> None:
    body = _(
        "Pengingat: besok %(when)s Anda terdaftar di %(service)s, %(site)s. Kode booking "
        "%(code)s. Tiket: %(url)s"
    ) % {
        "when": _when(booking),
        "service": booking.service.name,
        "site": booking.site.name,
        "code": booking.code,
        "url": ticket_url(booking),
    }
    send(booking, f"queue-reminder:{booking.code}:{booking.day}", _("Pengingat antrean"), body)


def turn_near(ticket) -> None:
    booking = ticket.booking
    if booking is None:
        return
    body = _("Nomor antrean %(label)s: giliran Anda sebentar lagi. Mohon bersiap.") % {
        "label": ticket.label
    }
    send(booking, f"queue-near:{ticket.pk}", _("Giliran Anda sebentar lagi"), body)
    queue_push(
        booking.user_id,
        title=_("Giliran Anda sebentar lagi"),
        body=body,
        url=reverse("queues:ticket", args=[booking.code]),
        dedupe_key=f"queue-near:{ticket.pk}",
        reference=booking.code,
    )
